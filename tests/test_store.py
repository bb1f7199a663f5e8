"""The persistent store: idempotent adds, unions without duplicates, and crash safety."""

from __future__ import annotations

import json
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
from kgraph.pipeline import build
from kgraph.query import load_store, named_query, select
from kgraph.store import open_store, store_location, update_store
from support.graphs import listing_a, listing_b

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
    for name in ("top-models", "top-benchmarks", "model-benchmarks", "co-mentioned-models", "new-data-with-code", "repos-by-owner", "papers-without-code"):
        assert _rows(store, name) == _rows(union, name), name
    assert _rows(store, "top-models")[0][:3] == ["GPT-4", "6", "4"]  # 5 in A + 1 in p4; p3 counted once
    # each paper, mention and span is there once, and nothing else differs from reading both listings at once
    assert _triples(kg) == {ox.Triple(q.subject, q.predicate, q.object) for q in union}
    # adding B again changes nothing
    before = _quads(kg)
    update_store(kg, build_graph(listing_b()))
    assert _quads(kg) == before


def test_store_keeps_other_names_as_aliases(tmp_path):
    from kgraph.types import Entity, Paper, PaperExtraction

    kg = tmp_path / "kg"
    x1 = PaperExtraction(Paper("x1", "T", "A"), (Entity("Llama 2", "Model"),))
    x2 = PaperExtraction(Paper("x2", "T2", "A"), (Entity("LLaMA-2", "Model"),))
    update_store(kg, build_graph([x1]))
    update_store(kg, build_graph([x2]))
    store = load_store(kg)
    rows = select(
        store,
        "SELECT ?n ?a WHERE { <https://w3id.org/kgraph/model/llama2> <https://schema.org/name> ?n ; "
        "<https://schema.org/alternateName> ?a }",
    )[1]
    # the canonical name is the one a build of both listings gives (a tie: the shorter, then the first in order)
    assert build_graph([x1, x2]).nodes["model:llama2"]["name"] == "LLaMA-2"
    assert rows == [["LLaMA-2", "Llama 2"]]


# Two listings that share a paper (same title and text, another date) and name the same
# model differently ("LLaMA 2 7B" in B), and the same resource as another type (FooQA: a
# benchmark in A, a dataset in B). The shared paper does not mention FooQA: a paper's
# evaluation facts follow its listing's types, and a paper read again gets the new run's.
_SHARED = {"title": "Shared paper", "abstract": "We evaluate Llama-2-7B on MMLU."}
_LISTING_A = [
    {**_SHARED, "date": "2024-01-01"},
    {"title": "Only A", "abstract": "We introduce ZetaNet-3B, a new language model. It beats GPT-4 on MMLU.", "date": "2024-01-02"},
    {"title": "A bench", "abstract": "We report Llama-2-7B results on the FooQA benchmark.", "date": "2024-01-03"},
]
_LISTING_B = [
    {**_SHARED, "date": "2024-02-02"},
    {"title": "Only B", "abstract": "We fine-tune LLaMA 2 7B on the FooQA dataset.", "date": "2024-02-03"},
]
_KG = "https://w3id.org/kgraph/"


@pytest.fixture
def listings(tmp_path):
    paths = {}
    for name, rows in (("a", _LISTING_A), ("b", _LISTING_B)):
        paths[name] = tmp_path / f"{name}.jsonl"
        paths[name].write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return paths


def _add(tmp_path, kg, *listings):
    for listing in listings:
        build([listing], tmp_path / "out", formats=(), store=kg)
    return _quads(kg)


def _description(kg, iri):
    """(name, label, alternate names, kgraph types) of a thing in the store."""
    store = open_store(kg)
    g = ox.NamedNode(_KG + "graph/entities")

    def values(p):
        return sorted(q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(p), None, g))

    types = [t for t in values("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") if t.startswith(_KG + "ontology#")]
    return values("https://schema.org/name"), values("http://www.w3.org/2000/01/rdf-schema#label"), values("https://schema.org/alternateName"), types


def _paper_facts(kg, title_word):
    rows = select(
        open_store(kg),
        "SELECT ?d ?s WHERE { GRAPH ?g { ?p <http://purl.org/dc/terms/title> ?t ; <http://purl.org/dc/terms/date> ?d ; "
        f"<https://w3id.org/kgraph/ontology#source> ?s }} FILTER(CONTAINS(?t, \"{title_word}\")) }}",
    )[1]
    return rows


def test_store_readding_a_listing_after_another_changes_nothing(tmp_path, listings):
    a_b = _add(tmp_path, tmp_path / "kg1", listings["a"], listings["b"])
    assert _add(tmp_path, tmp_path / "kg1", listings["a"]) == a_b  # A, B, A == A, B
    a = _add(tmp_path, tmp_path / "kg2", listings["a"])
    assert _add(tmp_path, tmp_path / "kg2", listings["a"]) == a  # A, A == A
    assert a_b != a  # B did add something


def test_store_describes_things_as_one_build_of_all_listings_does(tmp_path, listings):
    kg = tmp_path / "kg"
    _add(tmp_path, kg, listings["a"])
    llama, fooqa = _KG + "model/llama27b", _KG + "data/fooqa"
    assert _description(kg, llama) == (["Llama-2-7B"], ["Llama-2-7B"], [], [_KG + "ontology#Model"])
    only_b = build([listings["b"]], tmp_path / "out-b", formats=()).graph
    assert only_b.nodes["model:llama27b"]["name"] == "LLaMA 2 7B"
    _add(tmp_path, kg, listings["b"])
    # name, label, alternate names and type are those a build of both listings gives
    both = build([listings["a"], listings["b"]], tmp_path / "out-ab", formats=()).graph
    for nid in ("model:llama27b", "model:llama2", "data:fooqa", "model:zetanet3b"):
        node = both.nodes[nid]
        name, label, aliases, types = _description(kg, _KG + nid.replace(":", "/"))
        assert (name, label, aliases) == ([node["name"]], [node["name"]], sorted(node["aliases"])), nid
        assert types == [_KG + "ontology#" + node["type"]], nid
    assert _description(kg, llama)[2] == ["LLaMA 2 7B"]  # B's name is kept as an alternate name


def test_store_paper_keeps_its_first_date_and_source(tmp_path, listings):
    kg = tmp_path / "kg"
    _add(tmp_path, kg, listings["a"])
    first = _paper_facts(kg, "Shared")
    assert first == [["2024-01-01", f"{listings['a']}:1"]]
    result = build([listings["b"]], tmp_path / "out", formats=(), store=kg).store
    assert result["replaced_papers"] == 1
    assert _paper_facts(kg, "Shared") == first  # not B's 2024-02-02 and b.jsonl:1
    assert _paper_facts(kg, "Only B") == [["2024-02-03", f"{listings['b']}:2"]]
    # as in a one-shot build, where the first read of a paper wins
    both = build([listings["a"], listings["b"]], tmp_path / "out-ab", formats=()).graph
    (pid,) = [n for n in both.nodes if both.nodes[n].get("title") == "Shared paper"]
    assert [both.nodes[pid]["date"], both.nodes[pid]["source"]] == first[0]
    # the extraction facts are the newest run's: a new text of the paper replaces its mentions
    newer = tmp_path / "c.jsonl"
    newer.write_text(json.dumps({**_SHARED, "abstract": "We evaluate GPT-4 on MMLU.", "date": "2024-03-03"}) + "\n")
    _add(tmp_path, kg, newer)
    assert _paper_facts(kg, "Shared") == first
    rows = select(
        open_store(kg),
        f"SELECT ?x WHERE {{ GRAPH <{_KG}graph/{pid.replace(':', '/')}> {{ ?m <{_KG}ontology#mentionOf> ?x }} }} ORDER BY ?x",
    )[1]
    assert rows == [[f"{_KG}data/mmlu"], [f"{_KG}model/gpt4"]]  # Llama-2-7B is gone


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


def test_build_whose_store_update_fails_leaves_the_old_files(tmp_path):
    """--store with another base IRI fails: the previous graph files stay, nothing new appears."""
    from kgraph.errors import ExportError

    listing = REPO / "tests" / "data" / "two-papers.jsonl"
    build([listing], tmp_path / "out", formats=["ttl"], store=tmp_path / "kg")
    before = (tmp_path / "out" / "graph.ttl").read_bytes()
    with pytest.raises(ExportError, match="base IRI"):
        build([listing], tmp_path / "out", formats=["ttl"], store=tmp_path / "kg", base_iri="http://example.org/kg/")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.ttl"]
