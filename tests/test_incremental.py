"""Incremental builds: only new and changed articles are extracted, and whatever the steps, the graph is
the one a single build of the same articles gives (compared byte for byte, and as RDF graphs).

    kg build DIR            adds new articles, replaces changed ones, keeps the others
    kg build DIR --prune    also removes the articles no longer under DIR
    kg remove ID...         removes articles by id
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

import kg.build
import kg.store
from kg.build import build, remove
from kg.cli import main
from kg.errors import ParleyError
from kg.namespace import ACTOR, CONDITION, PARLEY

ARTICLES = {
    "a": """Hamas and Israel resume talks in Cairo

CAIRO (Reuters) - Talks between Hamas and Israel resumed in Cairo on Sunday, hosted by Egypt.

Hamas demanded a permanent ceasefire and the full withdrawal of Israeli troops from Gaza.

Qatar accused Israel of stalling the negotiations.
""",
    "b": """Qatar says talks will continue despite setbacks

DOHA (AFP) - Negotiators met again in the Qatari capital Doha on Sunday.

Qatar accused Israel of stalling the negotiations.

Israel rejected a permanent ceasefire.
""",
    "c": """Sudan's army and RSF agree to a truce in Jeddah

JEDDAH (Reuters) - Sudan's army and the Rapid Support Forces agreed to a seven-day truce after talks in
Jeddah hosted by Saudi Arabia.

"Whoever violates this ceasefire will be held to account," Saudi Foreign Minister Faisal bin Farhan said.

The army accused the RSF of looting aid warehouses.
""",
    "d": """Iran and the United States hold talks in Muscat

MUSCAT (AFP) - Iranian and American envoys met in Muscat on Saturday for indirect talks, with Oman mediating.

Iran demanded sanctions relief before any new round.

"We are not in a hurry," Iranian Foreign Minister Abbas Araghchi told reporters.
""",
}
B_CHANGED = ARTICLES["b"].replace("Qatar accused Israel of stalling the negotiations.\n\n", "")
QATAR_ACCUSES_ISRAEL = (ACTOR.qatar, PARLEY.accuses, ACTOR.israel)


def write(folder: Path, names: str, texts: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text((texts or ARTICLES)[name], encoding="utf-8")
    return folder


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the build extracts, in order."""
    seen: list[str] = []
    original = kg.build.extract_articles

    def counting(articles):
        articles = list(articles)
        seen.extend(a.id for a in articles)
        return original(articles)

    monkeypatch.setattr(kg.build, "extract_articles", counting)
    return seen


def graph(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def assert_same_graph(out: Path, expected: Path) -> None:
    """`out` holds the graph of `expected`: the same graph.ttl bytes, the same RDF, the same store."""
    assert isomorphic(graph(out), graph(expected))
    assert (out / "graph.ttl").read_bytes() == (expected / "graph.ttl").read_bytes()
    for folder in (out, expected):
        store = ox.Store.read_only(str(folder / "store"))
        assert len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == len(graph(folder))


@pytest.fixture(scope="module")
def at_once(tmp_path_factory: pytest.TempPathFactory):
    """The output folder of one build of the given articles (built once per set)."""
    root = tmp_path_factory.mktemp("at-once")
    built: dict[tuple[str, str], Path] = {}

    def make(names: str, texts: dict[str, str] | None = None) -> Path:
        key = (names, json.dumps(texts, sort_keys=True))
        if key not in built:
            folder = root / f"{names}-{len(built)}"
            build([write(folder / "in", names, texts)], folder / "out")
            built[key] = folder / "out"
        return built[key]

    return make


def evidence_articles(g: Graph, triple: tuple) -> list[str]:
    """The articles of the evidence nodes of a fact."""
    s, p, o = triple
    nodes = [n for n in g.subjects(RDF.subject, s) if (n, RDF.predicate, p) in g and (n, RDF.object, o) in g]
    return sorted(str(g.value(n, PROV.wasDerivedFrom)).rsplit("/", 1)[-1].split("-")[0] for n in nodes)


def run_kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_building_the_same_articles_again_extracts_nothing_and_changes_nothing(
    tmp_path: Path, extracted: list[str], at_once
) -> None:
    articles = write(tmp_path / "in", "abcd")
    first = build([articles], tmp_path / "out")
    assert first.added == ["a", "b", "c", "d"] and extracted == ["a", "b", "c", "d"]
    before = (tmp_path / "out" / "graph.ttl").read_bytes()
    again = build([articles], tmp_path / "out")
    assert (again.added, again.changed, again.unchanged) == ([], [], ["a", "b", "c", "d"])
    assert extracted == ["a", "b", "c", "d"]  # nothing more was extracted
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == before
    assert again.triples == first.triples and again.facts == first.facts
    assert_same_graph(tmp_path / "out", at_once("abcd"))


def test_a_folder_that_grew_gets_only_the_new_articles_and_the_graph_of_one_build(
    tmp_path: Path, extracted: list[str], at_once
) -> None:
    articles = write(tmp_path / "in", "ab")
    build([articles], tmp_path / "out")
    write(articles, "cd")
    report = build([articles], tmp_path / "out")
    assert (report.added, report.unchanged) == (["c", "d"], ["a", "b"])
    assert extracted == ["a", "b", "c", "d"]
    assert_same_graph(tmp_path / "out", at_once("abcd"))


def test_two_folders_built_one_after_the_other_give_the_graph_of_both(tmp_path: Path, at_once) -> None:
    build([write(tmp_path / "day1", "ac")], tmp_path / "out")
    build([write(tmp_path / "day2", "bd")], tmp_path / "out")
    assert_same_graph(tmp_path / "out", at_once("abcd"))


def test_a_changed_article_is_replaced_not_duplicated(tmp_path: Path, extracted: list[str], at_once) -> None:
    articles = write(tmp_path / "in", "abc")
    build([articles], tmp_path / "out")
    assert evidence_articles(graph(tmp_path / "out"), QATAR_ACCUSES_ISRAEL) == ["a", "b"]
    (articles / "b.txt").write_text(B_CHANGED, encoding="utf-8")
    report = build([articles], tmp_path / "out")
    assert report.changed == ["b"] and extracted == ["a", "b", "c", "b"]
    assert evidence_articles(graph(tmp_path / "out"), QATAR_ACCUSES_ISRAEL) == ["a"]
    assert_same_graph(tmp_path / "out", at_once("abc", {**ARTICLES, "b": B_CHANGED}))


def test_prune_removes_the_evidence_and_the_facts_left_without_any(tmp_path: Path, at_once) -> None:
    articles = write(tmp_path / "in", "abcd")
    build([articles], tmp_path / "out")
    (articles / "d.txt").unlink()
    (articles / "b.txt").unlink()
    kept = build([articles], tmp_path / "out")
    assert kept.in_graph == 4 and kept.removed == []  # without --prune, nothing is removed
    pruned = build([articles], tmp_path / "out", prune=True)
    assert pruned.removed == ["b", "d"] and pruned.in_graph == 2
    g = graph(tmp_path / "out")
    assert (ACTOR.iran, PARLEY.demands, CONDITION["sanctions-relief"]) not in g  # only d gave it
    assert QATAR_ACCUSES_ISRAEL in g and evidence_articles(g, QATAR_ACCUSES_ISRAEL) == ["a"]  # a gives it too
    assert_same_graph(tmp_path / "out", at_once("ac"))


def test_prune_keeps_the_articles_of_files_not_given_this_time(tmp_path: Path, at_once) -> None:
    build([write(tmp_path / "day1", "ac")], tmp_path / "out")
    report = build([write(tmp_path / "day2", "bd")], tmp_path / "out", prune=True)
    assert report.removed == [] and report.in_graph == 4
    assert_same_graph(tmp_path / "out", at_once("abcd"))


def test_prune_removes_an_article_taken_out_of_a_jsonl_file(tmp_path: Path) -> None:
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    records = [{"id": name, "text": ARTICLES[name]} for name in "abc"]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    build([feed], tmp_path / "out")
    feed.write_text("".join(json.dumps(r) + "\n" for r in records if r["id"] != "b"), encoding="utf-8")
    assert build([feed], tmp_path / "out").in_graph == 3  # without --prune it stays
    report = build([feed], tmp_path / "out", prune=True)
    assert report.removed == ["b"] and report.in_graph == 2


def test_kg_remove_takes_articles_out_and_adding_them_back_restores_it(tmp_path: Path, at_once) -> None:
    out = tmp_path / "out"
    articles = write(tmp_path / "in", "abcd")
    build([articles], out)
    result = run_kg("remove", "b", "d", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Removed 2 article(s); the graph holds 2." in result.stdout
    assert_same_graph(out, at_once("ac"))
    build([articles], out)
    assert_same_graph(out, at_once("abcd"))


def test_removing_an_unknown_id_is_an_error_and_removes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([write(tmp_path / "in", "ab")], out)
    before = (out / "graph.ttl").read_bytes()
    result = run_kg("remove", "a", "zz", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kg: error: no article 'zz' in the graph of {out}; nothing was removed"
    assert (out / "graph.ttl").read_bytes() == before
    with pytest.raises(ParleyError, match="run `kg build` first"):
        remove(["a"], tmp_path / "never-built")


def test_a_new_version_of_the_extractor_extracts_every_article_again(
    tmp_path: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = write(tmp_path / "in", "ab")
    build([articles], tmp_path / "out")
    monkeypatch.setattr(kg.store, "pipeline_fingerprint", lambda: "another extractor")
    report = build([articles], tmp_path / "out")
    assert report.changed == ["a", "b"] and extracted == ["a", "b", "a", "b"]


def test_a_moved_article_is_not_extracted_again_but_its_new_source_is_recorded(
    tmp_path: Path, extracted: list[str]
) -> None:
    build([write(tmp_path / "old", "ab")], tmp_path / "out")
    shutil.move(tmp_path / "old", tmp_path / "new")
    report = build([tmp_path / "new"], tmp_path / "out")
    assert report.unchanged == ["a", "b"] and extracted == ["a", "b"]
    sources = {e.id: e.source for e in kg.store.open_read_only(tmp_path / "out").manifest().values()}
    assert sources == {"a": str(tmp_path / "new" / "a.txt"), "b": str(tmp_path / "new" / "b.txt")}


def test_the_command_line_says_what_was_new_changed_and_removed(tmp_path: Path) -> None:
    out, articles = tmp_path / "out", write(tmp_path / "in", "ab")
    assert run_kg("build", str(articles), "-o", str(out)).exit_code == 0
    (articles / "a.txt").write_text(B_CHANGED, encoding="utf-8")
    (articles / "b.txt").unlink()
    write(articles, "c")
    result = run_kg("build", str(articles), "-o", str(out), "--prune")
    assert result.exit_code == 0, result.output
    assert "Read 2 article(s) (1 new, 1 changed), skipped 0." in result.stdout
    assert "Removed 1 article(s) whose file is gone." in result.stdout


def test_a_build_that_reads_nothing_changes_nothing_even_with_prune(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([write(tmp_path / "in", "ab")], out)
    before = (out / "graph.ttl").read_bytes()
    result = run_kg("build", str(tmp_path / "missing"), "-o", str(out), "--prune")
    assert result.exit_code == 1
    assert (out / "graph.ttl").read_bytes() == before
    assert set(kg.store.open_read_only(out).manifest()) == {"a", "b"}
