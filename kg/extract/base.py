"""What every rule family shares: the Doc extension facts are collected in, the sentences rules may
read, and the small token tests they all use."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.facts import Actor, Claim, Condition, Evidence, Fact, Talks
from kg.nlp import RULES, TokenTable, cues, table

FACTS = "parley_facts"  # the Doc.user_data key of the facts list
if not Doc.has_extension("facts"):
    # `Doc._.facts` reads and writes the list in user_data, where `facts` finds it without the cost of
    # `doc._` (a new Underscore object on each access)
    Doc.set_extension(
        "facts", getter=lambda doc: doc.user_data.get(FACTS), setter=lambda doc, value: _set_facts(doc, value)
    )

QUOTE_OPEN = {"“", '"'}
QUOTE_CLOSE = {"”", '"'}
POSSESSIVE = frozenset({"'s", "’s"})
QUOTES = QUOTE_OPEN | QUOTE_CLOSE


def facts(doc: Doc) -> list[Fact]:
    """The facts found in `doc` so far (each rule family appends to this list)."""
    found = doc.user_data.get(FACTS)
    if found is None:
        found = doc.user_data[FACTS] = []
    return found


def _set_facts(doc: Doc, value: list[Fact] | None) -> None:
    doc.user_data[FACTS] = value


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
    span: Sentence,
    rule: str,
    confidence: float | None = None,
) -> None:
    """Record one fact with its evidence: the sentence(s) `span`, character offsets into the article,
    and the rule family that found it with that family's confidence."""
    if subject.key == getattr(obj, "key", None):
        return
    if confidence is None:
        confidence = confidences()[rule]
    raw = table(doc).source[span.start_char : span.end_char]  # span.text would build every Token
    text = raw.strip()
    start = span.start_char + (len(raw) - len(raw.lstrip()))
    evidence = Evidence(start, start + len(text), text, rule, confidence)
    facts(doc).append(Fact(relation, subject, obj, evidence))


@dataclass(frozen=True)
class Sentence:
    """A sentence by its token and character bounds: what the rules need of it, without building a
    spaCy Span (which was a large part of the rules' time)."""

    start: int
    end: int
    start_char: int
    end_char: int


def sentence(doc: Doc, start: int, end: int) -> Sentence:
    """The Sentence of tokens [start, end)."""
    return _sentence(table(doc), start, end)


def _sentence(tokens: TokenTable, start: int, end: int) -> Sentence:
    last = max(start, end - 1)
    return Sentence(start, end, tokens.idx[start], tokens.idx[last] + len(tokens.text[last]))


def content_sentences(doc: Doc, headline: bool = False) -> list[Sentence]:
    """The sentences rules read: not boilerplate, not empty, and not the headline unless asked for
    (computed once per Doc). A headline's shorthand ("Rivals agree truce as US eases sanctions") states
    positions plainly, but its speakers and places are too often misread."""
    key = "parley_content_sentences" + ("+headline" if headline else "")
    cached = doc.user_data.get(key)
    if cached is not None:
        return cached
    headline_end = 0 if headline else _headline_end(doc)
    tokens = table(doc)
    bounds = [*tokens.sent_starts, len(doc)]
    result = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if tokens.idx[start] < headline_end:
            continue
        if _ends_in_prose(tokens, start, end):
            result.append(_sentence(tokens, start, end))
    doc.user_data[key] = result
    return result


def _ends_in_prose(tokens: TokenTable, start: int, end: int) -> bool:
    """Whether tokens [start, end) hold a word and none of their last three words is boilerplate."""
    space, boiler = tokens.space, tokens.boiler
    words = 0
    k = end - 1
    while k >= start and words < 3:
        if not space[k]:
            if boiler[k]:
                return False
            words += 1
        k -= 1
    return words > 0


def _headline_end(doc: Doc) -> int:
    """The end of the first non-boilerplate line when it has no sentence-final punctuation (a headline)."""
    offset = 0
    for line in table(doc).source.split("\n"):
        stripped = line.strip()
        start = offset
        offset += len(line) + 1
        if not stripped:
            continue
        first = start + line.index(stripped[0])
        tokens = table(doc)
        k = bisect_right(tokens.idx, first) - 1
        if 0 <= k < len(doc) and tokens.boiler[k]:
            continue
        return start + len(line) if stripped[-1] not in '.!?"”' else 0
    return 0


def sentence_of(doc: Doc, i: int) -> Sentence:
    """The sentence holding token i (token.sent walks every sentence before it; this bisects)."""
    starts = table(doc).sent_starts
    k = bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return sentence(doc, starts[k], end)


def within(positions: list[int], start: int, end: int) -> list[int]:
    """The token positions (sorted) in [start, end)."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def word_set(name: str) -> set[str]:
    """A word list of kg/rules/cues.json as a set."""
    return set(cues()[name])


def title_words() -> set[str]:
    """Every word of the titles of kg/rules/cues.json ("prime", "minister", "envoy", ...)."""
    return {word for title in cues()["titles"] for word in title.split()}


def is_word(token: Token) -> bool:
    return token.is_alpha or "-" in token.text
