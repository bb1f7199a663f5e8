#!/usr/bin/env python3
"""Agreement of two annotators on the same abstracts, scored like the extractor (one as gold, one as prediction).

F1 is symmetric, so which annotator plays gold does not change it. The texts are
never needed except for titles, which the reference scorer matches papers by:
they are read from the abstracts file at run time and not written anywhere.

Usage: python scripts/agreement.py annotations/test.a.jsonl annotations/test.b.jsonl
"""
import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from annotations import as_prediction, read_annotations, with_titles  # noqa: E402


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def agreement(a_path: str, b_path: str, abstracts: str, scorer: str) -> dict:
    a, b = read_annotations(a_path), read_annotations(b_path)
    common = sorted(set(a) & set(b))
    gold = with_titles([a[i] for i in common], abstracts)
    pred = [dict(as_prediction(r), title=g["title"]) for r, g in zip((b[i] for i in common), gold)]
    results, _ = load_scorer(scorer).score(gold, pred)
    return {"papers": len(common), **results}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--abstracts", default=str(HERE.parent.parent / "shared/unlabeled/abstracts.jsonl"))
    ap.add_argument("--scorer", default=str(HERE.parent.parent / "shared/eval/score.py"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = agreement(args.a, args.b, args.abstracts, args.scorer)
    if args.json:
        print(json.dumps(res))
        return
    print(f"papers {res['papers']}")
    for row, v in res.items():
        if isinstance(v, dict):
            print(f"{row:<12} P {v['P']:.3f}  R {v['R']:.3f}  F1 {v['F1']:.3f}  ({v['pred']} / {v['gold']})")


if __name__ == "__main__":
    main()
