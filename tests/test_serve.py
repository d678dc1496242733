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
