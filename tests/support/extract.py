"""What the recognizer finds in a sentence, in the shapes the rule-family tests assert on.

The rule-family tests (tests/test_extract_<family>.py) copy each sentence from the sample listings
(kgraph/data/corpus) or the development listings (tests/data/dev2-dev6/listing-*.jsonl); each test states
the exact entities (name, type, and where it matters the ``introduced`` flag) the annotation guidelines
expect from the rule family it covers, or a sentence the family must leave alone.
"""

from kgraph.extract.rules import load_recognizer


def found(text: str) -> list[tuple[str, str]]:
    """``[(name, type), ...]`` in text order."""
    return [(f.name, f.type) for f in load_recognizer().find(text)]


def found_intro(text: str) -> dict[str, tuple[str, bool]]:
    """``{name: (type, introduced)}``."""
    return {f.name: (f.type, f.introduced) for f in load_recognizer().find(text)}


def found_intro_in_order(text: str) -> list[tuple[str, str, bool]]:
    """``[(name, type, introduced), ...]`` in text order."""
    return [(f.name, f.type, f.introduced) for f in load_recognizer().find(text)]


def introduced(text: str) -> set[str]:
    """The names marked as introduced."""
    return {f.name for f in load_recognizer().find(text) if f.introduced}
