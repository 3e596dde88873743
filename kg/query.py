"""Ask the graph questions in SPARQL: named queries, their parameters, and the answer in four formats.

The named queries are the ``queries/*.rq`` files. Each opens with a grlc-style header of ``#+`` lines::

    #+ summary: What one actor said, with the article, outlet and date.
    #+ description: One row per claim and article reporting it, oldest first.
    #+ params:
    #+   - actor (actor, required): the speaker, by IRI or by any of its names ("Hamas").
    #+   - min (integer, default 2): the least number of distinct articles.
    #+ example: |
    #+   date        outlet   text
    #+   ----------  -------  --------------------------------
    #+   2024-05-06  Reuters  We will not accept any agreement

and is plain SPARQL otherwise. A parameter is a variable of the query's ``SELECT`` clause, bound to a
value with Oxigraph's ``substitutions`` (rdflib's ``initBindings`` does the same), never pasted into
the query text, so a value with quotes or braces cannot change the query. An actor may be named by any
of its labels and a condition by its id or label; both are resolved to their IRI first.

Queries run on an Oxigraph store (`open_store`), tens to hundreds of times faster than rdflib's own
engine (``bench/bench_query.py`` times both); ``tests/test_query.py`` checks that both engines give the
same rows. Updates are refused: ``kg query`` only reads.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode as RdfBNode
from rdflib import Literal as RdfLiteral
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS, XSD
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Identifier

from kg.errors import InputError, QueryError
from kg.namespace import ACTOR, ALL_PREFIXES, CLAIM, CONDITION, PARLEY, RELATIONS, TALKS
from kg.resources import ontology_dir, queries_dir

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

FORMATS = ("table", "csv", "tsv", "json")
"""The output formats: a readable table, and the W3C SPARQL 1.1 CSV, TSV and JSON result formats."""

KINDS = ("actor", "condition", "talks", "claim", "node", "relation", "iri", "integer", "string", "date")
"""What a parameter's value may be. The first five are looked up in the graph by IRI, key or name."""

UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# Every prefix a shortened IRI may use, longest namespace first so the most specific one wins.
SHORT_PREFIXES: dict[str, str] = ALL_PREFIXES
_BY_NAMESPACE = sorted(((ns, prefix) for prefix, ns in SHORT_PREFIXES.items()), key=lambda x: -len(x[0]))

_XSD_STRING = str(XSD.string)
_NUMERIC = {str(XSD[name]) for name in ("integer", "decimal", "double", "float", "int", "long")}


@dataclass(frozen=True)
class Parameter:
    """One parameter a query declares in its header: ``- name (kind, required|optional|default V): text``."""

    name: str
    kind: str
    required: bool = True
    default: str | None = None
    description: str = ""

    def usage(self) -> str:
        """How to give it on the command line, with what it is and whether it must be given."""
        if self.default is not None:
            need = f"default {self.default}"
        else:
            need = "required" if self.required else "optional"
        return f"-p {self.name} {self.kind.upper()}  ({need}) {self.description}"


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query and what its header says about it.

    `parameters` is None for a query without a header (an ad-hoc ``-e`` query or a bare ``.rq`` file):
    any ``-p NAME VALUE`` then binds the selected variable ``?NAME``, the value read as an IRI, a CURIE,
    an integer or else a string.
    """

    name: str
    text: str
    summary: str = ""
    description: str = ""
    parameters: tuple[Parameter, ...] | None = None
    example: str = ""
    source: str = "query"


# --- loading queries ---------------------------------------------------------------------------------


def query_names(directory: Path | None = None) -> list[str]:
    """The names of the named queries, sorted: the stems of the ``.rq`` files in `directory`."""
    return sorted(path.stem for path in (directory or queries_dir()).glob("*.rq"))


def named_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every named query, in name order."""
    return [load_query(name, directory) for name in query_names(directory)]


def load_query(name: str, directory: Path | None = None) -> NamedQuery:
    """The named query `name` (``queries/NAME.rq``); an unknown name is an error listing the known ones."""
    directory = directory or queries_dir()
    path = directory / f"{name}.rq"
    if not re.fullmatch(r"[\w.-]+", name) or not path.is_file():
        known = ", ".join(query_names(directory))
        raise QueryError(f"unknown query '{name}'; the named queries are: {known}")
    query = parse_query(path.read_text(encoding="utf-8"), name=name, source=str(path))
    return query if query.parameters is not None else replace(query, parameters=())


def load_query_file(path: Path) -> NamedQuery:
    """A query read from a ``.rq`` file of the user's, with or without a header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read query file {path}: {getattr(err, 'strerror', None) or err}") from None
    return parse_query(text, name=path.stem, source=str(path))


def parse_query(text: str, name: str = "query", source: str = "query") -> NamedQuery:
    """A query from its text: the header (if any) parsed, the text kept whole so error positions hold.

    A query with a ``#+`` header declares its parameters (none when it has no ``params`` entry); a query
    without one leaves them undeclared.
    """
    header = _parse_header(text, source)
    if not header:
        return NamedQuery(name=name, text=text, source=source)
    return NamedQuery(
        name=name,
        text=text,
        summary=header.get("summary", ""),
        description=header.get("description", ""),
        parameters=tuple(_parse_parameters(header.get("params", ""), source)),
        example=header.get("example", ""),
        source=source,
    )


_KEY_LINE = re.compile(r"([A-Za-z][\w-]*):[ \t]*(.*)")


def _parse_header(text: str, source: str) -> dict[str, str]:
    """The ``#+ key: value`` entries of the leading comment block; indented lines continue a value.

    A value of ``|`` keeps the following lines as they are (the example table), ``>`` or a plain value
    folds them into one line, the way YAML reads them.
    """
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[2:].removeprefix(" ").rstrip())
        elif line.strip() or lines:
            break
    entries: dict[str, tuple[str, list[str]]] = {}
    key = None
    for line in lines:
        match = _KEY_LINE.fullmatch(line)
        if match and not line[:1].isspace():
            key = match.group(1)
            entries[key] = (match.group(2).strip(), [])
        elif key is not None:
            entries[key][1].append(line)
        elif line.strip():
            raise QueryError(f"{source}: the header line '#+ {line.strip()}' does not start with 'key:'")
    header = {}
    for key, (first, more) in entries.items():
        body = _dedent(more)
        if first == "|":
            header[key] = "\n".join(body).strip("\n")
        elif key == "params":
            header[key] = "\n".join(([first] if first else []) + body)
        else:
            header[key] = " ".join(part for part in [first.lstrip(">").strip(), *body] if part).strip()
    return header


def _dedent(lines: list[str]) -> list[str]:
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [line[indent:] for line in lines]


_PARAM_LINE = re.compile(r"-\s*([A-Za-z_]\w*)\s*\(([^)]*)\)\s*:?\s*(.*)")


def _parse_parameters(block: str, source: str) -> Iterable[Parameter]:
    items: list[list[str]] = []
    for line in block.splitlines():
        if line.lstrip().startswith("-"):
            items.append([line.strip()])
        elif line.strip() and items:
            items[-1].append(line.strip())
        elif line.strip():
            raise QueryError(
                f"{source}: params: expected '- name (kind, required): what it is', got '{line}'"
            )
    for item in items:
        match = _PARAM_LINE.fullmatch(" ".join(item))
        if not match:
            raise QueryError(
                f"{source}: params: expected '- name (kind, required): what it is', got '{item[0]}'"
            )
        name, spec, description = match.groups()
        kind, *flags = [part.strip() for part in spec.split(",")]
        if kind not in KINDS:
            raise QueryError(f"{source}: parameter {name}: unknown kind '{kind}' (one of {', '.join(KINDS)})")
        required, default = True, None
        for flag in flags:
            if flag == "optional":
                required = False
            elif flag.startswith("default "):
                required, default = False, flag.removeprefix("default ").strip()
            elif flag != "required":
                raise QueryError(f"{source}: parameter {name}: unknown flag '{flag}'")
        yield Parameter(name, kind, required, default, description)


# --- the graph ---------------------------------------------------------------------------------------


def open_store(path: Path | str) -> ox.Store:
    """The graph at `path`, ready to query: an RDF file loaded into memory, or an Oxigraph store folder.

    This is the one place that decides how a graph is opened, so moving to a persistent store is a
    change here only.
    """
    path = Path(path)
    if path.is_dir():
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise InputError(f"{path}: not an Oxigraph store ({err})") from None
    if not path.is_file():
        raise InputError(f"{path}: no such graph (run `kg build` first, or give --graph FILE)")
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if rdf_format is None:
        raise InputError(f"{path}: unknown RDF format (expected .ttl, .nt, .nq, .trig, .rdf or .jsonld)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except SyntaxError as err:
        raise InputError(f"{path}: {_one_line(str(err))}") from None
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot load: {_one_line(str(err))}") from None
    return store


# --- parameters --------------------------------------------------------------------------------------


def bind_parameters(
    store: ox.Store, query: NamedQuery, given: Sequence[tuple[str, str]] = ()
) -> dict[str, Term]:
    """The value of each parameter, from the ``(name, value)`` pairs given and the declared defaults.

    An actor, condition, talks, claim or node value is resolved to its IRI in `store`; a parameter
    given that the query does not declare, a required one missing, or a value given twice is an error
    naming the parameter.
    """
    seen: set[str] = set()
    for name, _ in given:
        if name in seen:
            raise QueryError(f"parameter '{name}' is given twice")
        seen.add(name)
    if query.parameters is None:
        return {name: parse_term(value) for name, value in given}
    declared = {parameter.name: parameter for parameter in query.parameters}
    for name, _ in given:
        if name not in declared:
            takes = ", ".join(declared) if declared else "none"
            raise QueryError(f"unknown parameter '{name}' for query {query.name} (its parameters: {takes})")
    values = dict(given)
    bindings: dict[str, Term] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise QueryError(
                    f"missing parameter '{parameter.name}' for query {query.name}: give "
                    f"-p {parameter.name} {parameter.kind.upper()}, {parameter.description.rstrip('.')}"
                )
            continue
        bindings[parameter.name] = resolve(store, parameter.kind, value, parameter.name)
    return bindings


def parse_term(value: str) -> Term:
    """A value given for an undeclared parameter: ``<IRI>``, an http(s) IRI or a CURIE of the project's
    prefixes is an IRI, an integer is an xsd:integer, anything else a plain string."""
    iri = _as_iri(value)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", value.strip()):
        return ox.Literal(int(value))
    return ox.Literal(value)


def resolve(store: ox.Store, kind: str, value: str, name: str = "value") -> Term:
    """The RDF term a parameter value of `kind` stands for, looked up in `store` where needed.

    Actors are found by IRI, CURIE, key ("hamas") or any of their names, compared after normalisation
    (case, accents, punctuation and a leading "the" ignored): "Hamas", "the Palestinian Hamas group".
    Conditions likewise by id or label ("permanent-ceasefire", "permanent ceasefire"), talks by their
    label or their venue ("Jeddah"), claims by their text. A name that fits several nodes equally well
    is an error listing them.
    """
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: '{value}' is not an integer")
        return ox.Literal(int(value))
    if kind == "string":
        return ox.Literal(value)
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
            raise QueryError(f"parameter {name}: '{value}' is not a date (YYYY-MM-DD)")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(str(XSD.date)))
    if kind == "iri":
        iri = _as_iri(value)
        if iri is None:
            raise QueryError(
                f"parameter {name}: '{value}' is not an IRI (<...>, http(s)://... or prefix:name)"
            )
        return iri
    if kind == "relation":
        return _resolve_relation(value, name)
    return _resolve_node(store, kind, value, name)


def _as_iri(value: str) -> ox.NamedNode | None:
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
    elif re.match(r"https?://", value):
        iri = value
    else:
        prefix, colon, local = value.partition(":")
        if not colon or prefix not in SHORT_PREFIXES or not re.fullmatch(r"[\w.\-]*", local):
            return None
        iri = SHORT_PREFIXES[prefix] + local
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def _resolve_relation(value: str, name: str) -> ox.NamedNode:
    iri = _as_iri(value)
    wanted = str(iri.value) if iri is not None else None
    for key, predicate in RELATIONS.items():
        if wanted == str(predicate) or _squash(value) == _squash(key):
            return ox.NamedNode(str(predicate))
    raise QueryError(f"parameter {name}: '{value}' is not a relation (one of {', '.join(RELATIONS)})")


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def normalise_name(text: str) -> str:
    """A name as names are compared: "The U.S." and "the us" are both "us", "Sudan's army" is
    "sudans army", "permanent-ceasefire" is "permanent ceasefire"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[.'\u2019]", "", text)
    text = " ".join(re.sub(r"[\W_]+", " ", text).split())
    return text.removeprefix("the ") if text != "the" else text


# Where the names of each kind of node are: the IRI namespace, and the properties holding its names
# with their rank (0 the best: the node's key, 1 its label, 2 another name).
_LABELS = {
    "actor": (ACTOR, ((RDFS.label, 1), (SKOS.prefLabel, 1), (SKOS.altLabel, 2))),
    "condition": (CONDITION, ((SKOS.prefLabel, 1), (RDFS.label, 1), (SKOS.altLabel, 2))),
    "talks": (TALKS, ((RDFS.label, 1),)),
    "claim": (CLAIM, ((PARLEY.text, 1),)),
}


def _resolve_node(store: ox.Store, kind: str, value: str, name: str) -> ox.NamedNode:
    kinds = tuple(_LABELS) if kind == "node" else (kind,)
    what = "node" if kind == "node" else kind
    iri = _as_iri(value)
    if iri is not None:
        if not _in_graph(store, iri) and not (kind == "condition" and iri.value in _scheme_names()):
            raise QueryError(f"parameter {name}: {shorten(iri)} is not in the graph")
        return iri
    wanted = normalise_name(value)
    names = [entry for k in kinds for entry in _names(store, k)]
    best: dict[int, set[str]] = {}
    for iri_text, label, rank in names:
        if normalise_name(label) == wanted:
            best.setdefault(rank, set()).add(iri_text)
    if not best:
        close = difflib.get_close_matches(value, sorted({label for _, label, _ in names}), n=3, cutoff=0.75)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(f"parameter {name}: no {what} called '{value}' in the graph{hint}")
    matches = best[min(best)]
    if len(matches) > 1:
        listed = ", ".join(sorted(shorten(ox.NamedNode(m)) for m in matches))
        raise QueryError(
            f"parameter {name}: '{value}' names several nodes ({listed}); give one of these IRIs"
        )
    return ox.NamedNode(matches.pop())


def _names(store: ox.Store, kind: str) -> list[tuple[str, str, int]]:
    """(IRI, name, rank) for every node of `kind`: its key, its labels and (for talks) its venue."""
    namespace, properties = _LABELS[kind]
    found: dict[tuple[str, str], int] = {}

    def add(iri: str, label: str, rank: int) -> None:
        found[(iri, label)] = min(rank, found.get((iri, label), rank))

    for prop, rank in properties:
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, ox.DefaultGraph()):
            subject, label = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and subject.value.startswith(str(namespace)):
                add(subject.value, label.value, rank)
                add(subject.value, subject.value[len(str(namespace)) :], 0)
    if kind == "talks":
        location = ox.NamedNode(str(PARLEY.location))
        for quad in store.quads_for_pattern(None, location, None, ox.DefaultGraph()):
            for label in store.quads_for_pattern(quad.object, ox.NamedNode(str(RDFS.label)), None):
                add(quad.subject.value, label.object.value, 1)
    if kind == "condition":
        for iri, pairs in _scheme_names().items():
            for label, rank in pairs:
                add(iri, label, rank)
    return [(iri, label, rank) for (iri, label), rank in found.items()]


@cache
def _scheme_names() -> dict[str, tuple[tuple[str, int], ...]]:
    """The conditions the scheme (ontology/conditions.ttl) defines, IRI -> (name, rank) pairs: its id,
    preferred label and other labels, so that a condition may be named by any of them even though the
    graph carries only its preferred label."""
    try:
        quads = list(ox.parse(path=str(ontology_dir() / "conditions.ttl"), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError):
        return {}
    ranks = {str(SKOS.prefLabel): 1, str(SKOS.altLabel): 2}
    names: dict[str, list[tuple[str, int]]] = {}
    for quad in quads:
        rank = ranks.get(quad.predicate.value)
        iri = quad.subject.value
        if rank is not None and iri.startswith(str(CONDITION)):
            names.setdefault(iri, [(iri[len(str(CONDITION)) :], 0)]).append((quad.object.value, rank))
    return {iri: tuple(pairs) for iri, pairs in names.items()}


def _in_graph(store: ox.Store, node: ox.NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(node, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, node)
    )


# --- running -----------------------------------------------------------------------------------------

_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[\w.\-]*:\s*<[^>]*>)*", re.IGNORECASE)


def check_read_only(text: str, source: str = "query") -> None:
    """Refuse an update (INSERT, DELETE, LOAD, CLEAR, DROP...): `kg query` reads and never writes.

    Queries are only ever run with `Store.query`, which cannot run an update anyway; this turns the
    attempt into a clear message instead of a syntax error.
    """
    rest = text[_PROLOGUE.match(text).end() :]
    word = re.match(r"[A-Za-z]+", rest)
    if word and word.group().upper() in UPDATE_KEYWORDS:
        raise QueryError(
            f"{source}: {word.group().upper()} is a SPARQL update; kg query only reads the graph"
        )


def run(store: ox.Store, query: NamedQuery | str, bindings: Mapping[str, Term] | None = None) -> Result:
    """Run `query` on `store` with each parameter bound to its value (as a substitution, never as text).

    Returns Oxigraph's answer: solutions for SELECT, a boolean for ASK, triples for CONSTRUCT and
    DESCRIBE. A syntax error is a QueryError of one line giving the line and column.
    """
    if isinstance(query, str):
        query = parse_query(query)
    check_read_only(query.text, query.source)
    substitutions = {ox.Variable(name): value for name, value in (bindings or {}).items()}
    try:
        return store.query(query.text, substitutions=substitutions or None)
    except SyntaxError as err:
        raise QueryError(_syntax_message(query, str(err))) from None
    except RuntimeError as err:
        missing = re.search(r"variable \?(\w+) in its SELECT projection", str(err))
        if missing:
            raise QueryError(
                f"unknown parameter '{missing.group(1)}' for {query.source}: "
                f"the query does not select ?{missing.group(1)}"
            ) from None
        raise QueryError(f"{query.source}: {_one_line(str(err))}") from None
    except OSError as err:
        raise QueryError(f"{query.source}: {_one_line(str(err))}") from None


def _syntax_message(query: NamedQuery, message: str) -> str:
    """One line saying where the query text is wrong.

    Oxigraph reports the furthest point its parser reached, often the end of the text, with the list
    of tokens it could have taken there. rdflib's parser (run only now, to read, never to evaluate)
    usually stops at the construct that is wrong, so its position is given when it fails too.
    """
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not match:
        return f"syntax error in {query.source}: {_one_line(message)}"
    line, column, detail = int(match.group(1)), int(match.group(2)), _one_line(match.group(3))
    try:
        parseQuery(query.text)
    except ParseException as err:
        line, column = err.lineno, err.col
        detail = f"unexpected {err.found}" if err.found else _one_line(err.msg)
    except Exception:  # rdflib's parser is only a second opinion
        pass
    lines = query.text.splitlines()
    near = ""
    if 0 < line <= len(lines):
        excerpt = lines[line - 1][column - 1 : column + 29].rstrip()
        near = f" near '{excerpt}'" if excerpt.strip() else ""
    return f"syntax error in {query.source} at line {line}, column {column}{near}: {detail}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def rdflib_bindings(bindings: Mapping[str, Term]) -> dict[str, Identifier]:
    """The same bindings as rdflib terms, for ``Graph.query(..., initBindings=...)``: used to check that
    rdflib's engine gives the same answers as Oxigraph, and to time it."""
    return {name: to_rdflib(value) for name, value in bindings.items()}


def to_rdflib(term: Term) -> Identifier:
    """An Oxigraph term as the equal rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return RdfBNode(term.value)
    if term.language:
        return RdfLiteral(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return RdfLiteral(term.value)
    return RdfLiteral(term.value, datatype=URIRef(term.datatype.value))


# --- formatting --------------------------------------------------------------------------------------

_W3C = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def format_result(
    result: Result, fmt: str = "table", *, width: int = 100, bound: Mapping[str, Term] | None = None
) -> str:
    """The answer as text in `fmt`: ``csv``, ``tsv`` and ``json`` are the W3C SPARQL 1.1 result formats
    (written by Oxigraph); ``table`` is a table that fits in `width` columns, IRIs shortened with the
    project's prefixes, with the `bound` parameters shown once above it rather than on every row.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})")
    if isinstance(result, ox.QueryTriples):
        result = _triples_as_solutions(result)
    if fmt != "table":
        text = result.serialize(format=_W3C[fmt]).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"  # JSON ends without one
    if isinstance(result, ox.QueryBoolean):
        return "true\n" if bool(result) else "false\n"
    bound = bound or {}
    names = [variable.value for variable in result.variables]
    shown = [i for i, name in enumerate(names) if name not in bound]
    rows = [[solution[i] for i in shown] for solution in result]
    lines = [f"{name} = {shorten(value)}" for name, value in bound.items() if name in names]
    lines += table([names[i] for i in shown], rows, width)
    return "\n".join(lines) + "\n"


def _triples_as_solutions(triples: ox.QueryTriples) -> ox.QuerySolutions:
    # A CONSTRUCT or DESCRIBE answer read as a subject/predicate/object table, so that it can be
    # written in the same four formats.
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return store.query(
        "SELECT ?subject ?predicate ?object WHERE { ?subject ?predicate ?object } "
        "ORDER BY ?subject ?predicate ?object"
    )


def shorten(term: Term | None) -> str:
    """A term as a table shows it: an IRI as a CURIE where a project prefix fits, a literal as its
    text on one line, an unbound value as nothing."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for namespace, prefix in _BY_NAMESPACE:
            local = term.value[len(namespace) :]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w.\-]*", local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return _one_line(term.value) if term.value.strip() else term.value
    return str(term)


def table(header: Sequence[str], rows: Sequence[Sequence[Term | None]], width: int = 100) -> list[str]:
    """Lines of an aligned table with a rule under the header and a row count, cells cut with "…" so
    that no line is wider than `width` (numbers are right-aligned)."""
    cells = [[shorten(value) for value in row] for row in rows]
    columns = range(len(header))
    numeric = [bool(rows) and all(_is_number(row[i]) or row[i] is None for row in rows) for i in columns]
    text = [i for i in columns if any(isinstance(row[i], ox.Literal) for row in rows) and not numeric[i]]
    natural = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(header)]
    long_text = [i for i in text if natural[i] > 24]
    widths = fit_widths(natural, width - 2 * max(len(header) - 1, 0), groups=[long_text, text])

    def line(values: Sequence[str]) -> str:
        out = []
        for i, value in enumerate(values):
            value = value if len(value) <= widths[i] else value[: max(widths[i] - 1, 0)] + "…"
            out.append(value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i]))
        return "  ".join(out).rstrip()

    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    if not header:
        return [count]
    return [line(header), line(["-" * w for w in widths]), *(line(row) for row in cells), count]


def fit_widths(
    natural: Sequence[int], available: int, least: int = 10, groups: Sequence[Iterable[int]] = ()
) -> list[int]:
    """Column widths that fit `available` characters, the widest columns narrowed first.

    The columns of each of `groups` are narrowed, group after group, before all columns are: the
    table narrows long free text first, then short text, and only then IRIs and numbers, which are
    useless cut. No column goes below `least` characters (or its natural width, if smaller) unless
    nothing else fits.
    """
    widths = list(natural)
    for group in [*(list(g) for g in groups), list(range(len(widths)))]:
        if sum(widths) <= available:
            break
        budget = available - sum(w for i, w in enumerate(widths) if i not in group)
        floor = sum(min(widths[i], least) for i in group)
        cap = least if budget < floor else _largest_cap([widths[i] for i in group], budget, least)
        for i in group:
            widths[i] = min(widths[i], cap)
        spare = available - sum(widths)
        for i in group:  # hand out what is left, one character each, left to right
            if spare > 0 and natural[i] > widths[i]:
                widths[i] += 1
                spare -= 1
    if sum(widths) > available:  # still too wide: narrow everything down to a bare minimum
        cap = _largest_cap(widths, available, 1)
        widths = [min(w, cap) for w in widths]
    return widths


def _largest_cap(widths: Sequence[int], budget: int, least: int) -> int:
    """The largest cap c >= least with sum(min(w, c)) <= budget (binary search)."""
    low, high = least, max(widths, default=least)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths) <= budget:
            low = cap
        else:
            high = cap - 1
    return low


def _is_number(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def list_queries(directory: Path | None = None) -> str:
    """Each named query with its summary, and under it the parameters it takes: ``kg query --list``."""
    queries = named_queries(directory)
    pad = max((len(q.name) for q in queries), default=0)
    lines = []
    for query in queries:
        lines.append(f"{query.name.ljust(pad)}  {query.summary}".rstrip())
        lines += [f"{'':{pad}}    {parameter.usage()}" for parameter in query.parameters or ()]
    return "\n".join(lines) + "\n"
