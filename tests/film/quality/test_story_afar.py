"""Someone the idea calls far away is a voice on the phone, not a figure in the room.

Recorded (offline draft, 2026-12-04): the grandmother who video-calls her son working in
another city had him standing by her sofa, told "儿子，你快点回来。" to his face.
"""

from __future__ import annotations

from film.quality.story.afar import called_afar, heard_from_afar, heard_throughout
from film.screenplay import DialogueLine, Scene, heard_off_screen

CALLS = "奶奶第一次学用智能手机，学会视频通话后，每天晚上都给在外地打工的儿子打电话"
PEOPLE = {"奶奶": "奶奶", "儿子": "儿子"}


def _call_scene() -> Scene:
    return Scene(
        number=2,
        place="奶奶的家",
        time_of_day="NIGHT",
        action=["奶奶拿出手机，开始视频通话。"],
        dialogue=[
            DialogueLine(speaker="奶奶", text="儿子，你快点回来。"),
            DialogueLine(speaker="儿子", text="妈，我过年就回。"),
        ],
        characters=["奶奶", "儿子"],
    )


def test_the_one_called_in_a_far_place_is_found_in_both_languages() -> None:
    assert called_afar(CALLS, PEOPLE) == ["儿子"]
    english = "A grandmother learns to video-call her son who works abroad, every night."
    assert called_afar(english, {"Grandma": "grandmother", "Tom": "son"}) == ["Tom"]
    # The caller far away is on screen; someone called nearby is not far.
    assert called_afar("在外地打工的儿子每天给妈妈打电话", {"妈妈": "妈妈", "儿子": "儿子"}) == []
    teacher = "A retired teacher calls her old student every Sunday."
    assert called_afar(teacher, {"Mrs. Lee": "retired teacher", "Ben": "student"}) == []


def test_in_a_scene_with_someone_else_they_are_heard_on_the_phone() -> None:
    scene = heard_from_afar(_call_scene(), ["儿子"], "zh")
    assert scene.characters == ["奶奶"]
    assert [(d.speaker, d.parenthetical) for d in scene.dialogue] == [
        ("奶奶", ""),
        ("儿子", "电话里"),
    ]
    assert heard_off_screen(scene.dialogue[1]) and not heard_off_screen(scene.dialogue[0])
    # A scene of his own (at his work site) keeps him there.
    alone = Scene(
        number=1,
        place="工地",
        action=["儿子看着手机。"],
        dialogue=[DialogueLine(speaker="儿子", text="妈又打来了。")],
        characters=["儿子"],
    )
    assert heard_from_afar(alone, ["儿子"], "zh") == alone
    english = Scene(
        number=1,
        place="Kitchen",
        action=["Grandma taps the screen."],
        dialogue=[DialogueLine(speaker="Tom", text="Hi, Mum!")],
        characters=["Grandma", "Tom"],
    )
    heard = heard_from_afar(english, ["Tom"], "en")
    assert heard.characters == ["Grandma"] and heard.dialogue[0].parenthetical == "on the phone"


def test_nor_is_the_one_on_the_phone_seen_in_the_room() -> None:
    """Recorded (craft bench, the video call, 2026-12-04): "儿子坐在沙发对面，看着电视。" while
    his mother phoned him, and "奶奶看儿子打视频通话的过程"."""
    scene = _call_scene().model_copy(
        update={
            "action": [
                "奶奶坐在客厅沙发上，手里拿着手机。",
                "儿子坐在沙发对面，看着电视。",
                "奶奶看儿子打视频通话的过程，脸上露出笑容。",
            ],
            "visual": "客厅中灯光柔和。儿子正在看电视。",
        }
    )
    heard = heard_from_afar(scene, ["儿子"], "zh")
    assert heard.action == ["奶奶坐在客厅沙发上，手里拿着手机。"]
    assert heard.visual == "客厅中灯光柔和。"
    assert [d.speaker for d in heard.dialogue] == ["奶奶", "儿子"]  # he still speaks


def test_a_line_added_later_is_heard_on_the_phone_too() -> None:
    scene = heard_from_afar(_call_scene(), ["儿子"], "zh")
    longer = scene.model_copy(
        update={"dialogue": [*scene.dialogue, DialogueLine(speaker="儿子", text="您早点睡。")]}
    )
    assert [d.parenthetical for d in heard_throughout(longer).dialogue] == ["", "电话里", "电话里"]
    assert heard_throughout(_call_scene()) == _call_scene()  # nobody on the phone: as it was


def test_a_voice_from_elsewhere_is_not_drawn_in_the_shot() -> None:
    from tools.assembly.shots import plan_shots

    scene = heard_from_afar(_call_scene(), ["儿子"], "zh")
    drawn = {name for shot in plan_shots(scene) for name in shot.characters}
    assert drawn == {"奶奶"}
    assert {name for shot in plan_shots(_call_scene()) for name in shot.characters} == {
        "奶奶",
        "儿子",
    }
