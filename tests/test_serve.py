"""The SPARQL endpoint: a real Oxigraph server over a graph file or a store, queried over HTTP."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kgraph.errors import QueryError
from kgraph.export.rdf import write_rdf
from kgraph.graph import build_graph
from kgraph.query import named_query
from kgraph.serve import oxigraph_command, start_server
from kgraph.store import update_store
from support.graphs import listing_a

try:
    oxigraph_command()
except QueryError:
    pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the test extra)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _select(url: str, sparql: str) -> list[dict]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["results"]["bindings"]


def _update(url: str, sparql: str) -> int:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"update": sparql}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "kg.ttl"
    write_rdf(build_graph(listing_a()), path)
    return path


def test_serve_file_answers_select_and_refuses_updates(graph_file):
    with start_server(graph_file, port=_free_port()) as server:
        assert server.url.startswith("http://127.0.0.1:")
        rows = _select(server.query_url, named_query("top-models"))
        assert [(r["model_name"]["value"], r["mentions"]["value"]) for r in rows][0] == ("GPT-4", "5")
        with pytest.raises(urllib.error.HTTPError) as info:
            _update(server.update_url, "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
        assert info.value.code in (403, 405)
        assert _select(server.query_url, "SELECT * WHERE { <http://e/a> ?p ?o }") == []
    assert not server.running  # stopped


def test_serve_store_directory_sees_all_paper_graphs(tmp_path):
    update_store(tmp_path / "kg", build_graph(listing_a()))
    with start_server(tmp_path / "kg", port=_free_port()) as server:
        rows = _select(server.query_url, "PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT ?p WHERE { ?p a kg:Paper } ORDER BY ?p")
        assert [r["p"]["value"].rsplit("/", 1)[1] for r in rows] == ["p1", "p2", "p3"]


def test_serve_writable_accepts_updates(graph_file):
    with start_server(graph_file, port=_free_port(), writable=True) as server:
        assert _update(server.update_url, "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }") in (200, 204)
        assert len(_select(server.query_url, "SELECT * WHERE { <http://e/a> ?p ?o }")) == 1


def test_serve_errors(tmp_path, graph_file):
    with pytest.raises(QueryError, match="no such file or store directory"):
        start_server(tmp_path / "missing.ttl", port=_free_port())
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle\n")
    with pytest.raises(QueryError, match="can't load into the server"):
        start_server(bad, port=_free_port())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(QueryError, match="didn't start on 127.0.0.1:.*[Aa]ddress already in use"):
            start_server(graph_file, port=busy.getsockname()[1])


def test_serve_store_keeps_answering_during_and_after_an_update(tmp_path):
    from support.graphs import listing_b

    update_store(tmp_path / "kg", build_graph(listing_a()))
    with start_server(tmp_path / "kg", port=_free_port()) as server:
        query = "PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT ?p WHERE { ?p a kg:Paper }"
        assert len(_select(server.query_url, query)) == 3
        update_store(tmp_path / "kg", build_graph(listing_b()))
        assert len(_select(server.query_url, query)) == 3  # the version it opened
    with start_server(tmp_path / "kg", port=_free_port()) as server:
        assert len(_select(server.query_url, query)) == 4  # a restart sees the update
