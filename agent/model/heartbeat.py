"""A stage's pulse while the model writes: no stage looks stuck, and no draft text leaks.

A drafting stage waits on one structured answer for up to a minute on two CPU cores. Its
tokens are kept out of the chat (they are raw JSON that the quality gate has not judged
yet, see :func:`agent.events.quiet_tokens`), so without a pulse the screen would sit still
that long. :func:`heartbeat` counts the streamed tokens through a callback and, every
:data:`PULSE_S` seconds (by the tokens or, while the model still reads its prompt, by a
clock), reports how long the stage has been writing and how much it has written as a
progress line of the same stage, in the user's language. It shows counts
only, never the text: nothing unjudged reaches the user.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables.config import merge_configs, var_child_runnable_config

from agent.events import current_writer, progress_event
from agent.messages import say, stage_label

PULSE_S = 4.0
"""Seconds between two pulses: often enough that a stage never goes ~5 s without news
(the craft target), rarely enough that the CLI's progress lines stay readable."""


class TokenPulse(BaseCallbackHandler):
    """Counts streamed tokens and reports a pulse through ``report`` every ``interval`` s."""

    def __init__(
        self,
        report: Callable[[float, int], None],
        *,
        interval: float = PULSE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.report = report
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.last = self.started
        self.tokens = 0

    def on_llm_new_token(self, token: str | list[str | dict[str, Any]], **kwargs: Any) -> None:
        """One more token (tool-call and JSON-mode chunks count too, their text may be "")."""
        self.tokens += 1
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            self.report(now - self.started, self.tokens)


_LAST_SHOWN: dict[tuple[int, str], float] = {}
"""When each (stream, stage) last showed a pulse: a stage makes several model calls, each
in its own block, and the pulse keeps one rhythm across them. Restarting it per call let
the silence between a call's last pulse and the next call's first reach two intervals
(7-8 s in the craft bench)."""


@contextlib.contextmanager
def heartbeat(stage: str, language: str) -> Iterator[TokenPulse]:
    """Pulse ``stage``'s progress line while model calls inside the block stream tokens.

    Outside a graph run there is no progress to show, so the pulse reports nowhere.
    """
    writer = current_writer()
    label = stage_label(stage, language)
    shown_key = (id(writer), stage)

    def report(seconds: float, tokens: int) -> None:
        key = "model_writing" if tokens else "model_reading"
        message = say(key, language, stage=label, seconds=round(seconds), tokens=tokens)
        writer(progress_event(stage, message))
        _LAST_SHOWN[shown_key] = time.monotonic()

    pulse = TokenPulse(report, interval=PULSE_S)
    shown = _LAST_SHOWN.get(shown_key)
    if shown is not None and pulse.started - shown < 2 * PULSE_S:
        pulse.last = shown  # the same stage's previous call pulsed lately: keep its rhythm
    timer = _start_timer(pulse)
    current = var_child_runnable_config.get()
    token = (
        var_child_runnable_config.set(merge_configs(current, {"callbacks": [pulse]}))
        if current is not None
        else None
    )
    try:
        yield pulse
    finally:
        if token is not None:
            var_child_runnable_config.reset(token)
        if timer is not None:
            timer.cancel()
        stale = time.monotonic() - 60.0
        for key in [key for key, at in _LAST_SHOWN.items() if at < stale]:
            del _LAST_SHOWN[key]


def _start_timer(pulse: TokenPulse) -> asyncio.Task[None] | None:
    """A clock that pulses while no token arrives (the model is still reading its prompt).

    On two busy cores a stage's prompt takes 30-60 s to read before the first token; the
    craft bench measured 61 s of silence with token pulses alone.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None

    async def tick() -> None:
        # Wake when the last pulse, by token or by clock, is one interval old. A fixed
        # sleep let a token pulse just after a tick stretch the silence to two intervals
        # (the craft bench measured 12 s between pulses 6 s apart).
        while True:
            await asyncio.sleep(max(pulse.last + pulse.interval - pulse.clock(), 0.01))
            now = pulse.clock()
            if now - pulse.last >= pulse.interval:
                pulse.last = now
                pulse.report(now - pulse.started, pulse.tokens)

    return loop.create_task(tick())
