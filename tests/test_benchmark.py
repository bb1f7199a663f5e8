"""The benchmark script runs end to end on tiny corpora and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "benchmark.py"
STAGES = ("ingest", "extract", "graph", "turtle", "html", "query")


@pytest.mark.slow
def test_benchmark_quick_writes_json_with_every_stage(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--json", str(out), "--timeout", "120"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert report["machine"]["nproc"] >= 1 and report["machine"]["cpu"] is not None
    assert [r["n"] for r in report["results"]] == report["sizes"]
    for result in report["results"]:
        assert set(STAGES) <= set(result["stages"])
        for stage in STAGES:
            assert result["stages"][stage]["seconds"] >= 0
            assert result["stages"][stage]["peak_rss_mb"] > 0
        assert result["build"]["per_second"] > 0
        # CPU time counts the extraction workers' too: at least the main process's own
        assert result["build"]["cpu_seconds"] > 0
        assert set(result["baselines"]) >= {"rdflib_turtle", "rdflib_sparql", "pyvis_html"}
    assert "extract_scaling" in report["results"][-1]
    assert "| stage |" in proc.stdout


def test_benchmark_synthetic_entities_grow_with_size():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    templates = synth.load_templates()
    small = list(synth.synth_extractions(100, templates=templates))
    large = list(synth.synth_extractions(1000, templates=templates))
    names = lambda xs: {e.name for x in xs for e in x.entities}  # noqa: E731
    assert len(names(large)) > 3 * len(names(small))
    titles = [r["title"] for r in synth.synth_records(300, templates=templates)]
    assert len(set(titles)) == 300
    # The synthetic text holds what the synthetic extraction says.
    for x in large[:50]:
        for ent in x.entities:
            for m in ent.mentions:
                assert x.paper.text[m.start:m.end] == ent.name
