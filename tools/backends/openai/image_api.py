"""The images API itself: settings, sizes, and one request that returns a checked PNG.

Shared by the keyframe backend (:mod:`.images`), the keyframes that steer video jobs
(:mod:`.shot_keyframes`), the cover and the character sheets (:mod:`tools.backends.keyframes`):
``/v1/images/generations`` draws from words, ``/v1/images/edits`` from words plus reference
images (multipart, one ``image[]`` part per reference, as gpt-image models take them).
"""

from __future__ import annotations

import base64
import binascii
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from tools.backends.api_config import ApiConfig, env_float
from tools.backends.http import ApiClient, ApiError

DEFAULT_MODEL = "gpt-image-1"
DEFAULT_PRICE = 0.06


@dataclass(frozen=True)
class ImageSettings:
    """What to ask the image API for, and how to price it."""

    config: ApiConfig
    size: str = ""
    quality: str = ""
    price_per_image: float = DEFAULT_PRICE

    @classmethod
    def from_env(cls) -> ImageSettings:
        """Settings from ``MICROFILM_IMAGE_*`` (and ``OPENAI_*``) environment variables."""
        return cls(
            config=ApiConfig.from_env("image", DEFAULT_MODEL),
            size=os.environ.get("MICROFILM_IMAGE_SIZE", "").strip(),
            quality=os.environ.get("MICROFILM_IMAGE_QUALITY", "").strip(),
            price_per_image=env_float("MICROFILM_IMAGE_PRICE", DEFAULT_PRICE),
        )


def image_size(settings: ImageSettings, width: int, height: int) -> str:
    """A size the API accepts, closest in shape to the output frame.

    1080x1920 is not a valid size for gpt-image models; the tall 2:3 frame is, and a 9:16
    crop of it loses only the sides.
    """
    if settings.size:
        return settings.size
    if height > width:
        return "1024x1536"
    return "1536x1024" if width > height else "1024x1024"


def generate_png(
    api: ApiClient,
    settings: ImageSettings,
    prompt: str,
    size: str,
    *,
    idempotency_key: str | None = None,
) -> bytes:
    """One PNG for ``prompt`` from ``/v1/images/generations``, checked to really be an image."""
    body: dict[str, Any] = {"model": settings.config.model, "prompt": prompt, "size": size, "n": 1}
    if settings.quality:
        body["quality"] = settings.quality
    reply = api.post_json("images/generations", body, idempotency_key=idempotency_key)
    return reply_png(api, reply.data)


def edit_png(
    api: ApiClient,
    settings: ImageSettings,
    prompt: str,
    size: str,
    references: Sequence[tuple[str, bytes]],
    *,
    idempotency_key: str | None = None,
) -> bytes:
    """One PNG for ``prompt`` drawn from ``references`` (name, PNG) via ``/v1/images/edits``."""
    fields = {"model": settings.config.model, "prompt": prompt, "size": size, "n": "1"}
    if settings.quality:
        fields["quality"] = settings.quality
    files = [("image[]", (f"{name}.png", data, "image/png")) for name, data in references]
    reply = api.post_form("images/edits", fields, files, idempotency_key=idempotency_key)
    return reply_png(api, reply.data)


def reply_png(api: ApiClient, data: dict[str, Any]) -> bytes:
    """The first image of an images API reply (base64 or a URL), checked and made PNG."""
    items = data.get("data")
    first = items[0] if isinstance(items, list) and items else None
    if not isinstance(first, dict):
        raise ApiError("The image service answered without an image.", final=False)
    if isinstance(first.get("b64_json"), str):
        try:
            raw = base64.b64decode(first["b64_json"], validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(
                "The image service sent image data that is not valid base64.", final=False
            ) from None
    elif isinstance(first.get("url"), str):
        raw = api.fetch_url(first["url"])
    else:
        raise ApiError("The image service answered without b64_json or url.", final=False)
    return _as_png(raw)


def _as_png(data: bytes) -> bytes:
    """Re-encode whatever image format came back as PNG, rejecting non-images clearly."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            buffer = io.BytesIO()
            picture.convert("RGB").save(buffer, format="PNG")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise ApiError(
            f"The image service sent {len(data)} bytes that are not an image "
            f"(they begin {data[:12]!r}).",
            final=False,
        ) from None
    return buffer.getvalue()
