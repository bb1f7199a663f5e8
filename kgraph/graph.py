"""Build the knowledge graph: one node per real-world thing, edges for how they relate.

Stage contract: :class:`~kgraph.types.PaperExtraction` records in, one graph
out, either as a :class:`GraphView` (what ``kgraph build`` writes from: models,
datasets and links in memory, papers read back from a temporary spool file one
at a time, so a million papers fit in memory) or as a
``networkx.MultiDiGraph`` (:meth:`GraphBuilder.build`, :func:`build_graph`).
Both hold the same nodes and edges, described below, and every export (RDF,
HTML, GraphML, JSON) writes the same bytes from either.

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
    ``mentions`` (int, the sum of the ``count`` of its ``mentions`` edges),
    ``papers`` (int, number of papers that mention it), ``introduced_in`` (sorted list of paper node
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

import heapq
import marshal
import os
import sys
from array import array
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

import networkx as nx

from .names import name_key
from .parallel import can_fork, fork_map
from .types import Entity, Link, Mention, Paper, PaperExtraction

__all__ = ["GraphBuilder", "GraphView", "build_graph", "entity_node_id", "neighbour_sets", "NODE_TYPES", "EDGE_RELATIONS"]

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
#: Below this many papers, sharing the pass over them among processes costs more than it saves.
_PARALLEL_MIN_PAPERS = 20_000


def entity_node_id(name: str, type: str) -> str:
    """Return the node id an entity of this name and type would get (before alias merging).

    >>> entity_node_id("Llama 2", "Model"), entity_node_id("MMLU", "Benchmark")
    ('model:llama2', 'data:mmlu')
    """
    return ("model:" if type == "Model" else "data:") + name_key(name)


def neighbour_sets(G: Any) -> dict[Any, set[Any]]:
    """Return node -> the other nodes it shares an edge with (either way), for the nodes that have any.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("c", "c")])
    >>> neighbour_sets(G)
    {'a': {'b'}, 'b': {'a'}}
    """
    nbrs: dict[Any, set[Any]] = {}
    for u, v in G.edges():
        if u != v:
            nbrs.setdefault(u, set()).add(v)
            nbrs.setdefault(v, set()).add(u)
    return nbrs


def _spans_evidence(spans: Iterable[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    return [{"sentence": sentence, "start": start, "end": end} for start, end, sentence, _ in list(spans)[:_MAX_EVIDENCE]]


def _spans(mentions: Iterable[Mention], sentences: dict[str, str]) -> tuple[tuple[int, int, str, str], ...]:
    """Return mentions as plain tuples (start, end, sentence, text); equal sentences become one string."""
    return tuple((m.start, m.end, sentences.setdefault(m.sentence, m.sentence), m.text) for m in mentions)


class _Spool:
    """Per-paper records in a temporary file (marshal), so a big build keeps only aggregates in memory."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._dirty = False
        self._end = 0
        self.offsets = array("q")

    def append(self, record: tuple[Any, ...]) -> int:
        """Write a record and return its offset."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="kgraph-graph-")
        data = marshal.dumps(record)
        # Appends only: reads use os.pread, which leaves the file position at the end
        # (a seek here would flush the buffer, one write call per record).
        self._file.write(len(data).to_bytes(4, "little") + data)
        self._dirty = True
        offset, self._end = self._end, self._end + 4 + len(data)
        self.offsets.append(offset)
        return offset

    def read(self, offset: int) -> tuple[Any, ...]:
        # Positional reads (no shared file offset), so forked writers can read the spool at once.
        if self._file is None:
            raise IndexError(offset)
        if self._dirty:
            self._file.flush()
            self._dirty = False
        fd = self._file.fileno()
        size = int.from_bytes(os.pread(fd, 4, offset), "little")
        return marshal.loads(os.pread(fd, size, offset + 4))

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
    # Plain dicts as counters: a Counter() costs a Python-level __init__, and a big build makes millions.
    names: dict = field(default_factory=dict)  # canonical name -> papers that use it (one vote a paper)
    forms: set = field(default_factory=set)
    types: dict = field(default_factory=dict)  # type -> papers
    introduced_in: set = field(default_factory=set)
    families: dict = field(default_factory=dict)  # family name -> papers


def _count_into(counts: dict, other: dict) -> None:
    for key, n in other.items():
        counts[key] = counts.get(key, 0) + n


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
        # Per paper, one spooled record: (pid, paper attributes, entities, links, names),
        # entities as (base id, introduced, mention spans), links as (url, kind,
        # count, evidence spans), names as (name, type, aliases, family) of each
        # entity (for :meth:`GraphView.extractions`). Only the entity aggregates stay in memory.
        self._spool = _Spool()
        self._pids: dict[str, int] = {}  # paper node id -> its record's offset
        self._entities: dict[str, _EntityAcc] = defaultdict(_EntityAcc)
        self._uf = _UnionFind()
        # Repository, owner and link nodes in the order papers first name them, with their mention totals.
        self._link_nodes: dict[str, dict[str, Any]] = {}

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
        names = []
        uf, entities = self._uf, self._entities
        for ent in extraction.entities:
            base = sys.intern(entity_node_id(ent.name, ent.type))
            uf.parent.setdefault(base, base)  # every entity is in the union-find, merged or not
            acc = entities[base]
            if ent.aliases:
                acc.forms.update(ent.aliases)
                prefix = base.split(":", 1)[0] + ":"
                for alias in ent.aliases:
                    key = name_key(alias)
                    if key:
                        uf.union(base, sys.intern(prefix + key))
            acc.names[ent.name] = acc.names.get(ent.name, 0) + 1
            acc.types[ent.type] = acc.types.get(ent.type, 0) + 1
            if ent.introduced:
                acc.introduced_in.add(pid)
            if ent.family and name_key(ent.family) != name_key(ent.name):
                acc.families[ent.family] = acc.families.get(ent.family, 0) + 1
            ents.append((base, bool(ent.introduced), _spans(ent.mentions, sentences)))
            names.append((ent.name, ent.type, tuple(ent.aliases), ent.family or ""))
        links = tuple(
            (link.url, link.kind, len(link.mentions) or 1, _spans(link.mentions[:_MAX_EVIDENCE], sentences))
            for link in extraction.links
        )
        for url, kind, count, _ in links:
            target, _, needed = _link_target(url, kind)
            for node, node_attrs in needed:
                self._link_nodes.setdefault(node, node_attrs)
            self._link_nodes[target]["mentions"] += count
        self._pids[pid] = self._spool.append((pid, attrs, tuple(ents), links, tuple(names)))

    def _merged(self) -> dict[str, _EntityAcc]:
        """Return union-find root -> its entities' accumulators added up.

        An entity merged with no other (most of them) keeps its own accumulator,
        not a copy. ``forms`` leave out ``names``: a thing's forms are both.
        """
        groups: dict[str, list[str]] = {}
        find = self._uf.find
        for base in sorted(self._entities):
            groups.setdefault(find(base), []).append(base)
        merged: dict[str, _EntityAcc] = {}
        for root, bases in groups.items():
            if len(bases) == 1:
                merged[root] = self._entities[bases[0]]
                continue
            out = merged[root] = _EntityAcc()
            for base in bases:
                acc = self._entities[base]
                _count_into(out.names, acc.names)
                out.forms |= acc.forms
                _count_into(out.types, acc.types)
                out.introduced_in |= acc.introduced_in
                _count_into(out.families, acc.families)
        return merged

    def view(self, *, jobs: int = 1) -> GraphView:
        """Return a read-only view of the graph that reads papers from the spool when asked.

        Exports stream from it (RDF, HTML, GraphML, JSON), so a big build never
        holds every paper's node and edges in memory at once. ``jobs`` forked
        processes share the one pass over the papers it needs (where the
        platform can fork); the view is the same.
        """
        return GraphView(self, jobs=jobs)

    def build(self) -> nx.MultiDiGraph:
        """Return the graph of everything added so far (see the module docstring)."""
        return self.view().to_networkx()


def _link_target(url: str, kind: str) -> tuple[str, str, list[tuple[str, dict[str, Any]]]]:
    """Return (target node id, relation, [(node id, attributes) of nodes it needs]) for a link."""
    if kind == "github":
        parts = url.rstrip("/").split("/")[3:5]
        owner_id = "owner:github.com/" + parts[0].lower()
        owner = (owner_id, {"type": "GitHubOwner", "label": parts[0], "name": parts[0], "url": "https://github.com/" + parts[0], "mentions": 0})
        if len(parts) == 2:
            repo_id = f"repo:github.com/{parts[0].lower()}/{parts[1].lower()}"
            repo = (repo_id, {"type": "Repository", "label": f"{parts[0]}/{parts[1]}", "url": url, "owner": owner_id, "mentions": 0})
            return repo_id, "has_code", [owner, repo]
        return owner_id, "links_to", [owner]
    target = f"link:{url}"
    return target, "links_to", [(target, {"type": "Link", "label": url, "url": url, "kind": kind, "mentions": 0})]


_Edge = tuple[str, str, dict[str, Any]]  # (target, relation, attributes)


class _NodeView(Mapping):
    """``G.nodes`` of a :class:`GraphView`: sorted ids, ``G.nodes[id]`` and ``G.nodes(data=True)``."""

    def __init__(self, view: GraphView) -> None:
        self._view = view

    def __getitem__(self, node: str) -> dict[str, Any]:
        return self._view._node(node)

    def __iter__(self) -> Iterator[str]:
        return iter(self._view._order())

    def __len__(self) -> int:
        return self._view.number_of_nodes()

    def __contains__(self, node: object) -> bool:
        return node in self._view

    def __call__(self, data: bool = False) -> Iterator[Any]:
        if not data:
            return iter(self)
        return ((node, self._view._node(node)) for node in self)


class GraphView:
    """The graph of a :class:`GraphBuilder`, with papers read from its spool on demand.

    It answers the part of the ``networkx.MultiDiGraph`` interface that the
    exporters use: ``G.nodes`` (iteration in sorted order, ``G.nodes[id]``,
    ``G.nodes(data=True)``), ``G.edges(keys=, data=)`` and
    ``G.out_edges(node, keys=, data=)`` in sorted order, ``in``, ``len``,
    ``number_of_nodes()``, ``number_of_edges()`` and ``G.graph``. Models,
    datasets, repositories and links (and the edges among them) are held in
    memory as :attr:`entities`, a small ``MultiDiGraph``; a paper's node and
    edges are rebuilt from its spooled record each time they are asked for.
    :meth:`to_networkx` returns the whole graph, equal to :meth:`GraphBuilder.build`.

    >>> from kgraph.types import Paper, Entity, PaperExtraction
    >>> b = GraphBuilder()
    >>> b.add(PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model"),)))
    >>> G = b.view()
    >>> list(G.nodes), [(u, v, k) for u, v, k in G.edges(keys=True)]
    (['model:gpt4', 'paper:p1'], [('paper:p1', 'model:gpt4', 'mentions')])
    """

    def __init__(self, builder: GraphBuilder, *, jobs: int = 1) -> None:
        self._builder = builder  # keeps the spool open
        self.graph: dict[str, Any] = {}
        self.nodes = _NodeView(self)
        self._pids = sorted(builder._pids)
        self._pid_set = dict(builder._pids)  # a snapshot: papers added to the builder later are not in this view
        self._cache: tuple[str, Any] | None = None
        self._sorted: list[str] | None = None
        E = self.entities = nx.MultiDiGraph()

        # First what the pass over the papers needs: each thing's node id (canonical name) and type.
        merged: dict[str, tuple[_EntityAcc, str]] = {}  # node id -> (accumulator, canonical name)
        final: dict[str, str] = {}  # union-find root -> node id
        for root, acc in builder._merged().items():
            # Canonical name: the form most papers use; ties to the shortest, then alphabetical.
            name = min(acc.names, key=lambda n: (-acc.names[n], len(n), n))
            final[root] = root.split(":", 1)[0] + ":" + name_key(name)
            merged[final[root]] = (acc, name)
        uf = builder._uf
        self._resolved = {base: final.get(uf.find(base), base) for base in builder._entities}
        type_rank = {"Benchmark": 0, "Dataset": 1, "Model": 2}
        # node -> type for every model, dataset and benchmark (what papers point to)
        self._type_of = {nid: min(acc.types, key=lambda t: (-acc.types[t], type_rank[t])) for nid, (acc, _) in merged.items()}

        # One pass over the papers: model-benchmark pairs, edge counts, neighbours (for the HTML view),
        # in ``jobs`` processes over consecutive runs of papers, joined in paper order. This process
        # first makes the entity graph (the forked ones don't need it) while they start on theirs; they
        # send their results back, which takes about as long (measured), so the runs are of equal length.
        n = len(self._pids)
        if jobs > 1 and n >= _PARALLEL_MIN_PAPERS and can_fork():
            bounds = [n * i // jobs for i in range(jobs + 1)]
            calls = [(bounds[0], bounds[1], merged, final)] + [(bounds[i], bounds[i + 1], None, None) for i in range(1, jobs)]
            parts = fork_map(self._pass_part, calls)
        else:
            parts = [self._pass_part(0, n, merged, final)]
        del merged, final
        # The first run's results take the later ones in (in place: no second copy at a million papers).
        # totals: thing -> (sum of its mentions edges' counts, papers)
        self._relations, totals, self._paper_degree, self._entity_papers, model_bench = parts[0]
        for relations, part_totals, degrees, entity_papers, part_pairs in parts[1:]:
            self._relations.update(relations)
            self._paper_degree.extend(degrees)
            for nid, indices in entity_papers.items():
                mine = self._entity_papers.get(nid)
                if mine is None:
                    self._entity_papers[nid] = indices
                else:
                    mine.extend(indices)
            for nid, (mentions, n_papers) in part_totals.items():
                old_mentions, old_papers = totals.get(nid, (0, 0))
                totals[nid] = (old_mentions + mentions, old_papers + n_papers)
            for pair, (count, papers) in part_pairs.items():
                old = model_bench.get(pair)
                if old is None:
                    model_bench[pair] = (count, papers)
                else:
                    old[1].extend(papers)
                    model_bench[pair] = (old[0] + count, old[1])
        del parts
        type_of = self._type_of
        for nid, (mentions, n_papers) in totals.items():
            if nid in type_of:  # models, datasets, benchmarks: what their Mention nodes add up to (kg:mentionTotal)
                E.nodes[nid]["mentions"], E.nodes[nid]["papers"] = mentions, n_papers
        pids = self._pids
        for m, b in sorted(model_bench):
            count, papers = model_bench[(m, b)]
            E.add_edge(m, b, key="evaluated_on", relation="evaluated_on", count=count, papers=[pids[i] for i in papers])
        self._relations.update(key for _, _, key in E.edges(keys=True))

    def _pass_part(self, start: int, stop: int, merged: dict[str, tuple[_EntityAcc, str]] | None, final: dict[str, str] | None) -> tuple[Counter, dict, array, dict, dict]:
        """Make the entity graph first if given what it needs (in this process only), then :meth:`_paper_pass`."""
        if merged is not None and final is not None:
            self._add_entities(merged, final)
        return self._paper_pass(start, stop)

    def _add_entities(self, merged: dict[str, tuple[_EntityAcc, str]], final: dict[str, str]) -> None:
        """Fill :attr:`entities`: the things (with their families) and the links, in the order the exporters need."""
        E, uf, type_of = self.entities, self._builder._uf, self._type_of
        families: dict[str, str] = {}
        nodes = []
        for nid in sorted(merged):
            acc, name = merged[nid]
            forms = acc.forms.union(acc.names)
            forms.discard(name)
            nodes.append((nid, {
                "type": type_of[nid],
                "label": name,
                "name": name,
                "aliases": sorted(forms),
                "mentions": 0,  # mentions and papers: set below, from the pass over the papers
                "papers": 0,
                "introduced_in": sorted(acc.introduced_in),
                "family": "",
            }))
            if acc.families:
                families[nid] = min(acc.families, key=lambda n: (-acc.families[n], n))
        E.add_nodes_from(nodes)
        del nodes
        for nid in sorted(families):
            if not nid.startswith("model:"):
                continue
            base = entity_node_id(families[nid], "Model")
            fam_id = final.get(uf.find(base), base) if base in uf.parent else base
            if fam_id == nid:
                continue
            if fam_id not in E:
                E.add_node(
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
            E.nodes[nid]["family"] = fam_id
            E.add_edge(nid, fam_id, key="variant_of", relation="variant_of")

        # Links, in the order the papers first named them (as their node attributes add up).
        for node, attrs in self._builder._link_nodes.items():
            E.add_node(node, **attrs)
            if attrs["type"] == "Repository":
                E.add_edge(node, attrs["owner"], key="owned_by", relation="owned_by")

    def _paper_pass(self, start: int, stop: int) -> tuple[Counter, dict, array, dict, dict]:
        """Return what the papers ``start:stop`` (in sorted order) add up to.

        (edges per relation, thing -> (mentions, papers), each paper's number of
        neighbours, thing -> indices of its papers, (model, benchmark) ->
        (shared sentences, papers)).
        """
        relations: dict[str, int] = {}
        degrees = array("i")
        entity_papers: dict[str, array] = {}
        totals: dict[str, tuple[int, int]] = {}
        model_bench: dict[tuple[str, str], tuple[int, array]] = {}  # papers by index: small to send back
        for index in range(start, stop):
            pid = self._pids[index]
            edges, pairs = self._paper_edges(pid, evidence=False)
            targets = set()
            for target, relation, attrs in edges:
                relations[relation] = relations.get(relation, 0) + 1
                targets.add(target)
                if relation == "mentions":
                    mentions, n_papers = totals.get(target, (0, 0))
                    totals[target] = (mentions + max(attrs["count"], 1), n_papers + 1)
            degrees.append(len(targets))
            for target in sorted(targets):
                indices = entity_papers.get(target)
                if indices is None:
                    indices = entity_papers[target] = array("i")
                indices.append(index)
            for m, b, shared in pairs:
                count, papers = model_bench.get((m, b), (0, None))
                if papers is None:
                    papers = array("i")
                papers.append(index)
                model_bench[(m, b)] = (count + shared, papers)
        self._cache = None
        return Counter(relations), totals, degrees, entity_papers, model_bench

    # -- papers, rebuilt from the spool --------------------------------------------------------

    def _record(self, pid: str) -> tuple[Any, ...]:
        if self._cache is not None and self._cache[0] == pid:
            return self._cache[1]
        record = self._builder._spool.read(self._pid_set[pid])
        self._cache = (pid, record)
        return record

    def _paper_node(self, pid: str) -> dict[str, Any]:
        title, abstract, url, arxiv_id, date, authors, source = self._record(pid)[1]
        return {
            "type": "Paper",
            "label": title,
            "title": title,
            "abstract": abstract,
            "url": url,
            "arxiv_id": arxiv_id,
            "date": date,
            "authors": list(authors),
            "source": source,
        }

    def _paper_edges(self, pid: str, *, evidence: bool = True) -> tuple[list[_Edge], list[tuple[str, str, int]]]:
        """Return a paper's out-edges (sorted by target, relation) and its (model, benchmark, shared sentences)."""
        ents, links = self._record(pid)[2:4]
        resolved, type_of = self._resolved, self._type_of
        by_node: dict[str, list[tuple[str, bool, tuple[Any, ...]]]] = {}
        for item in ents:
            nid = resolved.get(item[0], item[0])
            group = by_node.get(nid)
            if group is None:
                by_node[nid] = [item]
            else:
                group.append(item)
        edges: list[_Edge] = []
        mentions_of: dict[str, list[tuple[Any, ...]]] = {}  # models and benchmarks -> their mentions, for the pairs
        models, benches = [], []
        for nid in sorted(by_node):
            group = by_node[nid]
            if len(group) == 1:
                _, introduced, spans = group[0]
                mentions = sorted(set(spans))
            else:
                introduced = any(introduced for _, introduced, _ in group)
                mentions = sorted({m for _, _, spans in group for m in spans})
            count = len(mentions) or 1
            ev = _spans_evidence(mentions) if evidence else []
            etype = type_of[nid]
            edges.append((nid, "mentions", {"relation": "mentions", "count": count, "evidence": ev}))
            if introduced:
                edges.append((nid, "introduces", {"relation": "introduces", "evidence": ev}))
            elif etype == "Benchmark":
                edges.append((nid, "evaluates_on", {"relation": "evaluates_on", "count": count, "evidence": ev}))
            if etype == "Model":
                models.append(nid)
                mentions_of[nid] = mentions
            elif etype == "Benchmark":
                benches.append(nid)
                mentions_of[nid] = mentions
        pairs = []
        if models and benches:  # most papers have not both: no sentence sets to make
            sets = {n: {m[2] for m in ms} for n, ms in mentions_of.items()}
            for m in models:
                for b in benches:
                    shared = len(sets[m] & sets[b])
                    if shared:
                        pairs.append((m, b, shared))
        per_edge: dict[tuple[str, str], tuple[int, list[dict[str, Any]]]] = {}
        for url, kind, count, spans in links:
            target, relation, _ = _link_target(url, kind)
            old_count, old_evidence = per_edge.get((target, relation), (0, []))
            per_edge[(target, relation)] = (old_count + count, (old_evidence + _spans_evidence(spans))[:_MAX_EVIDENCE])
        for target, relation in sorted(per_edge):
            count, ev = per_edge[(target, relation)]
            edges.append((target, relation, {"relation": relation, "count": count, "evidence": ev if evidence else []}))
        edges.sort(key=lambda e: (e[0], e[1]))
        return edges, pairs

    def resolution(self) -> dict[str, tuple[str, str]]:
        """Return each entity's node id before merging (:func:`entity_node_id`) -> (its node id, that node's type).

        >>> from kgraph.types import Paper, Entity, PaperExtraction
        >>> b = GraphBuilder()
        >>> b.add(PaperExtraction(Paper("p1", "T", "A"), (Entity("BERTs", "Model", aliases=("BERT",)), Entity("BERT", "Model"))))
        >>> b.view().resolution()
        {'model:bert': ('model:bert', 'Model'), 'model:berts': ('model:bert', 'Model')}
        """
        return {base: (nid, self._type_of[nid]) for base, nid in sorted(self._resolved.items())}

    def extractions(self) -> Iterator[PaperExtraction]:
        """Yield the papers' extractions as they were added, in paper node order (read back from the spool).

        A link keeps at most its first five mentions (the spool keeps no more).

        >>> from kgraph.types import Paper, Entity, PaperExtraction
        >>> b = GraphBuilder()
        >>> b.add(PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model", aliases=("GPT4",)),)))
        >>> [x.entities[0].aliases for x in b.view().extractions()]
        [('GPT4',)]
        """
        for pid in self._pids:
            _, attrs, ents, links, names = self._record(pid)
            title, abstract, url, arxiv_id, date, authors, source = attrs
            paper = Paper(pid.removeprefix("paper:"), title, abstract, arxiv_id or None, url or None, date or None, tuple(authors), source or None)
            entities = tuple(
                Entity(name, etype, introduced, aliases, tuple(Mention(*span) for span in spans), family or None)
                for (_, introduced, spans), (name, etype, aliases, family) in zip(ents, names)
            )
            found = tuple(Link(url, kind, tuple(Mention(*span) for span in spans)) for url, kind, _, spans in links)
            yield PaperExtraction(paper, entities, found)

    # -- the networkx-like interface ----------------------------------------------------------

    def _order(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted([*self.entities.nodes, *self._pids])
        return self._sorted

    def _node(self, node: str) -> dict[str, Any]:
        if node in self._pid_set:
            return self._paper_node(node)
        return self.entities.nodes[node]

    def __contains__(self, node: object) -> bool:
        return node in self._pid_set or node in self.entities

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return self.number_of_nodes()

    def number_of_nodes(self) -> int:
        return len(self._pids) + self.entities.number_of_nodes()

    def number_of_edges(self) -> int:
        return sum(self._relations.values())

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def out_edges(self, node: str, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        """Yield the node's out-edges sorted by (target, key), as networkx would with these flags."""
        if node in self._pid_set:
            items = [(node, target, key, attrs) for target, key, attrs in self._paper_edges(node)[0]]
        else:
            items = sorted(self.entities.out_edges(node, keys=True, data=True), key=lambda e: (e[1], e[2]))
        for u, v, k, d in items:
            yield (u, v) + ((k,) if keys else ()) + ((d,) if data else ())

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        """Yield every edge sorted by (source, target, key)."""
        entity_sources = sorted({u for u, _ in self.entities.edges()})
        sources = heapq.merge(entity_sources, self._pids)
        for u in sources:
            yield from self.out_edges(u, keys=keys, data=data)

    def type_counts(self) -> Counter:
        """Return the number of nodes of each type."""
        counts = Counter(str(d.get("type", "Other")) for _, d in self.entities.nodes(data=True))
        if self._pids:
            counts["Paper"] += len(self._pids)
        return counts

    def relation_counts(self) -> Counter:
        """Return the number of edges of each relation."""
        return Counter(self._relations)

    def degrees(self) -> tuple[dict[str, int], Any]:
        """Return (entity node -> number of neighbours, paper node -> number of neighbours)."""
        E = self.entities
        nbrs = neighbour_sets(E)  # most things have no neighbour among the entities
        papers, none = self._entity_papers, ()
        entity_degree = {node: len(nbrs.get(node, none)) + len(papers.get(node, none)) for node in E}
        paper_degree = dict(zip(self._pids, self._paper_degree))
        return entity_degree, paper_degree

    def papers_of(self, node: str) -> list[str]:
        """Return the papers with an edge to ``node``."""
        return [self._pids[i] for i in self._entity_papers.get(node, ())]

    def subgraph_networkx(self, nodes: Iterable[str]) -> nx.MultiDiGraph:
        """Return the nodes and every edge among them as a ``networkx.MultiDiGraph``."""
        keep = sorted(set(nodes))
        wanted = set(keep)
        H = nx.MultiDiGraph()
        H.graph.update(self.graph)
        for node in keep:
            H.add_node(node, **self._node(node))
        for node in keep:
            for u, v, k, d in self.out_edges(node, keys=True, data=True):
                if v in wanted:
                    H.add_edge(u, v, key=k, **d)
        return H

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return the whole graph as a ``networkx.MultiDiGraph`` (in memory)."""
        G = nx.MultiDiGraph()
        G.graph.update(self.graph)
        for pid in self._pids:
            G.add_node(pid, **self._paper_node(pid))
        G.add_nodes_from(self.entities.nodes(data=True))
        G.add_edges_from(self.entities.edges(keys=True, data=True))
        for pid in self._pids:
            for target, key, attrs in self._paper_edges(pid)[0]:
                G.add_edge(pid, target, key=key, **attrs)
        return G


def build_graph(extractions: Iterable[PaperExtraction]) -> nx.MultiDiGraph:
    """Return the knowledge graph of the extractions (see the module docstring)."""
    builder = GraphBuilder()
    for extraction in extractions:
        builder.add(extraction)
    return builder.build()
