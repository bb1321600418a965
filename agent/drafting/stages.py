"""Drafting stages 1-3 (Dramatron order): logline and title, character bible, beat outline.

Each stage retrieves the genre's guidelines, asks the model for one bounded draft,
checks the partial screenplay against the form, stores the draft, and shows the user
what it wrote before the next stage starts.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.schemas import (
    BeatDraft,
    CastDraft,
    LoglineDraft,
    clean_place,
    outline_schema,
    to_profiles,
)
from agent.events import emit_progress
from agent.grounding import cited, ground, notes_text
from agent.messages import minutes_text, say
from agent.model.ask import StageFailure, ask_model, stage_failed, stage_messages
from agent.prompts import CHARACTERS, LOGLINE, OUTLINE, prompt_idea
from agent.state import State
from film.form import TITLE_CARD_S, runtime_limit, scene_budget_s, scene_count_for, stage_issues
from film.repair import deterministic_repair
from film.screenplay import CharacterProfile, Genre, Scene, Screenplay


def draft_screenplay(state: State) -> Screenplay:
    """The screenplay as far as drafting has got (empty parts where stages are pending)."""
    draft = state.get("draft", {})
    logline = draft.get("logline") or {}
    return Screenplay(
        title=logline.get("title") or "Untitled",
        logline=logline.get("logline") or state.get("idea", "")[:300] or "-",
        genre=Genre(state.get("genre") or Genre.TOUCHING_FAMILY.value),
        language="zh" if state.get("language") == "zh" else "en",
        theme=logline.get("theme", ""),
        setting_time=logline.get("setting_time", ""),
        characters=[CharacterProfile.model_validate(c) for c in draft.get("characters", [])],
        scenes=[Scene.model_validate(s) for s in draft.get("scenes", [])],
    )


def checked(
    stage: str, screenplay: Screenplay, state: State, runtime: Runtime[Context]
) -> tuple[Screenplay, list[str]]:
    """Run the form validator for ``stage`` and repair what it finds, without a model."""
    context = runtime.context
    limit = runtime_limit(state.get("target_seconds", context.target_seconds), context.max_seconds)
    issues = stage_issues(stage, screenplay, cap_s=limit, size=context.size)
    if not issues:
        return screenplay, []
    return deterministic_repair(screenplay, issues, limit_s=limit)


def genre_name(state: State) -> str:
    """The chosen genre's English name, for prompts."""
    return Genre(state.get("genre") or Genre.TOUCHING_FAMILY.value).english


def _merge_draft(state: State, **parts: Any) -> dict[str, Any]:
    return {**state.get("draft", {}), **parts}


async def write_logline(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 1: title, logline, theme and setting time."""
    language, genre = state.get("language", "en"), state.get("genre")
    emit_progress("logline", "Finding the hook", 0.1)
    passages = await ground(f"{state.get('idea', '')} logline title hook theme", genre)
    prompt = LOGLINE.format(
        idea=prompt_idea(state.get("idea", "")),
        genre=genre_name(state),
        minutes=minutes_text(state.get("target_seconds", 120), "en"),
        notes=notes_text(passages),
    )
    try:
        draft = await ask_model(
            runtime,
            LoglineDraft,
            stage_messages(language, prompt),
            stage="logline",
            language=language,
        )
    except StageFailure as exc:
        return stage_failed("write_logline", exc)
    parts = draft.model_dump()
    screenplay, _notes = checked(
        "logline",
        draft_screenplay({**state, "draft": _merge_draft(state, logline=parts)}),
        state,
        runtime,
    )
    parts["theme"] = screenplay.theme or parts["theme"]
    emit_progress("logline", f"Logline ready: {draft.title}", 1.0)
    message = say(
        "logline_done",
        language,
        title=draft.title,
        logline=draft.logline,
        theme=parts["theme"].rstrip(".。 "),
        setting_time=draft.setting_time.rstrip(".。 ") or "-",
    )
    return {
        "draft": _merge_draft(state, logline=parts),
        "messages": [AIMessage(message)],
        "resume_stage": None,
        "sources": cited(passages),
    }


def _bible_line(person: CharacterProfile) -> str:
    props = ", ".join(person.props) or "-"
    return (
        f"- **{person.name}** ({person.role or '-'}) look: {person.look or '-'}; "
        f"wardrobe: {person.wardrobe or '-'}; props: {props}"
    )


async def write_characters(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 2: the character bible, with look, wardrobe and props pinned."""
    language, genre = state.get("language", "en"), state.get("genre")
    target = state.get("target_seconds", 120)
    count = 2 if target <= 60 else 3 if target <= 240 else 4
    logline = state.get("draft", {}).get("logline", {})
    emit_progress("characters", "Casting the characters", 0.1)
    passages = await ground(f"{state.get('idea', '')} characters look wardrobe props", genre)
    prompt = CHARACTERS.format(
        title=logline.get("title", ""),
        genre=genre_name(state),
        logline=logline.get("logline", ""),
        theme=logline.get("theme", ""),
        setting_time=logline.get("setting_time", "") or "-",
        count=count,
        notes=notes_text(passages),
    )
    try:
        cast = await ask_model(
            runtime,
            CastDraft,
            stage_messages(language, prompt),
            stage="characters",
            language=language,
        )
    except StageFailure as exc:
        return stage_failed("write_characters", exc)
    profiles = to_profiles(cast)[: count + 1]
    draft = _merge_draft(state, characters=[p.model_dump() for p in profiles])
    screenplay, _notes = checked(
        "characters", draft_screenplay({**state, "draft": draft}), state, runtime
    )
    draft["characters"] = [c.model_dump() for c in screenplay.characters]
    emit_progress("characters", f"{len(screenplay.characters)} characters pinned", 1.0)
    bible = "\n".join(_bible_line(p) for p in screenplay.characters)
    return {
        "draft": draft,
        "messages": [AIMessage(say("characters_done", language, bible=bible))],
        "resume_stage": None,
        "sources": cited(passages),
    }


def fit_beats(beats: list[BeatDraft], count: int, cast: list[str]) -> list[BeatDraft]:
    """At most ``count`` beats whose characters are all in the bible (the lead if none is)."""
    known = {name.lower(): name for name in cast}
    fitted: list[BeatDraft] = []
    for beat in beats[:count]:
        names = [known[n.strip().lower()] for n in beat.characters if n.strip().lower() in known]
        if not names and cast:
            names = [cast[0]]
        fitted.append(
            beat.model_copy(
                update={
                    "characters": list(dict.fromkeys(names))[:4],
                    "place": clean_place(beat.place, cast),
                }
            )
        )
    return fitted


async def write_outline(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 3: one beat per scene, sized so the scenes add up to the target length."""
    language, genre = state.get("language", "en"), state.get("genre")
    target = state.get("target_seconds", 120)
    count = scene_count_for(target)
    draft = state.get("draft", {})
    logline = draft.get("logline", {})
    cast = [c["name"] for c in draft.get("characters", [])]
    emit_progress("outline", f"Outlining {count} beats", 0.1)
    passages = await ground(f"{state.get('idea', '')} structure beats hook turn ending", genre)
    prompt = OUTLINE.format(
        title=logline.get("title", ""),
        genre=genre_name(state),
        logline=logline.get("logline", ""),
        cast=", ".join(cast) or "-",
        count=count,
        seconds=round(scene_budget_s(target, count)),
        notes=notes_text(passages),
    )
    try:
        outline = await ask_model(
            runtime,
            outline_schema(count),
            stage_messages(language, prompt),
            stage="outline",
            language=language,
        )
    except StageFailure as exc:
        return stage_failed("write_outline", exc)
    beats = fit_beats(outline.beats, count, cast)
    seconds = round(scene_budget_s(target, len(beats)))
    planned = len(beats) * seconds + TITLE_CARD_S
    emit_progress("outline", f"{len(beats)} beats, planned runtime about {planned:.0f} s", 1.0)
    listing = "\n".join(
        f"{i}. {b.interior}. {b.place.upper()} - {b.time_of_day}: {b.summary}"
        for i, b in enumerate(beats, start=1)
    )
    message = say("outline_done", language, count=len(beats), seconds=seconds, beats=listing)
    return {
        "draft": _merge_draft(state, beats=[b.model_dump() for b in beats], scenes=[]),
        "messages": [AIMessage(message)],
        "resume_stage": None,
        "sources": cited(passages),
    }
