"""The chromadb side of the guideline index: the store, and the collection of passages in it.

chromadb's own API and quirks stay here (a probe query to prove the vectors load, its per-path
client cache), so :mod:`knowledge.index` reads as the index's lifecycle: reuse, rebuild on
change, rebuild after damage. A local store is checked before chromadb opens it, because a
damaged file is otherwise only reported on a later query.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings
from chromadb.errors import NotFoundError

from knowledge.corpus import Chunk
from knowledge.embeddings import DIMENSIONS, MODEL_ID, MiniLMEmbeddingFunction, get_encoder
from knowledge.integrity import sqlite_problem

COLLECTION = "microfilm-guidelines"
SQLITE_NAME = "chroma.sqlite3"
_ADD_BATCH = 64


class CorruptIndex(RuntimeError):
    """The local index folder cannot be trusted and will be rebuilt."""


def _embedding_function() -> Any:
    """Our embedding function, typed loosely: chromadb's generic signature is narrower."""
    return MiniLMEmbeddingFunction()


def open_client(index_dir: Path, host: str | None, port: int) -> ClientAPI:
    """A client of the chromadb server at ``host``, else of the local store in ``index_dir``.

    Raises:
        CorruptIndex: the local store is damaged (checked before chromadb opens it).
    """
    settings = Settings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    sqlite = index_dir / SQLITE_NAME
    if sqlite.exists() and (problem := sqlite_problem(sqlite)):
        raise CorruptIndex(problem)
    if index_dir.exists() and not sqlite.exists() and any(index_dir.iterdir()):
        raise CorruptIndex(f"{SQLITE_NAME} is missing but the folder is not empty")
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir), settings=settings)


def forget_local_store(index_dir: Path) -> None:
    """Discard chromadb's cached System for ``index_dir``, even if something still holds it.

    Used before deleting a corrupted folder, when any such holder is broken anyway.
    """
    key = str(index_dir)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


def open_collection(client: ClientAPI) -> Collection:
    """The stored guideline collection (chromadb's ``NotFoundError`` when there is none)."""
    return client.get_collection(COLLECTION, embedding_function=_embedding_function())


def staleness(client: ClientAPI, fingerprint: str, chunks: list[Chunk]) -> str | None:
    """Why the stored collection cannot be reused, or None when it can.

    Raises:
        CorruptIndex: the collection looks whole but a probe query finds no known passage.
    """
    try:
        collection = open_collection(client)
    except NotFoundError:
        return "new index"
    if (collection.metadata or {}).get("fingerprint") != fingerprint:
        return "the guidelines changed"
    if collection.count() != len(chunks):
        return "the stored index is incomplete"
    probe = np.eye(1, DIMENSIONS, dtype=np.float32)  # any unit vector: proves vectors load
    found = collection.query(query_embeddings=probe, n_results=1, include=[])
    if not found["ids"] or not found["ids"][0] or found["ids"][0][0] not in {c.id for c in chunks}:
        raise CorruptIndex("a probe query returned no known passage")
    return None


def build_collection(client: ClientAPI, chunks: list[Chunk], fingerprint: str) -> Collection:
    """Replace the collection with ``chunks``; the fingerprint is stored only once all are in."""
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
