"""Positions: who demands, rejects or accepts which condition.

A condition mention (from the SKOS scheme's labels) takes its stance from the nearest stance cue
before it in the same clause ("Hamas wants ...", "Israel has rejected ...", "signed a truce"), or from a
modal right after its subject ("forces must leave Gaza"). The holder is the cue's subject, a possessive
("Hamas's demands to ..."), or, inside reported speech with no subject of its own, the speaker.
Anaphora reach back: "a demand that Israel has rejected" and "ruled out those demands" take the
conditions of the clause or sentence before. A deal's terms ("The accord provides for ...", and the
passage that sets them out: `kg.extract.deals`) are accepted by whoever signed it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.extract.attribution import PASSIVE, SaidClaim, speaker_at
from kg.extract.base import POSSESSIVE, Sentence, add_fact, content_sentences, sentence_of
from kg.extract.deals import DEALS, FOLLOWS, OPENS, DealPassages, future_before
from kg.extract.facts import COUNTRY, PERSON, Actor, Condition
from kg.extract.lexicon import ConditionFinder, ConditionMention
from kg.extract.mentions import DocActors, Mention
from kg.extract.subjects import DESCRIPTION_WORDS, conjunct_before, coordinated_subject, mention_list
from kg.knowledge import load_knowledge
from kg.nlp import TokenTable, cues, table

# who signed the article's deal, as (party, the sentence saying so): set by `parley_positions`
if not Doc.has_extension("signatures"):
    Doc.set_extension("signatures", default=None)

# verbs that pass their subject on: "has refused to accept", "wants to keep", "agreed to free"
CONTROL_VERBS = frozenset(
    "to refuse agree want decide pledge promise vow threaten seek try offer plan intend continue "
    "insist be ready prepared willing keep remain".split()
)
LIST_WORDS = frozenset("and , or the a an of all its their full complete".split())
MODAL_EXISTENCE = frozenset(
    "be take come begin start happen precede hold remain go open reopen resume".split()
)
MODALS = {"must", "should", "have", "has", "had"}
FRAMING = frozenset(
    "conditions terms plan proposal talks negotiations framework roadmap efforts push bid hopes calls".split()
)
TEMPORAL = {"before", "after", "during", "until", "once", "while"}
NEGATORS = {"not", "never", "n't", "no", "refuse", "refused", "refuses", "refusing", "without"}
SUBJECT_GAP = frozenset(
    "has have had is was are were be been also publicly repeatedly still long always now would will "
    "could can may might must shall only so far thus in principle reluctantly effectively previously earlier "
    "later already firmly flatly consistently reportedly apparently ' ’ ‘ then therefore however , "
    "for its their part on monday tuesday wednesday thursday friday saturday sunday last week both "
    "all two sides kept keeps continued continues began started indeed again turn meanwhile too "
    "instead".split()
)
# what may follow a name in a subject: "LRA rebels", "Houthi fighters"
SUBJECT_TAILS = frozenset("rebels guerrillas militants fighters insurgents militia group movement".split())
# what may stand between "and" and the second of two holders: "X and rebel leader Y signed"
GROUP_GAP = DESCRIPTION_WORDS | {"the", "leader", "chief", "commander", "president", "minister", "prime"}
CLAUSE_BREAKS = {";", ":"}
BREAK_WORDS = {"while", "whereas", "but", "although", "though"}
BREAKING = frozenset(BREAK_WORDS | {"saying", "adding"})
QUOTE_MARKS = frozenset({"“", "”", '"'})
AFTER_COMMA_BREAKS = frozenset({"which", "who", "saying", "adding", "according", "as"})
ANAPHORA = {"it", "them", "those", "these", "such", "this", "that"}
CLAUSE_OPENERS = frozenset("the a an it he she they we i its their his her there".split())
PARTY_NOUNS = frozenset("sides parties countries delegations leaders negotiators governments".split())
LEADERS_BODIES = frozenset("government administration cabinet office party camp".split())
# the people a person leads: "his delegation", "her negotiators", "his fighters"
ENTOURAGE = frozenset("delegation negotiators team envoys forces fighters troops men".split())
PLACE_MODIFIERS = frozenset(
    "the northern southern eastern western central occupied neighbouring neighboring".split()
)
# "has made X a precondition for ...", "made recognition the price of ..."
MADE_CONDITIONS = {"condition", "precondition", "prerequisite", "requirement", "price"}
# "disarmament is non-negotiable", "a withdrawal was out of the question": a judgement on the condition
COPULAS = frozenset(
    "is was are were remains remained remain be been has had would will 's still simply quite".split()
)
THEY = frozenset({"they", "them", "their"})
# "not clear whether X would agree", "denied reports that it had agreed": no stance taken
HEDGES = frozenset({"whether", "if", "denied", "denies", "deny", "denying"})
COMMITTING = frozenset({"commit", "bind", "oblige", "obligate"})  # "a declaration committing both sides to"
# what someone who signs "as a witness" is: not a party to the deal
WITNESS_ROLES = frozenset(
    "witness witnesses guarantor guarantors observer observers mediator mediators facilitator "
    "facilitators".split()
)
SIGNATORY_WORDS = frozenset({"signatory", "signatories"})  # "the signatory groups agree to"
GROUP_NOUNS = frozenset({"groups", "movements", "factions", "rebels"})
# "X and Y signed on Monday", "Habyarimana signed first"
BARE_SIGNING = frozenset({"on", "in", "at", "for", "it", ",", ".", "first", "second", "last", "too"})
# what may stand between "signed" and "by": "signed in Luanda on Thursday by X"
AGENT_GAP = frozenset({"on", "in", "at", "the", "a", "an", "late", "early", "this", "last"})
# "had not signed", "is expected to sign": no signature yet
UNSIGNED = NEGATORS | HEDGES | {"would", "will", "to", "may", "might", "could", "be", "been", "if"}
# "disarmament had been the government's central demand"
OWNED_DEMANDS = frozenset("demand condition precondition priority goal aim".split())
# "Hamas's key demand": words between an owner and its demand
DEMAND_ADJECTIVES = frozenset("key main chief central core principal primary first last latest new".split())
OWNER_OPENERS = DEMAND_ADJECTIVES | {"a", "an", "the"}  # "a key Taliban demand"
# "would not free the people it holds": verbs that open a condition, in their base form
NEGATABLE_VERBS = frozenset(
    "free release withdraw disarm lay leave accept give hand surrender pull lift open end stop allow return "
    "recognise recognize".split()
)
# "will not sign anything without security guarantees", "no deal unless the army withdraws"
CONDITIONAL_LINKS = frozenset({"without", "unless", "until"})
REFUSALS = frozenset({"not", "n't", "never", "no", "refuse", "refuses", "refused", "refusing"})
REFERRING_NOUNS = frozenset(
    "demand demands condition conditions terms proposal offer plan call calls".split()
)
# "only if the army withdraws", "on condition that ...": what follows is the speaker's condition
PROVISOS = (
    ("only", "if"), ("only", "once"), ("only", "after"), ("only", "when"), ("provided", "that"),
    ("providing", "that"), ("on", "condition", "that"), ("as", "long", "as"), ("in", "exchange", "for"),
    ("in", "return", "for"),
)  # fmt: skip
PROPOSALS = frozenset({"plan", "proposal", "framework", "roadmap"})
# what an offer can be called before what it does: "any proposal that brings an end to ..."
PROPOSAL_NOUNS = frozenset("proposal proposals deal agreement offer plan arrangement clause".split())
# what a refusal can be of, with what it lacks after it: "will not accept any settlement that does not ..."
SETTLEMENTS = PROPOSALS | frozenset(
    "deal agreement accord settlement treaty arrangement text offer solution protocol draft memorandum "
    "formula".split()
)
NEGATIONS = frozenset({"not", "never", "n't"})
LACKING = NEGATIONS | {"fails", "failed", "fail"}
# inflections of a noun cue that are another verb: "Iran's call to lift sanctions", not "called to say"
VERB_FORMS_NO_CUE = frozenset({("called", "to"), ("calling", "to")})
SUPPORT_VERBS = frozenset({"backed", "backs", "supported", "supports"})  # "Russia backs Iran's call for"
# what ends a modal's reach before a condition: "must leave before talks on enrichment"
REACH_BREAKS = TEMPORAL | {"if", "unless", "than", "and", "or", "but", "not", "no"}
# what the words before a verb in the past make undone ("if Israel released", "had not freed"), passive
# ("until Hamas is eliminated") or part of another clause ("the deal under which Libya gave up ...")
UNDONE = NEGATORS | HEDGES | TEMPORAL | COPULAS | {"if", "unless", "would", "could", "should", "to", "which"}
IRREGULAR_PASTS = frozenset({"withdrew", "freed", "laid", "gave", "began", "froze", "let"})
# "a truce agreed by both sides", "a plan accepted by Hamas"
AGREED_PARTICIPLES = frozenset("agreed accepted endorsed approved signed".split())
# what refers back to the conditions before it: "a demand the government rejected", "demands Israel has
# refused", "something Kiev has refused to do"
ANTECEDENT_NOUNS = frozenset("demand demands condition conditions proposal something".split())
# what a list after a colon can be announced as: "Hamas's conditions are clear: ..."
LISTED_DEMANDS = frozenset("demands conditions preconditions terms priorities".split())
NUMBER_WORDS = frozenset("two three four five six several".split())
# lowercase words that are not the verb of a clause: "of their demands", "and their call"
NOT_VERBS = frozenset(
    "of to on for with in by from at about and or but the a an all over against despite without".split()
)
DEMAND_NOUNS = {"demand", "demands", "call", "calls", "condition", "conditions", "insistence"}

T = TypeVar("T", ConditionMention, "Cue")  # what _inside selects


@dataclass
class Cue:
    start: int
    end: int
    stance: str  # demands | rejects | accepts


class Positions:
    """The `parley_positions` component."""

    def __init__(self, nlp: Language) -> None:
        knowledge = load_knowledge()
        self.conditions = ConditionFinder.from_knowledge(nlp, knowledge)
        # A cue in its base form matches every inflection ("reject": rejected, rejects); any other form
        # matches as written ("willing" must not match "will", whose lemma it shares in the tables).
        self.cues = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact_cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        from kg.extract.lexicon import _norm_pipeline

        base = _norm_pipeline(nlp)
        self.judgements = [
            (tuple(phrase.split()), stance)
            for stance, phrases in cues()["judgements"].items()
            for phrase in phrases
        ]
        self.passages = DealPassages()
        self.signing = frozenset(cues()["signing_verbs"])
        self.signing_phrases = [tuple(phrase.split()) for phrase in cues()["signing_phrases"]]
        firsts = {phrase[0] for phrase in self.signing_phrases}
        self.signing_starts = self.signing | firsts | {word + "s" for word in firsts}  # "puts their names to"
        for stance, phrases in cues()["stance"].items():
            docs = [base(p) for p in phrases]
            self.cues.add(stance, [d for d in docs if all(t.norm_ == t.lower_ for t in d)])
            self.exact_cues.add(stance, [d for d in docs if not all(t.norm_ == t.lower_ for t in d)])

    def __call__(self, doc: Doc) -> Doc:
        actors: DocActors = doc._.actors
        self._claims: list[SaidClaim] = doc._.claims or []
        found = [c for c in self.conditions(doc) if not _modifier(doc, c)]
        cues = self._stance_cues(doc)
        found_starts, cue_starts = [c.start for c in found], [c.start for c in cues]
        previous_conditions: list[tuple[str, Actor | None]] = []  # the last sentences' conditions
        self.last_holder: Actor | None = None  # who made the last demand ("the document calls for")
        self._holder_mention: Mention | None = None
        self._signers: list[Actor] | None = None  # who signed the article's deal
        self._signatories(doc, actors)  # and Doc._.signatures, which the talks read
        self._passages = self.passages(doc) if found else {}  # the sentences that set out a deal's terms
        for sent in content_sentences(doc, headline=True):
            conds = _inside(found, found_starts, sent)
            sent_cues = _inside(cues, cue_starts, sent)
            if not conds and not sent_cues:
                continue  # nothing to take a stance on, and no cue to refer back with
            taken: list[tuple[str, Actor | None]] = []
            for cond in conds:
                for stance, holder, rule in self._stances(doc, sent, cond, sent_cues, actors, conds):
                    for one in self._group(doc, holder, actors) if holder is not None else ():
                        add_fact(doc, stance, one, Condition(cond.label), sent, rule)
                        if stance == "demands":
                            taken.append((cond.label, holder))
                            self.last_holder = holder
            self._anaphora(doc, sent, sent_cues, actors, previous_conditions, conds)
            if conds:
                previous_conditions = (previous_conditions + (taken or [(c.label, None) for c in conds]))[-8:]
        return doc

    def _stance_cues(self, doc: Doc) -> list[Cue]:
        """The Doc's stance cues, the longest where two overlap, in order."""
        lower = table(doc).lower
        matches = [
            (m, s, e) for m, s, e in self.cues(doc) if tuple(lower[s:e]) not in VERB_FORMS_NO_CUE
        ] + list(self.exact_cues(doc))
        strings = doc.vocab.strings
        # filter_spans reads only .start and .end
        return sorted(filter_spans([Cue(s, e, strings[m]) for m, s, e in matches]), key=lambda c: c.start)

    def _stances(
        self,
        doc: Doc,
        sent: Sentence,
        cond: ConditionMention,
        sent_cues: list[Cue],
        actors: DocActors,
        conds: list[ConditionMention],
    ) -> list[tuple[str, Actor | None, str]]:
        result = []
        self._holder_mention = None  # set by the holder lookups below, read by _group for this condition
        # "forces must leave Gaza", "a ceasefire must be in place": a modal on the condition itself
        lower = table(doc).lower
        window_end = min(cond.end + 2, sent.end)
        modal = next((k for k in range(cond.start, window_end) if lower[k] in {"must", "should"}), None)
        if modal is not None and modal >= cond.end:
            # "a ceasefire must be in place first" wants the ceasefire; "any truce must address the root
            # causes" puts a condition on it
            after = lower[modal + 1] if modal + 1 < sent.end else ""
            if after not in MODAL_EXISTENCE:
                modal = None
        agreed = self._agreed_that(doc, sent, cond.start) if modal is not None else None
        if agreed is not None:
            return self._agreed(doc, sent, agreed, actors)  # "agreed that the disarmament must be ..."
        if modal is not None:
            speaker = self._speaker(modal)
            holder = speaker or self._clause_subject(doc, sent, cond.start, actors)
            if holder is not None and speaker is None and sent.start in self._passages:
                return [("accepts", holder, "position.deal")]  # "Under the deal, the US must withdraw ..."
            if holder is not None:
                return [("demands", holder, "position.modal")]
            self._holder_mention = None
        agreed_by = self._agreed_by(doc, sent, cond, actors)
        if agreed_by:  # "the release of 900 detainees, agreed by the Houthis and the government"
            return [("accepts", one.actor, "position.agreed-by") for one in agreed_by]
        judged = self._judgement(doc, sent, cond, actors)
        if judged is not None:
            return [judged]
        link, refusal = self._conditional(doc, sent, cond)
        if refusal is not None:
            holder = self._clause_subject(doc, sent, refusal, actors) or self._speaker(cond.start)
            return [("demands", holder, "position.conditional")] if holder is not None else []
        if link is not None and lower[link] == "without":
            return []  # "agreed to a truce without a withdrawal": what is left out is not agreed to
        proviso = self._proviso(doc, sent, cond)
        if proviso is not None:
            holder = (
                self._clause_subject(doc, sent, proviso, actors)
                or self._speaker(cond.start)
                or main_subject(doc, replace(sent, end=proviso), actors)
            )
            return [("demands", holder, "position.conditional")] if holder is not None else []
        negated = self._negated_condition(doc, sent, cond)
        if negated and cond.label == "proposal-acceptance":
            return []
        if negated:
            # "X threatened to quit if Hamas is not disarmed": a threat, whose maker wants it done
            window = lower[max(sent.start, cond.start - 4) : cond.start]
            if "if" in window:
                threat = cond.start - 1 - window[::-1].index("if")  # the "if" nearest the condition
                holder = (
                    self._speaker(cond.start)
                    or main_subject(doc, replace(sent, end=threat), actors)
                    or self._clause_subject(doc, sent, threat, actors)
                )
                return [("demands", holder, "position.negated")] if holder is not None else []
            holder = self._clause_subject(doc, sent, negated, actors) or self._speaker(cond.start)
            return [("rejects", holder, "position.negated")] if holder is not None else []
        made = self._made_a_condition(doc, sent, cond)
        if made is not None:
            holder, _ = self._subject_or_shared(doc, sent, made, actors)
            return [("demands", holder, "position.made-condition")] if holder is not None else []
        listed = self._listed_demand(doc, sent, cond, sent_cues, actors)
        if listed is not None:
            return [("demands", listed, "position.listed")]
        if self._deal_terms(doc, sent, cond):
            # "The accord also provides for the release of all prisoners"
            return [("accepts", one, "position.deal-terms") for one in self._signatories(doc, actors)]
        cue = self._governing_cue(doc, sent, cond, sent_cues, conds)
        # Proposal acceptance is always another party's: "it is for the rebels to accept it" is wanted by the
        # speaker, while "we will not accept any agreement that ..." rejects that agreement.
        proposal = cond.label == "proposal-acceptance"
        if proposal and cue is not None and self._polarity(doc, cue, sent) != "demands":
            return result
        if (cue is None or lower[cue.start] in MODALS) and self._sets_out_terms(doc, sent, cond):
            # "Under the deal, the MNDAA will withdraw its fighters from Lashio": what a party will do;
            # "Under the deal, a ceasefire takes effect on Monday" and, later in the paragraph, "Both
            # armies will pull back": what its signatories agreed to
            holder = self._clause_subject(doc, sent, cond.start, actors)
            subject = self._holder_mention
            the_deal = subject is not None and subject.how == "pronoun" and lower[subject.start] == "it"
            if holder is not None and not the_deal:  # "It promises ...": the deal, not an actor
                return [("accepts", holder, "position.deal")]
            return [("accepts", one, "position.deal-terms") for one in self._signatories(doc, actors)]
        if cue is None and self._both_will(doc, sent, cond, actors):
            return [("accepts", self._holder_mention.actor, "position.deal")]  # "Both armies will pull back"
        if cue is None and self._done(doc, sent, cond):
            # "Russia and Ukraine exchanged 450 prisoners": what a party did, it agreed to
            holder = self._clause_subject(doc, sent, cond.start, actors)
            return [("accepts", holder, "position.done")] if holder is not None else []
        if cue is None:
            own = cond.start > sent.start and lower[cond.start - 1] in {
                "we",
                "i",
                "have",
                "has",
                "had",
            }
            if cond.label == "proposal-acceptance" and self._speaker(cond.start) is not None and not own:
                # "It is now up to the rebels to do the same": whoever says so wants the proposal accepted
                return [("demands", self._speaker(cond.start), "position.proposal")]
            return result
        before = lower[max(sent.start, cond.start - 3) : cond.start]
        if any(w in TEMPORAL for w in before) and lower[cue.start] not in TEMPORAL | {"unless"}:
            return result  # "a ceasefire must be in place before hostages are freed"
        # the cue itself frames nothing: "Hamas calls for a ceasefire", "will push for a truce"
        window = range(max(sent.start, cond.start - 5), cond.start)
        framing = [lower[k] for k in window if not cue.start <= k < cue.end]
        if "for" in before and any(w in FRAMING for w in framing):
            # "its conditions for a full ceasefire", "dismissed the plan for a truce" (not the truce): the
            # cue frames the condition; but "accepted a proposal for a ceasefire" accepts the ceasefire
            proposed = {w for w in framing if w in FRAMING} <= PROPOSALS
            if not proposed or self._polarity(doc, cue, sent) != "accepts":
                return result
        stance = self._polarity(doc, cue, sent)
        if stance is None:
            return result
        if stance == "accepts" and self._proposal_between(doc, cue.end, cond.start):
            stance = "demands"  # "ready to respond positively to any proposal that brings an end to ..."
        elif stance == "rejects" and self._lacking(doc, cue.end, cond.start):
            stance = "demands"  # "will not accept any agreement that does not include a withdrawal"
        elif stance == "rejects" and self._proposal_between(doc, cue.end, cond.start, {"under", "in"}):
            return result  # "refused any arrangement under which ...": the arrangement is what is rejected
        if self._commits_the_signatories(doc, sent, cue):
            # "It commits the signatories to a permanent ceasefire"
            return [("accepts", one, "position.deal-terms") for one in self._signatories(doc, actors)]
        committed = self._committed_object(doc, sent, cue, actors)
        if committed is not None:
            return [("accepts", committed, "position.committed")]
        agreed = self._agreed_that(doc, sent, cue.start) if lower[cue.start] in MODALS else None
        if agreed is not None:
            return self._agreed(doc, sent, agreed, actors)  # "agreed that Tigrayan forces must disarm"
        if lower[cue.start] in MODALS:
            # "X said Cambodia must withdraw its troops": X wants it; Cambodia is the one that must act
            speaker = self._speaker(cue.start)
            return [("demands", speaker, "position.modal")] if speaker is not None else []
        holder, rule = self._holder(doc, sent, cue, actors)
        if holder is None and stance == "accepts" and self._signatories_subject(doc, sent, cue):
            # "the signatories agree to a ceasefire"; "the signatory groups": not the government
            groups = not GROUP_NOUNS.isdisjoint(lower[max(sent.start, cue.start - 4) : cue.start])
            signed = [one for one in self._signatories(doc, actors) if not (groups and one.kind == COUNTRY)]
            return [("accepts", one, "position.deal-terms") for one in signed]
        if holder is None:
            # "The rebels want the army to commit to ...": inner cue without a subject takes the outer one's
            outer = next(
                (
                    c
                    for c in reversed(sent_cues)
                    if c.end <= cue.start and not self._broken(doc, c.end, cue.start)
                ),
                None,
            )
            if outer is not None:
                outer_holder, _ = self._holder(doc, sent, outer, actors)
                if outer_holder is not None:
                    outer_stance = self._polarity(doc, outer, sent) or stance
                    stance = "demands" if "demands" in (stance, outer_stance) else outer_stance
                    if outer_stance == "rejects" and self._settlement_link(doc, outer.end, cue.start):
                        stance = "rejects"  # "objected to a protocol that would require the army to leave"
                    holder, rule = outer_holder, "position.outer"
        relative = cue.start > sent.start and table(doc).lower[cue.start - 1] in {"who", "which", "that"}
        relative = relative or self._other_parties(doc, sent, cue)
        if holder is None and not relative and (stance == "demands" or _in_quote(doc, cue.start)):
            # the speaker holds a position their clause gives no subject; not one of "people who want ..."
            holder = self._speaker(cue.start)
            rule = "position.reported"
        if holder is None and stance == "demands" and self._document_subject(doc, sent, cue.start):
            holder, rule = self.last_holder, "position.document"
        # "calls" is a verb after its subject ("Hamas calls for ..."), a noun after a determiner
        verb = rule == "position.subject" and holder is not None
        demand_noun = lower[cue.start] in DEMAND_NOUNS and stance == "demands" and not verb
        if demand_noun and rule != "position.possessive":
            holder = None  # "Israel rejected the demand for ...": whose demand is not said; not Israel's
        result.append((stance, holder, rule))
        # "'Israel' was rejecting Hamas's demands to ...": the demand noun has its own holder
        if demand_noun:
            outer = next(
                (
                    c
                    for c in reversed(sent_cues)
                    if c.end <= cue.start
                    and (c.stance != "demands" or lower[c.start] in SUPPORT_VERBS)
                    and not self._broken(doc, c.end, cue.start)
                ),
                None,
            )
            if outer is not None:
                outer_holder, _ = self._holder(doc, sent, outer, actors)
                outer_stance = self._polarity(doc, outer, sent)
                if outer_holder is not None and outer_stance:
                    result.append((outer_stance, outer_holder, "position.nested"))
        return result

    def _judgement(
        self, doc: Doc, sent: Sentence, cond: ConditionMention, actors: DocActors
    ) -> tuple[str, Actor, str] | None:
        """ "Ethiopia said disarmament was non-negotiable", "a withdrawal is out of the question for
        Moscow": the condition judged wanted or refused by whoever says so, or by the one it is "for";
        "disarmament had been the government's central demand": wanted by the demand's owner."""
        lower = table(doc).lower
        k = cond.end
        while k < min(sent.end, cond.end + 3) and lower[k] in COPULAS:
            k += 1
        if k == cond.end:
            return None
        # "the government's central demand", "a key Taliban demand"
        j = k
        while j < sent.end - 1 and lower[j] in OWNER_OPENERS:
            j += 1
        owner = actors.at(j)
        if owner is not None and owner.start >= k and owner.end + 1 < sent.end:
            j = owner.end + (lower[owner.end] in POSSESSIVE)
            while j < sent.end - 1 and lower[j] in DEMAND_ADJECTIVES:
                j += 1
            if lower[j] in OWNED_DEMANDS:
                return ("demands", owner.actor, "position.judgement")
        for words, stance in self.judgements:
            end = k + len(words)
            if tuple(lower[k:end]) != words or end > sent.end:
                continue
            owner = actors.at(end + 1) if end + 1 < sent.end and lower[end] == "for" else None
            holder = owner.actor if owner is not None else self._speaker(cond.start)
            return (stance, holder, "position.judgement") if holder is not None else None
        return None

    def _conditional(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> tuple[int | None, int | None]:
        """ "will not sign anything without security guarantees", "there can be no deal unless the army
        withdraws": a refusal made conditional on the condition, whose holder therefore demands it.
        Returns the index of the link ("without", "unless", "until") just before the condition, if
        any, and of the refusal before it in the same clause, if any."""
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        before = range(cond.start - 1, max(sent.start, cond.start - 4) - 1, -1)
        link = next((k for k in before if lower[k] in CONDITIONAL_LINKS), None)
        if link is None or any(text[k] in ",;:" for k in range(link, cond.start)):
            return None, None
        for k in range(link - 1, max(sent.start, link - 12) - 1, -1):
            if text[k] in CLAUSE_BREAKS or text[k] == "," or text[k] in QUOTE_MARKS:
                break
            if lower[k] in REFUSALS:
                return link, k
        return link, None

    def _proviso(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> int | None:
        """ "would agree to a truce only if Russia withdrew", "provided that the troops leave": the index
        of the proviso that the condition completes (what it sets is wanted by the clause's subject)."""
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        for k in range(cond.start - 1, max(sent.start, cond.start - 6) - 1, -1):
            if text[k] in ",;:" or text[k] in QUOTE_MARKS:
                return None
            for words in PROVISOS:
                if tuple(lower[k : k + len(words)]) == words:
                    return k
        return None

    def _made_a_condition(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> int | None:
        """ "X has made the withdrawal of troops a condition for ...": the index of "made" when the
        condition is what someone made a (pre)condition."""
        tokens = table(doc)
        after = tokens.lower[cond.end : min(cond.end + 8, sent.end)]
        if not any(
            w in MADE_CONDITIONS and k and after[k - 1] in {"a", "the", "its", "their"}
            for k, w in enumerate(after)
        ):
            return None
        return next(
            (
                k
                for k in range(cond.start - 1, max(sent.start, cond.start - 8) - 1, -1)
                if tokens.norm[k] == "make"
            ),
            None,
        )

    def _agreed_by(
        self, doc: Doc, sent: Sentence, cond: ConditionMention, actors: DocActors
    ) -> list[Mention]:
        """Who a condition is said to be agreed or accepted by, right after it: "a prisoner exchange,
        agreed by the Houthis and the government at talks in Switzerland"."""
        lower = table(doc).lower
        k = cond.end + (cond.end < sent.end and lower[cond.end] == ",")
        if k + 2 >= sent.end or lower[k] not in AGREED_PARTICIPLES:
            return []
        k += 1 + (lower[k + 1] in {"upon", "to", "on"})
        if lower[k] != "by":
            return []
        return mention_list(doc, actors, k + 1, sent)

    def _listed_demand(
        self, doc: Doc, sent: Sentence, cond: ConditionMention, sent_cues: list[Cue], actors: DocActors
    ) -> Actor | None:
        """ "Hamas's conditions had not changed: an end to the war and a full withdrawal": a condition in
        a list after a colon, announced as someone's demands before it; that someone."""
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        back = range(cond.start - 1, max(sent.start, cond.start - 60), -1)
        colon = next((k for k in back if text[k] == ":"), None)
        if colon is None or any(colon < c.start < cond.start for c in sent_cues):
            return None
        if any(text[k] in {";", ":"} or text[k] in QUOTE_MARKS for k in range(colon + 1, cond.start)):
            return None
        for k in range(colon - 1, max(sent.start, colon - 20) - 1, -1):
            if text[k] in {";", ":"} or text[k] in QUOTE_MARKS:
                return None
            if lower[k] not in LISTED_DEMANDS:
                continue
            j = k - 1
            while j > sent.start and lower[j] in DEMAND_ADJECTIVES | NUMBER_WORDS:
                j -= 1
            if lower[j] in POSSESSIVE and j - 1 >= sent.start:
                owner = actors.at(j - 1)  # "Hamas's conditions"
            else:
                owner = actors.at(j)  # "its demands", "their two conditions"
                if owner is None:  # "The Taliban set out two demands"
                    return main_subject(doc, replace(sent, end=j + 1), actors, opening=True)
            return owner.actor if owner is not None else None
        return None

    def _both_will(self, doc: Doc, sent: Sentence, cond: ConditionMention, actors: DocActors) -> bool:
        """ "Both armies will pull back", "The two sides are to free their prisoners": what the two
        parties will do is what they agreed to, unless someone else says it."""
        if self._speaker(cond.start) is not None:
            return False
        subject = self._clause_subject(doc, sent, cond.start, actors)
        pair = self._holder_mention if subject is not None else None
        return (
            pair is not None
            and pair.how == "descriptor"
            and len(pair.actors) >= 2
            and future_before(table(doc).lower, sent.start, cond.start)
        )

    def _done(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> bool:
        """A condition whose words open with a verb in the past ("exchanged prisoners", "lifted the
        blockade"), in no question, condition, negation, passive or perfect."""
        tokens = table(doc)
        word = tokens.lower[cond.start]
        past = word.endswith("ed") or word in IRREGULAR_PASTS
        if not past or word == tokens.norm[cond.start] or cond.label == "proposal-acceptance":
            return False
        before = tokens.lower[max(sent.start, cond.start - 4) : cond.start]
        return not any(w in UNDONE for w in before) and not _asked(tokens, sent, cond.end)

    def _agreed(
        self, doc: Doc, sent: Sentence, agreed: int, actors: DocActors
    ) -> list[tuple[str, Actor | None, str]]:
        """ "Both leaders agreed that X must ..." (the verb at token `agreed`): whoever agreed accepts
        what must be done."""
        holder = self._clause_subject(doc, sent, agreed, actors)
        return [("accepts", holder, "position.agreed")] if holder is not None else []

    def _agreed_that(self, doc: Doc, sent: Sentence, i: int) -> int | None:
        """Where "agreed that" (or "agree that") stands before token i in its sentence."""
        tokens = table(doc)
        return next(
            (
                k
                for k in range(i - 2, sent.start - 1, -1)
                if tokens.norm[k] == "agree" and tokens.lower[k + 1] == "that"
            ),
            None,
        )

    def _sets_out_terms(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> bool:
        """Whether a condition is set out as a term in a deal passage: in the sentence that opens it,
        under a heading, or later in the paragraph saying what will be done, unless someone says it."""
        passage = self._passages.get(sent.start)
        if passage is None or passage != OPENS and self._speaker(cond.start) is not None:
            return False
        return passage != FOLLOWS or future_before(table(doc).lower, sent.start, cond.end)

    def _deal_terms(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> bool:
        """Whether the condition is listed as a deal's term: "the accord (also) provides for ...", "the
        agreement includes ...", in the condition's own clause."""
        lower = table(doc).lower
        for k in range(cond.start - 1, sent.start, -1):
            if lower[k] in CLAUSE_BREAKS or lower[k] in BREAK_WORDS:
                return False
            if self.passages.terms_verb_end(lower, k, cond.start) is None:
                continue
            j = k - 1
            while j > sent.start and lower[j] in {"also", "further", "reportedly", "explicitly"}:
                j -= 1
            if lower[j] == ",":  # "The deal, brokered by X and Y, also provides for ..."
                aside = range(j - 1, max(sent.start, j - 20), -1)
                j = next((c - 1 for c in aside if lower[c] == ","), j)
            return lower[j] in DEALS
        return False

    def _signatories(self, doc: Doc, actors: DocActors) -> list[Actor]:
        """Who signed, reached or accepted a deal in the article ("X and Y signed the accord on Monday",
        "the rebels accepted the agreement"): the parties that a deal's listed terms bind."""
        if self._signers is not None:
            return self._signers
        lower = table(doc).lower
        signers: dict[str, tuple[Actor, Sentence]] = {}
        for sent in content_sentences(doc):
            for i in range(sent.start, sent.end):
                end = self._signing_end(lower, i) if lower[i] in self.signing_starts else None
                if end is None:
                    continue
                after = lower[end : min(sent.end, end + 5)]
                bare = end > i + 1 or lower[i] == "signed" and (not after or after[0] in BARE_SIGNING)
                agents = self._signed_by(doc, sent, i, actors)
                if not bare and not agents and not any(w in DEALS for w in after):
                    continue
                unsigned = UNSIGNED - {"been"} if agents else UNSIGNED  # "had been signed by X and Y"
                if any(w in unsigned for w in lower[max(sent.start, i - 3) : i]):
                    continue
                if self._witness(lower, end, sent):
                    continue
                found = [one for m in agents or coordinated_subject(doc, actors, i, sent) for one in m.actors]
                k = i + 3 if i + 3 < sent.end and lower[i + 2] == "the" else i + 2
                on_behalf = actors.at(k) if k < sent.end and lower[i + 1] == "for" else None
                if on_behalf is not None and on_behalf.actor.kind != PERSON:
                    found = [on_behalf.actor]  # "Cristiani signed for the government"
                elif not found and lower[i - 1] not in PASSIVE:  # "the accord was initialled" names no one
                    holder = self._clause_subject(doc, sent, i, actors)
                    found = self._group(doc, holder, actors) if holder is not None else []
                for one in found:
                    signers.setdefault(one.key, (one, sent))
        self._holder_mention = None
        # a leader signs for a party: the deal binds "the ELN" that "X, the leader of the ELN," signed for;
        # a leader of no known party stands for one unless two parties have signed already
        affiliated = {a.person.actor.key: a.organisation for a in actors.affiliations}
        signed: dict[str, tuple[Actor, Sentence]] = {}
        for key, (one, sent) in signers.items():
            one = affiliated.get(key, one)
            signed.setdefault(one.key, (one, sent))
        doc._.signatures = [(one, sent) for one, sent in signed.values() if one.kind != PERSON]
        parties = [one for one, _ in doc._.signatures]
        self._signers = parties if len(parties) >= 2 else [one for one, _ in signed.values()]
        return self._signers

    def _witness(self, lower: list[str], end: int, sent: Sentence) -> bool:
        """ "signed the accord as a witness", "signed as guarantors": a signature that binds no party."""
        for k in range(end, min(sent.end - 1, end + 8)):
            if lower[k] in CLAUSE_BREAKS or lower[k] == ",":
                return False
            if lower[k] == "as":
                role = lower[k + 1 : min(sent.end, k + 4)]
                return not WITNESS_ROLES.isdisjoint(role)
        return False

    def _signing_end(self, lower: list[str], i: int) -> int | None:
        """Where a signing verb or phrase starting at token i ends ("signed", "put their names to")."""
        if lower[i] in self.signing:
            return i + 1
        for phrase in self.signing_phrases:
            end = i + len(phrase)
            if lower[i] in {phrase[0], phrase[0] + "s"} and tuple(lower[i + 1 : end]) == phrase[1:]:
                return end
        return None

    def _signed_by(self, doc: Doc, sent: Sentence, i: int, actors: DocActors) -> list[Mention]:
        """The agents of a passive signing at token i: "The accord was signed in Luanda by X and Y", "a
        truce signed by the army and the rebels"."""
        tokens = table(doc)
        lower = tokens.lower
        if lower[i] != "signed":
            return []
        k = i + 1
        while k < min(sent.end, i + 8) and lower[k] != "by":
            if lower[k] not in AGENT_GAP and not tokens.text[k][:1].isupper():
                return []  # "signed the deal by the deadline": not an agent
            k += 1
        return mention_list(doc, actors, k + 1, sent) if k < sent.end and lower[k] == "by" else []

    def _signatories_subject(self, doc: Doc, sent: Sentence, cue: Cue) -> bool:
        """ "The signatories agree to ...", "the signatory groups committed to ...": a subject that names
        whoever signed."""
        words = table(doc).lower[max(sent.start, cue.start - 4) : cue.start]
        return not SIGNATORY_WORDS.isdisjoint(words)

    def _other_parties(self, doc: Doc, sent: Sentence, cue: Cue) -> bool:
        """ "The two sides agreed to ...", "all parties accepted ...": a subject that names parties,
        not the one who reports it."""
        lower = table(doc).lower
        k = cue.start - 1
        while k >= sent.start and lower[k] in SUBJECT_GAP and lower[k] not in {"sides", "two", "all"}:
            k -= 1
        return k >= sent.start and lower[k] in PARTY_NOUNS

    def _speaker(self, i: int) -> Actor | None:
        """The speaker of the claim covering token i, if it lies inside one."""
        return speaker_at(self._claims, i)

    def _group(self, doc: Doc, holder: Actor, actors: DocActors) -> list[Actor]:
        """A holder and whoever shares its clause: "Colombia's government and the ELN signed", "the
        leaders of Russia, Ukraine, Germany and France agreed", "both sides" (a description of two)."""
        mention = self._holder_mention
        if mention is None or mention.actor.key != holder.key:
            return [holder]
        tokens = table(doc)
        lower = tokens.lower
        group = list(mention.actors)
        sent = sentence_of(doc, mention.start)
        k = mention.start - 1
        while k > 0:
            while k > 0 and lower[k] in GROUP_GAP and tokens.text[k].islower():
                k -= 1  # "X and rebel leader Y signed"
            if lower[k] not in {"and", ","}:
                break
            # "Colombia's government and the ELN", "Angola's armed forces and UNITA"
            other = actors.at(k - 1) or conjunct_before(tokens, actors, k - 1, sent)
            if other is None or not (
                other.actor.kind == holder.kind or holder.kind != PERSON and other.actor.kind != PERSON
            ):
                break
            group = [other.actor, *group]
            k = other.start - 1
        return group

    def _document_subject(self, doc: Doc, sent: Sentence, i: int) -> bool:
        """ "The document also calls for ...": a memorandum speaks for whoever made the last demands."""
        window = table(doc).lower[max(sent.start, i - 4) : i]
        return self.last_holder is not None and any(
            w in {"document", "memorandum", "text", "draft", "plan"} for w in window
        )

    def _proposal_between(
        self, doc: Doc, start: int, end: int, links: set[str] = frozenset({"that", "which"})
    ) -> bool:
        return _noun_link(table(doc).lower, start, end, PROPOSAL_NOUNS, links) is not None

    def _settlement_link(self, doc: Doc, start: int, end: int) -> int | None:
        """The index of "that" or "which" after a deal's noun between two tokens: "a settlement that"."""
        return _noun_link(table(doc).lower, start, end, SETTLEMENTS, {"that", "which"})

    def _lacking(self, doc: Doc, start: int, end: int) -> bool:
        """ "would never accept a settlement that did not set a date for the withdrawal": a refused text
        that lacks the condition, which its refuser therefore wants."""
        link = self._settlement_link(doc, start, end)
        return link is not None and not LACKING.isdisjoint(table(doc).lower[link:end])

    def _committed_object(self, doc: Doc, sent: Sentence, cue: Cue, actors: DocActors) -> Actor | None:
        """ "a declaration committing both sides to a permanent ceasefire": the committed accept."""
        if table(doc).norm[cue.start] not in COMMITTING:
            return None
        mention = actors.at(cue.end) or (
            actors.at(cue.end + 1) if cue.end < sent.end and table(doc).lower[cue.end] == "the" else None
        )
        if mention is None:
            return None
        self._holder_mention = mention
        return mention.actor

    def _commits_the_signatories(self, doc: Doc, sent: Sentence, cue: Cue) -> bool:
        """ "It commits the signatories to ...", "binds the parties to ...": whoever signed accepts."""
        tokens = table(doc)
        words = tokens.lower[cue.end : min(sent.end, cue.end + 2)]
        signatories = len(words) == 2 and words[1] in {"signatories", "parties"}
        return signatories and tokens.norm[cue.start] in COMMITTING

    def _governing_cue(
        self,
        doc: Doc,
        sent: Sentence,
        cond: ConditionMention,
        sent_cues: list[Cue],
        conds: list[ConditionMention] = (),
    ) -> Cue | None:
        for cue in reversed(sent_cues):
            if (
                cue.end <= cond.start + 1
                and cue.start < cond.start
                and not self._broken(doc, cue.end, cond.start)
            ):
                if table(doc).lower[cue.start] in MODALS and not self._within_reach(doc, cue, cond, conds):
                    continue  # a modal governs the verb right after it ("must leave"), not a whole list
                return cue
        return None

    def _within_reach(
        self, doc: Doc, cue: Cue, cond: ConditionMention, conds: list[ConditionMention]
    ) -> bool:
        """A modal reaches the condition right after it, and the ones listed after that one: "must
        guarantee the return of all hostages and the disarmament of Hamas"."""
        gap = table(doc).lower[cue.end : cond.start]
        if len(gap) <= 3 or (len(gap) <= 5 and all(w.isalpha() and w not in REACH_BREAKS for w in gap)):
            return True  # "must strip Iran of all enrichment capacity"
        before = [c for c in conds if cue.end <= c.start and c.end <= cond.start]
        if not before or before[0].start - cue.end > 3:
            return False
        for first, second in zip(before, [*before[1:], cond], strict=True):
            gap = table(doc).lower[first.end : second.start]
            if len(gap) > 4 or not set(gap) <= LIST_WORDS:
                return False
        return True

    def _negated_condition(self, doc: Doc, sent: Sentence, cond: ConditionMention) -> int | None:
        """ "would not free the people it holds", "will not lay down its arms", "the army will not
        withdraw": a condition whose own verb is negated is rejected. Returns the index of the negation."""
        tokens = table(doc)
        inside = next((k for k in range(cond.start, cond.end) if tokens.lower[k] in NEGATIONS), None)
        if inside is not None:
            return inside
        if not (
            tokens.text[cond.start].isalpha()
            and tokens.lower[cond.start] != tokens.norm[cond.start]
            or tokens.lower[cond.start] in NEGATABLE_VERBS
        ):
            return None
        for k in (cond.start - 1, cond.start - 2):
            if k >= sent.start and tokens.lower[k] in NEGATIONS:
                return k
        return None

    def _broken(self, doc: Doc, start: int, end: int) -> bool:
        """A clause boundary between two tokens: ";", ":", or ", but/while ...", or a new sentence."""
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        for k in range(start, end):
            if text[k] in CLAUSE_BREAKS or lower[k] in BREAKING:
                return True
            if text[k] in QUOTE_MARKS and _in_quote(doc, start) and not _in_quote(doc, end):
                return True  # a cue inside a quotation does not reach past it
            if text[k] == "," and k + 1 < end and lower[k + 1] in AFTER_COMMA_BREAKS:
                return True
        return False

    def _polarity(self, doc: Doc, cue: Cue, sent: Sentence) -> str | None:
        """The stance a cue takes: its own, turned by a negation before it; none in a question or a
        condition ("it was not clear whether the group would agree to ...", "if Hamas accepts ...")."""
        tokens = table(doc)
        lower = tokens.lower
        for k in range(cue.start - 1, max(sent.start, cue.start - 7) - 1, -1):
            if tokens.text[k] in {",", ";", ":"} or tokens.text[k] in QUOTE_MARKS:
                break
            if lower[k] in HEDGES:
                return None
        if "whether" in lower[sent.start : cue.start]:
            return None  # "it is not clear whether X, its leader, would accept ..."
        if _asked(tokens, sent, cue.end):
            return None  # "Could the Georgian leader still refuse the plan?"
        negated = any(w in NEGATORS for w in lower[max(sent.start, cue.start - 3) : cue.start])
        if cue.stance == "accepts" and negated:
            return "rejects"
        if cue.stance == "demands" and negated and lower[cue.start] not in {"must", "until", "unless"}:
            return None
        return cue.stance

    def _holder(self, doc: Doc, sent: Sentence, cue: Cue, actors: DocActors) -> tuple[Actor | None, str]:
        # "Hamas's demands to ...", "the Houthis' call for ..."
        if cue.start - 1 >= sent.start and table(doc).lower[cue.start - 1] in {"its", "their", "his", "her"}:
            mention = actors.at(cue.start - 1)  # "Hamas reiterated its demands to ..."
            verb = cue.start - 2
            if table(doc).lower[cue.start - 1] == "their" and verb > sent.start and _plain_verb(doc, verb):
                # "Both sides reaffirmed their commitment to ...", "Sudan and South Sudan restated their
                # demands": the verb's plural subject, of which "their" may have found one or none
                subject, rule = self._subject_or_shared(doc, sent, verb, actors)
                plural = subject is not None and len(self._group(doc, subject, actors)) > 1
                if subject is not None and (mention is None or subject.key == mention.actor.key or plural):
                    return subject, rule
            if mention is not None:
                return mention.actor, "position.possessive"
        owner = cue.start - 2
        if owner - 1 >= sent.start and table(doc).lower[cue.start - 1] in DEMAND_ADJECTIVES:
            owner -= 1  # "Hamas's key demand"
        if owner >= sent.start and table(doc).lower[owner + 1] in {"'s", "’s", "'", "’"}:
            mention = actors.at(owner)
            if mention is not None:
                return mention.actor, "position.possessive"
        return self._subject_or_shared(doc, sent, cue.start, actors)

    def _subject_or_shared(
        self, doc: Doc, sent: Sentence, verb: int, actors: DocActors
    ) -> tuple[Actor | None, str]:
        """The subject of the verb at token `verb`, or, for a verb coordinated with an earlier one, the
        subject they share: "He blamed Israel ... and demanded a full withdrawal", "The EU imposed
        measures, and has made elections a condition for lifting them"."""
        subject = self._clause_subject(doc, sent, verb, actors)
        if subject is not None:
            return subject, "position.subject"
        k = verb - 1
        while k > sent.start and table(doc).lower[k] in {"also", "has", "had", "have", "is", "was"}:
            k -= 1
        if k > sent.start and table(doc).lower[k] in {"and", "but"}:
            main = verb_subject_before(doc, sent, k, actors) or main_subject(doc, sent, actors, opening=True)
            if main is not None:
                return main, "position.coordinated"
        return None, "position.subject"

    def _clause_subject(self, doc: Doc, sent: Sentence, limit: int, actors: DocActors) -> Actor | None:
        tokens = table(doc)
        text, lower = tokens.text, tokens.lower
        j = limit - 1
        while j >= sent.start:
            if lower[j] == "part" and j - 2 >= sent.start and lower[j - 2] == "for":
                j -= 3  # "Kyrgyzstan, for its part, insisted ..."
                continue
            if lower[j] in {"we", "our", "us"}:
                return self._speaker(j)  # "We will not accept ...": the one quoted
            mention = actors.at(j)
            self._holder_mention = mention
            if mention is not None:
                if mention.end < len(lower) and lower[mention.end] in POSSESSIVE and mention.end != limit:
                    return None
                before = mention.start - 1
                while before > sent.start and lower[before] in PLACE_MODIFIERS:
                    before -= 1  # "in northern Iraq"
                if before >= sent.start and lower[before] in {
                    "in",
                    "at",
                    "from",
                    "of",
                    "by",
                    "with",
                    "to",
                    "for",
                    "on",
                }:
                    opening = _relative_opening(tokens, before + 1, sent)
                    if opening is None:
                        return None
                    j = opening - 1  # "X, whose delegation is headed by Y, insists ...": X
                    continue
                return self._other_side(doc, mention, actors) or mention.actor
            if text[j] == ")":
                # "the Rapid Support Forces (RSF) have signed ...": the name stands before its abbreviation
                k = j - 1
                while k > sent.start and text[k] != "(" and j - k < 8:
                    k -= 1
                if text[k] == "(":
                    j = k - 1
                    continue
            if text[j] == "," and j - 1 > sent.start:
                # "Kenya, which has been seeking a way out of the war, has rejected ...": the subject
                # stands before the parenthesis
                k = j - 1
                while k > sent.start and text[k] != "," and j - k < 25:
                    k -= 1
                if text[k] == "," and lower[k + 1] in {
                    "which",
                    "who",
                    "a",
                    "an",
                    "the",
                    "led",
                    "whose",
                }:
                    j = k - 1
                    continue
            if lower[j] in SUBJECT_GAP or text[j][:1].isdigit() or tokens.norm[j] in CONTROL_VERBS:
                j -= 1
                continue
            if lower[j] in SUBJECT_TAILS and j > sent.start:
                # "Lord's Resistance Army rebels signed ...", "the M23 group agreed to ...", "the UNITA
                # rebel movement signed ..."
                k = j - 1
                while k > sent.start and k > j - 3 and lower[k] in DESCRIPTION_WORDS:
                    k -= 1
                if actors.at(k) is not None:
                    j = k
                    continue
            if lower[j] in {"that", "who", "which"}:
                j -= 1
                continue
            if lower[j] in LEADERS_BODIES and j - 2 >= sent.start and lower[j - 1] in POSSESSIVE:
                leader = actors.at(j - 2)  # "President Erdogan's government has made ..."
                return leader.actor if leader is not None and leader.end == j - 1 else None
            his = j - 1 >= sent.start and lower[j - 1] in {"his", "her"}
            if his and lower[j] in LEADERS_BODIES | ENTOURAGE:
                leader = actors.at(j - 1)  # "His delegation also demanded ...": the person it is his
                return leader.actor if leader is not None and leader.actor.kind == PERSON else None
            return None
        return None

    def _other_side(self, doc: Doc, mention: Mention, actors: DocActors) -> Actor | None:
        """ "“They want us to disarm first,” the OLA spokesman said": in a speaker's own quote, "they"
        is the other side, not the speaker's; the last other party named before, when "they" was
        resolved to the speaker's side. None when the pronoun needs no correction."""
        if mention.how != "pronoun" or table(doc).lower[mention.start] not in THEY:
            return None
        speaker = self._speaker(mention.start)
        if speaker is None or not _in_quote(doc, mention.start):
            return None
        own = {speaker.key} | {
            a.organisation.key for a in actors.affiliations if a.person.actor.key == speaker.key
        }
        if mention.actor.key not in own:
            return None
        before = actors.between(max(0, mention.start - 150), mention.start)
        return next(
            (
                m.actor
                for m in reversed(before)
                if m.actor.kind != PERSON and m.how != "pronoun" and m.actor.key not in own
            ),
            None,
        )

    def _anaphora(
        self,
        doc: Doc,
        sent: Sentence,
        sent_cues: list[Cue],
        actors: DocActors,
        previous: list[tuple[str, Actor | None]],
        conds: list[ConditionMention],
    ) -> None:
        """ "a demand that Israel has rejected", "a condition Kampala has set", "ruled out those demands",
        "rejected such terms"."""
        lower = table(doc).lower
        for cue in sent_cues:
            stance = self._polarity(doc, cue, sent)
            holder, _ = self._holder(doc, sent, cue, actors)
            if holder is None or stance is None:
                continue
            start = max(sent.start, cue.start - 8)
            before = lower[start : cue.start]
            after = lower[cue.end : min(sent.end, cue.end + 3)]
            noun = next((start + k for k, w in enumerate(before) if w in ANTECEDENT_NOUNS), None)
            if noun is None and "which" in before:
                which = start + before.index("which")
                noun = which if lower[which - 1] == "," else None  # "..., which Hamas has rejected"
            if noun is not None and any(w in {"a", "which", "that", "demands", "something"} for w in before):
                targets = [c.label for c in conds if c.end <= noun]
                for condition in dict.fromkeys(targets):
                    add_fact(doc, stance, holder, Condition(condition), sent, "position.anaphora")
            elif (
                cue.stance != "demands"
                and after
                and (_refers_back(after) or self._bare_answer(doc, sent, cue))
                and not any(c.start >= cue.end for c in conds)
            ):
                for condition in _referred(previous, holder):
                    add_fact(doc, stance, holder, Condition(condition), sent, "position.anaphora")

    def _bare_answer(self, doc: Doc, sent: Sentence, cue: Cue) -> bool:
        """ "Kampala has refused.", "Kinshasa agreed.": a short sentence whose stance cue ends it answers
        the demands before it (not "a charge the ministry denies")."""
        tokens = table(doc)
        return (
            cue.start - sent.start <= 6
            and cue.end < len(tokens.lower)
            and tokens.lower[cue.end] in {".", "!"}
            and tokens.norm[cue.start] != "deny"
        )


def _relative_opening(tokens: TokenTable, i: int, sent: Sentence) -> int | None:
    """The comma opening the relative clause that holds token i (", whose delegation is led by"), if
    one does within a few words."""
    for k in range(i - 1, max(sent.start, i - 12), -1):
        if tokens.text[k] == "," and tokens.lower[k + 1] in {"which", "who", "whose"}:
            return k
        if tokens.text[k] in {",", ";", ":"}:
            return None
    return None


def _noun_link(lower: list[str], start: int, end: int, nouns: frozenset[str], links: set[str]) -> int | None:
    """The index of the first link word ("that", "under") right after one of `nouns` between two
    tokens: "any proposal that ...", "an arrangement under which ..."."""
    return next((k + 1 for k in range(start, end - 1) if lower[k] in nouns and lower[k + 1] in links), None)


def _asked(tokens: TokenTable, sent: Sentence, floor: int) -> bool:
    """Whether the sentence ends in a question mark (behind any closing quote or space), looking back
    no further than token `floor`."""
    last = sent.end - 1
    while last > floor and (tokens.space[last] or tokens.text[last] in QUOTE_MARKS):
        last -= 1
    return tokens.text[last] == "?"


def _inside(items: list[T], starts: list[int], sent: Sentence) -> list[T]:
    """The items (sorted by their `starts`, not overlapping) that lie within the sentence."""
    inside = items[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
    return [item for item in inside if item.end <= sent.end]


def _plain_verb(doc: Doc, i: int) -> bool:
    """Whether token i can be the verb before "their ...": a lowercase word that is no preposition,
    conjunction or determiner ("reaffirmed their commitment", not "to their demands")."""
    word = table(doc).text[i]
    return word.isalpha() and word.islower() and word not in NOT_VERBS


def _refers_back(words: list[str]) -> bool:
    """ "rejected it", "ruled out those demands", "rejected the demand", "accepted the terms": the
    lowercase words right after a cue."""
    if words[0] == "that" and len(words) > 1 and words[1] in CLAUSE_OPENERS:
        return False  # "denied that the talks had failed": a clause follows, not a reference
    if words[0] in ANAPHORA:
        return True
    return len(words) > 1 and words[0] == "the" and words[1] in REFERRING_NOUNS


def _in_quote(doc: Doc, i: int) -> bool:
    """Whether token i lies inside a direct quotation (an odd number of quote marks before it)."""
    text = table(doc).text
    para_start = i
    while para_start > 0 and "\n" not in text[para_start - 1]:
        para_start -= 1
    marks = [word for word in text[para_start:i] if word in QUOTE_MARKS]
    return marks.count("“") > marks.count("”") or marks.count('"') % 2 == 1


def _referred(previous: list[tuple[str, Actor | None]], holder: Actor) -> list[str]:
    """What "those demands", "such terms" or "it" refer to: the conditions another party demanded most
    recently, with any conditions named after them."""
    last = max(
        (k for k, (_, owner) in enumerate(previous) if owner is not None and owner.key != holder.key),
        default=None,
    )
    if last is None:
        return []
    owner = previous[last][1]
    first = min(k for k, (_, o) in enumerate(previous) if o is not None and o.key == owner.key)
    chosen = [c for c, o in previous[first:] if o is None or o.key == owner.key]
    return list(dict.fromkeys(chosen))


def _modifier(doc: Doc, cond: ConditionMention) -> bool:
    """ "ceasefire proposal", "truce talks": a ceasefire word naming the talks, not a condition."""
    return (
        cond.label == "ceasefire"
        and cond.end < len(doc)
        and table(doc).lower[cond.end]
        in {"proposal", "proposals", "talks", "negotiations", "negotiation", "negotiators", "plan", "efforts"}
    )


def verb_subject_before(doc: Doc, sent: Sentence, i: int, actors: DocActors) -> Actor | None:
    """The subject of the last finite verb before token i ("Hamas has agreed ..., but wants")."""
    tokens = table(doc)
    lower = tokens.lower
    for k in range(i - 1, sent.start, -1):
        if tokens.text[k] in {";", ":"}:
            break
        if not (lower[k].endswith("ed") or lower[k] in {"told", "said", "says", "wants", "insists"}):
            continue
        j = k - 1
        while j >= sent.start and lower[j] in SUBJECT_GAP:
            j -= 1
        mention = actors.at(j) if j >= sent.start else None
        if mention is not None and mention.end - 1 == j:
            return mention.actor
    return None


def main_subject(doc: Doc, sent: Sentence, actors: DocActors, opening: bool = False) -> Actor | None:
    """The first actor of the sentence that is not the object of a preposition or an owner; with
    `opening`, only one the sentence opens with ("He blamed ... and demanded"), not one after a comma or
    "by" ("The accord, brokered by ECOWAS and signed ...")."""
    lower = table(doc).lower
    for mention in actors.in_span(sent):
        if opening and any(w in {",", "by"} for w in lower[sent.start : mention.start]):
            return None
        prev = lower[mention.start - 1] if mention.start > sent.start else None
        if prev in {"in", "at", "from", "to", "of", "by", "for", "on", "with"}:
            continue
        if mention.end < len(lower) and lower[mention.end] in POSSESSIVE:
            continue
        return mention.actor
    return None


@Language.factory("parley_positions")
def make_positions(nlp: Language, name: str) -> Positions:
    return Positions(nlp)
