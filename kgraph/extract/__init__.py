"""Extraction stage: papers in, :class:`~kgraph.types.PaperExtraction` records out.

Stage contract: :func:`extract` streams one result per input paper, in input
order. Each result holds the paper's entities (one :class:`~kgraph.types.Entity`
per model, dataset or benchmark, with aliases, every mention as offsets into
``paper.text``, ``introduced`` and ``family``), sorted by first mention, and its
links (normalised, see :mod:`kgraph.links`), sorted by first mention.

The pipeline is :func:`make_nlp`: spaCy's blank English tokenizer and the
rule component ``kgraph_entities`` (which also splits sentences, for the
mentions' ``sentence``). Nothing is downloaded. When the pipeline is exactly
that, :func:`extract` calls the rules on the text directly: they need no
spaCy ``Doc``, and skipping the tokenizer doubles throughput; any other
pipeline runs through ``nlp.pipe``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from ..links import find_links
from ..types import Entity, Link, Mention, Paper, PaperExtraction
from .components import EntityRecognizer  # also registers the kgraph_entities factory
from .learned import Extractor, load_extractor
from .rules import Found, Recognizer, sentence_spans

__all__ = ["extract", "extract_paper", "make_nlp"]


def make_nlp() -> Language:
    """Return kgraph's extraction pipeline: blank English plus the rule component.

    >>> make_nlp().pipe_names
    ['kgraph_entities']
    """
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_entities")
    return nlp


def _sentence_finder(text: str):
    sents = sentence_spans(text) or [(0, len(text))]
    starts = [s for s, _ in sents]

    memo: dict[int, str] = {}  # sentence index -> its text: most sentences hold several mentions

    def sentence(pos: int) -> str:
        i = max(bisect_right(starts, pos) - 1, 0)
        sent = memo.get(i)
        if sent is None:
            s, e = sents[i]
            sent = memo[i] = text[s:e].strip()
        return sent

    return sentence


def _rules_only(nlp: Language | None) -> Recognizer | Extractor | None:
    """Return the recognizer when ``nlp`` is just the tokenizer and ``kgraph_entities``.

    ``None`` stands for :func:`make_nlp`'s pipeline, whose recognizer is the shared
    :func:`~kgraph.extract.learned.load_extractor`: no need to build spaCy (~0.1 s a call).
    """
    if nlp is None:
        return load_extractor()
    if nlp.pipe_names != ["kgraph_entities"]:
        return None
    component = nlp.get_pipe("kgraph_entities")
    return component.recognizer if isinstance(component, EntityRecognizer) else None


def _to_extraction(paper: Paper, found_entities: Iterable[Found]) -> PaperExtraction:
    text = paper.text
    sentence = _sentence_finder(text)
    entities = []
    for found in found_entities:
        mentions = tuple(Mention(s, e, sentence(s), text[s:e]) for s, e in sorted(found.spans))
        entities.append(
            Entity(
                name=found.name,
                type=found.type,
                introduced=found.introduced,
                aliases=tuple(found.aliases),
                mentions=mentions,
                family=found.family,
            )
        )
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, e.name))
    links: dict[str, tuple[str, list[Mention]]] = {}
    for start, end, url, kind in find_links(text):
        links.setdefault(url, (kind, []))[1].append(Mention(start, end, sentence(start), text[start:end]))
    return PaperExtraction(
        paper=paper,
        entities=tuple(entities),
        links=tuple(Link(url, kind, tuple(ms)) for url, (kind, ms) in links.items()),
    )


def extract(papers: Iterable[Paper], nlp: Language | None = None, *, batch_size: int = 256) -> Iterator[PaperExtraction]:
    """Yield the extraction of each paper, in input order.

    >>> from kgraph.types import Paper
    >>> [out] = extract([Paper("p", "GLM-130B: An Open Bilingual Pre-trained Model", "We release GLM-130B.")])
    >>> [(e.name, e.type, e.introduced) for e in out.entities]
    [('GLM-130B', 'Model', True)]
    """
    recognizer = _rules_only(nlp)
    if recognizer is not None:
        # the pipeline is (or defaults to) exactly make_nlp(): the rules need no Doc, so skip spaCy
        for paper in papers:
            yield _to_extraction(paper, recognizer.find(paper.text))
        return

    def pairs() -> Iterator[tuple[str, Paper]]:
        for paper in papers:
            yield paper.text, paper

    for doc, paper in nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size):
        yield _to_extraction(paper, doc._.kgraph_entities or ())


def extract_paper(paper: Paper, nlp: Language | None = None) -> PaperExtraction:
    """Return the extraction of one paper.

    >>> from kgraph.types import Paper
    >>> out = extract_paper(Paper("p", "T", "Code: https://github.com/THUDM/GLM-130B."))
    >>> [(link.url, link.kind) for link in out.links]
    [('https://github.com/THUDM/GLM-130B', 'github')]
    """
    return next(extract([paper], nlp))


class _CallableModule(type(spacy)):
    """Let ``kgraph.extract(papers)`` call :func:`extract` while the subpackage stays importable."""

    def __call__(self, papers: Iterable[Paper], nlp: Language | None = None, **kwargs: object) -> Iterator[PaperExtraction]:
        return extract(papers, nlp, **kwargs)  # type: ignore[arg-type]


import sys as _sys  # noqa: E402

_sys.modules[__name__].__class__ = _CallableModule
