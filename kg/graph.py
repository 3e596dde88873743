"""What every writer of Parley's graph shares: IRIs, the condition scheme, literals, atomic writes.

The graph itself (docs/GRAPH.md) is made article by article by `kg.store.article_lines` and merged by
`kg.store.MergedView`; the exports and views read it back with rdflib through `new_graph`.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.keys import digest, slug
from kg.namespace import (
    ARTICLE,
    CONDITION,
    PARLEY,
    PREFIXES,
)
from kg.resources import ontology_dir

KIND_CLASSES = {"Person": PARLEY.Person, "Organization": PARLEY.Organization, "Country": PARLEY.Country}
CONDITION_PROPERTIES = (RDF.type, SKOS.prefLabel, SKOS.inScheme, SKOS.broader, SKOS.definition)


def new_graph() -> Graph:
    """An empty rdflib graph that writes the project's prefixes."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("prov", PROV)
    graph.bind("dcterms", DCTERMS)
    graph.bind("skos", SKOS)
    return graph


def article_iri(article_id: str) -> URIRef:
    """An article's IRI: its id made safe, plus a hash so that two ids that slug alike stay apart."""
    return ARTICLE[slug(article_id) + "-" + digest(article_id)[:6]]


@cache
def _conditions_graph() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "conditions.ttl", format="turtle")
    return graph


def condition_triples(condition_id: str) -> list[tuple]:
    """The scheme's description of one condition (type, label, broader, definition), for the graph."""
    node = CONDITION[condition_id]
    scheme = _conditions_graph()
    return [(node, p, o) for p in CONDITION_PROPERTIES for o in scheme.objects(node, p)]


def date_literal(value: str) -> Literal:
    """An article's date as a typed literal: xsd:date, xsd:gMonthDay (no year), else plain text."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"--\d\d-\d\d", value):
        return Literal(value, datatype=XSD.gMonthDay)
    match = re.match(r"(\d{4}-\d\d-\d\d)T", value)
    return Literal(match.group(1), datatype=XSD.date) if match else Literal(value)


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a graph is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
