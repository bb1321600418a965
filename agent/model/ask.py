"""Model calls from graph nodes: timeout, retry and a friendly failure, in one place.

A failed model call must never lose the conversation. Transient errors (timeouts,
connection drops, rate limits) are re-raised on the first attempt so the node's
``RetryPolicy`` runs it again; on the last attempt, and for answers that stay invalid
after :func:`agent.model.structured.ainvoke_structured` has repaired and retried, the node gets
a :class:`StageFailure` carrying a message for the user, and the state it already had is
kept, so "try again" resumes the same stage.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from typing import Any, TypeVar

import httpx
import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.runtime import Runtime
from langgraph.types import RetryPolicy
from pydantic import BaseModel

from agent.context import Context
from agent.events import quiet_tokens
from agent.messages import say, stage_label
from agent.model import providers, structured
from agent.prompts import LANGUAGE_NAMES, SYSTEM

log = logging.getLogger(__name__)
SchemaT = TypeVar("SchemaT", bound=BaseModel)

MODEL_ATTEMPTS = 2
_TRANSIENT: tuple[type[BaseException], ...] = (
    TimeoutError, httpx.TransportError, openai.APITimeoutError, openai.APIConnectionError,
    openai.RateLimitError, openai.InternalServerError,
)


class StageFailure(Exception):
    """A drafting stage could not get a usable answer; ``str(exc)`` is for the user."""


def stage_failed(node: str, exc: StageFailure) -> dict[str, Any]:
    """State update for a stage that could not finish: tell the user, remember where."""
    return {"messages": [AIMessage(str(exc))], "error": str(exc), "resume_stage": node}


def is_transient(exc: BaseException) -> bool:
    """True for errors that a second attempt may not meet (the node's RetryPolicy filter)."""
    if isinstance(exc, structured.ModelUnavailableError):
        return bool(getattr(exc, "transient", True))
    return isinstance(exc, _TRANSIENT)


def _model_error(exc: BaseException) -> bool:
    """Errors that mean "the model failed", as opposed to a bug in the studio."""
    return isinstance(exc, _TRANSIENT + (structured.ModelUnavailableError,
                                         structured.StructuredOutputError))


def _timed_out(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


MODEL_RETRY = RetryPolicy(max_attempts=MODEL_ATTEMPTS, initial_interval=0.5, max_interval=4.0,
                          retry_on=is_transient)


def model_timeout_s() -> float:
    """Wall-clock limit for one structured call (``MICROFILM_MODEL_TIMEOUT_S``, default 300)."""
    try:
        return max(0.05, float(os.environ.get("MICROFILM_MODEL_TIMEOUT_S", "300")))
    except ValueError:
        return 300.0


def node_attempt(runtime: Runtime[Context]) -> int:
    """Which attempt of the running node this is (1-based)."""
    info = getattr(runtime, "execution_info", None)
    return int(getattr(info, "node_attempt", 1) or 1)




def stage_messages(language: str, prompt: str) -> list[BaseMessage]:
    """System prompt in the reply language plus the stage prompt."""
    name = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
    return [SystemMessage(SYSTEM.format(language=name)), HumanMessage(prompt)]


def friendly_failure(exc: BaseException, stage: str, language: str) -> str:
    """What to tell the user when ``exc`` ended ``stage``."""
    label = stage_label(stage, language)
    if _timed_out(exc):
        return say("model_timeout", language, stage=label)
    if isinstance(exc, structured.StructuredOutputError):
        return say("model_garbage", language, stage=label)
    detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return say("model_unavailable", language, stage=label, detail=detail)


async def ask_model(
    runtime: Runtime[Context],
    schema: type[SchemaT],
    messages: Sequence[BaseMessage],
    *,
    stage: str,
    language: str,
    retry_inline: bool = False,
) -> SchemaT:
    """One structured answer for ``stage``, or :class:`StageFailure` with a user message.

    Args:
        runtime: The running node's runtime (context and attempt number).
        schema: The draft schema to fill in.
        messages: The prompt.
        stage: Stage name for messages and logs.
        language: Reply language of the failure message.
        retry_inline: Retry a transient error here instead of through the node's
            RetryPolicy. Loops that call the model many times use it, so one dropped
            connection does not redo every call the node already made.

    Raises:
        StageFailure: when the model is unreachable, too slow or keeps answering garbage.
        Exception: transient errors on a first attempt, for the node's RetryPolicy.
    """
    try:
        model = providers.load_chat_model(runtime.context)
    except Exception as exc:  # no weights, no model name: retrying cannot help
        log.warning("no chat model for %s: %r", stage, exc)
        raise StageFailure(friendly_failure(exc, stage, language)) from exc
    tries = MODEL_ATTEMPTS if retry_inline else 1
    for attempt in range(1, tries + 1):
        try:
            with quiet_tokens():
                result: Any = await asyncio.wait_for(
                    structured.ainvoke_structured(model, schema, list(messages)),
                    timeout=model_timeout_s(),
                )
            return schema.model_validate(result)
        except Exception as exc:
            if not _model_error(exc):
                raise
            transient = is_transient(exc)
            if transient and attempt < tries:
                log.warning("model call for %s failed (%s); retrying", stage, exc)
                await asyncio.sleep(0.5 * attempt)
                continue
            if transient and not retry_inline and node_attempt(runtime) < MODEL_ATTEMPTS:
                log.warning("model call for %s failed (%s); retrying the stage", stage, exc)
                raise
            log.warning("model call for %s gave up: %r", stage, exc)
            raise StageFailure(friendly_failure(exc, stage, language)) from exc
    raise AssertionError("unreachable: the loop returns or raises")
