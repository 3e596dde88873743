"""Talks: who hosts them (the country of the venue), who mediates, who takes part.

- hosts: "talks hosted by Cairo" (a capital standing for its government: Egypt), "talks in the
  Egyptian capital Cairo", "signed an agreement in Havana": the venue's country hosts.
- mediates: "mediated by Qatar and Egypt", "Egypt, which has been mediating alongside Qatar and the
  United States", "Qatari mediators", "Oman acting as mediator", "a mediation panel that included X".
- participates: "talks between Hamas and Israel", "the Hamas delegation", "Moscow's delegation",
  "delegates from Egypt, Qatar, the US and Hamas", "X took part in the talks", "X and Y have negotiated",
  and whoever signed the deal (`Doc._.signatures`, found by the positions). Absence is not participation:
  "staying away from the talks", "was not part of the talks", "not represented", "refused to take part".
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.base import POSSESSIVE, Sentence, add_fact, content_sentences, word_set
from kg.extract.facts import COUNTRY, PERSON, Actor, Talks
from kg.extract.mentions import DocActors, Mention
from kg.extract.subjects import by_country, coordinated_subject, mention_list, titled_person
from kg.knowledge import load_knowledge
from kg.nlp import table

PARTICIPANT_HEADS = frozenset(
    "delegation delegations delegates delegate negotiators negotiator team chiefs negotiating".split()
)
# "a dialogue with the separatist leaders in Donetsk": the place is where they are, not the talks
PEOPLE_NOUNS = frozenset(
    "leaders rebels separatists forces troops fighters residents civilians".split()
)
WAR_WORDS = frozenset(
    "ceasefire cease-fire truce war offensive fighting conflict hostilities deal peace violence "
    "operations strikes attacks".split()
)
# verbs whose subjects take part when talks are their object: "X and Y ended a second round of talks"
TALK_VERBS = frozenset("ended began resumed concluded opened started launched wrapped".split())
BRINGING = frozenset({"brought", "bring", "brings", "bringing"})  # "brought together X and Y"
JOINING = frozenset({"joined", "joins", "join", "attends", "attend"})  # "Sudan's army joined the talks"
# "the CMA took part in all five rounds of talks", "both sides participated in the dialogue"
TAKING_PART = frozenset("took take takes taking".split())
PARTICIPATING = frozenset("participated participate participates participating".split())
NEGOTIATING = frozenset("negotiated negotiate negotiates".split())  # "where X and Y have negotiated since"
PARTICIPANT_CUES = {
    "sending",
    "sent",
    "send",
    "sends",
    "dispatched",
    "attended",
    "behalf",
    "delegation",
    "delegations",
    "delegates",
    "negotiators",
    "signed",
    "held",
    "met",
    *TALK_VERBS,
    *JOINING,
    *PARTICIPATING,
    *NEGOTIATING,
    "part",
    "talks",
    "together",
}
YEAR = re.compile(r"(?:19|20)\d\d")
COMPOUND_MEDIATION = frozenset({"brokered", "mediated", "facilitated", "sponsored"})  # "EU-brokered"
# the words before "between" that make it the parties of talks: "talks between X and Y"
TALKS_BETWEEN = frozenset(
    "talks negotiations dialogue negotiation meeting shuttling signed mediating".split()
)
# a preposition before an actor makes it an object, not a subject: "talks in Egypt"
OBJECT_PREPOSITIONS = frozenset("in at from to of by for on between over against after into".split())
EVENT_WORDS = frozenset("press news conference interview ceremony speech".split())  # "in a press conference"
MEDIATOR_NOUNS = frozenset({"mediator", "mediators", "facilitator", "facilitators"})
MEDIATION_NOUNS = frozenset({"mediation", "facilitation"})  # "Egypt's mediation", "the mediation of X"
AUSPICES = frozenset({"help", "auspices"})  # "with the help of X", "under the auspices of X"
SPONSOR_WORDS = MEDIATION_NOUNS | AUSPICES
# what may stand between "as" and a role: "acting as the main mediator", "as third-party facilitator"
ROLE_MODIFIERS = frozenset("the a an two three joint main official acting chief lead third-party".split())
ACTING = frozenset("acting acted acts serving served serves".split())  # "Malaysia has acted as"
HOSTED = frozenset({"hosted", "co-hosted"})
ACTIVE_HOSTING = HOSTED | {"hosts", "hosting", "host"}  # "Oslo hosted the talks"
# what may stand between a host and its verb: "Oman, which has also hosted"
HOST_SUBJECT_GAP = frozenset(
    "has have had will would is was were been also to which , already twice again".split()
)
ROLE_WORDS = frozenset("role efforts effort part work".split())  # "the UAE's role in brokering"
VENUE_CUES = HOSTED | {"in", "at", "to"}  # "talks hosted by X", "talks in X"
TALKS_VENUE_CUES = VENUE_CUES | ACTIVE_HOSTING  # and "Oslo hosted the talks"
TALK_NORMS = frozenset({"sign", "meet", "talk"})


class TalksRules:
    """The `parley_talks` component."""

    def __init__(self, nlp: Language) -> None:
        self.kb = load_knowledge()
        self.talk_words = word_set("talk_words")
        self.talks_cues = self.talk_words | {"talks", "negotiations"}  # what `_talks_before` looks for
        self.signing = word_set("signing_verbs")
        self.absence = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.absence.add("absent", [nlp.make_doc(p) for p in word_set("absence_cues")])
        self.mediate = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.mediate.add("mediate", [nlp.make_doc(p) for p in word_set("mediate_words")])
        self.host_words = word_set("host_verbs")
        self.demonyms = self.kb.by_demonym()
        # what the first half of "EU-brokered", "Qatari-mediated", "Doha-sponsored" may name
        self.compound_names = {
            name: actor.key
            for actor in self.kb.actors.values()
            for name in (*actor.names, *actor.metonyms)
            if " " not in name
        } | self.demonyms

    def __call__(self, doc: Doc) -> Doc:
        actors: DocActors = doc._.actors
        absent = [(s, e) for _, s, e in self.absence(doc)]
        mediate = sorted((s, e) for _, s, e in self.mediate(doc))
        venue: Talks | None = None
        sentences = list(content_sentences(doc))
        hosted: list[tuple[Actor, Talks, Sentence]] = []
        for sent in sentences:
            hosted += self._hosts(doc, sent, actors)
        hosted = self._one_venue_per_host(hosted, actors)
        if hosted:
            venue = hosted[0][1]
        for host, talks, sent in hosted:
            add_fact(doc, "hosts", host, talks, sent, "talks.host")
        talks = venue or Talks()
        compounds = [k for k, word in enumerate(table(doc).text) if "-" in word]  # "EU-brokered"
        signed: dict[int, list[Actor]] = {}  # the parties that signed a deal, by the sentence saying so
        for party, sent in doc._.signatures or ():
            signed.setdefault(sent.start, []).append(party)
        for sent in sentences:
            for mention in self._mediators(doc, sent, actors, mediate):
                if "NewsOutlet" in mention.actor.classes:
                    continue
                add_fact(doc, "mediates", mention.actor, talks, sent, "talks.mediator")
            for mediator in self._compound_mediators(doc, sent, compounds):
                add_fact(doc, "mediates", mediator, talks, sent, "talks.mediator")
            for party in signed.get(sent.start, ()):
                add_fact(doc, "participatesIn", party, talks, sent, "talks.signatory")
            for mention in self._participants(doc, sent, actors):
                if "NewsOutlet" in mention.actor.classes:
                    continue
                # "Hezbollah was not part of the talks between Lebanon and Israel": absence is its subject's
                if not any(sent.start <= s < sent.end and 0 <= s - mention.start < 12 for s, _ in absent):
                    add_fact(doc, "participatesIn", mention.actor, talks, sent, "talks.participant")
        return doc

    # -- hosts ------------------------------------------------------------------------------------

    def _one_venue_per_host(self, hosted, actors: DocActors) -> list[tuple[Actor, Talks, Sentence]]:
        """One venue per host country: a city the article names there, else the first venue named
        ("talks in Qatar" and "a briefing in Doha" are both the Doha talks)."""
        cities = {}
        for _, _, key, name, country in actors.places:
            if country and key in self.kb.places and country not in cities:
                cities[country] = Talks(name, key)
        result, seen = [], set()
        for host, talks, sent in hosted:
            if host.key in seen:
                continue
            seen.add(host.key)
            if talks.place_key not in self.kb.places and host.key in cities:
                talks = cities[host.key]
            result.append((host, talks, sent))
        return result

    def _hosts(self, doc: Doc, sent: Sentence, actors: DocActors) -> list[tuple[Actor, Talks, Sentence]]:
        tokens = table(doc)
        lower = tokens.lower
        words = lower[sent.start : sent.end]
        # "in PLACE" names a venue only near talk words; without any, only "hosted by" can name a host
        about_talks = not self.talks_cues.isdisjoint(words) or not TALK_NORMS.isdisjoint(
            tokens.norm[sent.start : sent.end]
        )
        cue_words = TALKS_VENUE_CUES if about_talks else HOSTED
        if cue_words.isdisjoint(words):
            return []
        found = []
        for i in range(sent.start, sent.end):
            word = lower[i]
            if word not in cue_words:
                continue
            if word in ACTIVE_HOSTING and not (i + 1 < sent.end and lower[i + 1] == "by"):
                host = self._active_host(doc, sent, actors, i)
                if host is not None:
                    found.append((*host, sent))  # "Oslo hosted the talks", "Qatar, which hosts the talks"
                continue
            if word in HOSTED and i + 1 < sent.end and lower[i + 1] == "by":
                # "talks hosted by Cairo", "co-hosted by Switzerland and Saudi Arabia", "a ceremony hosted
                # by Brazilian President X" (the country the host's title names)
                for mention in by_country(mention_list(doc, actors, i + 2, sent), actors):
                    if mention.actor.kind == COUNTRY:
                        place = self._place_near(doc, sent, actors, mention)
                        found.append((mention.actor, place, sent))
            if word == "to" and not self._for_talks_after(doc, sent, i):
                continue  # "sending a delegation to Qatar for renewed talks", not "talked to Qatar"
            if (
                word in {"in", "at", "to"}
                and self._talks_before(doc, sent, i)
                and not (i > sent.start and lower[i - 1] in WAR_WORDS | PEOPLE_NOUNS)
            ):
                venue = self._venue_at(doc, actors, i + 1, sent)
                if venue is not None and not self._in_a_past_year(doc, sent, i):
                    found.append((*venue, sent))
        return found

    def _active_host(self, doc: Doc, sent: Sentence, actors: DocActors, i: int) -> tuple[Actor, Talks] | None:
        """The country whose place or name is the subject of the hosting verb at token i, when talks are
        its object: "Oslo hosted the talks", "Oman, which has hosted two rounds"."""
        lower = table(doc).lower
        if self.talks_cues.isdisjoint(lower[i + 1 : min(sent.end, i + 7)]):
            return None
        k = i - 1
        while k > sent.start and lower[k] in HOST_SUBJECT_GAP:
            k -= 1
        for _start, end, key, name, country in actors.places:
            if end - 1 == k and country in self.kb.actors:
                return self._actor(country), Talks(name, key)
        mention = actors.at(k)
        if (
            mention is not None
            and mention.end - 1 == k
            and mention.actor.kind == COUNTRY
            and mention.how in {"name", "metonym"}
        ):
            return mention.actor, self._place_near(doc, sent, actors, mention)
        return None

    def _in_a_past_year(self, doc: Doc, sent: Sentence, i: int) -> bool:
        """ "the truce signed in Rome in 2020": a year right after the venue dates other, older talks
        (an article about today's talks gives a day, not a year)."""
        lower = table(doc).lower
        window = lower[i + 1 : min(sent.end, i + 6)]
        return any(
            w == "in" and k + 1 < len(window) and YEAR.fullmatch(window[k + 1]) for k, w in enumerate(window)
        )

    def _talks_before(self, doc: Doc, sent: Sentence, i: int) -> bool:
        """Talk words around "in PLACE": "talks in Cairo", "signed in Havana", "arrived in Cairo for
        talks"."""
        after = table(doc).lower[i + 1 : min(sent.end, i + 8)]
        if ("for" in after or "to" in after) and ("talks" in after or "negotiations" in after):
            return True
        return self._talks_window(doc, sent, i)

    def _for_talks_after(self, doc: Doc, sent: Sentence, i: int) -> bool:
        after = table(doc).lower[i + 1 : min(sent.end, i + 8)]
        return "for" in after and any(w in {"talks", "negotiations"} for w in after)

    def _talks_window(self, doc: Doc, sent: Sentence, i: int) -> bool:
        tokens = table(doc)
        first = max(sent.start, i - 6)
        window = tokens.lower[first:i]
        if not EVENT_WORDS.isdisjoint(window):
            return False
        return any(
            word in self.talk_words or norm in TALK_NORMS and word != "meeting"
            for word, norm in zip(window, tokens.norm[first:i], strict=True)
        )

    def _venue_at(self, doc: Doc, actors: DocActors, i: int, sent: Sentence) -> tuple[Actor, Talks] | None:
        """The place named at token i ("Cairo", "the Egyptian capital Cairo", "the Saudi port city of
        Jeddah", "Oman", "Geneva's Palais des Nations") and the country it is in."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        limit = min(sent.end, i + 8)
        for start, _end, key, name, country in actors.places:
            if (
                i <= start < limit
                and country in self.kb.actors
                and not any(words[k] in {",", ";"} for k in range(i, start))
            ):
                return self._actor(country), Talks(name, key)
        # "the Kenyan capital", "the South African capital": a demonym of one or two words
        width = 2 if i + 3 < sent.end and f"{words[i + 1]} {words[i + 2]}" in self.demonyms else 1
        demonym = " ".join(words[i + 1 : i + 1 + width])
        if (
            i + 1 + width < sent.end
            and lower[i] == "the"
            and demonym in self.demonyms
            and lower[i + 1 + width] == "capital"
        ):
            # "talks in the Kenyan capital": the country's capital, named in the ontology
            country = self.kb.actors[self.demonyms[demonym]]
            place = self.kb.places.get(country.capital or "")
            if place is not None:
                return self._actor(country.key), Talks(place.label, place.key)
        mention = actors.at(i) or (actors.at(i + 1) if lower[i] == "the" else None)
        if mention is not None and mention.actor.kind == COUNTRY and mention.how in {"name", "metonym"}:
            known = self.kb.actors.get(mention.actor.key)
            surface = tokens.span_text(mention.start, mention.end)
            return mention.actor, Talks(
                surface, known.capital if known and mention.how == "metonym" else None
            )
        return None

    def _place_near(self, doc: Doc, sent: Sentence, actors: DocActors, host: Mention) -> Talks:
        for start, _end, key, name, country in actors.places:
            if sent.start <= start < sent.end and country == host.actor.key:
                return Talks(name, key)
        for start, _end, key, name, _country in actors.places:
            if sent.start <= start < sent.end:
                return Talks(name, key)  # "talks in Geneva, co-hosted by Switzerland and Saudi Arabia"
        if host.how == "person":  # a person standing for the country their title names (`by_country`)
            return Talks(host.actor.label, None)
        surface = table(doc).span_text(host.start, host.end)
        if host.how == "metonym":
            return Talks(surface, self.kb.actors[host.actor.key].capital)
        return Talks(surface, None)

    def _actor(self, key: str) -> Actor:
        known = self.kb.actors[key]
        return Actor(known.key, known.label, known.kind, known.classes, (), known=True)

    # -- mediators --------------------------------------------------------------------------------

    def _listed_capitals(self, doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention]:
        """ "with the help of Washington and Beijing": capitals listed from token i, as their countries
        (a capital after a preposition is a place to the recogniser, not an actor)."""
        lower = table(doc).lower
        places = {start: (end, country) for start, end, _, _, country in actors.places}
        found = []
        k = i
        while k < sent.end:
            if k in places and places[k][1] in self.kb.actors:
                end, country = places[k]
                found.append(Mention(k, end, self._actor(country), "metonym"))
                k = end
            elif lower[k] in {"and", ","} and found:
                k += 1
            else:
                break
        return found

    def _compound_mediators(self, doc: Doc, sent: Sentence, compounds: list[int]) -> list[Actor]:
        """ "EU-brokered talks", "a Qatari-mediated truce": the actor a compound (one of the hyphenated
        tokens `compounds`) names as mediator."""
        found = []
        text = table(doc).text
        for k in compounds[bisect_left(compounds, sent.start) : bisect_left(compounds, sent.end)]:
            named, _, verb = text[k].rpartition("-")
            if verb.lower() in COMPOUND_MEDIATION and named in self.compound_names:
                found.append(self._actor(self.compound_names[named]))
        return found

    def _mediators(
        self, doc: Doc, sent: Sentence, actors: DocActors, cues: list[tuple[int, int]]
    ) -> list[Mention]:
        tokens = table(doc)
        lower = tokens.lower
        found: list[Mention] = []
        for start, end in cues:
            if not (sent.start <= start < sent.end):
                continue
            if lower[end - 1] == "by":
                found += mention_list(doc, actors, end, sent)  # "drafted by the United States and France"
            elif end < sent.end and lower[end] == "by":
                found += mention_list(doc, actors, end + 1, sent)
            elif (
                lower[start] == "guarantor"
                and end + 2 < sent.end
                and lower[end] in {"countries", "nations", "states"}
                and tokens.text[end + 1] in {"—", "–", ":", "(", ","}
            ):
                found += mention_list(doc, actors, end + 2, sent)  # "guarantor countries — Qatar, Norway"
            elif (named := _named_as(doc, actors, start, sent)) is not None:
                found += named  # "with Cuba and Norway as guarantors"
            elif lower[start] in MEDIATOR_NOUNS and not (start > sent.start and lower[start - 1] == "as"):
                after = end + 1 if end < sent.end and lower[end] == "from" else end
                named = actors.at(after)
                if named is not None and named.start == after:
                    # "from mediators Egypt and Qatar", "mediators from Oman shuttled between ..."
                    found += mention_list(doc, actors, after, sent)
                continue
            elif lower[start] in {"guarantors", "accompanying"}:
                continue  # only a role given by "as" ("called for international guarantors")
            elif (owner := _role_owner(doc, actors, start, sent)) is not None:
                found.append(owner)  # "welcomed the UAE's role in brokering the exchange"
            else:
                before = _clause_actors(doc, actors, start, sent)
                by_name = [m for m in before if m.how != "pronoun"]
                before = by_name or before  # "It follows talks where Saudi Arabia mediated": not "It"
                which = _antecedent_of_which(doc, actors, start, sent)
                if which is not None:
                    before = [which]  # "hosted by Turkey, which has cast itself as a go-between"
                if start >= sent.start + 3 and lower[start - 1] == "and":
                    host = actors.at(start - 2)  # "hosted by Qatar and mediated jointly with ..."
                    if host is not None and lower[host.start - 1] == "by":
                        before = [*before, host]
                found += before
                k = end
                while k < min(sent.end, end + 4) and lower[k] not in {"alongside", "with"}:
                    k += 1
                if k < sent.end and lower[k] in {"alongside", "with"}:
                    found += mention_list(doc, actors, k + 1, sent)
            if lower[start] == "panel" or tokens.span_text(start, end).lower() == "mediation panel":
                for k in range(end, min(sent.end, end + 6)):
                    if lower[k] == "included":
                        found += mention_list(doc, actors, k + 1, sent)
        for mention in actors.in_span(sent):
            if mention.how == "official" and lower[mention.end - 1] in MEDIATOR_NOUNS | MEDIATION_NOUNS:
                found.append(mention)  # "Qatari mediators", "UAE mediation"
        cued = any(sent.start <= s < sent.end for s, _ in cues)
        about_talks = cued or not self.talk_words.isdisjoint(lower[sent.start : sent.end])
        found += self._sponsors(doc, sent, actors, about_talks)
        found += [person for m in found if (person := titled_person(doc, actors, m, sent)) is not m]
        return [m for m in found if m.how != "pronoun" or m.actor.kind != PERSON]

    def _sponsors(self, doc: Doc, sent: Sentence, actors: DocActors, about_talks: bool) -> list[Mention]:
        """Whose mediation the sentence names: "UAE mediation", "under the joint mediation of the AU and the
        UN"; and, in a sentence about talks, "with the help of Washington", "under the auspices of the AU"."""
        lower = table(doc).lower
        found: list[Mention] = []
        if SPONSOR_WORDS.isdisjoint(lower[sent.start : sent.end]):
            return found
        for k in range(sent.start + 1, sent.end - 1):
            mediation = lower[k] in MEDIATION_NOUNS
            if mediation:
                found += self._mediation_owner(doc, actors, k)
            if lower[k + 1] != "of" or not (mediation or about_talks and lower[k] in AUSPICES):
                continue
            opening = lower[max(sent.start, k - 3) : k]
            if "the" in opening and not {"with", "under"}.isdisjoint(opening):
                named = mention_list(doc, actors, k + 2, sent)
                found += named or self._listed_capitals(doc, actors, k + 2, sent)
        return found

    def _mediation_owner(self, doc: Doc, actors: DocActors, k: int) -> list[Mention]:
        """ "Egypt's mediation", "its mediation", "UAE mediation", "Qatari facilitation": who mediates."""
        words = table(doc).text
        end = k - 1 if words[k - 1].lower() in POSSESSIVE else k
        owner = actors.at(end - 1)
        if owner is None and end == k and words[k - 1] in self.demonyms:
            return [Mention(k - 1, k, self._actor(self.demonyms[words[k - 1]]), "demonym")]
        if owner is None or owner.end != end:
            return []
        if end == k and owner.how not in {"name", "metonym", "demonym", "pronoun"}:
            return []
        return [owner]

    # -- participants -----------------------------------------------------------------------------

    def _paired_demonym(self, doc: Doc, actors: DocActors, mention: Mention) -> list[Mention]:
        """ "the Israeli and Hamas delegations": the demonym paired with a delegation's own name."""
        words = table(doc).text
        k = mention.start - 2
        if k < 0 or words[k + 1] != "and" or words[k] not in self.demonyms:
            return []
        paired = actors.at(k)
        if paired is not None:
            return [paired] if paired.end == k + 1 else []
        return [Mention(k, k + 1, self._actor(self.demonyms[words[k]]), "demonym")]

    def _participants(self, doc: Doc, sent: Sentence, actors: DocActors) -> list[Mention]:
        lower = table(doc).lower
        found: list[Mention] = []
        for mention in actors.in_span(sent):
            last = lower[mention.end - 1]
            nxt = lower[mention.end] if mention.end < sent.end else None  # the word after, lowercase
            if (
                mention.how == "official"
                and last in PARTICIPANT_HEADS
                or nxt in {"'s", "’s"}
                and mention.end + 1 < sent.end
                and lower[mention.end + 1] in PARTICIPANT_HEADS
            ):
                found.append(mention)
                found += self._paired_demonym(doc, actors, mention)
        # the rules below start at a cue word or the word before "between": skip sentences with neither
        if PARTICIPANT_CUES.isdisjoint(lower[sent.start : sent.end - 2]) and (
            "between" not in lower[sent.start + 1 : sent.end - 1]
        ):
            return [m for m in found if m.actor.kind != PERSON]
        for i in range(sent.start, sent.end - 2):
            word = lower[i]
            if word not in PARTICIPANT_CUES and lower[i + 1] != "between":
                continue
            if lower[i + 1] == "between" and (
                word in TALKS_BETWEEN or not self.signing.isdisjoint(lower[max(sent.start, i - 4) : i + 1])
            ):  # "talks between X and Y", "the agreement, reached between X and Y"
                found += mention_list(doc, actors, i + 2, sent)
            if word in {"sending", "sent", "send", "sends", "dispatched"} and any(
                w in PARTICIPANT_HEADS for w in lower[i + 1 : min(sent.end, i + 4)]
            ):
                # "Israel is sending a delegation to Qatar": the sender takes part
                found += [m for m in coordinated_subject(doc, actors, i, sent) if m.actor.kind != PERSON]
            if word == "together" and i > sent.start and lower[i - 1] in BRINGING:
                found += mention_list(doc, actors, i + 1, sent)  # "brought together the army and the RSF"
            if word == "attended" and lower[i + 1] == "by":
                found += mention_list(doc, actors, i + 2, sent)  # "talks attended by Egypt, Qatar ..."
            if word == "behalf" and lower[i - 1] == "on" and lower[i + 1] == "of":
                # "negotiating on behalf of its ally the militia"
                found += mention_list(doc, actors, i + 2, sent)
            if word in {"delegation", "delegations", "delegates", "negotiators"} and lower[i + 1] == "from":
                found += mention_list(doc, actors, i + 2, sent)
            if word in JOINING and not self.talk_words.isdisjoint(lower[i + 1 : min(sent.end, i + 5)]):
                # "Sudan's army joined the talks in Jeddah": the one who joins takes part
                found += by_country(coordinated_subject(doc, actors, i, sent), actors)
            taking = word == "part" and i > sent.start and lower[i - 1] in TAKING_PART
            joining_in = (taking or word in PARTICIPATING) and lower[i + 1] == "in"
            if joining_in and self._in_talks(lower, i + 2, sent):
                # "UNITA took part in the talks", "both parties participated in the negotiations"
                found += by_country(coordinated_subject(doc, actors, i - 1 if taking else i, sent), actors)
            if word in NEGOTIATING and i > sent.start and lower[i + 1] != "by":
                # "where the government and the guerrillas have negotiated since 2012"
                subject = by_country(coordinated_subject(doc, actors, i, sent), actors)
                if len({m.actor.key for m in subject}) >= 2:
                    found += subject
            with_whom = word == "talks" and lower[i + 1] == "with" and i > sent.start
            if with_whom and lower[i - 1] in {"in", "held"}:
                # "Israel is in talks with Hamas", "held talks with the rebels": both sides, not a mediator
                other = [m for m in mention_list(doc, actors, i + 2, sent) if m.how in {"name", "metonym"}]
                subject = by_country(coordinated_subject(doc, actors, i - 1, sent), actors)
                if subject:
                    found += subject + other
            after = lower[i + 1 : min(sent.end, i + 7)]
            opened = word in TALK_VERBS and not self.talk_words.isdisjoint(after)
            if (word in {"signed", "held", "met"} or opened) and i > sent.start:
                # "The DRC and the M23 armed group signed ...", "Iran and the United States held talks",
                # "Azerbaijani President X and Armenian Prime Minister Y held talks": their countries
                subject = by_country(coordinated_subject(doc, actors, i, sent), actors)
                if len({m.actor.key for m in subject}) >= 2:
                    found += subject
        return [m for m in found if m.actor.kind != PERSON]

    def _in_talks(self, lower: list[str], k: int, sent: Sentence) -> bool:
        """Whether the words from token k name talks ("the talks", "all five rounds of negotiations"),
        not a role in them ("as observers") or something else ("in the fighting")."""
        after = lower[k : min(sent.end, k + 6)]
        return not self.talk_words.isdisjoint(after) and not {"observer", "observers"} & set(after)


def _named_as(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention] | None:
    """ "with Cuba and Norway as guarantors", "Qatar, acting as mediator": the actors given the role
    that the mediation word at token i names; None when no "as" introduces it."""
    lower = table(doc).lower
    k = i - 1
    while k > sent.start and lower[k] in ROLE_MODIFIERS:
        k -= 1
    if lower[k] != "as" or k - 1 <= sent.start:
        return None
    if lower[k - 1] in ACTING:
        k -= 1
    while k - 1 > sent.start and lower[k - 1] in {","}:
        k -= 1
    return coordinated_subject(doc, actors, k, sent) or None


def _role_owner(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> Mention | None:
    """ "the UAE's role in brokering", "Qatar's efforts at mediating": the owner of the role that the
    mediation word at token i completes."""
    lower = table(doc).lower
    k = i - 2
    if k - 2 < sent.start or lower[k + 1] not in {"in", "at"} or lower[k] not in ROLE_WORDS:
        return None
    if lower[k - 1] not in POSSESSIVE:
        return None
    owner = actors.at(k - 2)
    return owner if owner is not None and owner.end == k - 1 else None


def _antecedent_of_which(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> Mention | None:
    """The actor ", which ..." or ", who ..." refers to, when a relative clause holds token i."""
    lower = table(doc).lower
    for k in range(i - 1, max(sent.start, i - 15), -1):
        if lower[k] == "who" and k - 2 >= sent.start and lower[k - 1] == ",":
            # "said Jane Doe, the acting head of the UN mission in Libya, who facilitated": a person
            people = [m for m in actors.between(max(sent.start, k - 16), k) if m.actor.kind == PERSON]
            return people[-1] if people else None
        if lower[k] == "which" and lower[k - 1] in OBJECT_PREPOSITIONS:
            return None  # "the group, in which the OSCE mediates": the subject follows "which"
        if lower[k] == "which" and k - 2 >= sent.start and lower[k - 1] == ",":
            mention = actors.at(k - 2)
            return mention if mention is not None and mention.end == k - 1 else None
        if lower[k] in {",", ";"}:
            return None
    return None


def _clause_actors(doc: Doc, actors: DocActors, i: int, sent: Sentence) -> list[Mention]:
    """The actors of the clause before token i that are not objects of a preposition ("Egypt and Qatar,
    along with the United States, are trying to ..."; "Egypt, which has been mediating")."""
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    start = sent.start
    for k in range(i - 1, sent.start - 1, -1):
        if words[k] in {";", ":"} or lower[k] in {"but", "while", "whereas"}:
            start = k + 1
            break
    found = []
    for mention in actors.between(start, i):
        prev = lower[mention.start - 1] if mention.start > start else None  # the word before, lowercase
        if prev == "the" and mention.start - 2 >= start:
            prev = lower[mention.start - 2]
        if prev in OBJECT_PREPOSITIONS:
            continue
        if mention.end < len(lower) and lower[mention.end] in {"'s", "’s"}:
            continue
        found.append(mention)
    return found[-4:]


@Language.factory("parley_talks")
def make_talks(nlp: Language, name: str) -> TalksRules:
    return TalksRules(nlp)
