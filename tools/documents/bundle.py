"""One zip of everything a project has exported, for download or hand-over.

People share the film, the screenplay and its subtitles together (festival entries, a
client's review); one archive is easier than six links. The editor hand-off folder
(``<title>-edit/``: timelines, CapCut draft and their media, :mod:`tools.handoff`) goes in
whole, with its relative paths intact. Only files that exist go in, the archive is written
atomically, and already-compressed media is stored rather than squeezed again (deflating
an mp4 costs seconds and saves nothing).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from film.paths import atomic_output, resolve_inside, safe_slug
from tools.handoff import handoff_folder

EXPORTS = (
    "screenplay.fountain",
    "screenplay.pdf",
    "subtitles.srt",
    "cover.png",
    "film.mp4",
    "screenplay.json",
)
_STORED = {".mp4", ".png", ".jpg", ".pdf", ".wav"}


def _title(project_dir: Path) -> str:
    """The screenplay's title when it can be read, else the folder's name."""
    try:
        data = json.loads((project_dir / "screenplay.json").read_text(encoding="utf-8"))
        return str(data.get("title") or data.get("screenplay", {}).get("title") or "")
    except (OSError, ValueError, AttributeError):
        return ""


def bundle_name(project_dir: Path) -> str:
    """``<title-slug>-bundle.zip``, from the screenplay's title when it can be read."""
    return f"{safe_slug(_title(project_dir) or project_dir.name, fallback='film')}-bundle.zip"


def _handoff_files(project_dir: Path) -> list[str]:
    """The editor hand-off folder's files, relative to the project (none if not exported)."""
    title = _title(project_dir)
    folder = handoff_folder(project_dir, title) if title else None
    if folder is None or not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [p.relative_to(project_dir.resolve()).as_posix() for p in files]


def make_bundle(project_dir: Path) -> Path:
    """Zip the project's exports (whatever exists of :data:`EXPORTS`) into the project folder.

    Raises:
        FileNotFoundError: when the folder has none of the exports yet.
    """
    project_dir = Path(project_dir)
    present = [name for name in EXPORTS if (project_dir / name).is_file()]
    if not present:
        raise FileNotFoundError(
            f"Nothing to bundle in {project_dir.name!r} yet: write the screenplay or render "
            "the film first."
        )
    out_path = resolve_inside(project_dir, bundle_name(project_dir))
    if "film.mp4" in present:
        present += _handoff_files(project_dir)
    with atomic_output(out_path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name in present:
            method = zipfile.ZIP_STORED if Path(name).suffix in _STORED else zipfile.ZIP_DEFLATED
            archive.write(project_dir / name, arcname=name, compress_type=method)
    return out_path
