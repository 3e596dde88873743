"""Find condition mentions with the cues of the condition scheme.

The cues are data (`skos:altLabel` and `skos:hiddenLabel` in ontology/conditions.ttl) written in a
small pattern language:

    "withdraw … force|troop"   words match a token's lemma (NORM) or its text; "a|b" is either word;
    "…" is a gap of up to 4 tokens that crosses no punctuation but quotation marks ("…6": up to 6);
    "#" is any number; "re:REGEX" matches the lowercase token text.

spaCy's Matcher runs these patterns correctly but slowly: gaps multiply its partial matches, and it
was most of the extraction time. So each condition's cues are merged into one regular expression over
the Doc's lemmas, written once per Doc as a string ("israel must leave gaza § ..."); a match's
character offsets map back to tokens. One pass per condition, all in the regex engine's C code.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import add

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.knowledge import Knowledge
from kg.nlp import table

PUNCT = "§"  # stands for punctuation and line breaks in the lemma string: gaps do not cross it
QUOTE = "¦"  # stands for a quotation mark, which a gap crosses: lift "all the criminal sanctions"
QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’"})
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|ninety|hundred"
)
NUMBER_SET = frozenset(NUMBER_WORDS.split("|"))


def _word(options: set[str]) -> str:
    return "(?:" + "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True)) + ") "


@dataclass(frozen=True)
class CompiledCue:
    """A cue as a regular expression, with what its first token may be (a set of lemmas, or a
    regular expression for "re:" and "#" words) so that it is only tried where it can start."""

    pattern: str
    first_words: frozenset[str] = frozenset()
    first_pattern: str | None = None


def compile_cue(nlp: Language, cue: str) -> CompiledCue:
    """One pattern-language cue -> a regular expression over the lemma string."""
    parts, first_words, first_pattern = [], None, None
    for word in cue.split():
        if word.startswith("…") or word == "...":
            size = int(word[1:]) if word[1:].isdigit() else 4
            parts.append(f"(?:[^ {PUNCT}]+ ){{0,{size}}}")
            continue
        if word == "#":
            body = rf"\d[\d,.]*|{NUMBER_WORDS}"
            parts.append(f"(?:{body}) ")
            first_pattern = (
                body if first_words is None and first_pattern is None and len(parts) == 1 else first_pattern
            )
        elif word.startswith("re:"):
            body = word[3:].removeprefix("^").removesuffix("$")
            parts.append(f"(?:{body}) ")
            first_pattern = (
                body if first_words is None and first_pattern is None and len(parts) == 1 else first_pattern
            )
        else:
            options = {_norm(nlp, w) for w in word.split("|")} | {w.lower() for w in word.split("|")}
            parts.append(_word(options))
            if len(parts) == 1:
                first_words = options
    return CompiledCue("".join(parts), frozenset(first_words or ()), first_pattern)


def compile_phrase(nlp: Language, phrase: str) -> CompiledCue:
    """A label ("permanent cease-fire") matched word by word, by lemma or text."""
    tokens = [t for t in nlp(phrase) if not t.is_space]
    # a one-word label is matched as written: "guarantees" must not match the verb "guarantee"
    words = [{t.lower_} if len(tokens) == 1 else {t.norm_, t.lower_} for t in tokens]
    return CompiledCue("".join(_word(w) for w in words), frozenset(words[0]) if words else frozenset())


def _norm(nlp: Language, word: str) -> str:
    doc = nlp(word)
    return table(doc).norm[0] if len(doc) else word.lower()


@dataclass(frozen=True, slots=True)
class ConditionMention:
    """A condition named in a Doc: tokens [start, end) and the condition's id (a plain record; a spaCy
    Span costs more to make and to read)."""

    start: int
    end: int
    label: str


@dataclass
class ConditionFinder:
    """All cues of the scheme: one merged expression per condition, tried only at the tokens where
    one of its cues can begin (an index from first words to conditions)."""

    patterns: dict[str, re.Pattern]
    by_first_word: dict[str, list[str]]
    by_first_pattern: list[tuple[re.Pattern, str]]
    # the conditions that can start at a lemma, worked out once per lemma met (see `_starting`)
    starting: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_knowledge(cls, nlp: Language, knowledge: Knowledge) -> ConditionFinder:
        base = _norm_pipeline(nlp)
        patterns, by_first_word, by_first_pattern = {}, {}, []
        for condition in knowledge.conditions.values():
            cues = [compile_phrase(base, p) for p in condition.phrases]
            cues += [compile_cue(base, c) for c in condition.cues]
            alternatives = sorted((c.pattern for c in cues), key=len, reverse=True)
            patterns[condition.id] = re.compile("(?:" + "|".join(alternatives) + ")")
            for cue in cues:
                for word in cue.first_words:
                    by_first_word.setdefault(word, [])
                    if condition.id not in by_first_word[word]:
                        by_first_word[word].append(condition.id)
                if cue.first_pattern:
                    by_first_pattern.append((re.compile(cue.first_pattern), condition.id))
        return cls(patterns, by_first_word, by_first_pattern)

    def __call__(self, doc: Doc) -> list[ConditionMention]:
        """Condition mentions, the longest where two overlap ("permanent ceasefire" over "ceasefire")."""
        tokens = table(doc)
        keys = [
            norm
            if (word[:1].isalnum() or word[1:2].isalnum()) and " " not in norm
            else QUOTE if word in QUOTE_MARKS else PUNCT
            for norm, word in zip(tokens.norm, tokens.text, strict=True)
        ]
        # where each token's key begins in `text`: the lengths of the keys before it, plus one space each
        starts = list(map(add, accumulate(map(len, keys), initial=0), range(len(keys))))
        text = " ".join(keys) + " "
        found: list[ConditionMention] = []
        reached: dict[str, int] = {}  # where the last match of each condition ends
        starting = self.starting
        for key in set(keys).difference(starting):
            self._starting(key)
        # the tokens where some condition can start, and those conditions
        candidates = [(i, starting[keys[i]]) for i in compress(count(), map(starting.__getitem__, keys))]
        for i, conditions in candidates:
            for condition in conditions:
                if reached.get(condition, -1) > starts[i]:
                    continue  # inside the last match of this condition, as finditer would skip
                match = self.patterns[condition].match(text, starts[i])
                if match is None:
                    continue
                end = bisect_left(starts, match.end())
                if end > i:
                    found.append(ConditionMention(i, end, condition))
                    reached[condition] = match.end()
        # filter_spans reads only .start and .end
        return sorted(filter_spans(found), key=lambda s: s.start)

    def _starting(self, key: str) -> list[str]:
        """The conditions with a cue that can begin at lemma `key` (by its first word, or by its first
        word's pattern for "#" and "re:" words), remembered for the Docs to come."""
        conditions = self.by_first_word.get(key, [])
        if self.by_first_pattern and ("-" in key or key[:1].isdigit() or key in NUMBER_SET):
            conditions = conditions + [c for p, c in self.by_first_pattern if p.fullmatch(key)]
        self.starting[key] = conditions
        return conditions


def _norm_pipeline(nlp: Language) -> Language:
    from kg.nlp import make_base_pipeline

    return make_base_pipeline() if "parley_norm" not in nlp.pipe_names else nlp
