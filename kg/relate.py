"""Relations between the entities of one document, each with its evidence sentence and rule.

Rules are sentence-local patterns over the resolved mentions (named ones and anaphors) plus
the article's topic park: a sentence about a park that names a company with a location cue
places the company in the park, and so on. Trigger words live in ``kg/lexicon/*_triggers.txt``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.model import Article, DocEntity, DocRelation, Mention, Sentence
from kg.names import Lexicon, alternation, norm

_CLAUSE = re.compile(r"[，。；！？,;!?]")
_PARTNER = re.compile(r"(?:与|同|和|联合|携手|跟)$")


class _Rels:
    def __init__(self) -> None:
        self.items: dict[tuple[int, str, int], DocRelation] = {}

    def add(self, s: int, p: str, o: int, sent: Sentence, rule: str, conf: float,
            span: tuple[int, int] | None = None) -> None:
        if s == o or s < 0 or o < 0:
            return
        key = (s, p, o)
        a, b = span or (sent.start, sent.end)
        if key not in self.items or self.items[key].confidence < conf:
            self.items[key] = DocRelation(s, p, o, sent.idx, rule, conf, a, b)


def relate(text: str, sentences: list[Sentence], articles: list[Article], mentions: list[Mention],
           entities: list[DocEntity], lex: Lexicon, topic: dict[int, int]) -> list[DocRelation]:
    rels = _Rels()
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.entity >= 0:
            by_sent[m.sentence].append(m)
    cls_of = {e.local_id: e.cls for e in entities}
    kind_of = {e.local_id: e.attrs.get("kind") for e in entities}
    t_loc = re.compile(alternation(lex["located_triggers"]))
    t_inv = re.compile(alternation(lex["invest_triggers"]))
    t_iss = re.compile(alternation(lex["issue_triggers"]))
    t_app = re.compile(alternation(lex["apply_triggers"]))
    foreign = tuple(w for w in lex["regions"] if len(w) >= 2 and not w.startswith("中"))

    issuer_of: dict[int, set[int]] = defaultdict(set)
    # a department of a park ("青岛高新区经济发展部") stands for the park in posts
    park_unit: dict[int, int] = {}
    for e in entities:
        if e.cls == "Agency":
            for p in entities:
                if p.cls == "Park" and any(e.label.startswith(n) and len(n) >= 4 for n in p.names):
                    park_unit[e.local_id] = p.local_id
    for sent in sentences:
        ms = sorted(by_sent.get(sent.idx, []), key=lambda m: m.start)
        if not ms:
            continue
        st = sent.text
        art = sent.article
        top = topic.get(art)
        parks = [m for m in ms if m.cls == "Park"]
        zones_here = [m for m in parks if kind_of.get(m.entity) == "zone"]
        park_here = zones_here[0].entity if zones_here else (parks[0].entity if parks else None)

        # --- persons -> organisations
        for m in ms:
            if m.cls not in ("Official", "Executive"):
                continue
            orgs = _orgs_before(text, ms, m)
            if m.cls == "Official":
                for o in orgs:
                    if o.cls in ("Park", "Agency"):
                        tgt = park_unit.get(o.entity, o.entity)
                        rels.add(m.entity, "holdsPost", tgt, sent, "post:title-after-org", 0.9)
            else:
                for o in orgs[:1]:
                    if o.cls in ("Company", "Institution"):
                        rels.add(m.entity, "worksFor", o.entity, sent, "post:title-after-org", 0.9)

        # --- park -> park
        for a, b in zip(ms, ms[1:]):
            if a.cls == "Park" and b.cls == "Park" and b.start - a.end <= 1 and \
                    kind_of.get(b.entity) == "subpark" and a.entity != b.entity:
                rels.add(b.entity, "partOf", a.entity, sent, "partof:adjacent", 0.9)
        for b in parks:
            after = text[b.end:b.end + 8]
            for trig in ("位于", "坐落于", "加入", "落户", "属于"):
                if after.startswith(trig):
                    for a in parks:
                        if a.start >= b.end and a.start - b.end <= len(trig) + 4 and a.entity != b.entity:
                            rels.add(b.entity, "partOf", a.entity, sent, f"partof:{trig}", 0.9)
        for a in parks:
            if text[a.end:a.end + 2] == "包括":
                for b in parks:
                    if b.start > a.end and kind_of.get(b.entity) == "subpark":
                        rels.add(b.entity, "partOf", a.entity, sent, "partof:包括", 0.85)
        if top is not None:
            for b in parks:
                if b.anaphor or kind_of.get(b.entity) != "subpark" or b.entity == top:
                    continue
                before = text[max(sent.start, b.start - 3):b.start]
                if _PARTNER.search(before) or "赴" in before or b.text.startswith(foreign):
                    continue
                other_zone = [z for z in zones_here if z.entity != top]
                if other_zone:
                    continue
                rels.add(b.entity, "partOf", top, sent, "partof:topic-park", 0.7)

        # --- organisations -> parks
        loc_cue = bool(t_loc.search(st))
        inv_cue = bool(t_inv.search(st))
        for m in ms:
            if m.cls not in ("Company", "Institution"):
                continue
            before = text[max(sent.start, m.start - 4):m.start]
            partner = bool(_PARTNER.search(before)) or text[m.end:m.end + 2] in ("合作", "携手")
            target = _park_for(m, parks, top)
            if target is None:
                continue
            # "位于A的X", "A的X", "园区企业X"
            prev = [p for p in parks if p.end <= m.start and m.start - p.end <= 12 and
                    re.fullmatch(r"的|[\u4e00-\u9fff]{0,8}的|企业|重点企业", text[p.end:m.start])]
            if prev:
                rels.add(m.entity, "locatedIn", prev[-1].entity, sent, "located:park-de-org", 0.9)
                continue
            if partner:
                continue
            if loc_cue or parks:
                rels.add(m.entity, "locatedIn", target, sent,
                          "located:cue" if loc_cue else "located:same-sentence", 0.75 if loc_cue else 0.6)
            if inv_cue and m.cls == "Company":
                clause_end = _CLAUSE.search(text, m.end, sent.end)
                clause = text[m.end:clause_end.start() if clause_end else sent.end]
                head = text[max(sent.start, m.start - 2):m.start]
                if t_inv.search(clause) or head.endswith("由"):
                    rels.add(m.entity, "investsIn", target, sent, "invest:clause", 0.7)

        # --- policies
        for m in ms:
            if m.cls != "Policy":
                continue
            # issuer named at the head of the title ("国务院关于…")
            for o in ms:
                if o.cls == "Agency" and o.start == m.start:
                    pass
            head = entities[m.entity].label
            for e in entities:
                if e.cls == "Agency" and head.startswith(e.label) and len(e.label) >= 3:
                    rels.add(m.entity, "issuedBy", e.local_id, sent, "issued:title-head", 0.85)
                    issuer_of[m.entity].add(e.local_id)
            # "A出台《P》", "由A、B与C共同研究形成"
            topic_m = Mention(0, 0, "", "Park", sent.idx, "topic", 0.6, {}, top) if top is not None else None
            for iss in _issuers(text, sent, ms, m, t_iss, topic_m):
                rels.add(m.entity, "issuedBy", iss.entity, sent, "issued:verb", 0.85)
                issuer_of[m.entity].add(iss.entity)
            # the title names a park
            for e in entities:
                if e.cls == "Park" and any(len(n) >= 4 and n in head for n in e.names):
                    rels.add(m.entity, "appliesTo", e.local_id, sent, "applies:title-park", 0.8)
            if t_app.search(st) and (parks or top is not None):
                tgt = park_here if park_here is not None else top
                rels.add(m.entity, "appliesTo", tgt, sent, "applies:verb", 0.7)
    for pol, iss in issuer_of.items():
        for o in iss:
            if cls_of.get(o) == "Park":
                s = next(x for x in sentences if x.idx == entities[pol].sentences[0]) if entities[pol].sentences else None
                if s is not None:
                    rels.add(pol, "appliesTo", o, s, "applies:own-policy", 0.8)

    # --- subsidiaries: "X分公司" of a named parent
    comps = [e for e in entities if e.cls == "Company"]
    for sub in comps:
        if sub.label.endswith("分公司"):
            for par in comps:
                if par is not sub and any(sub.label.startswith(n) and len(n) >= 2 for n in par.names):
                    s = sentences[sub.sentences[0]] if sub.sentences else None
                    if s is not None:
                        rels.add(sub.local_id, "subsidiaryOf", par.local_id, s, "subsidiary:branch", 0.9)
    for sent in sentences:
        ms = sorted([m for m in by_sent.get(sent.idx, []) if m.cls == "Company"], key=lambda m: m.start)
        for a, b in zip(ms, ms[1:]):
            gap = text[a.end:b.start]
            if re.fullmatch(r"(?:设立|成立|新设|组建|控股|全资设立)了?", gap):
                rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:founded", 0.85)
            if re.fullmatch(r"持有的", gap) or re.search(r"旗下$", gap):
                rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:holds", 0.8)
    return sorted(rels.items.values(), key=lambda r: (r.s, r.p, r.o))


def _park_for(m: Mention, parks: list[Mention], top: int | None) -> int | None:
    before = [p for p in parks if p.end <= m.start]
    if before:
        return before[-1].entity
    return top if top is not None else (parks[0].entity if parks else None)


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


def _issuers(text: str, sent: Sentence, ms: list[Mention], pol: Mention, t_iss: re.Pattern,
             topic_m: Mention | None = None) -> list[Mention]:
    orgs = [o for o in ms if o.cls in ("Agency", "Park", "Official") and o.end <= pol.start]
    window = text[sent.start:pol.start]
    trig = None
    for trig in t_iss.finditer(window):
        pass
    # "由A、B与C共同研究形成" after the policy
    after = text[pol.end:sent.end]
    if trig is None:
        m = re.search(r"由([^。；]{2,40}?)(?:共同)?(?:研究形成|制定|发起|编制|印发)", after)
        if m:
            a, b = pol.end + m.start(1), pol.end + m.end(1)
            return [o for o in ms if o.cls in ("Agency", "Park", "Official") and o.start >= a and o.end <= b]
        return []
    tpos = sent.start + trig.start()
    if re.search(r"[。；;]", text[tpos:pol.start]) or pol.start - tpos > 12:
        return []
    cands = [o for o in orgs if o.end <= tpos]
    if not cands:
        return [topic_m] if topic_m is not None else []
    last = cands[-1]
    if re.search(r"[。；;]", text[last.end:tpos]):
        return []
    out = [last]
    # co-issuers listed with 、/与/和 right before
    i = len(cands) - 2
    while i >= 0 and re.fullmatch(r"[、与和及]|、", text[cands[i].end:cands[i + 1].start]):
        out.append(cands[i])
        i -= 1
    return out
