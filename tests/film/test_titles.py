"""The one table of English titles: each pass that reads a title agrees with the others."""

from __future__ import annotations

from film.quality.text import sentences, strip_abbreviations
from film.speakers import TITLE_WORD
from film.titles import title_sex


def test_a_title_gives_the_sex_and_a_plain_name_none() -> None:
    assert title_sex("Mrs. Thompson") == "f"
    assert title_sex("mr li") == "m"
    assert title_sex("Miss Chen") == "f"
    assert title_sex("Dr. Wu") == ""
    assert title_sex("Tom") == ""


def test_a_doctors_stop_ends_no_sentence_and_is_a_title() -> None:
    assert sentences("Ask Dr. Wu. She knows.") == ["Ask Dr. Wu.", "She knows."]
    assert strip_abbreviations("Prof. Li and Dr. Wu") == "Prof Li and Dr Wu"
    assert TITLE_WORD.match("Dr.") and TITLE_WORD.match("miss")
    assert not TITLE_WORD.match("Drum")
