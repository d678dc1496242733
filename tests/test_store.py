"""The embedded store: built atomically, rebuilt when stale, reported when missing."""
import json
import shutil
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.store import META_NAME, STORE_FORMAT, build_store, open_store, stale_reason, store_dir

FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
MINI_TRIPLES = 107


@pytest.fixture
def out(tmp_path):
    d = tmp_path / "out"
    d.mkdir()
    shutil.copy(FIXTURE, d / "graph.ttl")
    return d


def test_build_and_open(out):
    assert build_store(out, out / "graph.ttl") is True
    meta = json.loads((store_dir(out) / META_NAME).read_text())
    assert meta["format"] == STORE_FORMAT and meta["triples"] == MINI_TRIPLES
    assert meta["base"] == "https://w3id.org/parkkg/id/"
    store, meta = open_store(out)
    assert len(store) == MINI_TRIPLES
    assert stale_reason(out) is None
    assert not [p for p in out.iterdir() if p.name.startswith(".store-")]  # no temp dirs left


def test_missing_store_is_built_on_open(out):
    notes = []
    store, _ = open_store(out, warn=notes.append)
    assert len(store) == MINI_TRIPLES
    assert "missing" in notes[0]


def test_no_graph_says_run_build(tmp_path):
    with pytest.raises(KGError, match="run kg build first"):
        open_store(tmp_path / "nothing")


def test_store_older_than_graph_is_rebuilt(out):
    build_store(out, out / "graph.ttl")
    with open(out / "graph.ttl", "a", encoding="utf-8") as fh:
        fh.write('\n<park/新园区> a pk:Park ; rdfs:label "新园区"@zh .\n')
    notes = []
    store, _ = open_store(out, warn=notes.append)
    assert len(store) == MINI_TRIPLES + 2
    assert "older than graph.ttl" in notes[0]


def test_touched_graph_with_same_content_is_not_stale(out):
    build_store(out, out / "graph.ttl")
    (out / "graph.ttl").touch()
    import os
    os.utime(out / "graph.ttl", (1, 1))
    assert stale_reason(out) is None


@pytest.mark.parametrize("damage", ["old-format", "no-meta"])
def test_old_or_damaged_store_is_rebuilt(out, damage):
    build_store(out, out / "graph.ttl")
    meta_path = store_dir(out) / META_NAME
    if damage == "old-format":
        meta = json.loads(meta_path.read_text())
        meta["format"] = 0
        meta_path.write_text(json.dumps(meta))
    else:
        meta_path.unlink()
    notes = []
    store, _ = open_store(out, warn=notes.append)
    assert len(store) == MINI_TRIPLES and notes
    assert stale_reason(out) is None


def test_failed_load_keeps_the_old_store(out):
    build_store(out, out / "graph.ttl")
    bad = out / "broken.ttl"
    bad.write_text("<a> <b> ", encoding="utf-8")
    with pytest.raises(KGError, match="cannot load"):
        build_store(out, bad)
    store, _ = open_store(out)
    assert len(store) == MINI_TRIPLES
    assert not [p for p in out.iterdir() if p.name.startswith(".store-")]


def test_store_without_graph_is_usable_but_stale_one_reported(out):
    build_store(out, out / "graph.ttl")
    (out / "graph.ttl").unlink()
    store, _ = open_store(out)
    assert len(store) == MINI_TRIPLES
    (store_dir(out) / META_NAME).unlink()
    with pytest.raises(KGError, match="run kg build"):
        open_store(out)


@pytest.mark.server
def test_build_while_a_writable_server_holds_the_store(out):
    """kg serve --writable locks the store: build keeps it, says so, and does not fail."""
    from oxigraph_server import oxigraph_server, sparql_json
    build_store(out, out / "graph.ttl")
    with open(out / "graph.ttl", "a", encoding="utf-8") as fh:
        fh.write('\n<park/新园区> a pk:Park .\n')
    notes = []
    with oxigraph_server(store_dir(out), writable=True) as url:
        assert build_store(out, out / "graph.ttl", warn=notes.append) is False
        assert "store is in use" in notes[0] and "not refreshed" in notes[0]
        n = sparql_json(url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        assert n["results"]["bindings"][0]["n"]["value"] == str(MINI_TRIPLES)
    # once the server is gone the next open sees the stale store and rebuilds it
    store, _ = open_store(out)
    assert len(store) == MINI_TRIPLES + 1
