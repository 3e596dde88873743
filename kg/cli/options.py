"""Options shared by several commands, defined once."""

from pathlib import Path

import click

DEFAULT_OUTPUT = Path("output")
DEFAULT_STORE = DEFAULT_OUTPUT / "store"  # the Oxigraph store of the last build (kg.store)
DEFAULT_GRAPH = DEFAULT_OUTPUT / "graph.ttl"  # the same graph as Turtle; the default while some commands
# read files only: when every reader opens stores (kg.query.open_store), make this DEFAULT_STORE

graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="The graph to read: an RDF file, or a store folder such as output/store (default: the graph of "
    "the last build).",
)


def output_option(help_text: str):
    """The `-o/--output DIR` option of the commands that write or change a build's output folder."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_OUTPUT,
        show_default=True,
        help=help_text,
    )
