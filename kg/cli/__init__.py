"""`kg` command line. Each command lives in its own module and is imported only when run,
so `kg query` starts without importing jieba or the extraction pipeline."""
from __future__ import annotations

import importlib

import click

#: command name -> (module, attribute, one-line help shown by `kg --help`)
COMMANDS = {
    "build": ("kg.cli.build", "build", "Extract a knowledge graph from news articles."),
    "eval": ("kg.cli.evaluate", "eval_cmd", "Score a graph against gold annotations."),
    "query": ("kg.cli.query", "query", "Run SPARQL (text, file or named query) on the graph."),
    "export": ("kg.cli.export", "export", "Export the graph as Turtle, N-Quads, JSON-LD, GraphML, CSV …"),
    "serve": ("kg.cli.serve", "serve", "Serve the graph as a SPARQL endpoint (and the HTML view)."),
    "push": ("kg.cli.push", "push", "Upload the graph to a SPARQL Graph Store endpoint."),
    "viz": ("kg.cli.viz", "viz", "Write the HTML network view of the graph or of one entity."),
    "stats": ("kg.cli.stats", "stats", "Print graph statistics (classes, components, centrality)."),
    "validate": ("kg.cli.validate", "validate", "Check the graph against the SHACL shapes."),
    "train": ("kg.cli.train", "train", "Train the extraction models on gold annotations."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:  # command not built yet
                return None
            raise
        return getattr(mod, attr)

    def invoke(self, ctx):
        """The last word on I/O failures: a full disk, a quota, a read-only file system or a
        refused permission is one line naming the file and the fix, never a traceback."""
        import sqlite3

        from kg.diskio import io_message, is_disk_error
        from kg.errors import KGError
        try:
            return super().invoke(ctx)
        except (OSError, sqlite3.Error) as exc:
            if not is_disk_error(exc):
                raise
            raise KGError(io_message(exc)) from None

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parkkg", prog_name="kg")
def main():
    """ParkKG — build, query and explore knowledge graphs of Chinese industrial-park news.

    \b
    Typical use:
      kg build seeds/ --out out/     # graph.ttl, store, graph.html
      kg query --list                # the named queries
      kg query companies-of-park --param park=青岛高新区
      kg viz --focus 青岛高新区
    """
