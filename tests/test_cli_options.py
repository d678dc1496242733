"""One spelling per option in every subcommand: the build folder is --out DIR, a file written is
-o/--output FILE, a model folder is --model DIR. The spellings of the release before (--dir,
--graph, --out FILE for the file export, viz and query write, --out DIR for the model kg train
writes, push --graph-uri-base) still work, hidden from --help, each with a one-line notice.
"""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import COMMANDS, main

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
GOLD_MINI = Path(__file__).parent / "fixtures" / "gold_mini"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("opts") / "out"
    d.mkdir()
    shutil.copy(FIXTURE, d / "graph.ttl")
    from kg.store import build_store
    build_store(d, d / "graph.ttl")
    return d


@pytest.fixture
def here(build_dir, tmp_path, monkeypatch):
    """A working directory holding the build folder as out/ (the default of --out)."""
    shutil.copytree(build_dir, tmp_path / "out")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def notices(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "deprecated" in line]


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"train"}))
def test_every_help_names_the_build_folder_out_dir(name):
    r = invoke(name, "--help")
    assert r.exit_code == 0, r.output
    assert "--out DIR" in r.output
    assert "--dir" not in r.output and "--graph " not in r.output
    if name in ("export", "viz", "query"):
        assert "-o, --output" in r.output


def test_train_writes_what_build_reads_with_the_same_spelling():
    """kg train reads no build folder: the folder it writes is the --model DIR of kg build."""
    r = invoke("train", "--help")
    assert r.exit_code == 0 and "--model DIR" in r.output and "--out" not in r.output
    assert "--model DIR|rules" in invoke("build", "--help").output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_shows_no_bare_type_names(name):
    """Every value has a name that says what it is (N, PORT, DIR), not click's type names."""
    r = invoke(name, "--help")
    options = r.output[r.output.index("Options:"):]
    for bare in ("INTEGER", "TEXT", "DIRECTORY", "FLOAT"):
        assert bare not in options, (name, bare)


def test_build_folder_default_is_out(here):
    for args in (["stats"], ["validate"], ["query", "ASK { ?s ?p ?o }"],
                 ["export", "--format", "nt", "-o", "-"], ["viz"]):
        r = invoke(*args)
        assert r.exit_code == (1 if args == ["validate"] else 0), (args, r.output)  # mini.ttl
        assert "Traceback" not in r.output and "no graph" not in r.output
        assert notices(r) == []


def test_eval_reads_the_build_folder(here):
    r = invoke("eval", "--gold", str(GOLD_MINI), "--out", "out")
    assert r.exit_code == 0, r.output
    assert "micro F1" in r.stdout and notices(r) == []


# --- the old spellings -------------------------------------------------------------------------

def test_export_dir_is_a_hidden_alias_of_out(here, tmp_path):
    r = invoke("export", "--format", "nt", "--dir", "out", "-o", str(tmp_path / "a.nt"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "a.nt").stat().st_size
    assert notices(r) == ["note: --dir out is deprecated and goes in the next release; "
                          "use --out out"]


def test_export_out_file_is_the_old_output(here, tmp_path):
    r = invoke("export", "--format", "ttl", "--out", "x.ttl")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.ttl").is_file() and r.stdout == "wrote x.ttl\n"
    assert len(notices(r)) == 1 and "-o/--output x.ttl" in notices(r)[0]
    # with the old --dir, --out is the file whatever its name
    r = invoke("export", "--format", "nt", "--dir", "out", "--out", "plain")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "plain").is_file() and len(notices(r)) == 2
    # stdout, as before
    r = invoke("export", "--format", "nt", "--out", "-")
    assert r.exit_code == 0 and r.stdout.count(" .\n") == 107


def test_export_csv_out_folder_is_the_old_output(here, tmp_path):
    r = invoke("export", "--format", "csv", "--out", "tables/")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "tables" / "nodes.csv").is_file()
    assert len(notices(r)) == 1


def test_export_out_build_folder_is_the_build_folder(here, tmp_path):
    r = invoke("export", "--format", "nt", "--out", "out")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out" / "export" / "graph.nt").is_file() and notices(r) == []


def test_export_build_folder_given_twice_is_an_error(here):
    r = invoke("export", "--format", "nt", "--dir", "out", "--out", "out", "-o", "x.nt")
    assert r.exit_code == 2 and "give the build folder once" in r.output


def test_query_out_file_writes_the_results(here, tmp_path):
    """`kg query … --format csv --out result.csv` once said "no graph in result.csv/"."""
    q = "SELECT ?n WHERE { ?p a pk:Park ; rdfs:label ?n } ORDER BY ?n"
    r = invoke("query", q, "--format", "csv", "--out", "result.csv")
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    text = (tmp_path / "result.csv").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["n", "青岛海洋生物医药特色产业基地"]
    assert len(notices(r)) == 1
    r2 = invoke("query", q, "--format", "csv", "-o", "result2.csv")
    assert r2.exit_code == 0 and notices(r2) == []
    assert (tmp_path / "result2.csv").read_text(encoding="utf-8") == text


def test_query_output_unwritable_is_one_line(here, tmp_path):
    r = invoke("query", "ASK { ?s ?p ?o }", "-o", str(tmp_path / "no" / "such" / "r.txt"))
    assert r.exit_code == 2 and "cannot write" in r.output and "Traceback" not in r.output


def test_viz_graph_and_out_html_are_old_spellings(here, tmp_path):
    r = invoke("viz", "--graph", "out/graph.ttl", "--out", "v.html")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "v.html").is_file() and len(notices(r)) == 2
    # --out v.html alone: the file, read from the default build folder
    (tmp_path / "v.html").unlink()
    r = invoke("viz", "--out", "v.html")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "v.html").is_file() and len(notices(r)) == 1
    r = invoke("viz", "--out", "out", "-o", "w.html")
    assert r.exit_code == 0 and (tmp_path / "w.html").is_file() and notices(r) == []


def test_train_out_is_a_hidden_alias_of_model(tmp_path):
    missing = str(tmp_path / "no-gold")
    r = invoke("train", "--gold", missing, "--out", str(tmp_path / "m"))
    assert r.exit_code == 2 and "does not exist" in r.output and "Traceback" not in r.output
    assert notices(r) == [f"note: --out {tmp_path / 'm'} is deprecated and goes in the next "
                          f"release; use --model {tmp_path / 'm'}"]
    r = invoke("train", "--gold", missing, "--out", "a", "--model", "b")
    assert r.exit_code == 2 and "give the model folder once" in r.output
    r = invoke("train", "--gold", missing)
    assert r.exit_code == 2 and "Missing option '--model'" in r.output


def test_push_graph_uri_base_is_a_hidden_alias(here):
    args = ("push", "--endpoint", "http://127.0.0.1:9/none")
    r = invoke(*args, "--graph-uri-base", "http://a/", "--graph-iri-base", "http://b/")
    assert r.exit_code == 2 and "give the graph IRI base once" in r.output
    assert notices(r) == ["note: --graph-uri-base http://a/ is deprecated and goes in the next "
                          "release; use --graph-iri-base http://a/"]


@pytest.mark.parametrize("cmd", [["stats"], ["validate"], ["eval", "--gold", str(GOLD_MINI)]])
def test_graph_is_a_hidden_alias(here, cmd):
    r = invoke(*cmd, "--graph", "out/graph.ttl")
    assert r.exit_code in (0, 1), r.output
    assert notices(r) == ["note: --graph out/graph.ttl is deprecated and goes in the next "
                          "release; use --out out/graph.ttl (a build folder or a graph file)"]
    new = invoke(*cmd, "--out", "out")
    assert new.stdout == r.stdout and notices(new) == []
    r = invoke(*cmd, "--graph", "out/graph.ttl", "--out", "out")
    assert r.exit_code == 2 and "give the graph once" in r.output


@pytest.mark.parametrize("cmd", [["stats"], ["eval", "--gold", str(GOLD_MINI)]])
def test_json_is_a_hidden_alias_of_format_json(here, cmd):
    new = invoke(*cmd, "--out", "out", "--format", "json")
    assert new.exit_code == 0 and notices(new) == [] and json.loads(new.stdout)
    r = invoke(*cmd, "--out", "out", "--json")
    assert r.exit_code == 0 and r.stdout == new.stdout
    assert notices(r) == ["note: --json is deprecated and goes in the next release; "
                          "use --format json"]
    r = invoke(*cmd, "--out", "out", "--json", "--format", "text")
    assert r.exit_code == 2 and "give the format once" in r.output
    assert "--json" not in invoke(*cmd, "--help").output


def test_a_graph_file_for_the_read_only_commands(here):
    r = invoke("stats", "--out", "out/graph.ttl", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["entities"] == 11
