"""A kin word inside a longer kin word is no person of its own: 外孙女 is one granddaughter.

Recorded (a real draft): "外婆把织了一冬天的围巾寄给在北方读书的外孙女，附了一张写错字的纸条"
asked the model for 外孙 and 孙女 besides the 外孙女, because both are inside her word.
"""

from __future__ import annotations

import pytest

from film.quality.coverage import (
    check_people,
    chinese_person_words,
    idea_people_words,
    mentions,
)
from film.quality.people.claims import idea_deeds
from film.quality.people.family import relatives_in
from film.quality.people.kin import check_bible_kin, relation_of
from film.quality.people.missing import cast_missing, roles_in_idea_words
from film.quality.story.actions import must_cast_people
from film.screenplay import CharacterProfile

SCARF = "外婆把织了一冬天的围巾寄给在北方读书的外孙女，附了一张写错字的纸条"


def test_the_recorded_idea_names_a_grandmother_and_one_granddaughter() -> None:
    assert idea_people_words(SCARF) == ["外婆", "外孙女"]
    assert must_cast_people(SCARF) == ["外婆", "外孙女"]
    assert relatives_in(SCARF) == {"grandmother", "granddaughter"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("外孙女", ["外孙女"]),
        ("外孙", ["外孙"]),
        ("孙女", ["孙女"]),
        ("奶奶和孙女", ["奶奶", "孙女"]),
        ("外孙子", ["外孙子"]),
        ("孙子", ["孙子"]),
        ("外孙女儿", ["外孙女"]),
        ("外甥女和侄女", []),  # no kin word of the film's families is inside them
        ("外孙女和外孙", ["外孙女", "外孙"]),
        ("孙女婿", []),  # her husband, not the granddaughter
        ("广场上的大妈", []),  # an auntie, not a 妈
        ("老师傅", []),  # an old craftsman, not a 老师
    ],
)
def test_person_words_are_read_longest_first_and_never_overlap(text: str, words: list[str]) -> None:
    assert chinese_person_words(text) == words


def test_a_word_inside_a_longer_one_is_not_mentioned() -> None:
    assert mentions("外孙女", "外孙女")
    assert not mentions("外孙女", "孙女")
    assert not mentions("外孙女", "外孙")
    assert mentions("奶奶和孙女", "孙女") and mentions("奶奶和孙女", "奶奶")


def test_a_bible_granddaughter_is_no_grandson() -> None:
    bible = [("林小雨", "外孙女，在北方读大学"), ("外婆", "外婆")]
    assert check_people(SCARF, bible) == []
    missing = check_people("外婆给外孙寄了一条围巾", bible)
    assert [f.text for f in missing] == ["grandson"]
    # The idea's 孙女 is the bible's 外孙女: one granddaughter.
    assert check_people("奶奶和孙女", [("奶奶", "奶奶"), ("小雨", "外孙女")]) == []


def test_the_missing_granddaughter_is_cast_once_by_her_own_word() -> None:
    grandma = CharacterProfile(name="外婆", role="外婆", look="七十岁，头发花白")
    cast = cast_missing(SCARF, [grandma], "zh")
    assert [(c.name, c.role) for c in cast] == [("外婆", "外婆"), ("外孙女", "外孙女")]


def test_a_role_is_the_idea_word_only_where_the_name_holds_that_word() -> None:
    people = [
        CharacterProfile(name="外孙女", role="大学生"),  # holds no 孙女 of her own
        CharacterProfile(name="孙女小雨", role="外孙女"),  # a granddaughter already
    ]
    assert roles_in_idea_words("奶奶和孙女", people) == people
    (grandson,) = roles_in_idea_words(
        "奶奶教外孙包饺子", [CharacterProfile(name="外孙小明", role="外孙女")]
    )
    assert grandson.role == "外孙"


def test_kin_is_read_by_the_whole_word() -> None:
    assert (relation_of("外孙女", "") or ("",))[0] == "granddaughter"
    assert (relation_of("外孙子", "") or ("",))[0] == "grandson"
    # A grandson by name whose role is a granddaughter is a conflict, not "外孙" in "外孙女".
    assert [f.check for f in check_bible_kin([("外孙", "外孙女")])] == ["names.kin-conflict"]
    assert check_bible_kin([("外孙女", "外孙女")]) == []


def test_a_clause_opens_on_its_whole_kin_word() -> None:
    ((group, terms),) = idea_deeds("外孙女收到了外婆寄来的围巾和写错字的纸条")
    assert group[0] == "granddaughter"
    assert "围巾" in terms


def test_an_english_person_named_by_the_ideas_word_gets_the_ideas_phrase_as_role() -> None:
    """Recorded (craft bench and a film, en-ancient-letter, 2026-12-05): "General", role
    "exiled father"; the swordswoman called him Dad and carried the letter to "the Dad"."""
    from film.quality.people.missing import roles_in_idea_words
    from film.screenplay import CharacterProfile

    idea = (
        "A young swordswoman must carry a sealed letter across a snowy mountain pass to "
        "the general who exiled her father."
    )
    people = [
        CharacterProfile(name="Mei Mei", role="young swordswoman, daughter"),
        CharacterProfile(name="General", role="exiled father"),
        CharacterProfile(name="Nurse", role="a nurse at the camp"),
    ]
    roles = [p.role for p in roles_in_idea_words(idea, people)]
    assert roles == [
        "young swordswoman, daughter",
        "general who exiled her father",
        "a nurse at the camp",
    ]
