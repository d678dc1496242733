"""Model folders: where learned weights live and how a build loads them.

A model folder holds ``names.json`` (the name chooser) and ``relations.json`` (relation
acceptance), each a :class:`~kg.learn.linear.LinearModel`, and ``meta.json`` (what it was
trained on, its dev figures). Either file may be absent: that component then keeps the rules'
decision. ``kg/models/default`` ships with the package; ``rules`` names no model at all.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.learn.linear import LinearModel

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "models" / "default"
RULES_ONLY = "rules"


@dataclass(frozen=True)
class Models:
    names: object | None = None        # kg.learn.mentions.NameChooser
    relations: object | None = None    # kg.learn.relations.RelationJudge


def model_dir(spec: str | None) -> Path | None:
    if spec == RULES_ONLY:
        return None
    return Path(spec) if spec else DEFAULT_DIR


def check_model_dir(spec: str | None) -> None:
    """One-line error for a --model that is not a model folder."""
    d = model_dir(spec)
    if d is None:
        return
    if not d.is_dir():
        raise KGError(f"model folder {d} does not exist (write one with kg train, or use --model rules)")
    if not any((d / f).is_file() for f in ("names.json", "relations.json")):
        raise KGError(f"{d} holds no names.json or relations.json: not a model folder written by kg train")


@functools.lru_cache(maxsize=4)
def load_models(spec: str | None) -> Models:
    d = model_dir(spec)
    if d is None:
        return Models()                 # the rules alone need not import the learned parts
    from kg.learn.mentions import NameChooser
    from kg.learn.relations import RelationJudge
    names = _load(d / "names.json")
    rels = _load(d / "relations.json")
    return Models(NameChooser(names) if names else None, RelationJudge(rels) if rels else None)


def _load(path: Path) -> LinearModel | None:
    if not path.is_file():
        return None
    try:
        return LinearModel.load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KGError(f"cannot read model {path}: {exc}") from None
