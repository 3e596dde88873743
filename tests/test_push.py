"""`kg push`: the graph sent to a SPARQL 1.1 Graph Store HTTP Protocol endpoint, one named graph per
article, idempotently.

Two endpoints: a small Graph Store written here (it runs everywhere: what is sent, how often, with
which credentials), and a real Virtuoso (Debian's virtuoso-opensource), started by the tests on
127.0.0.1 with a database in a temporary folder and stopped afterwards; where it is not installed those
tests say so and are skipped. On Virtuoso the named queries must answer as they do locally. Virtuoso
caps a result at 10,000 rows by default (ResultSetMaxRows); the instance here raises the cap so that no
answer is cut.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build, remove
from kg.cli import main
from kg.graph import article_iri
from kg.push import PushError, push
from kg.query import bind_parameters, named_queries, open_store, run
from kg.resources import samples_dir


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("push") / "out"
    build([samples_dir()], out)
    return out


def merged_view(out: Path) -> set[ox.Triple]:
    store = ox.Store.read_only(str(out / "store"))
    return {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None,
                                                                                        ox.DefaultGraph())}


# --- a Graph Store written here ------------------------------------------------------------------------


class GraphStore(ThreadingHTTPServer):
    """PUT and DELETE of `?graph=IRI`, kept in `graphs`; every request logged; optional basic auth."""

    def __init__(self, credentials: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.credentials = credentials
        self.graphs: dict[str, bytes] = {}
        self.log: list[tuple[str, str, str]] = []  # (method, graph, content type)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/rdf-graph-store"


class _Handler(BaseHTTPRequestHandler):
    server: GraphStore

    def log_message(self, *args) -> None:
        pass

    def _graph(self) -> str | None:
        if self.server.credentials is not None:
            expected = "Basic " + base64.b64encode(self.server.credentials.encode()).decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="store"')
                self.end_headers()
                return None
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        return query["graph"][0]

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        graph = self._graph()
        if graph is None:
            return
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.log.append(("PUT", graph, self.headers["Content-Type"]))
        created = graph not in self.server.graphs
        self.server.graphs[graph] = body
        self.send_response(201 if created else 204)
        self.end_headers()

    def do_DELETE(self) -> None:  # noqa: N802
        graph = self._graph()
        if graph is None:
            return
        self.server.log.append(("DELETE", graph, ""))
        found = self.server.graphs.pop(graph, None) is not None
        self.send_response(204 if found else 404)
        self.end_headers()


@pytest.fixture
def graph_store() -> Iterator[GraphStore]:
    server = GraphStore()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def parse(body: bytes) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}


def test_each_article_is_one_graph_and_together_they_are_the_merged_view(built: Path,
                                                                         graph_store: GraphStore) -> None:
    report = push(built, graph_store.url)
    ids = sorted(e for e in json.loads((built / "report.json").read_text())["articles"])
    assert set(graph_store.graphs) == {str(article_iri(i)) for i in ids}
    assert report.graphs == len(ids) and report.deleted == 0
    assert {kind for _, _, kind in graph_store.log} == {"text/turtle; charset=utf-8"}
    parts = {graph: parse(body) for graph, body in graph_store.graphs.items()}
    union = set().union(*parts.values())
    assert union == merged_view(built)
    assert sum(len(p) for p in parts.values()) == len(union) == report.triples  # each triple in one graph
    for graph, triples in parts.items():  # an article's own node and evidence are in its own graph
        own = [t for t in triples if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"]
        assert own and all(t.object.value == graph for t in own)
        assert any(t.subject.value == graph for t in triples)


def test_pushing_twice_leaves_the_endpoint_as_pushing_once(built: Path, graph_store: GraphStore) -> None:
    push(built, graph_store.url)
    first = dict(graph_store.graphs)
    push(built, graph_store.url)
    assert graph_store.graphs == first
    assert [method for method, _, _ in graph_store.log] == ["PUT"] * (2 * len(first))


def test_the_graph_of_a_removed_article_is_deleted_at_the_next_push(built: Path, tmp_path: Path,
                                                                    graph_store: GraphStore) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    push(out, graph_store.url)
    remove(["geneva-nuclear-round"], out)
    report = push(out, graph_store.url)
    assert report.deleted == 1
    assert str(article_iri("geneva-nuclear-round")) not in graph_store.graphs
    assert set().union(*map(parse, graph_store.graphs.values())) == merged_view(out)


def test_credentials_are_sent_and_a_refusal_is_one_line(built: Path, graph_store: GraphStore) -> None:
    graph_store.credentials = "parley:s3cret"
    assert push(built, graph_store.url, user="parley", password="s3cret").graphs == len(graph_store.graphs)
    args = ["push", "--endpoint", graph_store.url, "--user", "parley", "-o", str(built)]
    result = CliRunner().invoke(main, args, env={"KG_PUSH_PASSWORD": "wrong"})
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kg: error: {graph_store.url}: PUT of graph <") and "HTTP 401" in line


def test_an_endpoint_that_cannot_be_reached_is_one_line(built: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}/store"
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "-o", str(built)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: http://127.0.0.1:{port}/store: cannot reach the endpoint")
    with pytest.raises(PushError, match="not an http"):
        push(built, "ftp://example.org/store")


# --- a real Virtuoso -----------------------------------------------------------------------------------

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a Virtuoso started for these tests (user dba, password dba)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource); "
                    "the push tests against a real triple store were skipped")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=folder, sql_port=free_port(),
                                                              http_port=http_port))
    log = (folder / "stdout.log").open("w")
    process = subprocess.Popen([binary, "-f", "-c", "virtuoso.ini"], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "Virtuoso did not start within 3 minutes"
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def sparql(base: str, query: str) -> dict:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(f"{base}/sparql", data=data,
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)


NUMBERS = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float", "int",
                                                              "long", "boolean")}


def value(kind: str, text: str, datatype: str | None, language: str | None) -> tuple:
    """A value both engines agree on: numbers (and booleans, which Virtuoso gives as 0 and 1) as
    numbers, plain and xsd:string literals alike."""
    if kind == "literal" and datatype in NUMBERS:
        return ("number", Decimal({"true": "1", "false": "0"}.get(text, text)))
    return (kind, text, language)


def local_rows(result: ox.QuerySolutions) -> Counter:
    rows = Counter()
    names = [v.value for v in result.variables]
    for solution in result:
        row = []
        for name in names:
            term = solution[name]
            if term is None:
                row.append(None)
            elif isinstance(term, ox.Literal):
                row.append(value("literal", term.value, term.datatype.value, term.language))
            else:
                row.append(value("uri", term.value, None, None))
        rows[tuple(row)] += 1
    return rows


def remote_rows(answer: dict) -> Counter:
    rows = Counter()
    for binding in answer["results"]["bindings"]:
        row = []
        for name in answer["head"]["vars"]:
            term = binding.get(name)
            if term is None:
                row.append(None)
            else:
                kind = "uri" if term["type"] == "uri" else "literal"
                row.append(value(kind, term["value"], term.get("datatype"), term.get("xml:lang")))
        rows[tuple(row)] += 1
    return rows


def with_values(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with its parameters bound by a VALUES block at the start of the outer WHERE, as
    Virtuoso has no SEP-0007 substitutions."""
    if not bindings:
        return text
    where = re.search(r"WHERE\s*\{", text, re.I)
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return f"{text[:where.end()]} {values} {text[where.end():]}"


def parameters(store: ox.Store) -> dict[str, str]:
    fact = next(iter(store.query(
        "SELECT ?s ?p ?o WHERE { ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o } ORDER BY ?e LIMIT 1")))
    speaker = next(iter(store.query(
        "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/parley/ontology#said> ?c } "
        "GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1")))
    return {"actor": speaker["a"].value, "subject": fact["s"].value, "predicate": fact["p"].value,
            "object": fact["o"].value, "min": "1"}


def assert_named_queries_agree(out: Path, base: str) -> None:
    store = open_store(out / "store")
    given = parameters(store)
    compared = 0
    for query in named_queries():
        every = [(p.name, given[p.name]) for p in query.parameters]
        choices = [every] if any(p.required for p in query.parameters) else [[], every]  # defaults, then all
        for chosen in choices:
            bindings = bind_parameters(store, query, chosen)
            local = local_rows(run(store, query, bindings))
            remote = remote_rows(sparql(base, with_values(query.text, bindings)))
            assert remote == local, (f"{query.name} {chosen}: local {sum(local.values())} rows, "
                                     f"Virtuoso {sum(remote.values())}")
            compared += sum(local.values())
    assert compared > 100


def triples_on(base: str) -> int:
    answer = sparql(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/parley/id/article/')) }")
    return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.mark.virtuoso
@pytest.mark.slow
def test_after_a_push_virtuoso_answers_the_named_queries_as_kg_query_does(built: Path, tmp_path: Path,
                                                                          virtuoso: str) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=True)
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--user", "dba", "-o", str(out)],
                                env={"KG_PUSH_PASSWORD": "dba"})
    assert result.exit_code == 0, result.output
    assert triples_on(virtuoso) == len(merged_view(out))
    assert_named_queries_agree(out, virtuoso)

    push(out, endpoint, "dba", "dba")  # again: nothing doubles
    assert triples_on(virtuoso) == len(merged_view(out))

    remove(["kunming-myanmar-truce"], out)
    assert push(out, endpoint, "dba", "dba").deleted == 1
    assert triples_on(virtuoso) == len(merged_view(out))
    assert_named_queries_agree(out, virtuoso)
