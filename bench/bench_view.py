"""Benchmark of `kg view` on a large graph: build a synthetic graph, write its view, time it in Chromium.

    .venv/bin/python bench/bench_view.py [--nodes 10000] [--out /tmp/parley-bench] [--no-browser]

Prints the time to build the RDF graph, to render the view in Python, to load the page in headless
Chromium (navigation to the first drawing, physics off), and to answer the mouse: a hover until the
popup shows, and a click until the details panel shows the node. A benchmark, not a test: the figures
depend on the machine. Needs Debian's chromium (/usr/bin/chromium) for the browser part.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.namespace import ACTOR, ARTICLE, CLAIM, CONDITION, EVIDENCE, PARLEY, RELATIONS, TALKS  # noqa: E402
from kg.views import write_view  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTLETS = ["Reuters", "AP", "AFP", "Al Jazeera", "BBC", "Le Monde"]
KINDS = [PARLEY.Person, PARLEY.Organization, PARLEY.Country]


def synthetic_graph(nodes: int, seed: int = 1) -> Graph:
    """A graph following docs/GRAPH.md with about `nodes` drawn nodes: 90 % actors, the rest talks and
    40 conditions; positions follow a power law (a few conditions are demanded by many), accusations
    by preferential attachment, one or two evidence nodes per fact, a claim for one actor in three."""
    rng = random.Random(seed)
    graph = Graph()
    n_conditions = 40
    n_talks = max(1, nodes // 10 - n_conditions)
    n_actors = nodes - n_conditions - n_talks
    articles = [ARTICLE[f"a{i}"] for i in range(max(1, nodes // 5))]
    for i, article in enumerate(articles):
        graph.add((article, RDF.type, PARLEY.Article))
        graph.add((article, DCTERMS.identifier, Literal(f"a{i}")))
        graph.add((article, DCTERMS.publisher, Literal(OUTLETS[i % len(OUTLETS)])))
        graph.add(
            (article, DCTERMS.date, Literal(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date))
        )
    actors = [ACTOR[f"actor-{i}"] for i in range(n_actors)]
    conditions = [CONDITION[f"condition-{i}"] for i in range(n_conditions)]
    talks = [TALKS[f"talks-{i}"] for i in range(n_talks)]
    for i, actor in enumerate(actors):
        graph.add((actor, RDF.type, KINDS[i % 3]))
        graph.add((actor, RDFS.label, Literal(f"Actor {i}")))
    for i, condition in enumerate(conditions):
        graph.add((condition, RDF.type, PARLEY.Condition))
        graph.add((condition, SKOS.prefLabel, Literal(f"condition {i}")))
    for i, node in enumerate(talks):
        graph.add((node, RDF.type, PARLEY.Talks))
        graph.add((node, RDFS.label, Literal(f"talks {i}")))

    counter = 0

    def fact(s, relation: str, o) -> None:
        nonlocal counter
        predicate = RELATIONS[relation]
        graph.add((s, predicate, o))
        for _ in range(1 if rng.random() < 0.7 else 2):
            counter += 1
            ev = EVIDENCE[f"e{counter}"]
            for p, value in (
                (RDF.type, RDF.Statement),
                (RDF.type, PARLEY.Evidence),
                (RDF.subject, s),
                (RDF.predicate, predicate),
                (RDF.object, o),
                (PROV.wasDerivedFrom, rng.choice(articles)),
                (PARLEY.sentence, Literal(f"Sentence {counter}: {relation} as reported.")),
                (PARLEY.confidence, Literal(Decimal("0.8"))),
            ):
                graph.add((ev, p, value))

    weights = [1 / (k + 1) for k in range(n_conditions)]
    for i, actor in enumerate(actors):
        for condition in set(rng.choices(conditions, weights, k=rng.randint(1, 2))):
            fact(actor, rng.choice(["demands", "rejects", "accepts"]), condition)
        if rng.random() < 0.5:
            fact(actor, "participatesIn", talks[rng.randrange(n_talks)])
        if i and rng.random() < 0.6:
            fact(actor, "accuses", actors[int(i * rng.random() ** 2)])
        if i % 3 == 0:
            node = CLAIM[f"c{i}"]
            graph.add((node, RDF.type, PARLEY.Claim))
            graph.add((node, PARLEY.text, Literal(f"Claim number {i}, said with conviction.")))
            graph.add((node, PARLEY.direct, Literal(True)))
            fact(actor, "said", node)
    for j, node in enumerate(talks):
        fact(actors[j % n_actors], "hosts", node)
        fact(actors[(7 * j + 1) % n_actors], "mediates", node)
    return graph


def chromium_cpu() -> float | None:
    """CPU seconds used so far by the Chromium processes this script started (None without psutil):
    on a busy machine it says how much work a step took, where wall-clock time also counts waiting."""
    try:
        import psutil
    except ImportError:
        return None
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def measure_browser(page_path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    times: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        errors: list[str] = []
        requests: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("request", lambda req: requests.append(req.url))
        cpu = chromium_cpu()
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri(), timeout=120_000)
        page.wait_for_selector("html[data-ready=true]", state="attached", timeout=120_000)
        times["load (navigation to first drawing)"] = time.perf_counter() - start
        if cpu is not None:
            times["  of which CPU time in Chromium"] = chromium_cpu() - cpu
        counts = page.evaluate("[parleyView.nodes.length, parleyView.edges.length]")
        # the strongest node: the one pyvis sized largest
        node_id = page.evaluate(
            "parleyView.nodes.get().sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))[0].id"
        )
        point = page.evaluate(
            """id => { const v = parleyView.network;
                       const p = v.canvasToDOM(v.getPositions([id])[id]);
                       const r = document.getElementById('network').getBoundingClientRect();
                       return [p.x + r.left, p.y + r.top]; }""",
            node_id,
        )
        start = time.perf_counter()
        page.mouse.move(point[0] - 3, point[1] - 3)
        page.mouse.move(point[0], point[1], steps=2)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=30_000)
        times["hover until the popup shows (tooltip delay 120 ms included)"] = time.perf_counter() - start
        start = time.perf_counter()
        page.mouse.click(point[0], point[1])
        page.wait_for_function(
            "id => document.querySelector('#details h2') && "
            "document.querySelector('#details h2').textContent === parleyView.info[id].label",
            arg=node_id,
            timeout=30_000,
        )
        times["click until the details panel shows it"] = time.perf_counter() - start
        start = time.perf_counter()
        page.mouse.wheel(0, -400)
        page.evaluate("new Promise(r => parleyView.network.once('afterDrawing', r))")
        times["zoom until redrawn"] = time.perf_counter() - start
        browser.close()
    print(f"  drawn in the browser: {counts[0]:,} nodes, {counts[1]:,} edges")
    print(
        f"  console errors: {len(errors)}; requests other than the page: "
        f"{len([r for r in requests if r != page_path.resolve().as_uri()])}"
    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/parley-bench"))
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (timings grow with it)")
    start = time.perf_counter()
    graph = synthetic_graph(args.nodes)
    print(f"synthetic graph: {len(graph):,} triples in {time.perf_counter() - start:.1f} s")
    target = args.out / "view.html"
    start = time.perf_counter()
    stats = write_view(graph, target)
    elapsed = time.perf_counter() - start
    size = target.stat().st_size / 1e6
    print(f"write_view: {stats.nodes:,} nodes, {stats.edges:,} edges, {size:.1f} MB in {elapsed:.1f} s")
    if args.no_browser:
        return
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        print("chromium not found (apt-get install chromium): browser figures skipped")
        return
    print("headless Chromium:")
    for name, seconds in measure_browser(target).items():
        print(f"  {name}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
