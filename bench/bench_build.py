"""Benchmark `kg build` against spaCy's blank English tokenizer on the same texts, in the same run.

    .venv/bin/python bench/bench_build.py                    # 2,000 synthetic articles of ~600 words
    .venv/bin/python bench/bench_build.py --articles 200     # a quick look
    .venv/bin/python bench/bench_build.py --million          # also: stages and peak memory at 1M triples
    .venv/bin/python bench/bench_build.py --processes 2      # also: nlp.pipe(n_process=2) against 1

It prints figures; nothing fails when they are poor (the goals are in docs/PERFORMANCE.md):

* the tokenizer alone (`spacy.blank("en").tokenizer.pipe`), in words per second, measured before and
  after the build so that a change in the machine's load shows;
* the whole build, in a fresh process as a user runs it (start-up, read, extract, graph, merge, store,
  serialise), in words per second, and its ratio to the tokenizer; the time per stage; peak memory;
* an incremental build adding 1% more articles to it;
* the named queries on the store the build wrote;
* with --million: the stages after extraction (graph, merge, store, serialise) and peak memory for a
  graph of a million triples or more, made by giving the extracted facts of a sample of articles to
  many article ids (extraction does not grow with the graph: it streams);
* with --processes N: extraction with `nlp.pipe(n_process=N)` and with `kg build --jobs N` against one
  process.

CPU times are given beside wall-clock ones: other programs on the machine inflate the second only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus  # noqa: E402

from kg.ingest import read_articles  # noqa: E402

STAGES = ("read", "extract", "graph", "merge", "store", "serialise")

BUILD = """
import json, sys, time
start = time.perf_counter()
from kg.build import build
paths, output, jobs = sys.argv[1:-2], sys.argv[-2], int(sys.argv[-1])
report = build(paths, output, jobs=jobs)
json.dump({"seconds": report.seconds, "wall": time.perf_counter() - start, "triples": report.triples,
           "articles": len(report.articles), "added": len(report.added)}, sys.stdout)
"""

MILLION = """
import dataclasses, json, sys, time
from pathlib import Path
from kg.build import Stopwatch
from kg.extract import extract_articles
from kg.ingest import read_articles
from kg.store import Entry, apply_changes, article_digest, article_lines, locked, pack
corpus, output, target = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
sample = read_articles([corpus]).articles[:60]
results = list(extract_articles(sample))
per_article = sum(len(article_lines(a, r)) for a, r in zip(sample, results)) / len(sample)
count = int(target / per_article * 1.6) + 1  # shared descriptions merge, so ask for more
seconds = {}
clock = Stopwatch(seconds)
def graphs():
    for i in range(count):
        article, result = sample[i % len(sample)], results[i % len(sample)]
        article = dataclasses.replace(article, id=f"{article.id}-{i}")
        with clock("graph"):
            lines = article_lines(article, result)
            entry = Entry(article.id, article.source, article_digest(article), pack(lines))
        yield entry, lines
start = time.perf_counter()
with locked(output):
    result = apply_changes(output, graphs(), clock=clock)
json.dump({"seconds": seconds, "wall": time.perf_counter() - start, "triples": result.triples,
           "articles": count}, sys.stdout)
"""


def run_child(code: str, *args: str) -> tuple[dict, float, float]:
    """Run `code` in a fresh Python; return its JSON answer, its CPU seconds and its peak memory in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    if done.returncode != 0:
        sys.exit(f"the child process failed:\n{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(done.stdout), cpu, after.ru_maxrss / 1024


def tokenizer_speed(texts: list[str], words: int) -> tuple[float, float]:
    """Words per second of spaCy's blank English tokenizer: (wall clock, CPU)."""
    import spacy

    nlp = spacy.blank("en")
    for _ in nlp.tokenizer.pipe(texts[:50]):  # warm the caches, as a long build would
        pass
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.tokenizer.pipe(texts, batch_size=1000):
        pass
    return words / (time.perf_counter() - wall), words / (time.process_time() - cpu)


def named_query_times(store_path: Path, runs: int = 3) -> list[tuple[str, float, int]]:
    """(name, median seconds, rows) of every named query on the store, with parameters taken from it."""
    from kg.query import bind_parameters, load_query, open_store, query_names, run

    store = open_store(store_path)
    fact = next(iter(store.query(
        "SELECT ?s ?p ?o WHERE { ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o } LIMIT 1")))
    speaker = next(iter(store.query(
        "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/parley/ontology#said> ?c } "
        "GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")))
    given = {"actor": speaker["a"].value, "subject": fact["s"].value, "predicate": fact["p"].value,
             "object": fact["o"].value}
    times = []
    for name in query_names():
        query = load_query(name)
        wanted = [(p.name, given[p.name]) for p in query.parameters if p.required and p.name in given]
        samples, rows = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            rows = sum(1 for _ in run(store, query, bind_parameters(store, query, wanted)))
            samples.append(time.perf_counter() - start)
        times.append((name, statistics.median(samples), rows))
    return times


def process_speeds(texts: list[str], words: int, processes: int) -> None:
    """Extraction with nlp.pipe(n_process=N) and with kg.build's worker processes, against one process."""
    from kg.build import extract_in_processes
    from kg.extract.pipeline import shared_pipeline
    from kg.ingest import Article

    nlp = shared_pipeline()
    list(nlp.pipe(texts[:5]))
    for n in (1, processes):
        start = time.perf_counter()
        try:
            for _ in nlp.pipe(texts, batch_size=32, n_process=n):
                pass
        except (ValueError, TypeError) as err:  # spaCy sends Docs back as msgpack
            print(f"  nlp.pipe(n_process={n}):           fails: {str(err).strip().splitlines()[-1]}")
            continue
        print(f"  nlp.pipe(n_process={n}):           {words / (time.perf_counter() - start):10,.0f} words/s")
    articles = [Article(id=f"a{i}", text=text, source="bench") for i, text in enumerate(texts)]
    for n in (1, processes):
        start = time.perf_counter()
        for _ in extract_in_processes(articles, jobs=n):
            pass
        speed = words / (time.perf_counter() - start)
        print(f"  kg build --jobs {n} (extraction):    {speed:10,.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=1, help="kg build --jobs for the timed build")
    parser.add_argument("--million", action="store_true",
                        help="also time the stages after extraction at 1M triples")
    parser.add_argument("--processes", type=int, default=0, metavar="N",
                        help="also compare extraction in N processes with one (--process-articles articles)")
    parser.add_argument("--process-articles", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", args.keep or Path(tmp) / "out"
        write_corpus(corpus, args.articles + max(1, args.articles // 100), args.words, seed=7)
        extra = sorted(corpus.glob("*.txt"))[args.articles:]
        later = Path(tmp) / "later"
        later.mkdir()
        for path in extra:
            path.rename(later / path.name)
        texts = [a.text for a in read_articles([corpus]).articles]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(texts)} synthetic articles, {words:,} words "
              f"({words / len(texts):.0f} per article)")

        token_before = tokenizer_speed(texts, words)
        build, cpu, peak = run_child(BUILD, str(corpus), str(out), str(args.jobs))
        token_after = tokenizer_speed(texts, words)
        tokenizer = statistics.mean([token_before[0], token_after[0]])
        tokenizer_cpu = statistics.mean([token_before[1], token_after[1]])
        speed, speed_cpu = words / build["wall"], words / cpu
        print(f"tokenizer alone:      {tokenizer:12,.0f} words/s  (CPU: {tokenizer_cpu:,.0f}; "
              f"before the build {token_before[0]:,.0f}, after {token_after[0]:,.0f})")
        print(f"whole build:          {speed:12,.0f} words/s  (CPU: {speed_cpu:,.0f}); "
              f"{build['wall']:.1f} s wall, {cpu:.1f} s CPU, {build['triples']:,} triples")
        print(f"ratio build/tokenizer: {speed / tokenizer:11.1%}  (CPU: {speed_cpu / tokenizer_cpu:.1%}; "
              "the goal is 30%)")
        print(f"peak memory:          {peak:12,.0f} MB")
        staged = sum(build["seconds"].get(s, 0.0) for s in STAGES)
        split = {"start-up": build["wall"] - staged, **{s: build["seconds"].get(s, 0.0) for s in STAGES}}
        print("stages (wall s):      " + ", ".join(f"{k} {v:.2f} ({v / build['wall']:.0%})"
                                                   for k, v in split.items()))
        rest = build["wall"] - split["extract"] - split["start-up"]
        print(f"  all but start-up and extraction: {rest:.2f} s = {words / max(rest, 1e-9):,.0f} words/s")

        for path in extra:
            (later / path.name).rename(path)
        more, cpu_more, _ = run_child(BUILD, str(corpus), str(out), str(args.jobs))
        stages = ", ".join(f"{k} {v:.2f}" for k, v in more["seconds"].items())
        print(f"incremental build (+{more['added']} articles to {len(texts)}): {more['wall']:.1f} s wall, "
              f"{cpu_more:.1f} s CPU; stages {stages}")

        print("named queries on the store (median of 3):")
        for name, seconds, rows in named_query_times(out / "store"):
            print(f"  {name:18s} {seconds * 1000:9.1f} ms  {rows:7,d} rows")

        if args.million:
            million, cpu_m, peak_m = run_child(MILLION, str(corpus), str(Path(tmp) / "million"), "1000000")
            print(f"1M-triple graph ({million['articles']:,} article graphs, {million['triples']:,} "
                  f"triples): {million['wall']:.1f} s wall, {cpu_m:.1f} s CPU, peak memory {peak_m:,.0f} MB "
                  "(includes extracting the 60-article sample)")
            print("  stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in million["seconds"].items()))

        if args.processes:
            sample = texts[: args.process_articles]
            print(f"extraction on {len(sample)} articles, {os.cpu_count()} CPUs:")
            process_speeds(sample, sum(len(t.split()) for t in sample), args.processes)


if __name__ == "__main__":
    main()
