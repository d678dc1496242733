"""kg.learn.relations: the relation judge's training examples."""
from __future__ import annotations

from pathlib import Path

from kg.learn import relations
from kg.learn.golddata import read_gold_docs
from kg.learn.train import Examples

DATA = Path(__file__).parent / "data"


def test_training_examples_take_each_documents_own_name_chooser(tmp_path, monkeypatch):
    import kg.extract
    docs = read_gold_docs(DATA / "seeds" / "gold", DATA / "seeds" / "texts")[:2]
    real_related = kg.extract.related
    given = []

    def related(source, config, names=None):
        given.append(names)
        return real_related(source, config, None)
    monkeypatch.setattr(kg.extract, "related", related)
    marks = ["chooser-a", "chooser-b"]
    relations.training_examples(docs, tmp_path, Examples(), lambda di: marks[di])
    assert given == marks
    given.clear()
    # no model folder chooser, no per-document one: the rules' names
    relations.training_examples(docs, tmp_path, Examples())
    assert given == [None, None]
