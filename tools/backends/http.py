"""HTTP plumbing shared by the optional API backends (video, image and speech).

Paid generation APIs fail in a handful of well-known ways: rate limits (429), overloaded
gateways (5xx), slow answers, moderation refusals and the odd garbage body. The retry
decision lives here, in one place, so every backend behaves the same: transient failures
are retried with exponential backoff and jitter (a ``Retry-After`` hint wins), any other
4xx is final at once, polling stops after a fixed budget, and nothing waits forever.

The API key only ever travels in the ``Authorization`` header. Provider messages sometimes
echo it back, so every message that leaves this module is scrubbed first.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from tools.backends.api_config import ApiConfig
from tools.backends.base import RenderError

log = logging.getLogger(__name__)


class ApiError(RenderError):
    """A generation API call failed; ``final`` says whether trying again could help."""

    def __init__(self, message: str, *, final: bool = False, status: int | None = None) -> None:
        super().__init__(message, final=final)
        self.status = status


@dataclass(frozen=True)
class ApiReply:
    """A decoded JSON reply and the headers that came with it."""

    data: dict[str, Any]
    headers: httpx.Headers


class ApiClient:
    """A small synchronous client with the retry rules above; use it as a context manager."""

    def __init__(
        self,
        config: ApiConfig,
        *,
        service: str,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.service = service
        self._sleep = sleep
        self._clock = clock
        self._rng = random.Random()
        policy = config.policy
        self._http = httpx.Client(
            timeout=httpx.Timeout(policy.timeout_s, connect=policy.connect_timeout_s),
            follow_redirects=True,
        )

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        self._http.close()

    def redact(self, text: str) -> str:
        """``text`` with the API key (and any bearer token) blanked out."""
        key = self.config.api_key
        if key:
            text = text.replace(key, "***")
        return re.sub(r"(?i)bearer\s+\S+", "Bearer ***", text)

    def post_json(
        self, path: str, body: Mapping[str, Any], *, idempotency_key: str | None = None
    ) -> ApiReply:
        """POST a JSON body and decode the JSON reply.

        ``idempotency_key``: the key a paid create carries, kept in the spend ledger so a
        try after a lost reply sends the same one (random when not given).
        """
        return self._decode(
            self._send("POST", path, json=dict(body), idempotency_key=idempotency_key)
        )

    def post_form(
        self,
        path: str,
        fields: Mapping[str, str],
        files: Mapping[str, tuple[str, bytes, str]] | Sequence[tuple[str, tuple[str, bytes, str]]],
        *,
        idempotency_key: str | None = None,
    ) -> ApiReply:
        """POST multipart form data (text fields plus files) and decode the JSON reply.

        ``files`` as pairs may repeat a field name (``image[]`` once per reference image).
        """
        parts = list(files.items()) if isinstance(files, Mapping) else list(files)
        return self._decode(
            self._send(
                "POST", path, data=dict(fields), files=parts, idempotency_key=idempotency_key
            )
        )

    def get_json(self, path: str) -> ApiReply:
        """GET a JSON resource."""
        return self._decode(self._send("GET", path))

    def get_bytes(
        self, path: str, params: Mapping[str, str] | None = None, *, attempts: int | None = None
    ) -> bytes:
        """GET a binary resource from the API (generated media)."""
        return self._send("GET", path, params=dict(params or {}), attempts=attempts).content

    def post_bytes(self, path: str, body: Mapping[str, Any]) -> bytes:
        """POST a JSON body whose reply is binary (speech audio)."""
        return self._send("POST", path, json=dict(body)).content

    def fetch_url(self, url: str) -> bytes:
        """GET an absolute URL the API handed out; the API key is not sent to other hosts."""
        return self._send("GET", url, absolute=True).content

    def poll(
        self,
        path: str,
        *,
        label: str,
        is_done: Callable[[dict[str, Any]], bool],
        on_update: Callable[[dict[str, Any]], None] | None = None,
    ) -> dict[str, Any]:
        """GET ``path`` until ``is_done`` says so, pacing by the server's hint, within budget.

        Raises:
            ApiError: (not final) when the budget runs out; the job may still finish later.
        """
        policy = self.config.policy
        deadline = self._clock() + policy.poll_budget_s
        while True:
            reply = self.get_json(path)
            if on_update is not None:
                on_update(reply.data)
            if is_done(reply.data):
                return reply.data
            wait = _poll_hint_s(reply.headers, policy.poll_interval_s)
            wait = min(wait, policy.max_poll_interval_s)
            if self._clock() + wait > deadline:
                status = str(reply.data.get("status", "unfinished")).replace("_", " ")
                raise ApiError(
                    f"The {self.service} {label} was still {status} after "
                    f"{policy.poll_budget_s:g} s of waiting; it may finish later, so try again "
                    "(finished work is reused).",
                    final=False,
                )
            self._sleep(wait)

    def _url(self, path: str) -> str:
        return f"{self.config.base_url}/{path.lstrip('/')}"

    def _send(
        self,
        method: str,
        path: str,
        *,
        attempts: int | None = None,
        absolute: bool = False,
        idempotency_key: str | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        policy = self.config.policy
        total = max(1, attempts or policy.attempts)
        headers = {"Accept": "application/json, */*"}
        if self.config.api_key and not absolute:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        if method == "POST":
            # Lets providers that support it drop a duplicate create after a lost reply.
            headers["Idempotency-Key"] = idempotency_key or f"microfilm-{uuid.uuid4().hex}"
        url = path if absolute else self._url(path)
        problem = "failed"
        for attempt in range(1, total + 1):
            retry_after: float | None = None
            try:
                response = self._http.request(method, url, headers=headers, **kwargs)
            except httpx.TimeoutException:
                problem = f"did not answer within {policy.timeout_s:g} s"
            except httpx.RequestError as exc:
                problem = f"could not be reached ({type(exc).__name__})"
            else:
                code = response.status_code
                if code < 400:
                    return response
                message = self.redact(_provider_message(response))
                if code != 429 and code < 500:
                    raise ApiError(
                        f"The {self.service} refused the request (HTTP {code}): {message}",
                        final=True,
                        status=code,
                    )
                problem = f"answered HTTP {code} ({message})"
                retry_after = _retry_after_s(response.headers)
            if attempt < total:
                wait = policy.delay(attempt, retry_after, self._rng)
                log.warning(
                    "%s %s; retry %d/%d in %.2f s", self.service, problem, attempt, total - 1, wait
                )
                self._sleep(wait)
        raise ApiError(
            f"The {self.service} {problem}; gave up after {total} attempt"
            f"{'s' if total > 1 else ''}. This is usually temporary: try again later.",
            final=False,
        )

    def _decode(self, response: httpx.Response) -> ApiReply:
        try:
            data = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            start = self.redact(response.text[:80].strip()) or "an empty body"
            raise ApiError(
                f"The {self.service} sent a reply that is not a JSON object "
                f"(HTTP {response.status_code}, it began with {start!r}); check the base URL "
                "points at an OpenAI-compatible API.",
                final=False,
                status=response.status_code,
            )
        return ApiReply(data=data, headers=response.headers)


def _provider_message(response: httpx.Response) -> str:
    """The human part of an error reply, whatever shape the gateway chose."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = None
    if isinstance(data, dict):
        error = data.get("error", data)
        if isinstance(error, dict):
            for key in ("message", "detail", "msg"):
                if isinstance(error.get(key), str) and error[key].strip():
                    return " ".join(error[key].split())[:300]
        elif isinstance(error, str) and error.strip():
            return " ".join(error.split())[:300]
    text = " ".join(response.text.split())[:200]
    return text or response.reason_phrase or "no details"


def _retry_after_s(headers: httpx.Headers) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms`` or ``Retry-After``), if any."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _poll_hint_s(headers: httpx.Headers, default_s: float) -> float:
    """The ``openai-poll-after-ms`` hint in seconds, or the default."""
    hint = headers.get("openai-poll-after-ms")
    try:
        return max(0.0, float(hint) / 1000) if hint else default_s
    except ValueError:
        return default_s
