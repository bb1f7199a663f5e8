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
graph of their own, ``<base>graph/paper/<id>``; an update drops the graph of
every paper it adds and writes it anew, so adding the same listing twice
changes nothing, and a paper read again is replaced, not doubled. Descriptions
of models, datasets, repositories and links live in ``<base>graph/entities``,
one set per thing, replaced by the newest listing (the canonical name and type
of the newest listing win; alternate names accumulate). Totals such as a
model's number of mentions are never stored: queries sum the per-paper
``kg:mentionCount`` values, so they cannot double.

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
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import ExportError, QueryError
from .export.files import atomic_write
from .export.rdf import DEFAULT_BASE_IRI, _check_base, _Exporter, iter_quads

__all__ = ["update_store", "open_store", "store_location", "STORE_FORMAT"]

STORE_FORMAT = 1
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


def _read_meta(store_dir: Path, base_iri: str) -> None:
    meta_path = store_dir / _META
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ExportError(f"{meta_path}: unreadable store description ({err})") from None
        if meta.get("base_iri") != base_iri:
            raise ExportError(
                f"{store_dir}: the store uses base IRI {meta.get('base_iri')!r}, not {base_iri!r}; "
                "use the same --base-iri or a new store"
            )
        return
    if {child.name for child in store_dir.iterdir()} - {".lock"}:
        raise ExportError(f"{store_dir}: not a kgraph store directory (use an empty or new directory)")
    with atomic_write(meta_path) as handle:
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


def _apply(location: Path, G: nx.MultiDiGraph, base_iri: str) -> dict[str, int]:
    """Replace the papers and things of ``G`` in the store at ``location``; return counts."""
    store = ox.Store(str(location))
    exporter = _Exporter(G, base_iri, per_paper=True)
    before = len(store)
    replaced = 0
    papers = 0
    for nid in sorted(G.nodes):
        if G.nodes[nid].get("type") == "Paper":
            papers += 1
            graph = exporter.paper_graph(nid)
            if store.contains_named_graph(graph):
                replaced += 1
                store.remove_graph(graph)
    # Things: keep the names they had (as aliases), then drop their old description.
    entities = exporter.entities_graph
    aliases: dict[str, set[str]] = {}
    name_preds = (ox.NamedNode("https://schema.org/name"), ox.NamedNode("https://schema.org/alternateName"))
    subjects = [(nid, exporter.iri(nid)) for nid in sorted(G.nodes) if G.nodes[nid].get("type") != "Paper"]
    subjects.append(("", exporter.agent))
    for nid, subject in subjects:
        old = list(store.quads_for_pattern(subject, None, None, entities))
        if not old:
            continue
        if nid and G.nodes[nid].get("type") in ("Model", "Dataset", "Benchmark"):
            aliases[nid] = {q.object.value for q in old if q.predicate in name_preds and isinstance(q.object, ox.Literal)}
        for quad in old:
            store.remove(quad)
    store.bulk_extend(iter_quads(G, base_iri=base_iri, aliases=aliases))
    store.flush()
    after = len(store)
    del store
    gc.collect()
    return {"papers": papers, "replaced_papers": replaced, "quads_before": before, "quads": after}


def update_store(store_dir: str | Path, G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, object]:
    """Add a listing's graph to the store in ``store_dir`` (created if missing), atomically.

    Returns counts: ``papers`` in ``G``, ``replaced_papers`` (already in the
    store, now replaced), ``quads_before``, ``quads`` (after) and ``version``.

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
        _read_meta(store_dir, base_iri)
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
            counts = _apply(tmp, G, base_iri)
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
        # Keep the previous version too, so that a server that opened it can finish its queries.
        _clean(store_dir, keep_from=number - 1, keep_to=number)
    return {**counts, "version": number}
