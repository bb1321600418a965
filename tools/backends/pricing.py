"""What a render will cost, from the prices the person configured, before anything is paid.

Prices live in the environment only (the README lists them), in one currency
(``MICROFILM_PRICE_CURRENCY``, default USD). A backend is *paid* when its price is above
zero: the hosted API backends price themselves from their own request shape (the clip
lengths a video model is asked for, one image per keyframe) with ``priced_work``; any other
backend (a ComfyUI server on the person's own GPU, say) is free unless
``MICROFILM_<NAME>_PRICE_PER_S`` gives a price per generated second. The offline animatic
is always free. Nothing here knows about films or languages: it prices one render request.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from tools.backends.api_config import env_float
from tools.backends.base import RenderBackend, RenderRequest

DEFAULT_CURRENCY = "USD"
FREE_BACKENDS = frozenset({"local"})
Unit = Literal["second", "image"]


@dataclass(frozen=True)
class PricedWork:
    """One piece of paid work a backend will ask a service for: a video job, an image."""

    unit: Unit
    quantity: float
    """Seconds of video billed (the length asked for, not the length used) or images."""
    unit_price: float

    @property
    def cost(self) -> float:
        """What this piece costs at the configured price."""
        return self.quantity * self.unit_price


@runtime_checkable
class PricedBackend(Protocol):
    """A backend that knows the paid work one request takes (its own request shape)."""

    def priced_work(self, request: RenderRequest) -> list[PricedWork]:
        """The jobs or images ``request`` will buy, each with its configured price."""
        ...


def currency() -> str:
    """The currency prices are given in (``MICROFILM_PRICE_CURRENCY``; USD by default).

    Raises:
        ValueError: when it is not a short code such as USD, EUR or CNY.
    """
    raw = os.environ.get("MICROFILM_PRICE_CURRENCY", "").strip().upper() or DEFAULT_CURRENCY
    if not re.fullmatch(r"[A-Z]{3}", raw):
        raise ValueError(f"MICROFILM_PRICE_CURRENCY must be a code like USD or CNY (got {raw!r}).")
    return raw


def price_variable(backend_name: str) -> str:
    """The environment variable that prices a generic backend per generated second."""
    slug = re.sub(r"[^A-Z0-9]+", "_", backend_name.upper()).strip("_")
    return f"MICROFILM_{slug}_PRICE_PER_S"


def request_work(backend: RenderBackend, request: RenderRequest) -> list[PricedWork]:
    """The paid work ``backend`` would do for ``request``; empty for a free backend.

    Raises:
        ValueError: when a configured price is not a non-negative number.
    """
    if backend.name in FREE_BACKENDS:
        return []
    if isinstance(backend, PricedBackend):
        work = backend.priced_work(request)
    else:
        per_second = env_float(price_variable(backend.name), 0.0)
        work = [PricedWork("second", request.duration_s, per_second)]
    return [piece for piece in work if piece.cost > 0]


def request_cost(backend: RenderBackend, request: RenderRequest) -> float:
    """The price of ``request`` on ``backend`` (0.0 for a free backend)."""
    return sum(piece.cost for piece in request_work(backend, request))


def money(amount: float, code: str | None = None) -> str:
    """An amount as people read prices: ``1.20 USD`` (cents shown, never rounded to zero)."""
    shown = f"{amount:.2f}" if amount == 0 or amount >= 0.01 else f"{amount:.4f}"
    return f"{shown} {code or currency()}"
