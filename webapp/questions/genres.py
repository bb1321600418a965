"""The genre question as six buttons, with the recommended genre marked.

The graph pauses with a ``choose_genre`` interrupt. The question is posted as an
ordinary message with one action per genre rather than a blocking prompt, so the user can
click a button or simply type ("make it a romance", "you choose") and both resume the
same interrupt; a thread reopened later shows the buttons again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import chainlit as cl

from agent.events import GenreQuestion
from film.language import detect_language
from webapp.questions.buttons import clear_buttons, post_with_buttons
from webapp.render import escape

ACTION_NAME = "choose_genre"
SESSION_KEY = "genre_question"


def payload_language(payload: Mapping[str, Any]) -> str:
    """The conversation's language, read from the question the graph wrote in it.

    Genre labels carry both names ("Touching Family (温情亲情)"), so one Chinese word
    does not make a question Chinese: the studio's one rule (mostly Chinese) decides.
    """
    return detect_language(str(payload.get("question") or ""))


def genre_actions(payload: Mapping[str, Any]) -> list[cl.Action]:
    """One button per option; the recommended one comes first and carries a star."""
    recommended = payload.get("recommended")
    options = sorted(
        payload.get("options") or [], key=lambda option: option.get("genre") != recommended
    )
    actions = []
    for option in options:
        slug = str(option.get("genre", ""))
        label = str(option.get("label") or slug)
        starred = slug == recommended
        actions.append(
            cl.Action(
                name=ACTION_NAME,
                payload={"genre": slug},
                label=f"★ {label}" if starred else label,
                tooltip=str(option.get("pitch") or "")[:300],
                icon="star" if starred else "clapperboard",
            )
        )
    return actions


def question_markdown(payload: Mapping[str, Any]) -> str:
    """The question with each genre's one-line pitch, and how to answer."""
    language = payload_language(payload)
    recommended = payload.get("recommended")
    lines = [escape(str(payload.get("question") or "Which genre?")), ""]
    for option in payload.get("options") or []:
        mark = " ★" if option.get("genre") == recommended else ""
        pitch = escape(str(option.get("pitch") or ""))
        label = escape(str(option.get("label") or option.get("genre")))
        lines.append(f"- **{label}**{mark}" + (f": {pitch}" if pitch else ""))
    hint = (
        'Click a genre below, or type your own answer ("you choose" takes the ★ one).'
        if not language.startswith("zh")
        else "点击下面的类型，或者直接输入你的想法（输入“你来选”就用★推荐的类型）。"
    )
    lines += ["", f"_{hint}_"]
    return "\n".join(lines)


async def ask_genre(payload: Mapping[str, Any]) -> cl.Message:
    """Post the question with its buttons and remember it, so an answer can clear them."""
    message = cl.Message(content=question_markdown(payload), actions=genre_actions(payload))
    return await post_with_buttons(SESSION_KEY, message)


async def clear_genre_buttons() -> None:
    """Remove the buttons once the question is answered (by click or by typing)."""
    await clear_buttons(SESSION_KEY)


def is_genre_question(payload: Any) -> bool:
    """True for the interrupt the buttons answer."""
    return GenreQuestion.from_interrupt(payload) is not None
