"""The interactive HTML export: escaping, self-containment, determinism, truncation, legend."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kgraph.errors import ExportError
from kgraph.export.html import TYPE_STYLES, script_json, select_nodes, to_html, write_html
from kgraph.graph import build_graph
from kgraph.layout import force_layout

from support.html import XSS_TITLE, big_graph, make_extractions, make_graph

ROOT = Path(__file__).resolve().parent.parent


def data_block(page: str, block: str):
    match = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, re.S)
    assert match, block
    return json.loads(match.group(1))


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        for name in ("src", "href"):
            if tag in ("script", "link", "img", "iframe", "embed", "source") and attrs.get(name):
                self.urls.append(attrs[name])


def test_html_escapes_untrusted_text():
    page = to_html(make_graph())
    assert XSS_TITLE not in page
    assert "<script>alert(2)" not in page
    assert "<b>GPT-4</b>" not in page
    assert "\u2028" not in page and "\u2029" not in page
    # The data still round-trips exactly, as text.
    nodes = {n["id"]: n for n in data_block(page, "kg-nodes")}
    assert nodes["paper:p2"]["name"] == XSS_TITLE
    assert nodes["paper:p2"]["label"] == XSS_TITLE
    assert "</script><script>alert(2)</script>" in nodes["paper:p2"]["excerpt"]
    edges = data_block(page, "kg-edges")
    assert any("We use <b>GPT-4</b> & friends." in e.get("evidence", []) for e in edges)
    # Only the page's own scripts: none has a src, none is a data block we did not write.
    parser = _Resources()
    parser.feed(page)
    assert [s.get("type") for s in parser.scripts] == ["application/json"] * 4 + [None, None]


def test_html_script_json_escapes_breakout_characters():
    text = script_json(["</script>", "<!--", "&amp;", "\u2028\u2029", "é"])
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == ["</script>", "<!--", "&amp;", "\u2028\u2029", "é"]


def test_html_page_title_is_escaped():
    page = to_html(make_graph(), title="<script>alert(4)</script> graph")
    assert "<script>alert(4)" not in page
    assert "<title>&lt;script&gt;alert(4)&lt;/script&gt; graph</title>" in page


def test_html_has_no_remote_resources():
    page = to_html(make_graph())
    parser = _Resources()
    parser.feed(page)
    assert not [u for u in parser.urls if re.match(r"(?i)^(https?:)?//", u)]
    assert parser.urls == []  # everything is inline
    for cdn in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis"):
        assert cdn not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "vis-network" in page and "new vis.Network" in page


def test_html_does_not_link_javascript_urls():
    nodes = {n["id"]: n for n in data_block(to_html(make_graph()), "kg-nodes")}
    assert nodes["paper:p2"]["url"] == ""
    assert nodes["paper:p1"]["url"] == "https://arxiv.org/abs/2307.09288"
    assert nodes["repo:github.com/facebookresearch/llama"]["url"] == "https://github.com/facebookresearch/llama"


def _reversed_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for node in reversed(list(G.nodes)):
        H.add_node(node, **G.nodes[node])
    for u, v, k, d in reversed(list(G.edges(keys=True, data=True))):
        H.add_edge(u, v, key=k, **d)
    return H


def test_html_is_deterministic():
    G = make_graph()
    page = to_html(G)
    assert to_html(G) == page
    assert to_html(_reversed_copy(G)) == page
    assert to_html(build_graph(list(reversed(make_extractions())))) == page


def test_html_is_byte_identical_across_processes(tmp_path):
    code = (
        "import sys, hashlib; sys.path.insert(0, {tests!r}); sys.path.insert(0, {root!r});"
        "from support.html import make_graph; from kgraph.export.html import to_html;"
        "print(hashlib.sha256(to_html(make_graph()).encode()).hexdigest())"
    ).format(tests=str(Path(__file__).parent), root=str(ROOT))
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(to_html(make_graph()).encode()).hexdigest()}


def test_html_has_no_timestamps_or_random_ids():
    page = to_html(make_graph())
    page = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # vis-network's own code aside
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", page)
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", page)


def test_html_truncates_above_max_nodes_and_says_so():
    G = big_graph()
    assert G.number_of_nodes() == 40 + 40 + 2
    page = to_html(G, max_nodes=30)
    nodes = data_block(page, "kg-nodes")
    assert len(nodes) == 30
    ids = {n["id"] for n in nodes}
    assert "model:hubnet" in ids  # the most connected entity is kept...
    assert all(e["from"] in ids and e["to"] in ids for e in data_block(page, "kg-edges"))
    assert sum(n["type"] == "Paper" for n in nodes) == 29  # ...with the papers attached to it
    notice = re.search(r'<div id="kg-notice" role="note">(.*?)</div>', page, re.S).group(1)
    assert "Showing 30 of 82 nodes" in notice
    assert "raise --max-nodes" in notice and "82" in notice
    assert "Left out: 40 models, 11 papers, 1 benchmark." in notice
    meta = data_block(page, "kg-meta")
    assert (meta["shown"], meta["total"]) == (30, 82)


def test_left_out_notice_names_each_type_in_plain_words():
    from collections import Counter

    from kgraph.export.html import _left_out_notice

    totals = Counter({"Paper": 5, "Repository": 3, "GitHubOwner": 1, "Link": 2})
    notice = _left_out_notice(totals, Counter({"Paper": 4}), ["p"] * 4)
    assert "Left out: 3 GitHub repositories, 2 other links, 1 GitHub owner, 1 paper." in notice


def test_html_has_no_notice_when_everything_fits():
    page = to_html(big_graph(), max_nodes=82)
    assert 'id="kg-notice"' not in page
    assert len(data_block(page, "kg-nodes")) == 82


def test_html_select_nodes_prefers_connected_entities():
    G = big_graph()
    kept = select_nodes(G, 3)
    assert kept[0] == "model:hubnet" and len(kept) == 3
    assert select_nodes(G, 10_000) == sorted(G.nodes)
    with pytest.raises(ExportError, match="max_nodes"):
        select_nodes(G, 0)


def test_html_legend_lists_every_type_present():
    page = to_html(make_graph())
    legend = re.search(r'<section id="kg-legend".*?</section>', page, re.S).group(0)
    types = {d["type"] for _, d in make_graph().nodes(data=True)}
    assert types == {"Paper", "Model", "Dataset", "Benchmark", "Repository", "GitHubOwner", "Link"}
    for t in types:
        assert f'data-type="{t}"' in legend
        assert TYPE_STYLES[t][0] in legend
        assert f'<input type="checkbox" class="kg-type-toggle" data-type="{t}" checked>' in legend
    options = data_block(page, "kg-options")
    assert {t: options["groups"][t]["shape"] for t in types} == {t: TYPE_STYLES[t][2] for t in types}


def test_html_sizes_entities_by_mentions():
    nodes = {n["id"]: n for n in data_block(to_html(make_graph()), "kg-nodes")}
    assert nodes["model:gpt4"]["mentions"] == 4
    assert nodes["model:gpt4"]["size"] > nodes["data:mmlu"]["size"]
    assert nodes["model:gpt4"]["aliases"] == ["GPT4"]


def test_html_physics_follows_size_unless_forced():
    assert data_block(to_html(make_graph()), "kg-options")["physics"]["enabled"] is True
    assert data_block(to_html(make_graph(), physics=False), "kg-options")["physics"]["enabled"] is False
    big = big_graph(200)
    assert data_block(to_html(big), "kg-options")["physics"]["enabled"] is False


def test_html_write_html_is_utf8(tmp_path):
    path = tmp_path / "out" / "graph.html"
    write_html(make_graph(), path, title="Graphe é")
    raw = path.read_bytes()
    assert raw.decode("utf-8") == to_html(make_graph(), title="Graphe é")
    assert b"\r\n" not in raw


def test_html_empty_graph():
    page = to_html(nx.MultiDiGraph())
    assert data_block(page, "kg-nodes") == [] and data_block(page, "kg-edges") == []


def test_html_layout_is_deterministic_and_separates_nodes():
    G = big_graph(60)
    pos = force_layout(G)
    assert pos == force_layout(_reversed_copy(G))
    assert len(set(pos.values())) == len(pos)
    assert all(isinstance(c, int) for xy in pos.values() for c in xy)
    assert force_layout(nx.MultiDiGraph()) == {}
