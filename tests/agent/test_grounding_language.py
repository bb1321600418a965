"""Grounding in the film's language: a Chinese film's prompts quote the Chinese guidelines.

A small model asked with English notes answers in English, so the guidance block of a
Chinese film's prompts must be Chinese too. The drafting stages pass the film's language
to every search; the searches here run on the real guidelines (the index is built offline
in a temporary data folder).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import ScriptedChatModel, Studio, default_answer
from guides_kit import guideline_home
from langgraph.types import Command

import knowledge
from agent.events import passage_dict
from agent.grounding import ground, notes_text
from film.language import has_cjk
from knowledge.search import search_guidelines

ZH_IDEA = "一个两分钟的故事：外婆教外孙包饺子，他明天就要出国了"
EN_IDEA = "a 2-minute film about a grandma teaching her grandson to make dumplings"
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with guideline_home(tmp_path_factory, "grounding-home") as folder:
        yield folder


def test_a_chinese_films_scene_notes_are_chinese(home: Path) -> None:
    query = f"{ZH_IDEA} scene dialogue subtext visual"
    passages = asyncio.run(ground(query, "touching-family", language="zh"))
    assert {p.source for p in passages} <= {"genre-touching-family.zh.md"} | {
        f"{topic}.zh.md"
        for topic in (
            "form-story-elements",
            "form-hooks",
            "form-endings",
            "form-duration-pacing",
            "form-vertical-framing",
            "generated-video",
            "subtitles",
        )
    }
    assert [p.genre for p in passages] == ["touching-family", "touching-family", "all"]
    notes = notes_text(passages, total=700)
    assert "- 台词风格：日常、含蓄。" in notes  # the heading without its English gloss
    assert not LATIN_WORD.search(notes), notes
    # The citations a Chinese user reads (progress lines, revision notes, the web app's
    # sources) carry no gloss either (2026-12-03: "台词风格 (Dialogue voice)").
    assert not any(LATIN_WORD.search(passage_dict(p)["heading"]) for p in passages)


def test_an_english_films_notes_stay_english(home: Path) -> None:
    query = f"{EN_IDEA} scene dialogue subtext visual"
    passages = asyncio.run(ground(query, "touching-family", language="en"))
    assert passages and {p.language for p in passages} == {"en"}
    lines = notes_text(passages).splitlines()
    # The heading without its Chinese gloss (2026-12-03: "Endings (结尾)" in English prompts).
    assert lines and all(re.match(r"- [A-Z][\w ,:-]*: ", line) for line in lines), lines
    assert not any(has_cjk(line.split(": ", 1)[0]) for line in lines)
    assert not any(has_cjk(passage_dict(p)["heading"]) for p in passages)


def test_no_guide_in_the_language_falls_back_to_any(home: Path) -> None:
    passages = asyncio.run(ground("场景标题怎么写", None, topic="screenplay-format", language="zh"))
    assert passages and {p.source for p in passages} == {"screenplay-fountain.md"}


def _recorder(schema: str, prompts: list[str]) -> Any:
    def answer(prompt: str) -> dict[str, Any]:
        prompts.append(prompt)
        return default_answer(schema, prompt)

    return answer


async def test_every_drafting_search_asks_in_the_films_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    chinese = Studio(monkeypatch, tmp_path / "zh")
    await chinese.say(ZH_IDEA)
    await chinese.say(Command(resume="touching-family"))
    assert len(chinese.languages) >= 6 + 4 * 2  # pitches per genre; four stages, two searches
    assert set(chinese.languages) == {"zh"}
    english = Studio(monkeypatch, tmp_path / "en")
    await english.say(EN_IDEA)
    await english.say(Command(resume="touching-family"))
    assert english.languages and set(english.languages) == {"en"}


async def test_a_chinese_films_scene_prompt_carries_chinese_guidance(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    prompts: list[str] = []
    model = ScriptedChatModel(script={"SceneDraft": [_recorder("SceneDraft", prompts)] * 12})
    studio = Studio(monkeypatch, tmp_path, model)
    monkeypatch.setenv("MICROFILM_HOME", str(home))  # the module's index, already built
    monkeypatch.setattr(knowledge, "search_guidelines", search_guidelines)
    await studio.say(ZH_IDEA)
    await studio.say(Command(resume="touching-family"))
    assert prompts
    first = prompts[0]
    assert "- 台词风格：" in first or "- 概述：" in first
    guidance = [line for line in first.splitlines() if re.match(r"- [\u4e00-\u9fff]+：", line)]
    assert guidance and not any(LATIN_WORD.search(line) for line in guidance), guidance
    for english in ("Dialogue voice", "Everyday and understated", "Overview:"):
        assert english not in first
