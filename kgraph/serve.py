"""Serve the knowledge graph as a SPARQL 1.1 endpoint (``kgraph serve``), with the Oxigraph server.

Stage contract: an RDF file or a store directory in; a SPARQL 1.1 Protocol
endpoint at ``http://HOST:PORT/query`` out (``/update`` too when writable).
The engine is the ``oxigraph`` command of the ``oxigraph`` PyPI package, a
dependency of kgraph. It listens on a private port of 127.0.0.1; the address
users reach is a small front server here, which guards it:

- Read-only by default (``oxigraph serve-read-only``): updates are refused.
- Bound to 127.0.0.1 by default: pass ``host="0.0.0.0"`` to serve others.
- No federation: a query with ``SERVICE`` is refused (it would make the
  server send requests to any address the query names).
- The ``Host`` header must name the bound address (or localhost), so a web
  page reached through DNS rebinding can't read answers; a browser's
  cross-site POST (a form on another site) is refused.
- Each query stops after ``timeout`` seconds (Oxigraph's own query timeout).
- A file is first loaded into a temporary store (removed when the server
  stops, and by the next server if this one was killed); a store directory
  (:mod:`kgraph.store`) is served in place.
- Queries see the union of all named graphs as the default graph, as
  :func:`kgraph.query.select` does.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from .errors import QueryError
from .store import store_location

__all__ = ["serve", "start_server", "Server", "oxigraph_command", "DEFAULT_TIMEOUT", "query_form"]

DEFAULT_TIMEOUT = 60.0  # seconds a query may run, in kgraph serve and kgraph query
_MAX_BODY = 1 << 20  # a query or update of more than 1 MiB is refused
_TMP_PREFIX = "kgraph-serve-"

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


_RESULT_TYPES = [  # Accept -> (media type, oxigraph's results format) for SELECT and ASK
    ("application/sparql-results+json", ("application/sparql-results+json", "json")),
    ("application/sparql-results+xml", ("application/sparql-results+xml", "xml")),
    ("text/csv", ("text/csv; charset=utf-8", "csv")),
    ("text/tab-separated-values", ("text/tab-separated-values; charset=utf-8", "tsv")),
]
_GRAPH_TYPES = [  # the same for CONSTRUCT and DESCRIBE
    ("application/n-triples", ("application/n-triples", "nt")),
    ("text/turtle", ("text/turtle", "ttl")),
    ("application/rdf+xml", ("application/rdf+xml", "rdf")),
]
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """Return a query's form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), or ``SERVICE`` if it federates.

    Parsed with rdflib's SPARQL grammar, so ``SERVICE`` in a string, an IRI or
    a prefixed name doesn't count. A query rdflib can't parse is ``SERVICE`` if
    the word appears anywhere in it (better refused than sent out).

    >>> query_form('SELECT * WHERE { SERVICE <http://127.0.0.1/x> { ?s ?p ?o } }')
    'SERVICE'
    >>> query_form('PREFIX e: <http://e/> ASK { ?SERVICE e:SERVICE "SERVICE" }')
    'ASK'
    """
    from pyparsing import ParseException, ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    def federates(node: object) -> bool:
        if isinstance(node, CompValue):
            return node.name == "ServiceGraphPattern" or any(federates(v) for v in node.values())
        if isinstance(node, (list, tuple, ParseResults)):
            return any(federates(v) for v in node)
        return False

    try:
        parsed = parseQuery(sparql)
    except (ParseException, ValueError, TypeError, RecursionError):
        if "service" in sparql.lower():
            return "SERVICE"
        found = _FORM.search(sparql)
        return found.group(1).upper() if found else "SELECT"
    if federates(parsed):
        return "SERVICE"
    return parsed[1].name.removesuffix("Query").upper()


class Server:
    """A running SPARQL endpoint; stop it with :meth:`stop` or by leaving a ``with`` block.

    Read-only, each query runs in an ``oxigraph query`` process of its own;
    with ``writable=True`` an ``oxigraph serve`` engine (``process``) answers
    on a private port.
    """

    def __init__(self, front: _Front, url: str, tmpdir: str | None, process: subprocess.Popen[bytes] | None = None, log: Path | None = None) -> None:
        self.process = process  # the writable engine, or None
        self.log = log  # its stderr
        self.url = url  # e.g. http://127.0.0.1:7878
        self.query_url = url + "/query"
        self.update_url = url + "/update"
        self._tmpdir = tmpdir
        self._front: _Front | None = front
        front.server_activate()  # listen: the store is ready
        self._thread = threading.Thread(target=front.serve_forever, name="kgraph-serve", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """True until the server is stopped (or its writable engine died)."""
        return self._front is not None and (self.process is None or self.process.poll() is None)

    def stop(self, timeout: float = 10) -> None:
        """Stop the server and remove its temporary store."""
        if self._front is not None:
            self._front.shutdown()
            self._front.server_close()
            self._front = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
        if self.log is not None:
            with contextlib.suppress(OSError):
                self.log.unlink()

    def wait(self) -> int:
        """Serve until the writable engine exits, or an interrupt (KeyboardInterrupt) stops the server; return the engine's exit code.

        The server is stopped and its temporary store removed either way; the
        interrupt goes on to the caller.
        """
        try:
            while self.running:
                time.sleep(0.2)
            return self.process.returncode if self.process is not None else 0
        finally:
            self.stop()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _remove_stale_copies() -> None:
    """Remove the temporary stores of servers that were killed (their pid is in the folder name)."""
    for path in Path(tempfile.gettempdir()).glob(_TMP_PREFIX + "*"):
        pid = path.name[len(_TMP_PREFIX):].split("-", 1)[0]
        if not (path.is_dir() and pid.isdigit()):
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _location(graph_path: Path, command: str) -> tuple[Path, str | None]:
    if graph_path.is_dir():
        return store_location(graph_path), None
    if not graph_path.is_file():
        raise QueryError(f"{graph_path}: no such file or store directory")
    fmt = _FILE_FORMATS.get(graph_path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{graph_path}: can't serve {graph_path.suffix!r} files. Available: {', '.join(_FILE_FORMATS)}, or a store directory")
    _remove_stale_copies()
    tmpdir = tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-")
    location = Path(tmpdir) / "store"
    try:
        result = subprocess.run(
            [command, "load", "--location", str(location), "--file", str(graph_path), "--format", fmt],
            capture_output=True,
            text=True,
        )
    except BaseException:  # interrupted while loading: leave nothing behind
        shutil.rmtree(tmpdir, ignore_errors=True)
        raise
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


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    # Linux: the engine gets SIGTERM when kgraph dies, even by kill -9.
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _allowed_hosts(host: str, port: int) -> set[str]:
    names = {host, "localhost", "127.0.0.1", "[::1]", "::1"}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    if host in ("0.0.0.0", "::", ""):
        # Serving every address: requests may name any of this machine's addresses.
        with contextlib.suppress(OSError):
            names |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
        names.add(socket.gethostname())
    return {n.lower() for n in names} | {f"{n}:{port}".lower() for n in names}


class _Front(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a busy port is an error, not a shared one
    command = ""  # the oxigraph command
    location: Path | None = None  # read-only: the store each query process opens
    backend: tuple[str, int] = ("127.0.0.1", 0)  # writable: the engine's private address
    hosts: set[str] = set()  # what the Host header may say
    writable = False

    def __init__(self, address: tuple[str, int], *, timeout: float) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, _Handler, bind_and_activate=False)
        try:
            self.server_bind()  # (it listens once the store is ready: Server starts it)
        except OSError:
            self.server_close()
            raise
        self.query_timeout = timeout
        self.slots = threading.BoundedSemaphore(os.cpu_count() or 2)  # queries running at once


class _Handler(BaseHTTPRequestHandler):
    server: _Front
    server_version = "kgraph-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # no access log on the terminal

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _guard(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self._refuse(403, f"Host {host!r} is not this server's address")
            return False
        if (self.headers.get("Sec-Fetch-Site") or "").lower() == "cross-site":
            self._refuse(403, "cross-site requests are refused")
            return False
        origin = self.headers.get("Origin")
        if origin and self.command == "POST":
            netloc = urllib.parse.urlsplit(origin).netloc.lower()
            if netloc not in self.server.hosts:
                self._refuse(403, f"requests from {origin!r} are refused")
                return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if not self._guard():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            self._refuse(200, "kgraph SPARQL endpoint: send queries to /query (GET ?query=... or POST application/sparql-query)")
            return
        if url.path != "/query":
            self._refuse(404, "not found: the endpoint is /query")
            return
        queries = urllib.parse.parse_qs(url.query).get("query", [])
        if len(queries) != 1:
            self._refuse(400, "give one query: /query?query=...")
            return
        self._forward(queries[0], "query")

    def do_POST(self) -> None:  # noqa: N802
        if not self._guard():
            return
        path = urllib.parse.urlsplit(self.path).path
        kind = {"/query": "query", "/update": "update"}.get(path)
        if kind is None:
            self._refuse(404, "not found: the endpoint is /query")
            return
        if kind == "update" and not self.server.writable:
            self._refuse(403, "this endpoint is read-only (kgraph serve --writable accepts updates)")
            return
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 <= length <= _MAX_BODY:
            self._refuse(413, f"a request body of at most {_MAX_BODY} bytes, with its Content-Length")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == f"application/sparql-{kind}":
            text = body
        elif ctype == "application/x-www-form-urlencoded":
            values = urllib.parse.parse_qs(body).get(kind, [])
            if len(values) != 1:
                self._refuse(400, f"give one {kind}= field")
                return
            text = values[0]
        else:
            self._refuse(415, f"send the {kind} as application/sparql-{kind} or a form field {kind}=")
            return
        self._forward(text, kind)

    def _forward(self, text: str, kind: str) -> None:
        form = query_form(text) if kind == "query" else "UPDATE"
        if form == "SERVICE":
            self._refuse(400, "federated queries (SERVICE) are turned off in kgraph serve")
            return
        if self.server.location is not None and kind == "query":
            self._run_query(text, form)
        else:
            self._to_engine(text, kind)

    def _run_query(self, text: str, form: str) -> None:
        """Run one query in its own ``oxigraph query`` process, killed at the time limit or when the client leaves."""
        accept = (self.headers.get("Accept") or "").lower()
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = next((f for m, f in _GRAPH_TYPES if m in accept), ("application/n-triples", "nt"))
        else:
            fmt = next((f for m, f in _RESULT_TYPES if m in accept), ("application/sparql-results+json", "json"))
        timeout = self.server.query_timeout
        deadline = time.monotonic() + timeout
        if not self.server.slots.acquire(timeout=timeout):
            self._refuse(503, f"the server is busy: every query slot stayed taken for {timeout:g} s")
            return
        try:
            args = [self.server.command, "query", "--location", str(self.server.location), "--union-default-graph", "--results-format", fmt[1]]
            proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
            try:
                self._stream(proc, text, fmt[0], deadline, timeout)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
                for pipe in (proc.stdout, proc.stderr):
                    if pipe:
                        pipe.close()
        finally:
            self.server.slots.release()

    def _stream(self, proc: subprocess.Popen[bytes], text: str, media_type: str, deadline: float, timeout: float) -> None:
        assert proc.stdin and proc.stdout and proc.stderr  # noqa: S101 - Popen made them
        with contextlib.suppress(OSError):
            proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ, "out")
        sel.register(self.connection, selectors.EVENT_READ, "client")
        started = False
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    if not started:
                        self._refuse(503, f"the query was stopped after its time limit of {timeout:g} s (kgraph serve --timeout SECONDS)")
                    self.close_connection = True
                    return
                for key, _ in sel.select(min(left, 1.0)):
                    if key.data == "client":
                        if not self.connection.recv(1, socket.MSG_PEEK):
                            self.close_connection = True  # the client left: stop its query
                            return
                        sel.unregister(self.connection)  # it sent more (pipelining): read it later
                        continue
                    chunk = os.read(proc.stdout.fileno(), 65536)
                    if not chunk:
                        code = proc.wait()
                        if code != 0 and not started:
                            err = _error_line(proc.stderr.read().decode("utf-8", "replace"))
                            self._refuse(400, err or f"the query failed (exit status {code})")
                        elif started:
                            self.wfile.write(b"0\r\n\r\n")
                            if code != 0:
                                self.close_connection = True
                        else:
                            self._start(media_type)
                            self.wfile.write(b"0\r\n\r\n")
                        return
                    if not started:
                        self._start(media_type)
                        started = True
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            self.close_connection = True  # the client left while we wrote
        finally:
            sel.close()

    def _start(self, media_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _to_engine(self, text: str, kind: str) -> None:
        """Pass a query or update to the writable engine (``kgraph serve --writable``)."""
        headers = {"Content-Type": f"application/sparql-{kind}"}
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        timeout = self.server.query_timeout
        conn = http.client.HTTPConnection(*self.server.backend, timeout=timeout + 10)
        try:
            conn.request("POST", "/" + kind, body=text.encode("utf-8"), headers=headers)
            answer = conn.getresponse()
        except (OSError, http.client.HTTPException):
            conn.close()
            self._refuse(503, f"the query was stopped after its time limit of {timeout:g} s (kgraph serve --timeout SECONDS)")
            return
        try:
            self.send_response(answer.status)
            for name in ("Content-Type", "Content-Disposition"):
                if answer.getheader(name):
                    self.send_header(name, answer.getheader(name))
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            while chunk := answer.read1(65536):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the client left
        finally:
            conn.close()


def start_server(
    graph_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    timeout: float = 30,
    query_timeout: float = DEFAULT_TIMEOUT,
) -> Server:
    """Start the SPARQL endpoint on a graph file or store directory; return once it answers.

    Use it as a context manager (``with start_server(path, port=8000) as server:``)
    to stop the server at the end; ``server.query_url`` is the endpoint. A query
    runs for at most ``query_timeout`` seconds; ``port=0`` takes a free port.

    >>> start_server("missing.ttl")
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ...
    """
    command = oxigraph_command()
    graph_path = Path(graph_path)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        front = _Front((host, port), timeout=query_timeout)  # bound now: a busy port fails before any work
    except OSError as err:
        raise QueryError(f"The SPARQL server didn't start on {bind}: {err.strerror or err}") from None
    front.command, front.writable = command, writable
    front.hosts = _allowed_hosts(host, front.server_address[1])
    try:
        location, tmpdir = _location(graph_path, command)
    except BaseException:
        front.server_close()
        raise
    url_host = f"[{host}]" if ":" in host else ("127.0.0.1" if host in ("0.0.0.0", "") else host)
    url = f"http://{url_host}:{front.server_address[1]}"
    if not writable:
        front.location = location
        return Server(front, url, tmpdir)
    inner = _free_port()
    front.backend = ("127.0.0.1", inner)
    args = [command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{inner}", "--union-default-graph", "--timeout-s", str(max(1, round(query_timeout)))]
    fd, log_name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".log")
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    server = Server(front, url, tmpdir, process, Path(log_name))
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            err = _error_line(Path(log_name).read_text(errors="replace"))
            server.stop()
            raise QueryError(f"The SPARQL server didn't start: {err or 'exit code ' + str(process.returncode)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", inner), timeout=1):
            break
        if time.monotonic() > deadline:
            server.stop()
            raise QueryError(f"The SPARQL server didn't answer within {timeout:g} s")
        time.sleep(0.05)
    return server


def serve(graph_path: str | Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False, query_timeout: float = DEFAULT_TIMEOUT) -> int:
    """Serve a graph file or store directory as a SPARQL endpoint until interrupted; return the exit code.

    Read-only unless ``writable``; bound to 127.0.0.1 unless ``host`` says otherwise.
    The endpoint is ``http://HOST:PORT/query``.

    >>> serve("missing.ttl", port=7879)
    Traceback (most recent call last):
    ...
    kgraph.errors.QueryError: ...
    """
    server = start_server(graph_path, host=host, port=port, writable=writable, query_timeout=query_timeout)
    return server.wait()
