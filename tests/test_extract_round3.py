"""Tests of the third round of general rules (daily-listing-style abstracts).

Each sentence is copied from the dev4 listings (tests/data/dev4/listing-*.jsonl);
each test states the exact entities (name, type, and where it matters the
``introduced`` flag) the annotation guidelines expect from the rule family it covers.
"""

from extract_helpers import found, introduced


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


def test_a_plural_model_role_noun_heads_a_list_of_models():
    text = (
        "We discuss representative models in each category, including pointmap regressors such as DUSt3R and MASt3R, Gaussian "
        "predictors such as pixelSplat and MVSplat, and large reconstruction models such as LRM and its successors."
    )
    assert found(text) == [("DUSt3R", "Model"), ("MASt3R", "Model"), ("pixelSplat", "Model"), ("MVSplat", "Model"), ("LRM", "Model")]
    text = (
        "We apply TRACE to three representative planners, UniAD, VAD and SparseDrive, and evaluate on the open-loop nuScenes "
        "planning benchmark, on NAVSIM, and in closed loop on Bench2Drive using the CARLA simulator."
    )
    assert found(text) == [
        ("UniAD", "Model"), ("VAD", "Model"), ("SparseDrive", "Model"), ("nuScenes", "Benchmark"), ("Bench2Drive", "Benchmark"),
    ]
    # a multi-word item is the whole name, not its name-shaped part
    text = (
        "Open-vocabulary detectors such as Grounding DINO achieve strong zero-shot performance but are far too heavy for edge "
        "deployment, while real-time detectors like YOLOv8 are restricted to a closed set of categories."
    )
    assert found(text) == [("Grounding DINO", "Model"), ("YOLOv8", "Model")]


def test_a_singular_model_role_noun_names_the_model_after_it():
    text = (
        "We construct 40 semantically equivalent paraphrases of the judge prompts used by MT-Bench, AlpacaEval 2.0 and Arena-Hard, "
        "and re-run each benchmark with four judges: GPT-4o, Claude 3 Opus, Qwen2-72B-Instruct and the open evaluator model Prometheus 2."
    )
    assert found(text)[-4:] == [("GPT-4o", "Model"), ("Claude 3 Opus", "Model"), ("Qwen2-72B-Instruct", "Model"), ("Prometheus 2", "Model")]
    text = (
        "Using TabShift, we evaluate 19 methods, including gradient-boosted trees (XGBoost, LightGBM, CatBoost), deep tabular "
        "models (FT-Transformer, TabR, TabM) and the in-context learner TabPFN v2."
    )
    assert found(text) == [("FT-Transformer", "Model"), ("TabR", "Model"), ("TabM", "Model"), ("TabPFN v2", "Model")]


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


def test_collections_and_data_resources_head_lists_of_datasets():
    text = (
        "Progress in learned robot manipulation is increasingly driven by large demonstration datasets, yet existing collections "
        "such as BridgeData V2, DROID and Open X-Embodiment are dominated by stationary arms operating on tabletops."
    )
    assert found(text) == [("BridgeData V2", "Dataset"), ("DROID", "Dataset"), ("Open X-Embodiment", "Dataset")]
    text = (
        "Existing repository-level benchmarks such as SWE-bench Verified mostly consist of localized bug fixes, whereas "
        "dependency upgrades require coordinated edits across many files."
    )
    assert found(text) == [("SWE-bench Verified", "Benchmark")]


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
