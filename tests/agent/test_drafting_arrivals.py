"""Whoever a beat takes somewhere is there (the ginger soup, craft bench, 2026-12-04)."""

from __future__ import annotations

from agent.drafting.arrivals import arrived, destination
from agent.drafting.schemas import BeatDraft

SOUP = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"


def _beat(place: str, summary: str) -> BeatDraft:
    return BeatDraft(
        place=place, interior="INT", time_of_day="NIGHT", summary=summary, characters=[]
    )


def test_a_beat_that_takes_someone_to_the_ideas_place_is_set_there() -> None:
    shop = "城市中的一家外卖店"
    beats = [
        _beat(shop, "外卖小哥在暴雨夜把最后一单送到独居老人家。"),
        _beat(shop, "老人留他喝了一碗姜汤。"),
    ]
    assert [b.place for b in arrived(beats, SOUP)] == ["独居老人家", "独居老人家"]
    # A beat after it that says where it is stays there.
    back = [beats[0], _beat(shop, "外卖小哥回到城市中的一家外卖店，在店里躲雨。")]
    assert [b.place for b in arrived(back, SOUP)] == ["独居老人家", shop]


def test_only_a_place_the_idea_names_and_not_the_one_it_is_already_at() -> None:
    assert destination("他回到家。", SOUP) == ""  # a bare 家 is no heading
    assert destination("外卖小哥走进一家便利店。", SOUP) == ""  # not the idea's
    beats = [_beat("独居老人家的客厅", "外卖小哥送到独居老人家。")]
    assert arrived(beats, SOUP) == beats
    cake = "A girl delivers a birthday cake to her neighbour's flat every year."
    delivered = arrived([_beat("Bakery", "Mia delivers the cake to her neighbour's flat.")], cake)
    assert delivered[0].place == "Neighbour's flat"


def test_a_place_is_never_its_measure_word_alone() -> None:
    """Recorded (craft bench, the night market, 2026-12-04 20:45): the beat "张华考进了一家
    游戏公司。" was headed "INT. 一家", the measure word read as the place."""
    idea = "一个在夜市摆摊卖煎饼的女孩，白天打工，晚上自学编程，想考进一家游戏公司。"
    assert destination("张华考进了一家游戏公司。", idea) == "游戏公司"
    assert destination("他走进了一家", "他走进了一家") == ""
    # Wanting to get in is going nowhere yet (the night market's pasted beat, 21:16).
    assert destination("她想考进一家游戏公司。", idea) == ""


def test_a_last_night_at_the_lamp_stays_at_the_lighthouse() -> None:
    """Recorded (craft bench, the lighthouse, 2026-12-04 21:30): the keeper "spends his last
    night at the lamp", and scene 3 of 3 walked him into the village."""
    from agent.drafting.confined import kept_confined

    idea = (
        "A lighthouse keeper spends his last night at the lamp before the light is automated,"
        " watching the sea he has guarded for forty years."
    )
    beats = [
        BeatDraft(place="Lighthouse", interior="INT", time_of_day="NIGHT", summary="He sits."),
        BeatDraft(place="Lighthouse", interior="INT", time_of_day="NIGHT", summary="He looks."),
        BeatDraft(place="Village", interior="EXT", time_of_day="NIGHT", summary="He walks."),
    ]
    assert [b.place for b in kept_confined(beats, idea)] == ["Lighthouse"] * 3
    elsewhere = "A keeper spends his evenings painting the sea."
    assert kept_confined(beats, elsewhere) == beats
