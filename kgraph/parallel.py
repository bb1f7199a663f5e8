"""Extract papers in several processes, with the output of one.

Stage contract: the same as :func:`kgraph.extract.extract` — papers in,
one :class:`~kgraph.types.PaperExtraction` per paper out, in input order —
so a build with ``jobs=4`` writes the same bytes as a build with ``jobs=1``.

Each worker process builds its own spaCy pipeline once (in the pool's
initializer) and then extracts chunks of ``batch_size`` papers. At most
``2 * jobs`` chunks are in flight, so memory stays bounded however long the
input is: the input iterator is read only as fast as results are consumed.
Workers send back only the entities and links; the caller's own
:class:`~kgraph.types.Paper` objects are put back into the results, so papers
are pickled once, on the way out.

The pool uses the platform's default start method unless told otherwise, and
works with ``fork``, ``forkserver`` and ``spawn`` (nothing is shared with the
workers but the chunks they are sent).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from .errors import KgraphError
from .types import Entity, Link, Paper, PaperExtraction

__all__ = ["DEFAULT_BATCH_SIZE", "can_fork", "extract_parallel", "extract_batch", "fork_map", "WorkerFailed"]

#: Papers per task sent to a worker.
DEFAULT_BATCH_SIZE = 128

_NLP: Any = None

#: What a worker returns for one paper: its entities and links.
_Result = tuple[tuple[Entity, ...], tuple[Link, ...]]


def _init_worker() -> None:
    global _NLP
    from .extract import make_nlp

    _NLP = make_nlp()


def extract_batch(papers: list[Paper], *, batch_size: int = DEFAULT_BATCH_SIZE) -> list[_Result]:
    """Return ``(entities, links)`` for each paper, with this process's pipeline (built once).

    Used by the workers of :func:`extract_parallel` and :func:`kgraph.distributed.extract_dask`.

    >>> from kgraph.types import Paper
    >>> [(ents, links)] = extract_batch([Paper("p", "T", "We release GLM-130B.")])
    >>> [e.name for e in ents]
    ['GLM-130B']
    """
    global _NLP
    from .extract import extract, make_nlp

    if _NLP is None:
        _NLP = make_nlp()
    # A paper's mentions already share one string per sentence (kgraph.extract's sentence
    # finder hands out one object per sentence), so pickle sends each sentence once.
    return [(x.entities, x.links) for x in extract(papers, _NLP, batch_size=batch_size)]


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(papers)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(
    papers: Iterable[Paper],
    *,
    jobs: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    start_method: str | None = None,
) -> Iterator[PaperExtraction]:
    """Yield the extraction of each paper, in input order, using ``jobs`` worker processes.

    The results equal those of :func:`kgraph.extract.extract`; with
    ``jobs=1`` no process is started. ``start_method`` is ``"fork"``,
    ``"forkserver"`` or ``"spawn"`` (default: the platform's).

    >>> from kgraph.types import Paper
    >>> papers = [Paper(str(i), "T", f"We release GLM-{i}B.") for i in range(3)]
    >>> [x.entities[0].name for x in extract_parallel(papers, jobs=2, batch_size=1)]
    ['GLM-0B', 'GLM-1B', 'GLM-2B']
    """
    if jobs < 1:
        raise KgraphError(f"jobs must be at least 1, not {jobs}")
    if batch_size < 1:
        raise KgraphError(f"batch_size must be at least 1, not {batch_size}")
    if jobs == 1:
        from .extract import extract

        yield from extract(papers)
        return
    context = multiprocessing.get_context(start_method)
    chunks = _chunks(papers, batch_size)
    pending: deque[tuple[list[Paper], Future[list[_Result]]]] = deque()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker)
    try:
        for chunk in islice(chunks, 2 * jobs):
            pending.append((chunk, executor.submit(extract_batch, chunk)))
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool as err:
                raise KgraphError(f"an extraction process died ({err}); try fewer --jobs or more memory") from None
            # Keep the pool busy while the caller consumes this chunk.
            for chunk_next in islice(chunks, 1):
                pending.append((chunk_next, executor.submit(extract_batch, chunk_next)))
            for paper, (entities, links) in zip(chunk, results):
                yield PaperExtraction(paper, entities, links)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


class WorkerFailed(KgraphError):
    """A process started by :func:`fork_map` failed; ``exitcode`` is its exit status."""

    def __init__(self, exitcode: int) -> None:
        super().__init__(f"a worker process failed (exit code {exitcode})")
        self.exitcode = exitcode


def can_fork() -> bool:
    """Return whether this platform can fork (what :func:`fork_map` needs)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _fork_child(fn: Callable[..., Any], args: tuple[Any, ...], path: str) -> None:
    """A forked worker: pickle ``fn(*args)`` into ``path`` and leave quietly, with an exit status."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 0
    try:
        result = fn(*args)
        with open(path, "wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except SystemExit as err:
        code = err.code if isinstance(err.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported by the parent as a failed worker
        code = 1
    os._exit(code)


def fork_map(fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], *, tmp_dir: str | os.PathLike[str] | None = None) -> list[Any]:
    """Return ``[fn(*args) for args in calls]``, the first call in this process and each other in a forked one.

    The forked processes see this process's memory as it is when they start
    (nothing is pickled on the way in), so ``fn`` can read big in-memory
    structures; their results come back pickled through files in ``tmp_dir``.
    If any call fails, the processes still running are stopped, their files
    removed, and the error raised (a forked call's as :class:`WorkerFailed`).
    Needs ``fork`` (see :func:`can_fork`).

    >>> fork_map(pow, [(2, 3), (3, 2)])
    [8, 9]
    """
    if not calls:
        return []
    context = multiprocessing.get_context("fork")
    tmp = tempfile.mkdtemp(prefix=".kgraph-fork-", dir=tmp_dir)
    workers: list[Any] = []
    try:
        paths = [os.path.join(tmp, f"result-{i}") for i in range(len(calls))]
        try:
            for i in range(1, len(calls)):
                worker = context.Process(target=_fork_child, args=(fn, calls[i], paths[i]))
                worker.start()
                workers.append(worker)
            first = fn(*calls[0])
            for worker in workers:
                worker.join()
        except BaseException:
            for worker in workers:
                if worker.is_alive():
                    worker.terminate()
            for worker in workers:
                worker.join()
            raise
        failed = [w.exitcode for w in workers if w.exitcode != 0]
        if failed:
            raise WorkerFailed(failed[0])
        results = [first]
        for path in paths[1:]:
            with open(path, "rb") as handle:
                results.append(pickle.load(handle))
        return results
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
