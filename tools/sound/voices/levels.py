"""Any engine's speech made film-ready: edge silence trimmed, film rate, even level.

Every voice (espeak-ng, the neural voices, a speech service) goes through :func:`polish`, so
lines from different engines sit at one loudness and subtitle cues are timed by one rule.
"""

from __future__ import annotations

import numpy as np

SILENCE = 0.01  # 1% of full scale: below this a sample counts as silence
_TARGET_RMS, _PEAK = 0.12, 0.9


def polish(raw: np.ndarray, rate: int, target_rate: int) -> np.ndarray:
    """Mono speech at ``rate`` -> ``target_rate``, edge silence trimmed, level evened out."""
    loud = np.nonzero(np.abs(raw) > SILENCE)[0]
    if loud.size == 0:
        return np.zeros(0, np.float32)
    margin = int(0.02 * rate)
    raw = raw[max(0, loud[0] - margin) : loud[-1] + margin]
    audio = resample(raw, rate, target_rate)
    rms = float(np.sqrt(np.mean(audio**2)))
    gain = min(_TARGET_RMS / max(rms, 1e-6), _PEAK / float(np.max(np.abs(audio))))
    fade = min(audio.size // 2, round(0.005 * target_rate))
    audio = audio * gain
    audio[:fade] *= np.linspace(0.0, 1.0, fade, dtype=np.float32)
    audio[audio.size - fade :] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return audio.astype(np.float32)


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Band-limited resampling (FFT); integer upsampling (22050 -> 44100) by windowed sinc."""
    if source_rate == target_rate or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    if target_rate % source_rate == 0:
        factor = target_rate // source_rate
        taps = np.arange(-16 * factor, 16 * factor + 1)
        kernel = np.sinc(taps / factor) * np.hamming(taps.size)
        stuffed = np.zeros(samples.size * factor, np.float32)
        stuffed[::factor] = samples
        return np.convolve(stuffed, kernel, mode="same").astype(np.float32)
    return to_length(samples, round(samples.size * target_rate / source_rate))


def to_length(samples: np.ndarray, length: int) -> np.ndarray:
    """``samples`` resampled to ``length`` samples by FFT (band-limited both ways).

    Shortening drops the spectrum above the new Nyquist frequency, so nothing aliases;
    lengthening pads the spectrum with silence.
    """
    length = max(1, length)
    if samples.size == 0 or length == samples.size:
        return samples.astype(np.float32, copy=False)
    spectrum = np.fft.rfft(samples.astype(np.float64))
    bins = length // 2 + 1
    if bins <= spectrum.size:
        spectrum = spectrum[:bins]
    else:
        spectrum = np.concatenate([spectrum, np.zeros(bins - spectrum.size, spectrum.dtype)])
    return (np.fft.irfft(spectrum, length) * (length / samples.size)).astype(np.float32)
