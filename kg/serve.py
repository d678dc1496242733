"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the built store, by the Oxigraph server.

Read-only (default): the server runs `oxigraph serve-read-only` on a *snapshot* of the store —
an Oxigraph backup in `<out>/.serve-<pid>/`, made of hard links to the store's immutable files,
so it is instant and takes no extra space. `kg build` can therefore replace `<out>/store/` while
the server runs; the server keeps answering from the graph it started with until restarted.
The snapshot is deleted when the server stops.

`--writable`: `oxigraph serve` on `<out>/store/` itself (SPARQL Update and the Graph Store
Protocol at /store are enabled). The server holds the store's lock; `kg build` then writes
graph.ttl but leaves the store alone and says so (see kg/store.py). Writes are lost at the next
rebuild from graph.ttl: for a shared, editable store, `kg push` to a real triple store.

The HTML view (`<out>/graph.html`, if built) is served by a small static file server on the next
port: Oxigraph's own page at / is its SPARQL query editor.
"""
from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError
from kg.store import SERVE_INFO, open_store, store_dir


def find_oxigraph() -> str:
    """The `oxigraph` server binary installed by the PyPI package `oxigraph`."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise KGError("the oxigraph server binary was not found: pip install oxigraph")


def _family(host: str) -> int:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(_family(host)) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_in_use(host: str, port: int) -> bool:
    """Whether something listens on host:port (a bind test: SO_REUSEADDR lets a port in
    TIME_WAIT pass, as the servers themselves would take it)."""
    if not port:
        return False
    with socket.socket(_family(host)) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise KGError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return False


def check_port(host: str, port: int, option: str = "--port") -> None:
    if port_in_use(host, port):
        raise KGError(f"port {port} is in use on {host}: stop what listens there, or choose "
                      f"another with {option} (0: any free port)")


def server_error(stderr: str) -> str:
    """The message of a failed oxigraph server: its `Error: …` line, never a backtrace frame."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in lines:
        if ln.startswith("Error:"):
            return ln[len("Error:"):].strip()
    for ln in lines:  # a backtrace frame looks like "7: _start" or "at src/main.rs:12"
        if not (ln[:1].isdigit() or ln.startswith(("at ", "stack backtrace", "note:"))):
            return ln
    return lines[-1] if lines else ""


def _child_env() -> dict[str, str]:
    """Our environment without Rust's backtrace switches (an error is then one line)."""
    return {k: v for k, v in os.environ.items()
            if k not in ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE")}


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            msg = server_error(err) or f"exit code {proc.returncode}"
            if "address already in use" in msg.lower():
                port = urllib.parse.urlsplit(url).port
                raise KGError(f"port {port} is in use: choose another with --port "
                              "(0: any free port)")
            raise KGError(f"the oxigraph server exited: {msg}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.05)
    raise KGError(f"the oxigraph server did not answer at {url} within {timeout:.0f} s")


class _ViewHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # quiet: one line per request is noise here
        pass


@dataclass
class Server:
    out_dir: Path
    host: str
    port: int
    writable: bool = False
    view_port: int | None = None
    proc: subprocess.Popen | None = None
    location: Path | None = None
    snapshot: Path | None = None
    httpd: ThreadingHTTPServer | None = None
    notes: list[str] = field(default_factory=list)
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + "/query"

    @property
    def view_url(self) -> str | None:
        if self.httpd is None:
            return None
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.view_port}/graph.html"

    def start(self) -> "Server":
        out = Path(self.out_dir)
        check_port(self.host, self.port, "--port")
        if self.view_port is not None:
            check_port(self.host, self.view_port, "--view-port")
        store, _ = open_store(out)  # rebuilds a stale or missing store first
        if self.writable:
            del store
            self.location = store_dir(out)
            cmd = [find_oxigraph(), "serve", "--location", str(self.location)]
        else:
            self.snapshot = self._snapshot(store, out)
            del store
            self.location = self.snapshot
            cmd = [find_oxigraph(), "serve-read-only", "--location", str(self.location)]
        cmd += ["--bind", f"{self.host}:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=_child_env())
        try:
            wait_http(self.url + "/query?query=ASK%7B%7D", self.proc)
            if (out / "graph.html").exists():
                self._start_view(out)
            self._write_info(out)
        except BaseException:
            self.stop()
            raise
        return self

    def _snapshot(self, store, out: Path) -> Path:
        """A snapshot of the store beside it (hard links: instant, no space), or, when the build
        folder is read-only, in the system's temporary folder (a copy)."""
        try:
            snap = Path(tempfile.mkdtemp(prefix=f".serve-{os.getpid()}-", dir=out))
        except OSError as exc:
            self.notes.append(f"cannot write in {out}/ ({exc.strerror or exc}): serving a copy "
                              "of the store from the temporary folder")
            snap = Path(tempfile.mkdtemp(prefix=f"kg-serve-{os.getpid()}-"))
        os.rmdir(snap)  # backup() wants to create the directory itself
        try:
            store.backup(str(snap))
        except OSError as exc:
            shutil.rmtree(snap, ignore_errors=True)
            raise KGError(f"cannot make a snapshot of the store in {snap.parent}/: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None
        return snap

    def _start_view(self, out: Path) -> None:
        asked = self.view_port is not None
        port = self.view_port if asked else self.port + 1
        handler = functools.partial(_ViewHandler, directory=str(out.resolve()))
        try:
            self.httpd = ThreadingHTTPServer((self.host, port), handler)
        except OSError as exc:
            if asked:  # checked before the server started: taken meanwhile
                raise KGError(f"port {port} is in use on {self.host}: choose another with "
                              f"--view-port (0: any free port)") from None
            self.httpd = ThreadingHTTPServer((self.host, 0), handler)
            self.notes.append(f"port {port} is in use ({exc.strerror or exc}): the graph view "
                              f"is on port {self.httpd.server_address[1]} (--view-port sets it)")
        self.view_port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def _write_info(self, out: Path) -> None:
        """serve.json tells `kg build` that a server runs on this folder; a read-only folder
        cannot be rebuilt anyway, so there it is left out."""
        info = {"pid": os.getpid(), "endpoint": self.endpoint, "writable": self.writable,
                "location": str(self.location)}
        try:
            (out / SERVE_INFO).write_text(json.dumps(info), encoding="utf-8")
        except OSError:
            pass

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and self.proc.stderr:
            self.proc.stderr.close()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
        if self.snapshot is not None:
            shutil.rmtree(self.snapshot, ignore_errors=True)
            self.snapshot = None
        info = Path(self.out_dir) / SERVE_INFO
        try:
            if json.loads(info.read_text(encoding="utf-8")).get("pid") == os.getpid():
                info.unlink()
        except (OSError, ValueError):
            pass

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
          view_port: int | None = None) -> Server:
    """Start the endpoint (and the view server); the caller stops it with .stop()."""
    return Server(Path(out_dir), host, port, writable, view_port).start()
