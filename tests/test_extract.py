"""Tests of kgraph.extract: the rule families, the spaCy component and the API.

Sentences are copied from the sample listings; each test states the exact
entities (name, type) the guidelines expect.
"""

import pytest
import spacy

from kgraph.corpus import load_corpus
from kgraph.extract import extract, extract_paper, make_nlp
from kgraph.extract.rules import load_recognizer, name_key, sentence_spans
from kgraph.types import Paper


def found(text):
    return [(f.name, f.type) for f in load_recognizer().find(text)]


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


@pytest.fixture(scope="module")
def sample():
    return {p.title: p for p in load_corpus()}


# --- coordination and gazetteers ---------------------------------------------------


def test_extract_coordination_benchmarks():
    text = (
        "Evaluations show that GLM-4 1) closely rivals or outperforms GPT-4 in terms of general metrics "
        "such as MMLU, GSM8K, MATH, BBH, GPQA, and HumanEval, 2) gets close to GPT-4-Turbo in instruction "
        "following as measured by IFEval."
    )
    assert found(text) == [
        ("GLM-4", "Model"),
        ("GPT-4", "Model"),
        ("MMLU", "Benchmark"),
        ("GSM8K", "Benchmark"),
        ("MATH", "Benchmark"),
        ("BBH", "Benchmark"),
        ("GPQA", "Benchmark"),
        ("HumanEval", "Benchmark"),
        ("GPT-4-Turbo", "Model"),
        ("IFEval", "Benchmark"),
    ]


def test_extract_sized_variants_are_entities():
    text = "This report primarily focuses on the GLM-4 language series, which includes GLM-4, GLM-4-Air, and GLM-4-9B."
    assert found(text) == [("GLM-4", "Model"), ("GLM-4-Air", "Model"), ("GLM-4-9B", "Model")]


def test_extract_family_of_sized_variant():
    [ent] = load_recognizer().find("We prune Llama-2-7B with our method.")
    assert (ent.name, ent.type, ent.family) == ("Llama-2-7B", "Model", "Llama-2")


def test_extract_spread_sizes_give_only_family():
    assert found("We train BERT base and large on the data.") == [("BERT", "Model")]


# --- defining phrases and cue words ----------------------------------------------------


def test_extract_defining_phrase_benchmark_introduced():
    text = (
        "To bridge these gaps, we introduce NLEBench, a comprehensive benchmark tailored for evaluating "
        "natural language generation capabilities in Norwegian, a low-resource language."
    )
    [ent] = load_recognizer().find(text)
    assert (ent.name, ent.type, ent.introduced) == ("NLEBench", "Benchmark", True)


def test_extract_framework_is_not_an_entity():
    text = "ULLME: A Unified Framework for Large Language Model Embeddings with Generation-Augmented Learning\n\nWe present ULLME, a flexible, plug-and-play implementation."
    assert found(text) == []


def test_extract_modifier_family():
    text = "Existing low-resource benchmarks focus on discriminative language models like BERT, neglecting the evaluation of generative language models."
    assert found(text) == [("BERT", "Model")]


def test_extract_gpt_like_modifier():
    assert found("We study GPT-like models and BERT-based encoders.") == [("GPT", "Model"), ("BERT", "Model")]


def test_extract_generic_classes_are_not_entities():
    text = "Recent advancements in Generative Language Models (GLMs) have transformed Natural Language Processing (NLP)."
    assert found(text) == []


def test_extract_training_corpus_is_dataset():
    text = "3 billion and 13 billion parameters trained on 60 languages from 25 language families using Wikipedia and Colossal Clean Crawled Corpus."
    assert found(text) == [("Wikipedia", "Dataset"), ("Colossal Clean Crawled Corpus", "Dataset")]


def test_extract_evaluation_set_is_benchmark():
    text = "6 percentage point improvement on MMLU while being trained with 40% less compute."
    assert found(text) == [("MMLU", "Benchmark")]


def test_extract_title_head_dataset_introduced():
    paper = [p for p in load_corpus() if p.title.startswith("Dolma:")][0]
    ents = {e.name: e for e in extract_paper(paper).entities}
    assert ents["Dolma"].type == "Dataset" and ents["Dolma"].introduced


# --- abbreviations ------------------------------------------------------------------


def test_extract_abbreviation_alias():
    text = "Holistic Evaluation of Language Models\n\nWe present Holistic Evaluation of Language Models (HELM) to improve the transparency of language models."
    ents = load_recognizer().find(text)
    helm = [e for e in ents if e.name == "HELM"]
    assert len(helm) == 1 and helm[0].type == "Benchmark"
    assert "Holistic Evaluation of Language Models" in helm[0].aliases


# --- stop lists -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "We fine-tune with LoRA and align with RLHF and DPO.",
    "We report BLEU and ROUGE scores.",
    "Our code uses PyTorch and DeepSpeed on A100 GPUs.",
    "OpenAI and Google released LLMs and MLLMs.",
])
def test_extract_stoplist(text):
    assert found(text) == []


# --- the spaCy component and the API ------------------------------------------------------


def test_extract_component_on_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_entities")
    doc = nlp("Results on MMLU, GSM8K and HumanEval show that GPT-4 wins.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("MMLU", "BENCHMARK"), ("GSM8K", "BENCHMARK"), ("HumanEval", "BENCHMARK"), ("GPT-4", "MODEL"),
    ]
    assert [s.label_ for s in doc.spans["kgraph"]] == ["BENCHMARK", "BENCHMARK", "BENCHMARK", "MODEL"]


def test_extract_glm130b_paper(nlp, sample):
    paper = sample["GLM-130B: An Open Bilingual Pre-trained Model"]
    out = extract_paper(paper, nlp)
    ents = {e.name: e for e in out.entities}
    assert ents["GLM-130B"].type == "Model" and ents["GLM-130B"].introduced
    assert [(link.url, link.kind) for link in out.links] == [("https://github.com/THUDM/GLM-130B", "github")]


def test_extract_mentions_point_into_text(nlp, sample):
    for out in extract(list(sample.values())[:40], nlp):
        text = out.paper.text
        for ent in out.entities:
            assert ent.mentions
            for m in ent.mentions:
                assert text[m.start:m.end] == m.text
                assert m.text in m.sentence


def test_extract_one_entity_per_name(nlp, sample):
    for out in extract(list(sample.values()), nlp):
        keys = [name_key(e.name) for e in out.entities]
        assert len(keys) == len(set(keys)), out.paper.title


def test_extract_streams_in_order(nlp):
    papers = [Paper(str(i), f"Title {i}", "We evaluate GPT-4.") for i in range(5)]
    assert [o.paper.id for o in extract(iter(papers), nlp, batch_size=2)] == ["0", "1", "2", "3", "4"]


def test_extract_deterministic(nlp, sample):
    papers = list(sample.values())[:30]
    assert list(extract(papers, nlp)) == list(extract(papers, nlp))


def test_extract_sentence_spans():
    text = "T\n\nWe use GPT-4. It is good."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["T", "We use GPT-4.", "It is good."]
