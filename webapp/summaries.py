"""Short, readable summaries of graph stages for the collapsible steps in the chat.

A stage's real input is the whole conversation state (every message, every screenplay
version), which would bury the one thing a curious user wants to see: what went in and
what came out of this stage. These functions pick those fields and bound their length.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

STEP_TITLES = {
    "guard_input": "Reading your message",
    "help": "Help",
    "intake": "Understanding the idea",
    "pitch_genres": "Pitching the six genres",
    "choose_genre": "Genre choice",
    "write_logline": "Logline and title",
    "write_characters": "Character bible",
    "write_outline": "Beat outline",
    "write_scenes": "Scenes and dialogue",
    "finalize_draft": "Saving the screenplay",
    "revise": "Revision",
    "export_current": "Updating the screenplay files",
    "plan_production": "Planning the render",
    "render_scene": "Rendering scene {scene}",
    "assemble": "Stitching the film",
    "make_cover": "Drawing the cover",
    "deliver": "Packing the downloads",
}
TOOL_STAGES = {"render_scene", "assemble", "make_cover", "deliver", "tools"}
STATE_FIELDS = (
    "idea",
    "genre",
    "language",
    "target_seconds",
    "stage",
    "request",
    "one_prompt",
    "resume_stage",
)
_LIMIT = 600


def clip(text: str, limit: int = _LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def step_title(node: str, task_input: Any = None) -> str:
    """The step's name in the chat, e.g. "Rendering scene 3"."""
    template = STEP_TITLES.get(node, node.replace("_", " ").capitalize())
    scene = task_input.get("scene_number") if isinstance(task_input, Mapping) else None
    return template.format(scene=scene if scene is not None else "")


def step_type(node: str) -> str:
    """Chainlit step type: production work shows as a tool run, writing as a stage run."""
    return "tool" if node in TOOL_STAGES else "run"


def message_text(message: BaseMessage) -> str:
    """The plain text of a message whatever its content shape."""
    return str(message.text)


def _last_human(messages: Any) -> str:
    for message in reversed(list(messages or [])):
        if isinstance(message, HumanMessage):
            return message_text(message)
    return ""


def _project_line(project: Mapping[str, Any]) -> str:
    current = project.get("current", 0)
    for version in project.get("versions", []):
        if version.get("number") == current:
            screenplay = version.get("screenplay", {})
            return (
                f'version {current}: "{screenplay.get("title", "")}", '
                f"{len(screenplay.get('scenes', []))} scenes"
            )
    return "no screenplay yet"


def summarize_input(node: str, task_input: Any) -> str:
    """What a stage starts from, in a few lines."""
    if not isinstance(task_input, Mapping):
        return clip(repr(task_input), 300)
    lines: list[str] = []
    if "scene_number" in task_input:
        settings = task_input.get("settings", {})
        lines.append(f"scene: {task_input['scene_number']} of {task_input.get('total', '?')}")
        lines.append(
            f"size: {settings.get('width')}x{settings.get('height')}, "
            f"backend: {settings.get('backend')}"
        )
        return "\n".join(lines)
    said = _last_human(task_input.get("messages"))
    if said:
        lines.append(f"message: {clip(said, 300)}")
    for key in STATE_FIELDS:
        value = task_input.get(key)
        if value not in (None, "", [], {}):
            lines.append(f"{key}: {clip(str(value), 200)}")
    if task_input.get("project"):
        lines.append(f"project: {_project_line(task_input['project'])}")
    return "\n".join(lines) or "(conversation state)"


def _result_line(result: Mapping[str, Any]) -> str:
    name = Path(str(result.get("path") or "")).name or "no file"
    if result.get("error"):
        return f"scene {result.get('scene')}: failed ({clip(str(result['error']), 160)})"
    cached = ", cached" if result.get("cached") else ""
    return (
        f"scene {result.get('scene')}: {name}, {float(result.get('duration_s') or 0):.1f} s{cached}"
    )


def summarize_output(result: Any) -> str:
    """What a stage produced: its replies and the state fields it changed."""
    if not isinstance(result, Mapping):
        return clip(repr(result), 300) if result is not None else "(nothing)"
    lines: list[str] = []
    for message in result.get("messages") or []:
        if isinstance(message, BaseMessage) and message_text(message).strip():
            lines.append(f"reply: {clip(message_text(message), 400)}")
    for key, value in result.items():
        if key == "messages":
            continue
        if key == "project" and isinstance(value, Mapping):
            lines.append(f"project: {_project_line(value)}")
        elif key == "scene_results" and isinstance(value, list):
            lines += [_result_line(r) for r in value if isinstance(r, Mapping)]
        elif key == "draft" and isinstance(value, Mapping):
            lines.append(f"draft: {', '.join(sorted(value)) or 'cleared'}")
        elif key == "production" and isinstance(value, Mapping):
            film = value.get("film")
            lines.append(f"production: {Path(film).name if film else 'planned'}")
        elif value not in (None, "", [], {}):
            lines.append(f"{key}: {clip(str(value), 200)}")
    return "\n".join(lines) or "(no changes)"


def sources_markdown(passages: list[Mapping[str, Any]]) -> str:
    """Guideline passages as a cited list."""
    lines = []
    for passage in passages[:12]:
        source = str(passage.get("source") or "guidelines")
        heading = str(passage.get("heading") or "").strip()
        cite = f"{source} › {heading}" if heading else source
        lines.append(f"- **{cite}**: {clip(str(passage.get('text') or ''), 220)}")
    return "\n".join(lines)
