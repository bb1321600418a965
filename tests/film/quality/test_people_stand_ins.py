"""Stand-in names (张三, John Doe) in a scene's action and visual note become its people."""

from __future__ import annotations

from film.quality.people.spare import stand_ins_named


def test_stand_ins_in_action_become_the_scene_people_the_action_leaves_unnamed() -> None:
    action = ["张三和李四正在讨论着秘密，沈画师在旁边专心作画。", "李四点头表示理解并离开。"]
    visual = "昏暗的花园中，张三和李四正在讨论着秘密。"
    mended, note = stand_ins_named(action, visual, ["沈画师", "柳公主", "赵总管"])
    assert mended == [
        "柳公主和赵总管正在讨论着秘密，沈画师在旁边专心作画。",
        "赵总管点头表示理解并离开。",
    ]
    assert note == "昏暗的花园中，柳公主和赵总管正在讨论着秘密。"


def test_a_stand_in_left_over_loses_its_sentence() -> None:
    action = ["沈画师抬起头。张三走了进来。", "张三拿起画笔。"]
    mended, _ = stand_ins_named(action, "", ["沈画师"])
    assert mended == ["沈画师抬起头。"]


def test_english_stand_ins_and_a_scene_without_any_are_handled() -> None:
    mended, _ = stand_ins_named(["John Doe waves from the pier."], "", ["Walter", "Lily"])
    assert mended == ["Walter waves from the pier."]
    plain = ["Walter waves."]
    assert stand_ins_named(plain, "Dawn.", ["Walter"]) == (plain, "Dawn.")


def test_a_stand_in_the_bible_really_uses_is_a_name() -> None:
    action = ["张三推开门。"]
    assert stand_ins_named(action, "", ["张三", "李梅"]) == (action, "")
