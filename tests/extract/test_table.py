"""The table helper itself: a row fails when a fact is missing or an unwanted one is found, so no
table row can pass whatever the extractor does."""

from __future__ import annotations

import pytest

from .table import Phrase, check, matches

SENTENCE = "Hamas accused Israel of stalling the negotiations."


def test_a_missing_fact_fails_the_row() -> None:
    with pytest.raises(AssertionError, match="missing"):
        check(SENTENCE, present=[("accuses", "israel", "hamas")])


def test_an_unwanted_fact_fails_the_row() -> None:
    with pytest.raises(AssertionError, match="unwanted"):
        check(SENTENCE, absent=[("accuses", "hamas", ...)])


def test_objects_match_exactly_unless_any_or_a_phrase() -> None:
    claim = ("said", "qatar", "the talks would resume on Monday")
    assert matches(("said", "qatar", "the talks would resume on Monday"), claim)
    assert not matches(("said", "qatar", "talks would resume on Monday"), claim)
    assert matches(("said", "qatar", ...), claim)
    assert not matches(("said", "egypt", ...), claim)
    assert matches(("said", "qatar", Phrase("Talks  would RESUME")), claim)
    assert not matches(("said", "qatar", Phrase("talks resumed")), claim)
