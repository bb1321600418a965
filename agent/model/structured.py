"""Structured answers from any chat model: constrained where possible, validated always.

How an answer is obtained depends on what the model offers, never on its provider name:

1. ``bind_json_schema`` (the embedded llama.cpp model, see :mod:`agent.model.providers`):
   the server's sampler is constrained by a grammar compiled from the schema, so even a
   135M model emits a syntactically valid, bounded object.
2. real tool calling (OpenAI and compatible servers): one forced, non-strict tool call.
   Non-strict because OpenAI's strict mode rejects ``maxLength`` and similar bounds, which
   our draft schemas rely on. A server that refuses tools falls back to 3.
3. plain text (scripted fakes, models without tools): the schema is described in the prompt
   and JSON is recovered from the reply.

Every answer is validated with pydantic. A broken answer is repaired where that is safe
(code fences, surrounding prose, trailing commas) and otherwise sent back to the model with
the exact problems, up to ``attempts`` answers; then :class:`StructuredOutputError`. A
timeout or unreachable service becomes :class:`ModelUnavailableError`, so callers deal with
two friendly error types instead of a zoo of transport exceptions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

import httpx
import openai
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, convert_to_messages
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, ValidationError

from agent.model.json_repair import (
    JsonRepairError,
    describe_validation_error,
    extract_json_object,
    json_instructions,
    without_json_residue,
)
from agent.model.local_server import LocalModelError

log = logging.getLogger(__name__)
SchemaT = TypeVar("SchemaT", bound=BaseModel)
Strategy = Literal["constrained", "tools", "text"]
_ECHO_LIMIT = 1500  # characters of a failed answer shown back to the model


class StructuredOutputError(Exception):
    """The model kept answering with something that does not fit the schema.

    Attributes:
        schema_name: The pydantic class that was asked for.
        attempts: How many answers were tried.
        problems: What was wrong with the last answer.
        last_output: The last raw answer (for logs, not for users).
    """

    def __init__(self, schema_name: str, attempts: int, problems: str, last_output: str) -> None:
        self.schema_name = schema_name
        self.attempts = attempts
        self.problems = problems
        self.last_output = last_output
        plural = "answer" if attempts == 1 else f"{attempts} answers"
        super().__init__(
            f"The model could not produce a valid {schema_name} ({plural} tried). "
            f"Last problem: {problems}"
        )


class ModelUnavailableError(Exception):
    """The model could not be asked: timeout, connection failure, server or account error.

    Attributes:
        transient: True when trying again later may succeed (timeouts, 5xx, rate limits).
    """

    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


def _where(model: Any) -> str:
    name = getattr(model, "model_name", None) or getattr(model, "model", None)
    return str(name) if name else type(model).__name__


def _find_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def unavailable_error(exc: BaseException, model: Any) -> ModelUnavailableError | None:
    """The friendly :class:`ModelUnavailableError` for ``exc``, or None if it is not one."""
    where = _where(model)
    local = _find_cause(exc, LocalModelError)
    if local is not None:
        return ModelUnavailableError(f"The offline model could not start: {local}")
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return ModelUnavailableError(f"The model {where} did not answer in time; try again.")
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError | ConnectionError):
        return ModelUnavailableError(
            f"The model {where} could not be reached; check that its server is running."
        )
    if isinstance(exc, openai.RateLimitError):
        return ModelUnavailableError(f"The model {where} is rate-limited; try again shortly.")
    if isinstance(exc, openai.InternalServerError):
        return ModelUnavailableError(
            f"The model {where} had a server error (HTTP {exc.status_code}); try again."
        )
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ModelUnavailableError(
            f"The model service refused the API key for {where}; check OPENAI_API_KEY.",
            transient=False,
        )
    if isinstance(exc, openai.NotFoundError):
        return ModelUnavailableError(
            f"The model {where} was not found on the server; check MICROFILM_MODEL.",
            transient=False,
        )
    if isinstance(exc, openai.APIStatusError):
        return ModelUnavailableError(
            f"The model {where} rejected the request (HTTP {exc.status_code}).", transient=False
        )
    return None


def choose_strategy(model: BaseChatModel) -> Strategy:
    """The strongest structured-output mechanism ``model`` offers (see module docstring)."""
    if callable(getattr(model, "bind_json_schema", None)):
        return "constrained"
    if type(model).bind_tools is not BaseChatModel.bind_tools:
        return "tools"
    return "text"


def _text_of(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    return "".join(
        part if isinstance(part, str) else str(part.get("text", "")) for part in message.content
    )


def _with_instructions(messages: list[BaseMessage], instructions: str) -> list[BaseMessage]:
    """Append ``instructions`` to the last user message (one turn reads best to small models)."""
    if (
        messages
        and isinstance(messages[-1], HumanMessage)
        and isinstance(messages[-1].content, str)
    ):
        last = messages[-1]
        return [*messages[:-1], HumanMessage(f"{last.content}\n\n{instructions}")]
    return [*messages, HumanMessage(instructions)]


class _Exchange:
    """State of one structured request across attempts; shared by the sync and async loops."""

    def __init__(
        self, model: BaseChatModel, schema: type[SchemaT], messages: Any, attempts: int
    ) -> None:
        self.model = model
        self.schema = schema
        self.attempts = max(1, attempts)
        self.answers = 0
        self.json_schema = schema.model_json_schema()
        self.base = convert_to_messages(messages)
        self.strategy: Strategy = choose_strategy(model)
        self.feedback: list[BaseMessage] = []
        self.problems = "no answer yet"
        self.last_output = ""

    def request(self) -> tuple[Runnable[LanguageModelInput, BaseMessage], list[BaseMessage]]:
        """The runnable and conversation for the next attempt."""
        if self.strategy == "tools":
            tool = convert_to_openai_tool(self.schema)
            runnable = self.model.bind_tools([tool], tool_choice=tool["function"]["name"])
            return runnable, [*self.base, *self.feedback]
        instructions = json_instructions(
            self.json_schema, constrained=self.strategy == "constrained"
        )
        prompt = _with_instructions(self.base, instructions)
        if self.strategy == "constrained":
            runnable = self.model.bind_json_schema(self.json_schema)  # type: ignore[attr-defined]
        else:
            runnable = self.model
        return runnable, [*prompt, *self.feedback]

    def failed(self, exc: Exception) -> None:
        """Turn a call failure into a friendly error, or fall back from tools to text."""
        refused = isinstance(exc, openai.BadRequestError | NotImplementedError)
        if self.strategy == "tools" and refused:
            log.info(
                "%s refused tool calling (%s); asking for JSON text instead",
                _where(self.model),
                exc,
            )
            self.strategy = "text"
            return
        friendly = unavailable_error(exc, self.model)
        if friendly is None:
            raise exc
        raise friendly from exc

    def accept(self, reply: BaseMessage) -> SchemaT | None:
        """The validated object, or None after recording what to tell the model."""
        self.answers += 1
        if reply.response_metadata.get("finish_reason") == "length":  # the slowest reply
            log.warning("%s cut at the token limit: %s", self.schema.__name__, _text_of(reply))
        try:
            data = self._payload(reply)
            return self._validate(data)  # type: ignore[return-value]
        except JsonRepairError as exc:
            self.problems = f"the answer was not a JSON object: {exc}"
        except ValidationError as exc:
            self.problems = describe_validation_error(exc)
        log.info(
            "structured answer %d/%d for %s unusable: %s",
            self.answers,
            self.attempts,
            self.schema.__name__,
            self.problems,
        )
        self.feedback = [
            AIMessage(self.last_output[:_ECHO_LIMIT]),
            HumanMessage(
                f"That answer cannot be used: {self.problems}. Reply again with only "
                f"the corrected JSON object for {self.schema.__name__}."
            ),
        ]
        return None

    def _payload(self, reply: BaseMessage) -> dict[str, Any]:
        if isinstance(reply, AIMessage) and reply.tool_calls:
            args = reply.tool_calls[0]["args"]
            self.last_output = json.dumps(args, ensure_ascii=False)
            return dict(args)
        if isinstance(reply, AIMessage) and reply.invalid_tool_calls:
            self.last_output = str(reply.invalid_tool_calls[0].get("args") or "")
        else:
            self.last_output = _text_of(reply)
        return extract_json_object(self.last_output)

    def _validate(self, data: dict[str, Any]) -> BaseModel:
        data = without_json_residue(data)
        try:
            return self.schema.model_validate(data)
        except ValidationError:
            # A model sometimes nests the answer under one key (its name, "properties").
            inner = next(iter(data.values())) if len(data) == 1 else None
            if isinstance(inner, dict):
                try:
                    return self.schema.model_validate(inner)
                except ValidationError:
                    pass
            raise

    def more(self) -> bool:
        return self.answers < self.attempts

    def error(self) -> StructuredOutputError:
        return StructuredOutputError(
            self.schema.__name__, self.answers, self.problems, self.last_output
        )


def invoke_structured(
    model: BaseChatModel,
    schema: type[SchemaT],
    messages: LanguageModelInput | Sequence[Any],
    *,
    attempts: int = 3,
) -> SchemaT:
    """Ask ``model`` for one ``schema`` object; validate, repair and retry.

    Raises:
        StructuredOutputError: no valid object after ``attempts`` answers.
        ModelUnavailableError: the model timed out, was unreachable or refused the request.
    """
    exchange = _Exchange(model, schema, messages, attempts)
    while exchange.more():
        runnable, conversation = exchange.request()
        try:
            reply = runnable.invoke(conversation)
        except Exception as exc:
            exchange.failed(exc)
            continue
        result = exchange.accept(reply)
        if result is not None:
            return result
    raise exchange.error()


async def ainvoke_structured(
    model: BaseChatModel,
    schema: type[SchemaT],
    messages: LanguageModelInput | Sequence[Any],
    *,
    attempts: int = 3,
) -> SchemaT:
    """Async :func:`invoke_structured` (same strategies, repairs and errors)."""
    exchange = _Exchange(model, schema, messages, attempts)
    while exchange.more():
        runnable, conversation = exchange.request()
        try:
            reply = await runnable.ainvoke(conversation)
        except Exception as exc:
            exchange.failed(exc)
            continue
        result = exchange.accept(reply)
        if result is not None:
            return result
    raise exchange.error()
