"""`kg validate`: SHACL shapes for the graph contract. Graphs the build writes conform; graphs broken on
purpose are rejected, and the report says which node, which property and what is wrong."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from kg.cli import main
from kg.export import SUFFIXES, export, ontology_graph, read_graph
from kg.extract.facts import Actor, ArticleFacts, Claim, Condition, Evidence, Fact, Talks
from kg.graph import article_iri
from kg.ingest import Article
from kg.namespace import ACTOR, CLAIM, CONDITION, EVIDENCE, PARLEY, TALKS
from kg.store import build_graph
from kg.validate import load_shapes, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "export_graph.ttl"
EV = EVIDENCE["032d27feb151032b"]  # RSF accuses the army, in d01
CLAIM_NODE = CLAIM["ff73d42870193b68"]
D01, D02 = article_iri("d01"), article_iri("d02")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def fixture_graph() -> Graph:
    return read_graph(FIXTURE)


def problems_of(graph: Graph, shapes: Graph) -> list[tuple[str, str, str]]:
    report = validate_graph(graph, shapes)
    assert not report.conforms
    return [(p.focus, p.path, p.message) for p in report.problems]


def built_graph() -> Graph:
    """A graph written by the builder itself (kg.graph), with every relation and kind of node."""
    rsf = Actor(
        "rapid-support-forces", "Rapid Support Forces", "Organization", ("ArmedGroup",), ("RSF",), True
    )
    army = Actor("sudanese-armed-forces", "Sudanese Armed Forces", "Organization", ("ArmedGroup",))
    saudi = Actor("saudi-arabia", "Saudi Arabia", "Country", names=("Riyadh",))
    usa = Actor("united-states", "United States", "Country")
    blinken = Actor("antony-blinken", "Antony Blinken", "Person")
    jeddah = Talks("Jeddah", "jeddah")

    def fact(relation, subject, obj, start):
        return Fact(
            relation, subject, obj, Evidence(start, start + 40, f"Sentence at {start}.", "test.rule", 0.75)
        )

    d01 = Article(
        "d01", "...", "d01.txt", title="Truce", date="2023-05-21", outlet="Reuters", url="https://e.org/a"
    )
    d02 = Article("d02", "...", "d02.txt", date="--05-25")
    facts01 = ArticleFacts(
        "d01",
        facts=[
            fact("said", blinken, Claim("There will be consequences", True), 0),
            fact("demands", rsf, Condition("temporary-ceasefire"), 50),
            fact("rejects", army, Condition("troop-withdrawal"), 100),
            fact("accepts", army, Condition("humanitarian-aid"), 150),
            fact("hosts", saudi, jeddah, 200),
            fact("mediates", usa, jeddah, 200),
            fact("participatesIn", rsf, jeddah, 250),
            fact("accuses", rsf, army, 300),
            fact("memberOf", blinken, usa, 0),
        ],
        mentions=[rsf, army, saudi, usa, blinken],
    )
    facts02 = ArticleFacts(
        "d02",
        facts=[fact("hosts", saudi, jeddah, 0), fact("participatesIn", army, Talks(), 60)],
        mentions=[army],
    )
    return build_graph([(d01, facts01), (d02, facts02)])


def test_the_hand_written_fixture_conforms(shapes):
    report = validate_graph(fixture_graph(), shapes)

    assert report.conforms, [str(p) for p in report.problems]
    assert report.problems == []


def test_a_graph_the_builder_writes_conforms(shapes):
    report = validate_graph(built_graph(), shapes)

    assert report.conforms, [str(p) for p in report.problems]


@pytest.mark.slow
def test_the_graph_kg_build_writes_from_the_samples_conforms(tmp_path):
    build = CliRunner().invoke(main, ["build", "--samples", "-o", str(tmp_path), "--quiet"])
    assert build.exit_code == 0, build.output

    result = CliRunner().invoke(main, ["validate", str(tmp_path / "graph.ttl")])

    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("the graph conforms to the Parley shapes\n")


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_an_export_with_its_ontology_still_conforms(tmp_path, shapes, fmt):
    path = tmp_path / f"graph{SUFFIXES[fmt]}"
    path.write_text(export(fixture_graph(), fmt, ontology_graph()), encoding="utf-8")

    report = validate_graph(read_graph(path), shapes)

    assert report.conforms, [str(p) for p in report.problems]


def _without(*patterns):
    def change(graph: Graph) -> None:
        for pattern in patterns:
            graph.remove(pattern)

    return change


def _replace(subject, predicate, value):
    def change(graph: Graph) -> None:
        graph.set((subject, predicate, value))

    return change


BREAKAGES = {
    "evidence without a subject": (
        _without((EV, RDF.subject, None)),
        ("ev:032d27feb151032b", "rdf:subject", "evidence needs exactly one rdf:subject"),
    ),
    "evidence without a predicate": (
        _without((EV, RDF.predicate, None)),
        ("ev:032d27feb151032b", "rdf:predicate", "evidence needs exactly one rdf:predicate"),
    ),
    "evidence without an object": (
        _without((EV, RDF.object, None)),
        ("ev:032d27feb151032b", "rdf:object", "evidence needs exactly one rdf:object"),
    ),
    "evidence without a source article": (
        _without((EV, PROV.wasDerivedFrom, None)),
        ("ev:032d27feb151032b", "prov:wasDerivedFrom", "evidence needs exactly one source article"),
    ),
    "evidence whose predicate is not a relation": (
        _replace(EV, RDF.predicate, RDFS.seeAlso),
        ("ev:032d27feb151032b", "rdf:predicate", "one of the nine Parley relations"),
    ),
    "evidence for a fact that is not in the graph": (
        _without((ACTOR["rapid-support-forces"], PARLEY.accuses, ACTOR["sudanese-armed-forces"])),
        (
            "ev:032d27feb151032b",
            "",
            "the fact this evidence is for (actor:rapid-support-forces parley:accuses "
            "actor:sudanese-armed-forces) is missing from the graph",
        ),
    ),
    "a confidence above 1": (
        _replace(
            EV, PARLEY.confidence, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
        ),
        ("ev:032d27feb151032b", "parley:confidence", "in [0, 1]"),
    ),
    "a sentence that ends before it starts": (
        _replace(EV, PARLEY.end, Literal(100)),
        ("ev:032d27feb151032b", "parley:start", "must start before it ends"),
    ),
    "a claim without text": (
        _without((CLAIM_NODE, PARLEY.text, None)),
        ("claim:ff73d42870193b68", "parley:text", "a claim needs exactly one parley:text"),
    ),
    "an actor without a label": (
        _without((ACTOR["saudi-arabia"], RDFS.label, None)),
        ("actor:saudi-arabia", "rdfs:label", "an actor needs a label"),
    ),
    "an actor without a type": (
        _without((ACTOR["saudi-arabia"], RDF.type, None)),
        (
            "actor:saudi-arabia",
            "",
            "an actor is an IRI typed parley:Person, parley:Organization or parley:Country",
        ),
    ),
    "a condition outside the scheme": (
        _replace(CONDITION["troop-withdrawal"], SKOS.inScheme, URIRef("https://example.org/other-scheme")),
        ("cond:troop-withdrawal", "skos:inScheme", "a condition must be in the scheme cond:scheme"),
    ),
    "talks that are not typed": (
        _without((TALKS["d02"], RDF.type, None)),
        ("talks:d02", "rdf:type", "must be typed parley:Talks"),
    ),
    "an article without an identifier": (
        _without((D02, DCTERMS.identifier, None)),
        ("article:d02-989a92", "dcterms:identifier", "an article needs exactly one dcterms:identifier"),
    ),
    "two articles with the same identifier": (
        _replace(D02, DCTERMS.identifier, Literal("d01")),
        ("article:d02-989a92", "", "another article has the same identifier"),
    ),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_a_graph_broken_on_purpose_is_rejected_with_the_node_the_property_and_why(shapes, name):
    change, (focus, path, message) = BREAKAGES[name]
    graph = fixture_graph()
    change(graph)

    problems = problems_of(graph, shapes)

    assert any(f == focus and p == path and message in m for f, p, m in problems), problems


def test_a_value_that_breaks_two_constraints_of_a_property_is_reported_once(shapes):
    graph = fixture_graph()
    graph.set((EV, PARLEY.confidence, Literal(3)))  # an integer, not a decimal, and above 1

    report = validate_graph(graph, shapes)

    assert [str(p) for p in report.problems] == [
        "ev:032d27feb151032b parley:confidence: evidence needs exactly one parley:confidence, "
        "an xsd:decimal in [0, 1] (value: '3')"
    ]


def test_cli_says_a_conforming_graph_conforms_and_exits_0():
    result = CliRunner().invoke(main, ["validate", str(FIXTURE)])

    assert result.exit_code == 0, result.output
    assert result.stdout == f"{FIXTURE}: the graph conforms to the Parley shapes\n"


def test_cli_lists_what_is_wrong_and_where_and_exits_1(tmp_path):
    graph = fixture_graph()
    graph.remove((EV, RDF.subject, None))
    graph.remove((ACTOR["saudi-arabia"], RDFS.label, None))
    broken = tmp_path / "broken.ttl"
    broken.write_text(graph.serialize(format="turtle"), encoding="utf-8")

    result = CliRunner().invoke(main, ["validate", str(broken)])

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "actor:saudi-arabia rdfs:label: an actor needs a label (rdfs:label)" in lines
    assert (
        "ev:032d27feb151032b rdf:subject: evidence needs exactly one rdf:subject, an IRI (the actor)" in lines
    )
    assert "does not conform: 2 problem(s) on 2 node(s)" in result.stderr


def test_cli_exits_2_on_a_file_it_cannot_read(tmp_path):
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle {", encoding="utf-8")

    missing = CliRunner().invoke(main, ["validate", str(tmp_path / "missing.ttl")])
    unreadable = CliRunner().invoke(main, ["validate", str(garbage)])

    assert missing.exit_code == 2
    assert missing.stderr.startswith("kg: error: ") and "no such file" in missing.stderr
    assert unreadable.exit_code == 2
    assert unreadable.stderr.startswith(f"kg: error: {garbage}: not readable as turtle")
    assert "Traceback" not in unreadable.output


def test_cli_takes_other_shapes(tmp_path):
    strict = tmp_path / "strict.ttl"
    strict.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix parley: <https://w3id.org/parley/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <urn:x:titled> a sh:NodeShape ; sh:targetClass parley:Article ;
            sh:property [ sh:path dcterms:title ; sh:minCount 1 ; sh:message "every article needs a title" ] .
        """,
        encoding="utf-8",
    )

    result = CliRunner().invoke(main, ["validate", str(FIXTURE), "--shapes", str(strict)])

    assert result.exit_code == 1
    assert result.stdout == "article:d02-989a92 dcterms:title: every article needs a title\n"
