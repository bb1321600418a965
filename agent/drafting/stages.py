"""Drafting stages 1-3 (Dramatron order): logline and title, character bible, beat outline.

Each stage retrieves the genre's guidelines, asks the model for one bounded draft through
the quality gate (:func:`agent.model.gate.ask_checked`: exact fixes first, then targeted
retries, then an honest refusal), checks the partial screenplay against the form, stores
the draft, and shows the user what it wrote before the next stage starts.
"""

from __future__ import annotations

import logging
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.beats import fit_beats, in_idea_order
from agent.drafting.brief import (
    cast_listing,
    cast_size,
    drafting_genre,
    facts_for,
    film_brief,
    film_language,
    must_show,
    outline_plan,
)
from agent.drafting.converters import to_profiles
from agent.drafting.focus import beats_on_idea
from agent.drafting.rewrites import fill_thin_outline, is_thin, patch_repeated_beats
from agent.drafting.schemas import BeatDraft, CastDraft, LoglineDraft, OutlineDraft, outline_schema
from agent.drafting.tidy import tidy_logline
from agent.events import emit_progress
from agent.grounding import cited, ground, notes_text
from agent.messages import say
from agent.model.ask import StageFailure, stage_failed, stage_messages
from agent.model.gate import GateFailure, ask_checked
from agent.prompts import prompt_idea, stage_prompt, task
from agent.state import State
from film.form import TITLE_CARD_S, runtime_limit, scene_budget_s, scene_count_for, stage_issues
from film.quality import Finding, check_beats, check_bible, check_logline
from film.quality.genre import couple_of_an_age, in_period_dress
from film.quality.mend.animals import people_and_animals
from film.quality.people.bible import mended_bible
from film.quality.people.missing import cast_missing
from film.quality.people.names.period import period_cast
from film.quality.people.slips import cast_words
from film.quality.story.actions import lead_name, must_cast_people
from film.quality.story.logline import logline_copies_idea, logline_drops_step, title_copies_idea
from film.repair import RepairNote, deterministic_repair
from film.screenplay import CharacterProfile, Scene, Screenplay

log = logging.getLogger(__name__)


def draft_screenplay(state: State) -> Screenplay:
    """The screenplay as far as drafting has got (empty parts where stages are pending)."""
    draft = state.get("draft", {})
    logline = draft.get("logline") or {}
    return Screenplay(
        title=logline.get("title") or "Untitled",
        logline=logline.get("logline") or state.get("idea", "")[:300] or "-",
        genre=drafting_genre(state),
        language=film_language(state),
        theme=logline.get("theme", ""),
        setting_time=logline.get("setting_time", ""),
        characters=[CharacterProfile.model_validate(c) for c in draft.get("characters", [])],
        scenes=[Scene.model_validate(s) for s in draft.get("scenes", [])],
    )


def checked_form(
    stage: str, screenplay: Screenplay, state: State, runtime: Runtime[Context]
) -> tuple[Screenplay, list[str]]:
    """Run the form validator for ``stage`` and repair what it finds, without a model."""
    context = runtime.context
    limit = runtime_limit(state.get("target_seconds", context.target_seconds), context.max_seconds)
    issues = stage_issues(stage, screenplay, cap_s=limit, size=context.size)
    if not issues:
        return screenplay, []
    repaired, notes = deterministic_repair(screenplay, issues, limit_s=limit)
    return repaired, said_notes(notes, film_language(state))


def said_notes(notes: list[RepairNote], language: str) -> list[str]:
    """The form repair's notes in the user's language, from the one message catalogue."""
    return [say(f"repair_{note.code}", language, **note.values) for note in notes]


def _merge_draft(state: State, **parts: Any) -> dict[str, Any]:
    return {**state.get("draft", {}), **parts}


async def write_logline(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 1: title, logline, theme and setting time, in the genre the user named."""
    language, genre = film_language(state), drafting_genre(state)
    state = {**state, "genre": genre.value}
    emit_progress("logline", say("progress_hook", language), 0.1)
    passages = await ground(
        f"{state.get('idea', '')} logline title hook theme", genre.value, language=language
    )
    brief = film_brief(state, runtime.context, passages)
    prompt = stage_prompt("logline", language, facts_for(state, "logline"), notes_text(passages))

    def check(draft: LoglineDraft) -> tuple[LoglineDraft, list[Finding]]:
        draft = tidy_logline(draft, brief.idea, language)
        findings = check_logline(
            draft.title, draft.logline, draft.theme, draft.setting_time, brief, genre=genre
        )
        # Asked of the first answer only (agent.model.gate.ASK_ONCE).
        copied = (
            logline_copies_idea(brief.idea, draft.logline),
            title_copies_idea(brief.idea, draft.title),
            logline_drops_step(brief.idea, draft.logline, language),
        )
        return draft, findings + [finding for finding in copied if finding]

    try:
        checked = await ask_checked(
            runtime,
            LoglineDraft,
            stage_messages(language, prompt),
            check=check,
            stage="logline",
            language=language,
            fresh_round=True,
        )
    except StageFailure as exc:
        return stage_failed("write_logline", exc)
    draft = checked.result
    if logline_drops_step(brief.idea, draft.logline, language):  # asked once: the idea tells it
        draft = draft.model_copy(update={"logline": prompt_idea(brief.idea)[:240]})
    parts = draft.model_dump()
    merged = draft_screenplay({**state, "draft": _merge_draft(state, logline=parts)})
    screenplay, _notes = checked_form("logline", merged, state, runtime)
    parts["theme"] = screenplay.theme or parts["theme"]
    emit_progress("logline", say("progress_logline_ready", language, title=draft.title), 1.0)
    message = say(
        "logline_done",
        language,
        title=draft.title,
        logline=draft.logline,
        theme=parts["theme"].rstrip(".。 "),
        setting_time=draft.setting_time.rstrip(".。 ") or "-",
    )
    return {
        "genre": genre.value,
        "draft": _merge_draft(state, logline=parts),
        "messages": [AIMessage(message)],
        "resume_stage": None,
        "sources": cited(passages),
    }


def _bible_line(person: CharacterProfile, language: str) -> str:
    """One person of the bible as the chat shows it, labelled in the user's language."""
    return say(
        "bible_line",
        language,
        name=person.name,
        role=person.role or "-",
        look=person.look or "-",
        wardrobe=person.wardrobe or "-",
        props=("、" if language == "zh" else ", ").join(person.props) or "-",
    )


async def write_characters(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 2: the character bible, with look, wardrobe and props pinned."""
    language, genre = film_language(state), drafting_genre(state)
    people = must_cast_people(state.get("idea", ""))
    count = cast_size(state.get("target_seconds", 120), people, genre, state.get("idea", ""))
    title = state.get("draft", {}).get("logline", {}).get("title", "")
    emit_progress("characters", say("progress_casting", language), 0.1)
    passages = await ground(
        f"{state.get('idea', '')} characters look wardrobe props", genre.value, language=language
    )
    brief = film_brief(state, runtime.context, passages)
    facts = facts_for(state, "characters")
    # No guidance here: the guides' menus of motifs ("an MP3 player with shared earphones,
    # a borrowed umbrella") were pasted onto every person; the gate still checks for them.
    prompt = stage_prompt("characters", language, facts, count=count)
    if people:
        named = ("、" if language == "zh" else ", ").join(cast_words(state.get("idea", ""), people))
        prompt += "\n" + task("must_cast", language, people=named)

    def check(cast: CastDraft) -> tuple[list[CharacterProfile], list[Finding]]:
        profiles = couple_of_an_age(
            [
                in_period_dress(p, genre)
                for p in people_and_animals(
                    mended_bible(
                        state.get("idea", ""), to_profiles(cast, language)[: count + 1], language
                    ),
                    genre,
                    state.get("idea", ""),
                )
            ],
            genre,
        )
        return profiles, check_bible(profiles, brief, title=title, distinct=True, genre=genre)

    try:
        checked = await ask_checked(
            runtime,
            CastDraft,
            stage_messages(language, prompt),
            check=check,
            stage="characters",
            language=language,
            fresh_round=True,
        )
    except StageFailure as exc:
        return stage_failed("write_characters", exc)
    # The idea's people the model left out are cast from its words; names suit the period.
    missing = cast_missing(state.get("idea", ""), checked.result, language)
    told = state.get("draft", {}).get("logline", {})
    cast, logline = period_cast(missing, told, genre, language)
    draft = _merge_draft(state, characters=[p.model_dump() for p in cast], logline=logline)
    screenplay, _notes = checked_form(
        "characters", draft_screenplay({**state, "draft": draft}), state, runtime
    )
    draft["characters"] = [c.model_dump() for c in screenplay.characters]
    emit_progress(
        "characters", say("progress_cast_ready", language, count=len(screenplay.characters)), 1.0
    )
    bible = "\n".join(_bible_line(p, language) for p in screenplay.characters)
    return {
        "draft": draft,
        "messages": [AIMessage(say("characters_done", language, bible=bible))],
        "resume_stage": None,
    }


async def write_outline(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 3: one beat per scene, sized so the scenes add up to the target length."""
    language, genre = film_language(state), drafting_genre(state)
    target = state.get("target_seconds", 120)
    count = scene_count_for(target)
    draft = state.get("draft", {})
    title = draft.get("logline", {}).get("title", "")
    cast = [c["name"] for c in draft.get("characters", [])]
    people = [(c["name"], c.get("role", "")) for c in draft.get("characters", [])]
    lead = lead_name(state.get("idea", ""), people)
    emit_progress("outline", say("progress_outlining", language, count=count), 0.1)
    passages = await ground(
        f"{state.get('idea', '')} structure beats hook turn ending", genre.value, language=language
    )
    brief = film_brief(state, runtime.context, passages)
    prompt = stage_prompt(
        "outline",
        language,
        facts_for(state, "outline"),
        notes_text(passages),
        count=count,
        seconds=round(scene_budget_s(target, count)),
        plan=outline_plan(state, count),
        cast=cast_listing(cast, language),
    ) + must_show(state.get("idea", ""), language)
    story = f"{state.get('idea', '')} {draft.get('logline', {}).get('setting_time', '')}"

    as_written: dict[int, list[BeatDraft]] = {}  # each accepted list's beats, repeats kept

    def check(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        idea = state.get("idea", "")
        fitted = fit_beats(outline.beats, count, cast, language, story, lead=lead)
        beats = in_idea_order(fitted, idea, dict(people), lead)
        written = in_idea_order(
            fit_beats(outline.beats, count, cast, language, story, drop_repeats=False, lead=lead),
            idea,
            dict(people),
            lead,
        )
        as_written[id(beats)] = written
        findings = check_beats(beats, brief, characters=cast, title=title)
        if is_thin(len(beats), len(written)):  # the repeats are rewritten, not the outline
            findings = [f for f in findings if f.check != "runtime.beat-count"]
        return beats, findings

    try:
        try:
            checked = await ask_checked(
                runtime,
                outline_schema(count),
                stage_messages(language, prompt),
                check=check,
                stage="outline",
                language=language,
            )
            beats = checked.result
            written = as_written.get(id(beats), beats)
            beats = await fill_thin_outline(runtime, state, beats, written, check, language, cast)
        except GateFailure as failure:  # a repeated beat is rewritten alone
            beats = await patch_repeated_beats(runtime, state, failure, check, language, cast)
        beats = await beats_on_idea(runtime, state, beats, check, cast)
    except StageFailure as exc:
        return stage_failed("write_outline", exc)
    seconds = round(scene_budget_s(target, len(beats)))
    planned = len(beats) * seconds + TITLE_CARD_S
    emit_progress(
        "outline",
        say("progress_outline_ready", language, count=len(beats), seconds=round(planned)),
        1.0,
    )
    listing = "\n".join(
        f"{i}. {b.interior}. {b.place.upper()} - {b.time_of_day}: {b.summary}"
        for i, b in enumerate(beats, start=1)
    )
    log.info("outline:\n%s", listing)  # the craft bench reads beats beside their scenes
    message = say("outline_done", language, count=len(beats), seconds=seconds, beats=listing)
    return {
        "draft": _merge_draft(state, beats=[b.model_dump() for b in beats], scenes=[]),
        "messages": [AIMessage(message)],
        "resume_stage": None,
        "sources": cited(passages),
    }
