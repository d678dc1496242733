"""Document and corpus resolution on small made-up texts."""
from kg.extract import extract
from kg.model import Source
from kg.resolve import resolve_corpus


def doc(doc_id, text):
    return extract(Source(doc_id, f"{doc_id}.txt", "0" * 64, "utf-8", text))


def labels(corpus, cls):
    return {e.label: e.aliases for e in corpus.entities if e.cls == cls}


def test_place_prefix_forms_are_one_park():
    r = doc("a", "湖南株洲高新区今年引进项目30个。株洲高新区将继续优化服务。")
    parks = labels(resolve_corpus([r]), "Park")
    assert "湖南株洲高新区" in parks
    assert "株洲高新区" in parks["湖南株洲高新区"]


def test_short_company_name_joins_legal_name_across_documents():
    a = doc("a", "成都云帆科技有限公司落户成都高新区。")
    b = doc("b", "成都高新区累计引进云帆科技、星河智能、蓝海生物等项目。")
    comps = labels(resolve_corpus([b, a]), "Company")
    assert "成都云帆科技有限公司" in comps
    assert "云帆科技" in comps["成都云帆科技有限公司"]


def test_same_name_different_organisations_stay_apart():
    a = doc("a", "成都云帆科技有限公司总经理刘洋说，将扩产。")
    b = doc("b", "武汉星河电子有限公司总经理刘洋表示，将投资。")
    keys = sorted(e.key for e in resolve_corpus([a, b]).entities if e.cls == "Executive")
    assert len(keys) == 2 and all(k.startswith("刘洋~") for k in keys)


def test_output_order_is_deterministic():
    a = doc("a", "合肥高新区出台《合肥高新区促进人工智能产业发展若干政策》。")
    b = doc("b", "苏州工业园区管委会主任王强表示，将继续优化服务。")
    c1, c2 = resolve_corpus([a, b]), resolve_corpus([b, a])
    assert [(e.cls, e.key) for e in c1.entities] == [(e.cls, e.key) for e in c2.entities]
    assert [(r.s, r.p, r.o) for r in c1.relations] == [(r.s, r.p, r.o) for r in c2.relations]
