"""The story is complete: time, places, characters with looks, a theme and a whole plot."""

from __future__ import annotations

from gate_kit import GOOD_FILMS, brief_for, family_film, fired_ids

from film.quality import Brief, check_bible, check_logline, check_screenplay
from film.quality.story.completeness import min_scenes
from film.screenplay import CharacterProfile, Scene


def test_a_logline_stage_missing_its_parts_is_caught() -> None:
    findings = check_logline("Untitled", "A bus.", "", "", Brief(idea="A bus."))
    assert {
        "completeness.no-title",
        "completeness.no-logline",
        "completeness.no-theme",
        "completeness.no-time",
    } <= fired_ids(findings)


def test_the_recorded_vague_time_and_genre_theme_are_caught() -> None:
    # Recorded (craft bench 17:26, en-family-bus): the prompt's own examples came back.
    brief = Brief(idea="A retired bus driver rides his old route one last time.")
    logline = "A retired bus driver rides his old route one last time with his granddaughter."
    findings = check_logline("The Last Bus Home", logline, "touching family", "a season", brief)
    assert {"completeness.vague-time", "completeness.theme-is-genre"} <= fired_ids(findings)
    zh = check_logline("最后一班车", "退休司机带孙女坐最后一班车。", "温情亲情", "某个季节", brief)
    assert {"completeness.vague-time", "completeness.theme-is-genre"} <= fired_ids(zh)
    told = check_logline("The Last Bus Home", logline, "letting go", "a June evening", brief)
    assert not {"completeness.vague-time", "completeness.theme-is-genre"} & fired_ids(told)


def test_a_retry_message_gives_the_model_no_story_facts_to_copy() -> None:
    """A retry's example becomes the story: the drummer, whose idea has no June, was set
    "a June afternoon", the vague-time message's example (craft bench, 2026-12-02)."""
    from film.quality.fields import VisibleText
    from film.quality.names import name_problem
    from film.quality.script import check_script

    brief = Brief(idea="A deaf teenage drummer auditions for the school band.")
    vague = check_logline("The Beat", "A deaf drummer plays.", "courage", "a season", brief)
    label = name_problem("Dialogue")[1]
    wrong = check_script([VisibleText("characters[0].name", "name", "Mike")], "zh")
    messages = " ".join([*(f.message for f in [*vague, *wrong]), label])
    for example in ("June", "Mia", "小明", "王奶奶", "Grandpa Li", "Kitchen", "中秋"):
        assert example not in messages, example


def test_characters_need_looks_but_a_narrator_does_not() -> None:
    cast = [CharacterProfile(name="Lily", look=""), CharacterProfile(name="Narrator")]
    findings = check_bible(cast, Brief(idea="Lily's day"))
    assert [(f.check, f.path) for f in findings] == [("completeness.no-look", "characters[0].look")]
    assert fired_ids(check_bible([], Brief(idea="x"))) == {"completeness.no-characters"}


def test_a_minute_needs_three_scenes() -> None:
    assert [min_scenes(s) for s in (10, 20, 59, 60, 300)] == [1, 2, 2, 3, 3]
    film, idea = family_film()
    short = film.model_copy(update={"scenes": film.scenes[:2]})
    findings = check_screenplay(short, brief_for(short, idea, target_s=60.0))
    assert "completeness.too-few-scenes" in fired_ids(findings)


def test_an_empty_scene_is_caught() -> None:
    film, idea = family_film()
    empty = Scene(number=4, place="River bank", characters=["Lily"])
    bad = film.model_copy(update={"scenes": [*film.scenes, empty]})
    findings = check_screenplay(bad, brief_for(bad, idea))
    assert ("completeness.empty-scene", "scenes[3]") in {(f.check, f.path) for f in findings}


def test_good_films_are_complete() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert not [
            f for f in check_screenplay(film, brief_for(film, idea)) if f.family == "completeness"
        ]
