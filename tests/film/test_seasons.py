"""One season a film is set in (the nurse and the baker, craft bench, 2026-12-04)."""

from __future__ import annotations

from film.screenplay import DialogueLine, Scene
from film.seasons import film_season, in_season, one_season


def test_a_setting_keeps_its_season_and_loses_a_month_of_another() -> None:
    assert one_season("a winter in June") == "winter"
    assert one_season("六月的冬天") == "冬天"
    assert one_season("a season in summer") == "summer"  # the task's frame (2026-12-03)
    assert one_season("a season in June") == "June"  # the lighthouse (2026-12-04)
    assert one_season("a rainy winter, early January") == "a rainy winter, early January"
    assert one_season("summer 1998") == "summer 1998"
    assert one_season("十二月的冬天") == "十二月的冬天"  # 十二月 is no 二月 of spring
    assert one_season("spring and summer") == "spring and summer"  # two seasons: the model's


def test_a_line_does_not_call_the_present_another_season() -> None:
    said = "It's so beautiful. It's been a great summer, hasn't it? Last summer was hot. I know."
    scene = Scene(
        number=5,
        place="Bakery window",
        action=["Lily finds the note.", "The summer heat is gone."],
        dialogue=[DialogueLine(speaker="Lily", text=said)],
    )
    kept = in_season(scene, film_season("winter"))
    assert kept.dialogue[0].text == "It's so beautiful. Last summer was hot. I know."
    assert kept.action == ["Lily finds the note."]
    zh = Scene(
        number=1,
        place="面包店",
        dialogue=[
            DialogueLine(speaker="林夏", text="这个夏天真热。去年夏天我们在这里。林夏你好。")
        ],
    )
    assert in_season(zh, "winter").dialogue[0].text == "去年夏天我们在这里。林夏你好。"
    assert in_season(scene, "") == scene  # no one season named: nothing to keep to
    assert film_season("a winter in June") == "winter" == film_season("冬天的夜晚")
    assert film_season("spring and summer") == ""


def test_the_sun_rises_in_the_east_and_sets_in_the_west() -> None:
    """Recorded (the lake at dawn, craft bench, 2026-12-04): "太阳终于从西边升起"."""
    from film.seasons import sun_on_its_course

    assert (
        sun_on_its_course("太阳终于从西边升起，照在湖面上。") == "太阳终于从东边升起，照在湖面上。"
    )
    assert sun_on_its_course("太阳从东边落下。") == "太阳从西边落下。"
    assert sun_on_its_course("The sun rises in the west.") == "The sun rises in the east."
    assert sun_on_its_course("The sun sank into the east.") == "The sun sank into the west."
    kept = ["太阳从东边升起。", "他从西边走来。", "The sun sets in the west.", "West of the hill."]
    assert [sun_on_its_course(t) for t in kept] == kept
