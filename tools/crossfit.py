"""End-to-end cross-fitting of the learned models on the real dev sets (the honest dev figure).

    python tools/crossfit.py [--folds 3]

The real dev documents are split in folds (by hash of the file name); for each fold a model is
trained on the written sets, the seeds and the other folds, and the held-out fold is extracted
with it and scored with kg.evaluate at corpus level. Printed beside the same folds extracted
with the rules alone. The blind sets are never read.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import from_corpus, gold_from_docs, score  # noqa: E402
from kg.extract import ExtractConfig, extract  # noqa: E402
from kg.learn.golddata import read_gold_docs  # noqa: E402
from kg.learn.train import train  # noqa: E402
from kg.extract.resolve import resolve_corpus  # noqa: E402

WRITTEN = ["seeds", "dev", "dev2", "test", "test2", "test3"]
REAL = ["real_dev", "real_dev2", "real_dev3", "real_dev4", "real_dev5", "real_dev6", "real_dev7", "real_dev8", "real_dev9", "real_dev10",
        "real_dev11", "real_dev12", "real_dev13", "real_dev14", "real_dev15", "real_dev16"]


def sets(names):
    out = []
    for s in names:
        d = ROOT / "tests" / "data" / s
        if (d / "gold").is_dir() and any((d / "gold").glob("*.json")):
            out += read_gold_docs(d / "gold", d / "texts")
    return out


def evaluate(docs, model):
    cfg = ExtractConfig(model=model)
    results = [extract(d.source, cfg) for d in docs]
    ents, rels = from_corpus(resolve_corpus(results))
    return score(ents, rels, gold_from_docs([d.gold for d in docs]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--sets", nargs="*", default=REAL, help="the real dev sets to cross-fit on")
    ap.add_argument("--component", nargs="*", default=["names", "relations"],
                    help="the components to train (default: both)")
    ap.add_argument("--rules-only", nargs="*", default=["appliesTo", "investsIn"],
                    help="properties the relation judge leaves to the rules (as make model)")
    ap.add_argument("--errors", help="write the model's false positives and negatives (JSON) here")
    args = ap.parse_args()
    written, real = sets(WRITTEN), sets(args.sets)
    fold = [int(hashlib.sha256(Path(d.path).name.encode()).hexdigest()[:8], 16) % args.folds for d in real]
    tot = {"rules": [], "model": []}
    for f in range(args.folds):
        held = [d for d, k in zip(real, fold) if k == f]
        train_docs = written + [d for d, k in zip(real, fold) if k != f]
        with tempfile.TemporaryDirectory() as tmp:
            train(train_docs, Path(tmp) / "m", quiet=True, components=args.component,
                  rules_only=args.rules_only)
            for name, model in (("rules", "rules"), ("model", str(Path(tmp) / "m"))):
                rep = evaluate(held, model)
                tot[name].append(rep)
                d = rep.to_dict()
                print(f"fold {f} {name:5s} entities {d['entities']['micro']['f1'] or 0:.3f} "
                      f"relations {d['relations']['micro']['f1'] or 0:.3f}")
    # pooled: all held-out folds together (each document extracted by the model that did not see it)
    for name in tot:
        e = {k: 0 for k in ("gold", "pred", "tp")}
        r = {k: 0 for k in ("gold", "pred", "tp")}
        per_class = {}
        for rep in tot[name]:
            d = rep.to_dict()
            for k in e:
                e[k] += d["entities"]["micro"][k]
                r[k] += d["relations"]["micro"][k]
            for part in ("entities", "relations"):
                for c, v in d[part]["per_class" if part == "entities" else "per_property"].items():
                    acc = per_class.setdefault(c, [0, 0, 0])
                    acc[0] += v["gold"]; acc[1] += v["pred"]; acc[2] += v["tp"]
        f1 = lambda x: 2 * x["tp"] / (x["gold"] + x["pred"]) if x["gold"] + x["pred"] else 0
        cls = " ".join(f"{c} {2 * a[2] / (a[0] + a[1]):.2f}" for c, a in per_class.items() if a[0] + a[1])
        print(f"pooled {name:5s} entities {f1(e):.3f} relations {f1(r):.3f} | {cls}")
        if args.errors and name == "model":
            import json
            errs = sorted({(x.kind, x.group, x.text) for rep in tot[name]
                           for x in rep.entity_errors + rep.relation_errors})
            Path(args.errors).write_text(json.dumps(errs, ensure_ascii=False, indent=0), encoding="utf-8")
        pr = lambda a: f"{a[2] / a[1] if a[1] else 0:.2f}/{a[2] / a[0] if a[0] else 0:.2f}"
        print(f"       {name:5s} P/R entities {pr([e['gold'], e['pred'], e['tp']])} "
              f"(gold {e['gold']} pred {e['pred']} tp {e['tp']}) relations "
              f"{pr([r['gold'], r['pred'], r['tp']])} (gold {r['gold']} pred {r['pred']} tp {r['tp']}) | "
              + " ".join(f"{c} {pr(a)}" for c, a in per_class.items() if a[0] + a[1]))


if __name__ == "__main__":
    main()
