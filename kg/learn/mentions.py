"""The learned name chooser: which recognised names to keep, where each starts, which class.

The recogniser proposes a name span with a class (from its anchor: a suffix, a title, 《》);
real news often glues a verb or a clause to its left edge ("项目合作方中冶集团", "给区行政审批局")
or calls an industry word a company ("分布式光伏"). For each proposal this component scores
alternatives — the span as found, the span with a few leading tokens trimmed, and for
organisations each of the three organisation classes — and keeps the best one if the model
accepts it, else drops the name. Features are the rules' own signals (rule, anchor, lexicons)
plus the characters and part-of-speech tags at the edges.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace

from kg.learn.linear import LinearModel
from kg.model import Mention

ORG = ("Company", "Institution", "Agency")
PERSON = ("Official", "Executive")
MAX_TRIM = 10          # characters a left edge may move right
MAX_ALTERNATIVE_STARTS = 6
_PUNCT = set("，。、；：！？,.;:!?（）()“”\"《》「」 \n")


def _bucket(n: int, edges=(1, 2, 3, 4, 6, 9, 14)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "15+"


def classes_for(cls: str) -> tuple[str, ...]:
    if cls in ORG:
        return ORG
    if cls in PERSON:
        return PERSON
    return (cls,)


def starts_for(text: str, toks, m: Mention) -> list[int]:
    """The proposal's start and token starts a little to its right (names keep ≥ 2 chars)."""
    out = [m.start]
    if m.cls in PERSON or m.cls == "Policy":
        return out
    k = toks.index_at(m.start)
    for k in range(k + 1, len(toks.starts)):
        s = toks.starts[k]
        if s - m.start > MAX_TRIM or m.end - s < 2 or len(out) >= MAX_ALTERNATIVE_STARTS:
            break
        out.append(s)
    return out


@functools.lru_cache(maxsize=8)
def _places(lex) -> frozenset:
    return lex.set("places") | lex.set("regions")


def _ends_with_one_of(word: str, words: frozenset) -> bool:
    return any(word[-n:] in words for n in range(1, min(len(word), 8) + 1))


class Context:
    """Per-document lookups the features need, computed once per document."""

    def __init__(self, text: str, toks, mentions: list[Mention], lex) -> None:
        self.text = text
        self.toks = toks
        self.counts = Counter(m.text for m in mentions)
        self.places = _places(lex)
        self.industry = lex.set("industry_words")
        self.official_titles = lex.set("official_titles")
        self.exec_titles = lex.set("executive_titles")


def _starts_with_place(name: str, places) -> str:
    for n in range(min(8, len(name)), 1, -1):
        if name[:n] in places:
            return "y" if n < len(name) else "all"
    return "n"


def features(ctx: Context, m: Mention, s: int, e: int, cls: str) -> list[str]:
    text, toks = ctx.text, ctx.toks
    name = text[s:e]
    c = cls + "|"
    rule = m.rule.split(":")[0]
    k = toks.index_at(s)
    k_last = toks.index_at(e - 1) if e > s else k
    first_pos = toks.pos[k] if k >= 0 else "?"
    before_pos = toks.pos[k - 1] if k > 0 and toks.starts[k] == s else ("mid" if k >= 0 and toks.starts[k] != s else "^")
    before_word = toks.words[k - 1] if k > 0 and toks.starts[k] == s else ""
    first_word = toks.words[k] if k >= 0 else ""
    prev = text[s - 1] if s > 0 else "^"
    prev2 = text[max(0, s - 2):s]
    nxt = text[e] if e < len(text) else "$"
    trim = s - m.start
    f = [
        "b", cls, c + "rule=" + m.rule, c + "ruleh=" + rule, "orig=" + m.cls + ">" + cls,
        c + "len=" + _bucket(len(name)),
        c + "f1=" + name[:1], c + "f2=" + name[:2],
        c + "l1=" + name[-1:], c + "l2=" + name[-2:], c + "l3=" + name[-3:], c + "l4=" + name[-4:],
        c + "p1=" + (prev if prev not in _PUNCT else "P"), c + "p2=" + prev2,
        c + "n1=" + (nxt if nxt not in _PUNCT else "P"), c + "n2=" + text[e:e + 2],
        c + "fpos=" + first_pos, c + "bpos=" + before_pos,
        c + "ntok=" + _bucket(k_last - k + 1),
        c + "place=" + _starts_with_place(name, ctx.places),
        c + "cnt=" + _bucket(ctx.counts.get(m.text, 1), (1, 2, 3)),
        c + "trim=" + _bucket(trim, (0, 1, 2, 3, 5)),
    ]
    if len(first_word) <= 2:
        f.append(c + "fw=" + first_word)
    if before_word and len(before_word) <= 2:
        f.append(c + "bw=" + before_word)
    if trim:
        t0 = toks.index_at(m.start)
        f.append(c + "trimpos=" + toks.pos[t0])
        f.append(c + "trimw=" + (toks.words[t0] if len(toks.words[t0]) <= 2 else "long"))
    if name in ctx.industry or name[1:] in ctx.industry:    # the word, or one character and it
        f.append(c + "industry")
    if name in ctx.places:
        f.append(c + "isplace")
    if any(ch.isascii() and ch.isalpha() for ch in name):
        f.append(c + "latin")
    if any(ch.isdigit() for ch in name):
        f.append(c + "digit")
    if "“" in text[max(0, s - 1):s] or "《" in text[max(0, s - 1):s]:
        f.append(c + "quoted")
    for p in ("（", "("):
        if p in name:
            f.append(c + "paren")
            break
    if cls in PERSON:
        title = str(m.attrs.get("title", ""))
        f.append(c + "tl=" + title[-2:])
        f.append(c + "tofficial=" + str(_ends_with_one_of(title, ctx.official_titles)))
        f.append(c + "texec=" + str(_ends_with_one_of(title, ctx.exec_titles)))
        f.append(c + "org=" + str(bool(m.attrs.get("org") or m.attrs.get("org_span"))))
    if m.cls == "Park":
        f.append(c + "kind=" + str(m.attrs.get("kind", "")))
    return f


def alternatives(ctx: Context, m: Mention):
    """(start, end, class) proposals for one recognised mention."""
    ends = (m.end, m.end - 1) if m.rule == PERSON_RULE and m.end - m.start == 3 else (m.end,)
    for s in starts_for(ctx.text, ctx.toks, m):
        for e in ends:
            for cls in classes_for(m.cls):
                yield s, e, cls


PERSON_RULE = "person:tagged"
_PERSON_POS = {"nr", "nrfg", "nrt"}


def person_candidates(text: str, toks, mentions: list[Mention], lex, sentences) -> list[Mention]:
    """Words the tagger reads as a person's name that no rule took: proposals for the chooser.

    Real news names officials in lists ("区领导陈钢、张德才"), after titles the rules do not
    know ("审委会专委", "行政总裁") and before speech verbs; the model decides from the
    context whether one is an Official, an Executive or no entity (a resident, a reporter).
    """
    import bisect
    surnames = lex.set("surnames")
    titles = lex.set("official_titles") | lex.set("executive_titles")
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    sent_starts = [x.start for x in sentences]
    out = []
    n = len(toks.words)
    for k in range(n):
        if toks.pos[k] not in _PERSON_POS:
            continue
        s, w = toks.starts[k], toks.words[k]
        if w[:1] not in surnames and w[:2] not in surnames:
            continue
        e = toks.ends[k]
        if len(w) == 1 and k + 1 < n and len(toks.words[k + 1]) <= 2 and toks.pos[k + 1] in ("nr", "nz", "n", "ng"):
            e = toks.ends[k + 1]            # "周|海鹰": a surname the tagger split off its name
        if not 2 <= e - s <= 3 or not all("\u4e00" <= ch <= "\u9fff" for ch in text[s:e]):
            continue
        i = bisect.bisect_right(starts, e) - 1
        if i >= 0 and taken[i][1] > s:
            continue                        # inside (or over) a name the rules found
        title = next((text[s - L:s] for L in range(7, 1, -1) if s >= L and text[s - L:s] in titles), "")
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        out.append(Mention(s, e, text[s:e], "Official" if title in lex.set("official_titles") or not title
                           else "Executive", si, PERSON_RULE, 0.5, {"title": title} if title else {}))
    return out


class NameChooser:
    """Pipeline component: recognised mentions in, chosen (trimmed, re-typed or dropped) out."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model

    def __call__(self, text: str, toks, mentions: list[Mention], lex, sentences=()) -> list[Mention]:
        if sentences:
            mentions = mentions + person_candidates(text, toks, mentions, lex, sentences)
        ctx = Context(text, toks, mentions, lex)
        # an official's employer as the rules read it off the title ("X高新区行政审批服务部副部长Y")
        # stays: resolution maps it (often to the park) and holdsPost follows it
        employers = {tuple(m.attrs["org_span"]) for m in mentions if m.attrs.get("org_span")}
        out = []
        for m in mentions:
            if m.anaphor or (m.start, m.end) in employers:
                out.append(m)
                continue
            best, best_p = None, -1.0
            for s, e, cls in alternatives(ctx, m):
                p = self.model.prob(features(ctx, m, s, e, cls))
                if p > best_p:
                    best, best_p = (s, e, cls), p
            if best_p < self.model.threshold:
                continue
            s, e, cls = best
            if (s, e, cls) == (m.start, m.end, m.cls):
                out.append(m)
            else:
                out.append(replace(m, start=s, end=e, text=text[s:e], cls=cls,
                                   rule=m.rule + "+model", attrs=_attrs_for(m, cls)))
        return out


def _attrs_for(m: Mention, cls: str) -> dict:
    attrs = dict(m.attrs)
    if cls != m.cls:
        attrs.pop("kind", None)
    return attrs


def training_examples(docs, config, ex) -> None:
    """Add the name chooser's examples of ``docs`` (kg.learn.golddata.GoldDoc) to ``ex``."""
    from kg.evaluate import normalize
    from kg.extract import recognised
    for di, doc in enumerate(docs):
        rec = recognised(doc.source, config)
        forms, optional = doc.forms(), doc.optional()
        proposals = rec.mentions + person_candidates(rec.text, rec.toks, rec.mentions, rec.lex, rec.sentences)
        ctx = Context(rec.text, rec.toks, proposals, rec.lex)
        employers = {tuple(m.attrs["org_span"]) for m in proposals if m.attrs.get("org_span")}
        for m in proposals:
            if m.anaphor or (m.start, m.end) in employers:
                continue
            decision = len(ex.doc)
            rows = 0
            for s, e, cls in alternatives(ctx, m):
                key = normalize(rec.text[s:e])
                if key in optional:
                    continue
                ex.add(features(ctx, m, s, e, cls), int(key in forms[cls]), decision, cls)
                rows += 1
            if rows:
                ex.doc.append(di)
