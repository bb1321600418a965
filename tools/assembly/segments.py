"""Encoded reels on disk: cache keys, manifests, and the crash-safe writer.

A reel (title card, scene, end card) is encoded once into up to three pieces: an optional
head and tail (the frames a dissolve blends with the neighbour) and the body. Each piece is
renamed into place only when complete, and the manifest that lists them is written last,
so a reel exists only when all of it does: a render killed at any moment leaves no half
segment, and the rerun redoes exactly the reels without a manifest.

Keys hash everything that changes a reel's frames or sound, never its position in a run,
so editing one scene re-renders that scene (and a neighbour only if a transition changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from film.paths import atomic_output, atomic_write_text, resolve_inside
from film.screenplay import Scene, Screenplay
from tools.ffmpeg import EncodeFormat, FrameEncoder, write_wav
from tools.picture.yuv import fade
from tools.sound.soundtrack import TimedLine
from tools.subtitles.burnin import SubtitleBurner

PIPELINE_VERSION = "1"
SEGMENTS_DIR = "segments"
STALE_AFTER_S = 900  # temp files untouched this long belong to a killed render
Progress = Callable[[str, float | None], None]


@dataclass(frozen=True)
class ReelSpec:
    """A reel to find or make: its kind, cache key and the transitions at its ends."""

    kind: str
    key: str
    incoming: str = "CUT"
    outgoing: str = "CUT"
    scene: int | None = None

    @property
    def label(self) -> str:
        """How a person would name the reel: "Scene 3", "Title card"."""
        return f"Scene {self.scene}" if self.scene is not None else f"{self.kind.title()} card"

    @property
    def stem(self) -> str:
        """File name stem: readable kind and scene, then the key."""
        label = f"scene-{self.scene:02d}" if self.scene is not None else self.kind
        return f"{label}-{self.key[:16]}"


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


def digest(payload: Any) -> str:
    """A stable hash of JSON-able ``payload``."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scene_cast(screenplay: Screenplay, scene: Scene) -> tuple[Any, ...]:
    """Bible entries of everyone in the scene or speaking in it, in bible order."""
    names = {n.lower() for n in scene.characters} | {d.speaker.lower() for d in scene.dialogue}
    return tuple(c for c in screenplay.characters if c.name.lower() in names)


def scene_spec(
    screenplay: Screenplay,
    index: int,
    fingerprint: dict[str, Any],
    backend_key: str,
    engines: dict[str, str],
) -> ReelSpec:
    """The reel for ``screenplay.scenes[index]`` with its neighbour-dependent transitions."""
    scene = screenplay.scenes[index]
    incoming = screenplay.scenes[index - 1].transition if index > 0 else "CUT"
    payload = {
        "v": PIPELINE_VERSION,
        "kind": "scene",
        "scene": scene.model_dump(mode="json"),
        "cast": [c.model_dump(mode="json") for c in scene_cast(screenplay, scene)],
        "genre": screenplay.genre.value,
        "language": screenplay.language,
        "setting_time": screenplay.setting_time,
        "incoming": incoming,
        "backend": backend_key,
        "settings": fingerprint,
        "engines": engines,
    }
    return ReelSpec("scene", digest(payload), incoming, scene.transition, scene.number)


def card_spec(
    screenplay: Screenplay, kind: str, fingerprint: dict[str, Any], seconds: float
) -> ReelSpec:
    """The title card or end card reel; the end card takes the last scene's transition."""
    incoming = screenplay.scenes[-1].transition if kind == "end" and screenplay.scenes else "CUT"
    payload = {
        "v": PIPELINE_VERSION,
        "kind": kind,
        "title": screenplay.title,
        "logline": screenplay.logline,
        "genre": screenplay.genre.value,
        "language": screenplay.language,
        "setting_time": screenplay.setting_time,
        "cast": [[c.name, c.role] for c in screenplay.characters] if kind == "end" else [],
        "seconds": seconds,
        "incoming": incoming,
        "settings": fingerprint,
    }
    return ReelSpec(kind, digest(payload), incoming, "CUT")


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
    """A private scratch folder for one render, removed afterwards (even on failure)."""
    work = folder / ".work" / f"{stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    work.mkdir(parents=True)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep_stale(folder: Path, *, older_than_s: float = STALE_AFTER_S) -> int:
    """Delete temp files and scratch folders a killed render left behind; returns how many.

    Anything still being written is touched continuously, so only debris is old enough.
    """
    cutoff = time.time() - older_than_s
    removed = 0
    candidates = [p for p in folder.glob(".*") if p.name != ".work"]
    candidates += list((folder / ".work").glob("*")) if (folder / ".work").is_dir() else []
    for path in candidates:
        try:
            if path.stat().st_mtime >= cutoff or _owner_alive(path):
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed += 1
        except OSError:
            continue
    return removed


def _owner_alive(path: Path) -> bool:
    """Whether a scratch folder's render process (its pid is in the name) still runs."""
    parts = path.name.split(".")
    if not path.is_dir() or len(parts) < 3 or not parts[-2].isdigit():
        return False
    try:
        os.kill(int(parts[-2]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
