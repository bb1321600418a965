"""Turning a checked draft into Project version 1, and keeping the files on disk current.

Both steps write through :func:`agent.exports.export_screenplay` into the conversation's
project folder (:func:`agent.exports.project_folder`), which announces each file with an
"artefact" event. The same export runs after every revision, so the files on disk always
match the version in use.
"""

from __future__ import annotations

import logging
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.stages import draft_screenplay, said_notes
from agent.events import emit_progress
from agent.exports import export_screenplay, project_folder
from agent.messages import minutes_text, say
from agent.state import State
from film.form import estimate_runtime, validate_form, with_estimates
from film.paths import safe_slug
from film.quality.names import names_said_once
from film.repair import deterministic_repair
from film.screenplay import Project

log = logging.getLogger(__name__)


async def finalize_draft(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Commit the checked draft as version 1, write its files, and tell the user."""
    language = state.get("language", "en")
    context = runtime.context
    screenplay = with_estimates(names_said_once(draft_screenplay(state)))
    issues = validate_form(screenplay, cap_s=context.max_seconds, size=context.size)
    notes = list(state.get("draft", {}).get("notes", []))
    if issues:
        screenplay, more = deterministic_repair(screenplay, issues, limit_s=context.max_seconds)
        notes += said_notes(more, language)
    project = Project(slug=safe_slug(screenplay.title))
    version = project.commit(screenplay, "First draft")
    folder = project_folder(state, context, project.slug)
    emit_progress("finalize", say("progress_files", language), 0.5)
    await export_screenplay(project, folder)
    runtime_s = estimate_runtime(screenplay)
    emit_progress("finalize", say("progress_saved", language, number=version.number), 1.0)
    repaired = say("repair_notes", language, notes="; ".join(notes)) if notes else ""
    message = say(
        "draft_done",
        language,
        version=version.number,
        title=screenplay.title,
        scenes=len(screenplay.scenes),
        runtime=minutes_text(runtime_s, language),
        notes=repaired,
    )
    return {
        "project": project.model_dump(mode="json"),
        "project_dir": str(folder),
        "exported_version": version.number,
        "stage": "ready",
        "draft": {},
        "messages": [AIMessage(message)],
        "resume_stage": None,
    }


async def export_current(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """After a revision: rewrite the screenplay files if the version in use changed."""
    if not state.get("project"):
        return {}
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    if screenplay is None or state.get("exported_version") == project.current:
        return {}
    folder = project_folder(state, runtime.context, project.slug)
    await export_screenplay(project, folder)
    return {
        "project": project.model_dump(mode="json"),
        "project_dir": str(folder),
        "exported_version": project.current,
    }
