#!/usr/bin/env python3
"""Measure extraction speed (abstracts per second) on one core.

Runs :func:`kgraph.extract.extract` over the sample corpus repeated
``--repeat`` times (paper ids made unique per copy so nothing is cached), in
one process, ``--runs`` times, and prints the machine (``nproc``, CPU model
from /proc/cpuinfo, load average) and a line the README can quote (the median
run). On a busy machine the process CPU-time rate is the steadier figure.

    python scripts/bench_extract.py [--repeat 20] [--runs 3] [--batch-size 256]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from dataclasses import replace

from kgraph.corpus import load_corpus
from kgraph.extract import extract, make_nlp
from _machine import cpu_model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()
    papers = list(load_corpus())
    work = [replace(p, id=f"{p.id}-{i}") for i in range(args.repeat) for p in papers]
    nlp = make_nlp()
    list(extract(papers[:10], nlp))  # warm up: load word lists, compile patterns
    walls, cpus = [], []
    n_ents = 0
    for _ in range(max(1, args.runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        n_ents = 0
        for ex in extract(work, nlp, batch_size=args.batch_size):
            n_ents += len(ex.entities)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    dt = statistics.median(walls)
    rate = len(work) / dt
    print(f"machine: nproc={os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), CPU: {cpu_model()}, Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")
    print(f"papers: {len(work)} ({len(papers)} sample abstracts x {args.repeat}), entities: {n_ents}, median time: {dt:.2f} s of {len(walls)} runs")
    print(f"runs (abstracts/s, wall): {', '.join(f'{len(work) / w:,.0f}' for w in walls)}; by process CPU time: {', '.join(f'{len(work) / c:,.0f}' for c in cpus)}")
    print(f"kgraph extract: {rate:,.0f} abstracts/s on one core ({cpu_model()})")


if __name__ == "__main__":
    main()
