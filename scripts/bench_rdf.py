"""Benchmark RDF writing and querying: pyoxigraph (what kgraph uses) against rdflib.

Builds a synthetic graph of about ``--triples`` RDF triples (default 200,000),
then times, on the same triples:

- writing Turtle: kgraph's streaming ``write_rdf`` (pyoxigraph serializer) vs
  building an rdflib Graph (``to_rdf``) and ``Graph.serialize``;
- one GROUP BY query (the ``top-models`` named query) on a pyoxigraph Store vs
  on the rdflib Graph.

Usage: python scripts/bench_rdf.py [--triples 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rdflib

from kgraph.export.rdf import iter_triples, to_rdf, to_store, write_rdf
from kgraph.graph import build_graph
from kgraph.query import named_query, select
from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction
from _machine import cpu_model

TRIPLES_PER_PAPER = 99  # about, for the papers below


def synthetic(papers: int) -> list[PaperExtraction]:
    """Return papers mentioning 300 models, 50 benchmarks and 80 datasets, with evidence and links."""
    out = []
    for i in range(papers):
        m1, m2, b1, b2, d = f"M{i % 300}", f"M{(i + 1) % 300}", f"Bench{i % 50}", f"Bench{(i + 7) % 50}", f"D{i % 80}"
        s = f"Model {m1} beats {m2} on {b1} and {b2} using {d}."

        def at(name: str) -> tuple[Mention, ...]:
            return (Mention(s.index(name), s.index(name) + len(name), s, name),)

        ents = (
            Entity(m1, "Model", mentions=at(m1)),
            Entity(m2, "Model", mentions=at(m2)),
            Entity(b1, "Benchmark", mentions=at(b1)),
            Entity(b2, "Benchmark", mentions=at(b2)),
            Entity(d, "Dataset", introduced=i % 5 == 0, mentions=at(d)),
        )
        links = (Link(f"https://github.com/o{i % 40}/r{i}", "github"),)
        out.append(PaperExtraction(Paper(f"p{i}", f"Paper {i}", s, date="2024-03-13"), ents, links))
    return out


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _rdflib_turtle_child(papers: int, path: str) -> None:
    """Time rdflib's Turtle serializer alone (run in a subprocess so it can be given a time limit)."""
    rdf = to_rdf(build_graph(synthetic(papers)))
    start = time.perf_counter()
    rdf.serialize(path, format="turtle")
    print(time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-turtle-timeout", type=float, default=900, help="seconds (rdflib's Turtle writer is slow)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _rdflib_turtle_child(int(args.child[0]), args.child[1])
        return

    papers = max(1, args.triples // TRIPLES_PER_PAPER)
    G = build_graph(synthetic(papers))
    n = sum(1 for _ in iter_triples(G))
    out = Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    query = named_query("top-models")

    rows: list[tuple[str, str, float | None]] = []
    rows.append(("generate triples (iter_triples)", "kgraph", best(lambda: sum(1 for _ in iter_triples(G)), args.repeat)))
    rows.append(("write Turtle, streamed", "pyoxigraph", best(lambda: write_rdf(G, out / "a.ttl"), args.repeat)))
    rows.append(("write N-Triples, streamed", "pyoxigraph", best(lambda: write_rdf(G, out / "a.nt"), args.repeat)))
    rows.append(("build rdflib Graph (to_rdf)", "rdflib", best(lambda: to_rdf(G), 1)))
    rdf = to_rdf(G)
    rows.append(("serialize N-Triples (Graph)", "rdflib", best(lambda: rdf.serialize(out / "b.nt", format="nt", encoding="utf-8"), 1)))
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(papers), str(out / "b.ttl")],
            capture_output=True, text=True, timeout=args.rdflib_turtle_timeout, check=True,
        )
        turtle: float | None = float(result.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        turtle = None
    rows.append(("serialize Turtle (Graph)", "rdflib", turtle))
    rows.append(("write Turtle = to_rdf + serialize", "rdflib", None if turtle is None else rows[3][2] + turtle))
    store = to_store(G)
    rows.append(("GROUP BY query (top-models)", "pyoxigraph", best(lambda: select(store, query), args.repeat)))
    rows.append(("GROUP BY query (top-models)", "rdflib", best(lambda: list(rdf.query(query)), args.repeat)))
    a = select(store, query)[1]
    b = [[None if v is None else str(v) for v in r] for r in rdf.query(query)]

    print(f"machine: nproc={os.cpu_count()}, CPU {cpu_model()}, Python {platform.python_version()}, "
          f"pyoxigraph {ox_version()}, rdflib {rdflib.__version__}")
    print(f"graph: {papers:,} papers, {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges -> {n:,} triples; "
          f"Turtle {os.path.getsize(out / 'a.ttl') / 1e6:.1f} MB; both libraries give the same query rows: {a == b}")
    print()
    print(f"{'task':36} {'library':11} {'seconds':>9} {'triples/s':>11}")
    print("-" * 70)
    for task, lib, secs in rows:
        if secs is None:
            print(f"{task:36} {lib:11} {'>' + format(args.rdflib_turtle_timeout, 'g'):>9} {'(timeout)':>11}")
        else:
            print(f"{task:36} {lib:11} {secs:9.2f} {n / secs:11,.0f}")
    shutil.rmtree(out, ignore_errors=True)


def ox_version() -> str:
    from importlib.metadata import version

    return version("pyoxigraph")


if __name__ == "__main__":
    main()
