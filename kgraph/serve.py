"""Serve the knowledge graph as a SPARQL 1.1 endpoint (``kgraph serve``), with the Oxigraph server.

Stage contract: an RDF file or a store directory in; a SPARQL 1.1 Protocol
endpoint at ``http://HOST:PORT/query`` out (``/update`` too when writable),
with Oxigraph's web UI at ``/``. The server is the ``oxigraph`` command of the
``oxigraph`` PyPI package, a dependency of kgraph.

- Read-only by default (``oxigraph serve-read-only``): updates are refused.
- Bound to 127.0.0.1 by default: pass ``host="0.0.0.0"`` to serve others.
- A file is first loaded into a temporary store (removed when the server
  stops); a store directory (:mod:`kgraph.store`) is served in place.
- Queries see the union of all named graphs as the default graph, as
  :func:`kgraph.query.select` does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType

from .errors import QueryError
from .store import store_location

__all__ = ["serve", "start_server", "Server", "oxigraph_command"]

_FILE_FORMATS = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".jsonld": "jsonld",
    ".nq": "nq",
    ".trig": "trig",
    ".rdf": "rdf",
}


def oxigraph_command() -> str:
    """Return the path of the ``oxigraph`` server command, or raise QueryError if it isn't installed."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise QueryError("The SPARQL server needs the oxigraph command, a kgraph dependency: reinstall kgraph (or pip install oxigraph)")


class Server:
    """A running Oxigraph server; stop it with :meth:`stop` or by leaving a ``with`` block."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, tmpdir: str | None, log: Path) -> None:
        self.process = process
        self.log = log  # the server's stderr
        self.url = url  # e.g. http://127.0.0.1:7878
        self.query_url = url + "/query"
        self.update_url = url + "/update"
        self._tmpdir = tmpdir

    def stop(self, timeout: float = 10) -> None:
        """Stop the server and remove its temporary store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
        with contextlib.suppress(OSError):
            self.log.unlink()

    def wait(self) -> int:
        """Wait until the server exits (Ctrl-C stops it); return its exit code."""
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _location(graph_path: Path, command: str) -> tuple[Path, str | None]:
    if graph_path.is_dir():
        return store_location(graph_path), None
    if not graph_path.is_file():
        raise QueryError(f"{graph_path}: no such file or store directory")
    fmt = _FILE_FORMATS.get(graph_path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{graph_path}: can't serve {graph_path.suffix!r} files. Available: {', '.join(_FILE_FORMATS)}, or a store directory")
    tmpdir = tempfile.mkdtemp(prefix="kgraph-serve-")
    location = Path(tmpdir) / "store"
    result = subprocess.run(
        [command, "load", "--location", str(location), "--file", str(graph_path), "--format", fmt],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise QueryError(f"{graph_path}: can't load into the server: {_error_line(result.stderr) or 'oxigraph load failed'}")
    return location, tmpdir


def _error_line(output: str) -> str:
    """Return the line of oxigraph's output that says what went wrong (not the backtrace)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.lower().startswith(("error", "caused by")):
            return " ".join(line.split())
    useful = [line for line in lines if not line[0].isdigit() and not line.startswith(("at ", "Stack backtrace"))]
    return (useful or lines or [""])[0]


def start_server(
    graph_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float = 30,
) -> Server:
    """Start the Oxigraph SPARQL server on a graph file or store directory; return once it answers.

    Use it as a context manager (``with start_server(path, port=8000) as server:``)
    to stop the server at the end; ``server.query_url`` is the endpoint.

    >>> start_server("missing.ttl")
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ...
    """
    command = oxigraph_command()
    graph_path = Path(graph_path)
    location, tmpdir = _location(graph_path, command)
    mode = "serve" if writable else "serve-read-only"
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    args = [command, mode, "--location", str(location), "--bind", bind, "--union-default-graph"]
    fd, log_name = tempfile.mkstemp(prefix="kgraph-serve-", suffix=".log")
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    url_host = f"[{host}]" if ":" in host else ("127.0.0.1" if host in ("0.0.0.0", "") else host)
    server = Server(process, f"http://{url_host}:{port}", tmpdir, Path(log_name))
    deadline = time.monotonic() + timeout
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    while True:
        if process.poll() is not None:
            err = _error_line(server.log.read_text(errors="replace"))
            server.stop()
            raise QueryError(f"The SPARQL server didn't start on {bind}: {err or 'exit code ' + str(process.returncode)}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    break
        if time.monotonic() > deadline:
            server.stop()
            raise QueryError(f"The SPARQL server didn't answer on {bind} within {timeout:g} s")
        time.sleep(0.1)
    return server


def serve(graph_path: str | Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False) -> int:
    """Serve a graph file or store directory as a SPARQL endpoint until interrupted; return the exit code.

    Read-only unless ``writable``; bound to 127.0.0.1 unless ``host`` says otherwise.
    The endpoint is ``http://HOST:PORT/query``.

    >>> serve("missing.ttl", port=7879)
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ...
    """
    server = start_server(graph_path, host=host, port=port, writable=writable)
    return server.wait()
