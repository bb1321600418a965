"""Ray dispatch without a cluster: task sizes, the worker's task body, filing what comes back.

The cluster itself is exercised in ``test_ray_cluster.py`` (slow); here the worker's code
runs in this process, so what a task sends back and how the driver files it are checked
on every quick run, and the single-machine path is shown never to import Ray.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from tools.assembly.production import ProductionSettings, render_scene_segment
from tools.backends.ledger import LEDGER_NAME, PaidJob, SpendLedger
from tools.distributed.landing import (
    carried_files,
    finished_segment,
    land_segment,
    remote_settings,
)
from tools.distributed.settings import ClusterSettings, cluster_address
from tools.distributed.worker import PROGRESS_SLOTS, SCRATCH_PREFIX, scene_task, sweep_scratch

ROOT = Path(__file__).resolve().parents[2]
TINY = ProductionSettings(width=180, height=320, voice=False, music=False, burn_subtitles=False)


def test_without_the_variable_there_is_no_cluster():
    assert cluster_address({}) is None
    assert cluster_address({"MICROFILM_RAY_ADDRESS": "  "}) is None
    assert ClusterSettings.from_environment({}) is None
    assert cluster_address({"MICROFILM_RAY_ADDRESS": "ray://head:10001"}) == "ray://head:10001"


def test_each_backend_asks_the_cluster_for_what_its_work_needs():
    env = {"MICROFILM_RAY_ADDRESS": "auto", "MICROFILM_RAY_COMFYUI_RESOURCE": "comfyui"}
    cluster = ClusterSettings.from_environment(env)
    assert cluster is not None and cluster.address == "auto"
    local = cluster.task_options("local")
    assert local == {"num_cpus": 1, "max_retries": 3, "retry_exceptions": False}
    api = cluster.task_options("openai-videos")
    assert api["num_cpus"] == pytest.approx(0.1) and "resources" not in api
    comfy = cluster.task_options("comfyui")
    assert comfy["num_cpus"] == pytest.approx(0.1) and comfy["resources"] == {"comfyui": 1}
    unpinned = ClusterSettings.from_environment({"MICROFILM_RAY_ADDRESS": "auto"})
    assert unpinned is not None and "resources" not in unpinned.task_options("comfyui")
    tuned = ClusterSettings.from_environment(
        {**env, "MICROFILM_RAY_API_CPUS": "0.25", "MICROFILM_RAY_RETRIES": "5"}
    )
    assert tuned is not None and tuned.task_options("openai-images")["num_cpus"] == 0.25
    assert tuned.task_options("local")["max_retries"] == 5


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("MICROFILM_RAY_API_CPUS", "lots", "must be a number"),
        ("MICROFILM_RAY_API_CPUS", "0", "between"),
        ("MICROFILM_RAY_RETRIES", "99", "between 0 and 20"),
    ],
)
def test_a_bad_setting_is_named_in_words(name, value, words):
    with pytest.raises(ValueError, match=words) as caught:
        ClusterSettings.from_environment({"MICROFILM_RAY_ADDRESS": "auto", name: value})
    assert name in str(caught.value)


def test_a_task_streams_progress_then_sends_the_segment_files_back(english_screenplay, tmp_path):
    messages = list(
        scene_task(english_screenplay.model_dump(mode="json"), 2, TINY.model_dump(), {}, "node-a")
    )
    kinds = [m[0] for m in messages]
    assert kinds[0] == "started" and messages[0][1] == "node-a"
    assert kinds[-1] == "done" and kinds.count("done") == 1
    # Always the same number of messages: a retried task is read on from the same index.
    assert len(messages) == PROGRESS_SLOTS + 2 and kinds.count("progress") == PROGRESS_SLOTS
    spoken = [m for m in messages if m[0] == "progress" and m[1] is not None]
    assert spoken and "Scene 2" in spoken[0][1]  # the render's own words reach the driver
    payload = messages[-1][1]
    assert payload["error"] is None and payload["node_id"] == "node-a"
    names = sorted(payload["files"])
    assert any(n.endswith(".json") for n in names) and f"segments/{payload['body']}" in names
    assert all(n.startswith("segments/") and "/.work/" not in n for n in names)
    assert not list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{os.getpid()}-*"))

    project = tmp_path / "project"
    landed = land_segment(project, payload, {})
    assert landed.error is None and landed.path is not None and landed.path.is_file()
    assert landed.path.parent == project / "segments"
    # What landed is exactly what a render on this machine would find in its cache.
    again = render_scene_segment(english_screenplay, 2, project, TINY)
    assert again.cached and again.path == landed.path
    found = finished_segment(english_screenplay, 2, project, TINY)
    assert found is not None and found.cached and found.path == landed.path


def test_a_finished_segment_is_never_overwritten_by_a_late_copy(english_screenplay, tmp_path):
    project = tmp_path / "project"
    local = render_scene_segment(english_screenplay, 1, project, TINY)
    assert local.path is not None
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in project.rglob("*.mp4")}
    [*_, done] = scene_task(english_screenplay.model_dump(mode="json"), 1, TINY.model_dump(), {})
    landed = land_segment(project, done[1], {})
    assert landed.path == local.path
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in project.rglob("*.mp4")}
    assert after == before


def test_character_sheets_travel_with_the_task_and_keep_the_cache_key(english_screenplay, tmp_path):
    project = tmp_path / "project"
    sheet = project / "sheets" / "mia-0123abcd.png"
    sheet.parent.mkdir(parents=True)
    Image.new("RGB", (64, 96), (200, 40, 40)).save(sheet)
    settings = TINY.model_copy(update={"character_sheets": {"Mia": str(sheet)}})
    data, files = remote_settings(settings)
    assert data["character_sheets"] == {"Mia": "sheets/mia-0123abcd.png"}
    assert files == {"sheets/mia-0123abcd.png": sheet.read_bytes()}
    [*_, done] = scene_task(english_screenplay.model_dump(mode="json"), 1, data, files)
    assert not any(name.startswith("sheets/") for name in done[1]["files"])  # not sent back
    landed = land_segment(project, done[1], files)
    # The driver finds the worker's reel under its own key (the sheet's name is in it).
    found = finished_segment(english_screenplay, 1, project, settings)
    assert found is not None and found.path == landed.path
    assert finished_segment(english_screenplay, 1, project, TINY) is None


def test_a_failed_render_comes_back_as_a_result_that_names_the_scene(english_screenplay):
    [*_, done] = scene_task(english_screenplay.model_dump(mode="json"), 9, TINY.model_dump(), {})
    payload = done[1]
    assert payload["body"] is None and "no scene 9" in payload["error"]
    landed = land_segment(Path("/nonexistent-project-for-the-test"), {**payload, "files": {}}, {})
    assert landed.path is None and "no scene 9" in (landed.error or "")


def test_paid_jobs_a_worker_reserved_are_recorded_in_the_project_ledger(tmp_path):
    project, worker = tmp_path / "project", tmp_path / "worker"
    SpendLedger(project).reserve("shot-1.mp4", scene=1, what="clip", estimate=0.5, budget=None)
    (project / "segments" / "clips").mkdir(parents=True)
    (project / "segments" / "clips" / "comfyui-abc.mp4").write_bytes(b"paid clip")
    (project / "segments" / "clips" / "openai-videos-def.mp4").write_bytes(b"other backend")
    carried = carried_files(project, "comfyui")
    assert sorted(carried) == sorted([LEDGER_NAME, "segments/clips/comfyui-abc.mp4"])
    assert carried_files(tmp_path / "empty", "local") == {}

    worker.mkdir()
    (worker / LEDGER_NAME).write_bytes(carried[LEDGER_NAME])
    remote = SpendLedger(worker)
    remote.update("shot-1.mp4", status="completed", job_id="job-1")
    remote.reserve("shot-2.mp4", scene=2, what="clip", estimate=0.25, budget=None)
    payload = {"scene": 2, "files": {LEDGER_NAME: (worker / LEDGER_NAME).read_bytes()}}
    land_segment(project, payload, carried)

    jobs = {job.key: job for job in SpendLedger(project).jobs()}
    assert jobs["shot-1.mp4"].status == "completed" and jobs["shot-1.mp4"].job_id == "job-1"
    assert jobs["shot-2.mp4"].status == "reserved" and len(jobs) == 2
    assert SpendLedger(project).spent() == pytest.approx(0.75)
    raw = json.loads((project / LEDGER_NAME).read_text())
    assert [PaidJob(**j).key for j in raw["jobs"]] == ["shot-1.mp4", "shot-2.mp4"]


def test_scratch_left_by_a_killed_worker_is_swept_and_a_live_one_kept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{SCRATCH_PREFIX}{dead.pid}-abcd1234-x"
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-abcd1234-y"
    for folder in (gone, live):
        (folder / "segments").mkdir(parents=True)
    assert sweep_scratch(tmp_path) == 1
    assert not gone.exists() and live.is_dir()


def test_the_single_machine_studio_never_imports_ray(english_screenplay, tmp_path):
    """With MICROFILM_RAY_ADDRESS unset the graph, the CLI, a real scene render and character
    sheets painted through the studio's painter (against the fake images API) load no Ray."""
    script = f"""
import asyncio, os, sys
from pathlib import Path
sys.path.insert(0, "tests")
import agent.graph, agent.cli, agent.production.nodes, webapp.turns
from fake_media_server import API_KEY, FakeMediaServer
from agent.production.cluster import render_segment, sheet_painter
from tools.backends.keyframes.sheets import SheetStore
from tools.assembly.production import ProductionSettings
from film.screenplay import Screenplay
play = Screenplay.model_validate_json(Path(sys.argv[1]).read_text())
settings = ProductionSettings.model_validate_json({TINY.model_dump_json()!r})
result = asyncio.run(render_segment(play, 1, Path(sys.argv[2]), settings, lambda m, f=None: None))
assert result.path is not None and result.path.is_file(), result
with FakeMediaServer() as fake:
    os.environ.update(MICROFILM_IMAGE_BASE_URL=fake.base_url, MICROFILM_IMAGE_API_KEY=API_KEY)
    sheets = SheetStore(Path(sys.argv[2])).make(play, sheet_painter("openai-images"), None)
assert sheets and all(s.paid and s.path.is_file() for s in sheets), sheets
print(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray.")))
"""
    film = tmp_path / "film.json"
    film.write_text(english_screenplay.model_dump_json())
    env = {k: v for k, v in os.environ.items() if k != "MICROFILM_RAY_ADDRESS"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(film), str(tmp_path / "project")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,  # about 20 s on an idle machine; imports crawl on a starved one
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
