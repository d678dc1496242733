"""subsidiaryOf: a branch, office or local entity named after its parent ("X分公司", "X（泰州）有
限公司" of X), and what a sentence says between two companies ("A设立的B", "A旗下的B", "B是A的全
资子公司", "它是B的控股子公司", "A收购B持有的C…股权").
"""
from __future__ import annotations

import re
from collections import defaultdict

from kg.extract.names import company_short_forms
from kg.extract.relations.context import _MADE_BY_AFTER


_PRONOUN_IS = re.compile(r"(?:它|该公司|该企业)(?:则)?(?:是|为|系)$")
_ACQUIRE = re.compile(r"收购")


# "B是A旗下专注芯片设计的子公司", "B是A的全资子公司"
_IS_SUBSIDIARY_OF = re.compile(r"(?:的|旗下|下属)?(?:[^，。；、]{0,16}?的)?(?:全资|控股|独资)?(?:子公司|分公司)")
# "A旗下、落户经开区已有十五年的B": a description of B between the holder and B
_HOLDS_DESCRIBED = re.compile(r"(?:旗下|下属)、[^，。；、]{2,20}的")

#: the longest text between two companies that a pattern of _subsidiaries reads (46 characters:
#: "（…30…）为例，通过其的全资子公司——"), with room to spare
_PAIR_GAP = 64


def _subsidiaries(text, sentences, by_sent, entities, lex, rels) -> None:
    """subsidiaryOf in the names of the document's companies and in each of its sentences."""
    _named_subsidiaries(sentences, entities, lex, rels)
    # patterns between two companies of one sentence
    for sent in sentences:
        ms = [m for m in by_sent.get(sent.idx, []) if m.cls == "Company"]
        if not ms:
            continue                    # (every pattern below relates the sentence's companies)
        _pair_subsidiaries(text, sent, ms, rels)
        _pronoun_subsidiaries(text, sent, ms, rels)
        _acquired(text, sent, ms, rels)


def _named_subsidiaries(sentences, entities, lex, rels) -> None:
    """"X分公司" / "X（泰州）有限公司" of a parent named in the same text."""
    comps = [e for e in entities if e.cls == "Company"]
    by_name, by_brand = _parent_names(comps)
    by_short: dict[str, set[int]] | None = None
    for sub in comps:
        core = re.sub(r"[（(][^（）()]{1,8}[）)]", "", sub.label)
        # a bank's branches too: "某银行某某支行" of 某银行 (the recogniser finds them as branches)
        branch = sub.label.endswith(("分公司", "代表处", "办事处", "分行", "支行"))
        local = core != sub.label and sub.label.endswith(lex["company_forms"])
        if not (branch or local):
            continue
        cand, by_short = _parent_candidates(sub, core, local, comps, by_name, by_brand, by_short, lex)
        for par in (comps[i] for i in sorted(cand)):
            _named_parent(sub, par, core, branch, local, sentences, lex, rels)


def _parent_names(comps) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    # the parents a subsidiary can have, looked up (not every pair of companies tried: quadratic
    # on a list of thousands): a name that opens the subsidiary's, a short form of one that does
    # (offices), a brand name sharing its first two characters (local entities)
    by_name: dict[str, set[int]] = defaultdict(set)
    by_brand: dict[str, set[int]] = defaultdict(set)
    for i, par in enumerate(comps):
        for n in par.names:
            by_name[n].add(i)
            if len(n) >= 4 and n.endswith(("科技", "集团", "股份", "控股", "汽车", "电子", "药业", "实业")):
                by_brand[n[:2]].add(i)
    return by_name, by_brand


def _parent_candidates(sub, core, local, comps, by_name, by_brand, by_short, lex):
    """The companies that may be ``sub``'s parent (indices into ``comps``), and the index of
    short forms (built on the first office that needs it)."""
    cand: set[int] = set()
    for k in range(2, len(sub.label) + 1):
        cand.update(by_name.get(sub.label[:k], ()))
    if sub.label.endswith(("代表处", "办事处")):
        if by_short is None:
            by_short = defaultdict(set)
            for i, par in enumerate(comps):
                for n in par.names:
                    for f in company_short_forms(n, lex, 2):
                        by_short[f].add(i)
        for k in range(0, len(sub.label) + 1):
            cand.update(by_short.get(sub.label[:k], ()))
    if local:
        cand.update(by_brand.get(core[:2], ()))
    return cand, by_short


def _named_parent(sub, par, core, branch, local, sentences, lex, rels) -> None:
    if par is sub or sub.label in par.names:
        return
    # a parent is a different, shorter name that opens the subsidiary's name
    pn = [n for n in par.names if len(n) >= 2 and sub.label.startswith(n) and n not in sub.names]
    if not pn and sub.label.endswith(("代表处", "办事处")):
        # "甲乙科技湖南代表处" of 甲乙科技有限公司: the office opens with the company's short name
        pn = [n for n in par.names for f in company_short_forms(n, lex, 2) if sub.label.startswith(f)]
    if not pn:
        # "蓝思精密（泰州）有限公司" of "蓝思科技": a shared brand, the parent a group/listed firm
        pn = [n for n in par.names if len(n) >= 4 and n[:2] == core[:2] and
              n.endswith(("科技", "集团", "股份", "控股", "汽车", "电子", "药业", "实业"))
              and not sub.label.startswith(n)] if local else []
        if not pn:
            return
    s_both = sorted(set(sub.sentences) & set(par.sentences))
    si = s_both[0] if s_both else (sub.sentences[0] if sub.sentences else None)
    if si is None:
        return
    rule = "subsidiary:branch" if branch else "subsidiary:local-entity"
    rels.add(sub.local_id, "subsidiaryOf", par.local_id, sentences[si], rule, 0.85 if branch else 0.7)


def _pair_subsidiaries(text, sent, ms, rels) -> None:
    """Patterns between two companies of one sentence."""
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            if b.start - a.end > _PAIR_GAP:
                break               # no pattern below spans more (mentions are in text order)
            gap = text[a.end:b.start]
            if re.search(r"[。；]", gap):
                break
            if re.fullmatch(r"(?:于\d{4}年(?:\d{1,2}月)?)?(?:在[^，。；、]{1,12}?)?(?:全资|控股|独资|出资|投资)?"
                            r"(?:设立|成立|新设|组建|控股|注册成立)了?(?:(?:全资|控股|独资)?子公司)?", gap) \
                    or re.fullmatch(r"(?:在[^，。；]{1,12})?(?:全资|独资|出资|投资)?(?:设立|成立|组建)的", gap):
                rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:founded", 0.85, (a.start, b.end))
            elif re.fullmatch(r"(?:[（(][^（）()]{0,30}[）)]|[”’\"]?[）)])?(?:(?:为例[，,])?(?:通过|借助|依托|以|将)?其)?"
                              r"(?:(?:旗下|下属|控股)(?:的|子公司|企业)?|的?(?:全资|控股)子公司|的子公司|持有的|所属)"
                              r"(?:——|—|：|:)?", gap) or _HOLDS_DESCRIBED.fullmatch(gap):
                rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:holds", 0.8, (a.start, b.end))
                # "A旗下的B、C等骨干企业": every company of the list that carries A's brand
                # (A's first two characters) is A's; others may be listed beside them
                brand = text[a.start:a.start + 2]
                prev = b
                for c in ms[ms.index(b) + 1:]:
                    if not re.fullmatch(r"[、和及与]", text[prev.end:c.start]):
                        break
                    prev = c
                    if brand not in text[c.start:c.end]:
                        continue
                    rels.add(c.entity, "subsidiaryOf", a.entity, sent, "subsidiary:holds-list", 0.75, (a.start, c.end))
            # "作为A的控股子公司，B…"
            elif re.fullmatch(r"的?(?:全资|控股|独资)?子公司[，,]", gap) and \
                    text[max(sent.start, a.start - 2):a.start] == "作为":
                rels.add(b.entity, "subsidiaryOf", a.entity, sent, "subsidiary:as-subsidiary", 0.8, (a.start, b.end))
            # "B由A（全资）控股"
            elif re.fullmatch(r"(?:则|也|均|已)?由", gap) and \
                    re.match(r"(?:全资|绝对|相对)?控股", text[b.end:b.end + 4]):
                rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:held-by", 0.8, (a.start, b.end + 2))
            # "这家由A全资设立的子公司", "B由A投资成立": B is A's
            elif re.fullmatch(r"(?:则|也|均|已|是)?由", gap) and \
                    _MADE_BY_AFTER.match(text, b.end):
                rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:set-up-by", 0.8,
                         (a.start, b.end + 6))
            # "B是A的全资子公司"
            # ("B是A旗下专注芯片设计的子公司": what the subsidiary does may come between)
            elif re.fullmatch(r"，?(?:则|也|即)?(?:是|为|系)", gap) and \
                    _IS_SUBSIDIARY_OF.match(text, b.end, min(sent.end, b.end + 24)):
                rels.add(a.entity, "subsidiaryOf", b.entity, sent, "subsidiary:is-subsidiary", 0.85, (a.start, b.end + 6))


def _pronoun_subsidiaries(text, sent, ms, rels) -> None:
    """"A…，它是B的控股子公司": the pronoun stands for the company the sentence spoke of last."""
    for b in ms:
        if _PRONOUN_IS.search(text[max(sent.start, b.start - 6):b.start]) and \
                re.match(r"的?(?:全资|控股|独资)?子公司", text[b.end:b.end + 8]):
            before = [a for a in ms if a.end <= b.start - 3 and a.entity != b.entity]
            if before:
                rels.add(before[-1].entity, "subsidiaryOf", b.entity, sent, "subsidiary:pronoun-is-subsidiary",
                         0.8, (before[-1].start, b.end + 6))


def _acquired(text, sent, ms, rels) -> None:
    """"A收购B持有的C(以及D)…股权": C belonged to B and now to A."""
    for mt in _ACQUIRE.finditer(sent.text):
        pos = sent.start + mt.end()
        buyer = [m for m in ms if m.end <= sent.start + mt.start()]
        after = [m for m in ms if m.start >= pos]
        end = text.find("股权", pos, sent.end)
        if end < 0:
            continue
        targets = [m for m in after if m.end <= end]
        held = [m for m in targets if text[m.end:m.end + 3] == "持有的"]
        seller = held[0] if held else None
        owned = [m for m in targets if seller is None or m.start > seller.end]
        for t in owned:
            if buyer and not re.search(r"[。；]", text[buyer[-1].end:pos]):
                rels.add(t.entity, "subsidiaryOf", buyer[-1].entity, sent, "subsidiary:acquired", 0.8,
                         (buyer[-1].start, end + 2))
            if seller is not None:
                rels.add(t.entity, "subsidiaryOf", seller.entity, sent, "subsidiary:held", 0.75,
                         (seller.start, end + 2))
