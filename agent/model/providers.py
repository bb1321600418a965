"""Which chat model the studio talks to: the one place that knows about providers.

Everything else receives a ``BaseChatModel`` from :func:`load_chat_model` (the seam tests
replace) and never branches on the provider. Selection, from the environment only, so
secrets never pass through contexts, checkpoints or logs:

- ``OPENAI_BASE_URL`` set: any OpenAI-compatible server (Ollama, vLLM, llama.cpp, a
  gateway); ``OPENAI_API_KEY`` is optional there. ``MICROFILM_MODEL`` (or ``Context.model``)
  names the model; without one, the server's first listed model is used.
- only ``OPENAI_API_KEY`` set: OpenAI itself, ``gpt-4.1-mini`` unless a model is named.
- nothing set, or ``MICROFILM_PROVIDER=embedded``: the bundled Qwen2.5-Coder-1.5B-Instruct
  (or, with ``MICROFILM_LOCAL_MODEL=smollm2``, the low-memory SmolLM2-135M; see
  :mod:`agent.model.weights`) served on 127.0.0.1 by :mod:`agent.model.local_server`. It is a
  draft-quality fallback, which :func:`describe_model` says so the UI can tell the user.

Tunables: ``MICROFILM_LLM_TIMEOUT_S`` (per request; 120 s remote, 300 s offline),
``MICROFILM_LLM_MAX_RETRIES`` (2 remote, 1 offline: a retry restarts a crashed server),
``MICROFILM_TEMPERATURE``, and for the offline model ``MICROFILM_LOCAL_MAX_TOKENS`` (answer
budget, 1024), ``MICROFILM_LOCAL_THREADS`` (auto: the free cores), ``MICROFILM_LOCAL_CTX`` (4096),
``MICROFILM_LOCAL_CACHE_MB`` (prompt cache, 64; 0 is off), ``MICROFILM_LOCAL_MODEL``
(``qwen1.5b`` or ``smollm2``) and ``MICROFILM_LOCAL_GGUF`` (other weights).
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import BaseMessage
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI

from agent.context import Context
from agent.model.json_repair import with_plain_strings
from agent.model.local_server import LocalModelServer, shared_server
from agent.model.transport import AsyncServerTransport, ServerTransport
from agent.model.weights import selected_local_model

log = logging.getLogger(__name__)

Provider = Literal["openai", "openai-compatible", "embedded"]
OPENAI_DEFAULT_MODEL = "gpt-4.1-mini"
_OPENAI_HOST = "api.openai.com"


@dataclass(frozen=True)
class ModelInfo:
    """What the chat and the CLI tell the user about the model in use."""

    name: str
    provider: Provider
    is_local_fallback: bool
    note: str
    low_memory: bool = False
    """The embedded model is the tiny low-memory choice rather than the default."""

    def note_in(self, language: str) -> str:
        """The note in the user's language ("zh" or anything else for English)."""
        if language != "zh":
            return self.note
        if self.is_local_fallback:
            return (
                f"正在使用内置离线模型 {self.name}："
                + (
                    "这是低内存选项（MICROFILM_LOCAL_MODEL=smollm2），非常小，"
                    if self.low_memory
                    else "它较小，在 CPU 上运行，"
                )
                + "只能写出草稿质量的剧本。"
                "设置 OPENAI_API_KEY 或 OPENAI_BASE_URL 可换用更强的模型。"
            )
        return f"正在使用模型 {self.name}（{self.provider}）。"


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def _env_float(name: str, default: float) -> float:
    try:
        return float(_env(name) or default)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", name, _env(name))
        return default


def selected_provider() -> Provider:
    """The provider the environment asks for (see the module docstring)."""
    if _env("MICROFILM_PROVIDER").lower() in {"embedded", "local", "offline"}:
        return "embedded"
    base_url = _env("OPENAI_BASE_URL")
    if base_url and _OPENAI_HOST not in base_url:
        return "openai-compatible"
    if base_url or _env("OPENAI_API_KEY"):
        return "openai"
    return "embedded"


def _requested_name(context: Context | None) -> str:
    return ((context.model if context else "") or _env("MICROFILM_MODEL")).strip()


@functools.lru_cache(maxsize=8)
def _discover_model(base_url: str, api_key: str) -> str:
    """First model an OpenAI-compatible server lists (Ollama and vLLM need a name)."""
    try:
        response = httpx.get(
            f"{base_url.rstrip('/')}/models",
            timeout=5.0,
            headers={"Authorization": f"Bearer {api_key}"},
        )
        response.raise_for_status()
        return str(response.json()["data"][0]["id"])
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(
            f"No model name is set and {base_url} did not list one ({exc}). "
            "Set MICROFILM_MODEL to the model the server should use."
        ) from exc


def model_name(context: Context | None = None) -> str:
    """The model name that :func:`load_chat_model` would use now."""
    provider = selected_provider()
    if provider == "embedded":
        return selected_local_model().name
    requested = _requested_name(context)
    if requested:
        return requested
    if provider == "openai":
        return OPENAI_DEFAULT_MODEL
    return _discover_model(_env("OPENAI_BASE_URL"), _env("OPENAI_API_KEY") or "not-needed")


def describe_model(context: Context | None = None) -> ModelInfo:
    """Which model answers and how good to expect it to be, for the chat and the CLI."""
    provider = selected_provider()
    if provider == "embedded":
        local = selected_local_model()
        size = (
            "the low-memory choice (MICROFILM_LOCAL_MODEL=smollm2) and tiny"
            if local.low_memory
            else "small and runs on the CPU"
        )
        return ModelInfo(
            name=local.name,
            provider="embedded",
            is_local_fallback=True,
            low_memory=local.low_memory,
            note=(
                f"Using the built-in offline model {local.name}. It is {size}, so expect "
                "draft-quality writing; set OPENAI_API_KEY or OPENAI_BASE_URL for a "
                "stronger model."
            ),
        )
    try:
        name = model_name(context)
    except ValueError as exc:
        name = f"(unknown: {exc})"
    where = "OpenAI" if provider == "openai" else _env("OPENAI_BASE_URL")
    return ModelInfo(
        name=name, provider=provider, is_local_fallback=False, note=f"Using {name} via {where}."
    )


class EmbeddedChatModel(ChatOpenAI):
    """ChatOpenAI for the embedded server, plus grammar-constrained JSON answers.

    :func:`agent.model.structured.invoke_structured` looks for :meth:`bind_json_schema` and, where
    it exists, lets the server's sampler enforce the schema instead of hoping for valid JSON.
    """

    def bind_json_schema(self, schema: dict[str, Any]) -> Runnable[LanguageModelInput, BaseMessage]:
        """This model with every answer constrained to one JSON object matching ``schema``."""
        # llama.cpp's server turns {"type": "json_object", "schema": ...} into a grammar.
        # It goes in extra_body: langchain would otherwise route ``response_format`` to the
        # OpenAI ``parse`` helper, which only knows OpenAI's own json_schema format.
        # Strings hold plain text only: see with_plain_strings.
        response_format = {"type": "json_object", "schema": with_plain_strings(schema)}
        return self.bind(extra_body={**(self.extra_body or {}), "response_format": response_format})


def embedded_chat_model(
    server: LocalModelServer,
    *,
    timeout_s: float = 300.0,
    max_retries: int = 1,
    temperature: float = 0.6,
    max_tokens: int = 1024,
) -> EmbeddedChatModel:
    """A chat model bound to ``server``; the server starts on the first request.

    Its transports restart a server that died and report a death mid-answer as
    :class:`agent.model.transport.LocalModelCrashed`.
    """
    # The server ignores max_completion_tokens (what langchain sends), so the answer
    # budget travels as max_tokens in the request body.
    return EmbeddedChatModel(
        model=server.alias,
        api_key=server.api_key,  # type: ignore[arg-type]
        base_url=server.base_url,
        timeout=timeout_s,
        max_retries=max_retries,
        temperature=temperature,
        extra_body={"max_tokens": max_tokens},
        http_client=httpx.Client(transport=ServerTransport(server)),
        http_async_client=httpx.AsyncClient(transport=AsyncServerTransport(server)),
    )


@functools.lru_cache(maxsize=4)
def _embedded_model(
    timeout_s: float, max_retries: int, temperature: float, max_tokens: int
) -> EmbeddedChatModel:
    return embedded_chat_model(
        shared_server(),
        timeout_s=timeout_s,
        max_retries=max_retries,
        temperature=temperature,
        max_tokens=max_tokens,
    )


@functools.lru_cache(maxsize=8)
def _remote_model(
    name: str,
    base_url: str | None,
    api_key: str,
    timeout_s: float,
    max_retries: int,
    temperature: float | None,
) -> ChatOpenAI:
    extra: dict[str, Any] = {} if temperature is None else {"temperature": temperature}
    return ChatOpenAI(
        model=name,
        base_url=base_url,
        api_key=api_key,  # type: ignore[arg-type]
        timeout=timeout_s,
        max_retries=max_retries,
        **extra,
    )


def load_chat_model(context: Context | None = None) -> BaseChatModel:
    """The chat model for this turn; the single seam tests replace.

    The embedded server is not started here: it starts on the first request (off the event
    loop for async callers), so building a graph or a UI never waits for it.

    Raises:
        agent.model.local_server.LocalModelError: offline mode without installed weights.
        ValueError: an OpenAI-compatible server without a model name that lists none.
    """
    provider = selected_provider()
    temperature_text = _env("MICROFILM_TEMPERATURE")
    if provider == "embedded":
        return _embedded_model(
            timeout_s=_env_float("MICROFILM_LLM_TIMEOUT_S", 300.0),
            max_retries=int(_env_float("MICROFILM_LLM_MAX_RETRIES", 1)),
            temperature=_env_float("MICROFILM_TEMPERATURE", 0.6),
            max_tokens=int(_env_float("MICROFILM_LOCAL_MAX_TOKENS", 1024)),
        )
    api_key = _env("OPENAI_API_KEY") or "not-needed"  # local servers accept any key
    base_url = _env("OPENAI_BASE_URL") or None
    name = model_name(context)
    log.info("chat model: %s via %s", name, base_url or "OpenAI")
    return _remote_model(
        name,
        base_url,
        api_key,
        timeout_s=_env_float("MICROFILM_LLM_TIMEOUT_S", 120.0),
        max_retries=int(_env_float("MICROFILM_LLM_MAX_RETRIES", 2)),
        temperature=_env_float("MICROFILM_TEMPERATURE", 0.7) if temperature_text else None,
    )
