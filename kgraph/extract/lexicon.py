"""What the shipped word lists say of a word or a name.

The pattern files in ``patterns/`` (gazetteers of known names, a stop list of
general ML vocabulary, name morphemes, English words, cue nouns and the
noun-to-type tables) are read here. :class:`Lexicon` holds them and answers,
for a name: is it stopped (a metric, a method, a generic class), what type do
the gazetteers give it or its family, what type do its morphemes give it
(``-Bench``, ``...BERT``, a parameter count). It also tokenizes a text: each
token gets a code, its shape strength and flags (may start a gazetteer name, is
a model noun, is a release number), from one cache of raw tokens.

The rule families (``names``, ``phrases``, ``definitions``, ``lists``,
``titles``, ``context``, ``introduced``, ``resolve``) are parts of the
:class:`~kgraph.extract.rules.Recognizer`, each a subclass of :class:`Lexicon`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import itemgetter

from .candidates import BENCHMARK, DATASET, MODEL
from .tokens import _TOKEN_SPLIT, _TOKEN_SPLIT_ASCII, _Tok, _family_of, _shape, _trim_token, name_key

# --- pattern files -----------------------------------------------------------------


def _read_lines(name: str) -> list[str]:
    path = resources.files("kgraph.extract") / "patterns" / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _read_tsv(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in _read_lines(name):
        parts = line.split("\t")
        rows.append((parts[0], parts[1] if len(parts) > 1 else ""))
    return rows


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[str]]:
    path = resources.files("kgraph.extract") / "patterns" / "cues.json"
    return json.loads(path.read_text(encoding="utf-8"))


_TYPES = {MODEL: MODEL, DATASET: DATASET, BENCHMARK: BENCHMARK}


@lru_cache(maxsize=1)
def _noun_types() -> dict[str, dict[str, str]]:
    """Return the noun-to-type tables of ``patterns/noun_types.tsv``, by table name (read once)."""
    tables: dict[str, dict[str, str]] = {}
    for line in _read_lines("noun_types.tsv"):
        table, noun, etype = line.split("\t")
        tables.setdefault(table, {})[noun] = _TYPES[etype]
    return tables


# --- token codes ---------------------------------------------------------------------

# nouns for a kind of model, plural ("pointmap regressors such as A and B": lists._MODEL_LIST_HEAD builds on these)
# and singular ("the in-context learner TabPFN v2"): their tokens carry the _MODEL_NOUN flag
_MODEL_ROLE_NOUNS = (
    "models|baselines|encoders|decoders|backbones|retrievers|rerankers|embedders|generators|detectors|classifiers|regressors|"
    "predictors|planners|policies|verifiers|judges|learners|segmenters|trackers|recognizers|vocoders|captioners|solvers|"
    "checkpoints|assistants|chatbots|networks|transformers|recommenders|LLMs|MLLMs|VLMs|LVLMs|LMMs|SLMs|LMs"
)
_MODEL_ROLE_SET = frozenset(_MODEL_ROLE_NOUNS.split("|"))
_MODEL_NOUN_SET = frozenset(
    "model baseline encoder decoder backbone retriever reranker embedder generator detector classifier regressor predictor planner "
    "policy verifier judge evaluator learner segmenter tracker recognizer vocoder captioner solver transformer checkpoint assistant "
    "chatbot teacher student LLM MLLM VLM LVLM LMM SLM llm mllm vlm lvlm lmm slm".split()
)
# token codes (:meth:`Lexicon._token_code`): the shape strength in the low bits, then a flag
_SHAPE_BITS = 3
_MAY_START_GAZ = 4
_MODEL_NOUN = 8  # a noun for a kind of model ("models", "regressors", "learner")
_RELEASE = 16  # a release number ("v1.5", "2.1": ``_RELEASE_NUMBER``)
# per flag, a bytes.translate table that maps a code to 1 if it has the flag, else to 0 (see _flagged)
_FLAG_TABLES = {flag: bytes(1 if v & flag else 0 for v in range(256)) for flag in (_SHAPE_BITS, _MAY_START_GAZ, _MODEL_NOUN, _RELEASE)}
_ENTRY_TEXT, _ENTRY_PACKED = itemgetter(0), itemgetter(4)
_DROPPED = ("", 0, 0, 2, 2 << 5)  # the entry (:meth:`Lexicon._word_entry`) of a raw token that trims to nothing
# an entry's code and fix packed in one byte (code | fix << 5: codes are below 32), and per packed byte its code and its fix
_CODE_OF = bytes(v & 31 for v in range(256))
_FIX_OF = bytes(v >> 5 for v in range(256))
_VERSION_FIRST = frozenset("vV123456789")
_RELEASE_NUMBER = re.compile(r"^(?:[vV]\d+(?:\.\d+)*|\d+\.\d+)$")  # "v1.5", "v5", "2.1", "13.0"


def _flagged(code_bytes: bytes, flag: int) -> list[int]:
    """Return the indices of the codes (as ``bytes``) that have ``flag`` (found by C code: few have)."""
    marks = code_bytes.translate(_FLAG_TABLES[flag])
    out = []
    k = marks.find(1)
    while k >= 0:
        out.append(k)
        k = marks.find(1, k + 1)
    return out


# --- names the word lists rule out or type ---------------------------------------------

_TASK_X_TO_Y = re.compile(r"^[A-Za-z][a-z]*(?:-[a-z]+)?-to-[A-Za-z][\w]*$")
_VERSION_LED = re.compile(r"^[vV]\d+(?:\.\d+)*(?:-[\w.]+)*$")
_SIZE_LETTER = re.compile(r"^[a-z]{1,2}-(.+)$")
_PARAM_SIZE_END = re.compile(r"[A-Za-z][\w.]*[\s\-_]\d+(?:\.\d+)?[BM]$")
# a count of items ends a data resource's name: thousands, or fewer millions than any model has
# parameters ("SlideNarr-600K", "Quilt-1M", "OpenVidHD-0.4M"; not "Pythia-160M")
_DATA_SIZE_END = re.compile(r"[A-Za-z][\w.]*-(?:\d+(?:\.\d+)?K|(?:[1-9]\d?|\d*\.\d+)M)$")
_LEADING_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMT]\s+")  # "13B Llama-2"
_TRAILING_VERSION = re.compile(r"(?:[\s\-]*[vV]?\d+(?:\.\d+)*[a-z]?)$")  # "Llama 2", "GPT-4", "Mistral-v0.1"
_VARIANT_TAG = re.compile(r"^(.{3,}?)-[A-Z]{1,2}$")  # "LLaVA-HR", "Qwen-VL"
_SPACE_OR_HYPHEN = re.compile(r"[ \-]")  # ends the first word of a gazetteer name


class Lexicon:
    """The word lists of the recognizer, and what they say of a token or a name (pure: memoised per lexicon)."""

    def __init__(
        self,
        *,
        gazetteer: Iterable[tuple[str, str]] = (),
        stoplist: Iterable[str] = (),
        morphemes: Iterable[tuple[str, str]] = (),
        english: Iterable[str] = (),
        cues: dict[str, list[str]] | None = None,
    ) -> None:
        self.gaz_exact: dict[str, str] = {}
        self.gaz_key: dict[str, str] = {}
        for name, etype in gazetteer:
            self.gaz_exact.setdefault(name, etype)
            self.gaz_key.setdefault(name_key(name), etype)
        self.max_gaz_tokens = 4
        # first words of gazetteer names (keys), to try multi-word matches only where one can start
        self.gaz_first: set[str] = set()
        for name, _etype in gazetteer if isinstance(gazetteer, list) else []:
            first = _SPACE_OR_HYPHEN.split(name, maxsplit=1)[0]
            self.gaz_first.add(name_key(first))
            self.gaz_first.add(name_key(name))
        self.stop = {name_key(s) for s in stoplist}
        self._word_cache: dict[str, tuple[str, int, int, int]] = {}  # raw token -> _word_entry
        # memos of pure methods of a name (see _cached)
        self._memo: dict[str, dict[str, object]] = {}
        self._memo_stopped = self._memo.setdefault("_stopped_uncached", {})
        self._memo_morph = self._memo.setdefault("_morph_type_uncached", {})
        self._memo_family = self._memo.setdefault("_gaz_family_type_uncached", {})
        self.english = {w.casefold() for w in english}
        cues = cues if cues is not None else _cues()
        self.noun_type: dict[str, str | None] = {}
        for key, etype in (("none_nouns", None), ("dataset_nouns", DATASET), ("benchmark_nouns", BENCHMARK), ("model_nouns", MODEL)):
            for noun in cues.get(key, []):
                self.noun_type[noun.casefold()] = etype
        morph = sorted(morphemes, key=lambda m: -len(m[0]))
        self.morphemes = morph
        # all-caps model name parts ("GPT", "BERT"): stems of lowercase ids too ("gpt-4o")
        self._model_stems = {m for m, t in morph if t == MODEL and m.isupper() and m not in ("LLM", "VLM")}
        model_m = [re.escape(m) if m not in ("LLM", "VLM", "GLM") else "(?<=[a-z])" + m for m, t in morph if t == MODEL]
        bench_m = [re.escape(m) for m, t in morph if t == BENCHMARK]
        data_m = [re.escape(m) for m, t in morph if t == DATASET]
        self._morph_re = {
            MODEL: re.compile(r"(?:^|(?<=[a-z0-9\-])|(?<=[A-Z]))(?:%s)(?=$|[A-Z0-9\-_ ]|s$|v\d)" % "|".join(model_m)) if model_m else None,
            BENCHMARK: re.compile(r"(?:%s)" % "|".join(bench_m)) if bench_m else None,
            DATASET: re.compile(r"(?:%s)" % "|".join(data_m)) if data_m else None,
        }

    def _cached(self, fn, text: str):
        """Return ``fn(text)`` for a pure method ``fn`` of a name, memoised per recognizer (bounded)."""
        cache = self._memo.setdefault(fn.__name__, {})
        try:
            return cache[text]
        except KeyError:
            pass
        if len(cache) >= 100_000:
            cache.clear()
        value = cache[text] = fn(text)
        return value

    def _stopped(self, text: str) -> bool:
        try:
            return self._memo_stopped[text]
        except KeyError:
            return self._cached(self._stopped_uncached, text)

    def _stopped_uncached(self, text: str) -> bool:
        k = name_key(text)
        if k in self.stop:
            return True
        if k.endswith("s") and k[:-1] in self.stop:
            return True
        if len(k) > 6 and k.endswith("score"):
            return True  # "VIEScore", "BERTScore": metrics
        if text[:6] in ("macro-", "micro-", "Macro-", "Micro-"):
            return True  # "macro-F1": an averaged metric
        if text[:4] in ("non-", "Non-"):
            return True  # "non-LLM", "non-English": a negated class
        if "-to-" in text and _TASK_X_TO_Y.match(text):
            return True  # "text-to-SQL", "Image-to-Image": a task (input-to-output), not a name
        if _VERSION_LED.match(text):
            return True  # "v0.1", "v0.1-1T": a version names nothing without its name
        m = _SIZE_LETTER.match(text) if "-" in text[1:3] else None
        if m and name_key(m.group(1)) in self.stop:
            return True  # "s-MLLM", "l-MLLM": a generic class with a size letter
        return False

    def _morph_type(self, text: str) -> str | None:
        try:
            return self._memo_morph[text]
        except KeyError:
            return self._cached(self._morph_type_uncached, text)

    def _morph_type_uncached(self, text: str) -> str | None:
        for etype in (BENCHMARK, DATASET, MODEL):
            rx = self._morph_re[etype]
            if rx is not None and rx.search(text):
                return etype
        if _DATA_SIZE_END.search(text) and self._gaz_family_type(text) != MODEL:
            return DATASET  # "Quilt-1M", "LongWeave-60K": a number of examples
        if _PARAM_SIZE_END.search(text):
            return MODEL  # "MetaMath-70B", "DeepSeekMath 7B": a parameter count ends a model's name
        return None

    def _gaz_type(self, text: str, sentence_initial: bool) -> str | None:
        etype = self.gaz_exact.get(text)
        if etype is not None:
            if sentence_initial and " " not in text and text.casefold() in self.english:
                return None
            return etype
        k = name_key(text)
        etype = self.gaz_key.get(k)
        if etype is None and k.endswith("s") and len(k) > 3:
            etype = self.gaz_key.get(k[:-1])
            if etype is not None and " " not in text and not _shape(text):
                return None  # a plural of a known name ("NorGLMs"), but not a plain title word ("Pushing the Limits": no "LIMIT")
        if etype is None:
            return None
        # key-only match: the surface must look like a name, not an English word
        if _shape(text.replace(" ", "")) or (
            text[:1].isupper() and not sentence_initial and text.casefold() not in self.english
        ):
            return etype
        return None

    def _known_model(self, text: str) -> bool:
        """Return whether a name or its family is in the model gazetteer or has a model stem."""
        return self._gaz_family_type(text) == MODEL

    def _gaz_family_type(self, text: str) -> str | None:
        """Return the gazetteer type of a name or of its family (sizes, versions cut)."""
        try:
            return self._memo_family[text]
        except KeyError:
            return self._cached(self._gaz_family_type_uncached, text)

    def _gaz_family_type_uncached(self, text: str) -> str | None:
        base = _LEADING_SIZE.sub("", text)  # "13B Llama-2"
        for _ in range(4):
            k = name_key(base)
            etype = self.gaz_key.get(k)
            if etype is not None:
                return etype
            nxt = _family_of(base) or _TRAILING_VERSION.sub("", base)
            if not nxt or nxt == base:
                # "LLaVA-HR", "Qwen-VL": a two-letter variant tag on a model family
                m = _VARIANT_TAG.match(base)
                if m and self.gaz_key.get(name_key(m.group(1))) == MODEL:
                    return MODEL
                return None
            base = nxt
        return None

    def _tokenize(self, text: str) -> tuple[list[_Tok], bytes, list[int]]:
        """Return the tokens of ``text``, each one's :meth:`_token_code` (as ``bytes``) and their starts,
        from one cache of raw tokens.

        A raw token is a piece ``_TOKEN_SPLIT`` splits off; :func:`_trim_token` cuts it to the token
        (or drops it).

        (The cached texts are strings whose hashes are known: later lookups of them cost less.)
        """
        parts = (_TOKEN_SPLIT_ASCII if text.isascii() else _TOKEN_SPLIT).split(text)
        offsets = list(accumulate(map(len, parts)))
        words = parts[1::2]
        cache = self._word_cache
        got = list(map(cache.get, words))
        if None in got:  # new raw tokens
            if len(cache) >= 200_000:
                cache.clear()
            for k, entry in enumerate(got):
                if entry is None:
                    got[k] = cache[words[k]] = self._word_entry(words[k])
        starts = offsets[0:-1:2]  # (offsets ends in the end of the text after the last token)
        ends = offsets[1::2]
        # codes and fixes from one byte per token (the same as bytes(map(itemgetter(1), got)) and bytes(map(itemgetter(3), got)))
        packed = bytes(map(_ENTRY_PACKED, got))
        code_bytes = packed.translate(_CODE_OF)
        fixes = packed.translate(_FIX_OF)
        k = fixes.find(1)
        while k >= 0:
            start = starts[k] = starts[k] + got[k][2]
            ends[k] = start + len(got[k][0])
            k = fixes.find(1, k + 1)
        toks = list(map(tuple.__new__, repeat(_Tok, len(words)), zip(starts, ends, map(_ENTRY_TEXT, got))))
        k = fixes.rfind(2)
        if k >= 0:
            codes = bytearray(code_bytes)
            while k >= 0:
                del toks[k]
                del codes[k]
                del starts[k]
                k = fixes.rfind(2, 0, k)
            code_bytes = bytes(codes)
        return toks, code_bytes, starts

    def _word_entry(self, word: str) -> tuple[str, int, int, int, int]:
        """Return what a raw token (a piece :data:`_TOKEN_SPLIT` splits off) becomes: its text
        (:func:`_trim_token`), :meth:`_token_code`, start shift, and 0 if it stays as it is, 1 if
        trimmed, 2 if nothing is left (a pure function of the word); last, the code and that fix packed
        in one byte (``code | fix << 5``)."""
        shift, t = (0, word) if word.isalnum() else _trim_token(word)
        if not t:
            return _DROPPED
        code = self._token_code(t)
        fix = 0 if shift == 0 and t == word else 1
        return (t, code, shift, fix, code | fix << 5)

    def _token_code(self, ttext: str) -> int:
        if ttext in _MODEL_ROLE_SET or ttext in _MODEL_NOUN_SET:
            # "regressors such as X", "the in-context learner X" (:meth:`_listed_names`); "LLMs" keeps its shape
            return _MODEL_NOUN if ttext.islower() else _MODEL_NOUN | self._token_code_plain(ttext)
        code = self._token_code_plain(ttext)
        if ttext[:1] in _VERSION_FIRST and _RELEASE_NUMBER.match(ttext):
            code |= _RELEASE  # "Stable Diffusion 2.1", "Midjourney v5" (:meth:`_phrase_names`)
        return code

    def _token_code_plain(self, ttext: str) -> int:
        if ttext.islower() and ttext.isalpha():
            return _MAY_START_GAZ if ttext == "the" else 0  # "on the Pile"
        code = _shape(ttext)
        gaz_first = self.gaz_first
        tk = name_key(ttext.split("-", 1)[0])
        if tk in gaz_first or name_key(ttext) in gaz_first or tk[:-1] in gaz_first:
            code |= _MAY_START_GAZ
        return code
