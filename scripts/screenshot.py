"""Regenerate docs/screenshot.png: the sample corpus's graph page in headless Chromium.

Builds the sample graph (``load_corpus`` → ``extract`` → ``build_graph``),
writes it with :func:`kgraph.export.html.write_html`, opens it offline in the
system Chromium, searches for a well-known model so the side panel and the
neighbour highlight show, and saves a screenshot.

Example: .venv/bin/python scripts/screenshot.py --focus GPT-4 -o docs/screenshot.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kgraph.corpus import load_corpus  # noqa: E402
from kgraph.export.browser import block_network, launch_chromium  # noqa: E402
from kgraph.export.html import write_html  # noqa: E402
from kgraph.extract import extract  # noqa: E402
from kgraph.graph import build_graph  # noqa: E402



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    ap.add_argument("--focus", default="GPT-4", help="name or alias to search for (default: GPT-4)")
    ap.add_argument("--scale", type=float, default=0.85, help="zoom level around the focused node")
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    G = build_graph(extract(load_corpus()))
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "graph.html"
        write_html(G, page_path, title="kgraph — sample corpus")
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
            blocked = block_network(page)
            page.goto(page_path.as_uri())
            page.wait_for_function("window.kgraph && window.kgraph.readyMs !== null", timeout=60_000)
            if args.focus:
                page.fill("#kg-search", args.focus)
                page.press("#kg-search", "Enter")
                page.wait_for_timeout(600)
                page.evaluate(
                    """scale => {
                        const k = window.kgraph, n = k.network, id = k.selected;
                        if (!id) { return; }
                        const panel = document.getElementById('kg-panel');
                        n.moveTo({position: n.getPosition(id), scale: scale,
                                  offset: {x: -panel.offsetWidth / 2, y: 0}});
                    }""",
                    args.scale,
                )
                page.evaluate("document.activeElement.blur()")
            page.wait_for_timeout(500)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output))
            browser.close()
        if blocked:
            raise SystemExit(f"the page tried to reach the network: {blocked[:3]}")
    print(f"wrote {args.output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")


if __name__ == "__main__":
    main()
