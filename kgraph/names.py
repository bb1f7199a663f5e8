"""Name normalisation shared by extraction, graph building and scoring."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "slug"]

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_DROP = re.compile(r"[\s\-_.'\u2019~^]+")


@lru_cache(maxsize=1 << 18)  # the same names come back in paper after paper
def name_key(name: str) -> str:
    """Return the key under which two names are the same entity.

    Case-folded, Unicode dashes unified, spaces, hyphens, underscores, dots and
    apostrophes removed, as the annotation guidelines say.

    >>> name_key("LLaMA-2") == name_key("Llama 2") == name_key("llama2")
    True
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", name).translate(_DASHES).casefold())


def slug(text: str, *, max_length: int = 80) -> str:
    """Return a lower-case ASCII slug of ``text`` (letters, digits and hyphens).

    >>> slug("GLM-4 All Tools")
    'glm-4-all-tools'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out[:max_length].rstrip("-")
