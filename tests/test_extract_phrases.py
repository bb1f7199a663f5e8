"""Names of plain words that their context marks (kgraph.extract.phrases).

A capitalised phrase a type noun names, a release number after capitalised words, capitalised list
items beside a name, a parameter count or a checkpoint id in parentheses.

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

from support.extract import found, found_intro


def test_extract_capitalised_phrase_with_type_noun():
    text = (
        "Our base models achieve strong performance on a wide range of benchmarks like MMLU, and our finetuned "
        "chat models deliver strong human preference rate on major evaluation platforms like AlpacaEval and Chatbot Arena."
    )
    assert found(text) == [("MMLU", "Benchmark"), ("AlpacaEval", "Benchmark"), ("Chatbot Arena", "Benchmark")]


def test_extract_capitalised_phrase_before_lowercase_noun():
    text = (
        "In our empirical evaluation of the Natural Instructions V2 benchmark, we find that SELF-GUIDE improves "
        "the performance of LLM by a substantial margin."
    )
    assert found(text) == [("Natural Instructions V2", "Benchmark")]


def test_extract_capitalised_list_items_share_type():
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


def test_extract_data_size_between_name_and_corpus():
    text = (
        "T\n\nOur experiments show that w2v-BERT achieves competitive results compared to current state-of-the-art "
        "pre-trained models on the LibriSpeech benchmarks when using the Libri-Light~60k corpus as the unsupervised data."
    )
    assert found(text) == [("w2v-BERT", "Model"), ("LibriSpeech", "Benchmark"), ("Libri-Light", "Dataset")]


def test_a_parameter_count_in_parentheses_sizes_a_model_of_any_shape():
    assert found_intro("We release Tidal-Small (38M), Tidal-Base (205M) and Tidal-Large (710M).") == {
        "Tidal-Small": ("Model", True), "Tidal-Base": ("Model", True), "Tidal-Large": ("Model", True),
    }
    text = (
        "Chinchilla uniformly and significantly outperforms Gopher (280B), GPT-3 (175B), Jurassic-1 (178B) and "
        "Megatron-Turing NLG (530B) on a wide range of downstream tasks."
    )
    got = found(text)
    assert ("Gopher", "Model") in got and ("GPT-3", "Model") in got and ("Jurassic-1", "Model") in got
    # counts of tokens are data sizes
    assert found("The corpus contains Wikipedia (2.5B) and Books (1B) tokens.") == [("Wikipedia", "Dataset")]


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


def test_one_word_and_a_bare_decimal_is_left_alone():
    # only a "v" release tag makes a single capitalised word a versioned name ("Midjourney v5")
    text = (
        "Distillation uses 1.1M prompts and responses in 20 languages, which we release as ShieldMix, combining translated "
        "samples from Aegis 2.0 and WildGuardMix with newly collected harmful requests from native speakers."
    )
    assert found_intro(text) == {"ShieldMix": ("Dataset", True)}
