"""`kg stats`: what networkx says about the graph — counts, components, central entities."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import networkx as nx

from kg.model import CLASSES, PROPERTIES
from kg.network import CLASS_LABELS, RELATION_LABELS, load_network, simple_undirected

TOP = 10
#: Exact betweenness is O(nodes x edges) in pure Python; above this many nodes it is estimated
#: from a sample of source nodes (networkx's k-sampling, fixed seed so output is reproducible),
#: as many as fit in about the time of an exact run at the limit.
EXACT_BETWEENNESS_LIMIT = 800
SAMPLE_BUDGET = 800 * 1600      # sources x (nodes + edges)
CENTRAL_CLASSES = ("Park", "Company")


def compute_stats(G: nx.MultiDiGraph, top: int = TOP) -> dict:
    """Statistics of the entity graph as plain data (what `kg stats --format json` prints)."""
    U = simple_undirected(G)
    classes = {c: 0 for c in CLASSES}
    for _, d in G.nodes(data=True):
        classes[d["cls"]] += 1
    relations = {p: 0 for p in PROPERTIES}
    for _, _, k in G.edges(keys=True):
        relations[k] += 1
    comps = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
    n = U.number_of_nodes()
    if n > EXACT_BETWEENNESS_LIMIT:
        approx = max(64, min(n, SAMPLE_BUDGET // (n + U.number_of_edges())))
        between = nx.betweenness_centrality(U, k=approx, seed=0)
    else:
        between = nx.betweenness_centrality(U) if n else {}
        approx = None

    def entry(v: str) -> dict:
        d = G.nodes[v]
        return {"name": d["label"], "iri": v, "class": d["cls"], "degree": d["degree"],
                "neighbours": U.degree(v), "betweenness": round(between.get(v, 0.0), 6)}

    central = {}
    for cls in CENTRAL_CLASSES:
        members = [v for v, d in G.nodes(data=True) if d["cls"] == cls]
        by_degree = sorted(members, key=lambda v: (-G.nodes[v]["degree"], -between.get(v, 0),
                                                   G.nodes[v]["label"]))
        by_between = sorted(members, key=lambda v: (-between.get(v, 0), -G.nodes[v]["degree"],
                                                    G.nodes[v]["label"]))
        central[cls] = {"by_degree": [entry(v) for v in by_degree[:top]],
                        "by_betweenness": [entry(v) for v in by_between[:top]]}
    isolated = sorted((v for v in U.nodes if U.degree(v) == 0),
                      key=lambda v: (CLASSES.index(G.nodes[v]["cls"]), G.nodes[v]["label"]))
    return {
        "entities": G.number_of_nodes(),
        "relations": G.number_of_edges(),
        "classes": classes,
        "relation_counts": relations,
        "components": {"count": len(comps), "largest": comps[:top],
                       "singletons": sum(1 for c in comps if c == 1)},
        "density": round(nx.density(U), 6) if n > 1 else 0.0,
        "betweenness_sampled": approx,
        "central": central,
        "isolated": {"count": len(isolated),
                     "by_class": {c: sum(1 for v in isolated if G.nodes[v]["cls"] == c)
                                  for c in CLASSES},
                     "examples": [G.nodes[v]["label"] for v in isolated[:top]]},
    }


def investment_stats(G: nx.MultiDiGraph, top: int = TOP) -> dict:
    """The stated investments (pk:Investment): how many, the sum per currency (never
    converted), and the largest ones per currency."""
    from decimal import Decimal
    invs = G.graph.get("investments", [])
    by_currency: dict[str, dict] = {}
    for i in invs:
        c = by_currency.setdefault(i["currency"], {"count": 0, "total": Decimal(0), "largest": []})
        c["count"] += 1
        c["total"] += Decimal(i["amount"])
        if len(c["largest"]) < top:      # the list is sorted largest first per currency
            c["largest"].append({k: i[k] for k in ("investor_label", "target_label", "amount",
                                                    "amount_text", "project", "date")})
    for c in by_currency.values():
        c["total"] = format(c["total"].normalize(), "f")
    order = sorted(by_currency, key=lambda k: (-by_currency[k]["count"], k))
    return {"count": len(invs), "by_currency": {k: by_currency[k] for k in order}}


def graph_stats(graph_ttl: Path, top: int = TOP) -> dict:
    G = load_network(graph_ttl)
    stats = compute_stats(G, top)
    stats["investments"] = investment_stats(G, top)
    stats["graph"] = str(graph_ttl)
    return stats


# --- text output -------------------------------------------------------------------------------

def width(text: str) -> int:
    """Terminal columns: CJK (wide / full-width) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)


def pad(text: str, cols: int, right: bool = False) -> str:
    fill = " " * max(0, cols - width(text))
    return fill + text if right else text + fill


def table(rows: list[list[str]], right: set[int] = frozenset(), indent: str = "  ") -> list[str]:
    """Rows of cells aligned in columns (right-aligned for the column indexes in `right`)."""
    if not rows:
        return []
    cols = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [indent + "  ".join(pad(c, cols[i], i in right) for i, c in enumerate(r)).rstrip()
            for r in rows]


def _fmt_b(x: float) -> str:
    return f"{x:.4f}"


def format_stats(s: dict) -> str:
    out = [f"graph        {s.get('graph', '')}",
           f"entities     {s['entities']:,}",
           f"relations    {s['relations']:,}", ""]
    out.append("entities by class")
    out += table([[f"{CLASS_LABELS[c][0]} {c}", f"{n:,}"] for c, n in s["classes"].items()],
                 right={1})
    out.append("")
    out.append("relations")
    out += table([[f"{RELATION_LABELS[p][0]} {p}", f"{n:,}"]
                  for p, n in s["relation_counts"].items()], right={1})
    out.append("")
    comp = s["components"]
    largest = ", ".join(f"{n:,}" for n in comp["largest"]) or "-"
    out.append(f"connected components  {comp['count']:,}  (largest: {largest};"
               f" single entities: {comp['singletons']:,})")
    out.append(f"density               {s['density']}")
    for cls, c in s["central"].items():
        zh = CLASS_LABELS[cls][0]
        for key, title in (("by_degree", "degree"), ("by_betweenness", "betweenness")):
            rows = c[key]
            out.append("")
            note = ""
            if key == "by_betweenness" and s["betweenness_sampled"]:
                note = f" (estimated from {s['betweenness_sampled']} sampled sources)"
            out.append(f"most central {zh} {cls} by {title}{note}")
            if not rows:
                out.append("  (none)")
                continue
            header = ["#", "name", "degree", "betweenness"]
            body = [[str(i), r["name"], str(r["degree"]), _fmt_b(r["betweenness"])]
                    for i, r in enumerate(rows, 1)]
            out += table([header] + body, right={0, 2, 3})
    iso = s["isolated"]
    out.append("")
    by = "  ".join(f"{c} {n}" for c, n in iso["by_class"].items() if n)
    out.append(f"isolated entities (no relation)  {iso['count']:,}" + (f"   {by}" if by else ""))
    if iso["examples"]:
        more = iso["count"] - len(iso["examples"])
        out.append("  " + "、".join(iso["examples"]) + (f" … (+{more:,})" if more > 0 else ""))
    inv = s.get("investments")
    if inv is not None:
        out.append("")
        sums = "  ".join(f"{cur} {c['count']:,} ({_fmt_amount(c['total'])})"
                         for cur, c in inv["by_currency"].items())
        out.append(f"stated investments  {inv['count']:,}" + (f"   {sums}" if sums else ""))
        for cur, c in inv["by_currency"].items():
            out.append(f"largest stated investments in {cur} (amounts never converted)")
            body = [[str(n), r["investor_label"], "→ " + r["target_label"], r["amount_text"],
                     _fmt_amount(r["amount"]), r["date"] or "-"]
                    for n, r in enumerate(c["largest"], 1)]
            out += table(body, right={0, 4})
    return "\n".join(out)


def _fmt_amount(x: str) -> str:
    """450000000 -> 450,000,000 (the decimal as stated, grouped for reading)."""
    whole, _, frac = str(x).partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")
