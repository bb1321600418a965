"""One zip of everything a project has exported, for download or hand-over.

People share the film, the screenplay and its subtitles together (festival entries, a
client's review); one archive is easier than six links. Only files that exist go in, the
archive is written atomically, and already-compressed media is stored rather than squeezed
again (deflating an mp4 costs seconds and saves nothing).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from film.paths import atomic_output, resolve_inside, safe_slug

EXPORTS = (
    "screenplay.fountain",
    "screenplay.pdf",
    "subtitles.srt",
    "cover.png",
    "film.mp4",
    "screenplay.json",
)
_STORED = {".mp4", ".png", ".jpg", ".pdf"}


def bundle_name(project_dir: Path) -> str:
    """``<title-slug>-bundle.zip``, from the screenplay's title when it can be read."""
    title = project_dir.name
    try:
        data = json.loads((project_dir / "screenplay.json").read_text(encoding="utf-8"))
        title = str(data.get("title") or data.get("screenplay", {}).get("title") or title)
    except (OSError, ValueError, AttributeError):
        pass
    return f"{safe_slug(title, fallback='film')}-bundle.zip"


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
    with atomic_output(out_path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name in present:
            method = zipfile.ZIP_STORED if Path(name).suffix in _STORED else zipfile.ZIP_DEFLATED
            archive.write(project_dir / name, arcname=name, compress_type=method)
    return out_path
