"""The extractor: one document in, one :class:`~kg.model.DocResult` out.

The modules follow the pipeline, in the order :func:`extract` runs them:

===========================  ===============================================================
``normalise``                PDF artefacts undone, widths unified, a map back to the source
``segment``                  the articles of a page and their sentences; the page date
``tokens``                   rjieba words with part-of-speech tags
``candidates``               the rule recognisers: names of the seven classes (one module a
                             family: parks, companies, institutions, agencies, policies,
                             lists, persons, short forms), found by anchors and a left edge
(boundary/type model)        the learned name chooser, :mod:`kg.learn.mentions`
``resolve``                  mentions grouped into entities, anaphors resolved (and, for the
                             whole corpus, one entity per real-world thing)
``relations``                the rule relations, one module a relation family
(relation model)             the learned relation judge, :mod:`kg.learn.relations`
``pipeline``                 the glue: :func:`recognised`, :func:`related`, :func:`extract`
===========================  ===============================================================

``names`` holds what the stages share about names: the lexicons (data files in
``kg/lexicon/`` a user extends with files of the same names), normal forms, short forms.
"""
from kg.extract.pipeline import (ExtractConfig, Recognised, Related, extract, recognised,
                                 related)

__all__ = ["ExtractConfig", "Recognised", "Related", "extract", "recognised", "related"]
