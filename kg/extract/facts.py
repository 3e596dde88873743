"""The plain facts extraction produces. They know nothing of RDF; `kg.graph` turns them into triples."""

from __future__ import annotations

from dataclasses import dataclass, field

# Actor kinds, as the gold registries and the ontology name them.
PERSON, ORGANIZATION, COUNTRY = "Person", "Organization", "Country"


@dataclass(frozen=True)
class Actor:
    """An actor: `key` is its id in ontology/actors.ttl, or a slug of its name when the ontology does
    not know it. `names` are the surface forms the article used for it."""

    key: str
    label: str
    kind: str
    classes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    known: bool = False  # from the ontology (True) or recognised from the text alone (False)


@dataclass(frozen=True)
class Claim:
    """What was said: the quote or the reported clause."""

    text: str
    direct: bool


@dataclass(frozen=True)
class Condition:
    """A condition of the SKOS scheme ontology/conditions.ttl, by id."""

    id: str


@dataclass(frozen=True)
class Talks:
    """Negotiations, identified by their venue when the article names it."""

    place: str | None = None  # the venue as named ("Cairo")
    place_key: str | None = None  # its key in ontology/places.ttl, or a slug


@dataclass(frozen=True)
class Evidence:
    """Where a fact was found: the sentence, its character offsets in the article, and how sure the
    rule family that found it is."""

    start: int
    end: int
    sentence: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Fact:
    relation: str  # a key of kg.namespace.RELATIONS
    subject: Actor
    object: Actor | Claim | Condition | Talks
    evidence: Evidence


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article_id: str
    facts: list[Fact] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
