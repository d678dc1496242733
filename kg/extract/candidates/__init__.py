"""The rule recognisers: candidate names of the seven classes in one cleaned document.

Data-driven rules: each class has an *anchor* (a suffix, a title word, 《》 brackets …) found by
one compiled regex over the whole text, and the left edge of the name is found by walking the
rjieba tokens to the left of the anchor until a stop word, a function word or punctuation
(:mod:`~kg.extract.candidates.edges`). Lexicons are in ``kg/lexicon/`` (see
:mod:`kg.extract.names`). No per-character Python loop runs over the whole text: regexes do the
scanning, Python only looks at the matches.

:func:`recognise` runs the stages in a fixed order, one module a family of names, with a
:class:`~kg.extract.candidates.scan.Scan` carrying the document and what was found:

1. anchors (:data:`ANCHOR_STAGES`): policies and programmes, parks, legal names, new areas,
   project brands, institutions, agencies, parents, offices;
2. overlaps resolved (the longer name wins), units chained to their parent institution;
3. names defined, derived or recognised once, wherever they recur (:mod:`.shortforms`);
4. names marked by their context (:func:`context_names`): list items, names after a cue,
   coordinated parks, persons after their title;
5. names inside names (:func:`names_inside_names`): the issuer that opens a policy title, the
   zone that opens a sub-park's name.

The learned name chooser (:mod:`kg.learn.mentions`) then decides which candidates are names,
where they start and what they are.
"""
from __future__ import annotations

import functools
import re

from kg.extract.candidates import agencies, companies, institutions, parks, policies
from kg.extract.candidates.agencies import _title_issuers, committee_regions
from kg.extract.candidates.companies import PARENT_OF_UNIT
from kg.extract.candidates.edges import left_edge
from kg.extract.candidates.institutions import _chain_institutions
from kg.extract.candidates.lists import _cue_companies, _list_companies
from kg.extract.candidates.parks import _coordinated_parks
from kg.extract.candidates.patterns import Patterns, patterns
from kg.extract.candidates.persons import _persons
from kg.extract.candidates.scan import Scan, _merge
from kg.extract.candidates.shortforms import _recurrences, add_defined_names
from kg.extract.names import Lexicon, alternation
from kg.extract.tokens import Tokens, tokenize
from kg.model import Article, Mention, Sentence

__all__ = ["ANCHOR_STAGES", "PARENT_OF_UNIT", "Patterns", "Scan", "Tokens", "context_names",
           "left_edge", "names_inside_names", "patterns", "recognise", "tokenize"]

#: The stages that find names by their anchors, in the order they run. Each adds to the scan;
#: the order matters: a later stage reads what an earlier one found (the park names a project
#: brand is checked against, the parks operator companies are named after), and of two equal
#: spans the one found first is kept.
ANCHOR_STAGES = (
    policies.find_titles,                   # 《…》
    policies.find_programmes,               # “…”行动, 实施…计划
    parks.find_parks,                       # …高新区, …产业园, …谷
    companies.find_legal_names,             # …有限公司, …集团, 分公司
    companies.find_plain_names,             # X汽车公司
    parks.find_new_areas,                   # X新区党工委
    parks.settle_project_brands,            # 腾讯…产业基地: a park or a company's project
    institutions.find_institutions,         # …研究院, …大学
    agencies.find_named_agencies,           # 科技部 (lexicon)
    institutions.find_placed_national_centres,  # 国家超级计算深圳中心
    institutions.find_named_institutions,   # 中国科学院 (lexicon)
    institutions.find_world_bodies,         # 世界自由区组织, 国际标准化组织
    agencies.find_agencies_by_suffix,       # …科技局, …委员会
    agencies.find_park_departments,         # X高新区|公园城市局
    agencies.find_local_organs,             # X街道党工委, X乡党委
    agencies.find_region_actors,            # 与常州市天宁区签订
    agencies.find_region_agencies,          # …市委书记, …省印发
    companies.find_parents,                 # X旗下
    policies.drop_names_in_report_titles,   # 《…报告》
    companies.find_offices,                 # X吉林代表处
)


def recognise(text: str, sentences: list[Sentence], articles: list[Article], lex: Lexicon,
              toks: Tokens | None = None) -> list[Mention]:
    """All named mentions of one document (anaphors are added by :mod:`kg.extract.resolve`)."""
    toks = toks or tokenize(text)
    scan = Scan(text, toks, patterns(lex), [s.start for s in sentences])
    for stage in ANCHOR_STAGES:
        stage(scan)
    mentions = _chain_institutions(text, scan.found.resolved(), scan.pat, toks, scan.sent_starts)
    mentions = add_defined_names(scan, mentions)
    mentions = context_names(scan, mentions)
    return names_inside_names(scan, mentions)


def context_names(scan: Scan, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the names their context marks, where they overlap none of them:
    company short names in lists ("以A、B、C为代表的…企业", "引进A、B等项目") and after cues,
    list names where they recur, parks coordinated with a sub-park, persons after a title."""
    text, toks, pat, sent_starts = scan.text, scan.toks, scan.pat, scan.sent_starts
    mentions = _merge(mentions, parks.listed_parks(scan, mentions))    # before a list's companies
    mentions = _merge(mentions, _list_companies(text, mentions, pat, sent_starts, toks))
    mentions = _merge(mentions, _cue_companies(text, mentions, pat, sent_starts, toks))
    mentions = _merge(mentions, _recurrences(text, mentions, sent_starts, toks))
    mentions = _merge(mentions, _coordinated_parks(text, mentions, sent_starts, toks))
    return _merge(mentions, _persons(text, mentions, pat, sent_starts, toks))


def names_inside_names(scan: Scan, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the names nested in them: the agency that opens a policy title, the
    zone that opens a zone-prefixed sub-park's name (when that name was kept)."""
    text, pat, sent_starts, zone_heads = scan.text, scan.pat, scan.sent_starts, scan.zone_heads
    issuers = _title_issuers(text, mentions, pat, sent_starts) + committee_regions(text, mentions, pat, sent_starts)
    kept = {(m.start, m.end) for m in mentions}
    heads = [z for z in zone_heads if (z.start, z.end) not in kept and
             any(m.start == z.start and m.end > z.end and m.cls == "Park" for m in mentions)]
    heads += _parks_opening_bodies(scan, mentions, kept)
    heads += _bare_zones_opening_bodies(scan, mentions)
    heads += _parents_opening_units(scan, mentions, kept)
    if issuers or heads:
        mentions = sorted(mentions + issuers + heads, key=lambda m: (m.start, m.end))
    return mentions


BODY_HEAD_RULE = "park:body-head"
BARE_ZONE_RULE = "park:bare-zone-body"


def _bare_zones_opening_bodies(scan: Scan, mentions: list[Mention]) -> list[Mention]:
    """"高新区市场监管局", "高新区（新市区）市场监督管理局" in a document that names no park: the
    local paper's own zone, called by its bare word, owns the body (its officials hold posts in
    the zone); the bare word (with the district it shares offices with) is the park's name."""
    if any(m.cls == "Park" for m in mentions):
        return []
    words = _bare_zone_words(scan.pat.lex)
    out, seen = [], set()
    for m in mentions:
        z = words.match(m.text) if m.cls == "Agency" else None
        if z is None or len(m.text) - z.end() < 2 or z.group() in seen or \
                _placed_elsewhere(scan.text, z.group(), scan.pat.places):
            continue
        seen.add(z.group())
        out.append(Mention(m.start, m.start + z.end(), z.group(), "Park", m.sentence, BARE_ZONE_RULE, 0.6,
                           {"kind": "zone"}))
    return out


def _placed_elsewhere(text: str, word: str, places) -> bool:
    """Whether the text writes the zone word after a place name somewhere ("聊城开发区"): the
    zone has a name the recognisers missed, the bare word is no name of its own."""
    i = text.find(word)
    while i >= 0:
        if any(text[max(0, i - n):i] in places for n in (2, 3, 4)):
            return True
        i = text.find(word, i + 1)
    return False


@functools.lru_cache(maxsize=8)
def _bare_zone_words(lex: Lexicon) -> re.Pattern:
    """The bare zone words of the park anaphors ("高新区", "经开区"; not "园区", "该区"), with an
    optional bracketed district ("高新区（新市区）")."""
    words = [w for w in lex.tagged("anaphors", "park") if len(w) >= 3 and not w.startswith(("该", "本", "全"))]
    return re.compile(f"(?:{alternation(words)})(?:[（(][\u4e00-\u9fff]{{2,6}}[）)])?")


# units named with their parent: (class, the unit's endings, the parent's endings)
_UNITS_OF_PARENTS = (("Agency", agencies._STATIONS, agencies.POLICE_BUREAU_ENDS),
                     ("Institution", ("校区",), institutions._PARENT_ENDS))


def _parents_opening_units(scan: Scan, mentions: list[Mention], kept: set) -> list[Mention]:
    """The parent that opens a unit's name, a body of its own that news also names alone: the
    police bureau of a station ("万盛公安分局|黑山派出所"), the university of a campus ("中山大学|
    深圳校区")."""
    best: dict[int, Mention] = {}           # the parent right before the unit's own name
    for cls, unit_ends, parent_ends in _UNITS_OF_PARENTS:
        units = {m.start: m.end for m in mentions if m.cls == cls and m.text.endswith(unit_ends)}
        for b in scan.found.items:
            if b.cls == cls and units.get(b.start, 0) > b.end and (b.start, b.end) not in kept and \
                    b.text.endswith(parent_ends) and (b.start not in best or b.end > best[b.start].end):
                best[b.start] = b
    return list(best.values())


def _parks_opening_bodies(scan: Scan, mentions: list[Mention], kept: set) -> list[Mention]:
    """The park that opens a body's name ("娄底经开区|税务局", "连云港经济技术开发区|人民法院",
    "东湖高新区|中小企业服务工作站"): the park the scan read there before the longer name won."""
    bodies = {m.start: m.end for m in mentions if m.cls in ("Agency", "Institution")}
    if not bodies:
        return []
    best: dict[int, Mention] = {}
    for p in scan.found.items:
        end = bodies.get(p.start)
        if p.cls != "Park" or end is None or p.end >= end or end - p.end < 2 or (p.start, p.end) in kept:
            continue
        if p.start not in best or p.end > best[p.start].end:
            best[p.start] = p
    return [Mention(p.start, p.end, p.text, "Park", p.sentence, BODY_HEAD_RULE, p.confidence,
                    {"kind": p.attrs.get("kind", "zone")}) for p in best.values()]
