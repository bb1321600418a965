"""What was actually said in a clip, word by word, heard by Whisper base on the CPU.

A video model that speaks its own lines never speaks them on the screenplay's clock (it may
pause, hurry or change a word), so subtitles for its sound are timed by listening: Whisper
base (CTranslate2 int8 through faster-whisper, nothing downloaded, see
:mod:`tools.subtitles.whisper_model`) gives each word a start and an end. Chinese is primed
with :data:`CHINESE_PROMPT` and converted to simplified script (base mixes in traditional
forms). :mod:`tools.subtitles.align` turns the words into cues.

Sound reaches Whisper as 16 kHz samples resampled here, never as a file: faster-whisper's
own decoder is PyAV, whose wheels bundle GPL-built FFmpeg libraries, so the studio does not
install it (``pyproject.toml`` overrides it away) and gives faster-whisper an empty stand-in
for the module it imports but then never calls.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import threading
import types
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from scipy.signal import resample_poly

from tools.subtitles.whisper_model import WhisperMissing, whisper_base_dir

CHINESE_PROMPT = "以下是普通话的句子。"
"""Primes Whisper for Mandarin in simplified script (without it, base often answers in
traditional characters or in English)."""

WHISPER_RATE = 16_000
QUIET = 0.1  # a 10 ms frame under a tenth of the loud frames' level (-20 dB) is silence
HEARING_VERSION = "whisper-base-1"  # in cache keys: bump when the same sound hears differently
_LOCK = threading.Lock()  # scenes render in threads; one transcription at a time is plenty


@dataclass(frozen=True)
class HeardWord:
    """One word Whisper heard, in seconds from the start of the audio it was given."""

    start_s: float
    end_s: float
    text: str
    probability: float = 1.0
    """How sure Whisper is of the word (0-1)."""


def hear_words(samples: np.ndarray, rate: int, language: str) -> list[HeardWord]:
    """The words spoken in ``samples`` (mono or stereo floats), with their times.

    Raises:
        WhisperMissing: when faster-whisper or the Whisper base packages are not installed.
    """
    zh = language.startswith("zh")
    sound = whisper_input(samples, rate)
    with _LOCK:
        segments, _ = whisper_model().transcribe(
            sound,
            language="zh" if zh else "en",
            beam_size=1,
            temperature=0.0,
            initial_prompt=CHINESE_PROMPT if zh else None,
            condition_on_previous_text=False,
            vad_filter=False,
            word_timestamps=True,
            # After the last word, base loops on one syllable ("请问问问…") to the end of its
            # 30 s window: seconds of CPU for nothing. No 4-token repeats stops that.
            no_repeat_ngram_size=4,
        )
        heard = [(segment.text, list(segment.words or ())) for segment in segments]
    words: list[HeardWord] = []
    for text, segment_words in heard:
        if zh and _simplified(text).strip() in CHINESE_PROMPT:
            continue  # on sound it cannot make out, Whisper "hears" its own prompt
        for word in segment_words:
            said = _simplified(word.word) if zh else word.word
            if said.strip() and word.end > word.start:  # no length: heard in no sound at all
                words.append(
                    HeardWord(float(word.start), float(word.end), said.strip(), word.probability)
                )
    return on_the_sound(words, sound)


def on_the_sound(words: list[HeardWord], sound: np.ndarray) -> list[HeardWord]:
    """Each word's start and end moved off silence onto the sound (16 kHz mono ``sound``).

    Whisper's word times come from attention, not from the waveform: after a silence its
    first word often "starts" where the silence does (0.0 s into a clip that speaks at 0.6 s).
    A word whose edges lie in quiet 10 ms frames is shrunk to the loud ones inside it.
    """
    frame = WHISPER_RATE // 100
    count = len(sound) // frame
    if not count:
        return words
    rms = np.sqrt(np.mean(sound[: count * frame].reshape(count, frame) ** 2, axis=1))
    loud = rms > max(float(np.percentile(rms, 95)) * QUIET, 1e-4)
    moved = []
    for word in words:
        first, last = int(word.start_s * 100), min(count, max(int(word.end_s * 100), 1))
        inside = np.flatnonzero(loud[first:last])
        if len(inside):
            start, end = float(first + inside[0]) / 100, float(first + inside[-1] + 1) / 100
            word = HeardWord(max(word.start_s, start), min(word.end_s, end), word.text,
                             word.probability)  # fmt: skip
        moved.append(word)
    return moved


@cache
def whisper_model(threads: int = 0) -> Any:
    """faster-whisper's ``WhisperModel`` for Whisper base, int8 on the CPU (loaded once).

    ``threads`` 0: up to four of the machine's cores.

    Raises:
        WhisperMissing: when faster-whisper or the Whisper base packages are not installed.
    """
    # PyAV is not installed (see the docstring); its decoder is never called. The stand-in
    # has a spec, and is looked for only once: find_spec raises on a module without one.
    if "av" not in sys.modules and importlib.util.find_spec("av") is None:
        stand_in = types.ModuleType("av")
        stand_in.__spec__ = importlib.machinery.ModuleSpec("av", None)
        sys.modules["av"] = stand_in
    try:
        from faster_whisper import WhisperModel  # heavy: loaded only when sound is kept
    except ImportError as exc:
        raise WhisperMissing("faster-whisper is not installed (run: uv sync).") from exc
    threads = threads or max(1, min(4, os.cpu_count() or 1))
    return WhisperModel(
        str(whisper_base_dir()), device="cpu", compute_type="int8", cpu_threads=threads
    )


@cache
def _converter() -> Any:
    import opencc  # opencc-python-reimplemented (Apache-2.0): pure-Python tables

    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Simplified Chinese, character for character (a word's length must not change)."""
    converted = str(_converter().convert(text))
    return converted if len(converted) == len(text) else text


def whisper_input(samples: np.ndarray, rate: int) -> np.ndarray:
    """Mono float32 at 16 kHz, as Whisper listens (a polyphase filter: no aliasing)."""
    mono = samples.mean(axis=1) if samples.ndim == 2 else samples
    mono = np.clip(mono.astype(np.float32), -1.0, 1.0)
    if rate != WHISPER_RATE:
        divisor = np.gcd(rate, WHISPER_RATE)
        mono = resample_poly(mono, WHISPER_RATE // divisor, rate // divisor)
    return np.ascontiguousarray(mono, np.float32)
