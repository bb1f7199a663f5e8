"""A persistent, incrementally updated RDF store of the knowledge graph (``kgraph build --store DIR``).

Stage contract: a store directory and one listing's graph in; the store
afterwards holds the union of every listing added so far, each fact once.

Layout of ``DIR``::

    DIR/current -> data-000003    symlink to the live Oxigraph (RocksDB) store
    DIR/data-000003/              the live store: open it with ``oxigraph ... -l DIR/current``
    DIR/kgraph-store.json         {"format": 1, "base_iri": ...}
    DIR/.lock                     held while a build updates the store

How adding works (see :func:`kgraph.export.rdf.iter_quads`): each paper's
facts (its description, mentions, evidence spans, evaluations) live in a named
graph of their own, ``<base>graph/paper/<id>``; descriptions of models,
datasets, benchmarks, repositories, owners, links and the extractor live in
``<base>graph/entities``. What the store holds first wins, so the order of the
listings matters as little as it can, and re-adding a listing changes nothing
(adding A, B, A leaves the same quads as adding A, B):

- A thing new to the store is described as the listing describes it. A thing
  already described keeps its canonical name (``schema:name``,
  ``rdfs:label``), its type and the rest of its description; a listing only
  adds the names it has for the thing that the store lacks, as
  ``schema:alternateName`` (alternate names accumulate).
- A paper read again (its graph is in the store) keeps the ``dcterms:date``
  and ``kg:source`` it was first read with (a one-shot build of several
  listings keeps the whole first read of a paper). Everything else of it
  (title, abstract, authors, links, and its extraction facts: mentions,
  evidence, evaluations) is replaced by the new run's, so a corrected text or
  a newer extractor refreshes it, and nothing is doubled. (So A, B, A equals A, B
  only if the papers A and B share are extracted alike: a paper's
  ``kg:evaluatesOn`` and evaluations follow the type its own listing gives
  a thing, which can differ from the type the store keeps.)

Each model, dataset and benchmark carries its totals (``kg:mentionTotal``,
``kg:paperCount``); an update recomputes them, from the Mention nodes of the
whole store, for every thing the listing names or a replaced paper used to
mention, so they always equal the sums a GROUP BY over the mentions gives.

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
import fcntl
import gc
import itertools
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import namespace as _ns

from .errors import ExportError, QueryError
from .export.files import atomic_write
from .export.rdf import DEFAULT_BASE_IRI, _check_base, _Exporter, iter_quads
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


_NAME = ox.NamedNode(str(_ns.SDO.name))
_LABEL = ox.NamedNode(str(_ns.RDFS.label))
_ALT_NAME = ox.NamedNode(str(_ns.SDO.alternateName))
_DATE = ox.NamedNode(str(_ns.DCTERMS.date))
_SOURCE = ox.NamedNode(str(KG.source))
_NAME_PREDICATES = (_NAME, _LABEL, _ALT_NAME)
_NAMED_KINDS = ("Model", "Dataset", "Benchmark")  # the things that carry alternate names
_KEPT_PAPER_FACTS = (_DATE, _SOURCE)  # a paper keeps these as first read


def _names(store: ox.Store, subject: ox.NamedNode, graph: ox.NamedNode) -> set[str] | None:
    """Return every name (canonical, label, alternate) of a thing described in ``graph``, or None if it isn't."""
    names: set[str] = set()
    described = False
    for quad in store.quads_for_pattern(subject, None, None, graph):
        described = True
        if quad.predicate in _NAME_PREDICATES and isinstance(quad.object, ox.Literal):
            names.add(quad.object.value)
    return names if described else None


def _merged_quads(
    quads: Iterator[ox.Quad],
    entities: ox.NamedNode,
    known: dict[ox.NamedNode, set[str] | None],
    replaced: set[ox.NamedNode],
) -> Iterator[ox.Quad]:
    """Filter a listing's quads so that what the store already holds wins.

    A thing in ``known`` (subject -> its stored names, or None for a thing without
    alternate names) keeps its stored description: of the listing's quads about
    it only the names it lacks get through, as ``schema:alternateName``. A paper
    in ``replaced`` loses the listing's date and source (the store keeps its own).
    """
    for quad in quads:
        if quad.graph_name == entities:
            if quad.subject not in known:
                yield quad
                continue
            names = known[quad.subject]
            if (
                names is not None
                and quad.predicate in (_NAME, _ALT_NAME)
                and isinstance(quad.object, ox.Literal)
                and quad.object.value not in names
            ):
                names.add(quad.object.value)
                yield ox.Quad(quad.subject, _ALT_NAME, ox.Literal(quad.object.value), entities)
        elif not (quad.predicate in _KEPT_PAPER_FACTS and quad.subject in replaced):
            yield quad


_MENTION_OF = ox.NamedNode(str(KG.mentionOf))
_TOTALS = (ox.NamedNode(str(KG.mentionTotal)), ox.NamedNode(str(KG.paperCount)))
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_COUNT_QUERY = """
PREFIX kg: <https://w3id.org/kgraph/ontology#>
SELECT ?thing (SUM(?count) AS ?mentions) (COUNT(DISTINCT ?paper) AS ?papers)
WHERE { %s ?mention kg:mentionOf ?thing ; kg:inPaper ?paper ; kg:mentionCount ?count . }
GROUP BY ?thing
"""
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COUNTED = tuple(ox.NamedNode(str(KG) + kind) for kind in ("Model", "Dataset", "Benchmark"))
_VALUES_MAX = 2000  # above this many things, one GROUP BY over every mention is cheaper than VALUES batches


def _recount(store: ox.Store, things: set[ox.NamedNode], entities: ox.NamedNode) -> None:
    """Set kg:mentionTotal and kg:paperCount of ``things`` to the sums of their Mention nodes in the whole store."""
    if not things:
        return
    totals: dict[str, tuple[int, int]] = {}

    def run(values: str) -> None:
        for row in store.query(_COUNT_QUERY % values, use_default_graph_as_union=True):
            totals[row["thing"].value] = (int(row["mentions"].value), int(row["papers"].value))

    ordered = sorted(things, key=lambda t: t.value)
    if len(ordered) > _VALUES_MAX:
        run("")
    else:
        run("VALUES ?thing { " + " ".join(str(t) for t in ordered) + " }")
    for thing in ordered:
        if not any(any(True for _ in store.quads_for_pattern(thing, _RDF_TYPE, cls, entities)) for cls in _COUNTED):
            continue  # not a model, dataset or benchmark (or no longer described)
        for predicate in _TOTALS:
            for quad in list(store.quads_for_pattern(thing, predicate, None, entities)):
                store.remove(quad)
        mentions, papers = totals.get(thing.value, (0, 0))
        store.add(ox.Quad(thing, _TOTALS[0], ox.Literal(str(mentions), datatype=_INTEGER), entities))
        store.add(ox.Quad(thing, _TOTALS[1], ox.Literal(str(papers), datatype=_INTEGER), entities))


def _apply(location: Path, G: nx.MultiDiGraph, base_iri: str, *, recount_all: bool = False) -> dict[str, int]:
    """Add the papers and things of ``G`` to the store at ``location``; return counts."""
    store = ox.Store(str(location))
    exporter = _Exporter(G, base_iri, per_paper=True)
    entities = exporter.entities_graph
    before = len(store)
    papers = 0
    # Papers read again: their graph is dropped and written anew (the extraction
    # facts are refreshed), but the date and source they were first read with stay.
    kept: list[ox.Quad] = []
    replaced: set[ox.NamedNode] = set()
    # Things already described: subject -> the names they have (None: described, no alternate names).
    known: dict[ox.NamedNode, set[str] | None] = {}
    touched: set[ox.NamedNode] = set()  # things whose totals must be recomputed
    for nid in sorted(G.nodes):
        kind = G.nodes[nid].get("type")
        subject = exporter.iri(nid)
        if kind == "Paper":
            papers += 1
            graph = exporter.paper_graph(nid)
            if store.contains_named_graph(graph):
                replaced.add(subject)
                for predicate in _KEPT_PAPER_FACTS:
                    kept.extend(store.quads_for_pattern(subject, predicate, None, graph))
                # What the old text mentioned: its totals change when the paper is replaced.
                touched.update(q.object for q in store.quads_for_pattern(None, _MENTION_OF, None, graph))
                store.remove_graph(graph)
        else:
            names = _names(store, subject, entities)
            if names is not None:
                known[subject] = names if kind in _NAMED_KINDS else None
            if kind in _NAMED_KINDS:
                touched.add(subject)
    if _names(store, exporter.agent, entities) is not None:
        known[exporter.agent] = None
    store.bulk_extend(
        itertools.chain(kept, _merged_quads(iter_quads(G, base_iri=base_iri), entities, known, replaced))
    )
    if recount_all:  # a store from before totals existed: give every thing its totals
        touched.update(q.subject for cls in _COUNTED for q in store.quads_for_pattern(None, _RDF_TYPE, cls, entities))
    _recount(store, touched, entities)
    store.flush()
    after = len(store)
    del store
    gc.collect()
    return {"papers": papers, "replaced_papers": len(replaced), "quads_before": before, "quads": after}


def update_store(store_dir: str | Path, G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, object]:
    """Add a listing's graph to the store in ``store_dir`` (created if missing), atomically.

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
        try:
            if live:
                source = ox.Store.read_only(str(store_dir / live))
                source.backup(str(tmp))
                del source
                gc.collect()
            counts = _apply(tmp, G, base_iri, recount_all=version < 2)
        except OSError as err:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ExportError(f"{store_dir}: can't update the store ({' '.join(str(err).split())})") from None
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
