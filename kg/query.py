"""SPARQL over the built store: predeclared prefixes, safe parameters, the named-query library.

Only pyoxigraph is imported on this path (no rdflib, no jieba) so a cold `kg query` stays fast.

Parameters are bound as RDF terms, never spliced into the query: each `--param name=value`
becomes a plain string literal (or an IRI when written `<…>`), serialized by Oxigraph's own
N-Triples escaping, in a `VALUES` block inserted as the first element of the query's WHERE
group. A value holding quotes, braces or `#` is therefore just data. (Oxigraph's `substitutions`
argument would need every parameter in the SELECT projection, which aggregate queries cannot
offer; a VALUES block at the start of the group is seen by every later BIND and FILTER.)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from kg.paths import ontology_dir

PREFIXES = {
    "pk": "https://w3id.org/parkkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
}

#: Where named queries live: the repository's ontology/queries, then KG_QUERY_PATH entries
#: (os.pathsep-separated) — a later directory's file overrides an earlier one of the same name.
LIBRARY_DIR = ontology_dir() / "queries"


def prefixes_for(base: str) -> dict[str, str]:
    return {**PREFIXES, "pkid": base}


# --- the library ----------------------------------------------------------------------------

@dataclass
class Param:
    name: str
    description: str = ""
    optional: bool = False
    kind: str = "string"   # string: a plain literal | name: every form of a name | iri


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)


_HEADER_RE = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM_RE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_]*)(\?)?\s*(?:\[(string|name|iri)\])?\s*(?:[—–:-]+\s*(.*))?$")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def parse_header(name: str, path: Path, text: str) -> NamedQuery:
    """Read the leading `# key: value` comment lines of a .rq file.

    `# param: park [name] — a park name` declares a required parameter, `# param: predicate? — …`
    an optional one (left unbound when not given). The bracketed kind says how a value is
    bound: `string` (default) a plain literal; `iri` an IRI; `name` every form of a name the
    graph may hold (see `name_forms`) — the query then matches with a triple pattern such as
    `?e rdfs:label|skos:altLabel ?park`, an index lookup instead of a scan of all labels.
    Description lines may repeat (joined).
    """
    q = NamedQuery(name=name, path=path, text=text)
    desc = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = _HEADER_RE.match(s)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "title":
            q.title = value
        elif key == "description":
            desc.append(value)
        else:
            pm = _PARAM_RE.match(value)
            if pm:
                q.params.append(Param(pm.group(1), (pm.group(4) or "").strip(), bool(pm.group(2)),
                                      pm.group(3) or "string"))
    q.description = " ".join(desc)
    return q


def library_dirs() -> list[Path]:
    dirs = [LIBRARY_DIR]
    extra = os.environ.get("KG_QUERY_PATH", "")
    dirs += [Path(p) for p in extra.split(os.pathsep) if p]
    return dirs


def list_queries() -> list[NamedQuery]:
    found: dict[str, Path] = {}
    for d in library_dirs():
        if d.is_dir():
            for f in sorted(d.glob("*.rq")):
                found[f.stem] = f
    return [parse_header(n, p, p.read_text(encoding="utf-8")) for n, p in sorted(found.items())]


def load_named(name: str) -> NamedQuery:
    for q in list_queries():
        if q.name == name:
            return q
    raise KGError(f"no named query '{name}' (kg query --list shows them)")


def kinds_of(q: NamedQuery) -> dict[str, str]:
    return {p.name: p.kind for p in q.params}


def check_params(q: NamedQuery, given: dict[str, str]) -> None:
    declared = {p.name for p in q.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        allowed = ", ".join(p.name for p in q.params) or "none"
        raise KGError(f"{q.name}: unknown parameter {', '.join(unknown)} (parameters: {allowed})")
    missing = [p.name for p in q.params if not p.optional and p.name not in given]
    if missing:
        hint = " ".join(f"--param {m}=…" for m in missing)
        raise KGError(f"{q.name}: missing parameter {', '.join(missing)} ({hint})")


def parse_param(text: str) -> tuple[str, str]:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # bytes that are not UTF-8 reach us as surrogate escapes (a GBK terminal, a script)
        shown = os.fsencode(text).decode("utf-8", "backslashreplace")
        raise KGError(f"bad --param '{shown}': the value is not valid UTF-8 (write it in "
                      "UTF-8, e.g. set the terminal's encoding)") from None
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
        raise KGError(f"bad --param '{text}': write NAME=VALUE")
    return name, value


# --- a small SPARQL scanner: just enough to find the query form and the WHERE group ---------

_IRI_RE = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _tokens(text: str):
    """Yield (kind, start, end) for '{', '}', 'word' outside comments, strings and IRIs."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            long = text.startswith(c * 3, i)
            q = c * 3 if long else c
            j = i + len(q)
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(q, j):
                    break
                if not long and text[j] == "\n":
                    break
                j += 1
            i = j + len(q)
        elif c == "<":
            m = _IRI_RE.match(text, i)
            i = m.end() if m else i + 1
        elif c in "{}":
            yield c, i, i + 1
            i += 1
        elif c == "?" or c == "$":
            m = _WORD_RE.match(text, i + 1)
            i = m.end() if m else i + 1
        elif c.isalpha() or c == "_":
            m = re.compile(r"[A-Za-z0-9_:.\-]*").match(text, i)
            word = text[i:m.end()].rstrip(".")
            yield "word", i, i + len(word)
            i += max(len(word), 1)
        else:
            i += 1


FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def query_form(text: str) -> tuple[str | None, int]:
    """The query form keyword (SELECT …) and its offset; (None, -1) for an update or garbage."""
    for kind, a, b in _tokens(text):
        if kind == "word" and text[a:b].upper() in FORMS:
            return text[a:b].upper(), a
        if kind == "{":
            break
    return None, -1


def where_brace(text: str) -> int:
    """Offset of the '{' that opens the query's WHERE group, or -1."""
    form, start = query_form(text)
    if form is None:
        return -1
    toks = list(_tokens(text[start:]))  # toks[0] is the form keyword itself
    i = 1
    if form == "CONSTRUCT":
        if len(toks) < 2 or toks[1][0] != "{":
            return -1  # CONSTRUCT WHERE { … } short form: it allows triple patterns only
        depth = 0
        for k in range(1, len(toks)):  # skip the balanced { template }
            depth += {"{": 1, "}": -1}.get(toks[k][0], 0)
            if depth == 0:
                i = k + 1
                break
    for kind, a, _ in toks[i:]:
        if kind == "{":
            return start + a
    return -1


def bind_values(text: str, bindings: dict) -> str:
    """Insert `VALUES ?a { term … } VALUES ?b { … }` at the start of the WHERE group.

    `bindings` maps variable names to a pyoxigraph term or a list of terms (rows);
    `str(term)` is Oxigraph's N-Triples serialization, so literals arrive escaped.
    """
    if not bindings:
        return text
    pos = where_brace(text)
    if pos < 0:
        raise KGError("parameters need a query with a WHERE { … } group")
    blocks = []
    for name, terms in bindings.items():
        terms = terms if isinstance(terms, (list, tuple)) else [terms]
        blocks.append(f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}")
    return text[:pos + 1] + " " + " ".join(blocks) + " " + text[pos + 1:]


#: Name forms that mean the same park or body: a user may type either. (Suffix pairs from
#: Chinese park naming; full- and half-width brackets in company names.)
NAME_VARIANTS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"))
_TO_FULL = str.maketrans("()", "（）")
_TO_HALF = str.maketrans("（）", "()")


def name_forms(value: str) -> list[str]:
    """Every spelling of `value` the graph may hold as a label or alias."""
    value = "".join(value.split())
    forms = {value, value.translate(_TO_FULL), value.translate(_TO_HALF)}
    for long, short in NAME_VARIANTS:
        for f in list(forms):
            if long in f:
                forms.add(f.replace(long, short))
            elif short in f and long not in f:
                forms.add(f.replace(short, long))
    return sorted(forms, key=lambda f: (f != value, f))


def bind_terms(value: str, kind: str, base: str) -> list:
    """The RDF terms a parameter value is bound to (see Param.kind)."""
    import pyoxigraph as ox
    if kind == "name":
        forms = name_forms(value)
        # labels are @zh in our graphs; plain literals cover graphs written by other tools
        return [ox.Literal(f, language="zh") for f in forms] + [ox.Literal(f) for f in forms]
    if kind == "iri" and not (value.startswith("<") and value.endswith(">")):
        value = f"<{value}>"
    return [param_term(value, base)]


def with_limit(text: str, limit: int, variables: list[str] | None = None) -> str:
    """Cap a SELECT at `limit` rows by wrapping it as a subquery (its own LIMIT, ORDER BY and
    VALUES stay valid inside). `variables` keeps the column order (SELECT * would not)."""
    form, start = query_form(text)
    if form != "SELECT":
        return text
    proj = " ".join(f"?{v}" for v in variables) if variables else "*"
    return f"{text[:start]}SELECT {proj} WHERE {{\n{text[start:]}\n}} LIMIT {int(limit)}"


def param_term(value: str, base: str):
    import pyoxigraph as ox
    if len(value) > 2 and value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
            iri = base + iri
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise KGError(f"bad IRI parameter {value}: {exc}") from None
    return ox.Literal(value)


_POS_RE = re.compile(r"error at (\d+):(\d+)")
_EXPECTED_RE = re.compile(r"^expected (?:one of )?", re.DOTALL)
_CHAR_RE = re.compile(r"'((?:\\u\{[0-9A-Fa-f]+\}|\\.|[^'\\]))'")


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside [ ] and quotes (the parser's token list)."""
    parts, cur, depth, quote, i = [], [], 0, None, 0
    while i < len(text):
        c = text[i]
        if quote:
            cur.append(c)
            if c == "\\" and i + 1 < len(text):
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"":
            quote = c
            cur.append(c)
        elif c == "[":
            depth += 1
            cur.append(c)
        elif c == "]":
            depth -= 1
            cur.append(c)
        elif depth == 0 and text.startswith(sep, i):
            parts.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _char_class_words(body: str) -> list[str]:
    """`'0'..='9' | 'A'..='Z' | '%'` → ["a digit", "a letter", '"%"'] (Unicode ranges, which
    only widen "a letter", are left out)."""
    words = []
    for alt in _split_top(" ".join(body.split()), "|"):
        chars = _CHAR_RE.findall(alt)
        if alt == "_" or not chars:
            continue
        if len(chars) == 2:  # a range
            lo = chars[0]
            if lo == "0":
                words.append("a digit")
            elif lo in ("A", "a"):
                words.append("a letter")
        elif not chars[0].startswith("\\u"):
            words.append(f'"{chars[0].replace(chr(92) * 2, chr(92))}"')
    return words


def expected_in_words(detail: str) -> str:
    """The parser's list of expected tokens, readable: keywords and punctuation as they are,
    character classes as "a letter", "a digit", "\"%\"", no wildcard `[_]`."""
    m = _EXPECTED_RE.match(detail)
    if not m:
        return detail
    words: list[str] = []
    for tok in _split_top(" ".join(detail[m.end():].split()), ", "):
        if tok.startswith("[") and tok.endswith("]"):
            found = _char_class_words(tok[1:-1])
        elif tok == "Prefix not found":
            found = ["a declared prefix"]
        else:
            found = [tok]
        for w in found:
            if w not in words:
                words.append(w)
    if not words:
        return "unexpected text"
    if len(words) == 1:
        return f"expected {words[0]}"
    return f"expected {', '.join(words[:-1])} or {words[-1]}"


def syntax_message(exc: Exception, text: str) -> str:
    """The parser's message in words, with `line L, column C` and the offending line shown."""
    msg = str(exc)
    m = _POS_RE.search(msg)
    if not m:
        return f"SPARQL syntax error: {msg}"
    line, col = int(m.group(1)), int(m.group(2))
    detail = expected_in_words(msg[m.end():].lstrip(": ").strip())
    lines = text.splitlines()
    show = ""
    if 1 <= line <= len(lines):
        show = f"\n  {lines[line - 1]}\n  {' ' * max(col - 1, 0)}^"
    return f"SPARQL syntax error at line {line}, column {col}: {detail}{show}"


def run(store, text: str, *, base: str, params: dict[str, str] | None = None,
        limit: int | None = None, kinds: dict[str, str] | None = None):
    """Execute `text` on a pyoxigraph store; returns QuerySolutions, QueryTriples or
    QueryBoolean. `kinds` gives each parameter's kind (string | name | iri; default string:
    see Param). Syntax errors become KGError with the parser's line and column."""
    # Check the user's text first so positions in errors refer to what they wrote.
    try:
        ox_parse_check(text, base)
    except SyntaxError as exc:
        raise KGError(syntax_message(exc, text)) from None
    if params:
        kinds = kinds or {}
        text = bind_values(text, {k: bind_terms(v, kinds.get(k, "string"), base)
                                  for k, v in params.items()})
    try:
        if limit is not None and query_form(text)[0] == "SELECT":
            # results are lazy: asking for the variables does not evaluate the query
            head = store.query(text, base_iri=base, prefixes=prefixes_for(base))
            text = with_limit(text, limit, [v.value for v in head.variables])
            del head
        return store.query(text, base_iri=base, prefixes=prefixes_for(base))
    except SyntaxError as exc:
        raise KGError(syntax_message(exc, text)) from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise KGError(f"query failed: {exc}") from None


_EMPTY = None


def ox_parse_check(text: str, base: str) -> None:
    """Parse (and run on an empty in-memory store, which is instant) to surface syntax errors
    with the user's own line and column numbers."""
    import pyoxigraph as ox
    global _EMPTY
    if _EMPTY is None:
        _EMPTY = ox.Store()
    form, _ = query_form(text)
    if form is None:
        if re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|COPY|MOVE|ADD)\b", text, re.I) \
                and not re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", text, re.I):
            raise KGError("kg query runs read-only queries (SELECT, CONSTRUCT, ASK, DESCRIBE); "
                          "updates are not applied to the store, which is rebuilt from graph.ttl")
    _EMPTY.query(text, base_iri=base, prefixes=prefixes_for(base))
