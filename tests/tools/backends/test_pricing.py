"""Prices from the environment: which backends are paid, and what one request costs."""

from __future__ import annotations

import pytest
from fake_media_server import API_KEY
from openai_kit import sample_request

from tools.backends.api_config import ApiConfig
from tools.backends.local import LocalBackend
from tools.backends.openai.images import ImageSettings, OpenAIImagesBackend
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings
from tools.backends.pricing import (
    currency,
    money,
    price_variable,
    request_cost,
    request_work,
)

CONFIG = ApiConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key=API_KEY)


class GpuBackend(LocalBackend):
    """Stands in for a backend without its own pricing (a ComfyUI server on one's own GPU)."""

    name = "comfyui"


def test_the_offline_animatic_is_always_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROFILM_LOCAL_PRICE_PER_S", "9")
    assert request_work(LocalBackend(), sample_request()) == []


def test_a_backend_on_ones_own_gpu_costs_nothing_unless_a_price_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request = sample_request()  # three seconds
    monkeypatch.delenv("MICROFILM_COMFYUI_PRICE_PER_S", raising=False)
    assert price_variable("comfyui") == "MICROFILM_COMFYUI_PRICE_PER_S"
    assert request_cost(GpuBackend(), request) == 0
    monkeypatch.setenv("MICROFILM_COMFYUI_PRICE_PER_S", "0.02")
    [work] = request_work(GpuBackend(), request)
    assert (work.unit, work.quantity) == ("second", pytest.approx(3.0))
    assert request_cost(GpuBackend(), request) == pytest.approx(0.06)
    monkeypatch.setenv("MICROFILM_COMFYUI_PRICE_PER_S", "-1")
    with pytest.raises(ValueError, match="MICROFILM_COMFYUI_PRICE_PER_S must not be negative"):
        request_cost(GpuBackend(), request)


def test_video_jobs_are_billed_at_the_clip_length_asked_for() -> None:
    settings = VideoSettings(config=CONFIG, allowed_seconds=(4, 8), price_per_s=0.5)
    backend = OpenAIVideosBackend(settings)
    short = sample_request()  # 3 s of shots: one 4 s clip
    assert [(w.unit, w.quantity) for w in request_work(backend, short)] == [("second", 4)]
    assert request_cost(backend, short) == pytest.approx(2.0)
    long = sample_request(shots=(("Mei waits.", 7.0, ("Mei",)), ("爷爷 arrives.", 6.0, ())))
    assert [w.quantity for w in backend.priced_work(long)] == [8, 8]  # 7 s, then 6 s
    free = OpenAIVideosBackend(VideoSettings(config=CONFIG, price_per_s=0.0))
    assert request_work(free, long) == [], "a price of 0 declares the service free"


def test_images_are_billed_one_per_shot() -> None:
    backend = OpenAIImagesBackend(ImageSettings(config=CONFIG, price_per_image=0.25))
    request = sample_request(shots=(("Mei waits.", 3.0, ("Mei",)), ("爷爷 arrives.", 3.0, ())))
    assert [(w.unit, w.quantity) for w in request_work(backend, request)] == [("image", 1)] * 2
    assert request_cost(backend, request) == pytest.approx(0.5)


def test_currency_and_money(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MICROFILM_PRICE_CURRENCY", raising=False)
    assert currency() == "USD" and money(1.2) == "1.20 USD"
    monkeypatch.setenv("MICROFILM_PRICE_CURRENCY", "cny")
    assert currency() == "CNY" and money(0.004) == "0.0040 CNY" and money(0) == "0.00 CNY"
    monkeypatch.setenv("MICROFILM_PRICE_CURRENCY", "yuan!")
    with pytest.raises(ValueError, match="MICROFILM_PRICE_CURRENCY"):
        currency()
