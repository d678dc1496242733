#!/usr/bin/env python3
"""Extraction speed on real news: `kg build` of news2023/park in one process; results/real.md.

    python benchmarks/bench_real.py [--corpus ../shared/corpus/news2023/park] [--runs 3]

For the rules alone (``--model rules``) and the shipped model: the whole command
(``kg build DIR --out OUT --force --no-store --no-view --workers 1``, Python start-up
included) and, from a one-file build, the start-up alone, so that the extraction rate can be
given both ways. The median of ``--runs`` runs. Target (issue "Real news"): ≥ 100,000
characters/s in one process.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]


def timed(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(KG + args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "news2023" / "park"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "real.md"))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for model in ("rules", "shipped"):
            flag = ["--model", "rules"] if model == "rules" else []
            build = ["build", str(corpus), "--out", f"{tmp}/o", "--force", "--no-store", "--no-view",
                     "--workers", "1", "-q", *flag]
            one = ["build", str(files[0]), "--out", f"{tmp}/one", "--force", "--no-store", "--no-view",
                   "--workers", "1", "-q", *flag]
            whole = statistics.median(timed(build) for _ in range(args.runs))
            start = statistics.median(timed(one) for _ in range(args.runs))
            rows.append((model, whole, start))
    lines = [f"# Extraction speed on real news ({len(files)} articles of {corpus.name}, {chars:,} characters)",
             "", f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}; median of {args.runs} runs; `python benchmarks/bench_real.py`", "",
             "| extractor | build, s | chars/s (whole command) | start-up, s | chars/s (extraction) | target ≥ 100,000 |",
             "|---|---|---|---|---|---|"]
    for model, whole, start in rows:
        rate = chars / whole
        ex = chars / max(whole - start, 1e-9)
        lines.append(f"| {model} | {whole:.2f} | {rate:,.0f} | {start:.2f} | {ex:,.0f} | "
                     f"{'met' if rate >= 100_000 else 'not met'} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
