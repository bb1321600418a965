"""Writing the hand-off folder: ``<title>-edit/`` next to ``film.mp4``.

One self-contained folder, because every format in it points at the same media by
relative path and a person moves, zips or copies it as one thing::

    <title>-edit/
        <title>.otio  <title>.fcpxml  <title>.edl  <title>.srt
        draft_content.json  draft_meta_info.json      (the folder is also a 剪映/CapCut draft)
        media/01-title.mp4 … NN-end.mp4  music.wav

The folder is built under a temporary name and swapped into place whole, so a reader (the
bundle, the CLI, an editor) sees the old export or the new one, never half of one. It is
skipped when it already describes the current film (the film's key is stamped in it).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from film.paths import atomic_write_text, resolve_inside, safe_slug
from film.screenplay import Screenplay
from tools.assembly.settings import ProductionSettings
from tools.handoff.capcut import DRAFT_CONTENT, finish_draft, start_draft
from tools.handoff.cut import Cut, HandoffError, film_cut
from tools.handoff.editors import edl_text, fcpxml_text
from tools.handoff.media import MEDIA_DIR, MUSIC_NAME, place_media, write_music_stem
from tools.handoff.timeline import build_timeline, timeline_text
from tools.subtitles.cues import Cue, to_srt

EDIT_SUFFIX = "-edit"
STAMP_NAME = ".handoff.json"
EXPORT_VERSION = 1  # bump when the files' layout changes, so old exports are redone


@dataclass(frozen=True)
class Handoff:
    """The written hand-off: its folder and each file in it."""

    folder: Path
    otio: Path
    fcpxml: Path
    edl: Path
    srt: Path | None
    capcut_draft: Path
    music: Path | None
    reused: bool = False


def handoff_folder(project_dir: Path, title: str) -> Path:
    """``<project>/<title slug>-edit``: where the hand-off of the film called ``title`` goes."""
    return resolve_inside(Path(project_dir), f"{safe_slug(title, fallback='film')}{EDIT_SUFFIX}")


def export_handoff(
    screenplay: Screenplay, project_dir: Path, settings: ProductionSettings | None = None
) -> Handoff:
    """Write (or reuse) the editable timelines of the assembled ``film.mp4`` in ``project_dir``.

    Raises:
        HandoffError: when there is no film, or it is not the cut of the current scenes.
    """
    settings = settings or ProductionSettings()
    project_dir = Path(project_dir)
    final = handoff_folder(project_dir, screenplay.title)
    try:
        cut = film_cut(screenplay, project_dir, settings)
    except HandoffError:  # an older export describes another cut: it must not be handed on
        _swap_out(final)
        raise
    slug = final.name.removesuffix(EDIT_SUFFIX)
    if _is_current(final, slug, cut):
        return _described(final, slug, cut, reused=True)
    _sweep(final)
    work = final.with_name(f".{final.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    try:
        _write(work, slug, cut)
        _swap_in(work, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _described(final, slug, cut, reused=False)


def _write(work: Path, slug: str, cut: Cut) -> None:
    script = start_draft(work, cut)  # creates the folder
    place_media(cut, work)
    music = write_music_stem(cut, work)
    srt = None
    if cut.captions:
        srt = work / f"{slug}.srt"
        cues = [Cue(c.start_s, c.end_s, c.text, c.speaker) for c in cut.captions]
        atomic_write_text(srt, to_srt(cues))
    timeline = build_timeline(cut, music=music is not None)
    atomic_write_text(work / f"{slug}.otio", timeline_text(timeline))
    atomic_write_text(work / f"{slug}.fcpxml", fcpxml_text(timeline, cut))
    atomic_write_text(work / f"{slug}.edl", edl_text(cut))
    finish_draft(script, work, cut, music, srt)
    stamp = {"version": EXPORT_VERSION, "film_key": cut.film_key}
    atomic_write_text(work / STAMP_NAME, json.dumps(stamp))


def _swap_in(work: Path, final: Path) -> None:
    """Put the finished ``work`` folder at ``final``, replacing an older export whole."""
    retired = final.with_name(f".{final.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.old")
    if final.exists():
        os.replace(final, retired)
    os.replace(work, final)
    shutil.rmtree(retired, ignore_errors=True)


def _swap_out(final: Path) -> None:
    """Remove the export at ``final`` (renamed away first, so it vanishes at once)."""
    if final.exists():
        retired = final.with_name(f".{final.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.old")
        os.replace(final, retired)
        shutil.rmtree(retired, ignore_errors=True)


def _sweep(final: Path) -> None:
    """Remove what an export killed part-way left beside ``final`` (its process is gone)."""
    for leftover in final.parent.glob(f".{final.name}.*"):
        parts = leftover.name.removeprefix(f".{final.name}.").split(".")
        if parts[0].isdigit() and not _alive(int(parts[0])):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_current(final: Path, slug: str, cut: Cut) -> bool:
    try:
        stamp = json.loads((final / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp != {"version": EXPORT_VERSION, "film_key": cut.film_key}:
        return False
    described = _described(final, slug, cut, reused=True)
    files = [described.otio, described.fcpxml, described.edl, described.capcut_draft]
    files += [final / MEDIA_DIR / shot.file_name for shot in cut.shots]
    return all(path.is_file() for path in files)


def _described(final: Path, slug: str, cut: Cut, *, reused: bool) -> Handoff:
    music = final / MEDIA_DIR / MUSIC_NAME
    return Handoff(
        folder=final,
        otio=final / f"{slug}.otio",
        fcpxml=final / f"{slug}.fcpxml",
        edl=final / f"{slug}.edl",
        srt=final / f"{slug}.srt" if cut.captions else None,
        capcut_draft=final / DRAFT_CONTENT,
        music=music if cut.music else None,
        reused=reused,
    )
