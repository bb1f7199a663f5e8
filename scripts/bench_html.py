"""Measure the interactive HTML export on a large synthetic graph.

Builds a synthetic knowledge graph of about ``--nodes`` nodes with
``kgraph.graph.build_graph`` (papers that mention Zipf-distributed models,
datasets and benchmarks, some with GitHub and other links), then times

* ``layout``: :func:`kgraph.layout.force_layout` alone;
* ``write_html``: the whole :func:`kgraph.export.html.write_html` (layout included);
* ``first render``: opening the file in headless Chromium (network blocked)
  until vis-network has drawn the graph once (``window.kgraph.firstDrawMs``,
  measured from navigation start).

Prints a table and the machine (``nproc``, CPU model).

Example: .venv/bin/python scripts/bench_html.py --nodes 20000
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _machine import cpu_model  # noqa: E402
from kgraph.export.browser import CHROMIUM, block_network, launch_chromium  # noqa: E402
from kgraph.export.html import write_html  # noqa: E402
from kgraph.graph import build_graph  # noqa: E402
from kgraph.layout import force_layout  # noqa: E402
from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction  # noqa: E402



def synthetic_extractions(nodes: int, *, seed: int = 0) -> list[PaperExtraction]:
    """Return paper extractions whose graph has roughly ``nodes`` nodes."""
    rng = random.Random(seed)
    n_papers = int(nodes * 0.645)
    n_entities = int(nodes * 0.30)
    kinds = ["Model"] * 5 + ["Dataset"] * 2 + ["Benchmark"] * 3
    entities = [(f"Ent{i}-{['LM', 'Set', 'Bench'][i % 3]}", kinds[i % len(kinds)]) for i in range(n_entities)]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n_entities)]
    out = []
    for p in range(n_papers):
        title = f"Paper {p}: a study of scaling things"
        abstract = f"We study problem {p}. " + " ".join(f"Sentence {k} about results." for k in range(6))
        ents = []
        for name, etype in sorted(set(rng.choices(entities, weights, k=rng.randint(1, 6)))):
            sentence = f"We evaluate {name} on several tasks in paper {p}."
            ents.append(
                Entity(
                    name,
                    etype,
                    introduced=rng.random() < 0.05,
                    mentions=(Mention(10, 10 + len(name), sentence, name),) * rng.randint(1, 3),
                )
            )
        links = []
        if rng.random() < 0.06:
            url = f"https://github.com/owner{p % 997}/repo{p}"
            links.append(Link(url, "github", (Mention(0, 5, f"Code: {url}", url),)))
        if rng.random() < 0.02:
            url = f"https://example.org/project/{p}"
            links.append(Link(url, "other", (Mention(0, 5, f"See {url}", url),)))
        paper = Paper(f"p{p:06d}", title, abstract, url=f"https://arxiv.org/abs/2401.{p:05d}")
        out.append(PaperExtraction(paper, tuple(sorted(ents, key=lambda e: e.name)), tuple(links)))
    return out


def first_render_seconds(path: Path) -> tuple[float, float, int]:
    """Return (seconds to first draw, seconds until the edges are drawn too, nodes drawn) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        blocked = block_network(page)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgraph && window.kgraph.readyMs !== null", timeout=120_000)
        ms, ready = page.evaluate("[window.kgraph.firstDrawMs, window.kgraph.readyMs]")
        drawn = page.evaluate("window.kgraph.network.body.data.nodes.length")
        browser.close()
    if blocked:
        raise SystemExit(f"the page tried to reach the network: {blocked[:3]}")
    return ms / 1000, ready / 1000, drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=20000)
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium first-render measurement")
    args = ap.parse_args()

    t = time.perf_counter()
    G = build_graph(synthetic_extractions(args.nodes))
    t_build = time.perf_counter() - t
    counts = {}
    for _, d in G.nodes(data=True):
        counts[d["type"]] = counts.get(d["type"], 0) + 1

    t = time.perf_counter()
    force_layout(G)
    t_layout = time.perf_counter() - t

    tmp = Path(tempfile.mkdtemp())
    out = tmp / "graph.html"
    t = time.perf_counter()
    write_html(G, out, max_nodes=G.number_of_nodes())
    t_write = time.perf_counter() - t
    size_mb = out.stat().st_size / 1e6

    render, ready, drawn = (None, None, None)
    if not args.no_browser and Path(CHROMIUM).exists():
        render, ready, drawn = first_render_seconds(out)
    shutil.rmtree(tmp)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"machine: {platform.machine()}, nproc {os.cpu_count()}, {cpu_model()}, Python {platform.python_version()}, "
          f"load average {load}")
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    rows = [
        ("build_graph (not part of the export)", f"{t_build:.2f} s", ""),
        ("force_layout", f"{t_layout:.2f} s", ""),
        ("write_html (layout included)", f"{t_write:.2f} s", "target < 10 s"),
        ("HTML size", f"{size_mb:.1f} MB", ""),
        ("first render in headless Chromium", "skipped" if render is None else f"{render:.2f} s", "target < 5 s"),
        ("... edges drawn too", "skipped" if ready is None else f"{ready:.2f} s", "edges are added after the first frame above 20,000"),
        ("nodes drawn", "" if drawn is None else f"{drawn:,}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'time':>9}  note")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")


if __name__ == "__main__":
    main()
