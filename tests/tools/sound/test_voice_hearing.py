"""The studio's own voices, heard back by Whisper base: can a listener follow the dialogue?

Each scene is spoken by :func:`tools.sound.voice.synthesize_scene`, the function production
uses, with a cast of several characters (so every per-character voice size is heard), then
each subtitle cue's stretch of the track is transcribed. Issue 11's bars: English word error
rate at most 0.15, Chinese character error rate at most 0.30. ``bench/bench_voices.py`` runs
the same check on whole rendered films and against espeak-ng.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import hearing
import numpy as np
import pytest
from whisper_base import whisper_base_dir

from film.screenplay import CharacterProfile, DialogueLine, Scene
from tools.sound.voice import read_wav, synthesize_scene
from tools.sound.voices import offline

pytestmark = pytest.mark.slow

ENGLISH_CAST = [
    CharacterProfile(name="Mia", role="student", voice="young woman, bright"),
    CharacterProfile(name="Leo", role="bus driver", voice="deep man"),
    CharacterProfile(name="Grandpa Joe", role="her grandfather", voice="old man, slow"),
]
ENGLISH_LINES = [
    ("Mia", "Where did you put the keys to the old lighthouse?"),
    ("Leo", "Nobody in this town remembers what happened that night."),
    ("Grandpa Joe", "My mother planted these trees when she was a girl."),
    ("Mia", "Turn off the lights and listen to the sea."),
]
CHINESE_CAST = [
    CharacterProfile(name="妈妈", role="母亲", voice="温柔的中年女人"),
    CharacterProfile(name="小明", role="儿子", voice="年轻男人"),
    CharacterProfile(name="外婆", role="外婆", voice="老奶奶，慢"),
]
CHINESE_LINES = [
    ("妈妈", "你把灯塔的钥匙放在哪里了？"),
    ("小明", "如果我们现在跑过去，还能赶上最后一班车。"),
    ("外婆", "我年轻的时候在这里种了很多树。"),
    ("小明", "谢谢你等我，我知道今天很累。"),
]


@pytest.fixture(scope="module")
def judge() -> Iterator[hearing.Judge]:
    yield hearing.Judge(whisper_base_dir(), threads=2)


def _heard(
    judge: hearing.Judge,
    lines: list[tuple[str, str]],
    cast: list[CharacterProfile],
    lang: str,
    folder: Path,
) -> list[tuple[str, str, str]]:
    scene = Scene(
        number=1, place="Pier", dialogue=[DialogueLine(speaker=s, text=t) for s, t in lines]
    )
    spoken = synthesize_scene(scene, cast, lang, folder / f"{lang}.wav")
    audio = read_wav(spoken.wav_path)
    assert [c.text for c in spoken.cues] == [text for _, text in lines]
    return [
        (
            cue.speaker,
            cue.text,
            judge.transcribe(
                audio[int(cue.start_s * 44_100) : int(cue.end_s * 44_100)], 44_100, lang
            ),
        )
        for cue in spoken.cues
    ]


def _rate(heard: list[tuple[str, str, str]], lang: str) -> float:
    counts = np.array([hearing.errors(said, got, lang) for _, said, got in heard])
    return float(counts[:, 0].sum() / counts[:, 1].sum())


def test_english_dialogue_is_understood(judge: hearing.Judge, tmp_path: Path) -> None:
    assert offline.loaded_voice("en") is not None, "the Piper voice must be installed"
    heard = _heard(judge, ENGLISH_LINES, ENGLISH_CAST, "en", tmp_path)
    print("\n".join(f"{who}: {said} -> {got}" for who, said, got in heard))
    assert _rate(heard, "en") <= 0.15, heard


def test_chinese_dialogue_is_understood(judge: hearing.Judge, tmp_path: Path) -> None:
    assert offline.loaded_voice("zh") is not None, "the Mandarin voice must be installed"
    heard = _heard(judge, CHINESE_LINES, CHINESE_CAST, "zh", tmp_path)
    print("\n".join(f"{who}: {said} -> {got}" for who, said, got in heard))
    assert _rate(heard, "zh") <= 0.30, heard
