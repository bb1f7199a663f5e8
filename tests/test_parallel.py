"""Parallel extraction gives exactly the output of one process."""

from __future__ import annotations

import json

import pytest

from kgraph.errors import KgraphError
from kgraph.extract import extract
from kgraph.parallel import extract_parallel
from kgraph.records import to_record


def _lines(extractions) -> bytes:
    return "\n".join(json.dumps(to_record(x), ensure_ascii=False) for x in extractions).encode()


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_parallel_equals_sequential(sample_papers, nlp, start_method):
    sequential = list(extract(sample_papers, nlp))
    parallel = list(extract_parallel(sample_papers, jobs=2, batch_size=16, start_method=start_method))
    assert [x.paper for x in parallel] == sample_papers
    assert parallel == sequential
    assert _lines(parallel) == _lines(sequential)


def test_parallel_one_job_starts_no_process(sample_papers, nlp):
    assert list(extract_parallel(sample_papers[:5], jobs=1)) == list(extract(sample_papers[:5], nlp))


def test_parallel_consumer_may_stop_early(sample_papers):
    results = extract_parallel(iter(sample_papers), jobs=2, batch_size=4)
    first = next(results)
    results.close()  # shuts the pool down without reading the rest
    assert first.paper == sample_papers[0]


@pytest.mark.parametrize("kwargs", [{"jobs": 0}, {"jobs": 2, "batch_size": 0}])
def test_parallel_rejects_bad_options(sample_papers, kwargs):
    with pytest.raises(KgraphError):
        list(extract_parallel(sample_papers[:2], **kwargs))


def test_parallel_build_writes_the_same_bytes(tmp_path):
    from kgraph.pipeline import build

    one = build(None, tmp_path / "one", formats=["ttl", "nt", "graphml", "json", "html"])
    two = build(None, tmp_path / "two", formats=["ttl", "nt", "graphml", "json", "html"], jobs=2)
    assert one.papers == two.papers == 181
    for path in one.files:
        assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes(), path.name
