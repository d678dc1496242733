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
