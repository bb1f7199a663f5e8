"""Find and normalise the web links in a paper's text.

Stage contract: text in, ``(start, end, url, kind)`` tuples out, where
``start``/``end`` are character offsets of the link as written and ``url`` is
the normalised form (see :func:`normalize_url`). ``kind`` is ``"github"`` for a
github.com repository or owner, ``"huggingface"`` for huggingface.co pages and
``"other"`` for everything else, ``*.github.io`` project pages included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from .types import LinkKind

__all__ = ["find_links", "link_kind", "normalize_url"]

# A link as written: with a scheme, with "www.", or a bare host we know.
_URL_RE = re.compile(
    r"""(?:https?://|www\.|\b(?:[a-z0-9-]+\.)*(?:github\.(?:com|io)|huggingface\.co|hf\.co)(?=[/\s.,;:)\]]|$))"""
    r"""[^\s<>"'`]*""",
    re.I,
)
_TRAILING = ".,;:!?)]}>'\"*"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_GLUED = re.compile(r"[{}\[\]()<>|\\^`]")


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def link_kind(url: str) -> LinkKind:
    """Return the kind of a link: ``github``, ``huggingface`` or ``other``.

    >>> link_kind("https://github.com/THUDM/GLM-130B")
    'github'
    >>> link_kind("https://thudm.github.io/page")
    'other'
    >>> link_kind("huggingface.co/THUDM")
    'huggingface'
    """
    if not _SCHEME.match(url):
        url = "https://" + url
    try:
        netloc = urlsplit(url).netloc
    except ValueError:  # "www.[x.org": urlsplit reads the bracket as a broken IPv6 address
        return "other"
    host = netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.")
    if host == "github.com":
        return "github"
    if host in ("huggingface.co", "hf.co") or host.endswith(".huggingface.co"):
        return "huggingface"
    return "other"


def normalize_url(url: str) -> str:
    """Return the canonical form of a link as the annotation guidelines define it.

    GitHub links become ``https://github.com/OWNER/REPO`` (or ``.../OWNER``);
    every link gets ``https://``, loses fragments, trailing punctuation,
    trailing slashes and text glued on after it.

    >>> normalize_url("https://github.com/QizhiPei/SSM-DTA{Github}.")
    'https://github.com/QizhiPei/SSM-DTA'
    >>> normalize_url("https://github.com/Pepperlll/LMforImageGeneration.git.")
    'https://github.com/Pepperlll/LMforImageGeneration'
    >>> normalize_url("https://github.com/LLNL/LUAR/tree/main/fewshot_iclr2024.")
    'https://github.com/LLNL/LUAR'
    >>> normalize_url("muse-bench.github.io")
    'https://muse-bench.github.io'
    >>> normalize_url("http://www.example.org/a/b/#top")
    'https://example.org/a/b'
    """
    url = url.strip()
    url = _strip_trailing(url)
    url = _SCHEME.sub("", url)
    url = url.split("#", 1)[0]
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.")
    if host == "github.com":
        segs = [s for s in path.split("?", 1)[0].split("/") if s][:2]
        cleaned = []
        for seg in segs:
            seg = _GLUED.split(seg)[0]
            seg = _strip_trailing(seg).rstrip(".")
            if not seg:
                break
            cleaned.append(seg)
        if len(cleaned) == 2:
            cleaned[1] = cleaned[1].removesuffix(".git").rstrip(".")
        return "https://" + "/".join(["github.com", *cleaned])
    path = _GLUED.split(path)[0] if path else path
    path = _strip_trailing(path).rstrip("/")
    return "https://" + host + ("/" + path if path else "")


# every match of _URL_RE holds one of these (lowercase, on ASCII text), and only these characters
# come before it in the match: "http(s)" and host labels (keep in step with _URL_RE)
_URL_ANCHORS = ("://", "www.", "github.", "huggingface.co", "hf.co")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-:/")


def _url_matches_ascii(text: str, low: str) -> Iterator[re.Match[str]]:
    """Yield what ``_URL_RE.finditer(text)`` yields, for ASCII ``text`` (``low`` is ``text.lower()``).

    The regex scan starts at the earliest place a match can: the run of host
    characters before the next anchor (a scan of the whole text is slow).
    """
    pos = 0
    n = len(text)
    while pos < n:
        a = -1
        for anchor in _URL_ANCHORS:
            k = low.find(anchor, pos)
            if k >= 0 and (a < 0 or k < a):
                a = k
        if a < 0:
            return
        while a > pos and low[a - 1] in _HOST_CHARS:
            a -= 1
        m = _URL_RE.search(text, a)
        if m is None:
            return
        yield m
        pos = m.end()


def find_links(text: str) -> list[tuple[int, int, str, LinkKind]]:
    """Return every link in ``text`` as ``(start, end, normalised url, kind)``.

    ``end`` excludes trailing punctuation. Links are in text order; a link
    written twice is returned twice.

    >>> find_links("Code: https://github.com/THUDM/GLM-130B. Page: x.github.io/")
    [(6, 39, 'https://github.com/THUDM/GLM-130B', 'github'), (47, 59, 'https://x.github.io', 'other')]
    """
    found: list[tuple[int, int, str, LinkKind]] = []
    if text.isascii():
        # Quick exit when no alternative of _URL_RE can match: every match holds an anchor.
        low = text.lower()
        if not any(anchor in low for anchor in _URL_ANCHORS):
            return found
        matches = _url_matches_ascii(text, low)
    else:
        matches = _URL_RE.finditer(text)
    for match in matches:
        raw = _strip_trailing(match.group())
        if "." not in raw.split("://", 1)[-1].split("/", 1)[0]:
            continue
        url = normalize_url(raw)
        found.append((match.start(), match.start() + len(raw), url, link_kind(url)))
    return found
