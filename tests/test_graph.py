"""The Turtle writer: valid for two independent parsers, deterministic, escaping-safe."""
import pyoxigraph as ox
import rdflib
from rdflib import URIRef, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.graph import DEFAULT_BASE, PK, entity_path, iri_segment, write_turtle
from kg.model import (Article, Corpus, DocEntity, DocResult, Entity, Evidence, Relation,
                      Sentence)


def make_corpus(label="青岛高新区"):
    doc = DocResult(
        doc_id="d 1", path="corpus/d 1.txt", sha256="a" * 64, encoding="gb18030", n_chars=40,
        title="标题", date="2024-01-15",
        articles=[Article(idx=0, start=0, end=40, title="标题", byline="本报记者 某某")],
        sentences=[Sentence(idx=0, start=0, end=20, text='位于"青岛高新区"的\\公司\n', article=0)],
        sentence_src=[(0, 22)], entities=[DocEntity(0, "Park", label, [label])],
        relations=[], relation_src=[])
    park = Entity(key=label, cls="Park", label=label, aliases=["青岛高新技术产业开发区"],
                  attrs={"kind": "zone"}, mentions=[("d 1", 0)])
    comp = Entity(key="格科微电子（上海）有限公司", cls="Company", label="格科微电子（上海）有限公司",
                  aliases=["格科微"], mentions=[("d 1", 0)])
    rel = Relation(s=comp.key, s_cls="Company", p="locatedIn", o=park.key, o_cls="Park",
                   evidence=[Evidence("d 1", 0, 3, 9, "located-weiyu", 0.9)])
    return Corpus(docs=[doc], entities=[park, comp], relations=[rel])


def test_parses_with_rdflib_and_oxigraph(tmp_path):
    path = tmp_path / "graph.ttl"
    n = write_turtle(make_corpus(), path)
    g = rdflib.Graph().parse(path, format="turtle")
    assert len(g) == n
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) == n
    park = URIRef(DEFAULT_BASE + "park/青岛高新区")
    comp = URIRef(DEFAULT_BASE + entity_path("Company", "格科微电子（上海）有限公司"))
    assert (park, RDF.type, URIRef(PK + "Park")) in g
    assert (park, RDFS.label, Literal("青岛高新区", lang="zh")) in g
    assert (comp, SKOS.altLabel, Literal("格科微", lang="zh")) in g
    assert (comp, URIRef(PK + "locatedIn"), park) in g
    # the sentence text with quotes, a backslash and a newline survives the round trip
    texts = [str(o) for o in g.objects(None, URIRef(PK + "text"))]
    assert texts == ['位于"青岛高新区"的\\公司\n']
    # evidence reaches the sentence and the document
    q = """PREFIX pk: <https://w3id.org/parkkg/ontology#>
           PREFIX prov: <http://www.w3.org/ns/prov#>
           SELECT ?text ?file WHERE { ?st rdf:subject ?s ; rdf:predicate pk:locatedIn ;
             pk:sentence/pk:text ?text ; prov:wasDerivedFrom/pk:fileName ?file }"""
    rows = list(g.query(q))
    assert [(str(a), str(b)) for a, b in rows] == [('位于"青岛高新区"的\\公司\n', "d 1.txt")]


def test_byte_identical_across_runs(tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_turtle(make_corpus(), a)
    write_turtle(make_corpus(), b)
    assert a.read_bytes() == b.read_bytes()


def test_base_iri_override(tmp_path):
    path = tmp_path / "g.ttl"
    write_turtle(make_corpus(), path, base="http://example.org/kg")
    g = rdflib.Graph().parse(path, format="turtle")
    assert (URIRef("http://example.org/kg/park/青岛高新区"), RDF.type, URIRef(PK + "Park")) in g


def test_iri_segment_keeps_cjk_and_encodes_the_rest():
    assert iri_segment("青岛高新区") == "青岛高新区"
    assert iri_segment("a b/c<>") == "a%20b%2Fc%3C%3E"
    assert iri_segment("（") == "%EF%BC%88"


def test_control_characters_escaped(tmp_path):
    path = tmp_path / "g.ttl"
    write_turtle(make_corpus(label="园区\x01\x7f名"), path)
    g = rdflib.Graph().parse(path, format="turtle")
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert "园区\x01\x7f名" in labels
