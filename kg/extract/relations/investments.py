"""investsIn: a company that invests in a park — the clause that invests names the park, or
the sentence's scene or subject park ("在P，A投资…"); a company that signs with a park ("A与P签
约"); the sentence's subject whose later clause invests ("…，今年又追加投资18亿元"); the project
spoken of in the sentence before ("该项目总投资…"). An investment in a sub-park is one in its zone.
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.relations.context import (_CLAUSE, _LEAD, _Rels, _clause, _is_subject,
                                          _scene_park)
from kg.model import DocRelation


_PROJECT_INVEST_OPENER = re.compile(r"(?:该|此|这一|这个)?项目(?:总投资|计划投资|投资|总额)")


_SIGNED_TO_BUILD = re.compile(r"[^。；]{0,16}?(?:协议|合同|备忘录|签约)[，,]?[^。；，,]{0,12}?(?:投资|建设|新建)"
                              r"[^。；，,]{0,30}?(?:基地|工厂|总部|生产线|产线|项目|中心)")
_SIGN = re.compile(r"(?:正式|成功|顺利|再次|又)?(?:签约|签署|签订|签下)")


_NEXT_INVEST = re.compile(r"[，,](?:今年|去年|明年|近期|此次|这次|日前)?(?:又|再|还|并|将|拟|预计)*(?:项目)?"
                          r"(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:超过|约|近|逾)?[\d一二三四五六七八九十百千万]")


# a clause with no subject of its own that invests: "，今年又追加投资18亿元", "，去年在园区投资35亿元"
_SUBJECTLESS_INVEST = re.compile(
    r"(?:\d{4}年|今年|去年|明年|近期|目前|此次|这次|日前|同时)?(?:又|再|还|并|将|拟|也|已|则)*"
    r"(?P<at>在[^，。；]{2,24}?)?(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:建设)?(?:超过|约|近|逾)?"
    r"[\d一二三四五六七八九十百千万]")


def _org_invests(text, sent, m, group, cs, ce, before_parks, after_parks, located, agent,
                 context, cues, rels) -> None:
    """investsIn for company ``m`` (of the list ``group``) in its clause [cs, ce), given the
    park it was located in (``located``) and whether it is the agent of a 由 clause."""
    last = group[-1]
    # "A落户/选址P，(项目)计划投资18亿元…": the amount in the next clause is A's investment there
    if located is not None and len(group) == 1 and \
            _NEXT_INVEST.match(text, ce, min(sent.end, ce + 16)):
        rels.add(m.entity, "investsIn", located, sent, "invest:landed-then-amount", 0.7, (cs, ce + 8))
    clause = text[m.end:ce]
    lst_tail = text[last.end:ce]
    inv_here = cues.inv.search(clause) or (len(group) > 1 and cues.inv.search(lst_tail))
    if not (inv_here or (agent and cues.inv.search(text[m.end:ce]))):
        return
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
