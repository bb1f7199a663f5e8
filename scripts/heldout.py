#!/usr/bin/env python3
"""Print held-out figures for the extractor as a markdown table.

For each of the three sample listings, the gold papers of that listing
(matched by title) are scored alone: "developed on the other two, tested on
this one". Be clear about what that means here: the extractor is a rule
system plus word lists built from public packages, and nothing is trained, so
there is no fitting step to restrict to two listings. The rules were written
while looking at errors on the whole sample (all three listings), so a
per-listing score is only an estimate of how evenly the rules work across
listings, not a clean held-out test; hidden listings are the real test. The
last row scores the full dev set.

    python scripts/heldout.py [--gold ../shared/gold/dev.jsonl]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kgraph.corpus import load_corpus, sample_corpus_paths, title_key
from kgraph.evaluate import ROWS, read_gold, score
from kgraph.extract import extract, make_nlp
from kgraph.records import to_record

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = ap.parse_args()
    gold = read_gold(args.gold)
    nlp = make_nlp()
    paths = sample_corpus_paths()
    preds = [to_record(x) for x in extract(load_corpus(paths), nlp)]
    # each paper belongs to the first listing it appears in (as load_corpus dedupes)
    seen: set[str] = set()
    split_of: dict[str, str] = {}
    for path in paths:
        for paper in load_corpus([path]):
            k = title_key(paper.title)
            if k not in seen:
                seen.add(k)
                split_of[k] = path.stem
    header = "| test listing (rules fixed) | papers | " + " | ".join(f"{r} F1" for r in ROWS) + " |"
    print(header)
    print("|" + "---|" * (len(ROWS) + 2))
    for path in paths:
        g = [r for r in gold if split_of.get(title_key(r["title"])) == path.stem]
        res, _ = score(g, preds)
        print(f"| {path.stem} | {len(g)} | " + " | ".join(f"{res[r]['F1']:.3f}" for r in ROWS) + " |")
    res, _ = score(gold, preds)
    print(f"| full dev | {len(gold)} | " + " | ".join(f"{res[r]['F1']:.3f}" for r in ROWS) + " |")


if __name__ == "__main__":
    main()
