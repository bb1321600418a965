"""Durable sessions: the graph compiled with a SQLite checkpointer, and one-turn driving.

Checkpoints live in ``data_dir()/checkpoints.sqlite`` keyed by ``thread_id``, so a
restarted studio (or a new CLI process) continues the same conversation and project.
:func:`run_turn` is the one loop that streams a turn and collects what the UI needs; the
CLI and the tests share it, the Chainlit app may use it or stream the graph itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command

from agent.context import Context
from agent.graph import builder
from film.paths import data_dir

StudioGraph = CompiledStateGraph[Any, Any, Any, Any]
EventHandler = Callable[[dict[str, Any]], None]
MessageHandler = Callable[[AIMessage], None]


def checkpoint_path(db_path: Path | str | None = None) -> Path:
    """The SQLite file holding conversations (``data_dir()/checkpoints.sqlite`` by default)."""
    path = Path(db_path) if db_path else data_dir() / "checkpoints.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.asynccontextmanager
async def open_graph(db_path: Path | str | None = None) -> AsyncIterator[StudioGraph]:
    """The studio graph with durable checkpoints; closes the database on exit."""
    async with AsyncSqliteSaver.from_conn_string(str(checkpoint_path(db_path))) as saver:
        await saver.setup()
        yield builder.compile(checkpointer=saver, name="microfilm-studio")


def thread_config(thread_id: str, context: Context | None = None) -> RunnableConfig:
    """Run config for one conversation; renders are bounded by the context's concurrency."""
    limit = max(1, (context or Context()).render_concurrency)
    return {"configurable": {"thread_id": thread_id}, "max_concurrency": max(limit, 4),
            "recursion_limit": 100}


@dataclass
class TurnResult:
    """What one turn produced, for printing or asserting."""

    messages: list[AIMessage] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    interrupt: dict[str, Any] | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def error(self) -> str | None:
        """The turn's failure message, if a stage failed."""
        return self.values.get("error")

    def artefacts(self, kind: str) -> list[str]:
        """Paths of the artefacts of ``kind`` announced this turn."""
        return [e["path"] for e in self.events if e.get("type") == "artefact"
                and e.get("kind") == kind]


async def run_turn(
    graph: StudioGraph,
    thread_id: str,
    user_input: str | Command[Any],
    context: Context | None = None,
    *,
    on_event: EventHandler | None = None,
    on_message: MessageHandler | None = None,
) -> TurnResult:
    """Send a message (or resume an interrupt) and stream the turn to the handlers.

    A stage's failure message is not passed to ``on_message``: it is the turn's
    :attr:`TurnResult.error`, so a caller can say it once, in its own way.
    """
    context = context or Context()
    config = thread_config(thread_id, context)
    payload: Any = user_input
    if isinstance(user_input, str):
        payload = {"messages": [HumanMessage(user_input)]}
    result = TurnResult()
    stream = graph.astream(payload, config, context=context, stream_mode=["updates", "custom"])
    async for mode, chunk in stream:
        data: Any = chunk
        if mode == "custom":
            result.events.append(data)
            if on_event:
                on_event(data)
            continue
        for node, update in (data or {}).items():
            if node == "__interrupt__":
                result.interrupt = update[0].value if update else None
                continue
            if not isinstance(update, dict):
                continue
            failure = update.get("error")
            for message in update.get("messages", []):
                if isinstance(message, AIMessage) and message.content:
                    result.messages.append(message)
                    if on_message and message.content != failure:
                        on_message(message)
    snapshot = await graph.aget_state(config)
    result.values = dict(snapshot.values)
    if result.interrupt is None and snapshot.interrupts:
        result.interrupt = snapshot.interrupts[0].value
    return result


async def pending_interrupt(graph: StudioGraph, thread_id: str) -> dict[str, Any] | None:
    """The question a conversation is waiting on (after a restart), if any."""
    snapshot = await graph.aget_state(thread_config(thread_id))
    return snapshot.interrupts[0].value if snapshot.interrupts else None
