"""The runtime is within 15 % of the request and never over the cap."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, beats_of, brief_for, family_film, fired_ids

from film.form import estimate_runtime, with_estimates
from film.quality import Brief, check_beats, check_screenplay
from film.quality.runtime import within
from film.screenplay import Screenplay


def forty_six_seconds() -> Screenplay:
    """The recorded 60 s request that gave a 46 s film."""
    film, _idea = family_film()
    extra = ["The bus stops at a red light.", "Leaves blow across the road."]
    scenes = [s.model_copy(update={"action": [*s.action, *extra]}) for s in film.scenes]
    return with_estimates(film.model_copy(update={"scenes": scenes}))


def test_sixty_seconds_asked_forty_six_given_is_caught() -> None:
    film = forty_six_seconds()
    assert estimate_runtime(film) == pytest.approx(46.4)
    _film, idea = family_film()
    findings = check_screenplay(film, brief_for(film, idea, target_s=60.0))
    short = [f for f in findings if f.family == "runtime"]
    assert [f.check for f in short] == ["runtime.too-short"]
    assert "about 46 s but 60 s" in short[0].message
    assert "6 more action or dialogue lines" in short[0].message


def test_within_fifteen_percent_passes() -> None:
    assert within(52.0, 60.0) and within(68.0, 60.0)
    assert not within(50.0, 60.0) and not within(70.0, 60.0)
    film = forty_six_seconds()
    _film, idea = family_film()
    assert "runtime.too-short" not in fired_ids(
        check_screenplay(film, brief_for(film, idea, target_s=50.0))
    )


def test_too_long_is_caught() -> None:
    film = forty_six_seconds()
    _film, idea = family_film()
    findings = check_screenplay(film, brief_for(film, idea, target_s=30.0))
    assert "runtime.too-long" in fired_ids(findings)


def test_the_cap_is_never_exceeded() -> None:
    film, idea = family_film()
    brief = Brief(idea=idea, target_s=None, cap_s=20.0)
    assert "runtime.over-cap" in fired_ids(check_screenplay(film, brief))


def test_the_outline_is_sized_from_the_request() -> None:
    film, idea = family_film()
    beats = beats_of(film)
    assert "runtime.beat-count" in fired_ids(
        check_beats(beats, Brief(idea=idea, target_s=300.0), characters=["Grandpa Joe", "Lily"])
    )
    assert (
        check_beats(beats, Brief(idea=idea, target_s=60.0), characters=["Grandpa Joe", "Lily"])
        == []
    )


def test_good_films_run_as_long_as_asked() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert not [
            f for f in check_screenplay(film, brief_for(film, idea)) if f.family == "runtime"
        ]
