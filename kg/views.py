"""Interactive views of a Parley graph (`kg view`): one self-contained HTML page to open, mail and trust.

The pipeline is ``rdflib Graph -> networkx graph -> positions -> pyvis nodes and edges -> HTML``:

* `build_network` turns the RDF graph of docs/GRAPH.md into a `networkx.MultiDiGraph` with one node per
  actor, condition or talks and one edge per fact (subject, relation, object). What was *said* is not
  drawn: claims, and the evidence sentences of every fact with outlet and date, ride along as data and
  are shown when the user hovers over or clicks an actor or an edge.
* `compute_layout` places every node in Python (networkx's spring layout for the strongest part of each
  component, the rest around the node that links it in), so the browser does no physics at all: a graph
  of 10,000 nodes opens in a few seconds and stays still.
* `render_html` fills ``kg/templates/view.html.j2`` with vis-network inlined from the copy pyvis ships:
  no CDN link, nothing fetched, works from ``file://``.

Article text is untrusted. Jinja escapes every heading and legend text; the graph data travels as JSON
inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped; the
page builds popups and the details panel with ``textContent`` only (vis-network shows a string title as
text); and a Content-Security-Policy with the hashes of the page's own two scripts stops anything else
from running or loading, should some text ever slip through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node
from rdflib.util import guess_format

from kg.errors import InputError, ParleyError
from kg.graph import write_atomically
from kg.namespace import PARLEY, RELATIONS, SCHEMA

VIEWS = ("network", "positions")
POSITION_RELATIONS = ("demands", "rejects", "accepts")
TALKS_RELATIONS = ("hosts", "mediates", "participatesIn")
ACTOR_RELATIONS = ("accuses", "memberOf")
EDGE_RELATIONS = POSITION_RELATIONS + TALKS_RELATIONS + ACTOR_RELATIONS

MAX_NODES = 10_000
"""Above this many nodes a view keeps the strongest part (by evidence and centrality) and says so."""

CORE_SIZE = 300
"""Nodes per component laid out by networkx's spring layout; the others are placed around them."""

SPACING = 120.0
"""Pixels between neighbouring nodes in the layout."""

TOOLTIP_ITEMS = 3
TOOLTIP_CHARS = 240
LARGE_GRAPH = 2_000
"""From this many nodes on, edges have no arrowheads and are hidden while the user drags or zooms."""

ACTOR_TYPES = {
    "person": ("person", "#7fb3ff"),
    "organisation": ("organisation", "#ffd166"),
    "country": ("country", "#8fd694"),
    "actor": ("actor of unknown type", "#d9d9d9"),
}
CONDITION_STYLE = ("condition", "#f4b6c2", "diamond")
TALKS_STYLE = ("talks", "#c9b3e6", "square")

RELATION_STYLES = {
    # name: (words in popups and the legend, colour, dashed)
    "demands": ("demands", "#e67e22", False),
    "rejects": ("rejects", "#d62728", False),
    "accepts": ("accepts", "#2ca02c", False),
    "hosts": ("hosts", "#1f77b4", False),
    "mediates": ("mediates", "#9467bd", False),
    "participatesIn": ("takes part in", "#17becf", False),
    "accuses": ("accuses", "#8c564b", False),
    "memberOf": ("is a member of", "#7f7f7f", True),
}

_ORGANISATION_CLASSES = {
    PARLEY.Organization,
    PARLEY.ArmedGroup,
    PARLEY.GovernmentBody,
    PARLEY.InternationalOrganization,
    PARLEY.NewsOutlet,
}
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CSP_PLACEHOLDER = "'parley-script-hashes'"


class ViewError(ParleyError):
    """A view that cannot be drawn: its JavaScript library is missing from the installation."""


@dataclass(frozen=True)
class ViewStats:
    """What a written view holds: drawn nodes and edges, and how many the size limit left out."""

    path: Path
    nodes: int
    edges: int
    left_out_nodes: int = 0
    left_out_edges: int = 0


# --------------------------------------------------------------------------------------------------
# Reading the RDF graph


def load_graph(source: Graph | str | os.PathLike[str]) -> Graph:
    """The graph to draw: `source` itself when it is an rdflib Graph, else the RDF file it names, or the
    default graph (the merged view) of the Oxigraph store folder it names (`output/store`)."""
    if isinstance(source, Graph):
        return source
    path = Path(source)
    if path.is_dir():
        return _graph_from_store(path)
    if not path.is_file():
        raise InputError(f"{path}: no such graph file (run `kg build` first, or pass --graph FILE)")
    graph = Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as err:  # rdflib's parsers raise many exception types
        first_line = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise InputError(f"{path}: not a readable RDF graph: {first_line}") from err
    return graph


def _graph_from_store(path: Path) -> Graph:
    import pyoxigraph as ox

    from kg.query import open_store, to_rdflib  # the one place that decides how a store is opened

    graph = Graph()
    for quad in open_store(path).quads_for_pattern(None, None, None, ox.DefaultGraph()):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def _text(value: object) -> str:
    """A str safe to encode as UTF-8 (lone surrogates from odd input become U+FFFD)."""
    return str(value).encode("utf-8", "replace").decode("utf-8") if value is not None else ""


def _tail(iri: Node) -> str:
    text = str(iri)
    return re.split(r"[/#]", text.rstrip("/#"))[-1] or text


def _label(graph: Graph, node: Node, *properties: URIRef) -> str:
    """The node's label from the first property that has one (English or untagged preferred)."""
    for prop in properties:
        values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
        if values:
            best = min(values, key=lambda v: (v.language not in (None, "en"), str(v)))
            return " ".join(_text(best).split())
    return _tail(node)


def _actor_type(graph: Graph, node: Node) -> str:
    types = set(graph.objects(node, RDF.type))
    if PARLEY.Person in types:
        return "person"
    if PARLEY.Country in types:
        return "country"
    if types & _ORGANISATION_CLASSES:
        return "organisation"
    return "actor"


def _articles(graph: Graph) -> dict[Node, dict[str, str]]:
    """Outlet, date, title, URL and identifier of every article, looked up once."""
    fields = {
        "outlet": DCTERMS.publisher,
        "date": DCTERMS.date,
        "title": DCTERMS.title,
        "url": SCHEMA.url,
        "id": DCTERMS.identifier,
    }
    articles: dict[Node, dict[str, str]] = defaultdict(dict)
    for key, prop in fields.items():
        for article, value in graph.subject_objects(prop):
            articles[article].setdefault(key, _text(value))
    return articles


def _evidence_index(graph: Graph) -> dict[tuple[Node, Node, Node], list[dict]]:
    """Every evidence node of the graph, grouped by the fact (subject, predicate, object) it supports."""
    columns: dict[str, dict[Node, Node]] = {}
    for key, prop in {
        "s": RDF.subject,
        "p": RDF.predicate,
        "o": RDF.object,
        "article": PROV.wasDerivedFrom,
        "sentence": PARLEY.sentence,
        "confidence": PARLEY.confidence,
    }.items():
        column: dict[Node, Node] = {}
        for ev, value in graph.subject_objects(prop):
            column.setdefault(ev, value)
        columns[key] = column
    articles = _articles(graph)
    index: dict[tuple[Node, Node, Node], list[dict]] = defaultdict(list)
    for ev in graph.subjects(RDF.type, PARLEY.Evidence):
        fact = (columns["s"].get(ev), columns["p"].get(ev), columns["o"].get(ev))
        if None in fact:
            continue
        article = articles.get(columns["article"].get(ev), {})
        confidence = columns["confidence"].get(ev)
        index[fact].append(
            {
                "sentence": " ".join(_text(columns["sentence"].get(ev, "")).split()),
                "outlet": article.get("outlet", ""),
                "date": article.get("date", ""),
                "title": article.get("title", ""),
                "url": article.get("url", ""),
                "article": article.get("id", ""),
                "confidence": float(confidence) if isinstance(confidence, Literal) else None,
            }
        )
    for items in index.values():
        items.sort(key=lambda e: (e["date"], e["outlet"], e["article"], e["sentence"]))
    return index


# --------------------------------------------------------------------------------------------------
# RDF graph -> networkx graph


def resolve_actor(graph: Graph, name: str) -> URIRef:
    """The actor called `name`: its IRI, its key (``actor:key`` or ``key``), its label or another name.

    Case is ignored. Raises InputError when no actor or several actors answer to the name.
    """
    actors = _actor_nodes(graph)
    wanted = " ".join(name.split()).casefold()
    key = wanted.removeprefix("actor:")
    for tests in (
        lambda a: str(a).casefold() == wanted or _tail(a).casefold() == key,
        lambda a: any(_text(v).casefold() == wanted for v in graph.objects(a, RDFS.label)),
        lambda a: any(_text(v).casefold() == wanted for v in graph.objects(a, SKOS.altLabel)),
    ):
        found = sorted(a for a in actors if tests(a))
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"actor:{_tail(a)}" for a in found[:5])
            raise InputError(f"--actor {name!r} names several actors ({names}); give the key instead")
    raise InputError(f"--actor {name!r}: no actor of that name in the graph")


def _actor_nodes(graph: Graph) -> set[URIRef]:
    actors = {s for p in RELATIONS.values() for s in graph.subjects(p, None) if isinstance(s, URIRef)}
    actors |= {
        o for name in ACTOR_RELATIONS for o in graph.objects(None, RELATIONS[name]) if isinstance(o, URIRef)
    }
    for cls in (PARLEY.Person, PARLEY.Country, *_ORGANISATION_CLASSES):
        actors |= {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    return actors


def _check_options(view: str, relations: list[str] | tuple[str, ...] | None, min_evidence: int) -> None:
    if view not in VIEWS:
        raise InputError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    unknown = [r for r in relations or () if r not in RELATIONS]
    if unknown:
        raise InputError(f"unknown relation {unknown[0]!r}: choose among {', '.join(RELATIONS)}")
    if min_evidence < 1:
        raise InputError(f"--min-evidence must be at least 1, not {min_evidence}")


def build_network(
    graph: Graph,
    view: str = "network",
    actor: str | None = None,
    relations: list[str] | tuple[str, ...] | None = None,
    min_evidence: int = 1,
    max_nodes: int = MAX_NODES,
) -> nx.MultiDiGraph:
    """The drawable network: one node per actor, condition or talks, one edge per fact.

    `view` is "network" (every relation) or "positions" (actors against conditions: demands, rejects,
    accepts). `actor` keeps that actor and its direct neighbours. `relations` keeps only the named
    relations; "said" among them (or no `relations` at all) puts claims in the actors' popups, and in
    the network view also draws actors who only spoke. `min_evidence` keeps facts and claims found at
    least that often (a fact asserted without any evidence node counts as found once). Above
    `max_nodes` nodes the strongest part is kept (by evidence and centrality) and the graph attributes
    ``left_out_nodes``/``left_out_edges``/``left_out_kinds`` say what was dropped.

    Node attributes: kind ("actor", "condition", "talks"), type (for actors), label, claims (actors),
    centrality, evidence (how often its facts and claims were found), score. Edge key and ``relation``:
    the relation name; ``evidence``: the list of evidence dicts; ``count``: how often it was found.
    """
    _check_options(view, relations, min_evidence)
    selected = set(relations) if relations else set(RELATIONS)
    allowed = POSITION_RELATIONS if view == "positions" else EDGE_RELATIONS
    edge_relations = [r for r in allowed if r in selected]
    focus = resolve_actor(graph, actor) if actor is not None else None

    index = _evidence_index(graph)
    network = nx.MultiDiGraph()
    kinds: dict[URIRef, str] = {}
    facts: list[tuple[URIRef, str, URIRef, list[dict]]] = []
    for name in edge_relations:
        predicate = RELATIONS[name]
        object_kind = (
            "condition" if name in POSITION_RELATIONS else "talks" if name in TALKS_RELATIONS else "actor"
        )
        for s, o in graph.subject_objects(predicate):
            if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
                continue
            evidence = index.get((s, predicate, o), [])
            if max(len(evidence), 1) < min_evidence:
                continue
            kinds.setdefault(s, "actor")
            kinds.setdefault(o, object_kind)
            facts.append((s, name, o, evidence))

    claims: dict[URIRef, list[dict]] = defaultdict(list)
    if "said" in selected:
        for s, claim in graph.subject_objects(PARLEY.said):
            evidence = index.get((s, PARLEY.said, claim), [])
            if not isinstance(s, URIRef) or max(len(evidence), 1) < min_evidence:
                continue
            claims[s].append(
                {
                    "text": " ".join(_text(graph.value(claim, PARLEY.text) or "").split()),
                    "direct": bool(graph.value(claim, PARLEY.direct)),
                    "evidence": evidence,
                }
            )
            if view == "network":
                kinds.setdefault(s, "actor")
    if focus is not None:
        kinds.setdefault(focus, "actor")

    for node in sorted(kinds):
        network.add_node(str(node), **_node_data(graph, node, kinds[node], claims.get(node, [])))
    for s, name, o, evidence in sorted(facts, key=lambda f: (str(f[0]), f[1], str(f[2]))):
        network.add_edge(
            str(s), str(o), key=name, relation=name, evidence=evidence, count=max(len(evidence), 1)
        )

    if focus is not None:
        network = nx.ego_graph(network, str(focus), radius=1, undirected=True).copy()
        network.graph["focus"] = str(focus)
    _score(network)
    return _limit(network, max_nodes)


def _node_data(graph: Graph, node: URIRef, kind: str, claims: list[dict]) -> dict:
    if kind == "actor":
        claims = sorted(claims, key=lambda c: (-len(c["evidence"]), c["text"]))
        label = _label(graph, node, RDFS.label, SKOS.prefLabel)
        return {"kind": kind, "type": _actor_type(graph, node), "label": label, "claims": claims}
    if kind == "condition":
        definition = graph.value(node, SKOS.definition)
        return {
            "kind": kind,
            "label": _label(graph, node, SKOS.prefLabel, RDFS.label),
            "definition": _text(definition) if definition is not None else "",
        }
    place = graph.value(node, PARLEY.location)
    return {
        "kind": kind,
        "label": _label(graph, node, RDFS.label),
        "place": _label(graph, place, RDFS.label) if place is not None else "",
    }


def _score(network: nx.MultiDiGraph) -> None:
    """Centrality (networkx degree centrality), evidence weight and their sum, the node's strength."""
    n = network.number_of_nodes()
    centrality = nx.degree_centrality(network) if n > 1 else dict.fromkeys(network, 0.0)
    evidence: Counter[str] = Counter()
    for s, o, count in network.edges(data="count"):
        evidence[s] += count
        evidence[o] += count
    for node, claims in network.nodes(data="claims"):
        evidence[node] += sum(max(len(c["evidence"]), 1) for c in claims or ())
    top_c = max(centrality.values(), default=0.0) or 1.0
    top_e = max(evidence.values(), default=0) or 1
    for node, data in network.nodes(data=True):
        data["centrality"] = centrality[node]
        data["evidence"] = evidence[node]
        data["score"] = centrality[node] / top_c + evidence[node] / top_e


def _limit(network: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    total_nodes, total_edges = network.number_of_nodes(), network.number_of_edges()
    if total_nodes <= max_nodes:
        network.graph.update(left_out_nodes=0, left_out_edges=0, left_out_kinds={})
        return network
    ranked = sorted(network.nodes(data="score"), key=lambda item: (-item[1], item[0]))
    keep = [node for node, _ in ranked[:max_nodes]]
    focus = network.graph.get("focus")
    if focus is not None and focus not in keep:
        keep[-1] = focus
    kept = set(keep)
    left_out = Counter(network.nodes[n]["kind"] for n in network if n not in kept)
    result = nx.MultiDiGraph()
    result.graph.update(network.graph)
    result.add_nodes_from((n, data) for n, data in network.nodes(data=True) if n in kept)
    result.add_edges_from(
        (u, v, k, data) for u, v, k, data in network.edges(keys=True, data=True) if u in kept and v in kept
    )
    result.graph.update(
        left_out_nodes=total_nodes - result.number_of_nodes(),
        left_out_edges=total_edges - result.number_of_edges(),
        left_out_kinds=dict(left_out),
    )
    return result


# --------------------------------------------------------------------------------------------------
# Layout


def compute_layout(
    network: nx.Graph, spacing: float = SPACING, core_size: int = CORE_SIZE
) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node, computed once here so the browser needs no physics.

    Each connected component is laid out on its own: networkx's spring layout places its `core_size`
    strongest nodes (score attribute), then the others go around the node that links them in, outward
    from the centre, in a sunflower spiral. Components are then packed in rows, largest first. The
    spring layout runs in numpy (under 500 nodes networkx needs no scipy), and a fixed seed makes the
    same graph give the same picture.
    """
    simple = nx.Graph()
    simple.add_nodes_from(network)
    simple.add_edges_from((u, v) for u, v in network.edges() if u != v)
    score = {node: network.nodes[node].get("score", 0.0) for node in network}
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    layouts = [_component_layout(simple, nodes, score, core_size) for nodes in components]
    return {node: (round(x * spacing, 1), round(y * spacing, 1)) for node, (x, y) in _pack(layouts).items()}


def _spring(simple: nx.Graph, nodes: list[str], component_size: int) -> dict[str, tuple[float, float]]:
    """networkx's spring layout of `nodes`, spread over the room their whole component will take."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(simple.subgraph(nodes).edges()))
    scale = max(0.75, 1.1 * math.sqrt(len(nodes)), 0.6 * math.sqrt(component_size))
    positions = nx.spring_layout(sub, seed=7, method="force", scale=scale)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MIN_GAP = 0.6
"""Least distance between two node centres, in units of SPACING."""


_CELL = MIN_GAP / 4
_REACH = 5
# The cells, relative to a point's own cell, that hold some spot nearer than MIN_GAP to some spot of it.
_STAMP = np.array(
    [
        [
            _CELL * math.hypot(max(abs(dx) - 1, 0), max(abs(dy) - 1, 0)) < MIN_GAP
            for dy in range(-_REACH, _REACH + 1)
        ]
        for dx in range(-_REACH, _REACH + 1)
    ]
)


class _Occupied:
    """The points placed so far, as a raster of cells a quarter of MIN_GAP wide: placing a point blocks
    every cell that has a spot nearer than MIN_GAP to it, so any spot in a cell left free is at least
    MIN_GAP from every placed point, and many spots are tested at once with numpy. The raster grows as
    points land outside it."""

    def __init__(self) -> None:
        self.x0 = self.y0 = -64  # the cell index of grid[0, 0]
        self.grid = np.zeros((128, 128), dtype=bool)

    def _cover(self, low_x: int, low_y: int, high_x: int, high_y: int) -> None:
        """Grow the raster (by half its size at least) so it holds these cells and their stamps."""
        margin = _REACH + 1
        width, height = self.grid.shape
        left = max(self.x0 - (low_x - margin), 0)
        right = max(high_x + margin - (self.x0 + width - 1), 0)
        top = max(self.y0 - (low_y - margin), 0)
        bottom = max(high_y + margin - (self.y0 + height - 1), 0)
        if left or right or top or bottom:
            grow = [
                max(n, size // 2) if n else 0
                for n, size in ((left, width), (right, width), (top, height), (bottom, height))
            ]
            self.grid = np.pad(self.grid, ((grow[0], grow[1]), (grow[2], grow[3])))
            self.x0 -= grow[0]
            self.y0 -= grow[2]

    def first_free(self, xs: np.ndarray, ys: np.ndarray) -> int | None:
        """The index of the first free spot among (xs, ys), or None."""
        cx = np.floor(xs / _CELL).astype(np.int64)
        cy = np.floor(ys / _CELL).astype(np.int64)
        self._cover(int(cx.min()), int(cy.min()), int(cx.max()), int(cy.max()))
        free = ~self.grid[cx - self.x0, cy - self.y0]
        index = int(free.argmax())
        return index if free[index] else None

    def add(self, x: float, y: float) -> None:
        cx, cy = math.floor(x / _CELL), math.floor(y / _CELL)
        self._cover(cx, cy, cx, cy)
        cx, cy = cx - self.x0, cy - self.y0
        self.grid[cx - _REACH : cx + _REACH + 1, cy - _REACH : cy + _REACH + 1] |= _STAMP


def _free_spot(
    occupied: _Occupied, x: float, y: float, start: int, first: float, step: float, angle: float
) -> tuple[int, float, float]:
    """The first free point of a sunflower spiral around (x, y) from its `start`-th point on (the
    spiral spreads points evenly on a disc), with its index. Tries 16 points at once, then more."""
    k, batch = start, 16
    while True:
        ks = np.arange(k, k + batch, dtype=np.float64)
        radius = first + step * np.sqrt(ks)
        theta = angle + GOLDEN_ANGLE * ks
        xs, ys = x + radius * np.cos(theta), y + radius * np.sin(theta)
        index = occupied.first_free(xs, ys)
        if index is not None:
            return k + index, float(xs[index]), float(ys[index])
        k, batch = k + batch, min(batch * 2, 4096)


def _component_layout(
    simple: nx.Graph, nodes: list[str], score: dict[str, float], core_size: int
) -> dict[str, tuple[float, float]]:
    core = sorted(nodes, key=lambda n: (-score[n], n))[:core_size]
    wanted = _spring(simple, core, len(nodes))
    occupied = _Occupied()
    pos: dict[str, tuple[float, float]] = {}
    for node in core:  # strongest first: where the spring layout put two nodes too close, the weaker moves
        x, y = wanted[node]
        _, x, y = _free_spot(occupied, x, y, 0, 0.0, 0.3, 0.0)
        pos[node] = (x, y)
        occupied.add(x, y)
    if len(core) == len(nodes):
        return pos
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    children: Counter[str] = Counter()
    queue = deque(core)
    while queue:  # breadth first from the core: each node goes around the node that links it in
        anchor = queue.popleft()
        ax, ay = pos[anchor]
        outward = math.atan2(ay - cy, ax - cx) if (ax, ay) != (cx, cy) else 0.0
        for node in sorted(simple[anchor]):
            if node in pos:
                continue
            k, x, y = _free_spot(occupied, ax, ay, children[anchor], 0.9, 0.5, outward)
            children[anchor] = k + 1
            pos[node] = (x, y)
            occupied.add(x, y)
            queue.append(node)
    return pos


def _pack(layouts: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf-pack component layouts in rows, in the order given, so none overlaps another."""
    margin = 1.5
    boxes = []
    for pos in layouts:
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    if not boxes:
        return {}
    row_width = max(max(b[2] for b in boxes), 1.3 * math.sqrt(sum(b[2] * b[3] for b in boxes)))
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, (min_x, min_y, width, height) in zip(layouts, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (px - min_x + x, py - min_y + y)
        x += width
        row_height = max(row_height, height)
    return placed


# --------------------------------------------------------------------------------------------------
# networkx graph -> HTML


def _short(text: str, limit: int = TOOLTIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source(evidence: dict) -> str:
    outlet = evidence["outlet"] or (f"article {evidence['article']}" if evidence["article"] else "")
    return ", ".join(part for part in (outlet, evidence["date"]) if part) or "unknown source"


def _claim_line(claim: dict) -> str:
    text = f"“{_short(claim['text'])}”" if claim["direct"] else f"{_short(claim['text'])} (reported)"
    sources = "; ".join(_source(e) for e in claim["evidence"][:2])
    return f"{text}" + (f" — {sources}" if sources else "")


def _node_tooltip(data: dict, links: int) -> str:
    """The plain-text popup of a node (vis-network shows a string title as text, never as HTML)."""
    if data["kind"] == "actor":
        lines = [f"{data['label']} ({ACTOR_TYPES[data['type']][0]})"]
        claims = data.get("claims") or []
        counts = [f"{len(claims)} claim{'s' * (len(claims) != 1)}"] if claims else []
        counts.append(f"{links} link{'s' * (links != 1)}")
        lines.append(", ".join(counts))
        lines += [_claim_line(c) for c in claims[:TOOLTIP_ITEMS]]
        if len(claims) > TOOLTIP_ITEMS:
            lines.append(f"… and {len(claims) - TOOLTIP_ITEMS} more: click to see them all")
        return "\n".join(lines)
    if data["kind"] == "condition":
        lines = [f"{data['label']} (condition)"]
        if data.get("definition"):
            lines.append(_short(data["definition"]))
    else:
        lines = [f"{data['label']} (talks)"]
        if data.get("place"):
            lines.append(f"in {data['place']}")
    lines.append(f"{links} link{'s' * (links != 1)}")
    return "\n".join(lines)


def _edge_tooltip(source: str, relation: str, target: str, evidence: list[dict], count: int) -> str:
    lines = [f"{source} {RELATION_STYLES[relation][0]} {target}"]
    lines.append(f"found {count} time{'s' * (count != 1)}" if evidence else "asserted, no evidence sentence")
    lines += [f"“{_short(e['sentence'])}” — {_source(e)}" for e in evidence[:TOOLTIP_ITEMS]]
    if len(evidence) > TOOLTIP_ITEMS:
        lines.append(f"… and {len(evidence) - TOOLTIP_ITEMS} more: click to see them all")
    return "\n".join(lines)


def _style(data: dict) -> tuple[str, str]:
    """(colour, shape) of a node."""
    if data["kind"] == "actor":
        return ACTOR_TYPES[data["type"]][1], "dot"
    if data["kind"] == "condition":
        return CONDITION_STYLE[1], CONDITION_STYLE[2]
    return TALKS_STYLE[1], TALKS_STYLE[2]


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership for every node and edge it adds, which is
    quadratic; this list answers `in` from a set, so 10,000 nodes take a fraction of a second."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item: object) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _pyvis_data(network: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]):
    """pyvis nodes and edges (vis-network's format) plus the popup data the page shows on click."""
    from pyvis.network import Network  # imported here: pyvis pulls in IPython, slow for other commands

    net = Network(directed=True)
    net.node_ids = _IdList()
    ids = {node: f"n{i}" for i, node in enumerate(network)}
    info: dict[str, dict] = {}
    top = max((c for _, c in network.nodes(data="centrality")), default=0.0) or 1.0
    for node, data in network.nodes(data=True):
        colour, shape = _style(data)
        net.add_node(
            ids[node],
            label=data["label"] or _tail(URIRef(node)),
            shape=shape,
            color=colour,
            size=round(8 + 26 * math.sqrt(data["centrality"] / top), 1),
            x=positions[node][0],
            y=positions[node][1],
            title=_node_tooltip(data, network.degree(node)),
            kind=data["kind"],
        )
        info[ids[node]] = {
            key: data[key]
            for key in ("kind", "type", "label", "claims", "definition", "place")
            if key in data
        } | {"iri": node}
    seen: Counter[frozenset] = Counter()
    for i, (s, o, relation, data) in enumerate(network.edges(keys=True, data=True)):
        words, colour, dashed = RELATION_STYLES[relation]
        pair = frozenset((s, o))
        options = {
            "id": f"e{i}",
            "color": colour,
            "width": round(1 + math.log2(data["count"]), 2),
            "dashes": dashed,
            "title": _edge_tooltip(
                network.nodes[s]["label"],
                relation,
                network.nodes[o]["label"],
                data["evidence"],
                data["count"],
            ),
            "relation": relation,
        }
        if seen[pair]:  # a second edge between the same two nodes is drawn curved beside the first
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * seen[pair]}
        seen[pair] += 1
        net.add_edge(ids[s], ids[o], **options)
        info[f"e{i}"] = {
            "relation": relation,
            "words": words,
            "from": network.nodes[s]["label"],
            "to": network.nodes[o]["label"],
            "count": data["count"],
            "evidence": data["evidence"],
        }
    for edge in net.edges:  # pyvis gives each edge of a directed network its arrow; the options decide
        edge.pop("arrows", None)
    return net.nodes, net.edges, info


def _vis_options(large: bool) -> dict:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "edges": {
            "smooth": False,
            # arrowheads double the time of every redraw; above LARGE_GRAPH the popups tell the direction
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": False,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }


def _script_json(data: object) -> Markup:
    """JSON that cannot end its <script> element early or open an HTML comment, whatever the text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_library() -> tuple[str, str]:
    """vis-network's JavaScript and CSS from the copy shipped inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    candidates = sorted(
        lib.glob("vis-*/vis-network.min.js"),
        key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p.parent.name)),
    )
    if not candidates:
        raise ViewError(f"vis-network is missing from pyvis ({lib}): reinstall pyvis")
    folder = candidates[-1].parent
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", js.replace("\r\n", "\n").replace("\r", "\n"))
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css)
    if "</script" in js.lower() or "</style" in css.lower():
        raise ViewError(f"{folder}: vis-network cannot be inlined safely")
    return js, css


def _summary(network: nx.MultiDiGraph, relations: list[str], min_evidence: int) -> str:
    kinds = Counter(kind for _, kind in network.nodes(data="kind"))
    parts = [
        f"{kinds[k]:,} {name}"
        for k, name in (("actor", "actors"), ("condition", "conditions"), ("talks", "talks"))
        if kinds[k]
    ]
    text = f"{network.number_of_nodes():,} nodes ({', '.join(parts) or 'none'}) and "
    text += f"{network.number_of_edges():,} links."
    words = [RELATION_STYLES[r][0] if r in RELATION_STYLES else "said (in the popups)" for r in relations]
    text += " Relations: " + ", ".join(words)
    if min_evidence > 1:
        text += f"; only facts found at least {min_evidence} times"
    text += ". Hover over or click an actor, a condition, talks or a link to read the evidence."
    if network.number_of_nodes() >= LARGE_GRAPH:
        text += " Links have no arrowheads in a graph this large: the popups say who does what to whom."
    return text


def _notice(network: nx.MultiDiGraph, max_nodes: int) -> str:
    left_nodes = network.graph.get("left_out_nodes", 0)
    if not left_nodes:
        return ""
    kinds = network.graph.get("left_out_kinds", {})
    names = {"actor": "actors", "condition": "conditions", "talks": "talks"}
    detail = ", ".join(f"{count:,} {names[kind]}" for kind, count in sorted(kinds.items()))
    total = network.number_of_nodes() + left_nodes
    return (
        f"This graph is too large to draw whole: the view keeps its {network.number_of_nodes():,} strongest "
        f"nodes of {total:,} (by evidence and centrality, limit {max_nodes:,}) and leaves out {left_nodes:,} "
        f"nodes ({detail}) and {network.graph.get('left_out_edges', 0):,} links. Use --actor, --relation or "
        f"--min-evidence for a closer look."
    )


def _legend(network: nx.MultiDiGraph, relations: list[str]) -> list[dict]:
    items = [{"label": label, "colour": colour, "shape": "dot"} for label, colour in ACTOR_TYPES.values()]
    items.append({"label": CONDITION_STYLE[0], "colour": CONDITION_STYLE[1], "shape": "diamond"})
    items.append({"label": TALKS_STYLE[0], "colour": TALKS_STYLE[1], "shape": "square"})
    for name in relations:
        if name in RELATION_STYLES:
            words, colour, dashed = RELATION_STYLES[name]
            items.append({"label": words, "colour": colour, "shape": "dashed" if dashed else "line"})
    return items


def render_html(
    network: nx.MultiDiGraph,
    heading: str,
    relations: list[str] | tuple[str, ...] = tuple(RELATIONS),
    min_evidence: int = 1,
    max_nodes: int = MAX_NODES,
) -> str:
    """The self-contained HTML page drawing `network` (from `build_network`), with the given heading.

    The page holds vis-network, its CSS, the data and the script that shows popups and the details
    panel; it links nothing and fetches nothing, and a Content-Security-Policy lets only its own two
    scripts run.
    """
    positions = compute_layout(network)
    nodes, edges, info = _pyvis_data(network, positions)
    js, css = _vis_library()
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = env.get_template("view.html.j2").render(
        heading=heading,
        summary=_summary(network, list(relations), min_evidence),
        notice=_notice(network, max_nodes),
        legend=_legend(network, list(relations)),
        data=_script_json(
            {
                "nodes": nodes,
                "edges": edges,
                "info": info,
                "options": _vis_options(network.number_of_nodes() >= LARGE_GRAPH),
            }
        ),
        vis_js=Markup(js),
        vis_css=Markup(css),
        csp_script_hashes=Markup(_CSP_PLACEHOLDER),
    )
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
        for script in _SCRIPT_RE.findall(page)
    )
    return page.replace(_CSP_PLACEHOLDER, hashes, 1)


def _heading(graph: Graph, view: str, actor: str | None) -> str:
    if actor is not None:
        focus = resolve_actor(graph, actor)
        label = _label(graph, focus, RDFS.label, SKOS.prefLabel)
        what = "positions" if view == "positions" else "neighbourhood"
        return f"Parley: the {what} of {label}"
    if view == "positions":
        return "Parley: positions (actors against conditions)"
    return "Parley: actors and positions"


def render_view(
    graph: Graph | str | os.PathLike[str],
    actor: str | None = None,
    relations: list[str] | tuple[str, ...] | None = None,
    min_evidence: int = 1,
    view: str = "network",
    max_nodes: int = MAX_NODES,
) -> tuple[str, nx.MultiDiGraph]:
    """The HTML of a view of `graph` (an rdflib Graph or an RDF file) and the network it draws.

    The options are those of `build_network`.
    """
    rdf = load_graph(graph)
    network = build_network(rdf, view, actor, relations, min_evidence, max_nodes)
    selected = [r for r in RELATIONS if not relations or r in relations]
    if view == "positions":
        selected = [r for r in selected if r in POSITION_RELATIONS or r == "said"]
    page = render_html(network, _heading(rdf, view, actor), selected, min_evidence, max_nodes)
    return page, network


def write_view(
    graph: Graph | str | os.PathLike[str],
    path: str | os.PathLike[str],
    actor: str | None = None,
    relations: list[str] | tuple[str, ...] | None = None,
    min_evidence: int = 1,
    view: str = "network",
    max_nodes: int = MAX_NODES,
) -> ViewStats:
    """Write the view of `graph` (an rdflib Graph or an RDF file) to `path` as one HTML file.

    `view` is "network" (the whole network) or "positions" (actors against conditions only); `actor`
    narrows it to one actor's neighbourhood; `relations` and `min_evidence` filter the facts; above
    `max_nodes` nodes only the strongest part is drawn and the page says what it left out. The file is
    written atomically, so a browser never sees half of it. Returns what was drawn.
    """
    page, network = render_view(graph, actor, relations, min_evidence, view, max_nodes)
    target = Path(path)
    try:
        write_atomically(target, page)
    except OSError as err:
        raise InputError(f"{target}: cannot write the view ({err.strerror or err})") from err
    return ViewStats(
        path=target,
        nodes=network.number_of_nodes(),
        edges=network.number_of_edges(),
        left_out_nodes=network.graph.get("left_out_nodes", 0),
        left_out_edges=network.graph.get("left_out_edges", 0),
    )


__all__ = [
    "MAX_NODES",
    "VIEWS",
    "ViewError",
    "ViewStats",
    "build_network",
    "compute_layout",
    "load_graph",
    "render_html",
    "render_view",
    "resolve_actor",
    "write_view",
]
