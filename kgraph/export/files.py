"""Atomic file writing, GraphML and node-link JSON.

``to_*`` functions return in-memory forms, ``write_*`` functions write files.
Every writer goes through :func:`atomic_write`, so a failed or interrupted
run leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from ..errors import ExportError

__all__ = ["atomic_write", "to_json", "write_json", "write_graphml", "sorted_graph"]


@contextlib.contextmanager
def atomic_write(path: str | Path, *, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success rename it over ``path``.

    On any error the temporary file is removed and ``path`` is untouched.

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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
    for node in sorted(G.nodes):
        H.add_node(node, **G.nodes[node])
    for u, v, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        H.add_edge(u, v, key=k, **data)
    return H


def to_json(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Return the node-link form of the graph (``nodes`` and ``links``)."""
    return nx.node_link_data(sorted_graph(G), edges="links")


def write_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the graph as node-link JSON (networkx ``node_link_graph`` reads it back)."""
    data = to_json(G)
    with atomic_write(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")


def _graphml_value(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write the graph as GraphML for Gephi, yEd or ``networkx.read_graphml``.

    GraphML has no lists, so list and dict attributes (``aliases``,
    ``evidence``...) are written as JSON strings.
    """
    H = nx.MultiDiGraph()
    ordered = sorted_graph(G)
    for node, data in ordered.nodes(data=True):
        H.add_node(node, **{k: _graphml_value(v) for k, v in sorted(data.items())})
    for u, v, k, data in ordered.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **{a: _graphml_value(b) for a, b in sorted(data.items())})
    with atomic_write(path, mode="wb") as handle:
        nx.write_graphml(H, handle, encoding="utf-8", prettyprint=True)
