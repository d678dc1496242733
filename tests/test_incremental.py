"""Incremental builds: the cache saves work, never changes the graph."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.graph import DEFAULT_BASE
from kg.pipeline import BuildOptions, run_build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def build(corpus, out, **kw):
    opts = BuildOptions(paths=[str(corpus)], out_dir=Path(out), base_iri=DEFAULT_BASE,
                        view=False, store=False, progress=False, **kw)
    return run_build(opts)


def graph(out) -> bytes:
    return (Path(out) / "graph.ttl").read_bytes()


def clean_graph(corpus, tmp_path) -> bytes:
    """What a build in a fresh directory, with no cache at all, writes."""
    fresh = tmp_path / f"fresh{len(list(tmp_path.glob('fresh*')))}"
    build(corpus, fresh)
    return graph(fresh)


@pytest.fixture
def corpus(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    for f in SEEDS[:4]:
        shutil.copy(f, c)
    return c


def test_unchanged_corpus_extracts_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    before = graph(out)
    again = build(corpus, out)
    assert (again.extracted, again.cached, again.removed) == (0, 4, 0)
    assert graph(out) == before
    assert again.entities == first.entities and again.relations == first.relations


def test_edited_file_is_the_only_one_extracted(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    target = sorted(corpus.glob("*.txt"))[1]
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("\n\n本报讯 近日，格林豪森智能装备有限公司在苏州工业园区投资建设新基地。\n")
    s = build(corpus, out)
    assert (s.extracted, s.cached) == (1, 3)
    assert graph(out) == clean_graph(corpus, tmp_path)
    assert "格林豪森智能装备有限公司".encode() in graph(out)


def test_added_file_is_extracted_and_merged(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    shutil.copy(SEEDS[4], corpus)
    s = build(corpus, out)
    assert (s.extracted, s.cached) == (1, 4)
    assert graph(out) == clean_graph(corpus, tmp_path)


def test_removed_file_loses_its_facts(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    gone = sorted(corpus.glob("*.txt"))[0]
    gone.unlink()
    s = build(corpus, out)
    assert (s.extracted, s.cached, s.removed) == (0, 3, 1)
    g = graph(out)
    assert f"doc/{gone.stem}".encode() not in g
    assert g == clean_graph(corpus, tmp_path)
    # and the cache forgot it: a third build reports nothing removed
    assert build(corpus, out).removed == 0


def test_force_build_equals_incremental(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    sorted(corpus.glob("*.txt"))[2].unlink()
    shutil.copy(SEEDS[4], corpus)
    incremental = (build(corpus, out), graph(out))
    forced = (build(corpus, out, force=True), graph(out))
    assert forced[0].extracted == 4 and forced[0].cached == 0
    assert incremental[1] == forced[1]


def test_touched_or_moved_file_is_not_extracted_again(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    f = sorted(corpus.glob("*.txt"))[0]
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))         # mtime changed, bytes not
    s = build(corpus, out)
    assert s.extracted == 0
    sub = corpus / "archive"
    sub.mkdir()
    f.rename(sub / f.name)                                   # same name, same doc id
    s = build(corpus, out)
    assert (s.extracted, s.removed) == (0, 1)
    assert graph(out) == clean_graph(corpus, tmp_path)
    assert f"archive/{f.name}".encode() in graph(out)        # the new path, not the cached one


def test_skipped_files_are_remembered_and_reported(corpus, tmp_path):
    out = tmp_path / "out"
    (corpus / "scan.txt").write_bytes(bytes(range(256)) * 40)
    first = build(corpus, out)
    again = build(corpus, out)
    assert first.skipped == again.skipped == 1
    assert again.extracted == 0
    assert again.warning_kinds == first.warning_kinds
    assert any("scan.txt" in w for w in again.warnings)


def test_changed_userdict_reextracts_everything(corpus, tmp_path):
    # workers=2: a user dictionary is loaded into the tokenizer process-wide, so extract in
    # worker processes and leave this test process's tokenizer as other tests expect it.
    out = tmp_path / "out"
    ud = tmp_path / "user.dict"
    ud.write_text("张江科学城 100 ns\n", encoding="utf-8")
    build(corpus, out, userdict=str(ud), workers=2)
    assert build(corpus, out, userdict=str(ud), workers=2).extracted == 0
    ud.write_text("张江科学城 200 ns\n", encoding="utf-8")
    assert build(corpus, out, userdict=str(ud), workers=2).extracted == 4


def test_unchanged_corpus_does_not_rewrite_the_graph(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    (corpus / "blob.txt").write_bytes(b"\x00\x01" * 100)
    first = build(corpus, out)
    stamp = os.stat(out / "graph.ttl").st_mtime_ns
    again = build(corpus, out)
    assert os.stat(out / "graph.ttl").st_mtime_ns == stamp
    assert again.seconds["resolve"] == 0.0 and again.seconds["write"] == 0.0
    assert (again.documents, again.triples, again.skipped) == (first.documents, first.triples, 1)
    assert again.warnings == first.warnings  # skipped files are still reported


def test_graph_changed_by_hand_is_rewritten(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    good = graph(out)
    (out / "graph.ttl").write_text("# edited\n", encoding="utf-8")
    again = build(corpus, out)
    assert graph(out) == good and again.seconds["write"] > 0
    (out / "graph.ttl").unlink()
    build(corpus, out)
    assert graph(out) == good


def test_other_base_iri_rewrites_the_graph(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    opts = BuildOptions(paths=[str(corpus)], out_dir=out, base_iri="http://example.org/kg/",
                        view=False, store=False, progress=False)
    s = run_build(opts)
    assert s.extracted == 0 and s.seconds["write"] > 0
    assert b"@base <http://example.org/kg/>" in graph(out)
