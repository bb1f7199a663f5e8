"""Read papers from listings, JSON Lines, JSON arrays, CSV/TSV and arXiv Atom feeds.

Stage contract: paths in, :class:`~kgraph.types.Paper` records out, streamed one
at a time, in input order (files sorted by name inside a directory).
:func:`read_papers` yields every paper it reads; :func:`load_corpus` drops the
repeats, so that a paper listed in several inputs is one paper (the first one
read wins). Two papers are the same when their arXiv ids or their normalised
titles are equal.

A paper's id is ``arxiv-<id>`` (version dropped) when its arXiv id is known,
else a slug of its title plus a hash of the normalised title, so ids are stable
across runs and inputs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from .errors import CorpusError
from .types import Paper

__all__ = [
    "FORMATS",
    "load_corpus",
    "paper_id",
    "read_papers",
    "sample_corpus_paths",
    "title_key",
]

#: Input formats and the file endings that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "listing": (".txt", ".md"),
    "jsonl": (".jsonl", ".ndjson"),
    "json": (".json",),
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
    "atom": (".atom", ".xml"),
}
_EXT_FORMAT = {ext: fmt for fmt, exts in FORMATS.items() for ext in exts}

_ARXIV_RE = re.compile(
    r"(?:arxiv[:/]|arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$",
    re.I,
)
_ATOM = "{http://www.w3.org/2005/Atom}"


def title_key(title: str) -> str:
    """Return the key two titles share when they name the same paper.

    >>> title_key("GLM-130B: An Open  Bilingual Model") == title_key("glm130b an open bilingual model")
    True
    """
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", title).casefold())


def _arxiv_id(*candidates: object) -> str | None:
    for value in candidates:
        if not isinstance(value, str) or not value.strip():
            continue
        match = _ARXIV_RE.search(value.strip())
        if match:
            return match.group(1)
    return None


def paper_id(title: str, arxiv_id: str | None = None) -> str:
    """Return the stable id of a paper.

    >>> paper_id("Anything", "2303.12345")
    'arxiv-2303.12345'
    >>> paper_id("GLM-130B: An Open Bilingual Pre-trained Model")
    'glm-130b-an-open-bilingual-pre-trained-model-5b8f2df2'
    """
    if arxiv_id:
        return "arxiv-" + arxiv_id.replace("/", "_")
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", ascii_title.lower())
    slug = "-".join(words)[:60].rstrip("-") or "paper"
    digest = hashlib.sha1(title_key(title).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    r"""Fold white space; drop control characters and replace lone surrogates (invalid in XML and RDF).

    >>> _clean(" a\x07b\n c ")
    'ab c'
    """
    if _UNSAFE_OR_SURROGATE.search(text) is not None:  # rare: one scan for the common case
        text = _SURROGATES.sub("\ufffd", _UNSAFE_CHARS.sub("", text))
    # str.split() and the \s of re split on the same (Unicode) white space.
    return " ".join(text.split())


def _make_paper(
    title: object,
    abstract: object,
    *,
    where: str,
    line: int | None,
    id: object = None,
    arxiv_id: object = None,
    url: object = None,
    date: object = None,
    authors: object = None,
) -> Paper:
    if not isinstance(title, str) or not title.strip():
        raise CorpusError("record has no 'title' (a non-empty string is required)", path=where, line=line)
    if abstract is None:
        abstract = ""
    if not isinstance(abstract, str):
        raise CorpusError("'abstract' must be a string", path=where, line=line)
    if isinstance(authors, str):
        author_list = tuple(_clean(a) for a in re.split(r";|,| and ", authors) if a.strip())
    elif isinstance(authors, list):
        author_list = tuple(
            _clean(a if isinstance(a, str) else str(a.get("name", ""))) for a in authors if a
        )
    else:
        author_list = ()
    aid = _arxiv_id(arxiv_id, id, url)
    title = _clean(title)
    url_s = _clean(url) if isinstance(url, str) and url.strip() else None
    if url_s is None and aid:
        url_s = f"https://arxiv.org/abs/{aid}"
    return Paper(
        id=paper_id(title, aid),
        title=title,
        abstract=_clean(abstract),
        arxiv_id=aid,
        url=url_s,
        date=_clean(str(date)) if date not in (None, "") else None,
        authors=author_list,
        source=f"{where}:{line}" if line else where,
    )


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(
            f"not UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8", path=where, line=line
        ) from None


# --- daily listings ----------------------------------------------------------

_DATE_LINE = re.compile(
    r"^(?:\w+,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?$"
    r"|^\d{4}-\d{2}-\d{2}$",
    re.I,
)


def _looks_like_abstract(paragraph: str) -> bool:
    return len(paragraph) >= 150 and bool(re.search(r"[.!?]\s+\S", paragraph) or len(paragraph) > 400)


def _looks_like_title(paragraph: str) -> bool:
    return "\n" not in paragraph and 3 <= len(paragraph) <= 400


def _read_listing(text: str, where: str) -> Iterator[Paper]:
    # Paragraphs with the line each starts on.
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            paragraphs.append((start, " ".join(current)))
            current = []
    if current:
        paragraphs.append((start, " ".join(current)))

    date: str | None = None
    i = 0
    pending: tuple[int, str, list[str]] | None = None
    while i < len(paragraphs):
        line, para = paragraphs[i]
        nxt = paragraphs[i + 1][1] if i + 1 < len(paragraphs) else None
        if (
            _looks_like_title(para)
            and not _looks_like_abstract(para)
            and nxt is not None
            and _looks_like_abstract(nxt)
        ):
            if pending:
                yield _make_paper(pending[1], " ".join(pending[2]), where=where, line=pending[0], date=date)
            pending = (line, para, [nxt])
            i += 2
            continue
        if pending and _looks_like_abstract(para):
            pending[2].append(para)  # an abstract of several paragraphs
        elif pending is None and _DATE_LINE.match(para):
            date = para
        i += 1
    if pending:
        yield _make_paper(pending[1], " ".join(pending[2]), where=where, line=pending[0], date=date)


# --- JSON ----------------------------------------------------------------------

_FIELDS = ("id", "arxiv_id", "url", "date", "authors")


def _from_record(record: object, where: str, line: int) -> Paper:
    if not isinstance(record, dict):
        raise CorpusError("expected a JSON object with 'title' and 'abstract'", path=where, line=line)
    fields = {k: record.get(k) for k in _FIELDS}
    if fields["date"] is None:
        fields["date"] = record.get("published")
    return _make_paper(record.get("title"), record.get("abstract", record.get("summary")), where=where, line=line, **fields)


def _read_jsonl(lines: Iterable[bytes], where: str) -> Iterator[Paper]:
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise CorpusError("not UTF-8; save the file as UTF-8", path=where, line=number) from None
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            raise CorpusError(f"malformed JSON ({err.msg}, column {err.colno})", path=where, line=number) from None
        yield _from_record(record, where, number)


def _read_json(text: str, where: str) -> Iterator[Paper]:
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if not text[pos:].startswith("["):
        yield from _read_jsonl(text.encode("utf-8").splitlines(), where)
        return
    pos += 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text):
            raise CorpusError("malformed JSON (the array is not closed)", path=where, line=text.count("\n") + 1)
        if text[pos] == "]":
            return
        line = text.count("\n", 0, pos) + 1
        try:
            record, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            raise CorpusError(f"malformed JSON ({err.msg}, column {err.colno})", path=where, line=err.lineno) from None
        yield _from_record(record, where, line)


# --- CSV / TSV -------------------------------------------------------------------


def _read_csv(text: str, where: str, delimiter: str) -> Iterator[Paper]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    if "title" not in header:
        raise CorpusError(
            f"no 'title' column (columns: {', '.join(header) or 'none'}); "
            "expected title, abstract and optionally id, arxiv_id, url, date, authors",
            path=where,
            line=1,
        )
    line = reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            record = dict(zip(header, row))
            yield _from_record(record, where, line)
        line = reader.line_num + 1


# --- arXiv Atom ------------------------------------------------------------------


def _read_atom(text: str, where: str) -> Iterator[Paper]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        raise CorpusError(f"malformed XML ({err.msg if hasattr(err, 'msg') else err})", path=where, line=err.position[0]) from None
    for entry in root.iter(f"{_ATOM}entry"):
        def get(tag: str) -> str | None:
            el = entry.find(f"{_ATOM}{tag}")
            return el.text if el is not None else None

        authors = [(_a.findtext(f"{_ATOM}name") or "") for _a in entry.findall(f"{_ATOM}author")]
        url = None
        for link in entry.findall(f"{_ATOM}link"):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                url = link.get("href")
        yield _make_paper(
            get("title"),
            get("summary") or "",
            where=where,
            line=None,
            id=get("id"),
            url=url or get("id"),
            date=(get("published") or "")[:10] or None,
            authors=authors,
        )


# --- dispatch --------------------------------------------------------------------


def _sniff(head: str) -> str:
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "jsonl"
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("<"):
        return "atom"
    first = stripped.split("\n", 1)[0].lower()
    if "title" in first and "\t" in first:
        return "tsv"
    if "title" in first and "," in first and len(first) < 200:
        return "csv"
    return "listing"


def _read_bytes(data: bytes, where: str, fmt: str) -> Iterator[Paper]:
    if fmt == "jsonl":
        yield from _read_jsonl(data.splitlines(), where)
        return
    text = _decode(data, where)
    if fmt == "json":
        yield from _read_json(text, where)
    elif fmt == "csv":
        yield from _read_csv(text, where, ",")
    elif fmt == "tsv":
        yield from _read_csv(text, where, "\t")
    elif fmt == "atom":
        yield from _read_atom(text, where)
    else:
        yield from _read_listing(text, where)


def _iter_files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        found = False
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in _EXT_FORMAT and not any(
                part.startswith(".") for part in child.relative_to(path).parts
            ):
                found = True
                yield child
        if not found:
            raise CorpusError(
                f"no input files in directory (looked for {', '.join(sorted(_EXT_FORMAT))})", path=str(path)
            )
    else:
        yield path


def _where(path: Path) -> str:
    # Sample files are named by their place in the package, so outputs don't
    # depend on where kgraph is installed.
    try:
        return "kgraph:" + path.resolve().relative_to(_package_root()).as_posix()
    except ValueError:
        return str(path)


def _package_root() -> Path:
    return Path(str(resources.files("kgraph"))).resolve()


def _read_one(path: Path, fmt: str | None) -> Iterator[Paper]:
    where = _where(path)
    try:
        if fmt is None and path.suffix.lower() == ".jsonl" or fmt == "jsonl":
            with path.open("rb") as handle:
                count = 0
                for paper in _read_jsonl(handle, where):
                    count += 1
                    yield paper
            if not count:
                raise CorpusError("no papers found", path=where)
            return
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError("no such file", path=where) from None
    except IsADirectoryError:
        raise CorpusError("is a directory", path=where) from None
    except PermissionError:
        raise CorpusError("permission denied", path=where) from None
    except OSError as err:
        raise CorpusError(f"can't read ({err.strerror})", path=where) from None
    chosen = fmt or _EXT_FORMAT.get(path.suffix.lower()) or _sniff(data[:4096].decode("utf-8", "replace"))
    count = 0
    for paper in _read_bytes(data, where, chosen):
        count += 1
        yield paper
    if not count:
        raise CorpusError(f"no papers found (read as {chosen})", path=where)


def read_papers(inputs: Iterable[str | Path] | str | Path, *, format: str | None = None) -> Iterator[Paper]:
    """Yield every paper in the inputs: files, directories, or ``"-"`` for stdin.

    ``format`` forces one of :data:`FORMATS`; by default it comes from the file
    ending, or from the content for stdin and unknown endings. Raises
    :class:`~kgraph.errors.CorpusError` naming the file and line for bad input.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if format is not None and format not in FORMATS:
        raise CorpusError(f"unknown format '{format}'. Available: {', '.join(FORMATS)}")
    for item in inputs:
        if str(item) == "-":
            data = sys.stdin.buffer.read()
            fmt = format or _sniff(data[:4096].decode("utf-8", "replace"))
            count = 0
            for paper in _read_bytes(data, "<stdin>", fmt):
                count += 1
                yield paper
            if not count:
                raise CorpusError(f"no papers found (read as {fmt})", path="<stdin>")
            continue
        path = Path(item)
        if not path.exists():
            raise CorpusError("no such file or directory", path=str(path))
        for file in _iter_files(path):
            yield from _read_one(file, format)


def dedupe(papers: Iterable[Paper]) -> Iterator[Paper]:
    """Yield each paper once: later papers with a seen arXiv id or title are dropped."""
    seen_titles: set[str] = set()
    seen_ids: set[str] = set()
    for paper in papers:
        tkey = title_key(paper.title)
        if tkey in seen_titles or (paper.arxiv_id and paper.arxiv_id in seen_ids):
            continue
        seen_titles.add(tkey)
        if paper.arxiv_id:
            seen_ids.add(paper.arxiv_id)
        yield paper


def sample_corpus_paths() -> list[Path]:
    """Return the paths of the sample listings that ship with kgraph."""
    folder = resources.files("kgraph") / "data" / "corpus"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def load_corpus(inputs: Iterable[str | Path] | str | Path | None = None, *, format: str | None = None) -> Iterator[Paper]:
    """Yield the unique papers of the inputs (the sample corpus when ``inputs`` is None).

    >>> papers = list(load_corpus())
    >>> len(papers)
    181
    """
    if inputs is None:
        inputs = sample_corpus_paths()
    return dedupe(read_papers(inputs, format=format))
