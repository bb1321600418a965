"""The one model call path: timeouts, garbage and missing models become one ModelFailure."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import BaseModel

from agent.context import Context
from agent.model import ask, structured
from agent.model.ask import ModelFailure, friendly_failure, is_transient, structured_answer


class Answer(BaseModel):
    text: str


async def test_a_slow_model_is_a_timed_out_transient_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def slow(*_args: Any, **_kwargs: Any) -> Answer:
        await asyncio.sleep(5)
        return Answer(text="late")

    monkeypatch.setattr(structured, "ainvoke_structured", slow)
    monkeypatch.setenv("MICROFILM_MODEL_TIMEOUT_S", "0.05")
    with pytest.raises(ModelFailure) as caught:
        await structured_answer(object(), Answer, [])
    failure = caught.value
    assert failure.timed_out and failure.transient and is_transient(failure)
    assert failure.detail == "no answer in time"
    assert "took too long" in friendly_failure(failure, "scenes", "en")


async def test_garbage_is_final_and_a_studio_bug_is_not_a_model_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def garbage(*_args: Any, **_kwargs: Any) -> Answer:
        raise structured.StructuredOutputError("Answer", 3, "not JSON", "{")

    monkeypatch.setattr(structured, "ainvoke_structured", garbage)
    with pytest.raises(ModelFailure) as caught:
        await structured_answer(object(), Answer, [])
    assert caught.value.garbled and not caught.value.transient
    assert "didn't make sense" in friendly_failure(caught.value, "scenes", "en")

    async def bug(*_args: Any, **_kwargs: Any) -> Answer:
        raise KeyError("studio bug")

    monkeypatch.setattr(structured, "ainvoke_structured", bug)
    with pytest.raises(KeyError):
        await structured_answer(object(), Answer, [])


def test_a_missing_model_is_a_final_failure_with_its_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(_context: Any = None) -> Any:
        raise FileNotFoundError("no weights in models/\nsecond line")

    monkeypatch.setattr(ask.providers, "load_chat_model", missing)
    with pytest.raises(ModelFailure) as caught:
        ask.load_model(Context())
    assert caught.value.detail == "no weights in models/" and not caught.value.transient
    assert "no weights in models/" in friendly_failure(caught.value, "logline", "en")
