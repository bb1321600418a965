"""Render backend for ``/v1/images/generations``: one keyframe per shot, gently animated.

Still images are far cheaper and faster than generated video, and a slow Ken Burns move
(push in or pull out, the local animatic's own) keeps a vertical scene alive. gpt-image models
only make a few sizes, none of them 9:16, so the backend asks for the tall 1024x1536
(or 1536x1024 for landscape output) and crops while animating.

With approved character sheets on the request, each shot's keyframe is drawn from the sheets
of the characters in it (``/v1/images/edits``, :mod:`.shot_keyframes`). Keyframes are kept in
a work folder beside the output until the scene is encoded, so a failure on shot five does
not pay again for shots one to four.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from film.paths import atomic_output
from tools.backends.base import (
    ProgressCallback,
    RenderBackend,
    RenderedClip,
    RenderRequest,
    Shot,
)
from tools.backends.http import ApiClient
from tools.backends.ledger import SceneSpending
from tools.backends.openai.image_api import DEFAULT_MODEL as DEFAULT_MODEL
from tools.backends.openai.image_api import DEFAULT_PRICE as DEFAULT_PRICE
from tools.backends.openai.image_api import ImageSettings as ImageSettings
from tools.backends.openai.image_api import generate_png
from tools.backends.openai.image_api import image_size as image_size
from tools.backends.openai.media import encode_ken_burns
from tools.backends.openai.prompts import scene_shots
from tools.backends.openai.shot_keyframes import ShotKeyframes, keyframe_folder, paid_png
from tools.backends.pricing import PricedWork

NAME = "openai-images"
_ENCODE_SHARE = 0.15


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
        reused = drawn_from = 0
        try:
            with ApiClient(self.settings.config, service="image service", sleep=self._sleep) as api:
                kept = keyframe_folder(out_path) if request.reference_images else work
                keyframes = ShotKeyframes(
                    api, self.settings, request, work=kept, size=size, identity=self.cache_key()
                )
                keyframes.prefetch(  # on a Ray cluster: all at once, each its own task
                    [(s, f"{label}, keyframe {i + 1}/{len(shots)}") for i, s in enumerate(shots)]
                )
                for i, shot in enumerate(shots):
                    share = (1 - _ENCODE_SHARE) * i / len(shots)
                    report(f"{label}: keyframe {i + 1}/{len(shots)}", share)
                    keyframe = keyframes.keyframe(shot, f"{label}, keyframe {i + 1}/{len(shots)}")
                    reused += 0 if keyframe.made else 1
                    drawn_from += 1 if keyframe.sheets else 0
                    stills.append((_load(keyframe.path), shot))
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
            + (f"; {drawn_from} drawn from character sheets" if drawn_from else "")
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
        """One generated image (prompt, size) paid through the ledger (the cover's art)."""
        prompt, size = ask

        def draw(idempotency_key: str | None) -> bytes:
            return generate_png(api, self.settings, prompt, size, idempotency_key=idempotency_key)

        return paid_png(spending, keyframe.name, what, self.settings.price_per_image, draw)


def _load(path: Path) -> Image.Image:
    with Image.open(path) as picture:
        return picture.convert("RGB")


def create() -> OpenAIImagesBackend:
    """The backend as configured by the environment (used by the registry)."""
    return OpenAIImagesBackend(ImageSettings.from_env())
