"""Faults: a build killed with SIGKILL at any moment leaves the previous graph.ttl and store whole and
readable, and the next build gives the graph of an uninterrupted one; two builds at once on the same
output folder do not corrupt it, the second is refused with a clear message.

Builds run in child processes on synthetic articles (bench/make_corpus.py). Some children kill
themselves at a chosen point (a function of kg.store replaced by one that sends SIGKILL), others are
killed from outside after a delay.
"""

from __future__ import annotations

import fcntl
import importlib.util
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

KILL_SELF = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
HOOKS = {
    # while writing the new store, after the merged view is computed
    "store": f"""
import kg.store
def add_lines(self, lines):
    {KILL_SELF}
kg.store.Store.add_lines = add_lines
""",
    # half-way through writing the new graph.ttl
    "turtle": f"""
import kg.store
def write_turtle(view, handle):
    handle.write(b"@prefix actor: <https://w3id.org/parley/id/actor/> .\\nactor:x actor:y ")
    {KILL_SELF}
kg.store.write_turtle = write_turtle
""",
    # after the new store is published, before the new graph.ttl is renamed over the old one
    "between-renames": f"""
import os, kg.store
_replace = os.replace
def replace(src, dst):
    if str(dst).endswith("graph.ttl"):
        {KILL_SELF}
    return _replace(src, dst)
kg.store.os.replace = replace
""",
    # a slow extractor, to hold the lock for a while
    "slow": """
import time, kg.build
_extract = kg.build.extract_articles
def extract_articles(articles):
    time.sleep(1.5)
    return _extract(articles)
kg.build.extract_articles = extract_articles
""",
}


def child(hook: str | None, *args: str) -> subprocess.Popen:
    """`kg ARGS` in a new process, with one of the HOOKS installed first."""
    code = (HOOKS[hook] if hook else "") + "\nfrom kg.cli import main\nmain()\n"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run(hook: str | None, *args: str) -> subprocess.CompletedProcess:
    process = child(hook, *args)
    stdout, stderr = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def store_triples(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {str(ox.Triple(q.subject, q.predicate, q.object))
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def turtle_triples(out: Path) -> set[str]:
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two folders of synthetic articles, the graph of the first (`before`) and of both (`after`)."""
    root = tmp_path_factory.mktemp("faults")
    first = root / "first"
    make_corpus.write_corpus(first, 12, words=300, seed=3)
    second = root / "second"
    make_corpus.write_corpus(second, 24, words=300, seed=4, start=12)
    before, after = root / "before", root / "after"
    assert run(None, "build", str(first), "-o", str(before), "-q").returncode == 0
    shutil.copytree(before, after, symlinks=True)
    assert run(None, "build", str(first), str(second), "-o", str(after), "-q").returncode == 0
    return {"first": first, "second": second, "before": before, "after": after}


def start_from_before(corpus: dict[str, Path], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(corpus["before"], out, symlinks=True)
    return out


def assert_whole(out: Path, corpus: dict[str, Path]) -> str:
    """The folder shows a whole graph: graph.ttl and the store each are the old or the new graph, both
    readable. Returns which graph.ttl is."""
    old, new = (corpus[k] / "graph.ttl" for k in ("before", "after"))
    written = (out / "graph.ttl").read_bytes()
    assert written in (old.read_bytes(), new.read_bytes())
    assert store_triples(out) in (store_triples(corpus["before"]), store_triples(corpus["after"]))
    return "old" if written == old.read_bytes() else "new"


def finish_and_compare(out: Path, corpus: dict[str, Path]) -> None:
    done = run(None, "build", str(corpus["first"]), str(corpus["second"]), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    assert (out / "graph.ttl").read_bytes() == (corpus["after"] / "graph.ttl").read_bytes()
    assert store_triples(out) == store_triples(corpus["after"]) == turtle_triples(out)
    generations = sorted(p.name for p in (out / ".store").iterdir())
    assert len(generations) <= 2 and not list(out.glob(".*.tmp"))


@pytest.mark.slow
@pytest.mark.parametrize("point", ["store", "turtle", "between-renames"])
def test_a_build_killed_at_a_chosen_point_leaves_a_whole_graph_and_the_next_completes(
    point: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    out = start_from_before(corpus, tmp_path)
    killed = run(point, "build", str(corpus["first"]), str(corpus["second"]), "-o", str(out), "-q")
    assert killed.returncode == -signal.SIGKILL
    shown = assert_whole(out, corpus)
    assert shown == "old"
    if point == "between-renames":  # the new store was published: graph.ttl is repaired by the next build
        assert store_triples(out) == store_triples(corpus["after"])
    else:
        assert store_triples(out) == turtle_triples(out)
    finish_and_compare(out, corpus)


@pytest.mark.slow
def test_a_build_killed_from_outside_at_any_moment_leaves_a_whole_graph(corpus: dict[str, Path],
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "timing"
    shutil.copytree(corpus["before"], out, symlinks=True)
    both = (str(corpus["first"]), str(corpus["second"]))
    start = time.monotonic()
    assert run(None, "build", *both, "-o", str(out), "-q").returncode == 0
    duration = time.monotonic() - start
    for fraction in (0.2, 0.5, 0.75, 0.9, 0.97):
        out = start_from_before(corpus, tmp_path / f"at-{fraction}")
        process = child(None, "build", *both, "-o", str(out), "-q")
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        assert_whole(out, corpus)
        finish_and_compare(out, corpus)


def lock_is_held(out: Path) -> bool:
    with (out / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@pytest.mark.slow
def test_a_second_build_on_the_same_folder_is_refused_and_the_first_completes(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    out = start_from_before(corpus, tmp_path)
    first = child("slow", "build", str(corpus["first"]), str(corpus["second"]), "-o", str(out), "-q")
    deadline = time.monotonic() + 120
    while not lock_is_held(out):
        assert first.poll() is None and time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.05)
    again = (["build", str(corpus["first"]), "-o", str(out)], ["remove", "synthetic-00001", "-o", str(out)])
    for args in again:
        second = CliRunner().invoke(main, args)
        assert second.exit_code == 2
        assert second.stderr.splitlines() == [
            f"kg: error: {out}: another `kg build` or `kg remove` is changing this folder; "
            "run again when it has finished"]
    assert first.wait(timeout=600) == 0, first.stderr.read()
    assert (out / "graph.ttl").read_bytes() == (corpus["after"] / "graph.ttl").read_bytes()
    assert store_triples(out) == store_triples(corpus["after"])


def test_readers_keep_the_graph_they_opened_while_a_build_writes_anew(corpus: dict[str, Path],
                                                                      tmp_path: Path) -> None:
    """A store opened before a build keeps answering from the graph it was opened on."""
    out = start_from_before(corpus, tmp_path)
    reader = ox.Store.read_only(str(out / "store"))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = next(iter(reader.query(count)))["n"].value
    assert run(None, "build", str(corpus["second"]), "-o", str(out), "-q").returncode == 0
    assert next(iter(reader.query(count)))["n"].value == before
    assert store_triples(out) == store_triples(corpus["after"])
