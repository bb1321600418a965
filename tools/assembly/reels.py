"""Making one reel: a scene (voice, shots, backend frames, subtitles) or a title/end card.

The scene's length is fixed before any frame is drawn: the estimate, stretched only when the
recorded speech runs longer, plus half a dissolve at each dissolving end (a dissolve overlaps
two reels, so this keeps the film's runtime equal to the screenplay's estimate). A backend
that keeps its video model's own sound (:mod:`tools.backends.native_audio`) replaces the
recorded voices with it, subtitled by listening (:mod:`tools.sound.native`); a clip without
sound falls back to the voices, and the reel's manifest records which it got.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from film.form import TITLE_CARD_S, estimate_runtime
from film.screenplay import Screenplay
from tools.assembly.reel_keys import ReelSpec, card_spec, digest, scene_cast, scene_spec
from tools.assembly.segments import Manifest, Progress, encode_reel, work_folder
from tools.assembly.settings import ProductionSettings
from tools.assembly.shots import bible_roles, plan_shots, scene_seconds
from tools.backends.base import RenderBackend, RenderRequest, get_backend
from tools.backends.ledger import SceneSpending, SpendLedger
from tools.backends.native_audio import audio_choice
from tools.ffmpeg import SAMPLE_RATE, decode_frames
from tools.picture.cards import draw_end_card, draw_title_card, end_card_seconds
from tools.picture.looks import look_for
from tools.picture.motion import ken_burns
from tools.sound.native import NATIVE, SILENT_CLIP, native_sound
from tools.sound.soundtrack import SPEECH_TAIL_S, TimedLine, apply_fades, reel_audio, scene_speech
from tools.sound.voice import engine_version as voice_engine_version
from tools.subtitles.burnin import SubtitleBurner
from tools.subtitles.hearing import HEARING_VERSION


def engine_versions(
    settings: ProductionSettings, backend: RenderBackend | None = None
) -> dict[str, str]:
    """Voice engine in use (version and speech service), so switching it re-renders scenes.

    Keeping a backend's own sound is part of it too (with the listener that times its cues).
    """
    if not settings.voice:
        return {}
    engines = {"voice": voice_engine_version()}
    if backend is not None and keeps_sound(settings, backend):
        engines["sound"] = f"{NATIVE}:{HEARING_VERSION}"
    return engines


def keeps_sound(settings: ProductionSettings, backend: RenderBackend) -> bool:
    """Whether the scenes keep the backend's own sound instead of the studio's voices."""
    return settings.voice and audio_choice(backend) == "native"


def scene_index(screenplay: Screenplay, number: int) -> int:
    """Position of scene ``number``.

    Raises:
        ValueError: listing the scene numbers that exist.
    """
    for index, scene in enumerate(screenplay.scenes):
        if scene.number == number:
            return index
    known = ", ".join(str(s.number) for s in screenplay.scenes) or "none"
    raise ValueError(f"There is no scene {number} in {screenplay.title!r}; scenes: {known}.")


def spec_for_scene(
    screenplay: Screenplay, number: int, settings: ProductionSettings, backend: RenderBackend
) -> ReelSpec:
    """The cache identity of scene ``number`` under ``settings``.

    The character sheets of the scene's cast are in it (by their content-named files), so
    a regenerated sheet re-renders only the scenes its character is in.
    """
    index = scene_index(screenplay, number)
    sheets = scene_sheets(screenplay, number, settings)
    engines = engine_versions(settings, backend) | {f"sheet:{n}": p.name for n, p in sheets.items()}
    return scene_spec(
        screenplay, index, settings.segment_fingerprint(), backend.cache_key(), engines
    )


def scene_sheets(
    screenplay: Screenplay, number: int, settings: ProductionSettings
) -> dict[str, Path]:
    """The approved character sheets of the people in scene ``number`` (name -> PNG)."""
    if not settings.character_sheets:
        return {}
    scene = screenplay.scenes[scene_index(screenplay, number)]
    cast = {c.name for c in scene_cast(screenplay, scene)}
    return {n: Path(p) for n, p in sorted(settings.character_sheets.items()) if n in cast}


def scene_frames(
    screenplay: Screenplay, spec: ReelSpec, settings: ProductionSettings, speech_s: float = 0.0
) -> int:
    """Frames of a scene's reel: its estimate, or speech and a tail, plus half dissolves.

    With no speech given it is the planned length: what a price estimate made before any
    voice is recorded goes by (speech that runs long can add a little).
    """
    scene = screenplay.scenes[scene_index(screenplay, spec.scene or 0)]
    fps, blend = settings.fps, settings.transition_frames()
    lead = blend / fps / 2 if spec.incoming == "DISSOLVE" else 0.0
    trail = blend / fps / 2 if spec.outgoing == "DISSOLVE" else 0.0
    seconds = max(scene_seconds(scene), speech_s + SPEECH_TAIL_S) + lead + trail
    head = blend if spec.incoming == "DISSOLVE" else 0
    tail = blend if spec.outgoing == "DISSOLVE" else 0
    return max(round(seconds * fps), head + tail + fps // 2)


def render_scene_reel(
    screenplay: Screenplay,
    number: int,
    folder: Path,
    settings: ProductionSettings,
    progress: Progress | None = None,
) -> tuple[Manifest, bool]:
    """The scene's finished reel and whether it came from the cache."""
    backend = get_backend(settings.backend)
    spec = spec_for_scene(screenplay, number, settings, backend)
    cached = Manifest.load(folder, spec.stem)
    if cached is not None:
        return cached, True
    scene = screenplay.scenes[scene_index(screenplay, number)]
    fmt, fps, blend = settings.encode_format, settings.fps, settings.transition_frames()
    with work_folder(folder, spec.stem) as work:
        if progress:
            progress(f"Scene {number}: recording dialogue", 0.0)
        speech = scene_speech(screenplay, scene, voice=settings.voice, work_dir=work)
        lead = blend / fps / 2 if spec.incoming == "DISSOLVE" else 0.0
        head = blend if spec.incoming == "DISSOLVE" else 0
        tail = blend if spec.outgoing == "DISSOLVE" else 0
        total = scene_frames(screenplay, spec, settings, speech.seconds)
        request = RenderRequest(
            screenplay=screenplay,
            scene=scene,
            shots=plan_shots(scene, total / fps, bible_roles(screenplay)),
            bible=scene_cast(screenplay, scene),
            width=settings.width,
            height=settings.height,
            fps=fps,
            duration_s=total / fps,
            reference_images=scene_sheets(screenplay, number, settings),
            spending=SceneSpending(SpendLedger(folder.parent), number, spec.key, settings.budget),
        )
        frames, clip = _scene_frames(backend, request, settings, folder, progress)
        sound = "voices"
        audio = reel_audio(
            fmt.samples_for(total), speech=speech.samples, speech_offset=round(lead * SAMPLE_RATE)
        )
        cues = tuple(c.shifted(lead) for c in speech.cues)
        if keeps_sound(settings, backend):
            if progress:
                progress(f"Scene {number}: listening to the clip's own sound", None)
            kept = native_sound(clip, fmt.samples_for(total), scene, screenplay.language)
            sound = kept.status
            if kept.status != SILENT_CLIP:
                audio, cues = kept.audio, kept.cues
        fade_in = blend if spec.incoming == "FADE" else 0
        fade_out = blend if spec.outgoing == "FADE" else 0
        apply_fades(audio, fmt.samples_for(fade_in), fmt.samples_for(fade_out))
        burner = _burner(cues, screenplay, settings)
        manifest = encode_reel(
            spec,
            frames,
            audio,
            fmt=fmt,
            folder=folder,
            total_frames=total,
            head_frames=head,
            tail_frames=tail,
            fade_in_frames=fade_in,
            fade_out_frames=fade_out,
            burner=burner,
            cues=cues,
            progress=progress,
            sound=sound,
        )
    return manifest, False


def _burner(
    cues: tuple[TimedLine, ...], screenplay: Screenplay, settings: ProductionSettings
) -> SubtitleBurner | None:
    if not settings.burn_subtitles or not cues:
        return None
    return SubtitleBurner(cues, settings.width, settings.height, screenplay.language, settings.fps)


def _scene_frames(
    backend: RenderBackend,
    request: RenderRequest,
    settings: ProductionSettings,
    folder: Path,
    progress: Progress | None,
) -> tuple[Iterator[np.ndarray], Path | None]:
    """Frames straight from a drawing backend, or decoded from a backend's rendered clip.

    Clips from paid backends are kept under ``segments/clips`` by their own key, so a failure
    later in the pipeline never pays for the same clip twice; the clip is returned too, for
    its sound. A clip that keeps the model's sound has its own key (the silent one has none).
    """
    drawn = backend.frames(
        request, dialogue_on_frame=not settings.burn_subtitles, progress=progress
    )
    if drawn is not None:
        return drawn, None
    identity = {
        "backend": backend.cache_key(),
        "scene": request.scene.model_dump(mode="json"),
        "shots": [repr(s) for s in request.shots],
        "bible": [c.model_dump(mode="json") for c in request.bible],
        "size": [request.width, request.height],
        "fps": request.fps,
        "seconds": round(request.duration_s, 3),
    }
    if request.reference_images:  # only then, so clips made before sheets keep their keys
        identity["sheets"] = sorted(p.name for p in request.reference_images.values())
    if keeps_sound(settings, backend):  # only then, so silent clips keep their keys
        identity["audio"] = "native"
    key = digest(identity)
    clip_path = folder / "clips" / f"{backend.name}-{key[:20]}.mp4"
    if not clip_path.is_file():
        clip_path.parent.mkdir(parents=True, exist_ok=True)
        clip = backend.render_scene(request, clip_path, progress)
        clip_path = Path(clip.path)
    total = round(request.duration_s * request.fps)
    return decode_frames(clip_path, settings.encode_format, total), clip_path


def render_card_reel(
    screenplay: Screenplay, kind: str, folder: Path, settings: ProductionSettings
) -> Manifest:
    """The title card (``kind="title"``) or the end card, from the cache when possible."""
    seconds = TITLE_CARD_S if kind == "title" else end_card_seconds(estimate_runtime(screenplay))
    spec = card_spec(screenplay, kind, settings.segment_fingerprint(), seconds)
    cached = Manifest.load(folder, spec.stem)
    if cached is not None:
        return cached
    fmt, blend = settings.encode_format, settings.transition_frames()
    total = round(seconds * settings.fps)
    head = blend if spec.incoming == "DISSOLVE" else 0
    total = max(total, head + settings.fps // 2)
    draw = draw_title_card if kind == "title" else draw_end_card
    still = draw(screenplay, settings.width, settings.height)
    speed = look_for(screenplay.genre).zoom_per_s / settings.fps
    frames = ken_burns(still, (settings.width, settings.height), total, "push-in", speed)
    audio = reel_audio(fmt.samples_for(total))
    # The title opens on its first frame (no fade from black): that frame is the thumbnail.
    fade_in = blend if spec.incoming == "FADE" else 0
    fade_out = blend * 2 if kind == "end" else 0
    return encode_reel(
        spec,
        frames,
        audio,
        fmt=fmt,
        folder=folder,
        total_frames=total,
        head_frames=head,
        fade_in_frames=fade_in,
        fade_out_frames=fade_out,
    )
