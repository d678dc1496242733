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


# --- the fixed-shape renderers write exactly what the generic block writer would -----------

def _generic(triples):
    from kg.graph import turtle_block
    return turtle_block(list(triples))


def _docs_with_odd_text():
    from kg.extract import extract
    from kg.load import assign_doc_ids, find_files, load_source
    files = find_files(["seeds"])
    ids = assign_doc_ids(files)
    docs = [extract(load_source(f, ids[f])) for f in files[:2]]
    odd = make_corpus().docs[0]
    odd.articles.append(Article(idx=1, start=0, end=3, title='"引号"\n\t\\', byline=""))
    odd.articles.append(Article(idx=2, start=0, end=3, title="", byline="记者\x01"))
    odd.articles.append(Article(idx=3, start=0, end=3, title="", byline=""))
    return docs + [odd]


def test_document_body_equals_the_generic_blocks():
    from kg.graph import _blocks, doc_body, doc_body_triples, prerender
    for d in _docs_with_odd_text():
        expected = [_generic(b) for b in _blocks(doc_body_triples(d))]
        text, n = doc_body(d)
        assert text == "".join(t for t, _ in expected)
        assert n == sum(k for _, k in expected)
        slim = prerender(d)
        assert slim.sentences == [] and (slim.body, slim.body_triples) == (text, n)


def test_sentences_and_headlines_read_back_from_a_rendered_body():
    from kg.graph import body_article_title, body_sentence, doc_body
    docs = _docs_with_odd_text()
    odd = docs[-1]
    odd.sentences.append(Sentence(idx=7, start=0, end=3, text='控制\x01\u2028"\\u0041"\t\\', article=1))
    odd.sentence_src.append((50, 53))
    for d in docs:
        body, _ = doc_body(d)
        for s in d.sentences:
            assert body_sentence(body, d.doc_id, s.idx) == (s.text, s.article)
        for a in d.articles:
            assert body_article_title(body, d.doc_id, a.idx) == a.title
        assert body_sentence(body, d.doc_id, 10_000) is None
        assert body_article_title(body, d.doc_id, 10_000) == ""


def test_statement_block_equals_the_generic_block():
    from kg.graph import STATEMENT_TRIPLES, statement_block, statement_triples
    for rule, conf in (("located-weiyu", 0.9), ('odd"rule\\', 1.0), ("r", 0.555)):
        ev = Evidence("d 1/x", 12, 3, 40, rule, conf)
        args = ("stmt/0123456789abcdef", "<company/A>", "pk:locatedIn", "<park/B>")
        text, n = _generic(statement_triples(*args, ev))
        assert statement_block(*args, ev) == text
        assert n == STATEMENT_TRIPLES
    when = "2023-03"                          # a dated release or appointment: one triple more
    text, n = _generic(statement_triples(*args, ev, when))
    assert statement_block(*args, ev, when) == text and n == STATEMENT_TRIPLES + 1


def test_entity_block_equals_the_generic_block():
    from kg.graph import entity_block, entity_triples, rel
    corpus = make_corpus()
    park, comp = corpus.entities
    odd = Entity(key='键"\\', cls="Official", label='张"三\\', aliases=['张"三\\', "张三", "三"],
                 attrs={"title": "主任\n", "kind": "x"}, mentions=[("d 1", 10), ("d 1", 2), ("e", 0)])
    for e, outs in ((park, []), (comp, corpus.relations), (odd, corpus.relations * 2)):
        path = entity_path(e.cls, e.key)
        triples = list(entity_triples(e)) + [
            (rel(path), f"pk:{r.p}", rel(entity_path(r.o_cls, r.o))) for r in outs]
        assert entity_block(path, e, outs) == _generic(triples)
    # a subject with outgoing relations only
    r = corpus.relations[0]
    path = entity_path(r.s_cls, r.s)
    assert entity_block(path, None, [r]) == _generic([(rel(path), "pk:locatedIn", rel(entity_path(r.o_cls, r.o)))])
