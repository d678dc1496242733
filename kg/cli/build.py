"""`kg build`: articles in, graph.ttl + SPARQL store + graph.html out."""
from __future__ import annotations

from pathlib import Path

import click

from kg.graph import DEFAULT_BASE


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Output directory (graph.ttl, store/, graph.html, build.log).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base IRI for entity, document and statement IRIs.")
@click.option("--userdict", type=click.Path(exists=True, dir_okay=False, path_type=str),
              help="A jieba user dictionary (word [freq] [tag] per line) to load before extraction.")
@click.option("--lexicon", "lexicon_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A directory of extra lexicon files (same names as kg/lexicon/*.txt); repeatable.")
@click.option("--validate", is_flag=True, help="Check the graph against ontology/shapes.ttl (SHACL).")
@click.option("--no-view", is_flag=True, help="Do not write graph.html.")
@click.option("--no-store", is_flag=True, help="Do not load the SPARQL store.")
def build(paths, out_dir, base_iri, userdict, lexicon_dirs, validate, no_view, no_store):
    """Extract a knowledge graph from Chinese park news.

    PATHS are .txt files or directories (searched recursively); default: seeds/.
    Encodings (UTF-8, UTF-8 with BOM, GB18030/GBK, Big5, UTF-16) are detected.

    \b
    Example:
      kg build seeds/ --out out/
      kg build ~/news/2023 ~/news/2024 --out out/ --userdict my_names.txt
    """
    from kg.pipeline import BuildOptions, run_build

    opts = BuildOptions(paths=list(paths) or ["seeds"], out_dir=out_dir, base_iri=base_iri,
                        userdict=userdict, lexicon_dirs=list(lexicon_dirs), validate=validate,
                        view=not no_view, store=not no_store)
    summary = run_build(opts, warn=lambda m: click.echo(f"warning: {m}", err=True))
    echo_summary(summary)
    if validate and summary.conforms is False:
        raise SystemExit(1)


def echo_summary(s) -> None:
    click.echo(f"documents  {s.documents}  (skipped {s.skipped})   characters {s.characters:,}"
               f"   triples {s.triples:,}")
    click.echo("entities   " + "  ".join(f"{k} {v}" for k, v in s.entities.items())
               + f"   total {sum(s.entities.values())}")
    click.echo("relations  " + "  ".join(f"{k} {v}" for k, v in s.relations.items())
               + f"   total {sum(s.relations.values())}")
    if s.conforms is not None:
        click.echo("SHACL      " + ("conforms" if s.conforms else "VIOLATIONS (see warnings)"))
    click.echo(f"warnings   {len(s.warnings)}")
    timing = "  ".join(f"{k} {v:.2f}s" for k, v in s.seconds.items())
    click.echo(f"time       {timing}")
    for path in s.outputs:
        click.echo(f"wrote      {path}")
