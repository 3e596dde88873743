"""What every rule-family table shares: run a text through the extractor and compare facts.

    check(text, present=[...], absent=[...])

A fact is written as a tuple `(relation, subject key, object)`:

- the subject is the actor's key (`"hamas"`, `"united-states"`, or the slug of a person's name,
  `"khaled-nasser"`);
- the object is an actor key (`accuses`, `memberOf`), a condition id of ontology/conditions.ttl
  (`demands`, `rejects`, `accepts`), the claim text (`said`: exactly the quote or the reported clause,
  or `Phrase("...")` for any claim containing those words), the venue as the article names it
  (`hosts`: `"Cairo"`), or `...` for "any object" (`mediates`, `participatesIn`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract import extract_article
from kg.extract.facts import Actor, ArticleFacts, Claim, Condition, Talks
from kg.ingest import Article


@dataclass(frozen=True)
class Phrase:
    """A `said` object that matches any claim whose text contains these words (case and spacing
    ignored): for split quotes and quotes running over paragraphs, where the claim may be cut in
    more than one honest way."""

    words: str

    def matches(self, text: str) -> bool:
        """Whether `text` contains the words."""
        return _squash(self.words) in _squash(text)


Expected = tuple[str, str, object]
Found = tuple[str, str, str | None]


def extract(text: str, article_id: str = "table") -> ArticleFacts:
    """Extract from `text` as if it were a one-article file."""
    return extract_article(Article(id=article_id, text=text, source=f"{article_id}.txt"))


def fact_tuples(result: ArticleFacts) -> set[Found]:
    """The facts of `result` as `(relation, subject key, object)` tuples (see the module docstring)."""
    return {(f.relation, f.subject.key, _object(f.object)) for f in result.facts}


def matches(expected: Expected, found: Found) -> bool:
    """Whether a found fact is the expected one (`...` matches any object, a `Phrase` any claim
    containing it)."""
    relation, subject, obj = expected
    if found[0] != relation or found[1] != subject:
        return False
    if obj is ...:
        return True
    if isinstance(obj, Phrase):
        return found[2] is not None and obj.matches(found[2])
    return found[2] == obj


def check(text: str, present: Iterable[Expected] = (), absent: Iterable[Expected] = ()) -> None:
    """Assert that every `present` fact was extracted from `text` and no `absent` one was."""
    found = fact_tuples(extract(text))
    missing = [e for e in present if not any(matches(e, f) for f in found)]
    unwanted = [f for e in absent for f in found if matches(e, f)]
    listing = "\n  ".join(sorted(map(repr, found))) or "(nothing)"
    assert not missing and not unwanted, (
        f"missing: {missing}\nunwanted: {unwanted}\nthe extractor found:\n  {listing}"
    )


def _object(obj: object) -> str | None:
    if isinstance(obj, Actor):
        return obj.key
    if isinstance(obj, Condition):
        return obj.id
    if isinstance(obj, Claim):
        return obj.text
    if isinstance(obj, Talks):
        return obj.place
    raise TypeError(f"unexpected fact object {obj!r}")


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("“", '"').replace("”", '"').split())
