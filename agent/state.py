"""The graph's state: what a conversation remembers between turns.

Domain objects are stored as plain JSON-ready dicts (``Project.model_dump(mode="json")``)
so checkpoints need no custom serializer and survive code upgrades; nodes rebuild the
pydantic models with ``Project.model_validate`` when they need them. The small readers at
the end (the newest user message, this turn's text and choices) are shared by the nodes.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from langchain_core.messages import AnyMessage, HumanMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict  # pydantic (Studio's schemas) needs it on Python 3.11


def collect_results(
    left: list[dict[str, Any]] | None, right: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """Reducer for fan-out results: append each branch's list; ``None`` starts a new batch."""
    if right is None:
        return []
    return [*(left or []), *right]


class IdeaOptions(TypedDict, total=False):
    """Choices that come typed with a new idea instead of written into it (the CLI's flags).

    A chat user writes "one-prompt:" or "a 2-minute film" in the message; a program that
    already holds these values attaches them to the message (:func:`idea_message`), so
    nothing has to be parsed back out of the text and they apply to that message only.
    """

    one_prompt: bool
    """Make the whole film without stopping for questions."""

    genre: str
    """A Genre slug, already checked by the caller."""

    target_seconds: float
    """The wanted length; intake still keeps it within 20 s and the cap."""


class Turn(TypedDict):
    """The newest user message as the input guard read it; later nodes read this record.

    Kept so no node checks or parses the user's message a second time. ``message_id``
    ties the record to the message it was made from.
    """

    message_id: str | None
    """Id of the HumanMessage the guard read."""

    text: str
    """The message after the guard: cleaned and bounded."""

    intent: str
    """Where the guard routed it (an ``agent.intake.intent.IntentKind``)."""

    revision: dict[str, Any] | None
    """The parsed revision request (``RevisionRequest`` fields) when it was routed to
    revisions and named one, else None."""

    options: IdeaOptions
    """The typed choices the message carried (empty for a chat message)."""


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
    """Where the conversation is: "drafting" until version 1 exists, then "ready"."""

    one_prompt: NotRequired[bool]
    """True when the user asked for a whole film from one prompt (no stops)."""

    draft: NotRequired[dict[str, Any]]
    """Intermediate drafting products (logline, characters, beats) before the screenplay."""

    sources: NotRequired[list[dict[str, Any]]]
    """Guideline passages that grounded the last answer, for citation in the chat."""

    turn: NotRequired[Turn]
    """The current user message as the input guard read it."""

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


def turn_text(state: State) -> str:
    """This turn's message as the guard cleaned it (the raw message in a guard-less graph)."""
    turn = state.get("turn")
    if turn:
        return turn["text"]
    message = newest_user_message(state)
    return plain_text(message) if message is not None else ""


def turn_options(state: State) -> IdeaOptions:
    """The typed choices that came with this turn's message."""
    turn = state.get("turn")
    return turn["options"] if turn else {}


def plain_text(message: AnyMessage) -> str:
    """The plain text of a message, whether its content is a string or a list of parts."""
    content = message.content
    if isinstance(content, str):
        return content
    parts = [
        p if isinstance(p, str) else str(p.get("text", ""))
        for p in content
        if isinstance(p, str) or (isinstance(p, dict) and p.get("type") == "text")
    ]
    return "\n".join(parts)


def newest_user_message(state: InputState) -> HumanMessage | None:
    """The newest human message of the conversation, if there is one."""
    for message in reversed(state.get("messages", [])):
        if isinstance(message, HumanMessage):
            return message
    return None


IDEA_OPTIONS_KEY = "idea_options"
"""Where a message keeps its :class:`IdeaOptions` (in ``additional_kwargs``)."""


def idea_message(text: str, options: IdeaOptions) -> HumanMessage:
    """A user message that carries typed choices for the idea it states."""
    return HumanMessage(text, additional_kwargs={IDEA_OPTIONS_KEY: dict(options)})


def idea_options(message: HumanMessage | None) -> IdeaOptions:
    """The typed choices a message carries; empty for one typed in a chat.

    Read defensively: a message can come from anywhere (LangGraph Studio, an old
    checkpoint), and only well-typed values count.
    """
    raw = message.additional_kwargs.get(IDEA_OPTIONS_KEY) if message is not None else None
    options = IdeaOptions()
    if not isinstance(raw, dict):
        return options
    if raw.get("one_prompt") is True:
        options["one_prompt"] = True
    if isinstance(raw.get("genre"), str) and raw["genre"]:
        options["genre"] = raw["genre"]
    seconds = raw.get("target_seconds")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool):
        options["target_seconds"] = float(seconds)
    return options
