"""Entities of one document: its named mentions grouped by what names one thing — the same
normal form (park names with and without their place), a defined short form ("X（以下简称Y）",
"“Y”全称为“X”"), one branch named twice, a leading country or region, a year's edition of one
programme — then the names found once the entities are known (:mod:`.aliases`) and the anaphors
(:mod:`.anaphors`).
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.candidates.agencies import LOCAL_LEVELS
from kg.extract.names import (Lexicon, dropped_runs, lexicon_endings, longest_ending, norm,
                             standard_expansions, strip_place_prefix)
from kg.extract.resolve.aliases import _agency_aliases, _park_aliases, _park_bodies, _park_heads
from kg.extract.resolve.anaphors import (_anaphors, _policy_anaphors, _suffix_anaphors,
                                         resolve_anaphors)
from kg.extract.resolve.keys import _UF, _label, admin_stripped_forms, _park_keys, _places, _regions_by_length, park_suffixes
from kg.model import Article, DocEntity, Mention, Sentence


_DEFN = re.compile(r"[》”\"]?\s*[（(]\s*(?:以下简称|以下称|下称|简称)[:：]?\s*[《“\"]?")
_FULLNAME = re.compile("“([^“”]{2,16})”全称(?:为|是)?“([^“”]{2,40})”")


_LEVEL_WORDS = frozenset("省市县区州盟旗")
_LEVEL_WORDS_T = tuple(_LEVEL_WORDS)


def resolve_document(text: str, sentences: list[Sentence], articles: list[Article],
                     mentions: list[Mention], lex: Lexicon, toks=None) -> tuple[list[Mention], list[DocEntity]]:
    """Group mentions into document entities; resolve anaphors. Returns (mentions, entities)."""
    named = [m for m in mentions if not m.anaphor]
    groups = _groups(text, named, lex)
    entities = _entities(named, groups, lex)
    _person_orgs(named, entities)
    # 3. shorter forms of agency names the recogniser left out ("浦东新区" after "上海市浦东新区")
    named = named + _agency_aliases(text, sentences, named, entities, lex, toks)
    named = named + _park_aliases(text, sentences, named, entities, lex, toks)
    named = named + _park_bodies(text, sentences, named, entities, lex, toks)
    named = named + _park_heads(text, sentences, named, entities, lex, toks)
    # 4. anaphors -> the article's topic park / the last company / the last policy of that kind
    short = _suffix_anaphors(text, sentences, named, entities, lex, toks)
    anas = _anaphors(text, named + short, lex, toks)
    anas += _policy_anaphors(text, sentences, named, entities)
    out = resolve_anaphors(text, sentences, articles, named, short, anas, entities, lex)
    return out, entities


def _groups(text: str, named: list[Mention], lex: Lexicon) -> dict[int, list[int]]:
    """The named mentions (indices) grouped by what names one thing."""
    uf = _UF(len(named))
    first = _same_names(named, lex, uf)
    _defined_names(text, named, uf, first)
    _bracketed_parks(text, named, uf)
    _variant_names(named, lex, uf, first)
    _company_forms(named, lex, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(named)):
        groups[uf.find(i)].append(i)
    return groups


def _same_names(named: list[Mention], lex: Lexicon, uf: _UF) -> dict[tuple[str, str], int]:
    """Same class and normal form; park prefix variants. Returns (class, key) -> the first
    mention (longest first) with that key."""
    first: dict[tuple[str, str], int] = {}
    # 1. same class and normal form; park prefix variants
    order = sorted(range(len(named)), key=lambda i: -len(named[i].text))
    for i in order:
        m = named[i]
        keys = {norm(m.text)}
        if m.cls == "Park":
            keys = _park_keys(m.text, lex)
        elif m.cls == "Agency":
            # "广州市黄埔区" … "黄埔区": a district named with and without its city, in one text
            keys |= {v for v in strip_place_prefix(norm(m.text), lex, keep=2)
                     if len(v) >= 3 and v in _places(lex)}
            keys |= _agency_variants(norm(m.text), lex)
            keys |= _local_body_keys(norm(m.text), lex)
            seat = _local_seat(norm(m.text), lex)
            if seat:
                keys.add(seat)          # "柳行街道党工委" … "柳行街道办事处" … "柳行街道": one street
        for k in sorted(keys):
            key = (m.cls, k)
            if key in first:
                uf.union(first[key], i)
            else:
                first[key] = i
    return first


def _local_seat(name: str, lex: Lexicon) -> str | None:
    """The street, town or township whose leading organ ``name`` is ("唯亭街道党工委" -> "唯亭街道",
    ``local_leading_organs``); None for any other name."""
    for organ in lex["local_leading_organs"]:
        if name.endswith(organ):
            seat = name[:-len(organ)]
            if seat.endswith(LOCAL_LEVELS) and len(seat) >= 3:
                return seat
    return None


def _local_body_keys(name: str, lex: Lexicon) -> set[str]:
    """A local body named without the higher places (or the national system) that hold its own
    place: "上海市虹口区检察院" = "虹口区检察院", "吉林省长春市纪委监委" = "长春市纪委监委",
    "国家税务总局广州市天河区税务局" = "天河区税务局", "武汉东湖高新区城管局" = "东湖高新区城管局".
    What is left must still open with a place or hold a zone ("商务厅" after "江苏省商务厅" is no
    key: another province's bureau ends so too)."""
    out = set()
    for head in lex["agency_system_heads"]:
        if name.startswith(head) and len(name) >= len(head) + 4:
            name = name[len(head):]
            out.add(name)           # "中国海关总署" = "海关总署"
            break
    places, zones = _places(lex), park_suffixes(lex)
    for v in strip_place_prefix(name, lex, keep=2):
        if len(v) >= 5 and (any(v[:n] in places for n in range(2, min(8, len(v) - 2) + 1)) or
                            any(z in v[2:-2] for z in zones if len(z) >= 3)):
            out.add(v)
    return out


def _agency_variants(name: str, lex: Lexicon) -> set[str]:
    """The forms an agency's name is written in with a short ending ("…人民法院" = "…法院",
    ``agency_suffix_variants``); the body's own part must keep two characters."""
    out = set()
    for entry in lex["agency_suffix_variants"]:
        long, _, short = entry.partition("=")
        if short and name.endswith(long) and len(name) >= len(long) + 2:
            out.add(name[:-len(long)] + short)
    return out


def _defined_names(text: str, named: list[Mention], uf: _UF, first: dict) -> None:
    """Defined short forms point at their full name ("X（以下简称Y）", "“Y”全称为“X”")."""
    for i, m in enumerate(named):
        full = m.attrs.get("full")
        if full and (m.cls, norm(full)) in first:
            uf.union(first[(m.cls, norm(full))], i)
        for short in m.attrs.get("short", ()):
            if (m.cls, norm(short)) in first:
                uf.union(first[(m.cls, norm(short))], i)
            # "衡阳市科学技术局（以下简称“市科技局”）" … "科技局": the level word (省/市/县/区)
            # of a defined short form is often read off as a prefix, leaving the bare body
            if m.cls == "Agency" and short[:1] in _LEVEL_WORDS and len(short) >= 4 \
                    and (m.cls, norm(short[1:])) in first:
                uf.union(first[(m.cls, norm(short[1:]))], i)
    for short, full in _full_names(text):
        a, b = ("Policy", norm(short)), ("Policy", norm(full))
        if a in first and b in first:
            uf.union(first[a], first[b])
    # "《X》（以下简称《Y》）": Y names X, whatever the class (the recogniser links some classes only)
    starts = {(m.cls, m.start): i for i, m in enumerate(named)}
    for i, m in enumerate(named):
        d = _DEFN.match(text, m.end)
        if d is not None:
            j = starts.get((m.cls, d.end()))
            if j is not None:
                uf.union(i, j)


def _bracketed_parks(text: str, named: list[Mention], uf: _UF) -> None:
    """"武汉东湖高新区（光谷）", "广州南沙开发区（自贸区南沙片区）": a park named alone in the
    brackets right after a park is the same park by another of its names (its parts are
    introduced with 含 / 包括, "X高新区（含A园）", and are no name alone in the brackets)."""
    park_at = {m.start: i for i, m in enumerate(named) if m.cls == "Park"}
    for i, m in enumerate(named):
        if m.cls != "Park" or text[m.end:m.end + 1] not in ("（", "("):
            continue
        j = park_at.get(m.end + 1)
        if j is not None and text[named[j].end:named[j].end + 1] in ("）", ")"):
            uf.union(i, j)


_BRACKET = re.compile(r"[（(][^（）()]{1,12}[）)]")
#: what ends a company's name without being a legal form of the lexicon ("远大铝业集团|公司")
_PLAIN_FORMS = ("总公司", "公司")


def _company_key(name: str, lex: Lexicon) -> tuple[str, str, str] | None:
    """A company's name as (brand, leading place, bracketed part): no legal forms at its end
    ("光谷人才|集团" and "武汉光谷人才|集团有限公司"), no leading place; None when less than a
    brand of three characters is left."""
    core = norm(name)
    for _ in range(3):
        form = longest_ending(core, lexicon_endings(lex, "company_forms"), min_rest=2)
        form = form or next((f for f in _PLAIN_FORMS if core.endswith(f) and len(core) > len(f) + 1), None)
        if form is None:
            break
        core = core[:-len(form)]
    if core == norm(name):
        return None                             # no form: a short name, matched by its own key
    brackets = "".join(_BRACKET.findall(core))
    core = _BRACKET.sub("", core)
    stripped = strip_place_prefix(core, lex, keep=3)
    place = core[:len(core) - len(stripped[-1])] if stripped else ""
    core = stripped[-1] if stripped else core
    return (core, place, brackets) if len(core) >= 3 else None


def _company_forms(named: list[Mention], lex: Lexicon, uf: _UF) -> None:
    """"光谷人才集团" and "武汉光谷人才集团有限公司", "远大铝业集团" and "远大铝业集团公司": one
    company named with other legal forms, with or without its place, when the names that share
    the brand agree on their place and their bracketed part ("江苏星河新能源有限公司" and "上海
    星河新能源有限公司" are two companies, "X有限公司" and "X（中国）有限公司" may be)."""
    by_core: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for i, m in enumerate(named):
        if m.cls == "Company":
            key = _company_key(m.text, lex)
            if key is not None:
                by_core[key[0]].append((i, key[1], key[2]))
    for items in by_core.values():
        if len(items) < 2 or len({p for _, p, _ in items if p}) > 1 or len({b for _, _, b in items}) > 1:
            continue
        for i, _, _ in items[1:]:
            uf.union(items[0][0], i)
    _company_endings(named, lex, uf)


#: the brand left of a company named by the ending of a longer name: shorter is no name of its own
MIN_ENDING_BRAND = 4


def _company_endings(named: list[Mention], lex: Lexicon, uf: _UF) -> None:
    """"艾特莱斯丝绸公司" after "吉亚丽人艾特莱斯丝绸公司": a company named by the ending of
    exactly one longer company name of the text, when a brand of four characters or more is left
    before its legal form ("天津公司" ends many names and names none)."""
    def brand_left(m: Mention) -> bool:
        key = _company_key(m.text, lex)
        return key is not None and len(key[0]) >= MIN_ENDING_BRAND and not key[1]
    _sole_endings(named, uf, "Company", lambda t: range(1, len(t) - MIN_ENDING_BRAND), brand_left)


def _sole_endings(named: list[Mention], uf: _UF, cls: str, cuts, short_ok) -> dict[str, int]:
    """A mention of ``cls`` (that ``short_ok`` lets stand for a longer name) joins the one longer
    name of ``cls`` in the text that ends with it — cut at one of ``cuts(name)`` (two would make
    the short name ambiguous). The index of each name's first mention, for the caller."""
    ending_in: dict[str, set[str]] = defaultdict(set)
    first_of: dict[str, int] = {}
    for j, o in enumerate(named):
        if o.cls == cls:
            first_of.setdefault(o.text, j)
            for k in cuts(o.text):
                ending_in[o.text[k:]].add(o.text)
    for i, m in enumerate(named):
        longer = ending_in.get(m.text, ()) if m.cls == cls else ()
        if len(longer) == 1 and short_ok(m):
            uf.union(i, first_of[next(iter(longer))])
    return first_of


_PARTY_CITY = re.compile("中共[\u4e00-\u9fff]{2,3}[省市](.+[区县市]委)$")


def _variant_names(named: list[Mention], lex: Lexicon, uf: _UF, first: dict) -> None:
    """One branch named twice, a name with and without a leading country or region, a year's
    or a place's edition of one programme."""
    # "大冶分公司" after "长城汽车大冶分公司": the same branch
    # (the longer names looked up by their endings: trying every company for every branch is
    # quadratic on a list of thousands)
    ending_in: dict[str, list[int]] = defaultdict(list)
    for j, o in enumerate(named):
        if o.cls == "Company" and o.text.endswith("分公司"):
            for k in range(1, len(o.text) - 2):
                ending_in[o.text[k:]].append(j)
    for i, m in enumerate(named):
        if m.cls == "Company" and m.text.endswith("分公司"):
            for j in ending_in.get(m.text, ()):
                uf.union(i, j)
    _subpark_endings(named, uf)
    _unit_endings(named, lex, uf)
    _abbreviated_parks(named, lex, uf)
    # "中国常州大学" = "常州大学", "台湾可成集团" = "可成集团": a leading country or region name
    # does not make another organisation (a city does: "苏州华为" may be a local subsidiary)
    regions, lengths = _regions_by_length(lex)
    for i, m in enumerate(named):
        if m.cls in ("Institution", "Park", "Company"):
            for n in lengths:                   # regions the name starts with, longest first
                if m.text[:n] in regions:
                    rest = m.text[n:]
                    if len(rest) >= 3 and (m.cls, norm(rest)) in first:
                        uf.union(first[(m.cls, norm(rest))], i)
                        break
    # "中共龙口市委" = "龙口市委": the Party committee named with and without the Party's name
    # ("中共烟台市福山区委" = "福山区委": and without the city that holds the district)
    for i, m in enumerate(named):
        if m.cls != "Agency" or not m.text.startswith("中共"):
            continue
        c = _PARTY_CITY.match(m.text)
        for rest in (m.text[2:], c.group(1) if c else None):
            if rest and len(rest) >= 4 and ("Agency", norm(rest)) in first:
                uf.union(first[("Agency", norm(rest))], i)
                break
    # "2024年某区（某高新区）高企攻坚行动" = "高企攻坚行动": a year / place edition of one programme
    pols = {norm(m.text): i for i, m in enumerate(named) if m.cls == "Policy"}
    for i, m in enumerate(named):
        if m.cls != "Policy":
            continue
        n = norm(m.text)
        for k in range(len(n) - 3):             # the endings of n of four characters or more
            j = pols.get(n[k:])
            if j is not None and j != i and _edition_prefix(n[:k], lex):
                uf.union(i, j)


def _unit_endings(named: list[Mention], lex: Lexicon, uf: _UF) -> None:
    """"东昌府分局" after "聊城市公安局东昌府分局": a unit named after its parent body is named
    again without the parent, when exactly one longer agency name of the text ends with it right
    after a body's ending (the unit's own name keeps four characters)."""
    bodies = lexicon_endings(lex, "agency_suffixes")
    first_of = _sole_endings(named, uf, "Agency", lambda t: (k for k in range(3, len(t) - 3)
                                                             if longest_ending(t[:k], bodies) is not None),
                             lambda m: True)
    _bare_level_bodies(named, lex, uf, first_of)


def _bare_level_bodies(named: list[Mention], lex: Lexicon, uf: _UF, first_of: dict[str, int]) -> None:
    """"省药监局" after "江苏省药监局": a body named by the bare level word of its place;
    "区行政审批服务局", "高新区行政审批服务局" after "临沂高新区行政审批服务局": by its zone's (bare)
    word — when exactly one longer agency name of the text ends with it."""
    places, zones = _places(lex), park_suffixes(lex)
    # the names by each of their endings of four characters or more (a short name is looked up,
    # not compared with every name: a list of thousands of bodies stays linear)
    ending_in: dict[str, list[str]] | None = None
    for i, m in enumerate(named):
        if m.cls != "Agency" or len(m.text) < 4:
            continue
        bare_zone = m.text.startswith(zones) and not m.text.startswith(_LEVEL_WORDS_T)
        if m.text[:1] not in _LEVEL_WORDS and not bare_zone:
            continue
        if ending_in is None:
            ending_in = defaultdict(list)
            for n in first_of:
                for k in range(1, len(n) - 3):
                    ending_in[n[k:]].append(n)
        longer = set()
        for n in ending_in.get(m.text, ()):
            head = n[:len(n) - len(m.text) + 1]
            if head in places or len(head) >= 4 and head.endswith(zones) or \
                    bare_zone and len(head) >= 3 and head[:-1] in places:
                longer.add(n)
        if len(longer) == 1:
            uf.union(i, first_of[next(iter(longer))])


#: a text naming more parks of one ending than this is a list, whose names are not abbreviated
_MOST_ABBREVIATED = 60


def _abbreviated_parks(named: list[Mention], lex: Lexicon, uf: _UF) -> None:
    """"中原人力产业园" after "中国中原人力资源服务产业园", "中以常州创新园" after "中国以色列常州
    创新园": a park's name abbreviated the Chinese way — its characters kept in order, its opening
    and its ending kept, words dropped in two places or more — when one longer park name of the
    text abbreviates so. One dropped block is a qualifier that may make another park
    ("海口综合保税区" and "海口空港综合保税区")."""
    by_ending: dict[str, dict[str, int]] = defaultdict(dict)
    for i, m in enumerate(named):
        if m.cls == "Park":
            end = next((x for x in park_suffixes(lex) if m.text.endswith(x)), None)
            if end is not None:
                by_ending[end].setdefault(m.text, i)
    for end, names in by_ending.items():
        if len(names) > _MOST_ABBREVIATED:
            continue
        for short, i in names.items():
            if len(short) - len(end) < 3:
                continue
            longs = [j for n, j in names.items() if len(n) > len(short) and n[0] == short[0] and
                     short not in n and (dropped_runs(short[:-len(end)], n[:-len(end)]) or 0) >= 2]
            if len(longs) == 1:
                uf.union(i, longs[0])


#: a sub-park's name shorter than this is too generic to stand for a longer one ("产业园区")
MIN_SUBPARK_ENDING = 6


def _subpark_endings(named: list[Mention], uf: _UF) -> None:
    """"智能传感器产业基地" after "郑州高新智能传感器产业基地": a sub-park named again without the
    words that open its name is the same sub-park, when exactly one longer park name of the
    text ends with it (two would make the short name ambiguous)."""
    _sole_endings(named, uf, "Park", lambda t: range(1, len(t) - MIN_SUBPARK_ENDING + 1),
                  lambda m: m.attrs.get("kind") != "zone" and len(m.text) >= MIN_SUBPARK_ENDING)


def _entities(named: list[Mention], groups: dict[int, list[int]], lex: Lexicon) -> list[DocEntity]:
    """One entity per group, in the order of their first mentions; each mention points at its
    entity."""
    entities: list[DocEntity] = []
    for root in sorted(groups, key=lambda r: (named[r].start, r)):
        idx = groups[root]
        cls = named[idx[0]].cls
        names = list(dict.fromkeys(named[i].text for i in sorted(idx, key=lambda i: named[i].start)))
        label = _label(names, cls, lex)
        attrs: dict = {}
        if cls == "Park":
            kinds = {named[i].attrs.get("kind") for i in idx}
            attrs["kind"] = "zone" if "zone" in kinds else "subpark"
            for n in list(names):
                for x in standard_expansions(n) + admin_stripped_forms(n, lex):
                    if x not in names:
                        names.append(x)
        if cls in ("Official", "Executive"):
            best = max(idx, key=lambda i: (len(named[i].attrs.get("title", "")), -named[i].start))
            for k in ("title", "org"):
                if named[best].attrs.get(k):
                    attrs[k] = named[best].attrs[k]
        if cls == "Policy":
            attrs["kind"] = named[idx[0]].attrs.get("kind", "document")
        if cls == "Agency":
            # a street's leading organ is named for the street too: news writes the post of a
            # "…街道党工委书记" as a post in the street
            names += [x for x in (_local_seat(n, lex) for n in names) if x and x not in names]
        ent = DocEntity(len(entities), cls, label, [label] + sorted(n for n in names if n != label), attrs,
                        sorted({named[i].sentence for i in idx}))
        for i in idx:
            named[i].entity = ent.local_id
        entities.append(ent)
    return entities


def _person_orgs(named: list[Mention], entities: list[DocEntity]) -> None:
    """Persons: the organisation as an entity label (the first mention with one wins)."""
    by_span = {(m.start, m.end): m for m in named}
    for m in named:
        if m.cls in ("Official", "Executive") and "org_span" in m.attrs:
            org = by_span.get(tuple(m.attrs["org_span"]))
            if org is not None and org.entity >= 0:
                m.attrs["org_entity"] = org.entity
    org_set: set[int] = set()
    for m in named:                             # the first mention with an organisation wins
        if m.cls in ("Official", "Executive") and "org_entity" in m.attrs and m.entity not in org_set:
            org_set.add(m.entity)
            entities[m.entity].attrs["org"] = entities[m.attrs["org_entity"]].label


def _edition_prefix(prefix: str, lex: Lexicon) -> bool:
    """A year and/or places in front of a programme name: "2024年赣县区（赣州高新区）"."""
    from kg.extract.names import place_names
    rest = re.sub(r"^\d{4}(?:[—-]\d{4})?年度?", "", prefix)
    rest = re.sub(r"[（(][^（）()]{2,16}[）)]", "", rest)
    if not rest:
        return prefix != ""
    places = place_names(lex)
    return rest in places or (len(rest) <= 6 and rest.endswith(("省", "市", "区", "县")))


def _full_names(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FULLNAME.finditer(text)]
