"""Turning one parsed revision request into a change: a revised screenplay or just a reply.

Each kind of request (undo and restore, cut, clarify, creative, structural) is answered here
in the user's language without touching the project, so :mod:`agent.revision.node` keeps to
the graph's side: reading the turn, committing the version, exporting and replying.
:func:`fit_within_form` brings a revised screenplay back into the form (or refuses it) and
says what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.context import Context
from agent.messages import duration_text, join_numbers, say
from agent.revision.creative import creative_targets, rewrite_scenes
from agent.revision.ops import (
    RevisionError,
    delete_scenes,
    find_character,
    move_scene,
    rename_character,
    retitle,
    swap_scenes,
)
from agent.revision.parse import RevisionRequest
from film.form import estimate_runtime
from film.repair import TooManyCharacters, cut_to_length, within_form
from film.screenplay import Project, Screenplay


@dataclass
class Change:
    """A revised screenplay to commit, or (screenplay None) just a reply."""

    message: str
    screenplay: Screenplay | None = None
    note: str = ""
    restore: int | None = None
    notes: list[str] = field(default_factory=list)
    passages: list[Any] = field(default_factory=list)


def fit_within_form(
    screenplay: Screenplay, cap_s: float, language: str
) -> tuple[Screenplay, list[str]]:
    """:func:`film.repair.within_form`, with what it did said in the user's language."""
    try:
        fit = within_form(screenplay, cap_s)
    except TooManyCharacters as exc:
        raise RevisionError("too_many_characters") from exc
    notes: list[str] = []
    if fit.added_speakers:
        notes.append(say("repair_speakers_added", language, names=", ".join(fit.added_speakers)))
    if fit.trimmed:
        notes.append(say("trimmed_to_cap", language, cap=duration_text(cap_s, language)))
    return fit.screenplay, notes


def _history(project: Project, request: RevisionRequest, language: str) -> Change:
    """Undo and restore: both commit a copy of an older version."""
    if request.kind == "undo":
        older = [v.number for v in project.versions if v.number < project.current]
        if not older:
            return Change(say("nothing_to_undo", language, number=project.current))
        number = max(older)
        return Change(say("undone", language, number=number), restore=number)
    number = int(request.version or 0)
    if number == project.current:
        return Change(say("already_version", language, number=number))
    if all(v.number != number for v in project.versions):
        known = ", ".join(str(v.number) for v in project.versions)
        return Change(say("no_such_version", language, number=number, known=known))
    return Change(say("restored", language, number=number), restore=number)


def _cut(screenplay: Screenplay, request: RevisionRequest, language: str) -> Change:
    runtime = estimate_runtime(screenplay)
    target = (
        request.seconds if request.seconds is not None else runtime - (request.shorter_by or 0.0)
    )
    if target >= runtime:
        return Change(
            say(
                "cut_not_needed",
                language,
                runtime=duration_text(runtime, language),
                target=duration_text(target, language),
            )
        )
    result = cut_to_length(screenplay, target)
    removed = say(
        "removed_parts",
        language,
        action=result.removed_action,
        lines=result.removed_lines,
        scenes=len(result.removed_scenes),
    )
    key = "cut" if result.reached else "cut_short"
    after = duration_text(estimate_runtime(result.screenplay), language)
    message = say(
        key, language, runtime=after, target=duration_text(target, language), removed=removed
    )
    return Change(message, result.screenplay, note=message)


def _clarify(screenplay: Screenplay, request: RevisionRequest, language: str) -> Change:
    if request.topic == "length":
        runtime = estimate_runtime(screenplay)
        suggestion = max(30.0, round(runtime * 0.75 / 10) * 10)
        return Change(
            say(
                "clarify_length",
                language,
                runtime=duration_text(runtime, language),
                suggestion=duration_text(suggestion, language),
            )
        )
    name = (
        screenplay.characters[0].name
        if screenplay.characters
        else ("奶奶" if language == "zh" else "Grandma")
    )
    return Change(say("clarify_general", language, name=name))


def _which_scene(screenplay: Screenplay, language: str) -> Change:
    scenes = "; ".join(f"{s.number} {s.place}" for s in screenplay.scenes[:8])
    if len(screenplay.scenes) > 8:
        scenes += "; …"
    example = "更感人" if language == "zh" else "funnier"
    return Change(
        say(
            "clarify_target", language, count=len(screenplay.scenes), scenes=scenes, example=example
        )
    )


async def _creative(
    screenplay: Screenplay, request: RevisionRequest, language: str, context: Context
) -> Change:
    indices = creative_targets(screenplay, request)
    if indices is None:
        return _which_scene(screenplay, language)
    rewrite = await rewrite_scenes(screenplay, indices, request.text, language, context)
    summary = "; ".join(s for s in rewrite.summaries if s) or request.text[:120]
    message = say(
        "rewrote", language, numbers=join_numbers(rewrite.scenes, language), summary=summary
    )
    return Change(message, rewrite.screenplay, note=message, passages=rewrite.passages)


def _structural(screenplay: Screenplay, request: RevisionRequest, language: str) -> Change:
    kind = request.kind
    if kind == "rename":
        old = find_character(screenplay, request.old_name) or request.old_name
        revised = rename_character(screenplay, request.old_name, request.new_name)
        message = say("renamed", language, old=old, new=" ".join(request.new_name.split()))
    elif kind == "retitle":
        revised = retitle(screenplay, request.new_name)
        message = say("retitled", language, title=revised.title)
    elif kind == "swap":
        a, b = request.scenes[:2]
        revised = swap_scenes(screenplay, a, b)
        count = len(screenplay.scenes)
        a, b = (count if a < 0 else a), (count if b < 0 else b)
        message = say("swapped", language, a=min(a, b), b=max(a, b))
    elif kind == "delete":
        revised = delete_scenes(screenplay, request.scenes)
        count = len(screenplay.scenes)
        numbers = sorted({count if n < 0 else n for n in request.scenes})
        message = say("deleted", language, numbers=join_numbers(numbers, language))
    else:  # move
        number, position = request.scenes[0], int(request.position or 1)
        revised = move_scene(screenplay, number, position)
        count = len(screenplay.scenes)
        message = say(
            "moved",
            language,
            number=count if number < 0 else number,
            position=count if position < 0 else position,
        )
    return Change(message, revised, note=message)


async def apply_request(
    request: RevisionRequest,
    project: Project,
    screenplay: Screenplay,
    language: str,
    context: Context,
) -> Change:
    """What ``request`` changes, answered in ``language``; the project itself is left alone.

    A loosely phrased rename ("把X改成Y") whose X is nobody in the cast is read as a creative
    request instead: "把结尾改成大团圆" changes the ending, not a character's name.
    """
    if request.kind in ("undo", "restore"):
        return _history(project, request, language)
    if request.kind == "clarify":
        return _clarify(screenplay, request, language)
    if request.kind == "cut":
        return _cut(screenplay, request, language)
    if (
        request.kind == "rename"
        and not request.certain
        and find_character(screenplay, request.old_name) is None
    ):
        request = RevisionRequest("creative", request.text)
    if request.kind == "creative":
        return await _creative(screenplay, request, language, context)
    return _structural(screenplay, request, language)
