"""Build warnings: counted by kind for the summary, every detail in ``<out>/build.log``.

A build over a real archive can skip thousands of files; printing each on the terminal buries
the summary. The log file gets them all, one block per build with a header, appended in a
single write (a reader never sees half a block); it is rotated to build.log.1 past 10 MB.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Callable

LOG_FILE = "build.log"
MAX_LOG_BYTES = 10 * 2**20


class BuildLog:
    def __init__(self, echo: Callable[[str], None] | None = None):
        self.entries: list[tuple[str, str]] = []   # (kind, message)
        self.counts: Counter[str] = Counter()
        self.notes: list[str] = []                  # informational lines (verbose)
        self.echo = echo                            # called for every warning as it happens

    def warn(self, kind: str, message: str) -> None:
        self.entries.append((kind, message))
        self.counts[kind] += 1
        if self.echo:
            self.echo(f"warning: [{kind}] {message}")

    def note(self, message: str) -> None:
        self.notes.append(message)

    def __len__(self) -> int:
        return len(self.entries)

    def messages(self) -> list[str]:
        return [m for _, m in self.entries]

    def by_kind(self) -> dict[str, int]:
        return dict(sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def render(self, header: str) -> str:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        lines = [f"=== {stamp}  {header}"]
        lines += [f"note: {n}" for n in self.notes]
        if self.counts:
            lines.append("warnings: " + ", ".join(f"{k} {v}" for k, v in self.by_kind().items()))
        else:
            lines.append("warnings: none")
        lines += [f"[{k}] {m}" for k, m in self.entries]
        return "\n".join(lines) + "\n\n"

    def write(self, out_dir: Path, header: str) -> Path | None:
        """Append this build's block; never fails the build (the graph is already written)."""
        path = Path(out_dir) / LOG_FILE
        block = self.render(header).encode("utf-8")
        try:
            if path.exists() and path.stat().st_size + len(block) > MAX_LOG_BYTES:
                os.replace(path, path.with_name(LOG_FILE + ".1"))
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, block)
            finally:
                os.close(fd)
        except OSError:
            return None
        return path
