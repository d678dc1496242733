"""`kg build` on the command line: options, summary, bad input (issue 2), quiet/verbose."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.log import LOG_FILE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def kg(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A finished build (graph, store, view) that bad input must leave alone."""
    out = tmp_path_factory.mktemp("out")
    r = kg(SEEDS, "--out", out)
    assert r.exit_code == 0, r.output
    return out, r


def test_summary_lines(built):
    out, r = built
    lines = r.output.splitlines()
    for head in ("documents  5  (skipped 0)", "entities   Park ", "relations  locatedIn ",
                 "cache      0 cached, 5 extracted, 0 removed", "warnings   0", "time       "):
        assert any(line.startswith(head) for line in lines), (head, r.output)
    assert f"wrote      {out / 'graph.ttl'}" in r.output
    assert f"wrote      {out / 'graph.html'}" in r.output
    assert "chars/s" in r.output


def test_rebuild_says_what_it_left_alone(tmp_path):
    """An unchanged corpus rewrites nothing: no "wrote", each output "unchanged"."""
    src = SEEDS / "001_c1471ef6710dc149.txt"
    first = kg(src, "--out", tmp_path)
    assert first.exit_code == 0, first.output
    assert [ln for ln in first.stdout.splitlines() if ln.startswith(("wrote", "unchanged"))] == [
        f"wrote      {tmp_path / name}" for name in ("graph.ttl", "store", "graph.html")]
    again = kg(src, "--out", tmp_path)
    assert "wrote" not in again.stdout
    assert [ln for ln in again.stdout.splitlines() if ln.startswith("unchanged")] == [
        f"unchanged  {tmp_path / name}" for name in ("graph.ttl", "store", "graph.html")]
    (tmp_path / "graph.html").unlink()
    third = kg(src, "--out", tmp_path)
    assert [ln for ln in third.stdout.splitlines() if ln.startswith(("wrote", "unchanged"))] == [
        f"wrote      {tmp_path / 'graph.html'}", f"unchanged  {tmp_path / 'graph.ttl'}",
        f"unchanged  {tmp_path / 'store'}"]


def test_store_and_view_times_are_their_own(tmp_path, monkeypatch):
    """The store loads in a thread while the view is drawn; its time once ended when the view
    was done, so the two were printed equal."""
    import time as _time

    from kg import view as kg_view
    real_view = kg_view.write_view

    def slow_view(*a, **k):
        _time.sleep(0.6)
        return real_view(*a, **k)
    monkeypatch.setattr(kg_view, "write_view", slow_view)
    r = kg(SEEDS / "001_c1471ef6710dc149.txt", "--out", tmp_path)
    assert r.exit_code == 0, r.output
    timing = next(ln for ln in r.stdout.splitlines() if ln.startswith("time"))
    secs = {k: float(v) for k, v in re.findall(r"(\w+) (\d+\.\d+)s", timing)}
    assert secs["view"] >= 0.6 and secs["store"] < 0.5, timing


def test_rebuild_reports_cache(built, tmp_path):
    out, _ = built
    r = kg(SEEDS, "--out", out, "--no-store", "--no-view")
    assert r.exit_code == 0
    assert "cache      5 cached, 0 extracted, 0 removed" in r.output
    r = kg(SEEDS, "--out", out, "--no-store", "--no-view", "--force")
    assert "cache      0 cached, 5 extracted" in r.output


def test_quiet_prints_nothing(tmp_path):
    r = kg(SEEDS / "001_c1471ef6710dc149.txt", "--out", tmp_path, "--no-store", "--no-view", "-q")
    assert r.exit_code == 0 and r.output == ""
    assert (tmp_path / "graph.ttl").exists()


def test_warnings_counted_by_kind_and_logged(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(SEEDS / "001_c1471ef6710dc149.txt", c)
    (c / "scan.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (c / "blank.txt").write_bytes(b"")
    (c / "blank2.txt").write_bytes(b"   \n\n")
    out = tmp_path / "out"
    r = kg(c, "--out", out, "--no-store", "--no-view")
    assert r.exit_code == 0, r.output
    assert "warnings   3  (empty 2, binary 1)" in r.output
    assert f"details in {out / LOG_FILE}" in r.output
    log = (out / LOG_FILE).read_text(encoding="utf-8")
    assert "warnings: empty 2, binary 1" in log
    assert "scan.txt: skipped, binary data" in log
    assert log.count("=== ") == 1


def test_verbose_prints_each_warning_and_notes(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(SEEDS / "001_c1471ef6710dc149.txt", c)
    (c / "blank.txt").write_bytes(b"")
    r = kg(c, "--out", tmp_path / "out", "--no-store", "--no-view", "-v")
    assert r.exit_code == 0
    assert "warning: [empty] " in r.output
    assert "note       documents 1 (cached 0, extracted 1, skipped 1, removed 0)" in r.output


def test_many_workers_option(tmp_path):
    r = kg(SEEDS, "--out", tmp_path, "--no-store", "--no-view", "--workers", "2")
    assert r.exit_code == 0 and "(2 processes)" in r.output


@pytest.mark.parametrize("args,message", [
    (["--quiet", "--verbose"], "exclude each other"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
    (["--workers", "0"], "--workers"),
    (["--executor", "spark"], "--executor"),
])
def test_bad_options_are_usage_errors(tmp_path, args, message):
    r = kg(SEEDS, "--out", tmp_path, *args)
    assert r.exit_code == 2 and message in r.output


# --- bad input: one clear line, exit 2, the previous graph intact ------------------------

def _one_line_error(r, needle):
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    errors = [line for line in r.output.splitlines() if line.strip()]
    assert len(errors) == 1 and needle in errors[0], r.output


def _intact(out, before):
    assert (out / "graph.ttl").read_bytes() == before


def test_missing_path(built):
    out, _ = built
    before = (out / "graph.ttl").read_bytes()
    _one_line_error(kg(SEEDS / "no-such-dir", "--out", out), "path not found")
    _intact(out, before)


def test_directory_without_text_files(built, tmp_path):
    out, _ = built
    before = (out / "graph.ttl").read_bytes()
    (tmp_path / "notes.md").write_text("# nothing here", encoding="utf-8")
    _one_line_error(kg(tmp_path, "--out", out), "no .txt files found")
    _intact(out, before)


def test_directory_without_readable_text(built, tmp_path):
    out, _ = built
    before = (out / "graph.ttl").read_bytes()
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "b.txt").write_bytes(b"")
    r = kg(tmp_path, "--out", out, "-q")
    _one_line_error(r, "no readable text in")
    _intact(out, before)


def test_output_directory_is_a_file(tmp_path):
    f = tmp_path / "out"
    f.write_text("I am a file", encoding="utf-8")
    _one_line_error(kg(SEEDS, "--out", f), "cannot write to output directory")
    assert f.read_text(encoding="utf-8") == "I am a file"


def test_output_directory_under_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    _one_line_error(kg(SEEDS, "--out", f / "out"), "cannot write to output directory")


def test_cache_location_is_a_file(built, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "cache").write_text("not a directory", encoding="utf-8")
    _one_line_error(kg(SEEDS, "--out", out, "--no-store", "--no-view"), "cannot write the build cache")


def test_workers_auto_is_one_process_for_a_small_corpus(tmp_path):
    r = kg(SEEDS, "--out", tmp_path, "--no-view", "--no-store", "-v")   # default: one process
    assert r.exit_code == 0, r.output
    assert "executor in process" in r.output
    r = kg(SEEDS, "--out", tmp_path / "b", "--no-view", "--no-store", "-j", "auto", "-v")
    assert r.exit_code == 0, r.output
    assert "executor in process" in r.output


@pytest.mark.parametrize("value,message", [("0", "0 is not at least 1"), ("two", "neither a number nor auto")])
def test_workers_must_be_a_positive_number_or_auto(tmp_path, value, message):
    r = kg(SEEDS, "--out", tmp_path, "-j", value)
    assert r.exit_code == 2 and message in r.output


def test_auto_workers_uses_every_cpu_only_when_the_work_is_worth_it():
    import os
    from types import SimpleNamespace

    from kg.pipeline import AUTO_MIN_BYTES, auto_workers
    cpus = len(os.sched_getaffinity(0))
    many_small = [SimpleNamespace(size=1000) for _ in range(100)]
    assert auto_workers(many_small) == 1
    big = [SimpleNamespace(size=AUTO_MIN_BYTES // 10) for _ in range(20)]
    assert auto_workers(big) == cpus
    assert auto_workers([SimpleNamespace(size=AUTO_MIN_BYTES * 5)]) == 1   # one file: nothing to share
    # a Dask LocalCluster gets one worker per CPU whatever the size
    assert auto_workers(many_small, "dask") == cpus
