"""Find condition mentions with the cues of the condition scheme.

The cues are data (`skos:altLabel` and `skos:hiddenLabel` in ontology/conditions.ttl) written in a
small pattern language:

    "withdraw … force|troop"   words match a token's lemma (NORM) or its text; "a|b" is either word;
    "…" is a gap of up to 4 tokens that crosses no punctuation ("…6": up to 6);
    "#" is any number; "re:REGEX" matches the lowercase token text.

spaCy's Matcher runs these patterns correctly but slowly: gaps multiply its partial matches, and it
was most of the extraction time. So each condition's cues are merged into one regular expression over
the Doc's lemmas, written once per Doc as a string ("israel must leave gaza § ..."); a match's
character offsets map back to tokens. One pass per condition, all in the regex engine's C code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.knowledge import Knowledge
from kg.nlp import table

PUNCT = "§"  # stands for punctuation and line breaks in the lemma string: gaps do not cross it
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|ninety|hundred"
)


def _word(options: set[str]) -> str:
    return "(?:" + "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True)) + ") "


def compile_cue(nlp: Language, cue: str) -> str:
    """One pattern-language cue -> a regular expression over the lemma string."""
    parts = []
    for word in cue.split():
        if word.startswith("…") or word == "...":
            size = int(word[1:]) if word[1:].isdigit() else 4
            parts.append(f"(?:[^ {PUNCT}]+ ){{0,{size}}}")
        elif word == "#":
            parts.append(rf"(?:\d[\d,.]*|{NUMBER_WORDS}) ")
        elif word.startswith("re:"):
            body = word[3:].removeprefix("^").removesuffix("$")
            parts.append(f"(?:{body}) ")
        else:
            options = {_norm(nlp, w) for w in word.split("|")} | {w.lower() for w in word.split("|")}
            parts.append(_word(options))
    return "".join(parts)


def compile_phrase(nlp: Language, phrase: str) -> str:
    """A label ("permanent cease-fire") matched word by word, by lemma or text."""
    return "".join(_word({t.norm_, t.lower_}) for t in nlp(phrase) if not t.is_space)


def _norm(nlp: Language, word: str) -> str:
    doc = nlp(word)
    return table(doc).norm[0] if len(doc) else word.lower()


@dataclass
class ConditionFinder:
    """All cues of the scheme, one merged expression per condition."""

    patterns: dict[str, re.Pattern]

    @classmethod
    def from_knowledge(cls, nlp: Language, knowledge: Knowledge) -> ConditionFinder:
        base = _norm_pipeline(nlp)
        patterns = {}
        for condition in knowledge.conditions.values():
            alternatives = [compile_phrase(base, p) for p in condition.phrases]
            alternatives += [compile_cue(base, c) for c in condition.cues]
            alternatives.sort(key=len, reverse=True)
            patterns[condition.id] = re.compile("(?<![^ ])(?:" + "|".join(alternatives) + ")")
        return cls(patterns)

    def __call__(self, doc: Doc) -> list[Span]:
        """Condition mentions, the longest where two overlap ("permanent ceasefire" over "ceasefire")."""
        tokens = table(doc)
        keys = [
            norm if (word[:1].isalnum() or word[1:2].isalnum()) and " " not in norm else PUNCT
            for norm, word in zip(tokens.norm, tokens.text, strict=True)
        ]
        starts = [0, *accumulate(len(key) + 1 for key in keys)][:-1]
        text = " ".join(keys) + " "
        spans = []
        for condition, pattern in self.patterns.items():
            for match in pattern.finditer(text):
                start = bisect_right(starts, match.start()) - 1
                end = bisect_left(starts, match.end())
                if end > start:
                    spans.append(Span(doc, start, end, label=condition))
        return sorted(filter_spans(spans), key=lambda s: s.start)


def _norm_pipeline(nlp: Language) -> Language:
    from kg.nlp import make_base_pipeline

    return make_base_pipeline() if "parley_norm" not in nlp.pipe_names else nlp
