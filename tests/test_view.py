"""The HTML view file: self-contained, offline, escaped; selection; `kg viz` (browser-free part)."""
import base64
import hashlib
import html as htmlmod
import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from kg.cli import main
from kg.errors import KGError
from kg.view import (MAX_INVESTMENTS, layout, node_radius, parse_types, script_json, select,
                     write_view, zones)
from kg.network import load_network
from synthetic_graph import make

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def mini_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("view") / "graph.html"
    info = write_view(MINI, out)
    return info, out.read_bytes().decode("utf-8")


def test_counts_and_info(mini_page):
    info, html = mini_page
    assert (info.nodes, info.edges, info.total_nodes, info.total_edges) == (11, 12, 11, 12)
    assert not info.truncated and info.bytes == len(html.encode("utf-8"))
    data = page_json(html)
    assert len(data["nodes"]) == 11 and len(data["edges"]) == 12
    assert {n["label"] for n in data["nodes"]} >= {"青岛高新区", "<img src=x onerror=alert(1)>"}


def test_self_contained(mini_page):
    _, html = mini_page
    # nothing that loads from elsewhere: no src/href to a URL, no @import, no url(http…)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"@import", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", html, re.I)
    assert "bootstrap" not in html.lower() and "cdn" not in html.lower().split("<script")[0]
    assert "new KGCanvas(" in html and 'charset="utf-8"' in html
    # exactly the three script elements of the template ("</script" is escaped inside them)
    assert html.count("</script>") == 3


def test_untrusted_text_never_appears_raw(mini_page):
    _, html = mini_page
    for raw in ("<img src=x", "<script>window.__pwned", "onerror=alert(1)>"):
        assert raw not in html
    data = page_json(html)   # ... yet arrives intact as data
    names = [nm for n in data["nodes"] for nm in n["kg"]["names"]]
    assert "<script>window.__pwned=1</script>" in names
    assert any("<img src=x onerror=alert(1)>" in data["passages"][m][0]
               for n in data["nodes"] for m in n["kg"]["mentions"])
    # the page builds text with textContent, never innerHTML / document.write / eval
    js = (Path(__file__).parents[1] / "kg" / "templates" / "graph.js").read_text(encoding="utf-8")
    js = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)     # comments may name the sinks
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in js


def test_csp_allows_exactly_the_page_scripts(mini_page):
    _, html = mini_page
    csp = htmlmod.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2          # the renderer, the page
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@given(st.text())
def test_script_json_is_inert_and_lossless(text):
    out = script_json({"t": text})
    assert not set(out) & set("<>&\u2028\u2029")
    assert json.loads(out) == {"t": text}


def test_each_source_sentence_is_in_the_page_once():
    data = page_json(write_view_html(MINI))
    refs = [m for n in data["nodes"] for m in n["kg"]["mentions"]] + \
        [ev[0] for e in data["edges"] for ev in e["kg"]["evidence"]]
    assert sorted(set(refs)) == list(range(len(data["passages"])))      # every row used
    assert len(refs) > len(data["passages"])                            # and shared
    assert len({tuple(p) for p in data["passages"]}) == len(data["passages"])
    rel = next(e for e in data["edges"] if e["kg"]["evidence"])
    assert len(rel["kg"]["evidence"][0]) == 2 and 0 < rel["kg"]["evidence"][0][1] <= 1   # confidence


def test_tooltip_data_is_capped(tmp_path):
    ttl = tmp_path / "g.ttl"
    extra = "".join(
        f'<doc/d1/s/{i}> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; '
        f'pk:index {i} ; pk:text "青岛高新区第{i}句。"@zh .\n<park/青岛高新区> pk:mentionedIn <doc/d1/s/{i}> .\n'
        for i in range(10, 18))
    ttl.write_text(MINI.read_text(encoding="utf-8") + extra, encoding="utf-8")
    write_view(ttl, tmp_path / "v.html")
    data = page_json((tmp_path / "v.html").read_text(encoding="utf-8"))
    park = next(n for n in data["nodes"] if n["label"] == "青岛高新区")
    assert len(park["kg"]["mentions"]) == 3 and park["kg"]["more"] == 7


def test_focus_hops_types_min_degree():
    G = load_network(MINI)
    H, note = select(G, focus="埃地沃兹", hops=1)
    assert sorted(d["label"] for _, d in H.nodes(data=True)) == [
        "埃地沃兹真空泵制造（青岛）有限公司", "洪锡哲", "青岛高新区"]
    H, _ = select(G, focus="埃地沃兹", hops=1, types=["Park"])
    assert H.number_of_nodes() == 2          # the focus always stays
    H, _ = select(G, types=parse_types("Park,企业"))
    assert {d["cls"] for _, d in H.nodes(data=True)} == {"Park", "Company"}
    H, _ = select(G, min_degree=2)
    assert sorted(d["label"] for _, d in H.nodes(data=True)) == [
        "关于进一步优化外商投资环境加大吸引外商投资力度的意见", "埃地沃兹真空泵制造（青岛）有限公司",
        "阿斯利康制药（青岛）有限公司", "青岛高新区"]


def test_unknown_focus_and_type():
    G = load_network(MINI)
    with pytest.raises(KGError, match="did you mean: 青岛高新区"):
        select(G, focus="青岛高新")
    with pytest.raises(KGError, match="unknown class 'Parks'"):
        parse_types("Parks")


def test_max_nodes_keeps_most_connected(tmp_path):
    syn = make(400, seed=1)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    info = write_view(ttl, tmp_path / "v.html", max_nodes=100)
    assert info.nodes == 100 and info.truncated
    assert info.left_out_nodes == info.total_nodes - 100
    assert info.left_out_edges == info.total_edges - info.edges > 0
    data = page_json((tmp_path / "v.html").read_text(encoding="utf-8"))
    assert data["meta"]["leftOutNodes"] == info.left_out_nodes
    G = load_network(ttl)
    kept = sorted((n["kg"]["degree"] for n in data["nodes"]), reverse=True)
    assert kept[-1] >= sorted((d for _, d in G.degree()), reverse=True)[99]


def test_layout_is_deterministic_and_separates_nodes(tmp_path):
    syn = make(300, seed=2)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    G = load_network(ttl)
    a, b = layout(G), layout(G)
    assert a == b and set(a) == set(G.nodes)
    points = sorted(a.values())
    assert len(set(points)) == len(points)     # no two entities on the same spot
    # no two discs overlap (the page draws radii in layout units)
    ids = sorted(a)
    r = {n: node_radius(G.nodes[n]["degree"], G.nodes[n]["cls"]) for n in ids}
    for i, u in enumerate(ids):
        for v in ids[i + 1:]:
            assert math.dist(a[u], a[v]) >= r[u] + r[v] - 1e-6, (u, v)


def test_close_pairs_finds_every_touching_pair():
    """The hashed grid (and the hubs' coarser grids) misses no pair of discs closer than their
    radii and twice the gap: checked against every pair."""
    import numpy as np
    from kg.view import GAP, _close_pairs
    rng = np.random.default_rng(3)
    P = rng.uniform(0, 120, size=(900, 2))
    R = np.where(rng.random(900) < 0.05, rng.uniform(5, 25, 900), rng.uniform(1, 2.5, 900))
    I, J = _close_pairs(P, R)
    found = set(zip(I.tolist(), J.tolist()))
    assert all(i < j for i, j in found) and len(found) == len(I)          # each pair once
    d = np.hypot(P[:, None, 0] - P[None, :, 0], P[:, None, 1] - P[None, :, 1])
    want = {(i, j) for i, j in zip(*np.nonzero(d < R[:, None] + R[None, :] + 2 * GAP)) if i < j}
    assert found == want


def _big_component():
    """Two parks sharing 400 companies (each located in one, investing in the other: no leaf
    to peel, and all 400 at the same hop distances), a chain of parks, trees hanging off."""
    import networkx as nx
    H = nx.MultiDiGraph()

    def add(n, cls):
        H.add_node(n, cls=cls, label=n, iri=n)
    for p in ("P0", "P1"):
        add(p, "Park")
    for i in range(400):
        add(f"c{i}", "Company")
        H.add_edge(f"c{i}", "P0", key="locatedIn")
        H.add_edge(f"c{i}", "P1", key="investsIn")
    for i in range(2, 40):
        add(f"P{i}", "Park")
        H.add_edge(f"P{i}", f"P{i - 1}", key="partOf")
        for k in range(i % 7):
            add(f"t{i}-{k}", "Executive")
            H.add_edge(f"t{i}-{k}", f"P{i}", key="holdsPost")
    for n, d in H.degree():
        H.nodes[n]["degree"] = d
    return H


def test_big_component_layout_is_deterministic_and_separates_nodes():
    H = _big_component()
    assert len(H) > 300                       # laid out by _component, not the small batch
    a, b = layout(H), layout(H)
    assert a == b and set(a) == set(H)
    pts = {n: a[n] for n in H}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pts.values())
    r = {n: node_radius(H.nodes[n]["degree"], H.nodes[n]["cls"]) for n in H}
    ids = sorted(H)
    for i, u in enumerate(ids):
        for v in ids[i + 1:]:
            assert math.dist(pts[u], pts[v]) >= r[u] + r[v] - 1e-6, (u, v)
    # an entity peeled off (one relation) sits by its anchor, a few discs away
    for n in H:
        if n.startswith("t"):
            park = next(iter(H[n]))
            assert math.dist(pts[n], pts[park]) < r[n] + r[park] + 12, n


def test_layout_packs_components_and_grids_single_entities():
    G = load_network(MINI)
    H = G.copy()
    for i in range(30):                         # thirty entities with no relation
        H.add_node(f"x{i}", cls="Company" if i % 2 else "Park", label=f"单{i:02d}", degree=0)
    pos = layout(H)
    big = [pos[n] for n in G.nodes]
    singles = [pos[f"x{i}"] for i in range(30)]
    # the single entities sit in a block below the connected ones, on a grid
    assert min(y for _, y in singles) > max(y for _, y in big)
    assert len({y for _, y in singles}) <= 30 // 5 + 1 and len({x for x, _ in singles}) >= 5
    # parks first in the block
    parks = [pos[f"x{i}"] for i in range(0, 30, 2)]
    assert max(parks, key=lambda p: (p[1], p[0])) < min((pos[f"x{i}"] for i in range(1, 30, 2)),
                                                       key=lambda p: (p[1], p[0]))


def test_zones_take_the_nearest_park():
    G = load_network(MINI)
    owner, zone_list = zones(G)
    label = {n: d["label"] for n, d in G.nodes(data=True)}
    by_label = {label[n]: (label[p], hops) for n, (p, hops) in owner.items()}
    assert by_label["青岛高新区"] == ("青岛高新区", 0)
    assert by_label["青岛海洋生物医药特色产业基地"] == ("青岛海洋生物医药特色产业基地", 0)
    assert by_label["埃地沃兹真空泵制造（青岛）有限公司"] == ("青岛高新区", 1)
    assert by_label["洪锡哲"] == ("青岛高新区", 2)       # works for a company located in it
    assert [(label[p], n) for p, n in zone_list] == [("青岛高新区", 10),
                                                     ("青岛海洋生物医药特色产业基地", 1)]


def test_zone_ties_go_to_the_better_connected_park():
    import networkx as nx
    H = nx.MultiDiGraph()
    for n, cls in (("A", "Park"), ("B", "Park"), ("c", "Company"), ("d", "Company"),
                   ("e", "Executive"), ("x", "Policy"), ("y", "Agency")):
        H.add_node(n, cls=cls, label=n)
    for u, v in (("c", "A"), ("c", "B"), ("d", "A"), ("e", "c"), ("x", "y")):
        H.add_edge(u, v, key="r")
    for n, deg in H.degree():
        H.nodes[n]["degree"] = deg
    owner, zone_list = zones(H)
    assert owner["c"] == ("A", 1) and owner["e"] == ("A", 2)   # A has two relations, B one
    assert "x" not in owner and "y" not in owner                # linked to no park
    assert zone_list == [("A", 4), ("B", 1)]


def test_page_carries_zones():
    data = page_json(write_view_html(MINI))
    park = next(n for n in data["nodes"] if n["label"] == "青岛高新区")
    zone = data["zones"][park["z"]]
    assert (zone["park"], zone["label"], zone["count"], park["zd"]) == (park["id"], "青岛高新区", 10, 0)
    assert all(n["z"] == park["z"] for n in data["nodes"] if n["label"] != "青岛海洋生物医药特色产业基地")
    assert data["zoneInfo"] == {"named": 2, "otherZones": 0, "otherCount": 0, "none": 0}
    assert len({z["colour"] for z in data["zones"]}) == 2


def write_view_html(ttl: Path, **kw) -> str:
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        write_view(ttl, Path(tmp) / "v.html", **kw)
        return (Path(tmp) / "v.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "out"
    r = CliRunner().invoke(main, ["build", str(Path(__file__).resolve().parents[1] / "seeds"),
                                  "--out", str(out), "--no-store"])
    assert r.exit_code == 0, r.output
    return out


def test_page_lists_a_parks_investments(seeds_build):
    """The details panel's data: a park's stated investments with investor, amount as written,
    currency, project, date and evidence; totals per currency, never converted."""
    data = page_json((seeds_build / "graph.html").read_text(encoding="utf-8"))
    park = next(n for n in data["nodes"] if n["label"] == "青岛高新区")
    listed = [data["investments"][i] for i in park["kg"]["inv"]]
    az = next(x for x in listed if x["amountText"] == "约为4.5亿美元")
    assert az["investorLabel"] == "阿斯利康制药（青岛）有限公司" and az["target"] == park["id"]
    assert (az["amount"], az["currency"], az["project"]) == ("450000000", "USD", "吸入气雾剂生产供应基地")
    text, _, document = data["passages"][az["evidence"]]
    assert az["amountText"] in text and document.endswith(".txt")
    investor = data["nodes"][az["investor"]]
    assert data["investments"].index(az) in investor["kg"]["inv"]      # the company lists it too
    totals = {t["currency"]: t["amount"] for t in park["kg"]["invTotals"]}
    cny = sum(float(x["amount"]) for x in listed if x["currency"] == "CNY")
    assert float(totals["CNY"]) == cny and float(totals["USD"]) >= 450000000
    assert park["kg"]["invMore"] == 0 and len(listed) <= MAX_INVESTMENTS


def test_atomic_write_keeps_old_file_on_error(tmp_path):
    out = tmp_path / "graph.html"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(KGError):
        write_view(MINI, out, focus="不存在的园区")
    assert out.read_text(encoding="utf-8") == "previous"
    write_view(MINI, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]     # no temp file left


def test_empty_graph(tmp_path):
    ttl = tmp_path / "empty.ttl"
    ttl.write_text("@prefix pk: <https://w3id.org/parkkg/ontology#> .\n", encoding="utf-8")
    info = write_view(ttl, tmp_path / "v.html")
    assert info.nodes == 0 and (tmp_path / "v.html").exists()


# --- kg viz ------------------------------------------------------------------------------------

def test_cli_viz_default_and_focus(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(MINI.read_bytes())
    r = CliRunner().invoke(main, ["viz", "--out", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "graph.html").exists() and "11 entities, 12 relations" in r.output
    r = CliRunner().invoke(main, ["viz", "--out", str(graph), "--focus", "埃地沃兹", "--hops", "1"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "view-埃地沃兹.html"
    assert out.exists() and "3 entities" in r.output and "埃地沃兹真空泵制造" in r.output
    r = CliRunner().invoke(main, ["viz", "--out", str(graph), "--types", "Park,Company",
                                  "-o", str(tmp_path / "pc.html")])
    assert r.exit_code == 0 and "6 entities" in r.output


def test_build_writes_the_view_kg_viz_writes(tmp_path, monkeypatch):
    """kg build draws the view from the graph it holds in memory (no Turtle read back): the
    page is byte for byte the one `kg viz` draws from the graph.ttl it wrote."""
    import kg.view

    def no_reading(path):
        raise AssertionError(f"the build read {path} back")
    out = tmp_path / "out"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    with monkeypatch.context() as m:
        m.setattr(kg.view, "load_network", no_reading)
        r = CliRunner().invoke(main, ["build", str(seeds), "--out", str(out), "--no-store"])
    assert r.exit_code == 0, r.output
    assert "pk:Investment" in (out / "graph.ttl").read_text(encoding="utf-8")
    r = CliRunner().invoke(main, ["viz", "--out", str(out), "-o", str(tmp_path / "viz.html")])
    assert r.exit_code == 0, r.output
    assert (out / "graph.html").read_bytes() == (tmp_path / "viz.html").read_bytes()


def test_page_from_the_builds_corpus_equals_the_page_from_its_turtle(tmp_path):
    """Cut to the most connected entities before the page is made (what a build does), the
    page is the one `kg viz --max-nodes` draws from the whole graph read back: the same
    entities, totals and note of what was left out."""
    from kg.extract import extract
    from kg.graph import write_turtle
    from kg.load import assign_doc_ids, find_files, load_source
    from kg.extract.resolve import resolve_corpus
    files = sorted(find_files([Path(__file__).resolve().parents[1] / "seeds"]), key=lambda p: p.as_posix())
    ids = assign_doc_ids(files)
    corpus = resolve_corpus([extract(load_source(f, ids[f])) for f in files])
    write_turtle(corpus, tmp_path / "graph.ttl")
    a = write_view(tmp_path / "graph.ttl", tmp_path / "a.html", max_nodes=60)
    b = write_view(tmp_path / "graph.ttl", tmp_path / "b.html", max_nodes=60, corpus=corpus)
    import dataclasses
    assert a.truncated and a.left_out_nodes == a.total_nodes - 60
    assert dataclasses.replace(b, path=a.path) == a
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_cli_viz_errors(tmp_path):
    r = CliRunner().invoke(main, ["viz", "--out", str(MINI), "--focus", "阿斯利",
                                  "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2
    assert "no entity named '阿斯利'" in r.output and "阿斯利康" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(main, ["viz", "--out", str(tmp_path / "nope.ttl")])
    assert r.exit_code == 2 and "graph not found" in r.output
    r = CliRunner().invoke(main, ["viz", "--out", str(MINI), "--types", "Town",
                                  "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "unknown class 'Town'" in r.output


def test_cli_viz_default_cap_is_the_views():
    from kg.cli.viz import viz
    from kg.view import MAX_NODES
    assert next(o.default for o in viz.params if o.name == "max_nodes") == MAX_NODES


def test_cli_viz_truncation_note(tmp_path):
    syn = make(200, seed=4)
    graph = tmp_path / "graph.ttl"
    graph.write_text(syn.ttl, encoding="utf-8")
    r = CliRunner().invoke(main, ["viz", "--out", str(graph), "--max-nodes", "50"])
    assert r.exit_code == 0
    assert "kept the 50 most connected" in r.output and "--focus NAME" in r.output
