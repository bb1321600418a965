"""A deaf lead feels what others hear (the drummer, craft bench, 2026-12-04)."""

from __future__ import annotations

from film.quality.story.senses import deaf_person, feels_not_hears
from film.screenplay import DialogueLine, Scene

DRUMMER = (
    "A deaf teenage drummer trains for the school battle of the bands by feeling the beat "
    "through the gym floor."
)


def test_the_deaf_person_is_the_one_the_bible_says_or_the_lead() -> None:
    people = [("Sam", "lead drummer", "deaf, tall"), ("Teacher", "teacher", "")]
    assert deaf_person(DRUMMER, people) == "Sam"
    assert deaf_person(DRUMMER, [("Mia", "coach", ""), ("Sam", "drummer", "")]) == "Mia"
    assert deaf_person("A drummer trains for the battle of the bands", people) == ""
    assert deaf_person("失聪的女孩学跳舞", [("小雨", "女孩", "")]) == "小雨"


def test_what_the_deaf_drummer_hears_he_feels() -> None:
    """Recorded: "Sam hears the beat for the first time" and "I can hear it now!"."""
    scene = Scene(
        number=1,
        place="Gym floor",
        action=[
            "Sam hears the beat for the first time, feeling it through his feet.",
            "He tries playing along with the music but can't hear it anymore.",
            "The audience hears the drums.",
            "Sam closes his eyes and listens intently to the rhythm through the gym floor.",
        ],
        dialogue=[
            DialogueLine(speaker="Sam", text="I can hear it now! It's so loud."),
            DialogueLine(speaker="Teacher", text="Did you hear that?"),
        ],
        characters=["Sam", "Teacher"],
    )
    mended = feels_not_hears(scene, "Sam")
    assert mended.action == [
        "Sam feels the beat for the first time, feeling it through his feet.",
        "He tries playing along with the music but can't feel it anymore.",
        "The audience hears the drums.",  # others still hear
        "Sam closes his eyes and feels the rhythm through the gym floor.",  # 12-04
    ]
    assert [line.text for line in mended.dialogue] == [
        "I can feel it now! It's so loud.",
        "Did you hear that?",
    ]
    assert feels_not_hears(scene, "") == scene


def test_a_deaf_chinese_lead_feels_too() -> None:
    scene = Scene(
        number=1,
        place="练功房",
        action=["小雨听到了音乐，开始跳舞。", "老师听见了掌声。"],
        dialogue=[DialogueLine(speaker="小雨", text="我听到了节奏！老师，你看。")],
        characters=["小雨", "老师"],
    )
    mended = feels_not_hears(scene, "小雨")
    assert mended.action == ["小雨感受到了音乐，开始跳舞。", "老师听见了掌声。"]
    assert mended.dialogue[0].text == "我感受到了节奏！老师，你看。"
