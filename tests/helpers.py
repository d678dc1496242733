"""Shared by the tests: a quiet build without store and view; a read-only folder; where the
seed gold is."""
from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
from pathlib import Path

import pytest

from kg.graph import DEFAULT_BASE
from kg.pipeline import BuildOptions, run_build

ROOT = Path(__file__).resolve().parents[1]


def seed_gold() -> Path:
    """The gold of the seed articles: the repository's copy (tests/data/seeds/gold), or where
    KG_SEED_GOLD points. Never a fixed absolute path."""
    env = os.environ.get("KG_SEED_GOLD")
    return Path(env) if env else ROOT / "tests" / "data" / "seeds" / "gold"


def build(paths, out, **kw):
    opts = BuildOptions(paths=[str(p) for p in paths], out_dir=Path(out), base_iri=DEFAULT_BASE,
                        view=False, store=False, progress=False, **kw)
    return run_build(opts)


@contextlib.contextmanager
def read_only(folder):
    """Make `folder` read-only for the code under test. A normal user gets chmod 555; root
    ignores file modes, so for root every attempt to create a file or folder directly inside
    `folder` (os.mkdir, os.open with O_CREAT, open() for writing) fails with EROFS, as on a
    read-only mount. Either way only this process is affected."""
    folder = Path(folder).resolve()
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return

    def inside(path) -> bool:
        try:
            return Path(os.path.abspath(os.fsdecode(path))).parent == folder
        except (TypeError, ValueError):
            return False

    def refuse(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    real_mkdir, real_open, real_builtin_open = os.mkdir, os.open, builtins.open

    def mkdir(path, *args, **kw):
        if inside(path):
            refuse(path)
        return real_mkdir(path, *args, **kw)

    def os_open(path, flags, *args, **kw):
        if flags & os.O_CREAT and inside(path):
            refuse(path)
        return real_open(path, flags, *args, **kw)

    def builtin_open(file, mode="r", *args, **kw):
        if isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+") \
                and inside(file):
            refuse(file)
        return real_builtin_open(file, mode, *args, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "mkdir", mkdir)
        mp.setattr(os, "open", os_open)
        mp.setattr(builtins, "open", builtin_open)
        mp.setattr(io, "open", builtin_open)
        yield
