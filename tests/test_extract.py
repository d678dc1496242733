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


def test_byline_names_anywhere_on_the_page_are_no_persons():
    from kg.extract.pipeline import _drop_bylines
    from kg.model import Article, Mention
    text = "第一篇正文。\n▶ 陈晓峰\n株洲高新区：新材料产业提速\n株洲高新区党工委书记李建国、副主任陈晓峰出席。"
    arts = [Article(0, 0, 15, "", ""), Article(1, 15, len(text), "株洲高新区：新材料产业提速", "")]
    ms = [Mention(text.rindex("陈晓峰"), text.rindex("陈晓峰") + 3, "陈晓峰", "Official", 2, "t"),
          Mention(text.index("李建国"), text.index("李建国") + 3, "李建国", "Official", 2, "t"),
          Mention(0, 2, "陈晓", "Official", 0, "t")]
    kept = [m.text for m in _drop_bylines(ms, arts, text)]
    assert kept == ["李建国", "陈晓"]       # whole names only, not a part of one
