"""Relations between the entities of one document, each with its evidence sentence and rule.

Rules are patterns over the resolved mentions (named ones and anaphors) of one sentence, plus
two pieces of discourse context: the article's topic park and the park that was the subject of
the previous sentence (Chinese news often drops the subject: "…园区。目前，已集聚A、B…").
Trigger words live in ``kg/lexicon/*_triggers.txt``; a cue only counts inside the clause of the
mention it governs, so a "引进" in one clause does not place the organisations of another.
Every relation carries the rule that produced it, a confidence, and the span of the sentence
that states it.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from kg.model import Article, DocEntity, DocRelation, Mention, Sentence
from kg.extract.names import Lexicon, alternation, company_short_forms, lexicon_endings, longest_ending

_CLAUSE = re.compile(r"[，。；！？：,;!?:]")
_SENT_END = re.compile(r"[。；;！？!?]")
_PARTNER = re.compile(r"(?:与|同|联合|携手|跟|和)$")
_NEAR = re.compile(r"(?:周边|附近|周围|之外|以外|外围)")
# "A（以下简称“A'”）旗下的B", "A全资子公司B": A is B's parent; what follows is said of B
_PARENT_OF = re.compile(r"(?:[（(][^（）()]{0,30}[）)]|[”’\"]?[）)])?(?:旗下|下属|(?:全资|绝对|相对)?(?:控股|持股)的|(?:的|之)?(?:全资|控股)?子公司)")
# "在P，A…": a clause that opens on a park sets where the following clauses happen
_AT_PARK_OPENER = re.compile(r"在$")
_UNIT_OF = re.compile(r"(?:旗下|下属)的?$|子公司$")
_SUPPORTS = re.compile(r"[》”]?(?:也|还|更|进一步)?(?:明确|提出|指出|要求)[，,：:]?(?:要|将)?(?:支持|推动|鼓励|加快|推进)")
_CORE_AREA = re.compile(r"的?(?:核心区|主体区|核心园区|先导区|核心承载区|重要组成部分)")
_PARTNER_AFTER = ("合作", "携手", "共建", "联合", "签订", "签署", "达成")
# "以A、B为代表的…企业", "引进A、B等项目": the organisations of a list share its relation
_LIST_GAP = re.compile(r"[^，。；：！？,;:!?“”《》\s]{0,10}?(?:、|和|及|以及|与)")
# the words between a clause start and its subject: time, place adverbs, connectives
# Atomic (?>…): a date can be split between two alternatives ("2024年|1月1日"), and without it a
# fullmatch that fails tries every split, 2^n for n dates (a run of twenty took seconds).
_LEAD = re.compile(
    r"(?:(?>\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?[初底末中]?|\d{1,2}月(?:\d{1,2}日)?[初底中]?|"
    r"目前|当前|近年来|近日|日前|今年|去年|同时|同步|此外|另外|其中|与此同时|据悉|据了解|据介绍|"
    r"下一步|未来|近期|截至目前|以来|上半年|下半年|前|后|在此基础上|而|并|也|还|又|已|先后|"
    r"率先|正式|同年|当年|随后|最终|首先|其次|再次|一是|二是|三是|四是|五是)[，、]?)*")


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


# words that make a park kind in a title mean every park of that kind in a region
_ALL_PARKS_OF = ("本市", "本省", "全市", "全省", "全区", "我市", "我省", "全国", "各地", "各级", "各类")


def _kind_key(suffix: str) -> str:
    # 高新区 / 高新技术产业开发区 / 高新技术产业园区 are one kind, 经开区 / 经济技术开发区 another
    return suffix[:2].replace("经开", "经济")


def _all_parks_of_kind(title: str, park_names, lex: Lexicon) -> bool:
    """The title speaks of every park of a region of the park's kind ("本市高新技术产业园区")."""
    sufs = lex.set("park_suffixes")
    kinds = set()
    for n in park_names:
        suf = longest_ending(n, lexicon_endings(lex, "park_suffixes"), 1)
        if suf is not None and len(suf) >= 3:
            kinds.add(_kind_key(suf))
    if not kinds:
        return False
    for w in _ALL_PARKS_OF:
        i = title.find(w)
        if i < 0:
            continue
        rest = title[i + len(w):i + len(w) + 10]
        if any(rest[:k] in sufs and _kind_key(rest[:k]) in kinds for k in range(3, len(rest) + 1)):
            return True
    return False


_TITLE_SPAN = re.compile(r"《[^《》]*》")
_CITY_ACTS = re.compile(r"(?:省|市|自治区)?(?:将|要|也|还|正|已|正在|全面|认真|积极|深入|持续|大力|进一步)+")


def relate(text: str, sentences: list[Sentence], articles: list[Article], mentions: list[Mention],
           entities: list[DocEntity], lex: Lexicon, topic: dict[int, int]) -> list[DocRelation]:
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
    from kg.extract.names import place_names
    # the lexicon's places and the document's region-like agencies, looked up in both rather
    # than copied into one set per document
    lex_places = place_names(lex)
    agency_places = {e.label for e in entities if e.cls == "Agency" and
                     re.fullmatch(r"[\u4e00-\u9fff]{2,6}?(?:省|市|自治区|区|县)", e.label) and
                     not re.search(r"(?:委|局|厅|办|部|署|会|院|府)", e.label)}

    issuer_of: dict[int, set[int]] = defaultdict(set)
    park_unit = park_units(entities)
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
    prev_subject: dict[int, int | None] = {}   # article -> subject park of the previous sentence
    for sent in sentences:
        ms = by_sent.get(sent.idx, [])
        art = sent.article
        top = topic.get(art)
        parks = [m for m in ms if m.cls == "Park"]
        # the park this sentence is about when it names none or drops its subject: the
        # previous sentence's subject ("中以创新园…。目前，已集聚…，建成A、B…")
        context = prev_subject.get(art) if not parks or _zero_subject(text, sent, ms, openers) else None
        if context is None:
            context = top
        subj = next((p.entity for p in parks if _is_subject(text, sent, p)), None)
        prev_subject[art] = subj
        if not ms:
            continue
        st = sent.text
        zones_here = [m for m in parks if kind_of.get(m.entity) == "zone"]
        park_here = zones_here[0].entity if zones_here else (parks[0].entity if parks else None)

        _persons(text, sent, ms, rels, park_unit)
        _its_seat(text, sent, ms, parks, rels)
        _park_parts(text, sent, ms, parks, zones_here, kind_of, context, foreign, rels)
        _org_parks(text, sent, ms, parks, context, cues, kind_of, rels, short_parks, park_names)
        _project_lands(text, sent, ms, parks, rels)
        _subject_invests(text, sent, ms, parks, rels)

        # --- policies
        # a trigger inside a title ("《…培育实施方案》") is no act of applying it
        st_plain = _TITLE_SPAN.sub(lambda t: "＿" * len(t.group()), st) if "《" in st else st
        for m in ms:
            if m.cls != "Policy":
                continue
            head = entities[m.entity].label
            for e in (agencies[i] for i in sorted(i for k in range(3, len(head) + 1)
                                                   for i in agencies_named.get(head[:k], ()))):
                # "《宁波市…实施方案》" names its region, not its issuer: a bare region issues it
                # only when the sentence also names it as an actor ("某市也出台了…《某市…方案》")
                if head.startswith(e.label) and len(e.label) >= 3 and \
                        (not (e.label in lex_places or e.label in agency_places) or
                         any(o.entity == e.local_id and not m.start <= o.start < m.end for o in ms)):
                    rels.add(m.entity, "issuedBy", e.local_id, sent, "issued:title-head", 0.85,
                             (m.start, m.end))
                    issuer_of[m.entity].add(e.local_id)
            if not m.anaphor or m.text.startswith("《"):
                # "A出台《P》", "由A、B与C共同研究形成"; "A会同B起草了《措施》" names the policy by
                # its short title
                topic_m = Mention(0, 0, "", "Park", sent.idx, "topic", 0.6, {}, top) \
                    if top is not None and not m.anaphor else None
                for iss, span in _issuers(text, sent, ms, m, cues.iss, topic_m):
                    rels.add(m.entity, "issuedBy", iss.entity, sent, "issued:verb", 0.85, span)
                    issuer_of[m.entity].add(iss.entity)
            # "《关于促进本市高新技术产业园区…的意见》": a title about the parks of the topic park's
            # kind across a region ("本市", "全省") applies to the topic park
            if top is not None and "区" in head and _all_parks_of_kind(head, entities[top].names, lex):
                rels.add(m.entity, "appliesTo", top, sent, "applies:title-park-kind", 0.7, (m.start, m.end))
            # the title names a park
            for e, long_names in (park_long_names[i] for i in long_name_parks.within(head)):
                if any(n in head for n in long_names):
                    rels.add(m.entity, "appliesTo", e.local_id, sent, "applies:title-park", 0.8,
                             (m.start, m.end))
            # with no park in the sentence, a clause whose actor is a city ("包头将全面实施《…》")
            # is the city's doing, not the article's park's
            trig = cues.app.search(st_plain)
            if trig is not None and not parks:
                cl = re.split(r"[，。；：,;:]", st[:trig.start()])[-1]
                # every prefix of the clause looked up in the place set, not every place tried
                if any((cl[:k] in lex_places or cl[:k] in agency_places) and _CITY_ACTS.fullmatch(cl, k)
                       for k in range(2, len(cl) + 1)):
                    trig = None
            if trig is not None and _PURPOSE_CLAUSE.fullmatch(re.split(r"[，。；：,;:]", st_plain[:trig.start()])[-1]) \
                    and any(o.cls == "Policy" and o.start >= m.end and o.entity != m.entity for o in ms):
                # "为贯彻落实《上级方案》，市发改委会同…起草了《措施》": when a body other than the
                # park drafts the new text, the higher plan is its basis, not the park's doing
                actor = next((o for o in ms if o.start >= m.end and o.cls in ("Agency", "Park")), None)
                if actor is not None and actor.cls == "Agency" and actor.entity not in park_unit and \
                        not _PARK_COMMITTEE.search(actor.text):
                    trig = None
            if trig is not None and (parks or top is not None):
                tgt = park_here if park_here is not None else top
                rels.add(m.entity, "appliesTo", tgt, sent, "applies:verb", 0.7)
            # "《P》也明确，支持X高新区建设…": the policy names the park it supports
            sup = _SUPPORTS.match(text, m.end)
            if sup is not None:
                tgt = next((p for p in parks if p.start == sup.end()), None)
                if tgt is not None:
                    rels.add(m.entity, "appliesTo", tgt.entity, sent, "applies:supports-park", 0.75,
                             (m.start, tgt.end))
    for pol, iss in issuer_of.items():
        for o in iss:
            if cls_of.get(o) == "Park":
                ev = next((r for r in rels.items.values() if r.s == pol and r.p == "issuedBy" and r.o == o), None)
                if ev is not None:
                    rels.add(pol, "appliesTo", o, sentences[ev.sentence], "applies:own-policy", 0.8,
                             (ev.start, ev.end))

    _named_after_zone(entities, mentions, sentences, kind_of, rels)
    _quoted_speakers(text, sentences, by_sent, topic, cues, rels)
    _subsidiaries(text, sentences, by_sent, entities, lex, rels)
    _project_investments(text, sentences, by_sent, topic, cues, rels, kind_of)
    _inherit_zone(rels, sentences, kind_of, by_sent)
    _invest_in_zones(rels, kind_of)
    return sorted(rels.items.values(), key=lambda r: (r.s, r.p, r.o))


# --- helpers ------------------------------------------------------------------------------

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


def _lists(text: str, ms: list[Mention]) -> dict[int, list[Mention]]:
    """Coordinated organisations ("A、B和C", "A四期、B产业园"): id(mention) -> its whole list."""
    orgs = [m for m in ms if m.cls in ("Company", "Institution", "Park") and not m.anaphor]
    groups: list[list[Mention]] = []
    for m in orgs:
        if groups and _LIST_GAP.fullmatch(text[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return {id(m): g for g in groups for m in g}


def park_units(entities: list[DocEntity]) -> dict[int, int]:
    """Agency -> park, for a department of a park ("青岛高新区经济发展部"): it stands for the
    park in posts and as an issuer. The last park (in entity order) one of whose names (4+
    characters) opens the agency's name; looked up by name prefix, not tried in pairs."""
    park_ents = [e for e in entities if e.cls == "Park"]
    parks_named: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(park_ents):
        for n in p.names:
            if len(n) >= 4:
                parks_named[n].append(i)
    park_unit: dict[int, int] = {}
    for e in entities:
        if e.cls != "Agency":
            continue
        hits = [i for k in range(4, len(e.label) + 1) for i in parks_named.get(e.label[:k], ())]
        if hits:
            park_unit[e.local_id] = park_ents[max(hits)].local_id
    return park_unit


def _persons(text: str, sent: Sentence, ms: list[Mention], rels: _Rels, park_unit: dict[int, int]) -> None:
    for m in ms:
        if m.cls not in ("Official", "Executive"):
            continue
        orgs = _orgs_before(text, ms, m)
        ts = m.start - len(m.attrs.get("title", ""))
        if not orgs and "org_entity" in m.attrs and m.cls == "Executive" and \
                (text[max(0, ts - 3):ts].endswith(("公司", "该企业", "集团")) or m.attrs.get("org_brand")) and \
                cls_of_mention(ms, m.attrs["org_entity"]) in ("Company", "Institution", None):
            # "A…竣工，公司总经理Y说": the recogniser pointed 公司 at the company spoken of last
            rels.add(m.entity, "worksFor", m.attrs["org_entity"], sent, "post:company-anaphor", 0.8,
                     (ts - 2, m.end))
            continue
        if m.cls == "Official":
            for o in orgs:
                if o.cls in ("Park", "Agency"):
                    tgt = park_unit.get(o.entity, o.entity)
                    rels.add(m.entity, "holdsPost", tgt, sent, "post:title-after-org", 0.9, (o.start, m.end))
        else:
            for o in orgs[:1]:
                if o.cls in ("Company", "Institution"):
                    rels.add(m.entity, "worksFor", o.entity, sent, "post:title-after-org", 0.9, (o.start, m.end))


_ITS_SEAT = re.compile(r"其[^，。；！？]{0,12}?(?:总部|研发中心|生产基地|基地|工厂|注册地)[^，。；！？]{0,6}?"
                       r"(?:位于|设在|设于|落户|坐落于|落户于)$")


def _its_seat(text: str, sent: Sentence, ms: list[Mention], parks: list[Mention], rels) -> None:
    """"A是…提供商，其总部和研发中心位于P": 其 is the company the sentence is about."""
    for p in parks:
        a, _ = _clause(text, sent, p.start)
        m = _ITS_SEAT.search(text, a, p.start)
        if m is None:
            continue
        comps = [c for c in ms if c.cls in ("Company", "Institution") and c.end <= m.start()
                 and c.rule not in ("company:parent-brand", "company:group-brand") and _LEAD.fullmatch(text[_clause(text, sent, c.start)[0]:c.start])]
        if comps:
            c = comps[0]
            rels.add(c.entity, "locatedIn", p.entity, sent, "located:its-seat", 0.8, (m.start(), p.end))


def cls_of_mention(ms: list[Mention], entity: int) -> str | None:
    """The class of ``entity`` if a mention of the sentence names it (None when none does)."""
    return next((o.cls for o in ms if o.entity == entity), None)


# "X新区内的|X高新区北部的|X经开区下辖的" + a park: the park lies inside the zone
_IN_ZONE_OF = re.compile(r"(?:内|里|境内|辖区内?|区内|[东南西北中]部|[东西南北]翼|下辖|所辖|所属)?的")


_CARRIERS = re.compile(r"(?P<by>为)(?:主要|重要|核心)?(?:载体|承载平台|主阵地|主战场)|"
                       r"的(?:两大|三大|四大|五大)?(?:主阵地|主战场|主要载体|核心载体|主平台|重要载体)")
_CARRIER_ADV = re.compile(r"(?:正|将|要|还|也|已|正在|积极|主要|重点)*")


_INCLUDES = re.compile(r"[（(](?:含|包含|包括)")


def _park_parts(text, sent, ms, parks, zones_here, kind_of, top, foreign, rels) -> None:
    """partOf: "X高新区Y产业园", "Y位于X", "X包括Y、Z", and named sub-parks of the topic park."""
    named = [m for m in parks if not m.anaphor]
    for a, b in zip(named, named[1:]):
        gap = text[a.end:b.start]
        # glued names only: "青岛高新区医疗器械产业园"; a list "A、B" is no containment
        if len(gap) <= 1 and not re.fullmatch(r"[、，。；：,;:和与及（）()是为系]", gap or "x") and \
                kind_of.get(b.entity) == "subpark" and a.entity != b.entity:
            rels.add(b.entity, "partOf", a.entity, sent, "partof:adjacent", 0.9, (a.start, b.end))
        elif not gap and a.entity != b.entity and kind_of.get(a.entity) == "zone" and \
                len(b.text) >= 5 and not a.text.endswith(b.text):
            # "X经济技术开发区|Y工业园区": a park named right after a zone lies in it, whatever its suffix
            rels.add(b.entity, "partOf", a.entity, sent, "partof:adjacent-zone", 0.85, (a.start, b.end))
    for a, b in zip(parks, parks[1:]):
        # "在高新区硅基新材料产业园投资": the zone's short word glued to a sub-park's name
        if a.anaphor and not b.anaphor and a.end == b.start and a.entity != b.entity and \
                kind_of.get(a.entity) == "zone" and kind_of.get(b.entity) == "subpark":
            rels.add(b.entity, "partOf", a.entity, sent, "partof:adjacent-anaphor", 0.85, (a.start, b.end))
    for a in named:
        # "X高新区（含A工业园区、B产业园）": the parks the bracket lists are parts of the zone
        inc = _INCLUDES.match(text, a.end)
        if inc is None or kind_of.get(a.entity) != "zone":
            continue
        close = inc.end() + next((i for i, ch in enumerate(text[inc.end():sent.end]) if ch in "）)"), 0)
        for b in named:
            if inc.end() <= b.start and b.end <= close and b.entity != a.entity:
                rels.add(b.entity, "partOf", a.entity, sent, "partof:bracket-includes", 0.85, (a.start, b.end))
    for a, b in zip(parks, parks[1:]):
        # "X新区内的Y经开区", "位于X高新区北部的Y园", "同处X经开区的Y工业园区", "位于高新区的Y科学城"
        if not b.anaphor and a.entity != b.entity and kind_of.get(a.entity) == "zone" and \
                _IN_ZONE_OF.fullmatch(text, a.end, b.start):
            rels.add(b.entity, "partOf", a.entity, sent, "partof:zone-de", 0.85, (a.start, b.end))
    for b in named:
        after = text[b.end:b.end + 8]
        for trig in ("位于", "坐落于", "加入", "落户", "属于"):
            if after.startswith(trig):
                for a in parks:
                    if a.start >= b.end and a.start - b.end <= len(trig) + 4 and a.entity != b.entity:
                        rels.add(b.entity, "partOf", a.entity, sent, f"partof:{trig}", 0.9, (b.start, a.end))
    # "作为X核心区，P…", "P作为X的核心区": P is the core area (a part) of X
    for a in named:
        core = _CORE_AREA.match(text, a.end)
        if core is None:
            continue
        before = text[max(sent.start, a.start - 8):a.start]
        if re.search(r"作为$", before):
            # "作为X核心区，P": the clause's subject after the comma; "P作为X核心区"
            subj = [b for b in named if b.start >= core.end() and re.fullmatch(r"[，,]?", text[core.end():b.start])] or \
                [b for b in named if b.end <= a.start and re.fullmatch(r"作为", text[b.end:a.start])]
            for b in subj[:1]:
                if b.entity != a.entity:
                    rels.add(b.entity, "partOf", a.entity, sent, "partof:core-area", 0.8,
                             (min(a.start, b.start), max(core.end(), b.end)))
    # "P是X的核心区之一", "P是X“一区多园”中面积最大的园区": the subject is a part of X
    wholes = set()
    for b, a in zip(named, named[1:]):
        if re.fullmatch(r"(?:是|为|系|已成为)", text[b.end:a.start]) and a.entity != b.entity and \
                (_CORE_AREA.match(text, a.end) or
                 re.match(r"的?(?:“一区多园”|一区多园)(?:格局)?中的?[^，。；]{0,10}?(?:园区|板块|片区|组团|园)",
                          text[a.end:a.end + 30])):
            rels.add(b.entity, "partOf", a.entity, sent, "partof:copula-part", 0.8, (b.start, a.end + 6))
            wholes.add(a.entity)
    # "Z正以A和B为主要载体", "A、B是Z光电产业的两大主阵地": the parks carry the zone's work
    for hit in _CARRIERS.finditer(text, sent.start, sent.end):
        cs, _ = _clause(text, sent, hit.start())
        if hit.group("by"):
            lo = text.rfind("以", cs, hit.start())
            if lo < 0:
                continue
            whole = next((z for z in reversed(parks) if cs <= z.start and z.end <= lo and
                          _CARRIER_ADV.fullmatch(text, z.end, lo)), None)
            parts = [b for b in named if lo < b.start and b.end <= hit.start()]
        else:
            cop = text.rfind("是", cs, hit.start())
            if cop < 0:
                continue
            whole = next((z for z in parks if cop < z.start < hit.start()), None)
            parts = [b for b in named if cs <= b.start and b.end <= cop]
        if whole is None or kind_of.get(whole.entity) != "zone":
            continue
        for b in parts:
            if b.entity != whole.entity:
                rels.add(b.entity, "partOf", whole.entity, sent, "partof:carrier", 0.75, (b.start, hit.end()))
    for a in parks:
        if text[a.end:a.end + 2] == "包括":
            _, ce = _clause(text, sent, a.end)
            for b in named:
                if a.end < b.start < ce and kind_of.get(b.entity) == "subpark":
                    rels.add(b.entity, "partOf", a.entity, sent, "partof:包括", 0.85, (a.start, b.end))
    if top is not None:
        for b in named:
            if kind_of.get(b.entity) != "subpark" or b.entity == top or b.entity in wholes:
                continue
            before = text[max(sent.start, b.start - 3):b.start]
            if _PARTNER.search(before) or "赴" in before or b.text.startswith(foreign):
                continue
            if [z for z in zones_here if z.entity != top]:
                continue
            rels.add(b.entity, "partOf", top, sent, "partof:topic-park", 0.7, (b.start, b.end))


def _org_parks(text: str, sent: Sentence, ms: list[Mention], parks: list[Mention],
               context: int | None, cues: _Cues, kind_of: dict, rels: _Rels,
               short_parks: dict[str, int] | None = None, park_names=()) -> None:
    """locatedIn / investsIn for the companies and institutions of one sentence."""
    parks = [p for p in parks if not _NEAR.match(text, p.end)]   # "在P周边": near, not in
    lists = _lists(text, ms)
    orgs = [m for m in ms if m.cls in ("Company", "Institution")]
    _signed_zero_subject(text, sent, ms, parks, rels)
    _project_list(text, sent, orgs, parks, context, rels)
    for m in orgs:
        if m.rule in ("company:parent-brand", "company:group-brand"):
            continue                            # the parent abroad ("台积电在中国大陆的…"), not the local
        group = lists.get(id(m), [m])
        first, last = group[0], group[-1]
        if m.cls == "Company":
            _signed_with_park(text, sent, m, parks, rels)
        if any(g.cls == "Park" and kind_of.get(g.entity) == "zone" for g in group):
            continue                            # "P管委会、A、B联合编制": co-actors of a park
        lead = text[max(sent.start, first.start - 8):first.start]
        if lead.endswith("等"):
            continue                            # "…等中科院院所": a category, not a list member
        if cues.role.search(lead):
            continue
        pm = _PARENT_OF.match(text, last.end)
        # "A旗下的B落户P", "B是A的控股子公司，在P…": B is there, not A; unless the text turns
        # back to the parent ("…的控股子公司，其母公司早已落户P")
        if pm and (any(o.start > last.end for o in orgs) or
                   (pm.group().endswith("子公司") and "母公司" not in text[pm.end():sent.end])):
            continue
        if text.endswith("由", max(sent.start, first.start - 1), first.start) and _MADE_BY_AFTER.match(text, last.end):
            continue                            # "这家由A全资设立的子公司在P投资": the subsidiary acts, not A
        cs, ce = _clause(text, sent, m.start)
        # "由A投资建设": A builds; "由某研究院孵化的A": a relative clause that only describes A
        agent = "由" in text[max(cs, first.start - 12):first.start] and \
            not _BY_RELATIVE.search(text, max(cs, first.start - 30), first.start)
        partner = bool(_PARTNER.search(text[max(sent.start, first.start - 2):first.start])) or \
            text[last.end:last.end + 2] in _PARTNER_AFTER
        # "引入A建设B", "与A合作成立B": A builds B with the park; B is the one located there
        builder = bool(_BUILDS_AFTER.match(text[m.end:m.end + 6])) and \
            any(o.cls in ("Company", "Institution") and 0 < o.start - m.end <= 6 for o in orgs)
        before_parks = [p for p in parks if p.end <= first.start]
        after_parks = [p for p in parks if p.start >= last.end and p.start < ce]
        located = None   # (park, rule, confidence, span)

        # "位于P的X", "P的X", "P企业X", "P重点企业X"
        prev = [p for p in before_parks if first.start - p.end <= 12 and
                re.fullmatch(r"的|[\u4e00-\u9fff“”]{0,8}的|(?:重点|龙头|优质|骨干)?企业|入驻企业|内企业|企业代表",
                             text[p.end:first.start])]
        if prev and not partner:
            p = prev[-1]
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:park-de-org", 0.9, (p.start, m.end))
            # "X高新区Y工业园的A": A is in the sub-park and so in the zone
            zone = [z for z in parks if z.end <= p.start and p.start - z.end <= 1 and
                    not re.fullmatch(r"[、，；：]", text[z.end:p.start] or "x") and kind_of.get(z.entity) == "zone"]
            if kind_of.get(p.entity) == "subpark" and zone:
                rels.add(m.entity, "locatedIn", zone[-1].entity, sent, "located:park-de-org", 0.85,
                         (zone[-1].start, m.end))
            located = p.entity
        if partner or builder:
            continue
        if located is None and not agent:
            located = _at_park_opener(text, sent, m, first, cs, parks, rels)
        if located is None:
            located = _located(text, sent, m, group, cs, ce, before_parks, after_parks, parks, context, cues,
                               agent, rels, orgs, short_parks, park_names)
        # --- investments
        if m.cls != "Company":
            continue
        # "A落户/选址P，(项目)计划投资18亿元…": the amount in the next clause is A's investment there
        if located is not None and len(group) == 1 and \
                _NEXT_INVEST.match(text, ce, min(sent.end, ce + 16)):
            rels.add(m.entity, "investsIn", located, sent, "invest:landed-then-amount", 0.7, (cs, ce + 8))
        clause = text[m.end:ce]
        lst_tail = text[last.end:ce]
        inv_here = cues.inv.search(clause) or (len(group) > 1 and cues.inv.search(lst_tail))
        if not (inv_here or (agent and cues.inv.search(text[m.end:ce]))):
            continue
        # a park of an earlier clause only when that clause sets the scene ("在P，A投资…") or
        # has the park as subject ("P新签约项目24个，其中包括A项目"), not when the clause is
        # someone else's ("记者在P采访时了解到，A将扩产")
        inv_before = [p for p in before_parks
                      if p.start >= cs or _scene_park(text, sent, p) or _is_subject(text, sent, p)]
        if after_parks or inv_before:
            tgt = (after_parks or inv_before[-1:])[0]
            rels.add(m.entity, "investsIn", tgt.entity, sent, "invest:clause", 0.7, (cs, ce))
        elif context is not None and (cues.strong_inv.search(text[cs:ce]) or
                                      re.search(r"签约|签署|签订", clause) and re.search(r"项目", clause)):
            rels.add(m.entity, "investsIn", context, sent, "invest:context", 0.6, (cs, ce))


# patterns of the per-sentence rules, compiled once (module-level re calls look up re's cache)
_PROJECT_INVEST_OPENER = re.compile(r"(?:该|此|这一|这个)?项目(?:总投资|计划投资|投资|总额)")  # _project_investments
_AT_SHORT_PARK = re.compile(r"[^，。；]{0,16}?在([\u4e00-\u9fff]{2,6}?)(?:成立|注册|落户|设立|创立|扎根|投产|起步)")  # _located
_SETS_UP_SUBSIDIARY = re.compile(r"(?:设立|成立|组建|新设)了?(?:全资|控股|独资)?子公司")  # _located
_BUILDS_AFTER = re.compile(r"(?:合作)?(?:建设|共建|成立|设立|组建|创办|建立)")  # _org_parks
_PRONOUN_IS = re.compile(r"(?:它|该公司|该企业)(?:则)?(?:是|为|系)$")  # _subsidiaries
_ACQUIRE = re.compile(r"收购")
_MADE_BY_AFTER = re.compile(r"(?:全资|控股|独资|出资|投资)?(?:设立|成立|组建|新设|注册成立)的?(?:全资|控股|独资)?子公司")  # _subsidiaries

_BY_RELATIVE = re.compile(r"由[^，。；由]{2,28}?(?:孵化|培育|创办|创立|发起|牵头组建)的$")
_SIGNED_TO_BUILD = re.compile(r"[^。；]{0,16}?(?:协议|合同|备忘录|签约)[，,]?[^。；，,]{0,12}?(?:投资|建设|新建)"
                              r"[^。；，,]{0,30}?(?:基地|工厂|总部|生产线|产线|项目|中心)")
_SIGN = re.compile(r"(?:正式|成功|顺利|再次|又)?(?:签约|签署|签订|签下)")


_NEXT_INVEST = re.compile(r"[，,](?:今年|去年|明年|近期|此次|这次|日前)?(?:又|再|还|并|将|拟|预计)*(?:项目)?"
                          r"(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:超过|约|近|逾)?[\d一二三四五六七八九十百千万]")
_PROJECT_LIST = re.compile(r"[^，。；：]{0,12}?(签约|落户|入驻|开工|引进)[^，。；：]{0,6}?项目[^，。；：]{0,4}?(?:包括|有|为|是)[：:]")


def _project_list(text, sent, orgs, parks, context, rels) -> None:
    """"签约项目包括：A公司X项目、B公司Y项目": each company's project is in the sentence's park
    (or the park the text is about); a signed one is an investment there too."""
    head = _PROJECT_LIST.match(text, sent.start)
    if head is None:
        return
    before = [p for p in parks if p.end <= head.end()]
    tgt = before[-1].entity if before else (context if not parks else None)
    if tgt is None:
        return
    signed = head.group(1) == "签约"
    for m in orgs:
        if m.cls != "Company" or m.start < head.end() or text[m.start - 1] not in "：:、":
            continue
        item = re.match(r"[^、，。；]*", text[m.end:]).group(0)
        if "项目" not in item:
            continue
        span = (m.start, m.end + len(item))
        rels.add(m.entity, "locatedIn", tgt, sent, "located:project-list", 0.7, span)
        if signed:
            rels.add(m.entity, "investsIn", tgt, sent, "invest:project-list", 0.7, span)


# "A…投资25亿元建设…，项目将落户P": the project, and so A, is in P
_PROJECT_LANDS = re.compile(r"[，,](?:该|此|这一|这个)?项目(?:将|拟|计划|已|预计|正式|最终)*"
                            r"(?:落户|落地|选址|位于|建在|坐落于|布局)(?:于|在)?$")


# a clause with no subject of its own that invests: "，今年又追加投资18亿元", "，去年在园区投资35亿元"
_SUBJECTLESS_INVEST = re.compile(
    r"(?:\d{4}年|今年|去年|明年|近期|目前|此次|这次|日前|同时)?(?:又|再|还|并|将|拟|也|已|则)*"
    r"(?P<at>在[^，。；]{2,24}?)?(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:建设)?(?:超过|约|近|逾)?"
    r"[\d一二三四五六七八九十百千万]")


def _subject_invests(text, sent, ms, parks, rels) -> None:
    """"A（是…子公司），2020年落户P，今年又追加投资18亿元": the sentence's subject invests in the
    park its clause chain names (the park of the investing clause, else the one it landed in)."""
    for subj in ms:
        if subj.cls != "Company":
            continue
        cs, ce = _clause(text, sent, subj.start)
        # the company opens its clause ("…告诉记者，公司去年…，今年将投资…") and no body precedes it there
        if _LEAD.fullmatch(text, cs, subj.start) and \
                not any(o is not subj and o.cls in ("Company", "Institution", "Park", "Agency") and
                        o.start < subj.start and o.end > cs for o in ms):
            _invest_chain(text, sent, ms, parks, rels, subj, ce)


def _invest_chain(text, sent, ms, parks, rels, subj, ce) -> None:
    landed = None
    while ce < sent.end and text[ce] in "，,":
        a, b = ce + 1, ce + 1
        nxt = _CLAUSE.search(text, a, sent.end)
        b = nxt.start() if nxt else sent.end
        if any(o.cls in ("Company", "Institution") and a <= o.start < b for o in ms):
            return                              # the clause has a subject of its own
        here = [p for p in parks if a <= p.start < b]
        g = _SUBJECTLESS_INVEST.match(text, a, b)
        if g is not None:
            # "在P投资…" or "投资15亿元在P建设…"; else the park it landed in
            at = [p for p in here if g.group("at") and p.end <= g.end("at")] or \
                [p for p in here if p.start >= g.end() and re.fullmatch(r"[^，。；]{0,10}?在", text[g.end():p.start])]
            tgt = at[0] if at else landed
            if tgt is not None:
                rels.add(subj.entity, "investsIn", tgt.entity, sent, "invest:subject-chain", 0.7, (subj.start, g.end()))
            return
        if here and re.search(r"(?:落户|入驻|扎根|选址|注册于|落地)", text[a:here[0].start]):
            landed = here[0]
        ce = b


def _project_lands(text, sent, ms, parks, rels) -> None:
    for p in parks:
        lead = _PROJECT_LANDS.search(text, max(sent.start, p.start - 14), p.start)
        if lead is None:
            continue
        subj = next((m for m in ms if m.cls == "Company" and m.end <= lead.start()), None)
        if subj is not None and _LEAD.fullmatch(text, sent.start, subj.start) and \
                not re.search(r"[。；]", text[subj.end:lead.start()]):
            rels.add(subj.entity, "locatedIn", p.entity, sent, "located:project-lands", 0.75, (subj.start, p.end))


def _signed_with_park(text, sent, m, parks, rels) -> None:
    """"A与P签约（，投资…）", "A同P签署…协议/备忘录": a signed investment in P."""
    for p in parks:
        if p.start < m.end or p.start - m.end > 6:
            continue
        if re.fullmatch(r"(?:[”’\"]?[）)])?(?:也|还|则|已|又|再|近日|日前|今年|去年)*(?:与|同|和|跟)", text[m.end:p.start]) and \
                _SIGN.match(text, p.end) and not re.match(r"[^，。；]{0,3}(?:框架|战略)", text[p.end + 2:p.end + 8]):
            rels.add(m.entity, "investsIn", p.entity, sent, "invest:signed-with-park", 0.8, (m.start, p.end + 2))
            # "…签订协议，总投资86亿元建设年产20GW…项目": the plant the agreement is for is built there
            b = _SIGNED_TO_BUILD.match(text, p.end, sent.end)
            if b is not None:
                rels.add(m.entity, "locatedIn", p.entity, sent, "located:signed-to-build", 0.7, (m.start, b.end()))
        return


def _signed_zero_subject(text, sent, ms, parks, rels) -> None:
    """"A…表示，…，今年还与P签署协议，追加投资60亿元": the subject dropped, A signs."""
    for p in parks:
        if not (text[p.start - 1:p.start] in "与同" and _SIGN.match(text, p.end)):
            continue
        a, _ = _clause(text, sent, p.start)
        if a == sent.start or not _LEAD.fullmatch(re.sub(r"^于|于(?=今年|去年|同年|当年)", "", text[a:p.start - 1])):
            continue
        subj = [c for c in ms if c.cls == "Company" and c.end <= a and
                _LEAD.fullmatch(text[_clause(text, sent, c.start)[0]:c.start])]
        if subj:
            rels.add(subj[-1].entity, "investsIn", p.entity, sent, "invest:signed-with-park", 0.7,
                     (subj[-1].start, p.end + 2))


def _project_investments(text, sentences, by_sent, topic, cues, rels, kind_of) -> None:
    """"A…项目在P投产。该项目总投资130亿元": the project anaphor's investment is A's, in P."""
    for si, sent in enumerate(sentences):
        if si == 0 or not _PROJECT_INVEST_OPENER.match(sent.text.lstrip()):
            continue
        if not cues.strong_inv.search(sent.text):
            continue
        prev = sentences[si - 1]
        if prev.article != sent.article:
            continue
        ms = by_sent.get(prev.idx, [])
        comps = [c for c in ms if c.cls == "Company" and
                 re.fullmatch(r"[^，。；、]{0,24}?项目", text[c.end:text.find("项目", c.end, prev.end) + 2])
                 if text.find("项目", c.end, prev.end) >= 0]
        if not comps:
            continue
        c = comps[-1]
        ps = [p for p in ms if p.cls == "Park" and p.start > c.end]
        tgt = ps[0].entity if ps else topic.get(sent.article)
        if tgt is not None:
            rels.add(c.entity, "investsIn", tgt, sent, "invest:project-anaphor", 0.7)


def _scene_park(text: str, sent: Sentence, p: Mention) -> bool:
    """The park's clause is a bare scene-setter: "在P，", "P：", "P方面，" (with time words)."""
    a, e = _clause(text, sent, p.start)
    lead = text[a:p.start]
    if lead.endswith("在"):
        lead = lead[:-1]
    return _LEAD.fullmatch(lead) is not None and re.fullmatch(r"(?:方面|这边|内|里)?", text[p.end:e]) is not None


_SCENE_VERB = re.compile(r"(?:在|走进|走入|来到|步入|置身)$")
# "中国某某（以下简称“某某”）旗下的|A": the clause opens on A's parent
_UNDER_PARENT = re.compile(r"[^，。；]{2,40}?(?:旗下|下属)的?")


def _at_park_opener(text, sent, m, first, cs, parks, rels):
    """"在P，A…": a sentence that opens on "在P，" places the organisations opening its clauses.

        在某某软件园，某某集团股份有限公司扎根已30年
    """
    # the clause opens on the organisation, or (right after the scene) on its parent's "旗下的"
    under = not _LEAD.fullmatch(text[cs:first.start])
    if cs == sent.start or under and not _UNDER_PARENT.fullmatch(text, cs, first.start):
        return None
    for p in parks:
        if p.end >= cs:
            break
        a, _ = _clause(text, sent, p.start)
        if a != sent.start or text[p.end:p.end + 1] not in "，," or under and cs != p.end + 1:
            continue
        lead = text[a:p.start]
        # "在|走进|来到P，" and "在X高新区北部的P，": the place opens the sentence
        zone = next((q for q in parks if a <= q.start and q.end < p.start and
                     _IN_ZONE_OF.fullmatch(text, q.end, p.start)), None)
        if zone is not None:
            lead = text[a:zone.start]
        opener = _SCENE_VERB.search(lead)
        if opener is not None and _LEAD.fullmatch(lead, 0, opener.start()):
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:at-park-opener", 0.75, (p.start - 1, m.end))
            return p.entity
    return None


_SUBPARK_COPULA = re.compile(r"，?(?:也|则|就|正)?是")


def _copula_subpark(text: str, before_parks: list) -> int | None:
    """The sub-park a sentence is about when it says "P是X…打造的园区": a zone X named in the
    predicate only describes P, the sentence's subject."""
    for i, p in enumerate(before_parks[:-1]):
        if p.anaphor or p.attrs.get("kind") != "subpark":
            continue
        if _SUBPARK_COPULA.match(text, p.end) and before_parks[i + 1].entity != p.entity:
            return p.entity
    return None


_PARK_COMMITTEE = re.compile(r"[区园城谷](?:管委会|管理委员会|党工委|工委)$")
_PURPOSE_CLAUSE = re.compile(r"为了?(?:深入|全面|认真|进一步|更好地?|切实)*")


def _glued_subpark(p: Mention, parks) -> Mention:
    """"落户X高新区|Y工业园": the park named right after the zone is where the organisation is
    (the zone is added one level up, from the partOf between the two)."""
    if p.anaphor:
        return p
    for q in parks:
        if q.start == p.end and not q.anaphor and q.entity != p.entity and q.cls == "Park":
            return q
    return p


def _located(text, sent, m, group, cs, ce, before_parks, after_parks, parks, context, cues, agent, rels,
             orgs_all=(), short_parks=None, park_names=()):
    first, last = group[0], group[-1]
    # "…中以常州创新园工作站", "青岛高新区企业服务中心": named after the park it is in
    if not m.anaphor:
        for n, pid in park_names:
            i = m.text.find(n)
            if i >= 0 and i + len(n) < len(m.text):
                rels.add(m.entity, "locatedIn", pid, sent, "located:name-park", 0.7, (m.start, m.end))
                return pid
    # "A于2003年在张江成立": a park called by its bare name, without the 科学城/高新区 ending
    if short_parks:
        sp = _AT_SHORT_PARK.match(text[last.end:ce])
        if sp and sp.group(1) in short_parks:
            p = short_parks[sp.group(1)]
            rels.add(m.entity, "locatedIn", p, sent, "located:org-cue-short-park", 0.75,
                     (m.start, last.end + sp.end()))
            return p
    # "A在P设立全资子公司B": B is in the park, its parent need not be
    if _SETS_UP_SUBSIDIARY.search(text[last.end:ce]):
        return None
    # "A于2003年在P成立", "A落户P", "A入驻P": a cue between the organisation and the park
    for p in after_parks:
        gap = text[last.end:p.start]
        # "A是P电子信息产业的“链主”企业", "A是从P成长起来的独角兽企业": one of the park's firms
        if _COPULA.fullmatch(gap) and len(group) == 1:
            kind = re.match(r"[^，。；]{0,20}?(?:企业|公司)", text[p.end:ce])
            if kind and not re.search(r"合作|伙伴|对口|结对", kind.group()):
                rels.add(m.entity, "locatedIn", p.entity, sent, "located:copula-park-firm", 0.8,
                         (m.start, p.end + kind.end()))
                return p.entity
        if re.search(r"[，。；]", gap) or len(gap) > 24:
            break
        if cues.loc.search(gap) or gap.endswith(("在", "落户", "入驻", "扎根", "进驻", "布局", "到")):
            p = _glued_subpark(p, after_parks)
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:org-cue-park", 0.85, (m.start, p.end))
            return p.entity
    # the cue may sit in a later clause with a dropped subject: "X总经理Y告诉记者，从2018年落户P"
    tail = text[last.end:sent.end]
    mt = re.search(f"(?:在|{cues.loc.pattern})", tail)
    if mt is not None and not agent:
        pos = last.end + mt.end()
        nxt = [p for p in parks if pos <= p.start <= pos + 12 and not re.search(r"[，。；]", text[pos:p.start])]
        between = text[last.end:last.end + mt.start()]
        others = [o for o in parks if last.end <= o.start < pos]
        if nxt and not others and len(between) <= 40 and not re.search(r"[。；“”]", between) and \
                not re.search(r"(?:有限公司|集团|研究院|大学)", between) and \
                (re.search(r"(?:落户|入驻|扎根|进驻|位于|坐落于|注册|成立|设立|布局)", text[pos:nxt[0].end + 6] + mt.group(0))
                 or _BUILDS_PLANT.match(text, nxt[0].end)):
            p = _glued_subpark(nxt[0], parks)
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:org-cue-park", 0.75, (m.start, p.end + 2))
            return p.entity
    if agent:
        return None
    if m.rule == "company:office":
        return None                     # a firm's regional office is in a park only when a cue says so
    # "P…引进A、B等项目", "P已集聚了A、B", "建成A": a cue before the list, in its clause
    lead = text[cs:first.start]
    later = [p for p in parks if last.end <= p.start < ce]
    target = before_parks[-1].entity if before_parks else (later[0].entity if later else context)
    topic = _copula_subpark(text, before_parks)
    if topic is not None:
        target = topic                  # "P是X重点打造的专业园区，目前已集聚A、B等": P gathers them
    if target is not None and cues.loc.search(lead):
        rels.add(m.entity, "locatedIn", target, sent, "located:park-cue-list", 0.75, (cs, ce))
        return target
    # the park builds it: the park is named before, or the clause has no subject of its own
    # ("建成A、B", "与某大学合作成立A"); not "双方共建A"
    bv = cues.build.search(lead)
    own = bv is not None and (bool(before_parks) or _LEAD.fullmatch(lead[:bv.start()]) or
                              re.fullmatch(r"(?:与|同|联合|携手)[^，。；]{2,24}?(?:合作|共同|联合)?", lead[:bv.start()]))
    if target is not None and own and not re.search(r"[“”]", lead):
        rels.add(m.entity, "locatedIn", target, sent, "located:park-builds", 0.7, (cs, ce))
        return target
    # "以A、B为代表的…企业" in a sentence that gathers them ("汇聚", "聚集了…企业")
    if target is not None and re.match(r"[^，。；]{0,16}?为代表", text[last.end:ce]) and \
            cues.loc.search(text[sent.start:first.start]):
        rels.add(m.entity, "locatedIn", target, sent, "located:representative", 0.75, (cs, ce))
        return target
    # "A、B等(P)重点企业": members of the park's companies
    tail = text[last.end:ce]
    if tail.startswith("等"):
        pe = next((p for p in parks if p.start == last.end + 1), None)
        tgt = pe.entity if pe is not None else target
        kind = re.match(r"等([^，。；]{0,8}?)企业", tail)
        if tgt is not None and kind and (pe is not None or re.search(r"重点|龙头|骨干|链主|入驻|园区", kind.group(1))):
            rels.add(m.entity, "locatedIn", tgt, sent, "located:list-park-firms", 0.8, (first.start, ce))
            return tgt
    # "A新型显示材料产业园项目", "在A项目建设现场": a project being built or landed
    project = re.match(r"[^，。；、]{0,14}?(?:项目|基地|工厂|厂房|总部)", text[m.end:ce]) or \
        (len(group) > 1 and re.search(r"等[^，。；]{0,6}项目", text[last.end:ce]))
    if target is not None and project and cues.land.search(text[m.end:ce]):
        rels.add(m.entity, "locatedIn", target, sent, "located:project", 0.7, (cs, ce))
        return target
    # a park named earlier in the sentence, as its subject ("P传来喜讯：A、B…入选"; not for
    # "…，A旗下的B研发的…", which speaks of B as A's unit); not when
    # the organisation itself opened the sentence ("A宣布成立的P，将依托A…": P is A's object)
    # Companies only: universities and labs named with a park are mostly its partners
    # ("高新区将依托A大学、B大学等高校的人才资源")
    if m.cls == "Company" and before_parks and not _UNIT_OF.search(text[cs:first.start]) and \
            not any(p.start >= first.start for p in parks if p.start < last.end) and \
            not any(o.entity == m.entity and o.start < before_parks[-1].start for o in orgs_all):
        p = before_parks[-1]
        rels.add(m.entity, "locatedIn", p.entity, sent, "located:same-sentence", 0.55, (p.start, m.end))
        return p.entity
    return None


_COPULA = re.compile(r"(?:[（(][^（）()]{0,30}[）)])?(?:也|则|就|正|已|即|均|都)?是(?:从|在)?")
# "…，在P建设高端计算机研发制造基地": the organisation's own plant, base or project in P
_BUILDS_PLANT = re.compile(r"(?:建设|新建|建成|投资建设|扩建|投产)[^，。；]{0,16}?(?:基地|工厂|总部|生产线|产线|厂区|项目|平台|研发中心)")
_ZONE_STEM = re.compile("(?:高新技术产业开发区|高新区)$|(?:经济技术开发区|经开区)$")


def _named_after_zone(entities, mentions, sentences, kind_of, rels) -> None:
    """A park named after a zone of the document lies inside it: "成都高新综合保税区" in
    成都高新区, "南京江北新区产业技术研创园" in 南京江北新区 — its name opens with the zone's
    whole name, or with the zone's name up to 高新 / 经开. Such a park is a part, not a zone."""
    zones = [e for e in entities if e.cls == "Park" and e.attrs.get("kind") == "zone"]
    if not zones:
        return
    heads: dict[int, set[str]] = {}
    for z in zones:
        hs = {n for n in z.names if len(n) >= 4}
        for n in z.names:
            m = _ZONE_STEM.search(n)
            if m and m.start() >= 2:
                hs.add(n[:m.start()] + ("高新" if "高新" in m.group() else "经开"))
        heads[z.local_id] = hs
    first: dict[int, Mention] = {}
    for m in mentions:
        if m.cls == "Park" and not m.anaphor and m.entity >= 0 and m.entity not in first:
            first[m.entity] = m
    # head -> the zones (by position in ``zones``) it opens: a park's candidate zones are looked
    # up by the prefixes of its names, not tried one by one (zones x parks on a long list)
    zones_of: dict[str, set[int]] = defaultdict(set)
    for i, z in enumerate(zones):
        for h in heads[z.local_id]:
            zones_of[h].add(i)
    for e in entities:
        if e.cls != "Park" or e.local_id not in first:
            continue
        cand: set[int] = set()
        for n in e.names:
            for k in range(1, len(n) - 2):
                cand.update(zones_of.get(n[:k], ()))
        if not cand:
            continue
        own = {_ZONE_STEM.sub("", n) for n in e.names}
        for z in (zones[i] for i in sorted(cand)):
            if z.local_id == e.local_id or any(_ZONE_STEM.sub("", n) in own for n in z.names):
                continue
            if any(n.startswith(h) and len(n) > len(h) + 2 for n in e.names for h in heads[z.local_id]):
                m = first[e.local_id]
                rels.add(e.local_id, "partOf", z.local_id, sentences[m.sentence], "partof:named-after-zone",
                         0.8, (m.start, m.end))
                kind_of[e.local_id] = "subpark"
                e.attrs["kind"] = "subpark"
                break


def _invest_in_zones(rels: _Rels, kind_of: dict) -> None:
    """An investment in a project in a sub-park is an investment in the zone it is part of."""
    parent: dict[int, list[int]] = defaultdict(list)
    for r in rels.items.values():
        if r.p == "partOf" and kind_of.get(r.s) == "subpark" and kind_of.get(r.o) == "zone":
            parent[r.s].append(r.o)
    for key, r in list(rels.items.items()):
        if r.p == "investsIn" and parent.get(r.o):
            del rels.items[key]
            for z in parent[r.o]:
                k2 = (r.s, "investsIn", z)
                if k2 not in rels.items or rels.items[k2].confidence < r.confidence:
                    rels.items[k2] = DocRelation(r.s, "investsIn", z, r.sentence, r.rule + "+zone",
                                                 r.confidence, r.start, r.end)


# anaphors that still name the sub-park: the one the previous sentence opened on, and the bare
# ending of its name ("在产业园扎根" after "X智能终端产业园")
_SUBPARK_NAMING_ANAPHORS = ("anaphor:subject-subpark", "anaphor:park-suffix")


_INSIDE_ZONE_RULES = ("partof:adjacent-zone", "partof:zone-de")


def _inherit_zone(rels: _Rels, sentences: list[Sentence], kind_of: dict, by_sent) -> None:
    """An organisation in a sub-park is in the zone the sub-park is part of (one level up).

    Only when the sentence names the sub-park ("位于某纳米城的A", "在某科技园建设…"): an
    organisation placed there by discourse context alone is described in the sub-park's frame.
    """
    parent: dict[int, set[int]] = defaultdict(set)
    for r in rels.items.values():
        # a zone-suffixed park the text places inside a zone ("X经开区Y工业园区") is a part too
        if r.p == "partOf" and (kind_of.get(r.s) == "subpark" or r.rule in _INSIDE_ZONE_RULES):
            parent[r.s].add(r.o)
    for r in list(rels.items.values()):
        if r.p != "locatedIn" or r.o not in parent or r.rule == "located:name-park":
            continue
        if not any(m.entity == r.o and (not m.anaphor or m.rule in _SUBPARK_NAMING_ANAPHORS)
                   for m in by_sent.get(r.sentence, ())):
            continue
        for z in parent[r.o]:
            rels.add(r.s, "locatedIn", z, sentences[r.sentence], "located:sub-park-of-zone",
                     round(r.confidence * 0.9, 3), (r.start, r.end))


def _quoted_speakers(text, sentences, by_sent, topic, cues, rels) -> None:
    """A quote that says the park serves "us", attributed to a company: the company is there.

        “…高新区帮扶干部经常上门服务，给予我们支持…” 某某有限公司总经理张三说。
    """
    for si, sent in enumerate(sentences):
        ms = by_sent.get(sent.idx, [])
        if not ms or si == 0:
            continue
        org = None
        first = ms[0]
        if first.cls in ("Company", "Institution") and not first.anaphor and \
                _LEAD.fullmatch(text[sent.start:first.start]):
            rest = text[first.end:sent.end]
            sp = cues.speech.search(rest)
            if sp and sp.start() <= 20 and not re.search(r"[，。；“”]", rest[:sp.start()]):
                org = first
        if org is None:
            continue
        # the quote: the sentences right before, back to the one that opens it
        quote = []
        j = si - 1
        while j >= 0 and sentences[j].article == sent.article and si - j <= 6:
            quote.append(sentences[j])
            if "“" in sentences[j].text:
                break
            j -= 1
        if not quote or not sentences[si - 1].text.rstrip().endswith(("”", "”。")):
            continue
        if "“" not in quote[-1].text:
            continue
        for q in quote:
            if not re.search(r"我们|我司|我公司", q.text):
                continue
            qp = [m for m in by_sent.get(q.idx, []) if m.cls == "Park"]
            if qp:
                rels.add(org.entity, "locatedIn", qp[0].entity, q, "located:quote-speaker", 0.65)
                break


#: the longest text between two companies that a pattern of _subsidiaries reads (46 characters:
#: "（…30…）为例，通过其的全资子公司——"), with room to spare
_PAIR_GAP = 64


def _subsidiaries(text, sentences, by_sent, entities, lex, rels) -> None:
    comps = [e for e in entities if e.cls == "Company"]
    # the parents a subsidiary can have, looked up (not every pair of companies tried: quadratic
    # on a list of thousands): a name that opens the subsidiary's, a short form of one that does
    # (offices), a brand name sharing its first two characters (local entities)
    by_name: dict[str, set[int]] = defaultdict(set)
    by_brand: dict[str, set[int]] = defaultdict(set)
    by_short: dict[str, set[int]] | None = None
    for i, par in enumerate(comps):
        for n in par.names:
            by_name[n].add(i)
            if len(n) >= 4 and n.endswith(("科技", "集团", "股份", "控股", "汽车", "电子", "药业", "实业")):
                by_brand[n[:2]].add(i)
    # "X分公司" / "X（泰州）有限公司" of a parent named in the same text
    for sub in comps:
        core = re.sub(r"[（(][^（）()]{1,8}[）)]", "", sub.label)
        branch = sub.label.endswith(("分公司", "代表处", "办事处"))
        local = core != sub.label and sub.label.endswith(lex["company_forms"])
        if not (branch or local):
            continue
        cand: set[int] = set()
        for k in range(2, len(sub.label) + 1):
            cand.update(by_name.get(sub.label[:k], ()))
        if sub.label.endswith(("代表处", "办事处")):
            if by_short is None:
                by_short = defaultdict(set)
                for i, par in enumerate(comps):
                    for n in par.names:
                        for f in company_short_forms(n, lex, 2):
                            by_short[f].add(i)
            for k in range(0, len(sub.label) + 1):
                cand.update(by_short.get(sub.label[:k], ()))
        if local:
            cand.update(by_brand.get(core[:2], ()))
        for par in (comps[i] for i in sorted(cand)):
            if par is sub or sub.label in par.names:
                continue
            # a parent is a different, shorter name that opens the subsidiary's name
            pn = [n for n in par.names if len(n) >= 2 and sub.label.startswith(n) and n not in sub.names]
            if not pn and sub.label.endswith(("代表处", "办事处")):
                # "甲乙科技湖南代表处" of 甲乙科技有限公司: the office opens with the company's short name
                pn = [n for n in par.names for f in company_short_forms(n, lex, 2) if sub.label.startswith(f)]
            if not pn:
                # "蓝思精密（泰州）有限公司" of "蓝思科技": a shared brand, the parent a group/listed firm
                pn = [n for n in par.names if len(n) >= 4 and n[:2] == core[:2] and
                      n.endswith(("科技", "集团", "股份", "控股", "汽车", "电子", "药业", "实业"))
                      and not sub.label.startswith(n)] if local else []
                if not pn:
                    continue
            s_both = sorted(set(sub.sentences) & set(par.sentences))
            si = s_both[0] if s_both else (sub.sentences[0] if sub.sentences else None)
            if si is None:
                continue
            rule = "subsidiary:branch" if branch else "subsidiary:local-entity"
            rels.add(sub.local_id, "subsidiaryOf", par.local_id, sentences[si], rule, 0.85 if branch else 0.7)
    # patterns between two companies of one sentence
    for sent in sentences:
        ms = [m for m in by_sent.get(sent.idx, []) if m.cls == "Company"]
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.start - a.end > _PAIR_GAP:
                    break               # no pattern below spans more (mentions are in text order)
                gap = text[a.end:b.start]
                if re.search(r"[。；]", gap):
                    break
                if re.fullmatch(r"(?:于\d{4}年(?:\d{1,2}月)?)?(?:在[^，。；、]{1,12}?)?(?:全资|控股|独资|出资|投资)?"
                                r"(?:设立|成立|新设|组建|控股|注册成立)了?(?:(?:全资|控股|独资)?子公司)?", gap) \
                        or re.fullmatch(r"(?:在[^，。；]{1,12})?(?:全资|独资|出资|投资)?(?:设立|成立|组建)的", gap):
                    rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:founded", 0.85, (a.start, b.end))
                elif re.fullmatch(r"(?:[（(][^（）()]{0,30}[）)]|[”’\"]?[）)])?(?:(?:为例[，,])?(?:通过|借助|依托|以|将)?其)?"
                                  r"(?:(?:旗下|下属|控股)(?:的|子公司|企业)?|的?(?:全资|控股)子公司|的子公司|持有的|所属)"
                                  r"(?:——|—|：|:)?", gap):
                    rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:holds", 0.8, (a.start, b.end))
                    # "A旗下的B、C等骨干企业": every company of the list that carries A's brand
                    # (A's first two characters) is A's; others may be listed beside them
                    brand = text[a.start:a.start + 2]
                    prev = b
                    for c in ms[ms.index(b) + 1:]:
                        if not re.fullmatch(r"[、和及与]", text[prev.end:c.start]):
                            break
                        prev = c
                        if brand not in text[c.start:c.end]:
                            continue
                        rels.add(c.entity, "subsidiaryOf", a.entity, sent, "subsidiary:holds-list", 0.75, (a.start, c.end))
                # "作为A的控股子公司，B…"
                elif re.fullmatch(r"的?(?:全资|控股|独资)?子公司[，,]", gap) and \
                        text[max(sent.start, a.start - 2):a.start] == "作为":
                    rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:as-subsidiary", 0.8, (a.start, b.end))
                # "B由A（全资）控股"
                elif re.fullmatch(r"(?:则|也|均|已)?由", gap) and \
                        re.match(r"(?:全资|绝对|相对)?控股", text[b.end:b.end + 4]):
                    rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:held-by", 0.8, (a.start, b.end + 2))
                # "这家由A全资设立的子公司", "B由A投资成立": B is A's
                elif re.fullmatch(r"(?:则|也|均|已|是)?由", gap) and \
                        _MADE_BY_AFTER.match(text, b.end):
                    rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:set-up-by", 0.8,
                             (a.start, b.end + 6))
                # "B是A的全资子公司"
                elif re.fullmatch(r"，?(?:则|也|即)?(?:是|为|系)", gap) and \
                        re.match(r"的?(?:全资|控股|独资)?(?:子公司|分公司)", text[b.end:b.end + 8]):
                    rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:is-subsidiary", 0.85, (a.start, b.end + 6))
        # "A…，它是B的控股子公司": the pronoun stands for the company the sentence spoke of last
        for b in ms:
            if _PRONOUN_IS.search(text[max(sent.start, b.start - 6):b.start]) and \
                    re.match(r"的?(?:全资|控股|独资)?子公司", text[b.end:b.end + 8]):
                before = [a for a in ms if a.end <= b.start - 3 and a.entity != b.entity]
                if before:
                    rels.add(before[-1].entity, "subsidiaryOf", b.entity, sent, "subsidiary:pronoun-is-subsidiary",
                             0.8, (before[-1].start, b.end + 6))
        # "A收购B持有的C(以及D)…股权": C belonged to B and now to A
        for mt in _ACQUIRE.finditer(sent.text):
            pos = sent.start + mt.end()
            buyer = [m for m in ms if m.end <= sent.start + mt.start()]
            after = [m for m in ms if m.start >= pos]
            end = text.find("股权", pos, sent.end)
            if end < 0:
                continue
            targets = [m for m in after if m.end <= end]
            held = [m for m in targets if text[m.end:m.end + 3] == "持有的"]
            seller = held[0] if held else None
            owned = [m for m in targets if seller is None or m.start > seller.end]
            for t in owned:
                if buyer and not re.search(r"[。；]", text[buyer[-1].end:pos]):
                    rels.add(t.entity, "subsidiaryOf", buyer[-1].entity, sent, "subsidiary:acquired", 0.8,
                             (buyer[-1].start, end + 2))
                if seller is not None:
                    rels.add(t.entity, "subsidiaryOf", seller.entity, sent, "subsidiary:held", 0.75,
                             (seller.start, end + 2))


def _orgs_before(text: str, ms: list[Mention], person: Mention) -> list[Mention]:
    """Organisations in the title chain right before a person name, nearest first."""
    out = []
    pos = person.start
    for o in sorted((x for x in ms if x.end <= person.start), key=lambda x: -x.end):
        gap = text[o.end:pos]
        if o.cls in ("Official", "Executive", "Policy"):
            break
        if len(gap) > 30 or re.search(r"[，。；！？“”,;!?]", gap):
            break
        out.append(o)
        pos = o.start
    return out


# between co-issuers: "A、B和C", "A（以下简称“甲”）会同B"
_CO_ISSUER_GAP = re.compile(r"[、与和及]|(?:[（(][^（）()]{0,20}[）)]|[”’\"]?[）)])?(?:会同|联合|协同|同)")


def _issuers(text: str, sent: Sentence, ms: list[Mention], pol: Mention, t_iss: re.Pattern,
             topic_m: Mention | None = None) -> list[tuple[Mention, tuple[int, int]]]:
    """Who issued the policy mention ``pol``, with the evidence span."""
    orgs = [o for o in ms if o.cls in ("Agency", "Park", "Official") and o.end <= pol.start]
    window = text[sent.start:pol.start]
    trig = None
    for trig in t_iss.finditer(window):
        pass
    # "由A、B与C共同研究形成" after the policy
    after = text[pol.end:sent.end]
    if trig is None:
        m = re.search(r"由([^。；]{2,40}?)(?:共同|联合)?(?:研究形成|制定|发起|编制|印发|发布|起草)", after)
        if m:
            a, b = pol.end + m.start(1), pol.end + m.end(1)
            span = (pol.start, pol.end + m.end())
            return [(o, span) for o in ms if o.cls in ("Agency", "Park", "Official") and o.start >= a and o.end <= b]
        return []
    tpos = sent.start + trig.start()
    if re.search(r"[。；;]", text[tpos:pol.start]) or pol.start - tpos > 12:
        return []
    cands = [o for o in orgs if o.end <= tpos]
    cs = sent.start
    for c in _CLAUSE.finditer(text, sent.start, tpos):
        cs = c.end()
    if not cands or cands[-1].end <= cs and text[cands[-1].end:tpos].strip("，,"):
        # no issuer named in this clause: the park of the article, when the clause has no
        # subject of its own ("出台《…》", "2021年初编制《…》"); not "上海某办公室发布《…》"
        if topic_m is not None and _LEAD.fullmatch(text[cs:tpos]):
            return [(topic_m, (tpos, pol.end))]
        return []
    last = cands[-1]
    if re.search(r"[。；;]", text[last.end:tpos]):
        return []
    out = [(last, (last.start, pol.end))]
    # co-issuers listed with 、/与/和 right before
    i = len(cands) - 2
    while i >= 0 and _CO_ISSUER_GAP.fullmatch(text, cands[i].end, cands[i + 1].start):
        out.append((cands[i], (cands[i].start, pol.end)))
        i -= 1
    return out
