"""Durable sessions: the graph compiled with a checkpointer, and the one way to run a turn.

Checkpoints live in ``data_dir()/checkpoints.sqlite`` keyed by ``thread_id`` (or on the
Postgres server ``MICROFILM_DATABASE_URL`` names, see :mod:`agent.checkpoints`), so a
restarted studio (or a new CLI process, or another replica) continues the same conversation.

:func:`stream_turn` is the only place that streams the graph: it turns LangGraph's raw
stream into the typed events of :mod:`agent.events` (reply tokens, whole replies, stages,
progress, files, the genre question, the turn's end). The chat app and the CLI consume
those events; :func:`run_turn` collects them into a :class:`TurnResult` for scripts and
tests; :func:`pending_question` is the one reading of a paused thread's question, live or
after a restart.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command, StateSnapshot, StreamMode

from agent.checkpoints import open_checkpointer
from agent.context import Context
from agent.events import (
    CostQuestion,
    GenreQuestion,
    Reply,
    ReplyToken,
    StageEnded,
    StageStarted,
    TurnEnded,
    TurnEvent,
    WorkEvent,
    work_event,
)
from agent.graph import builder
from agent.questions import Question, SheetQuestion, read_question
from agent.state import InputState

StudioGraph = CompiledStateGraph[Any, Any, Any, Any]
TurnInput = str | InputState | Command[Any]
"""A user's message; the input state (e.g. an :func:`agent.state.idea_message` with typed
choices); or ``Command(resume=...)`` answering the genre question."""
EventHandler = Callable[[dict[str, Any]], None]
MessageHandler = Callable[[AIMessage], None]

STREAM_MODES: list[StreamMode] = ["messages", "tasks", "custom"]
"""Reply tokens, stage starts and ends (with their results and interrupts), node events."""
QUIET_TAGS = frozenset({"nostream", "langsmith:nostream"})
"""Model calls tagged so (structured JSON, lookups) are work, not words for the user."""


@contextlib.asynccontextmanager
async def open_graph(db_path: Path | str | None = None) -> AsyncIterator[StudioGraph]:
    """The studio graph with durable checkpoints; closes the database on exit.

    ``db_path`` names a SQLite file; without it the data folder's file is used, or the
    Postgres server of ``MICROFILM_DATABASE_URL`` when that is set.
    """
    async with open_checkpointer(db_path) as saver:
        yield builder.compile(checkpointer=saver, name="microfilm-studio")


def thread_config(thread_id: str, context: Context | None = None) -> RunnableConfig:
    """Run config for one conversation; renders are bounded by the context's concurrency."""
    limit = max(1, (context or Context()).render_concurrency)
    return {
        "configurable": {"thread_id": thread_id},
        "max_concurrency": max(limit, 4),
        "recursion_limit": 100,
    }


def is_reply_token(message: BaseMessage, metadata: Mapping[str, Any]) -> bool:
    """True for a streamed piece of text meant for the user.

    Internal model calls (quiet tags, structured output, tool calls) stream too; their
    pieces are raw JSON or arguments and stay out of the chat.
    """
    if not isinstance(message, AIMessageChunk):
        return False
    if QUIET_TAGS & set(metadata.get("tags") or []):
        return False
    if metadata.get("ls_structured_output_format"):
        return False
    if message.tool_calls or message.tool_call_chunks:
        return False
    return bool(message.text)


def stage_replies(result: Any) -> Iterator[Reply]:
    """The replies in a stage's result; the one repeating its ``error`` is the failure."""
    if not isinstance(result, Mapping):
        return
    failure = result.get("error")
    for message in result.get("messages") or ():
        if isinstance(message, AIMessage) and not message.tool_calls and message.text:
            yield Reply(
                str(message.id or id(message)),
                message.text,
                message,
                failure=bool(failure) and message.content == failure,
            )


def _events(mode: str, chunk: Any) -> Iterator[TurnEvent]:
    """The typed events in one item of the raw stream."""
    if mode == "messages":
        message, metadata = chunk
        if is_reply_token(message, metadata or {}):
            yield ReplyToken(str(message.id or id(message)), message.text)
    elif mode == "tasks":
        task_id, name = str(chunk.get("id")), str(chunk.get("name") or "stage")
        if "input" in chunk:
            yield StageStarted(task_id, name, chunk.get("input"))
            return
        yield from stage_replies(chunk.get("result"))
        error = chunk.get("error")
        yield StageEnded(
            task_id,
            name,
            chunk.get("result"),
            error=(str(error) or type(error).__name__) if error else None,
            waiting=bool(chunk.get("interrupts")),
        )
    elif mode == "custom":
        event = work_event(chunk)
        if event is not None:
            yield event


def _question(snapshot: StateSnapshot) -> Question | None:
    for pending in snapshot.interrupts:
        question = read_question(pending.value)
        if question is not None:
            return question
    return None


async def pending_question(graph: StudioGraph, thread_id: str) -> Question | None:
    """The question a conversation is paused on (at a turn's end, or after a restart).

    The genre, whether to pay for a render, or whether the character sheets will do.
    """
    return _question(await graph.aget_state(thread_config(thread_id)))


def graph_input(user_input: TurnInput) -> InputState | Command[Any]:
    """What the graph is sent: a plain message becomes the conversation's next message."""
    if isinstance(user_input, str):
        return {"messages": [HumanMessage(user_input)]}
    return user_input


async def stream_turn(
    graph: StudioGraph, thread_id: str, user_input: TurnInput, context: Context | None = None
) -> AsyncIterator[TurnEvent]:
    """Run one turn (a message, or the answer to the genre question) as typed events.

    The last events are the :class:`GenreQuestion`, if the turn stopped for one, and
    always :class:`TurnEnded`. A crash in the graph is raised (the checkpoint keeps the
    finished stages); a stage's own failure is ``TurnEnded.error``.
    """
    context = context or Context()
    config = thread_config(thread_id, context)
    async for mode, chunk in graph.astream(
        graph_input(user_input), config, context=context, stream_mode=STREAM_MODES
    ):
        for event in _events(mode, chunk):
            yield event
    snapshot = await graph.aget_state(config)
    question = _question(snapshot)
    if question is not None:
        yield question
    values = dict(snapshot.values)
    yield TurnEnded(values, values.get("error"))


@dataclass
class TurnResult:
    """What one turn produced, for printing or asserting."""

    messages: list[AIMessage] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    question: GenreQuestion | None = None
    cost: CostQuestion | None = None
    """The estimate of a paid render the turn stopped to have approved."""
    sheets: SheetQuestion | None = None
    """The character sheets a keyframe-first render stopped to have approved."""
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def interrupt(self) -> dict[str, Any] | None:
        """The payload of the question the turn stopped for (genre, cost or sheets)."""
        asked = self.question or self.cost or self.sheets
        return asked.payload if asked else None

    @property
    def error(self) -> str | None:
        """The turn's failure message, if a stage failed."""
        return self.values.get("error")

    def artefacts(self, kind: str) -> list[str]:
        """Paths of the artefacts of ``kind`` announced this turn."""
        return [
            e["path"] for e in self.events if e.get("type") == "artefact" and e.get("kind") == kind
        ]

    def record(self, event: TurnEvent) -> None:
        """Keep what a turn's event adds to the result (tokens and stages add nothing)."""
        if isinstance(event, Reply):
            self.messages.append(event.message)
        elif isinstance(event, WorkEvent):
            self.events.append(event.as_dict())
        elif isinstance(event, GenreQuestion):
            self.question = event
        elif isinstance(event, CostQuestion):
            self.cost = event
        elif isinstance(event, SheetQuestion):
            self.sheets = event
        elif isinstance(event, TurnEnded):
            self.values = event.values


async def run_turn(
    graph: StudioGraph,
    thread_id: str,
    user_input: TurnInput,
    context: Context | None = None,
    *,
    on_event: EventHandler | None = None,
    on_message: MessageHandler | None = None,
) -> TurnResult:
    """Run one turn to its end, passing node events and replies to the handlers.

    A stage's failure message is not passed to ``on_message``: it is the turn's
    :attr:`TurnResult.error`, so a caller can say it once, in its own way.
    """
    result = TurnResult()
    async for event in stream_turn(graph, thread_id, user_input, context):
        result.record(event)
        if on_event and isinstance(event, WorkEvent):
            on_event(event.as_dict())
        elif on_message and isinstance(event, Reply) and not event.failure:
            on_message(event.message)
    return result
