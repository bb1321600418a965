"""A scene that fails to render is a failure everywhere: no silent loss, a retry, a chosen cut.

The failure is injected through the render backend (:mod:`fake_backend`), so the real
pipeline runs: segment cache, assembly, subtitles and the graph's production nodes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_backend import CROP_ERROR, FailingBackend, install
from fakes import Studio
from langgraph.types import Command
from test_graph_production import FakeRenders

import tools.assembly.production as production
from agent.production.choices import (
    ProductionChoice,
    choice_in_text,
    choice_message,
    typed_choice,
)
from agent.production.report import public_reason
from film.screenplay import Project
from tools.backends.base import RenderError
from tools.subtitles.cues import parse_srt

IDEA = "a film about a grandma teaching her grandson to make dumplings"


def _kinds(result, kind: str) -> list[dict]:
    return [e for e in result.events if e.get("type") == kind]


def _artefacts(result, kind: str) -> list[dict]:
    return [e for e in _kinds(result, "artefact") if e.get("kind") == kind]


async def _drafted(studio: Studio) -> Studio:
    await studio.say(IDEA)
    await studio.say(Command(resume="touching-family"))
    return studio


async def test_a_failed_scene_fails_the_turn_and_a_retry_redraws_only_it(monkeypatch, tmp_path):
    backend = install(monkeypatch, FailingBackend({2: 1}))
    studio = Studio(monkeypatch, tmp_path, target_seconds=20, render_backend="failing")
    await _drafted(studio)

    failed = await studio.say("render it")

    assert failed.error is not None
    assert "scene 2 could not be rendered" in failed.error and CROP_ERROR in failed.error
    assert "ready" not in failed.error and str(tmp_path) not in failed.error
    assert not _artefacts(failed, "film"), "no film is stitched while a scene is missing"
    assert Project.model_validate(failed.values["project"]).artefacts.film is None
    failures = {e["stage"]: e["message"] for e in _kinds(failed, "failure")}
    assert failures["scene 2"] == f"failed: {CROP_ERROR}"
    assert failures["render"] == "not finished, scene 2 failed"
    assert failed.values["production"]["failed_scenes"] == [2]
    assert 2 not in {e["scene"] for e in _artefacts(failed, "scene")}
    screenplay = Project.model_validate(failed.values["project"]).screenplay
    numbers = [s.number for s in screenplay.scenes]
    assert sorted(set(backend.calls)) == numbers

    backend.calls.clear()
    retry = choice_message("Re-render the failed scenes", ProductionChoice(retry_failed=True))
    retried = await studio.say({"messages": [retry]})

    assert retried.error is None, retried.messages[-1].content
    assert backend.calls == [2], "the segment cache keeps the scenes that rendered"
    assert [e["scene"] for e in _artefacts(retried, "scene")] == [2]
    assert retried.messages[0].content == (
        "Rendering scene 2 again; the finished scenes are reused."
    )
    assert retried.messages[-1].content.startswith("The film is ready")
    assert f"all {len(numbers)} scenes" in retried.messages[-1].content
    assert not _kinds(retried, "failure")
    srt = Path(_artefacts(retried, "srt")[0]["path"])
    spoken = sum(len(s.dialogue) for s in screenplay.scenes)
    assert len(parse_srt(srt.read_text(encoding="utf-8"))) >= spoken > 0
    assert retried.values["production"]["failed_scenes"] == []


async def test_a_cut_without_the_failed_scene_is_only_made_when_chosen(
    monkeypatch, tmp_path
) -> None:
    renders = FakeRenders({2: [RenderError("the provider refused this scene", final=True)]})
    monkeypatch.setattr(production, "render_scene_segment", renders.render)
    monkeypatch.setattr(production, "assemble_film", renders.assemble)
    studio = await _drafted(Studio(monkeypatch, tmp_path))
    failed = await studio.say("render it")
    assert renders.calls.count(2) == 1  # a final error is not retried
    assert failed.error and "scene 2" in failed.error and "refused" in failed.error
    assert not _artefacts(failed, "film") and not _artefacts(failed, "cover")

    renders.calls.clear()
    cut = await studio.say("render the film without scene 2")

    assert cut.error is None
    assert 2 not in renders.calls, "a scene the person left out is not rendered again"
    assert _artefacts(cut, "film") and _artefacts(cut, "cover")
    assert cut.messages[0].content == "Stitching the film without scene 2, as you chose."
    assert "ready without scene 2, as you chose" in cut.messages[-1].content
    assert cut.values["production"]["left_out"] == [2]


async def test_chinese_failure_names_the_scene_in_chinese(monkeypatch, tmp_path) -> None:
    renders = FakeRenders({2: [ValueError("/srv/data/projects/x/segments/scene-02.mp4 broke")]})
    monkeypatch.setattr(production, "render_scene_segment", renders.render)
    monkeypatch.setattr(production, "assemble_film", renders.assemble)
    studio = Studio(monkeypatch, tmp_path)
    result = await studio.say("一键成片：外婆教外孙包饺子，他明天就要出国了")
    assert result.error is not None and result.values["language"] == "zh"
    assert result.error.startswith("影片未完成：第2场渲染失败")
    assert "/srv" not in result.error and "scene-02.mp4" in result.error
    assert not any("影片完成" in m.content for m in result.messages)
    failures = {e["stage"]: e["message"] for e in _kinds(result, "failure")}
    assert failures["render"] == "未完成，第2场失败"
    assert failures["scene 2"].startswith("渲染失败：")


async def test_every_scene_failing_offers_no_cut(monkeypatch, tmp_path) -> None:
    renders = FakeRenders()
    renders.fail = {n: [RenderError("down", final=True)] for n in range(1, 20)}
    monkeypatch.setattr(production, "render_scene_segment", renders.render)
    monkeypatch.setattr(production, "assemble_film", renders.assemble)
    studio = await _drafted(Studio(monkeypatch, tmp_path))
    result = await studio.say("render it")
    assert result.error and result.error.startswith("The film is not finished: no scene")
    assert result.values["production"]["failed_scenes"] == sorted(set(renders.calls))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("render it without scene 3", {"leave_out": [3]}),
        ("Render the film without scenes 2 and 4", {"leave_out": [2, 4]}),
        ("skip scene 5 and render", {"leave_out": [5]}),
        ("渲染成片，不含第3场", {"leave_out": [3]}),
        ("跳过第二、四场，渲染", {"leave_out": [2, 4]}),
        ("Re-render the failed scenes", {"retry_failed": True}),
        ("重新渲染失败的场景", {"retry_failed": True}),
        ("render it", {}),
        ("render the scene 3 dialogue again", {}),
    ],
)
def test_choices_written_in_a_message(text: str, expected: dict) -> None:
    assert choice_in_text(text) == expected


def test_typed_choices_are_read_defensively() -> None:
    message = choice_message(
        "x",
        {"leave_out": [3, "4", True, -1, 3], "retry_failed": "yes"},  # type: ignore[typeddict-item]
    )
    assert typed_choice(message) == {"leave_out": [3]}
    assert typed_choice(None) is None


def test_reasons_never_show_server_paths(tmp_path: Path) -> None:
    folder = tmp_path / "projects" / "alice-1" / "t1"
    text = f"[Errno 2] No such file: '{folder}/segments/x.mp4' or '/opt/studio/fonts/a.otf'"
    cleaned = public_reason(text, folder)
    assert str(tmp_path) not in cleaned and "/opt" not in cleaned
    assert "segments/x.mp4" in cleaned and "a.otf" in cleaned
    assert public_reason("x" * 500).endswith("…") and len(public_reason("x" * 500)) == 160
