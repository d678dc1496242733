"""Score a graph against gold annotations (per-document JSON files plus ``crossdoc.json``).

The scoring is set-based at corpus level, as the gold guideline describes: the per-document gold
files are merged into one corpus gold (entities of one class whose normalised name forms overlap
are one entity, plus the ``merge`` groups of ``crossdoc.json``), then graph nodes and edges are
compared with it. The core, :func:`score`, works on plain data so that it can be called in memory
(e.g. while tuning extraction rules) without writing a graph file:

    gold = load_gold("gold/")
    entities, relations = read_graph("out/graph.ttl")     # or from_corpus(corpus) in memory
    report = score(entities, relations, gold)
    print(report.to_text(errors=True)); report.to_dict()["entities"]["micro"]["f1"]
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import unquote

from kg.errors import KGError
from kg.model import CLASSES, DOMAIN_RANGE, PROPERTIES

PK = "https://w3id.org/parkkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


# 《》 count as quotes: policy titles are written both with and without them.
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉]+")
_EXPANSIONS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"))


def normalize(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, no whitespace or quotes, and the long
    zone names shortened (X高新技术产业开发区 = X高新区, X经济技术开发区 = X经开区)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", name)).casefold()
    for long, short in _EXPANSIONS:
        text = text.replace(long, short)
    return text


# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class PredEntity:
    """A graph entity node: ``names[0]`` is its label, the rest its other name forms."""
    id: str
    cls: str
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.names[0] if self.names else self.id


PredRelation = tuple  # (subject id, property, object id)


@dataclass
class GoldEntity:
    id: str                      # "<Class>:<name>", unique
    cls: str
    name: str                    # canonical: the most complete `name` of the merged entries
    forms: tuple[str, ...]       # name first, then every other name form
    keys: frozenset[str]         # normalised forms
    docs: tuple[str, ...]
    optional: bool = False


@dataclass
class GoldRelation:
    s: str                       # gold entity ids (or "optional:<key>" for an optional-only name)
    p: str
    o: str
    s_name: str
    o_name: str
    evidence: tuple[str, ...]
    docs: tuple[str, ...]
    optional: bool = False


@dataclass
class Gold:
    entities: dict[str, GoldEntity]
    relations: dict[tuple[str, str, str], GoldRelation]
    optional_keys: frozenset[str]  # crossdoc optional names and all forms of optional entities
    #: (class, normalised form) -> gold id; one id per key, since overlapping forms were merged
    index: dict[tuple[str, str], str]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Scored (non-optional) gold entities per class and relations per property."""
        ents = {c: 0 for c in CLASSES}
        for e in self.entities.values():
            if not e.optional:
                ents[e.cls] += 1
        rels = {p: 0 for p in PROPERTIES}
        for r in self.relations.values():
            if not r.optional:
                rels[r.p] += 1
        return {"entities": ents, "relations": rels}


# --------------------------------------------------------------------------- gold

class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def load_gold(directory: str | Path) -> Gold:
    """Read a gold directory: every ``*.json`` but ``crossdoc.json`` is one document's gold."""
    root = Path(directory)
    if not root.is_dir():
        raise KGError(f"no gold directory at {root}")
    docs = []
    for path in sorted(root.glob("*.json")):
        if path.name == "crossdoc.json":
            continue
        docs.append(_read_json(path))
    if not docs:
        raise KGError(f"no gold files (*.json) in {root}")
    cross = root / "crossdoc.json"
    return gold_from_docs(docs, _read_json(cross) if cross.exists() else None)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KGError(f"cannot read gold file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise KGError(f"gold file {path} is not a JSON object")
    data.setdefault("doc", path.name)
    return data


def gold_from_docs(docs: Sequence[dict], crossdoc: dict | None = None) -> Gold:
    """Merge per-document gold dicts (and an optional crossdoc dict) into one corpus gold."""
    crossdoc = crossdoc or {}
    warnings: list[str] = []
    # borderline names: the crossdoc list, and any document's own "optional" list
    optional_names = [*crossdoc.get("optional", []), *(n for d in docs for n in d.get("optional", []))]
    optional_keys = frozenset(k for k in map(normalize, optional_names) if k)
    items = _gold_items(docs)
    uf = _same_entities(items, crossdoc.get("merge", []), warnings)
    entities, item_gid = _gold_entities(items, uf, optional_keys)
    index = {(e.cls, k): e.id for e in entities.values() for k in e.keys}
    relations = _gold_relations(docs, items, item_gid, entities, index, optional_keys, warnings)
    # every form of an optional entity is optional, whatever class a graph gives it
    optional_keys |= {k for e in entities.values() if e.optional for k in e.keys}
    return Gold(entities, relations, optional_keys, index, warnings)


def _gold_items(docs: Sequence[dict]) -> list[tuple[str, dict, list[str]]]:
    """Every document's gold entities as (doc, entry, name forms), in document order."""
    items: list[tuple[str, dict, list[str]]] = []
    for d in docs:
        doc = str(d.get("doc", "?"))
        for e in d.get("entities", []):
            cls, name = e.get("type"), (e.get("name") or "").strip()
            if cls not in CLASSES:
                raise KGError(f"gold {doc}: unknown entity type {cls!r} (for {name!r})")
            if not normalize(name):
                raise KGError(f"gold {doc}: an entity of type {cls} has no name")
            forms = [name] + [a for a in e.get("aliases", []) if normalize(a)]
            items.append((doc, e, forms))
    return items


def _same_entities(items, merge: list[list[str]], warnings: list[str]) -> _UnionFind:
    """Items of one class joined when their normalised forms overlap, and by the crossdoc
    ``merge`` groups (per class)."""
    uf = _UnionFind(len(items))
    first: dict[tuple[str, str], int] = {}
    for i, (_, e, forms) in enumerate(items):
        for f in forms:
            j = first.setdefault((e["type"], normalize(f)), i)
            uf.union(i, j)
    for group in merge:
        keys = {normalize(n) for n in group}
        hits = [i for i, (_, e, forms) in enumerate(items) if keys & {normalize(f) for f in forms}]
        found = {normalize(f) for i in hits for f in items[i][2]}
        missing = [n for n in group if normalize(n) not in found]
        if missing:
            warnings.append(f"crossdoc merge: no gold entity named {', '.join(missing)}")
        by_cls: dict[str, list[int]] = defaultdict(list)
        for i in hits:
            by_cls[items[i][1]["type"]].append(i)
        if len(by_cls) > 1:
            warnings.append(f"crossdoc merge {group}: names of different types "
                            f"({', '.join(sorted(by_cls))}); merged per type only")
        for members in by_cls.values():
            for i in members[1:]:
                uf.union(members[0], i)
    return uf


def _gold_entities(items, uf: _UnionFind, optional_keys: frozenset[str]
                   ) -> tuple[dict[str, GoldEntity], dict[int, str]]:
    """One GoldEntity per group of joined items, and each item's gold id."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    entities: dict[str, GoldEntity] = {}
    item_gid: dict[int, str] = {}
    for members in groups.values():
        cls = items[members[0]][1]["type"]
        # the most complete name; among equal ones (青岛高新区 = 青岛高新技术产业开发区) the one
        # most documents use, then the shorter spelling
        used = Counter(items[i][1]["name"].strip() for i in members)
        canonical = min(used, key=lambda n: (-len(normalize(n)), -used[n], len(n), n))
        forms, seen = [], set()
        for f in [canonical] + [f for i in members for f in items[i][2]]:
            if f not in seen:
                seen.add(f)
                forms.append(f)
        keys = frozenset(normalize(f) for f in forms)
        gid = f"{cls}:{canonical}"
        entities[gid] = GoldEntity(gid, cls, canonical, tuple(forms), keys,
                                   tuple(sorted({items[i][0] for i in members})),
                                   optional=bool(keys & optional_keys))
        for i in members:
            item_gid[i] = gid
    return entities, item_gid


def _gold_relations(docs: Sequence[dict], items, item_gid: dict[int, str],
                    entities: dict[str, GoldEntity], index: dict[tuple[str, str], str],
                    optional_keys: frozenset[str], warnings: list[str]
                    ) -> dict[tuple[str, str, str], GoldRelation]:
    # Relations name entities by `name`; look them up in their own document first.
    relations: dict[tuple[str, str, str], GoldRelation] = {}
    pos = 0
    for d in docs:
        doc = str(d.get("doc", "?"))
        local = list(range(pos, pos + len(d.get("entities", []))))
        pos += len(local)
        for r in d.get("relations", []):
            p = r.get("p")
            if p not in PROPERTIES:
                raise KGError(f"gold {doc}: unknown relation property {p!r}")
            dom, rng = DOMAIN_RANGE[p]  # which of two same-named gold entities is meant
            s = _resolve(r.get("s", ""), dom, local, items, item_gid, index, optional_keys)
            o = _resolve(r.get("o", ""), rng, local, items, item_gid, index, optional_keys)
            if s is None or o is None:
                warnings.append(f"gold {doc}: relation {r.get('s')} {p} {r.get('o')} names an "
                                f"entity not in the gold; skipped")
                continue
            key = (s, p, o)
            ev = (r.get("evidence") or "").strip()
            if key in relations:
                old = relations[key]
                old.evidence += (ev,) if ev and ev not in old.evidence else ()
                old.docs += (doc,) if doc not in old.docs else ()
                continue
            optional = any(x.startswith("optional:") or entities[x].optional for x in (s, o))
            relations[key] = GoldRelation(
                s, p, o, _name(s, entities, r["s"]), _name(o, entities, r["o"]),
                (ev,) if ev else (), (doc,), optional)
    return relations


def _resolve(name: str, classes: set[str], local: list[int], items, item_gid, index,
             optional_keys) -> str | None:
    key = normalize(name)
    if not key:
        return None
    # same document: exact `name` first, then any normalised form; prefer the property's classes
    cands = [i for i in local if items[i][1]["name"].strip() == name.strip()]
    cands += [i for i in local if i not in cands and key in {normalize(f) for f in items[i][2]}]
    if cands:
        fitting = [i for i in cands if items[i][1]["type"] in classes] or cands
        return item_gid[fitting[0]]
    for cls in sorted(classes) + [c for c in CLASSES if c not in classes]:
        if (cls, key) in index:
            return index[(cls, key)]
    if key in optional_keys:
        return f"optional:{key}"
    return None


def _name(gid: str, entities: dict[str, GoldEntity], written: str) -> str:
    return entities[gid].name if gid in entities else written.strip()


# --------------------------------------------------------------------------- graph

def read_graph(path: str | Path) -> tuple[list[PredEntity], list[PredRelation]]:
    """Entity nodes (typed with one of the seven contract classes) and the contract relations
    between them, from an RDF file (format from the extension; Turtle when unknown)."""
    import pyoxigraph as ox

    path = Path(path)
    if not path.is_file():
        raise KGError(f"no graph at {path}: run kg build first")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    classes = {PK + c: c for c in CLASSES}
    props = {PK + p: p for p in PROPERTIES}
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    alts: dict[str, set[str]] = defaultdict(set)
    edges: set[tuple[str, str, str]] = set()
    try:
        # base: relative IRIs without an @base still get stable ids
        for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri(),
                          lenient=True):
            s, p, o = q.subject, q.predicate.value, q.object
            sid = _term_id(s)
            if p == RDF_TYPE:
                if o.value in classes:
                    types[sid].add(classes[o.value])
            elif p == RDFS_LABEL:
                if isinstance(o, ox.Literal):
                    labels[sid].add(o.value)
            elif p == SKOS_ALT:
                if isinstance(o, ox.Literal):
                    alts[sid].add(o.value)
            elif p in props and not isinstance(o, ox.Literal):
                edges.add((sid, props[p], _term_id(o)))
    except (SyntaxError, ValueError, OSError) as exc:
        raise KGError(f"cannot read graph {path}: {str(exc).splitlines()[0]}") from None
    entities = []
    for sid in sorted(types):
        cls = next(c for c in CLASSES if c in types[sid])  # the contract says exactly one
        label = sorted(labels[sid])
        names = label + sorted((labels[sid] | alts[sid]) - set(label[:1]))
        if not names:
            names = [unquote(sid.rstrip("/").rsplit("/", 1)[-1])]
        # a second rdfs:label (a contract violation) still counts as a name form
        entities.append(PredEntity(sid, cls, tuple(dict.fromkeys(names))))
    relations = sorted((s, p, o) for s, p, o in edges if s in types and o in types)
    return entities, relations


def _term_id(term) -> str:
    import pyoxigraph as ox

    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def from_corpus(corpus) -> tuple[list[PredEntity], list[PredRelation]]:
    """Scorer input from an in-memory :class:`kg.model.Corpus` (no graph file needed)."""
    entities = [PredEntity(f"{e.cls}/{e.key}", e.cls, tuple(dict.fromkeys([e.label, *e.aliases])))
                for e in corpus.entities]
    relations = [(f"{r.s_cls}/{r.s}", r.p, f"{r.o_cls}/{r.o}") for r in corpus.relations]
    return entities, relations


# --------------------------------------------------------------------------- scoring

@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0

    @property
    def fp(self) -> int:
        return self.pred - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float | None:
        return self.tp / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        return 2 * self.tp / (self.pred + self.gold) if self.pred + self.gold else None

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp += other.tp

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "precision": r(self.precision), "recall": r(self.recall),
                "f1": r(self.f1)}


@dataclass
class ErrorItem:
    kind: str        # "FP" or "FN"
    group: str       # class or property
    text: str        # entity name, or "subject —p→ object"
    note: str = ""   # why: duplicate of …, gold has it as …, evidence …

    def to_dict(self) -> dict:
        return {"kind": self.kind, "group": self.group, "text": self.text, "note": self.note}


@dataclass
class Report:
    entities: dict[str, Score]
    relations: dict[str, Score]
    entity_errors: list[ErrorItem]
    relation_errors: list[ErrorItem]
    ignored_entities: int = 0     # graph nodes matching optional gold
    ignored_relations: int = 0    # graph edges touching them
    warnings: list[str] = field(default_factory=list)

    @property
    def entity_micro(self) -> Score:
        return _sum(self.entities.values())

    @property
    def relation_micro(self) -> Score:
        return _sum(self.relations.values())

    def to_dict(self, errors: bool = True) -> dict:
        out = {
            "entities": {"per_class": {c: s.to_dict() for c, s in self.entities.items()},
                         "micro": self.entity_micro.to_dict()},
            "relations": {"per_property": {p: s.to_dict() for p, s in self.relations.items()},
                          "micro": self.relation_micro.to_dict()},
            "ignored": {"entities": self.ignored_entities, "relations": self.ignored_relations},
            "warnings": list(self.warnings),
        }
        if errors:
            out["errors"] = {"entities": [e.to_dict() for e in self.entity_errors],
                             "relations": [e.to_dict() for e in self.relation_errors]}
        return out

    def to_json(self, errors: bool = True) -> str:
        return json.dumps(self.to_dict(errors), ensure_ascii=False, indent=1)

    def to_text(self, errors: bool = False) -> str:
        lines = []
        head = ["gold", "pred", "TP", "FP", "FN", "P", "R", "F1"]
        for title, scores, micro in (("Entities", self.entities, self.entity_micro),
                                     ("Relations", self.relations, self.relation_micro)):
            lines.append(f"{title:<14}" + "".join(f"{h:>7}" for h in head))
            for name, s in list(scores.items()) + [("micro", micro)]:
                lines.append(f"  {name:<12}" + _row(s))
            lines.append("")
        lines.append(f"micro F1: entities {_fmt(self.entity_micro.f1)}, "
                     f"relations {_fmt(self.relation_micro.f1)}")
        if self.ignored_entities or self.ignored_relations:
            lines.append(f"ignored (optional in the gold): {self.ignored_entities} entities, "
                         f"{self.ignored_relations} relations")
        if errors:
            for title, items, order in (("entities", self.entity_errors, CLASSES),
                                        ("relations", self.relation_errors, PROPERTIES)):
                lines += ["", f"Errors: {title} ({len(items)})"]
                by_group: dict[str, list[ErrorItem]] = defaultdict(list)
                for e in items:
                    by_group[e.group].append(e)
                for g in order:
                    if by_group.get(g):
                        lines.append(f"  {g}")
                        for e in by_group[g]:
                            note = f"   ({e.note})" if e.note else ""
                            lines.append(f"    {e.kind}  {e.text}{note}")
        return "\n".join(lines)


def _sum(scores: Iterable[Score]) -> Score:
    total = Score()
    for s in scores:
        total.add(s)
    return total


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _row(s: Score) -> str:
    return "".join(f"{v:>7}" for v in (s.gold, s.pred, s.tp, s.fp, s.fn)) + \
        "".join(f"{_fmt(v):>7}" for v in (s.precision, s.recall, s.f1))


OPTIONAL = "<optional>"


def score(pred_entities: Iterable[PredEntity], pred_relations: Iterable[Sequence[str]],
          gold: Gold) -> Report:
    """Compare graph entities and relations (plain data) with the corpus gold."""
    scoring = _Scoring(pred_entities, gold)
    scores, ent_errors, ignored_e = scoring.entities()
    rscores, rel_errors, ignored_r = scoring.relations(pred_relations)
    ent_errors.sort(key=lambda e: (CLASSES.index(e.group), e.kind != "FP", e.text))
    rel_errors.sort(key=lambda e: (PROPERTIES.index(e.group), e.kind != "FP", e.text))
    return Report(scores, rscores, ent_errors, rel_errors, ignored_e, ignored_r,
                  list(gold.warnings))


class _Scoring:
    """The steps of score: every node matched to one gold entity, OPTIONAL, or None (a false
    positive) on construction; then entities(), then relations(), which reads which node of a
    gold entity hit and which are its duplicates."""

    def __init__(self, pred_entities: Iterable[PredEntity], gold: Gold):
        self.gold = gold
        self.ents = sorted({e.id: e for e in pred_entities}.values(), key=lambda e: e.id)
        self.by_id = {e.id: e for e in self.ents}
        self.node_gold: dict[str, str | None] = {}
        self.elsewhere: dict[str, str] = {}  # unmatched node -> where the gold has its name instead
        for e in self.ents:
            self._match(e)
        self.nodes_of: dict[str, list[PredEntity]] = defaultdict(list)
        self.rank: dict[str, int] = {}  # 0 = the node that hit, 1 = a duplicate

    def _match(self, e: PredEntity) -> None:
        gold = self.gold
        keys = {k for k in (normalize(n) for n in e.names) if k}
        cands = {gold.index[(e.cls, k)] for k in keys if (e.cls, k) in gold.index}
        if cands:
            label = normalize(e.label)
            best = min(cands, key=lambda g: (
                label != normalize(gold.entities[g].name),
                label not in gold.entities[g].keys,
                -len(keys & gold.entities[g].keys), g))
            self.node_gold[e.id] = OPTIONAL if gold.entities[best].optional else best
        elif keys & gold.optional_keys:
            self.node_gold[e.id] = OPTIONAL
        else:
            self.node_gold[e.id] = None
            self.elsewhere[e.id] = _elsewhere(e.cls, keys, gold)

    def entities(self) -> tuple[dict[str, Score], list[ErrorItem], int]:
        """One hit per gold entity; further nodes on it are unmerged duplicates."""
        scores = {c: Score() for c in CLASSES}
        for g in self.gold.entities.values():
            if not g.optional:
                scores[g.cls].gold += 1
        errors: list[ErrorItem] = []
        ignored = 0
        for e in self.ents:
            g = self.node_gold[e.id]
            if g == OPTIONAL:
                ignored += 1
                continue
            scores[e.cls].pred += 1
            if g is None:
                errors.append(ErrorItem("FP", e.cls, _describe(e), self.elsewhere[e.id]))
            else:
                self.nodes_of[g].append(e)
        for g, nodes in self.nodes_of.items():
            ge = self.gold.entities[g]
            nodes.sort(key=lambda n: (normalize(n.label) != normalize(ge.name),
                                      -len({normalize(x) for x in n.names} & ge.keys), n.label, n.id))
            scores[ge.cls].tp += 1
            self.rank[nodes[0].id] = 0
            for n in nodes[1:]:
                self.rank[n.id] = 1
                same = normalize(nodes[0].label) == normalize(ge.name)
                errors.append(ErrorItem("FP", n.cls, _describe(n), f"duplicate of {nodes[0].label}"
                                        + ("" if same else f", gold {ge.name}")))
        for g in sorted(self.gold.entities.values(), key=lambda g: (g.cls, g.name)):
            if not g.optional and g.id not in self.nodes_of:
                errors.append(ErrorItem("FN", g.cls, _describe_gold(g), _docs(g.docs)))
        return scores, errors, ignored

    def relations(self, pred_relations: Iterable[Sequence[str]]
                  ) -> tuple[dict[str, Score], list[ErrorItem], int]:
        """Relations between entity nodes; those of the nodes that hit are counted first, so
        a duplicate node's copy of a relation is the false positive."""
        gold, by_id = self.gold, self.by_id
        scores = {p: Score() for p in PROPERTIES}
        for r in gold.relations.values():
            if not r.optional:
                scores[r.p].gold += 1
        rels = {(s, p, o) for s, p, o in pred_relations
                if p in scores and s in by_id and o in by_id}
        rels = sorted(rels, key=lambda t: (self.rank.get(t[0], 1) + self.rank.get(t[2], 1), t))
        errors: list[ErrorItem] = []
        hit: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        ignored = 0
        for s, p, o in rels:
            gs, go = self.node_gold[s], self.node_gold[o]
            if OPTIONAL in (gs, go):
                ignored += 1
                continue
            scores[p].pred += 1
            text = f"{by_id[s].label} —{p}→ {by_id[o].label}"
            key = (gs, p, go)
            if gs and go and key in gold.relations and not gold.relations[key].optional:
                if key in hit:
                    first = hit[key]
                    errors.append(ErrorItem(
                        "FP", p, text, f"duplicate of {by_id[first[0]].label} —{p}→ "
                                       f"{by_id[first[2]].label} (unmerged duplicate node)"))
                else:
                    hit[key] = (s, p, o)
                    scores[p].tp += 1
                continue
            errors.append(ErrorItem("FP", p, text, self._false_relation_note(s, o)))
        errors += self._missed_relations(hit)
        return scores, errors, ignored

    def _false_relation_note(self, s: str, o: str) -> str:
        gs, go = self.node_gold[s], self.node_gold[o]
        why = []
        for end, g, node in (("subject", gs, self.by_id[s]), ("object", go, self.by_id[o])):
            if g is None:
                why.append(f"{end} not in gold" + (f" as {node.cls}" if self.elsewhere[node.id] else ""))
        if gs and go:
            other = [q for q in PROPERTIES if (gs, q, go) in self.gold.relations]
            if other:
                why.append(f"gold has {', '.join(other)}")
        return "; ".join(why)

    def _missed_relations(self, hit: dict) -> list[ErrorItem]:
        errors = []
        matched_gold = set(self.nodes_of)
        for key, r in sorted(self.gold.relations.items(),
                             key=lambda kv: (kv[1].p, kv[1].s_name, kv[1].o_name)):
            if r.optional or key in hit:
                continue
            why = []
            for end, gid in (("subject", r.s), ("object", r.o)):
                if gid not in matched_gold:
                    why.append(f"{end} missing from graph")
            if r.evidence:
                why.append(f"«{r.evidence[0]}»")
            why.append(_docs(r.docs))
            errors.append(ErrorItem("FN", r.p, f"{r.s_name} —{r.p}→ {r.o_name}", "; ".join(why)))
        return errors


def _describe(e: PredEntity) -> str:
    others = [n for n in e.names[1:] if n != e.label]
    return e.label + (f" [also: {', '.join(others)}]" if others else "")


def _describe_gold(g: GoldEntity) -> str:
    others = [f for f in g.forms[1:]]
    return g.name + (f" [also: {', '.join(others)}]" if others else "")


def _elsewhere(cls: str, keys: set[str], gold: Gold) -> str:
    """For a false positive: is it in the gold under another class?"""
    other = sorted({(c, gold.entities[gold.index[(c, k)]].name)
                    for c in CLASSES if c != cls for k in keys if (c, k) in gold.index})
    return "; ".join(f"gold has it as {c}: {n}" for c, n in other)


def _docs(docs: Sequence[str]) -> str:
    return "in " + ", ".join(Path(d).stem for d in docs)
