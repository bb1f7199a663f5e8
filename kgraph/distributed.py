"""Extract papers on a Dask cluster, with the output of one process.

Stage contract: the same as :func:`kgraph.extract.extract` — papers in, one
:class:`~kgraph.types.PaperExtraction` per paper out, in input order — so
``kgraph build --engine dask`` writes the same files as a local build.

Papers are sent to the cluster in tasks of ``batch_size`` papers, at most a
few tasks per worker at a time, so the input is read only as fast as results
come back. Each worker process builds the spaCy pipeline once (per thread) and
keeps it. Workers need kgraph installed, at the same version as the client.

Dask is an optional dependency: ``pip install '.[dask]'`` from a kgraph checkout.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .errors import KgraphError
from .parallel import DEFAULT_BATCH_SIZE
from .types import Entity, Link, Paper, PaperExtraction

__all__ = ["extract_dask"]

_LOCAL = threading.local()
_CONNECT_TIMEOUT = "10s"


def _extract_on_worker(papers: list[Paper], batch_size: int) -> list[tuple[tuple[Entity, ...], tuple[Link, ...]]]:
    from .extract import extract, make_nlp

    nlp = getattr(_LOCAL, "nlp", None)
    if nlp is None:
        nlp = _LOCAL.nlp = make_nlp()
    return [(x.entities, x.links) for x in extract(papers, nlp, batch_size=batch_size)]


def _import_dask() -> Any:
    try:
        from dask import distributed
    except ImportError:
        raise KgraphError("--engine dask needs Dask, which is not installed: pip install '.[dask]' in the kgraph checkout (or pip install 'dask[distributed]')") from None
    return distributed


def _connect(distributed: Any, scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """Return ``(client, cluster)``; ``cluster`` is the LocalCluster started here, or None."""
    if scheduler is None:
        try:
            cluster = distributed.LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,  # logging.ERROR
            )
        except OSError as err:
            raise KgraphError(f"can't start a local Dask cluster ({err})") from None
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as err:
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise KgraphError(
            f"can't reach the Dask scheduler at '{scheduler}' ({message}); start one with 'dask scheduler' "
            "and give its address, e.g. tcp://host:8786"
        ) from None


def extract_dask(
    papers: Iterable[Paper],
    *,
    scheduler: str | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[PaperExtraction]:
    """Yield the extraction of each paper, in input order, computed on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``);
    without it a local cluster of ``jobs`` single-threaded worker processes is
    started and closed when the papers are done. Raises
    :class:`~kgraph.errors.KgraphError` when Dask is missing or the scheduler
    can't be reached.
    """
    if jobs < 1:
        raise KgraphError(f"jobs must be at least 1, not {jobs}")
    if batch_size < 1:
        raise KgraphError(f"batch_size must be at least 1, not {batch_size}")
    distributed = _import_dask()
    client, cluster = _connect(distributed, scheduler, jobs)
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), jobs, 1)
        it = iter(papers)
        pending: deque[tuple[list[Paper], Any]] = deque()

        def submit() -> bool:
            chunk = list(islice(it, batch_size))
            if not chunk:
                return False
            # pure=False: equal chunks are still separate tasks, results are never shared.
            pending.append((chunk, client.submit(_extract_on_worker, chunk, batch_size, pure=False)))
            return True

        for _ in range(3 * workers):
            if not submit():
                break
        while pending:
            chunk, future = pending.popleft()
            results = future.result()
            future.release()
            submit()
            for paper, (entities, links) in zip(chunk, results):
                yield PaperExtraction(paper, entities, links)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
