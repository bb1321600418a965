"""Subtitle cues for sound the studio did not make: the script's words on the heard clock.

When a scene keeps its video model's own sound, the subtitles must follow what was actually
said. The words Whisper heard (:mod:`tools.subtitles.hearing`) are matched against the
screenplay's lines, cut into the same subtitle-sized pieces the voices use
(:func:`tools.sound.voice.split_for_cues`):

- where the speech follows the script, each piece shows the script's text (names spelled as
  written, punctuation kept) from its first heard word to its last;
- a piece nobody said gets no cue, and what was said beyond the script gets cues of its own;
- when the speech has little to do with the script (the model improvised), the cues are the
  heard words themselves.

Words are matched as lower-case English words, and Chinese as toneless pinyin syllables, so a
homophone Whisper wrote with another character (灯塔 heard as 登塔) still counts as said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Literal

from film.language import CJK
from tools.sound.voice import clean_for_speech, split_for_cues
from tools.subtitles.cues import Cue
from tools.subtitles.hearing import HeardWord

SCRIPT_SHARE = 0.5  # at least half the script's words heard: show the script's text
HOLD_S = 0.15  # a cue stays a moment after its last word ends
MIN_CUE_S = 0.6  # long enough to read a short word
PAUSE_S = 0.7  # a longer silence starts a new cue of heard words
SUBSTITUTION = 3  # at most this many words heard otherwise still count as the script's
SURE = 0.5  # a word beyond the script needs this much of Whisper's confidence to be shown
_CUE_CHARS = {"zh": 16, "en": 42}  # heard cues: one or two comfortable lines
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_ZH_UNIT = re.compile(r"[\u4e00-\u9fff0-9a-z]")
_SENTENCE_END = tuple(".!?。！？…")
_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


@dataclass(frozen=True)
class Alignment:
    """The cues, where their text came from, and how much of the script was heard."""

    cues: tuple[Cue, ...]
    source: Literal["script", "heard"]
    heard_share: float


@dataclass(frozen=True)
class _Unit:
    """One comparable unit (an English word, a Chinese character) and where it belongs."""

    key: str
    owner: int  # the script piece, or the heard word, it comes from
    start_s: float = 0.0
    end_s: float = 0.0


def align_cues(
    words: Sequence[HeardWord], lines: Sequence[tuple[str, str]], language: str
) -> Alignment:
    """Cues for heard ``words`` against the scene's ``lines`` of ``(speaker, text)``."""
    zh = language.startswith("zh")
    pieces = [
        (speaker, piece)
        for speaker, text in lines
        for piece in split_for_cues(clean_for_speech(text, speaker), language)
    ]
    script = [unit for index, (_, piece) in enumerate(pieces) for unit in _units(piece, index, zh)]
    heard = [unit for index, word in enumerate(words) for unit in _timed_units(word, index, zh)]
    matcher = SequenceMatcher(None, [u.key for u in script], [u.key for u in heard], autojunk=False)
    mapped: dict[int, range] = {}  # script unit -> the heard units it was said as
    equal = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            equal += i2 - i1
        size, heard_size = i2 - i1, j2 - j1
        # A short substitution was said, just heard otherwise ("Mia" as "Mya", "lighthouse"
        # as "light house"); a long one is other words than the script's.
        if tag == "equal" or (tag == "replace" and max(size, heard_size) <= SUBSTITUTION):
            for k in range(size):
                low = j1 + k * heard_size // size
                mapped[i1 + k] = range(low, max(low + 1, j1 + (k + 1) * heard_size // size))
    share = equal / len(script) if script else 0.0
    if not script or share < SCRIPT_SHARE:
        return Alignment(_readable(_heard_cues(words, range(len(words)), zh)), "heard", share)
    cues: list[Cue] = []
    used: set[int] = set()
    for index, (speaker, piece) in enumerate(pieces):
        spans = [heard[j] for i, said in mapped.items() if script[i].owner == index for j in said]
        if spans:
            start, end = min(u.start_s for u in spans), max(u.end_s for u in spans)
            cues.append(Cue(start, end, piece, speaker))
            used.update(u.owner for u in spans)
    extra = [
        index
        for index, word in enumerate(words)
        if index not in used and not any(c.start_s <= word.start_s < c.end_s for c in cues)
    ]
    sure = [index for index in extra if words[index].probability >= SURE]
    cues += [cue for cue in _heard_cues(words, sure, zh) if len(cue.text) > 1]
    return Alignment(_readable(cues), "script", share)


def _units(text: str, owner: int, zh: bool) -> list[_Unit]:
    return [_Unit(key, owner) for key in _keys(text, zh)]


def _timed_units(word: HeardWord, owner: int, zh: bool) -> list[_Unit]:
    """A heard word's units, sharing its time evenly (Chinese words are several characters)."""
    keys = _keys(word.text, zh)
    step = (word.end_s - word.start_s) / max(1, len(keys))
    return [
        _Unit(key, owner, word.start_s + k * step, word.start_s + (k + 1) * step)
        for k, key in enumerate(keys)
    ]


def _keys(text: str, zh: bool) -> list[str]:
    lowered = text.lower().replace("’", "'")
    if zh or CJK.search(text):
        return [_pinyin(char) for char in _ZH_UNIT.findall(lowered)]
    return [
        _NUMBERS[int(word)] if word.isdigit() and int(word) <= 20 else word
        for word in _EN_WORD.findall(lowered)
    ]


@cache
def _pinyin(char: str) -> str:
    from pypinyin import lazy_pinyin  # loads its dictionaries on first use

    return "".join(lazy_pinyin(char)) or char


def _heard_cues(words: Sequence[HeardWord], chosen: Sequence[int], zh: bool) -> list[Cue]:
    """The heard words themselves as cues: broken at sentence ends, pauses and line length."""
    limit = _CUE_CHARS["zh" if zh else "en"]
    joiner = "" if zh else " "
    cues: list[Cue] = []
    group: list[HeardWord] = []
    previous = -2
    for index in chosen:
        word = words[index]
        if group and (
            index != previous + 1
            or word.start_s - group[-1].end_s > PAUSE_S
            or group[-1].text.endswith(_SENTENCE_END)
            or len(joiner.join(w.text for w in [*group, word])) > limit
        ):
            cues.append(_cue(group, joiner))
            group = []
        group.append(word)
        previous = index
    if group:
        cues.append(_cue(group, joiner))
    return cues


def _cue(group: list[HeardWord], joiner: str) -> Cue:
    return Cue(group[0].start_s, group[-1].end_s, joiner.join(w.text for w in group).strip())


def _readable(cues: list[Cue]) -> tuple[Cue, ...]:
    """In order, each held a moment (at least :data:`MIN_CUE_S`), never into the next."""
    ordered = sorted(cues, key=lambda c: c.start_s)
    out: list[Cue] = []
    for index, cue in enumerate(ordered):
        end = max(cue.end_s + HOLD_S, cue.start_s + MIN_CUE_S)
        if index + 1 < len(ordered):
            end = min(end, max(cue.end_s, ordered[index + 1].start_s))
        out.append(Cue(round(cue.start_s, 3), round(end, 3), cue.text, cue.speaker))
    return tuple(out)
