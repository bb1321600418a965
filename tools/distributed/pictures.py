"""What a Ray worker does for one picture: paint a character sheet or draw a shot's keyframe.

Plain Python (no Ray import), so the task bodies are tested without a cluster; the Ray
wrappers are in :mod:`.picture_tasks`. A task gets only words, sizes, reference bytes, an
idempotency key and the backend's name: the painter or image client is built here, on the
worker, from the worker's own environment, so no API key is ever pickled into a task.

The driver keeps everything that must stay single: the ledger reservation, the content-keyed
file name and the index (:class:`tools.backends.keyframes.sheets.SheetStore`,
:func:`tools.backends.openai.shot_keyframes.paid_png`). The task returns the PNG, the identity
of what drew it (the driver checks it is the one the content key was made with) and where it
ran. A service failure comes back as ``error`` and ``final`` and is raised again by the
driver as the same :class:`RenderError`, so the person reads what one machine would say.
"""

from __future__ import annotations

import os
from typing import Any

from tools.backends.base import RenderError
from tools.backends.http import ApiClient
from tools.backends.keyframes.painters import painter_for
from tools.backends.openai.image_api import ImageSettings, edit_png, generate_png

Picture = dict[str, Any]
"""``png`` (bytes, absent on failure), ``identity``, ``error``, ``final``, ``node_id``,
``task_id`` and ``pid``."""


def image_identity(settings: ImageSettings) -> str:
    """Endpoint, model, quality and price of an image service: what the driver and worker share."""
    config = settings.config
    return f"images|{config.base_url}|{config.model}|{settings.quality}|{settings.price_per_image}"


def paint_sheet(
    backend: str, prompt: str, seed: int, idempotency_key: str | None, where: Picture
) -> Picture:
    """One character sheet painted by ``backend``'s painter, built from this node's settings."""
    try:
        painter = painter_for(backend)
    except (ValueError, RenderError) as exc:
        return _failed(exc, "", where)
    if painter is None:
        return _failed(RenderError(f"{backend} draws no character sheets", final=True), "", where)
    identity = painter.identity()
    try:
        png = painter.paint(prompt, seed, idempotency_key)
    except RenderError as exc:
        return _failed(exc, identity, where)
    return {**where, "png": png, "identity": identity, "error": None, "final": False}


def draw_keyframe(
    prompt: str,
    size: str,
    references: list[tuple[str, bytes]],
    idempotency_key: str | None,
    where: Picture,
) -> Picture:
    """One shot's keyframe from this node's images API (an edit when there are sheets)."""
    try:
        settings = ImageSettings.from_env()
    except (ValueError, RenderError) as exc:
        return _failed(exc, "", where)
    identity = image_identity(settings)
    try:
        with ApiClient(settings.config, service="image service") as api:
            if references:
                png = edit_png(
                    api, settings, prompt, size, references, idempotency_key=idempotency_key
                )
            else:
                png = generate_png(api, settings, prompt, size, idempotency_key=idempotency_key)
    except RenderError as exc:
        return _failed(exc, identity, where)
    return {**where, "png": png, "identity": identity, "error": None, "final": False}


def _failed(error: Exception, identity: str, where: Picture) -> Picture:
    final = bool(getattr(error, "final", True))
    return {**where, "png": None, "identity": identity, "error": str(error), "final": final}


def picture_bytes(picture: Picture, expected_identity: str, what: str) -> bytes:
    """The PNG of a finished picture task, or the driver's own error for it.

    Raises:
        RenderError: the worker's failure (same message and ``final``), or a worker whose
            image settings differ from the studio's (its picture would not match the key).
    """
    if picture.get("error"):
        raise RenderError(str(picture["error"]), final=bool(picture.get("final")))
    if picture.get("identity") != expected_identity:
        raise RenderError(
            f"the Ray worker that drew the {what} uses other image settings than the studio "
            "(every node needs the same MICROFILM_IMAGE_* / MICROFILM_COMFYUI_* variables)",
            final=True,
        )
    png = picture.get("png")
    if not isinstance(png, bytes) or not png:
        raise RenderError(f"the Ray worker sent no {what} image")
    return png


def where_here(node_id: str = "", task_id: str = "") -> Picture:
    """Where a picture task ran: node, task and worker process (tests tell tasks apart)."""
    return {"node_id": node_id, "task_id": task_id, "pid": os.getpid()}
