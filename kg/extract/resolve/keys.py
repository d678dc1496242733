"""What resolution in a document and across the corpus share: the normal forms a name may be
written in (park names with and without their place, X高新区 = X高新技术产业开发区), the label an
entity gets (the most complete form), and a union-find to group by shared keys.
"""
from __future__ import annotations

import bisect
import functools
import re

from kg.extract.names import Lexicon, norm, strip_place_prefix
from kg.model import DocEntity


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


# what is left of "长株潭国家自主创新示范区" without its place is a kind of park, shared by many
_CATEGORY = ("国家", "省级", "市级", "省级", "自治区级", "国际", "全国")


@functools.lru_cache(maxsize=8)
def park_suffixes(lex: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lex["park_suffixes"], key=len, reverse=True))


# official names of national high-tech zones that are not the standard "高新技术产业开发区":
# 厦门火炬高技术产业开发区, 武汉东湖新技术开发区 are the 高新区 of their place
_HIGHTECH_VARIANTS = re.compile(r"(?:高新技术开发区|高技术产业开发区|新技术产业开发区|新技术开发区)$")


_PLACE_IN_BRACKETS = re.compile(r"(?<=.)[（(]([\u4e00-\u9fff]{2,6})[）)](?=..)")
_RANK_INSIDE = re.compile(r"(?<=..)(?<!中)(?:国家级|国家|省级)(?=..)")   # not 中国家电…


def _park_keys(name: str, lex: Lexicon) -> set[str]:
    """Normal forms a park name may be written in (with / without place prefixes)."""
    return set(_park_keys_cached(name, lex))


@functools.lru_cache(maxsize=1 << 18)   # a national archive names far more than 16k parks
def _park_keys_cached(name: str, lex: Lexicon) -> frozenset[str]:
    n = _HIGHTECH_VARIANTS.sub("高新区", norm(name)) if len(norm(name)) > 6 else norm(name)
    # "洛阳国家高新区" is "洛阳高新区": the rank between place and kind names no other park
    n = _RANK_INSIDE.sub("", n)
    keys = {n}
    for v in strip_place_prefix(n, lex, keep=2, suffixes=park_suffixes(lex) + ("高新区", "经开区")):
        if v.startswith(_CATEGORY):
            break                               # "国家自主创新示范区": a category, not a name
        keys.add(v)
    keys.add(re.sub(r"[（(][^（）()]*[）)]$", "", n))
    # "中国（湖南）自由贸易试验区" is "湖南自由贸易试验区"; "西部（重庆）科学城" is written "西部重庆科学城"
    # (not "西部科学城": 西部（成都）科学城 is another)
    # "国盛产投·宝山药谷" is "宝山药谷": the name after the dot of its brand or programme
    if "·" in n and len(n.rsplit("·", 1)[1]) >= 4:
        keys.add(n.rsplit("·", 1)[1])
    inner = _PLACE_IN_BRACKETS.search(n)
    if inner:
        head, rest = n[:inner.start()], n[inner.end():]
        keys.add(inner.group(1) + rest if head == "中国" else head + inner.group(1) + rest)
    # "潍坊市高新区" is "潍坊高新区": a city's level word before the zone names no other zone
    # (only 市: "长沙县经开区" and "长沙经开区" are two zones)
    city = _CITY_ZONE.fullmatch(n)
    if city:
        keys.add(city.group(1) + city.group(2))
    for long, short in _suffix_variants(lex):
        for k in list(keys):
            if k.endswith(long) and len(k) > len(long) + 1:
                keys.add(k[:-len(long)] + short)
    return frozenset(keys)


# the level words that close an administrative unit's name ("安徽省", "济南市", "昌平区", "固始县")
_ADMIN_LEVELS = "省市区县"


def admin_stripped_forms(name: str, lex: Lexicon) -> list[str]:
    """The forms of a park's name without its leading administrative units ("安徽省合肥市高新区"
    -> "合肥市高新区", "昌平区中关村生命科学园" -> "中关村生命科学园"): news and analysts name the
    park alone, its seat is an address. Only a unit closed by its level word is dropped, and a
    proper head of two characters or more must stay before the park's ending ("合肥市高新区" keeps
    its city: "高新区" alone names no park)."""
    sufs = park_suffixes(lex) + ("高新区", "经开区")
    out = []
    for v in strip_place_prefix(name, lex, keep=2, suffixes=sufs):
        cut = name[:len(name) - len(v)]
        if not cut.endswith(tuple(_ADMIN_LEVELS)) or v[0] in _ADMIN_LEVELS or v.startswith(_CATEGORY):
            continue
        suf = next((x for x in sufs if v.endswith(x)), "")
        if len(v) - len(suf) >= 2:
            out.append(v)
    return out


@functools.lru_cache(maxsize=8)
def _suffix_variants(lex: Lexicon) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(e.split("=", 1)) for e in lex["park_suffix_variants"] if "=" in e)


_CITY_ZONE = re.compile(r"([\u4e00-\u9fff]{2,4})市(高新区|经开区|经济开发区|开发区|综合保税区|保税区)")


def _legal(name: str, lex: Lexicon) -> bool:
    return name.endswith(lex["company_forms"]) and not name.endswith(("集团", "银行"))


def _label(names: list[str], cls: str, lex: Lexicon) -> str:
    """The most complete form: the full legal name for companies, else the longest."""
    def rank(n: str):
        return (_legal(n, lex) if cls == "Company" else True, len(norm(n)), len(n), n)
    return max(names, key=rank)


@functools.lru_cache(maxsize=8)
def _regions_by_length(lex: Lexicon) -> tuple[frozenset[str], list[int]]:
    regions = frozenset(r for r in lex["regions"] if len(r) >= 2)
    return regions, sorted({len(r) for r in regions}, reverse=True)


def _mentioned_in(ent: DocEntity, si: int) -> None:
    """Record that ``ent`` is mentioned in sentence ``si``: each sentence once, in order."""
    if si not in ent.sentences:
        ent.sentences.append(si)
        ent.sentences.sort()


def _places(lex: Lexicon) -> frozenset[str]:
    from kg.extract.names import place_names
    return place_names(lex)


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the sorted, non-nested ``spans``."""
    i = bisect.bisect_right(spans, (s, 10**9)) - 1
    return (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e)
