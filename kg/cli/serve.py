"""`kg serve`: the graph as a SPARQL endpoint on this machine."""
from __future__ import annotations

import signal
from pathlib import Path

import click

from kg.cli.options import out_option


@click.command()
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port of the SPARQL endpoint (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Keep 127.0.0.1 unless others must reach it.")
@click.option("--view-port", type=click.IntRange(0, 65535),
              help="Port for graph.html (default: the endpoint port + 1, or any free port if "
                   "that one is taken).")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (changes are lost when the "
                   "store is rebuilt from graph.ttl).")
@out_option()
def serve(port, host, view_port, writable, out):
    """Serve the graph as a SPARQL 1.1 endpoint (Oxigraph), read-only by default.

    Query it at http://127.0.0.1:PORT/query (SPARQL Protocol: GET ?query=… or POST), or open
    http://127.0.0.1:PORT/ for Oxigraph's query editor. graph.html, if built, is served on the
    next port. Ctrl-C stops both.

    The read-only server answers from a snapshot of the store, so `kg build` can run meanwhile;
    restart kg serve to see the new graph.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: application/sparql-results+json' \\
           --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from kg.serve import free_port, serve as start

    if port == 0:
        port = free_port(host)
    server = start(Path(out), host, port, writable, view_port)
    for note in server.notes:
        click.echo(f"note: {note}", err=True)
    mode = "read-write" if writable else "read-only"
    click.echo(f"SPARQL endpoint ({mode}): {server.endpoint}")
    click.echo(f"query editor:             {server.url}/")
    if writable:
        click.echo(f"graph store (GSP):        {server.url}/store")
    if server.view_url:
        click.echo(f"graph view:               {server.view_url}")
    click.echo("Ctrl-C to stop.", err=True)

    def _term(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, _term)
    try:
        server.proc.wait()
        click.echo(f"the oxigraph server exited with code {server.proc.returncode}", err=True)
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        server.stop()
