"""`kg validate`: check a graph against the SHACL shapes of its contract."""

import sys
from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import DEFAULT_GRAPH


@main.command("validate")
@click.argument(
    "graph_path",
    metavar="[FILE]",
    required=False,
    default=DEFAULT_GRAPH,
    type=click.Path(dir_okay=False, path_type=Path),
)
@click.option(
    "--shapes",
    "shapes_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SHACL shapes to use (default: the project's ontology/shapes.ttl).",
)
def validate(graph_path: Path, shapes_path: Path | None) -> None:
    """Check FILE (default: output/graph.ttl) against the Parley SHACL shapes.

    Exits 0 when the graph conforms, 1 when it does not (each problem on one line: the node, the
    property, what is wrong), 2 when the graph or the shapes cannot be read.
    """
    from kg.validate import validate_file

    report = validate_file(graph_path, shapes_path)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(f"{graph_path}: {report.summary()}", err=not report.conforms)
    sys.exit(0 if report.conforms else 1)
