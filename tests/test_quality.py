"""Extraction quality on the seed corpus, scored against the gold (floors of reached figures).

Builds the seeds in-process (extract + resolve_corpus) and scores with kg.evaluate. The floors
are the figures reached when they were last raised: a change that lowers one fails here.
"""
from pathlib import Path

import pytest

from kg.evaluate import from_corpus, load_gold, score
from kg.extract import ExtractConfig, extract
from kg.load import assign_doc_ids, find_files, load_source
from kg.resolve import resolve_corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds"
if not GOLD.is_dir():
    GOLD = Path("/work/shared/gold/seeds")

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="seed gold not available")


@pytest.fixture(scope="module")
def report():
    files = find_files([ROOT / "seeds"])
    ids = assign_doc_ids(files)
    results = [extract(load_source(f, ids[f]), ExtractConfig()) for f in files]
    corpus = resolve_corpus(results)
    ents, rels = from_corpus(corpus)
    return score(ents, rels, load_gold(GOLD)).to_dict(errors=False)


# Reached on 2026-11-23: entities micro 0.958 (Park 0.967, Company 0.927, Policy 1.0,
# Official 1.0, Executive 1.0, Agency 0.884, Institution 1.0); relations micro 0.923.
# Floors sit a little below, so a rule that generalises better may trade a point on the seeds;
# they never go below the targets (entities 0.90 overall and for the four main classes,
# relations 0.75).
FLOORS_ENT = {"micro": 0.94, "Park": 0.94, "Company": 0.91, "Policy": 0.97, "Official": 0.97,
              "Executive": 0.95, "Agency": 0.85, "Institution": 0.95}
FLOORS_REL = {"micro": 0.90, "locatedIn": 0.92, "investsIn": 0.78, "issuedBy": 0.92,
              "appliesTo": 0.97, "holdsPost": 0.97, "worksFor": 0.80, "subsidiaryOf": 0.55,
              "partOf": 0.85}


@pytest.mark.parametrize("name,floor", sorted(FLOORS_ENT.items()))
def test_entity_f1_floor(report, name, floor):
    part = report["entities"]["micro"] if name == "micro" else report["entities"]["per_class"][name]
    f1 = part["f1"]
    assert f1 is not None and f1 >= floor, f"entity F1 {name}: {f1} < {floor}"


@pytest.mark.parametrize("name,floor", sorted(FLOORS_REL.items()))
def test_relation_f1_floor(report, name, floor):
    part = report["relations"]["micro"] if name == "micro" else report["relations"]["per_property"][name]
    f1 = part["f1"]
    assert f1 is not None and f1 >= floor, f"relation F1 {name}: {f1} < {floor}"
