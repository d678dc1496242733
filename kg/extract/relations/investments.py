"""investsIn: a company that invests in a park — the clause that invests names the park, or
the sentence's scene or subject park ("在P，A投资…"); a company that signs with a park ("A与P签
约"); the sentence's subject whose later clause invests ("…，今年又追加投资18亿元"); the project
spoken of in the sentence before ("该项目总投资…"); a park that signs with a company ("P与A签约");
the company an investment amount is said of (:func:`amount_investor`, also used by kg.facts).
An investment in a sub-park is one in its zone.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict

from kg.extract.names import dropped_runs
from kg.extract.relations.context import (_CLAUSE, _LEAD, _Rels, _clause, _is_subject,
                                          _scene_park)
from kg.model import DocRelation


_PROJECT_INVEST_OPENER = re.compile(r"(?:该|此|这一|这个)?项目(?:总投资|计划投资|投资|总额)")


_SIGNED_TO_BUILD = re.compile(r"[^。；]{0,16}?(?:协议|合同|备忘录|签约)[，,]?[^。；，,]{0,12}?(?:投资|建设|新建)"
                              r"[^。；，,]{0,30}?(?:基地|工厂|总部|生产线|产线|项目|中心)")
_SIGN = re.compile(r"(?:正式|成功|顺利|再次|又)?(?:签约|签署|签订|签下)")
# the signing right after the second party: "与P签约", "与P管委会签订…", "与A举行项目签约仪式"
_SIGNS_AFTER = re.compile(r"(?:管委会|管理委员会)?(?:举行了?|进行了?)?(?:项目|投资)?(?:正式|成功|顺利|再次|又)?"
                          r"(?:签约|签署|签订|签下)")
# an agreement of a frame or a strategy is no investment ("签署战略合作协议")
_FRAME_AFTER = re.compile(r"[^，。；]{0,5}(?:框架|战略)")
_CEREMONY_FRAME = re.compile(r"[^。；]{0,16}?(?:框架|战略)")


def _signs_at(text: str, pos: int) -> int | None:
    """End of the signing that starts at ``pos`` (:data:`_SIGNS_AFTER`), None when there is none
    or what is signed is a frame or a strategy."""
    m = _SIGNS_AFTER.match(text, pos)
    if m is None or _FRAME_AFTER.match(text, m.end(), m.end() + 8):
        return None
    # a ceremony says what is signed in the clause after ("举行签约仪式，签署战略合作协议")
    if m.group().startswith(("举行", "进行")) and _CEREMONY_FRAME.match(text, m.end(), m.end() + 20):
        return None
    return m.end()


_NEXT_INVEST = re.compile(r"[，,](?:今年|去年|明年|近期|此次|这次|日前)?(?:又|再|还|并|将|拟|预计)*(?:项目)?"
                          r"(?:(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:额)?(?:超过|超|约为|约|近|逾|达到|达)?"
                          r"[\d一二两三四五六七八九十]|(?:计划|拟|预计|准备)?(?:投建|投资建设|投资兴建))")


# a clause with no subject of its own that invests: "，今年又追加投资18亿元", "，去年在园区投资35亿元"
_SUBJECTLESS_INVEST = re.compile(
    r"(?:\d{4}年|今年|去年|明年|近期|目前|此次|这次|日前|同时)?(?:又|再|还|并|将|拟|也|已|则)*"
    r"(?P<at>在[^，。；]{2,24}?)?(?:计划|拟|预计|准备)?(?:再)?(?:追加|总)?投资(?:建设)?(?:超过|约|近|逾)?"
    r"[\d一二三四五六七八九十百千万]")


# "，在P投资建设…项目": a clause with no subject of its own that builds in a park, no amount needed
_SUBJECTLESS_BUILD = re.compile(
    r"(?:\d{4}年|今年|去年|明年|近期|目前|此次|这次|日前|同时)?(?:又|再|还|并|将|拟|也|已|则)*"
    r"(?P<at>在[^，。；]{2,24}?)(?:计划|拟|预计|准备|将)?(?:投资建设|投资兴建|投建|投资新建)")


# "建设产业园项目", "打造产业园": a bare park word after a building verb or before 项目 names
# what is being built, not the park the text spoke of before
_BUILDS_WORD = re.compile(r"(?:建设|打造|新建|投建|兴建|扩建|建)$")


def names_new_build(text: str, p) -> bool:
    """Park anaphor ``p`` is (part of) the name of what an investment builds."""
    return p.anaphor and (text.startswith("项目", p.end) or
                          _BUILDS_WORD.search(text, max(0, p.start - 2), p.start) is not None)


def _org_invests(text, sent, m, group, cs, ce, before_parks, after_parks, located, agent,
                 context, cues, rels, park_names=()) -> None:
    """investsIn for company ``m`` (of the list ``group``) in its clause [cs, ce), given the
    park it was located in (``located``) and whether it is the agent of a 由 clause."""
    last = group[-1]
    after_parks = [p for p in after_parks if not names_new_build(text, p)]
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
    # the park the text is about, unless the clause names a place of its own ("公司还计划投资68亿元
    # 在越南打造…")
    elif context is not None and not (elsewhere(text, sent, cs) and
                                      elsewhere(text, sent, cs, [n for n, k in park_names if k == context])) and \
            (cues.strong_inv.search(text[cs:ce]) or re.search(r"签约|签署|签订", clause) and re.search(r"项目", clause)):
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
        g = _SUBJECTLESS_INVEST.match(text, a, b) or _SUBJECTLESS_BUILD.match(text, a, b)
        if g is not None:
            # "在P投资…" or "投资15亿元在P建设…"; else the park it landed in
            at = [p for p in here if g.group("at") and p.end <= g.end("at")] or \
                [p for p in here if p.start >= g.end() and re.fullmatch(r"[^，。；]{0,10}?在", text[g.end():p.start])]
            tgt = at[0] if at else landed
            if tgt is not None:
                rels.add(subj.entity, "investsIn", tgt.entity, sent, "invest:subject-chain", 0.7, (subj.start, g.end()))
                if g.re is _SUBJECTLESS_BUILD and at:
                    # "…，在P投资建设…基地项目": what it builds there is its own site
                    rels.add(subj.entity, "locatedIn", tgt.entity, sent, "located:subject-chain-build", 0.7,
                             (subj.start, g.end()))
            return
        if here and re.search(r"(?:落户|入驻|扎根|选址|注册于|落地)", text[a:here[0].start]):
            landed = here[0]
        ce = b


# "P（管委会）与A签约": the park signs with the company, the company invests
_PARK_WITH = re.compile(r"(?:管委会|管理委员会|党工委)?(?:也|还|则|已|又|再|近日|日前|今年|去年|正式|成功)*(?:与|同|和|跟)")
_NAME_NOTE = re.compile(r"[（(][^（）()。]{0,30}[）)]")


def _park_signs_with(text, sent, m, parks, rels) -> None:
    """"P与A签约", "P管委会同A签署投资协议": a signed investment of A in P."""
    for p in parks:
        if p.end > m.start or m.start - p.end > 12 or not _PARK_WITH.fullmatch(text, p.end, m.start):
            continue
        note = _NAME_NOTE.match(text, m.end)
        after = note.end() if note else m.end
        end = _signs_at(text, after)
        if end is not None:
            rels.add(m.entity, "investsIn", p.entity, sent, "invest:park-signed-with", 0.8, (p.start, end))
        return


def _signed_with_park(text, sent, m, parks, rels) -> None:
    """"A与P签约（，投资…）", "A同P签署…协议/备忘录": a signed investment in P."""
    _park_signs_with(text, sent, m, parks, rels)
    for p in parks:
        if p.start < m.end or p.start - m.end > 6:
            continue
        end = _signs_at(text, p.end)
        if re.fullmatch(r"(?:[”’\"]?[）)])?(?:也|还|则|已|又|再|近日|日前|今年|去年)*(?:与|同|和|跟)", text[m.end:p.start]) and \
                end is not None:
            rels.add(m.entity, "investsIn", p.entity, sent, "invest:signed-with-park", 0.8, (m.start, end))
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


# "X位于P，由A（简称…）投资建设": the project's investor, in the park the project is in
_INVESTOR_BUILT = re.compile(r"由(?P<org>[^，。；由]{2,40}?)(?:[（(][^（）()]{0,20}[）)])?(?:(?:共同|联合)?(?:投资建设|投资兴建|出资建设|"
                       r"投资|共筹共建|共建|投建)|与[^，。；]{2,30}?(?:共同|联合)?(?:投资建设|投资|共筹共建|共建|投建))")
_LIES_IN = re.compile(r"(?:位于|坐落于|落户|落户于|选址|建于|建在)$")


def _built_by_investor(text, sent, ms, parks, rels) -> None:
    """"储能电站位于P三期Q，由A投资建设", "该园区位于X，由A与B共筹共建": A (and B) invest in
    the park the sentence's subject lies in — or the park that is the subject."""
    m = _INVESTOR_BUILT.search(text, sent.start, sent.end)
    if m is None:
        return
    a, _ = _clause(text, sent, m.start())
    if a == sent.start:
        return
    # the parks the subject lies in ("位于P三期Q"), else the park that is the subject
    tgt = [p for p in parks if p.end <= a and _LIES_IN.search(text, sent.start, _glued_start(text, p, parks))]
    if not tgt:
        tgt = [p for p in parks if p.end <= a and p.anaphor and _is_subject(text, sent, p)]
    investors = [c for c in ms if c.cls == "Company" and m.start("org") <= c.start < m.end()]
    for c in investors:
        for p in tgt:
            rels.add(c.entity, "investsIn", p.entity, sent, "invest:built-by", 0.7, (p.start, m.end()))


def _subject_park_signs(text, sent, ms, parks, rels) -> None:
    """"P在…行动中，与该公司签订项目招引协议": the park the sentence opens on signs with A in a
    later clause that has no subject of its own; A invests there."""
    subj = next((p for p in parks if _is_subject(text, sent, p)), None)
    if subj is None or any(o.start < subj.start for o in ms):
        return
    for c in ms:
        if c.cls != "Company" or c.start <= subj.end:
            continue
        a, _ = _clause(text, sent, c.start)
        if a == sent.start or not re.fullmatch(r"(?:也|还|则|已|又|再|正式|成功)*(?:与|同|和|跟)", text[a:c.start]):
            continue
        if any(o.cls in ("Park", "Company", "Institution", "Agency") and subj.end <= o.start < a for o in ms):
            return                              # another actor in between
        note = _NAME_NOTE.match(text, c.end)
        after = note.end() if note else c.end
        sign = _SIGN.match(text, after)
        if sign and not re.match(r"[^，。；]{0,5}(?:框架|战略|合作)", text[sign.end():sign.end() + 10]):
            rels.add(c.entity, "investsIn", subj.entity, sent, "invest:park-signed-with", 0.7,
                     (subj.start, sign.end()))
            if re.match(r"[^，。；]{0,8}?(?:入驻|落户|招引|引进)", text[sign.end():]):
                # an agreement to move in ("入驻协议", "项目招引协议"): the company comes to the park
                rels.add(c.entity, "locatedIn", subj.entity, sent, "located:park-signed-with", 0.7,
                         (subj.start, sign.end()))


def _glued_start(text: str, p, parks) -> int:
    """Where the run of parks that ends with ``p`` starts ("X经开区三期|Y工业园区")."""
    start = p.start
    for q in sorted(parks, key=lambda q: -q.start):
        if q.end <= start and re.fullmatch(r"[一二三四五六七八九十\d]*期?", text[q.end:start]):
            start = q.start
    return start


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
        comps = [c for c in ms if c.cls == "Company" and not _CONTRACTOR.match(text, c.end) and
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
    """An investment in a project in a sub-park is an investment in the zone it is part of. A
    sub-park only guessed part of the article's zone ("partof:topic-park") keeps the investment
    too: the text names it, the zone only the article's topic."""
    parent: dict[int, list[int]] = defaultdict(list)
    guessed: set[int] = set()
    for r in rels.items.values():
        if r.p == "partOf" and kind_of.get(r.s) == "subpark" and kind_of.get(r.o) == "zone":
            parent[r.s].append(r.o)
            if r.rule == "partof:topic-park":
                guessed.add(r.s)
    for key, r in list(rels.items.items()):
        if r.p == "investsIn" and parent.get(r.o):
            if r.o not in guessed:
                del rels.items[key]
            for z in parent[r.o]:
                k2 = (r.s, "investsIn", z)
                if k2 not in rels.items or rels.items[k2].confidence < r.confidence:
                    rels.items[k2] = DocRelation(r.s, "investsIn", z, r.sentence, r.rule + "+zone",
                                                 r.confidence, r.start, r.end)


# --------------------------------------------------------------------------- stated amounts
#
# An investment amount (kg.facts.investment_amounts) is itself the cue: the company it is said
# of invests in a park. Every look-up around an amount stays within SPAN characters of it and
# the mentions are found by bisection, so a page of a thousand amounts costs linear work.

SPAN = 200
# the window of sentences before an amount where its company may be named: the one before (two
# let "…由A共同打造…。同日开工的B，由C共同打造。项目总投资14亿元" give C's amount to A when C
# goes unrecognised)
WINDOW = 1
_SEP = re.compile(r"[，。；！？：,;!?:]")
# how many sentences more the window reaches over ones that go on about the same project
_GO_ON = 2
_GOES_ON = re.compile(r"(?:该|此|这一|这个)(?:项目|公司|企业|基地|工厂)|(?:项目|公司)(?:主要|将|已|还|计划|预计|达产|建成|投产)")
# a clause that names where it builds ("在芬兰投资", "投资68亿元在襄阳打造") invests there, not
# in the park the article is about — unless the place is a park's short form ("在光谷", "在园区",
# "在这里"); a longer park-like name the recognisers missed ("在福州江阴工业集中区建设") is
# another park, not the article's. 正在, 现在, 所在 … are no place ("正在加紧建设").
_AT_PLACE = re.compile(r"(?<![正现存所实自])在([\u4e00-\u9fff]{1,12}?)(?=投资|追加|增资|建设|打造|新建|扩建|投建|布局|设立|成立|"
                       r"落户|规划|建)")
PARKISH = re.compile(r"(?:区|园|城|谷|港|基地|这里|此|当地|本地|内)$")
# the organisation of a speaker ("A董事长B介绍，", "A负责人表示，"): A is who the quote is about
_SPEAKER_CLAUSE = re.compile(r"[^，。；]{0,16}?(?:说|表示|介绍|告诉|坦言|透露|谈到)")
# a clause without a subject of its own before its amount, or with one that stands for a company
# or project named before: "计划投资", "项目总投资", "公司还将追加投资", "实际投资已经超过";
# not "中国某某集团拟在某地投资" (a name the recognisers missed)
_NO_SUBJECT = re.compile(
    r"[“\"]?(?:我们|我|咱们)?(?:(?:该|此|这一|这个|这家|其|整个)?(?:项目|公司|企业|集团|工厂|基地)?(?:[一二三四五六七八九]期)?(?:项目)?)"
    r"[^，。；]{0,4}?(?:总投资|投资|增资|注资|投入|追加|签约|计划|拟|预计|准备|将)")
# a sentence whose subject is dropped or stands for what came before: "公司负责人介绍，…",
# "由于不断加大研发投入，…", "项目总投资…", "这个总投资12亿元的项目"; not "福莱特也与经开区签约，
# 投资…" (a name not recognised)
_OPEN_NO_SUBJECT = re.compile(r"(?:该|此|这一|这个|这家|其|整个)?(?:项目|公司|企业|集团|工厂|基地)|"
                              r"由于|为了|为|随着|通过|经过|据|按照|根据|此外|同时|其中|作为|"
                              r"(?:这个|这一|该|此|这)?(?:将|还|又|再|已)*(?:总投资|计划|拟|预计|追加|投资|增资)")
# "总投资20亿元的A动力电池项目": the amount of A's project; not "投资15.8亿元的X中医药产业园一期"
# (a park's name, its head word taken for a brand)
_OWN_PROJECT = re.compile(r"[^，。；、“”园]{0,24}?(?:项目|基地|工厂|生产线)")
# … a company named with its legal form is no cut park name: its park is its project
# ("总投资30亿元的A有限公司新材料产业园项目")
_OWN_PROJECT_LEGAL = re.compile(r"[^，。；、“”]{0,24}?(?:项目|基地|工厂|生产线)")
_LEGAL_END = re.compile(r"(?:公司|集团)$")
# "A旗下的B，将在P设立…，项目计划总投资18亿元": B, the unit the parent describes, is the subject
_UNIT_OF = re.compile(r"[^，。；]{1,24}?(?:旗下|下属|所属)的?")
# a clause that opens by placing ("将在P…", "正在高新区建设…")
_AT_CLAUSE = re.compile(r"(?:将|正|正在|已|已经|拟|计划|还|也|又|并|同时|目前)*在")
# a clause that ends with the company's project: "(此次开工的)A年产10万吨储能电池项目"
_CLAUSE_PROJECT = re.compile(r"[^，。；、“”]{0,24}?(?:项目|基地|工厂|生产线)(?:[一二三四五六七八九]期)?(?:工程)?")
# "项目由A投资建设": A builds the project the sentence is about (not "由A承建": a contractor)
_AGENT_AFTER = re.compile(r"(?:独资|全资|控股)?(?:投资|出资)?(?:建设|投建|兴建|新建|打造|开发)|投资")
# a quote that opens the sentence ("“我们今年还将追加投资3亿元。”A总经理B说。"): its speaker
_QUOTE_OPEN = re.compile(r"[“\"]")
# "这家由A全资设立的子公司", "由A孵化的": A only describes the one the clause is about
_RELATIVE_AFTER = re.compile(r"[^，。；]{0,8}?(?:设立|成立|组建|孵化|培育|创办|创立|发起)的")
_BRANDS = ("company:parent-brand", "company:group-brand")   # a parent named for its unit
# a company that builds for the investor, or supplies it: "A承建的…项目", "由A施工"
_CONTRACTOR = re.compile(r"(?:负责|参与)?(?:承建|施工|总承包|中标|监理|设计|代建|供货|供应)")


class Mentions:
    """A document's resolved mentions by sentence, in text order, found near a position by
    bisection; the company of each sentence for the window, computed once; the company that
    builds each project the document names (:func:`_project_owners`)."""

    def __init__(self, text: str, by_sent: dict) -> None:
        self.by_sent = by_sent
        self.starts = {si: [m.start for m in ms] for si, ms in by_sent.items()}
        self.sole: dict[int, object] = {}
        self.owner = _project_owners(text, self)

    def within(self, si: int, lo: int, hi: int) -> list:
        """The mentions of sentence ``si`` that start in [lo, hi)."""
        ms, st = self.by_sent.get(si, []), self.starts.get(si, [])
        return ms[bisect.bisect_left(st, lo):bisect.bisect_left(st, hi)]


# "E由A（和B）共同打造", "E由A投资建设": the company that builds project E
_BUILT_BY = re.compile(r"由([^，。；]{2,40}?)(?:共同|联合|合作)?(?:投资)?(?:建设|打造|投建|开发|兴建)")


def _project_owners(text: str, mentions: "Mentions") -> dict[int, object]:
    """Project (a named non-company, non-park entity: "上海湾区东湖国际创新中心") -> the one
    company said to build it, wherever the document says so; one regex match per mention."""
    owners: dict[int, object] = {}
    for si, ms in mentions.by_sent.items():
        for m in ms:
            if m.cls in ("Company", "Park", "Agency") or m.anaphor:
                continue
            b = _BUILT_BY.match(text, m.end)
            if b is None:
                continue
            firms = {c.entity: c for c in mentions.within(si, b.start(1), b.end(1))
                     if c.cls == "Company" and c.rule not in _BRANDS}
            if len(firms) == 1:
                owners.setdefault(m.entity, next(iter(firms.values())))
    return owners


def clause_at(text: str, sent, pos: int) -> tuple[int, int]:
    """The clause holding ``pos``, looked for at most SPAN characters either side."""
    lo = max(sent.start, pos - SPAN)
    a = pos
    while a > lo and not _SEP.match(text, a - 1):
        a -= 1
    m = _SEP.search(text, pos, min(sent.end, pos + SPAN))
    return a, (m.start() if m else min(sent.end, pos + SPAN))


def _opens_clause(text: str, sent, m) -> bool:
    """The mention opens its clause, after time words and connectives (or "位于", "在")."""
    a, _ = clause_at(text, sent, m.start)
    return _LEAD.fullmatch(text, a, m.start) is not None or text[a:m.start] in ("位于", "在")


def amount_investor(text, sentences, mentions: Mentions, si, a, b):
    """The company the investment amount at [a, b) of sentence ``si`` is said of:

    a company (or its anaphor "该公司") before it in its clause ("A计划投资…"), unless it only
    describes another ("这家由A设立的子公司"); the company whose project the amount qualifies
    ("总投资20亿元的A…项目"); when the amount's clause has no subject of its own ("计划投资",
    "项目总投资", "公司还将追加投资"), the sentence's subject or a speaker's company ("A总经理B说，
    公司还将追加投资…"); when the sentence names no organisation before it either and opens without
    a subject, the company of the sentence before ("A…项目落户P。项目总投资5亿元"). None when
    it cannot be told."""
    sent = sentences[si]
    cs, _ = clause_at(text, sent, a)
    lead = _LEAD.match(text, cs, a)
    opens = lead.end() if lead else cs          # where the clause's words start after its lead
    here = mentions.within(si, cs, a)
    own = [m for m in here if m.cls in ("Institution", "Agency", "Park") and not m.anaphor]
    if own:
        if all(m.cls == "Park" and text[m.start - 1:m.start] == "在" for m in own):
            # "星河新能源将在P投资…": P is the place; a short form of a company the subject
            return _short_named(text, sentences, mentions, si, opens, a)
        return None                             # the clause has a subject of its own
    firms = [m for m in here if m.cls == "Company" and not _describes(text, m)]
    if firms:
        return firms[-1]
    nxt = mentions.within(si, b, b + 2)
    if nxt and nxt[0].cls == "Company" and text[b:nxt[0].start] == "的" and \
            (_OWN_PROJECT_LEGAL if _LEGAL_END.search(nxt[0].text) else _OWN_PROJECT).match(text, nxt[0].end):
        return nxt[0]
    short = _short_named(text, sentences, mentions, si, opens, a)
    if short is not None:
        return short
    if not _NO_SUBJECT.match(text, opens, a):
        return _named_project_owner(text, sentences, mentions, si, opens, a)
    before = mentions.within(si, max(sent.start, a - SPAN), cs)
    orgs = [m for m in before if m.cls in ("Company", "Institution", "Agency")]
    if orgs:
        m = orgs[-1]
        if m.cls != "Company" or m.rule in _BRANDS or _CONTRACTOR.match(text, m.end):
            return None
        _, mce = clause_at(text, sent, m.start)
        speaker = _SPEAKER_CLAUSE.fullmatch(text, m.end, mce) is not None
        # "此次开工的A储能电池项目，总投资12亿元": the clause before is A's project, the subject
        # the amount's clause drops
        own = mce + 1 == cs and _CLAUSE_PROJECT.fullmatch(text, m.end, mce) is not None
        return m if speaker or own or _opens_clause(text, sent, m) or _builds(text, m, mce) or \
            _UNIT_OF.fullmatch(text, clause_at(text, sent, m.start)[0], m.start) else None
    if any(m.cls == "Park" and not m.anaphor and _opens_clause(text, sent, m) for m in before):
        return None                             # "P总投资5亿元建设标准厂房": the park's own
    lead = _LEAD.match(text, sent.start, a)
    i = lead.end() if lead else sent.start
    said = _SAID_LEAD.match(text, i, a)
    if said is not None and not mentions.within(si, i, said.end()):
        i = said.end()                          # "B说，该项目总投资…": what B says has no subject
    if _QUOTE_OPEN.match(text, i):
        return _quote_speaker(text, sentences, mentions, si, a)
    if i < a and _OPEN_NO_SUBJECT.match(text, i) is None:
        # "上海麻沼在高新区投资建设…，计划总投资1.4亿元": the short form that opens the sentence
        return _short_named(text, sentences, mentions, si, i, a)
    _, ce = clause_at(text, sent, a)
    built = [mentions.owner[m.entity] for m in mentions.within(si, b, ce) if m.entity in mentions.owner]
    if built:
        return built[0]                         # "总投资19亿元的…项目——E开工" … "E由A共同打造"
    return _window_company(text, sentences, mentions, si)


# a speaker no organisation is named for opens the sentence: "殷长波说，", "负责人介绍："
_SAID_LEAD = re.compile(r"[^，。；：“”\"]{1,12}?(?:说|表示|介绍|坦言|透露|谈到|告诉记者)[，,：:]")


# "储能电池项目总投资12亿元": a project named by its own name opens the amount's clause
_PROJECT_SUBJECT = re.compile(r"(?P<name>[^，。；、“”\s]{3,24}?(?:项目|基地|工厂))(?:[一二三四五六七八九]期)?"
                              r"(?:计划|预计|拟)?(?:总投资|投资)额?(?:约为|约|达到|达|为|超过|超|逾|近)?")
_PROJECT_NOT_NAME = re.compile(r"^(?:该|此|这|其|本|各|两|[一二三四五六七八九十\d]+(?:个|期)|新|重点|重大|签约)")


# "猛士科技智慧园区占地476亩，研发及园区建设总投资63亿元": a site named by its own name opens
# the sentence and the amount comes in a later clause that names no one
_SITE_OPENS = re.compile(r"(?P<name>[^，。；、“”\s]{3,24}?(?:项目|基地|工厂|园区|产业园|中心))(?:[一二三四五六七八九]期)?"
                         r"(?=占地|位于|坐落|总占地|规划|用地|建筑面积|总建筑|于|由|是|项目)")


def _opening_site(text, sent, mentions: Mentions, si, a):
    """The name of the site that opens sentence ``sent`` when the amount at ``a`` is in a later
    clause and nothing between is a named mention; None otherwise."""
    lead = _LEAD.match(text, sent.start, a)
    i = lead.end() if lead else sent.start
    m = _SITE_OPENS.match(text, i, a)
    if m is None or clause_at(text, sent, a)[0] <= m.end() or \
            any(not x.anaphor for x in mentions.within(si, i, a)):
        return None
    return m


def _named_project_owner(text, sentences, mentions: Mentions, si, i, a):
    """"A储能电池项目、B芯片项目……。其中，储能电池项目总投资12亿元": the one company named
    right before that project's name earlier in the article (up to five sentences back); the
    project's name may instead open the sentence whose later clause states the amount."""
    m = _PROJECT_SUBJECT.fullmatch(text, i, a) or _opening_site(text, sentences[si], mentions, si, a)
    if m is None or _PROJECT_NOT_NAME.match(m.group("name")):
        return None
    name, art = m.group("name"), sentences[si].article
    for sj in range(si - 1, max(-1, si - 6), -1):
        if sentences[sj].article != art:
            break
        owners = {c.entity: c for c in mentions.by_sent.get(sj, [])
                  if c.cls == "Company" and c.rule not in _BRANDS and
                  text.startswith(name, c.end + (text[c.end:c.end + 1] == "的"))}
        if owners:
            return next(iter(owners.values())) if len(owners) == 1 else None
    return None


# "星河新能源将在园区投资…", "星河公司计划投资…": a company named by a short form the recognisers
# did not propose opens the amount's clause; not a place ("常州市将投资…", "光谷将投资…"), an
# anaphor or a party
_SHORT_SUBJECT = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z]{2,8}?)(?P<sfx>公司|集团)?"
                            r"(?:将|拟|计划|准备|已|还|又|再|也|则|正|今年|去年)*(?:在|投资|追加|增资|斥资|总投资|投入)")
_NOT_SHORT = re.compile(r"^(?:该|此|这|其|本|我|公司|企业|集团|项目|园区|全|双方|对方|各)|[省市县区镇乡村州国]$")


def _short_named(text, sentences, mentions: Mentions, si, i, a):
    """The one company of the article so far whose name holds the short form that opens the
    amount's clause at ``i`` (three characters at least, or two before 公司 / 集团)."""
    m = _SHORT_SUBJECT.match(text, i, a)
    name = m.group("name") if m else ""
    if not name or _NOT_SHORT.search(name) or PARKISH.search(name) or (len(name) < 3 and not m.group("sfx")):
        return None
    art, found = sentences[si].article, {}
    for sj in range(si, -1, -1):
        if sentences[sj].article != art:
            break
        for c in mentions.by_sent.get(sj, []):
            if c.cls == "Company" and not c.anaphor and name in c.text and c.text != name and c.start < a:
                found.setdefault(c.entity, c)
    return next(iter(found.values())) if len(found) == 1 else None


def _builds(text, m, mce) -> bool:
    """"项目由A投资建设": the agent of the building, alone ("由A和B共同打造" is two)."""
    return text[m.start - 1:m.start] == "由" and _AGENT_AFTER.match(text, m.end, mce) is not None


def _quote_speaker(text, sentences, mentions: Mentions, si, a):
    """The company of the one who says the quote holding the amount: named right after the
    quote closes, in this sentence ("“…，”A总经理B说，…") or opening the next ("“…。”" then
    "A总经理B说。")."""
    sent = sentences[si]
    q = text.find("”", a, min(sent.end, a + SPAN))
    if q >= 0 and q < sent.end - 1:
        at, sj = q + 1 + (text[q + 1:q + 2] in "，,"), si
    elif text[sent.end - 1:sent.end] in "”\"" and si + 1 < len(sentences) and \
            sentences[si + 1].article == sent.article:
        at, sj = sentences[si + 1].start, si + 1
    else:
        return None
    first = mentions.within(sj, at, at + 1)
    if not first or first[0].cls != "Company" or first[0].rule in _BRANDS:
        return None
    m = first[0]
    _, mce = clause_at(text, sentences[sj], m.start)
    return m if _SPEAKER_CLAUSE.fullmatch(text, m.end, mce) else None


def elsewhere(text: str, sent, a: int, names=()) -> bool:
    """The clause at ``a`` builds somewhere ("在越南打造…") other than the park of the name forms
    ``names`` ("在武汉投资" for 武汉东湖高新区 is there); a park mention in the clause is the
    caller's to see first."""
    cs, ce = clause_at(text, sent, a)
    places = [m.group(1) for m in _AT_PLACE.finditer(text, cs, ce)]
    # "计划投资1亿美元，在特斯拉上海工厂附近建设…": the next clause, with no subject of its own,
    # places what the amount builds
    at = _next_at(text, sent, a)
    nxt = _AT_PLACE.match(text, at.end() - 1, min(sent.end, at.end() + 20)) if at else None
    if nxt is not None:
        places.append(nxt.group(1))
    return any(not (len(place) <= 3 and PARKISH.search(place) or
                    any(place in n or abbreviates(place, n) for n in names)) for place in places)


def _next_at(text: str, sent, a: int):
    """The 在 that opens the clause right after the amount's at ``a`` ("投资20亿元，在P建设"):
    the match of :data:`_AT_CLAUSE` there, or None."""
    _, ce = clause_at(text, sent, a)
    return _AT_CLAUSE.match(text, ce + 1, sent.end) if text[ce:ce + 1] in "，," else None


# a clause with no subject of its own that places the project: "位于P", "项目选址P"
_LIES_AT = re.compile(r"(?:项目|该项目)?(?:位于|坐落于|选址于?|落户于?|落地于?|建于)")


def placed_after(text: str, sent, a: int, parks):
    """The park of ``parks`` a clause after the amount at ``a`` places what it builds in: the
    next clause ("计划投资20亿元，在P建设…基地") or one of the three after it that opens by
    placing ("总投资10亿元，占地200亩，位于P"); None at a clause that names another park."""
    at = _next_at(text, sent, a)
    if at is not None:
        p = next((p for p in parks if p.start == at.end() and not p.anaphor and
                  _AT_PLACE.match(text, at.end() - 1, sent.end)), None)
        if p is not None:
            return p
    _, ce = clause_at(text, sent, a)
    for _ in range(4):
        if text[ce:ce + 1] not in "，,":
            return None
        cs, ce = clause_at(text, sent, ce + 1)
        lies = _LIES_AT.match(text, cs, ce)
        here = [p for p in parks if cs <= p.start < ce and not p.anaphor]
        if lies is not None and here and here[0].start == lies.end():
            return here[0]
        if here:
            return None
    return None


def abbreviates(place: str, name: str) -> bool:
    """``place`` is a park-like short form of ``name`` written with characters left out
    ("云梦盐化工园" for 云梦县盐化工产业园): same first character, a park's head word, every
    character in order."""
    if len(place) < 3 or not PARKISH.search(place) or place[0] != name[:1]:
        return False
    return dropped_runs(place, name) is not None


def _sets_scene(text: str, sent, p) -> bool:
    """"在P，", "P：", "P方面，": the park's clause only sets the scene (as context._scene_park)."""
    a, e = clause_at(text, sent, p.start)
    lead = text[a:p.start]
    lead = lead[:-1] if lead.endswith("在") else lead
    return _LEAD.fullmatch(lead) is not None and re.fullmatch(r"(?:方面|这边|内|里)?", text[p.end:e]) is not None


def _describes(text, m) -> bool:
    return text[m.start - 1:m.start] == "由" and _RELATIVE_AFTER.match(text, m.end) is not None


def _window_company(text, sentences, mentions: Mentions, si):
    """The one company of the nearest of the WINDOW sentences before ``si`` (same article) that
    names companies; of several there, the one whose project it names ("A…的B项目")."""
    sent = sentences[si]
    for sj in range(si - 1, max(-1, si - 1 - WINDOW - _GO_ON), -1):
        if sentences[sj].article != sent.article:
            return None
        if sj not in mentions.sole:
            mentions.sole[sj] = _sole_company(text, sentences[sj], mentions.by_sent.get(sj, []))
        if mentions.sole[sj] is not False:
            return mentions.sole[sj]
        # past the window only over sentences that go on about the same project or company
        # ("A…项目在P开工。该项目主要生产…。项目总投资12亿元") and name no one else
        if not _goes_on(text, sentences[sj], mentions.by_sent.get(sj, [])):
            return None
    return None


def _goes_on(text, s, ms) -> bool:
    """The sentence names no one and goes on about the same project, or is a quote (the one
    interviewed about it goes on speaking: "“…前期投资大。”殷长波说，该项目总投资…")."""
    lead = _LEAD.match(text, s.start, s.end)
    i = lead.end() if lead else s.start
    return not any(not m.anaphor for m in ms) and \
        (_GOES_ON.match(text, i) is not None or _QUOTE_OPEN.match(text, i) is not None)


_IS_DESCRIBED = re.compile(r"(?:[（(][^（）()。]{0,30}[）)])?(?:是|系)")


def _sole_company(text, prev, ms):
    """The company sentence ``prev`` is about: its only one, or the only one followed by its
    project; None when it cannot be told, False when it names none."""
    comps = [m for m in ms if m.cls == "Company" and m.rule not in _BRANDS]
    if not comps:
        return False
    comps = [m for m in comps if not _CONTRACTOR.match(text, m.end)]
    if len({m.entity for m in comps}) == 1:
        return comps[-1]
    own = [m for m in comps if re.match(r"[^，。；、]{0,24}?项目", text[m.end:min(prev.end, m.end + 26)])]
    if len({m.entity for m in own}) == 1:
        return own[-1]
    if not comps:
        return None
    # "A是B的全资子公司，2015年在葛店成立。公司先后投入…": the sentence is about its subject A,
    # the others only describe it
    first = comps[0]
    if first is ms[0] and _LEAD.fullmatch(text, prev.start, first.start) and _IS_DESCRIBED.match(text, first.end):
        return first
    return None


def _amount_investments(doc) -> None:
    """investsIn for each investment amount whose company :func:`amount_investor` tells: in the
    park named in the amount's clause (or the sentence's opening park), else the park the
    company is already placed in, else the article's topic park — never when the clause names
    a place that is no park, nor past a park of another clause."""
    from kg.facts import investment_amounts
    text, rels = doc.text, doc.rels
    mentions = Mentions(text, doc.by_sent)
    names = {e.local_id: e.names for e in doc.entities if e.cls == "Park"}
    placed: dict[int, list[tuple[int, bool, int]]] = defaultdict(list)
    for r in rels.items.values():
        if r.p in ("investsIn", "locatedIn") and doc.cls_of.get(r.o) == "Park":
            placed[r.s].append((r.sentence, r.p == "investsIn", r.o))
    for sent in doc.sentences:
        for am in investment_amounts(sent.text):
            a, b = sent.start + am.start(), sent.start + am.end()
            c = amount_investor(text, doc.sentences, mentions, sent.idx, a, b)
            if c is None:
                continue
            tgt = _amount_target(doc, mentions, sent, c, a, placed, names)
            if tgt is not None:
                rels.add(c.entity, "investsIn", tgt, sent, "invest:amount", 0.65,
                         (min(c.start, a) if c.sentence == sent.idx else a, b))


def _amount_target(doc, mentions, sent, c, a, placed, names) -> int | None:
    text = doc.text
    cs, ce = clause_at(text, sent, a)
    # a park anaphor counts where it is the place ("在园区投资"), not in a project's name
    parks = [m for m in mentions.within(sent.idx, max(sent.start, a - SPAN), min(sent.end, a + SPAN))
             if m.cls == "Park" and (not m.anaphor or re.search(r"(?:在|落户|入驻|扎根)(?:该|本)?$",
                                                               text[max(sent.start, m.start - 3):m.start]))]
    in_clause = [p for p in parks if cs <= p.start < ce]
    if in_clause:
        return in_clause[0].entity
    scene = [p for p in parks if p.end <= a and (_opens_clause(text, sent, p) or _sets_scene(text, sent, p))]
    if scene:
        return scene[-1].entity
    # "A，将在P设立…基地，项目计划总投资18亿元": a clause of A's, with no subject of its own, that
    # places what the amount builds
    chain = [p for p in parks if c.sentence == sent.idx and c.end <= p.start and p.end <= a and
             _AT_CLAUSE.fullmatch(text, clause_at(text, sent, p.start)[0], p.start)]
    if chain:
        return chain[-1].entity
    after = placed_after(text, sent, a, parks)
    if after is not None:
        return after.entity
    if parks:
        return None                             # a park of another clause
    before = [x for x in placed.get(c.entity, ()) if x[0] <= sent.idx]
    tgt = max(before)[2] if before else doc.topic.get(sent.article)   # the nearest placing before
    if tgt is None or elsewhere(text, sent, a, names.get(tgt, ())):
        return None                             # a place of its own
    return tgt
