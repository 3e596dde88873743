"""Deal passages: the sentences of an article that set out what a deal contains.

News sets out a signed deal's terms in a passage of their own: a paragraph that opens "Under the
agreement, ..." or "The accord provides for ...", or the paragraph and list after a heading such as
"What was signed". Its later sentences rarely name the deal again ("Both armies will pull back 10 km
from the border"), yet what they describe is a term that the signatories accepted. The positions rule
family reads a condition in such a passage without a stance cue as accepted by the signatories.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.base import Sentence, content_sentences
from kg.nlp import TokenTable, cues, table

# what a party signs or reaches, and what can list a deal's terms ("the pact provides for ...")
DEALS = frozenset(
    "deal agreement accord terms text truce plan declaration pact treaty accords memorandum protocol "
    "settlement ceasefire document documents deals agreements protocols".split()
)
# the subject of a sentence that describes a signed text ("The accord bundles ...", "The Riyadh
# Agreement gives ..."): not a truce or a plan, which can be broken or merely proposed
SIGNED_TEXTS = DEALS - {"truce", "ceasefire", "plan", "terms"}
# what a heading over a deal's terms names: "What was signed", "What the peace says", "What's in the deal?"
HEADING_WORDS = DEALS | {"signed", "peace"}
DETERMINERS = frozenset({"the", "its", "this", "that", "a", "an", "each", "both"})
# what follows a deal's name when it is not the subject of a verb: "The deal between X and Y was ..."
NOT_A_VERB = frozenset({"of", ",", "and", "'s", "’s", "that", "which", "between", "with"})
BULLETS = frozenset({"-", "•", "*", "–", "—"})
# how a sentence stands in a deal passage
OPENS, FOLLOWS, LISTED = "opens", "follows", "listed"
# what makes a sentence later in the paragraph a term: "Both armies will pull back", "are to be freed"
FUTURE = frozenset({"will", "would", "shall", "must", "can"})
HEADING_LENGTH = 8  # tokens: a heading is short and does not end in a full stop


class DealPassages:
    """Finds the passages of a Doc that set out a deal's terms."""

    def __init__(self) -> None:
        self.terms_verbs: dict[str, list[tuple[str, ...]]] = {}  # by first word
        for phrase in cues()["deal_terms_verbs"]:
            self.terms_verbs.setdefault(phrase.split()[0], []).append(tuple(phrase.split()))

    def __call__(self, doc: Doc) -> dict[int, str]:
        """The content sentences in a deal passage, by start token, with how they stand in it: OPENS
        ("Under the deal, ..."), FOLLOWS (later in its paragraph), or LISTED (under a heading)."""
        tokens = table(doc)
        passages: dict[int, str] = {}
        extent = None  # how far the passage being read goes: "paragraph", or "list" (of bullet lines)
        heading = False  # the last line was a heading over a deal's terms
        heading_passage = False  # the passage being read is the one under such a heading
        for sent in content_sentences(doc):
            bullet = tokens.text[sent.start] in BULLETS
            if sent.start == 0 or tokens.newline[sent.start - 1]:  # a new paragraph
                if heading:
                    extent = "list" if bullet else "paragraph"
                elif extent != "list" or not bullet:
                    extent = None
                heading_passage = heading or heading_passage and extent is not None
                heading = False
            if self._heading(tokens, sent):
                heading, heading_passage, extent = True, False, None
            elif self.opens(tokens, sent):
                passages[sent.start] = OPENS
                extent = extent or "paragraph"
            elif extent is not None and self._terms_verb_at(tokens.lower, sent.start, sent):
                passages[sent.start] = OPENS  # "It also provides for ...": the deal the passage is about
            elif extent is not None:
                passages[sent.start] = LISTED if heading_passage else FOLLOWS
        return passages

    def opens(self, tokens: TokenTable, sent: Sentence) -> bool:
        """Whether a sentence opens a deal passage: "Under the deal, ...", "Under the Riyadh Agreement,
        ...", "Under its terms, ...", "The accord provides for ...", "The accords run to ..."."""
        lower = tokens.lower
        if lower[sent.start] == "under":
            lead = lower[sent.start + 1 : min(sent.end, sent.start + 9)]
            lead = lead[: lead.index(",")] if "," in lead else []
            return any(w in DEALS for w in lead)
        k = sent.start + (lower[sent.start] in DETERMINERS)
        end = min(sent.end - 1, k + 4)
        # "The Riyadh Agreement", "The peace accord"
        while k < end and lower[k] not in SIGNED_TEXTS and (lower[k] == "peace" or tokens.text[k].istitle()):
            k += 1
        if lower[k] in SIGNED_TEXTS and lower[k + 1] not in NOT_A_VERB:
            return True
        if DEALS.isdisjoint(lower[sent.start + 1 : sent.end - 1]):
            return False
        deal_words = (k for k in range(sent.start + 1, sent.end - 1) if lower[k] in DEALS)
        return any(self._terms_verb_at(lower, k, sent) for k in deal_words)

    def terms_verb_end(self, lower: list[str], k: int, limit: int) -> int | None:
        """Where a verb that lists a deal's terms ("provides for", "sets out") starting at token k ends,
        if it ends by `limit`."""
        for phrase in self.terms_verbs.get(lower[k], ()):
            end = k + len(phrase)
            if tuple(lower[k:end]) == phrase and end <= limit:
                return end
        return None

    def _terms_verb_at(self, lower: list[str], k: int, sent: Sentence) -> bool:
        """Whether the word at k (a deal, or "It" in a passage about one) is followed by a verb that lists
        terms: "the pact also provides for", "It promises"."""
        j = k + 1 + (lower[k + 1] in {"also", "further"})
        return j < sent.end and self.terms_verb_end(lower, j, len(lower)) is not None

    def _heading(self, tokens: TokenTable, sent: Sentence) -> bool:
        """A short line without a full stop that names a deal: "What was signed", "What's in the deal?"."""
        words = tokens.lower[sent.start : sent.end]
        alone = sent.end >= len(tokens.newline) or tokens.newline[sent.end - 1]
        return (
            alone
            and len(words) <= HEADING_LENGTH
            and words[-1] != "."
            and not HEADING_WORDS.isdisjoint(words)
        )


def future_before(lower: list[str], start: int, end: int) -> bool:
    """Whether tokens [start, end) say what will or is to happen: "will", "must", "are to"."""
    return any(
        w in FUTURE or w in {"is", "are"} and k + 1 < end and lower[k + 1] == "to"
        for k, w in enumerate(lower[start:end], start)
    )
