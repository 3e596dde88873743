"""Membership: a named person's organisation or country, as the article gives it in a title, an
apposition or a description. A former affiliation, or an organisation the person merely met or spoke
to, is not a membership."""

from __future__ import annotations

import pytest

from .table import check

ROWS = [
    pytest.param(
        "Israeli Prime Minister Daniel Mor said the army would keep up the pressure.",
        [("memberOf", "daniel-mor", "israel")],
        [],
        id="demonym-title-name",
    ),
    pytest.param(
        "Mahmoud Saleh, a senior Hamas official, said the group had received the proposal.",
        [("memberOf", "mahmoud-saleh", "hamas")],
        [],
        id="apposition-a-senior-x-official",
    ),
    pytest.param(
        "The accord, agreed at talks hosted by Sudan, was signed in Bangui by President Pierre Ngaba.",
        [],
        [("memberOf", "pierre-ngaba", "sudan")],
        id="a-bare-title-after-a-city-of-another-country-is-left-unread",
    ),
    pytest.param(
        "Hamas's chief negotiator, Khalil Darwish, said the talks would continue.",
        [("memberOf", "khalil-darwish", "hamas")],
        [],
        id="possessive-title-comma-name",
    ),
    pytest.param(
        "Kremlin spokesman Oleg Vasnetsov told reporters that Moscow did not link the exchanges to the "
        "talks.",
        [("memberOf", "oleg-vasnetsov", "kremlin")],
        [],
        id="body-title-name",
    ),
    pytest.param(
        "U.S. Secretary of State Mark Ellis arrived in Doha on Monday.",
        [("memberOf", "mark-ellis", "united-states")],
        [("memberOf", "mark-ellis", "qatar")],
        id="abbreviated-country-title-name",
    ),
    pytest.param(
        "Qatari Foreign Ministry spokesman Majed Salem said the talks were at a critical stage.",
        [("memberOf", "majed-salem", "qatari-foreign-ministry")],
        [],
        id="ministry-spokesman",
    ),
    pytest.param(
        "Oman's Foreign Minister Badr Salim said the two delegations would meet again in Muscat.",
        [("memberOf", "badr-salim", "oman")],
        [],
        id="possessive-country-title-name",
    ),
    pytest.param(
        "The talks brought together Thai Prime Minister Somchai Wongsawat and Cambodian Prime Minister Sok "
        "Vanna.",
        [("memberOf", "somchai-wongsawat", "thailand"), ("memberOf", "sok-vanna", "cambodia")],
        [("memberOf", "sok-vanna", "thailand")],
        id="two-titled-people-in-one-sentence",
    ),
    pytest.param(
        "Pablo Ruiz, who leads the ELN's delegation, said the group would honour the truce.",
        [("memberOf", "pablo-ruiz", "eln")],
        [],
        id="who-heads-x",
    ),
    pytest.param(
        "Basem Khalil, a member of Hamas's leadership council, said the movement would respond on Sunday.",
        [("memberOf", "basem-khalil", "hamas")],
        [],
        id="a-member-of-x",
    ),
    pytest.param(
        "Arakan Army spokesman Khaing Thu Maung told AFP that the group would not disarm.",
        [("memberOf", "khaing-thu-maung", "arakan-army")],
        [("memberOf", "khaing-thu-maung", "afp")],
        id="the-outlet-a-person-speaks-to-is-not-their-employer",
    ),
    pytest.param(
        "Former Nigerian President Olusegun Adeyemi, who led the mediation, said both sides had signed.",
        [],
        [("memberOf", "olusegun-adeyemi", "nigeria")],
        id="former-affiliation",
    ),
    pytest.param(
        "Sameh Adel, who met Hamas leaders in Cairo on Sunday, said a deal was close.",
        [],
        [("memberOf", "sameh-adel", "hamas")],
        id="met-x-is-not-membership",
    ),
    pytest.param(
        "Kenya's delegation was led by Foreign Minister Jane Mwangi, who said talks would resume.",
        [("memberOf", "jane-mwangi", "kenya")],
        [],
        id="bare-title-after-the-country-named",
    ),
    pytest.param(
        "Foreign Minister Jane Mwangi met Uganda's president in Kampala.",
        [],
        [("memberOf", "jane-mwangi", "uganda")],
        id="bare-title-before-a-country-it-deals-with",
    ),
    pytest.param(
        "Kenya's envoy welcomed former President Daniel Otieno to the talks.",
        [],
        [("memberOf", "daniel-otieno", "kenya")],
        id="bare-title-of-a-former-office",
    ),
    pytest.param(
        '"We have taken a step forward," chief negotiator Ana Ruiz of the Democratic Platform said.',
        [("memberOf", "ana-ruiz", "democratic-platform")],
        [],
        id="a-person-of-an-organisation",
    ),
    pytest.param(
        'President Ilham Aliyev met the envoy. "A signature is worth little," Omar Haddad, foreign policy '
        "adviser to Aliyev, told Reuters.",
        [],
        [("memberOf", "ilham-aliyev", ...)],
        id="the-clause-after-an-apposition-is-no-apposition",
    ),
    pytest.param(
        "Belgrade wants the police withdrawn, according to Petar Petkovic, who heads the Serbian "
        "government's office for Kosovo.",
        [("memberOf", "petar-petkovic", "serbia")],
        [("memberOf", "petar-petkovic", "kosovo")],
        id="an-office-for-a-place-belongs-to-its-government",
    ),
    pytest.param(
        "Among the signatories was the Union of Resistance Forces (UFR), led by Timan Erdimi, a rebel who "
        "has lived in exile in Qatar for a decade.",
        [("memberOf", "timan-erdimi", "union-of-resistance-forces")],
        [("memberOf", "timan-erdimi", "qatar")],
        id="led-by-and-exile-in",
    ),
    pytest.param(
        "Mohammed Al-Khulaifi, the Qatari minister of state who led the mediation, said the deal would hold.",
        [("memberOf", "mohammed-al-khulaifi", "qatar")],
        [],
        id="a-demonym-before-a-title-in-an-apposition",
    ),
    pytest.param(
        "In Tskhinvali, the separatist leader of South Ossetia, Edik Kokoev, accused Georgia of genocide.",
        [("memberOf", "edik-kokoev", "south-ossetia")],
        [("memberOf", "edik-kokoev", "georgia")],
        id="a-title-of-an-entity-before-the-name",
    ),
    pytest.param(
        "South Sudanese President Deng Malual said the deal was good. Sri Lankan President Ravi Perera "
        "agreed. Amina Yusuf, the South African minister of state who led the mediation, said it would hold.",
        [("memberOf", "deng-malual", "south-sudan"), ("memberOf", "ravi-perera", "sri-lanka"),
         ("memberOf", "amina-yusuf", "south-africa")],
        [("memberOf", "deng-malual", "sudan")],
        id="a-demonym-of-two-words-before-a-title",
    ),
    pytest.param(
        "Tomas Varga, founding chairman of the Danube Liberation Front (DLF), rejected the deal. Ana Ruiz, "
        "speaking at a rally of the Danube Liberation Front, cheered. \"It is late,\" said Mira Sen, a "
        "researcher at the Delta Policy Forum. Professor Ivo Kral of the University of Zagreb said little.",
        [("memberOf", "tomas-varga", "danube-liberation-front"),
         ("memberOf", "mira-sen", "delta-policy-forum"), ("memberOf", "ivo-kral", "university-of-zagreb")],
        [("memberOf", "ana-ruiz", ...)],
        id="a-title-after-an-ing-word-a-forum-and-a-professor",
    ),
    pytest.param(
        '"It is late," said Lina Haddad, a senior fellow at the Centre for Levantine Studies in London. '
        "Omar Tal of the Council on Maghreb Affairs said the talks had ended. \"No,\" said Dren Berisha, "
        "an analyst at the Balkan Policy Circle. The Organisation for Security and Co-operation in Europe "
        "said it would help.",
        [("memberOf", "lina-haddad", "centre-for-levantine-studies"),
         ("memberOf", "omar-tal", "council-on-maghreb-affairs"),
         ("memberOf", "dren-berisha", "balkan-policy-circle"), ("said", "osce", "it would help")],
        [],
        id="an-organisation-named-head-first-with-for-or-on-and-a-circle",
    ),
    pytest.param(
        '"It was a declaration of intent," said Rania Khoury, a Syria researcher at the Levant Policy '
        'Forum in Beirut. Sara Gomez, a Colombia analyst, said it would fail.',
        [("memberOf", "rania-khoury", "levant-policy-forum")],
        [("memberOf", "rania-khoury", "syria"), ("memberOf", "sara-gomez", "colombia")],
        id="a-country-studied-is-no-employer",
    ),
    pytest.param(
        "Turkish Cypriot leader Ersin Tatar said talks had failed. Greek Cypriot officials said they would "
        "go on. Kenyan Foreign Minister Jane Achieng said she hoped so.",
        [("memberOf", "jane-achieng", "kenya"), ("said", "ersin-tatar", "talks had failed")],
        [("memberOf", "ersin-tatar", "cyprus"), ("memberOf", "ersin-tatar", "turkey"),
         ("said", "cyprus", ...), ("said", "greece", ...)],
        id="two-demonyms-name-a-community-not-a-country",
    ),
    pytest.param(
        "Hamas and Israel met in Cairo. A Hamas delegation made up of Khalil Darwish and Zaher Nassar "
        "arrived on Monday. The Israeli delegation was headed by Ron Adler. The JEM, whose delegation is "
        "headed by Ahmed Tugod, insists on power-sharing. Sudan's delegation, led by presidential adviser "
        "Ali Osman Karar, objected. The talks were led by Assistant Secretary of State Mark Hale.",
        [("memberOf", "khalil-darwish", "hamas"), ("memberOf", "zaher-nassar", "hamas"),
         ("memberOf", "ron-adler", "israel"), ("memberOf", "ahmed-tugod", "justice-and-equality-movement"),
         ("memberOf", "ali-osman-karar", "sudan")],
        [("memberOf", "assistant-secretary", ...)],
        id="the-people-who-lead-or-make-up-a-delegation",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), ROWS)
def test_membership(text: str, present: list, absent: list) -> None:
    check(text, present, absent)
