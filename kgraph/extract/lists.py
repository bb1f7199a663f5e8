"""Names in lists, and what a list says of its items.

A plural type noun heads a list and types its items whatever their shape
("4 benchmarks (A, B-C, Block Pushing and D)", "datasets such as A, B",
"the A, B and C collections", "planners, UniAD, VAD and SparseDrive"); a
list of data sets after "on"/"across" is where results are measured
(benchmarks). In a list of known names a lowercase item is a name too
("Hellaswag, arc, boolq and piqa"). Coordinated names share a type ("on X, Y
and Z": untyped members take their neighbours'), and what a model-handling
verb takes as objects ("we fine-tune A and B") is a model.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .candidates import BENCHMARK, DATASET, MODEL, _Cand
from .lexicon import _MODEL_ROLE_NOUNS, _MODEL_ROLE_SET, Lexicon, _noun_types
from .scan import _matches_from, _may_match, _occurrences
from .tokens import _LANGUAGE_WORD, _NUMBERISH, _PHRASE_SKIP, _PLAIN, _SIZE, _VARIANTS, _Tok, _shape, name_key

# --- a plural type noun after a list: "the A, B and C datasets" --------------------------------

# a plural type noun after a list of names: "the public A, B 1.1 and C collections", "the A and B test sets"
# (one lowercase modifier may come between: "the AMI and ICSI meeting corpora")
_LIST_TAIL = re.compile(r"(?<=[\w+)]) (benchmarks|datasets|data sets|corpora|collections|test sets|suites)\b")
# that lowercase modifier, before the noun ("meeting" in "the AMI and ICSI meeting corpora")
_LIST_TAIL_MODIFIER = re.compile(r"(?<=[\w+)]) (?!(?:and|or|the|of|on|in|for|to|with|from|by|as|is|are|was|were|training|evaluation|new|our|two|three|four|five|six|several|other|public|these|those)\b)[a-z]{3,}(?<!s)$")
_LIST_TAIL_TYPE = _noun_types()["list_tail"]  # the type each noun of _LIST_TAIL gives the items
_LIST_SEP_BACK = re.compile(r"(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)$")  # ", ", " and ", ", or " before an item (walking back)


# --- a plural type noun before a list: "benchmarks (A, B and C)", "datasets such as A, B" ------------

# a plural type noun that heads a list of names: "benchmarks (A, B and C)", "datasets such as A, B"
_LIST_HEAD = re.compile(
    r"\b(benchmarks|datasets|data sets|corpora|suites|collections|resources)(?:\s*:\s*|\s*\(\s*(?:(?:e\.g\.|i\.e\.|including|such as|like|namely),?\s*)?|,?\s+(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?)\s+)"
)
_DATA_RESOURCES_BEFORE = re.compile(r"\b(?:[Dd]ata|[Pp]ublic|[Ee]xisting|[Aa]nnotated|[Ll]exical|[Ll]anguage|[Oo]pen) $")  # "public resources such as X"
_LIST_NOUN_TYPE = _noun_types()["list_head"]  # the type each noun of _LIST_HEAD gives the items
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
_TRAINED_ON_WORDS = ("train", "tun")  # one of which _TRAINED_BEFORE needs (a pre-check for _may_match)
_TRAINED_BEFORE = re.compile(r"\b(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:[\w\-]+\s+){0,3}?$", re.I)  # "pretrained on N graphs"
# a plural model noun that heads a list of models: "regressors such as A", "four judges: A, B", "planners, A, B and C"
_MODEL_LIST_HEAD = re.compile(
    r"\b(%s)(?:(\s*:\s*|\s*\(\s*(?:(?:e\.g\.|i\.e\.|including|such as|like|namely),?\s*)?|,?\s+(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?)\s+)|(,\s+|\s+)(?=[A-Z]))"
    % _MODEL_ROLE_NOUNS
)
# a singular model noun right before a name, after an article: "the in-context learner TabPFN v2"
_MODEL_NOUN_DET = re.compile(r"\b(?:the|a|an|our)\s+(?:[\w\-]+\s+){0,3}$")
_MODEL_NOUN_NAMED = re.compile(
    r"(?<![\w\-])(?:model|(?i:llm|mllm|vlm|lvlm|lmm|slm)|baseline|encoder|decoder|backbone|retriever|reranker|embedder|generator|"
    r"detector|classifier|regressor|predictor|planner|policy|verifier|judge|evaluator|learner|segmenter|tracker|recognizer|vocoder|"
    r"captioner|solver|transformer|checkpoint|assistant|chatbot|teacher|student)\s+([A-Z][\w.\-]*\w(?:\s+(?:\d+(?:\.\d+)*|[vV]\d+(?:\.\d+)*))?)(?=[\s,.;:)]|$)"
)
_LIST_CUE = re.compile(r"such as|including|like|namely|e\.g\.|i\.e\.|:")  # a list cue in a head: "models such as"
# "3 newly created datasets (i.e., A, B, and C)": the items are the paper's own
_NEW_BEFORE_NOUN = re.compile(r"\b(?:new|newly\s+[a-z]+|novel|our\s+(?:own|new))\s+(?:[\w\-]+\s+){0,3}?(?:benchmarks|datasets|data sets|corpora|suites)$")
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(and|or)\s+)?|\s+(and|or)\s+)(?:the\s+)?")  # between items; "and"/"or" closes the list
# every match of _LIST_TAIL (_LIST_HEAD) starts with one of these heads (literal strings): see _matches_at
_LIST_TAIL_HEADS = (" benchmarks", " datasets", " data sets", " corpora", " collections", " test sets", " suites")
_LIST_HEAD_HEADS = ("benchmarks", "datasets", "data sets", "corpora", "suites", "collections", "resources")
# the nouns of those heads, and those _listed_names looks for before a comma (see _list_noun_places)
_LIST_NOUNS = ("benchmarks", "datasets", "data sets", "corpora", "collections", "test sets", "suites", "resources")
_COMMA_NOUNS = ("benchmarks", "datasets", "data sets", "corpora", "suites")


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


# a list of data sets that is the object of "on"/"across" is where results are measured: "Experimental
# results on nine real-life datasets (e.g., A, B)", "improves micro-F1 on the A, B and C datasets",
# "hold across thirteen standard datasets, including A" (but not "fine-tuned on the A and B corpora")
_DATA_LIST_ON = re.compile(r"\b(?:[Oo]n|[Aa]cross)\s+(?:the\s+)?(?:[\w\-]+\s+){0,5}$")
_DATA_LIST_ON_TRAIN = re.compile(r"(?:train|tun|learn|distill|fit)\w*\s+(?:[\w\-/.]+\s+){0,6}?(?:on|across)\s+(?:the\s+)?(?:[\w\-]+\s+){0,5}$", re.I)


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


# --- lowercase items of a list of known names ------------------------------------------------

_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s*(?:and|or))\s*")  # between list items
_LIST_ITEM_END = re.compile(r"\s*(?:[,;.)]|and\b|or\b|$)")  # a list item ends (no noun after it: "MMLU and math reasoning")


# --- coordination ----------------------------------------------------------------------

_COORDINATION_GAP = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:,|;|/|,?\s*(?:and|or|&|as well as|vs\.?|versus))\s*(?:the\s+)?(?:[A-Z][\w\-]*['\u2019]s\s+)?")  # between coordinated names
_TIE_ORDER = {BENCHMARK: 2, DATASET: 1, MODEL: 0}  # which type wins a tie between list members
_WEAK_MODEL_PART = re.compile(r"Net$|-\d+(?:\.\d+)?[BMK]$")  # name parts that type a name only weakly


# --- the objects of a model-handling verb ---------------------------------------------------

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


class ListRules(Lexicon):
    """Candidates and types from lists and coordination (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

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
        heads = [m for m in _matches_from(_LIST_HEAD, work, self._title_end, head_at) if m.group(1) != "resources" or _DATA_RESOURCES_BEFORE.search(work, max(0, m.start() - 12), m.start())]
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
                etype = DATASET if _may_match(sent, _TRAINED_ON_WORDS) and _TRAINED_BEFORE.search(sent) else BENCHMARK
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
                if len(items) < 2 and not _LIST_CUE.search(m.group()):
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
                        c.set_type(etype, 3)  # "datasets such as X": a known evaluation set stays a benchmark
                    break

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
                if etype not in (BENCHMARK, DATASET) or not _LIST_ITEM_END.match(work[t.end : t.end + 5]):
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
                if _COORDINATION_GAP.fullmatch(gap) and not (closed and gap.strip() == ","):
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
                    if c.type == MODEL and c.score <= 2 and not c.gaz and not self._known_model(c.text) and _WEAK_MODEL_PART.search(c.text):
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
                c.set_type(MODEL, 2)
            elif len(items) >= 2 and pos > self._title_end and work[pos - 1 : pos] == " " and _EVALUATED_SYSTEMS.search(work, max(self._title_end, pos - 30), pos):
                for it in items:  # "We evaluate A, B and C": the systems evaluated (data is evaluated *on*)
                    if it.type is None and not it.none and not self._stopped(it.text):
                        it.set_type(MODEL, 2)
