"""Tests of the rule families added for daily-listing-style abstracts.

Each sentence is copied from the dev3 listings (tests/data/dev3/listing-*.jsonl);
each test states the exact entities (name, type, and where it matters the
``introduced`` flag) the annotation guidelines expect from the rule it covers.
"""

from extract_helpers import found, found_intro


def test_class_noun_inside_a_hyphenated_name_is_no_cue():
    # "DCLM-Baseline, " must not read as "baselines, X" (which typed FineWeb-Edu a model)
    text = (
        "Kestrel-1B and Kestrel-3B are trained from scratch on 4.5T tokens drawn from DCLM-Baseline, FineWeb-Edu "
        "and The Stack v2, followed by a context-extension stage to 32K tokens."
    )
    assert found(text) == [
        ("Kestrel-1B", "Model"), ("Kestrel-3B", "Model"), ("DCLM-Baseline", "Dataset"), ("FineWeb-Edu", "Dataset"),
    ]


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


def test_hyphenated_variant_of_a_typed_name_shares_its_type():
    text = (
        "We present AbdoFound, a 3D vision transformer foundation model for abdominal CT. "
        "We release two variants, AbdoFound-B (86M parameters) and AbdoFound-L (304M parameters)."
    )
    assert found_intro(text) == {
        "AbdoFound": ("Model", True), "AbdoFound-B": ("Model", True), "AbdoFound-L": ("Model", True),
    }


def test_a_version_alone_is_no_name():
    text = "The Common Pile v0.1: An 8TB Dataset of Public Domain and Openly Licensed Text"
    assert found(text) == []  # not "v0.1"


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


def test_trained_from_scratch_on_and_plural_encoders():
    text = (
        "We compare publicly released encoders (CLIP, SigLIP-SO400M, DINOv2, and AIMv2) and train ViT-B/16 and "
        "ViT-L/14 encoders from scratch on DataComp-1B with contrastive, captioning and masked objectives."
    )
    assert found(text) == [
        ("CLIP", "Model"), ("SigLIP-SO400M", "Model"), ("DINOv2", "Model"), ("AIMv2", "Model"), ("ViT-B/16", "Model"),
        ("ViT-L/14", "Model"), ("DataComp-1B", "Dataset"),
    ]


def test_digit_led_camelcase_names_are_names():
    text = (
        "We introduce RoomTalk-3D, a dataset of 61K multi-turn dialogues (412K turns) grounded in 5,128 indoor "
        "scenes from ScanNet, 3RScan and ARKitScenes."
    )
    assert found_intro(text) == {
        "RoomTalk-3D": ("Dataset", True), "ScanNet": ("Dataset", False), "3RScan": ("Dataset", False),
        "ARKitScenes": ("Dataset", False),
    }
