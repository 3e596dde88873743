"""Accusations: who blames, accuses or criticises whom.

"X accused Y of ...", "X blamed Y for ...", "..., blaming Y for ..." (the sentence's speaker),
"which X accuse of ..." (Y is what "which" refers to), and accusations inside reported speech: "X said
Y had been thwarting efforts" (X accuses Y of obstruction).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.attribution import speaker_of
from kg.extract.base import Sentence, add_fact, content_sentences, word_set
from kg.extract.facts import PERSON, Actor
from kg.extract.mentions import DocActors, Mention
from kg.extract.positions import main_subject, verb_subject_before
from kg.extract.subjects import coordinated_subject
from kg.nlp import table

OBJECT_SKIP = frozenset(
    "the a an its their his her both all president prime minister out aim at outgoing former interim "
    "transitional current rival neighbouring neighboring late ousted exiled jailed".split()
)
# "lashed out at Hamas", "hit out at", "took aim at": accusations of more than one word
PHRASAL = frozenset({("lash", "out", "at"), ("hit", "out", "at"), ("take", "aim", "at")})
PHRASAL_VERBS = frozenset({"lash", "hit", "take", "hold", "trade", "exchange"})
# "Armenia and Azerbaijan traded accusations": each accuses the others
MUTUAL = frozenset({("trade", "accusations"), ("trade", "blame"), ("exchange", "accusations")})
BLAMED = frozenset({"responsible", "accountable"})  # "held Hamas responsible for the breakdown"


class Accusations:
    """The `parley_accusations` component."""

    def __init__(self) -> None:
        self.verbs = word_set("accusation_verbs")
        self.obstruction = word_set("obstruction_verbs")
        self.official_heads = {h.split()[-1] for h in word_set("official_heads")}

    def __call__(self, doc: Doc) -> Doc:
        actors: DocActors = doc._.actors
        norm, lower = table(doc).norm, table(doc).lower
        for sent in content_sentences(doc):
            for i in range(sent.start, sent.end):
                if norm[i] in PHRASAL_VERBS and (
                    (norm[i], *lower[i + 1 : i + 3]) in PHRASAL
                    or _traded(norm, lower, i)
                    or norm[i] == "hold"
                    and not BLAMED.isdisjoint(lower[i + 2 : min(i + 7, sent.end)])
                ):
                    self._accusation(doc, sent, i, actors)
                    continue
                if (
                    norm[i] not in self.verbs
                    and norm[i] not in self.obstruction
                    and lower[i] not in self.obstruction
                ):
                    continue
                token = doc[i]
                if (
                    token.norm_ in self.verbs
                    and token.lower_ not in {"charge", "charges", "blame"}
                    and not (i > sent.start and table(doc).lower[i - 1] in {"the", "a", "of", "stands"})
                ):
                    self._accusation(doc, sent, i, actors)
                elif token.norm_ in self.obstruction or token.lower_ in self.obstruction:
                    self._obstruction(doc, sent, i, actors)
        return doc

    def _accusation(self, doc: Doc, sent: Sentence, i: int, actors: DocActors) -> None:
        if (
            i > sent.start
            and table(doc).lower[i - 1] in {"was", "were", "been", "is", "are"}
            and i + 1 < sent.end
            and table(doc).lower[i + 1] == "by"
        ):
            # "Hamas was accused by Israel of stalling the talks": the passive turned round
            accuser = _object_after(doc, actors, i + 2, sent)
            k = i - 2
            while k > sent.start and table(doc).lower[k] in {
                "has",
                "have",
                "had",
                "been",
                "repeatedly",
                "also",
            }:
                k -= 1
            target = actors.at(k)
            if accuser is not None and target is not None:
                add_fact(doc, "accuses", accuser.actor, target.actor, sent, "accusation.verb")
            return
        lower = table(doc).lower
        mutual = _traded(table(doc).norm, lower, i)
        if mutual or lower[i + 1 : i + 3] in (["each", "other"], ["one", "another"]):
            self._mutual(doc, sent, i, actors, with_at=i + 2 if mutual else i + 3)
            return
        if i - 1 > sent.start and lower[i - 1] == "each" and lower[i + 1 : i + 3] == ["the", "other"]:
            # "with Israel and Hamas each blaming the other for ...": the sides stand before "each"
            _each_accuses(doc, [m.actor for m in coordinated_subject(doc, actors, i - 1, sent)], sent)
            return
        target = _object_after(doc, actors, i + 1, sent)
        if target is None and i > sent.start + 1 and table(doc).lower[i - 2] == "which":
            target = actors.at(i - 4) if i - 4 >= sent.start else None
        if target is None and i - 2 >= sent.start:
            # "which Kigali, Paris and UN experts accuse of arming the rebels"
            k = i - 1
            while k > sent.start and table(doc).lower[k] != "which" and k > i - 10:
                k -= 1
            if table(doc).lower[k] == "which":
                target = actors.at(k - 1) or actors.at(k - 2)
                accusers = [m for m in actors.between(k + 1, i)]
                for accuser in accusers:
                    if target is not None:
                        add_fact(doc, "accuses", accuser.actor, target.actor, sent, "accusation.relative")
                return
        if target is None:
            return
        targets = [target, *_listed_after(doc, actors, target, sent)]  # "accused Kinshasa and the MLC of"
        for accuser in self._accusers(doc, sent, i, actors):
            for accused in targets:
                add_fact(doc, "accuses", accuser, accused.actor, sent, "accusation.verb")

    def _mutual(self, doc: Doc, sent: Sentence, i: int, actors: DocActors, with_at: int) -> None:
        """ "Ethiopia and Egypt accused each other", "Israel traded accusations with Hamas": each side
        accuses the others; `with_at` is where "with" and the other side may follow."""
        sides = self._accusers(doc, sent, i, actors)
        if with_at < sent.end and table(doc).lower[with_at] == "with":
            other = _object_after(doc, actors, with_at + 1, sent)
            sides += [other.actor] if other is not None else []
        _each_accuses(doc, sides, sent)

    def _accusers(self, doc: Doc, sent: Sentence, i: int, actors: DocActors) -> list[Actor]:
        prev = doc[i - 1] if i > sent.start else None
        if prev is not None and prev.lower_ == "as":
            quoted = _quoted_as(doc, sent, actors)
            if quoted is not None:
                return [quoted.actor]
        adverbial = (  # "..., while again blaming U.S. sanctions for ...": a participle of the main clause
            prev is not None
            and prev.lower_ in {"while", "again", "after"}
            and table(doc).lower[i].endswith("ing")
        )
        if (
            prev is not None
            and prev.text == ","
            or adverbial
            or (prev is not None and prev.lower_ in {"and", "also", "but"} and actors.at(i - 2) is None)
        ):
            quoted = _quoted_as(doc, sent, actors)
            if quoted is not None:
                return [quoted.actor]
            claims = [
                c for c in doc._.claims or [] if c.evidence.start <= i < c.evidence.end + 1 and c.start < i
            ]
            if claims:
                return [m.actor for m in claims[-1].speakers]
            participle = table(doc).lower[i].endswith("ing")
            if participle or prev.lower_ in {"and", "but"}:
                # "The RSF walked out of the talks, blaming Sudan's army", "The rebels accused the army
                # of ... and blamed the president for ...": the subject of the verb before blames; only
                # a participle falls back on the sentence's first actor (after "and" it may be an object)
                subject = verb_subject_before(doc, sent, i, actors)
                if subject is None and participle:
                    subject = main_subject(doc, sent, actors)
                return [subject] if subject is not None else []
        k = i - 1
        while k >= sent.start and table(doc).lower[k] in {
            "has",
            "have",
            "had",
            "also",
            "repeatedly",
            "publicly",
            "then",
            "in",
            "the",
            "past",
            "previously",
            "and",
            "for",
            "their",
            "part",
            ",",
            "earlier",
            "long",
            "openly",
            "both",
            "sides",
            "again",
            "now",
            "still",
            "turn",
        }:
            if table(doc).text[k] == ",":
                j = k - 1
                while j > sent.start and table(doc).text[j] != "," and j > k - 20:
                    j -= 1
                named = actors.at(k - 1)
                if named is not None and named.start == j + 1 and named.actor.kind == PERSON:
                    # "Its foreign minister, Jane Doe, has accused ...": the apposition names the accuser
                    return [named.actor]
                if table(doc).text[j] == "," and j < k:
                    k = j - 1
                    continue
            k -= 1
        mention = actors.at(k) if k >= sent.start else None
        if mention is None and k > sent.start and table(doc).lower[k] in self.official_heads:
            mention = actors.at(k - 1)  # "The LRA delegation accused ...", "Hamas officials blamed ..."
            mention = mention if mention is not None and mention.end == k else None
        if mention is None:
            return []
        group = [mention.actor]
        j = mention.start - 1
        while j > sent.start and table(doc).lower[j] in {"and", ","}:
            other = actors.at(j - 1)
            if other is None:
                break
            group.insert(0, other.actor)
            j = other.start - 1
        return group

    def _obstruction(self, doc: Doc, sent: Sentence, i: int, actors: DocActors) -> None:
        """ "Hamas said Israel is evading its obligations": the speaker accuses the one evading."""
        speaker = speaker_of(doc[i])
        if speaker is None:
            return
        k = i - 1
        while k >= sent.start and table(doc).lower[k] in {
            "is",
            "was",
            "has",
            "had",
            "been",
            "have",
            "are",
            "were",
            "'",
            "’",
            "‘",
            "of",
            "clearly",
            "deliberately",
            "repeatedly",
        }:
            k -= 1
        subject = actors.at(k) if k >= sent.start else None
        if subject is not None and subject.actor.key != speaker.key:
            add_fact(doc, "accuses", speaker, subject.actor, sent, "accusation.obstruction")


def _traded(norm: list[str], lower: list[str], i: int) -> bool:
    """Whether token i opens "traded accusations", "exchanged accusations", "traded blame"."""
    return (norm[i], *lower[i + 1 : i + 2]) in MUTUAL


def _object_after(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> Mention | None:
    """The actor the verb before token i accuses: "accused the army", "lashed out at Israeli Prime
    Minister X"."""
    k = i
    while k < sent.end and k < i + 6:
        mention = actors.at(k)
        if mention is not None:
            return mention
        if table(doc).lower[k] not in OBJECT_SKIP and not table(doc).text[k][:1].isupper():
            return None
        k += 1
    return None


def _listed_after(doc: Doc, actors: DocActors, first: Mention, sent: Sentence) -> list[Mention]:
    """The actors listed after `first` with "and" or commas: "Kinshasa and the MLC", "Egypt, Sudan and
    the AU"."""
    lower = table(doc).lower
    listed = []
    k = first.end
    while k + 1 < sent.end and lower[k] in {"and", ","}:
        j = k + 1 + (lower[k + 1] == "the")
        other = actors.at(j)
        if (
            other is None
            or other.start != j
            or other.how == "pronoun"  # "Iran and its allied militias": the militias, not Iran again
            or other.actor.kind == PERSON
            and first.actor.kind != PERSON
        ):
            break
        listed.append(other)
        k = other.end
    return listed


def _each_accuses(doc: Doc, sides: list[Actor], sent: Sentence) -> None:
    """Each side accuses each other one ("traded accusations", "blamed each other")."""
    for accuser in sides:
        for accused in sides:
            if accused.key != accuser.key:
                add_fact(doc, "accuses", accuser, accused, sent, "accusation.mutual")


def _quoted_as(doc: Doc, sent: Sentence, actors: DocActors) -> Mention | None:
    for i in range(sent.start, sent.end - 2):
        if table(doc).lower[i] == "quoted":
            for k in range(i + 1, min(i + 6, sent.end)):
                mention = actors.at(k)
                if mention is not None:
                    return (
                        mention if mention.end < sent.end and table(doc).lower[mention.end] == "as" else None
                    )
    return None


@Language.factory("parley_accusations")
def make_accusations(nlp: Language, name: str) -> Accusations:
    return Accusations()
