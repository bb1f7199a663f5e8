"""Time every stage of a kgraph build on synthetic corpora of growing size.

For each size N (``--sizes``, default 1k, 10k, 100k and 1M) a fresh
subprocess writes a synthetic corpus of N papers (:mod:`synth`: the sample's
sentences recombined, entity names varied so the number of entities grows with
N), then times, as ``kgraph build`` runs them:

* ``ingest``: reading the JSON Lines corpus (``kgraph.corpus.load_corpus``);
* ``extract``: extraction with ``--jobs`` processes (:func:`kgraph.parallel.extract_parallel`),
  streamed into the graph builder; above ``--extract-max`` papers the extractor
  is not run and the templates' own entities are used instead (marked ``oracle``);
* ``graph``: :class:`kgraph.graph.GraphBuilder` (``add`` for every paper, then ``view``:
  entities in memory, papers spooled to disk and read back by the writers);
* ``turtle``: :func:`kgraph.export.rdf.write_rdf` to ``graph.ttl`` (``--jobs`` processes);
* ``html``: :func:`kgraph.export.html.write_html` (``max_nodes`` default);
* ``query``: loading ``graph.ttl`` into a pyoxigraph store (in memory, or on
  disk above ``--memory-store-max``), then ``top-benchmarks`` (ontology/queries:
  a GROUP BY over every paper-benchmark edge; the stage's time), a GROUP BY over
  the per-thing totals (a join per model, dataset and benchmark), ``top-models``
  (reads the totals), the same ranking grouped from every Mention node (what
  rdflib's SPARQL engine is timed on too), and instances per class grouped over
  every node.

``build`` is extract + graph + turtle + html: what ``kgraph build -f ttl,html``
does. Peak memory is the subprocess's maximum RSS after each stage (and the
extraction workers' maximum RSS). Beside them, on the same graph, it times the
straightforward alternatives: rdflib's Turtle serializer and SPARQL engine (up
to ``--baseline-max`` papers) and pyvis ``Network.from_nx`` + ``write_html``
(up to ``--pyvis-max``), each under ``--timeout`` seconds, and, at
``--speedup-size`` papers, extraction alone with 1 and with ``--jobs`` processes.

Prints a markdown table, writes JSON with ``--json`` and states the machine.

Example: .venv/bin/python scripts/benchmark.py --sizes 1k,10k --json bench.json
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import cpu_model  # noqa: E402

STAGES = ("ingest", "extract", "graph", "turtle", "html", "query")
GROUP_BY_TYPES = "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)"
_KG = "PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX schema: <https://schema.org/> "
#: GROUP BY over the totals every model, dataset and benchmark carries.
GROUP_BY_TOTALS = _KG + """SELECT ?type (COUNT(?thing) AS ?things) (SUM(?mentions) AS ?total) WHERE {
  VALUES ?type { kg:Model kg:Dataset kg:Benchmark } ?thing a ?type ; kg:mentionTotal ?mentions } GROUP BY ?type"""
#: The same ranking as top-models, grouped from every Mention node instead of read from the totals.
TOP_MODELS_FROM_MENTIONS = _KG + """SELECT ?model (SUM(?count) AS ?mentions) (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?model a kg:Model . ?mention kg:mentionOf ?model ; kg:inPaper ?paper ; kg:mentionCount ?count }
  GROUP BY ?model ORDER BY DESC(?mentions) LIMIT 20"""


def parse_size(text: str) -> int:
    """Return the number a size like ``10k`` or ``1M`` stands for."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def fmt_size(n: int) -> str:
    """Return ``1k``, ``10k``, ``1M``... for a size."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def machine() -> dict[str, Any]:
    """Return nproc, CPU model, RAM and versions."""
    cpu = cpu_model()
    ram = 0
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(ram / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_at_start": os.getloadavg(),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (workers, forked writers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux: KiB


class _Timeout(BaseException):
    """Raised by SIGALRM; not an Exception, so libraries' ``except Exception`` can't swallow it."""


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _timed(func: Any, timeout: float) -> dict[str, Any]:
    """Run ``func()`` under a SIGALRM timeout; return seconds or the reason it didn't finish."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        func()
    except _Timeout:
        return {"skipped": f"did not finish in {timeout:.0f} s"}
    except Exception as err:  # a baseline failing is a result, not a crash
        return {"skipped": f"failed: {type(err).__name__}: {str(err)[:200]}"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return {"seconds": round(time.perf_counter() - start, 3)}


# --- one size, in a subprocess ------------------------------------------------------


def run_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Build the graph of N synthetic papers stage by stage; return timings and peaks."""
    import synth
    from kgraph.corpus import load_corpus
    from kgraph.export.html import write_html
    from kgraph.export.rdf import write_rdf
    from kgraph.graph import GraphBuilder
    from kgraph.parallel import extract_parallel
    from kgraph.pipeline import few_full_collections
    from kgraph.query import load_store, named_query, select

    work = Path(args.workdir) / fmt_size(n)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    result: dict[str, Any] = {"n": n, "jobs": args.jobs, "stages": {}}
    stages = result["stages"]
    templates = synth.load_templates()
    if not corpus.exists():
        t = time.perf_counter()
        synth.write_jsonl(n, corpus, templates=templates)
        result["synth_seconds"] = round(time.perf_counter() - t, 2)
    result["corpus_mb"] = round(corpus.stat().st_size / 2**20, 1)

    def stage(name: str, seconds: float, **extra: Any) -> None:
        stages[name] = {"seconds": round(seconds, 3), "peak_rss_mb": _rss_mb(), **extra}

    t = time.perf_counter()
    count = sum(1 for _ in load_corpus([corpus]))
    stage("ingest", time.perf_counter() - t, papers=count, per_second=round(count / max(time.perf_counter() - t, 1e-9)))

    oracle = n > args.extract_max
    # The build stages run with the garbage-collector setting kgraph build uses; the baselines with the default.
    build_gc = contextlib.ExitStack()
    build_gc.enter_context(few_full_collections())
    cpu_start = _cpu_seconds()
    builder = GraphBuilder()
    add_seconds = 0.0
    t = time.perf_counter()
    if oracle:
        extractions = synth.synth_extractions(n, templates=templates)
    else:
        extractions = extract_parallel(load_corpus([corpus]), jobs=args.jobs)
    for extraction in extractions:
        a = time.perf_counter()
        builder.add(extraction)
        add_seconds += time.perf_counter() - a
    loop = time.perf_counter() - t
    extract_seconds = loop - add_seconds
    stage(
        "extract",
        extract_seconds,
        per_second=round(n / max(extract_seconds, 1e-9)),
        workers_peak_rss_mb=_rss_mb(resource.RUSAGE_CHILDREN),
        **({"oracle": "extractor not run: entities from the synthetic templates (ingest included)"} if oracle else {}),
    )
    t = time.perf_counter()
    G = builder.view(jobs=args.jobs)  # what kgraph build writes from: papers stay in the spool
    stage("graph", add_seconds + time.perf_counter() - t, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    ttl = work / "graph.ttl"
    t = time.perf_counter()
    write_rdf(G, ttl, jobs=args.jobs)  # as kgraph build --jobs does
    stage("turtle", time.perf_counter() - t, mb=round(ttl.stat().st_size / 2**20, 1))
    html = work / "graph.html"
    t = time.perf_counter()
    write_html(G, html)
    stage("html", time.perf_counter() - t, mb=round(html.stat().st_size / 2**20, 2))
    build_gc.close()
    build_seconds = sum(stages[s]["seconds"] for s in ("extract", "graph", "turtle", "html"))
    result["build"] = {
        "seconds": round(build_seconds, 2),
        "cpu_seconds": round(_cpu_seconds() - cpu_start, 1),
        "per_second": round(n / build_seconds),
        "peak_rss_mb": _rss_mb(),
        "workers_peak_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN),
        "oracle": oracle,
    }

    baselines: dict[str, Any] = result.setdefault("baselines", {})
    if n <= args.pyvis_max:
        from pyvis.network import Network

        def pyvis_html() -> None:
            net = Network(directed=True)
            net.from_nx(G.to_networkx())
            net.write_html(str(work / "pyvis.html"), notebook=False)

        baselines["pyvis_html"] = _timed(pyvis_html, args.timeout)
    else:
        baselines["pyvis_html"] = {"skipped": f"not run above {fmt_size(args.pyvis_max)} papers (--pyvis-max): from_nx draws every node and is quadratic in edges"}

    del G, builder
    gc.collect()

    t = time.perf_counter()
    if n > args.memory_store_max:
        import pyoxigraph as ox

        store = ox.Store(str(work / "store"))
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        store.optimize()
        # Queried as `kgraph query STORE` does: opened again, read-only.
        del store
        gc.collect()
        store = ox.Store.read_only(str(work / "store"))
        where = "on disk"
    else:
        store = load_store(ttl)
        where = "in memory"
    load_seconds = time.perf_counter() - t
    triples = len(store)
    top_models = named_query("top-models")

    def timed_query(query: str) -> float:
        t = time.perf_counter()
        select(store, query)
        return round(time.perf_counter() - t, 3)

    q_benchmarks = timed_query(named_query("top-benchmarks"))
    stage(
        "query",
        q_benchmarks,
        group_by_totals_seconds=timed_query(GROUP_BY_TOTALS),
        load_seconds=round(load_seconds, 2),
        triples=triples,
        store=where,
        top_models_seconds=timed_query(top_models),
        top_models_from_mentions_seconds=timed_query(TOP_MODELS_FROM_MENTIONS),
        group_by_types_seconds=timed_query(GROUP_BY_TYPES),
    )
    del store
    gc.collect()

    if n <= args.baseline_max:
        import rdflib

        rdf = rdflib.Graph()
        t = time.perf_counter()
        parsed = _timed(lambda: rdf.parse(ttl, format="turtle"), args.timeout)
        baselines["rdflib_parse"] = parsed
        if "seconds" in parsed:
            out = work / "rdflib.ttl"
            baselines["rdflib_turtle"] = _timed(lambda: rdf.serialize(out, format="turtle"), args.timeout)
            baselines["rdflib_sparql"] = _timed(lambda: list(rdf.query(TOP_MODELS_FROM_MENTIONS)), args.timeout)
        else:
            baselines["rdflib_turtle"] = baselines["rdflib_sparql"] = {"skipped": "rdflib could not parse the graph in time"}
        del rdf
        gc.collect()
    else:
        reason = f"not run above {fmt_size(args.baseline_max)} papers (--baseline-max): rdflib holds every triple as Python objects"
        baselines["rdflib_turtle"] = baselines["rdflib_sparql"] = {"skipped": reason}
    if n == args.speedup_size and not oracle:
        speedup: dict[str, Any] = {}
        for jobs in sorted({1, args.jobs}):
            t = time.perf_counter()
            for _ in extract_parallel(load_corpus([corpus]), jobs=jobs):
                pass
            seconds = time.perf_counter() - t
            speedup[str(jobs)] = {"seconds": round(seconds, 2), "per_second": round(n / seconds, 1)}
        if len(speedup) == 2:
            speedup["speedup"] = round(speedup["1"]["seconds"] / speedup[str(args.jobs)]["seconds"], 2)
        result["extract_scaling"] = speedup
    result["load_avg_at_end"] = os.getloadavg()
    if not args.keep:
        for name in ("graph.ttl", "graph.html", "rdflib.ttl", "pyvis.html"):
            (work / name).unlink(missing_ok=True)
        shutil.rmtree(work / "store", ignore_errors=True)
    return result


# --- the report --------------------------------------------------------------------


def _ratio(ours: float | None, theirs: dict[str, Any] | None) -> str:
    if not theirs or "seconds" not in theirs or not ours:
        return (theirs or {}).get("skipped", "")
    ratio = theirs["seconds"] / ours
    return f"{theirs['seconds']:.2f} s ({ratio:.0f}x ours)" if ratio >= 10 else f"{theirs['seconds']:.2f} s ({ratio:.2g}x ours)"


def markdown(report: dict[str, Any]) -> str:
    """Return the report as markdown tables."""
    m = report["machine"]
    lines = [
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}; "
        f"load average at start {', '.join(f'{x:.1f}' for x in m['load_avg_at_start'])} "
        "(the machine is shared with other work).",
        "",
        "| N | stage | time (s) | papers/s | peak RSS (MB) | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in report["results"]:
        if "error" in r:
            lines.append(f"| {fmt_size(r['n'])} | (failed) | | | | {r['error'][:200]} |")
            continue
        st = r["stages"]
        notes = {
            "ingest": f"{r['corpus_mb']} MB JSON Lines",
            "extract": (f"{r['jobs']} processes, workers' peak {st['extract']['workers_peak_rss_mb']} MB"
                        + ("; ORACLE: extractor not run" if "oracle" in st["extract"] else "")),
            "graph": f"{st['graph']['nodes']:,} nodes, {st['graph']['edges']:,} edges",
            "turtle": f"{st['turtle']['mb']} MB; rdflib: {_ratio(st['turtle']['seconds'], r['baselines'].get('rdflib_turtle'))}",
            "html": f"{st['html']['mb']} MB; pyvis from_nx: {_ratio(st['html']['seconds'], r['baselines'].get('pyvis_html'))}",
            "query": (f"top-benchmarks (GROUP BY over every paper-benchmark edge); {st['query']['triples']:,} triples loaded {st['query'].get('store', '')} in {st['query']['load_seconds']} s; "
                      f"GROUP BY over the totals (a join per thing) {st['query'].get('group_by_totals_seconds', '?')} s; "
                      f"top-models {st['query'].get('top_models_seconds', '?')} s; the same ranking grouped from every mention "
                      f"{st['query'].get('top_models_from_mentions_seconds', '?')} s (rdflib: {_ratio(st['query'].get('top_models_from_mentions_seconds') or 0, r['baselines'].get('rdflib_sparql'))}); "
                      f"per-class GROUP BY over every node {st['query']['group_by_types_seconds']} s"),
        }
        for name in STAGES:
            s = st[name]
            rate = s.get("per_second", "")
            lines.append(f"| {fmt_size(r['n'])} | {name} | {s['seconds']:.2f} | {rate} | {s['peak_rss_mb']:.0f} | {notes[name]} |")
        b = r["build"]
        lines.append(
            f"| {fmt_size(r['n'])} | **build** (extract+graph+turtle+html) | **{b['seconds']:.1f}** | **{b['per_second']}** | "
            f"**{max(b['peak_rss_mb'], b['workers_peak_rss_mb']):.0f}** | main {b['peak_rss_mb']:.0f} MB, each worker <= {b['workers_peak_rss_mb']:.0f} MB"
            + (f"; {b['cpu_seconds']:,.0f} CPU-seconds ({b['cpu_seconds'] / b['seconds']:.2f} cores busy on average)" if "cpu_seconds" in b else "")
            + ("; extraction by oracle" if b["oracle"] else "") + " |"
        )
    scaling = [r for r in report["results"] if "extract_scaling" in r]
    for r in scaling:
        sc = r["extract_scaling"]
        lines += ["", f"Extraction alone, {fmt_size(r['n'])} papers: "
                  + "; ".join(f"{j} process(es) {v['seconds']} s ({v['per_second']} papers/s)" for j, v in sc.items() if j != "speedup")
                  + (f"; speed-up {sc['speedup']}x" if "speedup" in sc else "") + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (the command line of this script)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k,1M", help="comma-separated sizes (default: 1k,10k,100k,1M)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (50 and 120 papers), for tests")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes (default 2)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the markdown table here")
    parser.add_argument("--workdir", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the graph files in --workdir")
    parser.add_argument("--extract-max", type=parse_size, default=10**9, help="above this many papers, don't run the extractor (oracle entities)")
    parser.add_argument("--baseline-max", type=parse_size, default=100_000, help="largest N for the rdflib baselines")
    parser.add_argument("--pyvis-max", type=parse_size, default=10_000, help="largest N for the pyvis baseline")
    parser.add_argument("--speedup-size", type=parse_size, default=100_000, help="N at which to time extraction with 1 and --jobs processes")
    parser.add_argument("--memory-store-max", type=parse_size, default=100_000, help="above this N, query an on-disk pyoxigraph store")
    parser.add_argument("--timeout", type=float, default=600, help="seconds each baseline may take")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        json.dump(run_size(args.child, args), sys.stdout)
        return 0
    sizes = [50, 120] if args.quick else [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        args.speedup_size = 120
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="kgraph-bench-")
        args.workdir = Path(tmp.name)
    report: dict[str, Any] = {"machine": machine(), "sizes": sizes, "jobs": args.jobs, "results": []}
    child_args = [
        "--jobs", str(args.jobs), "--workdir", str(args.workdir), "--extract-max", str(args.extract_max),
        "--baseline-max", str(args.baseline_max), "--pyvis-max", str(args.pyvis_max),
        "--speedup-size", str(args.speedup_size), "--timeout", str(args.timeout),
        "--memory-store-max", str(args.memory_store_max),
    ] + (["--keep"] if args.keep else [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    for n in sizes:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", str(n), *child_args],
            capture_output=True, text=True, env=env,
        )
        if proc.returncode != 0:
            result = {"n": n, "error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
            sys.stderr.write(proc.stderr)
        else:
            result = json.loads(proc.stdout)
        result["wall_seconds"] = round(time.perf_counter() - start, 1)
        report["results"].append(result)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n")
        sys.stderr.write(f"N={fmt_size(n)} done in {result['wall_seconds']} s\n")
    text = markdown(report)
    sys.stdout.write(text)
    if args.markdown:
        args.markdown.write_text(text)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    if tmp is not None:
        tmp.cleanup()
    return 1 if any("error" in r for r in report["results"]) else 0


if __name__ == "__main__":
    sys.exit(main())
