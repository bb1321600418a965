"""Live progress of a turn as a Chainlit task list: one line per stage or scene.

Progress events arrive many times a second during a render; the browser only needs a
fresh list when a line changes state or every so often, so updates are throttled. A
scene's line is ticked off when its preview arrives, and whatever is still running when
the turn ends is closed as done, stopped or failed, so the list never keeps spinning.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import chainlit as cl

from agent.events import Progress

STAGE_TITLES = {
    "pitches": "Genre pitches",
    "logline": "Logline and title",
    "characters": "Characters",
    "outline": "Beat outline",
    "scenes": "Scenes",
    "finalize": "Screenplay files",
    "render": "Film",
    "assemble": "Stitching",
    "cover": "Cover",
    "bundle": "Download bundle",
}
log = logging.getLogger(__name__)
_SCENE_DONE = re.compile(r"Scene (\d+) of \d+ done")
_MIN_INTERVAL_S = 0.8


def stage_title(stage: str) -> str:
    """A progress line's label: "Scene 3", "Cover"..."""
    if stage.startswith("scene "):
        return f"Scene {stage.split(' ', 1)[1]}"
    return STAGE_TITLES.get(stage, stage.replace("_", " ").capitalize())


class ProgressBoard:
    """The task list of one turn (created on the first progress event)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.task_list: cl.TaskList | None = None
        self.tasks: dict[str, cl.Task] = {}
        self._clock = clock
        self._last_sent = 0.0

    def _task(self, stage: str) -> cl.Task:
        if stage not in self.tasks:
            task = cl.Task(title=stage_title(stage), status=cl.TaskStatus.RUNNING)
            self.tasks[stage] = task
            assert self.task_list is not None
            self.task_list.tasks.append(task)
        return self.tasks[stage]

    async def on_progress(self, event: Progress) -> None:
        """Show one progress event."""
        if self.task_list is None:
            self.task_list = cl.TaskList(status="Working…")
        stage = event.stage or "work"
        message = event.message.strip()
        task = self._task(stage)
        before = task.status
        task.title = f"{stage_title(stage)}: {message}" if message else stage_title(stage)
        if event.fraction is not None and event.fraction >= 1.0:
            task.status = cl.TaskStatus.DONE
        elif task.status is not cl.TaskStatus.DONE:
            task.status = cl.TaskStatus.RUNNING
        done = _SCENE_DONE.search(message)
        if done:
            self.mark_done(f"scene {done.group(1)}")
        await self._send(force=before is not task.status)

    def mark_done(self, stage: str) -> None:
        """Tick off a stage (a scene whose preview arrived)."""
        if self.task_list is not None and stage in self.tasks:
            self.tasks[stage].status = cl.TaskStatus.DONE

    async def _send(self, force: bool = False) -> None:
        now = self._clock()
        if self.task_list is None or (not force and now - self._last_sent < _MIN_INTERVAL_S):
            return
        self._last_sent = now
        try:
            await self.task_list.send()
        except OSError as exc:  # progress is advisory: never let it end the turn
            log.warning("progress list not updated: %s", exc)

    async def close(self, outcome: str) -> None:
        """End the list: ``outcome`` is "done", "stopped" or "failed"."""
        if self.task_list is None:
            return
        final = cl.TaskStatus.FAILED if outcome != "done" else cl.TaskStatus.DONE
        for task in self.tasks.values():
            if task.status is cl.TaskStatus.RUNNING:
                task.status = final
        self.task_list.status = {"done": "Done", "stopped": "Stopped"}.get(outcome, "Failed")
        await self._send(force=True)
