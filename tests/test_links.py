"""Tests of kgraph.links: finding and normalising links."""

import pytest

from kgraph.links import find_links, link_kind, normalize_url


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://github.com/QizhiPei/SSM-DTA{Github}.", "https://github.com/QizhiPei/SSM-DTA"),
        ("https://github.com/Pepperlll/LMforImageGeneration.git.", "https://github.com/Pepperlll/LMforImageGeneration"),
        ("https://github.com/LLNL/LUAR/tree/main/fewshot_iclr2024.", "https://github.com/LLNL/LUAR"),
        ("https://github.com/modelscope/data-juicer/blob/main/docs/awesome_llm_data.md.", "https://github.com/modelscope/data-juicer"),
        ("https://github.com/idiap/gme-sampler).", "https://github.com/idiap/gme-sampler"),
        ("https://github.com/THUDM", "https://github.com/THUDM"),
        ("http://www.github.com/a/b/#readme", "https://github.com/a/b"),
        ("github.com/a/b.", "https://github.com/a/b"),
        ("https://lggm-lg.github.io/.", "https://lggm-lg.github.io"),
        ("muse-bench.github.io", "https://muse-bench.github.io"),
        ("https://google-research.github.io/seanet/musiclm/diverse_music/.", "https://google-research.github.io/seanet/musiclm/diverse_music"),
        ("https://huggingface.co/CofeAI/FLM-101B.", "https://huggingface.co/CofeAI/FLM-101B"),
        ("https://rb.gy/ws1ile.", "https://rb.gy/ws1ile"),
    ],
)
def test_links_normalize_url(raw, expected):
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://github.com/THUDM/GLM-130B", "github"),
        ("https://github.com/THUDM", "github"),
        ("https://opendatalab.github.io/VIGC", "other"),
        ("https://huggingface.co/THUDM", "huggingface"),
        ("https://rb.gy/ws1ile", "other"),
    ],
)
def test_links_link_kind(url, kind):
    assert link_kind(url) == kind


def test_links_find_links_in_sentence():
    text = (
        "Our code and data are available at https://github.com/idiap/gme-sampler) and "
        "(https://github.com/idiap/abroad-re. The project page is muse-bench.github.io"
    )
    found = find_links(text)
    assert [(url, kind) for _, _, url, kind in found] == [
        ("https://github.com/idiap/gme-sampler", "github"),
        ("https://github.com/idiap/abroad-re", "github"),
        ("https://muse-bench.github.io", "other"),
    ]
    start, end, _, _ = found[0]
    assert text[start:end] == "https://github.com/idiap/gme-sampler"


def test_links_find_links_none():
    assert find_links("We use the e.g. GPT-3.5 model, i.e. no link.") == []


@pytest.mark.parametrize("text", ["see www.[x.org for details", "www.]http", "code: https://[x/y"])
def test_links_with_brackets_urlsplit_rejects_do_not_crash(text):
    """urlsplit raises ValueError ("Invalid IPv6 URL") on a host with a bracket: such a link is just "other"."""
    links = find_links(text)
    assert all(kind == "other" for _, _, _, kind in links)
    from kgraph.evaluate import url_key

    for _, _, url, _ in links:
        assert url_key(url)  # the scorer's key of such a link doesn't crash either
