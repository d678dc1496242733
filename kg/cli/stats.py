"""`kg stats`: counts, components and the most central parks and companies."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.option("--graph", "graph_ttl", default="out/graph.ttl", show_default=True,
              type=click.Path(path_type=Path), help="The Turtle graph written by `kg build`.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many central parks and companies to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(graph_ttl, top, as_json):
    """Print what the graph holds and how it hangs together.

    Entities per class, relations per property, connected components, the most central parks
    and companies (by degree and by betweenness) and the entities with no relation at all.

    \b
    Example:
      kg stats
      kg stats --graph out/graph.ttl --json > stats.json
    """
    from kg.stats import format_stats, graph_stats

    s = graph_stats(graph_ttl, top=top)
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats(s))
