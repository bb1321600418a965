"""Character sheets and shot keyframes as Ray tasks, one task per picture.

Imported only with a cluster (it imports Ray). Two users:

- the studio process paints a film's missing sheets through :class:`RemoteSheetPainter`
  (given to :meth:`tools.backends.keyframes.sheets.SheetStore.make`, which then paints
  every character at once, and keeps the ledger, the files and ``sheets.json`` here);
- a scene task on a worker draws its shots' keyframes through :class:`RemoteKeyframes`
  (set by :mod:`.worker` around the render, see
  :func:`tools.backends.openai.shot_keyframes.drawing_remotely`): nested tasks, drawn in
  parallel before the scene's video jobs, each reserved in the scene's ledger first.

Each task is sized like a scene of its backend (:meth:`.settings.ClusterSettings.task_options`:
a small CPU share, the ComfyUI resource) and retried by Ray when its worker dies; the retry
sends the same idempotency key, so the service does not charge twice. A stop cancels them.

One exception: a ComfyUI keyframe inside a scene task that holds the ComfyUI resource. A task
blocked in ``ray.get`` lends out its CPUs but keeps its custom resources, so a nested task
asking for the same resource would wait for its own parent on a node advertising one (a
deadlock). Such keyframes are pinned to the scene's node instead (node affinity), whose
ComfyUI the scene holds the resource for; without the resource they go anywhere, as scenes do.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import ray
from ray.exceptions import RayError, TaskCancelledError
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from tools.backends.base import RenderError
from tools.backends.keyframes.sheets import SheetPainter
from tools.distributed.pictures import (
    Picture,
    draw_picture,
    paint_sheet,
    picture_bytes,
    where_here,
)
from tools.distributed.settings import ClusterSettings

log = logging.getLogger(__name__)
_remotes: dict[str, Any] = {}
_making = threading.Lock()


def _here() -> Picture:
    context = ray.get_runtime_context()
    return where_here(context.get_node_id(), context.get_task_id() or "")


def _sheet_task(backend: str, prompt: str, seed: int, key: str | None) -> Picture:
    return paint_sheet(backend, prompt, seed, key, _here())


def _keyframe_task(kind: str, payload: dict[str, Any]) -> Picture:
    return draw_picture(kind, payload, _here())


def _remote(name: str) -> Any:
    """The Ray remote function ``name`` (made once per process, after Ray is up)."""
    with _making:
        if not _remotes:
            _remotes["sheet"] = ray.remote(_sheet_task)
            _remotes["keyframe"] = ray.remote(_keyframe_task)
        return _remotes[name]


class _PictureTasks:
    """Pictures in flight: send one, wait for it, cancel them all (a stop)."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.records: list[Picture] = []
        """Where each finished picture ran (``node_id``, ``task_id``, ``pid``, ``what``)."""
        self._refs: set[Any] = set()
        self._lock = threading.Lock()
        self.cancelled = False

    def run(self, name: str, what: str, *args: Any) -> Picture:
        with self._lock:
            if self.cancelled:
                raise RenderError(f"the {what} was stopped")
            ref = _remote(name).options(**self.options).remote(*args)
            self._refs.add(ref)
        try:
            picture: Picture = ray.get(ref)
        except TaskCancelledError:
            raise RenderError(f"the {what} was stopped") from None
        except RayError as exc:  # retries spent: every try lost its worker
            log.warning("%s: the cluster lost the task: %r", what, exc)
            raise RenderError(f"the Ray worker drawing the {what} was lost") from None
        finally:
            with self._lock:
                self._refs.discard(ref)
        with self._lock:
            self.records.append({k: v for k, v in picture.items() if k != "png"} | {"what": what})
        return picture

    def cancel(self) -> None:
        """Cancel every picture task in flight; later ones are refused."""
        with self._lock:
            self.cancelled = True
            refs = list(self._refs)
        for ref in refs:
            try:
                ray.cancel(ref, force=True)
            except RayError as exc:  # finished meanwhile: nothing to stop
                log.info("picture task: cancel found nothing to stop (%r)", exc)


class RemoteSheetPainter(_PictureTasks):
    """A sheet painter whose every sheet is a Ray task; pricing and identity stay local.

    ``local`` is the painter this studio would use (built from its environment): its price
    feeds the ledger and its identity the content key; the worker builds its own from the
    backend's name and must report the same identity.
    """

    parallel = True

    def __init__(self, local: SheetPainter, backend: str, cluster: ClusterSettings) -> None:
        super().__init__(cluster.task_options(backend))
        self.local = local
        self.backend = backend
        self.cluster = cluster
        self.price = local.price

    def identity(self) -> str:
        """The studio's painter identity (the worker's must equal it)."""
        return self.local.identity()

    def paint(self, prompt: str, seed: int, idempotency_key: str | None) -> bytes:
        """One sheet, painted by a Ray task (blocks this thread until it is done)."""
        from tools.distributed.dispatch import ClusterUnavailable, connect

        try:
            connect(self.cluster)
        except ClusterUnavailable as exc:
            raise RenderError(str(exc)) from None
        args = (self.backend, prompt, seed, idempotency_key)
        picture = self.run("sheet", "character sheet", *args)
        return picture_bytes(picture, self.identity(), "character sheet")


class RemoteKeyframes(_PictureTasks):
    """The keyframe drawer a scene task hands its render: one nested Ray task per keyframe.

    A :data:`tools.backends.openai.shot_keyframes.RemoteDraw`: every backend's keyframes
    come through this one call, the kind choosing the task body on the worker.
    """

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(_nested(options))

    def __call__(self, kind: str, payload: dict[str, Any], identity: str | None) -> bytes:
        """One keyframe drawn by a nested Ray task from the worker's own settings."""
        picture = self.run("keyframe", "keyframe", kind, payload)
        return picture_bytes(picture, identity, "keyframe")


def _nested(options: dict[str, Any]) -> dict[str, Any]:
    """Options for a task nested in a scene task sized by ``options`` (see the module doc)."""
    if not options.get("resources") or not ray.is_initialized():
        return options
    nested = {k: v for k, v in options.items() if k != "resources"}
    node = ray.get_runtime_context().get_node_id()
    nested["scheduling_strategy"] = NodeAffinitySchedulingStrategy(node, soft=False)
    return nested
