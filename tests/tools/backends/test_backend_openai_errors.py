"""Failure handling shared by both API backends: what is retried, what is final, what is said.

Each case runs against the video and the image backend, so the two cannot drift apart.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from openai_kit import FAST, config, sample_request

from tools.backends.base import RenderError
from tools.backends.openai.images import ImageSettings, OpenAIImagesBackend
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings

CREATE_PATH = {"videos": "/v1/videos", "images": "/v1/images/generations"}


def make(kind: str, server: FakeMediaServer, sleep=time.sleep, **policy: Any):
    api = config(server.base_url, policy=replace(FAST, **policy))
    if kind == "videos":
        settings = VideoSettings(config=api, allowed_seconds=(1, 2))
        return OpenAIVideosBackend(settings, sleep=sleep)
    return OpenAIImagesBackend(ImageSettings(config=api), sleep=sleep)


@pytest.fixture(params=["videos", "images"])
def kind(request):
    return request.param


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def render_error(kind, server, tmp_path, **policy) -> RenderError:
    out = tmp_path / "scene.mp4"
    with pytest.raises(RenderError) as caught:
        make(kind, server, **policy).render_scene(sample_request(), out)
    assert not out.exists(), "a failed render must not leave a clip behind"
    assert API_KEY not in str(caught.value)
    return caught.value


def test_server_error_gives_up_after_the_retry_budget(kind, server, tmp_path):
    server.scenario = Scenario(mode="server_error")
    error = render_error(kind, server, tmp_path)
    assert not error.final
    assert "HTTP 500" in str(error) and "3 attempts" in str(error)
    assert server.count("POST", CREATE_PATH[kind]) == 3


def test_refusals_are_final_and_not_retried(kind, server, tmp_path):
    server.scenario = Scenario(mode="failed", failure_message="Blocked by the safety system.")
    error = render_error(kind, server, tmp_path)
    assert error.final and "Blocked by the safety system." in str(error)
    assert server.count("POST", CREATE_PATH[kind]) == 1


def test_timeouts_are_retried_then_reported(kind, server, tmp_path):
    server.scenario = Scenario(mode="timeout", stall_s=2.0)
    started = time.monotonic()
    error = render_error(kind, server, tmp_path, timeout_s=0.2, attempts=2)
    assert time.monotonic() - started < 2.0
    assert not error.final and "did not answer within 0.2 s" in str(error)
    assert server.count("POST", CREATE_PATH[kind]) == 2


def test_malformed_json_is_a_clear_error_and_not_resubmitted(kind, server, tmp_path):
    server.scenario = Scenario(mode="malformed_json")
    error = render_error(kind, server, tmp_path)
    assert "not a JSON object" in str(error) and "base URL" in str(error)
    assert server.count("POST", CREATE_PATH[kind]) == 1


def test_media_that_is_not_media_is_rejected(kind, server, tmp_path):
    server.scenario = Scenario(mode="not_media")
    error = render_error(kind, server, tmp_path)
    assert ("not a video" if kind == "videos" else "not an image") in str(error)


def test_api_key_is_never_echoed_in_errors_or_logs(kind, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    # The server expects another key and, like real providers, echoes the one it got.
    with FakeMediaServer(api_key="sk-the-right-one") as server:
        error = render_error(kind, server, tmp_path)
    assert error.final and "HTTP 401" in str(error) and "Incorrect API key" in str(error)
    assert "***" in str(error)
    assert API_KEY not in caplog.text
    assert server.count("POST", CREATE_PATH[kind]) == 1


def test_retry_after_from_the_server_is_honoured(kind, server, tmp_path):
    server.scenario = Scenario(mode="rate_limit", rate_limited=1, retry_after="0.15")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    make(kind, server, sleep=sleep).render_scene(sample_request(), tmp_path / "scene.mp4")
    assert waits[0] == pytest.approx(0.15)
