"""Character sheets and keyframes as Ray tasks on a real two-node cluster on this machine.

The fake images API runs in this process; the nodes are started after its address is in
the environment, so every worker builds its own image client from it (nothing secret is
sent with a task). Each sheet and each keyframe must come back from its own Ray task
(task and node ids recorded per picture), with the names, content keys and ledger entries
of the same film made on one machine, and nothing paid twice.
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
import ray
from fake_media_server import API_KEY, FakeMediaServer
from openai_kit import sheet_settings

from agent.production.cluster import sheet_painter
from film.screenplay import Screenplay
from tools.assembly.production import ProductionSettings, render_scene_segment
from tools.backends.base import RenderError
from tools.backends.keyframes.painters import painter_for
from tools.backends.keyframes.sheets import (
    SHEETS_FOLDER,
    CharacterSheet,
    SheetPainter,
    SheetStore,
)
from tools.backends.ledger import SceneSpending, SpendLedger
from tools.distributed.dispatch import connect, render_scene_remote, submit_scene
from tools.distributed.local_cluster import LocalCluster
from tools.distributed.picture_tasks import RemoteSheetPainter
from tools.distributed.settings import ClusterSettings

pytestmark = [pytest.mark.slow, pytest.mark.scale]
BACKEND = "openai-images"
SHEETS = "/v1/images/generations"


@pytest.fixture(scope="module")
def pictures():
    saved = dict(os.environ)
    with FakeMediaServer() as server:
        os.environ.update(
            MICROFILM_IMAGE_BASE_URL=server.base_url,
            MICROFILM_IMAGE_API_KEY=API_KEY,
            MICROFILM_IMAGE_MODEL="test-model",
            MICROFILM_IMAGE_PRICE="0.05",
        )
        try:
            with LocalCluster(cpus_per_node=1) as local:
                local.add_node()
                connect(ClusterSettings(local.address))
                try:
                    yield SimpleNamespace(server=server, address=local.address)
                finally:
                    ray.shutdown()
        finally:
            os.environ.clear()
            os.environ.update(saved)


def _painter() -> SheetPainter:
    painter = painter_for(BACKEND)
    assert painter is not None
    return painter


def _sheets(folder: Path, film: Screenplay, painter: SheetPainter) -> list[CharacterSheet]:
    return SheetStore(folder).make(film, painter, SceneSpending(SpendLedger(folder), None))


def _live_nodes() -> set[str]:
    return {node["NodeID"] for node in ray.nodes() if node["Alive"]}


def _ledger(folder: Path) -> list[str]:
    jobs = SpendLedger(folder).jobs()
    assert {job.status for job in jobs} == {"completed"}
    return sorted(job.key for job in jobs)


def test_each_sheet_is_its_own_task_and_the_sheets_match_one_machine(
    pictures, english_screenplay, tmp_path, monkeypatch
):
    film = english_screenplay
    alone = _sheets(tmp_path / "alone", film, _painter())
    monkeypatch.setenv("MICROFILM_RAY_ADDRESS", pictures.address)
    painter = sheet_painter(BACKEND)
    assert isinstance(painter, RemoteSheetPainter)

    together = _sheets(tmp_path / "cluster", film, painter)

    assert [(s.name, s.key, s.path.name) for s in together] == [
        (s.name, s.key, s.path.name) for s in alone
    ]
    assert len(together) == 2 and all(s.paid and s.path.is_file() for s in together)
    tasks = painter.records
    assert len(tasks) == 2 and len({t["task_id"] for t in tasks}) == 2  # one task per sheet
    assert {t["node_id"] for t in tasks} <= _live_nodes() and all(t["task_id"] for t in tasks)
    assert _ledger(tmp_path / "cluster") == _ledger(tmp_path / "alone")
    painted = pictures.server.count("POST", SHEETS)

    again = sheet_painter(BACKEND)
    assert isinstance(again, RemoteSheetPainter)
    assert not any(s.paid for s in _sheets(tmp_path / "cluster", film, again))
    assert again.records == [] and pictures.server.count("POST", SHEETS) == painted
    assert len(_ledger(tmp_path / "cluster")) == 2


def _with_sheets(folder: Path, film: Screenplay, like: Path | None = None) -> ProductionSettings:
    """Approved sheets: painted here, or copied from project ``like`` (keyframe keys hash
    the sheets' bytes, and the fake service shades every picture differently)."""
    if like is not None:
        shutil.copytree(like / SHEETS_FOLDER, folder / SHEETS_FOLDER)
    sheets = _sheets(folder, film, _painter())
    SheetStore(folder).approve([s.name for s in sheets])
    return sheet_settings(BACKEND, {s.name: s.path for s in sheets})


def _keyframes(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "segments").rglob("shot-*.png"))


def test_each_keyframe_is_a_nested_task_and_the_scenes_match_one_machine(
    pictures, english_screenplay, tmp_path
):
    film, alone, project = english_screenplay, tmp_path / "alone", tmp_path / "cluster"
    here = [render_scene_segment(film, n, alone, _with_sheets(alone, film)) for n in (1, 2)]
    settings, cluster = _with_sheets(project, film, alone), ClusterSettings(pictures.address)

    jobs = [submit_scene(film, n, project, settings, cluster) for n in (1, 2)]
    done = [job.result() for job in jobs]  # type: ignore[union-attr]

    assert [d.result.error for d in done] == [None, None]
    assert [d.result.path.name for d in done] == [r.path.name for r in here]  # same cache keys
    drawn = [picture for d in done for picture in d.pictures]
    assert _keyframes(project) == _keyframes(alone) and len(drawn) == len(_keyframes(alone))
    assert len({p["task_id"] for p in drawn}) == len(drawn)  # one task per keyframe
    assert {p["node_id"] for p in drawn} <= _live_nodes() and all(p["task_id"] for p in drawn)
    keyframes_paid = [key for key in _ledger(alone) if key.startswith("shot-")]
    assert _ledger(project) == keyframes_paid == _keyframes(alone)  # one entry each
    asked = len(pictures.server.requests)

    again = render_scene_remote(film, 1, project, settings, cluster)
    assert again.result.cached and again.node_id == "" and again.pictures == ()
    assert len(pictures.server.requests) == asked and _ledger(project) == keyframes_paid


def test_a_stop_cancels_the_sheet_tasks_in_flight(pictures, english_screenplay, tmp_path):
    scenario = pictures.server.scenario
    scenario.mode, scenario.stall_s = "timeout", 120.0
    painter = RemoteSheetPainter(_painter(), BACKEND, ClusterSettings(pictures.address))
    before = pictures.server.count("POST", SHEETS)
    try:
        with ThreadPoolExecutor(1) as pool:
            making = pool.submit(_sheets, tmp_path, english_screenplay, painter)
            deadline = time.monotonic() + 120
            while pictures.server.count("POST", SHEETS) < before + 2:  # both tasks asking
                assert time.monotonic() < deadline and not making.done()
                time.sleep(0.2)
            stopped = time.monotonic()
            painter.cancel()
            with pytest.raises(RenderError, match="stopped"):
                making.result(timeout=60)
        assert time.monotonic() - stopped < 30  # not the service's two-minute stall
    finally:
        scenario.mode = "success"
    assert not list((tmp_path / SHEETS_FOLDER).glob("*.png"))
    reserved = SpendLedger(tmp_path).jobs()  # kept open: the service may have been charged
    assert len(reserved) == 2 and {job.status for job in reserved} == {"reserved"}

    sent = len(pictures.server.requests)
    resumed = RemoteSheetPainter(_painter(), BACKEND, ClusterSettings(pictures.address))
    assert all(s.paid for s in _sheets(tmp_path, english_screenplay, resumed))
    keys = {r.headers.get("idempotency-key") for r in pictures.server.requests[sent:]}
    assert keys == {job.request_key for job in reserved}  # the same keys: the service dedupes
    assert len(_ledger(tmp_path)) == 2
