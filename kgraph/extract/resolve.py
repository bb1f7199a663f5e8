"""One type per name: the mentions of a name, and its variants, share the type of the strongest evidence.

A later mention types an earlier untyped one ("This paper presents E5, a family
of ..."), a hyphenated variant takes the type of the name it extends
("AbdoFound-B" after the model "AbdoFound"), a bare name whose sized forms are
models is the model family ("Kestrel" beside "Kestrel-7B"), and what a paper
calls a benchmark stays one ("GPQA: A ... Benchmark" beside "GPQA, a dataset").
"""

from __future__ import annotations

from .candidates import BENCHMARK, DATASET, MODEL, _Cand
from .lexicon import Lexicon
from .tokens import _SIZE, _VARIANTS, name_key


class ResolutionRules(Lexicon):
    """Types shared between mentions and variants of a name (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

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
                    c.set_type(etype, 2)
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
