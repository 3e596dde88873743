"""Read news articles from .txt, .html and .jsonl files into `Article` records.

Ingest never raises on a bad file: every file or line it cannot use becomes a `Problem` (file, line,
reason) and the rest is read. The caller decides what to do when nothing at all could be read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.metadata import dateline_metadata

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_BYTES = 2_000_000  # a news article is a few kB; anything this large is not one
JSONL_FIELDS = ("id", "title", "url", "date", "outlet")


@dataclass(frozen=True)
class Article:
    """One news article: its text (offsets in the graph point into it) and what is known about it."""

    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Problem:
    """Why a file, or one line of it, was not read."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass
class Ingested:
    """What `read_articles` found: the articles in order, and the problems."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_articles(paths: Iterable[Path | str]) -> Ingested:
    """Read every article under `paths` (files or folders, folders searched recursively, in name order).

    An article's id is its file stem, or the `id` of a jsonl record; a second article with an id
    already seen is reported and skipped.
    """
    result = Ingested()
    first_seen: dict[str, str] = {}
    for path in _files(paths, result.problems):
        for item in _read_file(path):
            if isinstance(item, Problem):
                result.problems.append(item)
            elif item.id in first_seen:
                result.problems.append(
                    Problem(item.source, f"duplicate article id '{item.id}' (first read from {first_seen[item.id]})")
                )
            else:
                first_seen[item.id] = item.source
                result.articles.append(item)
    return result


def _files(paths: Iterable[Path | str], problems: list[Problem]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                problems.append(Problem(str(path), f"unsupported file type '{path.suffix}' (use {', '.join(SUFFIXES)})"))
        elif path.exists():
            problems.append(Problem(str(path), "not a regular file"))
        else:
            problems.append(Problem(str(path), "no such file or folder"))


def _read_file(path: Path) -> Iterator[Article | Problem]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Problem(source, f"too large for a news article ({size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
            return
        data = path.read_bytes()
    except OSError as err:
        yield Problem(source, f"cannot read: {err.strerror or err}")
        return
    text = _decode(data, source)
    if isinstance(text, Problem):
        yield text
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(text, source, path.stem)
    elif suffix in (".html", ".htm"):
        yield _read_html(text, source, path.stem)
    else:
        yield _article(path.stem, text, source)


def _decode(data: bytes, source: str) -> str | Problem:
    if not data.strip():
        return Problem(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            return Problem(source, "not valid UTF-16 text despite its byte-order mark")
    if b"\x00" in data[:8192]:
        return Problem(source, "binary file (contains NUL bytes), not text")
    try:
        return _normalise_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return Problem(source, f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}); save it as UTF-8")


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _article(article_id: str, text: str, source: str, **known: str | None) -> Article | Problem:
    """An Article from its text; the title defaults to the first non-empty line, the date and outlet
    to what the dateline says."""
    if not text.strip():
        return Problem(source, "no article text")
    found = dateline_metadata(text)
    title = known.get("title") or _first_line(text)
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=title,
        date=known.get("date") or found.date,
        outlet=known.get("outlet") or found.outlet,
        url=known.get("url"),
    )


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _read_html(html: str, source: str, stem: str) -> Article | Problem:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        return Problem(source, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    body = _normalise_newlines(text)
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return _article(
        stem,
        body,
        source,
        title=title,
        date=meta.date if meta else None,
        outlet=meta.sitename if meta else None,
        url=meta.url if meta else None,
    )


def _read_jsonl(text: str, source: str, stem: str) -> Iterator[Article | Problem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as err:
            yield Problem(source, f"malformed JSON ({err.msg} at column {err.colno})", line=number)
            continue
        if not isinstance(record, dict):
            yield Problem(source, "a line must be a JSON object", line=number)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Problem(source, "missing or empty 'text'", line=number)
            continue
        bad = [k for k in JSONL_FIELDS if k in record and not isinstance(record[k], str | int)]
        if bad:
            yield Problem(source, f"field '{bad[0]}' must be a string", line=number)
            continue
        article_id = _clean_id(str(record.get("id") or f"{stem}-{number}"))
        if not article_id:
            yield Problem(source, "'id' has no usable characters", line=number)
            continue
        known = {k: str(record[k]) for k in ("title", "url", "date", "outlet") if record.get(k)}
        item = _article(article_id, _normalise_newlines(body), f"{source}:{number}", **known)
        yield Problem(source, item.reason, line=number) if isinstance(item, Problem) else item


def _clean_id(raw: str) -> str:
    return re.sub(r"\s+", "_", raw.strip())
