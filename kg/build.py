"""`kg build`: read articles, extract facts from the new and changed ones, update the store, write
graph.ttl and a report.

A build is incremental (see `kg.store`): an article already in the store with the same content is
not extracted again, a changed one has its graph replaced, and with `prune` the articles whose file is
gone are removed. Building the same articles at once, twice, or in several steps gives the same
graph. Only one build (or `kg remove`) may change an output folder at a time; a build killed at any
moment leaves the previous store and graph.ttl whole.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract import extract_articles
from kg.extract.facts import ArticleFacts
from kg.graph import write_atomically
from kg.ingest import Article, Problem, read_articles
from kg.namespace import RELATIONS
from kg.store import (
    Entry,
    Result,
    apply_changes,
    article_digest,
    article_lines,
    locked,
    open_current,
    pack,
)

REPORT_FILE = "report.json"

Progress = Callable[[Iterable[Article]], Iterable[Article]]


@dataclass
class BuildReport:
    """What a build read, skipped, changed and found; written to report.json.

    `articles` are the ids read this time; the figures (`facts`, `evidence`, `actors`, `triples`)
    describe the whole graph after the build, which may hold articles from earlier builds.
    """

    articles: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    evidence: int = 0
    actors: dict[str, str] = field(default_factory=dict)  # key -> label
    triples: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # read, but the extractor failed on them
    in_graph: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage

    @property
    def built(self) -> bool:
        """Whether the output folder holds a graph of what was asked for."""
        return self.in_graph > 0 or bool(self.removed)

    def as_json(self) -> dict:
        return {
            "articles_read": len(self.articles),
            "articles": self.articles,
            "articles_skipped": [
                {"file": p.source, "line": p.line, "reason": p.reason} for p in self.skipped
            ],
            "facts_per_relation": {rel: self.facts.get(rel, 0) for rel in RELATIONS},
            "evidence_nodes": self.evidence,
            "actors": [{"key": k, "label": v} for k, v in sorted(self.actors.items())],
            "triples": self.triples,
        }

    def take_figures(self, result: Result) -> None:
        """Copy the figures of the graph after the build."""
        self.facts, self.evidence, self.actors = result.facts, result.evidence, result.actors
        self.triples, self.in_graph = result.triples, result.articles


class Stopwatch:
    """Adds up the time spent in each stage of a build."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def timed(self, stage: str, items: Iterable) -> Iterator:
        """Yield from `items`, counting the time spent producing them as `stage`."""
        iterator = iter(items)
        while True:
            with self(stage):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item


def build(
    paths: Iterable[Path | str],
    output: Path,
    progress: Progress | None = None,
    *,
    prune: bool = False,
    jobs: int = 1,
) -> BuildReport:
    """Build (or bring up to date) the graph of the articles under `paths` in `output`.

    Writes `output/store`, `output/graph.ttl` and `output/report.json`. Nothing is written when no
    article could be read. `prune` removes from the graph the articles that are gone: their file no
    longer exists, or was read this time without them. Articles from files not given this time stay.
    `jobs` extracts in that many processes (see `extract_in_processes`).
    """
    report = BuildReport()
    clock = Stopwatch(report.seconds)
    with clock("read"):
        ingested = read_articles(paths)
        report.skipped = list(ingested.problems)
        articles = ingested.articles
        report.articles = [a.id for a in articles]
        if not articles:
            return report
        digests = {a.id: article_digest(a) for a in articles}
    output = Path(output)
    with locked(output):
        current = open_current(output)
        manifest = current.manifest() if current is not None else {}
        del current
        for article in articles:
            entry = manifest.get(article.id)
            if entry is None:
                report.added.append(article.id)
            elif entry.digest != digests[article.id]:
                report.changed.append(article.id)
            else:
                report.unchanged.append(article.id)
        sources = {a.id: _absolute(a.source) for a in articles}
        if prune:
            read, files = set(report.articles), {_file_of(source) for source in sources.values()}
            report.removed = [i for i, e in manifest.items() if i not in read and _gone(e.source, files)]
        moved = {i: source for i, source in sources.items() if i in manifest and manifest[i].source != source}
        del manifest
        extract = {*report.added, *report.changed}
        todo = [a for a in articles if a.id in extract]

        def graphs() -> Iterator[tuple[Entry, list[str]]]:
            stream = progress(todo) if progress and todo else todo
            for article, result in clock.timed("extract", extract_in_processes(stream, jobs)):
                if not isinstance(result, Problem):
                    with clock("graph"):
                        try:
                            lines = article_lines(article, result)
                            entry = Entry(article.id, sources[article.id], digests[article.id], pack(lines))
                        except Exception as err:  # noqa: BLE001 - one article's bug must not stop the build
                            result = _failed(article, "making its graph", err)
                if isinstance(result, Problem):
                    report.skipped.append(result)
                    report.failed.append(article.id)
                    for ids in (report.added, report.changed):
                        if article.id in ids:
                            ids.remove(article.id)
                    continue
                yield entry, lines

        result = apply_changes(output, graphs(), report.removed, moved, clock)
    report.take_figures(result)
    _write_report(output, report)
    return report


def remove(ids: Iterable[str], output: Path) -> BuildReport:
    """Remove articles (by id) from the graph in `output`: their evidence, and every fact or description
    no remaining article gives. An id not in the graph is an error, and then nothing is removed."""
    ids = list(dict.fromkeys(ids))
    report = BuildReport()
    output = Path(output)
    with locked(output):
        current = open_current(output)
        if current is None:
            raise InputError(f"{output}: no graph to remove articles from (run `kg build` first)")
        known = current.manifest()
        del current
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise InputError(f"no article '{unknown[0]}' in the graph of {output}; nothing was removed")
        report.removed = ids
        report.take_figures(apply_changes(output, remove=ids, clock=Stopwatch(report.seconds)))
    _write_report(output, report)
    return report


def extract_in_processes(
    articles: Iterable[Article], jobs: int = 1, batch_size: int = 32
) -> Iterator[tuple[Article, ArticleFacts | Problem]]:
    """Extract from `articles`, in order, in batches, in `jobs` processes (1: in this one).

    An article the extractor fails on comes back as a Problem, and the others are extracted still.
    Worker processes are forked once the pipeline is built, so they start at once, and send back the
    plain facts, not spaCy Docs (which cannot carry Parley's annotations across processes).
    docs/PERFORMANCE.md says when more processes pay off.
    """
    batches = _batches(articles, batch_size)
    if jobs <= 1:
        for batch in batches:
            yield from zip(batch, _extract_batch(batch), strict=True)
        return
    import multiprocessing

    from kg.extract.pipeline import shared_pipeline

    shared_pipeline()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pending: list[tuple[list[Article], multiprocessing.pool.AsyncResult]] = []
        for batch in batches:
            pending.append((batch, pool.apply_async(_extract_batch, (batch,))))
            while pending and (pending[0][1].ready() or len(pending) > 2 * jobs):
                done, result = pending.pop(0)
                yield from zip(done, result.get(), strict=True)
        for done, result in pending:
            yield from zip(done, result.get(), strict=True)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[Article]) -> list[ArticleFacts | Problem]:
    """The facts of each article of `batch`; when the batch fails, each article alone, so that only the
    articles the extractor fails on are lost (and reported)."""
    try:
        return list(extract_articles(batch))
    except Exception:  # noqa: BLE001 - find the article at fault below
        results: list[ArticleFacts | Problem] = []
        for article in batch:
            try:
                results.extend(extract_articles([article]))
            except Exception as err:  # noqa: BLE001 - one article's bug must not stop the build
                results.append(_failed(article, "extracting", err))
        return results


def _failed(article: Article, doing: str, err: Exception) -> Problem:
    message = " ".join(str(err).split())[:200]
    return Problem(
        article.source,
        f"failed while {doing} ({type(err).__name__}: {message}); "
        "the article was left out; please report this",
    )


def _file_of(source: str) -> str:
    """The file an article was read from, given its source ("feed.jsonl:3" is line 3 of feed.jsonl)."""
    match = re.fullmatch(r"(.*\.jsonl):\d+", source, re.IGNORECASE)
    return match.group(1) if match else source


def _absolute(source: str) -> str:
    """A source with its file made absolute, so that the next build, run from anywhere, finds it."""
    file = _file_of(source)
    return os.path.abspath(file) + source[len(file) :]


def _gone(source: str, read: set[str]) -> bool:
    """Whether an article recorded with `source` is gone: its file no longer exists, or was read this
    time without it (an article deleted from a .jsonl file)."""
    file = _file_of(source)
    return file in read or not os.path.exists(file)


def _write_report(output: Path, report: BuildReport) -> None:
    write_atomically(output / REPORT_FILE, json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
