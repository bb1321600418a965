"""One graph turn shown live in the chat: streamed replies, steps, progress and media.

The graph is streamed with four modes at once: ``messages`` (reply tokens, and whole
replies that nodes return), ``tasks`` (each stage's start and end, which become collapsed
steps with their input and output), ``updates`` (where a genre-choice interrupt
surfaces) and ``custom`` (progress, artefact and source events). Scene previews appear
as they finish, the screenplay when its stage ends, and the film with its cover and
downloads at the end of the turn; a stopped turn still posts what was finished.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chainlit as cl
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage

from agent.context import Context
from webapp import render
from webapp.progress import ProgressBoard
from webapp.projects import checked_artefact
from webapp.summaries import (
    message_text,
    sources_markdown,
    step_title,
    step_type,
    summarize_input,
    summarize_output,
)

log = logging.getLogger(__name__)
STREAM_MODES = ["messages", "updates", "custom", "tasks"]
QUIET_TAGS = {"nostream", "langsmith:nostream"}
SCREENPLAY_KINDS = ("screenplay", "fountain", "pdf")
DELIVERY_KINDS = ("film", "cover", "srt", "bundle")


@dataclass
class TurnOutcome:
    """How a turn ended, for the app to decide what to show next."""

    interrupt: dict[str, Any] | None = None
    stopped: bool = False
    error: str | None = None


def is_reply(message: BaseMessage, metadata: Mapping[str, Any]) -> bool:
    """True for text meant for the user; False for internal or structured-output calls."""
    if not isinstance(message, AIMessage | AIMessageChunk):
        return False
    if QUIET_TAGS & set(metadata.get("tags") or []):
        return False
    if metadata.get("ls_structured_output_format"):
        return False
    if message.tool_calls or getattr(message, "tool_call_chunks", None):
        return False
    return bool(message_text(message))


class ChatTurn:
    """Translates one turn's stream into Chainlit messages, steps and elements."""

    def __init__(self, folder: Path, language: str = "en") -> None:
        self.folder = folder
        self.language = language
        self.replies: dict[str, cl.Message] = {}
        self.streaming: list[cl.Message] = []
        self.steps: dict[str, cl.Step] = {}
        self.progress = ProgressBoard()
        self.pending: dict[str, Path] = {}
        self.interrupt: dict[str, Any] | None = None
        # Steps sit beside the turn's messages: under Chainlit's on_message run, if any.
        current = cl.context.current_step
        self.parent_id = current.id if current else None

    async def run(self, graph: Any, graph_input: Any, config: Mapping[str, Any],
                  context: Context) -> TurnOutcome:
        """Stream the turn to the chat; a stop from the UI is re-raised after cleaning up."""
        outcome = TurnOutcome()
        try:
            async for mode, chunk in graph.astream(graph_input, config, context=context,
                                                   stream_mode=STREAM_MODES):
                await self.handle(mode, chunk)
        except asyncio.CancelledError:
            await asyncio.shield(self.finish("stopped"))
            raise
        except Exception as exc:
            log.exception("turn failed")
            outcome.error = str(exc) or type(exc).__name__
            await self.finish("failed")
            await cl.ErrorMessage(content=render.bilingual(
                self.language,
                f"Something went wrong: {outcome.error}. Your earlier work is kept; "
                "say \"try again\" to continue.",
                f"出错了：{outcome.error}。之前的内容都还在，回复“重试”继续。",
            )).send()
            return outcome
        await self.finish("done")
        outcome.interrupt = self.interrupt
        return outcome

    async def handle(self, mode: str, chunk: Any) -> None:
        """Dispatch one stream item."""
        if mode == "messages":
            message, metadata = chunk
            await self.on_message(message, metadata or {})
        elif mode == "tasks":
            await self.on_task(chunk)
        elif mode == "updates":
            for interrupt in (chunk or {}).get("__interrupt__", ()) or ():
                value = getattr(interrupt, "value", None)
                if isinstance(value, Mapping):
                    self.interrupt = dict(value)
        elif mode == "custom" and isinstance(chunk, Mapping):
            await self.on_event(chunk)

    async def on_message(self, message: BaseMessage, metadata: Mapping[str, Any]) -> None:
        """Stream reply tokens into one chat message per model reply."""
        if not is_reply(message, metadata):
            return
        key = str(message.id or id(message))
        reply = self.replies.get(key)
        if isinstance(message, AIMessageChunk):
            if reply is None:
                reply = self.replies[key] = cl.Message(content="")
                self.streaming.append(reply)
            await reply.stream_token(message_text(message))
        elif reply is None:
            reply = self.replies[key] = cl.Message(content=message_text(message))
            await reply.send()

    async def on_task(self, task: Mapping[str, Any]) -> None:
        """Open a collapsed step when a stage starts; fill in its output when it ends."""
        task_id, name = str(task.get("id")), str(task.get("name", "stage"))
        if "input" in task:
            task_input = task.get("input")
            if isinstance(task_input, Mapping) and task_input.get("language"):
                self.language = str(task_input["language"])
            opened = cl.Step(name=step_title(name, task_input), type=step_type(name),  # type: ignore[arg-type]
                             default_open=False, show_input="text", parent_id=self.parent_id)
            opened.input = summarize_input(name, task_input)
            self.steps[task_id] = opened
            await opened.send()
            return
        step = self.steps.pop(task_id, None)
        if step is None:
            return
        if task.get("error"):
            step.is_error = True
            step.output = f"Failed: {task['error']}"
        elif task.get("interrupts"):
            step.output = "Waiting for your answer."
        else:
            step.output = summarize_output(task.get("result"))
        await step.update()
        await self.post_screenplay()

    async def on_event(self, event: Mapping[str, Any]) -> None:
        """Progress, artefact and sources events from the graph."""
        kind = event.get("type")
        if kind == "progress":
            await self.progress.on_progress(event)
        elif kind == "sources" and event.get("passages"):
            async with cl.Step(name="Guidelines consulted", type="retrieval",
                               default_open=False) as step:
                step.output = sources_markdown(list(event["passages"]))
        elif kind == "artefact":
            await self.on_artefact(event)

    async def on_artefact(self, event: Mapping[str, Any]) -> None:
        """Show scene previews now; hold the screenplay files and the film's files.

        Screenplay files wait for their stage to end, film files for the turn to end, so
        the film, its cover and the downloads arrive as one message.
        """
        path = checked_artefact(str(event.get("path") or ""), self.folder)
        kind = str(event.get("kind") or "")
        if path is None:
            return
        if kind == "scene":
            number = event.get("scene")
            self.progress.mark_done(f"scene {number}")
            label = render.bilingual(self.language, f"Scene {number} preview",
                                     f"第{number}场预览")
            await cl.Message(content=label, elements=[
                render.video_element(path, f"scene-{number}.mp4", size="small")]).send()
        elif kind in SCREENPLAY_KINDS or kind in DELIVERY_KINDS:
            self.pending[kind] = path

    async def finish(self, outcome: str) -> None:
        """Close open replies and steps, end the progress list, post finished files."""
        for reply in self.streaming:
            await reply.send()
        self.streaming.clear()
        for step in self.steps.values():
            step.output = "Stopped." if outcome == "stopped" else "Did not finish."
            await step.update()
        self.steps.clear()
        await self.progress.close(outcome)
        await self.post_screenplay()
        await self.post_delivery()

    async def post_screenplay(self) -> None:
        """The readable screenplay with its Fountain and PDF downloads."""
        found = {k: self.pending.pop(k) for k in SCREENPLAY_KINDS if k in self.pending}
        if not found:
            return
        screenplay = render.load_screenplay(found["screenplay"]) if "screenplay" in found \
            else None
        text = render.screenplay_markdown(screenplay) if screenplay else render.bilingual(
            self.language, "Screenplay files", "剧本文件")
        files = [render.file_element(found[k], f"screenplay.{k}") for k in ("fountain", "pdf")
                 if k in found]
        await cl.Message(content=text, elements=files).send()  # type: ignore[arg-type]

    async def post_delivery(self) -> None:
        """The film inline (9:16) with its downloads, then the cover on its own.

        Chainlit lays out a message's images before its videos, so the cover gets its own
        message to keep the film first.
        """
        found = {k: self.pending.pop(k) for k in DELIVERY_KINDS if k in self.pending}
        files = [render.file_element(found[kind], fallback)
                 for kind, fallback in (("bundle", "bundle.zip"), ("srt", "subtitles.srt"))
                 if kind in found]
        if "film" in found:
            text = render.bilingual(self.language, "**Your micro film**", "**你的微电影**")
            await cl.Message(content=text, elements=[
                render.video_element(found["film"], "film.mp4"), *files]).send()
            files = []
        if "cover" in found or files:
            text = render.bilingual(self.language, "Cover and downloads", "封面和下载")
            covers = [render.image_element(found["cover"], "cover.png")] if "cover" in found \
                else []
            await cl.Message(content=text, elements=[*covers, *files]).send()
