"""The chromadb index of the guidelines: built once, reused while the corpus is unchanged.

The stored collection carries the corpus fingerprint (a content hash, see
:func:`knowledge.corpus.corpus_fingerprint`); a different fingerprint means the guidelines
changed and the collection is rebuilt. The fingerprint is written only after every chunk is
added, so a build that died halfway is never mistaken for a finished one.

A damaged index folder (garbage or a truncated ``chroma.sqlite3``) must never stop the studio:
the guidelines are the source of truth, so the folder is deleted and rebuilt, with one clear log
line saying why. ``CHROMA_HOST``/``CHROMA_PORT`` switch to a chromadb server for deployments;
a remote index is never deleted, only its collection is rebuilt.
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

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings
from chromadb.errors import NotFoundError

from film.paths import data_dir
from knowledge.corpus import (
    GUIDELINES_DIR,
    Chunk,
    corpus_fingerprint,
    load_chunks,
    quick_signature,
)
from knowledge.embeddings import DIMENSIONS, MODEL_ID, MiniLMEmbeddingFunction, get_encoder
from knowledge.integrity import is_recoverable, sqlite_problem
from knowledge.lexical import BM25

COLLECTION = "microfilm-guidelines"
SQLITE_NAME = "chroma.sqlite3"
_ADD_BATCH = 64

Log = Callable[[str], Any]
T = TypeVar("T")
logger = logging.getLogger("knowledge")


class IndexUnavailable(RuntimeError):
    """The configured chromadb server cannot be used; the message says which and why."""


class _CorruptIndex(RuntimeError):
    """The local index folder cannot be trusted and will be rebuilt."""


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


def _embedding_function() -> Any:
    """Our embedding function, typed loosely: chromadb's generic signature is narrower."""
    return MiniLMEmbeddingFunction()


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
                reason = self._staleness(client, fingerprint, chunks)
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
                collection = self._build(client, chunks, fingerprint)
            else:
                collection = self._collection(client)
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
            key = str(self.index_dir)
            system = SharedSystemClient._identifier_to_system.pop(key, None)
            SharedSystemClient._identifier_to_refcount.pop(key, None)
            if system is not None:
                with contextlib.suppress(Exception):
                    system.stop()

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
        settings = Settings(anonymized_telemetry=False)
        if self.host:
            self._client = chromadb.HttpClient(host=self.host, port=self.port, settings=settings)
            return self._client
        sqlite = self.index_dir / SQLITE_NAME
        if sqlite.exists() and (problem := sqlite_problem(sqlite)):
            raise _CorruptIndex(problem)
        if self.index_dir.exists() and not sqlite.exists() and any(self.index_dir.iterdir()):
            raise _CorruptIndex(f"{SQLITE_NAME} is missing but the folder is not empty")
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self._client = chromadb.PersistentClient(path=str(self.index_dir), settings=settings)
        return self._client

    def _collection(self, client: ClientAPI) -> Collection:
        return client.get_collection(COLLECTION, embedding_function=_embedding_function())

    def _staleness(self, client: ClientAPI, fingerprint: str, chunks: list[Chunk]) -> str | None:
        """Why the stored collection cannot be reused, or None when it can."""
        try:
            collection = self._collection(client)
        except NotFoundError:
            return "new index"
        if (collection.metadata or {}).get("fingerprint") != fingerprint:
            return "the guidelines changed"
        if collection.count() != len(chunks):
            return "the stored index is incomplete"
        probe = np.eye(1, DIMENSIONS, dtype=np.float32)  # any unit vector: proves vectors load
        found = collection.query(query_embeddings=probe, n_results=1, include=[])
        if (
            not found["ids"]
            or not found["ids"][0]
            or found["ids"][0][0] not in {c.id for c in chunks}
        ):
            raise _CorruptIndex("a probe query returned no known passage")
        return None

    def _build(self, client: ClientAPI, chunks: list[Chunk], fingerprint: str) -> Collection:
        with contextlib.suppress(NotFoundError, ValueError):
            client.delete_collection(COLLECTION)
        collection = client.create_collection(
            COLLECTION,
            embedding_function=_embedding_function(),
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"fingerprint": "building", "model": MODEL_ID},
        )
        vectors = get_encoder().encode_cached([c.embedding_text() for c in chunks])
        for start in range(0, len(chunks), _ADD_BATCH):
            batch = chunks[start : start + _ADD_BATCH]
            collection.add(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],  # type: ignore[misc]
                embeddings=vectors[start : start + len(batch)],
            )
        collection.modify(metadata={"fingerprint": fingerprint, "model": MODEL_ID})
        return collection

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
