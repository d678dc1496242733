"""The view of real builds: how long `kg build` takes to write it, how long Chromium takes to
make it interactive, whether it is legible at fit-to-screen, and how smoothly it pans and zooms.

For each corpus (default: the 10,000-article benchmark of gen_corpus.py, and news2023/park):
  1. a build with a warm cache exists (`kg build CORPUS --out OUT --no-store`; the first run
     extracts everything, which takes minutes);
  2. graph.ttl is removed and the same command runs again: every document comes from the cache,
     the graph is resolved and written again, and the view is drawn from the graph in memory —
     the `view` seconds it reports are the figure (network from the corpus, selection, layout,
     page); the whole command's wall time is given too;
  3. `kg viz` of the graph.ttl written, for comparison (it reads the Turtle back);
  4. graph.html in headless Chromium, network blocked: seconds from navigation until the page is
     interactive (body[data-ready]: data parsed, renderer built, first frame drawn), discs
     overlapping another at fit-to-screen, median disc radius, labels drawn, and frame times
     while the camera moves every frame (as bench_renderer.py).

    .venv/bin/python benchmarks/bench_view.py [--corpus DIR ...] [--max-nodes N]

Writes benchmarks/results/view-builds.md.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from bench_renderer import ARGS, CHROMIUM, FRAMES  # noqa: E402

KG = [sys.executable, "-m", "kg"]
WORK = ROOT / "benchmarks" / "_work"
ARCHIVE = WORK / "corpus_10000"
REAL = ROOT.parent / "shared" / "corpus" / "news2023" / "park"


def run(cmd: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if p.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stdout}\n{p.stderr}")
    return time.perf_counter() - t, p.stdout + p.stderr


def page_figures(html: Path) -> dict:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 900})
        blocked: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else (blocked.append(r.request.url), r.abort()))
        t0 = time.perf_counter()
        page.goto(html.as_uri(), timeout=600_000)
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=600_000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        ready = time.perf_counter() - t0
        fit = page.evaluate("""() => {
            const pos = Object.values(kgView.screenPositions()), n = pos.length;
            // overlapping discs, on a grid of cells as wide as the biggest disc
            const cell = Math.max(4, 2 * Math.max(...pos.map(p => p.r))), grid = new Map();
            pos.forEach((p, i) => { const k = Math.floor(p.x / cell) + ',' + Math.floor(p.y / cell);
                                    if (!grid.has(k)) grid.set(k, []); grid.get(k).push(i); });
            const crowded = new Set();
            pos.forEach((p, i) => { const gx = Math.floor(p.x / cell), gy = Math.floor(p.y / cell);
              for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++)
                for (const j of grid.get((gx + dx) + ',' + (gy + dy)) || [])
                  if (j > i) { const q = pos[j];
                    if ((p.x - q.x) ** 2 + (p.y - q.y) ** 2 < (p.r + q.r) ** 2 - 1e-6) { crowded.add(i); crowded.add(j); } } });
            const r = pos.map(p => p.r).sort((a, b) => a - b);
            const t = kgView.state.timing;
            return {nodes: n, edges: kgView.edgeCount(), crowded: crowded.size, median_r: r[Math.floor(n / 2)],
                    labels: kgView.labelBoxes().length, script_s: (t.ready - t.start) / 1000,
                    total: kgView.data.meta.totalNodes, left_out: kgView.data.meta.leftOutNodes,
                    banner: !document.getElementById('kg-banner').hidden}; }""")
        page.evaluate("""() => { const r = kgView.renderer, h = r.getState(), w = r.bounds.x1 - r.bounds.x0;
            window.move = (z, pan) => r.setState({ratio: h.ratio * z, x: h.x + pan * 0.2 * w, y: h.y});
            window.drawMs = () => r.stats.ms; }""")
        frames = page.evaluate(FRAMES, 60)
        b.close()
    return {"ready_s": ready, "blocked": len(blocked), **fit, **frames}


def bench(corpus: Path, out: Path, max_nodes: int | None) -> dict:
    extra = ["--max-nodes", str(max_nodes)] if max_nodes else []
    if not (out / "graph.ttl").exists():
        print(f"first build of {corpus} (extracts everything) …", flush=True)
        run(KG + ["build", str(corpus), "--out", str(out), "--no-store", "--no-view"])
    (out / "graph.ttl").unlink()
    wall, text = run(KG + ["build", str(corpus), "--out", str(out), "--no-store"])
    m = re.search(r"view ([\d.]+)s", text)
    docs = re.search(r"documents\s+([\d,]+)", text).group(1)
    ents = re.search(r"total ([\d,]+)\n", text).group(1)
    viz, _ = run(KG + ["viz", "--out", str(out), "-o", str(out / "viz.html")] + extra)
    # the build's own page; with --max-nodes, the page kg viz drew with it
    fig = page_figures(out / ("viz.html" if max_nodes else "graph.html"))
    return {"corpus": corpus, "docs": docs, "entities": ents, "view_s": float(m.group(1)),
            "build_s": wall, "viz_s": viz, **fig}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, nargs="*", default=[ARCHIVE, REAL])
    ap.add_argument("--max-nodes", type=int,
                    help="kg viz --max-nodes, and measure that page instead of the build's")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "view-builds.md")
    args = ap.parse_args()
    if ARCHIVE in args.corpus and not ARCHIVE.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), "10000",
                        str(ARCHIVE)], check=True)
    load = os.getloadavg()[0]
    rows = []
    for corpus in args.corpus:
        r = bench(corpus, WORK / f"view-{corpus.name}", args.max_nodes)
        rows.append(r)
        print(r, flush=True)
    lines = ["# The view of real builds (`benchmarks/bench_view.py`)", "",
             f"{os.cpu_count()} CPUs, load average {load:.1f} at the start (a shared machine). "
             "View = the `view` seconds `kg build` reports when it resolves and writes the graph "
             "again from a warm cache (network from the corpus in memory + selection + layout + "
             "page); `kg viz` = the same page drawn from graph.ttl (reads the Turtle back). "
             "Interactive = Chromium navigation until the page is ready (data parsed, renderer "
             "built, first frame). Crowded = discs overlapping another at fit-to-screen. Frames: "
             "90 animation frames while the camera zooms and pans.", "",
             "| corpus | documents | entities | shown | build s | view s | kg viz s | interactive s | "
             "crowded | median radius px | labels | frame median / p95 ms | draw median ms | left out | network requests |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(
            f"| {r['corpus'].name}{' (kg viz --max-nodes %d)' % args.max_nodes if args.max_nodes else ''} | {r['docs']} | {r['entities']} | {r['nodes']:,} | {r['build_s']:.1f} | "
            f"**{r['view_s']:.2f}** | {r['viz_s']:.1f} | **{r['ready_s']:.2f}** | {r['crowded']} | "
            f"{r['median_r']:.2f} | {r['labels']} | {r['median']:.1f} / {r['p95']:.1f} | "
            f"{r['draw']:.1f} | {r['left_out']:,}{' (banner)' if r['banner'] else ''} | {r['blocked']} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
