"""Limits checked on a SPARQL query (or update) before Oxigraph sees it.

Oxigraph parses and optimises queries recursively: a few kilobytes of nested groups, nested
parentheses or a long chain of operators overflow its stack and the whole server aborts (measured
with oxigraph 0.5: `{`×3,000, `(`×10,000, `!`×10,000, `1+1+…` or `||` chains of 10,000 terms,
3,000 BINDs, 10,000 triple patterns, UNION/OPTIONAL/path chains of 10,000). `check()` scans the
text once, in linear time and without recursion, and refuses a query that is

* larger than `max_bytes`;
* nested deeper than `max_depth` (`{ ( [` count);
* made of more than `max_operators` operators and patterns: `+ - * / ! | ^ && || = != < > <= >=`,
  `.` `;` `,` between patterns, and the keywords FILTER BIND OPTIONAL UNION MINUS SERVICE GRAPH
  VALUES EXISTS. The data block of INSERT DATA / DELETE DATA is not counted (it is a flat list).

Strings, IRIs and comments are skipped, so their content never counts. Real queries use a few
levels and a few dozen operators; the defaults leave a wide margin below the failures above.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_OPERATORS = 1000

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<str>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
          |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
          |'(?:[^'\\\n\r]|\\.)*'?
          |"(?:[^"\\\n\r]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s{}()\[\].,;!|^&=<>+*/"'#-]*)
  | (?P<name>[^\W\d][\w\-.]*(?::[\w\-.:%\\]*)?|:[\w\-.:%\\]*|\d[\w\-.:%\\]*:[\w\-.:%\\]*|_:[\w\-.]+)
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<op>&&|\|\||!=|<=|>=|\^\^|[-+*/!|^=<>.;,])
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_KEYWORDS = {"FILTER", "BIND", "OPTIONAL", "UNION", "MINUS", "SERVICE", "GRAPH", "VALUES",
             "EXISTS"}


@dataclass
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_operators: int = DEFAULT_MAX_OPERATORS


class Refused(ValueError):
    """A query over a limit; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def measure(text: str) -> tuple[int, int]:
    """(deepest nesting, number of operators) of a query text."""
    depth = deepest = ops = 0
    data_depth = None        # depth of an INSERT/DELETE DATA block being skipped
    after_data = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment", "str", "iri", "var", "num", "other"):
            continue
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if after_data and m.group() == "{" and data_depth is None:
                data_depth = depth
            after_data = False
            continue
        if kind == "close":
            if data_depth is not None and depth == data_depth:
                data_depth = None
            depth = max(0, depth - 1)
            continue
        if kind == "name":
            word = m.group().upper()
            if word == "DATA":
                after_data = True
            elif word in _KEYWORDS and data_depth is None:
                ops += 1
            continue
        if kind == "op" and data_depth is None and m.group() != "^^":
            ops += 1
    return deepest, ops


def check(text: str | bytes, limits: Limits | None = None) -> None:
    """Raise Refused when the query is over a limit (see the module docstring)."""
    limits = limits or Limits()
    size = len(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if limits.max_bytes and size > limits.max_bytes:
        raise Refused(f"query refused: {size:,} bytes is more than the limit of "
                      f"{limits.max_bytes:,} (kg serve --max-query-size)", 413)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth, ops = measure(text)
    if limits.max_depth and depth > limits.max_depth:
        raise Refused(f"query refused: nested {depth} levels deep, the limit is "
                      f"{limits.max_depth} (kg serve --max-query-depth)")
    if limits.max_operators and ops > limits.max_operators:
        raise Refused(f"query refused: {ops:,} operators and patterns, the limit is "
                      f"{limits.max_operators:,} (kg serve --max-query-operators)")
