"""Tokens and sentences of a text, and how name-like a token looks.

Pure functions of a string, with no word lists: :func:`name_key` (the key names
are matched by), :func:`sentence_spans`, the raw token pattern and
:func:`_trim_token` (a possessive, a glued lowercase head and modifier tails cut
off), :func:`_shape` (0 not a name, 1 weak: ALLCAPS, 2 strong: inner capitals,
letters mixed with digits), the sizes, versions and variant words that extend a
name (:func:`_family_of` cuts them off), and the general words that name nothing.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# what a name's key drops: spaces, hyphens, underscores, dots, apostrophes, tildes, carets
_NAME_KEY_DROP = re.compile(r"[\s\-_.'\u2019~^]+")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the matching key of a name, as the annotation guidelines define it.

    >>> name_key("LLaMA-2") == name_key("Llama 2") == name_key("llama2")
    True
    """
    s = unicodedata.normalize("NFKC", name).translate(_DASHES).casefold()
    return _NAME_KEY_DROP.sub("", s)


# --- sentences -------------------------------------------------------------------

# whitespace after [.!?] before a capital, digit, quote or bracket, or a blank line; written with the
# look-behind after the first space, (?<=[.!?])\s+(?=...) would match the same but scan slower
_SENT_END = re.compile(r"\s(?<=[.!?]\s)\s*(?=[A-Z0-9\"'(\[])|\n\n")
# where a match of _SENT_END can start: right after [.!?] before whitespace, or at a newline before a newline
_SENT_END_AT = re.compile(r"[.!?\n](?:(?<=[.!?])(?=\s)|(?<=\n)(?=\n))")  # (one leading set: the engine skips to it)
# each thread's last text's sentence breaks: :meth:`~kgraph.extract.rules.Recognizer.find` and then :func:`sentence_spans` (for
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


# --- tokens ----------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_](?:[\w.'\u2019^\-]*[\w^])?(?:\+(?!\w))?")
_TOKEN_SPLIT = re.compile("(%s)" % _TOKEN.pattern)
# the same on ASCII text ("\w" is [A-Za-z0-9_] there), with plain character ranges (the regex engine checks them faster),
# and the inner run written as word characters, then groups of marks (. ' -) each followed by word characters, with
# possessive runs: the same tokens as ([A-Za-z0-9](?:[A-Za-z0-9_.'^\-]*[A-Za-z0-9_^])?...), the longest run that ends
# in a word character, without backing off the marks at its end character by character
_TOKEN_SPLIT_ASCII = re.compile(r"([A-Za-z0-9][A-Za-z0-9_^]*+(?:[.'\-]++[A-Za-z0-9_^]++)*+(?:\+(?![A-Za-z0-9_]))?)")


class _Tok(NamedTuple):
    """One token: ``(start, end)`` offsets and text (a tuple: built in bulk by C code, see :meth:`~kgraph.extract.lexicon.Lexicon._tokenize`)."""

    start: int
    end: int
    text: str


_POSSESSIVE = re.compile(r"['\u2019]s$")  # "Google's"
_GLUED_HEAD = re.compile(r"^[a-z]{4,}-(?=[A-Z][a-z]*[A-Z])")  # "abc-GPT-4": a lowercase word glued before a name
# lowercase name parts that end a name rather than modify it ("GEO-bench", "Long-eval")
_NAME_TAILS = {"bench", "eval", "arena", "net", "former", "coder", "math"}
# lowercase tails that name the evaluation split of a data set ("miniF2F-test", "ProofNet-test", "MATH-val")
_SPLIT_TAILS = {"test", "val"}
# capitalised modifier tails in a title ("LLM-Generated Data", "GPT-Based Agents")
_TITLE_MODIFIERS = {"Based", "Generated", "Like", "Style", "Driven", "Powered", "Guided", "Augmented", "Enhanced", "Assisted", "Aware", "Specific", "Free"}
# variant words a name takes after it ("GPT-4 Turbo", "CamemBERT base", "Whisper large-v3")
_VARIANTS = {
    "base", "large", "small", "medium", "tiny", "mini", "xl", "xxl", "xs", "huge", "giant",
    "turbo", "pro", "ultra", "plus", "max", "flash", "nano", "lite", "chat", "instruct",
    "air", "vision", "sonnet", "opus", "haiku", "mix", "code", "preview",
}


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


# --- how name-like a token looks ---------------------------------------------------

_PLAIN = re.compile(r"^[a-z]+$|^[A-Z][a-z]+$")  # a plain word, lowercase or capitalised
_SIZE = re.compile(r"^\d+(?:\.\d+)?[BMKTbmk]$|^\d+(?:\.\d+)?x\d+(?:\.\d+)?[BMb]$")  # "7B", "340M", "8x7B": a size
# numbers, units, ordinals and dimensions ("512x512", "3x3"): never names
_NUMBERISH = re.compile(r"^(?:\d+(?:[.,]\d+)*(?:[a-zA-Z]{0,3}|%|x|th|st|nd|rd|s)|[xX]\d+|\d+(?:[a-zA-Z]{1,3}|[a-z]+|[A-Z]+)|\d+(?:[x\u00d7]\d+)+(?:px)?)$")
_ACRONYM_HIGHLIGHT = re.compile(r"^[a-z]{3,}[A-Z]{2,}[a-z]{3,}$")  # "Music undERstanding model (MERT)"
# a number part of a hyphenated name ("GLM-4-Air", "AISHELL-1")
_NUMBER_PART = re.compile(r"\d+(?:\.\d+)*[A-Za-z]?")


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
        numeric = any(_NUMBER_PART.fullmatch(p) or _SIZE.match(p) for p in parts[1:])
        if numeric and (best == 1 or parts[0][:1].isupper()):
            return 2  # GLM-4-Air, AISHELL-1, Llama-2-7B
        return best
    return _shape_part(t)


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


def _has_inner_upper(t: str) -> bool:
    return any(c.isupper() for c in t[1:])


# --- sizes, versions and variants -----------------------------------------------------

# a name and the sizes and variant words after it ("Llama 3 8B", "Qwen2.5-7B-Instruct")
_FAMILY_OF = re.compile(
    r"^(.*?\w)(?:[\s\-_]+(?:\d+(?:\.\d+)?[BMKbmk]|x\d+[BM]|%s)(?:[\s\-_]+(?:chat|instruct|base|large|v\d+(?:\.\d+)*))*)$" % "|".join(sorted(_VARIANTS)),
    re.I,
)


def _family_of(name: str) -> str | None:
    """Return the family of a sized or variant name ("Llama 3 8B" -> "Llama 3"), or None."""
    m = _FAMILY_OF.match(name)
    if m and m.group(1) != name:
        return m.group(1)
    return None


_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "2024": a year, not a version
_WORD = re.compile(r"[\w\-]+")  # a word of a phrase (hyphens included)


# --- words that name nothing ----------------------------------------------------------

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
_TASK_SUFFIX = re.compile(r"(?:ing|tion|ment)$")  # "Reasoning", "Segmentation": a task word
