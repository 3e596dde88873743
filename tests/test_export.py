"""`kg export`: every format parses back to the same triples, in rdflib and in Oxigraph; the dataset
formats keep one named graph per article plus the ontology graph; the output is stable."""

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg.cli import main
from kg.export import (
    DATASET_FORMATS,
    FORMATS,
    ONTOLOGY_GRAPH,
    article_graphs,
    export,
    merged_graph,
    ontology_graph,
    read_graph,
    to_dataset,
)
from kg.graph import article_iri
from kg.namespace import ACTOR, CONDITION, EVIDENCE, PARLEY, TALKS

FIXTURE = Path(__file__).parent / "fixtures" / "export_graph.ttl"
D01, D02 = article_iri("d01"), article_iri("d02")
RDFLIB_FORMATS = {
    "turtle": "turtle",
    "ntriples": "nt",
    "trig": "trig",
    "nquads": "nquads",
    "jsonld": "json-ld",
}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return read_graph(FIXTURE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return ontology_graph()


def parse_with_rdflib(text: str, fmt: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=text, format=RDFLIB_FORMATS[fmt])
    return dataset


def union(dataset: Dataset) -> Graph:
    merged = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def parse_with_oxigraph(text: str, fmt: str) -> list[ox.Quad]:
    return list(ox.parse(text, format=OX_FORMATS[fmt]))


def oxigraph_union(quads: list[ox.Quad]) -> Graph:
    """The triples Oxigraph read, handed to rdflib through N-Triples so the two can be compared."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back_to_the_same_triples_in_rdflib_and_in_oxigraph(graph, ontology, fmt):
    expected = merged_graph(graph, ontology)
    text = export(graph, fmt, ontology)

    from_rdflib = union(parse_with_rdflib(text, fmt))
    from_oxigraph = oxigraph_union(parse_with_oxigraph(text, fmt))

    assert len(from_rdflib) == len(expected)
    assert isomorphic(from_rdflib, expected)
    assert isomorphic(from_oxigraph, expected)


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_formats_keep_one_graph_per_article_and_one_for_the_ontology(graph, ontology, fmt):
    text = export(graph, fmt, ontology)

    rdflib_names = {g.identifier for g in parse_with_rdflib(text, fmt).graphs() if len(g)}
    oxigraph_names = {q.graph_name.value for q in parse_with_oxigraph(text, fmt)}

    assert rdflib_names == {D01, D02, ONTOLOGY_GRAPH}
    assert oxigraph_names == {str(D01), str(D02), str(ONTOLOGY_GRAPH)}


def test_the_ontology_graph_holds_the_vocabulary_and_the_condition_scheme(graph, ontology):
    dataset = to_dataset(graph, ontology)
    named = dataset.graph(ONTOLOGY_GRAPH)

    assert (PARLEY.Evidence, None, None) in named
    assert (CONDITION.scheme, None, None) in named
    assert (ACTOR["rapid-support-forces"], None, None) not in named


def test_an_article_graph_holds_its_evidence_and_what_that_evidence_uses(graph):
    d02 = Graph()
    for triple in article_graphs(graph)[D02]:
        d02.add(triple)

    # its own evidence, the fact it is evidence for, and the nodes the fact uses, with their labels
    assert (EVIDENCE["37d6831528c5a72d"], None, None) in d02
    assert (ACTOR["sudanese-armed-forces"], PARLEY.rejects, CONDITION["troop-withdrawal"]) in d02
    assert (ACTOR["sudanese-armed-forces"], RDFS.label, Literal("Sudanese Armed Forces")) in d02
    assert (CONDITION["troop-withdrawal"], None, None) in d02
    assert (TALKS["d02"], RDFS.label, None) in d02
    # the talks' venue is described too, down to the place
    assert (TALKS["jeddah"], PARLEY.location, URIRef("https://w3id.org/parley/id/place/jeddah")) in d02
    # nothing found only in the other article
    assert (EVIDENCE["032d27feb151032b"], None, None) not in d02
    assert (ACTOR["rapid-support-forces"], PARLEY.accuses, None) not in d02
    assert (D01, None, None) not in d02
    assert (None, None, CONDITION["temporary-ceasefire"]) not in d02


def test_a_fact_found_in_two_articles_is_in_both_article_graphs(graph):
    fact = (ACTOR["saudi-arabia"], PARLEY.hosts, TALKS["jeddah"])
    graphs = article_graphs(graph)

    assert fact in graphs[D01]
    assert fact in graphs[D02]


def test_the_union_of_the_graphs_is_the_merged_view_even_for_triples_from_no_article(graph):
    with_knowledge = Graph()
    for triple in graph:
        with_knowledge.add(triple)
    knowledge = (ACTOR["united-states"], PARLEY.memberOf, ACTOR["nato"])  # no evidence: from no article
    with_knowledge.add(knowledge)

    dataset = to_dataset(with_knowledge)

    assert knowledge in dataset.default_graph
    assert set(union(dataset)) == set(with_knowledge)


def test_turtle_uses_the_project_prefixes(graph, ontology):
    text = export(graph, "turtle", ontology)

    assert "PREFIX parley: <https://w3id.org/parley/ontology#>" in text
    assert "PREFIX actor: <https://w3id.org/parley/id/actor/>" in text
    assert "actor:rapid-support-forces" in text
    assert "<https://w3id.org/parley/id/actor/" not in text.split("\n\n", 1)[1]


def test_without_the_ontology_turtle_is_exactly_the_graph(graph):
    text = export(graph, "turtle", None)

    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)


def _export_in_a_fresh_process(folder: Path, seed: str) -> dict[str, bytes]:
    """Every format, exported by a new Python process whose string hashes use `seed`."""
    folder.mkdir()
    code = (
        "import sys; from pathlib import Path; from kg.export import FORMATS, export_file\n"
        "for fmt in FORMATS: export_file(Path(sys.argv[1]), fmt, Path(sys.argv[2]) / fmt)"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", code, str(FIXTURE), str(folder)], env=env, check=True)
    return {fmt: (folder / fmt).read_bytes() for fmt in FORMATS}


@pytest.mark.slow
def test_every_format_is_the_same_bytes_from_run_to_run(tmp_path):
    # different hash seeds change the order of Python's sets: the output must not depend on it
    first = _export_in_a_fresh_process(tmp_path / "first", "1")
    second = _export_in_a_fresh_process(tmp_path / "second", "2")

    for fmt in FORMATS:
        assert len(first[fmt]) > 1000, fmt
        assert first[fmt] == second[fmt], fmt


def test_cli_writes_the_file_atomically_and_says_so(tmp_path):
    out = tmp_path / "graph.trig"

    result = CliRunner().invoke(main, ["export", "--graph", str(FIXTURE), "--format", "trig", "-o", str(out)])

    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    assert {g.identifier for g in Dataset().parse(out, format="trig").graphs() if len(g)} == {
        D01,
        D02,
        ONTOLOGY_GRAPH,
    }
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]  # no temporary file left behind


def test_cli_prints_turtle_to_standard_output_by_default():
    result = CliRunner().invoke(main, ["export", "--graph", str(FIXTURE), "--no-ontology"])

    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), read_graph(FIXTURE))


def test_cli_reports_a_missing_graph_on_one_line_and_exits_2(tmp_path):
    missing = tmp_path / "nope.ttl"

    result = CliRunner().invoke(main, ["export", "--graph", str(missing)])

    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"kg: error: {missing}: no such file (run `kg build` first, or pass the graph to read)"
    )


def test_cli_reports_a_broken_graph_file_on_one_line(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b \n", encoding="utf-8")

    result = CliRunner().invoke(main, ["export", "--graph", str(broken), "--format", "nquads"])

    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: {broken}: not readable as turtle")
    assert result.stderr.count("\n") == 1
