"""kg export: every RDF format round-trips through rdflib and Oxigraph; document graphs;
GraphML and CSV tables."""
import csv
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.cli import main
from kg.export import document_graphs
from helpers import read_only

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
BASE = "https://w3id.org/parkkg/id/"
PK = "https://w3id.org/parkkg/ontology#"
RDF_FORMATS = {"ttl": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
               "nq": ("nquads", ox.RdfFormat.N_QUADS), "trig": ("trig", ox.RdfFormat.TRIG),
               "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("x") / "out"
    d.mkdir()
    shutil.copy(FIXTURE, d / "graph.ttl")
    return d


@pytest.fixture(scope="module")
def source():
    return rdflib.Graph().parse(FIXTURE, format="turtle")


def export(out, fmt, *extra):
    r = CliRunner().invoke(main, ["export", "--format", fmt, "--out", str(out), *extra])
    assert r.exit_code == 0, r.output
    return Path(r.output.split("wrote ", 1)[1].splitlines()[0]) if "wrote" in r.output else None


def from_oxigraph(path: Path, fmt) -> rdflib.Graph:
    """Parse with Oxigraph, then copy the triples (all graphs merged) into an rdflib Graph."""
    g = rdflib.Graph()

    def term(t):
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        if t.datatype.value == str(rdflib.XSD.string):  # RDF 1.1: the same as a plain literal
            return rdflib.Literal(t.value)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
    for quad in ox.parse(path=str(path), format=fmt):
        g.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return g


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_round_trip(out, source, fmt):
    path = export(out, fmt)
    rl_name, ox_fmt = RDF_FORMATS[fmt]
    if fmt in ("nq", "trig"):
        ds = rdflib.Dataset()
        ds.parse(path, format=rl_name)
        by_rdflib = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            by_rdflib.add((s, p, o))
    else:
        by_rdflib = rdflib.Graph().parse(path, format=rl_name)
    assert isomorphic(by_rdflib, source)
    assert isomorphic(from_oxigraph(path, ox_fmt), source)


def test_nquads_named_graph_per_document(out):
    path = export(out, "nq")
    ds = rdflib.Dataset()
    ds.parse(path, format="nquads")
    names = {str(c.identifier) for c in ds.contexts() if len(c)}
    assert BASE + "doc/d1" in names and BASE + "corpus" in names
    d1 = ds.graph(rdflib.URIRef(BASE + "doc/d1"))
    u = lambda p: rdflib.URIRef(BASE + p)  # noqa: E731
    k = lambda p: rdflib.URIRef(PK + p)  # noqa: E731
    # its own sentences, its evidence statement and the direct triple the statement supports
    assert (u("doc/d1/s/0"), k("inDocument"), u("doc/d1")) in d1
    assert (u("stmt/0000000000000002"), k("rule"), rdflib.Literal("post-title")) in d1
    assert (u("official/李天传"), k("holdsPost"), u("park/青岛高新区")) in d1
    # names of what it mentions
    assert (u("official/李天传"), rdflib.RDFS.label, rdflib.Literal("李天传", lang="zh")) in d1
    corpus = ds.graph(rdflib.URIRef(BASE + "corpus"))
    # a direct triple without evidence, and an entity no document mentions
    assert (u("agency/国务院"), rdflib.RDFS.label, rdflib.Literal("国务院", lang="zh")) in corpus
    assert (u("official/李天传"), k("holdsPost"), u("park/青岛高新区")) not in corpus


def test_document_graphs_cover_every_triple_once_per_graph():
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    triples = [q.triple for q in store]
    graphs = document_graphs(triples, BASE)
    union = {t for ts in graphs.values() for t in ts}
    assert union == set(triples)
    for ts in graphs.values():
        assert len(ts) == len(set(ts))
    other = document_graphs(triples, BASE, "http://example.org/g/")
    assert "http://example.org/g/doc/d1" in other and "http://example.org/g/corpus" in other


def test_jsonld_uses_the_context(out):
    path = export(out, "jsonld")
    text = path.read_text(encoding="utf-8")
    assert '"@context"' in text and "青岛高新区" in text  # not \\u-escaped


def test_graphml(out, tmp_path):
    path = export(out, "graphml", "-o", str(tmp_path / "g.graphml"))
    g = nx.read_graphml(path)
    park = g.nodes[BASE + "park/青岛高新区"]
    assert park["label"] == "青岛高新区" and park["class"] == "Park"
    assert park["aliases"] == "青岛高新技术产业开发区"
    rels = {d["relation"] for _, _, d in g.edges(data=True)}
    assert rels == {"locatedIn", "investsIn", "issuedBy", "appliesTo", "holdsPost", "worksFor",
                    "subsidiaryOf", "partOf"}
    assert g.number_of_edges() == 12


def test_csv_tables_have_a_bom(out, tmp_path):
    export(out, "csv", "-o", str(tmp_path / "tables"))
    nodes = (tmp_path / "tables" / "nodes.csv").read_bytes()
    assert nodes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader((tmp_path / "tables" / "nodes.csv").open(encoding="utf-8-sig")))
    assert {r["label"] for r in rows} >= {"青岛高新区", "李天传"}
    edges = list(csv.DictReader((tmp_path / "tables" / "edges.csv").open(encoding="utf-8-sig")))
    held = [e for e in edges if e["relation"] == "holdsPost"][0]
    assert held["source_label"] == "李天传" and held["evidence"] == "1"


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_rdf_export_ends_with_a_newline(out, fmt):
    r = CliRunner().invoke(main, ["export", "--format", fmt, "-o", "-", "--out", str(out)])
    assert r.exit_code == 0 and r.stdout.endswith("\n") and not r.stdout.endswith("\n\n")


def test_stdout_and_errors(out, tmp_path):
    r = CliRunner().invoke(main, ["export", "--format", "nt", "-o", "-", "--out", str(out)])
    assert r.exit_code == 0 and r.output.count(" .\n") == 107
    r = CliRunner().invoke(main, ["export", "--format", "nt", "--out", str(tmp_path / "none")])
    assert r.exit_code == 2 and "run kg build first" in r.output
    r = CliRunner().invoke(main, ["export", "--format", "csv", "-o", "-", "--out", str(out)])
    assert r.exit_code == 2 and "give -o/--output PATH" in r.output


def test_output_is_the_export_path_and_out_the_build(out, tmp_path):
    """-o / --output name what the export writes; --out names the build directory."""
    target = tmp_path / "mine.trig"
    assert export(out, "trig", "--output", str(target)) == target and target.stat().st_size
    assert export(out, "nt", "-o", str(tmp_path / "short.nt")) == tmp_path / "short.nt"
    # an existing directory receives graph.<ext>
    (tmp_path / "exports").mkdir()
    assert export(out, "nq", "-o", str(tmp_path / "exports")) == tmp_path / "exports" / "graph.nq"
    # the default stays inside the build directory
    assert export(out, "ttl") == out / "export" / "graph.ttl"
    before = (out / "graph.ttl").read_bytes()
    r = CliRunner().invoke(main, ["export", "--format", "ttl", "--out", str(out), "-o", str(out)])
    assert r.exit_code == 2 and "export to another path" in r.output
    assert (out / "graph.ttl").read_bytes() == before
    r = CliRunner().invoke(main, ["export", "--help"])
    assert "--out DIR" in r.output and "-o, --output PATH" in r.output
    assert "--dir" not in r.output


# --- unwritable destinations: one line, no traceback ------------------------------------------

def one_line_error(r, *needles):
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_unwritable_file_destination(out, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    with read_only(ro):
        r = CliRunner().invoke(main, ["export", "--format", "ttl", "--out", str(out),
                                      "-o", str(ro / "x.ttl")])
    one_line_error(r, f"cannot write {ro / 'x.ttl'}")
    # a destination below a file cannot be made either (root or not)
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    r = CliRunner().invoke(main, ["export", "--format", "ttl", "--out", str(out),
                                  "-o", str(tmp_path / "plain" / "x.ttl")])
    one_line_error(r, "cannot write")


def test_unwritable_csv_folder(out, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    with read_only(ro):
        r = CliRunner().invoke(main, ["export", "--format", "csv", "--out", str(out),
                                      "-o", str(ro / "tables")])
    one_line_error(r, f"cannot write {ro / 'tables'}")


def test_read_only_build_folder(out, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(out, build)
    shutil.rmtree(build / "export", ignore_errors=True)
    with read_only(build):
        r = CliRunner().invoke(main, ["export", "--format", "nq", "--out", str(build)])
        one_line_error(r, f"cannot write {build / 'export'}")
        # to a writable place it works
        r = CliRunner().invoke(main, ["export", "--format", "nq", "--out", str(build),
                                      "-o", str(tmp_path / "g.nq")])
    assert r.exit_code == 0, r.output
