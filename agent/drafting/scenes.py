"""Drafting stage 4: scenes with action and dialogue, then form repair before anyone sees it.

Scenes are written one call per beat (a small model writes one good scene far more
reliably than six at once), and finished scenes are kept in the draft even if a later
call fails, so "try again" continues at the scene that failed. When the whole draft
breaks the form, the model is asked once to fix what the validator reports; anything
still wrong is repaired deterministically (:mod:`film.repair`).
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.schemas import (
    BeatDraft,
    CastDraft,
    SceneDraft,
    scene_schema,
    to_profiles,
    to_scene,
)
from agent.drafting.stages import checked, draft_screenplay, genre_name
from agent.events import emit_progress
from agent.grounding import cited, ground, notes_text
from agent.messages import minutes_text
from agent.model.ask import StageFailure, ask_model, stage_failed, stage_messages
from agent.prompts import MISSING_CHARACTERS, SCENE, SHORTEN_SCENE
from agent.state import State
from film.form import (
    estimate_runtime,
    estimate_scene_seconds,
    runtime_limit,
    scene_budget_s,
    stage_issues,
    with_estimates,
)
from film.screenplay import Scene, Screenplay

_ACTION_S = 2.5
_LINE_S = 3.6


def line_counts(seconds: float) -> tuple[int, int]:
    """Action lines and dialogue lines that fill ``seconds`` (a third seen, two thirds said)."""
    actions = max(1, min(5, round(seconds * 0.35 / _ACTION_S)))
    lines = max(1, min(8, round(seconds * 0.65 / _LINE_S)))
    return actions, lines


def _scene_prompt(state: State, beats: list[BeatDraft], index: int, notes: str) -> str:
    draft = state.get("draft", {})
    logline = draft.get("logline", {})
    cast = [c["name"] for c in draft.get("characters", [])]
    beat = beats[index]
    seconds = scene_budget_s(state.get("target_seconds", 120), len(beats))
    actions, lines = line_counts(seconds)
    before = (
        " ".join(b.summary for b in beats[max(0, index - 2) : index]) or "(this is the opening)"
    )
    return SCENE.format(
        title=logline.get("title", ""),
        genre=genre_name(state),
        logline=logline.get("logline", ""),
        cast=", ".join(cast),
        before=before,
        number=index + 1,
        total=len(beats),
        heading=f"{beat.interior}. {beat.place.upper()} - {beat.time_of_day}",
        summary=beat.summary,
        seconds=round(seconds),
        actions=actions,
        lines=lines,
        speakers=", ".join(beat.characters or cast),
        notes=notes,
    )


async def _model_repair(
    screenplay: Screenplay, state: State, runtime: Runtime[Context], language: str
) -> Screenplay:
    """One model pass over what the validator reports; failures fall through to the rules."""
    context = runtime.context
    target = state.get("target_seconds", context.target_seconds)
    limit = runtime_limit(target, context.max_seconds)
    issues = stage_issues("scenes", screenplay, cap_s=limit, size=context.size)
    codes = {i.code for i in issues}
    report = " ".join(str(i) for i in issues)
    try:
        if "unknown-speaker" in codes:
            known = {c.name.lower() for c in screenplay.characters}
            missing = sorted(
                {
                    line.speaker
                    for s in screenplay.scenes
                    for line in s.dialogue
                    if line.speaker.lower() not in known
                }
            )
            prompt = MISSING_CHARACTERS.format(
                issues=report,
                title=screenplay.title,
                genre=screenplay.genre.english,
                names=", ".join(missing),
            )
            cast = await ask_model(
                runtime,
                CastDraft,
                stage_messages(language, prompt),
                stage="repair",
                language=language,
                retry_inline=True,
            )
            wanted = {m.lower() for m in missing}
            extra = [p for p in to_profiles(cast) if p.name.lower() in wanted]
            screenplay = screenplay.model_copy(
                update={"characters": [*screenplay.characters, *extra][:8]}
            )
        if "too-long" in codes:
            budget = scene_budget_s(target, len(screenplay.scenes))
            longest = sorted(screenplay.scenes, key=estimate_scene_seconds, reverse=True)[:2]
            scenes = {s.number: s for s in screenplay.scenes}
            actions, lines = line_counts(budget)
            for scene in longest:
                prompt = SHORTEN_SCENE.format(
                    issues=report,
                    number=scene.number,
                    heading=scene.heading,
                    seconds=round(budget),
                    actions=actions,
                    lines=lines,
                    scene=scene.model_dump_json(include={"action", "dialogue", "visual"}),
                )
                rewrite = await ask_model(
                    runtime,
                    SceneDraft,
                    stage_messages(language, prompt),
                    stage="repair",
                    language=language,
                    retry_inline=True,
                )
                beat = BeatDraft(
                    place=scene.place[:60],
                    summary=(scene.action or ["-"])[0][:200],
                    interior="EXT" if scene.interior == "EXT" else "INT",
                )
                shorter = to_scene(
                    scene.number, beat, rewrite, [c.name for c in screenplay.characters]
                )
                scenes[scene.number] = shorter.model_copy(
                    update={
                        "time_of_day": scene.time_of_day,
                        "interior": scene.interior,
                        "characters": scene.characters or shorter.characters,
                    }
                )
            screenplay = screenplay.model_copy(update={"scenes": list(scenes.values())})
    except StageFailure:
        pass
    return screenplay


async def write_scenes(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stage 4: every scene, then validate and repair the whole draft."""
    language, genre = state.get("language", "en"), state.get("genre")
    draft = dict(state.get("draft", {}))
    beats = [BeatDraft.model_validate(b) for b in draft.get("beats", [])]
    cast = [c["name"] for c in draft.get("characters", [])]
    done = [Scene.model_validate(s) for s in draft.get("scenes", [])][: len(beats)]
    passages = await ground(f"{state.get('idea', '')} scene dialogue subtext visual", genre)
    notes = notes_text(passages, total=700)
    for index in range(len(done), len(beats)):
        emit_progress(
            "scenes", f"Writing scene {index + 1} of {len(beats)}", index / max(1, len(beats))
        )
        prompt = _scene_prompt(state, beats, index, notes)
        schema = scene_schema(
            *line_counts(scene_budget_s(state.get("target_seconds", 120), len(beats)))
        )
        try:
            scene_draft = await ask_model(
                runtime,
                schema,
                stage_messages(language, prompt),
                stage="scenes",
                language=language,
                retry_inline=True,
            )
        except StageFailure as exc:
            failed = stage_failed("write_scenes", exc)
            failed["draft"] = {**draft, "scenes": [s.model_dump() for s in done]}
            return failed
        done.append(to_scene(index + 1, beats[index], scene_draft, cast))
    draft["scenes"] = [s.model_dump() for s in done]
    screenplay = with_estimates(draft_screenplay({**state, "draft": draft}))
    screenplay = with_estimates(await _model_repair(screenplay, state, runtime, language))
    screenplay, notes_done = checked("scenes", screenplay, state, runtime)
    runtime_s = estimate_runtime(screenplay)
    emit_progress("scenes", f"{len(screenplay.scenes)} scenes, about {runtime_s:.0f} s", 1.0)
    draft.update(
        characters=[c.model_dump() for c in screenplay.characters],
        scenes=[s.model_dump() for s in screenplay.scenes],
        notes=notes_done,
    )
    listing = "\n".join(
        f"{s.number}. {s.heading} (~{s.duration_s:.0f} s): {(s.action or [''])[0]}"
        for s in screenplay.scenes
    )
    header = (
        f"场景（约{minutes_text(runtime_s, 'zh')}）："
        if language == "zh"
        else f"Scenes (about {minutes_text(runtime_s, 'en')}):"
    )
    return {
        "draft": draft,
        "messages": [AIMessage(f"{header}\n{listing}")],
        "resume_stage": None,
        "sources": cited(passages),
    }
