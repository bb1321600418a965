"""Screenplays as Fountain text (https://fountain.io), written and read back exactly.

Fountain is the plain-text screenplay format writers' tools open, so this is how a film
leaves the studio and comes back after hand edits. ``from_fountain(to_fountain(sp)) == sp``
holds for every valid :class:`Screenplay`; what Fountain has no syntax for is kept in
title page keys and ``[[Key: value]]`` notes, which Fountain readers skip:

* Title page: ``Title``, ``Credit``, ``Author``, ``Genre`` (its label; slug or name read back),
  ``Language``, ``Logline``, ``Theme`` and ``Setting`` (the story's time).
* Character bible: one note per character before the first scene, with the lines
  ``Character: name``, ``Role``, ``Look``, ``Wardrobe``, ``Props`` (``;``-separated), ``Voice``.
* Each scene: its heading (``INT. KITCHEN - NIGHT #3#``, the scene number between ``#``),
  then a note with ``Place`` (the exact place when the upper-case heading loses its case),
  ``Visual``, ``Cast`` and ``Runtime`` (seconds); then action paragraphs, then dialogue
  blocks (cue, ``(parenthetical)``, text), then the transition out of the scene:
  ``DISSOLVE TO:``, ``FADE TO:`` / ``> FADE OUT.`` at the end, ``CUT TO:`` between scenes
  (a scene without a transition cuts).
* Cues are upper case when the name reads back to the same bible entry; other names,
  Chinese ones included, are forced with ``@``. Action that Fountain would misread is
  forced with ``!``.
* Values are written raw when they are one clean line, otherwise as JSON strings. An
  element whose text has no exact Fountain form (line breaks, edge spaces, note markers)
  is written readably and followed by an ``[[Exact: JSON]]`` note that wins on reading.
"""

from __future__ import annotations

from typing import Any, get_args

from film.fountain.reader import (
    FountainError,
    classify_line,
    from_fountain,
    heading_parts,
    resolve_speaker,
)
from film.fountain.text import display, is_clean_line, quote, quote_list, to_json
from film.screenplay import DialogueLine, Genre, Scene, Screenplay, TimeOfDay

__all__ = ["FountainError", "from_fountain", "to_fountain"]

_TIMES = frozenset(get_args(TimeOfDay))
_CREDITS = {"en": ("Written by", "Micro Film Studio"), "zh": ("编剧", "微电影工作室")}
_CUE_UNSAFE_START = tuple("@!#=~.>[/*(")


def to_fountain(screenplay: Screenplay) -> str:
    """The screenplay as Fountain text that :func:`from_fountain` reads back unchanged."""
    credit, author = _CREDITS.get(screenplay.language, _CREDITS["en"])
    title_page = [
        f"Title: {quote(screenplay.title)}",
        f"Credit: {credit}",
        f"Author: {author}",
        f"Genre: {Genre(screenplay.genre).label(screenplay.language)}",
        f"Language: {screenplay.language}",
        f"Logline: {quote(screenplay.logline)}",
    ]
    if screenplay.theme:
        title_page.append(f"Theme: {quote(screenplay.theme)}")
    if screenplay.setting_time:
        title_page.append(f"Setting: {quote(screenplay.setting_time)}")
    blocks: list[str] = []
    for character in screenplay.characters:
        lines = [f"Character: {quote(character.name)}"]
        for key, value in (
            ("Role", character.role),
            ("Look", character.look),
            ("Wardrobe", character.wardrobe),
            ("Voice", character.voice),
        ):
            if value:
                lines.append(f"{key}: {quote(value)}")
        if character.props:
            lines.append(f"Props: {quote_list(character.props)}")
        blocks.append(_note(lines))
    bible = [c.name for c in screenplay.characters]
    last = len(screenplay.scenes) - 1
    for index, scene in enumerate(screenplay.scenes):
        blocks.extend(_scene_blocks(scene, bible, is_last=index == last))
    return "\n".join(title_page) + "\n\n" + "\n\n".join(blocks) + "\n"


def _note(lines: list[str]) -> str:
    return "[[" + "\n".join(lines) + "]]"


def _heading_line(scene: Scene) -> str:
    prefix = "INT./EXT." if scene.interior == "INT/EXT" else f"{scene.interior}."
    return (
        f"{prefix} {display(scene.place.upper(), 'SOMEWHERE')} - {scene.time_of_day} "
        f"#{scene.number}#"
    )


def _scene_blocks(scene: Scene, bible: list[str], *, is_last: bool) -> list[str]:
    heading = _heading_line(scene)
    blocks = [heading]
    details: list[str] = []
    parts = heading_parts(heading)
    if parts is None or parts[1] != scene.place:
        details.append(f"Place: {quote(scene.place)}")
    if scene.visual:
        details.append(f"Visual: {quote(scene.visual)}")
    if scene.characters:
        details.append(f"Cast: {quote_list(scene.characters)}")
    if scene.duration_s:
        details.append(f"Runtime: {scene.duration_s!r} s")
    if details:
        blocks.append(_note(details))
    for action in scene.action:
        blocks.extend(_action_blocks(action))
    for line in scene.dialogue:
        blocks.extend(_dialogue_blocks(line, bible))
    transition = _transition_line(scene.transition, is_last=is_last)
    if transition:
        blocks.append(transition)
    return blocks


def _transition_line(kind: str, *, is_last: bool) -> str:
    if kind == "DISSOLVE":
        return "DISSOLVE TO:"
    if kind == "FADE":
        return "> FADE OUT." if is_last else "FADE TO:"
    return "" if is_last else "CUT TO:"


def _reads_as_action(text: str) -> bool:
    """Whether a bare one-line paragraph would come back as this very action line."""
    return not text.startswith("!") and classify_line(text) == "action"


def _action_blocks(text: str) -> list[str]:
    if is_clean_line(text):
        return [text if _reads_as_action(text) else "!" + text]
    return ["!" + display(text), _note([f"Exact: {to_json(text)}"])]


def _cue(speaker: str, bible: list[str]) -> str | None:
    """The cue that reads back as ``speaker``, or None when only an exact note can."""
    if not is_clean_line(speaker) or speaker.endswith("^"):
        return None
    upper = speaker.upper()
    before_paren = upper.split("(", 1)[0]
    if (
        upper[0].isalpha()
        and before_paren.isupper()
        and not upper.startswith(_CUE_UNSAFE_START)
        and is_clean_line(upper)
        and resolve_speaker(upper, bible) == speaker
    ):
        return upper
    return "@" + speaker


def _dialogue_blocks(line: DialogueLine, bible: list[str]) -> list[str]:
    cue = _cue(line.speaker, bible)
    paren_ok = not line.parenthetical or is_clean_line(f"({line.parenthetical})")
    text_ok = is_clean_line(line.text)
    if cue is not None and paren_ok and text_ok:
        body = [cue]
        if line.parenthetical:
            body.append(f"({line.parenthetical})")
        body.append(line.text)
        return ["\n".join(body)]
    shown = display(line.speaker).rstrip("^ ") or "?"
    readable = [_cue(shown, bible) or "@" + shown]
    if line.parenthetical:
        readable.append(f"({display(line.parenthetical)})")
    readable.append(display(line.text))
    exact: dict[str, Any] = line.model_dump()
    return ["\n".join(readable), _note([f"Exact: {to_json(exact)}"])]
