"""The ontology (ontology/parkkg.ttl) and the JSON-LD context (ontology/context.jsonld): they
parse, declare everything our graphs use, follow the contract, and reason without surprises."""
from __future__ import annotations

import json
from pathlib import Path

import owlrl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic, to_isomorphic

from kg.model import CLASSES, PROPERTIES

from test_validate import CLEAN, CONTRACT

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "parkkg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CONTEXT = ROOT / "ontology" / "context.jsonld"
MINI = ROOT / "tests" / "fixtures" / "mini.ttl"

PK = Namespace("https://w3id.org/parkkg/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = "https://w3id.org/parkkg/id/"


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def declared(g: rdflib.Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef)}


def pk_terms(g: rdflib.Graph) -> set[URIRef]:
    """Every pk: IRI a graph uses as a predicate, a class, or a value of rdf:predicate."""
    used = {p for p in g.predicates() if str(p).startswith(str(PK))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(PK))}
    used |= {o for o in g.objects(None, RDF.predicate) if str(o).startswith(str(PK))}
    return used


def union_members(g: rdflib.Graph, node) -> set[str]:
    """Local names of a class or of an owl:unionOf class expression."""
    if isinstance(node, URIRef):
        return {str(node)[len(str(PK)):]}
    members = g.value(node, OWL.unionOf)
    assert members is not None, f"{node} is neither a class IRI nor a union"
    return {str(m)[len(str(PK)):] for m in Collection(g, members)}


def langs(g, s, p) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for o in g.objects(s, p):
        assert isinstance(o, Literal)
        out.setdefault(o.language, []).append(str(o))
    return out


# --- header -------------------------------------------------------------------------------------

def test_ontology_header(onto):
    ont = URIRef("https://w3id.org/parkkg/ontology")
    assert (ont, RDF.type, OWL.Ontology) in onto
    assert onto.value(ont, OWL.versionInfo) is not None
    assert onto.value(ont, OWL.versionIRI) is not None
    for p in (DCTERMS.title, DCTERMS.description):
        assert set(langs(onto, ont, p)) == {"zh", "en"}
    assert onto.value(ont, DCTERMS.license) is not None


# --- declarations -------------------------------------------------------------------------------

def test_declares_every_pk_term_of_the_fixture(onto):
    used = pk_terms(rdflib.Graph().parse(MINI, format="turtle"))
    assert len(used) > 25
    assert used - declared(onto) == set()


def test_declares_every_pk_term_of_the_shapes_and_the_context(onto):
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    in_shapes = {t for t in shapes.all_nodes() if isinstance(t, URIRef) and str(t).startswith(str(PK))}
    ctx = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    in_context = set()
    for term, definition in ctx.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("pk:"):
            in_context.add(PK[iri[3:]])
    assert in_shapes - declared(onto) == set()
    assert in_context - declared(onto) == set()
    # and nothing declared is left out of the context
    assert declared(onto) - in_context == set()


def test_every_declared_term_has_zh_and_en_labels_and_comments(onto):
    for term in declared(onto):
        if not str(term).startswith(str(PK)):
            continue
        labels = langs(onto, term, RDFS.label)
        assert sorted(labels) == ["en", "zh"], term
        assert all(len(v) == 1 for v in labels.values()), term
        assert sorted(langs(onto, term, RDFS.comment)) == ["en", "zh"], term


def test_the_seven_classes(onto):
    for cls in CLASSES:
        c = PK[cls]
        assert (c, RDF.type, OWL.Class) in onto
        assert (c, SKOS.prefLabel, None) in onto
    assert {"Official", "Executive"} == {c for c in CLASSES if (PK[c], RDFS.subClassOf, PK.Person) in onto}
    assert {"Company", "Agency", "Institution"} == {
        c for c in CLASSES if (PK[c], RDFS.subClassOf, PK.Organization) in onto}
    assert (PK.Park, RDFS.subClassOf, SCHEMA.Place) in onto
    assert (PK.Person, RDFS.subClassOf, SCHEMA.Person) in onto
    assert (PK.Organization, RDFS.subClassOf, SCHEMA.Organization) in onto
    assert (PK.Organization, RDFS.subClassOf, ORG.Organization) in onto
    assert (PK.Company, RDFS.subClassOf, SCHEMA.Corporation) in onto


def test_the_seven_classes_are_pairwise_disjoint(onto):
    groups = [set(Collection(onto, onto.value(n, OWL.members)))
              for n in onto.subjects(RDF.type, OWL.AllDisjointClasses)]
    assert {PK[c] for c in CLASSES} in groups


@pytest.mark.parametrize("prop", PROPERTIES)
def test_relation_domain_and_range_follow_the_contract(onto, prop):
    p = PK[prop]
    assert (p, RDF.type, OWL.ObjectProperty) in onto
    subj, obj = CONTRACT[prop]
    assert union_members(onto, onto.value(p, RDFS.domain)) == subj
    assert union_members(onto, onto.value(p, RDFS.range)) == obj


def test_relation_alignments(onto):
    assert (PK.subsidiaryOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in onto
    assert (PK.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace) in onto
    assert (PK.worksFor, RDFS.subPropertyOf, SCHEMA.worksFor) in onto
    assert (PK.locatedIn, RDFS.subPropertyOf, SCHEMA.location) in onto
    # parks are places, not organisations: no subproperty may type a park as an org:Organization
    assert (PK.holdsPost, RDFS.subPropertyOf, ORG.memberOf) not in onto


def test_datatype_properties_have_xsd_or_langstring_ranges(onto):
    props = set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert {PK.startOffset, PK.endOffset, PK.confidence, PK.sha256, PK.text, PK.kind} <= props
    for p in props:
        rng = onto.value(p, RDFS.range)
        assert rng is not None, p
        assert isinstance(rng, BNode) or str(rng).startswith(str(XSD)) or rng == RDF.langString, p
    assert onto.value(PK.startOffset, RDFS.range) == XSD.integer
    assert onto.value(PK.confidence, RDFS.range) == XSD.decimal


def test_provenance_classes(onto):
    assert (PK.Document, RDFS.subClassOf, PROV.Entity) in onto
    assert (PK.Evidence, RDFS.subClassOf, RDF.Statement) in onto
    assert (PK.Evidence, RDFS.subClassOf, PROV.Entity) in onto


# --- reasoning ----------------------------------------------------------------------------------

def _closure(extra: str = "") -> rdflib.Graph:
    g = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    g.parse(data=CLEAN + extra, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return g


def _errors(g: rdflib.Graph) -> list[str]:
    from owlrl.Namespaces import ERRNS
    return [str(g.value(e, ERRNS.error)) for e in g.subjects(RDF.type, ERRNS.ErrorMessage)]


def test_owl_rl_closure_is_consistent_and_keeps_one_contract_class():
    """Under OWL RL the domains, ranges and alignments must not put any entity into a second
    contract class, nor make the graph inconsistent."""
    g = _closure()
    assert _errors(g) == []
    for node in {s for s in g.subjects(RDFS.label, None) if str(s).startswith(ID)}:
        classes = {c for c in g.objects(node, RDF.type) if c in {PK[x] for x in CLASSES}}
        if str(node).startswith(ID + "doc/"):
            assert not classes
        else:
            assert len(classes) == 1, (node, classes)
    official = URIRef(ID + "official/李天传")
    assert (official, RDF.type, PK.Person) in g and (official, RDF.type, SCHEMA.Person) in g
    company = URIRef(ID + "company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司")
    assert (company, ORG.subOrganizationOf, URIRef(ID + "company/阿斯利康")) in g
    assert (company, RDF.type, ORG.Organization) in g
    park = URIRef(ID + "park/青岛高新区")
    assert (park, RDF.type, PK.Organization) not in g


def test_owl_rl_detects_an_entity_with_two_classes():
    assert _errors(_closure(f"<{ID}company/阿斯利康> a <{PK}Institution> .")) != []


# --- JSON-LD context ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context() -> dict:
    doc = json.loads(CONTEXT.read_text(encoding="utf-8"))
    assert set(doc) == {"@context"}
    return doc["@context"]


def test_context_is_json_ld_1_1(context):
    assert context["@version"] == 1.1
    assert context["@base"] == ID
    assert context["pk"] == str(PK)
    for rel in PROPERTIES:
        assert context[rel] == {"@id": f"pk:{rel}", "@type": "@id", "@container": "@set"}
    for cls in CLASSES:
        assert context[cls] == f"pk:{cls}"


def test_mini_fixture_round_trips_through_json_ld(context):
    ttl = rdflib.Graph().parse(MINI, format="turtle")
    text = ttl.serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    back = rdflib.Graph().parse(data=text, format="json-ld")
    assert isomorphic(ttl, back)
    # the short terms are used, not full IRIs
    nodes = doc["graph"]
    keys = {k for n in nodes for k in n}
    assert {"id", "type", "label", "locatedIn", "subject", "predicate", "object", "sentence",
            "wasDerivedFrom", "startOffset", "confidence", "text", "inDocument"} <= keys
    assert not any(k.startswith("http") for k in keys)


HAND_WRITTEN = {
    "graph": [
        {"id": "park/青岛高新区", "type": "Park", "label": "青岛高新区",
         "aliases": ["青岛高新技术产业开发区"], "kind": "zone", "mentionedIn": ["doc/d1/s/0"]},
        {"id": "company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司", "type": "Company",
         "label": "阿斯利康制药（青岛）有限公司", "locatedIn": ["park/青岛高新区"]},
        {"id": "official/李天传", "type": "Official", "label": "李天传", "title": "管委会常务副主任"},
        {"id": "stmt/01", "type": ["Statement", "Evidence"],
         "subject": "company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司", "predicate": "locatedIn",
         "object": "park/青岛高新区", "sentence": "doc/d1/s/0", "wasDerivedFrom": "doc/d1",
         "startOffset": 0, "endOffset": 25, "rule": "located-weiyu", "confidence": "0.90"},
        {"id": "doc/d1/s/0", "type": "Sentence", "inDocument": "doc/d1", "inArticle": "doc/d1/a/0",
         "index": 0, "text": "位于青岛高新区的阿斯利康制药（青岛）有限公司。", "startOffset": 0, "endOffset": 45},
        {"id": "doc/d1/a/0", "type": "Article", "inDocument": "doc/d1", "index": 0,
         "headline": "青岛高新区服务全代办", "byline": "本报记者 宋迎迎"},
        {"id": "doc/d1", "type": ["Document", "Entity"], "rdfs:label": "d1.txt",
         "fileName": "d1.txt", "path": "corpus/d1.txt", "sha256": "0f" * 32, "encoding": "utf-8",
         "charCount": 120, "headline": "青岛高新区服务全代办", "date": "2024-01-15"},
    ]
}

HAND_WRITTEN_TTL = """
@prefix pk: <https://w3id.org/parkkg/ontology#> .
@base <https://w3id.org/parkkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<park/青岛高新区> a pk:Park ; rdfs:label "青岛高新区"@zh ; skos:altLabel "青岛高新技术产业开发区"@zh ;
    pk:kind "zone" ; pk:mentionedIn <doc/d1/s/0> .
<company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> a pk:Company ;
    rdfs:label "阿斯利康制药（青岛）有限公司"@zh ; pk:locatedIn <park/青岛高新区> .
<official/李天传> a pk:Official ; rdfs:label "李天传"@zh ; pk:title "管委会常务副主任"@zh .
<stmt/01> a rdf:Statement, pk:Evidence ;
    rdf:subject <company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> ; rdf:predicate pk:locatedIn ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/0> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 0 ; pk:endOffset 25 ; pk:rule "located-weiyu" ; pk:confidence 0.90 .
<doc/d1/s/0> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 0 ;
    pk:text "位于青岛高新区的阿斯利康制药（青岛）有限公司。"@zh ; pk:startOffset 0 ; pk:endOffset 45 .
<doc/d1/a/0> a pk:Article ; pk:inDocument <doc/d1> ; pk:index 0 ;
    dcterms:title "青岛高新区服务全代办"@zh ; pk:byline "本报记者 宋迎迎"@zh .
<doc/d1> a pk:Document, prov:Entity ; rdfs:label "d1.txt" ; pk:fileName "d1.txt" ;
    pk:path "corpus/d1.txt" ; pk:sha256 "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f" ;
    pk:encoding "utf-8" ; pk:charCount 120 ; dcterms:title "青岛高新区服务全代办"@zh ;
    dcterms:date "2024-01-15"^^xsd:date .
"""


def test_hand_written_json_ld_expands_to_the_turtle(context):
    """The idiomatic JSON a consumer would write (relative ids, short terms, numbers for
    offsets, the predicate by its term, confidence as a decimal string) means the same triples."""
    doc = {"@context": context, **HAND_WRITTEN}
    from_json = rdflib.Graph().parse(data=json.dumps(doc, ensure_ascii=False), format="json-ld")
    from_ttl = rdflib.Graph().parse(data=HAND_WRITTEN_TTL, format="turtle")
    a, b = to_isomorphic(from_json), to_isomorphic(from_ttl)
    assert a == b, sorted(set(a) ^ set(b))


def test_pyoxigraph_reads_json_ld_with_the_context(context):
    import pyoxigraph as ox
    doc = {"@context": context, **HAND_WRITTEN}
    quads = list(ox.parse(json.dumps(doc, ensure_ascii=False), format=ox.RdfFormat.JSON_LD))
    assert len(quads) == len(rdflib.Graph().parse(data=HAND_WRITTEN_TTL, format="turtle"))


# --- the README's query works ---------------------------------------------------------------------

def test_readme_provenance_query_runs_on_a_built_graph():
    import re

    import pyoxigraph as ox
    readme = (ROOT / "ontology" / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", readme, re.S).group(1)
    store = ox.Store()
    store.load(CLEAN.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    rows = [(r["company"].value, r["park"].value, r["file"].value, int(r["start"].value))
            for r in store.query(query)]
    assert rows == [
        ("中国医学科学院医学生物学研究所", "青岛高新区", "d1.txt", 201),
        ("埃地沃兹真空泵制造（青岛）有限公司", "青岛高新区", "d1.txt", 101),
        ("阿斯利康制药（青岛）有限公司", "青岛高新区", "d1.txt", 0),
    ]
