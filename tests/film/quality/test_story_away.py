"""Whom the idea puts out of the film is not on screen (the letter, craft bench, 2026-12-04)."""

from __future__ import annotations

from film.quality.coverage import check_people, idea_people
from film.quality.story.apart import kept_away
from film.quality.story.away import away_words, is_away
from film.quality.story.roles import away_cast, beat_cast
from film.screenplay import DialogueLine, Scene

LETTER = (
    "A young swordswoman must carry a sealed letter across a snowy mountain pass to the "
    "general who exiled her father."
)
LETTER_ZH = "年轻的女剑客要翻过雪山，把一封密信送给流放了她父亲的将军。"


def test_the_exiled_and_the_dead_are_away() -> None:
    assert is_away(LETTER, "father")
    assert is_away(LETTER_ZH, "父亲")
    assert is_away("A boy cooks his late grandmother's dumplings for grandpa", "grandmother")
    assert not is_away("A boy cooks his late grandmother's dumplings for grandpa", "grandpa")
    assert is_away("He mourns his wife on the pier every evening", "wife")
    assert is_away("Her father, who died last spring, left her a bike", "father")
    assert is_away("奶奶去世后，孙女学做她的饺子", "奶奶")
    assert is_away("孙女学做已故的奶奶教过的饺子", "奶奶")
    assert away_words("奶奶去世后，孙女学做她的饺子", ["奶奶", "孙女"]) == ["奶奶"]


def test_who_is_only_lost_or_far_is_not_away() -> None:
    """A search for someone missing ends in finding them; someone far off comes home."""
    assert not is_away("A girl searches the city for her missing brother", "brother")
    assert not is_away("爸爸在外地打工，女儿等他回家过年", "爸爸")
    assert not is_away("A father teaches his daughter to ride a bike", "father")
    assert not is_away("A late-night cook feeds her father", "father")


def test_the_bible_is_not_asked_for_someone_away() -> None:
    """The bible had been made to cast the letter's father, who then walked the pass."""
    # Whom she carries it to is asked of the bible, and he is the general, however written.
    assert [g[0] for g in idea_people(LETTER)] == ["general"]
    assert [g[0] for g in idea_people(LETTER_ZH)] == ["general"]
    bible = [("Lily", "young swordswoman"), ("Walter", "General exiled by her father")]
    assert check_people(LETTER, bible) == []
    assert [f.text for f in check_people(LETTER, bible[:1])] == ["general"]
    grandma = "A boy cooks his late grandmother's dumplings for his grandpa"
    assert [g[0] for g in idea_people(grandma)] == ["grandfather", "boy"]


def test_the_bible_person_away_is_known_by_name_or_role() -> None:
    people = [("Lily", "young swordswoman, daughter"), ("Wei", "her exiled father")]
    assert away_cast(LETTER, people) == ["Wei", "Father"]
    assert away_cast(LETTER, [("Lily", "swordswoman"), ("Father", "father")]) == ["Father"]
    assert away_cast(LETTER_ZH, [("林月", "女剑客"), ("林父", "父亲")]) == ["林父", "父亲"]
    assert away_cast("A father teaches his daughter to swim", [("Tom", "father")]) == []


def test_a_beat_does_not_cast_anyone_away() -> None:
    assert beat_cast("Lily and Father set off.", ["Lily", "Father"], 0, away=["Father"]) == ["Lily"]
    # Never nobody: a beat of only the one away keeps them rather than show no one.
    assert beat_cast("Father waits.", ["Father"], 0, away=["Father"]) == ["Father"]


def _letter_scene() -> Scene:
    """Scenes 1 and 4 of the recorded draft, as the model wrote them (2026-12-04)."""
    return Scene(
        number=1,
        interior="EXT",
        place="Snowy Mountain Pass",
        action=[
            "Lily and Father are walking down the snow-covered mountain path.",
            "Father is looking at Lily, who is carrying a sealed letter.",
            "Lily stops to rest on a rock and looks up at the sky.",
            "As they reach the top, Father stops and looks around him.",
            "Lily reaches out her hand to Father.",
            "Lily thinks of her father's exile.",
        ],
        dialogue=[
            DialogueLine(speaker="Lily", text="I need to deliver this letter quickly."),
            DialogueLine(speaker="Father", text="Sure, I'll help you."),
            DialogueLine(speaker="Lily", text="It is for my father's exiled status."),
        ],
        visual="Lily and Father walking together, the snow falling. The pass is white.",
        characters=["Lily", "Father"],
    )


def test_the_exiled_father_is_not_on_the_pass() -> None:
    scene = kept_away(_letter_scene(), ["Father"], {"Lily": "swordswoman", "Father": "father"})
    assert scene.characters == ["Lily"]
    assert scene.action == [
        "Lily stops to rest on a rock and looks up at the sky.",
        "Lily thinks of her father's exile.",  # spoken of, not there
    ]
    assert [line.text for line in scene.dialogue] == [
        "I need to deliver this letter quickly.",
        "It is for my father's exiled status.",
    ]
    assert scene.visual == "The pass is white."


def test_others_stay_together_when_one_is_away() -> None:
    """Unlike people who never meet, the grandson and grandpa may sit together."""
    scene = Scene(
        number=1,
        place="Kitchen",
        action=["Tom and Grandpa sit together at the table.", "Grandmother stirs the pot."],
        characters=["Tom", "Grandpa", "Grandmother"],
    )
    kept = kept_away(scene, ["Grandmother"])
    assert kept.action == ["Tom and Grandpa sit together at the table."]
    assert kept.characters == ["Tom", "Grandpa"]
    zh = Scene(
        number=1,
        place="山路",
        action=["林月和父亲走在雪山上。", "林月握紧了剑。"],
        characters=["林月", "父亲"],
    )
    assert kept_away(zh, ["父亲"]).action == ["林月握紧了剑。"]


def test_a_general_is_a_person_but_not_in_general() -> None:
    from film.quality.coverage import mentions

    for person in ("the general who exiled her father", "General Li rides", "an old general"):
        assert mentions(person, "general"), person
    for thing in ("She runs a general store", "In general, he is shy", "the general idea"):
        assert not mentions(thing, "general"), thing


def test_the_general_who_exiled_her_father_is_not_an_exiled_general() -> None:
    """Recorded (``microfilm draft`` and the craft bench, 2026-12-04): "Exiled General",
    "General exiled by her father"."""
    from film.quality.people.bible import mended_bible
    from film.quality.story.away import role_as_told
    from film.screenplay import CharacterProfile

    for turned in ("Exiled General", "General exiled by her father"):
        assert role_as_told(LETTER, turned) == "general who exiled her father"
    for kept in ("general", "daughter", "the general who exiled her father"):
        assert role_as_told(LETTER, kept) == kept
    ben = CharacterProfile(name="Ben", role="Exiled General", look="a tall man, short hair")
    lily = CharacterProfile(name="Lily", role="swordswoman", look="a young woman, long hair")
    roles = [p.role for p in mended_bible(LETTER, [lily, ben], "en")]
    assert roles[1] == "general who exiled her father"


def test_the_swordswoman_is_the_daughter_not_beside_one() -> None:
    """Recorded (craft bench, 2026-12-04, 16:19): "Emma, daughter" and "Lily, young
    swordswoman" in one bible, and Lily's role then replaced by "daughter": two of her."""
    from film.quality.people.bible import mended_bible
    from film.screenplay import CharacterProfile

    bible = [
        CharacterProfile(name="Emma", role="daughter", look="A young woman in a black cloak"),
        CharacterProfile(name="Ben", role="general", look="A tall man"),
        CharacterProfile(name="Lily", role="young swordswoman", look="A young woman, white cloak"),
    ]
    mended = mended_bible(LETTER, bible, "en")
    assert [(p.name, p.role) for p in mended] == [
        ("Ben", "general"),
        ("Lily", "young swordswoman, daughter"),
    ]


def test_a_grandson_far_away_is_away_and_one_leaving_tomorrow_is_not() -> None:
    """Recorded (the web app, 2026-12-04 22:18): "她远方孙子寄来的信" put the grandson on
    the courier's doorstep, calling the courier 爸."""
    from film.quality.story.away import is_away

    courier = "快递员每天给独居的老奶奶送一个包裹，其实里面都是她远方孙子寄来的信，40秒"
    assert is_away(courier, "孙子") and not is_away(courier, "奶奶")
    assert not is_away("孙子明天就要去外地上大学，奶奶在厨房里教他包饺子。", "孙子")
    assert is_away("She reads letters from her faraway grandson.", "grandson")
