"""Opening a conversation that is not yours: a clear "not in your history", not an outage.

Chainlit answers another user's thread link in two places. Its websocket refuses to
connect, which the page shows as "Could not reach the server" and a chat that stays dead
until a reload; its thread API says 401, which the page reports as "Unauthorized" (and a
401 makes the page forget who is logged in). Here the socket connects as a new chat and
the page is told why, and the API says 404, both with a sentence in the browser's
language; a thread that does not exist reads the same, so nobody learns which ids exist.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from chainlit.data import get_data_layer
from chainlit.server import get_thread as chainlit_get_thread
from fastapi import Depends, FastAPI, HTTPException, Request
from starlette.routing import BaseRoute

from webapp.auth import preferred_language

log = logging.getLogger(__name__)
NOT_YOURS = {
    "en": "This conversation is not in your history (it may belong to another account).",
    "zh": "你的历史记录里没有这段对话（它可能属于另一个账号）。",
}
_MAX_PENDING = 256
ConnectHandler = Callable[[str, dict[str, Any], Any], Awaitable[Any]]


async def thread_author(thread_id: str) -> str | None:
    """Who owns ``thread_id``; None when there is no such thread (or no history)."""
    data_layer = get_data_layer()
    if data_layer is None:
        return None
    try:
        return await data_layer.get_thread_author(thread_id)
    except ValueError:  # Chainlit's SQL layer raises it for an unknown thread
        return None


def add_thread_guard(app: FastAPI, current_user: Any) -> None:
    """Answer ``GET /project/thread/<id>`` with 404 and a readable reason unless it is yours.

    ``current_user`` is Chainlit's ``get_current_user`` dependency. The owner's request is
    handed to Chainlit's own endpoint unchanged; the route goes first so it answers before
    Chainlit's.
    """

    # A default, not ``Annotated``: postponed annotations cannot see this local dependency.
    async def own_thread(
        request: Request,
        thread_id: str,
        user: Any = Depends(current_user),  # noqa: B008
    ) -> Any:
        identifier = getattr(user, "identifier", None)
        if not identifier:
            raise HTTPException(status_code=401, detail="Unauthorized")
        if await thread_author(thread_id) != identifier:
            language = preferred_language(request.headers.get("accept-language", ""))
            raise HTTPException(status_code=404, detail=NOT_YOURS[language])
        return await chainlit_get_thread(request, thread_id, user)

    app.add_api_route("/project/thread/{thread_id}", own_thread, methods=["GET"])
    routes: list[BaseRoute] = app.router.routes
    routes.insert(0, routes.pop())


def open_foreign_links_as_new_chats(sio: socketio.AsyncServer) -> None:
    """Let a socket refused for someone else's thread connect as a new chat, and say why.

    Chainlit refuses the socket, which its page shows as "Could not reach the server" and
    a dead chat. Here the socket connects again without the thread (Chainlit checks the
    login before the thread, so a visitor who is not logged in is still refused), and once
    the page reports itself connected it gets Chainlit's own "resume failed" event with
    :data:`NOT_YOURS`: the page shows it and goes to a new chat that works.
    """
    chainlit_connect: ConnectHandler = sio.handlers["/"]["connect"]
    chainlit_connected: Callable[[str], Awaitable[Any]] = sio.handlers["/"]["connection_successful"]
    refused: dict[str, str] = {}  # socket id -> the language to explain the refusal in

    async def connect(sid: str, environ: dict[str, Any], auth: Any) -> Any:
        try:
            return await chainlit_connect(sid, environ, auth)
        except (ConnectionRefusedError, socketio.exceptions.ConnectionRefusedError):
            if not isinstance(auth, dict) or not auth.get("threadId"):
                raise
            connected = await chainlit_connect(sid, environ, {**auth, "threadId": None})
            log.info("a socket asked for a thread it may not open; it gets a new chat")
            refused[sid] = preferred_language(environ.get("HTTP_ACCEPT_LANGUAGE", ""))
            while len(refused) > _MAX_PENDING:  # sockets that never reported in
                refused.pop(next(iter(refused)))
            return connected

    async def connection_successful(sid: str) -> Any:
        language = refused.pop(sid, None)
        if language is not None:
            await sio.emit("resume_thread_error", NOT_YOURS[language], to=sid)
        return await chainlit_connected(sid)

    sio.handlers["/"]["connect"] = connect
    sio.handlers["/"]["connection_successful"] = connection_successful
