"""How a turn looks in the terminal, for the ``microfilm`` command (:mod:`agent.cli`).

Progress, sources and files go to stderr and replies to ``say`` (stdout in the chat), so
``microfilm draft`` can print only the finished files' paths on stdout. The two questions a
turn can stop on are printed with how to answer them: the genre (a number or words),
before a paid render the estimate scene by scene (yes or no), and before a keyframe-first
render the character sheets' files (yes, "redo NAME" or no).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.context import Context
from agent.events import (
    Artefact,
    CostQuestion,
    Failure,
    GenreQuestion,
    Progress,
    Reply,
    Sources,
    TurnEvent,
)
from agent.messages import say
from agent.model.providers import describe_model
from agent.production.sheets import sheet_text
from agent.production.spending import cost_text
from agent.questions import Question, SheetQuestion
from agent.session import StudioGraph, TurnInput, TurnResult, stream_turn


def err(text: str) -> None:
    """One line to stderr, at once."""
    print(text, file=sys.stderr, flush=True)


def show_event(event: TurnEvent, reply: Callable[[str], None]) -> None:
    """Progress, sources and files go to stderr; replies go to ``reply``.

    A stage's failure message is left out: the caller reports the turn's error once.
    """
    if isinstance(event, Progress):
        share = f" {event.fraction:.0%}" if event.fraction is not None else ""
        err(f"[{event.stage}{share}] {event.message}")
    elif isinstance(event, Sources):
        cited = [f"{p.get('source')} > {p.get('heading')}" for p in event.passages]
        if cited:
            err("  sources: " + "; ".join(cited))
    elif isinstance(event, Failure):
        err(f"[{event.stage}] {event.message}")
    elif isinstance(event, Artefact):
        scene = f" {event.scene}" if event.scene else ""
        err(f"  + {event.kind}{scene}: {event.path}")
    elif isinstance(event, Reply) and not event.failure:
        reply(event.text)


async def play(
    graph: StudioGraph,
    thread: str,
    turn: TurnInput,
    context: Context,
    reply: Callable[[str], None],
) -> TurnResult:
    """Run one turn, showing it as it goes; what it produced is returned."""
    result = TurnResult()
    async for event in stream_turn(graph, thread, turn, context):
        show_event(event, reply)
        result.record(event)
    return result


def print_model(context: Context) -> None:
    """Which model writes, on stderr."""
    info = describe_model(context)
    err(f"Model: {info.name} ({info.provider}). {info.note}")


def answer_for(line: str, question: Question) -> str:
    """What a typed line answers: a genre number becomes its slug; other text is kept."""
    if isinstance(question, GenreQuestion):
        options = question.options
        if line.strip().isdigit() and 1 <= int(line) <= len(options):
            return str(options[int(line) - 1]["genre"])
    return line


def show_question(question: Question) -> None:
    """The question on stdout, with how to answer it."""
    if isinstance(question, SheetQuestion):  # the person's own disk: paths help here
        print(sheet_text(question.payload, bullet="  ", paths=True))
        print(question.payload.get("ask", ""), flush=True)
        return
    if isinstance(question, CostQuestion):
        language = str(question.payload.get("language") or "en")
        print(cost_text(question.payload, bullet="  ", ask=False))
        print(say("cost_answer_hint", language), flush=True)
        return
    print(question.payload.get("question", ""))
    for number, option in enumerate(question.options, start=1):
        star = " *" if option.get("genre") == question.payload.get("recommended") else ""
        print(f"  {number}. {option.get('label')}{star}: {option.get('pitch', '')}")
    print("Answer with a number or in your own words.", flush=True)


def keep_sheets(payload: dict[str, Any], folder: Path) -> str:
    """Copy the sheets out of a ``draft``'s temporary folder; the text that names them there."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in payload.get("sheets") or []:
        source = Path(str(sheet.get("path")))
        if source.is_file():
            sheet["path"] = str(folder / source.name)
            shutil.copy2(source, sheet["path"])
    language = str(payload.get("language") or "en")
    text = sheet_text(payload, bullet="  ", paths=True)
    return text + "\n" + say("sheets_cli_stopped", language)
