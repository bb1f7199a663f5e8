"""SPARQL querying: loading graphs, running queries, formatting rows, and the named queries."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kgraph.errors import QueryError
from kgraph.export.rdf import RDF_FORMATS, to_store, write_rdf
from kgraph.query import (
    format_result,
    graph_stats,
    load_store,
    named_queries,
    named_query,
    query_description,
    query_params,
    select,
)
from support.graphs import listing_a_graph, nasty_graph

QUERY_NAMES = ["co-mentioned-models", "model-benchmarks", "new-data-with-code", "papers-without-code", "repos-by-owner", "top-benchmarks", "top-models"]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return to_store(listing_a_graph())


def _rows(store, name, params=None, columns=None):
    cols, rows = select(store, named_query(name, params))
    if columns is None:
        return rows
    return [[row[cols.index(c)] for c in columns] for row in rows]


def test_query_named_queries_are_all_there():
    assert sorted(named_queries()) == QUERY_NAMES


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_named_query_has_a_leading_comment(name):
    text = named_query(name)
    assert text.startswith(f"# {name}: ")
    assert "?" in query_description(name)  # says what question it answers


def test_query_top_models(store):
    assert _rows(store, "top-models", columns=["model_name", "mentions", "papers"]) == [
        ["GPT-4", "5", "3"],
        ["Claude 3", "1", "1"],
        ["Llama 2", "1", "1"],
        ["Llama-2-7B", "1", "1"],
    ]


def test_query_top_benchmarks_counts_papers_that_evaluate_on_each(store):
    G = listing_a_graph()
    expected = {}
    for u, v, key in G.edges(keys=True):
        if key == "evaluates_on":
            name = G.nodes[v]["name"]
            expected[name] = expected.get(name, 0) + 1
    rows = _rows(store, "top-benchmarks", columns=["benchmark_name", "papers"])
    top = sorted(expected.values(), reverse=True)[:20]
    assert [int(n) for _, n in rows] == top  # the 20 highest counts, most first
    assert all(expected[name] == int(n) for name, n in rows)  # each benchmark's own count
    assert rows == sorted(rows, key=lambda r: (-int(r[1]), r[0]))  # ties by name
    assert len({name for name, _ in rows}) == len(rows) > 0


def test_query_top_benchmarks_keeps_twenty():
    from kgraph.graph import build_graph
    from kgraph.types import Entity, Paper, PaperExtraction

    papers = [
        PaperExtraction(Paper(f"p{i}-{j}", f"T{i} {j}", "A"), (Entity(f"Bench{i:02d}", "Benchmark"),))
        for i in range(25)
        for j in range(i + 1)
    ]
    rows = _rows(to_store(build_graph(papers)), "top-benchmarks", columns=["benchmark_name", "papers"])
    assert rows == [[f"Bench{i:02d}", str(i + 1)] for i in range(24, 4, -1)]


def test_query_model_benchmarks_default_is_gpt4(store):
    assert query_params("model-benchmarks") == {"model": '"GPT-4"'}
    assert _rows(store, "model-benchmarks", columns=["benchmark_name", "papers"]) == [["MMLU", "2"], ["FooBench", "1"]]


@pytest.mark.parametrize("model", ["Llama-2", "llama 2", "LLaMA-2", "LLAMA_2"])
def test_query_model_benchmarks_matches_names_aliases_and_variants(store, model):
    rows = _rows(store, "model-benchmarks", {"model": model}, columns=["benchmark_name", "papers"])
    assert rows == [["FooBench", "1"], ["MMLU", "1"]]


def test_query_model_benchmarks_unknown_model_gives_no_rows(store):
    assert _rows(store, "model-benchmarks", {"model": "No Such Model"}) == []


def test_query_new_data_with_code(store):
    assert _rows(store, "new-data-with-code", columns=["title", "resource_name", "type", "code"]) == [
        ["Comparing GPT-4 and Claude 3", "NewSet", "Dataset", "https://github.com/Lab/newset"],
        ["FooBench: a benchmark", "FooBench", "Benchmark", "https://github.com/Org/Foo"],
    ]


def test_query_co_mentioned_models(store):
    assert _rows(store, "co-mentioned-models", columns=["other_name", "papers"]) == [
        ["Claude 3", "1"],
        ["Llama 2", "1"],
        ["Llama-2-7B", "1"],
    ]
    assert _rows(store, "co-mentioned-models", {"model": "Claude 3"}, columns=["other_name"]) == [["GPT-4"]]


def test_query_repos_by_owner(store):
    assert _rows(store, "repos-by-owner", columns=["owner_name", "owner_repos", "repo_name", "papers", "code"]) == [
        ["Lab", "1", "Lab/newset", "1", "https://github.com/Lab/newset"],
        ["Org", "1", "Org/Foo", "1", "https://github.com/Org/Foo"],
    ]


def test_query_papers_without_code(store):
    assert _rows(store, "papers-without-code", columns=["title", "date", "mentions"]) == [["WebSet", "Mar 13", "4"]]


@pytest.mark.parametrize(
    "value",
    ['GPT-4" } ?s ?p ?o { "', "x\\\" } . DROP ALL #", "line\nbreak", "\\u0022 }", "'single' \"double\"", "∀ unicode ✓"],
)
def test_query_params_are_escaped(store, value):
    text = named_query("model-benchmarks", {"model": value})
    assert select(store, text)[1] == []
    assert text.count("VALUES ?model_name {") == 1


def test_query_params_with_quotes_find_the_model():
    store = to_store(nasty_graph())
    rows = _rows(store, "co-mentioned-models", {"model": 'Q "wen" 2'}, columns=["other_name"])
    assert len(rows) > 5


def test_query_unknown_name_and_param():
    with pytest.raises(QueryError, match=r"No named query 'nope'\. Available: co-mentioned-models, model-benchmarks"):
        named_query("nope")
    with pytest.raises(QueryError, match=r"has no parameter 'name'\. It takes model"):
        named_query("model-benchmarks", {"name": "x"})


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_query_load_store_reads_each_format(tmp_path, fmt):
    path = tmp_path / f"kg{RDF_FORMATS[fmt]}"
    write_rdf(listing_a_graph(), path)
    store = load_store(path)
    assert len(store) == len(to_store(listing_a_graph()))
    assert _rows(store, "top-models")[0][0] == "GPT-4"


def test_query_load_store_errors(tmp_path):
    with pytest.raises(QueryError, match=r"missing\.ttl: no such file or store directory"):
        load_store(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix e: <http://e/> .\ne:a e:b "ok" .\ne:c e:d "unterminated .\n')
    with pytest.raises(QueryError, match=r"bad\.ttl:3: can't parse as Turtle: ") as info:
        load_store(bad)
    assert "\n" not in str(info.value)
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(QueryError, match=r"can't read '\.csv' files"):
        load_store(tmp_path / "x.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(QueryError, match="not a kgraph store"):
        load_store(tmp_path / "empty")


def test_query_select_ask_construct(store):
    assert select(store, "PREFIX kg: <https://w3id.org/kgraph/ontology#> ASK { ?p a kg:Paper }") == (["ask"], [["true"]])
    cols, rows = select(store, "CONSTRUCT { ?s <http://e/p> ?o } WHERE { ?s <https://schema.org/name> ?o } LIMIT 2")
    assert cols == ["subject", "predicate", "object"] and len(rows) == 2
    cols, rows = select(store, "SELECT ?x ?missing WHERE { VALUES ?x { 1 } }")
    assert (cols, rows) == (["x", "missing"], [["1", None]])


@pytest.mark.parametrize(
    "sparql, message",
    [
        ("SELEC ?x", "Invalid SPARQL query"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "updates are not allowed"),
        ("PREFIX e: <http://e/>\n# comment\nDELETE WHERE { ?s ?p ?o }", "updates are not allowed"),
    ],
)
def test_query_select_errors(store, sparql, message):
    with pytest.raises(QueryError, match=message) as info:
        select(store, sparql)
    assert "\n" not in str(info.value)


def test_query_format_result():
    cols, rows = ["name", "n"], [["a, \"b\"", "1"], [None, "2"]]
    assert format_result(cols, rows, "csv") == 'name,n\n"a, ""b""",1\n,2\n'
    assert json.loads(format_result(cols, rows, "json")) == [{"name": 'a, "b"', "n": "1"}, {"name": None, "n": "2"}]
    table = format_result(cols, [["x" * 200, "1"]]).splitlines()
    assert len(table) == 3 and len(table[2]) < 100 and table[2].endswith("| 1")
    assert format_result(["a"], [], "json") == "[]\n"
    with pytest.raises(QueryError, match="Available: table, csv, json"):
        format_result(cols, rows, "xml")


def test_query_graph_stats(store):
    stats = graph_stats(store)
    assert stats["triples"] == len(store)
    classes = stats["classes"]
    assert classes["kg:Paper"] == 3 and classes["schema:ScholarlyArticle"] == 3
    assert classes["kg:Model"] == 4 and classes["kg:Benchmark"] == 2 and classes["kg:Dataset"] == 2
    assert classes["kg:Repository"] == 2
    assert list(classes)[0].startswith("kg:")


def test_query_named_queries_on_the_sample_corpus():
    extract = pytest.importorskip("kgraph.extract", reason="kgraph.extract is not written yet")
    if not hasattr(extract, "extract"):
        pytest.skip("kgraph.extract.extract is not written yet")
    from kgraph.corpus import load_corpus, sample_corpus_paths
    from kgraph.graph import build_graph

    from kgraph.export.rdf import to_rdf, validate_rdf

    G = build_graph(extract.extract(load_corpus(sample_corpus_paths())))
    store = to_store(G)
    for name in QUERY_NAMES:
        assert select(store, named_query(name))[1], name
    conforms, report = validate_rdf(to_rdf(G))
    assert conforms, report
