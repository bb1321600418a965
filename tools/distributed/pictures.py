"""What a Ray worker does for one picture: paint a character sheet or draw a shot's keyframe.

A keyframe comes from the images API (:func:`draw_keyframe`) or from a ComfyUI job
(:func:`draw_comfy_keyframe`), chosen by the kind the scene's remote drawer was handed
(:func:`draw_picture`; see :data:`tools.backends.openai.shot_keyframes.RemoteDraw`).

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
import tempfile
from pathlib import Path
from typing import Any

from tools.backends.base import RenderError
from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.frames import COMFY_IDENTITY, COMFY_KIND, run_image_job
from tools.backends.comfyui.job import Patience
from tools.backends.comfyui.settings import ComfySettings
from tools.backends.comfyui.workflow import Workflow
from tools.backends.http import ApiClient
from tools.backends.keyframes.painters import painter_for
from tools.backends.openai.image_api import ImageSettings, edit_png, generate_png
from tools.backends.openai.shot_keyframes import IMAGES_KIND, image_identity

Picture = dict[str, Any]
"""``png`` (bytes, absent on failure), ``identity``, ``error``, ``final``, ``node_id``,
``task_id`` and ``pid``."""


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


def draw_comfy_keyframe(
    workflow: Workflow,
    values: dict[str, object],
    reference: bytes | None,
    label: str,
    where: Picture,
) -> Picture:
    """One shot's keyframe from the ComfyUI on this node: the scene's workflow and values.

    The server, its time limits and patience are this node's (``MICROFILM_COMFYUI_*``), so a
    task pinned to a GPU worker talks to the ComfyUI beside it. The characters' sheets
    (``reference``) are uploaded here, to that server, under their content's name.
    """
    try:
        settings = ComfySettings.from_env()
    except (ValueError, RenderError) as exc:
        return _failed(exc, COMFY_IDENTITY, where)
    patience = Patience(settings.job_timeout_s, settings.poll_s, settings.reconnect_s)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="microfilm-keyframe-") as folder,
            ComfyClient(settings.url, timeout_s=settings.request_timeout_s) as client,
        ):
            target = Path(folder) / "keyframe.png"
            quiet = lambda message, fraction: None  # noqa: E731 - no progress from a task
            run_image_job(client, workflow, values, reference, target, label, patience, quiet)
            png = target.read_bytes()
    except RenderError as exc:
        return _failed(exc, COMFY_IDENTITY, where)
    return {**where, "png": png, "identity": COMFY_IDENTITY, "error": None, "final": False}


def draw_picture(kind: str, payload: dict[str, Any], where: Picture) -> Picture:
    """The task body for a remote drawer's ``(kind, payload)``: one keyframe, by its kind."""
    if kind == IMAGES_KIND:
        return draw_keyframe(**payload, where=where)
    if kind == COMFY_KIND:
        return draw_comfy_keyframe(**payload, where=where)
    return _failed(RenderError(f"no picture task draws {kind!r}", final=True), "", where)


def _failed(error: Exception, identity: str, where: Picture) -> Picture:
    final = bool(getattr(error, "final", True))
    return {**where, "png": None, "identity": identity, "error": str(error), "final": final}


def picture_bytes(picture: Picture, expected_identity: str | None, what: str) -> bytes:
    """The PNG of a finished picture task, or the driver's own error for it.

    Raises:
        RenderError: the worker's failure (same message and ``final``), or a worker whose
            image settings differ from the studio's (its picture would not match the key);
            ``expected_identity`` None: nothing to compare (the payload decided it all).
    """
    if picture.get("error"):
        raise RenderError(str(picture["error"]), final=bool(picture.get("final")))
    if expected_identity is not None and picture.get("identity") != expected_identity:
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
