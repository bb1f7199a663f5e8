"""kg:mentionTotal and kg:paperCount: each thing's totals equal the sums of its Mention nodes, in exports and stores."""

from __future__ import annotations

from kgraph.export.rdf import to_store
from kgraph.graph import build_graph
from kgraph.query import named_query, select
from kgraph.store import open_store, update_store
from support.graphs import listing_a, listing_b

_TOTALS = """
PREFIX kg: <https://w3id.org/kgraph/ontology#>
SELECT ?thing ?mentions ?papers WHERE {
  VALUES ?type { kg:Model kg:Dataset kg:Benchmark }
  ?thing a ?type ; kg:mentionTotal ?mentions ; kg:paperCount ?papers .
}
"""
_SUMS = """
PREFIX kg: <https://w3id.org/kgraph/ontology#>
SELECT ?thing (SUM(?count) AS ?mentions) (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  VALUES ?type { kg:Model kg:Dataset kg:Benchmark }
  ?thing a ?type .
  OPTIONAL { ?m kg:mentionOf ?thing ; kg:inPaper ?paper ; kg:mentionCount ?count . }
} GROUP BY ?thing
"""


def _table(store, query):
    return {str(row[0]): (int(row[1] or 0), int(row[2] or 0)) for row in select(store, query)[1]}


def _totals(store):
    totals = _table(store, _TOTALS)
    sums = {k: v for k, v in _table(store, _SUMS).items()}
    return totals, sums


def test_export_totals_are_the_sums_of_mentions(sample_graph):
    totals, sums = _totals(to_store(sample_graph))
    assert totals == sums
    assert len(totals) == sum(1 for _, d in sample_graph.nodes(data=True) if d["type"] in ("Model", "Dataset", "Benchmark"))
    assert max(papers for _, papers in totals.values()) > 1  # some thing is in several papers


def test_top_models_reads_the_totals(sample_graph):
    store = to_store(sample_graph)
    columns, rows = select(store, named_query("top-models"))
    assert columns[:3] == ["model_name", "mentions", "papers"]
    sums = _table(store, _SUMS)
    assert rows and all(sums[str(row[3])] == (int(row[1]), int(row[2])) for row in rows)
    assert [int(r[1]) for r in rows] == sorted((int(r[1]) for r in rows), reverse=True)


def _store_totals(path):
    store = open_store(path)
    try:
        return _totals(store)
    finally:
        del store


def test_store_totals_follow_every_update(tmp_path):
    a, b = build_graph(listing_a()), build_graph(listing_b())
    update_store(tmp_path / "kg", a)
    after_a, sums_a = _store_totals(tmp_path / "kg")
    assert after_a == sums_a
    update_store(tmp_path / "kg", b)
    after_b, sums_b = _store_totals(tmp_path / "kg")
    assert after_b == sums_b
    assert after_b != after_a  # B mentions things A had: their totals grew
    grown = [k for k in after_a if after_b.get(k, (0, 0))[1] > after_a[k][1]]
    assert grown
    # The one-shot build of both listings gives the same totals for the things both name alike.
    union = _table(to_store(build_graph([*listing_a(), *listing_b()])), _TOTALS)
    assert all(union[k] == after_b[k] for k in grown if k in union)
    update_store(tmp_path / "kg", a)
    assert _store_totals(tmp_path / "kg") == (after_b, sums_b)


def test_store_from_before_totals_gets_them_on_its_next_update(tmp_path):
    """A format-1 store (no totals) is given totals for every thing, not just the ones the update names."""
    import json

    import pyoxigraph as ox

    from kgraph.vocab import KG

    update_store(tmp_path / "kg", build_graph(listing_a()))
    # Make it look like a store written before totals existed.
    store = open_store(tmp_path / "kg")
    del store
    location = (tmp_path / "kg" / "current").resolve()
    store = ox.Store(str(location))
    for predicate in (KG.mentionTotal, KG.paperCount):
        for quad in list(store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None)):
            store.remove(quad)
    store.flush()
    del store
    meta = tmp_path / "kg" / "kgraph-store.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 1}))
    assert _store_totals(tmp_path / "kg")[0] == {}
    update_store(tmp_path / "kg", build_graph(listing_b()))
    totals, sums = _store_totals(tmp_path / "kg")
    assert totals == sums and len(totals) == len(sums)
    assert json.loads(meta.read_text())["format"] == 2
