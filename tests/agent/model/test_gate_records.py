"""The gate's observer hook: what each gated stage answer went through, for the craft bench."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import BaseModel

import agent.model.gate as gate
from agent.model.gate import GateFailure, GateRecord, ask_checked, recording_gate
from film.quality import Finding


class Draft(BaseModel):
    text: str


def _scripted(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
    queue = iter(answers)

    async def ask_model(*_args: Any, **_kwargs: Any) -> Draft:
        return Draft(text=next(queue))

    monkeypatch.setattr(gate, "ask_model", ask_model)


def _check(draft: Draft) -> tuple[str, list[Finding]]:
    bad = "{" in draft.text
    return draft.text, [Finding("debris.template", "title", draft.text, "No braces.")] * bad


async def _ask(stage: Any = "logline") -> str:
    checked = await ask_checked(
        None,  # type: ignore[arg-type]  # ask_model is replaced; no runtime is read
        Draft,
        [],
        check=_check,
        stage=stage,
        language="en",
        retries=1,
    )
    return checked.result


async def test_each_gated_answer_is_recorded_inside_the_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _scripted(monkeypatch, ["{0.first}", "fine", "clean", "{x}", "{y}"])
    with recording_gate() as records:
        assert await _ask("logline") == "fine"
        assert await _ask("characters") == "clean"
        with pytest.raises(GateFailure):
            await _ask("scenes")
    assert records == [
        GateRecord("logline", ("debris.template",), 2, True),
        GateRecord("characters", (), 1, True),
        GateRecord("scenes", ("debris.template",), 2, False),
    ]


async def test_nothing_is_kept_outside_the_block_or_across_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _scripted(monkeypatch, ["fine", "fine", "fine"])
    await _ask()  # no block: nothing to record into, nothing raised
    with recording_gate() as outer:
        with recording_gate() as inner:
            await asyncio.create_task(_ask())  # a task copies the context: same list
        await _ask()
    assert len(inner) == 1 and len(outer) == 1
