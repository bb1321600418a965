"""Deterministic reading of user messages: language, length, mode, genre and intent."""

from __future__ import annotations

import pytest

from agent.intake.intent import (
    clamp_target,
    classify_intent,
    genre_tag,
    length_tag,
    named_genre,
    parse_target_seconds,
    strip_one_prompt,
)
from film.form import runtime_limit, scene_count_for
from film.language import detect_language
from film.repair import trim_to_fit
from film.screenplay import DialogueLine, Genre, Scene, Screenplay


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("a 2-minute youth romance", 120),
        ("90 seconds please", 90),
        ("half a minute", 30),
        ("1.5 minutes", 90),
        ("a ten minute epic", 600),
        ("三分钟的故事", 180),
        ("一分半", 90),
        ("两分半钟", 150),
        ("一个10分钟的电影", 600),
        ("30秒", 30),
        ("十分感人的故事", None),
        ("set in the 1930s", None),
        ("a story", None),
    ],
)
def test_target_length(text: str, seconds: float | None) -> None:
    assert parse_target_seconds(text) == seconds


def test_target_is_clamped_to_the_cap() -> None:
    assert clamp_target(900, 120, 600) == (600, True)
    assert clamp_target(None, 120, 600) == (120, False)
    assert clamp_target(5, 120, 600) == (20, False)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a grandma and her grandson", "en"),
        ("外婆和外孙包饺子", "zh"),
        ("a story about 李明", "en"),
        ("李明和王芳的故事 in Beijing", "zh"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert detect_language(text, "en") == "en"


def test_one_prompt_markers_and_tags() -> None:
    assert strip_one_prompt("one-prompt: a fox") == ("a fox", True)
    assert strip_one_prompt("一键成片：一只狐狸") == ("一只狐狸", True)
    assert strip_one_prompt("a fox with one wish") == ("a fox with one wish", False)
    text, genre = genre_tag("a fox (genre: ancient-style) (length: 45s)")
    assert genre is Genre.ANCIENT_STYLE
    assert length_tag(text) == ("a fox", 45.0)
    with pytest.raises(ValueError, match="touching-family"):
        genre_tag("a fox (genre: horror)")


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("a youth romance about debaters", Genre.YOUTH_ROMANCE),
        ("a spoof of spy films", Genre.GRASSROOTS_SPOOF),
        ("古风武侠", Genre.ANCIENT_STYLE),
        ("I love my grandma", None),
        ("a family dinner", None),
    ],
)
def test_named_genre_is_strict(text: str, genre: Genre | None) -> None:
    assert named_genre(text) is genre


@pytest.mark.parametrize(
    ("text", "has_project", "pending", "kind"),
    [
        ("render it", True, None, "produce"),
        ("show me the film", True, None, "produce"),
        ("make the cover", True, None, "cover"),
        ("给我做个封面", True, None, "cover"),
        ("渲染", True, None, "produce"),
        ("make scene 3 funnier", True, None, "revise"),
        ("cut it to three minutes", True, None, "revise"),
        ("undo", True, None, "revise"),
        ("try again", False, "write_logline", "retry"),
        ("重试", False, "write_scenes", "retry"),
        ("new film: a fox in the snow", True, None, "intake"),
        ("hi", False, None, "help"),
        ("a fox who wants to fly over the city", False, None, "intake"),
        ("one-prompt: a fox", True, None, "one_prompt"),
    ],
)
def test_intent(text: str, has_project: bool, pending: str | None, kind: str) -> None:
    assert classify_intent(text, has_project=has_project, pending_stage=pending).kind == kind


def test_scene_count_and_limit_follow_the_target() -> None:
    assert scene_count_for(20) == 2 and scene_count_for(120) == 6 and scene_count_for(600) == 8
    assert runtime_limit(60, 600) == 75 and runtime_limit(600, 600) == 600


def test_trim_to_fit_cuts_the_longest_scene_first() -> None:
    line = DialogueLine(speaker="A", text=" ".join(["word"] * 30))
    scenes = [
        Scene(number=1, place="Kitchen", action=["x"], dialogue=[line] * 6),
        Scene(number=2, place="Street", action=["y"], dialogue=[line]),
    ]
    screenplay = Screenplay(title="T", logline="L", genre=Genre.TOUCHING_FAMILY, scenes=scenes)
    trimmed, cuts = trim_to_fit(screenplay, 60)
    assert cuts > 0 and len(trimmed.scenes) == 2
    assert len(trimmed.scenes[0].dialogue) < 6 and len(trimmed.scenes[1].dialogue) == 1
