"""Workflow templates, mapping files beside a person's own workflow, and the settings."""

from __future__ import annotations

import json
import shutil

import pytest

from tools.backends.comfyui.backend import ComfyUIBackend
from tools.backends.comfyui.settings import DEFAULT_URL, ComfySettings
from tools.backends.comfyui.workflow import (
    TEMPLATES,
    WorkflowError,
    load_workflow,
    mapping_beside,
    shipped,
)

# Built into current ComfyUI (nodes.py and comfy_extras): the templates need no custom node.
CORE_NODES = {
    "UNETLoader",
    "CLIPLoader",
    "VAELoader",
    "CheckpointLoaderSimple",
    "ModelSamplingSD3",
    "CLIPTextEncode",
    "LoadImage",
    "WanImageToVideo",
    "KSamplerAdvanced",
    "KSampler",
    "VAEDecode",
    "SaveWEBM",
    "SaveImage",
    "LTXVImgToVideo",
    "LTXVConditioning",
    "LTXVScheduler",
    "KSamplerSelect",
    "SamplerCustom",
    "FluxGuidance",
    "EmptySD3LatentImage",
}


@pytest.mark.parametrize(
    ("name", "family", "fps"),
    [("wan22_i2v", "wan", 16), ("ltxv_i2v", "ltx", 24), ("flux_keyframe", "image", 24)],
)
def test_every_template_loads_maps_its_inputs_and_uses_core_nodes_only(name, family, fps):
    workflow = shipped(name)
    assert workflow.rules.family == family and workflow.fps == fps
    assert {n["class_type"] for n in workflow.graph.values()} <= CORE_NODES
    assert workflow.output and workflow.class_of(workflow.output) in {"SaveWEBM", "SaveImage"}
    for field in ("prompt", "seed", "width", "height"):
        assert workflow.takes(field)
    if workflow.rules.makes_video:
        assert all(workflow.takes(f) for f in ("negative_prompt", "image", "frames", "fps"))
        assert workflow.class_of(workflow.targets["image"][0].node) == "LoadImage"


def test_filling_writes_every_mapped_input_and_leaves_the_template_alone():
    workflow = shipped("wan22_i2v")
    graph = workflow.fill(
        {"prompt": "雨中的屋顶", "seed": 42, "frames": 49, "width": 464, "height": 832, "fps": 16}
    )
    assert graph["7"]["inputs"]["text"] == "雨中的屋顶"
    assert graph["11"]["inputs"]["noise_seed"] == graph["12"]["inputs"]["noise_seed"] == 42
    assert (graph["10"]["inputs"]["length"], graph["14"]["inputs"]["fps"]) == (49, 16)
    assert graph["10"]["inputs"]["positive"] == ["7", 0]  # links untouched
    assert workflow.graph["7"]["inputs"]["text"] == "A cinematic shot."


def _own_workflow(tmp_path, mapping: str, suffix: str = ".mapping.yaml"):
    flow = tmp_path / "my_flow.json"
    shutil.copy(TEMPLATES / "ltxv_i2v.json", flow)
    (tmp_path / f"my_flow{suffix}").write_text(mapping, encoding="utf-8")
    return flow


LTX_MAPPING = """
family: ltx
fps: 25
inputs:
  prompt: "3.text"
  image: "5.image"
  seed: "10.noise_seed"
  width: "6.width"
  height: "6.height"
  frames: "6.length"
  fps: ["7.frame_rate", "12.fps"]
"""


def test_a_persons_workflow_is_found_with_its_mapping_beside_it(tmp_path):
    flow = _own_workflow(tmp_path, LTX_MAPPING)
    assert mapping_beside(flow) == tmp_path / "my_flow.mapping.yaml"
    workflow = load_workflow(flow)
    assert (workflow.name, workflow.fps, workflow.output) == ("my_flow", 25, None)
    assert not workflow.takes("negative_prompt")
    assert workflow.digest != shipped("ltxv_i2v").digest


def test_a_json_mapping_works_too(tmp_path):
    mapping = json.dumps(
        {
            "family": "image",
            "inputs": {"prompt": "3.text", "width": "6.width", "height": "6.height"},
        }
    )
    workflow = load_workflow(_own_workflow(tmp_path, mapping, ".mapping.json"))
    assert workflow.rules.family == "image"


@pytest.mark.parametrize(
    ("mapping", "complaint"),
    [
        ("family: ltx\ninputs: {prompt: '3.text', colour: '3.text'}", "unknown field 'colour'"),
        ("family: ltx\ninputs: {prompt: '3text'}", "write it as node.input"),
        ("family: ltx\ninputs: {prompt: '99.text'}", "node 99, which is missing"),
        ("family: ltx\ninputs: {prompt: '6.image'}", "wired to another node"),
        ("family: ltx\ninputs: {prompt: '3.text'}", "does not say which inputs take: image, width"),
        ("family: sora\ninputs: {}", "Unknown model family 'sora'"),
        ("family: ltx\nmax_frames: -3\ninputs: {}", "max_frames must be a positive whole number"),
        ("- just\n- a list", "must be a YAML or JSON object"),
    ],
)
def test_a_broken_mapping_says_what_to_fix(tmp_path, mapping, complaint):
    with pytest.raises(WorkflowError, match=complaint) as caught:
        load_workflow(_own_workflow(tmp_path, mapping))
    assert str(tmp_path) not in str(caught.value)  # file names only, never the folder


def test_a_workflow_without_mapping_or_in_the_editors_format_is_explained(tmp_path):
    flow = tmp_path / "lonely.json"
    shutil.copy(TEMPLATES / "wan22_i2v.json", flow)
    with pytest.raises(WorkflowError, match="add lonely.mapping.yaml"):
        load_workflow(flow)
    editor = tmp_path / "editor.json"
    editor.write_text(json.dumps({"nodes": [], "links": [], "version": 0.4}))
    (tmp_path / "editor.mapping.yaml").write_text("family: wan\ninputs: {}\n")
    with pytest.raises(WorkflowError, match=r"Export \(API\)"):
        load_workflow(editor)


def test_settings_default_to_the_local_server_and_wan_with_animatic_start_frames(monkeypatch):
    for name in ("URL", "MODEL", "WORKFLOW", "KEYFRAMES", "SEED", "TIMEOUT_S"):
        monkeypatch.delenv(f"MICROFILM_COMFYUI_{name}", raising=False)
    settings = ComfySettings.from_env()
    assert settings.url == DEFAULT_URL == "http://127.0.0.1:8188"
    assert settings.video.name == "wan22_i2v" and settings.keyframes is None
    assert settings.job_timeout_s == 3600


def test_settings_read_every_variable(monkeypatch, tmp_path):
    flow = _own_workflow(tmp_path, LTX_MAPPING)
    monkeypatch.setenv("MICROFILM_COMFYUI_URL", "http://gpu-box:8188/")
    monkeypatch.setenv("MICROFILM_COMFYUI_WORKFLOW", str(flow))
    monkeypatch.setenv("MICROFILM_COMFYUI_KEYFRAMES", "flux")
    monkeypatch.setenv("MICROFILM_COMFYUI_SEED", "7")
    monkeypatch.setenv("MICROFILM_COMFYUI_TIMEOUT_S", "90")
    settings = ComfySettings.from_env()
    assert settings.url == "http://gpu-box:8188" and settings.video.name == "my_flow"
    assert settings.keyframes is not None and settings.keyframes.name == "flux_keyframe"
    assert (settings.seed, settings.job_timeout_s) == (7, 90)
    monkeypatch.delenv("MICROFILM_COMFYUI_WORKFLOW")
    monkeypatch.setenv("MICROFILM_COMFYUI_MODEL", "LTX")
    assert ComfySettings.from_env().video.name == "ltxv_i2v"


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("MICROFILM_COMFYUI_URL", "localhost:8188", "must start with http://"),
        ("MICROFILM_COMFYUI_MODEL", "sora", "must be wan or ltx"),
        (
            "MICROFILM_COMFYUI_WORKFLOW",
            "/nowhere/flow.json",
            "names flow.json, which is not a file",
        ),
        ("MICROFILM_COMFYUI_KEYFRAMES", "/nowhere/still.json", "names still.json"),
        ("MICROFILM_COMFYUI_SEED", "lucky", "must be a whole number"),
        ("MICROFILM_COMFYUI_TIMEOUT_S", "soon", "must be a number"),
    ],
)
def test_a_bad_setting_names_its_variable(monkeypatch, variable, value, complaint):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=complaint) as caught:
        ComfySettings.from_env()
    assert variable in str(caught.value) and "/nowhere" not in str(caught.value)


def test_a_keyframe_setting_must_name_an_image_workflow(monkeypatch, tmp_path):
    monkeypatch.setenv("MICROFILM_COMFYUI_KEYFRAMES", str(_own_workflow(tmp_path, LTX_MAPPING)))
    with pytest.raises(ValueError, match="makes clips; name an image workflow"):
        ComfySettings.from_env()


def test_the_cache_key_holds_seed_workflow_hash_and_start_frames():
    base = ComfySettings(url=DEFAULT_URL, video=shipped("wan22_i2v"))
    key = ComfyUIBackend(base).cache_key()
    assert f"seed={base.seed}" in key and shipped("wan22_i2v").digest in key
    assert "keyframes=animatic" in key
    others = [
        ComfySettings(url=DEFAULT_URL, video=shipped("wan22_i2v"), seed=base.seed + 1),
        ComfySettings(url=DEFAULT_URL, video=shipped("ltxv_i2v")),
        ComfySettings(
            url=DEFAULT_URL, video=shipped("wan22_i2v"), keyframes=shipped("flux_keyframe")
        ),
    ]
    assert len({key, *(ComfyUIBackend(s).cache_key() for s in others)}) == 4
    # The server's address is not a look: moving ComfyUI to another box re-renders nothing.
    moved = ComfySettings(url="http://gpu-box:8188", video=shipped("wan22_i2v"))
    assert ComfyUIBackend(moved).cache_key() == key
