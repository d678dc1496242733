"""Writing query results: an aligned table for people, the W3C formats for programs.

csv / tsv / json / xml are the SPARQL 1.1 Query Results formats, serialized by Oxigraph itself;
CONSTRUCT and DESCRIBE results are Turtle (or N-Triples); ASK prints true / false.
"""
from __future__ import annotations

import unicodedata
from typing import IO, Iterable
from urllib.parse import unquote

from kg.errors import KGError
from kg.query import PREFIXES

TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt")
FORMATS = TABLE_FORMATS + GRAPH_FORMATS


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def truncate(text: str, width: int) -> str:
    """Cut `text` to at most `width` display columns, ending with '…' when cut."""
    if text_width(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        w = char_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


_UNSAFE = set(' <>"{}|^`\\')


def show_term(term, base: str) -> str:
    """A term as a person wants to read it: literal values bare, ids relative to the base
    (percent-decoded), vocabulary with its prefix."""
    if term is None:
        return ""
    import pyoxigraph as ox
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split()) if "\n" in term.value else term.value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if base and iri.startswith(base):
            rel = iri[len(base):]
            dec = unquote(rel)
            if any(c in _UNSAFE or ord(c) < 0x20 for c in dec):
                dec = rel
            return f"<{dec}>"
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and iri[len(ns):].replace("_", "a").replace("-", "a").isalnum():
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def table_lines(variables: list[str], rows: Iterable[list[str]], max_width: int | None = None
                ) -> list[str]:
    rows = [[c.replace("\t", " ").replace("\r", " ") for c in r] for r in rows]
    if max_width:
        rows = [[truncate(c, max_width) for c in r] for r in rows]
    widths = [text_width(v) for v in variables]
    for r in rows:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], text_width(c))
    out = ["  ".join(pad(v, w) for v, w in zip(variables, widths)).rstrip(),
           "  ".join("─" * w for w in widths)]
    out += ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return out


def write_results(result, fmt: str, out: IO[bytes], *, base: str, max_width: int | None = None
                  ) -> int:
    """Write a pyoxigraph query result to the binary stream `out`; returns the row count (or
    triple count; 1 for ASK)."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        if fmt in ("json", "xml"):
            out.write(_final_newline(result.serialize(format=_rformat(fmt))))
        else:
            out.write(b"true\n" if bool(result) else b"false\n")
        return 1
    if isinstance(result, ox.QueryTriples):
        if fmt not in ("table", "ttl", "nt"):
            raise KGError(f"--format {fmt} is for SELECT results; CONSTRUCT and DESCRIBE give "
                          "ttl (default) or nt")
        triples = list(result)
        rformat = ox.RdfFormat.N_TRIPLES if fmt == "nt" else ox.RdfFormat.TURTLE
        kwargs = {} if fmt == "nt" else {"prefixes": PREFIXES}
        out.write(ox.serialize(triples, format=rformat, **kwargs) or b"")
        return len(triples)
    if fmt in ("ttl", "nt"):
        raise KGError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; SELECT gives table, csv, "
                      "tsv, json or xml")
    if fmt != "table":
        data = result.serialize(format=_rformat(fmt))
        out.write(_final_newline(data) if fmt in ("json", "xml") else data)
        return -1
    variables = [v.value for v in result.variables]
    rows = [[show_term(sol[i], base) for i in range(len(variables))] for sol in result]
    for line in table_lines(variables, rows, max_width):
        out.write((line + "\n").encode("utf-8"))
    return len(rows)


def _final_newline(data: bytes) -> bytes:
    """Oxigraph's JSON and XML results end without a newline (a shell prompt would follow on
    the same line; `wc -l` and `cat a b` misbehave)."""
    return data if data.endswith(b"\n") else data + b"\n"


def _rformat(fmt: str):
    import pyoxigraph as ox
    return {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]
