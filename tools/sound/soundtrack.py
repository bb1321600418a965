"""The sound of one reel: dialogue spoken aloud and its subtitle cues.

Speech decides timing: a scene runs at least as long as its recorded lines plus a short
tail, and subtitle cues come from the real audio, not from the text estimate. With voice
off, cues fall back to the estimate's speech rates so burned subtitles still appear in
rhythm. Every reel gets an audio track (silence if need be) so segments can be joined.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from film.form import LINE_PAUSE_S, speech_seconds
from film.screenplay import Scene, Screenplay
from tools.ffmpeg import CHANNELS, SAMPLE_RATE, decode_audio
from tools.sound.voice import synthesize_scene

SPEECH_TAIL_S = 0.5


@dataclass(frozen=True)
class TimedLine:
    """A subtitle cue in reel time (seconds from the reel's first frame)."""

    start_s: float
    end_s: float
    text: str
    speaker: str = ""

    def shifted(self, offset_s: float) -> TimedLine:
        """The same cue ``offset_s`` seconds later."""
        return TimedLine(self.start_s + offset_s, self.end_s + offset_s, self.text, self.speaker)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the segment manifest."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimedLine:
        """Read back :meth:`as_dict`."""
        return cls(
            float(data["start_s"]),
            float(data["end_s"]),
            str(data["text"]),
            str(data.get("speaker", "")),
        )


@dataclass(frozen=True)
class SceneSpeech:
    """Spoken dialogue of a scene: samples (None when voice is off), length and cues."""

    samples: np.ndarray | None
    seconds: float
    cues: tuple[TimedLine, ...]


def estimated_cues(scene: Scene) -> tuple[TimedLine, ...]:
    """Cues timed by the form's speech rates, for when no voice is recorded."""
    cues, clock = [], 0.0
    for line in scene.dialogue:
        spoken = max(0.8, speech_seconds(line.text))
        cues.append(TimedLine(round(clock, 3), round(clock + spoken, 3), line.text, line.speaker))
        clock += spoken + LINE_PAUSE_S
    return tuple(cues)


def scene_speech(
    screenplay: Screenplay, scene: Scene, *, voice: bool, work_dir: Path
) -> SceneSpeech:
    """Record the scene's dialogue (``tools.sound.voice``), or estimate its cues if voice is off."""
    if not voice or not scene.dialogue:
        return SceneSpeech(None, 0.0, estimated_cues(scene))
    recorded = synthesize_scene(
        scene,
        list(screenplay.characters),
        screenplay.language,
        work_dir / f"voice-{scene.number}.wav",
    )
    samples = decode_audio(Path(recorded.wav_path))
    seconds = max(float(recorded.duration_s), len(samples) / SAMPLE_RATE)
    cues = tuple(
        TimedLine(float(c.start_s), float(c.end_s), str(c.text), str(c.speaker or ""))
        for c in recorded.cues
    )
    return SceneSpeech(samples, seconds, cues)


def reel_audio(
    total_samples: int, *, speech: np.ndarray | None = None, speech_offset: int = 0
) -> np.ndarray:
    """The reel's dialogue track, exactly ``total_samples`` long, speech ``speech_offset`` in.

    Music is not mixed here: one continuous bed goes under the whole film at assembly.
    """
    voice = np.zeros((total_samples, CHANNELS), np.float32)
    if speech is not None and len(speech) and speech_offset < total_samples:
        take = min(len(speech), total_samples - speech_offset)
        voice[speech_offset : speech_offset + take] = _stereo(speech[:take])
    return voice


def apply_fades(audio: np.ndarray, fade_in: int, fade_out: int) -> np.ndarray:
    """Fade the first ``fade_in`` and last ``fade_out`` samples (in place; returns it)."""
    if fade_in > 0:
        fade_in = min(fade_in, len(audio))
        audio[:fade_in] *= np.linspace(0.0, 1.0, fade_in, dtype=np.float32)[:, None]
    if fade_out > 0:
        fade_out = min(fade_out, len(audio))
        audio[len(audio) - fade_out :] *= np.linspace(1.0, 0.0, fade_out, dtype=np.float32)[:, None]
    return audio


def _stereo(samples: np.ndarray) -> np.ndarray:
    if samples.ndim == 1:
        return np.repeat(samples[:, None], CHANNELS, axis=1).astype(np.float32)
    if samples.shape[1] == 1:
        return np.repeat(samples, CHANNELS, axis=1).astype(np.float32)
    return samples[:, :CHANNELS].astype(np.float32)
