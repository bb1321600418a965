"""Optional OpenAI-compatible speech (/v1/audio/speech) against the fake media server."""

from __future__ import annotations

import wave
from dataclasses import replace

import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from openai_kit import FAST

from tools.backends.base import RenderError
from tools.backends.http import ApiError
from tools.sound.tts_openai import pick_voice, speak


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def say(server, tmp_path, text="你好，世界。Hello!", **kwargs):
    return speak(
        text,
        "nova",
        tmp_path / "line.wav",
        server.base_url,
        "tts-test",
        api_key=API_KEY,
        policy=FAST,
        **kwargs,
    )


def test_speech_is_saved_as_wav_with_its_duration(server, tmp_path):
    speech = say(server, tmp_path, instructions="whispering", speed=9.0)
    assert speech.duration_s == pytest.approx(0.5, abs=0.01) and speech.sample_rate == 24000
    with wave.open(str(speech.path), "rb") as wav:
        assert wav.getnframes() == 12000
    (request,) = server.requests
    assert request.path == "/v1/audio/speech"
    assert request.json == {
        "model": "tts-test",
        "input": "你好，世界。Hello!",
        "voice": "nova",
        "response_format": "wav",
        "instructions": "whispering",
        "speed": 4.0,
    }


def test_streamed_wav_headers_are_rewritten(server, tmp_path):
    server.scenario = Scenario(mode="stream_wav")
    speech = say(server, tmp_path)
    data = speech.path.read_bytes()
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    assert speech.duration_s == pytest.approx(0.5, abs=0.02)


def test_rate_limit_then_success(server, tmp_path):
    server.scenario = Scenario(mode="rate_limit", rate_limited=2)
    assert say(server, tmp_path).duration_s > 0
    assert server.count("POST", "/v1/audio/speech") == 3


def test_server_errors_give_up_not_final(server, tmp_path):
    server.scenario = Scenario(mode="server_error")
    with pytest.raises(ApiError, match="3 attempts") as caught:
        say(server, tmp_path)
    assert not caught.value.final
    assert server.count("POST", "/v1/audio/speech") == 3


def test_refusal_is_final_and_not_retried(server, tmp_path):
    server.scenario = Scenario(mode="failed", failure_message="Voice not allowed.")
    with pytest.raises(ApiError, match="Voice not allowed.") as caught:
        say(server, tmp_path)
    assert caught.value.final and server.count("POST", "/v1/audio/speech") == 1


def test_non_audio_reply_is_rejected_and_leaves_nothing(server, tmp_path):
    server.scenario = Scenario(mode="not_media")
    with pytest.raises(ApiError, match="not audio"):
        say(server, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_timeout_is_reported(server, tmp_path):
    server.scenario = Scenario(mode="timeout", stall_s=2.0)
    with pytest.raises(ApiError, match="did not answer within 0.2 s"):
        speak(
            "Hi",
            "alloy",
            tmp_path / "x.wav",
            server.base_url,
            "m",
            api_key=API_KEY,
            policy=replace(FAST, timeout_s=0.2, attempts=1),
        )


def test_wrong_key_is_final_and_never_echoed(tmp_path):
    with FakeMediaServer(api_key="sk-expected") as server:
        with pytest.raises(ApiError) as caught:
            say(server, tmp_path)
    assert caught.value.final and API_KEY not in str(caught.value)


def test_bad_text_is_refused_before_any_request(server, tmp_path):
    with pytest.raises(ValueError, match="no text"):
        say(server, tmp_path, text="   ")
    with pytest.raises(ValueError, match="4096"):
        say(server, tmp_path, text="字" * 5000)
    assert server.requests == []


def test_default_endpoint_without_key_is_a_clear_error(monkeypatch, tmp_path):
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "MICROFILM_TTS_BASE_URL",
        "MICROFILM_TTS_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(RenderError, match="OPENAI_API_KEY") as caught:
        speak("Hi", "alloy", tmp_path / "x.wav")
    assert caught.value.final


@pytest.mark.parametrize(
    ("hint", "voice"),
    [
        ("warm older woman", "nova"),
        ("shy young woman", "shimmer"),
        ("少年", "echo"),
        ("gruff old man", "onyx"),
        ("奶奶", "nova"),
        ("onyx", "onyx"),
        ("", "alloy"),
    ],
)
def test_voice_hints_map_to_provider_voices(hint, voice, monkeypatch):
    monkeypatch.delenv("MICROFILM_TTS_VOICE", raising=False)
    assert pick_voice(hint) == voice
