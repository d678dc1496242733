"""kg.extract.normalise: PDF-extraction artefacts, and the exact map back to source offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.normalise import clean
from kg.extract.segment import SIGNATURE_RE

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# what a cleaned character may legitimately stand for, besides itself
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def stands_for(clean_char: str, src_char: str) -> bool:
    if clean_char == src_char:
        return True
    if _HALF_TO_FULL.get(src_char) == clean_char:
        return True
    if clean_char == " " and src_char.isspace():
        return True           # tab, ideographic space, NBSP …, or a line break between words
    if clean_char == "\n" and src_char in "\n\r\x0b\x0c\u2028\u2029\x85":
        return True
    if 0xFF10 <= ord(src_char) <= 0xFF5A and chr(ord(src_char) - 0xFEE0) == clean_char:
        return True           # full-width letters / digits
    return False


def check_offsets(src: str) -> str:
    c = clean(src)
    assert len(c.offsets) == len(c.text)
    assert all(a < b for a, b in zip(c.offsets, c.offsets[1:])), "offsets must increase"
    for ch, o in zip(c.text, c.offsets):
        assert 0 <= o < len(src)
        assert stands_for(ch, src[o]), (ch, src[o], o)
    return c.text


def cl(src: str) -> str:
    return check_offsets(src)


def seed(name: str) -> str:
    return next(SEEDS.glob(name + "*.txt")).read_text("utf-8")


# --------------------------------------------------------------------------- offsets (property)

ALPHABET = st.sampled_from(
    list("青岛高新区出台有限公司的。，、；：！？“”（）《》…—")
    + list("abcXYZ019.,;:?!() ") + ["\n", "\n\n", "\r\n", "\t", "\u3000", "\u200b", "\ufeff",
                                    "\x07", "Ａ", "１", "# ", "## ", "本报记者 ", "图为"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_offsets_exact_on_random_text(src):
    text = check_offsets(src)
    assert "\r" not in text and "\t" not in text and "\u200b" not in text
    assert "\n\n" not in text
    assert not text.startswith(("\n", " ")) and not text.endswith(("\n", " "))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["青 岛 高 新 区 ", "出台政策，", "\n\n", "张江科学城建设",
                                 "取得进展。", "（（青岛青岛））", "图为园区图为园区",
                                 "COP15 ", "大会", "\n"]), max_size=30).map("".join))
def test_offsets_exact_on_seedlike_text(src):
    check_offsets(src)


def test_src_span_maps_back_to_source():
    src = "青 岛 高 新 区\n\n出 台 政 策 。"
    c = clean(src)
    i = c.text.index("高新区")
    a, b = c.src_span(i, i + 3)
    assert src[a:b] == "高 新 区"


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_offsets_exact_on_seeds(name):
    check_offsets(seed(name))


# --------------------------------------------------------------------------- spaces

@pytest.mark.parametrize("src, expected", [
    ("青 岛 高 新 区 出 台", "青岛高新区出台"),
    ("增长 5.4 个 百 分 点 ，贡 献 率 达 到", "增长5.4个百分点，贡献率达到"),
    ("（COP15 大会）期间", "（COP15大会）期间"),
    ("COP15 大会", "COP15大会"),
    ("Hello World", "Hello World"),
    ("Hello  \t World", "Hello World"),
    ("约 61.83 亩", "约61.83亩"),
    ("“ 拿 地 即 开 工 ”审 批", "“拿地即开工”审批"),
    ("投资\u3000500万元", "投资500万元"),
])
def test_spaces(src, expected):
    assert cl(src) == expected


def test_byline_keeps_name_separators():
    text = cl("本文。\n\n◎通讯员 赵优 赵海忠 晏瑞一\n\n本报记者 朱彤\n\n正文。")
    assert "◎通讯员 赵优 赵海忠 晏瑞一\n本报记者 朱彤" in text
    # a typeset-spaced two-character name is one name
    assert cl("◎侯树文 本报记者 王 春").endswith("王春")


def test_credit_in_dateline_keeps_name_separators():
    text = cl("科技日报讯 （通讯员赵海忠 周燕桃 记者朱彤）9 月上旬，会议召开。")
    assert text == "科技日报讯（通讯员赵海忠 周燕桃 记者朱彤）9月上旬，会议召开。"


# --------------------------------------------------------------------------- width variants

def test_fullwidth_letters_and_digits():
    assert cl("ＡＢＣ１２３公司") == "ABC123公司"


def test_bracket_forms_clean_to_the_same_string():
    assert cl("格科微电子(上海)有限公司") == cl("格科微电子（上海）有限公司") == "格科微电子（上海）有限公司"


@pytest.mark.parametrize("src, expected", [
    ("近年来,武进高新区以“发展高科技,实现产业化”为己任;", "近年来，武进高新区以“发展高科技，实现产业化”为己任；"),
    ("重点产业包括:工商税务", "重点产业包括：工商税务"),
    ("是否可行?是的!", "是否可行？是的！"),
    ("挥发性有机物(VOCs)整治", "挥发性有机物（VOCs）整治"),
    ("投资1,000万元,增长61.83%", "投资1,000万元，增长61.83%"),
    ("会议10:30开始", "会议10:30开始"),
    ("Hello, world (test): ok?", "Hello, world (test): ok?"),
    ("《试点意见》“创”、。", "《试点意见》“创”、。"),
])
def test_half_width_punctuation(src, expected):
    assert cl(src) == expected


# --------------------------------------------------------------------------- removed characters

def test_control_and_zero_width_removed():
    assert cl("青\u200b岛\ufeff高\x07新\u00ad区") == "青岛高新区"


def test_crlf():
    assert cl("第一段。\r\n\r\n第二段。\r\n") == "第一段。\n第二段。"
    assert cl("第一段。\r第二段。") == "第一段。\n第二段。"


# --------------------------------------------------------------------------- doubled captions

def test_doubled_caption_from_seed():
    src = ("图为青岛高新区埃地沃兹真空泵制造图为青岛高新区埃地沃兹真空泵制造（（青岛青岛））"
           "有限公司工作人员在装配生产线工作有限公司工作人员在装配生产线工作。。 受访者供图受访者供图")
    assert cl("正文。\n\n" + src) == ("正文。\n图为青岛高新区埃地沃兹真空泵制造（青岛）"
                                     "有限公司工作人员在装配生产线工作。受访者供图")


def test_repeated_caption():
    assert cl("图为工人在车间工作。图为工人在车间工作。") == "图为工人在车间工作。"
    assert cl("图为工人在车间工作。 图为工人在车间工作。") == "图为工人在车间工作。"


@pytest.mark.parametrize("src", [
    "大家看看，常常高高兴兴地研究研究。",
    "他说：“好！！”大家常常来看看。",
    "图为园区。图为车间。",
    "图为工作人员在黄石大冶湖高新区“政务V站”开展服务。",
    "谢谢谢谢大家的支持。。",
])
def test_legitimate_repeats_survive(src):
    assert cl(src) == src


# --------------------------------------------------------------------------- lines

COLUMN = ("据介绍，郑州高新智能传感器产业基地位于郑州高新区，总投资约 15\n\n"
          "亿元，占地面积约 61.83 亩，总建筑面积约 5.7 万平方米，将重点打造智能\n\n"
          "传感器材料、智能传感器系统、智能传感器终端等产业集群，配套建设智\n\n"
          "能传感器孵化器、加速器、人才培训、产品展示等综合服务平台，着力集聚\n\n"
          "智能传感器上中下游企业，形成以高端产品制造为产业基础、以新型研发\n\n"
          "机构为支撑、以软件算法和示范应用为推动的生态体系。\n\n")


def test_wrapped_column_lines_join():
    text = cl(COLUMN)
    assert "\n" not in text
    assert text.startswith("据介绍，郑州高新智能传感器产业基地位于郑州高新区，总投资约15亿元，")
    assert text.endswith("以软件算法和示范应用为推动的生态体系。")


def test_headlines_and_paragraph_ends_survive():
    src = ("郑州高新区全力推动\n\n智能传感器产业基地建设\n\n" + COLUMN
           + "近年来，河南省委省政府高度重视智能传感器产业发展，郑州市也\n\n"
           "先后出台了若干政策措施，建立智能传感器产业链链长制，明确依托郑\n\n"
           "州高新区建设核心区。\n\n")
    lines = cl(src).split("\n")
    assert lines[0] == "郑州高新区全力推动"
    assert lines[1] == "智能传感器产业基地建设"
    assert lines[2].startswith("据介绍") and lines[2].endswith("生态体系。")
    assert lines[3] == "近年来，河南省委省政府高度重视智能传感器产业发展，郑州市也先后出台了若干政策措施，建立智能传感器产业链链长制，明确依托郑州高新区建设核心区。"


def test_markdown_headings_lose_their_markers():
    src = "## “张江之星”行动启动 计划到2023年——\n\n## 新增60家上市企业\n\n### 谋篇布局 激发创新活力\n\n正文。"
    assert cl(src).split("\n") == ["“张江之星”行动启动 计划到2023年——", "新增60家上市企业",
                                   "谋篇布局 激发创新活力", "正文。"]


def test_long_line_broken_mid_sentence_joins():
    a = "近年来，武进高新区紧扣产业培育这一主线，持续补链延链强链，推进产业集群化、高端化发展，形成了“众创空间+孵化器+"
    b = "加速器+产业园”的全链条孵化体系。"
    assert cl(a + "\n\n" + b) == a + b


def test_latin_words_across_a_line_break_keep_a_space():
    assert cl("The park signed an agreement with the\ncompany yesterday, said the report of the zone") \
        == "The park signed an agreement with the company yesterday, said the report of the zone"


# --------------------------------------------------------------------------- the seeds

def test_seed_spaced_characters():
    text = clean(seed("001")).text
    assert "青岛高新区出台《占地类产业项目服务流程再造暂行办法》" in text
    assert "5.4个百分点，贡献率达到76.6%" in text
    assert "（COP15大会）" in text


def test_seed_sentence_has_no_line_break():
    text = clean(seed("000")).text
    assert "格科微电子（上海）有限公司于2003年在张江成立，该公司的项目是此次签约的24个重点项目之一。" in text


def test_seed_headlines_stand_alone():
    lines = set(clean(seed("000")).text.split("\n"))
    for h in ["上海张江科学城", "为企业提质增效提供空间保障", "郑州高新区全力推动", "新疆石河子高新区",
              "成立企业专职促科技成果转化", "湖北黄石大冶湖高新区推进优化营商环境“头号工程”",
              "开通服务“微站点”当好金牌“店小二”", "青岛高新区：", "优化营商环境", "◎侯树文 本报记者王春"]:
        assert h in lines, h
    lines = set(clean(seed("004")).text.split("\n"))
    assert {"强健产业筋骨 优化发展环境", "——新疆石河子经开区全力建设千亿级园区",
            "◎通讯员 赵优 赵海忠 晏瑞一", "本报记者 朱彤"} <= lines


def test_seed_paragraphs_are_whole():
    """Every line of a cleaned seed is a headline/byline/caption or ends a sentence, except
    for the few lines that end an article-internal list; no paragraph is cut mid-sentence."""
    for name in ["000", "001", "002", "003", "004"]:
        for line in clean(seed(name)).text.split("\n"):
            if len(line) > 40 and not line.endswith("供图") and not SIGNATURE_RE.search(line):
                assert line[-1] in "。！？…”）", (name, line[-30:])


def test_seed_no_markdown_markers_or_double_newlines():
    for name in ["000", "001", "002", "003", "004"]:
        text = clean(seed(name)).text
        assert "\n\n" not in text
        assert not any(line.startswith("#") for line in text.split("\n"))
        assert "（（" not in text and "图为青岛高新区埃地沃兹真空泵制造图为" not in text


def test_hashtags_are_not_headings():
    assert cl("#青岛高新区#话题\n\n正文。") == "#青岛高新区#话题\n正文。"


def test_one_paragraph_per_line_text_keeps_its_lines():
    lines = ["苏州工业园区：打造世界一流高科技园区",
             "近年来，园区着力构建“承诺制+标准地+全代办”项目服务体系，为企业发展提供了全流程的贴心服务，打造“中国康湾”",
             "二、加快产业升级",
             "园区将坚持创新驱动。",
             "一是加强创新平台建设",
             "二是优化营商环境"]
    assert cl("\n".join(lines)) == "\n".join(lines)
    assert cl("\n\n".join(lines)) == "\n".join(lines)


# --------------------------------------------------------------------------- uneven columns

def test_uneven_column_lines_with_inner_punctuation_join():
    # lines of 18 to 24 characters: a wider first line still wraps when it carries a comma
    src = ("\u3000\u3000去年以来，常德经开区围绕新能源装备、电子材料等产业开展精准\n\n"
           "招商，在常德经开区电子材料产业园集聚了湖南华鑫电子材\n\n"
           "料有限公司、常德力元新材料有限公司等一批骨干企业。\n\n")
    assert cl(src) == ("去年以来，常德经开区围绕新能源装备、电子材料等产业开展精准招商，在常德经开区"
                       "电子材料产业园集聚了湖南华鑫电子材料有限公司、常德力元新材料有限公司等一批骨干企业。")


def test_headline_with_a_comma_before_a_short_line_stays_apart():
    src = "园区企业在这里扎根成长，创业梦想照进现实！这份“答卷”请查收\n\n湘江新区发布 2024-07-02 18:00\n\n"
    assert cl(src).split("\n")[0] == "园区企业在这里扎根成长，创业梦想照进现实！这份“答卷”请查收"


def test_line_starting_with_a_closer_or_full_stop_joins():
    assert cl("“要把园区建成企业成长的沃土。\n\n”衡阳高新区党工委书记陈刚表示，将持续优化服务。") \
        == "“要把园区建成企业成长的沃土。”衡阳高新区党工委书记陈刚表示，将持续优化服务。"
    assert cl("岳阳经开区集聚了一批电子信息企业，形成了完整产业链\n\n。园区负责人介绍，今年还将新增项目。") \
        == "岳阳经开区集聚了一批电子信息企业，形成了完整产业链。园区负责人介绍，今年还将新增项目。"


def test_quote_opened_after_a_closed_bracket_keeps_the_line_open():
    src = ("同时，园区认真贯彻落实湖南省人民政府印发的《湖南省制造业发展规划（\n\n"
           "2024—2026年）》，深入落实“芙蓉\n\n"
           "人才”行动计划。\n\n")
    assert "“芙蓉人才”行动计划" in cl(src)


def test_wide_enumeration_line_above_a_column_joins():
    src = ("国防科技大学、中南大学和长沙市新一代人工智能行\n\n"
           "业协会等单位负责人出席了签约仪式。另据\n\n"
           "统计，园区今年已新增注册企业三百多家\n\n"
           "以上。\n\n")
    assert "长沙市新一代人工智能行业协会等单位" in cl(src)


def test_number_broken_across_column_lines_has_no_space():
    src = ("近三年，园区与湖南大学共建成果转化平台，在区内孵化科技企业超过30\n\n"
           "0家，力争到2027年培育高新技术企业一千家以上，形成\n\n"
           "完整的产业链。\n\n")
    assert "超过300家" in cl(src)


def test_line_ending_mid_word_joins_a_letter_spaced_line():
    # a wrapped line ending in the first character of a name, the next line justified with spaces
    src = ("青禾是我国重要的有色金属产区。高新区内的青禾\n\n"
           "远达铜箔有限公司、青禾北山新材料有限公司等企\n\n"
           "业，正从“卖原料”向“卖材料”转变。青\n\n"
           "禾 远 达 铜 箔 有 限 公 司 董\n\n"
           "事 长王立新说，公司生产的铜箔已供货多家企\n\n"
           "业。\n")
    assert "转变。青禾远达铜箔有限公司董事长王立新说" in cl(src)
