"""The learned relation judge: which entity pairs of a sentence stand in which relation.

Candidates are the rules' relations (kg.extract.relations: cue words, clauses, the article's topic park)
and every pair of entities mentioned near each other in one sentence whose classes a property
admits (the contract's domain and range). Real news states many relations without the cue the
rules wait for — lists after "X区企业", captions, tours — so co-mention is the candidate and a
model trained on gold decides, with the rules' verdict as one of its features.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from kg.learn.linear import LinearModel
from kg.model import DOMAIN_RANGE, DocRelation

#: a mention pairs with at most this many mentions on each side of it in its sentence, so
#: that a list of a thousand names costs linear work, not quadratic
NEIGHBOURS = 6
_TRIGGERS = ("located_triggers", "landing_triggers", "build_triggers", "invest_triggers",
             "issue_triggers", "apply_triggers", "founding_verbs")
_BY_PAIR: dict[tuple[str, str], tuple[str, ...]] = defaultdict(tuple)
for _p, (_dom, _rng) in DOMAIN_RANGE.items():
    for _s in _dom:
        for _o in _rng:
            _BY_PAIR[(_s, _o)] += (_p,)


def _bucket(n: int, edges=(0, 1, 2, 4, 8, 16, 32, 64)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "far"


@functools.lru_cache(maxsize=4)
def _trigger_res(lex) -> tuple[tuple[str, re.Pattern], ...]:
    from kg.extract.names import alternation
    return tuple((name, re.compile(alternation(lex[name]))) for name in _TRIGGERS if lex[name])


class Candidate:
    __slots__ = ("s", "p", "o", "sentence", "start", "end", "rule", "ms", "mo", "far")

    def __init__(self, s, p, o, sentence, start, end, rule, ms, mo, far=""):
        self.s, self.p, self.o, self.sentence = s, p, o, sentence
        self.start, self.end, self.rule, self.ms, self.mo = start, end, rule, ms, mo
        #: a pair that no sentence names together: how the park was reached ("topic": the
        #: article's topic park; "prev": a park of the sentence right before)
        self.far = far


def candidates(ctx: Context) -> list[Candidate]:
    """Rule relations and co-mentioned pairs, one per (s, p, o, sentence), of ``ctx.doc``."""
    doc, ents, by_sent = ctx.doc, ctx.ents, ctx.by_sent
    from kg.extract.relations import park_units
    units = park_units(doc.entities)
    out: dict[tuple, Candidate] = {}
    for si, ms in by_sent.items():
        for i, a in enumerate(ms):
            for b in ms[max(0, i - NEIGHBOURS):i + NEIGHBOURS + 1]:
                if a.entity == b.entity:
                    continue
                for p in _BY_PAIR.get((ents[a.entity].cls, ents[b.entity].cls), ()):
                    # a park's department stands for the park, as in the rules' posts
                    o = units.get(b.entity, b.entity) if p in ("holdsPost", "issuedBy") else b.entity
                    key = (a.entity, p, o, si)
                    gap = abs(a.start - b.start)
                    old = out.get(key)
                    if old is None or gap < abs(old.ms.start - old.mo.start):
                        out[key] = Candidate(a.entity, p, o, si, min(a.start, b.start),
                                             max(a.end, b.end), "", a, b)
    for r in doc.relations:
        key = (r.s, r.p, r.o, r.sentence)
        c = out.get(key)
        if c is None:
            out[key] = Candidate(r.s, r.p, r.o, r.sentence, r.start, r.end, r.rule, None, None)
        else:
            c.rule, c.start, c.end = r.rule, r.start, r.end
    _far_pairs(doc, ents, by_sent, out)
    return [out[k] for k in sorted(out)]


#: what a pair of two sentences can be: an organisation in a park, a sub-park of a zone
_FAR_PROPS = {"Company": "locatedIn", "Institution": "locatedIn", "Park": "partOf"}


def _far_pairs(doc, ents, by_sent, out) -> None:
    """Pairs no sentence names together, which real news states across sentences: a firm of an
    article whose topic park is clear ("…高新区。A公司总经理说…"), a landing clause whose park
    was named the sentence before ("…落户P。A、B同期入驻"), a sub-park of the zone the article
    is about. Only pairs with no candidate yet; the model decides on their own features."""
    sents = doc.rec.sentences
    paired = {(c.s, c.p, c.o) for c in out.values()}
    for si in sorted(by_sent):
        ms = by_sent[si]
        art = sents[si].article
        here = {m.entity for m in ms if ents[m.entity].cls == "Park"}
        reach = []
        topic = doc.topic.get(art)
        if topic is not None:
            reach.append((topic, "topic"))
        if not here and si - 1 in by_sent and sents[si - 1].article == art:
            reach += [(m.entity, "prev") for m in by_sent[si - 1]
                      if ents[m.entity].cls == "Park" and m.entity != topic]
        for m in ms:
            p = _FAR_PROPS.get(ents[m.entity].cls)
            for o, how in reach:
                if p is None or o == m.entity or o in here or (m.entity, p, o) in paired:
                    continue
                paired.add((m.entity, p, o))
                s = sents[si]
                out[(m.entity, p, o, si)] = Candidate(m.entity, p, o, si, s.start, s.end, "",
                                                      m, None, how)


class Context:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.rec.text
        self.ents = {e.local_id: e for e in doc.entities}
        self.triggers = _trigger_res(doc.rec.lex)
        self.sent_classes: dict[int, Counter] = defaultdict(Counter)
        seen = set()
        for m in doc.mentions:
            if m.entity >= 0 and (m.sentence, m.entity) not in seen and m.entity in self.ents:
                seen.add((m.sentence, m.entity))
                self.sent_classes[m.sentence][self.ents[m.entity].cls] += 1
        self.topic = set(doc.topic.values())
        self.n_mentions = Counter(m.entity for m in doc.mentions)
        self.sent_trig: dict[int, list[str]] = {}
        #: the parks the rules place each organisation in, and each article's first sentence
        self.placed: dict[int, set[int]] = defaultdict(set)
        for r in doc.relations:
            if r.p == "locatedIn":
                self.placed[r.s].add(r.o)
        #: each sentence's mentions of the document's entities, in text order
        self.by_sent: dict[int, list] = defaultdict(list)
        for m in doc.mentions:
            if m.entity in self.ents:
                self.by_sent[m.sentence].append(m)
        for ms in self.by_sent.values():
            ms.sort(key=lambda m: (m.start, m.end))
        self.first_sentence: dict[int, int] = {}
        for s in doc.rec.sentences:
            self.first_sentence.setdefault(s.article, s.idx)

    def sentence_triggers(self, si: int) -> list[str]:
        if si not in self.sent_trig:
            s = self.doc.rec.sentences[si]
            body = self.text[s.start:s.end]
            self.sent_trig[si] = [n for n, rx in self.triggers if rx.search(body)]
        return self.sent_trig[si]


def features(ctx: Context, c: Candidate) -> list[str]:
    if c.far:
        return far_features(ctx, c)
    p = c.p + "|"
    es, eo = ctx.ents[c.s], ctx.ents[c.o]
    f = ["b", c.p, p + "r=" + (c.rule or "none"), p + "rh=" + (c.rule.split(":")[0] if c.rule else "none"),
         p + "fired=" + str(bool(c.rule)), p + "sc=" + es.cls + ">" + eo.cls,
         p + "ko=" + _bucket(ctx.sent_classes[c.sentence][eo.cls], (1, 2, 3, 5)),
         p + "ks=" + _bucket(ctx.sent_classes[c.sentence][es.cls], (1, 2, 3, 5, 9)),
         p + "topic=" + str(c.o in ctx.topic),
         p + "nm=" + _bucket(ctx.n_mentions[c.s], (1, 2, 4))]
    for name in ctx.sentence_triggers(c.sentence):
        f.append(p + "ts=" + name)
    if es.cls == "Park" or eo.cls == "Park":
        f.append(p + "kinds=" + str(es.attrs.get("kind")) + ">" + str(eo.attrs.get("kind")))
    ls, lo = es.label, eo.label
    if lo and lo in ls:
        f.append(p + "o_in_s")
    elif ls[:2] == lo[:2]:
        f.append(p + "prefix2")
    org = es.attrs.get("org")
    if org and (org in eo.names or any(n in str(org) for n in eo.names)):
        f.append(p + "org")
    if c.p == "locatedIn":
        # the rules place the organisation in another park (of the text, not of this sentence)
        f.append(p + "placed=" + str(ctx.placed.get(c.s, set()) - {c.o} != set()))
    if c.ms is None:
        f.append(p + "nomention")
        return f
    a, b = (c.ms, c.mo) if c.ms.start <= c.mo.start else (c.mo, c.ms)
    gap_text = ctx.text[a.end:b.start] if b.start > a.end else ""
    # other parks between the two: the organisation is nearer to one of them
    f.append(p + "between=" + _bucket(sum(1 for m in ctx.by_sent.get(c.sentence, ())
                                          if a.end <= m.start < b.start and m.cls == "Park"), (0, 1)))
    f += [p + "ord=" + ("so" if c.ms is a else "os"), p + "d=" + _bucket(len(gap_text)),
          p + "ana=" + str(c.ms.anaphor) + str(c.mo.anaphor)]
    if len(gap_text) <= 24:
        for n, rx in ctx.triggers:
            if rx.search(gap_text):
                f.append(p + "tb=" + n)
        if gap_text in ("", "的", "、", "，", "和", "与", "及"):
            f.append(p + "glue=" + gap_text)
        for ch in "、，；：（":
            if ch in gap_text:
                f.append(p + "punct=" + ch)
        toks = ctx.doc.rec.toks
        k0, k1 = toks.index_at(a.end), toks.index_at(max(a.end, b.start - 1))
        for k in range(max(k0, 0), min(k1 + 1, k0 + 8)):
            w = toks.words[k]
            if len(w) <= 3 and w.strip():
                f.append(p + "w=" + w)
    else:
        f.append(p + "apart")
    before = ctx.text[max(0, a.start - 4):a.start]
    f.append(p + "pre=" + before[-2:])
    return f


def far_features(ctx: Context, c: Candidate) -> list[str]:
    """A pair of two sentences: how the park was reached, what the subject's sentences say
    (their cue words; whether they name other parks — a firm placed elsewhere), how much the
    article talks of the subject and whether its lead does."""
    p = c.p + "|far|"
    es, eo = ctx.ents[c.s], ctx.ents[c.o]
    art = ctx.doc.rec.sentences[c.sentence].article
    own = [si for si in es.sentences if ctx.doc.rec.sentences[si].article == art]
    f = ["b", c.p, p + c.far, p + c.far + ">" + es.cls,
         p + "kinds=" + str(es.attrs.get("kind")) + ">" + str(eo.attrs.get("kind")),
         p + "nm=" + _bucket(ctx.n_mentions[c.s], (1, 2, 4)),
         p + "parks=" + _bucket(sum(1 for si in own if ctx.sent_classes[si]["Park"]), (0, 1, 2)),
         p + "placed=" + str(ctx.placed.get(c.s, set()) - {c.o} != set()),
         p + "lead=" + str(any(si - ctx.first_sentence.get(art, 0) < 2 for si in own))]
    for name in sorted({n for si in own for n in ctx.sentence_triggers(si)}):
        f.append(p + "ts=" + name)
    f.append(p + c.far + "|k=" + _bucket(ctx.sent_classes[c.sentence][es.cls], (1, 2, 3, 5)))
    s = ctx.doc.rec.sentences[c.sentence]
    f.append(p + c.far + "|first=" + str(c.ms.start - s.start <= 6))
    return f


_GROUP_TITLE = ("全球", "集团", "总部")
_LOCAL_UNIT = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)]|分公司$")


def _group_title_at_local_unit(ctx: Context, c: Candidate) -> bool:
    """"阿斯利康全球执行副总裁" beside "阿斯利康制药（青岛）有限公司": a group-level title names
    a person of the group, not of its local unit (a company named with its city in brackets, a
    branch) — so no co-mention worksFor from the one to the other."""
    if c.p != "worksFor":
        return False
    title = str(ctx.ents[c.s].attrs.get("title") or "")
    return any(w in title for w in _GROUP_TITLE) and bool(_LOCAL_UNIT.search(ctx.ents[c.o].label))


_DEVELOPMENT_ZONE = re.compile(r"(?:开发区|高新区|经开区|新区)$")


def _zone_in_free_trade_zone(ctx: Context, c: Candidate) -> bool:
    """"湖南湘江新区 partOf 中国（湖南）自由贸易试验区" from a co-mention: a free-trade zone's areas
    are its 片区 and bonded zones, laid over development zones — a development zone is not one of
    them (the lists of a province's zones that name both are where the model paired them)."""
    if c.p != "partOf":
        return False
    wholes = ctx.doc.rec.lex.tagged("ftz_parts", "whole")
    return bool(wholes) and ctx.ents[c.o].label.endswith(wholes) and \
        bool(_DEVELOPMENT_ZONE.search(ctx.ents[c.s].label))


def _contractor(ctx: Context, c: Candidate) -> bool:
    """"由中冶天工集团承建的聊城高新区…项目": a firm that builds, designs or supplies a project
    works in the park, it is not one of the park's firms — no co-mentioned locatedIn for it."""
    if c.p != "locatedIn" or c.ms is None:
        return False
    from kg.extract.relations.investments import _CONTRACTOR
    return bool(_CONTRACTOR.match(ctx.text, c.ms.end))


# a clause of cooperation ("签署战略合作协议", "共建研究院", "党建联建") with no word that brings
# the organisation into the park: its parties are partners. On the dev sets 20 such co-mentions,
# none of them a gold locatedIn
_COOPERATION = re.compile(r"战略合作|合作框架|框架协议|合作协议|联建|共建|结对|对口")
_COMES_IN = re.compile(r"落户|入驻|落地|项目|投资|设立|注册|建设|园区内|区内|企业")


def _partner(ctx: Context, c: Candidate) -> bool:
    """"经开区与中国矿业大学签署产学研合作协议": a partner of the park is not located in it."""
    if c.p != "locatedIn" or c.ms is None:
        return False
    from kg.extract.relations.context import _clause
    a, e = _clause(ctx.text, ctx.doc.rec.sentences[c.sentence], c.ms.start)
    clause = ctx.text[a:e]
    return bool(_COOPERATION.search(clause)) and not _COMES_IN.search(clause)


class RelationJudge:
    """Pipeline component: a document's candidates in, accepted relations (with evidence) out."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model

    def __call__(self, doc) -> list[DocRelation]:
        ctx = Context(doc)
        out = []
        for c in candidates(ctx):
            # a rule's relation stands (the seed and written sets hold its precision); the model
            # adds what the rules' cues miss, for the properties where that beat the rules in
            # training (the others have a threshold no probability reaches)
            if c.rule:
                prob = 1.0
            elif _group_title_at_local_unit(ctx, c) or _zone_in_free_trade_zone(ctx, c) or \
                    _contractor(ctx, c) or _partner(ctx, c):
                continue
            else:
                prob = self.model.prob(features(ctx, c))
                if prob < self.model.threshold_for(c.p):
                    continue
            out.append(DocRelation(c.s, c.p, c.o, c.sentence,
                                   c.rule or ("model:" + c.far if c.far else "model:co-mention"),
                                   round(prob, 3), c.start, c.end))
        return _one_direction(out)


#: a part is not the whole it is part of: of a pair read both ways, the surer direction stands
_ANTISYMMETRIC = frozenset(("partOf", "subsidiaryOf"))


def _one_direction(rels: list[DocRelation]) -> list[DocRelation]:
    """Drop a co-mentioned partOf / subsidiaryOf whose reverse the document states more surely
    ("泰州经济开发区 partOf 泰州医药高新区" by a rule; the model's reverse on a nearby sentence)."""
    best: dict[tuple[int, str, int], float] = {}
    for r in rels:
        if r.p in _ANTISYMMETRIC:
            best[(r.s, r.p, r.o)] = max(best.get((r.s, r.p, r.o), 0.0), r.confidence)
    if not best:
        return rels
    return [r for r in rels if r.p not in _ANTISYMMETRIC or not r.rule.startswith("model:")
            or best.get((r.o, r.p, r.s), 0.0) <= best[(r.s, r.p, r.o)]]


def gold_relations(gold_doc):
    """(normalised forms per class → gold name) and the gold (s, p, o) names of one document."""
    from kg.evaluate import normalize
    name_of: dict[tuple[str, str], str] = {}
    for e in gold_doc.gold.get("entities", []):
        for n in [e["name"], *e.get("aliases", [])]:
            name_of.setdefault((e["type"], normalize(n)), e["name"])
    rels = {(r["s"], r["p"], r["o"]) for r in gold_doc.gold.get("relations", [])}
    return name_of, rels


def gold_namer(gold_doc, name_of=None):
    """The gold name of an extracted entity in ``gold_doc``: "" when it has none, None when
    one of its names is optional there (``name_of``: gold_relations' map, when the caller has it)."""
    from kg.evaluate import normalize
    if name_of is None:
        name_of, _ = gold_relations(gold_doc)
    optional = gold_doc.optional()

    def gold_name(e):
        for n in e.names:
            k = normalize(n)
            if k in optional:
                return None
            if (e.cls, k) in name_of:
                return name_of[(e.cls, k)]
        return ""
    return gold_name


def training_examples(docs, model_dir, ex) -> None:
    """Add the relation judge's examples of ``docs`` to ``ex`` (names chosen by ``model_dir``'s
    name chooser when it has one, as at run time)."""
    from pathlib import Path

    from kg.extract import ExtractConfig, related
    from kg.learn.mentions import NameChooser
    names_path = Path(model_dir) / "names.json"
    chooser = NameChooser(LinearModel.load(names_path)) if names_path.is_file() else None
    config = ExtractConfig(model="rules")
    for di, gd in enumerate(docs):
        doc = related(gd.source, config, chooser)
        name_of, gold = gold_relations(gd)
        gold_name = gold_namer(gd, name_of)
        ctx = Context(doc)
        for c in candidates(ctx):
            gs, go = gold_name(ctx.ents[c.s]), gold_name(ctx.ents[c.o])
            if gs is None or go is None:
                continue
            if c.rule:
                ex.ruled.add(len(ex.labels))
            ex.add(features(ctx, c), int((gs, c.p, go) in gold), len(ex.doc), c.p)
            ex.doc.append(di)
