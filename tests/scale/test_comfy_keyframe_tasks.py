"""ComfyUI keyframes as Ray tasks, without a cluster: threads stand in for the tasks.

The task body (:func:`tools.distributed.pictures.draw_comfy_keyframe`) runs against the fake
ComfyUI server, built from the environment as a worker builds it, from threads handed to the
scene's remote drawer (a barrier proves every keyframe was in flight at once). The keyframes
must get the single-machine run's names and the very same workflow graphs, be counted, come
before the scene's first video job, and never be drawn twice. The real cluster is in
``test_ray_comfy_keyframes.py`` (slow).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_comfyui import FakeComfyUI, tiny_png
from openai_kit import GRANDPA, MEI, sample_request
from task_like import TaskLikeDrawer

from tools.backends.comfyui.backend import ComfyUIBackend
from tools.backends.comfyui.client import ComfyClient
from tools.backends.comfyui.frames import StartFrame, StartFrames
from tools.backends.comfyui.job import Patience
from tools.backends.comfyui.settings import ComfySettings
from tools.backends.comfyui.workflow import shipped
from tools.backends.openai.shot_keyframes import drawing_remotely
from tools.distributed.pictures import draw_picture, where_here

FAST = Patience(timeout_s=30.0, poll_s=0.1, reconnect_s=0.05)
KEYFRAMES = shipped("flux_kontext_keyframe")
SHOTS = (
    ("Mei waves from the stairs.", 1.0, ("Mei",)),
    ("Mei hands 爷爷 the umbrella; he smiles.", 1.0, ("Mei", "爷爷")),
    ("爷爷 opens the umbrella over the garden.", 1.0, ("爷爷",)),
)


@pytest.fixture
def fake(monkeypatch):
    """The fake ComfyUI, named in the environment as a worker node reads it."""
    with FakeComfyUI() as server:
        monkeypatch.setenv("MICROFILM_COMFYUI_URL", server.url)
        yield server


def _sheets(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sheets = {}
    for name, shade in ((MEI.name, 1), (GRANDPA.name, 2)):
        sheets[name] = folder / f"sheet-{shade}.png"
        sheets[name].write_bytes(tiny_png(16, 12, shade))
    return sheets


def _settings(url: str) -> ComfySettings:
    return ComfySettings(
        url=url, video=shipped("wan22_i2v"), keyframes=KEYFRAMES, poll_s=0.1, reconnect_s=0.05
    )


def _keyframes(fake: FakeComfyUI, work: Path, sheets: dict[str, Path]) -> tuple[list[str], int]:
    """Every shot's start frame made as the backend makes it: prefetch, then upload each."""
    request = sample_request(shots=SHOTS, references=sheets)
    with ComfyClient(fake.url) as client:
        starts = StartFrames(client, request, KEYFRAMES, seed=7, work=work, patience=FAST)
        starts.prefetch(list(request.shots))
        for shot in request.shots:
            starts.upload(StartFrame(shot), (64, 112), lambda message, fraction: None)
    return sorted(p.name for p in work.glob("keyframe-*.png")), starts.keyframes_made


def _classes(graph: dict) -> list[str]:
    """The graph's node classes: what tells a keyframe job from a video job."""
    return sorted(node["class_type"] for node in graph.values())


def _keyframe_graphs(fake: FakeComfyUI) -> list[str]:
    graphs = [body["prompt"] for body in fake.prompts()]
    return [
        json.dumps(g, sort_keys=True) for g in graphs if _classes(g) == _classes(KEYFRAMES.graph)
    ]


def test_a_scenes_comfyui_keyframes_are_drawn_at_once_as_on_one_machine(fake, tmp_path):
    sheets = _sheets(tmp_path / "sheets")
    alone, made_alone = _keyframes(fake, tmp_path / "alone", sheets)
    graphs_alone = _keyframe_graphs(fake)
    drawer = TaskLikeDrawer(parties=len(SHOTS))

    with drawing_remotely(drawer):
        together, made = _keyframes(fake, tmp_path / "together", sheets)

    assert together == alone and made == made_alone == len(SHOTS)  # same names: same keys
    assert len(drawer.threads) == len(drawer.records) == len(SHOTS)
    assert all(r["error"] is None and r["node_id"] == "n" for r in drawer.records)
    graphs = _keyframe_graphs(fake)
    assert sorted(graphs[len(SHOTS) :]) == sorted(graphs_alone)  # the very same jobs
    sent = len(fake.prompts())

    with drawing_remotely(TaskLikeDrawer()):
        again, made_again = _keyframes(fake, tmp_path / "together", sheets)
    assert again == alone and made_again == 0 and len(fake.prompts()) == sent


def test_a_scene_on_a_cluster_draws_every_keyframe_before_its_first_video_job(fake, tmp_path):
    request = sample_request(shots=SHOTS, references=_sheets(tmp_path / "sheets"))
    drawer = TaskLikeDrawer(parties=len(SHOTS))

    with drawing_remotely(drawer):
        clip = ComfyUIBackend(_settings(fake.url)).render_scene(request, tmp_path / "s.mp4")

    assert clip.path.is_file() and len(drawer.records) == len(SHOTS)
    graphs = [body["prompt"] for body in fake.prompts()]
    kinds = ["keyframe" if _classes(g) == _classes(KEYFRAMES.graph) else "video" for g in graphs]
    assert kinds == ["keyframe"] * len(SHOTS) + ["video"] * len(SHOTS)


def test_a_worker_whose_comfyui_setting_is_wrong_fails_the_keyframe_clearly(fake, monkeypatch):
    monkeypatch.setenv("MICROFILM_COMFYUI_URL", "comfy-gpu-1:8188")
    payload = {"workflow": KEYFRAMES, "values": {}, "reference": None, "label": "Scene 1"}
    picture = draw_picture("comfyui", payload, where_here())

    assert picture["png"] is None and picture["final"] is True
    assert "MICROFILM_COMFYUI_URL must start with http://" in picture["error"]
    assert draw_picture("nothing", {}, where_here())["final"] is True
    assert fake.prompts() == []
