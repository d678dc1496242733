"""`kg eval`: precision, recall and F1 of a graph against gold annotations."""
from __future__ import annotations

import click

from kg.cli.options import (GRAPH_OUT_HELP, graph_file, hidden_option, out_option, report_format,
                            report_format_option)


@click.command("eval")
@click.option("--gold", "gold_dir", required=True, metavar="DIR",
              help="Gold folder: one JSON file per document, plus an optional crossdoc.json.")
@out_option(GRAPH_OUT_HELP)
@hidden_option("--graph", "old_graph", metavar="FILE")
@click.option("--errors", is_flag=True,
              help="List every false positive and false negative, grouped by class and property.")
@report_format_option("the scores (and with --errors the error lists)")
def eval_cmd(gold_dir: str, out: str, old_graph: str | None, errors: bool, fmt: str,
             old_json: bool) -> None:
    """Score a graph against gold annotations.

    Precision, recall and F1 per entity class and per relation property, and micro averages
    over all seven classes and all eight properties. The per-document gold files are merged
    into one corpus gold; a graph node matches a gold entity of its class when one of its
    labels (rdfs:label, skos:altLabel) equals one of the gold name forms after normalisation
    (NFKC, no spaces or quotes, 高新技术产业开发区 = 高新区, 经济技术开发区 = 经开区). Two nodes
    matching one gold entity count as one hit and one false positive. Names listed as optional
    in crossdoc.json, and relations touching them, count neither way.

    \b
    Example:
      kg eval --gold tests/data/test3/gold --out out-test3/ --errors
    """
    from kg.evaluate import load_gold, read_graph, score

    gold = load_gold(gold_dir)
    entities, relations = read_graph(graph_file(out, old_graph))
    report = score(entities, relations, gold)
    if report_format(fmt, old_json) == "json":
        click.echo(report.to_json(errors=errors))
        return
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(report.to_text(errors=errors))
