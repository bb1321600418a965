"""The drafting stages' exact fixes, length plan, shared prompt prefix and gate loop."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel

from agent.drafting.brief import facts_for, user_genre
from agent.model.gate import answer_checked
from agent.prompts import stage_prompt
from film.form import (
    ACTION_LINE_S,
    LINE_S,
    TITLE_CARD_S,
    FormIssue,
    line_counts,
    scene_budget_s,
    scene_count_for,
)
from film.places import clean_place
from film.quality import Finding
from film.quality.runtime import within
from film.repair import add_missing_speakers, deterministic_repair
from film.screenplay import DialogueLine, Genre, Scene, Screenplay


@pytest.mark.parametrize(
    ("place", "fixed"),
    [
        ("INT. BUS STOP - DAY - DAY", "BUS STOP"),
        ("Bus stop - DAY", "Bus stop"),
        ("EXT. Park, evening", "Park"),
        ("厨房（夜）", "厨房"),
        ("Night bus", "Night bus"),  # a real place that contains a time word stays
        ("Park at night", "Park"),
        ("NIGHT", "NIGHT"),  # not a place at all: left for the gate to send back
        ("Liam", "Home"),
    ],
)
def test_places_get_their_exact_fixes(place: str, fixed: str) -> None:
    assert clean_place(place, ["Liam"]) == fixed
    assert clean_place("Liam", ["Liam"], "zh") == "家"


@pytest.mark.parametrize("target", [20, 30, 60, 120, 300, 600])
def test_the_plan_for_a_request_adds_up_to_it(target: float) -> None:
    count = scene_count_for(target)
    actions, lines = line_counts(scene_budget_s(target, count))
    planned = count * (actions * ACTION_LINE_S + lines * LINE_S) + TITLE_CARD_S
    assert within(planned, target), planned


def _film(language: str) -> Screenplay:
    scene = Scene(number=1, place="x", dialogue=[DialogueLine(speaker="阿强", text="你好。")])
    if language == "zh":
        scene = scene.model_copy(update={"place": "便利店"})
    return Screenplay(
        title="t", logline="l", genre=Genre.TOUCHING_FAMILY, language=language, scenes=[scene]
    )  # type: ignore[arg-type]


def test_repairs_write_in_the_films_language_and_give_everyone_a_look() -> None:
    repaired, added = add_missing_speakers(_film("zh"))
    person = repaired.characters[0]
    assert added == ["阿强"] and person.role == "在便利店遇见的人"
    assert person.look and person.wardrobe and "Speaks" not in person.role
    issues = [FormIssue("no-place", ""), FormIssue("no-characters", "")]
    empty = _film("zh").model_copy(update={"scenes": [Scene(number=1, place=" ")]})
    fixed, _ = deterministic_repair(empty, issues, limit_s=600)
    assert fixed.scenes[0].place == "街道" and fixed.characters[0].name == "旁白"


def test_the_genre_the_user_named_is_not_the_recommended_one() -> None:
    asked = {"idea": "a touching family film", "genre": "youth-romance", "draft": {}}
    assert user_genre(asked) is Genre.YOUTH_ROMANCE  # picked at the question: the user's
    pitched = {**asked, "one_prompt": True, "draft": {"pitches": {}}}
    assert user_genre(pitched) is Genre.TOUCHING_FAMILY  # the idea named it
    assert user_genre({**pitched, "idea": "a dog"}) is None  # the studio chose


def test_every_stage_starts_with_the_earlier_stages_facts() -> None:
    state: dict[str, Any] = {
        "idea": "a fox",
        "language": "en",
        "genre": "touching-family",
        "target_seconds": 60,
        "draft": {
            "logline": {"title": "T", "logline": "L", "theme": "th", "setting_time": "now"},
            "characters": [{"name": "Fox", "role": "lead", "look": "red", "wardrobe": "fur"}],
            "beats": [{"place": "Den", "summary": "The fox wakes."}],
        },
    }
    stages = ["logline", "characters", "outline", "scenes"]
    facts = [facts_for(state, stage) for stage in stages]  # type: ignore[arg-type]
    for earlier, later in zip(facts, facts[1:], strict=False):
        assert later.startswith(earlier)
    assert "Outline:\n1. INT. DEN - DAY: The fox wakes." in facts[-1]


class Draft(BaseModel):
    text: str


async def test_the_gate_loop_names_the_failure_and_keeps_the_best_answer() -> None:
    answers = iter(["{0.first}", "still {bad}", "fine"])
    seen: list[list[BaseMessage]] = []

    async def ask(conversation: list[BaseMessage]) -> Draft:
        seen.append(conversation)
        return Draft(text=next(answers))

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        bad = "{" in draft.text
        return draft.text, [Finding("debris.template", "title", draft.text, "No braces.")] * bad

    checked = await answer_checked(ask, [HumanMessage("write")], check, reminder="In English.")
    assert checked.result == "fine" and checked.findings == [] and checked.attempts == 3
    assert checked.fired == ["debris.template"]
    retry = seen[1]
    # A fresh ask: the prompt, then the note; the rejected answer is never shown again
    # (a small model copies it back), and the prompt prefix stays the same for the cache.
    assert len(retry) == 1 and not any(isinstance(m, AIMessage) for m in seen[2])
    assert str(retry[0].content).startswith("write\n\n")
    assert "No braces." in str(retry[0].content) and "In English." in str(retry[0].content)
    assert "still {bad}" not in str(seen[2][0].content)


async def test_a_retry_after_a_copied_example_goes_without_the_guidance() -> None:
    prompt = stage_prompt(
        "logline", "en", "Idea: a rider", "- Spoof: a rider receives a quest scroll"
    )
    seen: list[list[BaseMessage]] = []
    answers = iter(["A rider receives a quest scroll", "A rider and his singing scooter"])

    async def ask(conversation: list[BaseMessage]) -> Draft:
        seen.append(conversation)
        return Draft(text=next(answers))

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        copied = "quest scroll" in draft.text
        return draft.text, [Finding("copying.guideline", "logline", draft.text, "Copied.")] * copied

    checked = await answer_checked(ask, [HumanMessage(prompt)], check)
    assert checked.result == "A rider and his singing scooter"
    assert "quest scroll" in str(seen[0][0].content) and "<<<" in str(seen[0][0].content)
    retry = str(seen[1][0].content)
    assert "quest scroll" not in retry and "<<<" not in retry and "Guidance" not in retry
    assert retry.startswith("Idea: a rider") and "Copied." in retry
    assert "Example answer" in str(seen[0][0].content) and "Example answer" not in retry


@pytest.mark.parametrize(
    "check_id", ["copying.logline-is-idea", "arc.turn-pasted", "coverage.logline-step"]
)
async def test_an_ask_once_finding_earns_one_retry_only(check_id: str) -> None:
    """The pasted logline or turn: one more answer, then the gate stops asking about it."""
    seen: list[list[BaseMessage]] = []

    async def ask(conversation: list[BaseMessage]) -> Draft:
        seen.append(conversation)
        return Draft(text="the idea, pasted")

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        return draft.text, [Finding(check_id, "logline", draft.text, "Retell it.")]

    checked = await answer_checked(ask, [HumanMessage("write")], check)
    assert len(seen) == 2 and "Retell it." in str(seen[1][0].content)
    assert checked.findings == [] and checked.fired == [check_id] and checked.attempts == 2


async def test_an_ask_once_finding_on_a_retry_is_still_asked_about_once() -> None:
    """Recorded (microfilm draft, the scooter, 2026-12-04 22:03): the first logline copied
    a guide and was asked again; the second dropped the karaoke, and nobody asked."""
    answers = iter(["quest scroll", "haunted town", "karaoke at red lights"])
    seen: list[list[BaseMessage]] = []

    async def ask(conversation: list[BaseMessage]) -> Draft:
        seen.append(conversation)
        return Draft(text=next(answers))

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        if draft.text == "quest scroll":
            return draft.text, [Finding("copying.guideline", "logline", draft.text, "Copied.")]
        dropped = "karaoke" not in draft.text
        return draft.text, [Finding("coverage.logline-step", "logline", "", "Karaoke?")] * dropped

    checked = await answer_checked(ask, [HumanMessage("write")], check)
    assert checked.result == "karaoke at red lights" and len(seen) == 3
    assert "Karaoke?" in str(seen[2][0].content)


async def test_a_borrowed_wardrobe_is_asked_again_but_not_refused() -> None:
    """Three courtiers in one robe earn the retries; after them the bible is kept."""
    asked: list[int] = []

    async def ask(conversation: list[BaseMessage]) -> Draft:
        asked.append(len(conversation))
        return Draft(text="robes")

    def check(draft: Draft) -> tuple[str, list[Finding]]:
        copied = Finding("repetition.character", "characters[1].wardrobe", "robes", "Dress B.")
        return draft.text, [copied]

    checked = await answer_checked(ask, [HumanMessage("write")], check)
    assert len(asked) == 3 and checked.findings and checked.blocking == []


def test_places_lose_a_time_of_day_and_the_same() -> None:
    assert clean_place("A city in the evening", []) == "City"  # a heading has no article
    assert clean_place("The same city in the evening", []) == "city"
    assert clean_place("Park at night", []) == "Park"  # the heading says NIGHT


def test_the_ideas_length_is_a_fact_of_its_own_not_part_of_the_idea() -> None:
    """Recorded: the logline read "…teaches his granddaughter to ride a bike, 40 seconds"."""
    from agent.intake.intent import without_length
    from agent.prompts import prompt_idea

    idea = "A retired bus driver teaches his granddaughter to ride a bike, 40 seconds"
    assert prompt_idea(idea) == "A retired bus driver teaches his granddaughter to ride a bike"
    assert without_length("a 2-minute film about a grandma") == "a film about a grandma"
    assert without_length("一个两分钟的故事：外婆教外孙包饺子") == "故事：外婆教外孙包饺子"
    assert without_length("90 seconds") == "90 seconds"  # nothing left: kept as typed


def test_a_clause_that_only_names_the_genre_is_left_out_of_the_quoted_idea() -> None:
    """Recorded: a logline ended "……骑到了村口，一分钟，温情亲情"."""
    from agent.prompts import prompt_idea

    typed = "爷爷教孙女骑自行车，摔了好几次，最后她自己骑到了村口，一分钟，温情亲情"
    assert prompt_idea(typed) == "爷爷教孙女骑自行车，摔了好几次，最后她自己骑到了村口"
    assert prompt_idea("a family dinner goes wrong") == "a family dinner goes wrong"
    # Recorded (web app, 2026-12-02): the logline ended "…一步步教她，温情微电影".
    web = "外婆第一次学用手机和远方的孙女视频通话，孙女耐心地一步步教她，40秒温情微电影"
    assert prompt_idea(web) == "外婆第一次学用手机和远方的孙女视频通话，孙女耐心地一步步教她"
    kite = "A boy fixes a kite with his dad, a touching family film"
    assert prompt_idea(kite) == "A boy fixes a kite with his dad"
    assert prompt_idea("A boy makes a film") == "A boy makes a film"


def test_the_form_repairs_notes_are_said_in_the_films_language() -> None:
    """Recorded (web app, 2026-12-02): "展示前我修正了剧本：added 店员 to the character bible"."""
    from agent.drafting.stages import said_notes
    from film.repair import RepairNote

    _, notes = add_missing_speakers(_film("zh"))
    repaired, codes = deterministic_repair(
        _film("zh"), [FormIssue("unknown-speaker", "")], limit_s=600
    )
    assert [n.code for n in codes] == ["speakers_added"] and notes == ["阿强"]
    assert said_notes(codes, "zh") == ["把阿强加入了人物表"]
    assert said_notes(codes, "en") == ["added 阿强 to the character bible"]
    trimmed = said_notes([RepairNote("trimmed", {"count": "3", "seconds": "40"})], "zh")
    assert trimmed == ["删减了3处，控制在约40秒"]
