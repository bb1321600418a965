"""Writing the revised screenplay into the project folder, and saying so.

Every revision rewrites screenplay.json and screenplay.fountain (and the PDF when the PDF
tool is installed) so the files on disk always match the version in use. File names are
fixed; the folder comes from the app's settings or the conversation, and a folder derived
from the project's name goes through :func:`film.paths.safe_slug` and
:func:`film.paths.resolve_inside`, so nothing a user types can move a write elsewhere.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from agent.context import Context
from agent.events import emit_artefact
from agent.exports import write_screenplay_files
from film.paths import (
    data_dir,
    resolve_inside,
    safe_slug,
)
from film.screenplay import Project

log = logging.getLogger(__name__)
_ARTEFACT_FIELDS = {"screenplay": "screenplay_json", "fountain": "fountain", "pdf": "pdf"}


def project_folder(state: dict[str, Any], context: Context, project: Project) -> Path:
    """The conversation's project folder: the app's, the one used before, or a new one."""
    if context.project_dir:
        return Path(context.project_dir).expanduser().resolve()
    if state.get("project_dir"):
        return Path(str(state["project_dir"])).expanduser().resolve()
    return resolve_inside(data_dir() / "projects", safe_slug(project.slug))


def export_revision(project: Project, folder: Path) -> dict[str, Path]:
    """Write the current version's files, note them in the project and announce them."""
    screenplay = project.screenplay
    if screenplay is None:
        return {}
    written = write_screenplay_files(screenplay, folder)
    for kind, path in written.items():
        setattr(project.artefacts, _ARTEFACT_FIELDS[kind], path.relative_to(folder).as_posix())
        emit_artefact(kind, path)  # type: ignore[arg-type]
    return written
