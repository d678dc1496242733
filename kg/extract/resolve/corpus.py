"""One :class:`~kg.model.Entity` per real-world thing across the corpus, with a canonical label
(the most complete form the texts use), sorted aliases and a deterministic key; the documents'
relations mapped to those keys, their evidence merged.

Parks join by any normal form of any of their names, policies by their title, companies by their
legal name — a short name joins the one legal entity it abbreviates, unless some document names
both apart (a parent and its local subsidiary) — and persons by name and organisation.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from kg.extract.names import Lexicon, company_short_forms, norm
from kg.extract.resolve.keys import _UF, _label, _legal, _park_keys_cached
from kg.model import (CLASSES, PROPERTIES, Corpus, DocEntity, DocResult, Entity, Evidence,
                      Relation)


def _policy_keys(name: str) -> set[str]:
    n = norm(name)
    keys = {n}
    i = n.find("关于")
    if i > 0:
        keys.add(n[i:])
    return keys


_PEOPLES_GOVERNMENT = re.compile(r"(?<=..[省市区县州旗盟])人民政府$")


@functools.lru_cache(maxsize=8)
def _agency_alias_map(lex: Lexicon) -> dict[str, str]:
    """Every form of an agency_aliases entry ("科学技术部=科技部") -> the entry's first form."""
    out: dict[str, str] = {}
    for entry in lex["agency_aliases"]:
        forms = [norm(f) for f in entry.split("=") if f]
        for f in forms:
            out.setdefault(f, forms[0])
    return out


class _Keyed:
    """Items joined by the keys they share: the first item with a key stands for it."""

    def __init__(self, n: int) -> None:
        self.uf = _UF(n)
        self.index: dict[tuple[str, str], int] = {}

    def link(self, i: int, key: tuple[str, str]) -> None:
        if key in self.index:
            self.uf.union(self.index[key], i)
        else:
            self.index[key] = i


def resolve_corpus(results: list[DocResult], lex: Lexicon | None = None) -> Corpus:
    """One entity per real-world thing across documents; relations mapped to entity keys."""
    from kg.extract.names import load_lexicon
    lex = lex or load_lexicon()
    results = sorted(results, key=lambda r: r.doc_id)
    items: list[tuple[int, DocEntity]] = [(d, e) for d, r in enumerate(results) for e in r.entities]
    keyed = _Keyed(len(items))
    short_only = _link_by_name(items, lex, keyed)
    _link_short_companies(items, short_only, lex, keyed)
    entities, label_of_item = _organisations(items, keyed.uf, lex, results)
    entities += _persons(items, label_of_item, results)
    where = _keys(entities, items)
    relations = _relations(results, where)
    entities.sort(key=lambda e: (CLASSES.index(e.cls), e.key))
    return Corpus(results, entities, relations,
                  {(results[d].doc_id, lid): k for (d, lid), k in where.items()})


def _link_by_name(items: list[tuple[int, DocEntity]], lex: Lexicon, keyed: _Keyed) -> list[int]:
    """Link the entities of every class but persons by the keys of their names; the companies
    named by a short name only are left for :func:`_link_short_companies` (returned)."""
    link = keyed.link
    agency_alias = _agency_alias_map(lex)
    short_only: list[int] = []
    for i, (d, e) in enumerate(items):
        if e.cls == "Park":
            for n in e.names:
                # in any order: the groups are the connected components whatever the order
                for k in _park_keys_cached(n, lex):
                    link(i, ("Park", k))
        elif e.cls == "Policy":
            for n in e.names[:1]:
                for k in sorted(_policy_keys(n)):
                    link(i, ("Policy", k))
        elif e.cls == "Company":
            if _legal(e.label, lex):
                link(i, ("Company", norm(e.label)))
            else:
                short_only.append(i)
        elif e.cls in ("Official", "Executive"):
            continue
        else:
            for n in e.names:
                link(i, (e.cls, norm(n)))
                if e.cls == "Agency":
                    if norm(n) in agency_alias:
                        link(i, ("Agency", agency_alias[norm(n)]))
                    # "重庆市政府" is the everyday name of "重庆市人民政府"
                    link(i, ("Agency", _PEOPLES_GOVERNMENT.sub("政府", norm(n))))
    return short_only


def _link_short_companies(items: list[tuple[int, DocEntity]], short_only: list[int], lex: Lexicon,
                          keyed: _Keyed) -> None:
    """Companies: a short-name-only entity joins the one legal entity it abbreviates."""
    uf, link = keyed.uf, keyed.link
    legal_forms: dict[str, set[int]] = defaultdict(set)
    for i, (d, e) in enumerate(items):
        if e.cls == "Company" and _legal(e.label, lex):
            root = uf.find(i)
            for n in e.names:
                legal_forms[norm(n)].add(root)
            # a two-character brand too ("华为" of 华为技术有限公司), named on its own elsewhere
            for sf in company_short_forms(e.label, lex, 2):
                legal_forms[norm(sf)].add(root)
    # a document that names both the short form and the legal name as two entities has told
    # them apart (a parent and its local subsidiary: 台积电 and 台积电（南京）有限公司)
    docs_of: dict[int, set[int]] = defaultdict(set)
    for i, (d, e) in enumerate(items):
        if e.cls == "Company":
            docs_of[uf.find(i)].add(d)
    # … and that short form names the parent in every other document too
    parents = {norm(n) for i in short_only for n in items[i][1].names
               if any(items[i][0] in docs_of[uf.find(r)] for r in legal_forms.get(norm(n), ()))}
    for i in short_only:
        d, e = items[i]
        roots = set()
        for n in e.names:
            if norm(n) in parents:
                roots = set()
                break
            roots |= {uf.find(r) for r in legal_forms.get(norm(n), ()) if d not in docs_of[uf.find(r)]}
        if len(roots) == 1:
            uf.union(roots.pop(), i)
        else:
            link(i, ("Company~short", norm(e.label)))


def _organisations(items, uf: _UF, lex: Lexicon, results: list[DocResult]
                   ) -> tuple[list[Entity], dict[int, str]]:
    """One entity per group of items (persons aside), and each item's canonical label."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        if items[i][1].cls not in ("Official", "Executive"):
            groups[uf.find(i)].append(i)
    entities: list[Entity] = []
    label_of_item: dict[int, str] = {}
    for root, idx in groups.items():
        cls = items[idx[0]][1].cls
        names = [n for i in idx for n in items[i][1].names]
        # the canonical label is a form the texts use (not a generated expansion)
        label = _label(sorted({items[i][1].label for i in idx}), cls, lex)
        for i in idx:
            label_of_item[i] = label
        entities.append(_entity(cls, label, names, idx, items, results))
    return entities, label_of_item


def _persons(items, label_of_item: dict[int, str], results: list[DocResult]) -> list[Entity]:
    """Persons: same name and same organisation; a person without organisation joins a
    namesake. After organisations, so that the key can use the organisation's canonical label."""
    persons: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (d, e) in enumerate(items):
        if e.cls in ("Official", "Executive"):
            persons[(e.cls, e.label)].append(i)
    entities: list[Entity] = []
    doc_local_label = {}
    for i, (d, e) in enumerate(items):
        if i in label_of_item:
            doc_local_label[(d, e.label)] = label_of_item[i]
    for (cls, name), idx in sorted(persons.items()):
        by_org: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            d, e = items[i]
            org = e.attrs.get("org", "")
            by_org[doc_local_label.get((d, org), org)].append(i)
        if "" in by_org and len(by_org) == 2:
            other = next(k for k in by_org if k)
            by_org[other] += by_org.pop("")
        for org, ids in sorted(by_org.items()):
            ent = _entity(cls, name, [name], ids, items, results)
            if org:
                ent.attrs["org"] = org
                ent.key = f"{name}~{org}"
            titles = [items[i][1].attrs.get("title") for i in ids if items[i][1].attrs.get("title")]
            if titles:
                ent.attrs["title"] = max(titles, key=lambda t: (len(t), t))
            entities.append(ent)
            for i in ids:
                label_of_item[i] = ent.key
    return entities


def _keys(entities: list[Entity], items) -> dict[tuple[int, int], tuple[str, str]]:
    """Keys unique within a class; (doc, local id) -> (class, key)."""
    where: dict[tuple[int, int], tuple[str, str]] = {}   # (doc, local id) -> (cls, key)
    seen: Counter = Counter()
    for ent in sorted(entities, key=lambda e: (e.cls, e.key, e.label)):
        seen[(ent.cls, ent.key)] += 1
        if seen[(ent.cls, ent.key)] > 1:
            ent.key = f"{ent.key}~{seen[(ent.cls, ent.key)]}"
    key_of_item: dict[int, tuple[str, str]] = {}
    for ent in entities:
        for i in ent.attrs.pop("_items"):
            key_of_item[i] = (ent.cls, ent.key)
    for i, (d, e) in enumerate(items):
        where[(d, e.local_id)] = key_of_item[i]
    return where


def _relations(results: list[DocResult], where: dict[tuple[int, int], tuple[str, str]]
               ) -> list[Relation]:
    """The documents' relations between corpus entities, each with its merged evidence."""
    rels: dict[tuple[str, str, str, str, str], list[Evidence]] = defaultdict(list)
    for d, r in enumerate(results):
        for j, rel in enumerate(r.relations):
            s = where.get((d, rel.s))
            o = where.get((d, rel.o))
            if s is None or o is None or s == o:
                continue
            src = r.relation_src[j] if j < len(r.relation_src) else (0, 0)
            rels[(s[1], s[0], rel.p, o[1], o[0])].append(
                Evidence(r.doc_id, rel.sentence, src[0], src[1], rel.rule, rel.confidence, rel.date))
    relations = []
    for (s, s_cls, p, o, o_cls), ev in rels.items():
        if len(ev) > 1:   # most relations have one evidence sentence
            ev = sorted({(x.doc_id, x.sentence, x.src_start, x.src_end, x.rule): x for x in ev}.values(),
                        key=lambda x: (x.doc_id, x.sentence, x.src_start, x.rule))
        relations.append(Relation(s, s_cls, p, o, o_cls, ev))
    relations.sort(key=lambda r: (PROPERTIES.index(r.p), r.s_cls, r.s, r.o_cls, r.o))
    return relations


def _entity(cls: str, label: str, names: list[str], idx: list[int], items, results) -> Entity:
    nl = norm(label)
    aliases = sorted({n for n in set(names) if n != label and (norm(n) != nl or n.replace(" ", "") != label)})
    found: set[tuple[str, int]] = set()
    for i in idx:
        doc_id = results[items[i][0]].doc_id
        found.update([(doc_id, s) for s in items[i][1].sentences])
    mentions = sorted(found)
    attrs: dict = {"_items": list(idx)}
    kinds = {items[i][1].attrs.get("kind") for i in idx} - {None}
    if kinds:
        attrs["kind"] = "zone" if "zone" in kinds else sorted(kinds)[0]
    return Entity(label, cls, label, aliases, attrs, mentions)
