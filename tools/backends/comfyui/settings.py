"""Where the ComfyUI server is and which workflows it runs, from the environment.

- ``MICROFILM_COMFYUI_URL``: the server (default ``http://127.0.0.1:8188``).
- ``MICROFILM_COMFYUI_MODEL``: the shipped image-to-video template, ``wan`` (Wan 2.2 14B,
  the default) or ``ltx`` (LTX-Video).
- ``MICROFILM_COMFYUI_WORKFLOW``: a person's own API-format workflow instead; its mapping
  file lies beside it (``my_flow.json`` -> ``my_flow.mapping.yaml``, see
  :mod:`tools.backends.comfyui.workflow`).
- ``MICROFILM_COMFYUI_KEYFRAMES``: how each shot's start frame is made: ``off`` (default,
  the offline animatic's panel of the shot), ``flux`` (the shipped Flux keyframe template on
  the same server), ``kontext`` (Flux Kontext, drawn from the character sheets) or the path
  of an image workflow with its mapping beside it. With character sheets on
  (``MICROFILM_CHARACTER_SHEETS``) ``off`` means ``kontext``: keyframes carry the sheets.
- ``MICROFILM_COMFYUI_SEED``: the base seed (default 20240601); each job's seed derives from
  it and the shot, so a re-render is the same film and a new seed a new take.
- ``MICROFILM_COMFYUI_TIMEOUT_S``: how long one job may take, queue included (default 3600).
- ``MICROFILM_COMFYUI_NATIVE_AUDIO`` (else ``MICROFILM_NATIVE_AUDIO``): keep the sound a
  workflow saves with its clips instead of the studio's voices.

A bad value is reported by the variable's name, before anything is sent.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from tools.backends.api_config import env_float
from tools.backends.comfyui.workflow import Workflow, WorkflowError, load_workflow, shipped
from tools.backends.keyframes.sheets import sheets_wanted
from tools.backends.native_audio import native_audio_wanted

DEFAULT_URL = "http://127.0.0.1:8188"
DEFAULT_SEED = 20240601
MODELS = {"wan": "wan22_i2v", "ltx": "ltxv_i2v"}
KEYFRAME_TEMPLATES = {"flux": "flux_keyframe", "kontext": "flux_kontext_keyframe"}


@dataclass(frozen=True)
class ComfySettings:
    """The server, the workflows and how patiently to wait for them."""

    url: str
    video: Workflow
    keyframes: Workflow | None = None
    seed: int = DEFAULT_SEED
    job_timeout_s: float = 3600.0
    request_timeout_s: float = 30.0
    poll_s: float = 2.0
    reconnect_s: float = 1.0
    native_audio: bool = False

    @classmethod
    def from_env(cls) -> ComfySettings:
        """Settings from the ``MICROFILM_COMFYUI_*`` variables (see the module docstring).

        Raises:
            ValueError: naming the variable whose value is unusable.
        """
        return cls(
            url=server_url(os.environ.get("MICROFILM_COMFYUI_URL", "")),
            video=video_workflow(
                os.environ.get("MICROFILM_COMFYUI_WORKFLOW", ""),
                os.environ.get("MICROFILM_COMFYUI_MODEL", ""),
            ),
            keyframes=keyframe_workflow(os.environ.get("MICROFILM_COMFYUI_KEYFRAMES", ""))
            or (shipped(KEYFRAME_TEMPLATES["kontext"]) if sheets_wanted() else None),
            seed=_seed(os.environ.get("MICROFILM_COMFYUI_SEED", "")),
            job_timeout_s=env_float("MICROFILM_COMFYUI_TIMEOUT_S", 3600.0) or 3600.0,
            native_audio=native_audio_wanted("comfyui"),
        )


def server_url(raw: str) -> str:
    """The server's base URL, without a trailing slash.

    Raises:
        ValueError: when it is not an http(s) URL.
    """
    cleaned = raw.strip().rstrip("/") or DEFAULT_URL
    if not re.match(r"^https?://[^/\s]+", cleaned):
        raise ValueError(
            f"MICROFILM_COMFYUI_URL must start with http:// or https:// (got {raw!r})."
        )
    return cleaned


def video_workflow(path: str, model: str) -> Workflow:
    """The user's workflow when one is named, else the shipped template for ``model``.

    Raises:
        ValueError: for an unknown model, a missing file or an unusable workflow or mapping.
    """
    if path.strip():
        workflow = _user_workflow(path, "MICROFILM_COMFYUI_WORKFLOW")
        if not workflow.rules.makes_video:
            raise ValueError(
                f"MICROFILM_COMFYUI_WORKFLOW names {workflow.name}, whose mapping says it makes "
                "still images; name an image-to-video workflow (family wan or ltx)."
            )
        return workflow
    key = model.strip().lower() or "wan"
    if key not in MODELS:
        raise ValueError(f"MICROFILM_COMFYUI_MODEL must be wan or ltx (got {model!r}).")
    return shipped(MODELS[key])


def keyframe_workflow(raw: str) -> Workflow | None:
    """The keyframe workflow, or None when start frames come from the animatic.

    Raises:
        ValueError: for an unusable value or workflow.
    """
    value = raw.strip()
    if value.lower() in {"", "off", "no", "0", "false", "animatic"}:
        return None
    if value.lower() in KEYFRAME_TEMPLATES:
        return shipped(KEYFRAME_TEMPLATES[value.lower()])
    workflow = _user_workflow(value, "MICROFILM_COMFYUI_KEYFRAMES")
    if workflow.rules.makes_video:
        raise ValueError(
            f"MICROFILM_COMFYUI_KEYFRAMES names {workflow.name}, whose mapping says it makes "
            "clips; name an image workflow (family image), flux, kontext, or off."
        )
    return workflow


def _user_workflow(raw: str, variable: str) -> Workflow:
    path = Path(raw.strip()).expanduser()
    if not path.is_file():
        raise ValueError(f"{variable} names {path.name}, which is not a file.")
    try:
        return load_workflow(path)
    except WorkflowError as exc:
        raise ValueError(f"{variable}: {exc}") from None


def _seed(raw: str) -> int:
    if not raw.strip():
        return DEFAULT_SEED
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(f"MICROFILM_COMFYUI_SEED must be a whole number (got {raw!r}).") from None
    if value < 0:
        raise ValueError(f"MICROFILM_COMFYUI_SEED must not be negative (got {raw}).")
    return value
