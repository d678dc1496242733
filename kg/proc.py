"""Child processes that never outlive their parent, and signals handled like Ctrl-C.

* `die_with_parent()` (Linux: prctl PR_SET_PDEATHSIG) asks the kernel to kill this process when
  its parent dies, however the parent died (SIGKILL included). Elsewhere, or if the parent died
  before the call, a daemon thread checks the parent's pid once a second and exits.
* `child_preexec` is the `preexec_fn` of every server or loader `kg` starts (oxigraph, the
  store loader): the same, in the child between fork and exec.
* `terminate_as_interrupt()` makes SIGTERM (and SIGHUP) raise `Terminated`, a KeyboardInterrupt,
  so every clean-up written for Ctrl-C runs for them too.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where Ctrl-C would be; `signum` says which."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _prctl_pdeathsig(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def child_preexec(parent: int | None = None) -> None:
    """In a child between fork and exec: die with the parent (SIGKILL), and leave the parent's
    process group so a Ctrl-C at the terminal reaches the parent alone, which then stops the
    child itself (a server must not vanish before `kg` has cleaned up behind it)."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    _prctl_pdeathsig(signal.SIGKILL)
    if parent is not None and os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def preexec_for_child():
    """The preexec_fn to pass to subprocess.Popen (captures our pid for the race check)."""
    parent = os.getpid()
    return lambda: child_preexec(parent)


def die_with_parent(parent: int | None = None, sig: int = signal.SIGKILL,
                    interval: float = 1.0) -> None:
    """In a worker: exit when the parent process dies (see the module docstring)."""
    parent = parent if parent is not None else os.getppid()
    ok = _prctl_pdeathsig(sig)
    if os.getppid() != parent:
        os._exit(1)
    if ok:
        return

    def watch():
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)
    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def terminate_as_interrupt() -> None:
    """SIGTERM and SIGHUP raise Terminated (a KeyboardInterrupt) in the main thread."""
    def handler(signum, frame):
        raise Terminated(signum)
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, handler)
            except (ValueError, OSError):  # not the main thread
                pass


def exit_code_for(exc: BaseException) -> int:
    """130 for Ctrl-C, 128 + N for signal N."""
    if isinstance(exc, Terminated):
        return 128 + exc.signum
    return 130
