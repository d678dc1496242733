"""`kg viz`: write the HTML network view of the whole graph or of one entity's neighbourhood."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import GRAPH_OUT_HELP, graph_in, hidden_option, out_option, split_out

HTML_SUFFIXES = {".html", ".htm"}


def default_out(graph_ttl: Path, focus: str | None, filtered: bool) -> Path:
    """graph.html for the whole graph (what `kg build` writes), view-<name>.html for a focus."""
    if focus:
        slug = "".join(c if c.isalnum() else "_" for c in focus).strip("_")[:40] or "focus"
        return graph_ttl.parent / f"view-{slug}.html"
    return graph_ttl.parent / ("view.html" if filtered else "graph.html")


@click.command()
@click.option("--focus", metavar="NAME",
              help="Show this entity and its neighbours; any of its names works (label or alias).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 10), metavar="N",
              help="With --focus: how many relations away from the entity to go.")
@click.option("--types", metavar="CLASSES",
              help="Only these classes, comma-separated, e.g. Park,Company. Classes: Park "
                   "Company Policy Official Executive Agency Institution (or 园区 企业 …).")
@click.option("--min-degree", default=0, show_default=True, type=click.IntRange(0), metavar="N",
              help="Only entities with at least this many relations.")
@click.option("--max-nodes", default=2000, show_default=True, type=click.IntRange(1), metavar="N",
              help="Above this, keep the most connected entities and say what was left out "
                   "(the page stays smooth well beyond: 10,000 and more; writing it takes "
                   "longer).")
@click.option("-o", "--output", "out_html", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE", help="HTML file to write [default: graph.html beside the graph, "
                                   "or view-NAME.html with --focus].")
@out_option(GRAPH_OUT_HELP)
@hidden_option("--graph", "old_graph", metavar="FILE")
def viz(focus, hops, types, min_degree, max_nodes, out_html, out, old_graph):
    """Write an interactive HTML view of the graph (one offline file; open it in a browser).

    Nodes are entities, coloured by class (or by zone: the park each is nearest to) and sized
    by their number of relations; click one for its relations, evidence and investments,
    search by any name, filter by class and relation.

    \b
    Examples:
      kg viz                                    # out/graph.html, the whole graph
      kg viz --focus 青岛高新区 --hops 2          # out/view-青岛高新区.html
      kg viz --types Park,Company --min-degree 2 -o parks.html
    """
    from kg.view import write_view

    source, out_html = split_out(out, out_html, old_dir=old_graph, old_flag="--graph",
                                 suffixes=HTML_SUFFIXES)
    graph_ttl = graph_in(source)
    filtered = bool(types or min_degree)
    out_html = out_html or default_out(graph_ttl, focus, filtered)
    info = write_view(graph_ttl, out_html, focus=focus, hops=hops,
                      types=[types] if types else None, min_degree=min_degree,
                      max_nodes=max_nodes)
    what = f"{info.nodes:,} entities, {info.edges:,} relations"
    if info.focus:
        what += f" around {' / '.join(info.focus)} ({hops} hop{'s' if hops != 1 else ''})"
    click.echo(f"wrote {info.path}  ({what}; {info.bytes / 1e6:.1f} MB)")
    if info.truncated:
        click.echo(f"note: kept the {info.nodes:,} most connected of {info.selected_nodes:,} "
                   f"entities; left out {info.left_out_nodes:,} entities and "
                   f"{info.left_out_edges:,} relations. Use --focus NAME, --types, "
                   f"--min-degree or --max-nodes.", err=True)
