"""ComfyUI keyframes as nested Ray tasks on a real two-node cluster on this machine.

The fake ComfyUI runs in this process; the nodes start after its address and the keyframe
workflow are in the environment, so every worker builds its own ComfyUI client from them.
Both nodes advertise the ComfyUI resource the scene task asks for: each keyframe must come
back from its own task, on the scene's node (a nested request for the resource the scene
holds would wait on its parent), and the scene must match the same scene made on one machine.
"""

from __future__ import annotations

import json
import os

import pytest
import ray
from fake_comfyui import FakeComfyUI

from tools.assembly.production import ProductionSettings, render_scene_segment
from tools.backends.comfyui.workflow import shipped
from tools.distributed.dispatch import connect, submit_scene
from tools.distributed.local_cluster import LocalCluster
from tools.distributed.settings import ClusterSettings

pytestmark = [pytest.mark.slow, pytest.mark.scale]
KEYFRAMES = shipped("flux_keyframe")


@pytest.fixture(scope="module")
def comfy():
    saved = dict(os.environ)
    with FakeComfyUI() as server:
        os.environ.update(MICROFILM_COMFYUI_URL=server.url, MICROFILM_COMFYUI_KEYFRAMES="flux")
        try:
            with LocalCluster(cpus_per_node=1, resources='{"comfyui": 1}') as local:
                local.add_node()
                connect(ClusterSettings(local.address))
                try:
                    yield server, ClusterSettings(local.address, comfyui_resource="comfyui")
                finally:
                    ray.shutdown()
        finally:
            os.environ.clear()
            os.environ.update(saved)


def _classes(graph: dict) -> list[str]:
    """The graph's node classes: what tells a keyframe job from a video job."""
    return sorted(node["class_type"] for node in graph.values())


def _keyframe_graphs(server: FakeComfyUI) -> list[str]:
    graphs = [body["prompt"] for body in server.prompts()]
    return sorted(
        json.dumps(g, sort_keys=True) for g in graphs if _classes(g) == _classes(KEYFRAMES.graph)
    )


def test_each_comfyui_keyframe_is_its_own_task_on_the_scenes_node(
    comfy, english_screenplay, tmp_path
):
    server, cluster = comfy
    settings = ProductionSettings(
        backend="comfyui", width=180, height=320, voice=False, music=False, burn_subtitles=False
    )
    alone = render_scene_segment(english_screenplay, 1, tmp_path / "alone", settings)
    graphs_alone = _keyframe_graphs(server)
    assert alone.error is None and graphs_alone, alone.error

    job = submit_scene(english_screenplay, 1, tmp_path / "cluster", settings, cluster)
    done = job.result()  # type: ignore[union-attr]

    assert done.result.error is None and done.result.path is not None, done.result.error
    assert done.result.path.name == alone.path.name  # the same cache key
    drawn = done.pictures
    assert len(drawn) == len(graphs_alone) and all(p["error"] is None for p in drawn)
    assert len({p["task_id"] for p in drawn}) == len(drawn)  # one task per keyframe
    assert {p["node_id"] for p in drawn} == {done.node_id}  # pinned to the scene's node
    assert _keyframe_graphs(server) == sorted(graphs_alone * 2)  # the very same jobs again
