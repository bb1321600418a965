"""A voice hint the model stopped before its noun loses the unfinished clause."""

from __future__ import annotations

import pytest

from film.quality.people.voice import whole_voice


@pytest.mark.parametrize(
    ("hint", "kept"),
    [
        # Craft bench, 2026-12-04 17:58: short of the length bound, so nothing cut them back.
        ("Soft and measured, with a hint of a deep, p", "Soft and measured"),
        ("Assertive and authoritative, with a hint", "Assertive and authoritative"),
        (
            "The voice of an experienced lighthouse keeper, with a deep",
            "The voice of an experienced lighthouse keeper",
        ),
        ("with a hint", ""),
        # The scooter, 21:42: a second sentence broken off mid-word.
        ("Deep and gruff. He speaks in a way that conN", "Deep and gruff"),
    ],
)
def test_a_hint_cut_before_its_noun_ends_on_its_last_whole_clause(hint: str, kept: str) -> None:
    assert whole_voice(hint) == kept


@pytest.mark.parametrize(
    "hint",
    [
        "Warm, with a Southern drawl",
        "Gruff, with a hint of humor",
        "Low, with a rasp",
        "A soft voice with a slight lisp",
        "Quiet, with long pauses",
        "low, steady, serious",
        "Warm. Slow, with a Southern drawl",
    ],
)
def test_a_finished_with_clause_is_kept(hint: str) -> None:
    assert whole_voice(hint) == hint
