"""Turn extracted facts into an RDF graph that keeps the contract of docs/GRAPH.md.

Each fact becomes its plain triple plus one `rdf:Statement` evidence node per place it was found. All
IRIs come from normalised keys and hashes, and the Turtle is written by rdflib's `longturtle`
serialiser, so the same input gives the same file byte for byte.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.extract.facts import Actor, ArticleFacts, Claim, Condition, Fact, Talks
from kg.ingest import Article
from kg.keys import digest, slug
from kg.namespace import (
    ACTOR,
    ARTICLE,
    CLAIM,
    CONDITION,
    EVIDENCE,
    PARLEY,
    PLACE,
    PREFIXES,
    RELATIONS,
    SCHEMA,
    TALKS,
)
from kg.resources import ontology_dir

KIND_CLASSES = {"Person": PARLEY.Person, "Organization": PARLEY.Organization, "Country": PARLEY.Country}
CONDITION_PROPERTIES = (RDF.type, SKOS.prefLabel, SKOS.inScheme, SKOS.broader, SKOS.definition)


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("prov", PROV)
    graph.bind("dcterms", DCTERMS)
    graph.bind("skos", SKOS)
    return graph


def article_iri(article_id: str) -> URIRef:
    return ARTICLE[slug(article_id) + "-" + digest(article_id)[:6]]


def add_article(graph: Graph, article: Article, result: ArticleFacts) -> None:
    """Add one article, its actors and its facts (with their evidence) to `graph`."""
    node = article_iri(article.id)
    graph.add((node, RDF.type, PARLEY.Article))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, Literal(article.id)))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.date:
        graph.add((node, DCTERMS.date, _date_literal(article.date)))
    if article.outlet:
        graph.add((node, DCTERMS.publisher, Literal(article.outlet)))
    if article.url:
        graph.add((node, SCHEMA.url, _url(article.url)))
    for actor in result.mentions:
        graph.add((node, SCHEMA.mentions, _add_actor(graph, actor)))
    for fact in result.facts:
        _add_fact(graph, node, article.id, fact)


def _add_actor(graph: Graph, actor: Actor) -> URIRef:
    node = ACTOR[actor.key]
    graph.add((node, RDF.type, KIND_CLASSES[actor.kind]))
    for name in actor.classes:
        graph.add((node, RDF.type, PARLEY[name]))
    if (node, RDFS.label, None) not in graph:
        graph.add((node, RDFS.label, Literal(actor.label)))
    label = graph.value(node, RDFS.label)
    for name in actor.names:
        if name != str(label):
            graph.add((node, SKOS.altLabel, Literal(name)))
    return node


def _add_fact(graph: Graph, article: URIRef, article_id: str, fact: Fact) -> None:
    subject = _add_actor(graph, fact.subject)
    predicate = RELATIONS[fact.relation]
    obj = _add_object(graph, article_id, fact)
    graph.add((subject, predicate, obj))
    ev = fact.evidence
    node = EVIDENCE[digest(article_id, str(subject), str(predicate), str(obj), str(ev.start), str(ev.end))]
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.type, PARLEY.Evidence))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, PARLEY.sentence, Literal(ev.sentence)))
    graph.add((node, PARLEY.start, Literal(ev.start)))
    graph.add((node, PARLEY.end, Literal(ev.end)))
    graph.add((node, PARLEY.confidence, Literal(Decimal(f"{ev.confidence:.2f}"))))
    graph.add((node, PARLEY.rule, Literal(ev.rule)))


def _add_object(graph: Graph, article_id: str, fact: Fact) -> URIRef:
    obj = fact.object
    if isinstance(obj, Actor):
        return _add_actor(graph, obj)
    if isinstance(obj, Claim):
        node = CLAIM[digest(fact.subject.key, " ".join(obj.text.lower().split()))]
        graph.add((node, RDF.type, PARLEY.Claim))
        graph.set((node, PARLEY.text, Literal(obj.text)))
        direct = obj.direct or bool(graph.value(node, PARLEY.direct))
        graph.set((node, PARLEY.direct, Literal(direct)))
        return node
    if isinstance(obj, Condition):
        node = CONDITION[obj.id]
        for triple in _condition_triples(obj.id):
            graph.add(triple)
        return node
    if isinstance(obj, Talks):
        return _add_talks(graph, article_id, obj, host=fact.subject if fact.relation == "hosts" else None)
    raise TypeError(f"unknown fact object {obj!r}")


def _add_talks(graph: Graph, article_id: str, talks: Talks, host: Actor | None) -> URIRef:
    if talks.place:
        key = talks.place_key or slug(talks.place)
        node = TALKS[key]
        place = PLACE[key]
        graph.add((node, RDF.type, PARLEY.Talks))
        graph.set((node, RDFS.label, Literal(f"talks in {talks.place}")))
        graph.add((node, PARLEY.location, place))
        graph.add((place, RDF.type, PARLEY.Place))
        graph.set((place, RDFS.label, Literal(talks.place)))
        if host is not None:
            graph.add((place, PARLEY.inCountry, ACTOR[host.key]))
        return node
    node = TALKS[slug(article_id)]
    graph.add((node, RDF.type, PARLEY.Talks))
    graph.set((node, RDFS.label, Literal(f"talks reported in {article_id}")))
    return node


@cache
def _conditions_graph() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "conditions.ttl", format="turtle")
    return graph


def _condition_triples(condition_id: str) -> list[tuple]:
    node = CONDITION[condition_id]
    scheme = _conditions_graph()
    return [(node, p, o) for p in CONDITION_PROPERTIES for o in scheme.objects(node, p)]


def _date_literal(value: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"--\d\d-\d\d", value):
        return Literal(value, datatype=XSD.gMonthDay)
    match = re.match(r"(\d{4}-\d\d-\d\d)T", value)
    return Literal(match.group(1), datatype=XSD.date) if match else Literal(value)


def _url(value: str) -> URIRef | Literal:
    return URIRef(value) if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value) else Literal(value)


def build_graph(items: Iterable[tuple[Article, ArticleFacts]]) -> Graph:
    """One graph from every article and what was extracted from it."""
    graph = new_graph()
    for article, result in items:
        add_article(graph, article, result)
    return graph


def serialize(graph: Graph) -> str:
    """Stable, diffable Turtle with the project's prefixes."""
    return graph.serialize(format="longturtle")


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
