"""The instruments and the arranger behind :func:`tools.sound.music.music_bed`.

Every note is additive or FM synthesis with a short attack ramp and a tail that decays to
exact zero, so nothing clicks. Notes are written into a circular buffer one loop long (a tail
that runs past the end wraps to the start) and the reverb is a circular convolution, which
makes the rendered loop seamless when it is tiled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Instrument = Callable[[float, float, int], np.ndarray]
PENTATONIC = (0, 2, 4, 7, 9)


@dataclass(frozen=True)
class Style:
    """How one genre's loop is arranged: tempo, key, chords, lead line and the band's mix."""

    bpm: float
    root: int  # MIDI note of the key's tonic
    chords: tuple[tuple[int, ...], ...]  # semitones above the root, one chord per bar
    lead: str  # instrument of the arpeggio line
    pattern: tuple[int, ...]  # chord-tone index per eighth note, -1 rests
    pad: float
    bass: float
    drums: float
    reverb_s: float
    pentatonic: bool = False


def midi_hz(note: float) -> float:
    """Equal-tempered frequency of a MIDI note number."""
    return float(440.0 * 2 ** ((note - 69) / 12))


def _shape(tone: np.ndarray, sr: int, attack_s: float = 0.004) -> np.ndarray:
    """Ramp the first milliseconds in and the last 40 ms out: no step at either end."""
    attack = min(tone.size // 2, max(1, int(attack_s * sr)))
    release = min(tone.size // 2, int(0.04 * sr))
    tone[:attack] *= np.linspace(0.0, 1.0, attack)
    tone[tone.size - release :] *= np.linspace(1.0, 0.0, release)
    return tone


def pluck(freq: float, velocity: float, sr: int) -> np.ndarray:
    """A guzheng-like plucked string: bright partials dying fast, a pressed vibrato later."""
    t = np.arange(int(2.4 * sr), dtype=np.float32) / sr
    depth = 0.005 * np.clip((t - 0.25) / 0.4, 0.0, 1.0)
    phase = (2 * np.pi / sr) * np.cumsum(freq * (1 + depth * np.sin(2 * np.pi * 5.5 * t)))
    tone = np.zeros_like(t)
    for k in range(1, 9):
        if k * freq > sr / 2.2:
            break
        decay = 2.0 + 1.1 * k
        end = _audible(decay, t.size, sr)  # a partial 80 dB down is not worth computing
        tone[:end] += (
            (velocity ** (k / 3) / k**1.2) * np.exp(-decay * t[:end]) * np.sin(k * phase[:end])
        )
    return _shape(tone, sr, 0.002)


def _audible(decay: float, size: int, sr: int) -> int:
    return min(size, int(9.2 / decay * sr))


def piano(freq: float, velocity: float, sr: int) -> np.ndarray:
    """A warm piano: slightly stretched partials, a quick bloom, then a long soft decay."""
    t = np.arange(int(2.8 * sr), dtype=np.float32) / sr
    tone = np.zeros_like(t)
    for k in range(1, 9):
        partial = freq * k * np.sqrt(1 + 0.0003 * k * k)
        if partial > sr / 2.2:
            break
        end = _audible(0.7 + 0.35 * k, t.size, sr)
        decay = 0.6 * np.exp(-(3.0 + k) * t[:end]) + 0.4 * np.exp(-(0.7 + 0.35 * k) * t[:end])
        tone[:end] += (
            (velocity ** (k / 4) / k**1.6) * decay * np.sin((2 * np.pi * partial) * t[:end])
        )
    return _shape(tone, sr, 0.003)


def bell(freq: float, velocity: float, sr: int) -> np.ndarray:
    """An electric-piano/celesta voice from two-operator FM, brighter when struck harder."""
    t = np.arange(int(3.0 * sr)) / sr
    index = (0.8 + 1.6 * velocity) * np.exp(-t / 0.35)
    tone = np.sin(2 * np.pi * freq * t + index * np.sin(2 * np.pi * 2.0 * freq * t))
    return _shape(tone * np.exp(-1.5 * t), sr)


def marimba(freq: float, velocity: float, sr: int) -> np.ndarray:
    """A woody, bouncy mallet note that stops almost at once (keeps the spoof light)."""
    t = np.arange(int(0.55 * sr)) / sr
    tone = sum(
        a * np.exp(-d * t) * np.sin(2 * np.pi * freq * r * t)
        for r, a, d in ((1.0, 1.0, 9.0), (3.93, 0.3 * velocity, 26.0), (9.2, 0.08, 50.0))
    )
    return _shape(np.asarray(tone, np.float64), sr, 0.002)


_PAD_TABLE = np.sum(
    [np.sin(2 * np.pi * k * np.arange(4096) / 4096 + k) / k**2 for k in range(1, 5)], axis=0
).astype(np.float32)


def pad(notes: tuple[float, ...], seconds: float, sr: int, detune: float) -> np.ndarray:
    """A soft string-like chord swelling in and out over ``seconds`` (wavetable voices)."""
    count = int(seconds * sr)
    steps = np.arange(count, dtype=np.float64)
    tone = np.zeros(count, np.float32)
    for note in notes:
        for cents in (-detune, 0.0, detune):
            cycles = midi_hz(note) * 2 ** (cents / 1200) / sr
            tone += _PAD_TABLE[((steps * cycles * 4096) % 4096).astype(np.int32)]
    envelope = np.sin(np.pi * np.arange(count) / count) ** 2
    return tone * envelope / (3 * len(notes))


def bass(freq: float, velocity: float, sr: int) -> np.ndarray:
    """A round low note that anchors the chord."""
    t = np.arange(int(1.2 * sr)) / sr
    tone = (np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t)) * np.exp(-2.5 * t)
    return _shape(tone * velocity, sr, 0.006)


def kick(sr: int) -> np.ndarray:
    """A soft kick: a sine falling from 110 Hz to 45 Hz."""
    t = np.arange(int(0.35 * sr)) / sr
    freq = 45 + 65 * np.exp(-t / 0.04)
    return _shape(np.sin(2 * np.pi * np.cumsum(freq) / sr) * np.exp(-t / 0.12), sr, 0.002)


def hat(sr: int, rng: np.random.Generator) -> np.ndarray:
    """A short high tick of filtered noise."""
    noise = np.diff(rng.standard_normal(int(0.06 * sr) + 1))
    return _shape(noise * np.exp(-np.arange(noise.size) / (0.012 * sr)) * 0.25, sr, 0.001)


LEADS: dict[str, Instrument] = {"pluck": pluck, "piano": piano, "bell": bell, "marimba": marimba}


class _Loop:
    """A stereo circular buffer that notes are added into."""

    def __init__(self, samples: int) -> None:
        self.data = np.zeros((samples, 2))

    def add(self, start: int, tone: np.ndarray, gain: float, pan: float = 0.0) -> None:
        n = self.data.shape[0]
        tone = tone[:n]
        left, right = gain * np.cos((pan + 1) * np.pi / 4), gain * np.sin((pan + 1) * np.pi / 4)
        start %= n
        first = min(tone.size, n - start)
        self.data[start : start + first] += np.outer(tone[:first], (left, right))
        if first < tone.size:
            self.data[: tone.size - first] += np.outer(tone[first:], (left, right))


def render_loop(style: Style, bars: int, sr: int, rng: np.random.Generator) -> np.ndarray:
    """One seamless stereo loop of ``bars`` 4/4 bars in ``style`` (float32, unlevelled)."""
    beat = 60.0 / style.bpm
    loop = _Loop(int(round(bars * 4 * beat * sr)))
    lead = LEADS[style.lead]
    pads: dict[tuple[tuple[int, ...], float], np.ndarray] = {}
    tones: dict[tuple[int, float], np.ndarray] = {}
    for bar in range(bars):
        chord = style.chords[bar % len(style.chords)]
        bar_start = bar * 4 * beat
        for step, index in enumerate(style.pattern):
            if index < 0 or (style.pentatonic and rng.random() < 0.15):
                continue
            note = style.root + chord[index % len(chord)] + 12 * (index // len(chord))
            when = bar_start + step * beat / 2 + rng.normal(0, 0.006)
            accent = 1.0 if step % 2 else 1.2
            velocity = round(min(1.0, 0.65 + 0.35 * rng.random() * accent) * 4) / 4
            if (note, velocity) not in tones:  # chords repeat: each distinct note is made once
                tones[note, velocity] = lead(midi_hz(note), velocity, sr)
            loop.add(
                int(when * sr),
                tones[note, velocity],
                0.3,
                pan=float(np.clip((note - style.root - 7) / 24, -0.5, 0.5)),
            )
        if style.pentatonic and bar % 4 == 3:
            _glissando(loop, style, bar_start + 3.5 * beat, beat, sr)
        if style.pad:
            notes = tuple(style.root - 12 + c for c in chord[:3])
            for side, detune in ((-0.6, 7.0), (0.6, 11.0)):
                if (notes, detune) not in pads:
                    pads[notes, detune] = pad(notes, 6 * beat, sr, detune)
                swell = pads[notes, detune]
                loop.add(int((bar_start - beat) * sr), swell, style.pad * 0.2, pan=side)
        _rhythm(loop, style, chord, bar_start, beat, sr, rng)
    return _reverb(loop.data, style.reverb_s, sr, rng).astype(np.float32)


def _glissando(loop: _Loop, style: Style, start: float, beat: float, sr: int) -> None:
    """The guzheng's signature sweep up the pentatonic scale into the next phrase."""
    notes = [style.root + 12 + 12 * (i // 5) + PENTATONIC[i % 5] for i in range(8)]
    for i, note in enumerate(notes):
        loop.add(
            int((start + i * beat / 2 / len(notes)) * sr),
            pluck(midi_hz(note), 0.5, sr),
            0.12,
            pan=-0.4 + i * 0.1,
        )


def _rhythm(
    loop: _Loop,
    style: Style,
    chord: tuple[int, ...],
    bar_start: float,
    beat: float,
    sr: int,
    rng: np.random.Generator,
) -> None:
    """Bass on the strong beats (oom-pah for the spoof), kick and hats where the genre has them."""
    root = style.root - 24 + chord[0]
    for count in range(4):
        when = int((bar_start + count * beat) * sr)
        if style.bass and (count % 2 == 0 or style.lead == "marimba"):
            note = root + (7 if style.lead == "marimba" and count % 2 else 0)
            loop.add(when, bass(midi_hz(note), 0.9, sr), style.bass * 0.35)
        if style.drums and (count % 2 == 0 or style.bpm >= 100):
            loop.add(when, kick(sr), style.drums * 0.5)
        if style.drums >= 0.3:
            loop.add(when + int(beat / 2 * sr), hat(sr, rng), style.drums * 0.25, pan=0.3)


def _reverb(dry: np.ndarray, seconds: float, sr: int, rng: np.random.Generator) -> np.ndarray:
    """A decaying-noise room; the tail past the loop's end folds back onto its start."""
    n = dry.shape[0]
    length = min(n, int(seconds * sr))
    size = _smooth_length(n + length)  # FFT sizes with large prime factors are 20x slower
    t = np.arange(length) / sr
    spectrum = np.fft.rfft(dry.mean(axis=1), size)
    wet = np.zeros_like(dry)
    for channel in range(2):
        response = rng.standard_normal(length) * np.exp(-6.9 * t / seconds)
        response[: int(0.012 * sr)] = 0.0
        response /= np.sqrt(np.sum(response**2))
        full = np.fft.irfft(spectrum * np.fft.rfft(response, size), size)
        wet[:, channel] = full[:n]
        wet[: size - n, channel] += full[n:]
    return dry + 0.45 * wet


def _smooth_length(n: int) -> int:
    """The smallest 2^a * 3^b * 5^c that is at least ``n``."""
    best = 1 << (n - 1).bit_length()
    fives = 1
    while fives < best:
        threes = fives
        while threes < best:
            candidate = threes << max(0, (-(-n // threes) - 1).bit_length())
            best = min(best, candidate)
            threes *= 3
        fives *= 5
    return best
