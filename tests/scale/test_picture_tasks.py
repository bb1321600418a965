"""Sheets and keyframes as Ray tasks, without a cluster: the task bodies and the driver's side.

The task bodies (:mod:`tools.distributed.pictures`) run here against the fake images API,
from threads that stand in for Ray tasks (a barrier proves they were all in flight at once),
so every quick run checks that pictures drawn elsewhere get the single-machine run's names
and content keys, one ledger entry each, and that a rerun pays for nothing. The real
cluster is in ``test_ray_pictures.py`` (slow).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from fake_media_server import API_KEY, FakeMediaServer, tiny_png
from openai_kit import GRANDPA, MEI, config, sample_request, sheet_settings
from task_like import TaskLikeDrawer

from film.screenplay import Screenplay
from tools.backends.base import RenderError
from tools.backends.http import ApiClient
from tools.backends.keyframes.painters import painter_for
from tools.backends.keyframes.sheets import CharacterSheet, SheetPainter, SheetStore
from tools.backends.ledger import SceneSpending, SpendLedger
from tools.backends.openai.image_api import ImageSettings
from tools.backends.openai.shot_keyframes import Keyframe, ShotKeyframes, drawing_remotely
from tools.backends.openai.videos import OpenAIVideosBackend, VideoSettings
from tools.distributed.landing import remote_settings
from tools.distributed.pictures import (
    draw_keyframe,
    image_identity,
    paint_sheet,
    picture_bytes,
    where_here,
)
from tools.distributed.worker import scene_task

BACKEND = "openai-images"
PNG = b"\x89PNG"
SHOTS = (
    ("Mei runs up the stairs, out of breath.", 1.2, ("Mei",)),
    ("Mei hands 爷爷 the umbrella; he smiles.", 1.8, ("Mei", "爷爷")),
    ("Rain drums on the empty rooftop.", 1.0, ()),
)


@pytest.fixture
def server(monkeypatch):
    """The fake images API, configured through the environment as a worker reads it."""
    with FakeMediaServer() as fake:
        monkeypatch.setenv("MICROFILM_IMAGE_BASE_URL", fake.base_url)
        monkeypatch.setenv("MICROFILM_IMAGE_API_KEY", API_KEY)
        monkeypatch.setenv("MICROFILM_IMAGE_MODEL", "test-model")
        monkeypatch.setenv("MICROFILM_IMAGE_PRICE", "0.05")
        yield fake


def posts(server: FakeMediaServer, path: str) -> list:
    return [r for r in server.requests if r.method == "POST" and r.path == path]


class TaskLikePainter:
    """Paints as :class:`RemoteSheetPainter` does (the task body), from threads, no cluster."""

    parallel = True

    def __init__(self, parties: int) -> None:
        self.local = painter_for(BACKEND)
        assert self.local is not None
        self.price = self.local.price
        self.together = threading.Barrier(parties, timeout=60)
        self.threads: set[str] = set()

    def identity(self) -> str:
        return self.local.identity()

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        self.together.wait()  # every sheet is in flight at once, or this times out
        self.threads.add(threading.current_thread().name)
        picture = paint_sheet(BACKEND, prompt, seed, idempotency_key, where_here())
        return picture_bytes(picture, self.identity(), "character sheet")


def test_a_sheet_task_builds_its_painter_from_the_workers_settings_and_says_where(server):
    key = "microfilm-sheet-key-1"
    picture = paint_sheet(BACKEND, "Mei, front and profile", 7, key, where_here("n-1", "t-1"))

    local = painter_for(BACKEND)
    assert local is not None
    assert picture_bytes(picture, local.identity(), "character sheet").startswith(PNG)
    assert (picture["node_id"], picture["task_id"], picture["error"]) == ("n-1", "t-1", None)
    sent = posts(server, "/v1/images/generations")
    assert [r.headers.get("idempotency-key") for r in sent] == [key]  # a retry dedupes on it


def test_a_refused_sheet_is_the_same_render_error_as_on_one_machine(server):
    server.scenario.mode = "failed"
    local = painter_for(BACKEND)
    assert local is not None
    with pytest.raises(RenderError) as here:
        local.paint("Mei", 7, None)

    picture = paint_sheet(BACKEND, "Mei", 7, None, where_here())
    with pytest.raises(RenderError) as there:
        picture_bytes(picture, local.identity(), "character sheet")
    assert str(there.value) == str(here.value)
    assert there.value.final is here.value.final is True


def test_a_worker_with_other_image_settings_is_not_trusted_with_the_key(server, monkeypatch):
    local = painter_for(BACKEND)
    assert local is not None
    monkeypatch.setenv("MICROFILM_IMAGE_MODEL", "another-model")
    picture = paint_sheet(BACKEND, "Mei", 7, None, where_here())
    with pytest.raises(RenderError, match="other image settings"):
        picture_bytes(picture, local.identity(), "character sheet")
    assert paint_sheet("local", "Mei", 7, None, where_here())["final"] is True


def test_a_keyframe_task_edits_from_exactly_the_sheets_it_is_given(server):
    references = [("mei", tiny_png(8, 8, 1)), ("ye-ye", tiny_png(8, 8, 2))]
    picture = draw_keyframe("Mei and 爷爷", "1024x1536", references, "k-2", where_here())

    identity = image_identity(ImageSettings.from_env())
    assert picture_bytes(picture, identity, "keyframe").startswith(PNG)
    assert [e.images() for e in posts(server, "/v1/images/edits")] == [[d for _, d in references]]


def _sheets(folder: Path, screenplay: Screenplay, painter: SheetPainter) -> list[CharacterSheet]:
    return SheetStore(folder).make(screenplay, painter, SceneSpending(SpendLedger(folder), None))


def test_sheets_painted_at_once_are_the_single_machine_sheets_paid_once(server, tmp_path):
    screenplay = sample_request().screenplay
    local = painter_for(BACKEND)
    assert local is not None
    alone = _sheets(tmp_path / "alone", screenplay, local)
    painter = TaskLikePainter(parties=2)

    together = _sheets(tmp_path / "together", screenplay, painter)

    def shape(sheets: list[CharacterSheet]) -> list[tuple]:
        return [(s.name, s.key, s.path.name, s.paid) for s in sheets]

    assert shape(together) == shape(alone) and [s.name for s in alone] == [MEI.name, GRANDPA.name]
    assert len(painter.threads) == 2
    jobs = SpendLedger(tmp_path / "together").jobs()
    assert sorted(j.key for j in jobs) == sorted(s.path.name for s in alone)
    assert {j.status for j in jobs} == {"completed"}
    painted = len(posts(server, "/v1/images/generations"))

    again = _sheets(tmp_path / "together", screenplay, TaskLikePainter(parties=1))
    assert not any(s.paid for s in again)
    assert len(posts(server, "/v1/images/generations")) == painted
    assert len(SpendLedger(tmp_path / "together").jobs()) == 2


def _keyframes(folder: Path, sheets: dict[str, Path]) -> list[Keyframe]:
    settings = ImageSettings.from_env()
    spending = SceneSpending(SpendLedger(folder), scene=2)
    request = replace(sample_request(shots=SHOTS, references=sheets), spending=spending)
    labelled = [(shot, f"Scene 2, keyframe {shot.index + 1}") for shot in request.shots]
    with ApiClient(settings.config, service="image service") as api:
        frames = ShotKeyframes(
            api, settings, request, work=folder / "keyframes", size="1024x1536", identity="t"
        )
        frames.prefetch(labelled)
        return [frames.keyframe(shot, label) for shot, label in labelled]


def test_a_scenes_keyframes_are_drawn_at_once_but_named_and_paid_here(server, tmp_path):
    sheets = _two_sheets(tmp_path)
    alone = _keyframes(tmp_path / "alone", sheets)
    drawer = TaskLikeDrawer(parties=len(SHOTS))

    with drawing_remotely(drawer):
        together = _keyframes(tmp_path / "together", sheets)

    assert [(k.path.name, k.sheets, k.made) for k in together] == [
        (k.path.name, k.sheets, k.made) for k in alone
    ]
    assert all(k.made for k in together) and len(drawer.threads) == len(SHOTS)
    jobs = SpendLedger(tmp_path / "together").jobs()
    assert sorted(j.key for j in jobs) == sorted(k.path.name for k in alone)
    assert {j.status for j in jobs} == {"completed"}
    assert len(posts(server, "/v1/images/edits")) == 4  # 2 with people, each run

    with drawing_remotely(TaskLikeDrawer()):
        again = _keyframes(tmp_path / "together", sheets)
    assert not any(k.made for k in again)
    assert len(server.requests) == 6 and len(SpendLedger(tmp_path / "together").jobs()) == 3


def _two_sheets(folder: Path) -> dict[str, Path]:
    sheets = {}
    for name, shade in ((MEI.name, 1), (GRANDPA.name, 2)):
        sheets[name] = folder / f"sheet-{shade}.png"
        sheets[name].write_bytes(tiny_png(16, 12, shade))
    return sheets


def test_a_video_scene_draws_every_keyframe_before_its_first_video_job(server, tmp_path):
    request = sample_request(shots=SHOTS, references=_two_sheets(tmp_path))
    spending = SceneSpending(SpendLedger(tmp_path), scene=2)
    settings = VideoSettings(
        config=config(server.base_url),
        allowed_seconds=(1, 2),
        keep_thumbnail=False,
        keyframes=ImageSettings.from_env(),
    )
    drawer = TaskLikeDrawer(parties=len(SHOTS))

    with drawing_remotely(drawer):
        OpenAIVideosBackend(settings).render_scene(
            replace(request, spending=spending), tmp_path / "clips" / "scene.mp4"
        )

    paths = [r.path for r in server.requests if r.method == "POST"]
    pictures = [i for i, path in enumerate(paths) if path.startswith("/v1/images/")]
    assert len(pictures) == len(SHOTS) == len(drawer.records) == paths.count("/v1/videos")
    assert max(pictures) < paths.index("/v1/videos")  # all keyframes first, in parallel
    assert len(SpendLedger(tmp_path).jobs()) == 2 * len(SHOTS)  # a keyframe and a clip per shot


def test_a_scene_task_brings_back_its_keyframes_and_where_each_was_drawn(
    server, english_screenplay, tmp_path
):
    painter = painter_for(BACKEND)
    assert painter is not None
    store = SheetStore(tmp_path)
    drawn = store.make(english_screenplay, painter, None)
    settings = sheet_settings(BACKEND, {s.name: s.path for s in drawn})
    settings_json, carried = remote_settings(settings)
    drawer = TaskLikeDrawer()

    messages = list(
        scene_task(
            english_screenplay.model_dump(mode="json"), 1, settings_json, carried, "n", drawer
        )
    )

    payload = messages[-1][1]
    assert payload["error"] is None, payload["error"]
    keyframes = [name for name in payload["files"] if "/keyframes/" in name]
    assert keyframes and len(payload["pictures"]) == len(keyframes) == len(drawer.records)
    assert {p["node_id"] for p in payload["pictures"]} == {"n"}
