"""Keyframe-first with the OpenAI-style APIs: sheets once, keyframes from them, video from those.

Against the fake media server on 127.0.0.1: every shot's keyframe request must carry exactly
the sheets of the characters in that shot (``image[]`` parts, compared byte for byte), every
video job must start from its shot's keyframe, and nothing paid is paid again.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from fake_media_server import FakeMediaServer, RecordedRequest
from openai_kit import GRANDPA, MEI, config, sample_request
from PIL import Image

from tools.backends.keyframes.painters import OpenAISheetPainter
from tools.backends.keyframes.sheets import SheetStore, approved_references
from tools.backends.ledger import SceneSpending, SpendLedger
from tools.backends.openai.image_api import ImageSettings
from tools.backends.openai.images import OpenAIImagesBackend
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings

SHOTS = (
    ("Mei runs up the stairs, out of breath.", 1.2, ("Mei",)),
    ("Mei hands 爷爷 the umbrella; he smiles.", 1.8, ("Mei", "爷爷")),
    ("Rain drums on the empty rooftop.", 1.0, ()),
)


@pytest.fixture
def server():
    with FakeMediaServer() as fake:
        yield fake


def images(server: FakeMediaServer) -> ImageSettings:
    return ImageSettings(config=config(server.base_url), price_per_image=0.05)


def approved_sheets(server: FakeMediaServer, folder: Path) -> dict[str, Path]:
    """Both characters' sheets, made through the fake and approved."""
    screenplay = sample_request().screenplay
    store = SheetStore(folder)
    store.make(screenplay, OpenAISheetPainter(images(server)), None)
    store.approve([MEI.name, GRANDPA.name])
    found = approved_references(folder, screenplay, screenplay.characters)
    return {name: path for name, (path, _) in found.items()}


def posts(server: FakeMediaServer, path: str) -> list[RecordedRequest]:
    return [r for r in server.requests if r.method == "POST" and r.path == path]


def test_every_shot_of_a_character_gets_that_characters_sheet_and_video_starts_there(
    server, tmp_path
):
    sheets = approved_sheets(server, tmp_path)
    drawn_before = len(posts(server, "/v1/images/generations"))
    spending = SceneSpending(SpendLedger(tmp_path), scene=2, segment="seg")
    request = replace(sample_request(shots=SHOTS, references=sheets), spending=spending)
    settings = VideoSettings(
        config=config(server.base_url),
        allowed_seconds=(1, 2),
        price_per_s=0.1,
        keep_thumbnail=False,
        keyframes=images(server),
    )
    backend = OpenAIVideosBackend(settings)

    clip = backend.render_scene(request, tmp_path / "clips" / "scene.mp4")

    edits = posts(server, "/v1/images/edits")
    expected = [[MEI.name], [MEI.name, GRANDPA.name]]  # the shots with people, in order
    assert [e.images() for e in edits] == [[sheets[n].read_bytes() for n in e] for e in expected]
    assert all(name == "image[]" for e in edits for name, _, _ in e.parts)
    assert "character sheets of, in order: Mei, 爷爷" in edits[1].form["prompt"]
    assert MEI.wardrobe in edits[0].form["prompt"]
    # The shot with nobody in it is drawn from words alone.
    assert len(posts(server, "/v1/images/generations")) == drawn_before + 1
    jobs = posts(server, "/v1/videos")
    assert len(jobs) == 3, "keyframe-first: one job per shot"
    starts = [job.files["input_reference"] for job in jobs]
    for start in starts:
        with Image.open(io.BytesIO(start)) as picture:
            assert picture.size == (720, 1280)  # the keyframe, fitted to the clip's size
    assert len(set(starts)) == 3
    kinds = [(j.what.split(":")[0], j.status) for j in SpendLedger(tmp_path).jobs()]
    assert len(kinds) == 6 and {status for _, status in kinds} == {"completed"}
    assert [w.unit for w in backend.priced_work(request)].count("image") == 3
    assert clip.duration_s == pytest.approx(4.0)

    # The same scene again (its clip lost) pays for nothing: the keyframes were kept beside
    # the clips, so the jobs have the same keys and the ledger resumes them by id.
    (tmp_path / "clips" / "scene.mp4").unlink()
    backend.render_scene(request, tmp_path / "clips" / "scene.mp4")
    assert len(posts(server, "/v1/images/edits")) == len(edits)
    assert len(posts(server, "/v1/videos")) == 3
    assert len(SpendLedger(tmp_path).jobs()) == 6


def test_the_images_backend_draws_each_keyframe_from_its_shots_sheets(server, tmp_path):
    sheets = approved_sheets(server, tmp_path)
    request = sample_request(shots=SHOTS, references=sheets)

    clip = OpenAIImagesBackend(images(server)).render_scene(request, tmp_path / "s.mp4")

    edits = posts(server, "/v1/images/edits")
    assert [len(e.images()) for e in edits] == [1, 2]
    assert edits[1].images()[1] == sheets[GRANDPA.name].read_bytes()
    assert "2 drawn from character sheets" in clip.notes


def test_sheets_are_painted_once_and_recorded_in_the_ledger(server, tmp_path):
    screenplay = sample_request().screenplay
    store = SheetStore(tmp_path)
    painter = OpenAISheetPainter(images(server))
    spending = SceneSpending(SpendLedger(tmp_path), scene=None)

    first = store.make(screenplay, painter, spending)
    again = store.make(screenplay, painter, spending)

    assert [s.name for s in first] == [MEI.name, GRANDPA.name] and all(s.paid for s in first)
    assert [s.path for s in again] == [s.path for s in first] and not any(s.paid for s in again)
    sent = posts(server, "/v1/images/generations")
    assert len(sent) == 2, "an unchanged character is never paid twice"
    assert sent[0].json["size"] == "1536x1024"
    assert "front view on the left" in sent[0].json["prompt"]
    assert MEI.wardrobe in sent[0].json["prompt"] and MEI.props[0] in sent[0].json["prompt"]
    assert "正面" in sent[1].json["prompt"] or GRANDPA.wardrobe in sent[1].json["prompt"]
    ledger = SpendLedger(tmp_path).jobs()
    assert [(j.scene, j.status, j.estimate) for j in ledger] == [(None, "completed", 0.05)] * 2
    assert ledger[0].what.startswith("Character sheet of Mei")
    with Image.open(first[0].path) as picture:
        assert picture.width > picture.height  # landscape: front and profile side by side


def test_regenerating_and_editing_make_new_unapproved_sheets_for_that_character_only(
    server, tmp_path
):
    screenplay = sample_request().screenplay
    store = SheetStore(tmp_path)
    painter = OpenAISheetPainter(images(server))
    first = {s.name: s for s in store.make(screenplay, painter, None)}
    store.approve([MEI.name, GRANDPA.name])
    assert set(approved_references(tmp_path, screenplay, screenplay.characters)) == {
        MEI.name,
        GRANDPA.name,
    }

    assert store.regenerate(GRANDPA.name) == 2
    (redrawn,) = store.make(screenplay, painter, None, names=[GRANDPA.name])
    assert redrawn.paid and redrawn.take == 2 and not redrawn.approved
    assert redrawn.path != first[GRANDPA.name].path and first[GRANDPA.name].path.is_file()
    approved = approved_references(tmp_path, screenplay, screenplay.characters)
    assert set(approved) == {MEI.name}, "a new take waits for its own approval"

    mei = screenplay.characters[0].model_copy(update={"wardrobe": "green parka"})
    edited = screenplay.model_copy(update={"characters": [mei, screenplay.characters[1]]})
    assert approved_references(tmp_path, edited, edited.characters) == {}
    made = {s.name: s.paid for s in store.make(edited, painter, None)}
    assert made == {MEI.name: True, GRANDPA.name: False}
