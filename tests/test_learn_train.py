"""kg.learn.train: how the components are fitted and their cuts chosen."""
from __future__ import annotations

from kg.learn import train as T
from kg.learn.linear import LinearModel


def _keys_in_folds():
    """Document keys with at least one in each cross-validation fold."""
    keys, seen = [], set()
    i = 0
    while len(seen) < T.FOLDS:
        k = f"set/doc{i}.json"
        keys.append(k)
        seen.add(T._fold(k))
        i += 1
    return keys


def test_each_document_gets_the_name_chooser_of_the_fold_that_left_it_out():
    keys = _keys_in_folds()
    folds = {f: LinearModel({f"fold{f}": 1.0}, bias=0.1 * f) for f in range(T.FOLDS)}
    chooser_of = T._chooser_of({**folds, "threshold": 0.35}, keys)
    for di, k in enumerate(keys):
        chooser = chooser_of(di)
        assert chooser.model.weights == {f"fold{T._fold(k)}": 1.0}
        # the fold's weights with the cut chosen for the whole component
        assert chooser.model.threshold == 0.35


def test_without_trained_names_the_judge_learns_from_the_rules_names():
    assert T._chooser_of({}, ["set/a.json"]) is None


def test_out_of_fold_hands_back_each_folds_model():
    keys = _keys_in_folds()
    ex = T.Examples()
    for di, _ in enumerate(keys):
        for label in (0, 1):
            ex.add(["b", f"x{label}"], label, len(ex.doc), "Park")
            ex.doc.append(di)
    models: dict = {}
    probs = T.out_of_fold(ex, keys, models)
    assert sorted(models) == list(range(T.FOLDS))
    # a row's out-of-fold probability is the probability its own fold's model gives
    for i, d in enumerate(ex.decision):
        assert probs[i] == models[T._fold(keys[ex.doc[d]])].prob(ex.feats[i])


def _judge_examples(second_reading_label: int) -> tuple[T.Examples, list[float]]:
    """One document: a relation the rules state (row 0), the same relation read again by
    co-mention in another sentence (row 1), and a wrong co-mention (row 2)."""
    ex = T.Examples()
    for label, fact in ((1, (0, 1, "locatedIn", 2)), (second_reading_label, (0, 1, "locatedIn", 2)),
                        (0, (0, 3, "locatedIn", 2))):
        ex.add(["b"], label, len(ex.doc), "locatedIn")
        ex.doc.append(0)
        ex.fact.append(fact)
    ex.ruled.add(0)
    return ex, [1.0, 0.9, 0.6]


def test_a_relation_found_again_earns_a_cut_no_credit():
    ex, probs = _judge_examples(1)
    # counted by row, the second reading makes a low cut look better than the rules alone
    rows = T.Examples(ex.feats, ex.labels, ex.decision, ex.doc, ex.kind, ex.ruled)
    assert T._per_kind_thresholds(rows, probs, {"locatedIn": 2})["locatedIn"] < T.NEVER
    # counted by statement it adds nothing, so the rules' relations stand alone
    assert T._per_kind_thresholds(ex, probs, {"locatedIn": 2})["locatedIn"] == T.NEVER


def test_a_new_relation_still_earns_a_cut_counted_by_statement():
    ex, probs = _judge_examples(0)
    ex.labels[2] = 1          # the co-mention is a second, right relation
    assert T._per_kind_thresholds(ex, probs, {"locatedIn": 2})["locatedIn"] <= 0.6
    assert T._tp_pred(ex, [0, 1, 2]) == (2, 2)
