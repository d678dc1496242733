"""SHACL validation: a clean graph conforms; each rule fires on a graph that breaks it, and only
that rule; `kg validate` prints and exits as documented."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KGError
from kg.model import DOMAIN_RANGE
from kg.validate import DEFAULT_SHAPES, validate

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.ttl"
CONTEXT = ROOT / "ontology" / "context.jsonld"

PREFIXES = """\
@prefix pk: <https://w3id.org/parkkg/ontology#> .
@base <https://w3id.org/parkkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# A small graph in the layout of docs/graph-model.md that satisfies every shape: all seven
# classes, all eight relations, each relation with evidence inside its sentence.
CLEAN = PREFIXES + """
<doc/d1> a pk:Document, prov:Entity ;
    rdfs:label "d1.txt" ; pk:fileName "d1.txt" ; pk:path "corpus/d1.txt" ;
    pk:sha256 "0f3d0fa1585a37f00f3d0fa1585a37f00f3d0fa1585a37f00f3d0fa1585a37f0" ;
    pk:encoding "utf-8" ; pk:charCount 400 ; dcterms:title "青岛高新区服务全代办"@zh ;
    dcterms:date "2024-01-15"^^xsd:date .
<doc/d1/a/0> a pk:Article ; pk:inDocument <doc/d1> ; pk:index 0 ;
    dcterms:title "青岛高新区服务全代办"@zh ; pk:byline "本报记者 宋迎迎"@zh .
<doc/d1/s/0> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 0 ;
    pk:text "位于青岛高新区的阿斯利康制药（青岛）有限公司日前与青岛高新区签署二期投资合作备忘录。"@zh ;
    pk:startOffset 0 ; pk:endOffset 45 .
<doc/d1/s/1> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 1 ;
    pk:text "青岛高新区管委会常务副主任李天传表示，青岛高新区将落实好《关于进一步优化外商投资环境加大吸引外商投资力度的意见》。"@zh ;
    pk:startOffset 46 ; pk:endOffset 100 .
<doc/d1/s/2> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 2 ;
    pk:text "位于高新区的埃地沃兹总经理洪锡哲表示，公司在高新区追加投资。"@zh ;
    pk:startOffset 101 ; pk:endOffset 150 .
<doc/d1/s/3> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 3 ;
    pk:text "阿斯利康制药（青岛）有限公司是阿斯利康在华的生产基地。"@zh ;
    pk:startOffset 151 ; pk:endOffset 200 .
<doc/d1/s/4> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 4 ;
    pk:text "青岛高新区的青岛海洋生物医药特色产业基地聚集了中国医学科学院医学生物学研究所。"@zh ;
    pk:startOffset 201 ; pk:endOffset 260 .
<doc/d1/s/5> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 5 ;
    pk:text "国务院印发《关于进一步优化外商投资环境加大吸引外商投资力度的意见》。"@zh ;
    pk:startOffset 261 ; pk:endOffset 300 .

<park/青岛高新区> a pk:Park ; rdfs:label "青岛高新区"@zh ; skos:altLabel "青岛高新技术产业开发区"@zh ;
    pk:kind "zone" ; pk:mentionedIn <doc/d1/s/0>, <doc/d1/s/1> .
<park/青岛海洋生物医药特色产业基地> a pk:Park ; rdfs:label "青岛海洋生物医药特色产业基地"@zh ;
    pk:kind "subpark" ; pk:mentionedIn <doc/d1/s/4> .
<company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> a pk:Company ;
    rdfs:label "阿斯利康制药（青岛）有限公司"@zh ; pk:mentionedIn <doc/d1/s/0> .
<company/阿斯利康> a pk:Company ; rdfs:label "阿斯利康"@zh .
<company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> a pk:Company ;
    rdfs:label "埃地沃兹真空泵制造（青岛）有限公司"@zh ; skos:altLabel "埃地沃兹"@zh .
<policy/关于进一步优化外商投资环境加大吸引外商投资力度的意见> a pk:Policy ;
    rdfs:label "关于进一步优化外商投资环境加大吸引外商投资力度的意见"@zh ; pk:kind "document" .
<official/李天传> a pk:Official ; rdfs:label "李天传"@zh ; pk:title "管委会常务副主任"@zh .
<executive/洪锡哲> a pk:Executive ; rdfs:label "洪锡哲"@zh ; pk:title "总经理"@zh .
<agency/国务院> a pk:Agency ; rdfs:label "国务院"@zh .
<institution/中国医学科学院医学生物学研究所> a pk:Institution ; rdfs:label "中国医学科学院医学生物学研究所"@zh .

<company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> pk:locatedIn <park/青岛高新区> ;
    pk:investsIn <park/青岛高新区> ; pk:subsidiaryOf <company/阿斯利康> .
<company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> pk:locatedIn <park/青岛高新区> .
<policy/关于进一步优化外商投资环境加大吸引外商投资力度的意见> pk:issuedBy <agency/国务院> ;
    pk:appliesTo <park/青岛高新区> .
<official/李天传> pk:holdsPost <park/青岛高新区> .
<executive/洪锡哲> pk:worksFor <company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> .
<park/青岛海洋生物医药特色产业基地> pk:partOf <park/青岛高新区> .
<institution/中国医学科学院医学生物学研究所> pk:locatedIn <park/青岛高新区> .

<stmt/01> a rdf:Statement, pk:Evidence ;
    rdf:subject <company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> ; rdf:predicate pk:locatedIn ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/0> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 0 ; pk:endOffset 25 ; pk:rule "located-weiyu" ; pk:confidence 0.90 .
<stmt/02> a rdf:Statement, pk:Evidence ;
    rdf:subject <company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> ; rdf:predicate pk:investsIn ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/0> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 8 ; pk:endOffset 44 ; pk:rule "invest-memo" ; pk:confidence 0.80 .
<stmt/03> a rdf:Statement, pk:Evidence ;
    rdf:subject <company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> ; rdf:predicate pk:subsidiaryOf ;
    rdf:object <company/阿斯利康> ; pk:sentence <doc/d1/s/3> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 151 ; pk:endOffset 170 ; pk:rule "subsidiary-name" ; pk:confidence 0.75 .
<stmt/04> a rdf:Statement, pk:Evidence ;
    rdf:subject <company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> ; rdf:predicate pk:locatedIn ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/2> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 101 ; pk:endOffset 110 ; pk:rule "located-weiyu" ; pk:confidence 0.85 .
<stmt/05> a rdf:Statement, pk:Evidence ;
    rdf:subject <policy/关于进一步优化外商投资环境加大吸引外商投资力度的意见> ; rdf:predicate pk:issuedBy ;
    rdf:object <agency/国务院> ; pk:sentence <doc/d1/s/5> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 261 ; pk:endOffset 299 ; pk:rule "issued-yinfa" ; pk:confidence 0.95 .
<stmt/06> a rdf:Statement, pk:Evidence ;
    rdf:subject <policy/关于进一步优化外商投资环境加大吸引外商投资力度的意见> ; rdf:predicate pk:appliesTo ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/1> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 64 ; pk:endOffset 99 ; pk:rule "applies-luoshi" ; pk:confidence 0.85 .
<stmt/07> a rdf:Statement, pk:Evidence ;
    rdf:subject <official/李天传> ; rdf:predicate pk:holdsPost ; rdf:object <park/青岛高新区> ;
    pk:sentence <doc/d1/s/1> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 46 ; pk:endOffset 64 ; pk:rule "post-title" ; pk:confidence 0.95 .
<stmt/08> a rdf:Statement, pk:Evidence ;
    rdf:subject <executive/洪锡哲> ; rdf:predicate pk:worksFor ;
    rdf:object <company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> ;
    pk:sentence <doc/d1/s/2> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 107 ; pk:endOffset 117 ; pk:rule "exec-title" ; pk:confidence 0.90 .
<stmt/09> a rdf:Statement, pk:Evidence ;
    rdf:subject <park/青岛海洋生物医药特色产业基地> ; rdf:predicate pk:partOf ; rdf:object <park/青岛高新区> ;
    pk:sentence <doc/d1/s/4> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 201 ; pk:endOffset 221 ; pk:rule "partof-de" ; pk:confidence 0.70 .
<stmt/10> a rdf:Statement, pk:Evidence ;
    rdf:subject <institution/中国医学科学院医学生物学研究所> ; rdf:predicate pk:locatedIn ;
    rdf:object <park/青岛高新区> ; pk:sentence <doc/d1/s/4> ; prov:wasDerivedFrom <doc/d1> ;
    pk:startOffset 201 ; pk:endOffset 259 ; pk:rule "located-jiju" ; pk:confidence 0.70 .

<doc/d1> pk:published "2024-01-15"^^xsd:date .
<doc/d1/a/0> pk:published "2024-01-15"^^xsd:date .
<doc/d1/s/6> a pk:Sentence ; pk:inDocument <doc/d1> ; pk:inArticle <doc/d1/a/0> ; pk:index 6 ;
    pk:text "今年3月，阿斯利康制药（青岛）有限公司在青岛高新区新建吸入气雾剂生产供应基地，项目总投资额约为4.5亿美元。"@zh ;
    pk:startOffset 301 ; pk:endOffset 360 .
<investment/01> a pk:Investment ;
    pk:investor <company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司> ; pk:target <park/青岛高新区> ;
    pk:amount "450000000"^^xsd:decimal ; pk:currency "USD" ; pk:amountText "约为4.5亿美元"@zh ;
    pk:project "吸入气雾剂生产供应基地"@zh ; pk:date "2024-03"^^xsd:gYearMonth ;
    pk:sentence <doc/d1/s/6> ; prov:wasDerivedFrom <doc/d1> ; pk:startOffset 349 ; pk:endOffset 357 .
"""

AZ = "<company/阿斯利康>"
AZQ = "<company/阿斯利康制药%EF%BC%88青岛%EF%BC%89有限公司>"
EDW = "<company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司>"
PARK = "<park/青岛高新区>"
SUBPARK = "<park/青岛海洋生物医药特色产业基地>"
POLICY = "<policy/关于进一步优化外商投资环境加大吸引外商投资力度的意见>"


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def _write(tmp_path: Path, turtle: str, name: str = "graph.ttl") -> Path:
    path = tmp_path / name
    path.write_text(turtle, encoding="utf-8")
    return path


def _broken(tmp_path: Path, remove: str = "", add: str = "") -> Path:
    g = _graph(CLEAN)
    if remove:
        gone = _graph(PREFIXES + remove)
        missing = [t for t in gone if t not in g]
        assert not missing, f"test bug: triples to remove are not in CLEAN: {missing}"
        for t in gone:
            g.remove(t)
    if add:
        g += _graph(PREFIXES + add)
    path = tmp_path / "broken.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    return path


def _fired(result) -> set[str]:
    """Named rule of every result: the named SPARQL constraint, else the named shape, else the
    property path (for the blank-node property shapes of sentences, articles, documents)."""
    out = set()
    for r in result.results:
        if r.constraint.startswith("pks:"):
            out.add(r.constraint)
        elif r.shape:
            out.add(r.shape)
        else:
            out.add(r.path)
    return out


# --- clean graphs conform ------------------------------------------------------------------

def test_clean_graph_conforms(tmp_path):
    result = validate(_write(tmp_path, CLEAN))
    assert result.conforms, result.messages
    assert result.violations == 0 and result.messages == []
    assert "Conforms: True" in result.report_text


def test_default_shapes_are_the_ontology_shapes():
    assert DEFAULT_SHAPES == ROOT / "ontology" / "shapes.ttl"
    assert DEFAULT_SHAPES.is_file()


def test_graph_from_the_writer_conforms(tmp_path):
    """The lead's Turtle writer and the shapes agree on the layout."""
    from kg.graph import write_turtle
    from kg.model import Article, Corpus, DocResult, Entity, Evidence, Relation, Sentence

    doc = DocResult(
        doc_id="d 1", path="corpus/d 1.txt", sha256="a" * 64, encoding="gb18030", n_chars=60,
        title="标题", date="2024-01-15",
        articles=[Article(idx=0, start=0, end=40, title="标题", byline="本报记者 某某")],
        sentences=[Sentence(idx=0, start=0, end=20, text="位于青岛高新区的格科微电子（上海）有限公司", article=0)],
        sentence_src=[(0, 22)], entities=[], relations=[], relation_src=[])
    park = Entity(key="青岛高新区", cls="Park", label="青岛高新区", aliases=["青岛高新技术产业开发区"],
                  attrs={"kind": "zone"}, mentions=[("d 1", 0)])
    comp = Entity(key="格科微电子（上海）有限公司", cls="Company", label="格科微电子（上海）有限公司",
                  aliases=["格科微"], mentions=[("d 1", 0)])
    rel = Relation(s=comp.key, s_cls="Company", p="locatedIn", o=park.key, o_cls="Park",
                   evidence=[Evidence("d 1", 0, 3, 9, "located-weiyu", 0.9)])
    path = tmp_path / "graph.ttl"
    write_turtle(Corpus(docs=[doc], entities=[park, comp], relations=[rel]), path)
    result = validate(path)
    assert result.conforms, result.messages


def test_mini_fixture_violates_exactly_the_xss_label_and_missing_evidence():
    """mini.ttl (the lead's fixture for later stages) has a Company named with an HTML payload
    containing spaces, and only two of its twelve relation triples carry evidence."""
    result = validate(MINI)
    assert not result.conforms
    labels = [r for r in result.results if r.shape == "pks:LabelCleanShape"]
    assert [(r.focus, r.value) for r in labels] == [(
        "<https://w3id.org/parkkg/id/company/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E>",
        '"<img src=x onerror=alert(1)>"@zh')]
    unsupported = [r for r in result.results if r.constraint == "pks:RelationEvidenceConstraint"]
    assert len(unsupported) == 10
    assert len(labels) + len(unsupported) == result.violations == len(result.messages)


# --- each rule fires on a graph that breaks it, and nothing else fires ------------------------

BROKEN = [
    # names
    ("two labels", "", f'{AZ} rdfs:label "阿斯利康公司"@zh .', {"pks:LabelCountShape"}),
    ("no label", f'{AZ} rdfs:label "阿斯利康"@zh .', "", {"pks:LabelCountShape"}),
    ("label with a space", f'{AZ} rdfs:label "阿斯利康"@zh .', f'{AZ} rdfs:label "阿斯 利康"@zh .',
     {"pks:LabelCleanShape"}),
    ("label with an ideographic space", f'{AZ} rdfs:label "阿斯利康"@zh .',
     f'{AZ} rdfs:label "阿斯\u3000利康"@zh .', {"pks:LabelCleanShape"}),
    ("label with a line break", f'{AZ} rdfs:label "阿斯利康"@zh .',
     f'{AZ} rdfs:label "阿斯\\n利康"@zh .', {"pks:LabelCleanShape"}),
    ("empty label", f'{AZ} rdfs:label "阿斯利康"@zh .', f'{AZ} rdfs:label ""@zh .',
     {"pks:LabelCleanShape"}),
    ("label without @zh", f'{AZ} rdfs:label "阿斯利康"@zh .', f'{AZ} rdfs:label "阿斯利康" .',
     {"pks:LabelLanguageShape"}),
    ("altLabel in English", "", f'{AZ} skos:altLabel "AstraZeneca"@en .', {"pks:AltLabelShape"}),
    ("altLabel repeats the label", "", f'{AZ} skos:altLabel "阿斯利康"@zh .', {"pks:AltLabelShape"}),
    ("altLabel with a space", "", f'{AZ} skos:altLabel "阿斯 利康"@zh .', {"pks:AltLabelCleanShape"}),
    # classes and attributes
    ("entity with two classes", "", f"{AZ} a pk:Institution .", {"pks:OneClassShape"}),
    ("bad park kind", f'{PARK} pk:kind "zone" .', f'{PARK} pk:kind "city" .', {"pks:ParkKindShape"}),
    ("park without kind", f'{PARK} pk:kind "zone" .', "", {"pks:ParkKindShape"}),
    ("park with two kinds", "", f'{PARK} pk:kind "subpark" .', {"pks:ParkKindShape"}),
    ("policy with a park kind", f'{POLICY} pk:kind "document" .', f'{POLICY} pk:kind "zone" .',
     {"pks:PolicyKindShape"}),
    ("kind on a company", "", f'{AZ} pk:kind "zone" .', {"pk:kind"}),
    ("post title in English", "", '<official/李天传> pk:title "director"@en .', {"pks:TitleShape"}),
    ("mentionedIn a document", "", f"{AZ} pk:mentionedIn <doc/d1> .", {"pks:MentionedInShape"}),
    # relation domains and ranges (each broken triple comes with evidence, so only the class fails)
    ("company locatedIn a company", "",
     f"{EDW} pk:locatedIn {AZ} . <stmt/x> a rdf:Statement, pk:Evidence ; rdf:subject {EDW} ; "
     f"rdf:predicate pk:locatedIn ; rdf:object {AZ} ; pk:sentence <doc/d1/s/2> ; "
     'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 101 ; pk:endOffset 110 ; pk:rule "r" ; '
     "pk:confidence 0.5 .", {"pks:LocatedInObjectShape"}),
    ("park locatedIn a park", "",
     f"{SUBPARK} pk:locatedIn {PARK} . <stmt/x> a rdf:Statement, pk:Evidence ; rdf:subject {SUBPARK} ; "
     f"rdf:predicate pk:locatedIn ; rdf:object {PARK} ; pk:sentence <doc/d1/s/4> ; "
     'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 201 ; pk:endOffset 221 ; pk:rule "r" ; '
     "pk:confidence 0.5 .", {"pks:LocatedInSubjectShape"}),
    ("policy issuedBy a company", "",
     f"{POLICY} pk:issuedBy {AZ} . <stmt/x> a rdf:Statement, pk:Evidence ; rdf:subject {POLICY} ; "
     f"rdf:predicate pk:issuedBy ; rdf:object {AZ} ; pk:sentence <doc/d1/s/5> ; "
     'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 261 ; pk:endOffset 299 ; pk:rule "r" ; '
     "pk:confidence 0.5 .", {"pks:IssuedByObjectShape"}),
    ("executive worksFor a park", "",
     f"<executive/洪锡哲> pk:worksFor {PARK} . <stmt/x> a rdf:Statement, pk:Evidence ; "
     f"rdf:subject <executive/洪锡哲> ; rdf:predicate pk:worksFor ; rdf:object {PARK} ; "
     'pk:sentence <doc/d1/s/2> ; prov:wasDerivedFrom <doc/d1> ; pk:startOffset 101 ; '
     'pk:endOffset 110 ; pk:rule "r" ; pk:confidence 0.5 .', {"pks:WorksForObjectShape"}),
    ("company subsidiaryOf itself", "",
     f"{AZ} pk:subsidiaryOf {AZ} . <stmt/x> a rdf:Statement, pk:Evidence ; rdf:subject {AZ} ; "
     f"rdf:predicate pk:subsidiaryOf ; rdf:object {AZ} ; pk:sentence <doc/d1/s/3> ; "
     'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 151 ; pk:endOffset 170 ; pk:rule "r" ; '
     "pk:confidence 0.5 .", {"pks:SelfRelationConstraint"}),
    # traceability
    ("relation triple with no evidence", "", f"{EDW} pk:investsIn {PARK} .",
     {"pks:RelationEvidenceConstraint"}),
    # (the investment of the CLEAN graph then lacks its investsIn triple too)
    ("evidence of a triple that is not in the graph", f"{AZQ} pk:investsIn {PARK} .", "",
     {"pks:EvidenceTripleConstraint", "pks:InvestmentLinkedConstraint"}),
    ("statement not typed pk:Evidence", "<stmt/01> a pk:Evidence .", "", {"pks:EvidenceTypeShape"}),
    ("release date as text", "", '<stmt/01> pk:date "今年3月"@zh .', {"pks:EvidenceDateShape"}),
    ("two release dates", "",
     '<stmt/01> pk:date "2023-03"^^xsd:gYearMonth , "2023-04"^^xsd:gYearMonth .',
     {"pks:EvidenceDateShape"}),
    ("evidence not typed rdf:Statement", "<stmt/01> a rdf:Statement .", "", {"pks:StatementTypeShape"}),
    ("evidence without an object", f"<stmt/01> rdf:object {PARK} .", "",
     {"pks:EvidenceObjectShape", "pks:RelationEvidenceConstraint"}),
    ("evidence with a second, blank subject", "", "<stmt/01> rdf:subject [] .",
     {"pks:EvidenceSubjectShape", "pks:EvidenceTripleConstraint"}),
    ("evidence predicate outside the eight", "<stmt/01> rdf:predicate pk:locatedIn .",
     f"<stmt/01> rdf:predicate rdfs:seeAlso . {AZQ} rdfs:seeAlso {PARK} .",
     {"pks:EvidencePredicateShape", "pks:RelationEvidenceConstraint"}),
    ("evidence without a sentence", "<stmt/01> pk:sentence <doc/d1/s/0> .", "",
     {"pks:EvidenceSentenceShape", "pks:EvidenceSentenceDocumentShape"}),
    ("evidence derived from a sentence, not a document", "<stmt/01> prov:wasDerivedFrom <doc/d1> .",
     "<stmt/01> prov:wasDerivedFrom <doc/d1/s/0> .",
     {"pks:EvidenceDocumentShape", "pks:EvidenceSentenceDocumentShape"}),
    ("evidence start after end", "<stmt/01> pk:startOffset 0 .", "<stmt/01> pk:startOffset 30 .",
     {"pks:EvidenceStartShape"}),
    ("negative offset", "<stmt/01> pk:startOffset 0 .", "<stmt/01> pk:startOffset -1 .",
     {"pks:EvidenceStartShape", "pks:EvidenceSpanConstraint"}),
    ("offset as a string", "<stmt/01> pk:startOffset 0 .", '<stmt/01> pk:startOffset "0" .',
     {"pks:EvidenceStartShape"}),
    ("evidence end as a decimal", "<stmt/01> pk:endOffset 25 .", "<stmt/01> pk:endOffset 25.0 .",
     {"pks:EvidenceEndShape"}),
    ("evidence span outside its sentence", "<stmt/01> pk:endOffset 25 .", "<stmt/01> pk:endOffset 50 .",
     {"pks:EvidenceSpanConstraint"}),
    ("confidence 1.5", "<stmt/01> pk:confidence 0.90 .", "<stmt/01> pk:confidence 1.5 .",
     {"pks:EvidenceConfidenceShape"}),
    ("confidence as a double", "<stmt/01> pk:confidence 0.90 .", "<stmt/01> pk:confidence 9.0e-1 .",
     {"pks:EvidenceConfidenceShape"}),
    ("evidence without a rule", '<stmt/01> pk:rule "located-weiyu" .', "", {"pks:EvidenceRuleShape"}),
    ("blank-node evidence", "", f"[] a rdf:Statement, pk:Evidence ; rdf:subject {AZQ} ; "
     f"rdf:predicate pk:locatedIn ; rdf:object {PARK} ; pk:sentence <doc/d1/s/0> ; "
     'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 0 ; pk:endOffset 25 ; pk:rule "r" ; '
     "pk:confidence 0.5 .", {"pks:IRIShape"}),
    # provenance nodes
    ("sentence without text", '<doc/d1/s/3> pk:text "阿斯利康制药（青岛）有限公司是阿斯利康在华的生产基地。"@zh .', "",
     {"pk:text"}),
    ("sentence without a document", "<doc/d1/s/3> pk:inDocument <doc/d1> .", "",
     {"pk:inDocument", "pk:inArticle/pk:inDocument", "pks:EvidenceSentenceDocumentShape"}),
    ("sentence end before start", "<doc/d1/s/5> pk:endOffset 300 .", "<doc/d1/s/5> pk:endOffset 260 .",
     {"pk:startOffset", "pks:EvidenceSpanConstraint"}),
    ("sentence beyond the document", "<doc/d1/s/5> pk:endOffset 300 .", "<doc/d1/s/5> pk:endOffset 401 .",
     {"pks:SentenceInsideDocumentConstraint"}),
    ("article without index", "<doc/d1/a/0> pk:index 0 .", "", {"pk:index"}),
    ("document with a bad hash", "", '<doc/d1> pk:sha256 "XYZ" .', {"pk:sha256"}),
    ("document without a file name", '<doc/d1> pk:fileName "d1.txt" .', "", {"pk:fileName"}),
    ("document not typed prov:Entity", "<doc/d1> a prov:Entity .", "", {"rdf:type"}),
    # facts with numbers and time
    ("published on a sentence", "", '<doc/d1/s/0> pk:published "2024-01-15"^^xsd:date .',
     {"pks:PublishedShape"}),
    ("published as a string", '<doc/d1> pk:published "2024-01-15"^^xsd:date .',
     '<doc/d1> pk:published "2024年1月15日" .', {"pk:published"}),
    ("amount not as written in the sentence", '<investment/01> pk:amountText "约为4.5亿美元"@zh .',
     '<investment/01> pk:amountText "约4.5亿美元"@zh .', {"pks:InvestmentAmountWrittenConstraint"}),
    ("investor not linked to the park", f"<investment/01> pk:investor {AZQ} .",
     f"<investment/01> pk:investor {EDW} .", {"pks:InvestmentLinkedConstraint"}),
    ("investment without amount", '<investment/01> pk:amount "450000000"^^xsd:decimal .', "",
     {"pk:amount"}),
    ("amount as a string", '<investment/01> pk:amount "450000000"^^xsd:decimal .',
     '<investment/01> pk:amount "4.5亿" .', {"pk:amount"}),
    ("currency not ISO 4217", '<investment/01> pk:currency "USD" .',
     '<investment/01> pk:currency "美元" .', {"pk:currency"}),
    ("investment into a company", f"<investment/01> pk:target {PARK} .",
     f"<investment/01> pk:target {AZ} .", {"pk:target", "pks:InvestmentLinkedConstraint"}),
    ("investment date as text", '<investment/01> pk:date "2024-03"^^xsd:gYearMonth .',
     '<investment/01> pk:date "今年3月"@zh .', {"pk:date"}),
    ("investment without sentence", "<investment/01> pk:sentence <doc/d1/s/6> .", "",
     {"pk:sentence"}),
]


@pytest.mark.parametrize("name,remove,add,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_graph_violates_exactly_the_rule(tmp_path, name, remove, add, expected):
    result = validate(_broken(tmp_path, remove, add))
    assert not result.conforms
    assert result.violations == len(result.messages) > 0
    assert _fired(result) == expected, result.messages


def test_messages_name_focus_path_and_value(tmp_path):
    result = validate(_broken(tmp_path, f'{AZ} rdfs:label "阿斯利康"@zh .', f'{AZ} rdfs:label "阿斯 利康"@zh .'))
    assert result.messages == [
        "<https://w3id.org/parkkg/id/company/阿斯利康> rdfs:label: An entity's rdfs:label must be a "
        'non-empty name without spaces, line breaks or control characters. (value: "阿斯 利康"@zh)']


def test_sequence_path_is_printed(tmp_path):
    result = validate(_broken(tmp_path, "<stmt/01> prov:wasDerivedFrom <doc/d1> .",
                              "<stmt/01> prov:wasDerivedFrom <doc/d1/s/0> ."))
    assert any(r.path == "pk:sentence/pk:inDocument" for r in result.results)


def test_every_named_shape_is_exercised():
    """A shape added to shapes.ttl without a test that breaks it fails here."""
    g = _graph((ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8"))
    pks = "https://w3id.org/parkkg/shapes#"
    named = {"pks:" + str(s)[len(pks):] for s in set(g.subjects()) if str(s).startswith(pks)}
    # node shapes that only carry targets and group constraints named on their own
    grouping = {"pks:EntityShape", "pks:ParkShape", "pks:PolicyShape", "pks:PersonShape",
                "pks:NoKindShape", "pks:RelationEvidenceShape", "pks:SelfRelationShape",
                "pks:EvidenceShape", "pks:SentenceShape", "pks:ArticleShape", "pks:DocumentShape",
                "pks:InvestmentShape"}
    tested = set().union(*(b[3] for b in BROKEN))
    tested |= {_relation_shape(p, s, o) for p, s, o in RELATION_CASES}
    assert named - grouping - tested == set()
    assert grouping <= named


#: the contract: subject classes and object classes of each relation
CONTRACT = DOMAIN_RANGE
CLASSES = ("Park", "Company", "Policy", "Official", "Executive", "Agency", "Institution")
#: for every relation, one subject and one object of a wrong class
RELATION_CASES = [(p, s, o) for p, (subj, obj) in CONTRACT.items()
                  for s, o in ((sorted(subj)[0], next(c for c in CLASSES if c not in obj)),
                               (next(c for c in CLASSES if c not in subj), sorted(obj)[0]))]


def _relation_shape(prop, subj_cls, obj_cls):
    cap = prop[0].upper() + prop[1:]
    return f"pks:{cap}SubjectShape" if subj_cls not in CONTRACT[prop][0] else f"pks:{cap}ObjectShape"


def test_contract_matches_the_model():
    from kg.model import CLASSES as MODEL_CLASSES, PROPERTIES
    assert tuple(CONTRACT) == PROPERTIES and CLASSES == MODEL_CLASSES


@pytest.mark.parametrize("prop,subj_cls,obj_cls", RELATION_CASES,
                         ids=[f"{s} {p} {o}" for p, s, o in RELATION_CASES])
def test_every_relation_checks_its_classes(tmp_path, prop, subj_cls, obj_cls):
    nodes = {"Company": AZ, "Park": PARK, "Policy": POLICY, "Agency": "<agency/国务院>",
             "Official": "<official/李天传>", "Executive": "<executive/洪锡哲>",
             "Institution": "<institution/中国医学科学院医学生物学研究所>"}
    s, o = nodes[subj_cls], nodes[obj_cls]
    add = (f"{s} pk:{prop} {o} . <stmt/x> a rdf:Statement, pk:Evidence ; rdf:subject {s} ; "
           f"rdf:predicate pk:{prop} ; rdf:object {o} ; pk:sentence <doc/d1/s/0> ; "
           'prov:wasDerivedFrom <doc/d1> ; pk:startOffset 0 ; pk:endOffset 25 ; pk:rule "r" ; '
           "pk:confidence 0.5 .")
    result = validate(_broken(tmp_path, "", add))
    assert _fired(result) == {_relation_shape(prop, subj_cls, obj_cls)}, result.messages
    assert [r.focus for r in result.results] == ["<https://w3id.org/parkkg/id/" + s[1:-1] + ">"]


# --- input formats and errors ------------------------------------------------------------------

def test_jsonld_with_the_context_validates(tmp_path):
    ctx = json.loads(CONTEXT.read_text(encoding="utf-8"))
    g = _graph(CLEAN)
    path = tmp_path / "graph.jsonld"
    path.write_text(g.serialize(format="json-ld", context=ctx["@context"], auto_compact=True),
                    encoding="utf-8")
    result = validate(path)
    assert result.conforms, result.messages


def test_nquads_named_graphs_are_validated_together(tmp_path):
    g = _graph(CLEAN)
    lines = [f"{s.n3()} {p.n3()} {o.n3()} <http://example.org/g{i % 3}> .\n"
             for i, (s, p, o) in enumerate(sorted(g))]
    path = tmp_path / "graph.nq"
    path.write_text("".join(lines), encoding="utf-8")
    assert validate(path).conforms


def test_missing_graph_is_a_user_error(tmp_path):
    with pytest.raises(KGError, match=r"no graph at .*nothing\.ttl: run kg build first"):
        validate(tmp_path / "nothing.ttl")


def test_unparsable_graph_is_a_user_error(tmp_path):
    with pytest.raises(KGError, match="cannot parse the graph"):
        validate(_write(tmp_path, "this is <not turtle"))


def test_missing_shapes_is_a_user_error(tmp_path):
    with pytest.raises(KGError, match="no SHACL shapes"):
        validate(_write(tmp_path, CLEAN), tmp_path / "nope.ttl")


def test_custom_shapes(tmp_path):
    shapes = _write(tmp_path, """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pk: <https://w3id.org/parkkg/ontology#> .
        <#NoAgencies> a sh:NodeShape ; sh:targetClass pk:Agency ;
            sh:property [ sh:path pk:nothing ; sh:minCount 1 ; sh:message "no agencies here" ] .""",
        name="shapes.ttl")
    result = validate(_write(tmp_path, CLEAN), shapes)
    assert result.messages == ["<https://w3id.org/parkkg/id/agency/国务院> pk:nothing: no agencies here"]


# --- CLI -------------------------------------------------------------------------------------

def test_cli_conforms(tmp_path):
    path = _write(tmp_path, CLEAN)
    res = CliRunner().invoke(main, ["validate", "--out", str(path)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("conforms")


def test_cli_prints_one_line_per_violation_and_exits_1(tmp_path):
    res = CliRunner().invoke(main, ["validate", "--out", str(MINI)])
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert len(lines) == 11
    assert all(line.startswith("<https://w3id.org/parkkg/id/") for line in lines)
    assert any(" rdfs:label: " in line and "onerror" in line for line in lines)
    assert "11 violations" in res.stderr


def test_cli_full_report(tmp_path):
    res = CliRunner().invoke(main, ["validate", "--out", str(MINI), "--report"])
    assert res.exit_code == 1
    assert "Conforms: False" in res.stdout and "pks:LabelCleanShape" in res.stdout


def test_cli_missing_graph(tmp_path):
    res = CliRunner().invoke(main, ["validate", "--out", str(tmp_path / "out" / "graph.ttl")])
    assert res.exit_code == 2
    assert "no graph at" in res.output and "run kg build first" in res.output
    assert "Traceback" not in res.output


def test_cli_default_graph_is_out_graph_ttl(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["validate"])
    assert res.exit_code == 2 and "out/graph.ttl" in res.output
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text(CLEAN, encoding="utf-8")
    res = CliRunner().invoke(main, ["validate"])
    assert res.exit_code == 0, res.output
