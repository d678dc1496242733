"""Faults and hostile input (issue 12): names that are not UTF-8, stray NULs, bad --param
bytes, signals, locks, stale temp files, disk full, consistent output sets."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import build
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEXT = "青岛高新区管委会主任张三出席了青岛华大基因有限公司的揭牌仪式。"


# --- file names that are not UTF-8 ---------------------------------------------------------

def test_gbk_file_names_do_not_abort_the_build(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SEEDS[0], corpus)
    raw = os.fsencode(corpus)
    for folder in (b"", b"/sub"):   # the same GBK stem twice: ids are disambiguated by hash
        name = raw + folder + b"/" + "青岛新闻".encode("gbk") + b".txt"
        with open(name, "wb") as fh:
            fh.write(TEXT.encode("gbk"))
    s = build([corpus], tmp_path / "out")
    assert s.documents == 3 and s.skipped == 0
    assert sum("not UTF-8" in w for w in s.warnings) == 2
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "青岛新闻" in graph
    again = build([corpus], tmp_path / "out")          # nothing changed: nothing redone
    assert again.documents == 3 and sum("not UTF-8" in w for w in again.warnings) == 2
    assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == graph


def test_gbk_name_on_the_command_line(tmp_path):
    name = os.fsencode(tmp_path) + b"/" + "公告".encode("gbk") + b".txt"
    with open(name, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    r = CliRunner().invoke(main, ["build", os.fsdecode(name), "--out", str(tmp_path / "out"),
                                  "-q", "--no-view", "--no-store"])
    assert r.exit_code == 0, r.output
    assert "公告" in (tmp_path / "out" / "build.log").read_text(encoding="utf-8")
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/" + "无".encode("gbk") + b".txt")
    r = CliRunner().invoke(main, ["build", missing, "--out", str(tmp_path / "out")])
    assert r.exit_code == 2 and "path not found" in r.stderr and "无.txt" in r.stderr


# --- readers, builds and the store: a link to a version, a lock on the folder ---------------

MINI = ROOT / "tests" / "fixtures" / "mini.ttl"
MINI_TRIPLES = 107


@pytest.fixture
def mini_out(tmp_path):
    from kg.store import build_store
    d = tmp_path / "out"
    d.mkdir()
    shutil.copy(MINI, d / "graph.ttl")
    build_store(d, d / "graph.ttl")
    return d


def test_store_is_a_link_to_a_shared_version(mini_out):
    link = mini_out / "store"
    assert link.is_symlink() and (mini_out / ".stores") in link.resolve().parents
    assert (link.resolve().stat().st_mode & 0o777) == 0o777 & ~_umask()   # never 0700


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_readers_never_see_a_half_swapped_store(mini_out):
    import threading

    from kg.store import build_store, open_store, release
    stop = threading.Event()
    swaps = []

    def builder():
        while not stop.is_set():
            build_store(mini_out, mini_out / "graph.ttl", warn=lambda m: None)
            swaps.append(1)
    t = threading.Thread(target=builder)
    t.start()
    try:
        opened = 0
        deadline = __import__("time").monotonic() + 8
        while __import__("time").monotonic() < deadline or len(swaps) < 3:
            store, meta = open_store(mini_out, rebuild=False)
            assert len(store) == MINI_TRIPLES == meta["triples"]
            del store
            release()
            opened += 1
    finally:
        stop.set()
        t.join()
    assert len(swaps) >= 3 and opened > 10
    versions = list((mini_out / ".stores").iterdir())
    assert len(versions) <= 2      # old versions are pruned once no reader holds them


def test_a_reader_does_not_rebuild_during_a_build(mini_out):
    from kg.errors import KGError
    from kg.outlock import BuildLock
    from kg.store import current_version, open_store
    before = current_version(mini_out)
    with open(mini_out / "graph.ttl", "a", encoding="utf-8") as fh:
        fh.write('\n<park/新园区> a <https://w3id.org/parkkg/ontology#Park> .\n')
    notes = []
    with BuildLock(mini_out, command="kg build test"):
        store, _ = open_store(mini_out, warn=notes.append)
        assert len(store) == MINI_TRIPLES and current_version(mini_out) == before
        assert "kg build test (pid" in notes[0] and "answering from the store" in notes[0]
        shutil.rmtree(before)
        (mini_out / "store").unlink()
        with pytest.raises(KGError, match="is writing"):
            open_store(mini_out)
    store, _ = open_store(mini_out, warn=notes.append)     # no build now: rebuilt
    assert len(store) == MINI_TRIPLES + 1


def test_a_second_build_waits_and_says_who_holds_the_folder(tmp_path):
    import threading
    import time

    from kg.outlock import BuildLock
    from kg.pipeline import BuildOptions, run_build
    from kg.graph import DEFAULT_BASE
    out = tmp_path / "out"
    out.mkdir()
    notes, done = [], []
    lock = BuildLock(out, command="kg build first").acquire()
    opts = BuildOptions(paths=[str(SEEDS[0])], out_dir=out, base_iri=DEFAULT_BASE, view=False,
                        store=False, progress=False)
    t = threading.Thread(target=lambda: done.append(run_build(opts, note=notes.append)))
    t.start()
    time.sleep(1.0)
    assert not done and notes and "waiting for kg build first (pid" in notes[0]
    lock.release()
    t.join(60)
    assert done and done[0].documents == 1


def test_what_killed_builds_left_is_removed(tmp_path):
    out = tmp_path / "out"
    build([SEEDS[0]], out)
    dead = 2 ** 22 + 12345          # above any pid_max default: no such process
    left = [out / f".graph.ttl.{dead}-abcd.tmp", out / ".graph.ttl.k3j4h5g6.tmp",
            out / f".graph.html.{dead}-new.tmp", out / ".store-new-x1y2", out / ".store-old-x1y2",
            out / ".stores" / f".new-{dead}-20260101T000000-abc"]
    for p in left:
        if "store" in str(p.relative_to(out)):
            p.mkdir(parents=True)
            (p / "000001.sst").write_bytes(b"x" * 1000)
        else:
            p.write_bytes(b"x" * 1000)
    mine = out / f".graph.ttl.{os.getpid()}-live.tmp"   # a live writer's: kept
    mine.write_bytes(b"x")
    build([SEEDS[0]], out)
    assert [p for p in left if p.exists()] == [] and mine.exists()


# --- signals ---------------------------------------------------------------------------------

def _corpus(c: Path, n: int) -> Path:
    pieces = [p.read_text(encoding="utf-8") for p in SEEDS]
    c.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (c / f"n{i:05d}.txt").write_text(f"第{i}期\n" + pieces[i % len(pieces)], encoding="utf-8")
    return c


def _workers_of(proc, n=2, limit=60):
    import time

    import psutil
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        kids = psutil.Process(proc.pid).children()
        if len(kids) >= n:
            return kids
        assert proc.poll() is None
        time.sleep(0.05)
    raise AssertionError("no workers")


def _gone(kids, limit=10):
    import psutil
    for k in kids:
        try:
            k.wait(timeout=limit)
        except psutil.NoSuchProcess:
            pass
        except psutil.TimeoutExpired:
            return False
    return True


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_no_workers(tmp_path, sig):
    import signal
    import subprocess
    import sys
    import time
    corpus = _corpus(tmp_path / "c", 300)
    out = tmp_path / "out"
    build([SEEDS[0]], out)
    before = (out / "graph.ttl").read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out),
                             "-j", "2", "-q"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    kids = _workers_of(proc)
    time.sleep(0.5)
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=60)
    assert _gone(kids), "a worker outlived its parent"
    assert (out / "graph.ttl").read_bytes() == before
    if sig == "SIGTERM":
        assert proc.returncode == 143
        assert err.startswith("stopped by SIGTERM: the previous graph") and "Traceback" not in err
    s = build([corpus], out, workers=2)      # the next build cleans up and finishes
    assert s.documents == 300
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_interrupted_in_the_store_phase_changes_nothing(tmp_path, monkeypatch):
    """Ctrl-C while the store loads (and the view is drawn): the load is stopped at once and
    graph.ttl, the store and graph.html are all the previous ones, as the message says."""
    import time

    from kg import store as kg_store
    from kg import view as kg_view
    from kg.cli.build import interrupted_message
    from kg.graph import DEFAULT_BASE
    from kg.pipeline import BuildOptions, run_build
    out = tmp_path / "out"
    opts = dict(out_dir=out, base_iri=DEFAULT_BASE, progress=False)
    run_build(BuildOptions(paths=[str(SEEDS[0])], **opts))
    old = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.html")}
    old_store = (out / "store").resolve()
    started = []

    def view_then_ctrl_c(*a, **k):
        deadline = time.monotonic() + 10
        while not kg_store._LOADERS and time.monotonic() < deadline:
            time.sleep(0.01)
        started.extend(kg_store._LOADERS)
        raise KeyboardInterrupt
    monkeypatch.setattr(kg_view, "write_view", view_then_ctrl_c)
    state = {}
    t = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_build(BuildOptions(paths=[str(p) for p in SEEDS], **opts), state=state)
    assert time.monotonic() - t < 30
    assert started and all(p.poll() is not None for p in started)   # the load was stopped
    assert state["phase"] == "store" and not state["committed"]
    assert "previous graph.ttl, store and graph.html are untouched" in interrupted_message(state)
    assert {n: (out / n).read_bytes() for n in old} == old
    assert (out / "store").resolve() == old_store
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert [p.name for p in (out / ".stores").iterdir()] == [old_store.name]


# --- disk full, permissions -------------------------------------------------------------------

def _outputs(out: Path) -> dict:
    from kg.store import read_meta
    return {"graph": (out / "graph.ttl").read_bytes(), "html": (out / "graph.html").read_bytes(),
            "store": (out / "store").resolve(), "meta": read_meta(out / "store")}


def test_disk_full_while_writing_the_graph_is_one_line_and_keeps_the_old_set(tmp_path,
                                                                             monkeypatch):
    import errno

    from kg import atomic
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(SEEDS[0]), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    before = _outputs(out)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    r = CliRunner().invoke(main, ["build", *map(str, SEEDS[:3]), "--out", str(out), "-q"])
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "graph.ttl" in r.stderr and "the disk is full" in r.stderr and "free space" in r.stderr
    monkeypatch.undo()
    assert _outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (root only; skipped elsewhere)."""
    import subprocess
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                                            str(mnt)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_full_disk_is_one_line_and_the_outputs_stay_a_consistent_set(tiny_disk):
    out = tiny_disk / "out"
    r = CliRunner().invoke(main, ["build", str(SEEDS[0]), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    before = _outputs(out)
    r = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "--out", str(out), "-q"])
    assert r.exit_code == 2, r.output
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "the disk is full" in r.stderr and str(out) in r.stderr
    assert _outputs(out) == before                        # the old set, all three
    st = os.statvfs(tiny_disk)
    assert st.f_bavail > 0                                # the cache left room
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert [p.name for p in (out / ".stores").iterdir()] == [before["store"].name]
    r = CliRunner().invoke(main, ["query", "ASK { ?s ?p ?o }", "--out", str(out)])
    assert r.exit_code == 0 and "true" in r.output.lower() and "rebuilding" not in r.stderr


def test_the_cache_stops_before_the_disk_is_full(tmp_path, monkeypatch):
    from kg import cache as kg_cache
    monkeypatch.setenv("KG_CACHE_RESERVE", str(1 << 62))   # "no room" for the cache at all
    s = build(SEEDS[:2], tmp_path / "out")
    assert s.documents == 2
    assert any("cache stopped growing" in w for w in s.warnings)
    db = kg_cache.BuildCache(tmp_path / "out", "x")
    db.close()


# --- small ones --------------------------------------------------------------------------------

def test_one_nul_does_not_make_an_article_binary(tmp_path):
    from kg.load import UndecodableError, decode
    text = SEEDS[0].read_text(encoding="utf-8")
    one = text[:200] + "\x00" + text[200:]
    assert decode(one.encode("utf-8")) == (one, "utf-8")
    assert decode(one.encode("gb18030")) == (one, "gb18030")
    with pytest.raises(UndecodableError):
        decode(b"\x00" * 50 + text.encode("utf-8")[:1000])
    (tmp_path / "a.txt").write_text(one, encoding="utf-8")
    s = build([tmp_path / "a.txt"], tmp_path / "out")
    assert s.documents == 1 and s.skipped == 0 and s.entities["Park"] >= 1
    import rdflib
    rdflib.Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")   # still valid Turtle


def test_invalid_utf8_in_a_param_is_one_line(tmp_path):
    from kg.store import build_store
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(MINI, out / "graph.ttl")
    build_store(out, out / "graph.ttl")
    bad = os.fsdecode(b"park=\xc7\xe0\xb5\xba")          # GBK bytes for 青岛
    r = CliRunner().invoke(main, ["query", "companies-of-park", "--param", bad, "--out", str(out)])
    assert r.exit_code == 2 and "not valid UTF-8" in r.stderr and r.stderr.count("\n") == 1
    r = CliRunner().invoke(main, ["query", os.fsdecode(b'ASK { ?s ?p "\xc7\xe0" }'),
                                  "--out", str(out)])
    assert r.exit_code == 2 and "not valid UTF-8" in r.stderr
    (tmp_path / "q.rq").write_bytes(b'ASK { ?s ?p "\xc7\xe0" }')
    r = CliRunner().invoke(main, ["query", "-f", str(tmp_path / "q.rq"), "--out", str(out)])
    assert r.exit_code == 2 and "not valid UTF-8" in r.stderr and "Traceback" not in r.stderr


def test_graph_html_is_the_same_for_the_same_graph(tmp_path):
    """Positions come from a seeded layout; the edge order rdflib hands over follows the hash
    seed and once changed them."""
    import subprocess
    import sys
    out = tmp_path / "out"
    build(SEEDS, out)
    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"v{seed}.html"
        subprocess.run([sys.executable, "-m", "kg", "viz", "--out", str(out), "-o", str(page)],
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                       capture_output=True)
        pages.append(page.read_bytes())
    assert pages[0] == pages[1]
