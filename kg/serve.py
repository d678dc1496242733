"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the built store, by the Oxigraph server.

Read-only (default): the server runs `oxigraph serve-read-only` on a *snapshot* of the store —
an Oxigraph backup in `<out>/.serve-<pid>-…/`, made of hard links to the store's immutable
files, so it is instant and takes no extra space. `kg build` can therefore replace the store
while the server runs; the server keeps answering from the graph it started with until
restarted. The snapshot is deleted when the server stops, and snapshots of a `kg serve` that
was killed (its pid is gone) are deleted by the next one.

`--writable`: `oxigraph serve` on the store itself (SPARQL Update and the Graph Store Protocol
at /store are enabled). The server holds the store's lock; `kg build` then writes graph.ttl but
leaves the store alone and says so (see kg/store.py). Writes are lost at the next rebuild from
graph.ttl: for a shared, editable store, `kg push` to a real triple store.

A service, not a demo (issue 12):

* The public port is a small proxy (this process) in front of Oxigraph, which listens on a
  private loopback port. The proxy checks every query and update against size, nesting-depth
  and operator-count limits (kg/sparqlguard.py) *before* Oxigraph sees it: a query that would
  overflow Oxigraph's stack is answered 400/413 with a message instead of killing the server.
* Queries and updates have a time limit (`--query-timeout`, default 30 s). Oxigraph cannot
  cancel a running query (its own --timeout-s does not stop a COUNT over a cross product), so
  a query over the limit is answered 504 and the Oxigraph process is restarted on the same
  snapshot; requests in flight at that moment are answered 502 and may be retried.
* A dead Oxigraph process (a crash, a kill) is restarted; more than `MAX_RESTARTS` in
  `RESTART_WINDOW` seconds and `kg serve` stops with exit code 1 — never 0 after a crash.
* Oxigraph is started with PR_SET_PDEATHSIG (kg/proc.py): it dies with `kg serve`, even when
  `kg serve` is killed with SIGKILL in its start-up window.

The HTML view (`<out>/graph.html`, if built) is served by a small server on the next port; it
serves graph.html and nothing else from the build folder (the page is self-contained).
"""
from __future__ import annotations

import collections
import errno
import http.client
import json
import re
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError
from kg.proc import preexec_for_child
from kg.sparqlguard import Limits, Refused, check as check_query
from kg.store import SERVE_INFO, open_store, pid_alive, store_dir
from kg.store import release as release_store_locks

#: a crashed Oxigraph is restarted, at most this many times in RESTART_WINDOW seconds
MAX_RESTARTS = 5
RESTART_WINDOW = 60.0
DEFAULT_QUERY_TIMEOUT = 30.0


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


_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "trailers", "transfer-encoding", "upgrade", "host", "content-length",
        "expect", "proxy-connection"}
_SNAPSHOT_RE = re.compile(r"^(?:\.serve|kg-serve)-(\d+)-")


def clean_stale_snapshots(out_dir: Path) -> list[Path]:
    """Delete the snapshots of `kg serve` processes that are gone (killed: no clean-up ran),
    beside the store and in the temporary folder. Returns what was deleted."""
    gone = []
    for folder in (Path(out_dir), Path(tempfile.gettempdir())):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            m = _SNAPSHOT_RE.match(p.name)
            if not m or folder == Path(tempfile.gettempdir()) and not p.name.startswith("kg-"):
                continue
            pid = int(m.group(1))
            if pid == os.getpid() or pid_alive(pid) or not p.is_dir():
                continue
            shutil.rmtree(p, ignore_errors=True)
            if not p.exists():
                gone.append(p)
    return gone


class _ViewHandler(BaseHTTPRequestHandler):
    """graph.html and nothing else: never the cache, the store or the log beside it."""
    page = "graph.html"

    def log_message(self, format, *args):  # quiet: one line per request is noise here
        pass

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path in ("/", ""):
            self.send_response(302)
            self.send_header("Location", "/" + self.page)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path != "/" + self.page:
            return self._text(404, "not found: this server shows graph.html only\n")
        try:
            data = (Path(self.server.directory) / self.page).read_bytes()
        except OSError:
            return self._text(404, "graph.html is not built\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_HEAD = do_GET

    def _text(self, status: int, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


class _QueryTimeout(Exception):
    pass


def _remaining(deadline: float | None) -> float | None:
    """Seconds left until `deadline` (None: no limit); none left raises _QueryTimeout."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise _QueryTimeout
    return left


class _ProxyHandler(BaseHTTPRequestHandler):
    """Checks a request's query or update against the limits, then forwards it to Oxigraph
    and streams the answer back, within the time limit."""
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        try:
            self._proxy()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET

    # -- answers of our own
    def _text(self, status: int, message: str, close: bool = False) -> None:
        data = (message.rstrip("\n") + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    # -- the request
    def _queries(self, split, body: bytes | None) -> list[str]:
        """Every query or update text the request carries (URL, form body, SPARQL body)."""
        texts = []
        for key in ("query", "update"):
            texts += urllib.parse.parse_qs(split.query, encoding="utf-8",
                                           errors="replace").get(key, [])
        if body:
            ctype = self.headers.get_content_type()
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("latin-1"), encoding="utf-8",
                                             errors="replace")
                for key in ("query", "update"):
                    texts += form.get(key, [])
            elif ctype in ("application/sparql-query", "application/sparql-update"):
                texts.append(body.decode("utf-8", "replace"))
        return texts

    def _proxy(self) -> None:
        srv: Server = self.server.kg
        split = urllib.parse.urlsplit(self.path)
        store_path = split.path.rstrip("/") == "/store" or split.path.startswith("/store/")
        if self.headers.get("Transfer-Encoding", "identity").lower() != "identity":
            return self._text(411, "send the request body with a Content-Length", close=True)
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError
        except ValueError:
            return self._text(400, "bad Content-Length", close=True)
        limits = srv.limits
        body = None
        if not store_path:
            # the body holds the query: read it whole (bounded) and check it
            if limits.max_bytes and length > 3 * limits.max_bytes + 4096:
                return self._text(413, f"query refused: a {length:,}-byte request is more than "
                                  f"the limit of {limits.max_bytes:,} bytes "
                                  "(kg serve --max-query-size)", close=True)
            body = self.rfile.read(length) if length else b""
            try:
                for text in self._queries(split, body):
                    check_query(text, limits)
            except Refused as exc:
                return self._text(exc.status, str(exc))
        timeout = srv.query_timeout if not store_path else 0
        deadline = time.monotonic() + timeout if timeout else None
        if not srv.backend_ready(15.0):
            return self._text(503, "the SPARQL server is restarting: retry in a moment")
        generation = srv.generation
        try:
            self._forward(srv, body, length, deadline)
        except _QueryTimeout:
            srv.request_restart(generation, f"a request ran over the {timeout:g} s time limit "
                                            f"({self.command} {split.path})")

    def _forward(self, srv: "Server", body: bytes | None, length: int, deadline) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", srv.backend_port, timeout=_remaining(deadline))
        sent_head = False
        try:
            try:
                resp = self._send(conn, srv, body, length)
            except (TimeoutError, socket.timeout):
                raise _QueryTimeout from None   # the 504 is written once, below
            except OSError:
                self._text(502, "the SPARQL server failed on this request (it is restarted); "
                           "retry, or simplify the query", close=True)
                return
            chunked, no_body = self._relay_head(resp)
            sent_head = True
            if not no_body:
                self._relay_body(conn, resp, chunked, deadline)
        except _QueryTimeout:
            if sent_head:
                self.close_connection = True  # too late for a status: the body is cut short
            else:
                self._timed_out(srv)
            raise
        finally:
            conn.close()

    def _timed_out(self, srv: "Server") -> None:
        self._text(504, f"query timed out after {srv.query_timeout:g} s "
                   "(kg serve --query-timeout)", close=True)

    def _send(self, conn: http.client.HTTPConnection, srv: "Server", body: bytes | None,
              length: int) -> http.client.HTTPResponse:
        """The client's request to Oxigraph: the body read already (a query), or streamed
        through (a Graph Store upload, which can be large)."""
        conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"127.0.0.1:{srv.backend_port}")
        for key, value in self.headers.items():
            if key.lower() not in _HOP:
                conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body if body else None)
        else:
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            left = length
            while left > 0:
                block = self.rfile.read(min(left, 1 << 16))
                if not block:
                    break
                conn.send(block)
                left -= len(block)
        return conn.getresponse()

    def _relay_head(self, resp: http.client.HTTPResponse) -> tuple[bool, bool]:
        """Oxigraph's status and headers to the client; returns (chunked, no_body): how the
        body follows, when Oxigraph did not say its length."""
        self.send_response(resp.status, resp.reason)
        has_length = resp.getheader("Content-Length") is not None
        for key, value in resp.getheaders():
            if key.lower() not in _HOP or key.lower() == "content-length":
                self.send_header(key, value)
        no_body = self.command == "HEAD" or resp.status in (204, 304) or 100 <= resp.status < 200
        chunked = not has_length and not no_body and self.request_version == "HTTP/1.1"
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif not has_length and not no_body:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        return chunked, no_body

    def _relay_body(self, conn: http.client.HTTPConnection, resp: http.client.HTTPResponse,
                    chunked: bool, deadline) -> None:
        """Oxigraph's answer to the client as it comes, within the time limit."""
        while True:
            left = _remaining(deadline)
            if conn.sock is not None and left is not None:
                conn.sock.settimeout(left)
            try:
                data = resp.read1(1 << 16)
            except (TimeoutError, socket.timeout):
                raise _QueryTimeout from None
            except (OSError, http.client.HTTPException):
                self.close_connection = True   # cut short: the client sees a broken body
                return
            if not data:
                break
            if chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            else:
                self.wfile.write(data)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class _Proxy(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, server: "Server"):
        self.address_family = _family(address[0])
        self.kg = server
        super().__init__(address, _ProxyHandler)


class _View(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, directory: str):
        self.address_family = _family(address[0])
        self.directory = directory
        super().__init__(address, _ViewHandler)


@dataclass
class Server:
    out_dir: Path
    host: str
    port: int
    writable: bool = False
    view_port: int | None = None
    query_timeout: float = DEFAULT_QUERY_TIMEOUT
    limits: Limits = field(default_factory=Limits)
    log: object = None                       # callable(str) for restarts; default: stderr
    proc: subprocess.Popen | None = None     # the Oxigraph process now
    location: Path | None = None
    snapshot: Path | None = None
    httpd: ThreadingHTTPServer | None = None
    proxy: ThreadingHTTPServer | None = None
    backend_port: int = 0
    generation: int = 0
    failed: str | None = None                # why the server gave up (exit code 1)
    restarts: int = 0
    notes: list[str] = field(default_factory=list)
    _thread: threading.Thread | None = field(default=None, repr=False)

    def __post_init__(self):
        self._ready = threading.Event()       # Oxigraph answers
        self._started = threading.Event()     # the first start succeeded or failed
        self._stopping = threading.Event()
        self._done = threading.Event()        # the supervisor has ended
        self._restart = threading.Event()
        self._restart_reason = ""
        self._restart_gen = -1
        self._first_error: BaseException | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=50)
        self._supervisor: threading.Thread | None = None
        self._lock = threading.Lock()

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

    def _say(self, msg: str) -> None:
        (self.log or (lambda m: print(f"kg serve: {m}", file=sys.stderr, flush=True)))(msg)

    # -- start and stop
    def start(self) -> "Server":
        out = Path(self.out_dir)
        check_port(self.host, self.port, "--port")
        if self.view_port is not None:
            check_port(self.host, self.view_port, "--view-port")
        clean_stale_snapshots(out)
        store, _ = open_store(out)  # rebuilds a stale or missing store first
        try:
            if self.writable:
                del store
                self.location = store_dir(out).resolve()
            else:
                self.snapshot = self._snapshot(store, out)
                del store
                release_store_locks()   # the snapshot is ours: builds may prune the version
                self.location = self.snapshot
            try:
                self.proxy = _Proxy((self.host, self.port), self)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise KGError(f"port {self.port} is in use: choose another with --port "
                                  "(0: any free port)") from None
                raise KGError(f"cannot listen on {self.host}:{self.port}: "
                              f"{exc.strerror or exc}") from None
            if self.port == 0:
                self.port = self.proxy.server_address[1]
            # Every Oxigraph process is started by this one long-lived thread: PDEATHSIG fires
            # when the thread that started the child ends, so never a request thread.
            self._supervisor = threading.Thread(target=self._supervise, name="kg-serve-supervisor",
                                                daemon=True)
            self._supervisor.start()
            self._started.wait()
            if self._first_error is not None:
                raise self._first_error
            self.proxy.serving = True
            threading.Thread(target=self.proxy.serve_forever, name="kg-serve-proxy",
                             daemon=True).start()
            if (out / "graph.html").exists():
                self._start_view(out)
            self._write_info(out)
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self) -> None:
        """Start Oxigraph on a private loopback port and wait until it answers."""
        last = None
        for _ in range(5):
            self.backend_port = free_port("127.0.0.1")
            mode = "serve" if self.writable else "serve-read-only"
            cmd = [find_oxigraph(), mode, "--location", str(self.location),
                   "--bind", f"127.0.0.1:{self.backend_port}"]
            self._stderr.clear()
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, env=_child_env(),
                                    preexec_fn=preexec_for_child())
            self.proc = proc
            threading.Thread(target=self._drain, args=(proc,), daemon=True).start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not self._stopping.is_set():
                if proc.poll() is not None:
                    break
                try:
                    with socket.create_connection(("127.0.0.1", self.backend_port), timeout=1):
                        pass
                except OSError:
                    time.sleep(0.03)
                    continue
                time.sleep(0.02)
                if proc.poll() is None:   # ours answers, not someone else's on that port
                    return
            if self._stopping.is_set():
                return
            if proc.poll() is None:
                self._kill(proc)
                raise KGError("the oxigraph server did not start within 30 s")
            time.sleep(0.05)  # let the drain thread read the last lines
            last = server_error("\n".join(self._stderr)) or f"exit code {proc.returncode}"
            if "address already in use" not in last.lower():
                break            # taken private port: try another; anything else is final
        raise KGError(f"the oxigraph server exited: {last}")

    def _drain(self, proc: subprocess.Popen) -> None:
        """Read Oxigraph's stderr all along (a full pipe would block it); keep the last lines."""
        try:
            for line in proc.stderr:
                self._stderr.append(line.decode("utf-8", "replace").rstrip())
        except (OSError, ValueError):
            pass

    @staticmethod
    def _kill(proc: subprocess.Popen, grace: float = 10.0) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _supervise(self) -> None:
        crashes: collections.deque[float] = collections.deque()
        try:
            try:
                self._spawn()
            except BaseException as exc:   # noqa: BLE001 — handed to start()
                self._first_error = exc
                return
            finally:
                self._started.set()
            while not self._stopping.is_set():
                self.generation += 1
                self._ready.set()
                reason = None
                while not self._stopping.is_set():
                    if self.proc.poll() is not None:
                        break
                    if self._restart.wait(0.2):
                        self._restart.clear()
                        if self._restart_gen == self.generation:
                            reason = self._restart_reason
                            break
                if self._stopping.is_set():
                    break
                self._ready.clear()
                if reason is not None:
                    self._kill(self.proc, grace=2.0)
                    self._say(f"{reason}: the oxigraph server was restarted to stop it")
                else:
                    time.sleep(0.05)
                    why = server_error("\n".join(
                        ln for ln in self._stderr if not ln.startswith("Listening for requests")))
                    why = why or "no message"
                    code = self.proc.returncode
                    now = time.monotonic()
                    crashes.append(now)
                    while crashes and now - crashes[0] > RESTART_WINDOW:
                        crashes.popleft()
                    if len(crashes) > MAX_RESTARTS:
                        self.failed = (f"the oxigraph server exited with code {code} ({why}) "
                                       f"{len(crashes)} times in {RESTART_WINDOW:.0f} s: giving up")
                        return
                    self._say(f"the oxigraph server exited with code {code} ({why}); "
                              "restarting it")
                self.restarts += 1
                try:
                    self._spawn()
                except KGError as exc:
                    self.failed = f"cannot restart the oxigraph server: {exc.message}"
                    return
        finally:
            if self.proc is not None:
                self._kill(self.proc)
            self._done.set()
            self._ready.set()   # wakes requests waiting for a restart: they see it is over

    def backend_ready(self, timeout: float) -> bool:
        return self._ready.wait(timeout) and not self._done.is_set()

    def request_restart(self, generation: int, reason: str) -> None:
        with self._lock:
            if generation != self.generation:
                return           # already restarted since that request began
            self._restart_reason = reason
            self._restart_gen = generation
            self._restart.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the server has stopped for good (see .failed)."""
        return self._done.wait(timeout)

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
        directory = str(out.resolve())
        try:
            self.httpd = _View((self.host, port), directory)
        except OSError as exc:
            if asked:  # checked before the server started: taken meanwhile
                raise KGError(f"port {port} is in use on {self.host}: choose another with "
                              f"--view-port (0: any free port)") from None
            self.httpd = _View((self.host, 0), directory)
            self.notes.append(f"port {port} is in use ({exc.strerror or exc}): the graph view "
                              f"is on port {self.httpd.server_address[1]} (--view-port sets it)")
        self.view_port = self.httpd.server_address[1]
        self.httpd.serving = True
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
        self._stopping.set()
        self._restart.set()
        if self._supervisor is not None and self._supervisor.is_alive():
            self._supervisor.join(timeout=15)
        if self.proc is not None:
            self._kill(self.proc)
            if self.proc.stderr:
                try:
                    self.proc.stderr.close()
                except OSError:
                    pass
        for attr in ("proxy", "httpd"):
            srv = getattr(self, attr)
            if srv is not None:
                if getattr(srv, "serving", False):
                    srv.shutdown()
                srv.server_close()
                setattr(self, attr, None)
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
          view_port: int | None = None, query_timeout: float = DEFAULT_QUERY_TIMEOUT,
          limits: Limits | None = None, log=None) -> Server:
    """Start the endpoint (and the view server); the caller stops it with .stop()."""
    return Server(Path(out_dir), host, port, writable, view_port, query_timeout,
                  limits or Limits(), log).start()
