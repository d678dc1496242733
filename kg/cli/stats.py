"""`kg stats`: counts, components and the most central parks and companies."""
from __future__ import annotations

import json
import click

from kg.cli.options import (GRAPH_OUT_HELP, graph_file, hidden_option, out_option, report_format,
                            report_format_option)


@click.command()
@out_option(GRAPH_OUT_HELP)
@hidden_option("--graph", "old_graph", metavar="FILE")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), metavar="N",
              help="How many central parks and companies to list.")
@report_format_option("the statistics")
def stats(out, old_graph, top, fmt, old_json):
    """Print what the graph holds and how it hangs together.

    Entities per class, relations per property, connected components, the most central parks
    and companies (by degree and by betweenness) and the entities with no relation at all.

    \b
    Example:
      kg stats
      kg stats --out out/ --format json > stats.json
    """
    from kg.stats import format_stats, graph_stats

    s = graph_stats(graph_file(out, old_graph), top=top)
    if report_format(fmt, old_json) == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats(s))
