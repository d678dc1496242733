"""`kg eval`: precision, recall and F1 of a graph against gold annotations."""
from __future__ import annotations

import click


@click.command("eval")
@click.option("--gold", "gold_dir", required=True, metavar="DIR",
              help="Gold directory: one JSON file per document, plus an optional crossdoc.json.")
@click.option("--graph", "graph_path", default="out/graph.ttl", show_default=True, metavar="FILE",
              help="The graph to score (Turtle; N-Triples, N-Quads, TriG, RDF/XML by extension).")
@click.option("--errors", is_flag=True,
              help="List every false positive and false negative, grouped by class and property.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the scores (and with --errors the error lists) as JSON.")
def eval_cmd(gold_dir: str, graph_path: str, errors: bool, as_json: bool) -> None:
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
      kg eval --gold gold/ --graph out/graph.ttl --errors
    """
    from kg.evaluate import load_gold, read_graph, score

    gold = load_gold(gold_dir)
    entities, relations = read_graph(graph_path)
    report = score(entities, relations, gold)
    if as_json:
        click.echo(report.to_json(errors=errors))
        return
    for w in report.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(report.to_text(errors=errors))
