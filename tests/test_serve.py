"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint. Queried with SPARQLWrapper as a real client,
and with plain HTTP requests for each Accept type, the row cap, the timeout and refused updates."""

import csv
import io
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from kg.graph import article_iri
from kg.serve import Endpoint, load_store, make_server

FIXTURE = Path(__file__).parent / "fixtures" / "export_graph.ttl"
PARLEY = "https://w3id.org/parley/ontology#"
D01, D02 = str(article_iri("d01")), str(article_iri("d02"))

LABELS = "SELECT ?actor ?label WHERE { ?actor a parley:Country ; rdfs:label ?label } ORDER BY ?label"
TALKS = "CONSTRUCT { ?t a parley:Talks ; rdfs:label ?l } WHERE { ?t a parley:Talks ; rdfs:label ?l }"


@contextmanager
def running(endpoint: Endpoint) -> Iterator[str]:
    """Serve `endpoint` on a free port of 127.0.0.1 in a thread; yield its base URL; stop it."""
    server = make_server(endpoint, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store(FIXTURE)


@pytest.fixture(scope="module")
def base(store) -> Iterator[str]:
    with running(Endpoint(store, timeout=10, max_rows=1000)) as url:
        yield url


def http(
    url: str,
    accept: str | None = None,
    data: bytes | None = None,
    content_type: str | None = None,
    method: str | None = None,
):
    """(status, headers, body text) of one request, errors included."""
    headers = {}
    if accept:
        headers["Accept"] = accept
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8")


def get(base: str, query: str, accept: str | None = None, **params):
    return http(f"{base}/sparql?{urllib.parse.urlencode({'query': query, **params}, doseq=True)}", accept)


def client(base: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


# --- SPARQLWrapper, a real client --------------------------------------------------------------------


def test_sparqlwrapper_select_as_json(base):
    result = client(base, LABELS, JSON).queryAndConvert()

    assert result["head"]["vars"] == ["actor", "label"]
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == ["Saudi Arabia", "United States"]
    assert result["results"]["bindings"][0]["actor"] == {
        "type": "uri",
        "value": "https://w3id.org/parley/id/actor/saudi-arabia",
    }


def test_sparqlwrapper_select_as_xml(base):
    document = client(base, LABELS, XML).queryAndConvert()  # an xml.dom.minidom document

    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Saudi Arabia", "United States"]


def test_sparqlwrapper_select_as_csv_and_tsv(base):
    as_csv = client(base, LABELS, CSV).queryAndConvert().decode("utf-8")
    as_tsv = client(base, LABELS, TSV).queryAndConvert().decode("utf-8")

    assert list(csv.reader(io.StringIO(as_csv))) == [
        ["actor", "label"],
        ["https://w3id.org/parley/id/actor/saudi-arabia", "Saudi Arabia"],
        ["https://w3id.org/parley/id/actor/united-states", "United States"],
    ]
    assert as_tsv.splitlines() == [
        "?actor\t?label",
        '<https://w3id.org/parley/id/actor/saudi-arabia>\t"Saudi Arabia"',
        '<https://w3id.org/parley/id/actor/united-states>\t"United States"',
    ]


def test_sparqlwrapper_ask(base):
    yes = client(base, "ASK { actor:saudi-arabia parley:hosts talks:jeddah }", JSON).queryAndConvert()
    no = client(base, "ASK { actor:united-states parley:hosts ?talks }", JSON).queryAndConvert()

    assert yes == {"head": {}, "boolean": True}
    assert no["boolean"] is False


def test_sparqlwrapper_construct_as_turtle(base):
    body = client(base, TALKS, TURTLE).queryAndConvert()

    graph = Graph().parse(data=body, format="turtle")
    assert sorted(str(label) for label in graph.objects(None, None) if not str(label).startswith("http")) == [
        "talks in Jeddah",
        "talks reported in d02",
    ]


@pytest.mark.parametrize("request_method", [URLENCODED, POSTDIRECTLY])
def test_sparqlwrapper_posts_queries_as_a_form_and_directly(base, request_method):
    sparql = client(base, LABELS, JSON)
    sparql.setMethod(POST)
    sparql.setRequestMethod(request_method)

    result = sparql.queryAndConvert()

    assert len(result["results"]["bindings"]) == 2


def test_sparqlwrapper_update_is_refused_with_403(base):
    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")

    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()

    assert refused.value.code == 403
    assert refused.value.read().decode() == "this endpoint is read-only: SPARQL updates are refused\n"
    assert client(base, "ASK { <urn:x:a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


# --- plain HTTP, one Accept type at a time ------------------------------------------------------------


def _json_labels(body: str) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def _xml_labels(body: str) -> list[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    return [e.text for e in ET.fromstring(body).findall(".//r:binding[@name='label']/r:literal", ns)]


def _csv_labels(body: str) -> list[str]:
    return [row[1] for row in list(csv.reader(io.StringIO(body)))[1:]]


def _tsv_labels(body: str) -> list[str]:
    return [line.split("\t")[1].strip('"') for line in body.splitlines()[1:]]


@pytest.mark.parametrize(
    ("accept", "content_type", "labels"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", _json_labels),
        ("application/json", "application/json", _json_labels),
        ("application/sparql-results+xml", "application/sparql-results+xml", _xml_labels),
        ("text/csv", "text/csv; charset=utf-8", _csv_labels),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", _tsv_labels),
        (None, "application/sparql-results+json", _json_labels),
        ("*/*", "application/sparql-results+json", _json_labels),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", _xml_labels),
    ],
)
def test_select_answers_in_the_format_the_accept_header_asks_for(base, accept, content_type, labels):
    status, headers, body = get(base, LABELS, accept)

    assert status == 200
    assert headers["Content-Type"] == content_type
    assert labels(body) == ["Saudi Arabia", "United States"]
    assert headers["X-Parley-Truncated"] is None


@pytest.mark.parametrize(
    ("accept", "content_type", "rdf_format"),
    [
        ("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        (None, "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_answers_in_the_rdf_format_the_accept_header_asks_for(
    base, accept, content_type, rdf_format
):
    status, headers, body = get(base, TALKS, accept)

    assert status == 200
    assert headers["Content-Type"] == content_type
    labels = {
        t.object.value for t in ox.parse(body, format=rdf_format) if t.predicate.value.endswith("#label")
    }
    assert labels == {"talks in Jeddah", "talks reported in d02"}


def test_describe_answers_turtle(base):
    status, headers, body = get(base, "DESCRIBE place:jeddah")

    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert "Jeddah" in body


def test_a_format_nobody_offers_is_406(base):
    status, _, body = get(base, LABELS, "image/png")

    assert status == 406
    assert "available: application/sparql-results+json" in body


def test_post_a_query_as_form_and_as_sparql_query(base):
    form = urllib.parse.urlencode({"query": LABELS}).encode()
    as_form = http(f"{base}/sparql", "application/json", form, "application/x-www-form-urlencoded")
    direct = http(f"{base}/sparql", "application/json", LABELS.encode(), "application/sparql-query")

    assert as_form[0] == direct[0] == 200
    assert _json_labels(as_form[2]) == _json_labels(direct[2]) == ["Saudi Arabia", "United States"]


def test_each_article_is_a_named_graph_and_the_default_graph_is_the_merged_view(base):
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?ev prov:wasDerivedFrom ?a } } ORDER BY ?g"
    count = "SELECT (COUNT(?ev) AS ?n) WHERE { ?ev a parley:Evidence }"

    _, _, named = get(base, graphs, "application/json")
    _, _, everything = get(base, count, "application/json")
    _, _, one_article = get(base, count, "application/json", **{"default-graph-uri": D02})

    assert [b["g"]["value"] for b in json.loads(named)["results"]["bindings"]] == [D01, D02]
    assert json.loads(everything)["results"]["bindings"][0]["n"]["value"] == "11"
    assert json.loads(one_article)["results"]["bindings"][0]["n"]["value"] == "4"


def test_the_ontology_is_queryable_in_its_own_graph(base):
    status, _, body = get(base, "ASK { GRAPH <https://w3id.org/parley/ontology> { cond:scheme ?p ?o } }")

    assert status == 200 and json.loads(body)["boolean"] is True


# --- what is refused ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "request_args"),
    [
        ("as sparql-update", ("/sparql", b"CLEAR ALL", "application/sparql-update")),
        ("as an update= form field", ("/sparql", b"update=CLEAR+ALL", "application/x-www-form-urlencoded")),
        ("as update= in the URL", ("/sparql?update=CLEAR%20ALL", None, None)),
        ("as a query that is an update", ("/sparql?query=DROP%20GRAPH%20%3Curn%3Ax%3E", None, None)),
    ],
)
def test_updates_are_refused_with_403(base, how, request_args):
    path, data, content_type = request_args

    status, _, body = http(base + path, None, data, content_type)

    assert status == 403, how
    assert "read-only" in body
    assert json.loads(get(base, "ASK { ?s ?p ?o }")[2])["boolean"] is True  # nothing was cleared


def test_service_clauses_are_refused_so_the_server_fetches_no_url(base):
    status, _, body = get(base, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }")

    assert status == 403
    assert "SERVICE" in body


def test_a_variable_or_a_string_named_service_is_fine(base):
    query = 'SELECT ?service WHERE { BIND("SERVICE <x> {}" AS ?service) }'

    status, _, body = get(base, query, "application/json")

    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["service"]["value"] == "SERVICE <x> {}"


def test_a_query_that_does_not_parse_is_400_with_the_reason(base):
    status, _, body = get(base, "SELECT ?s WHERE { ?s ?p }")

    assert status == 400
    assert body.startswith("the query does not parse: ")


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/sparql", "GET", 400),
        ("/elsewhere", "GET", 404),
        ("/sparql", "PUT", 405),
        ("/sparql", "DELETE", 405),
    ],
)
def test_other_requests_get_a_plain_error(base, path, method, status):
    assert http(base + path, method=method, data=b"" if method == "PUT" else None)[0] == status


def test_a_post_of_another_media_type_is_415(base):
    assert http(f"{base}/sparql", None, b"{}", "application/json")[0] == 415


# --- the row cap and the timeout ----------------------------------------------------------------------


def test_the_row_cap_is_reported_in_a_header_and_logged(store, caplog):
    query = "SELECT ?ev WHERE { ?ev a parley:Evidence }"  # 11 rows
    with caplog.at_level(logging.WARNING, logger="kg.serve"), running(Endpoint(store, max_rows=3)) as url:
        capped = get(url, query, "application/json")
        exactly = get(url, query + " LIMIT 3", "application/json")
        triples = get(url, "CONSTRUCT WHERE { ?ev a parley:Evidence }", "application/n-triples")

    assert capped[0] == 200
    assert capped[1]["X-Parley-Truncated"] == "rows=3"
    assert len(json.loads(capped[2])["results"]["bindings"]) == 3
    assert exactly[1]["X-Parley-Truncated"] is None  # three rows and no more is not a cut
    assert triples[1]["X-Parley-Truncated"] == "rows=3"
    assert len(triples[2].splitlines()) == 3
    assert any("truncated at 3 rows" in record.getMessage() for record in caplog.records)


def numbers_store(n: int) -> ox.Store:
    """n triples whose three-way join is large enough to be slow."""
    store = ox.Store()
    p = ox.NamedNode("urn:x:p")
    store.extend(
        ox.Quad(ox.NamedNode(f"urn:x:{i}"), p, ox.Literal(str(i)), ox.DefaultGraph()) for i in range(n)
    )
    return store


def test_a_query_past_the_deadline_is_stopped_with_503_while_reading_its_rows():
    # millions of rows and no cap to speak of: reading stops at the deadline, and the slot is freed
    endpoint = Endpoint(numbers_store(200), timeout=0.3, max_rows=10**9, max_running=1)
    query = "SELECT * WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"
    with running(endpoint) as url:
        started = time.monotonic()
        status, _, body = get(url, query)
        elapsed = time.monotonic() - started
        time.sleep(0.2)
        after = get(url, "ASK { ?s ?p ?o }")

    assert status == 503
    assert body == "the query did not finish within 0.3 s; narrow it down or add a LIMIT\n"
    assert elapsed < 3
    assert after[0] == 200  # the stopped query no longer holds the only slot


def test_a_query_stuck_in_one_step_gets_503_on_time_and_further_queries_are_turned_away_until_it_ends():
    # COUNT(*) over a 3.4-million-row join is one step Oxigraph cannot be interrupted in
    endpoint = Endpoint(numbers_store(150), timeout=0.1, max_rows=100, max_running=1)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"
    with running(endpoint) as url:
        started = time.monotonic()
        status, _, _ = get(url, query)
        elapsed = time.monotonic() - started
        busy = get(url, "ASK { ?s ?p ?o }")
        deadline = time.monotonic() + 60
        while (later := get(url, "ASK { ?s ?p ?o }"))[0] == 503 and time.monotonic() < deadline:
            time.sleep(0.2)

    assert status == 503
    assert elapsed < 2
    assert busy[0] == 503
    assert busy[2].startswith("busy: 1 queries are still running")
    assert later[0] == 200


# --- the HTML page ------------------------------------------------------------------------------------


def test_the_page_offers_a_query_form(base):
    status, headers, body = http(base + "/")

    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<form method="get" action="/">' in body
    assert '<textarea name="query"' in body and "parley:Evidence" in body


def test_the_page_shows_the_result_as_a_table(base):
    status, _, body = http(base + "/?" + urllib.parse.urlencode({"query": LABELS}))

    assert status == 200
    assert "<th>actor</th><th>label</th>" in body
    assert "<td>actor:saudi-arabia</td><td>Saudi Arabia</td>" in body


def test_the_page_escapes_everything_it_shows(base):
    query = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'

    _, headers, body = http(base + "/?" + urllib.parse.urlencode({"query": query}))

    assert "<script>" not in body
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in body
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_the_page_shows_errors(base):
    status, _, body = http(base + "/?" + urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}))

    assert status == 403
    assert "Error 403: this endpoint is read-only" in body
