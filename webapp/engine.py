"""The one checkpointed graph every chat session shares, opened once per server.

Chainlit's start-up hook opens it and the shutdown hook closes the checkpoint database;
a session that arrives first (or a test that never runs the hooks) opens it lazily.
The lock keeps two first messages from opening the database twice.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from agent.session import open_graph

GraphOpener = Callable[[], AbstractAsyncContextManager[Any]]


def default_opener() -> AbstractAsyncContextManager[Any]:
    """The studio graph with its SQLite checkpointer (``agent.session.open_graph``)."""
    return open_graph()


class SharedGraph:
    """Holds the compiled graph between the app's start and shutdown."""

    def __init__(self, opener: GraphOpener = default_opener) -> None:
        self._opener = opener
        self._stack: contextlib.AsyncExitStack | None = None
        self._graph: Any = None
        self._lock = asyncio.Lock()

    async def get(self) -> Any:
        """The graph, opening it on first use."""
        async with self._lock:
            if self._graph is None:
                stack = contextlib.AsyncExitStack()
                self._graph = await stack.enter_async_context(self._opener())
                self._stack = stack
            return self._graph

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
