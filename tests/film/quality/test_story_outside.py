"""A logline cites no outside work the idea does not mention (film.quality.story.outside)."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS

from film.quality.story.outside import (
    check_outside_works,
    outside_works,
    without_outside_works,
)

GUARD = "A night-shift security guard teaches a stray dog to fetch his lost keys"
GUARD_ZH = "夜班保安教一只流浪狗帮他找回丢失的钥匙"


def test_the_recorded_invented_movie_is_struck() -> None:
    # Recorded (offline 1.5B model): nothing in the idea names a film.
    logline = (
        "A lonely night-shift security guard teaches a stray dog to fetch his lost keys, "
        "inspired by the classic movie 'Dogcatcher'."
    )
    assert without_outside_works(logline, GUARD) == (
        "A lonely night-shift security guard teaches a stray dog to fetch his lost keys."
    )
    assert [f.check for f in check_outside_works(GUARD, logline)] == ["coverage.outside-work"]
    assert "Dogcatcher" in check_outside_works(GUARD, logline)[0].message
    assert check_outside_works(GUARD, without_outside_works(logline, GUARD)) == []


@pytest.mark.parametrize(
    ("logline", "mended"),
    [
        (
            'Inspired by the classic film "Dogcatcher", a guard teaches a stray dog to fetch.',
            "A guard teaches a stray dog to fetch.",
        ),
        (
            "A guard, based on the classic novel 'White Fang', teaches a stray dog to fetch.",
            "A guard teaches a stray dog to fetch.",
        ),
        (
            "A guard teaches a stray dog to fetch and is a tribute to the film Lassie.",
            "A guard teaches a stray dog to fetch.",
        ),
        (
            "A guard teaches a dog to fetch his keys. Based on the classic book 'Old Yeller'.",
            "A guard teaches a dog to fetch his keys.",
        ),
        ("A quiet night tale in the style of Wes Anderson.", "A quiet night tale."),
        (
            "A guard teaches a dog to fetch, just like in the movie 'Hachiko', and finds a friend.",
            "A guard teaches a dog to fetch and finds a friend.",
        ),
        (
            "A guard teaches a dog to fetch, reminiscent of the old song 'Hound Dog'.",
            "A guard teaches a dog to fetch.",
        ),
    ],
)
def test_english_citations_go_and_the_sentence_stays_whole(logline: str, mended: str) -> None:
    assert without_outside_works(logline, GUARD) == mended


@pytest.mark.parametrize(
    ("logline", "mended"),
    [
        (
            "夜班保安教流浪狗找回丢失的钥匙，灵感来自经典电影《捕狗人》。",
            "夜班保安教流浪狗找回丢失的钥匙。",
        ),
        ("改编自小说《忠犬》，夜班保安教流浪狗找回钥匙。", "夜班保安教流浪狗找回钥匙。"),
        ("夜班保安教流浪狗找回钥匙，致敬电影《忠犬八公》。", "夜班保安教流浪狗找回钥匙。"),
        ("夜班保安教流浪狗找回钥匙，取材自一部老电影。", "夜班保安教流浪狗找回钥匙。"),
        ("保安模仿电影《神探》教流浪狗找回钥匙。", "保安教流浪狗找回钥匙。"),
        (
            "一部类似《忠犬八公》的温情故事：保安教流浪狗找回钥匙。",
            "一部温情故事：保安教流浪狗找回钥匙。",
        ),
        ("夜班保安教流浪狗找回钥匙，就像《忠犬八公》里一样", "夜班保安教流浪狗找回钥匙"),
        ("夜班保安教流浪狗找回钥匙，灵感来自电影《捕狗人》.", "夜班保安教流浪狗找回钥匙。"),
    ],
)
def test_chinese_citations_go_and_the_sentence_stays_whole(logline: str, mended: str) -> None:
    assert without_outside_works(logline, GUARD_ZH, "守夜") == mended


@pytest.mark.parametrize(
    ("logline", "idea", "title"),
    [
        # The story's own sources name no work.
        ("A guard, inspired by his late father's letters, teaches a dog.", GUARD, ""),
        ("A guard teaches a dog to fetch, a tribute to his late wife.", GUARD, ""),
        ("A guard teaches a dog like the one he lost.", GUARD, ""),
        ("A guard teaches a dog, based on his own memories.", GUARD, ""),
        ("夜班保安教流浪狗找回钥匙，灵感来自他的童年。", GUARD_ZH, ""),
        ("夜班保安教流浪狗找回钥匙，向所有守夜人致敬。", GUARD_ZH, ""),
        ("夜班保安像往常一样巡逻，教流浪狗找回钥匙。", GUARD_ZH, ""),
        # The idea cites it itself.
        (
            "A guard teaches a dog to fetch, inspired by the film 'Hachiko'.",
            "A guard teaches a stray dog to fetch, inspired by Hachiko",
            "",
        ),
        ("保安教狗，灵感来自电影《忠犬八公》。", "灵感来自电影《忠犬八公》：保安教狗", ""),
        # The film's own title.
        ("夜班保安教流浪狗找回钥匙，在《守夜》中找到温暖。", GUARD_ZH, "守夜"),
        (
            "A guard teaches a dog to fetch, just like in the film 'Night Keys'.",
            GUARD,
            "Night Keys",
        ),
        # Films are the idea's subject, not a source.
        (
            "An old projectionist screens his last movie, a tribute to the golden age of film.",
            "An old projectionist screens his last movie",
            "",
        ),
    ],
)
def test_what_is_no_outside_work_stays(logline: str, idea: str, title: str) -> None:
    assert without_outside_works(logline, idea, title) == logline
    assert outside_works(logline, idea, title) == []


@pytest.mark.parametrize("name", sorted(GOOD_FILMS))
def test_good_films_loglines_are_untouched(name: str) -> None:
    film, idea = GOOD_FILMS[name]()
    assert without_outside_works(film.logline, idea, film.title) == film.logline
    assert check_outside_works(idea, film.logline, film.title) == []


def test_a_logline_that_is_the_idea_pasted_is_asked_for_again() -> None:
    """Recorded (second reader, craft bench, 2026-12-04): all eight loglines were the idea."""
    from film.quality.story.logline import logline_copies_idea

    idea = (
        "A young swordswoman must carry a sealed letter across a snowy mountain pass to the "
        "general who exiled her father."
    )
    pasted = logline_copies_idea(idea, idea.replace("must carry", "carries"))
    assert pasted is not None and pasted.check == "copying.logline-is-idea"
    own = "Sophia crosses the frozen pass with a letter for the man who ruined her family."
    assert logline_copies_idea(idea, own) is None
    soup = "外卖小哥在暴雨夜把最后一单送到独居老人家，老人留他喝了一碗姜汤。"
    assert logline_copies_idea(soup, soup) is not None
    assert (
        logline_copies_idea(soup, "暴雨夜，送完最后一单的阿强被独居的王大爷留下，喝一碗热姜汤。")
        is None
    )
