"""Hostile conditions for the outputs: builds racing into one folder, killed builds, a store built listing by listing."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.export.files import atomic_write
from kgraph.graph import GraphBuilder, build_graph
from kgraph.pipeline import build
from kgraph.query import named_queries, named_query, select
from kgraph.store import open_store, update_store
from kgraph.types import Entity, Mention, Paper, PaperExtraction

CORPUS = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"


def _dead_pid() -> int:
    """Return the id of a process that has ended (and been reaped)."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _listing(path: Path, title: str) -> Path:
    path.write_text(json.dumps({"title": title, "abstract": "We evaluate GPT-4 on MMLU."}) + "\n", encoding="utf-8")
    return path


# -- 7. two builds into one folder ----------------------------------------------------------


@pytest.mark.slow
def test_build_waits_for_another_build_writing_the_same_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    listing = _listing(tmp_path / "a.jsonl", "Paper A")
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a build that is writing its files holds it
    try:
        proc = subprocess.Popen([sys.executable, "-m", "kgraph", "build", str(listing), "-o", str(out), "-q", "-f", "ttl,json"])
        time.sleep(8)
        # the other build waits: it writes nothing into the folder while the lock is held
        assert proc.poll() is None, "the build did not wait for the folder"
        assert sorted(p.name for p in out.iterdir()) == []
    finally:
        os.close(fd)
    assert proc.wait(60) == 0
    assert sorted(p.name for p in out.iterdir()) == ["graph.json", "graph.ttl"]


@pytest.mark.slow
def test_build_concurrent_builds_leave_the_files_of_one(tmp_path):
    a, b = _listing(tmp_path / "a.jsonl", "Paper A"), _listing(tmp_path / "b.jsonl", "Paper B")
    refs = {}
    for name, listing in (("a", a), ("b", b)):
        build([listing], tmp_path / f"ref-{name}", formats=("ttl", "html", "json"))
        refs[name] = {p.name: p.read_bytes() for p in (tmp_path / f"ref-{name}").iterdir()}
    out = tmp_path / "same"
    for _ in range(3):
        procs = [
            subprocess.Popen([sys.executable, "-m", "kgraph", "build", str(x), "-o", str(out), "-q", "-f", "ttl,html,json"])
            for x in (a, b)
        ]
        assert [p.wait(120) for p in procs] == [0, 0]
        files = {p.name: p.read_bytes() for p in out.iterdir()}
        assert files in (refs["a"], refs["b"])  # every file from the same build, nothing else left


# -- 8. what killed runs leave --------------------------------------------------------------


@pytest.mark.slow
def test_build_removes_the_staging_folder_of_a_killed_build(tmp_path):
    out = tmp_path / "out"
    stale = out / f".kgraph-build-{_dead_pid()}-x1y2z3"
    stale.mkdir(parents=True)
    (stale / "graph.ttl").write_text("half written", encoding="utf-8")
    live = out / f".kgraph-build-{os.getpid()}-a1b2c3"  # a process that still runs: not touched
    live.mkdir()
    build([_listing(tmp_path / "a.jsonl", "Paper A")], out, formats=("ttl",))
    assert sorted(p.name for p in out.iterdir()) == [live.name, "graph.ttl"]


@pytest.mark.slow
def test_build_after_kill_9_leaves_no_staging_folder(tmp_path):
    """A build killed with kill -9 while writing its files: the next build removes what it left."""
    out = tmp_path / "out"
    code = (
        "import os, signal\n"
        "import kgraph.export.files as files\n"
        "from kgraph.pipeline import build\n"
        "real = files.write_json\n"
        "def dying(G, path):\n"
        "    real(G, path)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "files.write_json = dying\n"
        f"build([{str(_listing(tmp_path / 'a.jsonl', 'Paper A'))!r}], {str(out)!r}, formats=('ttl', 'json'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9
    assert [p.name for p in out.iterdir() if p.name.startswith(".kgraph-build-")]
    build([_listing(tmp_path / "b.jsonl", "Paper B")], out, formats=("ttl",))
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]


def test_atomic_write_removes_temporary_files_of_dead_writers(tmp_path):
    target = tmp_path / "papers.jsonl"
    stale = tmp_path / f".papers.jsonl.{_dead_pid()}.k3j2.tmp"
    stale.write_text("half", encoding="utf-8")
    live = tmp_path / f".papers.jsonl.{os.getpid()}.abcd.tmp"
    live.write_text("mine", encoding="utf-8")
    other = tmp_path / ".other.jsonl.1.abcd.tmp"
    other.write_text("another file's", encoding="utf-8")
    with atomic_write(target) as handle:
        handle.write("done\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name, "papers.jsonl"])


@pytest.mark.slow
def test_extract_output_after_kill_9_leaves_no_temporary_file(tmp_path):
    listing = _listing(tmp_path / "a.jsonl", "Paper A")
    target = tmp_path / "x.jsonl"
    code = (
        "import os, signal\n"
        "from kgraph.export.files import atomic_write\n"
        f"with atomic_write({str(target)!r}) as handle:\n"
        "    handle.write('half')\n"
        "    handle.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == -9
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    result = subprocess.run([sys.executable, "-m", "kgraph", "extract", str(listing), "-o", str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "x.jsonl"]


# -- 9. a store built listing by listing ----------------------------------------------------


def _answers(store: ox.Store) -> dict[str, list]:
    return {name: select(store, named_query(name))[1] for name in named_queries()}


def _triples(store_dir: Path) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in open_store(store_dir)}


@pytest.mark.slow
def test_store_built_listing_by_listing_equals_one_build_of_the_sample(tmp_path):
    listings = sorted(CORPUS.glob("*.txt"))
    assert len(listings) == 3
    for listing in listings:
        build([listing], tmp_path / "out", formats=(), store=tmp_path / "one-by-one")
    build(listings, tmp_path / "out", formats=(), store=tmp_path / "at-once")
    one_by_one, at_once = open_store(tmp_path / "one-by-one"), open_store(tmp_path / "at-once")
    assert _answers(one_by_one) == _answers(at_once)
    del one_by_one, at_once
    assert _triples(tmp_path / "one-by-one") == _triples(tmp_path / "at-once")


def _view(extractions):
    builder = GraphBuilder()
    for x in extractions:
        builder.add(x)
    return builder.view()


def test_store_merges_a_name_a_later_listing_makes_an_alias(tmp_path):
    s1 = "We fine-tune BERTs on GLUE."
    s2 = "We compare BERT (BERTs) and GPT-4 on GLUE."
    first = [PaperExtraction(Paper("q1", "First", s1), (
        Entity("BERTs", "Model", mentions=(Mention(13, 18, s1),)), Entity("GLUE", "Benchmark", mentions=(Mention(22, 26, s1),)),
    ))]
    second = [PaperExtraction(Paper("q2", "Second", s2), (
        Entity("BERT", "Model", aliases=("BERTs",), mentions=(Mention(11, 15, s2), Mention(17, 22, s2))),
        Entity("GPT-4", "Model", mentions=(Mention(28, 33, s2),)),
        Entity("GLUE", "Benchmark", mentions=(Mention(37, 41, s2),)),
    ))]
    update_store(tmp_path / "kg", _view(first))
    update_store(tmp_path / "kg", _view(second))
    update_store(tmp_path / "once", _view(first + second))
    assert build_graph(first + second).nodes["model:bert"]["aliases"] == ["BERTs"]
    assert _triples(tmp_path / "kg") == _triples(tmp_path / "once")
    rows = select(open_store(tmp_path / "kg"), named_query("top-models"))[1]
    assert [r[:3] for r in rows] == [["BERT", "3", "2"], ["GPT-4", "1", "1"]]  # not BERTs apart from BERT
