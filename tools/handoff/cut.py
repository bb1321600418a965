"""The film as an editor sees it: the pieces of media in playing order, and the subtitles.

``film.mp4`` is joined by stream copy from the reels in ``segments/`` (title card, scenes,
cached dissolves, end card), so the cut an editor needs already exists as files: this
module lays them out again exactly as :func:`tools.assembly.stitch.plan_film` did, then
checks against ``segments/film.json`` that they are the pieces of the ``film.mp4`` on disk.
A timeline made from anything else would be a different film.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from film.screenplay import Screenplay
from tools.assembly.reels import render_card_reel, spec_for_scene
from tools.assembly.segments import Manifest
from tools.assembly.settings import ProductionSettings
from tools.assembly.stitch import (
    FILM_NAME,
    film_is_current,
    film_key,
    plan_film,
    resolve_music,
)
from tools.assembly.sweep import SEGMENTS_DIR
from tools.backends.base import get_backend

_WORDS = {  # clip names, in the film's language (editors show them on every clip)
    "title": ("Title card", "片头"),
    "end": ("End card", "片尾"),
    "scene": ("Scene {n} - {place}", "第{n}场 · {place}"),
    "head": ("Scene {n} (first frames)", "第{n}场（开头）"),
    "tail": ("Scene {n} (last frames)", "第{n}场（结尾）"),
    "dissolve": ("Dissolve into {what}", "叠化进入{what}"),
}


class HandoffError(RuntimeError):
    """The timeline cannot be exported; the message says why and what to do."""


@dataclass(frozen=True)
class Shot:
    """One piece of media on the picture track, in playing order."""

    source: Path  # the reel piece in segments/
    file_name: str  # its name in the hand-off's media folder: "03-scene-01.mp4"
    label: str  # the clip's name, in the film's language
    english: str  # the same in ASCII, for the EDL (CMX 3600 is an ASCII format)
    reel: str  # at most 8 letters and digits: the EDL reel name
    frames: int
    scene: int | None


@dataclass(frozen=True)
class Caption:
    """One subtitle in film time."""

    start_s: float
    end_s: float
    text: str
    speaker: str


@dataclass(frozen=True)
class Cut:
    """Everything a timeline needs: format, pieces, subtitles and the music's source."""

    title: str
    language: str
    genre: str
    fps: int
    width: int
    height: int
    shots: tuple[Shot, ...]
    captions: tuple[Caption, ...]
    film_key: str
    music: bool
    music_file: Path | None
    burned_subtitles: bool

    @property
    def frames(self) -> int:
        """Length of the film in frames."""
        return sum(shot.frames for shot in self.shots)


def film_cut(screenplay: Screenplay, project_dir: Path, settings: ProductionSettings) -> Cut:
    """The pieces of the ``film.mp4`` in ``project_dir``, laid out as assembly laid them.

    Raises:
        HandoffError: when there is no film, or the film on disk was not joined from the
            scenes of this screenplay under these settings (it would not match the timeline).
    """
    project_dir = Path(project_dir)
    folder = project_dir / SEGMENTS_DIR
    film_path = project_dir / FILM_NAME
    if not film_path.is_file():
        raise HandoffError("There is no film.mp4 yet: render the film before exporting it.")
    backend = get_backend(settings.backend)
    stems = [
        spec_for_scene(screenplay, s.number, settings, backend).stem for s in screenplay.scenes
    ]
    scenes = [reel for stem in stems if (reel := Manifest.load(folder, stem)) is not None]
    if not scenes:
        raise HandoffError("No scene of the film has a finished segment to export.")
    reels = [
        render_card_reel(screenplay, "title", folder, settings),
        *scenes,
        render_card_reel(screenplay, "end", folder, settings),
    ]
    plan = plan_film(folder, reels, settings.encode_format)
    music_file = None
    if settings.music and settings.music_file:
        music_file = resolve_music(project_dir, settings.music_file)
    key = film_key(plan, screenplay.genre.value, settings.music, music_file)
    if not film_is_current(folder, key, film_path):
        raise HandoffError(
            "film.mp4 is not the cut of the current scenes (the screenplay or the settings "
            "changed since it was joined): assemble the film again, then export."
        )
    shots = _shots(plan.pieces, reels, screenplay)
    fps = settings.fps
    if abs(sum(s.frames for s in shots) / fps - plan.duration_s) > 0.5 / fps:
        raise HandoffError("The film's pieces do not add up to its length; assemble it again.")
    captions = tuple(
        Caption(round(c.start_s, 3), round(min(c.end_s, plan.duration_s), 3), c.text, c.speaker)
        for c in sorted(plan.cues, key=lambda c: c.start_s)
        if c.start_s < plan.duration_s and c.text.strip()
    )
    return Cut(
        title=screenplay.title,
        language=screenplay.language,
        genre=screenplay.genre.value,
        fps=fps,
        width=settings.width,
        height=settings.height,
        shots=tuple(shots),
        captions=captions,
        film_key=key,
        music=settings.music,
        music_file=music_file,
        burned_subtitles=settings.burn_subtitles,
    )


def _shots(pieces: list[Path], reels: list[Manifest], screenplay: Screenplay) -> list[Shot]:
    """Name and time each piece from the reel (and role) it came from."""
    owner = {name: (reel, role) for reel in reels for role, name in reel.pieces.items()}
    places = {scene.number: scene.place for scene in screenplay.scenes}
    zh = screenplay.language == "zh"
    shots: list[Shot] = []
    for index, piece in enumerate(pieces):
        if piece.name in owner:
            reel, role = owner[piece.name]
            frames = {"head": reel.head_frames, "tail": reel.tail_frames}.get(
                role, reel.frames - reel.head_frames - reel.tail_frames
            )
            what = _what(reel, role)
        else:  # a cached dissolve: as long as the head of the reel it leads into
            incoming, _ = owner[pieces[index + 1].name]
            frames, role, reel = incoming.head_frames, "dissolve", incoming
            what = "dissolve-" + _what(incoming, "body")
        number = f"{index + 1:02d}"
        shots.append(
            Shot(
                source=piece,
                file_name=f"{number}-{what}.mp4",
                label=_label(reel, role, places, zh),
                english=_label(reel, role, places, False),
                reel=_reel_name(reel, role),
                frames=frames,
                scene=reel.scene,
            )
        )
    return shots


def _what(reel: Manifest, role: str) -> str:
    base = f"scene-{reel.scene:02d}" if reel.scene is not None else reel.kind
    return base if role == "body" else f"{base}-{role}"


def _label(reel: Manifest, role: str, places: dict[int, str], zh: bool) -> str:
    pick = 1 if zh else 0
    if reel.scene is None:
        own = _WORDS["title" if reel.kind == "title" else "end"][pick]
    else:
        place = places.get(reel.scene, "")
        if not zh:  # the English names go into the ASCII EDL: "Café" -> "Cafe", "村口" -> ""
            folded = unicodedata.normalize("NFKD", place).encode("ascii", "ignore").decode()
            place = " ".join(folded.split())
        word = "scene" if role in ("body", "dissolve") else role
        own = _WORDS[word][pick].format(n=reel.scene, place=place).rstrip(" -·")
    return _WORDS["dissolve"][pick].format(what=own) if role == "dissolve" else own


def _reel_name(reel: Manifest, role: str) -> str:
    """``TITLE``, ``SC01``, ``SC01H``/``SC01T`` (head, tail), ``DX02`` (dissolve), ``END``."""
    base = f"SC{reel.scene:02d}" if reel.scene is not None else reel.kind.upper()[:5]
    if role == "dissolve":
        return ("DX" + base.removeprefix("SC"))[:8]
    suffix = {"head": "H", "tail": "T"}.get(role, "")
    return (base + suffix)[:8]
