"""Scene speech through an OpenAI-compatible speech API (the fake one), espeak as the net."""

from __future__ import annotations

import logging
import wave
from pathlib import Path

import numpy as np
import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario

from film.screenplay import CharacterProfile, DialogueLine, Scene
from tools.sound import voice
from tools.sound.api_voice import ProviderSpeaker, cast_provider_voices
from tools.sound.voice import read_wav, synthesize_scene
from tools.sound.voices import offline

BIBLE = [
    CharacterProfile(name="Mia", role="student", voice="young woman"),
    CharacterProfile(name="Leo", role="bus driver", voice="deep man"),
    CharacterProfile(name="Ann", role="student", voice="young woman, bright"),
]
LINES = (
    ("Mia", "(whispers) Please, one more bus."),
    ("Leo", "Last ride of the year. Hop on, kid, before the snow gets worse."),
    ("Ann", "我们一起走吧。"),
)
TONE_HZ = 220.0  # the fake service speaks a 220 Hz sine, 0.5 s per request


@pytest.fixture(autouse=True)
def offline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No speech service unless a test configures one; retries fast when one fails."""
    for name in (
        "MICROFILM_TTS_BASE_URL",
        "MICROFILM_TTS_MODEL",
        "MICROFILM_TTS_API_KEY",
        "MICROFILM_TTS_VOICE",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICROFILM_HTTP_ATTEMPTS", "2")
    monkeypatch.setenv("MICROFILM_HTTP_BACKOFF_S", "0.01")
    monkeypatch.setenv("MICROFILM_HTTP_TIMEOUT_S", "5")


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def _use(server: FakeMediaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROFILM_TTS_BASE_URL", server.root)  # /v1 is added by the config
    monkeypatch.setenv("MICROFILM_TTS_API_KEY", API_KEY)
    monkeypatch.setenv("MICROFILM_TTS_MODEL", "gpt-4o-mini-tts")


def _scene() -> Scene:
    return Scene(
        number=4, place="Bus stop", dialogue=[DialogueLine(speaker=s, text=t) for s, t in LINES]
    )


def _tone_share(samples: np.ndarray) -> float:
    """Share of the energy within 15 Hz of the fake's tone: ~1 for its sine, low for speech."""
    power = np.abs(np.fft.rfft(samples * np.hanning(samples.size))) ** 2
    freqs = np.fft.rfftfreq(samples.size, 1 / 44_100)
    return float(power[np.abs(freqs - TONE_HZ) < 15].sum() / power.sum())


def _cue_audio(result: voice.SceneVoice) -> list[np.ndarray]:
    audio = read_wav(result.wav_path)[:, 0]
    return [audio[int(c.start_s * 44_100) : int(c.end_s * 44_100)] for c in result.cues]


def test_service_voices_each_character_and_cues_follow_its_audio(
    server: FakeMediaServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _use(server, monkeypatch)
    result = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "scene.wav")

    posts = [r.json for r in server.requests if r.path == "/v1/audio/speech"]
    assert [p["input"] for p in posts] == [
        "Please, one more bus.",
        "Last ride of the year. Hop on, kid, before the snow gets worse.",
        "我们一起走吧。",
    ]
    voices = [p["voice"] for p in posts]
    assert voices == ["shimmer", "onyx", "nova"]  # Ann's hint also says shimmer: taken by Mia
    assert posts[0]["model"] == "gpt-4o-mini-tts" and "young woman" in posts[0]["instructions"]
    assert all(r.headers["authorization"] == f"Bearer {API_KEY}" for r in server.requests)

    with wave.open(str(result.wav_path), "rb") as handle:
        assert (handle.getframerate(), handle.getnchannels()) == (44_100, 2)
        assert result.duration_s == pytest.approx(handle.getnframes() / 44_100, abs=1e-6)
    assert [c.speaker for c in result.cues] == ["Mia", "Leo", "Ann"]
    # A long and a short line both last what the service returned (0.5 s, held up to the
    # shortest readable subtitle), not an estimate of the text's length.
    for cue, part in zip(result.cues, _cue_audio(result), strict=True):
        assert cue.end_s - cue.start_s == pytest.approx(max(0.5, voice.MIN_CUE_S), abs=0.03)
        assert _tone_share(part) > 0.9
        assert float(np.sqrt(np.mean(part**2))) > 0.05
    gaps = [b.start_s - a.end_s for a, b in zip(result.cues, result.cues[1:], strict=False)]
    assert gaps == pytest.approx([voice.LINE_GAP_S] * 2, abs=2 / 44_100)


def test_a_service_that_is_down_falls_back_to_offline_speech_once_per_scene(
    server: FakeMediaServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    unplugged = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "offline.wav")
    assert server.requests == []
    _use(server, monkeypatch)
    server.scenario = Scenario(mode="server_error")

    with caplog.at_level(logging.WARNING):
        result = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "fallback.wav")

    assert server.count("POST", "/v1/audio/speech") == 2  # one round of retries, not per line
    assert any(
        "rest of scene 4" in r.getMessage() and "offline" in r.getMessage() for r in caplog.records
    )
    assert API_KEY not in caplog.text
    assert [c.text for c in result.cues] == [c.text for c in unplugged.cues]
    assert result.duration_s == pytest.approx(unplugged.duration_s, abs=0.02)
    for part in _cue_audio(result):
        assert float(np.sqrt(np.mean(part**2))) > 0.02
        assert _tone_share(part) < 0.7  # offline speech, not the service's tone


def test_a_refused_line_alone_is_spoken_offline(
    server: FakeMediaServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _use(server, monkeypatch)
    server.scenario = Scenario(mode="failed", failure_message="This voice is not allowed.")
    with caplog.at_level(logging.WARNING):
        result = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "refused.wav")
    assert server.count("POST", "/v1/audio/speech") == 3  # every sentence asked once, no retry
    assert sum("This voice is not allowed." in r.getMessage() for r in caplog.records) == 3
    assert len(result.cues) == 3 and result.wav_path.is_file()


def test_without_the_tts_switches_speech_stays_offline(
    server: FakeMediaServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)  # the chat model's API, not speech
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    result = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "plain.wav")
    assert server.requests == [] and len(result.cues) == 3
    offline_engines = voice.VERSION + offline.fingerprint()
    assert voice.engine_version() == offline_engines
    monkeypatch.setenv("MICROFILM_TTS_BASE_URL", server.base_url)
    assert voice.engine_version().startswith(f"{offline_engines}+tts:gpt-4o-mini-tts@")


def test_unusable_settings_are_reported_and_spoken_offline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("MICROFILM_TTS_MODEL", "tts-1")  # the official endpoint, but no key
    with caplog.at_level(logging.WARNING):
        speaker = ProviderSpeaker({}, "scene 1")
        result = synthesize_scene(_scene(), BIBLE, "en", tmp_path / "nokey.wav")
    assert not speaker.active and speaker.say("Hello.", "mia") is None
    assert "OPENAI_API_KEY" in caplog.text and len(result.cues) == 3
    monkeypatch.setenv("MICROFILM_TTS_BASE_URL", "ftp://example")
    assert not ProviderSpeaker({}, "scene 2").active


def test_casting_is_distinct_stable_and_tells_reused_voices_apart() -> None:
    people = {f"sister {i}": ("woman", "") for i in range(8)}
    people["dad"] = ("", "father, fifties")
    cast = cast_provider_voices(people, "tts-1")
    first_six = [cast[f"sister {i}"].voice for i in range(6)]
    assert len(set(first_six)) == 6 and first_six[:2] == ["nova", "shimmer"]
    assert cast["dad"].voice == "onyx" and cast["dad"].speed is not None  # all six were taken
    assert len({(v.voice, v.speed) for v in cast.values()}) == len(cast)
    assert all(v.instructions is None for v in cast.values())  # tts-1 takes none
    assert cast_provider_voices(people, "tts-1") == cast
