"""Scene renders on a real two-node Ray cluster on this machine (head + one more node).

Both nodes get one CPU, so scenes sent at once spread over both and each task says which
node ran it. The cluster is started for this module and stopped afterwards (only its own
processes); the test that kills the second node's raylet runs last.
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import ray
from media_kit import frame_at, probe

from agent.production.cluster import render_segment
from film.screenplay import Screenplay
from tools.assembly.production import ProductionSettings, assemble_film
from tools.distributed.dispatch import (
    RemoteSegment,
    SceneJob,
    connect,
    render_scene_remote,
    submit_scene,
)
from tools.distributed.landing import finished_segment
from tools.distributed.local_cluster import LocalCluster
from tools.distributed.settings import ClusterSettings

pytestmark = [pytest.mark.slow, pytest.mark.scale]
TINY = ProductionSettings(width=180, height=320, voice=False, music=False, burn_subtitles=False)
LARGER = ProductionSettings(width=360, height=640, voice=False, music=False, burn_subtitles=False)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(cpus_per_node=1) as local:
        local.add_node()
        connect(ClusterSettings(local.address))
        try:
            yield local
        finally:
            ray.shutdown()


def _nodes() -> tuple[str, str]:
    """(head node id, other node id) of the live nodes."""
    alive = [n for n in ray.nodes() if n["Alive"]]
    head = [n["NodeID"] for n in alive if "node:__internal_head__" in n["Resources"]]
    other = [n["NodeID"] for n in alive if "node:__internal_head__" not in n["Resources"]]
    assert len(head) == 1 and len(other) == 1, alive
    return head[0], other[0]


def _four_scenes(film: Screenplay) -> Screenplay:
    film = film.model_copy(deep=True)
    extra = film.scenes[2].model_copy(deep=True)
    extra.number, extra.place, extra.action = 4, "Harbour", ["Gulls circle the waking harbour."]
    film.scenes.append(extra)
    return film


def _wait_until_idle(cpus: int = 2, timeout_s: float = 120.0) -> None:
    """Wait until every node's CPU is free again.

    A task force-cancelled by the test before (the production path's stop) leaves its node's
    CPU held until Ray has reaped the worker; a CI run under load (2026-12-03) then saw all
    three scenes of the kill test run one after another on the head, none on the node it
    kills. Starting from an idle cluster puts one on each node.
    """
    deadline = time.monotonic() + timeout_s
    while ray.available_resources().get("CPU", 0) < cpus:
        assert time.monotonic() < deadline, (ray.available_resources(), ray.nodes())
        time.sleep(0.5)


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("*.*")}


def test_scenes_spread_over_both_nodes_and_the_film_assembles(
    cluster, english_screenplay, tmp_path
):
    film, project = _four_scenes(english_screenplay), tmp_path / "project"
    settings = ClusterSettings(cluster.address)
    jobs = [submit_scene(film, s.number, project, TINY, settings) for s in film.scenes]
    assert all(isinstance(job, SceneJob) for job in jobs)
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda job: job.result(), jobs))
    assert [d.result.error for d in done] == [None] * 4
    assert {d.node_id for d in done} == set(_nodes())  # both nodes rendered scenes
    result = assemble_film(film, project, TINY)
    assert result.missing_scenes == []
    seconds = float(probe(result.path)["format"]["duration"])
    assert seconds == pytest.approx(result.duration_s, abs=0.1)
    frame = frame_at(result.path, result.duration_s / 2)
    assert frame.shape[:2] == (320, 180) and frame.std() > 5  # a drawn picture, not a blank

    before = _files(project / "segments")
    again = render_scene_remote(film, 2, project, TINY, settings)
    assert again.node_id == "" and again.result.cached  # the cache answered: no task sent
    assert _files(project / "segments") == before


def test_the_production_path_renders_on_the_cluster_and_a_stop_cancels_the_task(
    cluster, english_screenplay, tmp_path, monkeypatch
):
    monkeypatch.setenv("MICROFILM_RAY_ADDRESS", cluster.address)
    project = tmp_path / "project"
    heard: list[tuple[str, float | None]] = []

    async def stopped_at_first_progress() -> None:
        loop, started = asyncio.get_running_loop(), asyncio.Event()

        def progress(message: str, fraction: float | None = None) -> None:
            heard.append((message, fraction))
            loop.call_soon_threadsafe(started.set)

        render = asyncio.create_task(
            render_segment(english_screenplay, 2, project, LARGER, progress)
        )
        await asyncio.wait_for(started.wait(), 120)
        render.cancel()
        with pytest.raises(asyncio.CancelledError):
            await render

    asyncio.run(stopped_at_first_progress())
    assert heard and "Scene 2" in heard[0][0]  # the worker's progress reached this process
    assert finished_segment(english_screenplay, 2, project, LARGER) is None

    heard.clear()

    def listen(message: str, fraction: float | None = None) -> None:
        heard.append((message, fraction))

    result = asyncio.run(render_segment(english_screenplay, 2, project, LARGER, listen))
    assert result.error is None and result.path is not None and not result.cached
    assert result.path.parent == project / "segments"
    assert any(fraction == 1.0 for _, fraction in heard)


def test_a_killed_node_loses_no_film_and_finished_scenes_stay_untouched(
    cluster, english_screenplay, tmp_path
):
    film, project = _four_scenes(english_screenplay), tmp_path / "project"
    settings = ClusterSettings(cluster.address, max_retries=5)
    head, other = _nodes()
    first = render_scene_remote(film, 1, project, LARGER, settings)
    assert first.result.error is None
    finished = _files(project / "segments")
    _wait_until_idle()

    on_other = threading.Event()
    starts: dict[int, list[str]] = {}

    def run(job: SceneJob | RemoteSegment) -> RemoteSegment:
        if isinstance(job, RemoteSegment):
            return job

        def started(node_id: str, _pid: int) -> None:
            starts.setdefault(job.number, []).append(node_id)
            if node_id == other:
                on_other.set()

        return job.result(on_start=started)

    jobs = [submit_scene(film, n, project, LARGER, settings) for n in (2, 3, 4)]
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        # Generous: a CI run with other work on the machine saw no scene start on the second node
        # within 120 s; alone on the machine it starts there in seconds.
        assert on_other.wait(300), starts
        cluster.kill_node(cluster.nodes[1])
        done = [f.result(timeout=300) for f in futures]

    assert [d.result.error for d in done] == [None, None, None]
    # A scene cut short on the killed node finished on the survivor. (One that had already
    # finished there before the kill is rightly kept: a CI run under load saw that.)
    finished_on = {n: d.node_id for n, d in zip((2, 3, 4), done, strict=True)}
    moved = [n for n, nodes in starts.items() if nodes[0] == other and finished_on[n] == head]
    assert moved, (starts, finished_on)
    current = _files(project / "segments")
    assert {name: current[name] for name in finished} == finished  # same inode, same mtime
    assert len(current) > len(finished)
    assert assemble_film(film, project, LARGER).missing_scenes == []
