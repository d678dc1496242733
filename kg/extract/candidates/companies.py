"""Companies found by their own name: a legal form (…有限公司, …集团, 分公司 …), a parent named
before 旗下, an office for a region ("X吉林代表处"), and the brand of a multinational parent
("台积电" beside "台积电（南京）有限公司").
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict

from kg.extract.candidates.edges import (MEASURES, _clear_boundary, _common_word,
                                         _has_function_token, left_edge)
from kg.extract.candidates.patterns import (_OPEN, _PROPER_POS, _RE_CJK1, _RE_CJKLAT, _RE_CJKS,
                                            Patterns, _generic, trades_only)
from kg.extract.candidates.scan import Scan
from kg.extract.names import alternation, find_names, find_names_overlapping
from kg.extract.tokens import Tokens
from kg.model import Mention


_PARENT = re.compile("(?<=[\u4e00-\u9fffA-Za-z])旗下(?:的|子公司|企业|公司)")
_BRANCH = ("分公司", "分行", "支行")
_OPERATOR = re.compile("(?:发展|建设|投资|开发|运营|管理|服务|实业)+$")


#: legal forms that may follow one another at the end of one company name ("控股集团|有限公司")
MAX_CHAINED_FORMS = 4


def find_legal_names(scan: Scan) -> None:
    """Companies named with a legal form: the forms that follow one another end one name; a
    branch or a unit named after its parent runs on into the parent's name; the company that
    runs a park names that park too (``scan.operated``)."""
    last_legal: tuple[int, int] | None = None
    for m in scan.pat.company.finditer(scan.text):
        span = _legal_name_at(scan, m, last_legal)
        if span is not None:
            last_legal = span


def _legal_name_at(scan: Scan, m: re.Match, last_legal: tuple[int, int] | None
                   ) -> tuple[int, int] | None:
    """The company whose legal form is ``m``, if that is a name: its span."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    s, e = m.start(), _forms_end(text, pat, m.end())
    start, proper, extended = _legal_start(scan, m, last_legal)
    if m.group(0) in ("分行", "支行") and not extended:
        return None                    # a bank's branch is named after its bank ("细分行业" is none)
    if "公司" in m.group(0) and start < s and not extended and _all_places(text[start:s], pat.places):
        # "时代一汽动力电池|重庆|有限公司": a place right before the legal form names the
        # local entity of a brand that runs on to its left ("X重庆有限公司"); a place
        # alone before the form is never the whole name
        st2, p2 = left_edge(text, toks, pat, start, 20, lead_word=True)
        if st2 < start and not _generic(text[st2:start], pat):
            start, proper = st2, True
    start, proper = _operator_park(scan, s, start, proper)
    if start > 0:
        b = _clear_boundary(text, toks, pat, start, MAX_CLAUSE_RUN)
        if b is not None and b < start:
            b = _after_preposition(toks, b, start)
        if b is not None and b < start and (start - b <= MAX_BLIND_RUN or not _word_of_clause(toks, b, start)) \
                and (not proper or b > 0 and text[b - 1] in "“「" or _opens_name(toks, pat, b, start)):
            # "，南京|世和(c)|基因生物技术股份有限公司": tags inside an unknown legal name are
            # unreliable; a name runs back to the punctuation or stop word before it
            g = pat.stop_prefix.match(text, b, s)
            start = g.end() if g and g.end() < start else b
    if not extended and m.group(0) not in _BRANCH:
        # ("黄河公司|海南|分公司": a branch is named after its company)
        start = _after_appositive(toks, pat, start, s)
    start = _numeral_trade_name(text, toks, pat, start, s)
    start = _past_clause_word(toks, pat, start, s)
    if _generic(text[start:s], pat) or _anonymised(text, start, s) or _level_and_kind(toks, pat, start, s):
        return None
    form = m.group(0)
    if form == "银行" and not proper:
        return None
    if form in ("集团", "银行") and text[e:e + 1] and _RE_CJK1.match(text[e]) and \
            not text[e:].startswith(("股份", "有限", "公司")):
        # "国药集团融资租赁项目" is fine; "集团化" is not a name
        if text[e:e + 1] in "化式":
            return None
    if not proper and "公司" in form and _common_word(toks, start, s, most=1):
        return None                    # "外资股份有限公司": a kind of company
    if not proper and text.endswith("企业", start, s):
        return None                    # "市属大型国有企业|集团": a kind of group
    if not proper and form == "集团" and text[start:s] in pat.lex.set("company_kinds"):
        return None                    # "犯罪集团", "国有集团": a kind of group
    scan.add(start, e, "Company", "company:legal-form", 0.9)
    return (start, e)


def _past_clause_word(toks: Tokens, pat: Patterns, start: int, s: int) -> int:
    """Where the name [start, s) starts after a conjunction or preposition that opens it ("因为|
    安琪集团"), a verb after an adverb, or a verb before a place or proper word ("来自|相城高新控股集团", "授权|中国银行纽约
    分行"): the clause's words a run back to its punctuation took in. A verb before a trade word
    stays (the tagger reads unknown names as verbs: "联想(v)|控股", "当升(v)|科技")."""
    k = toks.index_at(start)
    if k < 0 or toks.starts[k] != start or len(toks.words[k]) < 2 or toks.ends[k] > s:
        return start
    t = toks.pos[k]
    if t in ("c", "p") or t == "v" and k > 0 and toks.pos[k - 1] == "d" and toks.ends[k - 1] == start:
        return toks.ends[k]         # (and "一直|践行|集团": a verb after an adverb is the clause's)
    if k + 1 >= len(toks.words) or toks.ends[k] > s - 2:
        return start
    w2, t2 = toks.words[k + 1], toks.pos[k + 1]
    if t == "v" and toks.words[k] not in pat.places and toks.words[k] not in pat.industry and len(w2) >= 2 and \
            (w2 in pat.places or t2 in _PROPER_POS) and w2 not in pat.industry:
        return toks.ends[k]
    return start


#: the levels of government whose own company a news report names by its kind ("县投资集团")
_LEVELS = frozenset("省市县区镇")


def _level_and_kind(toks: Tokens, pat: Patterns, start: int, s: int) -> bool:
    """[start, s) is a level of government and the company's kind ("县|投资|集团", "市|公交|集团",
    "省|演艺|集团"): the report describes the local government's company, it names none (a
    place, or a word the tagger reads as a name, would: "市北|高新集团")."""
    k = toks.index_at(start)
    if k < 0 or toks.starts[k] != start or toks.words[k] not in _LEVELS:
        return False
    k += 1
    while k < len(toks.words) and toks.ends[k] <= s:
        if toks.words[k] in pat.places or toks.pos[k] in _PROPER_POS:
            return False
        k += 1
    return True


def _anonymised(text: str, start: int, e: int) -> bool:
    """"某商业银行", "安阳某公司": the report withholds the company's name; no name."""
    return "某" in text[max(0, start - 1):e]


def _numeral_trade_name(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> int:
    """"三一|重工股份有限公司", "一道|新能源科技…", "亿和|精密工业(威海)有限公司": a trade name
    the tagger reads as a number ("三一", "亿|和") stops the walk left; when what it left is
    only places and trade words (no company is named without a trade name), the two characters
    before it, led by a numeral, are that trade name — unless a measure word ends them ("两家|新能源
    科技有限公司" counts companies)."""
    if start < 2 or not _no_trade_name(toks, pat, start, s):
        return start
    k = toks.index_at(start - 1)
    if k < 0 or toks.ends[k] != start:
        return start
    j = k if len(toks.words[k]) == 2 else k - 1
    if j < 0 or toks.starts[j] != start - 2 or toks.pos[j] != "m" or \
            any(toks.pos[i] not in ("m", "c", "q") for i in range(j, k + 1)) or \
            not _RE_CJKS.fullmatch(text, start - 2, start) or text[start - 1] in MEASURES:
        return start
    return start - 2


def _no_trade_name(toks: Tokens, pat: Patterns, s: int, e: int) -> bool:
    """[s, e) holds places, brackets and trade words only ("精密工业（威海）", "新能源科技股份")."""
    k = toks.index_at(s)
    if k < 0 or toks.starts[k] != s:
        return False
    while k < len(toks.words) and toks.starts[k] < e:
        w = toks.words[k]
        if not (w in pat.places or w in "()（）" or trades_only(w, pat)):
            return False
        k += 1
    return True


#: how far a legal name runs back to the clause's start over words tagged unreliably
#: ("，天津|飞旋|科技|研发(j)|有限公司"); up to MAX_BLIND_RUN characters without a look at them
MAX_CLAUSE_RUN = 8
MAX_BLIND_RUN = 6
_CLAUSE_POS = frozenset(("v", "vn", "d", "p", "c", "r"))


def _after_preposition(toks: Tokens, b: int, start: int) -> int:
    """``b`` past a one-character preposition that opens the clause ("据|天津飞旋…")."""
    k = toks.index_at(b)
    if toks.starts[k] == b and toks.pos[k] == "p" and len(toks.words[k]) == 1 and toks.ends[k] < start:
        return toks.ends[k]
    return b


def _word_of_clause(toks: Tokens, s: int, e: int) -> bool:
    """[s, e) holds a verb, adverb or function word of two characters or more ("郑州富士康|一直|
    践行|集团"): the clause's words, not pieces of an unknown name ("昆山|嘉|宝网|尚(d)|置业")."""
    k = toks.index_at(s)
    while 0 <= k < len(toks.words) and toks.starts[k] < e:
        if toks.pos[k] in _CLAUSE_POS and len(toks.words[k]) >= 2:
            return True
        k += 1
    return False


_NOT_IN_NAME_POS = frozenset(("v", "p", "c", "d", "r", "u", "uj", "t", "m", "q"))


def _opens_name(toks: Tokens, pat: Patterns, s: int, e: int) -> bool:
    """The words [s, e) before a proper part starting at ``e`` can open the same name: never a
    word describing a body or a function word ("的企业|海南…", "共建单位|恒丰银行", "据|河南…",
    "感谢|X银行"); before a place that opens the name, only a place or proper word and no verb
    ("江苏|景创|锂…" and "东莞|新能(v)|德…" run on, "宋旭带领|成都…" does not)."""
    k = toks.index_at(s)
    if k < 0 or toks.starts[k] != s or toks.pos[k] in _NOT_IN_NAME_POS:
        return False
    j = toks.index_at(e)
    strict = toks.starts[j] == e and len(toks.words[j]) >= 2 and toks.words[j] in pat.places
    if strict and not (toks.words[k] in pat.places or toks.pos[k] in _PROPER_POS):
        return False
    appositives = pat.lex.set("company_appositives")
    while k < len(toks.words) and toks.starts[k] < e:
        w, t = toks.words[k], toks.pos[k]
        if w in appositives or t in ("p", "c", "u", "uj", "i") or \
                strict and t in _NOT_IN_NAME_POS and not (t == "v" and len(w) == 1):
            return False            # (a one-character "verb" is a piece of an unknown name: "苏州|维|立志|博…")
        k += 1
    return True


def _after_appositive(toks: Tokens, pat: Patterns, start: int, s: int) -> int:
    """Where the name [start, s) starts after the last word describing the company before it
    ("央企|中国中丝", "制造商|骆驼", "合资公司|当升科技（芬兰）新材料") when a place or proper
    word follows it; ``start`` when there is none."""
    words = pat.lex.set("company_appositives")
    k = toks.index_at(start)
    if k < 0 or toks.starts[k] != start:
        return start
    seen = False
    plain = False                       # a word of the name's own that is no trade ("骆驼")
    for j in range(_last_token_before(toks, s), k - 1, -1):
        w = toks.words[j]
        if w in words and (seen or plain and w.endswith(_MAKER)):
            return toks.ends[j]
        seen = seen or w in pat.places or (toks.pos[j] in _PROPER_POS and w not in pat.industry)
        plain = plain or (len(w) >= 2 and toks.pos[j] in ("n", "nz", "ng") and w not in pat.industry)
    return start


#: the appositives that say what a firm makes or does ("蓄电池制造商|骆驼集团", "投资方|X集团"):
#: a name after one starts after it even when the tagger knows its words ("骆驼(n)")
_MAKER = ("商", "方")


def _last_token_before(toks: Tokens, s: int) -> int:
    k = toks.index_at(s - 1)
    return k if toks.ends[k] <= s else k - 1


def _forms_end(text: str, pat: Patterns, e: int) -> int:
    """"控股集团|有限公司": consecutive legal forms end one name (a few at most: a run of
    thousands would make every one of them a name as long as the run)."""
    for _ in range(MAX_CHAINED_FORMS):
        nxt = pat.company.match(text, e)
        if nxt is None or nxt.group(0) in ("集团", "银行"):
            break
        e = nxt.end()
    if text.endswith(("分行", "支行"), 0, e) and text.startswith("营业部", e):
        e += 3                          # "X银行苏州分行|营业部": the branch's own office
    return e


def _legal_start(scan: Scan, m: re.Match, last_legal: tuple[int, int] | None
                 ) -> tuple[int, bool, bool]:
    """Where the name before the legal form ``m`` starts, whether it has a proper part, and
    whether it runs on into the name of a company before it (a branch, a unit, a second form)."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    s = m.start()
    start, proper = left_edge(text, toks, pat, s, 26, lead_word=True)
    extended = False
    if start > 0 and text[max(0, start - 6):start].endswith(pat.company_form_tuple) and \
            (text[start] in _OPEN or m.group(0) in _BRANCH or start == s or
             text.endswith("集团", 0, start) and _RE_CJKS.fullmatch(text, start, s) and
             not _has_function_token(toks, start, s)):
        # ... and "骆驼集团|新能源电池|有限公司": a group's unit named with the group's name
        # "X银行|（中国）有限公司|前海分行", "X集团|股份公司": a branch or legal form after a
        # company name continues that name
        st2, p2 = left_edge(text, toks, pat, s, 40, lead_word=True, through_forms=True)
        if st2 < start:
            start, proper = st2, proper or p2
            extended = True
    if m.group(0) in _BRANCH and not extended and last_legal is not None:
        gap = text[last_legal[1]:s]
        if 1 <= len(gap) <= 6 and _RE_CJKS.fullmatch(gap) and not _has_function_token(toks, last_legal[1], s):
            # "X（中国）有限公司|前海|分行": a place between a legal name and 分行 (tagged
            # anyhow: "前(f)|海") names the branch
            start, proper, extended = last_legal[0], True, True
    return start, proper, extended


def _operator_park(scan: Scan, s: int, start: int, proper: bool) -> tuple[int, bool]:
    """"X软件园有限公司", "X科技城发展有限公司": the company that runs a park; the park is named too."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    op = _OPERATOR.search(text, max(0, s - 4), s)
    pe = op.start() if op else s
    if text[max(0, pe - 9):pe].endswith(pat.park_suffix_tuple) and start >= pe - 2:
        # "X软件园有限公司", "X科技城发展有限公司": the company that runs a park; the park is named too
        start, proper = left_edge(text, toks, pat, s, 26, through_parks=True, lead_word=True)
        ps = pat.park.search(text, start, pe)
        if ps is not None and ps.end() == pe and ps.start() - start >= 2 and \
                not _generic(text[start:ps.start()], pat):
            scan.operated.append((start, pe))
            proper = True
    return start, proper


# "捷翼汽车公司", "国网某某供电公司", "中国海运（集团）总公司": a company named with 公司 alone
# (never the tail of a longer legal form, a unit "子公司/分公司" or a kind "合资公司")
_PLAIN_FORM = re.compile("(?<![有限团份分子])(?:总)?公司")


def find_plain_names(scan: Scan) -> None:
    """Companies named with a bare 公司: the name before it must hold a place or a proper name
    ("捷翼汽车公司", "中国铝业公司") and more than a place ("湖北公司" alone is a unit of whom?)."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    for m in _PLAIN_FORM.finditer(text):
        s = m.start()
        start, proper = left_edge(text, toks, pat, s, 14, lead_word=True)
        start = _past_clause_word(toks, pat, start, s)
        d = _DATELINE.search(text, start, s)
        if d is not None:
            start = d.end()             # "太原8月8|日电（任丽娜）|旅游公司…": a dateline opens the article
        name = text[start:s]
        if not proper or len(name.strip("（）()")) < 2 or _generic(name, pat) or \
                name.endswith(pat.company_form_tuple) or _anonymised(text, start, s) or \
                _level_and_kind(toks, pat, start, s) or \
                not _RE_CJKLAT.fullmatch(name.replace("（", "").replace("）", "")) or \
                _only_kind_words(toks, pat, start, s):
            continue
        scan.add(start, m.end(), "Company", "company:plain-form", 0.7)


#: the dateline of a wire report, with its reporter's credit ("8月8日电（任丽娜）")
_DATELINE = re.compile(r"日[电讯](?:[（(][^（）()]{1,12}[）)])?")


def _only_kind_words(toks: Tokens, pat: Patterns, s: int, e: int) -> bool:
    """[s, e) is places and words of a kind of company only ("天津市|融资|租赁", "上市"): no
    name of one. A token that runs on past ``e`` ("上市公司") is a kind written as one word."""
    kinds = pat.lex.set("company_kinds")
    k = toks.index_at(s)
    if k < 0 or toks.starts[k] != s:
        return True
    while k < len(toks.words) and toks.starts[k] < e and toks.words[k] in pat.places:
        k += 1
    rest, tags = [], []
    while k < len(toks.words) and toks.starts[k] < e:
        rest.append(toks.words[k][:e - toks.starts[k]])
        tags.append(toks.pos[k])
        k += 1
    if len(rest) == 1 and tags[0] in ("v", "vn", "j", "a", "d", "ad") or \
            any(t == "v" and len(w) > 1 for w, t in zip(rest, tags)):
        return True                     # "在香港开立|公司", "深化|公司", "李某偿还物业|公司": a verb or an abbreviation
    return all(w in kinds or w in pat.industry for w in rest)


def find_parents(scan: Scan) -> None:
    """Parents named before 旗下: "X旗下的Y有限公司"."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in _PARENT.finditer(text):
        e = m.start()
        start, proper = left_edge(text, toks, pat, e, 10, lead_word=True)
        name = text[start:e]
        if 2 <= len(name) <= 8 and _RE_CJKLAT.fullmatch(name) and name not in pat.places and \
                not pat.stop_prefix.match(name) and not name.endswith(("公司", "企业", "园区", "集团")):
            add(start, e, "Company", "company:parent", 0.7)


_OFFICE = re.compile(r"(?:代表处|办事处)")
_FORM_WORDS = frozenset(("科技", "集团", "股份", "控股", "电子", "汽车"))


def find_offices(scan: Scan) -> None:
    """"BRAND吉林代表处": a company's office for a region is a company unit of its own (the
    relation step links it to the company whose name opens it)."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in _OFFICE.finditer(text):
        e = m.end()
        place = next((text[m.start() - n:m.start()] for n in (4, 3, 2)
                      if text[m.start() - n:m.start()] in pat.places), None)
        if place is None:
            continue
        ps = m.start() - len(place)
        k = toks.index_at(ps - 1) if ps > 0 else -1
        if k < 0 or toks.ends[k] != ps:
            continue
        w = toks.words[k]
        if (w in pat.industry or w in _FORM_WORDS) and k > 0 and toks.ends[k - 1] == toks.starts[k]:
            k -= 1                      # "甲乙|科技|湖南代表处": the brand is the word before the trade
            w = toks.words[k]
        if not 2 <= len(w) <= 4 or not _RE_CJKS.fullmatch(w) or w in pat.places or w in pat.industry or \
                w in pat.stops or toks.pos[k] not in ("n", "nz", "nr", "nt", "j", "nrt", "ns", "eng"):
            continue
        add(toks.starts[k], e, "Company", "company:office", 0.75, brand=text[toks.starts[k]:ps])


# after a parent named only to describe its unit: "（这家）由A|全资设立的子公司", "是A|的控股子公司"
PARENT_OF_UNIT = re.compile(r"(?:[（(][^（）()]{0,30}[）)])?(?:(?:全资|控股|独资|出资|投资)?(?:设立|成立|组建)的|的)"
                            r"(?:全资|控股|独资)?子公司")


def _all_places(s: str, places) -> bool:
    """``s`` is one place name or a run of them ("重庆", "内蒙古包头")."""
    if s in places:
        return True
    return any(s[:n] in places and _all_places(s[n:], places) for n in range(2, min(len(s) - 1, 5)))


# what is said of a multinational parent rather than of its local company
_PARENT_CUE = re.compile(r"(?:在华|在中国|在全球|全球|在亚洲|在海外|集团(?:在华|在中国|全球))")
_PLACE_PAREN = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)]")


def _parent_brands(text: str, mentions: list[Mention], pat: Patterns,
                   toks: Tokens) -> dict[str, tuple[int, int, str]]:
    """Heads of local-subsidiary names ("H（城市）…有限公司", "H产品（城市）有限公司") found alone
    before a cue that speaks of the parent (在华, 在中国, 全球) — "company:parent-brand" — or
    recurring with a trade word ("H科技") — "company:group-brand": name -> (span, rule)."""
    from kg.extract.names import _strip_trades
    heads: set[str] = set()
    for m in mentions:
        if m.cls != "Company":
            continue
        b = _PLACE_PAREN.search(m.text)
        if b is None or b.start() < 2 or not (b.group(1) in pat.places or b.group(1) == "中国"):
            continue
        h = m.text[:b.start()]
        for k in range(2, len(h) + 1):
            if h[:k] not in pat.places:
                heads.add(h[:k])
        core = _strip_trades(h, pat.lex)
        if len(core) >= 2:
            heads.add(core)
    if not heads:
        return {}
    taken = sorted((m.start, m.end) for m in mentions)
    trade_re = _trade_re(pat.industry)
    out: dict[str, tuple[int, int, str]] = {}
    seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s, e, trade, cue in _head_matches(heads, text, trade_re):
        if cue is None and trade is None:
            continue
        i = bisect.bisect_right(taken, (s, 10**9)) - 1
        if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
            continue
        k = toks.index_at(s)
        if toks.starts[k] != s:
            continue                            # starts inside a word
        if cue is not None:
            out.setdefault(text[s:e], (s, e, "company:parent-brand"))
        elif e >= len(text) or toks.starts[toks.index_at(e)] == e:
            # the group's own brand with a trade word ("蓝思科技" beside "蓝思精密（泰州）有限公司"),
            # a whole word that recurs
            seen[text[s:e]].append((s, e))
    for name, spans in seen.items():
        if len(spans) >= 2:
            out.setdefault(name, (*spans[0], "company:group-brand"))
    return out


@functools.lru_cache(maxsize=8)
def _trade_re(industry: frozenset) -> re.Pattern:
    return re.compile(alternation(industry))


def _head_matches(heads: set[str], text: str, trade_re: re.Pattern):
    """The matches of "(?:HEADS)(?P<trade>TRADES)?(?P<cue>CUE)?" over ``text`` as (start, end of
    head and trade, trade or None, cue or None), without compiling a pattern for the heads: the
    head is the longest at its position, trade and cue are optional, matches do not overlap."""
    out = []
    last = 0
    for s, he, _ in find_names_overlapping(heads, text):
        if s < last:
            continue
        t = trade_re.match(text, he)
        trade = t.group(0) if t is not None else None
        te = t.end() if t is not None else he
        c = _PARENT_CUE.match(text, te)
        cue = c.group(0) if c is not None else None
        last = c.end() if c is not None else te
        out.append((s, te, trade, cue))
    return out


#: the unit ends a branch is named with after its parent and its place ("X湖北公司", "X宝山分公司")
_BRANCH_ENDS = ("分公司", "分行", "支行", "公司")


def _branch_parents(text: str, mentions: list[Mention], pat: Patterns, toks: Tokens
                    ) -> dict[str, tuple[int, int, str]]:
    """The parent that heads a branch's name ("中国电信|湖北|公司") found alone elsewhere in the
    text as a whole word ("中国电信正式入驻…"): a company of its own, not a short form of its
    branch — name -> (span of its first lone occurrence, "company:branch-parent")."""
    heads = set()
    for m in mentions:
        end = next((x for x in _BRANCH_ENDS if m.cls == "Company" and m.text.endswith(x)), None)
        if end is None:
            continue
        mid = m.text[:-len(end)]
        for n in (4, 3, 2):
            h = mid[:-n]
            if mid[-n:] in pat.places and 3 <= len(h) <= 8 and _RE_CJKLAT.fullmatch(h) and \
                    h not in pat.places and h not in pat.industry and not h.endswith(pat.company_form_tuple) and \
                    not _generic(h, pat):
                heads.add(h)
                break
    if not heads:
        return {}
    taken = sorted((m.start, m.end) for m in mentions)
    out: dict[str, tuple[int, int, str]] = {}
    for s, e, name in find_names(heads, text):
        i = bisect.bisect_right(taken, (s, 10**9)) - 1
        if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
            continue
        k = toks.index_at(s)
        if toks.starts[k] == s and (e >= len(text) or toks.starts[toks.index_at(e)] == e):
            out.setdefault(name, (s, e, "company:branch-parent"))
    return out
