"""What the recognizer finds in a sentence, in the shapes the rule-family tests assert on."""

from kgraph.extract.rules import load_recognizer


def found(text: str) -> list[tuple[str, str]]:
    """``[(name, type), ...]`` in text order."""
    return [(f.name, f.type) for f in load_recognizer().find(text)]


def found_intro(text: str) -> dict[str, tuple[str, bool]]:
    """``{name: (type, introduced)}``."""
    return {f.name: (f.type, f.introduced) for f in load_recognizer().find(text)}


def introduced(text: str) -> set[str]:
    """The names marked as introduced."""
    return {f.name for f in load_recognizer().find(text) if f.introduced}
