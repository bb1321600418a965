"""The micro film form: runtime estimates and the validity checks."""

from __future__ import annotations

import pytest

from film.form import (
    ACTION_LINE_S,
    LINE_PAUSE_S,
    MIN_SCENE_S,
    TITLE_CARD_S,
    estimate_runtime,
    estimate_scene_seconds,
    speech_seconds,
    validate_form,
    with_estimates,
)
from film.screenplay import CharacterProfile, DialogueLine, Scene, Screenplay


def film(scenes: list[Scene], **fields: object) -> Screenplay:
    base: dict[str, object] = {
        "title": "T",
        "logline": "A logline.",
        "genre": "touching-family",
        "characters": [CharacterProfile(name="Mia")],
        "scenes": scenes,
    }
    return Screenplay.model_validate({**base, **fields})


def test_speech_rates() -> None:
    assert speech_seconds("one two three four five") == pytest.approx(2.0)
    assert speech_seconds("奶奶包饺子") == pytest.approx(5 / 4.5)
    assert speech_seconds("Hello 你好") == pytest.approx(1 / 2.5 + 2 / 4.5)
    assert speech_seconds("") == 0


def test_scene_estimate() -> None:
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["a", "b"],
        dialogue=[DialogueLine(speaker="Mia", text="one two three four five")],
    )
    assert estimate_scene_seconds(scene) == pytest.approx(2 * ACTION_LINE_S + 2.0 + LINE_PAUSE_S)
    assert estimate_scene_seconds(Scene(number=1, place="Void")) == MIN_SCENE_S


def test_runtime_and_estimates() -> None:
    scenes = [
        Scene(number=7, place="A", action=["x"] * 4),
        Scene(number=9, place="B", action=["y"] * 2),
    ]
    screenplay = film(scenes)
    assert estimate_runtime(screenplay) == TITLE_CARD_S + 15.0
    assert estimate_runtime(screenplay, title_card=False) == 15.0
    estimated = with_estimates(screenplay)
    assert [s.number for s in estimated.scenes] == [1, 2]
    assert [s.duration_s for s in estimated.scenes] == [10.0, 5.0]
    assert screenplay.scenes[0].number == 7  # a copy, not an edit


def test_a_valid_micro_film_has_no_issues() -> None:
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["Steam."],
        dialogue=[DialogueLine(speaker="mia", text="Hi.")],
    )
    assert validate_form(film([scene])) == []
    assert validate_form(film([scene]), size=(720, 1280)) == []


def test_each_broken_rule_has_its_own_message() -> None:
    long_scene = Scene(
        number=1,
        place="Kitchen",
        action=["beat"] * 12,
        dialogue=[DialogueLine(speaker="Leo", text="word " * 80)] * 30,
    )
    screenplay = film([long_scene] * 3)
    codes = {issue.code: issue.message for issue in validate_form(screenplay)}
    assert set(codes) == {"too-long", "unknown-speaker"}
    assert "over the 600 s cap" in codes["too-long"] and "Leo" in codes["unknown-speaker"]
    assert {i.code for i in validate_form(film([]), size=(1920, 1080))} == {
        "not-vertical",
        "no-plot",
        "no-time",
    }
    empty = Scene(number=1, place=" ")
    codes_empty = {i.code for i in validate_form(film([empty], characters=[], theme=""))}
    assert codes_empty == {"no-plot", "no-characters", "no-place"}
    assert str(validate_form(film([]))[0]).startswith("The screenplay has no scenes")
