"""The character sheets, approved before a keyframe-first render draws a single shot.

With ``MICROFILM_CHARACTER_SHEETS=on`` and a generative backend, ``plan_production`` (through
:func:`approve_render`, after the cost gate) has one sheet per character drawn, front and
profile, by the backend's image side (:mod:`tools.backends.keyframes`), and stops on an
``interrupt()`` that shows them (:func:`sheet_payload`): the web studio shows the images with
Approve / Regenerate <name> / Stop buttons, the terminal chat asks, and ``microfilm draft``
prints the sheets' paths and stops unless ``--yes`` (``Context.sheets_approved``) said yes.
"Regenerate" draws a new take of that one sheet and asks again; an approved, unchanged set
is not asked about twice. The approved sheets ride in the production settings, so every
scene's keyframes are drawn from them and their keys are in each scene's cache key.

A resumed ``interrupt()`` runs the node again from the top; the store's question round keeps
each rerun on the same takes, so no sheet is painted (or paid for) twice. With a Ray cluster
(``MICROFILM_RAY_ADDRESS``) each missing sheet is its own Ray task, all painted at once
(:func:`agent.production.cluster.sheet_painter`); a stop cancels them.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langgraph.types import interrupt

from agent.context import Context
from agent.messages import say
from agent.production.cluster import sheet_painter
from agent.production.report import public_reason
from agent.production.spending import approve_spending
from agent.questions import SheetQuestion
from agent.state import State
from film.screenplay import Screenplay
from tools.assembly.settings import ProductionSettings
from tools.backends.base import RenderError
from tools.backends.keyframes.sheets import (
    CharacterSheet,
    SheetStore,
    approved_references,
    drawn_characters,
    sheets_wanted,
)
from tools.backends.ledger import SceneSpending, SpendLedger

log = logging.getLogger(__name__)
APPROVE = "approve"
_YES = re.compile(
    r"^\s*(?:(?:y|yes|yeah|ok|okay|sure|approved?|good|fine|go|looks good)\b|"
    r"是|好|确认|确定|通过|可以|行|同意|继续)",
    re.IGNORECASE,
)
_REDO = re.compile(
    r"\b(?:re-?generate|redo|re-?draw|again|another|new take)\b|重画|重新生成|重新画|再画|换一",
    re.IGNORECASE,
)


async def approve_render(
    state: State, context: Context, screenplay: Screenplay, production: dict[str, Any]
) -> dict[str, Any] | None:
    """The cost gate, then the character sheets: None when the render goes on.

    The sheets already approved are put in the settings first, so the estimate looks up the
    same scene keys the render will use (a finished film is not priced as new).
    """
    if sheets_wanted() and state.get("request") != "cover":
        found = approved_references(
            Path(production["project_dir"]), screenplay, drawn_characters(screenplay)
        )
        production["settings"]["character_sheets"] = {n: str(p) for n, (p, _) in found.items()}
    gate = await approve_spending(state, context, screenplay, production)
    if gate is not None or state.get("request") == "cover":
        return gate
    return await approve_sheets(state, context, screenplay, production)


async def approve_sheets(
    state: State, context: Context, screenplay: Screenplay, production: dict[str, Any]
) -> dict[str, Any] | None:
    """Draw (or find) the sheets, have them approved, and hand them to the render.

    Returns None when the render goes on (``production["settings"]`` then names the sheets),
    or the update that ends the turn: stopped, or the sheets could not be drawn.
    """
    language = str(production.get("language") or "en")
    settings = ProductionSettings.model_validate(production["settings"])
    folder = Path(production["project_dir"])
    try:
        painter = sheet_painter(settings.backend) if sheets_wanted() else None
    except ValueError as exc:
        return _failed(str(exc), language, folder)
    if painter is None:
        return None
    store = SheetStore(folder)
    spending = SceneSpending(SpendLedger(folder), None, "", settings.budget)
    base = await asyncio.to_thread(store.round_takes, _round_id(state.get("messages") or []))
    redone: Counter[str] = Counter()
    while True:
        for name, take in base.items():
            store.set_take(name, take + redone[name])
        try:
            sheets = await asyncio.to_thread(store.make, screenplay, painter, spending)
        except asyncio.CancelledError:  # a stop: the sheets' Ray tasks end too
            if cancel := getattr(painter, "cancel", None):
                cancel()
            raise
        except (RenderError, OSError) as exc:
            log.warning("character sheets not drawn: %r", exc)
            return _failed(str(exc), language, folder)
        names = [sheet.name for sheet in sheets]
        if context.sheets_approved or (sheets and all(s.approved for s in sheets)):
            break
        if not sheets:
            return None
        choice = read_answer(interrupt(sheet_payload(sheets, screenplay.title, language)), names)
        if choice == APPROVE:
            break
        if choice is None:
            production["declined"] = True
            message = say("sheets_declined", language)
            return {
                "messages": [AIMessage(message)],
                "production": production,
                "scene_results": None,
            }
        redone[choice] += 1
        base.setdefault(choice, 1)
    store.approve(names)
    production["settings"]["character_sheets"] = {s.name: str(s.path) for s in sheets}
    return None


def read_answer(answer: Any, names: list[str]) -> str | None:
    """``APPROVE``, the name of the character to draw again, or None (stop).

    A button's payload (``{"approve": True}`` / ``{"regenerate": name}``) or words: "yes",
    "redo Mia", "重画 Mia". Anything unclear stops: sheets are approved only on a clear yes.
    """
    if isinstance(answer, dict):
        if answer.get("approve") is True:
            return APPROVE
        wanted = str(answer.get("regenerate") or "").strip().lower()
        return next((n for n in names if n.lower() == wanted), None)
    if isinstance(answer, bool):
        return APPROVE if answer else None
    if not isinstance(answer, str):
        return None
    if _REDO.search(answer):
        lowered = answer.lower()
        named = [n for n in names if n.lower() in lowered]
        return named[0] if len(named) == 1 else None
    return APPROVE if _YES.match(answer) else None


def sheet_payload(sheets: list[CharacterSheet], title: str, language: str) -> dict[str, Any]:
    """The interrupt value of the sheet question (:class:`agent.questions.SheetQuestion`)."""
    return {
        "type": SheetQuestion.KIND,
        "language": language,
        "question": say("sheets_question", language, title=title),
        "lines": [say("sheets_line", language, name=s.name, take=s.take) for s in sheets],
        "ask": say("sheets_ask", language),
        "sheets": [
            {"name": s.name, "path": str(s.path), "take": s.take, "approved": s.approved}
            for s in sheets
        ],
    }


def sheet_text(payload: dict[str, Any], *, bullet: str = "- ", paths: bool = False) -> str:
    """The question as text; ``paths`` adds each sheet's file (the CLI, on the person's disk)."""
    lines = []
    for line, sheet in zip(payload.get("lines") or [], payload.get("sheets") or [], strict=False):
        lines.append(bullet + str(line) + (f": {sheet.get('path')}" if paths else ""))
    return "\n".join([str(payload.get("question") or ""), *lines])


def _round_id(messages: Sequence[BaseMessage]) -> str:
    """Names this render request: the same through every resume, new with the next message."""
    last = messages[-1] if messages else None
    return f"{len(messages)}:{getattr(last, 'id', '') or ''}"


def _failed(reason: str, language: str, folder: Path) -> dict[str, Any]:
    message = say("sheets_failed", language, reason=public_reason(reason, folder))
    return {"messages": [AIMessage(message)], "error": message}
