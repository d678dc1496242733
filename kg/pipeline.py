"""The build: files -> per-document extraction -> corpus resolution -> graph.ttl, store, view.

Per-document work (load, then kg.extract: normalise, segment, recognise, resolve in the document,
relate) is a pure function of one file's bytes, so it runs in worker processes (kg.executor) and
its result is cached by content hash (kg.cache). Corpus-level resolution and writing happen here, over every
document's result in path order, so an incremental or parallel build writes the same graph,
byte for byte, as a clean sequential one. When nothing changed (same files, extractor and base
IRI, and graph.ttl is the file recorded for them) the graph is already that graph: the build
then loads no cached result and writes nothing.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sqlite3
import sys
import stat
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES, Corpus, DocResult


@dataclass
class BuildOptions:
    paths: list[str]
    out_dir: Path
    base_iri: str
    userdict: str | None = None
    lexicon_dirs: list[str] = field(default_factory=list)
    model: str | None = None         # a kg train model folder; None: the shipped one; "rules"
    validate: bool = False
    dates: str | None = None         # a file of file,date lines (kg.facts.read_dates)
    view: bool = True
    store: bool = True
    force: bool = False              # ignore the cache (it is refreshed all the same)
    workers: int = 1                 # 0: as many as there are CPUs, when the work is worth it
    executor: str = "local"          # local | dask
    scheduler: str | None = None     # tcp://host:port of a running Dask scheduler
    progress: bool = True            # a bar on stderr when it is a terminal
    doc_timeout: float | None = 60.0  # seconds per document, then it is skipped; None/0: no limit


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: int = 0
    characters: int = 0
    triples: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    warning_kinds: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)     # written by this build
    unchanged: list[Path] = field(default_factory=list)   # already up to date, left alone
    conforms: bool | None = None
    cached: int = 0                  # documents taken from the cache
    extracted: int = 0               # documents extracted in this run
    removed: int = 0                 # files gone since the previous build
    executor: str = ""
    log_path: Path | None = None
    warning_events: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)


def check_writable(out_dir: Path) -> None:
    """Fail early, with one line, before any work is done."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe.", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise KGError(f"cannot write to output directory {out_dir}: {exc.strerror or exc}") from None


def summarise(corpus: Corpus, summary: BuildSummary) -> None:
    ents = Counter(e.cls for e in corpus.entities)
    rels = Counter(r.p for r in corpus.relations)
    summary.entities = {c: ents.get(c, 0) for c in CLASSES}
    summary.relations = {p: rels.get(p, 0) for p in PROPERTIES}
    summary.documents = len(corpus.docs)
    summary.characters = sum(d.n_chars for d in corpus.docs)


def _sha_file(path: Path) -> str | None:
    from kg.cache import file_sha256
    try:
        return file_sha256(path)
    except OSError:
        return None


#: Below this much text to extract, one process is quicker than starting a pool (each worker
#: forks and loads its dictionaries: about half a second, ~200k characters of extraction).
AUTO_MIN_BYTES = 2_000_000


def auto_workers(todo: list, executor: str = "local") -> int:
    """``--workers auto``: every CPU this process may use, when there is enough to do."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    if executor == "local" and (sum(p.size for p in todo) < AUTO_MIN_BYTES or len(todo) < 2 * cpus):
        return 1
    return cpus


class _Frozen:
    """Keeps the results gathered so far out of the garbage collector's way.

    The build holds every document's result until the graph is written: millions of small
    objects that live to the end. Each full collection would traverse all of them again (it
    cost a third of the time of receiving results from the workers); frozen every few hundred
    documents, they are left alone. They are unfrozen when the results are complete, and freed
    by reference counting as usual.
    """

    def __init__(self, every: int = 256):
        self.every = every
        self.n = 0
        gc.freeze()

    def tick(self) -> None:
        self.n += 1
        if self.n % self.every == 0:
            gc.freeze()

    def release(self) -> None:
        gc.unfreeze()


@dataclass
class _Planned:
    index: int
    path: str          # POSIX form, as found
    doc_id: str
    size: int
    mtime_ns: int
    sha256: str


def run_build(opts: BuildOptions, warn: Callable[[str], None] | None = None,
              log=None, state: dict | None = None,
              note: Callable[[str], None] | None = None) -> BuildSummary:
    """Build ``opts.out_dir/graph.ttl`` (and the store and view) from ``opts.paths``.

    ``warn`` is called with every warning message as it happens; ``log`` (a kg.log.BuildLog)
    collects them by kind and is written to ``<out>/build.log`` at the end. ``state`` (a dict)
    is kept told the phase (plan, extract, write, store, commit, after) and whether the new
    outputs are in place ("committed"), for an accurate message on Ctrl-C. ``note`` hears that
    the build waits for another one holding the folder.

    One build at a time writes a folder (kg.outlock.BuildLock: a second one waits, saying who
    holds it); what killed builds left there is removed first.
    """
    from kg.outlock import BuildLock, clean_stale

    state = state if state is not None else {}
    state.update(phase="start", committed=False)
    out_dir = Path(opts.out_dir)
    from kg.load import name_text
    for raw in opts.paths:   # before the folder is created or locked (as find_files says it)
        if not Path(raw).exists():
            raise KGError(f"path not found: {name_text(str(raw))}")
    check_writable(out_dir)
    note = note or (lambda m: print(f"note: {m}", file=sys.stderr, flush=True))
    try:
        lock = BuildLock(out_dir, wait=True, note=note).acquire()
    except OSError as exc:
        from kg.diskio import io_message
        raise KGError(io_message(exc, out_dir / ".kg-build.lock")) from None
    try:
        clean_stale(out_dir)
        return _run_build(opts, warn, log, state)
    finally:
        lock.release()


def _run_build(opts: BuildOptions, warn, log, state: dict) -> BuildSummary:
    build = _Build(opts, warn, log, state)
    build.gather()
    build.write_graph()
    build.stage_and_commit()
    build.validate()
    return build.finish()


class _Build:
    """One run of :func:`run_build`, in the steps :func:`_run_build` names: open (files, dates,
    model, cache), gather (1. plan what the cache holds, 2. extract the rest), write the graph
    (3.), stage the store and the view and commit all outputs at once (4.), validate, finish
    (prune the cache, write the log). The fields are what one step hands the next."""

    def __init__(self, opts: BuildOptions, warn, log, state: dict) -> None:
        from kg.extract import ExtractConfig
        from kg.facts import read_dates
        from kg.learn.model import check_model_dir
        from kg.load import assign_doc_ids, display_path, find_files
        from kg.log import BuildLog

        self.t_start = time.perf_counter()
        self.opts, self.warn_to, self.state = opts, warn, state
        self.summary = BuildSummary()
        self.log = log if log is not None else BuildLog()
        self.out_dir = out_dir = Path(opts.out_dir)
        files = find_files(opts.paths)
        check_writable(out_dir)
        if not files:
            raise KGError("no .txt files found in " + ", ".join(map(display_path, opts.paths)))
        self.files = sorted(files, key=lambda p: p.as_posix())
        self.ids = assign_doc_ids(self.files)
        self.dates = read_dates(opts.dates) if opts.dates else {}
        check_model_dir(opts.model)
        self.config = ExtractConfig(userdict=opts.userdict, lexicon_dirs=list(opts.lexicon_dirs),
                                    model=str(opts.model) if opts.model else None)
        self.cache = self._open_cache()
        if self.cache.cleared:
            self.log.note("extractor changed since the last build: cache emptied")
        self.results: dict[int, DocResult] = {}
        self.staged_graph: Path | None = None
        self.graph_path = out_dir / "graph.ttl"
        self.skipped = 0
        self.executor = None
        self.store_job = self.staged_store = self.staged_html = None
        self.view_corpus = None     # the corpus just written, which the view is drawn from

    def _warn(self, kind: str, msg: str) -> None:
        summary = self.summary
        summary.warnings.append(msg)
        summary.warning_events.append((kind, msg))
        self.log.warn(kind, msg)
        if self.warn_to:
            self.warn_to(msg)

    def _open_cache(self):
        from kg.cache import BuildCache, extractor_fingerprint
        out_dir = self.out_dir
        try:
            return BuildCache(out_dir, extractor_fingerprint(self.config), enabled=not self.opts.force)
        except (OSError, sqlite3.Error) as exc:
            from kg.diskio import io_message, is_disk_error
            if is_disk_error(exc):
                raise KGError(io_message(exc, out_dir / "cache" / "cache.sqlite")) from None
            raise KGError(f"cannot write the build cache in {out_dir}: "
                          f"{getattr(exc, 'strerror', None) or exc}") from None

    # --- 1. and 2.: every document's result, from the cache or extracted -------------------

    def gather(self) -> None:
        from kg.progress import progress_bar
        cache = self.cache
        self.state["phase"] = "plan"
        self.kept = _Frozen()
        self.bar = progress_bar(len(self.files), enabled=self.opts.progress)
        try:
            self.t0 = time.perf_counter()
            todo = self._plan()
            self.t1 = time.perf_counter()
            self.state["phase"] = "extract"
            if todo:
                self._extract(todo)
            cache.commit()
            if cache.full:
                from kg.cache import free_bytes
                self._warn("cache", f"the disk holding {cache.dir}/ is nearly full "
                                    f"({free_bytes(cache.dir) >> 20} MB free): the cache stopped growing "
                                    "so the graph, store and view still fit; later builds re-extract what "
                                    "is not cached (free space on that disk)")
            self.t2 = time.perf_counter()
        except BaseException:
            self.kept.release()
            # Ctrl-C, a dead worker, a bug: keep every finished document for the next run.
            try:
                cache.close()
            except Exception:
                pass
            raise
        finally:
            self.bar.close()
            if self.executor is not None:
                self.executor.close()

    def _plan(self) -> list[_Planned]:
        """1. plan: what the cache already holds (stat first; hash only what changed)."""
        hashed, renamed = self._stat_files()
        self._check_unchanged(hashed, renamed)
        return self._take_cached(hashed)

    def _stat_files(self) -> tuple[list[tuple], list[str]]:
        """The files to build, hashed where their size or time changed: (index, path, doc id,
        stat, sha256, manifest row) each; and the paths whose names are not UTF-8."""
        from kg.load import MAX_BYTES, display_path
        summary, bar, _warn = self.summary, self.bar, self._warn
        manifest = self.cache.manifest()
        self.live = live = {display_path(f) for f in self.files}
        summary.removed = sum(1 for p in manifest if p not in live)
        hashed: list[tuple] = []
        self.real = real = {}
        renamed: list[str] = []
        for i, f in enumerate(self.files):
            path = display_path(f)    # what the graph and the cache record (always UTF-8)
            real[i] = os.path.abspath(f)
            if path != f.as_posix():
                renamed.append(path)
            doc_id = self.ids[f]
            try:
                st = os.stat(f)
            except OSError as exc:
                _warn("unreadable", f"{path}: skipped, unreadable ({exc.strerror or exc})")
                self.skipped += 1
                bar.update()
                continue
            if not stat.S_ISREG(st.st_mode):
                # A FIFO or device named *.txt would block or never end: never open one.
                _warn("unreadable", f"{path}: skipped, not a regular file")
                self.skipped += 1
                bar.update()
                continue
            if st.st_size > MAX_BYTES:
                # Not even hashed: the loader would refuse it anyway.
                _warn("too large", f"{path}: skipped, too large ({st.st_size} bytes, limit {MAX_BYTES})")
                self.skipped += 1
                bar.update()
                continue
            known = manifest.get(path)
            if known and known[0] == st.st_size and known[1] == st.st_mtime_ns and known[3] == doc_id:
                sha = known[2]
            else:
                sha = _sha_file(f)
                if sha is None:
                    _warn("unreadable", f"{path}: skipped, unreadable")
                    self.skipped += 1
                    bar.update()
                    continue
            hashed.append((i, path, doc_id, st, sha, known))
        return hashed, renamed

    def _check_unchanged(self, hashed: list[tuple], renamed: list[str]) -> None:
        """An unchanged corpus (same files, same extractor, same base IRI) gives the same graph:
        when graph.ttl is the one recorded for it, nothing below needs doing.
        (the time budget is part of it: a document skipped for time under one limit may
        not be under another; so are the --dates given)"""
        opts, cache, graph_path = self.opts, self.cache, self.graph_path
        self.corpus_key = _corpus_key(
            cache.fingerprint + _budget_key(opts.doc_timeout) + _dates_key(self.dates), opts.base_iri,
            [(path, sha, doc_id) for _, path, doc_id, _, sha, _ in hashed])
        graph_sha = None
        if (not opts.force and self.summary.removed == 0 and graph_path.exists()
                and cache.output_current("graph", self.corpus_key)):
            graph_sha = _sha_file(graph_path)
        self.graph_sha = graph_sha
        unchanged = graph_sha is not None and cache.output_current("graph-file", graph_sha)
        self.recorded = cache.get_meta("graph-summary") if unchanged else None
        if self.recorded is None:
            unchanged = False
            for path in renamed:    # (an unchanged build repeats them from the record)
                self._warn("file name", f"{path}: the file name is not UTF-8; recorded as decoded "
                                        "from GB18030")
        self.unchanged = unchanged

    def _take_cached(self, hashed: list[tuple]) -> list[_Planned]:
        """The cache's results for the files it holds; the others, to extract."""
        from kg.executor import skip_kind
        cache, bar, results = self.cache, self.bar, self.results
        todo: list[_Planned] = []
        for i, path, doc_id, st, sha, known in hashed if not self.unchanged else ():
            hit = cache.get(sha, doc_id, path)
            if hit is None:
                todo.append(_Planned(i, path, doc_id, st.st_size, st.st_mtime_ns, sha))
                continue
            if not known or known[:4] != (st.st_size, st.st_mtime_ns, sha, doc_id):
                cache.touch(path, st.st_size, st.st_mtime_ns, sha, doc_id)
            bar.update()
            if hit.result is None:
                self._warn(skip_kind(hit.skip or ""), f"{path}: skipped, {hit.skip}")
                self.skipped += 1
            else:
                results[i] = hit.result
                self.kept.tick()
        if self.unchanged:
            bar.update(len(hashed))
        self.summary.cached = len(results)
        return todo

    def _extract(self, todo: list[_Planned]) -> None:
        """2. extract what is new or changed."""
        from kg.executor import Task, make_executor, skip_kind
        opts, cache, summary = self.opts, self.cache, self.summary
        workers = opts.workers or auto_workers(todo, opts.executor)
        self.executor = executor = make_executor(opts.executor, self.config, workers, opts.scheduler,
                                                 doc_timeout=opts.doc_timeout)
        summary.executor = executor.description
        planned = {p.index: p for p in todo}
        tasks = (Task(p.index, p.path, p.doc_id, p.size, self.real[p.index]) for p in todo)
        for done in executor.run(tasks):
            p = planned.pop(done.index)
            self.bar.update()
            if done.result is None:
                msg = done.skip or "not readable text"
                if skip_kind(msg) != "timed out":   # a later build (or a longer limit) retries it
                    cache.put_skip(p.path, p.size, p.mtime_ns, p.sha256, p.doc_id, msg)
                self._warn(skip_kind(msg), f"{p.path}: skipped, {msg}")
                self.skipped += 1
            else:
                cache.put(p.path, p.size, p.mtime_ns, done.result, done.blob)
                self.results[done.index] = done.result
                self.kept.tick()
                summary.extracted += 1

    # --- 3. the graph ---------------------------------------------------------------------

    def write_graph(self) -> None:
        """3. corpus-level: redone over every document, in path order. The new graph.ttl is
        written beside the old one and renamed into place only with the store and the view
        (step 4): the outputs are always one consistent set, the new one or the old one."""
        from kg.extract.resolve import resolve_corpus
        from kg.facts import date_for
        from kg.graph import write_turtle
        from kg.load import display_path
        summary, t0, t1, t2 = self.summary, self.t0, self.t1, self.t2
        summary.skipped = self.skipped
        if self.unchanged:
            _restore_summary(summary, self.recorded, self._warn)
            summary.unchanged.append(self.graph_path)
            summary.seconds = {"plan": t1 - t0, "extract": 0.0, "resolve": 0.0, "write": 0.0}
            self.log.note("graph.ttl up to date (corpus and extractor unchanged)")
            self.kept.release()
            return
        if not self.results:
            self.kept.release()
            self.cache.close()
            raise KGError("no readable text in " + ", ".join(map(display_path, self.opts.paths)))
        docs = [self.results[i] for i in sorted(self.results)]
        self.results = {}
        for r in docs:
            for w in r.warnings:
                self._warn("extract", f"{r.path}: {w}")
        self.state["phase"] = "write"
        try:
            corpus = resolve_corpus(docs)
            corpus.published = {d.doc_id: v for d in docs
                                if (v := date_for(d.path, d.doc_id, self.dates)) is not None}
            t3 = time.perf_counter()
            digest = hashlib.sha256()
            self.staged_graph = self.out_dir / f".graph.ttl.{os.getpid()}-new.tmp"
            summary.triples = write_turtle(corpus, self.staged_graph, self.opts.base_iri, digest)
        finally:
            self.kept.release()
        t4 = time.perf_counter()
        summary.seconds = {"plan": t1 - t0, "extract": t2 - t1, "resolve": t3 - t2, "write": t4 - t3}
        summarise(corpus, summary)
        self.view_corpus = corpus if self.opts.view else None   # the view is drawn from it (step 4)
        del corpus, docs
        self.graph_sha = digest.hexdigest()

    # --- 4. the store and the view, then everything put in place at once -----------------

    def stage_and_commit(self) -> None:
        """4. the store and the view of that graph, staged; then all of it put in place at once."""
        committed = False
        try:
            try:
                self._stage_store()
                self._stage_view()
            finally:
                # Whatever happened to the view, the store is finished (or stopped) before going
                # on. Its time is its own (measured in its thread), not the wait for the view.
                if self.store_job is not None:
                    self._await_store(failing=sys.exc_info()[0] is not None)
            self._commit()
            committed = self.state["committed"] = True
            self.state["phase"] = "after"
            if not self.unchanged:
                cache = self.cache
                cache.set_meta("graph-summary", _recordable_summary(self.summary))
                cache.record_output("graph-file", self.graph_sha)
                cache.record_output("graph", self.corpus_key)
        finally:
            if not committed:
                for p in (self.staged_graph, self.staged_html):
                    if p is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(p)
                if self.staged_store is not None:
                    self.staged_store.discard()
        order = {self.graph_path: 0, self.out_dir / "store": 1, self.out_dir / "graph.html": 2}
        self.summary.outputs.sort(key=lambda p: order.get(p, 3))
        self.summary.unchanged.sort(key=lambda p: order.get(p, 3))

    def _stage_store(self) -> None:
        if not self.opts.store:
            return
        store_dir = self.out_dir / "store"
        self.summary.seconds["store"] = 0.0
        if self.staged_graph is None and self.cache.output_current("store", self.graph_sha) \
                and store_dir.exists():
            self.log.note("store up to date (graph unchanged)")
            self.summary.unchanged.append(store_dir)
        else:
            from concurrent.futures import ThreadPoolExecutor

            from kg.store import prepare_store
            # Oxigraph bulk-loads in a child process: the view is drawn meanwhile, on
            # the other core (they took 16 s + 18 s one after the other at 10,000
            # articles), and Ctrl-C stops the load at once.
            self.state["phase"] = "store"
            store_pool = ThreadPoolExecutor(1, thread_name_prefix="kg-store")
            self.store_job = store_pool.submit(prepare_store, self.out_dir,
                                               self.staged_graph or self.graph_path, "graph.ttl")
            store_pool.shutdown(wait=False)

    def _stage_view(self) -> None:
        if not self.opts.view:
            return
        html = self.out_dir / "graph.html"
        t = time.perf_counter()
        if self.staged_graph is None and self.cache.output_current("view", self.graph_sha) \
                and html.exists():
            self.log.note("graph.html up to date (graph unchanged)")
            self.summary.unchanged.append(html)
        else:
            from kg.view import write_view
            self.staged_html = self.out_dir / f".graph.html.{os.getpid()}-new.tmp"
            # from the graph in memory when there is one: no need to read back the Turtle
            write_view(self.staged_graph or self.graph_path, self.staged_html, graph_name="graph.ttl",
                       corpus=None if self.unchanged else self.view_corpus, base_iri=self.opts.base_iri)
        self.view_corpus = None
        self.summary.seconds["view"] = time.perf_counter() - t

    def _await_store(self, failing: bool) -> None:
        from kg.store import cancel_loads
        store_job = self.store_job
        if failing:      # the view failed or Ctrl-C: the load is of no use any more
            cancel_loads()
        try:
            try:
                self.staged_store = store_job.result()
            except KeyboardInterrupt:   # Ctrl-C while waiting for it: stop it now
                if failing:
                    raise
                cancel_loads()
                self.staged_store = store_job.result()
        except BaseException:
            if not failing:
                raise
            # else the exception on its way (the view's) is the one to report
        if self.staged_store is not None:
            self.summary.seconds["store"] = self.staged_store.seconds

    def _commit(self) -> None:
        """Three renames, after every byte is on disk."""
        cache, summary, graph_path = self.cache, self.summary, self.graph_path
        store_dir, html = self.out_dir / "store", self.out_dir / "graph.html"
        self.state["phase"] = "commit"
        if self.staged_graph is not None:
            cache.record_output("graph", None)
        if self.staged_store is not None:
            cache.record_output("store", None)
        if self.staged_html is not None:
            cache.record_output("view", None)
        if self.staged_graph is not None:
            os.replace(self.staged_graph, graph_path)
            self.staged_graph = None
            summary.outputs.append(graph_path)
        if self.staged_store is not None:
            refreshed = self.staged_store.commit(warn=lambda m: self._warn("store", m))
            self.staged_store = None
            if refreshed:
                summary.outputs.append(store_dir)
                cache.record_output("store", self.graph_sha)
            else:  # a kg serve --writable holds it (the warning says so)
                summary.unchanged.append(store_dir)
        if self.staged_html is not None:
            try:
                os.replace(self.staged_html, html)
            except OSError as exc:   # e.g. a folder in its place: nothing else can fail here
                raise KGError(f"cannot write {html}: {exc.strerror or exc}; graph.ttl and the "
                              "store are the new ones, graph.html is not") from None
            self.staged_html = None
            summary.outputs.append(html)
            cache.record_output("view", self.graph_sha)

    # --- after ----------------------------------------------------------------------------

    def validate(self) -> None:
        """With --validate: the graph against the SHACL shapes."""
        summary = self.summary
        if self.opts.validate:
            t = time.perf_counter()
            from kg.validate import validate
            result = validate(self.graph_path)
            summary.conforms = result.conforms
            for msg in result.messages:
                self._warn("SHACL", msg)
            summary.seconds["validate"] = time.perf_counter() - t

    def finish(self) -> BuildSummary:
        """Forget what is no longer in the corpus, only now that the build is complete; write
        the log."""
        from kg.load import display_path
        opts, summary, log, out_dir = self.opts, self.summary, self.log, self.out_dir
        self.cache.prune(self.live)
        self.cache.close()
        summary.seconds["total"] = time.perf_counter() - self.t_start
        summary.warning_kinds = log.by_kind()
        log.note(f"documents {summary.documents} (cached {summary.cached}, extracted "
                 f"{summary.extracted}, skipped {summary.skipped}, removed {summary.removed}); "
                 f"triples {summary.triples}; executor {summary.executor or 'none needed'}; "
                 + " ".join(f"{k} {v:.2f}s" for k, v in summary.seconds.items()))
        header = (f"kg build {' '.join(map(display_path, opts.paths))} --out {display_path(out_dir)}"
                  + (" --force" if opts.force else "")
                  + (f" --workers {opts.workers or 'auto'}" if opts.workers != 1 else "")
                  + (f" --executor {opts.executor}" if opts.executor != "local" else "")
                  + (f" --doc-timeout {float(opts.doc_timeout or 0):g}" if opts.doc_timeout != 60.0 else ""))
        summary.log_path = log.write(out_dir, header)
        return summary


def _timed(fn, *args, **kw):
    """fn's result and the seconds it took (for a step run in a thread beside another)."""
    t = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - t


def _budget_key(seconds: float | None) -> str:
    return f" doc-timeout {float(seconds or 0):g}"


def _dates_key(dates: dict[str, str]) -> str:
    """The --dates given, for the corpus key: other dates make another graph."""
    if not dates:
        return ""
    h = hashlib.sha256("\n".join(f"{k}\t{v}" for k, v in sorted(dates.items())).encode("utf-8"))
    return " dates " + h.hexdigest()


def _corpus_key(fingerprint: str, base_iri: str, files: list[tuple[str, str, str]]) -> str:
    h = hashlib.sha256(f"{fingerprint}\n{base_iri}\n".encode("utf-8", "surrogateescape"))
    for item in files:
        h.update(("\t".join(item) + "\n").encode("utf-8", "surrogateescape"))
    return h.hexdigest()


_RECORDED = ("documents", "skipped", "characters", "triples", "entities", "relations")


def _recordable_summary(summary: BuildSummary) -> dict:
    """What a no-op rebuild prints again without redoing the work (skipped-file warnings too)."""
    return {**{k: getattr(summary, k) for k in _RECORDED},
            "warnings": [list(event) for event in summary.warning_events]}


def _restore_summary(summary: BuildSummary, recorded: dict, warn) -> None:
    for k in _RECORDED:
        setattr(summary, k, recorded[k])
    summary.entities = {c: recorded["entities"].get(c, 0) for c in CLASSES}
    summary.relations = {p: recorded["relations"].get(p, 0) for p in PROPERTIES}
    summary.cached = summary.documents
    for kind, msg in recorded["warnings"]:
        warn(kind, msg)


def graph_digest(path: Path) -> str:
    """sha256 of a file (used by tests and benchmarks to compare builds)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
