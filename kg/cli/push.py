"""`kg push`: upload the graph, one named graph per document, to a Graph Store endpoint."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import hidden_option, out_option, renamed


@click.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://localhost:3030/ds/data (Fuseki), "
                   "http://localhost:7878/store (Oxigraph), …/repositories/R/rdf-graphs/service "
                   "(GraphDB), http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--graph-iri-base", metavar="IRI",
              help="Name document graphs <IRI>doc/<id> (default: the document IRIs themselves).")
@hidden_option("--graph-uri-base", "old_graph_base", metavar="IRI")
@click.option("-j", "--workers", default=4, show_default=True, type=click.IntRange(1, 64), metavar="N",
              help="Parallel uploads.")
@click.option("--changed-only", is_flag=True,
              help="Skip graphs unchanged since the last push to this endpoint "
                   "(recorded in DIR/push-state.json).")
@out_option()
def push(endpoint, graph_iri_base, old_graph_base, workers, changed_only, out):
    """Upload the graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

    Each source document's facts go to their own named graph with an HTTP PUT, which replaces
    that graph: pushing again leaves one copy, and after an article changed only its graph is
    replaced. Basic-auth credentials are read from the environment variables KG_PUSH_USER and
    KG_PUSH_PASSWORD.

    \b
    Example:
      KG_PUSH_USER=admin KG_PUSH_PASSWORD=… kg push --endpoint http://localhost:3030/parks/data
    """
    from kg.push import push as run

    graph_base = renamed(graph_iri_base, old_graph_base, "--graph-iri-base", "--graph-uri-base",
                         "the graph IRI base")
    s = run(Path(out), endpoint, graph_base=graph_base, workers=workers,
            changed_only=changed_only, warn=lambda m: click.echo(f"note: {m}", err=True))
    msg = f"pushed {s.pushed} graphs ({s.triples:,} triples) to {endpoint} in {s.seconds:.1f}s"
    if s.skipped:
        msg += f"; {s.skipped} unchanged graphs skipped"
    click.echo(msg)
