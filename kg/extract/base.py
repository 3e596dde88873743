"""What every rule family shares: the Doc extension facts are collected in, the sentences rules may
read, and the small token tests they all use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.extract.facts import Actor, Claim, Condition, Evidence, Fact, Talks
from kg.nlp import RULES, cues

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)

QUOTE_OPEN = {"“", '"'}
QUOTE_CLOSE = {"”", '"'}
QUOTES = QUOTE_OPEN | QUOTE_CLOSE
CLAUSE_PUNCT = {".", ";", ":", "?", "!"}


def facts(doc: Doc) -> list[Fact]:
    """The facts found in `doc` so far (each rule family appends to this list)."""
    if doc._.facts is None:
        doc._.facts = []
    return doc._.facts


@cache
def confidences() -> dict[str, float]:
    """The confidence of each rule family (kg/rules/confidence.json)."""
    data = json.loads((RULES / "confidence.json").read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


def add_fact(
    doc: Doc,
    relation: str,
    subject: Actor,
    obj: Actor | Claim | Condition | Talks,
    span: Span,
    rule: str,
    confidence: float | None = None,
) -> None:
    """Record one fact with its evidence: the sentence(s) `span`, character offsets into the article,
    and the rule family that found it with that family's confidence."""
    if subject.key == getattr(obj, "key", None):
        return
    if confidence is None:
        confidence = confidences()[rule]
    text = span.text.strip()
    start = span.start_char + (len(span.text) - len(span.text.lstrip()))
    evidence = Evidence(start, start + len(text), text, rule, confidence)
    facts(doc).append(Fact(relation, subject, obj, evidence))


def content_sentences(doc: Doc) -> Iterator[Span]:
    """The sentences rules read: not boilerplate, not the headline, not empty."""
    headline_end = _headline_end(doc)
    for sent in doc.sents:
        if sent.start_char < headline_end:
            continue
        tokens = [t for t in sent if not t.is_space]
        if not tokens or any(t._.boilerplate for t in tokens[-3:]):
            continue
        yield sent


def _headline_end(doc: Doc) -> int:
    """The end of the first non-boilerplate line when it has no sentence-final punctuation (a headline)."""
    offset = 0
    for line in doc.text.split("\n"):
        stripped = line.strip()
        start = offset
        offset += len(line) + 1
        if not stripped:
            continue
        token = doc.char_span(
            start + line.index(stripped[0]), start + line.index(stripped[0]) + 1, alignment_mode="expand"
        )
        if token is not None and token[0]._.boilerplate:
            continue
        return start + len(line) if stripped[-1] not in '.!?"”' else 0
    return 0


def word_set(name: str) -> set[str]:
    """A word list of kg/rules/cues.json as a set."""
    return set(cues()[name])


def is_word(token: Token) -> bool:
    return token.is_alpha or "-" in token.text
