"""The gate as the drafting stages use it: good films pass every stage, words come out right."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, beats_of, brief_for
from media_kit import chinese_film, english_film

from film.quality import (
    CHECKS,
    Brief,
    Finding,
    Stage,
    check_scene,
    check_screenplay,
    check_stage,
    fired,
    refusal_message,
    retry_note,
)
from film.screenplay import DialogueLine, Screenplay


def partial(film: Screenplay, stage: str) -> Screenplay:
    """The screenplay as the drafting stages build it after ``stage``."""
    if stage == "logline":
        return film.model_copy(update={"characters": [], "scenes": []})
    if stage in ("characters", "outline"):
        return film.model_copy(update={"scenes": []})
    return film


@pytest.mark.parametrize("name", sorted(GOOD_FILMS))
@pytest.mark.parametrize("stage", ["logline", "characters", "outline", "scenes", "revision"])
def test_good_films_pass_every_stage(name: str, stage: Stage) -> None:
    film, idea = GOOD_FILMS[name]()
    findings = check_stage(stage, partial(film, stage), brief_for(film, idea), beats=beats_of(film))
    assert findings == []


def test_good_films_pass_scene_by_scene() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        names = [c.name for c in film.characters]
        for index, scene in enumerate(film.scenes):
            assert (
                check_scene(
                    scene, brief_for(film, idea), characters=names, title=film.title, index=index
                )
                == []
            )


def test_the_shared_test_films_pass() -> None:
    chinese = chinese_film()
    assert (
        check_screenplay(
            chinese, brief_for(chinese, "除夕夜，在外打工的儿子赶回老家，给妈妈一个惊喜。")
        )
        == []
    )
    english = english_film()
    idea = "A shy student misses the last bus of the year; a night-shift driver stops for her."
    assert (
        check_screenplay(english, brief_for(english, idea, skip=("fountain", "generated-video")))
        == []
    )


def test_a_bad_scene_is_reported_at_its_own_path() -> None:
    film, idea = GOOD_FILMS["family"]()
    scene = film.scenes[1].model_copy(
        update={
            "place": "NIGHT",
            "dialogue": [DialogueLine(speaker="Lily", text="Story so far: we ride.”}],")],
        }
    )
    findings = check_scene(
        scene, brief_for(film, idea), characters=["Grandpa Joe", "Lily"], index=1
    )
    assert {(f.check, f.path) for f in findings} == {
        ("debris.prompt", "scenes[1].dialogue[0].text"),
        ("names.place-is-time", "scenes[1].place"),
    }
    assert findings[0].family == "debris"


def bad_findings() -> list[Finding]:
    film, idea = GOOD_FILMS["family"]()
    scenes = [s.model_copy(update={"place": "NIGHT"}) for s in film.scenes]
    bad = film.model_copy(update={"scenes": scenes, "title": "{0.first}"})
    return check_screenplay(bad, brief_for(film, idea, target_s=120.0))


def test_findings_come_in_family_order_and_name_their_checks() -> None:
    findings = bad_findings()
    assert [f.family for f in findings] == sorted((f.family for f in findings), key=CHECKS.index)
    assert fired(findings) == ["debris.template", "names.place-is-time", "runtime.too-short"]


def test_the_retry_note_lists_each_check_once_first() -> None:
    note = retry_note(bad_findings(), limit=3)
    lines = note.splitlines()
    assert lines[0].startswith("Your last answer had these problems")
    assert lines[1].startswith("1. ") and "template slot" in lines[1]
    assert "NIGHT" in lines[2] and "runs about" in lines[3]
    assert lines[4] == "(and 2 more of the same kinds)"


def test_the_refusal_is_honest_in_both_languages() -> None:
    findings = bad_findings()
    english = refusal_message(findings, "en", "scenes")
    assert english.startswith("I couldn't write a screenplay I'd stand behind")
    assert "instructions or code" in english and "{0.first}" not in english
    chinese = refusal_message(findings, "zh", "characters")
    assert chinese.startswith("这次我没能写出站得住的人物")
    assert "时长" in chinese and "NIGHT" not in chinese


def test_a_brief_is_plain_data() -> None:
    brief = Brief(idea="x")
    assert (brief.language, brief.genre, brief.target_s, brief.guidelines, brief.cap_s) == (
        "en",
        None,
        None,
        (),
        600.0,
    )
