"""Questions about the craft, answered from the studio's own guidelines with citations.

"What makes a good ancient-style ending?" is not a film idea and not an edit: the model
gets the guidelines tool (the one place it chooses a tool and its arguments), the tool's
passages ground the answer, and the reply ends with the sources so the user can see which
guideline shaped it. Every failure degrades to quoting the best passage, never to silence.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.runtime import Runtime

from agent.context import Context
from agent.events import emit_progress, emit_sources, quiet_tokens
from agent.model import providers
from agent.model.ask import model_timeout_s
from agent.prompts import LANGUAGE_NAMES
from agent.state import State, turn_text
from film.language import detect_language
from film.screenplay import Genre

log = logging.getLogger(__name__)

_QUESTION = re.compile(
    r"^\s*(what(?!\s+if\b)|how|why|which|when|should|could|can|does|do|is|are|any tips?|tips?"
    r"|explain)\b|[?？]\s*$|^\s*(请问|什么|怎么|怎样|如何|为什么|哪些|哪种|有什么)",
    re.IGNORECASE,
)
_IDEA = re.compile(
    r"\b(what if|imagine|a (film|story|movie) about)\b|如果|假如|讲一个|关于.*的故事", re.IGNORECASE
)
_ANSWER_SYSTEM = (
    "You are a micro film screenwriting coach. Answer in {language}, in at most five "
    "sentences, using only the numbered guideline passages you are given, and cite the "
    "ones you use as [n]."
)
_LOOKUP_SYSTEM = "Look up the studio's micro film guidelines that answer the user's question."


def is_craft_question(text: str) -> bool:
    """True for a question about how to make micro films, not a premise phrased as one."""
    return bool(_QUESTION.search(text)) and not _IDEA.search(text)


def _genre_in(text: str) -> str | None:
    try:
        return Genre.parse(text).value
    except ValueError:
        return None


async def _lookup_arguments(model: Any, question: str, genre: str | None) -> dict[str, Any]:
    """The model fills in the guidelines tool's arguments; plain ones if it cannot."""
    from knowledge.tool import guidelines_tool  # loads chromadb (seconds): only when asked

    fallback: dict[str, Any] = {"question": question, "genre": genre}
    try:
        caller = model.bind_tools([guidelines_tool], tool_choice=guidelines_tool.name)
        with quiet_tokens():
            reply = await asyncio.wait_for(
                caller.ainvoke([SystemMessage(_LOOKUP_SYSTEM), HumanMessage(question)]),
                timeout=model_timeout_s(),
            )
    except Exception as exc:  # a model without tool calling still gets an answer
        log.info("guidelines lookup without the model's tool call: %r", exc)
        return fallback
    calls = getattr(reply, "tool_calls", None) or []
    if not calls:
        return fallback
    args = dict(calls[0].get("args") or {})
    chosen = str(args.get("question") or "").strip()
    picked = args.get("genre")
    return {
        "question": chosen or question,
        "genre": _genre_in(str(picked)) if picked else genre,
    }


async def _search(arguments: dict[str, Any]) -> tuple[str, list[dict[str, str]]]:
    from knowledge.tool import guidelines_tool  # loads chromadb (seconds): only when asked

    call = {
        "type": "tool_call",
        "id": "guidelines",
        "name": guidelines_tool.name,
        "args": arguments,
    }
    message: ToolMessage = await asyncio.to_thread(guidelines_tool.invoke, call)
    return str(message.content), list(message.artifact or [])


def _sources_block(sources: list[dict[str, str]], language: str) -> str:
    label = "来源" if language == "zh" else "Sources"
    lines = [f"[{n}] {s['source']} › {s['heading']}" for n, s in enumerate(sources, start=1)]
    return f"**{label}**\n" + "\n".join(f"- {line}" for line in lines)


async def answer_question(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Answer a craft question from the guidelines and cite them."""
    question = turn_text(state).strip()
    language = detect_language(question, runtime.context.language)
    emit_progress("guidelines", "Looking up the guidelines", 0.0)
    try:
        model: Any = providers.load_chat_model(runtime.context)
    except Exception as exc:
        log.warning("no chat model for a guidelines answer: %r", exc)
        model = None
    genre = _genre_in(question) or state.get("genre")
    arguments = (
        await _lookup_arguments(model, question, genre)
        if model is not None
        else {"question": question, "genre": genre}
    )
    passages_text, sources = await _search(arguments)
    if not sources and arguments.get("genre"):  # too narrow a filter: search everything
        passages_text, sources = await _search({"question": arguments["question"]})
    emit_sources(sources)
    emit_progress("guidelines", f"{len(sources)} guideline passages found", 1.0)
    answer = ""
    if model is not None and sources:
        name = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
        prompt = [
            SystemMessage(_ANSWER_SYSTEM.format(language=name)),
            HumanMessage(f"{passages_text}\n\nQuestion: {question}"),
        ]
        try:
            reply = await asyncio.wait_for(model.ainvoke(prompt), timeout=model_timeout_s())
            answer = str(reply.content).strip()
        except Exception as exc:  # quote the guideline instead of failing the turn
            log.warning("guidelines answer fell back to quoting: %r", exc)
    if not answer and sources:
        answer = " ".join(sources[0]["text"].split())[:600]
    if not sources:
        answer = (
            "我没有在工作室的指南中找到相关内容。"
            if language == "zh"
            else "I found nothing on that in the studio's guidelines."
        )
        return {"messages": [AIMessage(answer)], "sources": []}
    reply_text = f"{answer}\n\n{_sources_block(sources, language)}"
    return {"messages": [AIMessage(reply_text)], "sources": sources}
