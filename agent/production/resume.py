"""A film render that stopped part-way: its marker while it runs, and the offer to resume.

A render of the film leaves a marker in the project folder from ``plan_production`` to
``deliver`` (:mod:`tools.assembly.lease`); it is cleared when the render ends, finished or
failed with a reason the person was told. A marker left by a process that died (kill -9,
a crash, a restart) or by a turn that was stopped means the render was interrupted: when
the conversation is reopened the studio says so, in the person's language, and offers to
resume. Resuming is an ordinary render turn; the scenes finished before the interruption
come from the segment cache, so only the rest is rendered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.graph.state import CompiledStateGraph

from agent.messages import say
from agent.state import InputState
from film.screenplay import Project, Screenplay
from tools.assembly.lease import (
    RenderMarker,
    abandon_render,
    begin_render,
    end_render,
    interrupted_renders,
    working,
)
from tools.assembly.production import ProductionSettings, finished_scenes

log = logging.getLogger(__name__)


def start_render(folder: Path, production: Mapping[str, Any], title: str) -> RenderMarker | None:
    """Sweep what interrupted renders left, then leave this render's marker.

    None when the marker cannot be written (a full disk): the render goes on without one,
    and says why itself if it cannot go on either.
    """
    details = {
        "title": title,
        "version": production.get("version"),
        "scenes": list(production.get("focus") or []),
        "language": production.get("language") or "en",
        "settings": dict(production.get("settings") or {}),
    }
    try:
        return begin_render(folder, details)
    except OSError as exc:
        log.warning("render marker not written: %r", exc)
        return None


def _marker_of(production: Mapping[str, Any]) -> tuple[Path, str] | None:
    folder, render_id = production.get("project_dir"), production.get("render_id")
    return (Path(folder), str(render_id)) if folder and render_id else None


def finish_render(production: Mapping[str, Any]) -> None:
    """The render ended (a film, or a failure the person was told about): clear its marker."""
    marker = _marker_of(production)
    try:
        if marker:
            end_render(*marker)
    except OSError as exc:  # never hide the render's own outcome behind this
        log.warning("render marker not cleared: %r", exc)


def abandon(production: Mapping[str, Any]) -> None:
    """The render stopped part-way (the stop button, a crash in a step).

    Its marker stays, as interrupted, so the reopened conversation offers to resume it.
    """
    marker = _marker_of(production)
    try:
        if marker:
            abandon_render(*marker)
    except OSError as exc:
        log.warning("render marker not marked abandoned: %r", exc)


@contextmanager
def render_step(
    production: Mapping[str, Any], *, only_when_cancelled: bool = False
) -> Iterator[None]:
    """Run a step of the render; a step stopped or broken part-way leaves it resumable.

    The render counts as live meanwhile (:func:`tools.assembly.lease.working`).
    ``only_when_cancelled``: other exceptions pass without abandoning it (a scene raises
    transient errors on purpose, for the retry policy).
    """
    with working(str(production.get("render_id") or "")):
        try:
            yield
        except BaseException as exc:
            if not only_when_cancelled or isinstance(exc, asyncio.CancelledError):
                abandon(production)
            raise


@dataclass(frozen=True)
class InterruptedRender:
    """What a reopened conversation is told about its interrupted render."""

    folder: Path
    language: str
    title: str
    finished: int | None
    total: int | None

    def notice(self, *, chat_hint: bool = False) -> str:
        """The interruption in a sentence or two, with what resuming will do.

        ``chat_hint`` adds how to resume by typing (the terminal chat has no buttons).
        """
        text = self._told()
        if chat_hint:
            hint = say("render_resume_hint_chat", self.language)
            text += hint if self.language == "zh" else " " + hint
        return text

    def _told(self) -> str:
        if self.finished is not None and self.total:
            return say(
                "render_interrupted_progress",
                self.language,
                title=self.title,
                finished=self.finished,
                total=self.total,
            )
        return say("render_interrupted", self.language, title=self.title)


def interrupted_render(
    values: Mapping[str, Any], folders: Iterable[Path | str | None] = ()
) -> InterruptedRender | None:
    """The thread's last render, if it was interrupted (looked for in its project folders).

    ``values`` is the thread's state; the folders are where its project may live (the
    state's render folder is always looked at; the app adds the thread's own folder).
    """
    production = values.get("production") or {}
    candidates = [production.get("project_dir"), values.get("project_dir"), *folders]
    seen: set[Path] = set()
    for candidate in candidates:
        if not candidate or Path(candidate).resolve() in seen:
            continue
        folder = Path(candidate).resolve()
        seen.add(folder)
        markers = interrupted_renders(folder)
        if markers:
            return _described(values, folder, markers[-1])
    return None


def _described(values: Mapping[str, Any], folder: Path, marker: RenderMarker) -> InterruptedRender:
    details = marker.details
    raw = str(values.get("language") or details.get("language") or "en")
    language = "zh" if raw.startswith("zh") else "en"
    screenplay = _screenplay(values)
    title = screenplay.title if screenplay else str(details.get("title") or "")
    finished: int | None = None
    if screenplay is not None:
        try:
            settings = ProductionSettings.model_validate(details.get("settings") or {})
            finished = len(finished_scenes(screenplay, folder, settings))
        except Exception as exc:  # an unknown backend now: say it without the count
            log.warning("could not count the finished scenes: %r", exc)
    total = len(screenplay.scenes) if screenplay else None
    return InterruptedRender(folder, language, title, finished, total)


def _screenplay(values: Mapping[str, Any]) -> Screenplay | None:
    try:
        return Project.model_validate(values["project"]).screenplay
    except (KeyError, ValueError, TypeError):
        return None


async def find_interrupted(
    graph: CompiledStateGraph[Any, Any, Any, Any], thread_id: str, folder: Path | None = None
) -> InterruptedRender | None:
    """The interrupted render of a reopened conversation, if its last render was one."""
    snapshot = await graph.aget_state({"configurable": {"thread_id": thread_id}})
    values = dict(snapshot.values)
    return await asyncio.to_thread(interrupted_render, values, [folder])


def resume_input(language: str) -> InputState:
    """The render turn that resumes: the words route it to production as typed text would."""
    return {"messages": [HumanMessage(say("render_resume_request", language))]}
