"""The ontology lint: every term the code and the graph use is declared in `ontology/`, with a label and a
definition, and object properties have ranges that are classes.

Only the RDF, RDFS, OWL and XSD vocabularies (the language itself) are exempt: the SKOS, PROV, Dublin
Core and schema.org terms Parley reuses are declared in the ontology too, so a reader of the ontology
finds every term of the graph there.
"""

import ast
from functools import cache
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.extract.facts import Actor, ArticleFacts, Claim, Condition, Evidence, Fact, Talks
from kg.ingest import Article
from kg.namespace import ORG, PARLEY, SCHEMA
from kg.resources import ontology_dir
from kg.store import build_graph

KG = Path(__file__).resolve().parent.parent / "kg"
FIXTURE = Path(__file__).parent / "fixtures" / "export_graph.ttl"
EXEMPT = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
CLASS_TYPES = {OWL.Class, RDFS.Class}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
# How the code names namespaces: `PARLEY.said`, `DCTERMS.title`, `SKOS["altLabel"]`...
CODE_NAMESPACES = {
    "PARLEY": PARLEY._NS,
    "DCTERMS": DCTERMS,
    "PROV": PROV,
    "SKOS": SKOS,
    "SCHEMA": SCHEMA,
    "ORG": ORG,
}


@cache
def ontology() -> Graph:
    graph = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def declared(term: URIRef) -> bool:
    types = set(ontology().objects(term, RDF.type))
    return bool(types & (CLASS_TYPES | PROPERTY_TYPES))


def built_graph() -> Graph:
    """A graph the builder writes, going through every branch of kg.graph."""
    rsf = Actor(
        "rapid-support-forces", "Rapid Support Forces", "Organization", ("ArmedGroup",), ("RSF",), True
    )
    army = Actor("sudanese-armed-forces", "Sudanese Armed Forces", "Organization", ("ArmedGroup",))
    saudi = Actor("saudi-arabia", "Saudi Arabia", "Country", names=("Riyadh",))
    blinken = Actor("antony-blinken", "Antony Blinken", "Person")
    evidence = Evidence(0, 40, "A sentence.", "test.rule", 0.8)
    article = Article(
        "d01", "...", "d01.txt", title="Truce", date="2023-05-21", outlet="Reuters", url="https://e.org"
    )
    facts = ArticleFacts(
        "d01",
        facts=[
            Fact("said", blinken, Claim("There will be consequences", True), evidence),
            Fact("demands", rsf, Condition("temporary-ceasefire"), evidence),
            Fact("rejects", army, Condition("troop-withdrawal"), evidence),
            Fact("accepts", army, Condition("humanitarian-aid"), evidence),
            Fact("hosts", saudi, Talks("Jeddah", "jeddah"), evidence),
            Fact("mediates", blinken, Talks(), evidence),
            Fact("participatesIn", rsf, Talks("Jeddah", "jeddah"), evidence),
            Fact("accuses", rsf, army, evidence),
            Fact("memberOf", blinken, saudi, evidence),
        ],
        mentions=[rsf, army, saudi, blinken],
    )
    return build_graph([(article, facts)])


def graph_terms() -> set[URIRef]:
    """Every predicate and every class used in a built graph and in the hand-written fixture."""
    terms: set[URIRef] = set()
    for graph in (built_graph(), Graph().parse(FIXTURE)):
        terms |= set(graph.predicates())
        terms |= {o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}
    return terms


def code_terms() -> set[URIRef]:
    """Every `NAMESPACE.term` and `NAMESPACE["term"]` written in the package's Python code."""
    terms: set[URIRef] = set()
    for path in KG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                name, term = node.value.id, node.attr
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
            ):
                name, term = node.value.id, node.slice.value
            else:
                continue
            if name in CODE_NAMESPACES and not term.startswith("_") and term not in ("term", "uri"):
                terms.add(URIRef(str(CODE_NAMESPACES[name]) + term))
    return terms


def parley_terms() -> set[URIRef]:
    """Every term of the closed namespace kg.namespace.PARLEY."""
    return {PARLEY[name] for name in PARLEY.__annotations__}


def ontology_terms() -> set[URIRef]:
    """Every class and property the ontology files declare."""
    return {
        s
        for kind in CLASS_TYPES | PROPERTY_TYPES
        for s in ontology().subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }


def show(terms) -> list[str]:
    return sorted(str(t) for t in terms)


@pytest.mark.parametrize(
    "source", [parley_terms, code_terms, graph_terms], ids=["namespace.PARLEY", "kg code", "built graph"]
)
def test_every_term_used_is_declared_in_the_ontology(source):
    used = {t for t in source() if not str(t).startswith(EXEMPT)}

    assert used, "the lint found no terms at all: it is looking in the wrong place"
    assert show(t for t in used if not declared(t)) == []


def test_every_declared_term_has_a_label_and_a_definition():
    terms = ontology_terms()
    missing_label = [t for t in terms if (t, RDFS.label, None) not in ontology()]
    missing_definition = [
        t
        for t in terms
        if (t, SKOS.definition, None) not in ontology() and (t, RDFS.comment, None) not in ontology()
    ]

    assert show(missing_label) == []
    assert show(missing_definition) == []


def test_every_condition_has_a_label_and_a_definition():
    concepts = set(ontology().subjects(SKOS.inScheme, URIRef("https://w3id.org/parley/condition/scheme")))

    assert len(concepts) > 10
    assert show(c for c in concepts if (c, SKOS.prefLabel, None) not in ontology()) == []
    assert show(c for c in concepts if (c, SKOS.definition, None) not in ontology()) == []


def _range_classes(range_node) -> list:
    """The classes a range names: itself, or the members of an owl:unionOf."""
    if isinstance(range_node, BNode):
        members = ontology().value(range_node, OWL.unionOf)
        return list(Collection(ontology(), members)) if members is not None else [range_node]
    return [range_node]


def is_class(node) -> bool:
    return bool(set(ontology().objects(node, RDF.type)) & CLASS_TYPES)


def test_object_properties_have_ranges_that_are_classes():
    properties = set(ontology().subjects(RDF.type, OWL.ObjectProperty))
    no_range = [p for p in properties if (p, RDFS.range, None) not in ontology()]
    not_classes = [
        (str(p), str(c))
        for p in properties
        for r in ontology().objects(p, RDFS.range)
        for c in _range_classes(r)
        if not is_class(c)
    ]

    assert properties
    assert show(no_range) == []
    assert sorted(not_classes) == []


def test_properties_the_graph_uses_are_declared_as_the_kind_their_values_are():
    # a property whose values in the graph are nodes is an object property, one with literals a
    # datatype (or annotation) property
    graph = built_graph() + Graph().parse(FIXTURE)
    wrong = []
    for predicate in set(graph.predicates()):
        if str(predicate).startswith(EXEMPT):
            continue
        kinds = set(ontology().objects(predicate, RDF.type))
        values = list(graph.objects(None, predicate))
        if all(isinstance(v, URIRef) for v in values) and OWL.DatatypeProperty in kinds:
            wrong.append(f"{predicate} has node values but is an owl:DatatypeProperty")
        if all(isinstance(v, Literal) for v in values) and OWL.ObjectProperty in kinds:
            wrong.append(f"{predicate} has literal values but is an owl:ObjectProperty")

    assert wrong == []
