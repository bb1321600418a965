"""People are called only by names the film gives them; nobody calls out their own title."""

from __future__ import annotations

from film.quality.people.vocatives import called_by_their_names
from film.screenplay import DialogueLine, Scene


def _scene(lines: list[tuple[str, str]], place: str = "BUS STOP") -> Scene:
    return Scene(
        number=1,
        place=place,
        action=["The bus pulls in at the stop."],
        dialogue=[DialogueLine(speaker=who, text=text) for who, text in lines],
        characters=sorted({who for who, _ in lines}),
    )


# The recorded bus bible (en-family-bus, 2026-12-01).
BUS = [
    ("Granddaughter", "grandchild"),
    ("Driver (Grandfather)", "grandparent"),
]


def test_a_stranger_called_by_name_and_the_elders_own_title_go() -> None:
    scene = _scene(
        [
            ("Driver (Grandfather)", "Thanks, Nora. I appreciate it."),
            ("Granddaughter", "I love you, Grandpa."),
            ("Driver (Grandfather)", "I love you too, Grandpa. See ya."),
            ("Granddaughter", "Hi, Mr. Smith! Goodbye, Nora, see you."),
            ("Driver (Grandfather)", "Thank you, Driver."),
        ]
    )
    mended = called_by_their_names(scene, BUS)
    assert [line.text for line in mended.dialogue] == [
        "Thanks. I appreciate it.",
        "I love you, Grandpa.",
        "I love you too. See ya.",
        "Hi! Goodbye, see you.",
        "Thank you, Driver.",
    ]
    assert mended.action == scene.action


def test_names_in_the_film_and_ordinary_words_are_kept() -> None:
    people = [("Lily", "student"), ("Tom", "classmate")]
    lines = [
        ("Lily", "Okay, thanks again."),
        ("Tom", "See you tomorrow, Lily!"),
        ("Lily", "It is far, New York is far."),
        ("Tom", "Welcome home, sir."),
        ("Lily", "Hello, Paris!"),
    ]
    scene = _scene(lines, place="PARIS STREET")
    assert called_by_their_names(scene, people) == scene


def test_a_chinese_elder_does_not_call_out_their_own_title() -> None:
    people = [("爷爷", "小雨的爷爷"), ("小雨", "孙女")]
    scene = _scene(
        [
            ("爷爷", "我也爱你，爷爷。"),
            ("爷爷", "爷爷，走吧。"),
            ("爷爷", "爷爷带你去公园。"),
            ("小雨", "谢谢你，爷爷！"),
        ],
        place="公园",
    )
    mended = called_by_their_names(scene, people)
    assert [line.text for line in mended.dialogue] == [
        "我也爱你。",
        "走吧。",
        "爷爷带你去公园。",
        "谢谢你，爷爷！",
    ]


def test_a_line_that_was_only_a_call_goes() -> None:
    scene = _scene([("Granddaughter", "Hello, Grandpa."), ("Driver (Grandfather)", ", Grandpa.")])
    mended = called_by_their_names(scene, BUS)
    assert [line.text for line in mended.dialogue] == ["Hello, Grandpa."]


def test_a_call_to_the_worked_examples_person_goes_in_chinese_too() -> None:
    """Recorded (青海湖日出, 2026-12-01): the lone photographer thanked the example's 林晓."""
    people = [("摄影师", "主角")]
    scene = _scene(
        [("摄影师", "终于等到了！感谢你，林晓。"), ("摄影师", "林晓，你看。")], "青海湖边"
    )
    mended = called_by_their_names(scene, people, {"nora", "林晓"})
    assert [line.text for line in mended.dialogue] == ["终于等到了！感谢你。", "你看。"]
    # A film whose own person has the name keeps the calls to her.
    assert called_by_their_names(scene, [("林晓", "摄影师")], {"nora", "林晓"}) == scene


def test_one_helper_removes_a_call_at_either_edge_in_both_languages() -> None:
    from film.quality.text import without_calls

    assert without_calls("Nora, look at this.", ["Nora"]) == "Look at this."
    assert without_calls("Thanks, nora. Bye, Nora!", ["Nora"]) == "Thanks. Bye!"
    assert without_calls("我也爱你，林夏。我爱你，许言。", ["许言"]) == "我也爱你，林夏。我爱你。"
    assert without_calls("公主，你看到那张纸条了吗？", ["公主"]) == "你看到那张纸条了吗？"
    # A longer word that starts with the name is not a call to it.
    assert without_calls("Mama, look. Thanks, Mama.", ["Ma"]) == "Mama, look. Thanks, Mama."


def test_the_worked_examples_people_are_nobody_a_line_speaks_of() -> None:
    """Recorded (craft bench, the night market, 18:07): "谢谢林晓老师" for the example's 林晓."""
    from film.screenplay import DialogueLine, Scene

    said = ["谢谢林晓老师！", "谢谢林晓！", "我告诉林晓了。", "我要努力。", "I told Nora about it."]
    scene = Scene(
        number=1,
        place="夜市",
        characters=["小美"],
        dialogue=[DialogueLine(speaker="小美", text=text) for text in said],
    )
    mended = called_by_their_names(scene, [("小美", "卖煎饼的女孩")], {"nora", "林晓"})
    assert [line.text for line in mended.dialogue] == ["谢谢老师！", "谢谢你！", "我要努力。"]
    # Cast under that name, she is somebody.
    cast = called_by_their_names(scene, [("小美", "女孩"), ("林晓", "老师")], {"nora", "林晓"})
    assert [line.text for line in cast.dialogue][:3] == said[:3]
