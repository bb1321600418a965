"""The comfyui backend end to end against the fake server: scenes, parts, keyframes, reuse."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from comfyui_kit import fast_settings
from fake_comfyui import FakeComfyUI, Scenario
from media_kit import probe as probe_full
from media_kit import stream
from openai_kit import MEI, probe, sample_request
from PIL import Image

from tools.assembly.production import ProductionSettings, render_scene_segment
from tools.backends.base import RenderError, available_backends, get_backend
from tools.backends.comfyui.backend import NEGATIVE_PROMPT, ComfyUIBackend
from tools.backends.comfyui.media import png_bytes
from tools.backends.comfyui.workflow import TEMPLATES, load_workflow, shipped
from tools.picture.storyboard import ScenePainter


@pytest.fixture
def fake():
    with FakeComfyUI() as server:
        yield server


def _loaded_image(body: dict) -> str:
    (name,) = [
        n["inputs"]["image"] for n in body["prompt"].values() if n["class_type"] == "LoadImage"
    ]
    return name


def test_a_scene_becomes_one_clip_of_its_exact_size_and_length(fake, tmp_path):
    events: list[tuple[str, float | None]] = []
    out = tmp_path / "scene-02.mp4"

    clip = ComfyUIBackend(fast_settings(fake.url)).render_scene(
        sample_request(), out, lambda m, f: events.append((m, f))
    )

    info = probe(out)
    assert info["codec"] == "h264" and info["size"] == (64, 112) and info["kinds"] == ["video"]
    assert info["duration"] == pytest.approx(3.0, abs=0.05)
    assert clip.backend == "comfyui" and clip.cost_usd == 0.0
    assert "2 ComfyUI job(s) with wan22_i2v at 64x112, 16 fps, animatic start frames" in clip.notes
    first, second = fake.prompts()
    for body, frames in ((first, 21), (second, 29)):  # 1.2 s, 1.8 s at 16 fps: nearest 4n+1
        graph = body["prompt"]
        assert graph["10"]["inputs"]["length"] == frames
        assert (graph["10"]["inputs"]["width"], graph["10"]["inputs"]["height"]) == (64, 112)
        assert graph["8"]["inputs"]["text"] == NEGATIVE_PROMPT
        with Image.open(io.BytesIO(fake.uploads[_loaded_image(body)])) as start:
            assert start.size == (64, 112)
    assert MEI.wardrobe in first["prompt"]["7"]["inputs"]["text"]
    assert "Vertical 9:16" in second["prompt"]["7"]["inputs"]["text"]
    assert (
        first["prompt"]["11"]["inputs"]["noise_seed"]
        != second["prompt"]["11"]["inputs"]["noise_seed"]
    )
    assert _loaded_image(first) != _loaded_image(second)  # each shot starts from its own panel
    fractions = [f for _, f in events if f is not None]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scene-02.mp4"]  # work folder gone


def test_the_start_frame_is_the_animatic_panel_without_its_letters(fake, tmp_path):
    request = sample_request(width=180, height=320)
    ComfyUIBackend(fast_settings(fake.url)).render_scene(request, tmp_path / "s.mp4")
    first = fake.prompts()[0]["prompt"]
    size = (first["10"]["inputs"]["width"], first["10"]["inputs"]["height"])
    painter = ScenePainter(request)

    def framed(lettered: bool) -> np.ndarray:
        panel = painter.panel(request.shots[0], dialogue_on_frame=False, lettered=lettered)
        (left, top), (width, height) = painter.origin, painter.frame
        cut = panel.crop((left, top, left + width, top + height))
        return np.asarray(Image.open(io.BytesIO(png_bytes(cut, size))))

    uploaded = np.asarray(Image.open(io.BytesIO(fake.uploads[_loaded_image(fake.prompts()[0])])))
    assert np.array_equal(uploaded, framed(lettered=False))
    assert not np.array_equal(framed(lettered=True), framed(lettered=False))


def test_a_long_shot_is_made_in_parts_that_continue_from_the_last_frame(fake, tmp_path):
    request = sample_request(shots=(("Mei walks the length of the rooftop.", 8.0, ("Mei",)),))

    ComfyUIBackend(fast_settings(fake.url)).render_scene(request, tmp_path / "s.mp4")

    first, second = fake.prompts()
    assert (
        first["prompt"]["10"]["inputs"]["length"]
        == second["prompt"]["10"]["inputs"]["length"]
        == 65
    )
    assert "the same moment continues" in second["prompt"]["7"]["inputs"]["text"]
    # Part 2 starts from what part 1 ended on, not from the panel again.
    with Image.open(io.BytesIO(fake.uploads[_loaded_image(second)])) as start:
        assert start.size == (64, 112)
    assert _loaded_image(first) != _loaded_image(second)
    assert probe(tmp_path / "s.mp4")["duration"] == pytest.approx(8.0, abs=0.05)


def test_ltx_jobs_use_its_grid(fake, tmp_path):
    settings = fast_settings(fake.url, video=shipped("ltxv_i2v"))
    ComfyUIBackend(settings).render_scene(sample_request(fps=12), tmp_path / "s.mp4")
    lengths = [body["prompt"]["6"]["inputs"]["length"] for body in fake.prompts()]
    assert lengths == [25, 41]  # 1.2 s and 1.8 s at 24 fps on the 8n+1 grid
    assert {body["prompt"]["7"]["inputs"]["frame_rate"] for body in fake.prompts()} == {24}
    assert probe(tmp_path / "s.mp4")["duration"] == pytest.approx(3.0, abs=0.1)


def test_keyframes_are_made_first_on_the_same_server_and_start_each_shot(fake, tmp_path):
    settings = fast_settings(fake.url, keyframes=shipped("flux_keyframe"))

    clip = ComfyUIBackend(settings).render_scene(sample_request(), tmp_path / "s.mp4")

    kinds = [
        "image" if any(n["class_type"] == "SaveImage" for n in body["prompt"].values()) else "video"
        for body in fake.prompts()
    ]
    assert kinds == ["image", "video", "image", "video"]
    keyframe = fake.prompts()[0]["prompt"]
    assert MEI.look in keyframe["2"]["inputs"]["text"]
    assert (keyframe["5"]["inputs"]["width"], keyframe["5"]["inputs"]["height"]) == (64, 112)
    assert "keyframes from flux_keyframe" in clip.notes
    assert probe(tmp_path / "s.mp4")["size"] == (64, 112)


def test_a_keyframe_workflow_with_a_reference_input_gets_the_characters_picture(fake, tmp_path):
    graph = json.loads((TEMPLATES / "flux_keyframe.json").read_text())
    graph["9"] = {"class_type": "LoadImage", "inputs": {"image": "sheet.png"}}
    (tmp_path / "sheets.json").write_text(json.dumps(graph))
    (tmp_path / "sheets.mapping.yaml").write_text(
        "family: image\noutput: '8'\ninputs: {prompt: 2.text, seed: 6.seed, width: 5.width,"
        " height: 5.height, reference: 9.image}\n"
    )
    portrait = tmp_path / "mei.png"
    Image.new("RGB", (40, 60), (255, 0, 0)).save(portrait)
    request = sample_request(shots=(("Mei waves.", 1.0, ("Mei",)),), references={"Mei": portrait})
    settings = fast_settings(fake.url, keyframes=load_workflow(tmp_path / "sheets.json"))

    ComfyUIBackend(settings).render_scene(request, tmp_path / "out" / "s.mp4")

    keyframe = fake.prompts()[0]["prompt"]
    with Image.open(io.BytesIO(fake.uploads[keyframe["9"]["inputs"]["image"]])) as sheet:
        assert sheet.size == (40, 60) and sheet.getpixel((20, 30)) == (255, 0, 0)


def test_a_failed_scene_keeps_its_finished_clips_for_the_retry(fake, tmp_path):
    backend = ComfyUIBackend(fast_settings(fake.url))
    out = tmp_path / "s.mp4"

    def fail_the_second_shot(message: str, fraction: float | None) -> None:
        if "shot 2" in message:
            fake.scenario = Scenario(fail_with="CUDA out of memory")

    with pytest.raises(RenderError, match="out of GPU memory") as caught:
        backend.render_scene(sample_request(), out, fail_the_second_shot)
    assert caught.value.final and not out.exists()

    fake.scenario = Scenario()
    clip = backend.render_scene(sample_request(), out)
    assert len(fake.prompts()) == 3  # shot 1 once, shot 2 twice: nothing made twice
    assert "1 clip(s) reused from an earlier run" in clip.notes


def test_the_registry_builds_it_from_the_environment(fake, monkeypatch):
    monkeypatch.setenv("MICROFILM_COMFYUI_URL", fake.url)
    monkeypatch.setenv("MICROFILM_COMFYUI_MODEL", "ltx")
    monkeypatch.setenv("MICROFILM_COMFYUI_SEED", "99")
    backend = get_backend("comfyui")
    assert isinstance(backend, ComfyUIBackend) and "comfyui" in available_backends()
    assert backend.settings.url == fake.url and "video=ltxv_i2v" in backend.cache_key()
    assert "seed=99" in backend.cache_key()


def test_a_scene_renders_through_the_production_api(
    fake, monkeypatch, english_screenplay, tmp_path
):
    monkeypatch.setenv("MICROFILM_COMFYUI_URL", fake.url)
    for name in ("MODEL", "WORKFLOW", "KEYFRAMES", "SEED", "TIMEOUT_S"):
        monkeypatch.delenv(f"MICROFILM_COMFYUI_{name}", raising=False)
    settings = ProductionSettings(
        backend="comfyui", width=180, height=320, voice=False, music=False, burn_subtitles=False
    )

    result = render_scene_segment(english_screenplay, 3, tmp_path, settings)

    assert result.error is None and result.path is not None, result.error
    info = probe_full(result.path)
    video = stream(info, "video")
    assert (video["codec_name"], video["width"], video["height"]) == ("h264", 180, 320)
    scene = english_screenplay.scenes[2]
    assert float(info["format"]["duration"]) == pytest.approx(scene.duration_s, abs=0.05)
    assert fake.prompts() and all(
        body["prompt"]["10"]["inputs"]["length"] % 4 == 1 for body in fake.prompts()
    )
    again = render_scene_segment(english_screenplay, 3, tmp_path, settings)
    assert again.cached and len(fake.history) == len(fake.prompts())
