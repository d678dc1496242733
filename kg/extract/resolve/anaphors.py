"""Anaphors and what they stand for: "该高新区", "园区", "在此" -> the article's topic park (or
the zone its paragraph opens on, or the sub-park the previous sentence was about); "该公司",
"公司" -> the company spoken of last in the article; "该意见" -> the last policy of that kind; a
bare park ending ("入驻产业园") -> the park of the article with that ending.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict

from kg.extract.candidates import PARENT_OF_UNIT
from kg.extract.names import Lexicon
from kg.extract.resolve.aliases import _park_forms_by_article
from kg.extract.resolve.keys import _covered, _mentioned_in
from kg.model import Article, DocEntity, Mention, Sentence


def _anaphors(text: str, mentions: list[Mention], lex: Lexicon, toks) -> list[Mention]:
    """Occurrences of anaphors ("该高新区", "园区", "该公司") outside named mentions."""
    kinds, alt = _anaphor_words(lex)
    if not kinds:
        return []
    spans = sorted((m.start, m.end) for m in mentions)
    out = []
    for m in alt.finditer(text):
        s, e = m.start(), m.end()
        i = bisect.bisect_right(spans, (s, 10**9)) - 1
        if (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e):
            continue
        word = m.group(0)
        if kinds[word] == "here":
            # "在此落户", "扎根于此", "来到这里"; not "此外", "在此基础上"
            if not _LOCATIVE_BEFORE.search(text, max(0, s - 4), s) or _NOT_HERE_AFTER.match(text, e):
                continue
            out.append(Mention(s, e, word, "", -1, "anaphor", 0.6, {"kind": "park", "word": word},
                               anaphor=True))
            continue
        if not word.startswith(("该", "本", "全")) and toks is not None:
            k = toks.index_at(s)
            if toks.starts[k] < s:
                continue                        # glued inside a longer word
            if k > 0:
                pw, pt = toks.words[k - 1], toks.pos[k - 1]
                if pt in ("n", "ns", "nz", "nt", "j", "a", "b", "m") and pw not in lex.set("stop_prefixes"):
                    continue                    # "国家高新区", "省级开发区": a class, not the topic
            if re.match(r"[\u4e00-\u9fff]", text[e:e + 1]) and kinds[word] == "company":
                nxt = text[e:e + 2]
                if nxt[:1] not in "将在已于是的还与和把对从为也就新今正计目近累两持均自追又再拟增由去明" and \
                        not _OWN_UNIT_AFTER.match(text, e):
                    continue                    # "公司客户", "公司用工…" are fine; "公司章程" not
        out.append(Mention(s, e, word, "", -1, "anaphor", 0.7, {"kind": kinds[word], "word": word},
                           anaphor=True))
    return out


@functools.lru_cache(maxsize=8)
def _anaphor_words(lex: Lexicon) -> tuple[dict[str, str], re.Pattern | None]:
    """Anaphor word -> kind, and the pattern that finds them (built once per lexicon)."""
    from kg.extract.relations.context import lexicon_words
    kinds: dict[str, str] = {}
    for entry in (*lex["anaphors"], *lexicon_words(lex, "relation_anaphors")):
        kind, _, word = entry.partition(":")
        kinds[word] = kind
    if not kinds:
        return kinds, None
    return kinds, re.compile("|".join(sorted(map(re.escape, kinds), key=len, reverse=True)))


# "公司控股子公司X", "公司全资子公司X": the company speaks of a unit of its own
_OWN_UNIT_AFTER = re.compile(r"(?:全资|控股|独资)?子公司")
_LOCATIVE_BEFORE = re.compile(r"(?:在|于|落户|扎根|来到|入驻|进驻|留在|落地)$")
_NOT_HERE_AFTER = re.compile(r"(?:基础|背景|之前|之后|前|后|次|外|时|期间|类|项|举|种)")


def _topic_fits(word: str, ent: DocEntity, lex: Lexicon) -> bool:
    """A bare park ending ("新区") refers to the topic park only when that park's name has it."""
    if word not in lex.set("park_zone_suffixes") and word != "新区":
        return True
    if word in ("高新区", "经开区", "开发区", "园区"):
        return True                             # long-standing generic uses (see anaphors.txt)
    # "新区" is not "高新区": the topic's own ending must be the word itself
    return any(n.endswith(word) and not any(n.endswith(x) and x != word and x.endswith(word)
                                            for x in lex["park_zone_suffixes"]) for n in ent.names)


@functools.lru_cache(maxsize=8)
def _suffix_anaphor_words(lex: Lexicon) -> tuple[list[str], re.Pattern]:
    """Park endings that may stand for a park of the article, longest first, and their pattern."""
    generic = set(lex.tagged("anaphors", "park"))
    words = sorted((w for w in lex["park_suffixes"] if len(w) >= 3 and w not in generic),
                   key=len, reverse=True)
    return words, re.compile("|".join(map(re.escape, words)))


def _suffix_anaphors(text: str, sentences: list[Sentence], named: list[Mention],
                     entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A park called by the generic ending of its name alone ("入驻产业园", "在科学城建成") in an
    article that names a park with that ending (three characters or more: "光谷" is a name of its
    own): the most recent such park of the same article
    (the first one when the short form comes before any). Never across articles."""
    if toks is None or not sentences:
        return []
    words, alt = _suffix_anaphor_words(lex)
    parks = [e for e in entities if e.cls == "Park"]
    if not words or not parks:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    spans = sorted((m.start, m.end) for m in named)
    seen = sorted((m.start, m.entity) for m in named if m.cls == "Park" and m.entity >= 0)
    sent_starts = [s.start for s in sentences]
    stops = lex.set("stop_prefixes")
    seen_art = [sentences[max(0, bisect.bisect_right(sent_starts, st) - 1)].article for st, _ in seen]
    # per (article, word): the candidate parks, and where the document named one of them in
    # that article — computed once, not per occurrence (quadratic in a page of many parks)
    cands_of: dict[tuple[int, str], set[int]] = {}
    named_at: dict[tuple[int, str], list[tuple[int, int]]] = {}
    out = []
    for occ in alt.finditer(text):
        s, e = occ.start(), occ.end()
        if _covered(spans, s, e):
            continue
        k = toks.index_at(s)
        if k >= len(toks.words) or toks.starts[k] != s or toks.starts[k] + len(toks.words[k]) > e:
            continue                            # glued inside a longer word
        if k > 0 and toks.pos[k - 1] in ("n", "ns", "nz", "nt", "nr", "j", "a", "b", "m", "vn", "x", "eng") \
                and toks.words[k - 1] not in stops:
            continue                            # "智能产业园": an unnamed park of a kind, no short form
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        art = sentences[si].article
        word = occ.group(0)
        key = (art, word)
        cands = cands_of.get(key)
        if cands is None:
            cands = cands_of[key] = {p for p in art_parks.get(art, ()) if any(
                f.endswith(word) and len(f) > len(word) for f in forms[p])}
            named_at[key] = [x for x, a in zip(seen, seen_art) if x[1] in cands and a == art]
        if not cands:
            continue
        at = named_at[key]
        j = bisect.bisect_left(at, (s, -1)) - 1     # the last (start, entity) before s
        if j >= 0:
            ent = at[j][1]
        elif len(cands) == 1:
            ent = next(iter(cands))
        else:
            continue
        out.append(Mention(s, e, word, "Park", si, "anaphor:park-suffix", 0.65,
                           {"kind": "park", "word": word}, ent, anaphor=True))
        _mentioned_in(entities[ent], si)
    return out


# "该意见", "上述办法"; and a bare policy word in book-title marks ("《政策》的出台") when no
# "简称" defined it: the document spoken of, not a title of its own
_POLICY_ANAPHOR = re.compile(r"(?:该|上述|这一|此|这项|这些)(意见|办法|方案|规划|政策|计划|行动|清单|细则|措施|通知|条例)|"
                             r"(?<=《)(意见|办法|方案|规划|政策|计划|清单|细则|措施|通知|条例)(?=》)")


def _policy_anaphors(text: str, sentences: list[Sentence], named: list[Mention],
                     entities: list[DocEntity]) -> list[Mention]:
    """"该意见", "上述办法" -> the nearest earlier policy of that kind in the same article."""
    pols = sorted((m.start, m.entity) for m in named if m.cls == "Policy" and m.entity >= 0)
    if not pols:
        return []
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    out = []
    for occ in _POLICY_ANAPHOR.finditer(text):
        s, e = occ.start(), occ.end()
        if _covered(spans, s, e):
            continue
        head = occ.group(1) or occ.group(2)
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        j = bisect.bisect_left(pols, (s, -1)) - 1
        while j >= 0:
            ps, ent = pols[j]
            psi = max(0, bisect.bisect_right(sent_starts, ps) - 1)
            if sentences[psi].article != sentences[si].article or si - psi > 5:
                j = -1
                break
            label = re.sub(r"[（(][^（）()]*[）)]$", "", entities[ent].label)
            if head == "政策" or label.endswith(head):
                break
            j -= 1
        if j < 0:
            continue
        out.append(Mention(s, e, occ.group(0), "Policy", si, "anaphor", 0.7, {"kind": "policy"},
                           pols[j][1], anaphor=True))
        _mentioned_in(entities[pols[j][1]], si)
    return out


def resolve_anaphors(text: str, sentences: list[Sentence], articles: list[Article],
                     named: list[Mention], short: list[Mention], anas: list[Mention],
                     entities: list[DocEntity], lex: Lexicon) -> list[Mention]:
    """The named mentions, the park-suffix anaphors (``short``) and those anaphors (``anas``)
    that stand for an entity, in text order; each resolved one joins its entity's sentences."""
    sent_starts = [s.start for s in sentences]
    ante = _Antecedents(text, sentences, articles, named, entities, lex)
    out = list(named) + short
    for a in anas:
        si = max(0, bisect.bisect_right(sent_starts, a.start) - 1)
        art = sentences[si].article if sentences else 0
        a.sentence = si
        if a.attrs["kind"] == "park":
            t = ante.park(a, si, art)
            if t is None:
                continue
            a.cls, a.entity = "Park", t
        elif a.attrs["kind"] == "policy":
            pass                                # resolved by _policy_anaphors
        else:
            t = ante.company(a, si, art)
            if t is None:
                continue
            a.cls, a.entity = "Company", t
        out.append(a)
        _mentioned_in(entities[a.entity], si)
    out.sort(key=lambda m: (m.start, m.end))
    return out


class _Antecedents:
    """What the anaphors of one document may stand for (the tables one kind of anaphor needs
    are built when the first one is met)."""

    def __init__(self, text: str, sentences: list[Sentence], articles: list[Article],
                 named: list[Mention], entities: list[DocEntity], lex: Lexicon) -> None:
        self.text, self.sentences, self.named, self.entities, self.lex = (text, sentences, named,
                                                                         entities, lex)
        self.sent_starts = [s.start for s in sentences]
        self.topic = topic_parks(articles, named, entities)
        # a multinational parent named in passing ("作为三星电子在华最大的投资项目，该公司…") is no
        # antecedent of 该公司: the local company is
        # nor is the parent a sentence names only to describe its unit ("这家由A全资设立的子公司",
        # "是A的控股子公司"): the unit is what "公司" goes on to mean
        self.companies = sorted((m.start, m.entity) for m in named
                                if m.cls == "Company" and m.rule not in ("company:parent-brand", "company:group-brand")
                                and not PARENT_OF_UNIT.match(text, m.end))
        self.comp_starts = [c[0] for c in self.companies]
        self.park_at: dict[int, Mention] | None = None
        self.park_sents: set[int] = set()
        self.zone_leads: dict[int, int] | None = None
        self.self_named: tuple | None = None

    def park(self, a: Mention, si: int, art: int) -> int | None:
        """The park that anaphor ``a`` (in sentence ``si`` of article ``art``) stands for."""
        text, named, entities = self.text, self.named, self.entities
        t = self.topic.get(art)
        if self.zone_leads is None:
            self.zone_leads = _paragraph_zone_leads(text, named, entities)
        lead = _paragraph_lead(text, self.zone_leads, a.start)
        if lead is not None and lead != t and _lead_fits(a.attrs.get("word", ""), entities[lead]):
            t = lead                        # a round-up's paragraph on one zone of several
        if t is None or not _topic_fits(a.attrs.get("word", ""), entities[t], self.lex):
            return None
        if a.attrs.get("word") in ("园区", "该园区"):
            # "…，P已入驻企业800家。…介绍，园区集聚了…": the sub-park the previous sentence
            # was about, when it opened on it and this one names no park before the word
            if self.park_at is None:
                self.park_at = {m.start: m for m in named if m.cls == "Park"}
                self.park_sents = {m.sentence for m in named if m.cls == "Park"}
            sp = _subject_subpark(text, self.sentences, self.park_at, self.park_sents, entities, si)
            if sp is not None:
                t = sp
                a.rule = "anaphor:subject-subpark"
        return t

    def company(self, a: Mention, si: int, art: int) -> int | None:
        """The company that anaphor ``a`` stands for: the one a filing calls "公司", else the
        last one the article named, within six sentences."""
        text, sentences, sent_starts, companies = self.text, self.sentences, self.sent_starts, self.companies
        j = bisect.bisect_left(self.comp_starts, a.start) - 1
        if j < 0:
            return None
        if self.self_named is None:
            self_named = _self_named_company(text, companies)
            if self_named:
                dsi = max(0, bisect.bisect_right(sent_starts, self_named[0]) - 1)
                self_named = (self_named[0], self_named[1], sentences[dsi].article if sentences else 0)
            self.self_named = self_named
        self_named = self.self_named
        if a.attrs.get("word") == "公司" and self_named and self_named[2] == art and self_named[0] < a.start:
            # "A（以下简称“A'”或“公司”）": the filer's own word for itself, all article long
            return self_named[1]
        cs, ce = companies[j]
        csi = max(0, bisect.bisect_right(sent_starts, cs) - 1)
        if (sentences[csi].article if sentences else 0) != art or si - csi > 6:
            return None
        return ce


_CALLED_COMPANY = re.compile(r"[（(](?:以下)?简称[^（）()]{0,24}?[“\"]公司[”\"][）)]")


# how far into its paragraph a zone may be named and still open it ("在安徽，蚌埠高新区依托…")
_LEAD_WITHIN = 8


def _paragraph_zone_leads(text: str, named: list[Mention], entities: list[DocEntity]) -> dict[int, int]:
    """Paragraph start -> the zone the paragraph opens on ("在广西，柳州高新区把…")."""
    out: dict[int, int] = {}
    for m in sorted(named, key=lambda m: m.start):
        if m.cls != "Park" or m.entity < 0 or entities[m.entity].attrs.get("kind") != "zone":
            continue
        p = text.rfind("\n", 0, m.start) + 1
        if m.start - p <= _LEAD_WITHIN and "\n" not in text[p:m.start]:
            out.setdefault(p, m.entity)
    return out


def _paragraph_lead(text: str, leads: dict[int, int], pos: int) -> int | None:
    if not leads:
        return None
    return leads.get(text.rfind("\n", 0, pos) + 1)


def _lead_fits(word: str, ent: DocEntity) -> bool:
    """"高新区" in a paragraph opened by "蚌埠高新区" is that zone; "园区" is any zone."""
    w = word.lstrip("该本")
    return w in ("园区", "区内") or any(n.endswith(w) for n in ent.names)


def _self_named_company(text: str, companies: list[tuple[int, int]]) -> tuple:
    """The company a filing defines as "公司" ("A（以下简称“A'”或“公司”）"): (position, entity),
    or () when none is."""
    if "“公司”" not in text and '"公司"' not in text:
        return ()
    for m in _CALLED_COMPANY.finditer(text):
        before = [c for c in companies if c[0] < m.start()]
        if before:
            return (m.start(), before[-1][1])
    return ()


_SUBJECT_LEAD = re.compile(r"(?:作为[^，。；]{2,30}，|目前，|如今，|近年来，|同时，)?")


def _subject_subpark(text: str, sentences: list[Sentence], park_at: dict[int, Mention],
                     park_sents: set[int], entities: list[DocEntity], si: int) -> int | None:
    """The sub-park that opens sentence si-1 (after "作为…，"), if sentence si names no park.
    ``park_at``: named park mentions by start; ``park_sents``: sentences that name a park."""
    if si == 0 or sentences[si - 1].article != sentences[si].article or si in park_sents:
        return None
    m = park_at.get(_SUBJECT_LEAD.match(text, sentences[si - 1].start).end())
    if m is not None and m.entity >= 0 and entities[m.entity].attrs.get("kind") == "subpark":
        return m.entity
    return None


def topic_parks(articles: list[Article], mentions: list[Mention], entities: list[DocEntity]) -> dict[int, int]:
    """Per article index: the local id of its topic park (the zone it talks about most)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    firsts: dict[tuple[int, int], int] = {}
    starts = [a.start for a in articles]
    for m in mentions:
        if m.cls != "Park" or m.entity < 0:
            continue
        art = _article_of(articles, m.start, starts)
        w = 2 if entities[m.entity].attrs.get("kind") == "zone" else 1
        counts[art][m.entity] += w
        firsts.setdefault((art, m.entity), m.start)
        if articles and art < len(articles):
            a = articles[art]
            if a.title and m.start < a.start + len(a.title) + 4:
                counts[art][m.entity] += 2
    out = {}
    for art, c in counts.items():
        out[art] = max(c, key=lambda e: (c[e], -firsts[(art, e)]))
    return out


def _article_of(articles: list[Article], pos: int, starts: list[int] | None = None) -> int:
    """The article holding ``pos`` (articles are sorted and disjoint; ``starts``: their starts)."""
    if not articles:
        return 0
    if starts is None:
        starts = [a.start for a in articles]
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < articles[i].end:
        return articles[i].idx
    return articles[-1].idx if pos >= articles[-1].end else 0
