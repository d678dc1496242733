"""Recognise named entities of the seven contract classes in one cleaned document.

Data-driven rules: each class has an *anchor* (a suffix, a title word, 《》 brackets …) found by one
compiled regex over the whole text, and the left edge of the name is found by walking the rjieba
tokens to the left of the anchor until a stop word, a function word or punctuation. Lexicons are
in ``kg/lexicon/`` (see :mod:`kg.extract.names`). No per-character Python loop runs over the whole text:
regexes do the scanning, Python only looks at the matches.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.model import Article, Mention, Sentence
from kg.extract.names import (Lexicon, alternation, company_short_forms, ending_index, find_names,
                      find_names_overlapping, lexicon_endings, longest_ending, occurrences)

CJK = "\u4e00-\u9fff"
# Token tags that end a name when walking left (function words, pronouns, adverbs, numbers…).
_STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "r", "d", "x", "y", "e", "o",
             "t", "m", "q", "zg", "ad", "rr", "rz", "k", "h"}
_PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng"}
_RE_CJK1 = re.compile(f"[{CJK}]")
_RE_CJKS = re.compile(f"[{CJK}]+")
_RE_CJK14 = re.compile(f"[{CJK}]{{1,4}}")
_RE_NAMECH = re.compile(f"[{CJK}A-Za-z0-9·]+")
_RE_BRANDCH = re.compile(f"[{CJK}A-Za-z]{{2,}}")
_RE_CJKLAT = re.compile(f"[{CJK}A-Za-z]+")


def _starts_with_place(name: str, places) -> bool:
    return any(name[:n] in places for n in range(2, min(9, len(name) + 1)))


def _has_place(s: str, places) -> bool:
    """Some place name (2-8 characters) occurs in ``s``."""
    n = len(s)
    return any(s[i:i + L] in places for i in range(n - 1) for L in range(2, min(9, n - i + 1)))
_OPEN = "（(“"
_CLOSE = "）)”"


@dataclass
class Tokens:
    starts: list[int]
    ends: list[int]
    words: list[str]
    pos: list[str]

    def index_at(self, char: int) -> int:
        """Index of the token that contains character ``char``."""
        return bisect.bisect_right(self.starts, char) - 1


def tokenize(text: str) -> Tokens:
    import rjieba
    tags = rjieba.tag(text)
    if not tags:
        return Tokens([], [], [], [])
    words, pos = map(list, zip(*tags))
    # rjieba tags characters it cannot place as "x", like punctuation: an unknown CJK word
    # ("西安|奕斯伟|材料") is a name part
    for i in itertools.compress(range(len(pos)), map("x".__eq__, pos)):
        if _RE_CJK1.match(words[i]):
            pos[i] = "nz"
    ends = list(itertools.accumulate(map(len, words)))
    return Tokens([0] + ends[:-1], ends, words, pos)


@dataclass
class Patterns:
    lex: Lexicon
    park: re.Pattern
    company: re.Pattern
    institution: re.Pattern
    agency_suffix: re.Pattern
    agency_name: re.Pattern
    policy: re.Pattern
    program_quoted: re.Pattern
    program_inner: re.Pattern
    program_plain: re.Pattern
    person: re.Pattern
    defn: re.Pattern
    fullname: re.Pattern
    stop_prefix: re.Pattern
    places: frozenset
    stops: frozenset
    zone_suffixes: tuple
    official_titles: frozenset
    exec_titles: frozenset
    place_agency: re.Pattern
    park_tails: tuple
    park_suffix_tuple: tuple
    company_form_tuple: tuple
    industry: frozenset
    ministry_end: re.Pattern
    park_generic: re.Pattern
    inst_names: re.Pattern
    common_places: frozenset
    regions2: frozenset
    links: frozenset


#: titles that may follow the first one before a person's name ("党工委书记、管委会主任"); bounded so
#: that a run of thousands of titles is not read back from every one of them
MAX_CHAINED_TITLES = 8


@functools.lru_cache(maxsize=8)
def patterns(lex: Lexicon) -> Patterns:
    t_off = alternation(lex["official_titles"])
    titles = alternation(set(lex["official_titles"]) | set(lex["executive_titles"]))
    sur = alternation(lex["surnames"])
    after_name = alternation(set(lex["speech_verbs"]) | set(lex["name_followers"]))
    return Patterns(
        lex=lex,
        park=re.compile(f"(?:{alternation(lex['park_suffixes'])})(?:[A-Za-z]+)?"),
        company=re.compile(f"(?:{alternation(lex['company_forms'])})"),
        institution=re.compile(f"(?:{alternation(lex['institution_suffixes'])})(?:[（(][{CJK}]{{2,4}}[）)])?"),
        agency_suffix=re.compile(f"(?:{alternation(lex['agency_suffixes'])})"),
        agency_name=re.compile(f"(?:{alternation(lex['agency_names'])})(?:{alternation(['办公厅', '办公室'])})?"),
        policy=re.compile("《([^《》\n]{2,90})》"),
        program_quoted=re.compile(f"“([^“”\n]{{2,30}}?(?:{alternation(lex['program_words'])}))”"),
        # "“X”行动", "“X”人才计划", "“X”应用场景创新行动": a quoted name heads the programme
        program_inner=re.compile(f"“([^“”\n]{{1,16}})”(?:[{CJK}]{{0,8}}?(?:{alternation(lex['program_words'])})"
                                 f"|方案|补贴政策)"),
        program_plain=re.compile(
            f"(?:实施|开展|启动|推出|召开了?|部署)([^，。、；：！？“”《》\n,;:]{{4,32}}?(?:{alternation(lex['program_words'])}))"),
        person=re.compile(
            f"(?P<title>(?:{titles})(?:[、]?(?:{titles})){{0,{MAX_CHAINED_TITLES}}})(?P<name>(?:{sur})[{CJK}]{{1,2}})"
            f"(?=(?:{after_name})|[，。、；：！？,;:\\s）)“”]|(?:和|与|及)[{CJK}]|$)"),
        defn=re.compile("[（(](?:以下简称|下称|简称)[:：]?[“《\"]?([^）)”》\"]{2,16})[”》\"]?[）)]"),
        fullname=re.compile("“([^“”]{2,16})”全称(?:为|是)?“([^“”]{2,40})”"),
        stop_prefix=re.compile(f"(?:{alternation(lex['stop_prefixes'])})+"),
        places=lex.set("places") | lex.set("regions"),
        stops=lex.set("stop_prefixes"),
        zone_suffixes=tuple(sorted(lex["park_zone_suffixes"], key=len, reverse=True)),
        official_titles=lex.set("official_titles"),
        exec_titles=lex.set("executive_titles"),
        # found from its end ("…省|市|区|县|州" before a title or an issuing verb), then read back
        place_agency=re.compile(
            f"(?<=[{CJK}]{{2}})(?:省|市|区|县|州)(?=(?:{t_off})[{CJK}]|(?:也|先后|正式|已|共同|率先)*(?:{alternation(lex['issue_triggers'])}))"),
        park_tails=tuple(lex["park_suffixes"]) + tuple(lex["company_forms"]),
        park_suffix_tuple=tuple(lex["park_suffixes"]),
        company_form_tuple=tuple(lex["company_forms"]),
        industry=lex.set("industry_words"),
        ministry_end=re.compile(f"(?:{alternation(lex['ministry_words'])})$"),
        inst_names=re.compile(alternation(lex["institution_names"])),
        park_generic=re.compile(alternation(lex["park_generic"]) or "(?!)"),
        common_places=lex.set("place_common_words"),
        regions2=frozenset(w for w in lex["regions"] if len(w) >= 2),
        links=lex.set("name_links"),
    )


# --- left edge of a name ------------------------------------------------------------------

def left_edge(text: str, toks: Tokens, pat: Patterns, pos: int, limit: int,
              barrier: int = 0, through_parks: bool = False,
              lead_word: bool = False, through_forms: bool = False) -> tuple[int, bool]:
    """Start of the name whose anchor starts at ``pos``; also whether it has a proper-name part.

    Walks tokens leftwards while they can belong to a name. Once a place or proper name has been
    taken, only further places / proper names (and linking words such as 国际, 国家) may precede
    it ("助力|青岛高新区", "湖北|黄石|…"). Bracketed groups "（郑州）" and quoted groups "“数控一代”"
    are taken whole; a place name the tokenizer split ("长株|潭") is taken whole too.
    ``lead_word``: a two-character word that opens the clause may still precede the proper part
    ("、|西交|利物浦|大学": a university or company named with a word the tokenizer does not know).
    """
    start = pos
    proper = False      # a place / proper name taken: only more of them may precede
    seen = False        # any proper part at all (a bracketed place counts)
    places = pat.places
    # the token lists as locals: this walk runs for every anchor of every class
    words, tpos, starts, ends = toks.words, toks.pos, toks.starts, toks.ends
    bisect_right = bisect.bisect_right
    k = bisect_right(starts, pos - 1) - 1 if pos > 0 else -1
    while k >= 0 and ends[k] > barrier:
        w, t = words[k], tpos[k]
        ws = starts[k]
        if pos - ws > limit:
            break
        if ends[k] > pos:
            # the anchor is glued to the token ("苏州工业园区"): judge the part before it
            w = text[ws:pos]
            t = "ns" if w in places else t
        if w and w[-1] in _CLOSE:
            if proper:
                break
            # a bracketed / quoted group right before: take it whole when short
            opener = "（" if w[-1] == "）" else "(" if w[-1] == ")" else "“"
            j = text.rfind(opener, max(0, ends[k] - 12), ends[k] - 1)
            if j < 0 or j < barrier or re.search(r"[，。；！？,;：:、]", text[j:ends[k]]):
                break
            start = j
            seen = True
            k = bisect_right(starts, j - 1) - 1 if j > 0 else -1
            continue
        if w == "·" and start == ends[k] and k > 0 and _RE_CJK14.fullmatch(words[k - 1]) \
                and not text[start:start + 2] in places and not text[start:start + 3] in places:
            start = starts[k - 1]  # "本·古里安大学": a transliterated name
            proper = seen = True
            k -= 2
            continue
        if len(w) == 1 and w in _GEO and k > 0 and ends[k - 1] > barrier and not proper:
            w1, t1 = words[k - 1], tpos[k - 1]
            if 1 <= len(w1) <= 3 and _RE_CJKS.fullmatch(w1) and w1 not in pat.stops and \
                    t1 in ("n", "nr", "nrt", "ns", "nz", "ng", "j") and not _CATEGORY.search(w1):
                # "独墅|湖", "太湖|湾": a lake, bay or hill the tokenizer does not know is a place
                start = starts[k - 1]
                proper = seen = True
                k -= 2
                continue
        e = min(ends[k], pos)
        span = _split_place(text, toks, places, ws, e, barrier)
        if span:
            # a place the tokenizer cut in two ("长株|潭")
            start = span
            proper = seen = True
            k = bisect_right(starts, span - 1) - 1 if span > 0 else -1
            continue
        is_place = t in ("ns", "nr", "nrt", "nz", "j", "nt", "eng") or w in pat.regions2 or (
            w in places and w not in pat.common_places and
            t not in ("v", "vn", "a", "ad", "p", "c", "m"))
        if not is_place and t in ("v", "vn") and w in places and w not in pat.common_places \
                and k + 1 < len(words) and ends[k + 1] == pos and len(words[k + 1]) == 2 and \
                (tpos[k + 1] in ("n", "j", "nz") or words[k + 1] in pat.industry):
            is_place = True             # "X(v)|稀土|高新区": a place the tagger read as a verb, one trade noun before the anchor
        if through_forms and w.endswith(pat.company_form_tuple) and ends[k] <= pos:
            # "广汽丰田汽车有限公司|长沙|分公司": the parent's name runs on; walk it afresh
            start, proper, seen = ws, False, True
            k -= 1
            continue
        if w in pat.links and not is_place:
            start = ws                  # "郑州|高新|智能传感器…", "青岛|国际|…"
            k -= 1
            continue
        if proper and not is_place and len(w) == 1 and k > 0 and len(words[k - 1]) == 1 and \
                ends[k - 1] > barrier and _RE_CJK1.match(w) and _RE_CJK1.match(words[k - 1]) and \
                w not in pat.stops and words[k - 1] not in pat.stops and \
                t not in _STOP_POS and tpos[k - 1] not in _STOP_POS:
            # "前|海|深港…": an unknown two-character place cut into single characters
            start = starts[k - 1]
            k -= 2
            continue
        if proper and not is_place:
            if lead_word and len(w) <= 2 and t in ("n", "nz", "j", "ng", "l", "zg") and _RE_CJKS.fullmatch(w) \
                    and (len(w) == 2 or t in ("zg", "ng") or k == 0 or words[k - 1] in _CLAUSE_OPEN) \
                    and w not in pat.stops and not pat.stop_prefix.match(w) and not _CATEGORY.search(w) and \
                    (k == 0 or words[k - 1] in _CLAUSE_OPEN or words[k - 1] in pat.stops):
                start = ws
            elif lead_word and len(w) == 2 and t in ("n", "nz", "j") and k > 0 and _RE_CJKS.fullmatch(w) and \
                    (tpos[k - 1] == "ns" or words[k - 1] in places) and words[k - 1] not in pat.common_places and \
                    (k == 1 or words[k - 2] in _CLAUSE_OPEN or words[k - 2].endswith("子公司")) and \
                    w not in pat.stops and not pat.stop_prefix.match(w) and not _CATEGORY.search(w) and \
                    w not in pat.industry and ends[k - 1] > barrier:
                # "子公司|宜宾|天宜|锂业科创有限公司": a place, then a word the tokenizer does not
                # know as a name, opening the clause: the place heads the legal name
                start = starts[k - 1]
            break
        if w in ("好", "完", "足") and k > 0 and tpos[k - 1] in ("v", "vn"):
            break                       # "发挥好|高新区", "用足|政策": a verb's complement, never inside a name
        if w in pat.stops or (len(w) > 1 and not is_place and pat.stop_prefix.fullmatch(w)):
            break                       # "…|是从(v)|研究所": stop words glued into one token are still stop words
        if t == "t" and k > 0 and w not in pat.stops and _RE_CJKS.fullmatch(w) and \
                (tpos[k - 1] in ("ns", "nz", "nt", "j") or words[k - 1] in pat.park_suffix_tuple):
            t = "n"                     # "光谷|未来|科技城": a time word inside a name
        if t == "q" and len(w) == 1 and start < pos and k > 0 and tpos[k - 1] != "m" and \
                _RE_CJK1.match(words[k - 1]) and w not in pat.stops:
            t = "nz"                    # "科|大国|盾|量子": a piece of an unknown name, not a measure word
        if t in _STOP_POS and not _is_ordinal(w) and not is_place:
            if t == "d" and start < pos:
                # an adverb modifies a verb: "已|集聚|信达…" — a verb right after it is no part of the name
                j = bisect_right(starts, start) - 1
                if tpos[j] == "v" and starts[j] == start and len(words[j]) >= 2 and \
                        pos - ends[j] >= 2:
                    start = ends[j]
            g = pat.stop_prefix.match(w)
            if g and len(w) - g.end() >= 2 and not proper and t in ("t", "m", "d", "p"):
                start = ws + g.end()    # "以新天|科技…": a stop word glued to an unknown name
                seen = True
            break
        if not _RE_NAMECH.fullmatch(w):
            break
        if t == "f" and w not in places and not (
                len(w) == 2 and k > 0 and start < pos and (tpos[k - 1] == "ns" or words[k - 1] in places)):
            break                       # "黄河|上游|水电…": a position word between a place and a name is part of it
        if w.endswith("的"):
            break
        if not through_parks and w.endswith(pat.park_tails):
            if w in pat.park_suffix_tuple and w.endswith("谷") and not proper:
                is_place = True         # "光谷|生物城": a zone's nickname heads the sub-park's name
            elif not (through_forms and w.endswith(pat.company_form_tuple)):
                break
        if (is_place or t in _PROPER_POS) and w not in pat.industry:
            proper = seen = True
        start = ws
        k -= 1
    # a stop word glued to the front of the first token ("在张江") is cut off
    m = pat.stop_prefix.match(text, start, pos)
    if m and m.end() < pos and not any(text[start:start + n] in places for n in (2, 3, 4)):
        start = m.end()
    return max(start, barrier), seen


def _all_places(s: str, places) -> bool:
    """``s`` is one place name or a run of them ("重庆", "内蒙古包头")."""
    if s in places:
        return True
    return any(s[:n] in places and _all_places(s[n:], places) for n in range(2, min(len(s) - 1, 5)))


def _split_place(text: str, toks: Tokens, places, ws: int, e: int, barrier: int) -> int:
    """Start of a 3-4 character place name ending at ``e`` that spans several tokens, else 0."""
    for n in (4, 3):
        s = e - n
        if s < ws and s >= barrier and text[s:e] in places:
            j = toks.index_at(s)
            if toks.starts[j] == s:
                return s
    return 0


# common nouns that open a clause before a name without belonging to it ("园区|苏州大学")
_CATEGORY = re.compile("企业|高校|院校|园区|公司|单位|机构|学校|科研|高新|知名|重点|一流|国内|国外|海外|全球|"
                       "世界|全国|地方|本地|当地|我国|我省|我市|龙头|平台|项目|基地|集团|产业|行业")
_CLAUSE_OPEN = frozenset("、，。；：！？（“\n")
_COMPANY_UNIT = re.compile("(?:有限公司|股份公司|集团)(?=[^，。；、！？]{0,8}$)")
_PAREN = re.compile(r"[（(][^（）()]{1,8}[）)]")
_PARENT = re.compile("(?<=[\u4e00-\u9fffA-Za-z])旗下(?:的|子公司|企业|公司)")
_PROGRAM_LEAD = re.compile(f"(?:实施|开展|启动|推出|发布|部署|深入实施|同步推出)(?=[{CJK}]{{2,6}}$)")
_NOT_VALLEY = "山峡河低深幽溪稻波空"
_NEW_AREA = re.compile("新区(?=党工委|管委会|管理委员会|工委)")
_BRANCH = ("分公司", "分行", "支行")
_OPERATOR = re.compile("(?:发展|建设|投资|开发|运营|管理|服务|实业)+$")
_GEO = frozenset("湖湾山江河岛港洲岭峰溪")
_PARENT_ENDS = ("科学院", "工程院", "研究院", "大学", "学院")
_LEVEL = re.compile(r"^(?:国家级|国家|省级|省|市级|市|区级|县级|部级|重点|以上|各类|一批)+")
_GOAL = re.compile(r"(?:建设|打造)(?:成为|为|成)|建成为|成为|定位为|目标是")


def _generic_institution(name: str, pat: Patterns, generic: frozenset) -> bool:
    """A category of platform ("院士工作站", "省级企业技术中心") rather than a named body."""
    return _LEVEL.sub("", name) in generic or name in generic


def _goal_clause(text: str, start: int) -> bool:
    """The mention sits in a clause that states an aim ("把A建设为B、C") after the aim verb."""
    lo = max(0, start - 60)
    cs = max(max(text.rfind(c, lo, start) for c in "，。；！？\n"), lo - 1)
    return _GOAL.search(text, cs + 1, start) is not None


_REGION_RUN = re.compile(f"((?:[{CJK}]{{2,8}}?(?:省|市|区|县|州))+)$")
_NOT_A_BODY = ("两国", "双方", "各国", "各级", "地方", "当地", "有关", "相关", "基层", "各地")
_REGION_ACTOR = re.compile(
    f"(?:与|被|同|和)((?:[{CJK}]{{2,6}}?(?:省|市|自治区|区|县|州))+)"
    f"(?=签订|签署|签约|达成|携手|联合|列入|认定|评为|授予|批准|命名)")


def _common_word(toks: Tokens, s: int, e: int, most: int = 2) -> bool:
    """[s, e) is one or two (``most``) ordinary dictionary words ("外资", "科技"), not a name."""
    k = toks.index_at(s)
    n = 0
    while 0 <= k < len(toks.words) and toks.starts[k] < e:
        if toks.starts[k] < s or toks.ends[k] > e or len(toks.words[k]) < 2 or \
                toks.pos[k] not in ("n", "vn", "a", "b", "v"):
            return False
        n += 1
        k += 1
    return 0 < n <= most


def _clear_boundary(text: str, toks: Tokens, pat: Patterns, start: int, most: int) -> int | None:
    """Where the name ending after ``start`` can begin: right after the punctuation, 的 or stop
    word at most ``most`` characters to the left of ``start``; None when there is none that close,
    or when a number, time word, pronoun or Latin word lies between. ``start`` inside a token
    (a stop word cut off its front) is left alone."""
    k = toks.index_at(start - 1)
    if toks.ends[k] != start:
        return None
    while k >= 0 and start - toks.starts[k] <= most:
        w = toks.words[k]
        if not _RE_CJK1.match(w) or w.endswith("的") or w in pat.stops or pat.stop_prefix.fullmatch(w):
            return toks.ends[k]
        if not _RE_CJKS.fullmatch(w) or toks.pos[k] in ("q", "t", "r") or \
                (toks.pos[k] == "m" and (len(w) > 1 or w in _NUMERAL_CHARS)):
            return None                 # (a lone non-numeral "m" is a piece of a name: "煦|日(m)|氢能")
        k -= 1
    return 0 if k < 0 and start <= most else None


# a conjunction and a bare level word ("和区", "及市"): the district's / city's own body follows
_AND_LOCAL_BODY = re.compile("(?:和|与|及)[区市县省州](?![委政])")
_PARK_BODY_END = re.compile("(?:管委会|管理委员会|党工委|工委)$")
_NUMERAL_CHARS = frozenset("零〇一二三四五六七八九十百千万亿两几数多半第每")


def _is_ordinal(w: str) -> bool:
    return w.startswith("第") and len(w) <= 3


# --- the recogniser -----------------------------------------------------------------------

class _Found:
    """Mentions found so far, by span; longer spans win over nested shorter ones."""

    def __init__(self) -> None:
        self.items: list[Mention] = []

    def add(self, m: Mention) -> None:
        self.items.append(m)

    def resolved(self) -> list[Mention]:
        ms = sorted(self.items, key=lambda m: (m.start, -(m.end - m.start), -m.confidence))
        out: list[Mention] = []
        last_end = -1
        for m in ms:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
            elif m.end > last_end and out and m.start > out[-1].start:
                # partial overlap: keep the earlier, longer one
                continue
        return out


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


def _zone_before(parks: _ParksByEnd, text: str, s: int, start: int, e: int,
                 pat: Patterns) -> Mention | None:
    """The zone mention a sub-park name opens with, when the words between the zone and the park
    suffix are trades only (or none, as in "X高新区综合保税区"): such a park has no head of its own."""
    for z in parks.ending_in(max(start, s) - 12, s):
        if z.cls != "Park" or z.end > s or z.end < start - 12 or z.end < s - 12:
            continue
        if not z.text.endswith(pat.zone_suffixes) or not _starts_with_place(z.text, pat.places):
            continue
        body = text[z.end:s]
        if body and not _trades_only(body, pat):
            continue
        if not body and not text[s:e].endswith("保税区"):
            continue
        return z
    return None


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
        if suffix is None or len(m.text) == len(suffix) or not _trades_only(m.text[:-len(suffix)], pat):
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


# after a parent named only to describe its unit: "（这家）由A|全资设立的子公司", "是A|的控股子公司"
PARENT_OF_UNIT = re.compile(r"(?:[（(][^（）()]{0,30}[）)])?(?:(?:全资|控股|独资|出资|投资)?(?:设立|成立|组建)的|的)"
                            r"(?:全资|控股|独资)?子公司")
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


_OFFICE = re.compile(r"(?:代表处|办事处)")
_FORM_WORDS = frozenset(("科技", "集团", "股份", "控股", "电子", "汽车"))


def _offices(text: str, toks: Tokens, pat: Patterns, add) -> None:
    """"BRAND吉林代表处": a company's office for a region is a company unit of its own (the
    relation step links it to the company whose name opens it)."""
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


_VALLEY_WORD_TAIL = "底地物歌粒雨"


def _trade_valley(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> bool:
    """"济南量子谷", "临澧光谷": a place and one two-character trade noun before 谷."""
    if text[start:s - 2] not in pat.places:
        return False
    k = toks.index_at(s - 2)
    return toks.starts[k] == s - 2 and toks.ends[k] == s and toks.pos[k] in ("n", "nz", "vn", "j") and \
        text[s - 2:s] not in pat.places


@functools.lru_cache(maxsize=8)
def _trades_re(industry: frozenset) -> re.Pattern:
    return re.compile(f"(?:{alternation(industry)})+")


def _trades_only(body: str, pat: Patterns) -> bool:
    return _trades_re(pat.industry).fullmatch(body) is not None


def _sentence_of(sent_starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(sent_starts, pos) - 1)


# what may stand between a zone and a park inside it: "X新区内的", "X高新区北部的", "X经开区下辖的"
_IN_ZONE_TAIL = re.compile(r"(?:内|里|境内|辖区内?|区内|[东南西北中]部|下辖|所辖|所属)?的$")


def _named_in_zone(text: str, toks: Tokens, pat: Patterns, start: int, s: int) -> bool:
    """The park name's head ``text[start:s]`` is a short unknown word right after "<zone>(内|北部)的"."""
    if not 2 <= s - start <= 4 or not _RE_CJKS.fullmatch(text, start, s):
        return False
    g = _IN_ZONE_TAIL.search(text, max(0, start - 4), start)
    if g is None or not text.endswith(pat.zone_suffixes, max(0, g.start() - 12), g.start()):
        return False
    head = text[start:s]
    if head in pat.stops or head in pat.industry or _trades_only(head, pat) or pat.park_generic.search(head):
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
    if len(rest) < 2 or not _RE_CJKS.fullmatch(rest) or _trades_only(rest, pat) or \
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


def _generic(name_prefix: str, pat: Patterns) -> bool:
    m = pat.stop_prefix.match(name_prefix)
    p = name_prefix[m.end():] if m else name_prefix
    return len(p) < 2


#: legal forms that may follow one another at the end of one company name ("控股集团|有限公司")
MAX_CHAINED_FORMS = 4


def recognise(text: str, sentences: list[Sentence], articles: list[Article], lex: Lexicon,
              toks: Tokens | None = None) -> list[Mention]:
    """All named mentions of one document (anaphors are added by :mod:`kg.extract.resolve`)."""
    pat = patterns(lex)
    toks = toks or tokenize(text)
    sent_starts = [s.start for s in sentences]
    found = _Found()

    def add(start: int, end: int, cls: str, rule: str, conf: float, **attrs) -> Mention:
        name = text[start:end]
        m = Mention(start, end, name, cls, _sentence_of(sent_starts, start), rule, conf, attrs)
        found.add(m)
        return m

    # policies in 《》
    excl = pat.lex["policy_exclude"]
    pwords = tuple(sorted(pat.lex["policy_words"], key=len, reverse=True))
    for m in pat.policy.finditer(text):
        title = m.group(1)
        core = re.sub(r"[（(][^（）()]*[）)]$", "", title).rstrip("0123456789—-–年 ")
        if any(x in title for x in excl):
            continue
        if len(core) <= 2 and core in pwords and "简称" not in text[max(0, m.start() - 6):m.start()]:
            continue                    # "《政策》": a bare policy word refers back (resolve's policy anaphors)
        if core.endswith(pwords):
            add(m.start(1), m.end(1), "Policy", "policy:title", 0.95, kind="document")
    # named programmes
    for m in pat.program_quoted.finditer(text):
        add(m.start(1), m.end(1), "Policy", "program:quoted", 0.85, kind="program")
    pw_tuple = tuple(pat.lex["program_words"])
    for m in pat.program_inner.finditer(text):
        if m.group(1).endswith(pw_tuple):
            continue                    # "“金梧桐计划”人才计划…": the quoted name is the programme
        start = m.start()
        v = _PROGRAM_LEAD.search(text, max(0, start - 10), start)
        if v is not None:
            start = v.end()             # "推出|港澳青年“筑梦X”行动": the words after the verb belong to it
        add(start, m.end(), "Policy", "program:quoted-head", 0.8, kind="program")
    for m in pat.program_plain.finditer(text):
        s, e = m.start(1), m.end(1)
        if "“" in text[s:e] or "”" in text[s:e]:
            continue
        k = toks.index_at(s)
        if toks.pos[k] in ("v", "vn") and toks.starts[k] == s:
            continue                    # "实施|引进海外高层次人才计划": a description, not a name
        add(s, e, "Policy", "program:verb", 0.7, kind="program")

    # parks
    brands: list[tuple[int, int, int, int]] = []
    park_names: set[str] = set()
    zone_heads: list[Mention] = []
    parks_by_end = _ParksByEnd(found.items)
    trade_subparks: list[tuple[str, str]] = []     # ("氢能产业园", "X高新区氢能产业园")
    for m in pat.park.finditer(text):
        s, e = m.start(), m.end()
        start, proper = left_edge(text, toks, pat, s, 18, lead_word=True)
        prefix = text[start:s]
        z = _zone_before(parks_by_end, text, s, start, e, pat)
        if z is not None:
            # "X经开区新能源产业园", "X高新区综合保税区": a sub-park without a proper head of its
            # own is named with its zone; the zone stays a mention inside the name
            add(z.start, e, "Park", "park:zone-prefixed", 0.85, kind="subpark")
            park_names.add(text[z.start:e])
            zone_heads.append(z)
            if e - z.end >= 4:
                trade_subparks.append((text[z.end:e], text[z.start:e]))
            continue
        if _generic(prefix, pat):
            continue
        if m.group(0) == "谷":
            # "中国声谷", "成都芯谷": a place and one character; "峡谷", "走出低谷" are no parks
            if s - start < 3 or text[s - 1] in _NOT_VALLEY or text[e:e + 1] in _VALLEY_WORD_TAIL:
                continue
            if text[start:s - 1] not in pat.places and not _trade_valley(text, toks, pat, start, s):
                continue
        prev_park = start > 0 and text[max(0, start - 9):start].endswith(pat.park_suffix_tuple)
        if not prev_park:
            # "…高新区|城|西北工业园": a sub-park named right after its zone starts at the zone's end
            for g in (1, 2):
                cut = start - g
                kk = toks.index_at(cut)
                if cut > 0 and text[max(0, cut - 9):cut].endswith(pat.park_suffix_tuple) and \
                        _RE_CJKS.fullmatch(text[cut:start]) and text[cut:start] not in pat.stops and \
                        not text.endswith("的", cut, start) and \
                        toks.pos[kk] in ("n", "ns", "s", "f", "j", "nz", "b", "ng"):
                    start, prev_park = cut, True
                    break
        if not prev_park and _named_in_zone(text, toks, pat, start, s):
            prev_park = True            # "位于X高新区(北部)的|英歌石|科学城": an unknown head, placed in a zone
        if not proper and not prev_park:
            continue
        if pat.park_generic.search(prefix) or prefix.endswith("省"):
            continue                    # "江西省十大最具投资价值工业园区", "国家级绿色产业示范基地"
        kind = "zone" if text[start:e].endswith(pat.zone_suffixes) else "subpark"
        if kind == "subpark" and not prev_park and not m.group(0).endswith(("城", "谷", "区")):
            # a company builds an industrial park or a base, never a "…城" or a "…区"
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
                        start == start0:
                    # not after link words ("国家|网络安全|产业园" is a designated base), not a trade
                    brands.append((start, brand_end, start0, e))
                continue
            start = start0
        if text[start - 1:start] == "·":
            continue                    # "世界计算·长沙硅谷": the tail of a slogan
        cut = _new_area_head(text, toks, pat, start, s)
        if cut is not None:
            # "两江新区|鱼复工业开发区": a park with a head of its own named right after its 新区
            # is a second park, inside that zone (relate links adjacent zone and sub-park)
            add(start, cut, "Park", "park:new-area-head", 0.8, kind="zone")
            park_names.add(text[start:cut])
            start = cut
            kind = "zone" if text[start:e].endswith(pat.zone_suffixes) else "subpark"
        add(start, e, "Park", "park:suffix", 0.9 if proper else 0.7, kind=kind)
        park_names.add(text[start:e])
    _zone_prefixed_short_forms(text, found.items, park_names, pat)
    _bare_trade_subparks(text, toks, found.items, trade_subparks, sent_starts)

    # companies with a legal form
    operated: list[tuple[int, int]] = []
    new_areas: list[tuple[int, int]] = []
    last_legal: tuple[int, int] | None = None
    for m in pat.company.finditer(text):
        s, e = m.start(), m.end()
        for _ in range(MAX_CHAINED_FORMS):
            # "控股集团|有限公司": consecutive legal forms end one name (a few at most: a run of
            # thousands would make every one of them a name as long as the run)
            nxt = pat.company.match(text, e)
            if nxt is None or nxt.group(0) in ("集团", "银行"):
                break
            e = nxt.end()
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
        if m.group(0) in ("分行", "支行") and not extended:
            continue                    # a bank's branch is named after its bank ("细分行业" is none)
        if "公司" in m.group(0) and start < s and not extended and _all_places(text[start:s], pat.places):
            # "时代一汽动力电池|重庆|有限公司": a place right before the legal form names the
            # local entity of a brand that runs on to its left ("X重庆有限公司"); a place
            # alone before the form is never the whole name
            st2, p2 = left_edge(text, toks, pat, start, 20, lead_word=True)
            if st2 < start and not _generic(text[st2:start], pat):
                start, proper = st2, True
        op = _OPERATOR.search(text, max(0, s - 4), s)
        pe = op.start() if op else s
        if text[max(0, pe - 9):pe].endswith(pat.park_suffix_tuple) and start >= pe - 2:
            # "X软件园有限公司", "X科技城发展有限公司": the company that runs a park; the park is named too
            start, proper = left_edge(text, toks, pat, s, 26, through_parks=True, lead_word=True)
            ps = pat.park.search(text, start, pe)
            if ps is not None and ps.end() == pe and ps.start() - start >= 2 and \
                    not _generic(text[start:ps.start()], pat):
                operated.append((start, pe))
                proper = True
        if start > 0:
            b = _clear_boundary(text, toks, pat, start, 6)
            if b is not None and b < start:
                # "，南京|世和(c)|基因生物技术股份有限公司": tags inside an unknown legal name are
                # unreliable; a name runs back to the punctuation or stop word before it
                g = pat.stop_prefix.match(text, b, s)
                start = g.end() if g and g.end() < start else b
        if _generic(text[start:s], pat):
            continue
        form = m.group(0)
        if form == "银行" and not proper:
            continue
        if form in ("集团", "银行") and text[e:e + 1] and _RE_CJK1.match(text[e]) and \
                not text[e:].startswith(("股份", "有限", "公司")):
            # "国药集团融资租赁项目" is fine; "集团化" is not a name
            if text[e:e + 1] in "化式":
                continue
        if not proper and "公司" in form and _common_word(toks, start, s, most=1):
            continue                    # "外资股份有限公司": a kind of company
        add(start, e, "Company", "company:legal-form", 0.9)
        last_legal = (start, e)

    # "X新区" is a development zone when a park committee is attached to it ("兰州新区党工委");
    # a district such as "浦东新区" with its 区长 stays a region
    for m in _NEW_AREA.finditer(text):
        start, proper = left_edge(text, toks, pat, m.start(), 10)
        if proper and m.start() - start >= 2:
            add(start, m.end(), "Park", "park:new-area", 0.85, kind="zone")
            park_names.add(text[start:m.end()])
            new_areas.append((start, m.end()))
    park_names.update(text[ps:pe] for ps, pe in operated)
    for bs, be, ps, pe in brands:
        if re.search(r"(?:区|园)的$", text[max(0, ps - 2):ps]) and pe - ps <= 7:
            # "X高新区的Y软件园": a park's own sub-park, not a company's project (everywhere in the text)
            park_names.add(text[ps:pe])
    for bs, be, ps, pe in brands:
        if text[ps:pe] in park_names:
            # "白马湖软件园是…": the same name was read as a park elsewhere (after its zone, or in
            # the name of the company that runs it)
            add(ps, pe, "Park", "park:suffix", 0.7, kind="subpark")
        else:
            add(bs, be, "Company", "company:project-brand", 0.6)

    # institutions
    inst_generic = pat.lex.set("institution_generic")
    founding = tuple(pat.lex["founding_verbs"])
    for m in pat.institution.finditer(text):
        s, e = m.start(), m.end()
        start, proper = left_edge(text, toks, pat, s, 30, through_parks=True,
                                  lead_word=m.group(0) in ("大学", "学院"))
        prefix = text[start:s]
        if _generic(prefix, pat) or prefix.endswith(("企业", "相关", "各类", "省级", "市级")):
            continue
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
        listed = text[start - 1:start] == "、" or text[e:e + 1] == "、"
        founded = text[max(0, start - 6):start].endswith(founding) and e - start >= 6
        national = text.startswith("国家", start) and not text.startswith("国家级", start) and \
            s - start >= 6             # "国家信息光电子创新中心": a named national platform
        if not proper and not listed and not founded and not national:
            continue
        if _goal_clause(text, start):
            continue                    # "把园区建设为…、北疆科技创新中心": an aim, not a body
        add(start, e, "Institution", "institution:suffix", 0.85 if proper else 0.7)

    # agencies
    ministry = lexicon_endings(pat.lex, "ministry_words")
    for m in pat.agency_name.finditer(text):
        start, _ = left_edge(text, toks, pat, m.start(), 10)
        if start < m.start() and not text[start:m.start()].endswith(("省", "市", "区", "县", "州")):
            start = m.start()
        add(start, m.end(), "Agency", "agency:name", 0.95)
    for m in pat.inst_names.finditer(text):
        add(m.start(), m.end(), "Institution", "institution:name", 0.9)
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
        prefix = text[start:s]
        if len(prefix) < 2:
            continue
        if suffix in ("办公室", "办") and _PARK_BODY_END.search(prefix):
            continue                    # "X高新区管委会办公室": the park's own office stands for the park
        if _AND_LOCAL_BODY.search(prefix):
            continue                    # "副主任X和区经济发展局负责人": a conjunction, then "the district's" bureau
        if len(suffix) == 1:
            mw = longest_ending(prefix, ministry)
            if mw is None:
                continue
            if len(prefix) > len(mw) and not proper:
                start = s - len(mw)         # "企业入选|科技部": only the body itself
                k = toks.index_at(start - 1) if start > 0 else -1
                if k >= 0 and toks.ends[k] == start and 2 <= len(toks.words[k]) <= 4 and \
                        toks.words[k][-1] in "省市区县州盟旗" and toks.words[k] not in pat.stops:
                    start = toks.starts[k]  # "师市|科技局": a local government's bureau
        elif not proper and not _has_place(prefix, pat.places):
            continue
        if prefix.endswith(_NOT_A_BODY):
            continue                    # "中以两国政府", "各级政府"
        add(start, e, "Agency", "agency:suffix", 0.85)
    # regions acting: "与常州市天宁区签订…", "被浙江省列入…"
    for m in _REGION_ACTOR.finditer(text):
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if not _starts_with_place(name, pat.places) or name.endswith(pat.park_suffix_tuple):
            continue
        add(s, e, "Agency", "agency:region-actor", 0.7)
    last_end = 0
    for a in pat.place_agency.finditer(text):
        m = _REGION_RUN.search(text, max(last_end, a.end() - 40), a.end())
        if m is None:
            continue
        last_end = m.end()
        s, e = m.start(1), m.end(1)
        start, _ = left_edge(text, toks, pat, e, 12)
        start = max(start, s) if start < s else start
        name = text[start:e]
        if len(name) < 3 or not _starts_with_place(name, pat.places):
            continue
        add(start, e, "Agency", "agency:region", 0.75)

    # parents named before 旗下: "X旗下的Y有限公司"
    for m in _PARENT.finditer(text):
        e = m.start()
        start, proper = left_edge(text, toks, pat, e, 10, lead_word=True)
        name = text[start:e]
        if 2 <= len(name) <= 8 and _RE_CJKLAT.fullmatch(name) and name not in pat.places and \
                not pat.stop_prefix.match(name) and not name.endswith(("公司", "企业", "园区", "集团")):
            add(start, e, "Company", "company:parent", 0.7)
    # names inside the title of a report or an index are no mentions of their own
    titles = [(m.start(1), m.end(1)) for m in pat.policy.finditer(text)]
    if titles:
        policy_spans = {(x.start, x.end) for x in found.items if x.cls == "Policy"}
        reports = [t for t in titles if t not in policy_spans]    # disjoint, in text order
        if reports:
            r_starts = [a for a, _ in reports]

            def in_report(x: Mention) -> bool:
                i = bisect.bisect_right(r_starts, x.start) - 1
                return i >= 0 and x.end <= reports[i][1]
            found.items = [x for x in found.items if not in_report(x)]
    _offices(text, toks, pat, add)
    # definitions: "X（以下简称Y）" — the short form gets the class of X later (resolve)
    mentions = _chain_institutions(text, found.resolved(), pat, toks, sent_starts)
    _point_to_full_forms(mentions, lex)
    by_end = {m.end: m for m in mentions}
    extra = _Found()
    defined: dict[str, Mention] = {}
    for m in pat.defn.finditer(text):
        full = by_end.get(m.start())
        short = m.group(1).strip("《》“”\"")
        if full is None or not short:
            continue
        if full.cls == "Company" and not short.startswith(full.text[:1]):
            # "，本源某某（合肥）股份有限公司（以下简称“本源某某”）": the definition shows that the
            # word taken for a stop word ("本") opens the name
            for k in (1, 2):
                if full.start >= k and short.startswith(text[full.start - k:full.start] + full.text[:1]):
                    full.start -= k
                    full.text = text[full.start:full.end]
                    break
        full.attrs.setdefault("short", []).append(short)
        defined[short] = full
    # "苏州某某产业园（BioBAY）": a Latin name in brackets right after a name is another name of it
    for m in _LATIN_ALIAS.finditer(text):
        full = by_end.get(m.start())
        if full is not None and full.cls in ("Park", "Company", "Institution") and m.group(1) not in defined:
            full.attrs.setdefault("short", []).append(m.group(1))
            defined[m.group(1)] = full
    # company short forms derived from full names found in this text
    for m0 in mentions:
        if m0.cls == "Company":
            for sf in company_short_forms(m0.text, lex):
                defined.setdefault(sf, m0)
    # the parent brand of a local subsidiary ("台积电（南京）有限公司" … "成为台积电在中国大陆的…",
    # "英特尔全球重要的…基地", "作为三星电子在华最大的投资项目"): its own company, not a short form
    for name, (ps, pe, rule) in _parent_brands(text, mentions, pat, toks).items():
        defined[name] = Mention(ps, pe, name, "Company", _sentence_of(sent_starts, ps), rule, 0.75, {})
    for ps, pe in new_areas + operated:
        name = text[ps:pe]
        if name not in defined or defined[name].cls == "Company":
            kind = "zone" if name.endswith(pat.zone_suffixes) else "subpark"
            defined[name] = Mention(ps, pe, name, "Park", _sentence_of(sent_starts, ps), "park:operator",
                                    0.7, {"kind": kind})
    # a name recognised once is a mention wherever it recurs ("天府软件园是…" after "…高新区天府软件园")
    for m0 in mentions:
        if m0.cls in ("Park", "Company", "Institution", "Agency") and len(m0.text) >= 4 and \
                "full" not in m0.attrs and "\n" not in m0.text:
            defined.setdefault(m0.text, m0)
    taken = [(m.start, m.end) for m in mentions]
    taken.sort()
    # one scan for all short forms (a regex per short form would be compiled per document)
    for s, e, short in find_names(defined, text):
        full = defined[short]
        if True:
            i = bisect.bisect_right(taken, (s, 10**9)) - 1
            if i >= 0 and taken[i][1] > s:
                continue
            if i + 1 < len(taken) and taken[i + 1][0] < e:
                continue
            if short == full.text:
                rule = full.rule if full.rule in ("company:parent-brand", "company:group-brand") else "repeat"
                extra.add(Mention(s, e, short, full.cls, _sentence_of(sent_starts, s), rule, 0.8,
                                  {k: v for k, v in full.attrs.items() if k == "kind"}))
                continue
            extra.add(Mention(s, e, short, full.cls, _sentence_of(sent_starts, s),
                              "short:defined", 0.85, {"full": full.text, **(
                                  {"kind": full.attrs["kind"]} if "kind" in full.attrs else {})}))
    mentions = _merge(mentions, extra.resolved())

    # company short names in lists ("以A、B、C为代表的…企业", "引进A、B等项目")
    mentions = _merge(mentions, _list_companies(text, mentions, pat, sent_starts, toks))
    mentions = _merge(mentions, _cue_companies(text, mentions, pat, sent_starts, toks))
    mentions = _merge(mentions, _recurrences(text, mentions, sent_starts, toks))
    mentions = _merge(mentions, _coordinated_parks(text, mentions, sent_starts, toks))

    # persons: title + name
    mentions = _merge(mentions, _persons(text, mentions, pat, sent_starts, toks))
    issuers = _title_issuers(text, mentions, pat, sent_starts)
    kept = {(m.start, m.end) for m in mentions}
    heads = [z for z in zone_heads if (z.start, z.end) not in kept and
             any(m.start == z.start and m.end > z.end and m.cls == "Park" for m in mentions)]
    if issuers or heads:
        mentions = sorted(mentions + issuers + heads, key=lambda m: (m.start, m.end))
    return mentions


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
            if h is None or not _starts_with_place(h.group(1), pat.places) or \
                    h.group(1).endswith(pat.park_suffix_tuple):
                continue
            e = m.start + len(h.group(1))
        out.append(Mention(m.start, e, text[m.start:e], "Agency", _sentence_of(sent_starts, m.start),
                           "agency:title-head", 0.8, {}))
    return out


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
        if m.cls == "Institution" and m.text.endswith(("分中心", "分院", "分所", "分会")) and \
                (not out or out[-1].end != m.start):
            # "…指导中心|江苏分中心": the parent body's name comes right before the branch
            st, _ = left_edge(text, toks, pat, m.start, 30, through_parks=True)
            if m.start - st >= 4 and text[st:m.start].endswith(("中心", "院", "所", "会")):
                m = Mention(st, m.end, text[st:m.end], "Institution", _sentence_of(sent_starts, st),
                            "institution:chain", 0.75, {})
        if out and m.cls == "Institution" and out[-1].cls == "Institution" and out[-1].end == m.start:
            a = out.pop()
            m = Mention(a.start, m.end, text[a.start:m.end], "Institution", a.sentence,
                        "institution:chain", 0.75, {})
        out.append(m)
    return out


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


_LATIN_ALIAS = re.compile(r"[（(]([A-Z][A-Za-z0-9]*(?:[ .&-][A-Za-z0-9]+){0,3})[）)]")


def _recurrences(text: str, mentions: list[Mention], sent_starts, toks: Tokens) -> list[Mention]:
    """Company names found by their list or cue ("集聚了吉利汽车、上汽大众等…") are mentions
    wherever else they occur as a whole word, before as after ("吉利汽车杭州湾基地总经理孙伟说")."""
    names = {m.text for m in mentions if m.rule in ("company:list", "company:cue") and len(m.text) >= 4
             and "\n" not in m.text}
    # "华为吉林代表处": the company whose office it is, wherever else it is named ("华为与新区签约")
    names |= {m.attrs["brand"] for m in mentions if m.rule == "company:office"}
    if not names:
        return []
    out = []
    for s, e, name in find_names(names, text):
        k = toks.index_at(s)
        if k < 0 or toks.starts[k] != s:
            continue                            # inside a longer word
        out.append(Mention(s, e, name, "Company", _sentence_of(sent_starts, s), "repeat", 0.75, {}))
    return out


def _point_to_full_forms(ms: list[Mention], lex: Lexicon) -> None:
    """A policy named by the tail of a longer title in the same text ("高企攻坚行动" after
    "2024年赣县区高企攻坚行动"), a company named without its place prefix ("可成集团" after
    "台湾可成集团"): the short mention points at the full one (``full``; resolve merges them)."""
    from kg.extract.names import strip_place_prefix
    by_cls: dict[str, set[str]] = {}
    for m in ms:
        by_cls.setdefault(m.cls, set()).add(m.text)
    stripped: dict[str, str] = {}
    ambiguous: set[str] = set()
    for full in sorted(by_cls.get("Company", ())):
        for v in strip_place_prefix(full, lex, keep=2):
            if stripped.setdefault(v, full) != full:
                ambiguous.add(v)  # 华安有限公司 after 宝清华安… and 信阳华安…: no way to tell
    for v in ambiguous:
        del stripped[v]
    policies = sorted(by_cls.get("Policy", ()), key=len, reverse=True)
    for m in ms:
        if "full" in m.attrs:
            continue
        if m.cls == "Policy" and len(m.text) >= 4 and m.attrs.get("kind") == "program":
            full = next((p for p in policies if len(p) > len(m.text) and p.endswith(m.text)), None)
            if full:
                m.attrs["full"] = full
        elif m.cls == "Company" and m.text in stripped and stripped[m.text] != m.text:
            m.attrs["full"] = stripped[m.text]


def _merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Add ``b`` to ``a`` where it does not overlap anything in ``a``."""
    spans = sorted((m.start, m.end) for m in a)
    out = list(a)
    for m in b:
        i = bisect.bisect_right(spans, (m.start, 10**9)) - 1
        if i >= 0 and spans[i][1] > m.start:
            continue
        if i + 1 < len(spans) and spans[i + 1][0] < m.end:
            continue
        out.append(m)
        bisect.insort(spans, (m.start, m.end))
    out.sort(key=lambda m: (m.start, m.end))
    return out


_LIST_HEAD = re.compile(r"(?:以|引进|引入|集聚了?|聚集了?|汇聚了?|拥有|包括|包含|涵盖|吸引了?|培育了?|"
                        r"园区企业|龙头企业|重点企业|入驻企业|企业)")
_LIST_TAIL_OK = re.compile(r"(?:等|为代表的|为龙头的|两家|三家|[一二三四五六七八九十\d]+家)?[^，。、；：]{0,10}?(?:企业|公司|项目|集团|品牌|院所|平台|园)")
# "从A、B等方面给予企业支持": aspects, fields or links of a chain, never firms
_NOT_FIRMS_TAIL = re.compile(r"等(?:多个|各个|诸多|几个)?(?:方面|领域|环节|方向|行业|维度|板块|层面|渠道)")
_ITEM_HEAD = re.compile(r"^(?:园区企业|园区|企业|特别是|其中|例如|如|包括|收购|以(?!色列)|为|引进|引入|集聚了?|汇聚了?|拥有|涵盖|龙头企业)+")
_ITEM_TRIM = re.compile(r"(?:(?:区域|西南|西北|华北|华东|华南|华中|东北|中国区|大中华区|亚太|全球)?总部|[一二三四五六七八九十]期|项目|工厂|生产基地|产业基地|基地|产业园|园区)+$")


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
    for m in _list_matches(text):
        s0 = m.start()
        head = text[max(0, s0 - 12):s0]
        seg = m.group(1)
        tail = text[m.end():m.end() + 16]
        if not _LIST_TAIL_OK.match(tail) or _NOT_FIRMS_TAIL.match(tail):
            continue
        single_ok = re.search(r"(?:企业|龙头企业)$", head) or (
            re.match(r"为代表|为龙头", tail) and re.search(r"以[^，。；、]{2,12}$", text[max(0, s0 - 14):m.end()]))
        if "、" not in seg and not single_ok:
            continue
        # the first item starts after the list head verb or the last function word
        hm = None
        for hm in _LIST_HEAD.finditer(seg.split("、")[0]):
            pass
        pos = s0
        items = seg.split("、")
        if hm is not None and hm.end() < len(items[0]):
            cut = hm.end()
            items[0] = items[0][cut:]
            pos = s0 + cut
        if toks is not None:
            cut = _after_function_word(toks, pos, pos + len(items[0]))
            if cut > pos and _ITEM_TRIM.sub("", text[cut:pos + len(items[0])]) in pat.industry:
                cut = pos               # "昆明|积大(v)|制药": a trade word alone is no name; the verb tag lied
            if cut > pos:
                items[0] = items[0][cut - pos:]
                pos = cut
        institutional = re.match(r"(?:等|为代表的)[^，。；]{0,16}(?:平台|院所|机构|研究院|实验室|高校)", text[m.end():m.end() + 24])
        for it in items:
            s, e = pos, pos + len(it)
            pos = e + 1
            if institutional:
                if len(it) >= 3 and not pat.stop_prefix.match(it) and (
                        re.search(r"(?:院|所|实验室|大学|学院)$", it) or
                        (re.search(r"(?:中心|基地)$", it) and _name_like(it, pat))):
                    out.append(Mention(s, e, it, "Institution", _sentence_of(sent_starts, s),
                                       "institution:list", 0.7, {}))
                continue
            if toks is not None and len(it) > 8 and re.search(r"(?:项目|基地|产业园|工厂|园)$", it):
                # "瑞孚迪生命科学仪器和医疗设备生产基地": the brand at the head of a project
                be = _brand_end(text, toks, s, e, pat)
                if be:
                    out.append(Mention(s, be, text[s:be], "Company", _sentence_of(sent_starts, s),
                                       "company:list", 0.65, {}))
                continue
            t = _ITEM_TRIM.sub("", it)
            t = re.sub(r"[（(][^（）()]*[）)]$", "", t)
            e = s + len(t)
            if len(t) < 2 or len(t) > 10:
                continue
            if re.search(r"[（(]", t):
                t2 = re.split(r"[（(]", t)[0]
                e = s + len(t2)
                t = t2
            h = _ITEM_HEAD.match(t)
            if h:
                s, t = s + h.end(), t[h.end():]
            if len(t) < 2 or t in pat.places or pat.stop_prefix.match(t) or t.endswith(("企业", "公司", "等")):
                continue
            if t in pat.industry:
                continue                # "人工智能、集成电路等领域": trades, not companies
            cls = "Company"
            if re.search(r"(?:院|所|大学|学院|实验室|中心)$", t):
                cls = "Institution"
            elif re.search(r"园区?$", t) and t[:-1].rstrip("园") in pat.places:
                cls = "Park"
            elif not _name_like(t, pat):
                out.append(Mention(s, e, t, cls, _sentence_of(sent_starts, s), "company:list-weak", 0.5, {}))
                continue
            attrs = {"kind": "subpark"} if cls == "Park" else {}
            out.append(Mention(s, e, t, cls, _sentence_of(sent_starts, s), "company:list", 0.7, attrs))
    # weak items (common words only) count when most items of their list read as names
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


_FUNC_POS = {"p", "d", "r", "v", "u", "uj", "ul"}


def _after_function_word(toks: Tokens, s: int, e: int) -> int:
    """Position after the last function word / verb token inside [s, e) ("同时还与|小米")."""
    cut = s
    k = toks.index_at(s)
    while k < len(toks.words) and toks.starts[k] < e:
        if toks.pos[k] in _FUNC_POS and toks.starts[k] >= s and toks.ends[k] < e:
            cut = toks.ends[k]
        k += 1
    return cut if e - cut >= 2 else s


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


def _has_function_token(toks: Tokens, s: int, e: int) -> bool:
    k = toks.index_at(s)
    while 0 <= k < len(toks.words) and toks.starts[k] < e:
        if toks.pos[k] in _FUNC_POS or toks.pos[k] in ("c", "r", "m"):
            return True
        k += 1
    return False


_BRAND_TAGS = {"nr", "nrt", "nz", "nt", "j", "eng", "nrfg"}


def _brand_end(text: str, toks: Tokens, s: int, limit: int, pat: Patterns, weak: bool = False) -> int:
    """End of a brand name starting at ``s`` ("南京江智|先进功率半导体基地", "奇瑞|科技|智能…",
    "火炬电子|持续…"): a proper token (after an optional place), pieces the tokenizer split off an
    unknown word, then an optional trade word. ``weak``: a common noun may start the brand.
    Returns 0 when there is none."""
    k = toks.index_at(s)
    if k < 0 or toks.starts[k] != s:
        return 0
    n = len(toks.words)
    w, t = toks.words[k], toks.pos[k]
    if (w in pat.places or t == "ns") and k + 1 < n and toks.pos[k + 1] in _BRAND_TAGS:
        k += 1
        w, t = toks.words[k], toks.pos[k]
    if not _RE_BRANDCH.fullmatch(w) or w in pat.stops:
        return 0
    if t not in _BRAND_TAGS and not (weak and t in ("n", "nz", "l")):
        return 0
    end = toks.ends[k]
    industry = pat.lex.set("industry_words")
    glued = False
    if k + 1 < n and len(toks.words[k + 1]) == 1 and _RE_CJK1.match(toks.words[k + 1]) and \
            toks.pos[k + 1] not in ("d", "p", "c", "u", "uj", "ul", "r", "m", "q", "f") and \
            toks.words[k + 1] not in "的了在和与及等为是将也都就把被对向从年月日个家项全已":
        k += 1                          # "夜光|达": a piece of an unknown word
        end = toks.ends[k]
        glued = True
    if k + 1 < n and toks.words[k + 1] in industry and w not in industry:
        end = toks.ends[k + 1]
    elif weak and t not in _BRAND_TAGS and not glued:
        return 0                        # a bare common word is no brand
    if end > limit or end - s < 2:
        return 0
    return end


# cues that the next words are a company's name ("园区企业火炬电子", "龙头企业X", "瑞典企业X")
_CUE_BEFORE = re.compile(r"(?:园区|龙头|领军|链主|骨干|知名|头部|独角兽|瞪羚)企业"
                         r"|(?<=[\u4e00-\u9fff]{2})(?<![一二三四五六七八九十多几百千万余])企业(?=[\u4e00-\u9fff]{2,6}为例)")
# "X大中华区总部", "X中国区总部": a company's regional head office
_HQ = re.compile(r"(?:大中华区|中国区|亚太区|亚太|中国|全球|区域|华北|华东|华南|西南|西北)总部")
_EXAMPLE = re.compile(r"以(?:[\u4e00-\u9fff]{0,6}企业)?([\u4e00-\u9fffA-Za-z]{2,8}?)为例")
_AND_AFTER = re.compile(r"(?:[（(][^（）()]{0,20}[）)])?(?:与|和|及|以及)")
_FIRMS_AFTER = re.compile(r"等[^，。；、]{0,8}?(?:企业|公司)")
_STOCK_SHORT = re.compile(r"(?:^|(?<=[，。；：、！？“\n]))([\u4e00-\u9fff]{2,4}股份)"
                          r"(?=在|将|于|已|是|与|和|、|也|还|则|表示|公告|发布|披露|宣布|称|拟|计划|今年|去年)")
_STAKE = re.compile(r"持有的([^，。；！？]{2,40}?)各?\d+(?:\.\d+)?%的?(?:股权|股份)")


def _cue_companies(text: str, mentions: list[Mention], pat: Patterns, sent_starts,
                   toks: Tokens) -> list[Mention]:
    """Company short names in running text, found by their context: a company cue before them,
    a regional head office after them, "以X为例" after 企业, stakes held ("持有的A以及B各100%股权")."""
    out: list[Mention] = []

    def add(s: int, e: int, rule: str) -> None:
        name = text[s:e]
        if e - s >= 2 and name not in pat.places and not pat.stop_prefix.match(name):
            out.append(Mention(s, e, name, "Company", _sentence_of(sent_starts, s), rule, 0.65, {}))

    for m in _CUE_BEFORE.finditer(text):
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
        head = text[s:e - 2]
        if head in pat.places or head in pat.stops or pat.stop_prefix.match(head) or \
                _common_word(toks, s, e - 2, most=1) or head.endswith(("有", "的", "份", "权", "公司")):
            continue                    # "国有股份", "持有股份"
        add(s, e, "company:stock-short")
    for m in _STAKE.finditer(text):
        pos = m.start(1)
        for it in re.split(r"(以及|、|和|及)", m.group(1)):
            if it and not re.fullmatch(r"以及|、|和|及", it) and 2 <= len(it) <= 10:
                add(pos, pos + len(it), "company:stake")
            pos += len(it)
    return out


def _persons(text: str, mentions: list[Mention], pat: Patterns, sent_starts, toks) -> list[Mention]:
    out: list[Mention] = []
    reporters = tuple(pat.lex["reporter_words"])
    ends = sorted((m.end, i) for i, m in enumerate(mentions) if m.cls in
                  ("Park", "Agency", "Company", "Institution"))
    end_keys = [x[0] for x in ends]
    for m in pat.person.finditer(text):
        ts, ns, ne = m.start("title"), m.start("name"), m.end("name")
        title = m.group("title")
        name = m.group("name")
        # a name of 3 characters unless the 2-character reading is followed by a name-ender
        if len(name) == 3 and _ends_name(text, ns + 2, pat):
            name = name[:2]
            ne = ns + 2
        if text[max(0, ts - 4):ts].endswith(reporters):
            continue
        # organisation: the nearest named mention ending before the title, within the clause
        i = bisect.bisect_right(end_keys, ts) - 1
        org = None
        title_start = ts
        while i >= 0:
            oend, oi = ends[i]
            gap = text[oend:ts]
            if len(gap) <= 40 and not re.search(r"[，。；！？“”,;!?]", gap):
                org = mentions[oi]
                title_start = oend
            break
        if org is None and text[max(0, ts - 3):ts].endswith(("公司", "该公司", "该企业", "集团")) and \
                not text[max(0, ts - 4):ts].endswith(("有限公司", "股份公司", "分公司", "子公司")):
            # "公司总经理X说": the company the text spoke of last
            j = bisect.bisect_right(end_keys, ts - 2) - 1
            while j >= 0 and (mentions[ends[j][1]].cls != "Company" or PARENT_OF_UNIT.match(text, ends[j][0])):
                j -= 1                  # not the parent named to describe the unit ("由A设立的子公司")
            if j >= 0 and ts - ends[j][0] <= 200:
                org = mentions[ends[j][1]]
        brand = False
        if org is None and ts > 0:
            org = _brand_company(text, mentions, ts, pat)
            brand = org is not None
        full_title = text[title_start:ns] if org is not None and not brand else title
        if org is not None and org.cls in ("Company", "Institution"):
            cls = "Executive"
        elif org is not None:
            cls = "Official"
        else:
            last = _last_title(title, pat)
            if last in pat.official_titles and last not in pat.exec_titles:
                cls = "Official"
            else:
                continue                    # an executive of no named organisation is no node
        attrs = {"title": full_title.strip("、")}
        if org is not None:
            attrs["org"] = org.text
            attrs["org_span"] = [org.start, org.end]
            if brand:
                attrs["org_brand"] = True
        out.append(Mention(ns, ne, name, cls, _sentence_of(sent_starts, ns), f"person:{cls.lower()}-title",
                           0.85 if org is not None else 0.7, attrs))
    return out


def _brand_company(text: str, mentions: list[Mention], ts: int, pat: Patterns) -> Mention | None:
    """"长虹副总裁X": a short brand right before the title, inside the name of exactly one
    company the text has already named (四川长虹电器股份有限公司)."""
    m = re.search(r"[\u4e00-\u9fff]{2,8}$", text[max(0, ts - 8):ts])
    if m is None:
        return None
    chunk = m.group()
    forms = tuple(pat.lex["company_forms"])
    comps = [x for x in mentions if x.cls == "Company" and x.end <= ts - len(chunk) and len(x.text) >= 6]
    for n in range(len(chunk), 1, -1):
        b = chunk[-n:]
        if "公司" in b or "企业" in b or b.endswith(forms) or b in ("集团", "该集团", "该企业"):
            continue
        hits = {x.text: x for x in comps if b in x.text and x.text != b}
        if len(hits) == 1:
            return next(iter(hits.values()))
        if hits:
            return None
    return None


def _last_title(title: str, pat: Patterns) -> str:
    for t in sorted(pat.official_titles | pat.exec_titles, key=len, reverse=True):
        if title.endswith(t):
            return t
    return title


def _ends_name(text: str, pos: int, pat: Patterns) -> bool:
    rest = text[pos:pos + 4]
    if not rest or re.match(r"[，。、；：！？,;:\s）)“”]", rest):
        return True
    return rest.startswith(tuple(pat.lex["speech_verbs"]) + tuple(pat.lex["name_followers"]))
