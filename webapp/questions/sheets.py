"""Ask for the character sheets' approval: each sheet shown, then one button per answer.

The graph stops before a keyframe-first render with an ``approve_sheets`` interrupt
(:func:`agent.production.sheets.sheet_payload`). Here it becomes one message with each sheet
as an inline image (only files inside this thread's project folder, checked like every
artefact) and the buttons Approve, Regenerate <name> (one per character) and Stop; a click
resumes the interrupt with ``{"approve": True}``, ``{"regenerate": name}`` or
``{"approve": False}``, as the cost question's Confirm / Decline do. Typing works too ("yes",
"redo Mia", "重画 Mia"), and a reopened thread asks again.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

import chainlit as cl

from agent.messages import say
from agent.questions import SheetQuestion
from webapp.projects import checked_artefact
from webapp.questions.buttons import clear_buttons, post_with_buttons

ACTION_NAME = "approve_sheets"
MESSAGE_KEY = "sheet_question"
APPROVE, REGENERATE, STOP = "approve", "regenerate", "stop"


def is_sheet_question(payload: Any) -> bool:
    """True for the interrupt these buttons answer."""
    return SheetQuestion.from_interrupt(payload) is not None


def sheet_actions(payload: Mapping[str, Any]) -> list[cl.Action]:
    """Approve, Regenerate <name> per character, and Stop, in the conversation's language."""
    language = str(payload.get("language") or "en")
    actions = [
        cl.Action(
            name=ACTION_NAME,
            payload={"answer": APPROVE},
            label=say("sheets_approve", language),
            tooltip=say("sheets_approve_tooltip", language),
            icon="check",
        )
    ]
    for sheet in payload.get("sheets") or []:
        name = str(sheet.get("name") or "")
        actions.append(
            cl.Action(
                name=ACTION_NAME,
                payload={"answer": REGENERATE, "name": name},
                label=say("sheets_regenerate", language, name=name),
                tooltip=say("sheets_regenerate_tooltip", language, name=name),
                icon="refresh-cw",
            )
        )
    actions.append(
        cl.Action(
            name=ACTION_NAME,
            payload={"answer": STOP},
            label=say("sheets_decline", language),
            tooltip=say("sheets_decline_tooltip", language),
            icon="x",
        )
    )
    return actions


def sheet_markdown(payload: Mapping[str, Any]) -> str:
    """The question, one line per character, and how to answer (names escaped)."""
    lines = [f"- {escape(str(line))}" for line in payload.get("lines") or []]
    question = escape(str(payload.get("question") or ""))
    return "\n\n".join([question, "\n".join(lines), f"_{escape(str(payload.get('ask') or ''))}_"])


def shown_sheets(payload: Mapping[str, Any], folder: Path | None) -> list[tuple[str, Path]]:
    """(caption, file) of each sheet inside this thread's folder; any other path is refused."""
    shown: list[tuple[str, Path]] = []
    for sheet in payload.get("sheets") or []:
        path = checked_artefact(str(sheet.get("path") or ""), folder) if folder else None
        if path is not None:
            shown.append((f"{sheet.get('name')} ({sheet.get('take')})", path))
    return shown


def sheet_images(payload: Mapping[str, Any], folder: Path | None) -> list[cl.Image]:
    """The sheets as large inline images."""
    return [
        cl.Image(name=name, path=str(path), display="inline", size="large")
        for name, path in shown_sheets(payload, folder)
    ]


async def ask_sheets(payload: Mapping[str, Any], folder: Path | None) -> cl.Message:
    """Post the sheets with their buttons and remember the message, so an answer clears them."""
    message = cl.Message(
        content=sheet_markdown(payload),
        elements=sheet_images(payload, folder),  # type: ignore[arg-type]
        actions=sheet_actions(payload),
    )
    return await post_with_buttons(MESSAGE_KEY, message)


async def clear_sheet_buttons() -> None:
    """Remove the buttons once the question is answered (by click or by typing)."""
    await clear_buttons(MESSAGE_KEY)


def sheet_answer(payload: Mapping[str, Any]) -> dict[str, Any]:
    """What a click answers: approve, draw one character again, or stop."""
    answer = payload.get("answer")
    if answer == REGENERATE:
        return {"regenerate": str(payload.get("name") or "")}
    return {"approve": answer == APPROVE}
