"""Names in lists, and what a list says of its items (kgraph.extract.lists).

A plural type noun heads or ends a list and types its items; a list of data sets after "on"/"across" is
where results are measured; coordinated names share a type; the objects of a model-handling verb are models.

The sentences and expectations are as tests/support/extract.py says.
"""

from __future__ import annotations

from support.extract import found, found_intro


def test_extract_examples_in_parentheses_are_typed():
    text = (
        "However, all previous graph generative models (e.g., GraphRNN, MDVAE, MoFlow, GDSS, and DiGress) have "
        "been trained only on one dataset each time, which cannot replicate the revolutionary success achieved by "
        "LGMs in other fields."
    )
    assert found(text) == [
        ("GraphRNN", "Model"),
        ("MDVAE", "Model"),
        ("MoFlow", "Model"),
        ("GDSS", "Model"),
        ("DiGress", "Model"),
    ]


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


def test_plural_assistant_noun_before_a_list_types_models():
    text = (
        "Fine-tuning existing 3D assistants, 3D-LLM, LEO and Chat-Scene, on RoomTalk-3D improves multi-turn grounding "
        "accuracy by 11-19 points and also transfers to single-turn benchmarks, with gains on ScanQA, SQA3D and ScanRefer."
    )
    ents = found(text)
    assert ents[:3] == [("3D-LLM", "Model"), ("LEO", "Model"), ("Chat-Scene", "Model")]
    assert ents[-3:] == [("ScanQA", "Benchmark"), ("SQA3D", "Benchmark"), ("ScanRefer", "Benchmark")]


def test_plural_type_noun_after_a_list_types_every_item():
    text = (
        "We present AbdoFound, a 3D vision transformer foundation model for abdominal CT pretrained with masked image "
        "modeling and volume-level contrastive learning on 148,000 scans from 23 hospitals, together with the public "
        "TotalSegmentator, AbdomenAtlas 1.1 and FLARE23 collections."
    )
    assert found_intro(text) == {
        "AbdoFound": ("Model", True), "TotalSegmentator": ("Dataset", False), "AbdomenAtlas 1.1": ("Dataset", False),
        "FLARE23": ("Dataset", False),
    }
    text = (
        "Following the POPE protocol for vision-language models, we construct yes/no probing questions from the "
        "AudioCaps and Clotho test sets, sampling absent sound events at random, by popularity and by co-occurrence."
    )
    assert [name for name, _ in found(text)] == ["AudioCaps", "Clotho"]


def test_counted_plural_noun_heads_a_list_of_sets():
    text = (
        "The model is pretrained on 48 graphs, including ogbn-papers100M and ogbn-products, with a masked label "
        "prediction objective. On 31 held-out graphs, including Cora, PubMed, Amazon-Computers, roman-empire and "
        "ogbn-arxiv, GraphWeaver improves average zero-shot accuracy by 4.1 points over GraphAny and OpenGraph."
    )
    assert found(text) == [
        ("ogbn-papers100M", "Dataset"), ("ogbn-products", "Dataset"), ("Cora", "Benchmark"), ("PubMed", "Benchmark"),
        ("Amazon-Computers", "Benchmark"), ("roman-empire", "Benchmark"), ("ogbn-arxiv", "Benchmark"),
        # "improves ... by 4.1 points over X and Y": what a model is compared with is a model (round 3)
        ("GraphAny", "Model"), ("OpenGraph", "Model"),
    ]


def test_resources_such_as_lists_datasets():
    text = (
        "Existing resources such as RS5M and SkyScript derive captions from filtered web alt-text or crowd-sourced "
        "map tags, which rarely describe spatial layout, land-use mixtures or object counts."
    )
    assert found(text) == [("RS5M", "Dataset"), ("SkyScript", "Dataset")]


def test_data_cue_in_a_list_outweighs_a_net_name_part():
    text = (
        "We fine-tune Qwen2-VL-2B and Florence-2 on DocLayNet and PubLayNet augmented with reading-order annotations "
        "derived from PDF structure, and compare them with Nougat, GOT-OCR2.0 and the pipeline toolkit MinerU."
    )
    assert found(text)[:4] == [
        ("Qwen2-VL-2B", "Model"), ("Florence-2", "Model"), ("DocLayNet", "Dataset"), ("PubLayNet", "Dataset"),
    ]


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


def test_an_appositive_list_after_a_counted_plural_data_noun_and_a_comma():
    text = (
        "We benchmark Diffusion Policy on 12 tasks from 4 robot manipulation benchmarks, Robomimic, Push-T, Block Pushing "
        "and Franka Kitchen, and find that it consistently outperforms existing state-of-the-art robot learning methods "
        "such as IBC and BET, with an average improvement of 46.9%."
    )
    assert found(text) == [("Robomimic", "Benchmark"), ("Push-T", "Benchmark"), ("Block Pushing", "Benchmark"), ("Franka Kitchen", "Benchmark")]
    # no count: "datasets, however, ..." heads nothing
    assert found("Such datasets, However Kitchen and Block Pushing, are rare.") == []


def test_networks_and_transformers_head_lists_of_models():
    text = (
        "We represent polymers as periodic monomer graphs and as stochastic ensembles of oligomer graphs, and evaluate "
        "message-passing networks (GIN, GAT, D-MPNN), graph transformers (Graphormer, GPS) and pretrained molecular models "
        "(GROVER, Uni-Mol, MolCLR) alongside fingerprint-based random forests."
    )
    assert found(text) == [
        ("GIN", "Model"), ("GAT", "Model"), ("D-MPNN", "Model"), ("Graphormer", "Model"), ("GPS", "Model"),
        ("GROVER", "Model"), ("Uni-Mol", "Model"), ("MolCLR", "Model"),
    ]


def test_a_strong_data_cue_on_one_list_member_types_the_list():
    # "sampled from A, B and C": the sources of a new benchmark are data, whatever a word list says of B and C
    text = (
        "We introduce ParaSpeechQA, a benchmark of 7,400 question-answer pairs over 5,100 utterances recorded by actors or "
        "sampled from IEMOCAP, MSP-Podcast and CREMA-D, where each question can only be answered from paralinguistic cues "
        "because the transcript is neutral or ambiguous."
    )
    assert found(text) == [("ParaSpeechQA", "Benchmark"), ("IEMOCAP", "Dataset"), ("MSP-Podcast", "Dataset"), ("CREMA-D", "Dataset")]
    # a list head noun is no such cue: "datasets such as A, B" keeps known evaluation sets benchmarks (dev2)
    text = "The tasks are adapted from existing remote sensing datasets such as BigEarthNet, So2Sat, EuroSAT and ForestNet."
    assert ("EuroSAT", "Benchmark") in found(text)


def test_the_systems_a_paper_evaluates_are_models():
    # "We evaluate A, B and C": what is evaluated (not evaluated *on*) are the systems
    text = "We evaluate Codex (code-davinci-002), CodeGen-16B-mono, InCoder-6.7B, SantaCoder and StarCoder."
    assert ("SantaCoder", "Model") in found(text)
    # a single name is not enough: "We evaluate X on Y" may evaluate the paper's method
    assert found("We evaluate Quokka on the new split.") == []
