"""A heading's place: the exact cuts of what a small model puts into it besides a place."""

from __future__ import annotations

import pytest

from film.places import clean_place, time_in_place, without_again


@pytest.mark.parametrize(
    ("place", "fixed"),
    [
        # Recorded (craft bench, the scooter, 2026-12-05): both headings were this sentence.
        ("The alleyway where Joe works as a food delivery rider", "The alleyway"),
        ("Joe's restaurant, where Joe is working as a rider", "Joe's restaurant"),
        ("The lift that broke down", "The lift"),
        # Recorded (the lighthouse, 2026-12-05): "EXT. THE BEACH AT DAWN - NIGHT".
        ("The beach at dawn", "The beach"),
        ("THE BEACH AT DAWN", "THE BEACH"),
        ("Rooftop at sunset again", "Rooftop"),
        # What is a place stays a place.
        ("Night market", "Night market"),
        ("Where the river bends", "Where the river bends"),  # nothing of a place before it
        ("Dawn Bakery", "Dawn Bakery"),
    ],
)
def test_a_place_loses_its_clause_and_its_hour(place: str, fixed: str) -> None:
    assert without_again(place) == fixed


def test_the_hour_a_place_named_is_read_off_it() -> None:
    assert time_in_place("The beach at dawn") == "DAWN"
    assert time_in_place("Park at night") == "NIGHT"
    assert time_in_place("A city in the evening") == "EVENING"
    assert time_in_place("Rooftop at sunset again") == "DUSK"
    assert time_in_place("Night market") == ""
    assert time_in_place("The alleyway where Joe works at night") == ""  # the clause's, not its


def test_a_heading_place_is_cleaned_whole() -> None:
    heading = "EXT. THE ALLEYWAY WHERE JOE WORKS AS A FOOD DELIVERY RIDER - DAY"
    assert clean_place(heading, ["Joe"]) == "THE ALLEYWAY"
    assert clean_place("A beach at dusk", []) == "Beach"
    assert clean_place("Joe", ["Joe"], "zh") == "家"
