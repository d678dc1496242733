"""The embedded SPARQL store: an Oxigraph (pyoxigraph) database in `<out>/store/`.

`graph.ttl` is the interchange file and the source of truth; the store is a derived index that
can always be rebuilt from it. Layout and guarantees:

* `<out>/store/` is a RocksDB directory written by pyoxigraph, plus `parkkg-store.json` inside it
  (store-format version, the sha256 / size / mtime of the graph.ttl it was loaded from, the base
  IRI, the triple count). The metadata lives *inside* the directory so it is swapped together
  with the data: a store and its description can never disagree.
* `build_store` loads into a fresh temporary directory beside the store and only then renames it
  into place; a failed load leaves the previous store untouched.
* `open_store` opens the store read-only (no lock is taken, so any number of `kg query`
  processes and a `kg serve` can read at once). A missing store, one from an older store format,
  one without metadata (damaged), or one older than graph.ttl is rebuilt from graph.ttl with a
  note on stderr; without graph.ttl it is reported ("run kg build first").

Concurrency with `kg serve` (the on-disk store is locked by one *writing* process):

* `kg serve` (read-only, the default) serves a hard-linked snapshot of the store (see
  kg/serve.py), never `store/` itself. `kg build` therefore always refreshes `store/`; the running
  server keeps answering from the graph it started with, and the build prints a note saying
  which pid to restart to see the new graph.
* `kg serve --writable` serves `store/` itself and holds its lock. `kg build` then still
  succeeds (graph.ttl and graph.html are written) but leaves the store alone and says so:
  "store is in use by kg serve --writable (pid N); graph.ttl written, store not refreshed …".
  The next `kg query` after that server stops sees the store is older than graph.ttl and
  rebuilds it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from kg.errors import KGError

#: Bump when the store's content layout changes (e.g. named graphs added): older stores rebuild.
STORE_FORMAT = 1
META_NAME = "parkkg-store.json"
SERVE_INFO = "serve.json"
DEFAULT_BASE = "https://w3id.org/parkkg/id/"

Warn = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(f"note: {msg}", file=sys.stderr)


def store_dir(out_dir: Path) -> Path:
    return Path(out_dir) / "store"


def graph_path(out_dir: Path) -> Path:
    return Path(out_dir) / "graph.ttl"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_BASE_RE = re.compile(r"^\s*(?:@base\s*<([^>]*)>\s*\.|BASE\s*<([^>]*)>)", re.IGNORECASE)


def detect_base(graph_ttl: Path) -> str:
    """The @base of a Turtle file (our writer puts it on the first line; `--base-iri` may have
    changed it), so queries can resolve the same relative IRIs the graph uses."""
    try:
        with open(graph_ttl, encoding="utf-8", errors="replace") as fh:
            for _, line in zip(range(50), fh):
                m = _BASE_RE.match(line)
                if m:
                    return m.group(1) or m.group(2)
    except OSError:
        pass
    return DEFAULT_BASE


def read_meta(sdir: Path) -> dict | None:
    try:
        meta = json.loads((Path(sdir) / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def serve_info(out_dir: Path) -> dict | None:
    """What a running `kg serve` wrote about itself, if that process is still alive."""
    try:
        info = json.loads((Path(out_dir) / SERVE_INFO).read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if pid_alive(pid) else None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def store_locked(sdir: Path) -> bool:
    """True if another process holds the store's write lock (RocksDB's fcntl lock on LOCK).

    Read-only openers (kg query, oxigraph serve-read-only) take no lock; only a writer does.
    """
    lock = Path(sdir) / "LOCK"
    if not lock.exists():
        return False
    try:
        import fcntl
    except ImportError:  # not POSIX: fall back on what kg serve recorded
        info = serve_info(Path(sdir).parent)
        return bool(info and info.get("writable"))
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def build_store(out_dir: Path, graph_ttl: Path, warn: Warn | None = None) -> bool:
    """Load `graph_ttl` into `<out_dir>/store/`, replacing the previous store atomically.

    Returns True when the store was refreshed, False when a `kg serve --writable` holds it
    (then the old store is kept and `warn` is told why). Raises KGError if graph.ttl cannot be
    loaded; the previous store is then left as it was.
    """
    import pyoxigraph as ox

    warn = warn or _stderr
    out_dir, graph_ttl = Path(out_dir), Path(graph_ttl)
    sdir = store_dir(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".store-new-", dir=out_dir))
    except OSError as exc:
        raise KGError(f"cannot write the store in {out_dir}/: {exc.strerror or exc}") from None
    try:
        st = graph_ttl.stat()
        digest = sha256_file(graph_ttl)
        base = detect_base(graph_ttl)
        store = ox.Store(str(tmp))
        try:
            store.bulk_load(path=str(graph_ttl), format=ox.RdfFormat.TURTLE, base_iri=base)
        except (SyntaxError, ValueError, OSError) as exc:
            raise KGError(f"cannot load {graph_ttl} into the store: {exc}") from None
        n = len(store)
        store.flush()
        del store  # closes RocksDB before the directory is renamed
        meta = {"format": STORE_FORMAT, "graph": graph_ttl.name, "sha256": digest,
                "size": st.st_size, "mtime_ns": st.st_mtime_ns, "base": base, "triples": n,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        (tmp / META_NAME).write_text(json.dumps(meta, indent=1), encoding="utf-8")

        if sdir.exists() and store_locked(sdir):
            info = serve_info(out_dir)
            who = f"kg serve --writable (pid {info['pid']})" if info else "another process"
            warn(f"store is in use by {who}; {graph_ttl.name} written, store not refreshed; "
                 "stop that server and run kg query or kg build to refresh it")
            shutil.rmtree(tmp, ignore_errors=True)
            return False
        _swap_in(tmp, sdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    info = serve_info(out_dir)
    if info and not info.get("writable"):
        warn(f"kg serve (pid {info['pid']}) is still serving the previous graph at "
             f"{info.get('endpoint', '')}; restart it to serve the new one")
    return True


def _swap_in(new: Path, sdir: Path) -> None:
    """Rename `new` to `sdir`; the old directory is moved aside first and deleted after.
    (A directory cannot be os.replace'd over a non-empty one.)"""
    old = None
    if sdir.exists():
        old = Path(tempfile.mkdtemp(prefix=".store-old-", dir=sdir.parent))
        os.rmdir(old)
        os.rename(sdir, old)
    try:
        os.rename(new, sdir)
    except OSError:
        if old is not None:
            os.rename(old, sdir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def stale_reason(out_dir: Path) -> str | None:
    """Why the store cannot be used as it is, or None if it matches graph.ttl."""
    sdir, graph = store_dir(out_dir), graph_path(out_dir)
    if not sdir.is_dir():
        return "is missing"
    meta = read_meta(sdir)
    if meta is None:
        return "has no readable metadata (damaged, or not written by kg)"
    if meta.get("format") != STORE_FORMAT:
        return f"was built by an older version (store format {meta.get('format')})"
    if graph.exists():
        st = graph.stat()
        if (st.st_size, st.st_mtime_ns) != (meta.get("size"), meta.get("mtime_ns")):
            # touched or copied files keep their content: only a different hash is stale
            if sha256_file(graph) != meta.get("sha256"):
                return "is older than graph.ttl"
    return None


def open_store(out_dir: Path, *, rebuild: bool = True, warn: Warn | None = None):
    """Open `<out_dir>/store` read-only, rebuilding it from graph.ttl first when needed.

    Returns `(store, meta)` — a pyoxigraph.Store and the store's metadata dict (its "base"
    key is the base IRI of the graph).
    """
    import pyoxigraph as ox

    warn = warn or _stderr
    out_dir = Path(out_dir)
    sdir, graph = store_dir(out_dir), graph_path(out_dir)
    if not graph.exists() and not sdir.exists():
        raise KGError(f"no graph in {out_dir}/: run kg build first")
    reason = stale_reason(out_dir)
    if reason and not graph.exists():
        raise KGError(f"the store in {sdir} {reason}, and there is no graph.ttl to rebuild it "
                      "from: run kg build")
    if reason and rebuild:
        warn(f"the store {reason}: rebuilding it from {graph}")
        build_store(out_dir, graph, warn)
    try:
        store = ox.Store.read_only(str(sdir))
    except OSError as exc:
        if not (rebuild and graph.exists()) or reason:
            raise KGError(f"cannot open the store in {sdir}: {exc}; run kg build") from None
        warn(f"the store cannot be opened ({exc}): rebuilding it from {graph}")
        build_store(out_dir, graph, warn)
        store = ox.Store.read_only(str(sdir))
    meta = read_meta(sdir) or {}
    meta.setdefault("base", detect_base(graph))
    return store, meta
