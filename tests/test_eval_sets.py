"""Parley's own evaluation sets (eval/): every article has gold in the shared format, and the gold
names only conditions of the scheme (the scorer stops on anything else)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from kg.resources import ontology_dir

EVAL = Path(__file__).resolve().parent.parent / "eval"
SETS = sorted(d for d in EVAL.iterdir() if (d / "gold").is_dir())
RELATIONS = (
    "said", "demands", "rejects", "accepts", "hosts", "mediates", "participates", "accuses", "member_of",
)  # fmt: skip
POSITIONS = ("demands", "rejects", "accepts")


def plain(text: str) -> str:
    return " ".join(re.sub(r"[\"“”'‘’]", "", text.lower()).split())


def condition_ids() -> set[str]:
    scheme = Graph().parse(ontology_dir() / "conditions.ttl")
    return {str(c).rsplit("/", 1)[-1] for c in scheme.subjects(SKOS.inScheme, None)}


def test_there_are_sets_of_several_articles() -> None:
    assert len(SETS) >= 4
    assert all(len(list((s / "corpus").glob("*.txt"))) >= 5 for s in SETS)


@pytest.mark.parametrize("folder", SETS, ids=[s.name for s in SETS])
def test_every_article_has_gold_in_the_shared_format(folder: Path) -> None:
    articles = {p.stem for p in (folder / "corpus").glob("*.txt")}
    gold = {p.stem for p in (folder / "gold").glob("*.json") if p.name != "actors.json"}
    assert articles == gold
    known = condition_ids()
    for stem in gold:
        data = json.loads((folder / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        assert data["article"] == stem
        for relation in RELATIONS:
            for item in data[relation]:
                assert item["s"], (stem, relation, item)
                if relation in POSITIONS:
                    assert {item["o"], *item.get("alt_o", [])} <= known, (stem, relation, item)
                if relation == "said":  # matched as the scorer does: case, quotes and spacing ignored
                    text = (folder / "corpus" / f"{stem}.txt").read_text(encoding="utf-8")
                    assert plain(item["o"]) in plain(text), (stem, item)


@pytest.mark.parametrize("folder", SETS, ids=[s.name for s in SETS])
def test_the_sets_actors_have_names_and_a_type(folder: Path) -> None:
    registry = json.loads((folder / "gold" / "actors.json").read_text(encoding="utf-8"))
    for actor, entry in registry.items():
        assert entry["names"] and all(isinstance(n, str) and n for n in entry["names"]), actor
