"""The learned decisions: candidates and their features, the decider's mechanics, the shipped weights, threads."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kgraph.extract import extract
from kgraph.extract.learned import LABELS, WEIGHTS, Decider, Extractor, candidates, load_decider
from kgraph.extract.rules import Found, load_recognizer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _features(text: str, key: str) -> set[str]:
    return candidates(text)[key].features


@pytest.mark.parametrize(
    ("text", "key", "feature"),
    [
        ("T\n\nWe release Foo, a corpus of ten million documents.", "foo", "appos=data"),
        ("T\n\nWe propose Bar, a framework for planning.", "bar", "appos=none"),
        ("T\n\nWe test on the Baz benchmark.", "baz", "next_noun=bench"),
        ("T\n\nWe compare with the model called Qux.", "qux", "prev_noun=model"),
        ("Zed: A Benchmark for Agents\n\nText.", "zed", "title_noun=bench"),
        ("Zed: A Benchmark for Agents\n\nText.", "zed", "title_head_whole"),
        ("T\n\nCode: https://github.com/org/Quux.", "quux", "in_url"),
        ("T\n\nWe fine-tune BERT-based encoders.", "bert", "modifier_suffix"),
        ("T\n\nResults on GLUE (Wang et al.) improve.", "glue", "before_paren"),
        ("T\n\nWe train Llama 2 7B here.", "llama2", "in_longer_run"),
    ],
)
def test_extract_learned_candidate_features(text, key, feature):
    assert feature in _features(text, key)


def test_extract_learned_candidates_cover_name_shapes():
    text = "T\n\nWe evaluate GPT-4o, Qwen2.5-72B-Instruct, LLaMA 3 70B and wav2vec 2.0 on ImageNet-1k."
    keys = set(candidates(text))
    assert {"gpt4o", "qwen2572binstruct", "llama3", "llama370b", "wav2vec20", "imagenet1k"} <= keys
    assert "we" not in keys  # a sentence-initial function word is no candidate


def test_extract_learned_context_stays_in_the_sentence():
    feats = _features("T\n\nThe data is new. Foo works well.", "foo")
    assert "p1=<s>" not in feats or not any(f.startswith("p1=new") for f in feats)
    assert not any(f.startswith("prev_noun=") for f in feats)


def _toy(weights: dict[str, list[float]], intro: dict[str, float] | None = None) -> Decider:
    return Decider(
        {
            "labels": list(LABELS),
            "type": {"bias": [3.0, 0.0, 0.0, 0.0], "weights": weights},
            "introduced": {"bias": -2.0, "weights": intro or {}},
        }
    )


def test_extract_learned_decider_follows_its_weights():
    text = "T\n\nWe release Foo, a corpus of documents, and compare with GPT-4."
    found = load_recognizer().find(text)
    keep_data = _toy({"appos=data": [0.0, 0.0, 5.0, 0.0]}, {"appos=data": 5.0})
    assert [(f.name, f.type, f.introduced) for f in keep_data.decide(text, found)] == [("Foo", "Dataset", True)]
    keep_models = _toy({"rule=Model": [0.0, 5.0, 0.0, 0.0]})
    assert [(f.name, f.type, f.introduced) for f in keep_models.decide(text, found)] == [("GPT-4", "Model", False)]
    assert _toy({}).decide(text, found) == []  # the bias says None to everything


def test_extract_learned_name_inside_a_longer_kept_name_goes():
    text = "T\n\nWe train Llama 2 7B here."
    everything = _toy({"digit": [0.0, 5.0, 0.0, 0.0]})
    names = [f.name for f in everything.decide(text, [])]
    assert names == ["Llama 2 7B"]


def test_extract_learned_probabilities_are_a_distribution():
    decider = load_decider()
    text = "T\n\nWe evaluate GPT-4 on MMLU."
    probs = decider.type_probs(candidates(text, load_recognizer().find(text))["gpt4"].features)
    assert len(probs) == len(LABELS) and abs(sum(probs) - 1) < 1e-9
    assert max(range(4), key=probs.__getitem__) == LABELS.index("Model")


def test_extract_learned_weights_record_their_annotations():
    weights = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    digest = hashlib.sha256((ROOT / "annotations" / "train.jsonl").read_bytes())
    gold_lines = sum(1 for line in (ROOT / "annotations" / "train.jsonl").open() if line.strip())
    for folder in weights["listing_sets"]:
        for gold in sorted((ROOT / folder).glob("gold*.jsonl")):
            digest.update(gold.read_bytes())
            gold_lines += sum(1 for line in gold.open() if line.strip())
    assert weights["annotations_sha256"] == digest.hexdigest()
    assert weights["listing_sets"] and "tests/data/independent" not in weights["listing_sets"]
    assert weights["trained_on"]["papers"] == gold_lines  # every annotated paper found its text
    assert set(weights["config"]) >= {"C_type", "C_intro", "min_count", "keep_threshold", "intro_threshold"}


@pytest.mark.slow
def test_extract_learned_training_recreates_the_weights_byte_for_byte(tmp_path):
    pytest.importorskip("sklearn", reason="training needs scikit-learn (pip install '.[train]')")
    abstracts = SHARED / "unlabeled" / "abstracts.jsonl"
    if not abstracts.exists():
        pytest.skip("../shared/unlabeled/abstracts.jsonl (the annotated texts) is not beside this checkout")
    out = tmp_path / "weights.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_extractor.py"), "--abstracts", str(abstracts), "-o", str(out)], check=True, capture_output=True)
    made, shipped = json.loads(out.read_text()), json.loads(WEIGHTS.read_text())
    for part in ("trained_on", "annotations_sha256", "config", "listing_sets"):
        assert made[part] == shipped[part], part
    assert out.read_bytes() == WEIGHTS.read_bytes()


def test_extract_learned_threads_give_the_same_results(sample_papers):
    papers = sample_papers[:120]
    one = [[(e.name, e.type, e.introduced, e.aliases, tuple((m.start, m.end) for m in e.mentions)) for e in x.entities] for x in extract(papers)]

    def run(paper):
        [x] = extract([paper])
        return [(e.name, e.type, e.introduced, e.aliases, tuple((m.start, m.end) for m in e.mentions)) for e in x.entities]

    barrier = threading.Barrier(4)

    def chunk(k):
        barrier.wait()  # all four threads extract at once
        return [run(p) for p in papers[k::4]]

    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(chunk, range(4)))
    many = [None] * len(papers)
    for k, part in enumerate(parts):
        many[k::4] = part
    assert many == one


def test_extract_learned_rules_alone_when_no_weights():
    rules = load_recognizer()
    text = "T\n\nWe evaluate GPT-4 on MMLU."
    assert [(f.name, f.type) for f in Extractor(rules, None).find(text)] == [(f.name, f.type) for f in rules.find(text)]
    assert isinstance(rules.find(text)[0], Found)


def test_extract_learned_long_runs_are_blanked_before_the_rules(monkeypatch):
    seen = []
    rules = load_recognizer()
    monkeypatch.setattr(type(rules), "find", lambda self, text: seen.append(text) or [])
    text = "T\n\n" + "x" * 300 + " We use GPT-4. See https://example.org/" + "a" * 250
    Extractor(rules, None).find(text)
    assert len(seen[0]) == len(text)  # offsets kept
    assert "x" * 201 not in seen[0] and "a" * 201 not in seen[0] and "We use GPT-4." in seen[0]


def test_extract_learned_a_hostile_word_does_not_hide_the_names_after_it():
    [x] = extract([__import__("kgraph.types", fromlist=["Paper"]).Paper("p", "T", "A" * 200_000 + " We evaluate GPT-4 on MMLU.")])
    names = {(e.name, e.type) for e in x.entities}
    assert ("GPT-4", "Model") in names
    start = x.paper.text.index("GPT-4")
    assert any(m.start == start for e in x.entities for m in e.mentions if e.name == "GPT-4")
