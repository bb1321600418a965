"""Stream events: what nodes report while they work, and what a turn shows its callers.

Nodes never build event dicts by hand; they call the ``emit_*`` helpers so the shapes
fixed in docs/ARCHITECTURE.md ("Custom stream events") stay in one place. Outside a graph
run (unit tests of a helper, the CLI's own pre-checks) the events are dropped silently
instead of raising, because progress is advisory and must never break real work.

:func:`agent.session.stream_turn` turns one graph run into the typed events below
(:data:`TurnEvent`); the chat app and the CLI read only these, never the raw stream. The
questions a graph stops to ask are in :mod:`agent.questions`.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import AIMessage
from langchain_core.runnables.config import merge_configs, var_child_runnable_config
from langgraph.config import get_stream_writer
from langgraph.constants import TAG_NOSTREAM

from agent.questions import CostQuestion, GenreQuestion, SheetQuestion
from film.language import IDEOGRAPHS

ArtefactKind = Literal["screenplay", "fountain", "pdf", "cover", "scene", "film", "srt", "bundle"]
Writer = Callable[[Any], None]


def current_writer() -> Writer:
    """The running node's stream writer, or a no-op when called outside a graph run."""
    try:
        return get_stream_writer()
    except (RuntimeError, KeyError):
        return lambda _event: None


def progress_event(stage: str, message: str, fraction: float | None = None) -> dict[str, Any]:
    """A progress event; ``fraction`` is 0..1 when the stage knows how far it is."""
    if fraction is not None:
        fraction = round(min(1.0, max(0.0, float(fraction))), 3)
    return {"type": "progress", "stage": stage, "message": message, "fraction": fraction}


def failure_event(stage: str, message: str) -> dict[str, Any]:
    """A failure event: the work on ``stage`` ended without its result (``message`` says why).

    Progress alone cannot say this: a failed scene must show as failed, never as ticked.
    """
    return {"type": "failure", "stage": stage, "message": message}


def artefact_event(
    kind: ArtefactKind, path: Path | str, scene: int | None = None
) -> dict[str, Any]:
    """An artefact event; the path is made absolute so the app can attach the file directly."""
    return {"type": "artefact", "kind": kind, "path": str(Path(path).resolve()), "scene": scene}


def sources_event(passages: Iterable[Any]) -> dict[str, Any]:
    """A sources event from knowledge passages (objects or dicts with source/heading/text)."""
    return {"type": "sources", "passages": [passage_dict(p) for p in passages]}


#: A heading's gloss in the other language, kept in the guideline for retrieval: "台词风格
#: (Dialogue voice)", "Endings (结尾)".
_GLOSS = re.compile(
    f"^([{IDEOGRAPHS}].*?)\\s*\\([A-Za-z][^()]*\\)$|^([A-Za-z][^()]*?)\\s*\\([{IDEOGRAPHS}][^()]*\\)$"
)


def own_heading(heading: str) -> str:
    """``heading`` as its reader sees it, without its gloss in the other language."""
    glossed = _GLOSS.match(heading.strip())
    return (glossed.group(1) or glossed.group(2)) if glossed else heading.strip()


def passage_dict(passage: Any) -> dict[str, str]:
    """The citation fields of a knowledge passage, whatever its concrete type.

    A Chinese heading is cited without its gloss: a Chinese user read "sources: …
    台词风格 (Dialogue voice)" in the progress lines and the revision notes (2026-12-03).
    """
    get = passage.get if isinstance(passage, dict) else lambda k, d=None: getattr(passage, k, d)
    fields = {k: str(get(k, "") or "") for k in ("source", "heading", "text")}
    return {**fields, "heading": own_heading(fields["heading"])}


def emit_progress(stage: str, message: str, fraction: float | None = None) -> None:
    """Report progress of the running node."""
    current_writer()(progress_event(stage, message, fraction))


def emit_failure(stage: str, message: str) -> None:
    """Report that the running node's ``stage`` failed (a scene that could not be rendered)."""
    current_writer()(failure_event(stage, message))


def emit_artefact(kind: ArtefactKind, path: Path | str, scene: int | None = None) -> None:
    """Announce a finished file of the running node."""
    current_writer()(artefact_event(kind, path, scene))


def emit_sources(passages: Iterable[Any]) -> None:
    """Announce the guideline passages that grounded the running node's answer."""
    current_writer()(sources_event(passages))


def threadsafe_writer(writer: Writer) -> Writer:
    """Wrap ``writer`` so worker threads (renders, encoders) can report through the loop.

    The graph's stream lives on the event loop; a render running in ``asyncio.to_thread``
    must hand its events back to that loop rather than touch the stream from its thread.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return writer

    def write(event: Any) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            writer(event)
        else:
            loop.call_soon_threadsafe(writer, event)

    return write


@contextlib.contextmanager
def quiet_tokens() -> Iterator[None]:
    """Keep a model call's raw JSON out of the chat's token stream (stage messages show it).

    Outside a graph run there is no stream to protect, so it does nothing.
    """
    current = var_child_runnable_config.get()
    if current is None:
        yield
        return
    token = var_child_runnable_config.set(merge_configs(current, {"tags": [TAG_NOSTREAM]}))
    try:
        yield
    finally:
        var_child_runnable_config.reset(token)


@dataclass(frozen=True)
class ReplyToken:
    """A piece of a model's reply while it is written; pieces share ``reply_id``."""

    reply_id: str
    text: str


@dataclass(frozen=True)
class Reply:
    """A whole reply a stage returned (its id matches the tokens, if it was streamed).

    ``failure`` marks a stage's failure message, which :class:`TurnEnded` repeats as its
    ``error``, so a caller that reports the error itself can skip it here.
    """

    reply_id: str
    text: str
    message: AIMessage
    failure: bool = False


@dataclass(frozen=True)
class StageStarted:
    """A node began: ``task_input`` is its state (or a render's task), for the steps view."""

    task_id: str
    name: str
    task_input: Any


@dataclass(frozen=True)
class StageEnded:
    """A node finished, failed (``error``) or stopped for a question (``waiting``)."""

    task_id: str
    name: str
    result: Any = None
    error: str | None = None
    waiting: bool = False


@dataclass(frozen=True)
class Progress:
    """How far a stage is; ``fraction`` is 0..1 when the stage knows."""

    stage: str
    message: str
    fraction: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The event as nodes emitted it."""
        return progress_event(self.stage, self.message, self.fraction)


@dataclass(frozen=True)
class Failure:
    """Work on a stage (``scene 3``, ``render``) ended without its result, and why."""

    stage: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The event as nodes emitted it."""
        return failure_event(self.stage, self.message)


@dataclass(frozen=True)
class Artefact:
    """A finished file (absolute path inside the project folder)."""

    kind: str
    path: str
    scene: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The event as nodes emitted it."""
        return {"type": "artefact", "kind": self.kind, "path": self.path, "scene": self.scene}


@dataclass(frozen=True)
class Sources:
    """The guideline passages that grounded an answer (source, heading, text each)."""

    passages: tuple[dict[str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        """The event as nodes emitted it."""
        return {"type": "sources", "passages": [dict(p) for p in self.passages]}


WorkEvent = Progress | Failure | Artefact | Sources


def work_event(event: Any) -> WorkEvent | None:
    """The typed form of a custom stream event, or None for anything else."""
    if not isinstance(event, Mapping):
        return None
    kind = event.get("type")
    if kind == "progress":
        fraction = event.get("fraction")
        return Progress(
            str(event.get("stage") or ""),
            str(event.get("message") or ""),
            float(fraction) if isinstance(fraction, int | float) else None,
        )
    if kind == "failure":
        return Failure(str(event.get("stage") or ""), str(event.get("message") or ""))
    if kind == "artefact":
        scene = event.get("scene")
        return Artefact(
            str(event.get("kind") or ""),
            str(event.get("path") or ""),
            scene if isinstance(scene, int) else None,
        )
    if kind == "sources":
        return Sources(tuple(passage_dict(p) for p in event.get("passages") or ()))
    return None


@dataclass(frozen=True)
class TurnEnded:
    """The turn is over: the thread's state now, and the failure message if a stage failed."""

    values: dict[str, Any]
    error: str | None = None


TurnEvent = (
    ReplyToken
    | Reply
    | StageStarted
    | StageEnded
    | Progress
    | Failure
    | Artefact
    | Sources
    | GenreQuestion
    | CostQuestion
    | SheetQuestion
    | TurnEnded
)
