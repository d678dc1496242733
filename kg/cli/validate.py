"""`kg validate`: check a built graph against the SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("validate")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("out/graph.ttl"), show_default=True,
              help="The graph to check (Turtle; .nt, .nq, .trig, .rdf, .jsonld by extension).")
@click.option("--shapes", "shapes_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="SHACL shapes to check against  [default: ontology/shapes.ttl]")
@click.option("--report", is_flag=True,
              help="Print pyshacl's full validation report instead of one line per violation.")
def validate(graph_path: Path, shapes_path: Path | None, report: bool) -> None:
    """Check the graph against the SHACL shapes of the ParkKG ontology.

    Prints "conforms" and exits 0, or prints one line per violation (focus node, property
    path, message, offending value) and exits 1. The shapes check names (one clean @zh
    label per entity), classes, relation domains and ranges, and that every relation can be
    traced to its evidence sentence and source document.
    """
    from kg.validate import validate as run

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
