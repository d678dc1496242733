"""One line, naming the file and the fix, for the I/O failures an operator meets: a full disk,
a quota, a read-only file system, a permission."""
from __future__ import annotations

import errno
import os
from pathlib import Path

#: errno values that say "this location cannot take the write", not "a bug"
DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


def io_message(exc: BaseException, path=None, action: str = "write") -> str:
    """`cannot write PATH: <why>; <fix>` for an OSError (or a SQLite/RocksDB message)."""
    code = getattr(exc, "errno", None)
    text = str(exc)
    low = text.lower()
    target = path if path is not None else getattr(exc, "filename", None)
    where = Path(target).parent if target is not None else None
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "no space left" in low \
            or "disk is full" in low or "disk quota" in low:
        why = "the disk is full" if code != errno.EDQUOT else "the disk quota is used up"
        fix = (f"free space on the disk holding {where}/" if where is not None else
               "free space on the disk") + " (or write elsewhere with --out DIR) and run again"
    elif code == errno.EROFS or "read-only file system" in low or "readonly database" in low:
        why = "the file system is read-only"
        fix = "write elsewhere with --out DIR"
    elif code in (errno.EACCES, errno.EPERM) or "permission denied" in low:
        why = "permission denied"
        fix = (f"make {where}/ writable for this user" if where is not None else
               "fix the permissions") + " or write elsewhere with --out DIR"
    else:
        why = getattr(exc, "strerror", None) or text
        fix = ""
    name = os.fsdecode(target) if target is not None else "a file"
    try:
        from kg.load import name_text
        name = name_text(name)
    except ImportError:
        pass
    return f"cannot {action} {name}: {why}" + (f"; {fix}" if fix else "")


def is_disk_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in DISK_ERRNOS:
        return True
    low = str(exc).lower()
    return any(s in low for s in ("disk is full", "no space left", "readonly database",
                                  "read-only file system", "disk i/o error", "disk quota"))
