"""The build pipeline's machinery: cache, executors' chunking, build log, a seed build."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kg.cache import (CACHE_DIR, CACHE_FILE, BuildCache, decode_result, encode_result,
                      extractor_fingerprint)
from kg.executor import Task, chunked, skip_kind
from kg.graph import DEFAULT_BASE
from kg.log import LOG_FILE, BuildLog
from kg.pipeline import BuildOptions, run_build

from helpers import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seedout")
    summary = build([SEEDS], out)
    return out, summary


def seed_results():
    from kg.extract import ExtractConfig, extract
    from kg.load import assign_doc_ids, find_files, load_source
    files = find_files([SEEDS])
    ids = assign_doc_ids(files)
    cfg = ExtractConfig()
    return [extract(load_source(f, ids[f]), cfg) for f in files]


# --- cache ------------------------------------------------------------------------------

def test_cached_result_round_trips_exactly():
    # The graph from cached results must equal the one from fresh results: the JSON round trip
    # has to give back equal dataclasses (tuples stay tuples, floats stay floats).
    for r in seed_results():
        back = decode_result(encode_result(r))
        assert back == r


def test_cache_put_get_manifest_prune(tmp_path):
    r = seed_results()[0]
    with BuildCache(tmp_path, "fp1") as c:
        assert c.get(r.sha256, r.doc_id, r.path) is None
        c.put(r.path, 10, 20, r)
        c.put_skip("bad.txt", 3, 4, "0" * 64, "bad", "binary data (NUL bytes)")
    with BuildCache(tmp_path, "fp1") as c:
        hit = c.get(r.sha256, r.doc_id, "moved/" + r.path)
        assert hit.result is not None and hit.result.path == "moved/" + r.path
        assert hit.result.entities == r.entities
        assert c.get("0" * 64, "bad", "bad.txt").skip.startswith("binary")
        assert c.manifest()[r.path] == (10, 20, r.sha256, r.doc_id)
        assert c.prune([r.path]) == 1
        assert c.get("0" * 64, "bad", "bad.txt") is None
        assert set(c.manifest()) == {r.path}


def test_cache_emptied_when_extractor_changes(tmp_path):
    r = seed_results()[0]
    with BuildCache(tmp_path, "fp1") as c:
        c.put(r.path, 1, 1, r)
    with BuildCache(tmp_path, "fp2") as c:
        assert c.cleared
        assert c.get(r.sha256, r.doc_id, r.path) is None
        assert c.manifest() == {}


def test_disabled_cache_misses_but_still_records(tmp_path):
    r = seed_results()[0]
    with BuildCache(tmp_path, "fp", enabled=False) as c:
        c.put(r.path, 1, 1, r)
        assert c.get(r.sha256, r.doc_id, r.path) is None
    with BuildCache(tmp_path, "fp") as c:
        assert c.get(r.sha256, r.doc_id, r.path) is not None


def test_damaged_cache_file_is_replaced(tmp_path):
    d = tmp_path / CACHE_DIR
    d.mkdir()
    (d / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    with BuildCache(tmp_path, "fp") as c:
        assert c.manifest() == {}


def test_fingerprint_covers_userdict_and_lexicon_dirs(tmp_path):
    from kg.extract import ExtractConfig
    ud = tmp_path / "user.dict"
    ud.write_text("格科微 10 nt\n", encoding="utf-8")
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "park_suffixes.txt").write_text("智造谷\n", encoding="utf-8")
    base = extractor_fingerprint(ExtractConfig())
    with_ud = extractor_fingerprint(ExtractConfig(userdict=str(ud)))
    with_lex = extractor_fingerprint(ExtractConfig(lexicon_dirs=[str(lex)]))
    assert len({base, with_ud, with_lex}) == 3
    assert extractor_fingerprint(ExtractConfig()) == base
    ud.write_text("格科微 20 nt\n", encoding="utf-8")
    assert extractor_fingerprint(ExtractConfig(userdict=str(ud))) != with_ud


# --- executor helpers, log --------------------------------------------------------------

def test_chunks_group_small_files_and_isolate_big_ones():
    tasks = [Task(i, f"{i}.txt", str(i), size=100) for i in range(200)]
    chunks = list(chunked(tasks, target_bytes=1000, max_docs=64))
    assert [t.index for c in chunks for t in c] == list(range(200))
    assert all(len(c) == 10 for c in chunks)
    big = [Task(0, "a", "a", size=10**7), Task(1, "b", "b", size=1)]
    assert [len(c) for c in chunked(big, target_bytes=1000)] == [1, 1]


@pytest.mark.parametrize("message,kind", [
    ("too large (300000000 bytes, limit 67108864)", "too large"),
    ("binary data (NUL bytes)", "binary"),
    ("undecodable bytes (not UTF-8, UTF-16, GB18030 or Big5)", "undecodable"),
    ("empty file", "empty"),
    ("unreadable (Permission denied)", "unreadable"),
    ("something else", "other"),
])
def test_skip_kinds(message, kind):
    assert skip_kind(message) == kind


def test_build_log_appends_one_block_per_build(tmp_path):
    for i in range(2):
        log = BuildLog()
        log.warn("binary", f"x{i}.txt: skipped, binary data")
        log.warn("binary", "y.txt: skipped, binary data")
        log.warn("empty", "z.txt: skipped, empty file")
        assert log.by_kind() == {"binary": 2, "empty": 1}
        log.write(tmp_path, f"kg build run{i}")
    text = (tmp_path / LOG_FILE).read_text(encoding="utf-8")
    assert text.count("=== ") == 2
    assert "kg build run0" in text and "kg build run1" in text
    assert "warnings: binary 2, empty 1" in text
    assert "[binary] x1.txt: skipped, binary data" in text


# --- a real build -------------------------------------------------------------------------

def test_seed_build_writes_graph_log_and_cache(seed_build):
    out, s = seed_build
    assert (out / "graph.ttl").stat().st_size > 0
    assert s.documents == 5 and s.extracted == 5 and s.cached == 0 and s.skipped == 0
    assert sum(s.entities.values()) > 0 and s.triples > 0
    assert {"plan", "extract", "resolve", "write", "total"} <= set(s.seconds)
    assert (out / LOG_FILE).exists()
    db = sqlite3.connect(out / CACHE_DIR / CACHE_FILE)
    assert db.execute("SELECT count(*) FROM results WHERE data IS NOT NULL").fetchone()[0] == 5
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_and_view_skipped_when_graph_unchanged(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[1], corpus)
    out = tmp_path / "out"
    opts = dict(paths=[str(corpus)], out_dir=out, base_iri=DEFAULT_BASE, progress=False)
    run_build(BuildOptions(**opts))
    html_mtime = (out / "graph.html").stat().st_mtime_ns
    log = BuildLog()
    run_build(BuildOptions(**opts), log=log)
    assert (out / "graph.html").stat().st_mtime_ns == html_mtime
    assert any("store up to date" in n for n in log.notes)
    (out / "graph.html").unlink()
    run_build(BuildOptions(**opts))
    assert (out / "graph.html").exists()


def test_a_document_that_breaks_extraction_is_skipped_and_counted(tmp_path, monkeypatch):
    import kg.extract
    from kg.graph import DEFAULT_BASE
    from kg.pipeline import BuildOptions, run_build
    real = kg.extract.extract

    def fragile(source, config=None):
        if "炸弹" in source.text:
            raise ValueError("cannot handle this article")
        return real(source, config)

    monkeypatch.setattr(kg.extract, "extract", fragile)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("青岛高新区管委会主任王强表示，园区将继续发展。", encoding="utf-8")
    (corpus / "b.txt").write_text("这篇文章里有炸弹。", encoding="utf-8")
    s = run_build(BuildOptions(paths=[str(corpus)], out_dir=tmp_path / "out", base_iri=DEFAULT_BASE,
                               view=False, store=False, progress=False))
    assert s.documents == 1 and s.skipped == 1
    assert s.warning_kinds == {"extraction failed": 1}
    assert "ValueError: cannot handle this article" in s.warnings[0]


def test_store_loads_beside_the_view_and_survives_a_failing_view(tmp_path):
    """The store is bulk-loaded in a thread while the view is drawn: both land, and when the view
    cannot be written the build fails with one clear error only after the store is complete."""
    from kg.errors import KGError
    from kg.store import open_store, read_meta, sha256_file, store_dir
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], corpus)
    out = tmp_path / "out"
    opts = dict(paths=[str(corpus)], out_dir=out, base_iri=DEFAULT_BASE, progress=False)
    s = run_build(BuildOptions(**opts))
    assert (out / "graph.html").is_file() and "store" in s.seconds and "view" in s.seconds
    store, meta = open_store(out, rebuild=False)
    assert len(store) == s.triples == meta["triples"]
    del store

    (out / "graph.html").unlink()
    (out / "graph.html").mkdir()          # the view cannot be written there
    (out / "graph.html" / "keep").write_text("x")
    shutil.copy(sorted(SEEDS.glob("*.txt"))[1], corpus)   # a new graph: store and view are redone
    with pytest.raises(KGError, match="graph.html"):
        run_build(BuildOptions(**opts))
    meta = read_meta(store_dir(out))                      # loaded all the same, with the new graph
    assert meta["triples"] > s.triples and meta["sha256"] == sha256_file(out / "graph.ttl")
