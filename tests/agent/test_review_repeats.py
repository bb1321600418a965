"""A scene that still only repeats another after its rewrites is cut, not the film refused.

Recorded (craft bench, the night market, 2026-12-04 21:18): scene 5 of six was the idea
pasted as a beat, its one action line an earlier scene's; both rewrites kept it, and the
whole film was refused for one repeated line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.drafting.scenes import review
from film.form import estimate_runtime, with_estimates
from film.quality import Finding
from film.quality.gate import Brief
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

IDEA = "A retired bus driver drives his old route one last time with his granddaughter."


@dataclass
class _Writer:
    brief: Brief
    language: str = "en"
    repairs: list[str] = field(default_factory=list)


def _scene(number: int, place: str, action: str, lines: tuple[str, str]) -> Scene:
    return Scene(
        number=number,
        interior="INT",
        place=place,
        time_of_day="DAY",
        action=[action],
        dialogue=[
            DialogueLine(speaker="Lily", text=lines[0]),
            DialogueLine(speaker="Grandpa Joe", text=lines[1]),
        ],
        characters=["Grandpa Joe", "Lily"],
    )


def _film() -> Screenplay:
    first = _scene(
        1,
        "Old green bus",
        "Grandpa Joe drives the old green bus past the bakery.",
        ("Is this really your bus, Grandpa?", "For thirty years, every single morning."),
    )
    second = _scene(
        2,
        "Old green bus",
        "The bus rolls past the school and the river.",
        ("You know the whole city!", "That baker gave me bread every Friday."),
    )
    again = first.model_copy(update={"number": 3})
    return with_estimates(
        Screenplay(
            title="The Number 9 Route",
            genre=Genre.TOUCHING_FAMILY,
            language="en",
            logline="A retired bus driver takes his granddaughter along his old route.",
            theme="The quiet pride of a life's work",
            setting_time="An autumn Sunday",
            characters=[
                CharacterProfile(
                    name="Grandpa Joe",
                    role="retired bus driver",
                    look="70, white moustache",
                    wardrobe="faded blue uniform",
                ),
                CharacterProfile(
                    name="Lily", role="his granddaughter", look="9, two braids", wardrobe="red coat"
                ),
            ],
            scenes=[first, second, again],
        )
    )


def test_a_scene_left_repeating_another_is_cut_and_said() -> None:
    film = _film()
    writer = _Writer(Brief(idea=IDEA, language="en", target_s=estimate_runtime(film)))
    blocking = review.blocking_findings(film, writer)  # type: ignore[arg-type]
    assert blocking and {f.family for f in blocking} == {"repetition"}
    cut = review._without_repeats(film, blocking, writer)  # type: ignore[arg-type]
    assert cut is not None
    assert [s.number for s in cut.scenes] == [1, 2]
    assert cut.scenes[1].action == film.scenes[1].action
    assert writer.repairs == ["cut scene(s) 3, which only repeated earlier ones"]


def test_only_repeats_are_cut_and_never_below_two_scenes() -> None:
    film = _film()
    writer = _Writer(Brief(idea=IDEA, language="en", target_s=estimate_runtime(film)))
    debris = Finding("debris.json", "scenes[2].action[0]", "{", "No JSON.")
    assert review._without_repeats(film, [debris], writer) is None  # type: ignore[arg-type]
    two = film.model_copy(update={"scenes": film.scenes[:1] + film.scenes[2:]})
    blocking = review.blocking_findings(two, writer)  # type: ignore[arg-type]
    assert review._without_repeats(two, blocking, writer) is None  # type: ignore[arg-type]
