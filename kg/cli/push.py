"""`kg push --endpoint URL [--user U --password P] [-o DIR]`: send the graph to a triple store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import output_option


@main.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="A SPARQL 1.1 Graph Store HTTP Protocol endpoint, e.g. "
    "http://localhost:8890/sparql-graph-crud-auth (Virtuoso).",
)
@click.option("--user", metavar="U", help="User name, for HTTP digest or basic authentication.")
@click.option(
    "--password",
    metavar="P",
    envvar="KG_PUSH_PASSWORD",
    show_envvar=True,
    help="Password (better given in the environment than on the command line).",
)
@output_option("The output folder of the build to push.")
@click.option(
    "--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait for each request."
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when it works.")
def push_command(
    endpoint: str, user: str | None, password: str | None, output: Path, timeout: float, quiet: bool
) -> None:
    """Send the graph of the last build to a triple store, one named graph per article.

    Each graph is sent with HTTP PUT and so replaces the one already there: pushing again is safe.
    Graphs of articles removed since the last push to the same endpoint are deleted. The union of the
    graphs pushed is the graph `kg query` reads, each triple in exactly one graph.

    \b
    Examples:
      kg push --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba
      KG_PUSH_PASSWORD=secret kg push --endpoint https://example.org/rdf-graph-store --user me
    """
    from kg.push import push

    report = push(
        output,
        endpoint,
        user,
        password,
        timeout=timeout,
        announce=None if quiet else lambda text: click.echo(text, err=True),
    )
    if not quiet:
        deleted = f"; deleted {report.deleted} graph(s) of removed articles" if report.deleted else ""
        click.echo(f"Pushed {report.graphs} graph(s), {report.triples} triples, to {endpoint}{deleted}.")
