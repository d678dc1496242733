"""Relation rules on short made-up texts (other provinces and parks)."""
from kg.extract import extract
from kg.model import Source
from kg.resolve import resolve_corpus


def rels(text):
    r = extract(Source("t", "t.txt", "0" * 64, "utf-8", text))
    c = resolve_corpus([r])
    return {(x.s.split("~")[0], x.p, x.o) for x in c.relations}


def test_issued_by_and_applies_to_own_policy():
    got = rels("合肥高新区出台《合肥高新区促进人工智能产业发展若干政策》。")
    pol = "合肥高新区促进人工智能产业发展若干政策"
    assert (pol, "issuedBy", "合肥高新区") in got
    assert (pol, "appliesTo", "合肥高新区") in got


def test_located_in_after_luohu():
    got = rels("华为技术有限公司（以下简称华为）落户成都高新区。")
    assert ("华为技术有限公司", "locatedIn", "成都高新区") in got


def test_holds_post():
    got = rels("苏州工业园区管委会主任王强表示，将继续优化服务。")
    assert ("王强", "holdsPost", "苏州工业园区") in got


def test_works_for():
    got = rels("成都云帆科技有限公司总经理刘洋说，公司今年扩产。")
    assert ("刘洋", "worksFor", "成都云帆科技有限公司") in got


def test_part_of_adjacent_subpark():
    got = rels("苏州高新区医疗器械产业园今年新增企业50家。")
    assert any(p == "partOf" and o == "苏州高新区" for s, p, o in got)
