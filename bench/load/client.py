"""One scripted user's conversation with the studio, over HTTP and Chainlit's socket.io.

The handshake is the browser's (Chainlit 2's frontend): ``POST /login`` with the form's
username and password sets the ``access_token`` cookie; a socket.io client then connects
to ``/ws/socket.io`` with that cookie and the frontend's auth fields (``clientType``
"webapp", a fresh ``sessionId``, no ``threadId`` for a new chat) and emits
``connection_successful``, which starts the chat. A message goes out as
``client_message``; the server wraps its whole handling in ``task_start`` ...
``task_end``, so a turn is timed from the emit to that ``task_end``. "New chat" in the
browser emits ``clear_session`` before it disconnects, so the server frees the session at
once instead of keeping it for ``session_timeout``; :meth:`Conversation.close` does the same.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import socketio

from bench.load.script import GENRE_QUESTION, Turn, names_in

CONNECT_TIMEOUT_S = 30.0


class LoginError(RuntimeError):
    """The studio refused the account or the socket."""


async def log_in(url: str, user: str, password: str) -> str:
    """The ``Cookie`` header a logged-in browser sends (the form post of the login page)."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        response = await http.post("/login", data={"username": user, "password": password})
        if response.status_code != 200:
            raise LoginError(f"login as {user} failed: HTTP {response.status_code}")
        return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


@dataclass
class TurnRecord:
    """One turn as the user saw it.

    Attributes:
        latency_s: From sending the message to the end of the reply (``task_end``).
        problem: Why the turn counts as an error ("" when it does not).
        foreign: Other conversations' names that showed up in this turn's reply.
    """

    user: str
    name: str
    kind: str
    latency_s: float
    problem: str = ""
    foreign: set[str] = field(default_factory=set)
    reply: str = ""


class Conversation:
    """One chat (one socket, one thread) of one logged-in user."""

    def __init__(self, url: str, user: str, cookie: str, name: str) -> None:
        self.url, self.user, self.cookie, self.name = url, user, cookie, name
        self.thread_id: str | None = None
        self.texts: dict[str, str] = {}
        self.errors: list[str] = []
        self.actions: list[str] = []
        self.ready = asyncio.Event()
        self.task_started = asyncio.Event()
        self.task_ended = asyncio.Event()
        self.client = socketio.AsyncClient(reconnection=False)
        on = self.client.on
        on("new_message", self._message)
        on("update_message", self._message)
        on("stream_token", self._token)
        on("action", self._action)
        on("first_interaction", self._first)
        on("chat_settings", lambda *_: self.ready.set())
        on("task_start", lambda *_: self.task_started.set())
        on("task_end", self._task_end)
        on("disconnect", self._disconnected)
        self.dropped = False

    async def _message(self, step: dict[str, Any]) -> None:
        text = f"{step.get('input') or ''}\n{step.get('output') or ''}"
        self.texts[str(step.get("id"))] = text
        if step.get("isError"):
            self.errors.append(str(step.get("output") or "")[:200])

    async def _token(self, token: dict[str, Any]) -> None:
        key = str(token.get("id"))
        self.texts[key] = self.texts.get(key, "") + str(token.get("token") or "")

    async def _action(self, action: dict[str, Any]) -> None:
        self.actions.append(str(action.get("name")))

    async def _first(self, payload: dict[str, Any]) -> None:
        self.thread_id = str(payload.get("thread_id") or "") or self.thread_id

    async def _disconnected(self, *_: Any) -> None:
        self.dropped = True
        self.task_ended.set()  # no reply will come on this socket

    async def _task_end(self, *_: Any) -> None:
        if self.task_started.is_set():
            self.task_ended.set()

    async def open(self) -> None:
        """Connect as the browser does and wait for the chat's settings panel."""
        auth = {
            "clientType": "webapp",
            "sessionId": str(uuid.uuid4()),
            "threadId": "",
            "userEnv": "{}",
            "chatProfile": "",
        }
        await self.client.connect(
            self.url,
            headers={"Cookie": self.cookie},
            auth=auth,
            transports=["websocket"],
            socketio_path="/ws/socket.io",
            wait_timeout=CONNECT_TIMEOUT_S,
        )
        await self.client.emit("connection_successful")
        await asyncio.wait_for(self.ready.wait(), CONNECT_TIMEOUT_S)

    async def say(self, turn: Turn, timeout_s: float) -> TurnRecord:
        """Send one message and wait for its reply to finish; judge what came back."""
        self.task_started.clear()
        self.task_ended.clear()
        seen, errors, actions = set(self.texts.items()), len(self.errors), len(self.actions)
        message = {
            "threadId": "",
            "id": str(uuid.uuid4()),
            "name": self.user,
            "type": "user_message",
            "output": turn.text,
            "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "metadata": {},
        }
        start = time.perf_counter()
        record = TurnRecord(self.user, self.name, turn.kind, 0.0)
        try:
            await self.client.emit("client_message", {"message": message, "fileReferences": []})
            await asyncio.wait_for(self.task_ended.wait(), timeout_s)
        except TimeoutError:
            record.problem = f"no reply within {timeout_s:.0f} s"
        except socketio.exceptions.SocketIOError as exc:
            record.problem = f"the message could not be sent: {exc!r}"
        if self.dropped and not record.problem:
            record.problem = "the server closed the connection"
        record.latency_s = time.perf_counter() - start
        reply = "\n".join(
            text for item in self.texts.items() if item not in seen for text in item[1:]
        )
        record.reply = reply
        record.foreign = names_in(reply) - {self.name}
        if not record.problem:
            record.problem = self._judge(turn, reply, self.errors[errors:], self.actions[actions:])
        return record

    @staticmethod
    def _judge(turn: Turn, reply: str, errors: list[str], actions: list[str]) -> str:
        if errors:
            return f"error message: {errors[0]}"
        if turn.asks_genre and GENRE_QUESTION not in actions:
            return "the genre question did not come"
        missing = [text for text in turn.expect if text not in reply]
        if missing:
            return f"the reply does not show {missing[0]!r}"
        return ""

    def foreign(self) -> set[str]:
        """Other conversations' names anywhere in this chat, late messages included."""
        return names_in("\n".join(self.texts.values())) - {self.name}

    async def close(self) -> None:
        """Leave as "New chat" does: the server may drop the session at once."""
        if self.client.connected:
            await self.client.emit("clear_session")
        await self.client.disconnect()
