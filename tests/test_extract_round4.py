"""Tests of the fourth round of general rules (daily-listing-style abstracts).

Each sentence is copied from the dev2-dev4 listings (tests/data/dev*/listing-*.jsonl);
each test states the exact entities (name and type) the annotation guidelines expect
from the rule family it covers.
"""

from extract_helpers import found


def test_a_list_of_data_sets_after_on_or_across_names_evaluation_sets():
    # a head noun before the list: "across thirteen standard datasets, including A, B"
    text = "These findings hold across thirteen standard datasets, including ETTh1, ETTm2, Electricity, Traffic, Weather and Illness."
    assert found(text) == [
        ("ETTh1", "Benchmark"), ("ETTm2", "Benchmark"), ("Electricity", "Benchmark"),
        ("Traffic", "Benchmark"), ("Weather", "Benchmark"), ("Illness", "Benchmark"),
    ]
    # a head noun after the list: "on the small A and B datasets", "on the A and B meeting corpora"
    text = (
        "Generative models for crystal structure design are often compared on the small MP-20 and Perov-5 datasets using "
        "validity and match-rate metrics that saturate quickly and ignore thermodynamic stability."
    )
    assert found(text) == [("MP-20", "Benchmark"), ("Perov-5", "Benchmark")]
    text = (
        "Experiments on QMSum and on the AMI and ICSI meeting corpora show that FactPref reduces unsupported claims by 31% "
        "relative to supervised fine-tuning while keeping ROUGE-L within 0.5 points."
    )
    assert found(text) == [("QMSum", "Benchmark"), ("AMI", "Benchmark"), ("ICSI", "Benchmark")]
    text = (
        "MultiMedBench encompasses 14 diverse tasks such as medical question answering, mammography and dermatology image "
        "interpretation, radiology report generation and summarization, and genomic variant calling, drawing on existing "
        "datasets such as MedQA, MIMIC-CXR and VinDr-Mammo."
    )
    assert [(n, t) for n, t in found(text) if n != "MultiMedBench"] == [("MedQA", "Benchmark"), ("MIMIC-CXR", "Benchmark"), ("VinDr-Mammo", "Benchmark")]


def test_data_sets_named_after_on_and_a_counted_data_noun_are_evaluation_sets():
    # "on two real clinical datasets, A and B": the names follow the noun phrase "on" governs
    text = (
        "To assess the corpus, we fine-tune GBERT-large, GottBERT and medBERT.de on SynDisch-DE and evaluate them on two "
        "real clinical datasets, BRONCO150 and GGPONC 2.0."
    )
    assert [(n, t) for n, t in found(text) if n in ("BRONCO150", "GGPONC 2.0")] == [("BRONCO150", "Benchmark"), ("GGPONC 2.0", "Benchmark")]
    # sentence-initial "On three public ultrasound datasets, A (...), B (...) and C (...)"
    text = (
        "On three public ultrasound datasets, BUSI (breast lesions), TN3K (thyroid nodules) and CAMUS (cardiac), BAPT improves "
        "Dice by 3.1-7.4 points over MedSAM fine-tuning and reduces HD95 by up to 31%, and in the prompt-free setting it is "
        "competitive with the fully supervised nnU-Net framework trained on the same data."
    )
    assert [(n, t) for n, t in found(text) if n in ("BUSI", "TN3K", "CAMUS")] == [("BUSI", "Benchmark"), ("TN3K", "Benchmark"), ("CAMUS", "Benchmark")]


def test_a_list_of_data_sets_described_or_trained_on_stays_data():
    # no "on": the list describes data sets, it measures nothing
    text = (
        "Current large-scale math instruction tuning datasets such as MetaMathQA and MAmmoTH are constructed using outputs "
        "from closed-source LLMs with commercially restrictive licenses."
    )
    assert found(text) == [("MetaMathQA", "Dataset"), ("MAmmoTH", "Dataset")]
    text = (
        "Satellite-based flood mapping has benefited from labeled datasets such as Sen1Floods11 and Kuro Siwo, but these "
        "cover a limited number of events and provide little information about the hydrometeorological conditions that "
        "preceded them, preventing their use for forecasting."
    )
    assert found(text) == [("Sen1Floods11", "Dataset"), ("Kuro Siwo", "Dataset")]


def test_what_a_model_handling_verb_takes_as_its_objects_is_a_model():
    text = "We re-train and evaluate CDVAE, DiffCSP, FlowMM and MatterGen under identical data splits."
    assert found(text) == [("CDVAE", "Model"), ("DiffCSP", "Model"), ("FlowMM", "Model"), ("MatterGen", "Model")]
    text = (
        "To assess the utility of the data, we fine-tune Octo and OpenVLA on HomeReach-12K and evaluate them in 12 unseen homes; "
        "co-training with HomeReach-12K improves success on unseen-home tasks from 23% to 47% for OpenVLA."
    )
    assert found(text) == [("Octo", "Model"), ("OpenVLA", "Model"), ("HomeReach-12K", "Dataset")]
    text = (
        "To measure the value of the data, we train CLIP models with ViT-B/16 and ViT-L/14 image encoders on GeoSynCap-5M "
        "and compare them with RemoteCLIP and GeoRSCLIP."
    )
    assert [(n, t) for n, t in found(text) if n in ("RemoteCLIP", "GeoRSCLIP")] == [("RemoteCLIP", "Model"), ("GeoRSCLIP", "Model")]
    text = "We evaluate it with OpenVLA, Octo-Base and π0 on the LIBERO suites and SimplerEnv, and on 12 real-world tasks with a WidowX arm."
    assert [(n, t) for n, t in found(text) if t == "Model"] == [("OpenVLA", "Model"), ("Octo-Base", "Model"), ("π0", "Model")]


def test_a_verb_noun_or_a_coordinated_clause_does_not_type_its_neighbour():
    # "MedSAM fine-tuning and reduces HD95": a metric after a coordinated clause is no object of "fine-tuning"
    text = (
        "On three public ultrasound datasets, BUSI (breast lesions), TN3K (thyroid nodules) and CAMUS (cardiac), BAPT improves "
        "Dice by 3.1-7.4 points over MedSAM fine-tuning and reduces HD95 by up to 31%, and in the prompt-free setting it is "
        "competitive with the fully supervised nnU-Net framework trained on the same data."
    )
    assert "HD95" not in [n for n, _ in found(text)]


def test_a_plain_plural_word_is_no_plural_of_a_known_name():
    # title words: "Limits" is not a plural of a benchmark "LIMIT", "Codecs" not one of a data set "Codec"
    assert found("DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models") == [("DeepSeekMath", "Model")]
    assert found("MegaMath: Pushing the Limits of Open Math Corpora\n\nWe present MegaMath, an open dataset curated from diverse, math-focused sources.") == [
        ("MegaMath", "Dataset")
    ]
    assert "Codecs" not in [n for n, _ in found("How Semantic Are Neural Speech Codecs? Probing Discrete Tokens for Spoken Language Modeling")]
