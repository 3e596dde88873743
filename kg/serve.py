"""A read-only SPARQL 1.1 Protocol endpoint over a Parley graph, and a small HTML page to query it.

`GET /sparql?query=...` and `POST /sparql` (form or `application/sparql-query`) answer SELECT and ASK
in SPARQL JSON, XML, CSV or TSV, and CONSTRUCT and DESCRIBE in Turtle, N-Triples, RDF/XML or JSON-LD,
chosen by the Accept header. `GET /` is a form that shows the result as a table.

The dataset: the default graph is the merged view (the graph plus the ontology), and the named graphs
are those of `kg export --format trig` (one per article, and `<https://w3id.org/parley/ontology>`), so
`GRAPH ?article { ... }` asks what one article said. The project's prefixes (parley:, actor:, ...,
rdf:, rdfs:, skos:, dcterms:, prov:, xsd:) are predeclared.

Limits, reported and never silent:

* updates are refused with 403 (`application/sparql-update`, an `update=` parameter, or a query text
  that is an update), and so are federated queries (`SERVICE`), which would make the server fetch URLs;
* a SELECT returns at most `max_rows` rows and a CONSTRUCT at most `max_rows` triples; when there were
  more, the response carries `X-Parley-Truncated: rows=N` and the server logs a line;
* a query gets `timeout` seconds, then the answer is 503. Results are read lazily and reading stops at
  the deadline, but Oxigraph cannot be interrupted inside one step (a large join or sort that has not
  produced its first row yet): such a query finishes in the background after its 503. At most
  `max_running` queries run at once; past that the answer is 503 until one finishes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.errors import InputError, ParleyError, QueryError
from kg.export import ALL_PREFIXES, DATASET_FORMATS, SUFFIXES, ontology_graph, read_graph, to_dataset

log = logging.getLogger("kg.serve")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_RUNNING = 4
MAX_BODY_BYTES = 1_000_000
SPARQL_PATH = "/sparql"
TRUNCATED_HEADER = "X-Parley-Truncated"

QUERY_PREFIXES = ALL_PREFIXES
"""Prefixes a query may use without declaring them."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Result formats: the media type a client may ask for -> the serialiser used.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}


class EndpointError(QueryError):
    """A query the endpoint will not answer, with the HTTP status that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Result:
    """A query's result, read up to the row cap: solutions (`variables`, `rows`), a boolean, or triples."""

    kind: str  # "solutions", "boolean" or "triples"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0

    @property
    def size(self) -> int:
        """How many rows (or triples) were read."""
        return len(self.triples) if self.kind == "triples" else len(self.rows)


@dataclass
class Response:
    """What the HTTP layer sends: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# --- the store ------------------------------------------------------------------------------------


def load_store(path: Path, with_ontology: bool = True) -> ox.Store:
    """An in-memory Oxigraph store for the graph at `path`: the merged view in the default graph and
    one named graph per article (and the ontology), as `kg export --format trig` writes them.

    A file that is already a dataset (TriG, N-Quads, JSON-LD) is loaded with its graphs as they are.
    """
    dataset_suffixes = {SUFFIXES[fmt] for fmt in DATASET_FORMATS}
    try:
        if path.suffix.lower() in dataset_suffixes:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
            quads = list(ox.parse(path=str(path)))
        else:
            graph = read_graph(path)
            dataset = to_dataset(graph, ontology_graph() if with_ontology else None)
            quads = list(ox.parse(dataset.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS))
    except (SyntaxError, ValueError, OSError) as err:
        raise InputError(f"{path}: cannot be loaded: {' '.join(str(err).split())}") from err
    store = ox.Store()
    store.extend(quads)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    return store


# --- answering queries ----------------------------------------------------------------------------


class Endpoint:
    """Runs read-only SPARQL queries on `store` with a deadline, a row cap and a bound on how many
    run at once; `answer` adds content negotiation and serialisation for the HTTP layer."""

    def __init__(
        self,
        store: ox.Store,
        timeout: float = DEFAULT_TIMEOUT,
        max_rows: int = DEFAULT_MAX_ROWS,
        max_running: int = DEFAULT_MAX_RUNNING,
    ):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_running = max_running
        self._slots = threading.BoundedSemaphore(max_running)

    def run(self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> Result:
        """Evaluate `query` and read its results up to the row cap, within the deadline.

        Raises EndpointError: 400 for a query that does not parse, 403 for an update or a SERVICE
        clause, 503 when the deadline passes or too many queries are still running.
        """
        if not query.strip():
            raise EndpointError(400, "the query is empty")
        if _uses_service(query):
            raise EndpointError(403, "federated queries (SERVICE) are not allowed on this endpoint")
        if not self._slots.acquire(blocking=False):
            raise EndpointError(
                503, f"busy: {self.max_running} queries are still running; try again in a few seconds"
            )
        deadline = time.monotonic() + self.timeout
        cancelled = threading.Event()
        finished = threading.Event()
        box: dict = {}

        def work() -> None:
            try:
                box["result"] = self._evaluate(query, default_graphs, named_graphs, deadline, cancelled)
            except BaseException as err:  # handed to the waiting request thread, without the frames
                box["error"] = err.with_traceback(None)  # that still hold Oxigraph's results
            finally:
                self._slots.release()
                finished.set()

        started = time.monotonic()
        threading.Thread(target=work, name="parley-query", daemon=True).start()
        if not finished.wait(self.timeout):
            cancelled.set()
            log.warning("query stopped at the %.1f s deadline: %s", self.timeout, _short(query))
            raise self._too_slow()
        if "error" in box:
            error = box["error"]
            if not isinstance(error, EndpointError):
                log.error("query failed: %s: %r", _short(query), error)
                raise EndpointError(500, f"the query failed: {_one_line(error)}")
            if error.status == 503:
                log.warning("query stopped at the %.1f s deadline: %s", self.timeout, _short(query))
            raise error
        result: Result = box["result"]
        result.seconds = time.monotonic() - started
        if result.truncated:
            log.warning("query result truncated at %d rows: %s", result.size, _short(query))
        return result

    def _too_slow(self) -> EndpointError:
        return EndpointError(
            503, f"the query did not finish within {self.timeout:g} s; narrow it down or add a LIMIT"
        )

    def _evaluate(self, query, default_graphs, named_graphs, deadline: float, cancelled) -> Result:
        """Runs in the worker thread: Oxigraph's result iterators must be used and dropped there."""
        options: dict = {"prefixes": QUERY_PREFIXES}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        try:
            results = self.store.query(query, **options)
        except SyntaxError as err:
            if _is_update(query):
                raise EndpointError(403, "this endpoint is read-only: SPARQL updates are refused") from err
            raise EndpointError(400, f"the query does not parse: {_one_line(err)}") from err
        except ValueError as err:  # a bad graph IRI in default-graph-uri / named-graph-uri
            raise EndpointError(400, f"bad request: {_one_line(err)}") from err

        def on_time() -> None:
            if cancelled.is_set() or time.monotonic() > deadline:
                raise self._too_slow()

        try:
            if isinstance(results, ox.QueryBoolean):
                return Result("boolean", boolean=bool(results))
            if isinstance(results, ox.QuerySolutions):
                variables = [v.value for v in results.variables]
                result = Result("solutions", variables=variables)
                for solution in results:
                    on_time()
                    if len(result.rows) >= self.max_rows:
                        result.truncated = True
                        break
                    result.rows.append(tuple(solution[name] for name in variables))
                return result
            result = Result("triples")
            for triple in results:
                on_time()
                if len(result.triples) >= self.max_rows:
                    result.truncated = True
                    break
                result.triples.append(triple)
            return result
        except (OSError, RuntimeError, ValueError, TypeError) as err:
            raise EndpointError(500, f"the query failed: {_one_line(err)}") from err
        finally:
            del results  # dropped here, on the thread that made it

    def answer(
        self,
        query: str,
        accept: str | None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Response:
        """The HTTP response to a SPARQL Protocol query: results in the format `accept` asks for."""
        try:
            result = self.run(query, default_graphs, named_graphs)
        except EndpointError as err:
            return error_response(err.status, str(err))
        offers = GRAPH_TYPES if result.kind == "triples" else SOLUTION_TYPES
        media_type = negotiate(accept, list(offers))
        if media_type is None:
            return error_response(
                HTTPStatus.NOT_ACCEPTABLE,
                f"cannot answer this query as {accept}; available: {', '.join(offers)}",
            )
        if result.kind == "triples":
            body = ox.serialize(result.triples, format=GRAPH_TYPES[media_type], prefixes=QUERY_PREFIXES)
        else:
            body = SERIALISERS[SOLUTION_TYPES[media_type]](result)
        headers = {"Vary": "Accept"}
        if result.truncated:
            headers[TRUNCATED_HEADER] = f"rows={result.size}"
        return Response(200, _with_charset(media_type), body, headers)


def error_response(status: int, message: str) -> Response:
    """A plain-text error response: the status and one line saying what is wrong."""
    return Response(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _with_charset(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


# --- recognising updates and SERVICE ----------------------------------------------------------------

# Strings, IRIs and comments, removed before looking for the SERVICE keyword.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.S,
)
_SERVICE = re.compile(r"(?<![\w:?$.\-])SERVICE(?![\w:\-])", re.I)


def _uses_service(query: str) -> bool:
    return bool(_SERVICE.search(_NOT_CODE.sub(" ", query)))


def _is_update(text: str) -> bool:
    """Whether `text` (which did not parse as a query) is a SPARQL Update with at least one operation."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return len(parseUpdate(text).request) > 0
    except Exception:
        return False


# --- content negotiation ----------------------------------------------------------------------------


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the Accept header prefers (by q-value, then specificity, then the order of `offers`),
    the first offer when there is no Accept header, or None when nothing offered is acceptable."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    kind = offer.split("/")[0]
    for pattern in (offer, f"{kind}/*", "*/*"):  # the most specific matching range decides
        for media, q in ranges:
            if media == pattern:
                return q
    return 0.0


# --- SPARQL results formats ---------------------------------------------------------------------------


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


def results_json(result: Result) -> bytes:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "boolean":
        document: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return xml_escape(_XML_INVALID.sub("\ufffd", text))


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attribute = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != _XSD_STRING:
            attribute = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attribute = ""
        return f"<literal{attribute}>{_xml_text(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"unexpected term {term!r}")


def results_xml(result: Result) -> bytes:
    """SPARQL Query Results XML Format."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "boolean":
        out.append("<head/>")
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        variables = "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        out.append(f"<head>{variables}</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(
                f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)  # a quoted triple, in N-Triples syntax


def results_csv(result: Result) -> bytes:
    """SPARQL 1.1 Query Results CSV (values only: datatypes and languages are dropped, as the format says)."""
    if result.kind == "boolean":
        return b"true\r\n" if result.boolean else b"false\r\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_term(term) for term in row])
    return buffer.getvalue().encode("utf-8")


def results_tsv(result: Result) -> bytes:
    """SPARQL 1.1 Query Results TSV (terms in Turtle / N-Triples syntax)."""
    if result.kind == "boolean":
        return b"true\n" if result.boolean else b"false\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


SERIALISERS = {"json": results_json, "xml": results_xml, "csv": results_csv, "tsv": results_tsv}


# --- the HTML page ------------------------------------------------------------------------------------

EXAMPLE_QUERY = """\
# Who did what, and where it was found
SELECT ?subject ?relation ?object ?article ?sentence WHERE {
  ?evidence a parley:Evidence ;
      rdf:subject ?s ; rdf:predicate ?relation ; rdf:object ?o ;
      prov:wasDerivedFrom ?a ; parley:sentence ?sentence .
  ?s rdfs:label ?subject .
  OPTIONAL { ?o rdfs:label|skos:prefLabel|parley:text ?object }
  ?a dcterms:identifier ?article .
}
ORDER BY ?article ?subject
LIMIT 50
"""

_PAGE_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Parley SPARQL</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 80rem; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 0.9rem; }
table { border-collapse: collapse; margin-top: 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.note { color: #555; } .error { color: #a00; white-space: pre-wrap; }
.meta { color: #777; font-size: 0.8em; }
</style></head><body>
<h1>Parley SPARQL</h1>
"""


def render_page(endpoint: Endpoint, query: str | None) -> Response:
    """The HTML page: a query form, and the result of `query` (when given) as an escaped table."""
    shown = query if query is not None else EXAMPLE_QUERY
    prefixes = html.escape(", ".join(sorted(QUERY_PREFIXES)))
    parts = [
        _PAGE_HEAD,
        '<form method="get" action="/">',
        f'<textarea name="query" rows="14" spellcheck="false">{html.escape(shown)}</textarea>',
        '<p><button type="submit">Run query</button> '
        f'<span class="note">Read-only. Predeclared prefixes: {prefixes}. '
        f"At most {endpoint.max_rows} rows, {endpoint.timeout:g} s. "
        f"Programs: the SPARQL endpoint is at {SPARQL_PATH}.</span></p>",
        "</form>",
    ]
    status = 200
    if query is not None:
        try:
            result = endpoint.run(query)
        except EndpointError as err:
            status = err.status
            parts.append(f'<p class="error">Error {err.status}: {html.escape(str(err))}</p>')
        else:
            parts.append(_render_result(result))
    parts.append("</body></html>\n")
    headers = {
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return Response(status, "text/html; charset=utf-8", "".join(parts).encode("utf-8"), headers)


def _render_result(result: Result) -> str:
    if result.kind == "boolean":
        return f"<p>Answer: <strong>{'yes' if result.boolean else 'no'}</strong></p>"
    if result.kind == "triples":
        header = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
    else:
        header, rows = result.variables, result.rows
    out = [f'<p class="note">{len(rows)} row(s) in {result.seconds:.2f} s.</p>']
    if result.truncated:
        out.append(f'<p class="error">Only the first {len(rows)} rows are shown (the row cap).</p>')
    out.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead>")
    out.append("<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{_html_term(term)}</td>" for term in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return html.escape(_prefixed(term.value))
    if isinstance(term, ox.Literal):
        text = html.escape(term.value)
        if term.language:
            return f'{text} <span class="meta">@{html.escape(term.language)}</span>'
        if term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            return f'{text} <span class="meta">{html.escape(_prefixed(term.datatype.value))}</span>'
        return text
    return html.escape(str(term))


def _prefixed(iri: str) -> str:
    for prefix, namespace in QUERY_PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.\-]*", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


# --- HTTP ----------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    """Routes `/` (the page) and `/sparql` (the protocol); everything else is 404, writes are 405."""

    server_version = "Parley-SPARQL/1.0"
    protocol_version = "HTTP/1.1"
    endpoint: Endpoint  # set on the subclass make_server builds

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            queries = params.get("query")
            self._send(render_page(self.endpoint, queries[0] if queries else None))
        elif url.path == SPARQL_PATH:
            self._send(self._protocol(params))
        else:
            self._send(error_response(404, f"no such page: {url.path} (the endpoint is {SPARQL_PATH})"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != SPARQL_PATH:
            self._send(error_response(405, f"POST queries to {SPARQL_PATH}"), allow="GET")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            body = self._read_body()
        except EndpointError as err:
            self._send(error_response(err.status, str(err)))
            return
        if media == "application/sparql-update":
            self._send(error_response(403, "this endpoint is read-only: SPARQL updates are refused"))
        elif media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
            self._send(self._protocol(params))
        elif media == "application/sparql-query":
            if "query" in params:
                self._send(error_response(400, "send the query either in the body or as query=, not both"))
            else:
                self._send(self._protocol({**params, "query": [body]}))
        else:
            self._send(
                error_response(
                    415,
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                )
            )

    def _refuse_write(self) -> None:
        self._send(error_response(405, "this endpoint is read-only"), allow="GET, POST")

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _read_body(self) -> str:
        length = self.headers.get("Content-Length")
        if length is None:
            raise EndpointError(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError as err:
            raise EndpointError(400, "bad Content-Length") from err
        if size < 0 or size > MAX_BODY_BYTES:
            raise EndpointError(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
        try:
            return self.rfile.read(size).decode("utf-8")
        except UnicodeDecodeError as err:
            raise EndpointError(400, "the request body is not UTF-8") from err

    def _protocol(self, params: dict[str, list[str]]) -> Response:
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            return error_response(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1:
            return error_response(400, "pass exactly one query (query=...)")
        return self.endpoint.answer(
            queries[0],
            self.headers.get("Accept"),
            default_graphs=params.get("default-graph-uri", []),
            named_graphs=params.get("named-graph-uri", []),
        )

    def _send(self, response: Response, allow: str | None = None) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        if response.status >= 400:
            # the request body may not have been read: do not reuse the connection
            self.close_connection = True
            self.send_header("Connection", "close")
        if allow:
            self.send_header("Allow", allow)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name BaseHTTPRequestHandler uses
        log.info("%s %s", self.address_string(), format % args)


def make_server(
    endpoint: Endpoint, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) for `endpoint` on host:port; port 0 picks a free port."""
    handler = type("Handler", (_Handler,), {"endpoint": endpoint})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        raise ParleyError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    server.daemon_threads = True
    return server


def serve(
    graph_path: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    announce: Callable[[str], object] = print,
) -> None:
    """Load the graph at `graph_path` and serve it until interrupted (Ctrl-C)."""
    store = load_store(graph_path)
    server = make_server(Endpoint(store, timeout=timeout, max_rows=max_rows), host, port)
    bound_host, bound_port = server.server_address[:2]
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("listening on %s: other machines can query this graph", host)
    announce(
        f"Serving {graph_path} ({len(store)} quads) at http://{bound_host}:{bound_port}{SPARQL_PATH} "
        f"and a query page at http://{bound_host}:{bound_port}/ (Ctrl-C to stop)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _short(query: str) -> str:
    text = " ".join(query.split())
    return text if len(text) <= 120 else text[:117] + "..."
