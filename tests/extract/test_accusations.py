"""Accusations: who blames, accuses or criticises whom. The accuser is who makes the accusation,
not the outlet that carries it, and a denied accusation is not one the denier makes."""

from __future__ import annotations

import pytest

from .table import check

ROWS = [
    pytest.param(
        "Thailand has accused Cambodian troops of planting new mines. Hamas spokesman Abu Obeida lashed out "
        "at Israeli Prime Minister Benjamin Netanyahu. Israel blamed the late Hamas leader Yahya Sinwar for "
        "the attack.",
        [("accuses", "thailand", "cambodia"), ("accuses", "abu-obeida", "benjamin-netanyahu"),
         ("accuses", "israel", "hamas")],
        [],
        id="a-country-s-troops-a-titled-leader-a-late-one",
    ),
    pytest.param(
        "Ethiopia and Egypt accused each other of stalling the talks on the dam. Armenia traded "
        "accusations with Azerbaijan over the shelling.",
        [("accuses", "ethiopia", "egypt"), ("accuses", "egypt", "ethiopia"),
         ("accuses", "armenia", "azerbaijan"), ("accuses", "azerbaijan", "armenia")],
        [],
        id="accused-each-other-and-traded-accusations-with",
    ),
    pytest.param(
        "Israel held Hamas responsible for the breakdown of the truce. Egypt hit out at Ethiopia over "
        "the dam, and Hamas lashed out at Israel on Sunday.",
        [("accuses", "israel", "hamas"), ("accuses", "egypt", "ethiopia"), ("accuses", "hamas", "israel")],
        [("accuses", "hamas", "ethiopia")],
        id="held-responsible-hit-out-at-lashed-out-at",
    ),
    pytest.param(
        "Hamas accused Israel of stalling the negotiations.",
        [("accuses", "hamas", "israel")],
        [("accuses", "israel", "hamas")],
        id="accused-x-of",
    ),
    pytest.param(
        "Israel blamed Hamas for the collapse of the talks.",
        [("accuses", "israel", "hamas")],
        [("accuses", "hamas", "israel")],
        id="blamed-x-for",
    ),
    pytest.param(
        "The RSF walked out of the talks on Tuesday, blaming Sudan's army for the breakdown of the truce.",
        [("accuses", "rapid-support-forces", "sudanese-armed-forces")],
        [],
        id="participle-blaming-x-for",
    ),
    pytest.param(
        "Foreign Minister Andriy Dovhan accused Russia of using prisoners as bargaining chips.",
        [("accuses", "andriy-dovhan", "russia")],
        [],
        id="titled-person-accuses",
    ),
    pytest.param(
        "Egypt and Qatar accused Israel of violating the truce.",
        [("accuses", "egypt", "israel"), ("accuses", "qatar", "israel")],
        [],
        id="coordinated-accusers",
    ),
    pytest.param(
        "Al Arabiya quoted a Hamas negotiator as blaming Israel for the delay.",
        [("accuses", "hamas", "israel")],
        [("accuses", "al-jazeera", "israel")],
        id="quoted-as-blaming",
    ),
    pytest.param(
        "Hamas said Israel was obstructing the deal by adding new conditions.",
        [("accuses", "hamas", "israel")],
        [],
        id="obstruction-in-reported-speech",
    ),
    pytest.param(
        "In a statement, Hamas accused Israel of stalling the negotiations, while Israeli government "
        "spokeswoman Miriam Adler blamed Hamas for the delay.",
        [("accuses", "hamas", "israel"), ("accuses", "miriam-adler", "hamas")],
        [],
        id="two-accusations-in-one-sentence",
    ),
    pytest.param(
        "Qatar criticised the United States for pressuring only one side.",
        [("accuses", "qatar", "united-states")],
        [],
        id="criticised-x-for",
    ),
    pytest.param(
        "The talks stalled over the M23, which Kinshasa accuses of looting minerals in the east.",
        [("accuses", "drc", "m23")],
        [("accuses", "m23", "drc")],
        id="relative-which-x-accuses",
    ),
    pytest.param(
        "Hamas was accused by Israel of stalling the talks.",
        [("accuses", "israel", "hamas")],
        [("accuses", "hamas", "israel")],
        id="passive-accused-by",
    ),
    pytest.param(
        "Hamas rejected accusations by Israel that it had stalled the talks.",
        [],
        [("accuses", "hamas", "israel")],
        id="rejecting-an-accusation-is-not-one",
    ),
    pytest.param(
        "The M23 accused Kampala of stalling the talks and blamed Kenya for obstructing a deal.",
        [("accuses", "m23", "uganda"), ("accuses", "m23", "kenya")],
        [("accuses", "uganda", "kenya")],
        id="second-verb-shares-the-subject",
    ),
    pytest.param(
        "The group said it accused Kampala of lying and blamed Nairobi.",
        [],
        [("accuses", "uganda", "kenya")],
        id="object-of-the-first-verb-is-no-subject",
    ),
    pytest.param(
        "Kenya's foreign minister, Jane Mwangi, has in the past accused Somalia of harbouring militants.",
        [("accuses", "jane-mwangi", "somalia")],
        [],
        id="apposition-names-the-accuser",
    ),
    pytest.param(
        "Hamas, which Egypt hosts, has accused Israel of stalling.",
        [("accuses", "hamas", "israel")],
        [("accuses", "egypt", "israel")],
        id="relative-clause-is-skipped",
    ),
    pytest.param(
        "Hamas said it would keep talking, blaming the Zionist entity for the lack of progress.",
        [("accuses", "hamas", "israel")],
        [],
        id="another-name-of-a-country",
    ),
    pytest.param(
        "Venezuelan President Nicolas Maduro hailed the agreement as a victory, while again blaming U.S. "
        "sanctions for the economic collapse.",
        [("accuses", "nicolas-maduro", "united-states")],
        [],
        id="while-blaming",
    ),
    pytest.param(
        "The Movement for Democratic Change (MDC) signed. Rebel leader Jonas Ruberi accused Kinshasa and the "
        "MDC of sidelining everyone else. Ruberi again blamed Kigali for the walkout.",
        [("accuses", "jonas-ruberi", "drc"), ("accuses", "jonas-ruberi", "movement-for-democratic-change"),
         ("accuses", "jonas-ruberi", "rwanda")],
        [],
        id="a-list-of-accused-and-again-before-the-verb",
    ),
    pytest.param(
        "Talks ended, with Cairo and Khartoum accusing Addis Ababa of blocking the mediation. Earlier "
        "truces collapsed, with Israel and Hamas each blaming the other for rocket fire.",
        [("accuses", "egypt", "ethiopia"), ("accuses", "sudan", "ethiopia"), ("accuses", "israel", "hamas"),
         ("accuses", "hamas", "israel")],
        [("accuses", "egypt", "israel")],
        id="a-capital-accused-and-each-blaming-the-other",
    ),
    pytest.param(
        "Sudan met the SPLM in Juba. The SPLM delegation accused the transitional government of stalling, "
        "while Hamas blamed the interim authorities in Cairo.",
        [("accuses", "splm", "sudan")],
        [("accuses", "splm", "splm")],
        id="a-delegation-accuses-the-transitional-government",
    ),
    pytest.param(
        "India said the talks failed. New Delhi held Pakistan responsible for backing the attackers. "
        "Kyiv criticised Moscow for the strike. Palestinians held in Israeli prisons went on strike.",
        [("accuses", "india", "pakistan"), ("accuses", "ukraine", "russia")],
        [("accuses", "palestine", ...)],
        id="a-capital-that-holds-another-responsible",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), ROWS)
def test_accusations(text: str, present: list, absent: list) -> None:
    check(text, present, absent)
