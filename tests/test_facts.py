"""kg.facts: investment amounts, totals left out, projects, dates, publication dates, --dates."""
from decimal import Decimal

import pytest

from kg.extract import extract
from kg.facts import (AMOUNT_RE, find_date, find_published, investment_amounts, normalise_date,
                      parse_amount, read_dates, resolve_date)
from kg.model import DocResult, Source


@pytest.mark.parametrize("text,value,cur", [
    ("4.5亿美元", "450000000", "USD"), ("5 亿元", "500000000", "CNY"),
    ("约7,000万美元", "70000000", "USD"), ("1356.54亿元", "135654000000", "CNY"),
    ("3千万欧元", "30000000", "EUR"), ("2714万美元", "27140000", "USD"),
    ("0.5亿元人民币", "50000000", "CNY"), ("逾50亿元", "5000000000", "CNY"),
    # spoken and written-out forms real news uses
    ("投资4个亿在", "400000000", "CNY"), ("两个亿的", "200000000", "CNY"),
    ("总投资10亿，", "1000000000", "CNY"), ("五亿元", "500000000", "CNY"),
    ("十五亿元", "1500000000", "CNY"), ("一百二十亿元", "12000000000", "CNY"),
    ("三千万元", "30000000", "CNY"), ("3亿多元", "300000000", "CNY"),
    ("5亿人民币", "500000000", "CNY"), ("1000万美金", "10000000", "USD"),
    ("超10亿元", "1000000000", "CNY"), ("63 亿元", "6300000000", "CNY"),
    # a hedged power of ten: one of its unit
    ("累计投资过百亿，", "10000000000", "CNY"), ("投资超百亿元的", "10000000000", "CNY"),
    ("逾千万元，", "10000000", "CNY"), ("总投资超亿元，", "100000000", "CNY"),
    ("总投资达百亿元，", "10000000000", "CNY"), ("投资一个多亿，", "100000000", "CNY"),
])
def test_amounts_normalised_in_their_currency(text, value, cur):
    m = AMOUNT_RE.search(text)
    assert parse_amount(m) == (value, cur)
    assert Decimal(value) == Decimal(value).normalize() or value.isdigit()


@pytest.mark.parametrize("text", ["几十亿元", "数十亿元", "近百亿元项目", "10亿人次", "5万平方米",
                                  "年产30万吨", "第一亿元", "超百亿元级项目", "超百亿的企业", "通过百亿元",
                                  "超亿元项目", "达百亿元级"])
def test_no_amount(text):
    """A vague count, a bare class ("百亿元项目") or another unit is no amount."""
    assert AMOUNT_RE.search(text) is None


@pytest.mark.parametrize("sentence,expected", [
    ("由青岛海尔生物医疗股份有限公司投资5亿元建设的海尔生物安全科创产业园项目奠基。", ["5亿元"]),
    ("项目总投资额约为4.5亿美元。", ["约为4.5亿美元"]),
    ("阿斯利康将对该项目增加2.5亿美元投资，以扩大产能。", ["2.5亿美元"]),
    ("未来两年，公司还将追加投资逾50亿元，建设“蓝思一园”。", ["逾50亿元"]),
    # totals of a park, thresholds, output, support, caps, conversions: none
    ("2021年，芜湖高新区被列入重点项目达108个，总投资1356.54亿元。", []),
    ("新签约项目60余个，总投资378亿元，奇瑞新能源四期等一批项目签约落地。", []),
    ("全年新开工5亿元和3000万美元以上项目30个。", []),
    ("预计达产后每年可带来30亿元以上的工业产值。", []),
    ("最高给予1亿元资金支持。", []),
    ("项目团队还可申请不超过500万元的天使投资基金。", []),
    ("石河子经开区全年预计完成固定资产投资140亿元。", []),
    # a contribution to a fund, an insurance sum
    ("成都高新区设立规模10亿元的产业基金，成都星图数智科技有限公司出资2亿元。", []),
    ("由人保财险与广州天赐高新材料股份有限公司签约的商业秘密保险保单保额达180万元。", []),
    ("南通恒瑞精密机械有限公司拟投资4个亿在南通高新区建设精密零部件生产基地。", ["4个亿"]),
    # money a company receives: a financing round, a fund's stake
    ("该公司完成B轮融资，获得红杉资本2亿元投资。", []),
    ("成都星图数智科技有限公司获投资5000万元，由高新投领投。", []),
    ("星河资本战略投资北方科技有限公司5亿元。", []),
    ("星河科技有限公司与高新区签约，签约金额5亿元。", ["5亿元"]),
    # investment income, a supplier's contract, support named after the amount, an event's
    # budget, outbound investment of a region
    ("负债率20.86%，投资收益-37.78万元，财务费用18.89万元。", []),
    ("该项目所需设备由青岛星海海洋工程有限公司建造，合同金额约15亿元。", []),
    ("星河科技有限公司与高新区签订投资合同，合同金额5亿元。", ["5亿元"]),
    ("金星集团拟在加拿大投资液化天然气项目，该项目所需设备由青岛星海海洋工程有限公司建造，合同金额约15亿元。", []),
    ("县发改局为其申请了200万元工业投资项目支持资金。", []),
    ("此次慰问活动共投入经费120万元。", []),
    ("对外投资31亿美元，增长70.7%；", []),
    ("星河科技有限公司投资5亿元建设年产值10亿元的生产线。", ["5亿元"]),
    # 斥资 invests; an investment's scale is its amount (an industry's scale is not); a part of
    # a total the sentence states is no investment of its own
    ("星河科技有限公司斥资5亿元建设新厂。", ["5亿元"]),
    ("该项目投资规模达12亿元。", ["12亿元"]),
    ("该区产业规模达120亿元。", []),
    ("项目预计总投资120亿元，其中一期投资50亿元。", ["120亿元"]),
    ("共签约项目5个，总投资60亿元，其中A项目投资20亿元，B项目投资15亿元。", ["20亿元", "15亿元"]),
    # a cue inside a company's name states nothing (one outside it still does)
    ("公司子公司福州星河投资有限公司以12.65亿元竞得该地块。", []),
    ("星河投资集团有限公司计划投资20亿元建设数据中心。", ["20亿元"]),
    # land or shares bought are no investment in a park; equipment bought is
    ("星河科技有限公司拟投资2亿元收购北方科技有限公司51%股权。", []),
    ("星河科技有限公司投资5000万元购买生产设备。", ["5000万元"]),
    # a statistic against a period before
    ("中方投资额5.75亿美元，同比增长238.24%。", []),
    # the day's signed projects together, two projects counted with 两
    ("当天，签约项目总投资额达到520亿元，涉及新能源等领域。", []),
    ("此次集中签约项目投资总额超200亿元。", []),
    ("两个项目计划总投资达260亿元，主要建设储能电芯。", []),
    # a list or a count of projects further back is totalled (not past a "；"); a year's
    # plan and a zone's scale are a region's
    ("先后对星河科技、北方材料等重点项目进行投资，总投资超20亿元。", []),
    ("现场签约项目13个，涉及电池、光伏等领域，投资金额125亿元。", []),
    ("园区签约项目13个，涉及电池、光伏等领域；星河科技有限公司投资5亿元建设新厂。", ["5亿元"]),
    ("今年新区年度计划投资1530亿元。", []),
    ("目前，园区投资规模近850亿元，机柜5220个。", []),
])
def test_investment_amounts(sentence, expected):
    assert [m.group().strip() for m in investment_amounts(sentence)] == expected


def test_dates_in_sentences():
    s = "今年3月，阿斯利康与青岛高新区正式签署投资合作协议，项目总投资额约为4.5亿美元。"
    assert find_date(s, s.index("约为")) == "this-03"
    s = "2021年，公司新投资50亿元。"
    assert find_date(s, s.index("50")) == "2021"
    s = "项目预计2022年6月竣工，总投资10亿元。"
    assert find_date(s, s.index("10亿")) == ""
    assert resolve_date("this-03", "2023-08-16") == ("2023-03", "xsd:gYearMonth")
    assert resolve_date("last", "2023-08-16") == ("2022", "xsd:gYear")
    assert resolve_date("2021-03-05", None) == ("2021-03-05", "xsd:date")
    assert resolve_date("this-03", None) is None


@pytest.mark.parametrize("head,iso", [
    ("http://www.gd.chinanews.com    2023年07月21日 18:53    来源：中新网广东，正文：中新网广东新闻7月20日电", "2023-07-21"),
    ("2023-08-06 08:07             ，正文：今年以来，吉林省坚持稳中求进", "2023-08-06"),
    ("深圳新闻网2023年8月17日讯（记者 吴霞丹）8月15日，活动走进光明科学城。", "2023-08-17"),
    ("苏州日报\n2024年3月19日 第A02版 要闻\n正文", "2024-03-19"),
    ("科技日报 2024年1月15日\n本报讯 （记者朱彤）1月12日，新疆石河子经开区召开大会。", "2024-01-15"),
    ("扬子晚报网8月16日讯（通讯员 杨昌平）这是继2018年以来的第一次。", None),   # no year
])
def test_published_from_the_text(head, iso):
    from kg.extract.segment import find_date as page_date
    assert find_published(head, page_date(head)) == iso


def test_dates_file(tmp_path):
    f = tmp_path / "SOURCES.tsv"
    f.write_text("file\tdate\tsource\npark/0001.txt\t2023-08-16 20:02\tx\npark/0002.txt\t\tx\n",
                 encoding="utf-8")
    d = read_dates(f)
    assert d["park/0001.txt"] == "2023-08-16" and d["0001.txt"] == "2023-08-16"
    assert "park/0002.txt" not in d
    assert normalise_date("2023-08") == "2023-08" and normalise_date("x") is None


TEXT = ("青岛高新区招商引资再获佳绩。\n"
        "今年3月，阿斯利康制药（青岛）有限公司与青岛高新区正式签署投资合作协议，在青岛高新区新建"
        "吸入气雾剂生产供应基地，项目总投资额约为4.5亿美元。\n"
        "2021年，青岛高新区新签约项目60余个，总投资378亿元。\n")


def test_extract_finds_the_investment_and_round_trips():
    r = extract(Source("d", "d.txt", "0" * 64, "utf-8", TEXT))
    assert len(r.investments) == 1
    inv = r.investments[0]
    labels = {e.local_id: e.label for e in r.entities}
    assert labels[inv.investor] == "阿斯利康制药（青岛）有限公司"
    assert labels[inv.target] == "青岛高新区"
    assert (inv.amount, inv.currency, inv.amount_text, inv.date) == \
        ("450000000", "USD", "约为4.5亿美元", "this-03")
    assert inv.amount_text in r.sentences[inv.sentence].text
    again = DocResult.from_json(r.to_json())
    assert again.investments == r.investments and again.investment_src == r.investment_src


def _facts(text):
    r = extract(Source("d", "d.txt", "0" * 64, "utf-8", text))
    labels = {e.local_id: e.label for e in r.entities}
    return [(labels[i.investor], labels[i.target], i.amount_text, i.amount) for i in r.investments]


def test_investment_of_the_company_the_sentence_before_speaks_of():
    """"该公司…计划投资1.8亿元。由于…，实际投资已经超过2亿元": both the company's, in its park."""
    got = _facts("罗田经济开发区企业发展迅速。\n2018年7月，湖北欣泽霏药业有限公司落户罗田经济开发区。"
                 "该公司主营医药产品研发与生产，计划投资1.8亿元，其中8000万元用于改造厂房。"
                 "由于不断加大研发投入，实际投资已经超过2亿元。\n")
    assert ("湖北欣泽霏药业有限公司", "罗田经济开发区", "1.8亿元", "180000000") in got
    assert ("湖北欣泽霏药业有限公司", "罗田经济开发区", "超过2亿元", "200000000") in got
    assert len(got) == 2                      # "其中8000万元用于…" is a part, not another fact


def test_investment_of_the_subject_the_sentence_before_describes():
    """"A是B的全资子公司，…。7年多来，公司先后投入22亿元": A, the subject, not its parent B."""
    got = _facts("常州高新区位于江苏省常州市。江苏恒瑞新能源有限公司是宁波恒瑞集团有限公司的全资子公司，"
                 "2015年在常州高新区成立。7年多来，公司先后投入22亿元，建成8个车间。")
    assert got == [("江苏恒瑞新能源有限公司", "常州高新区", "22亿元", "2200000000")]
    # a sentence that only lists firms tells no subject
    assert _facts("常州高新区位于江苏省常州市。江苏恒瑞新能源有限公司、宁波恒瑞集团有限公司落户常州高新区。"
                  "多年来，公司先后投入22亿元，建成8个车间。") == []


def test_investment_of_this_project_named_before():
    """"这个总投资12亿元的项目": the project of the sentence before, the one company it names."""
    got = _facts("在常州高新区，江苏恒瑞新能源有限公司储能电池项目正在加紧建设。这个总投资12亿元的项目，预计年底投产。")
    assert got == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元", "1200000000")]


def test_investment_of_the_project_the_clause_before_names():
    """"此次开工的A储能电池项目，总投资12亿元": A's project is what the amount's clause speaks of."""
    got = _facts("8月8日，常州高新区举行重大项目集中开工仪式。"
                 "此次开工的江苏恒瑞新能源有限公司储能电池项目，总投资12亿元，建成后年产值30亿元。")
    assert [g[:3] for g in got] == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元")]


def test_investment_of_a_parents_unit_in_the_park_its_clause_places():
    """"A旗下的B，正在高新区建设…基地，总投资45亿元": B invests, where its own clause builds."""
    got = _facts("石家庄高新区生物医药产业发展迅速。石药集团旗下的石药集团巨石生物制药有限公司，"
                 "正在高新区建设新一代生物药产业化基地，总投资45亿元。")
    assert [g[:3] for g in got] == [("石药集团巨石生物制药有限公司", "石家庄高新区", "45亿元")]


def test_investment_being_built_is_not_elsewhere():
    """"正在加紧建设": 正在 is no place, the project is in the article's park."""
    got = _facts("常州高新区位于江苏省常州市。投资12亿元的江苏恒瑞新能源有限公司储能电池项目正在加紧建设。")
    assert [g[:3] for g in got] == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元")]


def test_investment_of_a_project_named_again_by_its_name():
    """"园区引进A储能电池项目、B芯片项目。其中，储能电池项目总投资12亿元": A's."""
    got = _facts("常州高新区位于江苏省常州市。今年以来，园区先后引进江苏恒瑞新能源有限公司储能电池项目、"
                 "上海芯源微电子有限公司芯片项目。其中，储能电池项目总投资12亿元。")
    assert [g[:3] for g in got] == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元")]
    # a project no company was named before is no one's
    assert _facts("常州高新区位于江苏省常州市。今年以来，园区先后引进江苏恒瑞新能源有限公司储能电池项目。"
                  "其中，芯片封测项目总投资12亿元。") == []


def test_investment_of_the_project_two_sentences_before():
    """"A…项目在P开工。该项目主要生产…。项目总投资12亿元": the sentence between goes on about A's
    project, so the window reaches past it; a sentence about something else stops it."""
    text = "8月8日，江苏恒瑞新能源有限公司储能电池项目在常州高新区开工。{}项目总投资12亿元，达产后年产值30亿元。"
    got = _facts(text.format("该项目主要生产大容量储能电芯。"))
    assert [g[:3] for g in got] == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元")]
    assert _facts(text.format("同日开工的还有多个基础设施项目。")) == []


def test_investments_told_respectively():
    """"A、B等项目，分别投资12亿元、8亿元": each firm its own amount, in list order."""
    got = _facts("常州高新区位于江苏省常州市。今年，园区引进江苏恒瑞新能源有限公司储能电池、"
                 "上海芯源微电子有限公司芯片封测等项目，分别投资12亿元、8亿元。")
    assert ("江苏恒瑞新能源有限公司", "常州高新区", "8亿元", "800000000") not in got
    assert all(g[0] == "上海芯源微电子有限公司" for g in got if g[2] == "8亿元")


def test_investment_in_an_industrial_concentration_zone():
    """工业集中区 names a park ("在福州江阴工业集中区建设…"), not a place elsewhere."""
    got = _facts("福州新区对接大批项目。其中，中国长江三峡集团公司将作为主投资方，"
                 "拟投资100亿元在福州江阴工业集中区建设海上风电装备产业园项目。")
    assert got == [("中国长江三峡集团公司", "福州江阴工业集中区", "100亿元", "10000000000")]


def test_no_investment_in_a_named_base_built_abroad():
    """"拟在芬兰投建欧洲新材料产业基地": the base is in Finland, not a park the company invests in;
    "在常州投资建设常州高新区…" names the park's own place."""
    text = ("原标题：北京当升材料科技股份有限公司拟在{}投建{}新材料产业基地一期项目。"
            "北京当升材料科技股份有限公司发布公告，公司拟在{}规划建成年产6万吨{}新材料产业基地一期项目，总投资计划为7.74亿欧元。")
    assert _facts(text.format("芬兰", "欧洲", "芬兰", "欧洲")) == []
    got = _facts("常州高新区位于江苏省常州市。江苏恒瑞新能源有限公司拟在常州投资建设常州高新区储能电池项目，总投资12亿元。")
    assert [g[:3] for g in got] == [("江苏恒瑞新能源有限公司", "常州高新区", "12亿元")]


def test_investment_spoken_and_by_the_speakers_company():
    got = _facts("南通高新区招商再传捷报。\n据了解，南通恒瑞精密机械有限公司拟投资4个亿在南通高新区建设精密零部件生产基地。\n")
    assert got == [("南通恒瑞精密机械有限公司", "南通高新区", "4个亿", "400000000")]
    got = _facts("株洲高新区是国家级高新区。在株洲星火动力科技有限公司的生产车间里，工人们正在忙碌。"
                 "公司负责人介绍，项目计划投资3亿元，预计明年投产。")
    assert got == [("株洲星火动力科技有限公司", "株洲高新区", "3亿元", "300000000")]


def test_investment_said_by_a_speaker_no_company_is_named_for():
    """"A负责人B…。“…”B说，该项目…总投资达16.3亿元": B opens the sentence, a quote between
    goes on; the project is A's."""
    got = _facts("敦煌光电产业园位于甘肃省敦煌市。敦煌市星河光伏发电有限责任公司负责人殷长波告诉记者，"
                 "这是他们公司建设的光伏发电项目。“虽然光伏项目收益稳定，但是前期投资大。”"
                 "殷长波说，该项目分两期实施，总投资达16.3亿元，企业资金压力较大。")
    assert [g[:3] for g in got] == [("敦煌市星河光伏发电有限责任公司", "敦煌光电产业园", "16.3亿元")]


def test_investment_in_a_project_whose_builder_is_named_later():
    """"总投资12亿元的…首发项目——E正式开工。…E由…和A共同打造": the one company that builds E."""
    text = ("8月8日，总投资12亿元的临川智能制造产业园首发项目——临川数字创新中心正式开工。"
            "临川数字创新中心由临川经开区管委会和{}共同打造，建筑面积10万平方米。")
    got = _facts(text.format("江西星河科技股份有限公司"))
    assert [(g[0], g[2]) for g in got] == [("江西星河科技股份有限公司", "12亿元")]
    assert _facts(text.format("江西星河科技股份有限公司、江西月亮电子有限公司")) == []   # two builders


def test_investment_in_a_park_named_by_a_short_form_with_characters_left_out():
    """"在云梦盐化工园投资" is in 云梦县盐化工产业园, not a place elsewhere."""
    got = _facts("云梦县盐化工产业园位于湖北省孝感市。湖北星河锂电科技有限公司落户云梦县盐化工产业园。"
                 "湖北星河锂电科技有限公司在云梦盐化工园投资4个亿，预计明年投产。")
    assert [g[:3] for g in got] == [("湖北星河锂电科技有限公司", "云梦县盐化工产业园", "4个亿")]


def test_no_investment_placed_elsewhere_by_the_clause_after_the_amount():
    """"计划投资1亿美元，在特斯拉上海工厂附近建设…": the next clause places it elsewhere."""
    text = ("宁波星河工业园区赴欧洲招商。星河钢联集团有限公司计划投资1亿美元，在{}建设金属材料处理中心。")
    assert _facts(text.format("特斯拉上海工厂附近")) == []
    assert [g[:3] for g in _facts(text.format("园区"))] == [("星河钢联集团有限公司", "宁波星河工业园区", "1亿美元")]


def test_investment_in_the_park_the_clause_after_the_amount_places():
    """"A计划投资20亿元，在P建设…基地": P, named in the next clause, is where A invests."""
    got = _facts("此次签约项目中，天津星河信息产业股份有限公司计划投资20亿元，在渤龙湖科技园建设高端计算机研发制造基地。")
    assert [g[:3] for g in got] == [("天津星河信息产业股份有限公司", "渤龙湖科技园", "20亿元")]


def test_investment_of_the_site_a_company_opened_the_sentence_before():
    """"位于P的A公司X园区正式开园。X园区占地476亩，…总投资63亿元": the site's owner, in the
    park it is placed in."""
    got = _facts("8月19日，位于武汉经开区的东风公司猛士科技智慧园区正式开园。"
                 "猛士科技智慧园区占地476亩，研发及园区建设总投资63亿元，配套建设办公楼。")
    assert [g[:3] for g in got] == [("东风公司", "武汉经开区", "63亿元")]


def test_investment_signed_with_a_parks_committee_or_at_a_signing_ceremony():
    """"A与P管委会签订投资协议，拟投资…", "P与A举行项目签约仪式，该项目总投资…": A invests in P;
    a strategic agreement is none."""
    got = _facts("近日，江苏华晟新材料有限公司与如皋高新区管委会签订投资协议，拟投资10亿元建设新材料项目。")
    assert [g[:3] for g in got] == [("江苏华晟新材料有限公司", "如皋高新区", "10亿元")]
    got = _facts("如皋高新区与江苏华晟新材料有限公司举行项目签约仪式，该项目总投资10亿元。")
    assert [g[:3] for g in got] == [("江苏华晟新材料有限公司", "如皋高新区", "10亿元")]
    assert _facts("如皋高新区与江苏华晟新材料有限公司举行签约仪式，签署战略合作协议，总投资10亿元。") == []


def test_investment_of_a_legal_names_park_project():
    """"总投资30亿元的A有限公司新材料产业园项目在P开工": the 产业园 is A's project, not a park cut
    into a company's name."""
    got = _facts("总投资30亿元的江苏华晟新材料有限公司新材料产业园项目日前在如皋高新区开工。")
    assert [g[:3] for g in got] == [("江苏华晟新材料有限公司", "如皋高新区", "30亿元")]


def test_investment_of_a_project_placed_by_a_later_clause():
    """"项目由A投资建设，总投资10亿元，位于P": a later clause with no subject places it."""
    got = _facts("常州高新区位于江苏省常州市。储能电池项目由江苏星河新能源有限公司投资建设，"
                 "总投资10亿元，占地200亩，位于常州高新区。")
    assert [g[:3] for g in got] == [("江苏星河新能源有限公司", "常州高新区", "10亿元")]


@pytest.mark.parametrize("later", [
    "星河新能源将在园区投资10亿元建设新厂。",
    "星河公司将在常州高新区投资10亿元建设新厂。",
    "今年，星河新能源在园区投资建设新项目，计划总投资10亿元。",
])
def test_investment_of_a_company_named_again_by_a_short_form(later):
    """A short form the recognisers missed ("星河新能源", "星河公司") opens the investing clause:
    the one company of the article whose name holds it."""
    got = _facts("常州高新区位于江苏省常州市。江苏星河新能源有限公司成立于2015年。" + later)
    assert [g[:3] for g in got] == [("江苏星河新能源有限公司", "常州高新区", "10亿元")]


def test_no_investment_of_a_short_form_two_companies_hold_or_a_place():
    text = "常州高新区位于江苏省常州市。江苏星河新能源有限公司、上海星河新能源有限公司成立于2015年。{}"
    assert _facts(text.format("星河新能源将在园区投资10亿元建设新厂。")) == []
    assert _facts("常州高新区位于江苏省常州市。常州市星河新能源有限公司成立于2015年。"
                  "常州市将在园区投资10亿元建设新厂。") == []


def test_no_investment_in_a_park_word_of_what_is_built():
    """"拟在福清投资…建设产业园项目": the 产业园 being built is not the park named before."""
    got = _facts("福州新区对接大批项目。中国星河铝业公司将在闽台（福州）蓝色产业园选址投资铝精深加工项目，总投资约300亿元；"
                 "中国星河核建集团拟在福清投资近163亿元建设产业园项目。")
    assert [g[:3] for g in got] == [("中国星河铝业公司", "闽台（福州）蓝色产业园", "约300亿元")]


def test_no_investment_for_a_fund_a_name_not_recognised_or_a_place_abroad():
    assert _facts("成都高新区企业动态。成都星图数智科技有限公司近日完成B轮融资2亿元。该公司去年实现营收5亿元。"
                  "成都高新区设立规模10亿元的产业基金，成都星图数智科技有限公司出资2亿元。") == []
    got = _facts("嘉善经开区加快发展。嘉兴星河半导体股份有限公司将投资15亿元，在经开区新建封装测试项目。"
                 "福莱特也与经开区签约，投资12亿元新建光伏玻璃项目。")
    assert [g[2] for g in got] == ["15亿元"]
    assert _facts("襄阳高新区企业发展迅速。襄阳骆峰电池有限公司是园区龙头企业。"
                  "公司还计划投资68亿元在越南打造锂电池产业园。") == []


@pytest.mark.parametrize("text,amounts", [
    # "A承建的…项目": a builder, not the investor
    ("常州高新区动态。江苏恒瑞新能源有限公司入驻常州高新区。"
     "江苏恒瑞新能源有限公司承建的总投资20亿元的会展中心项目正式开工。", []),
    # "P…，是A…的样板，总投资18亿元": the park's own total, A only describes it
    ("常州高新区动态。上海星河集团有限公司与常州高新区签约。"
     "星河药谷位于常州高新区，是上海星河集团有限公司“基金+基地”模式的实践样板，总投资约18亿元。", []),
    # "A投资10亿元建设电池项目，同期开工的光伏组件项目总投资5亿元": the second is not A's
    ("常州高新区动态。江苏恒瑞新能源有限公司在常州高新区投资10亿元建设电池项目，"
     "同期开工的光伏组件项目总投资5亿元。", ["10亿元"]),
])
def test_investor_is_not_a_builder_a_described_company_or_another_projects(text, amounts):
    assert [g[2] for g in _facts(text)] == amounts


# --- the graph: seeds and the real corpus sample ----------------------------------------------

import csv as _csv  # noqa: E402
import json as _json  # noqa: E402
import re as _re  # noqa: E402
from pathlib import Path  # noqa: E402

import rdflib  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from kg.cli import main  # noqa: E402
from kg.facts import AMOUNT_RE as _AMOUNT  # noqa: E402
from kg.pipeline import BuildOptions, run_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PKNS = rdflib.Namespace("https://w3id.org/parkkg/ontology#")


def _build(tmp, paths, **kw):
    opts = BuildOptions(paths=[str(p) for p in paths], out_dir=Path(tmp), base_iri="https://w3id.org/parkkg/id/",
                        view=False, store=True, progress=False, **kw)
    run_build(opts)
    return Path(tmp)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("seeds") / "out", [ROOT / "seeds"])


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    """The real-corpus sample, with its publication dates from the set's SOURCES.tsv."""
    return _build(tmp_path_factory.mktemp("real") / "out", [ROOT / "tests/data/real_dev/texts"],
                  dates=str(ROOT / "tests/data/real_dev/SOURCES.tsv"))


def _investments(out: Path) -> list[dict]:
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    rows = []
    for i in g.subjects(rdflib.RDF.type, PKNS.Investment):
        s = g.value(i, PKNS.sentence)
        rows.append({"amount": g.value(i, PKNS.amount), "currency": str(g.value(i, PKNS.currency)),
                     "text": str(g.value(i, PKNS.amountText)),
                     "sentence": str(g.value(s, PKNS.text)),
                     "linked": (g.value(i, PKNS.investor), PKNS.investsIn, g.value(i, PKNS.target)) in g})
    return rows


@pytest.mark.parametrize("which", ["seeds_out", "corpus_out"])
def test_every_amount_appears_as_written_in_its_evidence_sentence(which, request):
    rows = _investments(request.getfixturevalue(which))
    if which == "seeds_out":
        assert len(rows) >= 5
    for r in rows:
        assert r["text"] in r["sentence"], r
        assert r["linked"], r          # an investment stands beside its investsIn triple
        m = _AMOUNT.search(r["text"])  # and the decimal is the written amount, normalised
        assert parse_amount(m) == (str(r["amount"]), r["currency"])
        assert r["amount"].datatype == rdflib.XSD.decimal


def test_seed_investments(seeds_out):
    got = {(r["text"], r["currency"]) for r in _investments(seeds_out)}
    assert {("约为4.5亿美元", "USD"), ("2.5亿美元", "USD"), ("5亿元", "CNY"), ("50亿元", "CNY"),
            ("逾50亿元", "CNY")} <= got
    # totals of a park over many projects are not one company's investment
    assert not {t for t, _ in got} & {"1356.54亿元", "378亿元", "400多亿元", "450亿元", "186亿元"}


def test_published_from_the_dates_file(corpus_out):
    g = rdflib.Graph().parse(corpus_out / "graph.ttl", format="turtle")
    doc = rdflib.URIRef("https://w3id.org/parkkg/id/doc/0001")
    assert str(g.value(doc, PKNS.published)) == "2023-08-16"
    art = rdflib.URIRef("https://w3id.org/parkkg/id/doc/0001/a/0")
    assert str(g.value(art, PKNS.published)) == "2023-08-16"
    # a document the file gives no date: the text's own ("2023年07月21日 18:53" stamp)
    assert str(g.value(rdflib.URIRef("https://w3id.org/parkkg/id/doc/0036"), PKNS.published)) == "2023-07-21"


def test_graphs_with_facts_conform(seeds_out, corpus_out):
    from kg.validate import validate
    for out in (seeds_out, corpus_out):
        result = validate(out / "graph.ttl")
        assert result.conforms, result.messages[:5]


def _query(out, *args):
    r = CliRunner().invoke(main, ["query", *args, "--out", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    return [{k: v["value"] for k, v in b.items()} for b in _json.loads(r.output)["results"]["bindings"]]


def test_named_queries(seeds_out):
    rows = _query(seeds_out, "investments-of-park", "-p", "park=青岛高新技术产业开发区")
    detail = [r for r in rows if not r["company"].startswith("total")]
    totals = {r["currency"]: r["amount"] for r in rows if r["company"].startswith("total")}
    assert {r["amount_text"] for r in detail} >= {"约为4.5亿美元", "2.5亿美元", "5亿元"}
    assert len(detail) == len({(r["company"], r["amount_text"]) for r in detail})  # no duplicates
    assert totals["USD"] == "700000000"           # never added to the CNY
    rows = _query(seeds_out, "parks-by-investment")
    by = {(r["park"], r["currency"]): r["total"] for r in rows}
    assert by[("青岛高新区", "USD")] == "700000000" and ("青岛高新区", "CNY") in by
    rows = _query(seeds_out, "investments-of-company", "-p", "company=蓝思精密（泰州）有限公司")
    assert [r["amount_text"] for r in rows] == ["逾50亿元", "50亿元"] or \
        sorted(r["amount_text"] for r in rows) == ["50亿元", "逾50亿元"]
    assert any(r["date"] == "2021" for r in rows)


def test_timeline_of_park(corpus_out):
    rows = _query(corpus_out, "timeline-of-park", "-p", "park=广州开发区")
    dates = [r["date"] for r in rows]
    assert dates and dates == sorted(dates)


def test_stats_and_csv(seeds_out, tmp_path):
    r = CliRunner().invoke(main, ["stats", "--out", str(seeds_out), "--format", "json"])
    inv = _json.loads(r.output)["investments"]
    assert inv["by_currency"]["USD"]["total"] == "700000000"
    assert inv["by_currency"]["USD"]["largest"][0]["amount_text"] == "约为4.5亿美元"
    r = CliRunner().invoke(main, ["stats", "--out", str(seeds_out)])
    assert "largest stated investments in CNY" in r.output
    r = CliRunner().invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "t"),
                                  "--out", str(seeds_out)])
    assert r.exit_code == 0, r.output
    rows = list(_csv.DictReader((tmp_path / "t" / "investments.csv").open(encoding="utf-8-sig")))
    assert {r["amount_text"] for r in rows} >= {"约为4.5亿美元", "5亿元"}
    assert all(_re.fullmatch(r"\d+(\.\d+)?", r["amount"]) and r["currency"] for r in rows)


def test_investment_quality_on_the_seed_gold():
    import importlib.util
    spec = importlib.util.spec_from_file_location("measure_investments",
                                                  ROOT / "tools" / "measure_investments.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    m = mod.measure(ROOT / "tests/data/seeds/texts", ROOT / "tests/data/seeds/gold")
    assert m["gold"] == 6
    assert m["precision"] >= 0.85 and m["recall"] >= 0.70, m


# --------------------------------------------------------------------------- release and appointment dates

@pytest.mark.parametrize("p,sentence,span,written", [
    ("issuedBy", "2018年12月，经国务院同意，国家发展改革委牵头印发《国家物流枢纽布局和建设规划》", "国家发展改革委", "2018-12"),
    ("issuedBy", "国家发改委8月16日发布《关于推动虹桥国际开放枢纽进一步提升能级的若干政策措施》", "《关于", "this-08-16"),
    ("issuedBy", "在今年以来，省政府印发了《关于支持电子信息制造业创新发展的意见》", "省政府", ""),   # a span
    ("issuedBy", "高新区印发《若干政策》，自2023年3月1日起施行", "高新区", ""),     # in force from: not the release
    ("issuedBy", "2023年，高新区召开大会；管委会印发《若干政策》", "管委会", ""),  # another segment's date
    # a career summary dates each post on its own
    ("holdsPost", "曾任南京市外经贸委副主任；2005年8月任南京市浦口区委副书记、代区长，南京高新技术产业开发区管委会主任；"
                  "2006年1月任南京市浦口区委副书记", "南京高新技术产业开发区管委会主任", "2005-08"),
    ("holdsPost", "2021年5月起，张建国任苏州高新区管委会主任", "苏州高新区管委会主任", ""),   # the date is a clause away
    ("holdsPost", "2021年5月起任苏州高新区管委会主任", "苏州高新区管委会主任", "2021-05"),
    ("holdsPost", "苏州高新区管委会主任张建国出席", "苏州高新区管委会主任", ""),
    ("locatedIn", "2021年5月落户苏州高新区", "苏州高新区", ""),                  # only releases and posts
])
def test_statement_dates(p, sentence, span, written):
    from kg.facts import statement_date
    a = sentence.index(span)
    assert statement_date(p, sentence, a, a + len(span)) == written


RELEASE = ("苏州日报 2023年3月19日 第A02版\n\n苏州高新区出台人才新政\n\n本报讯 3月18日，苏州高新区管委会印发"
           "《苏州高新区关于支持高层次人才创新创业的若干政策》，对落户企业给予奖励。\n")


def test_release_date_in_graph_query_and_shapes(tmp_path):
    """A dated release is a pk:date on its issuedBy evidence (a 3月18日 takes the page's year),
    timeline-of-park lists it, and the graph conforms to the shapes."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(RELEASE, encoding="utf-8")
    out = _build(tmp_path / "out", [tmp_path / "in"])
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    dated = {(g.value(st, rdflib.RDF.predicate), str(g.value(st, PKNS.date)))
             for st in g.subjects(rdflib.RDF.type, PKNS.Evidence) if g.value(st, PKNS.date) is not None}
    assert dated == {(PKNS.issuedBy, "2023-03-18")}
    rows = _query(out, "timeline-of-park", "-p", "park=苏州高新区")
    assert [(r["date"], r["what"]) for r in rows][:2] == [("2023-03-18", "policy"), ("2023-03-19", "article")]
    r = CliRunner().invoke(main, ["validate", "--out", str(out)])
    assert r.exit_code == 0, r.output
