"""extract(): one document to a DocResult that round-trips through JSON, with user lexicons."""
from kg.extract import ExtractConfig, extract
from kg.model import DocResult, Source


def test_docresult_roundtrip_and_offsets():
    text = "合肥高新区出台《合肥高新区促进人工智能产业发展若干政策》。\n苏州工业园区管委会主任王强表示，将继续优化服务。"
    r = extract(Source("d", "d.txt", "0" * 64, "utf-8", text))
    assert DocResult.from_json(r.to_json()) == r
    assert len(r.sentence_src) == len(r.sentences)
    assert len(r.relation_src) == len(r.relations)
    for a, b in r.relation_src:
        assert 0 <= a <= b <= len(text)


def test_user_lexicon_adds_a_park_suffix(tmp_path):
    (tmp_path / "park_suffixes.txt").write_text("# extra\n数字港\n", encoding="utf-8")
    text = "项目落户杭州数字港。"
    plain = extract(Source("d", "d.txt", "0" * 64, "utf-8", text))
    extended = extract(Source("d", "d.txt", "0" * 64, "utf-8", text),
                       ExtractConfig(lexicon_dirs=[str(tmp_path)]))
    assert not any(e.cls == "Park" for e in plain.entities)
    assert any(e.cls == "Park" and e.label == "杭州数字港" for e in extended.entities)
