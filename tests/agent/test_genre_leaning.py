"""The idea's own words check the offline model's genre recommendation."""

from __future__ import annotations

import pytest

from agent.intake.leaning import genre_scores, leaning_genre
from film.screenplay import Genre

NURSE = (
    "A night-shift nurse and the baker across the street swap notes on the bakery window "
    "for a whole winter without ever meeting."
)


@pytest.mark.parametrize(
    ("idea", "genre"),
    [
        (NURSE, Genre.YOUTH_ROMANCE),  # the bench idea the model called a spoof
        ("一个三分钟的故事：外婆教外孙包饺子，他明天就要出国了", Genre.TOUCHING_FAMILY),
        ("高三女生在夜市摆摊，白天上课晚上卖煎饼，坚持考上美院", Genre.INSPIRATIONAL_STRUGGLE),
        (
            "A deaf teenage drummer trains for the school battle of the bands.",
            Genre.INSPIRATIONAL_STRUGGLE,
        ),
        ("青海湖边，一个摄影师等了七天，只为拍到日出那一刻", Genre.AESTHETIC_SCENERY),
        ("唐朝书生替将军给远方的公主送一封信", Genre.ANCIENT_STYLE),
        # By hand, 2026-12-02: drafted as a spoof, and the stray cat talked.
        (
            "深夜的便利店里，值班的店员每天给一只流浪猫留一根火腿肠，直到有一天猫带来了三只小猫。",
            Genre.TOUCHING_FAMILY,
        ),
        ("A night guard feeds a stray dog until it brings its puppies.", Genre.TOUCHING_FAMILY),
    ],
)
def test_a_spoof_pick_gives_way_to_what_the_idea_is_about(idea: str, genre: Genre) -> None:
    assert leaning_genre(idea, Genre.GRASSROOTS_SPOOF) is genre


def test_the_model_pick_stands_when_the_idea_supports_it_or_says_nothing() -> None:
    # Any cue for the model's own pick keeps it, even when another genre has more.
    family_and_sea = "A grandmother and her grandson watch the sea from the lighthouse."
    assert genre_scores(family_and_sea)[Genre.TOUCHING_FAMILY] == 2
    assert leaning_genre(family_and_sea, Genre.AESTHETIC_SCENERY) is Genre.AESTHETIC_SCENERY
    # No cue at all, or a tie between two others: the model's pick.
    assert leaning_genre("A man buys a hat.", Genre.GRASSROOTS_SPOOF) is Genre.GRASSROOTS_SPOOF
    tie = "A mother finds her dream."
    assert leaning_genre(tie, Genre.GRASSROOTS_SPOOF) is Genre.GRASSROOTS_SPOOF
    # A tie with scenery goes to the other genre: the place is not what the story is about.
    ferry = "A retired ferryman teaches his granddaughter to row across the river."
    assert leaning_genre(ferry, Genre.GRASSROOTS_SPOOF) is Genre.TOUCHING_FAMILY
    assert leaning_genre("A mother climbs the mountain.", Genre.GRASSROOTS_SPOOF) is (
        Genre.TOUCHING_FAMILY
    )


def test_english_cues_are_whole_words() -> None:
    # "sea" inside "season", "son" inside "lesson", "date" inside "update" are not cues.
    assert not any(genre_scores("An update to the lesson this season.").values())
