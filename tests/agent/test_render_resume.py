"""An interrupted render: its marker, the offer to resume on reopening, and the resume itself.

The graph runs with a scripted model; renders are faked where only the marker's lifecycle
matters, and real (tiny 360x640 scenes, the ``microfilm chat`` command in a subprocess
killed with SIGKILL) where resuming must reuse the finished segments.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fakes import Studio
from langchain_core.messages import HumanMessage
from langgraph.types import Command

import tools.assembly.lease as lease
import tools.assembly.production as production
from agent import cli
from agent.production.resume import interrupted_render, resume_input
from agent.session import open_graph, run_turn, thread_config
from film.screenplay import CharacterProfile, Genre, Project, Scene, Screenplay
from tools.assembly.lease import interrupted_renders, render_markers

ROOT = Path(__file__).resolve().parents[2]
IDEA = "a film about a grandma teaching her grandson to make dumplings"
SCENES = 4


class GatedRenders:
    """Fake renders that record the markers they see and can be held until released."""

    def __init__(self, hold: int | None = None, fail: int | None = None) -> None:
        self.hold, self.fail = hold, fail
        self.release = threading.Event()
        self.holding = threading.Event()
        self.seen_live: list[bool] = []

    def render(self, screenplay, number, project_dir, settings, progress=None):
        self.seen_live += [m.live for m in render_markers(Path(project_dir))]
        if number == self.hold:
            self.holding.set()
            self.release.wait(30)
        if number == self.fail:
            return production.SegmentResult(number, None, 0.0, False, "encoder refused")
        path = Path(project_dir) / "segments" / f"scene-{number:02d}.mp4"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"segment")
        return production.SegmentResult(number, path, 5.0, False)

    def assemble(self, screenplay, project_dir, settings, progress=None):
        film = Path(project_dir) / "film.mp4"
        film.write_bytes(b"film")
        return production.FilmResult(film, 30.0, None, [])


@pytest.fixture
async def drafted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Studio:
    studio = Studio(monkeypatch, tmp_path)
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    return studio


def _install(monkeypatch: pytest.MonkeyPatch, renders: GatedRenders) -> GatedRenders:
    monkeypatch.setattr(production, "render_scene_segment", renders.render)
    monkeypatch.setattr(production, "assemble_film", renders.assemble)
    return renders


async def test_a_finished_render_and_a_failed_one_both_clear_their_marker(
    monkeypatch: pytest.MonkeyPatch, drafted: Studio
) -> None:
    renders = _install(monkeypatch, GatedRenders())
    result = await drafted.say("render it")
    folder = Path(result.values["project_dir"])
    assert "The film is ready" in result.messages[-1].content
    assert renders.seen_live and all(renders.seen_live), "the marker is there while it runs"
    assert render_markers(folder) == []

    renders = _install(monkeypatch, GatedRenders(fail=2))
    result = await drafted.say("render it")
    assert result.error and "scene 2" in result.error
    assert renders.seen_live and render_markers(folder) == [], "a told failure ends it"
    assert interrupted_render(result.values) is None


# LangGraph drops the branches it had not started yet when the turn is cancelled.
@pytest.mark.filterwarnings("ignore:coroutine 'arun_with_retry' was never awaited")
async def test_a_stopped_render_is_offered_again_in_both_languages_and_resumes(
    monkeypatch: pytest.MonkeyPatch, drafted: Studio
) -> None:
    renders = _install(monkeypatch, GatedRenders(hold=2))
    turn = asyncio.create_task(drafted.say("render it"))
    await asyncio.to_thread(renders.holding.wait, 30)
    turn.cancel()  # the stop button
    with pytest.raises(asyncio.CancelledError):
        await turn
    renders.release.set()

    values = await drafted.values()
    folder = Path(values["production"]["project_dir"])
    [marker] = interrupted_renders(folder)
    assert marker.abandoned and marker.details["title"]
    screenplay = Project.model_validate(values["project"]).screenplay
    assert screenplay is not None
    title, total = screenplay.title, len(screenplay.scenes)

    found = interrupted_render({**values, "language": "en"})
    assert found is not None and (found.title, found.total, found.finished) == (title, total, 0)
    assert found.notice() == (
        f'The last render of "{title}" was interrupted before the film was finished '
        f"(0 of {total} scenes were done). Resume it: the finished scenes are reused and only "
        "the rest is rendered."
    )
    assert found.notice(chat_hint=True).endswith('rendered. Say "render it" to resume it.')
    chinese = interrupted_render({**values, "language": "zh-CN"})
    assert chinese is not None and chinese.notice(chat_hint=True) == (
        f"上次渲染《{title}》中途被打断，影片还没有完成（{total}场中已完成0场）。"
        "可以继续渲染：已完成的场景直接沿用，只渲染剩下的部分。回复“渲染”即可继续。"
    )

    [message] = resume_input("zh")["messages"]
    assert isinstance(message, HumanMessage) and message.content.startswith("渲染")
    _install(monkeypatch, GatedRenders())
    result = await drafted.say(resume_input("en"))
    replies = [str(m.content) for m in result.messages]
    assert any(f'Resuming the interrupted render of "{title}"' in r for r in replies), replies
    assert result.error is None and "The film is ready" in replies[-1]
    assert render_markers(folder) == [] and interrupted_render(result.values) is None


async def test_a_turn_that_broke_off_between_steps_leaves_its_render_interrupted(
    monkeypatch: pytest.MonkeyPatch, drafted: Studio
) -> None:
    """The server lives on, but no step of that render runs any more (the chat's file
    folder vanished while a scene preview was being shown, as when another studio started
    in the same folder shut down)."""
    monkeypatch.setattr(lease, "STEP_GAP_S", 0.5)
    _install(monkeypatch, GatedRenders())

    def preview_fails(event: dict[str, Any]) -> None:
        if event.get("kind") == "scene":
            raise OSError("the chat's file folder is gone")

    with pytest.raises(OSError, match="file folder is gone"):
        await run_turn(
            drafted.graph, drafted.thread, "render it", drafted.context, on_event=preview_fails
        )
    values = await drafted.values()
    folder = Path(values["production"]["project_dir"])
    assert len(render_markers(folder)) == 1
    await asyncio.sleep(0.7)  # past the gap between two steps: no step of it runs here
    found = interrupted_render(values)
    assert found is not None and found.notice().startswith("The last render of")


def _rush_hour() -> Screenplay:
    """Four silent three-second platform scenes (no voice to record: only pictures)."""
    scenes = [
        Scene(
            number=n,
            place=f"Platform {n}",
            action=[f"Train {n} arrives.", "Doors open.", "People hurry out."],
            characters=["Ana"],
            transition="DISSOLVE" if n % 2 else "CUT",
            duration_s=3.0,
        )
        for n in range(1, SCENES + 1)
    ]
    return Screenplay(
        title="Rush Hour",
        logline="A commuter misses four trains in a row.",
        genre=Genre.GRASSROOTS_SPOOF,
        characters=[CharacterProfile(name="Ana", wardrobe="yellow coat")],
        scenes=scenes,
    )


async def _seed(db: Path, thread: str, project_dir: Path) -> None:
    """A thread with a finished screenplay, as a drafted conversation leaves it."""
    project = Project(slug="rush-hour")
    project.commit(_rush_hour(), "First draft")
    async with open_graph(db) as graph:
        await graph.aupdate_state(
            thread_config(thread),
            {
                "messages": [HumanMessage("a commuter misses four trains")],
                "project": project.model_dump(mode="json"),
                "project_dir": str(project_dir),
                "language": "en",
                "stage": "ready",
            },
            as_node="export_current",
        )


def _manifests(segments: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in segments.glob("scene-*.json")}


def _scratch(segments: Path) -> list[Path]:
    return list((segments / ".work").glob("*"))


def test_a_render_killed_mid_way_resumes_from_the_chat_reusing_finished_scenes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, thread, project = tmp_path / "chat.sqlite", "rush", tmp_path / "project"
    asyncio.run(_seed(db, thread, project))
    args = ["chat", "--db", str(db), "--thread", thread, "--resolution", "360x640"]
    script = textwrap.dedent(f"""
        import agent.model.providers as providers
        from agent.cli import main

        def no_model(context=None):
            raise RuntimeError("a render turn needs no model")

        providers.load_chat_model = no_model
        raise SystemExit(main({args!r}))
    """)
    env = {**os.environ, "MICROFILM_HOME": str(tmp_path / "home")}
    chat = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert chat.stdin is not None
    chat.stdin.write("render it\n")
    chat.stdin.flush()
    segments = project / "segments"
    deadline = time.monotonic() + 300
    # Kill while a later scene is in flight: one scene filed and the next one's scratch made
    # (killing in the gap between two scenes would leave no scratch to sweep).
    while chat.poll() is None and time.monotonic() < deadline:
        if _manifests(segments) and _scratch(segments):
            break
        time.sleep(0.005)
    os.kill(chat.pid, signal.SIGKILL)
    chat.wait()
    assert chat.returncode == -signal.SIGKILL, chat.stderr.read() if chat.stderr else ""
    before = _manifests(segments)
    assert 1 <= len(before) < SCENES, "the kill came too late to test resuming"
    assert [m.pid for m in interrupted_renders(project)] == [chat.pid]
    scratch = _scratch(segments)
    assert scratch, "the killed render left its scratch folders (the scene in flight)"
    time.sleep(0.3)  # an orphaned encoder finishes its hidden temp file and exits

    Studio(monkeypatch, tmp_path)  # the scripted model, in case anything asks one
    typed = ["render it"]

    def type_line(prompt: str = "") -> str:
        if not typed:
            raise EOFError
        return typed.pop(0)

    monkeypatch.setattr("builtins.input", type_line)
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert f"({len(before)} of {SCENES} scenes were done)" in out, out
    assert 'Say "render it" to resume it.' in out
    assert "Resuming the interrupted render" in out and "The film is ready" in out, out

    after = _manifests(segments)
    assert {name: after[name] for name in before} == before, "finished scenes are reused"
    assert len(after) == SCENES and (project / "film.mp4").is_file()
    assert render_markers(project) == [] and not (project / ".renders").exists()
    assert not any(p.exists() for p in scratch), "the killed render's scratch is swept"
    hidden = [p.name for p in [*segments.iterdir(), *project.iterdir()] if p.name[0] == "."]
    assert set(hidden) <= {".work", ".cover-art"}, hidden
