"""Inter-annotator agreement: score annotator B's gold files as if they were a graph, against A's.

    python tools/agreement.py tests/data/real_dev/gold tests/data/real_agree/gold

Only the documents B annotated are compared. Entity F1 and relation F1 from kg.evaluate.score
(symmetric in the F1 sense: swapping A and B swaps P and R).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.evaluate import PredEntity, gold_from_docs, score


def main(a_dir: str, b_dir: str) -> None:
    b_docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(b_dir).glob("*.json"))
              if p.name != "crossdoc.json"]
    a_docs = [json.loads((Path(a_dir) / p).read_text(encoding="utf-8"))
              for p in sorted(x.name for x in Path(b_dir).glob("*.json") if x.name != "crossdoc.json")]
    gold = gold_from_docs(a_docs)
    ents, rels = [], []
    for d in b_docs:
        cls_of = {}
        for e in d["entities"]:
            eid = f"{e['type']}/{d['doc']}/{e['name']}"
            cls_of[e["name"]] = eid
            ents.append(PredEntity(eid, e["type"], (e["name"], *e.get("aliases", []))))
        for r in d["relations"]:
            if r["s"] in cls_of and r["o"] in cls_of:
                rels.append((cls_of[r["s"]], r["p"], cls_of[r["o"]]))
    print(score(ents, rels, gold).to_text())


if __name__ == "__main__":
    main(*sys.argv[1:3])
