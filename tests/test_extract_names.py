"""Which tokens are names and how far a name reaches (kgraph.extract.names, tokens, lexicon).

Name shapes, sizes, versions and variant words after a name, gazetteer names written glued or in lowercase,
and what is no name (a version alone, a resolution, a score, a metric).

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

import pytest

from kgraph.extract.rules import load_recognizer

from support.extract import found, found_intro, found_intro_in_order, introduced


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
def test_extract_sized_names(text, expected):
    assert found(text) == expected


def test_extract_score_names_are_metrics():
    text = (
        "Experimental results demonstrate that our distilled open-source MLLM significantly outperforms the "
        "current state-of-the-art GPT-4o-base baseline, VIEScore, with over 4.6% improvement in Spearman and "
        "Kendall correlations with human judgments."
    )
    assert ("VIEScore", "Model") not in found(text)


def test_extract_lowercase_word_glued_to_a_name():
    text = (
        "In this paper, we introduce two new versions of the CamemBERT base model-CamemBERTav2 and "
        "CamemBERTv2-designed to address these challenges."
    )
    assert found(text) == [("CamemBERT base", "Model"), ("CamemBERTav2", "Model"), ("CamemBERTv2", "Model")]


def test_extract_hosted_model_families_from_litellm():
    text = (
        "Recently developed large language models (LLMs) such as ChatGPT, Claude, and Llama have demonstrated "
        "impressive abilities, and even surpass human-level performance in several tasks."
    )
    assert found(text) == [("ChatGPT", "Model"), ("Claude", "Model"), ("Llama", "Model")]


def test_extract_article_of_a_corpus_name():
    text = (
        "Using FlashConv, we scale hybrid H3-attention language models up to 2.7B parameters on the Pile and find "
        "promising initial results."
    )
    assert ("Pile", "Dataset") in found(text)


def test_extract_lowercase_challenge_is_part_of_the_name():
    text = "Models benchmarking is performed by participating in the BabyLM challenge, published at CoNLL 2023 (Momen et al., 2023)."
    assert found(text) == [("BabyLM challenge", "Benchmark")]


def test_extract_acronym_highlight_inside_a_word_is_not_a_name():
    text = (
        "MERT: Acoustic Music Understanding Model with Large-Scale Self-supervised Training\n\n"
        "To address this research gap, we propose an acoustic Music undERstanding model with large-scale "
        "self-supervised Training (MERT), which incorporates teacher models to provide pseudo labels in the masked "
        "language modelling (MLM) style acoustic pre-training."
    )
    assert found_intro_in_order(text) == [("MERT", "Model", True)]


def test_extract_capitalised_modifier_tail_in_a_title():
    assert found("Under the Surface: Tracking the Artifactuality of LLM-Generated Data\n\nx") == []


def test_extract_variant_tag_on_a_known_family():
    text = (
        "For example, with a minor performance drop, i.e., -1.5%, gamma-MoD can reduce the training and inference "
        "time of LLaVA-HR by 31.0% and 53.2%, respectively."
    )
    assert found(text) == [("LLaVA-HR", "Model")]


def test_extract_track_with_year_is_one_name():
    text = (
        "T\n\nOur evaluation on MS MARCO DEV, TREC DL'19, and TREC DL'20 demonstrates that cross-encoder re-ranking "
        "models trained on ChatGPT responses are statistically significantly more effective zero-shot re-rankers "
        "than those trained on human responses."
    )
    # ChatGPT is typed by the rest of its abstract; this sentence alone reads it as training data
    benchmarks = [(f.name, f.type) for f in load_recognizer().find(text) if f.type == "Benchmark"]
    assert benchmarks == [("MS MARCO DEV", "Benchmark"), ("TREC DL'19", "Benchmark"), ("TREC DL'20", "Benchmark")]


def test_extract_lowercase_bench_tail_is_part_of_the_name():
    text = (
        "T\n\nWe facilitate systematic evaluation by introducing GEO-bench, a large-scale benchmark of diverse user "
        "queries across multiple domains, along with relevant web sources to answer these queries."
    )
    assert found_intro_in_order(text) == [("GEO-bench", "Benchmark", True)]


def test_possessive_owner_is_no_part_of_a_name():
    text = (
        "Moreover, our model even outperforms the largest closed LLMs, Anthropic's Claude and Google's Bard, "
        "on HumanEval and HumanEval+."
    )
    assert found(text) == [("Claude", "Model"), ("Bard", "Model"), ("HumanEval", "Benchmark"), ("HumanEval+", "Benchmark")]


def test_resolutions_are_not_names_and_patch_sizes_attach():
    text = (
        "In addition to possessing good scalability properties, our largest models, DiT-XL/2, outperform all prior "
        "diffusion models on the class-conditional ImageNet 512x512 and 256x256 benchmarks, achieving a "
        "state-of-the-art FID of 2.27 on the latter."
    )
    assert found(text) == [("DiT-XL/2", "Model"), ("ImageNet", "Benchmark")]


def test_known_model_before_a_patch_sized_backbone_is_one_name():
    text = (
        "By instruction tuning on such generated data, we introduce LLaVA: Large Language and Vision Assistant, an "
        "end-to-end trained large multimodal model that connects a vision encoder (CLIP ViT-L/14) and an LLM "
        "(Vicuna) for general-purpose visual and language understanding."
    )
    assert ("CLIP ViT-L/14", "Model") in found(text)
    assert ("CLIP", "Model") not in found(text) and ("ViT-L", "Model") not in found(text)


def test_lowercase_model_ids_on_a_known_family_stem():
    text = (
        "We introduce phi-3-mini, a 3.8 billion parameter language model trained on 3.3 trillion tokens. "
        "The innovation lies entirely in our dataset for training, a scaled-up version of the one used for phi-2."
    )
    assert found_intro(text) == {"phi-3-mini": ("Model", True), "phi-2": ("Model", False)}


def test_glued_gazetteer_name_written_as_two_words():
    text = (
        "We continue pretraining Code Llama on the Proof-Pile-2, a mixture of scientific papers, web data "
        "containing mathematics, and mathematical code, yielding Llemma."
    )
    assert found(text)[0] == ("Code Llama", "Model")
    assert ("Llama", "Model") not in found(text)


def test_parameter_count_ends_a_model_name():
    text = (
        "Self-consistency over 64 samples from DeepSeekMath 7B achieves 60.9% on MATH. "
        "Particularly, MetaMath-70B achieves an accuracy of 82.3% on GSM8K, slightly better than GPT-3.5-Turbo."
    )
    assert found(text) == [
        ("DeepSeekMath 7B", "Model"), ("MATH", "Benchmark"), ("MetaMath-70B", "Model"), ("GSM8K", "Benchmark"),
        ("GPT-3.5-Turbo", "Model"),
    ]


def test_coder_names_a_model():
    text = (
        "WizardCoder: Empowering Code Large Language Models with Evol-Instruct\n\n"
        "In this paper, we introduce WizardCoder, which empowers Code LLMs with complex instruction fine-tuning, "
        "by adapting the Evol-Instruct method to the domain of code."
    )
    assert found_intro(text) == {"WizardCoder": ("Model", True)}


def test_a_version_alone_is_no_name():
    text = "The Common Pile v0.1: An 8TB Dataset of Public Domain and Openly Licensed Text"
    assert found(text) == []  # not "v0.1"


def test_a_small_item_count_ends_a_data_name():
    text = (
        "Furthermore, we curate 433K 1080p videos from OpenVid-1M to create OpenVidHD-0.4M, advancing "
        "high-definition video generation."
    )
    assert found(text) == [("OpenVid-1M", "Dataset"), ("OpenVidHD-0.4M", "Dataset")]


def test_year_of_a_competition_is_part_of_its_name():
    text = "DeepSeek-R1 achieves performance comparable to OpenAI-o1-1217 on reasoning tasks such as AIME 2024 and MATH-500."
    assert found(text) == [("DeepSeek-R1", "Model"), ("AIME 2024", "Benchmark"), ("MATH-500", "Benchmark")]


def test_base_model_after_a_versioned_name_is_no_variant():
    text = (
        "Tülu 3, which builds on Llama 3.1 base models, achieves results surpassing the instruct versions of "
        "Llama 3.1, Qwen 2.5, Mistral, and even closed models such as GPT-4o-mini and Claude 3.5-Haiku."
    )
    assert found(text)[0] == ("Llama 3.1", "Model")
    assert ("Llama 3.1 base", "Model") not in found(text)


def test_preview_variant_and_lowercase_ids_on_a_model_stem():
    text = (
        "We use open-source agent scaffolds to evaluate several frontier language models (o1-preview, GPT-4o, "
        "Claude 3.5 Sonnet and Llama 3.1 405B) on our benchmark."
    )
    assert found(text) == [
        ("o1-preview", "Model"), ("GPT-4o", "Model"), ("Claude 3.5 Sonnet", "Model"), ("Llama 3.1 405B", "Model"),
    ]
    text = (
        "Our experiments show that even state-of-the-art function calling agents (like gpt-4o with ReAct-style "
        "prompting) succeed on less than 50% of the tasks, and are quite inconsistent (pass^8 <25% in retail)."
    )
    assert found(text) == [("gpt-4o", "Model")]


def test_digit_led_camelcase_names_are_names():
    text = (
        "We introduce RoomTalk-3D, a dataset of 61K multi-turn dialogues (412K turns) grounded in 5,128 indoor "
        "scenes from ScanNet, 3RScan and ARKitScenes."
    )
    assert found_intro(text) == {
        "RoomTalk-3D": ("Dataset", True), "ScanNet": ("Dataset", False), "3RScan": ("Dataset", False),
        "ARKitScenes": ("Dataset", False),
    }


def test_variant_words_attach_unless_they_spread_over_a_family():
    text = (
        "We present a layer-wise probing study of accent information in wav2vec 2.0 Base, HuBERT Large, WavLM Large and the "
        "encoder of Whisper medium, using 22 English accents from the L2-ARCTIC corpus and the Speech Accent Archive."
    )
    ents = found(text)
    assert ents[:4] == [("wav2vec 2.0 Base", "Model"), ("HuBERT Large", "Model"), ("WavLM Large", "Model"), ("Whisper medium", "Model")]
    assert introduced(text) == set()  # "present a ... study ... in X": X is studied, not made
    text = (
        "On the FLEURS test sets for the 14 languages, Kora-L reduces the average WER by 38% relative to Whisper large-v3 and "
        "by 17% relative to MMS-1B-all, while operating with 320 ms latency."
    )
    assert found(text) == [("FLEURS", "Benchmark"), ("Whisper large-v3", "Model"), ("MMS-1B-all", "Model")]
    assert found("We fine-tune BERT base and large on the task.") == [("BERT", "Model")]


def test_name_extensions_in_lists_of_evaluation_sets():
    text = (
        "Across MMLU, GSM8K, BBH, TyDi QA and AlpacaEval 2, SkillSelect subsets match or exceed training on the full pool and "
        "outperform random, perplexity-based and single-score influence selection by 1.8 points on average."
    )
    assert found(text) == [("MMLU", "Benchmark"), ("GSM8K", "Benchmark"), ("BBH", "Benchmark"), ("TyDi QA", "Benchmark"), ("AlpacaEval 2", "Benchmark")]
    text = "On TREC DL19 and TREC DL20 our reranker matches RankZephyr in nDCG@10, and on BEIR it improves the average over eight datasets."
    assert found(text) == [("TREC DL19", "Benchmark"), ("TREC DL20", "Benchmark"), ("RankZephyr", "Model"), ("BEIR", "Benchmark")]
    text = "Quill-Math-1.5B reaches 44.8% on AIME 2024 (avg@16), 78.2% on AMC 2023 and 88.9% on MATH-500, outperforming DeepScaleR-1.5B-Preview."
    assert found(text) == [
        ("Quill-Math-1.5B", "Model"), ("AIME 2024", "Benchmark"), ("AMC 2023", "Benchmark"), ("MATH-500", "Benchmark"),
        ("DeepScaleR-1.5B-Preview", "Model"),
    ]


def test_a_plain_plural_word_is_no_plural_of_a_known_name():
    # title words: "Limits" is not a plural of a benchmark "LIMIT", "Codecs" not one of a data set "Codec"
    assert found("DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models") == [("DeepSeekMath", "Model")]
    assert found("MegaMath: Pushing the Limits of Open Math Corpora\n\nWe present MegaMath, an open dataset curated from diverse, math-focused sources.") == [
        ("MegaMath", "Dataset")
    ]
    assert "Codecs" not in [n for n, _ in found("How Semantic Are Neural Speech Codecs? Probing Discrete Tokens for Spoken Language Modeling")]


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


def test_a_name_the_gazetteer_writes_glued_may_be_written_as_two_words():
    text = (
        "Dense retrievers trained on MS MARCO work well in English but degrade sharply in other languages, and translating "
        "the training queries (as in mMARCO) is expensive for hundreds of languages."
    )
    got = found(text)
    assert ("MS MARCO", "Dataset") in got
    assert not any(name == "MS" for name, _ in got)
