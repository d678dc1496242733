"""A progress bar for long builds: only on a terminal, only after the first second."""
from __future__ import annotations

import sys


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str, refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, enabled: bool = True, desc: str = "extract", unit: str = "doc"):
    """A tqdm bar (done, rate, ETA) on stderr when stderr is a terminal, else a no-op object.

    ``delay=1`` keeps quick builds (the seeds, tests) free of bar noise.
    """
    if not enabled or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit=unit, delay=1.0, file=sys.stderr,
                dynamic_ncols=True, leave=False, smoothing=0.1)
