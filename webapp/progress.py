"""Live progress of a turn as a Chainlit task list: one line per stage or scene.

Progress events arrive many times a second during a render; the browser only needs a
fresh list when a line changes state or every so often, so updates are throttled. A
scene's line is ticked off when it reports itself done (or its preview arrives); a
``failure`` event marks a line failed, and a failed line is never ticked or relabelled
later in the turn. Whatever is still running when the turn ends is closed as done,
stopped or failed, so the list never keeps spinning. Line names and the list's status
are in the conversation's language.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import chainlit as cl

from agent.events import Failure, Progress
from webapp.render import bilingual

STAGE_TITLES = {
    "pitches": ("Genre pitches", "类型提案"),
    "logline": ("Logline and title", "一句话梗概和片名"),
    "characters": ("Characters", "人物"),
    "outline": ("Beat outline", "情节大纲"),
    "scenes": ("Scenes", "分场剧本"),
    "finalize": ("Screenplay files", "剧本文件"),
    "guidelines": ("Guidelines", "创作指南"),
    "render": ("Film", "影片"),
    "assemble": ("Stitching", "合成"),
    "cover": ("Cover", "封面"),
    "bundle": ("Download bundle", "下载包"),
}
LIST_STATUS = {
    "working": ("Working…", "进行中…"),
    "done": ("Done", "完成"),
    "stopped": ("Stopped", "已停止"),
    "failed": ("Failed", "失败"),
}
log = logging.getLogger(__name__)
_MIN_INTERVAL_S = 0.8


def stage_title(stage: str, language: str = "en") -> str:
    """A progress line's label: "Scene 3" / "第3场", "Cover" / "封面"..."""
    if stage.startswith("scene "):
        number = stage.split(" ", 1)[1]
        return bilingual(language, f"Scene {number}", f"第{number}场")
    if stage in STAGE_TITLES:
        return bilingual(language, *STAGE_TITLES[stage])
    return stage.replace("_", " ").capitalize()


class ProgressBoard:
    """The task list of one turn (created on the first progress event)."""

    def __init__(self, clock: Any = time.monotonic, language: str = "en") -> None:
        self.task_list: cl.TaskList | None = None
        self.tasks: dict[str, cl.Task] = {}
        self.language = language
        self._clock = clock
        self._last_sent = 0.0

    def _label(self, stage: str, message: str) -> str:
        title = stage_title(stage, self.language)
        return f"{title}{bilingual(self.language, ': ', '：')}{message}" if message else title

    def _task(self, stage: str) -> cl.Task:
        if self.task_list is None:
            self.task_list = cl.TaskList(status=bilingual(self.language, *LIST_STATUS["working"]))
        if stage not in self.tasks:
            task = cl.Task(title=stage_title(stage, self.language), status=cl.TaskStatus.RUNNING)
            self.tasks[stage] = task
            assert self.task_list is not None
            self.task_list.tasks.append(task)
        return self.tasks[stage]

    async def on_progress(self, event: Progress) -> None:
        """Show one progress event (a failed line keeps its failure)."""
        stage = event.stage or "work"
        task = self._task(stage)
        if task.status is cl.TaskStatus.FAILED:
            return
        done = event.fraction is not None and event.fraction >= 1.0
        # A heartbeat that lands after the stage's own "ready" line keeps that line: the web
        # app ticked "Characters: still building the character bible: 10 s…" (2026-12-02).
        if task.status is cl.TaskStatus.DONE and not done:
            return
        before = task.status
        task.title = self._label(stage, event.message.strip())
        if done:
            task.status = cl.TaskStatus.DONE
        elif task.status is not cl.TaskStatus.DONE:
            task.status = cl.TaskStatus.RUNNING
        await self._send(force=before is not task.status)

    async def on_failure(self, event: Failure) -> None:
        """Mark a line failed with its reason; it stays failed for the rest of the turn."""
        stage = event.stage or "work"
        task = self._task(stage)
        task.title = self._label(stage, event.message.strip())
        task.status = cl.TaskStatus.FAILED
        await self._send(force=True)

    def mark_done(self, stage: str) -> None:
        """Tick off a stage (a scene whose preview arrived), unless it failed."""
        task = self.tasks.get(stage)
        if task is not None and task.status is not cl.TaskStatus.FAILED:
            task.status = cl.TaskStatus.DONE

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
        status = LIST_STATUS.get(outcome, LIST_STATUS["failed"])
        self.task_list.status = bilingual(self.language, *status)
        await self._send(force=True)
