"""The HTML page in headless Chromium, offline: drawing, search, filters, side panel, escaping.

Needs the Debian ``chromium`` package and Playwright for Python (no
``playwright install``: the system browser is used). Every request that is
not ``file:`` or ``data:`` is aborted and counted; a test fails if there is any.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kgraph.export.browser import CHROMIUM, block_network, launch_chromium
from kgraph.export.html import write_html

from support.html import XSS_TITLE, big_graph, make_graph


pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


@pytest.fixture(scope="module")
def browser():
    # CI sets KGRAPH_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
    missing = pytest.fail if os.environ.get("KGRAPH_REQUIRE_BROWSER") else pytest.skip
    if sync_playwright is None:
        missing("Playwright for Python is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


class Opened:
    """A page opened offline, with what it logged, tried to fetch and popped up."""

    def __init__(self, browser, path: Path, *, wait_ready: bool = True) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        self.requests = block_network(page)
        page.goto(path.as_uri())
        if wait_ready:
            page.wait_for_function("window.kgraph && window.kgraph.readyMs !== null", timeout=60_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Centre the view on a node (panel and legend out of the way) and return its page coordinates."""
        self.js("id => { const n = window.kgraph.network; n.moveTo({position: n.getPosition(id), scale: 1.5}); }", node_id)
        self.page.wait_for_timeout(100)
        return self.js(
            """id => {
                const n = window.kgraph.network, p = n.canvasToDOM(n.getPosition(id));
                const r = document.getElementById('kg-network').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            node_id,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser, tmp_path):
    pages = []

    def open_graph(G, **kwargs):
        path = tmp_path / f"graph{len(pages)}.html"
        write_html(G, path, **kwargs)
        pages.append(Opened(browser, path))
        return pages[-1]

    yield open_graph
    for p in pages:
        assert p.requests == [], f"the page tried to reach the network: {p.requests}"
        assert p.dialogs == [], f"the page opened dialogs: {p.dialogs}"
        p.close()


def test_browser_draws_every_node_offline(opened):
    G = make_graph()
    page = opened(G)
    assert page.errors == []
    assert page.js("window.kgraph.network.body.data.nodes.length") == G.number_of_nodes()
    drawn = page.js("Object.keys(window.kgraph.network.body.nodes).length")
    assert drawn == G.number_of_nodes()
    assert sorted(page.js("window.kgraph.visibleNodeIds()")) == sorted(G.nodes)
    assert page.js("document.querySelectorAll('#kg-legend .kg-legend-row').length") == 7


def test_browser_search_focuses_node_by_alias(opened):
    page = opened(make_graph(), physics=False)
    page.page.fill("#kg-search", "gpt4")
    first = page.js("document.querySelector('#kg-results li').dataset.node")
    assert first == "model:gpt4"
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_timeout(700)  # the focus animation
    assert page.js("window.kgraph.selected") == "model:gpt4"
    assert page.js("window.kgraph.network.getSelectedNodes()") == ["model:gpt4"]
    assert page.js("document.querySelector('#kg-panel .kg-panel-title').textContent") == "GPT-4"
    # The view moved to the node (left of centre, to clear the side panel).
    view = page.js("window.kgraph.network.getViewPosition()")
    node = page.js("window.kgraph.network.getPosition('model:gpt4')")
    assert abs(view["y"] - node["y"]) < 5
    assert 0 < view["x"] - node["x"] < 400
    # Another alias form, and the canonical name.
    assert page.js("window.kgraph.search('Llama-2')")[0] == "model:llama2"
    assert page.js("window.kgraph.search('llama 2 7b')")[0] == "model:llama27b"
    assert page.errors == []


def test_browser_type_checkbox_hides_its_nodes(opened):
    G = make_graph()
    page = opened(G)
    models = {n for n, d in G.nodes(data=True) if d["type"] == "Model"}
    page.page.click('label.kg-legend-row[data-type="Model"]')
    visible = set(page.js("window.kgraph.visibleNodeIds()"))
    assert visible == set(G.nodes) - models
    assert page.js("window.kgraph.network.body.data.nodes.length") == G.number_of_nodes() - len(models)
    assert not models & set(page.js("window.kgraph.network.body.nodeIndices"))
    page.page.click('label.kg-legend-row[data-type="Model"]')
    assert set(page.js("window.kgraph.visibleNodeIds()")) == set(G.nodes)
    assert page.errors == []


def test_browser_min_mentions_hides_rare_entities(opened):
    G = make_graph()
    page = opened(G)
    page.page.fill("#kg-min-mentions", "2")
    visible = set(page.js("window.kgraph.visibleNodeIds()"))
    expected = {n for n, d in G.nodes(data=True) if d["type"] == "Paper" or d.get("mentions", 0) >= 2}
    assert visible == expected
    assert "model:gpt4" in visible and "data:mmlu" not in visible
    page.page.fill("#kg-min-mentions", "0")
    assert len(page.js("window.kgraph.visibleNodeIds()")) == G.number_of_nodes()


def test_browser_click_paper_opens_panel_with_github_link(opened):
    G = make_graph()
    page = opened(G, physics=False)
    x, y = page.node_point("paper:p1")
    page.page.mouse.click(x, y)
    page.page.wait_for_selector("#kg-panel:not([hidden])")
    panel = page.page.locator("#kg-panel")
    assert panel.locator(".kg-panel-title").text_content() == "Llama 2: Open Foundation Models"
    assert "We introduce Llama 2." in panel.locator(".kg-excerpt").text_content()
    link = panel.locator('a[href="https://github.com/facebookresearch/llama"]')
    assert link.count() == 1
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel").split()
    assert panel.locator('a[href="https://arxiv.org/abs/2307.09288"]').count() == 1
    # Neighbours highlighted, the rest dimmed.
    opacity = page.js("Object.fromEntries(window.kgraph.nodes.get().map(n => [n.id, n.opacity]))")
    neighbours = set(G.successors("paper:p1")) | {"paper:p1"}
    assert {n for n, o in opacity.items() if o == 1} == neighbours
    assert all(opacity[n] < 1 for n in G if n not in neighbours)
    # An entity's panel lists its papers with their evidence, and navigates to them.
    page.page.click('#kg-panel button.kg-node-link[data-node="model:gpt4"]')
    assert panel.locator(".kg-panel-title").text_content() == "GPT-4"
    assert "GPT4" in panel.text_content()
    assert "Llama-2-7B beats GPT-4 on MMLU." in panel.locator(".kg-evidence").all_text_contents()
    assert panel.locator('button.kg-node-link[data-node="paper:p2"]').count() == 1
    page.page.click("#kg-panel-close")
    assert page.js("document.getElementById('kg-panel').hidden") is True
    assert page.errors == []


def test_browser_hostile_title_is_shown_as_text(opened):
    page = opened(make_graph(), physics=False)
    x, y = page.node_point("paper:p2")
    page.page.mouse.move(x, y)
    page.page.wait_for_timeout(800)  # the hover tooltip
    tooltip = page.js(
        "(() => { const t = document.querySelector('.vis-tooltip'); return t && [t.textContent, t.children.length]; })()"
    )
    page.page.mouse.click(x, y)
    page.page.wait_for_selector("#kg-panel:not([hidden])")
    assert page.js("document.querySelector('#kg-panel .kg-panel-title').textContent") == XSS_TITLE
    assert "</script><script>alert(2)</script>" in page.js("document.querySelector('#kg-panel .kg-excerpt').textContent")
    assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("document.querySelectorAll('#kg-panel script, #kg-panel b').length") == 0
    # No javascript: link was made from the paper's url.
    assert page.js("[...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length") == 0
    assert tooltip == ["Paper: " + XSS_TITLE, 0]  # vis-network's tooltip holds text, no elements
    page.page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.errors == []


def test_browser_truncated_page_draws_max_nodes_and_says_so(opened):
    G = big_graph()
    page = opened(G, max_nodes=30)
    assert page.js("window.kgraph.network.body.data.nodes.length") == 30
    notice = page.page.locator("#kg-notice").text_content()
    assert "Showing 30 of 82 nodes" in notice and "--max-nodes" in notice
    assert page.errors == []


def test_browser_sample_graph(opened, sample_graph):
    page = opened(sample_graph, title="kgraph sample")
    assert page.errors == []
    assert page.js("window.kgraph.network.body.data.nodes.length") == sample_graph.number_of_nodes()
    papers = sorted(n for n, d in sample_graph.nodes(data=True) if d["type"] == "Paper" and any(
        sample_graph.nodes[t]["type"] == "Repository" for t in sample_graph.successors(n)))
    assert papers, "the sample has papers with GitHub code"
    page.js("id => window.kgraph.select(id)", papers[0])
    assert page.page.locator('#kg-panel a[href^="https://github.com/"]').count() >= 1
