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


async def test_a_fresh_round_starts_the_stage_again_after_the_retries_fail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Retries that stay on one bad path end in a refusal; a fresh round samples another."""
    asked: list[list[Any]] = []

    async def ask_model(_runtime: Any, _schema: Any, conversation: Any, **_kw: Any) -> Draft:
        asked.append(list(conversation))
        return Draft(text=["{a}", "{b}", "good", "never asked"][len(asked) - 1])

    monkeypatch.setattr(gate, "ask_model", ask_model)
    with recording_gate() as records:
        checked = await ask_checked(
            None,  # type: ignore[arg-type]  # ask_model is replaced; no runtime is read
            Draft,
            [],
            check=_check,
            stage="scenes",
            language="en",
            retries=1,
            fresh_round=True,
        )
    assert checked.result == "good"
    # The fresh round asks the plain prompt again, with no retry note from the first.
    assert asked[2] == asked[0] == []
    assert records == [GateRecord("scenes", ("debris.template",), 3, True)]


async def test_a_fresh_round_that_fails_too_is_refused_with_the_better_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _scripted(monkeypatch, ["{a} {b}", "{c}", "{d}", "{e}"])

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        finding = Finding("debris.template", "title", draft.text, "No braces.")
        return draft.text, [finding] * draft.text.count("{")

    with pytest.raises(GateFailure) as refused:
        await ask_checked(
            None,  # type: ignore[arg-type]  # ask_model is replaced; no runtime is read
            Draft,
            [],
            check=check,
            stage="scenes",
            language="en",
            retries=1,
            fresh_round=True,
        )
    assert refused.value.best == "{c}"
