"""Where a pattern can match, found without a regex scan of the whole text.

A regex that must start with one of a few literal words is tried only where
:func:`_occurrences` finds one (``str.find`` is fast, a scan is slow);
:func:`_matches_at` and :func:`_matches_from` yield exactly what ``finditer``
would. :func:`_may_match` is a cheap exact pre-check: False only where a
pattern that needs one of some words cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _occurrences(hay: str, heads: tuple[str, ...], pos: int) -> list[int]:
    """Return where each of ``heads`` occurs in ``hay`` from ``pos`` on (overlaps included; per head, in order)."""
    found = []
    for h in heads:
        p = hay.find(h, pos)
        while p >= 0:
            found.append(p)
            p = hay.find(h, p + 1)
    return found


def _matches_at(rx: re.Pattern[str], text: str, pos: int, heads: tuple[str, ...], low: str | None = None) -> Iterable[re.Match[str]]:
    """Yield what ``rx.finditer(text, pos)`` yields, for a pattern whose every match starts with one of ``heads``.

    The pattern is tried only where a head occurs (found by ``str.find``; a regex scan of the whole text is slow),
    left to right, each match after the end of the one before, as ``finditer`` does (no match is empty).
    ``low``: ``text.lower()`` of an ASCII text, where to look for lowercase heads (for a case-insensitive pattern).
    """
    return _matches_from(rx, text, pos, _occurrences(text if low is None else low, heads, pos))


def _matches_from(rx: re.Pattern[str], text: str, pos: int, starts: list[int]) -> Iterable[re.Match[str]]:
    """Yield what ``rx.finditer(text, pos)`` yields, given ``starts``: every place from ``pos`` on where a match
    may start (in any order; a place given twice gives nothing more)."""
    if not starts:
        return
    starts.sort()
    end = pos
    for p in starts:
        if p < end:
            continue
        m = rx.match(text, p)
        if m is not None:
            yield m
            end = m.end()


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    """Return False only if ``text`` is ASCII and contains none of ``words`` (lowercase) in any case."""
    if not text.isascii():
        return True  # case-insensitive regexes match some non-ASCII letters too ("\u017f" for "s")
    low = text.lower()
    return any(w in low for w in words)
