"""The quality table of the README: every gold set scored with the rules and with a model.

    python tools/quality_table.py [--model kg/models/default] [--sets seeds real_blind …]

Each set is extracted in memory (as `kg build` does, corpus-level resolution included) and
scored with kg.evaluate; "blind (pooled)" is the five blind real sets as one corpus, the figure
to read (one set's relation figure moves by 0.02–0.04 per relation). Prints a Markdown table
(entity / relation micro-F1) and, with --per-class, the per-class F1 of the pooled blind sets.
Reading the blind sets' figures is measurement; their error lists are not printed here.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import from_corpus, gold_from_docs, score  # noqa: E402
from kg.extract import ExtractConfig, extract  # noqa: E402
from kg.extract.resolve import resolve_corpus  # noqa: E402
from kg.learn.golddata import read_gold_docs  # noqa: E402

BLIND = ["real_blind", "real_blind2", "real_blind3", "real_blind4", "real_blind5", "real_blind6",
         "real_blind7", "real_blind8", "real_blind9", "real_blind10", "real_blind11"]
DEFAULT_SETS = ["seeds", "dev", "dev2", "test", "test2", "test3", *BLIND, "blind (pooled)",
                "real_other_blind"]


def docs_of(name: str):
    """The set's documents and its cross-document gold (written sets and seeds have one)."""
    names = BLIND if name == "blind (pooled)" else [name]
    out, cross = [], {}
    for s in names:
        d = ROOT / "tests" / "data" / s
        out += read_gold_docs(d / "gold", d / "texts")
        if (d / "gold" / "crossdoc.json").is_file():
            cross = json.loads((d / "gold" / "crossdoc.json").read_text(encoding="utf-8"))
    return out, cross


def scored(docs, cross: dict, model: str):
    cfg = ExtractConfig(model=model)
    ents, rels = from_corpus(resolve_corpus([extract(d.source, cfg) for d in docs]))
    return score(ents, rels, gold_from_docs([d.gold for d in docs], cross)).to_dict()


def micro(d: dict, part: str) -> str:
    f1 = d[part]["micro"]["f1"]
    return "—" if f1 is None else f"{f1:.3f}"


def per_class(d: dict) -> str:
    rows = []
    for part, key in (("entities", "per_class"), ("relations", "per_property")):
        for c, v in d[part][key].items():
            if v["gold"] or v["pred"]:
                rows.append(f"{c} {v['f1'] or 0:.2f}")
    return ", ".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ROOT / "kg" / "models" / "default"))
    ap.add_argument("--sets", nargs="*", default=DEFAULT_SETS)
    ap.add_argument("--per-class", action="store_true")
    args = ap.parse_args()
    print("| set | articles | rules | model |")
    print("|---|---:|---|---|")
    for name in args.sets:
        docs, cross = docs_of(name)
        r, m = scored(docs, cross, "rules"), scored(docs, cross, args.model)
        print(f"| {name} | {len(docs)} | {micro(r, 'entities')} / {micro(r, 'relations')} "
              f"| {micro(m, 'entities')} / {micro(m, 'relations')} |", flush=True)
        if args.per_class and name == "blind (pooled)":
            print(f"|  per class, rules | | {per_class(r)} | |")
            print(f"|  per class, model | | | {per_class(m)} |")


if __name__ == "__main__":
    main()
