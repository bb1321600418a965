"""The ``microfilm`` command: a whole film from one prompt, or a chat in the terminal.

``microfilm draft`` runs the graph in one-prompt mode inside a temporary folder next to
the output folder and moves the finished files into place only when everything worked,
so a bad idea, a broken model or a full disk never leaves half a film behind. Every
failure ends with one clear message and a non-zero exit code. A scene that cannot be
rendered fails the run, naming the scene in the user's language, and the finished
screenplay is still saved; ``--allow-missing-scenes`` accepts a film without such scenes.
A paid render needs ``--yes`` or ``--budget``: without either the estimate is printed, the
screenplay saved and nothing spent (exit code 3). How turns look: :mod:`agent.terminal`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from agent.context import Context
from agent.graph import builder
from agent.messages import say, scenes_named
from agent.production.choices import ProductionChoice, attach_choice
from agent.production.delivery import editor_handoff
from agent.production.report import failed_scenes
from agent.production.resume import find_interrupted
from agent.production.spending import LEDGER_NAME, cost_text
from agent.session import TurnInput, TurnResult, open_graph, pending_question
from agent.state import IdeaOptions, idea_message
from agent.terminal import answer_for, err, keep_sheets, play, print_model, show_question
from film.screenplay import Genre, Project

DELIVERABLES = {  # name in the output folder -> project artefact field
    "screenplay.fountain": "fountain",
    "screenplay.json": "screenplay_json",
    "film.mp4": "film",
    "cover.png": "cover",
    "subtitles.srt": "subtitles",
    "screenplay.pdf": "pdf",
}
SCREENPLAY_FILES = ("screenplay.fountain", "screenplay.json", "screenplay.pdf")
NEEDS_APPROVAL = 3  # the exit code of a paid render that waits for --yes or --budget


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit code 2 (1 for run failures)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def check_resolution(value: str) -> str:
    """Accept only vertical 9:16 sizes such as 1080x1920 or 720x1280."""
    width, _, height = value.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) * 16 != int(height) * 9:
        raise CliError(
            f"--resolution must be a vertical 9:16 size like 1080x1920 or 720x1280, not {value!r}."
        )
    return f"{int(width)}x{int(height)}"


def _context(args: argparse.Namespace, **extra: Any) -> Context:
    changes: dict[str, Any] = {"language": args.language or "auto", **extra}
    if args.budget is not None and not args.budget > 0:
        raise CliError(f"--budget must be an amount above zero, not {args.budget:g}.")
    if args.budget is not None:
        changes["budget"] = args.budget
    changes["spending_approved"] = bool(args.yes or args.budget is not None)
    changes["sheets_approved"] = bool(args.yes)
    if args.backend:
        changes["render_backend"] = args.backend
    if args.resolution:
        changes["resolution"] = check_resolution(args.resolution)
    return Context().updated(**changes)


def _prepare_output(out: Path) -> Path:
    """A fresh temporary folder beside ``out`` (proves the place is writable)."""
    if out.exists() and not out.is_dir():
        raise CliError(f"Cannot write to {out}: it exists and is not a folder.")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise CliError(f"Cannot write to {out}: {exc.strerror or exc}.") from exc


def _move_deliverables(
    result: TurnResult, work: Path, out: Path, names: tuple[str, ...] = tuple(DELIVERABLES)
) -> list[Path]:
    project = Project.model_validate(result.values["project"])
    sources = {name: getattr(project.artefacts, DELIVERABLES[name]) for name in names}
    found = {name: work / rel for name, rel in sources.items() if rel and (work / rel).is_file()}
    if (work / LEDGER_NAME).is_file():  # what was paid for goes with what it bought
        found[LEDGER_NAME] = work / LEDGER_NAME
    if found:
        out.mkdir(parents=True, exist_ok=True)
    for name, source in found.items():
        os.replace(source, out / name)
    return [out / name for name in found]


def _move_handoff(project: Project, work: Path, out: Path) -> list[Path]:
    """The editor hand-off folder goes beside the film, replacing one an earlier run left."""
    source = editor_handoff(work, project)
    if source is None:
        return []
    target = out / source.name
    if target.is_dir():
        shutil.rmtree(target)
    os.replace(source, target)
    return [target]


def _unfinished_film(result: TurnResult, work: Path, out: Path) -> CliError:
    """The run failed in production: keep the screenplay, say which scenes and what next."""
    language = str(result.values.get("language") or "en")
    saved = _move_deliverables(result, work, out, SCREENPLAY_FILES)
    lines = [result.error or "The film was not produced."]
    if failed_scenes(result.values):
        lines.append(say("retry_hint_draft", language))
    if saved:
        lines.append(f"Saved to {out}: " + ", ".join(p.name for p in saved))
    return CliError("\n".join(lines), code=1)


def _needs_approval(result: TurnResult, work: Path, out: Path) -> CliError:
    """A paid render that was not approved: the estimate, the screenplay kept, nothing spent."""
    assert result.cost is not None
    payload = result.cost.payload
    language = str(payload.get("language") or "en")
    saved = _move_deliverables(result, work, out, SCREENPLAY_FILES)
    lines = [cost_text(payload, bullet="  ", ask=False)]
    lines.append(say("cost_cli_stopped", language, total=payload.get("total_text", "")))
    if saved:
        lines.append(f"Saved to {out}: " + ", ".join(p.name for p in saved))
    return CliError("\n".join(lines), code=NEEDS_APPROVAL)


def _needs_sheet_approval(result: TurnResult, work: Path, out: Path) -> CliError:
    """Sheets that wait for a look: copied to ``--out`` with the screenplay, nothing rendered."""
    assert result.sheets is not None
    saved = _move_deliverables(result, work, out, SCREENPLAY_FILES)
    lines = [keep_sheets(result.sheets.payload, out / "character-sheets")]
    if saved:
        lines.append(f"Saved to {out}: " + ", ".join(p.name for p in saved))
    return CliError("\n".join(lines), code=NEEDS_APPROVAL)


async def _draft(args: argparse.Namespace) -> int:
    idea = " ".join(args.idea.split())
    if not idea:
        raise CliError("The idea is empty: describe your film in a sentence or two.")
    genre = None
    if args.genre:
        try:
            genre = Genre.parse(args.genre)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    if args.seconds is not None and not 20 <= args.seconds <= 600:
        raise CliError("--seconds must be between 20 and 600 (micro films stop at 10 minutes).")
    out = Path(args.out).expanduser().resolve()
    context = _context(args)
    work = _prepare_output(out)
    try:
        context = context.updated(project_dir=str(work))
        print_model(context)
        options = IdeaOptions(one_prompt=True)
        if genre:
            options["genre"] = genre.value
        if args.seconds is not None:
            options["target_seconds"] = float(args.seconds)
        message = idea_message(idea, options)
        if args.allow_missing_scenes:
            attach_choice(message, ProductionChoice(allow_partial=True))
        graph = builder.compile(checkpointer=InMemorySaver())
        result = await play(graph, uuid.uuid4().hex, {"messages": [message]}, context, err)
        if result.cost is not None:
            raise _needs_approval(result, work, out)
        if result.sheets is not None:
            raise _needs_sheet_approval(result, work, out)
        if result.values.get("project") and result.values.get("production") and result.error:
            raise _unfinished_film(result, work, out)
        if result.error or result.question or not result.values.get("project"):
            raise CliError(result.error or "The draft stopped before the film was made.", code=1)
        project = Project.model_validate(result.values["project"])
        if not project.artefacts.film:
            raise CliError("The film was not produced.", code=1)
        moved = _move_deliverables(result, work, out)
        moved += _move_handoff(project, work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    err(f"Saved to {out}:")
    print("\n".join(str(p) for p in moved))
    return 0


async def _chat(args: argparse.Namespace) -> int:
    context = _context(args)
    thread = args.thread or uuid.uuid4().hex[:12]
    print_model(context)
    print(
        f"Thread {thread} (continue later with: microfilm chat --thread {thread}). "
        "Type /quit to leave."
    )
    async with open_graph(args.db) as graph:
        question = await pending_question(graph, thread)
        if question:
            show_question(question)
        if interrupted := await find_interrupted(graph, thread):  # offer to resume its render
            print(interrupted.notice(chat_hint=True), flush=True)
        while True:
            try:
                line = await asyncio.to_thread(input, "you> ")
            except EOFError:
                break
            if line.strip() in ("/quit", "/exit"):
                break
            turn: TurnInput = line
            if question:
                turn = Command(resume=answer_for(line, question))
            try:
                result = await play(graph, thread, turn, context, lambda t: print(t, flush=True))
            except Exception as exc:  # keep the conversation; the checkpoint is intact
                err(f"error: {type(exc).__name__}: {exc}. Your work is saved; try again.")
                continue
            if result.error:
                print(result.error, flush=True)
                failed = failed_scenes(result.values)
                if failed:
                    language = str(result.values.get("language") or "en")
                    which = scenes_named(failed, language)
                    print(say("retry_hint_chat", language, which=which), flush=True)
            question = result.question or result.cost or result.sheets
            if question:
                show_question(question)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``microfilm`` argument parser."""
    parser = argparse.ArgumentParser(prog="microfilm", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draft = commands.add_parser("draft", help="make a whole film from one idea")
    draft.add_argument("idea", help="the film idea, in English or Chinese")
    draft.add_argument("--genre", help="one of: " + ", ".join(g.value for g in Genre))
    draft.add_argument("--out", required=True, help="output folder")
    draft.add_argument("--seconds", type=int, help="target length (20-600)")
    draft.add_argument(
        "--allow-missing-scenes",
        action="store_true",
        help="if a scene cannot be rendered, make the film without it instead of failing",
    )
    chat = commands.add_parser("chat", help="co-write a film in the terminal")
    chat.add_argument("--thread", help="continue this conversation")
    chat.add_argument(
        "--db",
        help="checkpoint database (default: data/checkpoints.sqlite, or the Postgres server of "
        "MICROFILM_DATABASE_URL)",
    )
    for sub in (draft, chat):
        sub.add_argument("--language", choices=["en", "zh"], help="reply language")
        sub.add_argument("--backend", help="render backend (default: local)")
        sub.add_argument("--resolution", help="vertical size, e.g. 1080x1920 or 720x1280")
        sub.add_argument("--yes", action="store_true", help="go ahead with a paid render")
        sub.add_argument(
            "--budget",
            type=float,
            metavar="AMOUNT",
            help="go ahead with a paid render, spending at most AMOUNT on the project",
        )
    return parser


class _OneLine(logging.Formatter):
    """Warnings as one line each: the run reports its own failures, no traceback wall."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        return ""


def _quiet_logging() -> None:
    if not logging.getLogger().handlers:  # unless the caller set logging up
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine("warning: %(message)s"))
        logging.getLogger().addHandler(handler)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code.

    0 ok, 1 the run failed, 2 bad input, 3 a paid render waits for --yes or --budget.
    """
    args = build_parser().parse_args(argv)
    _quiet_logging()
    try:
        return asyncio.run(_draft(args) if args.command == "draft" else _chat(args))
    except CliError as exc:
        err(f"error: {exc}" if exc.code != NEEDS_APPROVAL else str(exc))
        return exc.code
    except KeyboardInterrupt:
        err("Stopped.")
        return 130
    except Exception as exc:  # a bug or a broken disk: one line, no traceback wall
        err(f"error: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
