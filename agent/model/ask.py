"""Model calls from graph nodes: timeout, retry and a friendly failure, in one place.

Every structured answer a node needs goes through :func:`structured_answer`: it loads
nothing itself, runs :func:`agent.model.structured.ainvoke_structured` (which repairs and
retries invalid answers) under the ``MICROFILM_MODEL_TIMEOUT_S`` limit with the tokens kept
out of the chat, and turns every model error into one :class:`ModelFailure` whose
``detail`` a user can read. Drafting stages call it through :func:`ask_model`; creative
revisions call it directly and keep the screenplay unchanged on failure.

A failed model call must never lose the conversation. In :func:`ask_model`, transient
errors (timeouts, connection drops, rate limits) are re-raised on the first attempt so the
node's ``RetryPolicy`` runs it again; on the last attempt, and for answers that stay
invalid, the node gets a :class:`StageFailure` carrying a message for the user, and the
state it already had is kept, so "try again" resumes the same stage.
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
from agent.model.heartbeat import heartbeat
from agent.model.transport import LocalModelCrashed
from agent.prompts import system_prompt

log = logging.getLogger(__name__)
SchemaT = TypeVar("SchemaT", bound=BaseModel)

MODEL_ATTEMPTS = 2
_TRANSIENT: tuple[type[BaseException], ...] = (
    TimeoutError,
    httpx.TransportError,
    openai.APITimeoutError,
    openai.APIConnectionError,
    openai.RateLimitError,
    openai.InternalServerError,
)


class StageFailure(Exception):
    """A drafting stage could not get a usable answer; ``str(exc)`` is for the user."""


class ModelFailure(Exception):
    """The model gave no usable answer; ``detail`` says why in one line for the user.

    Attributes:
        detail: What went wrong, short enough to quote in a reply.
        timed_out: The model (or the studio's limit) ran out of time.
        garbled: The model answered, but never with a valid object.
        transient: Trying again may work (the node's RetryPolicy filter reads it).
        crashed: The embedded model server died while answering (it restarts by itself).
    """

    def __init__(self, cause: BaseException, *, transient: bool | None = None) -> None:
        self.detail = _detail(cause)
        self.timed_out = _timed_out(cause)
        self.garbled = isinstance(cause, structured.StructuredOutputError)
        self.crashed = _caused_by(cause, LocalModelCrashed)
        self.transient = is_transient(cause) if transient is None else transient
        super().__init__(self.detail)


def stage_failed(node: str, exc: StageFailure) -> dict[str, Any]:
    """State update for a stage that could not finish: tell the user, remember where."""
    return {"messages": [AIMessage(str(exc))], "error": str(exc), "resume_stage": node}


def is_transient(exc: BaseException) -> bool:
    """True for errors that a second attempt may not meet (the node's RetryPolicy filter)."""
    if isinstance(exc, ModelFailure):
        return exc.transient
    if isinstance(exc, structured.ModelUnavailableError):
        return bool(getattr(exc, "transient", True))
    return isinstance(exc, _TRANSIENT)


def _model_error(exc: BaseException) -> bool:
    """Errors that mean "the model failed", as opposed to a bug in the studio."""
    return isinstance(
        exc, _TRANSIENT + (structured.ModelUnavailableError, structured.StructuredOutputError)
    )


def _detail(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, kind):
        seen = seen.__cause__ or seen.__context__
    return seen is not None


def _timed_out(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeoutError | openai.APITimeoutError | httpx.TimeoutException):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


MODEL_RETRY = RetryPolicy(
    max_attempts=MODEL_ATTEMPTS, initial_interval=0.5, max_interval=4.0, retry_on=is_transient
)


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
    """The one system prompt of the film's language plus the stage prompt."""
    return [SystemMessage(system_prompt(language)), HumanMessage(prompt)]


def friendly_failure(failure: ModelFailure, stage: str, language: str) -> str:
    """What to tell the user when ``failure`` ended ``stage``."""
    label = stage_label(stage, language)
    if failure.crashed:
        return say("model_crashed", language, stage=label)
    if failure.timed_out:
        return say("model_timeout", language, stage=label)
    if failure.garbled:
        return say("model_garbage", language, stage=label)
    return say("model_unavailable", language, stage=label, detail=failure.detail)


def load_model(context: Context) -> Any:
    """The chat model ``context`` names.

    Raises:
        ModelFailure: no weights or no model name; trying again cannot help.
    """
    try:
        return providers.load_chat_model(context)
    except Exception as exc:
        raise ModelFailure(exc, transient=False) from exc


async def structured_answer(
    model: Any, schema: type[SchemaT], messages: Sequence[BaseMessage]
) -> SchemaT:
    """One ``schema`` answer from ``model``, within the time limit and out of the chat.

    Raises:
        ModelFailure: the model timed out, was unreachable, or kept answering garbage.
    """
    try:
        with quiet_tokens():
            result: Any = await asyncio.wait_for(
                structured.ainvoke_structured(model, schema, list(messages)),
                timeout=model_timeout_s(),
            )
    except Exception as exc:
        if not _model_error(exc):
            raise
        raise ModelFailure(exc) from exc
    return schema.model_validate(result)


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
        ModelFailure: a transient failure on a first attempt, for the node's RetryPolicy.
    """
    try:
        model = load_model(runtime.context)
    except ModelFailure as exc:
        log.warning("no chat model for %s: %r", stage, exc.__cause__)
        raise StageFailure(friendly_failure(exc, stage, language)) from exc
    tries = MODEL_ATTEMPTS if retry_inline else 1
    for attempt in range(1, tries + 1):
        try:
            with heartbeat(stage, language):
                return await structured_answer(model, schema, messages)
        except ModelFailure as exc:
            if exc.transient and attempt < tries:
                log.warning("model call for %s failed (%s); retrying", stage, exc)
                await asyncio.sleep(0.5 * attempt)
                continue
            if exc.transient and not retry_inline and node_attempt(runtime) < MODEL_ATTEMPTS:
                log.warning("model call for %s failed (%s); retrying the stage", stage, exc)
                raise
            log.warning("model call for %s gave up: %r", stage, exc.__cause__)
            raise StageFailure(friendly_failure(exc, stage, language)) from exc
    raise AssertionError("unreachable: the loop returns or raises")
