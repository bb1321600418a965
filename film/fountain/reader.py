"""Reading Fountain text back into a :class:`Screenplay`.

The reader follows the same paragraph rules as common Fountain tools (screenplain's order of
checks: forced action, sections, headings, centered text, dialogue, transitions, action), so
a hand-edited file reads the way a writer expects, and it honours the notes that
:mod:`film.fountain.writer` writes so the studio's own files come back exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any, get_args

from pydantic import ValidationError

from film.fountain.text import (
    BONEYARD,
    note_fields,
    strip_inline_notes,
    unquote,
    unquote_list,
)
from film.language import has_cjk
from film.screenplay import Genre, Screenplay, TimeOfDay

_TIMES = frozenset(get_args(TimeOfDay))
_SLUG = re.compile(r"^(INT\.?/EXT\.?|I/E|INT|EXT|EST)[ .]\s*(.*)$", re.IGNORECASE)
_SCENE_NUMBER = re.compile(r"#([\w\-.]+)#\s*$")
_SECTION = re.compile(r"^(#{1,6}\s*[^#].*|=.*)$")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
_SCENE_KEYS = frozenset({"place", "visual", "cast", "runtime"})
_BIBLE_KEYS = {"role": "role", "look": "look", "wardrobe": "wardrobe", "voice": "voice"}


class FountainError(ValueError):
    """The text cannot become a valid screenplay; the message says what to fix."""


def heading_parts(line: str) -> tuple[str, str, str, int | None] | None:
    """(interior, place, time of day, scene number) of a scene heading, or None."""
    forced = line.startswith(".") and not line.startswith("..")
    body = line[1:].strip() if forced else line.strip()
    number: int | None = None
    tagged = _SCENE_NUMBER.search(body) if body.endswith("#") else None
    if tagged:
        body, tag = body[: tagged.start()].rstrip(), tagged.group(1)
        number = int(tag) if tag.isdigit() else None
    slug = _SLUG.match(body)
    if slug:
        prefix = slug.group(1).upper()
        interior = "INT/EXT" if "/" in prefix else ("INT" if prefix == "INT" else "EXT")
        rest = slug.group(2)
    elif forced:
        interior, rest = "INT", body
    else:
        return None
    place, time_of_day = rest.strip(), "DAY"
    head, sep, tail = rest.rpartition(" - ")
    if sep and tail.strip().upper() in _TIMES:
        place, time_of_day = head.strip(), tail.strip().upper()
    return interior, place or "SOMEWHERE", time_of_day, number


def _centered(line: str) -> str | None:
    """The text of a centered line (``> text <``), or None."""
    if len(line) >= 2 and line.startswith(">") and line.endswith("<"):
        return line[1:-1].strip()
    return None


def _is_cue(line: str) -> bool:
    if line.startswith("@"):
        return len(line) >= 2
    return line.split("(", 1)[0].isupper()


def classify(lines: list[str]) -> str:
    """The kind of a paragraph: action, heading, dialogue, transition, centered, section."""
    first = lines[0]
    if first.startswith("!"):
        return "action"
    if len(lines) == 1 and re.fullmatch(r"={3,}", first):
        return "section"
    if all(_SECTION.match(line) for line in lines):
        return "section"
    if len(lines) == 1 and heading_parts(first) is not None:
        return "heading"
    if all(_centered(line) is not None for line in lines):
        return "centered"
    if len(lines) >= 2 and _is_cue(first):
        return "dialogue"
    if len(lines) == 1 and ((first.startswith(">")) or (first.isupper() and first.endswith("TO:"))):
        return "transition"
    return "action"


def classify_line(text: str) -> str:
    """The kind a one-line paragraph would be read as."""
    return classify([text])


def resolve_speaker(cue: str, bible: list[str]) -> str:
    """The bible name an upper-case cue stands for (its exact case), else the cue itself."""
    matches = [name for name in bible if name.upper() == cue]
    return matches[0] if len(matches) == 1 else cue


def _transition_kind(text: str) -> str:
    upper = text.upper()
    if "DISSOLVE" in upper:
        return "DISSOLVE"
    return "FADE" if "FADE" in upper else "CUT"


def _genre(raw: str) -> Genre:
    raw = raw.strip()
    for genre in Genre:
        if raw in (genre.value, genre.label("en"), genre.label("zh"), genre.english, genre.chinese):
            return genre
    try:
        return Genre.parse(raw)
    except ValueError as exc:
        raise FountainError(str(exc)) from exc


class _Reader:
    """Accumulates paragraphs into bible entries and scenes."""

    def __init__(self) -> None:
        self.bible: list[dict[str, Any]] = []
        self.scenes: list[dict[str, Any]] = []
        self.last: tuple[str, int] | None = None

    def scene(self) -> dict[str, Any]:
        if not self.scenes:  # text before any heading: an implicit first scene
            self.scenes.append({"number": 1, "place": "SOMEWHERE", "action": [], "dialogue": []})
        return self.scenes[-1]

    def add(self, lines: list[str]) -> None:
        joined = "\n".join(lines)
        inner = joined[2:-2]
        if joined.startswith("[[") and joined.endswith("]]") and "]]" not in inner:
            self.note(inner)
            return
        lines = [line.strip() for line in strip_inline_notes(joined).split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        kind = classify(lines)
        if kind == "heading":
            parts = heading_parts(lines[0])
            assert parts is not None
            interior, place, time_of_day, number = parts
            self.scenes.append(
                {
                    "number": number or len(self.scenes) + 1,
                    "interior": interior,
                    "place": place,
                    "time_of_day": time_of_day,
                    "action": [],
                    "dialogue": [],
                }
            )
            self.last = None
        elif kind == "transition":
            if self.scenes:
                self.scenes[-1]["transition"] = _transition_kind(lines[0])
        elif kind == "dialogue":
            self.dialogue(lines)
        elif kind == "centered":
            self.action("\n".join(_centered(line) or "" for line in lines))
        elif kind == "action":
            first = lines[0][1:] if lines[0].startswith("!") else lines[0]
            self.action("\n".join([first, *lines[1:]]))

    def action(self, text: str) -> None:
        actions = self.scene()["action"]
        actions.append(text)
        self.last = ("action", len(actions) - 1)

    def dialogue(self, lines: list[str]) -> None:
        cue = lines[0]
        forced = cue.startswith("@")
        speaker = cue[1:] if forced else cue
        if not forced and speaker.endswith("^"):  # dual dialogue marker
            speaker = speaker[:-1].rstrip()
        rest = lines[1:]
        parenthetical = ""
        if len(rest) > 1 and rest[0].startswith("(") and rest[0].endswith(")"):
            parenthetical, rest = rest[0][1:-1], rest[1:]
        entries = self.scene()["dialogue"]
        entries.append(
            {
                "speaker": speaker,
                "forced": forced,
                "parenthetical": parenthetical,
                "text": "\n".join(rest),
            }
        )
        self.last = ("dialogue", len(entries) - 1)

    def note(self, content: str) -> None:
        fields = note_fields(content)
        if fields is None:
            return  # a writer's free note
        if "character" in fields:
            entry: dict[str, Any] = {"name": unquote(fields["character"])}
            for key, attribute in _BIBLE_KEYS.items():
                if key in fields:
                    entry[attribute] = unquote(fields[key])
            if "props" in fields:
                entry["props"] = unquote_list(fields["props"])
            self.bible.append(entry)
        elif "exact" in fields and self.last is not None:
            self.exact(fields["exact"])
        elif _SCENE_KEYS & fields.keys() and self.scenes:
            scene = self.scenes[-1]
            if "place" in fields:
                scene["place"] = unquote(fields["place"])
            if "visual" in fields:
                scene["visual"] = unquote(fields["visual"])
            if "cast" in fields:
                scene["characters"] = unquote_list(fields["cast"])
            if "runtime" in fields:
                found = _NUMBER.search(fields["runtime"])
                scene["duration_s"] = float(found.group()) if found else 0.0

    def exact(self, raw: str) -> None:
        assert self.last is not None
        try:
            value = json.loads(raw)
        except ValueError:
            return
        kind, index = self.last
        if kind == "action" and isinstance(value, str):
            self.scenes[-1]["action"][index] = value
        elif kind == "dialogue" and isinstance(value, dict):
            self.scenes[-1]["dialogue"][index] = {**value, "forced": True}

    def build(self, meta: dict[str, str]) -> Screenplay:
        names = [str(entry["name"]).strip() for entry in self.bible]
        scenes = []
        for scene in self.scenes:
            lines = []
            for entry in scene["dialogue"]:
                line = {k: v for k, v in entry.items() if k != "forced"}
                if not entry.get("forced"):
                    line["speaker"] = resolve_speaker(str(entry["speaker"]), names)
                lines.append(line)
            scenes.append({**scene, "dialogue": lines})
        if "genre" not in meta:
            raise FountainError(
                "The title page needs a 'Genre:' line, e.g. 'Genre: youth-romance'."
            )
        title = unquote(meta.get("title", "")) or "Untitled"
        everything = " ".join(meta.values()) + json.dumps(scenes, ensure_ascii=False)
        language = unquote(meta.get("language", "")) or ("zh" if has_cjk(everything) else "en")
        fields = {
            "title": title,
            "logline": unquote(meta.get("logline", "")) or title,
            "genre": _genre(unquote(meta["genre"])),
            "language": language,
            "theme": unquote(meta.get("theme", "")),
            "setting_time": unquote(meta.get("setting", meta.get("time", ""))),
            "characters": self.bible,
            "scenes": scenes,
        }
        try:
            return Screenplay.model_validate(fields)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
            )
            raise FountainError(
                f"This Fountain text is not a valid screenplay: {problems}"
            ) from exc


def _title_page(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split off the title page (``Key: value`` lines up to the first blank line)."""
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    head = lines[:end]
    if not head or not re.match(r"^[^:\s][^:]*:", head[0]):
        return {}, lines
    meta: dict[str, str] = {}
    key = ""
    for line in head:
        if line[:1].isspace() and key:
            meta[key] = (meta[key] + "\n" + line.strip()).strip()
            continue
        name, sep, value = line.partition(":")
        if not sep:
            return {}, lines
        key = name.strip().lower()
        meta[key] = value.strip()
    return meta, lines[end:]


def from_fountain(text: str) -> Screenplay:
    """Parse Fountain text (ours or hand-written) into a screenplay.

    Raises:
        FountainError: when the text lacks a genre or breaks the screenplay's bounds.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in BONEYARD.sub("", text).split("\n")]
    meta, body = _title_page(lines)
    reader = _Reader()
    paragraph: list[str] = []
    for line in [*body, ""]:
        if line.strip():
            paragraph.append(line)
        elif paragraph:
            reader.add(paragraph)
            paragraph = []
    return reader.build(meta)
