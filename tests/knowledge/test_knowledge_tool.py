"""The LangChain tool the agent's model calls for questions about the craft."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.messages import ToolMessage

from knowledge.index import close_all
from knowledge.tool import guidelines_tool


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MICROFILM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    yield tmp_path / "home"
    close_all()


def test_schema_describes_question_and_genre() -> None:
    assert guidelines_tool.name == "micro_film_guidelines"
    assert set(guidelines_tool.args) == {"question", "genre"}
    assert "ending" in guidelines_tool.description.lower()
    assert "ancient-style" in guidelines_tool.args["genre"]["description"]


def test_answer_cites_genre_and_form_passages() -> None:
    text = guidelines_tool.invoke(
        {"question": "What makes a good ancient-style ending?", "genre": "ancient-style"}
    )
    assert "[1] genre-ancient-style.md › Endings (结尾)" in text
    assert "form-endings.md ›" in text
    assert "Cite what you use" in text


def test_tool_call_returns_sources_as_artifact() -> None:
    message = guidelines_tool.invoke(
        {
            "type": "tool_call",
            "id": "call-1",
            "name": guidelines_tool.name,
            "args": {"question": "字幕每行放多少字？"},
        }
    )
    assert isinstance(message, ToolMessage) and message.tool_call_id == "call-1"
    assert "subtitles.zh.md ›" in message.content  # a Chinese question: the Chinese guide
    assert message.artifact and set(message.artifact[0]) == {"source", "heading", "text"}
    assert message.artifact[0]["source"] == "subtitles.zh.md"


def test_bad_genre_is_explained_to_the_model_not_raised() -> None:
    text = guidelines_tool.invoke({"question": "endings", "genre": "horror"})
    assert text.startswith("Could not search the guidelines") and "ancient-style" in text


def test_broken_corpus_degrades_to_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import knowledge.tool as tool_module

    def fail(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("index exploded")

    monkeypatch.setattr(tool_module, "search_guidelines", fail)
    text = guidelines_tool.invoke({"question": "hooks"})
    assert "unavailable right now (RuntimeError)" in text
