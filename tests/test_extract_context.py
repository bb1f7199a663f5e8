"""The type the words around a mention give it (kgraph.extract.context).

Trained on (data), trained from or tuned into (a model), evaluated on or scored on (a benchmark),
compared with (a model), a part of a data set, a defining appositive, method and metric examples (no entity).

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

import pytest

from kgraph.extract.rules import load_recognizer

from support.extract import found, found_intro, found_intro_in_order, introduced


def test_extract_data_taken_from_a_name_is_a_dataset():
    text = (
        "Using unstructured text from GlotCC and structured knowledge from ConceptNet, we show that small "
        "adaptation datasets (e.g., up to 1 GB of free-text or a few MB of knowledge graph data) yield gains in "
        "intrinsic (masked language modeling) and extrinsic tasks."
    )
    assert found(text) == [("GlotCC", "Dataset"), ("ConceptNet", "Dataset")]


def test_extract_known_model_called_framework_stays_a_model():
    text = (
        "ELECTRA, the generator-discriminator pre-training framework, has achieved impressive semantic "
        "construction capability among various downstream tasks."
    )
    assert found(text) == [("ELECTRA", "Model")]


def test_extract_method_examples_are_not_entities():
    text = (
        "Prior approaches such as Weights Magnitude, SparseGPT, and Wanda, either concentrated solely on weights "
        "or integrated weights with activations for sparsity."
    )
    assert found(text) == []


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


def test_extract_our_named_model_is_a_model():
    # the text elsewhere calls Mirror-BERT a "technique"; "our ... Mirror-BERT model" makes it a model
    text = (
        "T\n\nWe propose an extremely simple, fast and effective contrastive learning technique, termed Mirror-BERT, "
        "which converts MLMs (e.g., BERT and RoBERTa) into such encoders in 20-30 seconds without any additional "
        "external knowledge. Notably, in the standard sentence semantic similarity (STS) tasks, our self-supervised "
        "Mirror-BERT model even matches the performance of the task-tuned Sentence-BERT models from prior work."
    )
    assert found_intro_in_order(text) == [
        ("Mirror-BERT", "Model", True),
        ("BERT", "Model", False),
        ("RoBERTa", "Model", False),
        ("Sentence-BERT", "Model", False),
    ]


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


def test_extract_cited_name_heading_a_noun_phrase():
    text = (
        "T\n\nWe conduct extensive experiments on the MusicLM (Agostinelli et al., 2023) text-to-music generative "
        "model, where our approach surpasses CFG in terms of quality-diversity Pareto optimality."
    )
    assert found(text) == [("MusicLM", "Model")]


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


def test_own_dataset_stays_a_dataset_in_an_evaluation_sentence():
    text = (
        "To address this bottleneck, we introduce the ShareGPT4V dataset, a pioneering large-scale resource featuring "
        "1.2 million highly descriptive captions, which surpasses existing datasets in diversity and information "
        "content, covering world knowledge, object properties, spatial relationships, and aesthetic evaluations."
    )
    assert found_intro(text) == {"ShareGPT4V": ("Dataset", True)}


def test_class_noun_inside_a_hyphenated_name_is_no_cue():
    # "DCLM-Baseline, " must not read as "baselines, X" (which typed FineWeb-Edu a model)
    text = (
        "Kestrel-1B and Kestrel-3B are trained from scratch on 4.5T tokens drawn from DCLM-Baseline, FineWeb-Edu "
        "and The Stack v2, followed by a context-extension stage to 32K tokens."
    )
    assert found(text) == [
        ("Kestrel-1B", "Model"), ("Kestrel-3B", "Model"), ("DCLM-Baseline", "Dataset"), ("FineWeb-Edu", "Dataset"),
    ]


def test_metric_and_task_words_before_on_cue_evaluation_sets():
    text = (
        "Fine-tuned with a lightweight decoder, AbdoFound-L achieves state-of-the-art Dice on BTCV, AMOS and KiTS23 "
        "and on the pancreas and liver tasks of the Medical Segmentation Decathlon (MSD), outperforming SwinUNETR, "
        "Models Genesis and SAM-Med3D."
    )
    ents = found(text)
    assert ("BTCV", "Benchmark") in ents and ("AMOS", "Benchmark") in ents and ("KiTS23", "Benchmark") in ents
    text = (
        "Our ViT-L/14 model improves average zero-shot classification accuracy on AID, RESISC45 and EuroSAT by 6.8 "
        "points and text-to-image retrieval recall on RSICD and RSITMD by 9.3 points."
    )
    assert found(text)[1:] == [
        ("AID", "Benchmark"), ("RESISC45", "Benchmark"), ("EuroSAT", "Benchmark"), ("RSICD", "Benchmark"),
        ("RSITMD", "Benchmark"),
    ]


def test_sentence_opening_on_a_list_of_evaluation_sets():
    text = (
        "On LEVIR-CD, WHU-CD and SYSU-CD, STScan achieves F1 scores of 92.1%, 94.6% and 83.0%, respectively, "
        "surpassing ChangeMamba with 38% fewer FLOPs."
    )
    # "and SYSU-CD," closes the list: STScan is no fourth item
    assert found(text) == [
        ("LEVIR-CD", "Benchmark"), ("WHU-CD", "Benchmark"), ("SYSU-CD", "Benchmark"), ("ChangeMamba", "Model"),
    ]


def test_a_score_before_on_names_a_benchmark():
    text = (
        "This unlocks state-of-the-art training over a long token horizon: an 8B parameter model trained for 15T "
        "tokens, of which 7.2T came from our dataset, is better than the Llama 3.1 8B model: +5 on MMLU, +3.1 on "
        "ARC-Challenge, and +0.5 on average across ten diverse tasks."
    )
    assert found(text) == [("Llama 3.1 8B", "Model"), ("MMLU", "Benchmark"), ("ARC-Challenge", "Benchmark")]
    text = (
        "Notably, our system achieves state-of-the-art reasoning performance across multiple benchmarks and modalities "
        "-- e.g., 77.5 on AIME, 96.2 on MATH 500, 94-th percentile on Codeforces, 74.9 on MathVista -- matching OpenAI's o1."
    )
    assert found(text) == [("AIME", "Benchmark"), ("MATH 500", "Benchmark"), ("MathVista", "Benchmark")]


def test_trained_from_scratch_on_and_plural_encoders():
    text = (
        "We compare publicly released encoders (CLIP, SigLIP-SO400M, DINOv2, and AIMv2) and train ViT-B/16 and "
        "ViT-L/14 encoders from scratch on DataComp-1B with contrastive, captioning and masked objectives."
    )
    assert found(text) == [
        ("CLIP", "Model"), ("SigLIP-SO400M", "Model"), ("DINOv2", "Model"), ("AIMv2", "Model"), ("ViT-B/16", "Model"),
        ("ViT-L/14", "Model"), ("DataComp-1B", "Dataset"),
    ]


def test_what_a_model_is_trained_from_or_tuned_into_is_a_model():
    text = "We present SQLingo-7B, an open text-to-SQL model fine-tuned from Qwen2.5-Coder-7B on 210K synthetic question–SQL pairs."
    assert found(text) == [("SQLingo-7B", "Model"), ("Qwen2.5-Coder-7B", "Model")]  # not the task "text-to-SQL"
    assert introduced(text) == {"SQLingo-7B"}
    text = (
        "CardioLM-7B is continually pretrained from Mistral-7B-v0.1 on 14.2B tokens drawn from open-access cardiology articles, "
        "clinical practice guidelines, and de-identified discharge summaries from MIMIC-IV-Note, and is then instruction-tuned "
        "into CardioLM-7B-Chat using 120K synthetic and clinician-reviewed question–answer pairs."
    )
    assert found(text) == [
        ("CardioLM-7B", "Model"), ("Mistral-7B-v0.1", "Model"), ("MIMIC-IV-Note", "Dataset"), ("CardioLM-7B-Chat", "Model"),
    ]
    # weights a detector starts from name the data they were trained on
    text = "Detectors initialized from COCO weights reach 71-78 AP50 on mature fruit but fall below 40 AP50 on early-stage green fruit."
    assert found(text) == [("COCO", "Benchmark")]


def test_what_a_system_is_compared_with_is_a_model():
    text = (
        "On BFCL v3, Wrench-3B outperforms Hammer2.1-3b and xLAM-1b-fc-r and approaches GPT-4o-mini, with the largest gains in "
        "multi-turn and missing-parameter categories."
    )
    assert found(text) == [
        ("BFCL v3", "Benchmark"), ("Wrench-3B", "Model"), ("Hammer2.1-3b", "Model"), ("xLAM-1b-fc-r", "Model"), ("GPT-4o-mini", "Model"),
    ]
    text = (
        "On the Seed-TTS-eval test sets and on a new held-out code-switched evaluation list, VoxWeave achieves lower WER (computed "
        "with Whisper-large-v3) and higher speaker similarity than F5-TTS, CosyVoice 2 and XTTS-v2, while requiring only 16 sampling steps."
    )
    assert found(text)[-3:] == [("F5-TTS", "Model"), ("CosyVoice 2", "Model"), ("XTTS-v2", "Model")]


def test_a_part_or_split_of_a_named_set_is_evaluation_or_training_data():
    text = (
        "On the BIRD dev set, SQLingo-7B achieves 63.8% execution accuracy, outperforming CodeS-15B and approaching pipeline "
        "methods built on GPT-4o, while running on a single consumer GPU. It also reaches 86.1% on the Spider test set and "
        "degrades gracefully on the robustness variants Spider-DK and Spider-Syn."
    )
    assert found(text) == [
        ("BIRD", "Benchmark"), ("SQLingo-7B", "Model"), ("CodeS-15B", "Model"), ("GPT-4o", "Model"), ("Spider", "Benchmark"),
        ("Spider-DK", "Benchmark"), ("Spider-Syn", "Benchmark"),
    ]
    text = (
        "Existing counting evaluations, such as CountBench and the test split of FSC-147, mostly contain fewer than 20 large, "
        "well-separated instances and therefore saturate quickly."
    )
    assert found(text) == [("CountBench", "Benchmark"), ("FSC-147", "Benchmark")]
    text = (
        "To assess the utility of the data, we fine-tune Octo and OpenVLA on HomeReach-12K and evaluate them in 12 unseen homes; "
        "co-training with HomeReach-12K improves success on unseen-home tasks from 23% to 47% for OpenVLA, whereas fine-tuning "
        "on an equally sized subset of DROID yields only marginal gains."
    )
    assert ("DROID", "Dataset") in found(text)


def test_the_verb_benchmark_is_no_type_noun():
    text = (
        "We benchmark NLLB-200-3.3B, madlad400-10b-mt, TowerInstruct-7B-v0.2 and GPT-4o-mini on the test set, and fine-tune "
        "NLLB-200-3.3B on the training portion."
    )
    assert found(text) == [
        ("NLLB-200-3.3B", "Model"), ("madlad400-10b-mt", "Model"), ("TowerInstruct-7B-v0.2", "Model"), ("GPT-4o-mini", "Model"),
    ]


def test_evaluation_and_source_cues_for_data():
    text = (
        "Experiments on QMSum and on the AMI and ICSI meeting corpora show that FactPref reduces unsupported claims by 31% "
        "relative to supervised fine-tuning while keeping ROUGE-L within 0.5 points."
    )
    # round 4: corpora that results are measured "on" are evaluation sets (guidelines: BENCHMARK)
    assert found(text) == [("QMSum", "Benchmark"), ("AMI", "Benchmark"), ("ICSI", "Benchmark")]
    text = (
        "VoxWeave is trained on roughly 95k hours of multilingual speech drawn from Emilia and LibriTTS-R and uses Vocos to "
        "decode codec latents into waveforms."
    )
    assert found(text) == [("Emilia", "Dataset"), ("LibriTTS-R", "Dataset")]
    text = "Prior comparisons were largely conducted at ImageNet-1K scale, where latent targets appear clearly superior."
    assert found(text) == [("ImageNet-1K", "Benchmark")]  # the scale of a data set, not a model size


def test_a_score_with_its_unit_or_metric_before_on_names_an_evaluation_set():
    # "improves PSNR by 1.4 dB on X": a decimal number among the words between the evaluation word and "on";
    # "1.1 dB on Y", "0.9 dB on Z": a score and its unit right before "on"
    text = (
        "With three input views, our method improves PSNR by 1.4 dB on LLFF, 1.1 dB on Mip-NeRF 360 and 0.9 dB on DTU "
        "over FSGS and DNGaussian, while keeping rendering above 200 FPS and using 35% fewer Gaussians."
    )
    assert found(text) == [("LLFF", "Benchmark"), ("Mip-NeRF 360", "Benchmark"), ("DTU", "Benchmark")]
    # a duration is no unit of a score
    assert found("Training takes 1.5 hours on AWQ.") == []


def test_the_test_split_of_a_data_set_is_a_benchmark_of_its_own_name():
    text = (
        "Our 7B model, Kestrel-Prover-7B, proves 63.1% of miniF2F-test theorems with a budget of 3,200 samples, and the 32B "
        "variant reaches 70.5%, compared with 60.2% for DeepSeek-Prover-V1.5-RL and 64.7% for Goedel-Prover-SFT; on "
        "ProofNet-test and PutnamBench the 32B model solves 26.3% and 11 problems respectively."
    )
    got = found(text)
    assert ("miniF2F-test", "Benchmark") in got
    assert ("ProofNet-test", "Benchmark") in got
    assert ("ProofNet", "Model") not in got
    # other lowercase tails are still modifiers cut off the name
    assert found("We compare GPT-4-based agents.") == [("GPT-4", "Model")]


def test_a_made_name_that_a_count_of_items_describes_is_a_new_data_set():
    text = (
        "We collect TutorDial, 3,214 tutoring dialogues in which experienced math teachers help students with middle-school "
        "problems, annotated with ten pedagogical moves such as hinting, probing for misconceptions and revealing the answer."
    )
    assert found_intro(text) == {"TutorDial": ("Dataset", True)}
    text = (
        "We also release PolyPretrain, 1.1 million hypothetical polymers with computed properties for pretraining, and show "
        "that pretraining on it improves the small-data tasks by 8% on average."
    )
    assert found_intro(text) == {"PolyPretrain": ("Dataset", True)}
    # a count of parameters describes a model, not data
    assert ("Lodestar", "Dataset") not in found("We present Lodestar, 310M parameters trained on OMat24.")


def test_examples_of_methods_schemes_and_systems_are_no_entities():
    text = (
        "Personalisation methods such as FedRep and Ditto address this by learning client-specific components, but they "
        "either require clients to store full model copies or ignore structure shared across clients."
    )
    assert found(text) == []
    text = (
        "Unlike retrieval-only memory systems such as MemGPT and Mem0, Mnemos treats forgetting as a first-class operation "
        "and exposes it to the agent as a tool."
    )
    assert found(text) == []
    # but "proprietary systems like X": products that are models (from the dev3 listing)
    text = "It compares favorably against proprietary systems like GPT-4o, Claude 3.5 and Gemini 1.5 on academic benchmarks."
    assert [n for n, t in found(text) if t == "Model"] == ["GPT-4o", "Claude 3.5", "Gemini 1.5"]


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
