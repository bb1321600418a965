"""A role's head noun: the baker is a Baker, and a meeting is nobody."""

from __future__ import annotations

import pytest

from film.quality.heads import job_as_name, names_no_person, role_head
from film.quality.people.bible import mended_bible
from film.screenplay import CharacterProfile


@pytest.mark.parametrize(
    ("role", "head"),
    [
        ("The baker across the street", "baker"),
        ("food delivery rider", "rider"),
        ("a retired piano teacher who lost her hearing", "teacher"),
        ("The night-shift nurse", "nurse"),
        ("Leo's grandmother, a widow", "grandmother"),
        ("The meeting at the bakery window", "meeting"),
        ("卖煎饼的女孩", ""),
        ("", ""),
    ],
)
def test_the_head_of_a_role_is_who_they_are(role: str, head: str) -> None:
    assert role_head(role) == head


def test_a_name_that_is_the_roles_head_is_a_job_not_a_name() -> None:
    """Recorded (the nurse and the baker, 2026-12-03): "Baker", the baker across the street."""
    assert job_as_name("Baker", "The baker across the street")
    assert job_as_name("Rider", "food delivery rider")
    assert not job_as_name("Grandpa", "grandpa of Mia")
    assert not job_as_name("Sam", "The baker across the street")
    assert not job_as_name("Street", "Mia's friend")


def test_an_event_or_a_time_is_nobody_and_a_pinyin_name_is_somebody() -> None:
    for role in (
        "The meeting at the bakery window",
        "the first encounter",
        "A wedding in the village",
        "the evening",
    ):
        assert names_no_person(role), role
    for role in (
        "Xiaoming",
        "Xiaoming's grandmother",
        "The king of the night market",
        "a darling of the crowd",
        "The baker across the street",
        "Summer, a nurse",
        "lead singer of the band",
        "奶奶",
    ):
        assert not names_no_person(role), role


def test_the_bible_loses_an_entry_that_is_nobody() -> None:
    idea = "A night-shift nurse and the baker swap notes on the bakery window without meeting."
    nurse = CharacterProfile(name="Sam", role="The night-shift nurse", look="A nurse, 30.")
    baker = CharacterProfile(name="Alex", role="The baker across the street", look="A baker.")
    meeting = CharacterProfile(
        name="Meeting",
        role="The meeting at the bakery window",
        look="The characters are standing at the window of a bakery.",
    )
    mended = mended_bible(idea, [nurse, baker, meeting], "en")
    assert [p.name for p in mended] == ["Sam", "Alex"]
    # Never an empty bible: the other mends and the gate ask for the idea's people.
    assert len(mended_bible(idea, [meeting], "en")) == 1


def test_a_name_that_only_says_whose_someone_is_becomes_a_name() -> None:
    """Recorded (craft bench, the drummer, 2026-12-04): "Sam's friend" was a bible name."""
    from film.quality.heads import owned_label
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    assert owned_label("Sam's friend", ["Sam", "Sam's friend"])
    assert owned_label("小明的朋友", ["小明", "小明的朋友"])
    assert not owned_label("Sam's friend", ["Alex"])  # whose, it cannot tell
    assert not owned_label("Mary Ann", ["Mary", "Mary Ann"])
    sam = CharacterProfile(name="Sam", role="lead drummer", look="a tall boy, deaf")
    friend = CharacterProfile(name="Sam's friend", role="Companion", look="a short boy")
    drummer = "A deaf teenage drummer trains for the school battle of the bands."
    bible = mended_bible(drummer, [sam, friend], "en")
    assert bible[1].name not in ("Sam's friend", "Sam") and "Sam's friend" in bible[1].role
    zh = [
        CharacterProfile(name="小明", role="学生", look="十五岁男孩"),
        CharacterProfile(name="小明的朋友", role="同学", look="十五岁女孩"),
    ]
    renamed = mended_bible("小明学打鼓", zh, "zh")[1]
    assert "的" not in renamed.name and "小明的朋友" in renamed.role
