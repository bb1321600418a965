"""Scene speech offline (neural voices, espeak-ng where they cannot): real audio, cues timed
to it, one voice per role."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay
from tools.sound import espeak, voice
from tools.sound.casting import cast_voices
from tools.sound.voice import clean_for_speech, read_wav, synthesize_scene
from tools.sound.voices import offline


def _scene(*lines: tuple[str, str], number: int = 1) -> Scene:
    return Scene(
        number=number, place="Kitchen", dialogue=[DialogueLine(speaker=s, text=t) for s, t in lines]
    )


def _check_track(result: voice.SceneVoice) -> np.ndarray:
    with wave.open(str(result.wav_path), "rb") as handle:
        assert handle.getframerate() == 44_100
        assert handle.getnchannels() == 2
        assert handle.getsampwidth() == 2
        frames = handle.getnframes()
    assert result.duration_s == pytest.approx(frames / 44_100, abs=1e-6)
    audio = read_wav(result.wav_path)
    assert result.cues and result.cues[0].start_s == 0.0
    for cue in result.cues:
        assert 0.0 <= cue.start_s < cue.end_s <= result.duration_s
        part = audio[int(cue.start_s * 44_100) : int(cue.end_s * 44_100)]
        assert float(np.sqrt(np.mean(part**2))) > 0.02, f"silent cue {cue}"
    for earlier, later in zip(result.cues, result.cues[1:], strict=False):
        assert earlier.end_s <= later.start_s
    return audio


def test_markup_is_stripped_before_speech() -> None:
    assert (
        clean_for_speech("(sighs) You're *late* again. 😀 [beat] Dinner is cold!")
        == "You're late again. Dinner is cold!"
    )
    assert clean_for_speech("MIA: **Wait**… (softly (very)) 👍🏽 please", "Mia") == "Wait… please"
    assert clean_for_speech("（叹气）你又迟到了。【停顿】饭都凉了！🎉") == "你又迟到了。饭都凉了！"
    assert clean_for_speech("Go now (she turns away") == "Go now"
    assert clean_for_speech("(laughs) 😂") == ""


def test_english_scene_is_spoken_with_cues_on_the_real_audio(
    english_screenplay: Screenplay, tmp_path: Path
) -> None:
    scene = _scene(
        ("Mia", "(whispers) Please, *one* more bus. 🙏"),
        ("Leo", "Last ride of the year. Hop on, kid, before the snow gets worse."),
        ("Mia", "(laughs)"),
    )
    result = synthesize_scene(scene, english_screenplay.characters, "en", tmp_path / "s.wav")
    audio = _check_track(result)
    assert [c.speaker for c in result.cues] == ["Mia", "Leo"]
    assert result.cues[0].text == "Please, one more bus."
    words = 4 + 12
    assert words / 5.0 < result.duration_s < words / 1.5  # between 1.5 and 5 words a second
    gap = audio[int(result.cues[0].end_s * 44_100) + 200 : int(result.cues[1].start_s * 44_100)]
    assert gap.size and float(np.abs(gap).max()) == 0.0  # a real pause between speakers


def test_chinese_scene_uses_mandarin_and_plausible_pace(
    chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    scene = _scene(
        ("妈妈", "（低声）今年他又不回来了吧。饺子都包好了。"), ("小明", "妈，我回来了！")
    )
    result = synthesize_scene(scene, chinese_screenplay.characters, "zh", tmp_path / "zh.wav")
    _check_track(result)
    assert [c.text for c in result.cues] == ["今年他又不回来了吧。饺子都包好了。", "妈，我回来了！"]
    hanzi = 15 + 5
    assert hanzi / 8.0 < result.duration_s < hanzi / 2.0
    assert cast_voices(chinese_screenplay.characters, [], "zh")["妈妈"].name.startswith("cmn+f")


def test_long_line_is_split_into_readable_timed_cues(tmp_path: Path) -> None:
    text = (
        "I waited at the station for an hour. Then the rain came, and the last bus never "
        "arrived. So I walked home through the whole city, all the way across the bridge."
    )
    result = synthesize_scene(_scene(("Leo", text)), [], "en", tmp_path / "long.wav")
    _check_track(result)
    assert len(result.cues) >= 3
    assert all(len(c.text) <= 70 for c in result.cues)
    assert " ".join(c.text for c in result.cues) == text


def test_a_line_that_makes_no_sound_still_gets_screen_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_speak = espeak.speak

    def mute_hmm(text: str, settings: espeak.VoiceSettings) -> np.ndarray:
        return np.zeros(2205, np.int16) if text == "Hmm." else real_speak(text, settings)

    monkeypatch.setenv(offline.ENGINE_SWITCH, "espeak")  # the rule is the same for every engine
    monkeypatch.setattr(espeak, "speak", mute_hmm)
    result = synthesize_scene(
        _scene(("Mia", "Hmm."), ("Leo", "Well then.")), [], "en", tmp_path / "quiet.wav"
    )
    first, second = result.cues
    assert first.text == "Hmm." and first.end_s - first.start_s >= voice.MIN_CUE_S
    assert first.end_s < second.start_s < second.end_s <= result.duration_s


def test_a_short_sound_holds_its_subtitle_long_enough_to_read(tmp_path: Path) -> None:
    result = synthesize_scene(
        _scene(("Mia", "Hmm."), ("Leo", "Well then.")), [], "en", tmp_path / "hmm.wav"
    )
    _check_track(result)
    assert all(cue.end_s - cue.start_s >= voice.MIN_CUE_S - 1e-6 for cue in result.cues)


def test_markup_only_lines_make_no_cues(tmp_path: Path) -> None:
    result = synthesize_scene(
        _scene(("Mia", "(sighs) 😮‍💨"), ("Leo", "[beat]")), [], "en", tmp_path / "none.wav"
    )
    assert result.cues == [] and result.wav_path.is_file() and result.duration_s > 0


def test_each_character_has_a_distinct_stable_voice() -> None:
    bible = [
        CharacterProfile(name="Mia", voice="young woman, bright"),
        CharacterProfile(name="Leo", voice="deep man"),
        CharacterProfile(name="Grandma Wu", voice="old woman, slow"),
        CharacterProfile(name="Jin", role="his brother"),
    ]
    voices = cast_voices(bible, ["Stranger"], "en")
    assert len({(v.name, v.pitch) for v in voices.values()}) == len(voices) == 5
    assert voices["mia"].name.startswith("en-us+f") and voices["leo"].name.startswith("en-us+m")
    assert voices["jin"].name.startswith("en-us+m")
    assert voices["grandma wu"].rate < voices["mia"].rate
    assert voices["leo"].pitch < voices["mia"].pitch
    again = cast_voices(bible, ["Someone else", "Another"], "en")
    assert all(again[k] == voices[k] for k in ("mia", "leo", "grandma wu", "jin"))
    crowd = [CharacterProfile(name=f"Sister {i}", voice="woman") for i in range(8)]
    crowd_voices = cast_voices(crowd, [], "en").values()
    assert len({(v.name, v.pitch) for v in crowd_voices}) == 8


def test_concurrent_scenes_do_not_mix_their_audio(tmp_path: Path) -> None:
    """espeak-ng keeps global state; without the lock, threads interleave each other's samples."""
    texts = {
        1: "One.",
        2: "This is a much longer second scene, and it is raining hard.",
        3: "Scene three is of medium length, I think.",
    }
    scenes = [_scene(("Mia", text), number=n) for n, text in texts.items()]
    alone = {s.number: synthesize_scene(s, [], "en", tmp_path / f"a{s.number}.wav") for s in scenes}
    results: dict[int, voice.SceneVoice] = {}

    def work(scene: Scene) -> None:
        for _ in range(3):
            results[scene.number] = synthesize_scene(
                scene, [], "en", tmp_path / f"t{scene.number}.wav"
            )

    threads = [threading.Thread(target=work, args=(s,)) for s in scenes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for number, before in alone.items():
        after = results[number]
        _check_track(after)
        assert [c.text for c in after.cues] == [texts[number]]
        # espeak's output varies by a few samples from call to call, never by whole words
        assert after.duration_s == pytest.approx(before.duration_s, abs=0.01)
