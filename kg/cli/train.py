"""`kg train`: fit the learned extraction models on your own gold annotations."""
from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import hidden_option, renamed


@click.command("train")
@click.option("--gold", "gold_dirs", multiple=True, required=True, metavar="DIR",
              help="Gold folder (one JSON file per document, in the gold guideline's format); "
                   "repeatable.")
@click.option("--texts", "text_dirs", multiple=True, metavar="DIR",
              help="The texts of the gold folder in the same position; default: the folder "
                   "'texts' beside each gold folder.")
@click.option("--model", "out_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Model folder to write (names.json, relations.json, meta.json); kg build "
                   "--model DIR extracts with it.  [required]")
@hidden_option("--out", "old_out", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lexicon", "lexicon_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              metavar="DIR",
              help="Extra lexicon folders, as for kg build (use the same ones when building).")
@click.option("--component", "components", multiple=True, type=click.Choice(["names", "relations"]),
              help="Train only this component (repeatable; default: both). A component left out "
                   "keeps the rules' decisions when building.")
@click.option("--rules-only", "rules_only", multiple=True, metavar="PROPERTY",
              type=click.Choice(["locatedIn", "investsIn", "issuedBy", "appliesTo", "holdsPost",
                                 "worksFor", "subsidiaryOf", "partOf"]),
              help="A property for which the relation judge adds nothing to the rules' relations "
                   "(repeatable). Without it, training decides per property.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def train(gold_dirs, text_dirs, out_dir, old_out, lexicon_dirs, components, rules_only, quiet):
    """Train the name chooser and the relation judge on gold annotations.

    The hand rules propose names and relations; the models learn from your gold which of
    them hold in your newspapers (and where a name really starts). Per-class figures are
    cross-validated by document and printed. Build with the result:

    \b
    Example:
      kg train --gold tests/data/real_dev/gold --model my_model/
      kg train --gold a/gold --texts a/texts --gold b/gold --texts b/texts --model my_model/
      kg build ~/news --model my_model/
    """
    from kg.errors import KGError
    from kg.extract import ExtractConfig
    from kg.learn.golddata import read_gold_docs
    from kg.learn.train import train as fit_all

    out_dir = renamed(out_dir, old_out, "--model", "--out", "the model folder")
    if out_dir is None:
        raise click.UsageError("Missing option '--model' (the model folder to write).")
    if text_dirs and len(text_dirs) != len(gold_dirs):
        raise click.UsageError("give one --texts per --gold (or none: each gold folder's sibling 'texts')")
    texts = text_dirs or [str(Path(g).parent / "texts") for g in gold_dirs]
    docs = []
    for g, t in zip(gold_dirs, texts):
        docs += read_gold_docs(g, t)
    if out_dir.exists() and not out_dir.is_dir():
        raise KGError(f"{out_dir} is not a folder")
    meta = fit_all(docs, out_dir, ExtractConfig(lexicon_dirs=list(lexicon_dirs)), quiet=quiet,
                   echo=click.echo, components=components or ("names", "relations"),
                   rules_only=rules_only)
    if not quiet:
        click.echo(f"wrote {out_dir}/ ({len(docs)} documents; build with kg build --model {out_dir})")
    return meta
