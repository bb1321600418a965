"""What the idea's host offers, the guest takes (the ginger soup, craft bench, 2026-12-04)."""

from __future__ import annotations

from film.quality.story.offered import offered, taken_by_the_guest
from film.screenplay import Scene

SOUP = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
PEOPLE = {"外卖小哥": "外卖小哥", "老人": "老人"}


def test_the_idea_keeps_its_guest_for_the_soup() -> None:
    assert offered(SOUP, PEOPLE) == ("老人", "外卖小哥", "喝", "姜汤")
    assert offered("奶奶在厨房里教孙子包饺子", {"奶奶": "奶奶", "孙子": "孙子"}) is None
    three = {**PEOPLE, "邻居": "邻居"}
    assert offered(SOUP, three) is None  # 他 is not told apart among three


def test_the_host_does_not_drink_the_soup_kept_for_the_guest() -> None:
    scene = Scene(
        number=2,
        place="独居老人家",
        action=[
            "老人拿起一杯姜汤，喝了一口。",
            "老人留他喝了一碗姜汤。",  # the offer itself stays the host's
            "老人端来一碗姜汤。",
        ],
        characters=["老人"],
    )
    taken = taken_by_the_guest(scene, SOUP, PEOPLE)
    assert taken.action == [
        "外卖小哥拿起一杯姜汤，喝了一口。",
        "老人留他喝了一碗姜汤。",
        "老人端来一碗姜汤。",
    ]
    assert taken.characters == ["老人", "外卖小哥"]
    assert taken_by_the_guest(scene, "奶奶教孙子包饺子", PEOPLE) == scene
