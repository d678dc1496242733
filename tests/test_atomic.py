import os
import stat

import pytest

from kg.atomic import atomic_open, atomic_write_text


def test_replaces_whole_file_with_normal_permissions(tmp_path):
    target = tmp_path / "graph.ttl"
    atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    mode = stat.S_IMODE(os.stat(target).st_mode)
    assert mode & 0o044  # group/other can read, like any file the user writes


def test_failure_keeps_previous_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
