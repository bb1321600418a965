"""How well a listener understands the studio's voices, judged offline by Whisper base.

A voice that sounds fine to its author can still be unintelligible (espeak-ng's Mandarin scores
a character error rate near 1.0), so the studio measures instead: it transcribes what it said
with Whisper base (CTranslate2 int8, run by faster-whisper on the CPU) and compares the
transcript with the screenplay's words.

- English is scored by word error rate (WER) on lower-cased words without punctuation.
- Chinese by character error rate (CER) on simplified hanzi, and by toned-pinyin error rate,
  because Whisper's Chinese errors are mostly homophones (the voice said the right sound and
  the recogniser chose another character: 灯塔 heard as 登塔). Whisper is primed with
  :data:`CHINESE_PROMPT` and its answer converted to simplified script (OpenCC tables, through
  the Apache-2.0 ``opencc-python-reimplemented``).

Rates are corpus-level (all edits over all reference units), so short lines do not weigh as
much as long ones. Used by the slow tests beside this file and by ``bench/bench_voices.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.subtitles.hearing import whisper_input, whisper_model

CHINESE_PROMPT = "以下是普通话的句子。"
"""Primes Whisper for Mandarin in simplified script (without it, base often answers in
traditional characters or in English)."""

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_HANZI_OR_ALNUM = re.compile(r"[\u4e00-\u9fff0-9a-z]")


class Judge:
    """Whisper base on the CPU: int8, beam search of 5, deterministic (temperature 0)."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        # The studio's own loader (``model_dir`` is the folder it assembles): PyAV is not
        # installed, so sound goes in as 16 kHz samples (see tools.subtitles.hearing).
        del model_dir
        self._model = whisper_model(threads)

    def transcribe(self, samples: np.ndarray, rate: int, language: str) -> str:
        """What Whisper hears in mono or stereo ``samples``; Chinese in simplified script."""
        prompt = CHINESE_PROMPT if language == "zh" else None
        segments, _ = self._model.transcribe(
            whisper_input(samples, rate),
            language=language,
            beam_size=5,
            temperature=0.0,
            initial_prompt=prompt,
            condition_on_previous_text=False,
            vad_filter=False,
        )
        text = "".join(segment.text for segment in segments).strip()
        if language != "zh":
            return text
        # On audio it cannot make out, Whisper tends to "hear" its own prompt: that is silence.
        return to_simplified(text).replace(CHINESE_PROMPT, "").strip()


@cache
def _converter() -> Any:
    import opencc  # dev-only: opencc-python-reimplemented (Apache-2.0)

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified Chinese (Whisper base mixes in traditional forms despite the prompt)."""
    return str(_converter().convert(text))


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Levenshtein distance: substitutions, insertions and deletions, each costing one."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_unit in enumerate(reference, 1):
        current = [i]
        for j, hyp_unit in enumerate(hypothesis, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_unit != hyp_unit))
            )
        previous = current
    return previous[-1]


def english_words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped, apostrophes inside words kept ("don't").

    Whisper writes small numbers as digits or words at will, so 0 to 20 are spelled out.
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return [
        _SMALL_NUMBERS[int(word)] if word.isdigit() and int(word) <= 20 else word
        for word in _WORD.findall(text)
    ]


def chinese_characters(text: str) -> list[str]:
    """Simplified hanzi (and any digits or letters), punctuation and spaces dropped."""
    return _HANZI_OR_ALNUM.findall(to_simplified(unicodedata.normalize("NFKC", text)).lower())


def pinyin_syllables(text: str) -> list[str]:
    """Toned pinyin syllables ("hao3"), so homophones score as heard correctly."""
    from pypinyin import Style, lazy_pinyin

    hanzi = "".join(chinese_characters(text))
    syllables = lazy_pinyin(hanzi, style=Style.TONE3, neutral_tone_with_five=True)
    return [s for s in syllables if s.strip()]


def join_split_compounds(words: list[str], other: list[str]) -> list[str]:
    """Join neighbours the other side writes as one word ("light house" -> "lighthouse").

    Spelling a compound apart is a transcription convention, not a mishearing.
    """
    vocabulary = set(other)
    joined: list[str] = []
    index = 0
    while index < len(words):
        pair = "".join(words[index : index + 2])
        if (
            index + 1 < len(words)
            and pair in vocabulary
            and not (words[index] in vocabulary and words[index + 1] in vocabulary)
        ):
            joined.append(pair)
            index += 2
        else:
            joined.append(words[index])
            index += 1
    return joined


def units(text: str, other_text: str, language: str) -> list[str]:
    """What an error rate counts: words for English, characters for Chinese."""
    if language == "zh":
        return chinese_characters(text)
    return join_split_compounds(english_words(text), english_words(other_text))


def errors(said: str, heard: str, language: str) -> tuple[int, int]:
    """(edits, reference units): WER or CER as a fraction once summed over lines."""
    reference, hypothesis = units(said, heard, language), units(heard, said, language)
    return edit_distance(reference, hypothesis), len(reference)


def pinyin_errors(said: str, heard: str) -> tuple[int, int]:
    """(edits, reference syllables) on toned pinyin."""
    reference = pinyin_syllables(said)
    return edit_distance(reference, pinyin_syllables(heard)), len(reference)


def median_f0(audio: np.ndarray, rate: int) -> float:
    """Median pitch in Hz of the voiced 40 ms frames of mono ``audio`` (autocorrelation).

    Good enough to tell a lighter voice from a deeper one (60-400 Hz); not a pitch tracker.
    """
    frame, pitches = int(0.04 * rate), []
    low, high = rate // 400, rate // 60
    for start in range(0, audio.size - frame, frame):
        chunk = audio[start : start + frame] - audio[start : start + frame].mean()
        if np.sqrt(np.mean(chunk**2)) < 0.03:
            continue
        corr = np.correlate(chunk, chunk, "full")[frame - 1 :]
        lag = low + int(np.argmax(corr[low:high]))
        if corr[lag] > 0.4 * corr[0]:
            pitches.append(rate / lag)
    return float(np.median(pitches)) if pitches else 0.0
