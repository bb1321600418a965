"""One keyframe per shot from the images API, drawn from the sheets of the characters in it.

With approved character sheets (``RenderRequest.reference_images``), a shot's keyframe comes
from ``/v1/images/edits`` carrying the sheets of exactly the characters in that shot, so the
face and the coat are copied, not re-imagined; a shot with nobody in it (or a render without
sheets) is drawn from words by ``/v1/images/generations``. Keyframes are named by everything
that decides them (model, size, prompt, the sheets' bytes) and kept in the scene's work
folder, and each new one is reserved in the spend ledger first: a retry never pays twice.
Keyframes drawn from sheets are kept beside the clips (:func:`keyframe_folder`), not in the
scene's work folder, so even a scene rendered again after its clip was joined finds them
(and its video jobs then have the same keys, so the ledger resumes them instead of buying).

On a Ray cluster the scene's task sets a remote drawer (:func:`drawing_remotely`, from
:mod:`tools.distributed.worker`): :meth:`ShotKeyframes.prefetch` then draws the scene's
missing keyframes at once, each as its own Ray task, while the ledger reservation, the
content-keyed name and the file stay here. Without one, nothing changes. The drawer is the
one hook for every backend's keyframes: a kind names the task body and a payload carries
only what decides the picture (the ComfyUI backend sends its filled workflow the same way,
:mod:`tools.backends.comfyui.frames`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from film.paths import atomic_write_bytes, safe_slug
from tools.backends.base import RenderError, RenderRequest, Shot
from tools.backends.http import ApiClient
from tools.backends.keyframes.prompts import keyframe_instruction
from tools.backends.ledger import SceneSpending
from tools.backends.openai.image_api import ImageSettings, edit_png, generate_png
from tools.backends.openai.prompts import keyframe_prompt

RemoteDraw = Callable[[str, dict[str, Any], str | None], bytes]
"""``(kind, payload, identity) -> PNG``: one picture drawn somewhere else (a Ray task).

``kind`` names the task body (:data:`IMAGES_KIND`, or the ComfyUI backend's), ``payload`` is
its keyword arguments, only what decides the picture (never a key or a client: the worker
builds those from its own environment), and ``identity`` is what the worker's settings must
report for the picture to match its content key (None: the payload decides it all)."""
IMAGES_KIND = "images"
_remote_draw: RemoteDraw | None = None


def remote_drawer() -> RemoteDraw | None:
    """The drawer :func:`drawing_remotely` set (None: pictures are drawn here)."""
    return _remote_draw


def image_identity(settings: ImageSettings) -> str:
    """Endpoint, model, quality and price of an image service: what the driver and worker share."""
    config = settings.config
    return f"images|{config.base_url}|{config.model}|{settings.quality}|{settings.price_per_image}"


@contextmanager
def drawing_remotely(draw: RemoteDraw | None) -> Iterator[None]:
    """Keyframes drawn inside this block go to ``draw`` (a Ray task each) instead of the API.

    Process-wide on purpose: a Ray worker runs one scene task at a time, and the scene's
    render and its keyframe threads must all see it. ``None`` leaves the API path alone.
    """
    global _remote_draw
    before, _remote_draw = _remote_draw, draw
    try:
        yield
    finally:
        _remote_draw = before


@dataclass(frozen=True)
class Keyframe:
    """A shot's keyframe on disk and the sheets it was drawn from."""

    path: Path
    sheets: tuple[str, ...]
    made: bool
    """Drawn (and paid for) by this call; False when an earlier try left it."""


def paid_png(
    spending: SceneSpending | None,
    key: str,
    what: str,
    price: float,
    draw: Callable[[str | None], bytes],
) -> bytes:
    """``draw(idempotency_key)`` with the image reserved in the ledger first, then settled.

    Raises:
        BudgetReached: when the image would pass the budget (nothing is sent).
    """
    if spending is None or price <= 0:
        return draw(None)
    reserved = spending.reserve(key, what, price)
    try:
        data = draw(reserved.request_key)
    except RenderError as error:
        if error.final:  # refused: nothing was made, nothing is owed
            spending.ledger.update(key, status="refused")
        raise
    spending.ledger.update(key, status="completed")
    return data


def keyframe_folder(out_path: Path) -> Path:
    """Where a clip's sheet-drawn keyframes are kept: ``keyframes/`` beside the clip."""
    return out_path.parent / "keyframes"


def fitted_png(path: Path, size: str) -> bytes:
    """The keyframe at ``path`` cropped and scaled to a video job's ``size`` ("720x1280").

    A video API takes ``input_reference`` only at the clip's own size; the keyframe is made
    at the image model's nearest size, so it is centre-cropped to the clip's shape.
    """
    width, _, height = size.partition("x")
    with Image.open(path) as picture:
        fitted = ImageOps.fit(picture.convert("RGB"), (int(width), int(height)))
    buffer = io.BytesIO()
    fitted.save(buffer, format="PNG")
    return buffer.getvalue()


def shot_sheets(request: RenderRequest, shot: Shot) -> list[tuple[str, Path]]:
    """The sheets of the characters in ``shot`` (name, PNG), in the shot's order, once each."""
    sheets = {name.lower(): (name, Path(path)) for name, path in request.reference_images.items()}
    found: dict[str, tuple[str, Path]] = {}
    for name in shot.characters:
        hit = sheets.get(name.lower())
        if hit is not None and hit[1].is_file():
            found.setdefault(hit[0], hit)
    return list(found.values())


class ShotKeyframes:
    """Draws (or finds) the keyframes of one scene's shots."""

    def __init__(
        self,
        api: ApiClient,
        settings: ImageSettings,
        request: RenderRequest,
        *,
        work: Path,
        size: str,
        identity: str,
    ) -> None:
        self.api = api
        self.settings = settings
        self.request = request
        self.work = work
        self.size = size
        self.identity = identity
        self._drawn: dict[int, Keyframe] = {}

    def prefetch(self, labelled: Sequence[tuple[Shot, str]]) -> None:
        """Draw every listed shot's keyframe at once when a remote drawer is set (a cluster).

        Each keyframe is still reserved, named and kept by :meth:`keyframe`; only the
        drawing happens in parallel, so a scene's video jobs start with all its frames.
        Without a remote drawer this does nothing and each keyframe is drawn when asked.

        Raises:
            BudgetReached, ApiError: as :meth:`keyframe` (the other keyframes are kept).
        """
        if _remote_draw is None:
            return
        shots: dict[int, tuple[Shot, str]] = {}
        for shot, label in labelled:  # a shot split over several video jobs is drawn once
            shots.setdefault(shot.index, (shot, label))
        with ThreadPoolExecutor(max(1, len(shots)), thread_name_prefix="keyframe") as pool:
            drawn = list(pool.map(lambda item: self.keyframe(*item), shots.values()))
        self._drawn.update(
            {shot.index: frame for (shot, _), frame in zip(shots.values(), drawn, strict=True)}
        )

    def prompt(self, shot: Shot, names: list[str]) -> str:
        """The keyframe prompt, plus what the reference sheets are when there are any."""
        extra = keyframe_instruction(names, self.request.screenplay.language)
        return keyframe_prompt(self.request, shot) + (f"\n{extra}" if extra else "")

    def keyframe(self, shot: Shot, label: str) -> Keyframe:
        """The keyframe of ``shot``, drawn from its characters' sheets when it is not kept yet.

        Raises:
            BudgetReached: when the image would pass the budget.
            ApiError: ``final`` for refusals; otherwise retryable.
        """
        if shot.index in self._drawn:  # drawn by prefetch (this call would find it kept)
            return self._drawn[shot.index]
        sheets = shot_sheets(self.request, shot)
        names = [name for name, _ in sheets]
        references = [(safe_slug(name, fallback="character"), p.read_bytes()) for name, p in sheets]
        prompt = self.prompt(shot, names)
        hasher = hashlib.sha256(repr((self.identity, self.size, prompt)).encode())
        for _, data in references:
            hasher.update(hashlib.sha256(data).digest())
        self.work.mkdir(parents=True, exist_ok=True)
        path = self.work / f"shot-{shot.index + 1}-{hasher.hexdigest()[:16]}.png"
        if path.is_file():
            return Keyframe(path, tuple(names), False)

        def draw(idempotency_key: str | None) -> bytes:
            remote = _remote_draw
            if remote is not None:
                payload = {
                    "prompt": prompt,
                    "size": self.size,
                    "references": references,
                    "idempotency_key": idempotency_key,
                }
                return remote(IMAGES_KIND, payload, image_identity(self.settings))
            if references:
                return edit_png(
                    self.api,
                    self.settings,
                    prompt,
                    self.size,
                    references,
                    idempotency_key=idempotency_key,
                )
            return generate_png(
                self.api, self.settings, prompt, self.size, idempotency_key=idempotency_key
            )

        what = f"{label}: 1 image" + (f" from the sheets of {', '.join(names)}" if names else "")
        price = self.settings.price_per_image
        data = paid_png(self.request.spending, path.name, what, price, draw)
        atomic_write_bytes(path, data)
        return Keyframe(path, tuple(names), True)
