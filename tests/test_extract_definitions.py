"""Names a defining phrase introduces, and abbreviations (kgraph.extract.definitions).

"a new corpus of generics, X", "X, a dataset", "a model called X", 'a "Large Concept Model"',
"which we release as X"; abbreviations and their long forms, generic classes that are no entity.

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

import pytest

from kgraph.extract.rules import load_recognizer

from support.extract import found, found_intro, found_intro_in_order


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
def test_extract_generic_abbreviations_are_not_entities(text):
    assert found(text) == []


def test_extract_defining_noun_phrase_before_name():
    text = (
        "T\n\nMoreover, our study leads to a new corpus of generics, Gen-A-Tomic, that is of the largest and "
        "highest quality available to date."
    )
    assert found_intro_in_order(text) == [("Gen-A-Tomic", "Dataset", True)]


def test_extract_defining_appositive_after_plain_name():
    # an "-Eval" resource the text calls a dataset is evaluation data: a benchmark
    text = (
        "T\n\nThis paper addresses this gap by first creating and disseminating Tele-Data, a comprehensive dataset "
        "of telecommunications material curated from relevant sources, and Tele-Eval, a large-scale "
        "question-and-answer dataset tailored to the domain."
    )
    # the second of two coordinated definitions is introduced with the first
    assert found_intro_in_order(text) == [("Tele-Data", "Dataset", True), ("Tele-Eval", "Benchmark", True)]


def test_extract_defining_resulting_dataset():
    text = (
        "T\n\nThe resulting dataset, DCLM-Baseline enables training a 7B parameter language model from scratch "
        "to 64% 5-shot accuracy on MMLU with 2.6T training tokens."
    )
    assert found_intro_in_order(text) == [("DCLM-Baseline", "Dataset", True), ("MMLU", "Benchmark", False)]


def test_extract_called_multiword_name_ending_in_type_noun():
    text = (
        "T\n\nTo remedy this crucial gap, we propose a new class of graph generative model called Large Graph "
        "Generative Model (LGGM) that is trained on a large corpus of graphs (over 5000 graphs) from 13 different domains."
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced) == ("LGGM", "Model", True)
    assert ent.aliases == ["Large Graph Generative Model"]


def test_extract_called_generic_class_is_not_an_entity():
    text = (
        "T\n\nSuch models - commonly referred to as Large Language Models (LLMs) - have recently gained prominence "
        "with the general public, thanks to conversational fine-tuning, putting their behavior in line with public "
        "expectations regarding AI."
    )
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head of the named phrase is the noun before its preposition, not the nearest noun
        (
            "To address this, our work presents the pioneering attempt to develop a unified MLLM with the MoE "
            "architecture, named Uni-MoE that can handle a wide array of modalities.",
            [("Uni-MoE", "Model", True)],
        ),
        # "a new set of models": the head is after "of" (the sentence's last clause)
        (
            "Introducing a new set of models at 8B, 62B, and 540B scale which we call U-PaLM.",
            [("U-PaLM", "Model", True)],
        ),
        # "refer to the resulting model as X"; "X, an mPLM ...": a model class defines a model
        (
            "Using Glot500-m, an mPLM pretrained on over 500 languages, as our source model, we fine-tune it on a "
            "small portion (5%) of its training data, and refer to the resulting model as Furina.",
            [("Glot500-m", "Model", False), ("Furina", "Model", True)],
        ),
    ],
)
def test_extract_naming_phrase_head(text, expected):
    assert found_intro_in_order("T\n\n" + text) == expected


def test_extract_crawl_phrase_is_a_dataset():
    text = (
        "As part of DCLM, we provide a standardized corpus of 240T tokens extracted from Common Crawl, effective "
        "pretraining recipes based on the OpenLM framework, and a broad suite of 53 downstream evaluations."
    )
    assert ("Common Crawl", "Dataset") in found(text)


def test_extract_task_abbreviations_are_not_entities():
    text = (
        "Although scale amplifies their prowess in NLU tasks, LLMs fall short of SOTA results in information "
        "extraction (IE) tasks, many framed as sequence labeling (SL)."
    )
    assert found(text) == []


def test_extract_quoted_name_after_an_article():
    text = (
        'Large Concept Models: Language Modeling in a Sentence Representation Space\n\nHence, we build a "Large '
        'Concept Model". In this study, as proof of feasibility, we assume that a concept corresponds to a sentence.'
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced) == ("Large Concept Model", "Model", True)


def test_extract_abbreviation_prefers_initials_over_scattered_letters():
    # "(ARMs)" abbreviates "auto-regressive models", a class, not "are rivaling the auto-regressive models"
    text = (
        "T\n\nMasked diffusion models (MDMs) have emerged as a popular research topic for generative modeling of "
        "discrete data, thanks to their superior performance over other discrete diffusion models, and are rivaling "
        "the auto-regressive models (ARMs) for language modeling tasks."
    )
    assert found(text) == []


def test_extract_framework_appositive_rules_a_capitalised_run_out():
    text = (
        "T\n\nWe present Impossible Distillation, a framework that distills a task-specific dataset directly from an "
        "off-the-shelf LM, even when it is impossible for the LM itself to reliably solve the task."
    )
    assert found(text) == []


def test_extract_plural_abbreviation_of_language_models_is_a_class():
    text = (
        "T\n\nWe refer to GPT-3 and its successor OpenAI models, including ChatGPT and GPT4, as GPT-3 family large "
        "language models (GLLMs). We also discuss the data labelling and data augmentation abilities of GLLMs, the "
        "robustness of GLLMs, the effectiveness of GLLMs as evaluators, and finally, conclude with multiple "
        "insightful future research directions."
    )
    assert found(text) == [("GPT-3", "Model"), ("ChatGPT", "Model"), ("GPT4", "Model")]


def test_extract_the_dataset_they_used():
    text = "T\n\nHowever, the dataset they used, M3W, is not public and is only in English."
    assert found_intro_in_order(text) == [("M3W", "Dataset", False)]


def test_plural_abbreviation_of_a_class_is_no_model():
    text = (
        "Specifically, we introduce the solid theoretical foundation and fundamental concepts behind diffusion models "
        "and the three generic diffusion modelling frameworks: denoising diffusion probabilistic models (DDPMs), "
        "noise-conditioned score networks (NCSNs), and stochastic differential equations (SDEs)."
    )
    assert found(text) == []
    text = (
        "Thus, it is challenging to track the progression in the Large Audio-Language Models (LALMs) domain and to "
        "provide guidance for future improvement."
    )
    assert found(text) == []


def test_a_name_the_paper_releases_as_names_its_data():
    text = (
        "The training data, which we release as LumenWeb, are derived from FineWeb-2 and CulturaX with a language-specific "
        "quality classifier distilled from annotations by Llama-3.3-70B-Instruct."
    )
    assert found_intro(text)["LumenWeb"] == ("Dataset", True)
    text = (
        "Distillation uses 1.1M prompts and responses in 20 languages, which we release as ShieldMix, combining translated "
        "samples from Aegis 2.0 and WildGuardMix with newly collected harmful requests from native speakers."
    )
    assert found_intro(text) == {"ShieldMix": ("Dataset", True)}
