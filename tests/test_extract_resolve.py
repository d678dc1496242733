"""kg.extract.resolve: document and corpus resolution on small made-up texts."""
from kg.extract import ExtractConfig, extract

# the rules of kg.extract.relations / kg.extract.resolve, tested alone (the learned name chooser: tests/test_learn.py)
RULES = ExtractConfig(model="rules")
from kg.model import Source
from kg.extract.resolve import resolve_corpus


def doc(doc_id, text):
    return extract(Source(doc_id, f"{doc_id}.txt", "0" * 64, "utf-8", text), RULES)


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


def test_defined_short_policy_title_is_the_same_policy():
    r = doc("a", "合肥市人民政府印发《关于促进合肥高新区高质量发展的实施意见》（以下简称《实施意见》）。"
                 "《实施意见》共20条。")
    pols = labels(resolve_corpus([r]), "Policy")
    assert list(pols) == ["关于促进合肥高新区高质量发展的实施意见"]
    assert "实施意见" in pols["关于促进合肥高新区高质量发展的实施意见"]


def test_region_prefix_is_the_same_company_but_a_city_prefix_is_not_merged_here():
    r = doc("a", "香港德信集团持有的东莞德信精密有限公司股权已完成转让。德信集团表示将继续投资。")
    comps = labels(resolve_corpus([r]), "Company")
    assert "香港德信集团" in comps and "德信集团" in comps["香港德信集团"]


def test_year_and_place_edition_of_a_programme_is_one_policy():
    r = doc("a", "近日，湖南长沙高新区召开了2024年岳麓区（长沙高新区）科技攻坚行动布置会。"
                 "科技攻坚行动将持续一年。")
    pols = labels(resolve_corpus([r]), "Policy")
    assert len(pols) == 1


def test_agency_named_without_its_city_is_the_same_agency():
    r = doc("a", "广州市黄埔区副区长李明介绍，《实施办法》由广州市科技局、黄埔区共同研究形成。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "广州市黄埔区" in ags and "黄埔区" not in ags


def test_place_stripped_category_does_not_merge_two_zones():
    a = doc("a", "福建泉州国家自主创新示范区获批以来，泉州高新区加快发展。")
    b = doc("b", "长沙高新区加入长株潭国家自主创新示范区后发展迅速。")
    parks = labels(resolve_corpus([a, b]), "Park")
    names = {n for label, al in parks.items() for n in [label, *al]}
    assert not any("福建泉州国家自主创新示范区" in [label, *al] and "长株潭国家自主创新示范区" in [label, *al]
                   for label, al in parks.items())
    assert "国家自主创新示范区" not in names


def test_high_tech_zone_official_name_variants_are_one_park():
    a = doc("a", "宜昌星河高技术产业开发区今年新增企业120家。")
    b = doc("b", "宜昌星河高新区管委会主任李明表示，将继续优化服务。")
    c = doc("c", "襄阳鹿门新技术开发区引进项目18个。襄阳鹿门高新区将加快建设。")
    parks = labels(resolve_corpus([a, b, c]), "Park")
    assert len(parks) == 2, parks


def test_park_name_without_its_city_is_the_same_park():
    r = doc("a", "芜湖银湖高新区加快发展新能源产业。近年来，芜湖云帆储能科技有限公司相继在银湖高新区落户。")
    c = resolve_corpus([r])
    assert list(labels(c, "Park")) == ["芜湖银湖高新区"]
    assert ("芜湖云帆储能科技有限公司", "locatedIn", "芜湖银湖高新区") in \
        {(x.s, x.p, x.o) for x in c.relations}


def test_new_area_refers_to_a_topic_park_called_new_area_only():
    r = doc("a", "柳州东城新区党工委书记王强出席签约仪式。新区今年出台《柳州东城新区汽车产业高质量发展若干措施》。")
    got = {(x.s, x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("柳州东城新区汽车产业高质量发展若干措施", "issuedBy", "柳州东城新区") in got
    r = doc("b", "株洲云龙高新区加快发展。新区今年出台《株洲市汽车产业高质量发展若干措施》。")
    got = {(x.s, x.p, x.o) for x in resolve_corpus([r]).relations}
    assert not any(o == "株洲云龙高新区" and p == "issuedBy" for s, p, o in got)


def test_here_after_a_locative_verb_is_the_topic_park():
    r = doc("a", "株洲云龙高新区已集聚电子企业300余家，株洲星辰电子有限公司、湘江微电子有限公司等一批企业均在此落户。"
                 "此外，园区还将举办招商会。")
    got = {(x.s, x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("株洲星辰电子有限公司", "locatedIn", "株洲云龙高新区") in got
    assert ("湘江微电子有限公司", "locatedIn", "株洲云龙高新区") in got


def test_management_body_named_by_the_head_of_a_park_name():
    from kg.extract.resolve import resolve_corpus as rc
    r = doc("a", "横琴粤澳深度合作区今年新增企业3000家。横琴管委会副主任陈立新表示，"
                 "横琴管委会已出台《横琴促进科技创新若干措施》。")
    c = rc([r])
    got = {(x.s.split("~")[0], x.p, x.o) for x in c.relations}
    assert ("陈立新", "holdsPost", "横琴粤澳深度合作区") in got
    assert ("横琴促进科技创新若干措施", "issuedBy", "横琴粤澳深度合作区") in got
    assert set(labels(c, "Park")) == {"横琴粤澳深度合作区"}


def test_management_body_with_a_head_shared_by_two_parks_is_left_alone():
    r = doc("a", "滨江高新区和滨江经开区今年新增企业300家。滨江管委会副主任陈立新表示，将继续优化服务。")
    c = resolve_corpus([r])
    assert not any(x.p == "holdsPost" and x.o.startswith("滨江") for x in c.relations)


def test_zone_called_by_the_head_of_its_name_after_a_verb_of_place():
    r = doc("a", "横琴粤澳深度合作区今年新增企业3000家。珠海星辰智能科技有限公司扎根横琴已近十年，"
                 "澳门大学等机构也在横琴设立了服务平台。")
    got = {(x.s.split("~")[0], x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("珠海星辰智能科技有限公司", "locatedIn", "横琴粤澳深度合作区") in got
    assert ("澳门大学", "locatedIn", "横琴粤澳深度合作区") in got


def test_a_head_shared_by_two_zones_or_a_city_is_no_park():
    r = doc("a", "滨江高新区和滨江经开区今年新增企业300家。杭州星辰科技有限公司扎根滨江已近十年。"
                 "苏州工业园区今年新增企业3000家。苏州星河电子有限公司扎根苏州已近十年。")
    got = {(x.s.split("~")[0], x.p, x.o) for x in resolve_corpus([r]).relations}
    assert not any(s in ("杭州星辰科技有限公司", "苏州星河电子有限公司") and p == "locatedIn" for s, p, o in got)


def test_standard_short_forms_of_national_bodies_are_one_agency():
    a = doc("a", "湘潭高新区获工业和信息化部批复，建设国家级工业互联网示范区。")
    b = doc("b", "株洲高新区获工信部支持，建设先进轨道交通装备集群。")
    ags = labels(resolve_corpus([a, b]), "Agency")
    assert "工业和信息化部" in ags and "工信部" in ags["工业和信息化部"]
    assert "工信部" not in ags


def test_agency_alias_lexicon_is_extensible(tmp_path):
    from kg.extract import ExtractConfig, extract as ex
    from kg.extract.names import load_lexicon
    (tmp_path / "agency_aliases.txt").write_text("湖南省科学技术厅=湖南省科技厅\n", encoding="utf-8")
    cfg = ExtractConfig(lexicon_dirs=[str(tmp_path)])
    a = ex(Source("a", "a.txt", "0" * 64, "utf-8", "湖南省科学技术厅出台《湖南省科技创新若干措施》。"), cfg)
    b = ex(Source("b", "b.txt", "0" * 64, "utf-8", "湖南省科技厅出台《湖南省高新区考核办法》。"), cfg)
    ags = labels(resolve_corpus([a, b], load_lexicon((str(tmp_path),))), "Agency")
    assert set(ags) == {"湖南省科学技术厅"}


def test_parent_brand_stays_apart_from_its_local_subsidiary_across_documents():
    a = doc("a", "德赛尔（长沙）有限公司落户长沙经开区，成为德赛尔在华重要的汽车电子生产基地。")
    b = doc("b", "长沙经开区引进德赛尔、三一重工等龙头企业。")
    comps = labels(resolve_corpus([a, b]), "Company")
    assert "德赛尔" in comps and "德赛尔（长沙）有限公司" in comps
    assert "德赛尔" not in comps["德赛尔（长沙）有限公司"]


def test_so_called_company_refers_to_the_local_company_not_the_parent():
    r = doc("a", "西门子（株洲）电机有限公司位于株洲高新区。作为西门子电气在华最大的投资项目，该公司去年投资5亿元扩产。")
    got = {(x.s.split("~")[0], x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("西门子（株洲）电机有限公司", "investsIn", "株洲高新区") in got
    assert not any(s == "西门子电气" and p in ("investsIn", "locatedIn") for s, p, o in got)


def test_园区_after_a_sentence_that_opens_on_a_sub_park_is_that_sub_park():
    r = doc("a", "湘潭高新区今年软件业营收增长两成。作为湘潭高新区软件产业的核心承载地，湘江软件园已入驻企业超过500家。"
                 "据运营方介绍，园区集聚了星辰科技、楚天激光等一批头部企业。")
    got = {(x.s.split("~")[0], x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("星辰科技", "locatedIn", "湘江软件园") in got
    assert ("星辰科技", "locatedIn", "湘潭高新区") in got


def test_园区_after_a_sentence_about_the_zone_is_the_topic_zone():
    r = doc("a", "湘潭高新区今年软件业营收增长两成。湘潭高新区管委会主任刘洋介绍，园区集聚了星辰科技、楚天激光等一批头部企业。")
    got = {(x.s.split("~")[0], x.p, x.o) for x in resolve_corpus([r]).relations}
    assert ("星辰科技", "locatedIn", "湘潭高新区") in got



def test_a_category_word_after_在_is_no_park_head():
    from kg.extract.normalise import clean
    from kg.extract.names import load_lexicon
    from kg.extract.candidates import recognise, tokenize
    from kg.extract.resolve import resolve_document
    from kg.extract.segment import split_articles, split_sentences
    text = clean("国家海洋高技术产业基地今年新增企业300家。湘潭星辰科技有限公司在国家的支持下建成了新产线。").text
    lex = load_lexicon()
    arts = split_articles(text)
    sents = split_sentences(text, arts)
    toks = tokenize(text)
    ms, _ = resolve_document(text, sents, arts, recognise(text, sents, arts, lex, toks), lex, toks)
    assert not any(m.rule == "alias:park-head" for m in ms)


def test_two_character_brand_of_an_office_joins_the_legal_name_across_documents():
    a = doc("a", "甲乙技术有限公司在临澧高新区设立研发中心。")
    b = doc("b", "记者专访了甲乙湖南代表处总经理王大明。甲乙与临澧高新区签下战略合作协议。")
    comps = labels(resolve_corpus([a, b]), "Company")
    assert "甲乙技术有限公司" in comps
    assert "甲乙" in comps["甲乙技术有限公司"]
    assert "甲乙湖南代表处" in comps


def test_company_pronoun_before_an_investment_verb():
    text = ("临澧甲乙科技有限公司落户临澧高新区。今年，公司追加投资15亿元。")
    r = doc("a", text)
    c = resolve_corpus([r])
    assert any(x.p == "investsIn" and x.s.startswith("临澧甲乙科技有限公司") for x in c.relations)


def rels(text):
    c = resolve_corpus([doc("t", text)])
    return {(x.s.split("~")[0], x.p, x.o) for x in c.relations}


def test_bare_park_ending_stands_for_the_latest_park_with_that_ending():
    got = rels("常德柳叶湖高新区建设了常德云麓智能装备产业园。今年，湖南星野精密机械有限公司入驻产业园，"
               "湖南青禾环保有限公司在高新区投资建厂。")
    assert ("湖南星野精密机械有限公司", "locatedIn", "常德云麓智能装备产业园") in got


def test_bare_park_ending_without_a_park_of_that_ending_resolves_nothing():
    got = rels("常德柳叶湖高新区今年引进项目20个。湖南星野精密机械有限公司入驻产业园。")
    assert not any(s == "湖南星野精密机械有限公司" and o.endswith("产业园") for s, p, o in got)


def test_bare_policy_word_in_title_marks_refers_to_the_policy_before():
    r = doc("a", "青禾高新区印发《青禾高新区支持光电产业发展的若干政策》。《政策》共六个方面二十条。“《政策》的出台，是高新区的具体举措。”")
    pols = {e.label for e in r.entities if e.cls == "Policy"}
    assert pols == {"青禾高新区支持光电产业发展的若干政策"}
    pol = next(e for e in r.entities if e.cls == "Policy")
    assert len(pol.sentences) >= 2        # the later sentences speak of it


def test_national_rank_inside_a_park_name_is_the_same_park():
    a = doc("a", "宁川国家高新技术产业开发区今年新增企业120家。")
    b = doc("b", "宁川高新区管委会主任李明表示，将继续优化服务。")
    c = doc("c", "梧岭国家级经济技术开发区引进项目18个。梧岭经开区将加快建设。")
    parks = labels(resolve_corpus([a, b, c]), "Park")
    assert len(parks) == 2, parks


def test_city_government_and_its_peoples_government_are_one_agency():
    a = doc("a", "宁川市人民政府印发《宁川市促进数字经济发展若干措施》。")
    b = doc("b", "宁川市政府近日发布《宁川市支持先进制造业若干政策》。")
    ags = labels(resolve_corpus([a, b]), "Agency")
    assert list(ags) == ["宁川市人民政府"], ags
    assert "宁川市政府" in ags["宁川市人民政府"]


def test_company_defined_as_gongsi_stays_the_antecedent():
    from kg.extract import extract
    from kg.model import Source
    text = ("1月9日晚间，金柳锂业股份有限公司（以下简称“金柳锂业”或“公司”）发布公告称，公司拟以全资子公司"
            "金柳锂业（临川）新材料有限公司为实施主体投资。公司控股子公司临川银杏锂业科创有限公司成立于2018年。")
    r = extract(Source("t", "t.txt", "0" * 64, "utf-8", text), RULES)
    lab = {e.local_id: e.label for e in r.entities}
    assert ("临川银杏锂业科创有限公司", "金柳锂业股份有限公司") in {
        (lab[x.s], lab[x.o]) for x in r.relations if x.p == "subsidiaryOf"}


def test_defined_short_form_with_level_word_is_the_same_agency():
    r = doc("a", "经青原市科学技术局（以下简称“市科技局”）认定的项目给予补助。"
                 "市科技局副局长赵一鸣表示，市科技局将优先推荐申报。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "青原市科学技术局" in ags and "科技局" not in ags


def test_bare_zone_word_in_a_round_up_paragraph_is_the_zone_that_opens_it():
    text = ("全国高新区上半年成绩单出炉。\n"
            "在北省，青原高新区以光电产业为主攻方向。青原高新区营业收入增长9%。\n"
            "在南省，石溪高新区打造新材料产业集群。明远科技股份有限公司在高新区投资35亿元建设新产线。\n")
    c = resolve_corpus([doc("a", text)])
    ids = {(e.cls, e.key): e.label for e in c.entities}
    invests = {(ids[(r.s_cls, r.s)], ids[(r.o_cls, r.o)]) for r in c.relations if r.p == "investsIn"}
    assert ("明远科技股份有限公司", "石溪高新区") in invests
    assert ("明远科技股份有限公司", "青原高新区") not in invests


def test_a_citys_level_word_before_its_zone_names_the_same_zone_across_documents():
    a = doc("a", "潍坊市高新区召开企业座谈会，青岛某某科技有限公司落户潍坊市高新区。")
    b = doc("b", "潍坊高新区近日发布新政策，潍坊高新区管委会主任张三出席。")
    assert len(labels(resolve_corpus([a, b]), "Park")) == 1


def test_a_county_zone_and_the_city_zone_of_the_same_name_stay_apart():
    a = doc("a", "长沙县经开区召开企业座谈会，某某科技有限公司落户长沙县经开区。")
    b = doc("b", "长沙经开区近日发布新政策，某某电子有限公司落户长沙经开区。")
    assert len(labels(resolve_corpus([a, b]), "Park")) == 2


def test_outlets_short_and_long_zone_endings_are_one_zone_across_documents():
    a = doc("a", "常州经济开发区召开企业座谈会，某某科技有限公司落户常州经济开发区。")
    b = doc("b", "常州经开区近日发布新政策，某某电子有限公司落户常州经开区。")
    c = doc("c", "上海北郊未来产业园区开园，某某智能有限公司入驻上海北郊未来产业园区。")
    d = doc("d", "某某材料有限公司落户上海北郊未来产业园。")
    parks = labels(resolve_corpus([a, b, c, d]), "Park")
    assert len(parks) == 2, parks


# --- the stages of kg.extract.resolve, each run alone ---------------------------------------

def recognised_rules(text):
    from kg.extract import recognised
    return recognised(Source("t", "t.txt", "0" * 64, "utf-8", text), RULES)


def test_grouping_alone_joins_a_defined_short_form():
    from kg.extract.resolve import document
    rec = recognised_rules("华为技术有限公司（以下简称华为）落户成都高新区。华为将投资10亿元。")
    named = [m for m in rec.mentions if not m.anaphor]
    groups = document._groups(rec.text, named, rec.lex)
    assert {"华为技术有限公司", "华为"} in [{named[i].text for i in g} for g in groups.values()]
    entities = document._entities(named, groups, rec.lex)
    assert all(m.entity >= 0 for m in named)
    assert {e.label for e in entities} == {"华为技术有限公司", "成都高新区"}


def test_anaphor_stage_alone_finds_and_resolves_the_company_spoken_of_last():
    from kg.extract.resolve import anaphors, document
    rec = recognised_rules("临澧甲乙科技有限公司落户临澧高新区。今年，公司追加投资15亿元。")
    named = [m for m in rec.mentions if not m.anaphor]
    entities = document._entities(named, document._groups(rec.text, named, rec.lex), rec.lex)
    anas = anaphors._anaphors(rec.text, named, rec.lex, rec.toks)
    assert [a.text for a in anas] == ["公司"]
    out = anaphors.resolve_anaphors(rec.text, rec.sentences, rec.articles, named, [], anas,
                                    entities, rec.lex)
    a = next(m for m in out if m.anaphor)
    assert (a.cls, entities[a.entity].label) == ("Company", "临澧甲乙科技有限公司")


def test_topic_park_alone_is_the_zone_over_its_sub_park():
    from kg.extract.resolve import resolve_document, topic_parks
    rec = recognised_rules("位于苏州工业园区的独墅湖科教创新区集聚了多家企业。")
    ms, entities = resolve_document(rec.text, rec.sentences, rec.articles, rec.mentions, rec.lex,
                                    rec.toks)
    topic = topic_parks(rec.articles, [m for m in ms if not m.anaphor], entities)
    assert [entities[t].label for t in topic.values()] == ["苏州工业园区"]


def _park(text, start, **attrs):
    from kg.model import Mention
    return Mention(start, start + len(text), text, "Park", 0, "park:weak", 0.5, attrs)


def test_subpark_named_again_without_its_opening_words_is_one_subpark():
    from kg.extract.resolve.document import _subpark_endings
    from kg.extract.resolve.keys import _UF
    named = [_park("郑州高新智能传感器产业基地", 0, kind="subpark"), _park("智能传感器产业基地", 40),
             _park("北上海生物医药产业园", 60), _park("中德生物医药产业园", 80), _park("生物医药产业园", 99),
             _park("苏州工业园区", 120, kind="zone"), _park("吴中苏州工业园区", 140)]
    uf = _UF(len(named))
    _subpark_endings(named, uf)
    assert uf.find(0) == uf.find(1)
    # two longer names end with it: ambiguous, left apart; a zone's name is left to the zone keys
    assert len({uf.find(2), uf.find(3), uf.find(4)}) == 3
    assert uf.find(5) != uf.find(6)


def test_party_committee_named_with_and_without_the_partys_name_is_one_agency():
    r = doc("a", "山东省委决定：李万平同志任中共龙口市委书记。李万平此前任龙口市委副书记。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "中共龙口市委" in ags and "龙口市委" not in ags


def test_a_party_committee_named_with_the_party_and_the_city_is_the_districts_committee():
    r = doc("a", "林阳同志任中共烟台市福山区委书记。福山区委召开全会。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "中共烟台市福山区委" in ags and "福山区委" not in ags

def test_zone_name_variants_share_a_key():
    from kg.extract.names import load_lexicon
    from kg.extract.resolve.keys import _park_keys
    lex = load_lexicon(())
    shared = lambda a, b: bool(_park_keys(a, lex) & _park_keys(b, lex))
    assert shared("廊坊经济技术开发区", "廊坊开发区")
    assert shared("中国（湖南）自由贸易试验区", "湖南自贸试验区")
    assert shared("西部（重庆）科学城", "西部(重庆)科学城")
    assert not shared("中国（湖南）自由贸易试验区", "中国（河南）自由贸易试验区")
    assert not shared("西部（重庆）科学城", "中国西部（成都）科学城")
    assert not shared("廊坊经济技术开发区", "廊坊高新区")


def test_dot_named_park_shares_a_key_with_its_name_after_the_dot():
    from kg.extract.names import load_lexicon
    from kg.extract.resolve.keys import _park_keys
    lex = load_lexicon(())
    assert _park_keys("国盛产投·宝山药谷", lex) & _park_keys("宝山药谷", lex)


def test_park_named_alone_in_brackets_after_a_park_is_the_same_park():
    c = resolve_corpus([doc("a", "他任广州南沙开发区（自贸区南沙片区）管委会主任。")])
    parks = [e for e in c.entities if e.cls == "Park"]
    assert len(parks) == 1 and "自贸区南沙片区" in [parks[0].label, *parks[0].aliases]
    # a part introduced with 含 stays a park of its own
    c = resolve_corpus([doc("b", "合肥高新区（含合肥软件园）发展迅速。")])
    assert len([e for e in c.entities if e.cls == "Park"]) == 2


def test_park_abbreviated_by_dropping_words_in_two_places_is_the_same_park():
    c = resolve_corpus([doc("a", "中国中原人力资源服务产业园开园。目前，中原人力产业园已入驻企业30家。")])
    assert len([e for e in c.entities if e.cls == "Park"]) == 1
    # one qualifier dropped may name another park
    c = resolve_corpus([doc("b", "海口空港综合保税区和海口综合保税区都在扩容。")])
    assert len([e for e in c.entities if e.cls == "Park"]) == 2


def test_an_agency_written_with_a_short_ending_is_one_agency():
    r = doc("a", "武汉经济技术开发区人民法院审结一案。此前，武汉经济技术开发区法院已受理。洛阳市科学技术协会带领会员，洛阳市科协表示。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "武汉经济技术开发区法院" in ags["武汉经济技术开发区人民法院"]
    assert "洛阳市科协" in ags["洛阳市科学技术协会"]


def test_company_named_with_another_legal_form_is_one_company():
    r = doc("a", "武汉光谷人才集团有限公司举办招聘会。光谷人才集团表示，将提供岗位五百个。"
                 "远大铝业集团公司参展。远大铝业集团负责人说，订单增长。")
    comps = labels(resolve_corpus([r]), "Company")
    assert "光谷人才集团" in comps["武汉光谷人才集团有限公司"]
    assert "远大铝业集团" in comps["远大铝业集团公司"]


def test_same_brand_with_two_places_stays_two_companies():
    r = doc("a", "江苏星河新能源有限公司与上海星河新能源有限公司签约。星河新能源集团表示欢迎。")
    comps = labels(resolve_corpus([r]), "Company")
    assert "江苏星河新能源有限公司" in comps and "上海星河新能源有限公司" in comps
    assert "上海星河新能源有限公司" not in comps["江苏星河新能源有限公司"]


def test_company_named_by_the_ending_of_a_longer_name_is_one_company():
    r = doc("a", "网红们打卡吉亚丽人艾特莱斯丝绸公司。他们参观艾特莱斯丝绸公司的手工织机。")
    comps = labels(resolve_corpus([r]), "Company")
    assert "艾特莱斯丝绸公司" in comps["吉亚丽人艾特莱斯丝绸公司"]


def test_local_body_named_without_higher_places_or_its_system_is_the_same_agency():
    r = doc("a", "上海市虹口区检察院近日办结一起案件。虹口区检察院表示将持续监督。"
                 "国家税务总局广州市天河区税务局开展宣传，天河区税务局工作人员上门服务。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "虹口区检察院" not in ags and "天河区税务局" not in ags


def test_another_provinces_bureau_is_not_merged_by_its_bare_ending():
    r = doc("a", "江苏省商务厅与浙江省商务厅签署合作协议。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "江苏省商务厅" in ags and "浙江省商务厅" in ags


def test_unit_named_without_its_parent_bureau_is_the_same_agency():
    r = doc("a", "聊城市公安局东昌府分局破获一起盗窃案。东昌府分局民警随后走访群众。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "东昌府分局" not in ags


def test_body_named_by_the_bare_level_word_of_its_place_is_the_same_agency():
    r = doc("a", "江苏省药监局在江北新区召开座谈会。省药监局有关负责人出席。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "江苏省药监局" in ags and "省药监局" not in ags


def test_body_named_by_the_bare_level_word_of_its_zone_is_the_same_agency():
    r = doc("a", "临沂高新区行政审批服务局推进政务服务进园区。商户需要办理证照，区行政审批服务局主动上门。"
                 "高新区行政审批服务局联合辖区农贸市场开展服务。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert "临沂高新区行政审批服务局" in ags
    assert not {"区行政审批服务局", "高新区行政审批服务局"} & set(ags)


def test_street_organs_and_the_street_are_one_agency():
    r = doc("a", "济宁高新区柳行街道党工委书记刘良出席。济宁高新区柳行街道办事处有关负责同志参加。")
    ags = labels(resolve_corpus([r]), "Agency")
    assert len(ags) == 1
    assert "济宁高新区柳行街道" in next(iter(ags.values()))


def test_park_named_without_its_administrative_seat():
    r = doc("a", "北京某医院项目位于昌平区中关村生命科学园，记者从安徽省合肥市高新区获悉。")
    parks = labels(resolve_corpus([r]), "Park")
    assert "中关村生命科学园" in parks["昌平区中关村生命科学园"]
    assert "合肥市高新区" in parks["安徽省合肥市高新区"]
    # a unit's level word stays where dropping it leaves no head: "合肥市高新区" is not "高新区"
    assert "高新区" not in parks["安徽省合肥市高新区"]


def test_science_development_zone_short_form_is_one_park():
    r = doc("a", "平台提供北湖科技开发区的特色园区资源。北湖开发区辖区内注册企业可以免费入驻。")
    parks = labels(resolve_corpus([r]), "Park")
    assert "北湖开发区" in parks["北湖科技开发区"]
