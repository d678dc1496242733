"""A binary logistic model stored as JSON: feature name -> weight."""
from __future__ import annotations

import json
import math
from itertools import repeat
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, eq=False)
class LinearModel:
    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)
    #: per kind (a relation's property) where the judge's cut differs by kind
    thresholds: dict = field(default_factory=dict)

    def threshold_for(self, kind: str) -> float:
        return self.thresholds.get(kind, self.threshold)

    def margin(self, features) -> float:
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))

    def prob(self, features) -> float:
        return self.squash(self.margin(features))

    @staticmethod
    def squash(z: float) -> float:
        """The probability of a margin (0 far below any cut, where exp(-z) would overflow)."""
        return 1.0 / (1.0 + math.exp(-z)) if z > -35 else 0.0

    def accepts(self, features) -> bool:
        return self.prob(features) >= self.threshold

    def to_json(self) -> dict:
        return {"bias": self.bias, "threshold": self.threshold, "thresholds": self.thresholds,
                "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, d: dict) -> "LinearModel":
        w = d["weights"]
        # as parsed from a model file (str -> float) it is taken as it is: a copy, not a conversion
        weights = dict(w) if set(map(type, w)) <= {str} and set(map(type, w.values())) <= {float} \
            else {str(k): float(v) for k, v in w.items()}
        return cls(weights, float(d.get("bias", 0.0)),
                   float(d.get("threshold", 0.5)), dict(d.get("meta", {})),
                   {str(k): float(v) for k, v in d.get("thresholds", {}).items()})

    def save(self, path: Path) -> None:
        from kg.atomic import atomic_write_text
        atomic_write_text(Path(path), json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n")

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
