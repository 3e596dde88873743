"""Extraction: from an article's text to plain facts (`kg.extract.facts`), with no RDF in sight.

    extract_article(article) -> ArticleFacts

One spaCy component per rule family (actors, attribution, positions, talks, accusations, membership)
appends to `Doc._.facts`; `collect` keeps one evidence per (fact, sentence) and lists the actors the
article mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kg.extract.facts import Actor, ArticleFacts, Fact
from kg.ingest import Article

if TYPE_CHECKING:  # spaCy is imported only when extraction runs, so `kg export` and friends start fast
    from spacy.tokens import Doc


def extract_article(article: Article) -> ArticleFacts:
    """Everything Parley finds in one article."""
    return next(extract_articles([article]))


def extract_articles(articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleFacts]:
    """Extract from many articles, streaming (nlp.pipe)."""
    from kg.extract.pipeline import shared_pipeline

    nlp = shared_pipeline()
    items = list(articles) if not isinstance(articles, list) else articles
    for article, doc in zip(items, nlp.pipe((a.text for a in items), batch_size=batch_size), strict=True):
        yield collect(article.id, doc)


def collect(article_id: str, doc: Doc) -> ArticleFacts:
    """The facts of one processed Doc: duplicates (same fact, same evidence span) dropped, actors
    merged under one label set, and the actors the article mentions."""
    seen: dict[tuple, Fact] = {}
    for fact in doc._.facts or []:
        key = (
            fact.relation,
            fact.subject.key,
            _object_key(fact.object),
            fact.evidence.start,
            fact.evidence.end,
        )
        if key not in seen or fact.evidence.confidence > seen[key].evidence.confidence:
            seen[key] = fact
    facts = sorted(
        seen.values(), key=lambda f: (f.evidence.start, f.relation, f.subject.key, _object_key(f.object))
    )
    mentioned: dict[str, Actor] = {}
    for fact in facts:
        for actor in (fact.subject, fact.object):
            if isinstance(actor, Actor):
                _merge(mentioned, actor)
    for mention in doc._.actors.mentions:
        if mention.how in {"name", "person", "official"} and mention.actor.key in mentioned:
            _merge(mentioned, mention.actor)
    return ArticleFacts(article_id, facts, sorted(mentioned.values(), key=lambda a: a.key))


def _merge(actors: dict[str, Actor], actor: Actor) -> None:
    old = actors.get(actor.key)
    if old is None:
        actors[actor.key] = actor
    else:
        names = tuple(sorted(set(old.names) | set(actor.names)))
        actors[actor.key] = Actor(old.key, old.label, old.kind, old.classes, names, old.known)


def _object_key(obj: object) -> str:
    for attribute in ("key", "id", "text", "place"):
        if hasattr(obj, attribute):
            return str(getattr(obj, attribute))
    return repr(obj)
