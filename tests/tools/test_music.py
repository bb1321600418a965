"""Genre music beds, user music files and the ducked voice/music mix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from film.screenplay import Genre
from tools.ffmpeg import write_wav
from tools.sound.music import (
    DUCK_DB,
    MusicFileError,
    duck_and_mix,
    ducking_gain,
    genre_loop,
    music_bed,
)

RATE = 16_000  # the beds scale with the rate; a low one keeps these tests quick


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))


@pytest.mark.parametrize("genre", list(Genre))
def test_every_genre_has_a_modest_click_free_bed_of_exact_length(genre: Genre) -> None:
    bed = music_bed(genre, 7.3, RATE)
    assert bed.dtype == np.float32 and bed.shape == (round(7.3 * RATE), 2)
    assert float(np.abs(bed).max()) <= 0.45  # well below clipping, leaves room for dialogue
    assert 0.02 < _rms(bed[RATE : -2 * RATE]) < 0.12
    assert np.abs(bed[:8]).max() < 1e-3 and np.abs(bed[-8:]).max() < 1e-3  # faded both ends
    assert np.array_equal(bed, music_bed(genre, 7.3, RATE))  # deterministic


def test_genres_sound_different() -> None:
    spectra = {}
    for genre in Genre:
        mono = music_bed(genre, 6.0, RATE).mean(axis=1)
        spectrum = np.abs(np.fft.rfft(mono))
        spectra[genre] = spectrum / np.linalg.norm(spectrum)
    genres = list(Genre)
    for i, a in enumerate(genres):
        for b in genres[i + 1 :]:
            assert float(spectra[a] @ spectra[b]) < 0.9, (a, b)


def test_loop_restarts_without_a_click() -> None:
    loop = genre_loop(Genre.ANCIENT_STYLE, RATE)
    bed = music_bed(Genre.ANCIENT_STYLE, 2.5 * loop.shape[0] / RATE, RATE)
    steps = np.abs(np.diff(bed, axis=0)).max(axis=1)
    seam = loop.shape[0]
    typical = np.percentile(steps[RATE : -3 * RATE], 99.9)
    assert steps[seam - 3 : seam + 3].max() <= typical
    assert np.array_equal(bed[seam + RATE : seam + 2 * RATE], loop[RATE : 2 * RATE])


def test_empty_and_invalid_lengths() -> None:
    assert music_bed(Genre.YOUTH_ROMANCE, 0.0, RATE).shape == (0, 2)
    with pytest.raises(ValueError, match="length"):
        music_bed(Genre.YOUTH_ROMANCE, -1.0, RATE)


def test_a_user_music_file_is_looped_levelled_and_trimmed(tmp_path: Path) -> None:
    t = np.arange(int(1.5 * 44_100)) / 44_100
    tone = (0.9 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)  # loud, 1.5 s
    source = tmp_path / "song.wav"
    write_wav(source, tone)
    bed = music_bed(Genre.TOUCHING_FAMILY, 5.0, RATE, source_file=source)
    assert bed.shape == (5 * RATE, 2) and bed.dtype == np.float32
    assert float(np.abs(bed).max()) <= 0.45  # brought down to bed level
    middle = bed[RATE : 4 * RATE, 0]
    peak_hz = np.argmax(np.abs(np.fft.rfft(middle))) * RATE / middle.size
    assert peak_hz == pytest.approx(440, abs=2)
    assert _rms(bed[int(1.4 * RATE) : int(1.6 * RATE)]) > 0.5 * _rms(middle)  # no gap at the loop


def test_unusable_music_files_get_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(MusicFileError, match="not found"):
        music_bed(Genre.TOUCHING_FAMILY, 3.0, RATE, source_file=tmp_path / "missing.mp3")
    junk = tmp_path / "notes.mp3"
    junk.write_text("this is not audio")
    with pytest.raises(MusicFileError, match="notes.mp3"):
        music_bed(Genre.TOUCHING_FAMILY, 3.0, RATE, source_file=junk)


def _speech_like(seconds: float, start: float, stop: float) -> np.ndarray:
    rng = np.random.default_rng(3)
    voice = np.zeros(int(seconds * RATE), np.float32)
    voice[int(start * RATE) : int(stop * RATE)] = 0.1 * rng.standard_normal(
        int(stop * RATE) - int(start * RATE)
    )
    return voice


def test_music_ducks_about_12_db_under_speech_and_recovers() -> None:
    voice = _speech_like(8.0, 3.0, 5.0)
    t = np.arange(8 * RATE) / RATE
    music = np.repeat((0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[:, None], 2, axis=1)
    mixed = duck_and_mix(voice, music, RATE)
    assert mixed.shape == (8 * RATE, 2) and mixed.dtype == np.float32
    under = mixed - voice[:, None]  # what is left is the music, at its ducked level
    ducked = _rms(under[int(3.3 * RATE) : int(4.7 * RATE)]) / _rms(music[:RATE])
    clear = _rms(under[int(0.5 * RATE) : int(2.0 * RATE)]) / _rms(music[:RATE])
    after = _rms(under[int(6.5 * RATE) : int(7.5 * RATE)]) / _rms(music[:RATE])
    assert 20 * np.log10(ducked) == pytest.approx(DUCK_DB, abs=1.0)
    assert clear == pytest.approx(1.0, abs=0.01) and after == pytest.approx(1.0, abs=0.01)
    gain = ducking_gain(voice, RATE)
    assert gain[int(2.99 * RATE)] < 0.9  # already going down before the first word
    assert np.abs(np.diff(gain)).max() < 0.002  # a ramp, not a step (no pumping clicks)


def test_mix_never_clips_and_pads_the_shorter_input() -> None:
    voice = np.full(2 * RATE, 0.95, np.float32)
    music = np.full((3 * RATE, 2), 0.9, np.float32)
    mixed = duck_and_mix(voice, music, RATE)
    assert mixed.shape == (3 * RATE, 2)
    assert float(np.abs(mixed).max()) <= 0.98 + 1e-6
    with pytest.raises(ValueError, match="shape"):
        duck_and_mix(np.zeros((10, 3), np.float32), music, RATE)
