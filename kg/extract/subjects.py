"""Who does what: the actors standing as the subject of a verb, shared by the rules that read
"X and the Y armed group signed ...", "Iran and the United States held talks"."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.base import Sentence
from kg.extract.facts import COUNTRY, PERSON
from kg.extract.mentions import DocActors, Mention
from kg.nlp import table

# "the regional bloc IGAD", "the rebel Oromo Liberation Army": what an actor's name may follow
DESCRIPTION_WORDS = frozenset(
    "rebel rebels armed militant insurgent separatist jihadist islamist paramilitary opposition regional "
    "bloc group movement alliance organisation organization body southern northern eastern western".split()
)
# what may stand between a subject and its verb: "Qatar, which has also been trying to ...", "the rebels"
BEFORE_VERB = frozenset(
    "which who has have had been is are was were also again jointly together , the as currently now trying "
    "to armed group rebels guerrillas movement government 's ’s formally finally just".split()
)


def by_country(mentions: list[Mention], actors: DocActors) -> list[Mention]:
    """The mentions with each person replaced by the country their title names ("Armenian Prime
    Minister X"), or dropped when it names none."""
    countries = {
        a.person.start: a.organisation
        for a in actors.affiliations
        if a.organisation.kind == COUNTRY and a.rule == "membership.title"
    }
    result = []
    for mention in mentions:
        if mention.actor.kind != PERSON:
            result.append(mention)
        elif mention.start in countries:
            result.append(replace(mention, actor=countries[mention.start], also=()))
    return result


def coordinated_subject(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention]:
    """The actor(s) just before token i, skipping "which has been", "have been", "are"."""
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    k = i - 1
    while k >= sent.start and lower[k] in BEFORE_VERB or words[k] == ")":
        if words[k] == ")":  # "the National Liberation Army (ELN) guerrillas"
            while k > sent.start and words[k] != "(":
                k -= 1
        k -= 1
    mention = actors.at(k) if k >= sent.start else None
    if mention is None:
        return []
    group = [mention]
    j = mention.start - 1
    while j > sent.start:
        if group[0].actor.kind == PERSON:
            # "Armenian Prime Minister X": the title before a person belongs to them
            title_start = j
            while j > sent.start and title_start - j < 4 and words[j][:1].isupper() and actors.at(j) is None:
                j -= 1
        while j > sent.start and lower[j] in DESCRIPTION_WORDS:
            j -= 1  # "and the rebel Oromo Liberation Army"
        if j - 2 > sent.start and lower[j - 1 : j + 1] == ["of", "the"] and lower[j - 2] in DESCRIPTION_WORDS:
            j -= 2  # "and the southern rebels of the SPLM"
            while j > sent.start and lower[j] in DESCRIPTION_WORDS:
                j -= 1
        while j > sent.start and lower[j] == "the":
            j -= 1
        if lower[j] not in {"and", ","}:
            break
        if lower[j] == "and" and lower[j - 1] == ",":
            j -= 1  # "X, Y, and Z"
        other = actors.at(j - 1) or (actors.at(j - 2) if lower[j - 1] == "the" else None)
        if other is None:
            break
        group.insert(0, other)
        j = other.start - 1
    return group
