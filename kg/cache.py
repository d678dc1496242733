"""The per-document build cache: ``<out>/cache/cache.sqlite``.

Two tables, both written inside the same SQLite transactions so an interrupted build (SIGINT,
a killed worker, a power cut) leaves a consistent cache behind: every committed row is a
complete result, and the next build picks up where the last one stopped.

- ``results(sha256, doc_id) -> data``: ``DocResult.to_json()`` as compact UTF-8 JSON, zlib
  compressed, sentences pre-rendered as Turtle (``kg.graph.prerender``); or, for a file the
  loader skipped, ``data`` NULL and the skip message.
  Keyed by the content hash of the raw bytes (plus the doc id, which the result embeds), so a
  moved file is still a hit; the path stored in the result is patched on the way out.
- ``files(path) -> size, mtime_ns, sha256, doc_id``: the manifest. A file whose size and
  mtime are unchanged is not read again (the git index trick); any other file is hashed.
- ``meta``: the extractor fingerprint. Results are only valid for the extractor that made
  them: the package version, the source of the ``kg`` modules (``kg/extract/`` and
  ``kg/learn/`` too), the lexicon files, the user dictionary and the ExtractConfig. A different
  fingerprint empties the cache.

SQLite rather than one file per document: 10^5 small files cost more in inodes, directory
scans and fsyncs than one indexed table, and transactions give atomicity for free.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.model import DocResult

CACHE_DIR = "cache"
CACHE_FILE = "cache.sqlite"
SCHEMA_VERSION = "4"   # 2: records as positional rows, sentences pre-rendered as Turtle;
#                         3: publication date and investments (kg.facts)
#                         4: dates of releases and appointments on relations (kg.facts)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT NOT NULL, doc_id TEXT NOT NULL, data BLOB, skip TEXT,
    PRIMARY KEY (sha256, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, doc_id TEXT NOT NULL) WITHOUT ROWID;
"""


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """Hash in chunks: a 200 MB file must not be held in memory just to be hashed."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            h.update(block)
    return h.hexdigest()


# graph.py is not on the list: cached results hold sentences rendered by it (DocResult.body).
_NOT_EXTRACTION = {"__init__", "__main__", "cache", "executor", "pipeline", "log", "progress",
                   "store", "view", "validate", "evaluate", "errors", "query", "export",
                   "push", "serve", "stats", "viz", "shapes", "ontology", "paths",
                   "atomic", "proc", "sparqlguard", "outlock", "diskio", "network"}


def _hash_tree(h, root: Path, patterns: tuple[str, ...]) -> None:
    if not root.is_dir():
        return
    for pattern in patterns:
        for p in sorted(root.rglob(pattern)):
            if "__pycache__" in p.parts:
                continue
            h.update(str(p.relative_to(root)).encode("utf-8"))
            h.update(p.read_bytes())


def extractor_fingerprint(config) -> str:
    """Everything per-document extraction depends on, hashed.

    The source of the kg package is hashed as well as its version: during development the
    version does not change when a rule does, and a stale cache would silently keep old facts.
    """
    import kg

    h = hashlib.sha256()
    h.update(f"schema {SCHEMA_VERSION} kg {getattr(kg, '__version__', '?')}\n".encode())
    pkg = Path(kg.__file__).parent
    # Every module except those that only consume DocResults (writer, store, view, CLI …):
    # a deny-list, so a new extraction module is covered without anyone remembering this.
    for p in sorted(pkg.glob("*.py")):
        if p.stem not in _NOT_EXTRACTION:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    _hash_tree(h, pkg / "extract", ("*.py",))
    _hash_tree(h, pkg / "lexicon", ("*",))
    _hash_tree(h, pkg / "learn", ("*.py",))
    from kg.learn.model import model_dir
    models = model_dir(getattr(config, "model", None))
    h.update(f"model:{models is not None}".encode())
    if models is not None:
        _hash_tree(h, models, ("*.json",))
    for name in ("userdict",):
        value = getattr(config, name, None)
        if value:
            h.update(f"{name}:".encode())
            try:
                h.update(Path(value).read_bytes())
            except OSError:
                h.update(str(value).encode())
    for d in getattr(config, "lexicon_dirs", None) or []:
        h.update(b"lexdir:")
        _hash_tree(h, Path(d), ("*",))
    h.update(repr(_config_items(config)).encode("utf-8"))
    h.update(f"rjieba {_tokenizer_stamp()}".encode())
    return h.hexdigest()


def _tokenizer_stamp() -> str:
    """rjieba, the tokenizer extraction uses, as installed: the names, sizes and times of its
    package's files (its compiled library embeds the dictionary, which is part of the extractor
    too). Found without importing anything: importing jieba for its version, or
    importlib.metadata, cost a tenth to a quarter of a second of every command's start-up."""
    import os
    from importlib.util import find_spec
    spec = find_spec("rjieba")
    if spec is None or not spec.submodule_search_locations:
        return "?"
    files = []
    for folder in spec.submodule_search_locations:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_file():
                    st = e.stat()
                    files.append((e.name, st.st_size, st.st_mtime_ns))
    return repr(sorted(files))


def _config_items(config):
    if config is None:
        return ()
    try:
        from dataclasses import asdict, is_dataclass
        if is_dataclass(config):
            items = asdict(config)
            # Paths are hashed by content above; their names should not matter.
            for k in ("userdict", "lexicon_dirs", "model"):
                items.pop(k, None)
            return tuple(sorted((k, repr(v)) for k, v in items.items()))
    except TypeError:
        pass
    return repr(config)


def encode_result(result: DocResult) -> bytes:
    data = json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(data.encode("utf-8"), 1)


def decode_result(blob: bytes) -> DocResult:
    return DocResult.from_json(json.loads(zlib.decompress(blob).decode("utf-8")))


@dataclass
class Cached:
    """A cache hit: a result, or the message of a file the loader skipped."""
    result: DocResult | None
    skip: str | None


def free_bytes(path: Path) -> int:
    try:
        st = os.statvfs(path)
    except (OSError, AttributeError):
        return 1 << 62
    return st.f_bavail * st.f_frsize


def reserve_bytes(path: Path) -> int:
    """Free space the cache leaves on its disk: 5 % of the disk, at least 64 MB and at most
    1 GB, but never more than a fifth of a small disk. KG_CACHE_RESERVE (bytes) overrides."""
    env = os.environ.get("KG_CACHE_RESERVE")
    if env:
        try:
            return max(0, int(env))
        except ValueError:
            pass
    try:
        st = os.statvfs(path)
    except (OSError, AttributeError):
        return 0
    size = st.f_blocks * st.f_frsize
    return min(max(64 << 20, size // 20), 1 << 30, size // 5)


class BuildCache:
    """The cache of one output directory. Use as a context manager; writes are batched into
    transactions of ``batch`` documents (commit() ends one early)."""

    def __init__(self, out_dir: Path, fingerprint: str, enabled: bool = True, batch: int = 200):
        self.dir = Path(out_dir) / CACHE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / CACHE_FILE
        self.enabled = enabled
        self.fingerprint = fingerprint
        self.batch = batch
        self._pending = 0
        self._last_commit = time.monotonic()
        self.cleared = False
        self.full = False            # the disk is (nearly) full: the cache stopped growing
        self.reserve = reserve_bytes(self.dir)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            # A damaged cache is only a cache: start again rather than fail the build.
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.unlink(str(self.path) + suffix)
                except OSError:
                    pass
            self.db = self._open()
        row = self.db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        if row is None or row[0] != fingerprint:
            with self.db:
                self.cleared = row is not None
                self.db.execute("BEGIN")
                self.db.execute("DELETE FROM results")
                self.db.execute("DELETE FROM files")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        db.execute("SELECT count(*) FROM meta").fetchone()  # raises if the file is not a db
        return db

    # --- manifest -----------------------------------------------------------------------

    def manifest(self) -> dict[str, tuple[int, int, str, str]]:
        """path -> (size, mtime_ns, sha256, doc_id)."""
        return {row[0]: tuple(row[1:]) for row in
                self.db.execute("SELECT path, size, mtime_ns, sha256, doc_id FROM files")}

    def keys(self) -> set[tuple[str, str]]:
        return set(self.db.execute("SELECT sha256, doc_id FROM results"))

    # --- results ------------------------------------------------------------------------

    def get(self, sha256: str, doc_id: str, path: str) -> Cached | None:
        if not self.enabled:
            return None
        row = self.db.execute("SELECT data, skip FROM results WHERE sha256=? AND doc_id=?",
                              (sha256, doc_id)).fetchone()
        if row is None:
            return None
        data, skip = row
        if data is None:
            return Cached(None, skip)
        try:
            result = decode_result(data)
        except (ValueError, TypeError, KeyError, zlib.error):
            return None  # an unreadable row is a miss, re-extracted and overwritten
        result.path = path
        return Cached(result, None)

    def _begin(self) -> None:
        if self._pending == 0 and not self.db.in_transaction:
            self.db.execute("BEGIN")

    def _room(self) -> bool:
        """Whether the cache may grow: it stops short of filling the disk (see reserve_bytes),
        so the graph, the store and the view still fit, and nothing else on that disk fails."""
        if self.full:
            return False
        if free_bytes(self.dir) < self.reserve:
            self._give_up()
            return False
        return True

    def _give_up(self) -> None:
        """No more cache writes in this build (the disk is full): keep what is committed."""
        self.full = True
        try:
            if self.db is not None and self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self._pending = 0

    def _counted(self) -> None:
        # Commit every `batch` documents or every second, whichever comes first: few fsyncs,
        # and an interrupted build loses at most a second of extraction.
        self._pending += 1
        if self._pending >= self.batch or time.monotonic() - self._last_commit >= 1.0:
            self.commit()

    def put(self, path: str, size: int, mtime_ns: int, result: DocResult,
            blob: bytes | None = None) -> None:
        """Store a fresh result (``blob``: it already encoded) and its manifest row in one
        transaction."""
        if not self._room():
            return
        with self._guard():
            self._begin()
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, NULL)",
                            (result.sha256, result.doc_id, blob or encode_result(result)))
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            (path, size, mtime_ns, result.sha256, result.doc_id))
            self._counted()

    def put_skip(self, path: str, size: int, mtime_ns: int, sha256: str, doc_id: str,
                 message: str) -> None:
        if not self._room():
            return
        with self._guard():
            self._begin()
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, NULL, ?)",
                            (sha256, doc_id, message))
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            (path, size, mtime_ns, sha256, doc_id))
            self._counted()

    def touch(self, path: str, size: int, mtime_ns: int, sha256: str, doc_id: str) -> None:
        """Record a file whose content was already cached (e.g. after `touch` or a move)."""
        if not self._room():
            return
        with self._guard():
            self._begin()
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            (path, size, mtime_ns, sha256, doc_id))
            self._counted()

    @contextlib.contextmanager
    def _guard(self):
        """A write the disk has no room for gives up caching (see _give_up), not the build."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            from kg.diskio import is_disk_error
            if not is_disk_error(exc):
                raise
            self._give_up()

    def commit(self) -> None:
        with self._guard():
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        self._pending = 0
        self._last_commit = time.monotonic()

    def prune(self, live_paths: Iterable[str]) -> int:
        """Forget files no longer in the corpus and results no file refers to; returns how
        many files were forgotten. Run only after a complete build."""
        self.commit()
        live = set(live_paths)
        gone = [p for (p,) in self.db.execute("SELECT path FROM files") if p not in live]
        with self._guard():
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("DELETE FROM files WHERE path=?", [(p,) for p in gone])
                self.db.execute("DELETE FROM results WHERE (sha256, doc_id) NOT IN "
                                "(SELECT sha256, doc_id FROM files)")
        return len(gone)

    # --- outputs derived from the graph (store, view): skip them when the graph is unchanged

    def output_current(self, name: str, graph_sha: str | None) -> bool:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (f"output:{name}",)).fetchone()
        return graph_sha is not None and row is not None and row[0] == graph_sha

    def record_output(self, name: str, graph_sha: str | None) -> None:
        """``graph_sha`` None: the output is being rebuilt (forget the old record first, so a
        crash half-way never leaves a stale 'up to date')."""
        self.commit()
        with self._guard():
            if graph_sha:
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                (f"output:{name}", graph_sha))
            else:
                self.db.execute("DELETE FROM meta WHERE key=?", (f"output:{name}",))

    def get_meta(self, key: str):
        """A JSON value recorded with set_meta (None when absent or unreadable)."""
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (f"json:{key}",)).fetchone()
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def set_meta(self, key: str, value) -> None:
        self.commit()
        with self._guard():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                            (f"json:{key}", json.dumps(value, ensure_ascii=False, sort_keys=True)))

    def close(self) -> None:
        if self.db is None:
            return
        try:
            self.commit()
        finally:
            self.db.close()
            self.db = None

    def __enter__(self) -> "BuildCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
