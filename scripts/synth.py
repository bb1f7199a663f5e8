"""Generate a synthetic corpus of N papers from the sample, for benchmarks.

Each synthetic paper takes the title of a sample paper and its abstract's
sentences, about a third of them swapped for sentences of other sample papers.
Every model, dataset and benchmark name in them (found by kgraph's own
extractor on the sample, once) is kept with probability 0.4 and otherwise
replaced by a numbered variant (``MMLU`` -> ``MMLU-173``), the number drawn
log-uniformly from 1 to N/10; GitHub links get a repository per paper. So, as
in real listings, a few names are everywhere and the number of distinct
entities grows with N. Papers get unique arXiv-style ids (20,000 a month from
2020-01), dates, authors and titles; the same ``(n, seed)`` always gives the
same corpus.

Example: .venv/bin/python scripts/synth.py 100000 -o synth-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kgraph.types import Entity, Link, Mention, Paper, PaperExtraction  # noqa: E402

__all__ = ["Templates", "load_templates", "synth_extractions", "synth_records", "synth_papers", "write_jsonl"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_FIRST = ["Ada", "Wei", "Priya", "Lars", "Amara", "Kenji", "Sofia", "Omar", "Lena", "Jun", "Mateo", "Noor"]
_LAST = ["Zhang", "Okafor", "Novak", "Garcia", "Tanaka", "Kumar", "Schmidt", "Haddad", "Silva", "Kim", "Rossi", "Chen"]

# A template is a list of pieces: plain text, or (kind, entity type, introduced,
# original text) slots, kind "E" for an entity name and "G" for a GitHub link.


@dataclass
class Templates:
    """The sample, cut into title templates and a bank of abstract sentences."""

    titles: list[list]
    abstracts: list[list[list]]  # per paper, its sentences
    bank: list[list]  # every abstract sentence of every paper


def _pieces(text: str, offset: int, slots: list[tuple[int, int, str]]) -> list:
    pieces: list = []
    pos = 0
    for start, end, kind in slots:
        s, e = start - offset, end - offset
        if s < pos or s < 0 or e > len(text):
            continue
        if s > pos:
            pieces.append(text[pos:s])
        pieces.append((*kind, text[s:e]))
        pos = e
    if pos < len(text):
        pieces.append(text[pos:])
    return pieces


def load_templates() -> Templates:
    """Cut the sample corpus into templates (runs the extractor on the 181 sample papers)."""
    from kgraph.corpus import load_corpus
    from kgraph.extract import extract

    titles, abstracts, bank = [], [], []
    for x in extract(list(load_corpus())):
        paper = x.paper
        slots = sorted(
            {(m.start, m.end, ("E", ent.type, ent.introduced)) for ent in x.entities for m in ent.mentions}
            | {(m.start, m.end, ("G", "", False)) for link in x.links if link.kind == "github" for m in link.mentions}
        )
        title_end = len(paper.title)
        titles.append(_pieces(paper.title, 0, [s for s in slots if s[1] <= title_end]))
        offset = title_end + 2
        sentences = []
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(paper.abstract)]
        ends = [m.start() for m in _SENTENCE_END.finditer(paper.abstract)] + [len(paper.abstract)]
        for s, e in zip(starts, ends):
            inside = [(a - offset - s, b - offset - s, k) for a, b, k in slots if offset + s <= a and b <= offset + e]
            sentences.append(_pieces(paper.abstract[s:e], 0, inside))
        abstracts.append(sentences)
        bank.extend(sentences)
    return Templates(titles, abstracts, bank)


def _fill(pieces: list, names: dict[str, str], rng: random.Random, variants: int, index: int, out: list[str], slots: list | None) -> None:
    """Append the filled template to ``out``; record (start, end, kind, type, introduced, text) in ``slots``."""
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        kind, etype, introduced, original = piece
        if kind == "G":
            url = original.rstrip("/.")
            text = url + f"-{index}" if url.count("/") >= 4 else url
        else:
            if original not in names:
                keep = rng.random() < 0.4
                names[original] = original if keep else f"{original}-{int(variants ** rng.random())}"
            text = names[original]
        if slots is not None:
            start = sum(map(len, out))
            slots.append((start, start + len(text), kind, etype, introduced, text))
            out[:] = ["".join(out)]
        out.append(text)


def _synth(n: int, seed: int, templates: Templates | None, with_slots: bool) -> Iterator[tuple[dict, list | None]]:
    t = templates or load_templates()
    variants = max(10, n // 10)
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        src = rng.randrange(len(t.titles))
        sentences = [s if rng.random() < 0.7 else t.bank[rng.randrange(len(t.bank))] for s in t.abstracts[src]]
        names: dict[str, str] = {}
        slots: list | None = [] if with_slots else None
        out: list[str] = []
        _fill(t.titles[src], names, rng, variants, i, out, slots)
        out.append(f" ({i})\n\n")
        for k, sentence in enumerate(sentences):
            if k:
                out.append(" ")
            _fill(sentence, names, rng, variants, i, out, slots)
        title, abstract = "".join(out).split("\n\n", 1)
        month = i // 20_000
        year, mon = 20 + month // 12, month % 12 + 1
        arxiv_id = f"{year:02d}{mon:02d}.{i % 20_000:05d}"
        record = {
            "title": title,
            "abstract": abstract,
            "arxiv_id": arxiv_id,
            "url": f"https://arxiv.org/abs/{arxiv_id}",
            "date": f"20{year:02d}-{mon:02d}-{1 + i % 28:02d}",
            "authors": [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(1 + rng.randrange(5))],
        }
        yield record, slots


def synth_records(n: int, *, seed: int = 0, templates: Templates | None = None) -> Iterator[dict]:
    """Yield ``n`` synthetic paper records (``title``, ``abstract``, ``arxiv_id``, ``url``, ``date``, ``authors``)."""
    for record, _ in _synth(n, seed, templates, False):
        yield record


def synth_extractions(n: int, *, seed: int = 0, templates: Templates | None = None) -> Iterator[PaperExtraction]:
    """Yield the papers of :func:`synth_records` with the extraction their templates imply.

    No extractor runs: every filled entity slot becomes a mention of an entity
    of the slot's type (from the sample's extraction), every GitHub slot a
    link. For benchmarking the stages after extraction at sizes where running
    the extractor would take too long; not a substitute for its output.
    """
    from kgraph.corpus import _from_record

    for line, (record, slots) in enumerate(_synth(n, seed, templates, True), start=1):
        paper = _from_record(record, "<synth>", line)
        text = paper.text
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
        entities: dict[str, tuple[str, bool, list[Mention]]] = {}
        links: dict[str, list[Mention]] = {}
        for start, end, kind, etype, introduced, surface in slots or ():
            i = bisect_right(bounds, start) - 1
            mention = Mention(start, end, text[bounds[i]:bounds[min(i + 1, len(bounds) - 1)]].strip(), surface)
            if kind == "G":
                links.setdefault(surface, []).append(mention)
            else:
                old = entities.get(surface)
                entities[surface] = (etype, introduced or (old[1] if old else False), (old[2] if old else []) + [mention])
        yield PaperExtraction(
            paper,
            tuple(Entity(name, etype, intro, (), tuple(ms)) for name, (etype, intro, ms) in entities.items()),
            tuple(Link(url, "github", tuple(ms)) for url, ms in links.items()),
        )


def synth_papers(n: int, *, seed: int = 0, templates: Templates | None = None) -> Iterator[Paper]:
    """Yield ``n`` synthetic papers as :class:`~kgraph.types.Paper` records (ids as the readers give them)."""
    from kgraph.corpus import _from_record

    for line, record in enumerate(synth_records(n, seed=seed, templates=templates), start=1):
        yield _from_record(record, "<synth>", line)


def write_jsonl(n: int, path: str | Path, *, seed: int = 0, templates: Templates | None = None) -> Path:
    """Write ``n`` synthetic papers to ``path`` as JSON Lines and return the path."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in synth_records(n, seed=seed, templates=templates):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
    return path


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic corpus (the command line of this script)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of papers")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_jsonl(args.n, args.output, seed=args.seed)


if __name__ == "__main__":
    main()
