"""Debris: recorded prompt, template and JSON leftovers are caught; story text is not."""

from __future__ import annotations

import pytest
from gate_kit import GOOD_FILMS, fired_ids

from film.quality.debris import check_debris, find_debris
from film.quality.fields import VisibleText, screenplay_fields

RECORDED = [
    ("This is scene 4 of 6", "debris.prompt"),
    ("Story so far: Mia waits for the bus.", "debris.prompt"),
    ("{0.first}", "debris.template"),
    ("Your response will be formatted as an empty JSON object", "debris.prompt"),
    ("]' {}.write(json_object)", "debris.template"),
    ("I will always come back.”}],", "debris.json"),
    ('"dialogue": [', "debris.json"),
    ("```json", "debris.json"),
    ("```", "debris.markdown"),
    ("**Scene 2**", "debris.markdown"),
    ("See https://example.com for more", "debris.url"),
    ("Saved to /home/user/films/draft.fountain", "debris.path"),
    ("Open notes.txt now", "debris.path"),
    ("result = write(json_object)", "debris.code"),
    ("time_of_day", "debris.code"),
    ("<|im_end|>", "debris.template"),
    ("Dialogue: Mia says hello", "debris.label"),
    ("以下是第二场的对白", "debris.prompt"),
    # A craft-bench logline that read its own task back (2026-11-30):
    ("抓到的却是一只橘猫。这个创意保留了原有的人物、地点和物件，让观众在笑的同时", "debris.prompt"),
    ("It tells the idea itself: it keeps the original people, places and things.", "debris.prompt"),
    ("}", "debris.json"),
    ("...", "debris.empty"),
    # The drummer's setting time was the logline task's own words (2026-12-01).
    ("a season, a festival or an era", "debris.prompt"),
    # The nurse and the baker's outline of 2026-12-04: a beat asked again, its task and the
    # romance guide's words given back.
    (
        "Sam finds the note. Something that has not happened in the other beats, after beat 4.",
        "debris.prompt",
    ),
    (
        "The two leads get closer in two short scenes, then a misunderstanding occurs.",
        "debris.prompt",
    ),
    ("他们的关系慢慢靠近：一段共同的回忆。", "debris.prompt"),
]


@pytest.mark.parametrize(("text", "check"), RECORDED)
def test_recorded_debris_is_caught(text: str, check: str) -> None:
    findings = check_debris([VisibleText("scenes[3].dialogue[0].text", "line", text)])
    assert [f.check for f in findings] == [check]
    assert findings[0].path == "scenes[3].dialogue[0].text"
    assert "Scene 4" in findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Here is your ticket, miss.",
        "I will return home before the snow.",
        "Look: the sun is coming up!",
        "That's not true, Mia.",
        "Wait... is that you?",
        "She answers with a nod.",
        "Room 203, third floor.",
        "妈，我回来了！",
        "我等你的回答。",
        "请用茶。",
        "He checks his phone: 23:58.",
        "Mid-Autumn, 1998",
        "The sign says 24/7.",
        "Mr. Li and Mrs. Wang wave.",
        "“今天的云很好看”，是谁写的？",
        "She smiles.Ai Lin enters.",
        "He sighs.Log by log, the fire grows.",
        "(V.O.)",
        "这个创意真不错！",
        "The old keeper keeps his people close.",
    ],
)
def test_story_text_is_not_debris(text: str) -> None:
    assert find_debris(text) is None


def test_good_films_have_no_debris() -> None:
    for make in GOOD_FILMS.values():
        screenplay, _idea = make()
        assert fired_ids(check_debris(screenplay_fields(screenplay))) == set()
