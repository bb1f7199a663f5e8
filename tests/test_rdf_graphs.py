"""The hand-built graphs of tests/support/graphs.py have the shape the RDF, query, store and serve tests rely on."""

from __future__ import annotations

from support.graphs import NASTY_NAMES, listing_a_graph, nasty_graph


def test_rdf_graphs_listing_a_shape():
    G = listing_a_graph()
    assert G.nodes["model:gpt4"]["mentions"] == 5
    assert G.has_edge("paper:p1", "data:foobench", key="introduces")
    assert G.has_edge("paper:p1", "repo:github.com/org/foo", key="has_code")
    assert G.has_edge("model:gpt4", "data:mmlu", key="evaluated_on")
    assert G.nodes["model:llama27b"]["family"] == "model:llama2"


def test_rdf_graphs_nasty_shape():
    G = nasty_graph()
    assert sum(1 for _, d in G.nodes(data=True) if d["type"] in ("Model", "Dataset")) >= len(NASTY_NAMES) - 4
