"""Benchmark of the HTML view: write_view time and page size for a generated graph of 2,000
entities (and 5,000, capped to the 2,000 most connected), then, in headless Chromium with the
network blocked, the time from navigation until the layout is drawn and the page is ready.

    .venv/bin/python benchmarks/bench_view.py [--entities 2000 5000] [--no-browser]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kg.network import load_network          # noqa: E402
from kg.view import layout, write_view      # noqa: E402
from synthetic_graph import make            # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_times(html: Path) -> dict:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 900})
        blocked: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else (blocked.append(r.request.url), r.abort()))
        t0 = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=120000)
        wall = time.perf_counter() - t0
        t = page.evaluate("() => kgView.state.timing")
        nodes = page.evaluate("() => kgView.nodeCount()")
        b.close()
    return {"ready_s": wall, "script_s": (t["ready"] - t["start"]) / 1000,
            "renderer_s": (t["renderer"] - t["parsed"]) / 1000, "nodes": nodes,
            "blocked": len(blocked)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, nargs="*", default=[2000, 5000])
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.entities:
            ttl = Path(tmp) / f"g{n}.ttl"
            syn = make(n, seed=0)
            ttl.write_text(syn.ttl, encoding="utf-8")
            t0 = time.perf_counter()
            G = load_network(ttl)
            t1 = time.perf_counter()
            layout(G.subgraph(sorted(G, key=lambda v: -G.nodes[v]["degree"])[:2000]))
            t2 = time.perf_counter()
            html = Path(tmp) / f"g{n}.html"
            info = write_view(ttl, html)
            t3 = time.perf_counter()
            print(f"{n:>6} entities {info.total_edges:>6} relations | load {t1 - t0:5.2f}s "
                  f"layout {t2 - t1:5.2f}s write_view {t3 - t2:5.2f}s | shown {info.nodes} nodes "
                  f"{info.edges} edges | html {info.bytes / 1e6:5.2f} MB")
            if not args.no_browser and os.path.exists(CHROMIUM):
                b = browser_times(html)
                print(f"{'':>6} browser: ready {b['ready_s']:5.2f}s after navigation "
                      f"(script {b['script_s']:.2f}s, renderer {b['renderer_s']:.2f}s), "
                      f"{b['nodes']} nodes drawn, {b['blocked']} network requests")
    print(f"cpus {os.cpu_count()}  load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
