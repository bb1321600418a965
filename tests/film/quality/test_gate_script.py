"""Every viewer-visible field is in the film's language."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, brief_for, fired_ids, romance_film

from film.form import with_estimates
from film.quality import Brief, check_screenplay
from film.quality.script import wrong_script
from film.screenplay import CharacterProfile, DialogueLine, Genre, Scene, Screenplay

GRANDMA_IDEA = "奶奶每年除夕都给全家包饺子，今年她想把手艺教给孙女。"


def best_ever() -> Screenplay:
    """The recorded answer to the grandmother-and-dumplings idea: English, and not the idea."""
    return with_estimates(
        Screenplay(
            title="The Best Ever",
            logline="Mike and Liam try to win the big game.",
            genre=Genre.TOUCHING_FAMILY,
            language="zh",
            theme="Friendship",
            setting_time="Summer",
            characters=[
                CharacterProfile(name="Mike", look="tall"),
                CharacterProfile(name="Liam", look="short"),
            ],
            scenes=[
                Scene(
                    number=1,
                    place="Stadium",
                    action=["Mike runs onto the field."],
                    dialogue=[DialogueLine(speaker="Liam", text="This is the best ever!")],
                    characters=["Mike", "Liam"],
                )
            ],
        )
    )


def test_the_best_ever_is_caught() -> None:
    film = best_ever()
    findings = check_screenplay(film, Brief(idea=GRANDMA_IDEA, language="zh", target_s=20.0))
    wrong = {f.path for f in findings if f.check == "script.wrong-language"}
    # "Stadium" alone could be a brand name used as a place, so it is let through.
    assert {
        "title",
        "logline",
        "characters[0].name",
        "characters[1].name",
        "scenes[0].action[0]",
        "scenes[0].dialogue[0].text",
    } <= wrong
    assert {"coverage.logline", "coverage.film", "coverage.missing-person"} <= fired_ids(findings)
    title = next(f for f in findings if f.path == "title" and f.family == "script")
    assert "Simplified Chinese" in title.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("在KTV唱歌", "line"),
        ("他买了一部iPhone。", "action"),
        ("KTV", "place"),
        ("Starbucks", "place"),
        ("DJ", "name"),
        ("小明", "name"),
        ("VIP包间", "place"),
        ("我在学Python，想做游戏。", "line"),
        ("我们去 ok 吧。", "line"),
    ],
)
def test_chinese_with_short_latin_tokens_passes(text: str, kind: str) -> None:
    assert not wrong_script(text, "zh", kind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mike", "name"),
        ("The Best Ever", "title"),
        ("Grandma makes 饺子", "line"),
        ("Bus station", "place"),
        ("tall", "look"),
        # Recorded (夜市女孩自学编程, 2026-12-01): one plain English word in a Chinese line.
        ("我真没想到自己能学会这么 complicated的东西。", "line"),
    ],
)
def test_english_in_a_chinese_film_is_caught(text: str, kind: str) -> None:
    assert wrong_script(text, "zh", kind)


def test_chinese_in_an_english_film_is_caught() -> None:
    assert wrong_script("小明家的厨房", "en", "place")
    assert wrong_script("小明", "en", "name")
    assert not wrong_script("Nai Nai (奶奶) smiles", "en", "action")


def test_a_chinese_idea_needs_a_chinese_screenplay() -> None:
    film, idea = romance_film()
    english = Brief(idea=idea, language="en")
    assert "script.wrong-language" in fired_ids(check_screenplay(film, english))
    assert "script.wrong-language" not in fired_ids(check_screenplay(film, brief_for(film, idea)))


def test_the_language_tag_must_match() -> None:
    film, idea = romance_film()
    findings = check_screenplay(film.model_copy(update={"language": "en"}), brief_for(film, idea))
    assert ("script.wrong-language", "language") in {(f.check, f.path) for f in findings}


def test_good_films_are_in_their_language() -> None:
    for make in GOOD_FILMS.values():
        film, idea = make()
        assert not [
            f for f in check_screenplay(film, brief_for(film, idea)) if f.family == "script"
        ]
