"""`kg query`: run a named query, a query file or an ad-hoc query on the graph and print the answer."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import graph_option
from kg.query import (
    FORMATS,
    bind_parameters,
    format_result,
    list_queries,
    load_query,
    load_query_file,
    open_store,
    parse_query,
    run,
)


@main.command("query")
@click.argument("query", required=False, metavar="NAME|FILE.rq")
@click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="Bind a parameter of the query (repeatable). Actors may be named by any of their names.",
)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this query text instead of NAME or FILE.rq.")
@graph_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table to read; csv, tsv or json (the W3C SPARQL results formats) for other programs.",
)
@click.option("--list", "show_list", is_flag=True, help="List the named queries with their summaries.")
def query_command(
    query: str | None,
    params: tuple[tuple[str, str], ...],
    expression: str | None,
    graph_path: Path,
    fmt: str,
    show_list: bool,
) -> None:
    """Ask the graph a question: a named query (see --list), a FILE.rq, or -e 'SELECT ...'.

    \b
    Examples:
      kg query actors
      kg query claims-by -p actor "Hamas"
      kg query evidence -p subject Hamas -p predicate demands -p object "permanent ceasefire"
      kg query corroboration -p min 3 --format csv
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    if show_list:
        click.echo(list_queries(), nl=False)
        return
    if (query is None) == (expression is None):
        raise click.UsageError("give one query: a NAME (see --list), a FILE.rq, or -e 'SPARQL'")
    if expression is not None:
        chosen = parse_query(expression, name="-e", source="-e")
    elif query.endswith(".rq") or "/" in query:
        chosen = load_query_file(Path(query))
    else:
        chosen = load_query(query)
    store = open_store(graph_path)
    bindings = bind_parameters(store, chosen, params)
    result = run(store, chosen, bindings)
    click.echo(format_result(result, fmt, width=_table_width(), bound=bindings), nl=False)


def _table_width() -> int:
    """The terminal's width; when the answer goes to a file or a pipe (and COLUMNS is not set) there is
    no terminal to fit, so no value is cut."""
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return 100_000
