"""An English ancient-style film is cast in Chinese names, carried through bible and logline."""

from __future__ import annotations

from film.quality.people.names.period import period_cast, period_names
from film.screenplay import CharacterProfile, Genre

# Recorded (craft bench, en-ancient-letter, 2026-12-05).
LETTER = [
    CharacterProfile(
        name="Isabella",
        role="Young Swordswoman, daughter",
        look="A young woman with long brown hair",
        voice="Soft and calm as she speaks",
    ),
    CharacterProfile(name="Ben", role="general who exiled her father", look="A general"),
    CharacterProfile(name="Leo", role="Bandit", look="A bandit who follows Isabella"),
]
LOGLINE = {
    "title": "Snowbound",
    "logline": "A young swordswoman named Isabella must deliver a sealed letter to the "
    "general who exiled her father.",
}


def test_western_names_in_an_english_ancient_film_become_pinyin_names_everywhere() -> None:
    cast, logline = period_cast(LETTER, LOGLINE, Genre.ANCIENT_STYLE, "en")
    names = [p.name for p in cast]
    assert not {"Isabella", "Ben", "Leo"} & set(names)
    assert len(set(names)) == 3 and all(len(n.split()) == 2 for n in names)
    # Each new name is carried into what named the old one, and suits the person.
    assert names[0] in logline["logline"] and "Isabella" not in logline["logline"]
    assert names[0] in cast[2].look
    assert names[0] in ("Lin Yue", "Su Wan", "Ye Qing", "Tang Xue", "Qin Lan", "He Jing")
    assert logline["title"] == "Snowbound"


def test_other_genres_chinese_films_and_names_of_the_users_own_are_left_alone() -> None:
    assert period_names(LETTER, Genre.YOUTH_ROMANCE, "en") == {}
    assert period_names(LETTER, Genre.ANCIENT_STYLE, "zh") == {}
    own = [CharacterProfile(name="Mulan", role="swordswoman"), LETTER[1]]
    assert list(period_names(own, Genre.ANCIENT_STYLE, "en")) == ["Ben"]
    cast, logline = period_cast(own[:1], LOGLINE, Genre.ANCIENT_STYLE, "en")
    assert cast == own[:1] and logline == LOGLINE
