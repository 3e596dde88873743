"""`kg build` on bad input: each bad file or line gets one line saying what is wrong, the rest of the
build goes on, no traceback reaches the user, and the exit status says whether anything was built.

Each case of the matrix puts one bad file beside a good article and checks three things: the one
line the build prints for it, that the good article is in the graph, and that the exit status is 0.
The hostile sizes (a 20 MB article, a 100,000-character line) run once more in a separate process,
where peak memory is measured.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.namespace import DCTERMS

import kg.build
import kg.ingest
from kg.cli import main

GOOD = """Hamas and Israel resume talks in Cairo

CAIRO (Reuters) - Talks between Hamas and Israel resumed in Cairo on Sunday, hosted by Egypt.

Hamas demanded a permanent ceasefire and the full withdrawal of Israeli troops from Gaza.
"""
ONE_LINE = "Qatar said talks would resume on Monday in Doha. " * 3
LONG_LINE = ("the army said that Hamas and Israel agreed to talks as Egypt mediates " * 1500)[:100_000]
HTML_NO_BODY = ("<html><head><title>t</title><style>p { color: red }</style>"
                "<script>document.write('Hamas demanded a ceasefire')</script></head></html>")
HTML_WITH_SCRIPTS = """<!DOCTYPE html><html><head><title>Qatar hosts talks | Gulf Times</title>
<style>.x { content: "Israel rejected a ceasefire" }</style>
<script>var claim = "Hamas accused Egypt of lying"; track(claim);</script></head>
<body><nav>Home | World</nav><article><h1>Qatar hosts talks</h1>
<p>Qatar hosted talks in Doha on Sunday between Hamas and Israel, mediators said in a statement.</p>
<p>Hamas demanded a permanent ceasefire and the full withdrawal of Israeli troops from Gaza.</p>
</article><script>alert("Egypt accused Qatar of stalling")</script></body></html>"""


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


# name, content, the problem line (after "kg: skipped PATH"), or None when the file is read
CASES: list = [
    pytest.param("empty.txt", b"", ": empty file", id="empty-file"),
    pytest.param("scan.txt", bytes(range(256)) * 40, ": binary file (contains NUL bytes), not text",
                 id="binary"),
    pytest.param("bom16.txt", ONE_LINE.encode("utf-16"), None, id="utf-16-with-bom"),
    pytest.param("le16.txt", ONE_LINE.encode("utf-16-le"),
                 ": UTF-16 text without a byte-order mark; save it as UTF-8", id="utf-16-without-bom"),
    pytest.param("latin1.txt", "Négociations à Genève".encode("latin-1"),
                 ": not UTF-8 text (byte 0xe9 at offset 1); save it as UTF-8", id="latin-1"),
    pytest.param("huge.txt", ONE_LINE.encode() * 140_000,
                 ": too large for a news article (20.6 MB; the limit is 2 MB)", id="20-MB-article"),
    pytest.param("long.txt", LONG_LINE.encode(), None, id="100000-characters-without-a-sentence-end"),
    pytest.param("wordy.txt", ONE_LINE.encode() * 10_000,
                 ": too long for a news article (1,470,000 characters; the limit is 1,000,000)",
                 id="more-characters-than-the-extractor-takes"),
    pytest.param("feed.jsonl", jsonl({"id": "f1", "text": ONE_LINE}, '{"id": "f2", "text": "cut'),
                 ":2: malformed JSON (Unterminated string starting at column 22)", id="jsonl-malformed-line"),
    pytest.param("feed.jsonl", jsonl({"id": "f1", "text": ONE_LINE}, {"id": "f2", "title": "no text"}),
                 ":2: missing or empty 'text'", id="jsonl-missing-text"),
    pytest.param("zz-feed.jsonl", jsonl({"id": "good", "text": ONE_LINE}),
                 ":1: duplicate article id 'good' (first read from {good})", id="jsonl-duplicate-id"),
    pytest.param("feed.jsonl", jsonl({"id": "f1", "text": ONE_LINE}, {"id": "f2", "text": "x" * 2_100_000}),
                 ":2: line too long for a news article (the limit is 2 MB)", id="jsonl-line-too-long"),
    pytest.param("feed.jsonl", jsonl({"id": "f1", "text": ONE_LINE}, "[" * 100_000 + "]" * 100_000),
                 ":2: malformed JSON (RecursionError: maximum recursion depth exceeded while decoding a JSON "
                 "array from a unicode string)", id="jsonl-nested-too-deep"),
    pytest.param("page.html", HTML_NO_BODY, ": no article text found in the HTML page",
                 id="html-without-body"),
    pytest.param("page.html", HTML_WITH_SCRIPTS, None, id="html-with-scripts-and-styles"),
    pytest.param("notes.docx", b"PK\x03\x04",
                 ": unsupported file type '.docx' (use .txt, .html, .htm, .jsonl)", id="unsupported-type"),
]


def run_kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def identifiers(out: Path) -> set[str]:
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    return {str(i) for i in graph.objects(None, DCTERMS.identifier)}


@pytest.mark.parametrize(("name", "content", "problem"), CASES)
def test_a_bad_file_is_one_line_and_the_build_goes_on(tmp_path: Path, name: str, content: str | bytes,
                                                      problem: str | None) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = folder / name
    bad.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "out"
    # an unsupported file type is only reported when named, not when met in a folder
    result = run_kg("build", str(folder), *([str(bad)] if name.endswith(".docx") else []), "-o", str(out))
    assert result.exit_code == 0, result.output
    if problem is None:
        assert result.stderr == ""
        assert identifiers(out) == {"good", bad.stem}
    else:
        assert result.stderr.splitlines() == [f"kg: skipped {bad}{problem.format(good=good)}"]
        assert "good" in identifiers(out)
    assert "Traceback" not in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report["articles_skipped"]) == (problem is not None)


def test_scripts_and_styles_of_a_page_never_reach_the_graph(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_WITH_SCRIPTS, encoding="utf-8")
    result = run_kg("build", str(tmp_path / "page.html"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Qatar" in written and "Hamas" in written
    for code in ("track(claim)", "alert", "color", "Egypt accused", "Hamas accused", "document.write"):
        assert code not in written


def test_a_path_that_does_not_exist_alone_builds_nothing_and_exits_1(tmp_path: Path) -> None:
    result = run_kg("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"kg: skipped {tmp_path / 'nowhere'}: no such file or folder",
        "kg: error: no article could be read; nothing was written",
    ]
    assert not (tmp_path / "out").exists()


def test_a_path_that_does_not_exist_beside_good_ones_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = run_kg("build", str(tmp_path / "good.txt"), str(tmp_path / "nowhere"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"kg: skipped {tmp_path / 'nowhere'}: no such file or folder"]
    assert identifiers(tmp_path / "out") == {"good"}


def _patch_read(monkeypatch: pytest.MonkeyPatch, before_reading: Callable[[Path], None]) -> None:
    original = kg.ingest._read_file

    def reading(path: Path):
        before_reading(path)
        return original(path)

    monkeypatch.setattr(kg.ingest, "_read_file", reading)


def test_a_file_that_vanishes_during_the_build_is_one_line(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a-good.txt", "b-gone.txt", "c-good.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    # the folder is listed with b-gone.txt in it, which is deleted just before it is read
    _patch_read(monkeypatch, lambda path: path.unlink() if path.name == "b-gone.txt" else None)
    result = run_kg("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"kg: skipped {tmp_path / 'b-gone.txt'}: cannot read: No such file or directory"]
    assert identifiers(tmp_path / "out") == {"a-good", "c-good"}


def test_a_file_that_cannot_be_read_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    original_open = pathlib.Path.open

    def open_(self, *args, **kwargs):  # as a file without read permission does (root reads it anyway)
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    result = run_kg("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"kg: skipped {locked}: cannot read: Permission denied"]
    assert identifiers(tmp_path / "out") == {"good"}


def test_an_article_the_extractor_fails_on_is_one_line_and_the_others_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    original = kg.build.extract_articles

    def failing_on_b(articles):
        articles = list(articles)
        if any(a.id == "b" for a in articles):
            raise RuntimeError("boom")
        return original(articles)

    monkeypatch.setattr(kg.build, "extract_articles", failing_on_b)
    result = run_kg("build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"kg: skipped {tmp_path / 'b.txt'}: failed while extracting (RuntimeError: boom); "
        "the article was left out; please report this"]
    assert identifiers(tmp_path / "out") == {"a", "c"}


def test_when_the_extractor_fails_on_every_article_the_build_fails_and_the_graph_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run_kg("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")).exit_code == 0
    before = (tmp_path / "out" / "graph.ttl").read_bytes()
    (tmp_path / "a.txt").write_text(GOOD.replace("Sunday", "Monday"), encoding="utf-8")

    def broken(articles):
        raise NameError("name 'QUOTES' is not defined")

    monkeypatch.setattr(kg.build, "extract_articles", broken)
    result = run_kg("build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last == "kg: error: no article could be extracted; the graph was left as it was"
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == before


def test_an_output_folder_that_cannot_be_made_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a-file").write_text("not a folder")
    result = run_kg("build", str(tmp_path / "good.txt"), "-o", str(tmp_path / "a-file" / "out"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"kg: error: {tmp_path / 'a-file' / 'out'}: cannot write the output folder: Not a directory"]


@pytest.mark.slow
def test_hostile_sizes_in_a_real_process_no_traceback_and_memory_bounded(tmp_path: Path) -> None:
    """The whole matrix at once, in a process of its own: every problem on one line, no traceback,
    the readable articles built, and peak memory (20 MB article and 100,000-character line included)
    under 1 GB. The timeout only guards against a hang."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for number, case in enumerate(CASES):
        name, content, _ = case.values
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / f"{number:02d}-{name}").write_bytes(data)
    peak_file = tmp_path / "peak"
    code = ("import atexit, resource, sys; peak = sys.argv.pop(1); "
            "atexit.register(lambda: open(peak, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF)"
            ".ru_maxrss))); from kg.cli import main; main()")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", code, str(peak_file), "build", str(folder), "-o", str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    problems = [case for case in CASES if case.values[2] is not None and not case.values[0].endswith(".docx")]
    lines = done.stderr.splitlines()
    assert len(lines) >= len(problems)  # and more: the jsonl files of the cases share ids
    assert all(line.startswith("kg: skipped ") for line in lines)
    assert {"good", "02-bom16", "06-long"} <= identifiers(out)
    peak_mb = int(peak_file.read_text()) / 1024
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB"
