"""Date and outlet of an article, read from its dateline and byline.

Wire copy opens with a dateline ("JEDDAH, May 21 (Reuters) - ", "March 7 (UPI) -- "); web pages add
"Updated 9:05 AM GMT+2, July 11, 2025" or "Published On 20 Nov 2024". The first full date wins; a
dateline's month and day without a year is kept as an XSD gMonthDay ("--03-07").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
FULL_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # June 2, 2025
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}\b", re.I),  # 20 Nov 2024
    re.compile(rf"\bIssued on:\s*{_DAY}/(?P<monthnum>[01]?\d)/{_YEAR}", re.I),  # 02/11/2022 (day first)
    re.compile(rf"\b{_YEAR}-(?P<monthnum>[01]\d)-{_DAY}\b"),  # 2024-03-07
]
_YEARS = re.compile(_YEAR.replace("?P<year>", ""))
_REACH = 32  # characters a full date spans on either side of its year, at most ("Issued on: 02/11/")
# "JEDDAH, May 21 (Reuters) - ", "March 7 (UPI) -- ", "ISTANBUL (AP) — ", "Pretoria (AFP) – "
DATELINE = re.compile(
    rf"^(?:[A-Z][\w'./-]*(?: [A-Z][\w'./-]*)*,?\s+)?"  # JEDDAH, / ISTANBUL
    rf"(?:{_MONTH}\s+{_DAY}\s*)?"  # May 21
    rf"\((?P<outlet>[A-Z][\w .&-]{{1,30}})\)\s*(?:--|—|–|-)\s+",  # (Reuters) -
    re.M,
)
SOURCE_LINE = re.compile(r"^Source:\s*(?P<outlet>[A-Z][\w .&-]{1,40}?)(?:\s+and\s+news agencies)?\s*$", re.M)


@dataclass(frozen=True)
class Metadata:
    date: str | None = None
    outlet: str | None = None


def dateline_metadata(text: str) -> Metadata:
    """The article's date (ISO, or gMonthDay when the year is unknown) and outlet, where its text says."""
    head = text[:3000]
    dateline = DATELINE.search(head)
    outlet = dateline.group("outlet").strip() if dateline else None
    if outlet is None:
        source = SOURCE_LINE.search(text)
        if source and source.group("outlet").strip().lower() != "agencies":
            outlet = source.group("outlet").strip()
    date = _full_date(head)
    if date is None and dateline and dateline.group("month"):
        date = f"--{MONTHS[dateline.group('month').lower()]:02d}-{int(dateline.group('day')):02d}"
    return Metadata(date=date, outlet=outlet)


def _full_date(text: str) -> str | None:
    """The first full date of the text. Every form has a year, so the patterns are tried only around
    each year in turn (scanning the whole text with each pattern took a millisecond an article)."""
    for year in _YEARS.finditer(text):
        found = []
        for pattern in FULL_DATES:
            for match in pattern.finditer(text, max(0, year.start() - _REACH), year.end() + _REACH):
                if match.start() > year.start() or match.end() < year.end():
                    continue  # not the date this year belongs to
                parts = match.groupdict()
                month = (
                    int(parts["monthnum"])
                    if parts.get("monthnum")
                    else MONTHS[parts["month"].lower().rstrip(".")]
                )
                day = int(parts["day"])
                if 1 <= month <= 12 and 1 <= day <= 31:
                    found.append((match.start(), f"{parts['year']}-{month:02d}-{day:02d}"))
        if found:
            return min(found)[1]
    return None


def strip_dateline(sentence: str) -> int:
    """How many leading characters of a sentence are a dateline (0 when it has none)."""
    match = DATELINE.match(sentence)
    return match.end() if match else 0
