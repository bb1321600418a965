"""Cover key art from the OpenAI-compatible image API (the fake one), the local cover as net."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from PIL import Image

from film.screenplay import Screenplay
from tools.picture.cover import make_cover

IMAGES = "/v1/images/generations"


@pytest.fixture(autouse=True)
def offline_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No image service or backend choice unless a test sets one; failures retry fast."""
    for name in (
        "MICROFILM_IMAGE_BASE_URL",
        "MICROFILM_IMAGE_API_KEY",
        "MICROFILM_IMAGE_MODEL",
        "MICROFILM_IMAGE_SIZE",
        "MICROFILM_IMAGE_QUALITY",
        "MICROFILM_RENDER_BACKEND",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICROFILM_HTTP_ATTEMPTS", "2")
    monkeypatch.setenv("MICROFILM_HTTP_BACKOFF_S", "0.01")
    monkeypatch.setenv("MICROFILM_HTTP_TIMEOUT_S", "5")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with FakeMediaServer() as fake:
        monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", fake.base_url)
        monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", API_KEY)
        monkeypatch.setenv("MICROFILM_IMAGE_MODEL", "poster-model")
        yield fake


def _pixels(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        assert image.format == "PNG"
        return np.asarray(image.convert("RGB"), np.int16)


def test_api_art_fills_the_frame_under_the_lettering(
    server: FakeMediaServer, chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    out = make_cover(chinese_screenplay, tmp_path / "cover.png", backend="openai-images")

    (post,) = [r for r in server.requests if r.path == IMAGES]
    assert post.json["size"] == "1024x1536" and post.json["model"] == "poster-model"
    prompt = post.json["prompt"]
    assert chinese_screenplay.logline in prompt and "No text" in prompt
    assert chinese_screenplay.characters[0].wardrobe in prompt
    assert chinese_screenplay.title not in prompt  # the model would try to paint it
    pixels = _pixels(out)
    assert pixels.shape == (1920, 1080, 3)
    # The fake's art: a blue-green ramp with a yellow disc, cropped 2:3 -> 9:16 and scaled.
    assert np.abs(pixels[730, 540] - (250, 240, 20)).max() < 30
    red, green, blue = pixels[576, 40]
    assert blue == pytest.approx(160, abs=20) and green == pytest.approx(76, abs=20)
    local = _pixels(make_cover(chinese_screenplay, tmp_path / "local.png"))
    assert np.mean(np.abs(pixels - local).max(axis=2) > 60) > 0.3


def test_art_is_reused_while_the_prompt_holds_and_titles_are_lettered(
    server: FakeMediaServer, chinese_screenplay: Screenplay, tmp_path: Path
) -> None:
    titled = chinese_screenplay.model_copy(update={"title": "春眠不觉晓"})
    blank = chinese_screenplay.model_copy(update={"title": " "})
    band = slice(int(1920 * 0.48), int(1920 * 0.68))
    with_title = _pixels(make_cover(titled, tmp_path / "a.png", backend="openai-images"))
    without = _pixels(make_cover(blank, tmp_path / "b.png", backend="openai-images"))
    assert server.count("POST", IMAGES) == 1  # same art, only the lettering differs
    assert np.mean(np.abs(with_title[band] - without[band]).max(axis=2) > 60) > 0.02
    new_story = titled.model_copy(update={"logline": "母亲在站台等了一夜。"})
    make_cover(new_story, tmp_path / "a.png", backend="openai-images")
    assert server.count("POST", IMAGES) == 2
    assert len(list((tmp_path / ".cover-art").glob("*.png"))) == 1  # stale art is dropped


def test_backend_none_follows_the_render_backend_setting(
    server: FakeMediaServer,
    english_screenplay: Screenplay,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = make_cover(english_screenplay, tmp_path / "local.png").read_bytes()
    assert make_cover(english_screenplay, tmp_path / "n.png", backend=None).read_bytes() == local
    monkeypatch.setenv("MICROFILM_RENDER_BACKEND", "openai-videos")
    assert make_cover(english_screenplay, tmp_path / "v.png", backend=None).read_bytes() == local
    assert server.requests == []
    monkeypatch.setenv("MICROFILM_RENDER_BACKEND", "openai-images")
    api = make_cover(english_screenplay, tmp_path / "api.png", backend=None).read_bytes()
    assert server.count("POST", IMAGES) == 1 and api != local


@pytest.mark.parametrize(
    ("mode", "posts"), [("server_error", 2), ("failed", 1), ("not_media", 1), ("malformed_json", 1)]
)
def test_any_api_failure_gives_the_local_cover_and_a_warning(
    server: FakeMediaServer,
    english_screenplay: Screenplay,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    posts: int,
) -> None:
    local = make_cover(english_screenplay, tmp_path / "local.png").read_bytes()
    server.scenario = Scenario(mode=mode)
    with caplog.at_level(logging.WARNING):
        out = make_cover(english_screenplay, tmp_path / "cover.png", backend="openai-images")
    assert out.read_bytes() == local
    assert server.count("POST", IMAGES) == posts
    assert "local cover instead" in caplog.text and API_KEY not in caplog.text
    assert not list(tmp_path.glob(".cover-art/*.png"))


def test_missing_credentials_fall_back_without_any_request(
    english_screenplay: Screenplay, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    local = make_cover(english_screenplay, tmp_path / "local.png").read_bytes()
    with caplog.at_level(logging.WARNING):
        out = make_cover(english_screenplay, tmp_path / "cover.png", backend="openai-images")
    assert out.read_bytes() == local and "OPENAI_API_KEY" in caplog.text
