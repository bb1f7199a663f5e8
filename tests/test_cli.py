"""The kgraph command line: each command end to end, and one-line errors for bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app

runner = CliRunner()

GLM_TITLE = "GLM-130B: An Open Bilingual Pre-trained Model"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = runner.invoke(app, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_cli_build_sample_writes_four_files_with_summary(built):
    out, output = built
    assert sorted(p.name for p in out.iterdir()) == ["graph.graphml", "graph.html", "graph.json", "graph.ttl"]
    assert "181 papers" in output
    for name in ("Paper", "Model", "Dataset", "Benchmark", "Repository", "edges"):
        assert name in output
    assert "wrote" in output


def test_cli_build_sample_has_one_paper_node_per_unique_paper(built):
    out, _ = built
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    papers = [n for n in data["nodes"] if n["type"] == "Paper"]
    assert len(papers) == 181
    glm = next(n for n in papers if n["title"] == GLM_TITLE)
    targets = {link["target"] for link in data["links"] if link["source"] == glm["id"]}
    assert "model:glm130b" in targets
    assert "repo:github.com/thudm/glm-130b" in targets
    repo = next(n for n in data["nodes"] if n["id"] == "repo:github.com/thudm/glm-130b")
    assert repo["url"] == "https://github.com/THUDM/GLM-130B"


def test_cli_build_twice_gives_identical_bytes(built, tmp_path):
    out, _ = built
    result = runner.invoke(app, ["build", "-o", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert _digests(tmp_path) == _digests(out)


def test_cli_build_html_has_no_remote_scripts_or_styles(built):
    import re

    html = (built[0] / "graph.html").read_text(encoding="utf-8")
    remote = re.findall(r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.I)
    assert remote == []


def test_cli_extract_jsonl_follows_the_contract():
    corpus = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"
    result = runner.invoke(app, ["extract", str(corpus / "daily-papers-mar13.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 67
    for row in rows:
        assert list(row) == ["id", "title", "entities", "links"]
        for ent in row["entities"]:
            assert list(ent) == ["name", "type", "introduced", "mentions"]
            assert ent["type"] in ("Model", "Dataset", "Benchmark")
            assert isinstance(ent["introduced"], bool)
            for m in ent["mentions"]:
                assert list(m) == ["start", "end", "sentence"]
                assert 0 <= m["start"] < m["end"]
        for link in row["links"]:
            assert list(link) == ["url", "kind"]
            assert link["kind"] in ("github", "huggingface", "other")
    glm = next(r for r in rows if r["title"] == GLM_TITLE)
    assert {"name": "GLM-130B", "type": "Model"}.items() <= next(e for e in glm["entities"] if e["name"] == "GLM-130B").items()
    assert {"url": "https://github.com/THUDM/GLM-130B", "kind": "github"} in glm["links"]


def test_cli_extract_offsets_point_at_the_names(sample_papers):
    corpus = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"
    result = runner.invoke(app, ["extract", str(corpus / "daily-papers-mar13.txt")])
    by_id = {p.id: p for p in sample_papers}
    for row in map(json.loads, result.output.splitlines()):
        text = by_id[row["id"]].text
        for ent in row["entities"]:
            for m in ent["mentions"]:
                assert m["sentence"] in text or m["sentence"].strip() in text
                assert text[m["start"]:m["end"]].strip(), (ent["name"], m)


def test_cli_extract_table():
    corpus = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"
    result = runner.invoke(app, ["extract", str(corpus / "daily-papers-mar13.txt"), "--format", "table"])
    assert result.exit_code == 0
    assert "GLM-130B" in result.output and "Model" in result.output


def test_cli_eval_prints_the_reference_scorer_table(shared_dir, tmp_path):
    corpus = sorted(str(p) for p in (shared_dir / "corpus").glob("*.txt"))
    gold = str(shared_dir / "gold" / "dev.jsonl")
    ours = runner.invoke(app, ["eval", gold, *corpus])
    assert ours.exit_code == 0, ours.output
    pred = runner.invoke(app, ["extract", *corpus])
    (tmp_path / "pred.jsonl").write_text(pred.output, encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), gold, str(tmp_path / "pred.jsonl")],
        capture_output=True, text=True, check=True,
    )
    assert ours.output == ref.stdout


def test_cli_query_and_stats_on_the_sample(built):
    ttl = str(built[0] / "graph.ttl")
    result = runner.invoke(app, ["stats", ttl, "--json"])
    assert result.exit_code == 0, result.output
    assert "181" in result.output
    result = runner.invoke(app, ["query", ttl, "--name", "top-models", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 5


BAD_INPUTS = [
    ("missing.txt", None, "missing.txt: no such file"),
    ("latin1.txt", "Title\n\nAn abstract that goes on. And on about caf\xe9.".encode("latin-1"), "latin1.txt:3: not UTF-8"),
    ("empty.txt", b"Subscribe\n\nMar 13\n", "empty.txt: no papers found"),
    ("bad.jsonl", b'{"title": "a", "abstract": "b"}\n{oops\n', "bad.jsonl:2: malformed JSON"),
]


@pytest.mark.parametrize("command", ["build", "extract"])
@pytest.mark.parametrize("name, content, message", BAD_INPUTS)
def test_cli_bad_input_one_line_error_no_output(tmp_path, command, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    args = ["build", str(path), "-o", str(out)] if command == "build" else ["extract", str(path), "-o", str(out / "x.jsonl")]
    result = subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.stderr
    # Nothing half-written: the previous file is intact and nothing new appeared.
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"


def test_cli_failed_write_leaves_previous_outputs(tmp_path, monkeypatch):
    """A build that fails while writing (here: the HTML writer) leaves the old files intact."""
    import kgraph.export.html as html

    out = tmp_path / "out"
    assert runner.invoke(app, ["build", "-o", str(out), "-q"]).exit_code == 0
    before = _digests(out)

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(html, "write_html", boom)
    result = runner.invoke(app, ["build", str(Path(__file__).parent / "data" / "two-papers.jsonl"), "-o", str(out), "-q"])
    assert result.exit_code != 0
    assert _digests(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_cli_every_command_has_help_with_an_example():
    for command in ["build", "extract", "query", "stats", "eval", "serve"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: kgraph " + command in " ".join(result.output.split()), command


def test_cli_stdin_input(tmp_path):
    data = json.dumps({"title": "A Paper", "abstract": "We evaluate GPT-4 on MMLU and GSM8K."}) + "\n"
    result = subprocess.run([sys.executable, "-m", "kgraph", "extract", "-"], input=data, capture_output=True, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["title"] == "A Paper"


def test_cli_unreadable_file_one_line_error(tmp_path, monkeypatch):
    """A file that exists but can't be read (permissions) fails like the other bad inputs."""
    path = tmp_path / "locked.txt"
    path.write_text("Title\n\n" + "An abstract. " * 20, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path}: permission denied"
    assert not out.exists() or list(out.iterdir()) == []


def test_cli_more_user_errors_are_one_line(tmp_path):
    """Review findings: each of these is a one-line error with exit 1, not a traceback or a silent no-op."""
    papers = tmp_path / "p.jsonl"
    papers.write_text(json.dumps({"title": "T", "abstract": "We evaluate GPT-4 on MMLU."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(papers), "-o", str(out), "-q"]).exit_code == 0
    (tmp_path / "dir").mkdir()
    (tmp_path / "notgold.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    cases = [
        (["extract", str(papers), "-o", str(tmp_path / "dir")], "is a directory"),
        (["build", str(papers), "--formats", ",", "-o", str(tmp_path / "o2")], "--formats names no format"),
        (["build", str(papers), "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["stats", str(out / "graph.json")], "node-link JSON, not RDF"),
        (["eval", str(tmp_path / "notgold.jsonl"), str(papers)], "notgold.jsonl:1: expected a JSON object"),
        (["eval", str(tmp_path / "empty.jsonl"), str(papers)], "empty.jsonl: no gold records"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], (args, result.stderr)


def test_cli_extract_output_through_a_symlink_keeps_the_link(tmp_path):
    papers = tmp_path / "p.jsonl"
    papers.write_text(json.dumps({"title": "T", "abstract": "We evaluate GPT-4 on MMLU."}) + "\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "target.jsonl")
    assert runner.invoke(app, ["extract", str(papers), "-o", str(link)]).exit_code == 0
    assert link.is_symlink()
    assert json.loads((tmp_path / "target.jsonl").read_text(encoding="utf-8"))["title"] == "T"


def test_cli_control_characters_and_lone_surrogates_give_valid_outputs(tmp_path):
    import xml.etree.ElementTree as ET

    papers = tmp_path / "p.jsonl"
    papers.write_text('{"title": "Lone \\ud800 x\\u0007", "abstract": "We evaluate GPT-4 on MMLU.\\u0001"}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(papers), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    ET.parse(out / "graph.graphml")
    import pyoxigraph

    assert len(list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))) > 0
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    (paper,) = [n for n in data["nodes"] if n["type"] == "Paper"]
    assert paper["title"] == "Lone \ufffd x"


def test_cli_extract_streams_to_a_file_with_jobs(tmp_path):
    corpus = Path(__file__).resolve().parent.parent / "kgraph" / "data" / "corpus"
    listing = str(corpus / "daily-papers-mar13.txt")
    to_stdout = runner.invoke(app, ["extract", listing])
    assert to_stdout.exit_code == 0
    result = runner.invoke(app, ["extract", listing, "-o", str(tmp_path / "x.jsonl"), "--jobs", "2"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "x.jsonl").read_text(encoding="utf-8") == to_stdout.output
    assert len(to_stdout.output.splitlines()) == 67


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "--jobs", "0"], "Invalid value for '--jobs'"),
        (["build", "--engine", "foo"], "must be 'local' or 'dask'"),
        (["build", "--no-such-option"], "No such option: --no-such-option"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_cli_wrong_command_line_one_line_error(args, message):
    result = subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], result.stderr
