"""Deterministic keys: slugs for IRIs and short content hashes."""

import hashlib
import re
import unicodedata


def slug(text: str) -> str:
    """A lowercase ASCII key for an IRI: "Sami Abu Zuhri" -> "sami-abu-zuhri"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def digest(*parts: str) -> str:
    """A short stable hash of the parts (16 hex digits)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
