"""The `kg` command: one click command per verb, each a thin wrapper over the Python API."""

import sys

import click

from kg import __version__
from kg.errors import ParleyError


class ParleyGroup(click.Group):
    """A click group that prints a ParleyError as one line (`kg: error: ...`) and exits 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ParleyError as err:
            click.echo(f"kg: error: {err}", err=True)
            sys.exit(2)


@click.group(cls=ParleyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Parley: build a knowledge graph of negotiation news, then query, view and export it."""


def _register() -> None:
    # Each verb lives in its own module; importing it adds the command to `main`.
    from kg.cli import build, export, push, query, remove, serve, validate, view  # noqa: F401


_register()
