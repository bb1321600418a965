"""Revision by conversation: the graph's ``revise`` node.

A revision changes only what was asked for, and every revision is a new numbered version
(:meth:`Project.commit`), "undo" and "go back to version 2" included
(:meth:`Project.restore` commits a copy), so nothing is ever lost. Structural requests are
applied exactly without a model (:mod:`agent.revision.ops`, :mod:`film.repair`);
creative ones rewrite only their target scenes (:mod:`agent.revision.creative`). The reply
shows the change as a compact diff in the user's language, and the screenplay files in the
project folder are rewritten to match.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.events import passage_dict
from agent.exports import export_screenplay, project_folder
from agent.intake.guard import GuardResult, check_message
from agent.messages import duration_text, join_numbers, say
from agent.revision.creative import CreativeFailure, creative_targets, rewrite_scenes
from agent.revision.diff import screenplay_diff
from agent.revision.ops import (
    RevisionError,
    delete_scenes,
    find_character,
    move_scene,
    rename_character,
    retitle,
    swap_scenes,
)
from agent.revision.parse import RevisionRequest, parse_revision
from agent.state import State, newest_user_message, plain_text
from film.form import estimate_runtime
from film.language import detect_language
from film.repair import TooManyCharacters, cut_to_length, within_form
from film.screenplay import Project, Screenplay

log = logging.getLogger(__name__)

__all__ = ["RevisionRequest", "parse_revision", "revise_node"]


@dataclass
class _Change:
    """A revised screenplay to commit, or (screenplay None) just a reply."""

    message: str
    screenplay: Screenplay | None = None
    note: str = ""
    restore: int | None = None
    notes: list[str] = field(default_factory=list)
    passages: list[Any] = field(default_factory=list)


def _read_message(state: State) -> tuple[str, RevisionRequest | GuardResult]:
    """This turn's cleaned text and the revision it asks for, as the input guard read it.

    In a graph without the guard (or with a record left from another message) the guard's
    checks run here, so a hostile message is refused either way; the refusal is returned
    in place of the request.
    """
    message = newest_user_message(state)
    turn = state.get("turn")
    if turn and message is not None and turn["message_id"] == message.id:
        text, parsed = turn["text"], turn["revision"]
        if parsed is None:
            return text, RevisionRequest("creative", text)
        return text, RevisionRequest(**{**parsed, "scenes": tuple(parsed.get("scenes") or ())})
    guarded = check_message(plain_text(message) if message is not None else "")
    if not guarded.ok:
        return guarded.text, guarded
    return guarded.text, parse_revision(guarded.text) or RevisionRequest("creative", guarded.text)


def _language(state: State, text: str) -> str:
    """The conversation's language, or the request's when the conversation has none yet."""
    return detect_language(text, str(state.get("language") or "auto"))


def _within_form(
    screenplay: Screenplay, cap_s: float, language: str
) -> tuple[Screenplay, list[str]]:
    """:func:`film.repair.within_form`, with what it did said in the user's language."""
    try:
        fit = within_form(screenplay, cap_s)
    except TooManyCharacters as exc:
        raise RevisionError("too_many_characters") from exc
    notes: list[str] = []
    if fit.added_speakers:
        notes.append(say("added_speakers", language, names=", ".join(fit.added_speakers)))
    if fit.trimmed:
        notes.append(say("trimmed_to_cap", language, cap=duration_text(cap_s, language)))
    return fit.screenplay, notes


def _history(project: Project, request: RevisionRequest, language: str) -> _Change:
    """Undo and restore: both commit a copy of an older version."""
    if request.kind == "undo":
        older = [v.number for v in project.versions if v.number < project.current]
        if not older:
            return _Change(say("nothing_to_undo", language, number=project.current))
        number = max(older)
        return _Change(say("undone", language, number=number), restore=number)
    number = int(request.version or 0)
    if number == project.current:
        return _Change(say("already_version", language, number=number))
    if all(v.number != number for v in project.versions):
        known = ", ".join(str(v.number) for v in project.versions)
        return _Change(say("no_such_version", language, number=number, known=known))
    return _Change(say("restored", language, number=number), restore=number)


def _cut(screenplay: Screenplay, request: RevisionRequest, language: str) -> _Change:
    runtime = estimate_runtime(screenplay)
    target = (
        request.seconds if request.seconds is not None else runtime - (request.shorter_by or 0.0)
    )
    if target >= runtime:
        return _Change(
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
    return _Change(message, result.screenplay, note=message)


def _clarify(screenplay: Screenplay, request: RevisionRequest, language: str) -> _Change:
    if request.topic == "length":
        runtime = estimate_runtime(screenplay)
        suggestion = max(30.0, round(runtime * 0.75 / 10) * 10)
        return _Change(
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
    return _Change(say("clarify_general", language, name=name))


def _which_scene(screenplay: Screenplay, language: str) -> _Change:
    scenes = "; ".join(f"{s.number} {s.place}" for s in screenplay.scenes[:8])
    if len(screenplay.scenes) > 8:
        scenes += "; …"
    example = "更感人" if language == "zh" else "funnier"
    return _Change(
        say(
            "clarify_target", language, count=len(screenplay.scenes), scenes=scenes, example=example
        )
    )


async def _creative(
    screenplay: Screenplay, request: RevisionRequest, language: str, context: Context
) -> _Change:
    indices = creative_targets(screenplay, request)
    if indices is None:
        return _which_scene(screenplay, language)
    rewrite = await rewrite_scenes(screenplay, indices, request.text, language, context)
    summary = "; ".join(s for s in rewrite.summaries if s) or request.text[:120]
    message = say(
        "rewrote", language, numbers=join_numbers(rewrite.scenes, language), summary=summary
    )
    return _Change(message, rewrite.screenplay, note=message, passages=rewrite.passages)


def _structural(screenplay: Screenplay, request: RevisionRequest, language: str) -> _Change:
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
    return _Change(message, revised, note=message)


async def _apply(
    request: RevisionRequest,
    project: Project,
    screenplay: Screenplay,
    language: str,
    context: Context,
) -> _Change:
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


def _reply(text: str) -> dict[str, Any]:
    return {"messages": [AIMessage(text)]}


async def revise_node(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Apply the user's revision request to the current screenplay as a new version."""
    text, request = _read_message(state)
    language = _language(state, text)
    if isinstance(request, GuardResult):
        return _reply(request.reply or say("clarify_general", language, name="Grandma"))
    if not state.get("project"):
        return _reply(say("no_project", language))
    project = Project.model_validate(state["project"])
    old = project.screenplay
    if old is None:
        return _reply(say("no_project", language))
    context = runtime.context
    try:
        change = await _apply(request, project, old, language, context)
        if change.screenplay is not None:
            change.screenplay, change.notes = _within_form(
                change.screenplay, float(context.max_seconds), language
            )
    except (RevisionError, CreativeFailure) as exc:
        return _reply(say(exc.key, language, **exc.params))
    if change.restore is not None:
        project.restore(change.restore)
    elif change.screenplay is None:
        return _reply(change.message)
    elif change.screenplay == old:
        return _reply(say("no_change", language))
    else:
        project.commit(change.screenplay, change.note[:300])
    return await _committed(state, project, old, change, language, context)


async def _committed(
    state: State,
    project: Project,
    old: Screenplay,
    change: _Change,
    language: str,
    context: Context,
) -> dict[str, Any]:
    new = project.screenplay
    assert new is not None
    parts = [change.message]
    if change.notes:
        parts.append(say("repaired", language, notes="; ".join(change.notes)))
    parts.append("```diff\n" + screenplay_diff(old, new, language=language) + "\n```")
    parts.append(say("saved", language, number=project.current))
    update: dict[str, Any] = {}
    if change.passages:
        cited = [passage_dict(p) for p in change.passages]
        names = [
            p.citation() if callable(getattr(p, "citation", None)) else d["source"]
            for p, d in zip(change.passages, cited, strict=True)
        ]
        parts.append(say("sources", language, sources="; ".join(names)))
        update["sources"] = cited
    folder = project_folder(state, context, project.slug)
    try:
        await export_screenplay(project, folder)
        update["exported_version"] = project.current
    except OSError as exc:
        log.error("could not write the revised screenplay files: %s", exc)
    update.update(
        {
            "project": project.model_dump(mode="json"),
            "project_dir": str(folder),
            "messages": [AIMessage("\n\n".join(parts))],
        }
    )
    return update
