"""The rule recognizer: find named models, datasets and benchmarks in a text.

Data contract: :meth:`Recognizer.find` takes one paper's text (title, blank
line, abstract) and returns :class:`Found` records, one per entity, each with
its canonical name, type (``Model``, ``Dataset``, ``Benchmark``), aliases, the
``(start, end)`` character spans of its mentions, an ``introduced`` flag and,
for sized variants, a ``family``.

The rules rest on evidence that holds in any abstract, in this order:

1. candidates are *name-shaped* tokens (inner capitals, letters mixed with
   digits: ``GPT-4``, ``ChatGLM``, ``T5``), gazetteer hits (lists built from
   public packages by ``scripts/build_gazetteers.py``; lowercase hits only as
   members of a list of known names, "Hellaswag, arc, boolq and piqa"), title
   heads (``"Dolma: an Open Corpus ..."``), abbreviation definitions
   (``"Holistic Evaluation of Language Models (HELM)"``) and names of any
   shape that a defining phrase introduces ("a new corpus of generics,
   Gen-A-Tomic", "Tele-Data, a comprehensive dataset", "a model called X",
   "refer to the resulting model as X", 'we build a "Large Concept Model"');
2. versions, sizes and variant words attached to a name extend it
   (``Llama 3 8B``, ``GPT-4 Turbo``, ``CamemBERT base``);
3. a type comes from, strongest first: "our ... X model" (the paper calls
   its artifact a model), a defining phrase ("X, a new benchmark", "a new
   dataset, X", "a model called X", whose head is the noun before the phrase's
   preposition: "a unified MLLM with the MoE architecture, named X"), a cue
   word next to the name ("the X dataset", "X-based", "+4.9% on X"), the
   name's own morphemes (``-Bench``, ``-Eval``, ``...BERT``, ``...GPT``), the
   gazetteers, and coordination (in "on X, Y and Z" untyped members take the
   type of their neighbours; items of a list a plural type noun heads, "4
   benchmarks (A, B-C, Block Pushing and D)", take its type whatever their
   shape); a title calling a name a benchmark outweighs "X, a dataset";
4. stop lists of general ML vocabulary (metrics, methods, libraries,
   companies, generic classes such as ``LLMs``), "framework/method" defining
   phrases ("our approach, X", "a masking strategy, Long Form (X)"), lists of
   examples of methods ("approaches such as X, Y and Z"), a title that spells
   out its head ("IAA: Inner-Adaptor Architecture ...") and variants defined as
   methods ("One is called DetectLLM-LRR": ``DetectLLM`` too) rule names out;
5. ``introduced`` marks the paper's own artifacts: title heads, names after
   "we introduce/propose/release ..." (not after "for/to", nor in "our model
   outperforms X"), "a new/our/the resulting <noun>, X", "X and Y are novel
   datasets", "X, a new ...", "the X model is available at <link>", and names
   built on an introduced name ("Echo-Mistral-SPLADE").

Where each part lives (each module's docstring says what it decides):

- :mod:`~kgraph.extract.tokens`: tokens, sentences, :func:`name_key`, how name-like a token looks;
- :mod:`~kgraph.extract.lexicon`: the pattern files and what they say of a name (gazetteers,
  stop list, morphemes), and the tokenizer's token codes;
- :mod:`~kgraph.extract.candidates`: the candidate record and the three types;
- :mod:`~kgraph.extract.names`: gazetteer hits, name-shaped tokens, versions and sizes (1, 2);
- :mod:`~kgraph.extract.phrases`: plain-word names their context marks ("Chatbot Arena");
- :mod:`~kgraph.extract.definitions`: names defining phrases introduce, abbreviations;
- :mod:`~kgraph.extract.lists`: lists, coordination, the objects of model verbs;
- :mod:`~kgraph.extract.titles`: the title head and its type;
- :mod:`~kgraph.extract.context`: the type the words around a mention give it (3, 4);
- :mod:`~kgraph.extract.introduced`: the ``introduced`` flag (5);
- :mod:`~kgraph.extract.resolve`: one type per name across its mentions and variants;
- this module: :class:`Recognizer`, which runs them in order, and :class:`Found`.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .candidates import BENCHMARK, DATASET, MODEL, _Cand
from .context import _NAME_TAIL_TYPE, ContextRules
from .definitions import DefinitionRules
from .introduced import IntroducedRules
from .lexicon import _MODEL_NOUN, _RELEASE, _cues, _flagged, _read_lines, _read_tsv
from .lists import ListRules
from .names import NameRules
from .phrases import PhraseRules
from .resolve import ResolutionRules
from .titles import TitleRules
from .tokens import _family_of, _sentence_breaks, name_key, sentence_spans

__all__ = ["Found", "Recognizer", "load_recognizer", "name_key", "sentence_spans"]
# also imported from here (kgraph.extract.learned, the tests): MODEL, DATASET, BENCHMARK, _read_lines, _read_tsv, _cues

_MATCH_END = re.Match.end


@dataclass
class Found:
    """One entity found in a text, with the spans of all its mentions."""

    name: str
    type: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    family: str | None = None


class Recognizer(NameRules, PhraseRules, DefinitionRules, ListRules, TitleRules, ContextRules, IntroducedRules, ResolutionRules):
    """Find models, datasets and benchmarks in a text with rules and word lists.

    Each base class is one family of rules (its module says what it decides); :meth:`find` runs them in order.

    >>> rec = load_recognizer()
    >>> [(f.name, f.type) for f in rec.find("Results on MMLU, GSM8K and HumanEval show that GPT-4 wins.")]
    [('MMLU', 'Benchmark'), ('GSM8K', 'Benchmark'), ('HumanEval', 'Benchmark'), ('GPT-4', 'Model')]
    """

    def __init__(self, **word_lists: Any) -> None:
        """Take the word lists as :class:`~kgraph.extract.lexicon.Lexicon` does (keyword arguments)."""
        super().__init__(**word_lists)
        # the state of one text, which the rule families share (set on the copy find() makes)
        self._title_end = 0  # where the title ends
        self._title_noun = ""  # the title noun that typed the title head (titles.py)
        self._listed: list[tuple[int, int, str, bool]] = []  # items of lists a plural type noun heads (lists.py)
        self._model_noun_at: list[int] = []  # indices of the tokens that are model nouns
        self._release_at: list[int] = []  # indices of the tokens that are release numbers
        self._usage_text: str | None = None  # the text of _usage_memo
        self._usage_memo: dict[tuple[int, int], str | None] = {}  # sentence span -> _usage (context.py)

    def find(self, text: str) -> list[Found]:
        """Return the entities of ``text``, in order of first mention.

        Re-entrant: the state of one text (where its title ends, its lists, its
        model nouns...) lives on a shallow copy made for the call, so threads can
        share a recognizer; the copy shares the read-only tables and the caches
        of pure functions.
        """
        return copy.copy(self)._find(text)

    def _find(self, text: str) -> list[Found]:
        work = text.replace("~", " ")
        title_end = work.find("\n\n")
        self._title_end = title_end if title_end >= 0 else 0  # no blank line: no title
        title = work[: title_end if title_end >= 0 else len(work)]
        toks, code_bytes, tok_starts = self._tokenize(work)
        if not toks:
            return []
        sent_starts = [0, *map(_MATCH_END, _sentence_breaks(work))]
        masked = self._url_mask(work)
        initial = {bisect_right(tok_starts, s - 1) for s in sent_starts}  # the sentences' first tokens
        # 1. names the gazetteer knows, longest first (names.py)
        cands, used = self._gazetteer_names(toks, code_bytes, work, masked, initial)
        self._model_noun_at = _flagged(code_bytes, _MODEL_NOUN)
        self._release_at = _flagged(code_bytes, _RELEASE)
        # 2. name-shaped tokens (names.py)
        cands.extend(self._shaped_names(toks, code_bytes, work, masked, used))
        # 3. the title head ("Name: ...") even when not name-shaped (titles.py)
        cands.extend(self._title_head_name(cands, toks, title, tok_starts))
        # 3b. capitalised phrases named by a type noun ("Chatbot Arena", "the Visual Genome dataset") and capitalised
        #     items of a list that holds a name ("COCO, Visual Genome, and SBU Captions") (phrases.py), names a
        #     defining phrase gives (definitions.py), items of lists a type noun heads (lists.py), names a parameter
        #     count or a checkpoint id in parentheses follows (phrases.py)
        sent_set = set(sent_starts)
        cands.extend(self._phrase_names(cands, toks, work, tok_starts, sent_set))
        cands.extend(self._defined_names(cands, toks, work, tok_starts, sent_set))
        cands.extend(self._listed_names(cands, toks, work, tok_starts, sent_set))
        if "B)" in work or "M)" in work:
            cands.extend(self._size_named(cands, toks, work, tok_starts))
        if "-0" in work or "-1" in work or "-2" in work:
            cands.extend(self._checkpoint_named(cands, toks, work, tok_starts))
        cands.sort(key=lambda c: c.start)
        # 4. extend with versions, sizes and variant words (names.py)
        cands = [self._extend(c, toks, work) for c in cands]
        cands = self._drop_overlaps(cands)
        # 5. abbreviation definitions: "Long Form Words (ABBR)" (definitions.py)
        self._abbreviations(cands, toks, work, tok_starts)
        # 6. other mentions of names seen once (plain-word names such as title heads) (names.py)
        cands = self._propagate_mentions(cands, toks, work)
        # 7. typing: the context of each mention (context.py), lists (lists.py), the title (titles.py)
        for c in cands:
            self._type_from_context(c, toks, work)
        if self._listed:
            self._type_listed(cands)
        self._title_head(cands, work, title)
        cands = self._lowercase_list_items(cands, toks, work)
        self._coordination(cands, work)
        self._model_objects(cands, work)
        self._type_by_use(cands, work)  # a dataset evaluated on is a benchmark, a benchmark trained on a dataset (context.py)
        # 8. one type per name (resolve.py), then what the paper introduces (introduced.py)
        self._share_types(cands)  # "This paper presents E5, a family of ...": later mentions type the first
        self._variant_types(cands)  # "AbdoFound-B and AbdoFound-L" after the model "AbdoFound"
        self._family_of_sized(cands)  # "Kestrel: ... Instruction Tuning" before the models "Kestrel-7B" and "Kestrel-13B"
        self._introduced(cands, work, sent_starts)
        self._introduced_parts(cands, work, sent_starts)
        return self._group(cands, work)

    def _group(self, cands: list[_Cand], work: str) -> list[Found]:
        """Return one :class:`Found` per name: its typed mentions, plurals, abbreviations and their long forms
        merged, a model's family set, in order of first mention."""
        self._resolve(cands)
        by_key: dict[str, Found] = {}
        order: list[str] = []
        long_forms: list[tuple[Found, tuple[int, int]]] = []
        for c in cands:
            if c.type is None or c.none or self._stopped(c.text):
                continue
            name = c.text
            k = name_key(name)
            if not k:
                continue
            found = by_key.get(k)
            if found is None and k.endswith("s") and k[:-1] in by_key:
                k = k[:-1]
                found = by_key[k]
            if found is None:
                plural = k + "s"
                if plural in by_key:
                    found = by_key.pop(plural)
                    order[order.index(plural)] = k
                    found.aliases.append(found.name)
                    found.name = name
                    by_key[k] = found
            if found is None:
                found = Found(name=name, type=c.type)
                by_key[k] = found
                order.append(k)
            elif name != found.name and name not in found.aliases:
                found.aliases.append(name)
            found.spans.append((c.start, c.end))
            found.introduced = found.introduced or c.introduced
            if c.long_form and not any(f is found for f, _ in long_forms):
                long_forms.append((found, c.long_form))
        # long forms of abbreviations are aliases and mentions
        for found, (s, e) in long_forms:
            lf = work[s:e]
            lk = name_key(lf)
            if lk in by_key and by_key[lk] is not found:
                other = by_key.pop(lk)
                order.remove(lk)
                found.spans.extend(other.spans)
                found.introduced = found.introduced or other.introduced
            if lf not in found.aliases:
                found.aliases.append(lf)
            found.spans.append((s, e))
        # "The Belebele Benchmark" and "Belebele": a name with its type noun and without it are one entity
        for k in list(order):
            f = by_key.get(k)
            if f is None or " " not in f.name or f.name.rsplit(" ", 1)[1] not in _NAME_TAIL_TYPE:
                continue
            bare = name_key(f.name.rsplit(" ", 1)[0])
            other = by_key.get(bare)
            if other is not None and other is not f and other.type in (DATASET, BENCHMARK):
                del by_key[bare]
                order.remove(bare)
                f.spans.extend(other.spans)
                f.introduced = f.introduced or other.introduced
                for a in [other.name, *other.aliases]:
                    if a not in f.aliases and a != f.name:
                        f.aliases.append(a)
        out = []
        for k in order:
            f = by_key[k]
            f.spans = sorted(set(f.spans))
            fam = _family_of(f.name) if f.type == MODEL else None  # (kept only for a model: no need to compute it otherwise)
            if fam and f.type == MODEL:
                f.family = fam
            out.append(f)
        # a sized variant of an introduced family is introduced too, and so is a name
        # built on an introduced one ("Echo-Mistral-SPLADE" after "Mistral-SPLADE")
        intro = {name_key(f.name) for f in out if f.introduced}
        intro_names = [f.name for f in out if f.introduced and "-" in f.name]
        for f in out:
            if f.family and name_key(f.family) in intro:
                f.introduced = True
            elif f.type == MODEL and any(f.name != n and (f.name.endswith("-" + n) or f.name.startswith(n + "-")) for n in intro_names):
                f.introduced = True
        out.sort(key=lambda f: f.spans[0])
        return out


@lru_cache(maxsize=1)
def load_recognizer() -> Recognizer:
    """Return the recognizer built from the shipped pattern files (cached)."""
    gaz: list[tuple[str, str]] = []
    for fname, etype in (("models.tsv", MODEL), ("benchmarks.tsv", BENCHMARK), ("datasets.tsv", DATASET)):
        gaz.extend((name, etype) for name, _src in _read_tsv(fname))
    morphemes = [(m, {"model": MODEL, "benchmark": BENCHMARK, "dataset": DATASET}[t]) for m, t in _read_tsv("morphemes.tsv")]
    # model family names work as stems inside longer names ("TinyLlama", "ML-Mamba")
    morphemes += [(name, MODEL) for name, etype in gaz if etype == MODEL and len(name) >= 4 and name[0].isupper() and name.isalpha() and not name.isupper()]
    return Recognizer(
        gazetteer=list(gaz),
        stoplist=_read_lines("stoplist.txt"),
        morphemes=morphemes,
        english=_read_lines("english.txt"),
    )
