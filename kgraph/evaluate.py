"""Score extraction records against gold annotations.

Data contract: gold is JSON Lines as ``shared/annotation-guidelines.md``
defines it (``title``, ``models``/``datasets``/``benchmarks`` as lists of alias
lists, ``github``, ``urls``, ``introduced``); predictions are the records of
:func:`kgraph.records.to_record`. :func:`score` gives the same figures as the
project's reference scorer (``shared/eval/score.py``): papers are matched by
normalised title, names by :func:`key` (case-folded, dashes unified, spaces,
hyphens, underscores, dots, apostrophes, ``~`` and ``^`` removed), GitHub links
by :func:`url_key`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from .corpus import title_key
from .errors import KgraphError
from .names import name_key

__all__ = ["ROWS", "ScoreError", "format_errors", "format_table", "gold_ids", "key", "read_gold", "score", "titled", "url_key"]

_TYPES = {"models": "model", "datasets": "dataset", "benchmarks": "benchmark"}
#: A gold record has at least one of these (the annotation guidelines give every one).
_GOLD_FIELDS = ("models", "datasets", "benchmarks", "github", "urls", "introduced")
_GOLD_FIELDS_TEXT = "'models', 'datasets', 'benchmarks', 'github', 'urls', 'introduced'"
#: The rows of a score table, in order.
ROWS = ["model", "dataset", "benchmark", "data", "all", "github", "introduced"]


class ScoreError(NamedTuple):
    """One false positive or false negative; the first four fields are score.py's."""

    title: str  # the first 50 characters of the title, as score.py prints it
    type: str  # model, dataset, benchmark or github
    kind: str  # FP or FN
    name: str  # the matching key of the name, or the URL key
    paper_title: str = ""
    aliases: tuple[str, ...] = ()  # the gold aliases of a false negative


# The scorer's keys are kgraph's own: names and titles normalise the same way everywhere.
key = name_key
_title_key = title_key


def url_key(url: str) -> str:
    """Return the matching key of a link (GitHub links cut to owner/repo).

    >>> url_key("https://github.com/QizhiPei/SSM-DTA{Github}.")
    'github.com/qizhipei/ssm-dta'
    """
    u = url.strip().rstrip(".,;:)]}>'\"").rstrip("/")
    if not re.match(r"^[a-z]+://", u, re.I):
        u = "https://" + u
    try:
        parts = urlsplit(u)
    except ValueError:  # "www.[x.org": a bracket urlsplit reads as a broken IPv6 address
        return u.split("://", 1)[1].lower()
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if host == "github.com":
        segs = [s for s in path.split("/") if s][:2]
        if len(segs) == 2:
            segs[1] = segs[1].removesuffix(".git")
            segs[1] = re.split(r"[{}\[\]()]", segs[1])[0].rstrip(".")
        return "github.com/" + "/".join(segs).lower()
    return host + path.lower()


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSON Lines file (one annotated paper a line) into a list of dicts.

    Raises :class:`~kgraph.errors.KgraphError` naming the file and line of a
    line that is not a JSON object with a ``title`` and lists of alias lists.
    """
    records = []
    shapeless = 0  # the first line that has none of the gold fields
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise KgraphError(f"{path}: no such file") from None
    except OSError as err:
        raise KgraphError(f"{path}: can't read ({err.strerror})") from None
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise KgraphError(f"{path}:{number}: not UTF-8") from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise KgraphError(f"{path}:{number}: malformed JSON ({err.msg}, column {err.colno})") from None
        if not isinstance(record, dict) or not (isinstance(record.get("title"), str) or isinstance(record.get("id"), str)):
            raise KgraphError(f"{path}:{number}: expected a JSON object with a 'title' or an arXiv 'id' (see the annotation guidelines)")
        if "entities" in record:
            raise KgraphError(
                f"{path}:{number}: this is a prediction (kgraph extract's 'entities'), not gold: "
                f"give the annotations, with {_GOLD_FIELDS_TEXT} (see the annotation guidelines)"
            )
        if not any(field in record for field in _GOLD_FIELDS):
            shapeless = shapeless or number  # reported once the whole file has parsed
        for field in ("models", "datasets", "benchmarks"):
            value = record.get(field, [])
            if not isinstance(value, list) or not all(
                isinstance(ent, list) and all(isinstance(a, str) for a in ent) for ent in value
            ):
                raise KgraphError(f"{path}:{number}: '{field}' must be a list of alias lists (lists of strings)")
        for field in ("github", "urls", "introduced"):
            value = record.get(field, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise KgraphError(f"{path}:{number}: '{field}' must be a list of strings")
        records.append(record)
    if shapeless:
        raise KgraphError(
            f"{path}:{shapeless}: not a gold record: it has none of {_GOLD_FIELDS_TEXT} (see the annotation guidelines)"
        )
    if not records:
        raise KgraphError(f"{path}: no gold records found")
    return records


def gold_ids(gold: Iterable[Mapping[str, Any]]) -> set[str] | None:
    """Return the arXiv ids of gold records keyed by id (no title), or None if any has a title.

    The project's own annotations are keyed by arXiv id only: their texts are read
    from the corpus being scored.

    >>> gold_ids([{"id": "2402.07876"}]), gold_ids([{"title": "T"}])
    ({'2402.07876'}, None)
    """
    ids = set()
    for record in gold:
        if isinstance(record.get("title"), str):
            return None
        ids.add(record["id"])
    return ids


def titled(gold: Iterable[Mapping[str, Any]], titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """Give id-keyed gold records the titles of their papers (``titles``: arXiv id -> title).

    Raises :class:`~kgraph.errors.KgraphError` naming the first id the inputs don't hold.

    >>> titled([{"id": "1", "models": []}], {"1": "T"})
    [{'id': '1', 'models': [], 'title': 'T'}]
    """
    out = []
    for record in gold:
        if "title" not in record:
            if record["id"] not in titles:
                raise KgraphError(f"gold paper {record['id']} is not in the inputs: give the abstracts file it was annotated from")
            record = dict(record, title=titles[record["id"]])
        out.append(dict(record))
    return out


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float | int]:
    p = tp_p / n_p if n_p else 1.0
    r = tp_r / n_r if n_r else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "pred": n_p, "gold": n_r}


def score(gold: Iterable[Mapping[str, Any]], pred: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Any], list[ScoreError]]:
    """Return the scores of ``pred`` against ``gold`` and the list of errors.

    >>> gold = [{"title": "T", "models": [["GPT-4", "GPT4"]], "benchmarks": [["MMLU"]], "github": [], "introduced": []}]
    >>> pred = [{"title": "T", "entities": [{"name": "gpt4", "type": "Model"}, {"name": "BERT", "type": "Model"}], "links": []}]
    >>> results, errors = score(gold, pred)
    >>> results["model"]["P"], results["model"]["R"], results["benchmark"]["R"]
    (0.5, 1.0, 0.0)
    >>> [e[:4] for e in errors]
    [('T', 'model', 'FP', 'bert'), ('T', 'benchmark', 'FN', 'mmlu')]
    """
    gold = list(gold)
    by_title: dict[str, Mapping[str, Any]] = {}
    for p in pred:
        by_title.setdefault(_title_key(p.get("title", "")), p)
    counts = {c: [0, 0, 0, 0] for c in ROWS}
    missing = 0
    errors: list[ScoreError] = []
    for g in gold:
        title = g["title"]
        short = title[:50]
        p = by_title.get(_title_key(title))
        if p is None:
            missing += 1
            p = {"entities": [], "links": []}
        pe: dict[str, set[str]] = {}
        for e in p.get("entities", []):
            t = str(e.get("type", "")).casefold()
            pe.setdefault(t, set()).add(key(e.get("name", "")))
        pintro = {key(e.get("name", "")) for e in p.get("entities", []) if e.get("introduced")}
        gold_ents = {t: [{key(a) for a in ent} for ent in g.get(f, [])] for f, t in _TYPES.items()}
        gold_raw = {t: list(g.get(f, [])) for f, t in _TYPES.items()}
        for t in ["model", "dataset", "benchmark"]:
            ge, pk = gold_ents[t], pe.get(t, set())
            allk = set().union(*ge) if ge else set()
            c = counts[t]
            c[0] += len(pk & allk)
            c[1] += len(pk)
            c[2] += sum(1 for ent in ge if ent & pk)
            c[3] += len(ge)
            for k in pk - allk:
                errors.append(ScoreError(short, t, "FP", k, title))
            for ent, raw in zip(ge, gold_raw[t]):
                if not ent & pk:
                    errors.append(ScoreError(short, t, "FN", sorted(ent)[0], title, tuple(raw)))
        for name, ts in [("data", ["dataset", "benchmark"]), ("all", ["model", "dataset", "benchmark"])]:
            ge = [e for t in ts for e in gold_ents[t]]
            pk = set().union(*[pe.get(t, set()) for t in ts])
            allk = set().union(*ge) if ge else set()
            c = counts[name]
            c[0] += len(pk & allk)
            c[1] += len(pk)
            c[2] += sum(1 for ent in ge if ent & pk)
            c[3] += len(ge)
        gg = {url_key(u) for u in g.get("github", [])}
        pg = {url_key(link["url"]) for link in p.get("links", []) if url_key(link.get("url", "")).startswith("github.com/")}
        c = counts["github"]
        tp = len(gg & pg)
        c[0] += tp
        c[1] += len(pg)
        c[2] += tp
        c[3] += len(gg)
        for u in pg - gg:
            errors.append(ScoreError(short, "github", "FP", u, title))
        for u in gg - pg:
            errors.append(ScoreError(short, "github", "FN", u, title))
        gi = []
        for f in _TYPES:
            for ent in g.get(f, []):
                if ent and ent[0] in g.get("introduced", []):
                    gi.append({key(a) for a in ent})
        allk = set().union(*gi) if gi else set()
        c = counts["introduced"]
        c[0] += len(pintro & allk)
        c[1] += len(pintro)
        c[2] += sum(1 for e in gi if e & pintro)
        c[3] += len(gi)
    res: dict[str, Any] = {k: _prf(*v) for k, v in counts.items()}
    res["papers"] = len(gold)
    res["papers_missing"] = missing
    return res, errors


def format_table(results: Mapping[str, Any]) -> str:
    """Return the score table exactly as ``score.py`` prints it (no final newline).

    >>> print(format_table(score([], [])[0]).splitlines()[0])
    type             P      R     F1  pred  gold
    """
    lines = [f"{'type':<11}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'gold':>6}"]
    for k, v in results.items():
        if isinstance(v, dict):
            lines.append(f"{k:<11}{v['P']:>7.3f}{v['R']:>7.3f}{v['F1']:>7.3f}{v['pred']:>6}{v['gold']:>6}")
    lines.append(f"papers {results['papers']}, missing from predictions {results['papers_missing']}")
    return "\n".join(lines)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])|\n\n", text) if s.strip()]


def _contains(sentence: str, names: Iterable[str]) -> bool:
    skey = key(sentence)
    return any(key(n) and key(n) in skey for n in names)


def format_errors(
    errors: Iterable[ScoreError],
    pred: Iterable[Mapping[str, Any]] = (),
    *,
    texts: Mapping[str, str] | None = None,
) -> str:
    """Return one block per false positive and false negative, grouped by paper.

    Each error shows the paper's title, the name (or URL), and a sentence: for
    a false positive the sentence of its first mention in ``pred``; for a false
    negative a sentence that contains one of its gold aliases, looked up in
    ``texts`` (paper title -> text) when given, else in the sentences of the
    predicted mentions. ``(no sentence found)`` says when there is none.

    >>> errs = [ScoreError("T", "model", "FP", "bert", "T")]
    >>> pred = [{"title": "T", "entities": [{"name": "BERT", "type": "Model",
    ...          "mentions": [{"start": 3, "end": 7, "sentence": "We use BERT."}]}]}]
    >>> print(format_errors(errs, pred))
    T
      FP model     BERT
          We use BERT.
    """
    pred_by_title: dict[str, Mapping[str, Any]] = {}
    for p in pred:
        pred_by_title.setdefault(_title_key(p.get("title", "")), p)
    text_by_title = {_title_key(t): v for t, v in (texts or {}).items()}
    lines: list[str] = []
    current = None
    for err in errors:
        title = err.paper_title or err.title
        tkey = _title_key(title)
        if title != current:
            lines.append(title)
            current = title
        p = pred_by_title.get(tkey, {})
        shown = err.name
        sentence = None
        if err.kind == "FP" and err.type != "github":
            for e in p.get("entities", []):
                if key(e.get("name", "")) == err.name and str(e.get("type", "")).casefold() == err.type:
                    shown = e.get("name", err.name)
                    mentions = e.get("mentions") or []
                    if mentions:
                        sentence = mentions[0].get("sentence")
                    break
        elif err.kind == "FP":
            for link in p.get("links", []):
                if url_key(link.get("url", "")) == err.name:
                    shown = link["url"]
                    break
        else:
            names = err.aliases or (err.name,)
            shown = names[0]
            if err.type == "github":
                names = (err.name.split("/", 1)[-1],)
            candidates: list[str] = []
            if tkey in text_by_title:
                candidates = _sentences(text_by_title[tkey])
            else:
                for e in p.get("entities", []):
                    candidates.extend(m.get("sentence", "") for m in e.get("mentions") or [])
            sentence = next((s for s in candidates if _contains(s, names)), None)
        lines.append(f"  {err.kind} {err.type:<10}{shown}")
        lines.append(f"      {sentence if sentence else '(no sentence found)'}")
    return "\n".join(lines)
