"""The language layer: a blank English spaCy pipeline with the project's own base components.

No trained model can be downloaded here, so everything starts from `spacy.blank("en")`:

- the tokenizer keeps hyphenated words whole ("cease-fire", "six-week", "al-Burhan"), which is how
  names and condition cues are written in news;
- `parley_sentences` starts a sentence at every line break and after sentence-final punctuation;
- `parley_norm` sets each token's NORM to its lowercase lemma (spaCy's lookup tables), so rules match
  "demanded", "demands" and "Demanding" alike;
- `parley_boilerplate` marks lines that are page furniture (advertisements, "Also Read:" headlines,
  photo captions, bylines) so no fact is drawn from them.

Extraction components are added on top by `kg.extract.pipeline`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

from kg.metadata import strip_dateline

RULES = Path(__file__).resolve().parent / "rules"
SENTENCE_END = {".", "!", "?"}
MAX_CAPTION = 400  # longer lines are article prose, not captions, credits or headlines
CLOSERS = {'"', "”", "’", "'", ")", "]"}
OPENERS = {'"', "“", "‘", "'", "("}
KEEP_NORM = {"'s", "’s", "'", "’", "us", "as", "aid", "data", "media"}


@dataclass
class TokenTable:
    """A Doc's tokens as plain lists, made once per Doc so that rules scan strings, not Token objects
    (creating Token objects was most of the rules' time)."""

    text: list[str]
    lower: list[str]
    source: str = ""  # the Doc's text (Doc.text joins every token on each call)
    norm: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)
    space: list[bool] = field(default_factory=list)
    newline: list[bool] = field(default_factory=list)  # a line break in or right after the token
    boiler: list[bool] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)

    def token_at(self, offset: int) -> int:
        """The token holding character `offset` of the source (or the space after it)."""
        return bisect_right(self.idx, offset) - 1

    def span_text(self, start: int, end: int) -> str:
        """The article's text of tokens [start, end): what `doc[start:end].text` gives (an end past the
        Doc is cut to it), without making the Span and its Tokens."""
        end = min(end, len(self.text))
        if end <= start:
            return ""
        return self.source[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


def table(doc: Doc) -> TokenTable:
    """The token table of a Doc processed by the Parley pipeline."""
    return doc.user_data["parley_table"]


if not Token.has_extension("boilerplate"):
    Token.set_extension("boilerplate", getter=lambda token: table(token.doc).boiler[token.i])


@cache
def cues() -> dict:
    """The word lists of kg/rules/cues.json."""
    return json.loads((RULES / "cues.json").read_text(encoding="utf-8"))


def blank_english() -> Language:
    """spacy.blank("en") whose tokenizer does not split words at hyphens."""
    nlp = spacy.blank("en")
    infixes = [p for p in nlp.Defaults.infixes if "-|–|—" not in p and "[:<>=/]" not in p]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def make_base_pipeline() -> Language:
    """The language layer alone: tokenizer, sentences, lemma norms and boilerplate marks."""
    nlp = blank_english()
    nlp.add_pipe("parley_sentences")
    nlp.add_pipe("parley_norm")
    nlp.add_pipe("parley_boilerplate")
    return nlp


@Language.component("parley_sentences")
def parley_sentences(doc: Doc) -> Doc:
    """Make the token table, then sentence starts: after a line break, and after . ! ? (and any
    closing quotes) before a word that can start a sentence."""
    tokens = _token_table(doc)
    starts = _sentence_starts(tokens)
    tokens.sent_starts = starts
    marks = numpy.full((len(doc), 1), -1, dtype="int64")
    marks[starts, 0] = 1
    if len(doc):
        doc.from_array([SENT_START], marks.astype("uint64"))
    doc.user_data["parley_table"] = tokens
    return doc


def _token_table(doc: Doc) -> TokenTable:
    """The token table of a Doc fresh from the tokenizer (norms and boilerplate marks come later).

    One `to_array` call and plain string operations: Doc.text and Token attributes would make a Token
    object per token. The lexical attributes are spaCy's own definitions: LOWER is `str.lower`."""
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, IDX, IS_SPACE, SPACY])
    text = [strings[h] for h in array[:, 0].tolist()]
    idx = array[:, 1].tolist()
    space = array[:, 2].astype(bool).tolist()
    source = "".join(
        [
            word + " " if blank_after else word
            for word, blank_after in zip(text, array[:, 3].tolist(), strict=True)
        ]
    )
    return TokenTable(
        text,
        [word.lower() for word in text],
        source=source,
        idx=idx,
        space=space,
        newline=_line_breaks(source, text, idx, space),
        boiler=[False] * len(text),
    )


def _line_breaks(source: str, text: list[str], idx: list[int], space: list[bool]) -> list[bool]:
    """For each token, whether a line break is in it (a whitespace token) or right after it (another
    token). Found from the few line breaks of the text rather than by testing every token."""
    marks = [False] * len(text)
    at = source.find("\n")
    while at != -1:
        k = bisect_right(idx, at) - 1  # the token holding the line break
        if k >= 0 and space[k] and at < idx[k] + len(text[k]):
            marks[k] = True
        k = bisect_right(idx, at - 1) - 1  # the token just before it
        if k >= 0 and not space[k] and idx[k] + len(text[k]) == at:
            marks[k] = True
        at = source.find("\n", at + 1)
    return marks


def _sentence_starts(tokens: TokenTable) -> list[int]:
    """The first token of each sentence: the first token, every token after a line break, and the
    token that opens a sentence after sentence-final punctuation."""
    text, newline = tokens.text, tokens.newline
    starts = {i + 1 for i, line_break in enumerate(newline[:-1]) if line_break}
    if text:
        starts.add(0)
    for end in [i for i, word in enumerate(text) if word in SENTENCE_END]:
        opener = _opener_after(tokens, end)
        if opener is not None:
            starts.add(opener)
    return sorted(starts)


def _opener_after(tokens: TokenTable, end: int) -> int | None:
    """The token that starts a sentence after the . ! or ? at `end`, past closing quotes and brackets:
    a word in capitals, a number, an opening quote or bracket (a straight quote only after a space)."""
    text, space, newline = tokens.text, tokens.space, tokens.newline
    for i in range(end + 1, len(text)):
        word = text[i]
        if newline[i - 1] or space[i] or word in SENTENCE_END:
            # a line break starts a sentence anyway; other whitespace ("ends.  Then") opens none;
            # another . ! ? has its own search
            return None
        if word == '"' and tokens.source[tokens.idx[i] - 1 : tokens.idx[i]].isspace():
            return i  # ... conference. "Now they must ...": a straight quote after a space opens
        if word not in CLOSERS:
            first = word[:1]
            return i if first.isupper() or first.isdigit() or word in OPENERS else None
    return None


@Language.factory("parley_norm")
def make_norm(nlp: Language, name: str) -> ParleyNorm:
    return ParleyNorm()


class ParleyNorm:
    """Set NORM to the lowercase lemma from spaCy's English lookup table (spacy-lookups-data)."""

    def __init__(self) -> None:
        from spacy.lookups import load_lookups

        self.table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        self.cache: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        get = self.cache.get
        norms = []
        for lower in table(doc).lower:
            norm = get(lower)
            if norm is None:
                norm = lower if lower in KEEP_NORM else self.table.get(lower, lower).lower()
                self.cache[lower] = norm
            norms.append(norm)
        tokens = table(doc)
        tokens.norm = norms
        if norms:
            add = doc.vocab.strings.add
            hashes = numpy.array([add(n) for n in norms], dtype="uint64").reshape(-1, 1)
            doc.from_array([NORM], hashes)
        return doc


@Language.factory("parley_boilerplate")
def make_boilerplate(nlp: Language, name: str) -> BoilerplateMarker:
    return BoilerplateMarker(cues()["boilerplate_lines"], cues()["list_headers"])


class BoilerplateMarker:
    """Mark every token of a boilerplate line (`Token._.boilerplate`).

    A line is boilerplate when it matches one of the patterns, when it is a short heading in capitals
    ("POWER STRUGGLE"), or when it follows a list header ("Related", "Read also:") before the next
    blank line: those are headlines of other stories.
    """

    def __init__(self, patterns: list[str], list_headers: list[str]) -> None:
        # Patterns anchored at the start of a line are tried there only; the others (captions, credits)
        # are searched in lines short enough to be one. Both read the lowercased line.
        anchored = [p for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self.starts = re.compile("|".join(f"(?:{p})" for p in anchored))
        self.anywhere = re.compile("|".join(f"(?:{p})" for p in floating))
        self.headers = re.compile("|".join(f"(?:{p})" for p in list_headers))

    def _matches(self, line: str) -> bool:
        lowered = line.lower()
        return bool(self.starts.match(lowered) or (len(line) < MAX_CAPTION and self.anywhere.search(lowered)))

    def boilerplate_lines(self, text: str) -> list[tuple[int, int]]:
        spans, offset, in_list = [], 0, False
        for line in text.split("\n"):
            start, stripped = offset, line.strip()
            offset += len(line) + 1
            if not stripped:
                in_list = False
                continue
            if self.headers.match(stripped.lower()):
                in_list = True
                spans.append((start, start + len(line)))
            elif in_list or self._matches(stripped) or _is_heading(stripped) or _is_title_case(stripped):
                spans.append((start, start + len(line)))
            elif dateline := strip_dateline(line):
                spans.append((start, start + dateline))  # "JEDDAH, May 21 (Reuters) - " before the lead
        return spans

    def __call__(self, doc: Doc) -> Doc:
        spans = self.boilerplate_lines(table(doc).source)
        if not spans:
            return doc
        tokens = table(doc)
        index = 0
        for i, offset in enumerate(tokens.idx):
            while index < len(spans) and spans[index][1] <= offset:
                index += 1
            if index < len(spans) and spans[index][0] <= offset < spans[index][1]:
                tokens.boiler[i] = True
        return doc


def _is_title_case(line: str) -> bool:
    """A headline in title case ("Hamas Reports No Progress in Talks"): most words capitalised and no
    sentence punctuation at the end. Headlines of this and other stories give no facts."""
    if len(line) > MAX_CAPTION or line[-1] in '.!?"”:':
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised / len(words) >= 0.7


def _is_heading(line: str) -> bool:
    """A short line in capitals with no sentence punctuation: a section heading, not a sentence."""
    if len(line) >= 60 or line[-1] in '.!?"”':
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
