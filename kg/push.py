"""`kg push`: upload the graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

One named graph per source document (the split of kg/export.py: `document_graphs`), each sent
with `PUT <endpoint>?graph=<graph IRI>` — the protocol's "replace this graph" — so pushing twice
leaves one copy and re-pushing after an article changed replaces only that article's graph.
Triples no single document supports go to the graph `<graph base>corpus`.

Graphs are sent by a thread pool (`workers`), as Turtle, each PUT one HTTP request; a failed
request is retried once. Basic-auth credentials come from KG_PUSH_USER / KG_PUSH_PASSWORD, never
from the command line (where they would land in shell history and `ps`).

With `changed_only`, a graph whose content hash equals the one last pushed to the same
endpoint (recorded in `<out>/push-state.json`) is skipped. Documents removed from the corpus
are not deleted from the endpoint.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.errors import KGError

STATE_FILE = "push-state.json"
CONTENT_TYPE = "text/turtle; charset=utf-8"


@dataclass
class PushSummary:
    graphs: int = 0
    pushed: int = 0
    skipped: int = 0
    triples: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


def auth_header() -> dict[str, str]:
    user = os.environ.get("KG_PUSH_USER")
    password = os.environ.get("KG_PUSH_PASSWORD", "")
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
    return {"Authorization": f"Basic {token}"}


def graph_url(endpoint: str, graph_iri: str) -> str:
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}graph={urllib.parse.quote(graph_iri, safe='')}"


def put_graph(endpoint: str, graph_iri: str, body: bytes, headers: dict[str, str],
              timeout: float = 120.0, retries: int = 1) -> None:
    req_headers = {"Content-Type": CONTENT_TYPE, **headers}
    for attempt in range(retries + 1):
        req = urllib.request.Request(graph_url(endpoint, graph_iri), data=body, method="PUT",
                                     headers=req_headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
                return
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:200]
            if exc.code in (401, 403):
                hint = "" if headers else " (set KG_PUSH_USER and KG_PUSH_PASSWORD)"
                raise KGError(f"{endpoint}: HTTP {exc.code} {exc.reason}{hint}") from None
            if exc.code < 500 or attempt == retries:
                raise KGError(f"PUT {graph_iri}: HTTP {exc.code} {exc.reason}: {detail}") from None
        except OSError as exc:
            if attempt == retries:
                raise KGError(f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}") from None
        time.sleep(0.5 * (attempt + 1))


def serialize_graph(triples) -> bytes:
    import pyoxigraph as ox
    from kg.query import PREFIXES
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def push(out_dir: Path, endpoint: str, *, graph_base: str | None = None, workers: int = 4,
         changed_only: bool = False, progress: bool = True,
         warn: Callable[[str], None] | None = None) -> PushSummary:
    """Push every document graph of the build in `out_dir` to `endpoint` (a GSP URL such as
    http://host:3030/ds/data or http://host:7878/store)."""
    from kg.export import document_graphs, source_triples
    from kg.store import open_store

    if not urllib.parse.urlsplit(endpoint).scheme in ("http", "https"):
        raise KGError(f"--endpoint must be an http(s) URL, not {endpoint!r}")
    t0 = time.perf_counter()
    store, meta = open_store(out_dir, warn=warn)
    base = meta["base"]
    graphs = document_graphs(source_triples(out_dir, store), base, graph_base)
    state_path = Path(out_dir) / STATE_FILE
    state = _read_state(state_path)
    sent = state.setdefault(endpoint, {})
    headers = auth_header()
    summary = PushSummary(graphs=len(graphs))

    bodies = {}
    for iri in sorted(graphs):
        body = serialize_graph(graphs[iri])
        digest = hashlib.sha256(body).hexdigest()
        if changed_only and sent.get(iri) == digest:
            summary.skipped += 1
            continue
        bodies[iri] = (body, digest, len(graphs[iri]))

    from kg.progress import progress_bar
    bar = progress_bar(len(bodies), enabled=progress and bool(bodies), desc="push", unit="graph")
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {pool.submit(put_graph, endpoint, iri, body, headers): iri
                       for iri, (body, _, _) in bodies.items()}
            for fut in as_completed(futures):
                iri = futures[fut]
                try:
                    fut.result()
                except KGError as exc:
                    summary.failed.append(f"{iri}: {exc.message}")
                    if "HTTP 401" in exc.message or "HTTP 403" in exc.message \
                            or "cannot reach" in exc.message:
                        for f in futures:
                            f.cancel()
                        raise
                else:
                    _, digest, n = bodies[iri]
                    sent[iri] = digest
                    summary.pushed += 1
                    summary.triples += n
                bar.update(1)
    finally:
        bar.close()
        _write_state(state_path, state)
    summary.seconds = time.perf_counter() - t0
    if summary.failed:
        raise KGError(f"{len(summary.failed)} of {len(bodies)} graphs failed; first: "
                      f"{summary.failed[0]}")
    return summary


def _read_state(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_state(path: Path, state: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(json.dumps(state, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
