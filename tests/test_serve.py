"""kg serve: a real Oxigraph endpoint over the built store, queried over HTTP, then stopped."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.serve import free_port
from kg.store import build_store

pytestmark = pytest.mark.server
FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def out(tmp_path):
    d = tmp_path / "out"
    d.mkdir()
    shutil.copy(FIXTURE, d / "graph.ttl")
    (d / "graph.html").write_text("<html>view</html>", encoding="utf-8")
    build_store(d, d / "graph.ttl")
    return d


@pytest.fixture
def served(out):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port),
                             "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("graph view"):
            break
    assert any(f"http://127.0.0.1:{port}/query" in line for line in lines), \
        "".join(lines) + proc.stderr.read()
    view = [line.split()[-1] for line in lines if line.startswith("graph view")][0]
    yield proc, f"http://127.0.0.1:{port}", view
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def count(url):
    q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    req = urllib.request.Request(f"{url}/query?{q}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return int(json.loads(r.read())["results"]["bindings"][0]["n"]["value"])


def test_serve_query_read_only_and_stop(served, out):
    proc, url, view = served
    # SPARQLWrapper, JSON results
    from SPARQLWrapper import JSON, SPARQLWrapper
    sw = SPARQLWrapper(url + "/query")
    sw.setQuery("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                "PREFIX pk: <https://w3id.org/parkkg/ontology#> "
                "SELECT ?n WHERE { ?p a pk:Park ; rdfs:label ?n } ORDER BY ?n")
    sw.setReturnFormat(JSON)
    names = [b["n"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert names == ["青岛海洋生物医药特色产业基地", "青岛高新区"]
    # plain HTTP POST, XML results
    body = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    req = urllib.request.Request(url + "/query", data=body, headers={
        "Accept": "application/sparql-results+xml",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=10) as r:
        root = ET.fromstring(r.read())
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert root.find(f"{ns}boolean").text == "true"
    # read-only: updates are refused
    req = urllib.request.Request(url + "/update", data=urllib.parse.urlencode(
        {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}).encode())
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code in (403, 404, 405)
    assert count(url) == 107
    # the HTML view next to it
    with urllib.request.urlopen(view, timeout=10) as r:
        assert b"view" in r.read()
    # kg build meanwhile: the store is refreshed, the server keeps its snapshot
    with open(out / "graph.ttl", "a", encoding="utf-8") as fh:
        fh.write('\n<park/新园区> a <https://w3id.org/parkkg/ontology#Park> .\n')
    notes = []
    assert build_store(out, out / "graph.ttl", warn=notes.append) is True
    assert any("restart it" in n for n in notes)
    assert count(url) == 107
    # Ctrl-C stops it cleanly and removes the snapshot
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=15) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".serve-")]
    assert not (out / "serve.json").exists()


def test_serve_without_graph_fails_clearly(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "serve", "--port", str(free_port()),
                        "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 2 and "run kg build first" in r.stderr


def test_serve_a_read_only_build_folder(out):
    """The snapshot goes to the temporary folder when the build folder is read-only."""
    from helpers import read_only
    from kg.serve import serve
    with read_only(out):
        server = serve(out, port=free_port())
    try:
        assert count(server.url) == 107
        assert any("cannot write in" in n for n in server.notes)
        assert server.snapshot.parent != out
    finally:
        snap = server.snapshot
        server.stop()
    assert not snap.exists()


def test_busy_default_view_port_moves_with_a_note(out):
    import socket
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port + 1))
        s.listen()
        from kg.serve import serve
        server = serve(out, port=port)
        try:
            assert server.view_port != port + 1
            assert any(f"port {port + 1} is in use" in n for n in server.notes)
            with urllib.request.urlopen(server.view_url, timeout=10) as r:
                assert b"view" in r.read()
        finally:
            server.stop()


def test_port_taken_after_the_check_is_still_named(out, monkeypatch):
    """The server itself finds the port busy (taken between check and start): one line, even
    with RUST_BACKTRACE=1 (the message once was a stack frame, '7: _start')."""
    import socket
    from kg import serve as sv
    from kg.errors import KGError
    monkeypatch.setattr(sv, "check_port", lambda *a, **k: None)
    monkeypatch.setenv("RUST_BACKTRACE", "1")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(KGError) as err:
            sv.serve(out, port=port)
    assert str(err.value) == f"port {port} is in use: choose another with --port (0: any free port)"
    assert not [p for p in out.iterdir() if p.name.startswith(".serve-")]
