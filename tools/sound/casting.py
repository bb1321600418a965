"""Casting voices: one distinct, stable offline voice per character, read off the bible.

Gender, age and manner words in a character's voice hint (else their role and look) pick an
espeak variant and shift pitch and pace; a hash of the name spreads the rest, and no two cast
members share a voice. Nothing here depends on the scene being spoken, which is what keeps a
character sounding the same in every scene; :mod:`tools.sound.voice` does the speaking.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from film.language import CJK
from film.quality.people.sexes import sex_of
from film.screenplay import CharacterProfile
from tools.sound import espeak

_TRAITS: tuple[tuple[re.Pattern[str], int, float, int], ...] = (
    # (words, pitch shift, pace factor, intonation range shift)
    (re.compile(r"\b(old|older|elderly|aged|senior|grand\w*)\b|老|爷|奶|婆", re.I), -8, 0.9, -10),
    (re.compile(r"\b(child|kid|little|teen\w*|young)\b|孩|童|少年|少女", re.I), 12, 1.05, 10),
    (re.compile(r"\b(deep|low|gravelly|husky|bass|baritone)\b|低沉|浑厚|沙哑", re.I), -12, 1.0, 0),
    (re.compile(r"\b(high|bright|squeaky|shrill|sweet)\b|清脆|尖|甜", re.I), 10, 1.0, 5),
    (re.compile(r"\b(fast|quick|rapid|energetic|excited|chatty)\b|快|急", re.I), 0, 1.12, 5),
    (
        re.compile(r"\b(slow|calm|measured|gentle|soft|deliberate)\b|慢|缓|温柔|沉稳", re.I),
        0,
        0.9,
        -5,
    ),
    (re.compile(r"\b(monotone|flat|cold|dry|stern)\b|冷|严肃", re.I), -3, 1.0, -30),
    (re.compile(r"\b(lively|expressive|animated|cheerful|playful)\b|活泼|开朗", re.I), 4, 1.05, 30),
)
_VARIANTS = {"f": ("f1", "f2", "f3", "f4", "f5"), "m": ("m1", "m2", "m3", "m4", "m5", "m6", "m7")}
_BASE_VOICE = {"zh": "cmn", "en": "en-us"}
BASE_RATE = {"zh": 215, "en": 140}  # espeak wpm giving ~4.5 hanzi/s and ~2.7 words/s


def speaker_key(name: str) -> str:
    """How a name is matched across bible and dialogue: lower case, "(V.O.)" notes dropped."""
    return re.sub(r"\([^)]*\)|（[^）]*）", "", name).strip().lower()


def _stable(text: str, modulo: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % modulo


def describe_cast(
    bible: Sequence[CharacterProfile], speakers: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """Lower-case name -> (voice hint, role and look), bible order first, then other speakers."""
    people: dict[str, tuple[str, str]] = {}
    for profile in bible:
        people.setdefault(
            speaker_key(profile.name), (profile.voice, f"{profile.role} {profile.look}")
        )
    for speaker in speakers:
        people.setdefault(speaker_key(speaker), ("", ""))
    return people


def cast_voices(
    bible: Sequence[CharacterProfile], speakers: Sequence[str], language: str
) -> dict[str, espeak.VoiceSettings]:
    """One distinct voice per character (bible order first), keyed by lower-case name.

    Voices depend only on the bible entries, so a character sounds the same in every scene;
    speakers missing from the bible get a voice from their name alone.
    """
    lang = "zh" if language.startswith("zh") else "en"
    voices: dict[str, espeak.VoiceSettings] = {}
    for name, (hint, description) in describe_cast(bible, speakers).items():
        sex = sex_of(hint) or sex_of(description) or "fm"[_stable(name, 2)]
        pool = _VARIANTS[sex]
        taken = {v.name for v in voices.values()}
        start = _stable(name, len(pool))
        variant = next(
            (
                pool[(start + i) % len(pool)]
                for i in range(len(pool))
                if f"{_BASE_VOICE[lang]}+{pool[(start + i) % len(pool)]}" not in taken
            ),
            pool[start],
        )
        pitch, pace, spread = 50 + _stable(name + "pitch", 13) - 6, 1.0, 50
        for words, pitch_shift, pace_factor, spread_shift in _TRAITS:
            if words.search(hint or description):
                pitch, pace, spread = pitch + pitch_shift, pace * pace_factor, spread + spread_shift
        voice_name = f"{_BASE_VOICE[lang]}+{variant}"
        pitch = _free_pitch(
            max(5, min(95, pitch)), [v.pitch for v in voices.values() if v.name == voice_name]
        )
        voices[name] = espeak.VoiceSettings(
            voice_name,
            rate=round(BASE_RATE[lang] * pace * (0.96 + _stable(name, 9) / 100)),
            pitch=pitch,
            pitch_range=max(0, min(100, spread)),
        )
    return voices


def _free_pitch(pitch: int, used: list[int]) -> int:
    """When the variants run out, two people on one variant are told apart by pitch."""
    for step in (0, 9, -9, 18, -18, 27, -27, 36, -36):
        candidate = max(5, min(95, pitch + step))
        if all(abs(candidate - other) >= 6 for other in used):
            return candidate
    return pitch


def voice_for_script(voice: espeak.VoiceSettings, text: str) -> espeak.VoiceSettings:
    """The same speaker's English voice for an all-Latin sentence in a Chinese film, and back."""
    variant = voice.name.partition("+")[2]
    base = "cmn" if CJK.search(text) else "en-us"
    if voice.name.startswith(base):
        return voice
    rate = (
        BASE_RATE["zh" if base == "cmn" else "en"]
        * voice.rate
        // BASE_RATE["en" if base == "cmn" else "zh"]
    )
    return espeak.VoiceSettings(f"{base}+{variant}", rate, voice.pitch, voice.pitch_range)
