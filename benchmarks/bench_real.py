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
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]


def timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys of the command) of one run. On a shared machine
    the wall time mostly measures the other jobs; the CPU time much less so."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(KG + args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


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
            whole = medians([timed(build) for _ in range(args.runs)])
            start = medians([timed(one) for _ in range(args.runs)])
            rows.append((model, whole, start))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"# Extraction speed on real news ({len(files)} articles of {corpus.name}, {chars:,} characters)",
             "", f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}; median of {args.runs} runs; load average at the end "
             f"{load}; `python benchmarks/bench_real.py`", "",
             "Wall: seconds on the clock (what a user waits). CPU: user + sys seconds of the command, "
             "which other jobs on the machine disturb much less.", "",
             "| extractor | build wall, s | build CPU, s | chars/s (whole command, wall) | "
             "chars/s (whole command, CPU) | start-up CPU, s | chars/s (extraction, CPU) | target ≥ 100,000 (CPU) |",
             "|---|---|---|---|---|---|---|---|"]
    for model, (wall, cpu), (_, start) in rows:
        ex = f"{chars / (cpu - start):,.0f}" if cpu > start else "—"
        lines.append(f"| {model} | {wall:.2f} | {cpu:.2f} | {chars / wall:,.0f} | {chars / cpu:,.0f} | "
                     f"{start:.2f} | {ex} | {'met' if chars / cpu >= 100_000 else 'not met'} |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
