"""Read the project's annotations (keyed by arXiv id) and join them with the texts at run time.

The annotation files hold no titles or abstracts: those come from the abstracts
file (``../shared/unlabeled/abstracts.jsonl`` or a path the user gives) when a
script needs them, and are never written into the repository.
"""
import json
from pathlib import Path

FIELDS = ("models", "datasets", "benchmarks", "github", "urls", "introduced", "evaluations")
TYPES = {"models": "Model", "datasets": "Dataset", "benchmarks": "Benchmark"}


def read_annotations(path) -> dict:
    """Return {arxiv id: annotation} from a JSON Lines file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in out:
                    raise ValueError(f"{path}:{n}: {rec['id']} annotated twice")
                out[rec["id"]] = rec
    return out


def read_texts(abstracts, ids=None) -> dict:
    """Return {arxiv id: {"title", "abstract", ...}} for the ids wanted (all when None)."""
    want = set(ids) if ids is not None else None
    out = {}
    with open(abstracts, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if want is None or rec["arxiv_id"] in want:
                out[rec["arxiv_id"]] = rec
    return out


def with_titles(annotations, abstracts) -> list:
    """The annotations as gold records of the reference scorer (with their titles, in memory only)."""
    texts = read_texts(abstracts, [a["id"] for a in annotations])
    return [dict(a, title=texts[a["id"]]["title"]) for a in annotations]


def as_prediction(ann) -> dict:
    """An annotation in the scorer's prediction format (canonical names, links, evaluations)."""
    intro = set(ann.get("introduced", []))
    ents = [{"name": al[0], "type": TYPES[k], "introduced": al[0] in intro} for k in TYPES for al in ann.get(k, [])]
    links = [{"url": u} for u in ann.get("github", []) + ann.get("urls", [])]
    return {"id": ann["id"], "entities": ents, "links": links, "evaluations": ann.get("evaluations", [])}
