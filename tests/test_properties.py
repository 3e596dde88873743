"""Properties of ingest, extraction and the graph, on any text hypothesis can think of.

* Any Unicode text (quotes, backslashes, newlines, control characters, right-to-left marks, lone
  surrogates), as a .txt file or a .jsonl record, never crashes a build: the build writes a graph
  that parses as Turtle and passes `kg validate`, or says in one line why it read nothing.
* Hostile text stays text: whatever an article's title, id, claims or sentences hold, the Turtle
  round trip gives the same strings back, and evidence offsets still point at the sentence.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF

from kg.cli import main
from kg.extract import extract_article
from kg.extract.facts import ArticleFacts, Claim
from kg.graph import article_iri
from kg.ingest import Article, read_articles
from kg.namespace import PARLEY
from kg.store import article_lines, write_turtle
from kg.validate import validate_file

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates included
HOSTILE = ['"', "\\", "\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\u200f", "\u202e", "\u2028",
           "\ufeff", ">", "<", '"""', "'", "\ud800", "\udfff", "\U0001f54a", "\u0301", "&amp;", "%20", "@en",
           "^^"]
NEWS = ["Hamas demanded a permanent ceasefire.", "Qatar accused Israel of stalling the negotiations.",
        '"We will not accept this," Hamas said.', "Egypt hosted talks in Cairo on Sunday.",
        "Israel rejected a permanent ceasefire.", 'Foreign Minister Amara Velis said: "', "."]
PIECES = st.one_of(st.text(ANY_CHARACTER, max_size=30), st.sampled_from(HOSTILE), st.sampled_from(NEWS))
TEXTS = st.lists(PIECES, max_size=25).map(lambda parts: " ".join(parts))

RELAXED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def kg(*args: str):
    return CliRunner().invoke(main, list(args))


def check_output(out: Path) -> Graph:
    """The graph a build wrote parses as Turtle (rdflib and Oxigraph) and conforms to the shapes."""
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    ox.Store().load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    report = validate_file(out / "graph.ttl")
    assert report.conforms, "\n".join(str(p) for p in report.problems)
    return graph


@pytest.mark.slow
@RELAXED
@example(text='Hamas said: "a \\" b > c \\\\ d\u202e\ud800." Qatar accused Israel of stalling.\r\n\x00')
@given(text=TEXTS)
def test_any_text_in_a_txt_or_jsonl_file_never_crashes_a_build(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "article.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        record = {"id": text[:40] or "empty", "title": text[:80], "text": text, "url": text[:20]}
        (folder / "feed.jsonl").write_text(json.dumps(record, ensure_ascii=True) + "\n", encoding="ascii")
        result = kg("build", str(folder), "-o", str(Path(tmp) / "out"))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        read = read_articles([folder]).articles
        if read:
            assert result.exit_code == 0, result.output
            graph = check_output(Path(tmp) / "out")
            identifiers = {str(i) for i in graph.objects(None, DCTERMS.identifier)}
            assert identifiers == {a.id for a in read}
            texts = {a.id: a.text for a in read}
            for evidence in graph.subjects(RDF.type, PARLEY.Evidence):
                article = str(graph.value(graph.value(evidence, PROV.wasDerivedFrom), DCTERMS.identifier))
                start, end = (graph.value(evidence, p).toPython() for p in (PARLEY.start, PARLEY.end))
                assert texts[article][start:end] == str(graph.value(evidence, PARLEY.sentence))
        else:
            assert result.exit_code == 1
            last = result.stderr.splitlines()[-1]
            assert last == "kg: error: no article could be read; nothing was written"


HOSTILE_IN_CLAIMS = st.lists(st.sampled_from(['"', "\\", ">", "<", "\\n", "'", "&", "\\\"", "%", "#", "@"]),
                             min_size=1, max_size=3).map("".join)
CLAIMS = st.tuples(HOSTILE_IN_CLAIMS, HOSTILE_IN_CLAIMS).map(
    lambda h: f"We will not sign {h[0]} anything that {h[1]} leaves our people without protection")
SURVIVES = "We will not sign \\ anything that > leaves our people without protection"


@pytest.mark.slow
@RELAXED
@example(claim=SURVIVES)
@given(claim=CLAIMS)
def test_quotes_angle_brackets_and_backslashes_in_claims_survive_the_turtle_round_trip(claim: str) -> None:
    text = (f"Hamas and Israel resumed talks in Cairo.\n\nHamas demanded a permanent ceasefire.\n\n"
            f"Hamas official Khaled Nasser told reporters: \u201c{claim}.\u201d\n")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_text(text, encoding="utf-8")
        [article] = read_articles([Path(tmp) / "a.txt"]).articles
        assert kg("build", str(Path(tmp) / "a.txt"), "-o", str(Path(tmp) / "out"), "-q").exit_code == 0
        graph = check_output(Path(tmp) / "out")
    claims = {f.object.text for f in extract_article(article).facts if isinstance(f.object, Claim)}
    assert claims, "the template gives the extractor a claim to find"
    assert {str(o) for o in graph.objects(None, PARLEY.text)} == claims
    if claim == SURVIVES:
        assert claims == {SURVIVES}
    for evidence in graph.subjects(RDF.type, PARLEY.Evidence):
        start, end = (graph.value(evidence, p).toPython() for p in (PARLEY.start, PARLEY.end))
        assert article.text[start:end] == str(graph.value(evidence, PARLEY.sentence))


@settings(max_examples=300, deadline=None)
@given(title=st.text(ANY_CHARACTER, max_size=60), article_id=st.text(ANY_CHARACTER, min_size=1, max_size=20))
def test_any_title_and_id_come_back_from_turtle_unchanged(title: str, article_id: str) -> None:
    clean = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")  # what ingest makes of lone surrogates
    title, article_id = title.translate(clean), article_id.translate(clean)
    article = Article(id=article_id, text="x", source="s", title=title or None)
    lines = article_lines(article, ArticleFacts(article_id))
    with tempfile.TemporaryFile() as handle:
        write_turtle(lines, handle)
        handle.seek(0)
        written = handle.read()
    graph = Graph().parse(data=written.decode("utf-8"), format="turtle")
    node = article_iri(article_id)
    assert graph.value(node, DCTERMS.identifier) == Literal(article_id)
    assert graph.value(node, DCTERMS.title) == (Literal(title) if title else None)
    store = ox.Store()
    store.load(written, format=ox.RdfFormat.TURTLE)
    titles = [q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(DCTERMS.title)), None)]
    assert titles == ([title] if title else [])
