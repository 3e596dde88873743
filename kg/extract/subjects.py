"""Who does what: the actors standing as the subject of a verb, shared by the rules that read
"X and the Y armed group signed ...", "Iran and the United States held talks"."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.base import POSSESSIVE, Sentence, title_words
from kg.extract.facts import COUNTRY, PERSON
from kg.extract.mentions import DocActors, Mention
from kg.knowledge import load_knowledge
from kg.nlp import TokenTable, table

# "the regional bloc IGAD", "the rebel Oromo Liberation Army": what an actor's name may follow
DESCRIPTION_WORDS = frozenset(
    "rebel rebels armed militant insurgent separatist jihadist islamist paramilitary opposition regional "
    "bloc group movement alliance organisation organization body southern northern eastern western".split()
)
# what may stand between a subject and its verb: "Qatar, which has also been trying to ...", "the rebels"
BEFORE_VERB = frozenset(
    "which who has have had been is are was were also again jointly together both , the as currently now "
    "trying to armed group rebels rebel guerrillas movement militia government 's ’s formally finally "
    "just".split()
)

# what may follow an actor's name in a conjunct: "Angola's armed forces and ..."
BODY_WORDS = frozenset({"'s", "’s", "armed", "forces", "army", "military", "government"})
# what opens an apposition or a relative clause between a subject and its verb ("X, an alliance of ...,")
APPOSITION_OPENERS = frozenset({"a", "an", "which", "who", "whose"})
# lowercase words after a comma that continue a list or a clause rather than describe the name before it
NOT_APPOSITIONS = frozenset("and or but while as both with whereas although though then".split())
CLAUSE_STOPS = frozenset({";", ":", "“", "”", '"'})

LIST_LEAD = frozenset(
    "a group of countries guarantor made up consisting including comprising composed former president "
    "representatives delegates officials envoys "
    "prime minister both nations states".split()
) | {  # "the West African regional bloc ECOWAS"
    "west", "east", "north", "south", "central", "southern", "northern", "eastern", "western",
    "african", "arab", "european", "asian", "latin", "american", "gulf", "pacific",
}  # fmt: skip
# "brokered by southern Sudan's Vice President Riek Machar": words of a title before a name
TITLE_WORDS = frozenset(title_words()) | {
    "southern", "northern", "eastern", "western", "central", "vice",
}  # fmt: skip
DEMONYM_WORDS = frozenset(load_knowledge().by_demonym())  # "former Kenyan president X"
APPOSITION_MARKS = frozenset({"-", "—", "–", "("})
LIST_GLUE = {",", "and", "the", "as", "well", "along", "with", "alongside", "both"}


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


def _before_verb(tokens: TokenTable, k: int, sent: Sentence) -> int:
    """The last token of a verb's subject, from token k just before the verb: skips "which has been",
    "(ELN)" and appositions set off by commas ("the LJM, an alliance of rebel factions led by X,")."""
    words, lower = tokens.text, tokens.lower
    while k >= sent.start:
        if words[k] == ")":  # "the National Liberation Army (ELN) guerrillas"
            while k > sent.start and words[k] != "(":
                k -= 1
        elif words[k] == ",":
            k = _apposition_opening(tokens, k, sent)
        elif lower[k] not in BEFORE_VERB:
            break
        k -= 1
    return k


def _apposition_opening(tokens: TokenTable, close: int, sent: Sentence) -> int:
    """The comma that opens the apposition or relative clause the comma at `close` ends ("X, the
    former rebel movement that ..., signed"; "X, secretary-general of Y, signed"); `close` if none."""
    words, lower = tokens.text, tokens.lower
    for c in range(close - 1, max(sent.start, close - 30), -1):
        if words[c] in CLAUSE_STOPS:
            return close
        if words[c] != ",":
            continue
        first, second = lower[c + 1], words[c + 2] if c + 2 < close else ""
        opens = (
            first in APPOSITION_OPENERS
            or first == "the"
            and second[:1].islower()
            or words[c + 1][:1].islower()
            and first not in NOT_APPOSITIONS
        )
        return c if opens else close
    return close


def coordinated_subject(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention]:
    """The actor(s) just before token i, skipping "which has been", "have been", "are"."""
    tokens = table(doc)
    lower = tokens.lower
    k = _before_verb(tokens, i - 1, sent)
    mention = actors.at(k) if k >= sent.start else None
    if mention is None:
        return []
    group = [mention]
    j = mention.start - 1
    while j > sent.start:
        if group[0].actor.kind == PERSON:
            j = _title_opening(tokens, actors, j, sent)
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
        other = conjunct_before(tokens, actors, j - 1, sent)
        if other is None:
            break
        group.insert(0, other)
        j = other.start - 1
    return group


def conjunct_before(tokens: TokenTable, actors: DocActors, j: int, sent: Sentence) -> Mention | None:
    """The actor of the conjunct that ends at token j, before "and": "the ELN", "Angola's armed
    forces", "Angola's MPLA government"."""
    words, lower = tokens.text, tokens.lower
    m = j
    if words[m] == ")":  # "the Popular Front (FPRC) and ...": the name before its abbreviation
        while m > sent.start and words[m] != "(":
            m -= 1
        m -= 1
    while m > sent.start and (
        lower[m] in BODY_WORDS
        or words[m].isupper() and lower[m + 1] in BODY_WORDS and lower[m - 1] in POSSESSIVE
    ):
        m -= 1
    return actors.at(m) or (actors.at(m - 1) if lower[m] == "the" else None)


def _title_opening(tokens: TokenTable, actors: DocActors, j: int, sent: Sentence) -> int:
    """The token before the title that ends at token j and belongs to the person after it ("Armenian
    Prime Minister X", "FARC commander X", "rebel leader X")."""
    words, lower = tokens.text, tokens.lower
    end = j
    while j > sent.start and end - j < 6:
        mention = actors.at(j)
        if mention is None and (words[j][:1].isupper() or lower[j] in TITLE_WORDS):
            j -= 1
        elif mention is not None and mention.actor.kind != PERSON and (
            mention.how == "official" or lower[mention.end] in TITLE_WORDS
        ):
            j = mention.start - 1  # the organisation of the title: "FARC commander", "Hamas political chief"
        else:
            break
    return j


def titled_person(doc: Doc, actors: DocActors, mention: Mention, sent: Sentence) -> Mention:
    """The person that an organisation's title names after it ("US special envoy Tom Barrack", "former UN
    Secretary-General Kofi Annan", "the UN special envoy for Yemen, Martin Griffiths"), else `mention`."""
    if mention.actor.kind == PERSON:
        return mention
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    titled = mention.how == "official"
    k = mention.end
    while k < min(sent.end, mention.end + 8):
        named = actors.at(k)
        if named is not None and named.start == k:
            if named.actor.kind == PERSON:
                return named if titled else mention
            if lower[k - 1] != "for":  # "envoy for Syria"
                return mention
            k = named.end
            continue
        if lower[k] in TITLE_WORDS:
            titled = True
        elif lower[k] not in {"for", ",", "the"} and not words[k][:1].isupper():
            return mention
        k += 1
    return mention


def mention_list(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention]:
    """ "Qatar and Egypt", "Cuba, Norway, Venezuela, Mexico, Brazil and Chile": a list of actors."""
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    found = []
    leads: set[int] = set()  # the words read so far that may lead to a name
    k = i
    while k < sent.end:
        mention = actors.at(k)
        if mention is not None and mention.start >= i - 1:
            if mention.end < sent.end and lower[mention.end] in POSSESSIVE:
                k = mention.end + 1  # "a delegation from Yemen's Houthi movement": the movement
                continue
            found.append(mention)
            k = mention.end
            continue
        lead = (
            lower[k] in LIST_LEAD
            or lower[k] in DESCRIPTION_WORDS
            or lower[k] in TITLE_WORDS
            or words[k] in DEMONYM_WORDS
        )
        if lower[k] in LIST_GLUE:
            k += 1
            continue
        # a list of titled people titles each: "German Chancellor Angela Merkel and French President ..."
        titled = bool(found) and found[0].start - 1 in leads and (lower[k - 1] == "and" or k - 1 in leads)
        if lead and (not found or titled):
            leads.add(k)
            k += 1
            continue
        if words[k] in APPOSITION_MARKS and found and found[-1].actor.kind != PERSON:
            k += 1  # "the P5+1 - the United States, Russia, ...": the members named after a group
            continue
        break
    return found
