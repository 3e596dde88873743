"""Score the extractor on the shared evaluation sets, seeds and development together.

    python -m kg.evaluate [--shared ../shared] [--local] [--verbose] [--json]

Builds a graph of each article set in a temporary folder (the same ingest, extraction and graph code as
`kg build`) and runs the shared scorer, `eval/score.py`, on it, so anyone can reproduce the figures
quoted in the issues. The scorer is run as a separate program: it judges the Turtle file a user would
export, never Parley's objects.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.extract import extract_articles
from kg.ingest import read_articles
from kg.store import merged_view, write_turtle

SETS = ("seeds", "dev")
# Parley's own evaluation sets: invented articles with gold made the same way (eval/README.md)
LOCAL = Path(__file__).resolve().parent.parent / "eval"


def build_set(corpus: Path, target: Path) -> Path:
    """Extract every article of `corpus` into `target` (Turtle) and return its path."""
    ingested = read_articles([corpus])
    view = merged_view(zip(ingested.articles, extract_articles(ingested.articles), strict=True))
    with target.open("wb") as handle:
        write_turtle(view.lines(), handle)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared", type=Path, default=Path("../shared"), help="the shared folder (corpus, eval)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every missed and unmatched item")
    parser.add_argument("--json", action="store_true", help="print the scorer's JSON")
    parser.add_argument(
        "--local",
        action="store_true",
        help="also score Parley's own sets in eval/ (articles from other outlets and conflicts)",
    )
    args = parser.parse_args(argv)
    scorer = args.shared / "eval" / "score.py"
    if not scorer.is_file():
        print(f"kg.evaluate: error: no scorer at {scorer} (give --shared)", file=sys.stderr)
        return 2
    sets = [(name, args.shared / "corpus" / name, args.shared / "eval" / "gold" / name) for name in SETS]
    if args.local and not LOCAL.is_dir():
        print(f"kg.evaluate: error: no evaluation sets at {LOCAL} (run from a checkout)", file=sys.stderr)
        return 2
    if args.local:
        sets += [(d.name, d / "corpus", d / "gold") for d in sorted(LOCAL.iterdir()) if (d / "gold").is_dir()]
    status = 0
    with tempfile.TemporaryDirectory(prefix="parley-eval-") as tmp:
        for name, corpus, gold in sets:
            graph = build_set(corpus, Path(tmp) / f"{name}.ttl")
            print(f"== {name}: {corpus}", flush=True)
            command = [sys.executable, str(scorer), "--graph", str(graph), "--gold", str(gold)]
            command += ["--verbose"] * args.verbose + ["--json"] * args.json
            status = max(status, subprocess.run(command, check=False).returncode)
            print(flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
