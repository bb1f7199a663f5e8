"""Records passed between kgraph's stages.

Offsets: every :class:`Mention` offset is a character offset into
:attr:`Paper.text`, which is the title, a blank line, then the abstract
(``title + "\\n\\n" + abstract``). The sentence is the sentence of that text that
holds the mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Model", "Dataset", "Benchmark"]
LinkKind = Literal["github", "huggingface", "other"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Model", "Dataset", "Benchmark")


@dataclass(frozen=True)
class Paper:
    """One paper: a title and an abstract, plus what the source knew of it.

    >>> Paper(id="x", title="T", abstract="A.").text
    'T\\n\\nA.'
    """

    id: str
    title: str
    abstract: str
    arxiv_id: str | None = None
    url: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None  # "file:line" where the paper was first read

    @property
    def text(self) -> str:
        """Return the text entities are extracted from: title, blank line, abstract."""
        return f"{self.title}\n\n{self.abstract}"


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity or link in :attr:`Paper.text`."""

    start: int
    end: int
    sentence: str
    text: str = ""


@dataclass(frozen=True)
class Entity:
    """A named model, dataset or benchmark as one paper speaks of it.

    ``name`` is the canonical surface form, ``aliases`` every other form the
    paper uses for it (e.g. an abbreviation it defines), ``family`` the
    family a sized variant belongs to (``Llama-2`` for ``Llama-2-7B``).
    """

    name: str
    type: EntityType
    introduced: bool = False
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    family: str | None = None


@dataclass(frozen=True)
class Link:
    """A web link found in a paper, normalised (see :func:`kgraph.links.normalize_url`)."""

    url: str
    kind: LinkKind
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class PaperExtraction:
    """Everything extracted from one paper."""

    paper: Paper
    entities: tuple[Entity, ...] = ()
    links: tuple[Link, ...] = field(default_factory=tuple)
