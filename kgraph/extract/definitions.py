"""Names a defining phrase introduces, whatever their shape, and the abbreviations a text defines.

"a new corpus of generics, Gen-A-Tomic", "Tele-Data, a comprehensive dataset",
"a model called X", "refer to the resulting model as X", 'we build a "Large
Concept Model"', "Common Crawl": candidates of any shape, typed later by their
phrase (:mod:`kgraph.extract.context`); untyped they are dropped. A name in
parentheses after words whose initials spell it is an abbreviation
("Holistic Evaluation of Language Models (HELM)"): the words are its long form.
The naming-phrase patterns here (``_DEF_BEFORE_TAIL``, :func:`_naming_before`,
``_RELEASED_AS``) are read by the typing and ``introduced`` rules too.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidates import DATASET, _Cand
from .lexicon import Lexicon, _noun_types
from .scan import _matches_at
from .tokens import _LANGUAGE_WORD, _PHRASE_SKIP, _PLAIN, _TASK_SUFFIX, _TASK_WORDS, _Tok

# --- defining phrases --------------------------------------------------------------

# capitalised phrases ending in a corpus morpheme ("Common Crawl")
_CRAWL_NAMED = re.compile(r"(?<![\w\-])((?:[A-Z][a-z]+ ){1,2}(?:Crawl|WebText|Pajama))\b")
# defining phrases that name a thing whatever the name's shape: "a new corpus of generics,
# Gen-A-Tomic", "Tele-Data, a comprehensive dataset", "a dataset called ShareGPT"
_DEF_NOUNS = r"(?:dataset|corpus|benchmark|testbed|test suite|evaluation suite|leaderboard|model|language model|llm|lm|mllm|vlm)"
_DEF_NAME = r"([A-Z][\w'^]*(?:-[\w'^]+)*)(?=[\s,.;:()]|$)"
_DEF_BEFORE = re.compile(r",\s*(?:namely\s+)?%s" % _DEF_NAME)  # then _DEF_BEFORE_TAIL checks the words before
_DEF_BEFORE_TAIL = re.compile(
    r"\b(?:a|an|our|the resulting|the proposed)\s+(?:[\w\-]+\s+){0,4}?(%s)(?:\s+of\s+(?:[\w\-]+\s+){0,2}?[\w\-]+)?\s*,\s*(?:namely\s+)?$"
    "|\\bthe\\s+(%s)\\s+(?:that\\s+)?(?:they|we|it)\\s+(?:used|use|uses)\\s*,\\s*$"  # "the dataset they used, X"
    % (_DEF_NOUNS, _DEF_NOUNS),
    re.I,
)
# the last word of each noun of _DEF_NOUNS
_DEF_NOUN_LAST_WORDS = frozenset(("dataset", "corpus", "benchmark", "testbed", "suite", "leaderboard", "model", "llm", "lm", "mllm", "vlm"))


def _may_be_def_before_tail(text: str) -> bool:
    """Pre-check of ``_DEF_BEFORE_TAIL.search(text)`` (True on non-ASCII text: no pre-check there).

    A match ends in a comma, whitespace and an optional "namely" and whitespace; its type noun ends in one
    of the last five whole words before that comma (at most "of" and three words, or "that", a pronoun and
    "used", follow it).
    """
    if not text.isascii():
        return True
    t = text.lower().rstrip()
    if t.endswith("namely"):
        t = t[:-6].rstrip()
    if t[-1:] != ",":
        return False
    return not _DEF_NOUN_LAST_WORDS.isdisjoint(t[:-1].split()[-5:])


# "Tele-Data, a comprehensive dataset": a capitalised run before an appositive with a type noun
_DEF_AFTER = re.compile(r",(?<=[\w'^],)\s+an?\s+(?:(?!(?:that|which|who|to|for|with|from|on)\s)[\w\-.]+\s+){0,5}?(?:dataset|corpus|benchmark|testbed|suite)\b")
# "a model called X", "refer to the resulting model as X": up to six capitalised words after a naming word
_DEF_CALLED = re.compile(
    r"(?:\b(?:called|named|dubbed|termed|coined|refer(?:red)? to (?:[\w\-]+ ){0,5}?as)\s*:?\s*[\"\u201c]?)([A-Z][\w'^]*(?:-[\w'^]+)*(?:\s+[A-Z][\w'^]*(?:-[\w'^]+)*){0,5})(?=[\s,.;:()\"\u201d]|$)"
)
# every match of _DEF_CALLED starts with one of these (see _matches_at)
_DEF_CALLED_HEADS = ("called", "named", "dubbed", "termed", "coined", "refer")
# 'we build a "Large Concept Model"': a quoted name after an article (checked before the quote)
_DEF_QUOTED = re.compile(
    r"[\"\u201c](?=[A-Z][\w\-]* [A-Z])([A-Z][\w'^]*(?:-[\w'^]+)*(?:\s+[A-Z][\w'^]*(?:-[\w'^]+)*){0,5})(?=[\"\u201d])"
)
# the last word of a multi-word name a defining phrase gives: its type noun
_NAME_HEAD_TYPE = _noun_types()["name_head"]
_PAREN_WORD_AFTER = re.compile(r"\s*\(([\w\-]+)\)")  # "Large Language Models (LLMs)": the abbreviation after a name
_QUOTE_END_AFTER = re.compile(r"[\"\u201d][.,;:)]")  # a quoted name ends at its closing quote


# --- naming phrases (read by the typing and introduced rules) -----------------------------

# a naming word right before the name: "a new benchmark called X", "namely X", "we call X"
_NAMING = re.compile(
    r"\b(?:called|named|dubbed|termed(?: as)?|coined|namely|entitled|denoted(?: as| by)?|(?:we|they) call|"
    r"refer(?:red)? to (?:[\w\-]+ ){0,5}?as)\s*[:,]?\s*$",
    re.I,
)
_NAMING_LAST_WORDS = ("called", "named", "dubbed", "termed", "coined", "namely", "entitled", "denoted", "as", "by", "call")


def _naming_before(before: str) -> bool:
    """Return ``_NAMING.search(before) is not None``, with a cheap exact pre-check on ASCII text."""
    if before.isascii():
        t = before.rstrip()
        if t.endswith((":", ",")):
            t = t[:-1].rstrip()
        if not t.lower().endswith(_NAMING_LAST_WORDS):
            return False  # a match ends in one of these words, then spaces and at most one ":" or ","
    return _NAMING.search(before) is not None


# "The training data, which we release as X": a name given to what the paper releases (data, unless a noun says otherwise)
_RELEASED_AS = re.compile(r"\b(?:we|is|are|was|were|be)\s+(?:also\s+|publicly\s+|openly\s+)?releas(?:e|es|ed)\s+(?:(?:it|them|this|these|both)\s+)?(?:publicly\s+)?as\s*$", re.I)


# --- abbreviations ---------------------------------------------------------------------

_NOT_LOWER_ALNUM = re.compile(r"[^a-z0-9]")  # what the letters an abbreviation spells leave out


def _subseq(short: str, long: str) -> bool:
    """Return whether the characters of ``short`` occur in ``long`` in order."""
    it = iter(long)
    return all(ch in it for ch in short)


class DefinitionRules(Lexicon):
    """Candidates a defining phrase gives, and abbreviation long forms (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _defined_names(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int], sent_starts: set[int]) -> list[_Cand]:
        """Return candidates for names a defining phrase introduces, whatever their shape.

        The phrase ("a new dataset, X", "X, a ... benchmark", "a model called X")
        types them later (:meth:`_type_from_context`); untyped they are dropped.
        """
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        lo = self._title_end
        for m in (_CRAWL_NAMED.finditer(work, lo) if ("Crawl" in work or "WebText" in work or "Pajama" in work) else ()):
            s, e = m.span(1)
            if any(ts < e and te > s for ts, te in taken) or m.group(1).split()[0].casefold() in _PHRASE_SKIP:
                continue
            ti = bisect_right(tok_starts, s) - 1
            tj = bisect_right(tok_starts, e - 1)
            if ti >= 0 and toks[ti].start == s:
                c = _Cand(s, e, m.group(1), ti, tj, 1)
                c.set_type(DATASET, 3)
                out.append(c)
                taken.append((s, e))
        spans: list[tuple[int, int]] = []
        called: set[int] = set()

        def capitalised(k: int) -> bool:
            if 0 <= k < len(toks) and toks[k].text == "The" and toks[k].start not in sent_starts:
                return True  # "We introduce The Stack, a 3.1 TB dataset": a capital "The" mid-sentence names
            if not (0 <= k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.casefold() not in _PHRASE_SKIP):
                return False
            # a plain word opening a sentence ("Using X, a ...") is not part of the name
            return not (toks[k].start in sent_starts and _PLAIN.match(toks[k].text))

        for m in _DEF_BEFORE.finditer(work, lo):
            if _may_be_def_before_tail(work[max(lo, m.start() - 90) : m.start(1)]) and _DEF_BEFORE_TAIL.search(work, max(lo, m.start() - 90), m.start(1)):
                # the whole capitalised run: "a new dataset, Natural Questions Plus"
                k = bisect_right(tok_starts, m.start(1)) - 1
                j = k
                while j - k < 3 and capitalised(j + 1) and work[toks[j].end : toks[j + 1].start] == " ":
                    j += 1
                spans.append((toks[k].start, toks[j].end) if j > k and toks[k].start == m.start(1) else m.span(1))
        for m in _DEF_AFTER.finditer(work, lo):
            k = bisect_right(tok_starts, m.start() - 1) - 1
            if k >= 0 and toks[k].end == m.start() and toks[k].text[:1].isupper():
                i = k  # the whole capitalised run: "Natural Questions, a benchmark"
                while k - i < 3 and capitalised(i - 1) and work[toks[i - 1].end : toks[i].start] == " ":
                    i -= 1
                spans.append((toks[i].start, toks[k].end))
        if "alled" in work or "amed" in work or "ubbed" in work or "ermed" in work or "oined" in work or "refer" in work:
            for m in _matches_at(_DEF_CALLED, work, lo, _DEF_CALLED_HEADS):
                spans.append(m.span(1))
                called.add(m.start(1))
        if '"' in work or "\u201c" in work:
            for m in _DEF_QUOTED.finditer(work, lo):
                if work[max(0, m.start() - 4) : m.start()].endswith((" a ", " an ")):
                    spans.append(m.span(1))
                    called.add(m.start(1))
        for s, e in spans:
            if True:
                text = work[s:e]
                if " " in text and text.rsplit(None, 1)[1].casefold() not in _NAME_HEAD_TYPE and s in called:
                    continue  # "called Constrained Text Generation Studio": only a type noun ends a long name
                abbr = _PAREN_WORD_AFTER.match(work[e : e + 20])
                if abbr and self._stopped(abbr.group(1)):
                    continue  # "referred to as Large Language Models (LLMs)": a generic class
                if any(ts < e and te > s for ts, te in taken):
                    continue
                if text.casefold() in _PHRASE_SKIP or _LANGUAGE_WORD.match(text) or self._stopped(text):
                    continue
                plain = _PLAIN.match(text) is not None
                if plain and (s in sent_starts or len(text) < 4 or text.casefold() in _TASK_WORDS or _TASK_SUFFIX.search(text)):
                    continue  # "However, a ...": a sentence-initial word names nothing; "Reasoning" is a task
                if work[s - 1 : s] in "\"\u201c" and s > 0 and not _QUOTE_END_AFTER.match(work[e : e + 2]):
                    continue  # 'a "Persona Model" description': a quoted modifier, not a name
                ti = bisect_right(tok_starts, s) - 1
                tj = bisect_right(tok_starts, e - 1)
                if ti < 0 or toks[ti].start != s or toks[tj - 1].end != e:
                    continue
                c = _Cand(s, e, text, ti, tj, 0)
                if " " in text and text.rsplit(None, 1)[1].casefold() in _NAME_HEAD_TYPE:
                    c.set_type(_NAME_HEAD_TYPE[text.rsplit(None, 1)[1].casefold()], 4)
                out.append(c)
                taken.append((s, e))
        return out

    def _abbreviations(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int]) -> None:
        for c in cands:
            if work[c.start - 1 : c.start] != "(" or work[c.end : c.end + 1] not in (")", ",", ";"):
                continue
            abbr = c.text
            letters = [ch for ch in abbr if ch.isupper() or ch.isdigit()]
            if len(letters) < 2:
                continue
            # words before the parenthesis
            i = bisect_right(tok_starts, c.start - 2) - 1
            words: list[_Tok] = []
            while i >= 0 and len(words) < len(abbr) + 3:
                if toks[i].end > c.start - 1:
                    i -= 1
                    continue
                gap = work[toks[i].end : (words[0].start if words else c.start - 1)]
                if gap.strip(" \t") and gap != "-":
                    break
                words.insert(0, toks[i])
                i -= 1
            if not words:
                continue
            best = None
            loose = None
            target = "".join(ch for ch in abbr if ch.isalpha()).casefold().removesuffix("s") if not abbr.isupper() else abbr.casefold().removesuffix("s")
            target = _NOT_LOWER_ALNUM.sub("", target)
            if not target:
                continue
            for k in range(len(words)):
                span = words[k:]
                if not span[0].text[:1].isalpha() or span[0].text.casefold() in {"the", "a", "an", "of", "and", "for"}:
                    continue
                if span[0].text[0].casefold() != target[0]:
                    continue
                initials = "".join(
                    "".join(p[0] for p in w.text.split("-") if p) for w in span
                ).casefold()
                # (the capitals are read only when the initials do not match: the same test, "or" short-circuits)
                if initials.startswith(target) or "".join(ch for ch in "".join(w.text for w in span) if ch.isupper()).casefold() == target:
                    best = span
                    break
                if len(target) >= 3 and _subseq(target, "".join(w.text for w in span).casefold()) and span[0].text[0].casefold() == target[0]:
                    loose = span  # letters in order: keep the shortest such span
            best = best or loose
            if best:
                c.long_form = (best[0].start, best[-1].end)
