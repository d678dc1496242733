"""`kg stats`: counts, components, centrality, aligned CJK output."""
import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.network import load_network
from kg.stats import compute_stats, format_stats, table, width
from synthetic_graph import make

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"


def test_mini_stats():
    s = compute_stats(load_network(MINI))
    assert s["entities"] == 11 and s["relations"] == 12
    assert s["classes"] == {"Park": 2, "Company": 4, "Policy": 1, "Official": 1, "Executive": 1,
                            "Agency": 1, "Institution": 1}
    assert s["relation_counts"]["locatedIn"] == 4 and sum(s["relation_counts"].values()) == 12
    assert s["components"] == {"count": 1, "largest": [11], "singletons": 0}
    top_park = s["central"]["Park"]["by_degree"][0]
    assert (top_park["name"], top_park["degree"]) == ("青岛高新区", 9)
    # every path between its spokes runs through the park
    assert s["central"]["Park"]["by_betweenness"][0]["name"] == "青岛高新区"
    assert top_park["betweenness"] > 0.9
    assert s["isolated"]["count"] == 0 and s["betweenness_sampled"] is None


def test_components_and_isolated(tmp_path):
    syn = make(300, seed=5, isolated_share=0.05)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    s = compute_stats(load_network(ttl))
    assert s["isolated"]["count"] == len(syn.isolated) > 0
    assert s["components"]["singletons"] == len(syn.isolated)
    assert sum(s["isolated"]["by_class"].values()) == len(syn.isolated)
    assert s["components"]["largest"] == sorted(s["components"]["largest"], reverse=True)
    assert len(s["central"]["Company"]["by_degree"]) == 10
    degrees = [e["degree"] for e in s["central"]["Company"]["by_degree"]]
    assert degrees == sorted(degrees, reverse=True)


def test_cjk_width_alignment():
    assert width("青岛高新区") == 10 and width("ab") == 2 and width("（青岛）") == 8
    lines = table([["#", "name", "degree"], ["1", "青岛高新区", "9"], ["2", "Park A", "12"]],
                  right={0, 2})
    assert len({width(line) for line in lines}) == 1     # right-aligned last column: same width
    starts = {width(line[:line.index(name)]) for line, name in zip(lines, ["name", "青岛", "Park"])}
    assert len(starts) == 1                               # names start in the same column


def test_format_mentions_everything():
    text = format_stats(compute_stats(load_network(MINI)))
    for part in ("园区 Park", "位于 locatedIn", "connected components  1", "most central 园区 Park by degree",
                 "most central 企业 Company by betweenness", "isolated entities (no relation)  0"):
        assert part in text


def test_cli_stats_text_and_json():
    r = CliRunner().invoke(main, ["stats", "--out", str(MINI)])
    assert r.exit_code == 0 and "青岛高新区" in r.output
    r = CliRunner().invoke(main, ["stats", "--out", str(MINI), "--format", "json", "--top", "1"])
    assert r.exit_code == 0
    s = json.loads(r.output)
    assert s["entities"] == 11 and len(s["central"]["Company"]["by_degree"]) == 1
    r = CliRunner().invoke(main, ["stats", "--out", "missing.ttl"])
    assert r.exit_code == 2 and "graph not found" in r.output
