"""The build: files -> per-document extraction -> corpus resolution -> graph.ttl, store, view.

Per-document work (load, clean, segment, recognise, resolve in the document, relate) is a pure
function of one file, so it can run in worker processes; corpus-level resolution and writing
happen once, here.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.errors import KGError
from kg.model import CLASSES, PROPERTIES, Corpus, DocResult


@dataclass
class BuildOptions:
    paths: list[str]
    out_dir: Path
    base_iri: str
    userdict: str | None = None
    lexicon_dirs: list[str] = field(default_factory=list)
    validate: bool = False
    view: bool = True
    store: bool = True


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: int = 0
    characters: int = 0
    triples: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    conforms: bool | None = None


def check_writable(out_dir: Path) -> None:
    """Fail early, with one line, before any work is done."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe.", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise KGError(f"cannot write to output directory {out_dir}: {exc.strerror or exc}") from None


def extract_all(files: list[Path], ids: dict[Path, str], config,
                warn: Callable[[str], None]) -> Iterable[DocResult]:
    from kg.extract import extract
    from kg.load import UndecodableError, load_source  # noqa: F401  (one import site)
    for path in files:
        try:
            source = load_source(path, ids[path])
        except (OSError, ValueError) as exc:
            warn(f"skipped {path}: {exc}")
            continue
        if source is None:
            continue
        yield extract(source, config)


def summarise(corpus: Corpus, summary: BuildSummary) -> None:
    ents = Counter(e.cls for e in corpus.entities)
    rels = Counter(r.p for r in corpus.relations)
    summary.entities = {c: ents.get(c, 0) for c in CLASSES}
    summary.relations = {p: rels.get(p, 0) for p in PROPERTIES}
    summary.documents = len(corpus.docs)
    summary.characters = sum(d.n_chars for d in corpus.docs)


def run_build(opts: BuildOptions, warn: Callable[[str], None] | None = None) -> BuildSummary:
    from kg.extract import ExtractConfig
    from kg.graph import write_turtle
    from kg.load import assign_doc_ids, find_files
    from kg.resolve import resolve_corpus

    summary = BuildSummary()

    def _warn(msg: str) -> None:
        summary.warnings.append(msg)
        if warn:
            warn(msg)

    out_dir = Path(opts.out_dir)
    files = find_files(opts.paths)
    check_writable(out_dir)
    if not files:
        raise KGError("no .txt files found in " + ", ".join(map(str, opts.paths)))
    ids = assign_doc_ids(files)
    config = ExtractConfig(userdict=opts.userdict, lexicon_dirs=list(opts.lexicon_dirs))

    t0 = time.perf_counter()
    results = list(extract_all(files, ids, config, _warn))
    summary.skipped = len(files) - len(results)
    if not results:
        raise KGError("no readable text in " + ", ".join(map(str, opts.paths)))
    for r in results:
        for w in r.warnings:
            _warn(f"{r.path}: {w}")
    t1 = time.perf_counter()
    corpus = resolve_corpus(results)
    t2 = time.perf_counter()
    graph_path = out_dir / "graph.ttl"
    summary.triples = write_turtle(corpus, graph_path, opts.base_iri)
    summary.outputs.append(graph_path)
    t3 = time.perf_counter()
    summary.seconds = {"extract": t1 - t0, "resolve": t2 - t1, "write": t3 - t2}
    summarise(corpus, summary)

    if opts.store:
        from kg.store import build_store
        build_store(out_dir, graph_path)
        summary.outputs.append(out_dir / "store")
        summary.seconds["store"] = time.perf_counter() - t3
    if opts.view:
        t4 = time.perf_counter()
        from kg.view import write_view
        write_view(graph_path, out_dir / "graph.html")
        summary.outputs.append(out_dir / "graph.html")
        summary.seconds["view"] = time.perf_counter() - t4
    if opts.validate:
        t5 = time.perf_counter()
        from kg.validate import validate
        result = validate(graph_path)
        summary.conforms = result.conforms
        for msg in result.messages:
            _warn(f"SHACL: {msg}")
        summary.seconds["validate"] = time.perf_counter() - t5
    return summary
