"""The HTML network view: one self-contained, offline, script-injection-safe page.

Positions are computed here, once, when the page is written (layout(): ForceAtlas2 per
connected component, components packed largest first, single entities in a grid block), so the
browser runs no physics. The page draws with its own Canvas 2D renderer (kg/templates/render.js:
a spatial grid, only what is on screen, pixels written directly, simpler while moving), chosen
by measurement over sigma.js (WebGL) and vis-network (benchmarks/results/view.md). Labels are
drawn by the page's script, parks first, and only where they overprint no other label. Each
entity also carries its zone — the park it is nearest to — for the page's "colour by zone".
The data travels as JSON in a non-executable <script type="application/json"> block, untrusted
text reaches the DOM only through textContent, and a Content-Security-Policy with script
hashes forbids any network load and any inline event handler, as a second line of defence.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_write_bytes
from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES
from kg.network import (CLASS_LABELS, RELATION_LABELS, decimal_amount, find_entities,
                        gc_frozen, load_network, neighbourhood, suggest_names)

#: Shown per node / edge tooltip; the rest is summarised as "+N more".
MAX_PASSAGES = 3
#: Sentences longer than this are cut (with an ellipsis) in tooltips.
MAX_SENTENCE_CHARS = 240
#: class -> fill colour (the legend, the nodes, the details badge).
CLASS_COLOUR = {
    "Park": "#2e7d32",
    "Company": "#1565c0",
    "Policy": "#ef6c00",
    "Official": "#c62828",
    "Executive": "#8e24aa",
    "Agency": "#6d4c41",
    "Institution": "#00838f",
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


#: Entities a page shows at most (the most connected first; --max-nodes): what the renderer
#: draws smoothly and a build writes in seconds (benchmarks/results/view.md).
MAX_NODES = 2000


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
    # a graph a build cut to its most connected entities already (network_from_corpus) tells
    # the whole graph's numbers
    whole = G.graph.get("whole")
    selected = whole["nodes"] if whole else len(keep)
    total_edges = whole["edges"] if whole else G.number_of_edges()
    sel_edges = (total_edges if whole or len(keep) == len(G)
                 else sum(1 for u, v in G.edges() if u in keep and v in keep))
    if max_nodes is not None and len(keep) > max_nodes:
        # Keep the focus, then the most connected; ties broken by name for a stable page.
        ranked = sorted(keep, key=lambda n: (n not in centres, -G.nodes[n]["degree"],
                                             G.nodes[n]["label"], n))
        keep = set(ranked[:max(max_nodes, len(centres))])
    left_nodes = selected - len(keep)
    if len(keep) == len(G):
        H = G                 # all of it (read, never changed, by what draws the page)
    else:
        # built directly: a subgraph view of a large graph is slow to count and to copy
        H = nx.MultiDiGraph()
        H.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                         if u in keep and v in keep)
        H.graph.update(G.graph)
    note = {"centres": centres, "classes": classes, "total_edges": total_edges,
            "selected_nodes": selected,
            "selected_edges": sel_edges, "left_out_nodes": left_nodes,
            "left_out_edges": sel_edges - H.number_of_edges()}
    return H, note


# --- layout ---------------------------------------------------------------------------------

#: Node radius in layout units: 1 for an entity with no relation, growing with the square root
#: of the degree; parks a quarter larger (they are the landmarks). The page draws radii in the
#: same units as positions, so discs that are apart here are apart at every zoom.
def node_radius(degree: int, cls: str) -> float:
    r = 1.0 + 0.45 * math.sqrt(degree)
    return round(r * (1.25 if cls == "Park" else 1.0), 2)


#: Clear space between two discs, and around each packed component, in layout units.
GAP = 1.2
MARGIN = 3.0
#: Width / height the packing aims at (the canvas beside the panel on a laptop screen).
ASPECT = 1.35


#: Components up to this size are laid out together in one vectorised ForceAtlas2-style run
#: with exact repulsion between every pair of a component (networkx's forceatlas2_layout costs
#: ~0.2 s a call even for five nodes, and 20 s for 1,500); bigger ones get _fa2_grid.
BATCH_LIMIT = 300


def _pairs_within(groups: list[list[int]]):
    """Index arrays (i, j), i < j, of every pair inside the same group."""
    import numpy as np
    I, J = [], []
    for g in groups:
        if len(g) > 1:
            a = np.array(g, dtype=np.int64)
            i, j = np.triu_indices(len(g), 1)
            I.append(a[i])
            J.append(a[j])
    if not I:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(I), np.concatenate(J)


def _push(F, I, J, v) -> None:
    """Add force v (one row per pair) to the first node of each pair (i, j), minus to the second."""
    import numpy as np
    n = len(F)
    for a in (0, 1):
        F[:, a] += np.bincount(I, v[:, a], n) - np.bincount(J, v[:, a], n)


def _attract(F, P, E) -> None:
    """ForceAtlas2's linear attraction along the edges E (index pairs)."""
    if len(E):
        _push(F, E[:, 1], E[:, 0], P[E[:, 0]] - P[E[:, 1]])


def _fa2_batch(P, R, mass, I, J, E, comp, iterations: int = 150):
    """ForceAtlas2's forces (repulsion (m_i·m_j)/distance between rims, linear attraction along
    edges, gravity to the component's centre, m = degree + 1) for many small components at
    once; repulsion only between nodes of the same component. Steps are capped by a cooling
    temperature instead of FA2's adaptive speed: deterministic and quick to settle."""
    import numpy as np
    n = len(P)
    kr, kg = 2.0, 1.0
    ncomp = int(comp.max()) + 1 if n else 0
    size = np.bincount(comp, minlength=ncomp).astype(float)
    temp0 = 2.0 * np.sqrt(size)[comp]
    for it in range(iterations):
        F = np.zeros_like(P)
        if len(I):
            d = P[I] - P[J]
            dist = np.hypot(d[:, 0], d[:, 1]) + 1e-9
            free = dist - R[I] - R[J]
            f = np.where(free > 0, kr * mass[I] * mass[J] / np.maximum(free, 1e-3),
                         100 * kr * mass[I] * mass[J])
            _push(F, I, J, d / dist[:, None] * f[:, None])
        _attract(F, P, E)
        cx = np.bincount(comp, P[:, 0], ncomp) / size
        cy = np.bincount(comp, P[:, 1], ncomp) / size
        F[:, 0] -= kg * mass * (P[:, 0] - cx[comp]) * 0.1
        F[:, 1] -= kg * mass * (P[:, 1] - cy[comp]) * 0.1
        length = np.hypot(F[:, 0], F[:, 1]) + 1e-9
        temp = temp0 * (1 - it / iterations) + 0.05
        P = P + F * (np.minimum(length, temp) / length)[:, None]
    return P


def _csr(n: int, E):
    """Adjacency of an undirected edge array as (indptr, indices)."""
    import numpy as np
    a = np.concatenate([E[:, 0], E[:, 1]])
    b = np.concatenate([E[:, 1], E[:, 0]])
    order = np.argsort(a, kind="stable")
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return indptr, b[order]


def _bfs(indptr, indices, source: int):
    """Hop distances from `source` (-1 where unreachable), a level at a time."""
    import numpy as np
    n = len(indptr) - 1
    dist = np.full(n, -1, np.int64)
    dist[source] = 0
    frontier = np.array([source])
    level = 0
    while len(frontier):
        level += 1
        starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
        total = int(counts.sum())
        if not total:
            break
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
        nxt = indices[offsets]
        nxt = np.unique(nxt[dist[nxt] < 0])
        dist[nxt] = level
        frontier = nxt
    return dist


def _pivot_mds(n: int, E, degree, pivots: int = 24):
    """A global shape for a connected graph from hop distances to a few far-apart pivots
    (Brandes & Pich's PivotMDS): the start ForceAtlas2 refines."""
    import numpy as np
    indptr, indices = _csr(n, E)
    k = min(pivots, n)
    D = np.zeros((n, k))
    nearest = np.full(n, np.inf)
    pick = int(np.argmax(degree))
    for c in range(k):
        d = _bfs(indptr, indices, pick).astype(float)
        d[d < 0] = d.max() + 1
        D[:, c] = d
        nearest = np.minimum(nearest, d)
        pick = int(np.argmax(nearest))          # the node farthest from every pivot so far
    C = D ** 2
    B = -0.5 * (C - C.mean(axis=0) - C.mean(axis=1, keepdims=True) + C.mean())
    w, V = np.linalg.eigh(B.T @ B)                     # k × k: the two main directions
    P = B @ V[:, ::-1][:, :2]
    if P.shape[1] < 2:
        P = np.hstack([P, np.zeros((n, 2 - P.shape[1]))])
    return P


#: _fa2_grid's repulsion and gravity strengths
FA2_GRID_FORCES = (2.0, 0.05)


def _same_bin_pairs(flat):
    """Index pairs (i < j) of points in the same bin (flat bin numbers)."""
    import numpy as np
    order = np.argsort(flat, kind="stable")
    f = flat[order]
    starts = np.nonzero(np.r_[True, f[1:] != f[:-1]])[0]
    sizes = np.diff(np.r_[starts, len(f)])
    I, J = [], []
    for size in np.unique(sizes[sizes > 1]):
        s0 = starts[sizes == size]
        i, j = np.triu_indices(int(size), 1)
        I.append(order[(s0[:, None] + i[None, :]).ravel()])
        J.append(order[(s0[:, None] + j[None, :]).ravel()])
    if not I:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(I), np.concatenate(J)


def _fa2_grid(P, mass, E, iterations: int = 70, seed: int = 7):
    """ForceAtlas2's forces for one big component, repulsion on a grid (particle-mesh): masses
    are binned, the 1/distance field of the bins is one FFT convolution, and each node feels
    the field of its bin, plus the exact repulsion of the nodes sharing its bin (O(n + bins ·
    log bins) a step instead of n²); attraction along edges and gravity exact. Overlaps are
    removed afterwards (_separate)."""
    import numpy as np
    n = len(P)
    g = 32
    while g < min(math.sqrt(n), 256):             # bins a side, a power of two
        g *= 2
    # the field of a unit mass at every offset (-g, g), stored wrapped in a 2g × 2g array:
    # a circular convolution of that size is exact for offsets inside the g × g grid
    off = np.fft.ifftshift(np.arange(-g, g)).astype(float)
    kx, ky = np.meshgrid(off, off)
    d2 = kx ** 2 + ky ** 2
    d2[0, 0] = np.inf
    KX, KY = np.fft.rfft2(kx / d2), np.fft.rfft2(ky / d2)
    kr, kg = FA2_GRID_FORCES
    span0 = float(np.ptp(P, axis=0).max()) or 1.0
    # nodes with the same hop distances to every pivot start on one spot: spread them a little
    P = P + np.random.default_rng(seed).normal(0, span0 / (4 * g), P.shape)
    for it in range(iterations):
        lo = P.min(axis=0)
        h = max(float(np.ptp(P, axis=0).max()), 1e-6) / (g - 1)
        cell = np.minimum(((P - lo) / h).astype(np.int64), g - 1)
        flat = cell[:, 1] * 2 * g + cell[:, 0]
        M = np.fft.rfft2(np.bincount(flat, mass, 4 * g * g).reshape(2 * g, 2 * g))
        fx = np.fft.irfft2(M * KX, (2 * g, 2 * g)).ravel()[flat]
        fy = np.fft.irfft2(M * KY, (2 * g, 2 * g)).ravel()[flat]
        F = kr * mass[:, None] * np.stack([fx, fy], axis=1) / h
        I, J = _same_bin_pairs(flat)
        if len(I):
            d = P[I] - P[J]
            d2 = np.maximum((d ** 2).sum(axis=1), (h * 0.01) ** 2)
            _push(F, I, J, d * (kr * mass[I] * mass[J] / d2)[:, None])
        _attract(F, P, E)
        F -= kg * mass[:, None] * (P - P.mean(axis=0))
        length = np.hypot(F[:, 0], F[:, 1]) + 1e-9
        temp = span0 * 0.05 * (1 - it / iterations) + 1e-3 * span0
        P = P + F * (np.minimum(length, temp) / length)[:, None]
    return P


def _separate_pairs(P, R, I, J, gap: float = GAP, rounds: int = 80):
    """Push apart every listed pair of discs closer than their radii plus `gap`."""
    import numpy as np
    n = len(P)
    for _ in range(rounds):
        if not len(I):
            break
        d = P[J] - P[I]
        dist = np.hypot(d[:, 0], d[:, 1])
        over = R[I] + R[J] + gap - dist
        hit = over > 1e-6
        if not hit.any():
            break
        i, j, d, dist, over = I[hit], J[hit], d[hit], dist[hit], over[hit]
        zero = dist < 1e-9
        ang = (i[zero] * 0.618 + j[zero] * 0.382) * 2 * math.pi
        d[zero] = np.stack([np.cos(ang), np.sin(ang)], axis=1)
        dist[zero] = 1.0
        push = (d / dist[:, None]) * (over * 0.5 + 1e-3)[:, None]
        move = np.stack([np.bincount(j, push[:, a], n) - np.bincount(i, push[:, a], n)
                         for a in (0, 1)], axis=1)
        P = P + move
    return P


def _grid_join(A, B, cell: float, same: bool):
    """Candidate pairs (a, b): indices into the point arrays A and B whose cells in a grid of
    `cell` are the same or neighbours. With `same` (A is B), each pair once, a < b."""
    import numpy as np
    lo = np.minimum(A.min(axis=0), B.min(axis=0))
    ka = np.floor((A - lo) / cell).astype(np.int64) + 1
    kb = np.floor((B - lo) / cell).astype(np.int64) + 1
    width = int(max(ka[:, 0].max(), kb[:, 0].max())) + 2
    cb = kb[:, 1] * width + kb[:, 0]
    order = np.argsort(cb, kind="stable")
    sorted_cb = cb[order]
    ca = ka[:, 1] * width + ka[:, 0]
    offsets = ((0, 0), (1, 0), (-1, 1), (0, 1), (1, 1)) if same else \
        tuple((dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    I, J = [], []
    for dx, dy in offsets:
        want = ca + dy * width + dx
        first = np.searchsorted(sorted_cb, want, "left")
        counts = np.searchsorted(sorted_cb, want, "right") - first
        total = int(counts.sum())
        if not total:
            continue
        a = np.repeat(np.arange(len(A)), counts)
        b = order[np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(total)]
        if same and dx == 0 and dy == 0:
            keep = a < b
            a, b = a[keep], b[keep]
        I.append(a)
        J.append(b)
    if not I:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(I), np.concatenate(J)


def _close_pairs(P, R, gap: float = GAP):
    """Pairs (i < j) of discs that might touch (closer than their radii and twice `gap`):
    points hashed to a grid of cells two typical discs wide are compared with the points of
    neighbouring cells; bigger discs (hubs), by size class, against every disc on a coarser
    grid."""
    import numpy as np
    n = len(P)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cell = 2 * float(np.percentile(R, 90)) + 2 * gap
    size_class = np.maximum(0, np.ceil(np.log2((2 * R + gap) / cell))).astype(np.int64)
    rmax = float(R.max())
    I, J = [], []
    small = np.nonzero(size_class == 0)[0]
    if len(small) > 1:
        a, b = _grid_join(P[small], P[small], cell, same=True)
        I.append(small[a])
        J.append(small[b])
    for k in range(1, int(size_class.max()) + 1):
        big = np.nonzero(size_class == k)[0]
        if not len(big):
            continue
        a, b = _grid_join(P[big], P, float(R[big].max()) + rmax + 2 * gap, same=False)
        a = big[a]
        keep = (a != b) & ((size_class[b] < k) | ((size_class[b] == k) & (b > a)))  # each once
        I.append(a[keep])
        J.append(b[keep])
    I = np.concatenate(I) if I else np.zeros(0, np.int64)
    J = np.concatenate(J) if J else np.zeros(0, np.int64)
    close = np.hypot(*(P[I] - P[J]).T) < R[I] + R[J] + 2 * gap
    I, J = I[close], J[close]
    return np.minimum(I, J), np.maximum(I, J)


def _separate(P, R, gap: float = GAP):
    for _ in range(8):          # pairs found anew as discs move into new neighbours
        I, J = _close_pairs(P, R, gap)
        before = P
        P = _separate_pairs(P, R, I, J, gap, rounds=30)
        if P is before:
            break
    return P


def _spread(P, R, gap: float = GAP):
    """Scale a layout up until its discs are few enough to push apart quickly: a dense core
    scaled to its edge lengths can have a hundred discs overlapping each one. First to the
    area the discs need (a third of it covered), then in steps."""
    import numpy as np
    need = float(np.sum(np.pi * (R + gap) ** 2)) * 3
    have = float(np.prod(np.ptp(P, axis=0) + 2 * R.max()))
    if have < need:
        P = P * math.sqrt(need / have)
    for _ in range(12):
        I, _ = _close_pairs(P, R, gap)
        if len(I) <= 3 * len(P):
            break
        P = P * 1.25
    return P


def _scale_to_edges(P, R, edges, spare: float = 3.0):
    """Scale a layout so its median edge is `spare` units longer than the two radii."""
    import numpy as np
    if not len(edges):
        return P
    d = np.hypot(*(P[edges[:, 0]] - P[edges[:, 1]]).T)
    want = np.median(R[edges[:, 0]] + R[edges[:, 1]] + spare)
    got = float(np.median(d))
    return P * (want / got) if got > 1e-9 else P


def _component(C: nx.Graph, nodes: list[str], R):
    """Positions (n × 2 array, centred) of one big connected component (`nodes`, of the graph
    C, which may hold others). Two levels: the trees that hang off the component (entities
    with one neighbour, repeatedly) are peeled and each core entity gets a footprint, the
    area of its disc and of everything hanging from it; the core is laid out (a global shape
    by PivotMDS, refined by ForceAtlas2 on a grid), scaled and pushed apart so footprints do
    not overlap; then each peeled entity goes near its anchor on a sunflower spiral sized by
    the footprints, and every pair of discs still overlapping is pushed apart."""
    import numpy as np

    idx = {v: i for i, v in enumerate(nodes)}
    deg = dict(C.degree(nodes))
    parent: dict[str, str] = {}
    queue = deque(n for n in nodes if deg[n] == 1)
    peeled: list[str] = []
    while queue:
        n = queue.popleft()
        if n in parent or deg[n] != 1:
            continue
        p = next(m for m in sorted(C[n], key=idx.get) if m not in parent)
        parent[n] = p
        peeled.append(n)
        deg[n] = 0
        deg[p] -= 1
        if deg[p] == 1:
            queue.append(p)
    core = [n for n in nodes if n not in parent]
    if not core:                      # a tree peeled to nothing: its last entity anchors it
        core = [peeled.pop()]
        del parent[core[0]]
    children: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        if n in parent:
            children[parent[n]].append(n)
    # footprints, leaves first (the peeling order): a disc and its gap, plus its subtree's
    area = {n: math.pi * (R[idx[n]] + GAP) ** 2 for n in nodes}
    for n in peeled:
        area[parent[n]] += area[n]
    reach = {n: math.sqrt(area[n] / (math.pi * 0.7)) for n in nodes}   # spirals pack at ~70 %

    cidx = {v: i for i, v in enumerate(core)}
    # edges in sorted order: the layout must not depend on rdflib's hash order
    E = np.array(sorted((cidx[u], cidx[v]) for u in core for v in C[u]
                        if v in cidx and cidx[u] < cidx[v]), dtype=np.int64).reshape(-1, 2)
    Rc = np.array([reach[n] for n in core])
    if len(core) > 2:
        degree = np.bincount(E.ravel(), minlength=len(core)).astype(float)
        Pc = _pivot_mds(len(core), E, degree)
        Pc = _scale_to_edges(Pc, Rc, E)
        Pc = _fa2_grid(Pc, degree + 1.0, E)
        Pc = _spread(_scale_to_edges(Pc, Rc, E), Rc)
    else:
        Pc = np.array([[0.0, 0.0], [float(Rc.sum()) + GAP, 0.0]])[:len(core)]
    Pc = _separate(Pc, Rc)
    P = np.zeros((len(nodes), 2))
    P[[idx[n] for n in core]] = Pc
    # peeled trees, parents before children: the k-th child of an anchor on a golden-angle
    # spiral around it, as far out as the footprints of the children before it need
    golden = math.pi * (3 - math.sqrt(5))
    for m in core + peeled[::-1]:
        kids = sorted(children.get(m, ()), key=lambda c: (area[c], idx[c]))
        used = 0.0
        for k, c in enumerate(kids):
            used += area[c]
            ring = R[idx[m]] + GAP + math.sqrt((used - area[c] / 2) / (math.pi * 0.7)) + reach[c] * 0.5
            a = k * golden
            P[idx[c]] = P[idx[m]] + ring * np.array([math.cos(a), math.sin(a)])
    P = _separate(P, R)
    return P - P.mean(axis=0)


def _small_components(U: nx.Graph, comps: list[list[str]], radius: dict, seed: int) -> list:
    """Centred positions of many small components, laid out together (see _fa2_batch)."""
    import numpy as np

    nodes = [n for c in comps for n in c]
    if not nodes:
        return []
    idx = {v: i for i, v in enumerate(nodes)}
    groups, start = [], 0
    comp = np.zeros(len(nodes), dtype=np.int64)
    for k, c in enumerate(comps):
        groups.append(list(range(start, start + len(c))))
        comp[start:start + len(c)] = k
        start += len(c)
    R = np.array([radius[n] for n in nodes])
    mass = np.array([U.degree(n) + 1.0 for n in nodes])
    E = np.array(sorted((min(idx[u], idx[v]), max(idx[u], idx[v]))
                        for c in comps for u, v in U.subgraph(c).edges()),
                 dtype=np.int64).reshape(-1, 2)
    I, J = _pairs_within(groups)
    rng = np.random.default_rng(seed)
    scale = np.sqrt(np.bincount(comp).astype(float))[comp] * 3.0
    P = rng.uniform(-1, 1, size=(len(nodes), 2)) * scale[:, None]
    P = _fa2_batch(P, R, mass, I, J, E, comp)
    # each component scaled so its median edge is a few radii long, then discs pushed apart
    out = []
    for k, c in enumerate(comps):
        g = np.array(groups[k])
        Pc, Rc = P[g], R[g]
        local = {v: i for i, v in enumerate(c)}
        Ec = np.array([(local[u], local[v]) for u, v in U.subgraph(c).edges()],
                      dtype=np.int64).reshape(-1, 2)
        Pc = _scale_to_edges(Pc, Rc, Ec)
        out.append(Pc)
    P = np.concatenate(out)
    P = _separate_pairs(P, R, I, J, rounds=200)
    return [P[g] - P[g].mean(axis=0) for g in map(np.array, groups)]


def _shelves(boxes: list[tuple[float, float]], width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners for boxes (w, h) in rows of at most `width`, in the order given."""
    corners, x, y, row_h, used_w = [], 0.0, 0.0, 0.0, 0.0
    for w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        corners.append((x, y))
        x += w
        used_w = max(used_w, x)
        row_h = max(row_h, h)
    return corners, used_w, y + row_h


def layout(H: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions in layout units (node radius: node_radius()), computed once here so the
    page opens still and fast.

    Each connected component is laid out on its own with ForceAtlas2 (small ones all at once
    with exact forces; big ones from a PivotMDS start with repulsion on a grid, their hanging
    trees on spirals around their anchors), scaled so an edge is a few radii long, then discs
    are pushed apart until none overlaps; components are packed in rows, largest first,
    into a rectangle of the canvas's proportions; entities with no relation at all fill a tidy
    grid block of their own below them, parks first. Deterministic: the same graph gives the
    same positions whatever the hash seed.
    """
    import numpy as np

    U = nx.Graph()
    U.add_nodes_from(sorted(H.nodes))
    U.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in H.edges() if u != v))
    rank = {n: (-H.nodes[n]["degree"], H.nodes[n]["label"], n) for n in U}
    radius = {n: node_radius(H.nodes[n]["degree"], H.nodes[n]["cls"]) for n in U}

    comps = [sorted(c, key=rank.get) for c in nx.connected_components(U)]
    singles = sorted((c[0] for c in comps if len(c) == 1),
                     key=lambda n: (CLASSES.index(H.nodes[n]["cls"]), H.nodes[n]["label"], n))
    comps = sorted((c for c in comps if len(c) > 1), key=lambda c: (-len(c), rank[c[0]]))

    small = [c for c in comps if len(c) <= BATCH_LIMIT]
    laid = dict(zip(map(tuple, small), _small_components(U, small, radius, seed)))
    placed = []             # (nodes, positions from the box's corner, (w, h) with margin)
    for c in comps:
        R = np.array([radius[n] for n in c])
        P = laid.get(tuple(c))
        if P is None:
            P = _component(U, c, R)
        lo = (P - R[:, None]).min(axis=0)
        hi = (P + R[:, None]).max(axis=0)
        placed.append((c, P - lo + MARGIN, (float(hi[0] - lo[0]) + 2 * MARGIN,
                                             float(hi[1] - lo[1]) + 2 * MARGIN)))

    cell = 2 * max((radius[n] for n in singles), default=1.0) + 2 * GAP
    area = sum(w * h for *_, (w, h) in placed) + len(singles) * cell * cell
    width = max([math.sqrt(area * ASPECT)] + [w for *_, (w, _) in placed[:1]])
    corners, _, height = _shelves([b for *_, b in placed], width)

    out: dict[str, tuple[float, float]] = {}
    for (c, P, _), (x0, y0) in zip(placed, corners):
        for n, (px, py) in zip(c, P):
            out[n] = (round(x0 + float(px), 2), round(y0 + float(py), 2))
    if singles:
        cols = max(1, int(width // cell))
        y0 = height + (MARGIN if placed else 0.0)
        for i, n in enumerate(singles):
            r, q = divmod(i, cols)
            out[n] = (round((q + 0.5) * cell, 2), round(y0 + (r + 0.5) * cell, 2))
    return out


# --- page data ------------------------------------------------------------------------------

def _cut(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS - 1] + "…"


class _Passages:
    """The page's table of source sentences: each sentence once, as [text (cut), article
    headline, document], however many entities it mentions and relations it supports;
    mentions and evidence refer to rows by number."""

    def __init__(self):
        self.rows: list[list[str]] = []
        self._index: dict = {}

    def ref(self, p) -> int:
        """The row of a Passage (or its as_dict form)."""
        if isinstance(p, dict):
            text, article, document, key = p["text"], p["article"], p["document"], p.get("sentence")
        else:
            text, article, document, key = p.text, p.article, p.document, p.sentence
        key = key or (text, article, document)
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.rows)
            self.rows.append([_cut(text), article, document])
        return i

    def evidence(self, items: list[dict]) -> list[list]:
        """[row] or [row, confidence] per piece of evidence."""
        return [[self.ref(p)] + ([p["confidence"]] if p.get("confidence") is not None else [])
                for p in items]


#: Zone colours: the largest zones get one each (named in the page's legend); the others
#: share lighter tints; an entity linked to no park is grey (the page's NO_ZONE).
ZONE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                "#e377c2", "#17becf", "#bcbd22", "#7f3c8d", "#11a579", "#e73f74"]
ZONE_LIGHT = ["#a6c8e6", "#fdd0a2", "#b8e0b0", "#f4b6b6", "#d4c8e8", "#dcc6b8", "#f6c6e4",
              "#b2e6ec"]


def zones(H: nx.MultiDiGraph) -> tuple[dict[str, tuple[str, int]], list[tuple[str, int]]]:
    """Each entity's zone: the park it is nearest to by relations (ignoring direction), and how
    many relations away; a tie goes to the better connected park. Returns (entity -> (park,
    hops)) for every entity some park reaches, and the zones as (park, size), largest first."""
    adj: dict[str, set] = {n: set() for n in H}
    for u, v in H.edges():
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    rank = {n: (-H.nodes[n]["degree"], H.nodes[n]["label"], n) for n in H}
    frontier = sorted((n for n in H if H.nodes[n]["cls"] == "Park"), key=rank.get)
    owner = {p: (p, 0) for p in frontier}
    hops = 0
    while frontier:      # breadth first from every park at once, better parks first in a level
        hops += 1
        nxt = []
        for n in frontier:
            for m in sorted(adj[n], key=rank.get):
                if m not in owner:
                    owner[m] = (owner[n][0], hops)
                    nxt.append(m)
        frontier = nxt
    size: dict[str, int] = defaultdict(int)
    for park, _ in owner.values():
        size[park] += 1
    return owner, sorted(size.items(), key=lambda z: (-z[1], rank[z[0]]))


#: The investments the details panel lists per park or company (the rest: kg query).
MAX_INVESTMENTS = 20


def _investment_order(x: dict) -> tuple:
    """Newest first (the stated date, else the report's), then the larger amount."""
    when = x["date"] or x["published"] or ""
    return (when == "", tuple(-ord(c) for c in when), x["currency"], -decimal_amount(x["amount"]),
            x["iri"])


def _investments_of(H: nx.MultiDiGraph, ids: dict[str, int],
                    passages: _Passages) -> tuple[list[dict], dict[str, dict]]:
    """The page's investments (those of an entity it shows) and, per entity, the ones listed in
    its panel, how many more there are and the stated totals per currency."""
    mine: dict[str, list[dict]] = defaultdict(list)
    for x in H.graph.get("investments", ()):
        for n in {x["investor"], x["target"]}:
            if n in ids:
                mine[n].append(x)
    records: list[dict] = []
    index: dict[str, int] = {}
    per_node: dict[str, dict] = {}
    for n in sorted(mine, key=ids.get):
        items = sorted(mine[n], key=_investment_order)
        totals: dict[str, object] = {}
        for x in items:
            totals[x["currency"]] = totals.get(x["currency"], 0) + decimal_amount(x["amount"])
        listed = []
        for x in items[:MAX_INVESTMENTS]:
            if x["iri"] not in index:
                index[x["iri"]] = len(records)
                records.append({
                    "investor": ids.get(x["investor"], -1), "investorLabel": x["investor_label"],
                    "target": ids.get(x["target"], -1), "targetLabel": x["target_label"],
                    "amount": x["amount"], "currency": x["currency"], "amountText": x["amount_text"],
                    "project": x["project"], "date": x["date"], "published": x["published"],
                    **({"evidence": passages.ref(x["evidence"])} if x["evidence"] else {})})
            listed.append(index[x["iri"]])
        per_node[n] = {"inv": listed, "invMore": len(items) - len(listed),
                       "invTotals": [{"currency": c, "amount": str(a)} for c, a in sorted(totals.items())]}
    return records, per_node


def records(H: nx.MultiDiGraph, centres: list[str]) -> tuple[list[dict], list[dict], dict]:
    """Node and edge records for the page: position and radius (layout units), class, label,
    zone, and what the details panel shows (names, post, passages; relations with evidence;
    investments); and the page's zones, investments and table of source sentences."""
    ids: dict[str, int] = {}
    order = sorted(H.nodes, key=lambda n: (-H.nodes[n]["degree"], H.nodes[n]["label"], n))
    for i, n in enumerate(order):
        ids[n] = i
    xy = layout(H)
    owner, zone_list = zones(H)
    zone_index = {park: k for k, (park, _) in enumerate(zone_list)}
    passages = _Passages()
    investments, inv = _investments_of(H, ids, passages)
    nodes = []
    for i, n in enumerate(order):
        d = H.nodes[n]
        zone = owner.get(n)
        nodes.append({"id": i, "label": d["label"], "cls": d["cls"], "x": xy[n][0], "y": xy[n][1],
                      "r": node_radius(d["degree"], d["cls"]),
                      "z": zone_index[zone[0]] if zone else -1, "zd": zone[1] if zone else -1,
                      "kg": {
                          "iri": d["iri"], "names": d["names"], "degree": d["degree"],
                          "post": d["post"],
                          "mentions": [passages.ref(m) for m in d["mentions"][:MAX_PASSAGES]],
                          "more": max(0, len(d["mentions"]) - MAX_PASSAGES),
                          "focus": n in centres, **inv.get(n, {})}})
    edges = []
    for j, (u, v, rel, d) in enumerate(sorted(H.edges(keys=True, data=True),
                                              key=lambda e: (ids[e[0]], ids[e[1]], e[2]))):
        edges.append({"id": j, "from": ids[u], "to": ids[v], "rel": rel,
                      "kg": {"evidence": passages.evidence(d["evidence"][:MAX_PASSAGES]),
                             "more": max(0, len(d["evidence"]) - MAX_PASSAGES)}})
    named = min(len(zone_list), len(ZONE_COLOURS))
    extra = {
        "zones": [{"park": ids[p], "label": H.nodes[p]["label"], "count": c,
                   "colour": ZONE_COLOURS[k] if k < named else ZONE_LIGHT[(k - named) % len(ZONE_LIGHT)]}
                  for k, (p, c) in enumerate(zone_list)],
        "zoneInfo": {"named": named, "otherZones": len(zone_list) - named,
                     "otherCount": sum(c for _, c in zone_list[named:]),
                     "none": len(H) - len(owner)},
        "investments": investments,
        "passages": passages.rows,
    }
    return nodes, edges, extra


def page_data(G: nx.MultiDiGraph, H: nx.MultiDiGraph, note: dict, graph_name: str,
              focus: str | None, hops: int, min_degree: int, max_nodes: int) -> dict:
    nodes, edges, extra = records(H, note["centres"])
    whole = G.graph.get("whole")
    counts_all = {c: 0 for c in CLASSES}
    if whole:
        counts_all.update(whole["classes"])
    else:
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
            "totalNodes": whole["nodes"] if whole else G.number_of_nodes(),
            "totalEdges": note["total_edges"],
            "selectedNodes": note["selected_nodes"], "selectedEdges": note["selected_edges"],
            "leftOutNodes": note["left_out_nodes"], "leftOutEdges": note["left_out_edges"],
        },
        "classes": [{"name": c, "zh": CLASS_LABELS[c][0], "en": CLASS_LABELS[c][1],
                     "colour": CLASS_COLOUR[c], "count": counts[c], "total": counts_all[c]}
                    for c in CLASSES],
        "relations": [{"name": p, "zh": RELATION_LABELS[p][0], "en": RELATION_LABELS[p][1],
                       "colour": RELATION_COLOUR[p], "count": rel_counts[p]} for p in PROPERTIES],
        "nodes": nodes, "edges": edges, **extra,
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


def _template(name: str) -> str:
    return (resources.files("kg") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(data: dict, title: str) -> str:
    render_js = _inline_script(_template("render.js"))
    app_js = _inline_script(_template("graph.js"))
    # Only these two scripts may run; no connect/img/font/frame source outside the page.
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(render_js)} {_csp_hash(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    values = {
        "title": html.escape(title),
        "csp": html.escape(csp),
        "app_css": _inline_style(_template("graph.css")),
        "render_js": render_js,
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
               max_nodes: int = MAX_NODES, graph_name: str | None = None,
               corpus=None, base_iri: str | None = None) -> ViewInfo:
    """Write the HTML network view of graph_ttl (or of one entity's neighbourhood) to out_html.
    ``graph_name``: the name the page shows for the graph (default: graph_ttl's own; a build
    draws the view from the new graph before it is renamed to graph.ttl). ``corpus`` (with its
    ``base_iri``): the resolved corpus graph_ttl was written from, when the caller holds it (a
    build); the graph is then taken from it (kg.network.network_from_corpus, the page's
    entities only) and graph_ttl is not read."""
    graph_ttl, out_html = Path(graph_ttl), Path(out_html)
    if hops < 0:
        raise KGError("--hops must be 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise KGError("--max-nodes must be at least 1")
    with gc_frozen():
        if corpus is not None:
            from kg.network import DEFAULT_BASE, network_from_corpus
            whole = focus is not None or types or min_degree
            G = network_from_corpus(corpus, base_iri or DEFAULT_BASE,
                                    most_connected=None if whole else max_nodes)
        else:
            G = load_network(graph_ttl)
        return _write_view(G, graph_ttl, out_html, focus, hops, types, min_degree, max_nodes,
                           graph_name)


def _write_view(G: nx.MultiDiGraph, graph_ttl: Path, out_html: Path, focus, hops, types,
                min_degree, max_nodes, graph_name) -> ViewInfo:
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
                    total_nodes=data["meta"]["totalNodes"], total_edges=note["total_edges"],
                    selected_nodes=note["selected_nodes"], selected_edges=note["selected_edges"],
                    left_out_nodes=note["left_out_nodes"], left_out_edges=note["left_out_edges"],
                    focus=data["meta"]["focusLabels"], bytes=size)
