"""Government agencies: the bodies a lexicon names (科技部 …), names that end in an agency
suffix (…局, …委员会, …人民政府), regions acting as bodies ("与常州市天宁区签订…"), and the body
that opens a policy title (《江苏省人民政府办公厅关于…》).
"""
from __future__ import annotations

import functools
import re

from kg.extract.candidates.edges import left_edge
from kg.extract.candidates.patterns import _RE_CJK1, CJK, HEAD_RANK, Patterns, _starts_with_place
from kg.extract.candidates.scan import Scan, _sentence_of
from kg.extract.names import alternation, lexicon_endings, longest_ending
from kg.model import Mention


_REGION_RUN = re.compile(f"((?:[{CJK}]{{2,8}}?(?:省|市|区|县|州))+)$")
_NOT_A_BODY = ("两国", "双方", "各国", "各级", "地方", "当地", "有关", "相关", "基层", "各地", "党和", "上级",
               "下级", "最佳", "个")
_REGION_ACTOR = re.compile(
    f"(?:与|被|同|和)((?:[{CJK}]{{2,6}}?(?:省|市|自治区|区|县|州))+)"
    f"(?=签订|签署|签约|达成|携手|联合|列入|认定|评为|授予|批准|命名)")
# a conjunction and a bare level word ("和区", "及市"): the district's / city's own body follows
_AND_LOCAL_BODY = re.compile("(?:和|与|及)[区市县省州](?![委政])")
# what may precede a bare level word that opens a body's name: a clause mark, a list mark, nothing
_BEFORE_BARE_LEVEL = ("", "，", "、", "。", "；", "：", " ", "\n", "“", "（")
# a region's assemblies: named by the bare level word they are the region's ("市人大常委会主任X")
_ASSEMBLIES = ("人大常委会", "常委会", "政协", "人大")
_ZONE_COMMITTEE = re.compile("(?:开发区|高新区|经开区)(?:(?:党)?委|管理委员会)$")
_BODY_ENDS = ("局", "厅", "委员会", "院", "署", "海关")
_FUNCTION_CHARS = frozenset("由将给把向对在于与和及从")
# the units of a police, fire or armed-police force: named by their place ("蕲春大队", "青剑湖消防
# 中队"); a kind alone ("交警大队", "刑侦支队") names none
_SQUADS = ("大队", "中队", "支队", "总队")
_BRACKETED_END = re.compile(f"（[{CJK}]{{2,6}}）$")
# the endings of a government's department named right after the government ("…政府|卫生署")
_DEPARTMENT_ENDS = ("局", "署", "厅", "委员会", "办公室")
# a company's department: its legal form, then a department word of two to six characters
_COMPANY_DEPT = re.compile(f"(?:集团|公司)[{CJK}]{{2,6}}$")
# the head's title right after a body ("…局局长", "…办副主任")
_HEAD_TITLE = re.compile("(?:常务)?副?(?:局长|厅长|主任|书记)")
_STAFF_BODIES = ("党委", "纪委", "工会", "团委")
# a Party committee's member listed before a bare department of it ("市委原常委、统战部部长")
_PARTY_DEPT_AFTER = re.compile("委(?:原)?(?:常委|委员|副书记|书记)、$")
_PARK_BODY_END = re.compile("(?:管委会|管理委员会|党工委|工委)$")
# the endings of an association, a society or a foundation (whose committees are no agencies)
_ASSOCIATION = re.compile("(?:协会|学会|联合会|研究会|商会|促进会|基金会|联盟)(?![科妇侨])")


def find_named_agencies(scan: Scan) -> None:
    """The agencies the lexicon names (``agency_names.txt``), with the place before them."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in pat.agency_name.finditer(text):
        if text[m.end() - 1:m.end() + 1] == "部门":
            continue                    # "两地科技部门", "属地生态环境部门": a field's departments, no ministry
        start, _ = left_edge(text, toks, pat, m.start(), 10)
        if start < m.start() and not text[start:m.start()].endswith(("省", "市", "区", "县", "州")):
            start = m.start()
        add(start, m.end(), "Agency", "agency:name", 0.95)


def find_agencies_by_suffix(scan: Scan) -> None:
    """Agency suffixes read back to the start of their name: a ministry word before a one-
    character suffix ("科技局"), a place before any."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    ministry = lexicon_endings(pat.lex, "ministry_words")
    for m in pat.agency_suffix.finditer(text):
        s, e = m.start(), m.end()
        if _RE_CJK1.match(text[e:e + 1] or "x") and text[e:e + 2] not in ("办公",) and \
                len(m.group(0)) == 1 and text[e] not in "、和与及":
            # single-character endings inside a longer word ("局部", "部门") are not names
            if text[e] in "门分署长属":
                continue
        start, proper = left_edge(text, toks, pat, s, 20, through_parks=True)
        suffix = m.group(0)
        if len(suffix) == 1 or suffix == "委员会":
            # "国家|发展和改革|委员会" as well as "成都市|经济和信息化局"
            g = pat.ministry_end.search(text, max(0, s - 12), s)
            mw = g.group(0) if g is not None else None
            if mw is not None and s - len(mw) < start:
                # "成都市|经济和信息化局": the ministry word holds a conjunction the walk stops at
                start = s - len(mw)
                st2, _ = left_edge(text, toks, pat, start, 12)
                if st2 < start and text[st2:start].endswith(("省", "市", "区", "县", "州", "国家")):
                    start, proper = st2, True
        start = _after_credit(text, start, s)
        start = _place_after_lead(text, toks, pat, start, s)
        start = _town_split(text, toks, pat, start, s)
        national = _NATIONAL.fullmatch(text, start, s) is not None and suffix in _NATIONAL_ENDS
        proper = proper or national     # "国家|标准化管理|委员会", "国家|减灾|委": a national body
        host = _host_before(scan, start, s, suffix)
        if host is not None:
            add(host[0], e, "Agency", host[1], host[2])
            continue
        if text[start:s] in pat.park_suffix_tuple or text[start:s] in pat.zone_suffixes:
            start = _zone_named_before(text, toks, pat, start)
        start = _out_of_park(scan, start, s)
        start = _out_of_body(scan, start, s)
        prefix = text[start:s]
        if len(prefix) < 2:
            if len(suffix) >= 3 and suffix not in _ASSEMBLIES and s >= 1 and text[s - 1] in "省市区县" and text[s - 2:s - 1] in _BEFORE_BARE_LEVEL:
                add(s - 1, e, "Agency", "agency:bare-level", 0.75)   # "，市贸促会会长X"
            continue
        if suffix in ("办公室", "办") and (_PARK_BODY_END.search(prefix) or pat.institution.search(prefix)):
            # "X高新区管委会办公室", "X培训中心创业教育办公室": the park's or institution's own
            # office stands for it
            continue
        if _AND_LOCAL_BODY.search(prefix):
            continue                    # "副主任X和区经济发展局负责人": a conjunction, then "the district's" bureau
        if len(suffix) == 1:
            mw = longest_ending(prefix, ministry)
            if mw is None and proper and suffix in _FIELD_ENDS and _placed_field(scan, start, s, e):
                mw = prefix                 # "广西|地矿局", "北京市|重大项目|办": a place's office of a field
            if mw is None:
                if national and not _in_common_word(toks, s, e, start):
                    add(start, e, "Agency", "agency:suffix", 0.85)
                continue
            if len(prefix) > len(mw) and not proper:
                start = s - len(mw)         # "企业入选|科技部": only the body itself
                k = toks.index_at(start - 1) if start > 0 else -1
                if k >= 0 and toks.ends[k] == start and 2 <= len(toks.words[k]) <= 4 and \
                        toks.words[k][-1] in "省市区县州盟旗" and toks.words[k] not in pat.stops:
                    start = toks.starts[k]  # "师市|科技局": a local government's bureau
        elif not proper and not _has_place(prefix, pat.places):
            continue
        if text[start:start + 1] in _FUNCTION_CHARS and text[start + 1:start + 2] in "省市区县":
            start += 1                  # "由|省自然资源厅": the tokenizer's "由省" is no part of the name
        if start >= 1 and text[start - 1] in "省市区县" and text[start - 2:start - 1] in _BEFORE_BARE_LEVEL \
                and not _has_place(text[start:s], pat.places, pat.common_places) and not text[start:e].endswith(_ASSEMBLIES):
            start -= 1                  # "、省商务厅厅长": the province's bureau, named by the bare level word
        start = _field_body_start(scan, start, s, e, suffix, national)
        if start is None:
            continue
        body = prefix[:-1] if prefix.endswith("原") else prefix
        if suffix == "党委" and len(body) >= 4 and _has_place(body, pat.places) and \
                (body != prefix or pat.agency_suffix.search(body[-4:]) and body.endswith(_BODY_ENDS)):
            # "新疆生产建设兵团原党委常委X", "青岛市公安局开发区分局党委委员X": a post in the body
            # the committee leads
            add(start, start + len(body), "Agency", "agency:body-committee", 0.8)
            continue
        _add_suffix_body(scan, start, s, e, suffix, prefix)


# the tags of a field's words between a body's place and its one-character ending: nouns only;
# the endings so read (not 委: "市委|常委", not 厅: "城市会客厅")
_FIELD_POS = frozenset(("n", "vn", "j", "nz", "an"))
_FIELD_ENDS = ("局", "办", "部", "署")
_LEVELS = ("省", "市", "区", "县", "州", "盟", "旗")


def _placed_field(scan: Scan, start: int, s: int, e: int) -> bool:
    """``text[start:s]`` is a place, then a field of two to four characters in nouns the
    ministry words do not hold ("广西|地矿", "北京市|重大项目", "龙华区|群团|工作"), and the one-
    character ending at ``s`` ends no common word."""
    text, toks, places = scan.text, scan.toks, scan.pat.places
    k = toks.index_at(start)
    w = toks.words[k] if k >= 0 else ""
    if k < 0 or toks.starts[k] != start or not (w in places and w not in scan.pat.common_places or
                                                toks.pos[k] == "ns" and len(w) >= 3 and w.endswith(_LEVELS)):
        return False                # (a place, not a word the tagger took for one: "城市|俱乐部")
    a = toks.ends[k]
    if not 2 <= s - a <= 4 or not re.fullmatch(f"[{CJK}]+", text[a:s]) or _in_common_word(toks, s, e, a) or \
            toks.ends[toks.index_at(s)] != e:
        return False                # (the ending opens a word: "…局地阵风", "警方办案", "中心办理")
    k += 1
    while k < len(toks.starts) and toks.starts[k] < s:
        w = toks.words[k]
        if toks.pos[k] not in _FIELD_POS or w in scan.pat.stops or toks.ends[k] > e:
            return False
        k += 1
    return True


def _host_before(scan: Scan, start: int, s: int, suffix: str) -> tuple[int, str, float] | None:
    """The body whose name opens this one's (start, rule, confidence): the body that keeps it
    elsewhere ("…驻…"), the government it is a department of ("…政府|卫生署"); None if none."""
    host = _stationed_by(scan, start, s)
    if host is not None:
        return host, "agency:stationed", 0.85
    gov = _government_before(scan, start, s) if suffix in _DEPARTMENT_ENDS else None
    return None if gov is None else (gov, "agency:government-department", 0.8)


def _government_before(scan: Scan, start: int, s: int) -> int | None:
    """Where a government starts whose department follows it without a mark ("澳门特别行政区政府|
    药物监督管理局", "香港特区政府|卫生署"): an agency the scan found ending in 政府 right before
    the department's own words (two to ten characters)."""
    hosts = [m for m in scan.found.items if m.cls == "Agency" and start - 2 <= m.end <= s - 2 and
             m.start <= start and m.text.endswith("政府") and m.end - m.start >= 4]
    if not hosts or not re.fullmatch(f"[{CJK}]{{2,10}}", scan.text[hosts[0].end:s]):
        return None
    return min(m.start for m in hosts)


def _out_of_park(scan: Scan, start: int, s: int) -> int:
    """A body's name does not start inside a park's ("四川天府|新区新经济局"): the start of the park
    the walk cut into, when the park ends before the body's ending."""
    inside = [p.start for p in scan.found.items if p.cls == "Park" and p.start < start < p.end <= s
              and p.end - p.start <= 10 and re.fullmatch(f"[{CJK}]+", p.text)]
    return min(inside) if inside else start


def _out_of_body(scan: Scan, start: int, s: int) -> int:
    """A body's name does not start inside another body's the walk cut for length ("新疆维吾尔自治区|
    乌鲁木齐市公安局|高新区(新市区)分局"): the start of the agency found there, when it ends before
    this one's ending (its unit)."""
    inside = [m.start for m in scan.found.items if m.cls == "Agency" and m.start < start < m.end <= s]
    return min(inside) if inside else start


def _field_body_start(scan: Scan, start: int, s: int, e: int, suffix: str, national: bool) -> int | None:
    """Where a body starts whose name is a field word alone before its ending (``text[start:s]``
    a ministry word): the field joined to another ("生态环境|和|城市管理局"), the zone before it
    ("湛江高新区|投资促进局"); None when it stays a kind of bureau ("向教育局反映"; but
    "市场监管局局长X": the post names the body the text means) or a squad is only its kind
    ("交警大队", "刑侦支队") or its head's title ("大队长")."""
    text, pat = scan.text, scan.pat
    ministry = pat.lex.set("ministry_words")
    if len(suffix) == 1 and text[start:s] in ministry:
        start = _joined_field(text, scan.toks, pat, start)
        start = _park_before(scan, start)
        if suffix != "部" and not national and text[start:s] in ministry and not _HEAD_TITLE.match(text, e):
            return None
    if suffix in _SQUADS and (text[e:e + 1] == "长" or s - start <= 2 and not _has_place(text[start:s], pat.places)):
        return None
    return start


def _park_before(scan: Scan, start: int) -> int:
    """The start of a zone the scan found right before ``start`` (``start`` if none), its other
    name in brackets after it ("高新区（新市区）|文化体育和旅游局")."""
    b = _BRACKETED_END.search(scan.text, max(0, start - 10), start)
    ends = (start, b.start()) if b is not None else (start,)
    parks = [p.start for p in scan.found.items if p.cls == "Park" and p.end in ends and p.end - p.start >= 3]
    return min(parks) if parks else start


def _joined_field(text: str, toks, pat: Patterns, start: int) -> int:
    """Where a body's name starts that joins two fields with a conjunction ("成都高新区|生态环境
    |和|城市管理局"): a ministry word right before the conjunction, and the place before it."""
    if text[start - 1:start] not in ("和", "与", "及") or start < 3:
        return start
    g = pat.ministry_end.search(text, max(0, start - 11), start - 1)
    if g is None:
        return start
    st, pr = left_edge(text, toks, pat, g.start(), 16, through_parks=True)
    return st if pr and st < g.start() else start


def _add_suffix_body(scan: Scan, start: int, s: int, e: int, suffix: str, prefix: str) -> None:
    """The last judgements on a body read back from its suffix (``text[start:e]``, the suffix at
    ``s``), then the body added: no department of a committee named before, no company's Party
    body, no zone's own committee, no generic or compound word; an association's committee is an
    institution, a Party committee takes its department, a squad is named for its bureau."""
    text, pat, add = scan.text, scan.pat, scan.add
    if _PARTY_DEPT_AFTER.search(text, max(0, start - 8), start) and not _has_place(text[start:s], pat.places):
        return                  # "市委常委、统战部部长": the committee's department, no body of its own
    if suffix in _STAFF_BODIES and re.sub("原$", "", prefix).endswith(pat.company_form_tuple):
        return                  # "临港集团党委": a company's Party or staff body is no agency
    if len(suffix) == 1 and _COMPANY_DEPT.search(prefix) and \
            any(f in prefix[-8:-2] for f in pat.company_form_tuple if len(f) >= 2):
        return                  # "济宁能源发展集团|组织人事部": a company's department
    if _ZONE_COMMITTEE.search(text, start, e):
        return                  # "大亚湾经济技术开发区委常委X": the zone's own committee stands for the zone
    if prefix.endswith(_NOT_A_BODY) or _compound_after(pat, text, e):
        return                  # "中以两国政府", "各级政府", "“车谷”政府|采购"
    if suffix.endswith("委员会") and _ASSOCIATION.search(prefix):
        # "上海市金融学会|跨境金融服务专业委员会": an association's committee is part of it
        add(start, e, "Institution", "institution:committee", 0.8)
        return
    if suffix.endswith("委"):
        e += _department_after(text, pat, e)     # "吉林省委|统战部": the committee's department
    if suffix in ("大队", "中队") and text[max(0, start - 4):start].endswith(("公安局", "分局")):
        return                  # "…新洲区分局|内保大队": a squad of the bureau just named
    bureau = _BUREAU_OF_SQUAD.search(text, start, e) if suffix in ("大队", "中队") else None
    if bureau is not None and bureau.start() - start >= 2:
        e = bureau.end()            # "…公安分局|禁毒大队": the squad is named for its bureau
    if suffix in _STATIONS:
        start = _bureau_of_station(scan, start)
    add(start, e, "Agency", "agency:suffix", 0.85)


# a police station is named with the bureau it belongs to, written right before it ("万盛公安分局|
# 黑山派出所", "…公安局沙市区分局|岑河派出所"): one name, as the squads of a bureau
_STATIONS = ("派出所",)
POLICE_BUREAU_ENDS = ("公安局", "公安分局", "分局")


def _bureau_of_station(scan: Scan, start: int) -> int:
    """The start of the police bureau the scan found ending right at ``start`` (else ``start``)."""
    heads = [m.start for m in scan.found.items if m.cls == "Agency" and m.end == start and
             m.text.endswith(POLICE_BUREAU_ENDS) and m.end - m.start >= 4]
    return min(heads) if heads else start


def _compound_after(pat: Patterns, text: str, e: int) -> bool:
    """The body word ending at ``e`` opens a compound ("政府|采购", "政府|间", ``agency_compounds``)."""
    return pat.agency_compound.match(text, e) is not None


def _department_after(text: str, pat: Patterns, e: int) -> int:
    """How long the Party department named right after a committee is ("吉林省委|统战部"; 0 if none)."""
    m = pat.party_department.match(text, e)
    return len(m.group(0)) if m is not None else 0


# a zone's own organs: they stand for the zone (a Park), not a body of their own
_ZONE_ORGANS = ("管委会", "管理委员会", "党工委", "工委", "管委", "党委", "政府", "人民政府", "委")
# what opens no department word after a zone: verbs, function words, numbers, pronouns
_NO_DEPT_POS = frozenset("v p c u d r m q x t f".split())


def find_park_departments(scan: Scan) -> None:
    """A zone's department named after the zone ("成都高新区|公园城市局", "菏泽开发区|交警大队",
    "三门峡经济开发区|税务局"): the department word before an agency suffix is no ministry word
    the suffix walk knows and the walk stops at the zone, so the body is read from the Park the
    scan found right before it."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    parks = {}
    for p in scan.found.items:
        if p.cls == "Park" and p.end - p.start >= 3:
            parks[p.end] = min(parks.get(p.end, p.start), p.start)
    for end, start in parks.items():
        m = pat.agency_suffix.search(text, end, end + 10)
        if m is None or not _department_gap(text, toks, pat, end, m.start()):
            continue
        e, k = m.end(), toks.index_at(m.end() - 1)
        if text[end:e] in _ZONE_ORGANS or toks.ends[k] != e:
            continue                    # "高新区管委会", "高新区党委会"
        if len(m.group(0)) == 1 and _in_common_word(toks, m.start(), e, end):
            continue                    # "…园区专班|干部", "自贸区|格局": a common word ends in the suffix
        add(start, e, "Agency", "agency:park-department", 0.8)


def _in_common_word(toks, s: int, e: int, start: int) -> bool:
    """The one-character suffix at ``s`` ends a two-character word or a word that begins before
    the name (``start``): "布局", "干部", "格局" are no bodies."""
    k = toks.index_at(s)
    return toks.starts[k] != s and (toks.starts[k] < start or e - toks.starts[k] < 3)


def _department_gap(text: str, toks, pat: Patterns, a: int, b: int) -> bool:
    """``text[a:b]`` (between a zone and an agency suffix) can be a department word: at most six
    characters of words that open no clause (no verb first, no function word, no stop word)."""
    if b - a > 6 or not re.fullmatch(f"[{CJK}]*", text[a:b]):
        return False
    k = toks.index_at(a)
    first = True
    while 0 <= k < len(toks.starts) and toks.starts[k] < b:
        w, t = toks.words[k], toks.pos[k]
        if toks.starts[k] < a or w in pat.stops or t in _NO_DEPT_POS and (first or t != "v"):
            return False
        first = False
        k += 1
    return True


# a police bureau with one of its squads after it ("…公安分局禁毒大队", "…分局刑侦大队"; the squad's
# own word short, or a second squad joined to it: "…禁毒大队协同巡逻大队")
_BUREAU_OF_SQUAD = re.compile(f"(?:公安分局|公安局|分局)(?=[{CJK}]{{2,4}}(?:大队|中队)$|[{CJK}]{{2,4}}(?:大队|中队)[{CJK}]+$)")
# a national body named without a place: 国家 and its field (not "国家级", "国家高新区")
_NATIONAL = re.compile(f"国家(?!级)[{CJK}]{{2,7}}")
_NATIONAL_ENDS = ("委员会", "局", "委", "署", "总局")
_STATIONED = re.compile("(?:派驻|驻)$")
_ORDINAL_END = re.compile("第[〇一二三四五六七八九十百0-9]{1,4}$")


def _stationed_by(scan: Scan, start: int, s: int) -> int | None:
    """Where the body that keeps this one elsewhere starts ("缅甸|驻|昆明总领事馆",
    "中央人民政府|驻|澳门特别行政区联络办公室", "…纪委监委|派驻|第九纪检监察组"): an agency found
    right before "驻", else a place there; None when no "驻" precedes the name."""
    text = scan.text
    j = start
    if s - start < 2:
        o = _ORDINAL_END.search(text, max(0, s - 6), s)
        j = o.start() if o is not None else start
    d = _STATIONED.search(text, max(0, j - 2), j)
    if d is None:
        return None
    k = d.start()
    hosts = [m.start for m in scan.found.items if m.cls == "Agency" and m.end == k]
    if hosts:
        return min(hosts)
    h, proper = left_edge(text, scan.toks, scan.pat, k, 8)
    return h if proper and k - h >= 2 else None


#: the levels of a local body named after its place ("唯亭|街道|党工委")
LOCAL_LEVELS = ("街道", "镇", "乡")


@functools.lru_cache(maxsize=4)
def _local_organ_re(lex) -> re.Pattern:
    organs = (*lex["local_leading_organs"], *lex["local_organs"])
    return re.compile(f"(?<=[{CJK}])({alternation(LOCAL_LEVELS)})({alternation(organs)})")


def find_local_organs(scan: Scan) -> None:
    """The organs of a street, town or township named after it ("、唯亭街道党工委、唯亭街道团工委",
    ``local_leading_organs``, ``local_organs``): the street's own name is read back from its level word (two to five
    characters; a zone before it is no part of the name, as news writes it either way)."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in _local_organ_re(pat.lex).finditer(text):
        level = m.start(1)
        start, _ = left_edge(text, toks, pat, level, 8)
        start = _town_split(text, toks, pat, start, m.end(1)) if m.group(1) != "街道" else start
        if not 2 <= level - start <= 5 or not re.fullmatch(f"[{CJK}]+", text[start:level]) or \
                text[start:level] in pat.stops or text[start:level].endswith(_NOT_A_BODY):
            continue
        add(start, m.end(), "Agency", "agency:local-organ", 0.8)


def find_region_actors(scan: Scan) -> None:
    """Regions acting: "与常州市天宁区签订…", "被浙江省列入…"."""
    text, pat, add = scan.text, scan.pat, scan.add
    for m in _REGION_ACTOR.finditer(text):
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if not _starts_with_place(name, pat.places) or name.endswith(pat.park_suffix_tuple):
            continue
        add(s, e, "Agency", "agency:region-actor", 0.7)


def find_region_agencies(scan: Scan) -> None:
    """A region before an official's title or an issuing verb ("…市委书记", "…省印发") is its
    government, read from its end."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    last_end = 0
    for a in pat.place_agency.finditer(text):
        m = _REGION_RUN.search(text, max(last_end, a.end() - 40), a.end())
        if m is None:
            continue
        last_end = m.end()
        s, e = m.start(1), m.end(1)
        start, _ = left_edge(text, toks, pat, e, 12)
        start = max(start, s) if start < s else start
        if not _starts_with_place(text[start:e], pat.places):
            start = _place_in_run(text, toks, pat, start, e)
        pieces = re.findall(f"[{CJK}]{{2,8}}?(?:省|市|区|县|州)", text[start:e])
        if len(pieces) > 1 and not _starts_with_place(pieces[-1], pat.places):
            continue                    # "龙口市召开全市|领导干部": a run that ends in no region
        if e - start < 3 or not _starts_with_place(text[start:e], pat.places):
            continue
        add(start, e, "Agency", "agency:region", 0.75)


def _zone_named_before(text: str, toks, pat: Patterns, start: int) -> int:
    """"青岛|西海岸|新区人大常委会": a bare zone word opens the body's name; the place and the one
    word before it that the walk stopped at name the zone (``start`` if no place opens them)."""
    k = toks.index_at(start - 1) if start > 0 else -1
    for j in (k - 1, k):
        if j < 0 or toks.ends[k] != start:
            continue
        s = toks.starts[j]
        words = text[s:start]
        if re.fullmatch(f"[{CJK}]{{2,8}}", words) and _starts_with_place(words, pat.places) and \
                not any(w in pat.stops for w in toks.words[j:k + 1]):
            return s
    return start


# what the walk takes before a body's place that is no part of the name: a person's name run into
# it ("华静任|南京市下关区委", "干戈|长春市…人民法院"), a locative, a dateline's abbreviation, a verb
_LEAD_POS = ("nr", "nrfg", "nrt", "f", "j", "v", "d", "p")
_NATIONAL_HEADS = ("中共", "中国", "国家", "中央", "全国", "中华")


def _place_after_lead(text: str, toks, pat: Patterns, start: int, s: int) -> int:
    """The start of the place that opens a body's name when one or two tokens that are no place
    precede it inside the walked span ("本案中|海州区农业农村局")."""
    if s - start < 4 or text.startswith(_NATIONAL_HEADS, start) or _starts_with_place(text[start:s], pat.places):
        return start
    k = toks.index_at(start)
    for j in (k, k + 1):
        if j >= len(toks.starts) or toks.starts[j] < start or toks.pos[j] not in _LEAD_POS:
            return start
        b = toks.ends[j]
        if b < s - 1 and _starts_with_place(text[b:s], pat.places):
            return b
    return start


_TOWN = re.compile(f"[{CJK}]{{1,2}}?(?:镇|乡)")
_NO_TOWN_POS = frozenset("p c u uj ul x m q r t".split())


def _town_split(text: str, toks, pat: Patterns, start: int, s: int) -> int:
    """Where a town's name starts that the tokenizer cut ("致电|黑|山镇人民政府", "青格|达|湖乡党委"):
    the short tokens before a name that opens with "…镇/…乡" (the town's own name at most four
    characters; a longer word, a verb of two characters or a function word ends it)."""
    t = _TOWN.match(text, start, s)
    if t is None or t.end() - start > 2:
        return start
    k = toks.index_at(start) - 1
    new = start
    while k >= 0 and t.end() - 1 - toks.starts[k] <= 4:
        w, pos = toks.words[k], toks.pos[k]
        if toks.ends[k] != new or not re.fullmatch(f"[{CJK}]+", w) or w in pat.stops or \
                pos in _NO_TOWN_POS or pos == "v" and len(w) > 1:
            break
        new = toks.starts[k]
        k -= 1
    return new


def _after_credit(text: str, start: int, s: int) -> int:
    """A name's start past a photo credit the cleaning ran into it ("李军广 摄|市委")."""
    i = text.rfind("摄", start, s)
    return i + 1 if i >= 0 and text[i + 1:i + 2] != "影" else start


def _place_in_run(text: str, toks, pat: Patterns, start: int, e: int) -> int:
    """Where a place opens the region a run of words ends with ("决定任命X为|青岛市副市长"):
    the first token start after ``start`` that a place name follows (``e`` if none)."""
    for k in range(toks.index_at(start), len(toks.starts)):
        s = toks.starts[k]
        if s >= e - 2:
            break
        if s > start and _starts_with_place(text[s:e], pat.places):
            return s
    return e


def _has_place(s: str, places, common=frozenset()) -> bool:
    """Some place name (2-8 characters) occurs in ``s`` (not one that is also a common word:
    "公安" of 公安县 in "省公安厅")."""
    n = len(s)
    return any(s[i:i + L] in places and s[i:i + L] not in common
               for i in range(n - 1) for L in range(2, min(9, n - i + 1)))


_TITLE_HEAD = re.compile(f"([{CJK}]{{2,24}}?(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|委|部|署|办))"
                         f"(?:、[{CJK}]{{2,24}}?)?(?=关于|印发|转发|联合印发)")


def _title_issuers(text: str, mentions: list[Mention], pat: Patterns, sent_starts) -> list[Mention]:
    """The body that opens a policy title (《国务院关于…》, 《江苏省人民政府办公厅关于…》) is an
    agency mention inside the title: it names the issuer."""
    out = []
    for m in mentions:
        if m.cls != "Policy" or m.attrs.get("kind") != "document":
            continue
        a = pat.agency_name.match(text, m.start, m.end)
        if a is not None and text.startswith(("关于", "印发", "转发", "、", "办公厅"), a.end()):
            e = a.end()
        else:
            h = _TITLE_HEAD.match(text, m.start, m.end)
            # "《中共某区委关于…》": the Party's body of a place
            if h is None or not _starts_with_place(h.group(1).removeprefix("中共"), pat.places) or \
                    h.group(1).endswith(pat.park_suffix_tuple):
                continue
            e = m.start + len(h.group(1))
        out.append(Mention(m.start, e, text[m.start:e], "Agency", _sentence_of(sent_starts, m.start),
                           "agency:title-head", 0.8, {}))
    return out


# a Party committee's title chain that goes on to the same level's government post:
# "固始县委书记、县长", "西宁市委常委、副市长", "杨浦区委副书记、代区长"
GOV_POST_AFTER = re.compile(f"(?:[^，。；：、,;:]{{1,10}}、){{1,3}}?{HEAD_RANK}(?P<level>[省市区县州])长")
REGION_OF_COMMITTEE = "agency:committee-region"


@functools.lru_cache(maxsize=8)
def _bare_gov_re(level: str) -> re.Pattern:
    return re.compile(f"(?<![{CJK}])(?:{level}政府)?(?:常务)?(?:副|代)?{level}长(?=[{CJK}])"
                      f"|(?<![{CJK}]){level}(?:人大常委会|政协)")


def _bare_gov_post(text: str, level: str) -> bool:
    """The text names a post in the government of "the city" by the bare level word ("市长X",
    "、市长X", "市政协主席X"): the region of the city's Party committee is the one meant."""
    return _bare_gov_re(level).search(text) is not None


def committee_regions(text: str, mentions: list[Mention], pat: Patterns, sent_starts) -> list[Mention]:
    """The region that opens a Party committee's name ("西宁市|委") when the title chain after it
    holds the region's government post too: the post is in the region's government."""
    kept = {(m.start, m.end) for m in mentions}
    committees = [m for m in mentions if m.cls == "Agency" and re.search("[省市区县州]委$", m.text)]
    places: dict[str, set[str]] = {}
    for m in committees:
        places.setdefault(m.text[-2], set()).add(m.text[2:-1] if m.text.startswith("中共") else m.text[:-1])
    out = []
    for m in committees:
        s = m.start + 2 if m.text.startswith("中共") else m.start
        g = GOV_POST_AFTER.match(text, m.end)
        level = m.text[-2]
        if (s, m.end - 1) in kept or m.end - 1 - s < 2 or \
                (g is None or g.group("level") != level) and \
                (len(places[level]) > 1 or not _bare_gov_post(text, level)):
            continue
        out.append(Mention(s, m.end - 1, text[s:m.end - 1], "Agency", _sentence_of(sent_starts, s),
                           REGION_OF_COMMITTEE, 0.75, {}))
    return out
