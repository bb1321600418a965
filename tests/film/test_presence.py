"""Who the animatic may draw as a person (film.presence)."""

from __future__ import annotations

import pytest

from film.presence import drawn_as_person, is_narrator


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("The sea", ""),  # a lighthouse draft gave the sea lines
        ("Sea", ""),
        ("Moon", ""),
        ("月亮", ""),
        ("大海", ""),
        ("The Sea", "the ocean that speaks"),
        ("Ocean", "the sea itself"),
        ("Ginger", "the orange cat"),
        ("Ginger", "the orange cat who steals takeout"),
        ("大橘", "小区里的流浪橘猫"),
        ("橘猫", "宠物"),  # the craft bench's guard film: the cat's role was "pet"
        ("小狗", "邻居家的"),
        ("Biscuit", "the family pet"),
        ("Narrator", ""),
        ("旁白", ""),
        ("画外音", "讲述者"),
    ],
)
def test_voices_things_and_animals_are_not_people(name: str, role: str) -> None:
    assert not drawn_as_person(name, role)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Mia", "a cat lover"),
        ("Tom", "the dog walker next door"),
        ("李阿姨", "猫奴，退休教师"),
        ("Old Chen", "retired lighthouse keeper"),
        ("River", "a young fisherman"),  # a person's role outweighs a name that is a word
        ("Sunny", "a nurse"),
        ("小雪", "高三学生"),
        ("Peter", "a pet shop owner"),
        ("Lily", ""),
    ],
)
def test_people_stay_people(name: str, role: str) -> None:
    assert drawn_as_person(name, role)


def test_narrators_in_both_languages() -> None:
    assert is_narrator(" Narrator ") and is_narrator("旁白") and is_narrator("V.O.")
    assert not is_narrator("Nora")


def test_a_thing_word_that_only_qualifies_a_person_is_a_person() -> None:
    """Recorded (by hand, 2026-12-02): Lily, "Night-shift cleaner", was never drawn."""
    from film.presence import drawn_as_person

    assert drawn_as_person("Lily", "Night-shift cleaner")
    assert drawn_as_person("Tom", "a sea captain")
    assert drawn_as_person("Kai", "Sun-bleached fisherman")
    assert not drawn_as_person("Ginger", "the orange cat")
    assert not drawn_as_person("Rex", "a stray dog who follows her")
    assert not drawn_as_person("The sea", "the sea itself")
