"""Plain data passed between pipeline stages.

Every stage takes and returns these dataclasses; nothing here imports jieba or rdflib, so the
per-document result can be pickled to worker processes and stored as JSON in the build cache.
Offsets: ``start``/``end`` on clean text are indices into ``CleanText.text``; ``src_start``/
``src_end`` are character (code point) offsets into the *decoded* source file.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

#: The seven entity classes of the contract, in a fixed order (used for sorting and output).
CLASSES = ("Park", "Company", "Policy", "Official", "Executive", "Agency", "Institution")
#: The eight relation properties of the contract.
PROPERTIES = ("locatedIn", "investsIn", "issuedBy", "appliesTo", "holdsPost", "worksFor",
              "subsidiaryOf", "partOf")
#: The contract's subject and object classes of each property.
DOMAIN_RANGE = {
    "locatedIn": (frozenset({"Company", "Institution"}), frozenset({"Park"})),
    "investsIn": (frozenset({"Company"}), frozenset({"Park"})),
    "issuedBy": (frozenset({"Policy"}), frozenset({"Park", "Agency", "Official"})),
    "appliesTo": (frozenset({"Policy"}), frozenset({"Park"})),
    "holdsPost": (frozenset({"Official"}), frozenset({"Park", "Agency"})),
    "worksFor": (frozenset({"Executive"}), frozenset({"Company", "Institution"})),
    "subsidiaryOf": (frozenset({"Company"}), frozenset({"Company"})),
    "partOf": (frozenset({"Park"}), frozenset({"Park"})),
}


@dataclass
class Source:
    """A loaded file: decoded text plus provenance."""
    doc_id: str            # derived from the file name, unique in a corpus
    path: str              # path as given / found (POSIX form)
    sha256: str            # hash of the raw bytes
    encoding: str          # the codec that decoded it ("utf-8", "utf-8-sig", "gb18030", "utf-16", "big5")
    text: str              # decoded text, unmodified


@dataclass
class CleanText:
    """Cleaned text and, for every character of it, its offset in the decoded source text."""
    text: str
    offsets: list[int]     # len(offsets) == len(text); offsets[i] = source index of text[i]

    def src_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [a, b) covering clean text [start, end)."""
        if end <= start:
            a = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return a, a
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Article:
    """One article of a newspaper page (a page may hold several)."""
    idx: int
    start: int             # clean-text offsets of the article body (headline included)
    end: int
    title: str = ""        # headline, cleaned ("" when none was found)
    byline: str = ""       # e.g. "本报记者 叶伟" (reporters are never entities)


@dataclass
class Sentence:
    idx: int
    start: int             # clean-text offsets
    end: int
    text: str              # == clean.text[start:end]
    article: int           # Article.idx


@dataclass
class Mention:
    """One recognised name occurrence (or a resolved anaphor) in a document."""
    start: int             # clean-text offsets
    end: int
    text: str              # surface string as cleaned
    cls: str               # one of CLASSES
    sentence: int          # Sentence.idx
    rule: str              # which recogniser/pattern produced it
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)  # kind / title / org …
    entity: int = -1       # DocEntity.local_id after document-level resolution
    anaphor: bool = False  # "该公司", "园区" … resolved rather than named


@dataclass
class DocEntity:
    """One real-world thing as seen in one document (after document-level resolution)."""
    local_id: int
    cls: str
    label: str             # the most complete name form in this document
    names: list[str]       # every name form seen in this document (label included), clean
    attrs: dict[str, Any] = field(default_factory=dict)   # kind, title, org (a label), …
    sentences: list[int] = field(default_factory=list)    # Sentence.idx where it is mentioned


@dataclass
class DocRelation:
    s: int                 # DocEntity.local_id
    p: str                 # one of PROPERTIES
    o: int
    sentence: int          # evidence Sentence.idx
    rule: str
    confidence: float
    start: int             # clean-text span of the evidence inside the sentence
    end: int
    date: str = ""         # when a release or appointment happened, as kg.facts.find_date writes it


@dataclass
class DocInvestment:
    """One stated investment in a document (kg.facts): an amount a company puts into a park."""
    investor: int          # DocEntity.local_id of the Company
    target: int            # DocEntity.local_id of the Park
    sentence: int          # evidence Sentence.idx
    amount: str            # decimal text in units of the currency ("450000000")
    currency: str          # ISO 4217 ("CNY", "USD" …)
    amount_text: str       # as written in the sentence ("约4.5亿美元")
    project: str           # project name as written, "" when none
    date: str              # as written relative to publication ("2021-03", "this-03"), or ""
    start: int             # clean-text span of the amount
    end: int


@dataclass
class DocResult:
    """Everything extracted from one document: what the build cache stores per file."""
    doc_id: str
    path: str
    sha256: str
    encoding: str
    n_chars: int                      # characters of the decoded source text (offsets index it)
    title: str
    date: str | None                   # ISO date of the newspaper page when the text gives one
    articles: list[Article]
    sentences: list[Sentence]
    sentence_src: list[tuple[int, int]]  # per sentence: (src_start, src_end)
    entities: list[DocEntity]
    relations: list[DocRelation]
    relation_src: list[tuple[int, int]]  # per relation: evidence (src_start, src_end)
    warnings: list[str] = field(default_factory=list)
    # The articles and sentences already rendered as Turtle (kg.graph.prerender): a build ships
    # and caches this text instead of the Sentence objects, which are then left empty. The
    # text depends on nothing but the document, so it is rendered where the document is
    # extracted (in parallel) rather than in the one process that writes the graph.
    body: str | None = None
    body_triples: int = 0
    # Facts with numbers and time (kg.facts): the publication date the text gives (ISO, any
    # precision), the stated investments and, per investment, the amount's source span.
    published: str | None = None
    investments: list[DocInvestment] = field(default_factory=list)
    investment_src: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        """Plain JSON: records as positional lists (field order of the dataclasses), which
        encode and decode several times faster than dicts per record."""
        return {**{k: getattr(self, k) for k in _SCALARS},
                "articles": list(map(_ARTICLE_ROW, self.articles)),
                "sentences": list(map(_SENTENCE_ROW, self.sentences)),
                "sentence_src": self.sentence_src,
                "entities": list(map(_ENTITY_ROW, self.entities)),
                "relations": list(map(_RELATION_ROW, self.relations)),
                "relation_src": self.relation_src,
                "investments": list(map(_INVESTMENT_ROW, self.investments)),
                "investment_src": self.investment_src}

    @classmethod
    def from_json(cls, d: dict) -> "DocResult":
        return cls(
            **{k: d[k] for k in _SCALARS if k in d},
            articles=[Article(*a) for a in d["articles"]],
            sentences=[Sentence(*s) for s in d["sentences"]],
            sentence_src=[tuple(x) for x in d["sentence_src"]],
            entities=[DocEntity(*e) for e in d["entities"]],
            relations=[DocRelation(*r) for r in d["relations"]],
            relation_src=[tuple(x) for x in d["relation_src"]],
            investments=[DocInvestment(*i) for i in d.get("investments", ())],
            investment_src=[tuple(x) for x in d.get("investment_src", ())])


def _row(cls) -> attrgetter:
    return attrgetter(*(f.name for f in fields(cls)))


_ARTICLE_ROW, _SENTENCE_ROW = _row(Article), _row(Sentence)
_ENTITY_ROW, _RELATION_ROW = _row(DocEntity), _row(DocRelation)
_INVESTMENT_ROW = _row(DocInvestment)
_RECORDS = {"articles", "sentences", "sentence_src", "entities", "relations", "relation_src",
            "investments", "investment_src"}
_SCALARS = tuple(f.name for f in fields(DocResult) if f.name not in _RECORDS)


@dataclass
class Evidence:
    doc_id: str
    sentence: int
    src_start: int
    src_end: int
    rule: str
    confidence: float
    date: str = ""         # DocRelation.date of this evidence (unresolved)


@dataclass
class Entity:
    """One node of the corpus graph."""
    key: str               # unique within its class; the IRI is derived from (cls, key)
    cls: str
    label: str             # canonical name: the most complete form in the corpus
    aliases: list[str]     # every other name form, sorted
    attrs: dict[str, Any] = field(default_factory=dict)
    mentions: list[tuple[str, int]] = field(default_factory=list)  # (doc_id, Sentence.idx), sorted


@dataclass
class Relation:
    s: str                 # Entity.key of subject ...
    s_cls: str
    p: str
    o: str
    o_cls: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Investment:
    """One stated investment of the corpus graph (a pk:Investment node)."""
    investor: str          # Entity.key of the Company …
    investor_cls: str
    target: str            # … and of the Park
    amount: str            # decimal text
    currency: str
    amount_text: str
    project: str
    date: str | None       # ISO of any precision (resolved against the publication date)
    doc_id: str
    sentence: int
    src_start: int         # the amount's span in the decoded source file
    src_end: int


@dataclass
class Corpus:
    """The resolved corpus: what the graph writer turns into RDF."""
    docs: list[DocResult]
    entities: list[Entity]
    relations: list[Relation]
    #: (doc_id, DocEntity.local_id) -> (class, Entity.key): where each document's entity went
    keys: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    #: doc_id -> publication date given by the user (``kg build --dates``); wins over the text's
    published: dict[str, str] = field(default_factory=dict)
