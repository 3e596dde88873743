"""The extraction pipeline: the language layer plus one component per rule family."""

from __future__ import annotations

from functools import cache

from spacy.language import Language

from kg.extract import accusations, actors, attribution, membership, positions, talks  # noqa: F401  (factories)
from kg.nlp import make_base_pipeline

RULE_COMPONENTS = (
    "parley_actors",
    "parley_attribution",
    "parley_positions",
    "parley_talks",
    "parley_accusations",
    "parley_membership",
)


def make_pipeline() -> Language:
    """spacy.blank("en") + Parley's components; needs no trained model."""
    nlp = make_base_pipeline()
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def shared_pipeline() -> Language:
    """One pipeline per process (building it reads the ontology and compiles the patterns)."""
    return make_pipeline()
