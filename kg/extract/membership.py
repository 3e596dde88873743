"""Memberships: a named person's organisation or country, as the article gives it.

The actor recogniser records each affiliation it reads in a title ("Israeli Prime Minister X"), an
apposition ("X, a Hamas official") or a description ("X, who heads the ELN's negotiating team"); this
component turns them into `memberOf` facts. A former affiliation ("former Nigerian president") is not
recorded at all.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.base import add_fact


class Membership:
    """The `parley_membership` component."""

    def __call__(self, doc: Doc) -> Doc:
        for affiliation in doc._.actors.affiliations:
            if affiliation.person.actor.key != affiliation.organisation.key:
                add_fact(
                    doc,
                    "memberOf",
                    affiliation.person.actor,
                    affiliation.organisation,
                    affiliation.sentence,
                    affiliation.rule,
                )
        return doc


@Language.factory("parley_membership")
def make_membership(nlp: Language, name: str) -> Membership:
    return Membership()
