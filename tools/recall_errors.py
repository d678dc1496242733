"""Why gold names are missed on the real dev sets, each article read by a model that did not see it.

    python tools/recall_errors.py [--folds 3] [--class Company] [--examples 40] [--fold F]

Cross-fitted as tools/crossfit.py (same folds); for every gold entity of a held-out article
that the article's extraction does not find (in any form, in its class) the cause is one of:

  wrong-class   found, but as another class
  chooser       a proposal (or one of its alternatives) is the name: the chooser dropped it or
                picked another alternative
  span          proposals overlap the name in the text, none of their alternatives is it
  none          nothing proposed over the name
  absent        the name is not written in the cleaned text as such (an expansion, spacing)

Counts per class and cause, then examples (name | proposals over it | sentence snippet).
The blind sets are never read.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from kg.evaluate import normalize  # noqa: E402
from kg.extract import ExtractConfig, extract, recognised  # noqa: E402
from kg.learn import mentions as M  # noqa: E402
from kg.learn.model import load_models  # noqa: E402
from kg.learn.train import train  # noqa: E402
from crossfit import REAL, WRITTEN, sets  # noqa: E402


def analyse(doc, model_dir: str, out: dict) -> None:
    cfg = ExtractConfig(model=model_dir)
    res = extract(doc.source, cfg)
    found = defaultdict(set)
    for e in res.entities:
        for n in [e.label, *e.names]:
            found[e.cls].add(normalize(n))
    rec = recognised(doc.source, ExtractConfig(model="rules"))
    props = M.proposals(rec.text, rec.toks, rec.mentions, rec.lex, rec.sentences)
    ctx = M.Context(rec.text, rec.toks, props, rec.lex)
    alts = defaultdict(list)           # normalised alternative -> (proposal, cls)
    for m in props:
        if m.anaphor:
            continue
        for s, e, cls in M.alternatives(ctx, m):
            alts[normalize(rec.text[s:e])].append((m, cls))
    optional = doc.optional()
    name = Path(doc.path).parent.parent.name + "/" + Path(doc.path).name
    for g in doc.gold.get("entities", []):
        cls = g["type"]
        forms = [g["name"], *g.get("aliases", [])]
        keys = {normalize(f) for f in forms}
        if keys & optional:
            continue
        out["gold"][cls] += 1
        if keys & found[cls]:
            continue
        other = [c for c in found if c != cls and keys & found[c]]
        where = []
        for f in forms:
            i = rec.text.find(f)
            if i >= 0:
                where.append((i, i + len(f)))
        over = sorted({(m.start, m.end, m.text, m.cls, m.rule) for m in props
                       for a, b in where if m.start < b and m.end > a})
        hit = [(m, c) for k in keys for m, c in alts.get(k, [])]
        if other:
            cause = "wrong-class"
            note = ",".join(other)
        elif hit:
            cause = "chooser"
            note = "; ".join(sorted({f"{m.text}/{m.cls}/{m.rule}>{c}" for m, c in hit}))
        elif over:
            cause = "span"
            note = "; ".join(f"{t}/{c}/{r}" for _, _, t, c, r in over)
            out["span"][(cls, _edit(where, over))] += 1
        elif where:
            cause = "none"
            note = ""
        else:
            cause = "absent"
            note = ""
        snippet = ""
        if where:
            a, b = where[0]
            snippet = rec.text[max(0, a - 18):b + 12].replace("\n", "⏎")
        out["miss"][(cls, cause)] += 1
        out["examples"][(cls, cause)].append(f"{g['name']} | {note} | {snippet} | {name}")


def _edit(where, over) -> str:
    """How the proposals over a missed name differ from it (its first occurrence)."""
    a, b = next((a, b) for a, b in where if any(s < b and e > a for s, e, *_ in over))
    inside = [(s, e) for s, e, *_ in over if s < b and e > a]
    if len(inside) > 1 and min(s for s, _ in inside) >= a and max(e for _, e in inside) <= b:
        return "join"
    s, e = min(inside, key=lambda x: abs(x[0] - a) + abs(x[1] - b))
    left = "L=" if s == a else ("Lext" if s > a else "Ltrim")
    right = "R=" if e == b else ("Rext" if e < b else "Rtrim")
    return left + "/" + right


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--fold", type=int, nargs="*", help="only these folds")
    ap.add_argument("--class", dest="cls", nargs="*", help="examples of these classes only")
    ap.add_argument("--examples", type=int, default=30)
    ap.add_argument("--model-cache", help="keep each fold's model in this folder (reused if there)")
    args = ap.parse_args()
    written, real = sets(WRITTEN), sets(REAL)
    fold = [int(hashlib.sha256(Path(d.path).name.encode()).hexdigest()[:8], 16) % args.folds for d in real]
    out = {"gold": Counter(), "miss": Counter(), "examples": defaultdict(list), "span": Counter()}
    for f in range(args.folds):
        if args.fold and f not in args.fold:
            continue
        held = [d for d, k in zip(real, fold) if k == f]
        with tempfile.TemporaryDirectory() as tmp:
            mdir = Path(args.model_cache) / f"fold{f}" if args.model_cache else Path(tmp) / "m"
            if not (mdir / "names.json").is_file():
                train(written + [d for d, k in zip(real, fold) if k != f], mdir, quiet=True,
                      rules_only=["appliesTo", "investsIn"])
            load_models.cache_clear()
            for d in held:
                analyse(d, str(mdir), out)
    causes = ("wrong-class", "chooser", "span", "none", "absent")
    print(f"{'class':12s} {'gold':>5s} {'found':>6s} " + " ".join(f"{c:>11s}" for c in causes))
    for cls, n in out["gold"].most_common():
        miss = [out["miss"][(cls, c)] for c in causes]
        print(f"{cls:12s} {n:5d} {n - sum(miss):6d} " + " ".join(f"{x:11d}" for x in miss))
    print("\nspan errors: what the nearest proposal would need (Lext: start earlier, Ltrim: later;"
          " Rext: end later, Rtrim: earlier; join: several proposals inside the name)")
    for (cls, edit), n in sorted(out["span"].items(), key=lambda x: -x[1]):
        print(f"  {cls:12s} {edit:12s} {n}")
    for (cls, cause), ex in sorted(out["examples"].items()):
        if args.cls and cls not in args.cls:
            continue
        print(f"\n== {cls} {cause} ({len(ex)})")
        for line in ex[:args.examples]:
            print("  " + line)


if __name__ == "__main__":
    main()
