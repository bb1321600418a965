"""The chromadb index of the guidelines: built once, reused while the corpus is unchanged.

The stored collection carries the corpus fingerprint (a content hash, see
:func:`knowledge.corpus.corpus_fingerprint`); a different fingerprint means the guidelines
changed and the collection is rebuilt. The fingerprint is written only after every chunk is
added, so a build that died halfway is never mistaken for a finished one.

A damaged index folder (garbage or a truncated ``chroma.sqlite3``) must never stop the studio:
the guidelines are the source of truth, so the folder is deleted and rebuilt, with one clear log
line saying why. ``CHROMA_HOST``/``CHROMA_PORT`` switch to a chromadb server for deployments;
a remote index is never deleted, only its collection is rebuilt. Talking to chromadb itself
(opening the store, checking and building the collection) is :mod:`knowledge.collection`.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from film.paths import data_dir
from knowledge.collection import (
    SQLITE_NAME,
    build_collection,
    forget_local_store,
    open_client,
    open_collection,
    staleness,
)
from knowledge.corpus import (
    GUIDELINES_DIR,
    Chunk,
    corpus_fingerprint,
    load_chunks,
    quick_signature,
)
from knowledge.embeddings import MODEL_ID
from knowledge.integrity import is_recoverable
from knowledge.lexical import BM25

Log = Callable[[str], Any]
T = TypeVar("T")
logger = logging.getLogger("knowledge")


class IndexUnavailable(RuntimeError):
    """The configured chromadb server cannot be used; the message says which and why."""


@dataclass(frozen=True)
class IndexStats:
    """What :func:`ensure_index` did: reused or built, how long it took, how big it is."""

    seconds: float
    chunks: int
    documents: int
    reused: bool
    location: str
    reason: str


@dataclass
class LoadedIndex:
    """A ready collection plus the in-memory data the hybrid search needs."""

    collection: Collection
    chunks: list[Chunk]
    positions: dict[str, int]
    bm25: BM25
    fingerprint: str
    signature: tuple[Any, ...]


class GuidelineIndex:
    """One corpus folder indexed in one place (a local folder or a chromadb server)."""

    def __init__(self, corpus_dir: Path = GUIDELINES_DIR, index_dir: Path | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = Path(index_dir) if index_dir else data_dir() / "index"
        self.host = os.environ.get("CHROMA_HOST", "").strip() or None
        self.port = self._port() if self.host else 0
        self._client: ClientAPI | None = None
        self._loaded: LoadedIndex | None = None
        self._lock = threading.RLock()

    @property
    def location(self) -> str:
        """Where the index lives, for log lines."""
        return f"http://{self.host}:{self.port}" if self.host else str(self.index_dir)

    def ensure(self, log: Log = print) -> IndexStats:
        """Open the index, verify it, and rebuild it if it is missing, stale or damaged."""
        with self._lock, self._build_lock():
            started = time.perf_counter()
            chunks = load_chunks(self.corpus_dir)
            fingerprint = corpus_fingerprint(self.corpus_dir, model_id=MODEL_ID)
            self.close()
            try:
                client = self._open()
                reason = staleness(client, fingerprint, chunks)
            except BaseException as exc:
                if not is_recoverable(exc):
                    raise
                if self.host:
                    raise IndexUnavailable(
                        f"The chromadb server at {self.location} failed: {exc}"
                    ) from exc
                log(
                    f"Guideline index at {self.location} is corrupted "
                    f"({type(exc).__name__}: {exc}); deleting it and rebuilding."
                )
                self.close(drop_cached_system=True)
                shutil.rmtree(self.index_dir, ignore_errors=True)
                client = self._open()
                reason = "rebuilt after corruption"
            if reason:
                if reason != "rebuilt after corruption":
                    log(f"Indexing {len(chunks)} guideline passages at {self.location} ({reason}).")
                collection = build_collection(client, chunks, fingerprint)
            else:
                collection = open_collection(client)
            self._loaded = LoadedIndex(
                collection=collection,
                chunks=chunks,
                positions={c.id: i for i, c in enumerate(chunks)},
                bm25=BM25([f"{c.title}\n{c.heading}\n{c.text}" for c in chunks]),
                fingerprint=fingerprint,
                signature=self._signature(),
            )
            seconds = time.perf_counter() - started
            documents = len({c.source for c in chunks})
            verb = "Built" if reason else "Reused"
            log(
                f"{verb} the guideline index: {len(chunks)} passages from {documents} documents "
                f"in {seconds:.2f} s."
            )
            return IndexStats(
                seconds=seconds,
                chunks=len(chunks),
                documents=documents,
                reused=not reason,
                location=self.location,
                reason=reason or "reused",
            )

    def loaded(self, log: Log = logger.info) -> LoadedIndex:
        """The ready index; re-verified only when the corpus or the index file changed on disk."""
        with self._lock:
            current = self._loaded
            if current is None or current.signature != self._signature():
                self.ensure(log)
                current = self._loaded
            assert current is not None
            return current

    def close(self, *, drop_cached_system: bool = False) -> None:
        """Release the chromadb client, so the next open reads the files afresh.

        Args:
            drop_cached_system: also discard chromadb's per-path System even if something
                else still references it; used before deleting a corrupted folder, when any
                such holder is broken anyway.
        """
        client, self._client, self._loaded = self._client, None, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()  # type: ignore[attr-defined]
        if drop_cached_system and not self.host:
            forget_local_store(self.index_dir)

    def read(self, use: Callable[[LoadedIndex], T], log: Log = logger.info) -> T:
        """Run ``use`` on the ready index while no rebuild can close it underneath."""
        with self._lock:
            return use(self.loaded(log))

    def _port(self) -> int:
        raw = os.environ.get("CHROMA_PORT", "8000").strip() or "8000"
        if not raw.isdigit() or not 0 < int(raw) < 65536:
            raise IndexUnavailable(f"CHROMA_PORT must be a port number, not {raw!r}.")
        return int(raw)

    def _open(self) -> ClientAPI:
        self._client = open_client(self.index_dir, self.host, self.port)
        return self._client

    def _signature(self) -> tuple[Any, ...]:
        """Cheap on-disk state: corpus names/sizes/mtimes and the SQLite file's identity."""
        corpus = quick_signature(self.corpus_dir)
        if self.host:
            return corpus, None
        try:
            stat = (self.index_dir / SQLITE_NAME).stat()
        except FileNotFoundError:
            return corpus, "missing"
        return corpus, (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        """Serialise builds across processes (the web app and the CLI may start together)."""
        if self.host:
            yield
            return
        lock_path = self.index_dir.parent / f".{self.index_dir.name}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_INDEXES: dict[tuple[str, str], GuidelineIndex] = {}
_INDEXES_LOCK = threading.Lock()


def default_index(corpus_dir: Path | None = None) -> GuidelineIndex:
    """The shared index for the current data folder and server settings (one per process)."""
    corpus = Path(corpus_dir or GUIDELINES_DIR).resolve()
    where = os.environ.get("CHROMA_HOST", "").strip()
    where = f"{where}:{os.environ.get('CHROMA_PORT', '')}" if where else str(data_dir())
    key = (str(corpus), where)
    with _INDEXES_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = GuidelineIndex(corpus)
        return _INDEXES[key]


def close_all() -> None:
    """Close every shared index (tests switching data folders; app shutdown)."""
    with _INDEXES_LOCK:
        indexes = list(_INDEXES.values())
        _INDEXES.clear()
    for index in indexes:
        index.close()


def ensure_index(log: Log = print, *, corpus_dir: Path | None = None) -> IndexStats:
    """Build the guideline index, or reuse it when the guidelines have not changed.

    Called at app start; :func:`knowledge.search_guidelines` calls it lazily too.
    """
    return default_index(corpus_dir).ensure(log)
