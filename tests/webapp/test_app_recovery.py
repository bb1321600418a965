"""Failed scenes in the chat: failed lines (never ticked), the retry and partial-cut choices;
an interrupted render: the reopened thread says so and offers to resume it.

A small real graph follows the production contract (docs/ARCHITECTURE.md): a scene's
``failure`` event, then the turn's error with ``production.failed_scenes``. Chainlit runs
with a recording emitter, so the task list and the buttons the person would see are checked.
"""

from __future__ import annotations

import subprocess
import sys
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
from agent.intake.intent import classify_intent
from agent.production.choices import typed_choice
from tools.assembly.lease import render_markers
from webapp.progress import ProgressBoard
from webapp.recovery import ACTION_NAME, choice_input, offer_again, offer_resume
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


async def test_a_finished_line_keeps_its_own_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A heartbeat after "ready" ticked "Characters: still building…" (web app, 2026-12-02)."""
    enter_chat(tmp_path, monkeypatch)
    board = ProgressBoard(language="en")
    await board.on_progress(Progress("characters", "still building the bible: 8 s", 0.5))
    await board.on_progress(Progress("characters", "2 characters ready", 1.0))
    await board.on_progress(Progress("characters", "still building the bible: 10 s", 0.5))
    task = board.tasks["characters"]
    assert task.status is cl.TaskStatus.DONE and task.title.endswith("2 characters ready")


def _killed_render(folder: Path) -> None:
    """A process begins a render of ``folder`` and dies without ending it."""
    script = (
        "import sys; from pathlib import Path; from tools.assembly.lease import begin_render; "
        "begin_render(Path(sys.argv[1]), {'title': 'Rush Hour'})"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script, str(folder)], cwd=root, check=True)


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_reopened_thread_whose_render_was_killed_offers_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    emitter = _chat(tmp_path, monkeypatch)
    folder = tmp_path / "projects" / "alice" / "t1"
    graph = failing_render(language)
    config = {"configurable": {"thread_id": "t1"}}
    await graph.aupdate_state(config, {"language": language}, as_node="assemble")  # type: ignore[arg-type]

    assert await offer_resume(graph, "t1", folder) is None, "nothing interrupted: no offer"
    assert emitter.actions == []

    _killed_render(folder)
    [marker] = render_markers(folder)
    assert not marker.live
    reopening: dict[str, Any] = {"id": "t1", "steps": [{"id": "earlier", "output": "hi"}]}
    await offer_resume(graph, "t1", folder, reopening)  # type: ignore[arg-type]

    [action] = emitter.actions
    [offer] = [m for m in emitter.of_type("assistant_message") if m["id"] == action["forId"]]
    assert [step["id"] for step in reopening["steps"]] == ["earlier", offer["id"]], (
        "Chainlit shows the thread it loaded once the reopening ends: the offer is in it"
    )
    if language == "zh":
        assert action["label"] == "继续渲染"
        assert offer["output"].startswith("上次渲染《Rush Hour》中途被打断")
    else:
        assert action["label"] == "Resume render"
        assert offer["output"].startswith('The last render of "Rush Hour" was interrupted')
    assert "/" not in offer["output"], "no server paths"

    turn = choice_input(action["payload"])
    assert isinstance(turn, dict)
    [message] = turn["messages"]
    intent = classify_intent(str(message.content), has_project=True, pending_stage="outline")
    assert intent.kind == "produce", "the click is a render turn, even after a failed stage"

    await ChatTurn(tmp_path / "p").run(graph, "t1", "again", Context())
    assert emitter.removed == [action["id"]], "the next turn clears the offer"
