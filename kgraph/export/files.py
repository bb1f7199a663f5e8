"""Atomic file writing, GraphML and node-link JSON.

``to_*`` functions return in-memory forms, ``write_*`` functions write files.
Every writer goes through :func:`atomic_write`, so a failed or interrupted
run leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..errors import ExportError

__all__ = ["atomic_write", "remove_stale", "to_json", "write_json", "write_graphml", "sorted_graph"]


def _alive(pid: int) -> bool:
    """Tell whether a process with this id runs on this machine."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0  # another user's process (or a number no process can have)
    return True


def remove_stale(folder: str | Path, prefix: str, suffix: str = "") -> list[Path]:
    """Remove what killed runs left in ``folder``: ``PREFIX<pid>.…SUFFIX`` entries whose process is gone.

    Temporary files and folders carry the id of the process that writes them
    (:func:`atomic_write`, :func:`kgraph.pipeline.write_outputs`); one whose
    process no longer runs was left by a run killed with ``kill -9`` or a
    power cut. Entries without a process id are left alone. Returns what was removed.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".x.2147483646.abc.tmp").write_text("left by a dead process")
    >>> [p.name for p in remove_stale(d, ".x.", ".tmp")]
    ['.x.2147483646.abc.tmp']
    """
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(suffix)]
    except OSError:
        return removed
    for entry in entries:
        pid = entry.name[len(prefix):].split(".", 1)[0].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(path)
    return removed


@contextlib.contextmanager
def atomic_write(path: str | Path, *, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    On any error the temporary file is removed and ``path`` is untouched. The
    temporary file, ``.NAME.<pid>.XXXX.tmp``, names the process that writes
    it, so the next write of ``path`` removes one a killed run left.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_write(p) as f:
    ...     _ = f.write("hi")
    >>> p.read_text()
    'hi'
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()  # write the file the link points to, keep the link
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; give a file name")
    if path.exists() and not path.is_file():
        # A FIFO or device (e.g. /dev/stdout): write in place, renaming would replace it.
        try:
            handle = open(path, mode) if "b" in mode else open(path, mode, encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as err:
            raise ExportError(f"{path}: can't write ({err.strerror})") from None
        with handle:
            yield handle
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path.parent, f".{path.name}.", ".tmp")  # what a killed run left
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise ExportError(f"{path}: can't write ({err.strerror})") from None
    try:
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sorted_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``G`` with nodes and edges in sorted order, for byte-stable output."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for node, data in _sorted_nodes(G):
        H.add_node(node, **data)
    for u, v, k, data in _sorted_edges(G):
        H.add_edge(u, v, key=k, **data)
    return H


def _sorted_nodes(G: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Yield ``(node, attributes)`` in sorted order (a GraphView yields them so, reading papers one at a time)."""
    if isinstance(G, nx.Graph):
        for node in sorted(G.nodes):
            yield node, G.nodes[node]
    else:
        yield from G.nodes(data=True)


def _sorted_edges(G: Any) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """Yield ``(u, v, key, attributes)`` sorted by (u, v, key)."""
    if isinstance(G, nx.Graph):
        yield from sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    else:
        yield from G.edges(keys=True, data=True)


def to_json(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the node-link form of the graph (``nodes`` and ``links``)."""
    return nx.node_link_data(sorted_graph(G), edges="links")


def _json_block(item: Any) -> str:
    # One list item as json.dump(..., indent=1) writes it two levels deep.
    return "  " + json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n  ")


def _write_list(handle: IO[str], name: str, items: Iterator[Any], last: bool) -> None:
    handle.write(f' "{name}": [')
    first = True
    for item in items:
        handle.write("\n" if first else ",\n")
        handle.write(_json_block(item))
        first = False
    handle.write("]" if first else "\n ]")
    handle.write("\n" if last else ",\n")


def write_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the graph as node-link JSON (networkx ``node_link_graph`` reads it back).

    Streamed, node by node and edge by edge, with the bytes ``json.dump(to_json(G),
    indent=1, sort_keys=True)`` would write; works on a :class:`kgraph.graph.GraphView` too.
    """
    graph = json.dumps(dict(G.graph), ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")
    with atomic_write(path) as handle:
        handle.write('{\n "directed": true,\n "graph": ' + graph + ",\n")
        links = ({**data, "source": u, "target": v, "key": k} for u, v, k, data in _sorted_edges(G))
        _write_list(handle, "links", links, last=False)
        handle.write(' "multigraph": true,\n')
        nodes = ({**data, "id": node} for node, data in _sorted_nodes(G))
        _write_list(handle, "nodes", nodes, last=True)
        handle.write("}\n")


def _graphml_value(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


class _GraphMLSource:
    """What networkx's streaming (lxml) GraphML writer reads: sorted nodes and edges, plain values."""

    def __init__(self, G: Any) -> None:
        self._G = G
        self.graph: dict[str, Any] = {}

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = False) -> Iterator[Any]:
        for node, attrs in _sorted_nodes(self._G):
            yield (node, {k: _graphml_value(v) for k, v in sorted(attrs.items())}) if data else node

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[Any]:
        for u, v, k, attrs in _sorted_edges(self._G):
            out: tuple[Any, ...] = (u, v) + ((k,) if keys else ())
            yield out + (({a: _graphml_value(b) for a, b in sorted(attrs.items())},) if data else ())


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the graph as GraphML for Gephi, yEd or ``networkx.read_graphml``.

    GraphML has no lists, so list and dict attributes (``aliases``,
    ``evidence``...) are written as JSON strings. Nodes and edges are
    streamed in sorted order through networkx's lxml GraphML writer, so a
    :class:`kgraph.graph.GraphView` of any size is written without being
    loaded into memory.
    """
    from networkx.readwrite.graphml import GraphMLWriterLxml

    with atomic_write(path, mode="wb") as handle:
        writer = GraphMLWriterLxml(handle, graph=_GraphMLSource(G), encoding="utf-8", prettyprint=True)
        writer.dump()
