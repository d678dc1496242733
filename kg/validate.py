"""Check a graph against the SHACL shapes in ontology/shapes.ttl.

The graph is loaded into an in-memory Oxigraph store rather than an rdflib Graph: pyshacl runs
every SPARQL-based constraint once per focus node, and on an rdflib Graph each run re-parses
and evaluates the query in pure Python (about 25 s for 14 000 triples); Oxigraph evaluates them
natively (about 1.5 s). Validation is without inference: the graph is checked as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from kg.errors import KGError
from kg.paths import ontology_dir

ONTOLOGY_DIR = ontology_dir()
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"

SH = "http://www.w3.org/ns/shacl#"

#: prefixes used to print paths and shapes compactly
PREFIXES = {
    "pk": "https://w3id.org/parkkg/ontology#",
    "pks": "https://w3id.org/parkkg/shapes#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": SH,
}


@dataclass
class Violation:
    """One validation result, reduced to what a user needs to find and fix it."""
    focus: str            # the node that fails, as <IRI> (or _:b for a blank node)
    path: str             # the property path, prefixed (pk:locatedIn, pk:sentence/pk:inDocument), or ""
    message: str
    value: str = ""       # the offending value in N-Triples form, when it is not the focus node
    shape: str = ""       # the shape that failed, prefixed (pks:LabelCleanShape); "" for a blank node
    constraint: str = ""  # a named SPARQL constraint (pks:EvidenceSpanConstraint) or the core
                          # constraint component (sh:MinCountConstraintComponent)
    severity: str = "Violation"

    def line(self) -> str:
        out = f"{self.focus} {self.path or '-'}: {self.message}"
        if self.value:
            out += f" (value: {self.value})"
        return out


@dataclass
class ValidationResult:
    conforms: bool
    violations: int                      # results of severity sh:Violation
    messages: list[str]                  # one line per result: focus node, path, message
    report_text: str                     # pyshacl's full text report
    results: list[Violation] = field(default_factory=list)


def validate(data_graph_path: Union[Path, str], shapes: Union[Path, str, None] = None) -> ValidationResult:
    """Validate the graph file at ``data_graph_path`` (Turtle, N-Triples, N-Quads, TriG, RDF/XML,
    JSON-LD, by extension; anything else is read as Turtle) against ``shapes`` (default: ontology/shapes.ttl).

    Raises KGError when the graph or the shapes are missing or cannot be parsed.
    """
    data_graph_path = Path(data_graph_path)
    shapes_path = Path(shapes) if shapes is not None else DEFAULT_SHAPES
    if not data_graph_path.is_file():
        raise KGError(f"no graph at {data_graph_path}: run kg build first")
    if not shapes_path.is_file():
        raise KGError(f"no SHACL shapes at {shapes_path}")

    import pyshacl
    import rdflib

    _patch_pyshacl()
    store = _load_store(data_graph_path)
    try:
        shapes_graph = rdflib.Graph().parse(shapes_path, format=rdflib.util.guess_format(str(shapes_path)) or "turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad input
        raise KGError(f"cannot parse the shapes {shapes_path}: {_one_line(exc)}") from exc

    conforms, results_graph, report_text = pyshacl.validate(
        store, shacl_graph=shapes_graph, inference="none", advanced=False, abort_on_first=False,
        allow_warnings=False, allow_infos=False)
    results = _results(results_graph)
    return ValidationResult(
        conforms=bool(conforms),
        violations=sum(1 for r in results if r.severity == "Violation"),
        messages=[r.line() for r in results],
        report_text=report_text,
        results=results,
    )


def _load_store(path: Path):
    import pyoxigraph as ox

    ext = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.JSON_LD if ext in ("jsonld", "json") else ox.RdfFormat.from_extension(ext) if ext else None
    if fmt is None:  # out/graph.ttl is the norm; anything unknown is tried as Turtle
        fmt = ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        if fmt.supports_datasets:
            # Named graphs (from `kg export --format nquads|trig`) are validated as one graph.
            store.extend(ox.Quad(q.subject, q.predicate, q.object)
                         for q in ox.parse(path=str(path), format=fmt))
        else:
            store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise KGError(f"cannot parse the graph {path}: {_one_line(exc)}") from exc
    return store


_patched = False


def _patch_pyshacl() -> None:
    """pyshacl tests its Oxigraph-backed data graph for truth (``datagraph or sg``) once per
    result, which without __bool__ counts every triple through a SPARQL query: 10 ms per result.
    A graph object is always true; say so."""
    global _patched
    if _patched:
        return
    try:
        from pyshacl.graph_abstraction import OxigraphDataGraph
    except ImportError:  # a pyshacl without Oxigraph support: nothing to fix
        pass
    else:
        if "__bool__" not in vars(OxigraphDataGraph):
            OxigraphDataGraph.__bool__ = lambda self: True
    _patched = True


def _results(g) -> list[Violation]:
    from rdflib import RDF, BNode, Literal, URIRef
    from rdflib.collection import Collection

    def term(name):
        return URIRef(SH + name)

    def qname(iri) -> str:
        s = str(iri)
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns) and s[len(ns):] and "/" not in s[len(ns):]:
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"

    def path_text(p) -> str:
        if p is None:
            return ""
        if isinstance(p, URIRef):
            return qname(p)
        if (p, RDF.first, None) in g:
            return "/".join(path_text(x) for x in Collection(g, p))
        inv = g.value(p, term("inversePath"))
        if inv is not None:
            return "^" + path_text(inv)
        for op, sym in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
            inner = g.value(p, term(op))
            if inner is not None:
                return f"({path_text(inner)}){sym}"
        alt = g.value(p, term("alternativePath"))
        if alt is not None:
            return "(" + "|".join(path_text(x) for x in Collection(g, alt)) + ")"
        return str(p)

    def node_text(n) -> str:
        if isinstance(n, BNode):
            return f"_:{n}"
        if isinstance(n, Literal):
            return n.n3()
        return f"<{n}>"

    out = []
    for r in g.subjects(RDF.type, term("ValidationResult")):
        focus = g.value(r, term("focusNode"))
        value = g.value(r, term("value"))
        messages = sorted(str(m) for m in g.objects(r, term("resultMessage")))
        component = g.value(r, term("sourceConstraintComponent"))
        message = messages[0] if messages else qname(component) if component else "constraint violated"
        severity = g.value(r, term("resultSeverity"))
        shape = g.value(r, term("sourceShape"))
        constraint = g.value(r, term("sourceConstraint"))
        if not isinstance(constraint, URIRef):
            constraint = component
        out.append(Violation(
            focus=node_text(focus),
            path=path_text(g.value(r, term("resultPath"))),
            message=" ".join(message.split()),
            value=node_text(value) if value is not None and value != focus else "",
            shape=qname(shape) if isinstance(shape, URIRef) else "",
            constraint=qname(constraint) if isinstance(constraint, URIRef) else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    out.sort(key=lambda v: (v.focus, v.path, v.shape, v.message, v.value))
    return out


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
