"""Production routing: per-scene fan-out, film, cover, failures, and one-prompt films."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest
from fakes import Studio
from langgraph.types import Command

import tools.assembly.production as production
from film.form import estimate_runtime
from film.screenplay import Project
from tools.backends.base import RenderError

IDEA = "a film about a grandma teaching her grandson to make dumplings"


async def _drafted(studio: Studio) -> Studio:
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    return studio


def _artefacts(result, kind: str) -> list[dict]:
    return [e for e in result.events if e.get("type") == "artefact" and e.get("kind") == kind]


class FakeRenders:
    """Stands in for the renderer: instant segments, a failure plan, and a concurrency gauge."""

    def __init__(self, fail: dict[int, list[Exception]] | None = None) -> None:
        self.fail = fail or {}
        self.calls: list[int] = []
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()

    def render(self, screenplay, number, project_dir, settings, progress=None):
        with self.lock:
            self.calls.append(number)
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(0.05)
            if self.fail.get(number):
                raise self.fail[number].pop(0)
            path = Path(project_dir) / "segments" / f"scene-{number:02d}.mp4"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"segment")
            if progress:
                progress(f"scene {number} encoded", 1.0)
            return production.SegmentResult(
                scene_number=number, path=path, duration_s=5.0, cached=False, error=None
            )
        finally:
            with self.lock:
                self.active -= 1

    def assemble(self, screenplay, project_dir, settings, progress=None):
        film = Path(project_dir) / "film.mp4"
        film.write_bytes(b"film")
        srt = Path(project_dir) / "film.srt"
        srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nhi\n", encoding="utf-8")
        rendered = {int(p.stem.split("-")[1]) for p in (Path(project_dir) / "segments").glob("*")}
        missing = [s.number for s in screenplay.scenes if s.number not in rendered]
        return production.FilmResult(
            path=film, duration_s=estimate_runtime(screenplay), srt_path=srt, missing_scenes=missing
        )


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> FakeRenders:
    fake = FakeRenders()
    monkeypatch.setattr(production, "render_scene_segment", fake.render)
    monkeypatch.setattr(production, "assemble_film", fake.assemble)
    return fake


async def test_render_request_fans_out_one_task_per_scene(monkeypatch, tmp_path, renders):
    studio = await _drafted(Studio(monkeypatch, tmp_path, render_concurrency=2))
    result = await studio.say("render it")
    screenplay = Project.model_validate(result.values["project"]).screenplay
    numbers = [s.number for s in screenplay.scenes]
    assert sorted(renders.calls) == numbers
    assert 1 < renders.peak <= 2  # parallel, but bounded by Context.render_concurrency
    assert sorted(e["scene"] for e in _artefacts(result, "scene")) == numbers
    assert len(_artefacts(result, "film")) == 1 and len(_artefacts(result, "cover")) == 1
    assert _artefacts(result, "srt")
    stages = {e["stage"] for e in result.events if e["type"] == "progress"}
    assert {"render", "assemble", "cover"} <= stages and "scene 1" in stages
    assert "The film is ready" in result.messages[-1].content
    artefacts = Project.model_validate(result.values["project"]).artefacts
    assert artefacts.film == "film.mp4" and artefacts.cover == "cover.png"
    assert sorted(artefacts.scene_clips) == numbers
    folder = Path(result.values["project_dir"])
    assert all(
        Path(e["path"]).is_relative_to(folder) for e in result.events if e["type"] == "artefact"
    )


async def test_concurrency_of_one_renders_one_at_a_time(monkeypatch, tmp_path, renders):
    studio = await _drafted(Studio(monkeypatch, tmp_path, render_concurrency=1))
    await studio.say("make the film")
    assert renders.peak == 1 and len(renders.calls) >= 2


async def test_cover_request_only_draws_the_cover(monkeypatch, tmp_path, renders):
    studio = await _drafted(Studio(monkeypatch, tmp_path))
    result = await studio.say("make the cover")
    assert renders.calls == []
    assert [e["kind"] for e in result.events if e["type"] == "artefact"] == ["cover"]
    assert Path(_artefacts(result, "cover")[0]["path"]).is_file()
    assert result.messages[-1].content == "The cover is ready."


async def test_transient_render_error_is_retried(monkeypatch, tmp_path, renders):
    renders.fail = {1: [RenderError("GPU busy", final=False)]}
    studio = await _drafted(Studio(monkeypatch, tmp_path))
    result = await studio.say("render it")
    assert renders.calls.count(1) == 2
    assert 1 in {e["scene"] for e in _artefacts(result, "scene")}
    assert "failed" not in result.messages[-1].content


async def test_render_before_any_screenplay(monkeypatch, tmp_path, renders):
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say("render it")
    assert renders.calls == []
    assert result.messages[-1].content  # told what is needed, nothing rendered


async def test_one_prompt_runs_every_stage_to_the_film(monkeypatch, tmp_path, renders):
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say(
        "one-prompt: a 2-minute youth romance about two rival debate captains"
    )
    assert result.interrupt is None
    assert result.values["genre"] == "youth-romance" and result.values["target_seconds"] == 120
    assert studio.model.calls[0] == "LoglineDraft"  # named genre: no pitches needed
    assert "Youth Romance (青春爱情), as you asked" in result.messages[0].content
    assert _artefacts(result, "film") and _artefacts(result, "fountain")
    assert "The film is ready" in result.messages[-1].content


async def test_one_prompt_in_chinese_states_the_chosen_genre(monkeypatch, tmp_path, renders):
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say("一键成片：外婆教外孙包饺子，他明天就要出国了")
    assert result.interrupt is None and result.values["language"] == "zh"
    assert any("我为这个故事选了温情亲情" in m.content for m in result.messages)
    assert _artefacts(result, "film")
    assert "影片完成" in result.messages[-1].content


def _ffprobe_duration(path: Path) -> float:
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(done.stdout)["format"]["duration"])


async def test_real_local_render_at_tiny_size(monkeypatch, tmp_path):
    studio = Studio(monkeypatch, tmp_path, target_seconds=20, resolution="180x320")
    await _drafted(studio)
    result = await studio.say("render it")
    assert result.error is None, result.messages[-1].content
    film = Path(_artefacts(result, "film")[0]["path"])
    screenplay = Project.model_validate(result.values["project"]).screenplay
    expected = estimate_runtime(screenplay)
    assert abs(_ffprobe_duration(film) - expected) <= 0.1 * expected
    assert len(_artefacts(result, "scene")) == len(screenplay.scenes)
