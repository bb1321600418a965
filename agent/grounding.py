"""Retrieval grounding for prompts: guideline passages in, prompt notes out.

Every drafting stage, the genre pitches and every creative revision ask the knowledge
base through :func:`find_passages`; drafting stages also cite what they used to the user
through a "sources" event (:func:`ground`). Retrieval is advisory: if the index cannot be
opened the stage still drafts (and logs why) rather than leaving the user stuck. Passages
come in the film's language where the guidelines have it (a small model asked with English
notes answers in English), else in any language.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from agent.events import emit_sources, own_heading, passage_dict
from film.language import has_cjk

log = logging.getLogger(__name__)
#: A Chinese heading's English gloss, "台词风格 (Dialogue voice)": kept for retrieval, not shown.


def _search(
    query: str, genre: str | None, topic: str | None, k: int, language: str | None
) -> list[Any]:
    # Imported on first search: chromadb and onnxruntime take seconds to load, and tests
    # replace knowledge.search_guidelines before any search runs.
    from knowledge import search_guidelines

    return list(search_guidelines(query, genre=genre, topic=topic, k=k, language=language))


async def find_passages(
    query: str,
    genre: str | None,
    *,
    topic: str | None = None,
    k: int = 3,
    language: str | None = None,
) -> list[Any]:
    """Guideline passages for ``query`` within ``genre``, in ``language`` where there are any.

    Empty when retrieval fails.
    """
    try:
        return await asyncio.to_thread(_search, query[:400], genre, topic, k, language)
    except Exception as exc:  # grounding enriches a prompt; it must never block one
        log.warning("guideline search failed (%s: %s); writing without it", type(exc).__name__, exc)
        return []


async def ground(
    query: str,
    genre: str | None,
    *,
    topic: str | None = None,
    k: int = 3,
    language: str | None = None,
) -> list[Any]:
    """The genre's best passages plus the best form-wide one, announced as sources.

    The genre guide says how this kind of film plays; the form-wide documents ("all")
    hold the micro film basics every stage must respect, so each stage gets both, in the
    film's ``language`` where the guidelines have it.
    """
    if genre:
        found = await asyncio.gather(
            find_passages(query, genre, topic=topic, k=max(1, k - 1), language=language),
            find_passages(query, "all", topic=topic, k=1, language=language),
        )
        passages = [*found[0], *found[1]]
    else:
        passages = await find_passages(query, None, topic=topic, k=k, language=language)
    if passages:
        emit_sources(passages)
    return passages


def notes_text(passages: Sequence[Any], *, per_passage: int = 320, total: int = 1200) -> str:
    """Passages condensed into prompt notes, short enough for a small model's context.

    A note reads in its passage's language throughout: its heading loses the gloss in the
    other language that the guideline keeps for retrieval ("Endings (结尾)" had put Chinese
    in every English prompt), and a Chinese one takes a full-width colon.
    """
    lines: list[str] = []
    used = 0
    for passage in passages:
        heading = str(getattr(passage, "heading", "") or "").strip()
        text = " ".join(str(getattr(passage, "text", "") or "").split())[:per_passage]
        heading = own_heading(heading)
        if heading and has_cjk(heading):
            line = f"- {heading}：{text}"
        else:
            line = f"- {heading}: {text}" if heading else f"- {text}"
        if used + len(line) > total:
            break
        lines.append(line)
        used += len(line)
    return "\n".join(lines) or "- (no notes found; rely on the micro film basics)"


def cited(passages: Sequence[Any]) -> list[dict[str, str]]:
    """Passages as the JSON dicts kept in ``State.sources`` for citation in the chat."""
    return [passage_dict(p) for p in passages]
