#!/usr/bin/env python3
"""Measure `kg build` against jieba on generated corpora; write benchmarks/results/build.md.

For each N (default 100, 1,000, 10,000 articles from gen_corpus.py), in one run:

- ``kg build --force --no-store --no-view`` in a fresh output directory: wall time,
  characters/s, peak RSS (the build process; and the sum over its process tree with workers);
  the per-stage seconds the build reports (plan, extract, resolve, write);
- the same text through ``jieba.posseg.cut``, ``jieba.cut`` and ``rjieba.cut`` alone (each in its
  own process, dictionary loading excluded) — references; ratio build / posseg is the figure
  we steer by (target <= 1.0);
- ``--workers 2`` on the same corpus (fresh directory): speed-up, and graph.ttl byte-identical;
- a no-op rebuild (everything cached) and the full default build (store + view) on top of it;
- the scaling exponent b of time = a * N^b over the sizes measured.

    python benchmarks/bench_build.py                       # 100, 1000, 10000
    python benchmarks/bench_build.py --sizes 100,1000 --tiny 20000
    python benchmarks/bench_build.py --stages 1000         # per-stage profile of the extractor
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
sys.path.insert(0, str(HERE))

import gen_corpus  # noqa: E402

PY = sys.executable


# --- measuring a child process ------------------------------------------------------------

def run_measured(cmd: list[str], cwd: Path = ROOT, env=None) -> dict:
    """Run cmd; wall time, peak RSS of the main process and of its whole tree (sampled)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    peak_main = peak_tree = 0
    stop = threading.Event()

    def sample():
        nonlocal peak_main, peak_tree
        try:
            p = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            try:
                main = p.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in p.children(recursive=True))
            except psutil.Error:
                tree = main = 0
            peak_main = max(peak_main, main)
            peak_tree = max(peak_tree, tree)
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return {"wall": wall, "rss_main": peak_main, "rss_tree": peak_tree, "stdout": out, "stderr": err}


def parse_summary(stdout: str) -> dict:
    """Figures from the `kg build` summary."""
    d: dict = {}
    m = re.search(r"characters ([\d,]+)\s+triples ([\d,]+)", stdout)
    if m:
        d["chars"] = int(m.group(1).replace(",", ""))
        d["triples"] = int(m.group(2).replace(",", ""))
    m = re.search(r"^entities .* total (\d+)", stdout, re.M)
    if m:
        d["entities"] = int(m.group(1))
    m = re.search(r"^relations .* total (\d+)", stdout, re.M)
    if m:
        d["relations"] = int(m.group(1))
    m = re.search(r"^documents\s+(\d+)\s+\(skipped (\d+)\)", stdout, re.M)
    if m:
        d["docs"], d["skipped"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"^time\s+([\d.]+)s\s+\((.*)\)", stdout, re.M)
    if m:
        d["total"] = float(m.group(1))
        d["stages"] = {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)s", m.group(2))}
    return d


#: where `python -m kg` runs: the repository, or a snapshot of its last commit (--snapshot),
#: so that edits made while a long run goes on neither mix versions nor empty the cache
KG_CWD = ROOT


def snapshot() -> Path:
    """Export HEAD's kg/ (and seeds/) to _work/snap: a fixed version for the whole run."""
    snap = WORK / "snap"
    subprocess.run(["rm", "-rf", str(snap)], check=True)
    snap.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD", "kg", "seeds", "ontology"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(snap)], input=archive, check=True)
    return snap


def kg_build(corpus: Path, out: Path, *extra: str) -> dict:
    cmd = [PY, "-m", "kg", "build", str(corpus), "--out", str(out), *extra]
    # The previous build's output (a 180 MB graph, a store) may still be on its way to disk:
    # flushed now, its write-back does not land in this build's time.
    os.sync()
    time.sleep(1)
    r = run_measured(cmd, cwd=KG_CWD)
    r.update(parse_summary(r["stdout"]))
    return r


# --- jieba references ---------------------------------------------------------------------

_REF = r"""
import sys, time, os
from pathlib import Path
files = sorted(p for p in Path(sys.argv[2]).rglob("*.txt"))
texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
n = sum(len(t) for t in texts)
kind = sys.argv[1]
if kind == "posseg":
    import jieba, jieba.posseg as pseg
    jieba.setLogLevel(60); jieba.initialize()
    t = time.perf_counter()
    for x in texts:
        for _ in pseg.cut(x):
            pass
elif kind == "cut":
    import jieba
    jieba.setLogLevel(60); jieba.initialize()
    t = time.perf_counter()
    for x in texts:
        for _ in jieba.cut(x):
            pass
elif kind == "rjieba":
    import rjieba
    rjieba.cut("初始化")
    t = time.perf_counter()
    for x in texts:
        rjieba.cut(x)
print(n, time.perf_counter() - t)
"""


def reference(kind: str, corpus: Path) -> dict:
    r = subprocess.run([PY, "-c", _REF, kind, str(corpus)], capture_output=True, text=True, check=True)
    n, secs = r.stdout.split()
    return {"chars": int(n), "secs": float(secs)}


# --- per-stage profile --------------------------------------------------------------------

def stage_profile(corpus: Path) -> dict:
    """Seconds per extraction stage over a corpus, in this process (see kg.extract)."""
    code = r"""
import sys, time, json
from pathlib import Path
from kg.load import load_source, find_files, assign_doc_ids
import kg.extract as ex
files = find_files([sys.argv[1]]); ids = assign_doc_ids(files)
t = time.perf_counter(); srcs = [load_source(f, ids[f]) for f in files]; load = time.perf_counter() - t
cfg = ex.ExtractConfig()
prof = getattr(ex, "profile", None)
ex.extract(srcs[0], cfg)
if prof is None:
    t = time.perf_counter(); res = [ex.extract(s, cfg) for s in srcs]; stages = {"extract": time.perf_counter() - t}
else:
    stages = prof(srcs, cfg)
    res = [ex.extract(s, cfg) for s in srcs]
from kg.extract.resolve import resolve_corpus
t = time.perf_counter(); corpus = resolve_corpus(res); stages["resolve"] = time.perf_counter() - t
from kg.graph import write_turtle
import tempfile, os
d = tempfile.mkdtemp()
t = time.perf_counter(); write_turtle(corpus, Path(d) / "g.ttl"); stages["write"] = time.perf_counter() - t
stages = {"load": load, **stages}
print(json.dumps({"chars": sum(len(s.text) for s in srcs), "stages": stages}))
"""
    r = subprocess.run([PY, "-c", code, str(corpus)], capture_output=True, text=True, cwd=KG_CWD)
    if r.returncode:
        return {"error": r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed"}
    return json.loads(r.stdout.strip().splitlines()[-1])


# --- machine ------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil
        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        ram = "?"
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{ncpu} CPUs ({cpu}), {ram} RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def mb(b: int) -> str:
    return f"{b / 2**20:,.0f} MB"


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the run ------------------------------------------------------------------------------

def bench_size(n: int, workers: int, log) -> dict:
    corpus = WORK / f"corpus_{n}"
    if not corpus.exists():
        gen_corpus.generate(n, corpus)
    row: dict = {"n": n}
    out1, out2 = WORK / f"out_{n}_w1", WORK / f"out_{n}_w{workers}"
    for d in (out1, out2):
        subprocess.run(["rm", "-rf", str(d)], check=True)
    log(f"N={n}: build (1 worker)")
    row["build"] = kg_build(corpus, out1, "--force", "--no-store", "--no-view", "--workers", "1")
    # the two timed builds back to back, so that a slow spell of a shared machine hits both
    log(f"N={n}: build ({workers} workers)")
    row["par"] = kg_build(corpus, out2, "--force", "--no-store", "--no-view",
                          "--workers", str(workers))
    log(f"N={n}: no-op rebuild")
    row["noop"] = kg_build(corpus, out1, "--no-store", "--no-view", "--workers", "1")
    row["chars"] = row["noop"].get("chars")
    log(f"N={n}: full default build (store + view) on the cache")
    row["full"] = kg_build(corpus, out1, "--workers", "1")
    row["identical"] = sha(out1 / "graph.ttl") == sha(out2 / "graph.ttl")
    for kind in ("posseg", "cut", "rjieba"):
        log(f"N={n}: reference {kind}")
        row[kind] = reference(kind, corpus)
    return row


def bench_tiny(n: int, workers: int, log) -> dict:
    corpus = WORK / f"tiny_{n}"
    if not corpus.exists():
        gen_corpus.generate(n, corpus, tiny=True)
    out = WORK / f"out_tiny_{n}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    log(f"tiny N={n}: build")
    r = {"n": n, "build": kg_build(corpus, out, "--force", "--no-store", "--no-view",
                                   "--workers", str(workers))}
    log(f"tiny N={n}: no-op rebuild")
    r["noop"] = kg_build(corpus, out, "--no-store", "--no-view")
    r["chars"] = r["noop"].get("chars")
    return r


def report(rows: list[dict], tiny: dict | None, stages: dict | None, workers: int) -> str:
    L = [f"# `kg build` benchmark", "",
         f"Machine: {machine()}  ", f"Date: {time.strftime('%Y-%m-%d %H:%M')}  ",
         f"Commit: {git_head()}" + (" (snapshot of the commit)" if KG_CWD != ROOT else " (working tree)"), "",
         "Corpus: `benchmarks/gen_corpus.py` (seed pages cut into ~1.7k-character articles, "
         "place/company name prefixes rewritten per variant). Build = `kg build --force --no-store "
         "--no-view --workers 1` in a fresh directory, wall time of the whole command (start-up included). "
         "References: the same text through the tokenizer alone, dictionary load excluded.", "",
         "| N | chars | build s | build chars/s | peak RSS | posseg s | build/posseg | jieba.cut s | rjieba s "
         f"| build -j{workers} s | speed-up | identical | no-op rebuild s | no-op / build | entities | relations | triples |",
         "|---" * 17 + "|"]
    for r in rows:
        b, p = r["build"], r["par"]
        chars = r.get("chars") or 0
        L.append("| {n:,} | {c:,} | {bw:.1f} | {rate:,.0f} | {rss} | {ps:.1f} | **{ratio:.2f}** | {cut:.1f} | "
                 "{rj:.2f} | {pw:.1f} | {sp:.2f}× | {ident} | {nw:.1f} | {nr:.0%} | {e:,} | {rel:,} | {t:,} |".format(
                     n=r["n"], c=chars, bw=b["wall"], rate=chars / b["wall"], rss=mb(b["rss_main"]),
                     ps=r["posseg"]["secs"], ratio=b["wall"] / r["posseg"]["secs"],
                     cut=r["cut"]["secs"], rj=r["rjieba"]["secs"], pw=p["wall"], sp=b["wall"] / p["wall"],
                     ident="yes" if r["identical"] else "**NO**", nw=r["noop"]["wall"],
                     nr=r["noop"]["wall"] / b["wall"], e=r["noop"].get("entities", 0),
                     rel=r["noop"].get("relations", 0), t=r["noop"].get("triples", 0)))
    L += ["", "Stage seconds as the build reports them (1 worker; plan = stat/hash/cache lookup):", "",
          "| N | plan | extract | resolve | write | -j2 extract | peak RSS -j2 (tree) | no-op: plan / resolve / write | full build s (store, view) |",
          "|---" * 9 + "|"]
    for r in rows:
        s, sp, sn, f = r["build"].get("stages", {}), r["par"].get("stages", {}), r["noop"].get("stages", {}), r["full"]
        fs = f.get("stages", {})
        L.append(f"| {r['n']:,} | {s.get('plan', 0):.2f} | {s.get('extract', 0):.2f} | {s.get('resolve', 0):.2f} | "
                 f"{s.get('write', 0):.2f} | {sp.get('extract', 0):.2f} | {mb(r['par']['rss_tree'])} | "
                 f"{sn.get('plan', 0):.2f} / {sn.get('resolve', 0):.2f} / {sn.get('write', 0):.2f} | "
                 f"{f['wall']:.1f} ({fs.get('store', 0):.1f}, {fs.get('view', 0):.1f}) |")
    pts = [(r["n"], r["build"]["wall"]) for r in rows]
    ex = fit_exponent(pts)
    ex_core = fit_exponent([(r["n"], sum(r["build"].get("stages", {}).get(k, 0) for k in
                                         ("plan", "extract", "resolve", "write"))) for r in rows])
    L += ["", f"Scaling: time ∝ N^b with b = {ex:.2f} (wall) / {ex_core:.2f} (pipeline stages only), "
              f"fitted over N = {', '.join(str(r['n']) for r in rows)}." if ex and ex_core else ""]
    if tiny:
        b = tiny["build"]
        L += ["", f"Many tiny files: {tiny['n']:,} one-line files ({tiny.get('chars') or 0:,} chars), "
                  f"`-j{workers}`: build {b['wall']:.1f} s ({tiny['n'] / b['wall']:,.0f} files/s), peak RSS "
                  f"{mb(b['rss_main'])} (tree {mb(b['rss_tree'])}); no-op rebuild {tiny['noop']['wall']:.1f} s."]
    if stages:
        L += ["", f"Per-stage profile of the extractor in one process over N = {stages['n']:,} "
                  f"({stages.get('chars', 0):,} chars):", ""]
        if "error" in stages:
            L.append(f"(failed: {stages['error']})")
        else:
            tot = sum(stages["stages"].values())
            L += ["| stage | seconds | share | chars/s |", "|---|---|---|---|"]
            for k, v in stages["stages"].items():
                L.append(f"| {k} | {v:.2f} | {v / tot:.0%} | {stages['chars'] / v:,.0f} |" if v > 0 else f"| {k} | 0 | | |")
    return "\n".join(L) + "\n"


def git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
    except OSError:
        return "?"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Benchmark kg build (see benchmarks/README.md).")
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tiny", type=int, default=0, help="also build this many one-line files")
    ap.add_argument("--stages", type=int, default=1000, help="per-stage profile over this N (0: skip)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "build.md")
    ap.add_argument("--json", type=Path, default=None, help="also dump raw figures here")
    ap.add_argument("--snapshot", action="store_true",
                    help="run the last commit's kg/ (exported to _work/snap), not the working tree")
    args = ap.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    global KG_CWD
    if args.snapshot:
        KG_CWD = snapshot()

    def log(msg):
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    rows = []
    for n in [int(x) for x in args.sizes.split(",") if x]:
        rows.append(bench_size(n, args.workers, log))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report(rows, None, None, args.workers), encoding="utf-8")  # partial results
    tiny = bench_tiny(args.tiny, args.workers, log) if args.tiny else None
    stages = None
    if args.stages:
        log(f"stage profile N={args.stages}")
        corpus = WORK / f"corpus_{args.stages}"
        if not corpus.exists():
            gen_corpus.generate(args.stages, corpus)
        stages = {"n": args.stages, **stage_profile(corpus)}
    text = report(rows, tiny, stages, args.workers)
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        strip = lambda d: {k: v for k, v in d.items() if k not in ("stdout", "stderr")} if isinstance(d, dict) else d
        args.json.write_text(json.dumps([{k: strip(v) for k, v in r.items()} for r in rows], indent=1))
    print(text)


if __name__ == "__main__":
    main()
