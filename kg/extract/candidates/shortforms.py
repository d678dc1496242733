"""Names found again: short forms defined by the text ("X（以下简称Y）", a Latin name in
brackets), derived from a full name (company short forms, the parent brand of a local
subsidiary, the park an operator company is named after), and names recognised once that recur.

A short form points at its full name (``attrs["full"]``), which resolution merges them by; a
repeated name is a mention of its own.
"""
from __future__ import annotations

import bisect
import re

from kg.extract.candidates.companies import _branch_parents, _parent_brands
from kg.extract.candidates.scan import Scan, _Found, _merge, _sentence_of
from kg.extract.names import Lexicon, company_short_forms, find_names
from kg.extract.tokens import Tokens
from kg.model import Mention


_LATIN_ALIAS = re.compile(r"[（(]([A-Z][A-Za-z0-9]*(?:[ .&-][A-Za-z0-9]+){0,3})[）)]")


#: rules of names derived from a longer name that are names of their own (not its short forms)
_OWN_NAMES = ("company:parent-brand", "company:group-brand", "company:branch-parent")


def add_defined_names(scan: Scan, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the occurrences of every name the text defines, derives or repeats."""
    _point_to_full_forms(mentions, scan.pat.lex)
    defined = _definitions(scan, mentions)
    _derived_names(scan, mentions, defined)
    return _merge(mentions, _defined_occurrences(scan, mentions, defined))


def _definitions(scan: Scan, mentions: list[Mention]) -> dict[str, Mention]:
    """Definitions: "X（以下简称Y）" — the short form gets the class of X later (resolve) — and
    a Latin name in brackets after a name: short form -> the mention it names."""
    text, pat = scan.text, scan.pat
    by_end = {m.end: m for m in mentions}
    defined: dict[str, Mention] = {}
    for m in pat.defn.finditer(text):
        full = by_end.get(m.start())
        short = m.group(1).strip("《》“”\"")
        if full is None or not short:
            continue
        if full.cls == "Company" and not short.startswith(full.text[:1]):
            # "，本源某某（合肥）股份有限公司（以下简称“本源某某”）": the definition shows that the
            # word taken for a stop word ("本") opens the name
            for k in (1, 2):
                if full.start >= k and short.startswith(text[full.start - k:full.start] + full.text[:1]):
                    full.start -= k
                    full.text = text[full.start:full.end]
                    break
        full.attrs.setdefault("short", []).append(short)
        defined[short] = full
    # "苏州某某产业园（BioBAY）": a Latin name in brackets right after a name is another name of it
    for m in _LATIN_ALIAS.finditer(text):
        full = by_end.get(m.start())
        if full is not None and full.cls in ("Park", "Company", "Institution") and m.group(1) not in defined:
            full.attrs.setdefault("short", []).append(m.group(1))
            defined[m.group(1)] = full
    return defined


def _derived_names(scan: Scan, mentions: list[Mention], defined: dict[str, Mention]) -> None:
    """Add to ``defined`` the names derived from the mentions: company short forms, parent
    brands, operated parks and new areas, and every name recognised once."""
    text, toks, pat, sent_starts, lex = scan.text, scan.toks, scan.pat, scan.sent_starts, scan.pat.lex
    # company short forms derived from full names found in this text; a short form two companies
    # share ("江苏星河新能源有限公司", "上海星河新能源有限公司") names neither
    derived: dict[str, Mention] = {}
    shared = set()
    for m0 in mentions:
        if m0.cls == "Company":
            for sf in company_short_forms(m0.text, lex):
                if derived.setdefault(sf, m0).text != m0.text:
                    shared.add(sf)
    for sf, m0 in derived.items():
        if sf not in shared:
            defined.setdefault(sf, m0)
    # the parent brand of a local subsidiary ("台积电（南京）有限公司" … "成为台积电在中国大陆的…",
    # "英特尔全球重要的…基地", "作为三星电子在华最大的投资项目"): its own company, not a short form
    for name, (ps, pe, rule) in _parent_brands(text, mentions, pat, toks).items():
        defined[name] = Mention(ps, pe, name, "Company", _sentence_of(sent_starts, ps), rule, 0.75, {})
    # the parent that heads a branch's name, named alone ("中国电信湖北公司" … "中国电信正式入驻")
    for name, (ps, pe, rule) in _branch_parents(text, mentions, pat, toks).items():
        if name not in defined:
            defined[name] = Mention(ps, pe, name, "Company", _sentence_of(sent_starts, ps), rule, 0.7, {})
    for ps, pe in scan.new_areas + scan.operated:
        name = text[ps:pe]
        if name not in defined or defined[name].cls == "Company":
            kind = "zone" if name.endswith(pat.zone_suffixes) else "subpark"
            defined[name] = Mention(ps, pe, name, "Park", _sentence_of(sent_starts, ps), "park:operator",
                                    0.7, {"kind": kind})
    # a name recognised once is a mention wherever it recurs ("天府软件园是…" after "…高新区天府软件园")
    for m0 in mentions:
        if m0.cls in ("Park", "Company", "Institution", "Agency") and len(m0.text) >= 4 and \
                "full" not in m0.attrs and "\n" not in m0.text:
            defined.setdefault(m0.text, m0)


def _defined_occurrences(scan: Scan, mentions: list[Mention], defined: dict[str, Mention]
                         ) -> list[Mention]:
    """The occurrences of the ``defined`` names outside the mentions found, in one scan for all
    of them (a regex per short form would be compiled per document)."""
    text, sent_starts = scan.text, scan.sent_starts
    extra = _Found()
    taken = [(m.start, m.end) for m in mentions]
    taken.sort()
    for s, e, short in find_names(defined, text):
        full = defined[short]
        i = bisect.bisect_right(taken, (s, 10**9)) - 1
        if i >= 0 and taken[i][1] > s:
            continue
        if i + 1 < len(taken) and taken[i + 1][0] < e:
            continue
        if short == full.text:
            rule = full.rule if full.rule in _OWN_NAMES else "repeat"
            extra.add(Mention(s, e, short, full.cls, _sentence_of(sent_starts, s), rule, 0.8,
                              {k: v for k, v in full.attrs.items() if k == "kind"}))
            continue
        extra.add(Mention(s, e, short, full.cls, _sentence_of(sent_starts, s),
                          "short:defined", 0.85, {"full": full.text, **(
                              {"kind": full.attrs["kind"]} if "kind" in full.attrs else {})}))
    return extra.resolved()


def _recurrences(text: str, mentions: list[Mention], sent_starts, toks: Tokens) -> list[Mention]:
    """Company names found by their list or cue ("集聚了吉利汽车、上汽大众等…") are mentions
    wherever else they occur as a whole word, before as after ("吉利汽车杭州湾基地总经理孙伟说")."""
    names = {m.text for m in mentions if m.rule in ("company:list", "company:cue") and len(m.text) >= 4
             and "\n" not in m.text}
    # "华为吉林代表处": the company whose office it is, wherever else it is named ("华为与新区签约")
    names |= {m.attrs["brand"] for m in mentions if m.rule == "company:office"}
    if not names:
        return []
    out = []
    for s, e, name in find_names(names, text):
        k = toks.index_at(s)
        if k < 0 or toks.starts[k] != s:
            continue                            # inside a longer word
        out.append(Mention(s, e, name, "Company", _sentence_of(sent_starts, s), "repeat", 0.75, {}))
    return out


def _point_to_full_forms(ms: list[Mention], lex: Lexicon) -> None:
    """A policy named by the tail of a longer title in the same text ("高企攻坚行动" after
    "2024年赣县区高企攻坚行动"), a company named without its place prefix ("可成集团" after
    "台湾可成集团"): the short mention points at the full one (``full``; resolve merges them)."""
    from kg.extract.names import strip_place_prefix
    by_cls: dict[str, set[str]] = {}
    for m in ms:
        by_cls.setdefault(m.cls, set()).add(m.text)
    stripped: dict[str, str] = {}
    ambiguous: set[str] = set()
    for full in sorted(by_cls.get("Company", ())):
        for v in strip_place_prefix(full, lex, keep=2):
            if stripped.setdefault(v, full) != full:
                ambiguous.add(v)  # 华安有限公司 after 宝清华安… and 信阳华安…: no way to tell
    for v in ambiguous:
        del stripped[v]
    policies = sorted(by_cls.get("Policy", ()), key=len, reverse=True)
    for m in ms:
        if "full" in m.attrs:
            continue
        if m.cls == "Policy" and len(m.text) >= 4 and m.attrs.get("kind") == "program":
            full = next((p for p in policies if len(p) > len(m.text) and p.endswith(m.text)), None)
            if full:
                m.attrs["full"] = full
        elif m.cls == "Company" and m.text in stripped and stripped[m.text] != m.text:
            m.attrs["full"] = stripped[m.text]
