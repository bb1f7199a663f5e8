"""One type per name across its mentions and variants (kgraph.extract.resolve and Recognizer._group).

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

from kgraph.extract.rules import load_recognizer

from support.extract import found, found_intro


def test_extract_names_of_a_method_family_are_not_entities():
    text = (
        "DetectLLM: Leveraging Log Rank Information for Zero-Shot Detection of Machine-Generated Text\n\n"
        "In this paper, we introduce two novel zero-shot methods for detecting machine-generated text by leveraging "
        "the log rank information. One is called DetectLLM-LRR, which is fast and efficient, and the other is called "
        "DetectLLM-NPR, which is more accurate, but slower due to the need for perturbations."
    )
    assert found(text) == []


def test_title_benchmark_outweighs_abstract_dataset():
    text = (
        "GPQA: A Graduate-Level Google-Proof Q&A Benchmark\n\n"
        "We present GPQA, a challenging dataset of 448 multiple-choice questions written by domain experts in "
        "biology, physics, and chemistry."
    )
    assert found_intro(text) == {"GPQA": ("Benchmark", True)}


def test_name_with_and_without_its_type_noun_is_one_entity():
    text = (
        "The Belebele Benchmark: a Parallel Reading Comprehension Dataset in 122 Language Variants\n\n"
        "We present Belebele, a multiple-choice machine reading comprehension (MRC) dataset spanning 122 language variants."
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced) == ("Belebele Benchmark", "Benchmark", True)
    assert "Belebele" in ent.aliases


def test_hyphenated_variant_of_a_typed_name_shares_its_type():
    text = (
        "We present AbdoFound, a 3D vision transformer foundation model for abdominal CT. "
        "We release two variants, AbdoFound-B (86M parameters) and AbdoFound-L (304M parameters)."
    )
    assert found_intro(text) == {
        "AbdoFound": ("Model", True), "AbdoFound-B": ("Model", True), "AbdoFound-L": ("Model", True),
    }


def test_a_bare_name_whose_sized_forms_are_models_is_the_model_family():
    text = (
        "Kestrel: Bilingual Korean\u2013English Instruction Tuning with Culturally Grounded Data\n\n"
        "We build Kestrel-Instruct, a dataset of 212K Korean and English instructions. "
        "Fine-tuning Llama 2 on this data yields Kestrel-7B and Kestrel-13B."
    )
    got = found_intro(text)
    assert got["Kestrel"] == ("Model", True)
    assert got["Kestrel-7B"][0] == "Model"
    text = (
        "Skylark-DR: Distilling English Dense Retrievers into Multilingual Students without Parallel Queries\n\n"
        "We release two checkpoints, Skylark-DR-base and Skylark-DR-large."
    )
    assert found_intro(text)["Skylark-DR"] == ("Model", True)
    # a tail that is no size or variant makes no family
    assert "Orca" not in found_intro("We compare with Orca-Math-Solver and GPT-4.")
