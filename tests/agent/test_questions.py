"""Craft questions are answered from the real guideline index, with the sources cited."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import ScriptedChatModel, Studio

from agent.intake.questions import is_craft_question


@pytest.mark.parametrize(
    "text",
    [
        "What makes a good ancient-style ending?",
        "how long should the hook of a vertical film be",
        "古风微电影的结尾怎么写？",
    ],
)
def test_questions_about_the_craft_are_recognised(text: str) -> None:
    assert is_craft_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "What if a cat became the mayor of a small town?",
        "A grandmother teaches her grandson to make dumplings",
        "make scene 3 funnier",
        "如果外卖员捡到一只会说话的猫",
    ],
)
def test_ideas_and_edits_are_not_questions(text: str) -> None:
    assert not is_craft_question(text)


async def test_the_model_picks_the_lookup_and_the_answer_cites_the_guideline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = ScriptedChatModel(
        script={
            "micro_film_guidelines": [{"question": "ancient style ending", "genre": "古风"}],
            "unknown": ["Close on an image that echoes the opening vow [1]."],
        }
    )
    studio = Studio(monkeypatch, tmp_path, model=model)
    result = await studio.say("What makes a good ancient-style ending?")
    assert model.calls[0] == "micro_film_guidelines", "the model chose the tool's arguments"
    reply = result.messages[-1].content
    assert reply.startswith("Close on an image that echoes the opening vow [1].")
    assert "Sources" in reply and "genre-ancient-style.md ›" in reply
    [sources] = [e for e in result.events if e.get("type") == "sources"]
    assert sources["passages"] and sources["passages"][0]["source"] == "genre-ancient-style.md"
    assert not (await studio.values()).get("project"), "a question starts no project"


async def test_a_chinese_question_gets_chinese_sources_label_even_if_the_model_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = ScriptedChatModel(every_call=TimeoutError("model down"))
    studio = Studio(monkeypatch, tmp_path, model=model)
    result = await studio.say("古风微电影的结尾怎么写？")
    reply = result.messages[-1].content
    assert "来源" in reply and ".md ›" in reply  # quotes the best passage instead of failing
    assert len(reply.split("来源")[0].strip()) > 20
