"""Retry arithmetic, header parsing and configuration rules of the shared API client."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from openai_kit import config

from tools.backends.api_config import ApiConfig, RetryPolicy, env_float, normalise_base_url
from tools.backends.http import ApiClient, ApiError, _retry_after_s


def test_backoff_doubles_with_jitter_and_is_capped():
    policy = RetryPolicy(backoff_s=1.0, max_backoff_s=8.0)
    rng = random.Random(7)
    for retry, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        waits = [policy.delay(retry, None, rng) for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 1  # jittered, so parallel scenes spread out


def test_retry_after_wins_but_is_capped():
    policy = RetryPolicy(max_retry_after_s=60.0)
    rng = random.Random(1)
    assert policy.delay(1, 12.5, rng) == 12.5
    assert policy.delay(3, 3600.0, rng) == 60.0


def test_retry_after_header_forms():
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert _retry_after_s(httpx.Headers({"retry-after": "7"})) == 7.0
    assert _retry_after_s(httpx.Headers({"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    assert 25 < (_retry_after_s(httpx.Headers({"retry-after": later})) or 0) <= 30
    assert _retry_after_s(httpx.Headers({"retry-after": "soon"})) is None
    assert _retry_after_s(httpx.Headers({})) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
        ("https://gw.example/api/v1/", "https://gw.example/api/v1"),
        ("https://open.bigmodel.cn/api/paas/v4", "https://open.bigmodel.cn/api/paas/v4"),
    ],
)
def test_base_urls_gain_a_version_only_when_missing(given, expected):
    assert normalise_base_url(given) == expected


def test_bad_configuration_is_reported_by_name(monkeypatch):
    with pytest.raises(ValueError, match="http"):
        normalise_base_url("ftp://example.com")
    monkeypatch.setenv("MICROFILM_HTTP_TIMEOUT_S", "ten")
    with pytest.raises(ValueError, match="MICROFILM_HTTP_TIMEOUT_S"):
        env_float("MICROFILM_HTTP_TIMEOUT_S", 1.0)


def test_config_repr_and_redaction_hide_the_key():
    api = ApiConfig(base_url="http://127.0.0.1:1/v1", model="m", api_key=API_KEY)
    assert API_KEY not in repr(api)
    with ApiClient(api, service="test service") as client:
        assert client.redact(f"key {API_KEY} and Bearer abc.def") == "key *** and Bearer ***"


def test_client_errors_other_than_429_are_final_at_once():
    with FakeMediaServer() as server, ApiClient(config(server.base_url), service="svc") as client:
        with pytest.raises(ApiError) as caught:
            client.get_json("videos/does-not-exist")
        assert caught.value.final and caught.value.status == 404
        assert server.count("GET", "/v1/videos") == 1


def test_unreachable_server_is_retried_then_not_final():
    with FakeMediaServer() as server:
        url = server.base_url
    with ApiClient(config(url), service="svc") as client:  # the port is closed now
        with pytest.raises(ApiError, match="could not be reached") as caught:
            client.post_json("videos", {"prompt": "x"})
    assert not caught.value.final


def test_poll_follows_the_server_hint():
    waits: list[float] = []
    with FakeMediaServer(Scenario(polls_before_done=3, poll_after_ms=20)) as server:
        with ApiClient(config(server.base_url), service="svc", sleep=waits.append) as client:
            job = client.post_json("videos", {"prompt": "x", "seconds": "1"}).data
            done = client.poll(
                f"videos/{job['id']}", label="job", is_done=lambda d: d["status"] == "completed"
            )
    assert done["progress"] == 100
    assert waits == [0.02, 0.02]
