"""Hybrid retrieval over the guideline index: dense MiniLM similarity fused with bigram BM25.

The dense model understands English paraphrase ("how should it end" ≈ "Endings") but sees
Chinese mostly as ``[UNK]``; BM25 over words and CJK bigrams matches exact terms in either
language. Both scores are scaled to 0..1 per query and mixed with a weight that follows the
query's script: an English question leans on meaning, a Chinese one on matching terms.
bench/bench_retrieval.py measures each mode alone and fused.

The drafting guidelines exist in English and in Chinese (``*.zh.md``); ``language=`` keeps a
search to one of them, so a Chinese film's prompts quote Chinese advice, and falls back to
every language where that language has no guideline for the genre and topic asked about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from film.screenplay import Genre
from knowledge.corpus import ALL_GENRES, LANGUAGES, Chunk
from knowledge.embeddings import get_encoder
from knowledge.index import LoadedIndex, default_index
from knowledge.lexical import cjk_share

Mode = Literal["hybrid", "dense", "lexical"]
#: Genre, topic and language a search keeps to (None: any).
Filters = tuple[str | None, str | None, str | None]
MAX_K = 20
MAX_QUERY_CHARS = 1000
#: Lexical weight for an all-English query; a Chinese query moves towards ``LEXICAL_MAX``.
LEXICAL_MIN = 0.35
LEXICAL_MAX = 0.9
_DENSE_CANDIDATES = 40


@dataclass(frozen=True)
class Passage:
    """One retrieved guideline section, with where it came from."""

    text: str
    source: str
    heading: str
    genre: str
    topic: str
    score: float
    title: str = ""
    language: str = ""

    def citation(self) -> str:
        """Where to read more, e.g. ``genre-youth-romance.md › Endings``."""
        return f"{self.source} › {self.heading}"


def normalise_genre(genre: str | None) -> str | None:
    """A genre slug (from a slug, an English or Chinese name) or ``"all"``; None stays None.

    Raises:
        ValueError: naming the valid genres when ``genre`` matches none.
    """
    if genre is None or not genre.strip():
        return None
    if genre.strip().lower() == ALL_GENRES:
        return ALL_GENRES
    return Genre.parse(genre).value


def normalise_language(language: str | None) -> str | None:
    """``"en"`` or ``"zh"`` (a locale such as ``"zh-CN"`` counts as its language); None stays.

    Raises:
        ValueError: naming the corpus languages when ``language`` is none of them.
    """
    if language is None or not language.strip():
        return None
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    if code not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}. Choose one of: {', '.join(LANGUAGES)}.")
    return code


def _matches(chunk: Chunk, genre: str | None, topic: str | None, language: str | None) -> bool:
    return (
        (genre is None or chunk.genre == genre)
        and (topic is None or chunk.topic == topic)
        and (language is None or chunk.language == language)
    )


def _where(genre: str | None, topic: str | None, language: str | None) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if genre:
        clauses.append({"genre": genre})
    if topic:
        clauses.append({"topic": topic})
    if language:
        clauses.append({"language": language})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _dense_scores(
    index: LoadedIndex, query: str, where: dict[str, Any] | None, available: int
) -> dict[int, float]:
    vector = get_encoder().encode([query])[0]
    found = index.collection.query(
        query_embeddings=[vector],
        n_results=min(_DENSE_CANDIDATES, available),
        where=where,
        include=["distances"],
    )
    ids = found["ids"][0] if found["ids"] else []
    distances = (found.get("distances") or [[]])[0]
    return {
        index.positions[i]: 1.0 - float(d)
        for i, d in zip(ids, distances, strict=False)
        if i in index.positions
    }


def _scaled(scores: dict[int, float]) -> dict[int, float]:
    """Scores mapped to 0..1 within this query (the best candidate gets 1)."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high - low < 1e-9:
        return dict.fromkeys(scores, 1.0)
    return {i: (s - low) / (high - low) for i, s in scores.items()}


def lexical_weight(query: str) -> float:
    """How much the fused score trusts BM25 for this query (more for Chinese text)."""
    return LEXICAL_MIN + (LEXICAL_MAX - LEXICAL_MIN) * cjk_share(query)


def search_guidelines(
    query: str,
    genre: str | None = None,
    topic: str | None = None,
    k: int = 4,
    *,
    mode: Mode = "hybrid",
    corpus_dir: Path | None = None,
    language: str | None = None,
) -> list[Passage]:
    """The ``k`` guideline passages that best answer ``query``, best first.

    Args:
        query: a question or keywords, English or Chinese.
        genre: restrict to one genre's guide (slug, English or Chinese name), or ``"all"`` for
            the form-wide documents only; None searches everything.
        topic: restrict to one front-matter topic (e.g. ``"endings"``).
        k: how many passages (1..20).
        language: ``"en"`` or ``"zh"`` keeps to the guidelines written in that language (what
            a prompt in that language should quote); when none of them matches the genre and
            topic, every language is searched instead. None searches every language.
        mode: ``"hybrid"`` (default), or ``"dense"``/``"lexical"`` alone for evaluation.
        corpus_dir: another guidelines folder (tests); defaults to the packaged corpus.

    Raises:
        ValueError: for an empty query, a bad ``k``, or an unknown genre, topic or language,
            with the valid choices in the message.
    """
    text = " ".join(query.split())[:MAX_QUERY_CHARS]
    if not text:
        raise ValueError("Ask a question about the form or a genre; the query was empty.")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be between 1 and {MAX_K}, not {k}.")
    genre = normalise_genre(genre)
    language = normalise_language(language)

    def run(index: LoadedIndex) -> list[Passage]:
        return _rank(index, text, (genre, topic, language), k, mode)

    return default_index(corpus_dir).read(run)


def _rank(index: LoadedIndex, text: str, filters: Filters, k: int, mode: Mode) -> list[Passage]:
    genre, topic, language = filters
    if topic is not None:
        topic = topic.strip().lower() or None
        topics = sorted({c.topic for c in index.chunks})
        if topic is not None and topic not in topics:
            raise ValueError(f"Unknown topic {topic!r}. Choose one of: {', '.join(topics)}.")
    allowed = [i for i, c in enumerate(index.chunks) if _matches(c, genre, topic, language)]
    if not allowed and language is not None:  # no guideline in that language: any will do
        language = None
        allowed = [i for i, c in enumerate(index.chunks) if _matches(c, genre, topic, None)]
    if not allowed:
        return []
    where = _where(genre, topic, language)
    dense = {} if mode == "lexical" else _dense_scores(index, text, where, len(allowed))
    lexical = {} if mode == "dense" else index.bm25.scores(text, among=allowed)
    weight = {"dense": 0.0, "lexical": 1.0}.get(mode, lexical_weight(text))
    dense_scaled, lexical_scaled = _scaled(dense), _scaled_from_zero(lexical)
    fused = {
        i: (1 - weight) * dense_scaled.get(i, 0.0) + weight * lexical_scaled.get(i, 0.0)
        for i in set(dense) | set(lexical)
    }
    ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
    return [_passage(index.chunks[i], score) for i, score in ranked]


def _scaled_from_zero(scores: dict[int, float]) -> dict[int, float]:
    """BM25 scaled by the best match: zero still means "no shared term"."""
    best = max(scores.values(), default=0.0)
    return {i: s / best for i, s in scores.items()} if best > 0 else {}


def _passage(chunk: Chunk, score: float) -> Passage:
    return Passage(
        text=chunk.text,
        source=chunk.source,
        heading=chunk.heading,
        genre=chunk.genre,
        topic=chunk.topic,
        score=round(score, 4),
        title=chunk.title,
        language=chunk.language,
    )
