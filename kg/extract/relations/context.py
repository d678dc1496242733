"""What the relation rules of one document share: the document as they see it, the sentence
at hand, the relations found so far, and the clause-level helpers every family uses.

:class:`Doc` is built once per document (:func:`document`): the mentions by sentence, the
entities' classes and kinds, the trigger patterns, and the look-up tables a page that names
thousands of parks needs (names looked up, never tried in pairs). :func:`sentence_views` walks the
sentences with two pieces of discourse context: the article's topic park and the park that was
the subject of the previous sentence (Chinese news often drops the subject).
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator

from kg.extract.names import (Lexicon, alternation, lexicon_endings, load_lexicon, longest_ending,
                              place_names)
from kg.model import DocEntity, DocRelation, Mention, Sentence


_CLAUSE = re.compile(r"[，。；！？：,;!?:]")
_PARTNER = re.compile(r"(?:与|同|联合|携手|跟|和)$")


# the words between a clause start and its subject: time, place adverbs, connectives
# Atomic (?>…): a date can be split between two alternatives ("2024年|1月1日"), and without it a
# fullmatch that fails tries every split, 2^n for n dates (a run of twenty took seconds).
_LEAD = re.compile(
    r"(?:(?>\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?[初底末中]?|\d{1,2}月(?:\d{1,2}日)?[初底中]?|"
    r"(?:\d+|[一二两三四五六七八九十几多])多?年多?来|"
    r"目前|当前|近年来|近日|日前|今年|去年|同时|同步|此外|另外|其中|与此同时|据悉|据了解|据介绍|"
    r"下一步|未来|近期|截至目前|以来|上半年|下半年|前|后|在此基础上|而|并|也|还|又|已|先后|"
    r"率先|正式|同年|当年|随后|最终|首先|其次|再次|一是|二是|三是|四是|五是)[，、]?)*")


# "这家由A全资设立的子公司", "B由A投资成立": B is A's
_MADE_BY_AFTER = re.compile(r"(?:全资|控股|独资|出资|投资)?(?:设立|成立|组建|新设|注册成立)的?(?:全资|控股|独资)?子公司")

# "X新区内的|X高新区北部的|X经开区下辖的" + a park: the park lies inside the zone
_IN_ZONE_OF = re.compile(r"(?:内|里|境内|辖区内?|区内|[东南西北中]部|[东西南北]翼|下辖|所辖|所属|旗下)?的")


def lexicon_words(lex: Lexicon, stem: str) -> tuple[str, ...]:
    """Entries of a relation lexicon (shipped file plus the user's same-named files)."""
    return lex[stem]


@dataclass
class _Cues:
    loc: re.Pattern        # an organisation in a park ("落户", "引进", "集聚了")
    build: re.Pattern      # a park setting up an organisation ("建成A", "与B合作成立A")
    land: re.Pattern       # a project arriving or being built ("落地", "开工", "投产")
    inv: re.Pattern        # an investment ("投资", "签约", "增资")
    strong_inv: re.Pattern  # an investment that needs no park in the sentence ("新投资50亿元")
    iss: re.Pattern
    app: re.Pattern
    speech: re.Pattern
    role: re.Pattern       # "把P建设为A、B": A is what the park becomes, not an occupant
    visit: re.Pattern      # a visit ("走进P", "先后参观A、B")
    here: re.Pattern       # the park the text is about, by a bare word ("区内", "辖区")
    has_parts: re.Pattern  # a whole before its parts ("P下辖X、Y")
    part_of: tuple         # the part before its whole ("X隶属于P"), longest first


@functools.lru_cache(maxsize=8)
def _foreign_regions(lex: Lexicon) -> tuple[str, ...]:
    return tuple(w for w in lex["regions"] if len(w) >= 2 and not w.startswith("中"))


@functools.lru_cache(maxsize=8)
def _cues(lex: Lexicon) -> _Cues:
    def pat(words) -> re.Pattern:
        return re.compile(alternation(words) or "(?!)")
    return _Cues(
        loc=pat(lex["located_triggers"]),
        build=pat(lexicon_words(lex, "build_triggers")),
        land=pat(lexicon_words(lex, "landing_triggers")),
        inv=pat(lex["invest_triggers"]),
        strong_inv=re.compile(r"(?:新投资|追加投资|增资|投资额?|总投资)\s*(?:约|逾|超过|超|近|达到|达|共计|合计)?\s*\d|"
                              r"追加投资|增资扩产|增资扩能"),
        iss=pat(lex["issue_triggers"]),
        app=pat(lex["apply_triggers"]),
        speech=pat(("说", "表示", "介绍", "告诉", "坦言", "透露", "指出", "称", "谈到")),
        role=re.compile(r"(?:建设为|建设成|建设成为|打造为|打造成|打造成为|建成为|定位为|成为|列为|认定为|评为)$"),
        visit=pat(lex["visit_triggers"]),
        here=pat(lex["located_here"]),
        has_parts=pat(lex.tagged("part_triggers", "has")),
        part_of=tuple(sorted(lex.tagged("part_triggers", "of"), key=len, reverse=True)),
    )


class _Rels:
    def __init__(self) -> None:
        self.items: dict[tuple[int, str, int], DocRelation] = {}

    def add(self, s: int, p: str, o: int, sent: Sentence, rule: str, conf: float,
            span: tuple[int, int] | None = None) -> None:
        if s == o or s < 0 or o < 0:
            return
        key = (s, p, o)
        a, b = span or (sent.start, sent.end)
        a, b = max(a, sent.start), min(b, sent.end)
        if b <= a:
            a, b = sent.start, sent.end
        if key not in self.items or self.items[key].confidence < conf:
            self.items[key] = DocRelation(s, p, o, sent.idx, rule, conf, a, b)


class _Substrings:
    """Which of many (name, key) pairs have their name inside a text: the keys, sorted. A few
    names are tried one by one; many are looked up by the text's substrings of their lengths."""

    FEW = 64

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        self.pairs = pairs
        self.by_name: dict[str, set[int]] = defaultdict(set)
        for n, k in pairs:
            self.by_name[n].add(k)
        self.lengths = sorted({len(n) for n in self.by_name})

    def within(self, text: str) -> list[int]:
        if len(self.pairs) <= self.FEW:
            return sorted({k for n, k in self.pairs if n in text})
        found: set[int] = set()
        get = self.by_name.get
        for L in self.lengths:
            for a in range(len(text) - L + 1):
                found.update(get(text[a:a + L], ()))
        return sorted(found)


def _park_name_forms(entities: list[DocEntity], lex: Lexicon) -> list[tuple[str, int]]:
    """Every name form of the document's parks, also without leading places, longest first."""
    from kg.extract.names import strip_place_prefix
    sufs = lex["park_suffixes"]
    forms: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        if e.cls != "Park":
            continue
        for n in e.names:
            for v in [n, *strip_place_prefix(n, lex, keep=2, suffixes=sufs)]:
                if len(v) >= 4:
                    forms[v].add(e.local_id)
    return sorted(((n, ids.pop()) for n, ids in forms.items() if len(ids) == 1), key=lambda x: (-len(x[0]), x[0]))


def _short_parks(entities: list[DocEntity], lex: Lexicon) -> dict[str, int]:
    """Bare names of the document's parks ("张江" for 上海张江科学城): name minus ending and place."""
    from kg.extract.names import strip_place_prefix
    sufs = lexicon_endings(lex, "park_suffixes")
    out: dict[str, int] = {}
    seen: set[str] = set()
    for e in entities:
        if e.cls != "Park":
            continue
        for n in e.names:
            suf = longest_ending(n, sufs)
            if suf is None:
                continue
            core = n[: -len(suf)]
            for c in [core, *strip_place_prefix(core, lex, keep=2)]:
                if len(c) >= 2:
                    if c in out and out[c] != e.local_id:
                        seen.add(c)             # two parks share it: ambiguous
                    out[c] = e.local_id
    return {k: v for k, v in out.items() if k not in seen}


def _clause(text: str, sent: Sentence, pos: int) -> tuple[int, int]:
    """The clause (between ，。；：) of the sentence that holds ``pos``."""
    a = sent.start
    for m in _CLAUSE.finditer(text, sent.start, pos):
        a = m.end()
    m = _CLAUSE.search(text, pos, sent.end)
    return a, (m.start() if m else sent.end)


def _zero_subject(text: str, sent: Sentence, ms: list[Mention], openers: tuple[str, ...]) -> bool:
    """The sentence opens with a verb, its subject dropped ("目前，已集聚…")."""
    i = sent.start
    while i < sent.end and text[i] in "目前当近日今年同时此外据悉了解介绍下一步未来，、0123456789年月初底中来以":
        i += 1                                  # time words and connectives (cheap, over-inclusive)
    lead = _LEAD.match(text, sent.start, sent.end)
    pos = max(i, lead.end() if lead else sent.start)
    return not any(m.start == pos for m in ms) and text.startswith(openers, pos)


def _is_subject(text: str, sent: Sentence, m: Mention) -> bool:
    """The mention opens its clause (after time words and connectives) or follows "作为…，"."""
    a, _ = _clause(text, sent, m.start)
    lead = text[a:m.start]
    return bool(_LEAD.fullmatch(lead)) or lead in ("位于", "在")


# the ways one development zone's name ends: "X经开区" is also written "X经济开发区" and
# "X经济技术开发区" ("蓝山县经开区" and "蓝山县经济开发区管理委员会" in one article)
_ZONE_WORDS = (("经济技术开发区", "经济开发区", "经开区"), ("高新技术产业开发区", "高新区"))


def _zone_word_variants(name: str) -> list[str]:
    for words in _ZONE_WORDS:
        for w in words:
            if name.endswith(w):
                return [name[:-len(w)] + v for v in words if v != w]
    return []


def park_units(entities: list[DocEntity], lex: Lexicon | None = None) -> dict[int, int]:
    """Agency -> park, for a department of a park ("青岛高新区经济发展部"): it stands for the
    park in posts and as an issuer. The last park (in entity order) one of whose names (4+
    characters) opens the agency's name; looked up by name prefix, not tried in pairs. A park's
    management body (``park_management_bodies``) whose name opens with a shorter form of the
    park's name is its park too (``_managed_park``)."""
    park_ents = [e for e in entities if e.cls == "Park"]
    parks_named: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(park_ents):
        for n in p.names:
            if len(n) >= 4:
                for v in {n, *_zone_word_variants(n)}:
                    parks_named[v].append(i)
    park_unit: dict[int, int] = {}
    for e in entities:
        if e.cls != "Agency":
            continue
        hits = [i for k in range(4, len(e.label) + 1) for i in parks_named.get(e.label[:k], ())]
        if hits:
            park_unit[e.local_id] = park_ents[max(hits)].local_id
        else:
            managed = _managed_park(e.label, park_ents, lex or load_lexicon())
            if managed is not None:
                park_unit[e.local_id] = managed
    return park_unit


def management_ending(label: str, lex: Lexicon) -> str | None:
    """The ending that makes ``label`` a park's management body ("…园区管理办公室",
    ``park_management_bodies``); None for any other body."""
    return longest_ending(label, lexicon_endings(lex, "park_management_bodies"), 1)


# a county or city before a park's short name ("宁川县" in "宁川县石桥园区管理办公室")
_REGION_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,5}[省市县区]")


def _managed_park(label: str, park_ents: list[DocEntity], lex: Lexicon) -> int | None:
    """The park a management body runs ("郎溪县十字园区管理办公室" -> "安徽省郎溪县经济开发区
    十字园区"): the body's name less its ending ends like a park's name (its last 4+ characters,
    ending as a park's name does in 区/园/城/谷) and the rest of it is in that name too or is a
    county or city before it."""
    end = management_ending(label, lex)
    if end is None:
        return None
    stem = label[:-len(end)]
    if len(stem) < 4 or stem[-1] not in "区园城谷":
        return None
    for p in reversed(park_ents):
        for n in p.names:
            k = next((k for k in range(len(stem), 3, -1) if n.endswith(stem[-k:])), 0)
            if k and (stem[:-k] in n or _REGION_PREFIX.fullmatch(stem[:-k])):
                return p.local_id
    return None


def _scene_park(text: str, sent: Sentence, p: Mention) -> bool:
    """The park's clause is a bare scene-setter: "在P，", "P：", "P方面，" (with time words)."""
    a, e = _clause(text, sent, p.start)
    lead = text[a:p.start]
    if lead.endswith("在"):
        lead = lead[:-1]
    return _LEAD.fullmatch(lead) is not None and re.fullmatch(r"(?:方面|这边|内|里)?", text[p.end:e]) is not None


@dataclass
class Doc:
    """One document as the relation rules see it, and the relations found so far (``rels``)."""
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[DocEntity]
    lex: Lexicon
    topic: dict[int, int]                   # article -> its topic park
    rels: _Rels
    by_sent: dict[int, list[Mention]]       # sentence -> its resolved mentions, in text order
    cls_of: dict[int, str]
    kind_of: dict[int, str | None]          # entity -> "zone" / "subpark" (parks)
    cues: _Cues
    foreign: tuple[str, ...]                # regions abroad
    lex_places: frozenset[str]
    agency_places: set[str]                 # the document's region-like agencies ("包头市")
    issuer_of: dict[int, set[int]]          # policy -> the issuers found
    park_unit: dict[int, int]               # agency -> the park it is a department of
    agencies: list[DocEntity]
    park_long_names: list[tuple[DocEntity, list[str]]]
    agencies_named: dict[str, list[int]]    # agency label -> index in ``agencies``
    long_name_parks: _Substrings            # park names (4+ characters) -> index in ``park_long_names``
    short_parks: dict[str, int]             # bare park names ("张江") -> park
    openers: tuple[str, ...]                # words a sentence without a subject opens with
    park_names: list[tuple[str, int]]       # every park name form -> park, longest first
    company_named: dict[str, int]           # every company name form -> company
    # sentence -> the sub-park it opens on by the bare ending of its name ("该基地以A、B为龙头")
    park_refs: dict[int, int] = None
    # park -> the sentences that name it (by name or anaphor); article -> its first sentence
    park_sentences: dict[int, list[int]] = None
    article_start: dict[int, int] = None


def document(text: str, sentences: list[Sentence], mentions: list[Mention],
             entities: list[DocEntity], lex: Lexicon, topic: dict[int, int]) -> Doc:
    """The document as the rules see it (built once; the tables are looked up per sentence)."""
    rels = _Rels()
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.entity >= 0:
            by_sent[m.sentence].append(m)
    for ms in by_sent.values():
        ms.sort(key=lambda m: (m.start, -m.end))
    cls_of = {e.local_id: e.cls for e in entities}
    kind_of = {e.local_id: e.attrs.get("kind") for e in entities}
    cues = _cues(lex)
    foreign = _foreign_regions(lex)
    # the lexicon's places and the document's region-like agencies, looked up in both rather
    # than copied into one set per document
    lex_places = place_names(lex)
    agency_places = {e.label for e in entities if e.cls == "Agency" and
                     re.fullmatch(r"[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|区|县)", e.label) and
                     not re.search(r"(?:委|局|厅|办|部|署|会|院|府)", e.label)}
    issuer_of: dict[int, set[int]] = defaultdict(set)
    park_unit = park_units(entities, lex)
    agencies = [e for e in entities if e.cls == "Agency"]
    park_ents = [e for e in entities if e.cls == "Park"]
    park_long_names = [(e, [n for n in e.names if len(n) >= 4]) for e in park_ents]
    # (parks and agencies looked up by name rather than tried in pairs: a page may name thousands)
    agencies_named: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(agencies):
        if len(e.label) >= 3:
            agencies_named[e.label].append(i)
    long_name_parks = _Substrings([(n, i) for i, (_, ns) in enumerate(park_long_names) for n in ns])
    short_parks = _short_parks(entities, lex)
    openers = tuple(sorted(lexicon_words(lex, "relation_zero_subject"), key=len, reverse=True))
    park_names = _park_name_forms(entities, lex)
    company_named = {n: e.local_id for e in entities if e.cls == "Company" for n in e.names}
    return Doc(text, sentences, mentions, entities, lex, topic, rels, by_sent, cls_of, kind_of,
               cues, foreign, lex_places, agency_places, issuer_of, park_unit, agencies,
               park_long_names, agencies_named, long_name_parks, short_parks, openers, park_names,
               company_named, {},
               {e.local_id: e.sentences for e in park_ents},
               {a: i for a, i in reversed([(x.article, x.idx) for x in sentences])})


# the bare ending of a sub-park's name opening a sentence: "该基地以A、B为龙头", "目前，基地共有…"
_REF_WORDS = ("产业基地", "基地", "产业园", "科技园", "工业园", "创新园", "产业城", "科学城")


def _subpark_ref(doc: Doc, sent: Sentence, ms: list[Mention], seen: list[int]) -> int | None:
    """The sub-park named earlier in the article that the sentence opens on by its bare ending."""
    if not seen:
        return None
    lead = _LEAD.match(doc.text, sent.start, sent.end)
    pos = lead.end() if lead else sent.start
    if any(m.start <= pos < m.end for m in ms):
        return None
    for pre in ("该", "这个", "此", ""):
        if doc.text.startswith(pre, pos):
            word = next((w for w in _REF_WORDS if doc.text.startswith(w, pos + len(pre))), None)
            if word is None:
                continue
            names = {e.local_id: e.names for e in doc.entities if e.local_id in seen}
            return next((p for p in reversed(seen) if any(n.endswith(word) for n in names[p])), None)
    return None


@dataclass
class Here:
    """One sentence as the rules see it: its mentions and parks, the article's topic park
    (``top``) and the park the sentence is about (``context``: the previous sentence's subject
    when this one names no park or drops its subject, else the topic park)."""
    sent: Sentence
    ms: list[Mention]
    parks: list[Mention]
    top: int | None
    context: int | None
    zones_here: list[Mention]
    park_here: int | None           # the sentence's first zone, else its first park


def sentence_views(doc: Doc) -> Iterator[Here]:
    """The sentences that name something, each with its discourse context."""
    text, by_sent, topic, kind_of, openers = doc.text, doc.by_sent, doc.topic, doc.kind_of, doc.openers
    prev_subject: dict[int, int | None] = {}   # article -> subject park of the previous sentence
    seen_parks: dict[int, list[int]] = defaultdict(list)   # article -> its sub-parks named so far
    for sent in doc.sentences:
        ms = by_sent.get(sent.idx, [])
        art = sent.article
        top = topic.get(art)
        parks = [m for m in ms if m.cls == "Park"]
        # the park this sentence is about when it names none or drops its subject: the
        # previous sentence's subject ("中以创新园…。目前，已集聚…，建成A、B…")
        context = prev_subject.get(art) if not parks or _zero_subject(text, sent, ms, openers) else None
        if context is not None and context == doc.park_refs.get(sent.idx - 1):
            doc.park_refs[sent.idx] = context   # "该基地以…。以…为导向，吸引A落户": still the sub-park
        if context is None:
            context = top
        subj = next((p.entity for p in parks if _is_subject(text, sent, p)), None)
        ref = _subpark_ref(doc, sent, ms, seen_parks[art])
        if ref is not None and subj is None:
            context = subj = doc.park_refs[sent.idx] = ref
        prev_subject[art] = subj
        seen_parks[art] += [p.entity for p in parks if not p.anaphor and kind_of.get(p.entity) == "subpark"]
        if not ms:
            continue
        zones_here = [m for m in parks if kind_of.get(m.entity) == "zone"]
        park_here = zones_here[0].entity if zones_here else (parks[0].entity if parks else None)
        yield Here(sent, ms, parks, top, context, zones_here, park_here)
