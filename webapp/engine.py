"""The one checkpointed graph every chat session shares, opened once per server.

Chainlit's start-up hook opens it and the shutdown hook closes the checkpoint database;
a session that arrives first (or a test that never runs the hooks) opens it lazily.
The lock keeps two first messages from opening the database twice.

A damaged checkpoint database (a disk error, a copy taken mid-write) must not keep the
studio from starting: it is checked when opened, moved aside under a timestamped name for
whoever looks after the server, and a fresh one is started. Project folders are not
touched. Each user is told once, in their language, that earlier conversations are gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from agent.checkpoints import checkpoint_path, uses_postgres
from agent.messages import say
from agent.session import open_graph
from film.paths import SQLITE_COMPANIONS

GraphOpener = Callable[[], AbstractAsyncContextManager[Any]]
log = logging.getLogger(__name__)


def damage_in(database: Path) -> str | None:
    """What is wrong with the SQLite file ``database``, or None when it is usable.

    ``PRAGMA quick_check`` reads every page once (well under a second for a studio's
    history); a file that is not a database at all fails on the first read.
    """
    if not database.exists() or database.stat().st_size == 0:
        return None
    try:
        with contextlib.closing(sqlite3.connect(database)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return str(error)
    findings = [str(row[0]) for row in rows]
    return None if findings == ["ok"] else "; ".join(findings[:3])


def set_aside(database: Path) -> Path:
    """Move ``database`` and its journal files to ``<name>.damaged-<time>``; returns it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = database.with_name(f"{database.name}.damaged-{stamp}")
    for suffix in ("", *SQLITE_COMPANIONS):
        source = database.with_name(database.name + suffix)
        if source.exists():
            os.replace(source, target.with_name(target.name + suffix))
    return target


class SharedGraph:
    """Holds the compiled graph between the app's start and shutdown.

    With the default opener, the checkpoint database (``database``, or the data folder's)
    is checked before it is opened and replaced by a fresh one when damaged.
    """

    def __init__(self, opener: GraphOpener | None = None, *, database: Path | None = None) -> None:
        self._database = database
        self._opener: GraphOpener = opener or (lambda: open_graph(self._database))
        self._checked = opener is None
        self._stack: contextlib.AsyncExitStack | None = None
        self._graph: Any = None
        self._lock = asyncio.Lock()
        self.set_aside_as: Path | None = None
        """Where a damaged checkpoint database was moved on this run, if one was."""
        self._told: set[str] = set()

    async def get(self) -> Any:
        """The graph, opening it on first use."""
        async with self._lock:
            if self._graph is None:
                if self._checked:
                    await asyncio.to_thread(self._replace_if_damaged)
                stack = contextlib.AsyncExitStack()
                self._graph = await stack.enter_async_context(self._opener())
                self._stack = stack
            return self._graph

    def _replace_if_damaged(self) -> None:
        if uses_postgres(self._database):
            return  # a server's database is its administrator's to check and repair
        database = checkpoint_path(self._database)
        damage = damage_in(database)
        if damage is None:
            return
        self.set_aside_as = set_aside(database)
        log.error(
            "the checkpoint database %s is damaged (%s): moved it to %s and started a fresh "
            "one; project folders are untouched",
            database,
            damage,
            self.set_aside_as,
        )

    def reset_notice(self, user: str, language: str) -> str | None:
        """The news that conversations were reset, once per user and run; else None."""
        if self.set_aside_as is None or user in self._told:
            return None
        self._told.add(user)
        return say("memory_reset", language)

    async def close(self) -> None:
        """Close the checkpoint database (safe to call twice)."""
        async with self._lock:
            stack, self._stack, self._graph = self._stack, None, None
            if stack is not None:
                await stack.aclose()

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[Any]:
        """Open for the duration of a block (tests and scripts)."""
        try:
            yield await self.get()
        finally:
            await self.close()
