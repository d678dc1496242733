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


# --- the same graph from a build's corpus ------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_docs():
    from kg.extract import extract
    from kg.load import assign_doc_ids, find_files, load_source
    files = sorted(find_files([ROOT / "seeds"]), key=lambda p: p.as_posix())
    ids = assign_doc_ids(files)
    return [extract(load_source(f, ids[f])) for f in files]


def _plain(d: dict) -> dict:
    return {k: list(v) if k in ("mentions", "evidence") else v for k, v in d.items()}


@pytest.mark.parametrize("prerendered", [False, True])
def test_network_from_corpus_equals_the_graph_read_back(seed_docs, tmp_path, prerendered):
    """What a build passes to the view is what `kg viz` reads from graph.ttl: the same nodes,
    edges, attributes, passages and investments (sentences looked up in the documents' records,
    or in the Turtle a worker rendered them into)."""
    from kg.graph import prerender, write_turtle
    from kg.network import LazyList, network_from_corpus
    from kg.extract.resolve import resolve_corpus
    docs = [prerender(d) for d in seed_docs] if prerendered else seed_docs
    corpus = resolve_corpus(docs)
    corpus.published = {docs[0].doc_id: "2023-03-16"}       # as kg build --dates gives it
    base = "http://example.org/kg/"
    write_turtle(corpus, tmp_path / "g.ttl", base)
    A = load_network(tmp_path / "g.ttl")
    B = network_from_corpus(corpus, base)
    assert sorted(A) == sorted(B) and len(A) > 150
    for n in A:
        assert _plain(A.nodes[n]) == _plain(B.nodes[n]), n
    assert isinstance(B.nodes[n]["mentions"], LazyList)
    ea = sorted(A.edges(keys=True))
    assert ea == sorted(B.edges(keys=True)) and len(ea) > 100
    for e in ea:
        assert _plain(A.edges[e]) == _plain(B.edges[e]), e
    assert A.graph["investments"] == B.graph["investments"]
    assert len(B.graph["investments"]) >= 5
    assert any(x["published"] == "2023-03-16" for x in B.graph["investments"])


def test_network_from_corpus_can_keep_only_the_most_connected(seed_docs):
    from kg.network import network_from_corpus
    from kg.extract.resolve import resolve_corpus
    corpus = resolve_corpus(seed_docs)
    full = network_from_corpus(corpus)
    cut = network_from_corpus(corpus, most_connected=40)
    ranked = sorted(full, key=lambda n: (-full.nodes[n]["degree"], full.nodes[n]["label"], n))
    assert sorted(cut) == sorted(ranked[:40])
    assert all(cut.nodes[n]["degree"] == full.nodes[n]["degree"] for n in cut)   # of the whole
    assert sorted(cut.edges(keys=True)) == sorted(e for e in full.edges(keys=True)
                                                  if e[0] in cut and e[1] in cut)
    classes = {}
    for _, d in full.nodes(data=True):
        classes[d["cls"]] = classes.get(d["cls"], 0) + 1
    assert cut.graph["whole"] == {"nodes": len(full), "edges": full.number_of_edges(),
                                  "classes": classes}
    touching = [x for x in full.graph["investments"] if x["investor"] in cut or x["target"] in cut]
    assert cut.graph["investments"] == touching
    assert "whole" not in network_from_corpus(corpus, most_connected=len(full)).graph


def test_lazy_passages_are_looked_up_only_when_read():
    from kg.network import LazyList
    made = []
    lazy = LazyList(list(range(100)), lambda k: made.append(k) or k * 2)
    assert len(lazy) == 100 and made == []
    assert lazy[:3] == [0, 2, 4] and lazy[-1] == 198 and made == [0, 1, 2, 99]
