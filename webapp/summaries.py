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

from agent.production.report import public_reason

# A step's name, English and Chinese: a noun phrase that reads right while the step runs
# and once it is done (Chainlit's "Using"/"Used" prefix is blanked in .chainlit/translations).
# One name for both: Chainlit stores a step's start and end in two racing writes, so a
# name changed at the end could come back from the history as the starting one.
STEP_TITLES: dict[str, tuple[str, str]] = {
    "guard_input": ("Message check", "消息检查"),
    "help": ("Help", "帮助说明"),
    "answer_question": ("Answer to your question", "回答你的问题"),
    "intake": ("Idea and length", "创意和时长"),
    "pitch_genres": ("Genre pitches", "类型提案"),
    "choose_genre": ("Genre choice", "类型选择"),
    "write_logline": ("Logline and title", "一句话梗概和片名"),
    "write_characters": ("Character bible", "人物小传"),
    "write_outline": ("Beat outline", "情节大纲"),
    "write_scenes": ("Scenes and dialogue", "分场和对白"),
    "finalize_draft": ("Screenplay files", "剧本文件"),
    "revise": ("Revision", "剧本修改"),
    "export_current": ("Screenplay files update", "剧本文件更新"),
    "plan_production": ("Render plan", "渲染计划"),
    "render_scene": ("Scene {scene} render", "第{scene}场渲染"),
    "assemble": ("Film stitching", "影片合成"),
    "make_cover": ("Cover", "封面"),
    "deliver": ("Download bundle", "下载包"),
}
SOURCES_TITLE = ("Guidelines consulted", "已查阅创作指南")
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


def shown(value: Any) -> str:
    """A state value as a step shows it: short, and a server path only by its last name.

    ``project_dir`` shows the project folder's name, not where the server keeps it.
    """
    return clip(public_reason(str(value)), 200)


def step_title(node: str, task_input: Any = None, language: str = "en") -> str:
    """The step's name in the chat, in the conversation's language: "Scene 3 render"."""
    fallback = node.replace("_", " ").capitalize()
    english, chinese = STEP_TITLES.get(node, (fallback, fallback))
    template = chinese if language.startswith("zh") else english
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
            lines.append(f"{key}: {shown(value)}")
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
            lines.append(f"{key}: {shown(value)}")
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
