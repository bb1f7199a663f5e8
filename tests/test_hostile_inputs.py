"""Hostile input: every paper read is in the graph or skipped with file:line and why; bad input is one line.

The cases of the hostile-input audit (``shared/repro/hostile-input.sh`` D1-D8,
D10-D12, D14, D15 and ``hostile-slow.sh`` D17), each as small as it can be.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.corpus import DEFAULT_MAX_CHARS, Skip, load_corpus, read_papers
from kgraph.errors import CorpusError, CorpusWarning

runner = CliRunner()

# An abstract long enough for a listing (150 characters or more, several sentences).
LONG = (
    "We evaluate GPT-4 and Llama-2-7B on MMLU and GSM8K and report strong results across many tasks. "
    "We also release our code and data for future research today."
)


def _read(path: Path, **kwargs) -> tuple[list, list[Skip]]:
    skipped: list[Skip] = []
    papers = list(read_papers(path, on_skip=skipped.append, **kwargs))
    return papers, skipped


def _one_error_line(result) -> str:
    """Assert a CLI run failed with exit 1 and exactly one 'Error: ' line (no traceback); return it."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _papers_in(out: Path) -> list[dict]:
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return [n for n in data["nodes"] if n["type"] == "Paper"]


# --- 1. CSV / TSV quoting ------------------------------------------------------------


def test_hostile_tsv_unbalanced_quote_keeps_every_row(tmp_path):
    path = tmp_path / "unbal.tsv"
    path.write_text(
        'title\tabstract\n"Unbalanced title\tWe evaluate X on ImageNet.\n'
        "Second Paper\tWe train BERT on GLUE.\nThird Paper\tWe train GPT-2 on WebText.\n",
        encoding="utf-8",
    )
    papers, skipped = _read(path)
    assert [p.title for p in papers] == ['"Unbalanced title', "Second Paper", "Third Paper"]
    assert [p.source.rsplit(":", 1)[1] for p in papers] == ["2", "3", "4"]
    assert skipped == []


def test_hostile_tsv_cell_quoted_whole_is_unquoted(tmp_path):
    path = tmp_path / "quoted.tsv"
    path.write_text('"title"\tabstract\n"A ""quoted"" title"\tWe use BERT.\n', encoding="utf-8")
    (paper,) = _read(path)[0]
    assert paper.title == 'A "quoted" title'


def test_hostile_csv_unclosed_quote_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "unclosed.csv"
    path.write_text('title,abstract\n"Unclosed title,We use BERT.\nNext Paper,We use GPT-2.\n', encoding="utf-8")
    out = tmp_path / "out"
    line = _one_error_line(runner.invoke(app, ["build", str(path), "-o", str(out), "-q"]))
    assert line.startswith(f"Error: {path}:2: malformed CSV (a quote opened in this record is never closed")
    assert not out.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("stray.csv", 'title,abstract\n"Closed" title,We use BERT.\n', "stray.csv:2: malformed CSV"),
        ("extra.csv", "title,abstract\nA, B, C,We use BERT.\n", "extra.csv:2: 4 fields but the header has 2"),
        ("tab.tsv", "title\tabstract\nA\tWe use\tBERT.\n", "tab.tsv:2: 3 fields but the header has 2"),
        ("late.csv", 'title,abstract\nA,We use BERT.\nB,"We use\nGPT-2." and more\n', "late.csv:4: malformed CSV"),
    ],
)
def test_hostile_csv_malformed_rows_name_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        list(read_papers(path))
    assert str(info.value).startswith(f"{tmp_path}/{message}"), str(info.value)


# --- 2. daily listings ------------------------------------------------------------------


def _listing(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "listing.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_listing_keeps_short_abstracts_and_long_titles(tmp_path):
    long_title = "Long " * 90
    path = _listing(
        tmp_path,
        f"Mar 13\n\nP1 Title\n\n{LONG}\n\nP2 Short Abstract\n\nWe use BERT. Short.\n\nP3 Title\n\n{LONG}\n\n"
        f"{long_title}\n\n{LONG}\n",
    )
    papers, skipped = _read(path)
    assert [(p.title, p.abstract) for p in papers] == [
        ("P1 Title", LONG),
        ("P2 Short Abstract", "We use BERT. Short."),
        ("P3 Title", LONG),
        (long_title.strip(), LONG),
    ]
    assert [p.source.rsplit(":", 1)[1] for p in papers] == ["3", "7", "11", "15"]
    assert {p.date for p in papers} == {"Mar 13"}
    assert skipped == []


def test_hostile_listing_counts_the_paragraphs_it_skips(tmp_path):
    path = _listing(tmp_path, f"Header\n\nP1 Title\n\n{LONG}\n\nUpvote 12\n\nP2 Title\n\n{LONG}\n\nLoad more\n")
    papers, skipped = _read(path)
    assert [p.title for p in papers] == ["P1 Title", "P2 Title"]
    assert [(s.where, s.kind) for s in skipped] == [(f"{path}:7", "paper"), (f"{path}:13", "paper")]
    assert "'Upvote 12' is not a title followed by its abstract" in skipped[0].reason


def test_hostile_listing_keeps_multi_paragraph_abstracts(tmp_path):
    path = _listing(tmp_path, f"P1 Title\n\n{LONG}\n\n{LONG}\n\nP2 Title\n\n{LONG}\n")
    papers, skipped = _read(path)
    assert [(p.title, p.abstract) for p in papers] == [("P1 Title", f"{LONG} {LONG}"), ("P2 Title", LONG)]
    assert skipped == []


# --- 3. folders ---------------------------------------------------------------------------


def test_hostile_folder_skips_files_it_does_not_read_with_a_reason(tmp_path):
    folder = tmp_path / "tree"
    (folder / "kg").mkdir(parents=True)
    (folder / "a.jsonl").write_text(json.dumps({"title": "T1 paper", "abstract": "We use BERT."}) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(f"# About this folder\n\n{LONG}\n", encoding="utf-8")  # would read as a paper
    (folder / "notes.txt").write_text("# notes\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.txt").write_text("ignored\n", encoding="utf-8")
    graph = {"directed": True, "multigraph": True, "graph": {}, "nodes": [], "links": []}
    (folder / "kg" / "graph.json").write_text(json.dumps(graph, indent=1), encoding="utf-8")
    (folder / "paper.json").write_text(json.dumps({"title": "Pretty paper", "abstract": "We use GPT-2."}, indent=2), encoding="utf-8")
    papers, skipped = _read(folder)
    assert [p.title for p in papers] == ["T1 paper", "Pretty paper"]
    assert [(s.where, s.kind) for s in skipped] == [
        (f"{folder}/README.md", "file"),
        (f"{folder}/kg/graph.json", "file"),
        (f"{folder}/notes.pdf", "file"),
        (f"{folder}/notes.txt", "file"),
    ]
    assert "Markdown is read (as a listing) only when named" in skipped[0].reason
    assert "node-link JSON" in skipped[1].reason
    assert skipped[2].reason == "not an input file ('.pdf' is not an ending kgraph reads)"
    assert skipped[3].reason == "no papers found (read as listing)"
    # Named on their own, Markdown is a listing, and the others are errors.
    assert [p.title for p in read_papers(folder / "README.md")] == ["# About this folder"]
    for name, message in [("notes.txt", "no papers found"), ("kg/graph.json", "node-link JSON")]:
        with pytest.raises(CorpusError, match=message):
            list(read_papers(folder / name))


def test_hostile_folder_of_a_previous_build_builds_again(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(json.dumps({"title": "T1 paper", "abstract": "We use BERT."}) + "\n", encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["build", str(data), "-o", str(data / "kg"), "-q"])
        assert result.exit_code == 0, result.output
    assert "kg/graph.json: a graph (NetworkX node-link JSON" in result.stderr
    assert [p["title"] for p in _papers_in(data / "kg")] == ["T1 paper"]


def test_hostile_folder_unreadable_subfolder_is_an_error(tmp_path, monkeypatch):
    tree = tmp_path / "tree"
    (tree / "locked").mkdir(parents=True)
    (tree / "a.jsonl").write_text(json.dumps({"title": "T1 paper", "abstract": "We use BERT."}) + "\n", encoding="utf-8")
    (tree / "locked" / "b.jsonl").write_text(json.dumps({"title": "Locked", "abstract": "We use GPT-2."}) + "\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # what chmod 000 does to a process without CAP_DAC_OVERRIDE
        if Path(path) == tree / "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out"
    line = _one_error_line(runner.invoke(app, ["build", str(tree), "-o", str(out), "-q"]))
    assert line == f"Error: {tree / 'locked'}: can't read this folder (Permission denied)"
    assert not out.exists()


# --- 4. arXiv ids and own ids ---------------------------------------------------------------


@pytest.mark.parametrize(
    "record, arxiv_id",
    [
        ({"url": "https://github.com/foo/bar/tree/1234567"}, None),
        ({"url": "https://example.org/papers/2303.12345"}, None),
        ({"id": "tree/1234567"}, None),
        ({"url": "https://arxiv.org/abs/2303.12345v2"}, "2303.12345"),
        ({"url": "http://arxiv.org/pdf/2303.12345.pdf"}, "2303.12345"),
        ({"url": "https://arxiv.org/abs/hep-th/9901001"}, "hep-th/9901001"),
        ({"id": "arXiv:2303.12345"}, "2303.12345"),
        ({"id": "oai:arXiv.org:2303.12345v1"}, "2303.12345"),
        ({"arxiv_id": "math.CO/9901016v1"}, "math.CO/9901016"),
    ],
)
def test_hostile_arxiv_id_only_from_arxiv_values(tmp_path, record, arxiv_id):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"title": "A paper", "abstract": "x", **record}) + "\n", encoding="utf-8")
    (paper,) = _read(path)[0]
    assert paper.arxiv_id == arxiv_id
    assert (paper.id == f"arxiv-{arxiv_id.replace('/', '_')}") if arxiv_id else not paper.id.startswith("arxiv-")


def test_hostile_two_github_urls_ending_in_digits_stay_two_papers(tmp_path):
    path = tmp_path / "gh.jsonl"
    rows = [{"title": f"Paper {n}", "abstract": "x", "url": f"https://github.com/foo/bar{n}/tree/1234567"} for n in (1, 2)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    papers = list(load_corpus(path))
    assert [p.title for p in papers] == ["Paper 1", "Paper 2"]
    assert papers[0].url == "https://github.com/foo/bar1/tree/1234567"


def test_hostile_own_id_is_the_paper_id_made_safe(tmp_path):
    path = tmp_path / "ids.jsonl"
    rows = [
        {"title": "Plain id", "abstract": "x", "id": "W2741809807"},
        {"title": "Numeric id", "abstract": "x", "id": 17},
        {"title": "Unsafe id", "abstract": "x", "id": "doi:10.1/ab c<script>"},
        {"title": "Reserved id", "abstract": "x", "id": "arxiv-not-an-id"},
        {"title": "kgraph id", "abstract": "x", "id": "arxiv-hep-th_9901001"},
        {"title": "Another title, same id", "abstract": "x", "id": "W2741809807"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    skipped: list[Skip] = []
    papers = list(load_corpus(path, on_skip=skipped.append))
    ids = [p.id for p in papers]
    assert ids[:2] == ["W2741809807", "17"]
    assert ids[2].startswith("doi-10.1-ab-c-script-") and ids[3].startswith("arxiv-not-an-id-")
    assert ids[4] == "arxiv-hep-th_9901001" and papers[4].arxiv_id == "hep-th/9901001"
    assert [p.arxiv_id for p in papers[:4]] == [None] * 4
    assert [s.where for s in skipped] == [f"{path}:6"]
    assert "already the id of another paper" in skipped[0].reason


# --- 5. URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://example.org/x", "http://"])
def test_hostile_non_http_url_is_dropped_and_counted(tmp_path, url):
    path = tmp_path / "js.jsonl"
    path.write_text(json.dumps({"title": "JS url", "abstract": "We use BERT.", "url": url}) + "\n", encoding="utf-8")
    (paper,), skipped = _read(path)
    assert paper.url is None
    assert [(s.where, s.kind) for s in skipped] == [(f"{path}:1", "field")]
    assert skipped[0].reason.startswith("url is not an http(s) URL")


def test_hostile_non_http_url_never_reaches_the_graph(tmp_path):
    path = tmp_path / "js.jsonl"
    path.write_text(json.dumps({"title": "JS url", "abstract": "We use BERT.", "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "-q", "-f", "ttl,nt,jsonld,html,graphml,json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"skipped {path}:1: url is not an http(s) URL, left out: 'javascript:alert(1)'\n"
    for file in out.iterdir():
        assert "javascript:alert" not in file.read_text(encoding="utf-8"), file.name


# --- 6. and 7. one line, not a traceback -----------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("deep.json", "[" * 1000 + "]" * 1000, "deep.json:1: malformed JSON (nested too deeply)"),
        ("deep.jsonl", '{"title": "T", "x": ' + "[" * 100000 + "]" * 100000 + "}", "deep.jsonl:1: malformed JSON (nested too deeply)"),
        ("bigint.jsonl", '{"title":"T","abstract":"A","x":' + "9" * 5000 + "}", "bigint.jsonl:1: malformed JSON (a number has more than"),
        ("bigint.json", '[\n{"title":"T","abstract":"A","x":' + "9" * 5000 + "}]", "bigint.json:2: malformed JSON (a number has more than"),
        ("auth.jsonl", '{"title":"T","abstract":"A","authors":["Ann",5]}', "auth.jsonl:1: 'authors' must be a string or a list of names"),
        ("auth2.jsonl", '{"title":"T","abstract":"A","authors":{"name":"Ann"}}', "auth2.jsonl:1: 'authors' must be a string or a list"),
        ("date.jsonl", '{"title":"T","abstract":"A","date":{"y":2024}}', "date.jsonl:1: 'date' must be a string"),
        ("date2.jsonl", '{"title":"T","abstract":"A","date":[2024]}', "date2.jsonl:1: 'date' must be a string"),
        ("date3.jsonl", '{"title":"T","abstract":"A","date":Infinity}', "date3.jsonl:1: 'date' must be a string"),
        ("date4.json", '[{"title":"T","abstract":"A"},\n{"title":"U","abstract":"A","date":2024}]', "date4.json:2: 'date' must be a string"),
        ("url.jsonl", '{"title":"T","abstract":"A","url":["https://x.org"]}', "url.jsonl:1: 'url' must be a string"),
    ],
)
def test_hostile_bad_values_are_one_line_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    line = _one_error_line(runner.invoke(app, ["build", str(path), "-o", str(out), "-q"]))
    assert line.startswith(f"Error: {tmp_path}/{message}"), line
    assert not out.exists()


def test_hostile_errors_are_one_line_from_the_console_script(tmp_path):
    """The same through a real process (a RecursionError must not escape as a traceback)."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kgraph", "extract", str(path)], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"Error: {path}:1: malformed JSON (nested too deeply)\n"


def test_hostile_csv_field_over_128_kib_is_read_within_the_size_cap(tmp_path):
    path = tmp_path / "big.csv"
    abstract = "We use BERT. " * 16000  # 208,000 characters
    path.write_text("title,abstract\nBig," + abstract + "\n", encoding="utf-8")
    (paper,), skipped = _read(path, max_chars=300_000)
    assert paper.abstract == abstract.strip() and skipped == []
    # Over the default cap: skipped; as it is the only paper, nothing is left to build.
    with pytest.raises(CorpusError, match=r"big.csv:2: paper too long: .* 208,002 characters, over the limit of 20,000"):
        list(read_papers(path, on_skip=lambda s: None))


# --- 8. arXiv feeds: Atom (daily and API) and RSS 2.0 ---------------------------------------------------

DAILY_ATOM = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <id>http://rss.arxiv.org/atom/cs.CL</id>
  <title>cs.CL updates on arXiv.org</title>
  <entry>
    <id>oai:arXiv.org:2403.00001v1</id>
    <title>A Daily Paper</title>
    <updated>2024-03-04T00:00:00-05:00</updated>
    <link href="https://arxiv.org/abs/2403.00001" rel="alternate" type="text/html"/>
    <summary>arXiv:2403.00001v1 Announce Type: new 
Abstract: We evaluate GPT-4 on MMLU.</summary>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <published>2024-03-04T00:00:00-05:00</published>
    <arxiv:announce_type>new</arxiv:announce_type>
    <dc:creator>Ann Smith, Bob Jones and Carol White</dc:creator>
  </entry>
</feed>
"""

DAILY_RSS = """<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>cs.CL updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/cs.CL</link>
    <description>cs.CL updates on the arXiv.org e-print archive.</description>
    <item>
      <title>A Daily Paper</title>
      <link>https://arxiv.org/abs/2403.00001</link>
      <description>arXiv:2403.00001v1 Announce Type: new 
Abstract: We evaluate GPT-4 on MMLU.</description>
      <guid isPermaLink="false">oai:arXiv.org:2403.00001v1</guid>
      <category>cs.CL</category>
      <pubDate>Mon, 04 Mar 2024 00:00:00 -0500</pubDate>
      <arxiv:announce_type>new</arxiv:announce_type>
      <dc:creator>Ann Smith, Bob Jones and Carol White</dc:creator>
    </item>
    <item>
      <title>A Replaced Paper</title>
      <link>https://arxiv.org/abs/2401.00002</link>
      <description>arXiv:2401.00002v3 Announce Type: replace-cross Abstract: We train BERT on GLUE.</description>
      <guid isPermaLink="false">oai:arXiv.org:2401.00002v3</guid>
      <pubDate>Mon, 04 Mar 2024 00:00:00 -0500</pubDate>
      <dc:creator>Dan Brown</dc:creator>
    </item>
  </channel>
</rss>
"""


@pytest.mark.parametrize("name, text, line", [("daily.atom", DAILY_ATOM, 5), ("daily.xml", DAILY_ATOM, 5), ("daily.rss", DAILY_RSS, 7), ("rss.xml", DAILY_RSS, 7)])
def test_hostile_arxiv_daily_feeds_are_read_whole(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    papers, skipped = _read(path)
    paper = papers[0]
    assert paper.title == "A Daily Paper"
    assert paper.abstract == "We evaluate GPT-4 on MMLU."
    assert paper.authors == ("Ann Smith", "Bob Jones", "Carol White")
    assert (paper.arxiv_id, paper.id, paper.url) == ("2403.00001", "arxiv-2403.00001", "https://arxiv.org/abs/2403.00001")
    assert paper.date == "2024-03-04"
    assert paper.source == f"{path}:{line}"
    assert skipped == []
    if "rss" in name:
        assert [(p.title, p.abstract, p.authors) for p in papers[1:]] == [("A Replaced Paper", "We train BERT on GLUE.", ("Dan Brown",))]


def test_hostile_feed_entities_are_neither_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "evil.rss"
    path.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY big "LOL">]>
<rss version="2.0"><channel><item><title>Evil &xxe; &big;</title><description>We use BERT.</description></item></channel></rss>
""",
        encoding="utf-8",
    )
    (paper,) = _read(path)[0]
    assert "TOP-SECRET" not in paper.title and "LOL" not in paper.title
    assert paper.title == "Evil"


def test_hostile_xml_that_is_no_feed_is_skipped_in_a_folder(tmp_path):
    (tmp_path / "config.xml").write_text("<config><x>1</x></config>", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "T1 paper", "abstract": "x"}) + "\n", encoding="utf-8")
    papers, skipped = _read(tmp_path)
    assert [p.title for p in papers] == ["T1 paper"]
    assert [(s.where, s.kind) for s in skipped] == [(f"{tmp_path}/config.xml", "file")]


# --- 9. the size limit -----------------------------------------------------------------------------------


def test_hostile_max_chars_skips_and_counts_a_long_paper(tmp_path):
    path = tmp_path / "long.jsonl"
    rows = [
        {"title": "Fine paper", "abstract": "We use BERT."},
        {"title": "Huge paper", "abstract": "We evaluate GPT-4 on MMLU. " * 1000},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    papers, skipped = _read(path)
    assert [p.title for p in papers] == ["Fine paper"]
    assert [(s.where, s.kind) for s in skipped] == [(f"{path}:2", "paper")]
    assert skipped[0].reason == (
        "paper too long: title + abstract is 27,009 characters, over the limit of 20,000 (raise it with --max-chars)"
    )
    assert DEFAULT_MAX_CHARS == 20_000
    assert len(_read(path, max_chars=30_000)[0]) == 2
    assert len(_read(path, max_chars=None)[0]) == 2
    # Without on_skip, a library caller gets a warning, not silence.
    with pytest.warns(CorpusWarning, match="long.jsonl:2: paper too long"):
        assert len(list(read_papers(path))) == 1


def test_hostile_build_of_a_million_character_title_takes_seconds(tmp_path):
    """D17: this build ran past 600 s; now the paper is skipped before extraction."""
    path = tmp_path / "title1m.jsonl"
    path.write_text(json.dumps({"title": "T" * 1_000_000, "abstract": "We use GPT-4."}) + "\n"
                    + json.dumps({"title": "Fine paper", "abstract": "We use GPT-4."}) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kgraph", "build", str(path), "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True, timeout=120,
    )
    assert time.monotonic() - started < 60
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"skipped {path}:1: paper too long: title + abstract is 1,000,013 characters, "
        "over the limit of 20,000 (raise it with --max-chars)\n"
    )
    assert [p["title"] for p in _papers_in(tmp_path / "out")] == ["Fine paper"]


def test_hostile_max_chars_option_raises_the_limit(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"title": "Huge paper", "abstract": "We evaluate GPT-4 on MMLU. " * 1000}) + "\n", encoding="utf-8")
    line = _one_error_line(runner.invoke(app, ["extract", str(path)]))
    assert line.startswith(f"Error: {path}:1: paper too long") and "--max-chars" in line and "no paper is left" in line
    result = runner.invoke(app, ["extract", str(path), "--max-chars", "30000"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "Huge paper"
    assert runner.invoke(app, ["extract", str(path), "--max-chars", "0"]).exit_code == 0  # no limit


# --- 10. skips in the summary, -q, --strict ----------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path):
    """Two good papers, one too long (line 2), one with a javascript: URL (line 3)."""
    path = tmp_path / "mixed.jsonl"
    rows = [
        {"title": "Good paper", "abstract": "We use BERT."},
        {"title": "Huge paper", "abstract": "We evaluate GPT-4 on MMLU. " * 1000},
        {"title": "JS paper", "abstract": "We use GPT-2.", "url": "javascript:alert(1)"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_hostile_summary_lists_every_skip_with_file_and_line(mixed, tmp_path):
    result = runner.invoke(app, ["build", str(mixed), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "kgraph: 2 papers" in result.stdout
    assert (
        "skipped 1 paper, 1 field (--strict makes these errors):\n"
        f"  {mixed}:2: paper too long: title + abstract is 27,009 characters, over the limit of 20,000 (raise it with --max-chars)\n"
        f"  {mixed}:3: url is not an http(s) URL, left out: 'javascript:alert(1)'\n"
    ) in result.stdout
    assert result.stderr == ""


def test_hostile_quiet_still_prints_skips_to_stderr(mixed, tmp_path):
    result = runner.invoke(app, ["build", str(mixed), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [f"skipped {mixed}:2", f"skipped {mixed}:3"]
    result = runner.invoke(app, ["extract", str(mixed), "-o", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 2
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("command", ["build", "extract", "extract-o"])
def test_hostile_strict_turns_a_skip_into_an_error_and_writes_nothing(mixed, tmp_path, command):
    out = tmp_path / "out"
    if command == "build":
        args = ["build", str(mixed), "-o", str(out), "-q", "--strict"]
    elif command == "extract":
        args = ["extract", str(mixed), "--strict"]
    else:
        args = ["extract", str(mixed), "-o", str(out), "--strict"]
    result = runner.invoke(app, args)
    line = _one_error_line(result)
    assert line.startswith(f"Error: {mixed}:2: paper too long") and line.endswith("(--strict makes skips errors)")
    assert result.stdout == ""
    assert not out.exists()


def test_hostile_strict_build_of_the_sample_is_clean(tmp_path):
    """The sample corpus skips nothing: --strict builds it (and the header lines are not skips)."""
    skipped: list[Skip] = []
    assert len(list(load_corpus(on_skip=skipped.append, strict=True))) == 181
    assert skipped == []
