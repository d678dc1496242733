"""Company short names that only their context marks as names: the items of an enumeration
("以A、B、C为代表的…企业", "引进A、B等项目") and names after a company cue ("龙头企业X", "X中国区
总部", "以X为例", "持有的A以及B各100%股权", a stock short name opening a clause).
"""
from __future__ import annotations

import functools
import re

from kg.extract.candidates.edges import (_after_function_word, _brand_end, _common_word,
                                         _has_function_token)
from kg.extract.candidates.patterns import _RE_CJKLAT, Patterns
from kg.extract.candidates.scan import _sentence_of
from kg.extract.candidates.institutions import _generic_institution
from kg.extract.candidates.companies import _level_and_kind
from kg.extract.names import alternation
from kg.extract.tokens import Tokens
from kg.model import Mention


_LIST_TAIL_OK = re.compile(r"(?:等|为代表的|为龙头的|两家|三家|[一二三四五六七八九十\d]+家)?[^，。、；：]{0,10}?(?:企业|公司|项目|集团|品牌|院所|平台|单位)"
                           # "A、B等产业园": parks (not "云存储、云服务等功能相对完善的产业园区": what a park has)
                           r"|(?:等|为代表的|为龙头的)?[^，。、；：的]{0,10}?园"
                           # "A、B、C等数字经济产业龙头": the leaders of a trade are firms
                           r"|等[^，。、；：]{0,10}?(?:龙头|巨头|领军者|头部厂商)(?![^，。、；：]{0,4}?(?:城市|地区|区域|园区))"
                           # "等一批科技含量高、实力强的企业": a batch described before its kind
                           r"|等一(?:大)?批[^，。；：]{0,16}?(?:企业|公司|集团|品牌|厂商|厂家|制造商|供应商)"
                           # "A、B、C等7家全国综合实力前10强的磁材企业": a count of firms described at length
                           r"|(?:等)?(?:两|三|[一二三四五六七八九十\d]+)家[^，。、；：]{0,18}?(?:企业|公司|集团|厂商)")


@functools.lru_cache(maxsize=8)     # per lexicon, not per document
def _cues(lex) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """The patterns of the words of lexicon list_cues: a list's head, a list tail that names its
    items leading firms, a list tail of no firms, a company cue before a name."""
    head, cue, leading, aspect = (alternation(lex.tagged("list_cues", t)) for t in ("head", "cue", "leading", "aspect"))
    return (re.compile(f"(?:{head})"),
            # "等20多家行业领军企业": the tail names the items leading firms, whatever their words look like
            re.compile(f"(?:等|为代表的|为龙头的)[^，。、；：]{{0,10}}?(?:{leading})企业"),
            # "从A、B等方面给予企业支持": aspects, fields or links of a chain, never firms
            re.compile(f"等(?:多个|各个|诸多|几个)?(?:{aspect})"
                       f"(?![^，。、；：]{{0,6}}?(?:{leading})企业)"
                       # "王某、李某等人冒用…企业名义", "粮油、水产等各类生产企业": persons, trades
                       r"|等人(?![工才])|等(?:各(?!大)|多种|多类|不同)"
                       # "以煤电、钢铁、有色等主要碳排放行业企业为重点", "…等产业相关企业": the
                       # firms of the trades listed (the leaders of a trade, "等X行业龙头企业", are firms)
                       r"|等[^，。、；：]{0,8}?(?:行业|产业|领域)(?:相关|类|的)?(?:企业|公司)"),
            # cues that the next words are a company's name ("园区企业火炬电子", "龙头企业X", "瑞典企业X")
            re.compile(f"(?:{cue})企业"
                       r"|(?<=[\u4e00-\u9fff]{2})(?<![一二三四五六七八九十多几百千万余])企业(?=[\u4e00-\u9fff]{2,6}为例)"))


_ITEM_HEAD = re.compile(r"^(?:园区企业|园区|企业|特别是|其中|例如|如|包括|收购|以(?!色列)|为|引进|引入|集聚了?|汇聚了?|拥有|涵盖|龙头企业)+")
_ITEM_TRIM = re.compile(r"(?:(?:区域|西南|西北|华北|华东|华南|华中|东北|中国区|大中华区|亚太|全球)?总部|[一二三四五六七八九十]期|项目|工厂|生产基地|产业基地|基地|产业园|园区)+$")


_ZONE_IN_ITEM = re.compile(r".*(?:高新区|经开区|开发区|工业园区|自贸区|保税区|新区)")
# "IP提供商、系统集成商", "养殖户": the kind of firm or household an item names ("招商" is a trade)
_FIRM_KIND = re.compile(r"(?:(?<!招)商|户)$")
# an enumeration's items never contain 等 (U+7B49): it ends the list
_ITEM_CH = "[\u4e00-\u7b48\u7b4a-\u9fffA-Za-z0-9（）()]"
_ITEM_CH1 = "[\u4e00-\u7b48\u7b4a-\u9fff]"
# an item may carry its short-name definition: "南京某某科技股份有限公司（简称“某某科技”）"
_ITEM = f"{_ITEM_CH}{{2,24}}(?:[（(](?:以下)?简称[“\"][^“”\"（）()]{{1,12}}[”\"][）)])?"
_LIST_RE = re.compile(f"((?:{_ITEM}、)+{_ITEM}|{_ITEM_CH1}{{2,12}})"
                      f"(?=等|为代表|为龙头|两家|三家|[一二三四五六七八九十\\d]+家)")


_LIST_ANCHOR = re.compile(r"等|为代表|为龙头|两家|三家|[一二三四五六七八九十\d]+家")
_LIST_STOP = re.compile(r"[（(](?:以下)?简称[“\"][^“”\"（）()]{1,12}[”\"][）)]|"
                        r"([^\u4e00-\u7b48\u7b4a-\u9fffA-Za-z0-9（）()、])")


def _list_matches(text: str):
    """The matches of ``_LIST_RE``, searched only in the clause before each list anchor (a scan
    of the whole text would try the pattern at every character)."""
    last = 0
    for a in _LIST_ANCHOR.finditer(text):
        p = a.start()
        if p < last:
            continue
        lo = max(last, p - 160)
        # the enumeration cannot reach back over punctuation
        stop = None
        for st in _LIST_STOP.finditer(text, lo, p):
            if st.group(1) is not None:     # a definition "（简称“X”）" does not stop the list
                stop = st
        ws = stop.end() if stop is not None else lo
        m = _LIST_RE.search(text, ws, min(len(text), p + 8))
        while m is not None and m.end() <= p:
            if m.end() == p:
                break
            m = _LIST_RE.search(text, m.end(), min(len(text), p + 8))
        if m is None or m.end() != p:
            continue
        last = m.end()
        yield m


def _list_companies(text: str, mentions: list[Mention], pat: Patterns, sent_starts,
                    toks: Tokens | None = None) -> list[Mention]:
    """Short company names in enumerations governed by a list head and an 等/为代表 tail."""
    out: list[Mention] = []
    legal = [(c.start, c.end) for c in mentions if c.cls == "Company" and c.rule == "company:legal-form"]
    for m in _list_matches(text):
        named = any(_is_item(text, m, s, e) for s, e in legal) or _level_company_item(text, m, pat, toks)
        found = _list_items(text, m, pat, toks, named)
        if found is None:
            continue
        pos, items, mixed = found
        institutional = not mixed and re.match(r"(?:等|为代表的)[^，。；]{0,16}(?:平台|院所|机构|研究院|实验室|高校)", text[m.end():m.end() + 24])
        leading = _cues(pat.lex)[1].match(text, m.end()) is not None and "、" in m.group(1)
        for it in items:
            s, e = pos, pos + len(it)
            pos = e + 1
            item = _list_item(text, it, s, e, institutional, pat, sent_starts, toks)
            if item is not None and mixed:
                if item.cls != "Company":
                    continue
                item.rule, item.confidence = NAMED_LIST_RULE, 0.5
            if item is not None:
                if leading and item.rule == "company:list-weak":
                    item.rule, item.confidence = "company:list", 0.6    # "鼎材、芯科、威迈等…领军企业"
                out.append(item)
    return _without_persons(_weak_items_of_strong_lists(out), pat, toks)


def _without_persons(out: list[Mention], pat: Patterns, toks: Tokens | None) -> list[Mention]:
    """A list of persons ("曹慧泉、陈恢清分别率队…", "以李超琼为代表的…") names no firm: items the
    tagger reads as a person's full name are dropped where they are half of their list or more (a
    foreign brand among firms reads as one too: "霍尼韦尔、施耐德、新思科技")."""
    kept: list[Mention] = []
    for _, grp in _groupby_list(out):
        persons = [_person(toks, pat, x.start, x.end) for x in grp]
        drop = sum(persons) * 2 >= len(grp)
        kept += [x for x, p in zip(grp, persons) if not (drop and p)]
    return kept


def _level_company_item(text: str, m: re.Match, pat: Patterns, toks: Tokens | None) -> bool:
    """An item of the enumeration ``m`` is a government's company named by its kind ("市公交集团",
    no name of its own): a list of bodies and firms all the same ("老河口市、市公交集团、汉江国投等
    八支代表队")."""
    if toks is None:
        return False
    s = m.start(1)
    for it in m.group(1).split("、"):
        form = next((f for f in pat.company_form_tuple if it.endswith(f)), None)
        if form is not None and len(it) > len(form) + 1 and _level_and_kind(toks, pat, s, s + len(it) - len(form)):
            return True
        s += len(it) + 1
    return False


def _is_item(text: str, m: re.Match, s: int, e: int) -> bool:
    """The name at [s, e) is one whole item of the enumeration ``m`` (not words inside one:
    "X集团有限公司联合消防大队、物业人员…")."""
    return m.start(1) <= s and e <= m.end(1) and (e == m.end(1) or text[e] == "、") and \
        (s == m.start(1) or text[s - 1] == "、" or _ITEM_HEAD.fullmatch(text, m.start(1), s) is not None)


#: the items of a list that names a company by its legal name and closes with no word of firms
#: ("中国三峡集团、华为公司、阿里巴巴、复旦大学等市场和社会专业机构"): a weak proposal each
NAMED_LIST_RULE = "company:list-named"


def _list_items(text: str, m: re.Match, pat: Patterns, toks: Tokens | None, named: bool = False
                ) -> tuple[int, list[str], bool] | None:
    """The items of the enumeration ``m``, where the first one starts and whether only a legal
    name among them (``named``), not its tail, makes it a list of firms."""
    s0 = m.start()
    head = text[max(0, s0 - 12):s0]
    seg = m.group(1)
    tail = text[m.end():m.end() + 24]
    if _cues(pat.lex)[2].match(tail):
        return None
    mixed = not _LIST_TAIL_OK.match(tail)
    if mixed and not (named and tail.startswith("等")):
        return None
    if _kinds(seg.split("、"), tail):
        return None
    single_ok = re.search(r"(?:企业|龙头企业)$", head) or (
        re.match(r"为代表|为龙头", tail) and re.search(r"以[^，。；、]{2,12}$", text[max(0, s0 - 14):m.end()]))
    if "、" not in seg and not single_ok:
        return None
    # the first item starts after the list head verb or the last function word
    hm = None
    for hm in _cues(pat.lex)[0].finditer(seg.split("、")[0]):
        pass
    pos = s0
    items = seg.split("、")
    if hm is not None and hm.end() < len(items[0]):
        cut = hm.end()
        items[0] = items[0][cut:]
        pos = s0 + cut
    z = _ZONE_IN_ITEM.search(items[0])
    if z is not None and len(items[0]) - z.end() >= 2:
        # "连云港高新区|如年实业、A、B3家企业": the zone the firms are in opens the first item
        items[0] = items[0][z.end():]
        pos += z.end()
    if toks is not None:
        cut = _after_function_word(toks, pos, pos + len(items[0]))
        if cut > pos and _ITEM_TRIM.sub("", text[cut:pos + len(items[0])]) in pat.industry:
            cut = pos               # "昆明|积大(v)|制药": a trade word alone is no name; the verb tag lied
        if cut > pos:
            items[0] = items[0][cut - pos:]
            pos = cut
    return pos, _last_pair(items), mixed


def _last_pair(items: list[str]) -> list[str]:
    """"A、B、C和D": the last item of an enumeration may join two ("益狐科技和迈睿达"); a name
    that holds 和 or 与 has it among its first characters ("中和", "嘉和美康")."""
    last = items[-1]
    j = max(last.rfind("和"), last.rfind("与"))
    if len(items) >= 2 and j >= 3 and len(last) - j - 1 >= 2:
        return [*items[:-1], last[:j], last[j + 1:]]
    return items


def _kinds(items: list[str], tail: str) -> bool:
    """The items name kinds, not firms: one of them is a kind of firm ("商业连锁企业、百货超市、
    餐饮企业等众多中小企业": its siblings are kinds too), or each ends in the word the tail calls
    them by ("科技数据、税收数据、政务数据等数据")."""
    if any(len(it) >= 4 and it.endswith("企业") for it in items):
        return True
    word = tail[1:3] if tail.startswith("等") else ""
    return len(items) >= 2 and len(word) == 2 and all(len(it) > 2 and it.endswith(word) for it in items)


def _person(toks: Tokens | None, pat: Patterns, s: int, e: int) -> bool:
    """[s, e) is one word the tagger reads as a person's full name, a family name and two
    characters ("以李超琼为代表的…", "曹慧泉、陈恢清分别率队…"): a person, not a firm's short name
    (a brand the tagger reads as a name is one or two characters: "富士康", "安琪")."""
    if toks is None or e - s != 3:
        return False
    k = toks.index_at(s)
    return toks.starts[k] == s and toks.ends[k] == e and toks.pos[k] in ("nr", "nrfg") and \
        toks.words[k][0] in pat.lex.set("surnames")


def _list_item(text: str, it: str, s: int, e: int, institutional, pat: Patterns, sent_starts,
               toks: Tokens | None) -> Mention | None:
    """The name that the list item ``it`` (at [s, e)) holds, if any."""
    if _generic_institution(_ITEM_TRIM.sub("", it), pat, pat.lex.set("institution_generic")):
        return None                 # "重点实验室、工程技术研究中心", "宠物医院、养殖户": kinds, not bodies
    if institutional:
        if len(it) >= 3 and not pat.stop_prefix.match(it) and (
                re.search(r"(?:院|所|实验室|大学|学院)$", it) or
                (re.search(r"(?:中心|基地)$", it) and _name_like(it, pat))):
            return Mention(s, e, it, "Institution", _sentence_of(sent_starts, s),
                           "institution:list", 0.7, {})
        return None
    if toks is not None and len(it) > 8 and re.search(r"(?:项目|基地|产业园|工厂|园)$", it):
        # "瑞孚迪生命科学仪器和医疗设备生产基地": the brand at the head of a project
        be = _brand_end(text, toks, s, e, pat)
        if be:
            return Mention(s, be, text[s:be], "Company", _sentence_of(sent_starts, s),
                           "company:list", 0.65, {})
        return None
    t = _ITEM_TRIM.sub("", it)
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)
    e = s + len(t)
    if len(t) < 2 or len(t) > (14 if _place_bracketed(t, pat) else 10):
        return None
    if re.search(r"[（(]", t) and not _place_bracketed(t, pat):
        t2 = re.split(r"[（(]", t)[0]
        e = s + len(t2)
        t = t2
    h = _ITEM_HEAD.match(t)
    if h and toks is not None and toks.starts[toks.index_at(s + h.end())] != s + h.end():
        h = None                   # "如年|实业": the head word is the front of the item's own word
    if h:
        s, t = s + h.end(), t[h.end():]
    if len(t) < 2 or t in pat.places or pat.stop_prefix.match(t) or t.endswith(("企业", "公司", "等")):
        return None
    if t.endswith(pat.lex["list_place_endings"]):
        return None                # "惠园小区", "白鹭公寓", "服务部门": a place or a unit, not a firm
    if t in pat.industry or _FIRM_KIND.search(t) or "及" in t[1:-1] or \
            toks is not None and _level_and_kind(toks, pat, s, s + len(t)):
        return None                # "人工智能、集成电路等领域": trades, not companies; "系统集成商": a kind of firm;
                                   # "大数据存储加工及应用": a phrase; "县投资集团": a kind
    cls = "Company"
    if re.search(r"(?:院|所|大学|学院|实验室|中心)$", t):
        cls = "Institution"
    elif re.search(r"园区?$", t) and t[:-1].rstrip("园") in pat.places:
        cls = "Park"
    elif not _name_like(t, pat):
        return Mention(s, e, t, cls, _sentence_of(sent_starts, s), "company:list-weak", 0.5, {})
    attrs = {"kind": "subpark"} if cls == "Park" else {}
    return Mention(s, e, t, cls, _sentence_of(sent_starts, s), "company:list", 0.7, attrs)


_BRACKETED = re.compile(r"[\u4e00-\u9fff]{2,}[（(]([\u4e00-\u9fff]{2,6})[）)]([\u4e00-\u9fff]{2,6})")


def _place_bracketed(t: str, pat: Patterns) -> bool:
    """"西卡德高（德州）新材料": a local company's short name, its place in brackets before its
    trade — one name, not a brand and a remark in brackets."""
    m = _BRACKETED.fullmatch(t)
    return m is not None and m.group(1) in pat.places and m.group(2) in pat.industry


def _weak_items_of_strong_lists(out: list[Mention]) -> list[Mention]:
    """Weak items (common words only) count when most items of their list read as names."""
    kept: list[Mention] = []
    for key, grp in _groupby_list(out):
        strong = sum(1 for x in grp if x.rule != "company:list-weak")
        for x in grp:
            if x.rule == "company:list-weak":
                if strong * 2 >= len(grp) and len(grp) >= 2:
                    x.rule, x.confidence = "company:list", 0.6
                    kept.append(x)
            else:
                kept.append(x)
    return kept


def _groupby_list(ms: list[Mention]):
    """Group list items by the enumeration they come from (consecutive, same sentence)."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups and groups[-1][-1].sentence == m.sentence and m.start - groups[-1][-1].end <= 12:
            groups[-1].append(m)
        else:
            groups.append([m])
    return [(i, g) for i, g in enumerate(groups)]


def _name_like(t: str, pat: Patterns) -> bool:
    """A list item that reads as a proper name: some token is a name / place / unknown word, or a
    brand before a trade word ("生物谷药业")."""
    import rjieba
    tags = rjieba.tag(t)
    for w, tag in tags:
        if tag in ("nr", "nrt", "nz", "ns", "nt", "j", "eng", "nrfg") or w in pat.places:
            return True
    industry = pat.lex.set("industry_words")
    if len(tags) >= 2 and tags[-1][0] in industry and tags[-2][0] not in industry and tags[-2][1] != "v":
        return True
    return False


# "X大中华区总部", "X中国区总部": a company's regional head office
_HQ = re.compile(r"(?:大中华区|中国区|亚太区|亚太|中国|全球|区域|华北|华东|华南|西南|西北)总部")
_EXAMPLE = re.compile(r"以(?:[\u4e00-\u9fff]{0,6}企业)?([\u4e00-\u9fffA-Za-z]{2,8}?)为例")
_AND_AFTER = re.compile(r"(?:[（(][^（）()]{0,20}[）)])?(?:与|和|及|以及)")
_FIRMS_AFTER = re.compile(r"等[^，。；、]{0,8}?(?:企业|公司)")
_STOCK_SHORT = re.compile(r"(?:^|(?<=[，。；：、！？“\n]))([\u4e00-\u9fff]{2,4}股份)")
_STOCK_SHORT_NEXT = re.compile(r"在|将|于|已|是|与|和|、|也|还|则|表示|公告|发布|披露|宣布|称|拟|计划|今年|去年")
# "当升科技(300073.SZ)", "中国金茂（00817.HK）": a listed company named with its stock code
# "朗姿股份（002612）": a bare code of the Shanghai, Shenzhen or Beijing boards (00/30/60/68/43/8x…)
_STOCK_CODE = re.compile(r"[（(](?:股票代码[：:]?)?(?:\d{4,6}\.(?:SZ|SH|HK|BJ|sz|sh|hk|bj)"
                         r"|(?:00|30|60|68|43|8[3-9])\d{4})[)）]")
# "，跃迁引擎联合创始人王盛", "pptv创始人姚欣说": a name before a post only a company has, and
# the person who holds it
_FIRM_POST = re.compile(r"(?:联合创始人|创始合伙人|创始人|董事长|副董事长|总经理|副总经理|总裁|副总裁|首席执行官|CEO)"
                        r"(?=[\u4e00-\u9fff]{2,3}(?:[，。、：；（]|说|表示|认为|介绍|指出|老师|先生|女士))")
_STAKE = re.compile(r"持有的([^，。；！？]{2,40}?)各?\d+(?:\.\d+)?%的?(?:股权|股份)")


# "X是一家…企业": what a firm is said to be, its kind closing the clause
_IS_A_FIRM = re.compile(r"是一家[^，。；！？\n]{0,30}?(?:企业|公司|厂商|制造商|供应商|服务商)")


def _clause_start(text: str, pat: Patterns, e: int, after_de: bool = False) -> int | None:
    """Start of the name of 2-8 characters that ends at ``e`` and opens its clause (after a stop
    word), or with ``after_de`` follows a 的 ("科技园的|长春盛昊电子|是一家…"); None when words of
    the clause lie between."""
    s = e
    while s > 0 and e - s < 10 and _RE_CJKLAT.match(text[s - 1]) and not (after_de and text[s - 1] == "的"):
        s -= 1
    if s > 0 and _RE_CJKLAT.match(text[s - 1]) and not (after_de and text[s - 1] == "的"):
        return None
    if 0 < s < e and text[s - 1].isdigit() and text[s] in "年月日号":
        s += 1                          # "8日|朗姿股份（002612）": a date opens the clause
    g = pat.stop_prefix.match(text, s, e)
    s = g.end() if g else s
    return s if 2 <= e - s <= 8 else None


def _bare_short_name(text: str, toks: Tokens, s: int, e: int) -> bool:
    """[s, e), a clause's subject before a firm's post or kind, reads as a short name: no
    function word, not common words only, no word of firms at its end ("该公司董事长")."""
    return not _has_function_token(toks, s, e) and not _common_word(toks, s, e, most=2) and \
        not text[s:e].endswith(("公司", "集团", "企业"))


def _before_tense(text: str, pat: Patterns, e: int) -> int:
    """Where a firm's name ends before its post at ``e``: before the word that makes the post a
    former one ("千金药业|前|董事长"; not "原" alone: names end in it, "中原", "太原")."""
    w = next((w for w in pat.lex["post_tense_words"] if w != "原" and text.endswith(w, 0, e)), "")
    return e - len(w)


def _cue_companies(text: str, mentions: list[Mention], pat: Patterns, sent_starts,
                   toks: Tokens) -> list[Mention]:
    """Company short names in running text, found by their context: a company cue before them,
    a regional head office after them, "以X为例" after 企业, stakes held ("持有的A以及B各100%股权")."""
    out: list[Mention] = []

    def add(s: int, e: int, rule: str) -> None:
        name = text[s:e]
        if e - s >= 2 and name not in pat.places and not pat.stop_prefix.match(name) and "某" not in name:
            out.append(Mention(s, e, name, "Company", _sentence_of(sent_starts, s), rule, 0.65, {}))

    for m in _cues(pat.lex)[3].finditer(text):
        e = _brand_end(text, toks, m.end(), m.end() + 8, pat, weak=True)
        if e:
            add(m.end(), e, "company:cue")
    for m in _EXAMPLE.finditer(text):
        name = m.group(1)
        if m.group(0).startswith("以") and "企业" in m.group(0) and not name.endswith(("企业", "公司", "园区", "项目")):
            add(m.start(1), m.end(1), "company:example")
    for m in _HQ.finditer(text):
        lo = max(0, m.start() - 10)
        ps = max(max(text.rfind(c, lo, m.start()) for c in "，。；：、！？“”\n "), lo - 1)
        s = ps + 1
        g = pat.stop_prefix.match(text, s, m.start())
        if g:
            s = g.end()
        s = _after_function_word(toks, s, m.start())
        if 2 <= m.start() - s <= 8 and _RE_CJKLAT.fullmatch(text[s:m.start()]) and \
                not _has_function_token(toks, s, m.start()):
            add(s, m.start(), "company:headquarters")
    # "A（以下简称“A'”）与B等企业", "A和B等龙头企业": B joins a named company in a list of firms
    for c in mentions:
        if c.cls != "Company":
            continue
        j = _AND_AFTER.match(text, c.end)
        if j is None:
            continue
        e = _brand_end(text, toks, j.end(), j.end() + 8, pat, weak=True)
        k = toks.index_at(j.end())
        # a trade word at its end or an unknown / proper first word: "锐科激光", not "上下游"
        if e and _FIRMS_AFTER.match(text, e) and (text[j.end():e].endswith(tuple(pat.industry)) or
                                                  toks.pos[k] in ("nz", "nt", "nr", "nrt", "eng", "x")):
            add(j.end(), e, "company:list")
    # "天原股份在…", "，某某股份表示": a listed company's stock short name opening a clause
    for m in _STOCK_SHORT.finditer(text):
        s, e = m.start(1), m.end(1)
        k = toks.index_at(e) if e < len(text) else -1
        if not _STOCK_SHORT_NEXT.match(text, e) and not (
                k >= 0 and toks.starts[k] == e and toks.pos[k] == "v" and len(toks.words[k]) >= 2):
            continue                    # what the company does follows: a word of the list or a verb ("X股份|结合…")
        head = text[s:e - 2]
        if head in pat.places or head in pat.stops or pat.stop_prefix.match(head) or \
                _common_word(toks, s, e - 2, most=1) or head.endswith(("有", "的", "份", "权", "公司")):
            continue                    # "国有股份", "持有股份"
        add(s, e, "company:stock-short")
    for m in _STOCK_CODE.finditer(text):
        s = _clause_start(text, pat, m.start())
        # (the tagger's verbs inside an unknown listed name are pieces of it: "当升(v)|科技")
        if s is not None:
            add(s, m.start(), "company:stock-code")
    named = [c.text for c in mentions if c.cls == "Company"]
    for m in _FIRM_POST.finditer(text):
        s, e = _clause_start(text, pat, m.start()), _before_tense(text, pat, m.start())
        # (a short form of a company named in full is the resolver's to read: "岳麓精机董事长")
        if s is not None and not any(text[s:e] in n for n in named) and _bare_short_name(text, toks, s, e):
            add(s, e, "company:post")
    for m in _IS_A_FIRM.finditer(text):
        s = _clause_start(text, pat, m.start(), after_de=True)
        if s is not None and _bare_short_name(text, toks, s, m.start()):
            add(s, m.start(), "company:is-a-firm")
    for m in _STAKE.finditer(text):
        pos = m.start(1)
        for it in re.split(r"(以及|、|和|及)", m.group(1)):
            if it and not re.fullmatch(r"以及|、|和|及", it) and 2 <= len(it) <= 10:
                add(pos, pos + len(it), "company:stake")
            pos += len(it)
    return out
