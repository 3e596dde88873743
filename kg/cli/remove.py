"""`kg remove ID... [-o DIR]`: take articles out of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg.build import remove
from kg.cli import main
from kg.cli.options import output_option


@main.command("remove")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@output_option("The output folder of the build to change.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when it works.")
def remove_command(ids: tuple[str, ...], output: Path, quiet: bool) -> None:
    """Remove articles (by id: the file stem, or the jsonl `id`) from the graph, with their evidence and
    every fact or description no other article gives. An unknown id is an error and nothing is removed.

    \b
    Examples:
      kg remove d03_pretoria-tigray-deal
      kg remove ye-001 ye-002 -o out
    """
    report = remove(ids, output)
    if not quiet:
        click.echo(f"Removed {len(report.removed)} article(s); the graph holds {report.in_graph}.")
        click.echo(f"Wrote {output / 'graph.ttl'} ({report.triples} triples) and {output / 'store'}.")
