"""Conversations in Postgres: one thread moves between studio replicas and survives restarts.

A real PostgreSQL server (Debian's package, run as an unprivileged user), two real studio
processes on different ports sharing it and one data folder, and a scripted browser user
(the load bench's socket.io client). The user starts a film on replica A; Postgres is
restarted between two turns; the thread is reopened on replica B, which shows A's history
and continues the screenplay; A is restarted and continues what B did.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer
from postgres_studios import ResumedConversation, start_model, start_replica, stop

from bench.load.client import log_in
from bench.load.script import GENRE_QUESTION, conversation

pytestmark = [pytest.mark.slow, pytest.mark.scale]
TURN_TIMEOUT_S = 240.0
HERO = "Qabakelomi"


@pytest.fixture
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        yield server.start()
    finally:
        server.stop()


async def _chat(url: str, thread_id: str = "") -> ResumedConversation:
    cookie = await log_in(url, "alice", "alice-pw")
    chat = ResumedConversation(url, "alice", cookie, HERO)
    await chat.open_thread(thread_id)
    return chat


def test_a_thread_moves_between_replicas_and_survives_restarts(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    model, model_url = start_model(tmp_path)
    replicas = []
    try:
        idea, draft, _, _, retitle, undo = conversation(HERO, "en")

        first = start_replica("a", home, postgres.url, model_url)
        replicas.append(first)

        async def on_a() -> str:
            chat = await _chat(first.url)
            asked = await chat.say(idea, TURN_TIMEOUT_S)
            assert asked.problem == "", asked.problem
            assert GENRE_QUESTION in chat.actions
            thread_id = chat.thread_id
            assert thread_id
            # The fault: every pooled connection dies between two turns.
            await asyncio.to_thread(postgres.restart)
            drafted = await chat.say(draft, TURN_TIMEOUT_S)
            assert drafted.problem == "", drafted.problem
            await chat.close()
            return thread_id

        thread_id = asyncio.run(on_a())

        second = start_replica("b", home, postgres.url, model_url)
        replicas.append(second)

        async def on_b() -> None:
            chat = await _chat(second.url, thread_id)
            history = chat.history_text()
            assert idea.text in history, "replica B does not show A's chat history"
            assert f"- **{HERO}** — " in history, "A's screenplay is missing from the history"
            renamed = await chat.say(retitle, TURN_TIMEOUT_S)
            assert renamed.problem == "", renamed.problem
            await chat.close()

        asyncio.run(on_b())

        stop(first.process)  # a studio restart: a new process on the same port
        port = int(first.url.rsplit(":", 1)[1])
        again = start_replica("a-restarted", home, postgres.url, model_url, port=port)
        replicas.append(again)

        async def on_a_again() -> None:
            chat = await _chat(again.url, thread_id)
            assert retitle.expect[0] in chat.history_text(), "B's retitle is not in the history"
            undone = await chat.say(undo, TURN_TIMEOUT_S)
            assert undone.problem == "", undone.problem
            assert "Undid the last change" in undone.reply, undone.reply[-500:]
            assert retitle.expect[0] not in undone.reply, "undo did not reach B's retitle"
            await chat.close()

        asyncio.run(on_a_again())

        checkpoints = postgres.query(
            f"SELECT count(*) FROM checkpoints WHERE thread_id = '{thread_id}'"
        )
        steps = postgres.query(f"SELECT count(*) FROM steps WHERE \"threadId\" = '{thread_id}'")
        assert int(checkpoints) > 0 and int(steps) >= 8, (checkpoints, steps)
        assert not (home / "checkpoints.sqlite").exists()
        assert not (home / "chainlit.sqlite").exists()
        for replica in replicas:
            assert postgres.password not in replica.log_text(), "a log shows the password"
    finally:
        for replica in replicas:
            stop(replica.process)
        stop(model)
