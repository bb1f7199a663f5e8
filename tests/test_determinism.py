"""The same input gives byte-identical output in every process, whatever the interpreter's hash seed.

Set and dict-of-str iteration order changes with PYTHONHASHSEED, so an order
that leaks into a result shows up only across processes; these tests run the
CLI in subprocesses with different seeds.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"
LISTINGS = [
    *sorted(CORPUS.glob("*.txt")),
    *sorted((DATA / "dev2").glob("listing-*.jsonl")),
    *sorted((DATA / "dev3").glob("listing-*.jsonl")),
    *sorted((DATA / "dev4").glob("listing-*.jsonl")),
    DATA / "independent" / "listing.jsonl",
]


def _run(args: list[str], seed: int, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, env=env, cwd=cwd, check=True)


def test_extraction_is_the_same_under_any_hash_seed():
    outputs = {hashlib.sha256(_run(["extract", *map(str, LISTINGS)], seed).stdout).hexdigest() for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1


def test_build_files_are_the_same_under_any_hash_seed(tmp_path):
    digests = []
    for seed in (1, 2):
        out = tmp_path / f"out{seed}"
        _run(["build", *map(str, LISTINGS[:3]), "-o", str(out), "-q", "--formats", "ttl,nt,jsonld,html,graphml,json"], seed)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())})
    assert digests[0] == digests[1] and len(digests[0]) == 6
