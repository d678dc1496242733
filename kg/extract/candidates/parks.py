"""Parks: names that end in a park suffix (…高新区, …产业园, …谷), "X新区" zones with a park
committee, and the names that only context shows to be parks.

A name runs left from its suffix (:func:`~kg.extract.candidates.edges.left_edge`). A sub-park
without a head of its own is named with its zone ("X高新区氢能产业园"); a sub-park whose name opens
with no place is a company's project ("腾讯内容产业基地"), kept aside as a brand until the whole
text has been read (:func:`settle_project_brands`); a park with a head of its own named right
after its 新区 is a second park.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict

from kg.extract.candidates.edges import _FUNC_POS, _has_function_token, left_edge
from kg.extract.candidates.patterns import (_GEO, _OPEN, _PROPER_POS, _RE_CJK1, _RE_CJKS, CJK,
                                            Patterns, _generic, _starts_with_place, last_credit_end,
                                            trades_only)
from kg.extract.candidates.scan import Scan, _sentence_of
from kg.extract.names import alternation, ending_index, longest_ending, occurrences
from kg.extract.tokens import Tokens
from kg.model import Mention


_NOT_VALLEY = "山峡河低深幽溪稻波空"
_NEW_AREA = re.compile("新区(?=党工委|管委会|管理委员会|工委)")
_VALLEY_WORD_TAIL = "底地物歌粒雨"
# what may stand between a zone and a park inside it: "X新区内的", "X高新区北部的", "X经开区下辖的"
_IN_ZONE_TAIL = re.compile(r"(?:内|里|境内|辖区内?|区内|[东南西北中]部|下辖|所辖|所属)?的$")


def find_parks(scan: Scan) -> None:
    """Every park suffix in the text, read back to the start of its name; then the short forms
    of the zone-prefixed names found ("经开区新能源产业园", "入驻氢能产业园")."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    parks_by_end = _ParksByEnd(scan.found.items)
    matches = [(m.start(), m.end()) for m in pat.park.finditer(text)]
    i = 0
    while i < len(matches):
        s, e = matches[i]
        if text[e - 1] == "谷" and i + 1 < len(matches) and matches[i + 1][0] == e and \
                text[e:matches[i + 1][1]].endswith(("园", "基地")):
            # "长春智能光谷|产业园", "中国声谷|产业园": the park named after its valley, one name
            # ("光谷|生物城" is the valley's area, named after it by the suffix's own rules)
            e = matches[i + 1][1]
            i += 1
        if text[e - 1:e + 1] == "园区" and text[e + 1:e + 2] != "域":
            e += 1                  # "返乡创业示范园|区": 园区 is the park's own ending, not "区域"
        _park_at(scan, parks_by_end, s, e)
        i += 1
    _free_trade_areas(scan, parks_by_end)
    _zone_areas(scan)
    _zone_prefixed_short_forms(text, scan.found.items, scan.park_names, pat)
    _bare_trade_subparks(text, toks, scan.found.items, scan.trade_subparks, scan.sent_starts)


def _park_at(scan: Scan, parks_by_end: _ParksByEnd, s: int, e: int) -> None:
    """The park whose suffix is ``text[s:e]``, if its name is one."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    suffix = text[s:e]
    start, proper = left_edge(text, toks, pat, s, 18, lead_word=True)
    cut = _clause_head(text, toks, pat, start, s, suffix.endswith(pat.zone_suffixes))
    if cut != start:
        start, proper = cut, _has_place(text, toks, pat, cut, s)
    start = _bracket_head(text, toks, pat, start, s)
    if text[start:start + 1] in _DATE_UNITS and text[start - 1:start].isdigit():
        start += 1                  # "2022年3月|洋山特殊综合保税区": the tokenizer glued the date's unit on
    phase = _PHASE_HEAD.match(text, start, s)
    if phase:
        # "X经开区三期|青石工业园区": the zone's phase is no part of the name, which it heads
        start = phase.end()
        proper = proper or text[max(0, phase.start() - 9):phase.start()].endswith(pat.park_suffix_tuple)
    if text[start - 1:start] == "·":
        dot = _DOT_HEAD.search(text, max(0, start - 10), start)
        if dot is None or text[dot.start() - 1:dot.start()] == "“":
            return                  # "“数字经济·杭州硅谷”": the tail of a slogan
        start, proper = dot.start(), True   # "世界计算·长沙智谷", "杉谷东久·生命信使产业基地"
    prefix = text[start:s]
    z = _zone_before(parks_by_end, text, toks, s, start, e, pat)
    if z is not None:
        _add_zone_prefixed(scan, z, e)
        return
    if not proper and _located_trade_park(text, toks, pat, start, s, e):
        scan.add(start, e, "Park", "park:located", 0.7, kind="subpark")
        scan.park_names.add(text[start:e])
        return
    if _generic(prefix, pat) or prefix in _ZONE_WORDS:
        return                      # "全国新区开发区工会": one kind of zone before another, no name
    if prefix in pat.lex.set("park_category_heads") and suffix.endswith(pat.zone_suffixes):
        return                      # "中国自由贸易试验区发展论坛": the nation's kind of zone
    if suffix == "谷" and not _valley(text, toks, pat, start, s, e):
        return
    start, prev_park = _after_park(text, toks, pat, start)
    if not prev_park and _named_in_zone(text, toks, pat, start, s):
        prev_park = True            # "位于X高新区(北部)的|英歌石|科学城": an unknown head, placed in a zone
    if not proper and not prev_park and not _zone_word_head(text, toks, pat, start, s, e):
        return
    if pat.park_generic.search(prefix) and not _described_after_place(prefix, pat) or prefix.endswith("省"):
        return                      # "江西省十大最具投资价值工业园区", "国家级绿色产业示范基地"
    kind = "zone" if text[start:e].endswith(pat.zone_suffixes) else "subpark"
    if kind == "subpark" and not prev_park and not suffix.endswith(("城", "谷", "区")) and \
            "·" not in text[start:s]:
        # a company builds an industrial park or a base, never a "…城" or a "…区"; "A·B产业基地" is
        # named as a park
        if _project_brand(scan, start, s, e):
            return
    cut = _new_area_head(text, toks, pat, start, s)
    if cut is not None:
        # "两江新区|鱼复工业开发区": a park with a head of its own named right after its 新区
        # is a second park, inside that zone (relate links adjacent zone and sub-park)
        scan.add(start, cut, "Park", "park:new-area-head", 0.8, kind="zone")
        scan.park_names.add(text[start:cut])
        start = cut
        kind = "zone" if text[start:e].endswith(pat.zone_suffixes) else "subpark"
    scan.add(start, e, "Park", "park:suffix", 0.9 if proper else 0.7, kind=kind)
    scan.park_names.add(text[start:e])


# a date's unit glued to the name after it ("3|月洋山")
_DATE_UNITS = frozenset("年月日号")
# kinds of zone, no zone's head ("新区开发区")
_ZONE_WORDS = frozenset(("新区", "高新区", "开发区", "经开区", "园区", "工业园区", "保税区", "自贸区"))


# the zone words a one-word head names a zone with ("外高桥|保税区", "光明|科学城", "阳逻|开发区")
_HEADED_ZONES = ("经济技术开发区", "经济开发区", "开发区", "高新区", "保税区", "科学城", "工业园区")
_HEAD_POS = frozenset({"n", "nz", "v", "vn", "ng", "nr", "s"})


def _zone_word_head(text: str, toks: Tokens, pat: Patterns, start: int, s: int, e: int) -> bool:
    """A zone's name may be one word the tagger does not know as a place, right after a clause's
    opening ("就是|外高桥|保税区", "走进|光明|科学城", "、|增城|经济技术开发区"): one token of two or
    three characters, no common or category word."""
    if not text[start:e].endswith(_HEADED_ZONES) or not 2 <= s - start <= 3:
        return False
    k = toks.index_at(start)
    w = toks.words[k]
    if toks.starts[k] != start or toks.ends[k] != s or toks.pos[k] not in _HEAD_POS or \
            toks.pos[k] == "v" and w not in pat.places:
        return False                    # a verb only where it is a place ("增城"), not "途经|工业园区"
    if w in pat.stops or w in pat.industry or w in pat.common_places or pat.park_generic.search(w) or \
            _CATEGORY_HEAD.search(w) or not _RE_CJKS.fullmatch(w):
        return False
    if k == 0:
        return True
    prev, tag = toks.words[k - 1], toks.pos[k - 1]
    return not _RE_CJKS.fullmatch(prev) or prev in pat.stops or tag in ("p", "d", "c", "uj", "v", "x")


# words that make "…开发区" a kind of zone, not one zone ("全市开发区", "各类开发区", "城市新区")
_CATEGORY_HEAD = re.compile("全|各|本|该|此|城市|地方|国内|国外|海外|省内|市内|区内|县域|工业|产业|经济|"
                            "国家|综合|特殊|开放|新型|传统|临时|现有|主要|重点|所有|其他|相关|周边|附近")


# words that describe a park's trade ("沈阳|先进|制造产业园", "豫东南|生态|水产品产业园"), not its rank
_DESCRIPTIVE = re.compile("先进|生态|绿色|智慧|新兴|示范")


def _located_trade_park(text: str, toks: Tokens, pat: Patterns, start: int, s: int, e: int) -> bool:
    """"位于|绿色精细化工产业园|的X公司": a sub-park named by its trades alone (two words or more,
    no place) right after a verb that places what follows is a park's name."""
    if not 4 <= s - start <= 10 or text[start:e].endswith(pat.zone_suffixes) or \
            not text.endswith(tuple(pat.lex["park_place_cues"]), max(0, start - 3), start):
        return False
    k = toks.index_at(start)
    if toks.starts[k] != start or toks.ends[k] >= s:
        return False                    # two words or more: one word may be a head of its own
    while k < len(toks.words) and toks.starts[k] < s:
        w = toks.words[k]
        if toks.ends[k] > s or w in pat.places or w in pat.stops or not _RE_CJKS.fullmatch(w) or \
                toks.pos[k] not in _TRADE_POS and w not in pat.industry or \
                pat.park_generic.search(w) and not _DESCRIPTIVE.fullmatch(w):
            return False                # ("绿色" describes the trade: "绿色|精细化工")
        k += 1
    return True


def _described_after_place(prefix: str, pat: Patterns) -> bool:
    """The generic words of a park name's head are descriptive ones after a city's or county's
    name ("沈阳先进制造产业园"); a province's or the nation's list ("安徽省绿色产业示范基地",
    "国家级…") stays a category."""
    if "省" in prefix or "国家" in prefix or "全国" in prefix:
        return False
    head = next((n for n in (4, 3, 2) if prefix[:n] in pat.places), 0)
    if not head:
        return False
    return all(_DESCRIPTIVE.fullmatch(g.group(0)) and g.start() >= head    # "新兴|产业基地": 新兴 the county
               for g in pat.park_generic.finditer(prefix))


def _clause_head(text: str, toks: Tokens, pat: Patterns, start: int, s: int, zone: bool) -> int:
    """Where a park name whose head ``text[start:s]`` ran over its clause really starts: after an
    organisation ("青岛市公安局|开发区分局", "国家税务总局|淮安经开区税务局": the park names the
    office's seat) and after a verb the name of a place follows ("航拍|河北省涿州高新区", "王某来到|
    高新区支行", "签订|农业园区共建协议"); a verb inside a trade ("返乡创业示范园区") stays."""
    cut = start
    k = toks.index_at(start)
    while k < len(toks.words) and toks.ends[k] <= s:
        w, t = toks.words[k], toks.pos[k]
        if toks.starts[k] >= start and w not in pat.places and t != "f":
            if _organisation_word(w, t, pat) and not (toks.ends[k] == s and w.endswith(_PARK_OWNERS)):
                cut = toks.ends[k]          # ("华中科技大学|科技园": a university names its park)
            elif t == "v" and w not in pat.industry and (
                    _has_place(text, toks, pat, toks.ends[k], s, first=True) or
                    # "湟中区|签订|农业园区共建协议": a verb right after a district's name is the
                    # clause's, the district its subject
                    toks.starts[k] > start and text[toks.starts[k] - 1] in _ADMIN_ENDS or
                    toks.ends[k] == s and zone and not (k > 0 and (toks.words[k - 1] in pat.places or toks.pos[k - 1] == "ns"))):
                # a verb right before a zone's suffix ("来到|高新区") unless a place heads it
                # ("合肥|新站|高新区"); before a sub-park's suffix it is a trade ("显示|产业基地")
                cut = toks.ends[k]
        k += 1
    return cut


_ADMIN_ENDS = "省市县区镇乡"
# bodies that name a park of their own right before its suffix ("X大学科技园")
_PARK_OWNERS = ("大学", "学院")
_PHASE_HEAD = re.compile(r"[一二三四五六七八九十\d]{1,2}期")
# the brand or programme before the dot of "A·B产业基地" (a slogan's when a quote opens it)
_DOT_HEAD = re.compile(f"[{CJK}A-Za-z0-9]{{2,8}}·$")
_BRACKET = re.compile(r"[（(]([^（）()]{1,10})[）)]")
_REGION_WORD = re.compile("[东西南北中]部")


def _bracket_head(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> int:
    """A park name opening with a bracket: a photo credit ("（周可茹摄）高新区") is no part of it;
    a place in brackets after a region word heads it with that word ("西部（重庆）科学城",
    "中国西部（成都）科学城")."""
    credit = last_credit_end(text, start, s)
    if credit is not None:
        return credit               # "…展开讨论 （周可茹 摄）|高新区": a caption's credit ends it
    g = _BRACKET.match(text, start, s)
    if g is None:
        return start
    inner = g.group(1)
    if inner not in pat.places and not any(inner[:n] in pat.places for n in (2, 3)) or "摄" in inner:
        return g.end()
    r = _REGION_WORD.search(text, max(0, start - 2), start)
    if r is None or r.end() != start:
        return start
    head, _ = left_edge(text, toks, pat, r.start(), 8)
    return head if head < r.start() and text[head:r.start()] in pat.places else r.start()


def _organisation_word(w: str, t: str, pat: Patterns) -> bool:
    """"公安局", "商务厅", "市委", "人民法院", "图书馆": a body's word, never inside a park's name."""
    if len(w) < 2 or not _RE_CJKS.fullmatch(w) or w in pat.park_suffix_tuple:
        return False
    ends = _agency_endings(pat.lex)
    if (len(w) >= 3 or t == "nt" or w in ends) and w.endswith(ends):
        return True
    return w.endswith(_BODY_ENDINGS)


# bodies that are no agencies, whose word before a park's suffix ends the park's name
_BODY_ENDINGS = ("图书馆", "医院", "学校", "大学", "中学", "小学", "银行")


@functools.lru_cache(maxsize=8)
def _agency_endings(lex) -> tuple[str, ...]:
    return tuple(lex["agency_suffixes"])


def _has_place(text: str, toks: Tokens, pat: Patterns, a: int, b: int, first: bool = False) -> bool:
    """A place or proper name among the tokens of [a, b) (``first``: the first token is one)."""
    k = toks.index_at(a)
    while k < len(toks.words) and toks.starts[k] < b:
        w = text[max(a, toks.starts[k]):min(b, toks.ends[k])]
        if w in pat.places or any(w[:n] in pat.places for n in (2, 3)) or toks.pos[k] in _PROPER_POS:
            return True
        if first:
            return False
        k += 1
    return False


# "湖南自贸试验区|长沙|片区", "自贸区|郴州|片区": a free-trade zone's area, named by its place
_TRADE_AREA = re.compile(f"(自由贸易试验区|自贸试验区|自由贸易区|自贸区)([{CJK}]{{2,4}}?)片区")
_PLACE_TRADE_AREA = re.compile(f"(?<=[{CJK}])自贸(?:试验区)?片区")


def _free_trade_areas(scan: Scan, parks_by_end: _ParksByEnd) -> None:
    """A free-trade zone's area ("片区") named by its place after the zone's name is a sub-park
    named with its zone; a "片区" after any other word is no park ("老城片区")."""
    text, pat = scan.text, scan.pat
    for m in _TRADE_AREA.finditer(text):
        place = m.group(2)
        if not any(place[:n] in pat.places for n in (2, 3, 4) if n <= len(place)):
            continue
        z = next((z for z in parks_by_end.ending_in(m.end(1), m.end(1)) if z.end == m.end(1)), None)
        if z is not None:
            _add_zone_prefixed(scan, z, m.end())
        else:
            scan.add(m.start(), m.end(), "Park", "park:suffix", 0.8, kind="subpark")
            scan.park_names.add(m.group(0))
    for m in _PLACE_TRADE_AREA.finditer(text):
        # "开封|自贸片区", "南沙|自贸片区": the area named by its place before the short ending
        # (the tagger reads some of these places as verbs: "开封")
        n = next((n for n in (4, 3, 2) if text[m.start() - n:m.start()] in pat.places), 0)
        if n:
            scan.add(m.start() - n, m.end(), "Park", "park:suffix", 0.8, kind="subpark")
            scan.park_names.add(text[m.start() - n:m.end()])


# a zone's area named by a word or two and an area's ending (park_area_ends: "X经开区|先进制造业|园区",
# "X开发区|淮南|园", "西咸新区|沣西|新城")
_AREA_POS = frozenset({"n", "nz", "ns", "j", "a", "b", "f", "s", "zg"})  # zg: "沣|西|新城"


def _zone_areas(scan: Scan, rule: str | None = None) -> None:
    """"郑州经开区先进制造业园区", "郎溪县经济开发区十字园区", "固始县先进制造业开发区淮南园": an
    area of a zone named right after it, by nouns and 园区 / 园 (endings too common to open a name
    anywhere else). A place heads a park of its own ("淮南园", inside the zone); other words are
    named with the zone. ``rule``: only the zones that rule found (the new areas, found later)."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    taken = sorted((m.start, m.end) for m in scan.found.items)
    for z in [m for m in scan.found.items if m.cls == "Park" and m.attrs.get("kind") == "zone" and
              (rule is None or m.rule == rule)]:
        if not z.text.endswith(pat.zone_suffixes) or \
                rule is None and not _starts_with_place(z.text, pat.places):
            continue                # (a new area's proper name was checked when it was found)
        k = toks.index_at(z.end)
        if k >= len(toks.words) or toks.starts[k] != z.end:
            continue
        e = _area_end(text, toks, pat, k)
        if e is None or _covered(taken, z.end, e):
            continue
        w0 = toks.words[k]
        if toks.pos[k] == "ns" or w0 in pat.places:
            scan.add(z.end, e, "Park", "park:zone-area", 0.75, kind="subpark")
            scan.park_names.add(text[z.end:e])
        else:
            _add_zone_prefixed(scan, z, e)


def _area_end(text: str, toks: Tokens, pat: Patterns, k: int) -> int | None:
    """Where the area name whose words start at token ``k`` ends: one to three noun-like words
    (no stop word, no category of parks) and 园区 / 园 as a word of its own."""
    start = toks.starts[k]
    for n in range(3):
        i = k + n
        if i + 1 >= len(toks.words):
            return None
        w = toks.words[i]
        if toks.pos[i] not in _AREA_POS or w in pat.stops or not _RE_CJKS.fullmatch(w) or \
                pat.park_generic.search(w) and not _DESCRIPTIVE.fullmatch(w) or w in _ZONE_WORDS:
            return None
        nxt = toks.words[i + 1]
        if nxt in pat.lex.set("park_area_ends") and toks.ends[i + 1] - start >= 3:
            return toks.ends[i + 1]
    return None


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the sorted ``spans`` that starts at or after s."""
    i = bisect.bisect_left(spans, (s, -1))
    return i < len(spans) and spans[i][0] < e


def _add_zone_prefixed(scan: Scan, z: Mention, e: int) -> None:
    """"X经开区新能源产业园", "X高新区综合保税区": a sub-park without a proper head of its own is
    named with its zone; the zone stays a mention inside the name."""
    text = scan.text
    scan.add(z.start, e, "Park", "park:zone-prefixed", 0.85, kind="subpark")
    scan.park_names.add(text[z.start:e])
    scan.zone_heads.append(z)
    if e - z.end >= 4:
        scan.trade_subparks.append((text[z.end:e], text[z.start:e]))


def _valley(text: str, toks: Tokens, pat: Patterns, start: int, s: int, e: int) -> bool:
    """"中国声谷", "成都芯谷": a place and one character before 谷; "峡谷", "走出低谷" are no parks."""
    if s - start < 3 or text[s - 1] in _NOT_VALLEY or text[e:e + 1] in _VALLEY_WORD_TAIL:
        return False
    if text[start:s - 1] not in pat.places and not _trade_valley(text, toks, pat, start, s):
        return False
    return True


def _after_park(text: str, toks: Tokens, pat: Patterns, start: int) -> tuple[int, bool]:
    """Whether the name starting at ``start`` comes right after a park's name, and where it
    starts then: "…高新区|城|西北工业园": a sub-park named right after its zone starts at the
    zone's end."""
    prev_park = start > 0 and text[max(0, start - 9):start].endswith(pat.park_suffix_tuple)
    if not prev_park:
        for g in (1, 2):
            cut = start - g
            kk = toks.index_at(cut)
            if cut > 0 and text[max(0, cut - 9):cut].endswith(pat.park_suffix_tuple) and \
                    _RE_CJKS.fullmatch(text[cut:start]) and text[cut:start] not in pat.stops and \
                    not text.endswith("的", cut, start) and \
                    toks.pos[kk] in ("n", "ns", "s", "f", "j", "nz", "b", "ng"):
                start, prev_park = cut, True
                break
    return start, prev_park


#: a word ending so says what kind a park is ("开放式|科技园", "综合性|产业园"): no brand
_KIND_ENDS = ("式", "型", "性")


def _project_brand(scan: Scan, start: int, s: int, e: int) -> bool:
    """"腾讯内容产业基地", "东旭新型显示材料产业园": a sub-park name [start, e) that opens with no
    place is a company's project, not a park; its brand is kept aside (``scan.brands``)."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    k = toks.index_at(start)
    while toks.words[k] in pat.links and toks.ends[k] < s and toks.ends[k + 1] <= s:
        k += 1                  # "国家火炬|青岛…基地": judge the name after the link words
    w0 = toks.words[k]
    start0 = start
    start = toks.starts[k]
    geo = k + 1 < len(toks.words) and toks.words[k + 1] in _GEO and len(w0) <= 3
    k2 = k + 1
    while not geo and k2 < len(toks.words) and k2 <= k + 2 and toks.ends[k2] <= s:
        # "前|海|深港|国际金融城": a place right after an unknown first word
        geo = toks.pos[k2] == "ns" or toks.words[k2] in pat.places
        k2 += 1
    if not (w0 in pat.places or toks.pos[k] == "ns" or text[start] in _OPEN or geo or
            w0 in pat.park_suffix_tuple or
            text[start:start + 2] in pat.places or text[start:start + 3] in pat.places):
        # "腾讯内容产业基地", "东旭新型显示材料产业园": a company's project, not a park
        brand_end = toks.ends[k]
        if k + 1 < len(toks.words) and toks.words[k + 1] in pat.lex.set("industry_words"):
            brand_end = toks.ends[k + 1]
        if brand_end - start >= 2 and brand_end <= s and text[start:brand_end] not in pat.industry and \
                start == start0 and not text.endswith(_KIND_ENDS, start, toks.ends[k]):
            # not after link words ("国家|网络安全|产业园" is a designated base), not a trade
            scan.brands.append((start, brand_end, start0, e))
        return True
    return False


class _ParksByEnd:
    """The park mentions of a growing mention list by end offset, so that a lookup of the parks
    ending just before a position does not scan every mention found so far."""

    def __init__(self, items: list[Mention]) -> None:
        self.items = items
        self.seen = 0
        self.by_end: dict[int, list[tuple[int, Mention]]] = defaultdict(list)

    def ending_in(self, lo: int, hi: int) -> list[Mention]:
        """Park mentions with lo <= end <= hi, in the order they were found."""
        items = self.items
        for i in range(self.seen, len(items)):
            m = items[i]
            if m.cls == "Park":
                self.by_end[m.end].append((i, m))
        self.seen = len(items)
        hits = [x for k in range(max(lo, 0), hi + 1) for x in self.by_end.get(k, ())]
        hits.sort(key=lambda x: x[0])
        return [m for _, m in hits]


def _zone_before(parks: _ParksByEnd, text: str, toks: Tokens, s: int, start: int, e: int,
                 pat: Patterns) -> Mention | None:
    """The zone mention a sub-park name opens with, when the words between the zone and the park
    suffix are trades only (or none, as in "X高新区综合保税区"): such a park has no head of its own."""
    for z in parks.ending_in(max(start, s) - 12, s):
        if z.cls != "Park" or z.end > s or z.end < start - 12 or z.end < s - 12:
            continue
        if not z.text.endswith(pat.zone_suffixes) or not _starts_with_place(z.text, pat.places):
            continue
        body = text[z.end:s]
        if body and not trades_only(body, pat) and not ("产业" in text[s:e] and _trade_phrase(toks, pat, z.end, s)):
            continue
        if not body and not text[s:e].endswith("保税区"):
            continue
        return z
    return None


# tags of the common words a trade phrase is made of ("生命|健康", "集成电路|特色", "碳达峰")
_TRADE_POS = frozenset({"n", "vn", "a", "b", "nz", "l"})


def _trade_phrase(toks: Tokens, pat: Patterns, a: int, b: int) -> bool:
    """[a, b) is a phrase of two or more common trade words, no place or head of its own ("X高新区|
    生命|健康|产业园" is the zone's sub-park; "X高新区|城北|科技园", "X经开区|青石|工业园区" have heads)."""
    if not 2 <= b - a <= 8:
        return False
    k = toks.index_at(a)
    if toks.starts[k] != a or toks.ends[k] >= b:
        return False                    # one word may be a head ("X经开区|青石|工业园区"); a phrase is two
    while k < len(toks.words) and toks.starts[k] < b:
        w = toks.words[k]
        if toks.ends[k] > b or toks.pos[k] not in _TRADE_POS or w in pat.places or w in pat.stops or \
                not _RE_CJKS.fullmatch(w) or pat.park_generic.search(w):
            return False
        k += 1
    return True


def _zone_prefixed_short_forms(text: str, items: list[Mention], park_names: set[str],
                               pat: Patterns) -> None:
    """"经开区新能源产业园" after "徐州经开区新能源产业园" was named: the zone word without its place
    is a short form of the whole name, not a second park "新能源产业园"."""
    fulls = [n for n in park_names if len(n) > 6]
    if not fulls:
        return
    suffixes = ending_index(pat.park_suffix_tuple)
    for i, m in enumerate(items):
        if m.cls != "Park" or m.rule != "park:suffix":
            continue
        suffix = longest_ending(m.text, suffixes)
        if suffix is None or len(m.text) == len(suffix) or not trades_only(m.text[:-len(suffix)], pat):
            continue
        zw = next((z for z in pat.zone_suffixes if text.endswith(z, 0, m.start)), None)
        if zw is None:
            continue
        short = zw + m.text
        owners = [n for n in fulls if n.endswith(short) and len(n) > len(short)]
        if len(owners) == 1:
            s = m.start - len(zw)
            items[i] = Mention(s, m.end, short, "Park", m.sentence, "short:zone-prefixed", 0.85,
                               {"full": owners[0], "kind": "subpark"})


def _bare_trade_subparks(text: str, toks: Tokens, items: list[Mention], trade_subparks, sent_starts) -> None:
    """"入驻氢能产业园" after "X高新区氢能产业园" was named: the trade words and the ending alone
    are a short form of that sub-park (only where no name runs on to the left)."""
    if not trade_subparks:
        return
    fulls: dict[str, set[str]] = {}
    for short, full in trade_subparks:
        fulls.setdefault(short, set()).add(full)
    taken = sorted((m.start, m.end) for m in items)
    for short, owners in fulls.items():
        if len(owners) != 1:
            continue
        full = next(iter(owners))
        pos = text.find(short)
        while pos >= 0:
            e = pos + len(short)
            i = bisect.bisect_right(taken, (pos, 10**9)) - 1
            inside = i >= 0 and taken[i][1] > pos
            k = toks.index_at(pos)
            if not inside and toks.starts[k] == pos and (k == 0 or toks.pos[k - 1] in _FUNC_POS or
                                                         toks.pos[k - 1] in ("x", "p", "uj", "c", "f", "vn")):
                items.append(Mention(pos, e, short, "Park", _sentence_of(sent_starts, pos), "short:zone-prefixed",
                                     0.8, {"full": full, "kind": "subpark"}))
            pos = text.find(short, e)


def _trade_valley(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> bool:
    """"济南量子谷", "临澧光谷": a place and one two-character trade noun before 谷."""
    if text[start:s - 2] not in pat.places:
        return False
    k = toks.index_at(s - 2)
    return toks.starts[k] == s - 2 and toks.ends[k] == s and toks.pos[k] in ("n", "nz", "vn", "j") and \
        text[s - 2:s] not in pat.places


def _named_in_zone(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> bool:
    """The park name's head ``text[start:s]`` is a short unknown word right after "<zone>(内|北部)的"."""
    if not 2 <= s - start <= 4 or not _RE_CJKS.fullmatch(text, start, s):
        return False
    g = _IN_ZONE_TAIL.search(text, max(0, start - 4), start)
    if g is None or not text.endswith(pat.zone_suffixes, max(0, g.start() - 12), g.start()):
        return False
    head = text[start:s]
    if head in pat.stops or head in pat.industry or trades_only(head, pat) or pat.park_generic.search(head):
        return False
    k = toks.index_at(start)
    # every word of the head a noun-like piece: "新建的|科技园" has a verb, "该|园区" a pronoun
    while k < len(toks.words) and toks.starts[k] < s:
        if toks.pos[k] not in ("n", "nz", "nr", "nrt", "ns", "j", "ng", "s") or toks.words[k] in pat.stops:
            return False
        k += 1
    return True


def _new_area_head(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> int | None:
    """Where a "<place>新区" ends inside a park name's head ``text[start:s]``, when what follows
    it opens with a proper name of its own ("两江新区|鱼复|工业开发区"; "兰州新区精细化工园区" and
    "X新区汽车产业园" stay one name: a trade sub-park is named with its zone)."""
    p = text.rfind("新区", start + 2, s)
    if p < 0 or text[p - 1] == "高":
        return None
    cut = p + 2
    rest = text[cut:s]
    if len(rest) < 2 or not _RE_CJKS.fullmatch(rest) or trades_only(rest, pat) or \
            _generic(rest, pat) or pat.park_generic.search(rest) or rest in pat.industry:
        return None
    if not _RE_CJKS.fullmatch(text, start, p) or _generic(text[start:p], pat):
        return None
    k = toks.index_at(cut)
    if toks.starts[k] != cut or toks.ends[k] > s:
        return None
    if toks.pos[k] not in _PROPER_POS and toks.words[k] not in pat.places:
        return None
    return cut


def find_new_areas(scan: Scan) -> None:
    """"X新区" is a development zone when a park committee is attached to it ("兰州新区党工委"),
    or when a place names it ("长春新区", "湖南湘江新区"); a district the gazetteer knows ("浦东新区"
    with its 区长) stays a region, and "国家级新区", "走进新区" name no zone."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    for m in _NEW_AREA.finditer(text):
        start, proper = left_edge(text, toks, pat, m.start(), 10)
        if proper and m.start() - start >= 2:
            scan.add(start, m.end(), "Park", "park:new-area", 0.85, kind="zone")
            scan.park_names.add(text[start:m.end()])
            scan.new_areas.append((start, m.end()))
    for m in _new_area_ends(pat.lex).finditer(text):
        start = _placed_new_area(text, toks, pat, m.start(), m.end())
        if start is not None:
            scan.add(start, m.end(), "Park", "park:new-area", 0.8, kind="zone")
            scan.park_names.add(text[start:m.end()])
    _zone_areas(scan, "park:new-area")     # "西咸新区|沣西|新城"


@functools.lru_cache(maxsize=8)
def _new_area_ends(lex) -> re.Pattern:
    # "高新区" is a high-tech zone's ending, read with the other park suffixes
    return re.compile(f"(?<!高)(?:{alternation(lex['park_new_areas'])})" if lex["park_new_areas"] else "(?!)")


# tags of a word that reads as a place only by accident ("中以", a preposition's)
_NOT_PLACE_POS = frozenset({"p", "v", "d", "c", "r", "u", "uj", "m", "q"})


def _placed_new_area(text: str, toks: Tokens, pat: Patterns, s: int, e: int) -> int | None:
    """Where the name of the new area whose ending is [s, e) starts, when a place or proper name
    right before the ending names it ("长春|新区", "湖南|湘江|新区"); None for a kind of area
    ("国家级新区"), a verb's object ("走进新区"), a street's part ("街道新区") or a district."""
    start, proper = left_edge(text, toks, pat, s, 10)
    if not proper or s - start < 2 or not _RE_CJKS.fullmatch(text, start, s):
        return None
    k = toks.index_at(s - 1)
    w, tag = toks.words[k], toks.pos[k]
    if toks.ends[k] != s or not (tag in _PROPER_POS or w in pat.places and tag not in _NOT_PLACE_POS):
        return None
    name = text[start:e]
    if any(name[i:] in pat.places for i in range(len(name) - 2)) or pat.park_generic.search(name) or \
            _generic(text[start:s], pat):
        return None
    return start


# what stands between a sub-park and the zone it lies in: "Y产业园在X经开区", "Y基地位于X高新区"
_IN_A_ZONE = re.compile("(?:正式|已|将)?(?:在|位于|坐落于|落户|落户于|地处)")


def settle_project_brands(scan: Scan) -> None:
    """The names kept aside as a company's project are parks after all when the text reads the
    same name as a park elsewhere; else their brand is a company."""
    text, park_names, brands = scan.text, scan.park_names, scan.brands
    park_names.update(text[ps:pe] for ps, pe in scan.operated)
    if brands:
        # "A、兰光科技园、B等…园区": a list of parks names its brands' parks too
        park_names.update(text[s:e] for s, e in park_list_items(text, scan.pat))
    zone_starts = {m.start for m in scan.found.items if m.cls == "Park" and m.attrs.get("kind") == "zone"}
    for bs, be, ps, pe in brands:
        if re.search(r"(?:区|园)的$", text[max(0, ps - 2):ps]) and pe - ps <= 7:
            # "X高新区的Y软件园": a park's own sub-park, not a company's project (everywhere in the text)
            park_names.add(text[ps:pe])
        g = _IN_A_ZONE.match(text, pe)
        if g is not None and g.end() in zone_starts:
            # "Y产业园在X经开区开园", "Y产业园位于X高新区": a place inside a zone, not a project
            park_names.add(text[ps:pe])
    for bs, be, ps, pe in brands:
        if text[ps:pe] in park_names:
            # "白马湖软件园是…": the same name was read as a park elsewhere (after its zone, or in
            # the name of the company that runs it)
            scan.add(ps, pe, "Park", "park:suffix", 0.7, kind="subpark")
        else:
            # the park's span stays with the brand: the learned chooser may read the park after all
            scan.add(bs, be, "Company", "company:project-brand", 0.6, park=(ps, pe))


_COORD_PARK = re.compile(r"(?:、|和|与|及)([\u4e00-\u9fff]{2,6}?(?:产业园|软件园|科技园))(?=等|和|与|及|、|为|内|里|[^\u4e00-\u9fff])")


def _coordinated_parks(text: str, mentions: list[Mention], sent_starts, toks: Tokens) -> list[Mention]:
    """"建设X软件城、光子产业园等载体", "以A产业园和先进材料产业园为载体": a trade-named park
    joined to a sub-park is a sub-park too (alone it might be a company's project)."""
    out: list[Mention] = []
    taken = sorted((m.start, m.end) for m in mentions)
    for m in mentions:
        if m.cls != "Park" or m.attrs.get("kind") != "subpark" or m.anaphor:
            continue
        c = _COORD_PARK.match(text, m.end)
        if c is None:
            continue
        s, e = c.span(1)
        i = bisect.bisect_right(taken, (e, 10**9)) - 1
        if i >= 0 and taken[i][1] > s:
            continue                    # already a name
        if _has_function_token(toks, s, e):
            continue
        out.append(Mention(s, e, text[s:e], "Park", _sentence_of(sent_starts, s), "park:coordinated",
                           0.65, {"kind": "subpark"}))
    # the same name elsewhere in the document ("光子产业园已聚集了…")
    # (every name's occurrences found in one pass: one str.find scan per name is quadratic
    # on a list of thousands of parks)
    found: dict[str, list[int]] = {}
    for s, name in occurrences({m.text for m in out}, text):
        found.setdefault(name, []).append(s)
    out_starts = {x.start for x in out}
    for name in {m.text for m in out}:
        last = 0
        for s in sorted(found.get(name, ())):
            if s < last:
                continue                # like find_names: occurrences of one name do not overlap
            e = s + len(name)
            last = e
            i = bisect.bisect_right(taken, (e, 10**9)) - 1
            if (i >= 0 and taken[i][1] > s) or s in out_starts:
                continue
            if text[s - 1:s] and _RE_CJK1.match(text[s - 1]) and not re.match(r"[在的、和与及以]", text[s - 1]):
                continue                # a longer name ends with it
            out.append(Mention(s, e, name, "Park", _sentence_of(sent_starts, s), "repeat", 0.65,
                               {"kind": "subpark"}))
            out_starts.add(s)
    return sorted(out, key=lambda m: m.start)


@functools.lru_cache(maxsize=8)
def _park_list_close(lex) -> re.Pattern:
    # "等" and a short description up to the list's head noun, within the clause
    return re.compile(f"等[^，,。；;！？\\n]{{0,24}}?({alternation(lex['park_list_heads'])})")


_LIST_ITEM = re.compile(f"[{CJK}A-Za-z0-9·]{{3,16}}")


def park_list_items(text: str, pat: Patterns) -> list[tuple[int, int]]:
    """"…吸纳了清华信息港、同方信息港、兰光科技园、航天科创产业园等15个…园区": the items of a list
    that closes with "等" and a park's head noun, between two list marks, that end with a park's
    suffix — parks by the list's own word, a brand's name among them too. The list's first item
    (its left edge unmarked) is left to the other rules."""
    out = []
    for m in _park_list_close(pat.lex).finditer(text):
        end = m.start()
        # a base is one of the parks only where 等 closes on the head noun ("A、B基地等产业园区"),
        # not across a description ("A、中汽中心常州基地等一批填补园区空白的平台")
        endings = pat.park_suffix_tuple + ("基地",) if m.start(1) - m.start() <= 3 else pat.park_suffix_tuple
        while True:
            mark = text.rfind("、", max(0, end - 17), end)
            if mark < 0:
                break
            item = text[mark + 1:end]
            if not _LIST_ITEM.fullmatch(item):
                break
            suf = next((x for x in endings if item.endswith(x)), None)
            # a rank or a list names no park ("江西省十大最具投资价值工业园区"); a word that describes
            # the trade may ("新兴产业研服产业园")
            head = item[:-len(suf)] if suf else ""
            if suf is not None and not _generic(head, pat) and \
                    all(_DESCRIPTIVE.fullmatch(g.group(0)) for g in pat.park_generic.finditer(head)):
                out.append((mark + 1, end))
            end = mark
    return out


def listed_parks(scan: Scan, mentions: list[Mention]) -> list[Mention]:
    """The list items of :func:`park_list_items` no name covers yet, as sub-parks."""
    text = scan.text
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for s, e in park_list_items(text, scan.pat):
        if _covered(taken, s, e) or bisect.bisect_left(taken, (s, -1)) > 0 and \
                taken[bisect.bisect_left(taken, (s, -1)) - 1][1] > s:
            continue
        out.append(Mention(s, e, text[s:e], "Park", _sentence_of(scan.sent_starts, s), "park:listed",
                           0.7, {"kind": "zone" if text[s:e].endswith(scan.pat.zone_suffixes) else "subpark"}))
    return out
