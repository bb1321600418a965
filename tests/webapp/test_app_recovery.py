"""Failed scenes in the chat: failed lines (never ticked), the retry and partial-cut choices.

A small real graph follows the production contract (docs/ARCHITECTURE.md): a scene's
``failure`` event, then the turn's error with ``production.failed_scenes``. Chainlit runs
with a recording emitter, so the task list and the buttons the person would see are checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chainlit as cl
import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from test_app_turns import FakeState, RecordingEmitter, enter_chat

from agent.context import Context
from agent.events import Failure, Progress, emit_failure, emit_progress
from agent.production.choices import typed_choice
from webapp.progress import ProgressBoard
from webapp.recovery import ACTION_NAME, choice_input, offer_again
from webapp.turns import ChatTurn


class ActionRecorder(RecordingEmitter):
    """Also keeps the buttons sent and removed."""

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.actions: list[dict[str, Any]] = []
        self.removed: list[str] = []

    async def emit(self, event: str, data: Any) -> None:
        if event == "action":
            self.actions.append(dict(data))
        elif event == "remove_action":
            self.removed.append(data["id"])


class RecoveryState(FakeState, total=False):
    production: dict[str, Any]
    scene_results: list[dict[str, Any]]
    error: str | None


def failing_render(language: str) -> Any:
    """Scene 1 renders, scene 2 fails; the turn ends naming scene 2."""

    async def render(state: RecoveryState) -> dict[str, Any]:
        emit_progress("render", "Rendering 2 scenes", 0.0)
        emit_progress("scene 1", "rendered", 1.0)
        emit_progress("scene 2", "drawing", 0.4)
        failed = "渲染失败：box offset" if language == "zh" else "failed: box offset"
        emit_failure("scene 2", failed)
        emit_progress("scene 2", "late progress from a worker", 1.0)
        emit_failure("render", "未完成，第2场失败" if language == "zh" else "not finished")
        error = "影片未完成：第2场渲染失败" if language == "zh" else "The film is not finished"
        return {
            "messages": [AIMessage(error)],
            "error": error,
            "language": language,
            "production": {"failed_scenes": [2]},
            "scene_results": [{"scene": 1, "error": None}, {"scene": 2, "error": "box offset"}],
        }

    builder = StateGraph(RecoveryState, context_schema=Context)
    builder.add_node("assemble", render)
    builder.add_edge(START, "assemble")
    builder.add_edge("assemble", END)
    return builder.compile(checkpointer=InMemorySaver())


def _chat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ActionRecorder:
    recorder = enter_chat(tmp_path, monkeypatch)
    emitter = ActionRecorder(recorder.session)
    cl.context.emitter = emitter
    return emitter


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_failed_scene_shows_failed_and_offers_retry_and_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    emitter = _chat(tmp_path, monkeypatch)
    context = Context(project_dir=str(tmp_path / "p"), resolution="720x1280")
    turn = ChatTurn(tmp_path / "p")
    graph = failing_render(language)

    start = {"messages": [HumanMessage("render it")], "language": language}
    outcome = await turn.run(graph, "t1", start, context)  # type: ignore[arg-type]

    assert outcome.failed and outcome.failed_scenes == [2] and outcome.error is None
    tasks = {t.title.split(":")[0].split("：")[0]: t for t in turn.progress.tasks.values()}
    scene1, scene2 = ("第1场", "第2场") if language == "zh" else ("Scene 1", "Scene 2")
    assert tasks[scene1].status is cl.TaskStatus.DONE
    assert tasks[scene2].status is cl.TaskStatus.FAILED, "a failed scene is never ticked"
    assert "box offset" in tasks[scene2].title, "late progress does not relabel it"
    film = tasks["影片" if language == "zh" else "Film"]
    assert film.status is cl.TaskStatus.FAILED
    assert turn.progress.task_list is not None
    assert turn.progress.task_list.status == ("失败" if language == "zh" else "Failed")
    labels = [a["label"] for a in emitter.actions]
    if language == "zh":
        assert labels == ["重新渲染失败的场景", "不含第2场，直接合成"]
    else:
        assert labels == ["Retry failed scenes", "Stitch without scene 2"]
    assert {a["name"] for a in emitter.actions} == {ACTION_NAME}
    [offer] = [
        m for m in emitter.of_type("assistant_message") if m["id"] == emitter.actions[0]["forId"]
    ]
    assert ("第2场渲染失败" if language == "zh" else "Scene 2 failed") in offer["output"]

    await offer_again(graph, "t1")
    assert [a["label"] for a in emitter.actions[2:]] == labels, "a reopened thread offers again"

    await ChatTurn(tmp_path / "p").run(graph, "t1", "again", context)
    assert set(emitter.removed) == {a["id"] for a in emitter.actions[:4]}, (
        "one live offer at a time; a new turn clears the earlier one"
    )


def test_button_payloads_become_render_turns_with_the_choice_typed() -> None:
    retry = choice_input({"choice": "retry", "scenes": [2], "language": "zh"})
    assert isinstance(retry, dict)
    [message] = retry["messages"]
    assert message.content == "重新渲染失败的场景"
    assert typed_choice(message) == {"retry_failed": True}
    cut = choice_input({"choice": "leave_out", "scenes": [3, 2, "x"], "language": "en"})
    assert isinstance(cut, dict)
    [message] = cut["messages"]
    assert message.content == "Render the film without scenes 2 and 3"
    assert typed_choice(message) == {"leave_out": [2, 3]}
    assert choice_input({"choice": "delete_everything", "scenes": [1]}) is None
    assert choice_input({"choice": "retry", "scenes": "1; rm -rf"}) is None


async def test_a_failed_line_stays_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enter_chat(tmp_path, monkeypatch)
    board = ProgressBoard(language="zh")
    await board.on_progress(Progress("scene 3", "drawing", 0.2))
    await board.on_failure(Failure("scene 3", "渲染失败：原因"))
    await board.on_progress(Progress("scene 3", "encoded", 1.0))
    board.mark_done("scene 3")
    task = board.tasks["scene 3"]
    assert task.status is cl.TaskStatus.FAILED and task.title == "第3场：渲染失败：原因"
    await board.close("done")
    assert task.status is cl.TaskStatus.FAILED
    assert board.task_list is not None and board.task_list.status == "完成"
