"""One way to run a turn: typed events, typed CLI choices, and one reading of each message."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import ScriptedChatModel, Studio
from langchain_core.messages import HumanMessage
from langgraph.types import Command

import agent.revision.node
from agent.events import (
    GenreQuestion,
    Progress,
    Reply,
    ReplyToken,
    Sources,
    StageEnded,
    StageStarted,
    TurnEnded,
)
from agent.session import pending_question, stream_turn
from agent.state import IdeaOptions, idea_message, idea_options
from film.screenplay import Genre, Project

IDEA = "a 2-minute film about a grandma teaching her grandson to make dumplings"


async def test_a_turn_streams_typed_events_and_ends_with_the_genre_question(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    studio = Studio(monkeypatch, tmp_path)
    events = [e async for e in stream_turn(studio.graph, studio.thread, IDEA, studio.context)]

    started = [e.name for e in events if isinstance(e, StageStarted)]
    assert started[:3] == ["guard_input", "intake", "pitch_genres"]
    ended = {e.name: e for e in events if isinstance(e, StageEnded)}
    assert ended["choose_genre"].waiting and ended["intake"].error is None
    assert ended["intake"].result["idea"] == IDEA
    replies = [e for e in events if isinstance(e, Reply)]
    assert "2 minutes" in replies[0].text and not any(r.failure for r in replies)
    assert any(isinstance(e, Progress) for e in events)
    assert any(isinstance(e, Sources) and e.passages for e in events)
    assert not any(isinstance(e, ReplyToken) for e in events), "structured calls stay quiet"
    question, end = events[-2:]
    assert isinstance(question, GenreQuestion) and isinstance(end, TurnEnded)
    assert [o["genre"] for o in question.options] == [g.value for g in Genre]
    assert end.error is None and end.values["idea"] == IDEA
    assert await pending_question(studio.graph, studio.thread) == question


async def test_typed_choices_are_read_from_the_message_not_its_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    studio = Studio(monkeypatch, tmp_path, ScriptedChatModel(every_call="nonsense"))
    choices = IdeaOptions(one_prompt=True, genre="grassroots-spoof", target_seconds=30)
    result = await studio.say({"messages": [idea_message("a cat", choices)]})
    values = result.values
    assert values["idea"] == "a cat" and values["messages"][0].content == "a cat"
    assert values["one_prompt"] is True and values["genre"] == "grassroots-spoof"
    assert values["target_seconds"] == 30
    assert values["turn"]["intent"] == "one_prompt", "two words alone would only get help"
    assert studio.model.calls[0] == "LoglineDraft", "a chosen genre needs no pitches"

    # The choices belong to their message: the next idea is read from its own words.
    again = await studio.say("a 1-minute film about a fox who wants to fly over the city")
    assert again.values["one_prompt"] is False and again.values["genre"] is None
    assert again.values["target_seconds"] == 60


def test_only_well_typed_choices_count() -> None:
    odd = HumanMessage(
        "a cat",
        additional_kwargs={
            "idea_options": {"one_prompt": "yes", "genre": 5, "target_seconds": True}
        },
    )
    assert idea_options(odd) == {}
    assert idea_options(HumanMessage("a cat")) == {}
    assert idea_options(idea_message("a cat", IdeaOptions(target_seconds=45))) == {
        "target_seconds": 45.0
    }


async def test_the_revision_node_reads_what_the_guard_parsed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    studio = Studio(monkeypatch, tmp_path)
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))

    def second_check(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the guard already checked this message")

    monkeypatch.setattr(agent.revision.node, "check_message", second_check)
    swapped = await studio.say("swap scenes 1 and 2")
    turn = swapped.values["turn"]
    assert turn["intent"] == "revise" and turn["revision"]["kind"] == "swap"
    assert list(turn["revision"]["scenes"]) == [1, 2]
    assert turn["message_id"] == swapped.values["messages"][-2].id
    assert swapped.messages[-1].content.startswith("Swapped scenes 1 and 2.")
    assert Project.model_validate(swapped.values["project"]).current == 2
