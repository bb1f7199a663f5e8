"""Shared fixtures: the sample papers, a session-wide spaCy pipeline, the shared/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_papers():
    from kgraph.corpus import load_corpus

    return list(load_corpus())


@pytest.fixture(scope="session")
def nlp():
    from kgraph.extract import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def sample_extractions(sample_papers, nlp):
    from kgraph.extract import extract

    return list(extract(sample_papers, nlp))


@pytest.fixture(scope="session")
def sample_graph(sample_extractions):
    from kgraph.graph import build_graph

    return build_graph(sample_extractions)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, sample_graph):
    """The four default output files of the sample, written once per session."""
    from kgraph.pipeline import write_outputs

    out = tmp_path_factory.mktemp("sample-build")
    write_outputs(sample_graph, out)
    return out


@pytest.fixture
def shared_dir():
    if not (SHARED / "gold" / "dev.jsonl").exists():
        pytest.skip("../shared (gold data and reference scorer) is not beside this checkout")
    return SHARED
