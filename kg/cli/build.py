"""`kg build PATH... [-o DIR] [--prune] [--jobs N]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.build import build
from kg.cli import main
from kg.cli.options import output_option
from kg.resources import samples_dir


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@output_option("Folder for the store, graph.ttl and report.json.")
@click.option("--samples", is_flag=True, help="Build the sample articles shipped with Parley.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove from the graph the articles whose file is gone, or no longer holds them.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract in this many processes (pays only with 4 or more free cores; see docs/PERFORMANCE.md).",
)
@click.option(
    "--view/--no-view",
    default=True,
    show_default=True,
    help="Also draw the graph as DIR/graph.html (see `kg view`).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def build_command(
    paths: tuple[Path, ...], output: Path, samples: bool, prune: bool, jobs: int, view: bool, quiet: bool
) -> None:
    """Read news articles (.txt, .html, .jsonl; files or folders) and build or update a knowledge graph.

    Only new and changed articles are extracted; an article already in the graph with the same text
    is kept as it is. Articles from earlier builds stay in the graph, unless --prune finds their file
    gone (or read without them).

    \b
    Examples:
      kg build articles/            # every article under articles/, graph in output/graph.ttl
      kg build day1.jsonl a.html -o out
      kg build articles/ --prune    # and drop the articles whose files were deleted
      kg build --samples            # the sample articles shipped with Parley
    """
    sources = list(paths) + ([samples_dir()] if samples else [])
    if not sources:
        raise click.UsageError("give at least one PATH (a file or folder of articles), or --samples")

    def with_bar(articles):
        if quiet or len(articles) < 20 or not sys.stderr.isatty():
            yield from articles
            return
        with click.progressbar(articles, label="Extracting", file=sys.stderr) as items:
            yield from items

    report = build(sources, output, progress=with_bar, prune=prune, jobs=jobs)
    for problem in report.skipped:
        click.echo(f"kg: skipped {problem}", err=True)
    if not report.articles:
        click.echo("kg: error: no article could be read; nothing was written", err=True)
        sys.exit(1)
    if len(report.failed) == len(report.articles):
        click.echo("kg: error: no article could be extracted; the graph was left as it was", err=True)
        sys.exit(1)
    if not quiet:
        counts = ", ".join(f"{rel} {n}" for rel, n in report.facts.items() if n)
        changes = [
            f"{len(ids)} {what}"
            for what, ids in (
                ("new", report.added),
                ("changed", report.changed),
                ("unchanged", report.unchanged),
            )
            if ids
        ]
        click.echo(
            f"Read {len(report.articles)} article(s) ({', '.join(changes)}), skipped {len(report.skipped)}."
        )
        if report.removed:
            click.echo(f"Removed {len(report.removed)} article(s) whose file is gone.")
        if report.in_graph != len(report.articles):
            click.echo(f"The graph holds {report.in_graph} article(s).")
        click.echo(
            f"Facts: {counts or 'none'}; {report.evidence} evidence sentence(s); {len(report.actors)} actors."
        )
        click.echo(
            f"Wrote {output / 'graph.ttl'} ({report.triples} triples), {output / 'store'} "
            f"and {output / 'report.json'}."
        )
    if view:
        from kg.views import write_view  # imported here: only builds that draw need it

        drawn = write_view(output / "graph.ttl", output / "graph.html")
        if not quiet:
            click.echo(f"Drew {drawn.path} ({drawn.nodes} nodes, {drawn.edges} links); open it in a browser.")
