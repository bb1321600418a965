"""The shared domain models: genres, bounds, project history."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from film.screenplay import (
    CharacterProfile,
    DialogueLine,
    Genre,
    Project,
    Scene,
    Screenplay,
)


def small() -> Screenplay:
    return Screenplay(
        title="T",
        logline="L",
        genre="youth-romance",
        characters=[CharacterProfile(name="Mia")],
        scenes=[Scene(number=1, place="Roof", action=["Wind."])],
    )


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("youth-romance", Genre.YOUTH_ROMANCE),
        ("Youth Romance", Genre.YOUTH_ROMANCE),
        ("youth_romance", Genre.YOUTH_ROMANCE),
        ("青春爱情", Genre.YOUTH_ROMANCE),
        ("  ancient style ", Genre.ANCIENT_STYLE),
        ("古风吧", Genre.ANCIENT_STYLE),
        ("make it a romance", Genre.YOUTH_ROMANCE),
        ("a comedy please", Genre.GRASSROOTS_SPOOF),
        ("Touching Family (温情亲情)", Genre.TOUCHING_FAMILY),
        ("温情亲情（Touching Family）", Genre.TOUCHING_FAMILY),
        ("I'd love an ancient style film", Genre.ANCIENT_STYLE),
        ("something with beautiful scenery", Genre.AESTHETIC_SCENERY),
    ],
)
def test_genre_parse(text: str, genre: Genre) -> None:
    assert Genre.parse(text) is genre


@pytest.mark.parametrize("text", ["western", "", "a lovely glove story", "romance or comedy"])
def test_genre_parse_refuses_unknown_or_ambiguous(text: str) -> None:
    with pytest.raises(ValueError, match="grassroots-spoof, youth-romance"):
        Genre.parse(text)


def test_genre_labels_in_both_languages() -> None:
    assert Genre.ANCIENT_STYLE.label("en") == "Ancient Style (古风)"
    assert Genre.ANCIENT_STYLE.label("zh") == "古风（Ancient Style）"
    assert {g.english for g in Genre} >= {"Grassroots Spoof", "Aesthetic Scenery"}
    assert len({g.chinese for g in Genre}) == 6


def test_bounds_reject_what_small_models_get_wrong() -> None:
    with pytest.raises(ValidationError):
        CharacterProfile(name="   ")
    assert CharacterProfile(name="  Mia ").name == "Mia"
    with pytest.raises(ValidationError):
        DialogueLine(speaker="Mia", text="x" * 401)
    with pytest.raises(ValidationError):
        Scene(number=61, place="Roof")
    with pytest.raises(ValidationError):
        Scene(number=1, place="Roof", duration_s=1_000_000)
    with pytest.raises(ValidationError):
        Scene(number=1, place="Roof", time_of_day="LUNCH")
    with pytest.raises(ValidationError):
        Screenplay(title="T", logline="L", genre="western")
    assert (
        Scene(number=3, interior="INT/EXT", place="car park", time_of_day="DUSK").heading
        == "INT./EXT. CAR PARK - DUSK"
    )


def test_character_lookup_is_case_insensitive() -> None:
    screenplay = small()
    assert screenplay.character(" mia ") is screenplay.characters[0]
    assert screenplay.character("Leo") is None


def test_project_history_never_loses_a_version() -> None:
    project = Project(slug="t")
    assert project.screenplay is None
    first = project.commit(small(), "First draft")
    changed = small().model_copy(update={"title": "Changed"})
    project.commit(changed, "Retitled")
    restored = project.restore(1)
    assert (first.number, restored.number, project.current) == (1, 3, 3)
    assert project.screenplay == small() and restored.note == "Restored version 1"
    assert [v.screenplay.title for v in project.versions] == ["T", "Changed", "T"]
    restored.screenplay.title = "Edited copy"
    assert project.versions[0].screenplay.title == "T"  # the restore is a deep copy
    with pytest.raises(ValueError, match="versions: 1, 2, 3"):
        project.restore(7)


def test_project_json_round_trip_keeps_everything() -> None:
    project = Project(slug="t")
    project.commit(small(), "First draft")
    project.artefacts.scene_clips = {1: "scenes/001.mp4"}
    again = Project.model_validate(project.model_dump(mode="json"))
    assert again == project and again.artefacts.scene_clips == {1: "scenes/001.mp4"}
