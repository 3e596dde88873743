"""`kg build PATH... [-o DIR]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.build import build
from kg.cli import main
from kg.cli.options import DEFAULT_OUTPUT
from kg.resources import samples_dir


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT,
              show_default=True, help="Folder for graph.ttl and report.json.")
@click.option("--samples", is_flag=True, help="Build the sample articles shipped with Parley.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def build_command(paths: tuple[Path, ...], output: Path, samples: bool, quiet: bool) -> None:
    """Read news articles (.txt, .html, .jsonl; files or folders) and write a knowledge graph.

    \b
    Examples:
      kg build articles/            # every article under articles/, graph in output/graph.ttl
      kg build day1.jsonl a.html -o out
      kg build --samples            # the sample articles shipped with Parley
    """
    sources = list(paths) + ([samples_dir()] if samples else [])
    if not sources:
        raise click.UsageError("give at least one PATH (a file or folder of articles), or --samples")

    def progress(articles):
        if quiet or len(articles) < 20 or not sys.stderr.isatty():
            return articles
        return click.progressbar(articles, label="Extracting", file=sys.stderr)

    def with_bar(articles):
        bar = progress(articles)
        if bar is articles:
            yield from articles
            return
        with bar as items:
            yield from items

    report = build(sources, output, progress=with_bar)
    for problem in report.skipped:
        click.echo(f"kg: skipped {problem}", err=True)
    if not report.articles:
        click.echo("kg: error: no article could be read; nothing was written", err=True)
        sys.exit(1)
    if not quiet:
        counts = ", ".join(f"{rel} {n}" for rel, n in report.facts.items() if n)
        click.echo(f"Read {len(report.articles)} article(s), skipped {len(report.skipped)}.")
        click.echo(f"Facts: {counts or 'none'}; {report.evidence} evidence sentence(s); {len(report.actors)} actors.")
        click.echo(f"Wrote {output / 'graph.ttl'} ({report.triples} triples) and {output / 'report.json'}.")
