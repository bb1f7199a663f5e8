"""The kgraph ontology's terms, the vocabularies it reuses, and where its files are.

``KG`` names every class and property of ``ontology/kgraph.ttl`` (the tests
check that the two agree). ``ALIGNED_TYPES`` lists, for each kgraph class,
the classes of other vocabularies an exported instance is also typed with, so
a consumer that knows only schema.org or ML-Schema still finds its papers and
models.

>>> str(KG.Paper)
'https://w3id.org/kgraph/ontology#Paper'
>>> [str(t) for t in ALIGNED_TYPES[KG.Paper]]
['https://schema.org/ScholarlyArticle']
>>> ontology_path("kgraph.ttl").name
'kgraph.ttl'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rdflib import URIRef
from rdflib import namespace as _ns

from .errors import QueryError

__all__ = [
    "KG",
    "MLS",
    "ONTOLOGY_IRI",
    "ALIGNED_TYPES",
    "PREFIXES",
    "ontology_dir",
    "ontology_path",
]

ONTOLOGY_IRI = "https://w3id.org/kgraph/ontology"


class KG(_ns.DefinedNamespace):
    """The kgraph ontology (``https://w3id.org/kgraph/ontology#``)."""

    _NS = _ns.Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Paper: URIRef  # a paper: a title and an abstract
    Model: URIRef  # a machine-learning model
    Dataset: URIRef  # a dataset
    Benchmark: URIRef  # a benchmark (a dataset used to compare models)
    Repository: URIRef  # a GitHub source code repository
    GitHubOwner: URIRef  # a GitHub user or organisation
    Link: URIRef  # any other web page a paper links to
    Mention: URIRef  # the occurrences of one thing in one paper
    TextSpan: URIRef  # a span of a sentence of a paper's text
    Evaluation: URIRef  # a paper names a model and a benchmark in one sentence
    Extractor: URIRef  # the software (and version) that read the papers

    # Paper -> thing
    mentions: URIRef
    introduces: URIRef
    evaluatesOn: URIRef
    hasCode: URIRef
    linksTo: URIRef
    # thing -> thing
    evaluatedOn: URIRef
    variantOf: URIRef
    ownedBy: URIRef
    # provenance
    inPaper: URIRef
    mentionOf: URIRef
    mentionCount: URIRef
    mentionTotal: URIRef
    paperCount: URIRef
    evidence: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    evaluatedModel: URIRef
    onBenchmark: URIRef
    # data
    arxivId: URIRef
    source: URIRef
    linkKind: URIRef


class MLS(_ns.DefinedNamespace):
    """The W3C ML-Schema terms kgraph aligns with (``http://www.w3.org/ns/mls#``)."""

    _NS = _ns.Namespace("http://www.w3.org/ns/mls#")
    _fail = True

    Model: URIRef
    Dataset: URIRef
    ModelEvaluation: URIRef


#: kgraph class -> the classes of other vocabularies its instances are also typed with.
ALIGNED_TYPES: dict[URIRef, tuple[URIRef, ...]] = {
    KG.Paper: (_ns.SDO.ScholarlyArticle,),
    KG.Model: (MLS.Model,),
    KG.Dataset: (_ns.SDO.Dataset, MLS.Dataset),
    KG.Benchmark: (_ns.SDO.Dataset, MLS.Dataset),
    KG.Repository: (_ns.SDO.SoftwareSourceCode,),
    KG.GitHubOwner: (_ns.PROV.Agent,),
    KG.Link: (_ns.SDO.WebPage,),
    KG.Mention: (_ns.PROV.Entity,),
    KG.TextSpan: (),
    KG.Evaluation: (),
    KG.Extractor: (_ns.PROV.SoftwareAgent, _ns.SDO.SoftwareApplication),
}

#: Prefixes used when writing Turtle and JSON-LD, and known to SPARQL queries.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "mls": str(MLS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def ontology_dir() -> Path:
    """Return the directory holding ``kgraph.ttl``, ``shapes.ttl`` and ``queries/``.

    An installed kgraph ships it as the package data of ``kgraph.ontology``;
    in a source checkout it is ``ontology/`` beside the ``kgraph`` package.

    >>> (ontology_dir() / "kgraph.ttl").is_file()
    True
    """
    spec = importlib.util.find_spec("kgraph.ontology")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / "kgraph.ttl").is_file():
            return Path(location)
    source = Path(__file__).resolve().parent.parent / "ontology"
    if (source / "kgraph.ttl").is_file():
        return source
    raise QueryError("Can't find the kgraph ontology files (ontology/kgraph.ttl); reinstall kgraph")


def ontology_path(name: str) -> Path:
    """Return the path of one ontology file, e.g. ``"kgraph.ttl"`` or ``"queries/top-models.rq"``.

    >>> ontology_path("shapes.ttl").name
    'shapes.ttl'
    """
    return ontology_dir() / name
