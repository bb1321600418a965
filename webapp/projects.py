"""One project folder per user and conversation, and the gate every served file passes.

Each chat thread writes into ``data/projects/<user>/<thread>``. The user part is a slug
of the login name plus a short hash of the exact name, so "Alice" and "alice" (the same
slug) still get different folders. Before the app attaches any file the graph announced,
:func:`checked_artefact` confirms it lies inside that thread's folder: a path that points
anywhere else is never shown, whatever produced it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from film.paths import UnsafePathError, data_dir, resolve_inside, safe_slug

log = logging.getLogger(__name__)


def user_slug(identifier: str) -> str:
    """A folder name for a login that is safe on disk and unique per exact name."""
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8]
    return f"{safe_slug(identifier, fallback='user', max_length=32)}-{digest}"


def project_folder(identifier: str, thread_id: str, home: Path | None = None) -> Path:
    """The folder of one user's conversation (not created until the graph writes to it)."""
    root = (home or data_dir()) / "projects"
    return resolve_inside(root, user_slug(identifier),
                          safe_slug(thread_id, fallback="thread", max_length=64))


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
