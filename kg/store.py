"""The persistent graph of a build: an Oxigraph store under the output folder, updated article by article.

Layout of an output folder::

    output/
      store -> .store/000007    the current Oxigraph store (a symlink): what `kg query` opens
      .store/000006             the previous one, kept for readers that still have it open
      graph.ttl                 the merged view as Turtle, rewritten after every change
      report.json
      .lock                     held (fcntl.flock) by the one process changing the folder

Inside a store:

* the default graph is the merged view that queries read: the union of the article graphs, where an
  article graph is what `article_lines` gives for that article alone (its article node, its
  evidence nodes, the plain fact triples, and the description of every actor, claim, talks, place and
  condition they use), and where the few values that must be single (an actor's `rdfs:label`, a
  claim's `parley:text` and `parley:direct`, a talks' or place's label) are decided by `merge_rules`,
  which does not depend on the order articles were built in;
* the graph `MANIFEST` records, for each article, its id, source, content digest and its own graph
  (compressed N-Triples), plus the fingerprint of the code that built them and the digest of the
  graph.ttl written with the store. A build compares the manifest with what it reads: an unchanged
  article is not extracted again, a changed one has its graph replaced, a removed one taken out, and
  a triple leaves the merged view only when no remaining article gives it.

Article graphs are kept compressed in the manifest rather than as named graphs because a named graph
costs Oxigraph twice the index writes of the default graph, and a build needs them only to redo the
merge; `kg push` sends them as one named graph each.

Crash safety comes from never writing a published store: a change writes a new generation (a copy of
the current store made with `Store.backup`, i.e. hard links, or a fresh store when most of the graph
changes), then renames a new symlink over `output/store` and the new graph.ttl over the old one. A
process killed at any moment leaves the old store and the old graph.ttl whole; the next build removes
the half-made generation and starts again from the old store.
"""

from __future__ import annotations

import base64
import errno
import fcntl
import hashlib
import os
import re
import shutil
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.errors import InputError, ParleyError
from kg.extract.facts import Actor, ArticleFacts, Claim, Condition, Fact, Talks
from kg.graph import KIND_CLASSES, article_iri, condition_triples, date_literal, new_graph
from kg.ingest import Article
from kg.keys import digest, slug
from kg.namespace import (
    ACTOR,
    ALL_PREFIXES,
    CLAIM,
    CONDITION,
    EVIDENCE,
    PARLEY,
    PLACE,
    RELATIONS,
    SCHEMA,
    TALKS,
)

STORE_LINK = "store"
GRAPH_FILE = "graph.ttl"
GENERATIONS = ".store"
LOCK_FILE = ".lock"

BUILD = "https://w3id.org/parley/id/build#"
MANIFEST = ox.NamedNode(BUILD + "manifest")
"""The graph that records what the store was built from (not part of the knowledge graph)."""

TURTLE_PREFIXES: dict[str, str] = dict(sorted(ALL_PREFIXES.items()))
"""The prefixes graph.ttl is written with."""


class StoreBusy(ParleyError):
    """Another process is changing the same output folder."""


class StoreError(ParleyError):
    """The store of an output folder is missing or unreadable."""


# --- N-Triples terms ----------------------------------------------------------------------------------
#
# Article graphs are made as N-Triples lines: building terms as strings is several times faster than
# creating one rdflib or Oxigraph object per term, and Oxigraph checks every line when it loads them.

_SURROGATES = re.compile("[\ud800-\udfff]")
_SPECIAL = re.compile('[\\\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _iri(value: str) -> str:
    return f"<{value}>"


def _literal(value: str, datatype: str | None = None) -> str:
    """A literal in N-Triples; quotes, backslashes and control characters escaped, so any text fits."""
    if _SPECIAL.search(value):
        value = _SPECIAL.sub(_escape, value)
    return f'"{value}"^^<{datatype}>' if datatype else f'"{value}"'


def _term(node: URIRef | Literal) -> str:
    """An rdflib term (from the ontology files) as N-Triples."""
    if isinstance(node, Literal):
        if node.language:
            return _literal(str(node)) + "@" + node.language
        datatype = node.datatype
        return _literal(str(node), str(datatype) if datatype and datatype != XSD.string else None)
    return _iri(str(node))


def _n(node: URIRef) -> str:
    return f"<{node}>"


# The IRIs an article graph uses, as N-Triples, computed once.
_A, _LABEL, _ALT = _n(RDF.type), _n(RDFS.label), _n(SKOS.altLabel)
_TEXT, _DIRECT = _n(PARLEY.text), _n(PARLEY.direct)
_XSD_INTEGER, _XSD_DECIMAL, _XSD_BOOLEAN = str(XSD.integer), str(XSD.decimal), str(XSD.boolean)
_TRUE, _FALSE = _literal("true", _XSD_BOOLEAN), _literal("false", _XSD_BOOLEAN)
_KINDS = {kind: _n(node) for kind, node in KIND_CLASSES.items()}
_RELATIONS = {name: _n(node) for name, node in RELATIONS.items()}
_ARTICLE, _CLAIM, _TALKS, _PLACE = _n(PARLEY.Article), _n(PARLEY.Claim), _n(PARLEY.Talks), _n(PARLEY.Place)
_LOCATION, _IN_COUNTRY = _n(PARLEY.location), _n(PARLEY.inCountry)
_STATEMENT, _EVIDENCE, _ENTITY = _n(RDF.Statement), _n(PARLEY.Evidence), _n(PROV.Entity)
_SUBJECT, _PREDICATE, _OBJECT = _n(RDF.subject), _n(RDF.predicate), _n(RDF.object)
_DERIVED, _SENTENCE, _RULE = _n(PROV.wasDerivedFrom), _n(PARLEY.sentence), _n(PARLEY.rule)
_START, _END, _CONFIDENCE = _n(PARLEY.start), _n(PARLEY.end), _n(PARLEY.confidence)
_IDENTIFIER, _TITLE, _DATE = _n(DCTERMS.identifier), _n(DCTERMS.title), _n(DCTERMS.date)
_PUBLISHER, _URL, _MENTIONS = _n(DCTERMS.publisher), _n(SCHEMA.url), _n(SCHEMA.mentions)
_ACTOR_NS, _CLAIM_NS, _EVIDENCE_NS = str(ACTOR), str(CLAIM), str(EVIDENCE)
_TALKS_NS, _PLACE_NS, _CONDITION_NS = str(TALKS), str(PLACE), str(CONDITION)
_SINGLE = frozenset((_LABEL, _TEXT, _DIRECT))
"""Properties with one value per node in the merged view (see `merge_rules`)."""


_SAFE_KEY = re.compile(r"[A-Za-z0-9._~-]+")


@cache
def _key(namespace: str, key: str) -> str:
    """The IRI of a node whose key comes from extraction (an actor, a place, a condition), checked once:
    graphs are loaded without Oxigraph's IRI checks (`lenient`), so every IRI must be valid already."""
    if not _SAFE_KEY.fullmatch(key):
        ox.NamedNode(namespace + key)  # raises ValueError for an invalid IRI: the article is left out
    return f"<{namespace}{key}>"


@cache
def _class(name: str) -> str:
    return _n(PARLEY[name])  # PARLEY is closed: an unknown class name raises here, as in kg.graph


@cache
def _condition_lines(condition_id: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((_term(s), _term(p), _term(o)) for s, p, o in condition_triples(condition_id))


def _url_term(value: str) -> str:
    """An article URL: an IRI when it is a valid absolute http(s) IRI, else a plain literal."""
    if re.fullmatch(r"https?://[^\x00-\x20<>\"{}|\\^`\x7f]+", value):
        try:
            ox.NamedNode(value)
            return _iri(value)
        except ValueError:
            pass
    return _literal(value)


def _decimal(value: float) -> str:
    """Two decimals, in the canonical form Oxigraph stores (0.80 -> 0.8, 1.00 -> 1)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


# --- one article's graph --------------------------------------------------------------------------------


class _ArticleGraph:
    """The triples of one article's graph, with the rules that apply inside one article: an actor
    keeps the first label it is given, a claim's text and a talks' or place's label the last, and a
    claim is direct when any mention of it is."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.node = _iri(str(article_iri(article_id)))
        self.triples: dict[tuple[str, str, str], None] = {}  # an ordered set
        self.labels: dict[str, str] = {}  # actor node -> its label (the first given)
        self.single: dict[tuple[str, str], str] = {}  # (node, predicate) -> the value that won

    def actor(self, actor: Actor) -> str:
        node = _key(_ACTOR_NS, actor.key)
        add = self.triples.setdefault
        add((node, _A, _KINDS[actor.kind]))
        for name in actor.classes:
            add((node, _A, _class(name)))
        label = self.labels.setdefault(node, actor.label)
        for name in actor.names:
            if name != label:
                add((node, _ALT, _literal(name)))
        return node

    def talks(self, talks: Talks, host: Actor | None) -> str:
        add = self.triples.setdefault
        if talks.place:
            key = talks.place_key or slug(talks.place)
            node, place = _key(_TALKS_NS, key), _key(_PLACE_NS, key)
            add((node, _A, _TALKS))
            self.single[(node, _LABEL)] = _literal(f"talks in {talks.place}")
            add((node, _LOCATION, place))
            add((place, _A, _PLACE))
            self.single[(place, _LABEL)] = _literal(talks.place)
            if host is not None:
                add((place, _IN_COUNTRY, _key(_ACTOR_NS, host.key)))
            return node
        node = f"<{_TALKS_NS}{slug(self.article_id)}>"
        add((node, _A, _TALKS))
        self.single[(node, _LABEL)] = _literal(f"talks reported in {self.article_id}")
        return node

    def object(self, fact: Fact) -> str:
        obj = fact.object
        if isinstance(obj, Actor):
            return self.actor(obj)
        if isinstance(obj, Claim):
            node = f"<{_CLAIM_NS}{digest(fact.subject.key, ' '.join(obj.text.lower().split()))}>"
            self.triples.setdefault((node, _A, _CLAIM))
            self.single[(node, _TEXT)] = _literal(obj.text)
            direct = obj.direct or self.single.get((node, _DIRECT)) == _TRUE
            self.single[(node, _DIRECT)] = _TRUE if direct else _FALSE
            return node
        if isinstance(obj, Condition):
            for triple in _condition_lines(obj.id):
                self.triples.setdefault(triple)
            return _key(_CONDITION_NS, obj.id)
        if isinstance(obj, Talks):
            return self.talks(obj, host=fact.subject if fact.relation == "hosts" else None)
        raise TypeError(f"unknown fact object {obj!r}")

    def fact(self, fact: Fact) -> None:
        subject = self.actor(fact.subject)
        predicate = _RELATIONS[fact.relation]
        obj = self.object(fact)
        add = self.triples.setdefault
        add((subject, predicate, obj))
        ev = fact.evidence
        start, end = str(ev.start), str(ev.end)
        key = digest(self.article_id, subject[1:-1], predicate[1:-1], obj[1:-1], start, end)
        node = f"<{_EVIDENCE_NS}{key}>"
        add((node, _A, _STATEMENT))
        add((node, _A, _EVIDENCE))
        add((node, _SUBJECT, subject))
        add((node, _PREDICATE, predicate))
        add((node, _OBJECT, obj))
        add((node, _DERIVED, self.node))
        add((node, _SENTENCE, _literal(ev.sentence)))
        add((node, _START, f'"{start}"^^<{_XSD_INTEGER}>'))
        add((node, _END, f'"{end}"^^<{_XSD_INTEGER}>'))
        add((node, _CONFIDENCE, f'"{_decimal(ev.confidence)}"^^<{_XSD_DECIMAL}>'))
        add((node, _RULE, _literal(ev.rule)))

    def lines(self) -> list[str]:
        lines = [f"{s} {p} {o} ." for s, p, o in self.triples]
        lines += [f"{node} {_LABEL} {_literal(label)} ." for node, label in self.labels.items()]
        lines += [f"{node} {predicate} {value} ." for (node, predicate), value in self.single.items()]
        return lines


def article_lines(article: Article, result: ArticleFacts) -> list[str]:
    """One article's graph as N-Triples lines ("<s> <p> o ."), each triple once: its article node, its
    evidence nodes, the plain fact triples, and the description of every actor, claim, talks, place
    and condition they use (docs/GRAPH.md).

    Made as text, without rdflib, because a year of news is a million triples.
    """
    graph = _ArticleGraph(article.id)
    node, add = graph.node, graph.triples.setdefault
    add((node, _A, _ARTICLE))
    add((node, _A, _ENTITY))
    add((node, _IDENTIFIER, _literal(article.id)))
    if article.title:
        add((node, _TITLE, _literal(article.title)))
    if article.date:
        add((node, _DATE, _term(date_literal(article.date))))
    if article.outlet:
        add((node, _PUBLISHER, _literal(article.outlet)))
    if article.url:
        add((node, _URL, _url_term(article.url)))
    for actor in result.mentions:
        add((node, _MENTIONS, graph.actor(actor)))
    for fact in result.facts:
        graph.fact(fact)
    return graph.lines()


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: ingest replaces them, this is the last line of defence
        return _SURROGATES.sub("\ufffd", text).encode("utf-8")


def pack(lines: list[str]) -> str:
    """An article graph as it is kept in the manifest: N-Triples, zlib-compressed, base64."""
    return base64.b64encode(zlib.compress(_utf8("\n".join(lines)), 1)).decode("ascii")


def unpack(blob: str) -> list[str]:
    """The N-Triples lines of a `pack`ed article graph."""
    text = zlib.decompress(base64.b64decode(blob)).decode("utf-8")
    return text.split("\n") if text else []


# --- digests -------------------------------------------------------------------------------------------


def article_digest(article: Article) -> str:
    """A digest of everything about an article that reaches the graph (not where it was read from),
    and of the code that makes its graph (`pipeline_fingerprint`): an article is extracted again when
    either changes, so a graph never mixes facts from two versions of the extractor."""
    fields = (
        pipeline_fingerprint(),
        article.id,
        article.text,
        article.title,
        article.date,
        article.outlet,
        article.url,
    )
    return hashlib.sha256(_utf8(repr(fields))).hexdigest()


_READERS = {"cli", "templates", "samples", "_data", "__pycache__"}
_READER_MODULES = {"query.py", "views.py", "export.py", "serve.py", "validate.py", "push.py", "build.py"}


@cache
def pipeline_fingerprint() -> str:
    """A digest of the code and data that shape the graph: the kg package (less the modules that only
    read the graph or run the build), its rule files, the ontology, and the spaCy version."""
    from importlib.metadata import version

    from kg.resources import ontology_dir

    package = Path(__file__).resolve().parent
    files = [
        path
        for path in package.rglob("*")
        if path.suffix in {".py", ".json", ".ttl", ".txt"}
        and not set(path.relative_to(package).parts[:-1]) & _READERS
        and not (path.parent == package and path.name in _READER_MODULES)
        and path.is_file()
    ]
    files += ontology_dir().glob("*.ttl")
    hasher = hashlib.sha256(version("spacy").encode())
    for path in sorted(set(files)):
        hasher.update(path.name.encode() + b"\x00" + path.read_bytes())
    return hasher.hexdigest()


# --- the merged view --------------------------------------------------------------------------------------


def merge_rules(counts: dict[str, int]) -> str:
    """The one value a node keeps for a single-valued property, given how many articles give each
    value: the value most articles agree on, ties broken by the smaller value (in N-Triples form).
    `parley:direct` is decided apart: true when any article quotes the claim directly.

    The rule does not depend on the order articles were built in, so building in one step or in
    several gives the same graph."""
    return min(counts, key=lambda value: (-counts[value], value))


class MergedView:
    """The merged view of a set of article graphs, kept as counts so that articles can be added and
    taken out: for each triple, how many articles give it; for each single-valued property of a node,
    how many articles give each value."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.single: dict[tuple[str, str], dict[str, int]] = {}

    def add(self, lines: Iterable[str], sign: int = 1) -> None:
        """Add an article graph's lines (or with `sign` -1, take them out)."""
        counts, single = self.counts, self.single
        for line in lines:
            s, p, rest = line.split(" ", 2)
            if p in _SINGLE:
                values = single.setdefault((s, p), {})
                o = rest[:-2]
                n = values.get(o, 0) + sign
                if n:
                    values[o] = n
                else:
                    del values[o]
                    if not values:
                        del single[(s, p)]
            else:
                n = counts.get(line, 0) + sign
                if n:
                    counts[line] = n
                else:
                    del counts[line]

    def remove(self, lines: Iterable[str]) -> None:
        """Take an article graph out again."""
        self.add(lines, -1)

    def lines(self) -> set[str]:
        """The merged view as N-Triples lines: every triple some article gives, with one value for each
        single-valued property and an actor's other labels kept as skos:altLabel."""
        view = set(self.counts)
        actor = f"<{_ACTOR_NS}"
        for (s, p), values in self.single.items():
            if p == _DIRECT:
                keep = _TRUE if _TRUE in values else _FALSE
            else:
                keep = merge_rules(values) if len(values) > 1 else next(iter(values))
            view.add(f"{s} {p} {keep} .")
            if p == _LABEL and s.startswith(actor):
                view.update(f"{s} {_ALT} {value} ." for value in values if value != keep)
                view.discard(f"{s} {_ALT} {keep} .")
        return view


def merged_view(items: Iterable[tuple[Article, ArticleFacts]]) -> MergedView:
    """The merged view of some articles and what was extracted from them: what a build of just these
    articles would hold."""
    view = MergedView()
    for article, result in items:
        view.add(article_lines(article, result))
    return view


def build_graph(items: Iterable[tuple[Article, ArticleFacts]]) -> Graph:
    """`merged_view` as an rdflib Graph, for tests that read a graph."""
    graph = new_graph()
    graph.parse(data="\n".join(sorted(merged_view(items).lines())), format="nt")
    return graph


def summary(view: Iterable[str]) -> dict:
    """Figures of a merged view: facts per relation, evidence nodes, actors (key -> label), triples."""
    relations = {node: name for name, node in _RELATIONS.items()}
    facts: Counter = Counter()
    actors: dict[str, str] = {}
    evidence = triples = 0
    actor = f"<{_ACTOR_NS}"
    for line in view:
        triples += 1
        s, p, rest = line.split(" ", 2)
        if p in relations:
            facts[relations[p]] += 1
        elif p == _A and rest == f"{_EVIDENCE} .":
            evidence += 1
        elif p == _LABEL and s.startswith(actor):
            actors[s[len(actor) : -1]] = _parse_literal(rest[:-2])
    facts = Counter({name: facts[name] for name in _RELATIONS if facts[name]})
    return {"facts": facts, "evidence": evidence, "actors": dict(sorted(actors.items())), "triples": triples}


def _parse_literal(term: str) -> str:
    """The text of an N-Triples literal."""
    triple = next(iter(ox.parse(_utf8(f"<x:s> <x:p> {term} ."), format=ox.RdfFormat.N_TRIPLES)))
    return triple.object.value


# --- Turtle ------------------------------------------------------------------------------------------------

_PN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
_BARE = {
    _XSD_INTEGER: re.compile(r"[+-]?\d+"),
    _XSD_DECIMAL: re.compile(r"[+-]?\d*\.\d+"),
    _XSD_BOOLEAN: re.compile(r"true|false"),
}


class TurtleWriter:
    """Writes N-Triples lines as Turtle with the project's prefixes: one block per subject, its
    predicates and objects in sorted order, so the same graph always gives the same bytes."""

    def __init__(self, prefixes: dict[str, str] = TURTLE_PREFIXES) -> None:
        self.prefixes = prefixes
        self.namespaces = {namespace: prefix for prefix, namespace in prefixes.items()}
        self.cache: dict[str, str] = {_A: "a"}

    def iri(self, term: str) -> str:
        short = self.cache.get(term)
        if short is None:
            iri = term[1:-1]
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self.namespaces.get(iri[:cut])
            local = iri[cut:]
            short = f"{prefix}:{local}" if prefix and _PN_LOCAL.fullmatch(local) else term
            if len(self.cache) < 500_000:
                self.cache[term] = short
        return short

    def term(self, term: str) -> str:
        if term[0] == "<":
            return self.iri(term)
        if term[-1] == ">":
            value, datatype = term[1:].rsplit('"^^<', 1)
            datatype = datatype[:-1]
            bare = _BARE.get(datatype)
            if bare and bare.fullmatch(value):
                return value
            return f'"{value}"^^{self.iri(f"<{datatype}>")}'
        return term

    def write(self, lines: Iterable[str], handle: BinaryIO) -> None:
        """Write sorted N-Triples `lines` as Turtle to a binary `handle`: one block per subject."""
        out = [f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in self.prefixes.items()]
        subject = predicate = None
        iri, term = self.iri, self.term
        for line in lines:
            s, p, rest = line.split(" ", 2)
            o = term(rest[:-2])
            if s != subject:
                if subject is not None:
                    out.append(" .\n")
                out.append(f"\n{iri(s)}\n    {iri(p)} {o}")
                subject, predicate = s, p
            elif p != predicate:
                out.append(f" ;\n    {iri(p)} {o}")
                predicate = p
            else:
                out.append(f" ,\n        {o}")
            if len(out) > 20000:
                handle.write(_utf8("".join(out)))
                out = []
        if subject is not None:
            out.append(" .\n")
        handle.write(_utf8("".join(out)))


def write_turtle(view: Iterable[str], handle: BinaryIO) -> None:
    """The merged view as Turtle, sorted, written to a binary file handle."""
    TurtleWriter().write(sorted(view), handle)


# --- the Oxigraph store ---------------------------------------------------------------------------------

_ENTRY_FIELDS = {
    BUILD + "articleId": "id",
    BUILD + "source": "source",
    BUILD + "digest": "digest",
    BUILD + "triples": "blob",
}
_ID, _SOURCE, _DIGEST, _TRIPLES = (ox.NamedNode(iri) for iri in _ENTRY_FIELDS)


@dataclass(frozen=True)
class Entry:
    """What the manifest records about one article: its id, where it was read from, the digest of its
    content, and its graph (`pack`ed)."""

    id: str
    source: str
    digest: str
    blob: str = ""


class Store:
    """An Oxigraph store holding a merged view (the default graph) and its manifest."""

    def __init__(self, store: ox.Store) -> None:
        self.ox = store

    def manifest(self) -> dict[str, Entry]:
        """The articles in the store, by id, in id order."""
        fields: dict[str, dict[str, str]] = {}
        for quad in self.ox.quads_for_pattern(None, None, None, MANIFEST):
            name = _ENTRY_FIELDS.get(quad.predicate.value)
            if name:
                fields.setdefault(quad.subject.value, {})[name] = quad.object.value
        entries = [Entry(**f) for f in fields.values() if {"id", "source", "digest"} <= f.keys()]
        return {entry.id: entry for entry in sorted(entries, key=lambda e: e.id)}

    def setting(self, name: str) -> str | None:
        """A value the store records about itself: `turtleDigest`, the sha256 of the graph.ttl written
        with it."""
        for quad in self.ox.quads_for_pattern(MANIFEST, ox.NamedNode(BUILD + name), None, MANIFEST):
            return quad.object.value
        return None

    def set(self, name: str, value: str) -> None:
        """Record a value the store keeps about itself (see `setting`)."""
        predicate = ox.NamedNode(BUILD + name)
        for quad in list(self.ox.quads_for_pattern(MANIFEST, predicate, None, MANIFEST)):
            self.ox.remove(quad)
        self.ox.add(ox.Quad(MANIFEST, predicate, ox.Literal(value), MANIFEST))

    def put_entries(self, entries: Iterable[Entry]) -> None:
        """Record articles in the manifest (replacing what it said about them)."""
        entries = list(entries)
        self.remove_entries(e.id for e in entries)
        quads = []
        for entry in entries:
            node = ox.NamedNode(article_iri(entry.id))
            for predicate, value in (
                (_ID, entry.id),
                (_SOURCE, entry.source),
                (_DIGEST, entry.digest),
                (_TRIPLES, entry.blob),
            ):
                quads.append(ox.Quad(node, predicate, ox.Literal(_SURROGATES.sub("\ufffd", value)), MANIFEST))
        self.ox.bulk_extend(quads)

    def remove_entries(self, ids: Iterable[str]) -> None:
        """Forget articles in the manifest."""
        for article_id in ids:
            node = ox.NamedNode(article_iri(article_id))
            for quad in list(self.ox.quads_for_pattern(node, None, None, MANIFEST)):
                self.ox.remove(quad)

    def add_lines(self, lines: Iterable[str]) -> None:
        """Add N-Triples lines to the merged view, in batches. They are loaded without checking IRIs
        again (a fifth of the loading time): `article_lines` made every IRI from checked parts."""
        batch: list[str] = []
        size = 0
        for line in lines:
            batch.append(line)
            size += len(line)
            if size > 8_000_000:
                self.ox.bulk_load(_utf8("\n".join(batch)), format=ox.RdfFormat.N_TRIPLES, lenient=True)
                batch, size = [], 0
        if batch:
            self.ox.bulk_load(_utf8("\n".join(batch)), format=ox.RdfFormat.N_TRIPLES, lenient=True)

    def remove_lines(self, lines: Iterable[str]) -> None:
        """Take N-Triples lines out of the merged view."""
        text = _utf8("\n".join(lines))
        for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
            self.ox.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))


# --- output folders: generations, publishing, the lock ------------------------------------------------


def store_path(output: Path) -> Path:
    """Where `kg query` finds the store of an output folder."""
    return output / STORE_LINK


def _generations(output: Path) -> list[Path]:
    folder = output / GENERATIONS
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))


def _current(output: Path) -> Path | None:
    link = store_path(output)
    if not link.is_symlink():
        return None
    target = (output / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def open_read_only(output: Path) -> Store:
    """The current store of an output folder, for reading."""
    current = _current(output)
    if current is None:
        raise StoreError(f"{output}: no store (run `kg build` first)")
    try:
        return Store(ox.Store.read_only(str(current)))
    except OSError as err:
        raise StoreError(f"{current}: not a readable store ({' '.join(str(err).split())})") from None


def open_current(output: Path) -> Store | None:
    """The current store of `output`, read-only, or None before the first build."""
    return open_read_only(output) if _current(output) is not None else None


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold the output folder's lock: one process at a time may change it. A second one is refused
    at once with a message saying why (the lock goes with the process, so a killed build frees it)."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        handle = open(output / LOCK_FILE, "a+")  # noqa: SIM115 (held until the end of the block)
    except OSError as err:
        raise InputError(f"{output}: cannot write the output folder: {err.strerror or err}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise StoreBusy(
                f"{output}: another `kg build` or `kg remove` is changing this folder; "
                "run again when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clean_stale(output: Path) -> None:
    """Remove what a killed build left half-made: generations newer than the current one and
    temporary files (call with the lock held)."""
    current = _current(output)
    numbers = [int(g.name) for g in _generations(output)]
    keep: set[int] = set()
    if current is not None and current.name.isdigit():
        now = int(current.name)
        keep = {now, max((n for n in numbers if n < now), default=now)}
    for generation in _generations(output):
        if int(generation.name) not in keep:
            shutil.rmtree(generation, ignore_errors=True)
    for leftover in output.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


Clock = Callable[[str], AbstractContextManager]


class Update:
    """A new generation of the store: a copy of the current one (`fresh=False`) or an empty store, to
    change and then `publish` together with a new graph.ttl. Call with the folder's lock held."""

    def __init__(self, output: Path, fresh: bool) -> None:
        self.output = output
        self.previous = _current(output)
        generations = _generations(output)
        number = int(generations[-1].name) + 1 if generations else 1
        self.path = output / GENERATIONS / f"{number:06d}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.previous is not None and not fresh:
            ox.Store.read_only(str(self.previous)).backup(str(self.path))
        self.store = Store(ox.Store(str(self.path)))
        self._turtle: Path | None = None

    def write_turtle(self, view: Iterable[str], turtle: Path) -> None:
        """Write the merged view as Turtle beside `turtle` (not yet over it) and record its digest."""
        self._turtle = turtle.with_name(f".{turtle.name}.{os.getpid()}.tmp")
        with self._turtle.open("wb") as handle:
            hashing = _HashingWriter(handle)
            write_turtle(view, hashing)
            handle.flush()
            os.fsync(handle.fileno())
        self.store.set("turtleDigest", hashing.hexdigest())

    def publish(self, turtle: Path) -> None:
        """Point `output/store` at the new generation and rename the new graph.ttl over the old one
        (two atomic renames; a crash between them is repaired by the next build), then drop the
        generations older than the previous one."""
        self.store.ox.flush()
        self.store.ox.optimize()  # compacts what the build wrote: queries on the store run ~20% faster
        self.store = None  # type: ignore[assignment]  (Oxigraph closes the store with its last reference)
        link = store_path(self.output)
        if link.exists() and not link.is_symlink():
            raise StoreError(f"{link} is a folder Parley did not make; move it away and build again")
        tmp = self.output / f".{STORE_LINK}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(os.path.relpath(self.path, self.output), tmp)
        _fsync_dir(self.path)
        os.replace(tmp, link)
        if self._turtle is not None:
            os.replace(self._turtle, turtle)
        _fsync_dir(self.output)
        keep = {self.path.name, self.previous.name if self.previous else None}
        for generation in _generations(self.output):
            if generation.name not in keep:
                shutil.rmtree(generation, ignore_errors=True)

    def discard(self) -> None:
        """Forget the new generation (after an error): the current store stays as it was."""
        self.store = None  # type: ignore[assignment]
        shutil.rmtree(self.path, ignore_errors=True)
        if self._turtle is not None:
            self._turtle.unlink(missing_ok=True)


class _HashingWriter:
    """A binary file wrapper that hashes what is written through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return self.handle.write(data)

    def hexdigest(self) -> str:
        return self.sha.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def turtle_sha256(path: Path) -> str | None:
    """The sha256 of a file, or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


# --- changing an output folder ---------------------------------------------------------------------------


@dataclass
class Result:
    """What an output folder holds after `apply_changes`: the figures of its merged view."""

    facts: Counter
    evidence: int
    actors: dict[str, str]
    triples: int
    articles: int


def apply_changes(
    output: Path,
    put: Iterable[tuple[Entry, list[str]]] = (),
    remove: Iterable[str] = (),
    sources: dict[str, str] | None = None,
    clock: Clock | None = None,
) -> Result:
    """Bring the store and graph.ttl of `output` up to date (call with the lock held).

    `put` gives the new or changed articles, each as a manifest entry and its graph lines (it may be
    lazy: extraction runs as it is consumed); `remove` the ids to take out; `sources` new sources of
    unchanged articles. The merged view is computed from the article graphs, the store is changed by
    the difference (or written afresh when most of it changes), and graph.ttl is rewritten; both are
    published at the end, so an error or a kill before then changes nothing. With no change at all,
    only a graph.ttl that does not match the store is rewritten.
    """
    clock = clock or (lambda stage: nullcontext())
    turtle = output / GRAPH_FILE
    clean_stale(output)
    current = open_current(output)
    manifest = current.manifest() if current is not None else {}
    merged = MergedView()
    with clock("merge"):
        for entry in manifest.values():
            merged.add(unpack(entry.blob))
        old_view = merged.lines() if manifest else set()
        removed = [i for i in dict.fromkeys(remove) if i in manifest]
        for article_id in removed:
            merged.remove(unpack(manifest[article_id].blob))
    entries: dict[str, Entry] = {}
    for entry, lines in put:
        with clock("merge"):
            old = entries.get(entry.id) or manifest.get(entry.id)
            if old is not None and old.id not in removed:
                merged.remove(unpack(old.blob))
            merged.add(lines)
            entries[entry.id] = entry
    moved = [
        Entry(e.id, sources[e.id], e.digest, e.blob)
        for e in manifest.values()
        if sources and e.id in sources and e.id not in entries and e.id not in removed
    ]
    with clock("merge"):
        view = merged.lines()
        del merged
        added, taken = view - old_view, old_view - view
    figures = summary(view)
    kept = len(manifest) - len(removed) + sum(1 for i in entries if i not in manifest)
    result = Result(figures["facts"], figures["evidence"], figures["actors"], figures["triples"], kept)
    if current is not None and not (entries or removed or moved):
        if current.setting("turtleDigest") != turtle_sha256(turtle):
            with clock("serialise"):
                _rewrite_turtle(view, turtle)
        return result
    del current
    fresh = not manifest or len(added) + len(taken) > len(view) // 2
    try:
        update = Update(output, fresh)
        try:
            with clock("store"):
                store = update.store
                if fresh:
                    store.add_lines(view)
                    unchanged = [e for e in manifest.values() if e.id not in entries and e.id not in removed]
                    store.put_entries([*unchanged, *moved, *entries.values()])
                else:
                    store.remove_lines(taken)
                    store.add_lines(added)
                    store.remove_entries(removed)
                    store.put_entries([*moved, *entries.values()])
            with clock("serialise"):
                update.write_turtle(view, turtle)
            with clock("store"):
                update.publish(turtle)
        except BaseException:
            update.discard()
            raise
    except OSError as err:  # a full disk, a folder without write permission
        raise StoreError(f"{output}: cannot write the store ({err.strerror or err})") from None
    return result


def _rewrite_turtle(view: Iterable[str], turtle: Path) -> None:
    tmp = turtle.with_name(f".{turtle.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            write_turtle(view, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, turtle)
    finally:
        tmp.unlink(missing_ok=True)
