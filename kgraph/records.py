"""The JSON records ``kgraph extract --format jsonl`` writes, one paper a line.

Contract::

    {"id", "title",
     "entities": [{"name", "type": "Model"|"Dataset"|"Benchmark", "introduced": bool,
                   "mentions": [{"start", "end", "sentence"}]}],
     "links": [{"url", "kind": "github"|"huggingface"|"other"}]}

``start`` and ``end`` are character offsets into the paper's text (title, a
blank line, abstract; see :attr:`kgraph.types.Paper.text`).
"""

from __future__ import annotations

from typing import Any

from .types import PaperExtraction

__all__ = ["to_record"]


def to_record(extraction: PaperExtraction) -> dict[str, Any]:
    """Return the JSON-ready record of one paper's extraction."""
    paper = extraction.paper
    return {
        "id": paper.id,
        "title": paper.title,
        "entities": [
            {
                "name": ent.name,
                "type": ent.type,
                "introduced": bool(ent.introduced),
                "mentions": [{"start": m.start, "end": m.end, "sentence": m.sentence} for m in ent.mentions],
            }
            for ent in extraction.entities
        ],
        "links": [{"url": link.url, "kind": link.kind} for link in extraction.links],
    }
