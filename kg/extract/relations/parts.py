"""partOf: a sub-park and the zone it lies in — named together ("X高新区Y产业园", "X新区内的Y
园"), stated ("Y位于X", "Y隶属于X", "X下辖Y、Z", "P是X的核心区", "P是X重点打造的专业园区"),
carrying the zone's work ("以A和B为主要载体"), named after the zone ("成都高新综合保税区"), an
area of the one free-trade zone the document names ("南沙自贸片区"), or a named sub-park in an
article about one zone. Cue words: ``kg/lexicon/part_triggers.txt``, ``ftz_parts.txt``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.relations.context import _IN_ZONE_OF, _PARTNER, _clause
from kg.model import Mention

_DEVELOPMENT_ZONE = re.compile(r"(?:开发区|高新区|经开区)$")


# "X经开区|三期|Y工业园区": the zone's phase the sub-park lies in
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期")


_CORE_AREA = re.compile(r"的?(?:核心区|主体区|核心园区|先导区|核心承载区|重要组成部分)|"
                        # "作为X示范性启动项目，Y位于…": the first area built of X
                        r"的?(?:示范性|首个)?(?:启动区|启动项目)|"
                        # "P是X旗下片区之一", "P是X的三大园区之一": one of X's areas
                        r"(?:旗下|下辖|所辖)?的?[^，。；“”]{0,6}?(?:片区|园区|板块|组团|功能区)之一")


# "作为X“三城一岛”战略的核心承载区": a few words of X's own between it and its core area
_CORE_AREA_FAR = re.compile(r"[^，。；：！？]{1,12}?的(?:核心区|主体区|核心园区|先导区|核心承载区|重要组成部分)")


_CARRIERS = re.compile(r"(?P<by>为)(?:主要|重要|核心)?(?:载体|承载平台|主阵地|主战场)|"
                       r"的(?:两大|三大|四大|五大)?(?:主阵地|主战场|主要载体|核心载体|主平台|重要载体)")
_CARRIER_ADV = re.compile(r"(?:正|将|要|还|也|已|正在|积极|主要|重点)*")


_INCLUDES = re.compile(r"[（(](?:含|包含|包括|仅限|限于)")


def _park_parts(text, sent, ms, parks, zones_here, kind_of, top, foreign, rels, cues) -> None:
    """partOf: "X高新区Y产业园", "Y位于X", "X包括Y、Z", and named sub-parks of the topic park."""
    if not parks:
        return                          # (every rule below relates the sentence's parks)
    named = [m for m in parks if not m.anaphor]
    _adjacent_parts(text, sent, parks, named, kind_of, rels)
    _stated_parts(text, sent, parks, named, kind_of, rels, cues.part_of)
    _listed_parts(text, sent, parks, named, kind_of, rels, cues.has_parts)
    wholes = _copula_parts(text, sent, named, rels, kind_of)
    _carrier_parts(text, sent, parks, named, kind_of, rels)
    if top is not None:
        _topic_parts(text, sent, ms, named, zones_here, kind_of, top, foreign, wholes, rels)


# the sentences that open an article (its title and lead)
_OPENING = 2


def topic_is_named(doc, here) -> bool:
    """Whether the article's topic park is what the article is about, so that a sub-park it
    names is the topic's: the topic is named in the article's opening (title or lead) or in three
    sentences or more. A zone named once or twice in passing ("研讨会在X举行", "X的Y公司") is the
    topic only for want of another, and the sub-parks of such articles are mostly not its parts
    (real dev: 5 of the rule's 12 errors, none of its hits)."""
    named = doc.park_sentences.get(here.top) or []
    first = doc.article_start.get(here.sent.article, 0)
    return len(named) >= 3 or any(first <= s < first + _OPENING for s in named)


def _adjacent_parts(text, sent, parks, named, kind_of, rels) -> None:
    """Parks named together: glued ("青岛高新区医疗器械产业园"), a bracket of the zone's parts,
    "X新区内的Y"."""
    for a, b in zip(named, named[1:]):
        if b.start < a.end:
            continue                    # nested names ("X软件园" inside "X软件园Y城"): not two places
        gap = text[a.end:b.start]
        # glued names only: "青岛高新区医疗器械产业园"; a list "A、B" is no containment
        if len(gap) <= 1 and not re.fullmatch(r"[、，。；：,;:和与及或（）()是为系由在把对向从将被给以于至到等]", gap or "x") and \
                kind_of.get(b.entity) == "subpark" and a.entity != b.entity:
            rels.add(b.entity, "partOf", a.entity, sent, "partof:adjacent", 0.9, (a.start, b.end))
        elif (not gap or _PHASE.fullmatch(gap)) and a.entity != b.entity and kind_of.get(a.entity) == "zone" and \
                not _DEVELOPMENT_ZONE.search(b.text) and len(b.text) >= 5 and not a.text.endswith(b.text):
            # "X经济技术开发区|Y工业园区": a park named right after a zone lies in it, whatever its
            # suffix — but a development zone glued after another is a table's column run
            # together ("岳阳高新技术产业开发区临湘高新技术产业开发区"), not containment
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


def _stated_parts(text, sent, parks, named, kind_of, rels, part_of=()) -> None:
    """"Y位于X", "Y加入X", "Y隶属于X", "Y产业园在X经开区开园"; "作为X核心区，P…", "P作为X的核心区"."""
    for b in named:
        after = text[b.end:b.end + 8]
        for trig in part_of:
            if after.startswith(trig):
                for a in parks:
                    if a.start >= b.end and a.start - b.end <= len(trig) + 4 and a.entity != b.entity:
                        rels.add(b.entity, "partOf", a.entity, sent, f"partof:{trig}", 0.9, (b.start, a.end))
        if after.startswith("在") and kind_of.get(b.entity) == "subpark":
            # "Y产业园在X经开区隆重开园": a sub-park the sentence places in a zone (the zone right after 在)
            for a in parks:
                if a.start == b.end + 1 and a.entity != b.entity and kind_of.get(a.entity) == "zone":
                    rels.add(b.entity, "partOf", a.entity, sent, "partof:在", 0.85, (b.start, a.end))
    # "作为X核心区，P…", "P作为X的核心区": P is the core area (a part) of X
    for a in named:
        before = text[max(sent.start, a.start - 8):a.start]
        core = _CORE_AREA.match(text, a.end) or (_CORE_AREA_FAR.match(text, a.end) if before.endswith("作为") else None)
        if core is None:
            continue
        if re.search(r"作为$", before):
            # "作为X核心区，P": the clause's subject after the comma; "P作为X核心区"; "作为X“三城一岛”
            # 战略的核心承载区之一的P": the name the phrase qualifies
            subj = [b for b in named if b.start >= core.end() and
                    re.fullmatch(r"[，,]?[“\"]?|(?:之一)?的", text[core.end():b.start])] or \
                [b for b in named if b.end <= a.start and re.fullmatch(r"作为", text[b.end:a.start])]
            for b in subj[:1]:
                if b.entity != a.entity:
                    rels.add(b.entity, "partOf", a.entity, sent, "partof:core-area", 0.8,
                             (min(a.start, b.start), max(core.end(), b.end)))


# "P下辖|由X、Y…": the verb right after the whole, after a few adverbs
_HAS_ADV = re.compile(r"(?:目前|现|共|已|主要|现已|目前已|规划)?")
# "由X、Y等园区组成": what closes a list the whole is made of
_MADE_OF = re.compile(r"[^，。；]{0,12}?(?:组成|构成)")


def _listed_parts(text, sent, parks, named, kind_of, rels, has_parts) -> None:
    """"P下辖X、Y两个园区", "P包括X、Y", "P由X、Y等园区组成": the sub-parks listed after a whole
    and its verb, in its clause."""
    for a in parks:
        adv = _HAS_ADV.match(text, a.end)
        verb = has_parts.match(text, adv.end())
        if verb is None:
            continue
        _, ce = _clause(text, sent, verb.end())
        parts = [b for b in named if verb.end() <= b.start and b.end <= ce and b.entity != a.entity and
                 kind_of.get(b.entity) == "subpark"]
        if not parts or parts[0].start - verb.end() > 2:
            continue                    # the verb governs the list right after it
        if verb.group() == "由" and not _MADE_OF.match(text, parts[-1].end):
            continue                    # "P由X投资建设": an agent, not the parts
        for b in parts:
            rels.add(b.entity, "partOf", a.entity, sent, "partof:has-parts", 0.8, (a.start, b.end))


# "X园是P重点打造的专业园区", "X园是P的一个特色园区": the subject is one of P's areas — not a
# partner's ("P的合作园区", "对口帮扶园区")
_AREA_OF = re.compile(r"(?:的|重点|着力|倾力|全力|规划)?[^，。；“”]{0,10}?(?:园区|专业园|特色园|板块|片区|组团|功能区)")
_NOT_AREA_OF = re.compile(r"合作|对口|结对|友好|兄弟|姊妹|共建|飞地|帮扶")


def _copula_parts(text, sent, named, rels, kind_of=None) -> set[int]:
    """"P是X的核心区之一", "P是X“一区多园”中面积最大的园区": the subject is a part of X; the
    wholes named so."""
    wholes = set()
    for b, a in zip(named, named[1:]):
        if re.fullmatch(r"(?:是|为|系|已成为)", text[b.end:a.start]) and a.entity != b.entity and \
                (_CORE_AREA.match(text, a.end) or
                 re.match(r"的?(?:“一区多园”|一区多园)(?:格局)?中的?[^，。；]{0,10}?(?:园区|板块|片区|组团|园)",
                          text[a.end:a.end + 30])):
            rels.add(b.entity, "partOf", a.entity, sent, "partof:copula-part", 0.8, (b.start, a.end + 6))
            wholes.add(a.entity)
        elif kind_of is not None and re.fullmatch(r"(?:是|为|系)", text[b.end:a.start]) and \
                a.entity != b.entity and kind_of.get(a.entity) == "zone" and kind_of.get(b.entity) == "subpark":
            area = _AREA_OF.match(text, a.end)
            if area and not _NOT_AREA_OF.search(area.group()):
                rels.add(b.entity, "partOf", a.entity, sent, "partof:copula-area", 0.75, (b.start, area.end()))
                wholes.add(a.entity)
    return wholes


def _carrier_parts(text, sent, parks, named, kind_of, rels) -> None:
    """"Z正以A和B为主要载体", "A、B是Z光电产业的两大主阵地": the parks carry the zone's work;
    "X包括A、B"."""
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


# "A、B和C": the gap between two coordinated names
_COORD_GAP = re.compile(r"[、和与及]|以及")
# "P二期项目", "P示范性启动项目": a project being built, not a sub-park the zone already has;
# "P党工委副书记": the park's administration, an actor
_NOT_A_PART_AFTER = re.compile(r"[^，。；、等]{0,6}?(?:工程|项目)|管委会|管理委员会|党工委|工委")


def _coordination(text, ms) -> dict[int, list[Mention]]:
    """id(mention) -> the mentions listed with it ("A、B和C"), itself included; ``ms`` in text
    order. One pass: a page listing thousands of parks stays linear."""
    groups: list[list[Mention]] = []
    for k, x in enumerate(ms):
        if k and _COORD_GAP.fullmatch(text, ms[k - 1].end, x.start):
            groups[-1].append(x)
        else:
            groups.append([x])
    return {id(x): g for g in groups for x in g}


def _topic_parts(text, sent, ms, named, zones_here, kind_of, top, foreign, wholes, rels) -> None:
    """A named sub-park of an article about one zone is part of it (not a partner's, not one
    abroad, not when the sentence names another zone).

    Not a park listed with the zone or with companies ("到P、Q、某大学", "办好P、Q两个项目":
    peers on a tour or in a comparison), not a project ("Q二期项目正在施工"), not a park named
    as its committee ("Q党工委副书记"). On real news those were most of what the rule found
    (0 of 13 right on the real dev sets).
    """
    coordinated = None
    peers: dict[int, bool] = {}          # id(list) -> it names the zone or an organisation
    for b in named:
        if kind_of.get(b.entity) != "subpark" or b.entity == top or b.entity in wholes:
            continue
        before = text[max(sent.start, b.start - 3):b.start]
        if _PARTNER.search(before) or "赴" in before or b.text.startswith(foreign):
            continue
        if [z for z in zones_here if z.entity != top]:
            continue
        if _NOT_A_PART_AFTER.match(text, b.end):
            continue
        if coordinated is None:
            coordinated = _coordination(text, ms)
        group = coordinated[id(b)]
        if id(group) not in peers:
            peers[id(group)] = any(o.entity == top or o.cls in ("Company", "Institution") for o in group)
        if peers[id(group)]:
            continue
        rels.add(b.entity, "partOf", top, sent, "partof:topic-park", 0.7, (b.start, b.end))


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


def _free_trade_areas(entities, mentions, sentences, lex, rels) -> None:
    """An area of a free-trade zone ("南沙自贸片区", "临港新片区") lies in the one free-trade zone
    the document names (with two or more, which one is not said)."""
    wholes, parts = lex.tagged("ftz_parts", "whole"), lex.tagged("ftz_parts", "part")
    if not wholes or not parts:
        return
    parks = [e for e in entities if e.cls == "Park"]
    zones = [e for e in parks if e.label.endswith(wholes) and not e.label.endswith(parts)]
    if len(zones) != 1:
        return
    first: dict[int, Mention] = {}
    for m in mentions:
        if m.cls == "Park" and not m.anaphor and m.entity >= 0:
            first.setdefault(m.entity, m)
    z = zones[0]
    for e in parks:
        if e.local_id != z.local_id and e.local_id in first and e.label.endswith(parts):
            m = first[e.local_id]
            rels.add(e.local_id, "partOf", z.local_id, sentences[m.sentence], "partof:free-trade-area",
                     0.7, (m.start, m.end))
