"""spaCy components of kgraph's extraction stage (factories only).

``kgraph_entities`` finds named models, datasets and benchmarks with the rules
of :mod:`kgraph.extract.rules` and the shipped word lists. It sets
``doc.spans["kgraph"]`` (every mention, labels ``MODEL``, ``DATASET``,
``BENCHMARK``), ``doc.ents`` (the same, overlaps removed) and
``doc._.kgraph_entities`` (one :class:`~kgraph.extract.rules.Found` per entity,
with canonical name, aliases, ``introduced`` and ``family``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .learned import Extractor, load_extractor
from .rules import Recognizer

__all__ = ["EntityRecognizer", "make_entity_recognizer"]

LABELS = {"Model": "MODEL", "Dataset": "DATASET", "Benchmark": "BENCHMARK"}


class EntityRecognizer:
    """Set a doc's model, dataset and benchmark mentions from rules and word lists.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("kgraph_entities")
    >>> [(e.text, e.label_) for e in nlp("We evaluate GPT-4 on MMLU and GSM8K.").ents]
    [('GPT-4', 'MODEL'), ('MMLU', 'BENCHMARK'), ('GSM8K', 'BENCHMARK')]
    """

    def __init__(self, nlp: Language, name: str = "kgraph_entities", *, spans_key: str = "kgraph", annotate_ents: bool = True, recognizer: Recognizer | Extractor | None = None) -> None:
        self.name = name
        self.spans_key = spans_key
        self.annotate_ents = annotate_ents
        self.recognizer = recognizer or load_extractor()
        if not Doc.has_extension("kgraph_entities"):
            Doc.set_extension("kgraph_entities", default=None)

    def __call__(self, doc: Doc) -> Doc:
        found = self.recognizer.find(doc.text)
        _split_tokens(doc, {offset for ent in found for span in ent.spans for offset in span})
        spans = []
        for ent in found:
            label = LABELS[ent.type]
            for start, end in ent.spans:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        spans.sort(key=lambda s: (s.start_char, s.end_char))
        doc.spans[self.spans_key] = spans
        if self.annotate_ents:
            doc.ents = filter_spans(spans)
        doc._.kgraph_entities = found
        return doc

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Do nothing: the component has no trained weights."""

    def to_disk(self, path, *, exclude=()) -> None:
        """Write nothing: the word lists ship with the package."""

    def from_disk(self, path, *, exclude=()) -> "EntityRecognizer":
        """Read nothing: the word lists ship with the package."""
        return self


def _split_tokens(doc: Doc, offsets: set[int]) -> None:
    """Split the tokens that a mention starts or ends inside ("GSM8K." -> "GSM8K", ".")."""
    cuts_by_token = []
    for token in doc:
        inner = sorted(o - token.idx for o in offsets if token.idx < o < token.idx + len(token.text))
        if inner:
            cuts_by_token.append((token, inner))
    if not cuts_by_token:
        return
    with doc.retokenize() as retokenizer:
        for token, inner in cuts_by_token:
            bounds = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))


@Language.factory(
    "kgraph_entities",
    assigns=["doc.ents", "doc.spans", "doc._.kgraph_entities"],
    default_config={"spans_key": "kgraph", "annotate_ents": True},
)
def make_entity_recognizer(nlp: Language, name: str, spans_key: str, annotate_ents: bool) -> EntityRecognizer:
    """Build the ``kgraph_entities`` component (registered as a spaCy factory)."""
    return EntityRecognizer(nlp, name, spans_key=spans_key, annotate_ents=annotate_ents)
