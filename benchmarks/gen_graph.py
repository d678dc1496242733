"""Generate a synthetic ParkKG graph of about N triples with the seed graph's shape.

The generator builds a `kg.model.Corpus` (documents with articles and sentences, entities of the
seven classes with aliases, relations with per-sentence evidence) and writes it with the real
graph writer (`kg.graph.write_turtle`), so the layout is exactly docs/graph-model.md. Entity
popularity is Zipf-like (a few parks and groups appear in many documents), as in news; company
groups keep the seed graph's proportions (see make_groups: one direct parent per subsidiary,
fan-out capped at MAX_FANOUT), so no group collects thousands of subsidiaries.

    python benchmarks/gen_graph.py --triples 1000000 --out benchmarks/_work/graph.ttl

Deterministic for a given --seed. About 550 triples per document.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph import DEFAULT_BASE, write_turtle  # noqa: E402
from kg.model import (Article, Corpus, DocResult, Entity, Evidence, Relation,  # noqa: E402
                      Sentence)

CITIES = list("青岛烟台潍坊济南淄博临沂威海日照东营滨州德州聊城菏泽枣庄泰安济宁苏州无锡常州南通扬州")
SYL = list("华海泰宏源达鑫盛恒通远信诚安康瑞新丰润和嘉兴隆昌明科创智联云芯微电光能材药")
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文天传锡哲")
PARK_SUFFIX = [("高新区", "高新技术产业开发区"), ("经开区", "经济技术开发区"), ("综合保税区", None),
               ("科学城", None), ("产业园", None)]
POSTS = ["管委会主任", "管委会常务副主任", "党工委书记", "副区长", "招商局局长"]
EXEC_TITLES = ["董事长", "总经理", "副总裁", "首席执行官", "创始人"]
AGENCIES = ["国务院", "工业和信息化部", "科学技术部", "商务部", "国家发展改革委", "省政府", "市政府",
            "省科技厅", "市商务局", "市发展改革委"]


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(n))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def zipf_pick(rng: random.Random, pool: list, k: int = 1) -> list:
    # weight 1/(i+1): the head of the pool is mentioned far more often than the tail
    n = len(pool)
    idx = [min(int(n ** rng.random()) - 1, n - 1) for _ in range(k)]
    return [pool[i] for i in idx]


def make_entities(rng: random.Random, n_docs: int) -> dict[str, list[Entity]]:
    seen: set[tuple[str, str]] = set()
    out: dict[str, list[Entity]] = {c: [] for c in
                                    ("Park", "Company", "Policy", "Official", "Executive", "Agency",
                                     "Institution")}

    def add(cls, label, aliases=(), **attrs):
        if (cls, label) in seen:
            return
        seen.add((cls, label))
        out[cls].append(Entity(key=label, cls=cls, label=label,
                               aliases=sorted(a for a in set(aliases) if a != label), attrs=attrs))

    for _ in range(max(30, n_docs // 6)):
        city = rng.choice(CITIES) + rng.choice(CITIES)
        short, long = rng.choice(PARK_SUFFIX)
        name = city + word(rng, 1) + short
        add("Park", name, [city + word(rng, 1) + long] if long else [], kind="zone")
    parks = out["Park"]
    for i in range(len(parks) // 3):  # sub-parks
        add("Park", parks[i].label[:-3] + word(rng, 2) + "产业基地", kind="subpark")
    for _ in range(n_docs * 5):
        brand = word(rng, rng.choice((2, 3)))
        full = f"{brand}{word(rng, 2)}科技（{rng.choice(CITIES)}{rng.choice(CITIES)}）有限公司"
        add("Company", full, [brand])
    for _ in range(n_docs):
        add("Policy", f"关于{word(rng, 4)}{rng.choice(('高质量发展', '创新', '招商引资'))}的若干措施",
            kind="document")
    for _ in range(n_docs):
        add("Official", person(rng), title=rng.choice(POSTS))
    for _ in range(n_docs * 2):
        add("Executive", person(rng), title=rng.choice(EXEC_TITLES))
    for a in AGENCIES:
        add("Agency", a)
    for _ in range(max(10, n_docs // 3)):
        add("Institution", f"{rng.choice(CITIES)}{word(rng, 2)}{rng.choice(('研究院', '大学', '实验室'))}")
    return out


#: Company groups as in the seed graph (2 parents of 3 subsidiaries among 58 companies): about
#: 3 % of companies are groups, 5 % are subsidiaries with exactly one direct parent, fan-out
#: Zipf-like but capped (a big group has tens of subsidiaries in the news, not thousands), and
#: a tenth of the groups belong to a larger group, so `subsidiaryOf+` has two levels. No cycles.
GROUP_SHARE, SUBSIDIARY_SHARE, MAX_FANOUT = 0.03, 0.05, 30


def make_groups(rng: random.Random, companies: list[Entity]) -> dict[str, Entity]:
    """{subsidiary key: its direct parent}."""
    n_groups = max(1, round(len(companies) * GROUP_SHARE))
    n_subs = max(1, round(len(companies) * SUBSIDIARY_SHARE))
    pool = companies[:]
    rng.shuffle(pool)
    groups, rest = pool[:n_groups], pool[n_groups:]
    parent: dict[str, Entity] = {}
    fanout = [0] * n_groups
    for sub in rest[:n_subs]:
        i = zipf_pick(rng, list(range(n_groups)))[0]
        while fanout[i] >= MAX_FANOUT:
            i = (i + 1) % n_groups
        fanout[i] += 1
        parent[sub.key] = groups[i]
    for j, g in enumerate(groups):  # smaller groups under the larger ones (index order: acyclic)
        if j and rng.random() < 0.1:
            parent[g.key] = groups[rng.randrange(j)]
    return parent


def make_corpus(n_docs: int, seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    ents = make_entities(rng, n_docs)
    parent_of = make_groups(rng, ents["Company"])
    subsidiaries = [c for c in ents["Company"] if c.key in parent_of]
    rels: dict[tuple, Relation] = {}
    docs = []
    parks_zone = [e for e in ents["Park"] if e.attrs.get("kind") == "zone"]
    for e in ents["Park"]:
        if e.attrs.get("kind") == "subpark":
            parent = next(p for p in parks_zone if e.label.startswith(p.label[:-3]))
            rels[(e.key, "partOf", parent.key)] = Relation(e.key, "Park", "partOf", parent.key, "Park")
    for d in range(n_docs):
        doc_id = f"{d:05d}_{hashlib.sha1(str(d).encode()).hexdigest()[:16]}"
        topic = {
            "Park": zipf_pick(rng, ents["Park"], 2),
            "Company": zipf_pick(rng, ents["Company"], 8),
            "Policy": zipf_pick(rng, ents["Policy"], 2),
            "Official": zipf_pick(rng, ents["Official"], 2),
            "Executive": zipf_pick(rng, ents["Executive"], 2),
            "Agency": zipf_pick(rng, ents["Agency"], 1),
            "Institution": zipf_pick(rng, ents["Institution"], 1),
        }
        pool = [e for es in topic.values() for e in es]
        n_sent, n_art = 40, 3
        sentences, src, pos = [], [], 0
        for i in range(n_sent):
            text = "".join(rng.choice(SYL) for _ in range(rng.randint(30, 90))) + "。"
            sentences.append(Sentence(i, pos, pos + len(text), text, i * n_art // n_sent))
            src.append((pos, pos + len(text)))
            pos += len(text) + 1
        articles = [Article(a, 0, pos, title=word(rng, 8), byline="本报记者 " + person(rng))
                    for a in range(n_art)]
        docs.append(DocResult(doc_id=doc_id, path=f"corpus/{doc_id}.txt",
                              sha256=hashlib.sha256(doc_id.encode()).hexdigest(), encoding="utf-8",
                              n_chars=pos, title=word(rng, 8), date=f"2024-{d % 12 + 1:02d}-15",
                              articles=articles, sentences=sentences, sentence_src=src,
                              entities=[], relations=[], relation_src=[]))
        for i in range(n_sent):  # ~1.5 mentions per sentence
            for e in rng.sample(pool, rng.choice((1, 1, 2, 2, 2))):
                e.mentions.append((doc_id, i))

        def relate(s, p, o):
            i = rng.randrange(n_sent)
            a, b = src[i]
            r = rels.setdefault((s.key, p, o.key), Relation(s.key, s.cls, p, o.key, o.cls))
            r.evidence.append(Evidence(doc_id, i, a, min(b, a + 20), f"gen-{p}",
                                       round(rng.uniform(0.6, 0.99), 2)))
            s.mentions.append((doc_id, i))
            o.mentions.append((doc_id, i))

        park = topic["Park"][0]
        for c in topic["Company"][:5]:
            relate(c, "locatedIn", park)
        for c in topic["Company"][:3]:
            relate(c, "investsIn", rng.choice(topic["Park"]))
        relate(topic["Official"][0], "holdsPost", park)
        relate(topic["Executive"][0], "worksFor", topic["Company"][0])
        relate(topic["Policy"][0], "issuedBy", topic["Agency"][0])
        relate(topic["Policy"][0], "appliesTo", park)
        # a subsidiary the document names, else one of the groups' subsidiaries (news on groups)
        sub = next((c for c in topic["Company"] if c.key in parent_of), None) \
            or zipf_pick(rng, subsidiaries)[0]
        relate(sub, "subsidiaryOf", parent_of[sub.key])
        relate(topic["Institution"][0], "locatedIn", park)
    entities = [e for es in ents.values() for e in es]
    for e in entities:
        e.mentions = sorted(set(e.mentions))
    return Corpus(docs=docs, entities=entities, relations=list(rels.values()))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, help="number of documents (overrides --triples)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--base", default=DEFAULT_BASE)
    ap.add_argument("--out", type=Path, default=Path("benchmarks/_work/graph.ttl"))
    args = ap.parse_args(argv)
    n_docs = args.docs or max(1, round(args.triples / 560))
    t = time.perf_counter()
    corpus = make_corpus(n_docs, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = write_turtle(corpus, args.out, args.base)
    print(f"{n:,} triples, {n_docs} documents -> {args.out} ({time.perf_counter() - t:.1f}s)")


if __name__ == "__main__":
    main()
