"""The graph's state: what a conversation remembers between turns.

Domain objects are stored as plain JSON-ready dicts (``Project.model_dump(mode="json")``)
so checkpoints need no custom serializer and survive code upgrades; nodes rebuild the
pydantic models with ``Project.model_validate`` when they need them.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict  # pydantic (Studio's schemas) needs it on Python 3.11


def collect_results(
    left: list[dict[str, Any]] | None, right: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """Reducer for fan-out results: append each branch's list; ``None`` starts a new batch."""
    if right is None:
        return []
    return [*(left or []), *right]


class InputState(TypedDict):
    """What a caller sends each turn."""

    messages: Annotated[list[AnyMessage], add_messages]
    """The conversation; each turn appends the user's message."""


class State(InputState):
    """Everything the studio keeps for one conversation (one LangGraph thread)."""

    project: NotRequired[dict[str, Any]]
    """The Project (versions, current version, artefacts) as JSON."""

    idea: NotRequired[str]
    """The user's idea in their own words."""

    language: NotRequired[str]
    """Reply language, "en" or "zh"."""

    target_seconds: NotRequired[int]
    """Target film length, never above the cap."""

    genre: NotRequired[str | None]
    """Chosen Genre slug, None until chosen."""

    stage: NotRequired[str]
    """Where the conversation is: intake, drafting, ready, producing."""

    one_prompt: NotRequired[bool]
    """True when the user asked for a whole film from one prompt (no stops)."""

    draft: NotRequired[dict[str, Any]]
    """Intermediate drafting products (logline, characters, beats) before the screenplay."""

    sources: NotRequired[list[dict[str, Any]]]
    """Guideline passages that grounded the last answer, for citation in the chat."""

    last_text: NotRequired[str]
    """The current user message after the input guard (cleaned, bounded)."""

    resume_stage: NotRequired[str | None]
    """The drafting stage a failed turn stopped at; "try again" resumes it."""

    error: NotRequired[str | None]
    """The failure message of this turn, if any; it stops the chain of stages."""

    request: NotRequired[str]
    """What production was asked for this turn: "film" or "cover"."""

    project_dir: NotRequired[str]
    """The project folder chosen when the first version was written."""

    exported_version: NotRequired[int]
    """The project version last written to screenplay.json / .fountain / .pdf."""

    scene_results: NotRequired[Annotated[list[dict[str, Any]], collect_results]]
    """Per-scene render results of the current production run (fan-out branches append)."""

    production: NotRequired[dict[str, Any]]
    """Settings and folder of the current production run."""
