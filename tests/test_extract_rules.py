"""Tests of the rule families added to kgraph.extract.rules.

Each sentence is copied from the sample listings (/work/shared/corpus); each
test states the exact entities (name, type) the annotation guidelines expect.
"""

import pytest

from kgraph.extract.rules import load_recognizer


def found(text):
    return [(f.name, f.type) for f in load_recognizer().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size after a name attaches even before a comma; only a second size spreads it
        (
            "Models like BLOOM 1.7B, trained on diverse multilingual datasets, aim to bridge linguistic gaps.",
            [("BLOOM 1.7B", "Model")],
        ),
        # a size before a known family ("13B Llama-2") is a sized name; after "and" it may
        # be a spread size ("7B and 13B models"), so "175B GPT-3" gives the family only
        (
            "Notably, a 1.1B MDM breaks the reverse curse encountered by much larger ARMs with significantly "
            "more data and computation, such as 13B Llama-2 and 175B GPT-3.",
            [("13B Llama-2", "Model"), ("GPT-3", "Model")],
        ),
        # a capitalised word before a sized name is part of it
        (
            "It also consistently and significantly outperforms ERNIE TITAN 3.0 260B -- the largest Chinese "
            "language model -- across related benchmarks.",
            [("ERNIE TITAN 3.0 260B", "Model")],
        ),
    ],
)
def test_extract_rules_sized_names(text, expected):
    assert found(text) == expected


def test_extract_rules_capitalised_phrase_with_type_noun():
    text = (
        "Our base models achieve strong performance on a wide range of benchmarks like MMLU, and our finetuned "
        "chat models deliver strong human preference rate on major evaluation platforms like AlpacaEval and Chatbot Arena."
    )
    assert found(text) == [("MMLU", "Benchmark"), ("AlpacaEval", "Benchmark"), ("Chatbot Arena", "Benchmark")]


def test_extract_rules_capitalised_phrase_before_lowercase_noun():
    text = (
        "In our empirical evaluation of the Natural Instructions V2 benchmark, we find that SELF-GUIDE improves "
        "the performance of LLM by a substantial margin."
    )
    assert found(text) == [("Natural Instructions V2", "Benchmark")]


def test_extract_rules_capitalised_list_items_share_type():
    text = (
        "In this paper, we introduce UNITER, a UNiversal Image-TExt Representation, learned through large-scale "
        "pre-training over four image-text datasets (COCO, Visual Genome, Conceptual Captions, and SBU Captions), "
        "which can power heterogeneous downstream V+L tasks with joint multimodal embeddings."
    )
    assert found(text) == [
        ("COCO", "Dataset"),
        ("Visual Genome", "Dataset"),
        ("Conceptual Captions", "Dataset"),
        ("SBU Captions", "Dataset"),
    ]


def test_extract_rules_examples_in_parentheses_are_typed():
    text = (
        "However, all previous graph generative models (e.g., GraphRNN, MDVAE, MoFlow, GDSS, and DiGress) have "
        "been trained only on one dataset each time, which cannot replicate the revolutionary success achieved by "
        "LGMs in other fields."
    )
    assert found(text) == [
        ("GraphRNN", "Model"),
        ("MDVAE", "Model"),
        ("MoFlow", "Model"),
        ("GDSS", "Model"),
        ("DiGress", "Model"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # an abbreviation of generic words is a class, not a model
        "In this work, we aim to capitalize on the unique few-shot capabilities of large-scale language models "
        "(LSLMs) to overcome some of their challenges with respect to grounding to factual and up-to-date information.",
        # a size letter on a generic class
        "Small-scale MLLM (s-MLLM) aims to retain the capabilities of the large-scale model (l-MLLM) while "
        "reducing computational demands, but resulting in a significant decline in performance.",
        # an abbreviation of a term in plain lowercase words
        "To address this issue, we examined two human interventions, 1) label replacement (LR), correcting "
        "misaligned labels, and 2) out-of-scope filtering (OOSF), removing instances that are out of the user's "
        "domain of interest.",
    ],
)
def test_extract_rules_generic_abbreviations_are_not_entities(text):
    assert found(text) == []


def test_extract_rules_score_names_are_metrics():
    text = (
        "Experimental results demonstrate that our distilled open-source MLLM significantly outperforms the "
        "current state-of-the-art GPT-4o-base baseline, VIEScore, with over 4.6% improvement in Spearman and "
        "Kendall correlations with human judgments."
    )
    assert ("VIEScore", "Model") not in found(text)


def test_extract_rules_data_taken_from_a_name_is_a_dataset():
    text = (
        "Using unstructured text from GlotCC and structured knowledge from ConceptNet, we show that small "
        "adaptation datasets (e.g., up to 1 GB of free-text or a few MB of knowledge graph data) yield gains in "
        "intrinsic (masked language modeling) and extrinsic tasks."
    )
    assert found(text) == [("GlotCC", "Dataset"), ("ConceptNet", "Dataset")]


def test_extract_rules_known_model_called_framework_stays_a_model():
    text = (
        "ELECTRA, the generator-discriminator pre-training framework, has achieved impressive semantic "
        "construction capability among various downstream tasks."
    )
    assert found(text) == [("ELECTRA", "Model")]


def test_extract_rules_lowercase_word_glued_to_a_name():
    text = (
        "In this paper, we introduce two new versions of the CamemBERT base model-CamemBERTav2 and "
        "CamemBERTv2-designed to address these challenges."
    )
    assert found(text) == [("CamemBERT base", "Model"), ("CamemBERTav2", "Model"), ("CamemBERTv2", "Model")]


def test_extract_rules_hosted_model_families_from_litellm():
    text = (
        "Recently developed large language models (LLMs) such as ChatGPT, Claude, and Llama have demonstrated "
        "impressive abilities, and even surpass human-level performance in several tasks."
    )
    assert found(text) == [("ChatGPT", "Model"), ("Claude", "Model"), ("Llama", "Model")]


def test_extract_rules_family_used_as_modifier_is_not_introduced():
    text = (
        "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining\n\nHere, we introduce MosaicBERT, "
        "a BERT-style encoder architecture and training recipe that is empirically optimized for fast pretraining."
    )
    ents = {f.name: (f.type, f.introduced) for f in load_recognizer().find(text)}
    assert ents == {"MosaicBERT": ("Model", True), "BERT": ("Model", False)}


def test_extract_rules_title_question_gives_no_type():
    text = (
        "TinyStories: How Small Can Language Models Be and Still Speak Coherent English?\n\n"
        "In this work, we introduce TinyStories, a synthetic dataset of short stories that only contain words "
        "that a typical 3 to 4-year-olds usually understand, generated by GPT-3.5 and GPT-4."
    )
    ents = {f.name: (f.type, f.introduced) for f in load_recognizer().find(text)}
    assert ents["TinyStories"] == ("Dataset", True)
