"""Hostile input to the query side: runaway queries, formula and terminal injection, wrong files, damaged stores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.errors import KgraphError, QueryError
from kgraph.evaluate import gold_ids, read_gold
from kgraph.export.files import write_json
from kgraph.export.rdf import write_rdf
from kgraph.graph import build_graph
from kgraph.query import format_result, load_store
from kgraph.store import update_store
from kgraph.types import Entity, Mention, Paper, PaperExtraction

# Every triple with every other, three times over: runs for hours, and the engine does not see signals.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


def _papers(n: int) -> list[PaperExtraction]:
    out = []
    for i in range(n):
        text = f"We evaluate Model{i}-7B on Bench{i % 7}."
        out.append(PaperExtraction(
            Paper(f"p{i}", f"Paper {i}", text),
            (Entity(f"Model{i}-7B", "Model", mentions=(Mention(12, 12 + len(f"Model{i}-7B"), text),)), Entity(f"Bench{i % 7}", "Benchmark")),
        ))
    return out


@pytest.fixture(scope="module")
def graph_ttl(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("q") / "graph.ttl"
    write_rdf(build_graph(_papers(60)), path)
    return path


def _kgraph(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True, timeout=120, **kwargs)


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# -- 1. timeout, signals, bounded rows ------------------------------------------------------


@pytest.mark.slow
def test_query_timeout_stops_a_runaway_query(graph_ttl):
    started = time.monotonic()
    result = _kgraph("query", str(graph_ttl), RUNAWAY, "--timeout", "2")
    assert time.monotonic() - started < 30
    assert result.returncode == 1 and result.stdout == ""
    assert "longer than 2 s" in _one_error_line(result.stderr) and "--timeout" in result.stderr


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


@pytest.mark.slow
def _interruptible() -> None:
    # A shell that starts the test run in the background leaves SIGINT ignored, and a child
    # keeps that (Python then installs no KeyboardInterrupt handler): give it Ctrl-C back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_query_signal_stops_the_engine_at_once(graph_ttl, signum, status):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgraph", "query", str(graph_ttl), RUNAWAY], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_interruptible,
    )
    try:
        deadline = time.monotonic() + 30
        while not _children(proc.pid):  # the engine's process has started
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        engines = _children(proc.pid)
        time.sleep(1)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=10)  # before the fix: still running, signal or not
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == status
    assert "Interrupted" in _one_error_line(err)
    time.sleep(0.5)
    assert all(_gone(pid) for pid in engines)


def test_query_run_query_keeps_max_rows_and_says_so(graph_ttl):
    from kgraph.query import run_query

    columns, rows, truncated = run_query(graph_ttl, PRODUCT, max_rows=1000)
    assert len(columns) == 6 and len(rows) == 1000 and truncated
    assert run_query(graph_ttl, "SELECT ?p WHERE { ?p a <https://w3id.org/kgraph/ontology#Paper> }", max_rows=1000)[2] is False
    with pytest.raises(QueryError, match="Invalid SPARQL"):
        run_query(graph_ttl, "SELEC ?x")
    with pytest.raises(QueryError, match="no such file"):
        run_query(graph_ttl.with_name("nope.ttl"), "ASK {}")


@pytest.mark.slow
def test_query_cli_max_rows_caps_the_output(graph_ttl):
    result = _kgraph("query", str(graph_ttl), PRODUCT, "--format", "csv", "--max-rows", "7")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1 + 7
    note = _one_error_line(result.stderr)
    assert "first 7 rows" in note and "--max-rows" in note
    # the default keeps 100,000 rows: a product of every triple with every other stays bounded
    result = _kgraph("query", str(graph_ttl), PRODUCT, "--format", "csv")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1 + 100_000
    assert "100,000 rows" in result.stderr


# -- 2. CSV formula injection ---------------------------------------------------------------


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_query_csv_neutralises_formula_cells(cell):
    out = format_result(["t"], [[cell]], "csv")
    assert out.splitlines()[1].lstrip('"').startswith("'")
    assert json.loads(format_result(["t"], [[cell]], "json"))[0]["t"] == cell  # JSON keeps the data as it is


def test_query_csv_leaves_other_cells_alone():
    assert format_result(["a", "b", "c"], [["GPT-4", "3", None]], "csv") == "a,b,c\nGPT-4,3,\n"


@pytest.mark.slow
def test_query_cli_csv_formula_from_a_title(tmp_path):
    listing = tmp_path / "f.csv"
    listing.write_text('title,abstract\n"=HYPERLINK(""http://evil.example"",""x"")",We use BERT.\n', encoding="utf-8")
    assert _kgraph("build", str(listing), "-o", str(tmp_path / "out"), "-q").returncode == 0
    result = _kgraph(
        "query", str(tmp_path / "out" / "graph.ttl"),
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?p dcterms:title ?t }", "--format", "csv",
    )
    assert result.stdout.splitlines()[1] == '"\'=HYPERLINK(""http://evil.example"",""x"")"'


# -- 3. terminal controls in tables ---------------------------------------------------------


@pytest.mark.parametrize("evil", ["\x9b31m", "\x1b[2J", "\x07", "\u202eevil", "\x85x", "\x90q"])
def test_query_table_escapes_terminal_controls(evil):
    table = format_result(["t"], [[f"a{evil}b"]], "table")
    assert all(ch.isprintable() for line in table.splitlines() for ch in line)
    assert json.loads(format_result(["t"], [[evil]], "json"))[0]["t"] == evil


@pytest.mark.slow
def test_extract_table_escapes_terminal_controls(tmp_path):
    listing = tmp_path / "ctl.jsonl"
    listing.write_text(json.dumps({"title": "Evil \x9b31m [bold]title[/bold]", "abstract": "We use BERT on MMLU."}) + "\n", encoding="utf-8")
    result = _kgraph("extract", str(listing), "--format", "table")
    assert result.returncode == 0
    assert "\x9b" not in result.stdout and "\\x9b31m" in result.stdout
    assert "[bold]title" in result.stdout  # not read as markup either
    assert "\x9b" in json.loads(_kgraph("extract", str(listing)).stdout)["title"]  # JSON keeps the data


# -- 4. kgraph's own graph.json is not JSON-LD ----------------------------------------------


def test_query_refuses_node_link_json_of_any_size(tmp_path):
    path = tmp_path / "graph.json"
    write_json(build_graph(_papers(40)), path)
    assert path.read_bytes().find(b'"multigraph"') > 4096  # past the first 4 KiB, where the old check looked
    with pytest.raises(QueryError, match="node-link JSON, not RDF"):
        load_store(path)
    jsonld = tmp_path / "graph.jsonld.json"
    jsonld.write_text('{"@context": {"directed": "http://e/d"}, "@id": "http://e/a", "directed": "x"}', encoding="utf-8")
    assert len(load_store(jsonld)) == 1  # real JSON-LD still loads


@pytest.mark.slow
@pytest.mark.parametrize("command", ["stats", "query"])
def test_query_cli_refuses_graph_json(tmp_path, command):
    path = tmp_path / "graph.json"
    write_json(build_graph(_papers(40)), path)
    args = [command, str(path)] + (["--name", "top-models"] if command == "query" else ["--json"])
    result = _kgraph(*args)
    assert result.returncode == 1 and result.stdout == ""
    assert "node-link JSON" in _one_error_line(result.stderr)


# -- 5. eval with gold of the wrong shape ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": "No such paper", "entities": []}', r"g\.jsonl:2: this is a prediction"),
        ('{"id": "T", "title": "T", "entities": [{"name": "BERT", "type": "Model"}], "links": []}', r"g\.jsonl:2: this is a prediction"),
        ('{"title": "No such paper"}', r"g\.jsonl:2: not a gold record: it has none of 'models'"),
        ('{"id": "2401.00001", "abstract": "x"}', r"g\.jsonl:2: not a gold record"),
    ],
)
def test_eval_refuses_gold_of_the_wrong_shape(tmp_path, line, message):
    path = tmp_path / "g.jsonl"
    path.write_text('{"title": "A", "models": [["GPT-4"]]}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(KgraphError, match=message):
        read_gold(path)


def test_eval_still_reads_gold_keyed_by_arxiv_id(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "2401.00001", "models": [], "datasets": [], "benchmarks": [["MMLU"]], "github": []}\n', encoding="utf-8")
    gold = read_gold(path)
    assert gold_ids(gold) == {"2401.00001"}


@pytest.mark.slow
def test_eval_cli_refuses_prediction_records(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"title": "No such paper", "entities": []}\n', encoding="utf-8")
    papers = tmp_path / "a.jsonl"
    papers.write_text('{"title": "T1 paper", "abstract": "We use BERT."}\n', encoding="utf-8")
    result = _kgraph("eval", str(gold), str(papers))
    assert result.returncode == 1 and result.stdout == ""  # not a table of 1.000
    assert "g.jsonl:1: this is a prediction" in _one_error_line(result.stderr)


# -- 6. a damaged store ---------------------------------------------------------------------


@pytest.fixture
def damaged_store(tmp_path) -> Path:
    kg = tmp_path / "kg"
    update_store(kg, build_graph(_papers(30)))
    for sst in (kg / "current").resolve().glob("*.sst"):
        sst.write_bytes(os.urandom(100))
    return kg


@pytest.mark.slow
def test_query_damaged_store_is_one_line(damaged_store):
    result = _kgraph("query", str(damaged_store), "--name", "top-models")
    assert result.returncode == 1 and result.stdout == ""
    line = _one_error_line(result.stderr)
    assert line.startswith(f"Error: {damaged_store}: the store is damaged")
    result = _kgraph("stats", str(damaged_store))
    assert result.returncode == 1 and "damaged" in _one_error_line(result.stderr)


@pytest.mark.slow
def test_build_into_a_damaged_store_is_one_line(damaged_store, tmp_path):
    papers = tmp_path / "a.jsonl"
    papers.write_text('{"title": "T1 paper", "abstract": "We use BERT."}\n', encoding="utf-8")
    result = _kgraph("build", str(papers), "-o", str(tmp_path / "out"), "-q", "--store", str(damaged_store))
    assert result.returncode == 1
    assert f"Error: {damaged_store}: can't update the store (Corruption" in _one_error_line(result.stderr)
    assert not (tmp_path / "out" / "graph.ttl").exists()  # no files from a build whose store failed
    assert not [p for p in damaged_store.iterdir() if p.name.startswith("tmp-")]
