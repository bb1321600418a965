"""Genre choice: grounded one-line pitches per genre, then an interrupt for the user's pick.

Pitching and asking are two nodes on purpose: a resumed ``interrupt()`` re-runs its node
from the top, and the pitches (a model call) must not be paid for twice.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent.context import Context
from agent.drafting.brief import facts_for, film_language
from agent.drafting.schemas import GenrePitchesDraft
from agent.events import emit_progress, emit_sources
from agent.grounding import cited, find_passages, notes_text
from agent.intake.intent import named_genre
from agent.intake.leaning import leaning_genre
from agent.messages import say
from agent.model.ask import StageFailure, ask_model, stage_failed, stage_messages
from agent.prompts import stage_prompt
from agent.state import State
from film.screenplay import Genre

_DEFER = re.compile(
    r"\b(you\s+(choose|pick|decide)|your\s+(call|choice|pick)|recommend\w*|whatever|any|surprise)"
    r"|你来选|你选|你定|推荐|随便|都行",
    re.IGNORECASE,
)
_MAX_ASKS = 3


async def pitch_genres(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Ask the model how the idea plays in each genre, grounded by each genre's guidelines."""
    language = state.get("language", "en")
    idea = state.get("idea", "")
    emit_progress("pitches", say("progress_reading_guides", language), 0.1)
    written_in = film_language(state)
    found = await asyncio.gather(
        *(find_passages(idea, g.value, k=1, language=written_in) for g in Genre)
    )
    passages = [p for group in found for p in group]
    if passages:
        emit_sources(passages)
    notes = "\n".join(
        f"{genre.english}: {notes_text(group, per_passage=180, total=200)[2:]}"
        for genre, group in zip(Genre, found, strict=True)
        if group
    )
    prompt = stage_prompt("pitches", language, facts_for(state, "pitches"), notes)
    emit_progress("pitches", say("progress_pitching", language), 0.4)
    try:
        draft = await ask_model(
            runtime,
            GenrePitchesDraft,
            stage_messages(language, prompt),
            stage="pitches",
            language=language,
        )
    except StageFailure as exc:
        return stage_failed("pitch_genres", exc)
    model_pick = Genre(draft.recommended)
    recommended = named_genre(idea) or leaning_genre(idea, model_pick)
    # The model's reason argues for its own pick; another pick gets its own pitch as the reason.
    reason = (draft.reason.strip() if recommended == model_pick else "") or draft.pitch(recommended)
    pitches = {
        "recommended": recommended.value,
        "reason": reason,
        "options": [
            {"genre": g.value, "label": g.label(language), "pitch": draft.pitch(g)} for g in Genre
        ],
    }
    emit_progress("pitches", say("progress_pitches_ready", language), 1.0)
    update: dict[str, Any] = {
        "draft": {**state.get("draft", {}), "pitches": pitches},
        "resume_stage": None,
        "sources": cited(passages),
    }
    if state.get("one_prompt"):
        why = f" ({reason})" if reason else ""
        if language == "zh":
            why = f"（{reason}）" if reason else ""
        update["genre"] = recommended.value
        update["messages"] = [
            AIMessage(say("genre_auto", language, genre=recommended.label(language), why=why))
        ]
    return update


def genre_payload(state: State, retry: bool = False) -> dict[str, Any]:
    """The interrupt value fixed in docs/ARCHITECTURE.md ("choose_genre")."""
    language = state.get("language", "en")
    pitches = state.get("draft", {}).get("pitches", {})
    recommended = Genre(pitches.get("recommended", Genre.TOUCHING_FAMILY.value))
    question = say(
        "genre_question",
        language,
        recommended=recommended.label(language),
        reason=pitches.get("reason", ""),
    )
    if retry:
        question = say("genre_retry", language) + " " + question
    options = pitches.get("options") or [
        {"genre": g.value, "label": g.label(language), "pitch": ""} for g in Genre
    ]
    return {
        "type": "choose_genre",
        "question": question,
        "recommended": recommended.value,
        "options": options,
    }


def parse_genre_answer(answer: Any, recommended: str) -> Genre | None:
    """The genre a resume value picks: a slug, a button dict, a number or free text."""
    if isinstance(answer, dict):
        answer = answer.get("genre") or answer.get("value") or ""
    text = str(answer or "").strip()[:200]
    if text.isdigit() and 1 <= int(text) <= len(Genre):
        return list(Genre)[int(text) - 1]
    named = named_genre(text)
    if named is not None:
        return named
    if not text or _DEFER.search(text):
        return Genre(recommended)
    try:
        return Genre.parse(text)
    except ValueError:
        return None


def choose_genre(state: State) -> dict[str, Any]:
    """Stop for the user's genre choice; free text and buttons both resume it."""
    if state.get("genre"):
        return {}
    recommended = (
        state.get("draft", {}).get("pitches", {}).get("recommended", Genre.TOUCHING_FAMILY.value)
    )
    choice: Genre | None = None
    for ask in range(_MAX_ASKS):
        choice = parse_genre_answer(interrupt(genre_payload(state, retry=ask > 0)), recommended)
        if choice is not None:
            break
    genre = choice or Genre(recommended)
    language = state.get("language", "en")
    return {
        "genre": genre.value,
        "messages": [AIMessage(say("genre_chosen", language, genre=genre.label(language)))],
    }
