"""Entity resolution: in one document (names, short forms, anaphors) and across the corpus.

Document level (:mod:`.document`): mentions of one thing are grouped (same normal form,
"以下简称" definitions, company short forms, park names with/without province or city prefix),
names the recogniser left out are found (:mod:`.aliases`) and generic references ("该高新区",
"园区", "该公司") are resolved to the article's topic park / the last company (:mod:`.anaphors`).
Corpus level (:mod:`.corpus`): one :class:`~kg.model.Entity` per real-world thing across
documents, with a canonical label (the most complete form), sorted aliases and a deterministic
key. :mod:`.keys` holds the normal forms both levels share.
"""
from kg.extract.resolve.anaphors import topic_parks
from kg.extract.resolve.corpus import resolve_corpus
from kg.extract.resolve.document import resolve_document

__all__ = ["resolve_corpus", "resolve_document", "topic_parks"]
