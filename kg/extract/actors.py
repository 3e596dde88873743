"""Recognise actors: known ones under any of their names, and ones the ontology does not know.

Known actors come from `ontology/actors.ttl` (names, capitals standing for governments, demonyms).
Unknown ones are recognised from the way news introduces them: a title before a name ("Foreign
Minister Jane Doe"), an apposition after it ("Luis Ortega, a member of the rebels' political wing"),
an organisation's form ("University of Nairobi", "the Front for Change and Concord in Chad (FACT)",
whose abbreviation then names it), a demonym with an official noun ("Egyptian officials", "Sudan's
army", "Iran's foreign ministry"). Within an article, later references are
resolved in reading order: surnames ("Ortega"), pronouns ("he", "it"), and descriptions ("the
group", "the ministry", "the government", "the official").

Results go to `Doc._.actors` (a `DocActors`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from kg.extract.base import POSSESSIVE, Sentence, sentence_of, title_words
from kg.extract.facts import COUNTRY, ORGANIZATION, PERSON, Actor
from kg.extract.mentions import Affiliation, DocActors, Mention
from kg.keys import slug
from kg.knowledge import Knowledge, load_knowledge
from kg.nlp import TokenTable, cues, table

# what an armed group's members are called after its name: "UNITA rebels", "the FROLINAT rebel movement"
ARMED_MEMBERS = frozenset("rebels rebel guerrillas guerrilla militants militia insurgents fighters".split())
PREPOSITIONS = frozenset(
    "in to from at near toward towards across around outside inside into via through of for on "
    "between left leave leaves reach reached visit visited arrive arrived over within".split()
)
# the verbs an actor acts with, beyond speech: "Moscow backed ...", "Tehran rejected ..."
ACTOR_VERBS = frozenset(
    "accuse blame reject demand want insist agree accept sign back support dismiss oppose refuse welcome "
    "propose offer seek condemn host mediate broker push press urge threaten respond deny call criticise "
    "criticize denounce fault lift block halt suspend expel recall".split()
)
# an unnamed official who speaks for a country: "Egypt's foreign minister", "the Egyptian president"
NATIONAL_HEADS = frozenset("president minister premier chancellor king emir".split())
OFFICIAL_MODIFIERS = frozenset("chief top senior deputy lead prime vice acting".split())
ACTING_NORMS = frozenset("be have will would could can may must should do 's ’s and ,".split())
# determiners that can open a description ("the group", "two army officials", "both sides")
REFERENCE_OPENERS = frozenset("the this that both a an two three several some one".split())
NP_MODIFIERS = frozenset(
    "senior top chief deputy acting caretaker former then the a an 's ’s state security intelligence "
    "government middle east special regional foreign defence defense interior ministry far-right "
    "hardline veteran outgoing incoming new current interim us u.s. de facto lead main political "
    "military two three several its his her their leading powerful influential longtime".split()
)
RANK_WORDS = frozenset("senior top high-ranking junior well-placed former".split())  # "the senior official"
# words between a demonym and its noun ("Egyptian security sources", "Israeli state-run media")
DEMONYM_MODIFIERS = frozenset(
    "state security intelligence senior government top military diplomatic well-placed informed "
    "state-run state-affiliated".split()
)
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")  # a capitalised word that is not all letters: "O'Brien", "St."
PREFIXED_NAME = re.compile(r"(al|el|bin|ibn|abu|abd|de)-\w+")  # "al-Burhan", "bin-Salman"
TROOPS = frozenset({"troops", "soldiers"})  # "Cambodian troops" name the country, as "Egyptian officials" do
MEDIATING = ("mediat", "guarant", "facilitat", "accompan")  # "the two guarantor countries"
THIRD_PARTY_ROLES = (*MEDIATING, "broker", "observ", "witness", "watching")  # "with X and Y watching"
CAP_STOP = frozenset(
    "The A An In On At But And As After Before While When Under According Since If This That These "
    "Those It He She They We Our His Her Its Their Mr Mr. Ms. Mrs. Dr. Some Both Neither Several Many "
    "More Most Also However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December Jan. Feb. "
    "Aug. Sept. Oct. Nov. Dec. Speaking Asked Calling Despite Following Last Next Earlier Later Late "
    "Who What Whoever Anyone Everyone Nobody Today Yesterday Tomorrow Advertisement Photo Reporting "
    "Editing Writing Updated Published Source Will Would Can Could Should Shall Might Must Did Does Do Is "
    "Are Was Were Has Have Had Why How Where From For With By To Of Into Through Without Among Amid "
    "Against Over Until During Inside Outside Across Between Beyond Near Toward Towards Via".split()
)


def _variants(name: str) -> set[str]:
    forms = {name, name.replace("'", "’")}
    if name[:1].islower():
        forms.add(name[:1].upper() + name[1:])
    if name.lower().startswith("the ") and len(name.split()) >= 3:
        forms.add(name[4:])  # "the Associated Press", but "The National" stays whole
    return forms


def _house_style(name: str) -> list[str]:
    """ "Farc", "Nato", "Farc rebels": the form some papers give an acronym read as a word (four or
    more letters). Not for news agencies, whose short names are often words or names too ("Sana")."""
    def spoken(word: str) -> bool:
        return len(word) >= 4 and word.isalpha() and word.isupper()

    words = name.split()
    if not any(spoken(w) for w in words):
        return []
    return [" ".join(w.title() if spoken(w) else w for w in words)]


class ActorRecognizer:
    """The `parley_actors` component."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.kb = knowledge
        word_lists = cues()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[int, tuple[str, str]] = {}  # match id (label's hash) -> (kind of match, key)
        names: dict[str, list[str]] = {}
        for actor in knowledge.actors.values():
            for name in actor.names:
                names.setdefault(f"name|{actor.key}", []).append(name)
                if "NewsOutlet" not in actor.classes:
                    names[f"name|{actor.key}"] += _house_style(name)
            for name in actor.metonyms:
                names.setdefault(f"metonym|{actor.key}", []).append(name)
            for name in actor.demonyms:
                names.setdefault(f"demonym|{actor.key}", []).append(name)
        for place in knowledge.places.values():
            for name in place.names:
                names.setdefault(f"place|{place.key}", []).append(name)
        for label, forms in names.items():
            kind, key = label.split("|", 1)
            self.kinds[nlp.vocab.strings.add(label)] = (kind, key)
            exact, folded = [], []
            for form in {v for f in forms for v in _variants(f)}:
                doc = nlp.make_doc(form)
                fold = len(doc) >= 2 and len(form) >= 8 and not form.lower().startswith("the ")
                (folded if fold else exact).append(doc)
            if exact:
                self.exact.add(label, exact)
            if folded:
                self.folded.add(label, folded)
        # in both cases: "Sen." and "Gen." are one token each, "sen." and "gen." two
        titles = word_lists["titles"] + ["mr"]
        self.titles.add("title", [nlp.make_doc(form) for t in titles for form in {t, t.title()}])
        self.strong_titles = set(word_lists["strong_titles"]) | {"mr"}
        self.title_words = title_words()
        # the last words of titles, the person a title names: "minister", "envoy", not "counterpart"
        self.title_heads = {t.split()[-1] for t in titles} - {"counterpart", "state", "head"}
        self.title_or_government = self.title_words | GOVERNMENT_WORDS  # "Government spokesman X"
        self.particles = set(word_lists["name_particles"])
        self.official_heads = {h.split()[0] for h in word_lists["official_heads"]} | {
            "chiefs",
            "figures",
            "mediation",
            "mediators",
        }
        # "security sources", "negotiating team": words that are a head only with the next one
        single_heads = {h for h in word_lists["official_heads"] if " " not in h}
        self.head_phrases = {
            tuple(h.split()) for h in word_lists["official_heads"] if h.split()[0] not in single_heads
        }
        self.armed_heads = {"army", "military", "forces"}
        self.ministry_kinds = set(word_lists["ministry_kinds"])
        self.org_heads = set(word_lists["org_heads"])
        self.former = set(word_lists["former_words"])
        self.national_titles = word_lists["national_titles"]
        self.pronouns = word_lists["pronouns"]
        self.descriptors = word_lists["generic_descriptors"]
        self.person_descriptors = set(word_lists["person_descriptors"])
        self.demonyms = knowledge.by_demonym()
        self.organisation_names = {n for a in knowledge.actors.values() if a.kind != PERSON for n in a.names}
        # every word of a name the ontology knows: such a word before a known name is a name of its own
        self.known_words = {word for forms in names.values() for form in forms for word in form.split()}
        self.reporting_verbs = set(word_lists["reporting_verbs"])
        # the verbs an actor acts with: "Cairo rejected ...", "the Israelis accuse ..."
        self.verbs = self.reporting_verbs | ACTOR_VERBS
        self.acting = ACTING_NORMS | self.verbs  # the norms of a word after an acting actor
        self.country_heads = self.official_heads | {"president", "leader", "premier"}
        self.title_gap = {"and", ","} | self.title_words  # "chief negotiator and spokesman, X"
        self.strong_title_forms = {t.rstrip(".") for t in self.strong_titles}
        self.openers = set(self.pronouns) | REFERENCE_OPENERS
        self.known_actors: dict[tuple[str, str | None], Actor] = {}  # made by `_actor`
        # the ontology's actors by lowercase name, and by the country or organisation they belong to
        self.lower_names = {a.key: {n.lower() for n in a.names} for a in knowledge.actors.values()}
        self.by_name: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        for actor in knowledge.actors.values():
            for name in self.lower_names[actor.key]:
                self.by_name.setdefault(name, actor.key)
            if actor.parent is not None:
                self.children.setdefault(actor.parent, []).append(actor.key)
        # the words a description can start with: anything else after "the" is no reference
        self.description_starts = (
            {d.split()[0] for d in self.descriptors}
            | {d.split()[0] for d in self.person_descriptors}
            | {
                "two",
                "sides",
                "parties",
                "government",
                "authorities",
                "senior",
                "top",
                "high-ranking",
                "junior",
                "well-placed",
                "former",
                "national",
                "federal",
                "central",
                "transitional",
                "interim",
            }
            | (self.org_heads - STATE_HEADS)  # "the front", "the alliance": an organisation named before
        )

    # -- the pass ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        tokens = table(doc)
        found = DocActors()
        taken = [False] * len(doc)
        gaz = self._gazetteer(doc)
        persons = self._titled_persons(doc, gaz, found)
        for start, end, actor, how, title in persons:
            self._add(found, taken, Mention(start, end, actor, how, title))
        for start, end, kind, key in gaz:
            if any(taken[start:end]) and kind != "place":
                continue
            mention = self._known(tokens, start, end, kind, key, found)
            if mention is not None and any(taken[mention.start : mention.end]):
                continue
            if mention is not None:
                self._add(found, taken, mention)
        capitals = [k for k, word in enumerate(tokens.text) if word[:1].isupper()]
        # where a name the ontology does not know can start
        name_starts = [k for k in capitals if not tokens.boiler[k] and tokens.text[k] not in CAP_STOP]
        self._appositive_persons(tokens, name_starts, taken, found)
        known = {k for start, end, kind, key in gaz if self._is_place(kind, key) for k in range(start, end)}
        by_word: dict[str, list[int]] = {}  # where each capitalised word is
        for k in capitals:
            by_word.setdefault(tokens.text[k], []).append(k)
        self._echoed_persons(tokens, name_starts, by_word, taken, known, found)
        self._faction_tags(tokens, taken, found)
        self._orgs(tokens, name_starts, taken, found)
        self._abbreviated_orgs(tokens, taken, found)
        self._acronym_orgs(tokens, capitals, taken, found)
        self._leader_offices(tokens, taken, found)
        self._resolve_references(tokens, capitals, taken, found)
        found.sort()
        self._title_affiliations(doc, found)
        if self._offices(tokens, found):
            found.sort()
        doc._.actors = found
        return doc

    def _add(self, found: DocActors, taken: list[bool], mention: Mention) -> None:
        found.mentions.append(mention)
        for i in range(mention.start, mention.end):
            taken[i] = True

    def _gazetteer(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        kinds = self.kinds
        text = table(doc).text
        matches = [(s, e, *kinds[m]) for m, s, e in self.exact(doc)]
        # a name matched in any case is still written as one: "a national unity government" is no name
        folded = [(s, e, *kinds[m]) for m, s, e in self.folded(doc)]
        matches += [m for m in folded if any(w[:1].isupper() for w in text[m[0] : m[1]])]
        order = {"name": 0, "metonym": 1, "demonym": 2, "place": 3}
        matches.sort(key=lambda m: (-(m[1] - m[0]), order[m[2]], m[0]))
        chosen: list[tuple[int, int, str, str]] = []
        used = [False] * len(doc)
        boiler = table(doc).boiler
        for match in matches:
            start, end, kind, _ = match
            if boiler[start] or (kind != "place" and any(used[start:end])):
                continue
            if (
                text[start] == "The"
                and end < len(text)
                and text[end][:1].isupper()
                and text[end].isalpha()
                and text[end] not in CAP_STOP
            ):
                continue  # "The National" (a newspaper) opening "The National Salvation Front"
            chosen.append(match)
            if kind != "place":
                used[start:end] = [True] * (end - start)
        chosen.sort()
        return chosen

    def _actor(self, key: str, surface: str | None = None) -> Actor:
        """An actor the ontology knows, named `surface` in the article (Actors are immutable, so one
        is made per key and surface)."""
        actor = self.known_actors.get((key, surface))
        if actor is None:
            known = self.kb.actors[key]
            names = (surface,) if surface and surface != known.label else ()
            actor = Actor(known.key, known.label, known.kind, known.classes, names, known=True)
            self.known_actors[key, surface] = actor
        return actor

    def _known(
        self, tokens: TokenTable, start: int, end: int, kind: str, key: str, found: DocActors
    ) -> Mention | None:
        lower = tokens.lower
        if kind == "place":
            place = self.kb.places[key]
            found.places.append((start, end, key, _text(tokens, start, end), place.country))
            return self._place_ministry(tokens, start, end, key)
        surface = _text(tokens, start, end)
        size = len(lower)
        after = lower[end] if end < size else None  # the word after the name, lowercase
        before = lower[start - 1] if start > 0 else None
        if kind == "metonym":
            if before in PREPOSITIONS:
                return None
            acting = end < size and tokens.norm[end] in self.acting
            # "New Delhi held Pakistan responsible", not "Palestinians held in Israeli prisons"
            held = end < size and tokens.norm[end] == "hold" and "responsible" in lower[end : end + 6]
            acting = acting or held
            addressed = start > 0 and tokens.norm[start - 1] in ADDRESSING_VERBS  # "accusing Addis Ababa of"
            if not acting and not addressed and before != "by":
                return None
            return Mention(start, end, self._actor(key), "metonym")
        if kind == "demonym":
            return self._demonym(tokens, start, end, key)
        known = self.kb.actors[key]
        if (
            after in POSSESSIVE
            and end + 2 < size
            and lower[end + 1] in self.ministry_kinds
            and lower[end + 2] == "ministry"
            and known.kind == COUNTRY
        ):  # "Lebanon's health ministry"
            body = self._body(key, surface, tokens.text[end + 1], "Ministry", _text(tokens, start, end + 3))
            return Mention(start, end + 3, body, "name")
        if known.kind == ORGANIZATION and self._inside_longer_name(tokens, start):
            return None  # "the Zapatista National Liberation Army" is not the ELN: `_orgs` reads it whole
        how = "official" if after in self.official_heads else "name"
        head_end = end + 1 if how == "official" else end
        if after in POSSESSIVE and known.kind != PERSON:
            heads = self.country_heads if known.kind == COUNTRY else self.official_heads
            official = self._unnamed_official(tokens, end + 1, heads)
            if official is not None:
                # "Ukraine's president rejected ...", "Egypt's foreign minister said ...", "Hamas's
                # chief negotiator said ...": the country or organisation acts
                how, head_end = "official", official
        return Mention(start, head_end, self._actor(key, surface), how)

    def _community(self, text: list[str], k: int) -> bool:
        """Whether the demonym at token k follows another that makes no country's demonym with it: a
        community ("Turkish Cypriot", "Greek Cypriot"), not a country."""
        demonyms = self.demonyms
        return (
            k > 0
            and text[k] in demonyms
            and text[k - 1] in demonyms
            and f"{text[k - 1]} {text[k]}" not in demonyms
        )

    def _demonym_ending(self, text: list[str], k: int, floor: int) -> str | None:
        """The country of a demonym ending at token k and starting no earlier than `floor`: two words
        ("South Sudanese", "Sri Lankan") before one ("Sudanese")."""
        if k - 1 >= floor and f"{text[k - 1]} {text[k]}" in self.demonyms:
            return self.demonyms[f"{text[k - 1]} {text[k]}"]
        return self.demonyms.get(text[k])

    def _inside_longer_name(self, tokens: TokenTable, start: int) -> bool:
        """Whether the known name at `start` follows a capitalised word of the same name, one the
        ontology does not know: "Zapatista National Liberation Army", "Free Syrian Army"."""
        k = start - 1
        if k < 0 or k in tokens.sent_starts:
            return False
        word = tokens.text[k]
        return (
            word[:1].isupper()
            and word.isalpha()
            and word not in CAP_STOP
            and word not in self.demonyms
            and tokens.lower[k] not in self.title_words
            and word not in self.known_words
        )

    def _unnamed_official(self, tokens: TokenTable, k: int, heads: set[str]) -> int | None:
        """Where an official's title starting at token k ends ("foreign minister", "chief negotiator"),
        when no name follows it; None when there is no such title."""
        lower = tokens.lower
        size = len(lower)
        while k < size and (lower[k] in OFFICIAL_MODIFIERS or lower[k] in self.ministry_kinds):
            k += 1
        if k >= size or not (lower[k] in heads or lower[k] in NATIONAL_HEADS) or not tokens.text[k].islower():
            return None
        if any(first == lower[k] for first, _ in self.head_phrases):
            if k + 1 >= size or (lower[k], lower[k + 1]) not in self.head_phrases:
                return None  # "China's security concerns" is no official
            k += 1
        if k + 1 < size and tokens.text[k + 1][:1].isupper():
            return None  # "Egypt's foreign minister Badr Abdelatty": a person
        return k + 1

    def _place_ministry(self, tokens: TokenTable, start: int, end: int, place_key: str) -> Mention | None:
        """ "Gaza's health ministry": a ministry named after a place the ontology knows by that name."""
        lower = tokens.lower
        if (
            end + 2 < len(lower)
            and lower[end] in POSSESSIVE
            and lower[end + 1] in self.ministry_kinds
            and lower[end + 2] == "ministry"
        ):
            wanted = f"{_text(tokens, start, end)} {tokens.text[end + 1]} ministry".lower()
            key = self.by_name.get(wanted)
            if key is not None:
                return Mention(start, end + 3, self._actor(key, _text(tokens, start, end + 3)), "name")
        return None

    def _demonym(self, tokens: TokenTable, start: int, end: int, key: str) -> Mention | None:
        """ "Egyptian officials", "an official Egyptian source", "Iran's foreign ministry", "the
        Israelis": a demonym names its country only with an official noun, or as a plural noun."""
        lower, text = tokens.lower, tokens.text
        size = len(lower)
        if self._community(text, start):
            return None  # "Turkish Cypriot leader", "Greek Cypriot officials": a community, not the country
        surface = _text(tokens, start, end)
        j = end
        if (
            j + 2 < size
            and lower[j] == "and"
            and text[j + 1] in self.demonyms
            and lower[j + 2] in self.official_heads
        ):
            return Mention(start, end, self._actor(key), "official")  # "Russian and Ukrainian negotiators"
        while j < size and j < end + 3 and lower[j] in DEMONYM_MODIFIERS:
            if lower[j] == "government":
                break
            j += 1
        head = lower[j] if j < size else None  # the noun the demonym goes with, lowercase
        if head in self.ministry_kinds and j + 1 < size and lower[j + 1] == "ministry":
            return Mention(
                start,
                j + 2,
                self._body(key, surface, text[j], "Ministry", _text(tokens, start, j + 2)),
                "name",
            )
        if head in self.armed_heads and j == end:
            return Mention(start, j + 1, self._armed_forces(key, f"{surface} {text[j]}"), "name")
        if head in self.official_heads or head in TROOPS:  # "Egyptian officials", "Cambodian troops"
            return Mention(start, j + 1, self._actor(key), "official")
        official = self._unnamed_official(tokens, j, set())
        if official is not None and not (start > 0 and lower[start - 1] in self.former):
            return Mention(start, official, self._actor(key), "official")  # "the Qatari prime minister"
        if (
            surface[:1].isupper()
            and surface.endswith("s")
            and (head is None or not text[j][:1].isalpha() or tokens.norm[j] in self.acting)
        ):
            return Mention(start, end, self._actor(key), "demonym")
        return None

    def _child_named(self, parent: str, name: str) -> str | None:
        """The first actor of the ontology that belongs to `parent` and goes by `name` (any case)."""
        name = name.lower()
        for key in self.children.get(parent, ()):
            if name in self.lower_names[key]:
                return key
        return None

    def _body(self, country_key: str, demonym: str, kind: str, noun: str, surface: str) -> Actor:
        """A country's ministry ("Iranian Foreign Ministry"), known or made from its country; the
        article's own words for it ("the Azerbaijani foreign ministry") are kept as another name."""
        label = f"{self._adjective(country_key, demonym)} {kind.title()} {noun}"
        known = self._child_named(country_key, label)
        if known is not None:
            return self._actor(known, label)
        key = f"{country_key}-{kind.lower()}-{noun.lower()}"
        names = (surface,) if surface.lower() != label.lower() else ()
        return Actor(key, label, ORGANIZATION, ("GovernmentBody",), names, known=False)

    def _armed_forces(self, country_key: str, surface: str) -> Actor:
        armies = [k for k in self.children.get(country_key, ()) if "ArmedGroup" in self.kb.actors[k].classes]
        named = surface.lower()
        for key in armies:
            if named in self.lower_names[key]:
                return self._actor(key, surface)
        if armies:
            return self._actor(armies[0], surface)
        label = f"{self._adjective(country_key, surface.split()[0])} armed forces"
        return Actor(f"{country_key}-armed-forces", label, ORGANIZATION, ("ArmedGroup",), (surface,))

    def _adjective(self, country_key: str, fallback: str) -> str:
        forms = (
            [d for d in self.kb.actors[country_key].demonyms if not d.endswith("s")]
            if country_key in self.kb.actors
            else []
        )
        return sorted(forms, key=len)[0] if forms else fallback

    # -- people -----------------------------------------------------------------------------------

    def _name_at(self, tokens: TokenTable, i: int, limit: int = 5) -> int:
        """The end of a personal name starting at token i (i itself when there is none)."""
        text, lower, boiler, space = tokens.text, tokens.lower, tokens.boiler, tokens.space
        size = len(text)
        j = i
        while j < size and j - i < limit:
            word = text[j]
            if boiler[j] or space[j]:
                break
            if word[:1].isupper() and (word.isalpha() or NAME_WORD.fullmatch(word)):
                if word in CAP_STOP and j == i:
                    break
                if lower[j] in self.title_words and j == i:
                    i += 1  # "chief General Amadou ..." : titles before the name are skipped
                    j += 1
                    continue
                j += 1
            elif lower[j] in self.particles or PREFIXED_NAME.fullmatch(lower[j]):
                if j + 1 < size and (text[j + 1][:1].isupper() or "-" in word) and j > i or "-" in word:
                    j += 1
                else:
                    break
            else:
                break
        return j

    def _titled_persons(self, doc: Doc, gaz, found: DocActors) -> list[tuple[int, int, Actor, str, str]]:
        """Persons introduced with a title: "Foreign Minister X", "X's chief negotiator, Y"."""
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        size = len(text)
        titles = sorted(((s, e) for _, s, e in self.titles(doc)), key=lambda t: (t[0], -(t[1] - t[0])))
        result = []
        seen_end = -1
        for start, end in titles:
            if end <= seen_end or tokens.boiler[start]:
                continue
            title = _text(tokens, start, end)
            first = end
            comma = False
            # "The front's chief negotiator and spokesman, Amara Tesfaye"
            while first < size and lower[first] in self.title_gap and first < end + 4:
                comma = comma or text[first] == ","
                first += 1
            # "US special envoy for Syria Tom Barrack": a place the ontology knows, then the name
            place_end = None
            complement = not comma and end < size and lower[end] in TITLE_COMPLEMENTS
            if complement:
                places = (
                    e for s, e, kind, key in gaz if s in (end + 1, end + 2) and self._is_place(kind, key)
                )
                place_end = next(places, None)
                if place_end is not None and not (place_end < size and text[place_end][:1].isupper()):
                    place_end = None
            if place_end is None and complement:
                # "Minister for Bougainville Affairs Manasseh Makiba": a portfolio, then the name
                portfolio = [
                    k
                    for k in range(end + 1, min(end + 6, size - 1))
                    if lower[k] in PORTFOLIO_WORDS and text[k][:1].isupper() and text[k + 1][:1].isupper()
                ]
                capitalised = portfolio and all(
                    text[k][:1].isupper() or lower[k] in {"and", "of", "&"}
                    for k in range(end + 1, portfolio[-1])
                )
                if capitalised:
                    place_end = portfolio[-1] + 1
            if place_end is None and complement:
                # "the envoy for the Horn of Africa, Jane Doe,": a complement, then the name after a comma
                close = next((k for k in range(end + 1, min(end + 7, size)) if text[k] == ","), None)
                if close is not None and all(text[k][:1].isalnum() for k in range(end + 1, close)):
                    first, comma = close + 1, True
            name_start = first if comma or first == end else end
            if not comma and name_start != end:
                name_start = end
            if place_end is not None:
                name_start = place_end
            name_end = self._name_at(tokens, name_start)
            # "chief negotiator, Internal Affairs Minister X Y,": a second title opens the name
            inner = [k for k in range(name_start, name_end - 1) if lower[k] in self.title_words]
            if inner:
                name_start = inner[-1] + 1
            while name_start < name_end and lower[name_start] in self.title_words:
                name_start += 1
            size_of_name = name_end - name_start
            if size_of_name == 0:
                continue
            strong = title.lower().rstrip(".") in self.strong_title_forms
            if size_of_name == 1 and not strong and not comma:
                continue
            if comma and (name_end >= size or text[name_end] not in {",", "."}):
                continue
            name = _text(tokens, name_start, name_end)
            one_word_org = size_of_name == 1 and name in self.organisation_names
            if one_word_org or lower[name_end - 1] in self.org_heads:
                continue  # "the head of the UN Support Mission" names no one
            actor = Actor(_slug(name), name, PERSON, (), (), known=False)
            result.append((name_start, name_end, actor, "person", title))
            seen_end = name_end
        return result

    def _is_place(self, kind: str, key: str) -> bool:
        """Whether a gazetteer match names a place or a country ("envoy for Syria"), not a body."""
        return kind == "place" or (key in self.kb.actors and self.kb.actors[key].kind == COUNTRY)

    def _appositive_persons(
        self, tokens: TokenTable, name_starts: list[int], taken: list[bool], found: DocActors
    ) -> None:
        """ "Luis Ortega, a rebel commander, said" and "Marie-Claire Dubois ... said": a capitalised
        name of two or more words followed by an apposition or a reporting verb."""
        lower = tokens.lower
        for sent_start, sent_end in _sentence_bounds(tokens):
            resume = sent_start  # the tokens before it were read as part of a name
            listed = -1  # the end of the last name read after "led by", "made up of"
            for i in name_starts[bisect_left(name_starts, sent_start) : bisect_left(name_starts, sent_end)]:
                if i < resume or taken[i]:
                    continue
                end = self._name_at(tokens, i, limit=4)
                resume = max(end, i + 1)
                if end - i < 2 or any(taken[i:end]) or tokens.lower[end - 1] in self.org_heads:
                    continue
                # "The Hamas delegation, led by Khalil Darwish,", "a team made up of X and Y"; not "led by
                # Assistant Secretary X", a title
                led = _leading_width(lower, i - 1) > 0 or (lower[i - 1] == "and" and i - 1 == listed)
                led = led and lower[end - 1] not in self.title_words
                if led or (
                    (
                        i == sent_start
                        or tokens.lower[i - 1] in {",", "and", "by", "said", "says", "with", "”", '"'}
                        or tokens.lower[i - 1] == "to"
                        and i > 1
                        and tokens.lower[i - 2] == "according"
                        or tokens.lower[i - 1] in {"from", "was", "is"}  # "a response from X, the minister"
                        and any(w in self.title_words for w in tokens.lower[end + 1 : end + 5])
                    )
                    and self._introduced(tokens, i, end, sent_start)
                ):
                    name = _text(tokens, i, end)
                    self._add(found, taken, Mention(i, end, Actor(_slug(name), name, PERSON), "person"))
                    listed = end if led else -1

    def _echoed_persons(
        self,
        tokens: TokenTable,
        name_starts: list[int],
        by_word: dict[str, list[int]],
        taken: list[bool],
        known: set[int],
        found: DocActors,
    ) -> None:
        """ "Nelson Mandela did not hide his frustration. ... Mandela has insisted": a name of two or
        three capitalised words whose last word comes back alone, acting as a person does (news gives
        the full name once and the surname after). `known` holds the tokens of places and countries the
        ontology knows: a surname that is one ("South Bougainville", then "Bougainville said") is no
        person's."""
        text, lower, norm = tokens.text, tokens.lower, tokens.norm
        size = len(text)
        resume = 0
        for i in name_starts:
            if i < resume or taken[i] or i + 1 >= size or not text[i + 1][:1].isupper():
                continue
            end = self._name_at(tokens, i, limit=3)
            resume = max(end, i + 1)
            if not 2 <= end - i <= 3 or any(taken[i:end]) or lower[end - 1] in self.org_heads:
                continue
            if i > 0 and text[i - 1][:1].isupper() or end < size and text[end][:1].isupper():
                continue  # part of a longer capitalised run: a title, an organisation's name
            surname = text[end - 1]
            if not surname.isalpha() or surname in CAP_STOP or lower[end - 1] in self.title_words:
                continue
            if lower[i] in REGION_WORDS or text[i] in self.demonyms or i > 0 and lower[i - 1] in WHERE:
                continue  # "South Kordofan", "in Muslim Mindanao": a region's name
            if i > 1 and lower[i - 1] == "for" and lower[i - 2] in self.title_words:
                continue  # "Minister for Reintegration Jane Doe": a portfolio opens the run
            occurrences = by_word.get(surname, [])
            if any(k in known for k in occurrences):
                continue
            for k in occurrences:
                if i <= k < end or k + 1 >= size or taken[k]:
                    continue
                alone = not (k > 0 and text[k - 1][:1].isupper()) and not text[k + 1][:1].isupper()
                acting = (
                    norm[k + 1] in ECHO_VERBS
                    or k > 0
                    and lower[k - 1] in {"by", "said", "says"}
                    or text[k + 1] == ","
                    and self._said_after_aside(tokens, k + 1)
                )
                if alone and acting:
                    name = _text(tokens, i, end)
                    self._add(found, taken, Mention(i, end, Actor(_slug(name), name, PERSON), "person"))
                    break

    def _said_after_aside(self, tokens: TokenTable, comma: int) -> bool:
        """Whether an aside opened by the comma at `comma` closes on a reporting verb: "Handal, speaking
        for the rebel command, said"."""
        text = tokens.text
        for k in range(comma + 1, min(comma + 14, len(text) - 1)):
            if text[k] in {".", ";", ":"}:
                return False
            if text[k] == ",":
                return tokens.norm[k + 1] in self.reporting_verbs
        return False

    def _introduced(self, tokens: TokenTable, start: int, end: int, sent_start: int) -> bool:
        """Whether the name [start, end) is followed by an apposition ("X, a rebel commander,") or a
        reporting verb ("X said", "X has said")."""
        text, lower, norm = tokens.text, tokens.lower, tokens.norm
        verbs = self.reporting_verbs
        size = len(text)
        comma = end < size and text[end] == ","
        has_after = end + 1 < size  # a word after the one after the name
        appositive = (
            comma
            and has_after
            and (
                (
                    lower[end + 1] in {"a", "an", "the", "who", "whose"}
                    or lower[end + 1 : end + 3] in (["known", "as"], ["also", "known"])  # "X, known as Y,"
                    or text[end + 1][:1].isupper()
                )
                and not lower[end + 1].endswith("ing")  # "X, speaking to reporters": X may be anything
                # "X, foreign policy adviser to the president,", "X, founding chairman of the MNLF,"
                or self._title_follows(tokens, end + 1)
            )
        )
        between = (
            start > sent_start and text[start - 1] == "," and comma and has_after and norm[end + 1] in verbs
        )  # "The UN special envoy for Libya, Hanna Tetteh, said"
        speaks = end < size and (
            norm[end] in verbs or (norm[end] in {"have", "also"} and has_after and norm[end + 1] in verbs)
        )
        # "said Omar Tal of the Council on Maghreb Affairs", "Mira Sen from the Delta Policy Forum said"
        affiliated = end < size and lower[end] in {"of", "from", "at"} and any(
            lower[k] in self.org_heads and text[k][:1].isupper() for k in range(end + 1, min(size, end + 7))
        )
        return appositive or between or speaks or affiliated

    def _title_follows(self, tokens: TokenTable, start: int) -> bool:
        """Whether the words from `start` are a title of a few lowercase words: "foreign policy
        adviser", "spokesman for", "director general of"."""
        for k in range(start, min(start + 4, len(tokens.text))):
            if tokens.lower[k] in self.title_words:
                return True
            if not tokens.text[k].isalpha() or not tokens.text[k].islower():
                return False
        return False

    def _offices(self, tokens: TokenTable, found: DocActors) -> bool:
        """ "Netanyahu's office", "Pashinyan's office": a leader's office speaks as an organisation, the
        country's own when the article titles the leader ("Israeli Prime Minister X"). Returns whether
        any mention was replaced (the mentions then need sorting again)."""
        lower = tokens.lower
        leaders = {
            a.person.actor.key: (a.organisation.key, OFFICES[title])
            for a in found.affiliations
            if a.organisation.kind == COUNTRY and (title := (a.person.title or "").lower()) in OFFICES
        }
        replaced, changed = [], False
        for mention in found.mentions:
            end = mention.end
            if (
                mention.actor.kind == PERSON
                and end + 1 < len(lower)
                and lower[end] in POSSESSIVE
                and lower[end + 1] == "office"
            ):
                if mention.actor.key in leaders:
                    office = self._office_actor(*leaders[mention.actor.key])
                else:
                    label = f"{_text(tokens, mention.start, end)}'s office"
                    office = Actor(
                        slug(f"{mention.actor.label} office"), label, ORGANIZATION, ("GovernmentBody",)
                    )
                replaced.append(Mention(mention.start, end + 2, office, "name"))
                changed = True
            else:
                replaced.append(mention)
        found.mentions = replaced
        return changed

    def _leader_offices(self, tokens: TokenTable, taken: list[bool], found: DocActors) -> None:
        """ "the prime minister's office says", "the Israeli prime minister's office": the government
        body of the country named, or else of the article's government (resolved later)."""
        lower, text = tokens.lower, tokens.text
        for office in _positions(lower, "office"):
            i = office - 2  # "minister" in "minister's office"
            if (
                0 <= i < len(lower) - 3
                and lower[i + 1] in POSSESSIVE
                and lower[i] in {"minister", "president"}
            ):
                start = i - 1 if lower[i] == "minister" and i > 0 and lower[i - 1] == "prime" else i
                if start > 0 and text[start - 1] in self.demonyms:
                    country = self.demonyms[text[start - 1]]
                    start -= 1
                else:
                    country = None
                if any(taken[start : i + 3]) or tokens.boiler[i]:
                    continue
                office = "Prime Minister's Office" if lower[i] == "minister" else "Presidential Office"
                actor = (
                    self._office_actor(country, office)
                    if country
                    else Actor(f"__office__:{office}", "", ORGANIZATION)
                )
                self._add(found, taken, Mention(start, i + 3, actor, "name"))

    def _office_actor(self, country_key: str, office: str) -> Actor:
        label = f"{self._adjective(country_key, country_key.title())} {office}"
        known = self._child_named(country_key, label)
        if known is not None:
            return self._actor(known, label)
        return Actor(f"{country_key}-{slug(office)}", label, ORGANIZATION, ("GovernmentBody",))

    def _orgs(self, tokens: TokenTable, name_starts: list[int], taken: list[bool], found: DocActors) -> None:
        """Organisations the ontology does not know, by their form: "University of Kinshasa",
        "Presidential Leadership Council"."""
        text, lower = tokens.text, tokens.lower
        abbreviations: dict[str, Actor] = {}  # "NDFP" after "National Democratic Front ... (NDFP)"
        # "Sankoh's Revolutionary United Front": a person's name owns the organisation, it is no part of it
        owners = {w for m in found.mentions if m.actor.kind == PERSON for w in m.actor.label.split()}
        for sent_start, sent_end in _sentence_bounds(tokens):
            resume = sent_start  # the tokens before it were read as part of a name
            for i in name_starts[bisect_left(name_starts, sent_start) : bisect_left(name_starts, sent_end)]:
                if i < resume or taken[i]:
                    continue
                if text[i] in abbreviations:
                    self._add(found, taken, Mention(i, i + 1, abbreviations[text[i]], "name"))
                    continue
                if lower[i] in self.org_heads and i + 2 < sent_end and lower[i + 1] in HEAD_LINKS:
                    j = i + 2 + (lower[i + 2] == "the")
                    end = j
                    while (  # "Centre for Levantine Studies", "Council on Foreign Relations"
                        end < sent_end
                        and text[end][:1].isupper()
                        and not taken[end]
                        and text[end].replace("-", "").isalpha()
                    ):
                        end += 1
                    if end > j:
                        resume = self._add_org(tokens, i, end, sent_end, taken, found, abbreviations)
                        continue
                j = i
                while j < sent_end and not taken[j]:
                    if text[j][:1].isupper() and (text[j].isalpha() or "'" in text[j]):
                        j += 1
                    elif text[j - 1] not in owners and self._possessive_in_name(
                        tokens, i, j, sent_end, taken
                    ):
                        j += 1  # "Lord's Resistance Army", "People's Liberation Army"
                    else:
                        break
                j = self._joined_by_initials(tokens, i, j, sent_end, taken)
                if self._head_first(tokens, i, j, sent_end):
                    j = self._add_org(tokens, i, j, sent_end, taken, found, abbreviations)
                elif j - i >= 2 and lower[j - 1] in self.org_heads:
                    if lower[j - 1] not in STATE_HEADS:
                        j = self._of_country(tokens, j, sent_end, found)
                        i = self._country_before(i, found)
                    j = self._add_org(tokens, i, j, sent_end, taken, found, abbreviations)
                resume = max(j, i + 1)

    def _head_first(self, tokens: TokenTable, start: int, end: int, sent_end: int) -> bool:
        """Whether [start, end) is an organisation named head first, as French, Spanish and Portuguese
        names are ("Forces Nouvelles", "Frente Amplio", "Parti Socialiste"): the name goes on after the
        head, names no title, and comes back in the article or has its abbreviation after it."""
        text, lower = tokens.text, tokens.lower
        if end - start < 2 or lower[start] not in HEAD_FIRST or lower[end - 1] in self.org_heads:
            return False
        if any(w in self.title_words for w in lower[start + 1 : end]):
            return False  # "Union Minister Rajnath Singh"
        abbreviated = bool(_abbreviation_at(text, end, sent_end))
        return abbreviated or tokens.source.count(tokens.span_text(start, end)) >= 2

    def _joined_by_initials(
        self, tokens: TokenTable, start: int, end: int, sent_end: int, taken: list[bool]
    ) -> int:
        """Where a name that a connector interrupts at `end` really ends, when the abbreviation after it
        spells the initials of the whole: "Liberation and Justice Movement (LJM)". `end` otherwise."""
        text = tokens.text
        k = end
        while k < sent_end and not taken[k] and (tokens.lower[k] in NAME_JOINERS or text[k][:1].isupper()):
            k += 1
        short = _abbreviation_at(text, k, sent_end) if k > end else ""
        initials = "".join(w[0] for w in text[start:k] if w[:1].isupper())
        return k if short and initials == short else end

    def _possessive_in_name(
        self, tokens: TokenTable, start: int, k: int, sent_end: int, taken: list[bool]
    ) -> bool:
        """Whether the "'s" at k joins an unknown capitalised word to the rest of one name ("Lord's
        Resistance Army"), rather than marking an owner ("Tuesday's Security Council meeting")."""
        text = tokens.text
        return (
            text[k] in POSSESSIVE
            and k > start
            and text[k - 1] not in CAP_STOP
            and POSSESSIVE.isdisjoint(text[start:k])
            and k + 1 < sent_end
            and text[k + 1][:1].isupper()
            and not taken[k + 1]
            and not _named_whole_after(tokens, k + 1, sent_end)
        )

    def _faction_tags(self, tokens: TokenTable, taken: list[bool], found: DocActors) -> None:
        """ "the NSCN (IM)", "CPN (Maoist Centre)", "SPLM (IO)": an abbreviation followed by a short tag
        in parentheses names one faction, an organisation of its own; the tag is not an abbreviation of
        what comes before it, and the bare abbreviation (known to the ontology or not) is another body."""
        text = tokens.text
        by_name: dict[str, Actor] = {}
        for k in range(1, len(text) - 2):
            if text[k] != "(" or not _acronym(text[k - 1]) or tokens.boiler[k]:
                continue
            close = next((c for c in range(k + 2, min(k + 5, len(text))) if text[c] == ")"), None)
            if close is None:
                continue
            tag = text[k + 1 : close]
            short = "".join(tag)
            if (
                len(short) > 14
                or not all(word[:1].isupper() and word.replace("-", "").isalpha() for word in tag)
                or "".join(word[0] for word in tag) == text[k - 1]  # "UN (United Nations)"
                or any(taken[k + 1 : close])
            ):
                continue
            inside = [m for m in found.mentions if m.start < close + 1 and k - 1 < m.end]
            if any(m.start < k - 1 or m.end > close + 1 for m in inside):
                continue  # the abbreviation ends a longer known name
            for mention in inside:
                found.mentions.remove(mention)
                taken[mention.start : mention.end] = [False] * (mention.end - mention.start)
            name = _text(tokens, k - 1, close + 1)
            actor = by_name.setdefault(name, Actor(_slug(name), name, ORGANIZATION, (), ()))
            self._add(found, taken, Mention(k - 1, close + 1, actor, "org"))

    def _abbreviated_orgs(self, tokens: TokenTable, taken: list[bool], found: DocActors) -> None:
        """ "the Front for Change and Concord in Chad (FACT)": a name with an organisation's word, then
        its abbreviation in parentheses, names an organisation (and the abbreviation does later)."""
        text, lower = tokens.text, tokens.lower
        abbreviations: dict[str, Actor] = {}
        for k in range(2, len(text) - 2):
            if text[k] != "(" or text[k + 2] != ")" or taken[k + 1] or tokens.boiler[k]:
                continue
            short = text[k + 1]
            if not (short.isalpha() and short.isupper() and 2 <= len(short) <= 7):
                continue
            j = k - 1
            while j >= 0 and k - j <= 10 and (text[j][:1].isupper() or lower[j] in NAME_CONNECTORS):
                j -= 1
            start = j + 1
            while start < k and lower[start] in NAME_CONNECTORS:
                start += 1
            words = lower[start:k]
            capitals = sum(1 for w in text[start:k] if w[:1].isupper())
            inside = [m for m in found.mentions if start <= m.start < k]
            # a country inside the name, or the start of it read as an organisation ("Popular Front")
            partial = (m.actor.kind == COUNTRY or (m.how == "org" and not m.actor.known) for m in inside)
            if (
                capitals < 2
                or self.org_heads.isdisjoint(words)
                or not all(partial)
                or any(m.end > k for m in inside)
            ):
                continue
            for mention in inside:
                found.mentions.remove(mention)
            self._add_org(tokens, start, k, len(text), taken, found, abbreviations)
        if abbreviations:  # later mentions of the abbreviation
            for k, word in enumerate(text):
                if word in abbreviations and not taken[k] and not tokens.boiler[k]:
                    self._add(found, taken, Mention(k, k + 1, abbreviations[word], "name"))

    def _acronym_orgs(
        self, tokens: TokenTable, capitals: list[int], taken: list[bool], found: DocActors
    ) -> None:
        """ "UNITA's fighters", "the CNDD-FDD has said", "FRODEBU, the largest Hutu party,": an
        abbreviation the ontology does not know names an organisation when it is written at least twice,
        or once with an apposition that describes an organisation, and at least once where an actor
        stands (after "the", before "'s", a comma or a verb)."""
        text, lower, norm = tokens.text, tokens.lower, tokens.norm
        size = len(text)
        where: dict[str, list[int]] = {}  # each abbreviation's tokens
        for k in capitals:
            if not _acronym(text[k]) or taken[k] or tokens.boiler[k]:
                continue
            shouted = k > 0 and _acronym(text[k - 1]) or k + 1 < size and _acronym(text[k + 1])
            if not shouted:  # a run of capitals is a heading or a shout, not a name
                where.setdefault(text[k], []).append(k)
        for name, found_at in where.items():
            if name in ACRONYM_STOP or len(found_at) < 2 and not self._described_org(tokens, found_at[0]):
                continue
            acting = any(
                lower[k - 1] == "the"
                or k + 1 < size
                and (lower[k + 1] in POSSESSIVE or norm[k + 1] in ACRONYM_VERBS or lower[k + 1] == ",")
                for k in found_at
                if k > 0
            )
            if acting:
                actor = Actor(_slug(name), name, ORGANIZATION)
                for k in found_at:
                    if not taken[k]:
                        self._add(found, taken, Mention(k, k + 1, actor, "name"))

    def _described_org(self, tokens: TokenTable, k: int) -> bool:
        """Whether an apposition or the noun after it describes the word at k as an organisation:
        "FRODEBU, the largest Hutu party,", "the FROLINAT rebel movement", "UNITA rebels"."""
        lower = tokens.lower
        end = k + 1
        following = lower[end : end + 2]
        if following and (following[0] in ARMED_MEMBERS or following[-1] in self.org_heads):
            return True
        if end + 2 >= len(lower) or lower[end] != "," or lower[end + 1] not in {"the", "a", "an"}:
            return False
        for k in range(end + 2, min(end + 9, len(lower))):
            if lower[k] in {",", ".", ";"}:
                return False
            if lower[k] in self.org_heads:
                return True
        return False

    def _of_country(self, tokens: TokenTable, end: int, sent_end: int, found: DocActors) -> int:
        """The end of an organisation's name that goes on with the country it belongs to ("the
        National Democratic Front of the Philippines")."""
        lower = tokens.lower
        j = end + 1 + (end + 1 < sent_end and lower[end + 1] == "the")
        if end >= sent_end or lower[end] != "of" or j >= sent_end:
            return end
        country = self._absorb_country(found, lambda m: m.start == j)
        return country.end if country is not None else end

    def _country_before(self, start: int, found: DocActors) -> int:
        """The start of an organisation's name that opens with its country ("the South Sudan
        Opposition Movements Alliance")."""
        country = self._absorb_country(found, lambda m: m.end == start)
        return country.start if country is not None else start

    def _absorb_country(self, found: DocActors, where: Callable[[Mention], bool]) -> Mention | None:
        """The last country mention `where` holds, taken out of `found`: it is part of an organisation's
        name."""
        country = next((m for m in reversed(found.mentions) if where(m)), None)
        if country is None or country.how != "name" or country.actor.kind != COUNTRY:
            return None
        found.mentions.remove(country)
        return country

    def _add_org(
        self,
        tokens: TokenTable,
        start: int,
        end: int,
        sent_end: int,
        taken: list[bool],
        found: DocActors,
        abbreviations: dict[str, Actor],
    ) -> int:
        """Add an organisation named by tokens [start, end), and its abbreviation when one follows in
        parentheses ("... (NDFP)"), which then names it for the rest of the article. Returns where
        its mention ends."""
        text = tokens.text
        name = _text(tokens, start, end)
        short = _abbreviation_at(text, end, sent_end)
        if not (short.isalpha() and short.isupper() and not taken[end + 1]):
            short = ""
        actor = Actor(_slug(name), name, ORGANIZATION, (), (short,) if short else ())
        self._add(found, taken, Mention(start, end, actor, "org"))
        if short:
            self._add(found, taken, Mention(end + 1, end + 2, actor, "name"))
            abbreviations[short] = actor
        return end

    # -- references -------------------------------------------------------------------------------

    def _resolve_references(
        self, tokens: TokenTable, capitals: list[int], taken: list[bool], found: DocActors
    ) -> None:
        """Surnames, pronouns and descriptions, resolved in reading order against what came before.
        `capitals` are the capitalised tokens: the ones that can be a name met before."""
        found.sort()
        by_start = {m.start: m for m in found.mentions}
        history: list[Mention] = []
        subjects: list[Mention] = []  # the first person of each sentence: who "he" most likely is
        topics: list[Mention] = []  # the actors that open a sentence: what "Its ..." opening the next is
        # "Saudi Arabia and the United States": for "the two countries"; and whether the pair mediates
        pairs: list[tuple[Actor, Actor, bool]] = []
        name_parts: dict[str, Actor | None] = {}
        government: Actor | None = None
        new: list[Mention] = []
        sentence_start = -1
        sentence_has_subject = False
        starts = set(tokens.sent_starts)
        lower, text = tokens.lower, tokens.text
        # only these tokens can open a reference: a capitalised word (a name met before), a pronoun,
        # or a determiner before a description
        openers = self.openers
        size = len(tokens.text)
        boiler = tokens.boiler
        # only these positions can hold a mention: the known ones, and the tokens that can open a
        # reference (a capitalised word, a pronoun, a determiner before a description); everything
        # else is skipped
        candidates = sorted(set(by_start).union(capitals, self._openings(lower), starts))
        covered = 0  # the end of the last mention: tokens inside it are no new candidates
        for i in candidates:
            if i in starts:
                sentence_start, sentence_has_subject = i, False
            if i < covered:
                continue
            mention = by_start.get(i)
            if (
                mention is None
                and not taken[i]
                and not boiler[i]
                and (
                    lower[i] in openers
                    or text[i] in name_parts
                    or (i + 1 < size and f"{text[i]} {text[i + 1]}" in name_parts)
                )
            ):
                topic = topics[-1] if i in starts and topics else None  # "Its foreign minister, ..."
                mention = self._reference_at(
                    tokens, i, history, subjects, pairs, name_parts, government, found, topic
                )
                if mention is not None and any(taken[i + 1 : mention.end]):
                    mention = None  # "the Organization for Security ...": the start of a name, no description
                if mention is not None:
                    new.append(mention)
            if mention is None:
                continue
            if i in by_start:
                mention = self._merge_person(mention, name_parts)
                by_start[i] = mention
                if mention.how == "person":
                    _register_name(mention.actor, name_parts, self.particles)
            history.append(mention)
            if (
                (
                    (mention.actor.kind == PERSON and mention.how != "pronoun")
                    or self._one_official(tokens, mention)
                )
                and not sentence_has_subject
                and not (mention.start > sentence_start and lower[mention.start - 1] in PREPOSITIONS)
            ):
                subjects.append(mention)
                sentence_has_subject = True
            opens = mention.start == sentence_start or (
                mention.start == sentence_start + 1 and lower[sentence_start] == "the"
            )
            if opens and mention.actor.kind != PERSON and mention.how != "pronoun":
                topics.append(mention)
            other = self._coordinated_after(tokens, mention, by_start)
            if other is not None and other.actor.kind != PERSON and mention.actor.kind != PERSON:
                pairs.append((mention.actor, other.actor, _mediating_pair(lower, mention.start, other.end)))
            named = mention.actor.kind == COUNTRY and mention.actor.known  # not "the government" itself
            if named and self._names_government(tokens, mention):
                government = mention.actor
            covered = max(mention.end, i + 1)
        mentions = list(by_start.values()) + new
        if government is None:
            # the first country named, rather than a capital naming a venue ("After Khartoum, ...")
            countries = [
                m for m in mentions if m.actor.kind == COUNTRY and m.actor.known and m.how != "pronoun"
            ]
            named = [m for m in countries if m.how != "metonym"] or countries
            government = named[0].actor if named else None
        found.government = government
        resolved = []
        for mention in mentions:
            if mention.actor.key == "__government__":
                if government is None:
                    continue
                mention = Mention(mention.start, mention.end, government, mention.how)
            elif mention.actor.key.startswith("__office__:"):
                if government is None:
                    continue
                office = self._office_actor(government.key, mention.actor.key.split(":", 1)[1])
                mention = Mention(mention.start, mention.end, office, mention.how)
            elif mention.actor.key == "__army__":
                army = self._armed_forces(government.key, "army") if government is not None else None
                if army is None:
                    continue
                mention = Mention(mention.start, mention.end, army, mention.how)
            resolved.append(mention)
        found.mentions = resolved

    def _openings(self, lower: list[str]) -> list[int]:
        """The lowercase words that can open a reference: pronouns, and determiners before a word a
        description can start with ("the group", "the senior official", "both sides")."""
        last = len(lower) - 1
        openers, pronouns, description_starts = self.openers, self.pronouns, self.description_starts
        return [
            k
            for k, word in enumerate(lower)
            if word in openers
            and (word in pronouns or (k < last and (word == "both" or lower[k + 1] in description_starts)))
        ]

    def _coordinated_after(
        self, tokens: TokenTable, mention: Mention, by_start: dict[int, Mention]
    ) -> Mention | None:
        """ "Sudan's army and the paramilitary RSF", "Colombia's government and the ELN", "Sudan's
        government and the southern rebels of the SPLM": the actor named together with this one."""
        lower, text = tokens.lower, tokens.text
        size = len(lower)
        k = mention.end
        if k + 1 < size and lower[k] in POSSESSIVE and lower[k + 1] == "government":
            k += 2
        if k >= size or lower[k] != "and":
            return None
        k += 1
        for _ in range(5):
            if k in by_start:
                return by_start[k]
            if k < size and text[k].islower() and text[k].isalpha():
                k += 1
        return by_start.get(k)

    def _names_government(self, tokens: TokenTable, mention: Mention) -> bool:
        """ "Colombia's government", "the Ethiopian government", "the government of Sudan"."""
        lower = tokens.lower
        start, end = mention.start, mention.end
        if lower[end - 1] == "government":
            return True
        if end + 1 < len(lower) and lower[end] in POSSESSIVE and lower[end + 1] == "government":
            return True
        if start >= 1 and lower[start - 1] == "the":
            start -= 1  # "the government of the Central African Republic"
        return start >= 2 and lower[start - 1] == "of" and lower[start - 2] == "government"

    def _reference_at(
        self, tokens: TokenTable, i: int, history, subjects, pairs, name_parts, government, found,
        topic: Mention | None = None,
    ) -> Mention | None:
        word = tokens.text[i]
        size = len(tokens.text)
        # a surname or first name of a person met earlier: "Abu Zuhri", "Mr. Mardawi", "Getachew"
        if word[:1].isupper() and word not in CAP_STOP:
            for width in (2, 1):
                actor = name_parts.get(_text(tokens, i, i + width))
                if actor is not None and not self._in_other_name(tokens, i, i + width):
                    return Mention(i, i + width, actor, "person")
        lower = tokens.lower[i]
        if lower in self.pronouns:
            opening = _quote_opening_before(tokens.text, i)
            if opening is not None:  # '"... Israeli forces ...," it added': not a name inside the quote
                history = [m for m in history if m.start < opening]
            if topic is not None and self.pronouns[lower] == "NonPerson" and topic in history[-12:]:
                return Mention(i, i + 1, topic.actor, "pronoun")  # the actor the sentence before opened with
            actor = self._pronoun_target(tokens, lower, history, subjects)
            return Mention(i, i + 1, actor, "pronoun") if actor is not None else None
        if lower in REFERENCE_OPENERS and i + 1 < size:
            skip = 1
            while i + skip < size and tokens.lower[i + skip] in RANK_WORDS and skip < 3:
                skip += 1
            if i + skip == size:
                return None  # "... they met the senior" ends the text: no noun follows
            width, actors = self._description(tokens, i + skip, history, pairs, government, found, lower)
            if actors:
                return Mention(i, i + skip + width, actors[0], "descriptor", also=tuple(actors[1:]))
        return None

    def _object_like(self, tokens: TokenTable, mention: Mention) -> bool:
        """A mention right after a verb or preposition ("blamed Kyiv", "informed Israel", "in Gaza")."""
        if mention.start == 0:
            return False
        prev = mention.start - 1  # the token before the mention, or before its article
        if tokens.lower[prev] in {"the", "a", "an"} and mention.start >= 2:
            prev = mention.start - 2
        word, lower = tokens.text[prev], tokens.lower[prev]
        if lower in PREPOSITIONS:
            return True
        speech = {
            "said",
            "says",
            "told",
            "that",
            "and",
            "but",
            "while",
            "as",
            "because",
            "when",
            "if",
            "since",
        }
        return (
            word.islower()
            and word.isalpha()
            and lower not in speech
            and (lower.endswith("ed") or tokens.norm[prev] in self.verbs)
        )

    def _in_other_name(self, tokens: TokenTable, start: int, end: int) -> bool:
        """Whether the name part at [start, end) is part of a longer name of someone else: "Khalil
        Ibrahim" after "Ibrahim Gambari" is not Gambari."""
        text = tokens.text
        for k in (start - 1, end):
            if not 0 <= k < len(text) or not (text[k][:1].isupper() and text[k].isalpha()):
                continue
            if text[k] in CAP_STOP or tokens.lower[k] in self.title_words or text[k] in self.demonyms:
                continue
            if k == start - 1 and k in tokens.sent_starts:
                continue  # "Meanwhile" and its like open sentences; a name rarely does
            return True
        return False

    def _merge_person(self, mention: Mention, name_parts: dict[str, Actor | None]) -> Mention:
        """ "Mr. Biden" or "President Biden" after "Joe Biden" is the same person."""
        if mention.how != "person":
            return mention
        actor = name_parts.get(mention.actor.label)
        if actor is not None and actor.key != mention.actor.key:
            return Mention(mention.start, mention.end, actor, "person", mention.title)
        return mention

    def _one_official(self, tokens: TokenTable, mention: Mention) -> bool:
        """Whether the mention is one unnamed official ("Egypt's foreign minister"): someone "he" or
        "she" can be, standing for the country or body the official speaks for."""
        end = mention.end
        return (
            mention.how == "official"
            and tokens.lower[end - 1] in self.title_heads
            and not (end < len(tokens.text) and tokens.text[end][:1].isupper())  # "Kenyan envoy Ruth Wanjiru"
        )

    def _pronoun_target(
        self, tokens: TokenTable, pronoun: str, history: list[Mention], subjects: list[Mention]
    ) -> Actor | None:
        kind = self.pronouns[pronoun]
        if kind == "Person" and subjects and history:
            recent = {m.actor.key for m in history[-8:]}
            if subjects[-1].actor.key in recent or subjects[-1] in history[-15:]:
                return subjects[-1].actor
        if kind == "NonPerson":
            for mention in reversed(history[-12:]):
                if (
                    mention.actor.kind != PERSON
                    and "NewsOutlet" not in mention.actor.classes
                    and not self._object_like(tokens, mention)
                ):
                    return mention.actor
        for mention in reversed(history[-12:]):
            actor = mention.actor
            if kind == "Person" and actor.kind == PERSON:
                return actor
            if kind == "NonPerson" and actor.kind != PERSON and "NewsOutlet" not in actor.classes:
                return actor
            if (
                kind == "Plural"
                and actor.kind != PERSON
                and (mention.how in {"official", "demonym"} or "ArmedGroup" in actor.classes)
            ):
                return actor
        return None

    def _description(
        self, tokens: TokenTable, i: int, history: list[Mention], pairs, government, found, article: str
    ) -> tuple[int, list[Actor]]:
        """ "the group", "the militant group", "the ministry", "the government", "the official",
        "the two mediating countries", "an army source" -> (width in tokens, actors)."""
        lower = tokens.lower
        size = len(lower)
        indefinite = article in {"a", "an", "two", "three", "several", "some", "one"}
        if lower[i] not in self.description_starts and article != "both":
            return 0, []
        # "the two mediating countries", "both sides": a pair of actors named together
        words = lower[i : i + 3]
        if (
            (article == "both" and words[:1] and words[0] in PAIR_HEADS)
            or (article == "the" and words[:1] == ["two"] and any(w in PAIR_HEADS for w in words[1:3]))
            or (article == "the" and words[:1] and words[0] in {"sides", "parties"})
        ):
            if article == "both" or words[0] in {"sides", "parties"}:
                width = 1
            else:
                width = 1 + next(k for k, w in enumerate(words[1:3], 1) if w in PAIR_HEADS)
            if not pairs:
                return width, []
            # the parties to the talks are the first pair not named as third parties; mediators the last
            if any(w.startswith(MEDIATING) for w in words[:width]):
                return width, list(next((pair for pair in reversed(pairs) if pair[2]), pairs[-1])[:2])
            parties = next((pair for pair in pairs if not pair[2]), None)
            return width, list(parties[:2]) if parties else []
        for width in (2, 1):
            if i + width > size:
                continue
            words = " ".join(lower[i : i + width])
            after = lower[i + width] if i + width < size else None  # the word after the description
            if indefinite and after not in self.official_heads:
                continue  # "a group" is no reference; "an army source" is
            if words in GOVERNMENT_DESCRIPTIONS:
                if after in {"forces", "troops"}:  # "government forces": its army, where the ontology has one
                    return width + 1, [Actor("__army__", "", ORGANIZATION)]
                return width, [government or Actor("__government__", "", COUNTRY)]
            if words in self.descriptors:
                wanted = set(self.descriptors[words])
                actor = self._described(words, wanted, history)
                if actor is None and words in GENERIC_ORG_WORDS:
                    # "the group" after an organisation the ontology does not know ("... (FACT)")
                    actor = next(
                        (
                            m.actor
                            for m in reversed(history[-25:])
                            if m.actor.kind == ORGANIZATION and not m.actor.known and m.how != "pronoun"
                        ),
                        None,
                    )
                if actor is None and "ArmedForces" in wanted:
                    actor = Actor("__army__", "", ORGANIZATION)
                return (width, [actor]) if actor is not None else (width, [])
            if article == "the" and width == 1 and words in self.org_heads:
                actor = self._described(words, set(), history)  # "the alliance", "the platform"
                if actor is not None:
                    return width, [actor]
            if (
                words in self.person_descriptors
                and article in {"the", "this", "that"}
                and tokens.text[i].islower()
            ):
                for mention in reversed(history[-15:]):
                    if mention.how == "official" or (
                        mention.actor.kind == PERSON
                        and mention.title
                        and words.split()[-1] in mention.title.lower()
                    ):
                        return width, [mention.actor]
                return width, []
        return 0, []

    def _described(self, words: str, wanted: set[str], history: list[Mention]) -> Actor | None:
        for mention in reversed(history[-25:]):
            actor = mention.actor
            if actor.kind == PERSON or mention.how == "pronoun":
                continue
            known = self.kb.actors.get(actor.key)
            own = set(known.descriptors) if known else set()
            if "ArmedForces" in wanted:
                if "ArmedGroup" in actor.classes and self._is_army(actor):
                    return actor
                continue
            if "ArmedGroup" in wanted and "ArmedGroup" in actor.classes and self._is_army(actor):
                continue  # "the group", "the rebels" are not a national army
            if words in own or wanted & set(actor.classes):
                return actor
            if not actor.known and actor.kind == ORGANIZATION and words in actor.label.lower().split():
                return actor  # "the front" after "the National Democratic Front"
            if "Country" in wanted and actor.kind == COUNTRY and (words != "kingdom" or "kingdom" in own):
                return actor
        return None

    # -- affiliations -----------------------------------------------------------------------------

    def _title_affiliations(self, doc: Doc, found: DocActors) -> None:
        """A person's organisation from the words before their title ("Israeli Prime Minister X",
        "State Department spokesman X", "the TPLF's chief negotiator, X") or from an apposition
        after their name ("X, a Hamas official", "X, who heads the ELN's negotiating team")."""
        tokens = table(doc)
        for mention in found.mentions:
            if mention.how != "person" or mention.actor.kind != PERSON:
                continue
            sent = sentence_of(doc, mention.start)
            org = self._left_affiliation(tokens, mention, found, sent)
            rule = "membership.title"
            if org is None:
                org = self._led_by(tokens, mention, found, sent)
                rule = "membership.apposition"
            if org is None:
                org = self._appositive_affiliation(tokens, mention, found, sent)
                rule = "membership.apposition"
            if org is None:
                org = self._context_affiliation(tokens, mention, found, sent)
                rule = "membership.context"
            if org is not None and org.key != mention.actor.key and org.kind != PERSON:
                found.affiliations.append(Affiliation(mention, org, sent, rule))

    def _context_affiliation(
        self, tokens: TokenTable, mention: Mention, found: DocActors, sent: Sentence
    ) -> Actor | None:
        """ "Ukraine's team was headed by Defence Minister X", "Kenya's speaker and Prime Minister X": a
        bare title of a national government is read in the light of the country the sentence has named
        before it, if it named exactly one (a country named after is as often the one they deal with)."""
        k = mention.start - 1
        words: list[str] = []
        while k >= sent.start and tokens.lower[k] in self.title_or_government:
            words.insert(0, tokens.lower[k])
            k -= 1
        if k >= sent.start and (tokens.lower[k] in self.former or tokens.text[k] in self.demonyms):
            return None
        phrase = f" {' '.join(words)} "
        governments = "government" in words  # "Government spokesman X", "government delegation head X"
        if not governments and not any(f" {title} " in phrase for title in self.national_titles):
            return None
        countries = {
            m.actor.key: m.actor for m in found.between(sent.start, mention.start) if m.actor.kind == COUNTRY
        }
        # "talks hosted by Sudan ... signed in Bangui by President X": a city names its country too
        located = {place[4] for place in found.places if sent.start <= place[0] < mention.start and place[4]}
        if len(countries) == 1 and located <= countries.keys():
            return next(iter(countries.values()))
        return found.government if governments and not countries else None

    def _left_affiliation(
        self, tokens: TokenTable, mention: Mention, found: DocActors, sent: Sentence
    ) -> Actor | None:
        text, lower = tokens.text, tokens.lower
        i = mention.start - 1
        while i >= sent.start and (text[i] == "," or lower[i] in self.title_words or lower[i] in {"and"}):
            i -= 1
        before = mention.start - 1
        while before > sent.start and text[before] == ",":
            before -= 1
        if before >= sent.start and text[before] != "," and lower[before] not in self.title_words:
            # "The UN special envoy for Libya, Hanna Tetteh", "the separatist leader of South Ossetia,
            # Eduard Kokoity": skip the title's own complement
            k = before
            while k > sent.start and k > before - 5 and lower[k] not in TITLE_COMPLEMENTS:
                k -= 1
            if lower[k] in TITLE_COMPLEMENTS and k > sent.start and lower[k - 1] in self.title_words:
                i = k - 1
                while i >= sent.start and lower[i] in self.title_words:
                    i -= 1
            else:
                return None
        if i == mention.start - 1:
            return None  # no title right before the name
        if self._ends_opening_clause(tokens, mention, sent):
            return None
        # the noun phrase before the title: "Israeli", "State Department", "EU foreign policy", "Army"
        j = i
        lowercase = 0
        while j >= sent.start and text[j] not in {".", ";", ":", ",", "and"}:
            other = found.at(j)
            if other is not None and other.actor.kind == PERSON and lower[other.end] not in {"'s", "’s"}:
                break  # "Armenian Prime Minister X and Azerbaijani President Y": Y's window stops at X
            if lower[j] in self.former:
                return None
            if not (text[j][:1].isupper() or lower[j] in NP_MODIFIERS or other is not None):
                lowercase += 1
                if (
                    lowercase > 3
                    or not text[j].isalpha()
                    or lower[j].endswith("ed")
                    or lower[j] in PREPOSITIONS
                ):
                    break
            j -= 1
        candidates = [
            m for m in found.between(j + 1, mention.start) if m.end <= mention.start and m is not mention
        ]
        candidates = [m for m in candidates if m.actor.kind != PERSON]
        if not candidates:
            for k in range(mention.start - 1, j, -1):
                if self._community(text, k):
                    return None  # "Turkish Cypriot leader X": a community, no country
                country = self._demonym_ending(text, k, j + 1)
                if country is not None:  # "Kenyan Foreign Minister Jane Doe", "South Sudanese President X"
                    return self._actor(country)
                if lower[k] in {"army", "military"}:  # "Army chief General X"
                    return self._armed_forces_in(found, mention.start, fallback=False)
                if lower[k] == "ministry" and k > j + 1:
                    # "Foreign ministry spokesman X": the ministry of that kind the article named last
                    kind = lower[k - 1]
                    for earlier in reversed(found.between(0, mention.start)):
                        label = earlier.actor.label.lower()
                        if (
                            "GovernmentBody" in earlier.actor.classes
                            and kind in label
                            and "ministry" in label
                        ):
                            return earlier.actor
        if not candidates and j >= sent.start + 1 and lower[j] == "by" and lower[j - 1] in {"headed", "led"}:
            window = found.between(sent.start, j)
            candidates = [
                m
                for m in window
                if m.actor.kind != PERSON and m.end < len(tokens.text) and lower[m.end] in {"'s", "’s"}
            ]
        return candidates[0].actor if candidates else None

    def _ends_opening_clause(self, tokens: TokenTable, mention: Mention, sent: Sentence) -> bool:
        """Whether the comma before the name closes a clause that opens the sentence, the name being
        the main clause's subject: "Asked whether she would meet her Ugandan counterpart, Wanjiru said
        ..." (no apposition: that would need a comma after the name as well)."""
        lower = tokens.lower
        first = lower[sent.start]
        participle = first.endswith(("ed", "ing")) and tokens.text[sent.start].istitle()
        opening = first in SUBORDINATORS or participle
        return (
            opening
            and tokens.text[mention.start - 1] == ","
            and mention.end < sent.end
            and tokens.norm[mention.end] in self.verbs
        )

    def _armed_forces_in(self, found: DocActors, before: int, fallback: bool = True) -> Actor | None:
        """The armed forces the article named last before token `before` ("Sudan's army")."""
        for m in reversed(found.between(0, before)):
            if "ArmedGroup" in m.actor.classes and self._is_army(m.actor):
                return m.actor
        if fallback and found.government is not None:
            return self._armed_forces(found.government.key, "army")
        return None

    def _is_army(self, actor: Actor) -> bool:
        """A national army: the ontology's armed forces of a country, or one named "X's army"."""
        known = self.kb.actors.get(actor.key)
        if known is not None:
            return known.parent in self.kb.actors and self.kb.actors[known.parent].kind == COUNTRY
        text = " ".join((actor.label, *actor.names)).lower()
        return any(
            w in text for w in ("army", "military", "armed forces", "defense forces", "defence forces")
        )

    def _led_by(self, tokens: TokenTable, mention: Mention, found: DocActors, sent: Sentence) -> Actor | None:
        """ "the Union of Resistance Forces (UFR), led by Timan Erdimi", "The Hamas delegation was headed
        by X", "SSOMA, whose delegation is headed by X", "a DEM delegation made up of X and Y": the
        organisation the leader or member of its delegation belongs to."""
        lower, text = tokens.lower, tokens.text
        k = mention.start - 1
        titles = self.title_words
        while k > sent.start and not _leading_width(lower, k) and (
            lower[k] in titles or text[k].isalpha() and text[k].islower() and lower[k + 1] in titles
        ):
            k -= 1  # "led by presidential adviser X"
        if lower[k] == "and" and k - 1 > sent.start:
            other = found.at(k - 1)  # "made up of X and Y": Y's organisation is X's
            if other is not None and other.actor.kind == PERSON and other.end == k:
                return self._led_by(tokens, other, found, sent)
        width = _leading_width(lower, k)
        if not width or k - width < sent.start:
            return None
        k -= width
        while k > sent.start and lower[k] in {"is", "was", "been", "has", "had"}:
            k -= 1
        if text[k] == ",":
            k -= 1
        if lower[k] in DELEGATIONS and found.at(k) is None:
            k -= 1  # "the government delegation": the government's; "whose delegation": the name before
            if lower[k] == "whose" and k - 1 > sent.start and text[k - 1] == ",":
                k -= 2
            elif lower[k] in {"'s", "’s"}:
                k -= 1  # "FRELIMO's delegation, led by X"
        if text[k] == ")":  # "(UFR)"
            while k > sent.start and text[k] != "(":
                k -= 1
            k -= 1
        org = found.at(k)
        if org is None or org.end != k + 1 or org.actor.kind == PERSON or org.how == "pronoun":
            return None  # "Its delegation, led by X": too far from what "its" stands for to trust
        return org.actor

    def _appositive_affiliation(
        self, tokens: TokenTable, mention: Mention, found: DocActors, sent: Sentence
    ) -> Actor | None:
        text, lower = tokens.text, tokens.lower
        end = mention.end
        of = end + 1 + (end + 1 < sent.end and lower[end + 1] == "the")
        if end < sent.end and lower[end] == "of" and of < sent.end:
            org = found.at(of)  # "Gerardo Blyde of the Unitary Platform"
            if org is not None and org.start == of and org.actor.kind == ORGANIZATION:
                return org.actor
        if end >= sent.end or text[end] != ",":
            return None
        if end + 2 < sent.end and lower[end + 1] == "who" and lower[end + 2] not in AFFILIATION_VERBS:
            return None  # "X, who met Trump at the White House," says nothing of X's organisation
        stop = end + 1
        if stop < sent.end and lower[stop].endswith("ing") and not self._title_follows(tokens, stop):
            return None  # "Ortega, speaking at a press conference in Lima," is no apposition
        if stop < sent.end and tokens.norm[stop] in self.reporting_verbs:
            return None  # "X, adviser to Aliyev, told Reuters": the clause goes on, no apposition of Aliyev
        while stop < sent.end and text[stop] not in {",", ".", ";", "(", ")"} and stop < end + 16:
            if lower[stop] in self.former:
                return None
            stop += 1
        window = [
            m
            for m in found.between(end + 1, stop)
            if m.actor.kind != PERSON
            and m.how != "pronoun"
            and "NewsOutlet" not in m.actor.classes
            and not (m.actor.kind == COUNTRY and lower[m.start - 1] in {"in", "to", "from"})  # "in Qatar"
            and not (m.actor.kind == COUNTRY and m.end < sent.end and lower[m.end] in SUBJECT_ROLES)
        ]
        if not window:  # "X, the Qatari minister of state": the country of a demonym before a title
            for k in range(end + 1, min(stop, len(text) - 1)):
                country = self._demonym_ending(text, k, end + 1)
                if country is not None and lower[k + 1] in self.title_words:
                    return self._actor(country)
        if not window:
            return None
        first = window[0]
        # "who heads Chad's ruling military council": the organisation, not its country
        if (
            first.actor.kind == COUNTRY
            and len(window) > 1
            and first.end < len(tokens.text)
            and lower[first.end] in {"'s", "’s"}
            and not {"for", "of", "in", "on"} & set(lower[first.end : window[1].start])
        ):
            return window[1].actor  # not "the Serbian government's office for Kosovo"
        return first.actor


# the words that open a clause before the main one: "When ..., X said", "Asked whether ..., X said"
SUBORDINATORS = frozenset("when after as while if although though before since once unless".split())
# what a country names as a subject of study, not an employer: "X, a Syria researcher at the ..."
SUBJECT_ROLES = frozenset(
    "researcher analyst expert specialist scholar watcher correspondent programme program project "
    "desk".split()
)
AFFILIATION_VERBS = frozenset(
    "heads headed leads led is was chairs chaired represents represented signed serves served "
    "commands commanded directs runs".split()
)


NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})
GENERIC_ORG_WORDS = frozenset({"group", "movement", "organisation", "organization"})
# what joins a head to the rest of its organisation's name: "Organisation of African Unity", "Centre for
# Levantine Studies", "Council on Foreign Relations"
HEAD_LINKS = frozenset({"of", "for", "on"})
# the words that open an organisation's name in French, Spanish and Portuguese ("Forces Nouvelles")
HEAD_FIRST = frozenset(
    "forces front frente fuerzas forças parti partido mouvement movimiento movimento rassemblement "
    "congrès conseil consejo armée ejército alliance alianza coordination comité".split()
)
def _mediating_pair(lower: list[str], start: int, end: int) -> bool:
    """Whether the pair of names from token `start` to `end` is named as third parties ("brokered by
    Qatar and Egypt", "mediators Oman and Qatar", "with the Vatican and the OAS watching")."""
    before = lower[max(0, start - 2) : start]
    after = lower[end : end + 4]
    roles = [w for w in (*before, *after) if w.startswith(THIRD_PARTY_ROLES)]
    return bool(roles) or "by" in before[-1:]


# "the two sides", "both camps": the pair of actors named together
PAIR_HEADS = frozenset(
    "countries sides nations governments mediators parties camps signatories leaders "
    "armies".split()
)
NAME_JOINERS = frozenset({"and", "for", "of"})  # "Liberation and Justice Movement (LJM)"
NAME_CONNECTORS = frozenset("for of and in the de du des on la el".split())  # inside an organisation's name
# "the government", "the authorities": the government of the article's country
GOVERNMENT_DESCRIPTIONS = frozenset(
    {"government", "national government", "federal government", "central government", "authorities"}
    | {f"{kind} {body}" for kind in ("transitional", "interim") for body in ("government", "authorities")}
)
GOVERNMENT_WORDS = frozenset({"government", "delegation"})  # "Government delegation head X"
# what names the people who lead or make up a body: "the UFR, led by X", "a delegation made up of X and Y"
LEADING_WORDS = (["led", "by"], ["headed", "by"], ["chaired", "by"], ["made", "up", "of"], ["composed", "of"])
DELEGATIONS = frozenset({"delegation", "team", "panel"})  # "The government delegation was headed by X"
TITLE_COMPLEMENTS = {"for", "of", "to", "on"}  # "special envoy for ...", "leader of South Ossetia"
# the last word of a minister's portfolio: "Minister for Bougainville Affairs", "of Foreign Relations"
PORTFOLIO_WORDS = frozenset(
    "affairs relations cooperation development reconciliation integration security defence defense "
    "justice planning finance information interior implementation unity peace reintegration "
    "reunification dialogue".split()
)
STATE_HEADS = {"ministry", "government", "office", "embassy"}  # "Foreign Ministry of Egypt" is Egypt's

# capitals that are not an organisation's abbreviation: time zones, headings, units
ACRONYM_STOP = frozenset(
    "GMT UTC BST CET CEST EST EDT PST EAT CAT WAT IST AM PM BREAKING UPDATE UPDATED LIVE ANALYSIS "
    "EXCLUSIVE FILE PHOTO VIDEO WATCH READ MORE NEWS OPINION EDITORIAL FEATURE COMMENT NOTE".split()
)
ACRONYM_VERBS = frozenset(
    "say tell have be will would can could do sign welcome reject accept agree demand accuse insist "
    "warn want call refuse deny join".split()
)
OFFICES = {"prime minister": "Prime Minister's Office", "president": "Presidential Office"}
WHERE = frozenset("in at near across around outside inside into via through within".split())
REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central upper lower greater new".split()
)
# what follows a surname used alone as a person's ("Mandela has insisted", "Mandela said")
ECHO_VERBS = frozenset(
    "say tell have do be add insist accuse demand reject agree warn promise vow urge call who".split()
)


def _leading_width(lower: list[str], k: int) -> int:
    """The width of the words that name who leads or makes up a body ("led by", "made up of") ending at
    token k, or 0."""
    return next((len(w) for w in LEADING_WORDS if lower[max(0, k - len(w) + 1) : k + 1] == w), 0)


def _named_whole_after(tokens: TokenTable, start: int, limit: int) -> bool:
    """Whether the capitalised words from `start` spell the abbreviation that follows them in
    parentheses: "Bemba's Movement for the Liberation of Congo (MLC)" names a whole organisation
    after the "'s", which marks its owner."""
    text, lower = tokens.text, tokens.lower
    joiners = NAME_JOINERS | {"the"}
    k = start
    while k < limit and k < start + 12 and (text[k][:1].isupper() or lower[k] in joiners):
        k += 1
    short = _abbreviation_at(text, k, limit)
    return bool(short) and "".join(w[0] for w in text[start:k] if w[:1].isupper()) == short


def _abbreviation_at(text: list[str], k: int, limit: int) -> str:
    """The word in parentheses that starts at token k ("(LJM)"), before token `limit`; "" if none."""
    return text[k + 1] if k + 2 < limit and text[k] == "(" and text[k + 2] == ")" else ""


# verbs whose object, a capital, is the government addressed: "accused Kigali of", "urging Moscow to"
ADDRESSING_VERBS = frozenset(
    "accuse blame tell urge criticize criticise condemn warn press pressure thank hold inform".split()
)


def _acronym(word: str) -> bool:
    """Whether a word is written as an abbreviation: 3 to 12 capital letters ("UNITA"), or two such
    words joined by a hyphen ("CNDD-FDD")."""
    if not (word.isupper() and 3 <= len(word) <= 12):
        return False
    parts = word.split("-")
    return len(parts) <= 2 and all(p.isalpha() for p in parts)


def _sentence_bounds(tokens: TokenTable) -> list[tuple[int, int]]:
    """Every sentence as (start, end) token indices, from the token table."""
    starts = tokens.sent_starts
    if not starts:
        return []  # an empty text has no sentence
    return list(zip(starts, [*starts[1:], len(tokens.text)], strict=True))


def _positions(words: list[str], word: str) -> list[int]:
    """The indices where `word` occurs in `words` (list.index scans at C speed)."""
    found = []
    try:
        while True:
            found.append(words.index(word, found[-1] + 1 if found else 0))
    except ValueError:
        return found


def _text(tokens: TokenTable, start: int, end: int) -> str:
    """The article's text of tokens [start, end): what `doc[start:end].text` gives, without making
    the Span and its Tokens."""
    end = min(end, len(tokens.text))
    if end <= start:
        return ""
    return tokens.source[tokens.idx[start] : tokens.idx[end - 1] + len(tokens.text[end - 1])]


def _quote_opening_before(text: list[str], i: int) -> int | None:
    """Where the quotation that ends right before token i opens ('"...," it added'), if one does."""
    if i < 2 or text[i - 1] not in {'"', "”"}:
        return None
    for k in range(i - 2, max(-1, i - 200), -1):
        if text[k] in {'"', "“"}:
            return k
        if "\n" in text[k]:
            return None
    return None


def _register_name(actor: Actor, parts: dict[str, Actor | None], particles: set[str]) -> None:
    words = actor.label.split()
    keys = {actor.label}
    if len(words) >= 3 and words[-1].rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]  # "Romeo Brawner Jr" is "Brawner" later
    if len(words) >= 2:
        keys.add(words[-1])
        keys.add(words[0])
        article, dash, bare = words[-1].partition("-")
        if dash and article.lower() in ARABIC_ARTICLES and bare[:1].isupper():
            keys.add(bare)  # "Ahmed al-Sharaa" is "Sharaa" later
        if len(words) >= 3:
            keys.add(" ".join(words[-2:]))
            keys.add(" ".join(words[1:]))
            keys.update(w for w in words[1:-1] if w[:1].isupper())  # "Michael Makuei Lueth" is "Makuei"
    for key in keys:
        if key.lower() in particles or len(key) < 3:
            continue
        if key in parts and parts[key] is not None and parts[key].key != actor.key:
            parts[key] = None  # two people share this name: do not guess
        else:
            parts.setdefault(key, actor)


def _slug(name: str) -> str:
    return slug(name)


@Language.factory("parley_actors")
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, load_knowledge())


def mention_tokens(doc: Doc) -> list[Token]:
    """Tokens covered by an actor mention (for tests and debugging)."""
    return [doc[i] for m in doc._.actors.mentions for i in range(m.start, m.end)]
