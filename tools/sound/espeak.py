"""A thin ctypes binding to the espeak-ng library shipped in the ``espeakng-loader`` wheel.

Using the bundled library (instead of a system ``espeak-ng`` binary) keeps speech working on
any machine the locked environment installs on, and synthesising in-process returns the exact
sample count of every line, which is what subtitle timing is built from. espeak-ng keeps global
state and is not thread-safe, so every call goes through one process-wide lock.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PARAM_RATE, _PARAM_VOLUME, _PARAM_PITCH, _PARAM_RANGE = 1, 2, 3, 4
_PHONEMES_IPA = 0x02  # espeakPHONEMES_IPA: UTF-8 IPA instead of espeak's ASCII mnemonics
_LANGUAGE_SWITCH = re.compile(r"\([a-z]{2,3}(?:-[a-z0-9]+)*\)")

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
_LOCK = threading.Lock()


class EspeakError(RuntimeError):
    """The speech engine could not be loaded or refused a request."""


@dataclass(frozen=True)
class VoiceSettings:
    """One speaking voice: an espeak voice name with variant, plus prosody parameters.

    Attributes:
        name: espeak voice and variant, e.g. ``"en-us+f3"`` or ``"cmn+m2"``.
        rate: words per minute (espeak accepts 80-450; 175 is its default).
        pitch: base pitch 0-100 (50 is neutral).
        pitch_range: intonation range 0-100 (0 is monotone).
    """

    name: str
    rate: int = 165
    pitch: int = 50
    pitch_range: int = 50


class _Engine:
    """The loaded library, its sample rate and the buffer the callback fills."""

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EspeakError(
                "The speech engine package 'espeakng-loader' is missing; reinstall the locked "
                "environment."
            ) from exc
        try:
            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        except OSError as exc:  # pragma: no cover - a broken install
            raise EspeakError(f"Could not load the espeak-ng library: {exc}") from exc
        self._declare(self.lib)
        data = espeakng_loader.get_data_path().encode()
        rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EspeakError(f"espeak-ng failed to initialise (code {rate}).")
        self.sample_rate = int(rate)
        self.chunks: list[np.ndarray] = []
        self._callback = _SynthCallback(self._collect)  # kept alive as long as the engine
        self.lib.espeak_SetSynthCallback(self._callback)

    @staticmethod
    def _declare(lib: Any) -> None:
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        lib.espeak_Synchronize.argtypes = []
        lib.espeak_Synchronize.restype = ctypes.c_int
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p

    def _collect(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0 and wav:
            self.chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = keep synthesising

    def speak(self, text: str, voice: VoiceSettings) -> np.ndarray:
        if self.lib.espeak_SetVoiceByName(voice.name.encode()) != 0:
            raise EspeakError(f"espeak-ng has no voice named {voice.name!r}.")
        for parameter, value in (
            (_PARAM_RATE, voice.rate),
            (_PARAM_PITCH, voice.pitch),
            (_PARAM_RANGE, voice.pitch_range),
            (_PARAM_VOLUME, 100),
        ):
            self.lib.espeak_SetParameter(parameter, int(value), 0)
        data = text.encode("utf-8") + b"\0"
        self.chunks = []
        status = self.lib.espeak_Synth(
            data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
        )
        self.lib.espeak_Synchronize()
        if status != 0:
            raise EspeakError(f"espeak-ng could not speak the line (code {status}).")
        if not self.chunks:
            return np.zeros(0, np.int16)
        return np.concatenate(self.chunks).astype(np.int16)

    def phonemes(self, text: str, voice_name: str) -> str:
        if self.lib.espeak_SetVoiceByName(voice_name.encode()) != 0:
            raise EspeakError(f"espeak-ng has no voice named {voice_name!r}.")
        buffer = ctypes.create_string_buffer(text.encode("utf-8") + b"\0")
        cursor = ctypes.c_void_p(ctypes.addressof(buffer))
        clauses = []
        while cursor.value:  # espeak-ng sets it to NULL after the last clause
            said = self.lib.espeak_TextToPhonemes(ctypes.byref(cursor), _CHARS_UTF8, _PHONEMES_IPA)
            if said:
                clauses.append(said.decode("utf-8").strip())
        return _LANGUAGE_SWITCH.sub("", " ".join(c for c in clauses if c))


@cache
def _engine() -> _Engine:
    return _Engine()


def sample_rate() -> int:
    """The rate espeak-ng produces samples at (22050 Hz for the bundled voices)."""
    with _LOCK:
        return _engine().sample_rate


def speak(text: str, voice: VoiceSettings) -> np.ndarray:
    """Synthesise ``text`` with ``voice``; mono int16 samples at :func:`sample_rate`.

    Raises:
        EspeakError: when the engine cannot load, the voice does not exist, or synthesis fails.
    """
    with _LOCK:
        return _engine().speak(text, voice)


def ipa(text: str, voice_name: str) -> str:
    """The IPA (with stress marks) espeak-ng would speak for ``text`` in ``voice_name``.

    Piper voices are trained on exactly this output, so the library that speaks the fallback
    voice also feeds the neural English voice: no second phonemiser, and no GPL Python package
    such as ``phonemizer``. espeak-ng converts one clause per call and drops the punctuation
    that ends it, so clauses come back joined by spaces; callers that want pauses split on
    punctuation first. Language-switch marks such as ``(fr)`` are removed (Piper has no
    symbols for them).

    Raises:
        EspeakError: when the engine cannot load or has no such voice.
    """
    with _LOCK:
        return _engine().phonemes(text, voice_name)
