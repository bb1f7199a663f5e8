"""GraphView: the streamed view a build writes from gives the same files as the in-memory graph."""

from __future__ import annotations

import json
import os

import networkx as nx
import pytest

from kgraph.export.files import to_json, write_graphml, write_json
from kgraph.graph import GraphBuilder, GraphView
from kgraph.pipeline import OUTPUT_FORMATS, graph_summary, write_outputs


@pytest.fixture(scope="module")
def sample_view(sample_extractions) -> GraphView:
    builder = GraphBuilder()
    for extraction in sample_extractions:
        builder.add(extraction)
    return builder.view()


def test_view_answers_like_networkx(sample_view, sample_graph):
    G = sample_graph
    assert list(sample_view.nodes) == sorted(G.nodes)
    assert sample_view.number_of_nodes() == G.number_of_nodes()
    assert sample_view.number_of_edges() == G.number_of_edges()
    assert [e[:3] for e in sample_view.edges(keys=True)] == sorted(G.edges(keys=True))
    paper = next(n for n, d in G.nodes(data=True) if d["type"] == "Paper" and G.out_degree(n) > 2)
    assert sample_view.nodes[paper] == G.nodes[paper]
    assert list(sample_view.out_edges(paper, keys=True, data=True)) == sorted(
        G.out_edges(paper, keys=True, data=True), key=lambda e: (e[1], e[2])
    )
    assert paper in sample_view and "paper:no-such-paper" not in sample_view
    assert graph_summary(sample_view) == graph_summary(G)


@pytest.mark.parametrize("max_nodes", [None, 60])
def test_view_writes_the_same_bytes_as_the_graph(sample_view, sample_graph, tmp_path, max_nodes):
    formats = list(OUTPUT_FORMATS)
    from_view = write_outputs(sample_view, tmp_path / "view", formats=formats, max_nodes=max_nodes)
    from_graph = write_outputs(sample_graph, tmp_path / "graph", formats=formats, max_nodes=max_nodes)
    assert [p.name for p in from_view] == [p.name for p in from_graph]
    for a, b in zip(from_view, from_graph):
        assert a.read_bytes() == b.read_bytes(), a.name
    if max_nodes:
        assert "Showing 60 of" in (tmp_path / "view" / "graph.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [2, 3])
def test_view_built_by_several_processes_is_the_same(sample_extractions, sample_view, tmp_path, monkeypatch, jobs):
    from kgraph import graph

    monkeypatch.setattr(graph, "_PARALLEL_MIN_PAPERS", 1)
    builder = GraphBuilder()
    for extraction in sample_extractions:
        builder.add(extraction)
    calls = []
    real = graph.fork_map
    monkeypatch.setattr(graph, "fork_map", lambda fn, calls_: calls.append([c[:2] for c in calls_]) or real(fn, calls_))
    view = builder.view(jobs=jobs)
    [runs] = calls
    n = len(sample_extractions)
    assert len(runs) == jobs and runs[0][0] == 0 and runs[-1][1] == n
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))
    assert view.relation_counts() == sample_view.relation_counts()
    assert view.degrees() == sample_view.degrees()
    for node in sample_view.entities:
        assert view.papers_of(node) == sample_view.papers_of(node)
    formats = list(OUTPUT_FORMATS)
    many = write_outputs(view, tmp_path / "many", formats=formats, max_nodes=60)
    one = write_outputs(sample_view, tmp_path / "one", formats=formats, max_nodes=60)
    for a, b in zip(many, one):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_view_pass_failing_in_a_forked_process_raises(sample_extractions, monkeypatch):
    from kgraph import graph
    from kgraph.parallel import WorkerFailed

    monkeypatch.setattr(graph, "_PARALLEL_MIN_PAPERS", 1)
    builder = GraphBuilder()
    for extraction in sample_extractions:
        builder.add(extraction)
    real = GraphView._paper_pass
    parent = os.getpid()

    def fail_in_a_forked_process(self, start, stop):
        if os.getpid() != parent:
            raise MemoryError
        return real(self, start, stop)

    monkeypatch.setattr(GraphView, "_paper_pass", fail_in_a_forked_process)
    with pytest.raises(WorkerFailed, match="exit code 1"):
        builder.view(jobs=2)


def test_streamed_json_equals_json_dump(sample_view, sample_graph, tmp_path):
    write_json(sample_view, tmp_path / "g.json")
    expected = json.dumps(to_json(sample_graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == expected
    empty = GraphBuilder().view()
    write_json(empty, tmp_path / "e.json")
    assert json.loads((tmp_path / "e.json").read_text()) == to_json(nx.MultiDiGraph())


def test_streamed_graphml_reads_back(sample_view, sample_graph, tmp_path):
    write_graphml(sample_view, tmp_path / "g.graphml")
    H = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert sorted(H.nodes) == sorted(sample_graph.nodes)
    assert H.number_of_edges() == sample_graph.number_of_edges()
    paper = next(n for n, d in sample_graph.nodes(data=True) if d["type"] == "Paper")
    assert json.loads(H.nodes[paper]["authors"]) == sample_graph.nodes[paper]["authors"]


@pytest.mark.parametrize("suffix", ["ttl", "nt"])
@pytest.mark.parametrize("jobs", [2, 3])
def test_rdf_written_by_several_processes_is_byte_identical(sample_view, tmp_path, monkeypatch, suffix, jobs):
    from kgraph.export import rdf

    monkeypatch.setattr(rdf, "_PARALLEL_MIN_NODES", 1)
    calls = []
    real = rdf._serialize_parallel
    monkeypatch.setattr(rdf, "_serialize_parallel", lambda *a, **k: calls.append(a[4]) or real(*a, **k))
    rdf.write_rdf(sample_view, tmp_path / f"one.{suffix}")
    rdf.write_rdf(sample_view, tmp_path / f"many.{suffix}", jobs=jobs)
    assert calls == [jobs]
    assert (tmp_path / f"many.{suffix}").read_bytes() == (tmp_path / f"one.{suffix}").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"one.{suffix}", f"many.{suffix}"])


@pytest.mark.parametrize("kernel_copy", ["missing", "fails", "fails-midway"])
def test_rdf_parts_are_appended_without_copy_file_range(sample_view, tmp_path, monkeypatch, kernel_copy):
    """The writers' parts are joined by read and write where the kernel can't copy between the files."""
    import os

    from kgraph.export import rdf

    monkeypatch.setattr(rdf, "_PARALLEL_MIN_NODES", 1)
    rdf.write_rdf(sample_view, tmp_path / "one.ttl")
    if kernel_copy == "missing":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    else:
        real = os.copy_file_range
        calls = []

        def copy_file_range(src, dst, count, offset_src=None, *args):
            calls.append(count)
            if kernel_copy == "fails-midway" and len(calls) == 1:
                return real(src, dst, 1000, offset_src)  # some bytes, then the error
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(os, "copy_file_range", copy_file_range)
    rdf.write_rdf(sample_view, tmp_path / "many.ttl", jobs=3)
    assert (tmp_path / "many.ttl").read_bytes() == (tmp_path / "one.ttl").read_bytes()


def test_rdf_writer_process_failure_leaves_no_file(sample_view, tmp_path, monkeypatch):
    from kgraph.errors import ExportError
    from kgraph.export import rdf

    monkeypatch.setattr(rdf, "_PARALLEL_MIN_NODES", 1)
    real = rdf._write_slice

    def broken(G, nodes, path, name, base_iri, agent):
        if not agent:
            raise SystemExit(3)
        real(G, nodes, path, name, base_iri, agent)

    monkeypatch.setattr(rdf, "_write_slice", broken)
    with pytest.raises(ExportError, match="exit code 3"):
        rdf.write_rdf(sample_view, tmp_path / "g.ttl", jobs=2)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jobs", [2, 5, 50])
def test_rdf_in_parallel_on_tiny_graphs(tmp_path, monkeypatch, jobs):
    """More writers than the graph has slices to give (one paper and one model; papers only)."""
    from kgraph.export import rdf
    from kgraph.types import Entity, Paper, PaperExtraction

    monkeypatch.setattr(rdf, "_PARALLEL_MIN_NODES", 1)
    graphs = {
        "one": [PaperExtraction(Paper("p1", "T", "A"), (Entity("GPT-4", "Model"),))],
        "papers": [PaperExtraction(Paper(f"p{i}", f"T{i}", "A")) for i in range(3)],
    }
    for name, extractions in graphs.items():
        builder = GraphBuilder()
        for x in extractions:
            builder.add(x)
        view = builder.view()
        for suffix in ("ttl", "nt"):
            rdf.write_rdf(view, tmp_path / f"{name}-1.{suffix}")
            rdf.write_rdf(view, tmp_path / f"{name}-n.{suffix}", jobs=jobs)
            assert (tmp_path / f"{name}-n.{suffix}").read_bytes() == (tmp_path / f"{name}-1.{suffix}").read_bytes()


def test_rdf_writers_are_stopped_when_the_parent_fails(sample_view, tmp_path, monkeypatch):
    import time

    from kgraph.export import rdf

    monkeypatch.setattr(rdf, "_PARALLEL_MIN_NODES", 1)
    real = rdf._write_slice
    started = time.monotonic()

    def slow_children_failing_parent(G, nodes, path, name, base_iri, agent):
        if agent:
            raise OSError(28, "No space left on device")
        time.sleep(60)
        real(G, nodes, path, name, base_iri, agent)

    monkeypatch.setattr(rdf, "_write_slice", slow_children_failing_parent)
    with pytest.raises(OSError):
        rdf.write_rdf(sample_view, tmp_path / "g.ttl", jobs=3)
    assert time.monotonic() - started < 30  # the children were stopped, not waited for
    assert list(tmp_path.iterdir()) == []


def test_build_collects_the_oldest_generation_rarely_and_restores_the_thresholds(tmp_path, monkeypatch):
    import gc

    from kgraph import pipeline

    seen = []
    real_load = pipeline.load_corpus
    monkeypatch.setattr(pipeline, "load_corpus", lambda *a, **k: seen.append(gc.get_threshold()) or real_load(*a, **k))
    before = gc.get_threshold()
    pipeline.build(None, tmp_path / "out", formats=["json"])
    assert seen[0][:2] == before[:2] and seen[0][2] == max(before[2], 1000)
    assert gc.get_threshold() == before

    def failing(*a, **k):
        raise RuntimeError("stop")

    monkeypatch.setattr(pipeline, "load_corpus", failing)
    with pytest.raises(RuntimeError):
        pipeline.build(None, tmp_path / "out", formats=["json"])
    assert gc.get_threshold() == before
