"""locatedIn: where an organisation is — a park named before it ("P的A", "P企业A"), a cue
between it and a park ("A落户P", "A于2003年在P成立"), a cue before its list ("P已集聚了A、B"), a
park named in its own name, a project landing in a park, a quote that says the park serves "us",
a visit that enters the park and then its firms ("走进P，先后参观了A、B"), a clause that calls it
the park's firm ("作为园区重点企业，A", "区内企业A"), a counted list the park acts on ("P组织A、B
等10家企业…"); and one level up, the zone of the sub-park it is in.
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.relations.context import (_LEAD, _MADE_BY_AFTER, _IN_ZONE_OF, _PARTNER, _Cues,
                                          _Rels, _clause, _is_subject)
from kg.extract.relations.investments import (_CONTRACTOR, _org_invests, _signed_with_park,
                                              _signed_zero_subject)
from kg.model import Mention, Sentence


_NEAR = re.compile(r"(?:周边|附近|周围|之外|以外|外围)")
# "A（以下简称“A'”）旗下的B", "A全资子公司B": A is B's parent; what follows is said of B
_PARENT_OF = re.compile(r"(?:[（(][^（）()]{0,30}[）)]|[”’\"]?[）)])?(?:旗下|下属|(?:全资|绝对|相对)?(?:控股|持股)的|(?:的|之)?(?:全资|控股)?子公司)")
_UNIT_OF = re.compile(r"(?:旗下|下属)的?$|子公司$")
_PARTNER_AFTER = ("合作", "携手", "共建", "联合", "签订", "签署", "达成")
# "以A、B为代表的…企业", "引进A、B等项目": the organisations of a list share its relation; a
# few members the recognisers missed ("A、美国某某公司、B") do not end it
_LIST_GAP = re.compile(r"[”’\"]?(?:[^，。；：！？,;:!?“”《》\s、]{0,12}、){0,3}"
                       r"[^，。；：！？,;:!?“”《》\s]{0,10}?(?:、|和|及|以及|与)")


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


_AT_SHORT_PARK = re.compile(r"[^，。；]{0,16}?在([\u4e00-\u9fff]{2,6}?)(?:成立|注册|落户|设立|创立|扎根|投产|起步)")
_SETS_UP_SUBSIDIARY = re.compile(r"(?:设立|成立|组建|新设)了?(?:全资|控股|独资)?子公司")
_BUILDS_AFTER = re.compile(r"(?:合作)?(?:建设|共建|成立|设立|组建|创办|建立)")


_BY_RELATIVE = re.compile(r"由[^，。；由]{2,28}?(?:孵化|培育|创办|创立|发起|牵头组建)的$")


_PROJECT_LIST = re.compile(r"[^，。；：]{0,12}?(签约|落户|入驻|开工|引进)[^，。；：]{0,6}?项目[^，。；：]{0,4}?(?:包括|有|为|是)[：:]")


def _org_parks(text: str, sent: Sentence, ms: list[Mention], parks: list[Mention],
               context: int | None, cues: _Cues, kind_of: dict, rels: _Rels,
               short_parks: dict[str, int] | None = None, park_names=(), places=frozenset()) -> None:
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
        if group[0].cls == "Park" and not _PARK_COACTOR.match(text, group[0].end) and \
                _COUNTED_FIRMS.match(text, group[-1].end):
            # "P如年实业、A、B3家企业": the park opens a list of its firms, it is not one of them
            group = [g for g in group if g.cls != "Park"] or [m]
        if m.cls == "Company":
            _signed_with_park(text, sent, m, parks, rels)
        if _not_placed(text, sent, m, group, orgs, cues, kind_of):
            continue
        _org_in_park(text, sent, m, group, orgs, parks, context, cues, kind_of, rels, short_parks,
                     park_names, places)


# a park listed beside organisations as one more actor ("P管委会、A"), not a park that opens
# a list of its firms ("P如年实业、A")
_PARK_COACTOR = re.compile(r"[”’\"]?(?:管委会|管理委员会|党工委|工委|政府)?(?:、|和|及|以及|与)")


def _not_placed(text, sent, m, group, orgs, cues, kind_of) -> bool:
    """Organisations a sentence does not place: co-actors of a park, a category, what a park is
    to become, a parent named to describe its unit."""
    first, last = group[0], group[-1]
    if any(g.cls == "Park" and kind_of.get(g.entity) == "zone" and _PARK_COACTOR.match(text, g.end)
           for g in group):
        return True                            # "P管委会、A、B联合编制": co-actors of a park
    lead = text[max(sent.start, first.start - 8):first.start]
    if lead.endswith("等"):
        return True                            # "…等中科院院所": a category, not a list member
    if cues.role.search(lead):
        return True
    pm = _PARENT_OF.match(text, last.end)
    # "A旗下的B落户P", "B是A的控股子公司，在P…": B is there, not A; unless the text turns
    # back to the parent ("…的控股子公司，其母公司早已落户P")
    if pm and (any(o.start > last.end for o in orgs) or
               (pm.group().endswith("子公司") and "母公司" not in text[pm.end():sent.end])):
        return True
    if text.endswith("由", max(sent.start, first.start - 1), first.start) and _MADE_BY_AFTER.match(text, last.end):
        return True                            # "这家由A全资设立的子公司在P投资": the subsidiary acts, not A
    return False


def _org_in_park(text, sent, m, group, orgs, parks, context, cues, kind_of, rels, short_parks,
                 park_names, places=frozenset()) -> None:
    """locatedIn (and investsIn) for organisation ``m`` of the list ``group``."""
    first, last = group[0], group[-1]
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
    located = None if partner else _park_de_org(text, sent, m, first, last, before_parks, parks,
                                                kind_of, rels)
    if partner or builder:
        return
    if located is None and not agent:
        located = _at_park_opener(text, sent, m, first, cs, parks, rels)
    if located is None and not agent:
        located = _visited_park(text, sent, first, cs, parks, cues) or \
            _park_firm_clause(text, sent, first, cs, parks, context, cues, orgs) or \
            _unveiled_at_park(text, sent, first, last, parks)
        if located is not None:
            rule, p = located
            rels.add(m.entity, "locatedIn", p, sent, rule, 0.7, (cs, m.end))
            located = p
    if located is None:
        located = _located(text, sent, m, group, cs, ce, before_parks, after_parks, parks, context, cues,
                           agent, rels, orgs, short_parks, park_names, places)
    if m.cls == "Company":
        _org_invests(text, sent, m, group, cs, ce, before_parks, after_parks, located, agent,
                     context, cues, rels, park_names)


# between a park and its organisation: "P的A", "P企业A", "园区企业——A", and nothing at all
# ("某某高新区如年实业、衡所华威3家企业…", "某某高新区“A”、B")
_PARK_DE_ORG_GAP = re.compile(r"的|[\u4e00-\u9fff“”]{0,8}的|(?:(?:重点|龙头|优质|骨干|入驻|内|创新|科技|高新技术|规上|链主)"
                              r"{0,2}企业|企业代表)(?:——|—|：|:)?|“?")


# members of a list the recognisers did not propose, and what closes a list of the park's firms
_UNNAMED_MEMBERS = re.compile(r"(?:[^，。；：、\s“”]{2,10}、){1,3}")
_COUNTED_FIRMS = re.compile(r"(?:等)?(?:\d+|[一二两三四五六七八九十几多]+)家[^，。；]{0,8}?(?:企业|公司)")


def _park_de_org(text, sent, m, first, last, before_parks, parks, kind_of, rels) -> int | None:
    """"位于P的X", "P的X", "P企业X", "P重点企业X": the park named right before."""
    prev = [p for p in before_parks if first.start - p.end <= 12 and
            _PARK_DE_ORG_GAP.fullmatch(text[p.end:first.start])]
    # "P如年实业、A、B3家企业": the list opens on a member the recognisers missed
    if not prev and _COUNTED_FIRMS.match(text, last.end):
        prev = [p for p in before_parks if first.start - p.end <= 30 and
                _UNNAMED_MEMBERS.fullmatch(text, p.end, first.start)]
    if prev:
        p = prev[-1]
        rels.add(m.entity, "locatedIn", p.entity, sent, "located:park-de-org", 0.9, (p.start, m.end))
        # "X开发区Y工业园，记者在园区企业——A": "园区" stands for the zone, the sub-park named
        # before it in the sentence is as much where A is
        sub = [q for q in before_parks if p.anaphor and not q.anaphor and q.end <= p.start and
               kind_of.get(q.entity) == "subpark" and _scene_parks(text, sent, q, before_parks)]
        if sub and sub[-1].entity != p.entity:
            rels.add(m.entity, "locatedIn", sub[-1].entity, sent, "located:park-de-org", 0.85,
                     (sub[-1].start, m.end))
        # "X高新区Y工业园的A": A is in the sub-park and so in the zone
        zone = [z for z in parks if z.end <= p.start and p.start - z.end <= 1 and
                not re.fullmatch(r"[、，；：]", text[z.end:p.start] or "x") and kind_of.get(z.entity) == "zone"]
        if kind_of.get(p.entity) == "subpark" and zone:
            rels.add(m.entity, "locatedIn", zone[-1].entity, sent, "located:park-de-org", 0.85,
                     (zone[-1].start, m.end))
        return p.entity
    return None


def _scene_parks(text, sent, q, parks) -> bool:
    """The clause of park ``q`` names nothing but parks, after time words ("7月31日，X开发区Y工业园，"):
    the scene the sentence's "园区" then stands in."""
    a, e = _clause(text, sent, q.start)
    rest = text[a:e]
    for p in sorted((p for p in parks if a <= p.start and p.end <= e), key=lambda p: -p.start):
        rest = rest[:p.start - a] + rest[p.end - a:]
    return _LEAD.fullmatch(rest.removeprefix("在")) is not None


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


def _project_lands(text, sent, ms, parks, rels) -> None:
    for p in parks:
        lead = _PROJECT_LANDS.search(text, max(sent.start, p.start - 14), p.start)
        if lead is None:
            continue
        subj = next((m for m in ms if m.cls == "Company" and m.end <= lead.start()), None)
        if subj is not None and _LEAD.fullmatch(text, sent.start, subj.start) and \
                not re.search(r"[。；]", text[subj.end:lead.start()]):
            rels.add(subj.entity, "locatedIn", p.entity, sent, "located:project-lands", 0.75, (subj.start, p.end))


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
        # "在|走进|来到P，", "在X高新区北部的P，" and "在X经开区P，": the place opens the sentence
        zone = next((q for q in parks if a <= q.start and q.end <= p.start and q.entity != p.entity and
                     (q.end == p.start or _IN_ZONE_OF.fullmatch(text, q.end, p.start))), None)
        if zone is not None:
            lead = text[a:zone.start]
        opener = _SCENE_VERB.search(lead)
        if opener is not None and _LEAD.fullmatch(lead, 0, opener.start()):
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:at-park-opener", 0.75, (p.start - 1, m.end))
            return p.entity
    return None


# the lead of a visited list's clause: "采访团一行先后前往", "先后参观了"
_VISIT_ORDER = re.compile(r"[^，。；：“”]{0,12}?(?:先后|依次|相继|分别|还|又|也|随后|重点)?$")


def _visited_park(text, sent, first, cs, parks, cues) -> tuple[str, int] | None:
    """"走进P考察调研，先后参观了A、B": a party that enters a park and then visits organisations,
    in the very next clause, visits the park's."""
    visit = cues.visit.search(text, cs, first.start)
    if cs == sent.start or visit is None or \
            not re.fullmatch(r"了?", text[visit.end():first.start]) or \
            not _VISIT_ORDER.search(text, cs, visit.start()) or \
            any(cs <= p.start < first.start for p in parks):
        return None
    p = next((p for p in reversed(parks) if p.end < cs), None)
    if p is None:
        return None
    pcs, pce = _clause(text, sent, p.start)
    # the park's clause enters it ("走进P", "来到P考察调研") and is the clause right before
    entered = [v for v in cues.visit.finditer(text, pcs, p.start) if v.end() == p.start]
    after = text[p.end:pce]
    if pce + 1 != cs or not entered or re.sub(cues.visit.pattern, "", after) not in ("", "了"):
        return None
    return "located:visited-park", p.entity


# "在P，共同为A揭牌": the plaque of a new organisation is unveiled where it is set up
_UNVEILED = re.compile(r"(?:正式)?(?:揭牌|挂牌)")


def _unveiled_at_park(text, sent, first, last, parks) -> tuple[str, int] | None:
    """"在P…为A揭牌": an organisation whose plaque is unveiled in a park is set up there."""
    if not (text.endswith("为", sent.start, first.start) and _UNVEILED.match(text, last.end)):
        return None
    at = [p for p in parks if p.end <= first.start and text.endswith("在", sent.start, p.start) and
          not re.search(r"[。；]", text[p.end:first.start])]
    return ("located:unveiled-at-park", _glued_subpark(at[-1], parks).entity) if at else None


# "作为园区重点企业，A…", "作为P的龙头企业，A": the clause before describes A as the park's
_AS_PARK_FIRM = re.compile(r"作为[^，。；]{0,16}?(?:企业|公司)")
# "区内企业A、B", "园区内A、B等企业": the clause opens on the park the text is about
_HERE_FIRMS = re.compile(r"的?(?:重点|龙头|骨干|规上|优质|入驻|高新技术)?(?:企业)?(?:——|—|：|:)?")


def _park_firm_clause(text, sent, first, cs, parks, context, cues, orgs) -> tuple[str, int] | None:
    """The clause opening on the organisation says it is a firm of a park: "作为P（的）…企业，A",
    "区内企业A、B" (the park the text is about)."""
    lead = _LEAD.match(text, cs, first.start)
    if lead is None:
        return None
    pos = lead.end()
    here = cues.here.match(text, pos, first.start)
    if here is not None and _HERE_FIRMS.fullmatch(text, here.end(), first.start) and \
            not any(p.start < first.start and p.end > cs for p in parks):
        # "P推动…，区内企业A…": the park an earlier clause of the sentence names, else the text's
        named = [p for p in parks if sent.start <= p.start and p.end <= cs and not p.anaphor]
        if named:
            return "located:here-firms", named[-1].entity
        if context is not None:
            return "located:here-firms", context
    if pos != first.start or cs == sent.start or text[cs - 1] not in "，,":
        return None
    pcs, _ = _clause(text, sent, cs - 1)
    plead = _LEAD.match(text, pcs, cs - 1)
    am = _AS_PARK_FIRM.fullmatch(text, plead.end() if plead else pcs, cs - 1)
    if am is None or re.search(r"合作|伙伴|客户|供应|对口", am.group()) or \
            any(pcs <= o.start < cs for o in orgs):
        return None
    ps = [p for p in parks if am.start() < p.start and p.end <= cs]
    return ("located:as-park-firm", ps[-1].entity) if ps else None


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
             orgs_all=(), short_parks=None, park_names=(), places=frozenset()):
    """Where organisation ``m`` (of the list ``group``) is, by the first rule that places it:
    its own name, a cue between it and a park, a cue before its list; the park, or None."""
    last = group[-1]
    p = _named_park(text, sent, m, group, ce, rels, short_parks, park_names, context)
    if p is not None:
        return p
    # "A在P设立全资子公司B": B is in the park, its parent need not be
    if _SETS_UP_SUBSIDIARY.search(text[last.end:ce]):
        return None
    p = _cued_park(text, sent, m, group, ce, after_parks, parks, cues, agent, rels)
    if p is not None:
        return p
    if agent:
        return None
    if m.rule == "company:office":
        return None                     # a firm's regional office is in a park only when a cue says so
    return _listed_park(text, sent, m, group, cs, ce, before_parks, parks, context, cues, rels, orgs_all,
                        places)


# "在区内注册成立": the park the text is about, by its bare word
_PARK_HERE = ("区内", "园区", "园区内", "园内", "区里", "园里")


def _named_park(text, sent, m, group, ce, rels, short_parks, park_names, context=None) -> int | None:
    """A park named in the organisation's own name, or by its bare name after a cue."""
    last = group[-1]
    # "…中以常州创新园工作站", "青岛高新区企业服务中心": named after the park it is in
    if not m.anaphor:
        for n, pid in park_names:
            i = m.text.find(n)
            if i >= 0 and i + len(n) < len(m.text):
                rels.add(m.entity, "locatedIn", pid, sent, "located:name-park", 0.7, (m.start, m.end))
                return pid
    # "A于2003年在张江成立": a park called by its bare name, without the 科学城/高新区 ending
    sp = _AT_SHORT_PARK.match(text[last.end:ce])
    if sp and short_parks and sp.group(1) in short_parks:
        p = short_parks[sp.group(1)]
        rels.add(m.entity, "locatedIn", p, sent, "located:org-cue-short-park", 0.75,
                 (m.start, last.end + sp.end()))
        return p
    # "A已在区内注册成立": the park the text is about (not "A在园区设立子公司B": B is there)
    if sp and context is not None and sp.group(1) in _PARK_HERE and \
            not _SETS_UP_SUBSIDIARY.search(text, last.end, ce):
        rels.add(m.entity, "locatedIn", context, sent, "located:org-cue-park-here", 0.75,
                 (m.start, last.end + sp.end()))
        return context


# a government body named after the park ("P税务局", "P管委会", "P法院"): a cue before the park
# governs the body, not the place (not "布局", "格局")
_PARK_BODY = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:(?<![布格结当])局|管委会|管理委员会|党工委|法院|检察院|派出所)")


def _cued_park(text, sent, m, group, ce, after_parks, parks, cues, agent, rels) -> int | None:
    """A cue between the organisation and a park, in its clause or a later one."""
    last = group[-1]
    # "A是P电子信息产业的“链主”企业", "A是从P成长起来的独角兽企业", "A成立于2004年，是P北部
    # 一家…公司": one of the park's firms
    p = next((p for p in parks if p.start >= last.end), None)
    if p is not None and len(group) == 1 and _COPULA.fullmatch(text, last.end, p.start):
        kind = re.match(r"[^，。；]{0,30}?(?:企业|公司)", text[p.end:sent.end])
        if kind and not re.search(r"合作|伙伴|对口|结对", kind.group()):
            rels.add(m.entity, "locatedIn", p.entity, sent, "located:copula-park-firm", 0.8,
                     (m.start, p.end + kind.end()))
            return p.entity
    # "A于2003年在P成立", "A落户P", "A入驻P": a cue between the organisation and the park
    for p in after_parks:
        gap = text[last.end:p.start]
        if re.search(r"[，。；]", gap) or len(gap) > 24:
            break
        if _PARK_BODY.match(text, p.end):
            continue                    # "A…在P税务局人员指导下": the park names a body's seat
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
    return None


def _listed_park(text, sent, m, group, cs, ce, before_parks, parks, context, cues, rels,
                 orgs_all, places=frozenset()) -> int | None:
    """A cue before the organisation's list (the park named before it, or the one the sentence
    is about), a project landing, a park named earlier in the sentence as its subject."""
    first, last = group[0], group[-1]
    # "P…引进A、B等项目", "P已集聚了A、B", "建成A": a cue before the list, in its clause
    lead = text[cs:first.start]
    later = [p for p in parks if last.end <= p.start < ce]
    target = before_parks[-1].entity if before_parks else (later[0].entity if later else context)
    topic = _copula_subpark(text, before_parks)
    if topic is not None:
        target = topic                  # "P是X重点打造的专业园区，目前已集聚A、B等": P gathers them
    if target is not None and cues.loc.search(lead) and \
            _cue_governs_list(text, sent, cs, lead, target, before_parks, later, parks, cues, places):
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
    # "A、B等(P)重点企业": members of the park's companies (not its customers: "产品供应A、B等
    # 龙头企业")
    tail = text[last.end:ce]
    if tail.startswith("等") and not _CUSTOMERS.search(text, cs, last.end):
        pe = next((p for p in parks if p.start == last.end + 1), None)
        tgt = pe.entity if pe is not None else target
        kind = re.match(r"等([^，。；]{0,8}?)企业", tail)
        if tgt is not None and kind and (pe is not None or re.search(r"重点|龙头|骨干|链主|入驻|园区", kind.group(1))):
            rels.add(m.entity, "locatedIn", tgt, sent, "located:list-park-firms", 0.8, (first.start, ce))
            return tgt
    # "稀土高新区将推动A、B、C等7家…企业…": the park, subject of the clause, acts on a counted
    # list of firms — its own (a partner is not: "与A、B等5家企业签约" is left above)
    subj = before_parks[-1] if before_parks else None
    if subj is not None and cs <= subj.start and _is_subject(text, sent, subj) and \
            _COUNTED_LIST.match(tail) and not _CUSTOMERS.search(text, cs, last.end) and \
            not any(subj.end <= o.start < first.start for o in orgs_all):
        rels.add(m.entity, "locatedIn", subj.entity, sent, "located:park-counted-firms", 0.7, (subj.start, ce))
        return subj.entity
    # "此外，还有A、B、C同期落户", "A、B等一批科研平台加速布局": the list's own cue ends the
    # clause, no place after it: the park named before, or the one the text is about
    if target is not None and not later and _LIST_THEN_CUE.fullmatch(text, last.end, ce):
        rels.add(m.entity, "locatedIn", target, sent, "located:list-then-cue", 0.7, (first.start, ce))
        return target
    # "A新型显示材料产业园项目", "在A项目建设现场": a project being built or landed
    project = re.match(r"[^，。；、]{0,14}?(?:项目|基地|工厂|厂房|总部)", text[m.end:ce]) or \
        (len(group) > 1 and re.search(r"等[^，。；]{0,6}项目", text[last.end:ce]))
    if target is not None and project and cues.land.search(text[m.end:ce]) and \
            not _builds_for_others(text, m, last, ce):
        rels.add(m.entity, "locatedIn", target, sent, "located:project", 0.7, (cs, ce))
        return target
    # (no guess from a park merely named earlier in the sentence: on real news the organisation
    # after it is as often a partner, a supplier or a name of another place — 5 of 21 right on
    # the real dev sets; the relation judge weighs such co-mentions with its own features)
    return None


# "A、B等项目参建单位出席开工仪式": the firms that build a project, not its owners
_BUILDER_UNITS = re.compile(r"[^，。；]{0,10}?(?:参建|承建|施工|监理|设计|代建|勘察)单位")


def _builds_for_others(text, m, last, ce) -> bool:
    """A contractor of a project ("A承建的X项目", "…等项目参建单位"): it works in the park, it is
    not placed there."""
    return bool(_CONTRACTOR.match(text, m.end) or _BUILDER_UNITS.match(text, last.end, ce))


# after a list, to the clause's end: "同期落户", "等一大批重大科研平台加速布局"
_LIST_THEN_CUE = re.compile(r"(?:等[^，。；：]{0,30}?)?(?:已|也|均|都|还|将|正|同期|相继|先后|陆续|纷纷|加速|加快|集中|成功)*"
                            r"(?:落户|入驻|进驻|布局|扎根|落地|签约落户|入园)(?:了|于此|在此|这里)?")


# "等7家全国综合实力前10强的磁材企业": a list closed by its count of firms
_COUNTED_LIST = re.compile(r"等(?:\d+|[一二两三四五六七八九十几多]+)(?:家|户)[^，。；]{0,16}?(?:企业|公司)")


# a list of buyers, not of the park's firms
_CUSTOMERS = re.compile(r"供应|供货|客户|销往|出口|配套")


# after the cue, words that make it govern something else: "位于P的A" (a relative clause about
# A, not the list), "引进人才" (people)
_CUE_ELSEWHERE = re.compile(r"的|人才")


def _cue_governs_list(text, sent, cs, lead, target, before_parks, later, parks, cues, places) -> bool:
    """A location cue before a list ("P已集聚了A、B", "目前已引进A、B") places the list in the
    park: the park the clause names, or its subject's, or (with none named) the park the text
    is about — but not when the cue is about another noun ("位于X区的A"), nor when a place is
    the subject ("重庆市十分重视…，目前拥有A、B", "昆山已吸引…"): a city's organisations, not
    the park's. On the real dev sets those were 12 of the rule's 13 mistakes."""
    cue = None
    for cue in cues.loc.finditer(lead):
        pass
    if cue is None or _CUE_ELSEWHERE.search(lead, cue.end()):
        return False
    if before_parks:
        # the park named before: in the cue's clause, the subject of its own ("P…，集聚了A"), a
        # clause of its own ("位于X的P，是…，已引进A"); not an object ("X区拥有P和Q两大平台，…，
        # 集聚了A")
        p = next((p for p in reversed(before_parks) if p.entity == target), None)
        return p is not None and (p.start >= cs or _is_subject(text, sent, p) or
                                  _clause(text, sent, p.start)[1] == p.end)
    if later:
        return True
    # the park the text is about: the sentence and the clause have no place as their subject
    for a in {sent.start, cs}:
        lead_words = _LEAD.match(text, a, sent.end)
        pos = lead_words.end() if lead_words else a
        if text.startswith("在", pos):
            pos += 1
        if any(x.start == pos for x in parks):
            continue
        if any(text[pos:pos + k] in places for k in range(2, 7)):
            return False
    return True


_COPULA = re.compile(r"(?:[（(][^（）()]{0,30}[）)])?(?:(?:成立|创立|创建|始建|组建|注册)于[^，。；]{0,12}，)?"
                     r"(?:也|则|就|正|已|即|均|都)?是(?:从|在|(?:较早|最早|首批|首家|第一批|首个)?(?:入驻|落户|进驻))?")
# "…，在P建设高端计算机研发制造基地": the organisation's own plant, base or project in P
_BUILDS_PLANT = re.compile(r"(?:建设|新建|建成|投资建设|扩建|投产)[^，。；]{0,16}?(?:基地|工厂|总部|生产线|产线|厂区|项目|平台|研发中心)")


# anaphors that still name the sub-park: the one the previous sentence opened on, and the bare
# ending of its name ("在产业园扎根" after "X智能终端产业园")
_SUBPARK_NAMING_ANAPHORS = ("anaphor:subject-subpark", "anaphor:park-suffix")


_INSIDE_ZONE_RULES = ("partof:adjacent-zone", "partof:zone-de")


def _inherit_zone(rels: _Rels, sentences: list[Sentence], kind_of: dict, by_sent, refs=None) -> None:
    """An organisation in a sub-park is in the zone the sub-park is part of (one level up).

    Only when the sentence names the sub-park ("位于某纳米城的A", "在某科技园建设…", or by its
    bare ending: ``refs``, "该基地以A为龙头"): an
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
                   for m in by_sent.get(r.sentence, ())) and (refs or {}).get(r.sentence) != r.o:
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
