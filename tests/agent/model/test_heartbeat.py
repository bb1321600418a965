"""A stage pulses while the model writes, with counts only and in the user's language."""

from __future__ import annotations

import asyncio
import time
from typing import Any, TypedDict

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.graph import END, START, StateGraph

from agent.events import quiet_tokens
from agent.model import heartbeat as heartbeat_module
from agent.model.heartbeat import TokenPulse, heartbeat


def test_the_pulse_reports_at_most_once_per_interval() -> None:
    now = [0.0]
    reports: list[tuple[float, int]] = []
    pulse = TokenPulse(lambda s, n: reports.append((s, n)), interval=5.0, clock=lambda: now[0])
    for second in range(12):
        now[0] = float(second)
        pulse.on_llm_new_token("tok")
    assert reports == [(5.0, 6), (10.0, 11)]


class _State(TypedDict, total=False):
    answer: str


async def _run(language: str) -> tuple[list[dict[str, Any]], list[Any]]:
    secret = '{"title": "The Last Dumpling", "logline": "draft text nobody has judged"}'
    model = GenericFakeChatModel(messages=iter([AIMessage(secret)]))

    async def node(state: _State) -> _State:
        with heartbeat("characters", language), quiet_tokens():
            reply = await model.ainvoke([HumanMessage("write")])
        return {"answer": str(reply.content)}

    graph = StateGraph(_State).add_node("stage", node)
    graph.add_edge(START, "stage")
    graph.add_edge("stage", END)
    custom: list[dict[str, Any]] = []
    tokens: list[Any] = []
    async for mode, chunk in graph.compile().astream({}, stream_mode=["custom", "messages"]):
        (custom if mode == "custom" else tokens).append(chunk)
    return custom, tokens


async def test_a_stage_pulses_counts_but_never_the_unjudged_text(monkeypatch) -> None:
    monkeypatch.setattr(heartbeat_module, "PULSE_S", 0.0)
    custom, tokens = await _run("en")
    pulses = [e for e in custom if e.get("type") == "progress"]
    assert pulses and all(e["stage"] == "characters" for e in pulses)
    assert pulses[-1]["message"].startswith("still building the character bible:")
    assert "tokens written" in pulses[-1]["message"]
    shown = " ".join(e["message"] for e in pulses) + " ".join(str(t) for t in tokens)
    assert "Dumpling" not in shown and "judged" not in shown


async def test_a_chinese_stage_pulses_in_chinese(monkeypatch) -> None:
    monkeypatch.setattr(heartbeat_module, "PULSE_S", 0.0)
    custom, _tokens = await _run("zh")
    message = [e for e in custom if e.get("type") == "progress"][-1]["message"]
    assert message.startswith("仍在写人物小传") and "词元" in message


async def test_the_clock_pulses_while_the_model_still_reads(monkeypatch) -> None:
    # No token for a while (prompt processing): the stage must still show it is alive.
    monkeypatch.setattr(heartbeat_module, "PULSE_S", 0.05)
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(heartbeat_module, "current_writer", lambda: seen.append)
    with heartbeat("outline", "en") as pulse:
        await asyncio.sleep(0.3)
    assert pulse.tokens == 0 and len(seen) >= 2
    assert seen[0]["message"].startswith("still outlining the beats:")
    assert seen[0]["stage"] == "outline" and "reading the story so far" in seen[0]["message"]
    count = len(seen)
    await asyncio.sleep(0.15)
    assert len(seen) == count  # the clock stops with the stage


async def test_a_token_pulse_just_before_a_pause_keeps_the_clock_on_time(monkeypatch) -> None:
    # Tokens stop right after a token pulse (the next model call reads its prompt): the
    # clock must pulse one interval after that pulse, not up to two (the bench measured
    # 12 s silences with 6 s pulses).
    interval = 0.3
    monkeypatch.setattr(heartbeat_module, "PULSE_S", interval)
    stamps: list[float] = []
    monkeypatch.setattr(
        heartbeat_module, "current_writer", lambda: lambda _event: stamps.append(time.monotonic())
    )
    with heartbeat("outline", "en") as pulse:
        await asyncio.sleep(1.25 * interval)  # the clock pulsed once, at one interval
        pulse.last = pulse.clock()  # then a token pulse, a quarter interval later
        stamps.append(time.monotonic())
        await asyncio.sleep(1.5 * interval)
    assert len(stamps) >= 3
    assert stamps[2] - stamps[1] < 1.4 * interval  # a fixed tick would wait 1.75 intervals


async def test_the_pulse_keeps_its_rhythm_across_the_calls_of_one_stage(monkeypatch) -> None:
    # A stage asks the model several times, each call in its own block. The first pulse of
    # the next call comes one interval after the last pulse of the one before, not after
    # the new call started (the bench measured 7-8 s silences with 4 s pulses).
    interval = 0.3
    monkeypatch.setattr(heartbeat_module, "PULSE_S", interval)
    stamps: list[float] = []
    sink = lambda _event: stamps.append(time.monotonic())  # noqa: E731 - one writer for both
    monkeypatch.setattr(heartbeat_module, "current_writer", lambda: sink)
    with heartbeat("scenes", "en"):
        await asyncio.sleep(1.9 * interval)  # pulsed at one interval, then the call ended
    with heartbeat("scenes", "en"):
        await asyncio.sleep(1.5 * interval)
    assert len(stamps) >= 2
    assert stamps[1] - stamps[0] < 1.4 * interval  # a fresh rhythm would wait two intervals
