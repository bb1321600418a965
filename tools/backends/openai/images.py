"""Render backend for ``/v1/images/generations``: one keyframe per shot, gently animated.

Still images are far cheaper and faster than generated video, and a slow Ken Burns move
(push in or pull out, the local animatic's own) keeps a vertical scene alive. gpt-image models
only make a few sizes, none of them 9:16, so the backend asks for the tall 1024x1536
(or 1536x1024 for landscape output) and crops while animating.

Keyframes are kept in a work folder beside the output until the scene is encoded, so a
failure on shot five does not pay again for shots one to four.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from film.paths import atomic_output, atomic_write_bytes
from tools.backends.api_config import ApiConfig, env_float
from tools.backends.base import (
    ProgressCallback,
    RenderBackend,
    RenderedClip,
    RenderRequest,
    Shot,
)
from tools.backends.http import ApiClient, ApiError
from tools.backends.ledger import SceneSpending
from tools.backends.openai.media import encode_ken_burns
from tools.backends.openai.prompts import keyframe_prompt, scene_shots
from tools.backends.pricing import PricedWork

NAME = "openai-images"
DEFAULT_MODEL = "gpt-image-1"
DEFAULT_PRICE = 0.06
_ENCODE_SHARE = 0.15


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


class OpenAIImagesBackend(RenderBackend):
    """Scenes drawn as animated keyframes by an OpenAI-compatible image endpoint."""

    name = NAME

    def __init__(
        self, settings: ImageSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings
        self._sleep = sleep

    def cache_key(self) -> str:
        """Model, endpoint, size and quality: anything that changes the pictures."""
        s = self.settings
        return (
            f"{NAME}|{s.config.base_url}|{s.config.model}|size={s.size or 'auto'}"
            f"|quality={s.quality or 'default'}"
        )

    def priced_work(self, request: RenderRequest) -> list[PricedWork]:
        """One priced image per shot of the scene."""
        price = self.settings.price_per_image
        return [PricedWork("image", 1, price) for _ in scene_shots(request)]

    def render_scene(
        self, request: RenderRequest, out_path: Path, progress: ProgressCallback | None = None
    ) -> RenderedClip:
        """Draw one keyframe per shot and animate them into ``out_path``.

        Each new keyframe is reserved in the request's spend ledger first (when it has one).

        Raises:
            BudgetReached: when the next keyframe would pass the budget (earlier ones are kept).
            ApiError: ``final`` for refusals (4xx such as a moderation block); otherwise
                retryable.
            RenderError: when the frames cannot be encoded.
        """
        report = progress or (lambda message, fraction: None)
        shots = scene_shots(request)
        size = image_size(self.settings, request.width, request.height)
        work = out_path.parent / f".{out_path.stem}.parts"
        work.mkdir(parents=True, exist_ok=True)
        label = f"Scene {request.scene.number}"
        stills: list[tuple[Image.Image, Shot]] = []
        reused = 0
        try:
            with ApiClient(self.settings.config, service="image service", sleep=self._sleep) as api:
                for i, shot in enumerate(shots):
                    prompt = keyframe_prompt(request, shot)
                    digest = _digest(self.cache_key(), size, prompt)
                    keyframe = work / f"shot-{i + 1}-{digest}.png"
                    if keyframe.exists():
                        reused += 1
                    else:
                        share = (1 - _ENCODE_SHARE) * i / len(shots)
                        report(f"{label}: drawing keyframe {i + 1}/{len(shots)}", share)
                        what = f"{label}, keyframe {i + 1}/{len(shots)}: 1 image"
                        data = self._paid(api, (prompt, size), keyframe, request.spending, what)
                        atomic_write_bytes(keyframe, data)
                    stills.append((_load(keyframe), shot))
            report(f"{label}: animating {len(stills)} keyframe(s)", 1 - _ENCODE_SHARE)
            with atomic_output(out_path) as tmp:
                encode_ken_burns(
                    stills,
                    tmp,
                    width=request.width,
                    height=request.height,
                    fps=request.fps,
                    duration_s=request.duration_s,
                )
        finally:
            for still, _ in stills:
                still.close()
        shutil.rmtree(work, ignore_errors=True)
        cost = round(len(shots) * self.settings.price_per_image, 4)
        report(f"{label}: video ready", 1.0)
        notes = (
            f"{len(shots)} keyframe(s) from {self.settings.config.model} at {size}, "
            f"~${self.settings.price_per_image:g} each (estimate)"
            + (f"; {reused} reused from an earlier run" if reused else "")
        )
        return RenderedClip(out_path, request.duration_s, NAME, cost, notes)

    def _paid(
        self,
        api: ApiClient,
        ask: tuple[str, str],
        keyframe: Path,
        spending: SceneSpending | None,
        what: str,
    ) -> bytes:
        """``_generate`` (prompt, size) with the image reserved in the ledger, then settled."""
        prompt, size = ask
        if spending is None:
            return self._generate(api, prompt, size)
        reserved = spending.reserve(keyframe.name, what, self.settings.price_per_image)
        try:
            data = self._generate(api, prompt, size, idempotency_key=reserved.request_key)
        except ApiError as error:
            if error.final:  # refused: nothing was made, nothing is owed
                spending.ledger.update(keyframe.name, status="refused")
            raise
        spending.ledger.update(keyframe.name, status="completed")
        return data

    def _generate(
        self, api: ApiClient, prompt: str, size: str, *, idempotency_key: str | None = None
    ) -> bytes:
        """One PNG for ``prompt``, checked to really be an image."""
        body = {"model": self.settings.config.model, "prompt": prompt, "size": size, "n": 1}
        if self.settings.quality:
            body["quality"] = self.settings.quality
        reply = api.post_json("images/generations", body, idempotency_key=idempotency_key)
        items = reply.data.get("data")
        first = items[0] if isinstance(items, list) and items else None
        if not isinstance(first, dict):
            raise ApiError("The image service answered without an image.", final=False)
        if isinstance(first.get("b64_json"), str):
            try:
                data = base64.b64decode(first["b64_json"], validate=True)
            except (binascii.Error, ValueError):
                raise ApiError(
                    "The image service sent image data that is not valid base64.", final=False
                ) from None
        elif isinstance(first.get("url"), str):
            data = api.fetch_url(first["url"])
        else:
            raise ApiError("The image service answered without b64_json or url.", final=False)
        return _as_png(data)


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


def _load(path: Path) -> Image.Image:
    with Image.open(path) as picture:
        return picture.convert("RGB")


def _digest(*values: object) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def create() -> OpenAIImagesBackend:
    """The backend as configured by the environment (used by the registry)."""
    return OpenAIImagesBackend(ImageSettings.from_env())
