#!/usr/bin/env python3
"""Extraction time per character on hostile, list-like text; write benchmarks/results/hostile.md.

One document per case and size, extracted (``kg.extract.extract``: clean, segment, recognise,
name chooser, resolve, relate) in a fresh process; wall time of the extraction alone (start-up
and dictionary loading excluded) and the process's peak RSS. Linear extraction shows as a flat
time per character across sizes.

Cases (sizes are characters):

- ``company-x``: "有限公司" repeated; ``title-x``: "主任" repeated; ``park-x``: "高新区" repeated;
- ``enterprise-list``: a 名单公示 of distinct "青岛XXXX科技有限公司" names joined by 、;
- ``no-punct``: the seed pages without punctuation or line breaks, repeated, on one line;
- ``persons-list``, ``branch-list``, ``policies``: distinct officials with their parks and
  companies, companies with their local entities and branches, policies issued by cities
  (thousands of distinct entities in one document).

Times are CPU seconds of the extracting process (wall seconds are printed too): on a shared
machine other processes inflate wall time far more than CPU time.

    python benchmarks/bench_hostile.py                         # 10k, 30k, 100k, 300k, 1M
    python benchmarks/bench_hostile.py --sizes 10000,100000 --cases company-x,enterprise-list
    python benchmarks/bench_hostile.py --root /tmp/old-checkout --timeout 60 --out /tmp/old.md

``--root`` measures another checkout of ParkKG (its ``kg`` package is imported from there);
a size that takes longer than ``--timeout`` seconds is recorded as such and the larger sizes
of that case are not tried.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

SYL = gen_corpus.SYLLABLES


def _names(n: int, k: int = 4) -> list[str]:
    """n distinct made-up names of k place-name syllables, k + 1 once those run short
    (deterministic)."""
    out, seen, i = [], set(), 0
    while len(out) < n:
        h = hashlib.sha1(str(i).encode()).digest()
        i += 1
        if i > 4 * len(SYL) ** k:       # (there are only 87^2 = 7,569 names of two syllables)
            k, i = k + 1, 0
        x = "".join(SYL[b % len(SYL)] for b in h[:k])
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _fill(unit_chars: int, n: int, make) -> str:
    """make(count) for the count of list items that reaches n characters, cut to n."""
    count = max(1, n // unit_chars + 1)
    return make(count)[:n]


def enterprise_list(n: int) -> str:
    head = "关于2023年度青岛市高新技术企业名单的公示\n根据有关规定，现将拟认定企业名单公示如下："
    return _fill(13, n, lambda c: head + "、".join(f"青岛{x}科技有限公司" for x in _names(c)) + "。\n")


def no_punct(n: int) -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(gen_corpus.SEEDS.glob("*.txt")))
    text = re.sub(r"[\s，。；：！？、,.;:!?“”‘’《》（）()\[\]【】—…·\-]", "", text)
    return (text * (n // len(text) + 1))[:n]


def persons_list(n: int) -> str:
    sur, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"

    def make(c: int) -> str:
        out = []
        for i, x in enumerate(_names(c, 2)):
            h = hashlib.sha1(f"p{i}".encode()).digest()
            out.append(f"{x}高新区管委会主任{sur[h[0] % 10]}{given[h[1] % 20]}{given[h[2] % 20]}、"
                       f"{x}科技有限公司总经理{sur[h[3] % 10]}{given[h[4] % 20]}")
        return "出席会议的有" + "、".join(out) + "。\n"
    return _fill(28, n, make)


def branch_list(n: int) -> str:
    return _fill(42, n, lambda c: "名单如下：" + "、".join(
        f"{x}科技（青岛）有限公司、{x}科技有限公司、{x}科技有限公司青岛分公司" for x in _names(c)) + "。\n")


def policies(n: int) -> str:
    return _fill(28, n, lambda c: "".join(f"{x}市人民政府印发《关于支持{x}高新区发展的若干意见》。"
                                          for x in _names(c, 2)))


CASES = {
    "company-x": lambda n: ("有限公司" * (n // 4 + 1))[:n],
    "title-x": lambda n: ("主任" * (n // 2 + 1))[:n],
    "park-x": lambda n: ("高新区" * (n // 3 + 1))[:n],
    "enterprise-list": enterprise_list,
    "no-punct": no_punct,
    "persons-list": persons_list,
    "branch-list": branch_list,
    "policies": policies,
}

# run in a child process: import kg from ROOT, warm up, extract one document, report
CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from kg.extract import extract
from kg.model import Source
text = open(sys.argv[2], encoding="utf-8").read()
extract(Source(doc_id="w", path="w.txt", sha256="", encoding="utf-8", text="青岛高新区管委会主任张三。"))
t0, c0 = time.perf_counter(), time.process_time()
r = extract(Source(doc_id="d", path="d.txt", sha256="", encoding="utf-8", text=text))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": dt, "seconds": cpu, "entities": len(r.entities), "relations": len(r.relations),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(root: Path, text: str, timeout: float, work: Path) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    path = work / "doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        p = subprocess.run([sys.executable, "-c", CHILD, str(root), str(path)], capture_output=True,
                           text=True, timeout=timeout + 30)   # + start-up and warm-up
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    if p.returncode != 0:
        return {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}
    out = json.loads(p.stdout.strip().splitlines()[-1])
    if out["wall"] > timeout:
        out["timeout"] = True
    return out


def git_commit(root: Path) -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True).stdout.strip() or "?"
    except OSError:
        return "?"


def write_report(path: Path, rows: dict, sizes: list[int], args, root: Path) -> None:
    import psutil
    lines = ["# Extraction on hostile text", "",
             f"Machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.1f} GiB RAM, "
             f"{platform.system()} {platform.release()}, Python {platform.python_version()}  ",
             f"Date: {time.strftime('%Y-%m-%d %H:%M')}  ",
             f"Code: {root} at {git_commit(root)}  ",
             f"Command: `python benchmarks/bench_hostile.py {' '.join(sys.argv[1:])}`", "",
             "One document per cell, extracted in a fresh process (`kg.extract.extract`; start-up "
             "and dictionaries excluded). Cell: CPU seconds of the extraction / CPU microseconds "
             "per character / peak RSS (CPU time, not wall time: on a shared machine it is what "
             "other load disturbs least; the wall times are in the log the run prints). "
             f"`> T`: stopped at the time limit ({args.timeout:g} s), larger sizes not tried.", "",
             "| case | " + " | ".join(f"{s:,} chars" for s in sizes) + " | µs/char largest ÷ smallest |",
             "|---|" + "---|" * len(sizes) + "---|"]
    for case, cells in rows.items():
        out, per = [], []
        for s in sizes:
            r = cells.get(s)
            if r is None:
                out.append("—")
            elif r.get("timeout"):
                out.append(f"> {args.timeout:g} s")
            elif "error" in r:
                out.append("error: " + r["error"][:60])
            else:
                us = r["seconds"] / s * 1e6
                per.append(us)
                out.append(f"{r['seconds']:.2f} s / {us:.1f} µs / {r['rss_mb']:.0f} MB")
        ratio = f"{per[-1] / per[0]:.2f}" if len(per) >= 2 and per[0] > 0 else "—"
        lines.append(f"| {case} | " + " | ".join(out) + f" | {ratio} |")
    lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,30000,100000,300000,1000000")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per document")
    ap.add_argument("--root", type=Path, default=ROOT, help="the ParkKG checkout to measure")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "hostile.md")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = HERE / "_work" / ("hostile-" + args.out.stem)
    rows: dict[str, dict[int, dict]] = {}
    for case in args.cases.split(","):
        rows[case] = {}
        for n in sizes:
            r = measure(args.root.resolve(), CASES[case](n), args.timeout, work)
            rows[case][n] = r
            if r.get("timeout"):
                msg = f"> {args.timeout:g} s"
            elif "error" in r:
                msg = "error: " + r["error"]
            else:
                msg = (f"cpu {r['seconds']:.2f} s  wall {r['wall']:.2f} s  {r['seconds'] / n * 1e6:.1f} µs/char  "
                       f"{r['rss_mb']:.0f} MB  entities {r['entities']}  relations {r['relations']}")
            print(f"{case:16} {n:>9,}  {msg}", flush=True)
            write_report(args.out, rows, sizes, args, args.root.resolve())
            if r.get("timeout") or "error" in r:
                break


if __name__ == "__main__":
    main()
