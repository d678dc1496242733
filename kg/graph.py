"""Corpus -> RDF triples -> Turtle, in the layout of docs/graph-model.md.

The writer is hand-rolled rather than rdflib's serializer because the build must stream a
million triples in seconds and give byte-identical output across runs: triples are rendered as
strings, grouped by subject and sorted. tests/test_graph.py parses the result with rdflib and
Oxigraph to keep it honest.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from kg.atomic import atomic_write_lines
from kg.model import Corpus, DocResult, Entity, Evidence, Relation

DEFAULT_BASE = "https://w3id.org/parkkg/id/"
PK = "https://w3id.org/parkkg/ontology#"

PREFIXES = {
    "pk": PK,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}

# Predicate order inside a subject block: what a reader looks for first comes first.
_PRED_ORDER = {p: i for i, p in enumerate((
    "a", "rdfs:label", "skos:altLabel", "pk:kind", "pk:title", "dcterms:title",
    "rdf:subject", "rdf:predicate", "rdf:object"))}


def normalise_base(base: str) -> str:
    """Relative IRIs in the Turtle resolve against the base only if it ends with '/'."""
    return base if base.endswith("/") else base + "/"


# \w is exactly str.isalnum() plus "_": letters and digits of every script, so Chinese names
# stay readable in IRIs.
_UNSAFE = re.compile(r"[^\w\-.~]")


def _percent(m: re.Match) -> str:
    return "".join("%%%02X" % b for b in m.group().encode("utf-8"))


@functools.lru_cache(maxsize=1 << 16)
def iri_segment(text: str) -> str:
    """Percent-encode one IRI path segment, keeping letters and digits of any script.

    Everything that could break an IRI or a Turtle IRIREF (spaces, brackets, quotes, slashes,
    full-width punctuation) is %-encoded as UTF-8.
    """
    return _UNSAFE.sub(_percent, text)


@functools.lru_cache(maxsize=1 << 18)
def entity_path(cls: str, key: str) -> str:
    return f"{cls.lower()}/{iri_segment(key)}"


@functools.lru_cache(maxsize=1 << 16)
def doc_path(doc_id: str) -> str:
    return f"doc/{iri_segment(doc_id)}"


def sentence_path(doc_id: str, idx: int) -> str:
    return f"{doc_path(doc_id)}/s/{idx}"


def article_path(doc_id: str, idx: int) -> str:
    return f"{doc_path(doc_id)}/a/{idx}"


def investment_path(i) -> str:
    key = f"{i.investor} {i.target} {i.doc_id} {i.sentence} {i.amount_text} {i.src_start}"
    return f"investment/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def statement_path(s: str, p: str, o: str, sentence: str) -> str:
    digest = hashlib.sha1(f"{s} {p} {o} {sentence}".encode("utf-8")).hexdigest()
    return f"stmt/{digest[:16]}"


# --- term rendering -------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def _escape_char(m: re.Match) -> str:
    c = m.group()
    return _ESCAPES.get(c) or "\\u%04X" % ord(c)


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(_escape_char, text) if _NEEDS_ESCAPE.search(text) else text


def rel(path: str) -> str:
    """An IRI relative to @base."""
    return f"<{path}>"


def zh(text: str) -> str:
    return f'"{_escape(text)}"@zh'


def plain(text: str) -> str:
    return f'"{_escape(text)}"'


def integer(n: int) -> str:
    return str(int(n))


def decimal(x: float) -> str:
    return f"{x:.2f}"


def date(iso: str) -> str:
    return f'"{iso}"^^xsd:date'


def xsd_date(iso: str) -> str:
    """An ISO date of any precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(iso), "xsd:date")
    return f'"{iso}"^^{kind}'


# --- triples --------------------------------------------------------------------------------
# The graph model triple by triple (docs/graph-model.md). The writer prints most subjects with
# the fixed-shape renderers further down, which tests/test_graph.py holds equal to these.

Triple = tuple[str, str, str]


def doc_node_triples(d: DocResult, published: str | None = None) -> Iterator[Triple]:
    doc = rel(doc_path(d.doc_id))
    file_name = d.path.rsplit("/", 1)[-1]
    yield doc, "a", "pk:Document"
    yield doc, "a", "prov:Entity"
    yield doc, "rdfs:label", plain(file_name)
    yield doc, "pk:fileName", plain(file_name)
    yield doc, "pk:path", plain(d.path)
    yield doc, "pk:sha256", plain(d.sha256)
    yield doc, "pk:encoding", plain(d.encoding)
    yield doc, "pk:charCount", integer(d.n_chars)
    if d.title:
        yield doc, "dcterms:title", zh(d.title)
    if d.date:
        yield doc, "dcterms:date", date(d.date)
    if published:
        yield doc, "pk:published", xsd_date(published)


def article_dates(d: DocResult, published: str | None) -> Iterator[Triple]:
    """``pk:published`` of the document's articles (the page's date), written as a block of
    its own after the pre-rendered body, which does not know a date the user gives."""
    if not published:
        return
    n = len(d.articles) or _count_articles(d.body or "", d.doc_id)
    for idx in range(n):
        yield rel(article_path(d.doc_id, idx)), "pk:published", xsd_date(published)


def _count_articles(body: str, doc_id: str) -> int:
    return body.count(f"\n<{article_path(doc_id, 0)[:-1]}")


def investment_triples(i) -> Iterator[Triple]:
    node = rel(investment_path(i))
    yield node, "a", "pk:Investment"
    yield node, "pk:investor", rel(entity_path(i.investor_cls, i.investor))
    yield node, "pk:target", rel(entity_path("Park", i.target))
    yield node, "pk:amount", f'"{i.amount}"^^xsd:decimal'
    yield node, "pk:currency", plain(i.currency)
    yield node, "pk:amountText", zh(i.amount_text)
    if i.project:
        yield node, "pk:project", zh(i.project)
    if i.date:
        yield node, "pk:date", xsd_date(i.date)
    yield node, "pk:sentence", rel(sentence_path(i.doc_id, i.sentence))
    yield node, "prov:wasDerivedFrom", rel(doc_path(i.doc_id))
    yield node, "pk:startOffset", integer(i.src_start)
    yield node, "pk:endOffset", integer(i.src_end)


def doc_body_triples(d: DocResult) -> Iterator[Triple]:
    """Articles and sentences: nothing in them depends on the path (which a cached result
    may have under another name) or on the rest of the corpus."""
    doc = rel(doc_path(d.doc_id))
    for a in d.articles:
        art = rel(article_path(d.doc_id, a.idx))
        yield art, "a", "pk:Article"
        yield art, "pk:inDocument", doc
        yield art, "pk:index", integer(a.idx)
        if a.title:
            yield art, "dcterms:title", zh(a.title)
        if a.byline:
            yield art, "pk:byline", zh(a.byline)
    for s, (a, b) in zip(d.sentences, d.sentence_src):
        sen = rel(sentence_path(d.doc_id, s.idx))
        yield sen, "a", "pk:Sentence"
        yield sen, "pk:inDocument", doc
        yield sen, "pk:inArticle", rel(article_path(d.doc_id, s.article))
        yield sen, "pk:index", integer(s.idx)
        yield sen, "pk:text", zh(s.text)
        yield sen, "pk:startOffset", integer(a)
        yield sen, "pk:endOffset", integer(b)


def doc_body(d: DocResult) -> tuple[str, int]:
    """The Turtle of ``doc_body_triples`` (subject blocks as write_turtle prints them) and the
    number of triples in it."""
    if d.body is not None:
        return d.body, d.body_triples
    parts: list[str] = []
    count = 0
    for a in d.articles:
        text, n = article_block(d.doc_id, a)
        parts.append(text)
        count += n
    for s, (a, b) in zip(d.sentences, d.sentence_src):
        parts.append(sentence_block(d.doc_id, s, a, b))
    count += SENTENCE_TRIPLES * len(d.sentence_src)
    return "".join(parts), count


SENTENCE_TRIPLES = 7


def sentence_block(doc_id: str, s, src_start: int, src_end: int) -> str:
    """The sentence's subject block as ``turtle_block`` writes it (tests/test_graph.py holds the
    two equal): sentences are the most numerous subjects of a graph."""
    return (f"\n{rel(sentence_path(doc_id, s.idx))} a pk:Sentence ;\n"
            f"    pk:endOffset {int(src_end)} ;\n"
            f"    pk:inArticle {rel(article_path(doc_id, s.article))} ;\n"
            f"    pk:inDocument {rel(doc_path(doc_id))} ;\n"
            f"    pk:index {int(s.idx)} ;\n    pk:startOffset {int(src_start)} ;\n"
            f"    pk:text {zh(s.text)} .\n")


_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
_ESCAPED = re.compile(r"\\(u[0-9A-F]{4}|.)")


def _unescape(text: str) -> str:
    """The inverse of _escape."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5
                        else _UNESCAPES[m.group(1)], text)


def body_sentence(body: str, doc_id: str, idx: int) -> tuple[str, int] | None:
    """(text, article index) of sentence ``idx`` in a document body rendered by doc_body: read
    back from the fixed shape sentence_block writes, without parsing the rest."""
    at = body.find(f"\n{rel(sentence_path(doc_id, idx))} a pk:Sentence ;\n")
    if at < 0:
        return None
    end = body.find(" .\n", body.find('    pk:text "', at))
    block = body[at:end]
    art = block.find("    pk:inArticle <")
    article = int(block[art:block.find(">", art)].rsplit("/", 1)[1])
    text = block[block.find('    pk:text "') + len('    pk:text "'):-len('"@zh')]
    return _unescape(text), article


def body_article_title(body: str, doc_id: str, idx: int) -> str:
    """The headline of article ``idx`` in a document body rendered by doc_body ("" if none)."""
    head = f"\n{rel(article_path(doc_id, idx))} a pk:Article ;\n    dcterms:title \""
    at = body.find(head)
    if at < 0:
        return ""
    start = at + len(head)
    return _unescape(body[start:body.find('"@zh ;\n', start)])


def article_block(doc_id: str, a) -> tuple[str, int]:
    title = f"    dcterms:title {zh(a.title)} ;\n" if a.title else ""
    byline = f"    pk:byline {zh(a.byline)} ;\n" if a.byline else ""
    return (f"\n{rel(article_path(doc_id, a.idx))} a pk:Article ;\n{title}{byline}"
            f"    pk:inDocument {rel(doc_path(doc_id))} ;\n    pk:index {int(a.idx)} .\n",
            3 + bool(a.title) + bool(a.byline))


def prerender(d: DocResult) -> DocResult:
    """``d`` with its articles and sentences rendered into ``body`` and dropped: what a build
    ships from a worker and keeps in its cache (a third of the size, and the writer only
    copies the text)."""
    if d.body is not None:
        return d
    text, n = doc_body(d)
    return replace(d, articles=[], sentences=[], sentence_src=[], body=text, body_triples=n)


def _blocks(triples: Iterable[Triple]) -> Iterator[list[Triple]]:
    """Consecutive triples grouped by subject."""
    block: list[Triple] = []
    for t in triples:
        if block and t[0] != block[0][0]:
            yield block
            block = []
        block.append(t)
    if block:
        yield block


def entity_triples(e: Entity) -> Iterator[Triple]:
    node = rel(entity_path(e.cls, e.key))
    yield node, "a", f"pk:{e.cls}"
    yield node, "rdfs:label", zh(e.label)
    for alias in e.aliases:
        if alias != e.label:
            yield node, "skos:altLabel", zh(alias)
    if e.attrs.get("kind"):
        yield node, "pk:kind", plain(e.attrs["kind"])
    if e.attrs.get("title"):
        yield node, "pk:title", zh(e.attrs["title"])
    for doc_id, idx in e.mentions:
        yield node, "pk:mentionedIn", rel(sentence_path(doc_id, idx))


def statements(r: Relation) -> list[tuple[str, Evidence]]:
    """(statement path, evidence) per evidence sentence of ``r``.

    The statement IRI hashes the sentence, so two rules firing in one sentence would share a
    node; the most confident evidence (then the first rule name) speaks for that sentence.
    """
    s = rel(entity_path(r.s_cls, r.s))
    o = rel(entity_path(r.o_cls, r.o))
    p = f"pk:{r.p}"
    best: dict[str, Evidence] = {}
    for ev in r.evidence:
        st_path = statement_path(s, p, o, sentence_path(ev.doc_id, ev.sentence))
        cur = best.get(st_path)
        if cur is None or (-ev.confidence, ev.rule, ev.src_start) < (-cur.confidence, cur.rule, cur.src_start):
            best[st_path] = ev
    return list(best.items())


def statement_triples(st_path: str, s: str, p: str, o: str, ev: Evidence,
                      when: str | None = None) -> Iterator[Triple]:
    st = rel(st_path)
    if when:
        yield st, "pk:date", xsd_date(when)
    yield st, "a", "rdf:Statement"
    yield st, "a", "pk:Evidence"
    yield st, "rdf:subject", s
    yield st, "rdf:predicate", p
    yield st, "rdf:object", o
    yield st, "pk:sentence", rel(sentence_path(ev.doc_id, ev.sentence))
    yield st, "prov:wasDerivedFrom", rel(doc_path(ev.doc_id))
    yield st, "pk:startOffset", integer(ev.src_start)
    yield st, "pk:endOffset", integer(ev.src_end)
    yield st, "pk:rule", plain(ev.rule)
    yield st, "pk:confidence", decimal(ev.confidence)


def subject_blocks(corpus: Corpus) -> Iterator[list[Triple] | tuple[str, int]]:
    """The graph one subject at a time, in the order the Turtle file shows them: entities (by
    IRI), then documents with their articles and sentences, then statements. A block is a
    list of triples, or (Turtle text, number of triples) where a document's body came
    pre-rendered.

    Only one subject's triples exist at a time, so memory stays at the size of the Corpus itself
    (a set of all triples of a 10,000-article corpus took over a gigabyte).
    """
    outgoing: dict[str, list[Relation]] = defaultdict(list)
    for r in corpus.relations:
        outgoing[entity_path(r.s_cls, r.s)].append(r)
    entities = {entity_path(e.cls, e.key): e for e in corpus.entities}
    for path in sorted(entities.keys() | outgoing.keys()):
        yield entity_block(path, entities.get(path), outgoing.get(path, ()))
    from kg.facts import corpus_investments, published_of
    for d in sorted(corpus.docs, key=lambda d: doc_path(d.doc_id)):
        published = published_of(corpus, d)
        yield list(doc_node_triples(d, published))
        yield doc_body(d)
        dated = list(article_dates(d, published))
        for t in dated:
            yield [t]
    invs = sorted(corpus_investments(corpus), key=investment_path)
    for i in invs:
        yield list(investment_triples(i))
    stmts = sorted((st_path, i, ev) for i, r in enumerate(corpus.relations)
                   for st_path, ev in statements(r))
    docs = {d.doc_id: d for d in corpus.docs}
    for st_path, i, ev in stmts:
        r = corpus.relations[i]
        when = _statement_date(ev, docs.get(ev.doc_id), corpus)
        yield statement_block(st_path, rel(entity_path(r.s_cls, r.s)), f"pk:{r.p}",
                              rel(entity_path(r.o_cls, r.o)), ev, when), STATEMENT_TRIPLES + bool(when)


STATEMENT_TRIPLES = 11


def _statement_date(ev: Evidence, d: DocResult | None, corpus: Corpus) -> str | None:
    """The ISO date (any precision) the evidence sentence gives a policy's release or an
    official's appointment (``Evidence.date``, kg.facts.statement_date), resolved against the
    publication date."""
    if not ev.date or d is None:
        return None
    from kg.facts import published_of, resolve_date
    when = resolve_date(ev.date, published_of(corpus, d))
    return when[0] if when else None


def statement_block(st_path: str, s: str, p: str, o: str, ev: Evidence,
                    when: str | None = None) -> str:
    """``turtle_block(list(statement_triples(...)))`` written out: statements are most of the
    subjects of a graph and all have the same shape (tests/test_graph.py holds the two equal)."""
    date = f"    pk:date {xsd_date(when)} ;\n" if when else ""
    return (f"\n<{st_path}> a pk:Evidence ,\n        rdf:Statement ;\n"
            f"    rdf:subject {s} ;\n    rdf:predicate {p} ;\n    rdf:object {o} ;\n"
            f"    pk:confidence {decimal(ev.confidence)} ;\n{date}    pk:endOffset {int(ev.src_end)} ;\n"
            f"    pk:rule {plain(ev.rule)} ;\n"
            f"    pk:sentence {rel(sentence_path(ev.doc_id, ev.sentence))} ;\n"
            f"    pk:startOffset {int(ev.src_start)} ;\n"
            f"    prov:wasDerivedFrom {rel(doc_path(ev.doc_id))} .\n")


# --- Turtle ---------------------------------------------------------------------------------

def _pred_key(p: str) -> tuple[int, str]:
    return (_PRED_ORDER.get(p, len(_PRED_ORDER)), p)


def turtle_block(triples: list[Triple]) -> tuple[str, int]:
    """One subject's triples as a Turtle statement; returns (text, number of distinct triples)."""
    preds: dict[str, set[str]] = defaultdict(set)
    for _, p, o in triples:
        preds[p].add(o)
    return turtle_subject(triples[0][0], preds)


def entity_block(path: str, e: Entity | None, outgoing: Iterable[Relation]) -> tuple[str, int]:
    """``turtle_block`` of the entity's triples and its outgoing relations, built straight into
    the predicate map (tests/test_graph.py holds the two equal)."""
    preds: dict[str, set[str]] = {}
    if e is not None:
        preds["a"] = {f"pk:{e.cls}"}
        preds["rdfs:label"] = {zh(e.label)}
        alt = {zh(a) for a in e.aliases if a != e.label}
        if alt:
            preds["skos:altLabel"] = alt
        if e.attrs.get("kind"):
            preds["pk:kind"] = {plain(e.attrs["kind"])}
        if e.attrs.get("title"):
            preds["pk:title"] = {zh(e.attrs["title"])}
        if e.mentions:
            preds["pk:mentionedIn"] = {rel(sentence_path(d, i)) for d, i in e.mentions}
    for r in outgoing:
        preds.setdefault(f"pk:{r.p}", set()).add(rel(entity_path(r.o_cls, r.o)))
    return turtle_subject(rel(path), preds)


def turtle_subject(subject: str, preds: dict[str, set[str]]) -> tuple[str, int]:
    parts = []
    n = 0
    for p in sorted(preds, key=_pred_key):
        objs = sorted(preds[p])
        n += len(objs)
        parts.append(f"{p} " + " ,\n        ".join(objs))
    return "\n" + subject + " " + " ;\n    ".join(parts) + " .\n", n


def turtle_header(base: str = DEFAULT_BASE) -> str:
    lines = [f"@base <{normalise_base(base)}> .\n"]
    lines += [f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()]
    return "".join(lines)


def write_turtle(corpus: Corpus, path: Path, base: str = DEFAULT_BASE, digest=None) -> int:
    """Write the corpus graph as Turtle (streamed, atomically); returns the number of triples.
    ``digest``: a hashlib object fed the file's bytes."""
    count = 0

    def lines() -> Iterator[str]:
        nonlocal count
        yield turtle_header(base)
        for block in subject_blocks(corpus):
            text, n = block if isinstance(block, tuple) else turtle_block(block)
            count += n
            yield text

    atomic_write_lines(path, lines(), digest)
    return count
