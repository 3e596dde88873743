"""Talks: who hosts them (the country of the venue), who mediates, who takes part.

Hosting is read from the venue: "talks hosted by Cairo" is Egypt hosting in Cairo. Absence is not
participation: a party "staying away from the talks" takes no part in them.
"""

from __future__ import annotations

import pytest

from .table import check

ROWS = [
    pytest.param(
        "Colombia's government and the ELN, the guerrilla group that has held the Catatumbo since 1964, "
        "signed the accord in Havana. Angola's armed forces and the FLEC rebel movement signed a truce in "
        "Luanda.",
        [("participatesIn", "colombia", ...), ("participatesIn", "eln", ...),
         ("participatesIn", "angola", ...), ("participatesIn", "flec", ...)],
        [],
        id="signers-across-an-apposition-and-an-armed-body",
    ),
    pytest.param(
        "The deal, brokered by German Chancellor Angela Merkel and French President Francois Hollande, was "
        "signed in Minsk. Putin said Kiev must open a dialogue with the separatist leaders in Donetsk. "
        "Alexander Zakharchenko, leader of the self-proclaimed Donetsk People's Republic, signed it.",
        [("mediates", "angela-merkel", ...), ("mediates", "francois-hollande", ...),
         ("memberOf", "alexander-zakharchenko", "donetsk-peoples-republic")],
        [("hosts", "ukraine", ...)],
        id="a-list-of-titled-mediators-and-leaders-in-a-place",
    ),
    pytest.param(
        "The talks between Iran and the P5+1 - the United States, Russia, China, Britain, France and "
        "Germany - resumed in Vienna. Egypt and Qatar (with Turkey) mediated.",
        [("participatesIn", "p5-plus-1", ...), ("participatesIn", "russia", ...),
         ("participatesIn", "germany", ...), ("participatesIn", "iran", ...)],
        [("participatesIn", "austria", ...)],
        id="members-named-after-a-group",
    ),
    pytest.param(
        "The talks, with Cuba and Norway as guarantors and Venezuela, Chile, and Brazil as accompanying "
        "countries, resumed. Hamas dismissed the call for international guarantors. Switzerland, acting as "
        "mediator, proposed a truce.",
        [("mediates", "cuba", ...), ("mediates", "norway", ...), ("mediates", "venezuela", ...),
         ("mediates", "chile", ...), ("mediates", "brazil", ...), ("mediates", "switzerland", ...)],
        [("mediates", "hamas", ...)],
        id="a-role-given-by-as",
    ),
    pytest.param(
        "Oslo hosted the talks between the two sides. Oman, which has hosted two rounds of negotiations, "
        "was hopeful. Qatar will host a dinner for the envoys.",
        [("hosts", "norway", "Oslo"), ("hosts", "oman", ...)],
        [("hosts", "qatar", ...)],
        id="a-place-or-country-that-hosts-talks",
    ),
    pytest.param(
        "Spokesman Kim Eui-kyeom said South Korean President Moon Jae-in, who helped broker the first "
        "summit, would keep working. \"We are close,\" said Jane Doe, the acting head of the U.N. "
        "mission in Libya, who facilitated the negotiations.",
        [("mediates", "moon-jae-in", ...), ("mediates", "jane-doe", ...)],
        [("mediates", "kim-eui-kyeom", ...), ("mediates", "libya", ...)],
        id="who-helped-broker-is-the-person-the-relative-clause-follows",
    ),
    pytest.param(
        "Ukraine welcomed the UAE's role in brokering the exchange. The talks in Pretoria brought "
        "together Ethiopia's government and the TPLF.",
        [("mediates", "united-arab-emirates", ...), ("participatesIn", "ethiopia", ...),
         ("participatesIn", "tplf", ...)],
        [("mediates", "ukraine", ...)],
        id="xs-role-in-brokering-and-brought-together",
    ),
    pytest.param(
        "Mediators from Oman shuttled between the two sides. The Israeli and Hamas delegations arrived "
        "in Cairo on Sunday.",
        [("mediates", "oman", ...), ("participatesIn", "israel", ...), ("participatesIn", "hamas", ...)],
        [("participatesIn", "oman", ...)],
        id="mediators-from-x-and-paired-demonym-delegations",
    ),
    pytest.param(
        "The accord, brokered by southern Sudan's Vice President Riek Machar, replaces a truce.",
        [("mediates", "riek-machar", ...)],
        [("mediates", "sudan", ...)],
        id="brokered-by-a-titled-person-of-a-country",
    ),
    pytest.param(
        "Israel is in talks with Hamas through mediators. Sudan's army joined the talks in Jeddah on "
        "Saturday. Representatives of Russia and Ukraine met in Istanbul.",
        [("participatesIn", "israel", ...), ("participatesIn", "hamas", ...),
         ("participatesIn", "sudanese-armed-forces", ...), ("participatesIn", "russia", ...),
         ("participatesIn", "ukraine", ...)],
        [],
        id="in-talks-with-joined-the-talks-and-met",
    ),
    pytest.param(
        "A Hamas delegation held talks with Egyptian mediators in Cairo.",
        [("participatesIn", "hamas", ...)],
        [("participatesIn", "egypt", ...)],
        id="held-talks-with-mediators-who-do-not-take-part",
    ),
    pytest.param(
        "The talks in Port Moresby were chaired by Sir Jerry Mateparae, the independent moderator. "
        "Sir Jerry said both sides had found common ground.",
        [("mediates", "jerry-mateparae", ...), ("said", "jerry-mateparae", ...)],
        [("said", "sir-jerry", ...), ("mediates", "sir-jerry", ...)],
        id="chaired-by-sir-name-then-sir-first-name",
    ),
    pytest.param(
        "The talks in Geneva were moderated by Norway.",
        [("mediates", "norway", ...)],
        [],
        id="moderated-by",
    ),
    pytest.param(
        "The talks, hosted by Tanzania and facilitated by the regional bloc IGAD and Kenya, opened on "
        "Tuesday.",
        [("mediates", "igad", ...), ("mediates", "kenya", ...), ("hosts", "tanzania", ...)],
        [],
        id="facilitated-by-a-described-bloc-and-a-country",
    ),
    pytest.param(
        "Ethiopia's government and the rebel Oromo Liberation Army (OLA) ended their first round of "
        "peace talks without a deal.",
        [("participatesIn", "ethiopia", ...), ("participatesIn", "ola", ...)],
        [],
        id="a-government-and-a-described-group-ended-their-talks",
    ),
    pytest.param(
        "The two sides resumed peace talks in the Kenyan capital on Monday, a Kenyan mediator said.",
        [("hosts", "kenya", "Nairobi")],
        [],
        id="talks-in-the-demonym-capital",
    ),
    pytest.param(
        "Israel is sending a delegation to Qatar for renewed talks, the prime minister's office says. "
        "Hamas said it welcomed the latest proposal from mediators Egypt and Qatar.",
        [("hosts", "qatar", ...), ("participatesIn", "israel", ...), ("mediates", "egypt", ...),
         ("mediates", "qatar", ...)],
        [],
        id="delegation-sent-for-talks-and-named-mediators",
    ),
    pytest.param(
        "The talks in Geneva, co-hosted by Switzerland and Saudi Arabia and attended by representatives "
        "of Egypt and the African Union, are the first in months.",
        [("hosts", "switzerland", "Geneva"), ("hosts", "saudi-arabia", "Geneva"),
         ("participatesIn", "egypt", ...), ("participatesIn", "african-union", ...)],
        [],
        id="co-hosted-and-attended-by",
    ),
    pytest.param(
        "The talks, hosted by Cairo, resumed on Sunday with delegations from both sides.",
        [("hosts", "egypt", "Cairo")],
        [],
        id="hosted-by-a-capital",
    ),
    pytest.param(
        "Negotiators met for a second day of talks in the Qatari capital Doha on Monday.",
        [("hosts", "qatar", "Doha")],
        [],
        id="talks-in-the-qatari-capital",
    ),
    pytest.param(
        "The talks in Geneva, hosted by Switzerland, were the third round since the spring.",
        [("hosts", "switzerland", "Geneva")],
        [],
        id="hosted-by-a-country",
    ),
    pytest.param(
        "Sudan's army and the RSF agreed to a week-long truce after talks in the Red Sea city of Jeddah.",
        [("hosts", "saudi-arabia", "Jeddah")],
        [],
        id="talks-in-the-port-city-of",
    ),
    pytest.param(
        "The two sides signed the agreement in Doha on Saturday.",
        [("hosts", "qatar", "Doha")],
        [],
        id="signed-in",
    ),
    pytest.param(
        "Turkey hosted the first direct talks between Russian and Ukrainian delegations in Istanbul.",
        [("hosts", "turkey", "Istanbul"), ("participatesIn", "russia", ...),
         ("participatesIn", "ukraine", ...)],
        [],
        id="x-hosted-talks-between-delegations",
    ),
    pytest.param(
        "A Hamas delegation arrived in Cairo on Tuesday for talks with Egyptian mediators.",
        [("participatesIn", "hamas", ...), ("mediates", "egypt", ...), ("hosts", "egypt", "Cairo")],
        [],
        id="delegation-arrived-for-talks",
    ),
    pytest.param(
        "CAIRO (AP) — A Hamas delegation arrived in Cairo on Tuesday for talks with Egyptian mediators.",
        [("participatesIn", "hamas", ...)],
        [("participatesIn", "associated-press", ...)],
        id="the-outlet-in-the-dateline-takes-no-part",
    ),
    pytest.param(
        "Speaking at a news conference in Doha, the Hamas official said the talks had stalled.",
        [],
        [("hosts", "qatar", ...)],
        id="news-conference-is-not-the-talks",
    ),
    pytest.param(
        "The truce, mediated by Qatar and Egypt, took effect at dawn.",
        [("mediates", "qatar", ...), ("mediates", "egypt", ...)],
        [],
        id="mediated-by-a-and-b",
    ),
    pytest.param(
        "Egypt, which has been mediating together with Qatar and the United States, sent a new plan to both "
        "sides.",
        [("mediates", "egypt", ...), ("mediates", "qatar", ...), ("mediates", "united-states", ...)],
        [],
        id="mediating-alongside",
    ),
    pytest.param(
        "Egypt, Qatar and the United States have been mediating between Israel and Hamas for months.",
        [("mediates", "egypt", ...), ("mediates", "qatar", ...), ("mediates", "united-states", ...)],
        [("mediates", "israel", ...), ("mediates", "hamas", ...)],
        id="list-of-mediators",
    ),
    pytest.param(
        "Qatari mediators said the gaps between the two sides had narrowed.",
        [("mediates", "qatar", ...)],
        [],
        id="demonym-mediators",
    ),
    pytest.param(
        "The agreement was brokered by the African Union.",
        [("mediates", "african-union", ...)],
        [],
        id="brokered-by",
    ),
    pytest.param(
        "Oman, acting as mediator, carried messages between the Iranian and American delegations.",
        [("mediates", "oman", ...), ("participatesIn", "iran", ...),
         ("participatesIn", "united-states", ...)],
        [],
        id="acting-as-mediator-between-delegations",
    ),
    pytest.param(
        "Thailand has long rejected international mediation in the border dispute.",
        [],
        [("mediates", "thailand", ...)],
        id="rejecting-mediation-is-not-mediating",
    ),
    pytest.param(
        "Talks between Hamas and Israel resumed in Cairo on Sunday.",
        [("participatesIn", "hamas", ...), ("participatesIn", "israel", ...), ("hosts", "egypt", "Cairo")],
        [],
        id="talks-between",
    ),
    pytest.param(
        "Delegates from Egypt, Qatar, the United States and Hamas met in Cairo on Sunday.",
        [("participatesIn", "egypt", ...), ("participatesIn", "qatar", ...),
         ("participatesIn", "united-states", ...), ("participatesIn", "hamas", ...)],
        [],
        id="delegates-from-a-list",
    ),
    pytest.param(
        "The Kachin Independence Army, which has been staying away from the talks, said it would not join "
        "any ceasefire.",
        [],
        [("participatesIn", "kachin-independence-army", ...)],
        id="staying-away-is-not-participation",
    ),
    pytest.param(
        "Hezbollah was not part of the talks between Lebanon and Israel.",
        [("participatesIn", "lebanon", ...), ("participatesIn", "israel", ...)],
        [("participatesIn", "hezbollah", ...)],
        id="not-part-of-the-talks",
    ),
    pytest.param(
        "The United States did not send a delegation to Geneva.",
        [],
        [("participatesIn", "united-states", ...)],
        id="did-not-send-a-delegation",
    ),
    pytest.param(
        "Ugandan President Yoweri Museveni and Kenyan President William Ruto held talks in Arusha on Friday.",
        [("participatesIn", "uganda", ...), ("participatesIn", "kenya", ...)],
        [("participatesIn", "yoweri-museveni", ...)],
        id="leaders-holding-talks-stand-for-their-countries",
    ),
    pytest.param(
        "The army and the rebels signed a Qatari-mediated truce after EU-brokered talks in Geneva.",
        [("mediates", "qatar", ...), ("mediates", "european-union", ...)],
        [],
        id="a-mediator-named-in-a-compound",
    ),
    pytest.param(
        "The truce was brokered by the African Union in Addis Ababa, with the help of Washington and "
        "Beijing.",
        [("mediates", "african-union", ...), ("mediates", "united-states", ...), ("mediates", "china", ...)],
        [],
        id="with-the-help-of-capitals",
    ),
    pytest.param(
        "With the help of Iran, the Houthis built new missiles.",
        [],
        [("mediates", "iran", ...)],
        id="help-without-talks-is-no-mediation",
    ),
    pytest.param(
        "Somalia and Ethiopia ended a second round of talks in Ankara on Tuesday. Israel and Hamas ended "
        "the fighting.",
        [("participatesIn", "somalia", ...), ("participatesIn", "ethiopia", ...)],
        [("participatesIn", "israel", ...)],
        id="parties-ending-a-round-of-talks",
    ),
    pytest.param(
        "The statement was read out by the four guarantor countries — Qatar, Norway, Spain and "
        "Switzerland — which have accompanied the talks.",
        [("mediates", "qatar", ...), ("mediates", "norway", ...), ("mediates", "switzerland", ...)],
        [],
        id="guarantor-countries-listed-after-a-dash",
    ),
    pytest.param(
        "South Sudan's government and the opposition returned to the negotiating table in Nairobi on "
        "Tuesday. Both sides reaffirmed the cessation of hostilities signed in Rome in 2020.",
        [("hosts", "kenya", "Nairobi")],
        [("hosts", "italy", ...)],
        id="the-negotiating-table-and-older-talks-in-a-past-year",
    ),
    pytest.param(
        "Ecuador and Peru signed a peace treaty on Monday at the Itamaraty Palace in a ceremony hosted by "
        "Brazilian President Fernando Cardozo.",
        [("hosts", "brazil", "Brazil")],
        [("hosts", "fernando-cardozo", ...)],
        id="hosted-by-a-titled-head-of-state-is-their-country",
    ),
    pytest.param(
        "Sudan's government and the southern rebels of the Sudan People's Liberation Movement (SPLM) signed "
        "a peace agreement in Nairobi on Sunday. Inside, the Zapatista National Liberation Army and the "
        "Mexican government had just signed their first agreement.",
        [("participatesIn", "sudan", ...), ("participatesIn", "sudan-people-s-liberation-movement", ...),
         ("participatesIn", "zapatista-national-liberation-army", ...), ("participatesIn", "mexico", ...)],
        [("participatesIn", "eln", ...)],
        id="signers-described-as-rebels-of-and-a-known-name-inside-a-longer-one",
    ),
    pytest.param(
        "Under the accord, reached between Kenya and the Coastal Liberation Front (CLF), the fighters "
        "will disarm.",
        [("participatesIn", "kenya", ...), ("participatesIn", "coastal-liberation-front", ...)],
        [],
        id="an-agreement-reached-between-two-parties",
    ),
    pytest.param(
        "Hamas took part in all three rounds of talks in Cairo. Russia, which took part in the negotiations "
        "as an observer, stayed silent. Islamic Jihad refused to take part in the talks.",
        [("participatesIn", "hamas", ...)],
        [("participatesIn", "russia", ...), ("participatesIn", "palestinian-islamic-jihad", ...)],
        id="taking-part-in-talks-but-not-as-an-observer-nor-refusing-to",
    ),
    pytest.param(
        "Colombia's government and the ELN have negotiated in Caracas since 2022. The truce negotiated by "
        "Qatar and Egypt took effect.",
        [("participatesIn", "colombia", ...), ("participatesIn", "eln", ...)],
        [("participatesIn", "qatar", ...), ("participatesIn", "egypt", ...)],
        id="two-parties-that-negotiated-not-the-agents-of-a-passive",
    ),
    pytest.param(
        "Angola's MPLA government and the UNITA rebels signed a peace agreement in Lisbon on Friday. "
        "Colombian President Juan Manuel Santos and FARC commander Rodrigo Londono, known as Timochenko, "
        "signed the revised text in Bogota. Foreign Minister Abdoulaye Diop signed for the government of "
        "Mali.",
        [("participatesIn", "angola", ...), ("participatesIn", "unita", ...),
         ("participatesIn", "colombia", ...), ("participatesIn", "farc", ...),
         ("participatesIn", "mali", ...)],
        [],
        id="signatories-take-part-a-party-before-government-a-titled-leader-one-signing-for",
    ),
    pytest.param(
        "Nicaragua's government and its opponents sat down again, with the Vatican and the OAS watching. On "
        "March 27, the two sides agreed to a ceasefire. The accord was initialled in Khartoum after talks "
        "hosted by Sudan. It provides for a ceasefire.",
        [],
        [("participatesIn", "holy-see", ...), ("accepts", "holy-see", "ceasefire"),
         ("accepts", "organization-of-american-states", "ceasefire"), ("participatesIn", "sudan", ...),
         ("accepts", "sudan", "ceasefire")],
        id="the-two-sides-are-not-the-pair-watching-and-a-passive-signing-names-no-signer",
    ),
    pytest.param(
        "Talks were held in Ankara, in a meeting facilitated by US special envoy for Syria Tom Barrack. The "
        "deal was brokered by former UN Secretary-General Kofi Annan.",
        [("mediates", "tom-barrack", ...), ("mediates", "united-states", ...),
         ("mediates", "kofi-annan", ...)],
        [],
        id="a-mediator-named-by-an-organisation-s-title",
    ),
    pytest.param(
        "The swap was secured after UAE mediation. Hamas welcomed the Egyptian mediation. The deal was "
        "signed under the mediation of President Umaro Sissoco Embalo. Talks resumed under the joint "
        "mediation of the African Union and the United Nations.",
        [("mediates", "united-arab-emirates", ...), ("mediates", "egypt", ...),
         ("mediates", "umaro-sissoco-embalo", ...), ("mediates", "african-union", ...),
         ("mediates", "united-nations", ...)],
        [("mediates", "hamas", ...)],
        id="whose-mediation",
    ),
    pytest.param(
        "Malaysia has acted as third-party facilitator since 2001. U.S. diplomats have shuttled between "
        "Baghdad and Erbil. Mohammed Al-Khulaifi, the Qatari minister of state who led the mediation, spoke. "
        "The package was signed by the Trilateral Contact Group, in which the Organization for Security and "
        "Co-operation in Europe (OSCE) mediates between Kiev and Moscow.",
        [("mediates", "malaysia", ...), ("mediates", "united-states", ...),
         ("mediates", "mohammed-al-khulaifi", ...), ("mediates", "osce", ...)],
        [("mediates", "trilateral-contact-group", ...)],
        id="acting-as-facilitator-shuttling-leading-the-mediation-in-which-x-mediates",
    ),
    pytest.param(
        "The STC signed a deal with the Yemeni government. It follows weeks of talks in Jeddah, where Saudi "
        "Arabia mediated between the two delegations.",
        [("mediates", "saudi-arabia", ...)],
        [("mediates", "southern-transitional-council", ...), ("mediates", "yemeni-government", ...)],
        id="a-pronoun-opening-the-clause-is-not-the-mediator",
    ),
    pytest.param(
        "Talks between Sudan and Hamas resumed in the South Sudanese capital on Monday.",
        [("hosts", "south-sudan", "Juba")],
        [("hosts", "sudan", ...)],
        id="the-capital-of-a-two-word-demonym",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), ROWS)
def test_talks(text: str, present: list, absent: list) -> None:
    check(text, present, absent)
