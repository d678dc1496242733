"""Research institutions and platforms: names that end in an institution suffix (…研究院,
…大学, …中心), the institutions a lexicon names, and units named after their parent
("…指导中心|江苏分中心" is one institution).

Categories of platform ("院士工作站", "省级企业技术中心"), a company's own unit ("X有限公司成都研发
中心") and what a park means to become ("建设为…创新中心") are no institutions.
"""
from __future__ import annotations

import functools
import re

from kg.extract.candidates.edges import left_edge
from kg.extract.candidates.patterns import Patterns, _generic, _starts_with_place
from kg.extract.candidates.scan import Scan, _sentence_of
from kg.extract.names import lexicon_endings, longest_ending
from kg.extract.tokens import Tokens
from kg.model import Mention


_COMPANY_UNIT = re.compile("(?:有限公司|股份公司|集团)(?=[^，。；、！？]{0,8}$)")
_PAREN = re.compile(r"[（(][^（）()]{1,8}[）)]")
_PARENT_ENDS = ("科学院", "工程院", "研究院", "大学", "学院")
# what heads a kind of platform rather than one: a level, a count ("十大创新中心", "3家重点实验室")
_LEVEL = re.compile(r"^(?:国家级|国家|省级|省|市级|市|区级|县级|部级|重点|以上|各类|一批|有关|相关|某|"
                    r"[一二两三四五六七八九十百千\d]+(?:大|个|家|所|批|类))+")
_GOAL = re.compile(r"(?:建设|打造)(?:成为|为|成)|建成为|成为|定位为|目标是")


def find_institutions(scan: Scan) -> None:
    """Institution suffixes read back to the start of their name."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    inst_generic = pat.lex.set("institution_generic")
    founding = tuple(pat.lex["founding_verbs"])
    bodies = lexicon_endings(pat.lex, "agency_suffixes")
    for m in pat.institution.finditer(text):
        s, e = m.start(), m.end()
        if len(longest_ending(text[max(0, e - 12):e], bodies) or "") > e - s:
            continue                    # "…文学艺术界联合会", "…科学技术协会": a people's organisation is an agency
        if m.group(0) in ("大学", "学院", "中学", "小学") and text[e:e + 1] in ("城", "生"):
            continue                    # "福州大学城" (a park), "昆台大学生": the suffix opens a longer word
        start, proper = left_edge(text, toks, pat, s, 30, through_parks=True,
                                  lead_word=m.group(0) in ("大学", "学院"))
        if _PAREN.sub("", m.group(0)) in _PROVINCIAL_LABS and text[s - 1:s] == "省" and proper:
            start = _provincial_lab_field(text, toks, pat, start, s)
        if not proper:
            start, proper = _after_parent(text, toks, start)
        elif m.group(0) in _RESEARCH_ENDS:
            start = _ministry_start(text, pat, start)
        if text[start - 2:start] == "全国" and toks.starts[toks.index_at(start - 2)] == start - 2:
            start -= 2                  # "由|全国|新区开发区…理事会": a nation-wide body opens on 全国
        if m.group(0) == "理事会" and text[start:s].endswith(("届", "）", ")")):
            continue                    # "…大学（暂名）第一届理事会": a body's own council
        known = _known_name_start(toks, start, s, e)
        whole = known < start           # "同济大学": the tokenizer's name, whatever opens it
        if whole:
            start, proper = known, True
        prefix = text[start:s]
        if not whole and _generic(prefix, pat) or prefix.endswith(("相关", "有关", "某", "各类", "省级", "市级")) or \
                prefix.endswith("企业") and not (proper and m.group(0) in _ASSOCIATIONS):
            continue                    # "企业技术中心", but "上海市企业联合会"
        if not proper and text[start - 1:start] in ("与", "和") and 2 <= s - start <= 8:
            # "苏州市营养|与|健康协会": a place-led field joined to the field the suffix ends
            s2, p2 = left_edge(text, toks, pat, start - 1, 12)
            if p2 and s2 < start - 2 and _starts_with_place(text[s2:start - 1], pat.places) and \
                    not pat.institution.search(text, s2, start - 1):
                start, proper = s2, True
        if not proper and text[start - 1:start] in ("与", "和", "及") and start > 1:
            # "建设|环境友好材料与职业健康研究院": a name with a conjunction after a founding verb
            s2, p2 = left_edge(text, toks, pat, start - 1, 14)
            if s2 < start - 1 and not p2 and text[max(0, s2 - 6):s2].endswith(founding) and \
                    not pat.institution.search(text, s2, start - 1):
                start = s2
        if text[start - 1:start] in ("与", "和") and start > 1:
            # "中国科学院|苏州纳米技术与纳米仿生研究所": one name when a parent body heads it
            s2, _ = left_edge(text, toks, pat, start - 1, 24, through_parks=True)
            if s2 < start - 2 and (pat.inst_names.match(text, s2) or
                                   text[max(0, s2 - 8):s2].endswith(_PARENT_ENDS)):
                start, proper = s2, True
        if _generic_institution(text[start:e], pat, inst_generic):
            continue                    # "市级以上工程技术研究中心", "院士工作站"
        cu = _COMPANY_UNIT.search(text, max(0, start - 30), s)
        if cu is not None:
            gap = _PAREN.sub("", text[cu.end():start] if cu.end() <= start else text[cu.end():s])
            if not gap or gap in pat.places:
                continue                    # "X有限公司成都研发中心", "X有限公司（天津）研发中心": a company's unit
        listed = text[start - 1:start] == "、" or text[e:e + 1] == "、" or \
            _paired(text, pat, start) and e - start >= 5
        # "榜单由清科研究中心…", "由交叉信息核心技术研究院孵化": a body named as the agent
        agent = text[start - 1:start] == "由" and e - start >= 6
        founded = text[max(0, start - 6):start].endswith(founding) and e - start >= 6
        national = text.startswith("国家", start) and not text.startswith("国家级", start) and \
            s - start >= 6             # "国家信息光电子创新中心": a named national platform
        if not proper and not listed and not founded and not national and not agent and \
                not (m.group(0) in _ASSOCIATIONS and _district_led(toks, start, s)):
            continue
        if m.group(0) in ("科技创新中心", "科创中心") and \
                re.sub("(?:国际|全球)$", "", text[start:s]) in pat.places:
            continue                    # "上海科技创新中心建设": what a city means to become, no body
        if _goal_clause(text, start):
            continue                    # "把园区建设为…、北疆科技创新中心": an aim, not a body
        add(start, e, "Institution", "institution:suffix", 0.85 if proper else 0.7)


_ASSOCIATIONS = ("协会", "联合会", "商会", "促进会", "研究会", "学会", "慈善会", "慈善总会")


# "人工智能与数字经济广东省实验室", "生物医药广东省实验室": a provincial lab named by its field,
# then the province that founds it
_PROVINCIAL_LABS = ("实验室", "重点实验室")


def _provincial_lab_field(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> int:
    """The start of the field before the province of a provincial lab (through one "与"/"和")."""
    k = toks.index_at(s - 1)
    ps = toks.starts[k]
    if k < 0 or not text[ps:s] in pat.places:
        return start
    s2, p2 = left_edge(text, toks, pat, ps, 16)
    if p2 or s2 >= ps:
        return start
    if text[s2 - 1:s2] in ("与", "和") and s2 > 1:
        s3, p3 = left_edge(text, toks, pat, s2 - 1, 12)
        if not p3 and s3 < s2 - 1:
            s2 = s3
    return min(start, s2)


# "中国科学院深圳先进技术研究院|碳中和技术研究所": a unit named by its field right after the
# institute or university it belongs to (the field alone is no proper name)
_PARENT_FIELD = re.compile(f"(?:研究院|科学院|大学)([\u4e00-\u9fff]{{1,8}})$")
_RESEARCH_ENDS = ("研究院", "研究所", "研究中心")


def _after_parent(text: str, toks: Tokens, start: int) -> tuple[int, bool]:
    """The start of a unit's field when its parent body's name ends right before it (a field of
    nouns: "东南大学|在新区设立了|…学院", "大学|与高新区共建的|…研究院" are clauses)."""
    m = _PARENT_FIELD.search(text, max(0, start - 12), start)
    if m is None or m.end() != start:
        return start, False
    k = toks.index_at(m.start(1))
    if k < 0 or toks.starts[k] != m.start(1):
        return start, False
    while k < len(toks.words) and toks.starts[k] < start:
        if toks.pos[k][:1] in ("v", "p", "u", "d", "r"):
            return start, False
        k += 1
    return m.start(1), True


def _ministry_start(text: str, pat: Patterns, start: int) -> int:
    """"工业和信息化部|赛迪研究院": an institute a ministry runs is named with the ministry."""
    if text[start - 1:start] != "部":
        return start
    g = pat.ministry_end.search(text, max(0, start - 11), start - 1)
    return g.start() if g is not None and _opens_clause(text, g.start()) else start


def _opens_clause(text: str, pos: int) -> bool:
    """A punctuation mark or the text's start comes right before ``pos``."""
    return pos == 0 or text[pos - 1] in "，。；、！？：“（\n 　"


def _paired(text: str, pat: Patterns, start: int) -> bool:
    """"区疾控中心|和|鱼化寨社区卫生服务中心", "农场医院|与|…第二人民医院": joined by a
    conjunction to another institution's name, as in a list."""
    if text[start - 1:start] not in ("和", "与", "及"):
        return False
    m = pat.institution.search(text, max(0, start - 9), start - 1)
    while m is not None and m.end() != start - 1:
        m = pat.institution.search(text, m.start() + 1, start - 1)
    return m is not None


def _district_led(toks: Tokens, start: int, s: int) -> bool:
    """The name opens on a district the tokenizer does not know, cut as "XX|区" ("光明|区|书法家|
    协会"): a district's association, named after it like any other body."""
    k = toks.index_at(start)
    return 0 <= k < len(toks.words) - 1 and toks.starts[k] == start and len(toks.words[k]) == 2 and \
        toks.words[k + 1] in ("区", "县", "旗") and toks.ends[k + 1] <= s


def _known_name_start(toks: Tokens, start: int, s: int, e: int) -> int:
    """The start of a name the tokenizer knows whole ("同济大学", "对外经济贸易大学": one token
    tagged as an organisation that ends with the suffix) when the walk started inside it (a stop
    character cut off: "同|济大学", "对|外经济贸易大学")."""
    k = toks.index_at(start)
    if 0 <= k and toks.starts[k] < start and toks.ends[k] == e and toks.pos[k] in ("nt", "nz"):
        return toks.starts[k]
    return start


# what a field of a world body's name never holds: a verb phrase's words ("国际港务区获评优秀组织")
_NOT_FIELD = re.compile("[获评为是的和与及在对把将]")


@functools.lru_cache(maxsize=8)     # per lexicon, not per document
def _world_body_re(lex) -> tuple[re.Pattern, tuple[str, ...]]:
    """A world-level head, a field and 组织; and the titles that may follow a body's name."""
    heads = "|".join(sorted(lex["institution_world_heads"], key=len, reverse=True))
    titles = tuple(lex.set("executive_titles") | lex.set("official_titles"))
    return re.compile(f"(?:{heads})+([\u4e00-\u9fff]{{2,8}}?)组织"), titles


def find_world_bodies(scan: Scan) -> None:
    """International organisations named by a world-level head, a field and 组织 ("世界自由区组织",
    "国际标准化组织（ISO）"), standing as a name: at a word's start, with a name's end after it."""
    text, toks, add = scan.text, scan.toks, scan.add
    body_re, titles = _world_body_re(scan.pat.lex)
    for m in body_re.finditer(text):
        s, e = m.start(), m.end()
        if _NOT_FIELD.search(m.group(1)) or toks.index_at(s) < 0 or toks.starts[toks.index_at(s)] != s:
            continue
        after = text[e:e + 1]
        if "\u4e00" <= after <= "\u9fff" and after != "的" and not text.startswith(titles, e):
            continue                    # "…组织开展": the verb "to organise", not a body
        add(s, e, "Institution", "institution:world", 0.8)


def find_named_institutions(scan: Scan) -> None:
    """The institutions the lexicon names (``institution_names.txt``)."""
    text, pat, add = scan.text, scan.pat, scan.add
    for m in pat.inst_names.finditer(text):
        add(m.start(), m.end(), "Institution", "institution:name", 0.9)


# "国家超级计算深圳中心", "国家技术转移东部中心": a national centre named by its field, then the
# city or region that hosts it, then "中心"
_REGION_PARTS = ("东部", "西部", "南部", "北部", "中部", "东北", "西北", "西南", "东南", "华东", "华南",
                 "华北", "华中")


def find_placed_national_centres(scan: Scan) -> None:
    """National centres with their host place between field and "中心"."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for c in re.finditer("中心", text):
        k = toks.index_at(c.start())
        if k < 2 or toks.starts[k] != c.start() or toks.ends[k] != c.end() or \
                text[c.end():c.end() + 1] in ("城", "区", "地", "位", "商", "线", "组"):
            continue                    # "上海中心城区", "深圳中心区": the city's centre, not a body
        place, tag = toks.words[k - 1], toks.pos[k - 1]
        if not (place in _REGION_PARTS or tag == "ns" and 2 <= len(place) <= 3):
            continue
        head = text.rfind("国家", max(0, c.start() - 14), toks.starts[k - 1])
        field = text[head + 2:toks.starts[k - 1]] if head >= 0 else ""
        if not 2 <= len(field) <= 10 or not re.fullmatch(r"[\u4e00-\u9fff]+", field) or \
                any(toks.words[i] in pat.stops or toks.pos[i] in ("p", "c", "r", "d")
                    for i in range(toks.index_at(head + 2), k - 1)):
            continue                    # "国家支持深圳中心…": a clause, not a field
        add(head, c.end(), "Institution", "institution:national-placed", 0.8)


def _generic_institution(name: str, pat: Patterns, generic: frozenset) -> bool:
    """A category of platform ("院士工作站", "省级企业技术中心") rather than a named body."""
    return _LEVEL.sub("", name) in generic or name in generic


def _goal_clause(text: str, start: int) -> bool:
    """The mention sits in a clause that states an aim ("把A建设为B、C") after the aim verb."""
    lo = max(0, start - 60)
    cs = max(max(text.rfind(c, lo, start) for c in "，。；！？\n"), lo - 1)
    return _GOAL.search(text, cs + 1, start) is not None


_CAMPUS = re.compile(r"[\u4e00-\u9fff]{1,4}校区")
# schools name their campuses as universities do ("…实验小学|夏园校区", "…小学|南校区")
_CAMPUS_OWNERS = _PARENT_ENDS + ("中学", "小学")
_NUMBERED_INSTITUTE = re.compile(r"第[〇零一二三四五六七八九十百\d]{1,5}研究(?:所|院)")


def _chain_institutions(text: str, ms: list[Mention], pat: Patterns, toks: Tokens,
                        sent_starts) -> list[Mention]:
    """Units named after their parent run on from it: "…指导中心|江苏分中心|中以常州创新园|工作站",
    "中国科学院科技战略咨询研究院|中国高新区研究中心" are one institution each."""
    chain = tuple(sorted(pat.lex["institution_chain"], key=len, reverse=True))
    out: list[Mention] = []
    for m in ms:
        if m.cls == "Company":
            # "X集团有限公司第七二五研究所": a numbered institute of the group, not the group itself
            num = _NUMBERED_INSTITUTE.match(text, m.end)
            if num:
                m = Mention(m.start, num.end(), text[m.start:num.end()], "Institution", m.sentence,
                            "institution:numbered", 0.8, {})
        if m.cls == "Park":
            suf = next((c for c in chain if text.startswith(c, m.end)), None)
            if suf:
                m = Mention(m.start, m.end + len(suf), text[m.start:m.end + len(suf)], "Institution",
                            m.sentence, "institution:chain", 0.75, {})
        campus = _CAMPUS.match(text, m.end) if m.cls == "Institution" and m.text.endswith(_CAMPUS_OWNERS) else None
        if campus is not None:
            # "中山大学|深圳校区": a university's campus in another city is named with it
            m = Mention(m.start, campus.end(), text[m.start:campus.end()], "Institution", m.sentence,
                        "institution:chain", 0.75, {})
        if m.cls == "Institution" and m.text.endswith(("分中心", "分院", "分所", "分会")) and \
                (not out or out[-1].end != m.start):
            # "…指导中心|江苏分中心": the parent body's name comes right before the branch
            st, _ = left_edge(text, toks, pat, m.start, 30, through_parks=True)
            if m.start - st >= 4 and text[st:m.start].endswith(("中心", "院", "所", "会")):
                m = Mention(st, m.end, text[st:m.end], "Institution", _sentence_of(sent_starts, st),
                            "institution:chain", 0.75, {})
        if out and m.cls == "Institution" and out[-1].cls == "Park" and out[-1].end == m.start and \
                m.rule == "institution:suffix" and not _starts_with_place(m.text, pat.places):
            # "常州创意产业园区|法律援助工作站": a body with no place name of its own is the park's
            a = out.pop()
            m = Mention(a.start, m.end, text[a.start:m.end], "Institution", a.sentence,
                        "institution:chain", 0.75, {})
        elif out and m.cls == "Institution" and out[-1].cls == "Institution" and \
                text[out[-1].end:m.start] in ("", "附属"):
            # "复旦大学|附属|金山医院": a hospital or school attached to its university is named with it
            a = out.pop()
            m = Mention(a.start, m.end, text[a.start:m.end], "Institution", a.sentence,
                        "institution:chain", 0.75, {})
        out.append(m)
    return out
