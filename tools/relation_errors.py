"""Why gold locatedIn / investsIn facts are missed or wrong on the real dev sets, per document.

    python tools/relation_errors.py [--model rules|DIR|crossfit] [--prop locatedIn] [--sets …]

``--model crossfit`` reads each article with the fold model that did not see it (the folds of
tools/crossfit.py, cached in ``--model-cache``). For every gold fact of property ``--prop``:

  no-subject / no-object   the extraction has no entity with one of the gold names
  missed                   both entities are there: the sentences that name both are printed
and every predicted fact between two gold entities that the gold does not state (``wrong``,
with its rule and sentence); predicted facts on a non-gold entity are counted as ``bad-entity``.
The blind sets are never read.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from kg.extract import ExtractConfig, extract  # noqa: E402
from kg.learn.model import load_models  # noqa: E402
from kg.learn.relations import gold_namer  # noqa: E402
from kg.learn.train import train  # noqa: E402
from crossfit import REAL, WRITTEN, sets  # noqa: E402


def analyse(gd, model: str, prop: str, out: Counter, lines: list) -> None:
    res = extract(gd.source, ExtractConfig(model=model))
    gname = gold_namer(gd)
    ents = {e.local_id: e for e in res.entities}

    by_gold = {}
    for e in res.entities:
        g = gname(e)
        if g:
            by_gold.setdefault(g, []).append(e)
    gold = {(r["s"], r["o"]) for r in gd.gold.get("relations", []) if r["p"] == prop}
    pred = {}
    for r in res.relations:
        if r.p == prop:
            pred.setdefault((gname(ents[r.s]), gname(ents[r.o])), r)
    doc = Path(gd.path).parent.parent.name + "/" + Path(gd.path).stem
    sents = res.sentences

    def say(kind, s, o, text):
        out[kind] += 1
        lines.append(f"[{kind}] {doc} {s} -> {o}\n      {text}")

    for s, o in sorted(gold):
        if (s, o) in pred:
            out["hit"] += 1
            continue
        es, eo = by_gold.get(s), by_gold.get(o)
        if not es or not eo:
            say("no-subject" if not es else "no-object", s, o, "")
            continue
        both = sorted(set(x for e in es for x in e.sentences) & set(x for e in eo for x in e.sentences))
        shown = both or sorted(set(x for e in es for x in e.sentences))[:2]
        say("missed" + ("" if both else "-apart"), s, o,
            "\n      ".join(sents[i].text.replace("\n", "⏎")[:300] for i in shown[:3]))
    for (s, o), r in sorted(pred.items(), key=lambda x: (str(x[0][0]), str(x[0][1]))):
        if s is None or o is None or (s, o) in gold:
            continue
        if not s or not o:
            out["bad-entity"] += 1
            lines.append(f"[bad-entity] {doc} {ents[r.s].label} -> {ents[r.o].label} {r.rule}")
            continue
        say("wrong", s, o, f"{r.rule} {r.confidence} | " + sents[r.sentence].text.replace("\n", "⏎")[:300])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="rules")
    ap.add_argument("--prop", default="locatedIn")
    ap.add_argument("--sets", nargs="*", default=REAL)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--model-cache", default="/tmp/relerr_models")
    ap.add_argument("--only", nargs="*", default=None, help="print only these kinds")
    args = ap.parse_args()
    real = sets(args.sets)
    out, lines = Counter(), []
    if args.model == "crossfit":
        written = sets(WRITTEN)
        fold = [int(hashlib.sha256(Path(d.path).name.encode()).hexdigest()[:8], 16) % args.folds for d in real]
        for f in range(args.folds):
            mdir = Path(args.model_cache) / f"fold{f}"
            if not (mdir / "names.json").is_file():
                train(written + [d for d, k in zip(real, fold) if k != f], mdir, quiet=True,
                      rules_only=["appliesTo", "investsIn"])
            load_models.cache_clear()
            for d, k in zip(real, fold):
                if k == f:
                    analyse(d, str(mdir), args.prop, out, lines)
    else:
        for d in real:
            analyse(d, args.model, args.prop, out, lines)
    for ln in lines:
        if args.only is None or ln[1:].split("]")[0] in args.only:
            print(ln)
    print(dict(out))


if __name__ == "__main__":
    main()
