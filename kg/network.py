"""The RDF graph as a networkx graph: entities as nodes, the eight relations as edges.

The view (kg.view) and the statistics (kg.stats) work on this projection. Provenance nodes
(documents, articles, sentences, reified statements) do not become nodes: they are folded
into the attributes of what they support — a node keeps the sentences that mention it, an edge
keeps its evidence sentences — so a tooltip can quote the article without a second lookup.

The Turtle is read with pyoxigraph's streaming parser (an order of magnitude faster than
rdflib on large graphs) in one pass. A build that holds the resolved corpus in memory gets the
same graph from it without writing or reading Turtle (network_from_corpus): its source
sentences are looked up only for the passages a page shows.
"""
from __future__ import annotations

import difflib
import gc
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import unquote

import networkx as nx

from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES

PK = "https://w3id.org/parkkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
DEFAULT_BASE = "https://w3id.org/parkkg/id/"

#: class -> (Chinese, English) names shown in the legend, tooltips and `kg stats`.
CLASS_LABELS = {
    "Park": ("园区", "Park"),
    "Company": ("企业", "Company"),
    "Policy": ("政策", "Policy"),
    "Official": ("官员", "Official"),
    "Executive": ("企业负责人", "Executive"),
    "Agency": ("政府机构", "Agency"),
    "Institution": ("科研院所", "Institution"),
}

#: relation -> (Chinese, English) reading of "subject –relation→ object".
RELATION_LABELS = {
    "locatedIn": ("位于", "located in"),
    "investsIn": ("投资", "invests in"),
    "issuedBy": ("发布方", "issued by"),
    "appliesTo": ("适用于", "applies to"),
    "holdsPost": ("任职于", "holds post in"),
    "worksFor": ("就职于", "works for"),
    "subsidiaryOf": ("子公司", "subsidiary of"),
    "partOf": ("隶属于", "part of"),
}

_CLASS_IRIS = {PK + c: c for c in CLASSES}
_REL_IRIS = {PK + p: p for p in PROPERTIES}

_TYPE = RDF + "type"
_LABEL = RDFS + "label"
_ALT = SKOS + "altLabel"
_MENTIONED = PK + "mentionedIn"
_POST = PK + "title"
_KIND = PK + "kind"
_TEXT = PK + "text"
_IN_ARTICLE = PK + "inArticle"
_IN_DOC = PK + "inDocument"
_FILE = PK + "fileName"
_DCT_TITLE = DCT + "title"
_ST_S, _ST_P, _ST_O = RDF + "subject", RDF + "predicate", RDF + "object"
_ST_SENTENCE = PK + "sentence"
_CONFIDENCE = PK + "confidence"
_RULE = PK + "rule"

# pk:Investment nodes (kg.facts) and publication dates
_INVESTMENT = {PK + p: p for p in ("investor", "target", "amount", "currency", "amountText",
                                   "project", "date")}
_PUBLISHED = PK + "published"

_WANTED = {_TYPE, _LABEL, _ALT, _MENTIONED, _POST, _KIND, _TEXT, _IN_ARTICLE, _IN_DOC, _FILE,
           _DCT_TITLE, _ST_S, _ST_P, _ST_O, _ST_SENTENCE, _CONFIDENCE, _RULE, _PUBLISHED} \
    | set(_REL_IRIS) | set(_INVESTMENT)


@dataclass
class Passage:
    """A source sentence and where it comes from."""
    text: str
    article: str      # article headline ("" when the page gave none)
    document: str     # file name of the newspaper page
    sentence: str     # sentence IRI

    def as_dict(self) -> dict:
        return {"text": self.text, "article": self.article, "document": self.document,
                "sentence": self.sentence}


def read_triples(graph_ttl: Path):
    """Yield (s, p, o) as plain strings (IRIs and literal values) for the predicates we use."""
    import pyoxigraph as ox
    graph_ttl = Path(graph_ttl)
    if not graph_ttl.is_file():
        raise KGError(f"graph not found: {graph_ttl} (run `kg build` first, or pass --graph)")
    fmt = ox.RdfFormat.from_extension(graph_ttl.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        for q in ox.parse(path=str(graph_ttl), format=fmt, base_iri=DEFAULT_BASE):
            p = q.predicate.value
            if p in _WANTED:
                o = q.object
                yield q.subject.value, p, o.value, getattr(o, "language", None)
    except SyntaxError as exc:
        raise KGError(f"cannot parse {graph_ttl}: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise KGError(f"cannot read {graph_ttl}: {exc.strerror or exc}") from None


def _pick_label(values: list[tuple[str, str | None]]) -> str | None:
    if not values:
        return None
    zh = sorted(v for v, lang in values if lang and lang.lower().startswith("zh"))
    return zh[0] if zh else sorted(v for v, _ in values)[0]


def iri_name(iri: str) -> str:
    """Readable fallback name: the last path segment, percent-decoded."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1])


class _GraphTriples:
    """What load_network keeps of graph.ttl: one pass over its triples, sorted by predicate
    into lookups by subject."""

    def __init__(self):
        self.types: dict[str, str] = {}
        self.labels: dict[str, list] = defaultdict(list)
        self.alts: dict[str, set] = defaultdict(set)
        self.mentions: dict[str, set] = defaultdict(set)
        self.posts: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.sent_text: dict[str, str] = {}
        self.sent_article: dict[str, str] = {}
        self.sent_doc: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.direct: set[tuple[str, str, str]] = set()
        self.stmts: dict[str, dict] = defaultdict(dict)
        self.invs: dict[str, dict] = defaultdict(dict)
        self.published: dict[str, str] = {}

    @classmethod
    def read(cls, graph_ttl: Path) -> _GraphTriples:
        t = cls()
        for s, p, o, lang in read_triples(graph_ttl):
            t.add(s, p, o, lang)
        return t

    def add(self, s: str, p: str, o: str, lang: str | None) -> None:
        if p == _TYPE:
            cls = _CLASS_IRIS.get(o)
            # Exactly one class per entity by contract; if a graph breaks that, keep the
            # first in contract order so the result does not depend on triple order.
            if cls and (s not in self.types or CLASSES.index(cls) < CLASSES.index(self.types[s])):
                self.types[s] = cls
        elif p in _REL_IRIS:
            self.direct.add((s, _REL_IRIS[p], o))
        elif p == _LABEL:
            self.labels[s].append((o, lang))
        elif p == _ALT:
            self.alts[s].add(o)
        elif p == _MENTIONED:
            self.mentions[s].add(o)
        elif p == _TEXT:
            self.sent_text[s] = o
        elif p == _IN_ARTICLE:
            self.sent_article[s] = o
        elif p == _IN_DOC:
            self.sent_doc[s] = o
        elif p == _DCT_TITLE:
            self.titles[s] = o
        elif p == _FILE:
            self.files[s] = o
        elif p == _POST:
            self.posts[s] = o
        elif p == _KIND:
            self.kinds[s] = o
        elif p == _ST_P:
            self.stmts[s]["p"] = _REL_IRIS.get(o, o)
        elif p in (_ST_S, _ST_O, _ST_SENTENCE, _CONFIDENCE, _RULE):
            self.stmts[s][p] = o
        elif p in _INVESTMENT:
            self.invs[s][_INVESTMENT[p]] = o
        elif p == _PUBLISHED:
            self.published[s] = o

    def passage(self, sentence: str) -> Passage:
        doc = self.sent_doc.get(sentence, "")
        article = self.sent_article.get(sentence, "")
        doc_name = (self.files.get(doc) or _pick_label(self.labels.get(doc, []))
                    or (iri_name(doc) if doc else ""))
        return Passage(text=self.sent_text.get(sentence, ""), article=self.titles.get(article, ""),
                       document=doc_name, sentence=sentence)

    def evidence(self) -> dict[tuple[str, str, str], list]:
        """(subject, relation, object) -> the evidence of its reified statements."""
        evidence: dict[tuple[str, str, str], list] = defaultdict(list)
        for st in self.stmts.values():
            key = (st.get(_ST_S), st.get("p"), st.get(_ST_O))
            sentence = st.get(_ST_SENTENCE)
            if sentence:
                ev = self.passage(sentence).as_dict()
                ev["confidence"] = float(st[_CONFIDENCE]) if _CONFIDENCE in st else None
                ev["rule"] = st.get(_RULE, "")
                evidence[key].append(ev)
        return evidence


def _sentence_order(sentence: str) -> tuple:
    # Document, then sentence index: passages read in page order.
    head, _, idx = sentence.rpartition("/s/")
    return (head, int(idx) if idx.isdigit() else 0, sentence)


def load_network(graph_ttl: Path) -> nx.MultiDiGraph:
    """Read graph.ttl into a MultiDiGraph keyed by entity IRI.

    Node attributes: cls, label, aliases (list), names (label + aliases), post, kind,
    mentions (list of Passage), degree, iri. Edge key: the relation name; edge attributes:
    rel, zh, en, evidence (list of dicts: Passage fields + confidence, rule).
    """
    t = _GraphTriples.read(graph_ttl)
    G = nx.MultiDiGraph()
    for iri, cls in t.types.items():
        label = _pick_label(t.labels.get(iri, [])) or iri_name(iri)
        aliases = sorted(a for a in t.alts.get(iri, ()) if a != label)
        G.add_node(iri, iri=iri, cls=cls, label=label, aliases=aliases, names=[label] + aliases,
                   post=t.posts.get(iri, ""), kind=t.kinds.get(iri, ""),
                   mentions=[t.passage(x) for x in sorted(t.mentions.get(iri, ()), key=_sentence_order)])
    evidence = t.evidence()
    for s, rel, o in sorted(t.direct):
        if s in t.types and o in t.types:   # a relation to an untyped node is not drawable
            zh, en = RELATION_LABELS[rel]
            evs = sorted(evidence.get((s, rel, o), []), key=lambda e: _sentence_order(e["sentence"]))
            G.add_edge(s, o, key=rel, rel=rel, zh=zh, en=en, evidence=evs)
    for n, d in G.degree():
        G.nodes[n]["degree"] = d
    G.graph["investments"] = _investments(t, G)
    return G


def _investment(labels: dict[str, str], iri: str, investor: str, target: str, amount: str,
                currency: str, amount_text: str, project: str, date: str, published: str,
                ev: dict) -> dict:
    def label(n: str) -> str:
        return labels.get(n) or iri_name(n)
    return {"iri": iri, "investor": investor, "investor_label": label(investor),
            "target": target, "target_label": label(target), "amount": amount,
            "currency": currency, "amount_text": amount_text, "project": project, "date": date,
            "published": published, "evidence": ev}


def decimal_amount(text: str) -> Decimal:
    """An amount's decimal text as a Decimal (0 when it is not a number)."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)


def _sorted_investments(out: list[dict]) -> list[dict]:
    """Largest amount first within each currency."""
    out.sort(key=lambda x: (x["currency"], -decimal_amount(x["amount"]), x["investor_label"], x["iri"]))
    return out


def _investments(t: _GraphTriples, G: nx.MultiDiGraph) -> list[dict]:
    """The graph's pk:Investment nodes as dicts."""
    out = []
    labels = {n: d["label"] for n, d in G.nodes(data=True)}
    for iri, d in t.invs.items():
        if "investor" not in d or "target" not in d or "amount" not in d:
            continue
        sentence = t.stmts.get(iri, {}).get(_ST_SENTENCE, "")
        ev = t.passage(sentence).as_dict() if sentence else {}
        doc = t.sent_doc.get(sentence, "")
        out.append(_investment(labels, iri, d["investor"], d["target"], d["amount"],
                               d.get("currency", ""), d.get("amountText", ""),
                               d.get("project", ""), d.get("date", ""), t.published.get(doc, ""), ev))
    return _sorted_investments(out)


# --- the same graph from a build's corpus, without Turtle ------------------------------------

_frozen = 0


@contextmanager
def gc_frozen():
    """The objects alive now (a build's corpus: millions) left out of garbage collection while
    the block runs: every full collection would traverse them all again (the view of 10,000
    articles spent more time in such collections than in its own work). Nests."""
    global _frozen
    gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


class LazyList(Sequence):
    """A list whose items are made from keys when first read: a page shows three passages of
    an entity mentioned in hundreds of sentences, so the rest are never looked up."""

    def __init__(self, keys: list, make):
        self._keys = keys
        self._make = make

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(k) for k in self._keys[i]]
        return self._make(self._keys[i])

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"LazyList({len(self._keys)} items)"


class CorpusSentences:
    """Passages (sentence text, article headline, file name) of a resolved corpus, read from
    its documents when asked: from the Sentence records, or from the Turtle a worker rendered
    them into (kg.graph.prerender)."""

    def __init__(self, corpus, base: str):
        from kg.graph import normalise_base
        self.docs = {d.doc_id: d for d in corpus.docs}
        self.base = normalise_base(base)
        self._titles: dict[tuple[str, int], str] = {}
        self._passages: dict[tuple[str, int], Passage] = {}

    def sentence_iri(self, doc_id: str, idx: int) -> str:
        from kg.graph import sentence_path
        return self.base + sentence_path(doc_id, idx)

    def passage(self, key: tuple[str, int]) -> Passage:
        """The passage of sentence `key` (doc_id, index); one lookup per sentence: a sentence
        is the evidence of its relations and a mention of its entities."""
        p = self._passages.get(key)
        if p is None:
            p = self._passages[key] = self._look_up(key)
        return p

    def _look_up(self, key: tuple[str, int]) -> Passage:
        from kg.graph import body_article_title, body_sentence
        doc_id, idx = key
        d = self.docs.get(doc_id)
        iri = self.sentence_iri(doc_id, idx)
        if d is None:
            return Passage(text="", article="", document="", sentence=iri)
        text, article = "", None
        if d.sentences:
            s = next((s for s in d.sentences if s.idx == idx), None)
            if s is not None:
                text, article = s.text, s.article
        elif d.body:
            found = body_sentence(d.body, doc_id, idx)
            if found is not None:
                text, article = found
        title = ""
        if article is not None:
            if (doc_id, article) not in self._titles:
                if d.articles:
                    a = next((a for a in d.articles if a.idx == article), None)
                    t = a.title if a is not None else ""
                else:
                    t = body_article_title(d.body or "", doc_id, article)
                self._titles[(doc_id, article)] = t
            title = self._titles[(doc_id, article)]
        return Passage(text=text, article=title, document=d.path.rsplit("/", 1)[-1], sentence=iri)


def network_from_corpus(corpus, base: str = DEFAULT_BASE,
                        most_connected: int | None = None) -> nx.MultiDiGraph:
    """What load_network reads from the Turtle the corpus is written as, made from the corpus
    itself: the same nodes, edges and attributes (tests hold the two equal), but a node's
    mentions and an edge's evidence are LazyLists, looked up in the documents when read.

    ``most_connected``: only the entities a view keeps (kg.view.select: the most connected,
    ties by label and IRI) and the relations between them; G.graph["whole"] then tells the
    whole graph's numbers of entities, relations and entities per class."""
    with gc_frozen():
        return _network_from_corpus(corpus, base, most_connected)


def _network_from_corpus(corpus, base: str, most_connected: int | None) -> nx.MultiDiGraph:
    net = _CorpusNetwork(corpus, base, most_connected)
    G = nx.MultiDiGraph()
    G.add_nodes_from(net.nodes())
    G.add_edges_from(net.edges())
    if net.whole is not None:
        G.graph["whole"] = net.whole
    G.graph["investments"] = net.investments()
    return G


class _CorpusNetwork:
    """The pieces of network_from_corpus: the entities a view keeps (all, or the most
    connected), their relations, and the investments touching them."""

    def __init__(self, corpus, base: str, most_connected: int | None):
        from kg.graph import doc_path, entity_path
        self.corpus = corpus
        self.src = CorpusSentences(corpus, base)
        self.root = self.src.base
        self._doc_path = doc_path
        # passages sort as their sentence IRIs do (document, then index); where document ids
        # sort as their IRIs (the usual case) the (doc_id, index) pairs sort so by themselves,
        # without a key function (hubs are mentioned in thousands of sentences)
        doc_ids = [d.doc_id for d in corpus.docs]
        self.native = sorted(doc_ids) == sorted(doc_ids, key=doc_path)
        # keyed by (class, key) until the page's entities are known: IRIs only for those
        self.entities = {(e.cls, e.key): e for e in corpus.entities}
        self.relations, self.degree = self._relations()
        self.iri = {k: self.root + entity_path(*k) for k in self.entities}
        self.keep, self.whole = self._keep(most_connected)

    def _order(self, key: tuple[str, int]) -> tuple:
        return (self._doc_path(key[0]), key[1])

    def _relations(self) -> tuple[dict[tuple, list], dict[tuple, int]]:
        """(subject, relation, object) -> its Relation records; entity -> related entities."""
        relations: dict[tuple, list] = defaultdict(list)
        degree = dict.fromkeys(self.entities, 0)
        for r in self.corpus.relations:
            s, o = (r.s_cls, r.s), (r.o_cls, r.o)
            if s not in self.entities or o not in self.entities:   # to an untyped node: not drawable
                continue
            key = (s, r.p, o)
            if key not in relations:
                degree[s] += 1
                degree[o] += 1
            relations[key].append(r)
        return relations, degree

    def _keep(self, most_connected: int | None):
        """The entities to draw, and the whole graph's counts when that is not all of them."""
        entities = self.entities
        if most_connected is None or len(entities) <= most_connected:
            return entities.keys(), None
        degree, iri = self.degree, self.iri
        keep = set(sorted(entities, key=lambda k: (-degree[k], entities[k].label, iri[k]))[:most_connected])
        classes: dict[str, int] = defaultdict(int)
        for e in self.corpus.entities:
            classes[e.cls] += 1
        return keep, {"nodes": len(entities), "edges": len(self.relations), "classes": dict(classes)}

    def nodes(self) -> list[tuple[str, dict]]:
        nodes = []
        for k, e in self.entities.items():
            if k not in self.keep:
                continue
            iri = self.iri[k]
            aliases = sorted({a for a in e.aliases if a != e.label})
            mentions = (sorted(set(e.mentions)) if self.native else
                        sorted(set(e.mentions), key=self._order))
            nodes.append((iri, {"iri": iri, "cls": e.cls, "label": e.label, "aliases": aliases,
                                "names": [e.label] + aliases, "post": e.attrs.get("title") or "",
                                "kind": e.attrs.get("kind") or "",
                                "mentions": LazyList(mentions, self.src.passage),
                                "degree": self.degree[k]}))
        return nodes

    def edges(self) -> list[tuple[str, str, str, dict]]:
        edges = []
        for (s, rel, o), rs in self.relations.items():
            if s not in self.keep or o not in self.keep:
                continue
            items = _evidence_items(rs)
            items.sort(key=None if self.native else lambda x: (self._order(x[0]), x))
            zh, en = RELATION_LABELS[rel]
            edges.append((self.iri[s], self.iri[o], rel, {"rel": rel, "zh": zh, "en": en,
                                                          "evidence": LazyList(items, self._evidence)}))
        return edges

    def _evidence(self, item: tuple) -> dict:
        key, confidence, rule = item
        p = self.src.passage(key)
        return {"text": p.text, "article": p.article, "document": p.document,
                "sentence": p.sentence, "confidence": confidence, "rule": rule}

    def investments(self) -> list[dict]:
        from kg.facts import corpus_investments, published_of
        from kg.graph import entity_path, investment_path
        corpus, iri, root = self.corpus, self.iri, self.root
        docs = {d.doc_id: d for d in corpus.docs}
        labels = {iri[k]: e.label for k, e in self.entities.items()}
        out = []
        for i in corpus_investments(corpus):
            investor, target = (i.investor_cls, i.investor), ("Park", i.target)
            if investor not in self.keep and target not in self.keep:
                continue
            investor = iri.get(investor) or root + entity_path(*investor)
            target = iri.get(target) or root + entity_path(*target)
            ev = self.src.passage((i.doc_id, i.sentence)).as_dict()
            out.append(_investment(labels, root + investment_path(i), investor, target, i.amount,
                                   i.currency, i.amount_text, i.project, i.date or "",
                                   published_of(corpus, docs[i.doc_id]) or "", ev))
        return _sorted_investments(out)


def _evidence_items(rs: list) -> list[tuple[tuple[str, int], float, str]]:
    """One piece of evidence per sentence, the most confident, as the graph writes it
    (kg.graph.statements: one statement node per relation and sentence), with its confidence
    as written there (two decimals)."""
    evs = rs[0].evidence if len(rs) == 1 else [ev for r in rs for ev in r.evidence]
    if len({(ev.doc_id, ev.sentence) for ev in evs}) == len(evs):    # nothing to choose
        return [((ev.doc_id, ev.sentence), round(ev.confidence, 2), ev.rule) for ev in evs]
    best: dict[tuple[str, int], object] = {}
    for ev in evs:
        k = (ev.doc_id, ev.sentence)
        cur = best.get(k)
        if cur is None or (-ev.confidence, ev.rule, ev.src_start) < (-cur.confidence, cur.rule, cur.src_start):
            best[k] = ev
    return [(k, round(ev.confidence, 2), ev.rule) for k, ev in best.items()]


# --- finding entities by name ----------------------------------------------------------------

def _norm(name: str) -> str:
    # NFKC folds full-width brackets and letters (（青岛） == (青岛)); casefold for Latin names.
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def name_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Normalised name -> IRIs of entities bearing it (label or alias)."""
    index: dict[str, list[str]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        for name in d["names"]:
            key = _norm(name)
            if n not in index[key]:
                index[key].append(n)
    return index


def find_entities(G: nx.MultiDiGraph, name: str) -> list[str]:
    """IRIs of every entity one of whose names equals `name` (after NFKC/space/case folding).

    Several entities may share a name (two people called 李明); all of them are returned.
    """
    return sorted(name_index(G).get(_norm(name), []))


def suggest_names(G: nx.MultiDiGraph, name: str, n: int = 5) -> list[str]:
    """Names close to `name`: containing it or contained in it first, then similar spellings."""
    q = _norm(name)
    names = sorted({nm for _, d in G.nodes(data=True) for nm in d["names"]})
    normed = {nm: _norm(nm) for nm in names}
    contain = [nm for nm in names if q and (q in normed[nm] or normed[nm] in q)]
    contain.sort(key=lambda nm: (abs(len(normed[nm]) - len(q)), nm))
    close = difflib.get_close_matches(q, list(normed.values()), n=n, cutoff=0.5)
    back = {v: k for k, v in normed.items()}
    out: list[str] = []
    for nm in contain + [back[c] for c in close]:
        if nm not in out:
            out.append(nm)
    return out[:n]


def neighbourhood(G: nx.MultiDiGraph, centres: list[str], hops: int) -> set[str]:
    """Entities within `hops` relations of any centre, ignoring edge direction."""
    seen = set(centres)
    frontier = set(centres)
    for _ in range(max(hops, 0)):
        nxt = set()
        for n in frontier:
            nxt.update(G.successors(n))
            nxt.update(G.predecessors(n))
        frontier = nxt - seen
        seen |= frontier
        if not frontier:
            break
    return seen


def simple_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per related pair: what components and centrality are about."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H
