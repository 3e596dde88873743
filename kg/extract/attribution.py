"""Who said what: direct quotes and reported speech.

The shapes news uses, each handled here:

- speaker, verb, clause: "Hamas said it showed flexibility"; "Ortega told the AP that ...";
- clause, speaker, verb: "... will continue with the talks, the resistance group said";
- quote then speaker: "“...,” the statement added" / "“...,” said the Egyptian source";
- speaker then quote: "Ndiaye said: “We will not sign ...”";
- a quote that runs on into the next sentence or paragraph keeps its speaker;
- "according to X, ..." and "..., according to X";
- participles: "..., saying (that) ..." and "..., adding that ..." keep the sentence's speaker;
- what an actor accuses, urges or calls for: "accused Kyiv of ...", "urged the parties to ...",
  "called for a ceasefire", "demanded that ..."; with a quote, "hailed the deal as “...”";
- an attribution set inside the claim: "Georgian troops, he said, must go back to their barracks";
- nested reports: "the channel quoted an Egyptian source that said ...", "quoted a Hamas official
  as saying ...": the speaker is who is quoted, not the outlet.

A claim's text is the quote or the reported clause, not the whole sentence. Results: `said` facts
in `Doc._.facts`, and `Doc._.claims` (speaker, token span of the claim) for the position rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.lex_attrs import like_num
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.base import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    QUOTES,
    Sentence,
    add_fact,
    content_sentences,
    sentence,
    sentence_of,
    title_words,
    within,
    word_set,
)
from kg.extract.facts import PERSON, Actor, Claim
from kg.extract.mentions import DocActors, Mention
from kg.nlp import TokenTable, table

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

QUOTE_OR_BREAK = re.compile('[“”"\n]')  # what opens or closes a quoted passage (`quote_spans`)
PLURAL_SPEAKERS = frozenset(
    "officials agencies sources authorities leaders diplomats negotiators mediators".split()
)
# what may stand before a speech verb in its bare form or after "and": "has said", "and later told"
AUXILIARIES = frozenset("has have had also later then".split())
DETERMINERS = {"the", "a", "an", "this", "its", "their", "his", "her", "media", "news", "press"}
PASSIVE = frozenset("is are was were be been being".split())
NOT_BEFORE_SPEECH = DETERMINERS | {"'s", "’s", "of", "media"}  # "the statement", "Hamas's claims"
GAP = frozenset(
    "has have had also later earlier then again repeatedly previously publicly further separately "
    "still on in a an the statement last this week night morning afternoon evening late early monday "
    "tuesday wednesday thursday friday saturday sunday however meanwhile himself herself itself "
    "previous past televised interview joint written separate brief day days ago yesterday today been "
    "already never not simply only first once recently too post video message speech nightly address "
    "x twitter telegram for their its his her part all both two three who just now said".split()
)
PREPOSITIONS = frozenset(
    "in at from of to by with for on against about into over between among toward towards through "
    "under after before near than like as without within via across behind beyond upon amid".split()
)
BEFORE_VERB = GAP | {"long", "flatly", "firmly", "publicly", "not"}  # "Hamas has long rejected"
# what may stand between a speech verb and its "that": "told state-run TV on Sunday that"
BEFORE_CLAIM = frozenset(
    "'s ’s state-run state-affiliated tv channel broadcaster country a news briefing press conference told "
    "reporters journalists".split()
)
CLAUSE_PARTICIPLES = frozenset("saying adding insisting arguing warning asserting claiming noting".split())
CONJUNCTIONS = frozenset("after before as since than like without amid".split())
NOUN_PREPOSITIONS = PREPOSITIONS - CONJUNCTIONS  # prepositions that do not open a clause
# "an official familiar with the text", "a source who asked not to be named",
# "speaking on condition of anonymity"
UNNAMED_SOURCE = frozenset(
    "familiar with text matter talks negotiations plan proposal who asked not to be named identified "
    "speaking condition of anonymity briefed discussions because was were authorized authorised speak "
    "publicly involved close knowledge deal people person".split()
)
# participles that report what their object is called or asked to do: ", describing the plan as
# “...”", ", urging Israel to ...", ", accusing the army of ...": a claim of their own
OBJECT_PARTICIPLES = frozenset("describing calling urging accusing blaming".split())
CUT_PARTICIPLES = (
    frozenset(
        "adding saying insisting arguing stressing noting warning asserting claiming explaining "
        "emphasizing emphasising reiterating".split()
    )
    | OBJECT_PARTICIPLES
)
# what opens a clause of its own after "..., X said,": not the rest of the claim (`_resumes_at`)
NOT_RESUMING = CUT_PARTICIPLES | frozenset(
    "according though although but and while whereas as after before because since when which who if "
    "unless so yet".split()
)
# verbs that report speech only with a quote close after them: "hailed the deal as “a first step”"
QUOTE_VERBS = frozenset(
    "describe criticize criticise hail welcome praise condemn denounce dismiss brand label term".split()
)
# verbs whose object and clause are what was said: "accused Kyiv of ...", "urged the parties to ..."
OBJECT_VERBS = frozenset("accuse blame urge".split())


@dataclass
class SaidClaim:
    speakers: list[Mention]
    start: int  # token span of the claim text
    end: int
    direct: bool
    evidence: Sentence
    rule: str
    gap: tuple[int, int] | None = None  # the tokens of "..., he said, ..." inside the claim, left out


class Attribution:
    """The `parley_attribution` component."""

    def __init__(self) -> None:
        self.speech = word_set("speech_only_verbs") | QUOTE_VERBS | OBJECT_VERBS | {"call", "quote", "demand"}
        self.hearers = word_set("hearer_words")
        self.hearer_forms = tuple(self.hearers)  # in the set's order: the first that matches is taken
        self.official_heads = {h.split()[0] for h in word_set("official_heads")}
        self.speaking_for = self.official_heads | {"officials"}  # "officials in the group said"
        # the words a speaker's noun phrase may hold before the name: titles and their modifiers
        self.phrase_words = (
            title_words()
            | self.official_heads
            | set("a an the senior top two acting deputy special former chief".split())
            | word_set("ministry_kinds")  # "foreign ministry spokesperson X"
            | set("ministry military army government presidential office media".split())
        )
        self.coordinated_verbs = word_set("accusation_verbs") | {
            "reject",
            "accept",
            "demand",
            "urge",
            "warn",
            "insist",
            "threaten",
            "call",
            "welcome",
            "vow",
            "deny",
        }

    def __call__(self, doc: Doc) -> Doc:
        actors: DocActors = doc._.actors
        quotes = quote_spans(doc)
        inside = [None] * len(doc)  # the quote each token is in
        for q in quotes:
            inside[q[0] : q[1]] = [q] * (q[1] - q[0])
        claims: list[SaidClaim] = []
        last_direct: SaidClaim | None = None
        last_statement: list[Mention] | None = None
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        cues = self._cues(tokens, inside)
        for sent in content_sentences(doc):
            found = self._sentence(
                doc, sent, actors, within(cues, sent.start, sent.end), quotes, inside, last_statement
            )
            if not found:
                lone = self._continuation(doc, sent, quotes, last_direct)
                if lone is not None:
                    found = [lone]
            for claim in found:
                claims.append(claim)
                if claim.direct or not QUOTES.isdisjoint(words[claim.start : claim.end]):
                    last_direct = claim
                if "statement" in lower[sent.start : sent.end]:
                    last_statement = claim.speakers
            if not found and last_direct is not None and last_direct.evidence.end < sent.start - 40:
                last_direct = None
        doc._.claims = claims
        for claim in claims:
            if claim.gap is None:
                text = _clean(tokens.span_text(claim.start, claim.end))
            else:  # "Georgian troops, he said, must go back": the claim without its attribution
                before, after = claim.gap
                text = _clean(f"{tokens.span_text(claim.start, before)} {tokens.span_text(after, claim.end)}")
            words = text.split()
            if len(words) < 3 or (
                words[0].lower() in {"at", "on", "in", "during", "after", "before", "since", "by"}
                and len(words) <= 6
            ):
                continue  # "are alive", "at the end of May": no claim
            for speaker in claim.speakers:
                for actor in speaker.actors:
                    add_fact(doc, "said", actor, Claim(text, claim.direct), claim.evidence, claim.rule)
        return doc

    def _cues(self, tokens: TokenTable, inside: list[tuple[int, int] | None]) -> list[int]:
        """The tokens that can start an attribution (a speech verb, a participle such as "saying",
        "according"), outside quotes and boilerplate."""
        speech, boiler = self.speech, tokens.boiler
        return [
            i
            for i, (word, norm) in enumerate(zip(tokens.lower, tokens.norm, strict=True))
            if (norm in speech or word in CUT_PARTICIPLES or word == "according")
            and inside[i] is None
            and not boiler[i]
        ]

    # -- one sentence -----------------------------------------------------------------------------

    def _sentence(
        self, doc: Doc, sent: Sentence, actors: DocActors, cues: list[int], quotes, inside, last_statement
    ) -> list[SaidClaim]:
        """The claims of one sentence; `cues` are its tokens that can start an attribution."""
        claims: list[SaidClaim] = []
        previous: SaidClaim | None = None
        lower = table(doc).lower
        quoted_as = self._quoted_as(doc, sent, actors) if "quoted" in lower[sent.start : sent.end] else None
        for i in cues:
            word = lower[i]
            if word == "according" and i + 1 < sent.end and lower[i + 1] == "to":
                if any(c.end <= i for c in claims):
                    continue  # "“...,” Ortega told them, according to his ministry": the source of a report
                claim = self._according(doc, sent, i, actors)
                if claim:
                    claims.append(claim)
                continue
            if word == "saying" and actors.at(i - 1) is not None and actors.at(i - 1).end == i:
                # "with Hamas saying it had responded ... and an official saying ...": absolute clauses
                if previous is not None and previous.start < i <= previous.end:
                    previous.end = max(previous.start, i - self._subject_width(doc, actors.at(i - 1), sent))
                start = self._claim_start(doc, actors, i + 1, sent)
                end = self._claim_end(doc, start, sent, inside)
                previous = SaidClaim(
                    [actors.at(i - 1)],
                    start,
                    end,
                    _is_quoted(doc, start, end),
                    sent,
                    "attribution.participle",
                )
                claims.append(previous)
                continue
            if self._is_participle(doc, i, sent):
                if (
                    previous is not None
                    and not previous.direct
                    and previous.start < i <= previous.end + 1
                    and word != "adding"
                    and word not in OBJECT_PARTICIPLES
                ):
                    # "X denied ..., asserting that ...": one claim, the participle goes on with it
                    previous.end = max(previous.end, self._claim_end(doc, i + 1, sent, inside))
                    continue
                speakers = (
                    [quoted_as]
                    if quoted_as
                    else (
                        self._verb_subject_before(doc, sent, i, actors)
                        or (previous.speakers if previous else self._main_subject(doc, sent, i, actors))
                    )
                )
                if not speakers:
                    continue
                start = self._claim_start(doc, actors, i + 1, sent)
                end = self._claim_end(doc, start, sent, inside)
                if end - start >= 2:
                    previous = SaidClaim(
                        speakers, start, end, _is_quoted(doc, start, end), sent, "attribution.participle"
                    )
                    claims.append(previous)
                continue
            if not self._is_speech_verb(doc, i, sent):
                continue
            if previous is not None:
                # "He said Kyiv had a list of children it says were taken, and demanded ...": the
                # coordinated verb goes on from the claim that holds the last one, not from inside it
                holders = (c for c in claims if c.start <= previous.start < previous.end <= c.end)
                previous = next(holders, previous)
            claim = self._from_verb(doc, sent, i, actors, quotes, inside, previous, last_statement)
            rest = self._second_half(doc, sent, i, quotes, claim)
            if rest is not None:
                claims.append(rest)
            if claim is not None:
                if (
                    previous is not None
                    and previous.start < i < previous.end
                    and claim.start > i
                    and claim.speakers is previous.speakers
                ):
                    previous.end = max(previous.start, i - 1 - (lower[i - 1] in {"and", "but"}))
                claims.append(claim)
                previous = claim
        claims = [c for c in claims if c.end > c.start]
        claims = [part for c in claims for part in _split_and_that(doc, c, inside)]
        return [
            c
            for c in claims
            if not any(
                o is not c
                and o.speakers[0].actor.key == c.speakers[0].actor.key
                and o.start <= c.start
                and c.end <= o.end
                and (o.start, o.end) != (c.start, c.end)
                for o in claims
            )
        ]

    def _subject_width(self, doc: Doc, mention: Mention, sent: Sentence) -> int:
        """Tokens to cut before a subject that starts a new clause: "and an Israeli official"."""
        k = mention.start
        lower = table(doc).lower
        while k > sent.start and lower[k - 1] in {"a", "an", "the", "and", "two", "some"}:
            k -= 1
        return mention.end - k

    def _second_half(
        self, doc: Doc, sent: Sentence, v: int, quotes, claim: SaidClaim | None
    ) -> SaidClaim | None:
        """ "“We have accepted,” the group said, “and the ball is in their court.”": a split quote goes
        on after its attribution."""
        if claim is None or claim.rule != "attribution.quote" or claim.start > v:
            return None
        words = table(doc).text
        for q in quotes:
            if v < q[0] < sent.end and words[q[0] - 1] == "," and q[1] - q[0] > 3:
                return SaidClaim(claim.speakers, q[0] + 1, q[1] - 1, True, sent, "attribution.quote")
        return None

    def _is_participle(self, doc: Doc, i: int, sent: Sentence) -> bool:
        """ ", saying ...", ", adding that ...": speech in a participle; "saying" needs no comma, and
        participles that usually take a noun ("reiterating its demands") need "that"."""
        tokens = table(doc)
        word = tokens.lower[i]
        if word not in CUT_PARTICIPLES or i == sent.start:
            return False
        before = tokens.text[i - 1]
        if word != "saying" and before != "," and not (before in QUOTE_CLOSE and tokens.text[i - 2] == ","):
            return False  # ", adding ...", "“...,” adding ..."
        if word in CLAUSE_PARTICIPLES:
            return True
        after = tokens.lower[i + 1] if i + 1 < sent.end else None
        if word in {"describing", "calling"} and after not in {"for", "on"}:
            # ", describing the talks as “constructive”", ", calling it “a farce”"
            return _quote_follows(doc, i, sent)
        return word in OBJECT_PARTICIPLES or after == "that"

    def _is_speech_verb(self, doc: Doc, i: int, sent: Sentence) -> bool:
        tokens = table(doc)
        lower, norm = tokens.lower, tokens.norm
        if norm[i] not in self.speech or not tokens.text[i].isalpha():
            return False
        prev = lower[i - 1] if i > sent.start else None  # the word before, lowercase
        if prev in NOT_BEFORE_SPEECH:
            return False
        if i + 1 < sent.end and lower[i + 1] == "to" and norm[i] != "tell":
            return False  # "claims to have annexed", "said to be": not speech
        if norm[i] == "call" and "what" in lower[max(sent.start, i - 3) : i]:
            return False  # "what it calls “economic retentions”" names, it does not report
        after = lower[i + 1] if i + 1 < sent.end else None
        if norm[i] == "call" and after in {"for", "on"}:
            return prev not in PASSIVE  # "called for a ceasefire", "called on Israel to ..."
        if norm[i] in OBJECT_VERBS:
            # "accused Kyiv of ...", not "was accused", "accused by", "blamed on the army"
            return prev not in PASSIVE and after not in {"by", "on"}
        if norm[i] == "demand":
            return after == "that" and lower[i] != norm[i]  # "demanded that ...", not "the demand that"
        if norm[i] in QUOTE_VERBS or norm[i] == "call":
            # "called the deal “a step forward”", "hailed it as “historic”": the quote is said
            return _quote_follows(doc, i, sent)
        if norm[i] == "quote":
            return False
        if norm[i] == "charge":  # "charged that the army ...", not "was charged with" nor "in charge of"
            return i + 1 < sent.end and lower[i + 1] == "that" and prev not in PASSIVE
        inflected = lower[i] != norm[i] or lower[i] in {"told", "said", "wrote"}
        if inflected or prev in AUXILIARIES:
            return True
        # "Kenyan officials say ...", "which UN agencies say is ...": the bare form after its subject
        if prev in {"they", "we"}:
            return True
        for k in (i, i - 1) if prev in PLURAL_SPEAKERS else (i,):  # "Kenyan officials", "UN agencies"
            subject = doc._.actors.at(k - 1) if k > sent.start else None
            if subject is not None and subject.end == k:
                return subject.start == sent.start or lower[subject.start - 1] != "let"
        return False

    def _from_verb(
        self,
        doc: Doc,
        sent: Sentence,
        v: int,
        actors: DocActors,
        quotes,
        inside,
        previous: SaidClaim | None,
        last_statement,
    ) -> SaidClaim | None:
        tokens = table(doc)
        speakers, subject_start = self._subject(doc, sent, v, actors)
        if speakers:
            subject_start = self._phrase_start(doc, sent, subject_start)
        inverted = False
        inherited = False
        link = v - 1
        while link > sent.start and tokens.lower[link] in AUXILIARIES:
            link -= 1  # "... and has said"
        if not speakers and link >= sent.start and tokens.lower[link] in {"and", "but", ","}:
            # "... but said Paris would follow the talks closely": the same speaker goes on
            if previous is not None:
                # "..., while Pyongyang has demanded ... and accused ...": a subject after the last claim
                speakers = self._verb_subject_before(doc, sent, v, actors, previous.end) or previous.speakers
            elif tokens.lower[link] != ",":
                speakers = self._main_subject(doc, sent, v, actors)
            subject_start, inherited = v, bool(speakers)
        if not speakers and self._statement_before(doc, sent, v):
            inner = [m for m in actors.between(max(sent.start, v - 4), v) if m.actor.kind != PERSON]
            speakers = inner[-1:] or (last_statement or [])
            subject_start = v - 1
        if not speakers:
            speakers = self._inverted(doc, sent, v, actors)
            inverted = bool(speakers)
            subject_start = v
        if not speakers:
            return None
        # the quote just before the attribution: "“...,” Blinken said" / "“...,” said the source"
        q_before = None if inherited else _quote_ending_near(doc, quotes, subject_start, sent)
        if q_before is not None:
            start = q_before[0] + 1 if tokens.text[q_before[0]] in QUOTE_OPEN else q_before[0]
            if start > sent.start and not _opens_sentence(doc, q_before[0], sent):
                start = _first_content(doc, sent)
            return SaidClaim(
                speakers, start, q_before[1] - 1, True, _evidence(doc, q_before[0], sent), "attribution.quote"
            )
        calls = tokens.norm[v] == "call" and tokens.lower[v + 1] not in {"for", "on"}  # "called it “...”"
        if tokens.norm[v] in QUOTE_VERBS or calls:
            quote = next((q for q in quotes if v < q[0] < v + 8 and q[1] <= sent.end), None)
            if quote is None:
                return None
            return SaidClaim(speakers, quote[0] + 1, quote[1] - 1, True, sent, "attribution.quote")
        after = self._claim_start(doc, actors, v + 1 + _skip_inverted_speaker(speakers, v, inverted), sent)
        if tokens.norm[v] == "call" and tokens.lower[after] in {"for", "on"}:
            after += 1  # "called for a ceasefire": the claim is what was called for
        q_after = next(
            (q for q in quotes if q[0] == after or (q[0] == after + 1 and tokens.text[after] in {":", ","})),
            None,
        )
        if q_after is not None:
            return SaidClaim(
                speakers,
                q_after[0] + 1,
                q_after[1] - 1,
                True,
                _evidence(doc, sent.start, sentence_of(doc, q_after[1] - 1)),
                "attribution.quote",
            )
        # "..., the resistance group said in a statement" : the clause before the speaker
        first = _first_content(doc, sent)
        subject_start = self._phrase_start(doc, sent, subject_start)
        if (
            subject_start > first + 2
            and tokens.text[subject_start - 1] == ","
            and self._trailing(doc, v, sent)
        ):
            resumed = self._resumes_at(doc, v, sent)
            if resumed is not None:  # "Georgian troops, he said, must go back to their barracks"
                resume, limit = resumed
                end = min(self._claim_end(doc, resume, sent, inside), limit)
                gap = (subject_start - 1, resume)
                return SaidClaim(speakers, first, end, False, sent, "attribution.inserted", gap)
            return SaidClaim(
                speakers,
                first,
                subject_start - 1,
                _is_quoted(doc, first, subject_start - 1),
                sent,
                "attribution.trailing",
            )
        end = self._claim_end(doc, after, sent, inside)
        if end - after < 2:
            return None
        return SaidClaim(speakers, after, end, _is_quoted(doc, after, end), sent, "attribution.reported")

    # -- speakers ---------------------------------------------------------------------------------

    def _subject(self, doc: Doc, sent: Sentence, v: int, actors: DocActors) -> tuple[list[Mention], int]:
        """The speaker(s) right before the verb, allowing adverbials ("on Wednesday", "in a statement")
        and one parenthesis between commas ("Ortega, a rebel commander, said")."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        j = v - 1
        jumps = 0
        while j >= sent.start:
            word = lower[j]
            mention = actors.at(j)
            if (
                mention is not None
                and mention.end - 1 == j
                or (mention is not None and mention.how == "official" and j < mention.end)
            ):
                if word in {"'s", "’s"}:
                    break
                if self._after_preposition(doc, mention, sent):
                    member = self._member_before(doc, mention, sent, actors)
                    if member is not None:
                        return [member], member.start  # "negotiator X of the Unitary Platform said"
                    break
                group = self._coordinated(doc, sent, mention, actors)
                start = group[0].start
                return group, start if lower[start - 1] not in DETERMINERS else start - 1
            if word in {"that", "who"} and j == v - 1:
                before = actors.at(j - 1) or (
                    actors.at(j - 2) if j - 1 >= sent.start and words[j - 1] == "," else None
                )
                if before is not None:
                    return [before], v
                break
            if words[j] == "," and jumps == 0:
                # "Ortega, a rebel commander, said": the subject opens the clause, before the parenthesis
                k = j - 1
                while k > sent.start and words[k] != "," and k > j - 30:
                    if words[k] in QUOTE_CLOSE:
                        # a quoted word inside the parenthesis: "which the government calls “Shene”,"
                        back = range(k - 1, max(sent.start, k - 5), -1)
                        opening = next((o for o in back if words[o] in QUOTE_OPEN), None)
                        if opening is None:
                            break
                        k = opening
                    if words[k] in {".", ";", ":"}:
                        break
                    k -= 1
                named = actors.at(j - 1)
                if (
                    named is not None
                    and named.actor.kind == PERSON
                    and k + 1 <= named.start <= k + 5
                    and all(words[x][:1].isupper() for x in range(k + 1, named.start))  # "Interior Minister"
                    and named.end == j
                ):
                    return [named], named.start  # "Ukraine's foreign minister, Andriy Dovhan, said"
                if k > sent.start and words[k] == ",":
                    person = actors.at(k - 1)
                    if person is not None and person.end == k and lower[k + 1] in {"which", "who"}:
                        return [person], person.start  # "the EU, which Cyprus joined in 2004, said"
                    if (
                        person is not None
                        and person.actor.kind == PERSON
                        and person.end == k
                        and self._opens_clause(doc, person, sent)
                    ):
                        return [person], person.start  # "..., Sidi Ali, the front's envoy, told the BBC"
                    main = self._main_subject(doc, sentence(doc, sent.start, k), k, actors)
                    if main:
                        return self._coordinated(doc, sent, main[0], actors), main[0].start
                    jumps += 1
                    j = k - 1
                    continue
                break
            if word in UNNAMED_SOURCE:
                j -= 1
                continue
            if word in GAP or words[j] in {"(", ")"} or (words[j][:1].isdigit() and len(words[j]) <= 4):
                j -= 1
                continue
            if word in PLURAL_SPEAKERS or word in self.official_heads:
                j -= 1
                continue
            break
        return [], v

    def _phrase_start(self, doc: Doc, sent: Sentence, start: int) -> int:
        """Where the speaker's noun phrase begins: "Malaysian Prime Minister Anwar Ibrahim" starts at
        "Malaysian", "a senior Hamas official" at "a"."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        phrase_words = self.phrase_words
        while (
            start > sent.start
            and (
                words[start - 1][:1].isupper()
                or lower[start - 1] in phrase_words
                # "Qatar's Minister of State X", "the Secretary of State X": "'s" and "of" inside a title
                or (
                    lower[start - 1] in {"of", "'s", "’s"}
                    and start - 2 >= sent.start
                    and words[start - 2][:1].isupper()
                )
            )
        ):
            if words[start - 1] in QUOTE_CLOSE or words[start - 1] in {",", "."}:
                break
            start -= 1
        return start

    def _verb_subject_before(
        self, doc: Doc, sent: Sentence, i: int, actors: DocActors, floor: int | None = None
    ) -> list[Mention]:
        """The subject of the last finite verb before a participle (after token `floor`, if given):
        "a demand the army has dismissed, saying ..." -> the army; "Hamas on Tuesday dismissed the
        plan, saying ..." -> Hamas."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        for k in range(i - 1, sent.start if floor is None else max(sent.start, floor), -1):
            if words[k] in QUOTE_CLOSE or words[k] in {";", ":"}:
                break
            if not (lower[k].endswith("ed") or lower[k] in {"told", "said", "says", "made", "held", "gave"}):
                continue
            j = k - 1
            while j >= sent.start and lower[j] in BEFORE_VERB:
                j -= 1
            mention = actors.at(j) if j >= sent.start else None
            if (
                mention is not None
                and mention.end - 1 == j
                and not self._after_preposition(doc, mention, sent)
            ):
                return [mention]
        return []

    def _member_before(self, doc: Doc, mention: Mention, sent: Sentence, actors: DocActors) -> Mention | None:
        """The person named right before "of (the) <organisation>": "Gerardo Blyde of the Unitary
        Platform"."""
        lower = table(doc).lower
        k = mention.start - 1
        if k > sent.start and lower[k] == "the":
            k -= 1
        if k <= sent.start or lower[k] != "of":
            return None
        person = actors.at(k - 1)
        return person if person is not None and person.actor.kind == PERSON and person.end == k else None

    def _opens_clause(self, doc: Doc, mention: Mention, sent: Sentence) -> bool:
        """Whether a name opens its clause: after a quotation, a comma or the sentence's start, titles
        and the words naming them aside ("Polisario envoy Sidi Ali", not "led by General Ali")."""
        tokens = table(doc)
        k = mention.start - 1
        while k >= sent.start and (tokens.lower[k] in self.phrase_words or tokens.text[k][:1].isupper()):
            k -= 1
        return k < sent.start or tokens.text[k] in QUOTE_CLOSE or tokens.text[k] in {",", '"'}

    def _after_preposition(self, doc: Doc, mention: Mention, sent: Sentence) -> bool:
        lower = table(doc).lower
        k = mention.start - 1
        while k >= sent.start and lower[k] in {"the", "a", "an", "two", "several", "some"}:
            k -= 1
        if k < sent.start or lower[k] not in NOUN_PREPOSITIONS:
            return False  # "It comes after Hamas said ...": after, before, as, since open a clause here
        # "officials in the resistance group said": the officials speak for the group
        return not (k - 1 >= sent.start and lower[k - 1] in self.speaking_for)

    def _coordinated(self, doc: Doc, sent: Sentence, mention: Mention, actors: DocActors) -> list[Mention]:
        """ "Saudi Arabia and the United States said": every actor of a coordinated subject."""
        lower = table(doc).lower
        group = [mention]
        k = mention.start - 1
        while k > sent.start and mention.how != "pronoun":  # "Georgian troops, he said, must ...": no list
            while k > sent.start and lower[k] == "the":
                k -= 1
            if lower[k] not in {"and", ","} or (lower[k] == "," and len(group) == 1):
                break  # "her Ugandan counterpart, Wanjiru said": no list ends without "and"
            other = actors.at(k - 1)
            if other is None or other.end != k:
                break
            group.insert(0, other)
            k = other.start - 1
        return group

    def _inverted(self, doc: Doc, sent: Sentence, v: int, actors: DocActors) -> list[Mention]:
        """ "“...,” said the Egyptian source": the speaker after the verb."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        if v == sent.start or lower[v].endswith("ing") or not (  # "“...,” accusing the group": no speaker
            words[v - 1] in QUOTE_CLOSE
            or (words[v - 1] == "," and v - 2 >= sent.start and words[v - 2] in QUOTE_CLOSE)
        ):
            return []
        for k in range(v + 1, min(v + 4, sent.end)):
            mention = actors.at(k)
            if mention is not None and mention.start == k:
                # "said Hamas official Mahmoud Saleh": the person the title introduces speaks
                nxt = actors.at(mention.end)
                if nxt is not None and nxt.start == mention.end and nxt.actor.kind == PERSON:
                    return [nxt]
                return [mention]
            if lower[k] not in {"the", "a", "an"}:
                break
        return []

    def _main_subject(self, doc: Doc, sent: Sentence, limit: int, actors: DocActors) -> list[Mention]:
        tokens = table(doc)
        lower = tokens.lower
        for mention in actors.between(sent.start, limit):
            if mention.start > sent.start and tokens.norm[mention.start - 1] in self.speech:
                return []  # "Putin blamed Kiev for ..., saying ...": the one blamed; the subject is unknown
            possessive = mention.how == "pronoun" and lower[mention.start] in {"its", "their"}
            if possessive and mention.actor.kind != PERSON:
                continue
            if not self._after_preposition(doc, mention, sent) and not (
                mention.end < len(lower) and lower[mention.end] in {"'s", "’s"}
            ):
                return [mention]
        return []

    def _quoted_as(self, doc: Doc, sent: Sentence, actors: DocActors) -> Mention | None:
        """ "The agency quoted a rebel official as blaming the army ...": the one quoted."""
        lower = table(doc).lower
        for i in range(sent.start, sent.end - 2):
            if lower[i] == "quoted":
                for k in range(i + 1, min(i + 6, sent.end)):
                    mention = actors.at(k)
                    if mention is not None:
                        if mention.end < sent.end and lower[mention.end] in {"as", "that", "who"}:
                            return mention
                        break
        return None

    def _statement_before(self, doc: Doc, sent: Sentence, v: int) -> bool:
        return v - 1 >= sent.start and table(doc).lower[v - 1] in {"statement", "communique", "document"}

    def _according(self, doc: Doc, sent: Sentence, i: int, actors: DocActors) -> SaidClaim | None:
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        mention = next(
            (
                m
                for m in actors.between(i + 2, min(i + 10, sent.end))
                if not (m.end < sent.end and lower[m.end] in {"'s", "’s"})
            ),
            None,
        )
        if mention is None or any(words[k] in {",", "."} for k in range(i + 2, mention.start)):
            return None
        first = _first_content(doc, sent)
        if i > first + 2 and words[i - 1] == ",":
            return SaidClaim([mention], first, i - 1, False, sent, "attribution.according")
        comma = next((k for k in range(mention.end, sent.end) if words[k] == ","), None)
        if i <= first + 1 and comma is not None:
            return SaidClaim(
                [mention], comma + 1, _strip_end(doc, sent.end, sent), False, sent, "attribution.according"
            )
        return None

    # -- claim boundaries -------------------------------------------------------------------------

    def _claim_start(self, doc: Doc, actors: DocActors, i: int, sent: Sentence) -> int:
        """Skip the hearer ("told Reuters", "told reporters"), adverbials and "that" after the verb."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        limit = min(sent.end, i + 16)
        for k in range(i, limit):
            if lower[k] == "that":
                return k + 1
            if not (
                lower[k] in GAP
                or lower[k] in self.hearers
                or lower[k] in BEFORE_CLAIM
                or words[k][:1].isupper()
                or actors.at(k) is not None
                or words[k].isdigit()
            ):
                break
        k = _skip_adverbials(doc, i, sent.end)
        k += k < sent.end and lower[k] == "that"  # "said this month that ..."
        mention_end = None
        while k < sent.end:
            if lower[k] in {"in", "at", "from"} and k + 1 < sent.end and words[k + 1][:1].isupper():
                k += 2  # "said in Kyiv: ..."
                continue
            if words[k] in {":", ","} or lower[k] in self.hearers:
                k = _skip_adverbials(doc, k + 1, sent.end)
                continue
            span = tokens.span_text(k, k + 5).lower()
            hearer = self._hearer_opening(span)
            if hearer:
                k += len(hearer.split())
                continue
            outlet_at = k + (lower[k] == "the")  # "told the BBC the group was ..."
            if (
                mention_end is None
                and outlet_at < sent.end
                and words[outlet_at][:1].isupper()
                and k == i
                and actors.at(outlet_at) is not None
            ):
                m = actors.at(outlet_at)
                if "NewsOutlet" in m.actor.classes:
                    mention_end = m.end
                    k = m.end
                    continue
            break
        return k

    def _hearer_opening(self, text: str) -> str | None:
        """The hearer `text` starts with ("reporters", "state television"), if any."""
        if not text.startswith(self.hearer_forms):
            return None
        return next(h for h in self.hearer_forms if text.startswith(h))

    def _claim_end(self, doc: Doc, start: int, sent: Sentence, inside) -> int:
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        end = _strip_end(doc, sent.end, sent)
        for k in range(start + 1, end):
            if inside[k] is not None:
                closes = inside[k][1] == k + 1 and words[k - 1] == ","
                if closes and k + 1 < end and lower[k + 1] in CUT_PARTICIPLES:
                    return k + 1  # "... was “not unlimited,” accusing the group of ...": the quote's comma
                continue
            if (
                words[k] == ","
                and k + 1 < end
                and (
                    lower[k + 1] in CUT_PARTICIPLES
                    or (lower[k + 1] == "according" and k + 2 < end and lower[k + 2] == "to")
                )
            ):
                return k
            if words[k] == ";" and k + 2 < end:
                other = doc._.actors.at(k + 1 + (lower[k + 1] == "the"))
                if other is not None and other.end < end and self._is_speech_verb(doc, other.end, sent):
                    return k  # "X says the talks failed; Y says they succeeded": another speaker's claim
            if words[k] == "," and k + 2 < end and lower[k + 1] in {"while", "whereas"}:
                other = doc._.actors.at(k + 2 + (lower[k + 2] == "the"))
                if other is not None and other.start > k + 1:
                    return k  # "..., while Pyongyang has demanded ...": another party's clause
            verb = k + 1
            while verb < end - 1 and lower[verb] in AUXILIARIES:
                verb += 1  # "... and has said"
            if lower[k] in {"but", "and"} and verb < end and self._is_speech_verb(doc, verb, sent):
                return k - (words[k - 1] == ",")
            if (
                lower[k] in {"but", "and"}
                and (words[k - 1] == "," or lower[k] == "but")
                and k + 1 < end
                and tokens.norm[k + 1] in self.coordinated_verbs
            ):
                return k - (words[k - 1] == ",")  # "..., and accused Kyiv of ...": a new verb
        return end

    def _trailing(self, doc: Doc, v: int, sent: Sentence) -> bool:
        """After "..., X said" only adverbials or a participle follow, not a clause of its own."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        end = _strip_end(doc, sent.end, sent)
        k = self._past_adverbials(doc, v, end)
        return k >= end or words[k] == "," or (k + 1 < end and lower[k] in TRAILING_ADVERBIALS)

    def _resumes_at(self, doc: Doc, v: int, sent: Sentence) -> tuple[int, int] | None:
        """Where the claim goes on after an attribution set inside it between commas ("Georgian troops,
        he said, must go back ..."), if it does, and where it must end at the latest: before a second
        report (", and he blamed ..."); not before a participle ("..., he said, adding ...")."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        end = _strip_end(doc, sent.end, sent)
        k = self._past_adverbials(doc, v, end)
        if k + 2 >= end or words[k] != "," or lower[k + 1] in NOT_RESUMING:
            return None
        report = next((i for i in range(k + 1, end) if tokens.norm[i] in self.speech), None)
        if report is None:
            return k + 1, end
        # "..., X said, must reopen first, and it blamed ...": the claim ends at the last comma before
        # the second report; with none, the report may be the claim's own verb ("..., he said, was told")
        cut = max((i for i in range(k + 1, report) if words[i] in {",", ";"}), default=None)
        if cut is None or cut - (k + 1) < 3:
            return None
        return k + 1, cut

    def _past_adverbials(self, doc: Doc, v: int, end: int) -> int:
        """The first token after the verb at v that is not an adverbial, a hearer or a name."""
        tokens = table(doc)
        words, lower = tokens.text, tokens.lower
        k = v + 1
        while k < end and (
            lower[k] in GAP or lower[k] in self.hearers or words[k].isdigit() or words[k][:1].isupper()
        ):
            k += 1
        return k

    def _continuation(self, doc: Doc, sent: Sentence, quotes, last: SaidClaim | None) -> SaidClaim | None:
        """A sentence that is all quote, right after a quoted speaker: the same speaker goes on."""
        if last is None:
            return None
        first = _first_content(doc, sent)
        if table(doc).text[first] not in QUOTE_OPEN:
            return None
        quote = next((q for q in quotes if q[0] == first), None)
        end = _strip_end(doc, sent.end, sent)
        if quote is None or quote[1] < end - 1:
            return None  # not all quote
        evidence = sent
        if quote[1] > sent.end:
            # a quote over several sentences: it goes on with the same speaker unless its last
            # sentence names one ("... together," Patino told Reuters)
            closing = sentence_of(doc, quote[1] - 1)
            words = table(doc).norm[quote[1] : closing.end]
            if any(w in self.speech for w in words):
                return None
            evidence = sentence(doc, sent.start, closing.end)
        return SaidClaim(last.speakers, quote[0] + 1, quote[1] - 1, True, evidence, "attribution.continued")


ADVERBS = frozenset(
    "also later earlier again repeatedly previously publicly then further separately still yesterday "
    "today recently too however meanwhile now already once privately openly bluntly flatly firmly "
    "simply".split()
)
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday week weekend month year night morning "
    "afternoon evening day days weeks months time".split()
)
# the words that open a time or setting adverbial ("on Sunday", "in a televised interview"), and those
# that may come before its noun
ADVERBIAL_OPENERS = frozenset("on last this next earlier late early in at during after".split())
SETTING_WORDS = frozenset(
    "a an the his her its their televised joint written separate brief video nightly radio news press "
    "this last late early".split()
)
SETTINGS = frozenset(
    "statement interview speech post message address briefing conference remarks broadcast communique "
    "letter tweet call meeting session ceremony news".split()
)


# what opens an adverbial after "..., the two sides said": "on Friday", "after a week of talks"
TRAILING_ADVERBIALS = frozenset("in on at after before during following ahead late early".split())


def _skip_adverbials(doc: Doc, k: int, end: int) -> int:
    """Past "also", "on Sunday", "earlier this week", "in a televised interview" after a verb."""
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    while k < end:
        word = lower[k]
        if word in ADVERBS:
            k += 1
            continue
        if word in ADVERBIAL_OPENERS:
            j = k + 1
            while (
                j < end
                and j < k + 6
                and (lower[j] in SETTING_WORDS or lower[j] in TIME_WORDS or like_num(words[j]))
            ):
                j += 1
            if j < end and (lower[j - 1] in TIME_WORDS or lower[j] in SETTINGS):
                k = j + (lower[j] in SETTINGS)
                continue
            if word in {"last", "this", "next", "earlier", "late", "early"} and lower[j - 1] in TIME_WORDS:
                k = j
                continue
        break
    return k


def _quote_follows(doc: Doc, i: int, sent: Sentence) -> bool:
    """Whether a quote opens within the seven tokens after token i, in its sentence."""
    words = table(doc).text
    return any(words[j] in QUOTE_OPEN for j in range(i + 1, min(i + 8, sent.end)))


def _split_and_that(doc: Doc, claim: SaidClaim, inside) -> list[SaidClaim]:
    """ "said A and that B", "said A, but that B": two claims of the same speaker."""
    tokens = table(doc)
    words, lower = tokens.text, tokens.lower
    for k in range(claim.start + 2, claim.end - 2):
        if lower[k] in {"and", "but"} and lower[k + 1] == "that" and inside[k] is None:
            first = SaidClaim(
                claim.speakers,
                claim.start,
                k - (words[k - 1] == ","),
                claim.direct,
                claim.evidence,
                claim.rule,
            )
            second = SaidClaim(claim.speakers, k + 2, claim.end, claim.direct, claim.evidence, claim.rule)
            return [first, *_split_and_that(doc, second, inside)]
    return [claim]


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans [open, close+1) of double-quoted passages; a quote may run over sentences, and an
    unclosed quote ends with its paragraph."""
    tokens = table(doc)
    # only quote marks and line breaks open or close a quote: find their tokens in the text
    marks = sorted({tokens.token_at(m.start()) for m in QUOTE_OR_BREAK.finditer(tokens.source)})
    spans = []
    open_at = None
    for i in marks:
        text = tokens.text[i]
        if "\n" in text and open_at is not None:
            spans.append((open_at, i))
            open_at = None
            continue
        if text == "“" or (text == '"' and open_at is None):
            if open_at is None:
                open_at = i
        elif (text == "”" or text == '"') and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(doc)))
    return spans


def _quote_ending_near(doc: Doc, quotes, subject_start: int, sent: Sentence) -> tuple[int, int] | None:
    for q in quotes:
        near = q[1] <= subject_start and subject_start - q[1] <= 1 and q[1] > sent.start
        if near and table(doc).text[q[1] - 1] in QUOTE_CLOSE:
            return q
    return None


def _opens_sentence(doc: Doc, q: int, sent: Sentence) -> bool:
    return q <= _first_content(doc, sent) or q < sent.start


def _first_content(doc: Doc, sent: Sentence) -> int:
    tokens = table(doc)
    i = sent.start
    while i < sent.end - 1 and (tokens.boiler[i] or tokens.space[i]):
        i += 1
    return i


def _strip_end(doc: Doc, end: int, sent: Sentence) -> int:
    tokens = table(doc)
    while end > sent.start and (tokens.space[end - 1] or tokens.text[end - 1] in {".", "!", "?", ";"}):
        end -= 1
    return end


def _is_quoted(doc: Doc, start: int, end: int) -> bool:
    words = table(doc).text
    return end - start > 2 and words[start] in QUOTE_OPEN and words[end - 1] in QUOTE_CLOSE


def _evidence(doc: Doc, start: int, sent: Sentence) -> Sentence:
    first = sentence_of(doc, start) if start < sent.start else sent
    return sentence(doc, first.start, sent.end)


def _skip_inverted_speaker(speakers: list[Mention], v: int, inverted: bool) -> int:
    return speakers[-1].end - v - 1 if inverted else 0


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" ,.;:-–—\"“”'‘’")


def speaker_of(token: Token) -> Actor | None:
    """The speaker of the claim covering `token`, if it lies inside one (for the position rules)."""
    return speaker_at(token.doc._.claims or [], token.i)


def speaker_at(claims: list[SaidClaim], i: int) -> Actor | None:
    """The speaker of the claim covering token i, if it lies inside one of `claims` (a Doc's
    `Doc._.claims`, read once rather than for every token)."""
    for claim in claims:
        if claim.start <= i < claim.end:
            return claim.speakers[0].actor
    return None


@Language.factory("parley_attribution")
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution()
