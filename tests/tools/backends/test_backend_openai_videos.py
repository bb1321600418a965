"""The /v1/videos backend against the fake media server: jobs, polling, joining, resume."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from openai_kit import FAST, GRANDPA, MEI, config, probe, sample_request
from PIL import Image

from tools.backends.base import RenderError, Shot, get_backend
from tools.backends.http import ApiError
from tools.backends.openai.prompts import plan_jobs, video_prompt
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings


def backend(server: FakeMediaServer, **overrides: object) -> OpenAIVideosBackend:
    api = config(server.base_url)
    settings = VideoSettings(config=api, allowed_seconds=(1, 2), price_per_s=0.1)
    return OpenAIVideosBackend(replace(settings, **overrides))  # type: ignore[arg-type]


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def test_scene_becomes_joined_clip_of_exact_size_and_length(server, tmp_path):
    events: list[tuple[str, float | None]] = []
    out = tmp_path / "scene-02.mp4"

    clip = backend(server).render_scene(sample_request(), out, lambda m, f: events.append((m, f)))

    info = probe(out)
    assert info["codec"] == "h264" and info["size"] == (64, 112) and info["kinds"] == ["video"]
    assert info["duration"] == pytest.approx(3.0, rel=0.1)
    assert clip.path == out and clip.backend == "openai-videos"
    # 1.2 s and 1.8 s shots with 1-2 s clips allowed: two 2 s jobs billed at $0.10/s.
    creates = [r for r in server.requests if r.method == "POST"]
    assert [r.form["seconds"] for r in creates] == ["2", "2"]
    assert clip.cost_usd == pytest.approx(0.4)
    assert "2 job(s)" in clip.notes and "estimate" in clip.notes
    for request in creates:
        assert request.headers["authorization"] == f"Bearer {API_KEY}"
        assert request.form["size"] == "720x1280" and request.form["model"] == "test-model"
        with Image.open(io.BytesIO(request.files["input_reference"])) as sheet:
            assert sheet.size == (720, 1280)
    second = creates[1].form["prompt"]
    assert MEI.wardrobe in second and GRANDPA.wardrobe in second and "bamboo fan" in second
    assert "Vertical 9:16" in second and "warm tungsten" in second
    assert "Mei talking" in second
    fractions = [f for _, f in events if f is not None]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("in progress" in m for m, _ in events)
    assert (tmp_path / "scene-02.thumb.png").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scene-02.mp4", "scene-02.thumb.png"]


def test_scene_without_characters_is_sent_as_json_without_reference(server, tmp_path):
    request = sample_request(shots=(("Rain falls over empty streets.", 2.0, ()),))
    backend(server).render_scene(request, tmp_path / "s.mp4")
    (create,) = [r for r in server.requests if r.method == "POST"]
    assert create.json["seconds"] == "2" and not create.files


def test_reference_image_of_a_character_is_placed_on_the_sheet(server, tmp_path):
    portrait = tmp_path / "mei.png"
    Image.new("RGB", (40, 60), (255, 0, 0)).save(portrait)
    request = sample_request(shots=(("Mei waves.", 2.0, ("Mei",)),), references={"Mei": portrait})
    backend(server).render_scene(request, tmp_path / "out" / "s.mp4")
    (create,) = [r for r in server.requests if r.method == "POST"]
    with Image.open(io.BytesIO(create.files["input_reference"])) as sheet:
        assert sheet.convert("RGB").getpixel((360, 300)) == (255, 0, 0)


def test_rate_limit_is_retried_with_the_same_idempotency_key(server, tmp_path):
    server.scenario = Scenario(mode="rate_limit", rate_limited=2, retry_after="0.01")
    backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 4  # two 429s, then one create per job
    assert posts[0].headers["idempotency-key"] == posts[2].headers["idempotency-key"]
    assert posts[2].headers["idempotency-key"] != posts[3].headers["idempotency-key"]


def test_failed_job_is_final_with_provider_message_and_never_resubmitted(server, tmp_path):
    server.scenario = Scenario(mode="failed", failure_message="Blocked: depicts a real person.")
    with pytest.raises(ApiError) as caught:
        backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    assert caught.value.final
    assert "Blocked: depicts a real person." in str(caught.value)
    assert server.count("POST", "/v1/videos") == 1
    assert not (tmp_path / "s.mp4").exists()


def test_poll_budget_is_bounded_and_a_retry_resumes_the_same_job(server, tmp_path):
    server.scenario = Scenario(mode="slow", polls_before_done=10_000)
    slow = backend(server, config=config(server.base_url, policy=replace(FAST, poll_budget_s=0.15)))
    with pytest.raises(RenderError) as caught:
        slow.render_scene(sample_request(), tmp_path / "s.mp4")
    assert not caught.value.final and "still in progress" in str(caught.value)
    assert server.count("POST", "/v1/videos") == 1

    server.scenario = Scenario(mode="success", polls_before_done=1)
    clip = backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    # The first job was picked up again rather than paid for twice.
    assert server.count("POST", "/v1/videos") == 2
    assert probe(clip.path)["duration"] == pytest.approx(3.0, rel=0.1)


def test_finished_parts_are_kept_when_a_later_download_fails(server, tmp_path):
    out = tmp_path / "s.mp4"
    chosen = backend(server)

    def break_downloads_once_part_two_starts(message: str, fraction: float | None) -> None:
        if "part 2/2" in message:
            server.scenario = Scenario(mode="not_media")

    with pytest.raises(RenderError, match="not a video") as caught:
        chosen.render_scene(sample_request(), out, break_downloads_once_part_two_starts)
    assert not caught.value.final and not out.exists()

    server.scenario = Scenario(mode="success")
    clip = chosen.render_scene(sample_request(), out)
    # Part 1 is reused from disk and job 2 is downloaded again: nothing is paid twice.
    assert server.count("POST", "/v1/videos") == 2
    assert "1 part(s) reused" in clip.notes
    assert probe(out)["duration"] == pytest.approx(3.0, rel=0.1)


def test_expired_content_is_generated_again_on_the_next_try(server, tmp_path):
    server.scenario = Scenario(mode="expired")
    with pytest.raises(RenderError, match="generated again") as caught:
        backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    assert not caught.value.final
    server.scenario = Scenario(mode="success")
    backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    assert server.count("POST", "/v1/videos") == 3  # the expired job is not polled forever


def test_registry_builds_backend_from_environment(server, tmp_path, monkeypatch):
    monkeypatch.setenv("MICROFILM_VIDEO_BASE_URL", server.root)  # "/v1" is added
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.setenv("MICROFILM_VIDEO_MODEL", "wan-2.2")
    monkeypatch.setenv("MICROFILM_VIDEO_SECONDS", "4")
    monkeypatch.setenv("MICROFILM_VIDEO_PRICE_PER_S", "0.5")
    monkeypatch.setenv("MICROFILM_POLL_INTERVAL_S", "0.01")
    monkeypatch.setenv("MICROFILM_VIDEO_THUMBNAIL", "off")
    chosen = get_backend("openai-videos")
    assert "wan-2.2" in chosen.cache_key() and API_KEY not in chosen.cache_key()
    clip = chosen.render_scene(sample_request(), tmp_path / "s.mp4")
    assert clip.cost_usd == pytest.approx(2.0)  # one 4 s job at $0.50/s
    assert server.requests[0].form["model"] == "wan-2.2"
    assert not list(tmp_path.glob("*.thumb*"))


def test_missing_key_for_the_official_endpoint_is_a_clear_final_error(monkeypatch):
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "MICROFILM_VIDEO_BASE_URL",
        "MICROFILM_VIDEO_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(RenderError, match="OPENAI_API_KEY") as caught:
        get_backend("openai-videos")
    assert caught.value.final


def test_bad_clip_lengths_in_environment_are_reported(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("MICROFILM_VIDEO_SECONDS", "four")
    with pytest.raises(ValueError, match="MICROFILM_VIDEO_SECONDS"):
        get_backend("openai-videos")
    monkeypatch.setenv("MICROFILM_VIDEO_SECONDS", "4,8")
    monkeypatch.setenv("MICROFILM_VIDEO_SIZE", "720*1280")
    with pytest.raises(ValueError, match="MICROFILM_VIDEO_SIZE"):
        get_backend("openai-videos")


def test_long_shots_are_split_and_packed_into_allowed_lengths():
    shots = [Shot(0, "a", 3.0), Shot(1, "b", 20.0), Shot(2, "c", 2.0)]
    plans = plan_jobs(shots, (4, 8, 12))
    assert [round(p.planned_s, 3) for p in plans] == [3.0, 10.0, 12.0]
    assert [p.seconds for p in plans] == [4, 12, 12]
    assert [b.continued for b in plans[2].beats] == [True, False]
    with pytest.raises(ValueError):
        plan_jobs(shots, ())


def test_prompt_has_one_timeline_line_per_three_seconds():
    request = sample_request(shots=(("Mei walks along the river.", 9.0, ("Mei",)),))
    (plan,) = plan_jobs([*request.shots], (12,))
    prompt = video_prompt(request, plan)
    timeline = prompt.split("Timeline:\n", 1)[1].splitlines()[:-1]
    assert timeline[0].startswith("0-3s: Mei walks") and len(timeline) == 3
    assert "No on-screen text" in prompt and MEI.look in prompt


def test_paths_inside_work_folder_are_cleaned_on_success(server, tmp_path: Path):
    backend(server).render_scene(sample_request(), tmp_path / "s.mp4")
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())
