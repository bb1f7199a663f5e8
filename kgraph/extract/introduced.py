"""Which names are the paper's own artifacts (``introduced``).

Title heads (:mod:`kgraph.extract.titles`), names after "we introduce /
propose / release ..." (not after "for/to", nor in "our model outperforms X"),
"a new / our / the resulting <noun>, X", "X and Y are novel datasets", "X, a new
...", "we obtain X", "the X model is available at <link>", the parts of a new
resource ("X includes the Y corpus"); a known model family used by the paper
("a BERT-style encoder", "our fine-tuned BioGPT") is not introduced.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidates import BENCHMARK, DATASET, _Cand
from .definitions import _DEF_BEFORE_TAIL, _RELEASED_AS, _may_be_def_before_tail, _naming_before
from .lexicon import Lexicon
from .scan import _matches_at
from .tokens import _SIZE, _WORD, name_key

# --- "X, a ..., and Y, a ..."; "a BERT-style encoder" --------------------------------------------

_AND_BEFORE = re.compile(r",?\s+and\s+$")  # "..., and Y"
_APPOSITIVE_START = re.compile(r",\s+an?\s")  # "X, a ..."
_MODIFIER_AFTER = re.compile(r"[\s\-](?:based|like|style|series|family|inspired|derived)\b", re.I)  # "a BERT-style encoder": used, not made
_SERIES_AFTER = re.compile(r"\s+(?:series|family)\b")  # "introduces the Qwen2 series"
_INTRODUCES_BEFORE = re.compile(r"\bintroduces?\s+(?:the\s+)?$")


# --- a naming or defining phrase before the name ------------------------------------------------

_PLURAL_NAMELY = re.compile(r"\b[a-z]{3,}[^s\W]s\s*,?\s*namely\s*[:,]?\s*$")  # "benchmarks, namely"
_NEW = re.compile(r"\b(?:new|novel|our|first|proposed|resulting)\b", re.I)  # words that mark the paper's own artifact


# --- "we introduce / propose / release ..." before the name in its sentence ------------------------

_INTRO_VERB = re.compile(
    r"\b(?:we|this (?:paper|work|report|study)|here,? we|in this (?:paper|work),? we|our (?:work|paper))\s+"
    r"(?:also\s+|further\s+|first\s+|then\s+|additionally\s+|hereby\s+|finally\s+|now\s+|are\s+(?:also\s+)?(?=\w+ing\b))?"
    r"(?:(?:introduc|propos|releas|creat|open-?sourc|curat|describ|contribut|provid)(?:e[sd]?|ing)|"
    r"(?:present|develop|build|construct|train|pre-?train|collect|design|offer|unveil|launch|establish)(?:s|ing)?)\b",
    re.I,
)
_INTRO_GERUND = re.compile(
    r"\b(?:by|after|while)\s+(?:first\s+)?(?:introduc|propos|present|releas|develop|build|construct|creat|curat|collect|design)ing\b", re.I
)
# every match of _INTRO_VERB and _INTRO_GERUND starts with one of its heads: see _matches_at
_INTRO_VERB_HEADS = ("we", "this", "here", "in this", "our")  # lowercase: _INTRO_VERB ignores case
_INTRO_GERUND_HEADS = ("by", "after", "while")
# the gerunds of _INTRO_GERUND (lowercase: it ignores case): every match holds one
_INTRO_GERUNDS = ("introducing", "proposing", "presenting", "releasing", "developing", "building", "constructing", "creating", "curating",
                  "collecting", "designing")
_VERSION_OF_BEFORE = re.compile(r"\b(?:versions?|variants?|extensions?|adaptations?|successors?) of (?:the\s+)?$")  # "two new versions of the CamemBERT base model"
_FINE_TUNED = re.compile(r"\bfine-?tuned\b")  # "our fine-tuned BioGPT-Large": a known model used, not made
# words between the verb and the name that make the name no object of the verb ("we propose X using Y")
_NOT_OBJECT_WORD = re.compile(r"\b(?:using|with|on|in|from|than|by|over|against|via|based on|like|such as|including|which|who|whose)\b", re.I)
_PURPOSE_WORD = re.compile(r"\b(?:for|to|into)\b")  # "we propose a method for X" (before the first capitalised word)
_CAPITAL_START = re.compile(r"(?<![\w\-])[A-Z]")  # the first capitalised word
# "we obtain X": a making verb right before an unknown name (at most two words between)
_MAKE_VERB = re.compile(
    r"\bwe\s+(?:also\s+|thus\s+|then\s+|further\s+)?(?:obtain|produce|compile|assemble|annotate|derive|synthesi[sz]e)(?:d)?\s+(?:[\w\-]+\s+){0,2}$", re.I
)
# one of which _MAKE_VERB needs (a pre-check on the lowercased clause)
_MAKE_VERB_STEMS = ("obtain", "produce", "compile", "assemble", "annotate", "derive", "synthesi")


# --- after the name: "X, a new ...", "X is available at <link>", "X and Y are novel ..." ------------------

_NEW_APPOSITIVE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?,\s*(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:new|novel|first)\b", re.I)
_TYPED_APPOSITIVE_AFTER = re.compile(r",\s+(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:model|llm|lm|benchmark|dataset|corpus|suite)\b", re.I)  # in a title
_AVAILABLE_AT_AFTER = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:is|are|will be|has been|have been)\s+(?:publicly\s+|freely\s+|openly\s+|now\s+)?(?:available|released|open-sourced)\s+(?:at|on|from|via|in)\s+(?:https?://|www\.|github|hugging)", re.I)
_ARE_NEW_AFTER = re.compile(r"(?:\s*(?:,|and|, and)\s+[\w\-]+)*\s+(?:is|are)\s+(?:a\s+|an\s+)?(?:new|novel)\b")


# --- "our (new) X" ----------------------------------------------------------------------------

_OUR_WORDS_BEFORE = re.compile(r"\b(?:our|the proposed|our proposed)\s+((?:[\w\-]+,?\s+){0,2})$", re.I)
# words between "our" and the name of the paper's own artifact ("our new model, X")
_OUR_WORDS = {"new", "novel", "proposed", "own", "final", "best", "largest", "smallest", "open", "open-source", "pre-trained",
              "pretrained", "fine-tuned", "finetuned", "resulting", "released", "trained", "first", "language", "multilingual"}


# --- the parts of a new resource --------------------------------------------------------------

_PARTS_VERB = re.compile(r"\s+(?:includes|contains|consists of|comprises|is composed of|is made up of)\s")


class IntroducedRules(Lexicon):
    """The ``introduced`` flag (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _introduced(self, cands: list[_Cand], work: str, sent_starts: list[int]) -> None:
        prev: _Cand | None = None  # the last typed candidate, for "X, a ..., and Y, a ..."
        for c in cands:
            if c.type is None or c.none:
                continue
            last, prev = prev, c
            if (
                last is not None
                and last.introduced
                and _AND_BEFORE.search(work[max(0, c.start - 8) : c.start])
                and _APPOSITIVE_START.match(work[c.end : c.end + 5])
                and _APPOSITIVE_START.match(work[last.end : last.end + 5])
            ):
                c.introduced = True  # "creating Tele-Data, a ... dataset ..., and Tele-Eval, a ... dataset"
                continue
            if _MODIFIER_AFTER.match(work, c.end) and not (
                _SERIES_AFTER.match(work[c.end : c.end + 10]) and _INTRODUCES_BEFORE.search(work[max(0, c.start - 20) : c.start])
            ):
                continue  # "a BERT-style encoder": the family is used, not introduced (but "introduces the Qwen2 series")
            before = work[max(0, c.start - 160) : c.start]
            blow = before.lower() if before.isascii() else None  # for exact word pre-checks (None: no pre-check)
            sent_start = sent_starts[bisect_right(sent_starts, c.start) - 1]
            clause = work[sent_start : c.start]
            if _naming_before(before) and not _PLURAL_NAMELY.search(before):
                c.introduced = True  # not "on four benchmarks, namely X": a plural lists what exists
                continue
            if before[-3:].rstrip().endswith("as") and _RELEASED_AS.search(before) and not c.gaz:
                c.introduced = True  # "which we release as X"
                continue
            m = _DEF_BEFORE_TAIL.search(before) if before.rstrip().endswith((",", "namely")) and _may_be_def_before_tail(before) else None
            if m and _NEW.search(m.group()) and not (c.gaz or self._known_model(c.text)):
                c.introduced = True  # "a new corpus of generics, X", "our model, X"
                continue
            v = None
            # cheap exact pre-checks on ASCII text: each pattern needs one of these words
            low = clause.lower() if clause.isascii() else None
            # (on ASCII text the patterns are tried only where a word they start with occurs)
            if low is None:
                for v in _INTRO_VERB.finditer(clause):
                    pass
                for v in _INTRO_GERUND.finditer(clause, v.end() if v is not None else 0):
                    pass
            else:
                for v in _matches_at(_INTRO_VERB, clause, 0, _INTRO_VERB_HEADS, low):
                    pass
                if any(g in low for g in _INTRO_GERUNDS):  # (every match holds one: no need to look for the heads otherwise)
                    for v in _matches_at(_INTRO_GERUND, clause, v.end() if v is not None else 0, _INTRO_GERUND_HEADS, low):
                        pass
            if v is not None:
                between = clause[v.end() :]
                if _VERSION_OF_BEFORE.search(between) or (
                    _FINE_TUNED.search(between) and self._known_model(c.text)
                ):
                    pass  # "two new versions of the CamemBERT base model", "our fine-tuned BioGPT-Large": used, not made
                elif len(between.split()) <= 10 and not _NOT_OBJECT_WORD.search(between) and not _PURPOSE_WORD.search(_CAPITAL_START.split(between, maxsplit=1)[0]):
                    c.introduced = True
                    continue
            after = work[c.end : c.end + 80]
            if (low is None or ("we" in low and any(w in low for w in _MAKE_VERB_STEMS))) and _MAKE_VERB.search(clause) and not (c.gaz or self._known_model(c.text)):
                c.introduced = True  # "we obtain DIMSUM+, a high-quality dataset"
                continue
            if _NEW_APPOSITIVE_AFTER.match(after):
                c.introduced = True
                continue
            if c.start < self._title_end and _TYPED_APPOSITIVE_AFTER.match(after):
                c.introduced = True  # title "Train X, A Large-Scale Generative Language Model"
                continue
            if _AVAILABLE_AT_AFTER.match(after):
                c.introduced = True  # "The pre-trained MCL model is available at https://..."
                continue
            if _ARE_NEW_AFTER.match(after):
                c.introduced = True  # "X and Y are novel datasets"
                continue
            m = _OUR_WORDS_BEFORE.search(before) if blow is None or "our" in blow or "proposed" in blow else None
            if m and c.score >= 2 and all(w.casefold() in self.noun_type or w.casefold() in _OUR_WORDS or _SIZE.match(w) for w in _WORD.findall(m.group(1))):
                c.introduced = True

    def _introduced_parts(self, cands: list[_Cand], work: str, sent_starts: list[int]) -> None:
        """Mark the datasets and benchmarks a new resource is made of as introduced too.

        "LLMDetect includes the Hybrid News Detection Corpus (HNDC) ..., as well as DetectEval".
        """
        intro = {name_key(c.text) for c in cands if c.introduced and not c.none and c.type in (DATASET, BENCHMARK)}
        if not intro:
            return
        for c in cands:
            if name_key(c.text) not in intro or not _PARTS_VERB.match(work, c.end):
                continue
            end = bisect_right(sent_starts, c.end)
            stop = sent_starts[end] if end < len(sent_starts) else len(work)
            for o in cands:
                if c.end < o.start < stop and o.type in (DATASET, BENCHMARK) and not o.none:
                    o.introduced = True
