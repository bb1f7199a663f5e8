"""Build the knowledge graph: one node per real-world thing, edges for how they relate.

Stage contract: :class:`~kgraph.types.PaperExtraction` records in, one
``networkx.MultiDiGraph`` out. Every other export (RDF, HTML, GraphML, JSON)
reads this graph and only this graph.

Nodes
-----
Every node has ``type`` (one of the values below) and ``label`` (the text to show).

``paper:<paper id>`` — ``type="Paper"``
    ``title``, ``abstract``, ``url`` (or ``""``), ``arxiv_id`` (or ``""``),
    ``date`` (as the input gave it, or ``""``), ``authors`` (list of str),
    ``source`` (``file:line`` where it was first read).
``model:<key>``, ``data:<key>`` — ``type`` is ``"Model"``, ``"Dataset"`` or ``"Benchmark"``
    ``key`` is :func:`kgraph.names.name_key` of the name; datasets and
    benchmarks share the ``data:`` space because papers disagree on which one a
    resource is, and the node's ``type`` is the one most papers give it
    (ties go to Benchmark). Attributes: ``name`` (the canonical form: the form
    most papers use), ``aliases`` (sorted list of every other surface form),
    ``mentions`` (int, total mentions across papers), ``papers`` (int, number
    of papers that mention it), ``introduced_in`` (sorted list of paper node
    ids that introduce it), ``family`` (node id of the family for a sized
    variant, or ``""``). A family node that no paper names itself
    has ``mentions=0``.
``repo:github.com/<owner>/<repo>`` — ``type="Repository"``
    ``url``, ``owner`` (node id of the owner), ``mentions``.
``owner:github.com/<owner>`` — ``type="GitHubOwner"``
    ``url``, ``name``, ``mentions`` (links straight to the owner page).
``link:<url>`` — ``type="Link"``
    ``url``, ``kind`` (``"huggingface"`` or ``"other"``), ``mentions``.

Edges
-----
Keyed by relation (the edge key equals its ``relation`` attribute), so at most
one edge of a relation joins two nodes.

``mentions`` paper → Model/Dataset/Benchmark
    ``count`` (mentions in the paper), ``evidence`` (list of
    ``{"sentence", "start", "end"}``, offsets into the paper's text).
``introduces`` paper → Model/Dataset/Benchmark
    the paper creates and releases the entity; ``evidence`` as above.
``evaluates_on`` paper → Benchmark
    the paper mentions a benchmark it does not introduce; ``count``, ``evidence``.
``evaluated_on`` Model → Benchmark
    a model and a benchmark are named in the same sentence of a paper;
    ``count`` (sentences), ``papers`` (sorted list of paper node ids).
``variant_of`` Model → Model
    a sized variant (``Llama-2-7B``) and its family (``Llama-2``).
``has_code`` paper → Repository
    a GitHub repository link in the paper; ``count``, ``evidence``.
``links_to`` paper → Link or GitHubOwner
    any other link; ``count``, ``evidence``.
``owned_by`` Repository → GitHubOwner.
"""

from __future__ import annotations

import marshal
from array import array
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import networkx as nx

from .names import name_key
from .types import Mention, PaperExtraction

__all__ = ["GraphBuilder", "build_graph", "entity_node_id", "NODE_TYPES", "EDGE_RELATIONS"]

NODE_TYPES = ("Paper", "Model", "Dataset", "Benchmark", "Repository", "GitHubOwner", "Link")
EDGE_RELATIONS = (
    "mentions",
    "introduces",
    "evaluates_on",
    "evaluated_on",
    "variant_of",
    "has_code",
    "links_to",
    "owned_by",
)
_MAX_EVIDENCE = 5


def entity_node_id(name: str, type: str) -> str:
    """Return the node id an entity of this name and type would get (before alias merging).

    >>> entity_node_id("Llama 2", "Model"), entity_node_id("MMLU", "Benchmark")
    ('model:llama2', 'data:mmlu')
    """
    return ("model:" if type == "Model" else "data:") + name_key(name)


def _spans_evidence(spans: Iterable[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    return [{"sentence": sentence, "start": start, "end": end} for start, end, sentence, _ in list(spans)[:_MAX_EVIDENCE]]


def _spans(mentions: Iterable[Mention], sentences: dict[str, str]) -> tuple[tuple[int, int, str, str], ...]:
    """Return mentions as plain tuples (start, end, sentence, text); equal sentences become one string."""
    return tuple((m.start, m.end, sentences.setdefault(m.sentence, m.sentence), m.text) for m in mentions)


class _Spool:
    """Per-paper records in a temporary file (marshal), so a big build keeps only aggregates in memory."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0
        self.offsets = array("q")

    def append(self, record: tuple[Any, ...]) -> int:
        """Write a record and return its offset."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="kgraph-graph-")
        data = marshal.dumps(record)
        self._file.seek(self._end)
        self._file.write(len(data).to_bytes(4, "little") + data)
        offset, self._end = self._end, self._end + 4 + len(data)
        self.offsets.append(offset)
        return offset

    def read(self, offset: int) -> tuple[Any, ...]:
        if self._file is None:
            raise IndexError(offset)
        self._file.seek(offset)
        size = int.from_bytes(self._file.read(4), "little")
        return marshal.loads(self._file.read(size))

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        for offset in self.offsets:
            yield self.read(offset)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self.offsets = array("q")


@dataclass(slots=True)
class _EntityAcc:
    names: Counter = field(default_factory=Counter)  # canonical names, one vote a paper
    forms: set = field(default_factory=set)
    types: Counter = field(default_factory=Counter)
    mentions: int = 0
    papers: set = field(default_factory=set)
    introduced_in: set = field(default_factory=set)
    families: Counter = field(default_factory=Counter)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id wins, so the result doesn't depend on input order.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


class GraphBuilder:
    """Accumulate extractions one paper at a time, then :meth:`build` the graph.

    >>> from kgraph.types import Paper, Entity, PaperExtraction
    >>> b = GraphBuilder()
    >>> b.add(PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model"),)))
    >>> G = b.build()
    >>> sorted(G.nodes), G.nodes["model:gpt4"]["name"]
    (['model:gpt4', 'paper:p1'], 'GPT-4')
    """

    def __init__(self) -> None:
        # Per paper, one spooled record: (pid, paper attributes, entities, links),
        # entities as (base id, introduced, mention spans), links as (url, kind,
        # count, evidence spans). Only the entity aggregates stay in memory.
        self._spool = _Spool()
        self._pids: dict[str, int] = {}  # paper node id -> its record's offset
        self._entities: dict[str, _EntityAcc] = defaultdict(_EntityAcc)
        self._uf = _UnionFind()

    def __del__(self) -> None:
        self._spool.close()

    def add(self, extraction: PaperExtraction) -> None:
        """Add one paper's extraction."""
        paper = extraction.paper
        pid = sys.intern(f"paper:{paper.id}")
        if pid in self._pids:
            return
        attrs = (
            paper.title,
            paper.abstract,
            paper.url or "",
            paper.arxiv_id or "",
            paper.date or "",
            tuple(paper.authors),
            paper.source or "",
        )
        sentences: dict[str, str] = {}
        ents = []
        for ent in extraction.entities:
            base = sys.intern(entity_node_id(ent.name, ent.type))
            prefix = base.split(":", 1)[0] + ":"
            for alias in ent.aliases:
                key = name_key(alias)
                if key:
                    self._uf.union(base, sys.intern(prefix + key))
            self._uf.find(base)
            acc = self._entities[base]
            acc.names[ent.name] += 1
            acc.forms.update(ent.aliases)
            acc.types[ent.type] += 1
            acc.mentions += len(ent.mentions) or 1
            acc.papers.add(pid)
            if ent.introduced:
                acc.introduced_in.add(pid)
            if ent.family and name_key(ent.family) != name_key(ent.name):
                acc.families[ent.family] += 1
            ents.append((base, bool(ent.introduced), _spans(ent.mentions, sentences)))
        links = tuple(
            (link.url, link.kind, len(link.mentions) or 1, _spans(link.mentions[:_MAX_EVIDENCE], sentences))
            for link in extraction.links
        )
        self._pids[pid] = self._spool.append((pid, attrs, tuple(ents), links))

    def _merged(self) -> dict[str, _EntityAcc]:
        merged: dict[str, _EntityAcc] = defaultdict(_EntityAcc)
        for base in sorted(self._entities):
            acc, out = self._entities[base], merged[self._uf.find(base)]
            out.names.update(acc.names)
            out.forms |= acc.forms | set(acc.names)
            out.types.update(acc.types)
            out.mentions += acc.mentions
            out.papers |= acc.papers
            out.introduced_in |= acc.introduced_in
            out.families.update(acc.families)
        return merged

    def build(self) -> nx.MultiDiGraph:
        """Return the graph of everything added so far (see the module docstring)."""
        G = nx.MultiDiGraph()
        for pid in sorted(self._pids):
            _, (title, abstract, url, arxiv_id, date, authors, source), _, _ = self._spool.read(self._pids[pid])
            G.add_node(
                pid,
                type="Paper",
                label=title,
                title=title,
                abstract=abstract,
                url=url,
                arxiv_id=arxiv_id,
                date=date,
                authors=list(authors),
                source=source,
            )

        merged: dict[str, _EntityAcc] = {}
        final: dict[str, str] = {}  # union-find root -> node id
        for root, acc in self._merged().items():
            # Canonical name: the form most papers use; ties to the shortest, then alphabetical.
            name = min(acc.names, key=lambda n: (-acc.names[n], len(n), n))
            final[root] = root.split(":", 1)[0] + ":" + name_key(name)
            merged[final[root]] = acc

        def resolve(base: str) -> str:
            return final.get(self._uf.find(base), base)

        families: dict[str, str] = {}
        for nid in sorted(merged):
            acc = merged[nid]
            name = min(acc.names, key=lambda n: (-acc.names[n], len(n), n))
            types = acc.types
            etype = min(types, key=lambda t: (-types[t], {"Benchmark": 0, "Dataset": 1, "Model": 2}[t]))
            G.add_node(
                nid,
                type=etype,
                label=name,
                name=name,
                aliases=sorted(f for f in acc.forms if f != name),
                mentions=acc.mentions,
                papers=len(acc.papers),
                introduced_in=sorted(acc.introduced_in),
                family="",
            )
            if acc.families:
                family = min(acc.families, key=lambda n: (-acc.families[n], n))
                families[nid] = family
        for nid in sorted(families):
            fam_id = resolve(entity_node_id(families[nid], "Model")) if nid.startswith("model:") else None
            if fam_id is None or fam_id == nid:
                continue
            if fam_id not in G:
                G.add_node(
                    fam_id,
                    type="Model",
                    label=families[nid],
                    name=families[nid],
                    aliases=[],
                    mentions=0,
                    papers=0,
                    introduced_in=[],
                    family="",
                )
            G.nodes[nid]["family"] = fam_id
            G.add_edge(nid, fam_id, key="variant_of", relation="variant_of")

        model_bench: dict[tuple[str, str], tuple[int, set[str]]] = {}
        for pid in sorted(self._pids):
            _, _, ents, _ = self._spool.read(self._pids[pid])
            by_node: dict[str, list[tuple[str, bool, tuple[Any, ...]]]] = defaultdict(list)
            for item in ents:
                by_node[resolve(item[0])].append(item)
            sentences: dict[str, set[str]] = defaultdict(set)
            for nid in sorted(by_node):
                group = by_node[nid]
                mentions = sorted({m for _, _, spans in group for m in spans})
                count = len(mentions) or 1
                G.add_edge(pid, nid, key="mentions", relation="mentions", count=count, evidence=_spans_evidence(mentions))
                if any(introduced for _, introduced, _ in group):
                    G.add_edge(pid, nid, key="introduces", relation="introduces", evidence=_spans_evidence(mentions))
                elif G.nodes[nid]["type"] == "Benchmark":
                    G.add_edge(
                        pid, nid, key="evaluates_on", relation="evaluates_on", count=count, evidence=_spans_evidence(mentions)
                    )
                for m in mentions:
                    sentences[nid].add(m[2])
            models = [n for n in sentences if G.nodes[n]["type"] == "Model"]
            benches = [n for n in sentences if G.nodes[n]["type"] == "Benchmark"]
            for m in models:
                for b in benches:
                    shared = len(sentences[m] & sentences[b])
                    if shared:
                        count, papers = model_bench.get((m, b), (0, set()))
                        model_bench[(m, b)] = (count + shared, papers | {pid})
        for (m, b) in sorted(model_bench):
            count, papers = model_bench[(m, b)]
            G.add_edge(m, b, key="evaluated_on", relation="evaluated_on", count=count, papers=sorted(papers))

        self._add_links(G)
        return G

    def _add_links(self, G: nx.MultiDiGraph) -> None:
        per_edge: dict[tuple[str, str, str], tuple[int, list[dict[str, Any]]]] = {}
        for pid, url, kind, count, evidence in self._iter_links():
            if kind == "github":
                parts = url.rstrip("/").split("/")[3:5]
                owner_url = "https://github.com/" + parts[0]
                owner_id = "owner:github.com/" + parts[0].lower()
                if owner_id not in G:
                    G.add_node(owner_id, type="GitHubOwner", label=parts[0], name=parts[0], url=owner_url, mentions=0)
                if len(parts) == 2:
                    repo_id = f"repo:github.com/{parts[0].lower()}/{parts[1].lower()}"
                    if repo_id not in G:
                        G.add_node(repo_id, type="Repository", label=f"{parts[0]}/{parts[1]}", url=url, owner=owner_id, mentions=0)
                        G.add_edge(repo_id, owner_id, key="owned_by", relation="owned_by")
                    target, relation = repo_id, "has_code"
                else:
                    target, relation = owner_id, "links_to"
            else:
                target, relation = f"link:{url}", "links_to"
                if target not in G:
                    G.add_node(target, type="Link", label=url, url=url, kind=kind, mentions=0)
            G.nodes[target]["mentions"] += count
            old_count, old_evidence = per_edge.get((pid, target, relation), (0, []))
            per_edge[(pid, target, relation)] = (old_count + count, (old_evidence + evidence)[:_MAX_EVIDENCE])
        for (pid, target, relation) in sorted(per_edge):
            count, evidence = per_edge[(pid, target, relation)]
            G.add_edge(pid, target, key=relation, relation=relation, count=count, evidence=evidence)


    def _iter_links(self) -> Iterator[tuple[str, str, str, int, list[dict[str, Any]]]]:
        for pid, _, _, links in self._spool:
            for url, kind, count, spans in links:
                yield pid, url, kind, count, _spans_evidence(spans)


def build_graph(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """Return the knowledge graph of the extractions (see the module docstring)."""
    builder = GraphBuilder()
    for extraction in extractions:
        builder.add(extraction)
    return builder.build()
