"""After scenes fail to render: retry just those, or stitch the film without them.

After a render was interrupted (the server killed, the turn stopped): resume it. Before a
paid render: Confirm or Decline its cost.

The render turn has already said which scenes failed and why; this posts the two choices
as buttons. "Retry failed scenes" renders only those again (the segment cache keeps the
rest); "Stitch without scene 3" is the explicit acceptance of a partial cut, the only way a
film with a missing scene is called finished. A click becomes an ordinary render turn
whose message carries the choice typed (:mod:`agent.production.choices`), so it reads the
same as the words a person could type instead. A reopened thread whose last render was
interrupted says so and offers "Resume render" (:mod:`agent.production.resume`): a render
turn that reuses every finished scene from the cache.

The graph stops before a paid render with a ``confirm_cost`` interrupt whose value is the
estimate, scene by scene and in total, already worded in the conversation's language
(:mod:`agent.production.spending`). It is posted like the genre question: the estimate
with Confirm / Decline buttons, and typing "yes" / "确认" answers it too; a reopened
thread asks again. Money is spent only on Confirm (or a typed yes). :func:`ask_question`
routes whichever question a turn stopped on (the genre or the cost) to its asker.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import chainlit as cl
from chainlit.types import ThreadDict

from agent.events import CostQuestion
from agent.messages import say, scenes_named
from agent.production.choices import ProductionChoice, choice_message
from agent.production.report import failed_scenes
from agent.production.resume import find_interrupted, resume_input
from agent.production.spending import cost_text
from agent.session import StudioGraph, TurnInput, thread_config
from webapp.questions import genres, sheets
from webapp.questions.buttons import clear_buttons, post_with_buttons
from webapp.render import bilingual, escape

ACTION_NAME = "scene_recovery"
SESSION_KEY = "scene_recovery_message"
RETRY, LEAVE_OUT, RESUME = "retry", "leave_out", "resume"
COST_ACTION = "confirm_cost"
COST_KEY = "cost_question"
CONFIRM, DECLINE = "confirm", "decline"


def can_cut_without(values: Mapping[str, Any]) -> bool:
    """Whether some scene did render, so a film without the failed ones has something in it."""
    return any(
        not r.get("error") and not r.get("left_out") for r in values.get("scene_results") or []
    )


def recovery_actions(failed: list[int], language: str, can_cut: bool) -> list[cl.Action]:
    """The retry button, and the partial-cut button when there is something to cut."""
    which = scenes_named(failed, language)
    actions = [
        cl.Action(
            name=ACTION_NAME,
            payload={"choice": RETRY, "scenes": failed, "language": language},
            label=bilingual(language, "Retry failed scenes", "重新渲染失败的场景"),
            tooltip=bilingual(
                language,
                f"Render {which} again; the finished scenes are reused.",
                f"重新渲染{which}，已完成的场景直接沿用。",
            ),
            icon="refresh-cw",
        )
    ]
    if can_cut:
        actions.append(
            cl.Action(
                name=ACTION_NAME,
                payload={"choice": LEAVE_OUT, "scenes": failed, "language": language},
                label=bilingual(language, f"Stitch without {which}", f"不含{which}，直接合成"),
                tooltip=bilingual(
                    language,
                    f"Make the film from the other scenes, without {which}.",
                    f"用其余场景合成影片，不含{which}。",
                ),
                icon="scissors",
            )
        )
    return actions


def recovery_markdown(failed: list[int], language: str, can_cut: bool) -> str:
    """What the buttons offer, in a sentence."""
    which = scenes_named(failed, language)
    if not can_cut:
        return bilingual(
            language,
            f"**{which.capitalize()} failed.** Retry renders {which} again.",
            f"**{which}渲染失败。** 可以重新渲染。",
        )
    return bilingual(
        language,
        f"**{which.capitalize()} failed.** Retry renders only {which} again, or stitch the "
        f"film without {which}.",
        f"**{which}渲染失败。** 可以只重新渲染{which}，或者不含{which}直接合成影片。",
    )


async def offer_recovery(
    failed: list[int], language: str, can_cut: bool, *, reopening: ThreadDict | None = None
) -> cl.Message:
    """Post the choices and remember the message, so the next turn can clear its buttons."""
    message = cl.Message(
        content=recovery_markdown(failed, language, can_cut),
        actions=recovery_actions(failed, language, can_cut),
    )
    return await _post_offer(message, reopening)


async def _post_offer(message: cl.Message, reopening: ThreadDict | None) -> cl.Message:
    """Post an offer (one live offer at a time); ``reopening``: the thread being reopened.

    Chainlit shows a reopened thread as it loaded it once ``on_chat_resume`` returns, which
    hides what was sent meanwhile (Chainlit issue #2611); an offer made then is added to that
    thread. It is not stored in the history either: it is worked out afresh at each reopening,
    so the history does not collect copies of it.
    """
    await clear_recovery_buttons()
    if reopening is not None:
        message.persisted = True  # Chainlit's flag for "already stored": store nothing
    await message.send()
    if reopening is not None:
        reopening.setdefault("steps", []).append(message.to_dict())
    cl.user_session.set(SESSION_KEY, message)
    return message


async def offer_again(
    graph: StudioGraph, thread_id: str, reopening: ThreadDict | None = None
) -> None:
    """A reopened thread whose last render left scenes out gets its choices back."""
    values = dict((await graph.aget_state(thread_config(thread_id))).values)
    failed = failed_scenes(values) if values.get("error") else []
    if failed:
        language = "zh" if str(values.get("language") or "").startswith("zh") else "en"
        await offer_recovery(failed, language, can_cut_without(values), reopening=reopening)


async def offer_resume(
    graph: StudioGraph, thread_id: str, folder: Path, reopening: ThreadDict | None = None
) -> cl.Message | None:
    """A reopened thread whose last render was interrupted: say so, offer to resume it."""
    interrupted = await find_interrupted(graph, thread_id, folder)
    if interrupted is None:
        return None
    language = interrupted.language
    action = cl.Action(
        name=ACTION_NAME,
        payload={"choice": RESUME, "language": language},
        label=say("render_resume_button", language),
        tooltip=say("render_resume_tooltip", language),
        icon="play",
    )
    message = cl.Message(content=interrupted.notice(), actions=[action])
    return await _post_offer(message, reopening)


async def clear_recovery_buttons() -> None:
    """Remove the buttons once anything else happens: a click, or a new message."""
    await clear_buttons(SESSION_KEY)


def choice_input(payload: Mapping[str, Any]) -> TurnInput | None:
    """The render turn a button asks for, or None for a payload that is not one of ours.

    Resuming an interrupted render is a plain render turn (the cache keeps what is done).
    The words route the turn to production as typed text would; the typed choice says
    exactly which scenes, so nothing is parsed back out of them.
    """
    language = "zh" if str(payload.get("language") or "").startswith("zh") else "en"
    if payload.get("choice") == RESUME:
        return resume_input(language)
    raw = payload.get("scenes")
    scenes = sorted(
        {n for n in raw if isinstance(n, int) and not isinstance(n, bool) and n > 0}
        if isinstance(raw, list)
        else set()
    )
    choice = payload.get("choice")
    if not scenes or choice not in (RETRY, LEAVE_OUT):
        return None
    which = scenes_named(scenes, language)
    if choice == RETRY:
        text = bilingual(language, "Re-render the failed scenes", "重新渲染失败的场景")
        typed = ProductionChoice(retry_failed=True)
    else:
        text = bilingual(language, f"Render the film without {which}", f"渲染成片，不含{which}")
        typed = ProductionChoice(leave_out=scenes)
    return {"messages": [choice_message(text, typed)]}


def is_cost_question(payload: Any) -> bool:
    """True for the interrupt the Confirm / Decline buttons answer."""
    return CostQuestion.from_interrupt(payload) is not None


def cost_actions(payload: Mapping[str, Any]) -> list[cl.Action]:
    """Confirm (with the total on its tooltip) and Decline, in the conversation's language."""
    language = str(payload.get("language") or "en")
    total = str(payload.get("total_text") or "")
    confirm = say("cost_confirm_tooltip", language, total=total)
    return [
        cl.Action(
            name=COST_ACTION,
            payload={"answer": CONFIRM},
            label=say("cost_confirm", language),
            tooltip=confirm,
            icon="check",
        ),
        cl.Action(
            name=COST_ACTION,
            payload={"answer": DECLINE},
            label=say("cost_decline", language),
            tooltip=say("cost_decline_tooltip", language),
            icon="x",
        ),
    ]


def cost_markdown(payload: Mapping[str, Any]) -> str:
    """The estimate as a short list (escaped: the title is the person's own text)."""
    shown = {
        key: escape(value) if isinstance(value, str) else value for key, value in payload.items()
    }
    shown["lines"] = [escape(str(line)) for line in payload.get("lines") or []]
    hint = say("cost_answer_hint", str(payload.get("language") or "en"))
    return cost_text(shown, gap="\n\n") + f"\n\n_{hint}_"


async def ask_cost(payload: Mapping[str, Any]) -> cl.Message:
    """Post the estimate with its buttons and remember it, so an answer can clear them."""
    message = cl.Message(content=cost_markdown(payload), actions=cost_actions(payload))
    return await post_with_buttons(COST_KEY, message)


async def clear_cost_buttons() -> None:
    """Remove the buttons once the question is answered (by click or by typing)."""
    await clear_buttons(COST_KEY)


def cost_answer(payload: Mapping[str, Any]) -> dict[str, bool]:
    """What a button click answers: ``{"approve": True}`` only for Confirm."""
    return {"approve": payload.get("answer") == CONFIRM}


async def ask_question(payload: Mapping[str, Any], folder: Path | None = None) -> None:
    """Ask the question a turn stopped on: a paid render's cost, the sheets, or the genre.

    ``folder``: this thread's project folder (the sheets are shown only from inside it).
    """
    if is_cost_question(payload):
        await ask_cost(payload)
    elif sheets.is_sheet_question(payload):
        await sheets.ask_sheets(payload, folder)
    else:
        await genres.ask_genre(payload)


async def clear_question_buttons() -> None:
    """Clear the buttons of whichever question was waiting (a typed answer came)."""
    await genres.clear_genre_buttons()
    await clear_cost_buttons()
    await sheets.clear_sheet_buttons()
