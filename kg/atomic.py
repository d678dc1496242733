"""Write a file so that readers see either the old version or the complete new one.

Every output of ParkKG goes through here: a crash, a Ctrl-C or bad input never leaves a
half-written graph.ttl / graph.html in place of the previous good one.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(path: Path | str, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = "\n") -> Iterator[IO]:
    """Open a temp file beside `path`; on success rename it over `path`, else delete it."""
    path = Path(path)
    # The writer's pid is in the name: a build removes the temp files of dead writers
    # (kg.outlock.clean_stale), never those of one still writing.
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp",
                                   dir=path.parent)
    except OSError as exc:
        _raise_io(exc, path)
    try:
        # mkstemp creates 0600; outputs are meant to be shared like any file the user writes.
        os.fchmod(fd, 0o666 & ~_umask())
        if "b" in mode:
            fh = os.fdopen(fd, mode)
        else:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with fh:
            yield fh
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        # A full disk or a refused write of *this* file: one line naming it and the fix. (An
        # OSError about another file — its name is set — is the caller's to report.)
        if isinstance(exc, OSError) and exc.filename in (None, tmp, str(path)):
            _raise_io(exc, path)
        raise


def _raise_io(exc: OSError, path: Path):
    from kg.diskio import DISK_ERRNOS, io_message
    if exc.errno in DISK_ERRNOS:
        from kg.errors import KGError
        raise KGError(io_message(exc, path)) from None
    raise exc


def atomic_write_lines(path: Path | str, lines: Iterable[str], digest=None) -> None:
    """``digest`` (a hashlib object) is updated with the UTF-8 bytes as they are written, so
    a large output need not be read back to be hashed."""
    if digest is None:
        with atomic_open(path) as fh:
            fh.writelines(lines)
        return
    with atomic_open(path, "wb", encoding=None, newline=None) as fh:
        buf: list[str] = []
        size = 0
        for line in lines:
            buf.append(line)
            size += len(line)
            if size >= 1 << 18:
                data = "".join(buf).encode("utf-8")
                digest.update(data)
                fh.write(data)
                buf, size = [], 0
        data = "".join(buf).encode("utf-8")
        digest.update(data)
        fh.write(data)


def atomic_write_text(path: Path | str, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_open(path, "wb", encoding=None, newline=None) as fh:
        fh.write(data)
