"""Graph logic on hand-built extractions: merging, aliases, families, links, outputs."""

from __future__ import annotations

import json

import networkx as nx

from kgraph.export.files import write_graphml, write_json
from kgraph.graph import build_graph
from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction

S1 = "We introduce GLM-130B, evaluated on MMLU."
S2 = "Llama-2-7B is compared with Massive Multitask Language Understanding (MMLU)."


def _paper(pid: str, title: str = "A paper") -> Paper:
    return Paper(pid, title, "Abstract.")


def _graph() -> nx.MultiDiGraph:
    return build_graph([
        PaperExtraction(
            _paper("p1", "GLM-130B: An Open Bilingual Pre-trained Model"),
            (
                Entity("GLM-130B", "Model", True, (), (Mention(13, 21, S1),)),
                Entity("MMLU", "Benchmark", False, (), (Mention(36, 40, S1),)),
            ),
            (Link("https://github.com/THUDM/GLM-130B", "github", (Mention(0, 10, "Code: x"),)),),
        ),
        PaperExtraction(
            _paper("p2"),
            (
                Entity("Llama-2-7B", "Model", False, (), (Mention(0, 10, S2),), family="Llama-2"),
                Entity("MMLU", "Dataset", False, ("Massive Multitask Language Understanding",), (Mention(30, 70, S2),)),
                Entity("glm 130b", "Model"),
            ),
            (Link("https://github.com/THUDM", "github"), Link("https://huggingface.co/THUDM", "huggingface")),
        ),
    ])


def test_graph_same_entity_in_two_papers_is_one_node():
    G = _graph()
    assert G.nodes["model:glm130b"]["name"] == "GLM-130B"
    assert G.nodes["model:glm130b"]["papers"] == 2
    assert G.nodes["model:glm130b"]["aliases"] == ["glm 130b"]
    assert G.nodes["model:glm130b"]["introduced_in"] == ["paper:p1"]
    # Dataset in one paper, Benchmark in another: one node, the tie goes to Benchmark.
    assert G.nodes["data:mmlu"]["type"] == "Benchmark"
    assert G.nodes["data:mmlu"]["aliases"] == ["Massive Multitask Language Understanding"]
    assert len([n for n, d in G.nodes(data=True) if d["type"] == "Paper"]) == 2


def test_graph_alias_defined_in_text_merges_across_papers():
    G = build_graph([
        PaperExtraction(_paper("a"), (Entity("LCM", "Model", aliases=("Large Concept Model",)),)),
        PaperExtraction(_paper("b"), (Entity("Large Concept Model", "Model"),)),
        PaperExtraction(_paper("c"), (Entity("Large Concept Model", "Model"),)),
    ])
    models = [n for n, d in G.nodes(data=True) if d["type"] == "Model"]
    assert models == ["model:largeconceptmodel"]
    assert G.nodes["model:largeconceptmodel"]["papers"] == 3
    assert G.nodes["model:largeconceptmodel"]["aliases"] == ["LCM"]


def test_graph_edges_say_how_things_relate():
    G = _graph()
    assert G.has_edge("paper:p1", "model:glm130b", "introduces")
    assert G.has_edge("paper:p1", "model:glm130b", "mentions")
    assert not G.has_edge("paper:p2", "model:glm130b", "introduces")
    assert G.has_edge("paper:p1", "data:mmlu", "evaluates_on")
    assert G["paper:p1"]["data:mmlu"]["mentions"]["evidence"] == [{"sentence": S1, "start": 36, "end": 40}]
    # Same sentence: model evaluated on benchmark.
    assert G["model:glm130b"]["data:mmlu"]["evaluated_on"]["papers"] == ["paper:p1"]
    assert G.has_edge("model:llama27b", "model:llama2", "variant_of")
    assert G.nodes["model:llama2"]["mentions"] == 0
    assert G.nodes["model:llama27b"]["family"] == "model:llama2"


def test_graph_links_give_repository_owner_and_link_nodes():
    G = _graph()
    repo = "repo:github.com/thudm/glm-130b"
    assert G.nodes[repo]["url"] == "https://github.com/THUDM/GLM-130B"
    assert G.has_edge("paper:p1", repo, "has_code")
    assert G.has_edge(repo, "owner:github.com/thudm", "owned_by")
    assert G.has_edge("paper:p2", "owner:github.com/thudm", "links_to")
    assert G.nodes["link:https://huggingface.co/THUDM"]["kind"] == "huggingface"


def test_graph_build_is_independent_of_paper_order():
    G = _graph()
    H = build_graph(reversed([
        PaperExtraction(_paper("p1"), (Entity("GPT-4", "Model"),)),
        PaperExtraction(_paper("p2"), (Entity("GPT-4", "Model"), Entity("gpt 4", "Model"))),
    ]))
    assert H.nodes["model:gpt4"]["name"] == "GPT-4"
    assert G.number_of_nodes() == 9


def test_graph_graphml_and_json_round_trip(tmp_path):
    G = _graph()
    write_graphml(G, tmp_path / "g.graphml")
    write_json(G, tmp_path / "g.json")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert set(H.nodes) == set(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    assert json.loads(H.nodes["data:mmlu"]["aliases"]) == ["Massive Multitask Language Understanding"]
    J = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="links")
    assert set(J.nodes) == set(G.nodes)
    assert J.number_of_edges() == G.number_of_edges()
    assert J.nodes["model:glm130b"]["introduced_in"] == ["paper:p1"]
