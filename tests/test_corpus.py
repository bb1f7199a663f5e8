"""Readers: every input format, dedup, stable ids, and the errors for bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from kgraph.corpus import load_corpus, paper_id, read_papers, sample_corpus_paths, title_key
from kgraph.errors import CorpusError

ABSTRACT = (
    "We introduce GLM-130B, a bilingual (English and Chinese) pre-trained language model with 130 billion "
    "parameters. It outperforms GPT-3 175B on MMLU. Code is at https://github.com/THUDM/GLM-130B."
)


def test_corpus_sample_has_one_paper_per_unique_title():
    papers = list(load_corpus())
    raw = list(read_papers(sample_corpus_paths()))
    assert len(sample_corpus_paths()) == 3
    assert len(raw) == 204  # 67 + 67 + 70 listed, many twice
    assert len(papers) == len({title_key(p.title) for p in raw}) == 181
    titles = {p.title for p in papers}
    assert "GLM-130B: An Open Bilingual Pre-trained Model" in titles
    # Header lines are not papers.
    assert not titles & {"Subscribe", "Mar 13", "Daily Papers", "new"}


def test_corpus_listing_tolerates_bom_crlf_trailing_spaces_and_unknown_headers(tmp_path):
    text = (
        "\ufeffSome Site   \r\n\r\nUnknown header line\r\n\r\nNov 2, 2026\r\n\r\n"
        "GLM-130B: An Open Bilingual Pre-trained Model   \r\n\r\n" + ABSTRACT + "  \r\n\r\n"
        "A Second Paper\r\n\r\n" + ABSTRACT.replace("GLM", "XYZ") + "\r\n"
    )
    path = tmp_path / "listing.txt"
    path.write_bytes(text.encode("utf-8"))
    papers = list(read_papers(path))
    assert [p.title for p in papers] == ["GLM-130B: An Open Bilingual Pre-trained Model", "A Second Paper"]
    assert papers[0].abstract == ABSTRACT
    assert papers[0].date == "Nov 2, 2026"
    assert papers[0].source.endswith("listing.txt:7")


def test_corpus_jsonl_json_csv_tsv_atom_read_the_same_paper(tmp_path):
    record = {"title": "GLM-130B: An Open Bilingual Pre-trained Model", "abstract": ABSTRACT, "arxiv_id": "2210.02414v2",
              "authors": ["Aohan Zeng", "Xiao Liu"], "date": "2022-10-05"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([record], indent=2), encoding="utf-8")
    (tmp_path / "c.csv").write_text(
        'title,abstract,arxiv_id,authors,date\n"{}","{}",2210.02414,"Aohan Zeng, Xiao Liu",2022-10-05\n'.format(
            record["title"], ABSTRACT.replace('"', '""')), encoding="utf-8")
    (tmp_path / "d.tsv").write_text(
        "title\tabstract\tarxiv_id\n{}\t{}\t2210.02414\n".format(record["title"], ABSTRACT), encoding="utf-8")
    (tmp_path / "e.atom").write_text(f"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><entry>
<id>http://arxiv.org/abs/2210.02414v2</id><published>2022-10-05T17:00:00Z</published>
<title>GLM-130B: An Open Bilingual
  Pre-trained Model</title><summary>{ABSTRACT}</summary>
<author><name>Aohan Zeng</name></author>
<link href="http://arxiv.org/abs/2210.02414v2" rel="alternate" type="text/html"/>
</entry></feed>""", encoding="utf-8")
    for name in ["a.jsonl", "b.json", "c.csv", "d.tsv", "e.atom"]:
        (paper,) = list(read_papers(tmp_path / name))
        assert paper.title == record["title"], name
        assert paper.abstract == ABSTRACT, name
        assert paper.arxiv_id == "2210.02414", name
        assert paper.id == "arxiv-2210.02414", name
    # A directory reads every file; the five are one paper.
    assert len(list(read_papers(tmp_path))) == 5
    assert len(list(load_corpus([tmp_path]))) == 1


def test_corpus_stdin(monkeypatch):
    data = json.dumps({"title": "T one", "abstract": "A."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    (paper,) = list(read_papers("-"))
    assert paper.title == "T one"
    assert paper.source == "<stdin>:1"


def test_corpus_ids_are_stable_and_title_based_without_arxiv():
    assert paper_id("GLM-130B: An Open Bilingual Pre-trained Model") == paper_id("GLM-130B:  An Open Bilingual Pre-trained Model")
    assert paper_id("A") != paper_id("B")
    assert paper_id("x", "2303.12345") == "arxiv-2303.12345"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bad.jsonl", b'{"title": "a", "abstract": "b"}\n{"title": "c", \n', "bad.jsonl:2: malformed JSON"),
        ("latin1.txt", "Title\n\nAbstract with caf\xe9 " .encode("latin-1") + b"x" * 200, "latin1.txt:3: not UTF-8"),
        ("empty.txt", b"Subscribe\n\nMar 13\n", "empty.txt: no papers found"),
        ("notitle.jsonl", b'{"abstract": "b"}\n', "notitle.jsonl:1: record has no 'title'"),
        ("array.json", b'[\n {"title": "a", "abstract": "b"},\n 5\n]', "array.json:3: expected a JSON object"),
        ("cols.csv", b"name,text\nx,y\n", "cols.csv:1: no 'title' column"),
        ("feed.atom", b"<feed><entry>", "feed.atom:1: malformed XML"),
    ],
)
def test_corpus_bad_input_names_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        list(read_papers(path))
    assert str(info.value).startswith(str(tmp_path / message.split(":")[0]) + message[len(message.split(":")[0]):]), str(info.value)
    assert "\n" not in str(info.value)


def test_corpus_missing_file_and_empty_directory(tmp_path):
    with pytest.raises(CorpusError, match="nope.txt: no such file"):
        list(read_papers(tmp_path / "nope.txt"))
    with pytest.raises(CorpusError, match="no input files in directory"):
        list(read_papers(tmp_path))


def _clean_by_regex(text: str) -> str:
    # The definition _clean implements faster: drop unsafe control characters,
    # replace lone surrogates, fold runs of white space into one space, strip.
    import re

    text = re.sub("[\ud800-\udfff]", "\ufffd", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text))
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    "text",
    [" a\x07b\n c ", "x\ud800y\x0bz", "\x1c\x1d a \u2028 b\u00a0c\x85d", "", "  ", "a\u3000b\tc", "\ufffe\uffffq", "Plain text."],
)
def test_clean_folds_white_space_and_drops_unsafe_characters(text):
    from kgraph.corpus import _clean

    assert _clean(text) == _clean_by_regex(text)


def test_clean_matches_its_definition_on_any_text():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from kgraph.corpus import _clean

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(st.text(alphabet=st.characters(codec=None, blacklist_categories=())))
    def check(text):
        assert _clean(text) == _clean_by_regex(text)

    check()
