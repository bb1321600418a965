"""Stand-in names (张三, John Doe) in a scene's action and visual note become its people."""

from __future__ import annotations

from film.quality.people.names.spare import stand_ins_named


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


def test_a_chinese_name_that_is_only_a_trade_or_rank_word_becomes_a_real_name() -> None:
    """Recorded (craft bench, 2026-12-05): the lone photographer was "摄影师", the court
    painter and the princess "宫廷画师" and "公主", the ginger soup's host "老人" (role
    "独居老人家的居民"). Kin stays kin, and so does a trade with a name of its own."""
    from film.quality.people.names.naming import real_names, zh_job_as_name

    painter = "一位宫廷画师奉命为公主画像，却在画里藏下了一场宫变的秘密。"
    renamed = real_names(
        ["宫廷画师", "公主"], "zh", painter, ["宫廷画师", "公主"], ["中年男子", "年轻女子"]
    )
    assert not set(renamed) & {"宫廷画师", "公主"} and len(set(renamed)) == 2
    soup = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
    host = real_names(["老人"], "zh", soup, ["独居老人家的居民"], ["中老年女性"])[0]
    assert host.endswith("奶奶") and host != "奶奶"  # an old woman, called by her surname
    kept = ["奶奶", "孙子", "保安大爷", "孙老师", "顾客"]
    roles = ["奶奶", "孙子", "保安", "老师", "等待林夏的顾客"]
    assert real_names(kept, "zh", "", roles) == kept
    assert zh_job_as_name("摄影师", "摄影师") and not zh_job_as_name("林夏", "摄影师")


def test_a_thing_of_the_idea_is_no_name() -> None:
    """Recorded (craft bench, the scooter, 2026-12-05): the rider was cast as "Scooter"."""
    from film.quality.people.names.naming import real_names

    idea = (
        "A food delivery rider is sure his second-hand scooter is haunted, because it plays "
        "karaoke every time he runs a red light."
    )
    renamed = real_names(["Scooter", "Client"], "en", idea, ["food delivery rider", "Customer"])
    assert renamed[0] != "Scooter" and renamed[0].isalpha()
    assert renamed[1] == "Client"
    # Kin is how people are called, and stays.
    bus = "A retired bus driver rides his old route with his granddaughter."
    assert real_names(["Grandpa", "Lily"], "en", bus, ["grandfather", "granddaughter"]) == [
        "Grandpa",
        "Lily",
    ]
