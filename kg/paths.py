"""Where the package's data outside Python lives.

``ontology/`` (OWL ontology, SHACL shapes, JSON-LD context, named queries) sits at the top of the
repository, where readers look for it; a wheel ships the same files as ``kg/ontology`` (see
pyproject.toml). A checkout or editable install uses the former, an installed wheel the latter.
"""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    repo = _PKG.parent / "ontology"
    if (repo / "parkkg.ttl").is_file():
        return repo
    return _PKG / "ontology"
