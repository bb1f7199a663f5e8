"""A persistent, incrementally updated RDF store of the knowledge graph (``kgraph build --store DIR``).

Stage contract: a store directory and one listing's graph in; the store
afterwards holds the union of every listing added so far, each fact once.

Layout of ``DIR``::

    DIR/current -> data-000003    symlink to the live Oxigraph (RocksDB) store
    DIR/data-000003/              the live store: open it with ``oxigraph ... -l DIR/current``
    DIR/data-000003/kgraph-papers.marshal   every paper's extraction (what an update rebuilds from)
    DIR/kgraph-store.json         {"format": 1, "base_iri": ...}
    DIR/.lock                     held while a build updates the store

How adding works (see :func:`kgraph.export.rdf.iter_quads`): each paper's
facts (its description, mentions, evidence spans, evaluations) live in a named
graph of their own, ``<base>graph/paper/<id>``; descriptions of models,
datasets, benchmarks, repositories, owners, links and the extractor live in
``<base>graph/entities``. A store built listing by listing holds what one
build of all its listings holds (``kgraph build L1 L2 L3 --store S`` and three
builds of one listing each give the same triples), so the order of the
listings doesn't matter, and re-adding a listing changes nothing (adding A, B,
A leaves the same quads as adding A, B):

- Each version keeps, beside the Oxigraph files, every paper's extraction
  (``data-N/kgraph-papers.marshal``, with how each name resolved to a thing).
  An update builds the graph of all the store's papers and the listing's, as
  one build would (:class:`kgraph.graph.GraphBuilder`): names merged through
  aliases (``BERTs`` into ``BERT``), the canonical name the form most papers
  use, the type most papers give. It then writes anew the graphs of the
  listing's papers and of the store's papers that name a thing whose node or
  type changed, and the descriptions of things (names, alternate names, type,
  totals) that differ; what no longer exists (a thing merged into another)
  goes. Reading every paper's extraction makes an update's time grow with the
  store, not just the listing.
- A paper read again keeps the ``dcterms:date`` and ``kg:source`` it was
  first read with (a one-shot build of several listings keeps the whole first
  read of a paper). Everything else of it (title, abstract, authors, links,
  and its extraction facts: mentions, evidence, evaluations) is replaced by
  the new run's, so a corrected text or a newer extractor refreshes it, and
  nothing is doubled.
- A store made by a kgraph from before the paper records can be queried but
  not updated (the error says so): build a new one from the listings.

Each model, dataset and benchmark carries its totals (``kg:mentionTotal``,
``kg:paperCount``), the sums a GROUP BY over its Mention nodes gives.

Crash safety: pyoxigraph 0.5 makes each ``Store.extend``/``Store.update`` call
a transaction, but removing old paper graphs and bulk-loading new ones takes
many calls, and ``bulk_extend`` is not transactional. So an update is
copy-on-write: the live store is opened read-only and backed up into
``DIR/tmp-*`` (RocksDB hard-links its immutable files, so this is cheap), the
copy is changed, flushed and closed, renamed to ``data-N``, and only then is
the ``current`` symlink switched with one atomic ``rename``. A run killed at
any point leaves ``current`` on the previous, untouched version; the next run
removes the leftovers. The previous version is kept until the next update, so
a server that opened it keeps working; restart the server to see an update.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import gc
import json
import marshal
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import namespace as _ns

from .errors import ExportError, QueryError
from .export.files import atomic_write
from .export.rdf import DEFAULT_BASE_IRI, _check_base, _Exporter
from .graph import GraphBuilder, GraphView, entity_node_id
from .types import Entity, Link, Mention, Paper, PaperExtraction
from .vocab import KG

__all__ = ["update_store", "open_store", "store_location", "STORE_FORMAT"]

#: 2: things carry kg:mentionTotal / kg:paperCount (a format-1 store gets them on its next update).
STORE_FORMAT = 2
_META = "kgraph-store.json"
_CURRENT = "current"
_DATA = re.compile(r"data-(\d{6})")


def store_location(store_dir: str | Path) -> Path:
    """Return the directory of the live Oxigraph store inside a kgraph store directory.

    A plain Oxigraph directory (made by ``oxigraph load``) is its own location.

    >>> import tempfile
    >>> store_location(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ...: not a kgraph store (no 'current' version); build one with kgraph build --store DIR
    """
    store_dir = Path(store_dir)
    current = store_dir / _CURRENT
    if current.is_dir():
        return current.resolve()
    if (store_dir / "CURRENT").is_file():  # a bare RocksDB/Oxigraph directory
        return store_dir
    if not store_dir.exists():
        raise QueryError(f"{store_dir}: no such store directory")
    raise QueryError(f"{store_dir}: not a kgraph store (no 'current' version); build one with kgraph build --store DIR")


def open_store(store_dir: str | Path) -> ox.Store:
    """Open a store directory read-only for querying (several readers may share it)."""
    location = store_location(store_dir)
    try:
        return ox.Store.read_only(str(location))
    except OSError as err:
        raise QueryError(f"{store_dir}: can't open the store ({' '.join(str(err).split())})") from None
    except RuntimeError as err:  # RocksDB's "Corruption: ..." and the like
        raise QueryError(f"{store_dir}: the store is damaged and can't be read ({_short(err)})") from None


def _short(err: BaseException, limit: int = 300) -> str:
    """Return an error's message on one line, cut to ``limit`` characters."""
    text = " ".join(str(err).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def _locked(store_dir: Path) -> Iterator[None]:
    with open(store_dir / ".lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportError(f"{store_dir}: another kgraph build is updating this store") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_meta(store_dir: Path, base_iri: str) -> int:
    """Check (or, for a new store, write) the store's description; return its format."""
    meta_path = store_dir / _META
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            version = int(meta.get("format", 1))
        except (OSError, ValueError, TypeError) as err:
            raise ExportError(f"{meta_path}: unreadable store description ({err})") from None
        if version > STORE_FORMAT:
            raise ExportError(f"{store_dir}: made by a newer kgraph (store format {version}); upgrade kgraph")
        if meta.get("base_iri") != base_iri:
            raise ExportError(
                f"{store_dir}: the store uses base IRI {meta.get('base_iri')!r}, not {base_iri!r}; "
                "use the same --base-iri or a new store"
            )
        return version
    if {child.name for child in store_dir.iterdir()} - {".lock"}:
        raise ExportError(f"{store_dir}: not a kgraph store directory (use an empty or new directory)")
    _write_meta(store_dir, base_iri)
    return STORE_FORMAT


def _write_meta(store_dir: Path, base_iri: str) -> None:
    with atomic_write(store_dir / _META) as handle:
        json.dump({"format": STORE_FORMAT, "base_iri": base_iri}, handle, indent=1)
        handle.write("\n")


def _clean(store_dir: Path, *, keep_from: int, keep_to: int) -> None:
    """Remove leftovers of killed runs and versions outside ``keep_from..keep_to``."""
    for child in store_dir.iterdir():
        match = _DATA.fullmatch(child.name)
        if child.name.startswith("tmp-") or (match and not keep_from <= int(match[1]) <= keep_to):
            shutil.rmtree(child, ignore_errors=True)
        elif child.name.startswith(".current."):
            with contextlib.suppress(OSError):
                child.unlink()


_RECORDS = "kgraph-papers.marshal"  # in each version's folder: every paper's extraction (see _write_records)
_RECORDS_FORMAT = 1
_DATE = ox.NamedNode(str(_ns.DCTERMS.date))
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_EXTRACTOR = ox.NamedNode(str(KG.Extractor))
_ENTITY_KINDS = ("Model", "Dataset", "Benchmark")


def _networkx_extractions(G: nx.MultiDiGraph) -> Iterator[PaperExtraction]:
    """Yield the extractions a ``networkx`` graph of :mod:`kgraph.graph` was built from, as near as it tells.

    Each paper names a thing by the thing's canonical name, with its aliases;
    mentions are the evidence spans (a mention count above the five kept
    spans is made up with spans past the text, which no export shows). A
    model-benchmark pair found only in sentences past the evidence is lost.
    (:meth:`kgraph.graph.GraphView.extractions` gives the exact ones.)
    """
    nodes = G.nodes
    for pid in sorted(n for n, data in G.nodes(data=True) if data.get("type") == "Paper"):
        d = nodes[pid]
        paper = Paper(
            pid.removeprefix("paper:"), str(d.get("title") or d.get("label") or ""), str(d.get("abstract") or ""),
            d.get("arxiv_id") or None, d.get("url") or None, d.get("date") or None,
            tuple(d.get("authors") or ()), d.get("source") or None,
        )
        past_text = len(paper.text) + 1
        by_target: dict[str, dict[str, dict]] = {}
        for _, target, key, edge in G.out_edges(pid, keys=True, data=True):
            by_target.setdefault(target, {})[key] = edge
        entities, links = [], []
        for target in sorted(by_target):
            edges, t = by_target[target], nodes[target]
            kind = t.get("type")
            edge = edges.get("mentions") or edges.get("introduces") or next(iter(edges.values()))
            mentions = [Mention(ev["start"], ev["end"], ev["sentence"]) for ev in edge.get("evidence") or ()]
            count = int(edge.get("count") or 0)
            if kind in _ENTITY_KINDS:
                if len(mentions) >= 5:  # the evidence was cut at five: make up the other mentions
                    mentions += [Mention(past_text + i, past_text + i, f"\0{target}\0{i}") for i in range(count - len(mentions))]
                family = t.get("family")
                entities.append(Entity(
                    str(t.get("name") or t.get("label")), kind, "introduces" in edges, tuple(t.get("aliases") or ()),
                    tuple(mentions), str(nodes[family].get("name")) if family and family in nodes else None,
                ))
            elif kind in ("Repository", "GitHubOwner", "Link"):
                links.append(Link(str(t["url"]), str(t.get("kind") or "other") if kind == "Link" else "github", tuple(mentions)))
        yield PaperExtraction(paper, tuple(entities), tuple(links))


def _read_records(location: Path, store_dir: Path) -> Iterator[Any]:
    """Yield the header (``{"format", "resolution"}``), then each paper's extraction, of a store version."""
    path = location / _RECORDS
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ExportError(
            f"{store_dir}: made by an older kgraph, without the paper records ({_RECORDS}) an update needs; "
            "build a new store from the listings"
        ) from None
    with handle:
        try:
            header = marshal.load(handle)
            if not isinstance(header, dict) or header.get("format") != _RECORDS_FORMAT or not isinstance(header.get("resolution"), dict):
                raise ValueError("unknown format")
            yield header
            while True:
                try:
                    item = marshal.load(handle)
                except EOFError:
                    return
                yield _extraction_from_record(item)
        except (ValueError, TypeError, EOFError, IndexError, KeyError, AttributeError) as err:
            raise ExportError(f"{store_dir}: the store's paper records ({path.name}) are damaged ({err})") from None


def _record(x: PaperExtraction) -> tuple[Any, ...]:
    p = x.paper
    spans = lambda mentions: tuple((m.start, m.end, m.sentence, m.text) for m in mentions)  # noqa: E731
    return (
        (p.id, p.title, p.abstract, p.arxiv_id, p.url, p.date, tuple(p.authors), p.source),
        tuple((e.name, e.type, e.introduced, tuple(e.aliases), spans(e.mentions), e.family) for e in x.entities),
        tuple((link.url, link.kind, spans(link.mentions)) for link in x.links),
    )


def _extraction_from_record(item: tuple[Any, ...]) -> PaperExtraction:
    paper, entities, links = item
    mentions = lambda spans: tuple(Mention(*span) for span in spans)  # noqa: E731
    return PaperExtraction(
        Paper(*paper),
        tuple(Entity(name, etype, introduced, aliases, mentions(spans), family) for name, etype, introduced, aliases, spans, family in entities),
        tuple(Link(url, kind, mentions(spans)) for url, kind, spans in links),
    )


def _write_records(path: Path, view: GraphView) -> None:
    """Write every paper's extraction, after a header with the resolution of names to things, as a marshal stream."""
    with path.open("wb") as handle:
        marshal.dump({"format": _RECORDS_FORMAT, "resolution": view.resolution()}, handle)
        for extraction in view.extractions():
            marshal.dump(_record(extraction), handle)
        handle.flush()
        os.fsync(handle.fileno())


def _union(
    records: Iterator[Any] | None, extractions: Iterator[PaperExtraction]
) -> tuple[GraphView, dict[str, list[str]], set[str], set[str], dict[str, tuple[str, str]]]:
    """Return the graph of every paper (the store's and the listing's) as one build of them all would make it.

    Also returns the store's papers -> the names they use (entity node ids
    before merging), the listing's paper ids, the ids of the papers it
    replaces, and the store's previous resolution of names to things. A paper
    read again is the listing's, with the date and source it was first read with.
    """
    new = {x.paper.id: x for x in extractions}
    builder = GraphBuilder()
    old_names: dict[str, list[str]] = {}
    replaced: set[str] = set()
    resolution: dict[str, tuple[str, str]] = {}
    if records is not None:
        resolution = {k: tuple(v) for k, v in next(records)["resolution"].items()}
        for old in records:
            pid = old.paper.id
            if pid in new:
                replaced.add(pid)
                first = new[pid]
                new[pid] = PaperExtraction(
                    dataclasses.replace(first.paper, date=old.paper.date, source=old.paper.source), first.entities, first.links
                )
            else:
                old_names[pid] = [entity_node_id(e.name, e.type) for e in old.entities]
                builder.add(old)
    for extraction in new.values():
        builder.add(extraction)
    return builder.view(), old_names, set(new), replaced, resolution


def _apply(location: Path, view: GraphView, base_iri: str, papers: set[str]) -> int:
    """Make the store at ``location`` hold ``view``: the graphs of ``papers`` are written anew, the descriptions of things as they differ."""
    store = ox.Store(str(location))
    exporter = _Exporter(view, base_iri, per_paper=True)
    entities = exporter.entities_graph
    paper_quads: list[ox.Quad] = []
    for pid in sorted(papers):
        graph = exporter.paper_graph(pid)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        paper_quads.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in exporter.paper_triples(pid))
        if len(paper_quads) > 500_000:
            store.bulk_extend(paper_quads)
            paper_quads = []
    store.bulk_extend(paper_quads)
    # What the entities graph should hold: every thing of the view, described as one build describes it.
    wanted: dict[ox.NamedNode, set[ox.Triple]] = {exporter.agent: set(exporter.agent_triples())}
    for _, triples in exporter.groups(nodes=[n for n in view.nodes if not n.startswith("paper:")], agent=False):
        if triples:
            wanted.setdefault(triples[0].subject, set()).update(triples)
    held: dict[ox.NamedNode, set[ox.Triple]] = {}
    for quad in store.quads_for_pattern(None, None, None, entities):
        held.setdefault(quad.subject, set()).add(ox.Triple(quad.subject, quad.predicate, quad.object))
    for subject, triples in held.items():
        if subject not in wanted and ox.Triple(subject, _RDF_TYPE, _EXTRACTOR) in triples:
            continue  # an extractor that older papers are attributed to
        for t in triples - wanted.get(subject, set()):
            store.remove(ox.Quad(t.subject, t.predicate, t.object, entities))
    store.bulk_extend(
        ox.Quad(t.subject, t.predicate, t.object, entities)
        for subject, triples in wanted.items()
        for t in triples - held.get(subject, set())
    )
    store.flush()
    quads = len(store)
    del store
    gc.collect()
    return quads


def update_store(store_dir: str | Path, G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, object]:
    """Add a listing's graph to the store in ``store_dir`` (created if missing), atomically.

    ``G`` is best a :class:`~kgraph.graph.GraphView` (what ``kgraph build``
    makes): it gives each paper's extraction as it was; a ``networkx`` graph
    gives them as near as it can (see :func:`_networkx_extractions`).

    Returns counts: ``papers`` in ``G``, ``replaced_papers`` (already in the
    store: their extraction facts are replaced, their date and source kept),
    ``quads_before``, ``quads`` (after) and ``version``.

    >>> import tempfile
    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, Entity, PaperExtraction
    >>> G = build_graph([PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model"),))])
    >>> d = tempfile.mkdtemp()
    >>> first = update_store(d, G)
    >>> again = update_store(d, G)
    >>> again["quads"] == first["quads"], again["replaced_papers"]
    (True, 1)
    """
    base_iri = _check_base(base_iri)
    store_dir = Path(store_dir)
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{store_dir}: can't create the store directory ({err.strerror})") from None
    with _locked(store_dir):
        version = _read_meta(store_dir, base_iri)
        current = store_dir / _CURRENT
        live = os.readlink(current) if current.is_symlink() else None
        number = int(_DATA.fullmatch(live)[1]) + 1 if live and _DATA.fullmatch(live) else 1
        _clean(store_dir, keep_from=0, keep_to=number - 1)  # a killed run's tmp-* and unused data-N
        tmp = store_dir / f"tmp-{os.getpid()}-{number:06d}"
        # The graph of every paper, the store's and the listing's, as one build of them all makes it.
        records = _read_records(store_dir / live, store_dir) if live else None
        extractions = G.extractions() if isinstance(G, GraphView) else _networkx_extractions(G)
        view, old_names, listed, replaced, before = _union(records, extractions)
        # Besides the listing's papers, the store's papers that name a thing whose node or type changed
        # (a name merged into another thing, a new canonical name, a dataset that became a benchmark).
        after = view.resolution()
        changed = {name for name, thing in before.items() if after.get(name) != thing}
        papers = {f"paper:{pid}" for pid in listed}
        papers.update(f"paper:{pid}" for pid, names in old_names.items() if changed.intersection(names))
        quads_before = 0
        try:
            if live:
                source = ox.Store.read_only(str(store_dir / live))
                quads_before = len(source)
                source.backup(str(tmp))
                del source
                gc.collect()
            quads = _apply(tmp, view, base_iri, papers)
            _write_records(tmp / _RECORDS, view)
        except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB's "Corruption: ..." and the like
            shutil.rmtree(tmp, ignore_errors=True)
            raise ExportError(f"{store_dir}: can't update the store ({_short(err)})") from None
        counts = {"papers": len(listed), "replaced_papers": len(replaced), "quads_before": quads_before, "quads": quads}
        target = f"data-{number:06d}"
        os.replace(tmp, store_dir / target)
        link = store_dir / f".current.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.symlink(target, link)
        _fsync_dir(store_dir)
        os.replace(link, current)  # the commit point
        _fsync_dir(store_dir)
        if version < STORE_FORMAT:
            _write_meta(store_dir, base_iri)  # (killed before this: the next update upgrades again, harmlessly)
        # Keep the previous version too, so that a server that opened it can finish its queries.
        _clean(store_dir, keep_from=number - 1, keep_to=number)
    return {**counts, "version": number}
