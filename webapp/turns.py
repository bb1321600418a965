"""One graph turn shown live in the chat: streamed replies, steps, progress and media.

The turn's events come from :func:`agent.session.stream_turn`: reply tokens and whole
replies become chat messages, each stage's start and end a collapsed step with its input
and output, progress a task list, sources a retrieval step, and the genre question (or a
paid render's cost) is handed back to the app to ask. Scene previews appear as they finish,
the screenplay when its stage ends, and the film with its cover and downloads at the end of
the turn; a stopped turn still posts what was finished. A turn that ends with an error closes its
task list as failed; when scenes failed to render, it offers to retry them or to stitch
the film without them (:mod:`webapp.recovery`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chainlit as cl

from agent.context import Context
from agent.events import (
    Artefact,
    CostQuestion,
    Failure,
    GenreQuestion,
    Progress,
    Reply,
    ReplyToken,
    SheetQuestion,
    Sources,
    StageEnded,
    StageStarted,
    TurnEnded,
    TurnEvent,
)
from agent.production.report import failed_scenes, public_reason
from agent.session import StudioGraph, TurnInput, stream_turn
from webapp import render
from webapp.progress import ProgressBoard
from webapp.projects import checked_artefact
from webapp.recovery import can_cut_without, clear_recovery_buttons, offer_recovery
from webapp.summaries import (
    SOURCES_TITLE,
    sources_markdown,
    step_title,
    step_type,
    summarize_input,
    summarize_output,
)

log = logging.getLogger(__name__)
SCREENPLAY_KINDS = ("screenplay", "fountain", "pdf")
DELIVERY_KINDS = ("film", "cover", "srt", "bundle")


@dataclass
class TurnOutcome:
    """How a turn ended, for the app to decide what to show next."""

    interrupt: dict[str, Any] | None = None
    """The question's payload (the genre, or a paid render's cost), when the turn stopped."""
    stopped: bool = False
    error: str | None = None
    """A crash of the turn itself (the chat said so); a stage's failure is ``failed``."""
    failed: str | None = None
    """The failure message the turn ended with (a stage could not do its work)."""
    failed_scenes: list[int] | None = None
    """Scenes the render could not make; the retry and partial-cut choices were offered."""


class ChatTurn:
    """Translates one turn's stream into Chainlit messages, steps and elements."""

    def __init__(self, folder: Path, language: str = "en") -> None:
        self.folder = folder
        self.language = language
        self.replies: dict[str, cl.Message] = {}
        self.streaming: list[cl.Message] = []
        self.steps: dict[str, cl.Step] = {}
        self.progress = ProgressBoard(language=language)
        self.pending: dict[str, Path] = {}
        self.question: GenreQuestion | CostQuestion | SheetQuestion | None = None
        self.ended: TurnEnded | None = None
        # Steps sit beside the turn's messages: under Chainlit's on_message run, if any.
        current = cl.context.current_step
        self.parent_id = current.id if current else None

    async def run(
        self, graph: StudioGraph, thread_id: str, user_input: TurnInput, context: Context
    ) -> TurnOutcome:
        """Stream the turn to the chat; a stop from the UI is re-raised after cleaning up."""
        outcome = TurnOutcome()
        await clear_recovery_buttons()  # a new turn makes an earlier offer stale
        try:
            async for event in stream_turn(graph, thread_id, user_input, context):
                await self.show(event)
        except asyncio.CancelledError:
            await asyncio.shield(self.finish("stopped"))
            raise
        except Exception as exc:
            log.exception("turn failed")
            outcome.error = public_reason(str(exc) or type(exc).__name__, self.folder)
            await self.finish("failed")
            await cl.ErrorMessage(
                content=render.bilingual(
                    self.language,
                    f"Something went wrong: {outcome.error}. Your earlier work is kept; "
                    'say "try again" to continue.',
                    f"出错了：{outcome.error}。之前的内容都还在，回复“重试”继续。",
                )
            ).send()
            return outcome
        values = self.ended.values if self.ended else {}
        outcome.failed = self.ended.error if self.ended else None
        await self.finish("failed" if outcome.failed else "done")
        outcome.interrupt = self.question.payload if self.question else None
        failed = failed_scenes(values) if outcome.failed else []
        if failed:
            outcome.failed_scenes = failed
            await offer_recovery(failed, self.language, can_cut_without(values))
        return outcome

    async def show(self, event: TurnEvent) -> None:
        """Show one event of the turn."""
        if isinstance(event, ReplyToken):
            await self.on_token(event)
        elif isinstance(event, Reply):
            await self.on_reply(event)
        elif isinstance(event, StageStarted):
            await self.on_stage_started(event)
        elif isinstance(event, StageEnded):
            await self.on_stage_ended(event)
        elif isinstance(event, Progress):
            await self.progress.on_progress(event)
        elif isinstance(event, Failure):
            await self.progress.on_failure(event)
        elif isinstance(event, Sources) and event.passages:
            async with cl.Step(
                name=render.bilingual(self.language, *SOURCES_TITLE),
                type="retrieval",
                default_open=False,
            ) as step:
                step.output = sources_markdown(list(event.passages))
        elif isinstance(event, Artefact):
            await self.on_artefact(event)
        elif isinstance(event, GenreQuestion | CostQuestion | SheetQuestion):
            self.question = event
        elif isinstance(event, TurnEnded):
            self.ended = event
            self.set_language(event.values.get("language"))

    def set_language(self, language: Any) -> None:
        """Follow the conversation's language (known once the turn reads the state)."""
        if isinstance(language, str) and language in ("en", "zh"):
            self.language = language
            self.progress.language = language

    async def on_token(self, token: ReplyToken) -> None:
        """Grow one chat message per model reply as its tokens arrive."""
        reply = self.replies.get(token.reply_id)
        if reply is None:
            reply = self.replies[token.reply_id] = cl.Message(content="")
            self.streaming.append(reply)
        await reply.stream_token(token.text)

    async def on_reply(self, whole: Reply) -> None:
        """Post a stage's reply, unless its tokens already streamed it."""
        if whole.reply_id not in self.replies:
            self.replies[whole.reply_id] = cl.Message(content=whole.text)
            await self.replies[whole.reply_id].send()

    async def on_stage_started(self, stage: StageStarted) -> None:
        """Open a collapsed step showing what the stage starts from."""
        task_input = stage.task_input
        if isinstance(task_input, Mapping):
            self.set_language(task_input.get("language"))
        opened = cl.Step(
            name=step_title(stage.name, task_input, self.language),
            type=step_type(stage.name),  # type: ignore[arg-type]
            default_open=False,
            show_input="text",
            parent_id=self.parent_id,
        )
        opened.input = summarize_input(stage.name, task_input)
        self.steps[stage.task_id] = opened
        await opened.send()

    async def on_stage_ended(self, stage: StageEnded) -> None:
        """Fill in the step's output; post the screenplay if the stage wrote it."""
        step = self.steps.pop(stage.task_id, None)
        if step is None:
            return
        if stage.error:
            step.is_error = True
            step.output = f"Failed: {public_reason(stage.error, self.folder)}"
        elif stage.waiting:
            step.output = "Waiting for your answer."
        else:
            step.output = summarize_output(stage.result)
        await step.update()
        await self.post_screenplay()

    async def on_artefact(self, artefact: Artefact) -> None:
        """Show scene previews now; hold the screenplay files and the film's files.

        Screenplay files wait for their stage to end, film files for the turn to end, so
        the film, its cover and the downloads arrive as one message.
        """
        path = checked_artefact(artefact.path, self.folder)
        kind = artefact.kind
        if path is None:
            return
        if kind == "scene":
            number = artefact.scene
            self.progress.mark_done(f"scene {number}")
            label = render.bilingual(self.language, f"Scene {number} preview", f"第{number}场预览")
            await cl.Message(
                content=label,
                elements=[render.video_element(path, f"scene-{number}.mp4", size="small")],
            ).send()
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
        screenplay = render.load_screenplay(found["screenplay"]) if "screenplay" in found else None
        text = (
            render.screenplay_markdown(screenplay)
            if screenplay
            else render.bilingual(self.language, "Screenplay files", "剧本文件")
        )
        files = [
            render.file_element(found[k], f"screenplay.{k}")
            for k in ("fountain", "pdf")
            if k in found
        ]
        await cl.Message(content=text, elements=files).send()  # type: ignore[arg-type]

    async def post_delivery(self) -> None:
        """The film inline (9:16) with its downloads, then the cover on its own.

        Chainlit lays out a message's images before its videos, so the cover gets its own
        message to keep the film first.
        """
        found = {k: self.pending.pop(k) for k in DELIVERY_KINDS if k in self.pending}
        files = [
            render.file_element(found[kind], fallback)
            for kind, fallback in (("bundle", "bundle.zip"), ("srt", "subtitles.srt"))
            if kind in found
        ]
        if "film" in found:
            text = render.bilingual(self.language, "**Your micro film**", "**你的微电影**")
            await cl.Message(
                content=text, elements=[render.video_element(found["film"], "film.mp4"), *files]
            ).send()
            files = []
        if "cover" in found or files:
            text = render.bilingual(self.language, "Cover and downloads", "封面和下载")
            covers = [render.image_element(found["cover"], "cover.png")] if "cover" in found else []
            await cl.Message(content=text, elements=[*covers, *files]).send()
