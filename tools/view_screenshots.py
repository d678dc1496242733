"""The screenshots of the network view in docs/, taken in headless Chromium (1400×900).

    .venv/bin/python tools/view_screenshots.py --seeds OUT [--real OUT] [--archive OUT]

OUT: a `kg build` folder (graph.ttl + graph.html): the seeds; news2023/park (the page is drawn
again with every entity, `kg viz --max-nodes 5000`); the 10,000-article benchmark (the build's
own page, with its note of what is left out). Writes docs/view-*.png.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shoot(browser, html: Path, name: str, steps: list[str] = ()) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(html.resolve().as_uri())
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=120_000)
    for js in steps:
        page.evaluate(js)
        page.wait_for_timeout(700)          # camera animations, then the full frame at rest
    page.wait_for_timeout(300)
    page.screenshot(path=str(DOCS / name))
    page.close()
    print("wrote", DOCS / name)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, required=True)
    ap.add_argument("--real", type=Path)
    ap.add_argument("--archive", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        seeds = args.seeds / "graph.html"
        shoot(b, seeds, "view-seeds.png")
        shoot(b, seeds, "view-seeds-investments.png", [
            "() => kgView.search('青岛高新区', true)"])
        if args.real:
            html = args.real / "view-all.html"
            subprocess.run([sys.executable, "-m", "kg", "viz", "--out", str(args.real),
                            "--max-nodes", "5000", "-o", str(html)], check=True)
            shoot(b, html, "view-news2023-park.png")
            shoot(b, html, "view-news2023-park-zones.png", ["() => kgView.colourBy('zone')"])
            shoot(b, html, "view-news2023-park-search.png", [
                """() => { const hub = kgView.data.nodes.filter(n => n.cls === 'Park')
                     .sort((a, b) => b.kg.degree - a.kg.degree)[0];
                     return kgView.search(hub.label, true); }"""])
        if args.archive:
            shoot(b, args.archive / "graph.html", "view-archive-10000.png")
            shoot(b, args.archive / "graph.html", "view-archive-10000-zones.png",
                  ["() => kgView.colourBy('zone')"])
        b.close()


if __name__ == "__main__":
    main()
