"""The RDF a build writes keeps the contract of docs/GRAPH.md and the shared scorer's GOLD-FORMAT.md.

A small build of articles written here is read back with rdflib, as the scorer reads it: every fact
is a plain triple plus evidence nodes (`rdf:Statement`) derived from an article, claims carry their
text, positions point at a condition of the scheme, hosted talks have a located place, articles list
the actors they mention, and the same input gives the same bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.build import build
from kg.ingest import read_articles
from kg.namespace import ACTOR, CONDITION, PARLEY, SCHEMA

# The condition ids of the shared contract (GOLD-FORMAT.md: "one of the ids in conditions.json").
CONDITION_IDS = {
    "ceasefire", "permanent-ceasefire", "temporary-ceasefire", "troop-withdrawal", "return-of-displaced",
    "humanitarian-aid", "prisoner-release", "hostage-release", "hostage-list", "security-guarantees",
    "security-control", "proposal-acceptance", "disarmament", "end-of-blockade", "reconstruction",
    "sanctions-relief", "territorial-recognition", "neutrality", "nuclear-limits", "political-transition",
    "accountability", "direct-talks",
}
RELATIONS = {PARLEY.said, PARLEY.demands, PARLEY.rejects, PARLEY.accepts, PARLEY.hosts, PARLEY.mediates,
             PARLEY.participatesIn, PARLEY.accuses, PARLEY.memberOf}
POSITIONS = {PARLEY.demands, PARLEY.rejects, PARLEY.accepts}
TALKS_RELATIONS = {PARLEY.hosts, PARLEY.mediates, PARLEY.participatesIn}

CAIRO_STORY = """\
Mediators press Hamas and Israel as Cairo talks resume

By Nadia Samir

CAIRO (Reuters) - Talks between Hamas and Israel resumed in Cairo on Sunday under pressure from
mediators to agree a truce before the start of Ramadan.

The talks, hosted by Cairo, are mediated by Qatar and Egypt.

Hamas demanded a permanent ceasefire and the full withdrawal of Israeli troops from Gaza.

Hamas official Khaled Nasser told reporters: "We have shown every flexibility."

Qatar accused Israel of stalling the negotiations.

Advertisement
"""

DOHA_STORY = {
    "id": "doha-brief",
    "title": "Qatar says talks will continue despite setbacks",
    "url": "https://example.org/doha-brief",
    "date": "2025-03-02",
    "outlet": "Gulf Dispatch",
    "text": "Qatar says talks will continue despite setbacks\n\n"
            "Negotiators met again in the Qatari capital Doha on Sunday.\n\n"
            "Qatar accused Israel of stalling the negotiations.\n\n"
            "Israel rejected a permanent ceasefire.\n",
}


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cairo-talks.txt").write_text(CAIRO_STORY, encoding="utf-8")
    (folder / "briefs.jsonl").write_text(json.dumps(DOHA_STORY) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(articles folder, output folder) of one build."""
    root = tmp_path_factory.mktemp("graph")
    articles = write_articles(root / "articles")
    build([articles], root / "out")
    return articles, root / "out"


@pytest.fixture(scope="module")
def graph(built: tuple[Path, Path]) -> Graph:
    return Graph().parse(built[1] / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def texts(built: tuple[Path, Path]) -> dict[str, str]:
    """Article text by dcterms:identifier, as ingest read it."""
    return {a.id: a.text for a in read_articles([built[0]]).articles}


def statements(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, RDF.Statement))


def the(graph: Graph, node: URIRef, prop: URIRef):
    values = list(graph.objects(node, prop))
    assert len(values) == 1, f"{node} has {len(values)} values of {prop}"
    return values[0]


def evidence_of(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> list[URIRef]:
    return [st for st in statements(graph)
            if (st, RDF.subject, subject) in graph and (st, RDF.predicate, predicate) in graph
            and (st, RDF.object, obj) in graph]


# -- articles -----------------------------------------------------------------------------------------


def test_every_article_is_a_node_with_its_identifier_and_known_metadata(graph: Graph) -> None:
    articles = {str(the(graph, a, DCTERMS.identifier)): a for a in graph.subjects(RDF.type, PARLEY.Article)}
    assert set(articles) == {"cairo-talks", "doha-brief"}
    doha = articles["doha-brief"]
    assert the(graph, doha, DCTERMS.title) == Literal("Qatar says talks will continue despite setbacks")
    assert str(the(graph, doha, DCTERMS.date)) == "2025-03-02"
    assert the(graph, doha, DCTERMS.publisher) == Literal("Gulf Dispatch")
    assert str(the(graph, doha, SCHEMA.url)) == "https://example.org/doha-brief"
    assert the(graph, articles["cairo-talks"], DCTERMS.title) == Literal(
        "Mediators press Hamas and Israel as Cairo talks resume")


# -- facts: a plain triple plus evidence ---------------------------------------------------------------


def test_every_statement_names_subject_predicate_object_and_its_article(graph: Graph) -> None:
    nodes = statements(graph)
    assert len(nodes) >= 8
    for st in nodes:
        subject, predicate, obj = (the(graph, st, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert predicate in RELATIONS
        assert (subject, predicate, obj) in graph, f"{st}: its plain triple is not asserted"
        article = the(graph, st, PROV.wasDerivedFrom)
        assert (article, RDF.type, PARLEY.Article) in graph
        assert the(graph, article, DCTERMS.identifier)


def test_every_plain_fact_has_evidence(graph: Graph) -> None:
    for predicate in RELATIONS:
        for subject, obj in graph.subject_objects(predicate):
            assert evidence_of(graph, subject, predicate, obj), f"no evidence for {subject} {predicate} {obj}"


def test_evidence_sentence_and_offsets_point_into_the_article_text(graph: Graph,
                                                                   texts: dict[str, str]) -> None:
    for st in statements(graph):
        article_id = str(the(graph, the(graph, st, PROV.wasDerivedFrom), DCTERMS.identifier))
        start, end = the(graph, st, PARLEY.start).toPython(), the(graph, st, PARLEY.end).toPython()
        assert 0 <= start < end <= len(texts[article_id])
        assert texts[article_id][start:end] == str(the(graph, st, PARLEY.sentence))
        assert 0 <= float(the(graph, st, PARLEY.confidence)) <= 1
        assert str(the(graph, st, PARLEY.rule))


def test_boilerplate_is_never_evidence(graph: Graph) -> None:
    sentences = [str(o) for o in graph.objects(None, PARLEY.sentence)]
    assert not any("Advertisement" in s or s.startswith("By Nadia") for s in sentences)


# -- what each relation points at ------------------------------------------------------------------------


def test_said_points_at_a_claim_holding_the_quote_not_the_sentence(graph: Graph) -> None:
    claims = list(graph.objects(None, PARLEY.said))
    assert claims
    for claim in claims:
        assert (claim, RDF.type, PARLEY.Claim) in graph
        assert str(the(graph, claim, PARLEY.text)).strip()
    speaker = ACTOR["khaled-nasser"]
    said = {str(the(graph, c, PARLEY.text)) for c in graph.objects(speaker, PARLEY.said)}
    assert said == {"We have shown every flexibility"}
    for claim in graph.objects(speaker, PARLEY.said):
        assert the(graph, claim, PARLEY.direct) == Literal(True)


def test_positions_point_at_conditions_of_the_scheme(graph: Graph) -> None:
    found = set()
    for predicate in POSITIONS:
        for _, condition in graph.subject_objects(predicate):
            assert str(condition).startswith(str(CONDITION))
            found.add(str(condition).rsplit("/", 1)[-1])
    assert found <= CONDITION_IDS
    assert (ACTOR.hamas, PARLEY.demands, CONDITION["permanent-ceasefire"]) in graph
    assert (ACTOR.hamas, PARLEY.demands, CONDITION["troop-withdrawal"]) in graph
    assert (ACTOR.israel, PARLEY.rejects, CONDITION["permanent-ceasefire"]) in graph


def test_talks_relations_point_at_talks_and_hosts_at_a_located_place(graph: Graph) -> None:
    for predicate in TALKS_RELATIONS:
        for _, talks in graph.subject_objects(predicate):
            assert (talks, RDF.type, PARLEY.Talks) in graph
    venues = {}
    for host, talks in graph.subject_objects(PARLEY.hosts):
        place = the(graph, talks, PARLEY.location)
        venues.setdefault(host, set()).add(str(the(graph, place, RDFS.label)))
    assert venues.get(ACTOR.egypt) == {"Cairo"}
    assert venues.get(ACTOR.qatar) == {"Doha"}
    assert {ACTOR.qatar, ACTOR.egypt} <= set(graph.subjects(PARLEY.mediates, None))


def test_accuses_and_member_of_point_at_labelled_actors(graph: Graph) -> None:
    assert (ACTOR.qatar, PARLEY.accuses, ACTOR.israel) in graph
    assert (ACTOR["khaled-nasser"], PARLEY.memberOf, ACTOR.hamas) in graph
    for predicate in (PARLEY.accuses, PARLEY.memberOf):
        for subject, obj in graph.subject_objects(predicate):
            assert the(graph, subject, RDFS.label) and the(graph, obj, RDFS.label)


def test_every_fact_subject_has_one_label(graph: Graph) -> None:
    for predicate in RELATIONS:
        for subject in graph.subjects(predicate, None):
            assert the(graph, subject, RDFS.label)
    assert the(graph, ACTOR.hamas, RDFS.label) == Literal("Hamas")


def test_an_article_mentions_the_actors_of_its_facts(graph: Graph) -> None:
    for st in statements(graph):
        article = the(graph, st, PROV.wasDerivedFrom)
        mentioned = set(graph.objects(article, SCHEMA.mentions))
        assert the(graph, st, RDF.subject) in mentioned
        obj = the(graph, st, RDF.object)
        if str(obj).startswith(str(ACTOR)):
            assert obj in mentioned


def test_a_fact_in_two_articles_is_one_triple_with_two_evidence_nodes(graph: Graph) -> None:
    triples = list(graph.triples((ACTOR.qatar, PARLEY.accuses, ACTOR.israel)))
    assert len(triples) == 1
    evidence = evidence_of(graph, ACTOR.qatar, PARLEY.accuses, ACTOR.israel)
    articles = {str(the(graph, the(graph, st, PROV.wasDerivedFrom), DCTERMS.identifier)) for st in evidence}
    assert len(evidence) == 2
    assert articles == {"cairo-talks", "doha-brief"}


# -- determinism ------------------------------------------------------------------------------------------


def test_two_builds_give_byte_identical_graphs(built: tuple[Path, Path], tmp_path: Path) -> None:
    """A second build in a fresh process, with another hash seed, writes the same bytes."""
    articles, first = built
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "build", str(articles), "-o", str(tmp_path),
         "--quiet"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == (first / "graph.ttl").read_bytes()


def test_the_same_build_twice_in_one_process_gives_the_same_bytes(built: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    articles, first = built
    build([articles], tmp_path)
    assert (tmp_path / "graph.ttl").read_bytes() == (first / "graph.ttl").read_bytes()
