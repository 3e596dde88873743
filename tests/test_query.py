"""Named SPARQL queries and `kg query`, on the small hand-written graph tests/fixtures/query_graph.ttl.

The fixture has five articles (one with no date, title or outlet), Gaza talks in Cairo and Sudan talks
in Jeddah, stances on five conditions, accusations both ways, and facts reported by several articles.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib import Literal as RdfLiteral

from kg.cli import main
from kg.errors import InputError, QueryError
from kg.query import (
    FORMATS,
    bind_parameters,
    fit_widths,
    format_result,
    list_queries,
    load_query,
    load_query_file,
    named_queries,
    normalise_name,
    open_store,
    parse_query,
    query_names,
    rdflib_bindings,
    resolve,
    run,
    shorten,
)

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
ACTOR = "https://w3id.org/parley/id/actor/"
COND = "https://w3id.org/parley/condition/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SAMI_SAID = "claim:6be2f8db763559ee"  # "We will sign nothing that leaves the war unfinished"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return open_store(FIXTURE)


@pytest.fixture(scope="module")
def rdflib_graph() -> Graph:
    return Graph().parse(FIXTURE)


def answer(store: ox.Store, name: str, **params: str) -> list[tuple[str, ...]]:
    """The rows of a named query as a table shows them (IRIs shortened), in order."""
    query = load_query(name)
    bindings = bind_parameters(store, query, list(params.items()))
    return [tuple(shorten(value) for value in row) for row in run(store, query, bindings)]


def kg(*args: str) -> Result:
    """`kg ...` on the fixture graph, through click, as a user would run it."""
    return CliRunner().invoke(main, [*args, "--graph", str(FIXTURE)])


# --- every named query, on the fixture ----------------------------------------------------------------

# Parameters to run each named query with, and the rows expected, in order.
EXPECTED: dict[str, tuple[dict[str, str], list[tuple[str, ...]]]] = {
    "actors": (
        {},
        [
            ("actor:hamas", "Hamas", "ArmedGroup", "", "4"),
            ("actor:israel", "Israel", "Country", "", "3"),
            ("actor:egypt", "Egypt", "Country", "", "2"),
            ("actor:qatar", "Qatar", "Country", "", "2"),
            ("actor:sami-abu-zuhri", "Sami Abu Zuhri", "Person", "actor:hamas", "2"),
            ("actor:united-states", "United States", "Country", "", "2"),
            ("actor:antony-blinken", "Antony Blinken", "Person", "actor:united-states", "1"),
            ("actor:benjamin-netanyahu", "Benjamin Netanyahu", "Person", "actor:israel", "1"),
            ("actor:otty-patino", "Otty Patino", "Person", "", "1"),
            ("actor:rapid-support-forces", "Rapid Support Forces", "ArmedGroup", "", "1"),
            ("actor:saudi-arabia", "Saudi Arabia", "Country", "", "1"),
            ("actor:sudanese-armed-forces", "Sudanese Armed Forces", "ArmedGroup", "", "1"),
        ],
    ),
    "claims-by": (
        {"actor": "Sami Abu Zuhri"},
        [
            ("actor:sami-abu-zuhri", "2024-05-06", "Reuters",
             "We will sign nothing that leaves the war unfinished", "true",
             "article:d01-2fab3f", SAMI_SAID),
            ("actor:sami-abu-zuhri", "2024-05-07", "Al Jazeera",
             "We will sign nothing that leaves the war unfinished", "true",
             "article:d02-989a92", SAMI_SAID),
        ],
    ),
    "positions": (
        {},
        [
            ("cond:hostage-release", "actor:israel", "2", "0", "0"),  # twice in one article
            ("cond:humanitarian-aid", "actor:rapid-support-forces", "0", "0", "1"),
            ("cond:humanitarian-aid", "actor:sudanese-armed-forces", "0", "0", "1"),
            ("cond:permanent-ceasefire", "actor:benjamin-netanyahu", "0", "1", "0"),
            ("cond:permanent-ceasefire", "actor:hamas", "3", "0", "0"),
            ("cond:permanent-ceasefire", "actor:israel", "0", "2", "0"),
            ("cond:prisoner-release", "actor:hamas", "0", "0", "1"),
            ("cond:troop-withdrawal", "actor:hamas", "1", "0", "0"),
            ("cond:troop-withdrawal", "actor:israel", "0", "1", "0"),
        ],
    ),
    "sticking-points": (
        {},
        [
            ("cond:permanent-ceasefire", "demands", "actor:hamas", "3",
             "Hamas insists on a permanent ceasefire and says it is ready for a prisoner exchange."),
            ("cond:permanent-ceasefire", "rejects", "actor:israel", "2",
             "Israel rejected on Tuesday the demand for a permanent ceasefire, saying the war would go on."),
            ("cond:permanent-ceasefire", "rejects", "actor:benjamin-netanyahu", "1",
             "Israeli Prime Minister Benjamin Netanyahu said Israel will not agree to end the war before "
             "all its goals are achieved."),
            ("cond:troop-withdrawal", "demands", "actor:hamas", "1",
             "Hamas, which demands a permanent ceasefire and the withdrawal of Israeli troops from Gaza, "
             "sent a delegation to Cairo."),
            ("cond:troop-withdrawal", "rejects", "actor:israel", "1",
             "Israel, whose negotiators took part in the Cairo talks, again rejected a permanent ceasefire "
             "and any withdrawal of its troops."),
        ],
    ),
    "mediators": (
        {},
        [
            ("talks:blog-7", "", "participatesIn", "actor:otty-patino", "1", "1"),  # no venue
            ("talks:cairo", "Cairo", "hosts", "actor:egypt", "2", "2"),
            ("talks:cairo", "Cairo", "mediates", "actor:egypt", "1", "1"),
            ("talks:cairo", "Cairo", "mediates", "actor:qatar", "2", "2"),
            ("talks:cairo", "Cairo", "mediates", "actor:united-states", "1", "1"),
            ("talks:cairo", "Cairo", "participatesIn", "actor:hamas", "1", "1"),
            ("talks:cairo", "Cairo", "participatesIn", "actor:israel", "1", "1"),
            ("talks:jeddah", "Jeddah", "hosts", "actor:saudi-arabia", "1", "1"),
            ("talks:jeddah", "Jeddah", "mediates", "actor:united-states", "1", "1"),
            ("talks:jeddah", "Jeddah", "participatesIn", "actor:rapid-support-forces", "1", "1"),
            ("talks:jeddah", "Jeddah", "participatesIn", "actor:sudanese-armed-forces", "1", "1"),
        ],
    ),
    "evidence": (
        {"subject": "Hamas", "predicate": "demands", "object": "permanent ceasefire"},
        [
            ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "2024-05-06", "Reuters",
             "article:d01-2fab3f",
             "Hamas insists on a permanent ceasefire and says it is ready for a prisoner exchange.",
             "0.85", "condition.demand", "208", "292", "ev:cf936922754f23ad"),
            ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "2024-05-07", "Al Jazeera",
             "article:d02-989a92",
             "Hamas, which demands a permanent ceasefire and the withdrawal of Israeli troops from Gaza, "
             "sent a delegation to Cairo.",
             "0.85", "condition.demand", "290", "408", "ev:8fb18034dd79425b"),
            ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "2024-05-09", "Associated Press",
             "article:d03-20a473",
             "Talks on a Gaza truce stalled on Thursday as Hamas held to its demand for a permanent "
             "ceasefire.",
             "0.8", "condition.demand", "0", "96", "ev:db53219a10f908e9"),
        ],
    ),
    "timeline": (
        {"actor": "RSF"},
        [
            ("2023-05-21", "Reuters", "article:d04-604809", "actor:rapid-support-forces",
             "parley:participatesIn", "talks:jeddah",
             "Sudan's army and the RSF signed a week-long truce in talks hosted by Saudi Arabia and mediated "
             "by the United States in Jeddah."),
            ("2023-05-21", "Reuters", "article:d04-604809", "actor:rapid-support-forces",
             "parley:accepts", "cond:humanitarian-aid",
             "Both sides agreed to open corridors for humanitarian aid."),
            ("2023-05-21", "Reuters", "article:d04-604809", "actor:rapid-support-forces",
             "parley:accuses", "actor:sudanese-armed-forces",
             "The RSF accused the army of shelling markets in Omdurman, and the army accused "
             "the RSF of looting."),
        ],
    ),
    "accusations": (
        {},
        [
            ("actor:hamas", "actor:israel", "2", "2", "true"),
            ("actor:benjamin-netanyahu", "actor:hamas", "1", "1", "false"),
            ("actor:israel", "actor:hamas", "1", "1", "true"),
            ("actor:otty-patino", "actor:hamas", "1", "1", "false"),
            ("actor:rapid-support-forces", "actor:sudanese-armed-forces", "1", "1", "true"),
            ("actor:sudanese-armed-forces", "actor:rapid-support-forces", "1", "1", "true"),
        ],
    ),
    "corroboration": (
        {},
        [
            ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "3", "3", "2"),
            ("actor:egypt", "parley:hosts", "talks:cairo", "2", "2", "2"),
            ("actor:hamas", "parley:accuses", "actor:israel", "2", "2", "2"),
            ("actor:israel", "parley:rejects", "cond:permanent-ceasefire", "2", "2", "2"),
            ("actor:qatar", "parley:mediates", "talks:cairo", "2", "2", "2"),
            ("actor:sami-abu-zuhri", "parley:said", SAMI_SAID, "2", "2", "2"),
        ],
    ),
}  # fmt: skip

# Every way a named query is run in the tests below: the engine comparison runs each of them.
RUNS = [(name, params) for name, (params, _) in EXPECTED.items()] + [
    ("timeline", {}),
    ("corroboration", {"min": "3"}),
    ("claims-by", {"actor": "the Palestinian Hamas group"}),
    ("evidence", {"subject": "Egypt", "predicate": "hosts", "object": "Cairo"}),
]


def test_the_named_queries_are_the_ones_the_tests_know() -> None:
    assert set(query_names()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_gives_the_expected_rows(store: ox.Store, name: str) -> None:
    params, rows = EXPECTED[name]
    assert answer(store, name, **params) == rows


@pytest.mark.parametrize("query", named_queries(), ids=lambda q: q.name)
def test_every_named_query_has_a_header_and_selects_its_parameters(query) -> None:
    assert query.summary and query.description and query.example
    assert query.parameters is not None
    selected = re.search(r"^SELECT\s+(?:DISTINCT\s+)?(.*)$", query.text, re.MULTILINE).group(1)
    for parameter in query.parameters:
        # Oxigraph binds only the variables of the SELECT clause.
        assert f"?{parameter.name} " in selected + " ", parameter.name


@pytest.mark.parametrize(("name", "params"), RUNS, ids=[f"{n}{sorted(p.items())}" for n, p in RUNS])
def test_rdflib_and_oxigraph_give_the_same_rows(store: ox.Store, rdflib_graph: Graph, name, params) -> None:
    query = load_query(name)
    bindings = bind_parameters(store, query, list(params.items()))
    by_oxigraph = {tuple(_key(value) for value in row) for row in run(store, query, bindings)}
    by_rdflib = {
        tuple(_key(value) for value in row)
        for row in rdflib_graph.query(query.text, initBindings=rdflib_bindings(bindings))
    }
    assert by_oxigraph  # every run here has an answer: an empty one would prove nothing
    assert by_oxigraph == by_rdflib


def _key(term) -> str:
    """A term of either engine as one string: IRI, or lexical form with language or datatype.

    A number is written in its canonical form: Oxigraph reads the "0.70" kg/graph.py writes as 0.7,
    rdflib keeps "0.70"; the value is the same.
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        value, language, datatype = term.value, term.language, term.datatype.value
    elif isinstance(term, RdfLiteral):
        value, language, datatype = str(term), term.language, str(term.datatype or XSD + "string")
    else:
        return term.value if isinstance(term, ox.NamedNode) else str(term)
    if datatype in (XSD + "decimal", XSD + "integer"):
        value = format(Decimal(value).normalize(), "f")
    return f"{value}@{language}" if language else f"{value}^^{datatype}"


def test_timeline_without_an_actor_orders_every_fact_by_date(store: ox.Store) -> None:
    rows = answer(store, "timeline")
    assert len(rows) == 43  # one per evidence node
    dates = [row[0] for row in rows]
    assert dates[:3] == ["", "", ""]  # the undated blog post first, as SPARQL orders unbound values
    assert dates[3:] == sorted(dates[3:])
    assert dates[-1] == "2024-05-09"


def test_corroboration_counts_distinct_articles_not_sentences(store: ox.Store) -> None:
    # Israel demands the release of hostages twice in one article: two evidence nodes, one article.
    facts = {row[:3] for row in answer(store, "corroboration", min="1")}
    assert ("actor:israel", "parley:demands", "cond:hostage-release") in facts
    assert ("actor:israel", "parley:demands", "cond:hostage-release") not in {
        row[:3] for row in answer(store, "corroboration")
    }
    assert answer(store, "corroboration", min="3") == [
        ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "3", "3", "3")
    ]


# --- parameters: names resolved to IRIs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Hamas", "hamas", "HAMAS", "the Palestinian Hamas group", "Palestinian Hamas group",
             "Islamic Resistance Movement", "actor:hamas", f"<{ACTOR}hamas>", f"{ACTOR}hamas"],
)  # fmt: skip
def test_an_actor_may_be_given_by_any_of_its_names(store: ox.Store, name: str) -> None:
    assert resolve(store, "actor", name) == ox.NamedNode(ACTOR + "hamas")


@pytest.mark.parametrize(
    ("name", "key"),
    [("U.S.", "united-states"), ("US", "united-states"), ("Sudan's army", "sudanese-armed-forces"),
     ("Netanyahu", "benjamin-netanyahu"), ("sami-abu-zuhri", "sami-abu-zuhri"),
     ("Otty Patino", "otty-patino")],
)  # fmt: skip
def test_names_are_compared_without_case_punctuation_or_a_leading_the(store, name: str, key: str) -> None:
    assert resolve(store, "actor", name) == ox.NamedNode(ACTOR + key)


def test_normalise_name() -> None:
    assert normalise_name("The U.S.") == normalise_name("the us") == "us"
    assert normalise_name("  Sudan’s   Army ") == "sudans army"
    assert normalise_name("permanent-ceasefire") == "permanent ceasefire"
    assert normalise_name("Zürich") == "zurich"


@pytest.mark.parametrize(
    "name",
    ["permanent-ceasefire", "permanent ceasefire", "Permanent Ceasefire", "cond:permanent-ceasefire",
     "lasting ceasefire", "end of the war"],
)  # fmt: skip
def test_a_condition_may_be_given_by_id_or_label(store: ox.Store, name: str) -> None:
    # "lasting ceasefire" is an alternative label of the scheme (ontology/conditions.ttl), not of the graph.
    assert resolve(store, "condition", name) == ox.NamedNode(COND + "permanent-ceasefire")


def test_talks_may_be_given_by_label_or_venue_and_a_relation_by_name(store: ox.Store) -> None:
    assert resolve(store, "talks", "Jeddah") == resolve(store, "talks", "talks in Jeddah")
    assert resolve(store, "node", "Cairo").value == "https://w3id.org/parley/id/talks/cairo"
    assert resolve(store, "relation", "participates in").value.endswith("#participatesIn")
    assert resolve(store, "relation", "parley:accuses").value.endswith("#accuses")


def test_an_unknown_name_is_an_error_suggesting_close_ones(store: ox.Store) -> None:
    with pytest.raises(QueryError, match=r"parameter actor: no actor called 'Hamsa' in the graph; did you "
                                         r"mean 'Hamas'\?"):  # fmt: skip
        bind_parameters(store, load_query("claims-by"), [("actor", "Hamsa")])
    with pytest.raises(QueryError, match=r"actor:nobody is not in the graph"):
        resolve(store, "actor", "actor:nobody")
    with pytest.raises(QueryError, match=r"'supports' is not a relation"):
        resolve(store, "relation", "supports")


def test_a_name_shared_by_two_actors_is_an_error_listing_both(tmp_path: Path) -> None:
    graph = tmp_path / "two.ttl"
    graph.write_text(
        "@prefix actor: <https://w3id.org/parley/id/actor/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'actor:mohammed-deif rdfs:label "Mohammed Deif" ; skos:altLabel "Deif" .\n'
        'actor:omar-deif rdfs:label "Omar Deif" ; skos:altLabel "Deif" .\n',
        encoding="utf-8",
    )
    with pytest.raises(
        QueryError, match=r"'Deif' names several nodes \(actor:mohammed-deif, actor:omar-deif\)"
    ):
        resolve(open_store(graph), "actor", "Deif")


def test_a_label_beats_an_alternative_name(tmp_path: Path) -> None:
    graph = tmp_path / "army.ttl"
    graph.write_text(
        "@prefix actor: <https://w3id.org/parley/id/actor/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'actor:army rdfs:label "The Army" .\n'
        'actor:sudanese-armed-forces rdfs:label "Sudanese Armed Forces" ; skos:altLabel "the army" .\n',
        encoding="utf-8",
    )
    assert resolve(open_store(graph), "actor", "the army") == ox.NamedNode(ACTOR + "army")


def test_missing_unknown_and_repeated_parameters_are_named(store: ox.Store) -> None:
    with pytest.raises(
        QueryError, match=r"missing parameter 'actor' for query claims-by: give -p actor ACTOR"
    ):
        bind_parameters(store, load_query("claims-by"), [])
    with pytest.raises(QueryError, match=r"unknown parameter 'speaker' for query claims-by \(its parameters: "
                                         r"actor\)"):  # fmt: skip
        bind_parameters(store, load_query("claims-by"), [("speaker", "Hamas")])
    with pytest.raises(
        QueryError, match=r"unknown parameter 'actor' for query actors \(its parameters: none\)"
    ):
        bind_parameters(store, load_query("actors"), [("actor", "Hamas")])
    with pytest.raises(QueryError, match=r"parameter 'actor' is given twice"):
        bind_parameters(store, load_query("claims-by"), [("actor", "Hamas"), ("actor", "Israel")])
    with pytest.raises(QueryError, match=r"parameter min: 'two' is not an integer"):
        bind_parameters(store, load_query("corroboration"), [("min", "two")])


def test_a_default_is_bound_when_the_parameter_is_not_given(store: ox.Store) -> None:
    assert bind_parameters(store, load_query("corroboration"), []) == {"min": ox.Literal(2)}
    assert bind_parameters(store, load_query("timeline"), []) == {}  # optional, no default: left free


# --- injection: values are bound, never pasted --------------------------------------------------------

INJECTIONS = [
    'x" } UNION { ?s ?p ?o } #',
    "x' . ?s ?p ?o } #",
    "> } SELECT * WHERE { ?s ?p ?o } #",
    "Hamas\n} DROP ALL ; #",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_value_with_quotes_or_braces_is_only_a_value(store: ox.Store, value: str) -> None:
    query = parse_query("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        "SELECT ?actor ?name WHERE { ?actor rdfs:label ?name }")  # fmt: skip
    rows = list(run(store, query, bind_parameters(store, query, [("name", value)])))
    assert rows == []  # no label is that string; without binding there would be 43 rows
    size = len(store)
    with pytest.raises(QueryError, match=r"parameter actor: no actor called"):
        bind_parameters(store, load_query("claims-by"), [("actor", value)])
    assert len(store) == size


def test_an_injection_through_the_command_line_has_no_effect() -> None:
    result = kg(
        "query", "-e", "SELECT ?s ?name WHERE { ?s ?p ?name }", "-p", "name", 'x" } UNION { ?s ?p ?o } #'
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "0 rows"
    result = kg("query", "corroboration", "-p", "min", "0 || true")
    assert result.exit_code == 2
    assert result.output == "kg: error: parameter min: '0 || true' is not an integer\n"


# --- errors --------------------------------------------------------------------------------------------


def test_a_syntax_error_is_one_line_with_its_position(store: ox.Store) -> None:
    query = parse_query("SELECT ?s\nWHERE { ?s ?p }", source="-e")
    with pytest.raises(QueryError) as caught:
        run(store, query)
    assert str(caught.value) == "syntax error in -e at line 2, column 9 near '?s ?p }': unexpected '?'"


def test_a_syntax_error_in_a_query_file_names_the_file(tmp_path: Path, store: ox.Store) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("#+ summary: Broken.\n\nSELECT ?s WHERE { ?s ?p ?o FILTER( }\n", encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        run(store, load_query_file(path))
    assert (
        str(caught.value)
        == f"syntax error in {path} at line 3, column 28 near 'FILTER( }}': unexpected 'FILTER'"
    )


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as caught:
        load_query("claim-by")
    assert str(caught.value) == (
        "unknown query 'claim-by'; the named queries are: accusations, actors, claims-by, corroboration, "
        "evidence, mediators, positions, sticking-points, timeline"
    )


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "PREFIX ex: <http://example.org/#x>\n# a comment\ndelete { ?s ?p ?o } where { ?s ?p ?o }",
        "BASE <http://example.org/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_an_update_is_refused(store: ox.Store, update: str) -> None:
    size = len(store)
    with pytest.raises(QueryError, match=r"is a SPARQL update; kg query only reads the graph"):
        run(store, update)
    assert len(store) == size


def test_a_persistent_oxigraph_store_is_opened_as_it_is(tmp_path: Path) -> None:
    # A folder is an Oxigraph store (one a build could write): opened read-only, not loaded.
    folder = tmp_path / "store"
    writer = ox.Store(str(folder))
    writer.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    writer.flush()
    del writer
    assert answer(open_store(folder), "corroboration", min="3") == [
        ("actor:hamas", "parley:demands", "cond:permanent-ceasefire", "3", "3", "3")
    ]


def test_a_missing_graph_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no such graph \(run `kg build` first"):
        open_store(tmp_path / "graph.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(str(broken))):
        open_store(broken)


# --- output formats, each parsed back -----------------------------------------------------------------


def test_csv_is_the_w3c_format(store: ox.Store) -> None:
    text = format_result(run(store, load_query("accusations")), "csv")
    assert text.startswith("accuser,accused,times,articles,mutual\r\n")  # CRLF, as the W3C format says
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [ACTOR + "hamas", ACTOR + "israel", "2", "2", "true"]
    assert len(rows) == 1 + 6


def test_tsv_is_the_w3c_format(store: ox.Store) -> None:
    query = load_query("claims-by")
    bindings = bind_parameters(store, query, [("actor", "Abu Zuhri")])
    text = format_result(run(store, query, bindings), "tsv")
    assert text.splitlines()[0] == "?actor\t?date\t?outlet\t?text\t?direct\t?article\t?claim"
    parsed = list(ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.TSV))
    assert [row["date"] for row in parsed] == [
        ox.Literal("2024-05-06", datatype=ox.NamedNode(XSD + "date")),
        ox.Literal("2024-05-07", datatype=ox.NamedNode(XSD + "date")),
    ]
    assert parsed[0]["actor"] == ox.NamedNode(ACTOR + "sami-abu-zuhri")


def test_json_is_the_w3c_format(store: ox.Store) -> None:
    text = format_result(run(store, load_query("mediators")), "json")
    document = json.loads(text)
    assert document["head"]["vars"] == ["talks", "place", "role", "actor", "evidence", "articles"]
    first = document["results"]["bindings"][0]
    assert "place" not in first  # talks with no venue: the variable is unbound
    assert first["actor"] == {"type": "uri", "value": ACTOR + "otty-patino"}
    parsed = list(ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.JSON))
    assert len(parsed) == 11


def test_the_table_is_aligned_shortened_and_fits_the_width(store: ox.Store) -> None:
    query = load_query("evidence")
    bindings = bind_parameters(store, query, [("subject", "Hamas"), ("predicate", "demands"),
                                              ("object", "permanent-ceasefire")])  # fmt: skip
    lines = format_result(run(store, query, bindings), "table", width=140, bound=bindings).splitlines()
    # The parameters are shown once, above the table, rather than in a column of their own.
    assert lines[:3] == [
        "subject = actor:hamas",
        "predicate = parley:demands",
        "object = cond:permanent-ceasefire",
    ]
    header, rule, *rows, count = lines[3:]
    assert header.split() == ["date", "outlet", "article", "sentence", "confidence", "rule", "start", "end",
                              "evidence"]  # fmt: skip
    assert set(rule) == {"-", " "}
    assert count == "3 rows"
    assert all(len(line) <= 140 for line in lines)
    assert rows[0].startswith("2024-05-06  Reuters ")
    # IRIs are shortened with the project's prefixes and kept whole; the long sentence is cut.
    assert "  article:d01-2fab3f  Hamas insists on a perm" in rows[0]
    assert "…" in rows[0] and "ev:cf936922754f23ad" in rows[0]
    # A narrow terminal cuts the identifiers too, rather than overflow.
    narrow = format_result(run(store, query, bindings), "table", width=60, bound=bindings).splitlines()
    assert max(len(line) for line in narrow) <= 60


def test_the_table_right_aligns_numbers_and_leaves_unbound_cells_empty(store: ox.Store) -> None:
    lines = format_result(run(store, load_query("mediators")), "table", width=200).splitlines()
    assert lines[0].split() == ["talks", "place", "role", "actor", "evidence", "articles"]
    assert lines[2].split() == ["talks:blog-7", "participatesIn", "actor:otty-patino", "1", "1"]
    assert lines[2].endswith("       1         1")


def test_fit_widths_narrows_free_text_before_identifiers() -> None:
    assert fit_widths([10, 50, 20], 100) == [10, 50, 20]  # fits: unchanged
    assert fit_widths([10, 50, 20], 60, groups=[[1]]) == [10, 30, 20]  # only the text column narrowed
    assert fit_widths([10, 50, 40], 40, groups=[[1]]) == [10, 10, 20]  # then the others, if need be
    assert sum(fit_widths([30, 50, 40], 10)) <= 10


def test_ask_and_construct_answers_are_formatted_too(store: ox.Store) -> None:
    ask = "ASK { ?s <https://w3id.org/parley/ontology#accuses> ?o }"
    assert format_result(run(store, ask), "table") == "true\n"
    assert json.loads(format_result(run(store, ask), "json"))["boolean"] is True
    construct = ("CONSTRUCT { ?a <https://w3id.org/parley/ontology#blames> ?b } "
                 "WHERE { ?a <https://w3id.org/parley/ontology#accuses> ?b }")  # fmt: skip
    lines = format_result(run(store, construct), "table").splitlines()
    assert lines[0].split() == ["subject", "predicate", "object"]
    assert lines[-1] == "6 rows"
    rows = list(csv.reader(io.StringIO(format_result(run(store, construct), "csv"))))
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 7


# --- query files and their headers --------------------------------------------------------------------


def test_a_query_file_declares_its_parameters_in_its_header(tmp_path: Path, store: ox.Store) -> None:
    path = tmp_path / "demands-of.rq"
    path.write_text(
        "#+ summary: What one actor demands.\n"
        "#+ description: >\n"
        "#+   One row per condition,\n"
        "#+   most attested first.\n"
        "#+ params:\n"
        "#+   - who (actor, required): the actor,\n"
        "#+     by any of its names.\n"
        "#+   - least (integer, default 1): the least number of sentences.\n"
        "#+ example: |\n"
        "#+   condition\n"
        "#+   ---------\n"
        "\n"
        "PREFIX parley: <https://w3id.org/parley/ontology#>\n"
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
        "SELECT ?who ?condition (COUNT(?e) AS ?n) ?least WHERE {\n"
        "  ?e rdf:subject ?who ; rdf:predicate parley:demands ; rdf:object ?condition .\n"
        "} GROUP BY ?who ?condition ?least HAVING (COUNT(?e) >= ?least) ORDER BY DESC(?n)\n",
        encoding="utf-8",
    )
    query = load_query_file(path)
    assert query.summary == "What one actor demands."
    assert query.description == "One row per condition, most attested first."
    assert query.example == "condition\n---------"
    assert [(p.name, p.kind, p.required, p.default) for p in query.parameters] == [
        ("who", "actor", True, None),
        ("least", "integer", False, "1"),
    ]
    assert query.parameters[0].description == "the actor, by any of its names."
    result = kg("query", str(path), "-p", "who", "the Palestinian Hamas group", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        f"{ACTOR}hamas,{COND}permanent-ceasefire,3,1",
        f"{ACTOR}hamas,{COND}troop-withdrawal,1,1",
    ]


def test_a_query_without_a_header_binds_any_selected_variable(store: ox.Store) -> None:
    query = parse_query("SELECT ?s ?o WHERE { ?s <https://w3id.org/parley/ontology#memberOf> ?o }")
    assert query.parameters is None
    bindings = bind_parameters(store, query, [("o", "actor:israel")])
    assert [shorten(row["s"]) for row in run(store, query, bindings)] == ["actor:benjamin-netanyahu"]
    with pytest.raises(QueryError, match=r"unknown parameter 'x' for query: the query does not select \?x"):
        run(store, query, bind_parameters(store, query, [("x", "1")]))


def test_a_header_with_an_unknown_kind_is_an_error() -> None:
    with pytest.raises(QueryError, match=r"parameter who: unknown kind 'person'"):
        parse_query("#+ params:\n#+   - who (person, required): someone.\nSELECT ?who WHERE {}")


def test_list_shows_each_query_with_its_summary_and_parameters() -> None:
    lines = list_queries().splitlines()
    assert lines[0].split(None, 1) == ["accusations", "Who blames whom, how often."]
    index = next(i for i, line in enumerate(lines) if line.startswith("claims-by "))
    assert lines[index + 1].split()[:4] == ["-p", "actor", "ACTOR", "(required)"]
    assert any(line.split()[:5] == ["-p", "min", "INTEGER", "(default", "2)"] for line in lines)
    assert {line.split()[0] for line in lines if not line.startswith(" ")} == set(query_names())


# --- the command ---------------------------------------------------------------------------------------


def test_kg_query_list() -> None:
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    assert result.output == list_queries()


def test_kg_query_runs_a_named_query_with_an_actor_given_by_name() -> None:
    result = kg("query", "claims-by", "-p", "actor", "the Palestinian Hamas group")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "actor = actor:hamas"
    assert lines[-1] == "2 rows"


@pytest.mark.parametrize("fmt", FORMATS)
def test_kg_query_writes_each_format(fmt: str) -> None:
    result = kg("query", "positions", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 9
    elif fmt == "table":
        assert result.stdout.splitlines()[-1] == "9 rows"
    else:
        sep = "," if fmt == "csv" else "\t"
        assert result.stdout_bytes.count(b"\n") == 10
        assert result.stdout.splitlines()[0].split(sep)[0] in ("condition", "?condition")


def test_kg_query_runs_an_ad_hoc_query() -> None:
    count = "SELECT (COUNT(*) AS ?facts) WHERE { ?e a <https://w3id.org/parley/ontology#Evidence> }"
    result = kg("query", "-e", count, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "facts\n43\n"


def test_kg_query_reads_the_graph_of_the_last_build_by_default(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "output").mkdir()
    shutil.copy(FIXTURE, tmp_path / "output" / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["query", "accusations"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "6 rows"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "claim-by"], "kg: error: unknown query 'claim-by'; the named queries are: accusations, "),
        (["query", "claims-by"], "kg: error: missing parameter 'actor' for query claims-by"),
        (
            ["query", "actors", "-p", "actor", "Hamas"],
            "kg: error: unknown parameter 'actor' for query actors",
        ),
        (["query", "-e", "SELECT * WHERE { ?s ?p }"], "kg: error: syntax error in -e at line 1, column "),
        (
            ["query", "-e", "DROP ALL"],
            "kg: error: -e: DROP is a SPARQL update; kg query only reads the graph",
        ),
        (
            ["query", "claims-by", "-p", "actor", "Hamsa"],
            "kg: error: parameter actor: no actor called 'Hamsa'",
        ),
    ],
)
def test_kg_query_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = kg(*args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1


def test_kg_query_wants_exactly_one_query() -> None:
    assert kg("query").exit_code == 2
    assert kg("query", "actors", "-e", "SELECT * WHERE {}").exit_code == 2


def test_kg_query_cuts_the_table_to_the_terminal_but_not_in_a_pipe(monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = kg("query", "timeline").stdout.splitlines()
    assert not any("…" in line for line in piped)  # CliRunner's output is not a terminal
    monkeypatch.setenv("COLUMNS", "60")
    narrow = kg("query", "timeline").stdout.splitlines()
    assert all(len(line) <= 60 for line in narrow[1:-1]) and any("…" in line for line in narrow)
