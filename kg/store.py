"""The embedded SPARQL store: an Oxigraph (pyoxigraph) database in `<out>/store/`.

`graph.ttl` is the interchange file and the source of truth; the store is a derived index that
can always be rebuilt from it. Layout and guarantees:

* `<out>/store/` is a RocksDB directory written by pyoxigraph, plus `parkkg-store.json` inside it
  (store-format version, the sha256 / size / mtime of the graph.ttl it was loaded from, the base
  IRI, the triple count). The metadata lives *inside* the directory so it is swapped together
  with the data: a store and its description can never disagree.
* `<out>/store` is a symbolic link to a version directory `<out>/.stores/v-<time>-<rand>/`.
  `build_store` (or `prepare_store` + `StagedStore.commit`, as `kg build` does to put graph,
  store and view in place together) loads into a new version — in a child process, so Ctrl-C
  stops it at once — and then renames a new link over `store`: a reader resolves either the
  old version or the new one, never a half-swapped directory. A failed load leaves the
  previous store untouched. Versions no reader holds are pruned (readers take a shared flock
  on the version they open). A `store` directory of the layout before versions becomes a
  version the first time.
* `open_store` opens the current version read-only (no RocksDB lock is taken, so any number of
  `kg query` processes and a `kg serve` can read at once). A missing store, one from an older
  store format, one without metadata (damaged), or one older than graph.ttl is rebuilt from
  graph.ttl with a note on stderr — unless a build holds the folder (kg.outlock): then the
  current store answers as it is, and it is never rebuilt by a reader. Without graph.ttl it is
  reported ("run kg build first").

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

import contextlib
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


VERSIONS = ".stores"             # <out>/.stores/v-…: the store versions; <out>/store links one
READERS_LOCK = "parkkg-readers.lock"


class StoreCancelled(KeyboardInterrupt):
    """The load was stopped (Ctrl-C, SIGTERM) — the previous store is untouched."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def versions_dir(out_dir: Path) -> Path:
    return Path(out_dir) / VERSIONS


def current_version(out_dir: Path) -> Path | None:
    """The real directory `<out>/store` stands for now (the link's target, or the directory
    itself in the layout before versions), or None."""
    sdir = store_dir(out_dir)
    try:
        real = Path(os.path.realpath(sdir))
    except OSError:
        return None
    return real if real.is_dir() else None


class StagedStore:
    """A store loaded into a new version directory, not yet the current one: `commit()` makes
    it current (one atomic rename of the `store` link), `discard()` deletes it."""

    def __init__(self, out_dir: Path, path: Path, meta: dict, seconds: float = 0.0):
        self.out_dir, self.path, self.meta, self.seconds = Path(out_dir), path, meta, seconds

    def commit(self, warn: Warn | None = None) -> bool:
        """Make this version current. False when a `kg serve --writable` holds the store (it
        is then kept, `warn` says so, and this version is deleted)."""
        warn = warn or _stderr
        out_dir, sdir = self.out_dir, store_dir(self.out_dir)
        if sdir.exists() and store_locked(sdir):
            info = serve_info(out_dir)
            who = f"kg serve --writable (pid {info['pid']})" if info else "another process"
            warn(f"store is in use by {who}; {self.meta.get('graph', 'graph.ttl')} written, store "
                 "not refreshed; stop that server and run kg query or kg build to refresh it")
            self.discard()
            return False
        final = self.path.with_name("v-" + self.path.name.split("-", 2)[-1])
        os.rename(self.path, final)
        self.path = final
        _point(out_dir, final)
        prune_versions(out_dir)
        info = serve_info(out_dir)
        if info and not info.get("writable"):
            warn(f"kg serve (pid {info['pid']}) is still serving the previous graph at "
                 f"{info.get('endpoint', '')}; restart it to serve the new one")
        return True

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _point(out_dir: Path, version: Path) -> None:
    """`<out>/store` -> version, by renaming a new symbolic link over the old one: a reader
    resolves either the old version or the new one, never a half-swapped directory."""
    sdir = store_dir(out_dir)
    if sdir.is_dir() and not sdir.is_symlink():
        # the layout before versions: the directory becomes a version of its own (once)
        legacy = versions_dir(out_dir) / f"v-legacy-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        os.rename(sdir, legacy)
    link = out_dir / f".store-link.{os.getpid()}-new.tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(link)
    os.symlink(os.path.relpath(version, out_dir), link)
    os.replace(link, sdir)


def prune_versions(out_dir: Path) -> list[Path]:
    """Delete store versions that are not current and that no reader holds (readers hold a
    shared lock on the version they opened: kg query, a kg serve making its snapshot), and
    unfinished ones whose loader is gone."""
    vdir = versions_dir(out_dir)
    current = current_version(out_dir)
    gone: list[Path] = []
    try:
        entries = list(vdir.iterdir())
    except OSError:
        return gone
    for p in entries:
        if current is not None and p.resolve() == current:
            continue
        m = re.match(r"^\.new-(\d+)-", p.name)
        if m:
            pid = int(m.group(1))
            if pid == os.getpid() or pid_alive(pid):
                continue          # being loaded
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith("v-"):
            if not _remove_unread(p):
                continue
        else:
            continue
        if not p.exists():
            gone.append(p)
    return gone


def _remove_unread(version: Path) -> bool:
    try:
        import fcntl
    except ImportError:
        shutil.rmtree(version, ignore_errors=True)
        return True
    try:
        fd = os.open(version / READERS_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        shutil.rmtree(version, ignore_errors=True)
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False          # a reader has it open: next time
        shutil.rmtree(version, ignore_errors=True)
        return True
    finally:
        os.close(fd)


#: shared locks on the store versions this process opened (released at exit or by release())
_HELD: list[int] = []


def _hold(version: Path) -> bool:
    """Take a shared lock on a version before opening it; False if it vanished meanwhile."""
    try:
        import fcntl
    except ImportError:
        return version.is_dir()
    try:
        fd = os.open(version / READERS_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except FileNotFoundError:
        return False
    except OSError:
        try:
            fd = os.open(version / READERS_LOCK, os.O_RDONLY)
        except OSError:
            return version.is_dir()   # a read-only folder: nobody can prune it either
    fcntl.flock(fd, fcntl.LOCK_SH)
    if os.fstat(fd).st_nlink == 0 or not version.is_dir():   # pruned while we waited
        os.close(fd)
        return False
    _HELD.append(fd)
    return True


def release() -> None:
    """Drop the reader locks of this process (after its stores are closed)."""
    while _HELD:
        os.close(_HELD.pop())


_LOADERS: set = set()      # loader processes running now
_CANCELLED: set = set()


def cancel_loads() -> None:
    """Stop every store load of this process now (Ctrl-C, SIGTERM): their callers raise
    StoreCancelled and delete what was loaded."""
    for proc in list(_LOADERS):
        _CANCELLED.add(proc.pid)
        with contextlib.suppress(OSError):
            proc.kill()


def _load(tmp: Path, graph_ttl: Path, base: str) -> int:
    """Bulk-load graph_ttl into tmp in a child process (stopped at once by Ctrl-C)."""
    import subprocess

    from kg.proc import preexec_for_child
    cmd = [sys.executable, "-m", "kg._storeload", str(tmp), str(graph_ttl), base]
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, preexec_fn=preexec_for_child())
    _LOADERS.add(proc)
    try:
        out, err = proc.communicate()
    except BaseException:
        proc.kill()
        proc.wait()
        raise StoreCancelled() from None
    finally:
        _LOADERS.discard(proc)
    if proc.pid in _CANCELLED:
        _CANCELLED.discard(proc.pid)
        raise StoreCancelled()
    msg = err.decode("utf-8", "replace").strip().splitlines()
    msg = msg[-1] if msg else f"exit code {proc.returncode}"
    if proc.returncode == 3:
        raise KGError(f"cannot load {graph_ttl} into the store: {msg[len('syntax: '):]}")
    if proc.returncode != 0:
        from kg.diskio import io_message, is_disk_error
        exc = OSError(msg)
        if is_disk_error(exc):
            out = tmp.parent.parent       # <out>/.stores/.new-…
            raise KGError(io_message(exc, out / "store", "load the store")) from None
        raise KGError(f"cannot load {graph_ttl} into the store in {tmp.parent}/: {msg}")
    return int(out.decode().strip() or 0)


def prepare_store(out_dir: Path, graph_ttl: Path, graph_name: str | None = None) -> StagedStore:
    """Load `graph_ttl` into a new store version (not current yet: see StagedStore)."""
    out_dir, graph_ttl = Path(out_dir), Path(graph_ttl)
    t = time.perf_counter()
    vdir = versions_dir(out_dir)
    try:
        vdir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        tmp = Path(tempfile.mkdtemp(prefix=f".new-{os.getpid()}-{stamp}-", dir=vdir))
        # mkdtemp makes it 0700: a store is shared like any output (kg serve, other users)
        os.chmod(tmp, 0o777 & ~_umask())
    except OSError as exc:
        from kg.diskio import io_message
        raise KGError(io_message(exc, vdir / "store")) from None
    try:
        st = graph_ttl.stat()
        digest = sha256_file(graph_ttl)
        base = detect_base(graph_ttl)
        n = _load(tmp, graph_ttl, base)
        meta = {"format": STORE_FORMAT, "graph": graph_name or graph_ttl.name, "sha256": digest,
                "size": st.st_size, "mtime_ns": st.st_mtime_ns, "base": base, "triples": n,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        from kg.atomic import atomic_write_text
        atomic_write_text(tmp / META_NAME, json.dumps(meta, indent=1))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return StagedStore(out_dir, tmp, meta, time.perf_counter() - t)


def build_store(out_dir: Path, graph_ttl: Path, warn: Warn | None = None) -> bool:
    """Load `graph_ttl` into the store of `out_dir`, replacing the previous one atomically.

    Returns True when the store was refreshed, False when a `kg serve --writable` holds it
    (then the old store is kept and `warn` is told why). Raises KGError if graph.ttl cannot be
    loaded; the previous store is then left as it was.
    """
    staged = prepare_store(out_dir, graph_ttl)
    try:
        return staged.commit(warn)
    except BaseException:
        staged.discard()
        raise


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

    The version `store` points to is resolved once and held with a shared lock while this
    process runs (see release()), so a build that swaps in a new version meanwhile never pulls
    files from under it. While a build holds the folder (kg.outlock), the store is never
    rebuilt here: the current one answers (with a note if it is older than graph.ttl), or,
    without one, the error says to wait for that build.
    """
    import pyoxigraph as ox

    from kg.outlock import Busy, BuildLock, describe, holder

    warn = warn or _stderr
    out_dir = Path(out_dir)
    sdir, graph = store_dir(out_dir), graph_path(out_dir)
    if not graph.exists() and not sdir.exists():
        busy = holder(out_dir) if out_dir.is_dir() else None
        if busy is not None:
            raise KGError(f"no graph in {out_dir}/ yet: {describe(busy)} is writing it; run this "
                          "again when it has finished")
        raise KGError(f"no graph in {out_dir}/: run kg build first")
    reason = stale_reason(out_dir)
    if reason and not graph.exists():
        raise KGError(f"the store in {sdir} {reason}, and there is no graph.ttl to rebuild it "
                      "from: run kg build")
    if reason and rebuild:
        busy = holder(out_dir)
        if busy is None:
            try:
                with BuildLock(out_dir, wait=False, command="kg (rebuilding the store)"):
                    if stale_reason(out_dir):      # a build may have refreshed it meanwhile
                        warn(f"the store {reason}: rebuilding it from {graph}")
                        build_store(out_dir, graph, warn)
            except Busy as exc:
                busy = exc.info
            except OSError:   # a read-only folder: no lock, no rebuild either
                busy = None
                if sdir.exists():
                    warn(f"the store {reason}, and {out_dir}/ is not writable: answering from "
                         "it as it is")
                else:
                    raise KGError(f"the store in {sdir} {reason}, and {out_dir}/ is not "
                                  "writable: run kg build where it can be written") from None
        if busy is not None:
            if current_version(out_dir) is None:
                raise KGError(f"the store in {sdir} {reason}, and {describe(busy)} is writing "
                              f"{out_dir}/: run this again when it has finished")
            warn(f"{describe(busy)} is writing {out_dir}/: answering from the store as it is")
    for _ in range(5):
        version = current_version(out_dir)
        if version is None:
            raise KGError(f"cannot open the store in {sdir}: it is missing; run kg build")
        if not _hold(version):
            continue          # swapped and pruned between resolving and locking: again
        try:
            store = ox.Store.read_only(str(version))
        except (OSError, RuntimeError) as exc:
            raise KGError(f"cannot open the store in {sdir}: {exc}; run kg build") from None
        meta = read_meta(version) or {}
        meta.setdefault("base", detect_base(graph))
        return store, meta
    raise KGError(f"cannot open the store in {sdir}: it changed under every attempt; run "
                  "again")
