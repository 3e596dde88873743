"""`kg export`: write the graph in a format other triple stores load."""

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import graph_option
from kg.export import FORMATS


@main.command("export")
@graph_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="turtle",
    show_default=True,
    help="turtle and ntriples: one merged graph; trig, nquads and jsonld: one named graph per article "
    "plus <https://w3id.org/parley/ontology>.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (written atomically). Default: standard output.",
)
@click.option(
    "--ontology/--no-ontology",
    default=True,
    show_default=True,
    help="Include the ontology (ontology/parley.ttl and conditions.ttl) with the data.",
)
def export(graph_path: Path, fmt: str, output_path: Path | None, ontology: bool) -> None:
    """Export the graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD.

    The output is stable: exporting the same graph twice gives the same bytes.
    """
    from kg.export import export_file

    text = export_file(graph_path, fmt, output_path, with_ontology=ontology)
    if output_path is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"kg: wrote {output_path} ({fmt})", err=True)
