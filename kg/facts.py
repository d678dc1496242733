"""Facts with numbers and time: stated investments (amount, currency, project, date) and the
publication date of a document.

Per document (in the workers, cached with the DocResult): :func:`find_investments` turns a
sentence that states an amount invested by a company the document links to a park
(``pk:investsIn``) into a :class:`~kg.model.DocInvestment`; :func:`find_published` reads the
publication date from the text's header or dateline. Dates inside sentences are kept as
written relative to the publication ("this-03": March of the year of publication) and resolved
by :func:`resolve_date` when the graph is written, because the publication date may come from a
``--dates`` file the per-document cache knows nothing about.

What is *not* an investment: a park's or district's totals ("新签约项目60余个，总投资378亿元"),
thresholds ("5亿元以上项目"), output, revenue, subsidies, funds and loans; an amount in a
sentence that names no company the document links to a park.
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

from kg.model import DocInvestment

# --------------------------------------------------------------------------- amounts

_HEDGE_PRE = r"(?:约为|约合|大约|约|逾|近|超过|超|多达|将近|接近|(?<![通经越度难不])过)"
_MULT = {"万亿": Decimal(10) ** 12, "千亿": Decimal(10) ** 11, "百亿": Decimal(10) ** 10,
         "十亿": Decimal(10) ** 9, "亿": Decimal(10) ** 8, "千万": Decimal(10) ** 7,
         "百万": Decimal(10) ** 6, "十万": Decimal(10) ** 5, "万": Decimal(10) ** 4}
_CURRENCY = {"元": "CNY", "元人民币": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD",
             "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "港元": "HKD", "港币": "HKD",
             "新元": "SGD", "新加坡元": "SGD", "韩元": "KRW", "澳元": "AUD", "加元": "CAD",
             "瑞士法郎": "CHF", "瑞郎": "CHF"}
# Chinese numerals as news writes them in amounts ("五亿元", "十五亿元", "三千万元"); a bare
# 百 / 千 is a class ("百亿元项目"), not a number, so the numeral opens with a digit or 十;
# "几十亿元", "数十亿元" are no number at all
_CN_NUM = r"(?<![几数第])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
AMOUNT_RE = re.compile(
    rf"(?P<hedge>{_HEDGE_PRE})?\s*"
    # "过百亿", "超千万元", "达百亿元": a hedged power of ten is one of its unit ("百亿元项目" is
    # a class)
    rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_CN_NUM})|(?(hedge)(?<=[超过逾近])(?=[十百千亿])|(?<=达)(?=[百千]亿)))"
    r"\s*(?P<more>多|余)?\s*"
    r"(?P<ge>个多?)?(?P<mult>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)(?P<more2>多|余)?\s*"
    # "4个亿", "总投资10亿，": spoken amounts name no currency (yuan); only before a
    # punctuation mark or a verb, so "10亿人次", "5万平方米" stay out
    r"(?:(?P<cur>元人民币|人民币|元|美元|美金|欧元|日元|英镑|港元|港币|新加坡元|新元|韩元|澳元|加元|瑞士法郎|瑞郎)"
    r"|(?<=个亿)|(?=[^\u4e00-\u9fffA-Za-z0-9]|$|的|在|建设|用于|打造|新建|投资|左右|以上))"
    r"(?P<post>以上|左右|多)?"
    r"(?(num)|(?!\s*的?(?:项目|企业|级|重点|重大)))")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int:
    """A Chinese numeral below ten thousand: "十五" → 15, "三千五百" → 3500, "两" → 2."""
    total, digit = 0, None
    for ch in text:
        if ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            digit = _CN_DIGITS[ch]
    return total + (digit or 0)


# An investment is stated in the clause before the amount ("投资5亿元", "总投资额约为4.5亿美元",
# "签约金额") or right after it ("增加2.5亿美元投资").
_CUE_BEFORE = re.compile(r"投资|投入|增资|注资|出资|投建|斥资|签约|签署|协议金额|追加")
# a contract's value is an investment only in a sentence about investing ("签订投资合同，合同金额…"),
# not a supplier's order ("设备由A建造，合同金额约15亿元"), even in a sentence that also says
# the buyer invests in something ("A拟在加拿大投资…项目，该项目所需设备由B建造，合同金额…"): the
# contract must be the investment's own ("投资合同", "投资协议")
_CONTRACT_VALUE = re.compile(r"合同金额")
_INVEST_CONTRACT = re.compile(r"投资(?:合作)?(?:合同|协议)")
_CUE_AFTER = re.compile(r"^.{0,3}(?:投资|的投资|增资)")
# a cue word that is part of a company's name ("福泰投资有限公司以12.65亿元竞得…", "星河投资集团")
# states nothing: it is dropped before the cues are looked for
_CUE_IN_NAME = re.compile(r"(?:投资|创投)(?=(?:管理|发展|控股|建设|运营|咨询|开发)?(?:集团|控股|股份|有限|公司|基金))")
# what the amount buys right after it is no investment in a park: land at auction, shares,
# a company ("以12.65亿元竞得该地块", "投资2亿元收购B公司51%股权")
_ACQUIRE_AFTER = re.compile(r"^\s*(?:的价格|的对价|的总价)?(?:竞得|摘得|拍得|竞买|收购|受让|认购|回购)")
# a statistic is compared with a period before ("中方投资额5.75亿美元，同比增长238.24%")
_STAT_AFTER = re.compile(r"[，,]?\s*(?:同比|环比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)")
# the projects signed or started on the day, unnamed, are a total ("此次集中签约项目投资总额超200亿元",
# "签约项目总投资额达到520亿元")
_EVENT_TOTAL = re.compile(r"(?:集中|批量)?(?:签约|开工|竣工|投产|落地)的?(?:重点|重大|产业)?项目(?:计划)?(?:总投资|投资总额|投资额|总金额|协议金额)")
# … unless what is counted is output, revenue, support, financing or a fund
_NOT_INVEST = re.compile(
    r"产值|营收|营业收入|收入|销售|利税|税收|产业规模|(?<!投资)规模(?:达|为|超|约)|补贴|补助|奖励|奖补|"
    r"资金支持|支持资金|融资|贷款|授信|基金|募集|募资|估值|市值|收购|出口|进口|GDP|预算|"
    r"固定资产投资|完成投资|累计投资|招商引资|引资|招商项目|实物量|罚款|损失|拨付|财政|利用外资|"
    # a year's planned spending is a region's ("年度计划投资1530亿元"); a zone's scale is its total
    r"年度(?:计划)?投资|(?:园区|新区|开发区|高新区|经开区|全区|全市)内?的?(?:总)?(?:投资规模|投资总额|总投资)|"
    r"交易额|成交|订单|总额度|产能|保额|保费|保单|赔付|收益|回报|经费|对外投资")
# support named right after the amount: "申请了200万元工业投资项目支持资金"
_SUPPORT_AFTER = re.compile(r"支持资金|资金支持|补贴|补助|奖励|奖补|扶持|贷款|授信")
_CONTRIBUTION = re.compile(r"出资|认缴|实缴|注资")
# money a company receives (a financing round, an equity stake bought by a fund) is no investment
# of its own in a park: "获得红杉资本2亿元投资", "由高新投领投", "战略投资北方公司5亿元"
_FINANCING = re.compile(r"获得|获投|获(?:注资|投资)|领投|跟投|天使|风投|创投|股权投资|战略投资|[A-Ea-e]\+?轮")
# A total of several projects / of a park or district: a count of projects or firms before the
# amount, or a list ("等一批项目").
_PROJECT_COUNT = (
    r"(?:\d+|[两二三四五六七八九十百几数多]+)\s*(?:多|余)?\s*(?:个|家|项|批|宗)(?:[^，。；,;]{0,8}?)"
    r"(?:项目|企业|工程)|(?:项目|企业|工程)[达共计为有超近逾约]{0,2}\s*(?:\d+|[两三四五六七八九十百几数]+)\s*(?:多|余)?\s*(?:个|家|项|宗)")
_COUNT = re.compile(
    _PROJECT_COUNT + r"|等(?:一批|多个|\d+个)|全区|全市|全县|全省|全年|累计|园区共|共计|合计|总计|"
    r"(?:一批|多个|数个|若干)(?:重点|重大)?项目")
_CLAUSE_SEP = re.compile(r"[，,；;：:]")
# a clause that breaks down an investment the sentence already stated
_PART = re.compile(r"\s*其中")


def _decimal_text(d: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 450000000, 1356540000, 0.5."""
    s = format(d.normalize(), "f")
    return s


def parse_amount(m: re.Match) -> tuple[str, str]:
    """(decimal text in units of the currency, ISO currency code) of an AMOUNT_RE match."""
    raw = (m.group("num") or "1").replace(",", "")
    num = Decimal(raw) if raw[0].isdigit() else Decimal(cn_number(raw))
    return _decimal_text(num * _MULT[m.group("mult")]), _CURRENCY[m.group("cur") or "元"]


def amount_text(m: re.Match, text: str) -> tuple[int, int]:
    """The span of the amount as written (hedge words kept, leading spaces not)."""
    a, b = m.span()
    while a < b and text[a].isspace():
        a += 1
    if m.group("post") == "以上":   # "30亿元以上" stays "30亿元以上" (it is said as a floor)
        pass
    return a, b


# How far around an amount its clause, project and date are looked for: a page-long "sentence"
# (a table without stops) of many amounts then costs linear work, not quadratic.
_SPAN = 200
_THRESHOLD_AFTER = re.compile(r"\s*(?:的)?(?:项目|企业|重点|重大)")


def _clause_start(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding ``pos`` (after the last ，；： before it, not before ``lo``)."""
    i = pos - 1
    while i >= lo and not _CLAUSE_SEP.match(text[i]):
        i -= 1
    return i + 1


def _clause_end(text: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi and not _CLAUSE_SEP.match(text[i]):
        i += 1
    return i


# a list of projects before the amount ("对A、B、C等重点项目进行投资，总投资超20亿元"), or a count
# of them further back in the same "；" segment ("共签约项目13个，涉及A、B等，投资金额125亿元")
_LISTED = re.compile(r"等(?:[^，。；,;]{0,6})项目")
_COUNTED = re.compile(_PROJECT_COUNT)
_PARTS_TOLD = re.compile(r"其中|分别|另外|此外|[；;]")


def _counted_before(sentence: str, prev_start: int, a: int) -> bool:
    """The amount at ``a`` totals the projects a list or a count before it names (within
    :data:`_SPAN`, in its "；" segment, with no "其中"/"分别" that tells them apart)."""
    lo = max(0, a - _SPAN)
    counts = [m.end() for m in _COUNTED.finditer(sentence, lo, prev_start)] + \
        [m.end() for m in _LISTED.finditer(sentence, lo, a)]
    if not counts:
        return False
    return _PARTS_TOLD.search(sentence, max(counts), a) is None and "分别" not in sentence[lo:a]


def investment_amounts(sentence: str) -> list[re.Match]:
    """The amounts of a sentence that state an investment (not a total, threshold, output …)."""
    out = []
    for m in AMOUNT_RE.finditer(sentence):
        a, b = m.span()
        if sentence[max(0, a - 2):a].endswith(("不", "不超")) or sentence[a:a + 1] == "不":
            continue                                   # "不超过500万元": a cap
        if m.group("post") == "以上" and _THRESHOLD_AFTER.match(sentence, b):
            continue                                   # "5亿元以上项目": a threshold
        if re.search(r"[（(]\s*(?:约合|合|折合|约)?\s*$", sentence[max(0, a - 6):a]) \
                and AMOUNT_RE.search(sentence[max(0, a - 30):a]):
            continue                                   # "13亿新元（约合9.5亿美元）": a conversion
        cs = _clause_start(sentence, a, max(0, a - _SPAN))
        before = _CUE_IN_NAME.sub("", sentence[cs:a])
        # the clause before may be a lead-in ("计划总投资", "项目总投资额约为") or, with a verb
        # such as 签约 in the previous clause, "……签约，总金额"
        after = sentence[b:_clause_end(sentence, b, min(len(sentence), b + _SPAN))]
        if not (_CUE_BEFORE.search(before) or _CUE_AFTER.match(after) or
                _CONTRACT_VALUE.search(before) and _INVEST_CONTRACT.search(sentence, max(0, a - _SPAN), cs)):
            continue
        if _SUPPORT_AFTER.search(after) or _ACQUIRE_AFTER.match(after) or \
                _STAT_AFTER.match(sentence, b, min(len(sentence), b + 12)) or _EVENT_TOTAL.search(before):
            continue
        if _NOT_INVEST.search(before) or _FINANCING.search(before) or _FINANCING.search(after):
            continue
        if _CONTRIBUTION.search(before) and "基金" in sentence[max(0, a - _SPAN):a]:
            continue                                   # "设立10亿元基金，A出资2亿元": into the fund
        # a total: counted projects or firms in this clause or the one before it
        prev_start = _clause_start(sentence, cs - 1, max(0, cs - 1 - _SPAN)) if cs > 0 else cs
        if _COUNT.search(sentence[prev_start:a]) or _counted_before(sentence, prev_start, a):
            continue
        if out and _PART.match(before):
            continue                                   # "总投资120亿元，其中一期投资50亿元": a part
        out.append(m)
    return out


# --------------------------------------------------------------------------- projects

_PROJECT_END = r"(?:项目|产业园|科创园|科技园|工业园|基地|中心|工厂|总部|生产线|产线|园)"
_PROJECT_RE = re.compile(
    r"(?:建设的|建设|新建|投建|扩建|落地|签约|布局|打造|的|对)"
    rf"(?P<name>[^\s，。；、,;：:“”\"（）()]{{2,30}}?{_PROJECT_END})(?![\u4e00-\u9fff]{{0,2}}(?:项目|园|基地))")
_QUOTED_RE = re.compile(r"[“\"]([^”\"]{2,30})[”\"]")
_BAD_PROJECT = re.compile(r"^(?:该|此|这|一|本|其|二期|一期|三期|项目|新|重点|重大|多个|一批)|"
                          r"高新区|经开区|开发区|管委会|^[^\u4e00-\u9fff]*$")


def find_project(sentence: str, at: int) -> str:
    """The project's name as written in the sentence, the one nearest the amount at ``at``."""
    found: list[tuple[int, str]] = []
    lo, hi = max(0, at - _SPAN), min(len(sentence), at + _SPAN)
    for m in _PROJECT_RE.finditer(sentence, lo, hi):
        name = m.group("name")
        if not _BAD_PROJECT.search(name):
            found.append((abs(m.start("name") - at), name))
    for m in _QUOTED_RE.finditer(sentence, lo, hi):
        name = m.group(1)
        tail = sentence[m.end():m.end() + 4]
        if (re.search(_PROJECT_END + "$", name) or tail.startswith(("项目", "产能改造项目"))) \
                and not _BAD_PROJECT.search(name):
            found.append((abs(m.start() - at), name))
    return min(found)[1] if found else ""


# --------------------------------------------------------------------------- dates

_DATE_IN_SENTENCE = re.compile(
    r"(?P<rel>今年|去年|明年)?(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:份)?"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?)?")
_FUTURE_OR_SPAN = re.compile(r"\s*(?:前|底|末|以来|至今|起|竣工|投产|建成|达产|完工|完成|开业|年底|"
                             r"[一二三四五六七八九十\d]+个月|至|到|—|-|~|－)")
_BEFORE_BAD = re.compile(r"(?:截至|截止|到|至|预计|计划|力争|将于|于|在)\s*$")


def find_date(sentence: str, at: int) -> str:
    """The date an investment was signed, started or announced, as written relative to the
    publication: "2021", "2021-03", "2021-03-05", "this" (今年), "this-03" (a March without a
    year), "last" (去年) … — the last date before the amount in the sentence; "" when none.
    Completion dates ("2022年6月竣工"), deadlines ("截至…") and spans are not it."""
    best = ""
    for m in _DATE_IN_SENTENCE.finditer(sentence, max(0, at - _SPAN), at):
        rel, y, mo, d = m.group("rel", "y", "m", "d")
        if not (y or mo or rel):
            continue
        if rel and not (y or mo) and sentence.startswith("以来", m.end()):
            continue                                   # "今年以来": a span, not a date
        if _FUTURE_OR_SPAN.match(sentence, m.end()) or \
                _BEFORE_BAD.search(sentence, max(0, m.start() - 8), m.start()):
            continue
        best = _date_parts(rel, y, mo, d)
    return best


def _date_parts(rel, y, mo, d) -> str:
    """ "2021-03-05", "this-03" … from a :data:`_DATE_IN_SENTENCE` match's groups."""
    parts = [y or {"今年": "this", "去年": "last", "明年": "next"}.get(rel or "", "this")]
    if mo:
        parts.append(f"{int(mo):02d}")
        if d:
            parts.append(f"{int(d):02d}")
    return "-".join(parts)


def resolve_date(written: str, published: str | None) -> tuple[str, str] | None:
    """(lexical form, xsd type) of a date as :func:`find_date` writes it, against the
    publication date (ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD"); None when it needs a year that
    is not known."""
    if not written:
        return None
    head, _, rest = written.partition("-")
    if head in ("this", "last", "next"):
        if not published:
            return None
        year = int(published[:4]) + {"this": 0, "last": -1, "next": 1}[head]
        head = f"{year:04d}"
    iso = head + ("-" + rest if rest else "")
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}.get(len(iso))
    return (iso, kind) if kind else None


# A policy's release ("2023年2月，管委会印发《…》") and an official's appointment
# ("2021年5月起任…管委会主任") are dated where the evidence sentence says when.
_ISSUE_VERB = re.compile(r"印发|出台|发布|颁布|公布|推出|制定|修订|审议通过")
_POST_VERB = re.compile(r"(?:起|开始)?\s*(?:兼任|担任|出任|调任|转任|升任|任命为|被任命为|当选为|当选|任)")
_SEGMENT_SEP = re.compile(r"[；;]")


def statement_date(p: str, sentence: str, lo: int, hi: int) -> str:
    """When the fact a ``p`` statement stands for happened, as :func:`find_date` writes it, from
    its evidence sentence (``lo``–``hi``: the evidence's span in it); "" when not stated.

    issuedBy: the date before the first release verb at or after the evidence starts, within
    its "；" segment. holdsPost: the date that opens the appointment ("2021年5月起任…") in the
    segment that names the post — a career summary dates each post on its own."""
    lo = max(0, min(lo, len(sentence)))
    hi = max(lo, min(hi, len(sentence)))
    if p == "issuedBy":
        seg = _segment(sentence, lo)
        v = _ISSUE_VERB.search(sentence, seg[0], seg[1])
        if v is None:
            return ""
        return find_date(sentence[seg[0]:v.start()], v.start() - seg[0])
    if p == "holdsPost":
        a, b = _segment(sentence, max(lo, hi - 1))
        for m in _DATE_IN_SENTENCE.finditer(sentence, a, b):
            if not (m.group("y") or m.group("m") or m.group("rel")):
                continue
            if _POST_VERB.match(sentence, m.end()) and m.start() < hi:
                rel, y, mo, d = m.group("rel", "y", "m", "d")
                return _date_parts(rel, y, mo, d)
        return ""
    return ""


def date_statements(relations, sentences) -> None:
    """Set ``date`` on the issuedBy and holdsPost relations whose evidence sentence says when."""
    for r in relations:
        if r.p in ("issuedBy", "holdsPost"):
            s = sentences[r.sentence]            # sentences are listed by their index
            r.date = statement_date(r.p, s.text, r.start - s.start, r.end - s.start)


def _segment(sentence: str, at: int) -> tuple[int, int]:
    """The "；"-separated segment of the sentence holding position ``at``."""
    a = max((m.end() for m in _SEGMENT_SEP.finditer(sentence, 0, at)), default=0)
    n = _SEGMENT_SEP.search(sentence, at)
    return a, n.start() if n else len(sentence)


# --------------------------------------------------------------------------- publication date

_STAMP = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(0?[1-9]|1[0-2])\s*[-月/.]\s*([0-2]?\d|3[01])\s*日?"
                    r"\s+[0-2]?\d:[0-5]\d(?::[0-5]\d)?")
_DATELINE_FULL = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:讯|电)")
_DATELINE_MD = re.compile(r"(?:本报讯|讯|电)?[^。！？\n]{0,24}?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:讯|电)")
_BENBAO = re.compile(r"本报讯[^。！？\n]{0,30}?(?:[（(][^）)]*[）)])?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PAGE_HEADER = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:星期[一二三四五六日天]|第\s*\w+\s*版)")


def _iso(y, mo, d) -> str | None:
    y, mo, d = int(y), int(mo), int(d)
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_published(text: str, page_date: str | None = None) -> str | None:
    """The publication date the text itself gives (ISO "YYYY-MM-DD"), or None.

    In order: the page header date (``page_date``, kg.extract.segment.find_date: 科技日报 and other
    newspaper pages); a page header anywhere in the first lines ("苏州日报 2024年3月19日 第A02版");
    a portal time stamp ("2023-08-16 18:24:57") in the first 400 characters; a dateline with
    its year ("深圳新闻网2023年8月16日讯"); a dateline without one ("本报讯 …9月5日",
    "扬子晚报网8月16日讯") when the header names the year.
    """
    if page_date:
        return page_date
    head = text[:400]
    m = _PAGE_HEADER.search(head)
    if m and (iso := _iso(*m.groups())):
        return iso
    m = _STAMP.search(head)
    if m and (iso := _iso(*m.groups())):
        return iso
    m = _DATELINE_FULL.search(head)
    if m and (iso := _iso(*m.groups())):
        return iso
    # the year of a dateline without one: only from a short header line (a page's masthead)
    year = next((y for ln in text.splitlines()[:6] if len(ln.strip()) <= 40 and not re.search(r"[，。,]", ln)
                 for y in [re.search(r"((?:19|20)\d{2})\s*年", ln)] if y), None)
    if year:
        m = _BENBAO.search(head) or _DATELINE_MD.search(head)
        if m and (iso := _iso(year.group(1), *m.groups())):
            return iso
    return None


def read_dates(path: str | Path) -> dict[str, str]:
    """A ``--dates`` file: file → publication date, one a line, comma- or tab-separated (a
    header line is skipped; further columns are ignored; the date may carry a time, as in the
    corpus's SOURCES.tsv: "park/0001.txt<TAB>2023-08-16 20:02"). Keys: the path as written and
    its file name."""
    from kg.errors import KGError
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KGError(f"cannot read dates file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    delim = "\t" if raw.count("\t") >= raw.count(",") else ","
    out: dict[str, str] = {}
    for row in csv.reader(raw.splitlines(), delimiter=delim):
        if len(row) < 2 or not row[0].strip():
            continue
        date = normalise_date(row[1])
        if date is None:
            continue     # the header, or a row without a date
        name = row[0].strip().replace("\\", "/")
        out[name] = date
        out.setdefault(name.rsplit("/", 1)[-1], date)
    return out


_ISO_PREFIX = re.compile(r"^\s*((?:19|20)\d{2})(?:[-/.年]\s*(\d{1,2})(?:[-/.月]\s*(\d{1,2}))?)?")


def normalise_date(value: str) -> str | None:
    """ "2023-08-16 20:02" → "2023-08-16"; "2023-08" → "2023-08"; "2023" → "2023"."""
    m = _ISO_PREFIX.match(value)
    if not m:
        return None
    y, mo, d = m.groups()
    if d:
        return _iso(y, mo, d)
    if mo:
        return f"{int(y):04d}-{int(mo):02d}" if 1 <= int(mo) <= 12 else None
    return f"{int(y):04d}"


def date_for(path: str, doc_id: str, dates: dict[str, str]) -> str | None:
    """The ``--dates`` entry of a document: by its path (or a suffix of it), then its name."""
    if not dates:
        return None
    p = path.replace("\\", "/")
    if p in dates:
        return dates[p]
    for k, v in dates.items():
        if "/" in k and (p.endswith("/" + k) or k.endswith("/" + p)):
            return v
    return dates.get(p.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------- investments


def _place_names(targets, names_of, cls_of, clause_mentions) -> list[str]:
    """The places an investment clause may name and still be in one of the company's parks: the
    parks' name forms and those of a park the clause names itself ("在苏州工业园区建设…"), but not
    a place that opens that park's mention ("在越南打造锂电池产业园": 越南 is elsewhere)."""
    names = [n for p in targets for n in names_of.get(p, ())]
    return names + [n for m in clause_mentions if cls_of.get(m.entity) == "Park"
                    for n in names_of.get(m.entity, ())]


# "在X投建P": P lies in X; a park-like place ("在园区", "在光谷", "在常州高新区" for a park inside
# it, investments.PARKISH) or a name form of P is no other place
_BUILT_IN = re.compile(r"在([\u4e00-\u9fff]{1,12}?)(?:投资建设|投建|建设|打造|新建|扩建|规划建成|规划建设|设立)[^，。；、在]{0,10}$")


def _target_park(text, s, ms, at, targets, parks, near, names_of, cls_of):
    """The park of the company's ``targets`` (park -> evidence sentences) the amount at ``at``
    goes to: one the sentence names (the nearest), else its only one, else the one of the
    nearest evidence before; None when the clause builds elsewhere or none can be told."""
    from kg.extract.relations.investments import PARKISH, clause_at, elsewhere, placed_after
    here = sorted(p for p in targets if p in parks)
    clause_mentions = near.within(s.idx, *clause_at(text, s, at))
    # "投资20亿元，在P建设…" (P a sub-park of the company's park): P is no place elsewhere
    after = placed_after(text, s, at, [m for m in ms if cls_of.get(m.entity) == "Park"])
    clause_mentions += [after] if after is not None else []
    if not here and elsewhere(text, s, at, _place_names(targets, names_of, cls_of, clause_mentions)):
        return None                                    # "投资68亿元在越南打造…": not in the park
    if here:
        park = here[0] if len(here) == 1 else min(
            here, key=lambda p: min(abs(m.start - at) for m in ms if m.entity == p))
        names = names_of.get(park, ())
        # "拟在芬兰投建欧洲新材料产业基地": the named park is itself built somewhere else
        built_in = [b.group(1) for m in ms if m.entity == park
                    for b in [_BUILT_IN.search(text, max(s.start, m.start - 30), m.start)] if b]
        if any(not PARKISH.search(x) and not any(x in n for n in names) for x in built_in):
            return None
        return park
    if len(targets) == 1:
        return next(iter(targets))
    prior = [(max(x for x in sl if x <= s.idx), p) for p, sl in targets.items()
             if any(x <= s.idx for x in sl)]
    return max(prior)[1] if prior else None


def _respective(sentence: str, offset: int, a: int, firms) -> object:
    """"引进A、B等项目，分别投资12亿元、8亿元": the firm (a mention of ``firms``; the sentence starts
    at ``offset`` in the text) whose place in the list before matches the amount's at ``a`` among
    the clause's amounts; None when the clause has no 分别, False when the lists do not pair up."""
    cs = _clause_start(sentence, a, max(0, a - _SPAN))
    if "分别" not in sentence[cs:a]:
        return None
    ce = _clause_end(sentence, a, min(len(sentence), a + _SPAN))
    spans = [m.span() for m in AMOUNT_RE.finditer(sentence, cs, ce)]
    k = next((i for i, (x, y) in enumerate(spans) if x <= a < y), None)
    order: dict[int, object] = {}
    for m in firms:
        if m.end <= offset + cs:
            order.setdefault(m.entity, m)
    return list(order.values())[k] if k is not None and len(order) == len(spans) else False


# "…是A集团投融资模式创新的实践样板": a company after a copula only describes the subject
_COPULA_BEFORE = re.compile(r"(?:也|还|则|即)?(?:是|系)")
# a project named as its own clause's subject ("同期开工的光伏组件项目总投资5亿元"), not one
# standing for the one before ("该项目", "二期项目")
_OWN_PROJECT_CLAUSE = re.compile(rf"[^\s，。；、,;：:“”\"（）()]{{2,30}}?{_PROJECT_END}")


def _investor_mention(text, s, companies, at, amounts):
    """The company mention of ``companies`` (those the document links to a park) the amount
    at ``at`` is said of: the nearest before it (else the first after), skipping a builder
    or supplier ("A承建的…项目") and one a copula only describes with ("P…，是A…的样板"); None
    when the amount's clause names a project of its own after the company's amount ("A投资10亿元
    建设X项目，同期开工的Y项目总投资5亿元") or no company is left."""
    from kg.extract.relations.investments import _CONTRACTOR
    firms = [m for m in companies if not _CONTRACTOR.match(text, m.end)]
    before = [m for m in firms if m.end <= at]
    if not before:
        return min(firms, key=lambda m: m.start) if firms else None
    cs = s.start + _clause_start(s.text, at - s.start, max(0, at - s.start - _SPAN))
    own = [m for m in before if m.end > cs or not _COPULA_BEFORE.fullmatch(
        text, s.start + _clause_start(s.text, m.start - s.start, 0), m.start)]
    if not own:
        return None
    c = max(own, key=lambda m: m.end)
    if c.end <= cs and any(c.end <= s.start + x.start() < at for x in amounts):
        named = _OWN_PROJECT_CLAUSE.search(text, cs, at)
        if named is not None and not _BAD_PROJECT.search(named.group()):
            return None
    return c


def find_investments(text: str, sentences, mentions, entities, relations) -> list[DocInvestment]:
    """The stated investments of a document.

    A sentence counts when it states an investment amount (:func:`investment_amounts`) said of
    a company the document links to a park with ``investsIn``. The investor is the linked
    company mentioned nearest before the amount (after it when none is before); in a sentence
    that names none, the company the amount's clause speaks of
    (:func:`kg.extract.relations.investments.amount_investor`: "公司负责人介绍，项目计划投资3亿元"
    after the sentence that named it). The target is the park it invests in that the sentence
    names, else the one park the document links it to (when several, the one in the nearest
    evidence sentence before) — none when the amount's clause builds somewhere else ("投资68亿元
    在越南打造…").
    """
    from kg.extract.relations.investments import Mentions, amount_investor, names_new_build
    cls_of = {e.local_id: e.cls for e in entities}
    names_of = {e.local_id: e.names for e in entities if e.cls == "Park"}
    invests: dict[int, dict[int, list[int]]] = {}
    for r in relations:
        if r.p == "investsIn" and cls_of.get(r.s) == "Company" and cls_of.get(r.o) == "Park":
            invests.setdefault(r.s, {}).setdefault(r.o, []).append(r.sentence)
    if not invests:
        return []
    by_sentence: dict[int, list] = {}
    for m in mentions:
        if m.entity >= 0:
            by_sentence.setdefault(m.sentence, []).append(m)
    for ms in by_sentence.values():
        ms.sort(key=lambda m: (m.start, -m.end))
    near = Mentions(text, by_sentence)
    out: list[DocInvestment] = []
    seen: dict[tuple, DocInvestment] = {}
    for s in sentences:
        ms = by_sentence.get(s.idx, [])
        if not AMOUNT_RE.search(s.text):
            continue
        companies = [m for m in ms if m.entity in invests]
        named_firms = {m.entity for m in ms if cls_of.get(m.entity) == "Company"}
        # a bare park word in what the investment builds ("建设产业园项目") is no park it names
        parks = {m.entity for m in ms if cls_of.get(m.entity) == "Park" and not names_new_build(text, m)}
        amounts = investment_amounts(s.text)
        for am in amounts:
            a, b = amount_text(am, s.text)
            at = s.start + a
            if len({m.entity for m in ms if m.entity in named_firms and m.end <= at}) > 1 \
                    and re.search(r"[两二三四五六七八九十几多\d]+\s*个(?:重点|重大)?项目|共同|合作",
                                  s.text[:a]):
                continue                               # the projects of several firms together
            each = _respective(s.text, s.start, a, [m for m in ms if m.entity in named_firms])
            if each is not None:
                c = each or None                       # "A、B等项目，分别投资…": False, not told apart
            elif companies:
                c = _investor_mention(text, s, companies, at, amounts)
            else:
                # no investing company named: the one the amount's clause speaks of ("该项目总投资…"
                # after "A…项目落户P。"), as the investsIn rule read it
                c = amount_investor(text, sentences, near, s.idx, at, s.start + b)
            if c is None or c.entity not in invests:
                continue
            park = _target_park(text, s, ms, at, invests[c.entity], parks, near, names_of, cls_of)
            if park is None:
                continue
            value, cur = parse_amount(am)
            fact = DocInvestment(
                investor=c.entity, target=park, sentence=s.idx, amount=value, currency=cur,
                amount_text=s.text[a:b], project=find_project(s.text, a),
                date=find_date(s.text, a), start=at, end=s.start + b)
            # told again only when written the same ("50亿元" and "逾50亿元" are two facts)
            key = (c.entity, park, value, cur, fact.amount_text)
            if key in seen:
                # the same investment told again ("…又对…项目增加2.5亿美元投资"): one fact,
                # the first statement its evidence; a project or date only the repeat names
                first = seen[key]
                first.project = first.project or fact.project
                first.date = first.date or fact.date
                continue
            seen[key] = fact
            out.append(fact)
    return out


# --------------------------------------------------------------------------- the corpus

def published_of(corpus, d) -> str | None:
    """The publication date of a document: the user's (``--dates``), else the text's."""
    return corpus.published.get(d.doc_id) or d.published


def corpus_investments(corpus) -> list:
    """Every document's investments mapped to corpus entities, with dates resolved against
    the publication date. An investment whose company and park the graph does not link with
    ``pk:investsIn`` (they were merged, or the link was dropped) is left out."""
    from kg.model import Investment
    linked = {(r.s, r.o) for r in corpus.relations if r.p == "investsIn"}
    out = []
    for d in corpus.docs:
        if not d.investments:
            continue
        pub = published_of(corpus, d)
        for j, i in enumerate(d.investments):
            s = corpus.keys.get((d.doc_id, i.investor))
            o = corpus.keys.get((d.doc_id, i.target))
            if s is None or o is None or (s[1], o[1]) not in linked:
                continue
            when = resolve_date(i.date, pub)
            src = d.investment_src[j] if j < len(d.investment_src) else (0, 0)
            out.append(Investment(s[1], s[0], o[1], i.amount, i.currency, i.amount_text,
                                  i.project, when[0] if when else None, d.doc_id, i.sentence,
                                  src[0], src[1]))
    return out
