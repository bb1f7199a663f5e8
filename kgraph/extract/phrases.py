"""Names made of plain words that their context marks as names.

"Chatbot Arena", "the Visual Genome dataset" (a capitalised phrase a type noun
ends or follows), "Stable Diffusion 2.1", "Midjourney v5" (capitalised words
and a release number), "COCO, Visual Genome, and SBU Captions" (capitalised
items of a list that holds a name), "Gopher (280B)" (a parameter count in
parentheses: a model) and "Codex (code-davinci-002)" (a checkpoint id in
parentheses after a name: a model of its own).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .candidates import MODEL, _Cand
from .lexicon import Lexicon, _noun_types
from .scan import _occurrences
from .tokens import _LANGUAGE_WORD, _NUMBERISH, _PHRASE_SKIP, _POSSESSIVE, _TASK_SUFFIX, _TASK_WORDS, _YEAR, _Tok, _shape

# --- capitalised phrases a type noun names ----------------------------------------------

# a capitalised word of a name ("Visual", "Genome", "SEED-Bench")
_NAME_WORD = r"(?:[A-Z][\w'^]*(?:-[\w'^]+)*)"
# the same, not glued to a word before it: the same matches as (?<![\w\-])_NAME_WORD, but the
# look-behind after the capital lets the regex engine skip ahead to capitals (much faster scans)
_NAME_WORD_FREE = r"(?:[A-Z](?<![\w\-].)[\w'^]*(?:-[\w'^]+)*)"
_NOUN_NAMED = re.compile(
    r"(%s(?: (?:%s|V?\d+(?:\.\d+)*))*)(?: \d+(?:\.\d+)?[kKMBT](?= (?:corpus|corpora|datasets?)\b))? (Benchmark|Challenge|challenge|Arena|arena|Leaderboard|Corpus|Dataset|Suite|"
    r"benchmarks?|datasets?|corpus|corpora|database|treebank|data set|test set|dev set|validation set|test split)\b" % (_NAME_WORD_FREE, _NAME_WORD)
)
# every match of _NOUN_NAMED ends in one of these (its type noun after a space), and holds none of the
# _NOUN_NAMED_STOPS before it (its words, numbers and single spaces have no such character; a "." only
# between digits); it starts at a capital no word character or hyphen comes before (_FREE_CAPITAL)
_NOUN_NAMED_HEADS = (" Benchmark", " Challenge", " challenge", " Arena", " arena", " Leaderboard", " Corpus", " Dataset", " Suite", " benchmark",
                     " dataset", " corpus", " corpora", " database", " treebank", " data set", " test set", " dev set", " validation set", " test split")
_NOUN_NAMED_STOPS = (",", "(", ")", ";", ":", "\n", ". ")
_FREE_CAPITAL = re.compile(r"[A-Z](?<![\w\-].)")
_MATCH_START = re.Match.start


def _noun_named_matches(work: str, lo: int) -> Iterable[re.Match[str]]:
    """Yield what ``_NOUN_NAMED.finditer(work, lo)`` yields: the pattern is tried only at the capitals a match can start at.

    Those are the free capitals between each type noun and the last stop character before it (a regex
    scan of the whole text tries every capital; most are far from any type noun).
    """
    nouns = _occurrences(work, _NOUN_NAMED_HEADS, lo)
    if not nouns:
        return
    starts = []
    for q in nouns:
        b = lo
        for stop in _NOUN_NAMED_STOPS:
            k = work.rfind(stop, lo, q)
            if k >= b:
                b = k + 1
        starts.extend(map(_MATCH_START, _FREE_CAPITAL.finditer(work, b, q)))
    starts.sort()
    end = lo
    last = -1
    for p in starts:
        if p < end or p == last:
            continue
        last = p
        m = _NOUN_NAMED.match(work, p)
        if m is not None:
            yield m
            end = m.end()


# the type noun of a phrase _NOUN_NAMED matches (its last "s" cut: "corpus" is "corpu")
_PHRASE_NOUN_TYPE = _noun_types()["phrase_noun"]
_TYPE_NOUN_END = re.compile(r"(?:Benchmark|Challenge|Arena|Leaderboard|Corpus|Dataset|Suite)$")  # "... Question Answering Benchmark"
_LOWER_TAIL = re.compile(r"-[a-z]+$")  # "Transformer-based", "LM-generated": a modifier
_ABBREVIATION_AFTER = re.compile(r"\s*\([A-Z][\w\-]*\)")  # "... Corpus (HC3)": the phrase is an abbreviation's long form


# --- a release number after capitalised words -------------------------------------------

_CAPITAL_WORD = re.compile(r"^[A-Z][A-Za-z\-]*$")  # "Stable", "Common": a capitalised word before the number
_SCORED_NEXT_UNIT = re.compile(r"\s*(?:%|points?|dB|pp)\b|%")  # "Top 1.5 %": the number is a score


# --- capitalised list items beside a name ------------------------------------------------

# "COCO, Visual Genome, and SBU Captions": a list of capitalised items (each up to three words)
_TITLE_ITEM = re.compile(r"%s(?: %s){0,2}" % (_NAME_WORD, _NAME_WORD))
_TITLE_LIST = re.compile(
    r"%s(?: %s){0,2}(?:(?:,| and| or|, and|, or) %s(?: %s){0,2})+(?![\w\-])" % ((_NAME_WORD_FREE,) + (_NAME_WORD,) * 3)
)


# --- a parameter count or a checkpoint id in parentheses --------------------------------------

_PAREN_COUNT = re.compile(r" \(\d+(?:\.\d+)?[BM]\)")  # " (280B)"
# up to three capitalised words right before it: "Megatron-Turing NLG (530B)"
_SIZED_NAME_BACK = re.compile(r"(?<![\w\-])([A-Z][\w\-.]*\w(?: [A-Z][\w\-.]*\w){0,2})$")
# "Wikipedia (2.5B) and Books (1B) tokens": counts of data, not of parameters
_DATA_UNITS_AFTER = re.compile(r"(?:[^.;]{0,40}?\s)?(?:tokens|words|images|examples|samples|pairs|hours|documents|sentences)\b")
_PAREN_CHECKPOINT = re.compile(r" \(([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-\d{2,}[a-z0-9]*(?:-[a-z0-9]+)*)\)")  # " (code-davinci-002)"


class PhraseRules(Lexicon):
    """Candidates of plain words (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _phrase_names(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int], sent_starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        lo = self._title_end

        def add(s: int, e: int, etype: str | None, score: int) -> None:
            words = work[s:e].split()
            while words and (words[0] in _PHRASE_SKIP or words[0].casefold() in _PHRASE_SKIP or (len(words) > 1 and _POSSESSIVE.search(words[0]))):
                s += len(words[0]) + 1  # "Google's Bard": the owner is no part of the name
                words = words[1:]
            if len(words) == 2 and _LANGUAGE_WORD.match(words[0]) and _shape(words[1]) >= 2:
                s += len(words[0]) + 1  # "on English MT-Bench": the language of a subset is no part of the name
                words = words[1:]
            if not words or s < lo or (len(words) == 1 and _NUMBERISH.match(words[0])):
                return  # "Across 16 benchmarks": a count names nothing
            text = work[s:e]
            if any(_LOWER_TAIL.search(w) for w in words) or _ABBREVIATION_AFTER.match(work[e : e + 20]):
                return  # "Transformer-based", "LM-generated"; "... Corpus (HC3)" is an abbreviation's long form
            if len(words) == 1 and not _shape(text.replace("-", "")) and (s in sent_starts or _LANGUAGE_WORD.match(text) or text.casefold() in _PHRASE_SKIP):
                return
            if any(w.casefold() in _TASK_WORDS or _TASK_SUFFIX.search(w) for w in words[-1:]) and len(words) > 1 and not _TYPE_NOUN_END.search(text):
                return  # "Visual Question Answering": a task in capitals
            if self._stopped(text) or any(ts < e and te > s and not (s <= ts and te <= e and (ts, te) != (s, e)) for ts, te in taken):
                return
            ti = bisect_right(tok_starts, s) - 1
            tj = bisect_right(tok_starts, e - 1)
            if ti < 0 or toks[ti].start != s:
                return
            c = _Cand(s, e, text, ti, tj, 1)
            if etype is not None:
                c.set_type(etype, score)
            c.none = False
            out.append(c)
            taken.append((s, e))

        for m in _noun_named_matches(work, lo):
            noun = m.group(2)
            etype = _PHRASE_NOUN_TYPE[noun.casefold().rstrip("s")]
            if noun[:1].isupper():
                add(m.start(1), m.end(2), etype, 3)
            else:
                add(m.start(1), m.end(1), etype, 3)
        # "Stable Diffusion 2.1", "Midjourney v5", "Common Voice 13.0": a release number after capitalised words
        for k in self._release_at:  # the tokens whose text is a release number (see _token_code)
            t = toks[k]
            if k < 1 or t.start < lo or work[toks[k - 1].end : t.start] != " ":
                continue
            if _YEAR.match(t.text) or _SCORED_NEXT_UNIT.match(work, t.end):
                continue  # "ImageNet 2012" (a year), "Top 1.5 %" (a score)
            a = k
            while a > 0 and k - a < 3 and work[toks[a - 1].end : toks[a].start] == " " and _CAPITAL_WORD.match(toks[a - 1].text) and (
                toks[a - 1].text.casefold() not in _PHRASE_SKIP and not _LANGUAGE_WORD.match(toks[a - 1].text)
            ):
                a -= 1
            words = k - a
            if a > 0 and toks[a - 1].text == "The":
                continue  # "in The Stack v2": the article may be part of the name, which add() would cut
            if not words or any(ts < t.start and te > toks[a].start for ts, te in taken):
                continue  # "Llama 2": a name found already takes its version when extended
            if words == 1 and (toks[a].start in sent_starts or toks[a].text.casefold() in self.english or t.text[0] not in "vV"):
                continue  # "Version 2.1", "Python 3.10": one word and a number (but "Midjourney v5")
            add(toks[a].start, t.end, None, 0)
        # list items next to a name
        anchors = {(c.start, c.end) for c in cands if c.strength >= 1 or c.gaz}
        strong = None
        for m in _TITLE_LIST.finditer(work, lo):
            items = [(it.start(), it.end()) for it in _TITLE_ITEM.finditer(m.group(), 0)]
            items = [(m.start() + a, m.start() + b) for a, b in items]
            if len(items) < 2:
                continue
            if not any(any(a <= s and e <= b for s, e in anchors) for a, b in items):
                continue
            if strong is None:  # (cands do not change in this loop)
                strong = [(c.start, c.end) for c in cands if c.strength >= 2]
            for a, b in items:
                if any(a <= s and e <= b for s, e in strong):
                    continue
                add(a, b, None, 0)
        return out

    def _size_named(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int]) -> list[_Cand]:
        """Return candidates for plain-word names a parameter count in parentheses follows, whatever their shape.

        "outperforms Gopher (280B), GPT-3 (175B) and Megatron-Turing NLG (530B)", "We release Tidal-Small (38M)":
        only a model has a parameter count (typed in :meth:`_type_from_context` by ``_PAREN_SIZE``).
        """
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        hits = []
        pos = work.find(" (", self._title_end)
        while pos >= 0:
            p = _PAREN_COUNT.match(work, pos)
            if p:  # " (280B)": look back for the name from each such parenthesis (a scan of the whole text is slow)
                h = _SIZED_NAME_BACK.search(work, max(self._title_end, pos - 60), pos)
                if h:
                    hits.append((h, p.end()))
            pos = work.find(" (", pos + 1)
        for m, m_end in hits:
            s, e = m.span(1)
            a = bisect_right(tok_starts, s) - 1
            b = bisect_right(tok_starts, e - 1)
            if a < 0 or toks[a].start != s or toks[b - 1].end != e or self._stopped(m.group(1)):
                continue
            if _DATA_UNITS_AFTER.match(work, m_end):
                continue  # "Wikipedia (2.5B) and Books (1B) tokens": counts of data
            if any(ts < e and te > s for ts, te in taken):
                continue
            out.append(_Cand(s, e, m.group(1), a, b, 1))
            taken.append((s, e))
        return out

    def _checkpoint_named(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int]) -> list[_Cand]:
        """Return models for lowercase checkpoint ids in parentheses after a name.

        "We evaluate Codex (code-davinci-002)", "GPT-3 (text-davinci-002)": a specific checkpoint of the named
        family, a model of its own (the id's shape alone is no name: it is a lowercase word with a number).
        """
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        pos = work.find(" (", self._title_end)
        while pos >= 0:
            m = _PAREN_CHECKPOINT.match(work, pos)
            if m and pos > 0 and (work[pos - 1].isalnum() or work[pos - 1] == "+"):
                s, e = m.span(1)
                a = bisect_right(tok_starts, s) - 1
                b = bisect_right(tok_starts, e - 1)
                if a >= 0 and toks[a].start == s and toks[b - 1].end == e and not any(ts < e and te > s for ts, te in taken) and not self._stopped(m.group(1)):
                    c = _Cand(s, e, m.group(1), a, b, 1)
                    c.set_type(MODEL, 3)
                    out.append(c)
                    taken.append((s, e))
            pos = work.find(" (", pos + 1)
        return out
