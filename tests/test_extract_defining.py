"""Tests of the defining-phrase, list and introduced rule families of kgraph.extract.rules.

Each sentence is copied from the sample listings (/work/shared/corpus); each
test states the exact entities (name, type, and where it matters introduced)
the annotation guidelines expect.
"""

import pytest

from kgraph.extract.rules import load_recognizer


def found(text):
    return [(f.name, f.type) for f in load_recognizer().find(text)]


def found_intro(text):
    return [(f.name, f.type, f.introduced) for f in load_recognizer().find(text)]


# --- names a defining phrase introduces, whatever their shape ----------------------------


def test_extract_defining_noun_phrase_before_name():
    text = (
        "T\n\nMoreover, our study leads to a new corpus of generics, Gen-A-Tomic, that is of the largest and "
        "highest quality available to date."
    )
    assert found_intro(text) == [("Gen-A-Tomic", "Dataset", True)]


def test_extract_defining_appositive_after_plain_name():
    # an "-Eval" resource the text calls a dataset is evaluation data: a benchmark
    text = (
        "T\n\nThis paper addresses this gap by first creating and disseminating Tele-Data, a comprehensive dataset "
        "of telecommunications material curated from relevant sources, and Tele-Eval, a large-scale "
        "question-and-answer dataset tailored to the domain."
    )
    # the second of two coordinated definitions is introduced with the first
    assert found_intro(text) == [("Tele-Data", "Dataset", True), ("Tele-Eval", "Benchmark", True)]


def test_extract_defining_resulting_dataset():
    text = (
        "T\n\nThe resulting dataset, DCLM-Baseline enables training a 7B parameter language model from scratch "
        "to 64% 5-shot accuracy on MMLU with 2.6T training tokens."
    )
    assert found_intro(text) == [("DCLM-Baseline", "Dataset", True), ("MMLU", "Benchmark", False)]


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
    assert found_intro("T\n\n" + text) == expected


def test_extract_novel_datasets_after_coordination():
    text = "T\n\nOut of those 6 metrics, AdvPromptSet and HolisticBiasR are novel datasets proposed in the paper."
    assert found_intro(text) == [("AdvPromptSet", "Dataset", True), ("HolisticBiasR", "Dataset", True)]


# --- lists, corpora and scores ------------------------------------------------------------


def test_extract_method_examples_are_not_entities():
    text = (
        "Prior approaches such as Weights Magnitude, SparseGPT, and Wanda, either concentrated solely on weights "
        "or integrated weights with activations for sparsity."
    )
    assert found(text) == []


def test_extract_lowercase_benchmarks_in_a_list():
    text = (
        "While the model took over 184K GPU-hours to pretrain, we show that in about 1 GPU hour of finetuning, we "
        "effectively erase the model's ability to generate or recall Harry Potter-related content, while its "
        "performance on common benchmarks (such as Winogrande, Hellaswag, arc, boolq and piqa) remains almost unaffected."
    )
    assert found(text) == [
        ("Winogrande", "Benchmark"),
        ("Hellaswag", "Benchmark"),
        ("arc", "Benchmark"),
        ("boolq", "Benchmark"),
        ("piqa", "Benchmark"),
    ]


def test_extract_article_of_a_corpus_name():
    text = (
        "Using FlashConv, we scale hybrid H3-attention language models up to 2.7B parameters on the Pile and find "
        "promising initial results."
    )
    assert ("Pile", "Dataset") in found(text)


def test_extract_crawl_phrase_is_a_dataset():
    text = (
        "As part of DCLM, we provide a standardized corpus of 240T tokens extracted from Common Crawl, effective "
        "pretraining recipes based on the OpenLM framework, and a broad suite of 53 downstream evaluations."
    )
    assert ("Common Crawl", "Dataset") in found(text)


def test_extract_corpus_stem_stays_a_dataset_under_evaluation_words():
    text = (
        "Finally, we show that hard-wiring these heads into neural models improves performance not just on ICLL, "
        "but natural language modeling -- improving the perplexity of 340M-parameter models by up to 1.14 points "
        "(6.7%) on the SlimPajama dataset."
    )
    assert ("SlimPajama", "Dataset") in found(text)


def test_extract_score_on_a_name_is_a_benchmark():
    text = (
        "This enhancement in textual instruction proficiency correlates with boosted visual instruction performance "
        "(+4.9\\% on MM-Vet, +6\\% on LLaVA-Bench), with minimal alignment tax on visual knowledge benchmarks "
        "compared to previous RLHF approach."
    )
    assert found(text) == [("MM-Vet", "Benchmark"), ("LLaVA-Bench", "Benchmark")]


def test_extract_lowercase_challenge_is_part_of_the_name():
    text = "Models benchmarking is performed by participating in the BabyLM challenge, published at CoNLL 2023 (Momen et al., 2023)."
    assert found(text) == [("BabyLM challenge", "Benchmark")]


def test_extract_title_noun_does_not_type_the_first_abstract_name():
    text = (
        "Findings of the Second BabyLM Challenge: Sample-Efficient Pretraining on Developmentally Plausible Corpora\n\n"
        "The BabyLM Challenge is a community effort to close the data-efficiency gap between human and "
        "computational language learners."
    )
    assert found(text) == [("BabyLM Challenge", "Benchmark")]


def test_extract_task_abbreviations_are_not_entities():
    text = (
        "Although scale amplifies their prowess in NLU tasks, LLMs fall short of SOTA results in information "
        "extraction (IE) tasks, many framed as sequence labeling (SL)."
    )
    assert found(text) == []


# --- introduced -------------------------------------------------------------------------


def test_extract_title_gerund_says_nothing_of_the_head():
    text = (
        "ELECTRA: Pre-training Text Encoders as Discriminators Rather Than Generators\n\n"
        "Masked language modeling (MLM) pre-training methods such as BERT corrupt the input by replacing some "
        "tokens with [MASK] and then train a model to reconstruct the original tokens."
    )
    assert found_intro(text) == [("ELECTRA", "Model", True), ("BERT", "Model", False)]


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


def test_extract_our_named_model_is_a_model():
    # the text elsewhere calls Mirror-BERT a "technique"; "our ... Mirror-BERT model" makes it a model
    text = (
        "T\n\nWe propose an extremely simple, fast and effective contrastive learning technique, termed Mirror-BERT, "
        "which converts MLMs (e.g., BERT and RoBERTa) into such encoders in 20-30 seconds without any additional "
        "external knowledge. Notably, in the standard sentence semantic similarity (STS) tasks, our self-supervised "
        "Mirror-BERT model even matches the performance of the task-tuned Sentence-BERT models from prior work."
    )
    assert found_intro(text) == [
        ("Mirror-BERT", "Model", True),
        ("BERT", "Model", False),
        ("RoBERTa", "Model", False),
        ("Sentence-BERT", "Model", False),
    ]


def test_extract_our_known_family_is_not_introduced():
    text = "T\n\nTo accelerate future research, we will make our 24 pre-trained miniature BERT models publicly available."
    assert found_intro(text) == [("BERT", "Model", False)]


def test_extract_model_available_at_a_link_is_introduced():
    text = (
        "T\n\nExperimental results show that our method significantly improves ELECTRA's average performance. "
        "The pre-trained MCL model is available at https://huggingface.co/McmanusChen/MCL-base."
    )
    assert found_intro(text) == [("ELECTRA", "Model", False), ("MCL", "Model", True)]


def test_extract_name_built_on_an_introduced_name_is_introduced():
    text = (
        "Mistral-SPLADE: LLMs for better Learned Sparse Retrieval\n\n"
        "The LLM based model (Echo-Mistral-SPLADE) now stands as a state-of-the-art learned sparse retrieval model "
        "on the BEIR text retrieval benchmark."
    )
    assert found_intro(text) == [
        ("Mistral-SPLADE", "Model", True),
        ("Echo-Mistral-SPLADE", "Model", True),
        ("BEIR", "Benchmark", False),
    ]


def test_extract_quoted_name_after_an_article():
    text = (
        'Large Concept Models: Language Modeling in a Sentence Representation Space\n\nHence, we build a "Large '
        'Concept Model". In this study, as proof of feasibility, we assume that a concept corresponds to a sentence.'
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced) == ("Large Concept Model", "Model", True)


# --- shapes and abbreviations -------------------------------------------------------------


def test_extract_acronym_highlight_inside_a_word_is_not_a_name():
    text = (
        "MERT: Acoustic Music Understanding Model with Large-Scale Self-supervised Training\n\n"
        "To address this research gap, we propose an acoustic Music undERstanding model with large-scale "
        "self-supervised Training (MERT), which incorporates teacher models to provide pseudo labels in the masked "
        "language modelling (MLM) style acoustic pre-training."
    )
    assert found_intro(text) == [("MERT", "Model", True)]


def test_extract_capitalised_modifier_tail_in_a_title():
    assert found("Under the Surface: Tracking the Artifactuality of LLM-Generated Data\n\nx") == []


def test_extract_abbreviation_prefers_initials_over_scattered_letters():
    # "(ARMs)" abbreviates "auto-regressive models", a class, not "are rivaling the auto-regressive models"
    text = (
        "T\n\nMasked diffusion models (MDMs) have emerged as a popular research topic for generative modeling of "
        "discrete data, thanks to their superior performance over other discrete diffusion models, and are rivaling "
        "the auto-regressive models (ARMs) for language modeling tasks."
    )
    assert found(text) == []


def test_extract_title_appositive_sized_name_is_introduced():
    text = (
        "Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B, A Large-Scale Generative Language Model\n\n"
        "Pretrained general-purpose language models can achieve state-of-the-art accuracies in various natural "
        "language processing domains by adapting to downstream tasks via zero-shot, few-shot and fine-tuning techniques."
    )
    assert found_intro(text) == [("Megatron-Turing NLG 530B", "Model", True)]


def test_extract_appositive_after_an_abbreviation():
    text = (
        "T\n\nWe introduce DataComp for Language Models (DCLM), a testbed for controlled dataset experiments with "
        "the goal of improving language models."
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced, ent.aliases) == ("DCLM", "Benchmark", True, ["DataComp for Language Models"])
    # a new clause after the parenthesis is no appositive
    text = "T\n\nSpecifically, in grammar-constrained decoding (GCD), the LLM's output must follow a given grammar."
    assert found(text) == []


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


def test_extract_variant_tag_on_a_known_family():
    text = (
        "For example, with a minor performance drop, i.e., -1.5%, gamma-MoD can reduce the training and inference "
        "time of LLaVA-HR by 31.0% and 53.2%, respectively."
    )
    assert found(text) == [("LLaVA-HR", "Model")]


def test_extract_framework_appositive_rules_a_capitalised_run_out():
    text = (
        "T\n\nWe present Impossible Distillation, a framework that distills a task-specific dataset directly from an "
        "off-the-shelf LM, even when it is impossible for the LM itself to reliably solve the task."
    )
    assert found(text) == []


def test_extract_track_with_year_is_one_name():
    text = (
        "T\n\nOur evaluation on MS MARCO DEV, TREC DL'19, and TREC DL'20 demonstrates that cross-encoder re-ranking "
        "models trained on ChatGPT responses are statistically significantly more effective zero-shot re-rankers "
        "than those trained on human responses."
    )
    # ChatGPT is typed by the rest of its abstract; this sentence alone reads it as training data
    benchmarks = [(f.name, f.type) for f in load_recognizer().find(text) if f.type == "Benchmark"]
    assert benchmarks == [("MS MARCO DEV", "Benchmark"), ("TREC DL'19", "Benchmark"), ("TREC DL'20", "Benchmark")]


@pytest.mark.parametrize(
    "text",
    [
        # "our approach, X": a method
        "Our approach, Contrastive Generative Exploration (CGE), assumes no direct access to the data but instead "
        "relies on a pre-trained model and the same model after fine-tuning.",
        # the method noun defines the long form, and so its abbreviation
        "In this paper, we introduce a novel masking strategy, Linguistic Entity Masking (LEM) to be used in the "
        "continual pre-training step to further improve the cross-lingual representations of existing multiPLMs.",
        # the head of a long form is the noun before its preposition ("Prompts"), not "models"
        "To achieve this, we combine open-vocabulary models with large language models (LLMs) to create Customized "
        'Prompts via Language models (CuPL, pronounced "couple").',
    ],
)
def test_extract_methods_defined_before_their_names(text):
    assert found("T\n\n" + text) == []


def test_extract_title_spelling_out_its_head_types_it():
    # the title's first words spell out "IAA": its head noun (Architecture) types the name, not the later "Model"
    text = (
        "IAA: Inner-Adaptor Architecture Empowers Frozen Large Language Model with Multimodal Capabilities\n\n"
        "Building on the strategy of freezing the language model, we conduct thorough structural exploration and "
        "introduce the Inner-Adaptor Architecture (IAA)."
    )
    assert found(text) == []


def test_extract_obtained_resource_is_introduced():
    text = (
        "T\n\nFurthermore, as a useful byproduct of our approach, we obtain DIMSUM+, a high-quality dataset with 3.4M "
        "sentence summaries and paraphrases."
    )
    assert found_intro(text) == [("DIMSUM+", "Dataset", True)]


def test_extract_base_of_new_versions_is_not_introduced():
    text = (
        "T\n\nIn this paper, we introduce two new versions of the CamemBERT base model-CamemBERTav2 and "
        "CamemBERTv2-designed to address these challenges."
    )
    assert found_intro(text) == [
        ("CamemBERT base", "Model", False),
        ("CamemBERTav2", "Model", True),
        ("CamemBERTv2", "Model", True),
    ]


def test_extract_data_size_between_name_and_corpus():
    text = (
        "T\n\nOur experiments show that w2v-BERT achieves competitive results compared to current state-of-the-art "
        "pre-trained models on the LibriSpeech benchmarks when using the Libri-Light~60k corpus as the unsupervised data."
    )
    assert found(text) == [("w2v-BERT", "Model"), ("LibriSpeech", "Benchmark"), ("Libri-Light", "Dataset")]


def test_extract_lowercase_bench_tail_is_part_of_the_name():
    text = (
        "T\n\nWe facilitate systematic evaluation by introducing GEO-bench, a large-scale benchmark of diverse user "
        "queries across multiple domains, along with relevant web sources to answer these queries."
    )
    assert found_intro(text) == [("GEO-bench", "Benchmark", True)]


def test_extract_names_of_a_method_family_are_not_entities():
    text = (
        "DetectLLM: Leveraging Log Rank Information for Zero-Shot Detection of Machine-Generated Text\n\n"
        "In this paper, we introduce two novel zero-shot methods for detecting machine-generated text by leveraging "
        "the log rank information. One is called DetectLLM-LRR, which is fast and efficient, and the other is called "
        "DetectLLM-NPR, which is more accurate, but slower due to the need for perturbations."
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


def test_extract_framework_outweighs_an_architecture_title():
    # the title names an architecture ("Transformer"); the abstract defines the name as a framework
    text = (
        "HMT: Hierarchical Memory Transformer for Long Context Language Processing\n\n"
        "We propose the Hierarchical Memory Transformer (HMT), a novel framework that enables and improves models' "
        "long-context processing ability by imitating human memorization behavior."
    )
    assert found(text) == []


def test_extract_cited_name_heading_a_noun_phrase():
    text = (
        "T\n\nWe conduct extensive experiments on the MusicLM (Agostinelli et al., 2023) text-to-music generative "
        "model, where our approach surpasses CFG in terms of quality-diversity Pareto optimality."
    )
    assert found(text) == [("MusicLM", "Model")]


def test_extract_the_dataset_they_used():
    text = "T\n\nHowever, the dataset they used, M3W, is not public and is only in English."
    assert found_intro(text) == [("M3W", "Dataset", False)]


def test_extract_source_a_dataset_is_built_from():
    text = (
        "T\n\nTrained using a dataset constructed with real unfiltered LMSYS user prompts, Llama 3.1 8B's win rate "
        "against GPT-4 on AlpacaEval increases from 21% to 34% with 16 samples and math performance on GSM8K improves "
        "from 84% to 91%."
    )
    assert found(text) == [
        ("LMSYS", "Dataset"),
        ("Llama 3.1 8B", "Model"),
        ("GPT-4", "Model"),
        ("AlpacaEval", "Benchmark"),
        ("GSM8K", "Benchmark"),
    ]


def test_extract_title_spelling_out_a_learning_method():
    text = (
        "LML: Language Model Learning a Dataset for Data-Augmented Prediction\n\n"
        'This paper proposes a new concept called "Language Model Learning (LML)" powered by a new method called '
        '"Data-Augmented Prediction (DAP)".'
    )
    assert found(text) == []
