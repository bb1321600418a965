"""What a person decided about a film whose scenes failed: retry them, or cut without them.

A film is only called finished when every scene is in it, unless the person explicitly
accepted a partial cut. That acceptance (and the wish to re-render just the failed scenes)
arrives typed with the message when a program sends it (the web studio's buttons, the
CLI's ``--allow-missing-scenes``), or written in a chat message ("render without scene 3",
"渲染，不含第3场"). Typed choices win; text is read only when none came typed.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import HumanMessage
from typing_extensions import TypedDict

from agent.state import State, newest_user_message, turn_text
from film.numbers import zh_number

CHOICE_KEY = "production_choice"
"""Where a message keeps its :class:`ProductionChoice` (in ``additional_kwargs``)."""


class ProductionChoice(TypedDict, total=False):
    """How this render should treat scenes that failed or may fail."""

    retry_failed: bool
    """Re-render the scenes the last run of this version failed (the rest come from the cache)."""

    leave_out: list[int]
    """Scenes the person chose to leave out of this cut; they are not rendered."""

    allow_partial: bool
    """Scenes that fail in this run are left out and the film is still made."""


_NUMBER = r"(?:\d{1,3}|[零一二两三四五六七八九十]{1,3})"
_LIST = rf"{_NUMBER}(?:\s*(?:,|，|、|和|及|and|&)\s*{_NUMBER})*"
_LEAVE_OUT = (
    re.compile(
        rf"\b(?:without|skip(?:ping)?|leav(?:e|ing)\s+out|drop(?:ping)?)\s+scenes?\s+({_LIST})",
        re.IGNORECASE,
    ),
    re.compile(rf"(?:不含|不要|去掉|跳过|略过|除去|删掉|没有)\s*第?\s*({_LIST})\s*场"),
)
_RETRY_FAILED = re.compile(r"\bfailed\s+scenes?\b|失败的?(?:场景|场|镜头)", re.IGNORECASE)


def choice_message(text: str, choice: ProductionChoice) -> HumanMessage:
    """A user message that carries a typed production choice (a button, a CLI flag)."""
    return HumanMessage(text, additional_kwargs={CHOICE_KEY: dict(choice)})


def attach_choice(message: HumanMessage, choice: ProductionChoice) -> HumanMessage:
    """``message`` with ``choice`` added beside whatever else it carries (an idea's options)."""
    message.additional_kwargs[CHOICE_KEY] = dict(choice)
    return message


def read_choice(state: State) -> ProductionChoice:
    """The choice that came with this turn's message: typed if it has one, else from its text."""
    typed = typed_choice(newest_user_message(state))
    return typed if typed is not None else choice_in_text(turn_text(state))


def typed_choice(message: HumanMessage | None) -> ProductionChoice | None:
    """The typed choice a message carries, read defensively (only well-typed values count)."""
    raw: Any = message.additional_kwargs.get(CHOICE_KEY) if message is not None else None
    if not isinstance(raw, dict):
        return None
    choice = ProductionChoice()
    if raw.get("retry_failed") is True:
        choice["retry_failed"] = True
    if raw.get("allow_partial") is True:
        choice["allow_partial"] = True
    numbers = raw.get("leave_out")
    if isinstance(numbers, list):
        kept = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool) and n > 0]
        if kept:
            choice["leave_out"] = sorted(set(kept))
    return choice


def choice_in_text(text: str) -> ProductionChoice:
    """A choice written in a chat message, in English or Chinese."""
    choice = ProductionChoice()
    numbers: set[int] = set()
    for pattern in _LEAVE_OUT:
        for match in pattern.finditer(text):
            numbers.update(_numbers(match.group(1)))
    if numbers:
        choice["leave_out"] = sorted(numbers)
    elif _RETRY_FAILED.search(text):
        choice["retry_failed"] = True
    return choice


def _numbers(listed: str) -> list[int]:
    found = []
    for token in re.findall(_NUMBER, listed):
        value = int(token) if token.isdigit() else zh_number(token)
        if value:
            found.append(value)
    return found
