"""Query the knowledge graph with SPARQL: load a graph, run a query, format the rows.

Stage contract: an RDF file (``.ttl``, ``.nt``, ``.jsonld``, ``.nq``, ``.trig``,
``.rdf``) or a store directory (:mod:`kgraph.store`) in, a pyoxigraph Store
out; a SPARQL query in, ``(columns, rows)`` of plain strings out. Queries see
the union of all graphs of the store as their default graph, so the same query
runs on an exported file and on a store that keeps each paper in a graph of
its own.

Named queries are the ``ontology/queries/*.rq`` files. A query takes a
parameter through a line ``VALUES ?var { "default" }  # param: NAME``;
:func:`named_query` substitutes a safely escaped literal.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import signal
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from .errors import QueryError
from .vocab import PREFIXES, ontology_dir

__all__ = [
    "load_store",
    "select",
    "run_query",
    "QueryResult",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_ROWS",
    "format_result",
    "named_queries",
    "named_query",
    "query_description",
    "query_params",
    "graph_stats",
    "iter_select",
    "safe_text",
    "RESULT_FORMATS",
]

RESULT_FORMATS = ("table", "csv", "json")
_LOAD_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
_PARAM_LINE = re.compile(
    r"^(?P<head>[ \t]*VALUES[ \t]+\?\w+[ \t]*\{[ \t]*)(?P<value>[^\n]*?)"
    r"(?P<tail>[ \t]*\}[ \t]*#[ \t]*param:[ \t]*(?P<name>[\w-]+)[ \t]*)$",
    re.MULTILINE,
)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_MAX_CELL = 80
#: Seconds ``kgraph query`` lets a query run (as ``kgraph serve --timeout``).
DEFAULT_TIMEOUT = 60.0
#: Rows ``kgraph query`` keeps at most; the rest are left out, and it says so.
DEFAULT_MAX_ROWS = 100_000
_BATCH = 1000  # rows per message from the query process
# What a spreadsheet reads as the start of a formula (CSV injection): such a cell gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Bidirectional overrides and isolates: they reorder what a terminal shows.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def load_store(path: str | Path) -> ox.Store:
    """Open a graph for querying: an RDF file (read into memory) or a store directory (read-only).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kg.nt"
    >>> _ = p.write_text('<http://e/a> <http://e/b> "c" .\\n')
    >>> len(load_store(p))
    1
    >>> load_store(p.with_suffix(".ttl"))
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ....ttl: no such file or store directory
    """
    path = Path(path)
    if path.is_dir():
        from .store import open_store

        return open_store(path)
    if not path.exists():
        raise QueryError(f"{path}: no such file or store directory")
    fmt = _LOAD_FORMATS.get(path.suffix.lower())
    if fmt is None:
        available = ", ".join(sorted(_LOAD_FORMATS))
        raise QueryError(f"{path}: can't read {path.suffix or 'suffix-less'!r} files. Available: {available}, or a store directory")
    if path.suffix.lower() == ".json" and _is_node_link_json(path):
        raise QueryError(f"{path}: this is kgraph's NetworkX node-link JSON, not RDF; query graph.ttl (or graph.jsonld) instead")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        message = _one_line(err.msg if isinstance(err.msg, str) else str(err))
        line = f":{err.lineno}" if err.lineno else ""
        raise QueryError(f"{path}{line}: can't parse as {fmt.name}: {message}") from None
    except OSError as err:
        raise QueryError(f"{path}: can't read ({_one_line(str(err))})") from None
    return store


_FIRST_KEY = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:')


def _is_node_link_json(path: Path) -> bool:
    """Tell NetworkX node-link JSON (kgraph's graph.json) from JSON-LD by its top-level keys.

    networkx and kgraph write ``"directed"`` as the first key of the object
    (JSON-LD has ``@context``, ``@graph`` or terms there); the keys after it
    can be gigabytes further on, so only the first key is read.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    match = _FIRST_KEY.match(head)
    if match is not None and match[1] == b"directed":
        return True
    return head.lstrip().startswith(b"{") and b'"directed"' in head and b'"multigraph"' in head


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _term(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def select(store: ox.Store, sparql: str) -> tuple[list[str], list[list[str | None]]]:
    """Run a SPARQL query; return column names and rows of plain strings (None when unbound).

    IRIs and literals are given by their value. ``ASK`` gives one column
    ``ask`` with ``"true"`` or ``"false"``; ``CONSTRUCT`` and ``DESCRIBE``
    give ``subject``, ``predicate``, ``object`` columns. Updates are refused.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/b"), ox.Literal("c")))
    >>> select(store, "SELECT ?s ?o ?x WHERE { ?s ?p ?o }")
    (['s', 'o', 'x'], [['http://e/a', 'c', None]])
    >>> select(store, "ASK { ?s ?p 'c' }")
    (['ask'], [['true']])
    """
    columns, rows = iter_select(store, sparql)
    return columns, list(rows)


def iter_select(store: ox.Store, sparql: str) -> tuple[list[str], Iterator[list[str | None]]]:
    """Run a SPARQL query like :func:`select`, but yield the rows one at a time, as the engine finds them.

    >>> store = ox.Store()
    >>> columns, rows = iter_select(store, "SELECT ?x WHERE { VALUES ?x { 1 2 } }")
    >>> columns, next(rows)
    (['x'], ['1'])
    """
    if _UPDATE.match(_strip_comments(sparql)):
        raise QueryError("SPARQL updates are not allowed here: kgraph query only reads the graph")
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"Invalid SPARQL query: {_one_line(str(err))}") from None
    except (OSError, RuntimeError) as err:
        raise QueryError(f"Can't run the query: {_one_line(str(err))}") from None
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], iter([["true" if bool(result) else "false"]])
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], _rows(
            [_term(t.subject), _term(t.predicate), _term(t.object)] for t in result
        )
    columns = [v.value for v in result.variables]
    width = range(len(columns))
    return columns, _rows([_term(solution[i]) for i in width] for solution in result)


def _rows(rows: Iterator[list[str | None]]) -> Iterator[list[str | None]]:
    """Yield the rows, turning the engine's errors while it runs into QueryError."""
    try:
        yield from rows
    except (OSError, RuntimeError) as err:
        raise QueryError(f"Query failed: {_one_line(str(err))}") from None


class QueryResult(NamedTuple):
    """What :func:`run_query` gives: the columns, the rows, and whether rows were left out (``max_rows``)."""

    columns: list[str]
    rows: list[list[str | None]]
    truncated: bool


def run_query(
    graph: str | Path,
    sparql: str,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> QueryResult:
    """Load ``graph`` and run ``sparql`` in a child process that is stopped after ``timeout`` seconds.

    The engine (Rust) does not see Python's signals, so it runs in a process
    of its own: Ctrl-C or SIGTERM in this process (a ``KeyboardInterrupt``)
    kills it at once, and so does a query that runs past ``timeout``
    (QueryError). Rows come back in batches as the engine finds them, and at
    most ``max_rows`` are kept (``truncated`` says if there were more), so a
    runaway result does not fill the memory. ``None`` turns either limit off.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "kg.nt"
    >>> _ = p.write_text('<http://e/a> <http://e/b> "c" .\\n<http://e/a> <http://e/b> "d" .\\n')
    >>> run_query(p, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", max_rows=1)
    QueryResult(columns=['o'], rows=[['c']], truncated=True)
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_query_process, args=(sender, str(graph), sparql, max_rows), daemon=True)
    deadline = None if timeout is None else time.monotonic() + timeout
    columns: list[str] = []
    rows: list[list[str | None]] = []
    try:
        process.start()
        sender.close()
        while True:
            wait = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
            if wait <= 0:
                raise QueryError(
                    f"the query ran for longer than {timeout:g} s and was stopped; "
                    "give more time with --timeout SECONDS, or narrow the query"
                )
            if not receiver.poll(wait):
                continue
            try:
                kind, value = receiver.recv()
            except EOFError:
                process.join(5)
                code = process.exitcode
                how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                raise QueryError(f"the query process stopped ({how}), perhaps out of memory") from None
            if kind == "columns":
                columns = value
            elif kind == "rows":
                rows.extend(value)
            elif kind == "error":
                raise QueryError(value)
            else:  # "done"
                return QueryResult(columns, rows, bool(value))
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        if process.pid is not None:
            process.join()


def _query_process(sender: Any, graph: str, sparql: str, max_rows: int | None) -> None:  # pragma: no cover - child process
    """Run in the child of :func:`run_query`: load, query, send the rows in batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops this process; Ctrl-C goes to both
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent()
    try:
        columns, rows = iter_select(load_store(graph), sparql)
        sender.send(("columns", columns))
        batch: list[list[str | None]] = []
        count = 0
        for row in rows:
            if max_rows is not None and count >= max_rows:
                sender.send(("rows", batch))
                sender.send(("done", True))
                return
            batch.append(row)
            count += 1
            if len(batch) >= _BATCH:
                sender.send(("rows", batch))
                batch = []
        sender.send(("rows", batch))
        sender.send(("done", False))
    except QueryError as err:
        sender.send(("error", str(err)))
    except BrokenPipeError:
        pass
    except Exception as err:  # a bug, but the parent prints it as one line
        sender.send(("error", f"the query failed: {type(err).__name__}: {_one_line(str(err))}"))
    finally:
        sender.close()
        os._exit(0)


def _die_with_parent() -> None:  # pragma: no cover - child process
    """Ask Linux to kill this process when its parent dies (kill -9 of kgraph query)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _strip_comments(sparql: str) -> str:
    # Drop # comments outside IRIs and strings, well enough to see the query form.
    return re.sub(r"(?m)^\s*#.*$", "", sparql)


def format_result(columns: list[str], rows: list[list[str | None]], fmt: str = "table") -> str:
    """Return query results as an aligned text table, CSV, or JSON (a list of objects).

    >>> print(format_result(["name", "n"], [["GPT-4", "3"], ["MMLU", None]]))
    name  | n
    ------+--
    GPT-4 | 3
    MMLU  |
    >>> format_result(["n"], [["1"]], "json")
    '[\\n {"n": "1"}\\n]\\n'
    """
    if fmt == "json":
        if not rows:
            return "[]\n"
        body = ",\n".join(" " + json.dumps(dict(zip(columns, row)), ensure_ascii=False) for row in rows)
        return "[\n" + body + "\n]\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in rows])
        return out.getvalue()
    if fmt == "table":
        cells = [[_cell(v) for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        return "\n".join(lines)
    raise QueryError(f"Unknown result format {fmt!r}. Available: {', '.join(RESULT_FORMATS)}")


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    value = safe_text(" ".join(value.split()))
    return value if len(value) <= _MAX_CELL else value[: _MAX_CELL - 1] + "…"


def _csv_cell(value: str | None) -> str:
    """Return a CSV cell that a spreadsheet will not run as a formula: ``=``, ``+``, ``-``, ``@``, tab, CR get a leading ``'``.

    >>> _csv_cell("=HYPERLINK(1)"), _csv_cell("GPT-4"), _csv_cell(None)
    ("'=HYPERLINK(1)", 'GPT-4', '')
    """
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def safe_text(text: str) -> str:
    """Return ``text`` with what a terminal would act on shown as escapes: control characters, C1 included, and bidi overrides.

    For text shown in a terminal (tables), not for data (JSON, CSV).

    >>> safe_text("a\\x1b[31mb\\x9bc\\u202ed")
    'a\\\\x1b[31mb\\\\x9bc\\\\u202ed'
    """
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _is_control(ch) else ch for ch in text)


def _is_control(ch: str) -> bool:
    return ch in _BIDI or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def named_queries() -> dict[str, Path]:
    """Return the named queries (``ontology/queries/*.rq``) by name.

    >>> sorted(named_queries())[:2]
    ['co-mentioned-models', 'model-benchmarks']
    """
    return {p.stem: p for p in sorted((ontology_dir() / "queries").glob("*.rq"))}


def _query_text(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"No named query {name!r}. Available: {', '.join(queries)}")
    return queries[name].read_text(encoding="utf-8")


def query_description(name: str) -> str:
    """Return the leading comment of a named query: what it answers and how to use it.

    >>> query_description("top-models").split(":")[0]
    'top-models'
    """
    lines = []
    for line in _query_text(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return "\n".join(lines).strip()


def query_params(name: str) -> dict[str, str]:
    """Return the parameters a named query takes, with their default values (as SPARQL terms).

    >>> query_params("model-benchmarks")
    {'model': '"GPT-4"'}
    """
    return {m["name"]: m["value"].strip() for m in _PARAM_LINE.finditer(_query_text(name))}


def named_query(name: str, params: dict[str, str] | None = None) -> str:
    """Return the SPARQL text of a named query, with parameters set to escaped string literals.

    >>> 'VALUES ?model_name { "Llama \\\\"2\\\\"" }' in named_query("model-benchmarks", {"model": 'Llama "2"'})
    True
    >>> named_query("top-models", {"model": "x"})
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: Query 'top-models' has no parameter 'model'. It takes none
    """
    text = _query_text(name)
    params = dict(params or {})
    known = {m["name"] for m in _PARAM_LINE.finditer(text)}
    unknown = sorted(set(params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise QueryError(f"Query {name!r} has no parameter {unknown[0]!r}. It takes {takes}")

    def substitute(match: re.Match[str]) -> str:
        if match["name"] not in params:
            return match[0]
        literal = str(ox.Literal(str(params[match["name"]])))
        return match["head"] + literal + match["tail"]

    return _PARAM_LINE.sub(substitute, text)


def graph_stats(store: ox.Store) -> dict[str, object]:
    """Return the number of triples (quads) and of instances per class, for ``kgraph stats``.

    Classes are named with the prefixes of :data:`kgraph.vocab.PREFIXES`
    (``kg:Paper``); kgraph classes come first.

    >>> from kgraph.export.rdf import to_store
    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> stats = graph_stats(to_store(build_graph([PaperExtraction(Paper("p1", "T", "A"))])))
    >>> stats["classes"]["kg:Paper"], stats["triples"] > 0
    (1, True)
    """
    _, rows = select(store, "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class")
    counts = {_curie(c or ""): int(n or 0) for c, n in rows}
    kg_first = sorted(counts, key=lambda c: (not c.startswith("kg:"), -counts[c], c))
    return {"triples": len(store), "classes": {c: counts[c] for c in kg_first}}


def _curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w-]*", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
