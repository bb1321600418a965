"""How a production run is told to the person: what failed and why, never a server path.

Render errors come from deep inside the pipeline (encoders, image code, remote services)
and may quote file paths on the server; the person needs the cause, not where the studio
keeps its files. Scene failures are counted across the run so the film is never called
finished while a scene is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage

from agent.events import Writer, emit_failure, failure_event, progress_event
from agent.messages import minutes_text, say, scenes_named
from film.screenplay import Screenplay
from tools.assembly.production import FilmResult, SegmentResult
from tools.sound.native import NATIVE, NATIVE_UNTIMED, SILENT_CLIP, UNAVAILABLE

REASON_CHARS = 160
_ABSOLUTE_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?(?:[\\/][^\s\\/'\"<>|:,;()]+){2,}[\\/]?")


def public_reason(text: str, folder: Path | str | None = None) -> str:
    """``text`` without server paths (a path becomes its file name), short enough to read."""
    cleaned = str(text or "").strip()
    if folder:
        for root in {str(Path(folder)), str(Path(folder).resolve())}:
            cleaned = cleaned.replace(root + "/", "").replace(root, "")
    cleaned = _ABSOLUTE_PATH.sub(lambda match: _file_name(match.group(0)), cleaned)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > REASON_CHARS:
        cleaned = cleaned[: REASON_CHARS - 1].rstrip() + "…"
    return cleaned or "unknown error"


def _file_name(path: str) -> str:
    name = re.split(r"[\\/]", path.rstrip("\\/"))[-1]
    return name or "…"


def relative_path(path: str | Path, folder: Path) -> str:
    """A project file as the artefacts record it: relative to the project folder."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def failed_scenes(values: Mapping[str, Any]) -> list[int]:
    """Scenes the thread's last render could not make, from its state at the turn's end."""
    production = values.get("production") or {}
    return sorted(int(n) for n in production.get("failed_scenes") or [])


def local_progress(message: str, fraction: float | None, language: str) -> str:
    """A pipeline progress line in the person's language.

    The render pipeline reports in English detail ("Scene 2: encoded 4 s of 10 s"); an
    English line keeps it, a Chinese one says how far the work is instead.
    """
    if not language.startswith("zh"):
        return message
    if fraction is None:
        return say("working", language)
    if fraction >= 1.0:
        return say("ready", language)
    return say("working_percent", language, percent=round(100 * fraction))


def failed_numbers(results: Iterable[Mapping[str, Any]]) -> list[int]:
    """Scenes whose render ended in an error (scenes left out by choice are not failures)."""
    return sorted({int(r["scene"]) for r in results if r.get("error") and not r.get("left_out")})


def first_reason(results: Iterable[Mapping[str, Any]], fallback: str) -> str:
    """The first failed scene's reason, for a one-line message."""
    for result in sorted(results, key=lambda r: r["scene"]):
        if result.get("error") and not result.get("left_out"):
            return str(result["error"])
    return fallback


def not_finished(numbers: list[int], reason: str, language: str) -> str:
    """The turn's failure: which scenes could not be rendered, and why."""
    return say("scenes_failed", language, which=scenes_named(numbers, language), reason=reason)


def film_line(numbers: list[int], language: str) -> str:
    """The task list's film line when scenes failed."""
    return say("film_not_finished", language, which=scenes_named(numbers, language))


def scene_outcome(
    number: int,
    result: SegmentResult | None,
    *,
    error: str | None = None,
    left_out: bool = False,
) -> dict[str, Any]:
    """One scene's entry in ``scene_results``."""
    return {
        "scene": number,
        "path": str(result.path) if result and result.path else None,
        "duration_s": float(result.duration_s or 0.0) if result else 0.0,
        "cached": bool(result.cached) if result else False,
        "error": error,
        "left_out": left_out,
    }


def scene_failed(
    writer: Writer, number: int, total: int, reason: str, language: str
) -> dict[str, Any]:
    """Mark the scene's line failed (never ticked) and record why."""
    writer(failure_event(f"scene {number}", say("scene_failed", language, reason=reason)))
    failed = say("render_progress_scene_failed", language, number=number, total=total)
    writer(progress_event("render", failed, None))
    return {"scene_results": [scene_outcome(number, None, error=reason)]}


def unfinished(
    production: dict[str, Any],
    numbers: list[int],
    reason: str,
    language: str,
    rendered: list[dict[str, Any]],
) -> dict[str, Any]:
    """The turn fails naming the scenes; the film is not stitched and nothing is lost."""
    if rendered:
        message = not_finished(numbers, reason, language)
    else:
        message = say("film_failed", language, reason=reason)
    emit_failure("render", film_line(numbers, language))
    production.update(failed_scenes=numbers, summary="", film=None)
    return {"messages": [AIMessage(message)], "error": message, "production": production}


def film_summary(film: FilmResult, screenplay: Screenplay, language: str) -> str:
    """The finished film in a sentence: its length and scenes, and a chosen cut named."""
    runtime = minutes_text(film.duration_s, language)
    missing = sorted(set(film.missing_scenes))
    total = len(screenplay.scenes)
    if missing:
        done = say(
            "film_done_partial",
            language,
            which=scenes_named(missing, language),
            runtime=runtime,
            scenes=total - len(missing),
            total=total,
        )
    else:
        done = say("film_done", language, runtime=runtime, scenes=total)
    if not film.srt_path:
        done += say("no_dialogue_no_subtitles", language)
    return done + sound_summary(film.sound, language)


_SOUND_TEXTS = (
    (NATIVE, "native_sound_kept"),
    (NATIVE_UNTIMED, "native_sound_untimed"),
    (SILENT_CLIP, "native_sound_missing"),
)


def sound_summary(sound: Mapping[int, str], language: str) -> str:
    """Which scenes kept the video model's own sound and which fell back to the voices."""
    if any(status == UNAVAILABLE for status in sound.values()):
        return say("native_sound_unavailable", language)
    parts = []
    for status, key in _SOUND_TEXTS:
        numbers = sorted(n for n, s in sound.items() if s == status)
        if numbers:
            parts.append(say(key, language, which=scenes_named(numbers, language)))
    return "".join(parts)


def start_message(
    screenplay: Screenplay,
    language: str,
    *,
    leave_out: list[int],
    focus: list[int],
    resumes: bool,
    size: str,
) -> str:
    """What the person is told as a render starts: which scenes, and whether it resumes."""
    numbers = [scene.number for scene in screenplay.scenes]
    if leave_out:
        return say("production_leave_out", language, which=scenes_named(leave_out, language))
    if focus != numbers:
        return say("production_retry", language, which=scenes_named(focus, language))
    if resumes:
        return say("production_resume", language, title=screenplay.title)
    return say("production_start", language, title=screenplay.title, scenes=len(numbers), size=size)
