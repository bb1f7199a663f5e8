"""The ontology and shapes files: well-formed, documented, aligned, and in step with vocab.py and the export."""

from __future__ import annotations

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kgraph.export.rdf import to_rdf
from kgraph.query import named_queries
from kgraph.vocab import ALIGNED_TYPES, KG, MLS, ONTOLOGY_IRI, ontology_dir, ontology_path
from support.graphs import listing_a_graph

SCHEMA = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("kgraph.ttl"), format="turtle")


def _kg_terms(onto: rdflib.Graph) -> set[rdflib.URIRef]:
    return {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t) if str(s).startswith(str(KG))}


def test_ontology_files_are_found():
    assert (ontology_dir() / "kgraph.ttl").is_file()
    assert (ontology_dir() / "shapes.ttl").is_file()
    assert len(list((ontology_dir() / "queries").glob("*.rq"))) >= 6


@pytest.mark.parametrize("name", ["kgraph.ttl", "shapes.ttl"])
def test_ontology_files_parse_everywhere(name):
    path = ontology_path(name)
    assert len(rdflib.Graph().parse(path, format="turtle")) > 50
    assert len(list(ox.parse(path=str(path)))) > 50
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper not installed (Debian package raptor2-utils; CI installs it)")
    result = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_ontology_is_an_owl_ontology(onto):
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in onto
    assert onto.value(rdflib.URIRef(ONTOLOGY_IRI), RDFS.comment)


def test_ontology_every_term_has_one_label_and_comment(onto):
    terms = _kg_terms(onto)
    assert len(terms) > 20
    for term in terms:
        labels = list(onto.objects(term, RDFS.label))
        comments = list(onto.objects(term, RDFS.comment))
        assert len(labels) == 1 and str(labels[0]).strip(), term
        assert len(comments) == 1 and len(str(comments[0])) > 15, term


def test_ontology_has_the_required_classes(onto):
    labels = {str(onto.value(c, RDFS.label)) for c in onto.subjects(RDF.type, OWL.Class)}
    assert {"Paper", "Model", "Dataset", "Benchmark", "Repository"} <= labels


@pytest.mark.parametrize(
    "cls, parent",
    [
        (KG.Paper, SCHEMA.ScholarlyArticle),
        (KG.Dataset, SCHEMA.Dataset),
        (KG.Benchmark, SCHEMA.Dataset),
        (KG.Model, MLS.Model),
        (KG.Repository, SCHEMA.SoftwareSourceCode),
        (KG.Mention, PROV.Entity),
        (KG.Extractor, PROV.SoftwareAgent),
    ],
)
def test_ontology_alignments(onto, cls, parent):
    assert (cls, RDFS.subClassOf, parent) in onto


def test_ontology_code_links_are_under_schema_code_repository(onto):
    assert (KG.hasCode, RDFS.subPropertyOf, SCHEMA.codeRepository) in onto
    assert (KG.inPaper, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto
    assert (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions) in onto


def test_ontology_vocab_module_matches_the_file(onto):
    in_file = {str(t) for t in _kg_terms(onto)}
    in_vocab = {str(KG[name]) for name in KG.__annotations__}
    assert in_file == in_vocab


def test_ontology_aligned_types_match_subclass_axioms(onto):
    for cls, aligned in ALIGNED_TYPES.items():
        declared = {o for o in onto.objects(cls, RDFS.subClassOf) if not str(o).startswith(str(KG))}
        assert declared == set(aligned), cls


@pytest.mark.parametrize("name", ["kgraph.ttl", "shapes.ttl"] + [f"queries/{q}.rq" for q in named_queries()])
def test_ontology_uses_one_schema_org_form(name):
    text = ontology_path(name).read_text(encoding="utf-8")
    assert "http://schema.org" not in text
    assert "https://schema.org" in text or "schema:" not in text


def test_ontology_export_uses_only_defined_terms(onto):
    rdf = to_rdf(listing_a_graph())
    external = {
        RDF.type, RDFS.label, DCTERMS.title, DCTERMS.abstract, DCTERMS.date, DCTERMS.creator,
        SCHEMA.name, SCHEMA.alternateName, SCHEMA.url, SCHEMA.codeRepository, SCHEMA.softwareVersion,
        PROV.wasAttributedTo,
    }
    defined = _kg_terms(onto)
    for predicate in set(rdf.predicates()):
        assert predicate in defined or predicate in external, predicate
    aligned = {t for ts in ALIGNED_TYPES.values() for t in ts}
    for cls in set(rdf.objects(None, RDF.type)):
        assert cls in defined or cls in aligned, cls
    assert "https://schema.org/" in {str(ns) for _, ns in rdf.namespaces()}


@pytest.mark.parametrize("name", ["shapes.ttl"] + [f"queries/{q}.rq" for q in named_queries()])
def test_ontology_shapes_and_queries_use_defined_terms(onto, name):
    text = ontology_path(name).read_text(encoding="utf-8")
    used = set(re.findall(r"\bkg:([A-Za-z]\w*)", text))
    used |= set(re.findall(r"<https://w3id\.org/kgraph/ontology#(\w+)>", text))
    defined = {str(t)[len(str(KG)):] for t in _kg_terms(onto)}
    assert used and used <= defined, used - defined
