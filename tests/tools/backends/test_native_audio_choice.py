"""Keeping a video model's own sound: who may offer it, and joins that keep it in step."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from media_kit import probe, stream

from tools.backends.api_config import ApiConfig
from tools.backends.comfyui.media import Part, join_parts
from tools.backends.local import LocalBackend
from tools.backends.native_audio import audio_choice, native_audio_wanted
from tools.backends.openai.media import join_clips
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings
from tools.ffmpeg import SAMPLE_RATE, EncodeFormat, FrameEncoder, decode_audio, write_wav

FPS = 10


def clip(folder: Path, name: str, seconds: float, tone_hz: float | None) -> Path:
    """A real tiny H.264 clip, with a tone as its sound (or no audio stream at all)."""
    fmt = EncodeFormat(64, 112, FPS, preset="ultrafast")
    wav = None
    if tone_hz is not None:
        t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
        wav = folder / f"{name}.wav"
        write_wav(wav, (0.5 * np.sin(2 * np.pi * tone_hz * t)).astype(np.float32))
    path = folder / f"{name}.mp4"
    with FrameEncoder(path, fmt, wav) as encoder:
        for index in range(round(seconds * FPS)):
            encoder.write(np.full(fmt.frame_shape, 40 + index, np.uint8))
    return path


def loud(samples: np.ndarray, start: float, end: float) -> float:
    return float(np.abs(samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]).mean())


def test_the_setting_is_per_backend_with_a_shared_default(monkeypatch):
    monkeypatch.delenv("MICROFILM_NATIVE_AUDIO", raising=False)
    monkeypatch.delenv("MICROFILM_VIDEO_NATIVE_AUDIO", raising=False)
    assert not native_audio_wanted("video")
    monkeypatch.setenv("MICROFILM_NATIVE_AUDIO", "1")
    assert native_audio_wanted("video") and native_audio_wanted("comfyui")
    monkeypatch.setenv("MICROFILM_VIDEO_NATIVE_AUDIO", "off")
    assert not native_audio_wanted("video") and native_audio_wanted("comfyui")


def test_only_a_backend_that_makes_sound_can_keep_it(monkeypatch):
    api = ApiConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="k")
    speaking = OpenAIVideosBackend(VideoSettings(config=api, native_audio=True))
    quiet = OpenAIVideosBackend(VideoSettings(config=api))
    monkeypatch.delenv("MICROFILM_NATIVE_AUDIO", raising=False)
    assert audio_choice(speaking) == "native" and audio_choice(quiet) == "voices"
    assert audio_choice(LocalBackend()) == "voices"
    monkeypatch.setenv("MICROFILM_NATIVE_AUDIO", "yes")
    assert audio_choice(LocalBackend()) == "unavailable"


def test_a_join_keeps_each_parts_sound_cut_like_its_picture(tmp_path):
    first = clip(tmp_path, "a", 3.0, 440.0)  # longer than planned: cut with the picture
    second = clip(tmp_path, "b", 1.0, None)  # no sound: silence in its place
    out = tmp_path / "joined.mp4"

    join_clips(
        [(first, 2.0), (second, 1.5)], out, width=64, height=112, fps=FPS, duration_s=3.5,
        keep_audio=True,
    )  # fmt: skip

    info = probe(out)
    assert float(stream(info, "audio")["duration"]) == pytest.approx(3.5, abs=1 / FPS)
    assert float(stream(info, "video")["duration"]) == pytest.approx(3.5, abs=1 / FPS)
    sound = decode_audio(out)
    assert loud(sound, 0.2, 1.8) > 0.2 and loud(sound, 2.2, 3.4) < 0.01

    silent = tmp_path / "silent.mp4"
    join_clips([(first, 2.0)], silent, width=64, height=112, fps=FPS, duration_s=2.0)
    assert [s["codec_type"] for s in probe(silent)["streams"]] == ["video"]


def test_a_stretched_comfyui_part_keeps_its_sound_in_step(tmp_path):
    made = clip(tmp_path, "c", 2.0, 330.0)
    out = tmp_path / "stretched.mp4"

    join_parts(
        [Part(made, planned_s=2.2, made_s=2.0)], out, width=64, height=112, fps=FPS,
        duration_s=2.2, keep_audio=True,
    )  # fmt: skip

    info = probe(out)
    assert float(stream(info, "audio")["duration"]) == pytest.approx(2.2, abs=1 / FPS)
    sound = decode_audio(out)
    assert loud(sound, 0.1, 2.1) > 0.2, "the tone lasts the whole stretched part"
