"""Entry nodes of a turn: guard the input, route it, and take in a new idea.

Routing is deterministic (:mod:`agent.intake.intent`): the guard's cleaned text decides
whether this turn drafts a new film, resumes a failed stage, revises the screenplay or
produces the film. Conditional edges between stages live here too, so the graph module
stays wiring only.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from agent.context import Context
from agent.intake.guard import check_message
from agent.intake.intent import (
    Intent,
    clamp_target,
    classify_intent,
    detect_language,
    genre_tag,
    length_tag,
    named_genre,
    parse_target_seconds,
    strip_one_prompt,
    without_requests,
)
from agent.intake.questions import is_craft_question
from agent.messages import minutes_text, say, stage_label
from agent.revision.parse import parse_revision
from agent.state import (
    State,
    Turn,
    idea_options,
    newest_user_message,
    plain_text,
    turn_options,
    turn_text,
)
from film.screenplay import Genre

DRAFT_STAGES = (
    "pitch_genres",
    "write_logline",
    "write_characters",
    "write_outline",
    "write_scenes",
)
STAGE_OF_NODE = {
    "pitch_genres": "pitches",
    "write_logline": "logline",
    "write_characters": "characters",
    "write_outline": "outline",
    "write_scenes": "scenes",
}
GUARD_DESTINATIONS = (
    "intake",
    "help",
    "answer_question",
    "plan_production",
    "revise",
    *DRAFT_STAGES,
    END,
)


#: How a request opens before its story: "a 30-second film about", "一个两分钟的短片：".
_REQUEST_LEAD = re.compile(
    r"^(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:film|movie|story|short)\s+(?:about|of)\s+"
    r"|^(?:一(?:个|部))?[^，。：:]{0,8}?(?:短片|微电影|电影|故事)[：:，,]\s*",
    re.IGNORECASE,
)


def has_screenplay(state: State) -> bool:
    """True once a version of the screenplay exists."""
    return bool(state.get("project", {}).get("versions"))


async def guard_input(state: State, runtime: Runtime[Context]) -> Command[Any]:
    """Check the user's message, record how it was read (``turn``), then route the turn."""
    message = newest_user_message(state)
    result = check_message(
        plain_text(message) if message is not None else "", language=state.get("language")
    )
    if not result.ok:
        reply = result.reply or say("help", state.get("language", "en"))
        return Command(update={"messages": [AIMessage(reply)], "error": None}, goto=END)
    options = idea_options(message)
    intent = (
        Intent("one_prompt", result.text)
        if options.get("one_prompt")
        else classify_intent(
            result.text, has_project=has_screenplay(state), pending_stage=state.get("resume_stage")
        )
    )
    revision = parse_revision(result.text) if intent.kind == "revise" else None
    update: dict[str, Any] = {
        "error": None,
        "turn": Turn(
            message_id=message.id if message is not None else None,
            text=result.text,
            intent=intent.kind,
            revision=asdict(revision) if revision else None,
            options=options,
        ),
    }
    if result.reply:  # accepted with a note, e.g. a very long message was shortened
        update["messages"] = [AIMessage(result.reply)]
    if intent.kind == "retry" and state.get("resume_stage") in DRAFT_STAGES:
        return Command(update=update, goto=str(state["resume_stage"]))
    pending = state.get("resume_stage")
    if intent.kind == "intake" and pending and len(result.text) <= 40:
        language = state.get("language") or detect_language(result.text)
        stage = stage_label(STAGE_OF_NODE.get(str(pending), str(pending)), language)
        update["messages"] = [
            *update.get("messages", []),
            AIMessage(say("pending_hint", language, stage=stage)),
        ]
        return Command(update=update, goto=END)
    if (
        intent.kind in ("intake", "revise", "help")
        and is_craft_question(result.text)
        and (intent.kind != "revise" or revision is None)
    ):
        return Command(update=update, goto="answer_question")
    if intent.kind in ("intake", "one_prompt"):
        return Command(update=update, goto="intake")
    if intent.kind in ("produce", "cover"):
        update["request"] = "cover" if intent.kind == "cover" else "film"
        return Command(update=update, goto="plan_production")
    if intent.kind == "revise":
        return Command(update=update, goto="revise")
    if intent.kind == "retry":
        language = state.get("language") or detect_language(result.text)
        update["messages"] = [
            *update.get("messages", []),
            AIMessage(say("nothing_to_retry", language)),
        ]
        return Command(update=update, goto=END)
    return Command(update=update, goto="help")


def help_reply(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Explain what the studio needs when a message is not yet a film idea."""
    language = detect_language(turn_text(state), runtime.context.language)
    return {"messages": [AIMessage(say("help", language))]}


def intake(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read a new idea: language, target length, one-prompt mode and any named genre.

    Choices that came typed with the message (:class:`agent.state.IdeaOptions`) win over
    what the text says; a chat user's "one-prompt:", "(genre: …)" and "(length: 60s)"
    are read from the text.
    """
    context = runtime.context
    options = turn_options(state)
    try:
        text, tagged = genre_tag(turn_text(state))
        chosen = Genre.parse(options["genre"]) if options.get("genre") else tagged
    except ValueError as exc:
        return {"messages": [AIMessage(str(exc))], "error": str(exc)}
    text, length = length_tag(text)
    idea, marked = strip_one_prompt(text)
    one_prompt = marked or bool(options.get("one_prompt"))
    language = detect_language(idea, context.language)
    typed = options.get("target_seconds")
    wanted = (
        typed if typed is not None else length if length is not None else parse_target_seconds(idea)
    )
    seconds, capped = clamp_target(wanted, context.target_seconds, context.max_seconds)
    # A genre the idea names outright ("…励志，40秒") is the user's pick in chat too: asking
    # them to choose again reads as not listening (web app, 2026-12-04).
    genre = chosen or named_genre(idea)
    capped_note = (
        say("capped", language, cap=minutes_text(context.max_seconds, language)) if capped else ""
    )
    # The message closes the sentence itself: "…三只小猫。。" (by hand, 2026-12-02).
    # Nor does it say "a film about" twice: "…in English about: a 30-second film about a shy
    # boy…, touching family" (web app, 2026-12-02) is the idea without its request words.
    told = _REQUEST_LEAD.sub("", without_requests(idea)) or idea
    short_idea = told.rstrip("。. ") if len(told) <= 160 else told[:157] + "..."
    if one_prompt:
        named = say("one_prompt_genre", language, genre=genre.label(language)) if genre else ""
        upcoming = say("next_one_prompt", language, genre=named)
    elif genre:
        upcoming = say("next_genre", language, genre=genre.label(language))
    else:
        upcoming = say("next_pitches", language)
    message = say(
        "intake",
        language,
        minutes=minutes_text(seconds, language),
        idea=short_idea,
        capped=capped_note,
        next=upcoming,
    )
    return {
        "idea": idea,
        "language": language,
        "target_seconds": seconds,
        "genre": genre.value if genre else None,
        "one_prompt": one_prompt,
        "request": "film",
        "stage": "drafting",
        "draft": {},
        "project": {},
        "project_dir": "",
        "exported_version": 0,
        "resume_stage": None,
        "messages": [AIMessage(message)],
    }


def after_intake(state: State) -> str:
    """Skip the genre question when the genre is already settled."""
    if state.get("error"):
        return END
    return "write_logline" if state.get("genre") else "pitch_genres"


def after_pitches(state: State) -> str:
    """One-prompt mode took the recommendation; otherwise ask the user."""
    if state.get("error"):
        return END
    return "write_logline" if state.get("genre") else "choose_genre"


def then(next_node: str) -> Any:
    """An edge to ``next_node`` that stops the turn when the stage failed."""

    def route(state: State) -> str:
        return END if state.get("error") else next_node

    route.__name__ = f"to_{next_node}"
    return route


def after_finalize(state: State) -> str:
    """One-prompt mode goes straight on to production; a co-writing session stops here."""
    if state.get("error") or not state.get("one_prompt"):
        return END
    return "plan_production"
