"""Production: one render task per scene (``Send`` fan-out), then film, cover and exports.

Scenes render in parallel up to ``Context.render_concurrency`` and each announces its clip
as soon as it is done. A scene that fails is reported (a ``failure`` event for its line)
while the others finish; only transient render errors are retried
(``RenderError(final=False)``), because retrying a refused or broken scene just burns time.
A failed scene stops the film: it is not stitched, the turn fails naming the scenes, and
the person chooses to retry them (the segment cache keeps the rest) or to cut the film
without them (:mod:`agent.production.choices`).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import RetryPolicy, Send
from typing_extensions import TypedDict

from agent.context import Context
from agent.events import (
    current_writer,
    emit_artefact,
    emit_failure,
    emit_progress,
    progress_event,
    threadsafe_writer,
)
from agent.exports import project_folder
from agent.messages import say
from agent.production.choices import read_choice
from agent.production.cluster import render_segment, scene_slots
from agent.production.report import (
    failed_numbers,
    film_summary,
    first_reason,
    local_progress,
    public_reason,
    relative_path,
    scene_failed,
    scene_outcome,
    start_message,
    unfinished,
)
from agent.production.resume import finish_render, render_step, start_render
from agent.production.sheets import approve_render
from agent.production.spending import declined, over_budget_reason
from agent.state import State
from film.screenplay import Project, Screenplay
from tools.assembly import production as assembly
from tools.assembly.production import ProductionSettings
from tools.backends.base import RenderError

log = logging.getLogger(__name__)
RENDER_ATTEMPTS = 3
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary()
)


def is_transient_render(exc: BaseException) -> bool:
    """Retry only render errors that say a second try may work."""
    return isinstance(exc, RenderError) and not exc.final


RENDER_RETRY = RetryPolicy(
    max_attempts=RENDER_ATTEMPTS, initial_interval=1.0, retry_on=is_transient_render
)


class RenderTask(TypedDict):
    """What one ``render_scene`` branch receives through ``Send``."""

    scene_number: int
    total: int
    screenplay: dict[str, Any]
    project_dir: str
    settings: dict[str, Any]
    language: str
    announce: bool
    """Post the scene's preview even when it comes from the cache (False on a retry of
    other scenes: the person has seen this one already)."""
    leave_out: bool
    """The person chose to cut the film without this scene: it is not rendered."""
    render_id: str
    """The film render this scene belongs to (its marker in the project folder)."""
    over_budget: bool
    """The budget does not reach this scene: it is reported as not rendered, for that."""


def _render_slots(limit: int) -> asyncio.Semaphore:
    """A semaphore per event loop and limit, bounding concurrent renders."""
    per_loop = _slots.setdefault(asyncio.get_running_loop(), {})
    limit = max(1, limit)
    if limit not in per_loop:
        per_loop[limit] = asyncio.Semaphore(limit)
    return per_loop[limit]


def _settings(context: Context) -> ProductionSettings:
    width, height = context.size
    return ProductionSettings(
        backend=context.render_backend,
        width=width,
        height=height,
        concurrency=min(8, max(1, context.render_concurrency)),
        budget=context.budget if context.budget > 0 else None,
    )


async def plan_production(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Check there is a screenplay and fix this run's settings, folder and scene choices."""
    language = state.get("language", "en")
    project = Project.model_validate(state["project"]) if state.get("project") else None
    screenplay = project.screenplay if project else None
    if project is None or screenplay is None:
        message = say("nothing_to_render", language)
        return {"messages": [AIMessage(message)], "error": message}
    folder = project_folder(state, runtime.context, project.slug)
    settings = _settings(runtime.context)
    numbers = [scene.number for scene in screenplay.scenes]
    choice = read_choice(state)
    leave_out = [n for n in choice.get("leave_out", []) if n in numbers]
    before = state.get("production") or {}
    failed_before = before.get("failed_scenes") if before.get("version") == project.current else []
    retry = [n for n in failed_before or [] if n in numbers and n not in leave_out]
    focus = retry if choice.get("retry_failed") and retry else []
    if not focus and not leave_out:
        focus = numbers
    update: dict[str, Any] = {
        "scene_results": None,
        "project_dir": str(folder),
        "error": None,
        "production": {
            "project_dir": str(folder),
            "settings": settings.model_dump(),
            "version": project.current,
            "focus": focus,
            "leave_out": leave_out,
            "allow_partial": bool(choice.get("allow_partial")),
            "language": language,
        },
    }
    gate = await approve_render(state, runtime.context, screenplay, update["production"])
    if gate is not None:  # declined (cost or sheets), or not priced: nothing is spent
        return {**update, **gate}
    if state.get("request") != "cover":
        marker = await asyncio.to_thread(
            start_render, folder, update["production"], screenplay.title
        )
        update["production"]["render_id"] = marker.render_id if marker else ""
        text = start_message(
            screenplay,
            language,
            leave_out=leave_out,
            focus=focus,
            resumes=bool(marker and marker.resumes),
            size=f"{settings.width}x{settings.height}",
        )
        update["messages"] = [AIMessage(text)]
        emit_progress("render", say("render_progress_start", language, scenes=len(numbers)), 0.0)
    return update


def fan_out(state: State) -> list[Send] | str:
    """One ``render_scene`` branch per scene, or straight to the cover when that is all."""
    if state.get("error") or declined(state):
        return END
    if state.get("request") == "cover":
        return "make_cover"
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    assert screenplay is not None
    production = state.get("production", {})
    focus, leave_out = set(production.get("focus") or ()), set(production.get("leave_out") or ())
    return [
        Send(
            "render_scene",
            RenderTask(
                scene_number=scene.number,
                total=len(screenplay.scenes),
                screenplay=screenplay.model_dump(mode="json"),
                project_dir=production["project_dir"],
                settings=production["settings"],
                language=str(production.get("language") or state.get("language") or "en"),
                announce=scene.number in focus,
                leave_out=scene.number in leave_out,
                render_id=str(production.get("render_id") or ""),
                over_budget=scene.number in (production.get("over_budget") or ()),
            ),
        )
        for scene in screenplay.scenes
    ]


async def render_scene(task: RenderTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Render one scene to a cached segment; failures become a result, not an exception."""
    number, total = task["scene_number"], task["total"]
    language = task.get("language") or "en"
    if task.get("leave_out"):
        return {"scene_results": [scene_outcome(number, None, left_out=True)]}
    writer = threadsafe_writer(current_writer())
    if task.get("over_budget"):
        reason = over_budget_reason(task["settings"], language)
        return scene_failed(writer, number, total, reason, language)
    screenplay = Screenplay.model_validate(task["screenplay"])
    settings = ProductionSettings.model_validate(task["settings"])
    folder = Path(task["project_dir"])

    def progress(message: str, fraction: float | None = None) -> None:
        writer(
            progress_event(f"scene {number}", local_progress(message, fraction, language), fraction)
        )

    info = getattr(runtime, "execution_info", None)
    last_attempt = int(getattr(info, "node_attempt", 1) or 1) >= RENDER_ATTEMPTS
    # Waiting for a slot counts as working; a stopped turn leaves the render resumable.
    with render_step(task, only_when_cancelled=True):
        async with _render_slots(scene_slots(runtime.context.render_concurrency)):
            try:
                result = await render_segment(screenplay, number, folder, settings, progress)
            except Exception as exc:
                if is_transient_render(exc) and not last_attempt:
                    raise
                log.warning("scene %s failed: %r", number, exc)
                reason = public_reason(str(exc) or type(exc).__name__, folder)
                return scene_failed(writer, number, total, reason, language)
    if result.error and getattr(result, "transient", False) and not last_attempt:
        raise RenderError(result.error, final=False)  # let the RetryPolicy try again
    if result.error or not result.path:
        reason = public_reason(result.reason or result.error or "no segment", folder)
        return scene_failed(writer, number, total, reason, language)
    if task.get("announce", True) or not result.cached:
        emit_artefact("scene", result.path, scene=number)
    progress(say("scene_done", language), 1.0)
    done = say("render_progress_scene_done", language, number=number, total=total)
    writer(progress_event("render", done, None))
    return {"scene_results": [scene_outcome(number, result)]}


async def assemble(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Join the rendered scenes into the film and its subtitles, or say what is missing.

    The film is only stitched when every scene rendered, or when the person accepted a
    cut without the missing ones (``leave_out`` / ``allow_partial``). A render that ends
    here without a film has ended: its marker goes (the reply says what to do next).
    """
    production = state.get("production") or {}
    with render_step(production):
        update = await _assemble(state, runtime)
    if update.get("error"):
        finish_render(production)
    return update


async def _assemble(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    language = state.get("language", "en")
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    assert screenplay is not None
    production = dict(state["production"])
    results = sorted(state.get("scene_results", []), key=lambda r: r["scene"])
    failed = failed_numbers(results)
    rendered = [r for r in results if not r.get("error") and not r.get("left_out")]
    if failed and (not production.get("allow_partial") or not rendered):
        return unfinished(production, failed, first_reason(results, ""), language, rendered)
    if not rendered:
        message = say("film_failed", language, reason="no scene left to film")
        return {"messages": [AIMessage(message)], "error": message}
    folder = Path(production["project_dir"])
    settings = ProductionSettings.model_validate(production["settings"])
    writer = threadsafe_writer(current_writer())

    def progress(message: str, fraction: float | None = None) -> None:
        writer(progress_event("assemble", local_progress(message, fraction, language), fraction))

    emit_progress("assemble", say("joining_scenes", language), 0.0)
    try:
        film = await asyncio.to_thread(
            assembly.assemble_film, screenplay, folder, settings, progress
        )
    except Exception as exc:  # ProductionError and encoder failures: report, keep the state
        log.warning("assembly failed: %r", exc)
        reason = public_reason(str(exc) or type(exc).__name__, folder)
        emit_failure("assemble", reason)
        message = say("assembly_failed", language, reason=reason)
        return {"messages": [AIMessage(message)], "error": message}
    accepted = {*production.get("leave_out", ()), *failed}
    unexpected = sorted(set(film.missing_scenes) - accepted)
    if unexpected and not production.get("allow_partial"):
        return unfinished(production, unexpected, "no finished segment", language, rendered)
    for r in rendered:
        if r.get("path"):
            project.artefacts.scene_clips[int(r["scene"])] = relative_path(r["path"], folder)
    project.artefacts.film = relative_path(film.path, folder)
    emit_artefact("film", film.path)
    project.artefacts.subtitles = relative_path(film.srt_path, folder) if film.srt_path else None
    if film.srt_path:
        emit_artefact("srt", film.srt_path)
    done = film_summary(film, screenplay, language)
    missing = sorted(set(film.missing_scenes))
    production.update(film=str(film.path), summary=done, failed_scenes=[], left_out=missing)
    return {"project": project.model_dump(mode="json"), "production": production}


def after_assemble(state: State) -> str:
    """Stop when no film came out; otherwise make the cover."""
    return END if state.get("error") else "make_cover"
