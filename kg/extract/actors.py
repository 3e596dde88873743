"""Recognise actors: known ones under any of their names, and ones the ontology does not know.

Known actors come from `ontology/actors.ttl` (names, capitals standing for governments, demonyms).
Unknown ones are recognised from the way news introduces them: a title before a name ("Foreign
Minister Hakan Fidan"), an apposition after it ("Basem Naim, a member of Hamas's political bureau"),
an organisation's form ("University of Kinshasa"), a demonym with an official noun ("Egyptian
officials", "Sudan's army", "Iran's foreign ministry"). Within an article, later references are
resolved in reading order: surnames ("Abu Zuhri"), pronouns ("he", "it"), and descriptions ("the
group", "the ministry", "the government", "the official").

Results go to `Doc._.actors` (a `DocActors`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.extract.facts import COUNTRY, ORGANIZATION, PERSON, Actor
from kg.extract.mentions import Affiliation, DocActors, Mention
from kg.keys import slug
from kg.knowledge import Knowledge, load_knowledge
from kg.nlp import cues

PREPOSITIONS = {"in", "to", "from", "at", "near", "toward", "towards", "across", "around", "outside",
                "inside", "into", "via", "through", "of", "for", "on", "between", "left", "leave", "leaves",
                "reach", "reached", "visit", "visited", "arrive", "arrived", "over", "within"}
ACTING_NORMS = {"be", "have", "will", "would", "could", "can", "may", "must", "should", "do", "'s", "’s",
                "and", ","}
NP_MODIFIERS = {"senior", "top", "chief", "deputy", "acting", "caretaker", "former", "then", "the", "a", "an",
                "'s", "’s", "and", "state", "security", "intelligence", "government", "middle", "east",
                "special", "regional", "foreign", "defence", "defense", "interior", "ministry", "far-right",
                "hardline", "veteran", "outgoing", "incoming", "new", "current", "interim", "us", "u.s.",
                "de", "facto", "lead", "main", "political", "military", "two", "three", "several", "its",
                "his", "her", "their", "leading", "powerful", "influential", "longtime"}
CAP_STOP = {"The", "A", "An", "In", "On", "At", "But", "And", "As", "After", "Before", "While", "When",
            "Under", "According", "Since", "If", "This", "That", "These", "Those", "It", "He", "She",
            "They", "We", "Our", "His", "Her", "Its", "Their", "Mr", "Mr.", "Ms.", "Mrs.", "Dr.", "Some",
            "Both", "Neither", "Several", "Many", "More", "Most", "Also", "However", "Meanwhile", "Monday",
            "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "Speaking", "Asked",
            "Calling", "Under", "Despite", "Following", "Last", "Next", "Earlier", "Later", "Late", "Who",
            "What", "Whoever", "Anyone", "Everyone", "Nobody", "Today", "Yesterday", "Tomorrow",
            "Advertisement", "Photo", "Reporting", "Editing", "Writing", "Updated", "Published", "Source"}


def _variants(name: str) -> set[str]:
    forms = {name}
    if name[:1].islower():
        forms.add(name[:1].upper() + name[1:])
    if name.lower().startswith("the "):
        forms.add(name[4:])
    return forms


class ActorRecognizer:
    """The `parley_actors` component."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.kb = knowledge
        word_lists = cues()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.kinds: dict[str, tuple[str, str]] = {}  # match label -> (kind of match, key)
        names: dict[str, list[str]] = {}
        for actor in knowledge.actors.values():
            for name in actor.names:
                names.setdefault(f"name|{actor.key}", []).append(name)
            for name in actor.metonyms:
                names.setdefault(f"metonym|{actor.key}", []).append(name)
            for name in actor.demonyms:
                names.setdefault(f"demonym|{actor.key}", []).append(name)
        for place in knowledge.places.values():
            for name in place.names:
                names.setdefault(f"place|{place.key}", []).append(name)
        for label, forms in names.items():
            kind, key = label.split("|", 1)
            self.kinds[label] = (kind, key)
            exact, folded = [], []
            for form in {v for f in forms for v in _variants(f)}:
                doc = nlp.make_doc(form)
                (folded if len(doc) >= 2 and len(form) >= 8 else exact).append(doc)
            if exact:
                self.exact.add(label, exact)
            if folded:
                self.folded.add(label, folded)
        self.titles.add("title", [nlp.make_doc(t) for t in word_lists["titles"] + ["mr"]])
        self.strong_titles = set(word_lists["strong_titles"]) | {"mr"}
        self.title_words = {t for title in word_lists["titles"] for t in title.split()}
        self.particles = set(word_lists["name_particles"])
        self.official_heads = {h.split()[0] for h in word_lists["official_heads"]} | {"chiefs", "figures"}
        self.armed_heads = {"army", "military", "forces"}
        self.ministry_kinds = set(word_lists["ministry_kinds"])
        self.org_heads = set(word_lists["org_heads"])
        self.former = set(word_lists["former_words"])
        self.pronouns = word_lists["pronouns"]
        self.descriptors = word_lists["generic_descriptors"]
        self.person_descriptors = set(word_lists["person_descriptors"])
        self.demonyms = knowledge.by_demonym()

    # -- the pass ---------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        found = DocActors()
        taken = [False] * len(doc)
        gaz = self._gazetteer(doc)
        persons = self._titled_persons(doc, gaz, found)
        for start, end, actor, how, title in persons:
            self._add(found, taken, Mention(start, end, actor, how, title))
        for start, end, kind, key in gaz:
            if any(taken[start:end]):
                continue
            mention = self._known(doc, start, end, kind, key, found)
            if mention is not None:
                self._add(found, taken, mention)
        self._appositive_persons(doc, taken, found)
        self._orgs(doc, taken, found)
        self._resolve_references(doc, taken, found)
        found.sort()
        self._title_affiliations(doc, found)
        doc._.actors = found
        return doc

    def _add(self, found: DocActors, taken: list[bool], mention: Mention) -> None:
        found.mentions.append(mention)
        for i in range(mention.start, mention.end):
            taken[i] = True

    def _gazetteer(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        matches = [(s, e, *self.kinds[doc.vocab.strings[m]]) for m, s, e in self.exact(doc)]
        matches += [(s, e, *self.kinds[doc.vocab.strings[m]]) for m, s, e in self.folded(doc)]
        order = {"name": 0, "metonym": 1, "demonym": 2, "place": 3}
        matches.sort(key=lambda m: (-(m[1] - m[0]), order[m[2]], m[0]))
        chosen: list[tuple[int, int, str, str]] = []
        used = [False] * len(doc)
        for start, end, kind, key in matches:
            if doc[start]._.boilerplate:
                continue
            if any(used[start:end]) and kind != "place":
                continue
            chosen.append((start, end, kind, key))
            if kind != "place":
                for i in range(start, end):
                    used[i] = True
        chosen.sort()
        return chosen

    def _actor(self, key: str, surface: str | None = None) -> Actor:
        known = self.kb.actors[key]
        names = (surface,) if surface and surface != known.label else ()
        return Actor(known.key, known.label, known.kind, known.classes, names, known=True)

    def _known(self, doc: Doc, start: int, end: int, kind: str, key: str, found: DocActors) -> Mention | None:
        if kind == "place":
            place = self.kb.places[key]
            found.places.append((start, end, key, doc[start:end].text, place.country))
            return None
        surface = doc[start:end].text
        nxt = doc[end] if end < len(doc) else None
        prev = doc[start - 1] if start > 0 else None
        if kind == "metonym":
            if prev is not None and prev.lower_ in PREPOSITIONS:
                return None
            acting = nxt is not None and (nxt.norm_ in ACTING_NORMS or nxt.norm_ in self._verbs)
            if not acting and not (prev is not None and prev.lower_ in {"by", "accused", "blamed", "told", "urged"}):
                return None
            return Mention(start, end, self._actor(key), "metonym")
        if kind == "demonym":
            return self._demonym(doc, start, end, key)
        how = "official" if nxt is not None and nxt.lower_ in self.official_heads else "name"
        head_end = end + 1 if how == "official" else end
        return Mention(start, head_end, self._actor(key, surface), how)

    @property
    def _verbs(self) -> set[str]:
        words = cues()
        return set(words["reporting_verbs"]) | {"accuse", "blame", "reject", "demand", "want", "insist", "agree"}

    def _demonym(self, doc: Doc, start: int, end: int, key: str) -> Mention | None:
        """"Egyptian officials", "an official Egyptian source", "Iran's foreign ministry", "the
        Israelis": a demonym names its country only with an official noun, or as a plural noun."""
        surface = doc[start:end].text
        j = end
        while j < len(doc) and j < end + 3 and doc[j].lower_ in {"state", "security", "intelligence", "senior",
                                                                  "government", "top", "military"}:
            if doc[j].lower_ in {"government"}:
                break
            j += 1
        head = doc[j] if j < len(doc) else None
        if head is not None and head.lower_ in self.ministry_kinds and j + 1 < len(doc) and doc[j + 1].lower_ in {"ministry"}:
            return Mention(start, j + 2, self._body(key, surface, head.text, "Ministry"), "name")
        if head is not None and head.lower_ in self.armed_heads and j == end:
            if head.lower_ == "forces":
                return None  # "Israeli forces" act in the war, they do not speak for a party
            return Mention(start, j + 1, self._armed_forces(key, f"{surface} {head.text}"), "name")
        if head is not None and head.lower_ in self.official_heads:
            return Mention(start, j + 1, self._actor(key), "official")
        if surface[:1].isupper() and surface.endswith("s") and (head is None or not head.text[:1].isalpha()
                                                                or head.norm_ in ACTING_NORMS | self._verbs):
            return Mention(start, end, self._actor(key), "demonym")
        return None

    def _body(self, country_key: str, demonym: str, kind: str, noun: str) -> Actor:
        """A country's ministry ("Iranian Foreign Ministry"), known or made from its country."""
        label = f"{self._adjective(country_key, demonym)} {kind.title()} {noun}"
        for actor in self.kb.actors.values():
            if actor.parent == country_key and label.lower() in {n.lower() for n in actor.names}:
                return self._actor(actor.key, label)
        key = f"{country_key}-{kind.lower()}-{noun.lower()}"
        return Actor(key, label, ORGANIZATION, ("GovernmentBody",), (), known=False)

    def _armed_forces(self, country_key: str, surface: str) -> Actor:
        for actor in self.kb.actors.values():
            if actor.parent == country_key and "ArmedGroup" in actor.classes:
                if surface.lower() in {n.lower() for n in actor.names}:
                    return self._actor(actor.key, surface)
        for actor in self.kb.actors.values():
            if actor.parent == country_key and "ArmedGroup" in actor.classes:
                return self._actor(actor.key, surface)
        label = f"{self._adjective(country_key, surface.split()[0])} armed forces"
        return Actor(f"{country_key}-armed-forces", label, ORGANIZATION, ("ArmedGroup",), (surface,))

    def _adjective(self, country_key: str, fallback: str) -> str:
        forms = [d for d in self.kb.actors[country_key].demonyms if not d.endswith("s")] if country_key in self.kb.actors else []
        return sorted(forms, key=len)[0] if forms else fallback

    # -- people -----------------------------------------------------------------------------------

    def _name_at(self, doc: Doc, i: int, limit: int = 5) -> int:
        """The end of a personal name starting at token i (i itself when there is none)."""
        j = i
        while j < len(doc) and j - i < limit:
            token = doc[j]
            text = token.text
            if token._.boilerplate or token.is_space:
                break
            if text[:1].isupper() and (token.is_alpha or re.fullmatch(r"[A-Z][\w'’.-]*", text)):
                if text in CAP_STOP and j == i:
                    break
                if token.lower_ in self.title_words and j == i:
                    i += 1  # "chief General Abdel ..." : titles before the name are skipped
                    j += 1
                    continue
                j += 1
            elif token.lower_ in self.particles or re.fullmatch(r"(al|el|bin|ibn|abu|abd|de)-\w+", token.lower_):
                if j + 1 < len(doc) and (doc[j + 1].text[:1].isupper() or "-" in text) and j > i or "-" in text:
                    j += 1
                else:
                    break
            else:
                break
        return j

    def _titled_persons(self, doc: Doc, gaz, found: DocActors) -> list[tuple[int, int, Actor, str, str]]:
        """Persons introduced with a title: "Foreign Minister X", "X's chief negotiator, Y"."""
        titles = sorted(((s, e) for _, s, e in self.titles(doc)), key=lambda t: (t[0], -(t[1] - t[0])))
        result = []
        seen_end = -1
        for start, end in titles:
            if end <= seen_end or doc[start]._.boilerplate:
                continue
            title = doc[start:end].text
            first = end
            comma = False
            # "The TPLF's chief negotiator and spokesman, Getachew Reda"
            while first < len(doc) and doc[first].lower_ in {"and", ","} | self.title_words and first < end + 4:
                comma = comma or doc[first].text == ","
                first += 1
            name_start = first if comma or first == end else end
            if not comma and name_start != end:
                name_start = end
            name_end = self._name_at(doc, name_start)
            while name_start < name_end and doc[name_start].lower_ in self.title_words:
                name_start += 1
            size = name_end - name_start
            if size == 0:
                continue
            strong = title.lower().rstrip(".") in {t.rstrip(".") for t in self.strong_titles}
            if size == 1 and not strong and not comma:
                continue
            if comma and (name_end >= len(doc) or doc[name_end].text not in {",", "."}):
                continue
            name = doc[name_start:name_end].text
            if any(name in a.names for a in self.kb.actors.values() if a.kind != PERSON) and size == 1:
                continue
            actor = Actor(_slug(name), name, PERSON, (), (), known=False)
            result.append((name_start, name_end, actor, "person", title))
            seen_end = name_end
        return result

    def _appositive_persons(self, doc: Doc, taken: list[bool], found: DocActors) -> None:
        """ "Mahmoud Mardawi, a Hamas official, said" and "Jean-Marc Kalonji ... said": a capitalised
        name of two or more words followed by an apposition or a reporting verb."""
        verbs = set(cues()["reporting_verbs"])
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                if taken[i] or doc[i]._.boilerplate or not doc[i].text[:1].isupper() or doc[i].text in CAP_STOP:
                    i += 1
                    continue
                end = self._name_at(doc, i, limit=4)
                if end - i >= 2 and not any(taken[i:end]) and (i == sent.start or doc[i - 1].text in {",", "and", "by"}):
                    nxt = doc[end] if end < len(doc) else None
                    after = doc[end + 1] if end + 1 < len(doc) else None
                    appositive = nxt is not None and nxt.text == "," and after is not None and (
                        after.lower_ in {"a", "an", "the", "who", "whose"} or after.text[:1].isupper()) and \
                        not after.lower_.endswith("ing")
                    speaks = nxt is not None and (nxt.norm_ in verbs or (nxt.norm_ in {"have", "also"} and after is not None and after.norm_ in verbs))
                    if (appositive or speaks) and not _looks_like_org(doc[i:end], self.org_heads):
                        name = doc[i:end].text
                        self._add(found, taken, Mention(i, end, Actor(_slug(name), name, PERSON), "person"))
                i = max(end, i + 1)

    def _orgs(self, doc: Doc, taken: list[bool], found: DocActors) -> None:
        """Organisations the ontology does not know, by their form: "University of Kinshasa",
        "Presidential Leadership Council"."""
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                token = doc[i]
                if taken[i] or token._.boilerplate or not token.text[:1].isupper():
                    i += 1
                    continue
                if token.lower_ in self.org_heads and i + 2 < sent.end and doc[i + 1].lower_ == "of":
                    j = i + 2 + (doc[i + 2].lower_ == "the")
                    end = j
                    while end < sent.end and doc[end].text[:1].isupper() and not taken[end] and doc[end].is_alpha:
                        end += 1
                    if end > j:
                        name = doc[i:end].text
                        self._add(found, taken, Mention(i, end, Actor(_slug(name), name, ORGANIZATION), "org"))
                        i = end
                        continue
                j = i
                while j < sent.end and doc[j].text[:1].isupper() and not taken[j] and (doc[j].is_alpha or "'" in doc[j].text):
                    j += 1
                if j - i >= 2 and doc[j - 1].lower_ in self.org_heads and doc[i].text not in CAP_STOP:
                    name = doc[i:j].text
                    self._add(found, taken, Mention(i, j, Actor(_slug(name), name, ORGANIZATION), "org"))
                i = max(j, i + 1)

    # -- references -------------------------------------------------------------------------------

    def _resolve_references(self, doc: Doc, taken: list[bool], found: DocActors) -> None:
        """Surnames, pronouns and descriptions, resolved in reading order against what came before."""
        found.sort()
        by_start = {m.start: m for m in found.mentions}
        history: list[Mention] = []
        name_parts: dict[str, Actor | None] = {}
        government: Actor | None = None
        new: list[Mention] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in by_start:
                mention = by_start[i]
                mention = self._merge_person(mention, name_parts)
                by_start[i] = mention
                history.append(mention)
                if mention.how == "person":
                    _register_name(mention.actor, name_parts, self.particles)
                if mention.actor.kind == COUNTRY and i + 1 < len(doc) and doc[mention.end - 1].lower_ == "government" or (
                        mention.actor.kind == COUNTRY and mention.end < len(doc) and doc[mention.end].lower_ in {"government", "'s"}
                        and mention.end + 1 < len(doc) and doc[mention.end + 1].lower_ == "government"):
                    government = mention.actor
                i = mention.end
                continue
            if taken[i] or token._.boilerplate:
                i += 1
                continue
            # a surname or first name of a person met earlier: "Abu Zuhri", "Mr. Mardawi", "Getachew"
            if token.text[:1].isupper() and token.text not in CAP_STOP:
                two = doc[i:i + 2].text
                for text, width in ((two, 2), (token.text, 1)):
                    actor = name_parts.get(text)
                    if actor is not None and not any(taken[i:i + width]):
                        mention = Mention(i, i + width, actor, "person")
                        new.append(mention)
                        history.append(mention)
                        i += width
                        break
                else:
                    i += 1
                continue
            lower = token.lower_
            if lower in self.pronouns:
                actor = self._pronoun_target(lower, history)
                if actor is not None:
                    mention = Mention(i, i + 1, actor, "pronoun")
                    new.append(mention)
                i += 1
                continue
            if lower in {"the", "this", "that"} and i + 1 < len(doc):
                width, actor = self._description(doc, i + 1, history, government)
                if actor is not None:
                    mention = Mention(i, i + 1 + width, actor, "descriptor")
                    new.append(mention)
                    history.append(mention)
                    i += 1 + width
                    continue
            i += 1
        found.mentions = list(by_start.values()) + new
        if government is None:
            countries = [m.actor for m in found.mentions if m.actor.kind == COUNTRY]
            government = countries[0] if countries else None
        found.government = government  # type: ignore[attr-defined]
        # "the government" before any country was named refers to the article's first country
        for k, mention in enumerate(found.mentions):
            if mention.actor.key == "__government__":
                if government is None:
                    found.mentions[k] = None  # type: ignore[call-overload]
                else:
                    found.mentions[k] = Mention(mention.start, mention.end, government, mention.how)
        found.mentions = [m for m in found.mentions if m is not None]

    def _merge_person(self, mention: Mention, name_parts: dict[str, Actor | None]) -> Mention:
        """"Mr. Biden" or "President Biden" after "Joe Biden" is the same person."""
        if mention.how != "person":
            return mention
        actor = name_parts.get(mention.actor.label)
        if actor is not None and actor.key != mention.actor.key:
            return Mention(mention.start, mention.end, actor, "person", mention.title)
        return mention

    def _pronoun_target(self, pronoun: str, history: list[Mention]) -> Actor | None:
        kind = self.pronouns[pronoun]
        for mention in reversed(history[-12:]):
            actor = mention.actor
            if kind == "Person" and actor.kind == PERSON:
                return actor
            if kind == "NonPerson" and actor.kind != PERSON and "NewsOutlet" not in actor.classes:
                return actor
            if kind == "Plural" and actor.kind != PERSON and (mention.how in {"official", "demonym"} or
                                                              "ArmedGroup" in actor.classes):
                return actor
        return None

    def _description(self, doc: Doc, i: int, history: list[Mention], government: Actor | None) -> tuple[int, Actor | None]:
        """ "the group", "the militant group", "the ministry", "the government", "the official"."""
        for width in (2, 1):
            words = " ".join(t.lower_ for t in doc[i:i + width])
            if i + width > len(doc):
                continue
            nxt = doc[i + width] if i + width < len(doc) else None
            if nxt is not None and nxt.is_alpha and nxt.lower_ not in {"said", "says", "had", "has", "was", "is",
                                                                       "would", "will", "also", "added", "wants",
                                                                       "told", "insisted", "accused", "blamed",
                                                                       "rejected", "could", "did", "does", "and",
                                                                       "on", "in", "for", "of", "to", "as", "under"}:
                if words not in {"group", "movement"} or nxt.lower_ not in {"said"}:
                    if nxt.text[:1].islower() and nxt.lower_ not in {"'s"} and width == 1 and words in self.descriptors:
                        continue
            if words == "government":
                return 1, government or Actor("__government__", "", COUNTRY)
            if words in self.descriptors:
                wanted = self.descriptors[words]
                for mention in reversed(history[-25:]):
                    actor = mention.actor
                    known = self.kb.actors.get(actor.key)
                    own = set(known.descriptors) if known else set()
                    if words in own or (set(wanted) & set(actor.classes)) or (
                            "ArmedForces" in wanted and "ArmedGroup" in actor.classes and "army" in actor.label.lower()) or (
                            "Country" in wanted and actor.kind == COUNTRY and words in {"country", "kingdom"} and
                            (words != "kingdom" or "kingdom" in own)):
                        if "ArmedForces" in wanted and not any(w in " ".join(actor.names + (actor.label,)).lower()
                                                               for w in ("army", "military", "armed forces", "defense forces", "defence forces")):
                            continue
                        return width, actor
                return width, None
            if words in self.person_descriptors:
                for mention in reversed(history[-15:]):
                    if mention.how == "official" or (mention.actor.kind == PERSON and mention.title
                                                     and words.split()[-1] in mention.title.lower()):
                        return width, mention.actor
                return width, None
        return 0, None

    # -- affiliations -----------------------------------------------------------------------------

    def _title_affiliations(self, doc: Doc, found: DocActors) -> None:
        """A person's organisation from the words before their title ("Israeli Prime Minister X",
        "State Department spokesman X", "the TPLF's chief negotiator, X") or from an apposition
        after their name ("X, a Hamas official", "X, who heads the ELN's negotiating team")."""
        for mention in found.mentions:
            if mention.how != "person" or mention.actor.kind != PERSON:
                continue
            sent = doc[mention.start].sent
            org = self._left_affiliation(doc, mention, found, sent)
            rule = "membership.title"
            if org is None:
                org = self._appositive_affiliation(doc, mention, found, sent)
                rule = "membership.apposition"
            if org is not None and org.key != mention.actor.key and org.kind != PERSON:
                found.affiliations.append(Affiliation(mention, org, sent, rule))

    def _left_affiliation(self, doc: Doc, mention: Mention, found: DocActors, sent: Span) -> Actor | None:
        i = mention.start - 1
        while i >= sent.start and (doc[i].text == "," or doc[i].lower_ in self.title_words or doc[i].lower_ in {"and"}):
            i -= 1
        if i == mention.start - 1:
            return None  # no title right before the name
        j = i
        while j >= sent.start and (doc[j].text[:1].isupper() or doc[j].lower_ in NP_MODIFIERS or
                                   found.at(j) is not None) and doc[j].text not in {".", ";", ":"}:
            if doc[j].lower_ in self.former:
                return None
            j -= 1
        candidates = [m for m in found.between(j + 1, mention.start) if m.end <= mention.start and m is not mention]
        candidates = [m for m in candidates if m.actor.kind != PERSON]
        if not candidates and j >= sent.start + 1 and doc[j].lower_ == "by" and doc[j - 1].lower_ in {"headed", "led"}:
            window = found.between(sent.start, j)
            candidates = [m for m in window if m.actor.kind != PERSON and m.end < len(doc)
                          and doc[m.end].lower_ in {"'s", "’s"}]
        return candidates[0].actor if candidates else None

    def _appositive_affiliation(self, doc: Doc, mention: Mention, found: DocActors, sent: Span) -> Actor | None:
        end = mention.end
        if end >= sent.end or doc[end].text != ",":
            return None
        stop = end + 1
        if stop < sent.end and doc[stop].lower_.endswith("ing"):
            return None  # "Hamdan, speaking at a press conference in Beirut," is no apposition
        while stop < sent.end and doc[stop].text not in {",", ".", ";", "(", ")"} and stop < end + 16:
            if doc[stop].lower_ in self.former:
                return None
            stop += 1
        for m in found.between(end + 1, stop):
            if m.actor.kind != PERSON and m.how != "pronoun":
                return m.actor
        return None


def _looks_like_org(span: Span, heads: set[str]) -> bool:
    return span[-1].lower_ in heads


def _register_name(actor: Actor, parts: dict[str, Actor | None], particles: set[str]) -> None:
    words = actor.label.split()
    keys = {actor.label}
    if len(words) >= 2:
        keys.add(words[-1])
        keys.add(words[0])
        if len(words) >= 3:
            keys.add(" ".join(words[-2:]))
            keys.add(" ".join(words[1:]))
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
