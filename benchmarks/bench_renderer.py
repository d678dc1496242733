"""vis-network (what pyvis emits; physics off, positions given) against sigma.js + graphology
(WebGL), and the page kg/view.py writes, at 2,000, 10,000 and 50,000 nodes, in headless
Chromium (Debian's, software WebGL: SwiftShader — a laptop GPU does better, a CPU-only
server about this).

For each size: a random graph of hubs with leaves (about one edge per node) with precomputed
positions; the page is opened from file://, then the camera is moved every frame for 90 frames
(zoom in, pan, zoom out) and the intervals between animation frames are recorded. Reported:
time until the first frame is drawn, median and 95th-percentile frame interval.

    .venv/bin/python benchmarks/bench_renderer.py [--sizes 2000 10000 50000]

Writes benchmarks/results/view.md (the renderer table; bench_view.py adds the write times).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

FRAMES = """async (move) => {
  const times = [];
  await new Promise(done => {
    let i = 0;
    function step(t) {
      times.push(t);
      if (i >= 90) return done();
      const k = i < 30 ? i : i < 60 ? 30 : 90 - i;            // zoom in, pan, zoom out
      move(Math.pow(0.93, k), i < 30 ? 0 : i < 60 ? (i - 30) / 30 : 1);
      i++;
      requestAnimationFrame(step);
    }
    requestAnimationFrame(step);
  });
  const d = times.slice(1).map((t, j) => t - times[j]).sort((a, b) => a - b);
  return {median: d[Math.floor(d.length / 2)], p95: d[Math.floor(d.length * 0.95)], max: d[d.length - 1]};
}"""


def graph(n: int, seed: int = 1):
    rnd = random.Random(seed)
    hubs = max(1, n // 25)
    pos, edges = [], []
    side = math.sqrt(n) * 12
    for h in range(hubs):
        pos.append((rnd.uniform(0, side), rnd.uniform(0, side)))
    for i in range(hubs, n):
        h = rnd.randrange(hubs)
        a, r = rnd.uniform(0, 2 * math.pi), rnd.uniform(4, 30)
        pos.append((pos[h][0] + r * math.cos(a), pos[h][1] + r * math.sin(a)))
        edges.append((i, h))
        if rnd.random() < 0.15:
            edges.append((i, rnd.randrange(hubs)))
    return pos, edges


def vis_page(pos, edges) -> str:
    lib = resources.files("pyvis") / "lib"
    d = sorted(p for p in lib.iterdir() if p.name.startswith("vis-"))[-1]
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    nodes = [{"id": i, "x": x, "y": y, "size": 4, "shape": "dot"} for i, (x, y) in enumerate(pos)]
    es = [{"from": a, "to": b} for a, b in edges]
    return f"""<!DOCTYPE html><html><body style="margin:0"><div id="g" style="width:1100px;height:800px"></div>
<script>{js}</script><script>
const t0 = performance.now();
const net = new vis.Network(document.getElementById('g'),
  {{nodes: new vis.DataSet({json.dumps(nodes)}), edges: new vis.DataSet({json.dumps(es)})}},
  {{physics: {{enabled: false}}, layout: {{improvedLayout: false}}, edges: {{smooth: false, arrows: {{to: {{enabled: true, scaleFactor: 0.4}}}}}},
   interaction: {{hideEdgesOnDrag: false, hideEdgesOnZoom: false}}}});
net.once('afterDrawing', () => {{ window.firstFrame = performance.now() - t0; }});
net.fit({{animation: false}});
const s0 = net.getScale(), c0 = net.getViewPosition();
window.move = (z, pan) => net.moveTo({{scale: s0 / z, position: {{x: c0.x + pan * 200, y: c0.y}}, animation: false}});
</script></body></html>"""


def sigma_page(pos, edges) -> str:
    static = resources.files("kg") / "static"
    g = (static / "graphology.umd.min.js").read_text(encoding="utf-8")
    s = (static / "sigma.min.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html><html><body style="margin:0"><div id="g" style="width:1100px;height:800px"></div>
<script>{g}</script><script>{s}</script><script>
const t0 = performance.now();
const pos = {json.dumps([[round(x, 1), round(y, 1)] for x, y in pos])}, edges = {json.dumps(edges)};
const graph = new graphology.MultiDirectedGraph();
pos.forEach((p, i) => graph.addNode(String(i), {{x: p[0], y: p[1], size: 4, color: '#1565c0'}}));
edges.forEach((e, j) => graph.addEdgeWithKey('e' + j, String(e[0]), String(e[1]), {{color: '#7cb342', size: 1, type: 'arrow'}}));
const r = new Sigma(graph, document.getElementById('g'), {{renderLabels: false, itemSizesReference: 'positions', zoomToSizeRatioFunction: x => x}});
r.once('afterRender', () => {{ window.firstFrame = performance.now() - t0; }});
r.refresh();
const cam = r.getCamera();
window.move = (z, pan) => cam.setState({{ratio: z, x: 0.5 + pan * 0.2, y: 0.5}});
</script></body></html>"""


def measure(browser, html: Path, kg_page: bool = False) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    t0 = time.perf_counter()
    page.goto(html.as_uri())
    if kg_page:
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=300000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        wall = time.perf_counter() - t0
        page.evaluate("""() => { const cam = kgView.renderer.getCamera(), h = cam.getState();
            window.move = (z, pan) => cam.setState({ratio: h.ratio * z, x: h.x + pan * 0.2, y: h.y}); }""")
    else:
        page.wait_for_function("() => window.firstFrame !== undefined", timeout=300000)
        wall = time.perf_counter() - t0
    frames = page.evaluate(FRAMES.replace("move(", "window.move("))
    page.close()
    return {"ready_s": wall, **frames}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000, 50000])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "view.md")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from kg.view import write_view
    from synthetic_graph import make
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.sizes:
            pos, edges = graph(n)
            for name, make_page in (("vis-network 9 (pyvis), physics off", vis_page),
                                    ("sigma.js 3 + graphology (WebGL)", sigma_page)):
                html = Path(tmp) / f"{re.sub(r'[^a-z]', '', name)}{n}.html"
                html.write_text(make_page(pos, edges), encoding="utf-8")
                m = measure(b, html)
                rows.append((n, len(edges), name, m))
                print(n, name, {k: round(v, 3) for k, v in m.items()}, flush=True)
            # the page kg writes (labels, panel, reducers), on a synthetic ParkKG graph
            ttl = Path(tmp) / f"g{n}.ttl"
            ttl.write_text(make(n, seed=0).ttl, encoding="utf-8")
            html = Path(tmp) / f"kg{n}.html"
            t = time.perf_counter()
            info = write_view(ttl, html, max_nodes=n)
            w = time.perf_counter() - t
            m = measure(b, html, kg_page=True)
            rows.append((info.nodes, info.edges, f"kg page (write_view {w:.1f} s)", m))
            print(n, "kg page", info.nodes, {k: round(v, 3) for k, v in m.items()}, flush=True)
        b.close()
    lines = ["# The view's renderer: vis-network against sigma.js", "",
             "`benchmarks/bench_renderer.py`, headless Debian Chromium (software WebGL, SwiftShader), "
             f"1400×900 window, {__import__('os').cpu_count()} CPUs. Frame = interval between animation "
             "frames while the camera moves every frame (90 frames: zoom in, pan, zoom out). "
             "Ready = navigation until the first frame is drawn.", "",
             "| nodes | edges | renderer | ready s | frame median ms | frame p95 ms | frame max ms |",
             "|---:|---:|---|---:|---:|---:|---:|"]
    for n, e, name, m in rows:
        lines.append(f"| {n:,} | {e:,} | {name} | {m['ready_s']:.2f} | {m['median']:.1f} | "
                     f"{m['p95']:.1f} | {m['max']:.1f} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
