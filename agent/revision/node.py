"""Revision by conversation: the graph's ``revise`` node.

A revision changes only what was asked for, and every revision is a new numbered version
(:meth:`Project.commit`), "undo" and "go back to version 2" included
(:meth:`Project.restore` commits a copy), so nothing is ever lost. What each request changes
is worked out in :mod:`agent.revision.changes`: structural requests are applied exactly
without a model (:mod:`agent.revision.ops`, :mod:`film.repair`), creative ones rewrite only
their target scenes (:mod:`agent.revision.creative`). The reply shows the change as a
compact diff in the user's language, and the screenplay files in the project folder are
rewritten to match.
"""

from __future__ import annotations

import logging
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.events import passage_dict
from agent.exports import export_screenplay, project_folder
from agent.intake.guard import GuardResult, check_message
from agent.messages import say
from agent.revision.changes import Change, apply_request, fit_within_form
from agent.revision.creative import CreativeFailure
from agent.revision.diff import screenplay_diff
from agent.revision.ops import RevisionError
from agent.revision.parse import RevisionRequest, parse_revision
from agent.state import State, newest_user_message, plain_text
from film.language import detect_language
from film.screenplay import Project, Screenplay

log = logging.getLogger(__name__)

__all__ = ["RevisionRequest", "parse_revision", "revise_node"]


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
        change = await apply_request(request, project, old, language, context)
        if change.screenplay is not None:
            change.screenplay, change.notes = fit_within_form(
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
    change: Change,
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
        # Cited as the user reads them: a heading without its gloss in the other language.
        names = [f"{d['source']} › {d['heading']}" if d["heading"] else d["source"] for d in cited]
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
