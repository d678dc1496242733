"""Policies and programmes: titles in 《》 that end in a policy word, and named programmes
("“…”行动", "实施…计划"). Names inside the title of a report are dropped here too: a title that
is no policy names no parks or companies of its own.
"""
from __future__ import annotations

import bisect
import re

from kg.extract.candidates.patterns import CJK
from kg.extract.candidates.scan import Scan
from kg.model import Mention


_PROGRAM_LEAD = re.compile(f"(?:实施|开展|启动|推出|发布|部署|深入实施|同步推出)(?=[{CJK}]{{2,6}}$)")


def find_titles(scan: Scan) -> None:
    """《…》 titles that end in a policy word (and hold no word of the exclusion list)."""
    text, pat, add = scan.text, scan.pat, scan.add
    excl = pat.lex["policy_exclude"]
    pwords = tuple(sorted(pat.lex["policy_words"], key=len, reverse=True))
    for m in pat.policy.finditer(text):
        title = m.group(1)
        core = re.sub(r"[（(][^（）()]*[）)]$", "", title).rstrip("0123456789—-–年 ")
        if any(x in title for x in excl):
            continue
        if len(core) <= 2 and core in pwords and "简称" not in text[max(0, m.start() - 6):m.start()]:
            continue                    # "《政策》": a bare policy word refers back (resolve's policy anaphors)
        if core.endswith(pwords):
            add(m.start(1), m.end(1), "Policy", "policy:title", 0.95, kind="document")


def find_programmes(scan: Scan) -> None:
    """Named programmes: quoted ("“…计划”", "“X”行动") and after a verb ("实施…行动")."""
    text, toks, pat, add = scan.text, scan.toks, scan.pat, scan.add
    for m in pat.program_quoted.finditer(text):
        add(m.start(1), m.end(1), "Policy", "program:quoted", 0.85, kind="program")
    pw_tuple = tuple(pat.lex["program_words"])
    for m in pat.program_inner.finditer(text):
        if m.group(1).endswith(pw_tuple):
            continue                    # "“金梧桐计划”人才计划…": the quoted name is the programme
        start = m.start()
        v = _PROGRAM_LEAD.search(text, max(0, start - 10), start)
        if v is not None:
            start = v.end()             # "推出|港澳青年“筑梦X”行动": the words after the verb belong to it
        add(start, m.end(), "Policy", "program:quoted-head", 0.8, kind="program")
    for m in pat.program_plain.finditer(text):
        s, e = m.start(1), m.end(1)
        if "“" in text[s:e] or "”" in text[s:e]:
            continue
        k = toks.index_at(s)
        if toks.pos[k] in ("v", "vn") and toks.starts[k] == s:
            continue                    # "实施|引进海外高层次人才计划": a description, not a name
        add(s, e, "Policy", "program:verb", 0.7, kind="program")


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
