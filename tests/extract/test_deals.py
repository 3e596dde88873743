"""Deal passages: which sentences of an article set out a deal's terms, and how they stand in it."""

from __future__ import annotations

from kg.extract.base import content_sentences
from kg.extract.deals import FOLLOWS, LISTED, OPENS, DealPassages, future_before
from kg.extract.pipeline import shared_pipeline
from kg.nlp import table


def passages(text: str) -> list[tuple[str, str | None]]:
    """Each content sentence of `text` with its place in a deal passage (None outside one)."""
    doc = shared_pipeline()(text)
    found = DealPassages()(doc)
    tokens = table(doc)
    return [(tokens.span_text(s.start, s.end), found.get(s.start)) for s in content_sentences(doc)]


def test_under_the_deal_opens_a_passage_that_ends_with_its_paragraph() -> None:
    text = (
        "Kenya hosted the talks.\n\nUnder the Nairobi Agreement, a ceasefire takes effect at once. Both "
        "armies will pull back. It also provides for elections.\n\nThe rebels said they were pleased."
    )
    assert [kind for _, kind in passages(text)] == [None, OPENS, FOLLOWS, OPENS, None]


def test_a_heading_names_the_paragraph_or_list_after_it() -> None:
    text = (
        "Kenya hosted the talks.\n\nWhat's in the deal?\n- A ceasefire from midnight.\n- Elections in "
        "a year.\n\nThe rebels said they were pleased."
    )
    kinds = dict(passages(text))
    assert kinds["- A ceasefire from midnight."] == LISTED
    assert kinds["- Elections in a year."] == LISTED
    assert kinds["The rebels said they were pleased."] is None


def test_a_deal_that_is_only_mentioned_opens_nothing() -> None:
    text = "Kenya hosted the talks.\n\nThe rebels rejected the deal of last year. The truce was broken."
    assert [kind for _, kind in passages(text)] == [None, None, None]


def test_what_will_happen_is_said_with_a_modal_or_is_to() -> None:
    words = "the prisoners are to be freed".split()
    assert future_before(words, 0, len(words))
    assert future_before(["the", "army", "will", "withdraw"], 0, 4)
    assert not future_before(["the", "rebels", "freed", "prisoners"], 0, 4)
