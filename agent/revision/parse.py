"""Recognising revision requests without a model, in English and Chinese.

The graph routes on :func:`parse_revision`: a structural edit ("swap scenes 2 and 4",
"把李明改名为小王", "undo") is applied exactly and instantly, a creative one ("make scene 3
funnier") goes to the model with only the scenes it names, a vague one ("make it better")
gets a question back, and anything else (a new idea, "render it") is not a revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agent.revision import patterns as P
from agent.revision.numbers import (
    LAST,
    any_number,
    duration_seconds,
    en_number,
    scene_refs,
    story_part_refs,
    zh_number,
)

RevisionKind = Literal[
    "rename",
    "retitle",
    "swap",
    "delete",
    "move",
    "cut",
    "undo",
    "restore",
    "creative",
    "clarify",
]
MAX_INSTRUCTION_CHARS = 600


@dataclass(frozen=True)
class RevisionRequest:
    """One parsed revision request.

    Attributes:
        kind: What to do.
        text: The user's words (bounded), kept for creative instructions and notes.
        old_name: Rename: the character to rename.
        new_name: Rename: the new name; retitle: the new title.
        scenes: Scene numbers named, in order (``LAST`` = -1 for "the last scene").
        position: Move: the 1-based position the scene should end up at (``LAST`` = end).
        seconds: Cut: the target length of the whole film.
        shorter_by: Cut: seconds to remove, when the user said "cut 30 seconds".
        version: Restore: the version number.
        certain: False for loose patterns ("把X改成Y") that may turn out to be creative.
        topic: Clarify: what is unclear ("length" when no target length was given).
    """

    kind: RevisionKind
    text: str
    old_name: str = ""
    new_name: str = ""
    scenes: tuple[int, ...] = ()
    position: int | None = None
    seconds: float | None = None
    shorter_by: float | None = None
    version: int | None = None
    certain: bool = True
    topic: str = ""


def _bounded(text: str) -> str:
    text = " ".join(text.split())
    return text[:MAX_INSTRUCTION_CHARS]


def _first(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def _clean_name(name: str) -> str:
    return name.strip(" '\"“”‘’「」《》")


def _move(text: str, match: re.Match[str]) -> RevisionRequest | None:
    groups = match.groupdict()
    scene = any_number(groups["a"])
    if scene is None:
        return None
    position: int | None = None
    if groups.get("start") or groups.get("zstart"):
        position = 1
    elif groups.get("end") or groups.get("zend"):
        position = LAST
    elif groups.get("pos"):
        position = en_number(groups["pos"])
    elif groups.get("ref") or groups.get("zref"):
        ref = any_number(groups.get("ref") or groups["zref"])
        relation = (groups.get("rel") or groups.get("zrel") or "").lower()
        if ref is None:
            return None
        if relation in ("after", "之后", "后面", "后"):
            position = ref if ref == LAST else ref + (0 if ref > scene else 1)
        elif relation in ("before", "之前", "前面", "前"):
            position = ref if (ref == LAST or ref <= scene) else ref - 1
        else:
            position = ref
    if position is None:
        return None
    return RevisionRequest("move", text, scenes=(scene,), position=position)


def parse_revision(text: str) -> RevisionRequest | None:
    """The revision asked for in ``text``, or None when the message is not a revision."""
    text = _bounded(text)
    if not text:
        return None
    match = _first(P.RESTORE, text)
    if match:
        number = any_number(match.group("n"))
        if number and number > 0:
            return RevisionRequest("restore", text, version=number)
    if _first(P.UNDO, text):
        return RevisionRequest("undo", text)
    match = _first(P.RETITLE, text)
    if match:
        return RevisionRequest("retitle", text, new_name=_clean_name(match.group("new")))
    for pattern, certain in P.RENAME:
        match = pattern.search(text)
        if match:
            old, new = _clean_name(match.group("old")), _clean_name(match.group("new"))
            if old and new and old != new:
                return RevisionRequest("rename", text, old_name=old, new_name=new, certain=certain)
    match = _first(P.SWAP, text)
    if match:
        a, b = any_number(match.group("a")), any_number(match.group("b"))
        if a and b and a != b:
            return RevisionRequest("swap", text, scenes=(a, b))
    match = _first(P.MOVE, text)
    if match:
        request = _move(text, match)
        if request:
            return request
    if _first(P.DELETE, text) and duration_seconds(text) is None:
        refs = scene_refs(text)
        if refs:
            return RevisionRequest("delete", text, scenes=tuple(refs))
    return _length_or_creative(text)


def _length_or_creative(text: str) -> RevisionRequest | None:
    seconds = duration_seconds(text)
    if seconds is not None and not scene_refs(text):
        match = _first(P.CUT_BY, text)
        if match and not re.search(r"\b(?:to|under|below|within)\b|到|在|成|以内|之内", text):
            amount = duration_seconds(match.group("d"))
            if amount:
                return RevisionRequest("cut", text, shorter_by=amount)
        if _first(P.CUT_TO, text):
            return RevisionRequest("cut", text, seconds=seconds)
    if P.SHORTER.search(text) and not scene_refs(text):
        return RevisionRequest("clarify", text, topic="length")
    if _first(P.CLARIFY, text):
        return RevisionRequest("clarify", text)
    if P.NOT_REVISION.search(text) and not scene_refs(text):
        return None
    refs = scene_refs(text)
    edits = (P.EN_EDIT, P.EN_CREATIVE, P.ZH_CREATIVE)
    if refs and any(pattern.search(text) for pattern in edits):
        return RevisionRequest("creative", text, scenes=tuple(refs))
    if P.EN_GIVE_LINE.search(text) or P.ZH_CREATIVE.search(text):
        return RevisionRequest("creative", text, scenes=tuple(story_part_refs(text)))
    if P.EN_EDIT_FIRST.search(text) and P.EN_CREATIVE.search(text):
        return RevisionRequest("creative", text, scenes=tuple(story_part_refs(text)))
    return None


__all__ = ["LAST", "RevisionKind", "RevisionRequest", "parse_revision", "zh_number"]
