"""Read papers from listings, JSON Lines, JSON, CSV/TSV and arXiv Atom or RSS 2.0 feeds.

Stage contract: paths in, :class:`~kgraph.types.Paper` records out, streamed one
at a time, in input order (files sorted by name inside a directory).
:func:`read_papers` yields every paper it reads; :func:`load_corpus` drops the
repeats, so that a paper listed in several inputs is one paper (the first one
read wins). Two papers are the same when their arXiv ids, their ids or their
normalised titles are equal.

A paper's id is ``arxiv-<id>`` (version dropped) when its arXiv id is known;
else the record's own ``id`` (made safe for IRIs and file names, see
:func:`own_id`); else a slug of its title plus a hash of the normalised title,
so ids are stable across runs and inputs. An arXiv id comes only from values
that are one: an ``arxiv_id`` or ``id`` such as ``2303.12345v2``,
``arXiv:2303.12345`` or ``hep-th/9901001``, or an arxiv.org ``/abs/``,
``/pdf/`` or ``/html/`` URL.

Bad input (malformed JSON, CSV or XML, a field of the wrong type, an unreadable
file or folder) raises :class:`~kgraph.errors.CorpusError` naming the file and
line. What can be read but not used is *skipped*, never silently: each skip is
a :class:`Skip` (where, what, why) passed to ``on_skip`` (or, without one,
issued as a :class:`~kgraph.errors.CorpusWarning`), and ``strict=True`` makes
it a :class:`~kgraph.errors.CorpusError` instead. Skipped are:

- a paper whose title and abstract together are longer than ``max_chars``
  characters (:data:`DEFAULT_MAX_CHARS`; the extractor's time grows faster
  than the text, and real abstracts are under 3,000 characters);
- a paragraph of a listing, after its first paper, that is neither a title
  followed by its abstract nor part of an abstract;
- a paper whose own ``id`` is already another paper's (a different title);
- a ``url`` that is not an ``http(s)`` URL, or an ``arxiv_id`` that is not an
  arXiv id (the paper is kept without it);
- inside a folder: a file with an ending kgraph doesn't read, a Markdown
  file (``.md`` is read as a listing only when named: in a folder it is a
  README as a rule), a file with no papers in it (a kgraph ``graph.json``, a
  ``.txt`` of notes), a link to a folder (not followed). Names starting with
  ``.`` are ignored.

When every paper read was skipped, :func:`read_papers` raises (nothing to build).
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from .errors import CorpusError, CorpusWarning
from .types import Paper

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "Skip",
    "dedupe",
    "load_corpus",
    "own_id",
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
    "rss": (".rss",),
}
_EXT_FORMAT = {ext: fmt for fmt, exts in FORMATS.items() for ext in exts}

#: Most characters (title + abstract) a paper may have; longer ones are skipped.
DEFAULT_MAX_CHARS = 20_000

# arXiv identifiers: new style (YYMM.NNNN[N]) and old style (archive[.SC]/YYMMNNN).
_ARCHIVES = (
    "acc-phys|adap-org|alg-geom|ao-sci|astro-ph|atom-ph|bayes-an|chao-dyn|chem-ph|cmp-lg|comp-gas|cond-mat|cs|"
    "dg-ga|funct-an|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math|math-ph|mtrl-th|nlin|nucl-ex|nucl-th|patt-sol|"
    "physics|plasm-ph|q-alg|q-bio|quant-ph|solv-int|supr-con"
)
_ARXIV_ID = rf"(\d{{2}}(?:0[1-9]|1[0-2])\.\d{{4,5}}|(?:{_ARCHIVES})(?:\.[A-Za-z]{{2}})?/\d{{2}}(?:0[1-9]|1[0-2])\d{{3}})(?:v\d+)?"
_ARXIV_VALUE_RE = re.compile(rf"(?:arxiv:|oai:arxiv\.org:)?{_ARXIV_ID}", re.I)
_ARXIV_URL_RE = re.compile(
    rf"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/{_ARXIV_ID}(?:\.pdf)?/?(?:[?#]\S*)?", re.I
)
_ATOM = "{http://www.w3.org/2005/Atom}"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# arXiv's daily feeds start each abstract with this line.
_ANNOUNCE = re.compile(r"^\s*arXiv:\S+\s+Announce\s+Type:\s*\S+\s+Abstract:\s*", re.I)


@dataclass(frozen=True)
class Skip:
    """Something an input held that kgraph did not use, and why.

    ``where`` is ``file:line`` (or ``file``); ``kind`` is ``"paper"`` (a paper
    or listing paragraph left out), ``"file"`` (a file of a folder not read)
    or ``"field"`` (a value dropped from a paper that is kept).

    >>> str(Skip("a.jsonl:3", "field", "url is not http(s): 'javascript:x'"))
    "a.jsonl:3: url is not http(s): 'javascript:x'"
    """

    where: str
    kind: Literal["paper", "file", "field"]
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class _NotPapers(CorpusError):
    """A file holds no papers: an error when named, a skipped file inside a folder."""

    def __init__(self, reason: str, *, path: str, line: int | None = None) -> None:
        super().__init__(reason, path=path, line=line)
        self.reason = reason


class _Run:
    """What the readers of one :func:`read_papers` call share: the size limit and the skips."""

    def __init__(
        self,
        *,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        strict: bool = False,
        on_skip: Callable[[Skip], None] | None = None,
    ) -> None:
        if max_chars is not None and max_chars < 1:
            raise CorpusError(f"max_chars must be at least 1, not {max_chars}")
        self.max_chars = max_chars
        self.strict = strict
        self.on_skip = on_skip
        self.papers = 0  # paper records read, kept or skipped
        self.kept = 0
        self.skipped_papers = 0
        self.first_skipped: Skip | None = None

    def skip(self, kind: Literal["paper", "file", "field"], reason: str, *, path: str, line: int | None = None) -> None:
        if self.strict:
            raise CorpusError(f"{reason} (--strict makes skips errors)", path=path, line=line)
        skip = Skip(path if line is None else f"{path}:{line}", kind, reason)
        if kind == "paper":
            self.skipped_papers += 1
            self.first_skipped = self.first_skipped or skip
        if self.on_skip is not None:
            self.on_skip(skip)
        else:
            warnings.warn(str(skip), CorpusWarning, stacklevel=4)


def title_key(title: str) -> str:
    """Return the key two titles share when they name the same paper.

    >>> title_key("GLM-130B: An Open  Bilingual Model") == title_key("glm130b an open bilingual model")
    True
    """
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", title).casefold())


def _arxiv_id(value: str) -> str | None:
    """Return the arXiv id (no version) a value states, or None.

    Besides the arXiv forms, kgraph's own paper ids (``arxiv-2303.12345``,
    ``arxiv-hep-th_9901001``) are read back as the arXiv ids they were made of.

    >>> [_arxiv_id(v) for v in ("arXiv:2303.12345v2", "https://arxiv.org/pdf/hep-th/9901001v1.pdf",
    ...                         "arxiv-hep-th_9901001", "https://github.com/foo/bar/tree/1234567", "tree/1234567")]
    ['2303.12345', 'hep-th/9901001', 'hep-th/9901001', None, None]
    """
    value = value.strip()
    if value[:6].lower() == "arxiv-":
        value = value[6:].replace("_", "/", 1)
    match = _ARXIV_VALUE_RE.fullmatch(value) or _ARXIV_URL_RE.fullmatch(value)
    return match.group(1) if match else None


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


_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


def own_id(value: str) -> str:
    """Return a record's own (non-arXiv) id as a paper id: kept when safe, else a slug plus a hash.

    A safe id is letters, digits, ``.``, ``_`` and ``-`` (at most 80, not
    starting with ``arxiv-``, which arXiv papers' ids use); any other is
    slugged, and a hash of the whole value keeps two ids that slug alike apart.

    >>> own_id("W2741809807"), own_id("doi:10.1000/xyz 1")
    ('W2741809807', 'doi-10.1000-xyz-1-0f3b6915')
    """
    if _SAFE_ID.fullmatch(value) and not value.lower().startswith("arxiv-"):
        return value
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._]+", "-", ascii_value).strip("-._")[:60].rstrip("-._") or "id"
    digest = hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}"


_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_WHITE_SPACE = re.compile(r"\s+")
_CHUNK = 1 << 20


def _clean(text: str) -> str:
    r"""Fold white space; drop control characters and replace lone surrogates (invalid in XML and RDF).

    >>> _clean(" a\x07b\n c ")
    'ab c'
    """
    if _UNSAFE_OR_SURROGATE.search(text) is not None:  # rare: one scan for the common case
        text = _SURROGATES.sub("\ufffd", _UNSAFE_CHARS.sub("", text))
    # str.split() and the \s of re split on the same (Unicode) white space.
    if len(text) <= _CHUNK:
        return " ".join(text.split())
    # A huge text (to be skipped as too long, most likely): folded a chunk at a time, each
    # cut at white space, so memory holds the words of one chunk, not a list of every word.
    parts = []
    start = 0
    while start < len(text):
        space = _WHITE_SPACE.search(text, min(start + _CHUNK, len(text)))
        end = space.start() if space else len(text)
        part = " ".join(text[start:end].split())
        if part:
            parts.append(part)
        start = space.end() if space else len(text)
    return " ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    """Return text quoted for a one-line message, cut to ``limit`` characters.

    >>> _short("javascript:alert(1)")
    "'javascript:alert(1)'"
    """
    text = _clean(text[: limit * 4])
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", float: "a number", int: "a number"}.get(
        type(value), type(value).__name__
    )


def _authors(value: object, where: str, line: int | None) -> tuple[str, ...]:
    allowed = "'authors' must be a string or a list of names (strings, or objects with a \"name\" string)"
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(_clean(a) for a in re.split(r";|,| and ", value) if a.strip())
    if not isinstance(value, list):
        raise CorpusError(f"{allowed}, not {_type_name(value)}", path=where, line=line)
    names: list[str] = []
    for author in value:
        name = author.get("name") if isinstance(author, dict) else author
        if name is None or name == "":
            continue
        if not isinstance(name, str):
            raise CorpusError(f"{allowed}, not a list holding {json.dumps(author)[:40]}", path=where, line=line)
        if name.strip():
            names.append(_clean(name))
    return tuple(names)


def _string(name: str, value: object, where: str, line: int | None, *, example: str) -> str | None:
    """Return a field that must be a string when given (None when missing or empty)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise CorpusError(f"'{name}' must be a string such as {example}, not {_type_name(value)}", path=where, line=line)
    return value


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and " " not in url


def _make_paper(
    title: object,
    abstract: object,
    *,
    where: str,
    line: int | None,
    run: _Run,
    id: object = None,
    arxiv_id: object = None,
    url: object = None,
    date: object = None,
    authors: object = None,
) -> Paper | None:
    """Return the paper of one record, or None when it is skipped (``run`` is told why)."""
    if not isinstance(title, str) or not title.strip():
        raise CorpusError("record has no 'title' (a non-empty string is required)", path=where, line=line)
    if abstract is None:
        abstract = ""
    if not isinstance(abstract, str):
        raise CorpusError("'abstract' must be a string", path=where, line=line)
    author_list = _authors(authors, where, line)
    if isinstance(id, int) and not isinstance(id, bool):
        id = str(id)
    id_s = _string("id", id, where, line, example='"2303.12345" or "W2741809807"')
    arxiv_s = _string("arxiv_id", arxiv_id, where, line, example='"2303.12345"')
    url_s = _string("url", url, where, line, example='"https://arxiv.org/abs/2303.12345"')
    date_s = _string("date", date, where, line, example='"2024-03-13"')
    run.papers += 1
    title = _clean(title)
    abstract = _clean(abstract)
    size = len(title) + len(abstract)
    if run.max_chars is not None and size > run.max_chars:
        run.skip(
            "paper",
            f"paper too long: title + abstract is {size:,} characters, over the limit of {run.max_chars:,} "
            "(raise it with --max-chars)",
            path=where,
            line=line,
        )
        return None
    aid = None
    if arxiv_s is not None and arxiv_s.strip():
        aid = _arxiv_id(arxiv_s)
        if aid is None:
            run.skip("field", f"arxiv_id is not an arXiv id (such as 2303.12345), left out: {_short(arxiv_s)}", path=where, line=line)
    if url_s is not None:
        url_s = _clean(url_s) or None
        if url_s is not None and not _is_web_url(url_s):
            run.skip("field", f"url is not an http(s) URL, left out: {_short(url_s)}", path=where, line=line)
            url_s = None
    aid = aid or (_arxiv_id(id_s) if id_s else None) or (_arxiv_id(url_s) if url_s else None)
    if url_s is None and aid:
        url_s = f"https://arxiv.org/abs/{aid}"
    own = _clean(id_s) if id_s is not None else ""
    paper = Paper(
        id=paper_id(title, aid) if aid or not own else own_id(own),
        title=title,
        abstract=abstract,
        arxiv_id=aid,
        url=url_s,
        date=(_clean(date_s) or None) if date_s is not None else None,
        authors=author_list,
        source=f"{where}:{line}" if line else where,
    )
    run.kept += 1
    return paper


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
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")


def _looks_like_abstract(paragraph: str) -> bool:
    return len(paragraph) >= 150 and bool(_SENTENCE_BREAK.search(paragraph) or len(paragraph) > 400)


def _looks_like_title(paragraph: str) -> bool:
    return "\n" not in paragraph and 3 <= len(paragraph) <= 400


def _looks_like_long_title(paragraph: str) -> bool:
    # Over 400 characters, yet one unpunctuated run: a (very) long title, not prose.
    return len(paragraph) > 400 and not _SENTENCE_BREAK.search(paragraph) and paragraph[-1] not in ".!?"


def _is_prose(paragraph: str) -> bool:
    return bool(_SENTENCE_BREAK.search(paragraph)) or paragraph[-1] in ".!?"


def _read_listing(text: str, where: str, run: _Run) -> Iterator[Paper]:
    """Read a daily listing: header lines, then each paper's title paragraph and abstract paragraph(s).

    The header ends at the first title followed by an abstract (150 characters
    or more, with a sentence break); its date line dates the papers. After it,
    a paragraph is the next paper's title unless it reads as more of the
    current abstract; a title's abstract may then be short (a sentence or
    more, not itself followed by an abstract). Any other paragraph is skipped.
    """
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
    count = len(paragraphs)

    def is_abstract(i: int) -> bool:
        return i < count and _looks_like_abstract(paragraphs[i][1])

    def starts_paper(i: int) -> bool:
        para = paragraphs[i][1]
        titled = (_looks_like_title(para) and not _looks_like_abstract(para)) or _looks_like_long_title(para)
        return titled and is_abstract(i + 1)

    date: str | None = None
    i = 0
    while i < count and not starts_paper(i):  # the header
        if _DATE_LINE.match(paragraphs[i][1]):
            date = paragraphs[i][1]
        i += 1
    pending: tuple[int, str, list[str], str | None] | None = None
    while i < count:
        line, para = paragraphs[i]
        if pending and _looks_like_abstract(para) and not (_looks_like_long_title(para) and i + 1 < count):
            pending[2].append(para)  # an abstract of several paragraphs
            i += 1
            continue
        if pending:
            paper = _make_paper(pending[1], " ".join(pending[2]), where=where, line=pending[0], run=run, date=pending[3])
            if paper is not None:
                yield paper
            pending = None
        if starts_paper(i):
            pending = (line, para, [paragraphs[i + 1][1]], date)
            i += 2
        elif _DATE_LINE.match(para):
            date = para  # listings of several days, one after another
            i += 1
        elif i + 1 < count and _is_prose(paragraphs[i + 1][1]) and not is_abstract(i + 2):
            pending = (line, para, [paragraphs[i + 1][1]], date)  # a short abstract
            i += 2
        else:
            run.skip("paper", f"not a paper: {_short(para)} is not a title followed by its abstract", path=where, line=line)
            i += 1
    if pending:
        paper = _make_paper(pending[1], " ".join(pending[2]), where=where, line=pending[0], run=run, date=pending[3])
        if paper is not None:
            yield paper


# --- JSON ----------------------------------------------------------------------

_FIELDS = ("id", "arxiv_id", "url", "date", "authors")


def _from_record(record: object, where: str, line: int, run: _Run | None = None) -> Paper | None:
    if not isinstance(record, dict):
        raise CorpusError("expected a JSON object with 'title' and 'abstract'", path=where, line=line)
    fields = {k: record.get(k) for k in _FIELDS}
    if fields["date"] is None:
        fields["date"] = record.get("published")
    return _make_paper(
        record.get("title"),
        record.get("abstract", record.get("summary")),
        where=where,
        line=line,
        run=run if run is not None else _Run(),
        **fields,
    )


def _json_error(err: Exception, where: str, line: int) -> CorpusError:
    """Return the one-line error for JSON ``json`` can't (or won't) decode."""
    if isinstance(err, json.JSONDecodeError):
        message = f"{err.msg}, column {err.colno}"
    elif isinstance(err, RecursionError):
        message = "nested too deeply"
    elif "digits" in str(err):
        limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        message = f"a number has more than {limit} digits"
    else:
        message = str(err).splitlines()[0]
    return CorpusError(f"malformed JSON ({message})", path=where, line=line)


def _read_jsonl(lines: Iterable[bytes], where: str, run: _Run) -> Iterator[Paper]:
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise CorpusError("not UTF-8; save the file as UTF-8", path=where, line=number) from None
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except (ValueError, RecursionError) as err:  # ValueError: JSONDecodeError, or a number too long
            raise _json_error(err, where, number) from None
        paper = _from_record(record, where, number, run)
        if paper is not None:
            yield paper


def _is_node_link(value: dict[str, object]) -> bool:
    return "nodes" in value and ("links" in value or "edges" in value)


def _read_json(text: str, where: str, run: _Run) -> Iterator[Paper]:
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if text[pos:].startswith("{"):
        # One (pretty-printed) object, or JSON Lines.
        try:
            value, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError):
            value, end = None, -1  # reported line by line below
        if end >= 0 and not text[end:].strip():  # one object
            line = text.count("\n", 0, pos) + 1
            if isinstance(value, dict) and "title" not in value:
                if _is_node_link(value):
                    raise _NotPapers("a graph (NetworkX node-link JSON, such as kgraph's graph.json), not papers", path=where)
                raise _NotPapers("a JSON object with no 'title': not a paper or a list of papers", path=where, line=line)
            paper = _from_record(value, where, line, run)
            if paper is not None:
                yield paper
            return
        yield from _read_jsonl(text.encode("utf-8").splitlines(), where, run)
        return
    if not text[pos:].startswith("["):
        yield from _read_jsonl(text.encode("utf-8").splitlines(), where, run)
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
            raise _json_error(err, where, err.lineno) from None
        except (ValueError, RecursionError) as err:
            raise _json_error(err, where, line) from None
        paper = _from_record(record, where, line, run)
        if paper is not None:
            yield paper


# --- CSV / TSV -------------------------------------------------------------------


def _unquote_tsv(cell: str) -> str:
    """Return a TSV cell without the quotes a spreadsheet may have put around it.

    A TSV field is plain text up to the next tab: only a cell quoted whole, with
    its inner quotes doubled, is unquoted; any other quote is part of the text.

    >>> print(_unquote_tsv('"say ""hi"" twice"'), _unquote_tsv('"Unbalanced title'))
    say "hi" twice "Unbalanced title
    """
    if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"' and '"' not in cell[1:-1].replace('""', ""):
        return cell[1:-1].replace('""', '"')
    return cell


def _read_csv(text: str, where: str, run: _Run, *, tsv: bool) -> Iterator[Paper]:
    # csv refuses fields over its (process-wide) limit, 128 KiB by default: no field
    # of this text can be longer than the text. Over-long papers are skipped later.
    if len(text) > csv.field_size_limit():
        csv.field_size_limit(len(text))
    if tsv:
        reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    else:
        reader = csv.reader(io.StringIO(text), delimiter=",", strict=True)
    what = "TSV" if tsv else "CSV"
    line = 1

    def rows() -> Iterator[list[str]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                if "unexpected end of data" in str(err):
                    raise CorpusError(
                        f"malformed {what} (a quote opened in this record is never closed; "
                        'write a quote inside a quoted field as "")',
                        path=where,
                        line=line,
                    ) from None
                raise CorpusError(f"malformed {what} ({err})", path=where, line=reader.line_num) from None
            yield [_unquote_tsv(cell) for cell in row] if tsv else row

    records = rows()
    first = next(records, None)
    if first is None:
        return
    header = [h.strip().lower() for h in first]
    if "title" not in header:
        raise CorpusError(
            f"no 'title' column (columns: {', '.join(header) or 'none'}); "
            "expected title, abstract and optionally id, arxiv_id, url, date, authors",
            path=where,
            line=1,
        )
    line = reader.line_num + 1
    for row in records:
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            hint = "a tab inside a field? TSV fields can't hold tabs" if tsv else 'quote a field that holds commas: "a, b"'
            raise CorpusError(f"{len(row)} fields but the header has {len(header)} ({hint})", path=where, line=line)
        if any(cell.strip() for cell in row):
            record = dict(zip(header, row))
            paper = _from_record(record, where, line, run)
            if paper is not None:
                yield paper
        line = reader.line_num + 1


# --- arXiv Atom and RSS 2.0 feeds -------------------------------------------------


def _feed_text(el: object) -> str | None:
    if el is None:
        return None
    from lxml import etree

    # Element text only: comments, processing instructions and (unexpanded) entities are left out.
    return "".join(el.itertext(tag=etree.Element))  # type: ignore[attr-defined]


def _feed_date(value: str | None) -> str | None:
    """Return an Atom or RSS date as YYYY-MM-DD (the day as the feed states it), or as given."""
    value = _clean(value or "")
    if not value:
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _read_feed(data: bytes, where: str, run: _Run) -> Iterator[Paper]:
    from lxml import etree

    # No DTD, no entity expansion, no network: a feed is data, never instructions to fetch more.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise CorpusError(f"malformed XML ({_clean(err.msg or str(err))})", path=where, line=err.lineno or 1) from None
    if root.tag == "rss":
        for item in root.iter("item"):
            guid = _feed_text(item.find("guid"))
            paper = _make_paper(
                _feed_text(item.find("title")),
                _ANNOUNCE.sub("", _feed_text(item.find("description")) or "", count=1),
                where=where,
                line=item.sourceline,
                run=run,
                id=guid if guid and guid.strip() else None,
                url=_feed_text(item.find("link")),
                date=_feed_date(_feed_text(item.find("pubDate"))),
                authors=", ".join(_feed_text(c) or "" for c in item.findall(_DC_CREATOR)),
            )
            if paper is not None:
                yield paper
        return
    for entry in root.iter(f"{_ATOM}entry"):
        def get(tag: str) -> str | None:
            return _feed_text(entry.find(f"{_ATOM}{tag}"))  # noqa: B023 - called in this iteration only

        authors: list[str] | str = [_feed_text(a.find(f"{_ATOM}name")) or "" for a in entry.findall(f"{_ATOM}author")]
        if not any(authors):  # arXiv's daily Atom feed names them in dc:creator
            authors = ", ".join(_feed_text(c) or "" for c in entry.findall(_DC_CREATOR))
        url = None
        for link in entry.findall(f"{_ATOM}link"):
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                url = link.get("href")
        entry_id = get("id")
        if url is None and entry_id and re.match(r"https?://", entry_id.strip(), re.I):
            url = entry_id.strip()
        paper = _make_paper(
            get("title"),
            _ANNOUNCE.sub("", get("summary") or "", count=1),
            where=where,
            line=entry.sourceline,
            run=run,
            id=entry_id if entry_id and entry_id.strip() else None,
            url=url,
            date=_feed_date(get("published") or get("updated")),
            authors=authors,
        )
        if paper is not None:
            yield paper


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


def _read_bytes(data: bytes, where: str, fmt: str, run: _Run) -> Iterator[Paper]:
    if fmt == "jsonl":
        yield from _read_jsonl(data.splitlines(), where, run)
        return
    if fmt in ("atom", "rss"):
        yield from _read_feed(data, where, run)
        return
    text = _decode(data, where)
    if fmt == "json":
        yield from _read_json(text, where, run)
    elif fmt == "csv":
        yield from _read_csv(text, where, run, tsv=False)
    elif fmt == "tsv":
        yield from _read_csv(text, where, run, tsv=True)
    else:
        yield from _read_listing(text, where, run)


def _walk(top: Path, run: _Run) -> Iterator[Path]:
    """Yield the input files of a folder, in name order; skip (and report) the others.

    Names starting with ``.`` are left out; a folder that can't be read is an error.
    """

    def fail(err: OSError) -> None:
        raise CorpusError(f"can't read this folder ({err.strerror or err})", path=err.filename or str(top))

    found: list[tuple[Path, str | None]] = []  # (file, None) to read, (path, reason) to skip
    for dirpath, dirnames, filenames in os.walk(top, onerror=fail):
        folder = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if (folder / name).is_symlink():  # os.walk does not follow it
                found.append((folder / name, "a link to a folder, not followed"))
        for name in filenames:
            if name.startswith("."):
                continue
            path = folder / name
            if not path.is_file():
                found.append((path, "not a regular file (a broken link, a pipe...)"))
            elif path.suffix.lower() == ".md":  # a README, notes...: documentation, as a rule
                found.append((path, "Markdown is read (as a listing) only when named, not inside a folder"))
            elif path.suffix.lower() not in _EXT_FORMAT:
                ending = f"'{path.suffix}' is not an ending kgraph reads" if path.suffix else "no file ending"
                found.append((path, f"not an input file ({ending})"))
            else:
                found.append((path, None))
    if not any(reason is None for _, reason in found):
        endings = ", ".join(sorted(ext for ext in _EXT_FORMAT if ext != ".md"))
        raise CorpusError(f"no input files in directory (looked for {endings}; .md only when named)", path=str(top))
    for path, reason in sorted(found, key=lambda item: item[0].relative_to(top).parts):
        if reason is None:
            yield path
        else:
            run.skip("file", reason, path=_where(path))


def _where(path: Path) -> str:
    # Sample files are named by their place in the package, so outputs don't
    # depend on where kgraph is installed.
    try:
        return "kgraph:" + path.resolve().relative_to(_package_root()).as_posix()
    except ValueError:
        return str(path)


def _package_root() -> Path:
    return Path(str(resources.files("kgraph"))).resolve()


def _read_one(path: Path, fmt: str | None, run: _Run) -> Iterator[Paper]:
    where = _where(path)
    before = run.papers
    try:
        if fmt is None and path.suffix.lower() == ".jsonl" or fmt == "jsonl":
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, where, run)
            if run.papers == before:
                raise _NotPapers("no papers found", path=where)
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
    yield from _read_bytes(data, where, chosen, run)
    if run.papers == before:
        raise _NotPapers(f"no papers found (read as {chosen})", path=where)


def read_papers(
    inputs: Iterable[str | Path] | str | Path,
    *,
    format: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    strict: bool = False,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Paper]:
    """Yield every paper in the inputs: files, directories, or ``"-"`` for stdin.

    ``format`` forces one of :data:`FORMATS`; by default it comes from the file
    ending, or from the content for stdin and unknown endings. A paper whose
    title and abstract have more than ``max_chars`` characters (None: no limit)
    is skipped. Each skip (see the module docstring) goes to ``on_skip``, or is
    a :class:`~kgraph.errors.CorpusWarning` without one; ``strict=True`` makes
    it an error. Raises :class:`~kgraph.errors.CorpusError` naming the file and
    line for bad input.

    >>> skipped = []
    >>> papers = list(read_papers(sample_corpus_paths(), max_chars=2000, on_skip=skipped.append))
    >>> len(papers), len(skipped)
    (198, 6)
    >>> print(skipped[0].reason)
    paper too long: title + abstract is 2,028 characters, over the limit of 2,000 (raise it with --max-chars)
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if format is not None and format not in FORMATS:
        raise CorpusError(f"unknown format '{format}'. Available: {', '.join(FORMATS)}")
    run = _Run(max_chars=max_chars, strict=strict, on_skip=on_skip)
    for item in inputs:
        if str(item) == "-":
            data = sys.stdin.buffer.read()
            fmt = format or _sniff(data[:4096].decode("utf-8", "replace"))
            before = run.papers
            yield from _read_bytes(data, "<stdin>", fmt, run)
            if run.papers == before:
                raise CorpusError(f"no papers found (read as {fmt})", path="<stdin>")
            continue
        path = Path(item)
        if not path.exists():
            raise CorpusError("no such file or directory", path=str(path))
        if not path.is_dir():
            yield from _read_one(path, format, run)
            continue
        for file in _walk(path, run):
            try:
                yield from _read_one(file, format, run)
            except _NotPapers as err:  # a README, a graph.json...: not an input after all
                run.skip("file", err.reason, path=err.path or str(file), line=err.line)
    if run.kept == 0 and run.first_skipped is not None:
        raise CorpusError(f"{run.first_skipped}; no paper is left to build from ({run.skipped_papers} skipped)")


def dedupe(
    papers: Iterable[Paper], *, strict: bool = False, on_skip: Callable[[Skip], None] | None = None
) -> Iterator[Paper]:
    """Yield each paper once: later papers with a seen arXiv id, id or title are dropped.

    A later paper with the id of an earlier one but another title is not the
    same paper: it is skipped (an error if ``strict``), and ``on_skip`` told
    (a warning without one).
    """
    seen_titles: set[str] = set()
    seen_ids: set[str] = set()
    seen_pids: dict[str, str | None] = {}
    for paper in papers:
        tkey = title_key(paper.title)
        if tkey in seen_titles or (paper.arxiv_id and paper.arxiv_id in seen_ids):
            continue
        if paper.id in seen_pids:
            reason = f"id {paper.id!r} is already the id of another paper (at {seen_pids[paper.id]}) with another title"
            if strict:
                raise CorpusError(f"{reason} (--strict makes skips errors)", path=paper.source)
            skip = Skip(paper.source or "", "paper", reason)
            if on_skip is not None:
                on_skip(skip)
            else:
                warnings.warn(str(skip), CorpusWarning, stacklevel=2)
            continue
        seen_titles.add(tkey)
        seen_pids[paper.id] = paper.source
        if paper.arxiv_id:
            seen_ids.add(paper.arxiv_id)
        yield paper


def sample_corpus_paths() -> list[Path]:
    """Return the paths of the sample listings that ship with kgraph."""
    folder = resources.files("kgraph") / "data" / "corpus"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def load_corpus(
    inputs: Iterable[str | Path] | str | Path | None = None,
    *,
    format: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    strict: bool = False,
    on_skip: Callable[[Skip], None] | None = None,
) -> Iterator[Paper]:
    """Yield the unique papers of the inputs (the sample corpus when ``inputs`` is None).

    ``max_chars``, ``strict`` and ``on_skip`` are those of :func:`read_papers`.

    >>> papers = list(load_corpus())
    >>> len(papers)
    181
    """
    if inputs is None:
        inputs = sample_corpus_paths()
    papers = read_papers(inputs, format=format, max_chars=max_chars, strict=strict, on_skip=on_skip)
    return dedupe(papers, strict=strict, on_skip=on_skip)
