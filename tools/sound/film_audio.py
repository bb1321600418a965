"""The film's music: one continuous bed under the whole film, ducked under every line.

Music is laid at assembly, not per scene: a bed restarted at every cut pumps and jumps, and
a bed cut to film time would tie each scene's cache to the length of all scenes before it.
The film's dialogue is streamed out of the joined segments in ten-second chunks, mixed with
``tools.sound.music.duck_and_mix`` (with a second of context either side so the ducking ramps are
seamless across chunks) and streamed into the muxer, so memory does not grow with the
dialogue's length; video is still joined by stream copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from tools.ffmpeg import AAC_ARGS, CHANNELS, SAMPLE_RATE, FFmpegProcess
from tools.sound.music import duck_and_mix

CHUNK_S = 10.0
CONTEXT_S = 1.0
Mixer = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


def mux_with_music(list_path: Path, out_path: Path, bed: np.ndarray) -> None:
    """Write ``out_path``: video copied from the concat list, dialogue ducked over ``bed``.

    Raises:
        FFmpegError: when decoding or muxing fails, with ffmpeg's complaint.
    """
    chunk, context = int(CHUNK_S * SAMPLE_RATE), int(CONTEXT_S * SAMPLE_RATE)
    frame_bytes = 4 * CHANNELS
    concat = ["-f", "concat", "-safe", "0", "-i", str(list_path)]
    dialogue = [
        *concat,
        "-vn",
        "-f",
        "f32le",
        "-ac",
        str(CHANNELS),
        "-ar",
        str(SAMPLE_RATE),
        "pipe:1",
    ]
    mix = [
        *concat,
        "-f",
        "f32le",
        "-ar",
        str(SAMPLE_RATE),
        "-ac",
        str(CHANNELS),
        "-i",
        "pipe:0",
        "-map",
        "0:v:0",
        "-map",
        "1:a:0",
        "-c:v",
        "copy",
        *AAC_ARGS,
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(out_path),
    ]
    with (
        FFmpegProcess(dialogue, what="reading the dialogue", read=True) as decoder,
        FFmpegProcess(mix, what="mixing in the music", feed=True) as muxer,
    ):
        try:
            _pump(decoder.stdout, muxer.stdin, bed, chunk, context, frame_bytes, duck_and_mix)
        except BrokenPipeError:
            pass  # the muxer stopped early; its log says why
        decoder.finish()  # a failed read is reported first: it explains a failed mix
        muxer.finish()


def _pump(
    source: IO[bytes],
    sink: IO[bytes],
    bed: np.ndarray,
    chunk: int,
    context: int,
    frame_bytes: int,
    mix: Mixer,
) -> None:
    """Mix chunk by chunk; each chunk sees ``context`` samples of dialogue on both sides."""
    before = np.zeros((0, CHANNELS), np.float32)
    ahead = _read(source, chunk + context, frame_bytes)
    position = 0
    while len(ahead):
        window, after = ahead[:chunk], ahead[chunk:]
        voice = np.concatenate([before, window, after])
        start = position - len(before)
        music = _slice(bed, start, start + len(voice))
        mixed = np.asarray(mix(voice, music, SAMPLE_RATE), np.float32)
        out = np.clip(mixed[len(before) : len(before) + len(window)], -1.0, 1.0)
        sink.write(np.ascontiguousarray(out, "<f4").tobytes())
        position += len(window)
        done = len(before) + len(window)
        before = voice[max(0, done - context) : done]
        ahead = np.concatenate([after, _read(source, chunk, frame_bytes)])


def _read(source: IO[bytes], samples: int, frame_bytes: int) -> np.ndarray:
    data = b""
    while len(data) < samples * frame_bytes:
        block = source.read(samples * frame_bytes - len(data))
        if not block:
            break
        data += block
    usable = len(data) // frame_bytes * frame_bytes
    return np.frombuffer(data[:usable], "<f4").reshape(-1, CHANNELS)


def _slice(bed: np.ndarray, start: int, end: int) -> np.ndarray:
    """``bed[start:end]``, silent where the range runs past either end of the bed."""
    out = np.zeros((end - start, CHANNELS), np.float32)
    lo, hi = max(0, start), min(len(bed), end)
    if hi > lo:
        out[lo - start : hi - start] = bed[lo:hi]
    return out
