"""The HTTP transports that start the embedded model server and notice when it dies.

Every request the embedded chat model sends goes through one of these: it starts (or
restarts) the server first and points the request at its current port. When a request
fails because the server process died under it (killed, out of memory, a native crash),
the transport raises :class:`LocalModelCrashed` instead of a bare connection error, so the
studio can tell the user what happened in their language; the next request, a retry or
the user's "try again", starts a fresh server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx

from agent.model.local_server import LocalModelServer

_EXIT_WAIT_S = 0.5
"""A killed server closes its sockets a moment before it is reaped; wait that long."""


class LocalModelCrashed(httpx.TransportError):
    """The embedded model server died while answering; the next request restarts it."""


def _crash_or(error: httpx.TransportError, server: LocalModelServer) -> httpx.TransportError:
    """``error`` as :class:`LocalModelCrashed` when the server is gone, else unchanged."""
    if isinstance(error, LocalModelCrashed) or not server.exited(within_s=_EXIT_WAIT_S):
        return error
    return LocalModelCrashed(f"the offline model server stopped while answering ({error})")


class _CrashAwareStream(httpx.SyncByteStream):
    """A response body that reports a server death as :class:`LocalModelCrashed`."""

    def __init__(self, inner: httpx.SyncByteStream, server: LocalModelServer) -> None:
        self._inner = inner
        self._server = server

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._inner
        except httpx.TransportError as error:
            raise _crash_or(error, self._server) from error

    def close(self) -> None:
        self._inner.close()


class _AsyncCrashAwareStream(httpx.AsyncByteStream):
    """Async twin of :class:`_CrashAwareStream` (streamed answers are read here)."""

    def __init__(self, inner: httpx.AsyncByteStream, server: LocalModelServer) -> None:
        self._inner = inner
        self._server = server

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except httpx.TransportError as error:
            raise await asyncio.to_thread(_crash_or, error, self._server) from error

    async def aclose(self) -> None:
        """Close the connections."""
        await self._inner.aclose()


class ServerTransport(httpx.BaseTransport):
    """Starts (or restarts) the embedded server before a request and points it at its port."""

    def __init__(self, server: LocalModelServer) -> None:
        self._server = server
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` to the running server; its death comes back as a crash."""
        self._server.ensure_started()
        request.url = request.url.copy_with(host="127.0.0.1", port=self._server.port)
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as error:
            raise _crash_or(error, self._server) from error
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_CrashAwareStream(response.stream, self._server),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close the pooled connections."""
        self._inner.close()


class AsyncServerTransport(httpx.AsyncBaseTransport):
    """Async twin of :class:`ServerTransport`; starts the server off the event loop."""

    def __init__(self, server: LocalModelServer) -> None:
        self._server = server
        # No keep-alive: a pooled connection belongs to one event loop, and the CLI and
        # tests run several loops per process. Local connections are cheap to open.
        self._inner = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` to the running server; its death comes back as a crash."""
        await asyncio.to_thread(self._server.ensure_started)
        request.url = request.url.copy_with(host="127.0.0.1", port=self._server.port)
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as error:
            raise await asyncio.to_thread(_crash_or, error, self._server) from error
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_AsyncCrashAwareStream(response.stream, self._server),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        """Close the connections."""
        await self._inner.aclose()
