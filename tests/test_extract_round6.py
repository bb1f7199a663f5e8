"""Tests of the sixth round of general rules (listing-style abstracts of 2019-2024, half based on real papers).

Each sentence is copied from the dev6 listings (tests/data/dev6/listing-*.jsonl); each test
states the exact entities (name and type) the annotation guidelines expect from the rule
family it covers, and a sentence the family must leave alone.
"""

from extract_helpers import found, found_intro


def test_a_two_digit_decimal_after_a_versioned_name_is_a_score_not_its_version():
    text = (
        "On VeriCite, zero-shot GPT-4 reaches 71.3 macro-F1, GPT-3.5-Turbo 58.0, and an NLI checker based on T5-11B 62.4, "
        "with all systems over-crediting partial support."
    )
    got = found(text)
    assert ("GPT-3.5-Turbo", "Model") in got
    assert ("T5-11B", "Model") in got
    assert not any(name.endswith(("58.0", "62.4")) for name, _ in got)
    # "macro-F1" is an averaged metric, not a model
    assert not any(name == "macro-F1" for name, _ in got)


def test_a_release_number_after_capitalised_words_makes_them_a_name():
    text = "We evaluate Stable Diffusion v1.5, Stable Diffusion 2.1, SDXL, DeepFloyd IF, DALL·E 3 and Midjourney v5."
    got = found(text)
    assert got[:3] == [("Stable Diffusion v1.5", "Model"), ("Stable Diffusion 2.1", "Model"), ("SDXL", "Model")]
    text = (
        "We fine-tune Whisper large-v2, XLS-R 300M and MMS-1B-all on Sauti-500 and evaluate on its held-out test set as "
        "well as on the Swahili portions of Common Voice 13.0 and FLEURS."
    )
    assert ("Common Voice 13.0", "Benchmark") in found(text)
    # a plain word and a number, and an article that belongs to the name, give nothing
    assert found("Version 2.1 of the tool is faster.") == []
    assert found("We draw files from The Stack v2 only.") == []


def test_the_systems_a_paper_evaluates_are_models():
    # "We evaluate A, B and C": what is evaluated (not evaluated *on*) are the systems
    text = "We evaluate Codex (code-davinci-002), CodeGen-16B-mono, InCoder-6.7B, SantaCoder and StarCoder."
    assert ("SantaCoder", "Model") in found(text)
    # a single name is not enough: "We evaluate X on Y" may evaluate the paper's method
    assert found("We evaluate Quokka on the new split.") == []


def test_a_lowercase_checkpoint_id_in_parentheses_is_a_model_of_its_own():
    text = (
        "We evaluate semantic parsers that generate SPARQL with mT5-large and mBART-50, a pipeline that translates questions "
        "to English before parsing, and a zero-shot prompting baseline with GPT-3 (text-davinci-002)."
    )
    got = found(text)
    assert ("GPT-3", "Model") in got
    assert ("text-davinci-002", "Model") in got
    text = "We evaluate Codex (code-davinci-002), CodeGen-16B-mono, InCoder-6.7B, SantaCoder and StarCoder."
    assert found(text)[0] == ("code-davinci-002", "Model")
    # a lowercase word without a number is no checkpoint
    assert found("We use GPT-3 (davinci) as judge.") == [("GPT-3", "Model")]


def test_a_name_the_gazetteer_writes_glued_may_be_written_as_two_words():
    text = (
        "Dense retrievers trained on MS MARCO work well in English but degrade sharply in other languages, and translating "
        "the training queries (as in mMARCO) is expensive for hundreds of languages."
    )
    got = found(text)
    assert ("MS MARCO", "Dataset") in got
    assert not any(name == "MS" for name, _ in got)


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


def test_examples_of_metrics_are_not_entities():
    text = "Faithfulness metrics such as FactCC and QAGS agree with the human judgments in direction but overstate the improvement."
    assert ("FactCC", "Benchmark") not in found(text)
    # "general metrics such as MMLU": benchmarks measured by general scores
    text = "GLM-4 rivals GPT-4 in terms of general metrics such as MMLU, GSM8K, MATH, BBH, GPQA, and HumanEval."
    assert ("MATH", "Benchmark") in found(text)


def test_bare_train_on_names_training_data():
    text = (
        "Starting from Mistral-7B-v0.1 fine-tuned on UltraChat (the recipe of Zephyr-7B-beta), we train on UltraFeedback "
        "and compare MaDPO with DPO, IPO and KTO."
    )
    assert ("UltraFeedback", "Dataset") in found(text)
    # "train X with Y": bare "train" takes only "on" for data
    text = "To measure the value of the data, we train CLIP models with ViT-B/16 and ViT-L/14 image encoders on GeoSynCap-5M."
    assert ("ViT-B/16", "Dataset") not in found(text)


def test_one_word_and_a_bare_decimal_is_left_alone():
    # only a "v" release tag makes a single capitalised word a versioned name ("Midjourney v5")
    text = (
        "Distillation uses 1.1M prompts and responses in 20 languages, which we release as ShieldMix, combining translated "
        "samples from Aegis 2.0 and WildGuardMix with newly collected harmful requests from native speakers."
    )
    assert found_intro(text) == {"ShieldMix": ("Dataset", True)}
