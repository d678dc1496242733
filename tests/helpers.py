"""Shared by the build tests: a quiet build without store and view."""
from __future__ import annotations

from pathlib import Path

from kg.graph import DEFAULT_BASE
from kg.pipeline import BuildOptions, run_build


def build(paths, out, **kw):
    opts = BuildOptions(paths=[str(p) for p in paths], out_dir=Path(out), base_iri=DEFAULT_BASE,
                        view=False, store=False, progress=False, **kw)
    return run_build(opts)
