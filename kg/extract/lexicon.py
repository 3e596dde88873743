"""Compile the condition scheme's labels into spaCy Matcher patterns.

The cues are data (`skos:altLabel` and `skos:hiddenLabel` in ontology/conditions.ttl) written in a
small pattern language:

    "withdraw … force|troop"   words match a token's lemma (NORM); "a|b" is either word;
    "…" is a gap of up to 4 tokens that crosses no punctuation ("…6": up to 6);
    "#" is any number; "re:REGEX" matches the lowercase token text.

Every label of a condition goes into one Matcher rule named after the condition, so the whole scheme
is one Matcher pass over the Doc.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.knowledge import Knowledge

GAP_TOKEN = {"IS_PUNCT": False, "IS_SPACE": False}


def compile_cue(nlp: Language, cue: str) -> list[dict]:
    """One pattern-language cue -> one Matcher pattern."""
    pattern: list[dict] = []
    for word in cue.split():
        if word.startswith("…") or word == "...":
            size = int(word[1:]) if word[1:].isdigit() else 4
            pattern.append({**GAP_TOKEN, "OP": f"{{0,{size}}}"})
        elif word == "#":
            pattern.append({"LIKE_NUM": True})
        elif word.startswith("re:"):
            pattern.append({"LOWER": {"REGEX": word[3:]}})
        else:
            options = sorted({_norm(nlp, w) for w in word.split("|")} | {w.lower() for w in word.split("|")})
            pattern.append({"NORM": {"IN": options}})
    return pattern


def _norm(nlp: Language, word: str) -> str:
    doc = nlp(word)
    return doc[0].norm_ if len(doc) else word.lower()


def condition_matcher(nlp: Language, knowledge: Knowledge) -> Matcher:
    """One Matcher with a rule per condition, from its labels and cues."""
    base = _norm_pipeline(nlp)
    matcher = Matcher(nlp.vocab)
    for condition in knowledge.conditions.values():
        patterns = []
        for phrase in condition.phrases:
            patterns.append([{"NORM": {"IN": sorted({t.norm_, t.lower_})}} for t in base(phrase)])
        for cue in condition.cues:
            patterns.append(compile_cue(base, cue))
        matcher.add(condition.id, patterns)
    return matcher


def _norm_pipeline(nlp: Language) -> Language:
    from kg.nlp import make_base_pipeline

    return make_base_pipeline() if "parley_norm" not in nlp.pipe_names else nlp


def find_conditions(doc: Doc, matcher: Matcher, span: Span | None = None) -> list[Span]:
    """Condition mentions, longest first where they overlap ("permanent ceasefire" over "ceasefire")."""
    target = span if span is not None else doc
    spans = [
        Span(
            doc,
            s + target.start if span is not None else s,
            e + target.start if span is not None else e,
            label=m,
        )
        for m, s, e in matcher(target)
    ]
    return sorted(filter_spans(spans), key=lambda s: s.start)
