"""The options every subcommand spells the same way.

* `--out DIR` is the build folder of `kg build` (default out/) in every subcommand. Where a
  command reads only the graph (stats, viz, validate, eval), DIR may also be a graph file.
* `-o/--output FILE` is a file (or folder) the command writes: export, viz, query.

* `--model DIR` is a model folder: the one `kg train` writes, the one `kg build` reads.

The spellings of the release before stay for one release, hidden from --help, each with a
one-line notice on stderr: `--dir DIR` (export) and `--graph FILE` (stats, viz, validate, eval)
for the build folder, `--out FILE` where export and viz used it for the file they write, and
`--out DIR` for the model folder kg train writes, `--json` where stats and eval now take
`--format json` (the spelling of query and export).

Which `--out` is meant: without `-o/--output`, `--out VALUE` is read as the old file destination
when the old build-folder spelling (--dir, --graph) is given too, or when VALUE is `-`, or when
VALUE is not a build folder and names a file (see `looks_like_file`). Otherwise it is the build
folder.
"""
from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

#: suffixes of graph files kg eval / kg validate / kg stats / kg viz can read
GRAPH_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".json"}

OUT_HELP = "The build folder of kg build (holds graph.ttl and store/)."
GRAPH_OUT_HELP = ("The build folder of kg build (its graph.ttl is read), or a graph file "
                  "(.ttl; .nt .nq .trig .rdf .jsonld by extension).")


def out_option(help: str = OUT_HELP):
    """`--out DIR`, the build folder (default out/)."""
    return click.option("--out", "out", default="out", show_default=True, metavar="DIR",
                        help=help)


def hidden_option(flag: str, dest: str, metavar: str = "PATH", **kwargs):
    """An old spelling, accepted but not shown by --help."""
    return click.option(flag, dest, hidden=True, metavar=metavar, default=None, **kwargs)


def report_format_option(what: str):
    """`--format text|json` of the commands that print a report (stats, eval), with the old
    `--json` flag hidden beside it."""
    def wrap(f):
        f = click.option("--json", "old_json", is_flag=True, hidden=True)(f)
        return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help=f"Print {what} as text or as JSON.")(f)
    return wrap


def report_format(fmt: str, old_json: bool) -> str:
    """The report format asked for, from --format or (with its notice) the old --json."""
    if not old_json:
        return fmt
    deprecated("--json", "use --format json")
    if click.get_current_context().get_parameter_source("fmt") == ParameterSource.COMMANDLINE \
            and fmt != "json":
        raise click.UsageError(f"give the format once: --format {fmt} or --json")
    return "json"


def deprecated(old: str, new: str) -> None:
    click.echo(f"note: {old} is deprecated and goes in the next release; {new}", err=True)


def renamed(value, old_value, flag: str, old_flag: str, what: str):
    """An option's value from its spelling now or, with its notice, from the old one; both at
    once is a usage error (which one would win is a guess)."""
    if old_value is None:
        return value
    deprecated(f"{old_flag} {old_value}", f"use {flag} {old_value}")
    if value is not None:
        raise click.UsageError(f"give {what} once: {flag} {value} or {old_flag} {old_value}")
    return old_value


def is_build_dir(path) -> bool:
    p = Path(path)
    return p.is_dir() and ((p / "graph.ttl").exists() or (p / "store").is_dir())


def out_was_given() -> bool:
    ctx = click.get_current_context()
    return ctx.get_parameter_source("out") not in (ParameterSource.DEFAULT, None)


def looks_like_file(value: str, *, dir_dest: bool = False, suffixes=None) -> bool:
    """Is `--out VALUE` the old spelling of the destination? `-`, or a path that is no build
    folder and names a file: it has a suffix (one of `suffixes` if given) or — for commands
    whose destination may be a folder (`dir_dest`: export) — it is an existing folder, or
    anything at all for export --format csv (`dir_dest="any"`)."""
    if value == "-":
        return True
    if is_build_dir(value):
        return False
    p = Path(value)
    suffix = p.suffix.lower()
    if suffixes is not None:
        return suffix in suffixes
    if suffix:
        return True
    if dir_dest == "any":
        return True
    return bool(dir_dest) and p.is_dir()


def split_out(out: str, output, *, old_dir=None, old_flag: str = "--dir", **file_rule):
    """(build folder, destination) from `--out`, `-o/--output` and an old build-folder option,
    with the deprecation notices (see the module docstring for the rule)."""
    given = out_was_given()
    if old_dir is not None:
        deprecated(f"{old_flag} {old_dir}", f"use --out {old_dir}")
    if given and output is None and (old_dir is not None or looks_like_file(out, **file_rule)):
        deprecated(f"--out {out} (the file to write)",
                   f"write -o/--output {out}; --out names the build folder")
        return Path(old_dir if old_dir is not None else "out"), Path(out)
    if old_dir is not None:
        if given:
            raise click.UsageError(f"give the build folder once: --out {out} or {old_flag} "
                                   f"{old_dir}")
        return Path(old_dir), output
    return Path(out), output


def graph_in(path) -> Path:
    """DIR/graph.ttl for a build folder; the path itself for a graph file (an existing file, or
    a name with a graph suffix)."""
    p = Path(path)
    if p.is_file() or (not p.is_dir() and p.suffix.lower() in GRAPH_SUFFIXES):
        return p
    return p / "graph.ttl"


def graph_file(out: str, old_graph=None) -> Path:
    """The graph a read-only command (stats, validate, eval) reads, from `--out` or the old
    `--graph FILE` (with its notice)."""
    if old_graph is not None:
        deprecated(f"--graph {old_graph}", f"use --out {old_graph} (a build folder or a graph "
                                           "file)")
        if out_was_given():
            raise click.UsageError(f"give the graph once: --out {out} or --graph {old_graph}")
        return graph_in(old_graph)
    return graph_in(out)
