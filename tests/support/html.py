"""Hand-built graphs shared by the HTML export tests (tests/test_html.py, tests/test_browser_html.py)."""

from __future__ import annotations

import networkx as nx

from kgraph.graph import build_graph
from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction

XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_ABSTRACT = "Intro </script><script>alert(2)</script> & more\u2028line\u2029para. We use GPT-4."


def _m(sentence: str) -> tuple[Mention, ...]:
    return (Mention(0, 3, sentence, sentence[:3]),)


def make_extractions() -> list[PaperExtraction]:
    """A small hand-built corpus: every node type, an alias, a family, links and hostile text."""
    return [
        PaperExtraction(
            Paper("p1", "Llama 2: Open Foundation Models", "We introduce Llama 2. Llama-2-7B beats GPT-4 on MMLU.",
                  url="https://arxiv.org/abs/2307.09288", authors=("Ann", "Bo"), date="2023-07-18"),
            (
                Entity("Llama 2", "Model", introduced=True, aliases=("Llama-2",), mentions=_m("We introduce Llama 2.")),
                Entity("Llama-2-7B", "Model", family="Llama 2", mentions=_m("Llama-2-7B beats GPT-4 on MMLU.")),
                Entity("GPT-4", "Model", mentions=_m("Llama-2-7B beats GPT-4 on MMLU.")),
                Entity("MMLU", "Benchmark", mentions=_m("Llama-2-7B beats GPT-4 on MMLU.")),
            ),
            (Link("https://github.com/facebookresearch/llama", "github",
                  _m("Code: https://github.com/facebookresearch/llama")),),
        ),
        PaperExtraction(
            Paper("p2", XSS_TITLE, XSS_ABSTRACT, url="javascript:alert(3)"),
            (
                Entity("GPT-4", "Model", aliases=("GPT4",), mentions=tuple(
                    Mention(start, start + 5, s, "GPT-4") for start, s in ((7, "We use <b>GPT-4</b> & friends."),
                                                                          (0, "GPT-4 twice."), (0, "GPT-4 thrice."))
                )),
                Entity("ImageNet", "Dataset", mentions=_m("ImageNet.")),
            ),
            (Link("https://huggingface.co/datasets/x", "huggingface", _m("Data: https://huggingface.co/datasets/x")),),
        ),
        PaperExtraction(Paper("p3", "A paper about nothing", "Nothing is named here.")),
    ]


def make_graph() -> nx.MultiDiGraph:
    return build_graph(make_extractions())


def big_graph(n_papers: int = 40) -> nx.MultiDiGraph:
    """Papers that all mention Hub, some mention Mid, each also mentions its own Solo<i> model."""
    out = []
    for i in range(n_papers):
        ents = [Entity("HubNet", "Model"), Entity(f"Solo{i}", "Model")]
        if i % 4 == 0:
            ents.append(Entity("MidBench", "Benchmark"))
        out.append(PaperExtraction(Paper(f"q{i:03d}", f"Paper {i}", "Text."), tuple(ents)))
    return build_graph(out)
