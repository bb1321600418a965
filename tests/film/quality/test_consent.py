"""Who the idea has to win over says no until the scene of their yes."""

from __future__ import annotations

from film.quality.people.speech.consent import no_yes_before_the_turn
from film.screenplay import DialogueLine, Scene

IDEA = "一键成片：小明想说服爸爸让他去学街舞，温情微电影"
PEOPLE = [("小明", ""), ("爸爸", "爸爸")]


def _scene(said: list[tuple[str, str]]) -> Scene:
    return Scene(
        number=1,
        place="小明家客厅",
        action=["小明拿着街舞教程书。"],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in said],
        characters=["小明", "爸爸"],
    )


def test_the_father_to_win_over_does_not_say_yes_in_scene_one() -> None:
    """Recorded (craft bench, the street dance, 2026-12-05): "行啊" to the first request."""
    scene = _scene(
        [
            ("小明", "爸爸，我想学街舞。"),
            ("爸爸", "行啊，那我们从什么时候开始？"),
            ("小明", "谢谢你！"),
            ("爸爸", "不客气！"),
            ("小明", "明天吧。"),
            ("爸爸", "好的，你准备好了吗？"),
            ("爸爸", "学习要紧。"),
        ]
    )
    mended = no_yes_before_the_turn(scene, IDEA, 0, 3, PEOPLE)
    assert [(d.speaker, d.text) for d in mended.dialogue] == [
        ("小明", "爸爸，我想学街舞。"),
        ("爸爸", "不行。"),
        ("小明", "明天吧。"),
        ("爸爸", "学习要紧。"),
    ]
    # At the turn's scene and after it, his yes is the story.
    assert no_yes_before_the_turn(scene, IDEA, 1, 3, PEOPLE) == scene
    # "那好啊，我们一起去吧！" is a yes too (the next run, 2026-12-05).
    again = _scene([("小明", "我想去学街舞。"), ("爸爸", "那好啊，我们一起去吧！")])
    assert no_yes_before_the_turn(again, IDEA, 0, 3, PEOPLE).dialogue[1].text == "不行。"
    # 小明's own "好的" is not the father's.
    mine = _scene([("小明", "好的，我去练习。")])
    assert no_yes_before_the_turn(mine, IDEA, 0, 3, PEOPLE) == mine


def test_an_english_mother_to_win_over_says_no_first() -> None:
    idea = "A girl tries to convince her strict mother to let her join the band."
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["Mia holds out a flyer."],
        dialogue=[
            DialogueLine(speaker="Mia", text="Can I join the band?"),
            DialogueLine(speaker="Helen", text="Sure, when do you start?"),
        ],
        characters=["Mia", "Helen"],
    )
    people = [("Mia", "daughter"), ("Helen", "Mia's strict mother")]
    mended = no_yes_before_the_turn(scene, idea, 0, 4, people)
    assert [d.text for d in mended.dialogue] == ["Can I join the band?", "No."]
    # An idea with nobody to win over is left alone.
    assert no_yes_before_the_turn(scene, "A girl joins a band.", 0, 4, people) == scene
