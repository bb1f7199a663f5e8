"""The rule recognizer: find named models, datasets and benchmarks in a text.

Data contract: :meth:`Recognizer.find` takes one paper's text (title, blank
line, abstract) and returns :class:`Found` records, one per entity, each with
its canonical name, type (``Model``, ``Dataset``, ``Benchmark``), aliases, the
``(start, end)`` character spans of its mentions, an ``introduced`` flag and,
for sized variants, a ``family``.

The rules rest on evidence that holds in any abstract, in this order:

1. candidates are *name-shaped* tokens (inner capitals, letters mixed with
   digits: ``GPT-4``, ``ChatGLM``, ``T5``), gazetteer hits (lists built from
   public packages by ``scripts/build_gazetteers.py``), title heads
   (``"Dolma: an Open Corpus ..."``) and abbreviation definitions
   (``"Holistic Evaluation of Language Models (HELM)"``);
2. versions, sizes and variant words attached to a name extend it
   (``Llama 3 8B``, ``GPT-4 Turbo``, ``CamemBERT base``);
3. a type comes from, strongest first: a defining phrase ("X, a new
   benchmark", "a model called X"), a cue word next to the name ("the X
   dataset", "X-based"), the name's own morphemes (``-Bench``, ``-Eval``,
   ``...BERT``, ``...GPT``), the gazetteers, and coordination (in "on X, Y and
   Z" untyped members take the type of their neighbours);
4. stop lists of general ML vocabulary (metrics, methods, libraries,
   companies, generic classes such as ``LLMs``) and "framework/method" defining
   phrases rule names out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["Found", "Recognizer", "load_recognizer", "name_key", "sentence_spans"]

MODEL, DATASET, BENCHMARK = "Model", "Dataset", "Benchmark"

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the matching key of a name, as the annotation guidelines define it.

    >>> name_key("LLaMA-2") == name_key("Llama 2") == name_key("llama2")
    True
    """
    s = unicodedata.normalize("NFKC", name).translate(_DASHES).casefold()
    return re.sub(r"[\s\-_.'\u2019~^]+", "", s)


@dataclass
class Found:
    """One entity found in a text, with the spans of all its mentions."""

    name: str
    type: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    introduced: bool = False
    family: str | None = None


# --- tokens ---------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_](?:[\w.'\u2019^\-]*[\w^])?(?:\+(?!\w))?")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMKTbmk]$|^\d+(?:\.\d+)?x\d+(?:\.\d+)?[BMb]$")
_VERSION = re.compile(r"^[vV]?\d+(?:\.\d+)*[a-z]?$")
_NUMBERISH = re.compile(r"^(?:\d+(?:[.,]\d+)*(?:[a-zA-Z]{0,3}|%|x|th|st|nd|rd|s)|[xX]\d+|\d+[a-zA-Z]+)$")
_VARIANTS = {
    "base", "large", "small", "medium", "tiny", "mini", "xl", "xxl", "xs", "huge", "giant",
    "turbo", "pro", "ultra", "plus", "max", "flash", "nano", "lite", "chat", "instruct",
    "air", "vision", "sonnet", "opus", "haiku", "mix", "code",
}
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\n")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of a paper's text.

    >>> t = "A title" + 2 * chr(10) + "We use GPT-4. It works (e.g. here)."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['A title', 'We use GPT-4.', 'It works (e.g. here).']
    """
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        t = m.group()
        s, e = m.span()
        if t.isalnum():
            out.append(_Tok(s, e, t))
            continue
        p = _POSSESSIVE.search(t) if ("'" in t or "\u2019" in t) else None
        if p:
            e -= len(p.group())
            t = t[: p.start()]
        if t.endswith("-"):
            t = t.rstrip("-")
            e = s + len(t)
        glued = _GLUED_HEAD.match(t)
        if glued:
            s += glued.end()
            t = t[glued.end() :]
        # "GPT-like", "LLM-based", "340M-parameter": the lowercase tail is a modifier
        while "-" in t:
            head, _, tail = t.rpartition("-")
            if tail.isalpha() and tail.islower() and tail not in _VARIANTS and head and _shape(head.split("-")[-1]) or (
                tail.isalpha() and tail.islower() and tail not in _VARIANTS and head[-1:].isdigit()
            ):
                t = head
                e = s + len(t)
            else:
                break
        if t:
            out.append(_Tok(s, e, t))
    return out


def _has_inner_upper(t: str) -> bool:
    return any(c.isupper() for c in t[1:])


_URLISH = re.compile(r"(?:https?://|www\.)\S+|\.(?:com|io|org|ai|co|net|gy|ly)\b")
_MODIFIER_AFTER = re.compile(r"[\s\-](?:based|like|style|series|family|inspired|derived)\b", re.I)
_GLUED_HEAD = re.compile(r"^[a-z]{4,}-(?=[A-Z][a-z]*[A-Z])")
_NAME_WORD = r"(?:[A-Z][\w'^]*(?:-[\w'^]+)*)"
_NOUN_NAMED = re.compile(
    r"(?<![\w\-])(%s(?: (?:%s|V?\d+(?:\.\d+)*))*) (Benchmark|Challenge|challenge|Arena|arena|Leaderboard|Corpus|Dataset|Suite|"
    r"benchmarks?|datasets?|corpus|corpora|database|treebank|data set)\b" % (_NAME_WORD, _NAME_WORD)
)
_PHRASE_NOUN_TYPE = {
    "benchmark": BENCHMARK, "challenge": BENCHMARK, "arena": BENCHMARK, "leaderboard": BENCHMARK, "suite": BENCHMARK,
    "corpu": DATASET, "corpora": DATASET, "dataset": DATASET, "database": DATASET, "treebank": DATASET, "data set": DATASET,
}
_TITLE_ITEM = re.compile(r"%s(?: %s){0,2}" % (_NAME_WORD, _NAME_WORD))
_TITLE_LIST = re.compile(
    r"(?<![\w\-])%s(?: %s){0,2}(?:(?:,| and| or|, and|, or) %s(?: %s){0,2})+(?![\w\-])" % ((_NAME_WORD,) * 4)
)
# words that start a capitalised phrase without naming anything (general English)
_PHRASE_SKIP = {
    "the", "a", "an", "our", "this", "these", "those", "their", "its", "we", "in", "on", "for", "with", "by", "from",
    "existing", "current", "new", "each", "both", "all", "other", "popular", "standard", "several", "many", "most",
    "some", "two", "three", "four", "five", "and", "or", "however", "moreover", "finally", "first", "second", "third",
    "additionally", "furthermore", "specifically", "notably", "overall", "recently", "table", "figure", "section",
}
# capitalised language and nationality words ("English corpus", "Norwegian benchmark")
_LANGUAGE_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:ese|ian|ish|ic|an)|English|French|Dutch|Greek|Thai|Swiss|Hindi|Urdu|Czech|Welsh|Irish)$")
# heads of capitalised task names ("Image-Text Retrieval")
_TASK_WORDS = {"retrieval", "reasoning", "answering", "comprehension", "entailment", "classification", "generation",
               "recognition", "translation", "summarization", "detection", "segmentation", "captioning",
               "understanding", "inference", "parsing", "tagging", "labeling", "extraction", "analysis", "modeling"}
_PLAIN = re.compile(r"^[a-z]+$|^[A-Z][a-z]+$")


@lru_cache(maxsize=100_000)
def _shape(t: str) -> int:
    """Return how name-like a token looks: 0 not, 1 weak (ALLCAPS), 2 strong.

    A hyphenated token is as name-like as its most name-like part, so that
    ``Well-Read`` and ``Mixture-of-Experts`` are not names but ``SEED-Bench`` is.
    """
    if _PLAIN.match(t):
        return 0
    if "-" in t.strip("-"):
        parts = [p for p in t.split("-") if p]
        best = max((_shape_part(p) for p in parts), default=0)
        numeric = any(re.fullmatch(r"\d+(?:\.\d+)*[A-Za-z]?", p) or _SIZE.match(p) for p in parts[1:])
        if numeric and (best == 1 or parts[0][:1].isupper()):
            return 2  # GLM-4-Air, AISHELL-1, Llama-2-7B
        return best
    return _shape_part(t)


def _shape_part(t: str) -> int:
    if len(t) < 2 or _NUMBERISH.match(t) or _SIZE.match(t):
        return 0
    letters = [c for c in t if c.isalpha()]
    if not letters:
        return 0
    has_digit = any(c.isdigit() for c in t)
    lower = sum(c.islower() for c in letters)
    upper = len(letters) - lower
    if has_digit and len(letters) >= 1:
        return 2
    if upper and lower and _has_inner_upper(t):
        # CamelCase or mixed: ChatGLM, mGPT, LLaVA, RoBERTa; "LLMs" is ALLCAPS + plural
        core = t[:-1] if t.endswith("s") and t[:-1].isupper() else t
        return 1 if core.isupper() else 2
    if upper == len(letters) and len(letters) >= 2:
        return 1
    return 0


# --- data files -------------------------------------------------------------------


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


# --- the recognizer ------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    ti: int  # index of first token
    tj: int  # index after last token
    strength: int  # shape strength
    type: str | None = None
    score: int = 0  # strength of the typing evidence
    none: bool = False  # ruled out (framework, method, ...)
    introduced: bool = False
    long_form: tuple[int, int] | None = None
    gaz: bool = False


_INTRO_VERB = re.compile(
    r"\b(?:we|this (?:paper|work|report|study)|here,? we|in this (?:paper|work),? we|our (?:work|paper))\s+"
    r"(?:also\s+|further\s+|first\s+|then\s+|additionally\s+|hereby\s+)?"
    r"(?:introduce|present|propose|release|develop|build|construct|create|train|pre-?train|open-?source|curate|collect|"
    r"describe|design|contribute|offer|provide|unveil|launch|establish)[sd]?\b",
    re.I,
)
_NAMING = re.compile(
    r"\b(?:called|named|dubbed|termed(?: as)?|coined|namely|entitled|denoted(?: as| by)?|(?:we|they) call|"
    r"refer(?:red)? to (?:[\w\-]+ ){0,5}?as)\s*[:,]?\s*$",
    re.I,
)
_NEW = re.compile(r"\b(?:new|novel|first|our|proposed|open|open-source|new-generation)\b", re.I)


class Recognizer:
    """Find models, datasets and benchmarks in a text with rules and word lists.

    >>> rec = load_recognizer()
    >>> [(f.name, f.type) for f in rec.find("Results on MMLU, GSM8K and HumanEval show that GPT-4 wins.")]
    [('MMLU', 'Benchmark'), ('GSM8K', 'Benchmark'), ('HumanEval', 'Benchmark'), ('GPT-4', 'Model')]
    """

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
            first = re.split(r"[ \-]", name, maxsplit=1)[0]
            self.gaz_first.add(name_key(first))
            self.gaz_first.add(name_key(name))
        self.stop = {name_key(s) for s in stoplist}
        self.english = {w.casefold() for w in english}
        cues = cues if cues is not None else _cues()
        self.noun_type: dict[str, str | None] = {}
        for key, etype in (("none_nouns", None), ("dataset_nouns", DATASET), ("benchmark_nouns", BENCHMARK), ("model_nouns", MODEL)):
            for noun in cues.get(key, []):
                self.noun_type[noun.casefold()] = etype
        morph = sorted(morphemes, key=lambda m: -len(m[0]))
        self.morphemes = morph
        model_m = [re.escape(m) if m not in ("LLM", "VLM", "GLM") else "(?<=[a-z])" + m for m, t in morph if t == MODEL]
        bench_m = [re.escape(m) for m, t in morph if t == BENCHMARK]
        data_m = [re.escape(m) for m, t in morph if t == DATASET]
        self._morph_re = {
            MODEL: re.compile(r"(?:^|(?<=[a-z0-9\-])|(?<=[A-Z]))(?:%s)(?=$|[A-Z0-9\-_ ]|s$|v\d)" % "|".join(model_m)) if model_m else None,
            BENCHMARK: re.compile(r"(?:%s)" % "|".join(bench_m)) if bench_m else None,
            DATASET: re.compile(r"(?:%s)" % "|".join(data_m)) if data_m else None,
        }

    # -- helpers --------------------------------------------------------------------

    def _stopped(self, text: str) -> bool:
        k = name_key(text)
        if k in self.stop:
            return True
        if k.endswith("s") and k[:-1] in self.stop:
            return True
        if len(k) > 6 and k.endswith("score"):
            return True  # "VIEScore", "BERTScore": metrics
        m = re.match(r"^[a-z]{1,2}-(.+)$", text)
        if m and name_key(m.group(1)) in self.stop:
            return True  # "s-MLLM", "l-MLLM": a generic class with a size letter
        return False

    def _morph_type(self, text: str) -> str | None:
        for etype in (BENCHMARK, DATASET, MODEL):
            rx = self._morph_re[etype]
            if rx is not None and rx.search(text):
                return etype
        return None

    def _gaz_type(self, text: str, sentence_initial: bool) -> str | None:
        etype = self.gaz_exact.get(text)
        if etype is not None:
            if sentence_initial and " " not in text and text.casefold() in self.english:
                return None
            return etype
        k = name_key(text)
        etype = self.gaz_key.get(k) or (self.gaz_key.get(k[:-1]) if k.endswith("s") and len(k) > 3 else None)
        if etype is None:
            return None
        # key-only match: the surface must look like a name, not an English word
        if _shape(text.replace(" ", "")) or (
            text[:1].isupper() and not sentence_initial and text.casefold() not in self.english
        ):
            return etype
        return None

    # -- main -------------------------------------------------------------------------

    def find(self, text: str) -> list[Found]:
        """Return the entities of ``text``, in order of first mention."""
        work = text.replace("~", " ")
        title_end = work.find("\n\n")
        self._title_end = title_end if title_end >= 0 else 0  # no blank line: no title
        toks = _tokens(work)
        n = len(toks)
        if not n:
            return []
        sent_starts = [0] + [m.end() for m in _SENT_END.finditer(work)]
        tok_starts = [t.start for t in toks]
        masked = self._url_mask(work)

        initial = {bisect_right(tok_starts, s - 1) for s in sent_starts}

        def sentence_initial(i: int) -> bool:
            return i in initial

        cands: list[_Cand] = []
        used = [False] * n
        # 1. gazetteer multi-token names, longest first
        i = 0
        gaz_first = self.gaz_first
        while i < n:
            hit = None
            ttext = toks[i].text
            if ttext.islower() and ttext.isalpha():
                i += 1
                continue
            tk = name_key(ttext.split("-", 1)[0])
            if tk not in gaz_first and name_key(toks[i].text) not in gaz_first and tk[:-1] not in gaz_first:
                i += 1
                continue
            for size in range(min(self.max_gaz_tokens, n - i), 0, -1):
                j = i + size
                if size > 1 and not re.fullmatch(r"[ \-]", work[toks[j - 2].end : toks[j - 1].start] or "x"):
                    continue
                if size > 1 and any(not re.fullmatch(r"[ \-]", work[toks[k].end : toks[k + 1].start]) for k in range(i, j - 1)):
                    continue
                surface = work[toks[i].start : toks[j - 1].end]
                etype = self._gaz_type(surface, sentence_initial(i))
                if etype is not None:
                    hit = (j, etype)
                    break
            if hit is not None and not masked(toks[i].start):
                j, etype = hit
                cands.append(_Cand(toks[i].start, toks[j - 1].end, work[toks[i].start : toks[j - 1].end], i, j, _shape(toks[i].text) or 1, etype, 2, gaz=True))
                for k in range(i, j):
                    used[k] = True
                i = j
            else:
                i += 1
        # 2. name-shaped tokens
        for i, t in enumerate(toks):
            if (t.text.islower() and t.text.isalpha()) or used[i] or masked(t.start):
                continue
            strength = _shape(t.text)
            if strength:
                cands.append(_Cand(t.start, t.end, t.text, i, i + 1, strength))
        # 3. title head ("Name: ...") even when not name-shaped
        title_end = work.find("\n\n")
        title = work[: title_end if title_end >= 0 else len(work)]
        head = re.match(r"\s*([^\W\d_][\w.+\-^' ]{0,40}?)\s*:\s", title)
        if head and len(head.group(1).split()) <= 3:
            hs, he = head.span(1)
            if not any(c.start < he and c.end > hs for c in cands):
                ti = bisect_right(tok_starts, hs) - 1 if bisect_right(tok_starts, hs) else 0
                tj = bisect_right(tok_starts, he - 1)
                if tj - ti == 1 and toks[ti].text[:1].isupper():
                    cands.append(_Cand(toks[ti].start, toks[ti].end, toks[ti].text, ti, tj, 1))
        # 3b. capitalised phrases named by a type noun ("Chatbot Arena", "the Visual Genome dataset")
        #     and capitalised items of a list that holds a name ("COCO, Visual Genome, and SBU Captions")
        cands.extend(self._phrase_names(cands, toks, work, tok_starts, set(sent_starts)))
        cands.sort(key=lambda c: c.start)
        # 4. extend with versions, sizes and variant words
        cands = [self._extend(c, toks, work) for c in cands]
        cands = self._drop_overlaps(cands)
        # 5. abbreviation definitions: "Long Form Words (ABBR)"
        self._abbreviations(cands, toks, work, tok_starts)
        # 6. other mentions of names seen once (plain-word names such as title heads)
        cands = self._propagate_mentions(cands, toks, work)
        # 7. typing
        for c in cands:
            self._type_from_context(c, toks, work)
        self._title_head(cands, work, title)
        self._coordination(cands, work)
        for c in cands:
            if c.type in (DATASET, BENCHMARK) and c.score <= 3 and not c.none:
                usage = self._usage(c, work)
                if usage == "eval" and c.type == DATASET and not re.search(r"corpus|corpora|crawl|pile|web|wiki", c.text + work[c.end : c.end + 12], re.I):
                    c.type = BENCHMARK
                elif usage == "train" and c.type == BENCHMARK and not re.search(r"bench|eval|arena|challenge", c.text, re.I):
                    c.type = DATASET
        self._introduced(cands, work, sent_starts)
        return self._group(cands, work)

    # -- steps --------------------------------------------------------------------------

    def _phrase_names(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int], sent_starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        lo = self._title_end

        def add(s: int, e: int, etype: str | None, score: int) -> None:
            words = work[s:e].split()
            while words and (words[0] in _PHRASE_SKIP or words[0].casefold() in _PHRASE_SKIP):
                s += len(words[0]) + 1
                words = words[1:]
            if not words or s < lo:
                return
            text = work[s:e]
            if any(re.search(r"-[a-z]+$", w) for w in words) or re.match(r"\s*\([A-Z][\w\-]*\)", work[e : e + 20]):
                return  # "Transformer-based", "LM-generated"; "... Corpus (HC3)" is an abbreviation's long form
            if len(words) == 1 and not _shape(text.replace("-", "")) and (s in sent_starts or _LANGUAGE_WORD.match(text) or text.casefold() in _PHRASE_SKIP):
                return
            if any(w.casefold() in _TASK_WORDS or re.search(r"(?:ing|tion|ment)$", w) for w in words[-1:]) and len(words) > 1 and not re.search(r"(?:Benchmark|Challenge|Arena|Leaderboard|Corpus|Dataset|Suite)$", text):
                return  # "Visual Question Answering": a task in capitals
            if self._stopped(text) or any(ts < e and te > s and not (s <= ts and te <= e and (ts, te) != (s, e)) for ts, te in taken):
                return
            ti = bisect_right(tok_starts, s) - 1
            tj = bisect_right(tok_starts, e - 1)
            if ti < 0 or toks[ti].start != s:
                return
            c = _Cand(s, e, text, ti, tj, 1)
            if etype is not None:
                self._set(c, etype, score)
            c.none = False
            out.append(c)
            taken.append((s, e))

        for m in _NOUN_NAMED.finditer(work, lo):
            noun = m.group(2)
            etype = _PHRASE_NOUN_TYPE[noun.casefold().rstrip("s")]
            if noun[:1].isupper():
                add(m.start(1), m.end(2), etype, 3)
            else:
                add(m.start(1), m.end(1), etype, 3)
        # list items next to a name
        anchors = {(c.start, c.end) for c in cands if c.strength >= 1 or c.gaz}
        for m in _TITLE_LIST.finditer(work, lo):
            items = [(it.start(), it.end()) for it in _TITLE_ITEM.finditer(m.group(), 0)]
            items = [(m.start() + a, m.start() + b) for a, b in items]
            if len(items) < 2:
                continue
            if not any(any(a <= s and e <= b for s, e in anchors) for a, b in items):
                continue
            strong = [(c.start, c.end) for c in cands if c.strength >= 2]
            for a, b in items:
                if any(a <= s and e <= b for s, e in strong):
                    continue
                add(a, b, None, 0)
        return out

    @staticmethod
    def _url_mask(work: str):
        if "." not in work:
            return lambda pos: False
        spans = []
        for m in _URLISH.finditer(work):
            if m.group().startswith(("http", "www")):
                spans.append(m.span())
                continue
            # a bare domain: widen the suffix match to the whole whitespace-delimited word
            s = max(work.rfind(" ", 0, m.start()), work.rfind("\n", 0, m.start()), work.rfind("(", 0, m.start())) + 1
            e = m.end()
            while e < len(work) and not work[e].isspace():
                e += 1
            if s < m.start():
                spans.append((s, e))
        if not spans:
            return lambda pos: False

        def masked(pos: int) -> bool:
            return any(s <= pos < e for s, e in spans)

        return masked

    def _extend(self, c: _Cand, toks: list[_Tok], work: str) -> _Cand:
        c = self._extend_right(c, toks, work)
        i = c.ti
        if i > 0 and work[toks[i - 1].end : c.start] == " ":
            prev = toks[i - 1].text
            sized = bool(re.search(r"\d(?:\.\d+)?[BMT]$", c.text)) and c.text != toks[c.ti].text
            if _SIZE.match(prev) and prev[-1] in "BMT" and self._known_model(c.text) and not re.search(r"(?:and|or|,|/)\s*$", work[max(0, toks[i - 1].start - 5) : toks[i - 1].start]):
                c.ti, c.start = i - 1, toks[i - 1].start  # "13B Llama-2"
            elif sized and not self._known_model(toks[c.ti].text) and (_shape(prev) or re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", prev)) and not self._stopped(prev) and toks[i - 1].start > self._title_end:
                c.ti, c.start = i - 1, toks[i - 1].start  # "ERNIE TITAN 3.0 260B", "Megatron-Turing NLG 530B"
            c.text = work[c.start : c.end]
        return c

    def _extend_right(self, c: _Cand, toks: list[_Tok], work: str) -> _Cand:
        j = c.tj
        end = c.end
        while j < len(toks):
            gap = work[toks[j - 1].end : toks[j].start]
            nxt = toks[j].text
            if gap not in (" ", "-"):
                break
            low = nxt.casefold()
            if gap == " " and nxt in ("Challenge", "Benchmark", "Corpus", "Dataset", "Arena", "Leaderboard", "Suite", "Bench"):
                j += 1
                end = toks[j - 1].end
                break
            if gap == " " and re.fullmatch(r"\d+(?:\.\d+)?[kK]", nxt):
                break  # "60k": a data size, not a model size
            if gap == " " and nxt.isdigit() and work[toks[j].end : toks[j].end + 1] == ")" and work[end - 1 : end].isdigit():
                break  # "GLM-4 1) rivals ...": an enumerator, not a version
            if _SIZE.match(nxt) or (_VERSION.match(nxt) and len(nxt) <= 5 and not re.match(r"^(?:19|20)\d\d$", nxt)):
                # "7B and 13B" spreads sizes over a family: do not attach
                after = work[toks[j].end : toks[j].end + 6]
                if _SIZE.match(nxt) and re.match(r"\s*(?:(?:and|or|,|to|/)\s*\d|-\d)", work[toks[j].end : toks[j].end + 12]):
                    break
                if re.match(r"\s*[*\u00d7x]\s*\d", after):
                    break  # "ImageNet 256*256" is a resolution
                j += 1
                end = toks[j - 1].end
                continue
            if low in _VARIANTS and not (nxt[:1].isupper() and not nxt.isupper() and toks[j].start < self._title_end) and (nxt[:1].isupper() or nxt.isupper() or low in {"base", "large", "small", "xl", "xxl", "turbo", "chat", "instruct"}):
                # "BERT base and large" spreads variants: do not attach
                after = work[toks[j].end : toks[j].end + 6]
                if re.match(r"\s*(?:and|or|,|/)", after) and low in {"base", "large", "small"}:
                    break
                j += 1
                end = toks[j - 1].end
                continue
            break
        if j == c.tj:
            return c
        c.tj = j
        c.end = end
        c.text = work[c.start : end]
        return c

    @staticmethod
    def _drop_overlaps(cands: list[_Cand]) -> list[_Cand]:
        cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out: list[_Cand] = []
        for c in cands:
            if out and c.start < out[-1].end:
                continue
            out.append(c)
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
                if not re.fullmatch(r"[ \t]*", gap) and not re.fullmatch(r"-", gap):
                    break
                words.insert(0, toks[i])
                i -= 1
            if not words:
                continue
            best = None
            for k in range(len(words)):
                span = words[k:]
                initials = "".join(
                    "".join(p[0] for p in re.split(r"-", w.text) if p) for w in span
                ).casefold()
                caps = "".join(ch for ch in "".join(w.text for w in span) if ch.isupper()).casefold()
                target = "".join(ch for ch in abbr if ch.isalpha()).casefold().removesuffix("s") if not abbr.isupper() else abbr.casefold().removesuffix("s")
                target = re.sub(r"[^a-z0-9]", "", target)
                if not span[0].text[:1].isalpha() or span[0].text.casefold() in {"the", "a", "an", "of", "and", "for"}:
                    continue
                if not target or span[0].text[0].casefold() != target[0]:
                    continue
                if initials.startswith(target) or caps == target or (len(target) >= 3 and _subseq(target, "".join(w.text for w in span).casefold()) and span[0].text[0].casefold() == target[0]):
                    best = span
                    break
            if best:
                c.long_form = (best[0].start, best[-1].end)

    def _propagate_mentions(self, cands: list[_Cand], toks: list[_Tok], work: str) -> list[_Cand]:
        have = {(c.start, c.end) for c in cands}
        tok_index = {t.start: k for k, t in enumerate(toks)}
        names = {}
        for c in cands:
            names.setdefault(c.text, c)
        extra = []
        for name, c in names.items():
            if c.strength >= 1 and not c.gaz and _shape(name):
                continue
            for m in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"s?(?![\w\-])", work):
                span = (m.start(), m.start() + len(name))
                if span in have or any(o.start < span[1] and o.end > span[0] for o in cands):
                    continue
                ti = tok_index.get(span[0])
                if ti is None:
                    continue
                extra.append(_Cand(span[0], span[1], name, ti, ti + 1, c.strength, gaz=c.gaz))
                have.add(span)
        if extra:
            cands = sorted(cands + extra, key=lambda c: c.start)
        return cands

    def _noun_after(self, s: str) -> tuple[str | None, bool]:
        """Return the type of the first type noun in ``s`` and whether one was found."""
        words = re.findall(r"[\w\-]+", s.casefold())[:9]
        for k, w in enumerate(words):
            two = " ".join(words[k : k + 2])
            if two in self.noun_type:
                return self.noun_type[two], True
            if w in self.noun_type:
                # "language model evaluation": the last noun of a compound heads it
                if k + 1 < len(words) and words[k + 1] in self.noun_type and words[k + 1] not in ("data",):
                    continue
                return self.noun_type[w], True
            if w in ("that", "which", "who", "to", "with", "by", "in", "on", "from", "using", "where", "while"):
                break
        return None, False

    _EVAL_WORDS = re.compile(
        r"\b(?:evaluat\w*|benchmark\w*|outperform\w*|achiev\w*|accuracy|results?|state-of-the-art|sota|"
        r"score[sd]?|test(?:ed|ing)?|experiments?|performance|surpass\w*|improv\w*|gains?|f1|exact match|leaderboard)\b",
        re.I,
    )
    _TRAIN_WORDS = re.compile(
        r"\b(?:pre-?train\w*|train(?:ed|ing)? (?:on|with|over)|corpus|corpora|tokens|crawl\w*|fine-?tun\w* on|"
        r"training (?:data|set|corpus)|pretraining data|collect\w*|scrap\w*|synthesi[sz]\w*|generated|sources?)\b",
        re.I,
    )

    def _usage(self, c: _Cand, work: str) -> str | None:
        """Return ``"eval"`` or ``"train"`` from the words of the mention's sentence."""
        s = max(work.rfind(". ", 0, c.start), work.rfind("\n", 0, c.start)) + 1
        e = work.find(". ", c.end)
        sent = work[s : e if e >= 0 else len(work)]
        ev = len(self._EVAL_WORDS.findall(sent))
        tr = len(self._TRAIN_WORDS.findall(sent))
        if tr and not ev:
            return "train"
        if ev and not tr:
            return "eval"
        return None

    def _type_from_context(self, c: _Cand, toks: list[_Tok], work: str) -> None:
        if self._stopped(c.text):
            c.none = True
            return
        after = work[c.end : c.end + 120]
        before = work[max(0, c.start - 60) : c.start]
        # defining appositive: "X, a new benchmark ..." / "X is a model" / "X (a corpus ...)"
        colon_ok = c.start > self._title_end
        m = re.match(r"\s*(?:\([^)]{0,40}\)\s*)?(?:,|\(|\s+is|\s+are|,\s*which is|,\s*that is|\s+-+|\s+as)\s*(?:a|an|the|our|one|two|three|first|new)\s+(.*)", after, re.I | re.S)
        if m is None and colon_ok:
            m = re.match(r"\s*:\s*(?:a|an|the|our|one|two|three|first|new)\s+(.*)", after, re.I | re.S)
        if m:
            etype, found = self._noun_after(m.group(1)[:90])
            if found and not (etype is None and self._known_model(c.text)):
                self._set(c, etype, 5)
        if c.long_form is not None:
            words = re.findall(r"[\w\-]+", work[c.long_form[0] : c.long_form[1]].casefold())
            head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
            etype = self._TITLE_NOUNS.get(head)
            lf_text = work[c.long_form[0] : c.long_form[1]]
            if etype is not None:
                generic = all(w in self._GENERIC_WORDS for w in words)
                if not generic:
                    self._set(c, etype, 3)
                elif not self._known_model(c.text):
                    self._set(c, None, 4)  # "large-scale language models (LSLMs)": a class
            elif head in self._TITLE_NONE or self.noun_type.get(head, 0) is None:
                self._set(c, None, 3)
            elif lf_text.islower() and not c.gaz and not self._known_model(c.text):
                self._set(c, None, 3)  # "label replacement (LR)": a term in plain words
        # a type noun right after the name: "the X dataset", "X models", "X-based"
        m = re.match(r"(?:-|\s)(based|like|style|series|family|sized|scale|generated|powered|driven|base|large|small|chat|instruct)\b", after, re.I)
        if m and m.group(1).casefold() in ("based", "like", "style", "series", "family", "sized", "scale", "generated", "powered", "driven", "base", "large", "small", "chat", "instruct"):
            if not (c.strength == 1 and m.group(1).casefold() in ("based", "driven", "powered", "generated", "style", "like") and self._morph_type(c.text) is None and not c.gaz):
                self._set(c, MODEL, 3)
        m = re.match(r"(?:\s*\([^()]{0,60}?\d{4}[a-z]?\))?\s+((?:[\w\-]+\s+){0,1}[\w\-]+)", after)
        if m:
            words = m.group(1).casefold().split()
            for w in words[:1] + ([" ".join(words[:2])] if len(words) > 1 else []):
                if w in self.noun_type:
                    etype = self.noun_type[w]
                    if etype is None and w in ("framework", "method", "approach", "technique", "algorithm", "pipeline", "toolkit", "library", "metric", "system", "strategy", "attack", "score", "loss", "objective", "module", "architecture", "paradigm", "prompting", "decoding"):
                        if (c.strength == 1 or not self._morph_type(c.text)) and not self._known_model(c.text):
                            self._set(c, None, 3)
                    elif etype is not None:
                        if etype == DATASET and w == "data" and not c.text[:1].isupper():
                            continue
                        self._set(c, etype, 3)
                    break
        # "a new benchmark called X", "the X" preceded by a type noun: "benchmark X"
        if _NAMING.search(before[-40:]):
            back = re.findall(r"[\w\-]+", before[-80:].casefold())
            for w in reversed(back[:-1]):
                if w in self.noun_type:
                    self._set(c, self.noun_type[w], 5)
                    break
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3 and c.type != MODEL or (c.type == MODEL and c.score <= 2 and not self._known_model(c.text)):
            if re.search(r"\b(?:data|text|texts|knowledge|corpus|documents|examples|samples|images|prompts|questions|tokens|articles|pages|conversations|dialogues)\s+(?:(?:extracted|collected|sourced|drawn|crawled|scraped|taken|derived|mined|sampled)\s+)?from\s+(?:the\s+)?$|\b(?:extracted|collected|sourced|crawled|scraped|mined|sampled)\s+from\s+(?:the\s+)?$", before, re.I):
                self._set(c, DATASET, 4)
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3:
            if re.search(r"\b(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:[\w\-]+\s+){0,3}?(?:on|with|using|over|from)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", before, re.I):
                if c.type in (DATASET, BENCHMARK, None) and (c.type is not None or c.strength >= 1):
                    self._set(c, DATASET, 3)
            elif re.search(r"\b(?:evaluat\w*|test\w*|results?|accuracy|performance|scores?|outperform\w*|achiev\w*|sota|state-of-the-art)\s+(?:[\w\-]+\s+){0,4}?(?:on|across)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", before, re.I):
                if (c.type in (DATASET, BENCHMARK) or (c.type is None and c.strength == 2 and not self._morph_type(c.text))) and not self._known_model(c.text):
                    self._set(c, BENCHMARK, 3)
        if c.type is None and not c.none:
            m = re.search(r"\b(benchmarks?|datasets?|corpus|corpora|models?|llms?|baselines?)\s*(?:,|:|\()?\s*(?:such as|like|including|e\.g\.,?|i\.e\.,?|namely)?\s*(?:the\s+)?$", before, re.I)
            if m:
                w = m.group(1).casefold().rstrip("s")
                etype = {"benchmark": BENCHMARK, "dataset": DATASET, "corpu": DATASET, "corpora": DATASET, "model": MODEL, "llm": MODEL, "baseline": MODEL}.get(w)
                if etype and (c.strength >= 1 or c.gaz):
                    self._set(c, etype, 2)
        # morphology and gazetteer
        if c.type is None and not c.none:
            mt = self._morph_type(c.text)
            if mt is not None:
                self._set(c, mt, 2)
        if c.type is None and not c.none:
            gt = self._gaz_family_type(c.text) if c.strength or _shape(c.text.replace(" ", "")) or c.gaz else None
            if gt:
                self._set(c, gt, 1)

    def _known_model(self, text: str) -> bool:
        """Return whether a name or its family is in the model gazetteer or has a model stem."""
        return self._gaz_family_type(text) == MODEL

    def _gaz_family_type(self, text: str) -> str | None:
        """Return the gazetteer type of a name or of its family (sizes, versions cut)."""
        base = re.sub(r"^\d+(?:\.\d+)?[BMT]\s+", "", text)  # "13B Llama-2"
        for _ in range(4):
            k = name_key(base)
            etype = self.gaz_key.get(k)
            if etype is not None:
                return etype
            nxt = self._family_of(base) or re.sub(r"(?:[\s\-]*[vV]?\d+(?:\.\d+)*[a-z]?)$", "", base)
            if not nxt or nxt == base:
                return None
            base = nxt
        return None

    @staticmethod
    def _set(c: _Cand, etype: str | None, score: int) -> None:
        if score < c.score:
            return
        if score == c.score and c.type is not None and etype is None:
            return
        c.score = score
        c.type = etype
        c.none = etype is None

    _TITLE_NOUNS = {
        "benchmark": BENCHMARK, "benchmarks": BENCHMARK, "evaluation": BENCHMARK, "suite": BENCHMARK,
        "leaderboard": BENCHMARK, "challenge": BENCHMARK, "testbed": BENCHMARK, "arena": BENCHMARK,
        "corpus": DATASET, "dataset": DATASET, "datasets": DATASET, "corpora": DATASET,
        "model": MODEL, "models": MODEL, "llm": MODEL, "llms": MODEL, "lm": MODEL, "lms": MODEL, "mllm": MODEL,
        "mllms": MODEL, "network": MODEL, "transformer": MODEL, "encoder": MODEL, "family": MODEL,
        "learners": MODEL, "checkpoints": MODEL,
    }
    _TITLE_NONE = {
        "framework", "method", "approach", "technique", "algorithm", "pipeline", "system", "toolkit", "library",
        "strategy", "paradigm", "architecture", "metric", "loss", "attack", "recipe", "mechanism", "procedure",
        "objective", "objectives", "optimization", "tuning", "fine-tuning", "finetuning", "distillation",
        "prompting", "decoding", "refinement", "alignment", "training", "pre-training", "pretraining", "learning",
        "routing", "selection", "generation", "detection", "representation", "tokenization", "sparsity",
    }
    _GENERIC_WORDS = {
        "large", "small", "language", "languages", "model", "models", "generative", "multimodal", "multi-modal",
        "vision", "visual", "vision-language", "pre-trained", "pretrained", "neural", "deep", "retrieval-augmented",
        "foundation", "masked", "autoregressive", "diffusion", "transformer", "transformers", "network", "networks",
        "mixture", "of", "experts", "reward", "recurrent", "convolutional", "graph", "encoder", "decoder", "text",
        "speech", "audio", "image", "video", "code", "multilingual", "open", "general", "based", "state", "space",
        "large-scale", "small-scale", "auto-regressive", "discrete", "scale", "generation", "models", "llms",
    }
    _TITLE_STOP = {"for", "with", "in", "on", "to", "from", "via", "by", "through", "at", "as", "beyond", "using", "towards", "toward", "into", "over", "under", "without"}

    def _title_type(self, desc: str) -> tuple[str | None, bool]:
        """Return the type the title's description gives its head name, and whether it gives one."""
        words = re.findall(r"[\w\-']+", desc.casefold())[:10]
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
            if w in self._TITLE_STOP or (w.endswith("ing") and k == 0 and w not in self._TITLE_NONE):
                break
            if w == "benchmark" and k + 1 < len(words) and words[k + 1] in ("dataset", "datasets", "suite"):
                return BENCHMARK, True
            if w in self._TITLE_NOUNS:
                found = (self._TITLE_NOUNS[w], True)
                if w == "family":
                    return found
            elif w in self._TITLE_NONE and not found[1]:
                found = (None, True)
            elif w == "of" and found[1]:
                break
            k += 1
        return found

    def _title_head(self, cands: list[_Cand], work: str, title: str) -> None:
        head = re.match(r"\s*([^:]{1,60}?)\s*:\s+(.*)", title)
        if not head:
            return
        hs, he = head.span(1)
        in_head = [c for c in cands if c.start >= hs and c.end <= he and not self._stopped(c.text)]
        if not in_head:
            return
        etype, found = self._title_type(head.group(2))
        single = len(in_head) == 1
        for c in in_head:
            if found:
                if single:
                    if etype == MODEL and c.score < 5:
                        self._set(c, etype, 5)  # "X: A Bidirectional Encoder ..." outweighs "an encoder architecture"
                    else:
                        self._set(c, etype, 4)
                elif c.type is None and not c.none:
                    self._set(c, etype, 1)
            if c.type is not None and not c.none:
                c.introduced = True

    def _coordination(self, cands: list[_Cand], work: str) -> None:
        groups: list[list[_Cand]] = []
        cur: list[_Cand] = []
        for c in cands:
            if cur:
                gap = work[cur[-1].end : c.start]
                if re.fullmatch(r"\s*(?:\([^()]{0,30}\))?\s*(?:,|;|/|,?\s*(?:and|or|&|as well as|vs\.?|versus))\s*(?:the\s+)?", gap):
                    cur.append(c)
                    continue
                groups.append(cur)
            cur = [c]
        if cur:
            groups.append(cur)
        for g in groups:
            if len(g) < 2:
                continue
            typed = [c.type for c in g if c.type and not c.none]
            if not typed:
                continue
            best = max(set(typed), key=typed.count)
            for c in g:
                if c.type is None and not c.none and c.strength >= 1 and not self._stopped(c.text):
                    c.type = best
                    c.score = 1

    def _introduced(self, cands: list[_Cand], work: str, sent_starts: list[int]) -> None:
        for c in cands:
            if c.type is None or c.none:
                continue
            if _MODIFIER_AFTER.match(work, c.end):
                continue  # "a BERT-style encoder": the family is used, not introduced
            before = work[max(0, c.start - 160) : c.start]
            sent_start = sent_starts[bisect_right(sent_starts, c.start) - 1]
            clause = work[sent_start : c.start]
            if _NAMING.search(before):
                c.introduced = True
                continue
            v = None
            for v in _INTRO_VERB.finditer(clause):
                pass
            if v is not None:
                between = clause[v.end() :]
                if len(between.split()) <= 10 and not re.search(r"\b(?:using|with|on|from|than|by|over|against|via|based on|like|such as|including)\b", between, re.I):
                    c.introduced = True
                    continue
            after = work[c.end : c.end + 80]
            if re.match(r"\s*(?:\([^)]{0,40}\)\s*)?,\s*(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:new|novel|first)\b", after, re.I):
                c.introduced = True
                continue
            if re.search(r"\b(?:our|the proposed|our proposed)\s+(?:[\w\-]+\s+){0,2}$", before, re.I) and c.score >= 2:
                c.introduced = True

    @staticmethod
    def _family_of(name: str) -> str | None:
        m = re.match(
            r"^(.*?\w)(?:[\s\-_]+(?:\d+(?:\.\d+)?[BMKbmk]|x\d+[BM]|%s)(?:[\s\-_]+(?:chat|instruct|base|large|v\d+(?:\.\d+)*))*)$" % "|".join(_VARIANTS),
            name,
            re.I,
        )
        if m and m.group(1) != name:
            return m.group(1)
        return None

    def _resolve(self, cands: list[_Cand]) -> None:
        """Give every mention of a name the type of its strongest evidence."""
        best: dict[str, _Cand] = {}
        for c in cands:
            if self._stopped(c.text):
                continue
            k = name_key(c.text)
            k = k[:-1] if k.endswith("s") and k[:-1] in best else k
            if (c.type is None and not c.none) or not k:
                continue
            b = best.get(k)
            if b is None or c.score > b.score or (c.score == b.score and b.none and not c.none):
                best[k] = c
        for c in cands:
            k = name_key(c.text)
            b = best.get(k) or (best.get(k[:-1]) if k.endswith("s") else None)
            if b is not None and b is not c:
                c.type, c.none, c.score = b.type, b.none, b.score
        intro = {name_key(c.text) for c in cands if c.introduced and not c.none and c.type}
        for c in cands:
            if name_key(c.text) in intro:
                c.introduced = True

    def _group(self, cands: list[_Cand], work: str) -> list[Found]:
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
        out = []
        for k in order:
            f = by_key[k]
            f.spans = sorted(set(f.spans))
            fam = self._family_of(f.name)
            if fam and f.type == MODEL:
                f.family = fam
            out.append(f)
        # a sized variant of an introduced family is introduced too
        intro = {name_key(f.name) for f in out if f.introduced}
        for f in out:
            if f.family and name_key(f.family) in intro:
                f.introduced = True
        out.sort(key=lambda f: f.spans[0])
        return out


def _subseq(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


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
