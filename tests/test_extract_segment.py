"""kg.extract.segment: articles of a newspaper page, sentences, bylines, the page date."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.normalise import clean
from kg.extract.segment import (byline_names, find_date, is_byline, markers, split_articles,
                        split_sentences)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text(name: str) -> str:
    return clean(next(SEEDS.glob(name + "*.txt")).read_text("utf-8")).text


def check_articles(text: str, articles) -> None:
    assert articles, "at least one article"
    assert articles[0].start == 0 and articles[-1].end == len(text)
    for i, (a, b) in enumerate(zip(articles, articles[1:])):
        assert a.end == b.start, "no gaps, no overlaps"
    for i, a in enumerate(articles):
        assert a.idx == i and a.start < a.end or len(text) == 0


def check_sentences(text: str, articles, sentences) -> None:
    last_end = 0
    for i, s in enumerate(sentences):
        assert s.idx == i
        assert s.text == text[s.start:s.end]
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        assert s.start >= last_end
        last_end = s.end
        art = articles[s.article]
        assert art.start <= s.start and s.end <= art.end


# --------------------------------------------------------------------------- seeds

# counted by reading the pages (see the comments for what the articles are)
SEED_ARTICLES = {
    "000": 5,   # 张江 / 郑州 / 石河子 / 黄石大冶湖 / 青岛 — headlines printed after each body
    "001": 3,   # 昆明 (本报讯 … 李偌蔓) / 青岛 / 合肥 (本报讯 … 王芙灵)
    "002": 4,   # 武进 / 吉安 / 芜湖 / 泉州 — headline + "▶ 本报记者"
    "003": 6,   # 张江之星 / 济宁 / 长沙 / 兰州 / 青岛 / 泰州 — each ends with "(来源:…)"
    "004": 5,   # 石河子 / 青岛 / 北京经开区 / 白银 / 赣州
}


@pytest.mark.parametrize("name, n", sorted(SEED_ARTICLES.items()))
def test_seed_article_counts(name, n):
    text = seed_text(name)
    articles = split_articles(text)
    check_articles(text, articles)
    assert len(articles) == n
    check_sentences(text, articles, split_sentences(text, articles))


def test_seed_000_articles_headline_after_body():
    text = seed_text("000")
    arts = split_articles(text)
    assert [a.title for a in arts] == [
        "上海张江科学城 为企业提质增效提供空间保障",
        "郑州高新区全力推动 智能传感器产业基地建设",
        "新疆石河子高新区 成立企业专职促科技成果转化",
        "湖北黄石大冶湖高新区推进优化营商环境“头号工程” 开通服务“微站点”当好金牌“店小二”",
        "青岛高新区：释放招引“磁吸力”按下发展“加速键”",
    ]
    bodies = [text[a.start:a.end] for a in arts]
    assert bodies[0].startswith("9月5日，促进张江科学城")
    assert bodies[1].startswith("9月初，郑州高新智能传感器")
    assert bodies[2].startswith("科技日报讯")
    assert bodies[3].startswith("“以前我们办事")
    assert bodies[4].startswith("9月10日，记者从青岛高新区")
    assert byline_names(arts[2].byline) == ["赵海忠", "周燕桃", "朱彤"]
    assert {"侯树文", "王春"} <= set(byline_names(arts[4].byline))


def test_seed_001_signatures_end_articles():
    text = seed_text("001")
    arts = split_articles(text)
    assert text[arts[0].start:arts[0].end].rstrip().endswith("产业格局。李偌蔓")
    assert text[arts[1].start:].startswith("工业用地出让面积")
    assert text[arts[2].start:].startswith("本报讯根据合肥市")
    assert arts[0].title == "昆明高新区：“相约春城发现多样高新”活动落幕"
    assert arts[2].title == "合肥高新区试点“职住平衡”"       # printed below the article
    # printed at the top of the page, above the first article's own headline
    assert arts[1].title == "推进产业基础高级化、产业链现代化 青岛高新区高质量发展实体经济"
    assert "李偌蔓" in byline_names(arts[0].byline)
    assert byline_names(arts[2].byline) == ["王芙灵"]


def test_seed_002_bylines():
    arts = split_articles(seed_text("002"))
    assert [byline_names(a.byline) for a in arts] == [["叶伟"], ["于大勇"], ["于大勇"], ["邓淑华"]]
    assert arts[1].title == "吉安高新区：“两化融合” 构筑绿色产业集聚高地"
    assert arts[0].byline == "本报记者 叶伟"


def test_seed_003_source_notes_end_articles():
    text = seed_text("003")
    arts = split_articles(text)
    for a in arts:
        assert text[a.start:a.end].rstrip().endswith(("（来源：浦东发布）", "（来源：济宁高新区科技中心）",
                                                        "（来源：科技日报）", "（来源：中国新闻网）"))
    assert arts[4].title == "青岛高新区搭起中小企业成长“金字塔”"   # its "##" subheads do not split it
    assert arts[1].title == "济宁高新区获批 国家级海智计划基地"


def test_seed_004_titles_and_bylines():
    arts = split_articles(seed_text("004"))
    assert arts[0].title == "强健产业筋骨 优化发展环境——新疆石河子经开区全力建设千亿级园区"
    assert byline_names(arts[0].byline) == ["赵优", "赵海忠", "晏瑞一", "朱彤"]
    assert arts[1].title == "青岛高新区：服务“全代办”项目见效快"
    assert byline_names(arts[1].byline) == ["宋迎迎", "肖玲玲"]
    assert arts[2].title == "北京经开区：以固定资产投资夯实产业发展根基"
    assert byline_names(arts[4].byline) == ["魏依晨", "杨天宇", "邱诗汇"]


def test_seed_sentences():
    text = seed_text("000")
    arts = split_articles(text)
    sents = [s.text for s in split_sentences(text, arts)]
    assert "格科微电子（上海）有限公司于2003年在张江成立，该公司的项目是此次签约的24个重点项目之一。" in sents
    i = next(i for i, s in enumerate(sents) if s.endswith("加快打造创新驱动的现代化产业体系。”"))
    assert sents[i + 1] == "格科微董事长赵立新表示。"
    assert "上海张江科学城" in sents and "为企业提质增效提供空间保障" in sents


def test_seeds_give_no_page_date():
    for name in SEED_ARTICLES:
        assert find_date(seed_text(name)) is None


# --------------------------------------------------------------------------- articles (synthetic)

BODY = "青岛高新区不断优化营商环境，锚定主导产业和细分领域，加大外资招引力度。"


def test_unstructured_text_is_one_article():
    for text in ["", "一句话", BODY, BODY + "\n" + BODY + "\n" + BODY]:
        arts = split_articles(text)
        assert len(arts) == 1
        check_articles(text, arts)


def test_byline_starts_article_with_its_headline():
    text = "\n".join(["甲高新区：创新驱动", "▶ 本报记者 张三", BODY, BODY,
                      "乙高新区：绿色发展", "▶ 本报记者 李四", BODY])
    arts = split_articles(text)
    check_articles(text, arts)
    assert [a.title for a in arts] == ["甲高新区：创新驱动", "乙高新区：绿色发展"]
    assert [a.byline for a in arts] == ["本报记者 张三", "本报记者 李四"]
    assert text[arts[1].start:].startswith("乙高新区")


def test_dateline_starts_article():
    text = "\n".join(["甲高新区：创新驱动", "▶ 本报记者 张三", BODY,
                      "丙高新区召开大会", "科技日报讯（记者 王五）近日，会议召开。", BODY])
    arts = split_articles(text)
    assert len(arts) == 2
    assert arts[1].title == "丙高新区召开大会"
    assert byline_names(arts[1].byline) == ["王五"]


def test_body_first_page_headlines_close_articles():
    text = "\n".join([BODY, "优化营商环境", BODY, "甲高新区", "释放招引“磁吸力”",
                      BODY, BODY, "乙高新区全力推动", "产业基地建设",
                      "本报讯 会议召开。", "丙高新区：", "成立企业专职公司"])
    arts = split_articles(text)
    check_articles(text, arts)
    assert [a.title for a in arts] == ["甲高新区 释放招引“磁吸力”", "乙高新区全力推动 产业基地建设",
                                       "丙高新区：成立企业专职公司"]
    assert text[arts[1].start:].startswith(BODY)
    assert text[arts[2].start:].startswith("本报讯")


def test_source_note_and_signature_end_articles():
    text = "\n".join([BODY, "（来源：浦东发布）", BODY, BODY + "（来源：科技日报）", BODY + "张三丰", BODY])
    arts = split_articles(text)
    assert len(arts) == 4
    assert text[arts[1].start:].startswith(BODY)
    assert arts[2].byline == "张三丰"


def test_a_word_after_the_last_full_stop_is_no_signature():
    text = "\n".join([BODY + "据悉", BODY + "目前", BODY])
    assert len(split_articles(text)) == 1
    text = "\n".join([BODY + "欧阳明", BODY])
    assert [a.byline for a in split_articles(text)] == ["欧阳明", ""]


def test_subheadings_do_not_split():
    text = "\n".join(["丁高新区：高质量发展", "▶ 本报记者 张三", BODY, "优化营商环境", BODY,
                      "增添发展动能", BODY])
    assert len(split_articles(text)) == 1


def test_photo_credit_does_not_start_an_article():
    text = "\n".join(["戊高新区：高质量发展", "▶ 本报记者 张三", BODY, "图为园区一角。",
                      "本报记者 李四 摄", BODY])
    arts = split_articles(text)
    assert len(arts) == 1
    assert byline_names(arts[0].byline) == ["张三", "李四"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([BODY, "优化营商环境", "▶ 本报记者 张三", "本报讯 会议召开。",
                                 "（来源：科技日报）", "图为园区。", "广告", "甲高新区：创新", "",
                                 "做好服务。李四"]), max_size=15).map("\n".join))
def test_articles_and_sentences_always_cover_the_text(text):
    arts = split_articles(text)
    check_articles(text, arts)
    check_sentences(text, arts, split_sentences(text, arts))


# --------------------------------------------------------------------------- sentences

def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, split_articles(text))]


def test_sentence_rules():
    assert split("“…体系。”格科微董事长赵立新表示。") == ["“…体系。”", "格科微董事长赵立新表示。"]
    assert split("增长76.6%……功能区改革以来，成效显著！真的吗？是的；好") == [
        "增长76.6%……", "功能区改革以来，成效显著！", "真的吗？", "是的；", "好"]
    assert split("标题\n 第一句。 第二句（来源：科技日报）") == ["标题", "第一句。", "第二句（来源：科技日报）"]
    assert split("（以下简称《试点意见》）主要内容。") == ["（以下简称《试点意见》）主要内容。"]
    assert split("") == [] and split("\n \n") == []


def test_sentences_carry_their_article():
    text = "\n".join([BODY, "（来源：浦东发布）", "甲。乙。"])
    arts = split_articles(text)
    sents = split_sentences(text, arts)
    assert [(s.text, s.article) for s in sents][-2:] == [("甲。", 1), ("乙。", 1)]


# --------------------------------------------------------------------------- bylines

@pytest.mark.parametrize("line", ["▶ 本报记者 叶伟", "◎侯树文 本报记者 王 春", "▶ 高欣",
                                  "◎通讯员 赵优 赵海忠 晏瑞一", "本报记者 朱彤", "本报记者朱彤",
                                  "◎本报记者 宋迎迎 通讯员 肖玲玲", "文/图 本报记者 李明"])
def test_is_byline(line):
    assert is_byline(line)


@pytest.mark.parametrize("line", ["记者了解到，历经30多年发展", "高欣", "本报讯", "优化营商环境",
                                  "记者从青岛高新区了解到", "青岛高新区供图", "",
                                  "通讯员队伍建设取得积极进展。"])
def test_is_not_byline(line):
    assert not is_byline(line)


@pytest.mark.parametrize("byline, names", [
    ("本报记者 叶伟", ["叶伟"]),
    ("通讯员 赵优 赵海忠 晏瑞一 本报记者 朱彤", ["赵优", "赵海忠", "晏瑞一", "朱彤"]),
    ("◎侯树文 本报记者 王 春", ["侯树文", "王春"]),
    ("通讯员赵海忠 周燕桃 记者朱彤", ["赵海忠", "周燕桃", "朱彤"]),
    ("记者 魏依晨 通讯员 杨天宇 邱诗汇", ["魏依晨", "杨天宇", "邱诗汇"]),
    ("高欣 李偌蔓", ["高欣", "李偌蔓"]),
    ("", []),
])
def test_byline_names(byline, names):
    assert byline_names(byline) == names


def test_markers_are_data():
    assert "本报记者" in markers("byline_roles")
    assert "。" in markers("terminal")
    assert markers("no such section") == ()


# --------------------------------------------------------------------------- page date

@pytest.mark.parametrize("text, date", [
    ("2024年1月15日 星期一\n正文。", "2024-01-15"),
    ("科技日报 2024年1月15日\n正文。", "2024-01-15"),
    ("第3版 2023年12月5日 周二\n标题\n正文。", "2023-12-05"),
    ("科技日报 2024年第12期\n本报北京1月15日电 正文。", "2024-01-15"),
    ("2021年12月29日，上海推进科技创新中心建设办公室发布《行动方案》。", None),
    ("标题\n2023年12月底，项目开工。", None),
    ("本报北京1月15日电 正文。", None),        # no year anywhere in the header
    ("2024年13月45日 星期一", None),
    ("", None),
])
def test_find_date(text, date):
    assert find_date(text) == date


# --------------------------------------------------------------------------- other layouts

WEB_COPY = """苏州工业园区：打造世界一流高科技园区

2024-03-08 09:15  来源：新华日报

新华日报讯（记者 陈明）3月7日，苏州工业园区举行2024年重大项目集中签约活动，共签约项目42个。

苏州工业园区党工委书记沈觅表示，园区将坚持创新驱动，持续优化营商环境。
"""

PDF_COLUMNS = """成都高新区发布

人工智能产业新政

本报记者 刘洋

本报讯 近日，成都高新区正式发布《成都

高新区关于促进人工智能产业高质量发展

的若干政策》，从企业引育、技术创新、场

景应用等方面提出 20 条具体措施。

成都高新区管委会副主任王强介绍，新

政将对新落户的人工智能企业给予最高

1000 万元的落户奖励。

西安高新区

半导体项目集中开工

本报讯 （通讯员 李华 记者 赵敏）日前，西

安高新区举行半导体产业项目集中开工仪

式，总投资 150 亿元。
"""


def test_web_copy_meta_line_is_not_part_of_the_title():
    text = clean(WEB_COPY).text
    arts = split_articles(text)
    assert len(arts) == 1
    assert arts[0].title == "苏州工业园区：打造世界一流高科技园区"
    assert byline_names(arts[0].byline) == ["陈明"]
    assert find_date(text) == "2024-03-08"


def test_pdf_columns_of_another_paper():
    text = clean(PDF_COLUMNS).text
    assert "成都高新区管委会副主任王强介绍，新政将对新落户的人工智能企业给予最高1000万元的落户奖励。" in text
    assert "本报讯（通讯员 李华 记者 赵敏）日前，西安高新区举行半导体产业项目集中开工仪式，总投资150亿元。" in text
    arts = split_articles(text)
    assert [a.title for a in arts] == ["成都高新区发布 人工智能产业新政", "西安高新区 半导体项目集中开工"]
    assert [byline_names(a.byline) for a in arts] == [["刘洋"], ["李华", "赵敏"]]
