"""The persistent store: idempotent adds, unions without duplicates, and crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.errors import ExportError
from kgraph.export.rdf import iter_triples, to_store
from kgraph.graph import build_graph
from kgraph.query import load_store, named_query, select
from kgraph.store import open_store, store_location, update_store
from test_rdf_graphs import listing_a, listing_b

REPO = Path(__file__).resolve().parent.parent


def _quads(store_dir: Path) -> set[str]:
    store = open_store(store_dir)
    quads = {str(q) for q in store}
    del store
    return quads


def _triples(store_dir: Path) -> set[ox.Triple]:
    store = open_store(store_dir)
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store}


def _rows(store, name, params=None):
    return select(store, named_query(name, params))[1]


def test_store_add_then_add_again_changes_nothing(tmp_path):
    G = build_graph(listing_a())
    first = update_store(tmp_path / "kg", G)
    assert first["version"] == 1 and first["replaced_papers"] == 0 and first["quads_before"] == 0
    before = _quads(tmp_path / "kg")
    again = update_store(tmp_path / "kg", G)
    assert again["replaced_papers"] == 3 and again["quads"] == again["quads_before"] == first["quads"]
    assert _quads(tmp_path / "kg") == before
    assert _triples(tmp_path / "kg") == set(iter_triples(G))


def test_store_add_another_listing_gives_the_union_without_duplicates(tmp_path):
    kg = tmp_path / "kg"
    update_store(kg, build_graph(listing_a()))
    result = update_store(kg, build_graph(listing_b()))
    assert result["papers"] == 2 and result["replaced_papers"] == 1  # p3 was in both listings
    union = to_store(build_graph(listing_a() + listing_b()))  # everything read at once
    store = load_store(kg)
    for name in ("top-models", "model-benchmarks", "co-mentioned-models", "new-data-with-code", "repos-by-owner", "papers-without-code"):
        assert _rows(store, name) == _rows(union, name), name
    assert _rows(store, "top-models")[0][:3] == ["GPT-4", "6", "4"]  # 5 in A + 1 in p4; p3 counted once
    # each paper, mention and span is there once, and nothing else differs from reading both listings at once
    assert _triples(kg) == {ox.Triple(q.subject, q.predicate, q.object) for q in union}
    # adding B again changes nothing
    before = _quads(kg)
    update_store(kg, build_graph(listing_b()))
    assert _quads(kg) == before


def test_store_keeps_old_names_as_aliases(tmp_path):
    from kgraph.types import Entity, Paper, PaperExtraction

    kg = tmp_path / "kg"
    update_store(kg, build_graph([PaperExtraction(Paper("x1", "T", "A"), (Entity("Llama 2", "Model"),))]))
    update_store(kg, build_graph([PaperExtraction(Paper("x2", "T2", "A"), (Entity("LLaMA-2", "Model"),))]))
    store = load_store(kg)
    rows = select(
        store,
        "SELECT ?n ?a WHERE { <https://w3id.org/kgraph/model/llama2> <https://schema.org/name> ?n ; "
        "<https://schema.org/alternateName> ?a }",
    )[1]
    assert rows == [["LLaMA-2", "Llama 2"]]


def test_store_layout_and_cleanup(tmp_path):
    kg = tmp_path / "kg"
    update_store(kg, build_graph(listing_a()))
    update_store(kg, build_graph(listing_b()))
    update_store(kg, build_graph(listing_b()))
    assert os.readlink(kg / "current") == "data-000003"
    assert store_location(kg) == (kg / "data-000003").resolve()
    # the previous version stays (a running server may still read it); older ones go
    assert sorted(p.name for p in kg.iterdir()) == [".lock", "current", "data-000002", "data-000003", "kgraph-store.json"]


def test_store_rejects_another_base_iri_and_foreign_directories(tmp_path):
    kg = tmp_path / "kg"
    update_store(kg, build_graph(listing_a()))
    with pytest.raises(ExportError, match="uses base IRI 'https://w3id.org/kgraph/'"):
        update_store(kg, build_graph(listing_a()), base_iri="http://example.org/")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not a kgraph store directory"):
        update_store(foreign, build_graph(listing_a()))
    assert (foreign / "notes.txt").read_text() == "mine"


def test_store_other_base_iri(tmp_path):
    base = "http://example.org/kg/"
    update_store(tmp_path / "kg", build_graph(listing_a()), base_iri=base)
    store = load_store(tmp_path / "kg")
    assert all(q.subject.value.startswith(base) for q in store)
    assert _rows(store, "top-models")[0][0] == "GPT-4"


_CHILD = textwrap.dedent(
    """
    import sys
    from kgraph.graph import build_graph
    from kgraph.store import update_store
    from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction

    def big(n):
        out = []
        for i in range(n):
            s = f"Model M{i % 300} beats M{(i + 1) % 300} on Bench{i % 50} and Bench{(i + 7) % 50} using D{i % 80}."
            ents = (
                Entity(f"M{i % 300}", "Model", mentions=(Mention(6, 6 + len(f"M{i % 300}"), s),)),
                Entity(f"M{(i + 1) % 300}", "Model"),
                Entity(f"Bench{i % 50}", "Benchmark"),
                Entity(f"Bench{(i + 7) % 50}", "Benchmark"),
                Entity(f"D{i % 80}", "Dataset", introduced=i % 5 == 0),
            )
            links = (Link(f"https://github.com/o{i % 40}/r{i}", "github"),)
            out.append(PaperExtraction(Paper(f"big{i}", f"Paper {i}", s), ents, links))
        return out

    G = build_graph(big(int(sys.argv[2])))
    print("ready", flush=True)
    update_store(sys.argv[1], G)
    print("done", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.8])
def test_store_killed_build_leaves_the_store_as_before(tmp_path, delay):
    kg = tmp_path / "kg"
    update_store(kg, build_graph(listing_a()))
    before = _quads(kg)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(kg), "3000"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("tmp-") for p in kg.iterdir()):  # the update has started writing
            assert child.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(delay)
        assert child.poll() is None, "the build ended before it could be killed: make the graph bigger"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert any(p.name.startswith("tmp-") for p in kg.iterdir())  # it died mid-way
    assert _quads(kg) == before
    assert _rows(load_store(kg), "top-models")[0][:3] == ["GPT-4", "5", "3"]
    # the next build cleans up after the dead one and works (the lock died with it)
    update_store(kg, build_graph(listing_b()))
    assert not any(p.name.startswith("tmp-") for p in kg.iterdir())
    assert _rows(load_store(kg), "top-models")[0][:3] == ["GPT-4", "6", "4"]


def test_store_crash_just_before_the_switch_leaves_the_store_as_before(tmp_path, monkeypatch):
    import kgraph.store

    kg = tmp_path / "kg"
    update_store(kg, build_graph(listing_a()))
    before = _quads(kg)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # as if killed between writing the new version and switching to it

    monkeypatch.setattr(kgraph.store.os, "symlink", crash)
    with pytest.raises(KeyboardInterrupt):
        update_store(kg, build_graph(listing_b()))
    monkeypatch.undo()
    assert (kg / "data-000002").is_dir() and os.readlink(kg / "current") == "data-000001"
    assert _quads(kg) == before
    update_store(kg, build_graph(listing_b()))
    assert os.readlink(kg / "current") == "data-000002"
    assert sorted(p.name for p in kg.iterdir()) == [".lock", "current", "data-000001", "data-000002", "kgraph-store.json"]
