"""The extractor's fast paths agree with the slow forms they replace.

The rules keep cheap exact pre-checks in front of some regexes, caches of pure
functions of a token or name, and regexes rewritten so the engine scans faster.
These tests compare each with its plain form on the sample abstracts and on
edge cases (non-ASCII text, text ends, look-behinds at the start), and (with
hypothesis) on generated text; also the URL scan of kgraph.links.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from kgraph import links as L
from kgraph.extract import extract, make_nlp
from kgraph.extract import context, definitions, introduced, lexicon, lists, names, phrases, scan, tokens
from kgraph.extract import rules as R

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is in the test extra; without it the sample and EDGE comparisons still run
    given = None

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
        starts = [0] + [m.end() for m in tokens._SENT_END.finditer(work)]
        for t in _plain_tokens(work):
            out.append(work[max(0, t.start - 160) : t.start])
            out.append(work[max(0, t.start - 40) : t.start])
            out.append(work[max(s for s in starts if s <= t.start) : t.start])
    return out


def test_naming_precheck(windows):
    for w in windows:
        assert definitions._naming_before(w) == (definitions._NAMING.search(w) is not None), w


@pytest.mark.parametrize(
    ("rx", "words"),
    [
        (context._TRAINED_ON, lists._TRAINED_ON_WORDS),
        (context._EVALUATED_ON, ("on", "across")),
        (introduced._INTRO_VERB, ("we", "this", "our")),
        (introduced._INTRO_GERUND, ("by", "after", "while")),
        (introduced._MAKE_VERB, ("we",)),
        (introduced._MAKE_VERB, introduced._MAKE_VERB_STEMS),
    ],
)
def test_word_prechecks_never_hide_a_match(windows, rx, words):
    for w in windows:
        if rx.search(w):
            assert scan._may_match(w, words), (rx.pattern[:40], w)


# _TITLE_LIST without its rewrite (the look-behind after the first capital)
_TITLE_LIST_PLAIN = re.compile(r"(?<![\w\-])%s(?: %s){0,2}(?:(?:,| and| or|, and|, or) %s(?: %s){0,2})+(?![\w\-])" % ((phrases._NAME_WORD,) * 4))


def test_rewritten_scans_match_the_plain_regexes(sample_papers):
    nw = phrases._NAME_WORD
    plain = {
        tokens._SENT_END: re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\n"),
        names._URLISH: re.compile(r"(?:https?://|www\.)\S+|\.(?:com|io|org|ai|co|net|gy|ly)\b"),
        phrases._TITLE_LIST: _TITLE_LIST_PLAIN,
        phrases._NOUN_NAMED: re.compile(phrases._NOUN_NAMED.pattern.replace(phrases._NAME_WORD_FREE, r"(?<![\w\-])" + nw, 1)),
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
        toks, codes, _ = rec._tokenize(p.text)
        for t, code in zip(toks, codes):
            assert code == rec._token_code(t.text)
            assert code & lexicon._SHAPE_BITS == (0 if t.text.islower() and t.text.isalpha() else tokens._shape(t.text))


def test_memoised_methods_match_uncached(sample_papers):
    rec = R.load_recognizer()
    fresh = R.Recognizer(gazetteer=[("GPT-4", R.MODEL)], stoplist=["LLM"])
    sample_names = {t.text for p in sample_papers[:40] for t in _plain_tokens(p.text)} | {"LLMs", "s-MLLM", "13B Llama-2", "Qwen-VL", "BERTScore"}
    for r in (rec, fresh):
        for n in sorted(sample_names):
            assert r._stopped(n) == r._stopped_uncached(n)
            assert r._morph_type(n) == r._morph_type_uncached(n)
            assert r._gaz_family_type(n) == r._gaz_family_type_uncached(n)


def test_default_pipeline_shortcut_matches_spacy_pipeline(sample_papers):
    """extract(papers) without a pipeline gives what make_nlp()'s pipeline gives."""
    papers = sample_papers[:25]
    assert list(extract(papers)) == list(extract(papers, make_nlp()))


def _tokens_by_finditer(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in tokens._TOKEN.finditer(text):
        shift, t = (0, m.group()) if m.group().isalnum() else tokens._trim_token(m.group())
        if t:
            out.append((m.start() + shift, m.start() + shift + len(t), t))
    return out


def _plain_tokens(text: str) -> list[tokens._Tok]:
    """The tokens of ``text`` by the plain form (:func:`_tokens_by_finditer`)."""
    return [tokens._Tok(*t) for t in _tokens_by_finditer(text)]


# _TOKEN_SPLIT_ASCII before its inner run was rewritten (possessive runs of word characters and marks)
_TOKEN_SPLIT_ASCII_PLAIN = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9_.'^\-]*[A-Za-z0-9_^])?(?:\+(?![A-Za-z0-9_]))?)")


def _check_token_split_ascii(text):
    if text.isascii():
        assert tokens._TOKEN_SPLIT_ASCII.split(text) == _TOKEN_SPLIT_ASCII_PLAIN.split(text) == tokens._TOKEN_SPLIT.split(text), text[:80]


def test_ascii_token_split_matches_its_plain_form(sample_papers):
    for t in [p.text for p in sample_papers] + EDGE + ["a.b.-c'd--e^f_g+ h+1 i+_ j.", "x-", "x--y", "A'", "'a'", "9.9.", "a^^.^b", "_a", "a_"]:
        _check_token_split_ascii(t)


def test_bulk_tokenizer_matches_finditer(sample_papers):
    rec = R.load_recognizer()
    texts = [p.text for p in sample_papers] + EDGE + ["-", "x-", "GPT-4's", "abc-GPT-4", "LLM-based GPT-like 7B-parameter", "a\u2019s b's"]
    for t in texts:
        assert [(k.start, k.end, k.text) for k in rec._tokenize(t)[0]] == _tokens_by_finditer(t), t[:60]


# -- the fast paths of "extract: the same rules with ~24% less CPU" (f6af635), each against the plain form it replaced
#
# Each check compares match spans and groups (or whole lists) of a fast path with those of its plain form, on the
# sample abstracts, on EDGE and MORE_EDGE, and on generated text (hypothesis, at the end) made of the pieces a match needs.

MORE_EDGE = [
    "x.\n\nA",
    ".\n\nA",
    "\n\n\n",
    "A. B!  C? (D) \"E\" [F] 1. 2",
    "end.\u00a0Next. \u2003Then",
    "Code: https://github.com/THUDM/GLM-130B. Page: x.github.io/",
    "see www.a.org, http://b.io/x) and HF.CO/y or sub-b.github.io.",
    "\u212aelvin.github.io and \u017fee.hf.co",  # non-ASCII: find_links keeps the plain scan
    "We introduce Foo. By introducing Bar, we PRESENT Baz; in this paper, we also propose Qux",
    "Here we build it while first collecting data after developing X",
    "a model called Foo Bar, a set named \u201cBaz\u201d, we refer to the model as Qux",
    "results on the Foo, Bar and Baz benchmarks and the A test sets (B suites)",
    "benchmarks such as X; datasets (e.g., Y); corpora: Z; public resources like W",
    "On 31 held-out graphs, including Cora and more; across three datasets (e.g. A); xon 3 tasks, namely B",
    "The Foo Bar 2.1 Benchmark, the Baz 13B corpus and the -Qux Dataset. The A V2 test split",
]


def _found(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


def _positions(text: str) -> list[int]:
    """Where scans start at the call sites (0, the end of the title: the first blank line), and a few more."""
    return sorted({0, 1, len(text) // 3, len(text) // 2, max(text.find("\n\n"), 0), len(text)})


@pytest.fixture(scope="module")
def texts(sample_papers):
    return [p.text for p in sample_papers] + EDGE + MORE_EDGE


# (pattern, its heads as the call site passes them, whether the call site passes ``low``: text.lower() of an ASCII text)
_MATCHES_AT = [
    pytest.param(lists._LIST_TAIL, lists._LIST_TAIL_HEADS, False, id="LIST_TAIL"),  # _listed_names, from the title's end
    pytest.param(lists._LIST_HEAD, lists._LIST_HEAD_HEADS, False, id="LIST_HEAD"),  # _listed_names, from the title's end
    pytest.param(definitions._DEF_CALLED, definitions._DEF_CALLED_HEADS, False, id="DEF_CALLED"),  # _defined_names, from the title's end
    pytest.param(names._URLISH, names._URLISH_HEADS, False, id="URLISH"),  # _url_mask, from 0
    pytest.param(introduced._INTRO_VERB, introduced._INTRO_VERB_HEADS, True, id="INTRO_VERB"),  # _introduced: an ASCII clause, from 0
    pytest.param(introduced._INTRO_GERUND, introduced._INTRO_GERUND_HEADS, True, id="INTRO_GERUND"),  # _introduced: from the verb's end
]


def _check_matches_at(rx, heads, lower, text, pos):
    if lower:
        # the call site takes the fast path only for ASCII clauses (it scans others with rx.finditer)
        text = text.encode("ascii", "replace").decode()
        got = scan._matches_at(rx, text, pos, heads, text.lower())
    else:
        got = scan._matches_at(rx, text, pos, heads)
    assert _found(got) == _found(rx.finditer(text, pos)), (rx.pattern[:40], text[:80], pos)


@pytest.mark.parametrize(("rx", "heads", "lower"), _MATCHES_AT)
def test_matches_at_matches_finditer(texts, rx, heads, lower):
    for t in texts:
        for pos in _positions(t):
            _check_matches_at(rx, heads, lower, t, pos)


def _check_noun_named(work, lo):
    assert _found(phrases._noun_named_matches(work, lo)) == _found(phrases._NOUN_NAMED.finditer(work, lo)), (work[:80], lo)


def test_noun_named_matches_match_finditer(texts):
    for t in texts:
        work = t.replace("~", " ")  # (what _phrase_names scans)
        for lo in _positions(work):
            _check_noun_named(work, lo)


def _sentence_spans_plain(text):
    """sentence_spans as it was: over _SENT_END.finditer."""
    spans, start = [], 0
    for m in tokens._SENT_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _check_sentence_breaks(text):
    want = _found(tokens._SENT_END.finditer(text))
    assert _found(tokens._sentence_breaks(text)) == want, text[:80]  # a scan (or the memo, if text came just before)
    assert _found(tokens._sentence_breaks(text)) == want, text[:80]  # the memo
    assert R.sentence_spans(text) == _sentence_spans_plain(text), text[:80]


def _check_sentence_memo(a, b):
    """After a first text, a second one gets its own breaks (the memo holds one text), and then the first again."""
    tokens._sentence_breaks(a)
    got = tokens._sentence_breaks(b)
    assert _found(got) == _found(tokens._SENT_END.finditer(b)), (a[:60], b[:60])
    assert all(m.string == b for m in got)
    assert R.sentence_spans(b) == _sentence_spans_plain(b), (a[:60], b[:60])
    assert _found(tokens._sentence_breaks(a)) == _found(tokens._SENT_END.finditer(a)), (a[:60], b[:60])


def test_sentence_breaks_match_finditer(texts):
    for t in texts:
        _check_sentence_breaks(t)
        _check_sentence_breaks(t.replace("~", " "))
    # one text after another: each gets its own (also an empty text, which the memo starts out with)
    for a, b in zip(texts, texts[1:] + [""]):
        _check_sentence_memo(a, b)
        _check_sentence_memo(b, a)
    _check_sentence_memo("", "A. B")
    _check_sentence_memo("A. B", "A. B C. D")
    _check_sentence_memo("A. B", "".join(["A. ", "B"]))  # an equal text that is another object


def _check_flagged(codes):
    code_bytes = bytes(codes)
    for flag in (lexicon._SHAPE_BITS, lexicon._MAY_START_GAZ, lexicon._MODEL_NOUN, lexicon._RELEASE):
        assert lexicon._flagged(code_bytes, flag) == [k for k, code in enumerate(codes) if code & flag], (flag, codes[:40])


def _check_tokens_codes(rec, text):
    toks = _plain_tokens(text)
    want_toks = [tuple(t) for t in toks]
    want_codes = [rec._token_code(t.text) for t in toks]
    for _ in range(2):  # a first time (new raw tokens) and a second (all from the raw-token cache)
        # the codes as bytes (one packed byte per raw token, split by translate) and the tokens' starts
        got_toks, code_bytes, starts = rec._tokenize(text)
        got_codes = list(code_bytes)
        assert [tuple(t) for t in got_toks] == want_toks, text[:80]
        assert got_codes == want_codes, text[:80]
        assert starts == [t.start for t in toks], text[:80]
    # _phrase_names now finds release numbers by the _RELEASE flag; before f6af635 it tested each token like this
    for t, code in zip(toks, got_codes):
        assert bool(code & lexicon._RELEASE) == (t.text[0] in lexicon._VERSION_FIRST and lexicon._RELEASE_NUMBER.match(t.text) is not None), t.text
    _check_flagged(got_codes)


@pytest.fixture(scope="module")
def rec():
    return R.load_recognizer()


def test_tokens_codes_and_flagged_match_the_plain_forms(rec, texts):
    for t in texts:
        _check_tokens_codes(rec, t)
        _check_tokens_codes(rec, t.replace("~", " "))
    fresh = R.Recognizer(gazetteer=[("GPT-4", R.MODEL), ("Common Voice", R.DATASET)], stoplist=["LLM"])
    for t in texts[:30] + MORE_EDGE:
        _check_tokens_codes(fresh, t)
    for codes in ([], [0], [255], list(range(256)), [3, 4, 8, 16, 31, 0, 1, 2, 5, 24]):
        _check_flagged(codes)


# _COUNT_LIST_HEAD in its form before the rewrite (f6af635), copied as the reference: "\b" before the first word
_COUNT_LIST_HEAD_BEFORE = re.compile(
    r"\b(?:[Oo]n|[Aa]cross|over)\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|multiple)\s+(?:[\w\-]+\s+){0,2}?"
    r"([a-z]{3,}s)\s*(?:,\s*|\(\s*)(?:including|such as|e\.g\.,?|namely)\s+"
)


def _check_count_list_head(text, pos):
    want = _found(_COUNT_LIST_HEAD_BEFORE.finditer(text, pos))
    assert _found(lists._COUNT_LIST_HEAD.finditer(text, pos)) == want, (text[:80], pos)
    if want:  # the pre-checks _listed_names puts in front of it let every match through
        assert "including" in text or "such as" in text or "e.g." in text or "namely" in text, (text[:80], pos)
        assert lists._COUNT_LIST_CUE.search(text, pos) is not None, (text[:80], pos)


def test_count_list_head_matches_its_form_before_the_rewrite(texts):
    for t in texts:
        for pos in _positions(t):
            _check_count_list_head(t, pos)


def _find_links_before(text):
    """find_links as it was before f6af635: _URL_RE.finditer over the whole text."""
    found = []
    if text.isascii():
        low = text.lower()
        if "://" not in low and "www." not in low and "github." not in low and "huggingface.co" not in low and "hf.co" not in low:
            return found
    for match in L._URL_RE.finditer(text):
        raw = L._strip_trailing(match.group())
        if "." not in raw.split("://", 1)[-1].split("/", 1)[0]:
            continue
        url = L.normalize_url(raw)
        found.append((match.start(), match.start() + len(raw), url, L.link_kind(url)))
    return found


def _outcome(f, text):
    """What ``f(text)`` returns, or the error it raises."""
    try:
        return f(text)
    except ValueError as e:
        return ("ValueError", str(e))


def _check_links(text):
    for t in (text, text.encode("ascii", "replace").decode()):
        if t.isascii():
            assert _found(L._url_matches_ascii(t, t.lower())) == _found(L._URL_RE.finditer(t)), t[:80]
        assert _outcome(L.find_links, t) == _outcome(_find_links_before, t), t[:80]


def test_url_scan_matches_finditer(texts):
    for t in texts:
        _check_links(t)


def _usage_plain(rec, start, end, work):
    """Recognizer._usage before its per-sentence memo."""
    s = max(work.rfind(". ", 0, start), work.rfind("\n", 0, start)) + 1
    e = work.find(". ", end)
    sent = work[s : e if e >= 0 else len(work)]
    ev = context._EVAL_WORDS.search(sent) is not None
    tr = context._TRAIN_WORDS.search(sent) is not None
    if tr and not ev:
        return "train"
    if ev and not tr:
        return "eval"
    return None


def test_usage_memo_matches_plain(rec, texts):
    works = [t.replace("~", " ") for t in texts[:20]] + MORE_EDGE
    for work, other in zip(works, works[1:] + works[:1]):
        for w in (work, other, work):  # the memo follows the text it was made for
            toks = _plain_tokens(w)
            # each token, and spans of three tokens (some hold a ". ": the same start, another end)
            spans = [(t.start, t.end) for t in toks] + [(a.start, b.end) for a, b in zip(toks, toks[2:])]
            for start, end in spans:
                c = SimpleNamespace(start=start, end=end)
                assert rec._usage(c, w) == _usage_plain(rec, start, end, w), (w[:60], start, end)


def test_lowercase_prechecks_match_the_word_prechecks(windows):
    """_type_from_context and _introduced pre-check regexes on ``before.lower()`` of ASCII text."""
    for w in windows[::4]:  # (a quarter of them: the file stays fast)
        if not w.isascii():
            continue  # (no pre-check there)
        low = w.lower()
        # the same answers as the _may_match pre-checks they replaced
        assert (context._INIT_FROM_WORDS.search(low) is not None) == scan._may_match(w, ("train", "tun", "initiali", "distill", "warm")), w
        assert ("from" in low[-30:] or "into" in low[-30:]) == scan._may_match(w[-30:], ("from", "into")), w
        # new pre-checks (nothing before them): they never hide a match
        if introduced._OUR_WORDS_BEFORE.search(w):
            assert "our" in low or "proposed" in low, w
        if introduced._INTRO_GERUND.search(w):  # _introduced looks for _INTRO_GERUND's heads only in a clause that holds a gerund
            assert any(g in low for g in introduced._INTRO_GERUNDS), w


def _check_urlish_starts(text):
    """_url_mask looks for the heads of _URLISH that start with a dot at the dots of the text."""
    got = names._urlish_starts(text)
    assert sorted(set(got)) == sorted(set(scan._occurrences(text, names._URLISH_HEADS, 0))), text[:80]
    assert _found(scan._matches_from(names._URLISH, text, 0, got)) == _found(names._URLISH.finditer(text)), text[:80]


def test_urlish_starts_match_the_head_scan(texts):
    for t in texts + ["a.co", ".io.org", "x..ly", "www.a.ai/b", "http://a.net.gy", ".", "..co", "e.g. foo.com."]:
        _check_urlish_starts(t)


def _check_list_noun_places(work, lo):
    """_listed_names scans once per plural data noun for _LIST_TAIL, _LIST_HEAD and the nouns before a comma."""
    tail, head, comma = lists._list_noun_places(work, lo)
    assert sorted(set(tail)) == sorted(set(scan._occurrences(work, lists._LIST_TAIL_HEADS, lo))), (work[:80], lo)
    assert sorted(set(head)) == sorted(set(scan._occurrences(work, lists._LIST_HEAD_HEADS, lo))), (work[:80], lo)
    plain = []  # the loop of _listed_names before: str.find of noun + ", " from lo, noun by noun
    for noun in ("benchmarks, ", "datasets, ", "data sets, ", "corpora, ", "suites, "):
        places = []
        pos = work.find(noun, lo)
        while pos >= 0:
            places.append(pos)
            pos = work.find(noun, pos + 1)
        plain.append((noun[:-2], places))
    assert comma == plain, (work[:80], lo)


def test_list_noun_places_match_the_head_scans(texts):
    for t in texts + [" benchmarks", "benchmarks, datasets, ", "xsuites,  suites, ", " test sets, data sets, corpora"]:
        for lo in _positions(t):
            _check_list_noun_places(t, lo)


def test_intro_gerund_precheck_never_hides_a_match(windows):
    for w in windows + ["by introducing", "BY CURATING", "while first Designing", "after building", "by x-designing", "by\ncreating"]:
        if w.isascii() and introduced._INTRO_GERUND.search(w):
            assert any(g in w.lower() for g in introduced._INTRO_GERUNDS), w


def test_tokenize_drops_raw_tokens_that_trim_to_nothing():
    """_tokenize deletes a dropped raw token's token, code and start (no token of the sample trims to nothing)."""
    rec = R.Recognizer(gazetteer=[("GPT-4", R.MODEL)], stoplist=["LLM"])
    text = "zz GPT-4 zz and v2 zz zz LLMs x-"
    keep = [t for t in _plain_tokens(text) if t.text != "zz"]
    for _ in range(2):
        rec._word_cache["zz"] = lexicon._DROPPED  # as if "zz" trimmed to nothing
        toks, code_bytes, starts = rec._tokenize(text)
        assert [tuple(t) for t in toks] == [tuple(t) for t in keep]
        assert code_bytes == bytes(rec._token_code(t.text) for t in keep)
        assert starts == [t.start for t in keep]


# -- pre-checks on the end of ``before`` in _type_from_context, _introduced and _defined_names (each returns False
# only where its pattern cannot match: checked on every window of the sample, the edge cases and generated text)

BEFORE_EDGE = [
    "outperforms ", "outperforms the strong ", "outperforming the fine-tuned open ", "beats ", "rivals\n", "match ", "matches the ",
    "than ", "-than the ", "compared to ", "compared with the ", "relative to ", "competitive with ", "on par with prior ",
    "vs. ", "(vs ", "versus\t", "gains of 3% over ", "improves by 2.1 points over the ", "speedups over ", "to ", "with the ",
    "results on ", "results on the A, B, ", "evaluated across the ", "accuracy on the\n", "on ", "performance on x,y, ",
    "data collected from ", "text from the ", "images drawn from ", "dataset constructed using web pages ", "corpus built with ",
    "from ", "using ", "the data from", "models ", "datasets like ", "benchmarks, such as the ", "models (e.g., ", "llms:",
    "corpora\n", "datasetslike ", "resources (i.e.,", "evaluations namely the ", "Models (E.G., ", "the ", "We ", "to models ",
    "a new dataset, ", "a new dataset,", "our model, namely ", "a corpus of generics, ", "the dataset they used, ",
    "an evaluation suite of many tasks, ", "A New Language Model, Namely\n", "a dataset ", "dataset, namely", ", ",
    "a \u017fet of models ", "\u212aelvin models (e.g., ", "data collected from \u212a ", "the benchmark \u00e9, ",
]


def _before_words(w: str):
    """``before_words`` as _type_from_context computes it (None: no pre-check, non-ASCII text)."""
    low = w.lower() if w.isascii() else None
    return None if low is None else low.split() if low[-1:].isspace() else ()


def _check_before_prechecks(w: str) -> None:
    words = _before_words(w)
    if words is not None:
        low = w.lower()
        if context._COMPARED_WITH.search(w) or context._IMPROVED_OVER.search(w):
            assert context._may_be_compared(words, low), w
        if context._EVALUATED_ON.search(w):
            assert context._may_be_evaluated_on(words), w
        if context._DRAWN_FROM.search(w):
            assert context._may_be_drawn_from(words), w
        if context._CLASS_NOUN_BEFORE.search(w):
            assert context._may_be_class_noun_before(low), w
    if definitions._DEF_BEFORE_TAIL.search(w):
        assert definitions._may_be_def_before_tail(w), w


def test_before_prechecks_never_hide_a_match(windows):
    for w in windows + BEFORE_EDGE + [e + "\n" for e in BEFORE_EDGE]:
        _check_before_prechecks(w)
        _check_before_prechecks(w[-60:])  # the 60 characters _type_from_context reads


def test_before_prechecks_are_selective(windows):
    """They pass the matches (above) and turn away most other windows (else they would cost and save nothing)."""
    for name, pre in [
        ("compared", lambda w, words: context._may_be_compared(words, w.lower())),
        ("evaluated_on", lambda w, words: context._may_be_evaluated_on(words)),
        ("drawn_from", lambda w, words: context._may_be_drawn_from(words)),
        ("class_noun", lambda w, words: context._may_be_class_noun_before(w.lower())),
        ("def_before_tail", lambda w, words: definitions._may_be_def_before_tail(w)),
    ]:
        ws = [w[-60:] for w in windows if w.isascii()]
        passed = sum(bool(pre(w, _before_words(w))) for w in ws)
        assert passed < len(ws) / 4, name


def test_def_before_tail_precheck_on_the_windows_of_defined_names(texts):
    """_defined_names searches _DEF_BEFORE_TAIL between a position and an end; the pre-check reads that slice."""
    for work in texts:
        lo = max(work.find("\n\n"), 0)
        for m in definitions._DEF_BEFORE.finditer(work, lo):
            pos, end = max(lo, m.start() - 90), m.start(1)
            if definitions._DEF_BEFORE_TAIL.search(work, pos, end):
                assert definitions._may_be_def_before_tail(work[pos:end]), work[pos:end]


def test_only_variant_words_skip_no_check(sample_papers):
    """_extend_right skips its checks before the variant words for the words _only_variant_word accepts: none holds."""
    words = {t.text for p in sample_papers for t in _plain_tokens(p.text)}
    words |= {"challenge", "Challenge", "qa", "QA", "base", "large", "v", "x", "k", "b", "\u00df", "\u00e9t\u00e9", "\u017f", "\u0131", "\u00aa"}
    accepted = 0
    for w in sorted(words):
        if not names._only_variant_word(w):
            continue
        accepted += 1
        assert w not in ("Challenge", "Benchmark", "Corpus", "Dataset", "Arena", "Leaderboard", "Suite", "Bench", "challenge", "QA"), w
        assert not names._TRACK_YEAR.fullmatch(w) and not names._THOUSANDS.fullmatch(w) and not tokens._YEAR.match(w), w
        assert not w.isdigit() and not names._SCORE_NUMBER.match(w) and not tokens._SIZE.match(w) and not names._VERSION.match(w), w
    assert accepted > 100


# -- the same checks on generated text: pieces that make matches likely, punctuation, digits, capitals, non-ASCII

_FILL = (" ", " ", "  ", ". ", ".", ",", ", ", ":", ";", "(", ")", "[", '"', "'", "-", "/", "\n", "\n\n", "\t", "!", "?", "_", "+", "^",
         "0", "7", "1,000", "2.1", "13B", "v5", "A", "Foo", "GLUE", "X-2", "the", "a", "and", "of", "x")
_SEPS = (" ", " ", " ", " ", "", "", ", ", ". ", "\n")
_NON_ASCII = ("\u00e9", "\u00df", "\u00a0", "\u2003", "\u2019", "\u201c", "\u201d", "\u017f", "\u212a", "\u0130")
# per fast path: its heads and words, and whole phrases that match (the separators and the pieces around them make
# near-misses of them: a word glued before, a missing space, an uppercase word, a stop inside)
_PIECES = {
    "LIST_TAIL": ("benchmarks", " benchmarks", "datasets", " data sets", "corpora", "collections", " test sets", "suites", "X)", "Foo+", "A1",
                  "the A and B suites", "Foo, Bar+ collections", "(X) test sets"),
    "LIST_HEAD": ("benchmarks", "datasets", "data sets", "corpora", "suites", "collections", "resources", "such as", "including", "like",
                  "namely", "e.g.", "e.g.,", "i.e.", "i.e.,", " (", ": ", "xbenchmarks", "benchmarks such as", "datasets (e.g.,",
                  "public resources like", "corpora:", "data sets, including", "suites (namely"),
    "DEF_CALLED": ("called", "named", "dubbed", "termed", "coined", "refer", "referred", " to ", "refer to ", "as", ": ", '"', "\u201c",
                   "\u201d", "Foo", "Bar-Baz", "A", "X1", "renamed", "a model called Foo", "named: \"Bar Baz", "we refer to the model as Qux",
                   "referred to it as X-1", "dubbed \u201cA B"),
    "URLISH": ("http", "https://", "http://", "HTTP://", "www.", "WWW.", ".com", ".co", ".io", ".org", ".ai", ".net", ".gy", ".ly", ".comx", "x.",
               "github.com/", "/", "://", "see https://a.b/c", "x.github.io", "Foo.ai", "www.a.org/x"),
    "INTRO": ("we", "We", "WE", "this", "This", "paper", "work", "report", "study", "here", "Here,", "in this", "In this", "our", "Our",
              "also", "first", "are", "are also", "introduce", "introduces", "introducing", "propose", "proposed", "present", "presents",
              "presenting", "build", "release", "open-source", "train", "pre-train", "develop", "by", "By", "after", "After", "while",
              "WHILE", "ing", "s", "ed", "xwe", "we introduce", "We also propose", "In this paper, we present", "this work presents",
              "Here we build", "our work develops", "we are also training", "by introducing", "while first collecting",
              "After developing", "BY CURATING", "in this work we", "here, we"),
    "NOUN_NAMED": ("Benchmark", "Challenge", "challenge", "Arena", "arena", "Leaderboard", "Corpus", "Dataset", "Suite", "benchmark",
                   "benchmarks", "dataset", "datasets", "corpus", "corpora", "database", "treebank", "data set", "test set", "dev set",
                   "validation set", "test split", "V2", "3.1", "1.5k", "13B", "Foo", "Bar", "Qa", "X", "Foo-bar", "Foo's", "Foo-bar Dataset",
                   "The Foo Bar 2.1 Benchmark", "Qa 1.5k corpus", "the A V2 test split", "X-Y-Z Arena", "e.g. Foo benchmark"),
    "COUNT_LIST": ("on", "On", "ON", "across", "Across", "over", "Over", "xon", "\u00e9on", "three", "several", "multiple", "12", "1,000",
                   "graphs", "tasks", "held-out", "sets", "including", "such as", "e.g.", "e.g.,", "namely", ", ", " (", "  ",
                   "on 12 held-out tasks, including", "xon 3 graphs (e.g.,", "Across several sets, namely", "over two areas such as",
                   "\u00e9on 1,000 codes, including", "On ten Graphs, including", "across multiple new test suites (including"),
    "SENT": (". ", "! ", "? ", ".", "!", "?", ".\n", "\n", "\n\n", "\n\n\n", "\t", " ", "  ", "\r", "\u00a0", "\u2003", "\u3000",
             "A", "Z", "1", '"', "'", "(", "[", "a", "x.", "e.g. "),
    "TOKENS": ("GPT-4", "'s", "\u2019s", "-", "--", "-based", "-like", "LLM", "LLMs", "model", "models", "regressors", "learner", "the", "The",
               "2.1", "v5", "V1.5", "13.0", "2012", "1.5.2", "v1.5a", "0.5", "340M-parameter", "abc-GPT-4", "x-", "^", "+", "_", ".",
               "\u00c4", "Common", "Voice"),
    "LINKS": ("http", "https", "://", "https://", "http://", "HTTP://", "www.", "WWW.", "github.", "github.com", "github.io", "GitHub.com/",
              "huggingface.co", "HuggingFace.CO/", "hf.co", "HF.co", "x.", "a-b.", "-", "/", "org/repo", "<", ">", "`", "#", "%", "]", ")",
              ":", "@", "1.", "a-b.github.io", "my-org.GitHub.com/x", "x-y.hf.co/m", "(https://github.com/a/b).", "sub.www.a.org"),
}


if given is not None:

    def _texts(pieces, ascii_only=False, max_size=25):
        """Text of pieces (half of them from ``pieces``), each followed by a separator (mostly one space)."""
        fill = _FILL + (() if ascii_only else _NON_ASCII)
        part = st.tuples(st.one_of(st.sampled_from(pieces), st.sampled_from(fill)), st.sampled_from(_SEPS)).map("".join)
        return st.lists(part, max_size=max_size).map("".join)

    _GEN = [
        pytest.param(lists._LIST_TAIL, lists._LIST_TAIL_HEADS, False, _PIECES["LIST_TAIL"], id="LIST_TAIL"),
        pytest.param(lists._LIST_HEAD, lists._LIST_HEAD_HEADS, False, _PIECES["LIST_HEAD"], id="LIST_HEAD"),
        pytest.param(definitions._DEF_CALLED, definitions._DEF_CALLED_HEADS, False, _PIECES["DEF_CALLED"], id="DEF_CALLED"),
        pytest.param(names._URLISH, names._URLISH_HEADS, False, _PIECES["URLISH"], id="URLISH"),
        pytest.param(introduced._INTRO_VERB, introduced._INTRO_VERB_HEADS, True, _PIECES["INTRO"], id="INTRO_VERB"),
        pytest.param(introduced._INTRO_GERUND, introduced._INTRO_GERUND_HEADS, True, _PIECES["INTRO"], id="INTRO_GERUND"),
    ]

    @pytest.mark.parametrize(("rx", "heads", "lower", "pieces"), _GEN)
    @settings(max_examples=100, deadline=None)
    @given(data=st.data())
    def test_matches_at_on_generated_text(rx, heads, lower, pieces, data):
        text = data.draw(_texts(pieces, ascii_only=lower), label="text")
        pos = data.draw(st.integers(0, len(text)), label="pos")
        _check_matches_at(rx, heads, lower, text, pos)

    @settings(max_examples=180, deadline=None)
    @given(text=_texts(_PIECES["NOUN_NAMED"], max_size=40), lo=st.integers(0, 40))
    def test_noun_named_matches_on_generated_text(text, lo):
        _check_noun_named(text, lo)

    @settings(max_examples=150, deadline=None)
    @given(text=_texts(_PIECES["SENT"]))
    def test_sentence_breaks_on_generated_text(text):
        _check_sentence_breaks(text)

    @settings(max_examples=100, deadline=None)
    @given(a=_texts(_PIECES["SENT"]), b=_texts(_PIECES["SENT"]))
    def test_sentence_break_memo_on_generated_texts(a, b):
        _check_sentence_memo(a, b)

    @pytest.fixture(scope="module")
    def sample_words(rec, sample_papers):
        """Words of the sample, those a gazetteer name may start at first (they exercise _MAY_START_GAZ)."""
        words = sorted({t.text for p in sample_papers[:40] for t in _plain_tokens(p.text)})
        gaz = [w for w in words if rec._token_code(w) & lexicon._MAY_START_GAZ]
        return gaz[:200] + words[:: max(1, len(words) // 200)]

    @settings(max_examples=120, deadline=None)
    @given(data=st.data())
    def test_tokens_codes_on_generated_text(rec, sample_words, data):
        pieces = _PIECES["TOKENS"] + tuple(sample_words)
        _check_tokens_codes(rec, data.draw(_texts(pieces), label="text"))

    @settings(max_examples=100, deadline=None)
    @given(codes=st.lists(st.one_of(st.integers(0, 31), st.integers(0, 255)), max_size=80))
    def test_flagged_on_generated_codes(codes):
        _check_flagged(codes)

    @settings(max_examples=150, deadline=None)
    @given(text=_texts(_PIECES["COUNT_LIST"], max_size=40), pos=st.integers(0, 20))
    def test_count_list_head_on_generated_text(text, pos):
        _check_count_list_head(text, pos)

    @settings(max_examples=200, deadline=None)
    @given(text=_texts(_PIECES["LINKS"], max_size=40))
    def test_url_scan_on_generated_text(text):
        _check_links(text)

    @settings(max_examples=200, deadline=None)
    @given(text=_texts(_PIECES["URLISH"], max_size=40))
    def test_urlish_starts_on_generated_text(text):
        _check_urlish_starts(text)

    @settings(max_examples=200, deadline=None)
    @given(text=_texts(_PIECES["LIST_TAIL"] + _PIECES["LIST_HEAD"] + ("benchmarks, ", "suites,", ", "), max_size=40), lo=st.integers(0, 30))
    def test_list_noun_places_on_generated_text(text, lo):
        _check_list_noun_places(text, lo)

    _TITLE_LIST_PIECES = ("Foo", "Bar", "A", "X1", "Foo-Bar", "Foo-", "-Bar", "Foo'", "O'Neil", "A^2", "Foo's", "F-2-b", "and", "or", " and ",
                          " or ", ", ", ",", ", and ", "-", "'", "^", "_", "x", "Foo-bar-", "Foo Bar Baz Qux", "e-Foo", "Foo, Bar and Baz-")

    @settings(max_examples=250, deadline=None)
    @given(text=_texts(_TITLE_LIST_PIECES, max_size=30), pos=st.integers(0, 10))
    def test_title_list_on_generated_text(text, pos):
        assert _found(phrases._TITLE_LIST.finditer(text, pos)) == _found(_TITLE_LIST_PLAIN.finditer(text, pos)), text

    @settings(max_examples=250, deadline=None)
    @given(text=_texts(_PIECES["TOKENS"] + ("a.", ".b", "c'", "-d", "e^", "f_", "g+", "+", "..", "--", "''"), ascii_only=True, max_size=30))
    def test_ascii_token_split_on_generated_text(text):
        _check_token_split_ascii(text)

    _BEFORE_PIECES = (
        "outperforms", "surpassed", "beating", "matches", "rival", "than", "vs.", "versus", "compared to", "relative to", "competitive with",
        "on par with", "over", "by 2.1 points", "improves", "gains", "the", "strong", "fine-tuned", "open", "to", "with", "results",
        "evaluated", "accuracy", "on", "ON", "across", "A,", "B,", "x-y,", "data", "images", "collected", "drawn from", "from", "using",
        "dataset constructed", "built", "models", "datasets", "corpus", "corpora", "LLMs", "such as", "like", "including", "e.g.",
        "e.g.,", "i.e.,", "namely", "NAMELY", "(", ":", ",", "a", "an", "our", "the resulting", "new", "dataset", "benchmark",
        "test suite", "language model", "of", "that", "they", "used", "we", "it", "uses",
    )

    @settings(max_examples=300, deadline=None)
    @given(text=_texts(_BEFORE_PIECES, max_size=14))
    def test_before_prechecks_on_generated_text(text):
        _check_before_prechecks(text)
        _check_before_prechecks(text + " ")

else:

    @pytest.mark.skip(reason="hypothesis not installed (it is in the test extra: pip install -e '.[test]')")
    def test_fast_paths_on_generated_text():
        pass
