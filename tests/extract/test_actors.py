"""Actors: the speaker (or holder) a sentence names, however news names it.

Known actors come from ontology/actors.ttl under any of their names, capitals standing for their
government, demonyms with an official noun; unknown ones from a title or an organisation's form. Later
references (surnames, pronouns, "the group", "the government") resolve to the actor met before. The
rows read each actor through the `said` fact it is the speaker of.
"""

from __future__ import annotations

import pytest

from kg.extract.pipeline import shared_pipeline

from .table import Phrase, check, extract

ROWS = [
    pytest.param(
        "Aung Min, a minister in the new national unity government, said talks would resume. The "
        "National Unity Government said it would join them.",
        [("said", "aung-min", "talks would resume"), ("said", "myanmar-national-unity-government", ...)],
        [("memberOf", "aung-min", "myanmar-national-unity-government")],
        id="a-name-written-in-lowercase-is-a-common-noun",
    ),
    pytest.param(
        "Ahmat Acyl, a commander of the FROLINAT rebel movement, said the talks had failed. Jonas Kalandula, "
        "a spokesman for the MPLA rebels, said they would talk.",
        [("memberOf", "ahmat-acyl", "frolinat"), ("memberOf", "jonas-kalandula", "mpla")],
        [],
        id="an-unknown-abbreviation-before-rebels-names-a-group",
    ),
    pytest.param(
        "Guillaume Soro, secretary-general of the Forces Nouvelles, signed. Forces Nouvelles fighters "
        "cheered. Union Minister Rajnath Singh spoke. Union Minister Rajnath Singh left.",
        [("memberOf", "guillaume-soro", "forces-nouvelles")],
        [("memberOf", "rajnath-singh", "union-minister-rajnath-singh"), ("said", "union-minister", ...)],
        id="an-organisation-named-head-first",
    ),
    pytest.param(
        "The government and the Liberation and Justice Movement (LJM) met. The LJM said it was pleased. "
        "The Peace and Unity Party said it would stay away.",
        [("said", "liberation-and-justice-movement", "it was pleased")],
        [("said", "justice-movement", ...), ("said", "peace-and-unity-party", ...)],
        id="a-name-joined-by-and-whose-abbreviation-spells-it",
    ),
    pytest.param(
        "Rebel leader Foday Sankoh arrived. The deal gives Sankoh's Revolutionary United Front (RUF) four "
        "cabinet posts. The RUF said it would disarm.",
        [("said", "revolutionary-united-front", ...)],
        [("said", "sankoh-s-revolutionary-united-front", ...)],
        id="a-persons-name-owns-an-organisation-it-does-not-name",
    ),
    pytest.param(
        "Egypt's foreign minister said talks would go on. The Qatari prime minister said a deal was close. "
        "Hamas's chief negotiator said the gaps were narrowing. Joaquim Chissano, the former Mozambican "
        "president, said he was hopeful.",
        [("said", "egypt", "talks would go on"), ("said", "qatar", "a deal was close"),
         ("said", "hamas", "the gaps were narrowing")],
        [("said", "mozambique", ...)],
        id="an-unnamed-official-speaks-for-the-country-or-group",
    ),
    pytest.param(
        "UN envoy Ibrahim Gambari arrived on Monday. Khalil Ibrahim, the rebels' leader, said the talks "
        "were a trap.",
        [],
        [("said", "ibrahim-gambari", ...)],
        id="a-name-part-inside-someone-elses-name",
    ),
    pytest.param(
        "Lavrov dismissed that position, saying Moscow backed a ceasefire.",
        [("demands", "russia", "ceasefire")],
        [],
        id="a-capital-acting-with-a-verb-of-stance",
    ),
    pytest.param(
        "The Farc said it wanted a ceasefire. Sana reported the talks.",
        [("said", "farc", ...), ("demands", "farc", "ceasefire")],
        [("said", "sana", ...)],
        id="an-acronym-written-as-a-word",
    ),
    pytest.param(
        "The Patriotic People's Liberation Front said it wanted a ceasefire. On Tuesday's Security Council "
        "agenda, Sudan's delegation said talks would go on.",
        [("said", "patriotic-people-s-liberation-front", ...), ("said", "sudan", ...)],
        [("said", "tuesday-s-security-council", ...)],
        id="an-unknown-possessive-word-belongs-to-the-name",
    ),
    pytest.param(
        "Five commanders, among them Rafael Ostuni, signed for the guerrillas. Ostuni, speaking for the "
        "rebel command, said the fighters would keep their word.",
        [("said", "rafael-ostuni", Phrase("the fighters would keep their word"))],
        [],
        id="a-surname-back-alone-before-an-aside-and-said",
    ),
    pytest.param(
        "BREAKING: talks end\n\nKANDAL, May 2 - The ZRF rebel movement signed the truce. ZRF commanders "
        "said they would respect it. MOLAP, the largest opposition party, welcomed the ceasefire. The "
        "ceasefire takes effect at 18:00 GMT, and monitors will report at 20:00 GMT.",
        [("said", "zrf", ...), ("accepts", "molap", "ceasefire")],
        [("said", "gmt", ...), ("said", "kandal", ...), ("said", "breaking", ...)],
        id="an-unknown-abbreviation-acting-twice-or-described-is-an-organisation",
    ),
    pytest.param(
        "Israeli Prime Minister Benjamin Netanyahu met the envoy on Monday. On Friday, Benjamin "
        "Netanyahu's office said the withdrawal would go on. From Mekelle, the rebels said they would wait.",
        [("said", "israeli-pmo", "the withdrawal would go on")],
        [("said", "benjamin-netanyahu-office", ...), ("said", "from-mekelle", ...)],
        id="a-titled-leaders-office-is-the-countrys-a-preposition-opens-no-name",
    ),
    pytest.param(
        "Tomas Welde did not hide his frustration on Monday. The talks, chaired by Welde, stalled again. "
        "Welde has insisted that the rebels must be brought in.",
        [("said", "tomas-welde", Phrase("the rebels must be brought in")), ("mediates", "tomas-welde", ...)],
        [],
        id="a-full-name-whose-surname-comes-back-alone-is-a-person",
    ),
    pytest.param(
        "Talks resumed in North Kivu. North Kivu has been the scene of heavy fighting, and Kivu said it "
        "would not wait. Will Tiraspol agree? Tiraspol said it would study the text.",
        [],
        [("said", "north-kivu", ...), ("said", "will-tiraspol", ...)],
        id="a-region-or-a-question-is-no-person",
    ),
    pytest.param(
        "Colombia opened talks with the EMC on Monday.\n\n"
        "Government delegation head Camilo Gonzalez Posso opened the session.",
        [("memberOf", "camilo-gonzalez-posso", "colombia")],
        [],
        id="government-delegation-head-is-of-the-articles-government",
    ),
    pytest.param(
        "The government said it would talk to the rebels.",
        [],
        [("said", "__government__", ...)],
        id="the-government-of-an-article-naming-no-country-is-no-actor",
    ),
    pytest.param(
        "Heading the Kyrgyz side was Kamchybek Tashiev, the chairman of the State Committee for National "
        "Security (GKNB).",
        [("memberOf", "kamchybek-tashiev", "state-committee-for-national-security")],
        [],
        id="was-a-name-with-a-titled-apposition",
    ),
    pytest.param(
        "Pakistan, which helped bring the Taliban to the negotiating table, welcomed the agreement. "
        "Its foreign minister, Shah Mahmood Qureshi, attended the ceremony.",
        [("memberOf", "shah-mahmood-qureshi", "pakistan")],
        [("memberOf", "shah-mahmood-qureshi", "taliban")],
        id="its-opening-a-sentence-is-the-actor-the-last-one-opened-with",
    ),
    pytest.param(
        "The Popular Front for the Renaissance of the Central African Republic (FPRC) signed the deal. "
        "The FPRC said it would disarm.",
        [("said", "popular-front-for-the-renaissance-of-the-central-african-republic", ...)],
        [("said", "popular-front", ...)],
        id="a-long-name-with-its-abbreviation-over-its-first-words",
    ),
    pytest.param(
        "After Khartoum, can the Central African Republic's deal hold?\n\n"
        "The government said the deal would hold.",
        [("said", "central-african-republic", ...)],
        [("said", "sudan", ...)],
        id="the-government-is-not-of-a-capital-naming-a-venue",
    ),
    pytest.param(
        "In a statement, Minister for Bougainville Affairs Manasseh Makiba said the State would not agree.",
        [("said", "manasseh-makiba", ...)],
        [("said", "bougainville-affairs-manasseh-makiba", ...)],
        id="minister-for-a-portfolio-then-the-name",
    ),
    pytest.param(
        "Kenya hosted the talks. That drew a response from Ezekiel Masatt, Kenya's Minister for Peace, "
        "who said the national government had kept its word.",
        [("memberOf", "ezekiel-masatt", "kenya")],
        [],
        id="a-response-from-a-name-with-a-titled-apposition",
    ),
    pytest.param(
        "The RSF said it would respect the truce.",
        [("said", "rapid-support-forces", ...)],
        [],
        id="abbreviation",
    ),
    pytest.param(
        "The UN said aid convoys had been blocked at the border.",
        [("said", "united-nations", ...)],
        [],
        id="abbreviation-of-an-international-organisation",
    ),
    pytest.param(
        "Washington said it was ready to host the next round.",
        [("said", "united-states", ...)],
        [],
        id="capital-for-its-government",
    ),
    pytest.param(
        "Hamas officials flew to Cairo on Monday, the group said.",
        [("said", "hamas", ...)],
        [("said", "egypt", ...), ("hosts", "egypt", ...)],
        id="a-capital-as-a-destination-is-not-an-actor",
    ),
    pytest.param(
        "Egyptian officials said the crossing would reopen on Sunday.",
        [("said", "egypt", ...)],
        [],
        id="demonym-with-officials",
    ),
    pytest.param(
        "An official Egyptian source said the crossing would reopen on Sunday.",
        [("said", "egypt", ...)],
        [],
        id="an-official-demonym-source",
    ),
    pytest.param(
        "The Israelis said they would send a delegation to Doha.",
        [("said", "israel", ...)],
        [],
        id="plural-demonym",
    ),
    pytest.param(
        "Iran's Foreign Ministry said the talks had been constructive.",
        [("said", "iranian-foreign-ministry", ...)],
        [],
        id="country-possessive-ministry",
    ),
    pytest.param(
        "Sudan's army said it had agreed to the truce.",
        [("said", "sudanese-armed-forces", ...)],
        [],
        id="country-possessive-army",
    ),
    pytest.param(
        "Saudi Arabia and the United States said in a joint communique that the talks would resume.",
        [("said", "saudi-arabia", ...), ("said", "united-states", ...)],
        [],
        id="two-word-names-coordinated",
    ),
    pytest.param(
        "Hamas official Khaled Nasser arrived in Cairo on Monday.\n\nNasser said the group would study the "
        "proposal.",
        [("said", "khaled-nasser", ...)],
        [],
        id="surname-after-full-name",
    ),
    pytest.param(
        "Israeli government spokeswoman Miriam Adler spoke to reporters in Jerusalem.\n\n"
        "She said Israel would not end the war before the hostages were home.",
        [("said", "miriam-adler", ...)],
        [],
        id="pronoun-she",
    ),
    pytest.param(
        "Hamas received the proposal on Sunday.\n\nThe movement said it would respond within days.",
        [("said", "hamas", ...)],
        [],
        id="the-movement",
    ),
    pytest.param(
        "The Colombian government and the ELN resumed talks in Havana.\n\n"
        "The government said the rebels must free all hostages first.",
        [("said", "colombia", ...)],
        [("said", "eln", ...)],
        id="the-government",
    ),
    pytest.param(
        "Colombia opens peace talks with the EMC in Tibu.\n\n"
        "The government said the rebels must free all hostages first.",
        [("said", "colombia", ...)],
        [],
        id="the-government-of-the-first-country-named",
    ),
    pytest.param(
        "The ELN said on Monday it would extend its unilateral truce.\n\n"
        "The rebels said the army must halt its operations in the northeast.",
        [("said", "eln", Phrase("army must halt its operations"))],
        [],
        id="the-rebels",
    ),
    pytest.param(
        "The Free Coast Liberation Front said it would join the talks in Nairobi.",
        [("said", "free-coast-liberation-front", ...)],
        [],
        id="unknown-organisation-by-its-form",
    ),
    pytest.param(
        "Foreign Minister Andriy Dovhan said Ukraine would never cede territory.",
        [("said", "andriy-dovhan", ...)],
        [("said", "ukraine", ...)],
        id="unknown-person-by-title",
    ),
    pytest.param(
        "Hamas official Khaled Nasser told Reuters that the group had received the proposal.",
        [("said", "khaled-nasser", ...)],
        [("said", "reuters", ...), ("said", "hamas", ...)],
        id="the-outlet-told-is-not-the-speaker",
    ),
    pytest.param(
        "His Ugandan counterpart Jane Akello said the border would stay open.",
        [("said", "jane-akello", ...)],
        [("said", "uganda", ...)],
        id="a-counterpart-is-a-title",
    ),
    pytest.param(
        '"The door remains open," Omar Haddad, chief adviser to the president, told reporters.',
        [("said", "omar-haddad", Phrase("door remains open"))],
        [],
        id="a-name-followed-by-a-lowercase-title",
    ),
    pytest.param(
        "The head of the transitional council, Amina Diallo, welcomed the accord and said it should open "
        "the way to elections.",
        [("said", "amina-diallo", ...)],
        [],
        id="a-title-with-its-complement-then-the-name",
    ),
    pytest.param(
        "Army spokesman Brig Gen Nabil Sadek said the truce was holding.",
        [("said", "nabil-sadek", ...)],
        [],
        id="military-ranks-without-full-stops-are-titles",
    ),
    pytest.param(
        "The Popular Liberation Front (PLF) said it would attend. Two days later the PLF said the talks "
        "had stalled.",
        [("said", "popular-liberation-front", Phrase("talks had stalled"))],
        [],
        id="an-organisation-is-named-later-by-its-abbreviation",
    ),
    pytest.param(
        "The Democratic Resistance Front of Uganda said it would attend the talks.",
        [("said", "democratic-resistance-front-of-uganda", ...)],
        [("said", "uganda", ...)],
        id="an-organisation-named-after-its-country",
    ),
    pytest.param(
        "The National Salvation Front (NAS) said it would not return. Later NAS said the talks were over.",
        [("said", "national-salvation-front", Phrase("talks were over"))],
        [("said", "the-national", ...)],
        id="a-newspaper-title-opening-a-longer-name-is-not-the-newspaper",
    ),
    pytest.param(
        "Army chief General Romeo Brawner Jr said the war would go on. Brawner said the rebels must disarm.",
        [("said", "romeo-brawner-jr", Phrase("rebels must disarm"))],
        [],
        id="a-surname-before-jr",
    ),
    pytest.param(
        "Lt. Gen. Abdel Rahman said the army would hold its fire. Mr. Smith said the talks were over.",
        [("said", "abdel-rahman", ...), ("said", "smith", ...)],
        [("said", "gen-abdel-rahman", ...)],
        id="titles-with-full-stops",
    ),
    pytest.param(
        "The strongest armed movement, the Front for Change and Concord in Chad (FACT), refused to sign. "
        "FACT said in a statement it could not sign.",
        [("said", "front-for-change-and-concord-in-chad", ...)],
        [("said", "chad", ...)],
        id="a-name-with-its-abbreviation-in-parentheses",
    ),
    pytest.param(
        "The meeting was facilitated by US special envoy for Syria Tom Barrack, the most senior contact in "
        "years. Barrack wrote on X that both sides had agreed to keep talking.",
        [("said", "tom-barrack", Phrase("keep talking"))],
        [],
        id="a-title-for-a-place-then-the-name",
    ),

    pytest.param(
        'Syrian President Ahmed al-Sharaa blamed Israel. "We are not afraid of talks," Sharaa told '
        "reporters.",
        [("said", "ahmed-al-sharaa", "We are not afraid of talks")],
        [],
        id="a-surname-without-its-arabic-article",
    ),
    pytest.param(
        'Syria said the talks were useful. Damascus had pressed for "the withdrawal of Israeli forces from '
        'all the points they hold," it added.',
        [("said", "syria", Phrase("Israeli forces"))],
        [("said", "israel-defense-forces", ...)],
        id="it-after-a-quote-is-not-a-name-inside-it",
    ),
    pytest.param(
        "The Government of India and the NSCN (IM) signed a framework accord. The NSCN (K) rejected it, "
        "and the CPN (Maoist Centre) said it would study the text.",
        [("participatesIn", "nscn-im", ...), ("said", "cpn-maoist-centre", Phrase("study the text"))],
        [("participatesIn", "government-of-india-and-the-nscn", ...), ("said", "nscn-k", ...)],
        id="an-abbreviation-with-a-faction-tag-names-the-faction",
    ),
    pytest.param(
        "The African Union (AU) said the truce held. The M23 (March 23 Movement) said the truce held.",
        [("said", "african-union", ...), ("said", "m23", ...)],
        [("said", "m23-march-23-movement", ...)],
        id="an-expansion-in-parentheses-is-no-faction-tag",
    ),
    pytest.param(
        'Ali Hassan Dagalo, known as Hemeti, the deputy head of the council, told the hall that "the war '
        'is finished."',
        [("said", "ali-hassan-dagalo", Phrase("the war is finished"))],
        [],
        id="a-name-then-known-as-then-an-apposition",
    ),
    pytest.param(
        "South Vietnamese officials insist the detainees are criminals. Saigon rejected the terms, while "
        "the Soviet Union said it welcomed the deal.",
        [("said", "south-vietnam", Phrase("the detainees are criminals")),
         ("said", "soviet-union", Phrase("welcomed the deal"))],
        [("said", "vietnam", ...)],
        id="states-of-their-time-north-and-south-vietnam-the-soviet-union",
    ),
    pytest.param(
        "Jean-Luc Kabamba's Movement for the Liberation of Kivu (MLK) said it would sign. The Lord's "
        "Liberation Army (LLA) said it would not.",
        [("said", "movement-for-the-liberation-of-kivu", ...), ("said", "lord-s-liberation-army", ...)],
        [],
        id="a-possessive-inside-a-name-and-before-a-whole-one",
    ),
    pytest.param(
        "Lebanese negotiator Karim Haddad arrived first. Egypt's foreign minister met the envoys on "
        "Monday. He accused Israel of stalling the talks.",
        [("accuses", "egypt", "israel")],
        [("accuses", "karim-haddad", "israel")],
        id="he-after-an-unnamed-official-is-the-officials-country",
    ),
    pytest.param(
        'Kenyan envoy Ruth Wanjiru spoke after the talks. "We respect China\'s security concerns," she '
        "said. Asked whether she would meet her Ugandan counterpart, Wanjiru said she was ready.",
        [("said", "ruth-wanjiru", "We respect China's security concerns"),
         ("said", "ruth-wanjiru", "she was ready")],
        [("said", "china", ...), ("said", "uganda", ...), ("memberOf", "ruth-wanjiru", "uganda")],
        id="a-countrys-concerns-and-a-counterpart-are-no-speakers-for-she",
    ),
    pytest.param(
        "Her Ugandan counterpart, Sam Kutesa, said he was ready.",
        [("said", "sam-kutesa", "he was ready"), ("memberOf", "sam-kutesa", "uganda")],
        [("said", "uganda", ...)],
        id="a-title-then-a-name-between-commas-is-an-apposition",
    ),
    pytest.param(
        "Kenyan MP John Obiri told reporters the deal was fair. Eldoret North MP Paul Kiprono said it "
        "would not last. Republican Congressman Tom Reyes said he would vote for it.",
        [("said", "john-obiri", "the deal was fair"), ("memberOf", "john-obiri", "kenya"),
         ("said", "paul-kiprono", "it would not last"), ("said", "tom-reyes", "he would vote for it")],
        [("said", "kenyan-mp-john-obiri", ...)],
        id="a-member-of-parliament-is-titled",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), ROWS)
def test_actor_resolution(text: str, present: list, absent: list) -> None:
    check(text, present, absent)


def test_a_possessive_before_a_name_that_its_abbreviation_spells_marks_the_owner() -> None:
    nlp = shared_pipeline()
    doc = nlp("Jean-Luc Kabamba's Movement for the Liberation of Kivu (MLK) said it would sign.")
    assert {m.actor.key for m in doc._.actors.mentions} == {"movement-for-the-liberation-of-kivu"}


def test_an_actor_is_labelled_with_its_preferred_name_and_keeps_the_names_used() -> None:
    result = extract("The RSF said it would respect the truce.")
    rsf = next(a for a in result.mentions if a.key == "rapid-support-forces")
    assert rsf.label == "Rapid Support Forces"
    assert "RSF" in rsf.names
    assert rsf.known


def test_a_ministry_made_from_its_country_keeps_the_articles_words_for_it() -> None:
    result = extract("The Azerbaijani foreign ministry said talks would resume.")
    ministry = next(a for a in result.mentions if a.key == "azerbaijan-foreign-ministry")
    assert "Azerbaijani foreign ministry" in (ministry.label, *ministry.names)


def test_the_head_of_a_mission_is_no_person_named_mission() -> None:
    result = extract(
        '"Today the Libyans chose peace," said Stephanie Williams, the acting head of the U.N. Support '
        "Mission in Libya, who facilitated the negotiations."
    )
    people = {a.label for a in result.mentions if a.kind == "Person"}
    assert people == {"Stephanie Williams"}


def test_a_person_unknown_to_the_ontology_is_keyed_by_their_name() -> None:
    result = extract("Foreign Minister Andriy Dovhan said Ukraine would never cede territory.")
    person = next(a for a in result.mentions if a.key == "andriy-dovhan")
    assert (person.label, person.kind, person.known) == ("Andriy Dovhan", "Person", False)


def test_the_article_mentions_the_actors_of_its_facts() -> None:
    result = extract("Hamas accused Israel of stalling the negotiations.")
    assert {"hamas", "israel"} <= {a.key for a in result.mentions}


@pytest.mark.parametrize("text", ["The talks resumed and he met the senior", "Hamas said it met a former"])
def test_a_determiner_and_rank_word_ending_the_text_is_no_description(text: str) -> None:
    extract(text)  # "the senior" with no noun after it used to raise IndexError


@pytest.mark.parametrize("text", ["", " ", "\n\n", "."])
def test_a_text_without_words_gives_nothing_and_does_not_fail(text: str) -> None:
    result = extract(text)
    assert list(result.facts) == [] and list(result.mentions) == []
