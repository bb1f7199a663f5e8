"""The extractor's fast paths agree with the slow forms they replace.

The rules keep cheap exact pre-checks in front of some regexes, caches of pure
functions of a token or name, and regexes rewritten so the engine scans faster.
These tests compare each with its plain form on the sample abstracts and on
edge cases (non-ASCII text, text ends, look-behinds at the start).
"""

from __future__ import annotations

import re

import pytest

from kgraph.extract import extract, make_nlp
from kgraph.extract import rules as R

EDGE = [
    "",
    "a",
    "We call",
    "a model called ",
    "a benchmark named:  ",
    "the dataset, termed as,",
    "denoted by\n",
    "we refer to the resulting model as",
    "a model \u017fo called",  # long s: IGNORECASE matches it to "s"
    "models CALLED",
    "trained on the ",
    "fine-tuned with ",
    "results on the Foo, ",
    "data collected from the ",
    "dataset built using web ",
    "benchmarks such as the ",
    "Models (e.g., ",
    "we introduce",
    "By introducing",
    "We obtain the",
    "we synthesised a",
    "In this paper, we present",
    "Our work develops",
    "\u212aelvin data collected from ",  # Kelvin sign: IGNORECASE matches it to "k"
]


@pytest.fixture(scope="module")
def windows(sample_papers):
    """Text before every token of the sample (up to 160 characters), and the sentence prefixes."""
    out = list(EDGE)
    for p in sample_papers:
        work = p.text.replace("~", " ")
        starts = [0] + [m.end() for m in R._SENT_END.finditer(work)]
        for t in R._tokens(work):
            out.append(work[max(0, t.start - 160) : t.start])
            out.append(work[max(0, t.start - 40) : t.start])
            out.append(work[max(s for s in starts if s <= t.start) : t.start])
    return out


def test_naming_precheck(windows):
    for w in windows:
        assert R._naming_before(w) == (R._NAMING.search(w) is not None), w


@pytest.mark.parametrize(
    ("rx", "words"),
    [
        (R._DRAWN_FROM, R._DRAWN_FROM_WORDS),
        (R._TRAINED_ON, R._TRAINED_ON_WORDS),
        (R._EVALUATED_ON, R._EVALUATED_ON_WORDS),
        (R._EVALUATED_ON, ("on", "across")),
        (R._CLASS_NOUN_BEFORE, R._CLASS_NOUNS),
        (R._INTRO_VERB, ("we", "this", "our")),
        (R._INTRO_GERUND, ("by", "after", "while")),
        (R._MAKE_VERB, ("we",)),
        (R._MAKE_VERB, R._MAKE_VERB_STEMS),
    ],
)
def test_word_prechecks_never_hide_a_match(windows, rx, words):
    for w in windows:
        if rx.search(w):
            assert R._may_match(w, words), (rx.pattern[:40], w)


def test_rewritten_scans_match_the_plain_regexes(sample_papers):
    nw = R._NAME_WORD
    plain = {
        R._SENT_END: re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\n"),
        R._URLISH: re.compile(r"(?:https?://|www\.)\S+|\.(?:com|io|org|ai|co|net|gy|ly)\b"),
        R._TITLE_LIST: re.compile(r"(?<![\w\-])%s(?: %s){0,2}(?:(?:,| and| or|, and|, or) %s(?: %s){0,2})+(?![\w\-])" % ((nw,) * 4)),
        R._NOUN_NAMED: re.compile(R._NOUN_NAMED.pattern.replace(R._NAME_WORD_FREE, r"(?<![\w\-])" + nw, 1)),
    }
    texts = [p.text for p in sample_papers] + EDGE + ["x.\n\nA", "A. B", "e.g. Foo", "-Foo Bar and Baz", "The GLUE Benchmark", "FooBench, Bar and Baz"]
    for fast, slow in plain.items():
        for t in texts:
            for pos in (0, 1, len(t) // 2):
                got = [(m.span(), m.groups()) for m in fast.finditer(t, pos)]
                want = [(m.span(), m.groups()) for m in slow.finditer(t, pos)]
                assert got == want, (slow.pattern[:40], t[:60], pos)


def test_token_codes_match_direct_computation(sample_papers):
    rec = R.load_recognizer()
    for p in sample_papers[:40]:
        toks = R._tokens(p.text)
        for t, code in zip(toks, rec._token_codes(toks)):
            assert code == rec._token_code(t.text)
            assert code & R._SHAPE_BITS == (0 if t.text.islower() and t.text.isalpha() else R._shape(t.text))


def test_memoised_methods_match_uncached(sample_papers):
    rec = R.load_recognizer()
    fresh = R.Recognizer(gazetteer=[("GPT-4", R.MODEL)], stoplist=["LLM"])
    names = {t.text for p in sample_papers[:40] for t in R._tokens(p.text)} | {"LLMs", "s-MLLM", "13B Llama-2", "Qwen-VL", "BERTScore"}
    for r in (rec, fresh):
        for n in sorted(names):
            assert r._stopped(n) == r._stopped_uncached(n)
            assert r._morph_type(n) == r._morph_type_uncached(n)
            assert r._gaz_family_type(n) == r._gaz_family_type_uncached(n)


def test_default_pipeline_shortcut_matches_spacy_pipeline(sample_papers):
    """extract(papers) without a pipeline gives what make_nlp()'s pipeline gives."""
    papers = sample_papers[:25]
    assert list(extract(papers)) == list(extract(papers, make_nlp()))


def _tokens_by_finditer(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in R._TOKEN.finditer(text):
        shift, t = (0, m.group()) if m.group().isalnum() else R._trim_token(m.group())
        if t:
            out.append((m.start() + shift, m.start() + shift + len(t), t))
    return out


def test_bulk_tokenizer_matches_finditer(sample_papers):
    texts = [p.text for p in sample_papers] + EDGE + ["-", "x-", "GPT-4's", "abc-GPT-4", "LLM-based GPT-like 7B-parameter", "a\u2019s b's"]
    for t in texts:
        assert [(k.start, k.end, k.text) for k in R._tokens(t)] == _tokens_by_finditer(t), t[:60]
