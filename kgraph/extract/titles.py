"""What a title says of its head name: "Dolma: an Open Corpus of Three Trillion Tokens ...".

The head of a title ("Name: description") is a candidate even when it is a
plain word, and the description types it: its first type noun ("... Open
Corpus": a dataset; "... Language Model": a model), unless a process or method
word comes first ("X: Efficient Finetuning of ...", "X: a Framework for ...").
A head whose description spells it out ("IAA: Inner-Adaptor Architecture")
takes the type of the spelled-out noun. A typed title head is introduced.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidates import BENCHMARK, MODEL, _Cand
from .lexicon import Lexicon, _noun_types
from .tokens import _Tok

_TITLE_HEAD_NAME = re.compile(r"\s*([^\W\d_][\w.+\-^' ]{0,40}?)\s*:\s")  # "Dolma: ...": the words before the colon
_TITLE_HEAD_AND_DESCRIPTION = re.compile(r"\s*([^:]{1,60}?)\s*:\s+(.*)")  # "Name: description"
_TITLE_WORD = re.compile(r"[\w\-']+")
_NOT_WORD_CHAR = re.compile(r"[^\w\-]")
# nouns of a title's description that type its head ("... Open Corpus"); read by the long-form rule of
# :mod:`kgraph.extract.context` too
_TITLE_NOUNS = _noun_types()["title_noun"]
# words of a description that call the head a method or a framework: no entity
_TITLE_NONE = {
    "framework", "method", "approach", "technique", "algorithm", "pipeline", "system", "toolkit", "library",
    "strategy", "paradigm", "architecture", "metric", "loss", "attack", "recipe", "mechanism", "procedure",
    "objective", "objectives", "optimization", "tuning", "fine-tuning", "finetuning", "distillation",
    "prompting", "decoding", "refinement", "alignment", "training", "pre-training", "pretraining", "learning",
    "routing", "selection", "generation", "detection", "representation", "tokenization", "sparsity",
}
# process words that say nothing of what the head is ("X: Representation Learning")
_TITLE_PROCESS = {"learning", "training", "pre-training", "pretraining", "fine-tuning", "finetuning", "tuning"}
# prepositions that end the description's head noun phrase
_TITLE_STOP = {"for", "with", "in", "on", "to", "from", "via", "by", "through", "at", "as", "beyond", "using", "towards", "toward", "into", "over", "under", "without"}


class TitleRules(Lexicon):
    """The title head and its type (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _title_head_name(self, cands: list[_Cand], toks: list[_Tok], title: str, tok_starts: list[int]) -> list[_Cand]:
        """Return the title head ("Dolma: an Open Corpus ...") as a candidate when it is one capitalised token
        that no candidate covers (a plain word, not name-shaped)."""
        head = _TITLE_HEAD_NAME.match(title)
        if head and len(head.group(1).split()) <= 3:
            hs, he = head.span(1)
            if not any(c.start < he and c.end > hs for c in cands):
                ti = bisect_right(tok_starts, hs) - 1 if bisect_right(tok_starts, hs) else 0
                tj = bisect_right(tok_starts, he - 1)
                if tj - ti == 1 and toks[ti].text[:1].isupper():
                    return [_Cand(toks[ti].start, toks[ti].end, toks[ti].text, ti, tj, 1)]
        return []

    def _title_type(self, desc: str) -> tuple[str | None, bool]:
        """Return the type the title's description gives its head name, and whether it gives one."""
        words = _TITLE_WORD.findall(desc.casefold())[:10]
        if not words:
            return None, False
        if words[0] in ("benchmarking", "evaluating", "benchmark"):
            return BENCHMARK, True
        if words[0] in ("how", "what", "why", "when", "where", "which", "who", "can", "do", "does", "is", "are", "should", "will"):
            return None, False  # a question, not a description of the name
        k = 1 if words[0] in ("a", "an", "the", "our") else 0
        found: tuple[str | None, bool] = (None, False)
        while k < len(words):
            w = words[k]
            if w in _TITLE_STOP or (w.endswith("ing") and k == 0):
                break  # "X: Pre-training Text Encoders as ...": what the paper does, not what X is
            if w in _TITLE_PROCESS:
                if k + 1 < len(words) and words[k + 1] == "of":
                    break  # "QLoRA: Efficient Finetuning of Quantized LLMs": the LLMs are the object
                k += 1
                continue  # "X: Representation Learning": a task, says nothing of what X is
            if w == "benchmark" and k + 1 < len(words) and words[k + 1] in ("dataset", "datasets", "suite"):
                return BENCHMARK, True
            if w in _TITLE_NOUNS:
                found = (_TITLE_NOUNS[w], True)
                self._title_noun = w
                if w == "family":
                    return found
            elif w in _TITLE_NONE and not found[1]:
                found = (None, True)
            elif w == "of" and found[1]:
                break
            k += 1
        return found

    def _title_long_form(self, name: str, desc: str) -> tuple[str | None, bool]:
        """Return the type the title gives an abbreviation it spells out: "IAA: Inner-Adaptor Architecture ..."."""
        letters = "".join(ch for ch in name if ch.isalpha())
        if not (2 <= len(letters) <= 8 and letters.isupper()):
            return None, False
        target = letters.casefold()
        words = desc.split()[: len(target) + 2]
        initials = caps = ""
        for k, w in enumerate(words):
            initials += w[:1].casefold()
            caps += "".join(ch for ch in w if ch.isupper()).casefold()
            if initials == target or caps == target:
                noun = _NOT_WORD_CHAR.sub("", w).casefold()
                if noun in _TITLE_NOUNS:
                    self._title_noun = noun
                    return _TITLE_NOUNS[noun], True
                if noun in _TITLE_NONE:
                    return None, True  # "IAA: Inner-Adaptor Architecture ...", "LML: Language Model Learning ..."
                return None, False
            if len(initials) > len(target) and len(caps) > len(target):
                break
        return None, False

    def _title_head(self, cands: list[_Cand], work: str, title: str) -> None:
        head = _TITLE_HEAD_AND_DESCRIPTION.match(title)
        if not head:
            return
        hs, he = head.span(1)
        in_head = [c for c in cands if c.start >= hs and c.end <= he and not self._stopped(c.text)]
        if not in_head:
            return
        single = len(in_head) == 1
        self._title_noun = ""
        etype, found = self._title_long_form(in_head[0].text, head.group(2)) if single else (None, False)
        if not found:
            etype, found = self._title_type(head.group(2))
        for c in in_head:
            if found:
                if single:
                    if etype == MODEL and c.score < 5:
                        # "X: ... Language Model" calls X a model; "X: ... Transformer" names an architecture,
                        # which outweighs "an encoder architecture" but not "a novel framework"
                        c.set_type(etype, 4 if self._title_noun in ("transformer", "encoder") else 5)
                    else:
                        c.set_type(etype, 4)
                elif c.type is None and not c.none:
                    c.set_type(etype, 1)
            if c.type is not None and not c.none:
                c.introduced = True
