"""Joining reels into the film: dissolves, stream-copy concat, film-wide subtitles.

Only the dissolves are encoded here (a transition's few frames, cached like segments);
video is otherwise joined by stream copy and only the audio is re-encoded (with the film's
music), so a ten-minute film assembles in seconds and editing one scene never re-encodes
the others. A missing scene is skipped with a note rather
than costing the whole film.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from film.paths import atomic_output, atomic_write_text, resolve_inside
from film.screenplay import Screenplay
from tools.assembly.reel_keys import digest
from tools.assembly.segments import Manifest, Progress, work_folder
from tools.ffmpeg import (
    SAMPLE_RATE,
    EncodeFormat,
    FrameEncoder,
    concat_segments,
    decode_audio,
    decode_frames,
    write_concat_list,
    write_wav,
)
from tools.sound.film_audio import mux_with_music
from tools.sound.music import MusicFileError, music_bed
from tools.sound.soundtrack import TimedLine
from tools.subtitles.cues import Cue, to_srt

FILM_NAME = "film.mp4"
SRT_NAME = "subtitles.srt"
STAMP_NAME = "film.json"  # in the segments folder: which pieces the current film.mp4 joins


class ProductionError(RuntimeError):
    """The film cannot be made; the message says why and what to do."""


@dataclass
class FilmResult:
    """The assembled film."""

    path: Path
    duration_s: float
    srt_path: Path | None
    missing_scenes: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sound: dict[int, str] = field(default_factory=dict)
    """Whose voices each scene has: ``voices``, or a status of :mod:`tools.sound.native`."""

    @property
    def complete(self) -> bool:
        """Whether every scene of the screenplay is in the film."""
        return not self.missing_scenes


@dataclass
class FilmPlan:
    """Pieces in playing order, the cues in film time and the total length."""

    pieces: list[Path] = field(default_factory=list)
    cues: list[TimedLine] = field(default_factory=list)
    duration_s: float = 0.0


def plan_film(
    folder: Path, reels: list[Manifest], fmt: EncodeFormat, progress: Progress | None = None
) -> FilmPlan:
    """Lay reels end to end; a tail meeting a head becomes one cached dissolve."""
    plan = FilmPlan()
    previous: Manifest | None = None
    for reel in reels:
        start = plan.duration_s
        if previous is not None and "tail" in previous.pieces:
            if "head" in reel.pieces:
                if progress:
                    progress(f"Dissolving into {reel.stem}", None)
                plan.pieces.append(ensure_dissolve(folder, previous, reel, fmt))
                plan.duration_s += reel.piece_seconds("head")
            else:
                _append(plan, folder, previous, "tail")
                start = plan.duration_s
        elif "head" in reel.pieces:
            _append(plan, folder, reel, "head")
        _append(plan, folder, reel, "body")
        plan.cues.extend(cue.shifted(start) for cue in reel.cues)
        previous = reel
    if previous is not None and "tail" in previous.pieces:
        _append(plan, folder, previous, "tail")
    return plan


def _append(plan: FilmPlan, folder: Path, reel: Manifest, role: str) -> None:
    plan.pieces.append(folder / reel.pieces[role])
    plan.duration_s += reel.piece_seconds(role)


def ensure_dissolve(folder: Path, before: Manifest, after: Manifest, fmt: EncodeFormat) -> Path:
    """The cross-dissolve from ``before``'s tail into ``after``'s head (cached)."""
    frames = min(before.tail_frames, after.head_frames)
    key = digest([before.pieces["tail"], after.pieces["head"], frames, fmt.__dict__])
    path = folder / f"dissolve-{key[:16]}.mp4"
    if path.is_file():
        return path
    tail_path, head_path = folder / before.pieces["tail"], folder / after.pieces["head"]
    samples = fmt.samples_for(frames)
    weights = np.linspace(0.0, 1.0, samples, dtype=np.float32)[:, None]
    outgoing = _fit(decode_audio(tail_path), samples)
    incoming = _fit(decode_audio(head_path), samples)
    audio = outgoing * np.cos(weights * np.pi / 2) + incoming * np.sin(weights * np.pi / 2)
    with work_folder(folder, "dissolve") as work:
        wav = work / "dissolve.wav"
        write_wav(wav, audio)
        pairs = zip(
            decode_frames(tail_path, fmt, frames),
            decode_frames(head_path, fmt, frames),
            strict=True,
        )
        with atomic_output(path) as tmp, FrameEncoder(tmp, fmt, wav) as encoder:
            for index, (a, b) in enumerate(pairs):
                share = np.uint16(round(256 * (index + 1) / (frames + 1)))
                mixed = (a.astype(np.uint16) * (256 - share) + b.astype(np.uint16) * share) >> 8
                encoder.write(mixed.astype(np.uint8))  # linear in YUV is linear in RGB
    return path


def _fit(samples: np.ndarray, total: int) -> np.ndarray:
    if len(samples) >= total:
        return samples[:total]
    return np.concatenate([samples, np.zeros((total - len(samples), samples.shape[1]), np.float32)])


def write_film(plan: FilmPlan, out_path: Path, music: np.ndarray | None = None) -> None:
    """Join the plan's pieces into ``out_path`` atomically (faststart mp4).

    Args:
        plan: pieces in order.
        out_path: where the film goes.
        music: a bed as long as the film (float32 stereo) to duck under the dialogue.
    """
    with atomic_output(out_path) as tmp:
        list_path = write_concat_list(plan.pieces, tmp.with_name(tmp.name + ".txt"))
        try:
            if music is None:
                concat_segments(list_path, tmp)
            else:
                mux_with_music(list_path, tmp, music)
        finally:
            list_path.unlink(missing_ok=True)


def film_key(plan: FilmPlan, genre: str, music: bool, music_file: Path | None) -> str:
    """Identity of a joined film: its pieces in order and the music laid under them."""
    track = None
    if music_file is not None:
        stat = music_file.stat()
        track = [str(music_file), stat.st_size, stat.st_mtime_ns]
    return digest([[p.name for p in plan.pieces], genre, music, track])


def film_is_current(folder: Path, key: str, film_path: Path) -> bool:
    """Whether ``film_path`` is exactly the film ``key`` describes (so joining can be skipped)."""
    try:
        stamp = json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
        stat = film_path.stat()
    except (OSError, ValueError):
        return False
    return stamp == {"key": key, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def record_film(folder: Path, key: str, film_path: Path) -> None:
    """Remember which film ``film_path`` holds."""
    stat = film_path.stat()
    atomic_write_text(
        folder / STAMP_NAME,
        json.dumps({"key": key, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}),
    )


def film_music(screenplay: Screenplay, seconds: float, music_file: Path | None) -> np.ndarray:
    """The genre's bed (or the person's own track, looped) for ``seconds`` of film."""
    try:
        bed = music_bed(screenplay.genre, seconds, SAMPLE_RATE, source_file=music_file)
    except MusicFileError as exc:
        raise ProductionError(f"{exc} Choose another file or turn the music file off.") from exc
    return np.asarray(bed, np.float32)


def write_srt(
    cues: list[TimedLine], path: Path, film_seconds: float, spoken_lines: int
) -> Path | None:
    """Film-wide SRT from the reels' cues (``tools.subtitles.cues.to_srt`` formats it).

    ``spoken_lines`` is how many lines of dialogue the film's scenes have. A film without
    any gets no SRT (and a stale one is removed), because an empty file next to the film
    reads as a broken export; a film with dialogue whose subtitles come out empty is an
    error, not a silent film with a 0-byte SRT.

    Raises:
        ProductionError: when ``spoken_lines`` is positive but no cue survives.
    """
    kept = [
        Cue(
            start_s=round(c.start_s, 3),
            end_s=round(min(c.end_s, film_seconds), 3),
            text=c.text,
            speaker=c.speaker,
        )
        for c in sorted(cues, key=lambda c: c.start_s)
        if c.start_s < film_seconds
    ]
    text = to_srt(kept)
    if not text.strip():
        if spoken_lines:
            raise ProductionError(
                f"the scenes have {spoken_lines} lines of dialogue but no subtitle could be "
                "timed for them"
            )
        path.unlink(missing_ok=True)
        return None
    atomic_write_text(path, text)
    return path


def missing_note(screenplay: Screenplay, missing: list[int]) -> str:
    """A sentence for the person about scenes the film had to leave out."""
    numbers = ", ".join(str(n) for n in missing)
    noun = "Scene" if len(missing) == 1 else "Scenes"
    return (
        f"{noun} {numbers} of {screenplay.title!r} had no finished segment (not rendered "
        "yet, or the render failed), so the film skips them; render them and assemble "
        "again to include them."
    )


def resolve_music(project_dir: Path, music_file: str) -> Path:
    """The music file: an absolute path, or one relative to the project folder.

    Raises:
        ProductionError: when the file does not exist.
    """
    candidate = Path(music_file).expanduser()
    path = candidate if candidate.is_absolute() else resolve_inside(project_dir, music_file)
    if not path.is_file():
        raise ProductionError(
            f"The music file {music_file!r} was not found; upload it again "
            "or turn the music file setting off."
        )
    return path
