"""Extraction quality on the seeds: extract + resolve_corpus in memory, scored with kg.evaluate.

    .venv/bin/python tools/measure.py [--errors] [--gold DIR] [SEED_DIR]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.evaluate import from_corpus, load_gold, score  # noqa: E402
from kg.extract import ExtractConfig, extract  # noqa: E402
from kg.load import assign_doc_ids, find_files, load_source  # noqa: E402
from kg.extract.resolve import resolve_corpus  # noqa: E402


def build(seed_dir: str = "seeds"):
    files = find_files([seed_dir])
    ids = assign_doc_ids(files)
    cfg = ExtractConfig()
    return [extract(load_source(f, ids[f]), cfg) for f in files]


def main(argv: list[str]) -> None:
    errors = "--errors" in argv
    # The seed gold sits in the shared folder beside the checkout (measurement data, not product).
    gold_dir = str(Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds")
    if "--gold" in argv:
        gold_dir = argv[argv.index("--gold") + 1]
    rest = [a for a in argv if not a.startswith("--") and a != gold_dir]
    seed_dir = rest[0] if rest else "seeds"
    t0 = time.perf_counter()
    results = build(seed_dir)
    t1 = time.perf_counter()
    corpus = resolve_corpus(results)
    ents, rels = from_corpus(corpus)
    report = score(ents, rels, load_gold(gold_dir))
    print(report.to_text(errors=errors))
    n = sum(r.n_chars for r in results)
    print(f"extract: {n} chars in {t1 - t0:.2f}s")


if __name__ == "__main__":
    main(sys.argv[1:])
