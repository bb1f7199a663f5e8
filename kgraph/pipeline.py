"""Run the whole pipeline: read papers, extract, build the graph, write the files.

The files of one build are first written into a staging folder inside the
output folder and only moved into place once all of them are complete and the
``--store`` (if any) is updated, so a failed or interrupted build leaves the
previous outputs, and the store, as they were.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from .corpus import DEFAULT_MAX_CHARS, Skip, load_corpus
from .errors import ExportError
from .graph import GraphBuilder, GraphView
from .types import Paper, PaperExtraction

__all__ = ["BuildResult", "OUTPUT_FORMATS", "build", "few_full_collections", "write_outputs", "graph_summary"]

#: Output format -> file name in the output folder.
OUTPUT_FORMATS: dict[str, str] = {
    "ttl": "graph.ttl",
    "nt": "graph.nt",
    "jsonld": "graph.jsonld",
    "html": "graph.html",
    "graphml": "graph.graphml",
    "json": "graph.json",
}
DEFAULT_FORMATS = ("ttl", "html", "graphml", "json")


class BuildResult:
    """What a build produced: the graph, its counts, the files written and what was skipped.

    ``skipped`` lists every :class:`~kgraph.corpus.Skip` of the inputs (papers,
    files and fields read but not used, with where and why). ``view`` is the
    :class:`~kgraph.graph.GraphView` the files were written from; ``graph``
    turns it into a ``networkx.MultiDiGraph`` the first time it is asked for
    (which holds every paper in memory: fine for thousands of papers, not for
    a million).
    """

    def __init__(
        self,
        view: GraphView | nx.MultiDiGraph,
        papers: int,
        files: list[Path] | None = None,
        store: dict[str, Any] | None = None,
        skipped: list[Skip] | None = None,
    ) -> None:
        self.view = view
        self.papers = papers
        self.files = list(files or [])
        self.store = store
        self.skipped = list(skipped or [])

    @functools.cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph as a ``networkx.MultiDiGraph``."""
        view = self.view
        return view.to_networkx() if isinstance(view, GraphView) else view

    @property
    def summary(self) -> dict[str, Any]:
        """Return the counts the CLI prints: papers, nodes per type, edges per relation."""
        return graph_summary(self.view)


def graph_summary(G: nx.MultiDiGraph | GraphView) -> dict[str, Any]:
    """Return node counts per type and edge counts per relation.

    >>> from kgraph.graph import build_graph
    >>> graph_summary(build_graph([]))["edges"]
    0
    """
    if isinstance(G, GraphView):
        types, relations = G.type_counts(), G.relation_counts()
    else:
        types = Counter(data.get("type", "") for _, data in G.nodes(data=True))
        relations = Counter(data.get("relation", k) for _, _, k, data in G.edges(keys=True, data=True))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "types": dict(sorted(types.items())),
        "relations": dict(sorted(relations.items())),
    }


def write_outputs(
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    base_iri: str | None = None,
    max_nodes: int | None = None,
    physics: bool | None = None,
    jobs: int = 1,
    on_stage: Callable[[str], None] | None = None,
    before_commit: Callable[[], None] | None = None,
) -> list[Path]:
    """Write the graph into ``out_dir`` in each format; all files appear together or none do.

    ``jobs`` processes write a big graph's Turtle and N-Triples (same bytes as one);
    ``on_stage`` is told the name of each file as its writing starts;
    ``before_commit`` runs once every file is written, before any replaces the
    old one (if it fails, the old files stay as they were).

    Builds into the same folder take turns: the folder is locked while the
    files are written and put in place, and a second build waits for the
    first to finish (``on_stage`` says so), so the set of files always comes
    from one build. The files are written in a hidden staging folder,
    ``.kgraph-build-<pid>-XXXX``; one a killed build left is removed here.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in OUTPUT_FORMATS]
    if unknown:
        raise ExportError(f"Can't write '{unknown[0]}' files. Available: {', '.join(OUTPUT_FORMATS)}")
    out = Path(out_dir)
    with _output_lock(out, on_stage):
        return _write_outputs(G, out, formats, base_iri, max_nodes, physics, jobs, on_stage, before_commit)


@contextlib.contextmanager
def _output_lock(out: Path, on_stage: Callable[[str], None] | None) -> Iterator[None]:
    """Hold the output folder's lock (flock on the folder itself: no lock file is left in it)."""
    import fcntl

    from .export.files import remove_stale

    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as err:
        raise ExportError(f"{out}: can't write ({err.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_stage is not None:
                on_stage(f"waiting for another build writing to {out}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        # A staging folder no build holds (its process is gone): a killed build's.
        remove_stale(out, _STAGING_PREFIX)
        yield
    finally:
        os.close(fd)  # (releases the lock)


_STAGING_PREFIX = ".kgraph-build-"


def _write_outputs(
    G: nx.MultiDiGraph,
    out: Path,
    formats: list[str],
    base_iri: str | None,
    max_nodes: int | None,
    physics: bool | None,
    jobs: int,
    on_stage: Callable[[str], None] | None,
    before_commit: Callable[[], None] | None,
) -> list[Path]:
    from .export.files import write_graphml, write_json

    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as err:
        raise ExportError(f"{out}: can't write ({err.strerror})") from None
    try:
        staged: list[Path] = []
        for fmt in formats:
            path = staging / OUTPUT_FORMATS[fmt]
            if on_stage is not None:
                on_stage(f"writing {path.name}")
            if fmt in ("ttl", "nt", "jsonld"):
                from .export.rdf import write_rdf

                kwargs = {"base_iri": base_iri} if base_iri else {}
                write_rdf(G, path, jobs=jobs, **kwargs)
            elif fmt == "html":
                from .export.html import write_html

                kwargs = {"max_nodes": max_nodes} if max_nodes else {}
                write_html(G, path, physics=physics, **kwargs)
            elif fmt == "graphml":
                write_graphml(G, path)
            else:
                write_json(G, path)
            staged.append(path)
        if before_commit is not None:
            before_commit()
        written = []
        for path in staged:
            target = out / path.name
            os.replace(path, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extractions(papers: Iterable[Paper], *, jobs: int = 1, engine: str = "local", scheduler: str | None = None) -> Iterator[PaperExtraction]:
    from .extract import extract

    if engine == "dask":
        from .distributed import extract_dask

        return extract_dask(papers, scheduler=scheduler, jobs=jobs)
    if jobs > 1:
        from .parallel import extract_parallel

        return extract_parallel(papers, jobs=jobs)
    return extract(papers)


@contextlib.contextmanager
def few_full_collections(threshold: int = 1000) -> Iterator[None]:
    """Let Python's garbage collector walk its oldest generation rarely while this runs.

    A build keeps millions of long-lived containers (the entities' accumulators,
    the graph of entities), and every full collection walks all of them; with
    the default thresholds that was about a quarter of the graph builder's
    time and a third of the view's at 300k papers (``scripts/benchmark.py``
    measures the build with this on, as :func:`build` runs it). Young objects
    are collected as usual, and the old thresholds come back afterwards.
    """
    g0, g1, g2 = gc.get_threshold()
    gc.set_threshold(g0, g1, max(g2, threshold))
    try:
        yield
    finally:
        gc.set_threshold(g0, g1, g2)


@few_full_collections()
def build(
    inputs: Iterable[str | Path] | None = None,
    out_dir: str | Path = "outputs",
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    base_iri: str | None = None,
    max_nodes: int | None = None,
    physics: bool | None = None,
    store: str | Path | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    strict: bool = False,
    on_paper: Callable[[PaperExtraction], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph of the inputs (the sample corpus when None) and write its files.

    ``max_chars`` and ``strict`` are those of :func:`kgraph.corpus.read_papers`:
    what the inputs held but the graph doesn't is in the result's ``skipped``
    (with ``strict``, the first such thing is an error).
    ``on_paper`` is called after each paper is extracted and ``on_stage`` with
    the name of each later stage as it starts (the CLI's progress display).
    Input errors are raised before any file is written.
    """
    skipped: list[Skip] = []
    papers = load_corpus(inputs, max_chars=max_chars, strict=strict, on_skip=skipped.append)
    builder = GraphBuilder()
    count = 0
    for extraction in _extractions(papers, jobs=jobs, engine=engine, scheduler=scheduler):
        builder.add(extraction)
        count += 1
        if on_paper is not None:
            on_paper(extraction)
    # The writers stream from a view of the builder: papers are read back from
    # its spool one at a time, so memory holds the entities, not every paper.
    if on_stage is not None:
        on_stage("building the graph")
    view = builder.view(jobs=jobs)
    store_info: dict[str, Any] | None = None

    def add_to_store() -> None:
        # Between writing the files and putting them in place: a store that can't be
        # updated leaves the previous files as they were, and the store too.
        nonlocal store_info
        if store is None:
            return
        from .store import update_store

        kwargs = {"base_iri": base_iri} if base_iri else {}
        if on_stage is not None:
            on_stage(f"updating the store {store}")
        store_info = update_store(store, view, **kwargs)

    files = write_outputs(
        view, out_dir, formats=formats, base_iri=base_iri, max_nodes=max_nodes, physics=physics, jobs=jobs,
        on_stage=on_stage, before_commit=add_to_store,
    )
    return BuildResult(view, papers=count, files=files, store=store_info, skipped=skipped)
