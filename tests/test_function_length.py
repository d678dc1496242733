"""The team's rule: a function over ~80 lines holds components waiting to be named
(tools/long_functions.py lists them)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_function_in_kg_is_over_80_lines():
    spec = importlib.util.spec_from_file_location("long_functions", ROOT / "tools" / "long_functions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    found = [f"{f}:{line} {name} ({n} lines)" for n, f, line, name in mod.long_functions([ROOT / "kg"], 80)]
    assert found == []
