#!/usr/bin/env python3
"""Train the extractor's learned decisions (kgraph/extract/weights.json) from the project's annotations.

The rules and a token scan propose candidate names for each annotated abstract
(kgraph.extract.learned.candidates); a candidate is labelled with the type of the
gold entity whose alias it matches (else None), and introduced when that entity
is. Two logistic regressions (scikit-learn, the `train` extra) learn the type and
the introduced flag; their weights are written as JSON, rounded, keys sorted, with
the SHA-256 of the annotations they came from: the same annotations and config
give the same bytes.

The texts are read from the abstracts file (../shared/unlabeled/abstracts.jsonl by
default); the annotations hold only arXiv ids and names.

Usage:
  python scripts/train_extractor.py                       # train on annotations/train.jsonl, write the weights
  python scripts/train_extractor.py --eval annotations/dev.jsonl --no-write   # dev figures of a config
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from annotations import read_annotations, read_texts  # noqa: E402

from kgraph.extract.learned import LABELS, WEIGHTS, Decider, candidates  # noqa: E402
from kgraph.extract.rules import load_recognizer, name_key  # noqa: E402

CONFIG = {"C_type": 0.5, "C_intro": 0.5, "min_count": 2, "keep_threshold": 0.6, "intro_threshold": 0.4, "decimals": 4}


def paper_text(rec: dict) -> str:
    return f"{rec['title']}\n\n{rec['abstract']}"


def gold_labels(ann: dict) -> tuple[dict[str, str], set[str]]:
    """Return {alias key: type} and the alias keys of introduced entities."""
    types, intro = {}, set()
    for field, label in (("models", "Model"), ("datasets", "Dataset"), ("benchmarks", "Benchmark")):
        for aliases in ann.get(field, []):
            keys = {name_key(a) for a in aliases}
            for k in keys:
                types.setdefault(k, label)
            if aliases[0] in ann.get("introduced", []):
                intro |= keys
    return types, intro


# Listing-style sets annotated for this project under the same guidelines (tests/data): gold
# files keyed by title, with the texts beside them. They join the training data so the
# model also learns the daily-listing style; tests/data/independent stays held out.
LISTING_SETS = ("tests/data/dev2", "tests/data/dev3", "tests/data/dev4", "tests/data/dev5", "tests/data/dev6")


def listing_examples(folder: Path) -> list[tuple[str, dict]]:
    """(text, gold annotation) of every annotated paper of a listing-style set."""
    from kgraph.corpus import load_corpus, title_key
    from kgraph.evaluate import read_gold

    gold = {title_key(g["title"]): g for f in sorted(folder.glob("gold*.jsonl")) for g in read_gold(f)}
    inputs = sorted(str(f) for f in folder.iterdir() if f.suffix in (".jsonl", ".txt", ".json", ".csv") and not f.name.startswith("gold"))
    return [(p.text, gold[title_key(p.title)]) for p in load_corpus(inputs) if title_key(p.title) in gold]


def examples(items: list[tuple[str, dict]]):
    """Yield (features, type label, introduced label) for every candidate of every annotated text."""
    recognizer = load_recognizer()
    for text, ann in items:
        types, intro = gold_labels(ann)
        for key, cand in sorted(candidates(text, recognizer.find(text)).items()):
            yield sorted(cand.features), types.get(key, "None"), key in intro


def train(items: list[tuple[str, dict]], config: dict) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = list(examples(items))
    counts: dict[str, int] = {}
    for feats, _, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, c in counts.items() if c >= config["min_count"]}
    vec = DictVectorizer(sort=True)
    X = vec.fit_transform([{f: 1 for f in feats if f in keep} for feats, _, _ in rows])
    y = [LABELS.index(label) for _, label, _ in rows]
    clf = LogisticRegression(C=config["C_type"], solver="newton-cg", max_iter=1000, tol=1e-9)
    clf.fit(X, y)
    names = vec.get_feature_names_out()
    d = config["decimals"]
    coef = clf.coef_  # (classes, features), classes in sorted order of y's values
    classes = list(clf.classes_)
    weights = {}
    for col, name in enumerate(names):
        w = [round(float(coef[classes.index(k)][col]), d) if k in classes else 0.0 for k in range(len(LABELS))]
        if any(w):
            weights[str(name)] = w
    bias = [round(float(clf.intercept_[classes.index(k)]), d) if k in classes else -10.0 for k in range(len(LABELS))]

    # introduced: over the candidates that are entities, with their gold type as a feature
    irows = [(feats, label, intro) for feats, label, intro in rows if label != "None"]
    ivec = DictVectorizer(sort=True)
    IX = ivec.fit_transform([{**{f: 1 for f in feats if f in keep}, "type=" + label: 1} for feats, label, _ in irows])
    iy = [int(intro) for _, _, intro in irows]
    iclf = LogisticRegression(C=config["C_intro"], solver="newton-cg", max_iter=1000, tol=1e-9)
    iclf.fit(IX, iy)
    iweights = {}
    for col, name in enumerate(ivec.get_feature_names_out()):
        w = round(float(iclf.coef_[0][col]), d)
        if w:
            iweights[str(name)] = w
    return {
        "labels": list(LABELS),
        "type": {"bias": bias, "weights": weights},
        "introduced": {"bias": round(float(iclf.intercept_[0]), d), "weights": iweights},
        "keep_threshold": config["keep_threshold"],
        "intro_threshold": config["intro_threshold"],
        "trained_on": {"candidates": len(rows), "entities": len(irows), "papers": len(items)},
        "config": config,
    }


def evaluate(weights: dict, ann: dict, texts: dict) -> dict:
    from kgraph.evaluate import score

    decider = Decider(weights)
    recognizer = load_recognizer()
    gold, pred = [], []
    for pid in sorted(ann):
        rec = texts[pid]
        text = paper_text(rec)
        ents = decider.decide(text, recognizer.find(text))
        gold.append(dict(ann[pid], title=rec["title"]))
        pred.append({"title": rec["title"], "entities": [{"name": e.name, "type": e.type, "introduced": e.introduced} for e in ents], "links": []})
    results, _ = score(gold, pred)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", default=str(ROOT / "annotations/train.jsonl"))
    ap.add_argument("--abstracts", default=str(ROOT.parent / "shared/unlabeled/abstracts.jsonl"))
    ap.add_argument("--eval", action="append", default=[], help="annotations to score the trained weights on (repeatable)")
    ap.add_argument("--set", action="append", default=[], help="KEY=VALUE to change a config value")
    ap.add_argument("--no-write", action="store_true", help="do not write the weights file")
    ap.add_argument("--no-listings", dest="listings", action="store_false", help="train on the abstracts only, not the listing-style sets")
    ap.add_argument("-o", "--out", default=str(WEIGHTS))
    args = ap.parse_args()
    config = dict(CONFIG)
    for item in args.set:
        k, _, v = item.partition("=")
        config[k] = type(CONFIG[k])(v)
    print("config:", json.dumps(config, sort_keys=True))
    train_ann = read_annotations(args.train)
    evals = {p: read_annotations(p) for p in args.eval}
    ids = set(train_ann).union(*[set(a) for a in evals.values()])
    texts = read_texts(args.abstracts, ids)
    items = [(paper_text(texts[pid]), train_ann[pid]) for pid in sorted(train_ann)]
    digest = hashlib.sha256(Path(args.train).read_bytes())
    for folder in LISTING_SETS if args.listings else ():
        items += listing_examples(ROOT / folder)
        for f in sorted((ROOT / folder).glob("gold*.jsonl")):
            digest.update(f.read_bytes())
    from threadpoolctl import threadpool_limits  # (a scikit-learn dependency)

    with threadpool_limits(1):  # one BLAS thread: the same sums in the same order, so the same bytes
        weights = train(items, config)
    weights["annotations_sha256"] = digest.hexdigest()
    weights["listing_sets"] = list(LISTING_SETS) if args.listings else []
    weights["trained_with"] = {"scikit-learn": __import__("sklearn").__version__}
    print("trained on:", weights["trained_on"], "features:", len(weights["type"]["weights"]), "+", len(weights["introduced"]["weights"]))
    for path, ann in evals.items():
        res = evaluate(weights, ann, texts)
        print(path, " ".join(f"{k} {res[k]['F1']:.3f}" for k in ("model", "dataset", "benchmark", "data", "all", "introduced")))
    if not args.no_write:
        Path(args.out).write_text(json.dumps(weights, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        print("wrote", args.out)


if __name__ == "__main__":
    main()
