"""An accepted outline's beat that leaves the idea is asked for again inside it.

Recorded (craft bench, The Last Bus Home, 2026-12-03): two beats of six had the bus driver
and his granddaughter eating dinner at home in front of the TV.
"""

from __future__ import annotations

from typing import Any

import pytest

from agent.drafting import focus
from agent.drafting.schemas import BeatDraft, OutlineDraft
from film.quality import Finding

IDEA = (
    "A retired bus driver rides his old route one last time with his granddaughter, who has "
    "never seen the city through his eyes."
)
STATE: Any = {
    "idea": IDEA,
    "language": "en",
    "target_seconds": 60,
    "draft": {"characters": [{"name": "James"}, {"name": "Emma"}]},
}


def _beat(place: str, summary: str) -> BeatDraft:
    return BeatDraft(
        place=place, interior="INT", time_of_day="DAY", summary=summary, characters=["James"]
    )


OUTLINE = [
    _beat("Bus", "James drives the old route one last time, Emma beside him."),
    _beat("Home", "James and Emma eat dinner in front of the TV."),
    _beat("Bus", "Emma sees the city through his eyes as the bus crosses the bridge."),
]


def _scripted(monkeypatch: pytest.MonkeyPatch, answers: list[BeatDraft]) -> list[str]:
    asked: list[str] = []

    async def ask_one_beat(runtime: Any, language: str, prompt: str) -> BeatDraft:
        asked.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(focus, "ask_one_beat", ask_one_beat)
    return asked


def _passes(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
    return outline.beats, []


async def test_the_dinner_beat_is_told_again_on_the_route(monkeypatch: pytest.MonkeyPatch) -> None:
    on_route = _beat("Bus", "James points out the bakery where he met Emma's grandmother.")
    asked = _scripted(monkeypatch, [on_route])
    beats = await focus.beats_on_idea(None, STATE, OUTLINE, _passes, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == [OUTLINE[0], on_route, OUTLINE[2]]
    assert "Beat 2 of this outline leaves the idea" in asked[0] and IDEA in asked[0]
    assert "(retired, bus, rides, route, city, eyes)" in asked[0]


async def test_an_answer_still_off_the_idea_or_refused_keeps_the_outline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    still_home = _beat("Home", "James and Emma wash the dishes together.")
    asked = _scripted(monkeypatch, [still_home, still_home])
    beats = await focus.beats_on_idea(None, STATE, OUTLINE, _passes, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == OUTLINE and len(asked) == focus.TRIES

    on_route = _beat("Bus", "James points out the bakery where he met Emma's grandmother.")
    _scripted(monkeypatch, [on_route])
    blocking = Finding("debris.json", "beats[1].summary", "{", "No JSON.")

    def refuses(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        return outline.beats, [blocking]

    beats = await focus.beats_on_idea(None, STATE, OUTLINE, refuses, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == OUTLINE


async def test_beats_still_off_the_idea_are_dropped_while_enough_remain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Recorded (craft bench, the bus, 2026-12-04 20:49): beats 2 and 4 of six sat the
    granddaughter in front of the TV, every answer asked again stayed at home, and the film
    spent half its scenes on the sofa."""
    sofa = _beat("Home", "Emma watches TV on the sofa while James naps.")
    long = [
        OUTLINE[0],
        OUTLINE[1],
        _beat("Bus", "James slows at the market where he first drove the night shift."),
        sofa,
        OUTLINE[2],
    ]
    _scripted(monkeypatch, [sofa] * (2 * focus.TRIES))
    beats = await focus.beats_on_idea(None, STATE, long, _passes, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == [long[0], long[2], long[4]]

    blocking = Finding("debris.json", "beats[1].summary", "{", "No JSON.")

    def refuses_short(outline: OutlineDraft) -> tuple[list[BeatDraft], list[Finding]]:
        return outline.beats, [blocking] if len(outline.beats) < 5 else []

    _scripted(monkeypatch, [sofa] * (2 * focus.TRIES))
    beats = await focus.beats_on_idea(None, STATE, long, refuses_short, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == long


async def test_an_outline_inside_the_idea_asks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _scripted(monkeypatch, [])
    inside = [OUTLINE[0], OUTLINE[2]]
    assert await focus.beats_on_idea(None, STATE, inside, _passes, ["James"]) == inside  # type: ignore[arg-type]
    assert asked == []


async def test_a_new_beat_held_whole_in_another_is_no_better(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Recorded (craft bench, the scooter, 2026-12-03): beat 2 asked again came back as
    beat 1 in fewer words."""
    retold = _beat("Bus", "James drives the old route, Emma beside him.")
    on_route = _beat("Bus", "James points out the bakery where he met Emma's grandmother.")
    _scripted(monkeypatch, [retold, on_route])
    beats = await focus.beats_on_idea(None, STATE, OUTLINE, _passes, ["James", "Emma"])  # type: ignore[arg-type]
    assert beats == [OUTLINE[0], on_route, OUTLINE[2]]


def test_every_part_of_the_plan_given_back_as_a_line_is_struck() -> None:
    """Recorded (craft bench, 2026-12-04): the nurse's action and visual note were "It seems
    lost." and the baker said "What has changed, in a last image."; each plan part the
    outline prompt names, in either language, reads as the prompt given back."""
    from agent.prompts.plan import ARC_ROLES, BEAT_ROLES
    from film.quality.debris import echoes_prompt

    for part in BEAT_ROLES.values():
        for text in part.values():
            assert echoes_prompt(text), text
            assert echoes_prompt(text[:1].upper() + text[1:] + "."), text
    for key in ("turn", "ending", "payoff", "goal", "event", "build", "won"):
        for text in ARC_ROLES[key].values():
            said = text.format(turn="she finds the key", goal="the key", who="father")
            assert echoes_prompt(said), said
    assert echoes_prompt("What are we doing? It seems lost. I'm going to find Alex.")
    # A story's own words stay.
    assert not echoes_prompt("The kitten looks lost in the snow.")
    assert not echoes_prompt("At the decisive moment, she jumps.")
    assert not echoes_prompt("第一次尝试，他没有成功，又试了一次。")
