"""`kg build`: articles in, graph.ttl + SPARQL store + graph.html out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.graph import DEFAULT_BASE

#: how many warnings are shown on the terminal before "… see build.log"
SHOWN_WARNINGS = 5


class WorkersParam(click.ParamType):
    """A positive number of workers, or "auto" (0 to the pipeline)."""
    name = "N|auto"

    def convert(self, value, param, ctx):
        if isinstance(value, int) or str(value).strip().lower() != "auto":
            try:
                n = int(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is neither a number nor auto", param, ctx)
            if n < 1:
                self.fail(f"{n} is not at least 1", param, ctx)
            return n
        return 0


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="out", show_default=True, metavar="DIR",
              type=click.Path(path_type=Path),
              help="The build folder to write (graph.ttl, store/, graph.html, build.log, "
                   "cache/); the other commands read it with the same --out DIR.")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI for entity, document and statement IRIs.")
@click.option("--userdict", type=click.Path(exists=True, dir_okay=False, path_type=str), metavar="FILE",
              help="A jieba user dictionary (word [freq] [tag] per line) to load before extraction.")
@click.option("--lexicon", "lexicon_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              metavar="DIR", help="A folder of extra lexicon files (same names as kg/lexicon/*.txt); repeatable.")
@click.option("--model", metavar="DIR|rules",
              help="Learned models to extract with: a folder written by kg train (default: the "
                   "model shipped with ParkKG); 'rules' for the hand rules alone.")
@click.option("--dates", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="Publication dates: a CSV or TSV file of file,date lines (a header line and "
                   "further columns are ignored; \"2023-08-16 20:02\" is read as 2023-08-16). "
                   "Wins over a date the text gives; a \"3月\" without a year in a sentence "
                   "takes the year of publication.")
@click.option("--validate", is_flag=True, help="Check the graph against ontology/shapes.ttl (SHACL).")
@click.option("--no-view", is_flag=True, help="Do not write graph.html.")
@click.option("--no-store", is_flag=True, help="Do not load the SPARQL store.")
@click.option("--force", is_flag=True,
              help="Re-extract every document, ignoring the cache in DIR/cache/ (which is refreshed).")
@click.option("-j", "--workers", type=WorkersParam(), default="1", show_default=True, metavar="N|auto",
              help="Worker processes for per-document extraction (Dask: workers of the local "
                   "cluster). auto: one per CPU when there are over 2 MB of text to extract, "
                   "else 1. The graph is the same whatever the number.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Address of a running Dask scheduler (with --executor dask); without it a local "
                   "cluster of --workers processes is started.")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=60, show_default=True,
              metavar="SECONDS",
              help="Time one document may take to extract; a document that takes longer is "
                   "skipped with a warning naming it (not cached: the next build tries it again) "
                   "and the build goes on. 0: no limit. With --executor dask there is no limit.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="Print every warning as it happens, cache and timing details.")
def build(paths, out_dir, base_iri, userdict, lexicon_dirs, model, dates, validate, no_view,
          no_store, force, workers, executor, scheduler, doc_timeout, quiet, verbose):
    """Extract a knowledge graph from Chinese park news.

    PATHS are .txt files or directories (searched recursively); default: seeds/.
    Encodings (UTF-8, UTF-8 with BOM, GB18030/GBK, Big5, UTF-16) are detected.

    Builds are incremental: each document's extraction is cached in DIR/cache/ by content
    hash, so a rebuild extracts only new or edited files (and drops removed ones); the graph
    always equals a clean build. Warnings are counted in the summary and listed in
    DIR/build.log.

    \b
    Example:
      kg build seeds/ --out out/
      kg build ~/news/2023 ~/news/2024 --out out/ --userdict my_names.txt -j 4
      kg build /shared/news --executor dask --scheduler tcp://10.0.0.5:8786
      kg build corpus/park --dates corpus/SOURCES.tsv --out out/
    """
    from kg.log import BuildLog
    from kg.pipeline import BuildOptions, run_build

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    opts = BuildOptions(paths=list(paths) or ["seeds"], out_dir=out_dir, base_iri=base_iri,
                        userdict=userdict, lexicon_dirs=list(lexicon_dirs), model=model,
                        validate=validate, dates=dates,
                        view=not no_view, store=not no_store, force=force, workers=workers,
                        executor=executor, scheduler=scheduler, progress=not quiet,
                        doc_timeout=doc_timeout or None)
    from kg.proc import exit_code_for, terminate_as_interrupt

    terminate_as_interrupt()   # SIGTERM and SIGHUP stop a build like Ctrl-C
    log = BuildLog(echo=(lambda m: click.echo(m, err=True)) if verbose else None)
    state: dict = {}
    try:
        summary = run_build(opts, log=log, state=state,
                            note=lambda m: click.echo(f"note: {m}", err=True))
    except KeyboardInterrupt as exc:
        how = "stopped by SIGTERM" if exit_code_for(exc) == 143 else \
            "stopped by SIGHUP" if exit_code_for(exc) == 129 else "interrupted"
        click.echo(f"{how}: {interrupted_message(state)}", err=True)
        sys.exit(exit_code_for(exc))
    if not quiet:
        echo_summary(summary, log, verbose)
    if validate and summary.conforms is False:
        raise SystemExit(1)


def interrupted_message(state: dict) -> str:
    """What an interrupted build left, by the phase it was in (see run_build's state)."""
    phase = state.get("phase", "start")
    if state.get("committed"):
        return ("graph.ttl, the store and graph.html are the new ones (the build was "
                "finishing); run kg build again to complete its log and checks")
    if phase in ("start", "plan"):
        return "nothing was changed; run kg build again"
    if phase == "extract":
        return ("the previous graph, store and view are untouched and finished documents are "
                "cached; run kg build again to finish")
    return ("the previous graph.ttl, store and graph.html are untouched (the new ones were "
            "not put in place) and every document is cached; run kg build again to finish")


def echo_summary(s, log=None, verbose: bool = False) -> None:
    click.echo(f"documents  {s.documents}  (skipped {s.skipped})   characters {s.characters:,}"
               f"   triples {s.triples:,}")
    click.echo("entities   " + "  ".join(f"{k} {v}" for k, v in s.entities.items())
               + f"   total {sum(s.entities.values())}")
    click.echo("relations  " + "  ".join(f"{k} {v}" for k, v in s.relations.items())
               + f"   total {sum(s.relations.values())}")
    if s.conforms is not None:
        click.echo("SHACL      " + ("conforms" if s.conforms else "VIOLATIONS (see warnings)"))
    click.echo(f"cache      {s.cached} cached, {s.extracted} extracted, {s.removed} removed"
               + (f"   ({s.executor})" if s.executor else ""))
    kinds = s.warning_kinds or {}
    line = f"warnings   {len(s.warnings)}"
    if kinds:
        line += "  (" + ", ".join(f"{k} {v}" for k, v in kinds.items()) + ")"
    if s.warnings and s.log_path:
        line += f"   details in {s.log_path}"
    click.echo(line)
    if not verbose:
        for msg in s.warnings[:SHOWN_WARNINGS]:
            click.echo(f"warning: {msg}", err=True)
        if len(s.warnings) > SHOWN_WARNINGS:
            click.echo(f"warning: … and {len(s.warnings) - SHOWN_WARNINGS} more", err=True)
    if verbose and log is not None:
        for note in log.notes:
            click.echo(f"note       {note}")
    total = s.seconds.get("total")
    timing = "  ".join(f"{k} {v:.2f}s" for k, v in s.seconds.items() if k != "total")
    if total is not None:
        rate = s.characters / total if total > 0 else 0
        timing = f"{total:.2f}s  ({timing})  {rate:,.0f} chars/s"
    click.echo(f"time       {timing}")
    for path in s.outputs:
        click.echo(f"wrote      {path}")
    for path in s.unchanged:
        click.echo(f"unchanged  {path}")
