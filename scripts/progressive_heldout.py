#!/usr/bin/env python3
"""Held-out figures that are held out: each set scored by the rules as they were before anyone saw it.

The rules were developed in rounds, each on a new annotated set, and each set
was scored once by the rules of the round before, before its errors were read:

1. the rules as of commit ``eaa7032`` (written on the three sample listings) on
   ``tests/data/dev2`` (80 abstracts, then used for round 2);
2. the rules as of commit ``7e4c004`` (sample + dev2) on ``tests/data/dev3``
   (90 abstracts in daily-listing style, then used for round 3);
3. the rules as of commit ``87754bb`` (sample + dev2 + dev3) on
   ``tests/data/dev4`` (90 invented listing-style abstracts, then used for round 4);
4. the rules as of commit ``4b937b1`` (sample + dev2 + dev3 + dev4) on
   ``tests/data/dev5`` (90 listing-style abstracts, a third based on real papers,
   then used for round 5);
5. the rules as of commit ``cb080c2`` (sample + dev2 + dev3 + dev4 + dev5) on
   ``tests/data/dev6`` (90 listing-style abstracts of 2019-2024, half based on
   real papers, then used for round 6);
6. the current rules (all of the above) on ``tests/data/independent``
   (40 abstracts whose errors nobody reads).

This script re-creates each row: it checks the old commit's ``kgraph``
package out into a temporary git worktree, runs its ``kgraph eval`` on the
set (files taken from the current tree) and prints one markdown table. It needs
the git history (a full clone) and the sample gold for the last line.

    python scripts/progressive_heldout.py [--gold ../shared/gold/dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kgraph.evaluate import ROWS  # noqa: E402  (the current score table's rows: old commits print the same)

DATA = ROOT / "tests" / "data"
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"

#: (rules developed on, commit of those rules or None for the working tree, set name, its folder, its gold and listing files)
ROUNDS = [
    ("3 sample listings", "eaa7032", "dev2", "dev2", ["gold-a.jsonl", "gold-b.jsonl"], ["listing-a.jsonl", "listing-b.jsonl"]),
    ("sample + dev2", "7e4c004", "dev3", "dev3", ["gold-c.jsonl", "gold-d.jsonl"], ["listing-c.jsonl", "listing-d.jsonl"]),
    ("sample + dev2 + dev3", "87754bb", "dev4", "dev4", ["gold-e.jsonl", "gold-f.jsonl"], ["listing-e.jsonl", "listing-f.jsonl"]),
    ("sample + dev2 + dev3 + dev4", "4b937b1", "dev5", "dev5", ["gold-g.jsonl", "gold-h.jsonl"], ["listing-g.jsonl", "listing-h.jsonl"]),
    ("sample + dev2 + dev3 + dev4 + dev5", "cb080c2", "dev6", "dev6", ["gold-i.jsonl", "gold-j.jsonl"], ["listing-i.jsonl", "listing-j.jsonl"]),
    ("sample + dev2 + dev3 + dev4 + dev5 + dev6 (current)", None, "independent", "independent", ["gold.jsonl"], ["listing.jsonl"]),
]


def _papers(gold: Path) -> int:
    return sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())


def _eval(source: Path, gold: Path, listings: list[Path]) -> dict:
    # A fixed hash seed: the older commits' rules broke ties between list members by set
    # order (fixed since), so their scores moved by a mention or two from run to run.
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, "-m", "kgraph", "eval", "--json", str(gold), *map(str, listings)]
    out = subprocess.run(cmd, env=env, cwd=source, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _row(label: str, tested: str, papers: int, scores: dict) -> str:
    return f"| {label} | {tested} | {papers} | " + " | ".join(f"{scores[r]['F1']:.3f}" for r in ROWS) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the sample's gold, for the last row")
    args = ap.parse_args()
    print("| rules developed on | scored on (unseen then) | papers | " + " | ".join(f"{r} F1" for r in ROWS) + " |")
    print("|" + "---|" * (len(ROWS) + 3))
    with tempfile.TemporaryDirectory(prefix="kgraph-heldout-") as tmp:
        for label, commit, name, folder, golds, listings in ROUNDS:
            gold = Path(tmp) / f"{name}-gold.jsonl"
            gold.write_text("".join((DATA / folder / g).read_text(encoding="utf-8") for g in golds), encoding="utf-8")
            papers = _papers(gold)
            source = ROOT
            if commit is not None:
                source = Path(tmp) / commit
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(source), commit],
                               check=True, capture_output=True)
            try:
                scores = _eval(source, gold, [DATA / folder / f for f in listings])
            finally:
                if commit is not None:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(source)], capture_output=True)
            print(_row(label, name, papers, scores), flush=True)
        if args.gold.exists():
            corpus = ROOT / "kgraph" / "data" / "corpus"
            scores = _eval(ROOT, args.gold, sorted(corpus.glob("*.txt")))
            print(_row("(for comparison: the sample itself, not held out)", "sample", _papers(args.gold), scores))


if __name__ == "__main__":
    main()
