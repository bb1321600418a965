"""Genre choice: grounded one-line pitches per genre, then an interrupt for the user's pick.

Pitching and asking are two nodes on purpose: a resumed ``interrupt()`` re-runs its node
from the top, and the pitches (a model call) must not be paid for twice.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent.context import Context
from agent.drafting.brief import facts_for, film_brief, film_language
from agent.drafting.schemas import PITCH_CHARS, GenrePitchesDraft
from agent.events import emit_progress, emit_sources
from agent.grounding import cited, find_passages, notes_text
from agent.intake.intent import named_genre, without_requests
from agent.intake.leaning import leaning_genre
from agent.messages import say
from agent.model.ask import StageFailure, ask_model, stage_failed, stage_messages
from agent.model.gate import REMINDERS, answer_checked
from agent.prompts import stage_prompt
from agent.state import State
from film.quality import Brief, Finding
from film.quality.pitches import check_pitches, finished_pitch, without_idea
from film.screenplay import Genre, Language

_DEFER = re.compile(
    r"\b(you\s+(choose|pick|decide)|your\s+(call|choice|pick)|recommend\w*|whatever|any|surprise)"
    r"|你来选|你选|你定|推荐|随便|都行",
    re.IGNORECASE,
)
_MAX_ASKS = 3
log = logging.getLogger(__name__)


#: One more answer for the pitches the gate finds wrong. The user is waiting at the genre
#: question, and a pitch still wrong after it gives way to the genre's own description.
PITCH_RETRIES = 1


class PitchBoard:
    """The clean pitch for each genre, kept from whichever answer first gave one.

    Each answer pitches all six genres; one answer's 温情亲情 may be pasted while another's
    is fine, so the gate's check keeps every clean pitch it sees and only asks again about
    the rest.
    """

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.clean: dict[Genre, str] = {}
        self.reason = ""
        self.recommended: Genre | None = None

    def check(self, draft: GenrePitchesDraft) -> tuple[GenrePitchesDraft, list[Finding]]:
        """Judge ``draft``'s pitches; the findings name only genres still without a clean one."""
        if self.recommended is None:
            self.recommended = Genre(draft.recommended)
        idea = without_requests(self.brief.idea)
        fields = [
            (field_name(g), finished_pitch(without_idea(draft.pitch(g), idea), PITCH_CHARS))
            for g in Genre
        ]
        findings = check_pitches(fields, self.brief)
        wrong = {f.path for f in findings}
        for genre, (name, text) in zip(Genre, fields, strict=True):
            if name not in wrong and genre not in self.clean and text:
                self.clean[genre] = text
        reason = draft.reason.strip()
        if not self.reason and reason and not check_pitches([("reason", reason)], self.brief):
            self.reason = reason
        return draft, [f for f in findings if _genre_of(f.path) not in self.clean]

    def pitch(self, genre: Genre, language: str) -> str:
        """The clean pitch, or the genre's own description when no answer gave one."""
        return self.clean.get(genre) or say(f"genre_blurb_{genre.value}", language)


def field_name(genre: Genre) -> str:
    """The schema field a genre's pitch is answered in ("touching_family")."""
    return genre.value.replace("-", "_")


def _genre_of(name: str) -> Genre | None:
    return next((g for g in Genre if field_name(g) == name), None)


async def pitch_genres(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Ask the model how the idea plays in each genre, grounded by each genre's guidelines.

    The pitches pass the gate (:func:`film.quality.pitches.check_pitches`) like every stage.
    """
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
    chat_language: Language = "zh" if language == "zh" else "en"
    # Pitches are read in the chat's language, which the prompt asked them in.
    brief = film_brief(state, runtime.context, passages)
    board = PitchBoard(replace(brief, language=chat_language))

    async def ask(messages: list[BaseMessage]) -> GenrePitchesDraft:
        return await ask_model(
            runtime, GenrePitchesDraft, messages, stage="pitches", language=language
        )

    try:
        checked = await answer_checked(
            ask,
            stage_messages(language, prompt),
            board.check,
            retries=PITCH_RETRIES,
            reminder=REMINDERS[chat_language],
        )
    except StageFailure as exc:
        return stage_failed("pitch_genres", exc)
    if checked.fired:
        log.info("genre pitches: %s fired; kept %d clean", checked.fired, len(board.clean))
    model_pick = board.recommended or Genre.TOUCHING_FAMILY
    recommended = named_genre(idea) or leaning_genre(idea, model_pick)
    # The model's reason argues for its own pick; another pick gets its own pitch as the reason.
    reason = (board.reason if recommended == model_pick else "") or board.pitch(
        recommended, language
    )
    pitches = {
        "recommended": recommended.value,
        "reason": reason,
        "options": [
            {"genre": g.value, "label": g.label(language), "pitch": board.pitch(g, language)}
            for g in Genre
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
