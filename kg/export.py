"""Write a Parley graph in the formats other triple stores load: Turtle, N-Triples, TriG, N-Quads, JSON-LD.

Turtle and N-Triples are the merged view: one graph. TriG, N-Quads and JSON-LD keep a dataset with one
named graph per article, so a store can answer "what did this article say" with a GRAPH clause:

* the graph named by the article's IRI holds the article node, its evidence nodes, the plain fact
  triples they are evidence for, and the description of every actor, claim, talks, place and
  condition they use (a fact found in two articles is in both graphs);
* `<https://w3id.org/parley/ontology>` holds the ontology: `ontology/parley.ttl` and
  `ontology/conditions.ttl` (the vocabulary and the condition scheme; the large knowledge files
  `actors.ttl` and `places.ttl` are left out);
* anything that came from no article (knowledge the build added without evidence) stays in the
  default graph, so the union of the graphs is always exactly the merged view.

Every format is written in a stable order (sorted subjects, graphs and lines; blank nodes relabelled
canonically), so exporting the same graph twice gives the same bytes and diffs stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import InputError
from kg.graph import new_graph, write_atomically
from kg.namespace import ONTOLOGY_IRI, PARLEY, PREFIXES, RELATIONS
from kg.resources import ontology_dir

FORMATS = ("turtle", "ntriples", "trig", "nquads", "jsonld")
"""The export formats, by the name `kg export --format` takes."""

DATASET_FORMATS = ("trig", "nquads", "jsonld")
"""The formats that keep one named graph per article (the others are the merged view)."""

SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}

ONTOLOGY_GRAPH = URIRef(ONTOLOGY_IRI)
"""The name of the graph holding the ontology in dataset exports."""

ONTOLOGY_FILES = ("parley.ttl", "conditions.ttl")
"""The ontology files exported with the data (actors.ttl and places.ttl are knowledge, not vocabulary)."""

ALL_PREFIXES = {
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
}
"""The project's prefixes and the usual ones, as written in exports (and predeclared by `kg serve`)."""

_RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
_FACT_PREDICATES = frozenset(RELATIONS.values())


def read_graph(path: Path) -> Graph:
    """Read a graph file (Turtle, N-Triples, TriG, N-Quads or JSON-LD, by suffix) as one merged graph.

    Dataset files are read as the union of their graphs, so an export can be validated or served just
    like the graph it came from. Raises InputError naming the file when it is missing or unreadable.
    """
    rdf_format = _RDFLIB_FORMATS.get(path.suffix.lower(), "turtle")
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `kg build` first, or pass the graph to read)")
    try:
        if rdf_format in ("trig", "nquads", "json-ld"):
            dataset = Dataset()
            dataset.parse(path, format=rdf_format)
            graph = new_graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = new_graph()
            graph.parse(path, format=rdf_format)
    except Exception as err:  # rdflib raises many types; the user needs the file and the reason
        raise InputError(f"{path}: not readable as {rdf_format}: {_one_line(err)}") from err
    return graph


def ontology_graph(folder: Path | None = None) -> Graph:
    """The ontology exported with the data: `parley.ttl` and `conditions.ttl` from `ontology/`."""
    folder = folder or ontology_dir()
    graph = new_graph()
    for name in ONTOLOGY_FILES:
        path = folder / name
        if not path.is_file():
            raise InputError(f"{path}: the ontology file is missing from the installation")
        try:
            graph.parse(path, format="turtle")
        except Exception as err:
            raise InputError(f"{path}: not readable as turtle: {_one_line(err)}") from err
    return graph


def article_graphs(graph: Graph) -> dict[URIRef, set[tuple]]:
    """Split `graph` by article: for each article IRI, the triples its named graph holds.

    An article's graph is its article node, its evidence nodes (`?ev prov:wasDerivedFrom ?article`),
    the plain fact triple of each evidence node, and the description of every node these point to
    (types, labels, text, venue, scheme...), followed transitively but never into another article and
    never through another fact triple.
    """
    articles = set(graph.subjects(RDF.type, PARLEY.Article))
    result: dict[URIRef, set[tuple]] = {}
    for article in sorted(articles):
        triples: set[tuple] = set()
        seen: set = set()
        _describe(graph, article, articles, triples, seen)
        for evidence in graph.subjects(PROV.wasDerivedFrom, article):
            _describe(graph, evidence, articles, triples, seen)
            fact = (
                graph.value(evidence, RDF.subject),
                graph.value(evidence, RDF.predicate),
                graph.value(evidence, RDF.object),
            )
            if None not in fact and fact in graph:
                triples.add(fact)
        result[article] = triples
    return result


def _describe(graph: Graph, node, articles: set, out: set[tuple], seen: set) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in graph.predicate_objects(current):
            if p in _FACT_PREDICATES:
                continue  # facts belong to the graphs of the articles they were found in
            out.add((current, p, o))
            if isinstance(o, URIRef | BNode) and p != RDF.type and o not in articles:
                stack.append(o)


def to_dataset(graph: Graph, ontology: Graph | None = None) -> Dataset:
    """The dataset view of `graph`: one named graph per article, the ontology graph, and the rest.

    The union of all graphs equals `graph` plus `ontology`.
    """
    graph = _stable_blank_nodes(graph, "d")
    dataset = Dataset()
    _bind(dataset)
    placed: set[tuple] = set()
    for article, triples in article_graphs(graph).items():
        named = dataset.graph(article)
        for triple in _sorted(triples):
            named.add(triple)
        placed |= triples
    for triple in _sorted(t for t in graph if t not in placed):
        dataset.default_graph.add(triple)
    if ontology is not None:
        named = dataset.graph(ONTOLOGY_GRAPH)
        for triple in _sorted(_stable_blank_nodes(ontology, "o")):
            named.add(triple)
    return dataset


def merged_graph(graph: Graph, ontology: Graph | None = None) -> Graph:
    """`graph` plus `ontology` as one graph (the Turtle and N-Triples view)."""
    merged = new_graph()
    for triple in _stable_blank_nodes(graph, "d"):
        merged.add(triple)
    if ontology is not None:
        for triple in _stable_blank_nodes(ontology, "o"):
            merged.add(triple)
    return merged


def export(graph: Graph, fmt: str, ontology: Graph | None = None) -> str:
    """Serialise `graph` (with `ontology`, when given) in the export format `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}' (choose one of {', '.join(FORMATS)})")
    if fmt == "turtle":
        return merged_graph(graph, ontology).serialize(format="longturtle")
    if fmt == "ntriples":
        return _sorted_lines(merged_graph(graph, ontology).serialize(format="nt"))
    dataset = to_dataset(graph, ontology)
    if fmt == "nquads":
        return _sorted_lines(dataset.serialize(format="nquads"))
    if fmt == "trig":
        return _trig(dataset)
    return _jsonld(dataset)


def export_file(graph_path: Path, fmt: str, output: Path | None, with_ontology: bool = True) -> str:
    """Read the graph at `graph_path` and export it; write it atomically to `output` when given.

    Returns the text written, so a caller without `output` can print it.
    """
    graph = read_graph(graph_path)
    text = export(graph, fmt, ontology_graph() if with_ontology else None)
    if output is not None:
        write_atomically(output, text)
    return text


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG writer with the graphs in name order (rdflib keeps them in a set)."""

    def __init__(self, store: Dataset):
        super().__init__(store)
        default = self.default_context
        self.contexts.sort(key=lambda g: (g.identifier == default, str(g.identifier)))


def _trig(dataset: Dataset) -> str:
    stream = BytesIO()
    _SortedTrigSerializer(dataset).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def _jsonld(dataset: Dataset) -> str:
    context = {prefix: str(namespace) for prefix, namespace in ALL_PREFIXES.items()}
    document = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        document["@graph"] = _sorted_nodes(document["@graph"])
        for node in document["@graph"]:
            if isinstance(node, dict) and isinstance(node.get("@graph"), list):
                node["@graph"] = _sorted_nodes(node["@graph"])
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sorted_nodes(nodes: list) -> list:
    return sorted(nodes, key=lambda n: (str(n.get("@id", "")) if isinstance(n, dict) else "", json.dumps(n)))


def _bind(dataset: Dataset) -> None:
    for prefix, namespace in ALL_PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)


def _stable_blank_nodes(graph: Graph, source: str) -> Graph:
    """`graph` itself, or a copy whose blank nodes have canonical labels (the parser's are random).

    `source` starts every label, so blank nodes of the data and of the ontology never share one.
    """
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    copy = new_graph()
    for triple in to_canonical_graph(graph):
        copy.add(tuple(BNode(source + t) if isinstance(t, BNode) else t for t in triple))
    return copy


def _sorted(triples: Iterable[tuple]) -> list[tuple]:
    return sorted(triples, key=lambda t: tuple(_key(term) for term in t))


def _key(term) -> str:
    return term.n3() if isinstance(term, URIRef | BNode | Literal) else str(term)


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(line + "\n" for line in lines)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
