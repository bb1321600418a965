"""A paid render killed with SIGKILL mid-way, then resumed: not one job is paid for twice.

``microfilm chat`` renders through the real ``openai-videos`` backend in a subprocess,
against the fake video server in this process, whose jobs are held in progress. Once every
scene's job exists (its id in the spend ledger) the process is killed with SIGKILL; the
resumed render polls those same jobs to the end and downloads them. The fake server counts
every job it is asked to create.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer, Scenario
from fakes import Studio
from langchain_core.messages import HumanMessage

from agent import cli
from agent.session import open_graph, thread_config
from film.screenplay import CharacterProfile, Genre, Project, Scene, Screenplay
from tools.assembly.lease import interrupted_renders, render_markers

ROOT = Path(__file__).resolve().parents[2]
SCENES = 2


def _night_shift() -> Screenplay:
    """Two silent three-second scenes (no voice to record): one video job each."""
    scenes = [
        Scene(
            number=n,
            place=f"Depot {n}",
            action=[f"Bus {n} pulls in.", "The driver waves."],
            characters=["Leo"],
            duration_s=3.0,
        )
        for n in range(1, SCENES + 1)
    ]
    return Screenplay(
        title="Night Shift",
        logline="A driver brings the last buses home.",
        genre=Genre.TOUCHING_FAMILY,
        characters=[CharacterProfile(name="Leo", wardrobe="navy driver jacket")],
        scenes=scenes,
    )


async def _seed(db: Path, thread: str, project_dir: Path) -> None:
    project = Project(slug="night-shift")
    project.commit(_night_shift(), "First draft")
    async with open_graph(db) as graph:
        await graph.aupdate_state(
            thread_config(thread),
            {
                "messages": [HumanMessage("a driver brings the last buses home")],
                "project": project.model_dump(mode="json"),
                "project_dir": str(project_dir),
                "language": "en",
                "stage": "ready",
            },
            as_node="export_current",
        )


def _created(ledger: Path) -> list[str]:
    try:
        jobs = json.loads(ledger.read_text(encoding="utf-8"))["jobs"]
    except (OSError, ValueError):
        return []
    return [job["job_id"] for job in jobs if job.get("job_id")]


def test_a_paid_render_killed_mid_way_resumes_without_a_new_paid_job(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db, thread, project = tmp_path / "chat.sqlite", "night", tmp_path / "project"
    asyncio.run(_seed(db, thread, project))
    server = FakeMediaServer(Scenario(mode="slow", polls_before_done=10**9))
    video = {
        "MICROFILM_VIDEO_BASE_URL": "",
        "MICROFILM_VIDEO_API_KEY": API_KEY,
        "MICROFILM_VIDEO_PRICE_PER_S": "0.1",
        "MICROFILM_VIDEO_THUMBNAIL": "off",
        "MICROFILM_POLL_INTERVAL_S": "0.02",
    }
    args = ["chat", "--db", str(db), "--thread", thread, "--resolution", "180x320"]
    args += ["--backend", "openai-videos"]
    script = textwrap.dedent(f"""
        import agent.model.providers as providers
        from agent.cli import main

        def no_model(context=None):
            raise RuntimeError("a render turn needs no model")

        providers.load_chat_model = no_model
        raise SystemExit(main({[*args, "--yes"]!r}))
    """)
    ledger = project / "spending.json"
    with server:
        video["MICROFILM_VIDEO_BASE_URL"] = server.root
        env = {**os.environ, **video, "MICROFILM_HOME": str(tmp_path / "home")}
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
        deadline = time.monotonic() + 240
        while len(_created(ledger)) < SCENES and chat.poll() is None:
            assert time.monotonic() < deadline, "the jobs were never created"
            time.sleep(0.01)
        os.kill(chat.pid, signal.SIGKILL)
        chat.wait()
        assert chat.returncode == -signal.SIGKILL, chat.stderr.read() if chat.stderr else ""
        paid = _created(ledger)
        assert sorted(paid) == sorted(server.jobs) and len(paid) == SCENES
        assert not (project / "film.mp4").exists()
        assert [m.pid for m in interrupted_renders(project)] == [chat.pid]

        server.scenario = Scenario(mode="success", polls_before_done=1)
        for name, value in video.items():
            monkeypatch.setenv(name, value)
        Studio(monkeypatch, tmp_path)  # the scripted model, in case anything asks one
        typed = ["render it"]

        def type_line(prompt: str = "") -> str:
            if not typed:
                raise EOFError
            return typed.pop(0)

        monkeypatch.setattr("builtins.input", type_line)
        assert cli.main(args) == 0  # no --yes: what is left to pay is nothing, so no question
        out = capsys.readouterr().out
        assert "is paid work" not in out, "the jobs already bought are not priced again"
        assert "Resuming the interrupted render" in out and "The film is ready" in out, out

    assert sorted(server.jobs) == sorted(paid), "not one new job was paid for"
    assert server.count("POST", "/v1/videos") == SCENES
    for job_id in paid:
        assert server.count("GET", f"/v1/videos/{job_id}/content") == 1
    jobs = json.loads(ledger.read_text(encoding="utf-8"))["jobs"]
    assert [(j["job_id"], j["status"]) for j in jobs] == [(i, "completed") for i in paid]
    assert (project / "film.mp4").is_file() and render_markers(project) == []
