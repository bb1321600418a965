"""Music beds per genre, synthesised in numpy, and the ducked mix of voice over music.

No music library or model ships with the studio, so each genre gets a small arrangement played
by additive/FM instruments: pentatonic guzheng-like plucks for ancient style, a warm piano for
family stories, a bouncy marimba with bass and hats for spoofs. One seamless loop is rendered
per genre (note tails and reverb wrap around its end), then tiled to any length, so a ten-minute
film costs no more than a short one. A user's own track can replace it (``source_file``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numpy as np

from film.screenplay import Genre
from tools.ffmpeg import FFmpegError, decode_audio
from tools.sound.music_synth import Style, render_loop

TARGET_RMS = 0.07  # about -23 dBFS: a bed under dialogue, not a soundtrack in front of it
PEAK_LIMIT = 0.4
DUCK_DB = -12.0


class MusicFileError(ValueError):
    """A user-supplied music file is missing or cannot be decoded."""


_STYLES: dict[Genre, Style] = {
    Genre.ANCIENT_STYLE: Style(
        66,
        62,
        ((0, 7, 12, 16, 19), (-3, 4, 9, 12, 16), (-5, 2, 7, 9, 14), (0, 4, 7, 9, 14)),
        "pluck",
        (0, 2, 3, 4, 3, 2, -1, 1),
        0.35,
        0.0,
        0.0,
        2.4,
        True,
    ),
    Genre.TOUCHING_FAMILY: Style(
        72,
        60,
        ((0, 4, 7, 12), (-5, 2, 7, 11), (-3, 4, 9, 12), (-7, 5, 9, 12)),
        "piano",
        (0, 1, 2, 3, 2, 1, 2, 1),
        0.4,
        0.5,
        0.0,
        1.8,
    ),
    Genre.GRASSROOTS_SPOOF: Style(
        126,
        65,
        ((0, 4, 7, 12), (5, 9, 12, 17), (7, 11, 14, 19), (0, 4, 7, 12)),
        "marimba",
        (0, -1, 2, 1, 3, -1, 2, 1),
        0.0,
        0.9,
        0.6,
        0.6,
    ),
    Genre.YOUTH_ROMANCE: Style(
        88,
        67,
        ((0, 4, 7, 11), (-3, 4, 7, 9), (-7, 5, 9, 12), (-5, 2, 7, 11)),
        "bell",
        (0, 2, 1, 3, 2, 1, 3, 2),
        0.45,
        0.5,
        0.15,
        1.6,
    ),
    Genre.INSPIRATIONAL_STRUGGLE: Style(
        100,
        57,
        ((0, 3, 7, 12), (-4, 3, 8, 12), (3, 7, 10, 15), (-2, 5, 10, 14)),
        "piano",
        (0, 1, 2, 1, 3, 1, 2, 1),
        0.5,
        0.7,
        0.35,
        1.4,
    ),
    Genre.AESTHETIC_SCENERY: Style(
        60,
        64,
        ((0, 4, 7, 11, 14), (-3, 4, 7, 11), (-7, 4, 8, 11), (-5, 2, 7, 9)),
        "bell",
        (0, -1, 2, -1, 4, -1, 3, -1),
        0.7,
        0.3,
        0.0,
        3.0,
    ),
}
BARS_PER_LOOP = 8


def music_bed(
    genre: Genre, duration_s: float, sample_rate: int = 44_100, source_file: Path | None = None
) -> np.ndarray:
    """A ``duration_s`` music bed (float32, shape (n, 2)) with gentle fades at both ends.

    Raises:
        ValueError: for a negative length or a non-positive sample rate.
        MusicFileError: when ``source_file`` is missing or not decodable audio.
    """
    if duration_s < 0 or sample_rate <= 0:
        raise ValueError(
            f"A music bed needs a length >= 0 s and a positive rate, "
            f"not {duration_s} s at {sample_rate} Hz."
        )
    n = int(round(duration_s * sample_rate))
    if n == 0:
        return np.zeros((0, 2), np.float32)
    if source_file is not None:
        loop = _level(_decode(Path(source_file), sample_rate))
        bed = _loop_to(loop, n, crossfade=int(0.5 * sample_rate))
    else:
        bed = np.resize(genre_loop(Genre(genre), sample_rate), (n, 2))  # tiles row by row
    return _fade(bed, sample_rate)


def duck_and_mix(voice: np.ndarray, music: np.ndarray, sample_rate: int) -> np.ndarray:
    """Voice over music, the music lowered by ~12 dB wherever someone speaks.

    The gain moves on smooth ramps that start just before each line (so the first syllable is
    never masked) and recover after a short hold (so the music does not pump between words).
    The result is as long as the longer input and is scaled down if it would clip.
    """
    speech = _stereo(voice)
    bed = _stereo(music)
    n = max(speech.shape[0], bed.shape[0])
    speech = np.pad(speech, ((0, n - speech.shape[0]), (0, 0)))
    bed = np.pad(bed, ((0, n - bed.shape[0]), (0, 0)))
    mixed = speech + bed * ducking_gain(speech, sample_rate)[:, None]
    peak = float(np.max(np.abs(mixed))) if n else 0.0
    if peak > 0.98:
        mixed *= 0.98 / peak
    return mixed.astype(np.float32)


def ducking_gain(voice: np.ndarray, sample_rate: int) -> np.ndarray:
    """Per-sample music gain: 1 in the clear, ``DUCK_DB`` under speech, smooth in between."""
    mono = _stereo(voice).mean(axis=1)
    hop = max(1, sample_rate // 100)  # 10 ms frames
    frames = -(-mono.size // hop)
    if frames == 0:
        return np.ones(0, np.float32)
    padded = np.pad(mono, (0, frames * hop - mono.size)).reshape(frames, hop)
    talking = np.sqrt(np.mean(padded**2, axis=1)) > 0.01
    lead, hold = 15, 30  # frames: duck 150 ms early, hold 300 ms after the last word
    window = np.ones(lead + hold + 1)
    talking = np.convolve(talking.astype(float), window, mode="full")[hold : hold + frames] > 0
    target = np.where(talking, 10 ** (DUCK_DB / 20), 1.0)
    ramp = np.hanning(21)
    smooth = np.convolve(np.pad(target, 10, mode="edge"), ramp / ramp.sum(), mode="valid")
    positions = (np.arange(mono.size) + 0.5) / hop - 0.5
    return np.interp(positions, np.arange(frames), smooth).astype(np.float32)


def _stereo(samples: np.ndarray) -> np.ndarray:
    data = np.asarray(samples, np.float32)
    if data.ndim == 1:
        return np.repeat(data[:, None], 2, axis=1)
    if data.ndim == 2 and data.shape[1] in (1, 2):
        return data if data.shape[1] == 2 else np.repeat(data, 2, axis=1)
    raise ValueError(f"Audio must be mono (n,) or (n, 1|2) samples, not shape {data.shape}.")


def _fade(bed: np.ndarray, sample_rate: int) -> np.ndarray:
    n = bed.shape[0]
    fade_in = min(int(1.0 * sample_rate), n // 4)
    fade_out = min(int(2.0 * sample_rate), n // 3)
    if fade_in:
        bed[:fade_in] *= (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, fade_in)))[:, None]
    if fade_out:
        bed[n - fade_out :] *= (0.5 + 0.5 * np.cos(np.linspace(0, np.pi, fade_out)))[:, None]
    return bed.astype(np.float32, copy=False)


def _level(audio: np.ndarray) -> np.ndarray:
    """Bring a loop to the bed's loudness without letting a peak stick out."""
    rms = float(np.sqrt(np.mean(audio**2))) if audio.size else 0.0
    if rms < 1e-5:
        return audio.astype(np.float32)
    gain = min(TARGET_RMS / rms, PEAK_LIMIT / float(np.max(np.abs(audio))))
    return (audio * gain).astype(np.float32)


def _loop_to(loop: np.ndarray, n: int, crossfade: int) -> np.ndarray:
    """Repeat ``loop`` to ``n`` samples, blending each seam so the restart does not click.

    Each repetition after the first begins with the loop's head cross-faded into the previous
    repetition's tail, so one blended period can simply be tiled.
    """
    if loop.shape[0] >= n:
        return loop[:n].copy()
    crossfade = min(crossfade, loop.shape[0] // 4)
    period = loop[: loop.shape[0] - crossfade].copy()
    if crossfade:
        rise = np.linspace(0.0, 1.0, crossfade, dtype=np.float32)[:, None]
        period[:crossfade] = loop[:crossfade] * rise + loop[-crossfade:] * (1 - rise)
    bed = np.resize(period, (n, 2))
    bed[:crossfade] = loop[:crossfade]  # the very first start has no tail to blend from
    return bed


def _decode(path: Path, sample_rate: int) -> np.ndarray:
    if not path.is_file():
        raise MusicFileError(f"The music file {path.name!r} was not found.")
    try:
        audio = decode_audio(path, sample_rate)
    except FFmpegError as exc:
        reason = exc.log[-300:] or "no audio in it"
        raise MusicFileError(f"Could not use {path.name!r} as music: {reason}") from None
    if audio.size < 2 * sample_rate // 10:
        raise MusicFileError(f"Could not use {path.name!r} as music: no audio in it")
    return np.nan_to_num(audio)


@cache
def genre_loop(genre: Genre, sample_rate: int = 44_100) -> np.ndarray:
    """The genre's seamless loop at bed level (read-only; rendered once per process)."""
    seed = int(hashlib.sha256(genre.value.encode()).hexdigest()[:8], 16)
    raw = render_loop(_STYLES[genre], BARS_PER_LOOP, sample_rate, np.random.default_rng(seed))
    loop = _level(raw)
    loop.setflags(write=False)
    return loop
