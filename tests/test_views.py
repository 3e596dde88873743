"""`kg view`: the network a view draws, the page it writes, and that page in a real browser.

The graph is tests/fixtures/view_graph.ttl (its header says what each view should draw). Tests marked
`browser` load the page in Debian's headless Chromium through Playwright and skip when it is absent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from kg.errors import InputError
from kg.namespace import ACTOR, TALKS
from kg.views import build_network, compute_layout, load_graph, render_view, resolve_actor, write_view

FIXTURE = Path(__file__).parent / "fixtures" / "view_graph.ttl"
HOSTILE_CLAIM = "We reject <img src=x onerror=alert(1)> and <script>alert(2)</script> this plan"
HOSTILE_LABEL = 'Spokesman <a href="javascript:alert(3)">click me</a>'
HOSTILE_OUTLET = "Evil <img src=x onerror=alert(5)> News"
RSF = str(ACTOR["rapid-support-forces"])
SAF = str(ACTOR["sudanese-armed-forces"])
SPOKESMAN = str(ACTOR["hostile-spokesman"])


@pytest.fixture(scope="module")
def graph() -> Graph:
    return load_graph(FIXTURE)


def labels(network: nx.MultiDiGraph) -> set[str]:
    return {label for _, label in network.nodes(data="label")}


def relations(network: nx.MultiDiGraph) -> Counter[str]:
    return Counter(relation for _, _, relation in network.edges(keys=True))


class Page(HTMLParser):
    """The parts of a written page the tests look at: tags with attributes, scripts, texts by tag."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._open:
            return
        tag = self._open[-1]
        if tag == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        self.texts.setdefault(tag, []).append(data)


# --------------------------------------------------------------------------------------------------
# What each view draws


def test_network_view_draws_actors_conditions_and_talks_with_one_edge_per_fact(graph: Graph) -> None:
    network = build_network(graph)

    kinds = Counter(kind for _, kind in network.nodes(data="kind"))
    assert kinds == {"actor": 7, "condition": 3, "talks": 1}
    assert relations(network) == {
        "demands": 2,
        "rejects": 1,
        "accepts": 1,
        "hosts": 1,
        "mediates": 1,
        "participatesIn": 2,
        "accuses": 1,
        "memberOf": 1,
    }
    types = {network.nodes[n]["label"]: network.nodes[n].get("type") for n in network}
    assert types["Antony Blinken"] == "person"
    assert types["Rapid Support Forces"] == "organisation"
    assert types["Saudi Arabia"] == "country"


def test_what_was_said_rides_along_with_the_actor_instead_of_being_drawn(graph: Graph) -> None:
    network = build_network(graph)

    assert not any("/id/claim/" in node for node in network)
    (claim,) = network.nodes[RSF]["claims"]
    assert claim["text"].startswith("Whoever violates this ceasefire")
    assert claim["direct"] is True
    assert [(e["outlet"], e["date"]) for e in claim["evidence"]] == [
        ("Reuters", "2023-05-21"),
        ("Al Jazeera", "2023-05-22"),
    ]
    # an actor who only spoke is drawn in the network view, alone
    assert "Otty Patino" in labels(network)


def test_an_edge_carries_its_evidence_sentences_with_outlet_and_date(graph: Graph) -> None:
    network = build_network(graph)

    edge = network.edges[RSF, SAF, "accuses"]
    assert edge["count"] == 2
    assert [(e["sentence"], e["outlet"], e["date"]) for e in edge["evidence"]] == [
        ("The RSF accused the army of shelling markets.", "Reuters", "2023-05-21"),
        ("The RSF blamed the army for the breach.", "Al Jazeera", "2023-05-22"),
    ]


def test_positions_view_sets_actors_against_conditions_only(graph: Graph) -> None:
    network = build_network(graph, view="positions")

    assert labels(network) == {
        "Rapid Support Forces",
        "Sudanese Armed Forces",
        HOSTILE_LABEL,
        "ceasefire",
        "humanitarian aid",
        "troop withdrawal",
    }
    assert relations(network) == {"demands": 2, "rejects": 1, "accepts": 1}


def test_min_evidence_keeps_facts_and_claims_found_often_enough(graph: Graph) -> None:
    network = build_network(graph, min_evidence=2)

    assert labels(network) == {"Rapid Support Forces", "Sudanese Armed Forces", "ceasefire"}
    assert relations(network) == {"demands": 1, "accuses": 1}


def test_actor_view_is_the_actor_and_its_direct_neighbours(graph: Graph) -> None:
    network = build_network(graph, actor="SAF")

    assert labels(network) == {
        "Sudanese Armed Forces",
        "Rapid Support Forces",
        "ceasefire",
        "humanitarian aid",
        "talks in Jeddah",
    }
    # the links between the neighbours are kept too (RSF demands ceasefire, RSF takes part in the talks)
    assert network.number_of_edges() == 6
    assert network.has_edge(RSF, str(TALKS.jeddah), "participatesIn")


def test_relation_filter_draws_only_those_relations_and_said_controls_the_claims(graph: Graph) -> None:
    network = build_network(graph, relations=["accuses", "memberOf"])

    assert labels(network) == {
        "Rapid Support Forces",
        "Sudanese Armed Forces",
        "Antony Blinken",
        "United States",
    }
    assert network.nodes[RSF]["claims"] == []
    with_claims = build_network(graph, relations=["accuses", "said"])
    assert len(with_claims.nodes[RSF]["claims"]) == 1


@pytest.mark.parametrize(
    "name", ["sudanese-armed-forces", "actor:sudanese-armed-forces", SAF, "sudanese ARMED forces", "the army"]
)
def test_an_actor_is_found_by_key_iri_label_or_other_name_ignoring_case(graph: Graph, name: str) -> None:
    assert str(resolve_actor(graph, name)) == SAF


def test_an_unknown_or_ambiguous_actor_name_is_an_input_error(graph: Graph) -> None:
    with pytest.raises(InputError, match="no actor of that name"):
        resolve_actor(graph, "Nobody at all")
    ambiguous = Graph()
    ambiguous += graph
    ambiguous.add((ACTOR["united-states"], SKOS.altLabel, Literal("RSF")))
    with pytest.raises(InputError, match="several actors .*rapid-support-forces.*united-states"):
        resolve_actor(ambiguous, "rsf")


@pytest.mark.parametrize(
    "options, message",
    [
        ({"view": "tree"}, "unknown view 'tree'"),
        ({"relations": ["likes"]}, "unknown relation 'likes'"),
        ({"min_evidence": 0}, "at least 1"),
    ],
)
def test_bad_options_are_input_errors(graph: Graph, options: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build_network(graph, **options)


def test_above_the_size_limit_the_strongest_part_is_kept_and_the_page_says_what_was_left_out(
    graph: Graph,
) -> None:
    page, network = render_view(graph, max_nodes=4)

    assert labels(network) == {
        "Rapid Support Forces",
        "Sudanese Armed Forces",
        "ceasefire",
        "talks in Jeddah",
    }
    assert network.graph["left_out_nodes"] == 7
    assert network.graph["left_out_edges"] == 5
    notice = " ".join(Page(page).texts["p"])
    assert "keeps its 4 strongest nodes of 11" in notice
    assert "leaves out 7 nodes (5 actors, 2 conditions) and 5 links" in notice


def test_an_actor_view_keeps_its_actor_whatever_the_size_limit(graph: Graph) -> None:
    network = build_network(graph, actor="Otty Patino", max_nodes=1)

    assert labels(network) == {"Otty Patino"}


# --------------------------------------------------------------------------------------------------
# Layout


def test_layout_places_every_node_apart_even_in_a_large_star() -> None:
    import numpy as np

    star = nx.MultiDiGraph()
    star.add_node("hub", score=2.0)
    for i in range(1500):
        star.add_node(f"leaf{i:04d}", score=0.1)
        star.add_edge(f"leaf{i:04d}", "hub")
    star.add_edge("other-a", "other-b")  # a second component, packed beside the star

    positions = compute_layout(star)

    assert set(positions) == set(star)
    points = np.array(list(positions.values()))
    gaps = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 70  # pixels; nodes are drawn at most 68 px wide


def test_the_same_graph_gives_the_same_page_byte_for_byte(graph: Graph) -> None:
    first, _ = render_view(graph)
    second, _ = render_view(load_graph(FIXTURE))

    assert first == second


# --------------------------------------------------------------------------------------------------
# The page: self-contained and safe with hostile text


def test_the_page_links_and_loads_nothing(graph: Graph) -> None:
    page, _ = render_view(graph)
    parsed = Page(page)

    for tag, attrs in parsed.tags:
        for name in ("src", "href", "srcset", "data", "action", "poster"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), f"<{tag} {name}={value!r}>"
    assert [attrs for tag, attrs in parsed.tags if tag == "link"] == [{"rel": "icon", "href": "data:,"}]
    assert not re.search(r"cdnjs|jsdelivr|cloudflare|unpkg|googleapis|bootstrap", page, re.IGNORECASE)
    assert "@version 9.1.2" in page or "vis-network" in page  # vis-network itself is inlined
    assert "sourceMappingURL" not in page


def test_the_content_security_policy_lets_only_the_pages_own_scripts_run(graph: Graph) -> None:
    page, _ = render_view(graph)
    parsed = Page(page)

    (csp,) = [
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    runnable = [text for attrs, text in parsed.scripts if "type" not in attrs]
    assert len(runnable) == 2  # vis-network and the page's own script
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'" for t in runnable
    }
    assert set(directives["script-src"].split()) == hashes


def test_hostile_text_is_escaped_in_every_heading_and_label(graph: Graph) -> None:
    page, _ = render_view(graph, actor="actor:hostile-spokesman")
    parsed = Page(page)

    assert parsed.texts["h1"] == [f"Parley: the neighbourhood of {HOSTILE_LABEL}"]
    assert parsed.texts["title"] == [f"Parley: the neighbourhood of {HOSTILE_LABEL}"]
    assert {tag for tag, _ in parsed.tags} <= {
        "html", "head", "meta", "title", "link", "style", "body", "header", "h1", "p", "ul", "li", "span",
        "main", "div", "aside", "script",
    }  # fmt: skip
    for raw in ("<img src=x", "<script>alert", '<a href="javascript', "onerror=alert(5)>"):
        assert raw not in page


def test_the_data_block_cannot_end_its_script_early_and_keeps_the_text_intact(graph: Graph) -> None:
    page, _ = render_view(graph)
    block = re.search(r'<script type="application/json" id="parley-data">(.*?)</script>', page, re.DOTALL)

    raw = block.group(1)
    for dangerous in ("</", "<!--", "<", ">", "\u2028", "\u2029"):
        assert dangerous not in raw
    data = json.loads(raw)
    (spokesman,) = [item for item in data["info"].values() if item.get("iri") == SPOKESMAN]
    (claim,) = spokesman["claims"]
    assert claim["text"] == HOSTILE_CLAIM
    assert claim["evidence"][0]["sentence"].endswith('this plan" <!-- end')
    assert claim["evidence"][0]["outlet"] == HOSTILE_OUTLET
    assert claim["evidence"][0]["title"] == "<script>alert(6)</script>\u2028Statement\u2029<!--"
    ids = {item["iri"]: key for key, item in data["info"].items() if "iri" in item}
    (accuses,) = [e for e in data["edges"] if data["info"][e["id"]]["relation"] == "accuses"]
    assert (accuses["from"], accuses["to"]) == (ids[RSF], ids[SAF])
    assert data["options"]["edges"]["arrows"]["to"]["enabled"] is True  # drawn from subject to object
    assert data["options"]["physics"] == {"enabled": False}  # placed in Python, still in the browser


# --------------------------------------------------------------------------------------------------
# Files and the command line


def test_write_view_writes_one_file_and_says_what_it_drew(tmp_path: Path) -> None:
    target = tmp_path / "views" / "graph.html"

    stats = write_view(FIXTURE, target, view="positions")

    assert (stats.nodes, stats.edges, stats.left_out_nodes) == (6, 4, 0)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temporary file left behind


def test_a_view_of_a_store_folder_is_the_view_of_its_graph(tmp_path: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store

    from_store, _ = render_view(tmp_path / "store")
    from_file, _ = render_view(FIXTURE)
    assert from_store == from_file


def test_an_unwritable_view_path_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")

    with pytest.raises(InputError, match="cannot write the view"):
        write_view(FIXTURE, tmp_path / "taken" / "graph.html")


def test_a_missing_or_unreadable_graph_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such graph file"):
        load_graph(tmp_path / "absent.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl: not a readable RDF graph"):
        load_graph(broken)


def test_kg_view_writes_the_page_and_reports_errors_on_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main, view
    from kg.views import MAX_NODES

    assert view.MAX_NODES == MAX_NODES  # the command's default is the library's

    target = tmp_path / "graph.html"
    runner = CliRunner()
    result = runner.invoke(main, ["view", "--graph", str(FIXTURE), "-o", str(target), "--positions"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}: 6 nodes, 4 links\n"

    result = runner.invoke(main, ["view", "--graph", str(FIXTURE), "-o", str(target), "--actor", "Nobody"])
    assert result.exit_code == 2
    assert "kg: error: --actor 'Nobody': no actor of that name in the graph" in result.output


# --------------------------------------------------------------------------------------------------
# In a real browser: headless Chromium (Debian's package), driven by Playwright

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "needs Debian's chromium (apt-get install chromium): not on PATH nor at /usr/bin/chromium"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("views")
    written = {}
    for name, options in {
        "network": {},
        "positions": {"view": "positions"},
        "actor": {"actor": "SAF"},
        "hostile": {"actor": "actor:hostile-spokesman"},
        "limited": {"max_nodes": 4},
    }.items():
        written[name] = folder / f"{name}.html"
        write_view(FIXTURE, written[name], **options)
    return written


class Visit:
    """A page loaded from file://, with everything it logged, requested or tried to pop up."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready=true]", state="attached", timeout=15_000)

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[parleyView.nodes.length, parleyView.edges.length]"))

    def node_id(self, iri: str) -> str:
        return self.page.evaluate(
            "iri => Object.keys(parleyView.info).find(id => parleyView.info[id].iri === iri)", iri
        )

    def point(self, canvas_point: dict) -> tuple[float, float]:
        return tuple(
            self.page.evaluate(
                """p => { const d = parleyView.network.canvasToDOM(p);
                          const r = document.getElementById('network').getBoundingClientRect();
                          return [d.x + r.left, d.y + r.top]; }""",
                canvas_point,
            )
        )

    def node_point(self, node_id: str) -> tuple[float, float]:
        return self.point(self.page.evaluate("id => parleyView.network.getPositions([id])[id]", node_id))

    def hover(self, x: float, y: float) -> str:
        self.page.mouse.move(x - 4, y - 4)
        self.page.mouse.move(x, y, steps=3)
        tooltip = self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        # text only: vis-network sets a string title as innerText, whose line breaks become <br>
        assert tooltip.evaluate("e => [...e.querySelectorAll('*')].every(c => c.tagName === 'BR')")
        return tooltip.inner_text()

    def close(self) -> None:
        self.page.close()

    def assert_quiet(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert all(url == self.url or url.startswith("data:") for url in self.requests), self.requests


@pytest.mark.browser
@pytest.mark.parametrize("name, nodes, edges", [("network", 11, 10), ("positions", 6, 4), ("actor", 5, 6)])
def test_the_page_draws_the_graph_without_errors_or_network_requests(
    browser, pages: dict[str, Path], name: str, nodes: int, edges: int
) -> None:
    visit = Visit(browser, pages[name])

    assert visit.counts() == (nodes, edges)
    assert visit.page.locator("canvas").count() == 1
    visit.assert_quiet()
    visit.close()


@pytest.mark.browser
def test_hovering_and_clicking_a_hostile_claim_shows_it_as_text_and_runs_nothing(
    browser, pages: dict[str, Path]
) -> None:
    visit = Visit(browser, pages["network"])
    x, y = visit.node_point(visit.node_id(SPOKESMAN))

    tooltip = visit.hover(x, y)
    assert HOSTILE_LABEL in tooltip
    assert f"“{HOSTILE_CLAIM}” — {HOSTILE_OUTLET}, 2023-05-23" in tooltip

    visit.page.mouse.click(x, y)
    details = visit.page.locator("#details")
    assert details.locator("h2").inner_text() == HOSTILE_LABEL
    text = details.inner_text()
    assert f"“{HOSTILE_CLAIM}”" in text
    assert HOSTILE_OUTLET in text
    assert "<script>alert(6)</script>" in text  # the article title
    assert details.locator("img, script, b, a").count() == 0  # javascript: URL not linked either
    assert visit.page.locator("img").count() == 0
    assert visit.page.evaluate("document.querySelectorAll('[onerror], [onmouseover]').length") == 0
    visit.assert_quiet()
    visit.close()


@pytest.mark.browser
def test_hostile_actor_heading_and_labels_stay_text_in_the_browser(browser, pages: dict[str, Path]) -> None:
    visit = Visit(browser, pages["hostile"])

    assert visit.page.locator("h1").inner_text() == f"Parley: the neighbourhood of {HOSTILE_LABEL}"
    assert visit.page.title() == f"Parley: the neighbourhood of {HOSTILE_LABEL}"
    assert visit.page.locator("a").count() == 0
    assert visit.counts() == (2, 1)  # the spokesman and the troop withdrawal he demands
    x, y = visit.node_point(visit.node_id(SPOKESMAN))
    visit.page.mouse.click(x, y)
    visit.page.locator("#details button.link").click()  # his one link: the demand, with hostile evidence
    text = visit.page.locator("#details").inner_text()
    assert "<b onmouseover=alert(8)>demanded</b>" in text
    assert visit.page.locator("#details b").count() == 0
    visit.assert_quiet()
    visit.close()


@pytest.mark.browser
def test_hovering_and_clicking_an_edge_shows_its_evidence_with_outlet_and_date(
    browser, pages: dict[str, Path]
) -> None:
    visit = Visit(browser, pages["network"])
    rsf, saf = visit.node_id(RSF), visit.node_id(SAF)
    middle = visit.page.evaluate(
        """([a, b]) => { const v = parleyView.network, p = v.getPositions([a, b]);
                         const m = {x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2};
                         v.moveTo({position: m, scale: 4});
                         return m; }""",
        [rsf, saf],
    )
    x, y = visit.point(middle)

    tooltip = visit.hover(x, y)
    assert tooltip.splitlines()[:3] == [
        "Rapid Support Forces accuses Sudanese Armed Forces",
        "found 2 times",
        "“The RSF accused the army of shelling markets.” — Reuters, 2023-05-21",
    ]
    visit.page.mouse.click(x, y)
    assert (
        visit.page.locator("#details h2").inner_text() == "Rapid Support Forces accuses Sudanese Armed Forces"
    )
    assert visit.page.locator("#details li").count() == 2
    assert "The RSF blamed the army for the breach. — Al Jazeera, 2023-05-22" in visit.page.locator(
        "#details"
    ).inner_text().replace("“", "").replace("”", "")
    visit.assert_quiet()
    visit.close()


@pytest.mark.browser
def test_an_empty_view_opens_and_says_there_is_nothing_to_draw(browser, tmp_path: Path) -> None:
    write_view(Graph(), tmp_path / "empty.html")
    visit = Visit(browser, tmp_path / "empty.html")

    assert visit.counts() == (0, 0)
    assert "Nothing to draw" in visit.page.locator("#details").inner_text()
    visit.assert_quiet()
    visit.close()


@pytest.mark.browser
def test_a_limited_view_says_on_the_page_what_it_left_out(browser, pages: dict[str, Path]) -> None:
    visit = Visit(browser, pages["limited"])

    assert visit.counts() == (4, 5)
    assert "leaves out 7 nodes" in visit.page.locator("#notice").inner_text()
    visit.assert_quiet()
    visit.close()
