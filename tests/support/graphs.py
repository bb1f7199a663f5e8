"""Hand-built graphs shared by the RDF, query, store, serve and ontology tests.

tests/test_rdf_graphs.py checks that they have the shape those tests rely on.
"""

from __future__ import annotations

import networkx as nx

from kgraph.graph import build_graph
from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction

NASTY_NAMES = [
    "GPT 4 (large)",
    'Q "wen" 2',
    "C#-Net",
    "<Model>",
    "a/b/c",
    "../..",
    ".",
    "100%",
    "%2F",
    "naïve-BERT",
    "模型-7B",
    "emoji 🤖 model",
    "tab\tand\nnewline",
    "back\\slash",
    "{curly}|pipe^caret`tick",
    "?query=1&x=2",
    "trailing.",
    "   ",
    "ends-with-#",
    "\u202eRLO",
]


def _spans(sentence: str, *names: str) -> dict[str, Mention]:
    return {n: Mention(sentence.index(n), sentence.index(n) + len(n), sentence, n) for n in names}


def listing_a() -> list[PaperExtraction]:
    """Three papers: one introduces a benchmark with code, one a dataset without code, one with links."""
    s1 = "We introduce FooBench and evaluate GPT-4 and Llama-2-7B on FooBench and MMLU."
    s1b = "Code is at https://github.com/Org/Foo ."
    m1 = _spans(s1, "FooBench", "GPT-4", "Llama-2-7B", "MMLU")
    p1 = PaperExtraction(
        Paper("p1", "FooBench: a benchmark", s1 + " " + s1b, arxiv_id="2403.00001", url="https://arxiv.org/abs/2403.00001",
              date="2024-03-13", authors=("Ada Lovelace", "Alan Turing"), source="a.txt:3"),
        (
            Entity("FooBench", "Benchmark", introduced=True, mentions=(m1["FooBench"],)),
            Entity("GPT-4", "Model", mentions=(m1["GPT-4"],)),
            Entity("Llama-2-7B", "Model", family="Llama-2", mentions=(m1["Llama-2-7B"],)),
            Entity("MMLU", "Benchmark", mentions=(m1["MMLU"],)),
        ),
        (Link("https://github.com/Org/Foo", "github", (Mention(s1b.index("https"), s1b.index("https") + 26, s1b),)),),
    )
    s2 = "We release WebSet, a dataset of web pages. GPT-4 scores 80 on MMLU."
    m2 = _spans(s2, "WebSet", "GPT-4", "MMLU")
    p2 = PaperExtraction(
        Paper("p2", "WebSet", s2, date="Mar 13"),
        (
            Entity("WebSet", "Dataset", introduced=True, mentions=(m2["WebSet"],)),
            Entity("GPT-4", "Model", mentions=(m2["GPT-4"],)),
            Entity("MMLU", "Benchmark", mentions=(m2["MMLU"],)),
            Entity("Llama 2", "Model", aliases=("LLaMA-2",)),
        ),
    )
    s3 = "GPT-4 and Claude 3 are compared. GPT-4 wins. GPT-4 is costly."
    p3 = PaperExtraction(
        Paper("p3", "Comparing GPT-4 and Claude 3", s3),
        (
            Entity("GPT-4", "Model", mentions=tuple(Mention(i, i + 5, s3, "GPT-4") for i in (0, 33, 44))),
            Entity("Claude 3", "Model", mentions=(Mention(10, 18, s3, "Claude 3"),)),
            Entity("NewSet", "Dataset", introduced=True),
        ),
        (
            Link("https://github.com/Lab/newset", "github"),
            Link("https://github.com/Lab", "github"),
            Link("https://huggingface.co/datasets/Lab/newset", "huggingface"),
        ),
    )
    return [p1, p2, p3]


def listing_b() -> list[PaperExtraction]:
    """Two papers: p3 again (as in listing A) and a new paper p4 that mentions GPT-4 and a new repository of Org."""
    s4 = "We fine-tune GPT-4 on MMLU. See https://github.com/Org/Bar ."
    m4 = _spans(s4, "GPT-4", "MMLU")
    p4 = PaperExtraction(
        Paper("p4", "Fine-tuning GPT-4", s4, source="b.txt:1"),
        (
            Entity("GPT-4", "Model", mentions=(m4["GPT-4"],)),
            Entity("MMLU", "Benchmark", mentions=(m4["MMLU"],)),
        ),
        (Link("https://github.com/Org/Bar", "github"),),
    )
    return [listing_a()[2], p4]


def listing_a_graph() -> nx.MultiDiGraph:
    """The graph of listing A (the session fixture ``sample_graph`` of conftest.py is the sample corpus's)."""
    return build_graph(listing_a())


def nasty_graph() -> nx.MultiDiGraph:
    """A paper mentioning one model and one dataset per nasty name, plus nasty links."""
    ents = []
    for i, name in enumerate(NASTY_NAMES):
        ents.append(Entity(name, "Model" if i % 2 else "Dataset"))
    links = (Link("https://huggingface.co/a b/<c>", "huggingface"), Link("https://github.com/we%ird/re.po", "github"))
    paper = Paper('paper "#1" <x>', 'Title with "quotes" and \\ and <tags>', "Abstract\nwith newline.", url="https://example.org/a b")
    return build_graph([PaperExtraction(paper, tuple(ents), links)])
