"""Keyframe-first on ComfyUI: sheets from the keyframe workflow, keyframes from the sheets.

Against the fake ComfyUI server: a sheet is a seeded text-to-image job of the keyframe
workflow (the shipped Flux Kontext template); a shot's keyframe job gets the sheets of everyone
in the shot through ``/upload/image`` and the mapping's ``reference`` input (two people: one
picture, both sheets).
"""

from __future__ import annotations

import io

import pytest
from comfyui_kit import fast_settings
from fake_comfyui import FakeComfyUI
from openai_kit import GRANDPA, MEI, sample_request
from PIL import Image

from tools.backends.comfyui.backend import ComfyUIBackend
from tools.backends.comfyui.workflow import shipped
from tools.backends.keyframes.painters import ComfySheetPainter
from tools.backends.keyframes.sheets import SheetStore, approved_references


@pytest.fixture
def fake():
    with FakeComfyUI() as server:
        yield server


def test_sheets_come_from_the_keyframe_workflow_and_every_shot_gets_its_sheets(fake, tmp_path):
    settings = fast_settings(fake.url, keyframes=shipped("flux_kontext_keyframe"))
    screenplay = sample_request().screenplay
    store = SheetStore(tmp_path / "project")
    made = store.make(screenplay, ComfySheetPainter(settings), None)
    store.approve([MEI.name, GRANDPA.name])
    sheet_jobs = [p["prompt"] for p in fake.prompts()]
    assert len(made) == 2 and len(sheet_jobs) == 2
    assert "front view on the left" in sheet_jobs[0]["7"]["inputs"]["text"]
    size = sheet_jobs[0]["11"]["inputs"]
    width, height = size["width"], size["height"]
    assert width > height, "a landscape sheet: two views side by side"
    assert sheet_jobs[0]["12"]["inputs"]["seed"] != sheet_jobs[1]["12"]["inputs"]["seed"]
    blank = sheet_jobs[0]["4"]["inputs"]["image"]  # an edit workflow starts from a blank page
    with Image.open(io.BytesIO(fake.uploads[blank])) as page:
        assert page.size == (width, height) and len(set(page.getdata())) == 1
    # Made once: the same characters again send nothing.
    store.make(screenplay, ComfySheetPainter(settings), None)
    assert len(fake.prompts()) == 2

    found = approved_references(tmp_path / "project", screenplay, screenplay.characters)
    references = {name: path for name, (path, _) in found.items()}
    shots = (("Mei waves.", 1.0, ("Mei",)), ("Mei hands 爷爷 the umbrella.", 1.0, ("Mei", "爷爷")))
    request = sample_request(shots=shots, references=references)

    ComfyUIBackend(settings).render_scene(request, tmp_path / "out" / "s.mp4")

    graphs = [p["prompt"] for p in fake.prompts()[2:]]
    texts = [str(g.get("7", {}).get("inputs", {}).get("text", "")) for g in graphs]
    keyframes = [g for g, text in zip(graphs, texts, strict=True) if "character sheets" in text]
    assert len(keyframes) == 2
    sizes = []
    for keyframe in keyframes:
        with Image.open(io.BytesIO(fake.uploads[keyframe["4"]["inputs"]["image"]])) as sent:
            sizes.append(sent.size)
    with Image.open(references["Mei"]) as sheet:
        one = sheet.size
    assert sizes[0] == one, "a shot of Mei alone gets Mei's sheet"
    assert sizes[1] == (2 * one[0], one[1]), "a shot of two gets both sheets side by side"
    assert "in order: Mei, 爷爷" in keyframes[1]["7"]["inputs"]["text"]
