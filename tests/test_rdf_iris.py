"""Instance IRIs: readable, stable, injective, and valid for pyoxigraph, rdflib and rapper whatever the name."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib

from kgraph.export.rdf import iter_triples, node_iri, write_rdf
from kgraph.graph import entity_node_id
from support.graphs import NASTY_NAMES, nasty_graph

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is optional: the parametrized nasty names still run
    given = None

# RFC 3987 characters outside which an IRI needs escaping; what we write must be plain ASCII URI characters.
_URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_NODE_KINDS = ["paper:", "model:", "data:", "repo:github.com/", "owner:github.com/", "link:", ""]


def _assert_valid(iri: str) -> None:
    assert _URI_CHARS.fullmatch(iri), iri
    assert re.fullmatch(r"[^%]*(%[0-9A-F]{2}[^%]*)*", iri), iri  # every % starts an escape
    ox.NamedNode(iri)  # raises ValueError if invalid
    parsed = rdflib.Graph().parse(data=f"<{iri}> <http://e/p> <http://e/o> .\n", format="nt")
    assert {str(s) for s in parsed.subjects()} == {iri}


@pytest.mark.parametrize("name", NASTY_NAMES)
@pytest.mark.parametrize("kind", _NODE_KINDS)
def test_rdf_iris_nasty_names_are_valid(name, kind):
    _assert_valid(node_iri(kind + name))


@pytest.mark.parametrize("name", NASTY_NAMES)
def test_rdf_iris_entity_ids_are_valid(name):
    for etype in ("Model", "Dataset"):
        _assert_valid(node_iri(entity_node_id(name, etype)))


def test_rdf_iris_are_readable_and_stable():
    assert node_iri("paper:arxiv-2403.12345") == "https://w3id.org/kgraph/paper/arxiv-2403.12345"
    assert node_iri("model:gpt4") == "https://w3id.org/kgraph/model/gpt4"
    assert node_iri("repo:github.com/thudm/glm-130b") == "https://w3id.org/kgraph/repo/github.com/thudm/glm-130b"
    assert node_iri("link:https://huggingface.co/THUDM") == "https://w3id.org/kgraph/link/https://huggingface.co/THUDM"
    assert node_iri("model:gpt 4#x") == "https://w3id.org/kgraph/model/gpt%204%23x"
    assert node_iri("model:..") == "https://w3id.org/kgraph/model/%2E%2E"


if given is not None:

    @settings(max_examples=300, deadline=None)
    @given(kind=st.sampled_from(_NODE_KINDS), text=st.text())
    def test_rdf_iris_any_text_gives_a_valid_iri(kind, text):
        _assert_valid(node_iri(kind + text, base_iri="http://example.org/kg/"))

    @settings(max_examples=300, deadline=None)
    @given(a=st.text(), b=st.text(), kind=st.sampled_from(_NODE_KINDS))
    def test_rdf_iris_are_injective(a, b, kind):
        if a != b:
            assert node_iri(kind + a) != node_iri(kind + b)

else:

    @pytest.mark.skip(reason="hypothesis not installed (it is in the test extra: pip install -e '.[test]')")
    def test_rdf_iris_any_text_gives_a_valid_iri():
        pass


def test_rdf_iris_lone_surrogates_still_give_valid_iris():
    _assert_valid(node_iri("model:bad\udcff name"))


def test_rdf_iris_nasty_graph_parses_everywhere(tmp_path):
    G = nasty_graph()
    write_rdf(G, tmp_path / "kg.nt")
    write_rdf(G, tmp_path / "kg.ttl")
    expected = len(set(iter_triples(G)))
    for name in ("kg.nt", "kg.ttl"):
        assert len(list(ox.parse(path=str(tmp_path / name)))) == expected
        assert len(rdflib.Graph().parse(tmp_path / name)) == expected
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper not installed (Debian package raptor2-utils; CI installs it)")
    for name, syntax in (("kg.nt", "ntriples"), ("kg.ttl", "turtle")):
        result = subprocess.run([rapper, "-i", syntax, "-c", str(tmp_path / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert f"returned {expected} triples" in result.stderr
        assert "Warning" not in result.stderr and "Error" not in result.stderr, result.stderr
