"""kgraph serve against hostile requests: no federation, Host and Origin checked, queries bounded in time."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kgraph.errors import QueryError
from kgraph.export.rdf import write_rdf
from kgraph.graph import build_graph
from kgraph.serve import oxigraph_command, query_form, start_server
from support.graphs import listing_a

try:
    oxigraph_command()
except QueryError:
    pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the test extra)", allow_module_level=True)

PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile-serve") / "kg.ttl"
    write_rdf(build_graph(listing_a()), path)
    return path


def _get(url: str, sparql: str, headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": sparql}), headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _query_processes() -> list[str]:
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "oxigraph query" in line]


@pytest.mark.parametrize(
    ("sparql", "form"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("select * { { select * { service silent <http://x> { ?a ?b ?c } } } }", "SERVICE"),
        ("ASK { OPTIONAL { ?a ?b ?c MINUS { SERVICE ?where { ?a ?b ?c } } } }", "SERVICE"),
        ("this is no query, but it says SERVICE", "SERVICE"),
        ('PREFIX e: <http://e/> SELECT * WHERE { ?SERVICE e:SERVICE "SERVICE" }', "SELECT"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://e/a>", "DESCRIBE"),
    ],
)
def test_query_form_finds_federation_anywhere(sparql, form):
    assert query_form(sparql) == form


def test_serve_refuses_federation_and_sends_nothing(graph_file):
    hits = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)

    def accept():
        try:
            hits.append(listener.accept())
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    with start_server(graph_file, port=0) as server:
        status, body = _get(server.query_url, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
    thread.join()
    listener.close()
    assert status == 400 and b"SERVICE" in body
    assert hits == []


def test_serve_checks_host_origin_and_media_type(graph_file):
    with start_server(graph_file, port=0) as server:
        port = server.url.rsplit(":", 1)[1]
        assert _get(server.query_url, "ASK {}")[0] == 200
        assert _get(server.query_url, "ASK {}", {"Host": f"localhost:{port}"})[0] == 200
        # DNS rebinding: the browser sends the attacker's host name
        status, body = _get(server.query_url, "ASK {}", {"Host": f"evil.example:{port}"})
        assert status == 403 and b"evil.example" in body
        # a form posted by another site
        form = urllib.request.Request(
            server.query_url,
            data=b"query=ASK%7B%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"},
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(form, timeout=10)
        assert info.value.code == 403
        plain = urllib.request.Request(server.query_url, data=b"ASK {}", headers={"Content-Type": "text/plain"})
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(plain, timeout=10)
        assert info.value.code == 415
        same = urllib.request.Request(
            server.query_url,
            data=b"ASK {}",
            headers={"Content-Type": "application/sparql-query", "Origin": server.url, "Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(same, timeout=10) as response:
            assert response.read() == b'{"head":{},"boolean":true}'


def test_serve_answers_formats_and_reports_syntax_errors(graph_file):
    with start_server(graph_file, port=0) as server:
        status, body = _get(server.query_url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", {"Accept": "text/csv"})
        assert status == 200 and body.startswith(b"s\r\n")
        status, body = _get(server.query_url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1")
        assert status == 200 and body.rstrip().endswith(b" .")
        status, body = _get(server.query_url, "SELECT * WHERE {")
        assert status == 400 and b"error" in body.lower() and b"backtrace" not in body.lower()


def test_serve_stops_a_query_at_its_time_limit(graph_file):
    with start_server(graph_file, port=0, query_timeout=1) as server:
        began = time.monotonic()
        status, body = _get(server.query_url, PRODUCT)
        assert status == 503 and b"time limit of 1 s" in body
        assert time.monotonic() - began < 10
        time.sleep(0.5)
        assert _query_processes() == []
        assert _get(server.query_url, "ASK {}")[0] == 200  # still serving


def test_serve_stops_a_query_when_its_client_leaves(graph_file):
    with start_server(graph_file, port=0, query_timeout=120) as server:
        host, port = server.url.removeprefix("http://").rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        conn.request("GET", "/query?" + urllib.parse.urlencode({"query": PRODUCT}))
        deadline = time.monotonic() + 10
        while not _query_processes() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _query_processes(), "the query never started"
        conn.close()
        deadline = time.monotonic() + 10
        while _query_processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _query_processes() == []


def _serve_process(graph: Path, port: int) -> subprocess.Popen:
    code = f"import sys; sys.argv = ['kgraph', 'serve', {str(graph)!r}, '--port', '{port}']; from kgraph.cli import main; main()"
    # (SIGINT back to its default: a shell that runs the tests in the background leaves it ignored)
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_listening(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("kgraph serve never listened")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copies(pid: int | str = "*") -> set[Path]:
    """The temporary stores of the kgraph serve process ``pid`` (of any, by default)."""
    return set(Path(tempfile.gettempdir()).glob(f"kgraph-serve-{pid}-*"))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_serve_stops_cleanly_on_signals(graph_file, sig):
    port = _free_port()
    proc = _serve_process(graph_file, port)
    _wait_listening(port, proc)
    assert _copies(proc.pid)  # the file's temporary store
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == (130 if sig == signal.SIGINT else 128 + sig)
    assert "Traceback" not in err
    assert _copies(proc.pid) == set()


def test_serve_killed_leaves_no_engine_and_the_next_start_cleans_up(graph_file):
    port = _free_port()
    proc = _serve_process(graph_file, port)
    _wait_listening(port, proc)
    left = _copies(proc.pid)
    assert left
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with start_server(graph_file, port=0):
        assert not any(path.exists() for path in left)  # removed: its server is gone


def test_serve_busy_port_prints_no_endpoint(graph_file):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        proc = _serve_process(graph_file, busy.getsockname()[1])
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert "SPARQL endpoint" not in err and "already in use" in err
    assert len(err.strip().splitlines()) == 1
