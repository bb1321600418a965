"""Scripted fake chat models shared by the graph and CLI tests (offline, instant).

``ScriptedChatModel`` answers structured-output requests the way a real provider does:
with a forced tool call when tools are bound (``with_structured_output`` /
``bind_tools``), else with JSON in the message content. It works out which draft schema
is wanted from the bound tool, the ``response_format`` or the prompt text, then answers
from a per-schema script (queued dicts, raw strings such as invalid JSON, exceptions, or
callables) and falls back to a plausible default film in English or Chinese.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

KNOWN_SCHEMAS = ("GenrePitchesDraft", "LoglineDraft", "CastDraft", "OutlineDraft", "SceneDraft")
_ids = itertools.count(1)


def _prompt_text(messages: Sequence[BaseMessage]) -> str:
    return "\n".join(
        m.content if isinstance(m.content, str) else json.dumps(m.content) for m in messages
    )


def _chinese(text: str) -> bool:
    return "Simplified Chinese" in text or "简体中文" in text


def _number(pattern: str, text: str, default: int) -> int:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else default


def _names(pattern: str, text: str, default: list[str]) -> list[str]:
    match = re.search(pattern, text)
    if not match:
        return default
    names = [n.strip(" .") for n in match.group(1).split(",") if n.strip(" .-")]
    return names or default


def default_answer(schema: str, prompt: str) -> dict[str, Any]:
    """A valid, plausible answer for one of the studio's draft schemas."""
    zh = _chinese(prompt)
    if schema == "GenrePitchesDraft":
        slugs = [
            "grassroots-spoof",
            "youth-romance",
            "inspirational-struggle",
            "ancient-style",
            "touching-family",
            "aesthetic-scenery",
        ]
        pitches = {
            s.replace("-", "_"): (
                f"{s}：故事在这个类型里的样子。"
                if zh
                else f"As {s}, the idea turns on one small choice."
            )
            for s in slugs
        }
        idea = re.search(r"Film idea: ([^\n]*)", prompt)
        recommended = (
            "youth-romance"
            if idea and re.search(r"romance|debate|爱情", idea.group(1))
            else "touching-family"
        )
        return {
            **pitches,
            "recommended": recommended,
            "reason": "最贴近故事的情感核心" if zh else "it fits the heart of the idea",
        }
    if schema == "LoglineDraft":
        if zh:
            return {
                "title": "最后一个饺子",
                "logline": "外孙要出国前，外婆教他包饺子，把想念包进去。",
                "theme": "亲情与离别",
                "setting_time": "除夕前一天",
            }
        return {
            "title": "The Last Dumpling",
            "logline": "On the eve of moving abroad, a boy learns his grandma's dumplings.",
            "theme": "love that travels",
            "setting_time": "New Year's Eve, today",
        }
    if schema == "CastDraft":
        people = ["小明", "外婆"] if zh else ["Ming", "Grandma"]
        return {
            "characters": [
                {
                    "name": people[0],
                    "role": "lead" if not zh else "主角",
                    "look": "18, short black hair" if not zh else "十八岁，短发",
                    "wardrobe": "grey hoodie" if not zh else "灰色卫衣",
                    "props": ["suitcase"],
                    "voice": "young",
                },
                {
                    "name": people[1],
                    "role": "mentor" if not zh else "导师",
                    "look": "75, silver bun" if not zh else "七十五岁，银发盘髻",
                    "wardrobe": "blue apron" if not zh else "蓝围裙",
                    "props": ["rolling pin"],
                    "voice": "warm",
                },
            ]
        }
    if schema == "OutlineDraft":
        count = _number(r"exactly (\d+) beats", prompt, 3)
        cast = _names(r"Characters: ([^\n]+)", prompt, ["Ming"])
        places = ["Kitchen", "Market", "Courtyard", "Station", "Rooftop", "Bus stop"]
        return {
            "beats": [
                {
                    "place": places[i % len(places)],
                    "interior": "INT" if i % 2 == 0 else "EXT",
                    "time_of_day": "DAY",
                    "summary": f"Beat {i + 1}: the bond is tested."
                    if not zh
                    else f"第{i + 1}拍：感情受到考验。",
                    "characters": cast[:2],
                }
                for i in range(count)
            ]
        }
    if schema == "SceneDraft":
        speakers = _names(r"spoken only by these characters: (.+?)\.\s", prompt, ["Ming"])
        lines = _number(r"and (\d+) short dialogue lines", prompt, 2)
        actions = _number(r": (\d+) short action lines", prompt, 1)
        return {
            "action": [
                ("镜头推近，手上沾满面粉。" if zh else "Flour dusts their hands.")
                for _ in range(actions)
            ],
            "dialogue": [
                {
                    "speaker": speakers[i % len(speakers)],
                    "text": "再包一个，就一个。" if zh else "One more, just one more.",
                }
                for i in range(lines)
            ],
            "visual": "暖色灯光，竖构图。" if zh else "Warm tungsten light, close framing.",
        }
    raise AssertionError(f"the fake model has no default answer for {schema!r}")


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
        self, query: str, genre: str | None = None, topic: str | None = None, k: int = 4
    ) -> list[Any]:
        from types import SimpleNamespace

        self.searches.append((query, genre))
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
