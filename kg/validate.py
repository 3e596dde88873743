"""Check a graph against the SHACL shapes of its contract (`ontology/shapes.ttl`, docs/GRAPH.md).

`validate_graph` runs pySHACL and turns its report graph into a sorted list of `Problem`s (focus node,
path, message) written with the project's prefixes, because a person reads the list to fix a graph and
the raw SHACL report graph is hard to read. The ontology (`parley.ttl`) is mixed in while validating,
so `sh:class parley:Organization` also accepts a `parley:ArmedGroup` when the ontology says it is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import InputError, ParleyError
from kg.export import read_graph
from kg.graph import new_graph
from kg.resources import ontology_dir

SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the graph: the node, the property (when the shape is about one), what."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        return f"{where}: {self.message}{value}"


@dataclass
class Report:
    """The outcome of a validation: whether the graph conforms, and what is wrong if it does not."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """One line: 'conforms', or how many problems on how many nodes."""
        if self.conforms:
            return "the graph conforms to the Parley shapes"
        nodes = len({p.focus for p in self.problems})
        return f"the graph does not conform: {len(self.problems)} problem(s) on {nodes} node(s)"


def load_shapes(path: Path | None = None) -> Graph:
    """The SHACL shapes: `path`, or the project's `ontology/shapes.ttl`."""
    path = path or ontology_dir() / SHAPES_FILE
    if not path.is_file():
        raise InputError(f"{path}: no such shapes file")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as err:
        raise InputError(f"{path}: not readable as turtle: {' '.join(str(err).split())}") from err


def _ontology() -> Graph | None:
    path = ontology_dir() / "parley.ttl"
    return Graph().parse(path, format="turtle") if path.is_file() else None


def validate_graph(graph: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate `graph` against `shapes` (default: the project's shapes), with `ontology` mixed in
    (default: `ontology/parley.ttl`, for the class hierarchy). Never modifies `graph`."""
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else _ontology()
    try:
        conforms, results, _ = shacl_validate(
            graph,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference="none",
            advanced=True,  # SPARQL targets (SHACL-AF), see ontology/shapes.ttl
            abort_on_first=False,
            allow_warnings=True,
            inplace=False,
        )
    except Exception as err:  # pySHACL reports bad shapes with its own exception types
        raise ParleyError(f"SHACL validation failed to run: {' '.join(str(err).split())}") from err
    names = new_graph().namespace_manager
    problems = sorted(_problems(results, names))
    return Report(conforms=bool(conforms), problems=problems)


def _problems(results: Graph, names) -> set[Problem]:
    """One Problem per distinct (node, path, message, value): a value that breaks two constraints of
    one property shape (a confidence of 3 is both too large and not a decimal) is reported once."""
    problems = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(_shorten_iris(str(m), names) for m in results.objects(result, SH.resultMessage))
        focus = _show(results.value(result, SH.focusNode), names)
        value = _show(results.value(result, SH.value), names)
        problems.add(
            Problem(
                focus=focus,
                path=_show_path(results, results.value(result, SH.resultPath), names),
                message="; ".join(messages)
                or _show(results.value(result, SH.sourceConstraintComponent), names),
                value="" if value == focus else value,
                severity=severity.split("#")[-1] if isinstance(severity, URIRef) else "Violation",
            )
        )
    return problems


def _shorten_iris(message: str, names) -> str:
    """Full IRIs that pySHACL put into a message, written with the project's prefixes."""
    return re.sub(r"https?://[^\s<>\"{}|^`\\()]+", lambda m: _show(URIRef(m.group(0)), names), message)


def _show(term, names) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return term.n3(names)
        except Exception:
            return term.n3()
    if isinstance(term, Literal):
        text = str(term)
        return repr(text if len(text) <= 60 else text[:57] + "...")
    return term.n3() if isinstance(term, BNode) else str(term)


def _show_path(results: Graph, path, names) -> str:
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        return f"^{_show(inverse, names)}" if inverse is not None else "(a complex path)"
    return _show(path, names)


def validate_file(path: Path, shapes_path: Path | None = None) -> Report:
    """Read the graph at `path` (any format `kg export` writes) and validate it."""
    return validate_graph(read_graph(path), load_shapes(shapes_path))
