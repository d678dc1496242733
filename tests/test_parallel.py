"""--workers N: the same graph, byte for byte, whatever the worker count or file order."""
from __future__ import annotations

import os
import random
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_corpus  # noqa: E402
from helpers import build  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    c = tmp_path_factory.mktemp("corpus")
    gen_corpus.generate(60, c)            # 60 articles in 1 sub-directory: several chunks
    return c


def test_two_workers_write_the_same_graph(corpus, tmp_path):
    one = build([corpus], tmp_path / "w1")
    two = build([corpus], tmp_path / "w2", workers=2)
    assert two.extracted == 60 and "2 processes" in two.executor
    assert (tmp_path / "w1" / "graph.ttl").read_bytes() == (tmp_path / "w2" / "graph.ttl").read_bytes()
    assert one.entities == two.entities and one.relations == two.relations


def test_file_order_does_not_matter(tmp_path):
    # The same files written in a different order (different directory order and mtimes),
    # and named on the command line in a different order.
    def make(order):
        c = tmp_path / "c"
        if c.exists():
            shutil.rmtree(c)
        c.mkdir()
        for f in order:
            shutil.copy(f, c)
        return c

    c = make(SEEDS)
    build([c], tmp_path / "a", workers=2)
    order = SEEDS[:]
    random.Random(7).shuffle(order)
    c = make(order)
    build([c / f.name for f in order], tmp_path / "b", workers=3)
    build([c / f.name for f in reversed(order)], tmp_path / "c1")
    a = (tmp_path / "a" / "graph.ttl").read_bytes()
    assert a == (tmp_path / "b" / "graph.ttl").read_bytes() == (tmp_path / "c1" / "graph.ttl").read_bytes()


def test_parallel_build_fills_the_cache_for_a_serial_one(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, workers=2)
    g = (out / "graph.ttl").read_bytes()
    again = build([corpus], out)
    assert again.extracted == 0
    assert (out / "graph.ttl").read_bytes() == g


def test_skips_reported_from_workers(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(SEEDS[0], c)
    (c / "blob.txt").write_bytes(os.urandom(4096))
    (c / "empty.txt").write_bytes(b"")
    s = build([c], tmp_path / "out", workers=2)
    assert s.documents == 1 and s.skipped == 2
    assert s.warning_kinds.get("empty") == 1
    assert sum(s.warning_kinds.values()) == 2


def test_extraction_does_not_depend_on_the_hash_seed(tmp_path):
    # Worker processes (and every run) get their own hash seed: the graph must not change.
    import subprocess
    c = tmp_path / "c"
    gen_corpus.generate(120, c)
    graphs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        subprocess.run([sys.executable, "-m", "kg", "build", str(c), "--out", str(out), "-q",
                        "--no-store", "--no-view"], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        graphs.append((out / "graph.ttl").read_bytes())
    assert graphs[0] == graphs[1]
