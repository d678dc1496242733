"""The extractor's glue: one document in, one :class:`~kg.model.DocResult` out.

The stages, in order, each a module of :mod:`kg.extract`:

1. :func:`recognised` — normalise (:mod:`.normalise`), segment into articles and sentences
   (:mod:`.segment`), tokenize (:mod:`.tokens`), propose names by rule (:mod:`.candidates`),
   bylines dropped: what the learned name chooser sees and is trained on;
2. :func:`related` — the name chooser (:mod:`kg.learn.mentions`, when a model is given) decides
   boundaries and types, names are resolved within the document (:mod:`.resolve`), relations
   are found by rule (:mod:`.relations`): what the relation judge sees and is trained on;
3. :func:`extract` — the relation judge (:mod:`kg.learn.relations`), then the facts with
   numbers and dates (:mod:`kg.facts`), offsets mapped back to the source.

Pure and picklable: it runs in worker processes (and Dask workers) and its result is cached as
JSON. Lexicons and the jieba user dictionary are loaded once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from kg.model import DocResult, Source


@dataclass
class ExtractConfig:
    """What a user can add to the extraction rules.

    ``lexicon_dirs``: directories with files named like those in ``kg/lexicon/`` whose entries
    are added to the shipped ones. ``userdict``: a jieba user dictionary ("word [freq] [tag]" a
    line) loaded into the tokenizer, e.g. to keep a park or company name in one piece.
    """
    lexicon_dirs: tuple[str, ...] | list[str] = field(default_factory=tuple)
    userdict: str | None = None
    #: a model folder written by ``kg train``; None: the shipped one; "rules": no learned models
    model: str | None = None

    def key(self) -> tuple:
        return (tuple(self.lexicon_dirs or ()), self.userdict or "", self.model or "")


@functools.lru_cache(maxsize=4)
def _load_userdict(path: str) -> None:
    """Add a jieba user dictionary to rjieba's (process-wide) dictionary, once."""
    import rjieba
    from kg.errors import KGError
    try:
        lines = open(path, encoding="utf-8-sig").read().splitlines()
    except OSError as exc:
        raise KGError(f"cannot read user dictionary {path}: {exc.strerror or exc}") from None
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
        rjieba.add_word(word, freq, tag)


@dataclass
class Recognised:
    """A document up to recognition: what the learned name chooser sees (and is trained on)."""
    clean: object
    text: str
    articles: list
    sentences: list
    toks: object
    mentions: list
    lex: object


def recognised(source: Source, config: ExtractConfig | None = None) -> Recognised:
    """Clean, segment, tokenize and propose names (the rules' candidates, bylines dropped)."""
    from kg.extract.normalise import clean
    from kg.extract.names import load_lexicon
    from kg.extract.candidates import recognise, tokenize
    from kg.extract.segment import split_articles, split_sentences

    config = config or ExtractConfig()
    lex = load_lexicon(tuple(config.lexicon_dirs or ()))
    if config.userdict:
        _load_userdict(config.userdict)
    ct = clean(source.text)
    text = ct.text
    articles = split_articles(text)
    sentences = split_sentences(text, articles)
    toks = tokenize(text)
    mentions = recognise(text, sentences, articles, lex, toks)
    mentions = _drop_bylines(mentions, articles, text)
    return Recognised(ct, text, articles, sentences, toks, mentions, lex)


@dataclass
class Related:
    """A document up to the rules' relations: what the relation judge sees (and is trained on)."""
    rec: Recognised
    mentions: list
    entities: list
    topic: dict
    relations: list


def related(source: Source, config: ExtractConfig | None = None, names=None) -> Related:
    """Recognise, choose names (``names``: a NameChooser, or None for the rules' names),
    resolve within the document and relate by rule."""
    from kg.extract.relations import relate
    from kg.extract.resolve import resolve_document, topic_parks

    rec = recognised(source, config)
    mentions = rec.mentions
    if names is not None:
        mentions = names(rec.text, rec.toks, mentions, rec.lex, rec.sentences)
    mentions, entities = resolve_document(rec.text, rec.sentences, rec.articles, mentions, rec.lex,
                                          rec.toks)
    ruled = mentions
    if names is not None:
        from kg.learn.mentions import weak_parks
        weak = weak_parks(mentions, entities)
        # a park only the chooser names is an entity, but the relation rules do not see it: its
        # rule relations (the topic's part, an occupant's park) were wrong 13 times in 15 on
        # unseen real news, and it took the topic from the park the rules relate
        ruled = [m for m in mentions if m.entity not in weak] if weak else mentions
    topic = topic_parks(rec.articles, [m for m in ruled if not m.anaphor], entities)
    relations = relate(rec.text, rec.sentences, rec.articles, ruled, entities, rec.lex, topic)
    return Related(rec, mentions, entities, topic, relations)


def extract(source: Source, config: ExtractConfig | None = None) -> DocResult:
    from kg.facts import date_statements, find_investments, find_published
    from kg.learn.model import load_models
    from kg.extract.segment import find_date

    config = config or ExtractConfig()
    models = load_models(config.model)
    doc = related(source, config, models.names)
    rec, entities, relations = doc.rec, doc.entities, doc.relations
    if models.relations is not None:
        relations = models.relations(doc)
    ct, text, articles, sentences = rec.clean, rec.text, rec.articles, rec.sentences
    for e in entities:
        e.attrs.pop("org_span", None)
    title = next((a.title for a in articles if a.title), "")
    page_date = find_date(text)
    investments = find_investments(text, sentences, doc.mentions, entities, relations)
    date_statements(relations, sentences)
    return DocResult(
        doc_id=source.doc_id, path=source.path, sha256=source.sha256, encoding=source.encoding,
        n_chars=len(source.text), title=title, date=page_date, articles=articles,
        sentences=sentences,
        sentence_src=[ct.src_span(s.start, s.end) for s in sentences],
        entities=entities, relations=relations,
        relation_src=[ct.src_span(r.start, r.end) for r in relations],
        warnings=[], published=find_published(source.text, page_date), investments=investments,
        investment_src=[ct.src_span(i.start, i.end) for i in investments])


def _drop_bylines(mentions, articles, text: str = ""):
    """Names in bylines ("本报记者 王春", "▶ 高欣") are journalists, never entities — in every
    article of the page: a byline may sit above the wrong article (a page's layout puts the
    credit of one article at the foot of the one before), so all of the document's count."""
    from kg.extract.segment import byline_names, is_byline
    names: set[str] = set()
    for a in articles:
        if a.byline:
            names.update(byline_names(a.byline))
    for line in text.split("\n"):
        if len(line) <= 48 and is_byline(line):
            names.update(byline_names(line))
    if not names:
        return mentions
    return [m for m in mentions if not (m.cls in ("Official", "Executive") and m.text in names)]
