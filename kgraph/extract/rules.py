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
"""

from __future__ import annotations

import copy
import json
import re
import threading
import unicodedata
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import itemgetter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from importlib import resources

__all__ = ["Found", "Recognizer", "load_recognizer", "name_key", "sentence_spans"]

MODEL, DATASET, BENCHMARK = "Model", "Dataset", "Benchmark"
_TIE_ORDER = {BENCHMARK: 2, DATASET: 1, MODEL: 0}  # which type wins a tie between list members

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


# precompiled inline patterns of the code below (re's own pattern cache costs a lookup per call)
_RX_NAME_KEY_1 = re.compile(r"[\s\-_.'\u2019~^]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the matching key of a name, as the annotation guidelines define it.

    >>> name_key("LLaMA-2") == name_key("Llama 2") == name_key("llama2")
    True
    """
    s = unicodedata.normalize("NFKC", name).translate(_DASHES).casefold()
    return _RX_NAME_KEY_1.sub("", s)


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
_TOKEN_SPLIT = re.compile("(%s)" % _TOKEN.pattern)
# the same on ASCII text ("\w" is [A-Za-z0-9_] there), with plain character ranges (the regex engine checks them faster),
# and the inner run written as word characters, then groups of marks (. ' -) each followed by word characters, with
# possessive runs: the same tokens as ([A-Za-z0-9](?:[A-Za-z0-9_.'^\-]*[A-Za-z0-9_^])?...), the longest run that ends
# in a word character, without backing off the marks at its end character by character
_TOKEN_SPLIT_ASCII = re.compile(r"([A-Za-z0-9][A-Za-z0-9_^]*+(?:[.'\-]++[A-Za-z0-9_^]++)*+(?:\+(?![A-Za-z0-9_]))?)")
_MATCH_START, _MATCH_END = re.Match.start, re.Match.end
_POSSESSIVE = re.compile(r"['\u2019]s$")
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMKTbmk]$|^\d+(?:\.\d+)?x\d+(?:\.\d+)?[BMb]$")
_VERSION = re.compile(r"^[vV]?\d+(?:\.\d+)*[a-z]?$")
# numbers, units, ordinals and dimensions ("512x512", "3x3"): never names
_NUMBERISH = re.compile(r"^(?:\d+(?:[.,]\d+)*(?:[a-zA-Z]{0,3}|%|x|th|st|nd|rd|s)|[xX]\d+|\d+(?:[a-zA-Z]{1,3}|[a-z]+|[A-Z]+)|\d+(?:[x\u00d7]\d+)+(?:px)?)$")
_VARIANTS = {
    "base", "large", "small", "medium", "tiny", "mini", "xl", "xxl", "xs", "huge", "giant",
    "turbo", "pro", "ultra", "plus", "max", "flash", "nano", "lite", "chat", "instruct",
    "air", "vision", "sonnet", "opus", "haiku", "mix", "code", "preview",
}
_FAMILY_OF = re.compile(
    r"^(.*?\w)(?:[\s\-_]+(?:\d+(?:\.\d+)?[BMKbmk]|x\d+[BM]|%s)(?:[\s\-_]+(?:chat|instruct|base|large|v\d+(?:\.\d+)*))*)$" % "|".join(sorted(_VARIANTS)),
    re.I,
)
_PATCH_TAG = re.compile(r"-(?:[A-Z]{1,2}|[a-z])$")  # "ViT-L", "DiT-XL", "ViT-g": a size tag a patch size may follow
_PATCHED = re.compile(r"-(?:[A-Z]{1,2}|[a-z])/\d{1,3}$")  # "ViT-L/14"
_LOWER_ID = re.compile(r"^([a-z]{2,})-(?:\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[bm])(?:-[a-z0-9]+)*$")  # "phi-3-mini", "llama-2-7b"
_PARAM_SIZE_END = re.compile(r"[A-Za-z][\w.]*[\s\-_]\d+(?:\.\d+)?[BM]$")
# a count of items ends a data resource's name: thousands, or fewer millions than any model has
# parameters ("SlideNarr-600K", "Quilt-1M", "OpenVidHD-0.4M"; not "Pythia-160M")
_DATA_SIZE_END = re.compile(r"[A-Za-z][\w.]*-(?:\d+(?:\.\d+)?K|(?:[1-9]\d?|\d*\.\d+)M)$")
_OWN_DATASET = re.compile(r"\bwe\s+(?:\w+\s+)?(?:introduce|present|release|build|construct|create|curate|collect)s?\s+(?:the|a|our)\s+(?:new\s+)?\S+\s+dataset\b", re.I)
_TASK_X_TO_Y = re.compile(r"^[A-Za-z][a-z]*(?:-[a-z]+)?-to-[A-Za-z][\w]*$")
_VERSION_LED = re.compile(r"^[vV]\d+(?:\.\d+)*(?:-[\w.]+)*$")
_SIZE_LETTER = re.compile(r"^[a-z]{1,2}-(.+)$")
# whitespace after [.!?] before a capital, digit, quote or bracket, or a blank line; written with the
# look-behind after the first space, (?<=[.!?])\s+(?=...) would match the same but scan slower
_SENT_END = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-Z0-9\"'(\[])|\n\n")
# where a match of _SENT_END can start: right after [.!?] before whitespace, or at a newline before a newline
_SENT_END_AT = re.compile(r"[.!?\n](?:(?<=[.!?])(?=\s)|(?<=\n)(?=\n))")  # (one leading set: the engine skips to it)


class _Tok(NamedTuple):
    """One token: ``(start, end)`` offsets and text (a tuple: built in bulk by C code, see :meth:`Recognizer._tokenize`)."""

    start: int
    end: int
    text: str


# each thread's last text's sentence breaks: :meth:`Recognizer.find` and then :func:`sentence_spans` (for
# the mentions' sentences) scan the same text; one (text, matches) pair per thread
_SENT_MEMO = threading.local()


def _sentence_breaks(text: str) -> list[re.Match[str]]:
    """Return the matches of ``_SENT_END`` in ``text`` (memoised for this thread's last text)."""
    memo = getattr(_SENT_MEMO, "last", None)
    if memo is not None and memo[0] == text:
        return memo[1]
    # a break starts at whitespace after [.!?] or at a blank line: try the pattern only there (found by a scan
    # for rare characters; a scan of the whole text with _SENT_END is slow), as finditer would, left to right
    found = []
    end = 0
    for h in _SENT_END_AT.finditer(text):
        p = h.end() if h.group() != "\n" else h.start()
        if p < end:
            continue
        m = _SENT_END.match(text, p)
        if m is not None:
            found.append(m)
            end = m.end()
    _SENT_MEMO.last = (text, found)
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of a paper's text.

    >>> t = "A title" + 2 * chr(10) + "We use GPT-4. It works (e.g. here)."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['A title', 'We use GPT-4.', 'It works (e.g. here).']
    """
    spans = []
    start = 0
    for m in _sentence_breaks(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@lru_cache(maxsize=100_000)
def _trim_token(t: str) -> tuple[int, str]:
    """Return how far a raw token's start moves and what is left of it (a pure function of the token).

    A possessive, a trailing hyphen, a glued lowercase head and modifier tails
    ("GPT-like", "LLM-based", "340M-parameter") are cut off.
    """
    s = 0
    p = _POSSESSIVE.search(t) if ("'" in t or "\u2019" in t) else None
    if p:
        t = t[: p.start()]
    if t.endswith("-"):
        t = t.rstrip("-")
    glued = _GLUED_HEAD.match(t)
    if glued:
        s += glued.end()
        t = t[glued.end() :]
    # "GPT-like", "LLM-based", "340M-parameter": the lowercase tail is a modifier
    while "-" in t:
        head, _, tail = t.rpartition("-")
        if tail in _TITLE_MODIFIERS and head and _shape(head.split("-")[-1]):
            t = head  # "LLM-Generated Data", "GPT-Based Agents" in a title
        elif tail in _SPLIT_TAILS and head and _shape(head.split("-")[-1]):
            break  # "miniF2F-test", "ProofNet-test": the test split of a data set is a name of its own
        elif tail.isalpha() and tail.islower() and tail not in _VARIANTS and tail not in _NAME_TAILS and len(tail) > 1 and head and _shape(head.split("-")[-1]) or (
            tail.isalpha() and tail.islower() and len(tail) > 1 and tail not in _VARIANTS and head[-1:].isdigit()
        ):
            t = head
        else:
            break
    return s, t


# lowercase name parts that end a name rather than modify it ("GEO-bench", "Long-eval")
_NAME_TAILS = {"bench", "eval", "arena", "net", "former", "coder", "math"}
# lowercase tails that name the evaluation split of a data set ("miniF2F-test", "ProofNet-test", "MATH-val")
_SPLIT_TAILS = {"test", "val"}
_SPLIT_NAME = re.compile(r"\w-(?:test|val)$")
_TITLE_MODIFIERS = {"Based", "Generated", "Like", "Style", "Driven", "Powered", "Guided", "Augmented", "Enhanced", "Assisted", "Aware", "Specific", "Free"}


def _has_inner_upper(t: str) -> bool:
    return any(c.isupper() for c in t[1:])


_URLISH = re.compile(r"https?://\S+|www\.\S+|\.(?:com|io|org|ai|co|net|gy|ly)\b")  # alternatives with literal heads scan fast
_MODIFIER_AFTER = re.compile(r"[\s\-](?:based|like|style|series|family|inspired|derived)\b", re.I)
_GLUED_HEAD = re.compile(r"^[a-z]{4,}-(?=[A-Z][a-z]*[A-Z])")
_NAME_WORD = r"(?:[A-Z][\w'^]*(?:-[\w'^]+)*)"
# the same, not glued to a word before it: the same matches as (?<![\w\-])_NAME_WORD, but the
# look-behind after the capital lets the regex engine skip ahead to capitals (much faster scans)
_NAME_WORD_FREE = r"(?:[A-Z](?<![\w\-].)[\w'^]*(?:-[\w'^]+)*)"
_NOUN_NAMED = re.compile(
    r"(%s(?: (?:%s|V?\d+(?:\.\d+)*))*)(?: \d+(?:\.\d+)?[kKMBT](?= (?:corpus|corpora|datasets?)\b))? (Benchmark|Challenge|challenge|Arena|arena|Leaderboard|Corpus|Dataset|Suite|"
    r"benchmarks?|datasets?|corpus|corpora|database|treebank|data set|test set|dev set|validation set|test split)\b" % (_NAME_WORD_FREE, _NAME_WORD)
)
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
_NONE_BEFORE_TAIL = re.compile(
    r"\b(?:a|an|our|the proposed)\s+(?:[\w\-]+\s+){0,4}?(?:approach|method|framework|technique|algorithm|strategy|pipeline|system)\s*,\s*$", re.I
)
_DEF_AFTER = re.compile(r",(?<=[\w'^],)\s+an?\s+(?:(?!(?:that|which|who|to|for|with|from|on)\s)[\w\-.]+\s+){0,5}?(?:dataset|corpus|benchmark|testbed|suite)\b")
_DEF_CALLED = re.compile(
    r"(?:\b(?:called|named|dubbed|termed|coined|refer(?:red)? to (?:[\w\-]+ ){0,5}?as)\s*:?\s*[\"\u201c]?)([A-Z][\w'^]*(?:-[\w'^]+)*(?:\s+[A-Z][\w'^]*(?:-[\w'^]+)*){0,5})(?=[\s,.;:()\"\u201d]|$)"
)
# 'we build a "Large Concept Model"': a quoted name after an article (checked before the quote)
_DEF_QUOTED = re.compile(
    r"[\"\u201c](?=[A-Z][\w\-]* [A-Z])([A-Z][\w'^]*(?:-[\w'^]+)*(?:\s+[A-Z][\w'^]*(?:-[\w'^]+)*){0,5})(?=[\"\u201d])"
)
# the last word of a multi-word name a defining phrase gives: its type noun
_NAME_HEAD_TYPE = {"model": MODEL, "models": MODEL, "benchmark": BENCHMARK, "dataset": DATASET, "corpus": DATASET}
# a list of examples headed by a method word (the guidelines' non-entities)
_METHOD_LIST = re.compile(
    r"\b(?:approaches|techniques|algorithms|frameworks|strategies|(?<!general )(?<!common )(?<!standard )(?<!popular )(?<!benchmark )metrics|(?<!evaluation )(?<!benchmarking )platforms|toolkits|libraries|(?<![\w\-])(?!(?i:proprietary|commercial|closed|closed-source|open|open-source|state-of-the-art|sota|leading|competing|strong|other|baseline|deployed)\s)[A-Za-z][a-z\-]{2,} (?:methods|schemes|systems))\s*,?\s*\(?(?:such as|like|including|namely|e\.g\.,?)\s+"
    r"(?:[^,;.()]{1,40},\s+)*(?:(?:and|or)\s+)?$"
)
_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s*(?:and|or))\s*")
# a plural type noun that heads a list of names: "benchmarks (A, B and C)", "datasets such as A, B"
_LIST_HEAD = re.compile(
    r"\b(benchmarks|datasets|data sets|corpora|suites|collections|resources)(?:\s*:\s*|\s*\(\s*(?:(?:e\.g\.|i\.e\.|including|such as|like|namely),?\s*)?|,?\s+(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?)\s+)"
)
# a counted plural type noun and a comma head an appositive list that "and" closes:
# "on 12 tasks from 4 robot manipulation benchmarks, Robomimic, Push-T, Block Pushing and Franka Kitchen"
_COUNT_COMMA_HEAD = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)\s+(?:[\w\-]+\s+){0,3}?(benchmarks|datasets|data sets|corpora|suites),\s+(?=(?:the\s+)?[A-Z])"
)
# a counted plural noun after "on/across" heads a list of evaluation or training sets:
# "On 31 held-out graphs, including Cora, PubMed and ogbn-arxiv", "pretrained on 48 graphs, including A and B"
# (written with the word boundary after each first letter: the same matches as \b(?:[Oo]n|[Aa]cross|over), but
# the regex engine can skip ahead to those letters)
_COUNT_LIST_HEAD = re.compile(
    r"(?:O(?<!\wO)n|o(?<!\wo)n|A(?<!\wA)cross|a(?<!\wa)cross|o(?<!\wo)ver)\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|multiple)\s+(?:[\w\-]+\s+){0,2}?"
    r"([a-z]{3,}s)\s*(?:,\s*|\(\s*)(?:including|such as|e\.g\.,?|namely)\s+"
)
_COUNT_LIST_CUE = re.compile(r"[,(]\s*(?:including|such as|e\.g\.,?|namely)\s")  # every match of _COUNT_LIST_HEAD holds one
_COUNT_LIST_NOT = {"models", "methods", "baselines", "languages", "metrics", "tasks", "domains", "settings", "approaches", "techniques",
                   "architectures", "llms", "lms", "mllms", "families", "sizes", "scales", "categories", "types", "modalities", "countries"}
# a plural noun for a kind of model heads a list of models: "pointmap regressors such as A and B",
# "the bioacoustic classifiers A and B", "three representative planners, A, B and C", "four judges: A, B"
_MODEL_ROLE_NOUNS = (
    "models|baselines|encoders|decoders|backbones|retrievers|rerankers|embedders|generators|detectors|classifiers|regressors|"
    "predictors|planners|policies|verifiers|judges|learners|segmenters|trackers|recognizers|vocoders|captioners|solvers|"
    "checkpoints|assistants|chatbots|networks|transformers|recommenders|LLMs|MLLMs|VLMs|LVLMs|LMMs|SLMs|LMs"
)
_MODEL_LIST_HEAD = re.compile(
    r"\b(%s)(?:(\s*:\s*|\s*\(\s*(?:(?:e\.g\.|i\.e\.|including|such as|like|namely),?\s*)?|,?\s+(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?)\s+)|(,\s+|\s+)(?=[A-Z]))"
    % _MODEL_ROLE_NOUNS
)
# the same noun in the singular right before a capitalised name: "the graph transformer GraphGPS",
# "the in-context learner TabPFN v2", "the open evaluator model Prometheus 2"
_MODEL_ROLE_SET = frozenset(_MODEL_ROLE_NOUNS.split("|"))
_MODEL_NOUN_SET = frozenset(
    "model baseline encoder decoder backbone retriever reranker embedder generator detector classifier regressor predictor planner "
    "policy verifier judge evaluator learner segmenter tracker recognizer vocoder captioner solver transformer checkpoint assistant "
    "chatbot teacher student LLM MLLM VLM LVLM LMM SLM llm mllm vlm lvlm lmm slm".split()
)
_MODEL_NOUN_DET = re.compile(r"\b(?:the|a|an|our)\s+(?:[\w\-]+\s+){0,3}$")
_MODEL_NOUN_NAMED = re.compile(
    r"(?<![\w\-])(?:model|(?i:llm|mllm|vlm|lvlm|lmm|slm)|baseline|encoder|decoder|backbone|retriever|reranker|embedder|generator|"
    r"detector|classifier|regressor|predictor|planner|policy|verifier|judge|evaluator|learner|segmenter|tracker|recognizer|vocoder|"
    r"captioner|solver|transformer|checkpoint|assistant|chatbot|teacher|student)\s+([A-Z][\w.\-]*\w(?:\s+(?:\d+(?:\.\d+)*|[vV]\d+(?:\.\d+)*))?)(?=[\s,.;:)]|$)"
)
_RX_LIST_CUE = re.compile(r"such as|including|like|namely|e\.g\.|i\.e\.|:")
_NEW_BEFORE_NOUN = re.compile(r"\b(?:new|newly\s+[a-z]+|novel|our\s+(?:own|new))\s+(?:[\w\-]+\s+){0,3}?(?:benchmarks|datasets|data sets|corpora|suites)$")
_RX_DATA_RESOURCES = re.compile(r"\b(?:[Dd]ata|[Pp]ublic|[Ee]xisting|[Aa]nnotated|[Ll]exical|[Ll]anguage|[Oo]pen) $")  # "public resources such as X"
_LIST_NOUN_TYPE = {"benchmarks": BENCHMARK, "suites": BENCHMARK, "datasets": DATASET, "data sets": DATASET, "corpora": DATASET,
                   "collections": DATASET, "resources": DATASET}
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(and|or)\s+)?|\s+(and|or)\s+)(?:the\s+)?")
# a plural type noun after a list of names: "the public A, B 1.1 and C collections", "the A and B test sets"
# (one lowercase modifier may come between: "the AMI and ICSI meeting corpora")
_LIST_TAIL = re.compile(r"(?<=[\w+)]) (benchmarks|datasets|data sets|corpora|collections|test sets|suites)\b")
_LIST_TAIL_MODIFIER = re.compile(r"(?<=[\w+)]) (?!(?:and|or|the|of|on|in|for|to|with|from|by|as|is|are|was|were|training|evaluation|new|our|two|three|four|five|six|several|other|public|these|those)\b)[a-z]{3,}(?<!s)$")
_LIST_TAIL_TYPE = {"benchmarks": BENCHMARK, "suites": BENCHMARK, "test sets": BENCHMARK, "datasets": DATASET, "data sets": DATASET,
                   "corpora": DATASET, "collections": DATASET}
_LIST_SEP_BACK = re.compile(r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")
# what one fine-tunes, re-trains, distills, quantizes or prunes is a model: "we fine-tune Octo and OpenVLA on X",
# "We distill SD 1.5, SDXL and FLUX.1-dev into ...", "We re-train and evaluate CDVAE, DiffCSP, FlowMM and MatterGen",
# "compare them with RemoteCLIP and GeoRSCLIP" (lowercase verbs only: not title words such as "Pruning Decisions")
_MODEL_OBJECT_VERB = re.compile(
    r"\b(?:fine-?tun(?:e|es|ed|ing)|finetun(?:e|es|ed|ing)|re-?train(?:s|ed|ing)?|distill?(?:s|ed|ing)?|quantiz(?:e|es|ed|ing)|"
    r"prun(?:e|es|ed|ing)|compar(?:e|es|ed|ing) (?:it|them|ours?) (?:with|to|against)|evaluat(?:e|es|ed|ing) (?:it|them) with)"
    r"(?: and (?:re-?)?(?:evaluat|test|train|tun)[a-z]*)?\s+(?:the\s+)?$"
)
_EVALUATED_SYSTEMS = re.compile(r"\b[Ww]e\s+(?:also\s+|then\s+)?(?:evaluate|evaluated|test|tested|benchmark|benchmarked|compare|compared)\s+$")
_MODEL_OBJECT_SEP_BACK = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?:the\s+)?)$")
_MODEL_OBJECT_END = re.compile(r"(?:[,.;:)]|\s+(?:and|or|on|with|into|to|for|using|in|under|at|as|from|by|across)\b|$)")
# a list of data sets that is the object of "on"/"across" is where results are measured: "Experimental
# results on nine real-life datasets (e.g., A, B)", "improves micro-F1 on the A, B and C datasets",
# "hold across thirteen standard datasets, including A" (but not "fine-tuned on the A and B corpora")
_DATA_LIST_ON = re.compile(r"\b(?:[Oo]n|[Aa]cross)\s+(?:the\s+)?(?:[\w\-]+\s+){0,5}$")
_DATA_LIST_ON_TRAIN = re.compile(r"(?:train|tun|learn|distill|fit)\w*\s+(?:[\w\-/.]+\s+){0,6}?(?:on|across)\s+(?:the\s+)?(?:[\w\-]+\s+){0,5}$", re.I)


# every match of these patterns starts with one of its heads (literal strings): see _matches_at
_LIST_TAIL_HEADS = (" benchmarks", " datasets", " data sets", " corpora", " collections", " test sets", " suites")
_LIST_HEAD_HEADS = ("benchmarks", "datasets", "data sets", "corpora", "suites", "collections", "resources")
# the nouns of those heads, and those _listed_names looks for before a comma (see _list_noun_places)
_LIST_NOUNS = ("benchmarks", "datasets", "data sets", "corpora", "collections", "test sets", "suites", "resources")
_COMMA_NOUNS = ("benchmarks", "datasets", "data sets", "corpora", "suites")
_DEF_CALLED_HEADS = ("called", "named", "dubbed", "termed", "coined", "refer")
_INTRO_VERB_HEADS = ("we", "this", "here", "in this", "our")  # lowercase: _INTRO_VERB ignores case
_INTRO_GERUND_HEADS = ("by", "after", "while")
# the gerunds of _INTRO_GERUND (lowercase: it ignores case): every match holds one
_INTRO_GERUNDS = ("introducing", "proposing", "presenting", "releasing", "developing", "building", "constructing", "creating", "curating",
                  "collecting", "designing")
_URL_DOT_HEADS = (".co", ".io", ".org", ".ai", ".net", ".gy", ".ly")
_URLISH_HEADS = ("http", "www.", *_URL_DOT_HEADS)


def _occurrences(hay: str, heads: tuple[str, ...], pos: int) -> list[int]:
    """Return where each of ``heads`` occurs in ``hay`` from ``pos`` on (overlaps included; per head, in order)."""
    found = []
    for h in heads:
        p = hay.find(h, pos)
        while p >= 0:
            found.append(p)
            p = hay.find(h, p + 1)
    return found


def _matches_at(rx: re.Pattern[str], text: str, pos: int, heads: tuple[str, ...], low: str | None = None) -> Iterable[re.Match[str]]:
    """Yield what ``rx.finditer(text, pos)`` yields, for a pattern whose every match starts with one of ``heads``.

    The pattern is tried only where a head occurs (found by ``str.find``; a regex scan of the whole text is slow),
    left to right, each match after the end of the one before, as ``finditer`` does (no match is empty).
    ``low``: ``text.lower()`` of an ASCII text, where to look for lowercase heads (for a case-insensitive pattern).
    """
    return _matches_from(rx, text, pos, _occurrences(text if low is None else low, heads, pos))


def _matches_from(rx: re.Pattern[str], text: str, pos: int, starts: list[int]) -> Iterable[re.Match[str]]:
    """Yield what ``rx.finditer(text, pos)`` yields, given ``starts``: every place from ``pos`` on where a match
    may start (in any order; a place given twice gives nothing more)."""
    if not starts:
        return
    starts.sort()
    end = pos
    for p in starts:
        if p < end:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            end = m.end()


def _urlish_starts(work: str) -> list[int]:
    """Return the places ``_occurrences(work, _URLISH_HEADS, 0)`` returns (in another order): the heads that start
    with a dot are looked for at the dots of the text (one short scan to each dot; a scan of the whole text per
    short head is slow)."""
    found = _occurrences(work, ("http", "www."), 0)
    p = work.find(".")
    while p >= 0:
        if work.startswith(_URL_DOT_HEADS, p):
            found.append(p)
        p = work.find(".", p + 1)
    return found


def _list_noun_places(work: str, lo: int) -> tuple[list[int], list[int], list[tuple[str, list[int]]]]:
    """Return, from one scan per noun of ``_LIST_NOUNS`` (from ``lo``), the places of ``_LIST_TAIL_HEADS`` (as
    ``_occurrences(work, _LIST_TAIL_HEADS, lo)``, in another order: a noun after a space), those of
    ``_LIST_HEAD_HEADS`` (likewise) and, per noun of ``_COMMA_NOUNS`` in turn, where it occurs before ", " (in order,
    as ``str.find`` finds noun + ", " from ``lo`` on)."""
    at = {noun: _occurrences(work, (noun,), lo) for noun in _LIST_NOUNS}
    tail = [p - 1 for h in _LIST_TAIL_HEADS for p in at[h[1:]] if p > lo and work[p - 1] == " "]
    head = [p for h in _LIST_HEAD_HEADS for p in at[h]]
    comma = [(noun, [p for p in at[noun] if work.startswith(", ", p + len(noun))]) for noun in _COMMA_NOUNS]
    return tail, head, comma


# every match of _NOUN_NAMED ends in one of these (its type noun after a space), and holds none of the
# _NOUN_NAMED_STOPS before it (its words, numbers and single spaces have no such character; a "." only
# between digits); it starts at a capital no word character or hyphen comes before (_FREE_CAPITAL)
_NOUN_NAMED_HEADS = (" Benchmark", " Challenge", " challenge", " Arena", " arena", " Leaderboard", " Corpus", " Dataset", " Suite", " benchmark",
                     " dataset", " corpus", " corpora", " database", " treebank", " data set", " test set", " dev set", " validation set", " test split")
_NOUN_NAMED_STOPS = (",", "(", ")", ";", ":", "\n", ". ")
_FREE_CAPITAL = re.compile(r"[A-Z](?<![\w\-].)")


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


def _data_list_evaluated(work: str, pos: int) -> bool:
    """Whether the list of data sets that starts (or whose head noun starts) at ``pos`` follows "on"/"across"."""
    before = work[max(0, pos - 110) : pos]
    cut = max(before.rfind(". "), before.rfind("; "))
    if cut >= 0:
        before = before[cut + 2 :]
    return _DATA_LIST_ON.search(before) is not None and _DATA_LIST_ON_TRAIN.search(before) is None


def _list_token_ok(t: str, first: bool) -> bool:
    """Return whether a token may be part of a list item: capitalised, with a digit, or name-shaped."""
    if t[:1].isupper():
        return not (first and t.casefold() in _PHRASE_SKIP)
    if first:
        return any(ch.isdigit() for ch in t) or ("-" in t and not t.endswith("-")) or _shape(t) > 0
    return any(ch.isdigit() for ch in t) or _shape(t) > 0


def _model_item_token(t: str) -> bool:
    """Return whether a token may be part of a model's name in a list of models ("Grounding DINO", "Whisper large-v3")."""
    return t[:1].isupper() or any(ch.isdigit() for ch in t) or _shape(t) > 0 or t.casefold().split("-", 1)[0] in _VARIANTS


# capitalised phrases ending in a corpus morpheme ("Common Crawl")
_CRAWL_NAMED = re.compile(r"(?<![\w\-])((?:[A-Z][a-z]+ ){1,2}(?:Crawl|WebText|Pajama))\b")
_CITED_PHRASE = re.compile(r"\s*\([^()]{0,60}?(?:et al\.|\d{4}[a-z]?)[^()]{0,20}\)\s+(?:[\w\-]+\s+){1,3}?(model|models|dataset|benchmark|corpus)\b")
_NAME_TAIL_TYPE = {
    "Challenge": BENCHMARK, "Benchmark": BENCHMARK, "Arena": BENCHMARK, "Leaderboard": BENCHMARK, "Suite": BENCHMARK,
    "Bench": BENCHMARK, "Corpus": DATASET, "Dataset": DATASET, "challenge": BENCHMARK,
}
_PHRASE_NOUN_TYPE = {
    "benchmark": BENCHMARK, "challenge": BENCHMARK, "arena": BENCHMARK, "leaderboard": BENCHMARK, "suite": BENCHMARK,
    "corpu": DATASET, "corpora": DATASET, "dataset": DATASET, "database": DATASET, "treebank": DATASET, "data set": DATASET,
    "test set": BENCHMARK, "dev set": BENCHMARK, "validation set": BENCHMARK, "test split": BENCHMARK,
}
_TITLE_ITEM = re.compile(r"%s(?: %s){0,2}" % (_NAME_WORD, _NAME_WORD))
_TITLE_LIST = re.compile(
    r"%s(?: %s){0,2}(?:(?:,| and| or|, and|, or) %s(?: %s){0,2})+(?![\w\-])" % ((_NAME_WORD_FREE,) + (_NAME_WORD,) * 3)
)
# words that start a capitalised phrase without naming anything (general English)
_PHRASE_SKIP = {
    "the", "a", "an", "our", "this", "these", "those", "their", "its", "we", "in", "on", "for", "with", "by", "from",
    "existing", "current", "new", "each", "both", "all", "other", "popular", "standard", "several", "many", "most",
    "some", "two", "three", "four", "five", "and", "or", "however", "moreover", "finally", "first", "second", "third",
    "additionally", "furthermore", "specifically", "notably", "overall", "recently", "table", "figure", "section",
    "across", "among", "unlike", "beyond", "against", "via", "using", "following", "compared", "than", "over", "under", "between",
}
# capitalised language and nationality words ("English corpus", "Norwegian benchmark")
_LANGUAGE_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:ese|ian|ish|ic|an)|English|French|Dutch|Greek|Thai|Swiss|Hindi|Urdu|Czech|Welsh|Irish)$")
# heads of capitalised task names ("Image-Text Retrieval")
_TASK_WORDS = {"retrieval", "reasoning", "answering", "comprehension", "entailment", "classification", "generation",
               "recognition", "translation", "summarization", "detection", "segmentation", "captioning",
               "understanding", "inference", "parsing", "tagging", "labeling", "extraction", "analysis", "modeling"}
_PLAIN = re.compile(r"^[a-z]+$|^[A-Z][a-z]+$")


# precompiled inline patterns of the code below (re's own pattern cache costs a lookup per call)
_RX_SHAPE_1 = re.compile(r"\d+(?:\.\d+)*[A-Za-z]?")


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
        numeric = any(_RX_SHAPE_1.fullmatch(p) or _SIZE.match(p) for p in parts[1:])
        if numeric and (best == 1 or parts[0][:1].isupper()):
            return 2  # GLM-4-Air, AISHELL-1, Llama-2-7B
        return best
    return _shape_part(t)


_ACRONYM_HIGHLIGHT = re.compile(r"^[a-z]{3,}[A-Z]{2,}[a-z]{3,}$")  # "Music undERstanding model (MERT)"


def _shape_part(t: str) -> int:
    if len(t) < 2 or _NUMBERISH.match(t) or _SIZE.match(t) or _ACRONYM_HIGHLIGHT.match(t):
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
    r"(?:also\s+|further\s+|first\s+|then\s+|additionally\s+|hereby\s+|finally\s+|now\s+|are\s+(?:also\s+)?(?=\w+ing\b))?"
    r"(?:(?:introduc|propos|releas|creat|open-?sourc|curat|describ|contribut|provid)(?:e[sd]?|ing)|"
    r"(?:present|develop|build|construct|train|pre-?train|collect|design|offer|unveil|launch|establish)(?:s|ing)?)\b",
    re.I,
)
_NAMING = re.compile(
    r"\b(?:called|named|dubbed|termed(?: as)?|coined|namely|entitled|denoted(?: as| by)?|(?:we|they) call|"
    r"refer(?:red)? to (?:[\w\-]+ ){0,5}?as)\s*[:,]?\s*$",
    re.I,
)
_INTRO_GERUND = re.compile(
    r"\b(?:by|after|while)\s+(?:first\s+)?(?:introduc|propos|present|releas|develop|build|construct|creat|curat|collect|design)ing\b", re.I
)
# words between "our" and the name of the paper's own artifact ("our new model, X")
_OUR_WORDS = {"new", "novel", "proposed", "own", "final", "best", "largest", "smallest", "open", "open-source", "pre-trained",
              "pretrained", "fine-tuned", "finetuned", "resulting", "released", "trained", "first", "language", "multilingual"}
_PARTS_VERB = re.compile(r"\s+(?:includes|contains|consists of|comprises|is composed of|is made up of)\s")
# "we obtain X": a making verb right before an unknown name (at most two words between)
_MAKE_VERB = re.compile(
    r"\bwe\s+(?:also\s+|thus\s+|then\s+|further\s+)?(?:obtain|produce|compile|assemble|annotate|derive|synthesi[sz]e)(?:d)?\s+(?:[\w\-]+\s+){0,2}$", re.I
)
# words one of which each pattern needs (case-insensitive): pre-checks for _may_match
_TRAINED_ON_WORDS = ("train", "tun")
# what may follow a scored-on acronym ("F1 on POPE by 2.8 points"); not a noun it modifies ("on NLP tasks")
_SCORED_NEXT = re.compile(r"[\s,;.)]*(?:$|[,;.)]|(?:and|or|by|with|while|at|in|for|across|than|under|using|when|where|which|to|from|as|respectively|compared|versus|vs)\b|\d)")
# "On LEVIR-CD, WHU-CD and SYSU-CD, X achieves ...": a sentence that opens on a list of evaluation sets
_SENT_OPENS_ON = re.compile(r"(?:^|[.!?]\s+|\n)(?:On|Across)\s+(?:the\s+)?$")


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    """Return False only if ``text`` is ASCII and contains none of ``words`` (lowercase) in any case."""
    if not text.isascii():
        return True  # case-insensitive regexes match some non-ASCII letters too ("\u017f" for "s")
    low = text.lower()
    return any(w in low for w in words)


# the same pre-checks on text already lowercased (a scan for many words at once): see Recognizer._type_from_context
_INIT_FROM_WORDS_RX = re.compile("train|tun|initiali|distill|warm")


# Exact pre-checks on the end of an ASCII ``before`` for patterns that match only at its end (each ends in ``$``).
# ``words`` is ``before.lower().split()`` when ``before`` ends in whitespace, else ``()``: a pattern whose every
# match ends in ``\s+$`` cannot match then (``$`` matches at the end or before a final newline, itself
# whitespace). A check returns False only where its pattern cannot match (see the tests, which compare them).
_COMPARED_ENDS = ("perform", "performs", "performed", "performing", "surpass", "surpasses", "surpassed", "surpassing", "beat", "beats",
                  "beating", "exceed", "exceeds", "exceeded", "exceeding", "matches", "matched", "matching", "rival", "rivals", "rivaled",
                  "rivaling", "than", "versus", "vs", "vs.", "over")
_COMPARED_PHRASES = ("relative to", "compared to", "compared with", "competitive with", "par with")


def _may_be_compared(words: list[str], low: str) -> bool:
    """Pre-check of ``_COMPARED_WITH.search(before) or _IMPROVED_OVER.search(before)``.

    A match ends in its comparing word (or "over"), after whitespace or a word boundary, then at most
    two whole words (the modifiers, "the"), each after whitespace: one of the last three words ends
    in that word; "to" and "with" only as the end of a phrase of ``_COMPARED_PHRASES``.
    """
    tail = words[-3:]
    for w in tail:
        if w.endswith(_COMPARED_ENDS):
            return True
    return ("to" in tail or "with" in tail) and any(p in low for p in _COMPARED_PHRASES)


def _may_be_evaluated_on(words: list[str]) -> bool:
    """Pre-check of ``_EVALUATED_ON.search(before)``: a match ends in the whole words "on" or "across",
    an optional "the", then any number of words ending in ","."""
    k = len(words) - 1
    while k >= 0 and words[k][-1] == ",":
        k -= 1
    if k >= 0 and words[k] == "the":
        k -= 1
    return k >= 0 and words[k] in ("on", "across")


_DRAWN_FROM_BEFORE = (
    "data", "text", "texts", "knowledge", "corpus", "documents", "examples", "samples", "images", "prompts", "questions", "tokens", "articles",
    "pages", "conversations", "dialogues", "scenes", "scans", "videos", "clips", "recordings", "graphs", "trajectories", "episodes", "speech",
    "summaries", "notes", "reports", "records", "sentences", "passages", "utterances", "hours", "extracted", "collected", "sourced", "drawn",
    "crawled", "scraped", "taken", "derived", "mined", "sampled", "aggregated", "gathered", "pooled", "constructed", "built", "created", "curated",
)


def _may_be_drawn_from(words: list[str]) -> bool:
    """Pre-check of ``_DRAWN_FROM.search(before)``: a match holds the whole word "from", "with" or "using", then at
    most two whole words, and the word before it ends in one of the words of the pattern (``_DRAWN_FROM_BEFORE``)."""
    for k in range(max(1, len(words) - 3), len(words)):
        if words[k] in ("from", "with", "using") and words[k - 1].endswith(_DRAWN_FROM_BEFORE):
            return True
    return False


# _CLASS_NOUN_BEFORE without its look-behinds, read backwards (on the reversed text, from its start): the optional
# final newline, "the ", the cue, the mark and the noun, each reversed, in reverse order
_CLASS_NOUN_ENDS = ("benchmark", "benchmarks", "dataset", "datasets", "corpus", "corpora", "model", "models", "llm", "llms", "baseline",
                    "baselines", "assistant", "assistants", "encoder", "encoders", "backbone", "backbones", "resources", "evaluations")
_CLASS_NOUN_BEFORE_REVERSED = re.compile(
    r"\n?(?: eht)?[ ]*(?:sa hcus|ekil|gnidulcni|,?\.g\.e|,?\.e\.i|yleman)?[ ]*[,:(]?[ ]*(?:%s)"
    % "|".join(sorted((w[::-1] for w in _CLASS_NOUN_ENDS), key=len, reverse=True))
)


def _may_be_class_noun_before(low: str) -> bool:
    """Pre-check of ``_CLASS_NOUN_BEFORE.search(before)`` (``low`` is ``before.lower()``, ASCII): a match ends at
    the end (or before a final newline), so the reversed pattern matches the reversed text at its start."""
    return _CLASS_NOUN_BEFORE_REVERSED.match(low[::-1]) is not None


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


_MAKE_VERB_STEMS = ("obtain", "produce", "compile", "assemble", "annotate", "derive", "synthesi")
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
# "We collect TutorDial, 3,214 tutoring dialogues ...", "We also release X, 1.1 million polymers": a name the paper
# makes (a verb of making right before it) that a count of items describes is a data set
_MADE_NAME_BEFORE = re.compile(
    r"\bwe\s+(?:also\s+|further\s+|then\s+|first\s+|additionally\s+|newly\s+)?"
    r"(?:collect|releas|buil[dt]|construct|creat|curat|introduc|present|compil|assembl|gather|record|contribut)(?:e|es|ed|s|d)?\s+$",
    re.I,
)
_COUNT_APPOSITIVE = re.compile(
    r",\s+(?:about\s+|over\s+|roughly\s+|nearly\s+|some\s+|almost\s+|more\s+than\s+)?\d[\d,.]*\s*(?:[kKM]|million|billion|thousand)?\s+"
    r"(?!(?:and|or|to|of|parameters?|params|layers|languages|models?|variants?|sizes?|checkpoints?|times|percent|points?)\b)[a-z][\w\-]*"
)
# "Tidal-Small (38M)", "Gopher (280B)", "Self-RAG (7B and 13B parameters)": a parameter count in parentheses sizes a model
_PAREN_SIZE = re.compile(r" \((?:\d+(?:\.\d+)?[BM](?:\s*(?:,|and|or|to|-)\s*)?)+(?:\s+param(?:eter)?s)?\)")
_PAREN_COUNT = re.compile(r" \(\d+(?:\.\d+)?[BM]\)")
_SIZED_NAME_BACK = re.compile(r"(?<![\w\-])([A-Z][\w\-.]*\w(?: [A-Z][\w\-.]*\w){0,2})$")
_DATA_UNITS_AFTER = re.compile(r"(?:[^.;]{0,40}?\s)?(?:tokens|words|images|examples|samples|pairs|hours|documents|sentences)\b")
_NAMELY_AFTER = re.compile(r"\bnamely\s*[:,]?\s*$", re.I)
_PLURAL_NAMELY = re.compile(r"\b[a-z]{3,}[^s\W]s\s*,?\s*namely\s*[:,]?\s*$")  # "benchmarks, namely"


_NEW = re.compile(r"\b(?:new|novel|our|first|proposed|resulting)\b", re.I)  # words that mark the paper's own artifact


# token codes (:meth:`Recognizer._token_code`): the shape strength in the low bits, then a flag
_SHAPE_BITS = 3
_MAY_START_GAZ = 4
_MODEL_NOUN = 8  # a noun for a kind of model ("models", "regressors", "learner")
_RELEASE = 16  # a release number ("v1.5", "2.1": ``_RELEASE_NUMBER``)
# per flag, a bytes.translate table that maps a code to 1 if it has the flag, else to 0 (see _flagged)
_FLAG_TABLES = {flag: bytes(1 if v & flag else 0 for v in range(256)) for flag in (_SHAPE_BITS, _MAY_START_GAZ, _MODEL_NOUN, _RELEASE)}
_ENTRY_TEXT, _ENTRY_PACKED = itemgetter(0), itemgetter(4)
_DROPPED = ("", 0, 0, 2, 2 << 5)  # the entry (:meth:`Recognizer._word_entry`) of a raw token that trims to nothing
# an entry's code and fix packed in one byte (code | fix << 5: codes are below 32), and per packed byte its code and its fix
_CODE_OF = bytes(v & 31 for v in range(256))
_FIX_OF = bytes(v >> 5 for v in range(256))


def _flagged(code_bytes: bytes, flag: int) -> list[int]:
    """Return the indices of the codes (as ``bytes``) that have ``flag`` (found by C code: few have)."""
    marks = code_bytes.translate(_FLAG_TABLES[flag])
    out = []
    k = marks.find(1)
    while k >= 0:
        out.append(k)
        k = marks.find(1, k + 1)
    return out


# precompiled inline patterns of the code below (re's own pattern cache costs a lookup per call)
_RX_RECOGNIZER_1 = re.compile(r"\s*([^\W\d_][\w.+\-^' ]{0,40}?)\s*:\s")
_RX_RECOGNIZER_2 = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:,|\(|\s+is|\s+are|,\s*which is|,\s*that is|\s+-+|\s+as)\s*(?:a|an|the|our|one|two|three|first|new|novel)\s+(.*)", re.I | re.S)
_RX_RECOGNIZER_3 = re.compile(r"(?:-|\s)(based|like|style|series|family|sized|scale|generated|powered|driven|base|large|small|chat|instruct)\b", re.I)
_RX_RECOGNIZER_4 = re.compile(r"(?:\s*\([^()]{0,60}?\d{4}[a-z]?\))?\s+((?:[\w\-]+\s+){0,1}[\w\-]+)")
_RX_RECOGNIZER_5 = re.compile(r"^\d+(?:\.\d+)?[BMT]\s+")
_RX_RECOGNIZER_6 = re.compile(r"\s*([^:]{1,60}?)\s*:\s+(.*)")
_RX_RECOGNIZER_7 = re.compile(r"[^a-z0-9]")
_RX_RECOGNIZER_8 = re.compile(r"[\w\-]+")
_RX_RECOGNIZER_9 = re.compile(r"\),\s+an?\s")
_RX_RECOGNIZER_10 = re.compile(r"\s*:\s*(?:a|an|the|our|one|two|three|first|new)\s+(.*)", re.I | re.S)
_RX_RECOGNIZER_11 = re.compile(r"\s+(?:model|models|llm|llms|lm|lms|network|checkpoints?)\b", re.I)
_RX_RECOGNIZER_12 = re.compile(r"\bour\s+(?:[\w\-]+\s+){0,3}$", re.I)
_DRAWN_FROM = re.compile(r"\b(?:data|text|texts|knowledge|corpus|documents|examples|samples|images|prompts|questions|tokens|articles|pages|conversations|dialogues|scenes|scans|videos|clips|recordings|graphs|trajectories|episodes|speech|summaries|notes|reports|records|sentences|passages|utterances|hours)\s+(?:(?:extracted|collected|sourced|drawn|crawled|scraped|taken|derived|mined|sampled)\s+)?from\s+(?:the\s+)?$|\b(?:extracted|collected|sourced|crawled|scraped|mined|sampled|drawn|aggregated|gathered|pooled)\s+from\s+(?:the\s+)?$"
                r"|\b(?:dataset|corpus|data)\s+(?:constructed|built|created|curated|derived)\s+(?:with|from|using)\s+(?:[a-z\-]+\s+){0,2}$", re.I)
_TRAINED_ON = re.compile(r"\b(?:(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:[\w\-]+\s+){0,3}?(?:on|with|using|over|from)|trains?\s+(?:[\w\-]+\s+){0,3}?on|train\s+(?:[\w\-/]+\s+){1,5}?from\s+scratch\s+on)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", re.I)
# "fine-tuned from X", "continually pretrained from X", "initialised from X", "instruction-tuned into X":
# what a model is trained *from* (or tuned *into*) is a model, what it is trained *on* is data
_INIT_FROM = re.compile(
    r"\b(?:(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*|[\w\-]+-tun(?:ed|ing)|initiali[sz](?:ed|ing)|distill(?:ed|ing)|warm-?start(?:ed|ing))\s+(?:(?:directly|further|also)\s+)?from"
    r"|(?:fine-?|instruction-|chat-|[\w\-]+-)?tun(?:ed|ing)\s+(?:it\s+|them\s+)?into)\s+(?:the\s+|a\s+|an\s+)?(?:(?:open|public|pre-?trained|base|publicly\s+available|released|original)\s+)?$",
    re.I,
)
_CLASS_NOUN_BEFORE = re.compile(r"(?<![\w\-])(?<!\b[Ww]e )(?<!\bto )(?<!\bthey )(benchmarks?|datasets?|corpus|corpora|models?|llms?|baselines?|assistants?|encoders?|backbones?|resources|evaluations)[ ]*(?:,|:|\()?[ ]*(?:such as|like|including|e\.g\.,?|i\.e\.,?|namely)?[ ]*(?:the )?$", re.I)
_RX_RECOGNIZER_16 = re.compile(r"[\w\-']+")
_RX_RECOGNIZER_17 = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?,\s*(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:new|novel|first)\b", re.I)
_RX_RECOGNIZER_18 = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:is|are|will be|has been|have been)\s+(?:publicly\s+|freely\s+|openly\s+|now\s+)?(?:available|released|open-sourced)\s+(?:at|on|from|via|in)\s+(?:https?://|www\.|github|hugging)", re.I)
_RX_RECOGNIZER_19 = re.compile(r"(?:\s*(?:,|and|, and)\s+[\w\-]+)*\s+(?:is|are)\s+(?:a\s+|an\s+)?(?:new|novel)\b")
_RX_RECOGNIZER_20 = re.compile(r"\b(?:our|the proposed|our proposed)\s+((?:[\w\-]+,?\s+){0,2})$", re.I)
_RX_RECOGNIZER_21 = re.compile(r"[ \-]")
_RX_RECOGNIZER_22 = re.compile(r"Bench|bench|Eval|EVAL|Arena")
_RX_RECOGNIZER_23 = re.compile(r"\s*\([A-Z][\w\-]*\)")
_RX_RECOGNIZER_24 = re.compile(r"\s*\(([\w\-]+)\)")
_RX_RECOGNIZER_25 = re.compile(r"[A-Z]{2,}['\u2019]?\d\d")  # "TREC DL'19", "TREC DL19"
_RX_RECOGNIZER_26 = re.compile(r"\d+(?:\.\d+)?[kK]")
_RX_RECOGNIZER_27 = re.compile(r"\s*[*\u00d7x]\s*\d")
_RX_RECOGNIZER_28 = re.compile(r"[a-z]?[A-Z]{1,3}LMs?")
_RX_RECOGNIZER_29 = re.compile(r"\s+as\s")
_EVALUATED_ON = re.compile(r"\b(?:evaluat\w*|test\w*|results?|experiments?|accuracy|performance|scores?|outperform\w*|achiev\w*|sota|state-of-the-art|"
                           r"f1|dice|recall|precision|psnr|ssim|miou|auroc|auc|bleu|rouge\w*|errors?|gains?|improv\w*|points|"
                           r"classification|retrieval|segmentation|detection|recognition|captioning|forecasting)\s+(?:[\w\-]+(?:\.\d+)?%?\s+){0,4}?(?:on|across)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", re.I)
# "+4.9% on X", "1.4 dB on X", "0.87 kappa on X": a score (and its unit or metric) reported on a data set
_SCORE_BEFORE_ON = re.compile(
    r"(?:\d%|(?<![\w.\-])(?:\+\d+(?:\.\d+)?|\d+\.\d+))\s+"
    r"(?:points?\s+|(?!(?:hours?|days?|minutes?|seconds?|tokens?|times|GPUs?|million|billion|trillion|thousand|and|or|to)\b)[A-Za-z][\w\-@]{0,7}\s+)?on\s+(?:the\s+)?$"
)
_RX_RECOGNIZER_32 = re.compile(r"(?:[\s\-]*[vV]?\d+(?:\.\d+)*[a-z]?)$")
_RX_RECOGNIZER_33 = re.compile(r"^(.{3,}?)-[A-Z]{1,2}$")
_RX_RECOGNIZER_34 = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:,|;|/|,?\s*(?:and|or|&|as well as|vs\.?|versus))\s*(?:the\s+)?(?:[A-Z][\w\-]*['\u2019]s\s+)?")
_RX_RECOGNIZER_35 = re.compile(r",?\s+and\s+$")
_RX_RECOGNIZER_36 = re.compile(r",\s+an?\s")
_RX_RECOGNIZER_37 = re.compile(r",\s+(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:model|llm|lm|benchmark|dataset|corpus|suite)\b", re.I)
_RX_RECOGNIZER_38 = re.compile(r"(?:Benchmark|Challenge|Arena|Leaderboard|Corpus|Dataset|Suite)$")
_RX_RECOGNIZER_39 = re.compile(r"\d(?:\.\d+)?[BMT]$")
_RX_RECOGNIZER_40 = re.compile(r"(?:and|or|,|/)\s*$")
_RX_RECOGNIZER_41 = re.compile(r"\s*(?:(?:and|or|,|to|/)\s*\d|-\d)")
_RX_RECOGNIZER_42 = re.compile(r"\s*(?:and|or|,|/)\s*(?:(?:and|or)\s+)?(?:base|large|small|medium|tiny|xl|xxl|huge|mini)\b", re.I)  # "base and large"
_RX_RECOGNIZER_43 = re.compile(r"\b(?:versions?|variants?|extensions?|adaptations?|successors?) of (?:the\s+)?$")
_RX_RECOGNIZER_44 = re.compile(r"-[a-z]+$")
_RX_RECOGNIZER_45 = re.compile(r"(?:ing|tion|ment)$")
_RX_RECOGNIZER_46 = re.compile(r"[\"\u201d][.,;:)]")
_RX_RECOGNIZER_47 = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")
_RX_RECOGNIZER_48 = re.compile(r"^(?:19|20)\d\d$")
_RX_RECOGNIZER_49 = re.compile(r"(?:[\w\-]+\s+){0,4}?architecture\b")
_RX_RECOGNIZER_50 = re.compile(r"[^\w\-]")
_RX_RECOGNIZER_51 = re.compile(r"\s*(?:[,;.)]|and\b|or\b|$)")
_RX_RECOGNIZER_52 = re.compile(r"\s+(?:series|family)\b")
_RX_RECOGNIZER_53 = re.compile(r"\bintroduces?\s+(?:the\s+)?$")
_RX_RECOGNIZER_54 = re.compile(r"\bfine-?tuned\b")
_RX_RECOGNIZER_55 = re.compile(r"corpus|corpora|crawl|pile|web|wiki|database", re.I)
_RX_RECOGNIZER_56 = re.compile(r"\b(?:using|with|on|in|from|than|by|over|against|via|based on|like|such as|including|which|who|whose)\b", re.I)
_RX_RECOGNIZER_57 = re.compile(r"\b(?:for|to|into)\b")
_RX_RECOGNIZER_58 = re.compile(r"bench|eval|arena|challenge", re.I)
_RX_RECOGNIZER_60 = re.compile(r"Net$|-\d+(?:\.\d+)?[BMK]$")  # name parts that type a name only weakly
_RX_RECOGNIZER_61 = re.compile(r"\s*(?:\)|;|,?\s*(?:and|or|to|-)\s*(?:19|20)\d\d\b)")  # not "AMC 2023 and 88.9% on ..."
_RX_RECOGNIZER_62 = re.compile(r"\s+(?:models?|llms?|checkpoints?|versions?)\b", re.I)
_RX_RECOGNIZER_63 = re.compile(r"\b(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:[\w\-]+\s+){0,3}?$", re.I)
_PART_OF = re.compile(r"\b(?:splits?|subsets?|portions?|partitions?|subsplits?|test sets?|dev sets?|validation sets?|training sets?|train sets?)\s+of\s+(?:the\s+)?$", re.I)
_RX_TRAIN_VERB = re.compile(r"\b(?:pre-?train|train|fine-?tun|co-train)(?:ed|ing|s|e)?\b", re.I)
_DATA_HEADS = ("benchmark", "dataset", "corpus", "benchmarks", "datasets", "corpora", "test set", "suite")
# a lowercase noun modifier between a name and its type noun (not a function word, verb form or plural)
_RX_MODIFIER_WORD = re.compile(r"(?!(?:and|or|the|a|an|of|on|in|for|to|with|from|by|as|is|are|was|were|be|new|our|its|their|this|that|which|than|into|over|at)\s)[a-z]{3,}(?<!ed)(?<!s)\s")
_COMPARED_WORDS = ("perform", "surpass", "beat", "exceed", "match", "rival", "than", "over", "relative", "compar", "competitive", "par with", "vs", "versus")
_COMPARED_WITH = re.compile(
    r"\b(?:(?:out|under)perform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|match(?:es|ed|ing)|rival(?:s|ed|ing)?|than|"
    r"relative to|compared (?:to|with)|competitive with|on par with|versus|vs\.?)\s+(?:(?:the|fine-?tuned|strong|prior|original|vanilla|open|proprietary)\s+){0,2}$",
    re.I,
)
_IMPROVED_OVER = re.compile(r"(?:\bby\s+[\d.]+\s*(?:%|points?|pp|AP|dB)?|\bimprov\w*|\bgains?|\badvantages?|\bspeedups?)\s+(?:[\w\-%.]+\s+){0,3}?over\s+(?:the\s+)?$", re.I)
_SCORE_NUMBER = re.compile(r"[1-9]\d\.\d+$")  # "58.0": a two-digit decimal is a score, not a version
_PAREN_CHECKPOINT = re.compile(r" \(([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*-\d{2,}[a-z0-9]*(?:-[a-z0-9]+)*)\)")  # " (code-davinci-002)"
_VERSION_FIRST = frozenset("vV123456789")
_RELEASE_NUMBER = re.compile(r"^(?:[vV]\d+(?:\.\d+)*|\d+\.\d+)$")  # "v1.5", "v5", "2.1", "13.0"
_CAPITAL_WORD = re.compile(r"^[A-Z][A-Za-z\-]*$")
_SCORED_NEXT_UNIT = re.compile(r"\s*(?:%|points?|dB|pp)\b|%")
_RX_VARIANT_VERSION = re.compile(r"^[a-z]+-v\d+(?:\.\d+)*$")
_RX_WEIGHTS_AFTER = re.compile(r"[\s\-]+(?:pre-?trained\s+)?(?:weights|features|statistics)\b", re.I)
_RX_RECOGNIZER_59 = re.compile(r"(?<![\w\-])[A-Z]")


def _only_variant_word(nxt: str) -> bool:
    """Whether a word after a name can only extend it as a variant word (see :meth:`Recognizer._extend_right`).

    A lowercase word other than "challenge": every check before the variant words needs a capital or a
    digit in it ("Challenge", "QA", "DL'19", "60k", "2024", "58.0", "7B", "v2"), so none of them holds.
    """
    return nxt.isalpha() and nxt.islower() and nxt != "challenge"


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
            first = _RX_RECOGNIZER_21.split(name, maxsplit=1)[0]
            self.gaz_first.add(name_key(first))
            self.gaz_first.add(name_key(name))
        self.stop = {name_key(s) for s in stoplist}
        self._title_end = 0  # per text: where the title ends
        self._title_noun = ""  # per text: the title noun that typed the title head
        self._listed: list[tuple[int, int, str, bool]] = []  # per text: items of lists a plural type noun heads
        self._model_noun_at: list[int] = []  # per text: indices of the tokens that are model nouns
        self._word_cache: dict[str, tuple[str, int, int, int]] = {}  # raw token -> _word_entry
        self._release_at: list[int] = []  # per text: indices of the tokens that are release numbers
        self._usage_text: str | None = None  # the text of _usage_memo
        self._usage_memo: dict[tuple[int, int], str | None] = {}  # per text: sentence span -> _usage
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

    # -- helpers --------------------------------------------------------------------

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

    def _token_code(self, ttext: str) -> int:
        if ttext in _MODEL_ROLE_SET or ttext in _MODEL_NOUN_SET:
            # "regressors such as X", "the in-context learner X" (:meth:`_listed_names`); "LLMs" keeps its shape
            return _MODEL_NOUN if ttext.islower() else _MODEL_NOUN | self._token_code_plain(ttext)
        code = self._token_code_plain(ttext)
        if ttext[:1] in _VERSION_FIRST and _RELEASE_NUMBER.match(ttext):
            code |= _RELEASE  # "Stable Diffusion 2.1", "Midjourney v5" (:meth:`_phrase_names`)
        return code

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

    def _token_code_plain(self, ttext: str) -> int:
        if ttext.islower() and ttext.isalpha():
            return _MAY_START_GAZ if ttext == "the" else 0  # "on the Pile"
        code = _shape(ttext)
        gaz_first = self.gaz_first
        tk = name_key(ttext.split("-", 1)[0])
        if tk in gaz_first or name_key(ttext) in gaz_first or tk[:-1] in gaz_first:
            code |= _MAY_START_GAZ
        return code

    # -- main -------------------------------------------------------------------------

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
        toks, code_bytes, tok_starts = self._tokenize(work)
        n = len(toks)
        if not n:
            return []
        codes = code_bytes  # (indexing bytes gives the codes as ints)
        sent_starts = [0, *map(_MATCH_END, _sentence_breaks(work))]
        masked = self._url_mask(work)

        initial = {bisect_right(tok_starts, s - 1) for s in sent_starts}

        def sentence_initial(i: int) -> bool:
            return i in initial

        cands: list[_Cand] = []
        used = [False] * n
        # 1. gazetteer multi-token names, longest first
        i = 0
        for i0 in _flagged(code_bytes, _MAY_START_GAZ):
            if i0 < i:
                continue  # inside a name already found
            i = i0
            hit = None
            ttext = toks[i].text
            if ttext == "the":
                if i + 1 < n and toks[i + 1].text[:1].isupper() and work[toks[i].end : toks[i + 1].start] == " ":
                    # "on the Pile": a name whose article is part of it ("The Pile")
                    k = "the" + name_key(toks[i + 1].text)
                    if self.gaz_key.get(k) in (DATASET, BENCHMARK) and (i + 2 >= n or work[toks[i + 1].end : toks[i + 2].start] != " " or toks[i + 2].text[:1].islower()):
                        cands.append(_Cand(toks[i + 1].start, toks[i + 1].end, toks[i + 1].text, i + 1, i + 2, 1, self.gaz_key[k], 2, gaz=True))
                        used[i + 1] = True
                        i += 2
                        continue
                i += 1
                continue
            top = min(self.max_gaz_tokens, n - i)
            run = 0  # how many gaps after token i in a row are one space or hyphen (at most top - 1)
            while run < top - 1 and work[toks[i + run].end : toks[i + run + 1].start] in (" ", "-"):
                run += 1
            for size in range(run + 1, 0, -1):  # (a longer size would span another gap)
                j = i + size
                surface = work[toks[i].start : toks[j - 1].end]
                etype = self._gaz_type(surface, sentence_initial(i))
                if etype is not None:
                    hit = (j, etype)
                    break
            if hit is not None and not masked(toks[i].start):
                j, etype = hit
                if i > 0 and not used[i - 1] and toks[i - 1].text[:1].isupper() and work[toks[i - 1].end : toks[i].start] == " " and (
                    self.gaz_exact.get(toks[i - 1].text + toks[i].text) == etype
                ):
                    i -= 1  # "Code Llama" for the listed "CodeLlama": a word the list writes glued on
                cands.append(_Cand(toks[i].start, toks[j - 1].end, work[toks[i].start : toks[j - 1].end], i, j, _shape(toks[i].text) or 1, etype, 2, gaz=True))
                for k in range(i, j):
                    used[k] = True
                i = j
            else:
                lid = _LOWER_ID.match(ttext) if ttext[:1].islower() else None
                if lid and (self.gaz_key.get(lid.group(1)) == MODEL or lid.group(1).upper() in self._model_stems) and lid.group(1) not in self.english and not masked(toks[i].start):
                    # "phi-3-mini", "llama-2-7b": a lowercase model id, a known family stem and a version
                    cands.append(_Cand(toks[i].start, toks[i].end, ttext, i, i + 1, 1, MODEL, 2, gaz=True))
                    used[i] = True
                i += 1
        self._model_noun_at = _flagged(code_bytes, _MODEL_NOUN)
        self._release_at = _flagged(code_bytes, _RELEASE)
        # 2. name-shaped tokens
        for i in _flagged(code_bytes, _SHAPE_BITS):
            if not used[i]:
                t = toks[i]
                if not masked(t.start):
                    if i + 1 < n and codes[i + 1] & _SHAPE_BITS and not used[i + 1] and work[t.end : toks[i + 1].start] == " ":
                        etype = self.gaz_key.get(name_key(t.text + toks[i + 1].text))
                        if etype is not None:  # "MS MARCO" for the listed "MSMARCO": two words of one known name
                            cands.append(_Cand(t.start, toks[i + 1].end, work[t.start : toks[i + 1].end], i, i + 2, codes[i] & _SHAPE_BITS, etype, 2, gaz=True))
                            used[i + 1] = True
                            continue
                    cands.append(_Cand(t.start, t.end, t.text, i, i + 1, codes[i] & _SHAPE_BITS))
        # 3. title head ("Name: ...") even when not name-shaped
        title_end = work.find("\n\n")
        title = work[: title_end if title_end >= 0 else len(work)]
        head = _RX_RECOGNIZER_1.match(title)
        if head and len(head.group(1).split()) <= 3:
            hs, he = head.span(1)
            if not any(c.start < he and c.end > hs for c in cands):
                ti = bisect_right(tok_starts, hs) - 1 if bisect_right(tok_starts, hs) else 0
                tj = bisect_right(tok_starts, he - 1)
                if tj - ti == 1 and toks[ti].text[:1].isupper():
                    cands.append(_Cand(toks[ti].start, toks[ti].end, toks[ti].text, ti, tj, 1))
        # 3b. capitalised phrases named by a type noun ("Chatbot Arena", "the Visual Genome dataset")
        #     and capitalised items of a list that holds a name ("COCO, Visual Genome, and SBU Captions")
        sent_set = set(sent_starts)
        cands.extend(self._phrase_names(cands, toks, work, tok_starts, sent_set))
        cands.extend(self._defined_names(cands, toks, work, tok_starts, sent_set))
        cands.extend(self._listed_names(cands, toks, work, tok_starts, sent_set))
        if "B)" in work or "M)" in work:
            cands.extend(self._size_named(cands, toks, work, tok_starts))
        if "-0" in work or "-1" in work or "-2" in work:
            cands.extend(self._checkpoint_named(cands, toks, work, tok_starts))
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
        if self._listed:
            self._type_listed(cands)
        self._title_head(cands, work, title)
        cands = self._lowercase_list_items(cands, toks, work)
        self._coordination(cands, work)
        self._model_objects(cands, work)
        for c in cands:
            if c.type == DATASET and not c.none and _RX_RECOGNIZER_22.search(c.text):
                c.type = BENCHMARK  # "Tele-Eval, a question-and-answer dataset": data for evaluation
            elif c.type in (DATASET, BENCHMARK) and c.score <= 3 and not c.none:
                usage = self._usage(c, work)
                if usage == "eval" and c.type == DATASET and not _RX_RECOGNIZER_55.search(c.text + work[c.end : c.end + 12]) and self._morph_type(c.text) != DATASET:
                    if not _OWN_DATASET.search(work, max(0, c.start - 40), c.end + 9):
                        c.type = BENCHMARK  # but "we introduce the X dataset": the paper's own data is what it says
                elif usage == "train" and c.type == BENCHMARK and not _RX_RECOGNIZER_58.search(c.text):
                    c.type = DATASET
        self._share_types(cands)  # "This paper presents E5, a family of ...": later mentions type the first
        self._variant_types(cands)  # "AbdoFound-B and AbdoFound-L" after the model "AbdoFound"
        self._family_of_sized(cands)  # "Kestrel: ... Instruction Tuning" before the models "Kestrel-7B" and "Kestrel-13B"
        self._introduced(cands, work, sent_starts)
        self._introduced_parts(cands, work, sent_starts)
        return self._group(cands, work)

    # -- steps --------------------------------------------------------------------------

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
            if any(_RX_RECOGNIZER_44.search(w) for w in words) or _RX_RECOGNIZER_23.match(work[e : e + 20]):
                return  # "Transformer-based", "LM-generated"; "... Corpus (HC3)" is an abbreviation's long form
            if len(words) == 1 and not _shape(text.replace("-", "")) and (s in sent_starts or _LANGUAGE_WORD.match(text) or text.casefold() in _PHRASE_SKIP):
                return
            if any(w.casefold() in _TASK_WORDS or _RX_RECOGNIZER_45.search(w) for w in words[-1:]) and len(words) > 1 and not _RX_RECOGNIZER_38.search(text):
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
            if _RX_RECOGNIZER_48.match(t.text) or _SCORED_NEXT_UNIT.match(work, t.end):
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
                    self._set(c, MODEL, 3)
                    out.append(c)
                    taken.append((s, e))
            pos = work.find(" (", pos + 1)
        return out

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
                self._set(c, DATASET, 3)
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
                abbr = _RX_RECOGNIZER_24.match(work[e : e + 20])
                if abbr and self._stopped(abbr.group(1)):
                    continue  # "referred to as Large Language Models (LLMs)": a generic class
                if any(ts < e and te > s for ts, te in taken):
                    continue
                if text.casefold() in _PHRASE_SKIP or _LANGUAGE_WORD.match(text) or self._stopped(text):
                    continue
                plain = _PLAIN.match(text) is not None
                if plain and (s in sent_starts or len(text) < 4 or text.casefold() in _TASK_WORDS or _RX_RECOGNIZER_45.search(text)):
                    continue  # "However, a ...": a sentence-initial word names nothing; "Reasoning" is a task
                if work[s - 1 : s] in "\"\u201c" and s > 0 and not _RX_RECOGNIZER_46.match(work[e : e + 2]):
                    continue  # 'a "Persona Model" description': a quoted modifier, not a name
                ti = bisect_right(tok_starts, s) - 1
                tj = bisect_right(tok_starts, e - 1)
                if ti < 0 or toks[ti].start != s or toks[tj - 1].end != e:
                    continue
                c = _Cand(s, e, text, ti, tj, 0)
                if " " in text and text.rsplit(None, 1)[1].casefold() in _NAME_HEAD_TYPE:
                    self._set(c, _NAME_HEAD_TYPE[text.rsplit(None, 1)[1].casefold()], 4)
                out.append(c)
                taken.append((s, e))
        return out

    def _listed_names(self, cands: list[_Cand], toks: list[_Tok], work: str, tok_starts: list[int], sent_starts: set[int]) -> list[_Cand]:
        """Return candidates for the items of a list that a plural type noun heads, whatever their shape.

        "4 robot manipulation benchmarks (Robomimic, Push-T, Block Pushing and Franka Kitchen)",
        "nine datasets (e.g., ETTh1, Electricity, Traffic)", "16 benchmarks, including ZINC, ogbg-molpcba":
        the items of a list share the type its head noun gives them. Their spans and type are
        kept in ``self._listed`` for :meth:`_type_listed`.
        """
        self._listed = listed = []
        # match the model-list patterns only where one of their nouns is a token (a scan of the whole text is slow)
        model_heads = []
        model_named = []
        lo = self._title_end
        for k in self._model_noun_at:
            t = toks[k]
            if t.start < lo:
                continue
            if t.text in _MODEL_ROLE_SET:
                h = _MODEL_LIST_HEAD.match(work, t.start)
                if h:
                    model_heads.append(h)
            else:
                h = _MODEL_NOUN_NAMED.match(work, t.start)
                if h and _MODEL_NOUN_DET.search(work, max(0, t.start - 50), t.start):
                    model_named.append(h)
        data_ok = not (
            "benchmarks" not in work and "datasets" not in work and "corpora" not in work and "suites" not in work and "data sets" not in work and "collections" not in work
            and "test sets" not in work and "resources" not in work and ("including" not in work and "such as" not in work and "e.g." not in work)
        )
        if not data_ok and not model_heads and not model_named:
            return []
        out: list[_Cand] = []
        taken = [(c.start, c.end) for c in cands]
        n = len(toks)
        # (one scan per plural data noun for the three searches below: see _list_noun_places)
        tail_at, head_at, comma_at = _list_noun_places(work, self._title_end) if data_ok else ([], [], [])
        for m in _matches_from(_LIST_TAIL, work, self._title_end, tail_at):
            # walk back over "A, B and C" before the noun: each item is at most 4 name-like tokens
            etype = _LIST_TAIL_TYPE[m.group(1)]
            mod = _LIST_TAIL_MODIFIER.search(work, max(0, m.start() - 24), m.start())
            k = bisect_right(tok_starts, (mod.start() if mod else m.start()) - 1) - 1
            items = []
            while k >= 0 and len(items) < 12:
                j = k
                while j >= 0 and k - j < 4 and _list_token_ok(toks[j].text, False) and (j == k or work[toks[j].end : toks[j + 1].start] == " "):
                    j -= 1
                if j == k or not toks[j + 1].text[:1].isupper() and not _shape(toks[j + 1].text):
                    break
                items.append((j + 1, k + 1))
                gap = _LIST_SEP_BACK.search(work, max(0, toks[j + 1].start - 8), toks[j + 1].start) if j >= 0 else None
                if gap is None:
                    break
                k = bisect_right(tok_starts, gap.start() - 1) - 1
                if k < 0 or toks[k].end != gap.start():
                    break
            if len(items) < 2:
                continue
            if etype == DATASET and _data_list_evaluated(work, toks[items[-1][0]].start):
                etype = BENCHMARK
            for a, b in items:
                s, e = toks[a].start, toks[b - 1].end
                text = work[s:e]
                if self._stopped(text) or text.casefold() in _PHRASE_SKIP or _LANGUAGE_WORD.match(text) or (toks[a].start in sent_starts and _PLAIN.match(text)):
                    continue
                listed.append((s, e, etype, False))
                if any(ts < e and te > s for ts, te in taken):
                    continue
                out.append(_Cand(s, e, text, a, b, 0))
                taken.append((s, e))
        heads = [m for m in _matches_from(_LIST_HEAD, work, self._title_end, head_at) if m.group(1) != "resources" or _RX_DATA_RESOURCES.search(work, max(0, m.start() - 12), m.start())]
        if ("including" in work or "such as" in work or "e.g." in work or "namely" in work) and _COUNT_LIST_CUE.search(work, self._title_end):
            heads += [m for m in _COUNT_LIST_HEAD.finditer(work, self._title_end) if m.group(1) not in _COUNT_LIST_NOT and m.group(1) not in _LIST_NOUN_TYPE]
        # look only where a plural data noun and a comma are (a regex scan of the whole text is slow)
        for noun, places in comma_at:
            for pos in places:
                h = _COUNT_COMMA_HEAD.search(work, max(self._title_end, pos - 60), pos + len(noun) + 2 + 4)  # (noun, ", ", 4 more)
                if h and h.start(1) == pos:
                    heads.append(h)
        heads += model_heads
        for m in model_named:
            s, e = m.span(1)
            text = m.group(1)
            if len(text) < 2 or text.casefold() in _PHRASE_SKIP or text.casefold() in self.noun_type or self._stopped(text):
                continue
            a = bisect_right(tok_starts, s) - 1
            b = bisect_right(tok_starts, e - 1)
            if a < 0 or toks[a].start != s or toks[b - 1].end != e:
                continue
            listed.append((s, e, MODEL, False))
            if not any(ts < e and te > s for ts, te in taken):
                out.append(_Cand(s, e, text, a, b, 0))
                taken.append((s, e))
        for m in heads:
            if m.re is _MODEL_LIST_HEAD:
                etype = MODEL
            elif m.group(1) in _LIST_NOUN_TYPE:
                etype = _LIST_NOUN_TYPE[m.group(1)]
                if etype == DATASET and _data_list_evaluated(work, m.start()):
                    etype = BENCHMARK
            else:  # what the sets are for: "pretrained on N graphs" trains, "On N graphs, ... improves" evaluates
                sent = work[max(0, work.rfind(". ", 0, m.start())) : m.start()]
                etype = DATASET if _may_match(sent, _TRAINED_ON_WORDS) and _RX_RECOGNIZER_63.search(sent) else BENCHMARK
            # "3 newly created datasets (i.e., A, B, and C)": the items are the paper's own
            new = _NEW_BEFORE_NOUN.search(work, max(self._title_end, m.start() - 50), m.end(1)) is not None
            k = bisect_right(tok_starts, m.end() - 1)
            items: list[tuple[int, int]] = []
            last = False
            while k < n and len(items) < 12:
                if toks[k].text in ("the", "The") and k + 1 < n:
                    k += 1
                j = k
                while j < n and j - k < 4 and _list_token_ok(toks[j].text, j == k) and (j == k or work[toks[j - 1].end : toks[j].start] == " "):
                    j += 1
                if j == k:
                    break
                items.append((k, j))
                if last:
                    break
                gap = _LIST_SEP.match(work, toks[j - 1].end)
                if gap is None or j >= n:
                    break
                last = bool(gap.group(1) or gap.group(2))
                k = bisect_right(tok_starts, gap.end() - 1)
            if m.re is _COUNT_COMMA_HEAD and not (len(items) >= 2 and last):
                continue  # "two datasets, MNIST and CIFAR-10": only a list "and" closes is an appositive
            if etype == MODEL:
                new = False
                # items are names: not "(1)", "(1.5B, 7B)", "(e.g., in-context learning)"
                items = [(a, b) for a, b in items if (toks[a].text[:1].isupper() or _shape(toks[a].text)) and not _NUMBERISH.match(toks[a].text) and not _SIZE.match(toks[a].text)]
                if len(items) < 2 and not _RX_LIST_CUE.search(m.group()):
                    continue  # "planners, UniAD, VAD and SparseDrive" but not "for all models, X shows", "models (LLMs)"
            for a, b in items:
                s, e = toks[a].start, toks[b - 1].end
                listed.append((s, e, etype, new))
                if any(ts < e and te > s for ts, te in taken) and not (
                    b - a > 1 and all(s <= ts and te <= e and (ts, te) != (s, e) for ts, te in taken if ts < e and te > s)
                    and all(_model_item_token(toks[k].text) for k in range(a, b))
                ):
                    continue  # but "detectors such as Grounding DINO": the whole item names the model (overlaps drop "DINO")
                text = work[s:e]
                if self._stopped(text) or text.casefold() in _PHRASE_SKIP or (etype == DATASET and _LANGUAGE_WORD.match(text)):
                    continue  # "corpora (English, German)" names languages; a benchmark list does not
                out.append(_Cand(s, e, text, a, b, 0))
                taken.append((s, e))
        return out

    def _type_listed(self, cands: list[_Cand]) -> None:
        """Type the candidates inside the items of a list headed by a plural type noun (:meth:`_listed_names`)."""
        for c in cands:
            if c.none and c.score >= 3:
                continue
            for s, e, etype, new in self._listed:
                if s <= c.start and c.end <= e:
                    c.introduced = c.introduced or new
                    if etype == MODEL and c.type in (DATASET, BENCHMARK) and (c.gaz or c.score >= 3):
                        break  # "models such as X trained on Y": a known or cued data set keeps its type
                    if not (etype == DATASET and c.gaz and c.type in (DATASET, BENCHMARK)):
                        self._set(c, etype, 3)  # "datasets such as X": a known evaluation set stays a benchmark
                    break

    @staticmethod
    def _url_mask(work: str):
        if "." not in work:
            return lambda pos: False
        spans = []
        for m in _matches_from(_URLISH, work, 0, _urlish_starts(work)):
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
            sized = bool(_RX_RECOGNIZER_39.search(c.text)) and c.text != toks[c.ti].text
            if _PATCHED.search(c.text) and self._known_model(prev):
                c.ti, c.start = i - 1, toks[i - 1].start  # "CLIP ViT-L/14": a model with its backbone
                self._set(c, MODEL, 2)
            elif _SIZE.match(prev) and prev[-1] in "BMT" and self._known_model(c.text) and not _RX_RECOGNIZER_40.search(work[max(0, toks[i - 1].start - 5) : toks[i - 1].start]):
                c.ti, c.start = i - 1, toks[i - 1].start  # "13B Llama-2"
            elif sized and not self._known_model(toks[c.ti].text) and (_shape(prev) or _RX_RECOGNIZER_47.fullmatch(prev)) and not self._stopped(prev) and (
                toks[i - 1].start > self._title_end or _RX_RECOGNIZER_47.fullmatch(prev)
            ):
                c.ti, c.start = i - 1, toks[i - 1].start  # "ERNIE TITAN 3.0 260B", "Megatron-Turing NLG 530B"
            c.text = work[c.start : c.end]
        return c

    def _extend_right(self, c: _Cand, toks: list[_Tok], work: str) -> _Cand:
        j = c.tj
        end = c.end
        while j < len(toks):
            gap = work[toks[j - 1].end : toks[j].start]
            nxt = toks[j].text
            if gap == "/" and nxt.isdigit() and len(nxt) <= 3 and _PATCH_TAG.search(work, 0, end):
                j += 1  # "ViT-L/14", "DiT-XL/2": a size tag and its patch size
                end = toks[j - 1].end
                break
            if gap not in (" ", "-"):
                break
            low = nxt.casefold()
            if not _only_variant_word(nxt):  # (skipping the checks below is the same as trying them)
                if gap == " " and (nxt in ("Challenge", "Benchmark", "Corpus", "Dataset", "Arena", "Leaderboard", "Suite", "Bench", "challenge") or (
                    nxt == "QA" and j == c.tj and c.strength >= 2 and not c.text.isupper()
                )):  # "TyDi QA": a benchmark morpheme as a word of its own
                    j += 1
                    end = toks[j - 1].end
                    break
                if gap == " " and c.text.isupper() and _RX_RECOGNIZER_25.fullmatch(nxt):
                    j += 1  # "TREC DL'19": a track and its year
                    end = toks[j - 1].end
                    break
                if gap == " " and _RX_RECOGNIZER_26.fullmatch(nxt):
                    break  # "60k": a data size, not a model size
                if gap == " " and _RX_RECOGNIZER_48.match(nxt) and j == c.tj and (c.text.isupper() or self.gaz_key.get(name_key(c.text)) == BENCHMARK) and (
                    not _RX_RECOGNIZER_61.match(work, toks[j].end)
                ):
                    j += 1  # "AIME 2024": a competition and its year (not "AIME 2024 and 2025", "(MMLU 2021)")
                    end = toks[j - 1].end
                    break
                if gap == " " and nxt.isdigit() and work[toks[j].end : toks[j].end + 1] == ")" and work[end - 1 : end].isdigit():
                    break  # "GLM-4 1) rivals ...": an enumerator, not a version
                if gap == " " and _SCORE_NUMBER.match(nxt) and any(ch.isdigit() for ch in work[c.start : end]):
                    break  # "GPT-3.5-Turbo 58.0, and ... T5-11B 62.4": a score after a versioned or sized name, not its version
                if _SIZE.match(nxt) or (_VERSION.match(nxt) and len(nxt) <= 5 and not _RX_RECOGNIZER_48.match(nxt)):
                    # "7B and 13B" spreads sizes over a family: do not attach
                    after = work[toks[j].end : toks[j].end + 6]
                    if _SIZE.match(nxt) and _RX_RECOGNIZER_41.match(work[toks[j].end : toks[j].end + 12]):
                        break
                    if _RX_RECOGNIZER_27.match(after):
                        break  # "ImageNet 256*256" is a resolution
                    j += 1
                    end = toks[j - 1].end
                    continue
            vlow = low[: low.index("-v")] if "-v" in low and _RX_VARIANT_VERSION.search(low) else low  # "large-v3"
            if vlow in _VARIANTS and not (nxt[:1].isupper() and not nxt.isupper() and toks[j].start < self._title_end) and (nxt[:1].isupper() or nxt.isupper() or vlow in {"base", "large", "small", "medium", "tiny", "xl", "xxl", "turbo", "chat", "instruct"}):
                # "BERT base and large" spreads variants: do not attach
                after = work[toks[j].end : toks[j].end + 16]
                if _RX_RECOGNIZER_42.match(after) and vlow in {"base", "large", "small", "medium", "tiny"}:
                    break
                if nxt == "base" and (work[end - 1 : end].isdigit() or _RX_RECOGNIZER_39.search(work, 0, end)):
                    if _RX_RECOGNIZER_62.match(work, toks[j].end):
                        break  # "Qwen2.5-32B base model", "Llama 3.1 base models": a versioned name's base (not instruct) model
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
                if gap.strip(" \t") and gap != "-":
                    break
                words.insert(0, toks[i])
                i -= 1
            if not words:
                continue
            best = None
            loose = None
            target = "".join(ch for ch in abbr if ch.isalpha()).casefold().removesuffix("s") if not abbr.isupper() else abbr.casefold().removesuffix("s")
            target = _RX_RECOGNIZER_7.sub("", target)
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

    def _propagate_mentions(self, cands: list[_Cand], toks: list[_Tok], work: str) -> list[_Cand]:
        have = {(c.start, c.end) for c in cands}
        tok_index: dict[int, int] | None = None  # built on first use: most names need no propagation
        names = {}
        for c in cands:
            names.setdefault(c.text, c)
        extra = []
        for name, c in names.items():
            if c.strength >= 1 and not c.gaz and _shape(name):
                continue
            if name and self._only_known_mentions(name, work, have):
                continue  # every occurrence is a candidate already: the search below would add nothing
            for m in re.finditer(r"(?<![\w\-])" + re.escape(name) + r"s?(?![\w\-])", work):
                span = (m.start(), m.start() + len(name))
                if span in have or any(o.start < span[1] and o.end > span[0] for o in cands):
                    continue
                if tok_index is None:
                    tok_index = {t.start: k for k, t in enumerate(toks)}
                ti = tok_index.get(span[0])
                if ti is None:
                    continue
                extra.append(_Cand(span[0], span[1], name, ti, ti + 1, c.strength, gaz=c.gaz))
                have.add(span)
        if extra:
            cands = sorted(cands + extra, key=lambda c: c.start)
        return cands

    @staticmethod
    def _only_known_mentions(name: str, work: str, have: set[tuple[int, int]]) -> bool:
        """Return whether every occurrence of ``name`` in ``work`` is the span of a candidate in ``have``."""
        n = len(name)
        p = work.find(name)
        while p >= 0:
            if (p, p + n) not in have:
                return False
            p = work.find(name, p + 1)
        return True

    def _noun_after(self, s: str) -> tuple[str | None, bool]:
        """Return the type of the first type noun in ``s`` and whether one was found."""
        raw = _RX_RECOGNIZER_8.findall(s)[:9]
        words = [w.casefold() for w in raw]
        for k, w in enumerate(words):
            if k == 0 and _RX_RECOGNIZER_28.fullmatch(raw[k]) and (k + 1 >= len(words) or words[k + 1] not in self.noun_type):
                return MODEL, True  # "Glot500-m, an mPLM pretrained on ...": a model class names a model
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

    def _named_by(self, before: str) -> tuple[str | None, bool]:
        """Return the type noun of the phrase a naming word ("called", "named") names.

        The head of "a unified MLLM with the MoE architecture, named X" is the
        last type noun between the article and the first preposition (MLLM);
        failing that, the nearest type noun before the naming word.
        """
        back = _RX_RECOGNIZER_8.findall(before.casefold())[:-1]
        if _NAMELY_AFTER.search(before):
            # "four benchmarks, namely X, Y": "namely" names the noun right before it, or nothing
            noun = back[-1] if back else ""
            etype = self.noun_type.get(noun, 0) if noun in self.noun_type else self.noun_type.get(noun[:-1], 0) if noun.endswith("s") else 0
            return (None, False) if etype == 0 else (etype, True)
        if back and back[-1] in ("to", "as"):  # "refer to the resulting model as"
            back = back[:-1]
        for k in range(len(back) - 1, max(-1, len(back) - 14), -1):
            if back[k] in ("a", "an"):
                head = None
                for w in back[k + 1 :]:
                    if w == "of" and head is None:
                        continue  # "a new set of models ... which we call X"
                    if w in ("with", "of", "for", "on", "in", "that", "which", "to", "from", "by", "based"):
                        break
                    if w in self.noun_type:
                        head = w
                if head is not None:
                    return self.noun_type[head], True
                return None, False  # "a lightweight evaluator termed X": the head is no type noun
        for w in reversed(back):
            if w in self.noun_type:
                return self.noun_type[w], True
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
        # memoised per sentence of the text (names listed together share one)
        if self._usage_text is not work:
            self._usage_text, self._usage_memo = work, {}
        key = (s, e)
        usage = self._usage_memo.get(key, 0)
        if usage != 0:
            return usage
        sent = work[s : e if e >= 0 else len(work)]
        ev = self._EVAL_WORDS.search(sent) is not None
        tr = self._TRAIN_WORDS.search(sent) is not None
        usage = "train" if tr and not ev else "eval" if ev and not tr else None
        self._usage_memo[key] = usage
        return usage

    def _type_from_context(self, c: _Cand, toks: list[_Tok], work: str) -> None:
        if self._stopped(c.text):
            c.none = True
            return
        after = work[c.end : c.end + 120]
        before = work[max(0, c.start - 60) : c.start]
        low = before.lower() if before.isascii() else None  # for exact word pre-checks of regexes (None: no pre-check)
        # its words, for the pre-checks of patterns that end in whitespace at its end (see _may_be_compared)
        before_words = None if low is None else low.split() if low[-1:].isspace() else ()
        # "DataComp for Language Models (DCLM), a testbed ...": the appositive follows the parenthesis
        app = after
        if after[:1] == ")" and before[-1:] == "(" and c.long_form is not None and _RX_RECOGNIZER_9.match(after):
            app = after[1:]
        # defining appositive: "X, a new benchmark ..." / "X is a model" / "X (a corpus ...)"
        colon_ok = c.start > self._title_end
        m = _RX_RECOGNIZER_2.match(app)
        if m is None and colon_ok:
            m = _RX_RECOGNIZER_10.match(app)
        if m:
            etype, found = self._noun_after(m.group(1)[:90])
            if found and c.gaz and etype != self._gaz_family_type(c.text) and _RX_RECOGNIZER_29.match(app):
                found = False  # "82.4 on BBH as a base language model": "as" describes the scored model
            if found and not (etype is None and self._known_model(c.text)):
                # "an encoder architecture" is weaker than the guidelines' "a framework/method"
                weak = etype is None and _RX_RECOGNIZER_49.match(m.group(1)[:90]) is not None
                self._set(c, etype, 4 if weak else 5)
        if c.long_form is not None:
            words = _RX_RECOGNIZER_8.findall(work[c.long_form[0] : c.long_form[1]].casefold())
            # the head noun comes before the first preposition: "Customized Prompts via Language models"
            cut = next((k for k, w in enumerate(words[1:], 1) if w in ("of", "for", "via", "with", "from", "by", "to", "on", "in")), len(words))
            head = words[cut - 1]
            etype = self._TITLE_NOUNS.get(head)
            lf_text = work[c.long_form[0] : c.long_form[1]]
            if etype is not None:
                generic = all(w in self._GENERIC_WORDS for w in words)
                if _naming_before(work[max(0, c.long_form[0] - 40) : c.long_form[0]]):
                    self._set(c, etype, 3)  # "called Large Graph Generative Model (LGGM)": named, not generic
                elif c.text.endswith("s") and c.text[:-1].isupper() and words[-1] in ("models", "networks") and (
                    words[-2:] == ["language", "models"] or lf_text.islower() or words[-2].endswith("-language")
                ) and not c.gaz and not self._known_model(c.text):
                    # "GPT-3 family large language models (GLLMs)", "denoising diffusion probabilistic
                    # models (DDPMs)": a plural abbreviation of a class in common nouns names no model
                    self._set(c, None, 4)
                elif not generic:
                    self._set(c, etype, 3)
                elif not self._known_model(c.text):
                    self._set(c, None, 5)  # "large-scale language models (LSLMs)": a class
            elif head in self._TITLE_NONE or self.noun_type.get(head, 0) is None:
                self._set(c, None, 3)
            elif lf_text.islower() and not c.gaz and not self._known_model(c.text):
                self._set(c, None, 3)  # "label replacement (LR)": a term in plain words
        # "our approach, X", "a novel masking strategy, Long Form (X)": a method, not an entity
        lf_before = work[max(0, c.long_form[0] - 60) : c.long_form[0]] if c.long_form is not None else before
        if lf_before.rstrip().endswith(",") and _NONE_BEFORE_TAIL.search(lf_before) and not self._known_model(c.text):
            self._set(c, None, 5)
        # "our self-supervised Mirror-BERT model": the paper calls its own artifact a model
        if "our" in before[-40:] and _RX_RECOGNIZER_11.match(after) and _RX_RECOGNIZER_12.search(before):
            self._set(c, MODEL, 6)
            if not c.gaz and not self._known_model(c.text):
                c.introduced = True  # not "our miniature BERT models": a known family is used, not made
        # a name ending in its own type noun: "BabyLM Challenge", "Pile Corpus"
        last = c.text.rsplit(" ", 1)[-1] if " " in c.text else ""
        if last in _NAME_TAIL_TYPE:
            self._set(c, _NAME_TAIL_TYPE[last], 3)
        # a type noun right after the name: "the X dataset", "X models", "X-based"
        m = _RX_RECOGNIZER_3.match(after)
        if m and m.group(1).casefold() in ("based", "like", "style", "series", "family", "sized", "scale", "generated", "powered", "driven", "base", "large", "small", "chat", "instruct"):
            if not (c.strength == 1 and m.group(1).casefold() in ("based", "driven", "powered", "generated", "style", "like") and self._morph_type(c.text) is None and not c.gaz) and not (
                m.group(1).casefold() in ("sized", "scale") and (_DATA_SIZE_END.search(c.text) or self._gaz_family_type(c.text) in (DATASET, BENCHMARK))
            ):  # but "at ImageNet-1K scale": the size of a data set
                self._set(c, MODEL, 3)
        m = _RX_RECOGNIZER_4.match(after)
        if m:
            words = m.group(1).casefold().split()
            tries = words[:1] + ([" ".join(words[:2])] if len(words) > 1 else [])
            if len(words) > 1 and words[1] in _DATA_HEADS and words[0] not in self.noun_type and _RX_MODIFIER_WORD.match(m.group(1)):
                tries.append(words[1])  # "the nuScenes planning benchmark", "the AMI meeting corpus"
            for w in tries:
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
        if c.score < 3 and not c.none and after[:2] == " (" and _PAREN_SIZE.match(after) and self._gaz_family_type(c.text) not in (DATASET, BENCHMARK):
            self._set(c, MODEL, 3)
        # a cited name heads a longer noun phrase: "MusicLM (Agostinelli et al., 2023) text-to-music generative model"
        if c.score < 3 and not c.none and after[:2] == " (":
            m = _CITED_PHRASE.match(after)
            if m and m.group(1).casefold() in self.noun_type and self.noun_type[m.group(1).casefold()] is not None:
                self._set(c, self.noun_type[m.group(1).casefold()], 3)
        # "a new corpus of generics, X": the name follows its defining noun phrase
        m = _DEF_BEFORE_TAIL.search(before) if before.rstrip().endswith((",", "namely")) and _may_be_def_before_tail(before) else None
        if m:
            noun = (m.group(1) or m.group(2)).casefold()
            etype = self.noun_type.get(noun, MODEL if noun in ("language model",) else None)
            if etype is not None and not (etype == MODEL and c.type in (DATASET, BENCHMARK) and c.score >= 2):
                self._set(c, etype, 5)
        # "a new benchmark called X", "the X" preceded by a type noun: "benchmark X"
        if _naming_before(before[-40:]):
            etype, found = self._named_by(work[max(0, c.start - 160) : c.start])
            if found:
                self._set(c, etype, 5)
        if before[-3:].rstrip().endswith("as") and _RELEASED_AS.search(before) and not c.gaz and not self._known_model(c.text):
            etype, found = self._named_by(work[max(0, c.start - 160) : c.start])
            self._set(c, etype if found and etype is not None else DATASET, 5)
        elif before[-1:] == " " and after[:1] == "," and c.score < 5 and not c.gaz and _MADE_NAME_BEFORE.search(before) and _COUNT_APPOSITIVE.match(after) and not self._known_model(c.text):
            self._set(c, DATASET, 5)
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3 and c.type != MODEL or (c.type == MODEL and c.score <= 2 and not self._known_model(c.text)):
            if (before_words is None or _may_be_drawn_from(before_words)) and not (c.gaz and c.type == BENCHMARK) and _DRAWN_FROM.search(before) and (not _PARAM_SIZE_END.search(c.text) or _DATA_SIZE_END.search(c.text)):
                self._set(c, DATASET, 4)
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3 and (c.type is None or c.type == MODEL or not c.gaz) and (
            (low is None or (("from" in low[-30:] or "into" in low[-30:]) and _INIT_FROM_WORDS_RX.search(low) is not None)) and _INIT_FROM.search(before) and not _RX_WEIGHTS_AFTER.match(after)
        ):
            self._set(c, MODEL, 3)  # "fine-tuned from Qwen2.5-Coder-7B" (not "initialized from COCO weights")
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3:
            if (low is None or "train" in low or "tun" in low) and _TRAINED_ON.search(before):
                if c.type in (DATASET, BENCHMARK, None) and (c.type is not None or c.strength >= 1):
                    self._set(c, DATASET, 3)
            elif ((before_words is None or _may_be_evaluated_on(before_words)) and _EVALUATED_ON.search(before)) or (
                before[-7:].rstrip().endswith(("On", "Across", "the")) and _SENT_OPENS_ON.search(before) and self._EVAL_WORDS.search(work, c.end, work.find(". ", c.end) % (len(work) + 1))
            ):
                if (c.type in (DATASET, BENCHMARK) or (c.type is None and c.strength == 2 and (self._morph_type(c.text) in (None, BENCHMARK) or _DATA_SIZE_END.search(c.text)))) and not self._known_model(c.text):
                    self._set(c, BENCHMARK, 3)
                elif c.type is None and c.strength == 1 and _SCORED_NEXT.match(after) and not self._morph_type(c.text):
                    self._set(c, BENCHMARK, 2)  # "F1 on POPE by 2.8 points": weaker than a term its long form spells out
        if c.type is None and not c.none and c.long_form is None:  # "... Language models (CuPL)": its own long form
            m = _CLASS_NOUN_BEFORE.search(before) if low is None or _may_be_class_noun_before(low) else None
            if m:
                w = m.group(1).casefold().rstrip("s")
                etype = {"benchmark": BENCHMARK, "dataset": DATASET, "corpu": DATASET, "corpora": DATASET, "model": MODEL, "llm": MODEL, "baseline": MODEL, "assistant": MODEL, "encoder": MODEL, "backbone": MODEL, "resource": DATASET, "evaluation": BENCHMARK}.get(w)
                if etype == DATASET and _data_list_evaluated(work, c.start - len(before) + m.start(1)):
                    etype = BENCHMARK  # "evaluate them on two real clinical datasets, A and B": evaluation sets
                if etype and (c.strength >= 1 or c.gaz):
                    self._set(c, etype, 2)
        # "the test split of FSC-147", "the Khmer portions of CulturaX": a part of a named collection of data
        if (c.type is None or c.score < 3) and not c.none and (c.strength >= 1 or c.gaz) and " of " in before[-24:] and _may_match(before[-30:], ("split", "subset", "portion", "partition", " set")) and _PART_OF.search(before) and not self._known_model(c.text) and self._morph_type(c.text) != MODEL:
            sent = work[max(0, work.rfind(". ", 0, c.start)) : c.start]
            tv = None
            for tv in _RX_TRAIN_VERB.finditer(sent):
                pass
            train = tv is not None and not self._EVAL_WORDS.search(sent, tv.end())  # not "models trained on X improve on the portions of Y"
            self._set(c, DATASET if train else BENCHMARK, 3)  # "fine-tuning on a subset of DROID": training data
        # "outperforming MiniCheck-FT5 and ...", "lower WER than F5-TTS", "by 21% over DGMR": what a system is compared with is a model
        if c.type is None and not c.none and (c.strength >= 2 or c.gaz or (c.strength == 1 and not c.text.isupper())) and c.long_form is None and (
            (before_words is None or _may_be_compared(before_words, low)) and _may_match(before[-40:], _COMPARED_WORDS) and (_COMPARED_WITH.search(before) or _IMPROVED_OVER.search(before))
        ) and self._gaz_family_type(c.text) not in (DATASET, BENCHMARK) and self._morph_type(c.text) in (None, MODEL):
            self._set(c, MODEL, 2)
        # "+4.9% on MM-Vet": a score reported on a benchmark
        if c.score < 3 and not c.none and (c.strength >= 1 or c.gaz) and c.type in (None, BENCHMARK, DATASET) and ("%" in before[-12:] or " on " in before[-10:]):
            if _SCORE_BEFORE_ON.search(before.replace("\\%", "%")) and not self._known_model(c.text):
                self._set(c, BENCHMARK, 3)
        # examples of methods: "prior approaches such as Weights Magnitude, SparseGPT, and Wanda"
        if c.score < 3 and ("such as" in before or "like" in before or "includ" in before or "e.g." in before or "namely" in before) and _METHOD_LIST.search(before) and not c.gaz and not self._known_model(c.text):
            self._set(c, None, 3)
        # "miniF2F-test": the test or validation split of a data set is where results are measured
        if c.score < 3 and not c.none and c.text[-2:] in ("st", "al") and _SPLIT_NAME.search(c.text):
            self._set(c, BENCHMARK, 3)
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
        try:
            return self._memo_family[text]
        except KeyError:
            return self._cached(self._gaz_family_type_uncached, text)

    def _gaz_family_type_uncached(self, text: str) -> str | None:
        base = _RX_RECOGNIZER_5.sub("", text)  # "13B Llama-2"
        for _ in range(4):
            k = name_key(base)
            etype = self.gaz_key.get(k)
            if etype is not None:
                return etype
            nxt = self._family_of(base) or _RX_RECOGNIZER_32.sub("", base)
            if not nxt or nxt == base:
                # "LLaVA-HR", "Qwen-VL": a two-letter variant tag on a model family
                m = _RX_RECOGNIZER_33.match(base)
                if m and self.gaz_key.get(name_key(m.group(1))) == MODEL:
                    return MODEL
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
    _TITLE_PROCESS = {"learning", "training", "pre-training", "pretraining", "fine-tuning", "finetuning", "tuning"}
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
        words = _RX_RECOGNIZER_16.findall(desc.casefold())[:10]
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
            if w in self._TITLE_STOP or (w.endswith("ing") and k == 0):
                break  # "X: Pre-training Text Encoders as ...": what the paper does, not what X is
            if w in self._TITLE_PROCESS:
                if k + 1 < len(words) and words[k + 1] == "of":
                    break  # "QLoRA: Efficient Finetuning of Quantized LLMs": the LLMs are the object
                k += 1
                continue  # "X: Representation Learning": a task, says nothing of what X is
            if w == "benchmark" and k + 1 < len(words) and words[k + 1] in ("dataset", "datasets", "suite"):
                return BENCHMARK, True
            if w in self._TITLE_NOUNS:
                found = (self._TITLE_NOUNS[w], True)
                self._title_noun = w
                if w == "family":
                    return found
            elif w in self._TITLE_NONE and not found[1]:
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
                noun = _RX_RECOGNIZER_50.sub("", w).casefold()
                if noun in self._TITLE_NOUNS:
                    self._title_noun = noun
                    return self._TITLE_NOUNS[noun], True
                if noun in self._TITLE_NONE:
                    return None, True  # "IAA: Inner-Adaptor Architecture ...", "LML: Language Model Learning ..."
                return None, False
            if len(initials) > len(target) and len(caps) > len(target):
                break
        return None, False

    def _title_head(self, cands: list[_Cand], work: str, title: str) -> None:
        head = _RX_RECOGNIZER_6.match(title)
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
                        self._set(c, etype, 4 if self._title_noun in ("transformer", "encoder") else 5)
                    else:
                        self._set(c, etype, 4)
                elif c.type is None and not c.none:
                    self._set(c, etype, 1)
            if c.type is not None and not c.none:
                c.introduced = True

    def _lowercase_list_items(self, cands: list[_Cand], toks: list[_Tok], work: str) -> list[_Cand]:
        """Add lowercase list members that the gazetteer knows, after a typed benchmark or dataset.

        "common benchmarks (such as Winogrande, Hellaswag, arc, boolq and piqa)": in a
        list of known names a lowercase item is a name too, not an English word.
        """
        extra: list[_Cand] = []
        starts = {c.start for c in cands}
        for c in cands:
            if c.type not in (BENCHMARK, DATASET) or c.none:
                continue
            j = c.tj
            prev_end = c.end
            while j < len(toks):
                t = toks[j]
                if t.text in ("and", "or") and j + 1 < len(toks):
                    j += 1
                    t = toks[j]
                if t.start in starts or not _LIST_GAP.fullmatch(work[prev_end : t.start]):
                    break
                if not (t.text.islower() and t.text.isalpha()):
                    break
                etype = self.gaz_key.get(name_key(t.text))
                if etype not in (BENCHMARK, DATASET) or not _RX_RECOGNIZER_51.match(work[t.end : t.end + 5]):
                    break  # "MMLU and math reasoning": a lowercase word before a noun is no list item
                n = _Cand(t.start, t.end, t.text, j, j + 1, 1, c.type if etype == c.type else etype, 2, gaz=True)
                extra.append(n)
                starts.add(t.start)
                prev_end = t.end
                j += 1
        if not extra:
            return cands
        return sorted(cands + extra, key=lambda c: c.start)

    def _coordination(self, cands: list[_Cand], work: str) -> None:
        groups: list[list[_Cand]] = []
        cur: list[_Cand] = []
        closed = False  # "On A, B and C, X improves ...": after "and C" a comma ends the list
        for c in cands:
            if cur:
                gap = work[cur[-1].end : c.start]
                if _RX_RECOGNIZER_34.fullmatch(gap) and not (closed and gap.strip() == ","):
                    closed = " and " in gap or " or " in gap or gap.startswith(("and ", "or "))
                    cur.append(c)
                    continue
                groups.append(cur)
            cur = [c]
            closed = False
        if cur:
            groups.append(cur)
        for g in groups:
            if len(g) < 2:
                continue
            typed = [c.type for c in g if c.type and not c.none]
            if not typed:
                continue
            # the type most members have; ties go to the higher score, then Benchmark, Dataset, Model
            # (never to set order, which changes with the interpreter's hash seed)
            best = max(
                dict.fromkeys(typed),
                key=lambda t: (typed.count(t), max(c.score for c in g if c.type == t and not c.none), _TIE_ORDER[t]),
            )
            for c in g:
                if c.type is None and not c.none and c.strength >= 1 and not self._stopped(c.text):
                    c.type = best
                    c.score = 1
            # "sampled from IEMOCAP, MSP-Podcast and CREMA-D": a list item a strong context cue types as data ("drawn
            # from", "which we release as") types the members that only a word list or a weak cue types
            ctx = [c for c in g if c.type in (DATASET, BENCHMARK) and c.score >= 4 and not c.none and not c.gaz]
            if ctx:
                top = max(ctx, key=lambda c: c.score)
                for c in g:
                    if c.type in (DATASET, BENCHMARK) and c.score <= 2 and not c.none:
                        c.type, c.score = top.type, top.score
            # "fine-tune ... on DocLayNet and PubLayNet": a list item a context cue types as data
            # outweighs a name part ("-Net") that would make its neighbour a model
            strong = [c.type for c in g if c.type in (DATASET, BENCHMARK) and c.score >= 3 and not c.none]
            if strong:
                for c in g:
                    if c.type == MODEL and c.score <= 2 and not c.gaz and not self._known_model(c.text) and _RX_RECOGNIZER_60.search(c.text):
                        c.type = strong[0]
                        c.score = 1

    def _model_objects(self, cands: list[_Cand], work: str) -> None:
        """Type as models the untyped names a model-handling verb takes as its objects (see ``_MODEL_OBJECT_VERB``).

        From each untyped name, walk back over the list it ends ("A, B and C") to the list's start
        and look for the verb right before it (a regex anchored there, not a scan of the whole text).
        """
        todo = [c for c in cands if c.type is None and not c.none and (c.strength >= 1 or c.gaz) and c.start > self._title_end]
        if not todo:
            return
        ends = {c.end: c for c in cands}
        for c in todo:
            if not _MODEL_OBJECT_END.match(work, c.end) or self._stopped(c.text):
                continue
            pos = c.start
            items = [c]
            while True:
                sep = _MODEL_OBJECT_SEP_BACK.search(work, max(0, pos - 12), pos)
                prev = ends.get(sep.start()) if sep else None
                if prev is None or prev.start >= pos:
                    break
                pos = prev.start
                items.append(prev)
            if pos > self._title_end and _MODEL_OBJECT_VERB.search(work, max(self._title_end, pos - 80), pos):
                self._set(c, MODEL, 2)
            elif len(items) >= 2 and pos > self._title_end and work[pos - 1 : pos] == " " and _EVALUATED_SYSTEMS.search(work, max(self._title_end, pos - 30), pos):
                for it in items:  # "We evaluate A, B and C": the systems evaluated (data is evaluated *on*)
                    if it.type is None and not it.none and not self._stopped(it.text):
                        self._set(it, MODEL, 2)

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

    def _variant_types(self, cands: list[_Cand]) -> None:
        """Give an untyped hyphenated name the type of the typed name it extends.

        "We release two variants, AbdoFound-B and AbdoFound-L" after the model AbdoFound;
        "LIBERO-Long" after the benchmark LIBERO: a tag after a hyphen names a variant of the same thing.
        """
        untyped = [c for c in cands if c.type is None and not c.none and "-" in c.text[1:]]
        if not untyped:
            return
        typed = {}
        for c in cands:
            if c.type is not None and not c.none and (c.score >= 2 or c.gaz) and not self._stopped(c.text):
                typed.setdefault(name_key(c.text), c.type)
        if not typed:
            return
        for c in untyped:
            parts = c.text.split("-")
            for k in range(len(parts) - 1, 0, -1):
                head = "-".join(parts[:k])
                etype = typed.get(name_key(head))
                if etype is not None and len(head) >= 2:
                    self._set(c, etype, 2)
                    break

    def _family_of_sized(self, cands: list[_Cand]) -> None:
        """Type as a model an untyped name whose sized or variant forms are models.

        "Kestrel: Bilingual Korean-English Instruction Tuning ..." and later "yields Kestrel-7B and Kestrel-13B";
        "We release two checkpoints, Skylark-DR-base and Skylark-DR-large": the bare name is the model family
        (a title that describes a process names no method when what it releases are sized models).
        """
        untyped = [c for c in cands if c.type is None and c.strength >= 1 and not self._stopped(c.text)]
        if not untyped:
            return
        for c in untyped:
            if c.none and c.score > 4:
                continue  # "X, a framework": called a method outright
            head = c.text + "-"
            for o in cands:
                if o.type == MODEL and not o.none and o.text.startswith(head) and o.score >= 2:
                    tail = o.text[len(head) :].split("-", 1)[0]
                    if _SIZE.match(tail) or tail.casefold() in _VARIANTS:
                        c.none = False
                        c.type, c.score = MODEL, 2
                        if c.start < self._title_end or o.introduced:
                            c.introduced = True
                        break

    @staticmethod
    def _share_types(cands: list[_Cand]) -> None:
        """Give an untyped mention the type of the strongest typed mention of the same name."""
        untyped = [c for c in cands if c.type is None and not c.none]
        if not untyped:
            return
        typed: dict[str, _Cand] = {}
        for c in cands:
            if c.type is not None and not c.none:
                k = name_key(c.text)
                b = typed.get(k)
                if b is None or c.score > b.score:
                    typed[k] = c
        if typed:
            for c in untyped:
                b = typed.get(name_key(c.text))
                if b is not None:
                    c.type, c.score = b.type, b.score

    def _introduced(self, cands: list[_Cand], work: str, sent_starts: list[int]) -> None:
        prev: _Cand | None = None  # the last typed candidate, for "X, a ..., and Y, a ..."
        for c in cands:
            if c.type is None or c.none:
                continue
            last, prev = prev, c
            if (
                last is not None
                and last.introduced
                and _RX_RECOGNIZER_35.search(work[max(0, c.start - 8) : c.start])
                and _RX_RECOGNIZER_36.match(work[c.end : c.end + 5])
                and _RX_RECOGNIZER_36.match(work[last.end : last.end + 5])
            ):
                c.introduced = True  # "creating Tele-Data, a ... dataset ..., and Tele-Eval, a ... dataset"
                continue
            if _MODIFIER_AFTER.match(work, c.end) and not (
                _RX_RECOGNIZER_52.match(work[c.end : c.end + 10]) and _RX_RECOGNIZER_53.search(work[max(0, c.start - 20) : c.start])
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
                if _RX_RECOGNIZER_43.search(between) or (
                    _RX_RECOGNIZER_54.search(between) and self._known_model(c.text)
                ):
                    pass  # "two new versions of the CamemBERT base model", "our fine-tuned BioGPT-Large": used, not made
                elif len(between.split()) <= 10 and not _RX_RECOGNIZER_56.search(between) and not _RX_RECOGNIZER_57.search(_RX_RECOGNIZER_59.split(between, maxsplit=1)[0]):
                    c.introduced = True
                    continue
            after = work[c.end : c.end + 80]
            if (low is None or ("we" in low and any(w in low for w in _MAKE_VERB_STEMS))) and _MAKE_VERB.search(clause) and not (c.gaz or self._known_model(c.text)):
                c.introduced = True  # "we obtain DIMSUM+, a high-quality dataset"
                continue
            if _RX_RECOGNIZER_17.match(after):
                c.introduced = True
                continue
            if c.start < self._title_end and _RX_RECOGNIZER_37.match(after):
                c.introduced = True  # title "Train X, A Large-Scale Generative Language Model"
                continue
            if _RX_RECOGNIZER_18.match(after):
                c.introduced = True  # "The pre-trained MCL model is available at https://..."
                continue
            if _RX_RECOGNIZER_19.match(after):
                c.introduced = True  # "X and Y are novel datasets"
                continue
            m = _RX_RECOGNIZER_20.search(before) if blow is None or "our" in blow or "proposed" in blow else None
            if m and c.score >= 2 and all(w.casefold() in self.noun_type or w.casefold() in _OUR_WORDS or _SIZE.match(w) for w in _RX_RECOGNIZER_8.findall(m.group(1))):
                c.introduced = True

    @staticmethod
    def _family_of(name: str) -> str | None:
        m = _FAMILY_OF.match(name)
        if m and m.group(1) != name:
            return m.group(1)
        return None

    def _resolve(self, cands: list[_Cand]) -> None:
        """Give every mention of a name the type of its strongest evidence."""
        best: dict[str, _Cand] = {}
        called_benchmark: dict[str, _Cand] = {}
        keys = [name_key(c.text) for c in cands]  # (name_key is a pure function and no text changes here)
        for c, k in zip(cands, keys):
            if self._stopped(c.text):
                continue
            k = k[:-1] if k.endswith("s") and k[:-1] in best else k
            if (c.type is None and not c.none) or not k:
                continue
            b = best.get(k)
            if b is None or c.score > b.score or (c.score == b.score and b.none and not c.none):
                best[k] = c
            if c.type == BENCHMARK and c.score >= 4 and not c.none:
                called_benchmark[k] = c
        # "GPQA: A ... Benchmark" and "GPQA, a dataset of ...": what the paper calls a benchmark is one
        for k, c in called_benchmark.items():
            if best[k].type == DATASET:
                best[k] = c
        # a name whose hyphenated variant the text defines as a method is a method family:
        # "DetectLLM" when "One is called DetectLLM-LRR, ..." names one of two methods
        methods = [b.text.split("-", 1)[0] for b in best.values() if b.none and b.score >= 5 and "-" in b.text]
        if methods:
            for k, b in best.items():
                if not b.none and b.score <= 2 and not b.gaz and not any(ch.isdigit() for ch in b.text) and not self._known_model(b.text) and b.text.split("-", 1)[0] in methods:
                    b.type, b.none = None, True
        for c, k in zip(cands, keys):
            b = best.get(k) or (best.get(k[:-1]) if k.endswith("s") else None)
            if b is not None and b is not c:
                c.type, c.none, c.score = b.type, b.none, b.score
        intro = {k for c, k in zip(cands, keys) if c.introduced and not c.none and c.type}
        for c, k in zip(cands, keys):
            if k in intro:
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
            fam = self._family_of(f.name) if f.type == MODEL else None  # (kept only for a model: no need to compute it otherwise)
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
