"""Export the graph in the formats users load elsewhere.

RDF formats (ttl, nt, jsonld) carry exactly the triples of graph.ttl. The dataset formats
(nq, trig) split the same triples into one named graph per source document, so a user (or
`kg push`) can replace one article's facts:

The graph of document D, named by D's own IRI (`<base>doc/<id>`), holds
  1. every triple whose subject is D, or an article or sentence of D (`pk:inDocument D`);
  2. every triple of each evidence statement derived from D (`prov:wasDerivedFrom D`), and the
     direct triple it supports (`rdf:subject` `rdf:predicate` `rdf:object`);
  3. for each entity mentioned in a sentence of D or named as subject / object by an evidence
     statement of D: its `rdf:type`, `rdfs:label`, `skos:altLabel`, `pk:kind`, `pk:title`
     triples, and its `pk:mentionedIn` triples that point at sentences of D.
An entity's name triples, and a direct triple supported in several documents, therefore appear
in several document graphs (RDF merges them back into one). Every triple no document supports
(an unmentioned entity, a direct triple without evidence) goes to the graph `<base>corpus`.
The union of all graphs is exactly graph.ttl.

GraphML (networkx) holds the entity network for Gephi / Cytoscape: entity nodes (id = IRI;
label, class, aliases joined with " | ", kind, title, mentions) and one edge per direct
relation (relation, evidence = supporting sentences, documents).

CSV writes a directory with nodes.csv and edges.csv (the same columns as GraphML) and
investments.csv (one row per stated investment: investor, park, amount in its currency, the amount
as written, project, date, evidence), UTF-8 with a BOM so Excel shows Chinese correctly; a
directory rather than a zip so each table opens directly.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from kg.atomic import atomic_open
from kg.errors import KGError
from kg.paths import ontology_dir
from kg.query import PREFIXES

PK = PREFIXES["pk"]
RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
PROV = PREFIXES["prov"]
CLASSES = ("Park", "Company", "Policy", "Official", "Executive", "Agency", "Institution")
RELATIONS = ("locatedIn", "investsIn", "issuedBy", "appliesTo", "holdsPost", "worksFor",
             "subsidiaryOf", "partOf")

FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "csv")
EXTENSIONS = {"ttl": "graph.ttl", "nt": "graph.nt", "nq": "graph.nq", "trig": "graph.trig",
              "jsonld": "graph.jsonld", "graphml": "graph.graphml", "csv": "csv"}
CONTEXT_FILE = ontology_dir() / "context.jsonld"

_NAME_PREDS = {RDF + "type", RDFS + "label", SKOS + "altLabel", PK + "kind", PK + "title"}


def corpus_graph_iri(graph_base: str) -> str:
    return graph_base + "corpus"


def doc_graph_iri(doc_iri: str, base: str, graph_base: str | None) -> str:
    """A document's graph: its own IRI, or the same path under another `graph_base`."""
    if graph_base and graph_base != base and doc_iri.startswith(base):
        return graph_base + doc_iri[len(base):]
    return doc_iri


def document_graphs(triples: Iterable, base: str, graph_base: str | None = None
                    ) -> dict[str, list]:
    """Split pyoxigraph Triples into {graph IRI: [Triple, …]} as the module docstring defines."""
    triples = list(triples)
    by_s = defaultdict(list)
    for t in triples:
        by_s[t.subject].append(t)
    in_doc = PK + "inDocument"
    derived = PROV + "wasDerivedFrom"
    docs_of = {}          # document / article / sentence node -> its document
    stmt_docs = defaultdict(set)
    for t in triples:
        p = t.predicate.value
        if p == in_doc:
            docs_of[t.subject] = t.object
        elif p == derived:
            stmt_docs[t.subject].add(t.object)
        elif p == RDF + "type" and t.object.value == PK + "Document":
            docs_of[t.subject] = t.subject
    fact_docs = defaultdict(set)     # (s, p, o) -> documents with evidence for it
    entity_docs = defaultdict(set)
    for st, ds in stmt_docs.items():
        parts = {t.predicate.value: t.object for t in by_s[st]}
        s, p, o = parts.get(RDF + "subject"), parts.get(RDF + "predicate"), parts.get(RDF + "object")
        if s is not None and p is not None and o is not None:
            fact_docs[(s, p, o)] |= ds
            entity_docs[s] |= ds
            entity_docs[o] |= ds
    mentioned = PK + "mentionedIn"
    for t in triples:
        if t.predicate.value == mentioned and t.object in docs_of:
            entity_docs[t.subject].add(docs_of[t.object])

    graph_base = graph_base or base
    names = {}

    def gname(doc):
        if doc not in names:
            names[doc] = doc_graph_iri(doc.value, base, graph_base)
        return names[doc]

    out: dict[str, list] = defaultdict(list)
    rest = corpus_graph_iri(graph_base)
    for t in triples:
        s, p = t.subject, t.predicate.value
        if s in docs_of:
            targets = {docs_of[s]}
        elif s in stmt_docs:
            targets = stmt_docs[s]
        elif p == mentioned:
            targets = {docs_of[t.object]} if t.object in docs_of else set()
        elif p in _NAME_PREDS:
            targets = entity_docs.get(s, set())
        else:
            targets = fact_docs.get((s, t.predicate, t.object), set())
        if not targets:
            out[rest].append(t)
        for d in targets:
            out[gname(d)].append(t)
    return dict(out)


# --- writing --------------------------------------------------------------------------------

def _unwritable(path: Path, exc: OSError) -> KGError:
    return KGError(f"cannot write {path}: {exc.strerror or exc}")


def _mkdir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(directory, exc) from None


def _atomic_bytes(path: Path, write) -> None:
    """Write `path` whole or not at all; an unwritable destination is a one-line KGError."""
    _mkdir(path.parent)
    try:
        with atomic_open(path, "wb", encoding=None, newline=None) as fh:
            write(fh)
    except OSError as exc:
        raise _unwritable(path, exc) from None


def dataset_quads(triples, base: str, graph_base: str | None = None) -> list:
    import pyoxigraph as ox
    graphs = document_graphs(triples, base, graph_base)
    return [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
            for g in sorted(graphs) for t in graphs[g]]


def default_triples(store) -> list:
    import pyoxigraph as ox
    return [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]


def source_triples(out_dir: Path, store=None) -> list:
    """The graph's triples, read from graph.ttl when it exists: the store keeps values, not
    lexical forms (it writes "0.90"^^xsd:decimal back as "0.9"), and an export should be the
    same graph as graph.ttl term for term."""
    import pyoxigraph as ox
    from kg.store import graph_path
    path = graph_path(out_dir)
    if path.exists():
        try:
            return [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
        except SyntaxError as exc:
            raise KGError(f"{path}: {exc}") from None
    if store is None:
        from kg.store import open_store
        store, _ = open_store(out_dir)
    return default_triples(store)


def serialize_rdf(triples: list, fmt: str, base: str) -> bytes:
    """ttl / nt / nq / trig / jsonld as bytes. (No base IRI in the output: Oxigraph would also
    relativize the vocabulary namespaces against it, which reads badly.)"""
    import pyoxigraph as ox
    prefixes = {**PREFIXES}
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if fmt == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "nq":
        return ox.serialize(dataset_quads(triples, base), format=ox.RdfFormat.N_QUADS)
    if fmt == "trig":
        return ox.serialize(dataset_quads(triples, base), format=ox.RdfFormat.TRIG,
                            prefixes=prefixes)
    if fmt == "jsonld":
        return jsonld_bytes(triples, base)
    raise KGError(f"unknown RDF format {fmt}")


def load_context() -> dict:
    """The JSON-LD context of ontology/context.jsonld ("@context" value), or our prefixes."""
    if CONTEXT_FILE.exists():
        try:
            data = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
            return data.get("@context", data) if isinstance(data, dict) else {}
        except ValueError as exc:
            raise KGError(f"{CONTEXT_FILE} is not valid JSON: {exc}") from None
    return dict(PREFIXES)


def jsonld_bytes(triples: list, base: str) -> bytes:
    """JSON-LD compacted with ontology/context.jsonld (rdflib's serializer: it compacts with a
    context; Oxigraph's writes expanded JSON-LD only)."""
    import pyoxigraph as ox
    import rdflib
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=nt, format="nt")
    ctx = load_context()
    if isinstance(ctx, dict) and "@base" not in ctx:
        ctx = {**ctx, "@base": base}
    text = g.serialize(format="json-ld", context=ctx, auto_compact=True, indent=1,
                       ensure_ascii=False)
    return text.rstrip("\n").encode("utf-8") + b"\n"  # a text file ends with a newline


# --- the entity network (GraphML, CSV) ------------------------------------------------------

def network_tables(store, base: str) -> tuple[list[dict], list[dict]]:
    """Entity nodes and relation edges as rows (shared by GraphML and CSV)."""
    from kg import query as q
    node_rows: dict[str, dict] = {}
    res = q.run(store, """
        SELECT ?e ?cls ?label (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases)
               (SAMPLE(?k) AS ?kind) (SAMPLE(?t) AS ?title) (COUNT(DISTINCT ?m) AS ?mentions)
        WHERE { VALUES ?cls { pk:Park pk:Company pk:Policy pk:Official pk:Executive pk:Agency
                              pk:Institution }
                ?e a ?cls ; rdfs:label ?label .
                OPTIONAL { ?e skos:altLabel ?alias } OPTIONAL { ?e pk:kind ?k }
                OPTIONAL { ?e pk:title ?t } OPTIONAL { ?e pk:mentionedIn ?m } }
        GROUP BY ?e ?cls ?label ORDER BY ?cls ?label""", base=base)
    for sol in res:
        iri = sol["e"].value
        node_rows[iri] = {"id": iri, "label": sol["label"].value,
                          "class": sol["cls"].value[len(PK):],
                          "aliases": sol["aliases"].value if sol["aliases"] else "",
                          "kind": sol["kind"].value if sol["kind"] else "",
                          "title": sol["title"].value if sol["title"] else "",
                          "mentions": int(sol["mentions"].value)}
    values = " ".join(f"pk:{r}" for r in RELATIONS)
    res = q.run(store, f"""
        SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?evidence) (COUNT(DISTINCT ?d) AS ?documents)
        WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o .
                OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                             prov:wasDerivedFrom ?d }} }}
        GROUP BY ?s ?p ?o ORDER BY ?p ?s ?o""", base=base)
    edges = []
    for sol in res:
        s, o = sol["s"].value, sol["o"].value
        edges.append({"source": s, "target": o, "relation": sol["p"].value[len(PK):],
                      "source_label": node_rows.get(s, {}).get("label", ""),
                      "target_label": node_rows.get(o, {}).get("label", ""),
                      "evidence": int(sol["evidence"].value),
                      "documents": int(sol["documents"].value)})
    return list(node_rows.values()), edges


def write_graphml(store, base: str, path: Path) -> None:
    import networkx as nx
    nodes, edges = network_tables(store, base)
    g = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in edges:
        for end in ("source", "target"):  # an endpoint outside the seven classes still shows
            if e[end] not in g:
                g.add_node(e[end], label=e[end], **{"class": "", "aliases": "", "kind": "",
                                                       "title": "", "mentions": 0})
        g.add_edge(e["source"], e["target"], key=e["relation"], relation=e["relation"],
                   label=e["relation"], evidence=e["evidence"], documents=e["documents"])
    _atomic_bytes(path, lambda fh: nx.write_graphml(g, fh, encoding="utf-8", prettyprint=True))


NODE_COLUMNS = ["id", "label", "class", "aliases", "kind", "title", "mentions"]
EDGE_COLUMNS = ["source", "target", "relation", "source_label", "target_label", "evidence",
                "documents"]


INVESTMENT_COLUMNS = ["investor", "park", "amount", "currency", "amount_text", "project", "date",
                      "published", "document", "sentence", "investor_id", "park_id", "id"]


def investment_rows(store, base: str) -> list[dict]:
    """The stated investments (pk:Investment) as rows, oldest first. ``amount`` is the decimal
    in units of ``currency`` (never converted); ``amount_text`` the amount as written."""
    from kg import query as q
    res = q.run(store, """
        SELECT ?i ?c ?company ?p ?park ?amount ?currency ?text ?project ?date ?pub ?file ?sentence
        WHERE { ?i a pk:Investment ; pk:investor ?c ; pk:target ?p ; pk:amount ?amount ;
                   pk:currency ?currency ; pk:amountText ?text ; pk:sentence ?s .
                ?c rdfs:label ?company . ?p rdfs:label ?park .
                OPTIONAL { ?s pk:text ?sentence }
                OPTIONAL { ?s pk:inDocument ?doc . ?doc pk:fileName ?file
                           OPTIONAL { ?doc pk:published ?pub } }
                OPTIONAL { ?i pk:project ?project } OPTIONAL { ?i pk:date ?date } }
        ORDER BY STR(COALESCE(?date, ?pub, "")) ?company ?i""", base=base)

    def v(sol, k):
        return sol[k].value if sol[k] is not None else ""
    return [{"investor": v(sol, "company"), "park": v(sol, "park"), "amount": v(sol, "amount"),
             "currency": v(sol, "currency"), "amount_text": v(sol, "text"),
             "project": v(sol, "project"), "date": v(sol, "date"), "published": v(sol, "pub"),
             "document": v(sol, "file"), "sentence": v(sol, "sentence"),
             "investor_id": v(sol, "c"), "park_id": v(sol, "p"), "id": v(sol, "i")}
            for sol in res]


def write_csv(store, base: str, directory: Path) -> list[Path]:
    nodes, edges = network_tables(store, base)
    investments = investment_rows(store, base)
    _mkdir(directory)
    written = []
    for name, cols, rows in (("nodes.csv", NODE_COLUMNS, nodes), ("edges.csv", EDGE_COLUMNS, edges),
                             ("investments.csv", INVESTMENT_COLUMNS, investments)):
        path = directory / name

        def write(fh, cols=cols, rows=rows):
            import io
            text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
            w = csv.DictWriter(text, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
            text.flush()
            text.detach()
        _atomic_bytes(path, write)
        written.append(path)
    return written


def export(out_dir: Path, fmt: str, dest: Path | None = None) -> list[Path]:
    """Export the graph built in `out_dir` as `fmt`; returns the files written.

    `dest` defaults to `<out_dir>/export/graph.<ext>` (a directory `<out_dir>/export/csv/` for
    csv); an existing directory given for a single-file format receives `graph.<ext>`. The
    build's own graph.ttl is never overwritten.
    """
    from kg.store import graph_path, open_store
    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt} (one of {', '.join(FORMATS)})")
    dest = Path(dest) if dest else Path(out_dir) / "export" / EXTENSIONS[fmt]
    if fmt != "csv" and dest.is_dir():
        dest = dest / EXTENSIONS[fmt]
    elif fmt == "csv" and dest.exists() and not dest.is_dir():
        raise KGError(f"--format csv writes a directory (nodes.csv, edges.csv); {dest} is a file")
    if dest.resolve() == graph_path(out_dir).resolve():
        raise KGError(f"{dest} is the graph kg build wrote; export to another path")
    store, meta = open_store(out_dir)
    base = meta["base"]
    if fmt == "csv":
        return write_csv(store, base, dest)
    if fmt == "graphml":
        write_graphml(store, base, dest)
        return [dest]
    data = serialize_rdf(source_triples(out_dir, store), fmt, base)
    _atomic_bytes(dest, lambda fh: fh.write(data))
    return [dest]
