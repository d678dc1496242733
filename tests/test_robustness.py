"""Robustness: any text in, valid Turtle out; odd files skipped with a warning; interruptions
leave the previous graph and a consistent cache behind."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF, RDFS, SKOS

from kg.cache import CACHE_DIR, CACHE_FILE
from kg.extract import ExtractConfig, extract
from kg.graph import DEFAULT_BASE, PK, write_turtle
from kg.model import CLASSES, Source
from kg.extract.resolve import resolve_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_corpus  # noqa: E402
from helpers import build  # noqa: E402


# --- property-based: clean -> segment -> recognise -> resolve -> relate -> graph --------

FRAGMENTS = [
    "青岛高新区", "张江科学城", "湖北黄石大冶湖高新区", "格科微电子（上海）有限公司", "（以下简称格科微）",
    "阿斯利康", "《关于促进产业融合发展的若干意见》", "管委会主任", "党工委书记", "董事长", "王小明",
    "国家发展改革委", "中国科学院", "研究院", "实验室", "该高新区", "园区", "本报记者 叶伟", "。", "，",
    "、", "“", "”", "青 岛 高 新 区 出 台", "（（青岛青岛））", "图为", "２０２３年９月５日", "ＡＢＣ有限公司",
    "新竹科學園區", "台積電股份有限公司", "Shenzhen Tech Park", "Ltd.", "😀", "𠀋𠀌", "ﾊﾟｰｸ", "한국", "مدينة",
]
ODD = ["\n", "\r\n", "\r", " ", "\t", "\u3000", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b",
       "\u200e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufff9", "\U000e0001", "\\", "\"", "<", ">",
       "\ud7ff", "\U0010ffff", "#", "@", "%", "^^", "_:", "'''", '"""']

texts = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(ODD),
        st.text(max_size=20),                                  # any code point but surrogates
        st.builds(lambda f, n: f * n, st.sampled_from(FRAGMENTS), st.integers(50, 400)),  # long lines
    ),
    max_size=40,
).map("".join)


def _clean_label(s: str) -> bool:
    return bool(s) and s == s.strip() and not any(
        unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c.isspace() for c in s)


def check_graph(path: Path) -> rdflib.Graph:
    g = rdflib.Graph().parse(path, format="turtle")
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(g)
    for cls in CLASSES:
        for node in g.subjects(RDF.type, rdflib.URIRef(PK + cls)):
            for pred in (RDFS.label, SKOS.altLabel):
                for label in g.objects(node, pred):
                    assert _clean_label(str(label)), (cls, repr(str(label)))
    return g


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(texts, min_size=1, max_size=3))
def test_any_text_gives_valid_turtle(tmp_path_factory, docs):
    cfg = ExtractConfig()
    results = []
    for i, text in enumerate(docs):
        src = Source(doc_id=f"d{i}", path=f"in/d{i}.txt", sha256="0" * 64, encoding="utf-8", text=text)
        r = extract(src, cfg)
        assert r.n_chars >= 0
        for (a, b) in r.sentence_src + r.relation_src:
            assert 0 <= a <= b <= len(text)
        results.append(r)
    corpus = resolve_corpus(results)
    path = tmp_path_factory.mktemp("hyp") / "graph.ttl"
    write_turtle(corpus, path, DEFAULT_BASE)
    check_graph(path)


def test_empty_and_whitespace_documents():
    for text in ("", " ", "\n\n\n", "\u3000\u3000", "。。。", "\x00"):
        r = extract(Source("e", "e.txt", "0" * 64, "utf-8", text), ExtractConfig())
        assert r.entities == [] or all(_clean_label(e.label) for e in r.entities)


# --- encodings and odd files, through kg build ----------------------------------------

TRAD = ("新竹科學園區管理局今日宣布，台灣積體電路製造股份有限公司將在園區投資興建新廠。"
        "管理局局長王永壯表示，園區將提供完善服務。\n")


def test_encodings_are_read(tmp_path):
    seed = SEEDS[1].read_text(encoding="utf-8")
    c = tmp_path / "c"
    c.mkdir()
    (c / "gb.txt").write_bytes(seed.encode("gb18030"))
    (c / "gbk.txt").write_bytes(seed[:3000].encode("gbk", errors="ignore"))
    (c / "u16.txt").write_bytes(seed.encode("utf-16"))
    (c / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.encode("utf-8"))
    (c / "big5.txt").write_bytes((TRAD * 3).encode("big5"))
    out = tmp_path / "out"
    s = build([c], out)
    assert s.skipped == 0 and s.documents == 5
    g = check_graph(out / "graph.ttl")
    enc = {str(o) for o in g.objects(None, rdflib.URIRef(PK + "encoding"))}
    assert {"gb18030", "utf-16", "utf-8-sig", "big5"} <= enc
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert any("昆明高新区" in l for l in labels)          # from the GB18030 / UTF-16 copies
    text = " ".join(str(o) for o in g.objects(None, rdflib.URIRef(PK + "text")))
    assert "新竹科學園區管理局今日宣布" in text               # the Big5 file, decoded


def test_odd_files_are_skipped_with_warnings(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    (c / "good.txt").write_bytes(SEEDS[0].read_bytes())
    (c / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (c / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (c / "invalid.txt").write_bytes(b"\xff\xfe\xfd" + "正文".encode("utf-8") + b"\x80\x81\x00" * 50)
    (c / "empty.txt").write_bytes(b"")
    os.mkfifo(c / "fifo.txt")                                # would block a naive open()
    (c / "dangling.txt").symlink_to(c / "nowhere")
    big = c / "huge.txt"
    with open(big, "wb") as fh:                               # 200 MB, sparse: no disk used
        fh.truncate(200 * 2**20)
    s = build([c], tmp_path / "out")
    assert s.documents == 1
    assert s.skipped == 7
    by_file = {w.split(":", 1)[0].rsplit("/", 1)[-1]: w for w in s.warnings}
    assert set(by_file) == {"binary.txt", "png.txt", "invalid.txt", "empty.txt", "fifo.txt",
                            "dangling.txt", "huge.txt"}
    assert "too large" in by_file["huge.txt"]
    assert "not a regular file" in by_file["fifo.txt"]
    assert s.warning_kinds["too large"] == 1 and s.warning_kinds["empty"] == 1
    log = (tmp_path / "out" / "build.log").read_text(encoding="utf-8")
    assert all(name in log for name in by_file)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    (c / "good.txt").write_bytes(SEEDS[0].read_bytes())
    locked = c / "locked.txt"
    locked.write_bytes(SEEDS[1].read_bytes())
    locked.chmod(0)
    try:
        s = build([c], tmp_path / "out")
    finally:
        locked.chmod(0o644)
    assert s.skipped == 1 and s.warning_kinds.get("unreadable") == 1


@pytest.mark.slow
def test_many_tiny_files(tmp_path):
    c = tmp_path / "tiny"
    gen_corpus.generate(5000, c, tiny=True)
    (c / "0000" / "zzz_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    s = build([c], out, workers=2)
    assert s.documents == 5000 and s.skipped == 1
    check_graph(out / "graph.ttl")
    again = build([c], out)
    assert again.extracted == 0 and again.cached == 5000


# --- interruption ---------------------------------------------------------------------

def _cache_rows(out: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{out / CACHE_DIR / CACHE_FILE}?mode=ro", uri=True, timeout=10)
        return db.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def _start(corpus, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out),
                             "--no-store", "--no-view", *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_rows(proc, out, n, limit=120):
    t = time.time()
    while _cache_rows(out) < n:
        assert proc.poll() is None, "the build finished before it could be interrupted"
        assert time.time() - t < limit
        time.sleep(0.05)


def numbered_articles(c: Path, n: int) -> Path:
    """n distinct files from the seed articles, unchanged but for a numbered first line.

    (Not gen_corpus's rewritten variants: those create companies whose short names collide,
    and extraction currently resolves such a collision differently per hash seed — see
    test_parallel.test_extraction_does_not_depend_on_the_hash_seed.)"""
    pieces = gen_corpus.seed_pieces()
    for i in range(n):
        (c / f"n{i:05d}.txt").write_text(f"第{i}期\n" + pieces[i % len(pieces)], encoding="utf-8")
    return c


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    return numbered_articles(tmp_path_factory.mktemp("big"), 600)


def _interrupted_then_finished(big_corpus, tmp_path, kill, *extra):
    out = tmp_path / "out"
    build([SEEDS[0]], out)                                   # a previous, different graph
    before = (out / "graph.ttl").read_bytes()
    proc = _start(big_corpus, out, *extra)
    _wait_rows(proc, out, 60)                                # committed every second
    kill(proc)
    _, err = proc.communicate(timeout=60)
    assert (out / "graph.ttl").read_bytes() == before        # the previous graph is intact
    db = sqlite3.connect(out / CACHE_DIR / CACHE_FILE)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = db.execute("SELECT count(*) FROM results").fetchone()[0]
    assert 60 <= done < 600
    db.close()
    s = build([big_corpus], out, **({"workers": 2} if "--workers" in extra else {}))
    assert s.documents == 600
    assert s.extracted < 600 and s.cached >= 60              # it picked up where it stopped
    fresh = tmp_path / "fresh"
    build([big_corpus], fresh, workers=2)
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()
    return proc, err


def test_sigint_keeps_previous_graph_and_resumes(big_corpus, tmp_path):
    proc, err = _interrupted_then_finished(big_corpus, tmp_path, lambda p: p.send_signal(signal.SIGINT))
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err


def test_killed_worker_keeps_previous_graph_and_resumes(big_corpus, tmp_path):
    import psutil

    def kill_worker(proc):
        children = psutil.Process(proc.pid).children()
        assert children, "no worker processes"
        os.kill(children[0].pid, signal.SIGKILL)

    proc, err = _interrupted_then_finished(big_corpus, tmp_path, kill_worker, "--workers", "2")
    assert proc.returncode == 2
    assert "worker process died" in err and "Traceback" not in err
