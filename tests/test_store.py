"""kg.store: an article's graph, the merged view of many, its Turtle, and the folder that keeps them.

Most tests feed hand-written N-Triples lines to the store, so no extraction runs; the first two compare
the store's article graphs with `kg.graph` on the sample articles shipped with Parley.
"""

from __future__ import annotations

import io
import os
import random
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract import extract_articles
from kg.graph import KIND_CLASSES
from kg.ingest import read_articles
from kg.namespace import ACTOR, CLAIM, PARLEY, TALKS
from kg.query import open_store
from kg.resources import samples_dir
from kg.store import (
    GENERATIONS,
    Entry,
    MergedView,
    StoreBusy,
    StoreError,
    apply_changes,
    article_lines,
    build_graph,
    locked,
    merge_rules,
    open_read_only,
    pack,
    unpack,
    write_turtle,
)

LABEL, ALT, TEXT, DIRECT = (f"<{p}>" for p in (RDFS.label, SKOS.altLabel, PARLEY.text, PARLEY.direct))
TYPE = f"<{RDF.type}>"
TRUE = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
FALSE = '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>'
OTTY = f"<{ACTOR['otty-patino']}>"
CLAIM_NODE = f"<{CLAIM['c1']}>"
VENUE = f"<{TALKS['doha']}>"


def line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} ."


def text(value: str) -> str:
    """`value` as an N-Triples literal, escaped as its grammar asks (written apart from kg.store)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + re.sub("[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def triples(nt: str | bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> set[str]:
    """The triples of an RDF text as Oxigraph reads them (literals in canonical form), as strings."""
    store = ox.Store()
    store.load(nt.encode() if isinstance(nt, str) else nt, format=fmt)
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store}


@pytest.fixture(scope="module")
def samples() -> list:
    articles = read_articles([samples_dir()]).articles
    return list(zip(articles, extract_articles(articles), strict=True))


# --- an article's graph -----------------------------------------------------------------------------------


def test_an_article_graph_is_valid_n_triples_each_triple_once(samples: list) -> None:
    for article, result in samples:
        lines = article_lines(article, result)
        assert len(lines) == len(set(lines)), article.id
        assert len(triples("\n".join(lines))) == len(lines), article.id


def test_the_samples_agree_on_every_value_that_must_be_single(samples: list) -> None:
    merged = MergedView()
    for article, result in samples:
        merged.add(article_lines(article, result))
    assert merged.single and all(len(values) == 1 for values in merged.single.values())
    graph = build_graph(samples)
    assert len(graph) == len(merged.lines())
    actors = {node for kind in KIND_CLASSES.values() for node in graph.subjects(RDF.type, kind)}
    assert len(actors) > 10
    for actor in actors:
        assert len(list(graph.objects(actor, RDFS.label))) == 1, actor


# --- the merged view: counts, and one value where one is allowed ------------------------------------------


def test_a_triple_stays_while_any_article_gives_it() -> None:
    fact = line(OTTY, f"<{PARLEY.accuses}>", f"<{ACTOR.israel}>")
    merged = MergedView()
    merged.add([fact, line(OTTY, TYPE, f"<{PARLEY.Person}>")])
    merged.add([fact])
    merged.remove([fact])
    assert fact in merged.lines()
    merged.remove([fact, line(OTTY, TYPE, f"<{PARLEY.Person}>")])
    assert merged.lines() == set() and merged.counts == {} and merged.single == {}


def test_an_actor_keeps_the_label_most_articles_give_and_the_others_as_alternatives() -> None:
    first = [line(OTTY, LABEL, text("Otty Patino")), line(OTTY, ALT, text("Patino"))]
    second = [line(OTTY, LABEL, text("Otty Patiño"))]
    merged = MergedView()
    merged.add(first)
    merged.add(second)
    # one article each: the smaller value wins ("n" < "ñ"), the other becomes an altLabel
    assert merged.lines() == {line(OTTY, LABEL, text("Otty Patino")), line(OTTY, ALT, text("Patino")),
                              line(OTTY, ALT, text("Otty Patiño"))}
    merged.add(second)
    assert merged.lines() == {line(OTTY, LABEL, text("Otty Patiño")), line(OTTY, ALT, text("Patino")),
                              line(OTTY, ALT, text("Otty Patino"))}
    merged.remove(second)
    merged.remove(second)
    assert merged.lines() == set(first)


def test_an_alternative_name_equal_to_the_chosen_label_is_dropped() -> None:
    merged = MergedView()
    merged.add([line(OTTY, LABEL, text("Otty")), line(OTTY, ALT, text("Patino"))])
    merged.add([line(OTTY, LABEL, text("Patino")), line(OTTY, ALT, text("Otty"))])
    merged.add([line(OTTY, LABEL, text("Patino"))])
    assert merged.lines() == {line(OTTY, LABEL, text("Patino")), line(OTTY, ALT, text("Otty"))}


def test_a_claim_is_direct_when_any_article_quotes_it_and_a_talks_label_is_not_an_alternative() -> None:
    merged = MergedView()
    merged.add([line(CLAIM_NODE, DIRECT, FALSE), line(VENUE, LABEL, text("talks in Doha"))])
    merged.add([line(CLAIM_NODE, DIRECT, TRUE), line(VENUE, LABEL, text("talks in Doha, Qatar"))])
    assert merged.lines() == {line(CLAIM_NODE, DIRECT, TRUE), line(VENUE, LABEL, text("talks in Doha"))}


def test_merge_rules_prefer_more_articles_then_the_smaller_value() -> None:
    assert merge_rules({'"b"': 2, '"a"': 1}) == '"b"'
    assert merge_rules({'"b"': 1, '"a"': 1}) == '"a"'


POOL = [
    line(OTTY, LABEL, text("Otty Patino")), line(OTTY, LABEL, text("Otty Patiño")),
    line(OTTY, ALT, text("O. P.")), line(OTTY, ALT, text("Otty Patino")),
    line(OTTY, TYPE, f"<{PARLEY.Person}>"),
    line(CLAIM_NODE, DIRECT, TRUE), line(CLAIM_NODE, DIRECT, FALSE), line(CLAIM_NODE, TEXT, text("We will")),
    line(CLAIM_NODE, TEXT, text("we will")), line(VENUE, LABEL, text("talks in Doha")),
    line(VENUE, LABEL, text("talks in Doha, Qatar")), line(OTTY, f"<{PARLEY.said}>", CLAIM_NODE),
]


def _article(lines: list[str]) -> list[str]:
    """One article's lines: at most one label per node and predicate, as an article graph has."""
    seen, kept = set(), []
    for item in dict.fromkeys(lines):
        s, p, _ = item.split(" ", 2)
        if p in (LABEL, TEXT, DIRECT):
            if (s, p) in seen:
                continue
            seen.add((s, p))
        kept.append(item)
    return kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(POOL), max_size=8).map(_article), max_size=6), st.randoms())
def test_the_merged_view_does_not_depend_on_order_or_steps(articles: list, rng: random.Random) -> None:
    at_once = MergedView()
    for lines in articles:
        at_once.add(lines)
    shuffled = MergedView()
    order = articles[:]
    rng.shuffle(order)
    extra = rng.sample(POOL, 3)
    for lines in order:
        shuffled.add(lines)
        shuffled.add(extra)  # an article added and removed later leaves no trace
    for _ in order:
        shuffled.remove(extra)
    assert shuffled.lines() == at_once.lines()


# --- Turtle ---------------------------------------------------------------------------------------------

HOSTILE = [
    'She said "no" > yes \\ maybe',
    "line one\nline two\r\nthree\ttab",
    "nul \x00 bell \x07 escape \x1b del \x7f",
    "right-to-left \u200f\u202e mark, line separator \u2028 and \U0001f54a",
    "\\u0022 looks like an escape",
    '"""triple quotes"""',
    "ends with a backslash \\",
]


def test_turtle_keeps_every_triple_and_hostile_text_unchanged(tmp_path: Path) -> None:
    node = f"<{ACTOR['x']}>"
    lines = [line(node, f"<{PARLEY.sentence}>", text(value)) for value in HOSTILE]
    lines += [
        line(node, f"<{PARLEY.start}>", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        line(node, f"<{PARLEY.confidence}>", '"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        line(node, f"<{PARLEY.end}>", '"1"^^<http://www.w3.org/2001/XMLSchema#decimal>'),  # not an integer
        line(node, DIRECT, TRUE),
        line(node, f"<{PARLEY.text}>", '"2024-05-06"^^<http://www.w3.org/2001/XMLSchema#date>'),
        line(node, f"<{PARLEY.rule}>", '"--05-21"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>'),
        line(node, LABEL, '"étiquette"@fr'),
        line(f"<{ACTOR['ends.']}>", TYPE, f"<{PARLEY.Person}>"),  # not a valid prefixed name
        line(node, "<https://schema.org/url>", "<https://example.org/a?b=c&d=%20#e>"),
    ]
    buffer = io.BytesIO()
    write_turtle(lines, buffer)
    written = buffer.getvalue()
    assert triples(written, ox.RdfFormat.TURTLE) == triples("\n".join(lines))
    graph = Graph().parse(data=written.decode("utf-8"), format="turtle")
    sentences = {str(o) for o in graph.objects(None, PARLEY.sentence)}
    assert sentences == set(HOSTILE)


def test_turtle_is_sorted_uses_the_prefixes_and_does_not_depend_on_input_order() -> None:
    lines = [line(f"<{ACTOR[k]}>", TYPE, f"<{PARLEY.Country}>") for k in ("qatar", "egypt", "oman")]
    lines.append(line(f"<{ACTOR['egypt']}>", LABEL, text("Egypt")))
    first, second = io.BytesIO(), io.BytesIO()
    write_turtle(lines, first)
    write_turtle(reversed(lines), second)
    assert first.getvalue() == second.getvalue()
    body = first.getvalue().decode()
    assert body.index("actor:egypt") < body.index("actor:oman") < body.index("actor:qatar")
    assert "<https://w3id.org/parley/id/actor/" not in body.split("\n\n", 1)[1]
    assert "actor:egypt\n    a parley:Country ;\n" in body or "actor:egypt\n    rdfs:label" in body


def test_pack_and_unpack_give_the_lines_back() -> None:
    lines = [line(OTTY, LABEL, text(value)) for value in HOSTILE] + [line(OTTY, LABEL, '"lone \ud800"')]
    back = unpack(pack(lines))
    assert back[:-1] == lines[:-1]
    assert back[-1] == line(OTTY, LABEL, '"lone \ufffd"')
    assert unpack(pack([])) == []


# --- the output folder ----------------------------------------------------------------------------------


def entry(article_id: str, lines: list[str]) -> tuple[Entry, list[str]]:
    return Entry(article_id, f"{article_id}.txt", f"digest-{article_id}-{len(lines)}", pack(lines)), lines


def fact_lines(article_id: str, n: int) -> list[str]:
    node = f"<https://w3id.org/parley/id/article/{article_id}>"
    return [line(node, TYPE, f"<{PARLEY.Article}>")] + [
        line(f"<{ACTOR[f'actor-{i}']}>", LABEL, text(f"Actor {i}")) for i in range(n)
    ]


def test_the_store_holds_the_merged_view_that_graph_ttl_shows(tmp_path: Path) -> None:
    with locked(tmp_path):
        result = apply_changes(tmp_path, [entry("a", fact_lines("a", 3)), entry("b", fact_lines("b", 5))])
    assert (result.articles, result.triples) == (2, 7)
    store = open_store(tmp_path / "store")  # what `kg query --graph output/store` opens
    in_store = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store.quads_for_pattern(
        None, None, None, ox.DefaultGraph())}
    assert in_store == triples((tmp_path / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert len(in_store) == 7
    assert set(open_read_only(tmp_path).manifest()) == {"a", "b"}


def test_each_change_is_a_new_generation_and_only_two_are_kept(tmp_path: Path) -> None:
    for n in range(1, 5):
        with locked(tmp_path):
            apply_changes(tmp_path, [entry("a", fact_lines("a", n))])
    generations = sorted(p.name for p in (tmp_path / GENERATIONS).iterdir())
    assert generations == ["000003", "000004"]
    assert os.readlink(tmp_path / "store") == os.path.join(GENERATIONS, "000004")


def test_what_a_killed_build_left_behind_is_cleared_by_the_next(tmp_path: Path) -> None:
    with locked(tmp_path):
        apply_changes(tmp_path, [entry("a", fact_lines("a", 1))])
    half_made = tmp_path / GENERATIONS / "000002"
    half_made.mkdir()
    (half_made / "000001.sst").write_bytes(b"partial")
    (tmp_path / ".graph.ttl.4242.tmp").write_text("@prefix broken")
    with locked(tmp_path):
        apply_changes(tmp_path, [entry("b", fact_lines("b", 1))])
    assert not (tmp_path / ".graph.ttl.4242.tmp").exists()
    assert set(open_read_only(tmp_path).manifest()) == {"a", "b"}
    assert sorted(p.name for p in (tmp_path / GENERATIONS).iterdir()) == ["000001", "000002"]
    assert not (half_made / "000001.sst").exists()  # the half-made one was removed, then made anew


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    busy = pytest.raises(StoreBusy, match="another `kg build` or `kg remove` is changing this folder")
    with locked(tmp_path), busy, locked(tmp_path):
        pass
    with locked(tmp_path):  # released
        pass


def test_a_store_folder_parley_did_not_make_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "precious").write_text("keep me")
    with locked(tmp_path), pytest.raises(StoreError, match="did not make"):
        apply_changes(tmp_path, [entry("a", fact_lines("a", 1))])
    assert (tmp_path / "store" / "precious").read_text() == "keep me"
    assert not (tmp_path / "graph.ttl").exists()


def test_isomorphic_graphs_compare_equal_here_too(tmp_path: Path) -> None:
    """The graphs the other tests compare byte for byte are also the same RDF graph for rdflib."""
    with locked(tmp_path):
        apply_changes(tmp_path, [entry("a", fact_lines("a", 2))])
    graph = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    again = Graph().parse(data="\n".join(fact_lines("a", 2)), format="nt")
    assert isomorphic(graph, again)
