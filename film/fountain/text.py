"""Small text rules shared by the Fountain writer and reader.

Both sides must agree exactly on what a "clean" line is and how a value that is not clean
gets quoted, or the round trip breaks; keeping the rules in one place makes that agreement
structural rather than a matter of discipline.
"""

from __future__ import annotations

import json
import re
import unicodedata

# Characters that end a line for some reader (Python's splitlines, screenplain, editors).
_BREAK_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
# Fountain note and boneyard markers: raw, they would swallow the text around them.
MARKERS = ("[[", "]]", "/*", "*/")
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)


def is_clean_line(text: str) -> bool:
    """One non-empty line without edge spaces, breaks or Fountain markers: safe to write raw."""
    return (
        bool(text)
        and text == text.strip()
        and not any(unicodedata.category(ch) in _BREAK_CATEGORIES for ch in text)
        and not any(marker in text for marker in MARKERS)
    )


def display(text: str, fallback: str = "…") -> str:
    """A readable one-line stand-in for text that cannot be written raw (the exact note wins)."""
    flat = "".join(" " if unicodedata.category(ch) in _BREAK_CATEGORIES else ch for ch in text)
    while any(marker in flat for marker in MARKERS):  # "/**/" needs two passes
        for marker in MARKERS:
            flat = flat.replace(marker, marker[0])
    flat = " ".join(flat.split())
    return flat or fallback


def to_json(value: str | dict[str, str]) -> str:
    """JSON that cannot close a note, open a boneyard, or break a line in any reader."""
    raw = json.dumps(value, ensure_ascii=False)
    return "".join(
        f"\\u{ord(ch):04x}" if ch in "[]/*" or unicodedata.category(ch) in _BREAK_CATEGORIES else ch
        for ch in raw
    )


def quote(value: str, *, list_item: bool = False) -> str:
    """``value`` as-is when it is a clean line, else as a JSON string.

    Quoted values are recognised by their leading double quote, so a raw value may not
    start with one; list items additionally may not contain ``;`` or ``"`` at all.
    """
    plain = (
        is_clean_line(value)
        and not value.startswith('"')
        and "[" not in value
        and "]" not in value
        and not (list_item and (";" in value or '"' in value))
    )
    return value if plain else to_json(value)


def unquote(raw: str) -> str:
    """Inverse of :func:`quote`; text that merely looks quoted is kept as written."""
    raw = raw.strip()
    if raw.startswith('"'):
        try:
            value = json.loads(raw)
        except ValueError:
            return raw
        if isinstance(value, str):
            return value
    return raw


def quote_list(values: list[str]) -> str:
    """A ``; ``-separated list whose items are quoted when needed."""
    return "; ".join(quote(value, list_item=True) for value in values)


def unquote_list(raw: str) -> list[str]:
    """Split a list written by :func:`quote_list`, honouring quoted items."""
    if not raw.strip():
        return []
    items: list[str] = []
    buffer: list[str] = []
    quoted = escaped = False
    for ch in raw:
        if quoted:
            buffer.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
            buffer.append(ch)
        elif ch == ";":
            items.append("".join(buffer))
            buffer = []
        else:
            buffer.append(ch)
    items.append("".join(buffer))
    return [unquote(item) for item in items]


def strip_inline_notes(text: str) -> str:
    """Remove ``[[notes]]`` embedded in hand-written text (Fountain readers ignore them)."""
    return _NOTE.sub("", text)


def note_fields(note: str) -> dict[str, str] | None:
    """``Key: value`` lines of a note as a dict (keys lower-case), or None for a free note."""
    fields: dict[str, str] = {}
    for line in note.split("\n"):
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key or " " in key:
            return None
        fields.setdefault(key, value.strip())
    return fields or None
