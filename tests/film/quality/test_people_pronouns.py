"""Action and visual notes call a scene's people by their own sex."""

from __future__ import annotations

from film.quality.people.pronouns import own_pronouns
from film.screenplay import Scene

BIBLE = [("Ana", "Grandfather"), ("Sam", "Granddaughter")]


def test_the_recorded_grandfather_is_no_longer_she() -> None:
    # Recorded (City Route Return, craft bench 2026-12-01): the grandfather cast as Ana.
    scene = Scene(
        number=1,
        place="Ana's home",
        characters=["Ana"],
        action=[
            "Ana is sitting in her living room, looking out the window at her old hometown.",
            "She notices that she hasn't seen the city since she moved here.",
            "A photo of his late wife sits on the shelf; she smiles in it.",
        ],
        visual="Ana in her armchair by the window.",
    )
    mended = own_pronouns(scene, BIBLE)
    assert mended.action == [
        "Ana is sitting in his living room, looking out the window at his old hometown.",
        "He notices that he hasn't seen the city since he moved here.",
        "A photo of his late wife sits on the shelf; she smiles in it.",  # someone else
    ]
    assert mended.visual == "Ana in his armchair by the window."


def test_a_scene_of_both_sexes_or_unknown_people_is_left_alone() -> None:
    both = Scene(number=2, place="Bus", characters=["Ana", "Sam"], action=["She waves."])
    assert own_pronouns(both, BIBLE) == both
    stranger = Scene(number=3, place="Bus", characters=["Kim"], action=["She waves."])
    assert own_pronouns(stranger, [("Kim", "passenger")]) == stranger


def test_chinese_pronouns_follow_the_grandmother() -> None:
    scene = Scene(
        number=1, place="厨房", characters=["奶奶"], action=["奶奶坐在桌边，他慢慢包着饺子。"]
    )
    mended = own_pronouns(scene, [("奶奶", "奶奶"), ("小明", "孙子")])
    assert mended.action == ["奶奶坐在桌边，她慢慢包着饺子。"]
