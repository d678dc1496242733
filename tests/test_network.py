"""The networkx projection of the RDF graph: entities and the eight relations, no provenance."""
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.network import (find_entities, load_network, neighbourhood, simple_undirected,
                        suggest_names)
from synthetic_graph import make

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
ID = "https://w3id.org/parkkg/id/"
PARK = ID + "park/青岛高新区"
AZ = ID + "company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司"
EDW = ID + "company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司"
XSS = ID + "company/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"


@pytest.fixture(scope="module")
def mini():
    return load_network(MINI)


def test_entities_are_nodes_and_provenance_is_not(mini):
    assert mini.number_of_nodes() == 11
    assert all("/doc/" not in n and "/stmt/" not in n for n in mini)
    classes = sorted(d["cls"] for _, d in mini.nodes(data=True))
    assert classes.count("Company") == 4 and classes.count("Park") == 2
    assert mini.nodes[PARK]["label"] == "青岛高新区"
    assert mini.nodes[PARK]["aliases"] == ["青岛高新技术产业开发区"]
    assert mini.nodes[XSS]["names"] == ["<img src=x onerror=alert(1)>",
                                        "<script>window.__pwned=1</script>"]
    assert mini.nodes[ID + "official/李天传"]["post"] == "管委会常务副主任"


def test_relations_are_edges_with_labels_and_evidence(mini):
    assert mini.number_of_edges() == 12
    keys = sorted(k for _, _, k in mini.edges(keys=True))
    assert keys.count("locatedIn") == 4 and keys.count("investsIn") == 2
    # two relations between the same pair stay two edges
    assert set(mini[AZ][PARK]) == {"locatedIn", "investsIn"}
    e = mini.edges[AZ, PARK, "locatedIn"]
    assert (e["zh"], e["en"]) == ("位于", "located in")
    [ev] = e["evidence"]
    assert ev["text"].startswith("位于青岛高新区的阿斯利康制药")
    assert ev["article"] == "青岛高新区服务全代办" and ev["document"] == "d1.txt"
    assert ev["confidence"] == pytest.approx(0.9) and ev["rule"] == "located-weiyu"
    assert mini.edges[AZ, PARK, "investsIn"]["evidence"] == []


def test_degree_and_mentions(mini):
    assert mini.nodes[PARK]["degree"] == 9
    assert mini.nodes[ID + "agency/国务院"]["degree"] == 1
    mentions = mini.nodes[PARK]["mentions"]
    assert [m.sentence.rsplit("/", 1)[-1] for m in mentions] == ["0", "1"]   # page order
    assert mentions[1].text.startswith("青岛高新区管委会常务副主任李天传")
    assert mentions[0].article == "青岛高新区服务全代办" and mentions[0].document == "d1.txt"


def test_find_by_any_name(mini):
    assert find_entities(mini, "埃地沃兹") == [EDW]                     # alias
    assert find_entities(mini, "青岛高新技术产业开发区") == [PARK]
    assert find_entities(mini, "阿斯利康制药(青岛)有限公司") == [AZ]      # half-width brackets
    assert find_entities(mini, " 青岛高新区 ") == [PARK]
    assert find_entities(mini, "<script>window.__pwned=1</script>") == [XSS]
    assert find_entities(mini, "北京") == []


def test_suggestions(mini):
    assert suggest_names(mini, "青岛高新")[:2] == ["青岛高新区", "青岛高新技术产业开发区"]
    assert "阿斯利康" in suggest_names(mini, "阿斯利")
    assert suggest_names(mini, "完全无关的名字") == []


def test_neighbourhood(mini):
    assert neighbourhood(mini, [EDW], 0) == {EDW}
    one = neighbourhood(mini, [EDW], 1)
    assert one == {EDW, PARK, ID + "executive/洪锡哲"}
    two = neighbourhood(mini, [EDW], 2)   # all but 国务院 and 阿斯利康 (three hops away)
    assert len(two) == 9 and ID + "agency/国务院" not in two and ID + "company/阿斯利康" not in two
    assert len(neighbourhood(mini, [EDW], 3)) == 11


def test_untyped_object_is_not_an_edge(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text(MINI.read_text(encoding="utf-8") +
                   "\n<company/阿斯利康> pk:locatedIn <park/unknown> .\n", encoding="utf-8")
    G = load_network(ttl)
    assert G.number_of_nodes() == 11 and G.number_of_edges() == 12


def test_synthetic_counts(tmp_path):
    syn = make(300, seed=3)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(syn.ttl, encoding="utf-8")
    G = load_network(ttl)
    assert G.number_of_nodes() == sum(len(v) for v in syn.entities.values())
    assert G.number_of_edges() == len(syn.relations)
    U = simple_undirected(G)
    assert {n.removeprefix(ID) for n in U if U.degree(n) == 0} == syn.isolated


def test_errors(tmp_path):
    with pytest.raises(KGError, match="graph not found"):
        load_network(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(KGError, match="cannot parse"):
        load_network(bad)
