"""Shot planning: one action per shot, 2.5-8 s each, summing to the scene's length."""

from __future__ import annotations

import pytest

from film.form import estimate_scene_seconds
from film.screenplay import DialogueLine, Scene
from tools.assembly.shots import MAX_SHOT_S, MIN_SHOT_S, plan_shots


def _scene(**fields) -> Scene:
    scene = Scene(number=1, place="Kitchen", **fields)
    return scene.model_copy(update={"duration_s": estimate_scene_seconds(scene)})


def _check(shots, total: float) -> None:
    assert sum(s.duration_s for s in shots) == pytest.approx(total, abs=1e-6)
    assert [s.index for s in shots] == list(range(len(shots)))
    for shot in shots:
        assert MIN_SHOT_S - 1e-6 <= shot.duration_s <= MAX_SHOT_S + 1e-6, shot


def test_each_action_line_becomes_its_own_shot():
    scene = _scene(
        action=["Mia opens the fridge.", "Leo drops a plate.", "They laugh."],
        characters=["Mia", "Leo"],
    )
    shots = plan_shots(scene)
    assert [s.description for s in shots] == list(scene.action)
    _check(shots, scene.duration_s)
    assert shots[0].characters == ("Mia",) and shots[1].characters == ("Leo",)


def test_dialogue_goes_with_the_action_of_its_speaker_and_keeps_its_order():
    lines = [
        DialogueLine(speaker="Leo", text="Careful with that."),
        DialogueLine(speaker="Mia", text="Too late!"),
    ]
    scene = _scene(
        action=["Snow falls outside.", "Leo hands Mia a cup.", "Mia drops it."],
        dialogue=lines,
        characters=["Mia", "Leo"],
    )
    shots = plan_shots(scene)
    spoken = [line for shot in shots for line in shot.dialogue]
    assert spoken == lines
    assert shots[1].dialogue == (lines[0],) and shots[2].dialogue == (lines[1],)
    assert shots[0].dialogue == ()


def test_a_long_beat_is_split_into_shots_of_at_most_eight_seconds():
    speech = " ".join(["word"] * 60)  # 24 s of talk on one action
    scene = _scene(
        action=["Grandma tells the story."],
        dialogue=[DialogueLine(speaker="Grandma", text=speech)] * 2,
    )
    shots = plan_shots(scene)
    _check(shots, scene.duration_s)
    assert len(shots) >= 7
    # The later part is the same moment: its caption is not lettered again, nor "(continued)".
    assert shots[1].description == shots[0].description == "Grandma tells the story."
    assert (shots[0].continued, shots[1].continued) == (False, True)


def test_pure_talk_is_grouped_into_readable_shots():
    lines = [DialogueLine(speaker=name, text="Yes.") for name in ("A", "B") * 5]
    scene = _scene(dialogue=lines, visual="Two chairs by a window")
    shots = plan_shots(scene)
    _check(shots, scene.duration_s)
    assert all("talk" in s.description or "speaks" in s.description for s in shots)
    assert [line for s in shots for line in s.dialogue] == lines


def test_longer_recorded_speech_stretches_the_shots_to_the_new_length():
    scene = _scene(action=["A.", "B.", "C."])
    shots = plan_shots(scene, duration_s=scene.duration_s + 4.0)
    _check(shots, scene.duration_s + 4.0)


def test_an_empty_or_tiny_scene_still_gets_one_shot_of_its_full_length():
    empty = _scene()
    assert [s.duration_s for s in plan_shots(empty)] == [pytest.approx(empty.duration_s)]
    tiny = plan_shots(_scene(action=["Blink."]), duration_s=1.5)
    assert len(tiny) == 1 and tiny[0].duration_s == pytest.approx(1.5)


def test_planning_is_deterministic():
    scene = _scene(
        action=["One.", "Two.", "Three.", "Four."],
        dialogue=[DialogueLine(speaker="X", text="Hello there.")],
    )
    assert plan_shots(scene) == plan_shots(scene.model_copy(deep=True))


def test_a_stale_duration_still_sums_exactly():
    scene = _scene(action=["One.", "Two.", "Three."]).model_copy(update={"duration_s": 4.0})
    shots = plan_shots(scene)
    assert sum(s.duration_s for s in shots) == pytest.approx(4.0)
    assert len(shots) == 1


def test_a_chinese_films_captions_stay_chinese():
    """By-hand look (饺子里的叮嘱): "(continued)" was lettered on a Chinese frame, and then
    "（续）" after a caption said again (the second reader, 2026-12-04)."""
    speech = "奶奶一边包饺子一边叮嘱孙子路上要小心，到了学校要按时吃饭，" * 3
    scene = _scene(
        action=["奶奶正在厨房里包饺子，孙子在一旁看着。"],
        dialogue=[DialogueLine(speaker="奶奶", text=speech)] * 2,
    )
    shots = plan_shots(scene)
    assert shots[1].description == "奶奶正在厨房里包饺子，孙子在一旁看着。"
    assert shots[1].continued and not shots[0].continued
    talk = _scene(
        dialogue=[DialogueLine(speaker=n, text="好。") for n in ("奶奶", "孙子") * 5],
        visual="厨房里灯光温暖",
    )
    captions = [s.description for s in plan_shots(talk)]
    assert all(c.startswith("厨房里灯光温暖。") and c.endswith("。") for c in captions)
    assert not any(word in "".join(captions) for word in ("talk", "speaks", "continued"))


def test_an_animal_called_by_its_kind_is_in_the_shot() -> None:
    """By hand (2026-12-02): 流浪猫 was in the scene, the action said 猫咪, no shot had it."""
    scene = Scene(
        number=2,
        place="便利店",
        action=["店员拿出一根火腿肠，猫咪吃着。", "店员擦着柜台。"],
        characters=["店员", "流浪猫"],
    )
    shots = plan_shots(scene)
    assert "流浪猫" in shots[0].characters and "流浪猫" not in shots[1].characters
    catch = Scene(number=1, place="Yard", action=["Ginger watches Sam catch the ball."])
    cat = catch.model_copy(update={"characters": ["Sam", "The cat"]})
    assert "The cat" not in plan_shots(cat)[0].characters  # "catch" is not a cat


def test_someone_named_by_their_role_in_the_action_is_in_the_shot() -> None:
    """microfilm draft (the bus, 2026-12-04): "The bus moves down the street with Bob and
    the granddaughter" drew Bob alone."""
    scene = _scene(
        action=["The bus moves down the street with Bob and the granddaughter."],
        dialogue=[DialogueLine(speaker="Bob", text="Here we go again, like the old days.")],
    ).model_copy(update={"characters": ["Bob", "Sara", "Man"]})
    roles = {"Bob": "retired bus driver (grandfather)", "Sara": "granddaughter"}
    roles["Man"] = "someone from the bus"  # where a stranger was met says nothing of him
    shots = plan_shots(scene, roles=roles)
    assert set(shots[0].characters) == {"Bob", "Sara"}
    driver = scene.model_copy(update={"action": ["The driver waves."], "dialogue": []})
    assert plan_shots(driver, roles=roles)[0].characters == ("Bob",)
