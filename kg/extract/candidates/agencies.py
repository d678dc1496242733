"""Government agencies: the bodies a lexicon names (科技部 …), names that end in an agency
suffix (…局, …委员会, …人民政府), regions acting as bodies ("与常州市天宁区签订…"), and the body
that opens a policy title (《江苏省人民政府办公厅关于…》).
"""
from __future__ import annotations

import re

from kg.extract.candidates.edges import left_edge
from kg.extract.candidates.patterns import _RE_CJK1, CJK, Patterns, _starts_with_place
from kg.extract.candidates.scan import Scan, _sentence_of
from kg.extract.names import lexicon_endings, longest_ending
from kg.model import Mention


_REGION_RUN = re.compile(f"((?:[{CJK}]{{2,8}}?(?:省|市|区|县|州))+)$")
_NOT_A_BODY = ("两国", "双方", "各国", "各级", "地方", "当地", "有关", "相关", "基层", "各地")
_REGION_ACTOR = re.compile(
    f"(?:与|被|同|和)((?:[{CJK}]{{2,6}}?(?:省|市|自治区|区|县|州))+)"
    f"(?=签订|签署|签约|达成|携手|联合|列入|认定|评为|授予|批准|命名)")
# a conjunction and a bare level word ("和区", "及市"): the district's / city's own body follows
_AND_LOCAL_BODY = re.compile("(?:和|与|及)[区市县省州](?![委政])")
_PARK_BODY_END = re.compile("(?:管委会|管理委员会|党工委|工委)$")


def find_named_agencies(scan: Scan) -> None:
    """The agencies the lexicon names (``agency_names.txt``), with the place before them."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in pat.agency_name.finditer(text):
        start, _ = left_edge(text, toks, pat, m.start(), 10)
        if start < m.start() and not text[start:m.start()].endswith(("省", "市", "区", "县", "州")):
            start = m.start()
        add(start, m.end(), "Agency", "agency:name", 0.95)


def find_agencies_by_suffix(scan: Scan) -> None:
    """Agency suffixes read back to the start of their name: a ministry word before a one-
    character suffix ("科技局"), a place before any."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    ministry = lexicon_endings(pat.lex, "ministry_words")
    for m in pat.agency_suffix.finditer(text):
        s, e = m.start(), m.end()
        if _RE_CJK1.match(text[e:e + 1] or "x") and text[e:e + 2] not in ("办公",) and \
                len(m.group(0)) == 1 and text[e] not in "、和与及":
            # single-character endings inside a longer word ("局部", "部门") are not names
            if text[e] in "门分署长属":
                continue
        start, proper = left_edge(text, toks, pat, s, 20, through_parks=True)
        suffix = m.group(0)
        if len(suffix) == 1 or suffix == "委员会":
            # "国家|发展和改革|委员会" as well as "成都市|经济和信息化局"
            g = pat.ministry_end.search(text, max(0, s - 12), s)
            mw = g.group(0) if g is not None else None
            if mw is not None and s - len(mw) < start:
                # "成都市|经济和信息化局": the ministry word holds a conjunction the walk stops at
                start = s - len(mw)
                st2, _ = left_edge(text, toks, pat, start, 12)
                if st2 < start and text[st2:start].endswith(("省", "市", "区", "县", "州", "国家")):
                    start, proper = st2, True
        prefix = text[start:s]
        if len(prefix) < 2:
            continue
        if suffix in ("办公室", "办") and _PARK_BODY_END.search(prefix):
            continue                    # "X高新区管委会办公室": the park's own office stands for the park
        if _AND_LOCAL_BODY.search(prefix):
            continue                    # "副主任X和区经济发展局负责人": a conjunction, then "the district's" bureau
        if len(suffix) == 1:
            mw = longest_ending(prefix, ministry)
            if mw is None:
                continue
            if len(prefix) > len(mw) and not proper:
                start = s - len(mw)         # "企业入选|科技部": only the body itself
                k = toks.index_at(start - 1) if start > 0 else -1
                if k >= 0 and toks.ends[k] == start and 2 <= len(toks.words[k]) <= 4 and \
                        toks.words[k][-1] in "省市区县州盟旗" and toks.words[k] not in pat.stops:
                    start = toks.starts[k]  # "师市|科技局": a local government's bureau
        elif not proper and not _has_place(prefix, pat.places):
            continue
        if prefix.endswith(_NOT_A_BODY):
            continue                    # "中以两国政府", "各级政府"
        add(start, e, "Agency", "agency:suffix", 0.85)


def find_region_actors(scan: Scan) -> None:
    """Regions acting: "与常州市天宁区签订…", "被浙江省列入…"."""
    text, pat, add = scan.text, scan.pat, scan.add
    for m in _REGION_ACTOR.finditer(text):
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if not _starts_with_place(name, pat.places) or name.endswith(pat.park_suffix_tuple):
            continue
        add(s, e, "Agency", "agency:region-actor", 0.7)


def find_region_agencies(scan: Scan) -> None:
    """A region before an official's title or an issuing verb ("…市委书记", "…省印发") is its
    government, read from its end."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    last_end = 0
    for a in pat.place_agency.finditer(text):
        m = _REGION_RUN.search(text, max(last_end, a.end() - 40), a.end())
        if m is None:
            continue
        last_end = m.end()
        s, e = m.start(1), m.end(1)
        start, _ = left_edge(text, toks, pat, e, 12)
        start = max(start, s) if start < s else start
        name = text[start:e]
        if len(name) < 3 or not _starts_with_place(name, pat.places):
            continue
        add(start, e, "Agency", "agency:region", 0.75)


def _has_place(s: str, places) -> bool:
    """Some place name (2-8 characters) occurs in ``s``."""
    n = len(s)
    return any(s[i:i + L] in places for i in range(n - 1) for L in range(2, min(9, n - i + 1)))


_TITLE_HEAD = re.compile(f"([{CJK}]{{2,24}}?(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|委|部|署|办))"
                         f"(?:、[{CJK}]{{2,24}}?)?(?=关于|印发|转发|联合印发)")


def _title_issuers(text: str, mentions: list[Mention], pat: Patterns, sent_starts) -> list[Mention]:
    """The body that opens a policy title (《国务院关于…》, 《江苏省人民政府办公厅关于…》) is an
    agency mention inside the title: it names the issuer."""
    out = []
    for m in mentions:
        if m.cls != "Policy" or m.attrs.get("kind") != "document":
            continue
        a = pat.agency_name.match(text, m.start, m.end)
        if a is not None and text.startswith(("关于", "印发", "转发", "、", "办公厅"), a.end()):
            e = a.end()
        else:
            h = _TITLE_HEAD.match(text, m.start, m.end)
            # "《中共某区委关于…》": the Party's body of a place
            if h is None or not _starts_with_place(h.group(1).removeprefix("中共"), pat.places) or \
                    h.group(1).endswith(pat.park_suffix_tuple):
                continue
            e = m.start + len(h.group(1))
        out.append(Mention(m.start, e, text[m.start:e], "Agency", _sentence_of(sent_starts, m.start),
                           "agency:title-head", 0.8, {}))
    return out
