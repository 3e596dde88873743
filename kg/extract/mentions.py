"""Actor mentions: the spans of a Doc that name, describe or point back to an actor.

The recogniser (`kg.extract.actors`) fills `Doc._.mentions`; the relation rules read it through the
helpers here, so none of them needs to know how an actor was recognised.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.base import Sentence
from kg.extract.facts import Actor

# How a mention names its actor: by a name ("Hamas"), a capital standing for its government ("Cairo"),
# a demonym ("the Israelis"), an unnamed official ("an Egyptian source"), a person's name, an
# organisation recognised from its form ("University of Nairobi"), a pronoun, or a description.
HOWS = ("name", "metonym", "demonym", "official", "person", "org", "pronoun", "descriptor")
AT_REACH = 12  # DocActors.at looks for a mention starting this many tokens before the token, at most


@dataclass
class Mention:
    start: int  # token indices in the Doc, end exclusive
    end: int
    actor: Actor
    how: str
    title: str | None = None  # for a person introduced with a title ("Foreign Minister")
    also: tuple[Actor, ...] = ()  # more actors a plural description points to ("the two countries")

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.actor, *self.also)


@dataclass
class Affiliation:
    """A person's organisation or country as the article gives it (title, apposition, description)."""

    person: Mention
    organisation: Actor
    sentence: Sentence
    rule: str


@dataclass
class DocActors:
    """What the recogniser found in one Doc."""

    mentions: list[Mention] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    places: list[tuple[int, int, str, str, str | None]] = field(
        default_factory=list
    )  # start, end, key, name, country
    government: Actor | None = None  # the country "the government" refers to in this article

    def sort(self) -> None:
        """Order the mentions by start (the longest first) and index them for `between` and `at`."""
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        # at(i) is the first mention in this order that covers token i and starts at most AT_REACH tokens
        # before it: filled in once here, so each at() is a list lookup
        covering: list[Mention | None] = [None] * max((m.end for m in self.mentions), default=0)
        for m in self.mentions:
            for k in range(m.start, min(m.end, m.start + AT_REACH + 1)):
                if covering[k] is None:
                    covering[k] = m
        self._covering = covering

    def at(self, i: int) -> Mention | None:
        """The mention covering token i, if any (one starting at most AT_REACH tokens before it)."""
        return self._covering[i] if 0 <= i < len(self._covering) else None

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def in_span(self, span: Sentence) -> list[Mention]:
        return [m for m in self.between(span.start, span.end) if m.end <= span.end]


def doc_actors(doc: Doc) -> DocActors:
    return doc._.actors


if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)
