"""`kg serve`: the graph as a SPARQL endpoint on this machine."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import out_option


@click.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), metavar="PORT",
              help="Port of the SPARQL endpoint (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST",
              help="Address to bind. Keep 127.0.0.1 unless others must reach it.")
@click.option("--view-port", type=click.IntRange(0, 65535), metavar="PORT",
              help="Port for graph.html (default: the endpoint port + 1, or any free port if "
                   "that one is taken).")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (changes are lost when the "
                   "store is rebuilt from graph.ttl).")
@click.option("--query-timeout", default=30.0, show_default=True, metavar="SECONDS",
              type=click.FloatRange(min=0),
              help="Time limit of a query or update; over it the answer is 504 and the query "
                   "is stopped (0: no limit).")
@click.option("--max-query-size", default=1_000_000, show_default=True, metavar="BYTES",
              type=click.IntRange(min=0), help="Largest query or update accepted (0: no limit).")
@click.option("--max-query-depth", default=64, show_default=True, metavar="N",
              type=click.IntRange(min=0),
              help="Deepest nesting of { ( [ accepted (0: no limit).")
@click.option("--max-query-operators", default=1000, show_default=True, metavar="N",
              type=click.IntRange(min=0),
              help="Most operators and patterns in one query (0: no limit).")
@out_option()
def serve(port, host, view_port, writable, query_timeout, max_query_size, max_query_depth,
          max_query_operators, out):
    """Serve the graph as a SPARQL 1.1 endpoint (Oxigraph), read-only by default.

    Query it at http://127.0.0.1:PORT/query (SPARQL Protocol: GET ?query=… or POST), or open
    http://127.0.0.1:PORT/ for Oxigraph's query editor. graph.html, if built, is served on the
    next port. Ctrl-C stops both.

    The read-only server answers from a snapshot of the store, so `kg build` can run meanwhile;
    restart kg serve to see the new graph.

    Queries over the limits (size, nesting, operators) are refused with 400/413 before they
    reach Oxigraph; one over the time limit is answered 504 and stopped. A crashed Oxigraph is
    restarted; if it keeps crashing, kg serve exits with code 1.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: application/sparql-results+json' \\
           --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.proc import terminate_as_interrupt
    from kg.serve import Server
    from kg.sparqlguard import Limits

    # From the very start: SIGTERM (or SIGHUP) in the start-up window cleans up like Ctrl-C.
    terminate_as_interrupt()
    limits = Limits(max_query_size, max_query_depth, max_query_operators)
    server = Server(Path(out), host, port, writable, view_port, query_timeout, limits,
                    log=lambda m: click.echo(f"kg serve: {m}", err=True))
    try:
        server.start()
        for note in server.notes:
            click.echo(f"note: {note}", err=True)
        mode = "read-write" if writable else "read-only"
        click.echo(f"SPARQL endpoint ({mode}): {server.endpoint}")
        click.echo(f"query editor:             {server.url}/")
        if writable:
            click.echo(f"graph store (GSP):        {server.url}/store")
        if server.view_url:
            click.echo(f"graph view:               {server.view_url}")
        sys.stdout.flush()
        click.echo("Ctrl-C to stop.", err=True)
        while not server.wait(1.0):
            pass
    except KeyboardInterrupt:   # Ctrl-C, SIGTERM, SIGHUP: a requested stop, exit code 0
        click.echo("stopping", err=True)
        server.stop()
        sys.exit(0)
    finally:
        server.stop()
    click.echo(f"kg serve: {server.failed or 'the oxigraph server stopped'}", err=True)
    sys.exit(1)
