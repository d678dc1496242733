"""Precision and recall of investment facts (pk:Investment) against the optional "investments"
entries of a gold set (format: tests/data/seeds/README.md).

    .venv/bin/python tools/measure_investments.py [--errors] [TEXTS_DIR GOLD_DIR]

A fact counts when its document, investor, target park, amount and currency all match a gold
entry; investor and park match by any name form of the entity (its label and aliases, the gold
entity's name and aliases), compared after NFKC folding ("（泰州）" = "(泰州)").
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import extract  # noqa: E402
from kg.facts import corpus_investments  # noqa: E402
from kg.load import assign_doc_ids, find_files, load_source  # noqa: E402
from kg.extract.resolve import resolve_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def norm(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def gold_facts(gold_dir: Path) -> tuple[list[dict], bool]:
    facts, any_listed = [], False
    for p in sorted(gold_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        if "investments" not in d:
            continue
        any_listed = True
        forms = {}
        for e in d.get("entities", []):
            names = {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
            for n in names:
                forms.setdefault(n, set()).update(names)
        for i in d["investments"]:
            facts.append({**i, "doc": d["doc"],
                          "investor_forms": forms.get(norm(i["investor"]), {norm(i["investor"])}),
                          "target_forms": forms.get(norm(i["target"]), {norm(i["target"])})})
    return facts, any_listed


def measure(texts: Path, gold_dir: Path) -> dict:
    files = find_files([texts])
    ids = assign_doc_ids(files)
    docs = [extract(load_source(f, ids[f])) for f in files]
    corpus = resolve_corpus(docs)
    names = {(e.cls, e.key): {norm(e.label)} | {norm(a) for a in e.aliases} for e in corpus.entities}
    file_of = {d.doc_id: d.path.rsplit("/", 1)[-1] for d in docs}
    got = corpus_investments(corpus)
    gold, listed = gold_facts(gold_dir)
    docs_with_gold = {g["doc"] for g in gold} | {p for p in _docs_listed(gold_dir)}
    got = [i for i in got if file_of[i.doc_id] in docs_with_gold]
    used: set[int] = set()
    tp, wrong = 0, []
    for i in got:
        inv = names.get((i.investor_cls, i.investor), {norm(i.investor)})
        tgt = names.get(("Park", i.target), {norm(i.target)})
        hit = next((k for k, g in enumerate(gold) if k not in used and g["doc"] == file_of[i.doc_id]
                    and g["amount"] == i.amount and g["currency"] == i.currency
                    and inv & g["investor_forms"] and tgt & g["target_forms"]), None)
        if hit is None:
            wrong.append(i)
        else:
            used.add(hit)
            tp += 1
    missed = [g for k, g in enumerate(gold) if k not in used]
    p = tp / len(got) if got else 1.0
    r = tp / len(gold) if gold else 1.0
    return {"extracted": len(got), "gold": len(gold), "correct": tp,
            "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "wrong": [(file_of[i.doc_id], i.investor, i.target, i.amount_text) for i in wrong],
            "missed": [(g["doc"], g["investor"], g["target"], g["amount_text"]) for g in missed],
            "listed": listed}


def _docs_listed(gold_dir: Path) -> list[str]:
    out = []
    for p in sorted(gold_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        if "investments" in d:
            out.append(d["doc"])
    return out


def print_errors(m: dict, indent: str) -> None:
    """The wrong facts, then the missed gold facts, of a :func:`measure` result."""
    for w in m["wrong"]:
        print(indent + "wrong ", *w)
    for g in m["missed"]:
        print(indent + "missed", *g)


def main(argv: list[str]) -> None:
    errors = "--errors" in argv
    rest = [a for a in argv if not a.startswith("--")]
    texts, gold = (Path(rest[0]), Path(rest[1])) if len(rest) >= 2 else \
        (ROOT / "tests/data/seeds/texts", ROOT / "tests/data/seeds/gold")
    m = measure(texts, gold)
    print(f"investments  extracted {m['extracted']}  gold {m['gold']}  correct {m['correct']}   "
          f"P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    if errors:
        print_errors(m, "  ")


if __name__ == "__main__":
    main(sys.argv[1:])
