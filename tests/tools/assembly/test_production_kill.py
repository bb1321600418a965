"""A render killed with SIGKILL leaves no half segment, and the rerun redoes only the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from media_kit import probe

from film.form import with_estimates
from film.screenplay import CharacterProfile, Genre, Scene, Screenplay
from tools.assembly.production import ProductionSettings, SegmentResult, produce_film

SETTINGS = ProductionSettings(
    width=180, height=320, voice=False, music=False, burn_subtitles=False, concurrency=1
)
ROOT = Path(__file__).resolve().parents[3]


def _screenplay() -> Screenplay:
    scenes = [
        Scene(
            number=n,
            place=f"Platform {n}",
            action=[f"Train {n} arrives.", "Doors open.", "People hurry out.", "Doors close."],
            characters=["Ana"],
            transition="DISSOLVE" if n % 2 else "CUT",
        )
        for n in range(1, 7)
    ]
    return with_estimates(
        Screenplay(
            title="Rush Hour",
            logline="A commuter misses six trains in a row.",
            genre=Genre.GRASSROOTS_SPOOF,
            characters=[CharacterProfile(name="Ana", wardrobe="yellow coat")],
            scenes=scenes,
        )
    )


def _manifests(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("scene-*.json")} if folder.is_dir() else set()


def test_sigkill_mid_render_then_rerun_renders_only_the_missing_scenes(tmp_path):
    screenplay = _screenplay()
    story = tmp_path / "screenplay.json"
    story.write_text(screenplay.model_dump_json(), encoding="utf-8")
    project = tmp_path / "project"
    script = textwrap.dedent(f"""
        from pathlib import Path
        from film.screenplay import Screenplay
        from tools.assembly.production import ProductionSettings, SegmentResult, produce_film
        screenplay = Screenplay.model_validate_json(Path({str(story)!r}).read_text())
        settings = ProductionSettings.model_validate_json({SETTINGS.model_dump_json()!r})
        produce_film(screenplay, Path({str(project)!r}), settings)
    """)
    render = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    segments = project / "segments"
    deadline = time.monotonic() + 120
    while not _manifests(segments) and render.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(render.pid, signal.SIGKILL)
    render.wait()
    finished = _manifests(segments)
    assert render.returncode == -signal.SIGKILL, render.stderr.read() if render.stderr else ""
    assert 1 <= len(finished) < len(screenplay.scenes), "the kill came too late to test resume"

    time.sleep(0.3)  # the orphaned encoder finishes its hidden temp file and exits
    visible = [p for p in segments.glob("*.mp4") if not p.name.startswith(".")]
    assert visible
    for piece in visible:  # every visible file is whole; half-written ones are hidden temps
        assert float(probe(piece)["format"]["duration"]) > 0
    assert not (project / "film.mp4").exists()

    results: list[SegmentResult] = []
    film = produce_film(screenplay, project, SETTINGS, on_scene=results.append)
    done_before = {int(stem.split("-")[1]) for stem in finished}
    assert {r.scene_number for r in results if r.cached} == done_before
    assert {r.scene_number for r in results if not r.cached} == (
        {s.number for s in screenplay.scenes} - done_before
    )
    assert film.missing_scenes == [] and film.path.is_file()
