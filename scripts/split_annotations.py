#!/usr/bin/env python3
"""Draw the frozen test, dev and training splits of the unlabeled abstracts, by arXiv id.

The draw is deterministic: each id is ordered by the SHA-256 of SEED + id, so the same
abstracts file always gives the same splits. The test set over-weights the newest papers
(the arXiv id's YYMM says when a paper was first submitted): 140 from 2026, 110 from 2025,
70 from 2024 and 80 from 2020-2023. Only ids are written; the texts stay where they are.

Usage: python scripts/split_annotations.py [../shared/unlabeled/abstracts.jsonl] [-o annotations/splits.json]
"""
import argparse
import hashlib
import json
from pathlib import Path

SEED = "kgraph-annotations-v1"
TEST_BY_YEAR = {"26": 140, "25": 110, "24": 70, "old": 80}
N_DEV = 200
# The first dev draw took no 2026 paper and few of 2025 (the test set had taken the first ones of those
# years in the hash order): a second draw of 200 from 2025-2026 joins it, from what no split had taken.
N_DEV_NEW = 200
N_TRAIN = 5200  # drawn in three rounds of annotation: the first 2,000, then 1,000, then the 2,200 left
N_DOUBLE_FROM = 2000  # the double-annotated sample is drawn from the first round
DOUBLE_SHARE = 10  # one training abstract in DOUBLE_SHARE of the first round is annotated twice


def order(arxiv_id: str) -> str:
    return hashlib.sha256((SEED + arxiv_id).encode()).hexdigest()


def year_bucket(arxiv_id: str) -> str:
    yy = arxiv_id[:2]
    return yy if yy in TEST_BY_YEAR else "old"


def split(ids: list[str]) -> dict:
    ranked = sorted(ids, key=order)
    test = []
    for bucket, n in TEST_BY_YEAR.items():
        test += [i for i in ranked if year_bucket(i) == bucket][:n]
    chosen = set(test)
    rest = [i for i in ranked if i not in chosen]
    dev, train = rest[:N_DEV], rest[N_DEV:N_DEV + 3000]
    double = train[:N_DOUBLE_FROM][::DOUBLE_SHARE]
    dev += [i for i in rest[N_DEV + 3000:] if year_bucket(i) in ("25", "26")][:N_DEV_NEW]
    taken = set(dev) | set(train)
    train += [i for i in rest if i not in taken][: N_TRAIN - 3000]  # the third round: what is left
    return {"seed": SEED, "test": sorted(test), "dev": sorted(dev), "train": sorted(train),
            "train_double": sorted(double), "unused": len(rest) - len(dev) - len(train)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("abstracts", nargs="?", default="../shared/unlabeled/abstracts.jsonl")
    ap.add_argument("-o", "--out", default="annotations/splits.json")
    args = ap.parse_args()
    with open(args.abstracts, encoding="utf-8") as f:
        ids = [json.loads(line)["arxiv_id"] for line in f if line.strip()]
    out = split(ids)
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print({k: (len(v) if isinstance(v, list) else v) for k, v in out.items()})


if __name__ == "__main__":
    main()
