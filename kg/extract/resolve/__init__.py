"""Entity resolution: in one document (names, short forms, anaphors) and across the corpus.

Document level: mentions of one thing are grouped (same normal form, "以下简称" definitions,
company short forms, park names with/without province or city prefix) and generic references
("该高新区", "园区", "该公司") are resolved to the article's topic park / the last company.
Corpus level: one :class:`~kg.model.Entity` per real-world thing across documents, with a
canonical label (the most complete form), sorted aliases and a deterministic key.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict

from kg.model import (CLASSES, PROPERTIES, Article, Corpus, DocEntity, DocResult, Entity,
                      Evidence, Mention, Relation, Sentence)
from kg.extract.names import (Lexicon, company_short_forms, ending_index, find_names, longest_ending,
                      norm, standard_expansions, strip_place_prefix)
from kg.extract.candidates import PARENT_OF_UNIT


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


# --- document level -----------------------------------------------------------------------

def _mentioned_in(ent: DocEntity, si: int) -> None:
    """Record that ``ent`` is mentioned in sentence ``si``: each sentence once, in order."""
    if si not in ent.sentences:
        ent.sentences.append(si)
        ent.sentences.sort()


def _anaphors(text: str, mentions: list[Mention], lex: Lexicon, toks) -> list[Mention]:
    """Occurrences of anaphors ("该高新区", "园区", "该公司") outside named mentions."""
    kinds, alt = _anaphor_words(lex)
    if not kinds:
        return []
    spans = sorted((m.start, m.end) for m in mentions)
    out = []
    for m in alt.finditer(text):
        s, e = m.start(), m.end()
        i = bisect.bisect_right(spans, (s, 10**9)) - 1
        if (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e):
            continue
        word = m.group(0)
        if kinds[word] == "here":
            # "在此落户", "扎根于此", "来到这里"; not "此外", "在此基础上"
            if not _LOCATIVE_BEFORE.search(text, max(0, s - 4), s) or _NOT_HERE_AFTER.match(text, e):
                continue
            out.append(Mention(s, e, word, "", -1, "anaphor", 0.6, {"kind": "park", "word": word},
                               anaphor=True))
            continue
        if not word.startswith(("该", "本", "全")) and toks is not None:
            k = toks.index_at(s)
            if toks.starts[k] < s:
                continue                        # glued inside a longer word
            if k > 0:
                pw, pt = toks.words[k - 1], toks.pos[k - 1]
                if pt in ("n", "ns", "nz", "nt", "j", "a", "b", "m") and pw not in lex.set("stop_prefixes"):
                    continue                    # "国家高新区", "省级开发区": a class, not the topic
            if re.match(r"[\u4e00-\u9fff]", text[e:e + 1]) and kinds[word] == "company":
                nxt = text[e:e + 2]
                if nxt[:1] not in "将在已于是的还与和把对从为也就新今正计目近累两持均自追又再拟增由去明" and \
                        not _OWN_UNIT_AFTER.match(text, e):
                    continue                    # "公司客户", "公司用工…" are fine; "公司章程" not
        out.append(Mention(s, e, word, "", -1, "anaphor", 0.7, {"kind": kinds[word], "word": word},
                           anaphor=True))
    return out


@functools.lru_cache(maxsize=8)
def _anaphor_words(lex: Lexicon) -> tuple[dict[str, str], re.Pattern | None]:
    """Anaphor word -> kind, and the pattern that finds them (built once per lexicon)."""
    from kg.extract.relations.context import lexicon_words
    kinds: dict[str, str] = {}
    for entry in (*lex["anaphors"], *lexicon_words(lex, "relation_anaphors")):
        kind, _, word = entry.partition(":")
        kinds[word] = kind
    if not kinds:
        return kinds, None
    return kinds, re.compile("|".join(sorted(map(re.escape, kinds), key=len, reverse=True)))


# "公司控股子公司X", "公司全资子公司X": the company speaks of a unit of its own
_OWN_UNIT_AFTER = re.compile(r"(?:全资|控股|独资)?子公司")
_LOCATIVE_BEFORE = re.compile(r"(?:在|于|落户|扎根|来到|入驻|进驻|留在|落地)$")
_NOT_HERE_AFTER = re.compile(r"(?:基础|背景|之前|之后|前|后|次|外|时|期间|类|项|举|种)")


def _topic_fits(word: str, ent: DocEntity, lex: Lexicon) -> bool:
    """A bare park ending ("新区") refers to the topic park only when that park's name has it."""
    if word not in lex.set("park_zone_suffixes") and word != "新区":
        return True
    if word in ("高新区", "经开区", "开发区", "园区"):
        return True                             # long-standing generic uses (see anaphors.txt)
    # "新区" is not "高新区": the topic's own ending must be the word itself
    return any(n.endswith(word) and not any(n.endswith(x) and x != word and x.endswith(word)
                                            for x in lex["park_zone_suffixes"]) for n in ent.names)


def resolve_document(text: str, sentences: list[Sentence], articles: list[Article],
                     mentions: list[Mention], lex: Lexicon, toks=None) -> tuple[list[Mention], list[DocEntity]]:
    """Group mentions into document entities; resolve anaphors. Returns (mentions, entities)."""
    named = [m for m in mentions if not m.anaphor]
    uf = _UF(len(named))
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
        for k in sorted(keys):
            key = (m.cls, k)
            if key in first:
                uf.union(first[key], i)
            else:
                first[key] = i
    # 2. defined short forms point at their full name ("X（以下简称Y）", "“Y”全称为“X”")
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
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(named)):
        groups[uf.find(i)].append(i)

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
                for x in standard_expansions(n):
                    if x not in names:
                        names.append(x)
        if cls in ("Official", "Executive"):
            best = max(idx, key=lambda i: (len(named[i].attrs.get("title", "")), -named[i].start))
            for k in ("title", "org"):
                if named[best].attrs.get(k):
                    attrs[k] = named[best].attrs[k]
        if cls == "Policy":
            attrs["kind"] = named[idx[0]].attrs.get("kind", "document")
        ent = DocEntity(len(entities), cls, label, [label] + sorted(n for n in names if n != label), attrs,
                        sorted({named[i].sentence for i in idx}))
        for i in idx:
            named[i].entity = ent.local_id
        entities.append(ent)

    # persons: the organisation as an entity label
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

    # 3. shorter forms of agency names the recogniser left out ("浦东新区" after "上海市浦东新区")
    named = named + _agency_aliases(text, sentences, named, entities, lex, toks)
    named = named + _park_aliases(text, sentences, named, entities, lex, toks)
    named = named + _park_bodies(text, sentences, named, entities, lex, toks)
    named = named + _park_heads(text, sentences, named, entities, lex, toks)
    # 4. anaphors -> the article's topic park / the last company / the last policy of that kind
    short = _suffix_anaphors(text, sentences, named, entities, lex, toks)
    anas = _anaphors(text, named + short, lex, toks)
    anas += _policy_anaphors(text, sentences, named, entities)
    sent_starts = [s.start for s in sentences]
    topic = topic_parks(articles, named, entities)
    out = list(named) + short
    # a multinational parent named in passing ("作为三星电子在华最大的投资项目，该公司…") is no
    # antecedent of 该公司: the local company is
    # nor is the parent a sentence names only to describe its unit ("这家由A全资设立的子公司",
    # "是A的控股子公司"): the unit is what "公司" goes on to mean
    companies = sorted((m.start, m.entity) for m in named
                       if m.cls == "Company" and m.rule not in ("company:parent-brand", "company:group-brand")
                       and not PARENT_OF_UNIT.match(text, m.end))
    comp_starts = [c[0] for c in companies]
    park_at: dict[int, Mention] | None = None
    park_sents: set[int] = set()
    zone_leads: dict[int, int] | None = None
    self_named: tuple | None = None
    for a in anas:
        si = max(0, bisect.bisect_right(sent_starts, a.start) - 1)
        art = sentences[si].article if sentences else 0
        a.sentence = si
        if a.attrs["kind"] == "park":
            t = topic.get(art)
            if zone_leads is None:
                zone_leads = _paragraph_zone_leads(text, named, entities)
            lead = _paragraph_lead(text, zone_leads, a.start)
            if lead is not None and lead != t and _lead_fits(a.attrs.get("word", ""), entities[lead]):
                t = lead                        # a round-up's paragraph on one zone of several
            if t is None or not _topic_fits(a.attrs.get("word", ""), entities[t], lex):
                continue
            if a.attrs.get("word") in ("园区", "该园区"):
                # "…，P已入驻企业800家。…介绍，园区集聚了…": the sub-park the previous sentence
                # was about, when it opened on it and this one names no park before the word
                if park_at is None:
                    park_at = {m.start: m for m in named if m.cls == "Park"}
                    park_sents = {m.sentence for m in named if m.cls == "Park"}
                sp = _subject_subpark(text, sentences, park_at, park_sents, entities, si)
                if sp is not None:
                    t = sp
                    a.rule = "anaphor:subject-subpark"
            a.cls, a.entity = "Park", t
        elif a.attrs["kind"] == "policy":
            pass                                # resolved by _policy_anaphors
        else:
            j = bisect.bisect_left(comp_starts, a.start) - 1
            if j < 0:
                continue
            if self_named is None:
                self_named = _self_named_company(text, companies)
                if self_named:
                    dsi = max(0, bisect.bisect_right(sent_starts, self_named[0]) - 1)
                    self_named = (self_named[0], self_named[1], sentences[dsi].article if sentences else 0)
            if a.attrs.get("word") == "公司" and self_named and self_named[2] == art and self_named[0] < a.start:
                # "A（以下简称“A'”或“公司”）": the filer's own word for itself, all article long
                a.cls, a.entity = "Company", self_named[1]
                out.append(a)
                _mentioned_in(entities[a.entity], si)
                continue
            cs, ce = companies[j]
            csi = max(0, bisect.bisect_right(sent_starts, cs) - 1)
            if (sentences[csi].article if sentences else 0) != art or si - csi > 6:
                continue
            a.cls, a.entity = "Company", ce
        out.append(a)
        _mentioned_in(entities[a.entity], si)
    out.sort(key=lambda m: (m.start, m.end))
    return out, entities


_CALLED_COMPANY = re.compile(r"[（(](?:以下)?简称[^（）()]{0,24}?[“\"]公司[”\"][）)]")


# how far into its paragraph a zone may be named and still open it ("在安徽，蚌埠高新区依托…")
_LEAD_WITHIN = 8


def _paragraph_zone_leads(text: str, named: list[Mention], entities: list[DocEntity]) -> dict[int, int]:
    """Paragraph start -> the zone the paragraph opens on ("在广西，柳州高新区把…")."""
    out: dict[int, int] = {}
    for m in sorted(named, key=lambda m: m.start):
        if m.cls != "Park" or m.entity < 0 or entities[m.entity].attrs.get("kind") != "zone":
            continue
        p = text.rfind("\n", 0, m.start) + 1
        if m.start - p <= _LEAD_WITHIN and "\n" not in text[p:m.start]:
            out.setdefault(p, m.entity)
    return out


def _paragraph_lead(text: str, leads: dict[int, int], pos: int) -> int | None:
    if not leads:
        return None
    return leads.get(text.rfind("\n", 0, pos) + 1)


def _lead_fits(word: str, ent: DocEntity) -> bool:
    """"高新区" in a paragraph opened by "蚌埠高新区" is that zone; "园区" is any zone."""
    w = word.lstrip("该本")
    return w in ("园区", "区内") or any(n.endswith(w) for n in ent.names)


def _self_named_company(text: str, companies: list[tuple[int, int]]) -> tuple:
    """The company a filing defines as "公司" ("A（以下简称“A'”或“公司”）"): (position, entity),
    or () when none is."""
    if "“公司”" not in text and '"公司"' not in text:
        return ()
    for m in _CALLED_COMPANY.finditer(text):
        before = [c for c in companies if c[0] < m.start()]
        if before:
            return (m.start(), before[-1][1])
    return ()


_SUBJECT_LEAD = re.compile(r"(?:作为[^，。；]{2,30}，|目前，|如今，|近年来，|同时，)?")


def _subject_subpark(text: str, sentences: list[Sentence], park_at: dict[int, Mention],
                     park_sents: set[int], entities: list[DocEntity], si: int) -> int | None:
    """The sub-park that opens sentence si-1 (after "作为…，"), if sentence si names no park.
    ``park_at``: named park mentions by start; ``park_sents``: sentences that name a park."""
    if si == 0 or sentences[si - 1].article != sentences[si].article or si in park_sents:
        return None
    m = park_at.get(_SUBJECT_LEAD.match(text, sentences[si - 1].start).end())
    if m is not None and m.entity >= 0 and entities[m.entity].attrs.get("kind") == "subpark":
        return m.entity
    return None


def _places(lex: Lexicon) -> frozenset[str]:
    from kg.extract.names import place_names
    return place_names(lex)


def _edition_prefix(prefix: str, lex: Lexicon) -> bool:
    """A year and/or places in front of a programme name: "2024年赣县区（赣州高新区）"."""
    from kg.extract.names import place_names
    rest = re.sub(r"^\d{4}(?:[—-]\d{4})?年度?", "", prefix)
    rest = re.sub(r"[（(][^（）()]{2,16}[）)]", "", rest)
    if not rest:
        return prefix != ""
    places = place_names(lex)
    return rest in places or (len(rest) <= 6 and rest.endswith(("省", "市", "区", "县")))


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps one of the sorted, non-nested ``spans``."""
    i = bisect.bisect_right(spans, (s, 10**9)) - 1
    return (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e)


def _place_stripped_mentions(text: str, sentences: list[Sentence], named: list[Mention],
                             entities: list[DocEntity], toks, forms: dict[str, int],
                             cls: str) -> list[Mention]:
    """Mentions of the short ``forms`` (short form -> DocEntity.local_id) wherever they stand as
    whole words outside the named mentions; each joins its entity's sentences."""
    if not forms:
        return []
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    out = []
    for s, e, form in find_names(forms, text):
        if _covered(spans, s, e):
            continue
        if toks is not None:
            k = toks.index_at(s)
            if toks.starts[k] < s:
                continue                        # inside a longer word
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        ent = forms[form]
        attrs = {"kind": entities[ent].attrs.get("kind")} if cls == "Park" else {}
        out.append(Mention(s, e, form, cls, si, "alias:place-stripped", 0.8, attrs, ent))
        _mentioned_in(entities[ent], si)
    return out


def _agency_aliases(text: str, sentences: list[Sentence], named: list[Mention],
                    entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """Agency names used without their leading place: "上海市浦东新区" … "浦东新区与…".

    Only a remainder that is itself a known place (a district named as an actor) counts, so a
    bare "规划资源局" is never taken for "上海市规划资源局".
    """
    from kg.extract.names import place_names
    places = place_names(lex)
    forms: dict[str, int] = {}
    for e in entities:
        if e.cls != "Agency":
            continue
        for n in e.names:
            for v in strip_place_prefix(n, lex, keep=2):
                if v in places and len(v) >= 3:
                    forms.setdefault(v, e.local_id)
    return _place_stripped_mentions(text, sentences, named, entities, toks, forms, "Agency")


def _park_aliases(text: str, sentences: list[Sentence], named: list[Mention],
                  entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """Park names used without their leading place: "厦门火炬高新区" … "在火炬高新区落户".

    The shorter form must keep a proper core before the park ending ("火炬高新区", not "高新区")
    and belong to one park of the document only.
    """
    sufs = park_suffixes(lex) + ("高新区", "经开区")
    suf_index = ending_index(sufs)
    forms: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        if e.cls != "Park":
            continue
        for n in e.names:
            suf = longest_ending(n, suf_index) or ""
            for v in strip_place_prefix(n, lex, keep=2, suffixes=sufs):
                if len(v) - len(suf) >= 2 and not v.startswith(_CATEGORY):
                    forms[v].add(e.local_id)
    forms = {k: ids.pop() for k, ids in forms.items() if len(ids) == 1}
    return _place_stripped_mentions(text, sentences, named, entities, toks, forms, "Park")


_PARK_BODY = re.compile("管理委员会|管委会|管理局|党工委")


def _park_forms_by_article(parks: list[DocEntity], sentences: list[Sentence], named: list[Mention],
                           lex: Lexicon) -> tuple[dict[int, list[str]], dict[int, set[int]]]:
    """Every name form of each park (with and without its place prefix), and the parks each
    article names: what a bare head ("前海管理局", "扎根前海") can be matched against."""
    forms: dict[int, list[str]] = {}
    for e in parks:
        fs = set(e.names)
        for n in e.names:
            fs.update(strip_place_prefix(n, lex, keep=2))
        forms[e.local_id] = sorted(fs)
    art_parks: dict[int, set[int]] = defaultdict(set)
    for m in named:
        if m.cls == "Park" and m.entity >= 0 and 0 <= m.sentence < len(sentences):
            art_parks[sentences[m.sentence].article].add(m.entity)
    return forms, art_parks


def _owners_by_head(forms: dict[int, list[str]], art_parks: dict[int, set[int]], most: int = 8
                    ) -> dict[int, dict[str, set[int]]]:
    """article -> head -> the article's parks one of whose name forms starts with the head and
    is at least two characters longer (heads of 2..``most`` characters): looked up, not tried
    against every park for every occurrence (quadratic in a page naming thousands of parks)."""
    out: dict[int, dict[str, set[int]]] = {}
    for art, ps in art_parks.items():
        d: dict[str, set[int]] = defaultdict(set)
        for p in ps:
            for f in forms[p]:
                for n in range(2, min(most, len(f) - 2) + 1):
                    d[f[:n]].add(p)
        out[art] = d
    return out


def _park_bodies(text: str, sentences: list[Sentence], named: list[Mention],
                 entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A park's management body named by the head of the park's name: "前海管理局" in an article
    about 前海深港现代服务业合作区 stands for that park (as the employer of its officials, the
    issuer of its policies, the other side of its agreements) — when the head starts the name of
    exactly one park of the article (or of one zone, whose sub-parks are named after it)."""
    parks = [e for e in entities if e.cls == "Park"]
    if not parks or not sentences:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    by_head = _owners_by_head(forms, art_parks)
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    places = _places(lex)
    out = []
    for occ in _PARK_BODY.finditer(text):
        b = occ.start()
        si = max(0, bisect.bisect_right(sent_starts, b) - 1)
        here = art_parks.get(sentences[si].article)
        if not here:
            continue
        for n in range(8, 1, -1):
            a = b - n
            head = text[a:b]
            if a < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", head) or head in places or \
                    head.startswith(_CATEGORY):
                continue
            if toks is not None:
                k = toks.index_at(a)
                if toks.starts[k] != a:
                    continue                    # starts inside a word
            owners = set(by_head[sentences[si].article].get(head, ()))
            if len(owners) > 1:
                # "前海深港国际金融城" inside "前海深港现代服务业合作区": the zone has the body
                owners = {p for p in owners if entities[p].attrs.get("kind") == "zone"}
            if len(owners) != 1:
                continue
            if _covered(spans, a, occ.end()):
                break
            ent = owners.pop()
            out.append(Mention(a, occ.end(), text[a:occ.end()], "Park", si, "alias:park-body", 0.75,
                               {"kind": entities[ent].attrs.get("kind")}, ent))
            _mentioned_in(entities[ent], si)
            break
    return out


def _park_heads(text: str, sentences: list[Sentence], named: list[Mention],
                entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A zone called by the head of its name after a verb of place: "扎根前海已近十年", "在前海设立"
    in an article about 前海深港现代服务业合作区 — a whole word, no place name, the start of the
    name of exactly one park (or zone) of the article."""
    if toks is None:
        return []
    parks = [e for e in entities if e.cls == "Park"]
    if not parks or not sentences:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    places = _places(lex)
    stops = lex.set("stop_prefixes")
    # "落户经开区" in an article about "X经开区新能源汽车产业园": a bare park word is the
    # anaphor of the zone (resolved later), not the head of a sub-park named after that zone
    generic = {e.partition(":")[2] for e in lex["anaphors"] if e.startswith("park:")}
    by_head = _owners_by_head(forms, art_parks, 4)
    out = []
    for occ in _HEAD_AFTER_VERB.finditer(text):
        a = occ.end()
        k = toks.index_at(a)
        if k >= len(toks.words) or toks.starts[k] != a:
            continue
        head = toks.words[k]
        if not 2 <= len(head) <= 4 or head in places or not re.fullmatch(r"[\u4e00-\u9fff]+", head) or \
                head.startswith(_CATEGORY) or head in stops:
            continue                            # "在国家的支持下": a category word, no name
        if _covered(spans, a, a + len(head)) or head in generic:
            continue
        si = max(0, bisect.bisect_right(sent_starts, a) - 1)
        owners = set(by_head.get(sentences[si].article, {}).get(head, ()))
        if len(owners) > 1:
            owners = {p for p in owners if entities[p].attrs.get("kind") == "zone"}
        if len(owners) != 1:
            continue
        ent = owners.pop()
        out.append(Mention(a, a + len(head), head, "Park", si, "alias:park-head", 0.7,
                           {"kind": entities[ent].attrs.get("kind")}, ent))
        _mentioned_in(entities[ent], si)
    return out


@functools.lru_cache(maxsize=8)
def _suffix_anaphor_words(lex: Lexicon) -> tuple[list[str], re.Pattern]:
    """Park endings that may stand for a park of the article, longest first, and their pattern."""
    generic = {e.partition(":")[2] for e in lex["anaphors"] if e.startswith("park:")}
    words = sorted((w for w in lex["park_suffixes"] if len(w) >= 3 and w not in generic),
                   key=len, reverse=True)
    return words, re.compile("|".join(map(re.escape, words)))


_HEAD_AFTER_VERB = re.compile("在|落户|扎根|入驻|进驻|来到|落地|留在")


def _suffix_anaphors(text: str, sentences: list[Sentence], named: list[Mention],
                     entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A park called by the generic ending of its name alone ("入驻产业园", "在科学城建成") in an
    article that names a park with that ending (three characters or more: "光谷" is a name of its
    own): the most recent such park of the same article
    (the first one when the short form comes before any). Never across articles."""
    if toks is None or not sentences:
        return []
    words, alt = _suffix_anaphor_words(lex)
    parks = [e for e in entities if e.cls == "Park"]
    if not words or not parks:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    spans = sorted((m.start, m.end) for m in named)
    seen = sorted((m.start, m.entity) for m in named if m.cls == "Park" and m.entity >= 0)
    sent_starts = [s.start for s in sentences]
    stops = lex.set("stop_prefixes")
    seen_art = [sentences[max(0, bisect.bisect_right(sent_starts, st) - 1)].article for st, _ in seen]
    # per (article, word): the candidate parks, and where the document named one of them in
    # that article — computed once, not per occurrence (quadratic in a page of many parks)
    cands_of: dict[tuple[int, str], set[int]] = {}
    named_at: dict[tuple[int, str], list[tuple[int, int]]] = {}
    out = []
    for occ in alt.finditer(text):
        s, e = occ.start(), occ.end()
        if _covered(spans, s, e):
            continue
        k = toks.index_at(s)
        if k >= len(toks.words) or toks.starts[k] != s or toks.starts[k] + len(toks.words[k]) > e:
            continue                            # glued inside a longer word
        if k > 0 and toks.pos[k - 1] in ("n", "ns", "nz", "nt", "nr", "j", "a", "b", "m", "vn", "x", "eng") \
                and toks.words[k - 1] not in stops:
            continue                            # "智能产业园": an unnamed park of a kind, no short form
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        art = sentences[si].article
        word = occ.group(0)
        key = (art, word)
        cands = cands_of.get(key)
        if cands is None:
            cands = cands_of[key] = {p for p in art_parks.get(art, ()) if any(
                f.endswith(word) and len(f) > len(word) for f in forms[p])}
            named_at[key] = [x for x, a in zip(seen, seen_art) if x[1] in cands and a == art]
        if not cands:
            continue
        at = named_at[key]
        j = bisect.bisect_left(at, (s, -1)) - 1     # the last (start, entity) before s
        if j >= 0:
            ent = at[j][1]
        elif len(cands) == 1:
            ent = next(iter(cands))
        else:
            continue
        out.append(Mention(s, e, word, "Park", si, "anaphor:park-suffix", 0.65,
                           {"kind": "park", "word": word}, ent, anaphor=True))
        _mentioned_in(entities[ent], si)
    return out


# "该意见", "上述办法"; and a bare policy word in book-title marks ("《政策》的出台") when no
# "简称" defined it: the document spoken of, not a title of its own
_POLICY_ANAPHOR = re.compile(r"(?:该|上述|这一|此|这项|这些)(意见|办法|方案|规划|政策|计划|行动|清单|细则|措施|通知|条例)|"
                             r"(?<=《)(意见|办法|方案|规划|政策|计划|清单|细则|措施|通知|条例)(?=》)")


def _policy_anaphors(text: str, sentences: list[Sentence], named: list[Mention],
                     entities: list[DocEntity]) -> list[Mention]:
    """"该意见", "上述办法" -> the nearest earlier policy of that kind in the same article."""
    pols = sorted((m.start, m.entity) for m in named if m.cls == "Policy" and m.entity >= 0)
    if not pols:
        return []
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    out = []
    for occ in _POLICY_ANAPHOR.finditer(text):
        s, e = occ.start(), occ.end()
        if _covered(spans, s, e):
            continue
        head = occ.group(1) or occ.group(2)
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        j = bisect.bisect_left(pols, (s, -1)) - 1
        while j >= 0:
            ps, ent = pols[j]
            psi = max(0, bisect.bisect_right(sent_starts, ps) - 1)
            if sentences[psi].article != sentences[si].article or si - psi > 5:
                j = -1
                break
            label = re.sub(r"[（(][^（）()]*[）)]$", "", entities[ent].label)
            if head == "政策" or label.endswith(head):
                break
            j -= 1
        if j < 0:
            continue
        out.append(Mention(s, e, occ.group(0), "Policy", si, "anaphor", 0.7, {"kind": "policy"},
                           pols[j][1], anaphor=True))
        _mentioned_in(entities[pols[j][1]], si)
    return out


_DEFN = re.compile(r"[》”\"]?\s*[（(]\s*(?:以下简称|以下称|下称|简称)[:：]?\s*[《“\"]?")
_FULLNAME = re.compile("“([^“”]{2,16})”全称(?:为|是)?“([^“”]{2,40})”")


_LEVEL_WORDS = frozenset("省市县区州盟旗")


def _full_names(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _FULLNAME.finditer(text)]


def topic_parks(articles: list[Article], mentions: list[Mention], entities: list[DocEntity]) -> dict[int, int]:
    """Per article index: the local id of its topic park (the zone it talks about most)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    firsts: dict[tuple[int, int], int] = {}
    starts = [a.start for a in articles]
    for m in mentions:
        if m.cls != "Park" or m.entity < 0:
            continue
        art = _article_of(articles, m.start, starts)
        w = 2 if entities[m.entity].attrs.get("kind") == "zone" else 1
        counts[art][m.entity] += w
        firsts.setdefault((art, m.entity), m.start)
        if articles and art < len(articles):
            a = articles[art]
            if a.title and m.start < a.start + len(a.title) + 4:
                counts[art][m.entity] += 2
    out = {}
    for art, c in counts.items():
        out[art] = max(c, key=lambda e: (c[e], -firsts[(art, e)]))
    return out


def _article_of(articles: list[Article], pos: int, starts: list[int] | None = None) -> int:
    """The article holding ``pos`` (articles are sorted and disjoint; ``starts``: their starts)."""
    if not articles:
        return 0
    if starts is None:
        starts = [a.start for a in articles]
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < articles[i].end:
        return articles[i].idx
    return articles[-1].idx if pos >= articles[-1].end else 0


# --- corpus level -------------------------------------------------------------------------

def _policy_keys(name: str) -> set[str]:
    n = norm(name)
    keys = {n}
    i = n.find("关于")
    if i > 0:
        keys.add(n[i:])
    return keys


_PEOPLES_GOVERNMENT = re.compile(r"(?<=..[省市区县州旗盟])人民政府$")


@functools.lru_cache(maxsize=8)
def _agency_alias_map(lex: Lexicon) -> dict[str, str]:
    """Every form of an agency_aliases entry ("科学技术部=科技部") -> the entry's first form."""
    out: dict[str, str] = {}
    for entry in lex["agency_aliases"]:
        forms = [norm(f) for f in entry.split("=") if f]
        for f in forms:
            out.setdefault(f, forms[0])
    return out


def resolve_corpus(results: list[DocResult], lex: Lexicon | None = None) -> Corpus:
    """One entity per real-world thing across documents; relations mapped to entity keys."""
    from kg.extract.names import load_lexicon
    lex = lex or load_lexicon()
    results = sorted(results, key=lambda r: r.doc_id)
    items: list[tuple[int, DocEntity]] = [(d, e) for d, r in enumerate(results) for e in r.entities]
    uf = _UF(len(items))
    index: dict[tuple[str, str], int] = {}

    def link(i: int, key: tuple[str, str]) -> None:
        if key in index:
            uf.union(index[key], i)
        else:
            index[key] = i

    agency_alias = _agency_alias_map(lex)
    short_only: list[int] = []
    for i, (d, e) in enumerate(items):
        if e.cls == "Park":
            for n in e.names:
                # in any order: the groups are the connected components whatever the order
                for k in _park_keys_cached(n, lex):
                    link(i, ("Park", k))
        elif e.cls == "Policy":
            for n in e.names[:1]:
                for k in sorted(_policy_keys(n)):
                    link(i, ("Policy", k))
        elif e.cls == "Company":
            if _legal(e.label, lex):
                link(i, ("Company", norm(e.label)))
            else:
                short_only.append(i)
        elif e.cls in ("Official", "Executive"):
            continue
        else:
            for n in e.names:
                link(i, (e.cls, norm(n)))
                if e.cls == "Agency":
                    if norm(n) in agency_alias:
                        link(i, ("Agency", agency_alias[norm(n)]))
                    # "重庆市政府" is the everyday name of "重庆市人民政府"
                    link(i, ("Agency", _PEOPLES_GOVERNMENT.sub("政府", norm(n))))
    # companies: a short-name-only entity joins the one legal entity it abbreviates
    legal_forms: dict[str, set[int]] = defaultdict(set)
    for i, (d, e) in enumerate(items):
        if e.cls == "Company" and _legal(e.label, lex):
            root = uf.find(i)
            for n in e.names:
                legal_forms[norm(n)].add(root)
            # a two-character brand too ("华为" of 华为技术有限公司), named on its own elsewhere
            for sf in company_short_forms(e.label, lex, 2):
                legal_forms[norm(sf)].add(root)
    # a document that names both the short form and the legal name as two entities has told
    # them apart (a parent and its local subsidiary: 台积电 and 台积电（南京）有限公司)
    docs_of: dict[int, set[int]] = defaultdict(set)
    for i, (d, e) in enumerate(items):
        if e.cls == "Company":
            docs_of[uf.find(i)].add(d)
    # … and that short form names the parent in every other document too
    parents = {norm(n) for i in short_only for n in items[i][1].names
               if any(items[i][0] in docs_of[uf.find(r)] for r in legal_forms.get(norm(n), ()))}
    for i in short_only:
        d, e = items[i]
        roots = set()
        for n in e.names:
            if norm(n) in parents:
                roots = set()
                break
            roots |= {uf.find(r) for r in legal_forms.get(norm(n), ()) if d not in docs_of[uf.find(r)]}
        if len(roots) == 1:
            uf.union(roots.pop(), i)
        else:
            link(i, ("Company~short", norm(e.label)))
    # persons: same name and same organisation; a person without organisation joins a namesake
    persons: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (d, e) in enumerate(items):
        if e.cls in ("Official", "Executive"):
            persons[(e.cls, e.label)].append(i)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        if items[i][1].cls not in ("Official", "Executive"):
            groups[uf.find(i)].append(i)

    entities: list[Entity] = []
    where: dict[tuple[int, int], tuple[str, str]] = {}   # (doc, local id) -> (cls, key)
    label_of_item: dict[int, str] = {}
    for root, idx in groups.items():
        cls = items[idx[0]][1].cls
        names = [n for i in idx for n in items[i][1].names]
        # the canonical label is a form the texts use (not a generated expansion)
        label = _label(sorted({items[i][1].label for i in idx}), cls, lex)
        for i in idx:
            label_of_item[i] = label
        entities.append(_entity(cls, label, names, idx, items, results))
    # persons after organisations, so that the key can use the organisation's canonical label
    doc_local_label = {}
    for i, (d, e) in enumerate(items):
        if i in label_of_item:
            doc_local_label[(d, e.label)] = label_of_item[i]
    for (cls, name), idx in sorted(persons.items()):
        by_org: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            d, e = items[i]
            org = e.attrs.get("org", "")
            by_org[doc_local_label.get((d, org), org)].append(i)
        if "" in by_org and len(by_org) == 2:
            other = next(k for k in by_org if k)
            by_org[other] += by_org.pop("")
        for org, ids in sorted(by_org.items()):
            ent = _entity(cls, name, [name], ids, items, results)
            if org:
                ent.attrs["org"] = org
                ent.key = f"{name}~{org}"
            titles = [items[i][1].attrs.get("title") for i in ids if items[i][1].attrs.get("title")]
            if titles:
                ent.attrs["title"] = max(titles, key=lambda t: (len(t), t))
            entities.append(ent)
            for i in ids:
                label_of_item[i] = ent.key

    # keys: unique within a class
    seen: Counter = Counter()
    for ent in sorted(entities, key=lambda e: (e.cls, e.key, e.label)):
        seen[(ent.cls, ent.key)] += 1
        if seen[(ent.cls, ent.key)] > 1:
            ent.key = f"{ent.key}~{seen[(ent.cls, ent.key)]}"
    key_of_item: dict[int, tuple[str, str]] = {}
    for ent in entities:
        for i in ent.attrs.pop("_items"):
            key_of_item[i] = (ent.cls, ent.key)
    for i, (d, e) in enumerate(items):
        where[(d, e.local_id)] = key_of_item[i]

    rels: dict[tuple[str, str, str, str, str], list[Evidence]] = defaultdict(list)
    for d, r in enumerate(results):
        for j, rel in enumerate(r.relations):
            s = where.get((d, rel.s))
            o = where.get((d, rel.o))
            if s is None or o is None or s == o:
                continue
            src = r.relation_src[j] if j < len(r.relation_src) else (0, 0)
            rels[(s[1], s[0], rel.p, o[1], o[0])].append(
                Evidence(r.doc_id, rel.sentence, src[0], src[1], rel.rule, rel.confidence))
    relations = []
    for (s, s_cls, p, o, o_cls), ev in rels.items():
        if len(ev) > 1:   # most relations have one evidence sentence
            ev = sorted({(x.doc_id, x.sentence, x.src_start, x.src_end, x.rule): x for x in ev}.values(),
                        key=lambda x: (x.doc_id, x.sentence, x.src_start, x.rule))
        relations.append(Relation(s, s_cls, p, o, o_cls, ev))
    entities.sort(key=lambda e: (CLASSES.index(e.cls), e.key))
    relations.sort(key=lambda r: (PROPERTIES.index(r.p), r.s_cls, r.s, r.o_cls, r.o))
    return Corpus(results, entities, relations,
                  {(results[d].doc_id, lid): k for (d, lid), k in where.items()})


def _entity(cls: str, label: str, names: list[str], idx: list[int], items, results) -> Entity:
    nl = norm(label)
    aliases = sorted({n for n in set(names) if n != label and (norm(n) != nl or n.replace(" ", "") != label)})
    found: set[tuple[str, int]] = set()
    for i in idx:
        doc_id = results[items[i][0]].doc_id
        found.update([(doc_id, s) for s in items[i][1].sentences])
    mentions = sorted(found)
    attrs: dict = {"_items": list(idx)}
    kinds = {items[i][1].attrs.get("kind") for i in idx} - {None}
    if kinds:
        attrs["kind"] = "zone" if "zone" in kinds else sorted(kinds)[0]
    return Entity(label, cls, label, aliases, attrs, mentions)
