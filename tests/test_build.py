"""`kg build` from the command line: what it writes, what it prints, and how it fails.

    kg build PATH... [-o DIR] [--samples] [-q]
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kg.cli import main
from kg.namespace import PARLEY
from kg.resources import samples_dir

REPORT_KEYS = {"articles_read", "articles", "articles_skipped", "facts_per_relation", "evidence_nodes",
               "actors", "triples"}
RELATIONS = ["said", "demands", "rejects", "accepts", "hosts", "mediates", "participatesIn", "accuses",
             "memberOf"]

STORY = """\
Yemen's warring parties to resume prisoner talks in Muscat

MUSCAT, Feb. 3 (Reuters) - Yemen's Houthis and the government will resume talks on a prisoner exchange
in the Omani capital Muscat next week, the United Nations said on Monday.

The Houthis accused the government of delaying the release of detainees.
"""


def kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "muscat.txt").write_text(STORY, encoding="utf-8")
    return folder


def test_build_writes_the_graph_and_the_report_and_prints_a_summary(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kg("build", str(articles), "-o", str(out))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report) == REPORT_KEYS
    assert report["articles_read"] == 1 and report["articles"] == ["muscat"]
    assert report["articles_skipped"] == []
    assert list(report["facts_per_relation"]) == RELATIONS
    assert report["facts_per_relation"]["accuses"] >= 1
    assert report["triples"] == len(graph)
    assert report["evidence_nodes"] == len(set(graph.subjects(None, PARLEY.Evidence)))
    assert {"key": "houthis", "label": "Houthis"} in report["actors"]
    summary = result.stdout
    assert "1 article" in summary
    assert str(out / "graph.ttl") in summary
    assert f"{len(graph)} triples" in summary
    assert result.stderr == ""


def test_quiet_build_prints_nothing(articles: Path, tmp_path: Path) -> None:
    result = kg("build", str(articles), "-o", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_a_bad_file_among_good_ones_is_reported_in_one_line_and_the_build_goes_on(articles: Path,
                                                                                  tmp_path: Path) -> None:
    (articles / "broken.jsonl").write_text('{"id": "x", "text": "Qatar said\n', encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(articles), "-o", str(out))
    assert result.exit_code == 0
    [line] = lines(result.stderr)
    assert line.startswith("kg: skipped ") and "broken.jsonl:1" in line and "JSON" in line
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == ["muscat"]
    [skipped] = report["articles_skipped"]
    assert skipped["file"].endswith("broken.jsonl") and skipped["line"] == 1 and "JSON" in skipped["reason"]


def test_no_readable_article_exits_1_with_one_error_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(tmp_path / "empty.txt"), "-o", str(out))
    assert result.exit_code == 1
    errors = [line for line in lines(result.stderr) if line.startswith("kg: error:")]
    assert len(errors) == 1 and "no article" in errors[0]
    assert all(line.startswith("kg: ") for line in lines(result.stderr))  # no traceback
    assert not (out / "graph.ttl").exists() and not (out / "report.json").exists()


def test_a_failed_build_leaves_the_previous_graph_alone(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", str(articles), "-o", str(out), "-q").exit_code == 0
    before = (out / "graph.ttl").read_bytes()
    assert kg("build", str(tmp_path / "missing"), "-o", str(out)).exit_code == 1
    assert (out / "graph.ttl").read_bytes() == before


def test_build_without_paths_is_a_usage_error(tmp_path: Path) -> None:
    result = kg("build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "--samples" in result.stderr


def test_build_samples_reads_every_bundled_article_and_finds_every_relation(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kg("build", "--samples", "-o", str(out))
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles_skipped"] == []
    assert report["articles_read"] >= 6
    missing = [rel for rel, n in report["facts_per_relation"].items() if n == 0]
    assert missing == [], f"the samples show no {missing} fact"


def test_the_samples_mix_formats() -> None:
    suffixes = sorted(p.suffix for p in samples_dir().iterdir() if p.is_file())
    assert {".txt", ".html", ".jsonl"} <= set(suffixes)
    assert len(suffixes) >= 5
