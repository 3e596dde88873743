"""`kg view`: draw the network of actors and positions as one self-contained HTML file."""

from pathlib import Path

import click

from kg.cli import main
from kg.cli.options import DEFAULT_OUTPUT, graph_option
from kg.namespace import RELATIONS

DEFAULT_VIEW = DEFAULT_OUTPUT / "graph.html"
MAX_NODES = 10_000  # the default of kg.views.MAX_NODES, repeated so `kg --help` need not import networkx


@main.command("view")
@graph_option
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_VIEW,
    show_default=True,
    help="The HTML file to write.",
)
@click.option(
    "--actor",
    metavar="NAME",
    help="Draw only this actor and its direct neighbours (its name, another name, or its key).",
)
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(list(RELATIONS)),
    help="Draw only this relation (repeat for several); `said` puts what actors said in the popups.",
)
@click.option(
    "--min-evidence",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Keep only facts and claims found at least N times.",
)
@click.option(
    "--positions",
    is_flag=True,
    help="The positions view: actors against the conditions they demand, reject or accept.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=MAX_NODES,
    show_default=True,
    metavar="N",
    help="Above N nodes keep the strongest part (by evidence and centrality) and say what was left out.",
)
def view(
    graph_path: Path,
    output_path: Path,
    actor: str | None,
    relations: tuple[str, ...],
    min_evidence: int,
    positions: bool,
    max_nodes: int,
) -> None:
    """Draw actors, conditions and talks as one HTML file to open in a browser (no network needed).

    Hover over or click an actor or a link to read the claims and evidence sentences with outlet and
    date. The whole network by default; --actor for one actor's neighbourhood; --positions for actors
    against conditions only.
    """
    from kg.views import write_view  # networkx and pyvis load only when a view is drawn

    stats = write_view(
        graph_path,
        output_path,
        actor=actor,
        relations=list(relations) or None,
        min_evidence=min_evidence,
        view="positions" if positions else "network",
        max_nodes=max_nodes,
    )
    message = f"wrote {stats.path}: {stats.nodes:,} nodes, {stats.edges:,} links"
    if stats.left_out_nodes:
        message += f" (left out {stats.left_out_nodes:,} nodes and {stats.left_out_edges:,} links)"
    click.echo(message)
