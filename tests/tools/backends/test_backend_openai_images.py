"""The /v1/images/generations backend: keyframes per shot, animated into the scene clip."""

from __future__ import annotations

import imageio_ffmpeg
import numpy as np
import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from openai_kit import MEI, config, probe, sample_request

from tools.backends.base import get_backend
from tools.backends.openai.images import ImageSettings, OpenAIImagesBackend


def backend(server: FakeMediaServer, **kwargs: str) -> OpenAIImagesBackend:
    return OpenAIImagesBackend(
        ImageSettings(config=config(server.base_url), price_per_image=0.05, **kwargs)  # type: ignore[arg-type]
    )


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def frames(path):
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    size = meta["size"]
    decoded = [np.frombuffer(f, np.uint8).reshape(size[1], size[0], 3) for f in reader]
    return decoded


def test_one_keyframe_per_shot_animated_to_exact_size_and_length(server, tmp_path):
    events: list[float | None] = []
    out = tmp_path / "scene-02.mp4"

    clip = backend(server).render_scene(sample_request(), out, lambda m, f: events.append(f))

    info = probe(out)
    assert info["codec"] == "h264" and info["size"] == (64, 112) and info["kinds"] == ["video"]
    assert info["duration"] == pytest.approx(3.0, rel=0.1)
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 2
    assert {p.json["size"] for p in posts} == {"1024x1536"}  # valid gpt-image size, cropped
    assert posts[0].json["model"] == "test-model" and "quality" not in posts[0].json
    assert MEI.wardrobe in posts[0].json["prompt"] and "9:16" in posts[0].json["prompt"]
    assert posts[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert clip.cost_usd == pytest.approx(0.10) and "2 keyframe(s)" in clip.notes
    assert events[-1] == 1.0 and events == sorted(f or 0.0 for f in events)
    video = frames(out)
    assert len(video) == 30
    # The Ken Burns move: the first and last frame of a shot differ, but only gently.
    first, last = video[0].astype(int), video[11].astype(int)
    assert 0.5 < np.abs(first - last).mean() < 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scene-02.mp4"]


def test_landscape_output_asks_for_landscape_images(server, tmp_path):
    request = sample_request(width=112, height=64, shots=(("Wide river view.", 1.0, ()),))
    clip = backend(server, quality="low").render_scene(request, tmp_path / "wide.mp4")
    (post,) = [r for r in server.requests if r.method == "POST"]
    assert post.json["size"] == "1536x1024" and post.json["quality"] == "low"
    assert probe(clip.path)["size"] == (112, 64)


def test_image_urls_are_fetched_without_sending_the_api_key(server, tmp_path):
    server.scenario = Scenario(mode="url")
    backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    downloads = [r for r in server.requests if r.path.startswith("/files/")]
    assert len(downloads) == 2
    assert all("authorization" not in r.headers for r in downloads)


def test_rate_limit_then_success(server, tmp_path):
    server.scenario = Scenario(mode="rate_limit", rate_limited=1, retry_after="0")
    clip = backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    assert server.count("POST", "/v1/images") == 3
    assert probe(clip.path)["duration"] == pytest.approx(3.0, rel=0.1)


def test_registry_builds_backend_from_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", server.base_url)
    monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", API_KEY)
    monkeypatch.setenv("MICROFILM_IMAGE_MODEL", "gpt-image-2")
    monkeypatch.setenv("MICROFILM_IMAGE_PRICE", "0.25")
    chosen = get_backend("openai-images")
    clip = chosen.render_scene(sample_request(), tmp_path / "s.mp4")
    assert clip.cost_usd == pytest.approx(0.5)
    assert server.requests[0].json["model"] == "gpt-image-2"
    assert "gpt-image-2" in chosen.cache_key()
