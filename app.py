"""Micro Film Studio in the browser: Chainlit hooks around the studio's LangGraph agent.

Run with ``chainlit run app.py`` (``python3 dev.py studio`` does it for you). This module
only wires Chainlit's hooks; the pieces live in :mod:`webapp`: logins
(:mod:`webapp.auth`), chat history on SQLite or Postgres (:mod:`webapp.persistence`), files
served to their owner only (:mod:`webapp.files`), one project folder per user and thread
(:mod:`webapp.projects`), the settings panel (:mod:`webapp.settings`), the genre buttons
(:mod:`webapp.questions.genres`), the retry choices after failed scenes and Confirm / Decline on a
paid render's cost (:mod:`webapp.recovery`) and the live view of a turn (:mod:`webapp.turns`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from typing import Any

import chainlit as cl
from chainlit.auth import get_current_user
from chainlit.data import get_data_layer
from chainlit.server import app as server_app
from chainlit.server import sio
from chainlit.types import ThreadDict
from langgraph.types import Command

import knowledge  # cheap: chromadb loads on the first use of its names (PEP 562)
from agent.checkpoints import database_url
from agent.exports import stop_typesetting_apart, typeset_pdfs_apart
from agent.model.providers import describe_model
from agent.session import TurnInput, pending_question
from film.language import detect_language
from film.paths import data_dir
from webapp import recovery, settings
from webapp.auth import (
    CredentialsError,
    LoginRequestMiddleware,
    add_login_script,
    admit,
    ensure_auth_secret,
    load_accounts,
    login_notice,
)
from webapp.engine import SharedGraph
from webapp.files import LocalStorageClient, add_file_route
from webapp.fonts import add_font_route, serve_local_page
from webapp.persistence import make_data_layer
from webapp.projects import project_folder
from webapp.questions import genres, sheets
from webapp.threads import add_thread_guard, open_foreign_links_as_new_chats
from webapp.throttle import LoginThrottle
from webapp.turns import ChatTurn

# Chainlit's CI mode (the CI variable) plants a fake OpenAI key so its own examples run;
# here it would turn the offline studio into a client of an unreachable OpenAI.
if os.environ.get("OPENAI_API_KEY") == "sk-FAKE-OPENAI-API-KEY":
    del os.environ["OPENAI_API_KEY"]


log = logging.getLogger("microfilm.app")
HOME = data_dir()
try:
    ACCOUNTS = load_accounts(HOME)
except CredentialsError as error:
    print(f"[microfilm] Cannot start the studio: {error}", file=sys.stderr, flush=True)
    raise SystemExit(2) from error
ensure_auth_secret(HOME)
print(f"[microfilm] {login_notice(ACCOUNTS)}", flush=True)
LOGINS = LoginThrottle(ACCOUNTS.users)
server_app.add_middleware(LoginRequestMiddleware)  # who asks, for password_login
add_login_script(server_app)
STORAGE = LocalStorageClient(HOME / "chainlit-files")
add_file_route(server_app, STORAGE, get_current_user)
add_font_route(server_app)
add_thread_guard(server_app, get_current_user)
open_foreign_links_as_new_chats(sio)
serve_local_page(server_app)  # no fonts or styles from other hosts
GRAPH = SharedGraph()

STARTERS = [
    (
        "Dumplings before the flight",
        "A 2-minute film: the night before he moves abroad, a grandmother teaches her grandson "
        "to fold her dumplings.",
        "/public/starter-family.svg",
    ),
    (
        "Rival debate captains",
        "one-prompt: a 1-minute youth romance about two rival debate captains stuck in a lift "
        "before the final.",
        "/public/starter-romance.svg",
    ),
    (
        "外卖小哥的夜晚",
        "一部两分钟的励志短片：外卖小哥在暴雨夜送最后一单，顺路帮一位老人找回走失的猫。",
        "/public/starter-struggle.svg",
    ),
    (
        "一键成片：江南烟雨",
        "一键成片：一分钟的唯美风景短片，画家在江南雨巷里寻找画中那座石桥。",
        "/public/starter-scenery.svg",
    ),
]


@cl.data_layer
def data_layer() -> Any:
    """Chat history and element files, kept in the data folder."""
    return make_data_layer(HOME, STORAGE)


@cl.password_auth_callback
async def password_login(username: str, password: str) -> cl.User | None:
    """Accounts from MICROFILM_USERS / MICROFILM_USER, or the generated studio login.

    Throttled: refused with HTTP 429 while a wait is due, 401 for a wrong password, each
    with a readable sentence (:func:`webapp.auth.admit`).
    """
    if admit(ACCOUNTS, LOGINS, username, password):
        return cl.User(identifier=username, metadata={"provider": "password"})
    return None


@cl.on_app_startup
async def open_studio() -> None:
    """Open the checkpointed graph and make sure the guideline index exists."""
    await GRAPH.get()
    if database_url():  # a replica: the shared history's tables exist before the first login
        await asyncio.to_thread(get_data_layer)
    typeset_pdfs_apart()
    try:
        await asyncio.to_thread(knowledge.ensure_index, log=log.info)
    except Exception as exc:  # the index is rebuilt lazily on the first search
        log.warning("guideline index not ready at start-up: %s", exc)


@cl.on_app_shutdown
async def close_studio() -> None:
    """Close the checkpoint database and stop the PDF process."""
    await GRAPH.close()
    await asyncio.to_thread(stop_typesetting_apart)


@cl.set_starters
async def starters(user: cl.User | None = None, language: str | None = None) -> list[Any]:
    """One-prompt drafts in English and Chinese; Chinese first for Chinese browsers."""
    items = [cl.Starter(label=label, message=text, icon=icon) for label, text, icon in STARTERS]
    return items[2:] + items[:2] if (language or "").startswith("zh") else items


async def model_line() -> str:
    """Which model answers, and how good to expect it to be."""
    try:
        info = await asyncio.to_thread(describe_model)
    except Exception as exc:  # the panel must open even if the provider is unreachable
        return f"Model: unknown ({exc})."
    return info.note


async def show_settings(values: dict[str, Any] | None) -> None:
    """Send the settings panel with ``values`` (a resumed thread's, or the defaults)."""
    line = await model_line()
    cl.user_session.set("model_line", line)
    await cl.ChatSettings(settings.widgets(values, line)).send()


@cl.on_chat_start
async def start_chat() -> None:
    """A new conversation: the settings panel (it names the model in use).

    The model note is posted as a message with the first turn, not as a toast: a toast
    would sit over the person's first message.
    """
    await show_settings(None)


@cl.on_settings_update
async def settings_changed(values: dict[str, Any]) -> None:
    """Confirm the change in the chat, where no toast covers the conversation.

    Chainlit keeps the values and the next turn reads them.
    """
    checked = settings.clean(values)
    shown = f"{checked['resolution']}, {checked['target_seconds']} s, {checked['render_backend']}"
    note = (
        f"设置已保存：{shown}，语言 {checked['language']}。从你的下一条消息开始生效。"
        if checked["language"] == "zh"
        else f"Settings saved: {shown}, language {checked['language']}. They apply from "
        "your next message."
    )
    await cl.Message(content=f"_{note}_", author="Studio").send()


def current_folder() -> Any:
    """This user's and this thread's project folder."""
    user = cl.user_session.get("user")
    identifier = getattr(user, "identifier", None) or "anonymous"
    return project_folder(identifier, cl.context.session.thread_id)


async def play_turn(user_input: TurnInput) -> None:
    """Run one turn of the graph into the chat, then ask for the genre if it paused."""
    graph = await GRAPH.get()
    folder = current_folder()
    # Chainlit keeps the panel's latest values on the session; they are checked here.
    context = settings.context_for_turn(cl.context.session.chat_settings, folder)
    if not cl.user_session.get("model_noted"):
        cl.user_session.set("model_noted", True)
        await cl.Message(
            content=f"_{cl.user_session.get('model_line') or await model_line()}_", author="Studio"
        ).send()
    # Steps are named in the conversation's language; a new thread's comes from its text.
    language = detect_language(user_input if isinstance(user_input, str) else "", context.language)
    user = getattr(cl.user_session.get("user"), "identifier", None) or "anonymous"
    notice = GRAPH.reset_notice(user, language)  # a damaged history was set aside at start
    if notice:
        await cl.Message(content=notice, author="Studio").send()
    turn = ChatTurn(folder, language=language)
    outcome = await turn.run(graph, cl.context.session.thread_id, user_input, context)
    if outcome.interrupt is not None:
        await recovery.ask_question(outcome.interrupt, folder)


async def waiting_question() -> dict[str, Any] | None:
    """The question this thread is paused on (the genre, or a paid render's cost), if any."""
    graph = await GRAPH.get()
    question = await pending_question(graph, cl.context.session.thread_id)
    return question.payload if question else None


@cl.on_message
async def on_message(message: cl.Message) -> None:
    """A typed message: the answer to a waiting question, or a new request."""
    text = message.content.strip()
    if not text:
        return
    if await waiting_question():
        await recovery.clear_question_buttons()
        await play_turn(Command(resume=text))
    else:
        await play_turn(text)


def turn_is_running() -> bool:
    """True while a turn of this chat runs (a second click must not start another)."""
    running = getattr(cl.context.session, "current_task", None)
    return running is not None and not running.done()


def start_turn_task(user_input: TurnInput) -> None:
    """Run a turn a button asked for in a task the UI's stop button can cancel."""
    session = cl.context.session
    emitter = cl.context.emitter

    async def run() -> None:
        await emitter.task_start()
        try:
            await play_turn(user_input)
        except asyncio.CancelledError:
            pass
        finally:
            await emitter.task_end()

    session.current_task = asyncio.create_task(run())  # type: ignore[union-attr]


@cl.action_callback(genres.ACTION_NAME)
async def on_genre_button(action: cl.Action) -> None:
    """A genre button: resume the interrupt with the chosen genre."""
    if turn_is_running():
        return  # a second click while the first one's turn is still running
    await genres.clear_genre_buttons()
    if not genres.is_genre_question(await waiting_question()):
        return
    start_turn_task(Command(resume=str(action.payload.get("genre", ""))))


@cl.action_callback(recovery.COST_ACTION)
async def on_cost_button(action: cl.Action) -> None:
    """Confirm or Decline on a paid render's estimate: resume the interrupt with it."""
    if turn_is_running():
        return
    await recovery.clear_cost_buttons()
    if recovery.is_cost_question(await waiting_question()):
        start_turn_task(Command(resume=recovery.cost_answer(action.payload)))


@cl.action_callback(sheets.ACTION_NAME)
async def on_sheet_button(action: cl.Action) -> None:
    """Approve, Regenerate <name> or Stop on the character sheets: resume with the answer."""
    if turn_is_running():
        return
    await sheets.clear_sheet_buttons()
    if sheets.is_sheet_question(await waiting_question()):
        start_turn_task(Command(resume=sheets.sheet_answer(action.payload)))


@cl.action_callback(recovery.ACTION_NAME)
async def on_recovery_button(action: cl.Action) -> None:
    """A "retry failed scenes" or "stitch without scene N" button: a render turn with it."""
    if turn_is_running():
        return
    user_input = recovery.choice_input(action.payload)
    await recovery.clear_recovery_buttons()
    if user_input is not None:
        start_turn_task(user_input)


@cl.on_chat_resume
async def on_chat_resume(thread: ThreadDict) -> None:
    """A thread reopened from the history: same graph thread, same project, same settings."""
    metadata = thread.get("metadata") or {}
    if isinstance(metadata, str):
        metadata = json.loads(metadata or "{}")
    restored = metadata.get("chat_settings") if isinstance(metadata, dict) else None
    await show_settings(restored)
    cl.user_session.set("model_noted", True)
    payload = await waiting_question()
    if payload:
        await recovery.ask_question(payload, current_folder())
    graph, thread_id = await GRAPH.get(), cl.context.session.thread_id
    await recovery.offer_again(graph, thread_id, thread)
    await recovery.offer_resume(graph, thread_id, current_folder(), thread)


@cl.on_stop
async def on_stop() -> None:
    """The stop button: Chainlit cancels the running turn; finished work stays saved."""
    log.info("turn stopped by the user in thread %s", cl.context.session.thread_id)
