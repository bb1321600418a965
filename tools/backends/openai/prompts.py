"""Prompts and job plans for the API render backends.

Generation models drift: a character's coat changes colour between shots unless every
prompt repeats the pinned look. So each prompt carries the genre's visual style, the bible
entry (look, wardrobe, props) of every character in frame, the framing, and then the action
as a timeline with one line per ~3 seconds, because video models follow one clear action
per beat far better than a paragraph of story.

Video models also only make clips of a few fixed lengths, so a scene's shots are packed
into jobs of allowed lengths here; the backend renders each job and joins the pieces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from film.screenplay import CharacterProfile, Genre
from tools.backends.base import RenderError, RenderRequest, Shot

BEAT_S = 3.0
_MAX_DESCRIPTION = 240

GENRE_LOOKS: dict[Genre, str] = {
    Genre.GRASSROOTS_SPOOF: (
        "bright, saturated everyday colours, lively handheld phone-camera feel, "
        "comic timing with slightly exaggerated expressions"
    ),
    Genre.YOUTH_ROMANCE: (
        "soft warm light with gentle backlight, shallow depth of field, pastel tones, "
        "a dreamy fresh campus-and-city mood"
    ),
    Genre.INSPIRATIONAL_STRUGGLE: (
        "naturalistic gritty light, cool dawn and night tones that warm as hope grows, "
        "close framing on hands, sweat and effort"
    ),
    Genre.ANCIENT_STYLE: (
        "classical Chinese costume-drama look: silk, wood and ink textures, lantern glow and "
        "drifting mist, composed like a painted scroll"
    ),
    Genre.TOUCHING_FAMILY: (
        "warm tungsten home light, lived-in rooms, natural skin tones, unhurried close "
        "framing that lets faces carry the feeling"
    ),
    Genre.AESTHETIC_SCENERY: (
        "wide cinematic landscapes in golden-hour or blue-hour light, rich natural colour, "
        "slow graceful camera movement"
    ),
}


@dataclass(frozen=True)
class Beat:
    """A stretch of one shot inside a job; ``continued`` marks the later parts of a long shot."""

    shot: Shot
    start_s: float
    duration_s: float
    continued: bool = False


@dataclass(frozen=True)
class JobPlan:
    """One generation job: its beats, the seconds we need, and the length we ask for."""

    beats: tuple[Beat, ...]
    planned_s: float
    seconds: int

    @property
    def characters(self) -> tuple[str, ...]:
        """Characters in frame during this job, in order of first appearance."""
        names: dict[str, None] = {}
        for beat in self.beats:
            names.update(dict.fromkeys(beat.shot.characters))
        return tuple(names)


def scene_shots(request: RenderRequest) -> list[Shot]:
    """The request's shots, stretched or squeezed so they fill exactly ``duration_s``.

    The scene length (speech-driven) is what the film must match; shot lengths are the
    planner's proportions. A scene with no shots becomes one shot from its action lines.

    Raises:
        RenderError: (final) for a scene with no length.
    """
    if request.duration_s <= 0:
        raise RenderError(
            f"Scene {request.scene.number} has no length to render; estimate it first.",
            final=True,
        )
    shots = [s for s in request.shots if s.duration_s > 0]
    if not shots:
        scene = request.scene
        text = scene.visual or " ".join(scene.action) or scene.heading
        shots = [Shot(1, text, request.duration_s, tuple(scene.characters))]
    total = sum(s.duration_s for s in shots)
    scale = request.duration_s / total if total > 0 else 1.0
    return [
        Shot(s.index, s.description, s.duration_s * scale, s.characters, s.dialogue, s.continued)
        for s in shots
    ]


def plan_jobs(shots: list[Shot], allowed_seconds: tuple[int, ...]) -> list[JobPlan]:
    """Pack shots, in order, into as few jobs of allowed lengths as possible.

    A shot longer than the longest allowed clip is split into equal parts (later parts are
    marked ``continued``); each job asks for the shortest allowed length that covers it.

    Raises:
        ValueError: when no allowed length is given.
    """
    if not allowed_seconds:
        raise ValueError("No allowed clip lengths were configured for the video model.")
    allowed = sorted(set(allowed_seconds))
    longest = allowed[-1]
    pieces: list[tuple[Shot, float, bool]] = []
    for shot in shots:
        parts = max(1, math.ceil(shot.duration_s / longest - 1e-9))
        pieces += [(shot, shot.duration_s / parts, i > 0) for i in range(parts)]

    jobs: list[list[tuple[Shot, float, bool]]] = []
    used = math.inf
    for piece in pieces:
        if used + piece[1] > longest + 1e-6:
            jobs.append([])
            used = 0.0
        jobs[-1].append(piece)
        used += piece[1]

    plans = []
    for group in jobs:
        beats, start = [], 0.0
        for shot, length, continued in group:
            beats.append(Beat(shot, start, length, continued))
            start += length
        seconds = next(a for a in allowed if a >= start - 1e-6)
        plans.append(JobPlan(tuple(beats), start, seconds))
    return plans


def pinned_look(profile: CharacterProfile) -> str:
    """One line fixing how a character looks in every shot."""
    details = [profile.look, f"wearing {profile.wardrobe}" if profile.wardrobe else ""]
    if profile.props:
        details.append("with " + ", ".join(profile.props))
    text = "; ".join(d for d in details if d) or "as established"
    return f"{profile.name}: {text}."


def framing_line(width: int, height: int) -> str:
    """How to frame for the output's orientation."""
    if height > width:
        return (
            "Vertical 9:16 phone-screen framing; keep faces and the action in the centre "
            "third, no letterboxing."
        )
    return "Horizontal 16:9 framing, no letterboxing."


def _clip(text: str, limit: int = _MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _beat_lines(beat: Beat) -> list[str]:
    """Timeline lines for one beat: the action first, then ~3 s holds that keep it going."""
    count = max(1, round(beat.duration_s / BEAT_S))
    step = beat.duration_s / count
    action = _clip(beat.shot.description)
    speakers = sorted({line.speaker for line in beat.shot.dialogue})
    if speakers:
        action += f" ({', '.join(speakers)} talking, lips moving)"
    lines = []
    for i in range(count):
        start = beat.start_s + i * step
        span = f"{start:.0f}-{start + step:.0f}s"
        if i == 0 and not beat.continued:
            lines.append(f"{span}: {action}")
        else:
            lines.append(f"{span}: the same moment continues, camera easing closer: {action}")
    return lines


def _cast_lines(request: RenderRequest, names: tuple[str, ...]) -> list[str]:
    lines = []
    for name in names:
        profile = request.screenplay.character(name) or next(
            (c for c in request.bible if c.name.lower() == name.lower()), None
        )
        lines.append(pinned_look(profile) if profile else f"{name}.")
    return lines


def _header(request: RenderRequest) -> list[str]:
    scene = request.scene
    genre = request.screenplay.genre
    when = request.screenplay.setting_time
    setting = f" Story time: {when}." if when else ""
    return [
        f"A {genre.english} micro film shot. Visual style: {GENRE_LOOKS[genre]}.",
        f"Scene: {scene.heading}.{setting}" + (f" {_clip(scene.visual)}" if scene.visual else ""),
        framing_line(request.width, request.height),
    ]


def video_prompt(request: RenderRequest, job: JobPlan) -> str:
    """The prompt for one video job: style, setting, pinned cast, then the timed beats."""
    lines = _header(request)
    cast = _cast_lines(request, job.characters)
    if cast:
        lines.append("Characters (keep exactly this look in every frame):")
        lines += cast
    lines.append("Timeline:")
    for beat in job.beats:
        lines += _beat_lines(beat)
    lines.append("No on-screen text, captions, subtitles or watermarks.")
    return "\n".join(lines)


def keyframe_prompt(request: RenderRequest, shot: Shot) -> str:
    """The prompt for one still keyframe of a shot (the images backend)."""
    lines = _header(request)
    cast = _cast_lines(request, shot.characters)
    if cast:
        lines.append("Characters (exactly this look):")
        lines += cast
    lines.append(f"The moment: {_clip(shot.description)}")
    lines.append(
        "One cinematic film still, main subject centred so a tall 9:16 crop keeps it. "
        "No text, captions or watermarks."
    )
    return "\n".join(lines)
