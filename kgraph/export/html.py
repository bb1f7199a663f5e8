"""Write the knowledge graph as one self-contained interactive HTML page.

Stage contract: the graph of :mod:`kgraph.graph` in (a ``networkx.MultiDiGraph``
or a :class:`~kgraph.graph.GraphView`, of which only the papers drawn are read),
one HTML document out. The page is built by a pyvis ``Network`` rendered with
kgraph's own template (``templates/kgraph.html``); vis-network's script and
stylesheet are copied into the page from pyvis's package, so the file opens
offline and requests nothing from any network (its Content-Security-Policy
forbids it too).

What the page shows: one node per graph node, coloured and shaped by type
(see :data:`TYPE_STYLES`, also drawn as a legend), sized by how often the
entity is mentioned, at positions computed once in Python by
:func:`kgraph.layout.force_layout`; vis-network's physics only runs on small
graphs (``physics=None``). Clicking a node opens a side panel (a paper's
title, abstract excerpt and links; an entity's type, aliases and the papers
that mention it, with evidence sentences) and dims everything but its
neighbours. A search box finds a node by name or alias, checkboxes show or
hide each type, and a number box sets the minimum mentions an entity needs.

Above ``max_nodes`` nodes the page keeps the most connected entities and the
papers attached to them, and says what it left out.

All text in the graph comes from untrusted abstracts. It reaches the page only
as JSON inside ``<script type="application/json">`` blocks with ``<``, ``>``,
``&``, U+2028 and U+2029 escaped, and the page's script only ever puts it into
the document with ``textContent``, canvas labels and plain-text tooltips. The
same graph always gives byte-identical HTML.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
import pyvis
from pyvis.network import Network

from ..errors import ExportError
from ..graph import neighbour_sets
from ..layout import force_layout
from .files import atomic_write

__all__ = [
    "DEFAULT_MAX_NODES",
    "PHYSICS_MAX_NODES",
    "TYPE_STYLES",
    "select_nodes",
    "to_html",
    "write_html",
]

#: Nodes drawn at most, by default; above it the most connected entities (and their papers) are kept.
DEFAULT_MAX_NODES = 5000
#: With ``physics=None``, vis-network's physics runs only on graphs of at most this many nodes.
PHYSICS_MAX_NODES = 300

#: Per node type: (legend label, fill colour, vis-network shape).
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Paper": ("Paper", "#4c78a8", "square"),
    "Model": ("Model", "#f58518", "dot"),
    "Dataset": ("Dataset", "#54a24b", "diamond"),
    "Benchmark": ("Benchmark", "#e45756", "triangle"),
    "Repository": ("GitHub repository", "#7b4fa0", "hexagon"),
    "GitHubOwner": ("GitHub owner", "#9d755d", "triangleDown"),
    "Link": ("Other link", "#8c8c8c", "star"),
}
_OTHER_STYLE = ("Other", "#bab0ac", "dot")

_TEMPLATES = Path(__file__).parent / "templates"
_VIS_DIR = Path(Network.__init__.__code__.co_filename).parent / "templates" / "lib" / "vis-9.1.2"
_LABEL_MAX = 40
_EXCERPT_MAX = 320
_SENTENCE_MAX = 400
_AUTHORS_MAX = 6
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: Any) -> str:
    """Return ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    >>> script_json({"t": "</script><b>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(script_json({"t": "<&>"}))
    {'t': '<&>'}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


def _shorten(text: str, limit: int) -> str:
    """Return ``text`` on one line, cut at a word boundary to at most ``limit`` characters.

    >>> _shorten("A  long\\ntitle here", 12)
    'A long…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def _web_url(url: Any) -> str:
    """Return ``url`` if it is an http(s) URL, else ``""`` (no ``javascript:`` links from abstracts)."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[Any]:
    """Return the (sorted) nodes to draw: all of them, or the ``max_nodes`` most connected.

    Entities (every node that is not a paper) are ranked by number of
    neighbours, then mentions, then id; each is kept with the papers attached
    to it (those with most neighbours first) until ``max_nodes`` is reached.
    Papers attached to no entity come last.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, Entity, PaperExtraction as X
    >>> G = build_graph([X(Paper("a", "A", ""), (Entity("GPT-4", "Model"), Entity("MMLU", "Benchmark"))),
    ...                  X(Paper("b", "B", ""), (Entity("GPT-4", "Model"),)), X(Paper("c", "C", ""))])
    >>> select_nodes(G, 3)
    ['model:gpt4', 'paper:a', 'paper:b']
    """
    if max_nodes < 1:
        raise ExportError(f"max_nodes must be at least 1, not {max_nodes}")
    if G.number_of_nodes() <= max_nodes:
        return sorted(G.nodes)
    if hasattr(G, "papers_of"):  # a kgraph.graph.GraphView: degrees without reading every paper twice
        entity_degree, paper_degree = G.degrees()
        degree = {**entity_degree, **paper_degree}
        entities = list(entity_degree)
        papers = list(paper_degree)
        mentions = {n: int(m or 0) for n, m in G.entities.nodes(data="mentions")}
        papers_of = G.papers_of
    else:
        nbrs = neighbour_sets(G)
        degree = {node: len(nbrs.get(node, ())) for node in G}
        paper_set = {n for n, d in G.nodes(data=True) if d.get("type") == "Paper"}
        entities = [n for n in G if n not in paper_set]
        papers = [n for n in G if n in paper_set]
        mentions = {n: int(G.nodes[n].get("mentions") or 0) for n in entities}

        def papers_of(node: Any) -> list[Any]:
            return [n for n in nbrs.get(node, ()) if n in paper_set]

    def rank(node: Any) -> tuple[int, int, str]:
        return (-degree[node], -mentions.get(node, 0), str(node))

    # Every step adds one node and stops at max_nodes, so only the best max_nodes (minus those
    # kept) of each ranking can be reached: heapq.nsmallest gives them, in sorted(...)'s order
    # (ranks are unique: they end with the node id), without sorting a million papers.
    kept: dict[Any, None] = {}
    for entity in heapq.nsmallest(max_nodes, entities, key=rank):
        if len(kept) >= max_nodes:
            break
        kept[entity] = None
        for paper in heapq.nsmallest(max_nodes - len(kept), (n for n in papers_of(entity) if n not in kept), key=rank):
            kept[paper] = None
    if len(kept) < max_nodes:
        for paper in heapq.nsmallest(max_nodes - len(kept), (n for n in papers if n not in kept), key=rank):
            kept[paper] = None
    return sorted(kept, key=str)


def _node_size(data: dict[str, Any]) -> float:
    if data.get("type") == "Paper":
        return 12.0
    mentions = max(int(data.get("mentions") or 0), 0)
    return round(9 + 5 * math.log2(1 + mentions), 1)


def _vis_node(node: Any, data: dict[str, Any], xy: tuple[int, int]) -> dict[str, Any]:
    """Return the vis-network node for one graph node, with what the side panel shows."""
    ntype = str(data.get("type", ""))
    size = _node_size(data)
    out: dict[str, Any] = {
        "id": str(node),
        "group": ntype if ntype in TYPE_STYLES else "Other",
        "type": ntype,
        "size": size,
        "x": xy[0],
        "y": xy[1],
    }
    if size > 25:
        out["font"] = {"size": round(min(14 + (size - 25) * 0.6, 30))}
    if ntype == "Paper":
        title = str(data.get("title") or data.get("label") or node)
        out["label"] = _shorten(title, _LABEL_MAX)
        out["name"] = title
        out["excerpt"] = _shorten(data.get("abstract") or "", _EXCERPT_MAX)
        out["url"] = _web_url(data.get("url"))
        out["date"] = str(data.get("date") or "")
        authors = [str(a) for a in data.get("authors") or []]
        out["authors"] = authors[:_AUTHORS_MAX] + (["et al."] if len(authors) > _AUTHORS_MAX else [])
    else:
        name = str(data.get("name") or data.get("label") or node)
        out["label"] = _shorten(data.get("label") or name, _LABEL_MAX)
        out["name"] = name
        out["aliases"] = [str(a) for a in data.get("aliases") or []]
        out["mentions"] = int(data.get("mentions") or 0)
        if "papers" in data:
            out["papers"] = int(data.get("papers") or 0)
        url = _web_url(data.get("url"))
        if url:
            out["url"] = url
    return out


def _vis_edges(G: nx.MultiDiGraph, kept: set[Any]) -> list[dict[str, Any]]:
    """Return one vis-network edge per linked (source, target) pair, with its relations and evidence."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        if u not in kept or v not in kept:
            continue
        edge = pairs.setdefault((str(u), str(v)), {"from": str(u), "to": str(v), "relations": []})
        edge["relations"].append(str(data.get("relation", key)))
        for ev in data.get("evidence") or []:
            sentence = _shorten(ev.get("sentence", "") if isinstance(ev, dict) else ev, _SENTENCE_MAX)
            if sentence and sentence not in edge.setdefault("evidence", []):
                edge["evidence"].append(sentence)
        if data.get("count"):
            edge["count"] = max(edge.get("count", 0), int(data["count"]))
    edges = []
    for i, pair in enumerate(sorted(pairs)):
        edge = pairs[pair]
        edge["id"] = f"e{i}"
        edges.append(edge)
    return edges


def _options(physics: bool, n_nodes: int) -> dict[str, Any]:
    small = n_nodes <= 2000
    groups = {
        name: {"shape": shape, "color": {"background": colour, "border": "#ffffff",
                                         "highlight": {"background": colour, "border": "#111827"},
                                         "hover": {"background": colour, "border": "#111827"}}}
        for name, (_, colour, shape) in {**TYPE_STYLES, "Other": _OTHER_STYLE}.items()
    }
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {"size": 14, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                     "color": "#1f2937", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": small, "scaleFactor": 0.4}},
            "color": {"color": "#9aa5b1", "highlight": "#1f2937", "hover": "#4b5563", "opacity": 0.55},
            "selectionWidth": 1.5,
            "smooth": False,
            "width": 0.8,
        },
        "interaction": {
            "hideEdgesOnDrag": not small,
            "hideEdgesOnZoom": not small,
            "hover": small,
            "tooltipDelay": 250,
            "multiselect": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
    }


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    try:
        return {
            "vis_js": (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
            "vis_css": (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
            "app_js": (_TEMPLATES / "kgraph.js").read_text(encoding="utf-8"),
            "app_css": (_TEMPLATES / "kgraph.css").read_text(encoding="utf-8"),
        }
    except OSError as err:
        raise ExportError(f"can't read the HTML page's assets: {err}") from err


def _noun(label: str, count: int) -> str:
    """Return a legend label as a noun in running text, plural unless ``count`` is 1.

    >>> _noun("Model", 2), _noun("GitHub repository", 3), _noun("GitHub owner", 1)
    ('models', 'GitHub repositories', 'GitHub owner')
    """
    noun = label if label.startswith("GitHub") else label.lower()
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _left_out_notice(totals: Counter, shown: Counter, kept: list[Any]) -> str:
    total = sum(totals.values())
    if len(kept) >= total:
        return ""
    left = +(totals - shown)
    parts = ", ".join(
        f"{count:,} {_noun(TYPE_STYLES.get(t, (t,))[0], count)}" for t, count in sorted(left.items(), key=lambda item: (-item[1], item[0]))
    )
    return (
        f"Showing {len(kept):,} of {total:,} nodes: the most connected entities and the papers "
        f"that mention them. Left out: {parts}. To see everything, raise --max-nodes "
        f"(max_nodes=) to {total:,} or more, or filter the papers before building the graph."
    )


def to_html(
    G: nx.MultiDiGraph,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    physics: bool | None = None,
    title: str = "kgraph",
) -> str:
    """Return the graph as one self-contained interactive HTML page (see the module docstring).

    ``max_nodes`` caps the nodes drawn; ``physics`` turns vis-network's
    physics on or off (``None``: on up to :data:`PHYSICS_MAX_NODES` nodes);
    ``title`` is the page's title.

    >>> from kgraph.graph import build_graph
    >>> from kgraph.types import Paper, Entity, PaperExtraction
    >>> G = build_graph([PaperExtraction(Paper("p1", "<b>T</b>", "A."), (Entity("GPT-4", "Model"),))])
    >>> page = to_html(G)
    >>> page.startswith("<!DOCTYPE html>"), "<b>T</b>" in page, page == to_html(G)
    (True, False, True)
    """
    kept = select_nodes(G, max_nodes)
    if physics is None:
        physics = len(kept) <= PHYSICS_MAX_NODES
    if hasattr(G, "subgraph_networkx"):  # a kgraph.graph.GraphView: read only the kept papers
        sub = G.subgraph_networkx(kept)
        totals = G.type_counts()
    else:
        sub = G.subgraph(kept)
        totals = Counter(str(d.get("type", "Other")) for _, d in G.nodes(data=True))
    positions = force_layout(sub, kept)
    vis_nodes = [_vis_node(node, sub.nodes[node], positions[node]) for node in kept]
    vis_edges = _vis_edges(sub, set(kept))

    present = Counter(n["group"] for n in vis_nodes)
    shown = Counter(str(sub.nodes[n].get("type", "Other")) for n in kept)
    legend = [
        {"type": name, "label": label, "colour": colour, "shape": shape,
         "count": present.get(name, 0), "total": totals.get(name, 0)}
        for name, (label, colour, shape) in {**TYPE_STYLES, "Other": _OTHER_STYLE}.items()
        if present.get(name) or totals.get(name)
    ]
    max_mentions = max((n.get("mentions", 0) for n in vis_nodes), default=0)
    meta = {
        "physics": bool(physics),
        "shown": len(kept),
        "total": G.number_of_nodes(),
        "types": legend,
        "maxMentions": max_mentions,
    }

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.node_map = {n["id"]: n for n in vis_nodes}
    net.options = _options(bool(physics), len(kept))
    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    env.filters["script_text"] = lambda text: Markup(str(text).translate(_JSON_ESCAPES))
    env.globals.update(_assets())
    env.globals.update(
        kgraph_meta=meta,
        notice=_left_out_notice(totals, shown, kept),
        legend=legend,
        pyvis_version=getattr(pyvis, "__version__", ""),
        counts={"nodes": len(vis_nodes), "edges": len(vis_edges)},
    )
    net.templateEnv = env
    net.path = "kgraph.html"
    return net.generate_html()


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    physics: bool | None = None,
    title: str = "kgraph",
) -> None:
    """Write :func:`to_html` of the graph to ``path`` (UTF-8, atomically).

    >>> import tempfile, pathlib
    >>> from kgraph.graph import build_graph
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
    >>> write_html(build_graph([]), path)
    >>> "vis-network" in path.read_text(encoding="utf-8")
    True
    """
    page = to_html(G, max_nodes=max_nodes, physics=physics, title=title)
    with atomic_write(path) as handle:
        handle.write(page)
