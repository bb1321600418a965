"""One project folder per user and conversation, and the gate every served file passes.

Each chat thread writes into ``data/projects/<user>/<thread>``
(:func:`film.paths.project_dir`, which the graph's nodes use too). The user part is a slug
of the login name plus a short hash of the exact name, so "Alice" and "alice" (the same
slug) still get different folders. Before the app attaches any file the graph announced,
:func:`checked_artefact` confirms it lies inside that thread's folder: a path that points
anywhere else is never shown, whatever produced it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from film.paths import UnsafePathError, project_dir, resolve_inside

log = logging.getLogger(__name__)


def project_folder(identifier: str, thread_id: str, home: Path | None = None) -> Path:
    """The folder of one user's conversation (not created until the graph writes to it)."""
    return project_dir(user=identifier, thread=thread_id, home=home)


def checked_artefact(path: str | Path, folder: Path) -> Path | None:
    """``path`` resolved, if it is an existing file inside ``folder``; otherwise None."""
    try:
        resolved = resolve_inside(folder, path)
    except UnsafePathError:
        log.warning("refusing to show %s: outside the project folder %s", path, folder)
        return None
    if not resolved.is_file():
        log.warning("refusing to show %s: no such file", resolved)
        return None
    return resolved
