"""Actor and place knowledge, read from the ontology's data files into plain Python records.

`ontology/actors.ttl` says who the actors are (names, demonyms, capitals standing for governments,
descriptors such as "the group", types, parent organisations); `ontology/places.ttl` where places are.
The extractor reads this once per process; nothing about any actor is written in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.namespace import ACTOR, CONDITION, ORG, PARLEY, PLACE
from kg.resources import ontology_dir

KINDS = {PARLEY.Person: "Person", PARLEY.Organization: "Organization", PARLEY.Country: "Country"}
SUBCLASSES = {
    PARLEY.ArmedGroup: "ArmedGroup",
    PARLEY.GovernmentBody: "GovernmentBody",
    PARLEY.InternationalOrganization: "InternationalOrganization",
    PARLEY.NewsOutlet: "NewsOutlet",
}


@dataclass(frozen=True)
class KnownActor:
    key: str
    label: str
    kind: str
    classes: tuple[str, ...]
    names: tuple[str, ...]  # prefLabel first, then altLabels
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]
    descriptors: tuple[str, ...]
    parent: str | None  # key of the organisation or country it belongs to
    capital: str | None  # place key


@dataclass(frozen=True)
class KnownPlace:
    key: str
    label: str
    names: tuple[str, ...]
    country: str | None  # actor key


@dataclass(frozen=True)
class ConditionLabels:
    id: str
    label: str
    phrases: tuple[str, ...]  # skos:prefLabel and skos:altLabel
    cues: tuple[str, ...]  # skos:hiddenLabel, in the pattern language of kg.extract.lexicon


@dataclass(frozen=True)
class Knowledge:
    actors: dict[str, KnownActor]
    places: dict[str, KnownPlace]
    conditions: dict[str, ConditionLabels]

    def by_demonym(self) -> dict[str, str]:
        """{demonym: country key}, e.g. {"Egyptian": "egypt", "Israelis": "israel"}."""
        return {d: a.key for a in self.actors.values() for d in a.demonyms}


def _key(node: URIRef, namespace: str) -> str:
    return str(node)[len(str(namespace)) :]


def _strings(graph: Graph, node: URIRef, prop: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(node, prop)))


@cache
def load_knowledge(folder: Path | None = None) -> Knowledge:
    """Read actors.ttl, places.ttl and conditions.ttl from the ontology folder (cached)."""
    folder = folder or ontology_dir()
    graph = Graph()
    for name in ("actors.ttl", "places.ttl", "conditions.ttl"):
        path = folder / name
        if path.is_file():
            graph.parse(path, format="turtle")
    actors = {}
    for node in sorted(set(graph.subjects(SKOS.prefLabel, None))):
        if not str(node).startswith(str(ACTOR)):
            continue
        types = set(graph.objects(node, RDF.type))
        kind = next((KINDS[t] for t in KINDS if t in types), None)
        if kind is None:
            kind = "Organization" if types & set(SUBCLASSES) else None
        if kind is None:
            continue
        label = str(graph.value(node, SKOS.prefLabel))
        parent = graph.value(node, ORG.subOrganizationOf)
        capital = graph.value(node, PARLEY.capital)
        key = _key(node, ACTOR)
        actors[key] = KnownActor(
            key=key,
            label=label,
            kind=kind,
            classes=tuple(sorted(SUBCLASSES[t] for t in types if t in SUBCLASSES)),
            names=(label, *(n for n in _strings(graph, node, SKOS.altLabel) if n != label)),
            demonyms=_strings(graph, node, PARLEY.demonym),
            metonyms=_strings(graph, node, PARLEY.metonym),
            descriptors=_strings(graph, node, PARLEY.descriptor),
            parent=_key(parent, ACTOR) if parent is not None else None,
            capital=_key(capital, PLACE) if capital is not None else None,
        )
    places = {}
    for node in sorted(set(graph.subjects(RDF.type, PARLEY.Place))):
        if not str(node).startswith(str(PLACE)):
            continue
        label = str(graph.value(node, RDFS.label) or _key(node, PLACE))
        country = graph.value(node, PARLEY.inCountry)
        key = _key(node, PLACE)
        places[key] = KnownPlace(
            key=key,
            label=label,
            names=(label, *(n for n in _strings(graph, node, SKOS.altLabel) if n != label)),
            country=_key(country, ACTOR) if country is not None else None,
        )
    conditions = {}
    for node in sorted(set(graph.subjects(SKOS.inScheme, CONDITION.scheme))):
        cid = _key(node, CONDITION)
        label = str(graph.value(node, SKOS.prefLabel))
        conditions[cid] = ConditionLabels(
            id=cid,
            label=label,
            phrases=(label, *_strings(graph, node, SKOS.altLabel)),
            cues=_strings(graph, node, SKOS.hiddenLabel),
        )
    return Knowledge(actors=actors, places=places, conditions=conditions)
