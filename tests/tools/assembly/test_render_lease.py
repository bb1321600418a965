"""Render markers: left while a render runs, cleared when it ends, read as interrupted after.

Live and dead owners are real processes: a child that began a render and sleeps (live),
one killed with SIGKILL (dead).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import tools.assembly.lease as lease
import tools.assembly.production as production
from tools.assembly.lease import (
    MARKERS_DIR,
    abandon_render,
    begin_render,
    end_render,
    interrupted_renders,
    render_markers,
    working,
)
from tools.assembly.production import ProductionError, ProductionSettings, produce_film

ROOT = Path(__file__).resolve().parents[3]
KEY = "0123456789abcdef"


def _render_in_child(project: Path) -> subprocess.Popen[str]:
    """Another process begins a render of ``project``, writes a temp piece, then works on."""
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from tools.assembly.lease import begin_render
        project = Path({str(project)!r})
        marker = begin_render(project, {{"title": "Rush Hour"}})
        (project / "segments").mkdir(exist_ok=True)
        (project / "segments" / ".scene-01-{KEY}.abcd1234.mp4").write_bytes(b"half")
        print(marker.render_id, flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip(), "the child began its render"
    return child


@pytest.fixture
def other_render(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    child = _render_in_child(tmp_path / "project")
    yield child
    child.kill()
    child.wait()


def test_a_render_leaves_its_marker_while_it_runs_and_clears_it_at_the_end(
    tmp_path: Path,
) -> None:
    marker = begin_render(tmp_path, {"version": 2, "language": "zh"})
    [found] = render_markers(tmp_path)
    assert found.render_id == marker.render_id and found.pid == os.getpid()
    assert found.live and found.details == {"version": 2, "language": "zh"}
    assert interrupted_renders(tmp_path) == []
    end_render(tmp_path, marker.render_id)
    assert render_markers(tmp_path) == [] and not (tmp_path / MARKERS_DIR).exists()


def test_a_killed_render_is_interrupted_and_the_next_one_takes_over(
    tmp_path: Path, other_render: subprocess.Popen[str]
) -> None:
    project = tmp_path / "project"
    [theirs] = render_markers(project)
    assert theirs.live and theirs.pid == other_render.pid
    assert interrupted_renders(project) == [], "a live render is not interrupted"
    temp = project / "segments" / f".scene-01-{KEY}.abcd1234.mp4"

    mine = begin_render(project)
    assert mine.resumes == 0 and temp.exists(), "a live render's marker and files stay"
    assert {m.render_id for m in render_markers(project)} == {theirs.render_id, mine.render_id}
    end_render(project, mine.render_id)

    os.kill(other_render.pid, signal.SIGKILL)
    other_render.wait()
    [interrupted] = interrupted_renders(project)
    assert interrupted.render_id == theirs.render_id and interrupted.details["title"]

    again = begin_render(project)
    assert again.resumes == 1 and not temp.exists(), "the dead render's debris is swept"
    assert [m.render_id for m in render_markers(project)] == [again.render_id]


def test_a_reused_pid_does_not_make_a_dead_render_live(tmp_path: Path) -> None:
    marker = begin_render(tmp_path)
    data = json.loads(marker.path.read_text(encoding="utf-8"))
    data["process_started"] = (data["process_started"] or time.time()) - 3600
    marker.path.write_text(json.dumps(data), encoding="utf-8")
    assert [m.render_id for m in interrupted_renders(tmp_path)] == [marker.render_id]


def test_a_render_of_this_process_is_live_while_its_steps_run_and_not_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server outlives its turns: a turn that broke off between steps left its render."""
    monkeypatch.setattr(lease, "STEP_GAP_S", 0.3)
    marker = begin_render(tmp_path)
    with working(marker.render_id):
        time.sleep(0.5)  # a step longer than the gap
        assert interrupted_renders(tmp_path) == []
    assert interrupted_renders(tmp_path) == [], "between two steps it is still live"
    time.sleep(0.5)
    assert [m.render_id for m in interrupted_renders(tmp_path)] == [marker.render_id]


def test_a_stopped_render_in_a_living_process_reads_as_interrupted(tmp_path: Path) -> None:
    marker = begin_render(tmp_path)
    abandon_render(tmp_path, marker.render_id)
    [found] = interrupted_renders(tmp_path)
    assert found.abandoned and found.pid == os.getpid()
    abandon_render(tmp_path, "../../etc/passwd")  # ids from saved state are never paths
    end_render(tmp_path, "../" + marker.render_id)
    assert render_markers(tmp_path) == []


def test_produce_film_clears_its_marker_on_failure_and_keeps_it_when_interrupted(
    english_screenplay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = ProductionSettings(width=180, height=320, voice=False, music=False)

    def broken(screenplay, number, project_dir, settings=None, progress=None):
        assert [m.live for m in render_markers(project_dir)] == [True]
        return production.SegmentResult(number, None, 0.0, False, "encoder refused")

    monkeypatch.setattr(production, "render_scene_segment", broken)
    with pytest.raises(ProductionError, match="encoder refused"):
        produce_film(english_screenplay, tmp_path, settings)
    assert render_markers(tmp_path) == [], "a failure the caller is told about ends the render"

    def interrupted(screenplay, number, project_dir, settings=None, progress=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(production, "render_scene_segment", interrupted)
    with pytest.raises(KeyboardInterrupt):
        produce_film(english_screenplay, tmp_path, settings)
    [left] = interrupted_renders(tmp_path)
    assert left.details["scenes"] == [1, 2, 3]
