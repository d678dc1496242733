"""Names of a document's entities the recogniser left out, found once the entities are known:
an agency or park named without its leading place ("浦东新区" after "上海市浦东新区"), a park's
management body named by the head of the park's name ("前海管理局"), a zone called by that head
after a verb of place ("扎根前海").
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict

from kg.extract.names import Lexicon, ending_index, find_names, longest_ending, strip_place_prefix
from kg.extract.resolve.keys import _CATEGORY, _covered, _mentioned_in, _places, park_suffixes
from kg.model import DocEntity, Mention, Sentence


def _place_stripped_mentions(text: str, sentences: list[Sentence], named: list[Mention],
                             entities: list[DocEntity], toks, forms: dict[str, int],
                             cls: str) -> list[Mention]:
    """Mentions of the short ``forms`` (short form -> DocEntity.local_id) wherever they stand as
    whole words outside the named mentions; each joins its entity's sentences."""
    if not forms:
        return []
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    out = []
    for s, e, form in find_names(forms, text):
        if _covered(spans, s, e):
            continue
        if toks is not None:
            k = toks.index_at(s)
            if toks.starts[k] < s:
                continue                        # inside a longer word
        si = max(0, bisect.bisect_right(sent_starts, s) - 1)
        ent = forms[form]
        attrs = {"kind": entities[ent].attrs.get("kind")} if cls == "Park" else {}
        out.append(Mention(s, e, form, cls, si, "alias:place-stripped", 0.8, attrs, ent))
        _mentioned_in(entities[ent], si)
    return out


def _agency_aliases(text: str, sentences: list[Sentence], named: list[Mention],
                    entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """Agency names used without their leading place: "上海市浦东新区" … "浦东新区与…".

    Only a remainder that is itself a known place (a district named as an actor) counts, so a
    bare "规划资源局" is never taken for "上海市规划资源局".
    """
    from kg.extract.names import place_names
    places = place_names(lex)
    forms: dict[str, int] = {}
    for e in entities:
        if e.cls != "Agency":
            continue
        for n in e.names:
            for v in strip_place_prefix(n, lex, keep=2):
                if v in places and len(v) >= 3:
                    forms.setdefault(v, e.local_id)
    return _place_stripped_mentions(text, sentences, named, entities, toks, forms, "Agency")


def _park_aliases(text: str, sentences: list[Sentence], named: list[Mention],
                  entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """Park names used without their leading place: "厦门火炬高新区" … "在火炬高新区落户".

    The shorter form must keep a proper core before the park ending ("火炬高新区", not "高新区")
    and belong to one park of the document only.
    """
    sufs = park_suffixes(lex) + ("高新区", "经开区")
    suf_index = ending_index(sufs)
    forms: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        if e.cls != "Park":
            continue
        for n in e.names:
            suf = longest_ending(n, suf_index) or ""
            for v in strip_place_prefix(n, lex, keep=2, suffixes=sufs):
                if len(v) - len(suf) >= 2 and not v.startswith(_CATEGORY):
                    forms[v].add(e.local_id)
    forms = {k: ids.pop() for k, ids in forms.items() if len(ids) == 1}
    return _place_stripped_mentions(text, sentences, named, entities, toks, forms, "Park")


_PARK_BODY = re.compile("管理委员会|管委会|管理局|党工委")


def _park_forms_by_article(parks: list[DocEntity], sentences: list[Sentence], named: list[Mention],
                           lex: Lexicon) -> tuple[dict[int, list[str]], dict[int, set[int]]]:
    """Every name form of each park (with and without its place prefix), and the parks each
    article names: what a bare head ("前海管理局", "扎根前海") can be matched against."""
    forms: dict[int, list[str]] = {}
    for e in parks:
        fs = set(e.names)
        for n in e.names:
            fs.update(strip_place_prefix(n, lex, keep=2))
        forms[e.local_id] = sorted(fs)
    art_parks: dict[int, set[int]] = defaultdict(set)
    for m in named:
        if m.cls == "Park" and m.entity >= 0 and 0 <= m.sentence < len(sentences):
            art_parks[sentences[m.sentence].article].add(m.entity)
    return forms, art_parks


def _owners_by_head(forms: dict[int, list[str]], art_parks: dict[int, set[int]], most: int = 8
                    ) -> dict[int, dict[str, set[int]]]:
    """article -> head -> the article's parks one of whose name forms starts with the head and
    is at least two characters longer (heads of 2..``most`` characters): looked up, not tried
    against every park for every occurrence (quadratic in a page naming thousands of parks)."""
    out: dict[int, dict[str, set[int]]] = {}
    for art, ps in art_parks.items():
        d: dict[str, set[int]] = defaultdict(set)
        for p in ps:
            for f in forms[p]:
                for n in range(2, min(most, len(f) - 2) + 1):
                    d[f[:n]].add(p)
        out[art] = d
    return out


def _park_bodies(text: str, sentences: list[Sentence], named: list[Mention],
                 entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A park's management body named by the head of the park's name: "前海管理局" in an article
    about 前海深港现代服务业合作区 stands for that park (as the employer of its officials, the
    issuer of its policies, the other side of its agreements) — when the head starts the name of
    exactly one park of the article (or of one zone, whose sub-parks are named after it)."""
    parks = [e for e in entities if e.cls == "Park"]
    if not parks or not sentences:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    by_head = _owners_by_head(forms, art_parks)
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    places = _places(lex)
    # "经开区党工委" in an article about "X经开区先进制造业园区": the bare park word names the
    # zone (its anaphor, resolved later), not the sub-park whose name starts with it
    generic = set(lex.tagged("anaphors", "park"))
    out = []
    for occ in _PARK_BODY.finditer(text):
        b = occ.start()
        si = max(0, bisect.bisect_right(sent_starts, b) - 1)
        here = art_parks.get(sentences[si].article)
        if not here:
            continue
        for n in range(8, 1, -1):
            a = b - n
            head = text[a:b]
            if a < 0 or not re.fullmatch(r"[\u4e00-\u9fff]+", head) or head in places or \
                    head.startswith(_CATEGORY) or head in generic:
                continue
            if toks is not None:
                k = toks.index_at(a)
                if toks.starts[k] != a:
                    continue                    # starts inside a word
            owners = set(by_head[sentences[si].article].get(head, ()))
            if len(owners) > 1:
                # "前海深港国际金融城" inside "前海深港现代服务业合作区": the zone has the body
                owners = {p for p in owners if entities[p].attrs.get("kind") == "zone"}
            if len(owners) != 1:
                continue
            if _covered(spans, a, occ.end()):
                break
            ent = owners.pop()
            out.append(Mention(a, occ.end(), text[a:occ.end()], "Park", si, "alias:park-body", 0.75,
                               {"kind": entities[ent].attrs.get("kind")}, ent))
            _mentioned_in(entities[ent], si)
            break
    return out


def _park_heads(text: str, sentences: list[Sentence], named: list[Mention],
                entities: list[DocEntity], lex: Lexicon, toks) -> list[Mention]:
    """A zone called by the head of its name after a verb of place: "扎根前海已近十年", "在前海设立"
    in an article about 前海深港现代服务业合作区 — a whole word, no place name, the start of the
    name of exactly one park (or zone) of the article."""
    if toks is None:
        return []
    parks = [e for e in entities if e.cls == "Park"]
    if not parks or not sentences:
        return []
    forms, art_parks = _park_forms_by_article(parks, sentences, named, lex)
    spans = sorted((m.start, m.end) for m in named)
    sent_starts = [s.start for s in sentences]
    places = _places(lex)
    stops = lex.set("stop_prefixes")
    # "落户经开区" in an article about "X经开区新能源汽车产业园": a bare park word is the
    # anaphor of the zone (resolved later), not the head of a sub-park named after that zone
    generic = set(lex.tagged("anaphors", "park"))
    by_head = _owners_by_head(forms, art_parks, 4)
    out = []
    for occ in _HEAD_AFTER_VERB.finditer(text):
        a = occ.end()
        k = toks.index_at(a)
        if k >= len(toks.words) or toks.starts[k] != a:
            continue
        head = toks.words[k]
        if not 2 <= len(head) <= 4 or head in places or not re.fullmatch(r"[\u4e00-\u9fff]+", head) or \
                head.startswith(_CATEGORY) or head in stops:
            continue                            # "在国家的支持下": a category word, no name
        if _covered(spans, a, a + len(head)) or head in generic:
            continue
        si = max(0, bisect.bisect_right(sent_starts, a) - 1)
        owners = set(by_head.get(sentences[si].article, {}).get(head, ()))
        if len(owners) > 1:
            owners = {p for p in owners if entities[p].attrs.get("kind") == "zone"}
        if len(owners) != 1:
            continue
        ent = owners.pop()
        out.append(Mention(a, a + len(head), head, "Park", si, "alias:park-head", 0.7,
                           {"kind": entities[ent].attrs.get("kind")}, ent))
        _mentioned_in(entities[ent], si)
    return out


_HEAD_AFTER_VERB = re.compile("在|落户|扎根|入驻|进驻|来到|落地|留在")
