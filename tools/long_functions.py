"""Functions longer than a limit (default 80 lines, decorators excluded), longest first.

    python tools/long_functions.py [--max 80] [PATH ...]      (default PATH: kg)

The team's rule: a function over ~80 lines holds components waiting to be named. Exits 1
when it lists any, so it can guard a check.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def long_functions(paths: list[Path], limit: int) -> list[tuple[int, str, int, str]]:
    found = []
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            tree = ast.parse(f.read_text(encoding="utf-8"), filename=str(f))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    n = node.end_lineno - node.lineno + 1
                    if n > limit:
                        found.append((n, str(f), node.lineno, node.name))
    return sorted(found, reverse=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=80, help="longest allowed, in lines")
    ap.add_argument("paths", nargs="*", type=Path, default=[Path("kg")])
    args = ap.parse_args()
    found = long_functions(args.paths, args.max)
    for n, f, line, name in found:
        print(f"{n:4d}  {f}:{line}  {name}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
