"""How each character sounds through a one-speaker neural voice: size, pace and intonation.

The espeak cast (:func:`tools.sound.casting.cast_voices`) already reads the bible: sex from the
voice hint, role and look; age and manner words as pitch, pace and intonation shifts; a hash of
the name for the rest. The neural styles are derived from that cast, so one reading of the
bible drives both engines and a character keeps the same voice in every scene and re-render.

The two neural voices have one speaker each (English a man, Mandarin a woman), so a character
is told apart by "voice size" (pitch and formants, :mod:`tools.sound.voices.size`), pace and,
in Mandarin, intonation range. The ranges are the ones Whisper base still understands
(``bench/RESULTS.md``): English sizes 0.88-1.38, Mandarin 0.8-1.2. A woman in English is a
lighter, higher voice rather than a convincing woman's voice, and a man in Mandarin a low
voice rather than a typical man's; no second speaker ships on the registries we can use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tools.sound.casting import BASE_RATE
from tools.sound.espeak import VoiceSettings


@dataclass(frozen=True)
class NeuralStyle:
    """One character's way of speaking with a neural voice.

    Attributes:
        size: above 1 a smaller, higher voice; below 1 a larger, deeper one.
        pace: above 1 faster speech (the voice size does not change the pace).
        intonation: Mandarin pitch range around the speaker's mean (1 is the model's own).
    """

    size: float = 1.0
    pace: float = 1.0
    intonation: float = 1.0


# (centre size, size per espeak pitch unit away from 50, lowest, highest) per language and sex
_SIZES = {
    ("en", "m"): (0.98, 0.006, 0.88, 1.14),
    ("en", "f"): (1.26, 0.006, 1.16, 1.38),
    ("zh", "f"): (1.04, 0.005, 0.94, 1.2),
    ("zh", "m"): (0.84, 0.003, 0.8, 0.9),
}
_PACE = (0.88, 1.15)
_INTONATION = (0.7, 1.3)
_SIZE_APART, _PACE_APART = 0.05, 0.08  # closer than both and two people sound alike
_NUDGES = (0.0, 0.05, -0.05, 0.1, -0.1, 0.15, -0.15)


def neural_styles(cast: Mapping[str, VoiceSettings]) -> dict[str, dict[str, NeuralStyle]]:
    """Lower-case name -> {"en": style, "zh": style}, in cast order, no two alike per language.

    Both languages are given because a Chinese film's character may say an English sentence
    (and the other way round), in the same voice of the other language.
    """
    styles: dict[str, dict[str, NeuralStyle]] = {name: {} for name in cast}
    for language in ("en", "zh"):
        taken: list[NeuralStyle] = []
        for name, voice in cast.items():
            style = _free(*_style(voice, language), taken)
            taken.append(style)
            styles[name][language] = style
    return styles


def _style(voice: VoiceSettings, language: str) -> tuple[NeuralStyle, float, float]:
    """The style the espeak voice suggests, and the size range of that sex in ``language``."""
    sex = "f" if voice.name.partition("+")[2].startswith("f") else "m"
    centre, slope, low, high = _SIZES[(language, sex)]
    base_rate = BASE_RATE["zh" if voice.name.startswith("cmn") else "en"]
    style = NeuralStyle(
        size=round(_clamp(centre + (voice.pitch - 50) * slope, low, high), 3),
        pace=round(_clamp(voice.rate / base_rate, *_PACE), 3),
        intonation=round(_clamp(1 + (voice.pitch_range - 50) / 100, *_INTONATION), 3),
    )
    return style, low, high


def _free(style: NeuralStyle, low: float, high: float, taken: list[NeuralStyle]) -> NeuralStyle:
    """``style`` moved in size (``low`` to ``high``), then pace, until unlike everyone before.

    A crowd too big for that keeps the voice it was given.
    """
    for pace_step in (0.0, 0.1, -0.1):
        for size_step in _NUDGES:
            candidate = NeuralStyle(
                round(_clamp(style.size + size_step, low, high), 3),
                round(_clamp(style.pace + pace_step, *_PACE), 3),
                style.intonation,
            )
            if all(
                abs(candidate.size - other.size) >= _SIZE_APART
                or abs(candidate.pace - other.pace) >= _PACE_APART
                for other in taken
            ):
                return candidate
    return style


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
