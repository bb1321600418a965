"""A stop during the sheet question's painting cancels the sheet tasks (no cluster needed).

The approval turn waits on the painting in a thread; cancelling the turn (the stop button,
Ctrl+C) must reach the painter's ``cancel`` (on a cluster: ``ray.cancel`` of every sheet task)
instead of leaving the tasks running.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

import agent.production.sheets as sheet_approval
from agent.context import Context
from tools.assembly.production import ProductionSettings
from tools.backends.base import RenderError

BACKEND = "openai-images"


class StuckPainter:
    """A cluster painter whose sheet tasks run until they are cancelled."""

    parallel = True
    price = 0.0

    def __init__(self) -> None:
        self.started = threading.Event()
        self.stopped = threading.Event()

    def identity(self) -> str:
        return "stuck"

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        self.started.set()
        assert self.stopped.wait(60), "the stop never reached the sheet tasks"
        raise RenderError("the character sheet was stopped")

    def cancel(self) -> None:
        self.stopped.set()


def test_a_stopped_approval_turn_cancels_the_sheet_tasks(english_screenplay, tmp_path, monkeypatch):
    monkeypatch.setenv("MICROFILM_CHARACTER_SHEETS", "on")
    painter = StuckPainter()
    monkeypatch.setattr(sheet_approval, "sheet_painter", lambda backend: painter)
    settings = ProductionSettings(backend=BACKEND, width=180, height=320, voice=False)
    production = {"project_dir": str(tmp_path), "language": "en", "settings": settings.model_dump()}

    async def stopped_while_painting() -> None:
        turn = asyncio.create_task(
            sheet_approval.approve_sheets({}, Context(), english_screenplay, production)
        )
        assert await asyncio.to_thread(painter.started.wait, 60)
        turn.cancel()
        with pytest.raises(asyncio.CancelledError):
            await turn

    asyncio.run(stopped_while_painting())
    assert painter.stopped.is_set()
