"""The ``/ws?clientId=`` progress socket: ComfyUI's messages for one client, as dictionaries.

ComfyUI sends JSON text messages ``{"type": ..., "data": {...}}`` (``status`` with the queue
length, ``execution_start``, ``execution_cached``, ``executing`` with ``node: null`` when a
job is done, ``progress`` with ``value``/``max``, ``executed``, ``execution_success``,
``execution_error``, ``execution_interrupted``) and binary preview images, which are skipped.
A server that restarts drops the socket; :class:`ProgressSocket` then says so once and
reconnects with the same client id, so the job's later messages still reach us. Nothing here
decides whether a job is finished: the history does (:mod:`tools.backends.comfyui.job`).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

log = logging.getLogger(__name__)

_MAX_MESSAGE = 32 * 1024 * 1024  # preview images can be a few MB


class ProgressSocket:
    """One client id's message stream; use it as a context manager."""

    def __init__(self, url: str, *, open_timeout_s: float = 5.0) -> None:
        self.url = url
        self.open_timeout_s = open_timeout_s
        self._connection: ClientConnection | None = None
        self.drops = 0

    def __enter__(self) -> ProgressSocket:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        """Whether the socket is open now."""
        return self._connection is not None

    def connect(self) -> bool:
        """Open the socket if it is closed; False when the server is not reachable (yet)."""
        if self._connection is not None:
            return True
        try:
            connection = connect(
                self.url, open_timeout=self.open_timeout_s, max_size=_MAX_MESSAGE, close_timeout=1
            )
            # Entered like a context manager (websockets wants that); close() leaves it.
            self._connection = connection.__enter__()
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            log.debug("ComfyUI socket %s not open: %s", self.url, exc)
            return False
        return True

    def receive(self, timeout_s: float) -> dict[str, Any] | None:
        """The next JSON message, or None when none came within ``timeout_s``.

        Preview images are skipped. A dropped connection also gives None (and
        :attr:`connected` turns False), so the caller checks the job's state and reconnects
        instead of failing.
        """
        deadline = time.monotonic() + timeout_s
        while self._connection is not None:
            try:
                message = self._connection.recv(timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return None
            except (ConnectionClosed, OSError) as exc:
                self.drops += 1
                log.info("ComfyUI socket dropped (%s); reconnecting", exc)
                self.close()
                return None
            if isinstance(message, bytes):
                continue  # a preview image
            try:
                data = json.loads(message)
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get("type"), str):
                return data
        return None

    def close(self) -> None:
        """Close the socket (it can be opened again)."""
        if self._connection is not None:
            try:
                self._connection.close()
            except OSError:
                pass
            self._connection = None
