"""Paid jobs (and the cover's art) through the spend ledger, against the fake media server.

Each job is reserved before it is sent (with the idempotency key it carries), its id kept
once it exists, and a budget stops the next job before anything is sent.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from media_kit import english_film
from openai_kit import FAST, config, sample_request

from tools.backends.api_config import RetryPolicy
from tools.backends.base import RenderRequest
from tools.backends.http import ApiError
from tools.backends.ledger import BudgetReached, SceneSpending, SpendLedger
from tools.backends.openai.images import ImageSettings, OpenAIImagesBackend
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings
from tools.picture.cover import make_cover


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def videos(server: FakeMediaServer, policy: RetryPolicy = FAST) -> OpenAIVideosBackend:
    settings = VideoSettings(
        config=config(server.base_url, policy=policy),
        allowed_seconds=(1, 2),
        price_per_s=0.1,
        keep_thumbnail=False,
    )
    return OpenAIVideosBackend(settings)


def with_ledger(folder: Path, budget: float | None = None) -> RenderRequest:
    spending = SceneSpending(SpendLedger(folder), scene=2, segment="seg-key", budget=budget)
    return replace(sample_request(), spending=spending)


def test_each_job_is_in_the_ledger_with_its_id_and_idempotency_key(server, tmp_path):
    videos(server).render_scene(with_ledger(tmp_path), tmp_path / "clips" / "a.mp4")
    jobs = SpendLedger(tmp_path).jobs()
    assert [(j.job_id, j.status, j.scene, j.segment) for j in jobs] == [
        ("video_0001", "completed", 2, "seg-key"),
        ("video_0002", "completed", 2, "seg-key"),
    ]
    assert [j.estimate for j in jobs] == [pytest.approx(0.2)] * 2
    assert [j.what for j in jobs] == [
        "Scene 2, part 1/2: 2 s of video",
        "Scene 2, part 2/2: 2 s of video",
    ]
    sent = [r.headers["idempotency-key"] for r in server.requests if r.method == "POST"]
    assert sent == [j.request_key for j in jobs]


def test_a_budget_stops_the_next_job_and_keeps_what_was_paid(server, tmp_path):
    out = tmp_path / "clips" / "a.mp4"
    with pytest.raises(BudgetReached, match="budget of 0.30 is reached") as caught:
        videos(server).render_scene(with_ledger(tmp_path, budget=0.3), out)
    assert caught.value.final and not out.exists()
    assert server.count("POST", "/v1/videos") == 1, "the second job was never sent"
    assert [j.status for j in SpendLedger(tmp_path).jobs()] == ["completed"]

    videos(server).render_scene(with_ledger(tmp_path, budget=0.4), out)
    assert server.count("POST", "/v1/videos") == 2, "the paid first part was reused"
    assert SpendLedger(tmp_path).spent() == pytest.approx(0.4)


def test_a_create_whose_reply_was_lost_is_sent_again_with_the_same_key(server, tmp_path):
    out = tmp_path / "clips" / "a.mp4"
    lossy = replace(FAST, attempts=1, timeout_s=0.2, connect_timeout_s=0.2)
    server.scenario = Scenario(mode="timeout", stall_s=0.5)
    with pytest.raises(ApiError, match="did not answer") as caught:
        videos(server, lossy).render_scene(with_ledger(tmp_path), out)
    assert not caught.value.final
    deadline = time.monotonic() + 5
    while not server.jobs and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(server.jobs) == ["video_0001"], "the service made the job; we never heard"
    [lost] = SpendLedger(tmp_path).jobs()
    assert (lost.status, lost.job_id) == ("reserved", None), "counted as spent meanwhile"

    server.scenario = Scenario(mode="success")
    videos(server).render_scene(with_ledger(tmp_path), out)
    assert sorted(server.jobs) == ["video_0001", "video_0002"], "no third job was paid for"
    first = SpendLedger(tmp_path).jobs()[0]
    assert (first.job_id, first.request_key) == ("video_0001", lost.request_key)


def test_the_same_work_asked_for_again_is_downloaded_by_job_id_not_bought(server, tmp_path):
    videos(server).render_scene(with_ledger(tmp_path), tmp_path / "clips" / "a.mp4")
    assert not list((tmp_path / "clips").glob(".*parts")), "the work folder went"
    # Another clip of the very same shots (the same prompts): the finished jobs are fetched.
    videos(server).render_scene(with_ledger(tmp_path), tmp_path / "clips" / "b.mp4")
    assert server.count("POST", "/v1/videos") == 2
    assert server.count("GET", "/v1/videos/video_0001/content") == 2
    assert len(SpendLedger(tmp_path).jobs()) == 2

    server.scenario = Scenario(mode="expired")  # the provider dropped the videos
    with pytest.raises(ApiError, match="generated again"):
        videos(server).render_scene(with_ledger(tmp_path), tmp_path / "clips" / "c.mp4")
    assert SpendLedger(tmp_path).jobs()[0].status == "expired"
    server.scenario = Scenario(mode="success")
    videos(server).render_scene(with_ledger(tmp_path), tmp_path / "clips" / "c.mp4")
    # Part 1's expired video is made again; part 2's job still has its video.
    assert server.count("POST", "/v1/videos") == 3
    assert [j.status for j in SpendLedger(tmp_path).jobs()] == ["expired", "completed", "completed"]


def test_keyframes_are_reserved_and_a_budget_stops_the_next_one(server, tmp_path):
    settings = ImageSettings(config=config(server.base_url), price_per_image=0.25)
    images = OpenAIImagesBackend(settings)
    request = with_ledger(tmp_path, budget=0.25)
    with pytest.raises(BudgetReached):
        images.render_scene(request, tmp_path / "clips" / "k.mp4")
    assert server.count("POST", "/v1/images/generations") == 1
    images.render_scene(with_ledger(tmp_path, budget=0.5), tmp_path / "clips" / "k.mp4")
    assert server.count("POST", "/v1/images/generations") == 2
    jobs = SpendLedger(tmp_path).jobs()
    assert [(j.status, j.estimate) for j in jobs] == [("completed", 0.25)] * 2
    sent = [r.headers["idempotency-key"] for r in server.requests if r.method == "POST"]
    assert sent == [j.request_key for j in jobs]


def test_cover_art_is_paid_through_the_ledger_and_not_bought_past_the_budget(
    server, tmp_path, monkeypatch
):
    monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", server.base_url)
    monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", API_KEY)
    monkeypatch.setenv("MICROFILM_IMAGE_PRICE", "0.05")
    film = english_film()
    broke = SceneSpending(SpendLedger(tmp_path), scene=None, budget=0.01)
    make_cover(film, tmp_path / "cover.png", (180, 320), "openai-images", broke)
    assert (tmp_path / "cover.png").is_file(), "the free local cover is drawn instead"
    assert (
        server.count("POST", "/v1/images/generations") == 0 and SpendLedger(tmp_path).jobs() == []
    )

    paid = SceneSpending(SpendLedger(tmp_path), scene=None, budget=1.0)
    make_cover(film, tmp_path / "cover.png", (180, 320), "openai-images", paid)
    make_cover(film, tmp_path / "cover.png", (180, 320), "openai-images", paid)
    [job] = SpendLedger(tmp_path).jobs()
    assert (job.what, job.status, job.estimate) == ("Cover art: 1 image", "completed", 0.05)
    assert server.count("POST", "/v1/images/generations") == 1, "kept art is not bought again"
