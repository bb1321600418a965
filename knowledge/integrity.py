"""Telling a damaged local index from a healthy one, before chromadb trips over it.

The index folder is a cache of the guidelines, so damage is repaired by rebuilding; what
matters is noticing it early and reliably, including damage chromadb would only report on a
later query (a truncated database file) or as a Rust panic.
"""

from __future__ import annotations

from pathlib import Path

_SQLITE_MAGIC = b"SQLite format 3\x00"


def sqlite_problem(path: Path) -> str | None:
    """Why ``path`` is not a whole SQLite file, or None when its header and size agree.

    chromadb opens a damaged file lazily and may only fail on a later query; reading the
    header (magic string, page size, page count) catches garbage and truncation up front.
    """
    size = path.stat().st_size
    if size < 100:
        return f"{path.name} is only {size} bytes"
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(_SQLITE_MAGIC):
        return f"{path.name} is not a SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    pages_valid = header[24:28] == header[92:96]
    if pages_valid and pages and size < page_size * pages:
        return f"{path.name} is truncated ({size} of {page_size * pages} bytes)"
    return None


def is_recoverable(exc: BaseException) -> bool:
    """Ordinary errors and chromadb's Rust panics (``PanicException`` is a BaseException)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"
