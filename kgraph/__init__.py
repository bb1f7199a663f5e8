"""kgraph: turn ML paper listings into a knowledge graph.

The stages, each importable on its own (names load lazily, so ``import kgraph``
stays quick):

>>> import kgraph
>>> papers = list(kgraph.load_corpus())          # the sample corpus
>>> G = kgraph.build_graph(kgraph.extract(papers))
>>> G.nodes["model:glm130b"]["type"]
'Model'

``kgraph.extract`` is both the extraction function and the subpackage that
holds the spaCy components (``kgraph.extract.make_nlp``).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_corpus": "corpus",
    "read_papers": "corpus",
    "sample_corpus_paths": "corpus",
    "KgraphError": "errors",
    "CorpusError": "errors",
    "ExportError": "errors",
    "QueryError": "errors",
    "make_nlp": "extract",
    "extract_paper": "extract",
    "GraphBuilder": "graph",
    "build_graph": "graph",
    "build": "pipeline",
    "write_outputs": "pipeline",
    "Paper": "types",
    "Entity": "types",
    "Mention": "types",
    "Link": "types",
    "PaperExtraction": "types",
    "to_rdf": "export.rdf",
    "write_rdf": "export.rdf",
    "to_html": "export.html",
    "write_html": "export.html",
    "write_graphml": "export.files",
    "write_json": "export.files",
    "load_store": "query",
    "select": "query",
    "score": "evaluate",
}

__all__ = ["__version__", "extract", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name == "extract":
        # The subpackage module is itself callable as extract(papers, nlp=None).
        return importlib.import_module(".extract", __name__)
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kgraph' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
