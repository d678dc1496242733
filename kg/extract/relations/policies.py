"""issuedBy and appliesTo: who issued a policy (the body that opens its title, the actor of an
issuing verb, the article's park when the clause has no subject) and which park it applies to
(a park its title names, the park of a sentence that applies it, the parks of a kind across a
region, a park's own policy).
"""
from __future__ import annotations

import re

from kg.extract.names import Lexicon, lexicon_endings, longest_ending
from kg.extract.relations.context import _CLAUSE, _LEAD, Doc, Here, management_ending
from kg.model import Mention, Sentence


_SUPPORTS = re.compile(r"[》”]?(?:也|还|更|进一步)?(?:明确|提出|指出|要求)[，,：:]?(?:要|将)?(?:支持|推动|鼓励|加快|推进)")


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


_PARK_COMMITTEE = re.compile(r"[区园城谷](?:管委会|管理委员会|党工委|工委)$")
_PURPOSE_CLAUSE = re.compile(r"为了?(?:深入|全面|认真|进一步|更好地?|切实)*")


def relate_policies(doc: Doc, here: Here) -> None:
    """issuedBy / appliesTo for the policies of one sentence."""
    st, entities = here.sent.text, doc.entities
    # a trigger inside a title ("《…培育实施方案》") is no act of applying it
    st_plain = _TITLE_SPAN.sub(lambda t: "＿" * len(t.group()), st) if "《" in st else st
    for m in here.ms:
        if m.cls != "Policy":
            continue
        head = entities[m.entity].label
        _issued(doc, here, m, head)
        _applies(doc, here, m, head, st_plain)


_MADE_BY = re.compile(r"(?:是|系|则|均|已)?由")


def _issued(doc: Doc, here: Here, m: Mention, head: str) -> None:
    """Who issued policy ``m``: the agency that opens its title, the actor of an issuing verb."""
    text, rels = doc.text, doc.rels
    sent, ms, top = here.sent, here.ms, here.top
    agencies, agencies_named, cues = doc.agencies, doc.agencies_named, doc.cues
    lex_places, agency_places, issuer_of = doc.lex_places, doc.agency_places, doc.issuer_of
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
    # "落实国务院《关于…》": the body named right before the title is its issuer (not a region:
    # "江苏省《…》" names where it applies)
    if not m.anaphor:
        prev = next((o for o in ms if o.cls == "Agency" and o.end <= m.start and
                     text[o.end:m.start] in ("《", "的《")), None)
        if prev is not None and not (prev.text in lex_places or prev.text in agency_places):
            rels.add(m.entity, "issuedBy", prev.entity, sent, "issued:agency-title", 0.8, (prev.start, m.end))
            issuer_of[m.entity].add(prev.entity)
    if not m.anaphor or m.text.startswith("《"):
        # "A出台《P》", "由A、B与C共同研究形成"; "A会同B起草了《措施》" names the policy by
        # its short title
        # (not for "《X区关于…措施》" in an article about a park: a title that opens with
        # another place is that place's)
        topic_m = Mention(0, 0, "", "Park", sent.idx, "topic", 0.6, {}, top) \
            if top is not None and not m.anaphor and not _titled_elsewhere(head, doc.entities[top].names, lex_places) \
            else None
        for iss, span in _issuers(text, sent, ms, m, cues.iss, topic_m):
            o = _issuer_entity(doc, iss)
            rels.add(m.entity, "issuedBy", o, sent, "issued:verb", 0.85, span)
            issuer_of[m.entity].add(o)
    elif _MADE_BY.match(text, m.end):
        # "该措施由某市人民政府办公室印发": the policy referred back to is the subject of "由A印发"
        for iss, span in _issuers(text, sent, ms, m, cues.iss):
            o = _issuer_entity(doc, iss)
            rels.add(m.entity, "issuedBy", o, sent, "issued:by", 0.8, span)
            issuer_of[m.entity].add(o)


def _issuer_entity(doc: Doc, iss: Mention) -> int:
    """The issuer entity: a park's management body ("X园区管理办公室") issues for its park (the
    park is what applies its own policy); another department stays itself."""
    park = doc.park_unit.get(iss.entity)
    if park is None or iss.cls != "Agency" or management_ending(iss.text, doc.lex) is None:
        return iss.entity
    return park


def _applies(doc: Doc, here: Here, m: Mention, head: str, st_plain: str) -> None:
    """Which parks policy ``m`` applies to: those its title names, the sentence's park when the
    sentence applies it, the park it supports."""
    text, rels = doc.text, doc.rels
    sent, parks, top = here.sent, here.parks, here.top
    entities, lex = doc.entities, doc.lex
    park_long_names, long_name_parks = doc.park_long_names, doc.long_name_parks
    # "《关于促进本市高新技术产业园区…的意见》": a title about the parks of the topic park's
    # kind across a region ("本市", "全省") applies to the topic park
    if top is not None and "区" in head and _all_parks_of_kind(head, entities[top].names, lex):
        rels.add(m.entity, "appliesTo", top, sent, "applies:title-park-kind", 0.7, (m.start, m.end))
    # the title names a park
    for e, long_names in (park_long_names[i] for i in long_name_parks.within(head)):
        if any(n in head for n in long_names):
            rels.add(m.entity, "appliesTo", e.local_id, sent, "applies:title-park", 0.8,
                     (m.start, m.end))
    if _applied_here(doc, here, m, st_plain) and (parks or top is not None):
        tgt = here.park_here if here.park_here is not None else top
        rels.add(m.entity, "appliesTo", tgt, sent, "applies:verb", 0.7)
    # "《P》也明确，支持X高新区建设…": the policy names the park it supports
    sup = _SUPPORTS.match(text, m.end)
    if sup is not None:
        tgt = next((p for p in parks if p.start == sup.end()), None)
        if tgt is not None:
            rels.add(m.entity, "appliesTo", tgt.entity, sent, "applies:supports-park", 0.75,
                     (m.start, tgt.end))


# "颁布实施", "印发实施", "将于9月10日起实施": the policy taking effect, not someone applying it
_ISSUED_BEFORE = re.compile(r"(?:颁布|发布|印发|出台|公布|.起)$")
# "《P》提到/明确，推进…": what the policy says, not an act of applying it
_REPORTED = re.compile(r"提到|提出|明确|要求|指出|强调|规定")


def _applying_verb(app: re.Pattern, st_plain: str, start: int, end: int, others: set[int],
                   iss: re.Pattern | None = None, parks_at: tuple[int, ...] = ()):
    """The applying verb of the sentence (titles blanked out) that governs the policy at
    [``start``, ``end``): one in the policy's own clause (the nearest before it, else the first
    after it), else one elsewhere that governs no other policy (``others``: where the others
    start) — not the policy's own taking effect ("…颁布实施以来"), not a verb the policy's
    content says ("《通知》…，提到…推进中小企业数字化转型"), none from elsewhere when the
    policy's clause issues it (``iss``: the issuing verbs), none after the policy's clause unless a
    park acts in the verb's clause (``parks_at``: where the sentence's parks start) or the policy
    opens its own clause."""
    reported = _REPORTED.search(st_plain, end)
    cands = [t for t in app.finditer(st_plain)
             if not _ISSUED_BEFORE.match(st_plain, max(0, t.start() - 2), t.start()) and
             not (reported is not None and end <= reported.start() < t.start())]
    cs = max((x.end() for x in _CLAUSE.finditer(st_plain, 0, start)), default=0)
    stop = _CLAUSE.search(st_plain, end)
    ce = stop.start() if stop else len(st_plain)
    own = [t for t in cands if cs <= t.start() and t.end() <= ce]
    if own:
        before = [t for t in own if t.end() <= start]
        return before[-1] if before else own[0]
    if iss is not None and any(not st_plain.startswith("的", t.end()) for t in iss.finditer(st_plain, cs, start)):
        # "某委员会发布《P》，支持…开展…": the clause issues it (not "A印发的《P》…，我们贯彻落实",
        # where the issuing is only said of it)
        return None
    # "贯彻落实《A》，…《B》…": the verb is A's, not B's; one after the policy's clause only when
    # the policy is what the sentence is about (it opens its clause: "“某计划”是…，组织实施…") or a
    # park acts in the verb's clause ("…出台后，某高新区积极落实"), not "张某递交《P》，李某开展培训"
    about = _LEAD.fullmatch(st_plain[cs:start].rstrip("“\"")) is not None
    return next((t for t in cands if not any(t.end() + k in others for k in range(3)) and
                 (t.end() <= start or about or _park_acts(st_plain, t.start(), parks_at))), None)


def _park_acts(st_plain: str, pos: int, parks_at: tuple[int, ...]) -> bool:
    """A park is named in the clause before ``pos`` (sentence offsets)."""
    cs = max((x.end() for x in _CLAUSE.finditer(st_plain, 0, pos)), default=0)
    return any(cs <= p < pos for p in parks_at)


def _applied_here(doc: Doc, here: Here, m: Mention, st_plain: str) -> bool:
    """The sentence applies policy ``m`` (an applying verb outside its title) on the park's
    behalf: not a city's doing, not a higher plan another body drafts a text from."""
    sent, ms, parks = here.sent, here.ms, here.parks
    cues, lex_places, agency_places, park_unit = doc.cues, doc.lex_places, doc.agency_places, doc.park_unit
    st = sent.text
    others = {o.start - sent.start for o in ms if o.cls == "Policy" and o.entity != m.entity}
    parks_at = tuple(p.start - sent.start for p in parks)
    trig = _applying_verb(cues.app, st_plain, m.start - sent.start, m.end - sent.start, others, cues.iss,
                          parks_at)
    # with no park in the sentence, a clause whose actor is a city ("包头将全面实施《…》",
    # "沈阳市开展…专项行动": a place with its 市/区/县, not a park's bare name "松山湖认真落实")
    # is the city's doing, not the article's park's
    if trig is not None and not parks:
        cl = re.split(r"[，。；：,;:]", st[:trig.start()])[-1]
        lead = _LEAD.match(cl)
        c0 = lead.end() if lead else 0
        # every prefix of the clause looked up in the place set, not every place tried
        if any((cl[:k] in lex_places or cl[:k] in agency_places) and _CITY_ACTS.fullmatch(cl, k)
               for k in range(2, len(cl) + 1)) or \
                any(cl[c0 + k - 1] in "省市区县州" and (cl[c0:c0 + k] in lex_places or cl[c0:c0 + k] in agency_places)
                    for k in range(3, min(7, len(cl) - c0 + 1))):
            trig = None
    if trig is not None and _PURPOSE_CLAUSE.fullmatch(re.split(r"[，。；：,;:]", st_plain[:trig.start()])[-1]) \
            and any(o.cls == "Policy" and o.start >= m.end and o.entity != m.entity for o in ms):
        # "为贯彻落实《上级方案》，市发改委会同…起草了《措施》": when a body other than the
        # park drafts the new text, the higher plan is its basis, not the park's doing
        actor = next((o for o in ms if o.start >= m.end and o.cls in ("Agency", "Park")), None)
        if actor is not None and actor.cls == "Agency" and actor.entity not in park_unit and \
                not _PARK_COMMITTEE.search(actor.text):
            trig = None
    return trig is not None


def own_policies(doc: Doc) -> None:
    """A park that issues a policy is one it applies to."""
    rels, cls_of, sentences = doc.rels, doc.cls_of, doc.sentences
    for pol, iss in doc.issuer_of.items():
        for o in iss:
            if cls_of.get(o) == "Park":
                ev = next((r for r in rels.items.values() if r.s == pol and r.p == "issuedBy" and r.o == o), None)
                if ev is not None:
                    rels.add(pol, "appliesTo", o, sentences[ev.sentence], "applies:own-policy", 0.8,
                             (ev.start, ev.end))


# a title before the policy's and its separator: "《A》、", "《A》和"
_RUN_OF_TITLES = re.compile(r"《[^《》。；]*》[、和及与]?")


def _titled_elsewhere(title: str, park_names, places) -> bool:
    """The title opens with a place (2-6 characters) that no name of the park holds
    ("《徐汇区关于…》" in an article about 漕河泾开发区; not "云龙英才计划" of 株洲云龙高新区)."""
    return any(title[:k] in places and not any(title[:k] in n for n in park_names) for k in range(2, 7))


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
    # "出台了《A》《B》、《C》": the titles of a run share the verb (not counted in the distance;
    # a run does not cross a clause)
    span = text[tpos:pol.start]
    rest = _RUN_OF_TITLES.sub("", span)
    if re.search(r"[。；;]", span) or len(rest) > 12 or (rest != span and re.search(r"[，,：:“”]", rest)):
        return []
    cands = [o for o in orgs if o.end <= tpos]
    cs = sent.start
    for c in _CLAUSE.finditer(text, sent.start, tpos):
        cs = c.end()
    if not cands or cands[-1].end <= cs and text[cands[-1].end:tpos].strip("，,"):
        # no issuer named in this clause: the body that opens the sentence ("今年以来，某区法院
        # 探索…，出台《…》"), else the park of the article, when the clause has no subject of
        # its own ("出台《…》", "2021年初编制《…》", "制定出台…方案"); not "上海某办公室发布《…》"
        subj = _sentence_subject(text, sent, orgs)
        if subj is not None:
            return [(subj, (subj.start, pol.end))]
        if topic_m is not None and _LEAD.fullmatch(_WE.sub("", t_iss.sub("", text[cs:tpos]))):
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


# "“我们去年出台了《…》": in an interview about a park, "we" is the park
_WE = re.compile(r"[“”\"]|我们|我区|我园")


def _sentence_subject(text: str, sent: Sentence, orgs: list[Mention]) -> Mention | None:
    """The body that opens the sentence ("孝南区按照…精神，深度调研制定《…》", "闵行开发区发布…，
    创新出台…方案"): the subject of its later clauses that name none of their own."""
    first = orgs[0] if orgs else None
    if first is None or first.cls == "Official":
        return None
    cs = max((c.end() for c in _CLAUSE.finditer(text, sent.start, first.start)), default=sent.start)
    # "在零碳目标指引下，闵行开发区发布…": it opens its clause, a circumstance may come first
    return first if _LEAD.fullmatch(text, cs, first.start) else None
