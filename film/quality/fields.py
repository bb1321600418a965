"""Every text a viewer or reader sees, with its path, so each check can say where it looked.

The screenplay, the chat, the cards, the subtitles and the cover are all cut from these
fields, so checking them here is checking everything a person sees. The voice hint only
picks a synthetic voice, so only the debris check reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from film.quality.findings import BeatLike
from film.screenplay import CharacterProfile, Scene, Screenplay

Kind = Literal[
    "title",
    "logline",
    "theme",
    "setting_time",
    "name",
    "role",
    "look",
    "wardrobe",
    "prop",
    "voice",
    "place",
    "action",
    "speaker",
    "line",
    "parenthetical",
    "visual",
    "summary",
    "cast",
    "pitch",
]

#: Fields that are prose (sentences), as opposed to names, places and labels.
PROSE: frozenset[Kind] = frozenset(
    {
        "logline",
        "theme",
        "setting_time",
        "role",
        "look",
        "wardrobe",
        "action",
        "line",
        "parenthetical",
        "visual",
        "summary",
        "pitch",
    }
)
#: Fields that name people (bible names, speakers, scene casts).
PERSON: frozenset[Kind] = frozenset({"name", "speaker", "cast"})


@dataclass(frozen=True)
class VisibleText:
    """One field's text and where it sits in the draft."""

    path: str
    kind: Kind
    text: str


def logline_fields(title: str, logline: str, theme: str, setting_time: str) -> list[VisibleText]:
    """The stage-1 fields."""
    parts: list[tuple[str, Kind, str]] = [
        ("title", "title", title),
        ("logline", "logline", logline),
        ("theme", "theme", theme),
        ("setting_time", "setting_time", setting_time),
    ]
    return [VisibleText(path, kind, text) for path, kind, text in parts if text.strip()]


def bible_fields(characters: Sequence[CharacterProfile]) -> list[VisibleText]:
    """The character bible's fields."""
    found: list[VisibleText] = []
    for index, person in enumerate(characters):
        base = f"characters[{index}]"
        found.append(VisibleText(f"{base}.name", "name", person.name))
        for kind in ("role", "look", "wardrobe", "voice"):
            text = str(getattr(person, kind))
            if text.strip():
                found.append(VisibleText(f"{base}.{kind}", kind, text))
        found.extend(
            VisibleText(f"{base}.props[{n}]", "prop", prop)
            for n, prop in enumerate(person.props)
            if prop.strip()
        )
    return found


def beat_fields(beats: Sequence[BeatLike]) -> list[VisibleText]:
    """The outline's fields (the user reads the outline before the scenes are written)."""
    found: list[VisibleText] = []
    for index, beat in enumerate(beats):
        base = f"beats[{index}]"
        found.append(VisibleText(f"{base}.place", "place", beat.place))
        found.append(VisibleText(f"{base}.summary", "summary", beat.summary))
        found.extend(
            VisibleText(f"{base}.characters[{n}]", "cast", name)
            for n, name in enumerate(beat.characters)
        )
    return found


def scene_fields(scene: Scene, index: int) -> list[VisibleText]:
    """One scene's fields; ``index`` is its 0-based position in the screenplay."""
    base = f"scenes[{index}]"
    found = [VisibleText(f"{base}.place", "place", scene.place)]
    found.extend(
        VisibleText(f"{base}.action[{n}]", "action", line) for n, line in enumerate(scene.action)
    )
    for n, line in enumerate(scene.dialogue):
        found.append(VisibleText(f"{base}.dialogue[{n}].speaker", "speaker", line.speaker))
        found.append(VisibleText(f"{base}.dialogue[{n}].text", "line", line.text))
        if line.parenthetical.strip():
            found.append(
                VisibleText(
                    f"{base}.dialogue[{n}].parenthetical", "parenthetical", line.parenthetical
                )
            )
    if scene.visual.strip():
        found.append(VisibleText(f"{base}.visual", "visual", scene.visual))
    found.extend(
        VisibleText(f"{base}.characters[{n}]", "cast", name)
        for n, name in enumerate(scene.characters)
    )
    return found


def screenplay_fields(screenplay: Screenplay) -> list[VisibleText]:
    """Every field of a whole screenplay, title first."""
    found = logline_fields(
        screenplay.title, screenplay.logline, screenplay.theme, screenplay.setting_time
    )
    found.extend(bible_fields(screenplay.characters))
    for index, scene in enumerate(screenplay.scenes):
        found.extend(scene_fields(scene, index))
    return found


def joined(fields: Iterable[VisibleText]) -> str:
    """All the texts as one block, one field a line (for coverage and copying)."""
    return "\n".join(f.text for f in fields)


def scene_label(path: str) -> str:
    """A human label for a path's scene or beat: "scenes[2].place" -> "Scene 3"."""
    for prefix, word in (("scenes[", "Scene"), ("beats[", "Beat"), ("characters[", "Character")):
        if path.startswith(prefix):
            number = path[len(prefix) :].split("]", 1)[0]
            if number.isdigit():
                return f"{word} {int(number) + 1}"
    return path or "The screenplay"
