"""The HTML network view: one self-contained, offline, script-injection-safe page.

pyvis builds the vis-network node and edge records and its base options from the networkx
projection (kg.network); the page itself comes from our own template (kg/templates/graph.html)
because pyvis 0.3.2's writer is unfit for untrusted text and offline use: its `in_line` mode still
loads Bootstrap from a CDN, its `local` mode loads vis-network from a CDN, it writes with the
platform encoding, and it switches every tooltip to innerHTML as soon as one title contains
"href". Here vis-network (the copy pyvis ships) is inlined, the data travels as JSON in a
non-executable <script type="application/json"> block, tooltips are built with DOM nodes and
textContent, and a Content-Security-Policy with script hashes forbids any network load and any
inline event handler, as a second line of defence.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import deque
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_write_bytes
from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES
from kg.network import (CLASS_LABELS, RELATION_LABELS, find_entities, load_network,
                        neighbourhood, suggest_names)

#: Shown per node / edge tooltip; the rest is summarised as "+N more".
MAX_PASSAGES = 3
#: Sentences longer than this are cut (with an ellipsis) in tooltips.
MAX_SENTENCE_CHARS = 240
#: Up to this many entities the page relaxes the precomputed layout with physics.
PHYSICS_LIMIT = 400
#: Above this many edges, relation names are not drawn on the edges (clutter, speed).
EDGE_LABEL_LIMIT = 150

#: class -> (fill colour, shape). Shapes with the label *below* the symbol, so size can follow
#: degree without squeezing the Chinese label.
CLASS_STYLE = {
    "Park": ("#2e7d32", "hexagon"),
    "Company": ("#1565c0", "dot"),
    "Policy": ("#ef6c00", "square"),
    "Official": ("#c62828", "triangle"),
    "Executive": ("#8e24aa", "triangleDown"),
    "Agency": ("#6d4c41", "diamond"),
    "Institution": ("#00838f", "star"),
}
RELATION_COLOUR = {
    "locatedIn": "#7cb342",
    "investsIn": "#1e88e5",
    "issuedBy": "#fb8c00",
    "appliesTo": "#fdd835",
    "holdsPost": "#e53935",
    "worksFor": "#ab47bc",
    "subsidiaryOf": "#3949ab",
    "partOf": "#43a047",
}


@dataclass
class ViewInfo:
    """What write_view wrote."""
    path: Path
    nodes: int                  # entities in the page
    edges: int                  # relations in the page
    total_nodes: int            # entities in the whole graph
    total_edges: int            # relations in the whole graph
    selected_nodes: int         # entities matching focus/types/min-degree (before max_nodes)
    selected_edges: int
    left_out_nodes: int = 0     # cut by max_nodes
    left_out_edges: int = 0
    focus: list[str] = field(default_factory=list)   # labels of the focus entities
    bytes: int = 0

    @property
    def truncated(self) -> bool:
        return self.left_out_nodes > 0


# --- choosing what to show ---------------------------------------------------------------------

def parse_types(types: list[str] | str | None) -> list[str] | None:
    """Class names as given by a user ("park", "Company", "园区", "Park,Company") -> contract names."""
    if types is None:
        return None
    if isinstance(types, str):
        types = [types]
    lookup = {}
    for c in CLASSES:
        zh, en = CLASS_LABELS[c]
        lookup[c.lower()] = c
        lookup[zh] = c
        lookup[en.lower()] = c
    out: list[str] = []
    for part in (p.strip() for t in types for p in re.split(r"[,，\s]+", t)):
        if not part:
            continue
        cls = lookup.get(part.lower())
        if cls is None:
            raise KGError(f"unknown class {part!r}; use some of: {', '.join(CLASSES)}")
        if cls not in out:
            out.append(cls)
    return out or None


def select(G: nx.MultiDiGraph, focus: str | None = None, hops: int = 1,
           types: list[str] | None = None, min_degree: int = 0,
           max_nodes: int = 2000) -> tuple[nx.MultiDiGraph, dict]:
    """The subgraph to draw, and a note of what was chosen and what was left out."""
    centres: list[str] = []
    keep = set(G.nodes)
    if focus is not None:
        centres = find_entities(G, focus)
        if not centres:
            hint = suggest_names(G, focus)
            more = f"; did you mean: {', '.join(hint)}?" if hint else ""
            raise KGError(f"no entity named {focus!r} in the graph{more}")
        keep = neighbourhood(G, centres, hops)
    classes = parse_types(types)
    if classes:
        keep = {n for n in keep if G.nodes[n]["cls"] in classes or n in centres}
    if min_degree > 0:
        keep = {n for n in keep if G.nodes[n]["degree"] >= min_degree or n in centres}
    selected = G.subgraph(keep)
    sel_edges = selected.number_of_edges()
    left_nodes = left_edges = 0
    if max_nodes is not None and len(keep) > max_nodes:
        # Keep the focus, then the most connected; ties broken by name for a stable page.
        ranked = sorted(keep, key=lambda n: (n not in centres, -G.nodes[n]["degree"],
                                             G.nodes[n]["label"], n))
        keep = set(ranked[:max(max_nodes, len(centres))])
        left_nodes = len(selected) - len(keep)
    H = G.subgraph(keep).copy()
    left_edges = sel_edges - H.number_of_edges()
    note = {"centres": centres, "classes": classes, "selected_nodes": len(selected),
            "selected_edges": sel_edges, "left_out_nodes": left_nodes,
            "left_out_edges": left_edges}
    return H, note


# --- layout ---------------------------------------------------------------------------------

def fruchterman_reingold(C: nx.Graph, nodes: list[str], R, node_r: float, k: float, rng):
    """Fruchterman–Reingold on discs: distances are measured between disc rims, so a hub
    carrying a ring of fifty companies keeps its ring clear of its neighbours."""
    import numpy as np

    n = len(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    # Sorted: the graph's edge order follows rdflib's hash-seeded iteration, and a different
    # order of the float sums below gives different positions for the same graph.
    E = np.array(sorted((min(idx[u], idx[v]), max(idx[u], idx[v])) for u, v in C.edges()),
                 dtype=np.int64).reshape(-1, 2)
    f = np.float32
    R = R.astype(f)
    rim = R[:, None] + R[None, :] - f(2 * node_r)       # 0 for two bare nodes
    rim_e = rim[E[:, 0], E[:, 1]]
    side = math.sqrt(float(((2 * R + k) ** 2).sum()))
    P = rng.uniform(-side / 2, side / 2, size=(n, 2)).astype(f)
    iterations = 200 if n <= 200 else 100
    temp = side / 8
    cool = temp / (iterations + 1)
    k2, floor = f(k * k), f(0.05 * k)
    for _ in range(iterations):
        dx = P[:, 0, None] - P[None, :, 0]
        dy = P[:, 1, None] - P[None, :, 1]
        dist = np.hypot(dx, dy) + f(1e-6)
        rep = k2 / (np.maximum(dist - rim, floor) * dist)   # |F| = k²/free, along (dx, dy)/dist
        np.fill_diagonal(rep, 0.0)
        disp_x = (dx * rep).sum(1)
        disp_y = (dy * rep).sum(1)
        if len(E):
            d = P[E[:, 0]] - P[E[:, 1]]
            dl = np.hypot(d[:, 0], d[:, 1]) + f(1e-6)
            fl = np.maximum(dl - rim_e, 0.0)
            w = fl * fl / f(k) / dl                          # |F| = free²/k
            for axis, disp in ((0, disp_x), (1, disp_y)):
                a = w * d[:, axis]
                disp -= np.bincount(E[:, 0], a, n).astype(f)
                disp += np.bincount(E[:, 1], a, n).astype(f)
        length = np.hypot(disp_x, disp_y) + f(1e-6)
        step = np.minimum(length, f(temp)) / length
        P[:, 0] += disp_x * step
        P[:, 1] += disp_y * step
        temp -= cool
    return P.astype(np.float64)
    return P


def layout(H: nx.MultiDiGraph, leaf_gap: float = 95.0, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions, computed here once so the page opens still and fast (no physics).

    News graphs are hub-and-spoke: parks with dozens of companies, companies with one executive.
    So: peel the trees that hang off the graph (repeatedly remove entities with one neighbour),
    lay out what remains (the 2-core) with a force-directed pass in numpy in which every node
    is a disc big enough for its peeled subtree, then put each subtree back as rings of discs
    around its anchor, and pack the connected components in rows, largest first.
    """
    import numpy as np

    U = nx.Graph()
    U.add_nodes_from(H.nodes)
    U.add_edges_from((u, v) for u, v in H.edges() if u != v)
    rank = {n: (-H.nodes[n]["degree"], H.nodes[n]["label"], n) for n in U}

    # 1. peel: least connected first, so hubs stay in the core
    deg = dict(U.degree())
    parent: dict[str, str] = {}
    queue = deque(sorted((n for n in U if deg[n] == 1), key=rank.get, reverse=True))
    while queue:
        n = queue.popleft()
        if n in parent or deg[n] != 1:
            continue
        p = next(m for m in U[n] if m not in parent)
        parent[n] = p
        deg[n] = 0
        deg[p] -= 1
        if deg[p] == 1:
            queue.append(p)
    children: dict[str, list[str]] = {n: [] for n in U}
    for n, p in parent.items():
        children[p].append(n)

    # 2. subtree discs: children on concentric rings around their anchor
    node_r = leaf_gap / 2
    radius: dict[str, float] = {}
    offsets: dict[str, tuple[float, float]] = {}

    def disc(n: str) -> float:
        stack, seen = [n], []
        while stack:    # post-order without recursion (deep chains)
            m = stack.pop()
            seen.append(m)
            stack.extend(children[m])
        for m in reversed(seen):
            kids = sorted(children[m], key=lambda c: (-radius[c], rank[c]))
            r = node_r
            i = 0
            while i < len(kids):
                biggest = radius[kids[i]]
                ring = r + biggest
                room = 2 * math.pi * ring
                used, j = 0.0, i
                while j < len(kids) and (j == i or used + 2 * radius[kids[j]] <= room):
                    used += 2 * radius[kids[j]]
                    j += 1
                step = 2 * math.pi / used if used else 0.0
                a = (i * 0.61) % (2 * math.pi)    # stagger successive rings
                for c in kids[i:j]:
                    a += radius[c] * step
                    offsets[c] = (ring * math.cos(a), ring * math.sin(a))
                    a += radius[c] * step
                r = ring + biggest
                i = j
            radius[m] = r
        return radius[n]

    core = [n for n in U if n not in parent]
    for n in core:
        disc(n)

    # 3. force-directed layout of each core component (discs must not overlap)
    rng = np.random.default_rng(seed)
    C = U.subgraph(core)
    placed: list[tuple[dict, float]] = []
    for comp in sorted((sorted(c, key=rank.get) for c in nx.connected_components(C)),
                       key=lambda c: (-sum(radius[n] ** 2 for n in c), rank[c[0]])):
        k = len(comp)
        R = np.array([radius[n] for n in comp])
        if k == 1:
            P = np.zeros((1, 2))
        else:
            P = fruchterman_reingold(C.subgraph(comp), comp, R, node_r, leaf_gap, rng)
        pos = {n: (float(P[i, 0]), float(P[i, 1])) for i, n in enumerate(comp)}
        # put the subtrees back, parents before children
        stack = list(comp)
        while stack:
            m = stack.pop()
            for c in children[m]:
                ox, oy = offsets[c]
                pos[c] = (pos[m][0] + ox, pos[m][1] + oy)
                stack.append(c)
        cx = sum(pos[n][0] for n in comp) / k
        cy = sum(pos[n][1] for n in comp) / k
        extent = max(math.hypot(pos[n][0] - cx, pos[n][1] - cy) + radius[n] for n in comp)
        placed.append(({n: (x - cx, y - cy) for n, (x, y) in pos.items()}, extent))

    # 4. shelf packing, largest first; small components fill rows under the largest one
    row_width = max(math.sqrt(sum((2 * r) ** 2 for _, r in placed)), 2 * placed[0][1]) if placed else 0
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, r in placed:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + r + px, 1), round(y + r + py, 1))
        x += 2 * r
        row_h = max(row_h, 2 * r)
    return out


# --- vis-network data ---------------------------------------------------------------------------

def _cut(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS - 1] + "…"


def _passages(items: list[dict]) -> list[dict]:
    return [{"text": _cut(p["text"]), "article": p["article"], "document": p["document"],
             **({"confidence": p["confidence"]} if p.get("confidence") is not None else {})}
            for p in items[:MAX_PASSAGES]]


def _shade(hex_colour: str, factor: float) -> str:
    """Darken (factor < 1) or lighten (factor > 1) a #rrggbb colour."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    if factor < 1:
        r, g, b = (int(c * factor) for c in (r, g, b))
    else:
        r, g, b = (int(c + (255 - c) * (factor - 1)) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def _node_colour(cls: str) -> dict:
    fill = CLASS_STYLE[cls][0]
    border = _shade(fill, 0.7)
    light = _shade(fill, 1.35)
    return {"background": fill, "border": border,
            "highlight": {"background": light, "border": "#111111"},
            "hover": {"background": light, "border": border}}


def vis_records(H: nx.MultiDiGraph, centres: list[str]) -> tuple[list[dict], list[dict]]:
    """Node and edge records for vis-network, built with pyvis."""
    from pyvis.network import Network

    net = Network(directed=True)
    ids: dict[str, int] = {}
    # Most connected first: vis draws later nodes on top, and the legend counts read naturally.
    order = sorted(H.nodes, key=lambda n: (-H.nodes[n]["degree"], H.nodes[n]["label"], n))
    xy = layout(H)
    for i, n in enumerate(order):
        d = H.nodes[n]
        ids[n] = i
        net.add_node(i, label=d["label"], shape=CLASS_STYLE[d["cls"]][1], x=xy[n][0], y=xy[n][1],
                     color=_node_colour(d["cls"]), value=d["degree"] + 1,
                     cls=d["cls"], kg={
                         "iri": d["iri"], "names": d["names"], "degree": d["degree"],
                         "post": d["post"], "mentions": _passages([m.as_dict() for m in d["mentions"]]),
                         "more": max(0, len(d["mentions"]) - MAX_PASSAGES),
                         "focus": n in centres})
    label_edges = H.number_of_edges() <= EDGE_LABEL_LIMIT
    edges = sorted(H.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    seen_pairs: dict[frozenset, int] = {}
    for j, (u, v, rel, d) in enumerate(edges):
        colour = RELATION_COLOUR[rel]
        extra = {"label": d["zh"]} if label_edges else {}
        # Two relations between the same pair (locatedIn + investsIn, or both directions)
        # would be drawn on top of each other: bend every one after the first.
        pair = frozenset((u, v))
        k = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        if k:
            clockwise = (k % 2 == 1) == (ids[u] < ids[v])
            extra["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                               "roundness": 0.25 * ((k + 1) // 2)}
        net.add_edge(ids[u], ids[v], id=j, rel=rel,
                     color={"color": colour, "highlight": _shade(colour, 0.6), "hover": _shade(colour, 0.6)},
                     kg={"zh": d["zh"], "en": d["en"], "evidence": _passages(d["evidence"]),
                         "more": max(0, len(d["evidence"]) - MAX_PASSAGES)},
                     **extra)
    return net.nodes, net.edges


def vis_options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: pyvis's defaults, then ours.

    Positions come precomputed (layout()). A small graph is then relaxed by vis-network's
    physics during stabilisation (before the first paint, well under a second), which spreads
    long labels apart; a big one is shown as computed. Either way the page then switches physics
    off, so nothing moves.
    """
    from pyvis.network import Network
    opts = json.loads(Network(directed=True).options.to_json())
    relax = 1 < n_nodes <= PHYSICS_LIMIT
    opts.update({
        "autoResize": True,
        "nodes": {
            "font": {"size": 16, "color": "#1a1a1a", "strokeWidth": 4, "strokeColor": "#ffffff",
                     "face": "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC',"
                             "'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"},
            "borderWidth": 1.5, "borderWidthSelected": 3,
            # Label sizes are set by the page (by degree, and kept readable for the hubs at any
            # zoom); labels smaller than drawThreshold screen pixels are not drawn.
            "scaling": {"min": 10, "max": 42,
                        "label": {"enabled": False, "maxVisible": 36, "drawThreshold": 7}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False, "width": 1.2, "selectionWidth": 2, "hoverWidth": 1,
            "font": {"size": 11, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff",
                     "align": "middle"},
        },
        "physics": {
            "enabled": relax, "solver": "forceAtlas2Based",
            # Long springs: the labels are long Chinese names and must not overlap.
            "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.01,
                                 "springLength": 170 if n_nodes <= 300 else 120,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 20,
                              "fit": True},
            "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_edges > 1500,
                        "hideEdgesOnZoom": n_edges > 3000, "multiselect": False,
                        "navigationButtons": False, "keyboard": False, "dragNodes": True},
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
    })
    opts.pop("configure", None)
    return opts


def page_data(G: nx.MultiDiGraph, H: nx.MultiDiGraph, note: dict, graph_name: str,
              focus: str | None, hops: int, min_degree: int, max_nodes: int) -> dict:
    nodes, edges = vis_records(H, note["centres"])
    counts_all = {c: 0 for c in CLASSES}
    for _, d in G.nodes(data=True):
        counts_all[d["cls"]] += 1
    counts = {c: 0 for c in CLASSES}
    for _, d in H.nodes(data=True):
        counts[d["cls"]] += 1
    rel_counts = {p: 0 for p in PROPERTIES}
    for _, _, k in H.edges(keys=True):
        rel_counts[k] += 1
    return {
        "meta": {
            "graph": graph_name, "focus": focus, "hops": hops,
            "focusLabels": [G.nodes[c]["label"] for c in note["centres"]],
            "classes": note["classes"], "minDegree": min_degree, "maxNodes": max_nodes,
            "totalNodes": G.number_of_nodes(), "totalEdges": G.number_of_edges(),
            "selectedNodes": note["selected_nodes"], "selectedEdges": note["selected_edges"],
            "leftOutNodes": note["left_out_nodes"], "leftOutEdges": note["left_out_edges"],
        },
        "classes": [{"name": c, "zh": CLASS_LABELS[c][0], "en": CLASS_LABELS[c][1],
                     "colour": CLASS_STYLE[c][0], "shape": CLASS_STYLE[c][1],
                     "count": counts[c], "total": counts_all[c]} for c in CLASSES],
        "relations": [{"name": p, "zh": RELATION_LABELS[p][0], "en": RELATION_LABELS[p][1],
                       "colour": RELATION_COLOUR[p], "count": rel_counts[p]} for p in PROPERTIES],
        "nodes": nodes, "edges": edges,
        "options": vis_options(len(nodes), len(edges)),
    }


# --- HTML -------------------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """JSON safe inside an HTML <script> element: no '<', '>', '&' or JS line terminators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _inline_script(js: str) -> str:
    # A literal "</script" would end the element early; "<\/script" means the same to JS.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)


def _inline_style(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)


def vis_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css): kg/static/ if a copy is vendored there, else the
    copy that ships inside the pyvis package (newest version directory)."""
    static = resources.files("kg") / "static"
    js, css = static / "vis-network.min.js", static / "vis-network.css"
    if not (js.is_file() and css.is_file()):
        lib = resources.files("pyvis") / "lib"
        versions = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")),
                          key=lambda p: [int(x) if x.isdigit() else 0
                                         for x in re.findall(r"\d+", p.name)])
        if not versions:
            raise KGError("vis-network not found in the pyvis package; reinstall pyvis")
        js, css = versions[-1] / "vis-network.min.js", versions[-1] / "vis-network.css"
    return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")


def _template(name: str) -> str:
    return (resources.files("kg") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(data: dict, title: str) -> str:
    vis_js, vis_css = vis_assets()
    vis_js = _inline_script(vis_js)
    app_js = _inline_script(_template("graph.js"))
    # Only these two scripts may run; no connect/img/font/frame source outside the page.
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    values = {
        "title": html.escape(title),
        "csp": html.escape(csp),
        "vis_css": _inline_style(vis_css),
        "app_css": _inline_style(_template("graph.css")),
        "vis_js": vis_js,
        "app_js": app_js,
        "data_json": script_json(data),
    }
    # One pass, so text inserted for one placeholder is never scanned for another.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template("graph.html"))


def atomic_write_text(path: Path, text: str) -> int:
    """Write UTF-8 (whatever the platform's default encoding) atomically. Returns bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    atomic_write_bytes(path, data)
    return len(data)


def write_view(graph_ttl: Path, out_html: Path, focus: str | None = None, hops: int = 1,
               types: list[str] | None = None, min_degree: int = 0,
               max_nodes: int = 2000, graph_name: str | None = None) -> ViewInfo:
    """Write the HTML network view of graph_ttl (or of one entity's neighbourhood) to out_html.
    ``graph_name``: the name the page shows for the graph (default: graph_ttl's own; a build
    draws the view from the new graph before it is renamed to graph.ttl)."""
    graph_ttl, out_html = Path(graph_ttl), Path(out_html)
    if hops < 0:
        raise KGError("--hops must be 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise KGError("--max-nodes must be at least 1")
    G = load_network(graph_ttl)
    H, note = select(G, focus, hops, types, min_degree, max_nodes)
    name = graph_name or graph_ttl.name
    data = page_data(G, H, note, name, focus, hops, min_degree, max_nodes)
    if focus:
        title = f"{' / '.join(data['meta']['focusLabels'])} · ParkKG"
    else:
        title = f"{name} · ParkKG"
    try:
        size = atomic_write_text(out_html, render_html(data, title))
    except OSError as exc:
        raise KGError(f"cannot write {out_html}: {exc.strerror or exc}") from None
    return ViewInfo(path=out_html, nodes=H.number_of_nodes(), edges=H.number_of_edges(),
                    total_nodes=G.number_of_nodes(), total_edges=G.number_of_edges(),
                    selected_nodes=note["selected_nodes"], selected_edges=note["selected_edges"],
                    left_out_nodes=note["left_out_nodes"], left_out_edges=note["left_out_edges"],
                    focus=data["meta"]["focusLabels"], bytes=size)
