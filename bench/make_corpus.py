"""Write a synthetic corpus of negotiation news for benchmarks and fault tests.

Every sentence comes from the templates below, filled with countries the ontology knows, invented
people and groups, capitals and conditions, so the extractor finds all nine relations. No text is
taken from a real article. The same seed gives the same corpus.

    python bench/make_corpus.py OUT_DIR [--articles 2000] [--words 600] [--seed 1] [--jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

COUNTRIES = [
    "Egypt", "Qatar", "the United States", "Turkey", "Norway", "Kenya", "Ethiopia", "Sudan", "Oman",
    "Saudi Arabia", "Switzerland", "South Africa", "Colombia", "Brazil", "Indonesia", "Malaysia",
    "Nigeria", "Algeria", "Jordan", "Kuwait", "Uganda", "Angola", "Chile", "Mexico", "Ghana",
]
CITIES = [
    "Cairo", "Doha", "Ankara", "Oslo", "Nairobi", "Addis Ababa", "Muscat", "Riyadh", "Geneva",
    "Pretoria", "Bogota", "Brasilia", "Jakarta", "Kuala Lumpur", "Abuja", "Algiers", "Amman",
    "Kampala", "Luanda", "Accra",
]
GROUPS = [
    "the Northern Liberation Front", "the Coastal Defence Movement", "the Highland People's Army",
    "the United Resistance Council", "the Eastern Patriotic Forces", "the River Valley Alliance",
    "the Southern Unity Movement", "the Free Plains Brigades", "the Desert Shield Coalition",
    "the Lake Region Self-Defence Forces",
]
FIRST = ["Amara", "Tomas", "Leila", "Joon", "Farid", "Ines", "Kwame", "Sofia", "Rashid", "Elena",
         "Nadia", "Pavel", "Omar", "Grace", "Yusuf", "Marta", "Samir", "Lucia", "Daniel", "Hana"]
LAST = ["Velis", "Okonjo", "Haddad", "Marten", "Castellano", "Brandt", "Osei", "Nakamura", "Rahimi",
        "Lindqvist", "Abebe", "Moreau", "Karimov", "Silva", "Mensah", "Petrov", "Aziz", "Duarte"]
TITLES = ["Foreign Minister", "Defence Minister", "President", "Prime Minister", "envoy",
          "chief negotiator", "spokesman", "spokeswoman"]
CONDITIONS = [
    "a permanent ceasefire", "a temporary ceasefire", "the withdrawal of troops",
    "the release of prisoners", "the release of hostages", "humanitarian aid", "security guarantees",
    "the return of displaced people", "an end to the blockade", "sanctions relief",
    "the disarmament of militias", "reconstruction funds", "direct talks", "a political transition",
]
QUOTES = [
    "We will not sign anything that leaves our people without protection",
    "The door to dialogue remains open, but time is running out",
    "There can be no agreement while the shelling continues",
    "Our delegation came here in good faith and will stay as long as it takes",
    "Anyone who breaks this truce will be held responsible",
    "We are closer to a deal than at any point this year",
    "The proposal on the table is the best chance for peace in a decade",
    "We reject any plan that divides the country",
    "The next forty-eight hours will decide whether this process survives",
    "Civilians have paid the price for this war for far too long",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
OUTLETS = ["Reuters", "AFP", "AP"]

SENTENCES = [
    '{person}, {title} of {country}, said on {day}: "{quote}."',
    '"{quote}," {person} told reporters in {city} on {day}.',
    "{group} demanded {condition} before any new round of talks, according to a statement.",
    "{country} rejected {condition}, saying the idea would only reward aggression.",
    "{group} accepted {condition} late on {day}, two officials said.",
    "{country} hosted talks in {city} between {group} and {country2} this week.",
    "{country} is mediating between the two sides, with help from {country2}.",
    "{group} accused {country} of violating the truce in the border districts.",
    "Negotiators from {country} and {group} met in {city} on {day} for a fourth round.",
    "{person}, a senior member of {group}, said the delegation would return to {city} next week.",
    "{country} called for {condition} and urged both parties to show restraint.",
    "{person} warned that {group} would walk away unless {condition} was guaranteed.",
    "Officials in {city} said {country} and {country2} had agreed to keep channels open.",
    "{group} blamed {country2} for the collapse of the previous agreement.",
    "The talks, hosted by {country} in {city}, are expected to resume after the holiday.",
    "Aid agencies said thousands of families remained displaced and short of food and water.",
    "Fighting eased in several districts overnight, residents said, although sporadic gunfire was heard.",
    "Diplomats described the atmosphere as tense but constructive, without giving details.",
    "The conflict has killed several thousand people and forced many more from their homes since it began.",
    "Markets in the capital reopened briefly as shoppers stocked up on fuel and flour.",
]

# Background sentences: the varied vocabulary, numbers and rare names of real news, so that a tokenizer
# meets new strings as often as it would on real articles.
BACKGROUND = [
    "At least {n} people were killed in {village} on {day}, according to a local health official.",
    "The {org} said it had delivered {n} tonnes of wheat, lentils and cooking oil since {month}.",
    "Prices of bread rose {pct}% in a week, and queues at petrol stations stretched for {small} kilometres.",
    "A convoy of {small} trucks carrying medicine reached {village} late on {day} after a long delay.",
    "Satellite images reviewed by analysts showed damage to {small} bridges and a dam near {village}.",
    "Donors pledged ${money} billion at a conference in {city}, short of the ${money2} billion requested.",
    "The currency lost {pct}% of its value against the dollar, trading at {n} on the parallel market.",
    "Schools in {village} have been closed for {small} months; teachers say {n} pupils have missed exams.",
    "Engineers from the {org} repaired a water pipeline that serves roughly {n} households.",
    "Residents of {village} described hearing artillery at about {hour}:{minute} a.m., followed by drones.",
    "Human-rights monitors documented {small} arbitrary detentions in {village} and neighbouring hamlets.",
    "The ministry of health reported {n} cases of cholera, most of them children under five.",
    "Farmers near {village} said they had been unable to plant sorghum and millet for a second season.",
    "Analysts at the {org} estimated reconstruction costs at ${money} billion over the next decade.",
    "Journalist {rare} of the {outlet2} said checkpoints had multiplied along the road to {village}.",
    "Opposition lawmaker {rare} called the negotiations opaque and demanded that parliament be briefed.",
    "Shipping insurers raised premiums by {pct}% for vessels calling at ports within {small} nautical miles.",
    "Electricity was restored to {pct}% of {village}'s neighbourhoods, the utility company announced.",
    "Camps for the displaced near {village} now shelter about {n} people, up from {n2} in {month}.",
    "The fighting has disrupted harvests, and the {org} warned of pockets of famine by {month}.",
]
SYLLABLES = ["ka", "ro", "mi", "tesh", "van", "dor", "li", "sa", "bek", "nu", "gal", "ir", "zo", "ham",
             "el", "qu", "rat", "sin", "ova", "put", "dre", "yen", "kos", "abu", "mar"]
ORGS = ["World Food Programme", "International Committee of the Red Cross", "United Nations Children's Fund",
        "International Rescue Committee", "World Health Organization", "Norwegian Refugee Council",
        "International Crisis Group", "World Bank", "African Development Bank"]
OUTLETS2 = ["Evening Ledger", "Morning Courier", "Daily Meridian", "Weekly Observer"]


def rare_name(rng: random.Random, parts: int = 2) -> str:
    """An invented word of 2-4 syllables: the names of villages and people no lexicon lists."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(parts, parts + 2))).capitalize()


def article(rng: random.Random, number: int, words: int) -> dict:
    """One article as a jsonl record: id, title, date, outlet and text (about `words` words)."""
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    city, month, day_of_month = rng.choice(CITIES), rng.choice(MONTHS), rng.randint(1, 28)
    outlet = rng.choice(OUTLETS)
    countries = rng.sample(COUNTRIES, 3)
    title = f"Talks in {city} resume as {countries[0]} presses for a deal"
    paragraphs, count, sentences = [], 0, []
    while count < words:
        slots = {
            "person": rng.choice(people),
            "title": rng.choice(TITLES),
            "country": rng.choice(countries),
            "country2": rng.choice([c for c in countries if c != countries[0]]),
            "group": rng.choice(GROUPS),
            "city": city if rng.random() < 0.7 else rng.choice(CITIES),
            "condition": rng.choice(CONDITIONS),
            "quote": rng.choice(QUOTES),
            "day": rng.choice(DAYS),
        }
        if rng.random() < 0.35:
            slots.update(
                n=f"{rng.randint(12, 98000):,}", n2=f"{rng.randint(12, 98000):,}", small=rng.randint(2, 60),
                pct=rng.randint(3, 95), money=f"{rng.uniform(0.2, 30):.1f}",
                money2=f"{rng.uniform(30, 60):.1f}",
                village=rare_name(rng), rare=f"{rare_name(rng)} {rare_name(rng)}", org=rng.choice(ORGS),
                outlet2=rng.choice(OUTLETS2), month=rng.choice(MONTHS), hour=rng.randint(1, 12),
                minute=f"{rng.randint(0, 59):02d}",
            )
            sentence = rng.choice(BACKGROUND).format(**slots)
        else:
            sentence = rng.choice(SENTENCES).format(**slots)
        sentence = sentence[0].upper() + sentence[1:]
        sentences.append(sentence)
        count += len(sentence.split())
        if len(sentences) == rng.randint(2, 3):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    dateline = f"{city.upper()}, {month} {day_of_month} ({outlet}) - "
    text = f"{title}\n\n{dateline}{paragraphs[0]}\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
    return {"id": f"synthetic-{number:05d}", "title": title, "outlet": outlet,
            "date": f"2024-{MONTHS.index(month) + 1:02d}-{day_of_month:02d}", "text": text}


def write_corpus(out: Path, articles: int, words: int = 600, seed: int = 1, jsonl: bool = False,
                 start: int = 0) -> list[Path]:
    """Write `articles` articles into `out` (one .txt each, or one corpus.jsonl) and return the files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = [article(rng, start + i, words) for i in range(articles)]
    if jsonl:
        path = out / "corpus.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return [path]
    paths = []
    for record in records:
        path = out / f"{record['id']}.txt"
        path.write_text(record["text"], encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jsonl", action="store_true",
                        help="one corpus.jsonl instead of one .txt per article")
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, args.words, args.seed, args.jsonl)
    print(f"wrote {args.articles} articles to {len(paths)} file(s) in {args.out}")


if __name__ == "__main__":
    main()
