"""`kg push`: send the graph of a build to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

Each article becomes one named graph (named by `kg.graph.article_iri`), sent with HTTP PUT, which
replaces the graph when it is already there: pushing twice leaves the endpoint as pushing once.
Graphs pushed before and no longer in the build (articles removed since) are deleted.

Stores such as Virtuoso answer a query without a GRAPH clause over all graphs at once, and keep a
triple found in two graphs twice, so counts would double. So the named graphs pushed are a partition
of the merged view: a triple goes to the first article (in IRI order) whose graph has it, and the
union of the pushed graphs is exactly the graph `kg query` reads locally. An article's evidence and
article node are always in its own graph; a fact or a description several articles share is in the
first of them.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib.namespace import RDFS, SKOS

from kg.errors import ParleyError
from kg.graph import article_iri, write_atomically
from kg.store import MergedView, open_read_only, unpack

STATE_FILE = "push.json"  # in the output folder: the graphs last pushed to each endpoint
_LABEL, _ALT = f"<{RDFS.label}>", f"<{SKOS.altLabel}>"


class PushError(ParleyError):
    """The endpoint could not be reached or refused a graph."""


@dataclass
class PushReport:
    """What a push sent: graphs and triples, and the graphs it deleted."""

    graphs: int = 0
    triples: int = 0
    deleted: int = 0


def graphs_to_push(output: Path) -> Iterator[tuple[str, list[str]]]:
    """The graphs to push, as (graph IRI, N-Triples lines), in IRI order: a partition of the merged view
    (see the module docstring)."""
    entries = open_read_only(output).manifest()
    graphs = sorted((str(article_iri(e.id)), e.blob) for e in entries.values())
    merged = MergedView()
    for _, blob in graphs:
        merged.add(unpack(blob))
    left = merged.lines()
    del merged
    owned: dict[str, list[str]] = {}
    labels: dict[tuple[str, str], str] = {}  # (node, label) -> first graph giving it
    for iri, blob in graphs:
        mine = owned[iri] = []
        for line in unpack(blob):
            if line in left:
                left.discard(line)
                mine.append(line)
            s, p, rest = line.split(" ", 2)
            if p == _LABEL:
                labels.setdefault((s, rest), iri)
    for line in sorted(left):  # an actor's label that lost to another, kept as skos:altLabel
        s, p, rest = line.split(" ", 2)
        owner = labels.get((s, rest)) if p == _ALT else None
        if owner is None:
            raise AssertionError(f"no article gives {line}")  # merge rules never invent a triple
        owned[owner].append(line)
    for iri, _ in graphs:
        yield iri, owned.pop(iri)


def push(
    output: Path,
    endpoint: str,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 120.0,
    announce: Callable[[str], None] | None = None,
) -> PushReport:
    """PUT every article graph of the build in `output` to the Graph Store `endpoint`, then DELETE the
    graphs pushed there before that the build no longer has."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint")
    opener = _opener(endpoint, user, password)
    report = PushReport()
    state_path = output / STATE_FILE
    state = _read_state(state_path)
    pushed: list[str] = []
    for iri, lines in graphs_to_push(output):
        body = ("\n".join(lines) + "\n").encode("utf-8")
        _send(opener, "PUT", endpoint, iri, body, timeout)
        pushed.append(iri)
        report.graphs += 1
        report.triples += len(lines)
        if announce and report.graphs % 100 == 0:
            announce(f"pushed {report.graphs} graphs")
    for iri in sorted(set(state.get(endpoint, [])) - set(pushed)):
        _send(opener, "DELETE", endpoint, iri, None, timeout, missing_ok=True)
        report.deleted += 1
    state[endpoint] = pushed
    write_atomically(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, endpoint, user, password or "")
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def _send(
    opener: urllib.request.OpenerDirector,
    method: str,
    endpoint: str,
    graph: str,
    body: bytes | None,
    timeout: float,
    missing_ok: bool = False,
) -> None:
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"
    headers = {"Content-Type": "text/turtle; charset=utf-8"} if body is not None else {}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        if missing_ok and err.code == 404:
            return
        detail = " ".join(err.read(300).decode("utf-8", "replace").split())
        raise PushError(
            f"{endpoint}: {method} of graph <{graph}> failed: HTTP {err.code} {err.reason}"
            + (f" ({detail})" if detail else "")
        ) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PushError(f"{endpoint}: cannot reach the endpoint ({reason})") from None


def _read_state(path: Path) -> dict[str, list[str]]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}
