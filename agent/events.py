"""Custom stream events: the one vocabulary the chat app and the CLI read progress from.

Nodes never build event dicts by hand; they call these helpers so the shapes fixed in
docs/ARCHITECTURE.md ("Custom stream events") stay in one place. Outside a graph run
(unit tests of a helper, the CLI's own pre-checks) the events are dropped silently
instead of raising, because progress is advisory and must never break real work.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from langchain_core.runnables.config import merge_configs, var_child_runnable_config
from langgraph.config import get_stream_writer
from langgraph.constants import TAG_NOSTREAM

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


def artefact_event(
    kind: ArtefactKind, path: Path | str, scene: int | None = None
) -> dict[str, Any]:
    """An artefact event; the path is made absolute so the app can attach the file directly."""
    return {"type": "artefact", "kind": kind, "path": str(Path(path).resolve()), "scene": scene}


def sources_event(passages: Iterable[Any]) -> dict[str, Any]:
    """A sources event from knowledge passages (objects or dicts with source/heading/text)."""
    return {"type": "sources", "passages": [passage_dict(p) for p in passages]}


def passage_dict(passage: Any) -> dict[str, str]:
    """The citation fields of a knowledge passage, whatever its concrete type."""
    if isinstance(passage, dict):
        get = passage.get
        return {k: str(get(k, "") or "") for k in ("source", "heading", "text")}
    return {k: str(getattr(passage, k, "") or "") for k in ("source", "heading", "text")}


def emit_progress(stage: str, message: str, fraction: float | None = None) -> None:
    """Report progress of the running node."""
    current_writer()(progress_event(stage, message, fraction))


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
