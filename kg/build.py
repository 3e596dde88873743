"""`kg build`: read articles, extract facts, write the graph and a report.

The graph is written atomically (a temporary file renamed over the old one), so a failed or
interrupted build never leaves a half-written graph.ttl.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract_articles
from kg.extract.facts import ArticleFacts
from kg.graph import build_graph, serialize, write_atomically
from kg.ingest import Article, Problem, read_articles
from kg.namespace import RELATIONS


@dataclass
class BuildReport:
    """What a build read, skipped and found; written to report.json."""

    articles: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    evidence: int = 0
    actors: dict[str, str] = field(default_factory=dict)  # key -> label
    triples: int = 0

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


def build(
    paths: Iterable[Path | str],
    output: Path,
    progress: Callable[[Iterable[Article]], Iterable[Article]] | None = None,
) -> BuildReport:
    """Build the graph of every article under `paths` into `output/graph.ttl` and `output/report.json`."""
    ingested = read_articles(paths)
    report = BuildReport(skipped=list(ingested.problems))
    articles = ingested.articles
    if not articles:
        return report
    stream = progress(articles) if progress else articles
    results: list[tuple[Article, ArticleFacts]] = []
    for article, result in zip(articles, extract_articles(stream), strict=True):
        results.append((article, result))
        report.articles.append(article.id)
        distinct = {(f.relation, f.subject.key, repr(f.object)) for f in result.facts}
        report.facts.update(rel for rel, _, _ in distinct)
        report.evidence += len(result.facts)
        for actor in result.mentions:
            report.actors.setdefault(actor.key, actor.label)
    graph = build_graph(results)
    report.triples = len(graph)
    output.mkdir(parents=True, exist_ok=True)
    write_atomically(output / "graph.ttl", serialize(graph))
    write_atomically(output / "report.json", json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n")
    return report
