"""Policies and programmes: titles in 《》 that end in a policy word, and named programmes
("“…”行动", "实施…计划"). Names inside the title of a report are dropped here too: a title that
is no policy names no parks or companies of its own.
"""
from __future__ import annotations

import bisect
import functools
import re

from kg.extract.candidates.patterns import CJK
from kg.extract.candidates.scan import Scan
from kg.model import Mention


_PROGRAM_LEAD = re.compile(f"(?:实施|开展|启动|推出|发布|部署|深入实施|同步推出)(?=[{CJK}]{{2,6}}$)")


_BACK_REFERENCE = re.compile(r"(?:该|此|上述)$")


def find_titles(scan: Scan) -> None:
    """《…》 titles that end in a policy word (and hold no word of the exclusion list)."""
    text, pat, add = scan.text, scan.pat, scan.add
    excl = pat.lex["policy_exclude"]
    pwords = tuple(sorted(pat.lex["policy_words"], key=len, reverse=True))
    for m in pat.policy.finditer(text):
        title = m.group(1)
        # "…指南（智能网联汽车）（2023 版）": every bracketed part at the end is no part of the word
        core = re.sub(r"(?:[（(][^（）()]*[）)]\s*)+$", "", title).rstrip("0123456789—-–年 ")
        if any(x in title for x in excl):
            continue
        if _BACK_REFERENCE.search(text, max(0, m.start() - 2), m.start()):
            continue                    # "制定了该《合规指引》": the policy named before, by a short title
        if len(core) <= 2 and core in pwords and "简称" not in text[max(0, m.start() - 6):m.start()]:
            continue                    # "《政策》": a bare policy word refers back (resolve's policy anaphors)
        if core.endswith(pwords):
            pol = add(m.start(1), m.end(1), "Policy", "policy:title", 0.95, kind="document")
            # "《…服务方案》（以下简称“服务方案”）": the short form (a later "《服务方案》") names it;
            # the definition's reader looks for the full name ending at the bracket, not at the 》
            d = pat.defn.match(text, m.end())
            if d is not None:
                pol.attrs.setdefault("short", []).append(d.group(1).strip("《》“”\""))
    find_unbracketed_titles(scan)


@functools.lru_cache(maxsize=8)
def _unbracketed(lex) -> re.Pattern:
    # only the longer policy words ("实施方案", not "方案"): a bare "制定方案" is no title
    words = sorted((w for w in lex["policy_words"] if len(w) >= 4), key=len, reverse=True)
    verbs = sorted(lex["issue_triggers"], key=len, reverse=True)
    every = sorted(lex["policy_words"], key=len, reverse=True)
    body = "(?:[^，。、；：！？《》“”\\n,;:（）()]|“[^“”\\n]{1,12}”)"
    # "发布关于设立某高新区的批复": a "关于…的" title may end in any policy word
    return re.compile(f"(?:{'|'.join(map(re.escape, verbs))})(?:出台|实施)?了?"
                      f"((?:关于{body}{{4,40}}?的(?:{'|'.join(map(re.escape, every))})|"
                      f"{body}{{4,40}}?(?:{'|'.join(map(re.escape, words))})))(?![的之》”])")


_GENERIC_LEAD = re.compile(r"(?:相关|有关|具体|配套|一系列|系列|多项|各项|若干|该|本|这|此|新的?|一[份个批项])")


def find_unbracketed_titles(scan: Scan) -> None:
    """A document's title written without 《》 right after an issuing verb ("闵行开发区发布零碳
    示范园区创建行动方案", "制定出台铁路运输单证金融服务试点工作方案")."""
    text, excl = scan.text, scan.pat.lex["policy_exclude"]
    for m in _unbracketed(scan.pat.lex).finditer(text):
        name = m.group(1)
        if _GENERIC_LEAD.match(name) or any(x in name for x in excl):
            continue                    # "出台相关实施方案": a description
        scan.add(m.start(1), m.end(1), "Policy", "policy:unbracketed", 0.75, kind="document")


def find_programmes(scan: Scan) -> None:
    """Named programmes: quoted ("“…计划”", "“X”行动") and after a verb ("实施…行动")."""
    text, toks, pat = scan.text, scan.toks, scan.pat
    ends = []

    def add(s: int, e: int, rule: str, conf: float) -> None:
        scan.add(s, e, "Policy", rule, conf, kind="program")
        ends.append(e)
    for m in pat.program_quoted.finditer(text):
        if not _slogan_or_count(m.group(1)):
            add(m.start(1), m.end(1), "program:quoted", 0.85)
    pw_tuple = tuple(pat.lex["program_words"])
    for m in pat.program_inner.finditer(text):
        if m.group(1).endswith(pw_tuple):
            continue                    # "“金梧桐计划”人才计划…": the quoted name is the programme
        start = m.start()
        q = _QUOTED_BEFORE.search(text, max(0, start - 12), start)
        if q is not None:
            start = q.start()           # "“童”样“经”彩儿童成长计划": a name of several quoted parts
        v = _PROGRAM_LEAD.search(text, max(0, start - 10), start)
        if v is not None:
            start = v.end()             # "推出|港澳青年“筑梦X”行动": the words after the verb belong to it
        add(start, m.end(), "program:quoted-head", 0.8)
    excl = pat.lex["program_exclude"]
    for m in pat.program_plain.finditer(text):
        s, e = m.start(1), m.end(1)
        s += text.startswith("了", s)   # "开展了|…行动"
        if "“" in text[s:e] or "”" in text[s:e] or any(x in text[s:e] for x in excl):
            continue                    # "开展…排查整治行动": a campaign of enforcement, no policy
        k = toks.index_at(s)
        if toks.pos[k] in ("v", "vn") and toks.starts[k] == s:
            continue                    # "实施|引进海外高层次人才计划": a description, not a name
        add(s, e, "program:verb", 0.7)
    _listed_programmes(scan, ends)


_QUOTED_BEFORE = re.compile(f"(?:“[^“”\\n]{{1,4}}”[{CJK}]{{1,2}})+$")
_COUNT_OR_SLOGAN = re.compile(r"^[一二两三四五六七八九十百千万\d]+[项大个]|在行动$|、")


def _slogan_or_count(name: str) -> bool:
    """"“六项行动”" counts programmes, "“全民反诈在行动”" and "“能思、会想、有行动”" are slogans."""
    return bool(_COUNT_OR_SLOGAN.search(name))


@functools.lru_cache(maxsize=8)
def _next_in_list(lex) -> re.Pattern:
    words = sorted(lex["program_words"], key=len, reverse=True)
    return re.compile(f"[、和及]([^，。、；：！？“”《》\\n,;:和及]{{4,16}}?(?:{'|'.join(map(re.escape, words))}))"
                      f"(?=[、等和及，。；]|$)")


def _listed_programmes(scan: Scan, ends: list[int]) -> None:
    """"实施“硬科技”孵化提升行动、孵化人才培育行动、金融赋能助力行动等5项行动": the programmes
    listed after a named one are named ones too."""
    rx, excl = _next_in_list(scan.pat.lex), scan.pat.lex["program_exclude"]
    for e in sorted(set(ends)):
        m = rx.match(scan.text, e)
        while m is not None and not any(x in m.group(1) for x in excl):
            scan.add(m.start(1), m.end(1), "Policy", "program:listed", 0.7, kind="program")
            m = rx.match(scan.text, m.end(1))


def drop_names_in_report_titles(scan: Scan) -> None:
    """Names inside the title of a report or an index (a 《》 title that is no policy) are no
    mentions of their own."""
    text, pat, found = scan.text, scan.pat, scan.found
    titles = [(m.start(1), m.end(1)) for m in pat.policy.finditer(text)]
    if titles:
        policy_spans = {(x.start, x.end) for x in found.items if x.cls == "Policy"}
        reports = [t for t in titles if t not in policy_spans]    # disjoint, in text order
        if reports:
            r_starts = [a for a, _ in reports]

            def in_report(x: Mention) -> bool:
                i = bisect.bisect_right(r_starts, x.start) - 1
                return i >= 0 and x.end <= reports[i][1]
            found.items = [x for x in found.items if not in_report(x)]
