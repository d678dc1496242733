"""`kg query`: SPARQL on the built store — query text, a .rq file, or a named query."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from kg.cli.options import out_option, split_out
from kg.errors import KGError

FORMAT_CHOICES = ("table", "csv", "tsv", "json", "xml", "ttl", "nt")


@click.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "file", metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
              help="Read the query from a .rq file ('-' for stdin).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (a string; <iri> for an IRI). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="table",
              show_default=True,
              help="table | csv | tsv | json | xml (W3C SPARQL results) for SELECT; "
                   "ttl | nt for CONSTRUCT / DESCRIBE (ttl is their default).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Return at most this many rows.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True,
                                                           path_type=Path), metavar="FILE",
              help="Write the results to FILE instead of standard output.")
@out_option()
def query(query, file, params, fmt, limit, list_, output, out):
    """Run a SPARQL query on the graph built by `kg build`.

    QUERY is SPARQL text, or the NAME of a query from the library (kg query --list).
    The prefixes pk: rdf: rdfs: xsd: owl: skos: prov: dcterms: schema: are predeclared, and
    relative IRIs such as <park/青岛高新区> resolve against the graph's base IRI (also the
    prefix pkid:).

    \b
    Examples:
      kg query --list
      kg query companies-of-park --param park=青岛高新区
      kg query 'SELECT ?p ?name WHERE { ?p a pk:Park ; rdfs:label ?name }'
      kg query -f my.rq --format csv -o result.csv
      echo 'ASK { ?s ?p ?o }' | kg query -f -
      kg query evidence -p subject=李天传 -p object=青岛高新区 --format json
    """
    from kg import query as q

    if list_:
        _print_list(q.list_queries())
        return
    out_dir, output = split_out(out, output)
    bound = dict(q.parse_param(p) for p in params)
    kinds = {}
    if file is not None:
        if query:
            raise KGError("give either QUERY or --file, not both")
        try:
            text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise KGError(f"{file} is not valid UTF-8 (byte {exc.start}): save it as "
                          "UTF-8") from None
    elif query == "-":
        text = sys.stdin.read()
    elif query and q.NAME_RE.match(query) and query.upper() not in q.FORMS:
        named = q.load_named(query)
        q.check_params(named, bound)
        text = named.text
        kinds = q.kinds_of(named)
    elif query:
        text = query
    else:
        raise KGError("give a query: SPARQL text, -f FILE, or a NAME from kg query --list")

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise KGError("the query is not valid UTF-8 (write it in UTF-8, e.g. set the "
                      "terminal's encoding)") from None

    from kg.atomic import atomic_open
    from kg.results import write_results
    from kg.store import open_store

    store, meta = open_store(out_dir, warn=lambda m: click.echo(f"note: {m}", err=True))
    base = meta["base"]
    result = q.run(store, text, base=base, params=bound, limit=limit, kinds=kinds)
    if output is not None and str(output) != "-":
        try:
            with atomic_open(output, "wb", encoding=None, newline=None) as fh:
                write_results(result, fmt, fh, base=base)
        except OSError as exc:
            raise KGError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    max_width = None
    if fmt == "table" and sys.stdout.isatty():
        max_width = max(20, shutil.get_terminal_size().columns // 2)
    if out is None:  # click's test runner without a byte buffer
        import io
        buf = io.BytesIO()
        write_results(result, fmt, buf, base=base, max_width=max_width)
        click.echo(buf.getvalue().decode("utf-8"), nl=False)
    else:
        write_results(result, fmt, out, base=base, max_width=max_width)
        out.flush()


def _print_list(queries) -> None:
    if not queries:
        click.echo("no named queries found")
        return
    for nq in queries:
        params = " ".join(f"[--param {p.name}=…]" if p.optional else f"--param {p.name}=…"
                          for p in nq.params)
        click.echo(click.style(nq.name, bold=True) + (f"  {params}" if params else ""))
        if nq.title:
            click.echo(f"    {nq.title}")
        if nq.description:
            click.echo(f"    {nq.description}")
        for p in nq.params:
            if p.description:
                click.echo(f"    {p.name}{'?' if p.optional else ''}: {p.description}")
