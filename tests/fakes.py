"""Scripted fake chat models shared by the graph and CLI tests (offline, instant).

``ScriptedChatModel`` answers structured-output requests the way a real provider does:
with a forced tool call when tools are bound (``with_structured_output`` /
``bind_tools``), else with JSON in the message content. It works out which draft schema
is wanted from the bound tool, the ``response_format`` or the prompt text, then answers
from a per-schema script (queued dicts, raw strings such as invalid JSON, exceptions, or
callables) and falls back to a plausible default film in English or Chinese
(:mod:`fake_film`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Sequence
from typing import Any

from fake_film import default_answer
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

KNOWN_SCHEMAS = (
    "GenrePitchesDraft",
    "LoglineDraft",
    "CastDraft",
    "OutlineDraft",
    "SceneDraft",
    "SceneMore",
    "SceneRewrite",
)
_ids = itertools.count(1)


def _prompt_text(messages: Sequence[BaseMessage]) -> str:
    return "\n".join(
        m.content if isinstance(m.content, str) else json.dumps(m.content) for m in messages
    )


Answer = dict[str, Any] | str | BaseException | Callable[[str], Any]


class ScriptedChatModel(BaseChatModel):
    """A chat model whose structured answers are scripted per schema name."""

    script: dict[str, list[Answer]] = Field(default_factory=dict)
    """Queued answers per schema name; when a queue is empty the default answer is used."""
    every_call: Answer | None = None
    """An answer for every call regardless of schema (e.g. garbage or an exception)."""
    delay_s: float = 0.0
    """Seconds each async call takes (for timeout tests)."""
    calls: list[str] = Field(default_factory=list)
    """Schema names requested, in order."""

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any
    ) -> Runnable[LanguageModelInput, AIMessage]:
        formatted = [convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=formatted, tool_choice=tool_choice, **kwargs)

    def _schema_name(self, prompt: str, kwargs: dict[str, Any]) -> tuple[str, bool]:
        tools = kwargs.get("tools") or []
        if tools:
            return str(tools[0]["function"]["name"]), True
        blob = json.dumps(kwargs.get("response_format") or {}, default=str) + prompt
        found = [(blob.find(name), name) for name in KNOWN_SCHEMAS if name in blob]
        if found:
            return min(found)[1], False
        return "unknown", False

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> ChatResult:
        prompt = _prompt_text(messages)
        name, as_tool = self._schema_name(prompt, kwargs)
        queue = self.script.get(name) or []
        answer: Any = (
            self.every_call if self.every_call is not None else (queue.pop(0) if queue else None)
        )
        if answer is None:
            answer = default_answer(name, prompt)
        if callable(answer) and not isinstance(answer, BaseException):
            answer = answer(prompt)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, str):
            message = AIMessage(content=answer)
        elif as_tool:
            message = AIMessage(
                content="",
                tool_calls=[
                    {"name": name, "args": answer, "id": f"call_{next(_ids)}", "type": "tool_call"}
                ],
            )
        else:
            message = AIMessage(content=json.dumps(answer, ensure_ascii=False))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(self._schema_name(_prompt_text(messages), kwargs)[0])
        return self._answer(messages, kwargs)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(self._schema_name(_prompt_text(messages), kwargs)[0])
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        return self._answer(messages, kwargs)


class Studio:
    """The graph compiled in memory with a scripted model, recorded grounding and temp files.

    Tests talk to it turn by turn (``await studio.say("...")``) and inspect the returned
    :class:`agent.session.TurnResult` and the thread's state.
    """

    def __init__(
        self,
        monkeypatch: Any,
        tmp_path: Any,
        model: ScriptedChatModel | None = None,
        **context: Any,
    ) -> None:
        from langgraph.checkpoint.memory import InMemorySaver

        import agent.model.providers
        import knowledge
        from agent.context import Context
        from agent.graph import builder

        self.model = model or ScriptedChatModel()
        self.searches: list[tuple[str, str | None]] = []
        self.languages: list[str | None] = []
        monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
        monkeypatch.setattr(
            agent.model.providers, "load_chat_model", lambda context=None: self.model
        )
        monkeypatch.setattr(knowledge, "search_guidelines", self._search)
        self.graph = builder.compile(checkpointer=InMemorySaver())
        defaults = {
            "project_dir": str(tmp_path / "project"),
            "resolution": "180x320",
            "render_concurrency": 2,
            "language": "auto",
            "target_seconds": 120,
        }
        self.context = Context().updated(**{**defaults, **context})
        self.thread = f"t{next(_ids)}"

    def _search(
        self,
        query: str,
        genre: str | None = None,
        topic: str | None = None,
        k: int = 4,
        language: str | None = None,
    ) -> list[Any]:
        from types import SimpleNamespace

        self.searches.append((query, genre))
        self.languages.append(language)
        return [
            SimpleNamespace(
                text=f"Keep {genre} films to one clear turn.",
                source=f"genre-{genre}.md",
                heading="Structure",
                genre=genre,
                topic=topic,
                score=0.9,
            )
        ][:k]

    async def say(self, text: Any) -> Any:
        """Run one turn with a user message (or a ``Command`` to resume)."""
        from agent.session import run_turn

        return await run_turn(self.graph, self.thread, text, self.context)

    async def values(self) -> dict[str, Any]:
        """The thread's current state."""
        snapshot = await self.graph.aget_state({"configurable": {"thread_id": self.thread}})
        return dict(snapshot.values)
