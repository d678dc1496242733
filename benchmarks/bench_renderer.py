"""The view's renderer against the alternatives, at 2,000, 10,000 and 50,000 nodes, in headless
Chromium (Debian's; no GPU: WebGL is rasterised in software by SwiftShader, Canvas 2D by Skia
on the CPU — what a server or a laptop without GPU acceleration in the browser gets).

Renderers: vis-network (what pyvis emits; physics off, positions given), sigma.js + graphology
(WebGL) with its defaults and tuned (point nodes, line edges, edges hidden while moving),
KGCanvas (kg/templates/render.js, the view's own Canvas 2D renderer) with every frame drawn
in full and as the view uses it (simplified while moving when a full frame would not fit),
and the page kg writes (KGCanvas plus labels, panel, filters) on a synthetic ParkKG graph.

For each size: a random graph of hubs with leaves (about 1.15 edges per node) with positions
given; the page is opened from file://, then the camera is moved every frame for 90 frames
(zoom in, pan, zoom out) and the intervals between animation frames are recorded. A run that
has not finished its 90 frames after --cap seconds stops there (the row says how many frames it
got). Reported: time until the first frame is drawn, median / 95th percentile / max frame
interval, and for KGCanvas the median time its own drawing took in a frame.

    .venv/bin/python benchmarks/bench_renderer.py [--sizes 2000 10000 50000] [--cap 60]

Needs the bench extra (pyvis for vis-network): pip install -e '.[bench]'.

Writes benchmarks/results/renderer.md.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import random
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
VENDOR = ROOT / "benchmarks" / "vendor"

FRAMES = """async (cap) => {
  const times = [], drawn = [], t0 = performance.now();
  await new Promise(done => {
    let i = 0;
    function step(t) {
      times.push(t);
      if (window.drawMs) drawn.push(window.drawMs());
      if (i >= 90 || t - t0 > cap * 1000) return done();
      const k = i < 30 ? i : i < 60 ? 30 : 90 - i;            // zoom in, pan, zoom out
      window.move(Math.pow(0.93, k), i < 30 ? 0 : i < 60 ? (i - 30) / 30 : 1);
      i++;
      requestAnimationFrame(step);
    }
    requestAnimationFrame(step);
  });
  const d = times.slice(1).map((t, j) => t - times[j]).sort((a, b) => a - b);
  drawn.sort((a, b) => a - b);
  return {frames: d.length, median: d[Math.floor(d.length / 2)], p95: d[Math.floor(d.length * 0.95)],
          max: d[d.length - 1], draw: drawn.length ? drawn[Math.floor(drawn.length / 2)] : null};
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


def _data(pos, edges) -> str:
    return (f"const pos = {json.dumps([[round(x, 1), round(y, 1)] for x, y in pos])}, "
            f"edges = {json.dumps(edges)};")


def vis_page(pos, edges) -> str:
    lib = resources.files("pyvis") / "lib"
    d = sorted(p for p in lib.iterdir() if p.name.startswith("vis-"))[-1]
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html><html><body style="margin:0"><div id="g" style="width:1100px;height:800px"></div>
<script>{js}</script><script>
const t0 = performance.now();
{_data(pos, edges)}
const net = new vis.Network(document.getElementById('g'),
  {{nodes: new vis.DataSet(pos.map((p, i) => ({{id: i, x: p[0], y: p[1], size: 4, shape: 'dot'}}))),
    edges: new vis.DataSet(edges.map(e => ({{from: e[0], to: e[1]}})))}},
  {{physics: {{enabled: false}}, layout: {{improvedLayout: false}}, edges: {{smooth: false, arrows: {{to: {{enabled: true, scaleFactor: 0.4}}}}}},
   interaction: {{hideEdgesOnDrag: false, hideEdgesOnZoom: false}}}});
net.once('afterDrawing', () => {{ window.firstFrame = performance.now() - t0; }});
net.fit({{animation: false}});
const s0 = net.getScale(), c0 = net.getViewPosition();
window.move = (z, pan) => net.moveTo({{scale: s0 / z, position: {{x: c0.x + pan * 200, y: c0.y}}, animation: false}});
</script></body></html>"""


def sigma_page(pos, edges, tuned: bool = False) -> str:
    g = (VENDOR / "graphology.umd.min.js").read_text(encoding="utf-8")
    s = (VENDOR / "sigma.min.js").read_text(encoding="utf-8")
    extra = ("defaultNodeType: 'point', defaultEdgeType: 'line', "
             "nodeProgramClasses: {point: Sigma.rendering.NodePointProgram}, "
             "edgeProgramClasses: {line: Sigma.rendering.EdgeLineProgram}, "
             "hideEdgesOnMove: true, enableEdgeEvents: false," if tuned else "")
    edge_type = "" if tuned else ", type: 'arrow'"
    return f"""<!DOCTYPE html><html><body style="margin:0"><div id="g" style="width:1100px;height:800px"></div>
<script>{g}</script><script>{s}</script><script>
const t0 = performance.now();
{_data(pos, edges)}
const graph = new graphology.MultiDirectedGraph();
pos.forEach((p, i) => graph.addNode(String(i), {{x: p[0], y: p[1], size: 4, color: '#1565c0'}}));
edges.forEach((e, j) => graph.addEdgeWithKey('e' + j, String(e[0]), String(e[1]), {{color: '#7cb342', size: 1{edge_type}}}));
const r = new Sigma(graph, document.getElementById('g'), {{renderLabels: false, itemSizesReference: 'positions',
  zoomToSizeRatioFunction: x => x, {extra}}});
r.once('afterRender', () => {{ window.firstFrame = performance.now() - t0; }});
r.refresh();
const cam = r.getCamera();
window.move = (z, pan) => cam.setState({{ratio: z, x: 0.5 + pan * 0.2, y: 0.5}});
</script></body></html>"""


def canvas_page(pos, edges, simplify: bool = True) -> str:
    js = (ROOT / "kg" / "templates" / "render.js").read_text(encoding="utf-8")
    return f"""<!DOCTYPE html><html><body style="margin:0"><div id="g" style="width:1100px;height:800px"></div>
<script>{js}</script><script>
const t0 = performance.now();
{_data(pos, edges)}
const r = new KGCanvas(document.getElementById('g'), {{x: pos.map(p => p[0]), y: pos.map(p => p[1]),
  r: pos.map(() => 4), src: edges.map(e => e[0]), dst: edges.map(e => e[1])}}, {{simplify: {str(simplify).lower()}}});
r.palette = ['#1565c0', '#7cb342'];
r.edgeColour.fill(1);
r.on('afterRender', () => {{ if (window.firstFrame === undefined) window.firstFrame = performance.now() - t0; }});
r.render();
const h = r.getState(), w = r.bounds.x1 - r.bounds.x0;
window.move = (z, pan) => r.setState({{ratio: h.ratio * z, x: h.x + pan * 0.2 * w, y: h.y}});
window.drawMs = () => r.stats.ms;
</script></body></html>"""


def measure(browser, html: Path, cap: float, kg_page: bool = False) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    t0 = time.perf_counter()
    page.goto(html.as_uri(), timeout=600_000)
    if kg_page:
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=600_000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        wall = time.perf_counter() - t0
        page.evaluate("""() => { const r = kgView.renderer, h = r.getState(), w = r.bounds.x1 - r.bounds.x0;
            window.move = (z, pan) => r.setState({ratio: h.ratio * z, x: h.x + pan * 0.2 * w, y: h.y});
            window.drawMs = () => r.stats.ms; }""")
    else:
        page.wait_for_function("() => window.firstFrame !== undefined", timeout=600_000)
        wall = time.perf_counter() - t0
    frames = page.evaluate(FRAMES, cap)
    page.close()
    return {"ready_s": wall, **frames}


RENDERERS = [
    ("vis-network 9 (pyvis), physics off", vis_page),
    ("sigma.js 3 + graphology, defaults (WebGL)", sigma_page),
    ("sigma.js 3 tuned: point nodes, line edges, hideEdgesOnMove", lambda p, e: sigma_page(p, e, True)),
    ("KGCanvas, every frame in full", lambda p, e: canvas_page(p, e, False)),
    ("**KGCanvas as the view uses it**", canvas_page),
]


def row(n, e, name, m) -> str:
    frames = "" if m["frames"] >= 90 else f" ({m['frames']} frames in the {m['cap']:.0f} s cap)"
    draw = f"{m['draw']:.1f}" if m.get("draw") is not None else "—"
    return (f"| {n:,} | {e:,} | {name}{frames} | {m['ready_s']:.2f} | {m['median']:.1f} | "
            f"{m['p95']:.1f} | {m['max']:.1f} | {draw} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000, 50000])
    ap.add_argument("--cap", type=float, default=60.0, help="seconds of frames at most per run")
    ap.add_argument("--only", help="renderers whose name contains this")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "renderer.md")
    args = ap.parse_args()
    chosen = [(name, page) for name, page in RENDERERS
              if not args.only or args.only.lower() in name.lower()]
    if any(page is vis_page for _, page in chosen) and importlib.util.find_spec("pyvis") is None:
        # pyvis is a benchmark extra, not a dependency of kg: say so up front rather than
        # with a traceback from the first page, after Chromium has started
        sys.exit("bench_renderer.py: vis-network comes from pyvis, which is not installed: "
                 "pip install -e '.[bench]' (or choose other renderers with --only)")
    from playwright.sync_api import sync_playwright
    from kg.view import write_view
    from synthetic_graph import make
    lines = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.sizes:
            pos, edges = graph(n)
            for name, make_page in chosen:
                html = Path(tmp) / f"r{n}.html"
                html.write_text(make_page(pos, edges), encoding="utf-8")
                m = measure(b, html, args.cap)
                m["cap"] = args.cap
                lines.append(row(n, len(edges), name, m))
                print(lines[-1], flush=True)
            if args.only and args.only.lower() not in "the kg page":
                continue
            # the page kg writes (labels, panel, reducers), on a synthetic ParkKG graph
            ttl = Path(tmp) / f"g{n}.ttl"
            ttl.write_text(make(n, seed=0).ttl, encoding="utf-8")
            html = Path(tmp) / f"kg{n}.html"
            t = time.perf_counter()
            info = write_view(ttl, html, max_nodes=n)
            w = time.perf_counter() - t
            m = measure(b, html, args.cap, kg_page=True)
            m["cap"] = args.cap
            lines.append(row(info.nodes, info.edges, f"the kg page (KGCanvas + labels; write_view {w:.1f} s)", m))
            print(lines[-1], flush=True)
        b.close()
    head = ["# The view's renderer: KGCanvas against vis-network and sigma.js", "",
            "`benchmarks/bench_renderer.py`: headless Debian Chromium, no GPU (software WebGL: "
            f"SwiftShader), 1400×900 window, {os.cpu_count()} CPUs, load average {load:.1f} at the "
            "start (a shared machine: other jobs ran meanwhile). Frame = interval between animation "
            "frames while the camera moves every frame (90 frames: zoom in, pan, zoom out); ready = "
            "navigation until the first frame is drawn; draw = the renderer's own time in a frame "
            "(KGCanvas only). Target: frame ≤ 50 ms.", "",
            "| nodes | edges | renderer | ready s | frame median ms | frame p95 ms | frame max ms | draw median ms |",
            "|---:|---:|---|---:|---:|---:|---:|---:|"]
    args.out.write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
