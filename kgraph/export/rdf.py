"""Export the knowledge graph as RDF (Turtle, N-Triples, JSON-LD) in the kgraph ontology.

Stage contract: the graph of :mod:`kgraph.graph` in (a ``networkx.MultiDiGraph``
or a :class:`~kgraph.graph.GraphView`), RDF triples out, in the terms of
``ontology/kgraph.ttl`` (see :mod:`kgraph.vocab`).

- Every node becomes an IRI under ``base_iri`` (:func:`node_iri`); names with
  spaces, quotes, ``#``, ``<>``, slashes or any Unicode give valid IRIs, as
  every path segment is percent-encoded outside ``A-Z a-z 0-9 - . _ ~``.
- Instances are typed with their kgraph class and the aligned classes
  (a paper is ``kg:Paper`` and ``schema:ScholarlyArticle``).
- A paper keeps direct triples to what it speaks of (``kg:mentions``,
  ``kg:introduces``, ``kg:evaluatesOn``, ``kg:hasCode``, ``kg:linksTo``) and
  one ``kg:Mention`` node per thing with the count, the evidence spans
  (sentence and offsets) and the extractor version (``prov:wasAttributedTo``).
- Each model, dataset and benchmark carries its totals, ``kg:mentionTotal``
  and ``kg:paperCount``: the sums of its Mention nodes' ``kg:mentionCount``
  and papers, so ranking queries need no GROUP BY over millions of mentions
  (:mod:`kgraph.store` keeps them right as listings are added).
- Output is streamed and deterministic: :func:`iter_triples` walks the graph
  in sorted node order, one node at a time, without building an RDF graph in
  memory, and pyoxigraph serializes the stream, so writing the same graph
  twice gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
import rdflib
from rdflib import namespace as _ns

from .. import __version__
from ..errors import ExportError
from ..parallel import can_fork
from ..vocab import ALIGNED_TYPES, KG, PREFIXES, ontology_path
from .files import atomic_write

__all__ = [
    "DEFAULT_BASE_IRI",
    "RDF_FORMATS",
    "iter_triples",
    "iter_quads",
    "node_iri",
    "to_rdf",
    "to_store",
    "write_rdf",
    "rdf_format",
    "validate_rdf",
]

DEFAULT_BASE_IRI = "https://w3id.org/kgraph/"

#: Format name -> file suffix, for :func:`write_rdf`.
RDF_FORMATS: dict[str, str] = {"turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
# Prefixes written in Turtle and JSON-LD: vocabularies only. Instance IRIs are
# written in full, as a percent-encoded local name would need escapes that
# some parsers (rdflib) get wrong.
_WRITE_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in ("rdf", "owl")}

_EDGE_PREDICATES = {
    "mentions": "mentions",
    "introduces": "introduces",
    "evaluates_on": "evaluatesOn",
    "has_code": "hasCode",
    "links_to": "linksTo",
}
_ENTITY_CLASSES = {"Model": KG.Model, "Dataset": KG.Dataset, "Benchmark": KG.Benchmark}
_NODE_CLASSES = {
    **_ENTITY_CLASSES,
    "Paper": KG.Paper,
    "Repository": KG.Repository,
    "GitHubOwner": KG.GitHubOwner,
    "Link": KG.Link,
}
_PATH_PREFIXES = ("paper", "model", "data", "repo", "owner", "link")
_SPLIT_PATH = ("repo", "owner", "link")  # keep "/" (and ":" in links) readable
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _n(term: Any) -> ox.NamedNode:
    return ox.NamedNode(str(term))


class _Terms:
    """The ontology's terms as pyoxigraph NamedNodes, built once (``_K.mentions``)."""

    def __init__(self) -> None:
        for name in KG.__annotations__:
            setattr(self, name, ox.NamedNode(str(KG) + name))


_K: Any = _Terms()
_TYPE = _n(_ns.RDF.type)
_LABEL = _n(_ns.RDFS.label)
_NAME = _n(_ns.SDO.name)
_ALT_NAME = _n(_ns.SDO.alternateName)
_URL = _n(_ns.SDO.url)
_CODE_REPOSITORY = _n(_ns.SDO.codeRepository)
_SOFTWARE_VERSION = _n(_ns.SDO.softwareVersion)
_TITLE = _n(_ns.DCTERMS.title)
_ABSTRACT = _n(_ns.DCTERMS.abstract)
_DATE = _n(_ns.DCTERMS.date)
_CREATOR = _n(_ns.DCTERMS.creator)
_ATTRIBUTED_TO = _n(_ns.PROV.wasAttributedTo)
_XSD_INTEGER = _n(_ns.XSD.integer)
_XSD_DATE = _n(_ns.XSD.date)
_XSD_STRING = str(_ns.XSD.string)
_EDGE_TERMS = {key: getattr(_K, name) for key, name in _EDGE_PREDICATES.items()}
_ALIGNED = {_n(cls): tuple(_n(t) for t in types) for cls, types in ALIGNED_TYPES.items()}


def _check_base(base_iri: str) -> str:
    if not isinstance(base_iri, str) or not base_iri.endswith(("/", "#")):
        raise ExportError(f"Base IRI must end with '/' or '#': {base_iri!r}")
    try:
        ox.NamedNode(base_iri)
    except ValueError:
        raise ExportError(f"Base IRI is not a valid absolute IRI: {base_iri!r}") from None
    scheme = base_iri.split(":", 1)[0] if ":" in base_iri.split("/", 1)[0] else ""
    if not scheme:
        raise ExportError(f"Base IRI is not a valid absolute IRI: {base_iri!r}")
    if scheme in PREFIXES:  # JSON-LD would read "kg:..." as a prefixed name
        raise ExportError(f"Base IRI can't use {scheme!r}, a vocabulary prefix, as its scheme: {base_iri!r}")
    return base_iri


def _segment(text: str, *, safe: str = "") -> str:
    out = quote(text, safe=safe, errors="surrogatepass")
    if out in (".", ".."):
        return out.replace(".", "%2E")
    return out


def node_path(node_id: str) -> str:
    """Return the path of a node's IRI below the base IRI.

    >>> node_path("model:gpt4"), node_path("data:c#<x>"), node_path("repo:github.com/o/r")
    ('model/gpt4', 'data/c%23%3Cx%3E', 'repo/github.com/o/r')
    """
    prefix, sep, rest = node_id.partition(":")
    if not sep or prefix not in _PATH_PREFIXES:
        return "node/" + _segment(node_id)
    if prefix in _SPLIT_PATH:
        safe = ":" if prefix == "link" else ""
        return prefix + "/" + "/".join(_segment(part, safe=safe) for part in rest.split("/"))
    return prefix + "/" + _segment(rest)


def node_iri(node_id: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Return the IRI of a graph node: readable, stable, and always valid.

    >>> node_iri("paper:arxiv-2403.12345")
    'https://w3id.org/kgraph/paper/arxiv-2403.12345'
    >>> node_iri('model:gpt "4" / ünï', base_iri="http://example.org/kg/")
    'http://example.org/kg/model/gpt%20%224%22%20%2F%20%C3%BCn%C3%AF'
    """
    return _check_base(base_iri) + node_path(node_id)


def _url_term(url: Any) -> ox.NamedNode | None:
    """Return a URL as an IRI, percent-encoding what IRIs don't allow, or None if it can't be one."""
    if not isinstance(url, str) or not url:
        return None
    fixed = quote(_STRAY_PERCENT.sub("%25", url), safe=":/?#@!$&'()*+,;=%-._~")
    try:
        return ox.NamedNode(fixed)
    except ValueError:
        return None


def _date_literal(date: str) -> ox.Literal:
    if _ISO_DATE.fullmatch(date):
        try:
            _dt.date.fromisoformat(date)
        except ValueError:
            pass
        else:
            return ox.Literal(date, datatype=_XSD_DATE)
    return ox.Literal(date)


_INT_LITERALS: dict[int, ox.Literal] = {}  # offsets and counts repeat: made once each


def _int_literal(value: int) -> ox.Literal:
    value = int(value)
    lit = _INT_LITERALS.get(value)
    if lit is None:
        lit = ox.Literal(str(value), datatype=_XSD_INTEGER)
        if len(_INT_LITERALS) < 100_000:
            _INT_LITERALS[value] = lit
    return lit


class _Exporter:
    """Turn one graph into groups of triples, one group per node (see :func:`iter_triples`)."""

    def __init__(self, G: nx.MultiDiGraph, base_iri: str, *, per_paper: bool) -> None:
        self.G = G
        self.base = _check_base(base_iri)
        self.per_paper = per_paper
        self.version = str(G.graph.get("extractor_version") or __version__)
        self.agent = ox.NamedNode(f"{self.base}agent/kgraph/{_segment(self.version)}")
        self.entities_graph = ox.NamedNode(f"{self.base}graph/entities")
        self._iris: dict[str, ox.NamedNode] = {}
        self._paths: dict[str, str] = {}
        self._kinds: dict[str, Any] = {}  # type of each node a paper has an edge to
        self._classes = {name: (_n(cls), _ALIGNED[_n(cls)]) for name, cls in _NODE_CLASSES.items()}
        # rdf:type objects per node type: the class, then the classes it is aligned with
        self._type_objects = {name: (cls, *aligned) for name, (cls, aligned) in self._classes.items()}
        self._mention_classes = (_K.Mention, *_ALIGNED[_K.Mention])
        # paper -> [(model, benchmark)] from evaluated_on edges
        self.evaluations: dict[str, list[tuple[str, str]]] = {}
        # A GraphView keeps the model -> benchmark edges with its entities: no need to read every paper.
        source = getattr(G, "entities", G)
        for m, b, key, data in source.edges(keys=True, data=True):
            if key == "evaluated_on":
                for pid in data.get("papers") or ():
                    self.evaluations.setdefault(pid, []).append((m, b))
        for pairs in self.evaluations.values():
            pairs.sort()

    def iri(self, node_id: str) -> ox.NamedNode:
        term = self._iris.get(node_id)
        if term is None:
            term = ox.NamedNode(self.base + self.path(node_id))
            if not node_id.startswith("paper:"):  # a paper's IRI is asked for once per paper: not kept
                self._iris[node_id] = term
        return term

    def path(self, node_id: str) -> str:
        """:func:`node_path`, remembered for the nodes that are not papers (each is named by many papers)."""
        path = self._paths.get(node_id)
        if path is None:
            path = node_path(node_id)
            if not node_id.startswith("paper:"):
                self._paths[node_id] = path
        return path

    def paper_graph(self, pid: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}graph/{node_path(pid)}")

    def types(self, subject: ox.NamedNode, type_name: str) -> list[ox.Triple]:
        """Return the rdf:type triples of a node of this type: its class, then the classes it is aligned with."""
        return [ox.Triple(subject, _TYPE, cls) for cls in self._type_objects[type_name]]

    def groups(
        self,
        *,
        aliases: dict[str, Iterable[str]] | None = None,
        nodes: Iterable[str] | None = None,
        agent: bool = True,
    ) -> Iterator[tuple[str | None, list[ox.Triple]]]:
        """Yield ``(paper node id or None, triples)`` per node, agent first, then nodes in sorted order.

        ``nodes`` (sorted) limits the walk to a slice of the graph; ``agent=False`` leaves out the agent.
        """
        if agent:
            yield None, list(self.agent_triples())
        for nid in sorted(self.G.nodes) if nodes is None else nodes:
            data = self.G.nodes[nid]
            kind = data.get("type")
            if kind == "Paper":
                yield nid, self.paper_triples(nid, data)
            elif kind in self._classes:
                extra = aliases.get(nid) if aliases else None
                yield None, list(self.thing_triples(nid, extra_aliases=extra))

    def agent_triples(self) -> Iterator[ox.Triple]:
        a = self.agent
        yield ox.Triple(a, _TYPE, _K.Extractor)
        for t in _ALIGNED[_K.Extractor]:
            yield ox.Triple(a, _TYPE, t)
        yield ox.Triple(a, _LABEL, ox.Literal(f"kgraph {self.version}"))
        yield ox.Triple(a, _NAME, ox.Literal("kgraph"))
        yield ox.Triple(a, _SOFTWARE_VERSION, ox.Literal(self.version))

    def paper_triples(self, pid: str, data: dict[str, Any] | None = None) -> list[ox.Triple]:
        """Return the triples of a paper (``data``: its node's attributes, if already at hand)."""
        # Built as one list with the constructors bound locally: a million papers make
        # some sixty million triples, so the per-triple overhead is what this costs.
        G, T, L = self.G, ox.Triple, ox.Literal
        if data is None:
            data = G.nodes[pid]
        p = self.iri(pid)
        out = self.types(p, "Paper")
        title = L(str(data.get("title") or data.get("label") or ""))
        out.append(T(p, _LABEL, title))
        out.append(T(p, _TITLE, title))
        if data.get("abstract"):
            out.append(T(p, _ABSTRACT, L(str(data["abstract"]))))
        if data.get("date"):
            out.append(T(p, _DATE, _date_literal(str(data["date"]))))
        for author in data.get("authors") or ():
            out.append(T(p, _CREATOR, L(str(author))))
        url = _url_term(data.get("url"))
        if url is not None:
            out.append(T(p, _URL, url))
        if data.get("arxiv_id"):
            out.append(T(p, _K.arxivId, L(str(data["arxiv_id"]))))
        if data.get("source"):
            out.append(T(p, _K.source, L(str(data["source"]))))

        # Out-edges grouped by target, targets and relations in sorted order.
        nodes, classes, kinds = G.nodes, self._classes, self._kinds
        by_target: dict[str, dict[str, dict[str, Any]]] = {}
        for _, target, key, edge in G.out_edges(pid, keys=True, data=True):
            if key not in _EDGE_PREDICATES:
                continue
            kind = kinds.get(target)
            if kind is None:  # papers name the same things again and again: their types are kept
                kind = kinds[target] = nodes[target].get("type")
            if kind in classes:
                by_target.setdefault(target, {})[key] = edge
        targets = sorted(by_target)
        for target in targets:
            o = self.iri(target)
            for key in sorted(by_target[target]):
                out.append(T(p, _EDGE_TERMS[key], o))

        spans: dict[str, tuple[str, int, int, ox.NamedNode]] = {}
        pv = p.value  # (each .value makes a new str)
        for target in targets:
            self._mention_triples(out, p, pv, target, by_target[target], spans)
        sentences: dict[str, ox.Literal] = {}  # a sentence holds several spans: one Literal for it
        for iri in sorted(spans):
            sentence, start, end, s = spans[iri]
            lit = sentences.get(sentence)
            if lit is None:
                lit = sentences[sentence] = L(sentence)
            out.append(T(s, _TYPE, _K.TextSpan))
            out.append(T(s, _K.sentence, lit))
            out.append(T(s, _K.start, _int_literal(start)))
            out.append(T(s, _K.end, _int_literal(end)))

        for m, b in self.evaluations.get(pid, ()):
            if m not in G or b not in G:
                continue
            e = ox.NamedNode(f"{pv}/evaluation/{self.path(m)}/{self.path(b)}")
            out.append(T(e, _TYPE, _K.Evaluation))
            out.append(T(e, _K.inPaper, p))
            out.append(T(e, _K.evaluatedModel, self.iri(m)))
            out.append(T(e, _K.onBenchmark, self.iri(b)))
            if self.per_paper:
                out.append(T(self.iri(m), _K.evaluatedOn, self.iri(b)))
        return out

    def _mention_triples(
        self,
        out: list[ox.Triple],
        p: ox.NamedNode,
        pv: str,
        target: str,
        edges: dict[str, dict[str, Any]],
        spans: dict[str, tuple[str, int, int, ox.NamedNode]],
    ) -> None:
        """Append the triples of the paper's Mention of ``target`` (``pv``: the paper's IRI) to ``out``.

        Its evidence spans go into ``spans`` (IRI -> sentence, start, end, node), each made once a paper.
        """
        T = ox.Triple
        evidence: dict[tuple[int, int], str] = {}
        count = 0
        read: list[Any] = []  # evidence lists already read: a paper's edges to one thing often share one
        for key in sorted(edges):
            edge = edges[key]
            count = max(count, int(edge.get("count") or 0))
            evs = edge.get("evidence") or ()
            if any(evs is other for other in read):
                continue
            read.append(evs)
            for ev in evs:
                start, end, sentence = ev.get("start"), ev.get("end"), ev.get("sentence")
                if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end and isinstance(sentence, str):
                    evidence.setdefault((start, end), sentence)
        count = max(count, len(evidence), 1)
        m = ox.NamedNode(f"{pv}/mention/{self.path(target)}")
        out += [T(m, _TYPE, cls) for cls in self._mention_classes]
        out.append(T(m, _K.inPaper, p))
        out.append(T(m, _K.mentionOf, self.iri(target)))
        out.append(T(m, _K.mentionCount, _int_literal(count)))
        for start, end in sorted(evidence):
            span = f"{pv}/span/{start}-{end}"
            known = spans.get(span)
            if known is None:
                known = spans[span] = (evidence[(start, end)], start, end, ox.NamedNode(span))
            out.append(T(m, _K.evidence, known[3]))
        out.append(T(m, _ATTRIBUTED_TO, self.agent))

    def thing_triples(self, nid: str, *, extra_aliases: Iterable[str] | None = None) -> Iterator[ox.Triple]:
        G, data, s = self.G, self.G.nodes[nid], self.iri(nid)
        kind = data["type"]
        yield from self.types(s, kind)
        label = str(data.get("name") or data.get("label") or nid.partition(":")[2])
        yield ox.Triple(s, _LABEL, ox.Literal(label))
        yield ox.Triple(s, _NAME, ox.Literal(label))
        out = {(key, target) for _, target, key in G.out_edges(nid, keys=True)}
        if kind in _ENTITY_CLASSES:
            aliases = set(data.get("aliases") or ()) | set(extra_aliases or ())
            for alias in sorted(a for a in aliases if a and a != label):
                yield ox.Triple(s, _ALT_NAME, ox.Literal(str(alias)))
            # the graph's own totals: the sums of the counts of its mentions edges (see kgraph.graph)
            yield ox.Triple(s, _K.mentionTotal, _int_literal(int(data.get("mentions") or 0)))
            yield ox.Triple(s, _K.paperCount, _int_literal(int(data.get("papers") or 0)))
            families = {t for k, t in out if k == "variant_of"}
            if data.get("family"):
                families.add(data["family"])
            for fam in sorted(f for f in families if f in G and f != nid):
                yield ox.Triple(s, _K.variantOf, self.iri(fam))
            if not self.per_paper:
                for bench in sorted(t for k, t in out if k == "evaluated_on"):
                    yield ox.Triple(s, _K.evaluatedOn, self.iri(bench))
        elif kind == "Repository":
            url = _url_term(data.get("url"))
            if url is not None:
                yield ox.Triple(s, _CODE_REPOSITORY, url)
                yield ox.Triple(s, _URL, url)
            owners = {t for k, t in out if k == "owned_by"}
            if data.get("owner"):
                owners.add(data["owner"])
            for owner in sorted(o for o in owners if o in G):
                yield ox.Triple(s, _K.ownedBy, self.iri(owner))
        else:  # GitHubOwner, Link
            url = _url_term(data.get("url"))
            if url is not None:
                yield ox.Triple(s, _URL, url)
            if kind == "Link" and data.get("kind"):
                yield ox.Triple(s, _K.linkKind, ox.Literal(str(data["kind"])))


def iter_triples(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> Iterator[ox.Triple]:
    """Yield the graph's RDF triples, streamed, in a deterministic order, each triple once.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, Entity, PaperExtraction
    >>> G = build_graph([PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model"),))])
    >>> triples = list(iter_triples(G, base_iri="http://example.org/"))
    >>> print(next(t for t in triples if t.subject.value.endswith("gpt4")))
    <http://example.org/model/gpt4> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kgraph/ontology#Model>
    """
    exporter = _Exporter(G, base_iri, per_paper=False)
    for _, triples in exporter.groups():
        yield from triples


def iter_quads(
    G: nx.MultiDiGraph,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    aliases: dict[str, Iterable[str]] | None = None,
) -> Iterator[ox.Quad]:
    """Yield the graph's triples as quads: each paper's facts in a named graph of their own.

    A paper's graph ``<base>graph/paper/<id>`` holds the paper, its mentions,
    evidence and evaluations (and the ``kg:evaluatedOn`` triples its sentences
    support); descriptions of models, datasets, repositories and the extractor
    go to ``<base>graph/entities``. :func:`kgraph.store.update_store` replaces
    a paper's graph when the paper is read again. ``aliases`` adds alternate
    names per node id. The union of the graphs is :func:`iter_triples`.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> G = build_graph([PaperExtraction(Paper("p1", "T", "A"))])
    >>> sorted({q.graph_name.value for q in iter_quads(G, base_iri="http://example.org/")})
    ['http://example.org/graph/entities', 'http://example.org/graph/paper/p1']
    """
    exporter = _Exporter(G, base_iri, per_paper=True)
    for pid, triples in exporter.groups(aliases=aliases):
        graph = exporter.paper_graph(pid) if pid is not None else exporter.entities_graph
        for t in triples:
            yield ox.Quad(t.subject, t.predicate, t.object, graph)


def _to_rdflib(term: Any) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise ExportError(f"Can't convert RDF term {term!r}")


def to_rdf(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> rdflib.Graph:
    """Return the graph as an rdflib Graph (in memory: use :func:`write_rdf` for big graphs).

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> rdf = to_rdf(build_graph([PaperExtraction(Paper("p1", "T", "A"))]))
    >>> from kgraph.vocab import KG
    >>> len(list(rdf.subjects(rdflib.RDF.type, KG.Paper)))
    1
    """
    rdf = rdflib.Graph(bind_namespaces="none")
    for prefix, ns in _WRITE_PREFIXES.items():
        rdf.bind(prefix, ns)
    for t in iter_triples(G, base_iri=base_iri):
        rdf.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
    return rdf


def to_store(G: nx.MultiDiGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> ox.Store:
    """Return an in-memory pyoxigraph Store holding the graph's triples in its default graph.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> store = to_store(build_graph([PaperExtraction(Paper("p1", "T", "A"))]))
    >>> bool(store.query("ASK { ?p a <https://w3id.org/kgraph/ontology#Paper> }"))
    True
    """
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in iter_triples(G, base_iri=base_iri))
    return store


def rdf_format(path: str | Path, format: str | None = None) -> str:
    """Return the RDF format name for a file: ``format`` if given, else from the suffix.

    >>> rdf_format("kg.ttl"), rdf_format("kg.nt"), rdf_format("out", "jsonld")
    ('turtle', 'ntriples', 'jsonld')
    """
    available = ", ".join(RDF_FORMATS.values())
    if format is not None:
        if format not in RDF_FORMATS:
            raise ExportError(f"Unknown RDF format {format!r}. Available: {', '.join(RDF_FORMATS)}")
        return format
    suffix = Path(path).suffix.lower()
    for name, ext in RDF_FORMATS.items():
        if suffix == ext:
            return name
    raise ExportError(f"Can't write {suffix or 'suffix-less'!r} RDF files. Available: {available}")


def _jsonld_term(term: Any, prefixes: list[tuple[str, str]]) -> str:
    value = term.value
    for prefix, ns in prefixes:
        if value.startswith(ns):
            local = value[len(ns):]
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", local):
                return f"{prefix}:{local}"
    return value


def _write_jsonld(triples: Iterable[ox.Triple], handle: IO[bytes]) -> None:
    """Write compact JSON-LD with a context, one node object per line, streamed."""
    prefixes = sorted(_WRITE_PREFIXES.items(), key=lambda kv: -len(kv[1]))
    context = json.dumps({"@context": dict(_WRITE_PREFIXES)}, ensure_ascii=False)[:-1]
    handle.write(context.encode() + b',\n "@graph": [')
    first = True
    node: dict[str, Any] | None = None

    def flush(obj: dict[str, Any] | None) -> None:
        nonlocal first
        if obj is None:
            return
        handle.write((b"\n  " if first else b",\n  ") + json.dumps(obj, ensure_ascii=False).encode())
        first = False

    for t in triples:
        if node is None or node["@id"] != t.subject.value:
            flush(node)
            node = {"@id": t.subject.value}
        if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(_jsonld_term(t.object, prefixes))
            continue
        obj = t.object
        if isinstance(obj, ox.NamedNode):
            value: Any = {"@id": obj.value}
        elif isinstance(obj, ox.Literal):
            if obj.language:
                value = {"@value": obj.value, "@language": obj.language}
            elif obj.datatype.value == _XSD_STRING:
                value = obj.value
            else:
                value = {"@value": obj.value, "@type": _jsonld_term(obj.datatype, prefixes)}
        else:
            raise ExportError(f"Can't write RDF term {obj!r} as JSON-LD")
        node.setdefault(_jsonld_term(t.predicate, prefixes), []).append(value)
    flush(node)
    handle.write(b"\n ]\n}\n")


def write_rdf(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    format: str | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    jobs: int = 1,
) -> None:
    """Write the graph as Turtle, N-Triples or JSON-LD (format from the suffix: .ttl, .nt, .jsonld).

    The file is written atomically and streamed (memory does not grow with the graph).
    With ``jobs > 1`` a big graph's Turtle or N-Triples is written by that many
    forked processes, each serializing a slice of the nodes, and joined into
    the same bytes as ``jobs=1`` (where the platform can fork).

    >>> import tempfile, pathlib
    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "kg.ttl"
    >>> write_rdf(build_graph([PaperExtraction(Paper("p1", "T", "A"))]), path)
    >>> "@prefix kg: <https://w3id.org/kgraph/ontology#> ." in path.read_text()
    True
    """
    name = rdf_format(path, format)
    if jobs < 1:
        raise ExportError(f"jobs must be at least 1, not {jobs}")
    with atomic_write(path, mode="wb") as handle:
        if name == "jsonld":
            _write_jsonld(iter_triples(G, base_iri=base_iri), handle)
        elif jobs > 1 and can_fork() and G.number_of_nodes() >= _PARALLEL_MIN_NODES:
            _serialize_parallel(G, handle, name, base_iri, jobs, tmp_dir=_parts_dir(path))
        else:
            _serialize(iter_triples(G, base_iri=base_iri), handle, name)


def _parts_dir(path: str | Path) -> Path:
    """Where parallel writers put their parts: next to a regular file, else (a device, a FIFO) the temp dir."""
    target = Path(path).resolve()
    if target.exists() and not target.is_file():
        return Path(tempfile.gettempdir())
    return target.parent


#: Below this many nodes, writing in several processes costs more than it saves.
_PARALLEL_MIN_NODES = 20_000


def _serialize(triples: Iterable[ox.Triple], handle: IO[bytes], name: str) -> None:
    if name == "turtle":
        ox.serialize(triples, handle, _OX_FORMATS[name], prefixes=_WRITE_PREFIXES)
    else:
        ox.serialize(triples, handle, _OX_FORMATS[name])


#: Writing a paper's triples costs about this many times a model's, dataset's or link's (CPU time
#: per node of each kind, synthetic 100k-paper graph: 6.7-7.2 in two runs of four).
_PAPER_WEIGHT = 7


def _slices(G: Any, parts: int) -> list[list[str]]:
    """Cut the sorted nodes into at most ``parts`` non-empty runs of about equal work (a paper weighs :data:`_PAPER_WEIGHT`, anything else 1)."""
    nodes = list(sorted(G.nodes) if isinstance(G, nx.Graph) else G.nodes)
    weights = [_PAPER_WEIGHT if str(n).startswith("paper:") else 1 for n in nodes]  # paper node ids: see kgraph.graph
    target, out, start, acc = sum(weights) / max(parts, 1), [], 0, 0
    for i, w in enumerate(weights):
        acc += w
        if acc >= target * (len(out) + 1) and len(out) < parts - 1 and i + 1 < len(nodes):
            out.append(nodes[start : i + 1])
            start = i + 1
    out.append(nodes[start:])
    return [piece for piece in out if piece] or [[]]


def _write_slice(G: Any, nodes: list[str], out: str | IO[bytes], name: str, base_iri: str, agent: bool) -> None:
    exporter = _Exporter(G, base_iri, per_paper=False)
    triples = (t for _, group in exporter.groups(nodes=nodes, agent=agent) for t in group)
    with open(out, "wb") if isinstance(out, str) else contextlib.nullcontext(out) as handle:
        _serialize(triples, handle, name)


def _append_file(src: IO[bytes], offset: int, handle: IO[bytes]) -> None:
    """Append ``src`` from ``offset`` to ``handle``: in the kernel where it can (no copy through Python), else read and write."""
    handle.flush()
    try:
        out_fd = handle.fileno()
        while True:
            copied = os.copy_file_range(src.fileno(), out_fd, 1 << 30, offset)
            if not copied:
                return
            offset += copied
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass  # no copy_file_range here, or not between these files (a pipe, another file system on an old kernel)
    src.seek(offset)
    shutil.copyfileobj(src, handle, 1 << 20)


def _serialize_parallel(G: Any, handle: IO[bytes], name: str, base_iri: str, jobs: int, *, tmp_dir: Path) -> None:
    """Serialize slices of the graph in forked processes and join them: the bytes of one serial run.

    Turtle and N-Triples statements never span two subjects, and every slice
    starts at a new subject, so each part is the serial output's own bytes
    once its repeated ``@prefix`` lines are dropped. This process writes the
    first slice straight into ``handle``; the others' parts are appended after
    it. If anything fails, every writer still running is stopped and the
    parts are removed.
    """
    from ..parallel import WorkerFailed, fork_map

    slices = _slices(G, jobs)
    try:
        tmp = tempfile.mkdtemp(prefix=".kgraph-rdf-", dir=tmp_dir)
    except OSError as err:
        raise ExportError(f"{tmp_dir}: can't write ({err.strerror})") from None
    try:
        parts = [os.path.join(tmp, f"part-{i}") for i in range(len(slices))]
        # fork_map runs the first call in this process: that slice goes straight into the output.
        calls = [(G, slices[i], parts[i] if i else handle, name, base_iri, i == 0) for i in range(len(slices))]
        try:
            fork_map(_write_slice, calls, tmp_dir=tmp)
        except WorkerFailed as err:
            raise ExportError(f"an RDF writer process failed (exit code {err.exitcode})") from None
        header = len(_WRITE_PREFIXES) if name == "turtle" else 0
        for part in parts[1:]:
            with open(part, "rb") as src:
                for _ in range(header):
                    if not src.readline().startswith(b"@prefix "):
                        raise ExportError("unexpected Turtle header in a part written in parallel")
                _append_file(src, src.tell(), handle)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def validate_rdf(rdf: rdflib.Graph) -> tuple[bool, str]:
    """Validate RDF against ``ontology/shapes.ttl``; return ``(conforms, report text)``.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, PaperExtraction
    >>> validate_rdf(to_rdf(build_graph([PaperExtraction(Paper("p1", "T", "A"))])))[0]
    True
    """
    import pyshacl

    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(rdf, shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), str(text)
