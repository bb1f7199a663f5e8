"""Tests of the rule families added for abstracts the rules were not written against.

Each sentence is copied from the dev2 listings (tests/data/dev2/listing-*.jsonl);
each test states the exact entities (name, type, and where it matters the
``introduced`` flag) the annotation guidelines expect.
"""

from kgraph.extract.rules import load_recognizer

from extract_helpers import found, found_intro


def test_list_headed_by_plural_benchmark_noun_types_any_shape():
    # items of "N benchmarks (A, B, C and D)" are benchmarks, plain capitalised words included
    text = (
        "We benchmark Diffusion Policy across 12 different tasks from 4 different robot manipulation benchmarks "
        "(Robomimic, Push-T, Block Pushing and Franka Kitchen) and find that it consistently outperforms existing "
        "state-of-the-art robot learning methods with an average improvement of 46.9%."
    )
    assert found(text) == [
        ("Robomimic", "Benchmark"), ("Push-T", "Benchmark"), ("Block Pushing", "Benchmark"), ("Franka Kitchen", "Benchmark"),
    ]


def test_list_after_benchmarks_including_overrides_model_morphemes():
    # "MalNet-Tiny" has a model morpheme, lowercase "ogbg-code2" a variant word: the list head types them
    text = (
        "We test our architecture on 16 benchmarks, including ZINC, ogbg-molpcba, ogbg-code2, PCQM4Mv2 and "
        "MalNet-Tiny, and show highly competitive results in all of them."
    )
    assert found(text) == [
        ("ZINC", "Benchmark"), ("ogbg-molpcba", "Benchmark"), ("ogbg-code2", "Benchmark"), ("PCQM4Mv2", "Benchmark"),
        ("MalNet-Tiny", "Benchmark"),
    ]


def test_list_of_new_datasets_is_introduced():
    text = (
        "It consists of 6,141 examples, derived from 28 existing multimodal datasets involving mathematics and "
        "3 newly created datasets (i.e., IQTest, FunctionQA, and PaperQA)."
    )
    assert found_intro(text) == {
        "IQTest": ("Dataset", True), "FunctionQA": ("Dataset", True), "PaperQA": ("Dataset", True),
    }


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


def test_parameter_count_ends_a_model_name():
    text = (
        "Self-consistency over 64 samples from DeepSeekMath 7B achieves 60.9% on MATH. "
        "Particularly, MetaMath-70B achieves an accuracy of 82.3% on GSM8K, slightly better than GPT-3.5-Turbo."
    )
    assert found(text) == [
        ("DeepSeekMath 7B", "Model"), ("MATH", "Benchmark"), ("MetaMath-70B", "Model"), ("GSM8K", "Benchmark"),
        ("GPT-3.5-Turbo", "Model"),
    ]


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


def test_coder_names_a_model():
    text = (
        "WizardCoder: Empowering Code Large Language Models with Evol-Instruct\n\n"
        "In this paper, we introduce WizardCoder, which empowers Code LLMs with complex instruction fine-tuning, "
        "by adapting the Evol-Instruct method to the domain of code."
    )
    assert found_intro(text) == {"WizardCoder": ("Model", True)}


def test_own_dataset_stays_a_dataset_in_an_evaluation_sentence():
    text = (
        "To address this bottleneck, we introduce the ShareGPT4V dataset, a pioneering large-scale resource featuring "
        "1.2 million highly descriptive captions, which surpasses existing datasets in diversity and information "
        "content, covering world knowledge, object properties, spatial relationships, and aesthetic evaluations."
    )
    assert found_intro(text) == {"ShareGPT4V": ("Dataset", True)}
