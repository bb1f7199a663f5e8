"""RDF export: formats, round trips, parsers, determinism, alignment, provenance, SHACL."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import kgraph
from kgraph.errors import ExportError
from kgraph.export.rdf import (
    DEFAULT_BASE_IRI,
    RDF_FORMATS,
    iter_quads,
    iter_triples,
    node_iri,
    rdf_format,
    to_rdf,
    to_store,
    validate_rdf,
    write_rdf,
)
from kgraph.vocab import KG, MLS

RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
SDO = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
from support.graphs import listing_a_graph, nasty_graph

REPO = Path(__file__).resolve().parent.parent
RAPPER = shutil.which("rapper")
RAPPER_INPUT = {"turtle": "turtle", "ntriples": "ntriples"}
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


def _iri(node_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(node_iri(node_id))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return listing_a_graph()


@pytest.fixture(scope="module")
def rdf(graph) -> rdflib.Graph:
    return to_rdf(graph)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
@pytest.mark.parametrize("make", [listing_a_graph, nasty_graph], ids=["listing_a", "nasty"])
def test_rdf_round_trip_is_isomorphic(tmp_path, fmt, make):
    G = make()
    path = tmp_path / f"kg{RDF_FORMATS[fmt]}"
    write_rdf(G, path)
    parsed = rdflib.Graph().parse(path, format=RDFLIB_FORMAT[fmt])
    assert len(parsed) > 10
    assert isomorphic(parsed, to_rdf(G))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
@pytest.mark.parametrize("make", [listing_a_graph, nasty_graph], ids=["listing_a", "nasty"])
def test_rdf_each_format_parses_in_pyoxigraph(tmp_path, fmt, make):
    G = make()
    path = tmp_path / f"kg{RDF_FORMATS[fmt]}"
    write_rdf(G, path)
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path))}
    expected = {(t.subject, t.predicate, t.object) for t in iter_triples(G)}
    assert parsed == expected


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
@pytest.mark.parametrize("make", [listing_a_graph, nasty_graph], ids=["listing_a", "nasty"])
def test_rdf_each_format_parses_in_rapper(tmp_path, fmt, make):
    if fmt not in RAPPER_INPUT:
        pytest.skip("raptor2 (rapper) has no JSON-LD parser; JSON-LD is checked with rdflib and pyoxigraph")
    if RAPPER is None:
        # CI sets KGRAPH_REQUIRE_RAPPER=1: there a missing rapper is a failure, not a skip.
        missing = pytest.fail if os.environ.get("KGRAPH_REQUIRE_RAPPER") else pytest.skip
        missing("rapper not installed (Debian package raptor2-utils; CI installs it)")
    G = make()
    path = tmp_path / f"kg{RDF_FORMATS[fmt]}"
    write_rdf(G, path)
    result = subprocess.run(
        [RAPPER, "-i", RAPPER_INPUT[fmt], "-o", "ntriples", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "Warning" not in result.stderr, result.stderr
    assert len(result.stdout.splitlines()) == sum(1 for _ in iter_triples(G))
    reparsed = rdflib.Graph().parse(data=result.stdout, format="nt")
    assert isomorphic(reparsed, to_rdf(G))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_write_is_byte_identical(tmp_path, graph, fmt):
    suffix = RDF_FORMATS[fmt]
    write_rdf(graph, tmp_path / f"a{suffix}")
    write_rdf(graph, tmp_path / f"b{suffix}")
    # the same graph built with nodes and edges inserted in another order
    H = nx.MultiDiGraph()
    H.graph.update(graph.graph)
    for node in reversed(list(graph.nodes)):
        H.add_node(node, **graph.nodes[node])
    for u, v, k, d in reversed(list(graph.edges(keys=True, data=True))):
        H.add_edge(u, v, key=k, **d)
    write_rdf(H, tmp_path / f"c{suffix}")
    a = (tmp_path / f"a{suffix}").read_bytes()
    assert a == (tmp_path / f"b{suffix}").read_bytes() == (tmp_path / f"c{suffix}").read_bytes()


def test_rdf_write_is_byte_identical_across_processes(tmp_path):
    script = (
        "import sys; from support.graphs import listing_a_graph; from kgraph.export.rdf import write_rdf\n"
        "for s in ('.ttl', '.nt', '.jsonld'): write_rdf(listing_a_graph(), sys.argv[1] + s)\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], env=env, check=True)
    for suffix in (".ttl", ".nt", ".jsonld"):
        assert (tmp_path / f"1{suffix}").read_bytes() == (tmp_path / f"2{suffix}").read_bytes()


def test_rdf_turtle_has_prefixes_and_jsonld_has_context(tmp_path, graph):
    write_rdf(graph, tmp_path / "kg.ttl")
    write_rdf(graph, tmp_path / "kg.jsonld")
    ttl = (tmp_path / "kg.ttl").read_text()
    for prefix in ("kg", "schema", "dcterms", "prov", "mls"):
        assert f"@prefix {prefix}: " in ttl
    assert "kg:Paper" in ttl and "schema:ScholarlyArticle" in ttl
    import json

    doc = json.loads((tmp_path / "kg.jsonld").read_text())
    assert doc["@context"]["kg"] == str(KG)
    assert doc["@context"]["schema"] == "https://schema.org/"
    assert any("kg:Paper" in node.get("@type", []) for node in doc["@graph"])


def test_rdf_instances_carry_aligned_types(rdf):
    def types(node_id):
        return set(rdf.objects(_iri(node_id), RDF.type))

    assert types("paper:p1") == {KG.Paper, SDO.ScholarlyArticle}
    assert types("model:gpt4") == {KG.Model, MLS.Model}
    assert types("data:foobench") == {KG.Benchmark, SDO.Dataset, MLS.Dataset}
    assert types("data:webset") == {KG.Dataset, SDO.Dataset, MLS.Dataset}
    assert types("repo:github.com/org/foo") == {KG.Repository, SDO.SoftwareSourceCode}
    assert types("owner:github.com/org") == {KG.GitHubOwner, PROV.Agent}


def test_rdf_direct_triples_stay(rdf):
    p1, p3 = _iri("paper:p1"), _iri("paper:p3")
    assert (p1, KG.mentions, _iri("model:gpt4")) in rdf
    assert (p1, KG.introduces, _iri("data:foobench")) in rdf
    assert (p1, KG.mentions, _iri("data:foobench")) in rdf
    assert (p1, KG.evaluatesOn, _iri("data:mmlu")) in rdf
    assert (p1, KG.hasCode, _iri("repo:github.com/org/foo")) in rdf
    assert (_iri("repo:github.com/org/foo"), SDO.codeRepository, rdflib.URIRef("https://github.com/Org/Foo")) in rdf
    assert (_iri("repo:github.com/org/foo"), KG.ownedBy, _iri("owner:github.com/org")) in rdf
    assert (p3, KG.linksTo, _iri("owner:github.com/lab")) in rdf
    assert (_iri("model:gpt4"), KG.evaluatedOn, _iri("data:mmlu")) in rdf
    assert (_iri("model:llama27b"), KG.variantOf, _iri("model:llama2")) in rdf
    assert (p1, DCTERMS.title, rdflib.Literal("FooBench: a benchmark")) in rdf
    assert (p1, DCTERMS.date, rdflib.Literal("2024-03-13", datatype=XSD.date)) in rdf
    assert (_iri("paper:p2"), DCTERMS.date, rdflib.Literal("Mar 13")) in rdf
    assert set(rdf.objects(p1, DCTERMS.creator)) == {rdflib.Literal("Ada Lovelace"), rdflib.Literal("Alan Turing")}
    assert (_iri("model:llama2"), SDO.alternateName, rdflib.Literal("LLaMA-2")) in rdf


def test_rdf_mentions_keep_provenance(rdf):
    rows = list(
        rdf.query(
            """
            SELECT ?count ?sentence ?start ?end ?version WHERE {
              ?m a kg:Mention ; kg:inPaper ?p ; kg:mentionOf ?e ; kg:mentionCount ?count ;
                 prov:wasAttributedTo ?agent .
              ?agent schema:softwareVersion ?version .
              OPTIONAL { ?m kg:evidence ?span . ?span kg:sentence ?sentence ; kg:start ?start ; kg:end ?end }
            } ORDER BY ?start""",
            initBindings={"p": _iri("paper:p3"), "e": _iri("model:gpt4")},
            initNs={"kg": KG, "prov": PROV, "schema": SDO},
        )
    )
    assert [(int(r[0]), int(r[2]), int(r[3])) for r in rows] == [(3, 0, 5), (3, 33, 38), (3, 44, 49)]
    assert {str(r[1]) for r in rows} == {"GPT-4 and Claude 3 are compared. GPT-4 wins. GPT-4 is costly."}
    assert {str(r[4]) for r in rows} == {kgraph.__version__}


def test_rdf_extractor_version_comes_from_graph(graph):
    H = graph.copy()
    H.graph["extractor_version"] = "9.9.9"
    rdf = to_rdf(H)
    agents = set(rdf.subjects(RDF.type, KG.Extractor))
    assert agents == {rdflib.URIRef(DEFAULT_BASE_IRI + "agent/kgraph/9.9.9")}


def test_rdf_totals_are_not_stored_but_derivable(rdf):
    rows = list(
        rdf.query(
            "SELECT (SUM(?c) AS ?n) WHERE { ?m kg:mentionOf ?e ; kg:mentionCount ?c }",
            initBindings={"e": _iri("model:gpt4")},
            initNs={"kg": KG},
        )
    )
    assert int(rows[0][0]) == listing_a_graph().nodes["model:gpt4"]["mentions"] == 5


def test_rdf_base_iri_is_configurable(graph):
    base = "http://example.org/my-kg/"
    subjects = {t.subject.value for t in iter_triples(graph, base_iri=base)}
    assert subjects and all(s.startswith(base) for s in subjects)
    assert base + "paper/p1" in subjects


@pytest.mark.parametrize("base", ["https://example.org/kg", "not an iri/", "kg/", "http://exa mple.org/", "kg:x/"])
def test_rdf_bad_base_iri_is_an_error(graph, base):
    with pytest.raises(ExportError, match="Base IRI"):
        list(iter_triples(graph, base_iri=base))


def test_rdf_format_from_suffix_and_errors(tmp_path, graph):
    assert rdf_format("x.TTL") == "turtle"
    with pytest.raises(ExportError, match=r"Can't write '\.xml' RDF files\. Available: \.ttl, \.nt, \.jsonld"):
        write_rdf(graph, tmp_path / "kg.xml")
    with pytest.raises(ExportError, match="Unknown RDF format"):
        write_rdf(graph, tmp_path / "kg.ttl", format="rdfxml")
    write_rdf(graph, tmp_path / "kg.out", format="ntriples")
    assert (tmp_path / "kg.out").read_text().startswith("<")
    assert not list(tmp_path.glob(".*.tmp"))


def test_rdf_iter_triples_streams(graph):
    triples = iter_triples(graph)
    assert inspect.isgenerator(triples)
    first = next(triples)
    assert isinstance(first, ox.Triple)


def test_rdf_to_store_and_iter_quads_hold_the_same_triples(graph):
    flat = set(iter_triples(graph))
    store = to_store(graph)
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in store} == flat
    quads = list(iter_quads(graph))
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in quads} == flat
    graphs = {q.graph_name.value for q in quads}
    assert DEFAULT_BASE_IRI + "graph/entities" in graphs
    assert DEFAULT_BASE_IRI + "graph/paper/p1" in graphs


@pytest.mark.parametrize("make", [listing_a_graph, nasty_graph], ids=["listing_a", "nasty"])
def test_rdf_export_conforms_to_shapes(make):
    conforms, report = validate_rdf(to_rdf(make()))
    assert conforms, report


def _drop(rdf: rdflib.Graph, s, p, o=None) -> rdflib.Graph:
    broken = rdflib.Graph()
    broken += rdf
    broken.remove((s, p, o))
    return broken


@pytest.mark.parametrize(
    "breakage",
    [
        "paper without title",
        "paper without aligned type",
        "mention without paper",
        "mention without extractor",
        "span offsets reversed",
        "mentions a repository",
        "repository without owner",
        "introduces without mentions",
        "model with two names",
    ],
)
def test_rdf_broken_graph_fails_shapes(rdf, breakage):
    p1 = _iri("paper:p1")
    mention = rdflib.URIRef(str(p1) + "/mention/model/gpt4")
    if breakage == "paper without title":
        broken = _drop(rdf, p1, DCTERMS.title)
    elif breakage == "paper without aligned type":
        broken = _drop(rdf, p1, RDF.type, SDO.ScholarlyArticle)
    elif breakage == "mention without paper":
        broken = _drop(rdf, mention, KG.inPaper)
    elif breakage == "mention without extractor":
        broken = _drop(rdf, mention, PROV.wasAttributedTo)
    elif breakage == "span offsets reversed":
        span = next(rdf.objects(mention, KG.evidence))
        broken = _drop(rdf, span, KG.start)
        broken.add((span, KG.start, rdflib.Literal(10_000)))
    elif breakage == "mentions a repository":
        broken = _drop(rdf, p1, KG.hasCode)
        broken.add((p1, KG.mentions, _iri("repo:github.com/org/foo")))
    elif breakage == "repository without owner":
        broken = _drop(rdf, _iri("repo:github.com/org/foo"), KG.ownedBy)
    elif breakage == "introduces without mentions":
        broken = _drop(rdf, p1, KG.mentions, _iri("data:foobench"))
    else:
        broken = _drop(rdf, _iri("model:gpt4"), SDO.name)
        broken.add((_iri("model:gpt4"), SDO.name, rdflib.Literal("GPT-4")))
        broken.add((_iri("model:gpt4"), SDO.name, rdflib.Literal("GPT4")))
    conforms, report = validate_rdf(broken)
    assert not conforms, breakage
    assert "Constraint Violation" in report


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_write_builds_no_rdflib_graph(tmp_path, graph, monkeypatch, fmt):
    import kgraph.export.rdf as rdf_module

    def forbidden(*args, **kwargs):
        raise AssertionError("write_rdf must stream triples, not build an rdflib Graph")

    monkeypatch.setattr(rdf_module.rdflib, "Graph", forbidden)
    monkeypatch.setattr(rdf_module.ox, "Store", forbidden)
    write_rdf(graph, tmp_path / f"kg{RDF_FORMATS[fmt]}")
    monkeypatch.undo()
    assert len(rdflib.Graph().parse(tmp_path / f"kg{RDF_FORMATS[fmt]}", format=RDFLIB_FORMAT[fmt])) > 100
