"""Beats that leave the idea are found by the idea's own things, not by its people."""

from __future__ import annotations

from film.quality.story.focus import anchor_terms, off_idea_beats

BUS = (
    "A retired bus driver rides his old route one last time with his granddaughter, who has "
    "never seen the city through his eyes."
)
# Recorded (craft bench, The Last Bus Home, 2026-12-03): the outline as the gate accepted it.
BUS_OUTLINE = [
    ("BUS", "James bus driver rides his old route one last time with his granddaughter."),
    ("HOME", "James and Emma are sitting down to eat dinner, watching TV."),
    ("BUS STOP", "James hears the bus coming, but he's already inside his car."),
    ("HOME", "James and Emma are still eating dinner, watching TV."),
    ("THE OLD BUS STOP", "James notices Emma hasn't been out of her house in a while."),
    ("THE OLD BUS STOP", "James and Emma see the city through his eyes."),
]
DUMPLINGS = "孙子明天就要去外地上大学，奶奶在厨房里教他包饺子，把没说出口的叮嘱都包进了饺子里。"
GUARD = "小区保安大爷为了抓偷外卖的贼，布下天罗地网，最后抓到的却是一只橘猫。"


def test_the_recorded_dinner_beats_leave_the_bus_drivers_idea() -> None:
    assert off_idea_beats(BUS_OUTLINE, BUS, ["James", "Emma"]) == [1, 3]


def test_the_ideas_people_and_plain_words_hold_no_beat_to_it() -> None:
    anchors = anchor_terms(BUS)
    assert "bus" in anchors and "route" in anchors
    assert not {"granddaughter", "driver", "old", "last", "time"} & set(anchors)
    assert not {"奶奶", "孙子"} & set(anchor_terms(DUMPLINGS))


def test_chinese_beats_inside_and_outside_the_idea() -> None:
    beats = [
        ("厨房", "孙子明天就要去外地上大学。"),
        ("厨房", "奶奶在厨房里教他包饺子。"),
        ("客厅", "奶奶和孙子一起看电视，聊起了天气。"),
    ]
    assert off_idea_beats(beats, DUMPLINGS, ["奶奶", "孙子"]) == [2]


def test_a_bible_name_that_holds_the_ideas_words_does_not_count() -> None:
    # The guard is named 小区保安大爷: his name holds 小区 and 大爷 in every beat he is in.
    beats = [("保安室", "小区保安大爷在家里睡觉。"), ("停车场", "小区保安大爷布下天罗地网。")]
    assert off_idea_beats(beats, GUARD, ["小区保安大爷"]) == [0]


def test_an_idea_of_too_few_things_judges_nothing() -> None:
    assert off_idea_beats([("Park", "They talk.")], "Two friends.", []) == []
    short = "a grandma teaching her grandson to make dumplings"
    assert off_idea_beats([("Market", "They argue over the filling.")], short, []) == []


def test_the_prompt_names_the_ideas_things_as_it_writes_them() -> None:
    from film.quality.story.focus import anchor_words

    assert anchor_words(BUS) == ["retired", "bus", "rides", "route", "city", "eyes"]
    nurse = (
        "A night-shift nurse and the baker across the street swap notes on the bakery window "
        "for a whole winter without ever meeting."
    )
    assert "baker" not in anchor_words(nurse) and "bakery" in anchor_words(nurse)
    assert anchor_words(DUMPLINGS) == []  # a Chinese idea says its things itself
