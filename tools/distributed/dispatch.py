"""Scene renders as Ray tasks: submit, stream progress, file the result, cancel on a stop.

Imported only when ``MICROFILM_RAY_ADDRESS`` is set (it imports Ray). Each scene is one
Ray generator task (:func:`tools.distributed.worker.scene_task`): it streams progress while
it renders and its last message carries the segment's files, which this driver writes
into the project's segment cache (:mod:`.landing`; no shared storage is needed).

- A scene already finished in the cache is never sent.
- A worker or node that dies is retried by Ray (``max_retries``) on another node; the
  scratch files of the dead attempt never reach the project.
- :meth:`SceneJob.cancel` cancels the task with ``force=True`` (cancelled tasks are not
  retried), which a stop in the chat or Ctrl+C in the CLI triggers.
- A failed render is a result (as on one machine), not an exception to retry.
- Through Ray Client (``ray://``), which cannot stream generators, the task returns its
  messages at the end instead: no step-by-step progress, the rest the same.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The studio is started through `uv run` (dev.py). Seeing that, Ray would start every worker
# with `uv run` in a copied working folder, which builds a different environment without
# Ray in it: the workers died with "No module named 'ray'" and the render hung. Workers run
# the studio installed on their node (docs/DEPLOY.md), so that propagation is switched off,
# for child processes here and, in connect(), for a Ray already imported.
os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")

import ray  # noqa: E402
from ray._private import ray_constants  # noqa: E402
from ray.exceptions import RayError, TaskCancelledError  # noqa: E402

from film.screenplay import Screenplay
from tools.assembly.production import SegmentResult
from tools.assembly.segments import Progress
from tools.assembly.settings import ProductionSettings
from tools.distributed.landing import (
    carried_files,
    finished_segment,
    land_segment,
    remote_settings,
)
from tools.distributed.picture_tasks import RemoteKeyframes
from tools.distributed.settings import ClusterSettings
from tools.distributed.worker import Message, scene_task

log = logging.getLogger(__name__)
NAMESPACE = "microfilm"
_connecting = threading.Lock()
_remote_scene: Any = None
_remote_whole: Any = None
CLIENT_SCHEME = "ray://"


class ClusterUnavailable(RuntimeError):
    """The Ray cluster cannot be reached (its address is wrong or it is down)."""


@dataclass(frozen=True)
class RemoteSegment:
    """A scene's result and the Ray node that rendered it ("" when the cache had it)."""

    result: SegmentResult
    node_id: str = ""
    worker_pid: int = 0
    """The worker process that sent the files (tests tell retries apart by it)."""
    pictures: tuple[dict[str, Any], ...] = ()
    """Where each keyframe the scene drew ran (node, task, pid): one nested task each."""


def _scene_generator(
    screenplay_json: dict[str, Any],
    number: int,
    settings_json: dict[str, Any],
    carried: Any,
    picture_options: dict[str, Any],
) -> Iterator[Message]:
    """The task body on a worker: the node's id goes with the result.

    Keyframes the scene draws become nested Ray tasks sized by ``picture_options``.
    """
    node_id = ray.get_runtime_context().get_node_id()
    drawer = RemoteKeyframes(picture_options)
    yield from scene_task(screenplay_json, number, settings_json, carried, node_id, drawer)


def _scene_whole(
    screenplay_json: dict[str, Any],
    number: int,
    settings_json: dict[str, Any],
    carried: Any,
    picture_options: dict[str, Any],
) -> list[Message]:
    """The same task as one return value, for Ray Client (``ray://``).

    Ray Client streams no generator, so the scene's start and result come back together
    at its end (the person sees the scene start and finish, not its steps).
    """
    messages = _scene_generator(screenplay_json, number, settings_json, carried, picture_options)
    return [m for m in messages if m[0] != "progress"]


def connect(cluster: ClusterSettings) -> None:
    """Join the cluster once per process (a later call with Ray running does nothing).

    Raises:
        ClusterUnavailable: when Ray cannot connect to ``cluster.address``.
    """
    global _remote_scene, _remote_whole
    with _connecting:
        if not ray.is_initialized():
            ray_constants.RAY_ENABLE_UV_RUN_RUNTIME_ENV = False  # see the top of this module
            try:
                ray.init(
                    address=cluster.address,
                    namespace=NAMESPACE,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                    configure_logging=False,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ClusterUnavailable(
                    f"the Ray cluster at {cluster.address} cannot be reached ({exc})"
                ) from None
        if _remote_scene is None:
            _remote_scene = ray.remote(_scene_generator)
            _remote_whole = ray.remote(_scene_whole)


class SceneJob:
    """One scene running on the cluster: wait for it (with progress) or cancel it."""

    def __init__(self, number: int, project_dir: Path, generator: Any, carried: dict[str, bytes]):
        self.number = number
        self.project_dir = project_dir
        self.generator = generator
        self.carried = carried
        self.cancelled = False

    def result(
        self,
        progress: Progress | None = None,
        on_start: Callable[[str, int], None] | None = None,
    ) -> RemoteSegment:
        """Block until the scene is done; its files are then in the project's cache.

        ``on_start(node_id, pid)`` hears where the task began (a retry after a lost worker
        replays what was already read, so only the first attempt's start is heard; the
        result names the node that finished it).

        Raises:
            TaskCancelledError: when :meth:`cancel` stopped it.
        """
        try:
            for message in self._messages():
                if message[0] == "started":
                    if on_start:
                        on_start(message[1], message[2])
                    continue
                if message[0] == "progress":
                    if progress and message[1] is not None:
                        progress(message[1], message[2])
                    continue
                payload = message[1]
                landed = land_segment(self.project_dir, payload, self.carried)
                pictures = tuple(payload.get("pictures") or ())
                node, pid = payload.get("node_id", ""), payload.get("pid", 0)
                return RemoteSegment(landed, node, pid, pictures)
        except RayError as exc:
            if self.cancelled or isinstance(exc, TaskCancelledError):
                raise TaskCancelledError() from None
            log.warning("scene %s: the cluster lost its render: %r", self.number, exc)
            reason = f"the render worker was lost ({type(exc).__name__})"
            failed = f"Scene {self.number} could not be rendered: {reason}"
            return RemoteSegment(SegmentResult(self.number, None, 0.0, False, failed, True, reason))
        reason = "the render task ended without a result"
        failed = f"Scene {self.number} could not be rendered: {reason}"
        return RemoteSegment(SegmentResult(self.number, None, 0.0, False, failed, True, reason))

    def _messages(self) -> Iterator[Message]:
        if isinstance(self.generator, ray.ObjectRef):  # Ray Client: one list at the end
            yield from ray.get(self.generator)
            return
        for ref in self.generator:
            yield ray.get(ref)

    def cancel(self) -> None:
        """Stop the task now (the worker process ends; Ray does not retry a cancelled task)."""
        self.cancelled = True
        try:
            ray.cancel(self.generator, force=True)
        except RayError as exc:  # already finished or gone: nothing left to stop
            log.info("scene %s: cancel found nothing to stop (%r)", self.number, exc)


def submit_scene(
    screenplay: Screenplay,
    number: int,
    project_dir: Path,
    settings: ProductionSettings,
    cluster: ClusterSettings,
    **placement: Any,
) -> SceneJob | RemoteSegment:
    """Send scene ``number`` to the cluster, or return it from the cache when it is finished.

    ``placement`` adds task options (the benchmark pins its warm-up to each node with a
    ``scheduling_strategy``).
    """
    project_dir = Path(project_dir)
    cached = finished_segment(screenplay, number, project_dir, settings)
    if cached is not None:
        return RemoteSegment(cached)
    connect(cluster)
    settings_json, sheets = remote_settings(settings)
    carried = carried_files(project_dir, settings.backend) | sheets
    options = cluster.task_options(settings.backend) | placement
    if cluster.address.startswith(CLIENT_SCHEME):
        remote = _remote_whole.options(**options)
    else:
        remote = _remote_scene.options(**options, num_returns="streaming")
    play = screenplay.model_dump(mode="json")
    pictures = cluster.task_options(settings.backend)
    generator = remote.remote(play, number, settings_json, carried, pictures)
    return SceneJob(number, project_dir, generator, carried)


def render_scene_remote(
    screenplay: Screenplay,
    number: int,
    project_dir: Path,
    settings: ProductionSettings,
    cluster: ClusterSettings,
    progress: Progress | None = None,
) -> RemoteSegment:
    """Render one scene on the cluster and wait for it (scripts, tests, the benchmark)."""
    job = submit_scene(screenplay, number, project_dir, settings, cluster)
    if isinstance(job, RemoteSegment):
        return job
    return job.result(progress)
