"""Knowledge: the studio's own genre and form guidelines, retrieved offline with chromadb.

The agent grounds its drafting in these guidelines and cites them to the user, so retrieval
must work on a machine with no network and answer Chinese questions as well as English ones.
Public API (contract in docs/ARCHITECTURE.md): :func:`search_guidelines`, :class:`Passage`,
:func:`ensure_index`, :class:`IndexStats`; the LangChain tool lives in :mod:`knowledge.tool`.

The names are loaded on first use (PEP 562): importing chromadb and onnxruntime takes seconds,
and many callers (tests that replace ``search_guidelines``, the CLI's ``--help``) never search.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.index import IndexStats, IndexUnavailable, ensure_index
    from knowledge.search import Passage, search_guidelines

__all__ = ["IndexStats", "IndexUnavailable", "Passage", "ensure_index", "search_guidelines"]

_HOMES = {
    "IndexStats": "knowledge.index",
    "IndexUnavailable": "knowledge.index",
    "ensure_index": "knowledge.index",
    "Passage": "knowledge.search",
    "search_guidelines": "knowledge.search",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, then keep them as ordinary module attributes."""
    if name not in _HOMES:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
