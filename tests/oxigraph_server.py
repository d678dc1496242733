"""Start a real Oxigraph server for tests (not a fixture module: import what you need)."""
from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path

from kg.serve import find_oxigraph, free_port, wait_http


@contextmanager
def oxigraph_server(location: Path, writable: bool = True):
    """`oxigraph serve` (or serve-read-only) on 127.0.0.1:<free port>; yields the base URL."""
    port = free_port()
    cmd = [find_oxigraph(), "serve" if writable else "serve-read-only", "--location",
           str(location), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/query?query=ASK%7B%7D", proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def sparql_json(url: str, query: str) -> dict:
    import json
    import urllib.parse
    import urllib.request
    req = urllib.request.Request(url + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read().decode("utf-8"))
