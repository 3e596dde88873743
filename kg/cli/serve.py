"""`kg serve`: a read-only SPARQL endpoint over the graph, with a query page."""

import logging
from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import graph_option


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port."
)
@graph_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="Answer 503 to a query still running after this long.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    metavar="N",
    help="Return at most N rows (or triples); a cut result carries the header X-Parley-Truncated.",
)
def serve(host: str, port: int, graph_path: Path, timeout: float, max_rows: int) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Read-only: updates are refused. The default graph is the merged view; each article is also a
    named graph (its IRI), and the ontology is <https://w3id.org/parley/ontology>.
    """
    from kg.serve import serve as run_server

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    run_server(graph_path, host, port, timeout=timeout, max_rows=max_rows, announce=click.echo)
