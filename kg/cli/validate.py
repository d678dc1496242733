"""`kg validate`: check a built graph against the SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import GRAPH_OUT_HELP, graph_file, hidden_option, out_option


@click.command("validate")
@out_option(GRAPH_OUT_HELP)
@hidden_option("--graph", "old_graph", metavar="FILE")
@click.option("--shapes", "shapes_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, metavar="FILE",
              help="SHACL shapes to check against.  [default: ontology/shapes.ttl]")
@click.option("--report", is_flag=True,
              help="Print pyshacl's full validation report instead of one line per violation.")
def validate(out: str, old_graph: str | None, shapes_path: Path | None, report: bool) -> None:
    """Check the graph against the SHACL shapes of the ParkKG ontology.

    Prints "conforms" and exits 0, or prints one line per violation (focus node, property
    path, message, offending value) and exits 1. The shapes check names (one clean @zh
    label per entity), classes, relation domains and ranges, and that every relation can be
    traced to its evidence sentence and source document.

    \b
    Example:
      kg validate --out out/
      kg validate --out other.ttl --report
    """
    from kg.validate import validate as run

    graph_path = graph_file(out, old_graph)
    result = run(graph_path, shapes_path)
    if result.conforms:
        click.echo(f"conforms: {graph_path}")
        return
    if report:
        click.echo(result.report_text.rstrip())
    else:
        for line in result.messages:
            click.echo(line)
    n = len(result.messages)
    click.echo(f"{graph_path}: {n} violation{'s' if n != 1 else ''}", err=True)
    click.get_current_context().exit(1)
