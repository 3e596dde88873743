"""The ontology's data files: parley.ttl (the OWL ontology), actors.ttl and places.ttl.

Each test states one rule of the files and lists every entry that breaks it, so a failure reads as a
to-do list.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.namespace import ACTOR, ONTOLOGY_IRI, ORG, PARLEY, PLACE
from kg.resources import ontology_dir

# rdflib's closed XSD namespace warns whenever pytest probes module attributes; a plain one does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
FILES = ("parley.ttl", "actors.ttl", "places.ttl")
ACTOR_KINDS = {PARLEY.Person, PARLEY.Organization, PARLEY.Country}
ORGANIZATION_KINDS = {
    PARLEY.ArmedGroup,
    PARLEY.GovernmentBody,
    PARLEY.InternationalOrganization,
    PARLEY.NewsOutlet,
}
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATATYPE_RANGES = {
    "text": XSD.string,
    "direct": XSD.boolean,
    "sentence": XSD.string,
    "start": XSD.integer,
    "end": XSD.integer,
    "confidence": XSD.decimal,
    "rule": XSD.string,
    "demonym": XSD.string,
    "metonym": XSD.string,
    "descriptor": XSD.string,
}
OBJECT_RANGES = {
    "said": PARLEY.Claim,
    "demands": PARLEY.Condition,
    "rejects": PARLEY.Condition,
    "accepts": PARLEY.Condition,
    "hosts": PARLEY.Talks,
    "mediates": PARLEY.Talks,
    "participatesIn": PARLEY.Talks,
    "accuses": PARLEY.Actor,
    "memberOf": PARLEY.Actor,
    "location": PARLEY.Place,
    "inCountry": PARLEY.Country,
    "capital": PARLEY.Place,
}
PARLEY_TERMS = [PARLEY[name] for name in PARLEY.__annotations__]


def _load(name: str) -> Graph:
    return Graph().parse(ontology_dir() / name, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _load("parley.ttl")


@pytest.fixture(scope="module")
def actors() -> Graph:
    return _load("actors.ttl")


@pytest.fixture(scope="module")
def places() -> Graph:
    return _load("places.ttl")


def _actor_nodes(graph: Graph) -> list[URIRef]:
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(ACTOR))})


def _place_nodes(graph: Graph) -> list[URIRef]:
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(PLACE))})


def _shared(graph: Graph, nodes: list[URIRef], predicates: tuple[URIRef, ...]) -> dict[str, set[str]]:
    """{casefolded value: nodes} for the values that more than one node has."""
    owners: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        for predicate in predicates:
            for value in graph.objects(node, predicate):
                owners[str(value).casefold()].add(node.n3())
    return {value: nodes for value, nodes in owners.items() if len(nodes) > 1}


# -- every file -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_is_not_empty(name):
    assert len(_load(name)) > 0


@pytest.mark.parametrize("name", ["actors.ttl", "places.ttl"])
def test_literals_are_plain_strings_without_language_tags(name):
    graph = _load(name)
    bad = [
        (s.n3(), o.n3())
        for s, o in graph.subject_objects()
        if isinstance(o, Literal) and (o.language is not None or o.datatype not in (None, XSD.string))
    ]
    assert not bad, f"{name}: literals with a language tag or a datatype: {bad}"


@pytest.mark.parametrize("name", ["actors.ttl", "places.ttl"])
def test_data_files_use_only_terms_the_ontology_declares(name, ontology):
    graph = _load(name)
    declared = set(ontology.subjects(RDF.type, None))
    used = set(graph.predicates()) - {RDF.type} | set(graph.objects(None, RDF.type))
    assert not sorted(used - declared), f"{name} uses terms parley.ttl does not declare"


# -- parley.ttl -----------------------------------------------------------------------------------


def test_ontology_header(ontology):
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo, RDFS.seeAlso):
        assert ontology.value(header, prop) is not None, f"the ontology header has no {prop}"


@pytest.mark.parametrize("term", PARLEY_TERMS, ids=lambda t: t.fragment)
def test_every_parley_term_is_declared_labelled_and_defined(ontology, term):
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"{term} is not declared"
    assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
    definition = ontology.value(term, SKOS.definition)
    assert definition is not None and len(str(definition).split()) >= 5, f"{term} has no real definition"
    assert ontology.value(term, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI)


def test_ontology_declares_no_parley_term_the_code_does_not_know(ontology):
    declared = {s for s in ontology.subjects(RDF.type, None) if s.startswith(str(PARLEY._NS))}
    assert not sorted(declared - set(PARLEY_TERMS))


def test_object_properties_range_over_classes(ontology):
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if not prop.startswith(str(PARLEY._NS)):
            continue
        ranges = set(ontology.objects(prop, RDFS.range))
        assert ranges, f"{prop} has no rdfs:range"
        assert ranges <= classes, f"{prop} ranges over something that is not a class: {ranges - classes}"


@pytest.mark.parametrize(("name", "expected"), OBJECT_RANGES.items())
def test_relation_ranges(ontology, name, expected):
    assert (PARLEY[name], RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(PARLEY[name], RDFS.range) == expected


@pytest.mark.parametrize(("name", "expected"), DATATYPE_RANGES.items())
def test_literal_property_ranges(ontology, name, expected):
    assert (PARLEY[name], RDF.type, OWL.DatatypeProperty) in ontology
    assert ontology.value(PARLEY[name], RDFS.range) == expected


# -- actors.ttl -----------------------------------------------------------------------------------


def test_actor_keys_are_lowercase_hyphenated(actors):
    bad = [n.n3() for n in _actor_nodes(actors) if not KEY.match(str(n)[len(str(ACTOR)) :])]
    assert not bad, f"actor keys that are not lowercase-hyphenated: {bad}"


def test_every_actor_has_one_preferred_label(actors):
    bad = [n.n3() for n in _actor_nodes(actors) if len(list(actors.objects(n, SKOS.prefLabel))) != 1]
    assert not bad, f"actors without exactly one skos:prefLabel: {bad}"


def test_every_actor_is_a_person_organization_or_country(actors):
    nodes = _actor_nodes(actors)
    untyped = [n.n3() for n in nodes if not set(actors.objects(n, RDF.type)) & ACTOR_KINDS]
    assert not untyped, (
        f"actors typed neither parley:Person, parley:Organization nor parley:Country: {untyped}"
    )
    # A subclass is stated together with parley:Organization, so readers need no reasoner.
    partial = [
        n.n3()
        for n in nodes
        if set(actors.objects(n, RDF.type)) & ORGANIZATION_KINDS
        and (n, RDF.type, PARLEY.Organization) not in actors
    ]
    assert not partial, f"actors with an organisation subclass but not parley:Organization: {partial}"


def test_actors_file_holds_no_people(actors):
    assert not list(actors.subjects(RDF.type, PARLEY.Person))


def test_no_two_actors_share_a_name(actors):
    shared = _shared(actors, _actor_nodes(actors), (SKOS.prefLabel, SKOS.altLabel))
    assert not shared, f"names given to more than one actor: {shared}"


def test_no_actor_lists_a_name_twice(actors):
    repeated = []
    for node in _actor_nodes(actors):
        names = [str(o).casefold() for p in (SKOS.prefLabel, SKOS.altLabel) for o in actors.objects(node, p)]
        if len(names) != len(set(names)):
            repeated.append(node.n3())
    assert not repeated, f"actors that list a name twice (ignoring case): {repeated}"


@pytest.mark.parametrize("predicate", [PARLEY.demonym, PARLEY.metonym], ids=["demonym", "metonym"])
def test_demonyms_and_metonyms_point_to_one_actor(actors, predicate):
    shared = _shared(actors, _actor_nodes(actors), (predicate,))
    assert not shared, f"{predicate.fragment}s given to more than one actor: {shared}"


def test_descriptors_are_lowercase_common_nouns(actors):
    # the extractor reads "the group said" in lowercase and compares it with these
    bad = sorted({str(o) for o in actors.objects(None, PARLEY.descriptor) if str(o) != str(o).lower()})
    assert not bad, f"descriptors that are not lowercase: {bad}"


def test_every_country_has_one_capital_declared_in_places(actors, places):
    known = set(places.subjects(RDF.type, PARLEY.Place))
    countries = sorted(actors.subjects(RDF.type, PARLEY.Country))
    assert len(countries) >= 193
    bad = [c.n3() for c in countries if len(list(actors.objects(c, PARLEY.capital))) != 1]
    assert not bad, f"countries without exactly one parley:capital: {bad}"
    missing = sorted({o.n3() for o in actors.objects(None, PARLEY.capital)} - {p.n3() for p in known})
    assert not missing, f"capitals that places.ttl does not declare: {missing}"


def test_parent_organisations_are_declared(actors):
    known = set(_actor_nodes(actors))
    missing = sorted({o.n3() for o in actors.objects(None, ORG.subOrganizationOf)} - {n.n3() for n in known})
    assert not missing, f"org:subOrganizationOf targets that actors.ttl does not declare: {missing}"


# -- places.ttl -----------------------------------------------------------------------------------


def test_place_keys_are_lowercase_hyphenated(places):
    bad = [n.n3() for n in _place_nodes(places) if not KEY.match(str(n)[len(str(PLACE)) :])]
    assert not bad, f"place keys that are not lowercase-hyphenated: {bad}"


def test_every_place_is_a_place_with_one_label(places):
    bad = [
        n.n3()
        for n in _place_nodes(places)
        if (n, RDF.type, PARLEY.Place) not in places or len(list(places.objects(n, RDFS.label))) != 1
    ]
    assert not bad, f"places not typed parley:Place or without exactly one rdfs:label: {bad}"


def test_no_two_places_share_a_name(places):
    shared = _shared(places, _place_nodes(places), (RDFS.label, SKOS.altLabel))
    assert not shared, f"names given to more than one place: {shared}"


def test_places_lie_in_declared_countries(actors, places):
    countries = {c.n3() for c in actors.subjects(RDF.type, PARLEY.Country)}
    targets = {o.n3() for o in places.objects(None, PARLEY.inCountry)}
    assert not sorted(targets - countries), "parley:inCountry targets that are not countries in actors.ttl"


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("jeddah", "saudi-arabia"),
        ("geneva", "switzerland"),
        ("sharm-el-sheikh", "egypt"),
        ("camp-david", "united-states"),
        ("goma", "drc"),
        ("kyiv", "ukraine"),
        ("bogota", "colombia"),
        ("sanaa", "yemen"),
        ("khartoum", "sudan"),
        ("gaza-city", "palestine"),
    ],
)
def test_talks_venues(places, place, country):
    assert places.value(PLACE[place], PARLEY.inCountry) == ACTOR[country]
