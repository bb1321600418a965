"""Turning a checked draft into Project version 1, and writing screenplay files to disk.

Files are written atomically into the project folder (the app's ``Context.project_dir``,
or one derived from the title under ``data_dir()/projects``), and each one is announced
with an "artefact" event. The same export runs after every revision, so the files on
disk always match the version in use.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.drafting.stages import draft_screenplay
from agent.events import emit_artefact, emit_progress
from agent.exports import write_screenplay_files
from agent.messages import minutes_text, say
from agent.state import State
from film.form import estimate_runtime, validate_form, with_estimates
from film.paths import data_dir, resolve_inside, safe_slug
from film.repair import deterministic_repair
from film.screenplay import Project

log = logging.getLogger(__name__)


def project_folder(state: State, runtime: Runtime[Context], title: str = "") -> Path:
    """Where this conversation's files go: the app's folder, the one chosen before, or new."""
    if runtime.context.project_dir:
        return Path(runtime.context.project_dir).expanduser().resolve()
    if state.get("project_dir"):
        return Path(state["project_dir"])
    info = getattr(runtime, "execution_info", None)
    thread = str(getattr(info, "thread_id", "") or "")
    suffix = hashlib.sha1(thread.encode("utf-8")).hexdigest()[:8]
    name = f"{safe_slug(title or 'film', max_length=40)}-{suffix}"
    return resolve_inside(data_dir() / "projects", name)


def record_exports(project: Project, folder: Path, written: dict[str, Path]) -> None:
    """Note the written files in the project's artefacts (relative) and announce them."""
    fields = {"screenplay": "screenplay_json", "fountain": "fountain", "pdf": "pdf"}
    for kind, path in written.items():
        setattr(project.artefacts, fields[kind], path.relative_to(folder).as_posix())
        emit_artefact(kind, path)  # type: ignore[arg-type]


async def finalize_draft(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Commit the checked draft as version 1, write its files, and tell the user."""
    language = state.get("language", "en")
    context = runtime.context
    screenplay = with_estimates(draft_screenplay(state))
    issues = validate_form(screenplay, cap_s=context.max_seconds, size=context.size)
    notes = list(state.get("draft", {}).get("notes", []))
    if issues:
        screenplay, more = deterministic_repair(screenplay, issues, limit_s=context.max_seconds)
        notes += more
    project = Project(slug=safe_slug(screenplay.title))
    version = project.commit(screenplay, "First draft")
    folder = project_folder(state, runtime, screenplay.title)
    emit_progress("finalize", "Writing the screenplay files", 0.5)
    written = await asyncio.to_thread(write_screenplay_files, screenplay, folder)
    record_exports(project, folder, written)
    runtime_s = estimate_runtime(screenplay)
    emit_progress("finalize", f"Version {version.number} saved", 1.0)
    repaired = say("repair_notes", language, notes="; ".join(notes)) if notes else ""
    message = say("draft_done", language, version=version.number, title=screenplay.title,
                  scenes=len(screenplay.scenes), runtime=minutes_text(runtime_s, language),
                  notes=repaired)
    return {
        "project": project.model_dump(mode="json"), "project_dir": str(folder),
        "exported_version": version.number, "stage": "ready", "draft": {},
        "messages": [AIMessage(message)], "resume_stage": None,
    }


async def export_current(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """After a revision: rewrite the screenplay files if the version in use changed."""
    if not state.get("project"):
        return {}
    project = Project.model_validate(state["project"])
    screenplay = project.screenplay
    if screenplay is None or state.get("exported_version") == project.current:
        return {}
    folder = project_folder(state, runtime, screenplay.title)
    written = await asyncio.to_thread(write_screenplay_files, screenplay, folder)
    record_exports(project, folder, written)
    return {"project": project.model_dump(mode="json"), "project_dir": str(folder),
            "exported_version": project.current}
