"""kg push: one named graph per document, PUT to a real Oxigraph Graph Store endpoint."""
import base64
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.push import auth_header, graph_url

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
BASE = "https://w3id.org/parkkg/id/"

SECOND_DOC = """
<doc/d2> a pk:Document, prov:Entity ; rdfs:label "d2.txt" ; pk:fileName "d2.txt" .
<doc/d2/s/0> a pk:Sentence ; pk:inDocument <doc/d2> ; pk:index 0 ;
    pk:text "{text}"@zh ; pk:startOffset 0 ; pk:endOffset 20 .
<executive/洪锡哲> pk:mentionedIn <doc/d2/s/0> .
<stmt/00000000000000d2> a rdf:Statement, pk:Evidence ;
    rdf:subject <executive/洪锡哲> ; rdf:predicate pk:worksFor ;
    rdf:object <company/埃地沃兹真空泵制造%EF%BC%88青岛%EF%BC%89有限公司> ;
    pk:sentence <doc/d2/s/0> ; prov:wasDerivedFrom <doc/d2> ; pk:rule "{rule}" .
"""


def write_graph(out: Path, text="洪锡哲是埃地沃兹总经理。", rule="exec-title"):
    graph = FIXTURE.read_text(encoding="utf-8") + SECOND_DOC.format(text=text, rule=rule)
    (out / "graph.ttl").write_text(graph, encoding="utf-8")


def test_auth_from_environment(monkeypatch):
    monkeypatch.delenv("KG_PUSH_USER", raising=False)
    assert auth_header() == {}
    monkeypatch.setenv("KG_PUSH_USER", "ana")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cr:t")
    token = auth_header()["Authorization"].split()[1]
    assert base64.b64decode(token).decode() == "ana:s3cr:t"
    assert graph_url("http://h/store", BASE + "doc/d1") == \
        "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fparkkg%2Fid%2Fdoc%2Fd1"
    assert graph_url("http://h/rdf?x=1", "g").endswith("?x=1&graph=g")


def test_no_password_option():
    r = CliRunner().invoke(main, ["push", "--help"])
    assert "--password" not in r.output and "KG_PUSH_PASSWORD" in r.output


@pytest.mark.server
def test_push_is_idempotent_and_replaces_only_the_changed_document(tmp_path):
    from oxigraph_server import oxigraph_server, sparql_json
    out = tmp_path / "out"
    out.mkdir()
    write_graph(out)

    def push(*extra):
        r = CliRunner().invoke(main, ["push", "--endpoint", f"{url}/store", "--out", str(out),
                                      "--workers", "3", *extra])
        assert r.exit_code == 0, r.output
        return r.output

    def counts():
        res = sparql_json(url, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {b["g"]["value"]: int(b["n"]["value"]) for b in res["results"]["bindings"]}

    def graph_terms(g):
        res = sparql_json(url, f"SELECT ?s ?p ?o {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        return {tuple(b[k]["value"] for k in "spo") for b in res["results"]["bindings"]}

    with oxigraph_server(tmp_path / "remote", writable=True) as url:
        assert "pushed 3 graphs" in push()
        first = counts()
        assert set(first) == {BASE + "doc/d1", BASE + "doc/d2", BASE + "corpus"}
        d1_before = graph_terms(BASE + "doc/d1")
        push()
        assert counts() == first  # PUT replaces: no duplicates

        write_graph(out, text="洪锡哲出任埃地沃兹总经理。", rule="exec-appointed")
        output = push("--changed-only")
        assert "pushed 1 graphs" in output and "2 unchanged" in output
        after = counts()
        assert after == first
        assert graph_terms(BASE + "doc/d1") == d1_before
        d2 = graph_terms(BASE + "doc/d2")
        assert any(o == "exec-appointed" for _, _, o in d2)
        assert not any(o == "exec-title" for _, _, o in d2)


@pytest.mark.server
def test_push_reports_an_unreachable_endpoint(tmp_path):
    from kg.serve import free_port
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(FIXTURE, out / "graph.ttl")
    r = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store",
                                  "--out", str(out)])
    assert r.exit_code == 2 and "cannot reach" in r.output


def test_no_progress_bar_off_a_terminal(tmp_path):
    """Under CliRunner stderr is no terminal: the only line there is the error (no tqdm bar,
    which once drew 'push: 0%|…' into logs and pipes)."""
    from kg.serve import free_port
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(FIXTURE, out / "graph.ttl")
    from kg.store import build_store
    build_store(out, out / "graph.ttl")
    r = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store",
                                  "--out", str(out)])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: cannot reach") and len(r.stderr.splitlines()) == 1, r.stderr
    assert "%|" not in r.stderr and "\r" not in r.stderr
