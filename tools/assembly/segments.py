"""Encoded reels on disk: manifests, scratch folders and the crash-safe writer.

A reel (title card, scene, end card) is encoded once into up to three pieces: an optional
head and tail (the frames a dissolve blends with the neighbour) and the body. Each piece is
renamed into place only when complete, and the manifest that lists them is written last,
so a reel exists only when all of it does: a render killed at any moment leaves no half
segment, and the rerun redoes exactly the reels without a manifest (the debris it leaves
is swept by :mod:`tools.assembly.sweep`). Reels are filed under the keys of
:mod:`tools.assembly.reel_keys`.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from film.paths import atomic_output, atomic_write_text, resolve_inside
from tools.assembly.reel_keys import PIPELINE_VERSION, ReelSpec
from tools.assembly.sweep import SEGMENTS_DIR, WORK_DIR
from tools.ffmpeg import EncodeFormat, FrameEncoder, write_wav
from tools.picture.yuv import fade
from tools.sound.soundtrack import TimedLine
from tools.subtitles.burnin import SubtitleBurner

Progress = Callable[[str, float | None], None]


@dataclass(frozen=True)
class Manifest:
    """A finished reel: its pieces, length and subtitle cues (in reel time)."""

    stem: str
    kind: str
    fps: int
    frames: int
    pieces: dict[str, str]
    head_frames: int = 0
    tail_frames: int = 0
    cues: tuple[TimedLine, ...] = ()
    scene: int | None = None
    created: float = field(default_factory=time.time)
    sound: str = "voices"
    """Whose voices: ``voices`` (the studio's), or a status of :mod:`tools.sound.native`."""

    @property
    def duration_s(self) -> float:
        """Length of the whole reel (head and tail included)."""
        return self.frames / self.fps

    def piece_seconds(self, role: str) -> float:
        """Length of the head, body or tail piece."""
        frames = {"head": self.head_frames, "tail": self.tail_frames}.get(
            role, self.frames - self.head_frames - self.tail_frames
        )
        return frames / self.fps

    def save(self, folder: Path) -> None:
        """Write the manifest last, atomically: this is what marks the reel complete."""
        data = {
            "pipeline": PIPELINE_VERSION,
            "stem": self.stem,
            "kind": self.kind,
            "fps": self.fps,
            "frames": self.frames,
            "pieces": self.pieces,
            "head_frames": self.head_frames,
            "tail_frames": self.tail_frames,
            "cues": [c.as_dict() for c in self.cues],
            "scene": self.scene,
            "created": self.created,
            "sound": self.sound,
        }
        atomic_write_text(folder / f"{self.stem}.json", json.dumps(data, ensure_ascii=False))

    @classmethod
    def load(cls, folder: Path, stem: str) -> Manifest | None:
        """The complete reel ``stem``, or None when it is missing, partial or unreadable."""
        try:
            data = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
            manifest = cls(
                stem=data["stem"],
                kind=data["kind"],
                fps=int(data["fps"]),
                frames=int(data["frames"]),
                pieces=dict(data["pieces"]),
                head_frames=int(data["head_frames"]),
                tail_frames=int(data["tail_frames"]),
                cues=tuple(TimedLine.from_dict(c) for c in data["cues"]),
                scene=data.get("scene"),
                created=float(data.get("created", 0.0)),
                sound=str(data.get("sound", "voices")),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if data.get("pipeline") != PIPELINE_VERSION:
            return None
        if not all((folder / name).is_file() for name in manifest.pieces.values()):
            return None
        return manifest


def segments_dir(project_dir: Path) -> Path:
    """The project's segment cache folder (created on demand)."""
    folder = resolve_inside(project_dir, SEGMENTS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def encode_reel(
    spec: ReelSpec,
    frames: Iterable[np.ndarray],
    audio: np.ndarray,
    *,
    fmt: EncodeFormat,
    folder: Path,
    total_frames: int,
    head_frames: int = 0,
    tail_frames: int = 0,
    fade_in_frames: int = 0,
    fade_out_frames: int = 0,
    burner: SubtitleBurner | None = None,
    cues: tuple[TimedLine, ...] = (),
    progress: Progress | None = None,
    sound: str = "voices",
) -> Manifest:
    """Encode a reel's frames and audio into its pieces, then write its manifest."""
    bounds = [
        ("head", 0, head_frames),
        ("body", head_frames, total_frames - tail_frames),
        ("tail", total_frames - tail_frames, total_frames),
    ]
    source = iter(frames)
    pieces: dict[str, str] = {}
    with work_folder(folder, spec.stem) as work:
        for role, start, end in bounds:
            if end <= start:
                continue
            wav = work / f"{role}.wav"
            write_wav(wav, audio[fmt.samples_for(start) : fmt.samples_for(end)])
            name = f"{spec.stem}.mp4" if role == "body" else f"{spec.stem}.{role}.mp4"
            with atomic_output(folder / name) as tmp, FrameEncoder(tmp, fmt, wav) as encoder:
                for index in range(start, end):
                    frame = _next_frame(source, index, spec)
                    frame = _faded(frame, index, total_frames, fade_in_frames, fade_out_frames)
                    if burner:
                        frame = burner.apply(frame, index)
                    encoder.write(frame)
                    if progress and index % (fmt.fps * 2) == 0:
                        progress(
                            f"{spec.label}: encoded {index / fmt.fps:.0f} s of "
                            f"{total_frames / fmt.fps:.0f} s",
                            index / total_frames,
                        )
            pieces[role] = name
    manifest = Manifest(
        stem=spec.stem,
        kind=spec.kind,
        fps=fmt.fps,
        frames=total_frames,
        pieces=pieces,
        head_frames=head_frames,
        tail_frames=tail_frames,
        cues=cues,
        scene=spec.scene,
        sound=sound,
    )
    manifest.save(folder)
    return manifest


def _next_frame(source: Iterator[np.ndarray], index: int, spec: ReelSpec) -> np.ndarray:
    try:
        return next(source)
    except StopIteration:
        raise RuntimeError(f"the renderer stopped after {index} frames of {spec.stem}") from None


def _faded(frame: np.ndarray, index: int, total: int, fade_in: int, fade_out: int) -> np.ndarray:
    """Dim frames at the ends of the reel for FADE transitions (from and to black)."""
    level = 1.0
    if index < fade_in:
        level = (index + 1) / (fade_in + 1)
    if index >= total - fade_out:
        level = min(level, (total - index) / (fade_out + 1))
    if level >= 1.0:
        return frame
    return fade(frame, frame.shape[1], level)


@contextmanager
def work_folder(folder: Path, stem: str) -> Iterator[Path]:
    """A private scratch folder for one render, removed afterwards (even on failure).

    Its name carries the process id, so the sweep after a crash can tell a dead render's
    folder from a live one's.
    """
    work = folder / WORK_DIR / f"{stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    work.mkdir(parents=True)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
