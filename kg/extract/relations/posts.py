"""holdsPost and worksFor: a person is linked to the organisation named in the title chain
right before the name ("青岛高新区管委会主任X", "A有限公司总经理Y"), or, for "公司总经理Y", to the
company the recogniser pointed 公司 at. A park's department stands for the park; a company's Party
committee for the company ("A集团党委书记、董事长Y"); a park committee named by its bare word
("区党工委委员、管委会副主任X") for the zone the article is about.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from kg.extract.candidates.agencies import GOV_POST_AFTER, REGION_OF_COMMITTEE
from kg.extract.candidates.patterns import HEAD_RANK
from kg.extract.candidates.persons import (company_word_before, names_appointees, naming_verbs,
                                          post_title_re, titles_end)
from kg.extract.names import alternation
from kg.extract.relations.context import _LEAD, _Rels
from kg.model import Mention, Sentence


# the last item of a title chain naming a zone's committee without the zone's name:
# "区党工委委员、管委会副主任", "经济开发区党工委书记" (not "街道党工委书记", "市委书记")
_BARE_ZONE_COMMITTEE = re.compile(
    r"(?:区|园区|高新区|经开区|开发区|经济开发区|高新技术产业开发区|经济技术开发区|新区)?"
    r"(?:党工委|管委会|管理委员会|工委)[^、，。；：]{1,12}")
# the same after a word that opens a clause's agent or a list's item
_OPENED_ZONE_COMMITTEE = re.compile(r"(?<=[由和与及同])" + _BARE_ZONE_COMMITTEE.pattern + "$")
# a body named by a bare zone word ("经开区团委", "区退役军人事务局", "高新区（新市区）应急管理局")
_BARE_ZONE_BODY = re.compile(r"(?:区|园区|高新区|经开区|开发区|经济开发区|新区)(?:[（(][^）)]{2,6}[）)])?(?!委|政府|人民政府)")
# a preposition opening the gap after an organisation: no title of the person follows it
_NO_TITLE_GAP = re.compile("[对向在将把被由给]")
# what links two organisations of one title chain: nothing ("A厅B办公室主任X"), or the first
# one's titles ended by a mark that adds a post ("A市委常委、B书记X", "A主任兼B局长X", "A/B校长X")
_CHAIN_LINK = re.compile(r"|[^，。；！？：“”,;!?:]{0,16}[、兼/]")
# a company's Party or staff body, named with the company ("A集团党委")
_COMPANY_BODY = re.compile(r"(?:党委|党组|纪委|工会|团委)$")


def _persons(text: str, sent: Sentence, ms: list[Mention], rels: _Rels, park_unit: dict[int, int],
             zone: int | None = None, companies: dict[str, int] | None = None, lex=None) -> None:
    """holdsPost / worksFor for the persons of one sentence (``zone``: the zone the article is
    about; ``companies``: the document's company names; ``lex``: the bodies in a park that are
    no department of it, ``own_bodies``)."""
    own = tuple(lex["own_bodies"]) if lex is not None else ()
    for m in ms:
        if m.cls not in ("Official", "Executive"):
            continue
        orgs = _orgs_before(text, ms, m, lex)
        ts = m.start - len(m.attrs.get("title", ""))
        if not orgs and "org_entity" in m.attrs and m.cls == "Executive" and \
                (company_word_before(text, ts) is not None or m.attrs.get("org_brand")) and \
                cls_of_mention(ms, m.attrs["org_entity"]) in ("Company", "Institution", None):
            # "A…竣工，公司总经理Y说": the recogniser pointed 公司 at the company spoken of last
            rels.add(m.entity, "worksFor", m.attrs["org_entity"], sent, "post:company-anaphor", 0.8,
                     (ts - 2, m.end))
            continue
        if m.cls == "Official":
            for k, o in enumerate(orgs):
                if k and o.cls == "Park" and o.end == orgs[k - 1].start and \
                        (orgs[k - 1].cls == "Park" or orgs[k - 1].entity in park_unit):
                    continue            # "A经开区|B工业园区党委委员X": A only places the sub-park
                if o.cls in ("Park", "Agency"):
                    if _committee_region(text, ms, o, orgs[k - 1].start if k else m.start, m, sent, rels):
                        continue
                    tgt = o.entity if own and o.text.endswith(own) else park_unit.get(o.entity, o.entity)
                    if zone is not None and tgt == o.entity and _BARE_ZONE_BODY.match(o.text):
                        tgt = zone          # "区退役军人事务局局长X": a department of the zone the article is about
                    rels.add(m.entity, "holdsPost", tgt, sent, "post:title-after-org", 0.9, (o.start, m.end))
            if zone is not None and not any(o.cls == "Park" or o.entity in park_unit for o in orgs):
                _bare_committee(text, sent, m, orgs, zone, rels)
        else:
            for o in orgs[:1] + _titled_employers(text, orgs, lex):
                if o.cls in ("Company", "Institution"):
                    rels.add(m.entity, "worksFor", o.entity, sent, "post:title-after-org", 0.9, (o.start, m.end))
                elif o.cls == "Agency" and companies:
                    # "A集团党委书记、董事长Y": the recogniser took "A集团党委" for an agency
                    body = _COMPANY_BODY.search(o.text)
                    comp = companies.get(o.text[:body.start()]) if body else None
                    if comp is not None:
                        rels.add(m.entity, "worksFor", comp, sent, "post:company-body", 0.85, (o.start, m.end))


def _titled_employers(text: str, orgs: list[Mention], lex) -> list[Mention]:
    """"A公司董事长、B创始人Y": the companies further back in the chain employ Y too, when only
    titles link each to the next ("A集团X、B协会会长Y" names X, no post of Y's in A)."""
    if lex is None:
        return []
    title = post_title_re(lex)
    out = []
    for prev, o in zip(orgs, orgs[1:]):
        gap = text[o.end:prev.start]
        if not gap or gap[-1] not in "、兼/" or \
                not all(title.fullmatch(p) for p in re.split("[、兼/]", gap[:-1])):
            break
        if o.cls in ("Company", "Institution"):
            out.append(o)
    return out


def _committee_region(text: str, ms: list[Mention], o: Mention, end: int, m: Mention, sent: Sentence,
                      rels: _Rels) -> bool:
    """"西宁市委常委、副市长X": the government post is in the region the recogniser read off the
    committee's name (holdsPost to it); True when the committee's own title is only 常委 (a
    standing member who is named for the government post: no post in the committee too)."""
    region = next((r for r in ms if r.rule == REGION_OF_COMMITTEE and r.end == o.end - 1 and
                   r.start >= o.start), None)
    if region is None:
        return False
    g = GOV_POST_AFTER.match(text[:end], o.end)
    if g is None or g.group("level") != o.text[-2]:
        return False
    rels.add(m.entity, "holdsPost", region.entity, sent, "post:committee-region", 0.85,
             (min(o.start, m.start), max(end, m.end)))
    return re.match("(?:原)?常委、", text[o.end:end]) is not None


def _bare_committee(text: str, sent: Sentence, m: Mention, orgs: list[Mention], zone: int, rels: _Rels) -> None:
    """"区党工委委员、管委会副主任X": the last title of the chain is in the committee of a zone
    the text names by its bare word, the zone the article is about."""
    # the chain back to the clause's start (40 characters at most: a name list stays linear)
    a = max(sent.start, m.start - 40, orgs[0].end if orgs else sent.start)
    chain = re.split(r"[，。；！？：,;!?:“”]", text[a:m.start])[-1]
    last = chain.rsplit("、", 1)[-1]
    if orgs and orgs[0].end == m.start - len(last):
        return                          # "A片区管委会主任X": A's committee, named
    # (the chain may open after the clause's first words: "仪式由经开区党工委副书记X主持")
    c = _BARE_ZONE_COMMITTEE.fullmatch(last) or _OPENED_ZONE_COMMITTEE.search(last)
    if c is not None:
        rels.add(m.entity, "holdsPost", zone, sent, "post:bare-zone-committee", 0.8, (m.start - len(last) + c.start(), m.end))


def cls_of_mention(ms: list[Mention], entity: int) -> str | None:
    """The class of ``entity`` if a mention of the sentence names it (None when none does)."""
    return next((o.cls for o in ms if o.entity == entity), None)


def _orgs_before(text: str, ms: list[Mention], person: Mention, lex=None) -> list[Mention]:
    """Organisations in the title chain right before a person name, nearest first."""
    out = []
    pos = person.start
    for o in sorted((x for x in ms if x.end <= person.start), key=lambda x: -x.end):
        if o.end > pos:
            continue                    # a name inside the last one ("西宁市" in "西宁市委")
        gap = text[o.end:pos]
        if o.cls in ("Official", "Executive") and not out and (gap == "、" or _same_post_kind(text, o, gap, lex)):
            pos = o.start               # "副主任A、B", "领队A、副领队B": B's title chain is A's
            continue
        if o.cls in ("Official", "Executive", "Policy"):
            break
        # (a colon ends the chain: "A纪委监委消息：B书记X" is no post in A)
        if len(gap) > 30 or re.search(r"[，。；！？：“”,;!?:]", gap) or _NO_TITLE_GAP.match(gap):
            break                       # ("A纪委监委对|原B局长X": A acts on B's official)
        if out and not _CHAIN_LINK.fullmatch(gap):
            break                       # "A法院公开宣判B原副主任X": A is no post of X's
        out.append(o)
        pos = o.start
    return out


def _same_post_kind(text: str, prev: Mention, gap: str, lex) -> bool:
    """Whether ``gap`` ("、副领队") gives the person after it a post of the same body as ``prev``'s:
    the same title or its deputy ("局长A、副局长B"), or any post of a company ("董事长A、总经理B");
    "市委书记A、市长B" names the city's government, no post in the committee."""
    if lex is None or not gap.startswith("、"):
        return False
    title = post_title_re(lex).fullmatch(gap, 1)
    if title is None:
        return False
    if prev.cls == "Executive":
        return True
    core = lambda t: re.sub("^(?:原|前)?(?:常务|代理|代)?(?:副)?", "", t)
    return core(title.group()) == core(prev.attrs.get("title", "")[-len(core(title.group())):] or "-")


# "任", "曾任", "先后担任", "不再担任", "当选为" right before an organisation's name: a post stated
# after the person (the verbs: lexicon appoint_verbs)
_APPOINT = r"(?:曾|现|历|先后|又|再|后|兼|并|还|同时|已|拟|不再|此前|此前曾)?(?:{verbs})$"
# "任命A、B为", "免去C的": the persons named between the verb and the organisation
_NAMED = r"(?P<verb>{naming})[：:]?(?P<names>[^，。；：！？,;:!?为的]{{2,60}})(?P<end>为|的)$"
# "免去其A职务": the person named last
_THEIR = r"(?:{of})其$"
# between the person and the verb: "同志", "，", "于2019年", "利用"
_APPOINTEE_GAP = re.compile(r"(?:同志)?(?:（女）)?[，,]?(?:于?\d{4}年(?:\d{1,2}月)?[，,]?)?(?:利用|曾经|曾|此前|现|已|还|又)?")
_PRONOUN = re.compile(r"(?:她|他)(?:曾经|曾|现|还|又|先后|也)?$")
# a résumé's head, "X，男，汉族，": the person named before it is the one the following lines are about
_RESUME_HEAD = re.compile(r"(?:同志)?[，,](?:男|女)[，,]")


_ORGS = ("Agency", "Park", "Company", "Institution")


@functools.lru_cache(maxsize=8)
def _appoint_re(lex) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The verbs of lexicon appoint_verbs: after the person, before the persons ("任命A为", "免去B
    的"), before "其"."""
    naming = alternation(naming_verbs(lex))
    return (re.compile(_APPOINT.format(verbs=alternation(lex.tagged("appoint_verbs", "after")))),
            re.compile(_NAMED.format(naming=naming)), re.compile(_THEIR.format(of=alternation(lex.tagged("appoint_verbs", "of")))))


def appointments(doc) -> None:
    """Posts stated after the person: "X同志任A党工委书记", "X利用担任A厅长，B副书记", "她曾任A
    主任", "任命A、B为C审判员", "免去D的E职务", and the lines of a résumé that drop the person
    ("2006年1月任A副书记、区长，B管委会主任；"): the person is the last one the article named
    (within a few sentences), or the one its head names ("X，男，汉族，…").
    """
    text, rels, park_unit = doc.text, doc.rels, doc.park_unit
    title = post_title_re(doc.lex)
    last: dict[int, tuple[int, Mention]] = {}      # article -> (sentence index, last person)
    # article -> (sentence index, person) of a post list that a "；" ended: the next sentence may
    # go on with it ("历任A书记；B管委会主任；C党组成员。" is split at each "；")
    listed: dict[int, tuple[int, Mention]] = {}
    for si, sent in enumerate(doc.sentences):
        ms = doc.by_sent.get(sent.idx, [])
        persons = [m for m in ms if m.cls in ("Official", "Executive")]
        head = _resume_head(doc, sent)
        if head is not None:
            last[sent.article] = (si, head)
        going = listed.pop(sent.article, None)
        for i, o in enumerate(ms):
            if o.cls not in _ORGS or o.anaphor or not _title_at(title, text, o.end) \
                    or any(x.start == o.start and x.end > o.end and x.cls in _ORGS for x in ms):
                continue                # ("A开发区" of "A开发区人民法院立案庭副庭长": the court's post)
            people = _appointed(doc, sent, o, persons, last.get(sent.article), si)
            if not people and going is not None and going[0] == si - 1 and not text[sent.start:o.start].strip():
                people = [going[1]]
            for person in people:
                if sent.text.rstrip().endswith(("；", ";")):
                    listed[sent.article] = (si, person)
                chain = _posts_from(text, ms, i, title)
                for k, org in enumerate(chain):
                    end = chain[k + 1].start if k + 1 < len(chain) else min(sent.end, org.end + 24)
                    if person.cls == "Official" and _committee_region(text, ms, org, end, person, sent, rels):
                        continue
                    _post(person, org, sent, rels, park_unit, "post:appointed", tuple(doc.lex["own_bodies"]))
        if going is not None and not persons and sent.article not in listed and sent.text.rstrip().endswith(("；", ";")):
            listed[sent.article] = (si, going[1])   # a line of posts of no body named ("A市副市长；")
        if persons:
            last[sent.article] = (si, persons[-1])
    _bare_region_titles(doc)
    _merged_level_heads(doc)
    _bureau_offices(doc)
    _judges(doc)


# another name of the organisation in brackets, between its name and the title ("A开发区（B片区）管委会主任")
_BRACKETED = re.compile(r"[）)]|[（(][^（）()]{2,16}[）)]")


def _title_at(title: re.Pattern, text: str, pos: int) -> re.Match | None:
    """The title right after an organisation's name that ends at ``pos``, or after the
    bracketed other name that follows it (or that it is)."""
    t = title.match(text, pos)
    if t is None and (b := _BRACKETED.match(text, pos)) is not None and b.end() > pos:
        t = title.match(text, b.end())
    return t


def _resume_head(doc, sent: Sentence) -> Mention | None:
    """The person a résumé in ``sent`` is about ("张惠，女，汉族，1967年4月生"): a person the
    article names elsewhere, named right before "，男，" or "，女，"."""
    for h in _RESUME_HEAD.finditer(doc.text, sent.start, sent.end):
        for m in doc.mentions:
            if m.cls in ("Official", "Executive") and m.entity >= 0 and doc.sentences[m.sentence].article == sent.article \
                    and h.start() >= sent.start + len(m.text) and doc.text.startswith(m.text, h.start() - len(m.text)):
                return m
    return None


def _appointed(doc, sent: Sentence, o: Mention, persons: list[Mention], last, si: int) -> list[Mention]:
    """The persons given (or relieved of) the post at ``o``: those named after "任命" or "免去"
    ("任命A、B为", "免去C的"), the one "其" stands for ("免去其"), or the one before the verb."""
    text = doc.text
    verb_re, named_re, their_re = _appoint_re(doc.lex)
    lead = text[max(sent.start, o.start - 64):o.start]
    named = named_re.search(lead)
    if named is not None and names_appointees(doc.lex, named.group("verb"), named.group("end")):
        a = o.start - len(lead) + named.start("names")
        hit = [p for p in persons if a <= p.start and p.end <= a + len(named.group("names"))]
        if hit:
            return hit
    ends = [p.end for p in persons]             # (in text order: looked up, not scanned)
    recent = last[1] if last is not None and si - last[0] <= 8 else None
    if their_re.search(lead):
        k = bisect.bisect_right(ends, o.start)
        return [persons[k - 1]] if k else [recent] if recent is not None else []
    verb = verb_re.search(text, max(sent.start, o.start - 8), o.start)
    if verb is None:
        return []
    k = bisect.bisect_right(ends, verb.start())
    person = _holder_after(text, o, persons, post_title_re(doc.lex)) or \
        _appointee(text, sent, persons[k - 1] if k else None, bool(persons), verb.start(), last, si)
    return [person] if person is not None else []


def _holder_after(text: str, o: Mention, persons: list[Mention], title: re.Pattern) -> Mention | None:
    """"曾任A书记的X": the person the titles after ``o`` describe, named right after "的"."""
    pos = titles_end(text, o.end, title)
    if pos == o.end or not text.startswith("的", pos):
        return None
    return next((p for p in persons if p.start == pos + 1), None)


def _appointee(text, sent, before, any_person, at, last, si) -> Mention | None:
    """Who the verb at ``at`` appoints: the person right before it (``before``), the one a
    pronoun stands for, or (a résumé line without a subject, in a sentence that names no one)
    the person named last, a few sentences back."""
    if before is not None and _APPOINTEE_GAP.fullmatch(text, before.end, at):
        return before
    # the words before the verb in its clause and its sentence (60 characters at most)
    lead = text[max(sent.start, at - 60):at]
    clause = re.split(r"[，。；：,;:]", lead)[-1]
    recent = last[1] if last is not None and si - last[0] <= 8 else None
    if _PRONOUN.search(clause) and (before or recent):
        return before or recent
    if not any_person and recent is not None and _LEAD.fullmatch(clause) and (
            _LEAD.fullmatch(re.split(r"[。；]", lead)[-1].replace("，", "")) or
            re.sub(r"(?:同志)?[，,]$", "", lead[:len(lead) - len(clause)]).endswith(recent.text)):
        return recent                   # (or named right before the clause: "长期在广州任职的X，曾任A主任")
    return None


def _posts_from(text, ms, i, title) -> list[Mention]:
    """The organisations of the post chain that opens with ``ms[i]``: "A副书记、区长，B管委会主
    任" lists A and B, "A书记；B主任；C党组成员" A, B and C; the chain ends at "。", at "；" not
    followed by an organisation, at a person, at a clause that is no post."""
    first = ms[i]
    out = [first]
    pos = first.end
    for k in range(i + 1, len(ms)):
        o = ms[k]
        if o.start < pos:
            continue                    # a name inside the last one ("徐州市" in "徐州市委")
        if o.cls in ("Official", "Executive"):
            break
        gap = text[pos:o.start]
        # the text since the last organisation: its titles, then "，" or "兼" (a new post), or "；" right
        # before the next organisation, a résumé's next line ("；肇庆高新区管委会主任；")
        if len(gap) > 24 or not re.fullmatch(r"[^，。；,;]*[，,、；;兼]", gap):
            break
        t = _title_at(title, text, o.end) if o.cls in _ORGS and not o.anaphor else None
        if t is not None and gap[-1] in "；;" and any(p.start == t.end() for p in ms if p.cls in ("Official", "Executive")):
            break                       # "；B局局长X表示": the post of a person named after it
        if t is not None:
            out.append(o)
            pos = o.end
    return out


def _post(person: Mention, org: Mention, sent: Sentence, rels: _Rels, park_unit, rule: str, own=()) -> None:
    """The post in ``org``: in the park it is a unit of, unless it answers to its own hierarchy
    (``own``: the lexicon own_bodies, "A开发区人民法院")."""
    if person.cls == "Official" and org.cls in ("Park", "Agency"):
        tgt = org.entity if own and org.text.endswith(own) else park_unit.get(org.entity, org.entity)
        rels.add(person.entity, "holdsPost", tgt, sent, rule, 0.8, (org.start, org.end))
    elif person.cls == "Executive" and org.cls in ("Company", "Institution"):
        rels.add(person.entity, "worksFor", org.entity, sent, rule, 0.8, (org.start, org.end))


_COMMITTEE = re.compile("(?:中共)?(?P<place>[\u4e00-\u9fff]{2,8}?)(?P<level>[省市区县])委")


def _the_regions(entities) -> dict[str, tuple[int, int | None]]:
    """level -> (Party committee, region) of the one place per level whose Party committee the
    document names ("延吉市委" and "延吉市"); a level with committees of two places has none."""
    labels = {e.label: e.local_id for e in entities if e.cls == "Agency"}
    found: dict[str, set[tuple[int, int | None]]] = {}
    for label, eid in labels.items():
        c = _COMMITTEE.fullmatch(label)
        if c is not None:
            region = labels.get(c.group("place") + c.group("level"))
            found.setdefault(c.group("level"), set()).add((eid, region))
    return {lv: next(iter(v)) for lv, v in found.items() if len(v) == 1}


def _the_assemblies(entities) -> dict[str, int]:
    """"省政协" -> the one provincial CPPCC the document names ("辽宁省政协"), and so for the
    people's congresses and the other levels."""
    return _the_one_agency(entities, "[\u4e00-\u9fff]{2,8}?([省市区县](?:政协|人大常委会))")


def _the_governments(entities) -> dict[str, int]:
    """"市" -> the one city government the document names ("深圳市政府"), and so per level."""
    return _the_one_agency(entities, "[\u4e00-\u9fff]{2,8}?([省市区县])(?:人民)?政府")


def _the_one_agency(entities, pattern: str) -> dict[str, int]:
    """The key ``pattern``'s group 1 reads off an agency's label -> that agency, for the keys
    only one agency of the document has."""
    found: dict[str, set[int]] = {}
    for e in entities:
        a = re.fullmatch(pattern, e.label) if e.cls == "Agency" else None
        if a is not None:
            found.setdefault(a.group(1), set()).add(e.local_id)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _bare_government_post(doc, m: Mention, title: str, governments: dict[str, int], sent: Sentence) -> None:
    """"市长X", "副市长X" in a document that names no Party committee of the city: the post is in
    the one city government it names ("深圳市政府")."""
    post = re.fullmatch(f"(?:([省市区县])(?:人民)?政府)?{HEAD_RANK}([省市区县])长", title)
    if post is not None and post.group(2) in governments and post.group(1) in (None, post.group(2)):
        doc.rels.add(m.entity, "holdsPost", governments[post.group(2)], sent, "post:bare-government", 0.75,
                     (m.start - len(title), m.end))


_COURT = {"法官": ("法院", "法庭"), "检察官": ("检察院",)}


def _judges(doc) -> None:
    """"刘晓凌法官…": a judge holds a post in the one court the document names (a prosecutor in
    the one procuratorate)."""
    for m in doc.mentions:
        kind = m.attrs.get("title_after") if m.cls == "Official" and m.entity >= 0 else None
        if kind not in _COURT:
            continue
        courts = {e.local_id for e in doc.entities if e.cls == "Agency" and e.label.endswith(_COURT[kind])}
        if len(courts) == 1:
            doc.rels.add(m.entity, "holdsPost", courts.pop(), doc.sentences[m.sentence], "post:judge", 0.7,
                         (m.start, m.end + len(kind)))


def _bare_region_titles(doc) -> None:
    """"市委副书记、市长X", "市政协主席X": posts named by the bare level word, with no
    organisation before them, are in the Party committee or the government of the one place of
    that level whose committee the document names."""
    regions = _the_regions(doc.entities)
    assemblies = _the_assemblies(doc.entities)
    governments = _the_governments(doc.entities)
    if not regions and not assemblies and not governments:
        return
    for m in doc.mentions:
        if m.cls != "Official" or "org" in m.attrs or m.entity < 0:
            continue
        # the title chain as written back to the clause's start ("市政府副市长", "市政协主席")
        title = re.split(r"[，。；：！？,;:!?\s“”]", doc.text[max(0, m.start - 24):m.start])[-1]
        sent = doc.sentences[m.sentence]
        body = re.match("[省市区县](?:政协|人大常委会)", title)
        if body is not None and body.group() in assemblies:
            # "省政协副主席X": the one provincial assembly the document names ("辽宁省政协")
            doc.rels.add(m.entity, "holdsPost", assemblies[body.group()], sent, "post:bare-assembly", 0.75,
                         (m.start - len(title), m.end))
            continue
        if title[:1] not in regions:
            _bare_government_post(doc, m, title, governments, sent)
            continue
        committee, region = regions[title[0]]
        for part in title.split("、"):
            lv = part[:1]
            if lv not in regions:
                continue
            if part.startswith(lv + "委") and lv == title[0]:
                doc.rels.add(m.entity, "holdsPost", committee, sent, "post:bare-region", 0.75, (m.start - len(title), m.end))
            elif region is not None and lv == title[0] and re.fullmatch(
                    f"(?:{lv}政府)?{HEAD_RANK}{lv}长|{lv}(?:人大常委会|政协).*", part):
                doc.rels.add(m.entity, "holdsPost", region, sent, "post:bare-region", 0.75, (m.start - len(title), m.end))


# a head of government whose title shares the level character with the place's name before it
# ("湟中区长" = 湟中区区长, "原南京市长" = 南京市市长): the place's head, then the title
_MERGED_HEAD = re.compile("(?:常务副|副|代理|代)?(?P<level>[省市区县])长$")


def _merged_level_heads(doc) -> None:
    """"湟中区长郭健", "原南京市长季建业": the post is in the region the document names whose name
    ends with the head and the level ("青海省西宁市湟中区"); only one region may fit."""
    for m in doc.mentions:
        if m.cls != "Official" or m.entity < 0:
            continue
        t = _MERGED_HEAD.search(doc.text, max(0, m.start - 6), m.start)
        if t is None or t.end() != m.start:
            continue
        for n in range(2, 5):
            head = doc.text[max(0, t.start() - n):t.start()]
            if len(head) < n or not re.fullmatch("[\u4e00-\u9fff]+", head) or head[-1] in "省市区县委":
                continue
            place = head + t.group("level")
            fits = {e.local_id for e in doc.entities if e.cls in ("Agency", "Park") and
                    any(f.endswith(place) and (len(f) == len(place) or f[-len(place) - 1] in "省市区县州")
                        for f in e.names)}
            if len(fits) == 1:
                doc.rels.add(m.entity, "holdsPost", fits.pop(), doc.sentences[m.sentence], "post:merged-level", 0.75,
                             (t.start() - n, m.end))
                break


# a bureau named on its own, and an office of it (处, 科, 室: the departments of DEPARTMENT)
_BUREAU_END = re.compile("[厅局委部署]$")
_OFFICE_END = re.compile("[处科室]$")


def _bureau_offices(doc) -> None:
    """"江西省生态环境厅省生态环境保护督察办公室副主任X" in a document that names 江西省生态环境厅
    on its own: the office's name runs on from the bureau's, and the post is in the bureau (as
    "A厅B处处长X" is, its office read as the title's department)."""
    bureaus = {e.label: e.local_id for e in doc.entities
               if e.cls == "Agency" and len(e.label) >= 4 and _BUREAU_END.search(e.label)}
    parent = {}
    for e in doc.entities:
        if e.cls != "Agency" or not _OFFICE_END.search(e.label):
            continue
        b = next((bureaus[e.label[:n]] for n in range(len(e.label) - 4, 3, -1) if e.label[:n] in bureaus), None)
        if b is not None and b != e.local_id:
            parent[e.local_id] = b
    for key, r in list(doc.rels.items.items()):
        if r.p == "holdsPost" and r.o in parent:
            del doc.rels.items[key]
            doc.rels.items.setdefault((r.s, r.p, parent[r.o]), dataclasses.replace(r, o=parent[r.o]))
