"""kg query: named queries, safe parameters, result formats, errors."""
import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import query as q
from kg.cli import main
from kg.results import table_lines, text_width

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
PK = "https://w3id.org/parkkg/ontology#"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("q") / "out"
    d.mkdir()
    shutil.copy(FIXTURE, d / "graph.ttl")
    from kg.store import build_store
    build_store(d, d / "graph.ttl")
    return d


def kg(out, *args, input=None):
    return CliRunner().invoke(main, ["query", *args, "--out", str(out)], input=input)


def rows(out, *args):
    r = kg(out, *args, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_list_shows_every_library_query():
    r = CliRunner().invoke(main, ["query", "--list"])
    assert r.exit_code == 0
    names = [nq.name for nq in q.list_queries()]
    for required in ("companies-of-park", "parks-of-company", "policies-of-park",
                     "officials-by-park", "executives-by-company", "parks-by-companies",
                     "parks-by-investments", "subsidiaries-of-group", "evidence", "entity",
                     "co-mentioned", "investments-of-park", "investments-of-company",
                     "timeline-of-park", "parks-by-investment"):
        assert required in names
        assert required in r.output
    assert "--param park=" in r.output


def test_every_library_query_has_a_title_and_runs(out):
    from kg.store import open_store
    store, meta = open_store(out)
    for nq in q.list_queries():
        assert nq.title and nq.description, nq.name
        params = {p.name: "青岛高新区" for p in nq.params if not p.optional}
        res = q.run(store, nq.text, base=meta["base"], params=params, kinds=q.kinds_of(nq))
        list(res)


def test_companies_of_park_by_alias(out):
    got = rows(out, "companies-of-park", "--param", "park=青岛高新技术产业开发区")
    assert {r["company"] for r in got} == {"阿斯利康制药（青岛）有限公司",
                                           "埃地沃兹真空泵制造（青岛）有限公司",
                                           "<img src=x onerror=alert(1)>"}
    top = got[0]
    assert top["company"] == "阿斯利康制药（青岛）有限公司" and top["evidence"] == "1"
    assert set(top["relations"].split(", ")) == {"locatedIn", "investsIn"}


def test_name_variants_and_half_width_brackets(out):
    assert rows(out, "parks-of-company", "-p", "company=阿斯利康制药(青岛)有限公司")
    assert rows(out, "parks-of-company", "-p", "company=埃地沃兹")  # an alias


def test_named_queries_on_the_fixture(out):
    assert [r["policy"] for r in rows(out, "policies-of-park", "-p", "park=青岛高新区")] == [
        "关于进一步优化外商投资环境加大吸引外商投资力度的意见"]
    assert rows(out, "officials-by-park") == [
        {"park_label": "青岛高新区", "official": "李天传", "post": "管委会常务副主任"}]
    assert rows(out, "executives-by-company", "-p", "company=埃地沃兹")[0]["executive"] == "洪锡哲"
    assert rows(out, "parks-by-companies")[0] == {"park": "青岛高新区", "companies": "3",
                                                  "located_in": "3", "investing": "2"}
    assert rows(out, "parks-by-investments")[0]["investors"] == "2"
    assert rows(out, "subsidiaries-of-group", "-p", "group=阿斯利康")[0]["subsidiary"] == \
        "阿斯利康制药（青岛）有限公司"
    ev = rows(out, "evidence", "-p", "subject=李天传", "-p", "predicate=holdsPost")
    assert ev[0]["document"] == "d1.txt" and ev[0]["start"] == "46" and ev[0]["end"] == "64"
    assert ev[0]["sentence"].startswith("青岛高新区管委会常务副主任李天传")
    assert rows(out, "evidence", "-p", "subject=李天传", "-p", "predicate=locatedIn") == []
    about = rows(out, "entity", "-p", "name=青岛高新技术产业开发区")
    props = {(r["property"], r["value"]) for r in about}
    assert ("altLabel", "青岛高新技术产业开发区") in props and ("^holdsPost", "李天传") in props
    co = {r["entity"]: r for r in rows(out, "co-mentioned", "-p", "name=李天传")}
    assert co["青岛高新区"]["sentences"] == "1"
    assert co["洪锡哲"]["sentences"] == "0" and co["洪锡哲"]["documents"] == "1"


def test_library_rows_the_rewrites_must_keep(out):
    """The queries written around Oxigraph's planner (UNION branches, one-pattern OPTIONALs,
    short sort keys) return what their headers promise."""
    about = rows(out, "entity", "-p", "name=青岛高新区")
    props = {(r["property"], r["value"]): r["sentences"] for r in about}
    assert props[("mentionedIn", "d1.txt")] == "2"          # a document's file name, 2 sentences
    assert props[("^partOf", "青岛海洋生物医药特色产业基地")] == "0"
    assert ("type", f"{PK}Park") in props and ("kind", "zone") in props
    assert not any(p in ("^subject", "^object") for p, _ in props)
    found = rows(out, "search", "-p", "text=埃地")            # the label and the alias match
    assert {(r["entity"], r["class"], r["matched"]) for r in found} == {
        ("埃地沃兹真空泵制造（青岛）有限公司", "Company", "埃地沃兹"),
        ("埃地沃兹真空泵制造（青岛）有限公司", "Company", "埃地沃兹真空泵制造（青岛）有限公司")}
    assert {r["entity"] for r in rows(out, "search", "-p", "text=d1")} == {"d1.txt"}  # Document
    assert rows(out, "search", "-p", "text=不存在的名字") == []
    sub = rows(out, "subsidiaries-of-group", "-p", "group=阿斯利康")
    assert sub == [{"subsidiary": "阿斯利康制药（青岛）有限公司", "parent": "阿斯利康",
                    "parks": "青岛高新区"}]
    got = rows(out, "companies-of-park", "-p", "park=青岛高新区")
    assert [r["evidence"] for r in got] == ["1", "0", "0"]  # by evidence, then name
    assert [r["company"] for r in got][1:] == sorted(r["company"] for r in got[1:])


def test_parameters_cannot_change_the_query(out):
    evil = 'x"@zh } ?s ?p ?o . FILTER(true) } #'
    r = kg(out, "companies-of-park", "--param", f"park={evil}", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["results"]["bindings"] == []
    text = q.bind_values("SELECT * WHERE { ?s ?p ?park }", {"park": ox.Literal(evil)})
    assert text.count("{") - text.count("\\{") >= 2
    r = kg(out, "SELECT ?x WHERE { BIND(?v AS ?x) }", "-p", 'v=a"b{c}\\', "--format", "json")
    assert json.loads(r.output)["results"]["bindings"][0]["x"]["value"] == 'a"b{c}\\'


def test_bind_values_placement():
    head = 'PREFIX a: <http://x/y#> SELECT ("{" AS ?z) # { comment\nWHERE '
    assert q.where_brace(head + "{ ?s ?p ?o }") == len(head)
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert q.where_brace(text) == text.index("WHERE {") + 6
    assert q.where_brace('SELECT * # {\n WHERE { ?s ?p "{" }') == 20
    assert q.where_brace("CONSTRUCT WHERE { ?s ?p ?o }") == -1


def test_output_formats(out):
    sel = "SELECT ?p ?name WHERE { ?p a pk:Park ; rdfs:label ?name } ORDER BY ?name"
    data = json.loads(kg(out, sel, "--format", "json").output)
    assert data["head"]["vars"] == ["p", "name"]
    assert data["results"]["bindings"][0]["p"]["type"] == "uri"
    root = ET.fromstring(kg(out, sel, "--format", "xml").output)
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    table = list(csv.reader(io.StringIO(kg(out, sel, "--format", "csv").output)))
    assert table[0] == ["p", "name"] and len(table) == 3
    tsv = kg(out, sel, "--format", "tsv").output.splitlines()
    assert tsv[0] == "?p\t?name"
    assert kg(out, "ASK { ?p a pk:Park }").output.strip() == "true"
    assert kg(out, "ASK { ?p a pk:Nothing }").output.strip() == "false"
    ttl = kg(out, "CONSTRUCT { ?p a pk:Park } WHERE { ?p a pk:Park }").output
    g = ox.Store()
    g.load(ttl.encode(), format=ox.RdfFormat.TURTLE)
    assert len(g) == 2
    limited = kg(out, sel, "--limit", "1", "--format", "csv").output.strip().splitlines()
    assert len(limited) == 2 and limited[0] == "p,name"  # column order kept
    r = kg(out, "DESCRIBE <park/青岛高新区>")
    assert r.exit_code == 0 and "青岛高新区" in r.output


def test_table_aligns_cjk():
    lines = table_lines(["name", "n"], [["青岛高新区", "3"], ["abc", "12"], ["x", "1"]])
    # the second column starts at the same display column on every line
    starts = {text_width(line[:line.rindex(" ") + 1]) for line in [lines[0]] + lines[2:]}
    assert starts == {text_width("青岛高新区") + 2}
    assert text_width(lines[1]) == text_width("青岛高新区") + 2 + 2


def test_table_default(out):
    r = kg(out, "officials-by-park")
    assert r.exit_code == 0
    assert r.output.splitlines()[0].split() == ["park_label", "official", "post"]
    assert "李天传" in r.output


def test_query_from_file_and_stdin(out, tmp_path):
    f = tmp_path / "my.rq"
    f.write_text("SELECT ?n WHERE { ?x a pk:Official ; rdfs:label ?n }", encoding="utf-8")
    assert "李天传" in kg(out, "-f", str(f)).output
    assert "李天传" in kg(out, "-", input=f.read_text(encoding="utf-8")).output
    # `-f -` as --help offers it (click.Path refused the dash)
    r = kg(out, "-f", "-", input=f.read_text(encoding="utf-8"))
    assert r.exit_code == 0 and "李天传" in r.output, r.output


def test_every_output_ends_with_a_newline(out, tmp_path):
    sel = "SELECT ?name WHERE { ?p a pk:Park ; rdfs:label ?name }"
    for query in (sel, "ASK { ?p a pk:Park }"):
        for fmt in ("table", "csv", "tsv", "json", "xml"):
            r = kg(out, query, "--format", fmt)
            assert r.exit_code == 0 and r.stdout.endswith("\n"), (query, fmt, r.stdout[-20:])
            assert not r.stdout.endswith("\n\n")
    kg(out, sel, "--format", "json", "-o", str(tmp_path / "r.json"))
    assert (tmp_path / "r.json").read_bytes().endswith(b"}\n")


def test_syntax_error_in_words(out):
    """The parser lists what it expected as Rust character classes full of Unicode ranges;
    the user reads words."""
    r = kg(out, "SELECT ?x WHERE { ?x foo:bar ?z }")
    assert r.exit_code == 2
    first = r.stderr.splitlines()[0]
    assert first == ('Error: SPARQL syntax error at line 1, column 29: expected a declared '
                     'prefix, "%", "-", a digit, ".", ":", a letter, "\\" or "_"')
    assert "\\u{" not in r.stderr and "[_]" not in r.stderr
    r = kg(out, "SELECT ?x WHERE { ?x ?y ?z } LIMIT x")
    assert "expected HAVING, OFFSET, OPTIONAL, VALUES or a digit" in r.stderr
    r = kg(out, "SELECT ?x WHERE { ?x ?y ?z . FILTER( }")
    assert "expected ABS, AVG, DAY" in r.stderr and "URI\n" in r.stderr
    assert q.expected_in_words("expected one of LATERAL, SERVICE, [_]") == \
        "expected LATERAL or SERVICE"
    assert q.expected_in_words("expected CONSTRUCT") == "expected CONSTRUCT"
    assert q.expected_in_words("expected one of [','], [']']") == 'expected "," or "]"'


def test_syntax_error_has_line_and_column(out):
    r = kg(out, "SELECT ?x WHERE {\n  ?x rdfs:label ?l \n  FILTER( }")
    assert r.exit_code == 2
    assert "line 3, column" in r.output
    assert "Traceback" not in r.output


def test_errors(out, tmp_path):
    r = CliRunner().invoke(main, ["query", "parks-by-companies", "--out", str(tmp_path / "none")])
    assert r.exit_code == 2 and "run kg build first" in r.output
    r = kg(out, "no-such-query")
    assert r.exit_code == 2 and "--list" in r.output
    r = kg(out, "companies-of-park")
    assert r.exit_code == 2 and "missing parameter park" in r.output
    r = kg(out, "companies-of-park", "-p", "park=x", "-p", "colour=red")
    assert r.exit_code == 2 and "unknown parameter colour" in r.output
    r = kg(out, "SELECT * WHERE { ?s ?p ?o }", "--format", "ttl")
    assert r.exit_code == 2
    r = kg(out, "INSERT DATA { <a:a> <a:b> <a:c> }")
    assert r.exit_code == 2 and "read-only" in r.output


def test_header_parsing():
    nq = q.parse_header("x", Path("x.rq"), "# title: T\n# description: a\n# description: b\n"
                        "# param: park [name] — a park\n# param: predicate? — rel\nSELECT")
    assert nq.title == "T" and nq.description == "a b"
    assert [(p.name, p.kind, p.optional) for p in nq.params] == [
        ("park", "name", False), ("predicate", "string", True)]
