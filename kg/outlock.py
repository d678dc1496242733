"""One build at a time per build folder, and what a killed build left behind.

`BuildLock(out)` takes an exclusive flock on `<out>/.kg-build.lock` and writes who holds it
(pid, command, start time) into the file. A second `kg build` on the same folder prints who
holds it and waits; `kg query` and the other readers never rebuild the store while it is held
(`holder(out)` tells them). The kernel drops the lock when the holder dies, however it dies, so
a killed build never leaves a stale lock.

`clean_stale(out)`, run by the lock holder, deletes what killed builds leave: temp files of
atomic writes (`.graph.ttl.<pid>-….tmp`) whose process is gone, the store directories of the
layout before versioned stores (`.store-new-*`, `.store-old-*`), unfinished store versions
and old ones no reader holds (kg.store.prune_versions).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

LOCK_NAME = ".kg-build.lock"

try:
    import fcntl
except ImportError:  # not POSIX: no locking (one build at a time is then the user's care)
    fcntl = None

# .graph.ttl.12345-abcd1234.tmp (kg.atomic, with the writer's pid) or, from before, without it
_TMP_PID = re.compile(r"^\..+\.(\d+)-[^.]*\.tmp$")
_TMP_OLD = re.compile(r"^\.(?:graph\.ttl|graph\.html|build\.log)\.[^.]+\.tmp$")


def _pid_alive(pid: int) -> bool:
    from kg.store import pid_alive
    return pid_alive(pid)


def _read_info(path: Path) -> dict:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError):
        return {}


def describe(info: dict) -> str:
    if not info:
        return "another process"
    since = info.get("since")
    when = time.strftime(" since %H:%M:%S", time.localtime(since)) if since else ""
    cmd = info.get("command") or "kg build"
    return f"{cmd} (pid {info.get('pid', '?')}{when})"


def holder(out_dir: Path) -> dict | None:
    """Who holds the build lock of `out_dir` ({} when unknown), or None when nobody does."""
    if fcntl is None:
        return None
    path = Path(out_dir) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read_info(path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


class Busy(Exception):
    def __init__(self, info: dict):
        super().__init__(describe(info))
        self.info = info


class BuildLock:
    """with BuildLock(out, wait=True, note=print): … — see the module docstring."""

    def __init__(self, out_dir: Path, wait: bool = True, note: Callable[[str], None] | None = None,
                 command: str | None = None):
        self.out_dir = Path(out_dir)
        self.wait = wait
        self.note = note
        self.command = command or "kg " + " ".join(sys.argv[1:2] or ["build"])
        self.fd: int | None = None

    def acquire(self) -> "BuildLock":
        if fcntl is None:
            return self
        path = self.out_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                info = _read_info(path)
                if not self.wait:
                    raise Busy(info) from None
                if self.note:
                    self.note(f"waiting for {describe(info)}, which is writing {self.out_dir}/ "
                              "(Ctrl-C to stop waiting)")
                fcntl.flock(fd, fcntl.LOCK_EX)
            data = json.dumps({"pid": os.getpid(), "command": self.command,
                               "since": time.time()}).encode("utf-8")
            os.ftruncate(fd, 0)
            os.pwrite(fd, data, 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            os.close(self.fd)    # closing drops the lock
            self.fd = None

    def __enter__(self) -> "BuildLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def clean_stale(out_dir: Path, older_than: float = 0.0) -> list[Path]:
    """Delete what killed builds left in `out_dir` (call it holding the build lock)."""
    out_dir = Path(out_dir)
    gone: list[Path] = []
    try:
        entries = list(out_dir.iterdir())
    except OSError:
        return gone
    now = time.time()
    for p in entries:
        name = p.name
        stale = False
        m = _TMP_PID.match(name)
        if m:
            stale = int(m.group(1)) != os.getpid() and not _pid_alive(int(m.group(1)))
        elif _TMP_OLD.match(name):
            try:
                stale = now - p.stat().st_mtime >= older_than
            except OSError:
                continue
        elif name.startswith((".store-new-", ".store-old-")) and p.is_dir():
            stale = True
        if not stale:
            continue
        try:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            gone.append(p)
        except OSError:
            pass
    from kg.store import prune_versions
    gone += prune_versions(out_dir)
    return gone
