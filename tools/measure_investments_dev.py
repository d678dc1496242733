"""Investment facts over every non-blind set with investment gold, per set and pooled.

    .venv/bin/python tools/measure_investments_dev.py [--errors]

The blind sets (real_blind*, real_invest_blind*, real_other_blind) are left out on purpose:
they are measured, never tuned on.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.measure_investments import measure, print_errors  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV_SETS = ["seeds", "real_invest_dev", "real_dev4", "real_dev5", "real_dev6", "real_dev7",
            "real_dev8", "real_dev9", "real_dev10", "real_dev11", "real_dev12", "real_dev13", "real_dev14", "real_dev15", "real_dev16", "real_other_dev"]


def main(argv: list[str]) -> None:
    errors = "--errors" in argv
    tot = {"extracted": 0, "gold": 0, "correct": 0}
    for name in DEV_SETS:
        d = ROOT / "tests/data" / name
        m = measure(d / "texts", d / "gold")
        for k in tot:
            tot[k] += m[k]
        print(f"{name:16} extracted {m['extracted']:3}  gold {m['gold']:3}  correct {m['correct']:3}"
              f"   P {m['precision']:.3f}  R {m['recall']:.3f}")
        if errors:
            print_errors(m, "    ")
    p = tot["correct"] / tot["extracted"] if tot["extracted"] else 1.0
    r = tot["correct"] / tot["gold"] if tot["gold"] else 1.0
    print(f"{'pooled':16} extracted {tot['extracted']:3}  gold {tot['gold']:3}  correct {tot['correct']:3}"
          f"   P {p:.3f}  R {r:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
