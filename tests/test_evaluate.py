"""Tests of kgraph.evaluate: the scorer must match shared/eval/score.py exactly."""

import importlib.util
import json
from pathlib import Path

import pytest

from kgraph.corpus import load_corpus
from kgraph.evaluate import ScoreError, format_errors, format_table, key, read_gold, score, url_key
from kgraph.extract import extract
from kgraph.records import to_record

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold" / "dev.jsonl"
needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not present")


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def predictions():
    return [to_record(x) for x in extract(load_corpus())]


def test_evaluate_counts_by_hand():
    gold = [{"title": "Paper A", "models": [["GPT-4", "GPT4"], ["BERT"]], "datasets": [["C4"]], "benchmarks": [],
             "github": ["https://github.com/a/b"], "introduced": ["GPT-4"]}]
    pred = [{"title": "paper a", "entities": [
        {"name": "gpt-4", "type": "Model", "introduced": True},
        {"name": "T5", "type": "Model"},
        {"name": "C4", "type": "Benchmark"},
    ], "links": [{"url": "https://github.com/a/b.git"}, {"url": "https://github.com/x/y"}]}]
    res, errors = score(gold, pred)
    assert res["model"] == {"P": 0.5, "R": 0.5, "F1": 0.5, "pred": 2, "gold": 2}
    assert res["data"]["F1"] == 1.0 and res["dataset"]["R"] == 0.0 and res["benchmark"]["P"] == 0.0
    assert res["github"]["P"] == 0.5 and res["github"]["R"] == 1.0
    assert res["introduced"]["F1"] == 1.0
    assert ("Paper A", "model", "FP", "t5") in [e[:4] for e in errors]


def test_evaluate_missing_paper_counts():
    res, _ = score([{"title": "X", "models": [["A1"]]}], [])
    assert res["papers_missing"] == 1 and res["model"]["R"] == 0.0


def test_evaluate_url_key():
    assert url_key("https://github.com/QizhiPei/SSM-DTA{Github}.") == "github.com/qizhipei/ssm-dta"


@needs_shared
def test_evaluate_matches_reference_scorer(reference, predictions):
    gold = read_gold(GOLD)
    ours, our_errors = score(gold, predictions)
    theirs, their_errors = reference.score(reference.load(GOLD), predictions)
    assert ours == theirs
    assert [e[:4] for e in our_errors] == their_errors


@needs_shared
def test_evaluate_table_matches_reference(reference, predictions, tmp_path, capsys, monkeypatch):
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["score.py", str(GOLD), str(pred_path)])
    reference.main()
    printed = capsys.readouterr().out
    ours, _ = score(read_gold(GOLD), predictions)  # (read_gold refuses prediction records)
    assert format_table(ours) + "\n" == printed


@needs_shared
def test_evaluate_errors_list_title_and_sentence(predictions):
    gold = read_gold(GOLD)
    _, errors = score(gold, predictions)
    texts = {p.title: p.text for p in load_corpus()}
    report = format_errors(errors, predictions, texts=texts)
    fps = [e for e in errors if e.kind == "FP" and e.type != "github"]
    assert fps, "the test needs at least one false positive"
    lines = report.splitlines()
    for err in fps:
        assert err.paper_title in lines
        prefix = f"  FP {err.type:<10}"
        i = next(k for k, line in enumerate(lines) if line.startswith(prefix) and key(line[len(prefix):]) == err.name)
        assert lines[i + 1].strip() != "(no sentence found)"
    assert report.count("  FN ") == sum(1 for e in errors if e.kind == "FN")
    assert report.count("  FP ") == len([e for e in errors if e.kind == "FP"])


def test_evaluate_format_errors_fn_sentence():
    errs = [ScoreError("T", "benchmark", "FN", "mmlu", "T", ("MMLU",))]
    out = format_errors(errs, [], texts={"T": "T\n\nWe test on MMLU. Done."})
    assert out.splitlines() == ["T", "  FN benchmark MMLU", "      We test on MMLU."]


def test_evaluate_read_gold_bad_json(tmp_path):
    from kgraph.errors import KgraphError
    path = tmp_path / "g.jsonl"
    path.write_text('{"title": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(KgraphError, match="g.jsonl:2"):
        read_gold(path)


def test_evaluate_independent_set_is_valid_gold_for_its_listing():
    """The independent check set loads as gold and every gold paper is in its listing."""
    from pathlib import Path

    from kgraph.corpus import load_corpus, title_key
    from kgraph.evaluate import read_gold

    folder = Path(__file__).parent / "data" / "independent"
    gold = read_gold(folder / "gold.jsonl")
    titles = {title_key(p.title) for p in load_corpus([folder / "listing.jsonl"])}
    assert len(gold) == 40
    assert {title_key(g["title"]) for g in gold} == titles
