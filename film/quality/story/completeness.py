"""The story is complete: time, places, characters with looks, a theme and a whole plot.

Complete means: a time, a place for every scene, named characters with looks, a theme, and
a plot with a hook, a turn and an ending. Hook, turn and ending cannot be read off text
without a model, but they need room: a film of a minute or more needs at least three scenes
(open, turn, close), a film of 20 s or more at least two, and every scene has to show or
say something. A narrator is heard, not seen, so it needs no look.
"""

from __future__ import annotations

from collections.abc import Sequence

from film.form import min_scenes
from film.presence import is_narrator
from film.quality.findings import Finding
from film.screenplay import CharacterProfile, Scene

_PLACEHOLDER_TITLES = frozenset({"", "untitled", "title", "无题", "未命名", "-"})
#: Setting times that only echo the prompt's examples: the 1.5B model answered "a season".
_VAGUE_TIMES = frozenset(
    {
        "a season",
        "season",
        "an era",
        "era",
        "a festival",
        "festival",
        "a day",
        "sometime",
        "some time",
        "any time",
        "季节",
        "一个季节",
        "某个季节",
        "某个时代",
        "时代",
        "节日",
        "某一天",
        "某天",
    }
)


def is_vague_time(setting_time: str) -> bool:
    """Whether ``setting_time`` only echoes the prompt's examples ("a season", "时代")."""
    return " ".join(setting_time.lower().split()).strip(" .。") in _VAGUE_TIMES


def check_logline_parts(title: str, logline: str, theme: str, setting_time: str) -> list[Finding]:
    """Stage 1 names the film, says what it is about, its theme and when it happens."""
    findings: list[Finding] = []
    if title.strip().lower() in _PLACEHOLDER_TITLES:
        findings.append(
            Finding(
                "completeness.no-title",
                "title",
                title,
                "Give the film a real title, a few words long.",
            )
        )
    if len(logline.strip()) < 8:
        findings.append(
            Finding(
                "completeness.no-logline",
                "logline",
                logline,
                "Write a one-sentence logline: who wants what, and what stands in the way.",
            )
        )
    if not theme.strip():
        findings.append(
            Finding(
                "completeness.no-theme",
                "theme",
                "",
                "State the theme in a few words: what the film is about.",
            )
        )
    if is_vague_time(setting_time):
        findings.append(
            Finding(
                "completeness.vague-time",
                "setting_time",
                setting_time,
                # No example times: "a June afternoon" from here became the drummer's
                # setting, an idea with no June in it (craft bench, 2026-12-02).
                f"{setting_time!r} does not say when. Name the time the idea happens in: "
                "its season, its day or its hour, or the festival or era it names.",
            )
        )
    elif not setting_time.strip():
        findings.append(
            Finding(
                "completeness.no-time",
                "setting_time",
                "",
                "Say when the story happens (a season, a festival, an era).",
            )
        )
    return findings


def check_cast_parts(characters: Sequence[CharacterProfile]) -> list[Finding]:
    """At least one character, and everyone seen on screen has a pinned look."""
    if not characters:
        return [
            Finding(
                "completeness.no-characters",
                "characters",
                "",
                "Write the character bible: at least one named character with a look.",
            )
        ]
    return [
        Finding(
            "completeness.no-look",
            f"characters[{index}].look",
            person.name,
            f"{person.name} has no look. Describe age, face, hair and build in 'look', "
            "so every shot shows the same person.",
        )
        for index, person in enumerate(characters)
        if len(person.look.strip()) < 2 and not is_narrator(person.name)
    ]


def check_plot(scenes: Sequence[Scene], target_s: float) -> list[Finding]:
    """Enough scenes for a hook, a turn and an ending; a place and content in every one."""
    findings: list[Finding] = []
    need = min_scenes(target_s)
    if len(scenes) < need:
        findings.append(
            Finding(
                "completeness.too-few-scenes",
                "scenes",
                str(len(scenes)),
                f"A {target_s:.0f}-second film needs at least {need} scenes: a hook, a turn and "
                f"an ending. This draft has {len(scenes)}.",
            )
        )
    for index, scene in enumerate(scenes):
        findings.extend(check_scene_parts(scene, index))
    return findings


def check_scene_parts(scene: Scene, index: int) -> list[Finding]:
    """One scene (``index`` is 0-based) has a place, and something happens in it."""
    findings: list[Finding] = []
    if not scene.place.strip():
        findings.append(
            Finding(
                "completeness.no-place",
                f"scenes[{index}].place",
                "",
                f"Scene {index + 1} has no place: say where it happens.",
            )
        )
    if not (scene.action or scene.dialogue):
        findings.append(
            Finding(
                "completeness.empty-scene",
                f"scenes[{index}]",
                "",
                f"Nothing happens in scene {index + 1}: give it action or dialogue.",
            )
        )
    return findings


def check_beat_count(beat_count: int, target_s: float) -> list[Finding]:
    """The outline has room for a hook, a turn and an ending."""
    need = min_scenes(target_s)
    if beat_count >= need:
        return []
    return [
        Finding(
            "completeness.too-few-scenes",
            "beats",
            str(beat_count),
            f"A {target_s:.0f}-second film needs at least {need} beats: a hook, a turn and an "
            f"ending. This outline has {beat_count}.",
        )
    ]
