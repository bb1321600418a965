"""ComfyUI's complaints turned into what to install or change, most useful fact first.

ComfyUI refuses a workflow before queueing it (``POST /prompt`` answers 400 with ``error`` and
``node_errors``) when a node class is unknown (a custom node pack is missing, or ComfyUI is
too old for a core node) or when a loader names a model file that is not in its models
folder. A job can also fail while running (``execution_error`` on the socket and in the
history), most often out of GPU memory. Each becomes a :class:`RenderError` that names the
node or file and where it goes; failure reasons are cut short for the chat, so the fix comes
first. Paths inside the message are reduced to file names: they are the server's business.
"""

from __future__ import annotations

import re
from typing import Any

from tools.backends.base import RenderError

# Loader inputs and the models folder ComfyUI reads them from.
MODEL_FOLDERS = {
    "unet_name": "diffusion_models",
    "ckpt_name": "checkpoints",
    "clip_name": "text_encoders",
    "clip_name1": "text_encoders",
    "clip_name2": "text_encoders",
    "vae_name": "vae",
    "lora_name": "loras",
    "control_net_name": "controlnet",
    "model_name": "upscale_models",
    "style_model_name": "style_models",
}
# Nodes that need a folder of their own although the input is named like another loader's.
_FOLDER_BY_CLASS = {"CLIPVisionLoader": "clip_vision", "UpscaleModelLoader": "upscale_models"}
# Custom node packs, by the prefix of the node classes they add.
NODE_PACKS = {
    "VHS_": "ComfyUI-VideoHelperSuite",
    "WanVideo": "ComfyUI-WanVideoWrapper",
    "UnetLoaderGGUF": "ComfyUI-GGUF",
    "CLIPLoaderGGUF": "ComfyUI-GGUF",
    "DualCLIPLoaderGGUF": "ComfyUI-GGUF",
    "LTXVPrompt": "ComfyUI-LTXVideo",
    "IPAdapter": "ComfyUI_IPAdapter_plus",
}
_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?(?:[\\/][^\s\\/'\"<>|:,;()]+){2,}[\\/]?")


def as_dict(value: object) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (ComfyUI's shapes vary)."""
    return value if isinstance(value, dict) else {}


def public(text: object) -> str:
    """One line of ``text`` with any file path reduced to its file name."""
    line = " ".join(str(text or "").split())
    return _PATH.sub(lambda m: re.split(r"[\\/]", m.group(0).rstrip("\\/"))[-1], line)


def missing_node_hint(class_type: str) -> str:
    """What to install for an unknown node class."""
    for prefix, pack in NODE_PACKS.items():
        if class_type.startswith(prefix):
            return f"install the custom node pack {pack} (ComfyUI Manager finds it) and restart"
    return (
        "update ComfyUI (recent versions have it built in) or install the custom node pack "
        "that provides it, then restart"
    )


def refusal(data: dict[str, Any], workflow: str) -> RenderError:
    """The error for a ``POST /prompt`` that answered 400: what to install or fix (final)."""
    error = data.get("error")
    details: list[str] = []
    if isinstance(error, dict):
        extra = as_dict(error.get("extra_info"))
        if error.get("type") == "missing_node_type" or "may not be installed" in str(
            error.get("message", "")
        ):
            node = str(extra.get("class_type") or extra.get("node_title") or "?")
            return RenderError(
                f"ComfyUI has no node {node} (used by the {workflow} workflow): "
                f"{missing_node_hint(node)}.",
                final=True,
            )
    node_errors = data.get("node_errors")
    if isinstance(node_errors, dict):
        for node_id, entry in node_errors.items():
            if isinstance(entry, dict):
                details += _node_problems(str(node_id), entry)
    if details:
        return RenderError(
            f"ComfyUI refused the {workflow} workflow: {'; '.join(details)}.", final=True
        )
    text = error.get("message") if isinstance(error, dict) else error
    unknown = re.search(r"node (\S+) does not exist", str(text or ""))
    if unknown:
        node = unknown.group(1).strip("'\".")
        return RenderError(f"ComfyUI has no node {node}: {missing_node_hint(node)}.", final=True)
    return RenderError(
        f"ComfyUI refused the {workflow} workflow: {public(text) or 'no reason given'}.", final=True
    )


def _node_problems(node_id: str, entry: dict[str, Any]) -> list[str]:
    class_type = str(entry.get("class_type", "?"))
    problems = []
    for error in entry.get("errors") or []:
        if not isinstance(error, dict):
            continue
        extra = as_dict(error.get("extra_info"))
        name = str(extra.get("input_name", ""))
        value = public(extra.get("received_value", ""))
        folder = _FOLDER_BY_CLASS.get(class_type) or MODEL_FOLDERS.get(name)
        if error.get("type") == "value_not_in_list" and folder:
            problems.append(
                f"the model {value} is not installed: put it in ComfyUI's models/{folder} "
                f"folder (node {node_id}, {class_type})"
            )
        else:
            message = public(error.get("message", "invalid input"))
            detail = public(error.get("details", ""))
            problems.append(
                f"{class_type} (node {node_id}) {message}" + (f": {detail}" if detail else "")
            )
    return problems


def execution_failure(data: dict[str, Any], label: str) -> RenderError:
    """The error for a job that failed while running (an ``execution_error`` message)."""
    kind = str(data.get("exception_type", ""))
    message = public(data.get("exception_message", "")) or "no message"
    node = f"node {data.get('node_id', '?')} ({data.get('node_type', '?')})"
    if "OutOfMemory" in kind or re.search(r"out of memory|allocation on device", message, re.I):
        return RenderError(
            f"ComfyUI ran out of GPU memory on {label} in {node}: lower max_pixels or "
            "max_frames in the workflow's mapping, or use a smaller (fp8/GGUF) model.",
            final=True,
        )
    missing = re.search(r"(\S+\.(?:safetensors|ckpt|pt|pth|gguf|bin))", message)
    if missing and re.search(r"not found|no such file|does not exist", message, re.I):
        return RenderError(
            f"ComfyUI lacks the model file {missing.group(1)} needed by {node}: "
            "put it in ComfyUI's models folder and try again.",
            final=True,
        )
    return RenderError(f"ComfyUI failed on {label} in {node}: {message}", final=True)
