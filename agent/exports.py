"""The project folder, and writing the version in use to it as JSON, Fountain and PDF.

One folder rule (:func:`film.paths.project_dir`) and one export serve the first draft,
every revision and the finished film, so the files on disk always match the version in
use whichever path produced it. Names are fixed and pass through
:func:`film.paths.resolve_inside`; every file is written atomically, noted in the
project's artefacts and announced with an "artefact" event.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langgraph.config import get_config

from agent.context import Context
from agent.events import emit_artefact
from film.fountain.writer import to_fountain
from film.paths import atomic_output, atomic_write_text, project_dir, resolve_inside
from film.screenplay import Project, Screenplay

log = logging.getLogger(__name__)
_ARTEFACT_FIELDS = {"screenplay": "screenplay_json", "fountain": "fountain", "pdf": "pdf"}

if TYPE_CHECKING:
    from tools.documents.pdf_process import PdfProcess

_pdf_process: PdfProcess | None = None
"""Set by a server (:func:`typeset_pdfs_apart`); None typesets in the calling thread."""


def typeset_pdfs_apart() -> PdfProcess:
    """From now on, typeset screenplay PDFs in a spare process (the web server calls this).

    See :mod:`tools.documents.pdf_process` for why: the font subset holds the GIL for up to a
    second, and a server's other conversations must not wait on it.
    """
    global _pdf_process
    from tools.documents.pdf_process import PdfProcess

    if _pdf_process is None:
        _pdf_process = PdfProcess()
    return _pdf_process


def stop_typesetting_apart() -> None:
    """Stop the spare PDF process, if one runs; PDFs are typeset in the calling thread again."""
    global _pdf_process
    process, _pdf_process = _pdf_process, None
    if process is not None:
        process.close()


def _thread_id() -> str:
    """The running conversation's thread; empty outside a graph run or a checkpointed one."""
    try:
        return str(get_config().get("configurable", {}).get("thread_id") or "")
    except RuntimeError:
        return ""


def project_folder(state: Mapping[str, Any], context: Context, name: str = "") -> Path:
    """Where this conversation's files go: the app's folder, the one used before, or new.

    ``name`` (the project's slug) names a new folder; see :func:`film.paths.project_dir`.
    """
    return project_dir(
        chosen=context.project_dir,
        remembered=state.get("project_dir"),
        thread=_thread_id(),
        name=name,
    )


def write_screenplay_files(screenplay: Screenplay, folder: Path) -> dict[str, Path]:
    """Write screenplay.json, screenplay.fountain and (when it can be made) screenplay.pdf."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    json_path = resolve_inside(folder, "screenplay.json")
    atomic_write_text(json_path, screenplay.model_dump_json(indent=2))
    written["screenplay"] = json_path
    fountain_path = resolve_inside(folder, "screenplay.fountain")
    atomic_write_text(fountain_path, to_fountain(screenplay))
    written["fountain"] = fountain_path
    try:
        # Imported here: fpdf and fontTools take a second or more to load, and a studio
        # without the PDF tool still writes the text files.
        from tools.documents.pdf import screenplay_pdf
    except ImportError:
        return written
    pdf_path = resolve_inside(folder, "screenplay.pdf")
    typeset = _pdf_process.typeset if _pdf_process is not None else screenplay_pdf
    try:
        with atomic_output(pdf_path) as tmp:
            typeset(screenplay, tmp)
        written["pdf"] = pdf_path
    except Exception as exc:  # the PDF is a convenience; the text files are the record
        log.warning("screenplay PDF failed: %s", exc)
    return written


async def export_screenplay(project: Project, folder: Path) -> dict[str, Path]:
    """Write the version in use, note the files in ``project.artefacts`` and announce them.

    The files are written in a worker thread (the PDF takes about a second) so other
    conversations keep streaming; the artefact events go out from the running node.
    """
    screenplay = project.screenplay
    if screenplay is None:
        return {}
    written = await asyncio.to_thread(write_screenplay_files, screenplay, folder)
    for kind, path in written.items():
        setattr(project.artefacts, _ARTEFACT_FIELDS[kind], path.relative_to(folder).as_posix())
        emit_artefact(kind, path)  # type: ignore[arg-type]
    return written
