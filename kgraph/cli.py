"""The ``kgraph`` command line. Each command is thin and calls a library function."""

from __future__ import annotations

import functools
import io
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .corpus import DEFAULT_MAX_CHARS
from .errors import ExportError, KgraphError

app = typer.Typer(
    name="kgraph",
    help="Turn ML paper listings into a knowledge graph of papers, models, datasets, benchmarks and code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err_console = Console(stderr=True)
out_console = Console()

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(func: F) -> F:
    """Turn a KgraphError into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgraphError as err:
            message = str(err).replace("\n", " ")
            typer.echo(f"Error: {message}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt as err:
            typer.echo("Interrupted; previous outputs left as they were.", err=True)
            raise typer.Exit(128 + getattr(err, "signum", signal.SIGINT)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as err:
            # Writing the result failed (disk full, closed stdout...): one line, no traceback.
            where = f"{err.filename}: " if err.filename else ""
            typer.echo(f"Error: {where}can't write output ({err.strerror or err})", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Turn ML paper listings into a knowledge graph of papers, models, datasets, benchmarks and code.

    Example: kgraph build papers.jsonl -o out/
    """


INPUTS_HELP = "Listing (.txt), JSON Lines, JSON, CSV/TSV or arXiv Atom/RSS files, directories, or - for stdin."
MAX_CHARS_HELP = "Skip (and report) a paper whose title + abstract has more characters than this (real ones have under 3,000); 0: no limit."
STRICT_HELP = "Make anything the inputs hold but the graph can't use (a skipped paper, file or field) an error: exit 1, nothing written."


def _max_chars(value: int) -> int | None:
    return value or None


def _report_skips(skipped: list[Any], *, summary: bool) -> None:
    """Print each skip on its own line, with file:line and why: in the summary (stdout) or on stderr."""
    if not skipped:
        return
    if not summary:
        for skip in skipped:
            typer.echo(f"skipped {skip}", err=True)
        return
    counts: dict[str, int] = {}
    for skip in skipped:
        counts[skip.kind] = counts.get(skip.kind, 0) + 1
    what = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counts.items())
    typer.echo(f"skipped {what} (--strict makes these errors):")
    for skip in skipped:
        typer.echo(f"  {skip}")


@app.command()
@_user_errors
def build(
    inputs: Optional[list[str]] = typer.Argument(None, help=INPUTS_HELP + " Default: the sample corpus.", show_default=False),
    out_dir: Path = typer.Option(Path("outputs"), "--out", "-o", help="Folder for the graph files."),
    formats: str = typer.Option("ttl,html,graphml,json", "--formats", "-f", help="Comma-separated: ttl, nt, jsonld, html, graphml, json."),
    base_iri: Optional[str] = typer.Option(None, "--base-iri", help="Base IRI of the graph's resources. Default: https://w3id.org/kgraph/"),
    max_nodes: Optional[int] = typer.Option(None, "--max-nodes", min=1, help="Most nodes drawn in graph.html (default 5000); the best-connected entities are kept."),
    physics: Optional[bool] = typer.Option(None, "--physics/--no-physics", help="Live layout physics in graph.html. Default: on for small graphs only.", show_default=False),
    store: Optional[Path] = typer.Option(None, "--store", help="Also add the graph to this persistent store folder (created if missing)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for extraction and for writing Turtle/N-Triples (the output is the same for any number)."),
    engine: str = typer.Option("local", "--engine", help="local, or dask to extract on a Dask cluster."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (with --engine dask); default: a local cluster."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=0, help=MAX_CHARS_HELP),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary (skipped papers are still listed, on stderr)."),
) -> None:
    """Build the knowledge graph of paper listings and write its files.

    Example: kgraph build papers.jsonl -o out/
    """
    from .pipeline import build as run_build

    if engine not in ("local", "dask"):
        raise typer.BadParameter("must be 'local' or 'dask'", param_hint="--engine")
    format_list = [f.strip().lstrip(".") for f in formats.split(",") if f.strip()]
    if not format_list:
        raise ExportError("--formats names no format. Available: ttl, nt, jsonld, html, graphml, json")
    if scheduler and engine != "dask":
        raise KgraphError("--scheduler needs --engine dask")
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("papers"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet or not err_console.is_terminal,
    )
    with progress:
        task = progress.add_task("extracting", total=None)
        result = run_build(
            inputs or None,
            out_dir,
            formats=format_list,
            base_iri=base_iri,
            max_nodes=max_nodes,
            physics=physics,
            store=store,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            max_chars=_max_chars(max_chars),
            strict=strict,
            on_paper=lambda _: progress.advance(task),
            on_stage=lambda stage: progress.update(task, description=stage),
        )
    if quiet:
        _report_skips(result.skipped, summary=False)
        return
    summary = result.summary
    table = Table(title=f"kgraph: {result.papers} papers", show_header=True)
    table.add_column("nodes")
    table.add_column("count", justify="right")
    for name, count in summary["types"].items():
        table.add_row(name, str(count))
    table.add_row("edges", str(summary["edges"]))
    out_console.print(table)
    _report_skips(result.skipped, summary=True)
    for path in result.files:
        out_console.print(f"wrote {path}")
    if result.store is not None:
        out_console.print(f"store {store}: " + ", ".join(f"{k} {v}" for k, v in result.store.items()))


@app.command()
@_user_errors
def extract(
    inputs: list[str] = typer.Argument(..., help=INPUTS_HELP),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one paper a line) or table."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout (streamed: use it for big inputs)."
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes (the output is the same for any number)."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=0, help=MAX_CHARS_HELP),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Extract models, datasets, benchmarks and links from papers.

    Skipped papers (see --max-chars) are listed on stderr.

    Example: kgraph extract papers.jsonl --format jsonl > entities.jsonl
    """
    from .corpus import load_corpus
    from .parallel import extract_parallel
    from .records import to_record

    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("must be 'jsonl' or 'table'", param_hint="--format")
    skipped: list[Any] = []
    corpus = load_corpus(inputs, max_chars=_max_chars(max_chars), strict=strict, on_skip=skipped.append)
    if output and fmt == "jsonl":
        # Streamed into a temporary file that replaces OUTPUT only once every paper is done,
        # so memory stays flat and bad input still leaves no half-written file.
        from .export.files import atomic_write

        with atomic_write(output) as handle:
            for extraction in extract_parallel(corpus, jobs=jobs):
                handle.write(json.dumps(to_record(extraction), ensure_ascii=False) + "\n")
        _report_skips(skipped, summary=False)
        return
    # To stdout: read every paper first, so bad input fails before anything is written.
    papers = list(corpus)
    lines: list[str] = []
    if fmt == "jsonl":
        for extraction in extract_parallel(papers, jobs=jobs):
            lines.append(json.dumps(to_record(extraction), ensure_ascii=False))
        text = "\n".join(lines) + "\n"
    else:
        table = Table(show_header=True, show_lines=False)
        for col in ("paper", "type", "name", "introduced", "mentions"):
            table.add_column(col)
        for extraction in extract_parallel(papers, jobs=jobs):
            title = _table_text(extraction.paper.title[:50])
            for ent in extraction.entities:
                table.add_row(title, ent.type, _table_text(ent.name), "yes" if ent.introduced else "", str(len(ent.mentions)))
            for link in extraction.links:
                table.add_row(title, link.kind, _table_text(link.url), "", str(len(link.mentions)))
        buffer = io.StringIO()
        Console(file=buffer, width=160).print(table)
        text = buffer.getvalue()
    if output:
        from .export.files import atomic_write

        with atomic_write(output) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    _report_skips(skipped, summary=False)


def _table_text(text: str) -> Any:
    """Return a rich Text of ``text`` for a terminal table: controls escaped, no markup read."""
    from rich.text import Text

    from .query import safe_text

    return Text(safe_text(text))


@app.command()
@_user_errors
def query(
    graph: Optional[Path] = typer.Argument(None, help="A graph file (.ttl, .nt, .jsonld) or a --store folder.", show_default=False),
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL query."),
    file: Optional[Path] = typer.Option(None, "--file", help="Read the query from this .rq file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a named query from ontology/queries (see --list)."),
    params: Optional[list[str]] = typer.Option(None, "--param", "-p", help="KEY=VALUE for a named query, e.g. model=GPT-4."),
    list_names: bool = typer.Option(False, "--list", help="List the named queries and exit."),
    fmt: str = typer.Option(
        "table", "--format", help="table, csv or json. CSV cells that start with = + - @ (a spreadsheet formula) get a leading '."
    ),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Stop the query after this many seconds (loading included)."),
    max_rows: int = typer.Option(100_000, "--max-rows", min=1, help="Keep at most this many rows; say so on stderr if there were more."),
) -> None:
    """Run a SPARQL query over a graph.

    The query runs in a process of its own: Ctrl-C, SIGTERM or --timeout stop it at once.

    Example: kgraph query outputs/graph.ttl --name top-models
    """
    from .errors import QueryError
    from .query import format_result, named_queries, named_query, run_query

    if list_names:
        for qname, path in sorted(named_queries().items()):
            first = next((ln.lstrip("# ").strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")), "")
            typer.echo(f"{qname:<24} {first}")
        return
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("must be 'table', 'csv' or 'json'", param_hint="--format")
    if graph is None:
        raise QueryError("give the graph to query: a .ttl, .nt or .jsonld file or a --store folder")
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL query, --file Q.rq, or --name NAME (see --list)")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(f"{file}: can't read ({err.strerror})") from None
        except UnicodeDecodeError:
            raise QueryError(f"{file}: not UTF-8") from None
    elif name is not None:
        values: dict[str, str] = {}
        for item in params or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise QueryError(f"--param '{item}' is not KEY=VALUE")
            values[key.strip()] = value
        text = named_query(name, values)
    else:
        text = sparql or ""
    try:
        columns, rows, truncated = run_query(graph, text, timeout=timeout, max_rows=max_rows)
    except KeyboardInterrupt as err:
        typer.echo("Interrupted; the query was stopped.", err=True)
        raise typer.Exit(128 + getattr(err, "signum", signal.SIGINT)) from None
    result = format_result(columns, rows, fmt)
    typer.echo(result, nl=not result.endswith("\n"))
    if truncated:
        typer.echo(
            f"Note: only the first {max_rows:,} rows are shown; the query has more. "
            "Raise --max-rows N, or add LIMIT/OFFSET to the query.",
            err=True,
        )


@app.command()
@_user_errors
def stats(
    graph: Path = typer.Argument(..., help="A graph file (.ttl, .nt, .jsonld) or a --store folder."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Print counts of papers, entities per type, links and triples in a graph.

    Example: kgraph stats outputs/graph.ttl
    """
    from .query import graph_stats, load_store

    result = graph_stats(load_store(graph))
    if as_json:
        typer.echo(json.dumps(result, indent=1, sort_keys=True))
        return
    table = Table(show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in result.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                table.add_row(_table_text(f"{key}: {sub}"), str(count))
        else:
            table.add_row(key, str(value))
    out_console.print(table)


@app.command("eval")
@_user_errors
def eval_(
    gold: Path = typer.Argument(..., help="Gold annotations (JSON Lines, see the annotation guidelines)."),
    inputs: list[str] = typer.Argument(..., help=INPUTS_HELP),
    errors: bool = typer.Option(False, "--errors", help="Also list every false positive and false negative."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per type.

    Example: kgraph eval gold/dev.jsonl corpus/*.txt --errors
    """
    from .corpus import load_corpus
    from .evaluate import format_errors, format_table, gold_ids, read_gold, score, titled
    from .extract import extract as run_extract
    from .records import to_record

    gold_rows = read_gold(gold)
    papers = load_corpus(inputs)
    ids = gold_ids(gold_rows)
    if ids is not None:  # annotations keyed by arXiv id: score just those papers
        papers = (p for p in papers if p.arxiv_id in ids)
    extractions = list(run_extract(papers))
    if ids is not None:
        gold_rows = titled(gold_rows, {x.paper.arxiv_id: x.paper.title for x in extractions if x.paper.arxiv_id})
    records = [to_record(x) for x in extractions]
    results, error_rows = score(gold_rows, records)
    if as_json:
        typer.echo(json.dumps(results))
    else:
        typer.echo(format_table(results))
    if errors:
        texts = {x.paper.title: x.paper.text for x in extractions}
        typer.echo(format_errors(error_rows, records, texts=texts), nl=False)


@app.command()
@_user_errors
def serve(
    graph: Path = typer.Argument(..., help="A graph file (.ttl, .nt, .jsonld) or a --store folder."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind. Keep 127.0.0.1 unless you mean to share it."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    writable: bool = typer.Option(False, "--writable", help="Accept SPARQL updates (read-only by default)."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Stop a query after this many seconds."),
) -> None:
    """Serve a graph as a SPARQL 1.1 endpoint (Oxigraph).

    Federated queries (SERVICE) are refused, the Host header must name this
    server, and each query stops after --timeout seconds or when its client leaves.

    Example: kgraph serve outputs/graph.ttl --port 7878
    """
    from .serve import start_server

    server = start_server(graph, host=host, port=port, writable=writable, query_timeout=timeout)
    mode = "read-write" if writable else "read-only"
    typer.echo(f"SPARQL endpoint ({mode}): {server.query_url}  (Ctrl-C to stop)", err=True)
    code = server.wait()
    if code:
        raise KgraphError(f"the SPARQL server stopped with exit status {code}")


class _Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C (servers stop, temporary files go), exits 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise _Signalled(signum)


def main() -> None:
    """Run the CLI (the ``kgraph`` console script).

    A wrong command line (unknown option, bad option value) gets one ``Error:``
    line and exit status 2, like bad input gets one line and status 1.
    """
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    try:
        status = app(standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt) as err:
        sys.stderr.write("Aborted.\n")
        sys.exit(128 + getattr(err, "signum", signal.SIGINT))
    except Exception as err:
        # Click's exceptions (vendored by recent Typer releases): usage errors and the like.
        if not (hasattr(err, "format_message") and isinstance(getattr(err, "exit_code", None), int)):
            raise
        message = " ".join(err.format_message().split())
        ctx = getattr(err, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None and err.exit_code == 2 else ""
        if message:  # (no arguments at all: the help was shown, nothing more to say)
            sys.stderr.write(f"Error: {message}{hint}\n")
        sys.exit(err.exit_code)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
