"""What every recogniser shares: the lexicons compiled into anchor patterns, character
classes, token tags, and small tests on the parts of a name.

:func:`patterns` compiles a lexicon's anchors (park suffixes, legal forms, title words …) into
one regex each, once per lexicon: the recognisers scan the whole text with them, and Python
looks only at the matches.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.extract.names import Lexicon, alternation
from kg.extract.tokens import CJK, _RE_CJK1  # noqa: F401 (the recognisers import it from here)

_PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng"}
_RE_CJKS = re.compile(f"[{CJK}]+")
_RE_CJKLAT = re.compile(f"[{CJK}A-Za-z]+")
_OPEN = "（(“"
_GEO = frozenset("湖湾山江河岛港洲岭峰溪")


def _starts_with_place(name: str, places) -> bool:
    return any(name[:n] in places for n in range(2, min(9, len(name) + 1)))


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
    title_end: re.Pattern
    leader_title: re.Pattern
    agency_compound: re.Pattern
    party_department: re.Pattern


#: titles that may follow the first one before a person's name ("党工委书记、管委会主任"); bounded so
#: that a run of thousands of titles is not read back from every one of them
MAX_CHAINED_TITLES = 8


#: the rank written before a head of government's title ("常务副市长", "代区长", "代理县长")
HEAD_RANK = "(?:常务)?(?:副|代|代理)?"


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
            f"(?P<title>(?:{titles})(?:[、兼]?(?:{titles})){{0,{MAX_CHAINED_TITLES}}})(?P<name>(?:{sur})[{CJK}]{{1,2}}(?:·[{CJK}]{{2,6}})?)"
            f"(?=(?:{after_name})|[，。、；：！？,;:\\s）)“”]|(?:和|与|及)[{CJK}]|\\d{{1,2}}[月日]|$)"),
        defn=re.compile("[（(](?:以下简称|下称|简称)[:：]?[“《\"]?([^）)”》\"]{2,16})[”》\"]?[）)]"),
        fullname=re.compile("“([^“”]{2,16})”全称(?:为|是)?“([^“”]{2,40})”"),
        stop_prefix=re.compile(f"(?:{alternation(lex['stop_prefixes'])})+"),
        places=lex.set("places") | lex.set("regions"),
        stops=lex.set("stop_prefixes"),
        zone_suffixes=tuple(sorted(lex["park_zone_suffixes"], key=len, reverse=True)),
        official_titles=lex.set("official_titles"),
        exec_titles=lex.set("executive_titles"),
        # found from its end ("…省|市|区|县|州" before a title or an issuing verb, or before the
        # head of its government at a clause's end: "选举X为淮安市市长。"), then read back
        place_agency=re.compile(
            f"(?<=[{CJK}]{{2}})(?:省|市|区|县|州)(?=(?:{t_off})[{CJK}、；]|{HEAD_RANK}[省市区县州]长[。，,；;]"
            f"|(?:也|先后|正式|已|共同|率先)*(?:{alternation(lex['issue_triggers'])}))"),
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
        # a title ending right before a name the tagger reads ("总理|纳吉布")
        title_end=re.compile(f"(?:{titles})$"),
        # a leader's title written after the name ("习近平|总书记")
        leader_title=re.compile(alternation(lex["leader_titles"])),
        # a body word opening a compound ("政府|采购"); a Party committee's department ("省委|统战部")
        agency_compound=re.compile(f"(?:{alternation(lex['agency_compounds'])})"),
        party_department=re.compile(f"(?:{alternation(lex['party_departments'])})"),
    )


#: a photo credit in brackets ("（周可茹摄）", "（记者 王春/摄）", "（张三供图）")
CREDIT = re.compile(r"[（(][^（）()]{1,16}?(?:摄|供图)[）)]")


def last_credit_end(text: str, s: int, e: int) -> int | None:
    """Where the last photo credit inside [s, e) ends (the cleaning runs captions into the next
    name: "…讨论（周可茹摄）|高新区"); None when there is none."""
    last = None
    for last in CREDIT.finditer(text, s, e):
        pass
    return last.end() if last is not None else None


@functools.lru_cache(maxsize=8)
def _trades_re(industry: frozenset) -> re.Pattern:
    return re.compile(f"(?:{alternation(industry)})+")


def trades_only(body: str, pat: Patterns) -> bool:
    """``body`` is trade words only ("新能源科技股份", "精密工业"): no proper part of a name."""
    return _trades_re(pat.industry).fullmatch(body) is not None


def _generic(name_prefix: str, pat: Patterns) -> bool:
    m = pat.stop_prefix.match(name_prefix)
    p = name_prefix[m.end():] if m else name_prefix
    return len(p) < 2
