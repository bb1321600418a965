"""Who draws the character sheets: the image side of the backend the film renders with.

- ``openai-videos`` and ``openai-images``: ``/v1/images/generations`` (``MICROFILM_IMAGE_*``),
  one landscape image holding both views, priced like any keyframe;
- ``comfyui``: the keyframe workflow on the same server (``MICROFILM_COMFYUI_KEYFRAMES``, the
  shipped Flux Kontext template when that is off), free on the person's own GPU; a workflow
  with a ``reference`` input (an edit model such as Kontext) starts a sheet from a blank
  light-grey page.

The offline animatic draws its own figures from the bible and needs no sheet (``None``).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from film.screenplay import Screenplay
from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.frames import image_spec
from tools.backends.comfyui.job import ComfyJob, Patience
from tools.backends.comfyui.media import png_bytes
from tools.backends.comfyui.rules import legal_size
from tools.backends.comfyui.settings import KEYFRAME_TEMPLATES, ComfySettings
from tools.backends.comfyui.workflow import Workflow, shipped
from tools.backends.http import ApiClient
from tools.backends.keyframes.sheets import SheetPainter, SheetStore
from tools.backends.openai.image_api import ImageSettings, generate_png

_PAPER = (226, 226, 224)
SHEET_SIZE = (1536, 1024)
"""Landscape: two full-body views side by side (a size gpt-image models make)."""


class OpenAISheetPainter:
    """Sheets from an OpenAI-compatible ``/v1/images/generations``."""

    def __init__(
        self, settings: ImageSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings
        self.price = settings.price_per_image
        self._sleep = sleep

    def identity(self) -> str:
        """Endpoint, model, quality and size."""
        s = self.settings
        return f"openai-images|{s.config.base_url}|{s.config.model}|{s.quality}|{SHEET_SIZE}"

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        """One sheet (the API takes no seed: a new take is a new request)."""
        size = f"{SHEET_SIZE[0]}x{SHEET_SIZE[1]}"
        with ApiClient(self.settings.config, service="image service", sleep=self._sleep) as api:
            return generate_png(api, self.settings, prompt, size, idempotency_key=idempotency_key)


class ComfySheetPainter:
    """Sheets from the keyframe workflow of a ComfyUI server (a seeded text-to-image job)."""

    price = 0.0

    def __init__(self, settings: ComfySettings) -> None:
        self.settings = settings
        self.workflow: Workflow = settings.keyframes or shipped(KEYFRAME_TEMPLATES["kontext"])

    def identity(self) -> str:
        """Server, workflow (graph and mapping, hashed)."""
        return f"comfyui|{self.settings.url}|{self.workflow.name}:{self.workflow.digest}"

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        """One sheet at about one megapixel, landscape, within the workflow's size rules."""
        width, height = legal_size(SHEET_SIZE[0], SHEET_SIZE[1], self.workflow.rules)
        values: dict[str, object] = {"prompt": prompt, "seed": seed}
        values |= {"width": width, "height": height}
        patience = Patience(
            self.settings.job_timeout_s, self.settings.poll_s, self.settings.reconnect_s
        )
        with (
            tempfile.TemporaryDirectory(prefix="microfilm-sheet-") as folder,
            ComfyClient(self.settings.url, timeout_s=self.settings.request_timeout_s) as client,
        ):
            if self.workflow.takes("reference"):  # an edit workflow: start from a blank page
                blank = png_bytes(Image.new("RGB", (width, height), _PAPER), (width, height))
                values["reference"] = client.upload_image(blank, "microfilm-blank-sheet.png")
            target = Path(folder) / "sheet.png"
            spec = image_spec(self.workflow, values, target, "character sheet")
            ComfyJob(client, spec, patience, lambda message, fraction: None).run()
            return target.read_bytes()


def painter_for(backend: str) -> SheetPainter | None:
    """The sheet painter for the render backend named ``backend`` (None: it needs none).

    Raises:
        ValueError: when the backend's settings in the environment are unusable.
    """
    if backend in ("openai-videos", "openai-images"):
        return OpenAISheetPainter(ImageSettings.from_env())
    if backend == "comfyui":
        return ComfySheetPainter(ComfySettings.from_env())
    return None


def sheets_to_draw(project_dir: Path, screenplay: Screenplay, backend: str) -> tuple[int, float]:
    """(count, price) of the character sheets a render with ``backend`` must still draw.

    The cost question counts them before anything is paid: a sheet is an image per
    character, bought before the first keyframe.
    """
    painter = painter_for(backend)
    if painter is None:
        return 0, 0.0
    count = len(SheetStore(project_dir).unpainted(screenplay, painter))
    return count, count * painter.price
