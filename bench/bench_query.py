"""Benchmark the named queries: Oxigraph on a ~1M-triple graph, and rdflib's engine on a smaller one.

    .venv/bin/python bench/bench_query.py                 # 1M triples, 5 runs per query
    .venv/bin/python bench/bench_query.py --triples 200000 --runs 3 --rdflib-triples 0
    .venv/bin/python bench/bench_query.py --save /tmp/big.nt   # keep the graph for `kg query --graph`

The graph is synthetic but has the shape of docs/GRAPH.md: articles with dates, outlets and mentions;
persons, organisations and countries with memberships, mentioned with a long-tailed (Zipf) frequency;
claims, stances on the conditions of the scheme, talks with and without a venue, accusations; one
evidence node per fact occurrence, and some facts reported by several articles. It is generated from a
fixed seed, so two runs time the same graph.

Each timing is one answer as `kg query` computes it: parameters resolved, the query run on Oxigraph,
every row read. The queries are timed twice: on the graph file loaded in memory (`kg query --graph
graph.nt`) and on a persistent Oxigraph store on disk, as `kg query` opens the `output/store` of a build
(RocksDB: several times slower for the same answer). It prints the median and the slowest wall-clock
time of the runs, and the median CPU time (which other programs running at the same time do not
inflate). This is a benchmark, not a test: nothing fails when it is slow.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import (  # noqa: E402
    bind_parameters,
    load_query,
    open_store,
    query_names,
    rdflib_bindings,
    run,
)

PARLEY = "https://w3id.org/parley/ontology#"
BASE = "https://w3id.org/parley/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"

CONDITIONS = (
    "ceasefire", "permanent-ceasefire", "temporary-ceasefire", "troop-withdrawal", "return-of-displaced",
    "humanitarian-aid", "prisoner-release", "hostage-release", "hostage-list", "security-guarantees",
    "security-control", "proposal-acceptance", "disarmament", "end-of-blockade", "reconstruction",
    "sanctions-relief", "territorial-recognition", "neutrality", "nuclear-limits", "political-transition",
    "accountability", "direct-talks",
)  # fmt: skip
ORG_CLASSES = ("ArmedGroup", "GovernmentBody", "InternationalOrganization", None)
# How often each relation is extracted, per 100 facts.
RELATION_WEIGHTS = {
    "said": 28,
    "demands": 10,
    "rejects": 8,
    "accepts": 6,
    "hosts": 4,
    "mediates": 6,
    "participatesIn": 10,
    "accuses": 16,
    "memberOf": 12,
}


def iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text)


def p(name: str) -> ox.NamedNode:
    return ox.NamedNode(PARLEY + name)


class Synthetic:
    """A seeded generator of GRAPH.md-shaped triples, article by article."""

    def __init__(self, seed: int = 7, actors: int = 1500, venues: int = 150, outlets: int = 40) -> None:
        self.random = random.Random(seed)
        self.actors = [f"actor-{i:04d}" for i in range(actors)]
        self.kinds = {}
        for i, key in enumerate(self.actors):
            self.kinds[key] = "Country" if i % 8 == 0 else "Organization" if i % 3 == 0 else "Person"
        groups = [a for a in self.actors if self.kinds[a] != "Person"]
        # Each person belongs to one organisation or country, which articles mostly report.
        self.home = {a: self.random.choice(groups) for a in self.actors if self.kinds[a] == "Person"}
        self.groups = groups
        self.weights = [1 / (rank + 1) ** 1.1 for rank in range(actors)]  # a few actors in most articles
        self.venues = [f"city-{i:03d}" for i in range(venues)]
        self.outlets = [f"Outlet {i:02d}" for i in range(outlets)]
        self.claims: dict[str, list[str]] = {}
        self.article_count = 0

    def static(self) -> Iterator[tuple]:
        """Actors, their memberships, the conditions and the venues."""
        countries = [a for a in self.actors if self.kinds[a] == "Country"]
        for i, key in enumerate(self.actors):
            node = iri(BASE + "id/actor/" + key)
            kind = self.kinds[key]
            yield node, iri(RDF + "type"), p(kind)
            if kind == "Organization" and ORG_CLASSES[i % 4]:
                yield node, iri(RDF + "type"), p(ORG_CLASSES[i % 4])
            yield node, iri(RDFS + "label"), ox.Literal(f"Actor {i}")
            yield node, iri(SKOS + "altLabel"), ox.Literal(f"the actor number {i}")
            if kind == "Person":
                yield node, p("memberOf"), iri(BASE + "id/actor/" + self.home[key])
        for cond in CONDITIONS:
            node = iri(BASE + "condition/" + cond)
            yield node, iri(RDF + "type"), iri(SKOS + "Concept")
            yield node, iri(RDF + "type"), p("Condition")
            yield node, iri(SKOS + "prefLabel"), ox.Literal(cond.replace("-", " "))
        for venue in self.venues:
            talks, place = iri(BASE + "id/talks/" + venue), iri(BASE + "id/place/" + venue)
            yield talks, iri(RDF + "type"), p("Talks")
            yield talks, iri(RDFS + "label"), ox.Literal(f"talks in {venue}")
            yield talks, p("location"), place
            yield place, iri(RDF + "type"), p("Place")
            yield place, iri(RDFS + "label"), ox.Literal(venue)
            yield place, p("inCountry"), iri(BASE + "id/actor/" + self.random.choice(countries))

    def article(self) -> Iterator[tuple]:
        """One article: its metadata, mentions, facts and one evidence node per fact."""
        rnd = self.random
        self.article_count += 1
        aid = f"a{self.article_count:06d}"
        node = iri(BASE + "id/article/" + aid)
        yield node, iri(RDF + "type"), p("Article")
        yield node, iri(DCTERMS + "identifier"), ox.Literal(aid)
        yield node, iri(DCTERMS + "title"), ox.Literal(f"Headline of article {aid}")
        if rnd.random() < 0.95:
            date = f"20{rnd.randint(22, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            yield node, iri(DCTERMS + "date"), ox.Literal(date, datatype=iri(XSD + "date"))
        if rnd.random() < 0.9:
            yield node, iri(DCTERMS + "publisher"), ox.Literal(rnd.choice(self.outlets))
        mentioned = list(dict.fromkeys(rnd.choices(self.actors, self.weights, k=rnd.randint(5, 10))))
        for key in mentioned:
            yield node, iri(SCHEMA + "mentions"), iri(BASE + "id/actor/" + key)
        offset = 0
        for _ in range(rnd.randint(12, 20)):
            relation = rnd.choices(list(RELATION_WEIGHTS), list(RELATION_WEIGHTS.values()))[0]
            subject_key = rnd.choice(mentioned)
            if relation == "memberOf" and self.kinds[subject_key] != "Person":
                relation = "accuses"  # only people are members, of an organisation or a country
            subject = iri(BASE + "id/actor/" + subject_key)
            obj = self._object(relation, subject_key, mentioned, aid)
            yield from self._object_triples(relation, obj)
            yield subject, p(relation), obj
            length = rnd.randint(60, 240)
            ev = iri(f"{BASE}id/evidence/{aid}-{offset}")
            yield ev, iri(RDF + "type"), iri(RDF + "Statement")
            yield ev, iri(RDF + "type"), p("Evidence")
            yield ev, iri(RDF + "subject"), subject
            yield ev, iri(RDF + "predicate"), p(relation)
            yield ev, iri(RDF + "object"), obj
            yield ev, iri(PROV + "wasDerivedFrom"), node
            yield ev, p("sentence"), ox.Literal(f"Sentence at {offset} of {aid}: {subject_key} {relation}.")
            yield ev, p("start"), ox.Literal(offset)
            yield ev, p("end"), ox.Literal(offset + length)
            yield ev, p("confidence"), ox.Literal(f"0.{rnd.randint(5, 9)}", datatype=iri(XSD + "decimal"))
            yield ev, p("rule"), ox.Literal(f"{relation}.rule")
            offset += length + 1

    def _object(self, relation: str, subject_key: str, mentioned: list[str], aid: str) -> ox.NamedNode:
        rnd = self.random
        if relation == "said":
            said = self.claims.setdefault(subject_key, [])
            if said and rnd.random() < 0.15:  # the same claim reported again: corroboration
                return iri(BASE + "id/claim/" + rnd.choice(said))
            key = f"{subject_key}-{len(said)}"
            said.append(key)
            return iri(BASE + "id/claim/" + key)
        if relation in ("demands", "rejects", "accepts"):
            common = rnd.random() < 0.8
            return iri(BASE + "condition/" + rnd.choice(CONDITIONS[:12] if common else CONDITIONS))
        if relation in ("hosts", "mediates", "participatesIn"):
            if rnd.random() < 0.2:
                return iri(BASE + "id/talks/" + aid)
            busy = rnd.random() < 0.7
            return iri(BASE + "id/talks/" + rnd.choice(self.venues[:40] if busy else self.venues))
        if relation == "memberOf":
            group = self.home[subject_key] if rnd.random() < 0.9 else rnd.choice(self.groups)
            return iri(BASE + "id/actor/" + group)
        return iri(BASE + "id/actor/" + rnd.choice([m for m in mentioned if m != subject_key] or self.actors))

    def _object_triples(self, relation: str, obj: ox.NamedNode) -> Iterator[tuple]:
        if relation == "said":
            yield obj, iri(RDF + "type"), p("Claim")
            yield obj, p("text"), ox.Literal(f"What was said: {obj.value.rsplit('/', 1)[1]}")
            yield obj, p("direct"), ox.Literal(self.random.random() < 0.5)
        elif relation in ("hosts", "mediates", "participatesIn") and "/talks/a" in obj.value:
            yield obj, iri(RDF + "type"), p("Talks")
            yield obj, iri(RDFS + "label"), ox.Literal("talks reported in " + obj.value.rsplit("/", 1)[1])


def build_store(triples: int, seed: int = 7) -> ox.Store:
    """A store of about `triples` triples (it stops after the article that reaches the count)."""
    store = ox.Store()
    generator = Synthetic(seed)
    store.extend(ox.Quad(s, p_, o) for s, p_, o in generator.static())
    while len(store) < triples:
        batch = []
        for _ in range(20):
            batch.extend(ox.Quad(s, p_, o) for s, p_, o in generator.article())
        store.extend(batch)
    return store


def bench_parameters(store: ox.Store) -> dict[str, list[tuple[str, str]]]:
    """Parameters for the parameterised queries, as an analyst would give them: the most mentioned
    actor by its label, and its most reported demand."""
    top = next(
        iter(
            store.query(f"""
        SELECT ?actor ?name (COUNT(?a) AS ?n) WHERE {{
          ?a <{SCHEMA}mentions> ?actor . ?actor <{RDFS}label> ?name
        }} GROUP BY ?actor ?name ORDER BY DESC(?n) LIMIT 1""")
        )
    )
    name = top["name"].value
    fact = next(
        iter(
            store.query(
                f"""
        SELECT ?actor ?o (COUNT(?e) AS ?n) WHERE {{
          ?e <{RDF}subject> ?actor ; <{RDF}predicate> <{PARLEY}demands> ; <{RDF}object> ?o
        }} GROUP BY ?actor ?o ORDER BY DESC(?n) LIMIT 1""",
                substitutions={ox.Variable("actor"): top["actor"]},
            )
        )
    )
    return {
        "claims-by": [("actor", name)],
        "evidence": [("subject", name), ("predicate", "demands"), ("object", fact["o"].value)],
        "timeline": [("actor", name)],
    }


def time_runs(answer: Callable[[], int], runs: int) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU seconds of each run, and the number of rows of the last. The CPU time says
    what the query costs when other programs compete for the processor (the wall time then grows)."""
    walls, cpus, rows = [], [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        rows = answer()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, rows


def cases(params: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(label, query name, parameters): every named query, and timeline both for all and for one actor."""
    out = [(name, name, params.get(name, [])) for name in query_names() if name != "timeline"]
    out += [("timeline", "timeline", []), ("timeline -p actor", "timeline", params["timeline"])]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the Oxigraph graph")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (the median is reported)")
    parser.add_argument(
        "--rdflib-triples", type=int, default=50_000, help="size of the rdflib graph (0: skip)"
    )
    parser.add_argument("--save", type=Path, help="also write the big graph to this .nt file")
    args = parser.parse_args()

    started = time.perf_counter()
    store = build_store(args.triples)
    print(f"generated {len(store):,} triples in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.save or Path(tmp) / "graph.nt"
        store.dump(path, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        started = time.perf_counter()
        store = open_store(path)
        took = time.perf_counter() - started
        print(f"open_store({path.suffix}) loaded {len(store):,} triples in {took:.1f} s")
        params = bench_parameters(store)
        print(f"parameters: {params}")
        time_queries(f"the graph file in memory, {len(store):,} triples", store, params, args.runs)
        disk = persistent_copy(store, Path(tmp) / "store")
        time_queries(f"a persistent store on disk, {len(disk):,} triples", disk, params, args.runs)
        del disk  # Oxigraph closes the store with its last reference, before the folder goes

    if args.rdflib_triples:
        compare_rdflib(args.rdflib_triples)


def persistent_copy(store: ox.Store, folder: Path) -> ox.Store:
    """`store` written to an Oxigraph store on disk as `kg build` leaves one (compacted), then opened
    read-only the way `kg query` opens `output/store`."""
    writer = ox.Store(str(folder))
    writer.bulk_extend(store.quads_for_pattern(None, None, None, None))
    writer.flush()
    writer.optimize()
    del writer
    return open_store(folder)


def time_queries(title: str, store: ox.Store, params: dict[str, list[tuple[str, str]]], runs: int) -> None:
    """Print the median, slowest and median CPU time of every named query on `store`."""
    print(f"\nOxigraph {ox.__version__}, {title}, {runs} runs each")
    print(f"{'query':<20} {'rows':>8} {'median s':>9} {'max s':>7} {'median cpu s':>13}")
    for label, name, given in cases(params):
        query = load_query(name)

        def answer(query=query, given=given) -> int:
            return sum(1 for _ in run(store, query, bind_parameters(store, query, given)))

        walls, cpus, rows = time_runs(answer, runs)
        median, slowest, cpu = statistics.median(walls), max(walls), statistics.median(cpus)
        print(f"{label:<20} {rows:>8} {median:>9.3f} {slowest:>7.3f} {cpu:>13.3f}")


def compare_rdflib(triples: int) -> None:
    """The same queries on a small graph, by rdflib's engine and by Oxigraph, one run each."""
    small = build_store(triples)
    graph = Graph()
    graph.parse(
        data=small.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8"),
        format="nt",
    )
    params = bench_parameters(small)
    print(f"\nrdflib's engine vs Oxigraph on {len(graph):,} triples, 1 run each")
    print(f"{'query':<20} {'rows':>8} {'rdflib s':>9} {'oxigraph s':>10}")
    for label, name, given in cases(params):
        query = load_query(name)
        bindings = bind_parameters(small, query, given)
        started = time.perf_counter()
        rows = sum(1 for _ in graph.query(query.text, initBindings=rdflib_bindings(bindings)))
        slow = time.perf_counter() - started
        started = time.perf_counter()
        sum(1 for _ in run(small, query, bindings))
        fast = time.perf_counter() - started
        print(f"{label:<20} {rows:>8} {slow:>9.3f} {fast:>10.4f}")


if __name__ == "__main__":
    main()
