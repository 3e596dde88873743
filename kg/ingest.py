"""Read news articles from .txt, .html and .jsonl files into `Article` records.

Ingest never raises on a bad file: every file or line it cannot use becomes a `Problem` (file, line,
reason) and the rest is read. The caller decides what to do when nothing at all could be read.

Hostile input is bounded: a .txt or .html file, or one line of a .jsonl file, larger than `MAX_BYTES`
is refused without being read whole (a .jsonl file is read line by line, so it may be any size), and
so is an article text longer than `MAX_CHARS` (the extractor's limit). Text is kept as text: lone
surrogates (from JSON escapes or undecodable file names) become U+FFFD, so every string Parley writes
can be encoded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.metadata import dateline_metadata

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_BYTES = 2_000_000  # a news article is a few kB; anything this large is not one
MAX_CHARS = 1_000_000  # and its text at most this long: spaCy's own limit (Language.max_length)
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
        for item in _read_file_safely(path):
            if isinstance(item, Problem):
                result.problems.append(item)
            elif item.id in first_seen:
                reason = f"duplicate article id '{item.id}' (first read from {first_seen[item.id]})"
                result.problems.append(Problem(item.source, reason))
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
                reason = f"unsupported file type '{path.suffix}' (use {', '.join(SUFFIXES)})"
                problems.append(Problem(_text(str(path)), reason))
        elif path.exists():
            problems.append(Problem(_text(str(path)), "not a regular file"))
        else:
            problems.append(Problem(_text(str(path)), "no such file or folder"))


def _read_file_safely(path: Path) -> Iterator[Article | Problem]:
    """`_read_file`, with any unforeseen error turned into a Problem for that file: one bad file must
    never stop a build (the error's type is named so that it can be reported and fixed)."""
    try:
        yield from _read_file(path)
    except Exception as err:  # noqa: BLE001 - a bug in a reader must cost one file, not the build
        yield Problem(_text(str(path)), f"cannot read ({type(err).__name__}: {_one_line(str(err))})")


def _read_file(path: Path) -> Iterator[Article | Problem]:
    source = _text(str(path))
    stem = _text(path.stem)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, source, stem)
            return
        size = path.stat().st_size
        if size <= MAX_BYTES:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)  # never more, even if the file grew since
            size = max(size, len(data))
    except OSError as err:
        yield Problem(source, f"cannot read: {err.strerror or err}")
        return
    if size > MAX_BYTES:
        limit = f"{MAX_BYTES / 1e6:.0f} MB"
        yield Problem(source, f"too large for a news article ({size / 1e6:.1f} MB; the limit is {limit})")
        return
    text = _decode(data, source)
    if isinstance(text, Problem):
        yield text
    elif suffix in (".html", ".htm"):
        yield _read_html(text, source, stem)
    else:
        yield _article(stem, text, source)


def _decode(data: bytes, source: str) -> str | Problem:
    if not data.strip():
        return Problem(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            return Problem(source, "not valid UTF-16 text despite its byte-order mark")
    if b"\x00" in data[:8192]:
        if _looks_like_utf16(data[:8192]):
            return Problem(source, "UTF-16 text without a byte-order mark; save it as UTF-8")
        return Problem(source, "binary file (contains NUL bytes), not text")
    try:
        return _normalise_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        byte = f"byte 0x{data[err.start]:02x} at offset {err.start}"
        return Problem(source, f"not UTF-8 text ({byte}); save it as UTF-8")


def _looks_like_utf16(head: bytes) -> bool:
    """Whether every other byte is NUL, as in UTF-16 text of mostly ASCII characters."""
    evens, odds = head[0::2], head[1::2]
    return max(evens.count(0), odds.count(0)) > 0.9 * len(odds) and min(evens.count(0), odds.count(0)) == 0


def _normalise_newlines(text: str) -> str:
    return _text(text).replace("\r\n", "\n").replace("\r", "\n")


_SURROGATES = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    """`value` with lone surrogates (which no encoder accepts) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)


def _one_line(text: str) -> str:
    return " ".join(_text(text).split())[:200]


def _article(article_id: str, text: str, source: str, **known: str | None) -> Article | Problem:
    """An Article from its text; the title defaults to the first non-empty line, the date and outlet
    to what the dateline says."""
    if not text.strip():
        return Problem(source, "no article text")
    if len(text) > MAX_CHARS:
        limit = f"the limit is {MAX_CHARS:,}"
        return Problem(source, f"too long for a news article ({len(text):,} characters; {limit})")
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

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        meta = trafilatura.extract_metadata(html) if text and text.strip() else None
    except Exception as err:  # noqa: BLE001 - lxml and trafilatura raise many types on broken pages
        return Problem(source, f"cannot parse the HTML page ({type(err).__name__}: {_one_line(str(err))})")
    if not text or not text.strip():
        return Problem(source, "no article text found in the HTML page")
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


def _read_jsonl(handle: BinaryIO, source: str, stem: str) -> Iterator[Article | Problem]:
    """One article per line of a .jsonl file, read line by line so that the file may be any size and
    no line larger than MAX_BYTES is held in memory."""
    seen_text = False
    for number, line in enumerate(_lines(handle), start=1):
        if line is None:
            yield Problem(
                source,
                f"line too long for a news article (the limit is {MAX_BYTES / 1e6:.0f} MB)",
                line=number,
            )
            seen_text = True
            continue
        if number == 1 and line.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield Problem(source, "UTF-16 text; a .jsonl file must be UTF-8 (save it as UTF-8)")
            return
        if not line.strip():
            continue
        seen_text = True
        try:
            decoded = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            yield Problem(
                source,
                f"not UTF-8 text (byte 0x{line[err.start]:02x} at column {err.start + 1}); save it as UTF-8",
                line=number,
            )
            continue
        yield _jsonl_record(decoded, source, stem, number)
    if not seen_text:
        yield Problem(source, "empty file")


def _lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a binary file (without line ends); None for a line longer than MAX_BYTES, which is
    skipped without being read into memory."""
    while True:
        line = handle.readline(MAX_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line.rstrip(b"\r\n")


def _jsonl_record(line: str, source: str, stem: str, number: int) -> Article | Problem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        what = err.msg.removesuffix(" at")  # "Unterminated string starting at"
        return Problem(source, f"malformed JSON ({what} at column {err.colno})", line=number)
    except (ValueError, RecursionError) as err:  # a number too long, or nesting too deep
        return Problem(source, f"malformed JSON ({type(err).__name__}: {_one_line(str(err))})", line=number)
    if not isinstance(record, dict):
        return Problem(source, "a line must be a JSON object", line=number)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return Problem(source, "missing or empty 'text'", line=number)
    bad = [k for k in JSONL_FIELDS if k in record and not isinstance(record[k], str | int)]
    if bad:
        return Problem(source, f"field '{bad[0]}' must be a string", line=number)
    article_id = _clean_id(_text(str(record.get("id") or f"{stem}-{number}")))
    if not article_id:
        return Problem(source, "'id' has no usable characters", line=number)
    known = {k: _text(str(record[k])) for k in ("title", "url", "date", "outlet") if record.get(k)}
    item = _article(article_id, _normalise_newlines(body), f"{source}:{number}", **known)
    return Problem(source, item.reason, line=number) if isinstance(item, Problem) else item


def _clean_id(raw: str) -> str:
    return re.sub(r"\s+", "_", raw.strip())
