"""Where per-document extraction runs: in this process, in a local process pool, or on Dask.

Every executor takes an iterable of ``Task`` (a file to load and extract) and yields
``Done`` in *completion* order; the pipeline sorts by path afterwards, so the graph does not
depend on which worker finished first. Work is handed out in small chunks with a bounded
number in flight, so memory stays flat however many files there are.

Workers read the files themselves (by absolute path): on one machine and on a cluster with a
shared file system nothing but paths crosses the wire out, and results come back.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
from dataclasses import dataclass
from typing import Iterable, Iterator

from kg.cache import encode_result
from kg.errors import KGError
from kg.graph import prerender
from kg.model import DocResult, Source


@dataclass
class Task:
    index: int             # position in the sorted file list
    path: str              # the path as the user gave it (what the graph records)
    doc_id: str
    size: int = 0          # bytes, for chunking
    abspath: str = ""      # where workers read it (their working directory may differ)


@dataclass
class Done:
    index: int
    result: DocResult | None   # None when the loader skipped the file
    skip: str | None = None    # why it was skipped
    sha256: str | None = None  # of the raw bytes, when known
    blob: bytes | None = None  # the result encoded for the cache (done in the worker: the
                               # parent process is the one serial step of a parallel build)


# --- the worker side ----------------------------------------------------------------------

_WORKER: dict = {}   # config fingerprint -> config, per process: one extractor per worker


def _warm(config) -> None:
    """Load the dictionaries once per process, not once per document."""
    from kg import extract as ex
    warm = getattr(ex, "warm", None) or getattr(ex, "init", None)
    if callable(warm):
        warm(config)
    else:
        ex.extract(Source(doc_id="warmup", path="warmup.txt", sha256="", encoding="utf-8",
                          text="青岛高新区管委会主任张三。"), config)


def init_worker(config, parent: int | None = None) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent turns SIGTERM into an interrupt (kg.proc); a worker it terminates just ends.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    # Killed parent (SIGKILL, OOM): the worker goes too, never an orphan extracting on.
    from kg.proc import die_with_parent
    die_with_parent(parent)
    init_worker_quiet(config)


#: seconds one document may take to extract before it is skipped (kg build --doc-timeout)
DEFAULT_DOC_TIMEOUT = 60.0


class DocTimeout(BaseException):
    """Raised into extraction when a document has used up its time budget. A BaseException,
    so no ``except Exception`` on the way swallows it."""


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Raise DocTimeout in this block after ``seconds`` (a SIGALRM timer: the main thread of a
    process on a POSIX system, as in-process builds and pool workers run; elsewhere, e.g. in
    the threads of a Dask worker, there is no budget). None or 0: no limit."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def on_alarm(signum, frame):
        if armed:
            raise DocTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    # after the first alarm, another every 50 ms until the block is left: an exception raised
    # while Python runs a __del__ or a gc callback is printed and dropped, never propagated
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def timeout_message(seconds: float) -> str:
    return (f"timed out: extraction took over {seconds:g} s (--doc-timeout); not cached, "
            "the next build tries it again")


def run_one(task: Task, config, encode: bool = False, timeout: float | None = None) -> Done:
    from kg.extract import extract
    from kg.load import load_source
    try:
        source = load_source(task.abspath or task.path, task.doc_id)
    except (OSError, ValueError, UnicodeError) as exc:
        return Done(task.index, None, skip_message(exc))
    if source is None:
        return Done(task.index, None, "not readable text")
    source.path = task.path
    try:
        with time_budget(timeout):
            try:
                result = extract(source, config)
            except Exception as exc:  # noqa: BLE001
                # One pathological article must not stop a build of a whole archive: it is
                # skipped and counted, and its message names the error so the bug can be reported.
                return Done(task.index, None, f"extraction failed ({type(exc).__name__}: {exc})")
            result = prerender(result)
    except DocTimeout:
        # nor may one that takes too long (a list of thousands of names, megabytes on one line)
        return Done(task.index, None, timeout_message(timeout))
    return Done(task.index, result, None, result.sha256, encode_result(result) if encode else None)


def run_chunk(tasks: list[Task], config=None, timeout: float | None = None) -> list[Done]:
    if config is None:
        config = _WORKER.get("config")
    elif _WORKER.get("config") != config:
        init_worker_quiet(config)
    return [run_one(t, config, encode=True, timeout=timeout) for t in tasks]


def init_worker_quiet(config) -> None:
    """Load the extractor once in this process. Dask workers call it directly: no signal
    juggling there (the nanny owns the process)."""
    _WORKER["config"] = config
    _warm(config)
    # The dictionaries and lexicons just loaded live as long as the process: moved out of the
    # collector's generations, they are not traversed again by every full collection (about a
    # tenth of extraction time otherwise).
    gc.freeze()


def skip_kind(message: str) -> str:
    """The kind a skip message is counted under in the build summary."""
    m = message.lower()
    for key, kind in (("timed out", "timed out"), ("extraction failed", "extraction failed"), ("too large", "too large"), ("binary", "binary"), ("undecodable", "undecodable"),
                      ("invalid", "undecodable"), ("empty", "empty"), ("unreadable", "unreadable"),
                      ("vanished", "unreadable")):
        if key in m:
            return kind
    return "other"


def skip_message(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "unreadable (permission denied)"
    if isinstance(exc, FileNotFoundError):
        return "file vanished during the build"
    if isinstance(exc, OSError):
        return f"unreadable ({exc.strerror or exc})"
    return str(exc) or type(exc).__name__


# --- chunking -----------------------------------------------------------------------------

def chunked(tasks: Iterable[Task], target_bytes: int = 48 * 1024, max_docs: int = 32
            ) -> Iterator[list[Task]]:
    """Group tasks so each chunk is worth shipping: many tiny files per chunk, one big one
    alone. ~48 KB of text is a few tenths of a second of extraction: large enough that the
    round trip does not count, small enough that the last chunks do not leave a worker idle."""
    chunk: list[Task] = []
    size = 0
    for t in tasks:
        chunk.append(t)
        size += t.size
        if size >= target_bytes or len(chunk) >= max_docs:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# --- executors ----------------------------------------------------------------------------

class LocalExecutor:
    """``workers == 1``: extract in this process. More: a process pool (fork on Linux, so
    workers start in milliseconds), each worker loading the extractor once."""

    def __init__(self, config, workers: int = 1, max_docs_per_chunk: int = 32,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT):
        self.config = config
        self.doc_timeout = doc_timeout
        self.workers = max(1, int(workers))
        self.max_docs = max_docs_per_chunk
        self.description = "in process" if self.workers == 1 else f"{self.workers} processes"

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        if self.workers == 1:
            for t in tasks:
                yield run_one(t, self.config, timeout=self.doc_timeout)
            return
        yield from self._run_pool(tasks)

    def _run_pool(self, tasks: Iterable[Task]) -> Iterator[Done]:
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(self.config, os.getpid()))
        in_flight = set()
        limit = self.workers * 3
        chunks = chunked(tasks, max_docs=self.max_docs)
        ok = False
        try:
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    in_flight.add(pool.submit(run_chunk, chunk, None, self.doc_timeout))
                if not in_flight:
                    break
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield from fut.result()
            ok = True
        except BrokenProcessPool:
            raise KGError("a worker process died (killed, or out of memory); finished "
                          "documents are cached: run kg build again to finish") from None
        finally:
            if ok:
                pool.shutdown(wait=True)
            else:
                # Interrupted or failed: do not wait for the queue to drain. The pool cancels
                # its own pending futures: one cancelled here stays in its books, and when the
                # workers are terminated it sets an exception on it (InvalidStateError, printed
                # by its manager thread on Python 3.11).
                procs = list(getattr(pool, "_processes", {}).values())
                pool.shutdown(wait=False, cancel_futures=True)
                for p in procs:
                    if p.is_alive():
                        p.terminate()
                for p in procs:
                    p.join(timeout=5)

    def close(self) -> None:
        pass


class DaskExecutor:
    """Extraction on a Dask cluster: an existing one (``scheduler`` = tcp://host:port), or a
    LocalCluster of ``workers`` single-threaded processes. Workers must see the files at the
    same absolute paths (shared file system) and have parkkg installed."""

    def __init__(self, config, workers: int = 1, scheduler: str | None = None,
                 max_docs_per_chunk: int = 32, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise KGError("--executor dask needs dask.distributed: pip install 'parkkg[dask]'") from None
        self.config = config
        self.max_docs = max_docs_per_chunk
        self.doc_timeout = doc_timeout  # honoured where a task runs in a process's main thread
        self.cluster = None
        try:
            if scheduler:
                _probe(scheduler)
                self.client = Client(scheduler, timeout="20s")
                self.description = f"dask at {scheduler}"
            else:
                self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
                self.description = f"dask LocalCluster of {max(1, workers)} workers"
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise KGError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        n = len(self.client.scheduler_info().get("workers", {})) or max(1, workers)
        self.nworkers = n

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        from distributed import as_completed
        limit = self.nworkers * 3
        chunks = chunked(tasks, max_docs=self.max_docs)
        config = self.config
        pending = as_completed()
        count = 0
        for chunk in chunks:
            pending.add(self.client.submit(run_chunk, chunk, config, self.doc_timeout, pure=False))
            count += 1
            if count >= limit:
                break
        for fut in pending:
            try:
                done = fut.result()
            except Exception as exc:  # a worker died or raised: surface one line
                raise KGError(f"a Dask task failed ({type(exc).__name__}: {exc}); finished "
                              "documents are cached: run kg build again to finish") from None
            fut.release()
            yield from done
            chunk = next(chunks, None)
            if chunk is not None:
                pending.add(self.client.submit(run_chunk, chunk, config, self.doc_timeout, pure=False))

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            self._close_cluster()


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail in a moment, not after Dask's connect timeout, when nothing listens there."""
    import socket
    from urllib.parse import urlsplit
    u = urlsplit(address if "://" in address else "tcp://" + address)
    if u.scheme not in ("tcp", "tls") or not u.hostname or not u.port:
        return  # other comm schemes (inproc, ucx): let Dask judge
    with socket.create_connection((u.hostname, u.port), timeout=timeout):
        pass


def make_executor(kind: str, config, workers: int = 1, scheduler: str | None = None,
                  doc_timeout: float | None = DEFAULT_DOC_TIMEOUT):
    if kind == "local":
        if scheduler:
            raise KGError("--scheduler needs --executor dask")
        return LocalExecutor(config, workers, doc_timeout=doc_timeout)
    if kind == "dask":
        return DaskExecutor(config, workers, scheduler, doc_timeout=doc_timeout)
    raise KGError(f"unknown executor {kind!r} (use local or dask)")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
