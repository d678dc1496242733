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


# --- a service (issue 12): limits before Oxigraph, a time limit, restarts, no orphans --------

def post(url, query, timeout=60):
    req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode(
        {"query": query}).encode(), headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def oxigraph_children(pid):
    import psutil
    return [p for p in psutil.Process(pid).children(recursive=True) if "oxigraph" in p.name()]


NESTED = "SELECT * WHERE " + "{ " * 1000 + "?s ?p ?o" + " }" * 1000          # ~4 KB


def test_nested_query_is_refused_and_the_endpoint_stays_up(served):
    proc, url, _ = served
    status, body = post(url, NESTED)
    assert status == 400 and "nested 1000 levels deep" in body and "--max-query-depth" in body
    for bad in ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }",
                "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 100000 + "true) }",
                "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * 10000) + " > 0) }"):
        status, body = post(url, bad)
        assert status == 400 and "query refused" in body
    # GET too, and a body of its own media type
    status = None
    try:
        urllib.request.urlopen(url + "/query?" + urllib.parse.urlencode({"query": NESTED}),
                               timeout=30)
    except urllib.error.HTTPError as err:
        status = err.code
    assert status == 400
    req = urllib.request.Request(url + "/query", data=NESTED.encode(),
                                 headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 400
    status, body = post(url, "SELECT * { ?s ?p ?o } LIMIT 1" + " " * 1_100_000)
    assert status == 413 and "--max-query-size" in body
    assert proc.poll() is None and count(url) == 107


def test_a_query_over_the_time_limit_is_stopped(out):
    from kg.serve import serve
    said = []
    server = serve(out, port=free_port(), query_timeout=2, log=said.append)
    try:
        first = server.proc.pid
        t = time.monotonic()
        status, body = post(server.url, "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . "
                                        "?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
        assert status == 504 and "timed out after 2 s" in body
        assert time.monotonic() - t < 10
        deadline = time.monotonic() + 10
        while server.proc.pid == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.proc.pid != first                  # the busy process is gone …
        import psutil
        assert not psutil.pid_exists(first) or psutil.Process(first).status() == "zombie"
        assert count(server.url) == 107                  # … and the endpoint answers again
        assert any("time limit" in m for m in said)
    finally:
        server.stop()


def test_a_timed_out_query_gets_one_response(out):
    import socket
    from kg.serve import serve
    server = serve(out, port=free_port(), query_timeout=1, log=lambda m: None)
    try:
        query = ("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
                 "?m ?n2 ?o }").encode()
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\n"
                         b"Content-Type: application/sparql-query\r\n"
                         + f"Content-Length: {len(query)}\r\n\r\n".encode() + query)
            raw = b""
            while chunk := sock.recv(65536):
                raw += chunk
        assert raw.startswith(b"HTTP/1.1 504") and raw.count(b"HTTP/1.") == 1, raw[:300]
    finally:
        server.stop()


def test_a_crashed_server_is_restarted(out):
    from kg.serve import serve
    said = []
    server = serve(out, port=free_port(), log=said.append)
    try:
        first = server.proc.pid
        os.kill(first, signal.SIGABRT)                    # what a stack overflow does
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if server.proc.pid != first and server.backend_ready(1):
                break
            time.sleep(0.1)
        assert count(server.url) == 107
        assert any("exited with code -6" in m and "restarting" in m for m in said)
    finally:
        server.stop()


def test_kg_serve_exits_non_zero_when_the_server_keeps_dying(out, monkeypatch):
    import threading

    from click.testing import CliRunner

    from kg import serve as sv
    from kg.cli import main
    monkeypatch.setattr(sv, "MAX_RESTARTS", 1)
    started = []
    real_start = sv.Server.start

    def start(self):
        started.append(self)
        return real_start(self)
    monkeypatch.setattr(sv.Server, "start", start)

    def killer():
        deadline = time.monotonic() + 30
        killed = set()
        while time.monotonic() < deadline and len(killed) < 3:
            srv = started[0] if started else None
            p = srv.proc if srv else None
            if p is not None and p.pid not in killed and p.poll() is None and srv.backend_ready(0.1):
                os.kill(p.pid, signal.SIGKILL)
                killed.add(p.pid)
            time.sleep(0.1)
    t = threading.Thread(target=killer, daemon=True)
    t.start()
    r = CliRunner().invoke(main, ["serve", "--port", str(free_port()), "--out", str(out)])
    t.join(5)
    assert r.exit_code == 1, r.output
    assert "giving up" in r.stderr and "Traceback" not in r.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".serve-")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_in_start_up_leaves_no_server(out, sig):
    """SIGTERM or SIGKILL while kg serve starts: no Oxigraph left running, and the next
    kg serve cleans a killed one's snapshot."""
    import psutil
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port),
                             "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    kids = []
    while time.monotonic() < deadline and not kids:
        kids = oxigraph_children(proc.pid)
        time.sleep(0.01)
    assert kids, "oxigraph never started"
    proc.send_signal(sig)
    proc.wait(timeout=20)
    if sig == signal.SIGTERM:
        assert proc.returncode == 0
    for k in kids:
        try:
            k.wait(timeout=10)
        except psutil.NoSuchProcess:
            pass
        assert not k.is_running() or k.status() == psutil.STATUS_ZOMBIE
    from kg.serve import serve
    server = serve(out, port=port)      # the port is free again, stale snapshots are cleaned
    try:
        assert count(server.url) == 107
        snaps = [p for p in out.iterdir() if p.name.startswith(".serve-")]
        assert snaps == [server.snapshot]
    finally:
        server.stop()
    proc.stdout.close()
    proc.stderr.close()


def test_view_port_serves_graph_html_only(served, out):
    _, _, view = served
    (out / "cache").mkdir(exist_ok=True)
    (out / "cache" / "cache.sqlite").write_bytes(b"secret")
    base = view.rsplit("/", 1)[0]
    for path in ("/cache/cache.sqlite", "/graph.ttl", "/build.log", "/store/", "/serve.json",
                 "/graph.html/x", "/graph.html/../cache/cache.sqlite"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + path, timeout=10)
        assert err.value.code == 404, path
    with urllib.request.urlopen(base + "/", timeout=10) as r:
        assert b"view" in r.read()
