"""Every RDF term Parley writes, defined once.

`PARLEY` is the ontology (``ontology/parley.ttl``); a misspelt term raises at import time because the
namespace is closed (``_fail = True``). The other namespaces are where instance data lives: one IRI
scheme per kind of node, so the same input always gives the same IRIs.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/parley/ontology"


class PARLEY(DefinedNamespace):
    """The Parley ontology: classes and properties of negotiation news."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    ArmedGroup: URIRef
    GovernmentBody: URIRef
    InternationalOrganization: URIRef
    NewsOutlet: URIRef
    Article: URIRef
    Claim: URIRef
    Talks: URIRef
    Place: URIRef
    Condition: URIRef
    Evidence: URIRef

    # The nine relations the extractor produces
    said: URIRef
    demands: URIRef
    rejects: URIRef
    accepts: URIRef
    hosts: URIRef
    mediates: URIRef
    participatesIn: URIRef
    accuses: URIRef
    memberOf: URIRef

    # Claims, talks and places
    text: URIRef
    direct: URIRef
    location: URIRef
    inCountry: URIRef

    # Evidence (one rdf:Statement per place a fact was found)
    sentence: URIRef
    start: URIRef
    end: URIRef
    confidence: URIRef
    rule: URIRef

    # Actor knowledge (ontology/actors.ttl)
    demonym: URIRef
    metonym: URIRef
    descriptor: URIRef
    capital: URIRef


BASE = "https://w3id.org/parley/"
ARTICLE = Namespace(BASE + "id/article/")
ACTOR = Namespace(BASE + "id/actor/")
CLAIM = Namespace(BASE + "id/claim/")
TALKS = Namespace(BASE + "id/talks/")
PLACE = Namespace(BASE + "id/place/")
EVIDENCE = Namespace(BASE + "id/evidence/")
CONDITION = Namespace(BASE + "condition/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES = {
    "parley": PARLEY._NS,
    "article": ARTICLE,
    "actor": ACTOR,
    "claim": CLAIM,
    "talks": TALKS,
    "place": PLACE,
    "ev": EVIDENCE,
    "cond": CONDITION,
    "schema": SCHEMA,
    "org": ORG,
}

# The project's prefixes and the standard ones its files use: what graph.ttl is written with and what
# `kg query` shortens IRIs with.
ALL_PREFIXES: dict[str, str] = {
    **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "owl": str(OWL),
}

# The relation names used in code, reports and the CLI, and the predicate each one is written as.
RELATIONS = {
    "said": PARLEY.said,
    "demands": PARLEY.demands,
    "rejects": PARLEY.rejects,
    "accepts": PARLEY.accepts,
    "hosts": PARLEY.hosts,
    "mediates": PARLEY.mediates,
    "participatesIn": PARLEY.participatesIn,
    "accuses": PARLEY.accuses,
    "memberOf": PARLEY.memberOf,
}
