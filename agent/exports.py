"""Writing the version in use to disk as JSON, Fountain and PDF.

One function serves both the first draft and every revision, so the files on disk always
match the version in use whichever path produced it. Names are fixed and pass through
:func:`film.paths.resolve_inside`; every file is written atomically.
"""

from __future__ import annotations

import logging
from pathlib import Path

from film.paths import atomic_output, atomic_write_text, resolve_inside
from film.screenplay import Screenplay

log = logging.getLogger(__name__)


def write_screenplay_files(screenplay: Screenplay, folder: Path) -> dict[str, Path]:
    """Write screenplay.json, screenplay.fountain and (when it can be made) screenplay.pdf."""
    from film.fountain.writer import to_fountain

    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    json_path = resolve_inside(folder, "screenplay.json")
    atomic_write_text(json_path, screenplay.model_dump_json(indent=2))
    written["screenplay"] = json_path
    fountain_path = resolve_inside(folder, "screenplay.fountain")
    atomic_write_text(fountain_path, to_fountain(screenplay))
    written["fountain"] = fountain_path
    try:
        from tools.documents.pdf import screenplay_pdf
    except ImportError:
        return written
    pdf_path = resolve_inside(folder, "screenplay.pdf")
    try:
        with atomic_output(pdf_path) as tmp:
            screenplay_pdf(screenplay, tmp)
        written["pdf"] = pdf_path
    except Exception as exc:  # the PDF is a convenience; the text files are the record
        log.warning("screenplay PDF failed: %s", exc)
    return written
