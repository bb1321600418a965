"""A stage's pulse while the model writes: no stage looks stuck, and no draft text leaks.

A drafting stage waits on one structured answer for up to a minute on two CPU cores. Its
tokens are kept out of the chat (they are raw JSON that the quality gate has not judged
yet, see :func:`agent.events.quiet_tokens`), so without a pulse the screen would sit still
that long. :func:`heartbeat` counts the streamed tokens through a callback and, every
:data:`PULSE_S` seconds, reports how long the stage has been writing and how much it has
written as a progress line of the same stage, in the user's language. It shows counts
only, never the text: nothing unjudged reaches the user.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables.config import merge_configs, var_child_runnable_config

from agent.events import current_writer, progress_event
from agent.messages import say, stage_label

PULSE_S = 6.0
"""Seconds between two pulses: often enough that a stage never looks frozen, rarely
enough that the CLI's progress lines stay readable."""


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


@contextlib.contextmanager
def heartbeat(stage: str, language: str) -> Iterator[TokenPulse]:
    """Pulse ``stage``'s progress line while model calls inside the block stream tokens.

    Outside a graph run there is no progress to show, so the pulse reports nowhere.
    """
    writer = current_writer()
    label = stage_label(stage, language)

    def report(seconds: float, tokens: int) -> None:
        message = say("model_writing", language, stage=label, seconds=round(seconds), tokens=tokens)
        writer(progress_event(stage, message))

    pulse = TokenPulse(report, interval=PULSE_S)
    current = var_child_runnable_config.get()
    if current is None:
        yield pulse
        return
    token = var_child_runnable_config.set(merge_configs(current, {"callbacks": [pulse]}))
    try:
        yield pulse
    finally:
        var_child_runnable_config.reset(token)
