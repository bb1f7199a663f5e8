"""Which names are the paper's own artifacts: the ``introduced`` flag (kgraph.extract.introduced).

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

import pytest

from kgraph.extract.rules import load_recognizer

from support.extract import found_intro, found_intro_in_order


def test_extract_family_used_as_modifier_is_not_introduced():
    text = (
        "MosaicBERT: A Bidirectional Encoder Optimized for Fast Pretraining\n\nHere, we introduce MosaicBERT, "
        "a BERT-style encoder architecture and training recipe that is empirically optimized for fast pretraining."
    )
    ents = {f.name: (f.type, f.introduced) for f in load_recognizer().find(text)}
    assert ents == {"MosaicBERT": ("Model", True), "BERT": ("Model", False)}


def test_extract_novel_datasets_after_coordination():
    text = "T\n\nOut of those 6 metrics, AdvPromptSet and HolisticBiasR are novel datasets proposed in the paper."
    assert found_intro_in_order(text) == [("AdvPromptSet", "Dataset", True), ("HolisticBiasR", "Dataset", True)]


@pytest.mark.parametrize(
    "text",
    [
        # the introduced objectives are *for* the named model
        "In the first part, we introduce three alternative pre-training objectives to BERT's Masked Language "
        "Modeling (MLM), namely Random Token Substitution (RTS), Cluster-based Random Token Substitution (C-RTS), "
        "and Swapped Language Modeling (SLM).",
        # "our model outperforms X": X is compared with, not introduced
        "On the FLORES-101 machine translation benchmark, our model outperforms GPT-3 on 171 out of 182 directions "
        "with 32 training examples, while surpassing the official supervised baseline in 45 directions.",
    ],
)
def test_extract_used_models_are_not_introduced(text):
    ents = load_recognizer().find("T\n\n" + text)
    assert [f.name for f in ents if f.introduced] == []


def test_extract_our_known_family_is_not_introduced():
    text = "T\n\nTo accelerate future research, we will make our 24 pre-trained miniature BERT models publicly available."
    assert found_intro_in_order(text) == [("BERT", "Model", False)]


def test_extract_model_available_at_a_link_is_introduced():
    text = (
        "T\n\nExperimental results show that our method significantly improves ELECTRA's average performance. "
        "The pre-trained MCL model is available at https://huggingface.co/McmanusChen/MCL-base."
    )
    assert found_intro_in_order(text) == [("ELECTRA", "Model", False), ("MCL", "Model", True)]


def test_extract_name_built_on_an_introduced_name_is_introduced():
    text = (
        "Mistral-SPLADE: LLMs for better Learned Sparse Retrieval\n\n"
        "The LLM based model (Echo-Mistral-SPLADE) now stands as a state-of-the-art learned sparse retrieval model "
        "on the BEIR text retrieval benchmark."
    )
    assert found_intro_in_order(text) == [
        ("Mistral-SPLADE", "Model", True),
        ("Echo-Mistral-SPLADE", "Model", True),
        ("BEIR", "Benchmark", False),
    ]


def test_extract_title_appositive_sized_name_is_introduced():
    text = (
        "Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B, A Large-Scale Generative Language Model\n\n"
        "Pretrained general-purpose language models can achieve state-of-the-art accuracies in various natural "
        "language processing domains by adapting to downstream tasks via zero-shot, few-shot and fine-tuning techniques."
    )
    assert found_intro_in_order(text) == [("Megatron-Turing NLG 530B", "Model", True)]


def test_extract_parts_of_a_new_resource_are_introduced():
    text = (
        "T\n\nTo support these tasks, we propose LLMDetect, a benchmark designed to evaluate detectors' performance on "
        "these new tasks. LLMDetect includes the Hybrid News Detection Corpus (HNDC) for training detectors, as well "
        "as DetectEval, a comprehensive evaluation suite that considers five distinct cross-context variations and "
        "two multi-intensity variations within the same LLM role."
    )
    ents = load_recognizer().find(text)
    assert [(f.name, f.type, f.introduced) for f in ents] == [
        ("LLMDetect", "Benchmark", True),
        ("HNDC", "Dataset", True),
        ("DetectEval", "Benchmark", True),
    ]
    assert ents[1].aliases == ["Hybrid News Detection Corpus"]


def test_extract_obtained_resource_is_introduced():
    text = (
        "T\n\nFurthermore, as a useful byproduct of our approach, we obtain DIMSUM+, a high-quality dataset with 3.4M "
        "sentence summaries and paraphrases."
    )
    assert found_intro_in_order(text) == [("DIMSUM+", "Dataset", True)]


def test_extract_base_of_new_versions_is_not_introduced():
    text = (
        "T\n\nIn this paper, we introduce two new versions of the CamemBERT base model-CamemBERTav2 and "
        "CamemBERTv2-designed to address these challenges."
    )
    assert found_intro_in_order(text) == [
        ("CamemBERT base", "Model", False),
        ("CamemBERTav2", "Model", True),
        ("CamemBERTv2", "Model", True),
    ]


def test_namely_after_a_plural_lists_what_exists():
    # "platforms, namely ..." names no entity; "benchmarks, namely ..." types but does not introduce
    text = (
        "LiveCodeBench: Holistic and Contamination Free Evaluation of Large Language Models for Code\n\n"
        "In this work, we propose LiveCodeBench, a comprehensive and contamination-free evaluation of LLMs for code, "
        "which continuously collects new problems over time from contests across three competition platforms, "
        "namely LeetCode, AtCoder, and CodeForces."
    )
    assert found_intro(text) == {"LiveCodeBench": ("Benchmark", True)}
    text = (
        "Through comprehensive experiments on four prominent code generation benchmarks, namely HumanEval, "
        "HumanEval+, MBPP, and DS-1000, we unveil the exceptional capabilities of our model."
    )
    assert found_intro(text) == {
        "HumanEval": ("Benchmark", False), "HumanEval+": ("Benchmark", False), "MBPP": ("Benchmark", False),
        "DS-1000": ("Benchmark", False),
    }


def test_introduced_needs_no_relative_clause_between():
    text = (
        "In this paper, we introduce DeepSeekMath 7B, which continues pre-training DeepSeek-Coder-Base-v1.5 7B with "
        "120B math-related tokens sourced from Common Crawl, together with natural language and code data."
    )
    ents = found_intro(text)
    assert ents["DeepSeekMath 7B"] == ("Model", True)
    assert ents["DeepSeek-Coder-Base-v1.5 7B"] == ("Model", False)


def test_more_introducing_verb_forms():
    text = (
        "We finally present UltraFeedback, a large-scale, high-quality, and diversified AI feedback dataset, which "
        "contains over 1 million GPT-4 feedback for 250k user-assistant conversations from various aspects."
    )
    assert found_intro(text) == {"UltraFeedback": ("Dataset", True), "GPT-4": ("Model", False)}
    text = (
        "We are releasing the Segment Anything Model (SAM) and corresponding dataset (SA-1B) of 1B masks and 11M "
        "images at https://segment-anything.com to foster research into foundation models for computer vision."
    )
    assert found_intro(text) == {"SAM": ("Model", True), "SA-1B": ("Dataset", True)}


def test_introduced_from_a_later_typed_mention():
    text = (
        "This paper presents E5, a family of state-of-the-art text embeddings that transfer well to a wide range of "
        "tasks. For zero-shot settings, E5 is the first model that outperforms the strong BM25 baseline on the BEIR "
        "retrieval benchmark without using any labeled data."
    )
    assert found_intro(text) == {"E5": ("Model", True), "BEIR": ("Benchmark", False)}
