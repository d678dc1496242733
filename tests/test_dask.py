"""--executor dask: extraction on a Dask cluster writes the graph a local build writes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

from kg.cli.build import build as build_cmd  # noqa: E402
from kg.graph import DEFAULT_BASE  # noqa: E402
from kg.pipeline import BuildOptions, run_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gen_corpus  # noqa: E402


def build(corpus, out, **kw):
    opts = BuildOptions(paths=[str(corpus)], out_dir=Path(out), base_iri=DEFAULT_BASE,
                        view=False, store=False, progress=False, **kw)
    return run_build(opts)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # The seed articles, numbered (not gen_corpus's rewritten variants): Dask workers are
    # spawned with their own hash seed, and extraction still depends on it for colliding
    # short company names (test_parallel.test_extraction_does_not_depend_on_the_hash_seed).
    c = tmp_path_factory.mktemp("corpus")
    pieces = gen_corpus.seed_pieces()
    for i in range(40):
        (c / f"n{i:03d}.txt").write_text(f"第{i}期\n" + pieces[i % len(pieces)], encoding="utf-8")
    return c


@pytest.fixture(scope="module")
def local_graph(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    build(corpus, out)
    return (out / "graph.ttl").read_bytes()


def test_local_cluster_of_two_workers(corpus, local_graph, tmp_path):
    s = build(corpus, tmp_path / "dask", executor="dask", workers=2)
    assert s.extracted == 40 and "LocalCluster of 2" in s.executor
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == local_graph


def test_existing_scheduler_from_the_command_line(corpus, local_graph, tmp_path):
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        out = tmp_path / "remote"
        r = CliRunner().invoke(build_cmd, [str(corpus), "--out", str(out), "--no-store", "--no-view",
                                           "--executor", "dask", "--scheduler", cluster.scheduler_address])
        assert r.exit_code == 0, r.output
        assert f"dask at {cluster.scheduler_address}" in r.output
    assert (out / "graph.ttl").read_bytes() == local_graph


def test_unreachable_scheduler_is_one_clear_line(corpus, tmp_path):
    r = CliRunner().invoke(build_cmd, [str(corpus), "--out", str(tmp_path / "o"), "--no-store",
                                       "--no-view", "--executor", "dask",
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in r.output
    assert "Traceback" not in r.output
