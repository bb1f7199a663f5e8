"""Which tokens are names, and how far a name reaches.

Candidates from the tokens themselves: names the gazetteer knows (multi-word,
"on the Pile", "Code Llama", "phi-3-mini") and name-shaped tokens ("GPT-4",
"ChatGLM"), none inside a URL. A name then takes the versions, sizes and
variant words after it (``Llama 3 8B``, ``GPT-4 Turbo``, ``CamemBERT base``,
``ViT-L/14``; not "7B and 13B", which spreads sizes over a family); of
overlapping candidates the longest stays; a plain-word name found once (a
title head) is found at its other mentions too.
"""

from __future__ import annotations

import re

from .candidates import BENCHMARK, DATASET, MODEL, _Cand
from .lexicon import _MAY_START_GAZ, _SHAPE_BITS, Lexicon, _flagged
from .scan import _matches_from, _occurrences
from .tokens import _SIZE, _VARIANTS, _YEAR, _Tok, _shape, name_key

# --- names the gazetteer knows -------------------------------------------------------

_LOWER_ID = re.compile(r"^([a-z]{2,})-(?:\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[bm])(?:-[a-z0-9]+)*$")  # "phi-3-mini", "llama-2-7b"


# --- URLs: no name starts inside one ----------------------------------------------------

_URLISH = re.compile(r"https?://\S+|www\.\S+|\.(?:com|io|org|ai|co|net|gy|ly)\b")  # alternatives with literal heads scan fast
_URL_DOT_HEADS = (".co", ".io", ".org", ".ai", ".net", ".gy", ".ly")
_URLISH_HEADS = ("http", "www.", *_URL_DOT_HEADS)


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


# --- versions, sizes and variant words after a name ------------------------------------

_VERSION = re.compile(r"^[vV]?\d+(?:\.\d+)*[a-z]?$")
_PATCH_TAG = re.compile(r"-(?:[A-Z]{1,2}|[a-z])$")  # "ViT-L", "DiT-XL", "ViT-g": a size tag a patch size may follow
_PATCHED = re.compile(r"-(?:[A-Z]{1,2}|[a-z])/\d{1,3}$")  # "ViT-L/14"
_SCORE_NUMBER = re.compile(r"[1-9]\d\.\d+$")  # "58.0": a two-digit decimal is a score, not a version
_SIZE_END = re.compile(r"\d(?:\.\d+)?[BMT]$")  # "Llama-2 13B": a parameter count ends the name
_SEPARATOR_END = re.compile(r"(?:and|or|,|/)\s*$")  # "7B and 13B Llama-2": the size is one of a list
_CAPITALISED_COMPOUND = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")  # "Megatron-Turing NLG 530B"
_TRACK_YEAR = re.compile(r"[A-Z]{2,}['\u2019]?\d\d")  # "TREC DL'19", "TREC DL19"
_THOUSANDS = re.compile(r"\d+(?:\.\d+)?[kK]")  # "60k": a data size, not a model size
_MORE_YEARS_AFTER = re.compile(r"\s*(?:\)|;|,?\s*(?:and|or|to|-)\s*(?:19|20)\d\d\b)")  # not "AMC 2023 and 88.9% on ..."
_MORE_SIZES_AFTER = re.compile(r"\s*(?:(?:and|or|,|to|/)\s*\d|-\d)")  # "7B and 13B": sizes spread over a family
_RESOLUTION_AFTER = re.compile(r"\s*[*\u00d7x]\s*\d")  # "ImageNet 256*256": a resolution
_VARIANT_VERSION = re.compile(r"^[a-z]+-v\d+(?:\.\d+)*$")  # "large-v3"
_MORE_VARIANTS_AFTER = re.compile(r"\s*(?:and|or|,|/)\s*(?:(?:and|or)\s+)?(?:base|large|small|medium|tiny|xl|xxl|huge|mini)\b", re.I)  # "base and large"
_BASE_MODEL_NOUN_AFTER = re.compile(r"\s+(?:models?|llms?|checkpoints?|versions?)\b", re.I)  # "Qwen2.5-32B base model"


def _only_variant_word(nxt: str) -> bool:
    """Whether a word after a name can only extend it as a variant word (see :meth:`NameRules._extend_right`).

    A lowercase word other than "challenge": every check before the variant words needs a capital or a
    digit in it ("Challenge", "QA", "DL'19", "60k", "2024", "58.0", "7B", "v2"), so none of them holds.
    """
    return nxt.isalpha() and nxt.islower() and nxt != "challenge"


class NameRules(Lexicon):
    """Candidates from the tokens (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _gazetteer_names(self, toks: list[_Tok], code_bytes: bytes, work: str, masked, initial: set[int]) -> tuple[list[_Cand], list[bool]]:
        """Return the names the gazetteer knows, longest first, and which tokens they cover.

        Also a name whose article is part of it ("on the Pile"), a word the list writes glued on ("Code Llama"
        for "CodeLlama") and a lowercase model id on a known family stem ("phi-3-mini"). ``initial``: the
        indices of the sentences' first tokens.
        """
        n = len(toks)
        cands: list[_Cand] = []
        used = [False] * n
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
                etype = self._gaz_type(surface, i in initial)
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
        return cands, used

    def _shaped_names(self, toks: list[_Tok], code_bytes: bytes, work: str, masked, used: list[bool]) -> list[_Cand]:
        """Return the name-shaped tokens no gazetteer name covers ("GPT-4", "ChatGLM", "T5"), two of them as one
        where the gazetteer knows them glued ("MS MARCO" for "MSMARCO")."""
        n = len(toks)
        codes = code_bytes  # (indexing bytes gives the codes as ints)
        cands: list[_Cand] = []
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
        return cands

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
            sized = bool(_SIZE_END.search(c.text)) and c.text != toks[c.ti].text
            if _PATCHED.search(c.text) and self._known_model(prev):
                c.ti, c.start = i - 1, toks[i - 1].start  # "CLIP ViT-L/14": a model with its backbone
                c.set_type(MODEL, 2)
            elif _SIZE.match(prev) and prev[-1] in "BMT" and self._known_model(c.text) and not _SEPARATOR_END.search(work[max(0, toks[i - 1].start - 5) : toks[i - 1].start]):
                c.ti, c.start = i - 1, toks[i - 1].start  # "13B Llama-2"
            elif sized and not self._known_model(toks[c.ti].text) and (_shape(prev) or _CAPITALISED_COMPOUND.fullmatch(prev)) and not self._stopped(prev) and (
                toks[i - 1].start > self._title_end or _CAPITALISED_COMPOUND.fullmatch(prev)
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
                if gap == " " and c.text.isupper() and _TRACK_YEAR.fullmatch(nxt):
                    j += 1  # "TREC DL'19": a track and its year
                    end = toks[j - 1].end
                    break
                if gap == " " and _THOUSANDS.fullmatch(nxt):
                    break  # "60k": a data size, not a model size
                if gap == " " and _YEAR.match(nxt) and j == c.tj and (c.text.isupper() or self.gaz_key.get(name_key(c.text)) == BENCHMARK) and (
                    not _MORE_YEARS_AFTER.match(work, toks[j].end)
                ):
                    j += 1  # "AIME 2024": a competition and its year (not "AIME 2024 and 2025", "(MMLU 2021)")
                    end = toks[j - 1].end
                    break
                if gap == " " and nxt.isdigit() and work[toks[j].end : toks[j].end + 1] == ")" and work[end - 1 : end].isdigit():
                    break  # "GLM-4 1) rivals ...": an enumerator, not a version
                if gap == " " and _SCORE_NUMBER.match(nxt) and any(ch.isdigit() for ch in work[c.start : end]):
                    break  # "GPT-3.5-Turbo 58.0, and ... T5-11B 62.4": a score after a versioned or sized name, not its version
                if _SIZE.match(nxt) or (_VERSION.match(nxt) and len(nxt) <= 5 and not _YEAR.match(nxt)):
                    # "7B and 13B" spreads sizes over a family: do not attach
                    after = work[toks[j].end : toks[j].end + 6]
                    if _SIZE.match(nxt) and _MORE_SIZES_AFTER.match(work[toks[j].end : toks[j].end + 12]):
                        break
                    if _RESOLUTION_AFTER.match(after):
                        break  # "ImageNet 256*256" is a resolution
                    j += 1
                    end = toks[j - 1].end
                    continue
            vlow = low[: low.index("-v")] if "-v" in low and _VARIANT_VERSION.search(low) else low  # "large-v3"
            if vlow in _VARIANTS and not (nxt[:1].isupper() and not nxt.isupper() and toks[j].start < self._title_end) and (nxt[:1].isupper() or nxt.isupper() or vlow in {"base", "large", "small", "medium", "tiny", "xl", "xxl", "turbo", "chat", "instruct"}):
                # "BERT base and large" spreads variants: do not attach
                after = work[toks[j].end : toks[j].end + 16]
                if _MORE_VARIANTS_AFTER.match(after) and vlow in {"base", "large", "small", "medium", "tiny"}:
                    break
                if nxt == "base" and (work[end - 1 : end].isdigit() or _SIZE_END.search(work, 0, end)):
                    if _BASE_MODEL_NOUN_AFTER.match(work, toks[j].end):
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
