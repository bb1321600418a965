"""The shared small rules of film/: language, project folders and the one form repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from film.form import estimate_runtime, validate_form
from film.language import NO_LINE_END, NO_LINE_START, detect_language, has_cjk
from film.paths import project_dir, user_slug
from film.repair import (
    MAX_CHARACTERS,
    TooManyCharacters,
    add_missing_speakers,
    deterministic_repair,
    within_form,
)
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("把第2场改得更感人", "zh"),
        ("make scene 2 funnier", "en"),
        ("rename 李明 to Xiao Wang everywhere", "en"),
        ("把李明改名为 Xiao Wang", "zh"),
        ("好", "en"),
        ("", "en"),
    ],
)
def test_language_follows_what_most_of_the_text_is(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert detect_language(text, "zh") == "zh"


def test_cjk_and_line_break_rules() -> None:
    assert has_cjk("a story about 李明") and not has_cjk("a story about Li Ming")
    assert {"，", "。", "」", ","} <= NO_LINE_START and {"（", "「", "“"} <= NO_LINE_END
    assert not NO_LINE_START & NO_LINE_END


def test_project_folder_precedence(tmp_path: Path) -> None:
    chosen, remembered = tmp_path / "chosen", tmp_path / "remembered"
    assert project_dir(chosen=chosen, remembered=remembered, name="x") == chosen.resolve()
    assert project_dir(chosen="", remembered=remembered, name="x") == remembered.resolve()
    web = project_dir(user="Alice", thread="t-1", home=tmp_path)
    assert web == (tmp_path / "projects" / user_slug("Alice") / "t-1").resolve()
    named = project_dir(name="../../Li Ming Comes Home", home=tmp_path)
    assert named == (tmp_path / "projects" / "li-ming-comes-home").resolve()
    threaded = project_dir(name="Li Ming Comes Home", thread="t-1", home=tmp_path)
    assert threaded.parent == named.parent and threaded.name.startswith("li-ming-comes-home-")
    assert threaded == project_dir(name="Li Ming Comes Home", thread="t-1", home=tmp_path)
    assert threaded != project_dir(name="Li Ming Comes Home", thread="t-2", home=tmp_path)


def _talky(speakers: list[str], cast: int = 1, lines: int = 2) -> Screenplay:
    scenes = [
        Scene(
            number=n,
            place="Kitchen",
            action=["Steam rises."],
            dialogue=[
                DialogueLine(speaker=s, text=" ".join(["word"] * 20))
                for s in speakers
                for _ in range(lines)
            ],
        )
        for n in (1, 2, 3)
    ]
    characters = [CharacterProfile(name=f"Lead {i}") for i in range(cast)]
    return Screenplay(
        title="T",
        logline="L",
        genre=Genre.TOUCHING_FAMILY,
        theme="home",
        characters=characters,
        scenes=scenes,
    )


def test_missing_speakers_join_the_bible_once_each_while_there_is_room() -> None:
    repaired, added = add_missing_speakers(_talky(["Waiter", "waiter", "Cook"]))
    assert added == ["Waiter", "Cook"]
    # Where they are met, as a cast list says it; "a minor character, first seen in scene 1"
    # read as the studio's own note (craft bench, 2026-12-02).
    assert [c.role for c in repaired.characters[1:]] == ["someone from the kitchen"] * 2
    crowd = [f"Guest {i}" for i in range(10)]
    repaired, added = add_missing_speakers(_talky(crowd, lines=1))
    assert len(repaired.characters) == MAX_CHARACTERS and added == crowd[: MAX_CHARACTERS - 1]


def test_a_newcomer_whose_name_says_old_is_drawn_old() -> None:
    """Recorded (the lighthouse, 2026-12-05): "Old man" was given "neat dark hair"."""
    repaired, added = add_missing_speakers(_talky(["Old man", "Cook"]))
    assert added == ["Old man", "Cook"]
    looks = {c.name: c.look for c in repaired.characters}
    assert looks["Old man"] == "about 70, grey hair, a lined face"
    assert looks["Cook"] == "average build, neat dark hair"


def test_the_bibles_own_person_with_an_article_is_not_a_second_person() -> None:
    """Recorded (en-ancient-letter, 2026-12-01): "The swordswoman" got an entry of her own."""
    film = _talky(["The lead 0", "Cook"])
    repaired, added = add_missing_speakers(film)
    assert added == ["Cook"]
    assert {line.speaker for line in repaired.scenes[0].dialogue} == {"Lead 0", "Cook"}


def test_two_newcomers_with_and_without_an_article_are_one_person() -> None:
    """Recorded (the piano teacher, 2026-12-03): "Boy" and "The boy" were two entries."""
    film = _talky(["Boy", "The boy", "The cook", "the Cook"])
    repaired, added = add_missing_speakers(film)
    assert added == ["Boy", "Cook"]
    assert {line.speaker for s in repaired.scenes for line in s.dialogue} == {"Boy", "Cook"}


def test_a_scene_writes_its_people_as_the_bible_does() -> None:
    """Recorded (craft bench, the scooter, 2026-12-03): the bible's "Police Officer" spoke as
    "@Police officer", and the fixes that find a person by name missed him."""
    from film.speakers import scene_spelled_as_in_bible

    scene = Scene(
        number=2,
        place="Busy street",
        action=["Sam stops."],
        characters=["Sam", "Police officer", "The police officer"],
        dialogue=[
            DialogueLine(speaker="Police officer", text="License, please."),
            DialogueLine(speaker="the police officer", text="Now."),
            DialogueLine(speaker="Waiter", text="Coffee?"),
        ],
    )
    spelled = scene_spelled_as_in_bible(scene, ["Sam", "Police Officer"])
    assert spelled.characters == ["Sam", "Police Officer"]
    assert [line.speaker for line in spelled.dialogue] == [
        "Police Officer",
        "Police Officer",
        "Waiter",  # a newcomer is left for the form repair to cast
    ]
    assert scene_spelled_as_in_bible(spelled, ["Sam", "Police Officer"]) is spelled


def test_a_newcomers_role_keeps_the_capitals_of_a_name() -> None:
    """Recorded (the piano teacher, 2026-12-03): "someone from the mrs. thompson's home"."""
    film = _talky(["Boy"])
    at_her_home = [s.model_copy(update={"place": "Mrs. Thompson's Home"}) for s in film.scenes]
    repaired, _ = add_missing_speakers(film.model_copy(update={"scenes": at_her_home}))
    assert repaired.characters[-1].role == "someone from Mrs. Thompson's home"
    from film.speakers import _met_at

    assert _met_at("The customer's house", "en") == "someone from the customer's house"


def test_a_place_read_as_a_speaker_is_no_person() -> None:
    """Recorded (en-ancient-letter, 2026-12-02): "General's Home" spoke, joined the bible,
    and the whole film was refused because a place was a character."""
    film = _talky(["Lead 0", "General's Home", "Kitchen", "Cook"])
    repaired, added = add_missing_speakers(film)
    assert added == ["Cook"]
    assert {line.speaker for s in repaired.scenes for line in s.dialogue} == {"Lead 0", "Cook"}
    # Nor the film itself: "CAMERA: A beautiful scene." (the lighthouse, 2026-12-04).
    film_speaks = _talky(["Lead 0", "Camera", "镜头", "Cook"])
    assert add_missing_speakers(film_speaks)[1] == ["Cook"]
    chinese = _talky(["小明的家", "画家"])
    assert add_missing_speakers(chinese)[1] == ["画家"]  # a painter is someone


def test_within_form_refuses_a_cast_the_bible_cannot_hold() -> None:
    with pytest.raises(TooManyCharacters):
        within_form(_talky([f"Guest {i}" for i in range(10)], lines=1), 600)
    fit = within_form(_talky(["Waiter"]), 30)
    assert fit.added_speakers == ["Waiter"] and fit.trimmed
    assert estimate_runtime(fit.screenplay) <= 30


def test_drafting_and_revision_trim_the_same_way() -> None:
    screenplay = _talky(["Lead 0"], lines=6)
    issues = validate_form(screenplay, cap_s=40)
    repaired, notes = deterministic_repair(screenplay, issues, limit_s=40)
    assert repaired == within_form(screenplay, 40).screenplay
    assert estimate_runtime(repaired) <= 40 and any(n.code == "trimmed" for n in notes)
    assert len(repaired.scenes) >= 2  # the opening and the ending are never cut


def test_a_speaker_called_by_a_bible_persons_first_name_is_that_person() -> None:
    """Recorded (the lighthouse, 2026-12-03): the keeper John Smith also spoke as "John",
    who got a card of his own and was drawn as a second man."""
    film = _talky(["John"])
    film = film.model_copy(update={"characters": [CharacterProfile(name="John Smith")]})
    repaired, added = add_missing_speakers(film)
    assert added == [] and {d.speaker for d in repaired.scenes[0].dialogue} == {"John Smith"}
    # Two Johns: nobody can tell which, so the newcomer stays a newcomer.
    two = film.model_copy(
        update={
            "characters": [CharacterProfile(name="John Smith"), CharacterProfile(name="John Ng")]
        }
    )
    assert add_missing_speakers(two)[1] == ["John"]


def test_a_cue_that_names_nobody_is_the_one_bible_person_not_speaking() -> None:
    """Recorded (microfilm draft, the bus, 2026-12-04): "MAN: It's always here, don't you
    think?" to the grandfather, and the granddaughter gone from the scene."""
    from film.screenplay import DialogueLine, Scene
    from film.speakers import nobody_as_the_other

    scene = Scene(
        number=2,
        place="Bus",
        characters=["Bob", "Man"],
        dialogue=[
            DialogueLine(speaker="Bob", text="I remember that place."),
            DialogueLine(speaker="Man", text="It's always here, don't you think?"),
        ],
    )
    mended = nobody_as_the_other(scene, ["Bob", "Sara"])
    assert [line.speaker for line in mended.dialogue] == ["Bob", "Sara"]
    assert mended.characters == ["Bob", "Sara"]
    # Who it is cannot be told with two people silent, or none; a role is somebody.
    assert nobody_as_the_other(scene, ["Bob", "Sara", "Tom"]) == scene
    officer = scene.model_copy(
        update={"dialogue": [DialogueLine(speaker="Police officer", text="Stop!")]}
    )
    assert nobody_as_the_other(officer, ["Bob", "Sara"]) == officer
    zh = Scene(
        number=1,
        place="厨房",
        dialogue=[
            DialogueLine(speaker="奶奶", text="包好了。"),
            DialogueLine(speaker="男孩", text="谢谢奶奶。"),
        ],
    )
    assert nobody_as_the_other(zh, ["奶奶", "孙子"]).dialogue[1].speaker == "孙子"
