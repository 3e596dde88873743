"""Reading articles: .txt, .html and .jsonl files, their metadata, and files that cannot be read.

Every file or line that cannot be used becomes one `Problem` naming the file (and line) and the
reason, and the rest is read. The articles are written here, in `tmp_path`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import Article, Problem, read_articles
from kg.metadata import Metadata, dateline_metadata, strip_dateline

WIRE_STORY = """\

Oman says Iran and US will hold second round of talks next week

MUSCAT, Nov. 12 (Reuters) - Oman said on Wednesday that Iran and the United States had agreed to a
second round of indirect talks in Muscat, where mediators will shuttle between the two delegations.

"Both sides showed seriousness," Omani Foreign Minister Saif al-Harthy told reporters.
"""

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Sudan's warring sides agree to humanitarian truce | Nile Herald</title>
  <meta property="og:site_name" content="Nile Herald">
  <style>.promo { color: red; }</style>
  <script>var trackingPixel = "collect-every-click"; initAnalytics(trackingPixel);</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/africa">Africa</a> <a href="/login">Sign in to your account</a></nav>
  <main>
    <article>
      <h1>Sudan's warring sides agree to humanitarian truce</h1>
      <p>Sudan's army and the Rapid Support Forces agreed on Saturday to a seven-day humanitarian truce
      after talks in the Red Sea city of Jeddah, mediators from Saudi Arabia and the United States
      said in a joint statement.</p>
      <p>The agreement allows aid convoys to reach Khartoum and Darfur, and both sides committed to
      withdraw fighters from hospitals and power stations, according to the statement.</p>
      <p>A spokesman for the army said it would respect the truce as long as the paramilitary force did
      the same, and accused the RSF of looting aid warehouses during the last ceasefire.</p>
    </article>
  </main>
  <footer>Copyright 2025 Nile Herald. Newsletter sign-up and cookie settings.</footer>
</body>
</html>
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# -- the three formats -----------------------------------------------------------------------------


def test_txt_article_id_is_the_file_stem_and_title_the_first_non_empty_line(tmp_path: Path) -> None:
    path = write(tmp_path, "oman-second-round.txt", WIRE_STORY)
    [article] = read_articles([path]).articles
    assert article.id == "oman-second-round"
    assert article.title == "Oman says Iran and US will hold second round of talks next week"
    assert article.text == WIRE_STORY  # offsets in the graph point into this text, so it is kept whole
    assert article.source == str(path)


def test_txt_windows_line_endings_are_read_as_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.txt", WIRE_STORY.replace("\n", "\r\n").encode("utf-8"))
    [article] = read_articles([path]).articles
    assert "\r" not in article.text
    assert article.text == WIRE_STORY


def test_txt_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + WIRE_STORY.encode("utf-8"))
    [article] = read_articles([path]).articles
    assert article.text == WIRE_STORY


def test_html_keeps_the_article_and_drops_scripts_styles_and_navigation(tmp_path: Path) -> None:
    path = write(tmp_path, "jeddah-truce.html", NEWS_PAGE)
    [article] = read_articles([path]).articles
    assert article.id == "jeddah-truce"
    assert "agreed on Saturday to a seven-day humanitarian truce" in article.text
    assert "accused the RSF of looting aid warehouses" in article.text
    for furniture in ("trackingPixel", "initAnalytics", "color: red", "Sign in to your account", "cookie"):
        assert furniture not in article.text
    assert article.title == "Sudan's warring sides agree to humanitarian truce"
    assert article.text.startswith(article.title)  # the title is the text's first line, as in a .txt


def test_html_page_without_article_text_is_a_problem(tmp_path: Path) -> None:
    page = "<html><head><script>track()</script></head><body></body></html>"
    path = write(tmp_path, "empty-page.html", page)
    ingested = read_articles([path])
    assert ingested.articles == []
    problem = only_problem(ingested.problems)
    assert problem.source == str(path)
    assert "no article text" in problem.reason


def test_jsonl_reads_one_article_per_line_with_its_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.jsonl", jsonl(
        {"id": "ye-001", "title": "Yemen talks resume in Muscat", "url": "https://example.org/ye-001",
         "date": "2025-02-11", "outlet": "Gulf Dispatch",
         "text": "The Houthis and the government resumed talks in Muscat on Tuesday."},
        {"text": "Oman said a second round would follow.\nIt gave no date."},
    ))
    first, second = read_articles([path]).articles
    assert first == Article(
        id="ye-001", text="The Houthis and the government resumed talks in Muscat on Tuesday.",
        source=f"{path}:1",
        title="Yemen talks resume in Muscat", date="2025-02-11", outlet="Gulf Dispatch",
        url="https://example.org/ye-001",
    )
    # no id: the file stem and the line number; no title: the first line of the text
    assert second.id == "wire-2"
    assert second.title == "Oman said a second round would follow."
    assert second.source == f"{path}:2"


def test_jsonl_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "gaps.jsonl", "\n" + jsonl({"text": "Qatar said talks would resume."}))
    [article] = read_articles([path]).articles
    assert article.id == "gaps-2"


def test_folders_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Egypt said talks would resume.")
    (tmp_path / "older").mkdir()
    write(tmp_path / "older", "a.txt", "Qatar said talks would resume.")
    write(tmp_path, "notes.md", "not an article")  # other suffixes in a folder are ignored
    ingested = read_articles([tmp_path])
    assert [a.id for a in ingested.articles] == ["b", "a"]  # sorted by path: b.txt < older/a.txt
    assert ingested.problems == []


# -- metadata from the dateline --------------------------------------------------------------------

DATELINES = [
    pytest.param("GENEVA, Oct. 3 (Reuters) - Iran and three European powers met on Friday.",
                 Metadata(date="--10-03", outlet="Reuters"), id="place-month-day-outlet"),
    pytest.param("JEDDAH, May 21 (Reuters) - The army and the RSF signed a truce.",
                 Metadata(date="--05-21", outlet="Reuters"), id="full-month-name"),
    pytest.param("March 7 (UPI) -- Ukraine and Russia swapped 90 prisoners each.",
                 Metadata(date="--03-07", outlet="UPI"), id="no-place"),
    pytest.param("ISTANBUL (AP) — Delegations from Kyiv and Moscow met for an hour.",
                 Metadata(date=None, outlet="AP"), id="place-outlet-em-dash"),
    pytest.param("Pretoria (AFP) – The two sides signed the deal.",
                 Metadata(date=None, outlet="AFP"), id="place-outlet-en-dash"),
    pytest.param("Ceasefire holds in the south\n\nBy Lina Haddad\nUpdated 9:05 AM GMT+2, July 11, 2025\n\n"
                 "BEIRUT, July 11 (Reuters) - The truce held.",
                 Metadata(date="2025-07-11", outlet="Reuters"), id="full-date-wins-over-dateline"),
    pytest.param("Published On 20 Nov 2024\n\nThe talks resumed in Doha.",
                 Metadata(date="2024-11-20", outlet=None), id="published-on-day-month-year"),
    pytest.param("Issued on: 02/11/2022 - 14:05\n\nThe two sides signed the agreement.",
                 Metadata(date="2022-11-02", outlet=None), id="issued-on-day-first"),
    pytest.param("The talks resumed.\n\nSource: Al Jazeera and news agencies",
                 Metadata(date=None, outlet="Al Jazeera"), id="source-line"),
    pytest.param("The talks resumed.\n\nSource: Agencies", Metadata(date=None, outlet=None),
                 id="source-agencies-is-no-outlet"),
    pytest.param("The negotiators met on May 21 and again (briefly) on May 22.", Metadata(),
                 id="plain-prose"),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline_metadata(text: str, expected: Metadata) -> None:
    assert dateline_metadata(text) == expected


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        pytest.param("GENEVA, Oct. 3 (Reuters) - Iran said", len("GENEVA, Oct. 3 (Reuters) - "),
                     id="dateline"),
        pytest.param("Iran said (Reuters) - nothing", 0, id="no-dateline"),
    ],
)
def test_strip_dateline(sentence: str, length: int) -> None:
    assert strip_dateline(sentence) == length


def test_txt_article_takes_date_and_outlet_from_its_dateline(tmp_path: Path) -> None:
    [article] = read_articles([write(tmp_path, "oman.txt", WIRE_STORY)]).articles
    assert (article.date, article.outlet) == ("--11-12", "Reuters")


def test_jsonl_fields_win_over_the_dateline(tmp_path: Path) -> None:
    record = {"id": "x", "date": "2025-11-12", "outlet": "Gulf Dispatch",
              "text": "MUSCAT, Nov. 12 (Reuters) - Oman said talks would resume."}
    path = write(tmp_path, "w.jsonl", jsonl(record))
    [article] = read_articles([path]).articles
    assert (article.date, article.outlet) == ("2025-11-12", "Gulf Dispatch")


# -- bad input: one problem each, and the rest is read ----------------------------------------------

BAD_FILES = [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("blank.txt", b"  \n\n\t\n", "empty", id="only-whitespace"),
    pytest.param("scan.txt", b"%PDF-1.7\x00\x01\x02\x03binary", "binary", id="binary"),
    pytest.param("latin1.txt", "Négociations à Genève".encode("latin-1"), "UTF-8", id="not-utf8"),
    pytest.param("notes.docx", b"PK\x03\x04", "unsupported", id="unsupported-suffix"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_a_bad_file_is_one_problem_and_the_rest_is_read(tmp_path: Path, name: str, content: bytes,
                                                        reason: str) -> None:
    good = write(tmp_path, "good.txt", WIRE_STORY)
    bad = write(tmp_path, name, content)
    ingested = read_articles([good, bad])
    assert [a.id for a in ingested.articles] == ["good"]
    problem = only_problem(ingested.problems)
    assert problem.source == str(bad)
    assert reason.lower() in problem.reason.lower()
    assert str(problem).startswith(f"{bad}: ")


def test_a_missing_path_is_one_problem(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", WIRE_STORY)
    ingested = read_articles([tmp_path / "no-such-folder", good])
    assert [a.id for a in ingested.articles] == ["good"]
    problem = only_problem(ingested.problems)
    assert problem.source == str(tmp_path / "no-such-folder")
    assert "no such file" in problem.reason


BAD_LINES = [
    pytest.param('{"id": "b", "text": "Qatar said talks would resume."', "malformed JSON",
                 id="malformed-json"),
    pytest.param('["Qatar said talks would resume."]', "JSON object", id="not-an-object"),
    pytest.param('{"id": "b", "title": "No body"}', "'text'", id="missing-text"),
    pytest.param('{"id": "b", "text": "   "}', "'text'", id="empty-text"),
    pytest.param('{"id": "b", "text": "Qatar said talks would resume.", "date": ["2025"]}', "'date'",
                 id="field-of-the-wrong-type"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_a_bad_jsonl_line_is_one_problem_with_its_line_number(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, "feed.jsonl", jsonl({"id": "a", "text": "Egypt said talks would resume."}, line,
                                               {"id": "c", "text": "Hamas said it would study the offer."}))
    ingested = read_articles([path])
    assert [a.id for a in ingested.articles] == ["a", "c"]
    problem = only_problem(ingested.problems)
    assert (problem.source, problem.line) == (str(path), 2)
    assert reason in problem.reason
    assert str(problem).startswith(f"{path}:2: ")


def test_a_duplicate_id_is_reported_and_the_first_article_kept(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", jsonl({"id": "cairo-1", "text": "Egypt said talks would resume."}))
    write(tmp_path, "b.jsonl", jsonl({"id": "cairo-2", "text": "Qatar said it was hopeful."},
                                     {"id": "cairo-1", "text": "A different story with the same id."}))
    ingested = read_articles([tmp_path])
    assert [a.id for a in ingested.articles] == ["cairo-1", "cairo-2"]
    assert ingested.articles[0].text == "Egypt said talks would resume."
    problem = only_problem(ingested.problems)
    assert "duplicate" in problem.reason and "cairo-1" in problem.reason
    assert str(problem).startswith(f"{tmp_path / 'b.jsonl'}:2: ")


def test_a_txt_named_like_a_jsonl_id_is_a_duplicate_too(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", jsonl({"id": "doha", "text": "Qatar said talks would resume."}))
    write(tmp_path, "doha.txt", "Qatar said the talks would resume on Monday.")
    ingested = read_articles([tmp_path])
    assert [a.id for a in ingested.articles] == ["doha"]
    assert "duplicate" in only_problem(ingested.problems).reason


def test_nothing_readable_gives_no_articles_and_every_problem(tmp_path: Path) -> None:
    paths = [write(tmp_path, "empty.txt", b""), tmp_path / "missing.txt", write(tmp_path, "x.pdf", b"%PDF")]
    ingested = read_articles(paths)
    assert ingested.articles == []
    assert sorted(p.source for p in ingested.problems) == sorted(str(p) for p in paths)
