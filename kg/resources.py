"""Where the project's data files are: the ontology, the named queries and the sample articles.

In a wheel they are packed under ``kg/_data``; in a source checkout (and an editable install) they sit
at the top of the repository.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Parley's {name}/ folder is missing from the installation")


def ontology_dir() -> Path:
    """The folder holding parley.ttl, conditions.ttl, actors.ttl and shapes.ttl."""
    return _find("ontology")


def queries_dir() -> Path:
    """The folder holding the named SPARQL queries (one .rq file each)."""
    return _find("queries")


def samples_dir() -> Path:
    """The sample articles shipped with the package, so `kg build` works right after install."""
    return _PACKAGE / "samples"
