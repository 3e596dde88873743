"""Options shared by several commands, defined once."""

from pathlib import Path

import click

DEFAULT_OUTPUT = Path("output")
DEFAULT_GRAPH = DEFAULT_OUTPUT / "graph.ttl"

graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_GRAPH,
    show_default=True,
    help="The graph to read (default: the graph of the last build).",
)
