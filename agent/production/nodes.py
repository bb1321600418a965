"""Production: one render task per scene (``Send`` fan-out), then film, cover and exports.

Scenes render in parallel up to ``Context.render_concurrency`` and each announces its clip
as soon as it is done. A scene that fails is reported and left out while the others
finish; only transient render errors are retried (``RenderError(final=False)``), because
retrying a refused or broken scene just burns time.
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
    emit_progress,
    progress_event,
    threadsafe_writer,
)
from agent.exports import project_folder
from agent.messages import minutes_text, say
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
    )


async def plan_production(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Check there is a screenplay and fix this run's settings and folder."""
    language = state.get("language", "en")
    project = Project.model_validate(state["project"]) if state.get("project") else None
    screenplay = project.screenplay if project else None
    if project is None or screenplay is None:
        message = say("nothing_to_render", language)
        return {"messages": [AIMessage(message)], "error": message}
    folder = project_folder(state, runtime.context, project.slug)
    settings = _settings(runtime.context)
    update: dict[str, Any] = {
        "scene_results": None,
        "project_dir": str(folder),
        "error": None,
        "production": {
            "project_dir": str(folder),
            "settings": settings.model_dump(),
            "version": project.current,
        },
    }
    if state.get("request") != "cover":
        size = f"{settings.width}x{settings.height}"
        update["messages"] = [
            AIMessage(
                say(
                    "production_start",
                    language,
                    title=screenplay.title,
                    scenes=len(screenplay.scenes),
                    size=size,
                )
            )
        ]
        emit_progress("render", f"Rendering {len(screenplay.scenes)} scenes", 0.0)
    return update


def fan_out(state: State) -> list[Send] | str:
    """One ``render_scene`` branch per scene, or straight to the cover when that is all."""
    if state.get("error"):
        return END
    if state.get("request") == "cover":
        return "make_cover"
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    assert screenplay is not None
    production = state.get("production", {})
    return [
        Send(
            "render_scene",
            RenderTask(
                scene_number=scene.number,
                total=len(screenplay.scenes),
                screenplay=screenplay.model_dump(mode="json"),
                project_dir=production["project_dir"],
                settings=production["settings"],
            ),
        )
        for scene in screenplay.scenes
    ]


async def render_scene(task: RenderTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Render one scene to a cached segment; failures become a result, not an exception."""
    number, total = task["scene_number"], task["total"]
    screenplay = Screenplay.model_validate(task["screenplay"])
    settings = ProductionSettings.model_validate(task["settings"])
    writer = threadsafe_writer(current_writer())

    def progress(message: str, fraction: float | None = None) -> None:
        writer(progress_event(f"scene {number}", message, fraction))

    info = getattr(runtime, "execution_info", None)
    last_attempt = int(getattr(info, "node_attempt", 1) or 1) >= RENDER_ATTEMPTS
    async with _render_slots(runtime.context.render_concurrency):
        try:
            result = await asyncio.to_thread(
                assembly.render_scene_segment,
                screenplay,
                number,
                Path(task["project_dir"]),
                settings,
                progress,
            )
        except Exception as exc:
            if is_transient_render(exc) and not last_attempt:
                raise
            log.warning("scene %s failed: %r", number, exc)
            error = str(exc) or type(exc).__name__
            return {
                "scene_results": [
                    {
                        "scene": number,
                        "path": None,
                        "duration_s": 0.0,
                        "cached": False,
                        "error": error,
                    }
                ]
            }
    if result.error and getattr(result, "transient", False) and not last_attempt:
        raise RenderError(result.error, final=False)  # let the RetryPolicy try again
    outcome = {
        "scene": number,
        "path": str(result.path) if result.path else None,
        "duration_s": float(result.duration_s or 0.0),
        "cached": bool(result.cached),
        "error": result.error,
    }
    if result.error is None and result.path:
        emit_artefact("scene", result.path, scene=number)
    writer(progress_event("render", f"Scene {number} of {total} done", None))
    return {"scene_results": [outcome]}


async def assemble(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Join the rendered scenes into the film and its subtitles."""
    language = state.get("language", "en")
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    assert screenplay is not None
    results = sorted(state.get("scene_results", []), key=lambda r: r["scene"])
    failed = [r for r in results if r.get("error")]
    if len(failed) == len(results):
        reason = failed[0]["error"] if failed else "nothing to render"
        message = say("film_failed", language, reason=reason[:200])
        return {"messages": [AIMessage(message)], "error": message}
    production = state["production"]
    folder = Path(production["project_dir"])
    settings = ProductionSettings.model_validate(production["settings"])
    writer = threadsafe_writer(current_writer())

    def progress(message: str, fraction: float | None = None) -> None:
        writer(progress_event("assemble", message, fraction))

    emit_progress("assemble", "Joining the scenes", 0.0)
    try:
        film = await asyncio.to_thread(
            assembly.assemble_film, screenplay, folder, settings, progress
        )
    except Exception as exc:  # ProductionError and encoder failures: report, keep the state
        log.warning("assembly failed: %r", exc)
        message = say("film_failed", language, reason=(str(exc) or type(exc).__name__)[:200])
        return {"messages": [AIMessage(message)], "error": message}
    for r in results:
        if r.get("path") and not r.get("error"):
            project.artefacts.scene_clips[int(r["scene"])] = _relative(r["path"], folder)
    project.artefacts.film = _relative(film.path, folder)
    emit_artefact("film", film.path)
    if film.srt_path:
        project.artefacts.subtitles = _relative(film.srt_path, folder)
        emit_artefact("srt", film.srt_path)
    missing = sorted({*film.missing_scenes, *(r["scene"] for r in failed)})
    notes = ""
    if missing:
        reason = (failed[0]["error"] if failed else "missing segment")[:160]
        notes = say("scenes_failed", language, numbers=", ".join(map(str, missing)), reason=reason)
    done = say(
        "film_done",
        language,
        runtime=minutes_text(film.duration_s, language),
        scenes=len(screenplay.scenes) - len(missing),
        failed=notes,
        folder=folder,
    )
    production = {**production, "film": str(film.path), "summary": done}
    return {"project": project.model_dump(mode="json"), "production": production}


def _relative(path: str | Path, folder: Path) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def after_assemble(state: State) -> str:
    """Stop when no film came out; otherwise make the cover."""
    return END if state.get("error") else "make_cover"
