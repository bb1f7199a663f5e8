"""Learned decisions: which candidate names of a text are entities, of which type, and which the paper introduces.

Stage contract: a text (title, blank line, abstract) and the rules' entities
(:class:`~kgraph.extract.rules.Found`) in; the entities the trained model keeps
out, as ``Found`` records. The rules and a token scan propose candidate names
(tuned for recall); a linear model over features that hold in any abstract (the
name's shape and parts, the words around each mention, the title, the rules'
own guess, the shipped gazetteers...) decides each one. Its weights are
``weights.json`` beside this module, made by ``scripts/train_extractor.py``
from the project's annotations; applying them needs no library at all.

A candidate is one name of one paper (all its mentions), keyed by
:func:`~kgraph.extract.rules.name_key`, the key the scorer matches names by.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .rules import Found, Recognizer, load_recognizer, name_key

__all__ = ["Candidate", "Decider", "Extractor", "candidates", "load_decider", "load_extractor", "LABELS"]

LABELS = ("None", "Model", "Dataset", "Benchmark")
WEIGHTS = Path(__file__).with_name("weights.json")

_TOKEN = re.compile(r"[^\W_](?:[\w.'\u2019^\-+]*[\w+^])?")
_SENT_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\n")
_NUMERIC = re.compile(r"^(?:v?\d+(?:\.\d+)*[A-Za-z]{0,2}|\d+x\d+[BM]?)$")
_VARIANT_WORDS = frozenset(
    "base large small medium tiny mini xl xxl huge giant turbo pro ultra plus max flash nano lite chat instruct "
    "preview v1 v2 v3 v4".split()
)
_MODIFIER_SUFFIX = re.compile(r"-(?:based|like|style|series|family|inspired|derived|powered|driven|guided|enhanced|augmented)$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s$")
_WORD = re.compile(r"[a-z0-9][a-z0-9\-]*")
# Generic words of ML writing whose presence in a mention's sentence is a feature (no names).
_CUE_WORDS = frozenset(
    """propose proposes proposed introduce introduces introduced present presents release releases released
    build construct create curate collect named called dubbed termed our we novel new
    evaluate evaluated evaluation evaluations benchmark benchmarks dataset datasets corpus corpora data
    model models llm llms lm network networks architecture transformer backbone
    framework method methods approach algorithm system pipeline agent
    train trained training fine-tune fine-tuned finetuned pretrained pre-trained pretraining distill
    outperform outperforms surpass surpasses achieve achieves accuracy score state-of-the-art sota results
    compare compared baseline baselines experiments test testing task tasks""".split()
)
_APPOS = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?[,:]\s*(?:(?:a|an|the|our|which is an?|is an?)\s+)?((?:[\w\-]+\s+){0,6}?)([a-z][\w\-]*)\b")
_PUNCT = frozenset(",;:()[]\"")
_MAX_SPAN = 4  # tokens in one candidate name
_MAX_RUN = 8


@dataclass
class Candidate:
    """One candidate name of a text: its surface forms, mentions and features."""

    key: str
    name: str  # the first surface form
    spans: list[tuple[int, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    rule: Found | None = None  # the rules' entity of that key, if any


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _gazetteers() -> dict[str, str]:
    """Name key -> gazetteer type, or "Stop" for the stop list: the recognizer's own tables."""
    rules = load_recognizer()
    return {**dict.fromkeys(rules.stop, "Stop"), **rules.gaz_key}


@lru_cache(maxsize=1)
def _noun_class() -> dict[str, str]:
    """Cue nouns (patterns/cues.json, hand-written general vocabulary) -> the class they point to."""
    from .rules import _cues

    out = {}
    for key, label in (("none_nouns", "none"), ("dataset_nouns", "data"), ("benchmark_nouns", "bench"), ("model_nouns", "model")):
        for noun in _cues().get(key, []):
            out.setdefault(noun.casefold(), label)
    return out


def _first_noun(words: list[str]) -> str | None:
    """The class of the first cue noun (one or two words) among ``words``, or None."""
    classes = _noun_class()
    last = len(words) - 1
    for k, w in enumerate(words):
        if k < last:
            pair = classes.get(w + " " + words[k + 1])
            if pair:
                return pair
        got = classes.get(w)
        if got:
            return got
    return None


@lru_cache(maxsize=1)
def _word_rarity() -> dict[str, int]:
    """Lowercase English word -> floor(-log-probability) (patterns/wordprob.tsv, from spacy-lookups-data)."""
    from .rules import _read_tsv

    return {w: int(v) for w, v in _read_tsv("wordprob.tsv")}


def _rarity(word: str) -> str:
    """'3'..'14' for how common an English word is, 'oov' for a word not among the ~30,000 common ones."""
    got = _word_rarity().get(word.lower())
    return "oov" if got is None else str(got)


def _shape(name: str) -> str:
    """A compressed shape of a name: 'GPT-4o' -> 'X-dx', 'LLaMA' -> 'XxX', 'ImageNet' -> 'XxXx'."""
    out = []
    for ch in name:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else " " if ch.isspace() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:12]


@lru_cache(maxsize=65536)
def _name_features(name: str) -> tuple[str, ...]:
    key = name_key(name)
    low = name.lower()
    words = name.split()
    feats = [
        "shape=" + _shape(name),
        "ntok=%d" % min(len(words), 4),
        "len=%d" % min(len(key), 12),
        "first=" + words[0].lower()[:20],
        "last=" + words[-1].lower()[:20],
        "suf3=" + key[-3:],
        "suf4=" + key[-4:],
        "suf5=" + key[-5:],
        "pre3=" + key[:3],
        "pre4=" + key[:4],
    ]
    for w in words[1:-1]:
        feats.append("mid=" + w.lower()[:20])
    if any(c.isdigit() for c in name):
        feats.append("digit")
    if name.isupper() and len(key) > 1:
        feats.append("allcaps")
    if any(c.isupper() for c in name[1:]):
        feats.append("innercap")
    if "-" in name:
        feats.append("hyphen")
    if name[:1].islower():
        feats.append("lowerstart")
    alpha = [w for w in re.findall(r"[^\W\d_]+", name)]
    if alpha:
        feats.append("rare_first=" + _rarity(alpha[0]))
        feats.append("rare_last=" + _rarity(alpha[-1]))
        common = min((_word_rarity().get(w.lower(), 99) for w in alpha))
        feats.append("rare_min=" + ("oov" if common == 99 else str(common)))
        if len(alpha) == 1 and len(words) == 1 and alpha[0] == name:
            feats.append("rare_word=" + _rarity(name) + ("_cap" if name[:1].isupper() else "_low"))
    gaz = _gazetteers().get(key)
    if gaz:
        feats.append("gaz=" + gaz)
    if low in _stop_words():
        feats.append("stopword")
    if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+", name):
        feats.append("plaincap")
    if re.fullmatch(r"[a-z]+", name):
        feats.append("plainlow")
    return tuple(feats)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENT_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


_HAS_DIGIT = re.compile(r"\d").search


def _marked(tok: str, initial: bool) -> bool:
    """Whether a token may begin a name: a capital, a digit with letters, or inner capitals."""
    if tok.islower() and tok.isalpha():  # most words: plain lowercase
        return False
    c0 = tok[0]
    if not c0.isalpha():
        return False
    if c0.isupper() and not initial:
        return True
    rest = tok[1:]
    if rest != rest.lower() or _HAS_DIGIT(tok):  # inner capitals, or letters with digits
        return True
    if c0.isupper():  # sentence-initial: not a plain function word ("We", "The", "In")
        return tok.lower() not in _stop_words()
    return False


def _continues(tok: str) -> bool:
    return bool(_NUMERIC.match(tok)) or tok.lower() in _VARIANT_WORDS


def candidates(text: str, found: list[Found] = ()) -> dict[str, Candidate]:
    """Return the candidate names of a text by key, with the features of all their mentions.

    >>> cands = candidates("Llama 2: Open Models\\n\\nWe evaluate Llama 2 7B on MMLU.")
    >>> sorted(cands)
    ['llama', 'llama2', 'llama27b', 'mmlu', 'models', 'open', 'openmodels']
    >>> sorted(f for f in cands["llama2"].features if f.startswith(("title", "p1=", "n1=")))
    ['n1=7b', 'n1=:', 'p1=<s>', 'p1=evaluate', 'title_head', 'title_head_whole', 'title_noun=model']
    """
    title_end = text.find("\n\n")
    if title_end < 0:
        title_end = 0
    colon = text.find(":", 0, title_end) if title_end else -1
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    title_class = _first_noun(text[colon + 1 : title_end].lower().split()) if colon > 0 else None
    url_text = " ".join(m.group().lower() for m in re.finditer(r"(?:https?://|www\.|github\.com/)\S+", text))
    sents = _sentences(text)
    sent_of = []
    si = 0
    for s, _e, _t in toks:
        while si + 1 < len(sents) and s >= sents[si + 1][0]:
            si += 1
        sent_of.append(si)
    initial = set()
    last_sent = -1
    for i, s in enumerate(sent_of):
        if s != last_sent:
            initial.add(i)
            last_sent = s
    low = [t[2].lower() for t in toks]
    n = len(toks)
    sent_feats: dict[int, frozenset[str]] = {}  # sentence -> its "sw=" features
    left: dict[int, tuple[str, ...]] = {}  # first token -> the features of what precedes it
    right: dict[int, tuple[str, ...]] = {}  # last token (and end offset) -> the features of what follows

    def left_of(i: int, start: int) -> tuple[str, ...]:
        got = left.get(i)
        if got is None:
            here = sent_of[i]
            lo = i
            while lo > 0 and i - lo < 3 and sent_of[lo - 1] == here:
                lo -= 1
            prev3 = low[lo:i]  # up to three words before, in the mention's sentence
            gap = text[start - 1 : start] if start else ""
            prev = [gap] if gap in _PUNCT else prev3[-2:]
            feats = []
            if prev:
                feats.append("p1=" + prev[-1][:20])
                if len(prev) == 2:
                    feats += ("p2=" + prev[0][:20], "p12=" + prev[0][:20] + "_" + prev[-1][:20])
            else:
                feats.append("p1=<s>")
            noun = _first_noun(prev3)
            if noun:
                feats.append("prev_noun=" + noun)
            if start < title_end:
                feats.append("in_title")
                if title_class:
                    feats.append("title_noun=" + title_class)
            elif i in initial:
                feats.append("sent_initial")
            got = left[i] = tuple(feats)
        return got

    def right_of(j: int, end: int) -> tuple[str, ...]:
        got = right.get(end)
        if got is None:
            here = sent_of[j]
            hi = j
            while hi + 1 < n and hi - j < 3 and sent_of[hi + 1] == here:
                hi += 1
            next3 = low[j + 1 : hi + 1]
            gap = text[end : end + 1]
            nxt = [gap] if gap in _PUNCT else next3[:2]
            feats = []
            if nxt:
                feats.append("n1=" + nxt[0][:20])
                if len(nxt) == 2:
                    feats.append("n2=" + nxt[1][:20])
            after = text[end : end + 2]
            if after.startswith(" ("):
                feats.append("before_paren")
            if after[:1] in (",", ";"):
                feats.append("comma_near")
            ap = _APPOS.match(text, end, min(len(text), end + 90))
            if ap:
                cls = _first_noun(ap.group(1).lower().split() + [ap.group(2).lower()])
                if cls:
                    feats.append("appos=" + cls)
            noun = _first_noun(next3)
            if noun:
                feats.append("next_noun=" + noun)
            got = right[end] = tuple(feats)
        return got

    out: dict[str, Candidate] = {}

    def add(start: int, end: int, i: int, j: int, run: tuple[int, int], extra: tuple[str, ...] = ()) -> None:
        name = text[start:end]
        key = name_key(name)
        if len(key) < 2 or key.isdigit():
            return
        cand = out.get(key)
        if cand is None:
            cand = out[key] = Candidate(key, name)
            cand.features.update(_name_features(name))
        cand.spans.append((start, end))
        if name not in cand.forms:
            cand.forms.append(name)
        f = cand.features
        f.update(extra)
        f.update(left_of(i, start))
        f.update(right_of(j, end))
        before = text[max(0, start - 2) : start]
        if before.endswith("("):
            f.add("in_paren" if text.startswith(")", end) else "after_paren")
        elif before == ", ":
            f.add("comma_near")
        if colon > 0 and end <= colon:
            f.add("title_head")
            if start == 0:
                f.add("title_head_whole" if end == colon else "title_head_start")
        if run[0] < i or run[1] > j:
            f.add("in_longer_run")
            if run[1] > j:
                f.add("run_continues")
        if j > i:
            f.add("multi")
        si = sent_of[i]
        sw = sent_feats.get(si)
        if sw is None:
            s, e = sents[si]
            sw = sent_feats[si] = frozenset("sw=" + w for w in _WORD.findall(text[s:e].lower()) if w in _CUE_WORDS)
        f |= sw

    i = 0
    while i < n:
        s0, e0, t0 = toks[i]
        if not _marked(t0, i in initial):
            i += 1
            continue
        # the run of name-like tokens from i, joined by single spaces
        j = i
        while j + 1 < n and j - i + 1 < _MAX_RUN and toks[j + 1][0] == toks[j][1] + 1 and text[toks[j][1]] == " ":
            nt = toks[j + 1][2]
            if _marked(nt, False) or _continues(nt):
                j += 1
            else:
                break
        for a in range(i, j + 1):
            if not _marked(toks[a][2], a in initial):
                continue
            for b in range(a, min(j, a + _MAX_SPAN - 1) + 1):
                start, end = toks[a][0], toks[b][1]
                name = text[start:end]
                trimmed = _POSSESSIVE.sub("", name)
                if trimmed != name:
                    end -= len(name) - len(trimmed)
                add(start, end, a, b, (i, j))
                if a == b:
                    m = _MODIFIER_SUFFIX.search(text[start:end])
                    if m:
                        add(start, start + m.start(), a, b, (i, j), ("modifier_suffix",))
        i = j + 1

    for ent in found:
        forms = [ent.name, *ent.aliases]
        key = name_key(ent.name)
        cand = out.get(key)
        if cand is None:
            cand = out[key] = Candidate(key, ent.name)
            cand.features.update(_name_features(ent.name))
            cand.features.add("rule_only")
        cand.rule = ent
        cand.features.add("rule=" + ent.type)
        if ent.introduced:
            cand.features.add("rule_intro")
        if ent.aliases:
            cand.features.add("rule_alias")
        for s, e in ent.spans:
            if (s, e) not in cand.spans:
                cand.spans.append((s, e))
        for alias in forms[1:]:
            akey = name_key(alias)
            other = out.get(akey)
            if other is not None and other is not cand:
                other.features.add("alias_of_rule=" + ent.type)
    for cand in out.values():
        if url_text and cand.key in name_key(url_text):
            cand.features.add("in_url")
        nm = len(cand.spans)
        cand.features.add("mentions=%d" % min(nm, 4))
        if "rule_only" not in cand.features and cand.rule is None:
            cand.features.add("rule=none")
    return out


class Decider:
    """Apply the trained weights: keep, type and mark as introduced the candidates of a text."""

    def __init__(self, weights: dict) -> None:
        self.labels = tuple(weights["labels"])
        self.bias = weights["type"]["bias"]
        self.weights = weights["type"]["weights"]
        self.intro_bias = weights["introduced"]["bias"]
        self.intro_weights = weights["introduced"]["weights"]
        self.keep_threshold = weights.get("keep_threshold", 0.5)
        self.intro_threshold = weights.get("intro_threshold", 0.5)

    def type_probs(self, feats: set[str]) -> list[float]:
        """Return the probability of each label (``LABELS``) for a candidate's features."""
        s0, s1, s2, s3 = self.bias
        get = self.weights.get
        for f in feats:
            w = get(f)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        scores = (s0, s1, s2, s3)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def intro_prob(self, feats: set[str], label: str) -> float:
        score = self.intro_bias
        get = self.intro_weights.get
        for f in (*feats, "type=" + label):
            w = get(f)
            if w is not None:
                score += w
        return 1.0 / (1.0 + math.exp(-score))

    def decide(self, text: str, found: list[Found]) -> list[Found]:
        """Return the entities of ``text``: the candidates the model keeps, in order of first mention."""
        kept = []
        for cand in candidates(text, found).values():
            probs = self.type_probs(cand.features)
            if probs[0] >= self.keep_threshold:
                continue
            best = max(range(1, len(probs)), key=probs.__getitem__)
            label = self.labels[best]
            rule = cand.rule
            intro = self.intro_prob(cand.features, label) >= self.intro_threshold
            name = rule.name if rule is not None else cand.name
            aliases = list(rule.aliases) if rule is not None else [f for f in cand.forms if f != name]
            family = rule.family if rule is not None and label == "Model" else None
            kept.append((min(cand.spans), Found(name, label, sorted(set(cand.spans)), aliases, intro, family)))
        # a kept name whose every mention lies inside a longer kept name is part of that name
        spans = [(s, e) for _, f in kept for s, e in f.spans]
        out = []
        for first, f in kept:
            inside = all(any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans) for s, e in f.spans)
            if not inside or f.introduced:
                out.append((first, f))
        out.sort(key=lambda x: (x[0], x[1].name))
        return [f for _, f in out]


@lru_cache(maxsize=1)
def load_decider() -> Decider | None:
    """Return the decider of the shipped weights, or None when the package has none."""
    if not WEIGHTS.exists():
        return None
    return Decider(json.loads(WEIGHTS.read_text(encoding="utf-8")))


MAX_WORD = 200  # characters without a space: longer runs (hostile input, base64) are no names
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_WORD + 1))


class Extractor:
    """The rules propose, the trained model decides: ``find(text)`` as the rules' :class:`Recognizer` has it.

    Re-entrant: neither part keeps the state of a text between calls.

    >>> [(f.name, f.type) for f in load_extractor().find("T\\n\\nWe evaluate GPT-4 on MMLU.")]
    [('GPT-4', 'Model'), ('MMLU', 'Benchmark')]
    """

    def __init__(self, rules: Recognizer, decider: Decider | None) -> None:
        self.rules = rules
        self.decider = decider

    def find(self, text: str) -> list[Found]:
        """Return the entities of ``text``, in order of first mention.

        A run of more than ``MAX_WORD`` characters without a space can't hold a
        name: it is blanked (offsets kept) before the rules read the text, so a
        hostile "word" costs linear time.

        >>> Extractor(load_recognizer(), None).find("T\\n\\n" + "A" * 50_000 + " We use GPT-4.")[0].name
        'GPT-4'
        """
        if len(text) > MAX_WORD and _LONG_RUN.search(text):
            text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
        found = self.rules.find(text)
        return found if self.decider is None else self.decider.decide(text, found)


@lru_cache(maxsize=1)
def load_extractor() -> Extractor:
    """Return the shipped extractor: the rules and the trained decisions (cached)."""
    return Extractor(load_recognizer(), load_decider())
