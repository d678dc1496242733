"""The rule relations of one document, each with its evidence span, rule and confidence.

Rules are patterns over the resolved mentions (named ones and anaphors) of one sentence, plus
two pieces of discourse context: the article's topic park and the park that was the subject of
the previous sentence (Chinese news often drops the subject: "…园区。目前，已集聚A、B…").
Trigger words live in ``kg/lexicon/*_triggers.txt``; a cue only counts inside the clause of the
mention it governs, so a "引进" in one clause does not place the organisations of another.
Every relation carries the rule that produced it, a confidence, and the span of the sentence
that states it.

One module a relation family: :mod:`.posts` (holdsPost, worksFor), :mod:`.parts` (partOf),
:mod:`.located` (locatedIn), :mod:`.investments` (investsIn), :mod:`.policies` (issuedBy,
appliesTo), :mod:`.subsidiaries` (subsidiaryOf); :mod:`.context` holds what they share. Of two
rules that find the same relation the more confident one is kept, the first one at equal
confidence: the order below is part of the result. The learned relation judge
(:mod:`kg.learn.relations`) then decides which relations hold.
"""
from __future__ import annotations

from kg.extract.names import Lexicon
from kg.extract.relations.context import Doc, Here, document, park_units, sentence_views
from kg.extract.relations.investments import (_amount_investments, _built_by_investor,
                                              _invest_in_zones, _project_investments,
                                              _subject_invests, _subject_park_signs)
from kg.extract.relations.located import (_inherit_zone, _its_seat, _org_parks, _project_lands,
                                          _quoted_speakers)
from kg.extract.relations.parts import (_free_trade_areas, _named_after_zone, _park_parts,
                                         topic_is_named)
from kg.extract.relations.policies import own_policies, relate_policies
from kg.extract.relations.posts import _persons, appointments
from kg.extract.relations.subsidiaries import _subsidiaries
from kg.model import Article, DocEntity, DocRelation, Mention, Sentence

__all__ = ["document", "park_units", "relate", "relate_sentence", "relate_document"]


def relate(text: str, sentences: list[Sentence], articles: list[Article], mentions: list[Mention],
           entities: list[DocEntity], lex: Lexicon, topic: dict[int, int]) -> list[DocRelation]:
    """The relations between the entities of one document."""
    doc = document(text, sentences, mentions, entities, lex, topic)
    for here in sentence_views(doc):
        relate_sentence(doc, here)
    relate_document(doc)
    return sorted(doc.rels.items.values(), key=lambda r: (r.s, r.p, r.o))


def relate_sentence(doc: Doc, here: Here) -> None:
    """The relations one sentence states."""
    text, rels, kind_of = doc.text, doc.rels, doc.kind_of
    sent, ms, parks, context = here.sent, here.ms, here.parks, here.context
    zone = next((z for z in (here.top, here.context) if z is not None and kind_of.get(z) == "zone"), None)
    _persons(text, sent, ms, rels, doc.park_unit, zone, doc.company_named, doc.lex)
    _its_seat(text, sent, ms, parks, rels)
    about = context if context != here.top or topic_is_named(doc, here) else None
    _park_parts(text, sent, ms, parks, here.zones_here, kind_of, about, doc.foreign, rels, doc.cues)
    _org_parks(text, sent, ms, parks, context, doc.cues, kind_of, rels, doc.short_parks,
               doc.park_names, doc.lex_places)
    _project_lands(text, sent, ms, parks, rels)
    _subject_invests(text, sent, ms, parks, rels)
    _built_by_investor(text, sent, ms, parks, rels)
    _subject_park_signs(text, sent, ms, parks, rels)
    relate_policies(doc, here)


def relate_document(doc: Doc) -> None:
    """The relations read across sentences, and those the sentences' relations imply."""
    text, sentences, by_sent, rels = doc.text, doc.sentences, doc.by_sent, doc.rels
    own_policies(doc)
    _named_after_zone(doc.entities, doc.mentions, sentences, doc.kind_of, rels)
    _free_trade_areas(doc.entities, doc.mentions, sentences, doc.lex, rels)
    _quoted_speakers(text, sentences, by_sent, doc.topic, doc.cues, rels)
    _subsidiaries(text, sentences, by_sent, doc.entities, doc.lex, rels)
    appointments(doc)
    _project_investments(text, sentences, by_sent, doc.topic, doc.cues, rels, doc.kind_of)
    _amount_investments(doc)
    _inherit_zone(rels, sentences, doc.kind_of, by_sent, doc.park_refs)
    _invest_in_zones(rels, doc.kind_of)
