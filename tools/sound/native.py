"""A scene that keeps its video model's own sound: the track, and subtitles to what was said.

The clip's audio becomes the scene's dialogue track as it is (the join already cut and
stretched it in step with the picture), so the film's music is ducked under it exactly as
under the studio's voices. Its subtitles are timed by listening (:mod:`tools.subtitles.align`
on Whisper's words). A clip that came back without sound, or with only silence, is not
kept: that scene is voiced by the studio instead and says so (:data:`SceneSound.status`),
never a silent scene by accident.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from film.screenplay import Scene
from tools.ffmpeg import CHANNELS, SAMPLE_RATE, decode_audio, has_audio
from tools.sound.soundtrack import TimedLine, estimated_cues
from tools.subtitles.align import align_cues
from tools.subtitles.hearing import hear_words
from tools.subtitles.whisper_model import WhisperMissing

log = logging.getLogger(__name__)

SILENT_PEAK = 10 ** (-50 / 20)  # below -50 dBFS at its loudest, a track is silence
NATIVE = "native"
NATIVE_UNTIMED = "native-untimed"  # kept, but Whisper was missing: cues by the estimate
SILENT_CLIP = "voices-silent-clip"  # the clip had no sound: the studio's voices speak
UNAVAILABLE = "voices-unavailable"  # asked for, but the backend makes no sound of its own


@dataclass(frozen=True)
class SceneSound:
    """A reel's dialogue track (stereo, reel length), its cues and how it was made."""

    audio: np.ndarray
    cues: tuple[TimedLine, ...]
    status: str
    heard_from_script: bool = True


def clip_sound(clip: Path | None) -> np.ndarray | None:
    """The clip's sound at the film's rate, or None when it has none worth keeping."""
    if clip is None or not has_audio(clip):
        return None
    samples = decode_audio(clip)
    if not len(samples) or float(np.max(np.abs(samples))) < SILENT_PEAK:
        return None
    return samples


def native_sound(clip: Path | None, total_samples: int, scene: Scene, language: str) -> SceneSound:
    """The scene's sound kept from ``clip``, or an empty track marked :data:`SILENT_CLIP`.

    The caller voices a :data:`SILENT_CLIP` scene itself; everything else is ready to mix.
    """
    samples = clip_sound(clip)
    if samples is None:
        return SceneSound(np.zeros((0, CHANNELS), np.float32), (), SILENT_CLIP)
    track = np.zeros((total_samples, CHANNELS), np.float32)
    take = min(total_samples, len(samples))
    track[:take] = samples[:take]
    lines = [(line.speaker, line.text) for line in scene.dialogue]
    try:
        words = hear_words(track, SAMPLE_RATE, language)
    except WhisperMissing as exc:
        log.warning("scene %s keeps its sound, subtitles by estimate: %s", scene.number, exc)
        return SceneSound(track, estimated_cues(scene), NATIVE_UNTIMED)
    aligned = align_cues(words, lines, language)
    cues = tuple(TimedLine(c.start_s, c.end_s, c.text, c.speaker) for c in aligned.cues)
    return SceneSound(track, cues, NATIVE, aligned.source == "script")
