"""Production: screenplay to finished vertical film (the contract in docs/ARCHITECTURE.md).

Three entry points. ``render_scene_segment`` makes one scene's cached segment and is safe
to call concurrently for different scenes (the graph fans scenes out with ``Send``).
``assemble_film`` joins whatever segments exist, with title and end cards, into
``film.mp4`` and ``subtitles.srt``. ``produce_film`` does both with a bounded thread pool,
for scripts, tests and the benchmarks (the CLI and the app go through the graph,
which calls the first two). Failures are reported per scene, never as a lost film.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from film.form import estimate_runtime
from film.screenplay import Screenplay
from tools.assembly.lease import abandon_render, begin_render, end_render, working
from tools.assembly.reels import render_card_reel, render_scene_reel, scene_index, spec_for_scene
from tools.assembly.segments import SEGMENTS_DIR, Manifest, Progress, segments_dir
from tools.assembly.settings import ProductionSettings
from tools.assembly.stitch import (
    FILM_NAME,
    SRT_NAME,
    FilmResult,
    ProductionError,
    film_is_current,
    film_key,
    film_music,
    missing_note,
    plan_film,
    record_film,
    resolve_music,
    write_film,
    write_srt,
)
from tools.backends.base import RenderError, get_backend
from tools.backends.native_audio import audio_choice
from tools.sound.native import UNAVAILABLE

__all__ = [
    "FilmResult",
    "ProductionError",
    "ProductionSettings",
    "SegmentResult",
    "assemble_film",
    "finished_scenes",
    "produce_film",
    "render_scene_segment",
]
log = logging.getLogger(__name__)


@dataclass
class SegmentResult:
    """One scene's segment, or why it could not be made.

    ``transient`` marks errors a retry may fix (a rate limit, a timeout), as opposed to a
    refused prompt or a broken input. ``reason`` is the cause alone, without the sentence
    around it, for callers that word the failure in the person's language.
    """

    scene_number: int
    path: Path | None
    duration_s: float
    cached: bool
    error: str | None = None
    transient: bool = False
    reason: str | None = None


def render_scene_segment(
    screenplay: Screenplay,
    scene_number: int,
    project_dir: Path,
    settings: ProductionSettings | None = None,
    progress: Progress | None = None,
) -> SegmentResult:
    """Render scene ``scene_number`` to its cached segment (H.264/AAC, sound, subtitles).

    Raises:
        ValueError: when the screenplay has no scene with that number.
    """
    settings = settings or ProductionSettings()
    scene_index(screenplay, scene_number)
    folder = segments_dir(Path(project_dir))
    try:
        manifest, cached = render_scene_reel(screenplay, scene_number, folder, settings, progress)
    except Exception as exc:  # noqa: BLE001 - one scene's failure must not stop the film
        return _failed(scene_number, exc)
    if progress:
        progress(f"Scene {scene_number} {'reused' if cached else 'rendered'}", 1.0)
    return SegmentResult(
        scene_number, folder / manifest.pieces["body"], manifest.duration_s, cached
    )


def _failed(scene_number: int, exc: BaseException) -> SegmentResult:
    log.warning("scene %s failed", scene_number, exc_info=exc)
    transient = isinstance(exc, RenderError) and not exc.final
    reason = str(exc) or type(exc).__name__
    message = f"Scene {scene_number} could not be rendered: {reason}"
    return SegmentResult(scene_number, None, 0.0, False, message, transient, reason)


def assemble_film(
    screenplay: Screenplay,
    project_dir: Path,
    settings: ProductionSettings | None = None,
    progress: Progress | None = None,
) -> FilmResult:
    """Join the title card, every finished scene segment and the end card into the film.

    Scenes without a finished segment are left out and listed in ``missing_scenes``: such
    a film is a partial cut (``FilmResult.complete`` is False), and callers must not call
    it finished unless the person accepted that. A film with no spoken line gets no SRT.

    Raises:
        ProductionError: when no scene has a finished segment, the music file is missing,
            or the scenes have dialogue but no subtitle came out of them.
    """
    settings = settings or ProductionSettings()
    project_dir = Path(project_dir)
    folder = segments_dir(project_dir)
    music_file = None
    if settings.music and settings.music_file:
        music_file = resolve_music(project_dir, settings.music_file)
    scenes, missing = _finished_reels(screenplay, folder, settings)
    if not scenes:
        raise ProductionError(
            f"No scene of {screenplay.title!r} has a finished segment yet, so there is no film "
            "to assemble; render the scenes first."
        )
    if progress:
        progress("Drawing the title and end cards", 0.1)
    reels = [
        render_card_reel(screenplay, "title", folder, settings),
        *scenes,
        render_card_reel(screenplay, "end", folder, settings),
    ]
    plan = plan_film(folder, reels, settings.encode_format, progress)
    if progress:
        progress(f"Joining {len(plan.pieces)} pieces", 0.5)
    spoken = sum(len(_spoken(screenplay, reel.scene)) for reel in scenes)
    srt_path = write_srt(plan.cues, project_dir / SRT_NAME, plan.duration_s, spoken)
    film_path = project_dir / FILM_NAME
    key = film_key(plan, screenplay.genre.value, settings.music, music_file)
    if not film_is_current(folder, key, film_path):
        bed = film_music(screenplay, plan.duration_s, music_file) if settings.music else None
        write_film(plan, film_path, bed)
        record_film(folder, key, film_path)
    notes = [missing_note(screenplay, missing)] if missing else []
    if progress:
        progress("Film assembled", 1.0)
    sound = _scene_sounds(scenes, settings)
    return FilmResult(film_path, round(plan.duration_s, 3), srt_path, missing, notes, sound)


def _scene_sounds(scenes: list[Manifest], settings: ProductionSettings) -> dict[int, str]:
    """Whose voices each scene has, for the report (native audio asked of a silent backend)."""
    unavailable = settings.voice and audio_choice(get_backend(settings.backend)) == "unavailable"
    return {
        reel.scene: UNAVAILABLE if unavailable else reel.sound
        for reel in scenes
        if reel.scene is not None
    }


def _finished_reels(
    screenplay: Screenplay, folder: Path, settings: ProductionSettings
) -> tuple[list[Manifest], list[int]]:
    """The scenes' finished reels in order, and the numbers of the scenes without one."""
    backend = get_backend(settings.backend)
    scenes: list[Manifest] = []
    missing: list[int] = []
    for scene in screenplay.scenes:
        found = Manifest.load(
            folder, spec_for_scene(screenplay, scene.number, settings, backend).stem
        )
        if found is None:
            missing.append(scene.number)
        else:
            scenes.append(found)
    return scenes, missing


def finished_scenes(
    screenplay: Screenplay, project_dir: Path, settings: ProductionSettings | None = None
) -> list[int]:
    """Scenes whose segment for ``settings`` is finished in the cache (a resume reuses them)."""
    folder = Path(project_dir) / SEGMENTS_DIR
    if not folder.is_dir():
        return []
    scenes, _ = _finished_reels(screenplay, folder, settings or ProductionSettings())
    return [reel.scene for reel in scenes if reel.scene is not None]


def _spoken(screenplay: Screenplay, number: int | None) -> list[str]:
    """The non-blank lines spoken in scene ``number``."""
    for scene in screenplay.scenes:
        if scene.number == number:
            return [line.text for line in scene.dialogue if line.text.strip()]
    return []


def produce_film(
    screenplay: Screenplay,
    project_dir: Path,
    settings: ProductionSettings | None = None,
    progress: Progress | None = None,
    *,
    on_scene: Callable[[SegmentResult], None] | None = None,
) -> FilmResult:
    """Render every scene (``settings.concurrency`` at once), then assemble the film.

    The run leaves its marker in the project folder while it works (:mod:`.lease`): a run
    killed part-way is found interrupted, and the next run sweeps what it left behind.

    Args:
        screenplay: what to film.
        project_dir: the project's folder; segments, film and subtitles go inside it.
        settings: size, sound and speed choices.
        progress: ``(message, fraction of the whole job)`` as scenes finish.
        on_scene: called with each scene's result as soon as it is known.

    Raises:
        ProductionError: when not a single scene could be rendered (with the first reason).
    """
    settings = settings or ProductionSettings()
    project_dir = Path(project_dir)
    if not screenplay.scenes:
        raise ProductionError(f"{screenplay.title!r} has no scenes to film yet.")
    details = {"scenes": [s.number for s in screenplay.scenes], "settings": settings.model_dump()}
    marker = begin_render(project_dir, details)
    try:
        with working(marker.render_id):
            film = _render_and_assemble(screenplay, project_dir, settings, progress, on_scene)
    except Exception:  # a failure reported to the caller: the render ended
        end_render(project_dir, marker.render_id)
        raise
    except BaseException:  # interrupted (Ctrl-C, a cancelled caller): resumable
        abandon_render(project_dir, marker.render_id)
        raise
    end_render(project_dir, marker.render_id)
    return film


def _render_and_assemble(
    screenplay: Screenplay,
    project_dir: Path,
    settings: ProductionSettings,
    progress: Progress | None,
    on_scene: Callable[[SegmentResult], None] | None,
) -> FilmResult:
    total = len(screenplay.scenes)
    results: list[SegmentResult] = []
    with ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="scene") as pool:
        futures = [
            pool.submit(render_scene_segment, screenplay, scene.number, project_dir, settings)
            for scene in screenplay.scenes
        ]
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            if on_scene:
                on_scene(result)
            if progress:
                state = result.error or ("reused" if result.cached else "rendered")
                progress(f"Scene {result.scene_number}: {state}", 0.9 * len(results) / total)
    failures = [r for r in results if r.error]
    if len(failures) == total:
        raise ProductionError(f"No scene could be rendered. {failures[0].error}")

    def assembling(message: str, fraction: float | None = None) -> None:
        if progress:
            progress(message, None if fraction is None else 0.9 + 0.1 * fraction)

    film = assemble_film(screenplay, project_dir, settings, assembling)
    runtime = estimate_runtime(screenplay)
    log.info("film %.1f s against an estimate of %.1f s", film.duration_s, runtime)
    return film
