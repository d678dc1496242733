"""kg.extract.pipeline: extract(), one document to a DocResult that round-trips through JSON, with user lexicons."""
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


# --- the first stages alone, and what recognised() hands on -------------------------------

def test_tokens_alone_cover_the_text():
    from kg.extract.tokens import tokenize
    text = "华为技术有限公司落户成都高新区。"
    toks = tokenize(text)
    assert "".join(toks.words) == text
    assert [text[a:b] for a, b in zip(toks.starts, toks.ends)] == toks.words
    assert toks.words[toks.index_at(text.index("成都"))].startswith("成都")


def test_recognised_hands_each_stage_the_cleaned_text():
    from kg.extract import recognised
    from kg.extract.normalise import clean
    src = "合肥高新区出台《合肥高新区促进人工智能产业发展若干政策》。\n苏州工业园区管委会主任王强表示。"
    rec = recognised(Source("d", "d.txt", "0" * 64, "utf-8", src), ExtractConfig(model="rules"))
    assert rec.text == clean(src).text
    assert "".join(rec.toks.words) == rec.text
    assert all(s.text == rec.text[s.start:s.end] for s in rec.sentences)
    assert all(m.text == rec.text[m.start:m.end] for m in rec.mentions)
    assert ("Official", "王强") in {(m.cls, m.text) for m in rec.mentions}
