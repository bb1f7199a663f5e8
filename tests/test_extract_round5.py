"""Tests of the fifth round of general rules (listing-style abstracts, a third based on real papers).

Each sentence is copied from the dev5 listings (tests/data/dev5/listing-*.jsonl); each test
states the exact entities (name and type) the annotation guidelines expect from the rule
family it covers, and a sentence the family must leave alone.
"""

from extract_helpers import found, found_intro


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


def test_a_name_the_paper_releases_as_names_its_data():
    text = (
        "The training data, which we release as LumenWeb, are derived from FineWeb-2 and CulturaX with a language-specific "
        "quality classifier distilled from annotations by Llama-3.3-70B-Instruct."
    )
    assert found_intro(text)["LumenWeb"] == ("Dataset", True)
    text = (
        "Distillation uses 1.1M prompts and responses in 20 languages, which we release as ShieldMix, combining translated "
        "samples from Aegis 2.0 and WildGuardMix with newly collected harmful requests from native speakers."
    )
    assert found_intro(text) == {"ShieldMix": ("Dataset", True)}


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
