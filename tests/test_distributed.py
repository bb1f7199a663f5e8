"""Extraction on a Dask cluster gives exactly the output of one process."""

from __future__ import annotations

import sys

import pytest

from kgraph.errors import KgraphError

pytest.importorskip("dask.distributed")


def test_distributed_build_equals_single_process(tmp_path):
    from kgraph.pipeline import build

    formats = ["ttl", "nt", "graphml", "json", "html"]
    local = build(None, tmp_path / "local", formats=formats)
    dask = build(None, tmp_path / "dask", formats=formats, engine="dask", jobs=2)
    assert dask.papers == local.papers == 181
    for path in local.files:
        assert (tmp_path / "dask" / path.name).read_bytes() == path.read_bytes(), path.name


def test_distributed_unreachable_scheduler_is_one_line_error(sample_papers, monkeypatch):
    import kgraph.distributed as distributed

    monkeypatch.setattr(distributed, "_CONNECT_TIMEOUT", "1s")
    with pytest.raises(KgraphError, match="can't reach the Dask scheduler at 'tcp://127.0.0.1:9'") as info:
        list(distributed.extract_dask(sample_papers[:2], scheduler="tcp://127.0.0.1:9"))
    assert "\n" not in str(info.value)


def test_distributed_without_dask_says_how_to_install(sample_papers, monkeypatch):
    from kgraph.distributed import extract_dask

    monkeypatch.setitem(sys.modules, "dask", None)
    with pytest.raises(KgraphError, match=r"pip install 'dask\[distributed\]'"):
        list(extract_dask(sample_papers[:2]))
