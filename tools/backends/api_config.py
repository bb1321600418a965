"""Where an API backend sends requests, as whom, and how patiently.

Configuration comes only from the environment (and explicit arguments in tests): secrets are
never written to project files or logs, and a malformed value is reported by the name of
the variable that holds it, so a typo in a deployment is a one-line fix.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass, field

from tools.backends.base import RenderError

DEFAULT_BASE_URL = "https://api.openai.com/v1"
_VERSION_SUFFIX = re.compile(r"/v\d+[a-z0-9]*$")


def env_float(name: str, default: float) -> float:
    """A number from the environment, with a message that names the variable when it is bad.

    Raises:
        ValueError: when the variable is set but is not a non-negative number.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}.") from None
    if value < 0:
        raise ValueError(f"{name} must not be negative (got {raw}).")
    return value


def env_flag(name: str, default: bool) -> bool:
    """A yes/no switch from the environment (1/0, true/false, on/off, yes/no)."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw not in {"0", "false", "off", "no"}


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait, how often to retry and how long to poll.

    Tests shrink every number here so failure paths run in milliseconds.
    """

    attempts: int = 4
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    max_retry_after_s: float = 120.0
    timeout_s: float = 60.0
    connect_timeout_s: float = 10.0
    poll_interval_s: float = 5.0
    max_poll_interval_s: float = 30.0
    poll_budget_s: float = 900.0

    @classmethod
    def from_env(cls) -> RetryPolicy:
        """Defaults, overridden by ``MICROFILM_HTTP_*`` and ``MICROFILM_POLL_*`` variables."""
        return cls(
            attempts=max(1, int(env_float("MICROFILM_HTTP_ATTEMPTS", cls.attempts))),
            backoff_s=env_float("MICROFILM_HTTP_BACKOFF_S", cls.backoff_s),
            timeout_s=env_float("MICROFILM_HTTP_TIMEOUT_S", cls.timeout_s) or cls.timeout_s,
            poll_interval_s=env_float("MICROFILM_POLL_INTERVAL_S", cls.poll_interval_s),
            poll_budget_s=env_float("MICROFILM_POLL_BUDGET_S", cls.poll_budget_s),
        )

    def delay(self, retry_number: int, retry_after_s: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry ``retry_number`` (1-based).

        A server's ``Retry-After`` is honoured as given (capped, so a bogus hour-long hint
        cannot stall a render); otherwise the wait doubles each time, and the second half of
        it is random so that parallel scene renders do not retry in lock-step.
        """
        if retry_after_s is not None:
            return min(max(retry_after_s, 0.0), self.max_retry_after_s)
        ceiling = min(self.max_backoff_s, self.backoff_s * 2 ** (retry_number - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


def normalise_base_url(url: str) -> str:
    """``https://host`` -> ``https://host/v1``; a URL already ending in a version stays.

    Raises:
        ValueError: when the URL is not http(s).
    """
    cleaned = url.strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+", cleaned):
        raise ValueError(f"An API base URL must start with http:// or https:// (got {url!r}).")
    return cleaned if _VERSION_SUFFIX.search(cleaned) else f"{cleaned}/v1"


@dataclass(frozen=True)
class ApiConfig:
    """Where one backend talks to, as whom, and with which model."""

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    policy: RetryPolicy = field(default_factory=RetryPolicy)

    @classmethod
    def from_env(
        cls,
        kind: str,
        default_model: str,
        *,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
    ) -> ApiConfig:
        """Explicit values, else ``MICROFILM_<KIND>_BASE_URL/_MODEL/_API_KEY``, else ``OPENAI_*``.

        Raises:
            RenderError: (final) when the official endpoint would be called without a key.
            ValueError: when a base URL or a number in the environment is malformed.
        """
        prefix = f"MICROFILM_{kind.upper()}_"
        base = base_url or os.environ.get(f"{prefix}BASE_URL") or os.environ.get("OPENAI_BASE_URL")
        key = api_key or os.environ.get(f"{prefix}API_KEY") or os.environ.get("OPENAI_API_KEY")
        config = cls(
            base_url=normalise_base_url(base or DEFAULT_BASE_URL),
            model=model or os.environ.get(f"{prefix}MODEL") or default_model,
            api_key=key or None,
            policy=RetryPolicy.from_env(),
        )
        if not config.api_key and config.base_url == DEFAULT_BASE_URL:
            raise RenderError(
                f"The {kind.lower()} API needs OPENAI_API_KEY (or {prefix}API_KEY), "
                f"or {prefix}BASE_URL pointing at a gateway that needs no key.",
                final=True,
            )
        return config
