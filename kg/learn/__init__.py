"""Learned components of the extractor: small linear models over features of rule candidates.

The rules in :mod:`kg.extract.candidates` and :mod:`kg.extract.relations` generate candidates (a name span with a
class, an entity pair with a property); a model trained on gold annotations decides which to
keep, where a name starts, and which relations hold. Weights are plain JSON in a model folder
(``kg/models/default/`` ships with the package; ``kg train`` writes new ones), so loading needs
no pickle, no network and no ML library: scoring is a sum of feature weights.
"""
