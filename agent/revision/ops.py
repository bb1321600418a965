"""Structural revisions applied exactly, without a model: rename, reorder, delete, retitle.

Each operation returns a new :class:`Screenplay` (the input is never mutated) and raises
:class:`RevisionError` with a message key when the request cannot apply, so the caller can
answer in the user's language and keep the project unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from agent.revision.numbers import LAST
from film.form import with_estimates
from film.language import has_cjk
from film.screenplay import Screenplay


class RevisionError(ValueError):
    """A revision that cannot be applied; ``key`` and ``params`` pick the user message."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = params


def _validated(data: dict[str, Any]) -> Screenplay:
    try:
        return with_estimates(Screenplay.model_validate(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RevisionError("too_long_after_edit", where=where, problem=first["msg"]) from exc


def scene_index(screenplay: Screenplay, number: int) -> int:
    """0-based index of scene ``number`` (1-based, or ``LAST``); RevisionError if missing."""
    count = len(screenplay.scenes)
    if number == LAST and count:
        return count - 1
    if 1 <= number <= count:
        return number - 1
    raise RevisionError("no_such_scene", number=number, count=count)


def find_character(screenplay: Screenplay, name: str) -> str | None:
    """The exact name of a bible character or speaker matching ``name`` (case-insensitive)."""
    wanted = " ".join(name.split()).casefold()
    names = [c.name for c in screenplay.characters]
    names += [line.speaker for s in screenplay.scenes for line in s.dialogue]
    return next((n for n in names if " ".join(n.split()).casefold() == wanted), None)


def _name_pattern(name: str) -> re.Pattern[str]:
    """Matches ``name`` as a whole word (Latin) or anywhere (CJK, which has no spaces)."""
    escaped = re.escape(name)
    if has_cjk(name):
        return re.compile(escaped)
    return re.compile(rf"(?<![\w]){escaped}(?![\w])")


def _replace_name(text: str, old: str, new: str) -> str:
    text = _name_pattern(old).sub(lambda _m: new, text)
    if old.upper() != old and not has_cjk(old):
        text = _name_pattern(old.upper()).sub(lambda _m: new.upper(), text)
    return text


def rename_character(screenplay: Screenplay, old: str, new: str) -> Screenplay:
    """Rename a character everywhere: bible, speakers, casts, action, dialogue, visuals.

    Raises:
        RevisionError: unknown character, empty or clashing new name, or text that would
            grow past a field's bound.
    """
    exact = find_character(screenplay, old)
    if exact is None:
        known = ", ".join(c.name for c in screenplay.characters) or "-"
        raise RevisionError("no_such_character", name=old, known=known)
    new = " ".join(new.split())
    if not new or len(new) > 40:
        raise RevisionError("bad_name", name=new)
    clash = find_character(screenplay, new)
    if clash is not None and clash.casefold() != exact.casefold():
        raise RevisionError("name_taken", name=clash)

    # Names that contain the old one ("Ming" inside "Li Ming") are shielded while replacing.
    shielded = sorted(
        {
            name
            for name in [c.name for c in screenplay.characters]
            + [line.speaker for s in screenplay.scenes for line in s.dialogue]
            if name.casefold() != exact.casefold() and exact.casefold() in name.casefold()
        },
        key=len,
        reverse=True,
    )

    def swap(text: str) -> str:
        for i, name in enumerate(shielded):
            text = text.replace(name, f"\x00{i}\x00")
        text = _replace_name(text, exact, new)
        for i, name in enumerate(shielded):
            text = text.replace(f"\x00{i}\x00", name)
        return text

    data = screenplay.model_dump()
    for key in ("title", "logline", "theme"):
        data[key] = swap(data[key])
    for character in data["characters"]:
        if character["name"].casefold() == exact.casefold():
            character["name"] = new
        for key in ("role", "look", "wardrobe"):
            character[key] = swap(character[key])
    for scene in data["scenes"]:
        scene["action"] = [swap(line) for line in scene["action"]]
        scene["visual"] = swap(scene["visual"])
        scene["characters"] = [
            new if c.casefold() == exact.casefold() else swap(c) for c in scene["characters"]
        ]
        for line in scene["dialogue"]:
            same = line["speaker"].casefold() == exact.casefold()
            line["speaker"] = new if same else swap(line["speaker"])
            line["text"] = swap(line["text"])
            line["parenthetical"] = swap(line["parenthetical"])
    return _validated(data)


def retitle(screenplay: Screenplay, title: str) -> Screenplay:
    """A new title (1-80 characters)."""
    title = " ".join(title.split())
    if not title or len(title) > 80:
        raise RevisionError("bad_title", title=title[:90])
    return screenplay.model_copy(update={"title": title})


def swap_scenes(screenplay: Screenplay, first: int, second: int) -> Screenplay:
    """Exchange two scenes and renumber."""
    i, j = scene_index(screenplay, first), scene_index(screenplay, second)
    if i == j:
        raise RevisionError("same_scene", number=i + 1)
    scenes = list(screenplay.scenes)
    scenes[i], scenes[j] = scenes[j], scenes[i]
    return with_estimates(screenplay.model_copy(update={"scenes": scenes}))


def delete_scenes(screenplay: Screenplay, numbers: tuple[int, ...]) -> Screenplay:
    """Remove scenes and renumber; the film must keep at least one scene."""
    doomed = {scene_index(screenplay, n) for n in numbers}
    if len(doomed) >= len(screenplay.scenes):
        raise RevisionError("cannot_delete_all")
    scenes = [s for i, s in enumerate(screenplay.scenes) if i not in doomed]
    return with_estimates(screenplay.model_copy(update={"scenes": scenes}))


def move_scene(screenplay: Screenplay, number: int, position: int) -> Screenplay:
    """Move scene ``number`` so it ends up at 1-based ``position`` (``LAST`` = the end)."""
    index = scene_index(screenplay, number)
    count = len(screenplay.scenes)
    target = count - 1 if position == LAST else position - 1
    if not 0 <= target < count:
        raise RevisionError("no_such_position", position=position, count=count)
    if target == index:
        raise RevisionError("already_there", number=index + 1)
    scenes = list(screenplay.scenes)
    scene = scenes.pop(index)
    scenes.insert(target, scene)
    return with_estimates(screenplay.model_copy(update={"scenes": scenes}))
