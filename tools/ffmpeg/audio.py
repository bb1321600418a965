"""The film's one audio format, and moving samples in and out of files in it."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from tools.ffmpeg.process import FFmpegError, run_ffmpeg

SAMPLE_RATE = 44_100
CHANNELS = 2
# ffmpeg's "fast" AAC coder costs a third of the default "twoloop" one (3.5 s of CPU for ten
# minutes of film instead of 11) and is transparent enough at 160 kb/s for speech over music.
AAC_ARGS = (
    "-c:a",
    "aac",
    "-aac_coder",
    "fast",
    "-ar",
    str(SAMPLE_RATE),
    "-ac",
    str(CHANNELS),
    "-b:a",
    "160k",
)


def write_wav(path: Path, samples: np.ndarray) -> None:
    """Write float samples in [-1, 1] as 16-bit PCM stereo at ``SAMPLE_RATE``."""
    stereo = samples if samples.ndim == 2 else np.repeat(samples[:, None], CHANNELS, axis=1)
    pcm = (np.clip(stereo, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(pcm.shape[1])
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())


def decode_audio(path: Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """All audio of ``path`` as float32 stereo at ``sample_rate``, shape (samples, 2).

    Raises:
        FFmpegError: when the file cannot be read or has no audio.
    """
    args = [
        "-i",
        str(path),
        "-vn",
        "-f",
        "f32le",
        "-ac",
        str(CHANNELS),
        "-ar",
        str(sample_rate),
        "pipe:1",
    ]
    try:
        data = run_ffmpeg(args, what=f"reading audio from {path.name}")
    except FFmpegError as exc:
        raise FFmpegError(
            f"could not read audio from {path.name}: {exc.log[-500:]}", exc.log
        ) from None
    return np.frombuffer(data, np.float32).reshape(-1, CHANNELS).copy()


def has_audio(path: Path) -> bool:
    """Whether ``path`` has an audio stream ffmpeg can decode (generated clips may have none)."""
    try:
        run_ffmpeg(
            ["-i", str(path), "-map", "0:a:0", "-frames:a", "1", "-f", "null", "-"],
            what=f"looking for sound in {path.name}",
            timeout_s=60,
        )
    except FFmpegError:
        return False
    return True
