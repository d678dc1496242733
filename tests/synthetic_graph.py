"""A generated graph in the layout of docs/graph-model.md, of any size, for the view, stats and
benchmark (the fixture mini.ttl is hand-written and small). Deterministic for a given seed."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

HEAD = """@prefix pk: <https://w3id.org/parkkg/ontology#> .
@base <https://w3id.org/parkkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

SHARE = {"Park": 0.07, "Company": 0.5, "Policy": 0.06, "Official": 0.12, "Executive": 0.13,
         "Agency": 0.05, "Institution": 0.07}
SYL = "华新创远海宏瑞泰恒安康盛鼎信达智云星晨光明润德科"


@dataclass
class Synthetic:
    ttl: str
    entities: dict = field(default_factory=dict)     # class -> list of (key, label, aliases)
    relations: set = field(default_factory=set)      # (s_key, p, o_key)
    isolated: set = field(default_factory=set)       # keys with no relation


def _name(rng: random.Random, i: int) -> str:
    return rng.choice(SYL) + rng.choice(SYL) + str(i)


def make(n_entities: int, seed: int = 0, isolated_share: float = 0.03) -> Synthetic:
    rng = random.Random(seed)
    ents: dict[str, list] = {c: [] for c in SHARE}
    for cls, share in SHARE.items():
        for i in range(max(1, round(n_entities * share))):
            base = _name(rng, i)
            label, aliases = {
                "Park": (f"{base}高新区", [f"{base}高新技术产业开发区"]),
                "Company": (f"{base}科技有限公司", [f"{base}科技"]),
                "Policy": (f"关于支持{base}产业发展的若干措施", []),
                "Official": (f"王{base}", []),
                "Executive": (f"李{base}", []),
                "Agency": (f"{base}市人民政府", []),
                "Institution": (f"{base}研究院", []),
            }[cls]
            ents[cls].append((f"{cls.lower()}/{cls}{i}", label, aliases))
    n_docs = max(1, n_entities // 40)
    sentences = [(d, s) for d in range(n_docs) for s in range(40)]
    all_keys = [e[0] for es in ents.values() for e in es]
    isolated = set(rng.sample(all_keys, int(len(all_keys) * isolated_share)))
    pick = lambda cls: rng.choice([e[0] for e in ents[cls]])
    parks = [e[0] for e in ents["Park"]]
    weights = [1.0 / (i + 1) for i in range(len(parks))]   # a few big parks, many small

    rels: set = set()
    for key, _, _ in ents["Company"]:
        rels.add((key, "locatedIn", rng.choices(parks, weights)[0]))
        if rng.random() < 0.3:
            rels.add((key, "investsIn", rng.choices(parks, weights)[0]))
        if rng.random() < 0.1:
            rels.add((key, "subsidiaryOf", pick("Company")))
    for key, _, _ in ents["Executive"]:
        rels.add((key, "worksFor", pick("Company") if rng.random() < 0.85 else pick("Institution")))
    for key, _, _ in ents["Official"]:
        rels.add((key, "holdsPost", rng.choices(parks, weights)[0] if rng.random() < 0.6 else pick("Agency")))
    for key, _, _ in ents["Policy"]:
        rels.add((key, "issuedBy", pick("Agency")))
        rels.add((key, "appliesTo", rng.choices(parks, weights)[0]))
    for key, _, _ in ents["Institution"]:
        rels.add((key, "locatedIn", rng.choices(parks, weights)[0]))
    for key in parks[3:]:
        if rng.random() < 0.3:
            rels.add((key, "partOf", rng.choice(parks[:3])))
    rels = {r for r in rels if r[0] != r[2] and r[0] not in isolated and r[2] not in isolated}

    out = [HEAD]
    for d in range(n_docs):
        out.append(f'<doc/d{d}> a pk:Document, prov:Entity ; rdfs:label "d{d}.txt" ; '
                   f'pk:fileName "d{d}.txt" ; dcterms:title "第{d}版"@zh .\n')
        out.append(f'<doc/d{d}/a/0> a pk:Article ; pk:inDocument <doc/d{d}> ; pk:index 0 ; '
                   f'dcterms:title "园区新闻{d}"@zh .\n')
    label_of = {e[0]: e[1] for es in ents.values() for e in es}
    text: dict = {}
    mentions: dict = {}
    for key in all_keys:
        mentions[key] = rng.sample(sentences, rng.randint(1, 4))
        for sen in mentions[key]:
            text.setdefault(sen, []).append(label_of[key])
    for (d, s), names in sorted(text.items()):
        out.append(f'<doc/d{d}/s/{s}> a pk:Sentence ; pk:inDocument <doc/d{d}> ; '
                   f'pk:inArticle <doc/d{d}/a/0> ; pk:index {s} ; '
                   f'pk:text "{"、".join(names)}等参加了会议。"@zh .\n')
    for cls, es in ents.items():
        for key, label, aliases in es:
            alt = "".join(f' ; skos:altLabel "{a}"@zh' for a in aliases)
            ment = ", ".join(f"<doc/d{d}/s/{s}>" for d, s in mentions[key])
            out.append(f'<{key}> a pk:{cls} ; rdfs:label "{label}"@zh{alt} ; pk:mentionedIn {ment} .\n')
    for i, (s, p, o) in enumerate(sorted(rels)):
        d, sen = rng.choice(mentions[s])
        out.append(f"<{s}> pk:{p} <{o}> .\n")
        out.append(f"<stmt/{i:016x}> a rdf:Statement, pk:Evidence ; rdf:subject <{s}> ; "
                   f"rdf:predicate pk:{p} ; rdf:object <{o}> ; pk:sentence <doc/d{d}/s/{sen}> ; "
                   f"prov:wasDerivedFrom <doc/d{d}> ; pk:rule \"synthetic\" ; pk:confidence 0.80 .\n")
    linked = {r[0] for r in rels} | {r[2] for r in rels}
    return Synthetic(ttl="".join(out), entities=ents, relations=rels,
                     isolated={k for k in all_keys if k not in linked})
