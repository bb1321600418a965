"""The last production steps: cover, up-to-date screenplay files, editable timelines, bundle.

These run after the film exists (or alone, for "make the cover"). A failure here costs
one extra file, never the film, so each step reports its error and the run goes on.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.finalize import export_current
from agent.events import emit_artefact, emit_progress
from agent.exports import project_folder
from agent.messages import say
from agent.production.report import public_reason
from agent.production.resume import finish_render, render_step
from agent.production.spending import cover_spending
from agent.state import State
from film.paths import resolve_inside
from film.screenplay import Project
from tools.assembly.settings import ProductionSettings
from tools.documents.bundle import make_bundle
from tools.handoff import export_handoff, handoff_folder
from tools.picture.cover import make_cover as draw_cover

log = logging.getLogger(__name__)


async def make_cover(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Draw the cover for the version in use."""
    with render_step(state.get("production") or {}):
        return await _make_cover(state, runtime)


async def _make_cover(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    language = state.get("language", "en")
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    assert screenplay is not None
    folder = project_folder(state, runtime.context, project.slug)
    emit_progress("cover", say("cover_drawing", language), 0.0)
    out_path = resolve_inside(folder, "cover.png")
    production = state.get("production") or {}
    backend, spending = cover_spending(production, folder, runtime.context.render_backend)
    try:
        path = await asyncio.to_thread(
            draw_cover, screenplay, out_path, runtime.context.size, backend, spending
        )
    except Exception as exc:
        log.warning("cover failed: %r", exc)
        message = say("cover_failed", language, reason=public_reason(str(exc), folder))
        return {"messages": [AIMessage(message)]} if state.get("request") == "cover" else {}
    project.artefacts.cover = Path(path).resolve().relative_to(folder.resolve()).as_posix()
    emit_artefact("cover", path)
    emit_progress("cover", say("ready", language), 1.0)
    update: dict[str, Any] = {"project": project.model_dump(mode="json")}
    if state.get("request") == "cover":
        update["messages"] = [AIMessage(say("cover_done", language))]
    return update


def editor_handoff(project_dir: Path, project: Project) -> Path | None:
    """The project's editor hand-off folder (timelines, CapCut draft, media), if exported."""
    screenplay = project.screenplay
    if screenplay is None:
        return None
    folder = handoff_folder(project_dir, screenplay.title)
    return folder if folder.is_dir() else None


def after_cover(state: State) -> str:
    """A cover request ends here; a film run goes on to the exports."""
    return END if state.get("request") == "cover" else "deliver"


async def deliver(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Refresh the screenplay files, pack the bundle, and report the finished film.

    This is the end of the film's render: its marker goes.
    """
    production = state.get("production") or {}
    with render_step(production):
        update = await _deliver(state, runtime)
    finish_render(production)
    return update


async def _deliver(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    language = state.get("language", "en")
    update = dict(await export_current(state, runtime))
    project = Project.model_validate(update.get("project") or state["project"])
    production = state.get("production", {})
    folder = Path(
        production.get("project_dir") or project_folder(state, runtime.context, project.slug)
    )
    screenplay = project.screenplay
    if screenplay is not None and production.get("settings"):
        settings = ProductionSettings.model_validate(production["settings"])
        emit_progress("bundle", say("handoff_writing", language), 0.0)
        try:  # the timelines for editors go into the bundle, so they come first
            await asyncio.to_thread(export_handoff, screenplay, folder, settings)
        except Exception as exc:  # a convenience, like the bundle: the film is already saved
            log.warning("editor hand-off failed: %r", exc)
    try:
        emit_progress("bundle", say("bundle_packing", language), 0.0)
        bundle = await asyncio.to_thread(make_bundle, folder)
        project.artefacts.bundle = Path(bundle).resolve().relative_to(folder.resolve()).as_posix()
        emit_artefact("bundle", bundle)
        emit_progress("bundle", say("ready", language), 1.0)
    except Exception as exc:  # the bundle is a convenience; the film is already saved
        log.warning("bundle failed: %r", exc)
    emit_progress("render", say("film_finished", language), 1.0)
    summary = production.get("summary") or ""
    update.update(
        project=project.model_dump(mode="json"),
        stage="ready",
        messages=[AIMessage(summary)] if summary else [],
    )
    return update
