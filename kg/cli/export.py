"""`kg export`: the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD, GraphML or CSV."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import hidden_option, out_option, split_out
from kg.export import FORMATS


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="ttl, nt: the graph.  nq, trig: one named graph per source document.  "
                   "jsonld: with ontology/context.jsonld.  graphml: entity network for Gephi / "
                   "Cytoscape.  csv: nodes.csv + edges.csv + investments.csv (UTF-8 with BOM, for "
                   "Excel).")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), metavar="PATH",
              help="Where to write the export: a file ('-' for stdout), a folder for csv. "
                   "Default: DIR/export/graph.<ext>, or DIR/export/csv/.")
@out_option()
@hidden_option("--dir", "old_dir", metavar="DIR")
def export(fmt, output, out, old_dir):
    """Export the graph built by `kg build` for use in other tools.

    N-Quads and TriG put each source document's facts in a named graph (the document's IRI),
    so one article's facts can be replaced in another store; see `kg push`.

    \b
    Examples:
      kg export --format nq                        # out/export/graph.nq
      kg export --format graphml -o parks.graphml
      kg export --format csv -o tables/            # tables/nodes.csv, edges.csv, investments.csv
      kg export --format ttl -o - | head
      kg export --format trig --out build2 -o build2.trig
    """
    from kg import export as ex

    out_dir, output = split_out(out, output, old_dir=old_dir, old_flag="--dir",
                                dir_dest="any" if fmt == "csv" else True)
    if output is not None and str(output) == "-":
        if fmt in ("csv", "graphml"):
            from kg.errors import KGError
            raise KGError(f"--format {fmt} writes files: give -o/--output PATH")
        from kg.store import open_store
        store, meta = open_store(out_dir, warn=lambda m: click.echo(f"note: {m}", err=True))
        data = ex.serialize_rdf(ex.source_triples(out_dir, store), fmt, meta["base"])
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(
            data.decode("utf-8"), nl=False)
        return
    for path in ex.export(out_dir, fmt, output):
        click.echo(f"wrote {path}")
